//! State transitions reserved for the region runtime (`floe-regions`).
//!
//! These functions only change an object's recorded state. They are `unsafe` because
//! other crates derive thread-safety from region state: `floe-regions` sends a closed
//! region's objects to another thread on the strength of its isolation invariants
//! (RFC-0002), which an arbitrary caller of these functions could break.

use crate::header::State;
use crate::{CoreError, ObjRef, RegionId};

/// Makes a local object, or a member of another region, a member of `region`.
///
/// # Errors
/// [`CoreError::InvalidTransition`] if the object is frozen. Nothing changed then.
///
/// # Safety
/// The caller is the region runtime and keeps RFC-0002's isolation invariants: after
/// the call, no object of another region references `obj`, except a bridge's single
/// owning reference.
pub unsafe fn move_to_region(obj: &ObjRef, region: RegionId) -> Result<(), CoreError> {
    if obj.is_frozen() {
        return Err(CoreError::InvalidTransition {
            obj: obj.describe(),
            to: State::InRegion(region),
            allowed: "local or region",
        });
    }
    obj.obj().header.set_mutable_state(State::InRegion(region));
    Ok(())
}

/// Makes a region member local again (`dissolve`).
///
/// # Errors
/// [`CoreError::InvalidTransition`] if the object is not a region member.
///
/// # Safety
/// As [`move_to_region`]: the caller dissolves the whole region on its owning thread.
pub unsafe fn make_local(obj: &ObjRef) -> Result<(), CoreError> {
    match obj.state() {
        State::InRegion(_) => {
            obj.obj().header.set_mutable_state(State::Local);
            Ok(())
        }
        _ => Err(CoreError::InvalidTransition {
            obj: obj.describe(),
            to: State::Local,
            allowed: "region",
        }),
    }
}
