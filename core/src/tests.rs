//! Unit tests: every kind, every state transition, counting and reclamation.

use std::cell::Cell;

use crate::heap::{collect, thread_stats};
use crate::{
    freeze_component, region, AttrHint, Class, CoreError, Dict, Frozen, Instance, Kind, List,
    ObjRef, Set, State, Str, Tuple, Value,
};

/// Runs `f`, then checks that everything it allocated on this thread was freed.
fn leak_checked<R>(f: impl FnOnce() -> R) -> R {
    let (r, clean) = crate::heap::freed_all(f);
    assert!(clean, "objects leaked");
    r
}

/// Whether the barrier's traversal mark is set on `o` (it must never outlive a store).
fn marked(o: &ObjRef) -> bool {
    o.obj()
        .header
        .mark
        .load(std::sync::atomic::Ordering::Relaxed)
}

fn int(i: i64) -> Value {
    Value::Int(i)
}

fn ints(values: &[Value]) -> Vec<i64> {
    values
        .iter()
        .map(|v| match v {
            Value::Int(i) => *i,
            other => panic!("not an int: {other:?}"),
        })
        .collect()
}

#[test]
fn list_operations_follow_python() {
    leak_checked(|| {
        let l = List::new([int(1), int(2)]);
        assert_eq!(l.kind(), Kind::List);
        assert_eq!(l.state(), State::Local);
        l.push(int(3)).unwrap();
        l.insert(0, int(0)).unwrap();
        l.insert(-1, int(9)).unwrap();
        l.insert(100, int(4)).unwrap();
        assert_eq!(ints(&l.to_vec()), [0, 1, 2, 9, 3, 4]);
        l.set(-1, int(5)).unwrap();
        assert_eq!(ints(&[l.get(-1).unwrap(), l.get(0).unwrap()]), [5, 0]);
        assert!(matches!(l.pop(), Ok(Value::Int(5))));
        assert_eq!(l.len(), 5);
        let err = l.get(7).unwrap_err();
        assert!(matches!(
            err,
            CoreError::IndexOutOfRange {
                index: 7,
                len: 5,
                ..
            }
        ));
        assert!(l.set(-6, int(0)).is_err());
        assert_eq!(
            ints(&l.to_vec()),
            [0, 1, 2, 9, 3],
            "a failed set changed nothing"
        );
        l.clear().unwrap();
        assert!(l.is_empty());
        assert!(matches!(l.pop(), Err(CoreError::Empty { .. })));
    });
}

#[test]
fn tuple_is_frozen_at_birth_only_when_its_elements_are() {
    leak_checked(|| {
        let t = Tuple::new([int(1), Value::str("a"), Value::None]);
        assert_eq!(t.state(), State::Frozen);
        let inner = List::new([]);
        let t2 = Tuple::new([inner.clone().into(), int(2)]);
        assert_eq!(t2.state(), State::Local);
        let nested = Tuple::new([t.clone().into()]);
        assert_eq!(
            nested.state(),
            State::Frozen,
            "frozen objects count as frozen elements"
        );
        assert_eq!(t.len(), 3);
        assert!(matches!(t2.get(-1), Ok(Value::Int(2))));
        assert!(t.get(3).is_err());
        assert!(Tuple::new([]).is_empty());
    });
}

#[test]
fn born_frozen_tuples_free_one_at_a_time_on_any_thread() {
    // A chain far deeper than the stack could recurse: each dying tuple queues the next.
    leak_checked(|| {
        let mut t: Value = Tuple::new([int(0)]).into();
        for i in 0..200_000 {
            t = Tuple::new([t, int(i)]).into();
        }
        assert!(t.is_frozen());
        drop(t);
    });
    // Sent to another thread, the last handle frees it there.
    let shared = Frozen::try_from(Tuple::new([int(1), Value::str("x")]).as_obj().clone())
        .expect("born frozen");
    let copy = shared.clone();
    std::thread::spawn(move || {
        assert_eq!(copy.get().state(), State::Frozen);
        drop(copy);
    })
    .join()
    .unwrap();
    drop(shared);
}

#[test]
fn dict_keys_follow_python_hashing() {
    leak_checked(|| {
        let d = Dict::new();
        d.set(int(1), Value::str("int")).unwrap();
        d.set(Value::Float(1.0), Value::str("float")).unwrap();
        d.set(Value::Bool(true), Value::str("bool")).unwrap();
        assert_eq!(d.len(), 1, "1, 1.0 and True are one key");
        let key = Tuple::new([int(1), Value::str("x")]);
        let same = Tuple::new([int(1), Value::str("x")]);
        d.set(key.into(), int(7)).unwrap();
        assert!(matches!(d.get(&same.into()), Ok(Some(Value::Int(7)))));
        let err = d.set(List::new([]).into(), int(0)).unwrap_err();
        assert_eq!(err.to_string(), "unhashable type: 'list'");
        let c = Class::new("C", &[]);
        let a = Instance::new(&c);
        let b = Instance::new(&c);
        d.set(a.clone().into(), int(1)).unwrap();
        assert!(d.contains(&a.into()).unwrap());
        assert!(
            !d.contains(&b.into()).unwrap(),
            "instances hash by identity"
        );
        assert_eq!(d.keys().len(), 3);
        assert!(matches!(d.remove(&int(1)), Ok(Value::Str(_))));
        assert!(matches!(
            d.remove(&int(1)),
            Err(CoreError::KeyNotFound { .. })
        ));
        assert_eq!(d.items().len(), 2);
        let from = Dict::from_pairs([(int(1), int(2)), (int(1), int(3))]).unwrap();
        assert!(matches!(from.get(&int(1)), Ok(Some(Value::Int(3)))));
        assert!(Dict::from_pairs([(Dict::new().into(), int(1))]).is_err());
    });
}

#[test]
fn set_operations() {
    leak_checked(|| {
        let s = Set::new([int(3), int(1), int(3)]).unwrap();
        assert_eq!(ints(&s.to_vec()), [3, 1]);
        assert!(s.add(int(2)).unwrap());
        assert!(!s.add(Value::Float(2.0)).unwrap());
        assert!(s.contains(&int(1)).unwrap());
        assert!(s.discard(&int(1)).unwrap());
        assert!(!s.discard(&int(1)).unwrap());
        assert_eq!(ints(&s.to_vec()), [3, 2], "insertion order kept");
        assert!(Set::new([Set::new([]).unwrap().into()]).is_err());
    });
}

