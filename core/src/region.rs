//! Regions (RFC-0002): the record every member points at, the counts that tell open from
//! closed in O(1), the write barrier's slow path (capture, subregions), and the region
//! operations (create, merge, dissolve, close, reclaim as a unit).
//!
//! A region is a *mutable component*: each member's state word holds the address of the
//! region's record (`RegionMeta`). Members keep exact per-object counts (internal references
//! included), and the record adds two counts of references **from outside** the region:
//! to the bridge (`bridge_ext`, which includes the parent's owning reference) and to every
//! other member (`member_ext`). The barrier keeps them exact:
//!
//! - storing a same-region member into a member turns one outside reference into an
//!   inside one (`settle_stored`: count − 1);
//! - a value leaving a member's body turns an inside reference into an outside one
//!   (`settle_removed`: count + 1), and a removed owning reference unparents its
//!   subregion;
//! - capture adds `Σ count(captured) − references now inside` (RFC-0002 §4).
//!
//! When both counts reach zero nothing outside can reach the region: it is freed as a
//! unit, cycles included.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

use crate::arena::Arena;
use crate::body::{AttrMap, Body, ListItems};
use crate::header::{OwnerRecord, Word};
use crate::raw::{dealloc, ObjBox, ObjRef};
use crate::reclaim;
use crate::slab::Slab;

mod barrier;
#[cfg(test)]
pub(crate) use collect::RUNS as COLLECTIONS;
mod collect;
mod freezing;
mod handoff;
mod ops;

use crate::{CoreError, Freezable, Kind, ObjDesc, RegionId, Str, Value};
pub(crate) use barrier::{admit, discard_removed, settle_removed, settle_stored_member};
pub use collect::collect;
pub use freezing::freeze_whole;
pub(crate) use freezing::{
    end_frozen, fellow_members, leave_for_freeze, members_if_bridge, plan_freeze,
};
pub use handoff::{isolate, Isolated};
pub use ops::{close, dissolve, merge_into_parent};

static NEXT_ID: AtomicU32 = AtomicU32::new(1);

/// The record of one region. Owned by the thread that owns the region until the region
/// is frozen whole; then the record of a frozen component, whose count any thread may
/// update (only `owner` is touched then, until the last reference goes).
#[repr(C)]
pub(crate) struct RegionMeta {
    /// First field: what a member's state word alone can be decoded with (frozen or not,
    /// and the frozen component's count).
    pub(crate) owner: OwnerRecord,
    pub(crate) id: RegionId,
    pub(crate) name: Option<Str>,
    bridge: Cell<Option<NonNull<ObjBox>>>,
    bridge_ext: Cell<usize>,
    member_ext: Cell<usize>,
    members: RefCell<Slab>,
    parent: Cell<Option<NonNull<RegionMeta>>>,
    children: RefCell<Vec<NonNull<RegionMeta>>>,
    /// Set while the region is being freed as a unit: counts are no longer kept.
    dying: Cell<bool>,
    /// How many members a freeze could refuse when reached from the bridge (their own or
    /// their class's freezability is `No` or `Explicit`): while zero, freezing the whole
    /// region needs no look at its members (RFC-0003 §7).
    needs_check: Cell<usize>,
    /// The member count at which the region next collects its own garbage (twice the
    /// members it kept at its last collection: RFC-0002 §6 rule 15b).
    next_collection: Cell<usize>,
    /// A reference to a member was dropped and left its count above zero since the last
    /// collection: only such a drop can leave a garbage cycle behind (a structure every
    /// outside path to which is gone still counts the references between its members),
    /// so a region that only grows skips its collections (Bacon and Rajan's candidate
    /// rule, coarsened to one flag per region).
    maybe_garbage: Cell<bool>,
    /// Where objects allocated directly in the region live (RFC-0002 §8). Dropped with
    /// the record, which retires its current chunk.
    arena: Arena,
}

/// The region record at `addr`.
///
/// # Safety
/// `addr` was read from the state word of a live member (or is a parent/child link of a
/// live record): a record lives until its last member leaves (RFC-0002 §6).
#[inline]
// SAFETY: relies on the caller's provenance of `addr` (a live member's state word or a
// live record's link): the record outlives every member that points at it.
pub(crate) unsafe fn meta<'a>(addr: Record) -> &'a RegionMeta {
    // SAFETY: forwarded from the caller; a region record begins with its `OwnerRecord`
    // (`#[repr(C)]` first field), so the record pointer is the region's.
    unsafe { &*addr.cast::<RegionMeta>() }
}

