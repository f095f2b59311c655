//! The `implicit_freezing` policy (semantics §3): a store that would raise `CrossRegion`
//! or `UnfrozenCode` freezes its target instead, through the installed freezer. This
//! binary installs a test freezer that freezes local objects whose references are all
//! frozen (the core's component primitive); `floe-freeze` installs the real one.

use floe_core::{freeze_component, policy, Class, CoreError, Instance, List, State, Value};
use floe_regions::{Region, RegionError};

fn test_freezer(targets: &[floe_core::ObjRef]) -> Result<(), CoreError> {
    // All or nothing: check every target first.
    if let Some(t) = targets.iter().find(|t| t.state() != State::Local) {
        return Err(CoreError::InvalidTransition {
            obj: t.describe(),
            to: State::Frozen,
            allowed: "local (the test freezer)",
        });
    }
    targets
        .iter()
        .try_for_each(|t| freeze_component(std::slice::from_ref(t)))
}

fn install() {
    let _ = policy::install_freezer(test_freezer);
}

#[test]
fn a_mutable_class_is_frozen_instead_of_refused() {
    install();
    policy::set_implicit_freezing(true);
    let r = Region::new();
    let c = Class::new("Point", &[]);
    let p = Instance::new(&c);
    p.set_attr("x", Value::Int(1)).unwrap();
    r.set("p", p.clone()).unwrap();
    policy::set_implicit_freezing(false);
    assert_eq!(c.state(), State::Frozen, "the class was frozen");
    assert_eq!(
        p.state(),
        State::InRegion(r.id()),
        "the instance was captured"
    );
}

#[test]
fn a_failed_implicit_freeze_changes_nothing() {
    install();
    let (r1, r2) = (Region::new(), Region::new());
    r1.set("share", List::new([])).unwrap();
    let share = r1.get("share").unwrap();
    policy::set_implicit_freezing(true);
    // The test freezer cannot freeze a region member: the error comes through.
    let err = r2.set("share", share.clone()).unwrap_err();
    policy::set_implicit_freezing(false);
    assert!(
        matches!(
            err,
            RegionError::Object(CoreError::InvalidTransition { .. })
        ),
        "{err}"
    );
    assert_eq!(share.as_obj().unwrap().state(), State::InRegion(r1.id()));
    assert!(r2.get("share").is_err());
    assert_eq!(r2.len(), 1);
}

#[test]
fn the_policy_is_per_thread() {
    policy::set_implicit_freezing(true);
    let elsewhere = std::thread::spawn(policy::implicit_freezing)
        .join()
        .unwrap();
    assert!(policy::implicit_freezing() && !elsewhere);
    policy::set_implicit_freezing(false);
}
