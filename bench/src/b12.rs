//! B12: memory, bytes per object. Goal ≤ 1.25× the Rust equivalent.
//!
//! [`object_rows`]: Floe objects (a list of 3 ints, an instance with 3 attributes, a dict
//! of 8 entries; local, in a region, frozen) against boxed Rust equivalents, by the bytes
//! the counting allocator ([`crate::harness::CountingAlloc`]) sees live.
//!
//! [`collections_rows`]: the frozen collections' bytes per entry / element against
//! `HashMap` and `Vec` holding the same data — each side's handle plus its heap storage
//! (the counted block, entries and index for a `FrozenDict`; the table for a `HashMap`,
//! hashbrown's, which std's `HashMap` is; the counts and elements for a `FrozenList`; the
//! buffer for a `Vec`), divided by the number of entries. What keys and values own
//! themselves is the same on both sides and left out. Sizes are exact (read from the
//! allocations' layouts), so one sample is the figure.

use std::mem::size_of_val;

use floe_core::{freeze_component, Class, Dict, Instance, List, Str, Value};
use floe_immutable::{FrozenDict, FrozenList};
use floe_regions::Region;
use foldhash::fast::FixedState;
use hashbrown::HashMap;

use crate::harness::counting_live_bytes;
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

/// Bytes per object of `make`'s objects: the calling thread's live bytes after building
/// `n` of them (kept in a vector reserved beforehand, so its storage is not counted)
/// minus before, over `n`.
fn bytes_per<T>(n: u64, mut make: impl FnMut(i64) -> T) -> f64 {
    let mut kept: Vec<T> = Vec::with_capacity(n as usize);
    let (bytes, ()) = counting_live_bytes(|| {
        for i in 0..n as i64 {
            kept.push(make(i));
        }
    });
    drop(kept);
    bytes as f64 / n as f64
}

/// The three object shapes of B12: a list of 3 ints, an instance with 3 attributes, a
/// dict of 8 int entries.
fn floe_object(shape: &str, class: &Class, i: i64) -> Value {
    match shape {
        "list of 3 ints" => List::new([Value::Int(i), Value::Int(i + 1), Value::Int(i + 2)]).into(),
        "instance with 3 attributes" => {
            // As `self.x = ...` in an `__init__` makes it: the names are the interned
            // strings of the program's text.
            let o = Instance::new(class);
            for (name, k) in [("x", 0), ("y", 1), ("z", 2)] {
                o.set_attr(&Str::intern(name), Value::Int(i + k)).unwrap();
            }
            o.into()
        }
        _ => {
            let d = Dict::new();
            for k in 0..8 {
                d.set(Value::Int(k), Value::Int(i + k)).unwrap();
            }
            d.into()
        }
    }
}

/// The Rust equivalent of each shape, as a heap object: `Box<Vec<i64>>`, a boxed struct of
/// three `i64` fields, `Box<HashMap<i64, i64>>` (foldhash).
fn rust_bytes(shape: &str, n: u64) -> f64 {
    match shape {
        "list of 3 ints" => bytes_per(n, |i| Box::new(vec![i, i + 1, i + 2])),
        "instance with 3 attributes" => bytes_per(n, |i| Box::new((i, i + 1, i + 2))),
        _ => bytes_per(n, |i| {
            Box::new(
                (0..8)
                    .map(|k| (k, i + k))
                    .collect::<HashMap<i64, i64, FixedState>>(),
            )
        }),
    }
}

/// B12's object rows: bytes per Floe object of each shape — local, captured into a region,
/// frozen — against its Rust equivalent. The handles are kept in a reserved vector on
/// both sides; Floe's count includes its per-object bookkeeping (the thread's registry
/// slot for a local object, the region's member-list slot for a member).
pub fn object_rows(n: u64) -> Vec<Row> {
    let class = Class::new("C", &[]);
    freeze_component(std::slice::from_ref(class.as_obj())).unwrap();
    let mut rows = Vec::new();
    for shape in [
        "list of 3 ints",
        "instance with 3 attributes",
        "dict of 8 entries",
    ] {
        let peer = match shape {
            "list of 3 ints" => "Box<Vec<i64>>",
            "instance with 3 attributes" => "Box<(i64, i64, i64)>",
            _ => "Box<HashMap<i64, i64>>",
        };
        let peer_bytes = rust_bytes(shape, n);
        let local = bytes_per(n, |i| floe_object(shape, &class, i));
        let region = Region::new();
        let holder = List::new_in(region.bridge(), []).unwrap();
        let in_region = bytes_per(n, |i| {
            let o = floe_object(shape, &class, i);
            holder.push(o.clone()).unwrap(); // captured: the object joins the region
            holder.pop().unwrap();
            o
        });
        let frozen = bytes_per(n, |i| {
            let o = floe_object(shape, &class, i);
            freeze_component(std::slice::from_ref(o.as_obj().unwrap())).unwrap();
            o
        });
        for (state, floe) in [
            ("local", local),
            ("in a region", in_region),
            ("frozen", frozen),
        ] {
            rows.push(Row {
                id: "B12",
                case: format!("{shape}, {state} (bytes/object)"),
                n,
                floe_ns: floe,
                peer,
                peer_ns: peer_bytes,
                goal: Goal::AtMost(1.25),
            });
        }
    }
    rows
}
