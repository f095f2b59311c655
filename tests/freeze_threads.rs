//! A frozen graph of 100,000 objects read by two threads at once, each taking and
//! dropping references all over it; whichever thread drops the last reference reclaims
//! everything.

use std::sync::{Arc, Barrier};

use floe_core::heap::thread_stats;
use floe_core::{Frozen, List, ObjRef, Value};
use floe_freeze::freeze;

const N: usize = 100_000;

/// A binary heap-shaped tree of lists, children `2i+1`, `2i+2`, every tenth node also
/// pointing back at the root (cycles: one big component plus small ones).
fn build() -> ObjRef {
    let nodes: Vec<List> = (0..N).map(|i| List::new([Value::Int(i as i64)])).collect();
    for i in 0..N {
        for c in [2 * i + 1, 2 * i + 2] {
            if c < N {
                nodes[i].push(nodes[c].clone().into()).unwrap();
            }
        }
        if i % 10 == 9 {
            nodes[i].push(nodes[0].clone().into()).unwrap();
        }
    }
    nodes[0].as_obj().clone()
}

/// Visits every node once, taking a reference to each child it follows; returns the sum
/// of the nodes' values.
fn walk(root: &ObjRef) -> i64 {
    let mut seen = vec![false; N];
    let mut stack = vec![root.clone()];
    let mut sum = 0;
    while let Some(node) = stack.pop() {
        let list = List::try_from(node).unwrap();
        let Value::Int(v) = list.get(0).unwrap() else {
            panic!("value")
        };
        if std::mem::replace(&mut seen[v as usize], true) {
            continue;
        }
        sum += v;
        for item in list.to_vec().into_iter().skip(1) {
            if let Value::Obj(child) = item {
                stack.push(child);
            }
        }
    }
    sum
}

#[test]
fn two_threads_share_a_frozen_graph_and_the_last_drop_reclaims_it() {
    let before = thread_stats();
    let root = build();
    freeze(std::slice::from_ref(&root)).unwrap();
    let shared = Frozen::try_from(root).unwrap();
    let expected = (N as i64) * (N as i64 - 1) / 2;
    let barrier = Arc::new(Barrier::new(2));
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let mine = shared.clone();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                let sums: Vec<i64> = (0..3).map(|_| walk(mine.get())).collect();
                let freed_before = thread_stats().freed;
                drop(mine);
                (sums, thread_stats().freed - freed_before)
            })
        })
        .collect();
    drop(shared);
    let mut freed_by_workers = 0;
    for w in workers {
        let (sums, freed) = w.join().unwrap();
        assert!(
            sums.iter().all(|&s| s == expected),
            "every walk saw every node"
        );
        freed_by_workers += freed;
    }
    let after = thread_stats();
    let allocated = after.allocated - before.allocated;
    let freed_here = after.freed - before.freed;
    assert_eq!(allocated, N as u64);
    assert_eq!(
        freed_here + freed_by_workers,
        allocated,
        "reclaimed exactly once, somewhere"
    );
}