#[test]
fn classes_and_instances() {
    leak_checked(|| {
        let base = Class::new("Base", &[]);
        base.set_attr("greeting", Value::str("hi")).unwrap();
        let derived = Class::new("Derived", std::slice::from_ref(&base));
        let obj = Instance::new(&derived);
        assert_eq!(obj.type_name(), "Derived");
        assert!(matches!(obj.get_attr("greeting"), Ok(Value::Str(s)) if &*s == "hi"));
        obj.set_attr("x", int(1)).unwrap();
        obj.set_attr("greeting", Value::str("own")).unwrap();
        assert!(matches!(obj.get_attr("greeting"), Ok(Value::Str(s)) if &*s == "own"));
        assert_eq!(obj.attr_names().unwrap().len(), 2);
        obj.del_attr("x").unwrap();
        let err = obj.get_attr("x").unwrap_err();
        assert!(err.to_string().contains("Derived object"), "{err}");
        assert!(err.to_string().contains("has no attribute 'x'"));
        assert!(obj.del_attr("x").is_err());
        assert!(derived.is_subclass(&base) && !base.is_subclass(&derived));
        assert_eq!(&*derived.bases()[0].name(), "Base");
        assert!(obj.class().as_obj().ptr_eq(derived.as_obj()));
        assert_eq!(derived.type_name(), "type");
        assert!(derived
            .describe()
            .to_string()
            .starts_with("class Derived 0x"));
    });
}

#[test]
fn hinted_attribute_access_agrees_with_access_by_name_whatever_the_hint() {
    leak_checked(|| {
        let c = Class::new("P", &[]);
        let names: Vec<Str> = ["a", "b", "c", "d"].into_iter().map(Str::intern).collect();
        // Instances with their attributes set in different orders, some deleted.
        let objs: Vec<Instance> = (0..4)
            .map(|k| {
                let o = Instance::new(&c);
                for j in 0..4 {
                    let n = &names[(j + k) % 4];
                    o.set_attr(n, int((10 * k + j) as i64)).unwrap();
                }
                if k == 3 {
                    o.del_attr("b").unwrap();
                }
                o
            })
            .collect();
        for start in [0, 1, 3, 7, u32::MAX] {
            let hint = AttrHint::new(start);
            for o in &objs {
                for n in &names {
                    let by_name = o.as_obj().own_attr(n).map(|v| format!("{v:?}"));
                    let hinted = o
                        .as_obj()
                        .own_attr_hinted(n, &hint)
                        .map(|v| format!("{v:?}"));
                    assert_eq!(hinted, by_name, "{n} at hint {start}");
                }
            }
            // A hinted store writes the named attribute, wherever the hint points.
            let hint = AttrHint::new(start);
            for (i, o) in objs.iter().enumerate() {
                o.as_obj()
                    .set_attr_hinted(&names[2], int(i as i64), &hint)
                    .unwrap();
                assert!(matches!(o.get_attr("c"), Ok(Value::Int(v)) if v == i as i64));
                assert_eq!(o.attr_names().unwrap().len(), if i == 3 { 3 } else { 4 });
            }
        }
    });
}

/// What a store could have changed on `target`: each attribute (an object by identity and
/// count), the hint's position, and the counts of the regions involved.
fn store_effects(target: &ObjRef, hint: &AttrHint, regions: &[&ObjRef]) -> String {
    let attrs: Vec<String> = target
        .attr_names()
        .unwrap()
        .iter()
        .map(|n| match target.get_attr(n).unwrap() {
            Value::Obj(o) => format!("{n}={:#x}/{}", o.id(), o.ref_count()),
            v => format!("{n}={v:?}"),
        })
        .collect();
    let regions: Vec<String> = regions
        .iter()
        .map(|r| {
            let i = region::info(r).unwrap();
            let parent = i.parent.as_ref().map(ObjRef::id);
            let subregions = i.subregions.len();
            let counts = (i.members, i.local_refs, i.member_refs, i.is_closed);
            format!("{counts:?} {parent:?} {subregions}")
        })
        .collect();
    format!("{attrs:?} {hint:?} {regions:?} {:?}", target.state())
}

#[test]
fn a_refused_hinted_store_changes_nothing() {
    leak_checked(|| {
        let class = Class::new("P", &[]);
        freeze_component(&[class.as_obj().clone()]).unwrap();
        let (a, z) = (Str::intern("a"), Str::intern("z"));
        // Each refusal with the hint at the stored name's position, elsewhere, and past
        // the end: neither the attribute, nor the hint, nor any count moves.
        let refuse = |target: &ObjRef,
                      value: &Value,
                      regions: &[&ObjRef],
                      expect: fn(&CoreError) -> bool| {
            for name in [&a, &z] {
                for start in [0, 1, 9] {
                    let hint = AttrHint::new(start);
                    let value_count = match value {
                        Value::Obj(o) => Some((o.ref_count(), o.state())),
                        _ => None,
                    };
                    let before = store_effects(target, &hint, regions);
                    let err = target
                        .set_attr_hinted(name, value.clone(), &hint)
                        .unwrap_err();
                    assert!(expect(&err), "{name} at {start}: {err}");
                    assert_eq!(store_effects(target, &hint, regions), before, "{err}");
                    let after = match value {
                        Value::Obj(o) => Some((o.ref_count(), o.state())),
                        _ => None,
                    };
                    assert_eq!(after, value_count, "the stored value, {err}");
                }
            }
        };
        // A frozen target.
        let frozen = Instance::new(&class);
        frozen.set_attr("a", List::new([int(1)]).into()).unwrap();
        frozen.set_attr("b", int(2)).unwrap();
        freeze_component(&[
            frozen.as_obj().clone(),
            frozen.get_attr("a").unwrap().as_obj().unwrap().clone(),
        ])
        .unwrap();
        let immutable: fn(&CoreError) -> bool = |e| matches!(e, CoreError::Immutable { .. });
        refuse(frozen.as_obj(), &List::new([]).into(), &[], immutable);
        refuse(frozen.as_obj(), &int(3), &[], immutable);
        // A target in region r2: a member of r1, a local graph reaching one, and a bridge
        // that already has a parent are all refused.
        let (r1, r2, owned) = (
            region::create(None),
            region::create(None),
            region::create(None),
        );
        r1.set_attr("data", List::new([]).into()).unwrap();
        r1.set_attr("child", owned.clone().into()).unwrap();
        r2.set_attr("m", Instance::new(&class).into()).unwrap();
        let target = r2.get_attr("m").unwrap().as_obj().unwrap().clone();
        target.set_attr("a", List::new([]).into()).unwrap();
        target.set_attr("b", int(2)).unwrap();
        let foreign = r1.get_attr("data").unwrap();
        let graph = List::new([Dict::new().into(), foreign.clone()]);
        let regions = [&r1, &r2, &owned];
        let cross: fn(&CoreError) -> bool = |e| matches!(e, CoreError::CrossRegion { .. });
        refuse(&target, &foreign, &regions, cross);
        refuse(&target, &graph.clone().into(), &regions, cross);
        assert_eq!(
            graph.get(0).unwrap().as_obj().unwrap().state(),
            State::Local
        );
        let second: fn(&CoreError) -> bool = |e| matches!(e, CoreError::SecondOwner { .. });
        refuse(&target, &owned.clone().into(), &regions, second);
    });
}