/// A region's record, as members' state words point at it (the pointer keeps its
/// provenance through the state word: `header::Header::set_region`).
pub(crate) type Record = *const OwnerRecord;

fn addr_of(meta: &RegionMeta) -> Record {
    (meta as *const RegionMeta).cast()
}

/// The region record `obj` belongs to, if it is a region member.
#[inline]
pub(crate) fn region_of(obj: &ObjRef) -> Option<&RegionMeta> {
    record_of(obj.obj())
}

/// [`region_of`] for an object known by reference.
#[inline]
pub(crate) fn record_of(obj: &ObjBox) -> Option<&RegionMeta> {
    match obj.header.word() {
        // SAFETY: `obj` is a live member, so its record is live for the borrow of `obj`.
        Word::Region(addr) => Some(unsafe { meta(addr) }),
        _ => None,
    }
}

fn link<'a>(p: NonNull<RegionMeta>) -> &'a RegionMeta {
    // SAFETY: parent and child links are cleared before a record is freed (free_region,
    // merge, dissolve), so a link read from a live record points at a live record.
    unsafe { p.as_ref() }
}

impl RegionMeta {
    /// `true` if `ptr` is this region's bridge.
    #[inline]
    pub(crate) fn is_bridge(&self, ptr: NonNull<ObjBox>) -> bool {
        self.bridge.get() == Some(ptr)
    }

    /// `true` if `obj` is a member of this (live, not frozen) region: one compare of
    /// its state word.
    #[inline]
    pub(crate) fn holds(&self, obj: &ObjRef) -> bool {
        obj.obj().header.in_region_at(addr_of(self).addr())
    }

    /// The members, the bridge included, in slot order.
    fn member_objs(&self) -> Vec<&ObjBox> {
        let ptrs = self.members.borrow().objects();
        // SAFETY: a member is taken out of the slab before it is freed, so every pointer
        // in it is live; callers only move members between books or read them, which
        // frees none.
        ptrs.iter().map(|p| unsafe { p.as_ref() }).collect()
    }

    /// The count of outside references that a reference to member `ptr` belongs to.
    #[inline]
    pub(crate) fn ext_for(&self, ptr: NonNull<ObjBox>) -> &Cell<usize> {
        if self.is_bridge(ptr) {
            &self.bridge_ext
        } else {
            &self.member_ext
        }
    }

    pub(crate) fn parent(&self) -> Option<&RegionMeta> {
        self.parent.get().map(link)
    }

    fn children(&self) -> Vec<&RegionMeta> {
        self.children.borrow().iter().map(|c| link(*c)).collect()
    }

    /// The bridge, as a new handle.
    pub(crate) fn bridge(&self) -> ObjRef {
        // SAFETY: a live region's bridge is a live member, on the region's own thread.
        unsafe { ObjRef::share(self.bridge.get().expect("a live region has a bridge")) }
    }

    /// Local references into the region, the bridge included (semantics §3's LRC).
    pub(crate) fn local_refs(&self) -> usize {
        self.bridge_ext.get() + self.member_ext.get() - usize::from(self.parent.get().is_some())
    }

    /// Open: local references point in, or a subregion is open.
    pub(crate) fn is_open(&self) -> bool {
        self.local_refs() > 0 || self.children().iter().any(|c| c.is_open())
    }

    /// Closed as `is_closed(r)` defines it: nothing local points at a member other than
    /// the bridge, and no subregion is open.
    pub(crate) fn is_closed_ignoring_bridge(&self) -> bool {
        self.member_ext.get() == 0 && self.children().iter().all(|c| !c.is_open())
    }

    fn is_ancestor_or_self(&self, other: &RegionMeta) -> bool {
        let mut cur = Some(other);
        while let Some(r) = cur {
            if std::ptr::eq(r, self) {
                return true;
            }
            cur = r.parent();
        }
        false
    }

    fn describe_bridge(&self) -> ObjDesc {
        self.bridge().describe()
    }
}

/// A new outside reference to `ptr`, a member of the region at `addr`.
///
/// # Safety
/// The caller holds a reference to `ptr`, a live member of the region at `addr`.
#[inline]
// SAFETY: relies on the caller's reference, which keeps the member and its record live.
pub(crate) unsafe fn count_outside(addr: Record, ptr: NonNull<ObjBox>) {
    // SAFETY: the caller holds a reference to a live member of that region.
    let m = unsafe { meta(addr) };
    if !m.dying.get() {
        let c = m.ext_for(ptr);
        c.set(c.get() + 1);
    }
}

