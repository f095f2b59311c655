//! Unit tests of what this crate adds over the core: the typed handle, `merge_into`'s
//! parent rule, and the mapping of errors to Python exception names.

use floe_core::{freeze_component, CoreError, Dict, List, State, Tuple, Value};

use crate::{is_local, Region, RegionError};

#[test]
fn a_region_handle_is_only_made_from_a_live_bridge() {
    let r = Region::named("home");
    assert_eq!(r.name().as_deref(), Some("home"));
    assert!(Region::try_from(r.bridge().clone()).is_ok());
    let err = Region::try_from(List::new([]).into_obj()).unwrap_err();
    assert!(matches!(
        err,
        RegionError::Object(CoreError::NotABridge { .. })
    ));
    r.dissolve().unwrap();
    assert!(
        Region::try_from(r.bridge().clone()).is_err(),
        "dissolved: no longer a bridge"
    );
}

#[test]
#[should_panic(expected = "has ended (merged, dissolved or frozen): Region object")]
fn accessors_of_an_ended_region_panic_naming_why() {
    let r = Region::new();
    r.dissolve().unwrap();
    let _ = r.len();
}

#[test]
fn merge_into_requires_the_sink_to_be_the_parent() {
    let (a, b, c) = (Region::new(), Region::new(), Region::new());
    a.set("b", b.clone()).unwrap();
    let err = b.merge_into(&c).unwrap_err();
    assert!(matches!(err, RegionError::NotParent { .. }), "{err}");
    assert!(err.to_string().contains("not the source's parent"));
    assert_eq!(b.parent().unwrap().id(), a.id(), "nothing changed");
    b.merge_into(&a).unwrap();
    assert!(a.owns(b.bridge()));
    assert!(a.subregions().is_empty());
}

#[test]
fn errors_map_to_the_python_exception_hierarchy() {
    let (r1, r2) = (Region::new(), Region::new());
    r1.set("d", Dict::new()).unwrap();
    let cross = r2.set("d", r1.get("d").unwrap()).unwrap_err();
    assert_eq!(cross.python_name(), "RegionError");
    let missing = r1.get("nope").unwrap_err();
    assert_eq!(missing.python_name(), "AttributeError");
    let frozen = Tuple::new([]);
    let l = List::new([]);
    freeze_component(&[l.as_obj().clone()]).unwrap();
    let immutable: RegionError = l.push(frozen.into()).unwrap_err().into();
    assert_eq!(immutable.python_name(), "TypeError");
    let merge = r2.merge_into(&r1).unwrap_err();
    assert_eq!(merge.python_name(), "RegionError");
}

#[test]
fn is_local_tells_local_objects_apart() {
    let r = Region::new();
    let d = Dict::new();
    assert!(is_local(&d));
    r.set("d", d.clone()).unwrap();
    assert!(!is_local(&d));
    assert_eq!(d.state(), State::InRegion(r.id()));
    assert!(
        !is_local(Tuple::new([Value::Int(1)]).as_obj()),
        "frozen is not local"
    );
}
