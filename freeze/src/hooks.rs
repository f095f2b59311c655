//! PEP 795's pre-freeze hooks: `__pre_freeze__` runs on each object before it is frozen,
//! at most once, in the order a depth-first walk in field order meets the objects — and a
//! hook runs before the walk looks inside its object, so it may still change it.
//!
//! The freeze's own walk stops at the first object whose hook has not run
//! (`Refusal::PreFreeze`); then this walk runs every pending hook in that order, stopping
//! where the freeze would be refused (PEP 795 calls no hook past the refusing object),
//! and the freeze walks again. Hooks may run arbitrary code — even nested freezes — so
//! this walk holds counted handles and a set of identities rather than marking headers.

use std::collections::HashSet;

use floe_core::deep_freeze::{pre_freeze_wanted, refusal_reason};
use floe_core::ObjRef;

use crate::error::FreezeError;
use crate::policy::FreezePolicy;

/// Runs the hooks of everything mutable `roots` reach that wants one (see the module
/// doc), each after claiming it ([`ObjRef::claim_pre_freeze`]).
///
/// # Errors
/// [`FreezeError::PreFreeze`] when `hook` returns `false` (the hook raised).
pub(crate) fn run_pending(
    roots: &[ObjRef],
    policy: FreezePolicy,
    hook: &mut dyn FnMut(&ObjRef) -> bool,
) -> Result<(), FreezeError> {
    let root_ids: HashSet<usize> = roots.iter().map(ObjRef::id).collect();
    let mut seen: HashSet<usize> = HashSet::new();
    // Handles keep every seen object alive, so that no identity in `seen` is reused.
    let mut kept: Vec<ObjRef> = Vec::new();
    let mut todo: Vec<ObjRef> = roots.iter().rev().cloned().collect();
    while let Some(obj) = todo.pop() {
        if obj.is_frozen() || !seen.insert(obj.id()) {
            continue;
        }
        let root = root_ids.contains(&obj.id());
        if refusal_reason(&obj, root, policy.classes).is_some() {
            return Ok(()); // the freeze refuses here: no hook past this object
        }
        if pre_freeze_wanted(&obj) && obj.claim_pre_freeze() && !hook(&obj) {
            return Err(FreezeError::PreFreeze {
                obj: obj.describe(),
            });
        }
        // Read after the hook: what it added is walked too.
        todo.extend(obj.references().into_iter().rev());
        kept.push(obj);
    }
    Ok(())
}
