//! Every FrankenScript region example (`examples/03-05`) and region test
//! (`tests/regions/*.frank`, fxpl/frankenscript @ f62016b), replayed through the Rust API.
//! Cases the upstream `CMakeLists.txt` marks `WILL_FAIL` assert the error kind and that
//! nothing changed.
//!
//! Mapping: FrankenScript's `{}` (an object with fields) is an instance of a frozen class;
//! `x.f = v` is `set_attr`; `Region()` is [`Region::new`]; `drop x` / `x = None` drop the
//! Rust handle; `freeze(x)` is `floe_freeze::freeze` under `aliases = allow` (FrankenScript
//! has no isolation rule); `pragma_enable_implicit_freezing()` sets the policy with
//! `floe-freeze`'s freezer installed.

use floe_core::{freeze_component, Class, CoreError, Instance, ObjRef, State, Value};
use floe_regions::{Region, RegionError};

/// A fresh FrankenScript-style object: an instance of a frozen class.
fn obj() -> ObjRef {
    thread_local! {
        static CLASS: Class = {
            let c = Class::new("Obj", &[]);
            freeze_component(&[c.as_obj().clone()]).unwrap();
            c
        };
    }
    CLASS.with(|c| Instance::new(c).into_obj())
}

fn field(o: &ObjRef, name: &str) -> ObjRef {
    match o.get_attr(name).unwrap() {
        Value::Obj(x) => x,
        other => panic!("{name} is {other:?}"),
    }
}

/// FrankenScript's `freeze(x)`: deep, with aliases allowed.
fn fs_freeze(x: &ObjRef) {
    let allow = floe_freeze::FreezePolicy::default().allowing_aliases();
    floe_freeze::freeze_with(std::slice::from_ref(x), allow, &[]).unwrap();
}

fn region_field(r: &Region, name: &str) -> Region {
    Region::try_from(field(r.bridge(), name)).unwrap()
}

/// Everything a failed operation must leave as it was: each object's state, its
/// attributes (by identity) and, for bridges, the region's shape and counts.
fn snapshot(objects: &[&ObjRef]) -> Vec<String> {
    objects
        .iter()
        .map(|o| {
            let region = floe_core::region::info(o).ok().map(|i| {
                format!(
                    "members={} local={} member_refs={} parent={:?} subs={:?}",
                    i.members,
                    i.local_refs,
                    i.member_refs,
                    i.parent.map(|p| p.id()),
                    i.subregions.iter().map(ObjRef::id).collect::<Vec<_>>()
                )
            });
            let attrs: Vec<String> = o
                .attr_names()
                .unwrap_or_default()
                .iter()
                .map(|n| match o.get_attr(n).unwrap() {
                    Value::Obj(x) => format!("{n}->{:#x}", x.id()),
                    v => format!("{n}={v:?}"),
                })
                .collect();
            format!("{} {:?} {:?} {attrs:?}", o.id(), o.state(), region)
        })
        .collect()
}

/// Runs a failing operation and checks its error kind and that nothing changed.
fn refused(
    watched: &[&ObjRef],
    op: impl FnOnce() -> Result<(), RegionError>,
    expect: impl Fn(&RegionError) -> bool,
) -> RegionError {
    let before = snapshot(watched);
    let err = op().expect_err("the operation must be refused");
    assert!(expect(&err), "unexpected error: {err}");
    assert_eq!(
        snapshot(watched),
        before,
        "a refused operation changed something"
    );
    err
}

fn cross_region(e: &RegionError) -> bool {
    matches!(e, RegionError::Object(CoreError::CrossRegion { .. }))
}

// ----- examples/03-regions1.frank ------------------------------------------------------

#[test]
fn example_03_capture_and_collection_as_a_unit() {
    drop(obj()); // allocate the shared frozen class before counting
    let before = floe_core::heap::thread_stats();
    let r = Region::new();
    r.set("field", obj()).unwrap();
    field(r.bridge(), "field")
        .set_attr("data", obj().into())
        .unwrap();
    field(r.bridge(), "field")
        .set_attr("bridge", r.clone().into())
        .unwrap();
    let data = field(&field(r.bridge(), "field"), "data");
    data.set_attr("parent", field(r.bridge(), "field").into())
        .unwrap();
    drop(data);
    assert_eq!(r.len(), 3);
    let x = obj();
    x.set_attr("data", obj().into()).unwrap();
    assert_eq!(r.local_refs(), 1);
    r.set("x", x.clone()).unwrap(); // x and x.data move into r
    assert!(r.owns(&x) && r.owns(&field(&x, "data")));
    assert_eq!(
        r.local_refs(),
        2,
        "the variable x is a local reference into r"
    );
    drop(x);
    assert_eq!(r.local_refs(), 1);
    field(r.bridge(), "x")
        .set_attr("data", Value::None)
        .unwrap();
    drop(r); // collected as a unit, cycles included
    let after = floe_core::heap::thread_stats();
    assert_eq!(
        after.allocated - before.allocated,
        after.freed - before.freed
    );
}