#[test]
fn a_refused_hinted_dict_store_changes_nothing() {
    leak_checked(|| {
        let (x, y) = (Str::intern("x"), Str::intern("y"));
        // Each refusal with the hint at the key's position, elsewhere, and past the end:
        // neither the entries (values by identity and count), nor the hint, nor any
        // region's counts move.
        let refuse =
            |d: &Dict, value: &Value, regions: &[&ObjRef], expect: fn(&CoreError) -> bool| {
                let effects = |hint: &AttrHint| {
                    let entries: Vec<String> = d
                        .items()
                        .iter()
                        .map(|(k, v)| match v {
                            Value::Obj(o) => format!("{k:?}={:#x}/{}", o.id(), o.ref_count()),
                            v => format!("{k:?}={v:?}"),
                        })
                        .collect();
                    let counts: Vec<String> = regions
                        .iter()
                        .map(|r| {
                            let i = region::info(r).unwrap();
                            format!("{:?}", (i.members, i.local_refs, i.member_refs))
                        })
                        .collect();
                    format!("{entries:?} {hint:?} {counts:?} {:?}", d.as_obj().state())
                };
                for name in [&x, &y] {
                    for start in [0, 1, 9] {
                        let hint = AttrHint::new(start);
                        let before = effects(&hint);
                        let err = d.set_str_hinted(name, value.clone(), &hint).unwrap_err();
                        assert!(expect(&err), "{name} at {start}: {err}");
                        assert_eq!(effects(&hint), before, "{err}");
                    }
                }
            };
        // A frozen dict, its key `x` present and `y` absent.
        let frozen = Dict::new();
        frozen.set(Value::str("w"), int(0)).unwrap();
        frozen.set(Value::str("x"), int(1)).unwrap();
        freeze_component(&[frozen.as_obj().clone()]).unwrap();
        let immutable: fn(&CoreError) -> bool = |e| matches!(e, CoreError::Immutable { .. });
        refuse(&frozen, &int(2), &[], immutable);
        refuse(&frozen, &List::new([]).into(), &[], immutable);
        // A dict in region r2 given a member of r1.
        let (r1, r2) = (region::create(None), region::create(None));
        r1.set_attr("data", List::new([]).into()).unwrap();
        r2.set_attr("d", Dict::new().into()).unwrap();
        let d = Dict::try_from(r2.get_attr("d").unwrap().as_obj().unwrap().clone()).unwrap();
        d.set(Value::str("x"), List::new([]).into()).unwrap();
        let foreign = r1.get_attr("data").unwrap();
        let cross: fn(&CoreError) -> bool = |e| matches!(e, CoreError::CrossRegion { .. });
        refuse(&d, &foreign, &[&r1, &r2], cross);
    });
}

#[test]
fn typed_handles_check_the_kind() {
    let l: ObjRef = List::new([]).into();
    let err = Dict::try_from(l.clone()).unwrap_err();
    assert!(matches!(
        err,
        CoreError::WrongKind {
            expected: "dict",
            ..
        }
    ));
    assert!(List::try_from(l).is_ok());
}

#[test]
fn counts_follow_clones_and_drops() {
    leak_checked(|| {
        let l = List::new([]);
        assert_eq!(l.ref_count(), 1);
        let l2 = l.clone();
        assert_eq!(l.ref_count(), 2);
        let holder = List::new([l.clone().into(), l.clone().into()]);
        assert_eq!(l.ref_count(), 4, "each reference from a list counts");
        drop(l2);
        holder.clear().unwrap();
        assert_eq!(l.ref_count(), 1);
        assert_eq!(holder.references().len(), 0);
    });
}

fn every_mutator(obj: &ObjRef) -> Vec<Result<(), CoreError>> {
    let v = int(1);
    match obj.kind() {
        Kind::List => {
            let l = List::try_from(obj.clone()).unwrap();
            vec![
                l.push(v.clone()),
                l.set(0, v.clone()),
                l.insert(0, v),
                l.pop().map(drop),
                l.clear(),
            ]
        }
        Kind::Dict => {
            let d = Dict::try_from(obj.clone()).unwrap();
            vec![d.set(v.clone(), v.clone()), d.remove(&v).map(drop)]
        }
        Kind::Set => {
            let s = Set::try_from(obj.clone()).unwrap();
            vec![s.add(v.clone()).map(drop), s.discard(&v).map(drop)]
        }
        Kind::Instance | Kind::Function | Kind::Region => {
            vec![obj.set_attr("a", v.clone()), obj.del_attr("a")]
        }
        Kind::Class => vec![Class::try_from(obj.clone()).unwrap().set_attr("a", v)],
        Kind::Tuple | Kind::Native => vec![],
    }
}

#[test]
fn every_mutator_of_every_kind_refuses_a_frozen_object() {
    leak_checked(|| {
        let class = Class::new("C", &[]);
        freeze_component(&[class.as_obj().clone()]).unwrap();
        let inst = Instance::new(&class);
        inst.set_attr("a", int(0)).unwrap();
        let objects: Vec<ObjRef> = vec![
            List::new([int(0)]).into(),
            Dict::from_pairs([(int(1), int(1))]).unwrap().into(),
            Set::new([int(1)]).unwrap().into(),
            inst.into(),
            Instance::new_function(&class),
            Class::new("D", &[]).into(),
        ];
        for obj in &objects {
            freeze_component(std::slice::from_ref(obj)).unwrap();
            let results = every_mutator(obj);
            assert!(!results.is_empty());
            for r in results {
                let err = r.unwrap_err();
                assert!(matches!(err, CoreError::Immutable { .. }), "{err}");
                let ty = obj.type_name();
                assert!(
                    err.to_string()
                        .starts_with(&format!("object of type {ty} is immutable")),
                    "{err}"
                );
            }
        }
    });
}

#[test]
fn freeze_component_checks_its_input_and_changes_nothing_on_error() {
    leak_checked(|| {
        assert_eq!(freeze_component(&[]), Err(CoreError::EmptyComponent));
        let a = List::new([]);
        let b = List::new([a.clone().into()]);
        let err = freeze_component(&[b.as_obj().clone()]).unwrap_err();
        assert!(matches!(err, CoreError::ComponentNotClosed { .. }));
        assert!(err.to_string().contains("freeze both together"));
        assert_eq!(b.state(), State::Local);
        assert_eq!(a.state(), State::Local);
        let dup = freeze_component(&[a.as_obj().clone(), a.as_obj().clone()]);
        assert!(matches!(dup, Err(CoreError::DuplicateMember { .. })));
        assert_eq!(a.state(), State::Local);
        freeze_component(&[a.as_obj().clone()]).unwrap();
        let again = freeze_component(&[a.as_obj().clone()]).unwrap_err();
        assert!(matches!(
            again,
            CoreError::InvalidTransition {
                to: State::Frozen,
                ..
            }
        ));
        freeze_component(&[b.as_obj().clone()]).unwrap();
        assert!(b.is_frozen());
    });
}

#[test]
fn component_count_is_the_number_of_outside_references() {
    leak_checked(|| {
        let a = List::new([]);
        let b = List::new([a.clone().into()]);
        a.push(b.clone().into()).unwrap();
        a.push(a.clone().into()).unwrap(); // self edge
        let outside = List::new([b.clone().into()]);
        // Outside references: handles a, b, and `outside`'s element.
        freeze_component(&[a.as_obj().clone(), b.as_obj().clone()]).unwrap();
        assert_eq!(a.ref_count(), 3);
        assert_eq!(b.ref_count(), 3, "members share the component's count");
        outside.clear().unwrap();
        assert_eq!(a.ref_count(), 2);
        drop(b);
        assert_eq!(a.ref_count(), 1);
    });
}

