//! Properties of random object graphs (quickcheck): counts equal a recount from scratch,
//! every graph is reclaimed (cycles included), freezing by strongly connected components
//! gives each component the count of its outside references, and refused writes change
//! nothing.

use floe_core::heap::{collect, thread_stats};
use floe_core::{freeze_component, Class, CoreError, Dict, Instance, List, ObjRef, Value};
use quickcheck::{Arbitrary, Gen, QuickCheck};

/// A random graph: node kinds, edges (with repeats and self edges), extra handles.
#[derive(Clone, Debug)]
struct GraphSpec {
    kinds: Vec<u8>,
    edges: Vec<(usize, usize)>,
    extra_handles: Vec<usize>,
}

impl Arbitrary for GraphSpec {
    fn arbitrary(g: &mut Gen) -> GraphSpec {
        let n = 1 + usize::arbitrary(g) % 24;
        let kinds = (0..n).map(|_| u8::arbitrary(g) % 3).collect();
        let m = usize::arbitrary(g) % (3 * n + 1);
        let edges = (0..m)
            .map(|_| (usize::arbitrary(g) % n, usize::arbitrary(g) % n))
            .collect();
        let h = usize::arbitrary(g) % (n + 1);
        let extra_handles = (0..h).map(|_| usize::arbitrary(g) % n).collect();
        GraphSpec {
            kinds,
            edges,
            extra_handles,
        }
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = GraphSpec>> {
        let me = self.clone();
        Box::new(self.edges.shrink().map(move |edges| GraphSpec {
            edges,
            ..me.clone()
        }))
    }
}

/// The graph built in the heap, with the adjacency kept on the side as the model.
struct Graph {
    nodes: Vec<ObjRef>,
    adjacency: Vec<Vec<usize>>,
    extra: Vec<ObjRef>,
}

fn add_edge(from: &ObjRef, slot: usize, to: &ObjRef) -> Result<(), CoreError> {
    let value = Value::Obj(to.clone());
    if let Ok(l) = List::try_from(from.clone()) {
        l.push(value)
    } else if let Ok(d) = Dict::try_from(from.clone()) {
        d.set(Value::Int(slot as i64), value)
    } else {
        Instance::try_from(from.clone())
            .unwrap()
            .set_attr(&format!("f{slot}"), value)
    }
}

fn build(spec: &GraphSpec, class: &Class) -> Graph {
    let nodes: Vec<ObjRef> = spec
        .kinds
        .iter()
        .map(|k| match k {
            0 => List::new([]).into_obj(),
            1 => Dict::new().into_obj(),
            _ => Instance::new(class).into_obj(),
        })
        .collect();
    let mut adjacency = vec![Vec::new(); nodes.len()];
    for (slot, &(a, b)) in spec.edges.iter().enumerate() {
        add_edge(&nodes[a], slot, &nodes[b]).unwrap();
        adjacency[a].push(b);
    }
    let extra = spec
        .extra_handles
        .iter()
        .map(|&i| nodes[i].clone())
        .collect();
    Graph {
        nodes,
        adjacency,
        extra,
    }
}

/// The references into node `i` according to the model: the node's own handle, extra
/// handles, and edges.
fn model_count(g: &Graph, i: usize) -> usize {
    let handles = 1 + g.extra.iter().filter(|e| e.ptr_eq(&g.nodes[i])).count();
    let edges = g.adjacency.iter().flatten().filter(|&&t| t == i).count();
    handles + edges
}

/// Plain Tarjan: strongly connected components, each emitted after every component it
/// reaches (reverse topological order), which is the order freezing needs.
fn tarjan(adjacency: &[Vec<usize>]) -> Vec<Vec<usize>> {
    struct State<'a> {
        adj: &'a [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        out: Vec<Vec<usize>>,
    }
    fn visit(s: &mut State<'_>, v: usize) {
        s.index[v] = Some(s.next);
        s.low[v] = s.next;
        s.next += 1;
        s.stack.push(v);
        s.on_stack[v] = true;
        for &w in &s.adj[v] {
            match s.index[w] {
                None => {
                    visit(s, w);
                    s.low[v] = s.low[v].min(s.low[w]);
                }
                Some(iw) if s.on_stack[w] => s.low[v] = s.low[v].min(iw),
                Some(_) => {}
            }
        }
        if Some(s.low[v]) == s.index[v] {
            let mut scc = Vec::new();
            loop {
                let w = s.stack.pop().unwrap();
                s.on_stack[w] = false;
                scc.push(w);
                if w == v {
                    break;
                }
            }
            s.out.push(scc);
        }
    }
    let n = adjacency.len();
    let mut s = State {
        adj: adjacency,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if s.index[v].is_none() {
            visit(&mut s, v);
        }
    }
    s.out
}

fn frozen_class() -> Class {
    let class = Class::new("Node", &[]);
    freeze_component(&[class.as_obj().clone()]).unwrap();
    class
}