// ----- examples/04-regions2.frank ------------------------------------------------------

#[test]
fn example_04_ownership_subregions_and_unparenting() {
    let r1 = Region::new();
    r1.set("data", obj()).unwrap();
    let r2 = Region::new();
    let data = field(r1.bridge(), "data");
    refused(
        &[r1.bridge(), r2.bridge(), &data],
        || r2.set("data", data.clone()),
        cross_region,
    );
    data.set_attr("r2", r2.clone().into()).unwrap(); // owning reference
    assert_eq!(r2.parent().unwrap().bridge().id(), r1.bridge().id());
    refused(
        &[r1.bridge(), r2.bridge()],
        || r1.set("new", r2.clone()),
        |e| matches!(e, RegionError::Object(CoreError::SecondOwner { .. })),
    );
    refused(
        &[r1.bridge(), r2.bridge()],
        || r2.set("r1", r1.clone()),
        |e| matches!(e, RegionError::Object(CoreError::RegionCycle { .. })),
    );
    drop(data);
    assert!(
        r1.is_open(),
        "r2 is open: the local r2 points at its bridge"
    );
    let r2_id = r2.id();
    drop(r2);
    assert!(r1.is_closed(), "dropping the local reference closed r2");
    let r2 = Region::try_from(field(&field(r1.bridge(), "data"), "r2")).unwrap();
    assert_eq!(r2.id(), r2_id);
    assert!(!r1.is_closed(), "reading r2 into a local re-opened it");
    field(r1.bridge(), "data")
        .set_attr("r2", Value::None)
        .unwrap(); // unparent
    assert!(r2.parent().is_none());
    r2.set("r1", r1.clone()).unwrap();
    assert_eq!(r1.parent().unwrap().id(), r2.id());
    // Freezing a bridge ends its region: the former bridge may be shared.
    fs_freeze(r1.bridge());
    assert!(r1.bridge().is_frozen() && r2.subregions().is_empty());
    let r3 = Region::new();
    r3.set("r1", r1.bridge().clone()).unwrap();
}

// ----- examples/05-regions3.frank ------------------------------------------------------

#[test]
fn example_05_is_closed_close_merge_dissolve() {
    let r1 = Region::new();
    r1.set("data1", obj()).unwrap();
    r1.set("data2", obj()).unwrap();
    assert!(r1.is_closed(), "only the bridge is referenced locally");
    let r2 = Region::new();
    r2.set("child", r1.clone()).unwrap();
    r1.close().unwrap();
    drop(r1);
    let child = region_field(&r2, "child");
    assert!(child.is_closed());
    child.merge_into(&r2).unwrap();
    assert!(
        r2.owns(child.bridge()),
        "the old bridge is an ordinary member now"
    );
    drop(child);
    r2.dissolve().unwrap();
    assert_eq!(r2.bridge().state(), State::Local);
    // Rebuild a region from the dissolved objects.
    let r1 = Region::new();
    let child = field(r2.bridge(), "child");
    for name in child.attr_names().unwrap() {
        r1.set(&name, child.get_attr(&name).unwrap()).unwrap();
    }
    r2.bridge().set_attr("child", r1.clone().into()).unwrap();
    assert_eq!(r1.len(), 3);
    assert!(r1.parent().is_none(), "r2 is an ordinary local object now");
}

// ----- tests/regions ---------------------------------------------------------------------

#[test]
fn region1_add_an_object() {
    let r = Region::new();
    let a = obj();
    r.set("a", a.clone()).unwrap();
    assert!(r.owns(&a));
}

#[test]
fn region2_add_a_region() {
    let (r, r2) = (Region::new(), Region::new());
    r.set("r2", r2.clone()).unwrap();
    assert_eq!(r2.parent().unwrap().id(), r.id());
}

