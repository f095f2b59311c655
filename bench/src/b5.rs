//! B5: capture — store a local graph of k objects (a linked chain of two-element lists)
//! into a region, against freezing the same graph with the core's component primitive
//! (one `freeze_component` per node, successors first; `floe-freeze`'s B1 replaces this
//! peer when it lands). Goal: ≤ 20 ns per captured object.

use floe_core::{freeze_component, List, Value};
use floe_regions::Region;

use crate::harness::{measure, Config, Contender};
use crate::report::{Goal, Row};

/// A chain of `k` local lists `[i, next]`, head first.
fn chain(k: u64) -> Vec<List> {
    let mut nodes: Vec<List> = Vec::with_capacity(k as usize);
    let mut next = Value::None;
    for i in 0..k {
        let node = List::new([Value::Int(i as i64), next]);
        next = node.clone().into();
        nodes.push(node);
    }
    nodes.reverse();
    nodes
}

/// Runs B5 at each size.
pub fn run(cfg: Config, sizes: &[u64]) -> Vec<Row> {
    let mut rows = Vec::new();
    for &k in sizes {
        let mut contenders = [
            Contender::prepared(
                "floe",
                || {
                    let nodes = chain(k);
                    (Region::new(), nodes[0].clone())
                },
                |(r, head)| {
                    r.set("graph", head).unwrap();
                    r
                },
            ),
            Contender::prepared(
                "freeze_component per node",
                || chain(k),
                |nodes| {
                    for node in nodes.iter().rev() {
                        freeze_component(std::slice::from_ref(node.as_obj())).unwrap();
                    }
                    nodes
                },
            ),
        ];
        let m = measure(cfg, k, &mut contenders);
        rows.push(Row {
            id: "B5",
            case: "capture chain of lists".into(),
            n: k,
            floe_ns: m[0].1,
            peer: m[1].0,
            peer_ns: m[1].1,
            goal: Goal::FloeAtMostNs(20.0),
        });
    }
    rows
}