/// A reference to `ptr`, a member of the region at `addr`, went away. Outside of a unit
/// free it is an outside reference (RFC-0002 §2): when nothing outside references the
/// region any more it is freed as a unit, else a member (not the bridge) whose count
/// reached zero is freed alone. During a unit free only the object's count changes.
///
/// # Safety
/// The caller is releasing a counted reference to `ptr`, a live member of the region at
/// `addr` (the reference's unit is released here).
#[inline]
// SAFETY: relies on the caller's reference, which kept the member and its record live.
pub(crate) unsafe fn drop_reference(addr: Record, ptr: NonNull<ObjBox>) {
    // SAFETY: the caller held the reference being released, so the member and its record
    // are live.
    let (m, obj) = unsafe { (meta(addr), ptr.as_ref()) };
    let n = obj.header.dec_owned();
    if m.dying.get() {
        return;
    }
    let c = m.ext_for(ptr);
    c.set(c.get() - 1);
    if m.bridge_ext.get() + m.member_ext.get() == 0 {
        reclaim::schedule(reclaim::Pending::Region(addr));
    } else if m.is_bridge(ptr) {
        dissolve_if_bridge_dropped(m);
    } else if n == 0 {
        // SAFETY: the last reference to a live member other than the bridge is gone.
        unsafe { reclaim::release_member(addr, ptr) };
    } else {
        m.maybe_garbage.set(true);
    }
}

/// The dropped-bridge rule (semantics §3, RFC-0002 §6): when nothing outside references a
/// region's bridge any more (so it has no parent either: a parent's owning reference is
/// one) while outside references to other members remain, the region is dissolved —
/// its members become local objects of this thread and its subregions parentless. The
/// former bridge, if nothing references it at all, is freed like any local object.
pub(crate) fn dissolve_if_bridge_dropped(m: &RegionMeta) {
    if m.bridge_ext.get() != 0 || m.member_ext.get() == 0 || m.dying.get() {
        return;
    }
    debug_assert!(
        m.parent().is_none(),
        "a parent's owning reference is outside"
    );
    let bridge = m.bridge.get().expect("a live region has a bridge");
    dissolve_record(m);
    // SAFETY: the former bridge is still allocated: it is freed only below, or by a later
    // drop of a reference that members hold.
    if unsafe { bridge.as_ref() }.header.rc.load(Relaxed) == 0 {
        // SAFETY: a local object of this thread now (registered by the dissolve), with
        // count zero: nothing references it.
        unsafe { reclaim::release_local(bridge) };
    }
}

/// Ends a parentless region: every member becomes local (registered with this thread),
/// every direct subregion parentless, and the record is freed.
fn dissolve_record(m: &RegionMeta) {
    for child in m.children() {
        child.parent.set(None);
    }
    m.children.borrow_mut().clear();
    for obj in m.member_objs() {
        obj.header.set_local();
        // SAFETY: a live member, local to this thread from now on, in no registry.
        unsafe { reclaim::adopt(NonNull::from(obj)) };
    }
    // SAFETY: no member points at the record any more, and no link points at it; the
    // caller does not use `m` again.
    drop(unsafe { Box::from_raw(m as *const RegionMeta as *mut RegionMeta) });
}

/// Creates a region and returns its bridge (kind `Region`), with one reference.
pub fn create(name: Option<&str>) -> ObjRef {
    let meta: &'static RegionMeta = Box::leak(Box::new(RegionMeta {
        id: RegionId::new(NEXT_ID.fetch_add(1, Relaxed)).expect("region ids never wrap to 0"),
        name: name.map(Str::from),
        bridge: Cell::new(None),
        bridge_ext: Cell::new(1),
        member_ext: Cell::new(0),
        members: RefCell::new(Slab::new()),
        parent: Cell::new(None),
        children: RefCell::new(Vec::new()),
        dying: Cell::new(false),
        needs_check: Cell::new(0),
        next_collection: Cell::new(collect::FIRST_COLLECTION),
        maybe_garbage: Cell::new(false),
        arena: Arena::new(),
        owner: OwnerRecord::new(),
    }));
    let bridge =
        ObjRef::alloc_in_arena(&meta.arena, Kind::Region, Body::Region(AttrMap::default()));
    meta.bridge.set(Some(bridge.ptr()));
    join(meta, bridge.obj());
    bridge
}