#[test]
fn region3_add_a_region_via_a_local_object() {
    let (r, r2) = (Region::new(), Region::new());
    let a = obj();
    a.set_attr("r2", r2.clone().into()).unwrap(); // a local reference to a bridge
    r.set("r2", r2.clone()).unwrap();
    assert_eq!(r2.parent().unwrap().id(), r.id());
    assert_eq!(a.state(), State::Local);
}

#[test]
fn region4_nested_regions() {
    let regions: Vec<Region> = ["One", "Two", "Three", "Four", "Five"]
        .iter()
        .map(|level| {
            let r = Region::named(level);
            r.set("level", Value::str(level)).unwrap();
            r
        })
        .collect();
    let [r1, r2, r3, r4, r5] = <[Region; 5]>::try_from(regions).unwrap();
    r1.set("n", r2).unwrap(); // `move r2`
    region_field(&r1, "n").set("n", r3.clone()).unwrap();
    r4.set("n", r5).unwrap();
    r3.set("n", r4).unwrap();
    drop(r3);
    let depth = std::iter::successors(Some(r1.clone()), |r| {
        r.get("n")
            .ok()
            .map(|n| Region::try_from(n.as_obj().unwrap().clone()).unwrap())
    })
    .count();
    assert_eq!(depth, 5);
    // `Cown(move r1)` needs cowns (issue 6); a closed root region can be isolated.
    assert!(r1.isolate().is_ok());
}

#[test]
fn region_bad_1_an_object_of_another_region() {
    let r = Region::new();
    let a = obj();
    r.set("a", a.clone()).unwrap();
    let r2 = Region::new();
    refused(
        &[r.bridge(), r2.bridge(), &a],
        || r2.set("a", a.clone()),
        cross_region,
    );
}

#[test]
fn region_bad_2_capture_reaching_another_region() {
    let (r, r2) = (Region::new(), Region::new());
    let a = obj();
    let b = obj();
    r2.set("b", b.clone()).unwrap();
    a.set_attr("b", b.clone().into()).unwrap(); // fine: a is local
    let err = refused(
        &[r.bridge(), r2.bridge(), &a, &b],
        || r.set("a", a.clone()),
        cross_region,
    );
    // The error names the local object that reaches the foreign member.
    match err {
        RegionError::Object(CoreError::CrossRegion { holder, target }) => {
            assert_eq!((holder.id, target.id), (a.id(), b.id()));
        }
        other => panic!("{other}"),
    }
    assert_eq!(a.state(), State::Local, "a was not captured");
}

#[test]
fn fail_cross_region_ref_second_owner() {
    let (a, b, c) = (Region::new(), Region::new(), Region::new());
    a.set("child", c.clone()).unwrap();
    refused(
        &[a.bridge(), b.bridge(), c.bridge()],
        || b.set("child", c.clone()),
        |e| matches!(e, RegionError::Object(CoreError::SecondOwner { .. })),
    );
}

#[test]
fn region_close_1_close_invalidates_local_references() {
    let (r1, r2) = (Region::new(), Region::new());
    r1.set("r2", r2.clone()).unwrap();
    r2.set("a", obj()).unwrap();
    r2.set("b", obj()).unwrap();
    field(r2.bridge(), "b").set_attr("c", obj().into()).unwrap();
    // Local variables that `close` can clear live in a local object (a frame).
    let frame = obj();
    frame.set_attr("lref1", r2.get("a").unwrap()).unwrap();
    frame
        .set_attr("lref2", field(&field(r2.bridge(), "b"), "c").into())
        .unwrap();
    assert_eq!(r2.local_refs(), 3, "r2, lref1, lref2");
    assert!(!r2.is_closed());
    r2.close().unwrap();
    assert!(matches!(frame.get_attr("lref1").unwrap(), Value::None));
    assert!(matches!(frame.get_attr("lref2").unwrap(), Value::None));
    assert!(r2.is_closed());
}

#[test]
fn region_close_2_a_closed_subregion() {
    let r1 = Region::new();
    r1.set("r2", Region::new()).unwrap();
    let r2 = region_field(&r1, "r2");
    r2.set("a", obj()).unwrap();
    r2.set("b", obj()).unwrap();
    assert!(r2.is_closed());
    r2.close().unwrap();
}

