//! B7: `FrozenDict` lookups, hit and miss, int and string keys, on 1 and 2 threads.
//! Peers in the same run, all hashing with `foldhash::fast::FixedState`: std `HashMap`
//! (read-only), `frozen-collections`' `FzHashMap`, `dashmap` and `RwLock<HashMap>`.
//! Goals: 1 thread ≤ 1.0× `HashMap`; 2 threads ≥ 1.8× its own 1-thread throughput;
//! 2 threads ≥ 2× `dashmap`. Times are per lookup (both threads together on 2 threads).
//! Also reported: iterating every value, per entry, against `HashMap`'s iteration.

use std::collections::HashMap;
use std::hash::Hash;
use std::hint::black_box;
use std::sync::RwLock;

use dashmap::DashMap;
use floe_immutable::FrozenDict;
use foldhash::fast::FixedState;
use frozen_collections::FzHashMap;

use crate::harness::{measure, Config, Contender};
use crate::report::{Goal, Row};

/// Lookups per thread per sample (long enough that waking the second thread is noise);
/// smoke runs use a quarter.
const PROBES: usize = 1 << 19;

/// Runs `op` on each of two threads at once.
fn two_threads(op: impl Fn() + Sync) {
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(&op);
        }
    });
}

/// Counts how many probes a lookup finds (keeps every lookup observable).
fn probe_all<K>(probes: &[K], get: impl Fn(&K) -> Option<u64>) -> u64 {
    probes.iter().map(|k| get(k).unwrap_or(0)).sum()
}

fn case<K: Hash + Eq + Clone + Send + Sync>(
    cfg: Config,
    name: &str,
    n: u64,
    keys: &[K],
    probes: &[K],
) -> Vec<Row> {
    let pairs: Vec<(K, u64)> = keys.iter().cloned().zip(0..).collect();
    let floe: FrozenDict<K, u64, FixedState> =
        FrozenDict::from_iter_with_hasher(pairs.iter().cloned(), FixedState::default());
    let std_map: HashMap<K, u64, FixedState> = pairs.iter().cloned().collect();
    let fz: FzHashMap<K, u64, FixedState> =
        FzHashMap::with_hasher(pairs.clone(), FixedState::default());
    let dash: DashMap<K, u64, FixedState> = pairs.iter().cloned().collect();
    let locked: RwLock<HashMap<K, u64, FixedState>> = RwLock::new(std_map.clone());
    let ops = probes.len() as u64;
    let one = {
        let mut c = [
            Contender::whole("floe", || {
                black_box(probe_all(probes, |k| floe.get(k).copied()));
            }),
            Contender::whole("std HashMap", || {
                black_box(probe_all(probes, |k| std_map.get(k).copied()));
            }),
            Contender::whole("frozen-collections", || {
                black_box(probe_all(probes, |k| fz.get(k).copied()));
            }),
        ];
        measure(cfg, ops, &mut c)
    };
    let two = {
        let mut c = [
            Contender::whole("floe", || {
                two_threads(|| {
                    black_box(probe_all(probes, |k| floe.get(k).copied()));
                })
            }),
            Contender::whole("dashmap", || {
                two_threads(|| {
                    black_box(probe_all(probes, |k| dash.get(k).map(|v| *v)));
                })
            }),
            Contender::whole("RwLock<HashMap>", || {
                two_threads(|| {
                    black_box(probe_all(probes, |k| {
                        locked.read().unwrap().get(k).copied()
                    }));
                })
            }),
        ];
        measure(cfg, 2 * ops, &mut c)
    };
    // Iteration over every entry (insertion order for floe), per entry.
    let walk = {
        let mut c = [
            Contender::whole("floe", || {
                black_box(floe.values().sum::<u64>());
            }),
            Contender::whole("std HashMap", || {
                black_box(std_map.values().sum::<u64>());
            }),
        ];
        measure(cfg, keys.len() as u64, &mut c)
    };
    let row = |case: String, floe_ns: f64, (peer, peer_ns): (&'static str, f64), goal| Row {
        id: "B7",
        case,
        n,
        floe_ns,
        peer,
        peer_ns,
        goal,
    };
    let mut rows = vec![
        row(
            format!("{name}, 1 thread"),
            one[0].1,
            one[1],
            Goal::AtMost(1.0),
        ),
        row(format!("{name}, 1 thread"), one[0].1, one[2], Goal::Report),
        row(
            format!("{name}, 2 threads"),
            two[0].1,
            two[1],
            Goal::AtMost(0.5),
        ),
        row(format!("{name}, 2 threads"), two[0].1, two[2], Goal::Report),
        // Scaling: per-lookup time on 2 threads against floe's own 1-thread time.
        row(
            format!("{name}, 2 threads"),
            two[0].1,
            ("floe on 1 thread", one[0].1),
            Goal::AtMost(1.0 / 1.8),
        ),
    ];
    // Iteration does not depend on the probes: once per key set.
    if name.ends_with("hit") {
        let case = format!("{} keys, iterate values", &name[..3]);
        rows.push(row(case, walk[0].1, walk[1], Goal::Report));
    }
    rows
}

/// A deterministic scramble of `0..n` into sparse integers.
fn int_key(i: u64) -> u64 {
    i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 7
}

/// `count` probes cycling through `keys` in a scattered order.
fn probes_of<K: Clone>(keys: &[K], count: usize) -> Vec<K> {
    (0..count)
        .map(|i| keys[(i.wrapping_mul(2_654_435_761)) % keys.len()].clone())
        .collect()
}

/// What the machine allows: `count` steps of a register-only loop on 2 threads against 1
/// (no shared memory at all), so the 2-thread rows can be read against it.
fn machine_scaling(cfg: Config, count: usize) -> Row {
    let spin = || {
        let mut x = 1u64;
        for i in 0..count as u64 {
            x = black_box(x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(i));
        }
        black_box(x);
    };
    let mut c = [
        Contender::whole("2 threads", || two_threads(spin)),
        Contender::whole("1 thread", spin),
    ];
    let m = measure(cfg, count as u64, &mut c);
    Row {
        id: "B7",
        case: "machine: 2 threads of independent arithmetic vs 1 (0.5 = two free cores)".into(),
        n: count as u64,
        // Per step of one thread: 2 threads do twice the steps, so 0.5 is perfect scaling.
        floe_ns: m[0].1 / 2.0,
        peer: m[1].0,
        peer_ns: m[1].1,
        goal: Goal::Report,
    }
}

/// Runs B7 at each size.
pub fn run(cfg: Config, sizes: &[u64]) -> Vec<Row> {
    let count = if cfg.samples <= Config::QUICK.samples {
        PROBES / 4
    } else {
        PROBES
    };
    let mut rows = vec![machine_scaling(cfg, count)];
    for &n in sizes {
        let ints: Vec<u64> = (0..n).map(int_key).collect();
        let int_misses: Vec<u64> = (n..2 * n).map(int_key).collect();
        let strs: Vec<String> = (0..n).map(|i| format!("key-{i}")).collect();
        let str_misses: Vec<String> = (n..2 * n).map(|i| format!("key-{i}")).collect();
        rows.extend(case(cfg, "int hit", n, &ints, &probes_of(&ints, count)));
        rows.extend(case(
            cfg,
            "int miss",
            n,
            &ints,
            &probes_of(&int_misses, count),
        ));
        rows.extend(case(cfg, "str hit", n, &strs, &probes_of(&strs, count)));
        rows.extend(case(
            cfg,
            "str miss",
            n,
            &strs,
            &probes_of(&str_misses, count),
        ));
    }
    rows
}
