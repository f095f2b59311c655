//! The PEP 795 behaviours of semantics §4, one test each.

use floe_core::{region, Class, CoreError, Dict, Freezable, Instance, List, ObjRef, State, Value};

use crate::{
    freeze, freeze_with, install_implicit_freezer, policy, set_policy, ClassPolicy, FreezeError,
    FreezePolicy,
};

fn obj(o: &impl std::ops::Deref<Target = ObjRef>) -> ObjRef {
    (**o).clone()
}

/// Runs `f`, then checks that everything it allocated on this thread was freed.
fn leak_checked(f: impl FnOnce()) {
    assert!(floe_core::heap::freed_all(f).1, "objects leaked");
}

#[test]
fn mutators_of_lists_dicts_and_instances_raise_after_freeze() {
    let class = Class::new("C", &[]);
    let inst = Instance::new(&class);
    let l = List::new([Value::Int(1)]);
    let d = Dict::new();
    d.set(Value::str("k"), l.clone().into()).unwrap();
    inst.set_attr("d", d.clone().into()).unwrap();
    freeze(&[obj(&inst), obj(&class)]).unwrap();
    for err in [
        l.push(Value::None).unwrap_err(),
        l.set(0, Value::None).unwrap_err(),
        d.set(Value::str("x"), Value::None).unwrap_err(),
        d.remove(&Value::str("k")).unwrap_err(),
        inst.set_attr("x", Value::None).unwrap_err(),
        class.set_attr("x", Value::None).unwrap_err(),
    ] {
        assert!(matches!(err, CoreError::Immutable { .. }), "{err}");
        assert!(err.to_string().contains("is immutable"));
    }
}

#[test]
fn freeze_needs_a_root_and_leaves_frozen_objects_alone() {
    assert_eq!(freeze(&[]).unwrap_err(), FreezeError::NoRoots);
    assert_eq!(FreezeError::NoRoots.python_name(), "TypeError");
    let l = List::new([]);
    freeze(&[obj(&l)]).unwrap();
    freeze(&[obj(&l)]).unwrap(); // already frozen: nothing to do
    assert!(l.is_frozen());
}

#[test]
fn freezability_statuses() {
    let (a, b) = (List::new([]), List::new([]));
    a.push(b.clone().into()).unwrap();
    b.set_freezable(Freezable::No).unwrap();
    let err = freeze(&[obj(&a)]).unwrap_err();
    assert_eq!(err.python_name(), "NotFreezableError");
    assert!(err.to_string().contains("FREEZABLE_NO"), "{err}");
    assert!(err.to_string().contains(" -> "), "names the path: {err}");
    assert!(!a.is_frozen() && !b.is_frozen());
    b.set_freezable(Freezable::Explicit).unwrap();
    assert!(freeze(&[obj(&a)])
        .unwrap_err()
        .to_string()
        .contains("EXPLICIT"));
    freeze(&[obj(&a), obj(&b)]).unwrap(); // explicit objects freeze as roots
    assert!(b.is_frozen());
    assert!(
        b.set_freezable(Freezable::Yes).is_err(),
        "frozen objects keep their status"
    );
}

#[test]
fn a_status_set_on_a_class_applies_to_its_instances() {
    let class = Class::new("Handle", &[]);
    class.set_freezable(Freezable::No).unwrap();
    let h = Instance::new(&class);
    let holder = List::new([h.clone().into()]);
    let err = freeze(&[obj(&holder)]).unwrap_err();
    assert!(err.to_string().contains("FREEZABLE_NO"), "{err}");
    h.set_freezable(Freezable::Yes).unwrap(); // the object's own status wins
    let err = freeze(&[obj(&holder)]).unwrap_err();
    assert!(
        err.to_string().contains("FREEZABLE_NO"),
        "the class itself is reached: {err}"
    );
    assert!(!holder.is_frozen() && !h.is_frozen());
}

#[test]
fn classes_are_frozen_explicitly() {
    let class = Class::new("Point", &[]);
    let p = Instance::new(&class);
    let err = freeze(&[obj(&p)]).unwrap_err();
    assert!(
        err.to_string().contains("classes freeze only explicitly"),
        "{err}"
    );
    assert_eq!((p.state(), class.state()), (State::Local, State::Local));
    freeze(&[obj(&p), obj(&class)]).unwrap();
    assert!(p.is_frozen() && class.is_frozen());
    // With `classes = yes`, reaching the class freezes it.
    let class2 = Class::new("Q", &[]);
    let q = Instance::new(&class2);
    let yes = FreezePolicy {
        classes: ClassPolicy::Yes,
        ..FreezePolicy::default()
    };
    freeze_with(&[obj(&q)], yes, &[]).unwrap();
    assert!(class2.is_frozen());
}

