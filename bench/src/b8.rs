//! B8: `FrozenList` indexing and iteration against `Vec` and `Arc<[T]>`, and a parallel
//! sum with rayon against the sequential sum. Goals: ≤ 1.05× `Vec`; parallel ≥ 1.8×
//! sequential at 1e6 (on 2 cores).

use std::hint::black_box;
use std::sync::Arc;

use floe_immutable::rayon::prelude::*;
use floe_immutable::FrozenList;

use crate::harness::{measure, Config, Contender};
use crate::report::{Goal, Row};

/// Runs B8 at each size.
pub fn run(cfg: Config, sizes: &[u64]) -> Vec<Row> {
    let mut rows = Vec::new();
    for &n in sizes {
        let data: Vec<u64> = (0..n).collect();
        let list = FrozenList::from(data.clone());
        let arc: Arc<[u64]> = data.clone().into();
        let order: Vec<usize> = (0..n as usize).map(|i| (i * 7919) % n as usize).collect();
        let index_sum = |get: &dyn Fn(usize) -> u64| order.iter().map(|&i| get(i)).sum::<u64>();
        let mut idx = [
            Contender::whole("floe", || {
                black_box(index_sum(&|i| list[i]));
            }),
            Contender::whole("Vec", || {
                black_box(index_sum(&|i| data[i]));
            }),
            Contender::whole("Arc<[T]>", || {
                black_box(index_sum(&|i| arc[i]));
            }),
        ];
        let m = measure(cfg, n, &mut idx);
        let mut iter = [
            Contender::whole("floe", || {
                black_box(list.iter().sum::<u64>());
            }),
            Contender::whole("Vec", || {
                black_box(data.iter().sum::<u64>());
            }),
        ];
        let it = measure(cfg, n, &mut iter);
        let mut par = [
            Contender::whole("floe par_iter", || {
                black_box(list.par_iter().sum::<u64>());
            }),
            Contender::whole("sequential sum", || {
                black_box(list.iter().sum::<u64>());
            }),
        ];
        let p = measure(cfg, n, &mut par);
        let row = |case: &str, floe_ns: f64, (peer, peer_ns): (&'static str, f64), goal| Row {
            id: "B8",
            case: case.to_string(),
            n,
            floe_ns,
            peer,
            peer_ns,
            goal,
        };
        rows.push(row("index (scattered)", m[0].1, m[1], Goal::AtMost(1.05)));
        rows.push(row("index (scattered)", m[0].1, m[2], Goal::Report));
        rows.push(row("iterate", it[0].1, it[1], Goal::AtMost(1.05)));
        let par_goal = if n >= 1_000_000 {
            Goal::AtMost(1.0 / 1.8)
        } else {
            Goal::Report
        };
        rows.push(row("parallel sum", p[0].1, p[1], par_goal));
    }
    rows
}