#[test]
fn dropping_the_last_reference_frees_a_frozen_cycle() {
    let before = thread_stats();
    let a = List::new([]);
    let b = List::new([a.clone().into()]);
    a.push(b.clone().into()).unwrap();
    freeze_component(&[a.as_obj().clone(), b.into_obj()]).unwrap();
    let after_freeze = thread_stats();
    assert_eq!(after_freeze.freed, before.freed);
    drop(a);
    assert_eq!(thread_stats().freed - before.freed, 2);
}

#[test]
fn frozen_components_are_freed_by_the_thread_that_drops_them_last() {
    let a = List::new([Value::str("payload")]);
    let b = List::new([a.clone().into()]);
    a.push(b.clone().into()).unwrap();
    freeze_component(&[a.as_obj().clone(), b.as_obj().clone()]).unwrap();
    let shared = Frozen::try_from(a.into_obj()).unwrap();
    drop(b);
    let freed_there = std::thread::spawn(move || {
        let before = thread_stats().freed;
        let copy = shared.clone();
        assert_eq!(List::try_from(copy.get().clone()).unwrap().len(), 2);
        drop(shared);
        drop(copy);
        thread_stats().freed - before
    })
    .join()
    .unwrap();
    assert_eq!(freed_there, 2);
}

#[test]
fn many_threads_read_one_frozen_object() {
    let items: Vec<Value> = (0..1000).map(int).collect();
    let l = List::new(items);
    freeze_component(&[l.as_obj().clone()]).unwrap();
    let shared = Frozen::try_from(l.into_obj()).unwrap();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let mine = shared.clone();
            std::thread::spawn(move || {
                let l = List::try_from(mine.get().clone()).unwrap();
                (0..l.len() as i64)
                    .map(|i| match l.get(i).unwrap() {
                        Value::Int(x) => x,
                        _ => unreachable!(),
                    })
                    .sum::<i64>()
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 999 * 1000 / 2);
    }
    assert_eq!(shared.get().ref_count(), 1);
}

#[test]
fn a_mutable_object_cannot_be_shared() {
    let err = Frozen::try_from(List::new([]).into_obj()).unwrap_err();
    assert!(err
        .to_string()
        .contains("only frozen objects are Send + Sync"));
}

#[test]
fn local_cycles_are_collected_and_reachable_objects_are_not() {
    let before = thread_stats();
    let kept = List::new([]);
    {
        let a = List::new([]);
        let b = Dict::new();
        b.set(int(0), a.clone().into()).unwrap();
        a.push(b.clone().into()).unwrap();
        a.push(a.clone().into()).unwrap();
        let c = Class::new("C", &[]);
        let i = Instance::new(&c);
        c.set_attr("instance", i.clone().into()).unwrap(); // class <-> instance cycle
        kept.push(Instance::new(&c).into()).unwrap(); // keeps the class cycle alive
    }
    let live_before = thread_stats().allocated - thread_stats().freed;
    assert_eq!(live_before - (before.allocated - before.freed), 6);
    assert_eq!(collect(), 2, "only the list/dict cycle is garbage");
    drop(kept);
    assert_eq!(collect(), 2, "the class/instance cycle is now garbage");
    let after = thread_stats();
    assert_eq!(
        after.allocated - before.allocated,
        after.freed - before.freed
    );
}

#[test]
fn dropping_a_long_chain_does_not_recurse() {
    leak_checked(|| {
        let mut head = List::new([]);
        for _ in 0..200_000 {
            head = List::new([head.into()]);
        }
        drop(head);
    });
}

#[test]
fn capture_moves_a_local_graph_and_counts_outside_references() {
    leak_checked(|| {
        let r = region::create(Some("r"));
        assert_eq!(region::info(&r).unwrap().local_refs, 1, "the bridge handle");
        let x = Dict::new();
        let inner = List::new([int(1)]);
        x.set(Value::str("data"), inner.clone().into()).unwrap();
        inner.push(x.clone().into()).unwrap(); // a cycle
        r.set_attr("x", x.clone().into()).unwrap();
        assert!(
            matches!(x.state(), State::InRegion(_)) && matches!(inner.state(), State::InRegion(_))
        );
        assert!(region::owns(&r, &inner).unwrap());
        let info = region::info(&r).unwrap();
        assert_eq!(info.members, 3);
        assert_eq!(info.member_refs, 2, "the handles x and inner");
        assert!(!info.is_closed);
        drop((x, inner));
        let info = region::info(&r).unwrap();
        assert_eq!(info.member_refs, 0);
        assert!(info.is_closed);
        let data = r.get_attr("x").unwrap(); // reading re-opens
        assert_eq!(region::info(&r).unwrap().member_refs, 1);
        drop(data);
    });
}

#[test]
fn refused_stores_name_both_objects_and_change_nothing() {
    leak_checked(|| {
        let r1 = region::create(None);
        let r2 = region::create(None);
        r1.set_attr("data", Dict::new().into()).unwrap();
        let foreign = r1.get_attr("data").unwrap();
        let err = r2.set_attr("data", foreign.clone()).unwrap_err();
        assert!(matches!(err, CoreError::CrossRegion { .. }), "{err}");
        assert!(err.to_string().contains("belongs to another region"));
        // A local graph reaching a foreign member is refused whole.
        let a = Dict::new();
        let b = List::new([foreign]);
        a.set(int(0), b.clone().into()).unwrap();
        let err = r2.set_attr("a", a.clone().into()).unwrap_err();
        match &err {
            CoreError::CrossRegion { holder, .. } => assert_eq!(holder.id, b.id(), "{err}"),
            other => panic!("{other}"),
        }
        assert_eq!((a.state(), b.state()), (State::Local, State::Local));
        assert!(r2.get_attr("a").is_err());
        assert_eq!(region::info(&r2).unwrap().members, 1);
        // Classes are shared code: a mutable class never enters a region.
        let c = Class::new("C", &[]);
        let err = r1.set_attr("obj", Instance::new(&c).into()).unwrap_err();
        assert!(matches!(err, CoreError::UnfrozenCode { .. }), "{err}");
        freeze_component(&[c.as_obj().clone()]).unwrap();
        r1.set_attr("obj", Instance::new(&c).into()).unwrap();
        // So are functions, even when their class is frozen; the refusal names them.
        let f = Instance::new_function(&c);
        f.set_attr("__name__", Value::str("step")).unwrap();
        let err = r1.set_attr("f", f.clone().into()).unwrap_err();
        assert!(matches!(err, CoreError::UnfrozenCode { .. }), "{err}");
        assert!(err.to_string().contains("function step"), "{err}");
        assert_eq!((f.kind(), f.type_name().as_str()), (Kind::Function, "C"));
        freeze_component(std::slice::from_ref(&f)).unwrap();
        r1.set_attr("f", f.into()).unwrap();
    });
}

