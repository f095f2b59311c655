//! Properties of `floe_freeze::freeze` on random graphs (quickcheck): the components and
//! counts it makes equal a plain Tarjan and a recount; it freezes exactly what the roots
//! reach; a refused freeze changes nothing, whichever rule refuses it at whichever point
//! of the walk; and after random freezes and drops every object is reclaimed exactly once.

#[path = "support/graphs.rs"]
mod graphs;

use std::collections::{HashMap, VecDeque};

use floe_core::{freeze_component, Class, Freezable, List, ObjRef, State, Value};
use floe_freeze::{freeze, freeze_with, freeze_with_hooks, FreezeError, FreezePolicy};
use graphs::{
    build, component_count, component_of, quickcheck, reclaims_everything, reclaims_graph, tarjan,
    GraphSpec,
};
use quickcheck::{Arbitrary, Gen};

/// Freezing every node: components are Tarjan's, counts are the recount.
#[test]
fn components_and_counts_match_tarjan_and_a_recount() {
    fn prop(spec: GraphSpec) -> bool {
        reclaims_graph(&spec, |g| {
            freeze(&g.nodes).unwrap();
            let sccs = tarjan(&g.adjacency);
            let scc_of = component_of(&sccs, g.nodes.len());
            // Same component exactly when Tarjan says so.
            let mut component_of: HashMap<usize, usize> = HashMap::new();
            for (v, node) in g.nodes.iter().enumerate() {
                let id = node.component().expect("frozen");
                assert_eq!(
                    *component_of.entry(id).or_insert(scc_of[v]),
                    scc_of[v],
                    "node {v}"
                );
            }
            assert_eq!(component_of.len(), sccs.len(), "one component per SCC");
            // Each component counts the references from outside it.
            for (c, scc) in sccs.iter().enumerate() {
                let expect = component_count(&g, &sccs, &scc_of, c);
                assert_eq!(g.nodes[scc[0]].ref_count(), expect, "component {c}");
            }
        })
    }
    quickcheck(500).quickcheck(prop as fn(GraphSpec) -> bool);
}

/// Freezing from one root freezes exactly what it reaches.
#[test]
fn freeze_covers_exactly_what_the_roots_reach() {
    fn prop(spec: GraphSpec, root: usize) -> bool {
        reclaims_graph(&spec, |g| {
            let root = root % g.nodes.len();
            freeze_with(
                std::slice::from_ref(&g.nodes[root]),
                FreezePolicy::default().allowing_aliases(),
                &[],
            )
            .unwrap();
            let mut reach = vec![false; g.nodes.len()];
            let mut queue = VecDeque::from([root]);
            reach[root] = true;
            while let Some(v) = queue.pop_front() {
                for &t in &g.adjacency[v] {
                    if !reach[t] {
                        reach[t] = true;
                        queue.push_back(t);
                    }
                }
            }
            for (v, node) in g.nodes.iter().enumerate() {
                assert_eq!(node.is_frozen(), reach[v], "node {v}");
            }
        })
    }
    quickcheck(500).quickcheck(prop as fn(GraphSpec, usize) -> bool);
}

/// A freeze refused (an unfreezable node, or a mutable alias) changes nothing.
#[test]
fn a_refused_freeze_changes_nothing() {
    fn prop(spec: GraphSpec, root: usize, bad: usize) -> bool {
        reclaims_graph(&spec, |g| {
            let (root, bad) = (root % g.nodes.len(), bad % g.nodes.len());
            g.nodes[bad].set_freezable(Freezable::No).unwrap();
            let before = snapshot(&g.nodes);
            if freeze(std::slice::from_ref(&g.nodes[root])).is_err() {
                assert_eq!(
                    snapshot(&g.nodes),
                    before,
                    "a refused freeze changed the heap"
                );
            } else {
                assert!(
                    !g.nodes[bad].is_frozen(),
                    "an unfreezable object was frozen"
                );
            }
        })
    }
    quickcheck(500).quickcheck(prop as fn(GraphSpec, usize, usize) -> bool);
}

/// The rule that refuses the freeze in [`a_refusal_anywhere_in_the_walk_changes_nothing`].
#[derive(Clone, Copy, Debug)]
enum Refuse {
    /// The node is `FREEZABLE_NO`.
    Unfreezable,
    /// A list outside the graph references the node (the isolation rule).
    Alias,
    /// The node's `__pre_freeze__` hook fails (it is an instance; the others' succeed).
    Hook,
}

impl Arbitrary for Refuse {
    fn arbitrary(g: &mut Gen) -> Refuse {
        *g.choose(&[Refuse::Unfreezable, Refuse::Alias, Refuse::Hook])
            .expect("three rules")
    }
}

/// Everything the heap says about each node: state, count, references.
fn snapshot(nodes: &[ObjRef]) -> Vec<(State, usize, Vec<usize>)> {
    nodes
        .iter()
        .map(|n| {
            (
                n.state(),
                n.ref_count(),
                n.references().iter().map(ObjRef::id).collect(),
            )
        })
        .collect()
}

