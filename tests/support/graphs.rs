//! Random object graphs shared by the property tests: a spec quickcheck generates, the
//! graph built from it on the heap, a model of its references, and a plain Tarjan.

#![allow(dead_code)] // each test binary uses part of it

use floe_core::{freeze_component, Class, CoreError, Dict, Instance, List, ObjRef, Value};
use quickcheck::{Arbitrary, Gen, QuickCheck};

/// A random graph: node kinds, edges (with repeats and self edges), extra handles.
#[derive(Clone, Debug)]
pub struct GraphSpec {
    pub kinds: Vec<u8>,
    pub edges: Vec<(usize, usize)>,
    pub extra_handles: Vec<usize>,
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
pub struct Graph {
    pub nodes: Vec<ObjRef>,
    pub adjacency: Vec<Vec<usize>>,
    pub extra: Vec<ObjRef>,
}

pub fn add_edge(from: &ObjRef, slot: usize, to: &ObjRef) -> Result<(), CoreError> {
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

pub fn build(spec: &GraphSpec, class: &Class) -> Graph {
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
pub fn model_count(g: &Graph, i: usize) -> usize {
    let handles = 1 + g.extra.iter().filter(|e| e.ptr_eq(&g.nodes[i])).count();
    let edges = g.adjacency.iter().flatten().filter(|&&t| t == i).count();
    handles + edges
}

/// Plain Tarjan: strongly connected components, each emitted after every component it
/// reaches (reverse topological order), which is the order freezing needs.
pub fn tarjan(adjacency: &[Vec<usize>]) -> Vec<Vec<usize>> {
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

/// The index, in `sccs` (as [`tarjan`] returns them), of each node's component.
pub fn component_of(sccs: &[Vec<usize>], n: usize) -> Vec<usize> {
    let mut of = vec![0; n];
    for (c, members) in sccs.iter().enumerate() {
        for &v in members {
            of[v] = c;
        }
    }
    of
}

/// The count frozen component `c` must hold, recounted from the model: every reference
/// into its members (handles and edges) less those from inside it.
pub fn component_count(g: &Graph, sccs: &[Vec<usize>], scc_of: &[usize], c: usize) -> usize {
    let inside = sccs[c]
        .iter()
        .flat_map(|&v| &g.adjacency[v])
        .filter(|&&t| scc_of[t] == c)
        .count();
    sccs[c].iter().map(|&v| model_count(g, v)).sum::<usize>() - inside
}

pub fn frozen_class() -> Class {
    let class = Class::new("Node", &[]);
    freeze_component(&[class.as_obj().clone()]).unwrap();
    class
}

/// Runs `f`, collects, and tells whether every object allocated on this thread since was
/// freed.
pub fn reclaims_everything(f: impl FnOnce()) -> bool {
    floe_core::heap::freed_all(f).1
}

/// Builds `spec`'s graph on a fresh frozen class, hands it to `check`, and tells whether
/// everything allocated meanwhile (graph and class included) was freed once `check` has
/// dropped the graph and local cycles were collected.
pub fn reclaims_graph(spec: &GraphSpec, check: impl FnOnce(Graph)) -> bool {
    reclaims_everything(|| check(build(spec, &frozen_class())))
}

/// The number of cases to run: `cases` times `FLOE_QUICKCHECK_SCALE` (default 1), so a
/// soak run can multiply every property's cases (README, "Soak").
pub fn scaled(cases: u64) -> u64 {
    let scale = std::env::var("FLOE_QUICKCHECK_SCALE")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(1)
        .max(1);
    cases * scale
}

pub fn quickcheck(cases: u64) -> QuickCheck {
    let cases = scaled(cases);
    QuickCheck::new().tests(cases).max_tests(cases * 10)
}