/// Allocates an object directly in the region of `member` (the bridge or any member):
/// `values`, which `make` puts in the body, go through the write barrier as if stored
/// into `member`. The handle returned is an outside reference.
pub(crate) fn alloc_in(
    member: &ObjRef,
    kind: Kind,
    values: ListItems,
    make: impl FnOnce(ListItems) -> Body,
) -> Result<ObjRef, CoreError> {
    let meta = region_of(member).ok_or_else(|| CoreError::NotInRegion {
        obj: member.describe(),
    })?;
    // Immediates need no barrier (the common case: fresh objects of plain data).
    if values.iter().any(|v| matches!(v, Value::Obj(_))) {
        admit(member, meta, &values.iter().collect::<Vec<_>>())?;
    }
    let obj = ObjRef::alloc_in_arena(&meta.arena, kind, make(values));
    join(meta, obj.obj());
    meta.member_ext.set(meta.member_ext.get() + 1);
    collect::maybe_collect(meta);
    Ok(obj)
}

/// Makes a non-frozen, unregistered object a member of `meta`.
fn join(meta: &RegionMeta, obj: &ObjBox) {
    let slot = meta.members.borrow_mut().insert(NonNull::from(obj));
    obj.header.set_aux_number(slot);
    obj.header.set_region(addr_of(meta));
    if needs_check(obj) {
        meta.needs_check.set(meta.needs_check.get() + 1);
    }
}

/// [`join`] for a batch of objects, with one borrow of the member list.
fn join_all(meta: &RegionMeta, objs: &[&ObjBox]) {
    let addr = addr_of(meta);
    let mut checks = 0;
    let mut members = meta.members.borrow_mut();
    for obj in objs {
        let slot = members.insert(NonNull::from(*obj));
        obj.header.set_aux_number(slot);
        obj.header.set_region(addr);
        checks += usize::from(needs_check(obj));
    }
    meta.needs_check.set(meta.needs_check.get() + checks);
}

fn leave(meta: &RegionMeta, obj: &ObjBox) {
    meta.members.borrow_mut().remove(obj.header.aux_number());
    if needs_check(obj) {
        meta.needs_check.set(meta.needs_check.get() - 1);
    }
}

/// Whether a freeze reaching `obj` from elsewhere could refuse it: its own freezability,
/// or an instance's class's, is `No` or `Explicit` (semantics §4). A frozen class's
/// freezability never changes, so this changes only through [`freezable_changed`].
fn needs_check(obj: &ObjBox) -> bool {
    let refuses = |f: Option<Freezable>| matches!(f, Some(Freezable::No | Freezable::Explicit));
    refuses(obj.header.freezable())
        || (obj.header.kind == Kind::Instance
            && obj.read(|b| match b {
                Body::Instance { class, .. } => refuses(class.freezable()),
                _ => false,
            }))
}

/// Keeps the record's `needs_check` count exact when a member's own freezability changes:
/// `before` is [`needs_check`] of the member as it was.
pub(crate) fn freezable_changed(obj: &ObjRef, before: bool) {
    if let Some(meta) = region_of(obj) {
        let now = needs_check(obj.obj());
        let n = meta.needs_check.get() + usize::from(now) - usize::from(before);
        meta.needs_check.set(n);
    }
}

/// [`needs_check`] of a member, before its freezability changes.
pub(crate) fn member_needs_check(obj: &ObjRef) -> bool {
    region_of(obj).is_some() && needs_check(obj.obj())
}

/// Describes an object known by pointer (error paths only): callers pass objects that a
/// barrier operation on this thread is visiting, all live and usable here.
fn describe_ptr(p: NonNull<ObjBox>) -> ObjDesc {
    // SAFETY: see above: a live object this thread may use.
    unsafe { ObjRef::share(p) }.describe()
}

fn unparent(parent: &RegionMeta, child: &RegionMeta) {
    child.parent.set(None);
    parent
        .children
        .borrow_mut()
        .retain(|c| !std::ptr::eq(c.as_ptr(), child));
}

/// The record of the region whose bridge is `obj`, if it is one (no error built: this
/// is asked of every object a freeze walks).
#[inline]
fn bridge_meta(obj: &ObjRef) -> Option<&RegionMeta> {
    region_of(obj).filter(|m| m.is_bridge(obj.ptr()))
}