#[test]
fn an_unfreezable_object_deep_in_a_cycle_leaves_the_whole_graph_mutable() {
    leak_checked(|| {
        let nodes: Vec<List> = (0..50).map(|_| List::new([])).collect();
        for i in 0..50 {
            nodes[i].push(nodes[(i + 1) % 50].clone().into()).unwrap(); // one big cycle
            nodes[i].push(nodes[(i * 7) % 50].clone().into()).unwrap();
        }
        let bad = Dict::new();
        bad.set_freezable(Freezable::No).unwrap();
        nodes[37].push(bad.clone().into()).unwrap();
        assert!(freeze(&[obj(&nodes[0])]).is_err());
        assert!(
            nodes.iter().all(|n| n.state() == State::Local),
            "all or nothing"
        );
        assert_eq!(nodes[37].len(), 3);
        nodes[37].pop().unwrap();
        freeze(&[obj(&nodes[0])]).unwrap();
        assert!(nodes.iter().all(|n| n.is_frozen()));
        assert_eq!(nodes[0].ref_count(), 50, "one component: our 50 handles");
    });
}

#[test]
fn the_isolation_rule() {
    let inner = List::new([]);
    let a = List::new([inner.clone().into()]);
    let b = List::new([inner.clone().into()]); // a second mutable holder
    let err = freeze(&[obj(&a)]).unwrap_err();
    match &err {
        FreezeError::Isolation { aliases } => {
            assert_eq!(aliases.0.len(), 1);
            assert_eq!((aliases.0[0].0.id, aliases.0[0].1.id), (b.id(), inner.id()));
        }
        other => panic!("{other}"),
    }
    assert_eq!(err.python_name(), "IsolationError");
    assert!(
        err.to_string().contains("freeze(a, b)"),
        "suggests the fix: {err}"
    );
    assert!(!a.is_frozen() && !inner.is_frozen(), "nothing was frozen");
    // Freezing both holders succeeds.
    freeze(&[obj(&a), obj(&b)]).unwrap();
    assert!(inner.is_frozen());
}

#[test]
fn the_allow_policy_freezes_and_the_alias_sees_a_frozen_object() {
    let inner = List::new([]);
    let a = List::new([inner.clone().into()]);
    let alias = List::new([inner.clone().into()]);
    drop(inner);
    freeze_with(&[obj(&a)], FreezePolicy::default().allowing_aliases(), &[]).unwrap();
    let seen = alias.get(0).unwrap();
    assert!(seen.is_frozen());
    assert!(!alias.is_frozen(), "the holder stays mutable");
    // The thread's policy does the same.
    let before = policy();
    set_policy(FreezePolicy::default().allowing_aliases());
    let (x, y) = (List::new([]), List::new([]));
    let holder = List::new([y.clone().into()]);
    x.push(y.into()).unwrap();
    freeze(&[obj(&x)]).unwrap();
    set_policy(before);
    assert!(holder.get(0).unwrap().is_frozen());
}

#[test]
fn the_callers_own_references_are_allowed() {
    let inner = List::new([]);
    let outer = List::new([inner.clone().into()]);
    // A Rust handle to `inner` is the caller's own root, like a frame variable.
    freeze(&[obj(&outer)]).unwrap();
    assert!(inner.is_frozen());
    // So is a holder the caller names (an interpreter frame, say).
    let inner2 = List::new([]);
    let outer2 = List::new([inner2.clone().into()]);
    let frame = Dict::new();
    frame.set(Value::str("x"), inner2.into()).unwrap();
    assert!(freeze(&[obj(&outer2)]).is_err());
    freeze_with(&[obj(&outer2)], FreezePolicy::default(), &[obj(&frame)]).unwrap();
}

#[test]
fn freezing_a_bridge_freezes_the_whole_region() {
    leak_checked(|| {
        let r = region::create(Some("r"));
        let d = Dict::new();
        r.set_attr("d", d.clone().into()).unwrap();
        let stray = List::new_in(&r, []).unwrap(); // a member the bridge does not reach
        let sub = region::create(None);
        sub.set_attr("x", List::new([]).into()).unwrap();
        r.set_attr("sub", sub.clone().into()).unwrap();
        drop(d);
        freeze(&[obj(&stray), r.clone()]).unwrap();
        assert!(r.is_frozen() && stray.is_frozen() && sub.is_frozen());
        assert!(
            !region::is_bridge(&r) && !region::is_bridge(&sub),
            "no longer regions"
        );
        let r3 = region::create(None);
        r3.set_attr("r", r.clone().into()).unwrap(); // a frozen ex-bridge may be shared
        assert!(r.set_attr("y", Value::None).is_err());
    });
}

