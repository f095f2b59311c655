//! The runtime face: deep, all-or-nothing construction; keys; derived versions; sharing.

use floe_core::{CoreError, Dict, Freezable, Frozen, Key, List, Value};
use floe_freeze::FreezeError;
use quickcheck::quickcheck;

use crate::{slice_indices, FrozenDictRef, FrozenListRef};

fn int(i: i64) -> Value {
    Value::Int(i)
}

fn as_int(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        other => panic!("not an int: {other:?}"),
    }
}

/// Runs `f`, then checks that everything it allocated on this thread was freed.
fn leak_checked(f: impl FnOnce()) {
    assert!(floe_core::heap::freed_all(f).1, "objects leaked");
}

#[test]
fn construction_freezes_the_elements_deeply() {
    leak_checked(|| {
        let leaf = List::new([int(1)]);
        let mid = List::new([leaf.clone().into()]);
        let fl = FrozenListRef::new([int(0), mid.clone().into(), mid.clone().into()]).unwrap();
        assert!(mid.is_frozen() && leaf.is_frozen());
        assert!(fl.as_obj().is_frozen());
        assert_eq!(fl.len(), 3);
        assert!(fl.get(-1).unwrap().is(&mid.clone().into()));
        assert!(fl.get(3).is_none() && fl.get(-4).is_none());

        let d = FrozenDictRef::new([(Value::str("k"), leaf.clone().into())]).unwrap();
        assert_eq!(d.as_obj().type_name(), "frozendict");
        assert!(d.get(&Value::str("k")).unwrap().unwrap().is(&leaf.into()));
    });
}

#[test]
fn a_refused_construction_freezes_nothing() {
    leak_checked(|| {
        // Unfreezable element: nothing else in the call is frozen.
        let ok = List::new([int(1)]);
        let no = List::new([]);
        no.as_obj().set_freezable(Freezable::No).unwrap();
        let err = FrozenListRef::new([ok.clone().into(), no.clone().into()]).unwrap_err();
        assert!(matches!(err, FreezeError::NotFreezable { .. }), "{err}");
        assert!(!ok.is_frozen() && !no.is_frozen());

        // The isolation rule applies below the elements: `inner` is still reachable from
        // a mutable list that is not being frozen.
        let inner = List::new([int(2)]);
        let element = List::new([inner.clone().into()]);
        let outside = List::new([inner.clone().into()]);
        drop(inner);
        let err = FrozenDictRef::new([(int(1), element.clone().into())]).unwrap_err();
        assert_eq!(err.python_name(), "IsolationError", "{err}");
        assert!(!element.is_frozen());
        drop(outside);

        // An unhashable key is refused before anything is frozen.
        let value = List::new([]);
        let err = FrozenDictRef::new([
            (int(1), value.clone().into()),
            (List::new([]).into(), int(2)),
        ])
        .unwrap_err();
        assert!(matches!(
            err,
            FreezeError::Object(CoreError::Unhashable { .. })
        ));
        assert!(!value.is_frozen());
    });
}

#[test]
fn frozen_collections_are_keys_by_value() {
    leak_checked(|| {
        let a = FrozenListRef::new([int(1), Value::str("x")]).unwrap();
        let b = FrozenListRef::new([Value::Float(1.0), Value::str("x")]).unwrap();
        let table = Dict::new();
        table.set(a.as_obj().clone().into(), int(10)).unwrap();
        let found = table.get(&b.as_obj().clone().into()).unwrap();
        assert_eq!(
            found.as_ref().map(as_int),
            Some(10),
            "equal lists are one key"
        );

        // A frozendict is a key whatever its order; one holding a frozenlist too.
        let d1 = FrozenDictRef::new([(int(1), int(2)), (int(3), a.as_obj().clone().into())]);
        let d2 = FrozenDictRef::new([(int(3), b.as_obj().clone().into()), (int(1), int(2))]);
        let (d1, d2) = (d1.unwrap(), d2.unwrap());
        let k1 = Key::new(d1.as_obj().clone().into()).unwrap();
        let k2 = Key::new(d2.as_obj().clone().into()).unwrap();
        assert_eq!(k1.hash_code(), k2.hash_code());
        assert!(k1 == k2);
        let d3 = FrozenDictRef::new([(int(1), int(2))]).unwrap();
        assert!(Key::new(d3.as_obj().clone().into()).unwrap() != k1);

        // Frozen but holding a (frozen) list: unhashable, as a tuple holding a list is.
        let holds_list = FrozenListRef::new([List::new([]).into()]).unwrap();
        assert!(Key::new(holds_list.as_obj().clone().into()).is_err());
    });
}

