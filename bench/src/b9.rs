//! B9: two threads taking and dropping references to one frozen object, as fast as they
//! can; time per reference taken and dropped, both threads together. The peer is `Arc`
//! clone and drop on one shared `Arc` (one contended cache line). Rows, like for like:
//!
//! - (a) counted handles, goal ≥ 5× `Arc`'s throughput: each thread makes its own handle
//!   once — an `Rc<Frozen>`, one increment of the shared count per thread, as left-right's
//!   per-thread read handles — and then takes and drops counted references to it (a
//!   non-atomic count no other thread touches). Reported beside it: Floe's `Frozen` cloned
//!   and dropped directly, which contends on the shared count exactly as `Arc` does.
//! - (b) borrowed views (`Frozen::view`): no count at all, so less work than the peer; the
//!   case says so and the row does not count toward the goal.

use std::hint::black_box;
use std::rc::Rc;
use std::sync::Arc;

use floe_core::{freeze_component, Frozen, List, Value, ViewValue};

use crate::harness::{measure, Config, Contender};
use crate::report::{Goal, Row};

/// Runs `op` `n` times on each of two threads at once, on what `setup` made on that thread.
fn two_threads<S>(n: u64, setup: impl Fn() -> S + Sync, op: impl Fn(&S) + Sync) {
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                let mine = setup();
                for _ in 0..n {
                    op(&mine);
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
        Contender::whole("per-thread handle", || {
            two_threads(
                n,
                || Rc::new(shared.clone()),
                |mine| {
                    let handle = black_box(Rc::clone(mine));
                    black_box(handle.view().len());
                },
            )
        }),
        Contender::whole("Arc clone/drop", || {
            two_threads(
                n,
                || (),
                |_| {
                    let a = black_box(Arc::clone(&arc));
                    black_box(a[1]);
                },
            )
        }),
        Contender::whole("Frozen clone/drop", || {
            two_threads(
                n,
                || (),
                |_| {
                    let f = black_box(shared.clone());
                    black_box(f.view().len());
                },
            )
        }),
        Contender::whole("borrowed view", || {
            two_threads(
                n,
                || (),
                |_| {
                    let v = black_box(shared.view());
                    black_box(matches!(v.item(1), Some(ViewValue::Int(2))));
                },
            )
        }),
    ];
    let m = measure(cfg, 2 * n, &mut contenders);
    let row = |case: &str, floe_ns: f64, goal| Row {
        id: "B9",
        case: case.to_string(),
        n,
        floe_ns,
        peer: m[1].0,
        peer_ns: m[1].1,
        goal,
    };
    vec![
        row(
            "(a) counted: per-thread Rc<Frozen> clone/drop, 2 threads",
            m[0].1,
            Goal::AtMost(0.2),
        ),
        row(
            "(a) counted: shared Frozen clone/drop, 2 threads",
            m[2].1,
            Goal::Report,
        ),
        row(
            "(b) borrow, no count (less work than the peer; not a goal row), 2 threads",
            m[3].1,
            Goal::Report,
        ),
    ]
}
