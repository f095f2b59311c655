//! B1: deep freeze of a local graph, six shapes. Peers: a Rust deep clone of the same
//! graph (an index-linked node vector, cloned), and CPython's `copy.deepcopy` and
//! `pickle` round trip of the same shape (`scripts/b1_peer.py`, a subprocess timing
//! itself). Goals: ≤ 15 ns/object; ≥ 50× faster than the pickle round trip.

use std::path::Path;
use std::process::Command;

use floe_core::{List, ObjRef, Value};
use floe_freeze::freeze;

use crate::harness::{measure, Config, Contender};
use crate::report::{Goal, Row};

/// The six shapes, as the protocol names them.
pub const SHAPES: [&str; 6] = [
    "linked_list",
    "doubly_linked_list",
    "binary_tree",
    "tree_leaf_to_root",
    "tree_parent_pointers",
    "dense_random_cycles",
];

/// The references of each node, by index; node 0 reaches every node. Mirrored exactly in
/// `scripts/b1_peer.py`.
pub fn edges(shape: &str, n: usize) -> Vec<Vec<u32>> {
    let mut out = vec![Vec::new(); n];
    match shape {
        "linked_list" | "doubly_linked_list" => {
            for i in 0..n.saturating_sub(1) {
                out[i].push(i as u32 + 1);
                if shape == "doubly_linked_list" {
                    out[i + 1].push(i as u32);
                }
            }
        }
        "binary_tree" | "tree_leaf_to_root" | "tree_parent_pointers" => {
            for i in 0..n {
                for c in [2 * i + 1, 2 * i + 2] {
                    if c < n {
                        out[i].push(c as u32);
                        if shape == "tree_parent_pointers" {
                            out[c].push(i as u32);
                        }
                    }
                }
                if shape == "tree_leaf_to_root" && 2 * i + 1 >= n {
                    out[i].push(0);
                }
            }
        }
        "dense_random_cycles" => {
            let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
            for node in out.iter_mut() {
                for _ in 0..3 {
                    x = x
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    node.push(((x >> 33) % n as u64) as u32);
                }
            }
            for (i, node) in out.iter_mut().enumerate().take(n.saturating_sub(1)) {
                node.push(i as u32 + 1);
            }
        }
        other => panic!("unknown shape {other}"),
    }
    out
}

/// The graph as Floe objects: node `i` is a list `[i, references...]`. Returns node 0.
fn build(edges: &[Vec<u32>]) -> ObjRef {
    let nodes: Vec<List> = (0..edges.len())
        .map(|i| List::new([Value::Int(i as i64)]))
        .collect();
    for (i, targets) in edges.iter().enumerate() {
        for &t in targets {
            nodes[i].push(nodes[t as usize].clone().into()).unwrap();
        }
    }
    nodes[0].as_obj().clone()
}

/// The Rust peer's node: a value and the indices it references.
#[derive(Clone)]
struct Node {
    value: i64,
    refs: Vec<u32>,
}

/// Runs CPython's peer; `None` (with a warning) if python3 is missing or fails.
fn cpython(shape: &str, n: u64, samples: usize) -> Option<(f64, f64)> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/b1_peer.py");
    let out = Command::new("python3")
        .arg(&script)
        .args([shape, &n.to_string(), &samples.to_string()])
        .output();
    match out {
        Ok(o) if o.status.success() => {
            let text = String::from_utf8_lossy(&o.stdout);
            let mut it = text.split_whitespace().map(str::parse::<f64>);
            match (it.next(), it.next()) {
                (Some(Ok(d)), Some(Ok(p))) => Some((d, p)),
                _ => None,
            }
        }
        Ok(o) => {
            eprintln!(
                "warning: B1's CPython peer failed: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            None
        }
        Err(e) => {
            eprintln!("warning: B1's CPython peer did not run (python3: {e})");
            None
        }
    }
}

/// Runs B1 for every shape at each size.
pub fn run(cfg: Config, sizes: &[u64]) -> Vec<Row> {
    let mut rows = Vec::new();
    for shape in SHAPES {
        for &n in sizes {
            let graph = edges(shape, n as usize);
            let rust: Vec<Node> = graph
                .iter()
                .enumerate()
                .map(|(i, refs)| Node {
                    value: i as i64,
                    refs: refs.clone(),
                })
                .collect();
            let mut contenders = [
                Contender::prepared(
                    "floe",
                    || build(&graph),
                    |root| {
                        freeze(std::slice::from_ref(&root)).unwrap();
                        root
                    },
                ),
                Contender::prepared(
                    "Rust deep clone",
                    || (),
                    |()| {
                        let copy = rust.clone();
                        assert_eq!((copy[0].value, copy[0].refs.len()), (0, graph[0].len()));
                        copy
                    },
                ),
            ];
            let m = measure(cfg, n, &mut contenders);
            let floe_ns = m[0].1;
            let row = |peer, peer_ns, goal| Row {
                id: "B1",
                case: format!("freeze {shape}"),
                n,
                floe_ns,
                peer,
                peer_ns,
                goal,
            };
            rows.push(row(m[1].0, m[1].1, Goal::FloeAtMostNs(15.0)));
            // CPython takes seconds per sample at 1e6: the protocol's minimum of 10 samples,
            // 3 in a smoke run.
            let py_samples = if cfg.samples <= Config::QUICK.samples {
                3
            } else {
                10
            };
            if let Some((deepcopy, pickle)) = cpython(shape, n, py_samples) {
                rows.push(row("CPython deepcopy", deepcopy, Goal::Report));
                rows.push(row("CPython pickle round trip", pickle, Goal::AtMost(0.02)));
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_reaches_every_node_from_node_0() {
        for shape in SHAPES {
            let e = edges(shape, 1000);
            let mut seen = vec![false; e.len()];
            let mut stack = vec![0usize];
            seen[0] = true;
            while let Some(v) = stack.pop() {
                for &t in &e[v] {
                    if !std::mem::replace(&mut seen[t as usize], true) {
                        stack.push(t as usize);
                    }
                }
            }
            assert!(seen.iter().all(|&s| s), "{shape}");
        }
    }
}
