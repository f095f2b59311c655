//! B6: allocate n objects, then drop them all. Each object has two fields holding
//! immediates. Peers: a `Box` per object (the system allocator), and `bumpalo` alone —
//! the floor a region arena can approach.
//!
//! Floe's contender allocates `list` objects of two elements on the thread's local heap
//! (registered with the thread, counted, freed one by one). Region arenas (issue 3)
//! replace this with allocation inside a region and a whole-region drop.

use std::hint::black_box;

use bumpalo::Bump;
use floe_core::{List, Value};

use crate::harness::{measure, Config, Contender};
use crate::report::{Goal, Row};

fn fields(i: u64) -> [Value; 2] {
    [Value::Int(i as i64), Value::None]
}

/// Runs B6 at each size and returns its rows.
pub fn run(cfg: Config, sizes: &[u64]) -> Vec<Row> {
    let mut rows = Vec::new();
    for &n in sizes {
        let mut contenders = [
            Contender::whole("floe", || {
                let objects: Vec<List> = (0..n).map(|i| List::new(fields(i))).collect();
                drop(black_box(objects));
            }),
            Contender::whole("Box", || {
                let objects: Vec<Box<[Value; 2]>> = (0..n).map(|i| Box::new(fields(i))).collect();
                drop(black_box(objects));
            }),
            Contender::whole("bumpalo", || {
                let bump = Bump::new();
                let objects: Vec<&mut [Value; 2]> = (0..n).map(|i| bump.alloc(fields(i))).collect();
                drop(black_box(objects));
                drop(bump);
            }),
        ];
        let medians = measure(cfg, n, &mut contenders);
        let (_, floe_ns) = medians[0];
        for &(peer, peer_ns) in &medians[1..] {
            let goal = if peer == "bumpalo" {
                Goal::AtMost(1.5)
            } else {
                Goal::Report
            };
            rows.push(Row {
                id: "B6",
                case: "alloc+drop list[2] (local heap)".into(),
                n,
                floe_ns,
                peer,
                peer_ns,
                goal,
            });
        }
    }
    rows
}