#[test]
fn subregions_have_one_owner_and_form_a_forest() {
    leak_checked(|| {
        let (a, b, c) = (
            region::create(None),
            region::create(None),
            region::create(None),
        );
        a.set_attr("child", c.clone().into()).unwrap();
        assert!(region::info(&c).unwrap().parent.unwrap().ptr_eq(&a));
        let err = b.set_attr("child", c.clone().into()).unwrap_err();
        assert!(matches!(err, CoreError::SecondOwner { .. }), "{err}");
        let err = c.set_attr("up", a.clone().into()).unwrap_err();
        assert!(matches!(err, CoreError::RegionCycle { .. }), "{err}");
        a.set_attr("child", Value::None).unwrap(); // unparents c
        assert!(region::info(&c).unwrap().parent.is_none());
        c.set_attr("up", a.clone().into()).unwrap();
        assert_eq!(region::info(&c).unwrap().subregions.len(), 1);
    });
}

#[test]
fn a_dropped_closed_region_is_freed_as_a_unit_with_its_cycles() {
    let before = thread_stats();
    {
        let r = region::create(None);
        let a = List::new([]);
        let b = List::new([a.clone().into(), r.clone().into()]);
        a.push(b.clone().into()).unwrap();
        r.set_attr("a", a.into()).unwrap();
        let sub = region::create(None);
        sub.set_attr("x", List::new([]).into()).unwrap();
        r.set_attr("sub", sub.into()).unwrap();
        drop(b);
        assert_eq!(region::info(&r).unwrap().members, 3);
    }
    let after = thread_stats();
    assert_eq!(after.allocated - before.allocated, 5); // r, a, b, sub, sub.x
    assert_eq!(
        after.freed - before.freed,
        5,
        "both regions freed with no collection"
    );
}

#[test]
fn members_dropped_from_a_live_region_are_freed_at_once() {
    leak_checked(|| {
        let r = region::create(None);
        r.set_attr("l", List::new([int(1)]).into()).unwrap();
        let freed = thread_stats().freed;
        r.set_attr("l", Value::None).unwrap();
        assert_eq!(thread_stats().freed - freed, 1);
        assert_eq!(region::info(&r).unwrap().members, 1);
    });
}

#[test]
fn merge_dissolve_and_close() {
    leak_checked(|| {
        let (r1, r2) = (region::create(None), region::create(None));
        r1.set_attr("r2", r2.clone().into()).unwrap();
        r2.set_attr("a", Dict::new().into()).unwrap();
        let sink = region::merge_into_parent(&r2).unwrap();
        assert!(sink.ptr_eq(&r1));
        assert!(!region::is_bridge(&r2));
        r1.set_attr("alias", r2.get_attr("a").unwrap()).unwrap(); // same region now
        assert!(matches!(
            region::merge_into_parent(&r1),
            Err(CoreError::NoParent { .. })
        ));
        let r3 = region::create(None);
        r1.set_attr("r3", r3.clone().into()).unwrap();
        assert!(matches!(
            region::dissolve(&r3),
            Err(CoreError::HasParent { .. })
        ));
        region::dissolve(&r1).unwrap();
        assert_eq!(r2.state(), State::Local);
        assert!(
            region::info(&r3).unwrap().parent.is_none(),
            "dissolve unparents"
        );
        // close: local references from heap objects are cleared, Rust handles are not.
        let holder = List::new([]);
        r3.set_attr("d", Dict::new().into()).unwrap();
        holder.push(r3.get_attr("d").unwrap()).unwrap();
        assert!(!region::info(&r3).unwrap().is_closed);
        let handle = r3.get_attr("d").unwrap();
        let err = region::close(&r3).unwrap_err();
        assert!(
            matches!(err, CoreError::StillOpen { handles: 1, .. }),
            "{err}"
        );
        assert_eq!(holder.len(), 1);
        assert!(holder.get(0).unwrap().as_obj().is_some(), "nothing changed");
        drop(handle);
        region::close(&r3).unwrap();
        assert!(matches!(holder.get(0).unwrap(), Value::None));
        assert!(region::info(&r3).unwrap().is_closed);
    });
}

#[test]
fn values_describe_themselves() {
    assert_eq!(format!("{:?}", Value::Float(2.0)), "2.0");
    assert_eq!(format!("{:?}", Value::str("a")), "\"a\"");
    assert_eq!(format!("{:?}", Value::Bool(true)), "True");
    assert_eq!(Value::None.type_name(), "NoneType");
    let l = List::new([]);
    let text = format!("{:?}", Value::from(l.clone()));
    assert!(
        text.starts_with("<list object 0x") && text.ends_with("(local)>"),
        "{text}"
    );
    assert!(Value::from(l.clone()).is(&Value::from(l)));
    assert!(!Value::Int(1).is(&Value::Float(1.0)));
}

#[test]
fn objects_stay_small() {
    // RFC-0001 §2: a four-word header, and bodies of at most eight words. Growing either
    // costs every object; this test makes that a decision rather than an accident.
    assert_eq!(std::mem::size_of::<crate::header::Header>(), 32);
    assert!(std::mem::size_of::<crate::body::Body>() <= 64);
    // A value is a tag and one word (a string is a thin pointer): two words.
    assert_eq!(std::mem::size_of::<Value>(), 16);
    assert_eq!(std::mem::size_of::<Option<Value>>(), 16);
}

#[test]
fn strings_cache_their_hash_and_interned_names_are_one_allocation_on_every_thread() {
    let a = crate::Str::from("name");
    let k = crate::Key::new(Value::Str(a.clone())).unwrap();
    assert_eq!(k.hash_code(), a.hash_code(), "keys reuse the string's hash");
    assert_eq!(k, crate::Key::new(Value::str("name")).unwrap());
    let here = crate::Str::intern("attribute");
    let there = std::thread::spawn(|| crate::Str::intern("attribute"))
        .join()
        .unwrap();
    assert!(crate::Str::ptr_eq(&here, &there), "one interned allocation");
    assert!(
        !crate::Str::ptr_eq(&a, &crate::Str::from("name")),
        "plain strings are not"
    );
    assert_eq!(a, crate::Str::from("name"));
    let (low, high) = (crate::Str::from("a"), crate::Str::from("b"));
    assert!(high > low, "ordered by text");
}

#[test]
fn lists_allocated_in_a_region_run_the_barrier_on_their_items() {
    leak_checked(|| {
        let r = region::create(None);
        let local = Dict::new();
        let l = List::new_in(&r, [local.clone().into(), int(2)]).unwrap();
        assert_eq!(l.state(), r.state());
        assert_eq!(local.state(), r.state(), "local items are captured");
        assert_eq!(
            region::info(&r).unwrap().member_refs,
            2,
            "handles l and local"
        );
        let other = region::create(None);
        let foreign = List::new_in(&other, []).unwrap();
        let allocated = thread_stats().allocated;
        let err = List::new_in(&r, [foreign.into()]).unwrap_err();
        assert!(matches!(err, CoreError::CrossRegion { .. }), "{err}");
        assert_eq!(thread_stats().allocated, allocated, "nothing allocated");
        assert!(
            List::new_in(&local, []).is_ok(),
            "any member names its region"
        );
        assert!(matches!(
            List::new_in(&List::new([]), []),
            Err(CoreError::NotInRegion { .. })
        ));
    });
}

