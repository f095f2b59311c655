//! The frozen collections as Rust users reach for them (issue 17's acceptance): borrowed
//! and owned `for` loops, rayon's traits, serde round trips and the `From` conversions all
//! compile, and each gives the answer a `Vec` / `HashMap` would.

use std::collections::HashMap;
use std::sync::Arc;

use floe_immutable::dict::{Iter, Keys, ParIter, Values};
use floe_immutable::rayon::prelude::*;
use floe_immutable::{FrozenDict, FrozenList, OwnedIter};

fn prices() -> FrozenDict<String, u32> {
    [("pear", 4), ("apple", 3), ("fig", 7)]
        .map(|(k, v)| (k.to_string(), v))
        .into()
}

#[test]
fn for_loops_borrow_and_own() {
    let list = FrozenList::from([1u32, 2, 3]);
    let mut seen = Vec::new();
    for x in &list {
        seen.push(*x);
    }
    for x in list.clone() {
        seen.push(x * 10);
    }
    assert_eq!(seen, [1, 2, 3, 10, 20, 30]);

    let dict = prices();
    let mut entries = Vec::new();
    for (k, v) in &dict {
        entries.push(format!("{k}={v}"));
    }
    for (k, v) in dict.clone() {
        entries.push(format!("{k}:{v}"));
    }
    assert_eq!(
        entries,
        ["pear=4", "apple=3", "fig=7", "pear:4", "apple:3", "fig:7"]
    );
}

#[test]
fn iterator_types_can_be_named_stored_and_cloned() {
    struct Cursor<'a> {
        keys: Keys<'a, String, u32>,
        values: Values<'a, String, u32>,
        entries: Iter<'a, String, u32>,
        items: std::slice::Iter<'a, u32>,
        owned: OwnedIter<FrozenList<u32>>,
    }
    let dict = prices();
    let list = FrozenList::from(vec![5u32, 6]);
    let c = Cursor {
        keys: dict.keys(),
        values: dict.values(),
        entries: dict.iter(),
        items: (&list).into_iter(),
        owned: list.clone().into_iter(),
    };
    let again = c.entries.clone();
    let mut keys = c.keys;
    assert_eq!(keys.next_back().map(String::as_str), Some("fig"));
    assert_eq!(c.values.len(), 3);
    assert_eq!(again.count(), c.entries.len());
    assert_eq!(c.items.rev().copied().collect::<Vec<_>>(), [6, 5]);
    assert_eq!(c.owned.clone().next_back(), Some(6));
    let mut fused = c.owned;
    assert_eq!(
        (fused.next(), fused.next(), fused.next(), fused.next()),
        (Some(5), Some(6), None, None)
    );
}

#[test]
fn rayon_traits_cover_borrowed_and_owned_collections() {
    let list: FrozenList<u64> = (1..=1000).collect();
    assert_eq!(list.par_iter().sum::<u64>(), 500_500);
    assert_eq!((&list).into_par_iter().count(), 1000);
    assert_eq!(
        list.clone().into_par_iter().map(|x| x * 2).sum::<u64>(),
        1_001_000
    );

    let dict: FrozenDict<u64, u64> = list.iter().map(|&i| (i, i * i)).collect();
    let borrowed: ParIter<'_, u64, u64> = dict.par_iter();
    assert_eq!(borrowed.map(|(k, _)| *k).sum::<u64>(), 500_500);
    let owned: Vec<(u64, u64)> = dict.clone().into_par_iter().collect();
    assert_eq!(
        owned,
        dict.as_slice(),
        "an indexed iterator keeps the order"
    );
}

#[test]
fn serde_json_round_trips_keep_contents_and_order() {
    let dict = prices();
    let text = serde_json::to_string(&dict).unwrap();
    assert_eq!(text, r#"{"pear":4,"apple":3,"fig":7}"#);
    let back: FrozenDict<String, u32> = serde_json::from_str(&text).unwrap();
    assert_eq!(back.as_slice(), dict.as_slice());

    let nested: FrozenList<FrozenDict<String, u32>> = FrozenList::from([dict.clone(), back]);
    let text = serde_json::to_string(&nested).unwrap();
    let again: FrozenList<FrozenDict<String, u32>> = serde_json::from_str(&text).unwrap();
    assert_eq!(again, nested);

    let duplicate: FrozenDict<String, u32> =
        serde_json::from_str(r#"{"a":1,"b":2,"a":3}"#).unwrap();
    assert_eq!(
        duplicate.as_slice(),
        [("a".into(), 3), ("b".into(), 2)],
        "Python's rule: first place, last value"
    );
    assert!(serde_json::from_str::<FrozenList<u32>>(r#"{"a":1}"#).is_err());
}

#[test]
fn from_conversions() {
    let from_array = FrozenList::from([1, 2, 3]);
    let from_slice = FrozenList::from(&[1, 2, 3][..]);
    let shared: Arc<[i32]> = Arc::from(vec![1, 2, 3]);
    let from_arc = FrozenList::from(Arc::clone(&shared));
    assert!(from_array == from_slice && from_slice == from_arc);
    let as_slice: &[i32] = from_arc.as_ref();
    assert_eq!(
        as_slice.as_ptr(),
        shared.as_ptr(),
        "From<Arc<[T]>> shares, no copy"
    );
    let back: Arc<[i32]> = from_arc.into();
    assert!(Arc::ptr_eq(&back, &shared));

    let from_pairs = FrozenDict::<&str, i32>::from([("a", 1), ("b", 2)]);
    let from_vec = FrozenDict::<&str, i32>::from(vec![("b", 2), ("a", 1)]);
    let from_map = FrozenDict::<&str, i32>::from(HashMap::from([("a", 1), ("b", 2)]));
    assert!(from_pairs == from_vec && from_vec == from_map);
}
