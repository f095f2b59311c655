//! Loom models of the counting protocol of frozen components (RFC-0001 §4 rule 12): the
//! last of several threads to drop a reference frees the component, exactly once, and
//! after every other thread's reads of its bodies (the `Arc::drop` protocol: a `Release`
//! decrement, an `Acquire` fence before the free). Bodies live in the `sync::UnsafeCell`,
//! so loom checks each read against the free.
//!
//! Run with the README's command:
//! `RUSTFLAGS="--cfg loom" CARGO_TARGET_DIR=target/loom cargo test -p floe-core --release --lib loom`

use crate::heap::thread_stats;
use crate::{freeze_component, region, Frozen, List, Value, ViewValue};

fn model(f: impl Fn() + Sync + Send + 'static) {
    let mut builder = loom::model::Builder::new();
    builder.preemption_bound = Some(3);
    builder.check(f);
}

/// Reads the component through `h` on another thread, drops `h` there, reads through
/// `mine` here and drops it; returns how many objects were freed (loom runs every thread
/// of a model on one OS thread, so the thread-local counters see both).
fn read_and_drop_on_two_threads(
    mine: Frozen,
    h: Frozen,
    first: impl Fn(&Frozen) -> i64 + Send + Sync + 'static,
) -> u64 {
    let before = thread_stats().freed;
    let expected = first(&mine);
    let first = std::sync::Arc::new(first);
    let theirs = std::sync::Arc::clone(&first);
    let t = loom::thread::spawn(move || {
        assert_eq!(theirs(&h), expected, "the other thread reads the body");
        drop(h);
    });
    assert_eq!(first(&mine), expected);
    drop(mine);
    t.join().unwrap();
    thread_stats().freed - before
}

fn item0(h: &Frozen) -> i64 {
    match h.view().item(0) {
        Some(ViewValue::Int(i)) => i,
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn loom_the_last_drop_of_a_frozen_cycle_frees_it_once_after_every_read() {
    model(|| {
        // A two-member component (a cycle), one count at its root.
        let a = List::new([Value::Int(7)]);
        let b = List::new([a.clone().into()]);
        a.push(b.clone().into()).unwrap();
        freeze_component(&[a.as_obj().clone(), b.as_obj().clone()]).unwrap();
        drop(b);
        let shared = Frozen::try_from(a.into_obj()).unwrap();
        let other = shared.clone();
        assert_eq!(read_and_drop_on_two_threads(shared, other, item0), 2);
    });
}

#[test]
fn loom_the_last_drop_of_a_region_frozen_whole_frees_it_once_after_every_read() {
    model(|| {
        // A region frozen through its record: the record's count is the component's.
        let r = region::create(None);
        let l = List::new_in(&r, [Value::Int(5)]).unwrap();
        r.set_attr("l", l.into()).unwrap();
        assert!(region::freeze_whole(std::slice::from_ref(&r)));
        let shared = Frozen::try_from(r).unwrap();
        let other = shared.clone();
        let via_attr = |h: &Frozen| match h.view().attr("l") {
            Some(ViewValue::Obj(list)) => match list.item(0) {
                Some(ViewValue::Int(i)) => i,
                other => panic!("unexpected {other:?}"),
            },
            other => panic!("unexpected {other:?}"),
        };
        assert_eq!(read_and_drop_on_two_threads(shared, other, via_attr), 2);
    });
}