#[test]
fn implicit_freezing_without_a_freezer_refuses_and_changes_nothing() {
    leak_checked(|| {
        let r = region::create(None);
        let c = Class::new("C", &[]);
        let obj = Instance::new(&c);
        crate::policy::set_implicit_freezing(true);
        let err = r.set_attr("obj", obj.clone().into()).unwrap_err();
        crate::policy::set_implicit_freezing(false);
        assert!(matches!(err, CoreError::NoFreezer { .. }), "{err}");
        assert_eq!((obj.state(), c.state()), (State::Local, State::Local));
        assert!(
            !marked(c.as_obj()) && !marked(obj.as_obj()),
            "no traversal mark left"
        );
        let err = r.set_attr("obj", obj.into()).unwrap_err();
        assert!(
            matches!(err, CoreError::UnfrozenCode { .. }),
            "policy off again: {err}"
        );
    });
}

#[test]
fn a_bridge_is_frozen_only_with_its_whole_region() {
    leak_checked(|| {
        let r = region::create(None);
        let l = List::new_in(&r, []).unwrap();
        let err = freeze_component(std::slice::from_ref(&r)).unwrap_err();
        assert!(matches!(err, CoreError::RegionPartlyFrozen { .. }), "{err}");
        assert!(region::is_bridge(&r) && !l.is_frozen(), "nothing changed");
        freeze_component(&[r.clone(), l.as_obj().clone()]).unwrap();
        assert!(!region::is_bridge(&r) && r.is_frozen() && l.is_frozen());
    });
}

#[test]
fn members_frozen_out_of_a_region_stop_counting_in_it() {
    leak_checked(|| {
        let r = region::create(None);
        let kept = List::new_in(&r, []).unwrap();
        let leaving = List::new_in(&r, [int(1)]).unwrap();
        kept.push(leaving.clone().into()).unwrap();
        r.set_attr("kept", kept.clone().into()).unwrap();
        assert_eq!(
            region::info(&r).unwrap().member_refs,
            2,
            "handles kept and leaving"
        );
        freeze_component(std::slice::from_ref(leaving.as_obj())).unwrap();
        let info = region::info(&r).unwrap();
        assert_eq!(
            (info.members, info.member_refs),
            (2, 1),
            "only the handle to kept"
        );
        assert!(
            kept.get(0).unwrap().is_frozen(),
            "the region now references a frozen object"
        );
    });
}

#[test]
fn views_read_frozen_graphs_from_many_threads_without_counting() {
    use crate::{View, ViewValue};
    let d = Dict::new();
    d.set(Value::str("k"), List::new([int(5)]).into()).unwrap();
    let c = Class::new("C", &[]);
    let i = Instance::new(&c);
    i.set_attr("d", d.clone().into()).unwrap();
    i.set_attr("name", Value::str("eve")).unwrap();
    let inner = d.get(&Value::str("k")).unwrap().unwrap();
    freeze_component(&[inner.as_obj().unwrap().clone()]).unwrap();
    drop(inner);
    freeze_component(&[d.as_obj().clone()]).unwrap();
    freeze_component(&[c.as_obj().clone()]).unwrap();
    freeze_component(&[i.as_obj().clone()]).unwrap();
    let shared = Frozen::try_from(i.into_obj()).unwrap();
    let count = shared.get().ref_count();
    let read = |v: View<'_>| -> Option<i64> {
        let ViewValue::Obj(d) = v.attr("d")? else {
            return None;
        };
        let ViewValue::Obj(l) = d.lookup(&Value::str("k")).ok()?? else {
            return None;
        };
        match l.item(0)? {
            ViewValue::Int(x) => Some(x),
            _ => None,
        }
    };
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                for _ in 0..1000 {
                    assert_eq!(read(shared.view()), Some(5));
                    assert!(matches!(
                        shared.view().attr("name"),
                        Some(ViewValue::Str("eve"))
                    ));
                }
            });
        }
    });
    assert_eq!(shared.get().ref_count(), count, "views take no references");
    let kept = shared.view().to_frozen();
    assert_eq!(shared.get().ref_count(), count + 1);
    assert!(shared.view().attr("missing").is_none() && shared.view().len().is_none());
    assert_eq!(kept.view().id(), shared.get().id());
}

#[test]
fn dropping_the_bridge_while_members_are_referenced_dissolves_the_region() {
    // Semantics §3: the region does not outlive its bridge. (Before this rule, the region
    // model test found a region whose only outside reference was to a member.)
    leak_checked(|| {
        let r = region::create(None);
        let sub = region::create(None);
        let member = List::new_in(&r, []).unwrap();
        r.set_attr("m", member.clone().into()).unwrap();
        r.set_attr("sub", sub.clone().into()).unwrap();
        member.push(sub.clone().into()).unwrap_err(); // a second owner: refused
        let before = thread_stats().freed;
        drop(r); // only `member` (a local handle) points into the region now
        assert_eq!(member.state(), State::Local, "members become local");
        assert!(
            region::info(&sub).unwrap().parent.is_none(),
            "subregions parentless"
        );
        assert_eq!(
            thread_stats().freed - before,
            1,
            "the unreferenced bridge is freed"
        );
        freeze_component(std::slice::from_ref(member.as_obj())).unwrap();
        assert!(member.is_frozen());
    });
}

#[test]
fn a_bridge_stored_only_inside_its_region_dissolves_it() {
    leak_checked(|| {
        let r = region::create(None);
        let member = List::new_in(&r, []).unwrap();
        r.set_attr("m", member.clone().into()).unwrap();
        // The bridge's last outside reference moves inside the region (the fast path).
        member.push(Value::None).unwrap();
        member.set(0, r.into()).unwrap();
        assert_eq!(member.state(), State::Local);
        let bridge = member.get(0).unwrap();
        assert!(
            !region::is_bridge(bridge.as_obj().unwrap()),
            "no longer a region"
        );
        assert_eq!(bridge.as_obj().unwrap().state(), State::Local);
        member.set(0, Value::None).unwrap(); // break the cycle member -> bridge -> member
    });
}

/// A minimal native type: an ordered pair of frozen values, hashable when both are.
struct Pair(crate::FrozenValue, crate::FrozenValue);

impl crate::NativeBody for Pair {
    fn type_name(&self) -> &'static str {
        "pair"
    }
    fn for_each_value(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.0);
        f(&self.1);
    }
    fn key_hash(&self) -> Result<u64, CoreError> {
        let a = crate::Key::new((*self.0).clone())?.hash_code();
        let b = crate::Key::new((*self.1).clone())?.hash_code();
        Ok(a.rotate_left(5) ^ b)
    }
    fn key_eq(&self, other: &dyn crate::NativeBody) -> bool {
        let other = (other as &dyn std::any::Any).downcast_ref::<Pair>();
        other.is_some_and(|o| {
            let key = |v: &Value| crate::Key::new(v.clone()).ok();
            key(&self.0) == key(&o.0) && key(&self.1) == key(&o.1)
        })
    }
}