/// The record of the region whose bridge is `bridge`.
fn bridged(bridge: &ObjRef) -> Result<&RegionMeta, CoreError> {
    bridge_meta(bridge).ok_or_else(|| CoreError::NotABridge {
        obj: bridge.describe(),
    })
}

// ---------------------------------------------------------------------------------------
// Reclamation (RFC-0002 §6).
// ---------------------------------------------------------------------------------------

/// A member other than the bridge lost its last reference while the region lives on:
/// unlink it and return its body (inside references in it now count as outside ones,
/// since the body will be dropped from the free queue).
///
/// # Safety
/// `ptr` is a live member of the region at `addr`, not its bridge, with count zero.
// SAFETY: relies on the caller's count-zero guarantee, which gives exclusive access.
pub(crate) unsafe fn detach_member(addr: Record, ptr: NonNull<ObjBox>) -> Body {
    // SAFETY: the member is still allocated and its record is live.
    let (m, obj) = unsafe { (meta(addr), ptr.as_ref()) };
    leave(m, obj);
    // SAFETY: the count is zero: nothing else references the body.
    let body = unsafe { obj.take_body() };
    body.for_each_value(|v| settle_removed(m, v));
    body
}

/// Frees a region that nothing outside references: every member at once, cycles
/// included. Subregions it owned lose their parent (and are freed in turn if nothing
/// else references them).
///
/// # Safety
/// `meta_ptr` is a live region record whose outside counts are both zero, freed once.
// SAFETY: relies on the caller's guarantee that nothing outside references the region.
pub(crate) unsafe fn free_region(meta_ptr: NonNull<RegionMeta>) {
    let m = link(meta_ptr);
    // From here on, dropping a reference to a member only changes its count: no member
    // is freed alone, and the outside counts are no longer kept (`drop_reference`).
    m.dying.set(true);
    for child in m.children() {
        child.parent.set(None);
    }
    m.children.borrow_mut().clear();
    // SAFETY: nothing outside references the region (its outside counts are zero), and
    // the record was made by `create` and is freed once, here.
    unsafe { free_members_and_record(meta_ptr, true) };
}

/// The members of the region frozen whole whose record is at `addr`.
///
/// # Safety
/// `addr` is the record of a region frozen whole, read from the state word of a member
/// the caller holds.
// SAFETY: relies on the caller's held member, which keeps the record live.
pub(crate) unsafe fn frozen_record_members(addr: Record) -> Vec<NonNull<ObjBox>> {
    // SAFETY: `addr` comes from the state word of a member the caller holds, and the
    // record of a frozen region lives until its last member is freed.
    let record = unsafe { meta(addr) };
    // SAFETY: once the region is frozen its member list is never written again (only
    // read: here, by any thread, and by the thread that frees it when nothing references
    // it), so an unguarded shared borrow cannot alias a mutable one; the guarded
    // `borrow()` would write the borrow flag from several threads.
    unsafe { record.members.try_borrow_unguarded() }
        .expect("never mutably borrowed once frozen")
        .objects()
}

/// Frees a region frozen whole whose component count reached zero: as [`free_region`],
/// with the record's count as the component's.
///
/// # Safety
/// The record is frozen and its count reached zero (no thread holds a reference to a
/// member); it is freed once.
// SAFETY: relies on the caller's count-zero guarantee, which gives exclusive access to the
// record and every member from this thread (the last decrement's Acquire fence orders the
// other threads' accesses before this).
pub(crate) unsafe fn free_frozen_region(meta_ptr: NonNull<RegionMeta>) {
    let m = link(meta_ptr);
    // References between members are not counted in the record: dropping them below
    // decrements it, from a value it can never bring back to zero.
    m.owner.count.store(reclaim::DYING, Relaxed);
    // SAFETY: forwarded from the caller.
    unsafe { free_members_and_record(meta_ptr, false) };
}

