//! Garbage inside a live region (RFC-0002 §6 rule 15b): members that nothing outside the
//! region reaches, directly or through other members, freed while the region lives on.
//!
//! Members keep exact counts, so a member dropped from an acyclic structure is freed at
//! once (rule 15). Cycles among members are not: a region that keeps building and
//! dropping cyclic structures would grow without bound. So the region runs CPython's
//! trial deletion over its own members — never over anything else — whenever it has
//! doubled since the last run, if a reference to a member has been dropped since then
//! without freeing it (only such a drop can leave a cycle behind), and on request
//! ([`collect`]).

use super::*;

#[cfg(test)]
thread_local! {
    /// Collections this thread ran (tests only).
    pub(crate) static RUNS: Cell<usize> = const { Cell::new(0) };
}

/// Members a region may hold before its first collection.
pub(super) const FIRST_COLLECTION: usize = 1024;

/// Collects the region if it has doubled since its last collection and a dropped
/// reference may have left garbage behind (`RegionMeta::maybe_garbage`).
pub(crate) fn maybe_collect(meta: &RegionMeta) {
    let members = meta.members.borrow().len();
    if members >= meta.next_collection.get() {
        if meta.maybe_garbage.get() {
            collect_members(meta);
        } else {
            meta.next_collection.set(2 * members);
        }
    }
}

/// Frees the garbage among the members of the region whose bridge is `bridge`; returns how
/// many members it freed. (Regions also do this by themselves as they grow.)
///
/// # Errors
/// [`CoreError::NotABridge`].
///
/// # Examples
/// ```
/// use floe_core::{region, List};
/// let r = region::create(None);
/// let a = List::new_in(&r, []).unwrap();
/// let b = List::new_in(&r, [a.clone().into()]).unwrap();
/// a.push(b.clone().into()).unwrap(); // a <-> b, held only by these handles
/// drop((a, b));
/// assert_eq!(region::info(&r).unwrap().members, 3);
/// assert_eq!(region::collect(&r).unwrap(), 2);
/// assert_eq!(region::info(&r).unwrap().members, 1); // the bridge
/// ```
pub fn collect(bridge: &ObjRef) -> Result<usize, CoreError> {
    Ok(collect_members(bridged(bridge)?))
}

fn collect_members(meta: &RegionMeta) -> usize {
    #[cfg(test)]
    RUNS.with(|r| r.set(r.get() + 1));
    let slots: Vec<Option<NonNull<ObjBox>>> = meta.members.borrow().slots.clone();
    let addr = addr_of(meta);
    let slot_of = |r: &ObjRef| match r.obj().header.word() {
        Word::Region(a) if std::ptr::eq(a, addr) => Some(r.obj().header.aux_number()),
        _ => None,
    };
    // The bridge lives as long as its region, whatever references it.
    let bridge = |b: &ObjBox| meta.is_bridge(NonNull::from(b));
    // SAFETY: members are live until freed below, after the trial deletion.
    let garbage: Vec<&ObjBox> = unsafe { reclaim::garbage_among(&slots, slot_of, bridge) }
        .into_iter()
        // SAFETY: as above: the garbage is freed only at the end of this function.
        .map(|p| unsafe { p.as_ref() })
        .collect();
    // One guard unit each, so the inside references dropped below never free a member
    // of the garbage on its own.
    for g in &garbage {
        g.header.inc_owned();
    }
    let mut bodies = Vec::with_capacity(garbage.len());
    for g in &garbage {
        leave(meta, g);
        // SAFETY: only other garbage members reference `g` (its count is explained by
        // them, plus our guard), and no body access is in progress.
        bodies.push(unsafe { g.take_body() });
    }
    for mut body in bodies {
        // References to members are inside references: dropped as such (a live member
        // keeps a reference from outside or from another live member, so none reaches
        // zero); an owning reference to a subregion unparents it.
        for v in body.replace_values(|v| matches!(v, Value::Obj(_))) {
            discard_removed(meta, v);
        }
        drop(body);
    }
    let n = garbage.len();
    for g in garbage {
        debug_assert_eq!(g.header.rc.load(Relaxed), 1, "region garbage count");
        // SAFETY: only the guard unit remains, the body is taken, the member left the
        // region's list: nothing refers to the allocation.
        unsafe { dealloc(NonNull::from(g)) };
    }
    reclaim::count_freed(n);
    let members = meta.members.borrow().len();
    meta.next_collection
        .set((2 * members).max(FIRST_COLLECTION));
    // Every garbage member is gone (dropping their bodies set the flag again).
    meta.maybe_garbage.set(false);
    n
}