#[test]
fn freezing_a_bridge_reaches_members_the_bridge_does_not() {
    let r = region::create(None);
    let _stray = List::new_in(&r, []).unwrap(); // held only by this handle
                                                // The walk adds every member of a reached region, so this succeeds.
    freeze(std::slice::from_ref(&r)).unwrap();
    assert!(_stray.is_frozen());
}

#[test]
fn freezing_part_of_a_region_leaves_the_rest_a_region() {
    let r = region::create(None);
    r.set_attr("a", Dict::new().into()).unwrap();
    r.set_attr("b", List::new([]).into()).unwrap();
    let b = r.get_attr("b").unwrap();
    let b = b.as_obj().unwrap().clone();
    // The bridge still references b: a mutable holder, unless aliases are allowed.
    let err = freeze(std::slice::from_ref(&b));
    assert!(
        err.is_ok(),
        "b is a root: references to roots are allowed ({err:?})"
    );
    assert!(b.is_frozen());
    assert!(region::is_bridge(&r), "r is still a region");
    let info = region::info(&r).unwrap();
    assert_eq!(info.members, 2, "the bridge and a");
    assert_eq!(
        info.member_refs, 0,
        "the handle to b no longer counts: b is frozen"
    );
    drop(b);
    assert!(region::info(&r).unwrap().is_closed);
    // A member reached through a root, held by a staying member, is a mutable alias.
    let inner = List::new_in(&r, []).unwrap();
    let outer = List::new_in(&r, [inner.clone().into()]).unwrap();
    r.set_attr("also", inner.clone().into()).unwrap();
    let err = freeze(&[obj(&outer)]).unwrap_err();
    assert!(matches!(err, FreezeError::Isolation { .. }), "{err}");
    assert!(!inner.is_frozen() && !outer.is_frozen());
}

#[test]
fn implicit_freezing_uses_this_crate() {
    install_implicit_freezer();
    let r = region::create(None);
    let class = Class::new("C", &[]);
    floe_core::policy::set_implicit_freezing(true);
    r.set_attr("obj", Instance::new(&class).into()).unwrap();
    floe_core::policy::set_implicit_freezing(false);
    assert!(class.is_frozen());
}

#[test]
fn an_instance_pointing_at_its_class_is_not_an_alias() {
    leak_checked(|| {
        let class = Class::new("C", &[]);
        class.as_obj().set_freezable(Freezable::Yes).unwrap();
        let mutable_one = Instance::new(&class);
        let frozen_one = Instance::new(&class);
        freeze(&[obj(&frozen_one)]).unwrap();
        assert!(class.is_frozen() && !mutable_one.is_frozen());
        // A list holding the instance's class is an alias, though.
        let other = Class::new("D", &[]);
        other.as_obj().set_freezable(Freezable::Yes).unwrap();
        let inst = Instance::new(&other);
        let alias = List::new([obj(&other).into()]);
        let err = freeze(&[obj(&inst)]).unwrap_err();
        assert_eq!(err.python_name(), "IsolationError", "{err}");
        assert!(!other.is_frozen());
        drop(alias);
    });
}

#[test]
fn an_isolation_error_lists_a_few_aliases_and_counts_the_rest() {
    leak_checked(|| {
        let items: Vec<List> = (0..8).map(|_| List::new([])).collect();
        let root = List::new(items.iter().map(|l| obj(l).into()));
        let aliases = List::new(items.iter().map(|l| obj(l).into()));
        drop(items);
        let err = freeze(&[obj(&root)]).unwrap_err();
        let FreezeError::Isolation { aliases: found } = &err else {
            panic!("{err}")
        };
        assert_eq!(found.0.len(), 8, "every pair is kept");
        let text = err.to_string();
        assert_eq!(
            text.matches(" (local) references ").count(),
            crate::Aliases::SHOWN
        );
        assert!(text.contains("and 3 more"), "{text}");
        drop(aliases);
    });
}

/// A closed region with `n` members in a chain below its bridge, and a subregion holding
/// one list: the shape RFC-0003 §7 freezes through records.
fn closed_tree(n: usize) -> (ObjRef, ObjRef) {
    let r = region::create(Some("r"));
    let mut next = Value::None;
    for i in 0..n {
        next = List::new_in(&r, [Value::Int(i as i64), next])
            .unwrap()
            .into();
    }
    r.set_attr("chain", next).unwrap();
    let sub = region::create(Some("sub"));
    sub.set_attr("x", List::new([Value::Int(7)]).into())
        .unwrap();
    r.set_attr("sub", sub.clone().into()).unwrap();
    (r, sub)
}