/// Drops every member's body, frees every member, then the record.
///
/// # Safety
/// No reference to a member from outside the region remains, and the record is freed
/// once. `check_counts`: the members' own counts are kept (not frozen), so each must be
/// zero once every body is dropped (checked in debug builds).
// SAFETY: relies on the caller's guarantee that only members reference members, so the
// bodies can be dropped and the allocations freed with nothing left pointing at them.
unsafe fn free_members_and_record(meta_ptr: NonNull<RegionMeta>, check_counts: bool) {
    let m = link(meta_ptr);
    let members = m.members.borrow().objects();
    for p in &members {
        // SAFETY: members stay allocated until the loop below; nothing outside references
        // the region, so nothing else touches this body.
        drop(unsafe { p.as_ref().take_body() });
    }
    let n = members.len();
    for p in members {
        // SAFETY: every body is dropped, so no reference to a member remains; the member
        // itself is still allocated.
        let member = unsafe { p.as_ref() };
        debug_assert!(
            !check_counts || member.header.rc.load(Relaxed) == 0,
            "member count"
        );
        // SAFETY: as above; each member is freed once.
        unsafe { dealloc(p) };
    }
    reclaim::count_freed(n);
    // SAFETY: no member points at the record any more, and links to it were cleared.
    drop(unsafe { Box::from_raw(meta_ptr.as_ptr()) });
}

// ---------------------------------------------------------------------------------------
// Introspection.
// ---------------------------------------------------------------------------------------

/// Whether the region of `bridge` would collect when next due (tests only).
#[cfg(test)]
pub(crate) fn may_hold_garbage(bridge: &ObjRef) -> bool {
    bridge_meta(bridge).is_some_and(|m| m.maybe_garbage.get())
}

/// `true` if `obj` is the bridge of a live region.
pub fn is_bridge(obj: &ObjRef) -> bool {
    bridge_meta(obj).is_some()
}

/// What a region looks like now: a snapshot taken through its bridge.
#[derive(Clone, Debug)]
pub struct RegionInfo {
    /// The region's id.
    pub id: RegionId,
    /// The name given at creation.
    pub name: Option<Str>,
    /// The parent region's bridge, if the region is a subregion.
    pub parent: Option<ObjRef>,
    /// The bridges of the direct subregions.
    pub subregions: Vec<ObjRef>,
    /// Local references into the region, the bridge included (semantics §3's LRC); the
    /// caller's own handle to the bridge counts.
    pub local_refs: usize,
    /// Local references to members other than the bridge.
    pub member_refs: usize,
    /// Local references point in, or a subregion is open.
    pub is_open: bool,
    /// Nothing local points at a member other than the bridge, and no subregion is open
    /// (semantics §3's `is_closed`).
    pub is_closed: bool,
    /// How many direct subregions are open.
    pub open_subregions: usize,
    /// The number of members, the bridge included.
    pub members: usize,
}

/// A snapshot of the region whose bridge is `bridge`.
///
/// # Errors
/// [`CoreError::NotABridge`].
pub fn info(bridge: &ObjRef) -> Result<RegionInfo, CoreError> {
    let m = bridged(bridge)?;
    // Counts first: the handles made below are local references themselves.
    let (local_refs, member_refs) = (m.local_refs(), m.member_ext.get());
    let (is_open, is_closed) = (m.is_open(), m.is_closed_ignoring_bridge());
    let open_subregions = m.children().iter().filter(|c| c.is_open()).count();
    Ok(RegionInfo {
        id: m.id,
        name: m.name.clone(),
        local_refs,
        member_refs,
        is_open,
        is_closed,
        open_subregions,
        members: m.members.borrow().len(),
        parent: m.parent().map(RegionMeta::bridge),
        subregions: m.children().into_iter().map(RegionMeta::bridge).collect(),
    })
}

/// `true` if `obj` is a member of the region whose bridge is `bridge`.
///
/// # Errors
/// [`CoreError::NotABridge`].
pub fn owns(bridge: &ObjRef, obj: &ObjRef) -> Result<bool, CoreError> {
    let m = bridged(bridge)?;
    Ok(m.holds(obj))
}

/// Handles to every member of the region whose bridge is `bridge` (for checks and
/// tests: each handle is a local reference and opens the region while it lives).
///
/// # Errors
/// [`CoreError::NotABridge`].
pub fn members(bridge: &ObjRef) -> Result<Vec<ObjRef>, CoreError> {
    let m = bridged(bridge)?;
    let ptrs = m.members.borrow().objects();
    // SAFETY: members are live while listed, and on this thread (the caller holds the
    // bridge, so the region is this thread's).
    Ok(ptrs
        .into_iter()
        .map(|p| unsafe { ObjRef::share(p) })
        .collect())
}

/// The bridge of the region `obj` belongs to, if it is a region member.
pub fn bridge_of(obj: &ObjRef) -> Option<ObjRef> {
    region_of(obj).map(RegionMeta::bridge)
}
