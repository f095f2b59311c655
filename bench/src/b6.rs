//! B6: allocate n objects, then drop them all. Each object has two fields holding
//! immediates. Floe allocates them
//!
//! - in a region (`List::new_in`), held by a list reachable from the bridge, then drops
//!   the last handles, which frees the region as a unit; and
//! - on the thread's local heap, held by a `Vec`, each freed by its count.
//!
//! Peers: a `Box` per object (the system allocator), and `bumpalo` alone — the floor an
//! arena could approach (RFC-0002 §8 discusses why regions do not use one).

use std::hint::black_box;

use bumpalo::Bump;
use floe_core::{List, Value};
use floe_regions::Region;

use crate::harness::{measure, Config, Contender};
use crate::report::{Goal, Row};

fn fields(i: u64) -> [Value; 2] {
    [Value::Int(i as i64), Value::None]
}

/// Runs B6 at each size and returns its rows.
pub fn run(cfg: Config, sizes: &[u64]) -> Vec<Row> {
    let mut rows = Vec::new();
    for &n in sizes {
        let box_peer = || {
            let objects: Vec<Box<[Value; 2]>> = (0..n).map(|i| Box::new(fields(i))).collect();
            drop(black_box(objects));
        };
        let bump_peer = || {
            let bump = Bump::new();
            let objects: Vec<&mut [Value; 2]> = (0..n).map(|i| bump.alloc(fields(i))).collect();
            drop(black_box(objects));
            drop(bump);
        };
        let mut contenders = [
            Contender::whole("region", || {
                let r = Region::new();
                let holder = List::new_in(r.bridge(), []).unwrap();
                r.set("objects", holder.clone()).unwrap(); // reachable from the bridge
                for i in 0..n {
                    let obj = List::new_in(r.bridge(), fields(i)).unwrap();
                    holder.push(obj.into()).unwrap();
                }
                drop(black_box((holder, r))); // the last handles: freed as a unit
            }),
            Contender::whole("local heap", || {
                let objects: Vec<List> = (0..n).map(|i| List::new(fields(i))).collect();
                drop(black_box(objects));
            }),
            Contender::whole("Box", box_peer),
            Contender::whole("bumpalo", bump_peer),
        ];
        let m = measure(cfg, n, &mut contenders);
        for (case, floe_ns) in [
            ("alloc+drop in a region", m[0].1),
            ("alloc+drop local heap", m[1].1),
        ] {
            for &(peer, peer_ns) in &m[2..] {
                let goal = if peer == "bumpalo" {
                    Goal::AtMost(1.5)
                } else {
                    Goal::Report
                };
                rows.push(Row {
                    id: "B6",
                    case: case.into(),
                    n,
                    floe_ns,
                    peer,
                    peer_ns,
                    goal,
                });
            }
        }
    }
    rows
}
