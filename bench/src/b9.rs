//! B9: two threads taking and dropping references to one frozen object, as fast as they
//! can. Floe takes them as borrowed views (no count traffic); peers: `Arc` clone and drop
//! (one contended cache line), and Floe's own counted `Frozen` clone and drop (the same
//! contention, on the component's count). Time per reference taken and dropped, both
//! threads together. Goal: ≥ 5× `Arc`'s throughput.

use std::hint::black_box;
use std::sync::Arc;

use floe_core::{freeze_component, Frozen, List, Value, ViewValue};

use crate::harness::{measure, Config, Contender};
use crate::report::{Goal, Row};

/// Runs `op` `n` times on each of two threads at once.
fn two_threads(n: u64, op: impl Fn() + Sync) {
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                for _ in 0..n {
                    op();
                }
            });
        }
    });
}

/// Runs B9 with `n` references per thread per sample.
pub fn run(cfg: Config, n: u64) -> Vec<Row> {
    let list = List::new([Value::Int(1), Value::Int(2)]);
    freeze_component(std::slice::from_ref(list.as_obj())).unwrap();
    let shared = Frozen::try_from(list.into_obj()).unwrap();
    let arc = Arc::new([1i64, 2]);
    let mut contenders = [
        Contender::whole("floe view", || {
            two_threads(n, || {
                let v = shared.view();
                black_box(matches!(v.item(1), Some(ViewValue::Int(2))));
            })
        }),
        Contender::whole("Arc clone/drop", || {
            two_threads(n, || {
                let a = Arc::clone(&arc);
                black_box(a[1]);
            })
        }),
        Contender::whole("floe Frozen clone/drop", || {
            two_threads(n, || {
                let f = shared.clone();
                black_box(f.view().len());
            })
        }),
    ];
    let m = measure(cfg, 2 * n, &mut contenders);
    [(m[1], Goal::AtMost(0.2)), (m[2], Goal::Report)]
        .into_iter()
        .map(|((peer, peer_ns), goal)| Row {
            id: "B9",
            case: "2 threads take+drop a reference".into(),
            n,
            floe_ns: m[0].1,
            peer,
            peer_ns,
            goal,
        })
        .collect()
}