fn pair(a: Value, b: Value) -> ObjRef {
    let f = |v| crate::FrozenValue::new(v).unwrap();
    ObjRef::new_native(Pair(f(a), f(b)))
}

#[test]
fn native_objects_are_frozen_counted_hashed_and_freed() {
    leak_checked(|| {
        let inner = List::new([int(7)]);
        assert!(
            crate::FrozenValue::new(inner.clone().into()).is_err(),
            "a mutable object is not a frozen value"
        );
        freeze_component(&[inner.as_obj().clone()]).unwrap();
        let p = pair(int(1), inner.clone().into());
        assert_eq!(p.state(), State::Frozen);
        assert_eq!((p.kind(), p.type_name().as_str()), (Kind::Native, "pair"));
        assert_eq!(inner.ref_count(), 2, "the pair's reference counts");
        assert!(p.references()[0].ptr_eq(inner.as_obj()));
        assert!(p.native::<Pair>().is_some());
        assert!(inner.as_obj().native::<Pair>().is_none());
        // A list inside makes the pair unhashable; immediates make it a key equal to an
        // equal pair's.
        assert!(matches!(
            crate::Key::new(p.clone().into()),
            Err(CoreError::Unhashable { .. })
        ));
        let d = Dict::new();
        d.set(pair(int(1), Value::str("a")).into(), int(10))
            .unwrap();
        let found = |k: ObjRef| d.get(&k.into()).unwrap().map(|v| ints(&[v]));
        assert_eq!(
            found(pair(Value::Float(1.0), Value::str("a"))),
            Some(vec![10])
        );
        assert_eq!(found(pair(int(2), Value::str("a"))), None);
        drop(p);
        assert_eq!(
            inner.ref_count(),
            1,
            "freeing the pair released its reference"
        );
    });
}

#[test]
fn native_objects_are_shared_between_threads() {
    let p = pair(Value::str("left"), int(2));
    let shared = Frozen::try_from(p).unwrap();
    let copy = shared.clone();
    let name = std::thread::spawn(move || {
        let p = copy.get().native::<Pair>().unwrap();
        format!("{:?}/{:?}", *p.0, *p.1)
    })
    .join()
    .unwrap();
    assert_eq!(name, "\"left\"/2");
    assert_eq!(shared.get().ref_count(), 1);
}

#[test]
fn splice_replaces_a_range_through_the_barrier() {
    leak_checked(|| {
        let l = List::new((0..5).map(int));
        let removed = l.splice(1, 3, vec![int(9)]).unwrap();
        assert_eq!(
            (ints(&removed), ints(&l.to_vec())),
            (vec![1, 2], vec![0, 9, 3, 4])
        );
        assert!(
            l.splice(9, 9, vec![int(5)]).unwrap().is_empty(),
            "clamped: an append"
        );
        assert_eq!(ints(&l.to_vec()), [0, 9, 3, 4, 5]);
        // In a region: a member spliced out counts as an outside reference again, and a
        // foreign member is refused with nothing changed.
        let r = region::create(None);
        let member = List::new([]);
        let held = List::new([member.clone().into()]);
        r.set_attr("held", held.clone().into()).unwrap();
        let out = held.splice(0, 1, vec![]).unwrap();
        assert!(out[0].is(&member.clone().into()));
        let other = region::create(None);
        let foreign = List::new([]);
        other.set_attr("x", foreign.clone().into()).unwrap();
        let err = held.splice(0, 0, vec![foreign.clone().into()]).unwrap_err();
        assert!(matches!(err, CoreError::CrossRegion { .. }), "{err}");
        assert!(held.is_empty());
    });
}

#[test]
fn keys_nested_too_deep_are_refused_not_overflowed() {
    leak_checked(|| {
        let mut t = Value::Int(0);
        for _ in 0..crate::MAX_KEY_DEPTH + 5 {
            t = Tuple::new([t]).into();
        }
        assert!(matches!(crate::Key::new(t), Err(CoreError::TooDeep { .. })));
    });
}

