//! B12: memory, bytes per object. Goal ≤ 1.25× the Rust equivalent.
//!
//! [`collections_rows`]: the frozen collections' bytes per entry / element against
//! `HashMap` and `Vec` holding the same data — each side's handle plus its heap storage
//! (the counted block, entries and index for a `FrozenDict`; the table for a `HashMap`,
//! hashbrown's, which std's `HashMap` is; the counts and elements for a `FrozenList`; the
//! buffer for a `Vec`), divided by the number of entries. What keys and values own
//! themselves is the same on both sides and left out. Sizes are exact (read from the
//! allocations' layouts), so one sample is the figure.

use std::mem::size_of_val;

use floe_immutable::{FrozenDict, FrozenList};
use foldhash::fast::FixedState;
use hashbrown::HashMap;

use crate::report::{Goal, Row};

/// One row: Floe's and the peer's total bytes over `n` entries.
fn row(case: &str, n: u64, floe: usize, peer: &'static str, peer_bytes: usize) -> Row {
    Row {
        id: "B12",
        case: case.to_string(),
        n,
        floe_ns: floe as f64 / n as f64,
        peer,
        peer_ns: peer_bytes as f64 / n as f64,
        goal: Goal::AtMost(1.25),
    }
}

/// A frozen dict and a `HashMap` of the same `n` pairs, built the same way (collected).
fn dict_row<K, V>(case: &str, n: u64, pairs: impl Fn() -> Vec<(K, V)>) -> Row
where
    K: std::hash::Hash + Eq,
{
    let frozen: FrozenDict<K, V> = pairs().into_iter().collect();
    let map: HashMap<K, V, FixedState> = pairs().into_iter().collect();
    row(
        case,
        n,
        size_of_val(&frozen) + frozen.allocation_size(),
        "HashMap",
        size_of_val(&map) + map.allocation_size(),
    )
}

/// The collection rows of B12 at each size: bytes per frozen-dict entry against
/// `HashMap`, bytes per frozen-list element against `Vec` (built from an iterator, so
/// with the capacity `collect` gives it).
pub fn collections_rows(sizes: &[u64]) -> Vec<Row> {
    let mut rows = Vec::new();
    for &n in sizes {
        rows.push(dict_row("frozen dict entry (u64, u64)", n, || {
            (0..n).map(|i| (i, i)).collect()
        }));
        rows.push(dict_row("frozen dict entry (String, u64)", n, || {
            (0..n).map(|i| (format!("key-{i}"), i)).collect()
        }));
        let list: FrozenList<u64> = (0..n).collect();
        let vec: Vec<u64> = (0..n).collect();
        rows.push(row(
            "frozen list element u64",
            n,
            size_of_val(&list) + list.allocation_size(),
            "Vec",
            size_of_val(&vec) + vec.capacity() * size_of::<u64>(),
        ));
    }
    rows
}
