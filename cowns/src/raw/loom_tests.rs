//! Loom models of the protocol: every interleaving (up to a preemption bound) of
//! enqueue and release on two and three cowns, and of a held-back hand-off. Ready
//! behaviours run at once on the thread that made them ready. Bodies record what they
//! saw in a plain `std` mutex (outside the model: it is held only briefly, with no
//! modelled operation inside); loom's `UnsafeCell` checks every content access for a
//! race. Run: `RUSTFLAGS="--cfg loom" CARGO_TARGET_DIR=target/loom cargo test -p
//! floe-cowns --release --lib loom`.

use std::sync::{Arc, Mutex};

use floe_core::{FrozenValue, Value};

use super::{schedule, Access, Ready};
use crate::cown::{Content, Cown};

fn inline(r: Ready) {
    r.run(0, &mut inline);
}

fn int(slot: &Content) -> i64 {
    match slot {
        Content::Frozen(v) => match **v {
            Value::Int(i) => i,
            _ => -1,
        },
        _ => -1,
    }
}

fn set(slot: &mut Content, i: i64) {
    *slot = Content::Frozen(FrozenValue::new(Value::Int(i)).expect("ints are frozen"));
}

fn cown(i: i64) -> Cown {
    let mut content = Content::Empty;
    set(&mut content, i);
    Cown::holding(content)
}

/// A body appending digit `d` to the log (a decimal number) in every cown it holds.
fn append(d: i64) -> impl FnOnce(&mut Access<'_>) + Send + 'static {
    move |a: &mut Access<'_>| {
        for i in 0..a.slots.len() {
            a.with(i, |slot| {
                let log = int(slot);
                set(slot, log * 10 + d);
            });
        }
    }
}

/// Reads every cown's log into `out`.
fn read(cowns: &[&Cown]) -> Vec<i64> {
    let out = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&out);
    schedule(
        cowns,
        0,
        move |a: &mut Access<'_>| {
            for i in 0..a.slots.len() {
                let v = a.with(i, |slot| int(slot));
                sink.lock().unwrap().push(v);
            }
        },
        &mut inline,
    );
    let v = out.lock().unwrap().clone();
    v
}

/// Explores `f` with at most `preemptions` preemptions per execution.
fn model(preemptions: usize, f: impl Fn() + Sync + Send + 'static) {
    let mut b = loom::model::Builder::new();
    b.preemption_bound = Some(preemptions);
    b.max_branches = 100_000;
    b.check(f);
}

#[test]
fn loom_two_cowns_named_in_opposite_orders_run_in_one_order_on_both() {
    model(2, || {
        let (x, y) = (cown(0), cown(0));
        let (x2, y2) = (x.clone(), y.clone());
        let t = loom::thread::spawn(move || {
            schedule(&[&y2, &x2], 0, append(2), &mut inline);
        });
        schedule(&[&x, &y], 0, append(1), &mut inline);
        t.join().unwrap();
        let logs = read(&[&x, &y]);
        assert!(logs == [12, 12] || logs == [21, 21], "{logs:?}");
    });
}

#[test]
fn loom_one_cown_keeps_scheduling_order_against_another_thread() {
    model(2, || {
        let x = cown(0);
        let x2 = x.clone();
        let t = loom::thread::spawn(move || {
            schedule(&[&x2], 0, append(3), &mut inline);
        });
        schedule(&[&x], 0, append(1), &mut inline);
        schedule(&[&x], 0, append(2), &mut inline);
        t.join().unwrap();
        let log = read(&[&x])[0];
        assert!([123, 132, 312].contains(&log), "{log}");
    });
}

#[test]
fn loom_three_cowns_in_a_cycle_never_deadlock() {
    model(1, || {
        let (x, y, z) = (cown(0), cown(0), cown(0));
        let t1 = {
            let (x, y) = (x.clone(), y.clone());
            loom::thread::spawn(move || {
                schedule(&[&x, &y], 0, append(1), &mut inline);
            })
        };
        let t2 = {
            let (y, z) = (y.clone(), z.clone());
            loom::thread::spawn(move || {
                schedule(&[&y, &z], 0, append(2), &mut inline);
            })
        };
        schedule(&[&z, &x], 0, append(3), &mut inline);
        t1.join().unwrap();
        t2.join().unwrap();
        let logs = read(&[&x, &y, &z]);
        // Every behaviour ran, once, on each of its cowns.
        let digits = |n: i64| {
            let mut d: Vec<i64> = n.to_string().bytes().map(|b| i64::from(b - b'0')).collect();
            d.sort_unstable();
            d
        };
        assert_eq!(
            [digits(logs[0]), digits(logs[1]), digits(logs[2])],
            [vec![1, 3], vec![1, 2], vec![2, 3]]
        );
    });
}

#[test]
fn loom_a_held_back_handoff_runs_before_the_behaviours_queued_behind_it() {
    model(2, || {
        let x = cown(0);
        let gate = schedule(&[&x], 1, append(7), &mut inline).expect("a held count gives a hold");
        let x2 = x.clone();
        let t = loom::thread::spawn(move || {
            schedule(&[&x2], 0, append(1), &mut inline);
        });
        gate.release(&mut inline);
        t.join().unwrap();
        let log = read(&[&x])[0];
        assert_eq!(
            log, 71,
            "the gate first, then the behaviour queued behind it"
        );
    });
}

#[test]
fn loom_a_cown_whose_handles_are_dropped_lives_until_its_queue_empties() {
    model(2, || {
        let x = cown(0);
        let cell = std::sync::Arc::downgrade(&x.0);
        let x2 = x.clone();
        let t = loom::thread::spawn(move || {
            // The last handle goes while the behaviour may still be queued.
            schedule(&[&x2], 0, append(2), &mut inline);
        });
        schedule(&[&x], 0, append(1), &mut inline);
        drop(x);
        t.join().unwrap();
        // Both behaviours ran (each touched the content through loom's cell, which
        // fails on a freed cell), and the queue's count went with the last release.
        assert!(cell.upgrade().is_none(), "the cown outlived its queue");
    });
}