/// The nodes `root` reaches (itself included), by the model's adjacency.
fn reached(adjacency: &[Vec<usize>], root: usize) -> Vec<bool> {
    let mut reach = vec![false; adjacency.len()];
    let mut queue = VecDeque::from([root]);
    reach[root] = true;
    while let Some(v) = queue.pop_front() {
        for &t in &adjacency[v] {
            if !reach[t] {
                reach[t] = true;
                queue.push_back(t);
            }
        }
    }
    reach
}

/// One rule refuses at one random node (any point of the walk): the freeze is refused
/// exactly when the walk reaches that node (for an alias, a non-root node), and then the
/// heap is exactly as before; instances run their hooks (a class with `__pre_freeze__`).
#[test]
fn a_refusal_anywhere_in_the_walk_changes_nothing() {
    fn prop(spec: GraphSpec, root: usize, bad: usize, rule: Refuse) -> bool {
        reclaims_everything(|| {
            let class = Class::new("Hooked", &[]);
            class.set_attr("__pre_freeze__", Value::None).unwrap();
            freeze_component(&[class.as_obj().clone()]).unwrap();
            let g = build(&spec, &class);
            let (root, bad) = (root % g.nodes.len(), bad % g.nodes.len());
            let mut alias = None;
            match rule {
                Refuse::Unfreezable => g.nodes[bad].set_freezable(Freezable::No).unwrap(),
                Refuse::Alias => alias = Some(List::new([g.nodes[bad].clone().into()])),
                Refuse::Hook => {}
            }
            let is_instance = g.nodes[bad].kind() == floe_core::Kind::Instance;
            let before = snapshot(&g.nodes);
            let bad_obj = g.nodes[bad].clone();
            let fail_hook = matches!(rule, Refuse::Hook);
            let mut hook = |o: &ObjRef| !(fail_hook && o.ptr_eq(&bad_obj));
            // Only the alias case checks the isolation rule (unreached nodes referencing
            // reached ones are aliases too: the model counts them).
            let policy = match rule {
                Refuse::Alias => FreezePolicy::default(),
                _ => FreezePolicy::default().allowing_aliases(),
            };
            let result = freeze_with_hooks(
                std::slice::from_ref(&g.nodes[root]),
                policy,
                &[],
                Some(&mut hook),
            );
            drop(bad_obj);
            let reach = reached(&g.adjacency, root);
            let refused = match rule {
                Refuse::Unfreezable => reach[bad],
                Refuse::Alias => {
                    let inner_alias = g.adjacency.iter().enumerate().any(|(u, targets)| {
                        !reach[u] && targets.iter().any(|&v| reach[v] && v != root)
                    });
                    (reach[bad] && bad != root) || inner_alias
                }
                Refuse::Hook => reach[bad] && is_instance,
            };
            assert_eq!(result.is_err(), refused, "{rule:?}: {result:?}");
            match (&result, rule) {
                (Err(FreezeError::NotFreezable { .. }), Refuse::Unfreezable)
                | (Err(FreezeError::Isolation { .. }), Refuse::Alias)
                | (Err(FreezeError::PreFreeze { .. }), Refuse::Hook)
                | (Ok(()), _) => {}
                (Err(e), _) => panic!("{rule:?} refused as {e:?}"),
            }
            if refused {
                assert_eq!(
                    snapshot(&g.nodes),
                    before,
                    "a refused freeze changed the heap"
                );
            }
            drop((g, alias));
        })
    }
    quickcheck(500).quickcheck(prop as fn(GraphSpec, usize, usize, Refuse) -> bool);
}

#[derive(Clone, Debug)]
enum Step {
    Freeze(usize),
    Drop(usize),
}

impl Arbitrary for Step {
    fn arbitrary(g: &mut Gen) -> Step {
        if bool::arbitrary(g) {
            Step::Freeze(usize::arbitrary(g))
        } else {
            Step::Drop(usize::arbitrary(g))
        }
    }
}

/// Random freezes and drops: every object is reclaimed exactly once (a double free would
/// fail the count or crash; a leak fails the count).
#[test]
fn random_freezes_and_drops_reclaim_every_object_once() {
    fn prop(spec: GraphSpec, steps: Vec<Step>) -> bool {
        reclaims_graph(&spec, |g| {
            let mut handles: Vec<Option<ObjRef>> = g.nodes.iter().cloned().map(Some).collect();
            drop(g);
            for step in steps {
                match step {
                    Step::Freeze(i) => {
                        if let Some(h) = &handles[i % handles.len()] {
                            freeze_with(
                                std::slice::from_ref(h),
                                FreezePolicy::default().allowing_aliases(),
                                &[],
                            )
                            .unwrap();
                        }
                    }
                    Step::Drop(i) => {
                        let n = handles.len();
                        handles[i % n] = None;
                    }
                }
            }
        })
    }
    quickcheck(300).quickcheck(prop as fn(GraphSpec, Vec<Step>) -> bool);
}
