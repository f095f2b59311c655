//! Properties of the frozen collections against `HashMap` / `Vec` as references.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use quickcheck::{quickcheck, TestResult};
use rayon::prelude::*;

use crate::{FrozenDict, FrozenList};

fn hash_of<T: Hash>(x: &T) -> u64 {
    let mut h = DefaultHasher::new();
    x.hash(&mut h);
    h.finish()
}

/// Python's dict construction: first position, last value.
fn reference(pairs: &[(u16, i32)]) -> Vec<(u16, i32)> {
    let mut out: Vec<(u16, i32)> = Vec::new();
    for &(k, v) in pairs {
        match out.iter_mut().find(|(k2, _)| *k2 == k) {
            Some(e) => e.1 = v,
            None => out.push((k, v)),
        }
    }
    out
}

/// A hasher that sends every key to one hash: every probe sequence is the longest, and
/// every tag matches.
#[derive(Default)]
struct Collide;

impl Hasher for Collide {
    fn finish(&self) -> u64 {
        0x0123_4567_89ab_cdef
    }
    fn write(&mut self, _: &[u8]) {}
}

quickcheck! {
    fn colliding_hashes_still_find_every_key(pairs: Vec<(u16, i32)>, probes: Vec<u16>) -> bool {
        let map: HashMap<u16, i32> = pairs.iter().copied().collect();
        let frozen: FrozenDict<u16, i32, BuildHasherDefault<Collide>> = pairs.iter().copied().collect();
        frozen.len() == map.len()
            && map.iter().all(|(k, v)| frozen.get(k) == Some(v))
            && probes.iter().all(|p| frozen.get(p) == map.get(p))
    }

    fn agrees_with_a_hash_map_on_every_lookup(pairs: Vec<(u16, i32)>, probes: Vec<u16>) -> bool {
        let map: HashMap<u16, i32> = pairs.iter().copied().collect();
        let frozen: FrozenDict<u16, i32> = FrozenDict::from(map.clone());
        frozen.len() == map.len()
            && map.iter().all(|(k, v)| frozen.get(k) == Some(v))
            && probes.iter().all(|p| frozen.get(p) == map.get(p) && frozen.contains_key(p) == map.contains_key(p))
    }

    fn iteration_is_insertion_order_with_python_duplicates(pairs: Vec<(u16, i32)>) -> bool {
        let frozen: FrozenDict<u16, i32> = pairs.iter().copied().collect();
        frozen.iter().map(|(k, v)| (*k, *v)).collect::<Vec<_>>() == reference(&pairs)
    }

    fn equality_ignores_order_and_agrees_with_hash(pairs: Vec<(u16, i32)>, seed: usize) -> TestResult {
        let forward: FrozenDict<u16, i32> = reference(&pairs).into_iter().collect();
        let mut shuffled = reference(&pairs);
        if !shuffled.is_empty() {
            let n = shuffled.len();
            shuffled.rotate_left(seed % n);
        }
        let rotated: FrozenDict<u16, i32> = shuffled.into_iter().collect();
        if forward != rotated || hash_of(&forward) != hash_of(&rotated) {
            return TestResult::failed();
        }
        // A changed value makes them differ.
        let first = forward.iter().next().map(|(k, v)| (*k, *v));
        match first {
            Some((k, v)) => TestResult::from_bool(forward.with(k, v.wrapping_add(1)) != forward),
            None => TestResult::discard(),
        }
    }

    fn derived_dicts_leave_the_original_alone(pairs: Vec<(u16, i32)>, k: u16, v: i32) -> bool {
        let d: FrozenDict<u16, i32> = pairs.iter().copied().collect();
        let before: Vec<(u16, i32)> = d.iter().map(|(k, v)| (*k, *v)).collect();
        let with = d.with(k, v);
        let without = d.without(&k);
        let union = d.union(&with);
        with.get(&k) == Some(&v)
            && !without.contains_key(&k)
            && union == with
            && d.iter().map(|(k, v)| (*k, *v)).collect::<Vec<_>>() == before
    }

    fn positions_follow_insertion_order(pairs: Vec<(u16, i32)>, probes: Vec<u16>) -> bool {
        let frozen: FrozenDict<u16, i32> = pairs.iter().copied().collect();
        let expected = reference(&pairs);
        frozen.iter().enumerate().all(|(i, (k, v))| {
            frozen.get_index_of(k) == Some(i) && frozen.get_index(i) == Some((k, v))
        }) && frozen.get_index(expected.len()).is_none()
            && probes.iter().all(|p| {
                frozen.get_index_of(p) == expected.iter().position(|(k, _)| k == p)
            })
    }

    fn every_iterator_agrees_with_the_entry_slice(pairs: Vec<(u16, i32)>) -> bool {
        let d: FrozenDict<u16, i32> = pairs.iter().copied().collect();
        let slice: Vec<(u16, i32)> = d.as_slice().to_vec();
        let by_ref: Vec<(u16, i32)> = (&d).into_iter().map(|(k, v)| (*k, *v)).collect();
        let reversed: Vec<(u16, i32)> = d.iter().rev().map(|(k, v)| (*k, *v)).collect();
        let keys: Vec<u16> = d.keys().copied().collect();
        let values: Vec<i32> = d.values().copied().collect();
        let parallel: Vec<(u16, i32)> = d.par_iter().map(|(k, v)| (*k, *v)).collect();
        let owned_parallel: Vec<(u16, i32)> = d.clone().into_par_iter().collect();
        let owned: Vec<(u16, i32)> = d.clone().into_iter().collect();
        by_ref == slice
            && reversed.iter().rev().eq(slice.iter())
            && keys.iter().copied().eq(slice.iter().map(|e| e.0))
            && values.iter().copied().eq(slice.iter().map(|e| e.1))
            && parallel == slice
            && owned_parallel == slice
            && owned == slice
            && d.iter().len() == slice.len()
    }

    fn frozen_lists_behave_like_vecs(a: Vec<i32>, b: Vec<i32>) -> bool {
        let (fa, fb) = (FrozenList::from(a.clone()), FrozenList::from(b.clone()));
        let joined: Vec<i32> = a.iter().chain(&b).copied().collect();
        (&fa + &fb)[..] == joined[..]
            && (fa == fb) == (a == b)
            && fa.cmp(&fb) == a.cmp(&b)
            && (hash_of(&fa) == hash_of(&FrozenList::from(a.clone())))
            && fa.repeat(3).len() == 3 * a.len()
            && fa.par_iter().map(|&x| i64::from(x)).sum::<i64>() == a.iter().map(|&x| i64::from(x)).sum::<i64>()
            && fa.clone().into_par_iter().collect::<Vec<_>>() == a
            && fa.clone().into_iter().rev().collect::<Vec<_>>() == a.iter().rev().copied().collect::<Vec<_>>()
            && (&fa).into_iter().copied().collect::<Vec<_>>() == a
    }
}