#[test]
fn a_closed_region_freezes_through_its_records_without_a_walk() {
    leak_checked(|| {
        let (r, sub) = closed_tree(1000);
        let sub_x = sub.get_attr("x").unwrap();
        drop(sub_x); // nothing local points into the subregion but the handle `sub`
        drop(sub);
        let local_refs = region::info(&r).unwrap().local_refs;
        freeze(std::slice::from_ref(&r)).unwrap();
        assert_eq!(
            crate::objects_visited_by_last_freeze(),
            0,
            "no member visited"
        );
        assert_eq!(r.ref_count(), local_refs, "outside count = component count");
        // Every member is frozen, the subregion's too, each region one component.
        let chain = r.get_attr("chain").unwrap();
        let mut cur = chain.as_obj().cloned();
        let mut seen = 0;
        while let Some(node) = cur {
            assert!(node.is_frozen() && node.component() == r.component());
            cur = List::try_from(node)
                .unwrap()
                .get(1)
                .unwrap()
                .as_obj()
                .cloned();
            seen += 1;
        }
        assert_eq!(seen, 1000);
        let sub = r.get_attr("sub").unwrap().as_obj().unwrap().clone();
        let x = sub.get_attr("x").unwrap().as_obj().unwrap().clone();
        assert!(sub.is_frozen() && x.is_frozen() && x.component() == sub.component());
        assert_ne!(sub.component(), r.component(), "one component per region");
        assert!(!region::is_bridge(&r) && !region::is_bridge(&sub));
        assert!(List::try_from(x).unwrap().push(Value::None).is_err());
    });
}

#[test]
fn a_region_frozen_whole_is_freed_by_the_last_thread_to_drop_it() {
    let (r, sub) = closed_tree(100);
    drop(sub);
    freeze(std::slice::from_ref(&r)).unwrap();
    let shared = floe_core::Frozen::try_from(r).unwrap();
    let (a, b) = (shared.clone(), shared);
    let sums: Vec<i64> = [a, b]
        .into_iter()
        .map(|h| {
            std::thread::spawn(move || {
                let chain = h.get().get_attr("chain").unwrap();
                let mut cur = chain.as_obj().cloned();
                let mut sum = 0;
                while let Some(node) = cur {
                    let node = List::try_from(node).unwrap();
                    sum += match node.get(0).unwrap() {
                        Value::Int(i) => i,
                        _ => 0,
                    };
                    cur = node.get(1).unwrap().as_obj().cloned();
                }
                sum // the last of the two threads to drop `h` frees the region
            })
        })
        .map(|t| t.join().unwrap())
        .collect();
    assert_eq!(sums, vec![4950, 4950]);
}

#[test]
fn an_open_region_or_a_member_that_could_refuse_takes_the_walk() {
    // Open: a local handle to a member; the walk runs and the isolation rule applies.
    let (r, sub) = closed_tree(10);
    let chain = r.get_attr("chain").unwrap();
    freeze(std::slice::from_ref(&r)).unwrap();
    assert!(crate::objects_visited_by_last_freeze() > 10);
    drop((chain, sub));
    // FREEZABLE_NO below the bridge: refused, all or nothing, and the region stays one.
    let (r, sub) = closed_tree(10);
    drop(sub);
    let member = List::new_in(&r, []).unwrap();
    member.set_freezable(Freezable::No).unwrap();
    r.set_attr("no", member.clone().into()).unwrap();
    drop(member);
    let err = freeze(std::slice::from_ref(&r)).unwrap_err();
    assert!(matches!(err, FreezeError::NotFreezable { .. }), "{err}");
    assert!(!r.is_frozen() && region::is_bridge(&r));
    // Made freezable again, the region is back on the record path.
    let member = r.get_attr("no").unwrap().as_obj().unwrap().clone();
    member.set_freezable(Freezable::Yes).unwrap();
    drop(member);
    freeze(std::slice::from_ref(&r)).unwrap();
    assert_eq!(crate::objects_visited_by_last_freeze(), 0);
    // An instance whose class is FREEZABLE_EXPLICIT is refused below a root, walk or not.
    let class = Class::new("E", &[]);
    class.set_freezable(Freezable::Explicit).unwrap();
    freeze(&[obj(&class)]).unwrap();
    let r = region::create(None);
    r.set_attr("e", Instance::new(&class).into()).unwrap();
    let err = freeze(std::slice::from_ref(&r)).unwrap_err();
    assert!(matches!(err, FreezeError::NotFreezable { .. }), "{err}");
    assert!(region::is_bridge(&r));
}