#[test]
fn region_close_3_freezing_members_of_a_subregion() {
    let (r1, r2) = (Region::new(), Region::new());
    r1.set("r2", r2.clone()).unwrap();
    r2.set("a", obj()).unwrap();
    r2.set("b", obj()).unwrap();
    field(r2.bridge(), "b").set_attr("c", obj().into()).unwrap();
    let c = field(&field(r2.bridge(), "b"), "c");
    field(r2.bridge(), "a")
        .set_attr("c", c.clone().into())
        .unwrap();
    let frame = obj();
    frame.set_attr("lref1", r2.get("b").unwrap()).unwrap();
    frame.set_attr("lref2", c.into()).unwrap();
    assert_eq!(r2.local_refs(), 3, "r2, lref1, lref2");
    fs_freeze(&field(r2.bridge(), "b")); // b and c leave r2, frozen
    assert_eq!(
        r2.local_refs(),
        1,
        "references to frozen objects do not count"
    );
    drop(r2);
    let r2 = region_field(&r1, "r2");
    assert!(r2.is_closed());
    r2.close().unwrap();
}

#[test]
fn region_close_4_nested_open_region() {
    let r0 = Region::new();
    r0.set("r1", Region::new()).unwrap();
    region_field(&r0, "r1").set("r2", Region::new()).unwrap();
    let r2 = region_field(&region_field(&r0, "r1"), "r2");
    r2.set("r3", Region::new()).unwrap();
    let r3 = region_field(&r2, "r3");
    r3.set("a", obj()).unwrap();
    drop(r2);
    let frame = obj();
    frame.set_attr("lref", r3.get("a").unwrap()).unwrap();
    drop(r3);
    let r1 = region_field(&r0, "r1");
    assert!(!r1.is_closed(), "r3 is open");
    r1.close().unwrap();
    assert!(matches!(frame.get_attr("lref").unwrap(), Value::None));
    assert!(r1.is_closed());
}

#[test]
fn region_close_5_references_held_by_rust_code() {
    // Upstream clears a value on the interpreter's stack. Rust handles cannot be
    // cleared: close refuses, names how many remain, and changes nothing.
    let r1 = Region::new();
    r1.set("r2", Region::new()).unwrap();
    let r2 = region_field(&r1, "r2");
    r2.set("a", obj()).unwrap();
    let on_stack = r2.get("a").unwrap();
    refused(
        &[r1.bridge(), r2.bridge()],
        || r2.close(),
        |e| {
            matches!(
                e,
                RegionError::Object(CoreError::StillOpen { handles: 1, .. })
            )
        },
    );
    drop(on_stack);
    r2.close().unwrap();
}

#[test]
fn region_close_fail_1_shared_prototype() {
    // Upstream: an object in r1 shares a mutable prototype with a local object, so
    // close(r1) fails. In Floe a mutable class never enters a region: the store fails.
    let r1 = Region::new();
    let local_ty = Class::new("local_ty", &[]);
    let _local_value = Instance::new(&local_ty);
    let value = Instance::new(&local_ty).into_obj();
    refused(
        &[r1.bridge(), &value],
        || r1.set("region_value", value.clone()),
        |e| matches!(e, RegionError::Object(CoreError::UnfrozenCode { .. })),
    );
}

#[test]
fn merge1_merge_into_the_parent() {
    let (r1, r2) = (Region::new(), Region::new());
    r2.set("a", obj()).unwrap();
    r1.set("r2", r2.clone()).unwrap();
    r2.merge_into(&r1).unwrap();
    r1.set("a", r2.get("a").unwrap()).unwrap(); // now the same region
}

#[test]
fn merge2_and_merge3_merge_a_tree_in_either_order() {
    for bottom_up in [false, true] {
        let (r1, r2, r3) = (Region::new(), Region::new(), Region::new());
        r1.set("r2", r2.clone()).unwrap();
        r2.set("r3", r3.clone()).unwrap();
        if bottom_up {
            r3.merge_into(&r2).unwrap();
            r2.merge_into(&r1).unwrap();
        } else {
            r2.merge_into(&r1).unwrap();
            r3.merge_into(&r1).unwrap();
        }
        r1.set("r3", r3.bridge().clone()).unwrap();
        assert!(r1.owns(r3.bridge()));
    }
}