#[test]
fn every_size_finds_every_key_and_no_other() {
    // Across group boundaries and growth (the builder is given no size hint).
    for n in [0, 1, 10, 11, 12, 13, 100, 1000, 20_000] {
        let d: FrozenDict<String, usize> = (0..n)
            .map(|i| (format!("k{i}"), i))
            .filter(|_| true)
            .collect();
        assert_eq!(d.len(), n);
        for i in 0..n {
            assert_eq!(d[format!("k{i}").as_str()], i);
        }
        assert!(!d.contains_key("missing") && d.get("k-1").is_none());
    }
}

#[test]
fn two_threads_read_one_dict_of_100k_entries_with_no_lock() {
    let d: FrozenDict<u64, u64> = (0..100_000u64).map(|i| (i, i * 2)).collect();
    let sums: Vec<u64> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|t| {
                let d = &d;
                s.spawn(move || {
                    (0..100_000u64)
                        .map(|i| d[&((i + t * 50_000) % 100_000)])
                        .sum::<u64>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let expected: u64 = (0..100_000u64).map(|i| i * 2).sum();
    assert_eq!(sums, [expected, expected]);
    assert_eq!(d.par_iter().map(|(_, v)| *v).sum::<u64>(), expected);
}

#[test]
fn debug_shows_entries_in_order() {
    let d: FrozenDict<&str, i32> = [("b", 1), ("a", 2)].into_iter().collect();
    assert_eq!(format!("{d:?}"), r#"{"b": 1, "a": 2}"#);
    assert_eq!(format!("{:?}", FrozenList::from(vec![1, 2])), "[1, 2]");
}

#[test]
fn hash_goes_through_the_dicts_hasher() {
    use std::hash::BuildHasher;
    // Two hashers that disagree give two hashes of one dict; one hasher, one hash.
    let pairs = [(1u8, 2u8), (3, 4)];
    let a = FrozenDict::from_iter_with_hasher(pairs, foldhash::fast::FixedState::with_seed(1));
    let b = FrozenDict::from_iter_with_hasher(pairs, foldhash::fast::FixedState::with_seed(2));
    let reversed = FrozenDict::from_iter_with_hasher(
        [(3u8, 4u8), (1, 2)],
        foldhash::fast::FixedState::with_seed(1),
    );
    assert_eq!(a, b);
    assert_ne!(a.hasher().hash_one(&a), a.hasher().hash_one(&b));
    assert_eq!(a.hasher().hash_one(&a), a.hasher().hash_one(&reversed));
}

#[test]
fn owned_iterators_clone_out_of_shared_storage_and_leave_it_whole() {
    let l = FrozenList::from(vec!["a".to_string(), "b".to_string(), "c".to_string()]);
    let mut it = l.clone().into_iter();
    assert_eq!(
        (it.next().as_deref(), it.next_back().as_deref(), it.len()),
        (Some("a"), Some("c"), 1)
    );
    assert_eq!(format!("{it:?}"), r#"OwnedIter(["b"])"#);
    assert_eq!(l.len(), 3, "the list the iterator came from is unchanged");
    let joined: String = l.clone().into_par_iter().collect();
    assert_eq!(joined, "abc");
}