#[test]
fn derived_versions_leave_the_original_unchanged() {
    leak_checked(|| {
        let a = FrozenListRef::new((0..5).map(int)).unwrap();
        let b = a.concat(&a.select(slice_indices(a.len(), None, None, Some(-2)).unwrap()));
        let ints = |l: &FrozenListRef| l.items().iter().map(|v| as_int(v)).collect::<Vec<_>>();
        assert_eq!(ints(&a), [0, 1, 2, 3, 4]);
        assert_eq!(ints(&b), [0, 1, 2, 3, 4, 4, 2, 0]);
        assert_eq!(ints(&a.repeat(2)).len(), 10);
        assert!(a.repeat(-1).is_empty());

        let d = FrozenDictRef::new([(int(1), int(1)), (int(2), int(2))]).unwrap();
        let e = FrozenDictRef::new([(int(2), int(20)), (int(3), int(30))]).unwrap();
        let u = d.union(&e);
        let pairs: Vec<(i64, i64)> = u.pairs().map(|(k, v)| (as_int(&k), as_int(&v))).collect();
        assert_eq!(pairs, [(1, 1), (2, 20), (3, 30)]);
        assert_eq!(d.len(), 2);
    });
}

#[test]
fn two_threads_read_one_frozendict_of_1e5_entries_with_no_lock() {
    let n = 100_000;
    let d = FrozenDictRef::new((0..n).map(|i| (int(i), int(2 * i)))).unwrap();
    let shared = Frozen::try_from(d.into_obj()).unwrap();
    let readers: Vec<_> = (0..2)
        .map(|t| {
            let mine = shared.clone();
            std::thread::spawn(move || {
                let d = FrozenDictRef::try_from(mine.get().clone()).unwrap();
                let mut sum = 0;
                for i in (t..n).step_by(2).chain((0..n).rev()) {
                    sum += as_int(&d.get(&int(i)).unwrap().unwrap());
                }
                sum
            })
        })
        .collect();
    let all: i64 = (0..n).map(|i| 2 * i).sum();
    let evens: i64 = (0..n).step_by(2).map(|i| 2 * i).sum();
    let sums: Vec<i64> = readers.into_iter().map(|r| r.join().unwrap()).collect();
    assert_eq!(sums, [evens + all, (all - evens) + all]);
}

quickcheck! {
    /// Slicing agrees with a direct statement of Python's rules on every bound and step.
    fn slices_follow_python(len: u8, start: Option<i8>, stop: Option<i8>, step: Option<i8>) -> bool {
        let len = i64::from(len % 20);
        let step_v = i64::from(step.unwrap_or(1));
        let got = slice_indices(len as usize, start.map(i64::from), stop.map(i64::from), step.map(i64::from));
        if step_v == 0 {
            return got.is_err();
        }
        // Python's rule, element by element: i is selected if it is in range and on the
        // step's lattice between the normalised bounds.
        let norm = |b: Option<i8>, default: i64| b.map_or(default, |b| {
            let b = i64::from(b);
            if b < 0 { b + len } else { b }
        });
        let expected: Vec<usize> = if step_v > 0 {
            let (s, e) = (norm(start, 0).max(0), norm(stop, len).min(len));
            (0..len).filter(|i| *i >= s && *i < e && (i - s) % step_v == 0).map(|i| i as usize).collect()
        } else {
            let (s, e) = (norm(start, len - 1).min(len - 1), norm(stop, -1).max(-1));
            (0..len).rev().filter(|i| *i <= s && *i > e && (s - i) % -step_v == 0).map(|i| i as usize).collect()
        };
        got.unwrap() == expected
    }
}