/// Runs `f`, collects, and tells whether every object allocated on this thread since was
/// freed.
fn reclaims_everything(f: impl FnOnce()) -> bool {
    let before = thread_stats();
    f();
    collect();
    let after = thread_stats();
    after.allocated - before.allocated == after.freed - before.freed
}

fn quickcheck(cases: u64) -> QuickCheck {
    QuickCheck::new().tests(cases).max_tests(cases * 10)
}

/// Every local object's count equals a recount from the model, and dropping the handles
/// and collecting reclaims everything, cycles included.
#[test]
fn local_graphs_count_exactly_and_are_reclaimed() {
    fn prop(spec: GraphSpec) -> bool {
        reclaims_everything(|| {
            let class = frozen_class();
            let g = build(&spec, &class);
            for i in 0..g.nodes.len() {
                assert_eq!(g.nodes[i].ref_count(), model_count(&g, i), "node {i}");
                let class_edge = usize::from(spec.kinds[i] == 2); // an instance references its class
                assert_eq!(
                    g.nodes[i].references().len(),
                    g.adjacency[i].len() + class_edge
                );
            }
        })
    }
    quickcheck(500).quickcheck(prop as fn(GraphSpec) -> bool);
}

/// Freezing component by component (Tarjan order) succeeds; each component's count is
/// its outside references; a component frozen before its successors is refused and
/// changes nothing; dropping the handles frees everything with no collection.
#[test]
fn freezing_by_components_counts_outside_references() {
    fn prop(spec: GraphSpec) -> bool {
        // Everything ends frozen, and `collect` never frees frozen objects: only the
        // component counts can reclaim them.
        reclaims_everything(|| {
            let class = frozen_class();
            let g = build(&spec, &class);
            let sccs = tarjan(&g.adjacency);
            let scc_of = {
                let mut m = vec![0; g.nodes.len()];
                for (c, members) in sccs.iter().enumerate() {
                    for &v in members {
                        m[v] = c;
                    }
                }
                m
            };
            // Freezing the last component first must fail when it reaches anything else.
            let last = sccs.last().unwrap();
            let reaches_out = last
                .iter()
                .any(|&v| g.adjacency[v].iter().any(|&t| scc_of[t] != scc_of[v]));
            let members =
                |c: &Vec<usize>| c.iter().map(|&v| g.nodes[v].clone()).collect::<Vec<_>>();
            if reaches_out {
                let err = freeze_component(&members(last)).unwrap_err();
                assert!(matches!(err, CoreError::ComponentNotClosed { .. }));
                assert!(g.nodes.iter().all(|n| !n.is_frozen()), "nothing changed");
            }
            for scc in &sccs {
                freeze_component(&members(scc)).unwrap();
            }
            for (c, scc) in sccs.iter().enumerate() {
                let outside_edges = (0..g.nodes.len())
                    .filter(|&v| scc_of[v] != c)
                    .flat_map(|v| &g.adjacency[v])
                    .filter(|&&t| scc_of[t] == c)
                    .count();
                let handles: usize = scc.iter().map(|&v| model_count(&g, v)).sum::<usize>()
                    - scc
                        .iter()
                        .flat_map(|&v| &g.adjacency[v])
                        .filter(|&&t| scc_of[t] == c)
                        .count()
                    - outside_edges;
                let expect = handles + outside_edges;
                for &v in scc {
                    assert_eq!(g.nodes[v].ref_count(), expect, "component {c}");
                }
            }
        })
    }
    quickcheck(500).quickcheck(prop as fn(GraphSpec) -> bool);
}

/// A write refused because its target is frozen leaves every node's references and
/// count as they were.
#[test]
fn refused_writes_change_nothing() {
    fn prop(spec: GraphSpec, writes: Vec<(usize, usize)>) -> bool {
        let start = thread_stats();
        let class = frozen_class();
        let g = build(&spec, &class);
        let sccs = tarjan(&g.adjacency);
        // Freeze the first component Tarjan emits: it reaches nothing outside itself.
        let first: Vec<ObjRef> = sccs[0].iter().map(|&v| g.nodes[v].clone()).collect();
        freeze_component(&first).unwrap();
        let snapshot = |g: &Graph| -> Vec<(usize, Vec<usize>)> {
            g.nodes
                .iter()
                .map(|n| {
                    (
                        n.ref_count(),
                        n.references().iter().map(ObjRef::id).collect(),
                    )
                })
                .collect()
        };
        let before = snapshot(&g);
        let n = g.nodes.len();
        for (slot, &(a, b)) in writes.iter().enumerate() {
            let (a, b) = (a % n, b % n);
            if g.nodes[a].is_frozen() {
                let err = add_edge(&g.nodes[a], 1000 + slot, &g.nodes[b]).unwrap_err();
                assert!(matches!(err, CoreError::Immutable { .. }), "{err}");
            }
        }
        let unchanged = snapshot(&g) == before;
        drop((first, g, class));
        collect();
        let end = thread_stats();
        unchanged && end.allocated - start.allocated == end.freed - start.freed
    }
    quickcheck(300).quickcheck(prop as fn(GraphSpec, Vec<(usize, usize)>) -> bool);
}
