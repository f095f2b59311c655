//! Properties of `floe_freeze::freeze` on random graphs (quickcheck): the components and
//! counts it makes equal a plain Tarjan and a recount; it freezes exactly what the roots
//! reach; a refused freeze changes nothing; and after random freezes and drops every
//! object is reclaimed exactly once.

#[path = "support/graphs.rs"]
mod graphs;

use std::collections::{HashMap, VecDeque};

use floe_core::{Freezable, ObjRef, State};
use floe_freeze::{freeze, freeze_with, FreezePolicy};
use graphs::{component_count, component_of, quickcheck, reclaims_graph, tarjan, GraphSpec};
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
            let snapshot = |nodes: &[ObjRef]| -> Vec<(State, usize, Vec<usize>)> {
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
            };
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