#[test]
fn merge4_after_unparenting() {
    let (r1, r2, r3) = (Region::new(), Region::new(), Region::new());
    r1.set("r2", r2.clone()).unwrap();
    r2.set("r3", r3).unwrap();
    r2.set("r3", Value::None).unwrap();
    r2.merge_into(&r1).unwrap();
}

#[test]
fn merge_bad_1_not_the_parent() {
    let (r1, r2) = (Region::new(), Region::new());
    refused(
        &[r1.bridge(), r2.bridge()],
        || r2.merge_into(&r1),
        |e| matches!(e, RegionError::NotParent { .. }),
    );
}

#[test]
fn merge_bad_2_no_longer_a_region() {
    let (r1, r2) = (Region::new(), Region::new());
    r2.set("a", obj()).unwrap();
    r1.set("r2", r2.clone()).unwrap();
    r2.merge_into(&r1).unwrap();
    refused(
        &[r1.bridge(), r2.bridge()],
        || r2.merge_into(&r1),
        |e| matches!(e, RegionError::Object(CoreError::NotABridge { .. })),
    );
}

#[test]
fn merge_bad_3_a_merged_bridge_is_an_ordinary_member() {
    let (r1, r2) = (Region::new(), Region::new());
    r1.set("r2", r2.clone()).unwrap();
    r2.merge_into(&r1).unwrap();
    let r3 = Region::new();
    r1.set("r2", Value::None).unwrap();
    let old_bridge = r2.bridge().clone();
    refused(
        &[r1.bridge(), r3.bridge(), &old_bridge],
        || r3.set("r2", old_bridge.clone()),
        cross_region,
    );
}

#[test]
fn dissolve_1_members_become_local() {
    let r1 = Region::new();
    r1.set("a", obj()).unwrap();
    let r2 = Region::new();
    r1.set("r2", r2.clone()).unwrap();
    r1.dissolve().unwrap();
    r2.set("a", r1.get("a").unwrap()).unwrap(); // r1.a is local now: captured by r2
}

#[test]
fn dissolve_2_subregions_are_unparented() {
    let (r1, r2) = (Region::new(), Region::new());
    r1.set("r2", r2.clone()).unwrap();
    r1.dissolve().unwrap();
    let r3 = Region::new();
    r3.set("r2", r2.clone()).unwrap();
    assert_eq!(r2.parent().unwrap().id(), r3.id());
}

#[test]
fn dissolve_bad_1_twice() {
    let r1 = Region::new();
    r1.dissolve().unwrap();
    refused(
        &[r1.bridge()],
        || r1.dissolve(),
        |e| matches!(e, RegionError::Object(CoreError::NotABridge { .. })),
    );
}

#[test]
fn dissolve_bad_2_a_child_region() {
    let (r1, r2) = (Region::new(), Region::new());
    r1.set("r2", r2.clone()).unwrap();
    refused(
        &[r1.bridge(), r2.bridge()],
        || r2.dissolve(),
        |e| matches!(e, RegionError::Object(CoreError::HasParent { .. })),
    );
}

#[test]
fn implicit_freeze_1_a_shared_object_is_frozen_instead() {
    floe_freeze::install_implicit_freezer();
    floe_core::policy::set_implicit_freezing(true);
    let (r1, r2) = (Region::new(), Region::new());
    let share = obj();
    share.set_attr("text", Value::str("Shared Info")).unwrap();
    r1.set("info", share.clone()).unwrap();
    r2.set("info", share.clone()).unwrap(); // instead of CrossRegion: share is frozen
    floe_core::policy::set_implicit_freezing(false);
    assert!(share.is_frozen());
    assert!(r1.get("info").unwrap().is(&r2.get("info").unwrap()));
}

#[test]
fn implicit_freeze_2_a_nested_region_is_frozen_with_it() {
    floe_freeze::install_implicit_freezer();
    floe_core::policy::set_implicit_freezing(true);
    let (r1, r2) = (Region::new(), Region::new());
    let share = obj();
    let nested = Region::new();
    share.set_attr("region", nested.clone().into()).unwrap();
    nested.set("text", Value::str("Shared Info")).unwrap();
    r1.set("info", share.clone()).unwrap();
    assert_eq!(nested.parent().unwrap().id(), r1.id());
    r2.set("info", share.clone()).unwrap();
    floe_core::policy::set_implicit_freezing(false);
    assert!(share.is_frozen() && nested.bridge().is_frozen());
    assert!(r1.subregions().is_empty(), "the nested region ended");
}
