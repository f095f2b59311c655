//! Properties of random object graphs (quickcheck): counts equal a recount from scratch,
//! every graph is reclaimed (cycles included), freezing by strongly connected components
//! gives each component the count of its outside references, and refused writes change
//! nothing.

#[path = "support/graphs.rs"]
mod graphs;

use floe_core::{freeze_component, CoreError, ObjRef};
use graphs::{
    add_edge, component_count, component_of, model_count, quickcheck, reclaims_graph, tarjan,
    Graph, GraphSpec,
};

/// Every local object's count equals a recount from the model, and dropping the handles
/// and collecting reclaims everything, cycles included.
#[test]
fn local_graphs_count_exactly_and_are_reclaimed() {
    fn prop(spec: GraphSpec) -> bool {
        reclaims_graph(&spec, |g| {
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
        reclaims_graph(&spec, |g| {
            let sccs = tarjan(&g.adjacency);
            let scc_of = component_of(&sccs, g.nodes.len());
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
                let expect = component_count(&g, &sccs, &scc_of, c);
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
        let mut unchanged = false;
        let reclaimed = reclaims_graph(&spec, |g| {
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
            unchanged = snapshot(&g) == before;
        });
        unchanged && reclaimed
    }
    quickcheck(300).quickcheck(prop as fn(GraphSpec, Vec<(usize, usize)>) -> bool);
}