#[test]
fn an_immortal_component_is_never_counted_nor_freed() {
    // A frozen cycle of two lists referencing a counted tuple: one component of two.
    let inner = Tuple::new([Value::Int(5)]);
    let a = List::new([inner.clone().into()]);
    let b = List::new([a.clone().into()]);
    a.push(b.clone().into()).unwrap();
    freeze_component(&[a.as_obj().clone(), b.as_obj().clone()]).unwrap();
    let inner_count = inner.as_obj().ref_count();
    let forever = Frozen::try_from(a.as_obj().clone())
        .unwrap()
        .into_immortal();
    for member in [a.as_obj(), b.as_obj()] {
        assert!(member.is_frozen());
        assert_eq!(member.ref_count(), usize::MAX, "not counted");
        assert_eq!(member.state(), State::Frozen);
    }
    assert_eq!(
        a.as_obj().component(),
        b.as_obj().component(),
        "still one identity"
    );
    // Handles come and go on two threads without a count, and nothing is freed.
    let freed_before = thread_stats().freed;
    let handles: Vec<Frozen> = (0..2).map(|_| forever.clone()).collect();
    let threads: Vec<_> = handles
        .into_iter()
        .map(|h| {
            std::thread::spawn(move || {
                let copies: Vec<Frozen> = (0..1000).map(|_| h.clone()).collect();
                copies.len()
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), 1000);
    }
    drop((a, b, forever));
    assert_eq!(
        thread_stats().freed,
        freed_before,
        "an immortal component is never freed"
    );
    // What it references stays counted: the component's reference keeps `inner` alive.
    assert_eq!(inner.as_obj().ref_count(), inner_count);
}

#[test]
fn a_region_frozen_whole_can_become_immortal() {
    let r = region::create(None);
    let l = List::new_in(&r, [Value::Int(1)]).unwrap();
    r.set_attr("l", l.clone().into()).unwrap();
    drop(l);
    assert!(region::freeze_whole(std::slice::from_ref(&r)));
    let forever = Frozen::try_from(r).unwrap().into_immortal();
    let l = forever.get().get_attr("l").unwrap();
    assert_eq!(l.as_obj().unwrap().ref_count(), usize::MAX);
    assert_eq!(forever.get().ref_count(), usize::MAX);
}

#[test]
fn a_region_that_churns_cycles_stays_bounded() {
    leak_checked(|| {
        let r = region::create(None);
        let keep = List::new_in(&r, []).unwrap();
        r.set_attr("keep", keep.clone().into()).unwrap();
        let mut most = 0;
        for i in 0..20_000 {
            // A two-member cycle, reachable from the bridge only until the next round.
            let a = List::new_in(&r, [int(i)]).unwrap();
            let b = List::new_in(&r, [a.clone().into()]).unwrap();
            a.push(b.clone().into()).unwrap();
            r.set_attr("tmp", a.into()).unwrap();
            if i % 100 == 0 {
                keep.push(int(i)).unwrap(); // live data survives every collection
            }
            most = most.max(region::info(&r).unwrap().members);
        }
        assert!(most <= 2 * 1024 + 4, "the region grew to {most} members");
        assert_eq!(keep.len(), 200);
        assert!(region::info(&r).unwrap().is_open, "still a live region");
        let tmp = r.get_attr("tmp").unwrap();
        let a = List::try_from(tmp.as_obj().unwrap().clone()).unwrap();
        assert_eq!(a.len(), 2, "the latest cycle is intact");
    });
}

#[test]
fn a_region_that_only_grows_never_collects() {
    leak_checked(|| {
        let r = region::create(None);
        let keep = List::new_in(&r, []).unwrap();
        r.set_attr("keep", keep.clone().into()).unwrap();
        let before = region::COLLECTIONS.with(Cell::get);
        for i in 0..10_000 {
            let a = List::new_in(&r, [int(i)]).unwrap();
            keep.push(a.into()).unwrap(); // the handle's unit moves into `keep`
        }
        assert_eq!(region::info(&r).unwrap().members, 10_002);
        assert_eq!(region::COLLECTIONS.with(Cell::get), before);
        // One dropped inside reference that leaves a count above zero is enough.
        let a = List::try_from(keep.get(0).unwrap().as_obj().unwrap().clone()).unwrap();
        keep.push(a.clone().into()).unwrap();
        drop(a);
        keep.pop().unwrap();
        for i in 0..10_000 {
            keep.push(List::new_in(&r, [int(i)]).unwrap().into())
                .unwrap();
        }
        assert!(region::COLLECTIONS.with(Cell::get) > before);
    });
}

#[test]
fn overwriting_the_last_path_to_a_cycle_marks_the_region_for_collection() {
    leak_checked(|| {
        let r = region::create(None);
        let keep = List::new_in(&r, [Value::None]).unwrap();
        r.set_attr("keep", keep.clone().into()).unwrap();
        let a = List::new_in(&r, []).unwrap();
        let b = List::new_in(&r, [a.clone().into()]).unwrap();
        a.push(b.clone().into()).unwrap();
        keep.set(0, a.into()).unwrap();
        drop(b);
        assert_eq!(region::collect(&r).unwrap(), 0, "the cycle is reachable");
        assert!(!region::may_hold_garbage(&r));
        // The store drops an inside reference (`discard_removed`), the cycle's last path.
        keep.set(0, Value::None).unwrap();
        assert!(region::may_hold_garbage(&r));
        assert_eq!(region::collect(&r).unwrap(), 2);
    });
}

#[test]
fn a_cycle_merged_from_a_subregion_is_collected_by_the_parent() {
    leak_checked(|| {
        let r = region::create(None);
        let sub = region::create(None);
        r.set_attr("sub", sub.clone().into()).unwrap();
        // A cycle in the subregion, garbage once its handles drop.
        let a = List::new_in(&sub, []).unwrap();
        let b = List::new_in(&sub, [a.clone().into()]).unwrap();
        a.push(b.clone().into()).unwrap();
        drop((a, b));
        region::collect(&r).unwrap(); // nothing in `r` itself may be garbage now
        assert!(!region::may_hold_garbage(&r));
        region::merge_into_parent(&sub).unwrap();
        assert!(
            region::may_hold_garbage(&r),
            "the subregion's drops came with it"
        );
        drop(sub);
        let keep = List::new_in(&r, []).unwrap();
        r.set_attr("keep", keep.clone().into()).unwrap();
        for i in 0..3_000 {
            keep.push(List::new_in(&r, [int(i)]).unwrap().into())
                .unwrap();
        }
        // bridge, former sub bridge, keep and its 3,000 lists: the cycle is gone.
        assert_eq!(region::info(&r).unwrap().members, 3_003);
    });
}

#[test]
fn collecting_a_region_frees_unreachable_cycles_and_unparents_their_subregions() {
    leak_checked(|| {
        let r = region::create(None);
        let sub = region::create(None);
        let a = List::new_in(&r, [sub.clone().into()]).unwrap();
        let b = List::new_in(&r, [a.clone().into()]).unwrap();
        a.push(b.clone().into()).unwrap();
        assert!(region::info(&sub).unwrap().parent.is_some());
        drop((a, b));
        assert_eq!(region::collect(&r).unwrap(), 2);
        assert!(
            region::info(&sub).unwrap().parent.is_none(),
            "owner gone: parentless"
        );
        assert_eq!(region::info(&r).unwrap().members, 1);
    });
}

fn live_chunks() -> isize {
    crate::arena::CHUNKS.with(std::cell::Cell::get)
}

#[test]
fn arena_chunks_are_freed_when_their_region_and_objects_are() {
    leak_checked(|| {
        let before = live_chunks();
        let r = region::create(None);
        let keep = List::new_in(&r, []).unwrap();
        r.set_attr("keep", keep.clone().into()).unwrap();
        // Churn through many chunks' worth of objects while the region lives: a retired
        // chunk goes as soon as its last object does.
        let mut most = 0;
        for i in 0..20_000 {
            let l = List::new_in(&r, [int(i)]).unwrap();
            if i % 5_000 == 0 {
                keep.push(l.into()).unwrap(); // a few live on, pinning their chunks
            }
            most = most.max(live_chunks() - before);
        }
        assert!(most <= 6, "{most} chunks live at once");
        drop((keep, r));
        assert_eq!(live_chunks(), before, "every chunk freed with its region");
    });
}

#[test]
fn arena_objects_outlive_a_dissolved_region_and_free_their_chunk_last() {
    leak_checked(|| {
        let before = live_chunks();
        let r = region::create(None);
        let kept: Vec<List> = (0..2_000)
            .map(|i| List::new_in(&r, [int(i)]).unwrap())
            .collect();
        region::dissolve(&r).unwrap();
        drop(r);
        assert!(
            live_chunks() > before,
            "the dissolved objects keep their chunks"
        );
        assert!(matches!(kept[1_999].get(0).unwrap(), Value::Int(1_999)));
        assert!(kept.iter().all(|l| l.state() == State::Local));
        drop(kept);
        assert_eq!(live_chunks(), before);
    });
}

#[test]
fn an_arena_object_frozen_out_of_its_region_is_freed_on_another_thread() {
    let r = region::create(None);
    let l = List::new_in(&r, [int(42)]).unwrap();
    freeze_component(std::slice::from_ref(l.as_obj())).unwrap();
    drop(r); // the region goes; the frozen object keeps its chunk alive
    let shared = Frozen::try_from(l.into_obj()).unwrap();
    let seen = std::thread::spawn(move || {
        let list = List::try_from(shared.get().clone()).unwrap();
        let v = matches!(list.get(0).unwrap(), Value::Int(42));
        drop((list, shared)); // the last references: the slot and the chunk go here
        v
    })
    .join()
    .unwrap();
    assert!(seen);
}
