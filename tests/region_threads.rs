//! Moving closed regions between OS threads (semantics §6, RFC-0002 §7).

use std::sync::mpsc;

use floe_core::{freeze_component, CoreError, Dict, Frozen, List, State, Tuple, Value};
use floe_regions::{Isolated, Region, RegionError};

/// Builds a region holding a linked list of `n` dicts, each with a payload.
fn chain(n: i64) -> Region {
    let r = Region::named("chain");
    let mut head = Value::None;
    for i in 0..n {
        let node = Dict::new();
        node.set(Value::str("value"), Value::Int(i)).unwrap();
        node.set(Value::str("next"), head).unwrap();
        head = node.into();
    }
    r.set("head", head).unwrap();
    r
}

fn sum(r: &Region) -> i64 {
    let mut total = 0;
    let mut cur = r.get("head").unwrap();
    while let Value::Obj(node) = cur {
        let node = Dict::try_from(node).unwrap();
        if let Some(Value::Int(v)) = node.get(&Value::str("value")).unwrap() {
            total += v;
        }
        cur = node.get(&Value::str("next")).unwrap().unwrap();
    }
    total
}

#[test]
fn a_closed_region_moves_to_another_thread_and_back() {
    let n = 10_000;
    let r = chain(n);
    let expected = n * (n - 1) / 2;
    let sendable = r.isolate().unwrap();
    let (tx, rx) = mpsc::channel::<Isolated>();
    let worker = std::thread::spawn(move || {
        let r = Region::from(sendable);
        assert_eq!(sum(&r), expected);
        r.set("visited", Value::Bool(true)).unwrap();
        let l = List::new([Value::Int(1)]);
        r.set("added_there", l).unwrap(); // capture on the other thread
        tx.send(r.isolate().unwrap()).unwrap();
    });
    let back = Region::from(rx.recv().unwrap());
    worker.join().unwrap();
    assert_eq!(sum(&back), expected, "every object arrived intact");
    assert!(matches!(back.get("visited").unwrap(), Value::Bool(true)));
    assert_eq!(
        back.len(),
        n as usize + 2,
        "bridge, nodes, and the list added there"
    );
}

#[test]
fn a_region_dropped_on_another_thread_is_freed_there() {
    let sendable = chain(1_000).isolate().unwrap();
    let freed = std::thread::spawn(move || {
        let before = floe_core::heap::thread_stats().freed;
        drop(sendable);
        floe_core::heap::thread_stats().freed - before
    })
    .join()
    .unwrap();
    assert_eq!(
        freed, 1_001,
        "the bridge and every node, freed by the receiving thread"
    );
}

#[test]
fn an_open_region_cannot_leave_and_comes_back_unchanged() {
    let r = chain(10);
    let head = r.get("head").unwrap(); // a local reference into r
    let (err, r) = r.isolate().unwrap_err();
    assert!(
        matches!(err, RegionError::Object(CoreError::NotIsolated { .. })),
        "{err}"
    );
    assert!(err.to_string().contains("1 other local reference"), "{err}");
    assert_eq!(err.python_name(), "IsolationError");
    assert_eq!(sum(&r), 45);
    drop(head);
    let alias = r.clone(); // a second reference to the bridge
    let (_, r) = r.isolate().unwrap_err();
    drop(alias);
    // A subregion cannot leave on its own, and an open subregion keeps its parent home.
    let child = Region::new();
    r.set("child", child.clone()).unwrap();
    let (err, child) = child.isolate().unwrap_err();
    assert!(err.to_string().contains("subregion"), "{err}");
    let (err, r) = r.isolate().unwrap_err();
    assert!(err.to_string().contains("subregions are open"), "{err}");
    drop(child);
    assert!(r.isolate().is_ok());
}

#[test]
fn frozen_objects_travel_inside_a_region_and_stay_shared() {
    let t = Tuple::new([Value::Int(7), Value::str("seven")]);
    let shared = Frozen::try_from(t.as_obj().clone()).unwrap();
    let r = Region::new();
    r.set("t", t.clone()).unwrap();
    assert_eq!(
        t.state(),
        State::Frozen,
        "frozen objects are referenced, not captured"
    );
    let sendable = r.isolate().unwrap();
    let reader = std::thread::spawn(move || shared.get().references().len());
    let holder = std::thread::spawn(move || {
        let r = Region::from(sendable);
        let t = r.get("t").unwrap();
        t.as_obj().unwrap().is_frozen()
    });
    assert_eq!(reader.join().unwrap(), 0);
    assert!(holder.join().unwrap());
}

#[test]
fn instances_of_frozen_classes_travel_with_their_region() {
    let class = floe_core::Class::new("Account", &[]);
    freeze_component(&[class.as_obj().clone()]).unwrap();
    let r = Region::new();
    let account = floe_core::Instance::new(&class);
    account.set_attr("balance", Value::Int(100)).unwrap();
    r.set("account", account).unwrap();
    let sendable = r.isolate().unwrap();
    let balance = std::thread::spawn(move || {
        let r = Region::from(sendable);
        let account = r.get("account").unwrap();
        match account.as_obj().unwrap().get_attr("balance").unwrap() {
            Value::Int(b) => b, // a Value holding a handle could not leave the thread
            other => panic!("{other:?}"),
        }
    });
    assert_eq!(balance.join().unwrap(), 100);
}
