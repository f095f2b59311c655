//! Cowns across real threads (issue #6): a large region passed around a ring of
//! behaviours arrives intact; many threads scheduling two-cown behaviours in random
//! orders never deadlock and keep an invariant; a stress run (`#[ignore = "stress"]`,
//! run by the README's stress command) does both for about a minute with every core busy.

use std::time::{Duration, Instant};

use floe_core::{List, Value};
use floe_cowns::{wait, when, Cown, Live};
use floe_regions::Region;

/// A region holding `n` lists `[i]` in one list; its checksum is the sum of the i.
fn big_region(n: i64) -> Region {
    let r = Region::named("payload");
    let items = List::new([]);
    r.set("items", items.clone()).unwrap();
    for i in 0..n {
        items.push(List::new([Value::Int(i)]).into()).unwrap();
    }
    r
}

fn checksum(r: &Region) -> i64 {
    let items = List::try_from(r.get("items").unwrap().as_obj().unwrap().clone()).unwrap();
    items
        .to_vec()
        .iter()
        .map(|v| {
            match List::try_from(v.as_obj().unwrap().clone())
                .unwrap()
                .get(0)
                .unwrap()
            {
                Value::Int(i) => i,
                _ => panic!("an int"),
            }
        })
        .sum()
}

/// Moves the region `hops` times around a ring of `k` cowns, one behaviour per hop, each
/// holding the source and the destination cown.
fn ring(n: i64, k: usize, hops: usize) -> i64 {
    let cowns: Vec<Cown> = (0..k).map(|_| Cown::empty()).collect();
    let first = Cown::new(Live::Region(big_region(n))).unwrap();
    // Seed the ring from `first`.
    when(&[&first, &cowns[0]], |held| {
        let region = held[0].take();
        held[1].set(region);
    });
    for h in 0..hops {
        let (from, to) = (&cowns[h % k], &cowns[(h + 1) % k]);
        when(&[from, to], |held| {
            let region = held[0].take();
            assert!(region.region().is_some(), "the region arrives at every hop");
            held[1].set(region);
        });
    }
    let Live::Region(r) = wait(&cowns[hops % k]).unwrap() else {
        panic!("the region ends where the last hop put it")
    };
    checksum(&r)
}

#[test]
fn a_region_of_1e5_objects_goes_1000_times_around_a_ring_intact() {
    let n = 100_000;
    assert_eq!(ring(n, 4, 1000), n * (n - 1) / 2);
}

/// Threads schedule transfers between random pairs of accounts (each a region holding
/// its balance), naming the pair in random order; the total never changes.
fn transfers(threads: usize, per_thread: usize, accounts: usize, seed: u64) {
    let cowns: Vec<Cown> = (0..accounts)
        .map(|_| {
            let r = Region::named("account");
            r.set("balance", Value::Int(1000)).unwrap();
            Cown::new(Live::Region(r)).unwrap()
        })
        .collect();
    std::thread::scope(|s| {
        for t in 0..threads {
            let cowns = &cowns;
            s.spawn(move || {
                let mut x = seed ^ (t as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                for _ in 0..per_thread {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    let (a, b) = (
                        (x % accounts as u64) as usize,
                        ((x >> 20) % accounts as u64) as usize,
                    );
                    let amount = (x >> 40) as i64 % 50;
                    when(&[&cowns[a], &cowns[b]], move |held| {
                        if held.len() == 2 {
                            let balance = |h: &floe_cowns::Held<'_>| match h
                                .get()
                                .region()
                                .unwrap()
                                .get("balance")
                                .unwrap()
                            {
                                Value::Int(i) => i,
                                _ => panic!("an int"),
                            };
                            let (x, y) = (balance(&held[0]), balance(&held[1]));
                            held[0]
                                .get()
                                .region()
                                .unwrap()
                                .set("balance", Value::Int(x - amount))
                                .unwrap();
                            held[1]
                                .get()
                                .region()
                                .unwrap()
                                .set("balance", Value::Int(y + amount))
                                .unwrap();
                        }
                    });
                }
            });
        }
    });
    let total: i64 = cowns
        .iter()
        .map(|c| match wait(c).unwrap() {
            Live::Region(r) => match r.get("balance").unwrap() {
                Value::Int(i) => i,
                _ => panic!("an int"),
            },
            other => panic!("an account region, not {other:?}"),
        })
        .sum();
    assert_eq!(total, 1000 * accounts as i64);
}

#[test]
fn many_threads_scheduling_two_cown_behaviours_never_deadlock() {
    transfers(4, 2000, 6, 7);
}

#[test]
#[ignore = "stress"]
fn stress_rings_and_transfers_for_a_minute() {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut round = 0u64;
    while Instant::now() < deadline {
        transfers(4, 5000, 8, round);
        let n = 20_000;
        assert_eq!(ring(n, 3, 300), n * (n - 1) / 2);
        round += 1;
    }
    assert!(round > 0);
}
