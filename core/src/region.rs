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

use crate::body::{AttrMap, Body};
use crate::header::Word;
use crate::raw::{dealloc, ObjBox, ObjRef};
use crate::reclaim;
use crate::slab::Slab;
use crate::{CoreError, Kind, ObjDesc, RegionId, Str, Value};

static NEXT_ID: AtomicU32 = AtomicU32::new(1);

/// The record of one region. Owned by the thread that owns the region.
pub(crate) struct RegionMeta {
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
}

/// The region record at `addr`.
///
/// # Safety
/// `addr` was read from the state word of a live member (or is a parent/child link of a
/// live record): a record lives until its last member leaves (RFC-0002 §6).
#[inline]
pub(crate) unsafe fn meta<'a>(addr: usize) -> &'a RegionMeta {
    // SAFETY: forwarded from the caller.
    unsafe { &*(addr as *const RegionMeta) }
}

fn addr_of(meta: &RegionMeta) -> usize {
    meta as *const RegionMeta as usize
}

/// The region record `obj` belongs to, if it is a region member.
#[inline]
pub(crate) fn region_of(obj: &ObjRef) -> Option<&RegionMeta> {
    match obj.obj().header.word() {
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
    #[inline]
    fn is_bridge(&self, ptr: NonNull<ObjBox>) -> bool {
        self.bridge.get() == Some(ptr)
    }

    /// The count of outside references that a reference to member `ptr` belongs to.
    #[inline]
    pub(crate) fn outside_count(&self, ptr: NonNull<ObjBox>) -> &Cell<usize> {
        self.ext_for(ptr)
    }

    pub(crate) fn is_bridge_ptr(&self, ptr: NonNull<ObjBox>) -> bool {
        self.is_bridge(ptr)
    }

    #[inline]
    fn ext_for(&self, ptr: NonNull<ObjBox>) -> &Cell<usize> {
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
        ObjRef::share(self.bridge.get().expect("a live region has a bridge"))
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
#[inline]
pub(crate) fn count_outside(addr: usize, ptr: NonNull<ObjBox>) {
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
#[inline]
pub(crate) fn drop_reference(addr: usize, ptr: NonNull<ObjBox>) {
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
    } else if n == 0 {
        reclaim::release_member(addr, ptr);
    }
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
    }));
    let bridge = ObjRef::alloc_unregistered(Kind::Region, Body::Region(AttrMap::default()));
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
    values: Vec<Value>,
    make: impl FnOnce(Vec<Value>) -> Body,
) -> Result<ObjRef, CoreError> {
    let meta = region_of(member).ok_or_else(|| CoreError::NotInRegion {
        obj: member.describe(),
    })?;
    // Immediates need no barrier (the common case: fresh objects of plain data).
    if values.iter().any(|v| matches!(v, Value::Obj(_))) {
        admit(member, meta, &values.iter().collect::<Vec<_>>())?;
    }
    let obj = ObjRef::alloc_unregistered(kind, make(values));
    join(meta, obj.obj());
    meta.member_ext.set(meta.member_ext.get() + 1);
    Ok(obj)
}

/// Makes a non-frozen, unregistered object a member of `meta`.
fn join(meta: &RegionMeta, obj: &ObjBox) {
    let slot = meta.members.borrow_mut().insert(NonNull::from(obj));
    obj.header.aux.store(slot, Relaxed);
    obj.header.set_region(addr_of(meta));
}

fn leave(meta: &RegionMeta, obj: &ObjBox) {
    meta.members
        .borrow_mut()
        .remove(obj.header.aux.load(Relaxed));
}

// ---------------------------------------------------------------------------------------
// The write barrier (RFC-0002 §3–§4).
// ---------------------------------------------------------------------------------------

/// The barrier for a store of `values` into `holder`, a member of the region `meta`:
/// decides every value first (no change on error), then captures and adopts, then moves
/// the count of each same-region value from outside to inside.
#[inline]
pub(crate) fn admit(
    holder: &ObjRef,
    meta: &RegionMeta,
    values: &[&Value],
) -> Result<(), CoreError> {
    let holder_word = holder.obj().header.state_word();
    let fast = values.iter().all(|v| match v {
        Value::Obj(o) => o.is_frozen() || o.obj().header.state_word() == holder_word,
        _ => true,
    });
    if !fast {
        let mut planned = plan(holder, meta, values)?;
        if !planned.to_freeze.is_empty() {
            // Freeze first (all or nothing), then plan again: freezing may have frozen
            // objects the first plan meant to capture.
            planned.clear_marks();
            let targets = std::mem::take(&mut planned.to_freeze);
            let freeze = crate::policy::freezer().ok_or_else(|| CoreError::NoFreezer {
                target: targets[0].describe(),
            })?;
            freeze(&targets)?;
            planned = plan(holder, meta, values)?;
            if let Some(t) = planned.to_freeze.first() {
                let target = t.describe();
                planned.clear_marks();
                return Err(CoreError::NoFreezer { target });
            }
        }
        commit(meta, planned);
    }
    for v in values {
        settle_stored(meta, v);
    }
    Ok(())
}

/// What a store will change: local objects to capture (marked) and parentless regions to
/// adopt.
struct Plan {
    captured: Vec<NonNull<ObjBox>>,
    adopted: Vec<NonNull<RegionMeta>>,
    /// Targets the `implicit_freezing` policy freezes instead of refusing the store.
    to_freeze: Vec<ObjRef>,
}

impl Plan {
    fn clear_marks(&self) {
        for p in &self.captured {
            // SAFETY: planned objects are live: reachable from a value the caller holds,
            // and nothing is freed during a barrier operation.
            unsafe { p.as_ref() }.header.mark.store(false, Relaxed);
        }
    }
}

/// Describes an object known by pointer (error paths only).
fn describe_ptr(p: NonNull<ObjBox>) -> ObjDesc {
    ObjRef::share(p).describe()
}

/// Decides a store without changing anything but traversal marks (RFC-0002 §4 steps
/// 1–2). On success the captured objects stay marked for `commit`; on error no mark is
/// left.
fn plan(holder: &ObjRef, meta: &RegionMeta, values: &[&Value]) -> Result<Plan, CoreError> {
    let mut plan = Plan {
        captured: Vec::new(),
        adopted: Vec::new(),
        to_freeze: Vec::new(),
    };
    let implicit = crate::policy::implicit_freezing();
    // Objects are marked when first seen and listed in `captured` then, so that every
    // mark can be cleared on error.
    let mut next = 0;
    let visit =
        |source: NonNull<ObjBox>, target: &ObjRef, plan: &mut Plan| -> Result<(), CoreError> {
            let header = &target.obj().header;
            let verdict = match header.word() {
                Word::Frozen(_) => Ok(()),
                Word::Local if target.kind() == Kind::Class => Err(CoreError::UnfrozenCode {
                    holder: describe_ptr(source),
                    target: target.describe(),
                }),
                Word::Local => {
                    if !header.mark.swap(true, Relaxed) {
                        plan.captured.push(target.ptr());
                    }
                    Ok(())
                }
                Word::Region(_) => {
                    let other = region_of(target).expect("region member");
                    let c = NonNull::from(other);
                    if std::ptr::eq(other, meta) {
                        Ok(())
                    } else if !other.is_bridge(target.ptr()) {
                        Err(CoreError::CrossRegion {
                            holder: describe_ptr(source),
                            target: target.describe(),
                        })
                    } else if other.parent.get().is_some() || plan.adopted.contains(&c) {
                        Err(CoreError::SecondOwner {
                            holder: describe_ptr(source),
                            target: target.describe(),
                        })
                    } else if other.is_ancestor_or_self(meta) {
                        Err(CoreError::RegionCycle {
                            holder: describe_ptr(source),
                            target: target.describe(),
                        })
                    } else {
                        plan.adopted.push(c);
                        Ok(())
                    }
                }
            };
            match verdict {
                // semantics §3: with implicit freezing, a cross-region target or a
                // mutable class is frozen instead (and not traversed: it is not moved).
                Err(CoreError::CrossRegion { .. } | CoreError::UnfrozenCode { .. }) if implicit => {
                    if !plan.to_freeze.iter().any(|t| t.ptr_eq(target)) {
                        plan.to_freeze.push(target.clone());
                    }
                    Ok(())
                }
                other => other,
            }
        };
    let mut result = values.iter().try_for_each(|v| match v {
        Value::Obj(o) => visit(holder.ptr(), o, &mut plan),
        _ => Ok(()),
    });
    while result.is_ok() && next < plan.captured.len() {
        let p = plan.captured[next];
        next += 1;
        // SAFETY: as in `Plan::clear_marks`.
        let obj = unsafe { p.as_ref() };
        obj.read(|b| {
            b.for_each_ref(|r| {
                if result.is_ok() {
                    result = visit(p, r, &mut plan);
                }
            })
        });
    }
    match result {
        Ok(()) => Ok(plan),
        Err(e) => {
            plan.clear_marks();
            Err(e)
        }
    }
}

/// Carries out a plan (RFC-0002 §4 step 3): adopt, move the captured objects in, fix the
/// outside counts, and clear the marks.
fn commit(meta: &RegionMeta, plan: Plan) {
    for &child in &plan.adopted {
        link(child).parent.set(Some(NonNull::from(meta)));
        meta.children.borrow_mut().push(child);
    }
    let captured: Vec<&ObjBox> = plan
        .captured
        .iter()
        // SAFETY: as in `Plan::clear_marks`.
        .map(|p| unsafe { p.as_ref() })
        .collect();
    for obj in &captured {
        reclaim::unregister(obj);
        join(meta, obj);
    }
    // Every reference to a captured object was outside the region; those from captured
    // objects (marked) and from them to old members are inside now.
    let mut outside: usize = captured.iter().map(|o| o.header.rc.load(Relaxed)).sum();
    // SAFETY: the bridge of a live region is live.
    let word = unsafe { meta.bridge.get().expect("live region").as_ref() }
        .header
        .state_word();
    for obj in &captured {
        obj.read(|b| {
            b.for_each_ref(|r| {
                let h = &r.obj().header;
                if h.state_word() == word {
                    if meta.is_bridge(r.ptr()) {
                        meta.bridge_ext.set(meta.bridge_ext.get() - 1);
                    } else if h.mark.load(Relaxed) {
                        outside -= 1;
                    } else {
                        meta.member_ext.set(meta.member_ext.get() - 1);
                    }
                }
            })
        });
    }
    meta.member_ext.set(meta.member_ext.get() + outside);
    plan.clear_marks();
}

/// `value` is being stored inside the region: if it references a member, that reference
/// moves from outside to inside.
#[inline]
fn settle_stored(meta: &RegionMeta, value: &Value) {
    if let Value::Obj(o) = value {
        if region_of(o).is_some_and(|r| std::ptr::eq(r, meta)) {
            let c = meta.ext_for(o.ptr());
            c.set(c.get() - 1);
        }
    }
}

/// `value` left the body of a member of `meta`: a reference to a member is now outside;
/// an owning reference to a subregion's bridge is gone, so the subregion is unparented.
#[inline]
pub(crate) fn settle_removed(meta: &RegionMeta, value: &Value) {
    let Value::Obj(o) = value else { return };
    let Some(other) = region_of(o) else { return };
    if std::ptr::eq(other, meta) {
        let c = meta.ext_for(o.ptr());
        c.set(c.get() + 1);
    } else if other.parent.get() == Some(NonNull::from(meta)) && other.is_bridge(o.ptr()) {
        unparent(meta, other);
    }
}

/// Drops `value`, which just left the body of a member of `meta`. A reference to a member
/// of the same region is dropped as the inside reference it was (its object's count only:
/// `settle_removed` and an outside drop would cancel); anything else is settled and
/// dropped as usual.
#[inline]
pub(crate) fn discard_removed(meta: &RegionMeta, value: Value) {
    match value {
        Value::Obj(o) if region_of(&o).is_some_and(|r| std::ptr::eq(r, meta)) => {
            let ptr = o.ptr();
            std::mem::forget(o); // its unit of the count is released here
                                 // SAFETY: `o` was a counted reference to a live member.
            let obj = unsafe { ptr.as_ref() };
            if obj.header.dec_owned() == 0 {
                reclaim::release_member(addr_of(meta), ptr);
            }
        }
        other => {
            settle_removed(meta, &other);
            drop(other);
        }
    }
}

fn unparent(parent: &RegionMeta, child: &RegionMeta) {
    child.parent.set(None);
    parent
        .children
        .borrow_mut()
        .retain(|c| !std::ptr::eq(c.as_ptr(), child));
}

// ---------------------------------------------------------------------------------------
// Reclamation (RFC-0002 §6).
// ---------------------------------------------------------------------------------------

/// A member other than the bridge lost its last reference while the region lives on:
/// unlink it and return its body (inside references in it now count as outside ones,
/// since the body will be dropped from the free queue).
pub(crate) fn detach_member(addr: usize, ptr: NonNull<ObjBox>) -> Body {
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
pub(crate) fn free_region(meta_ptr: NonNull<RegionMeta>) {
    let m = link(meta_ptr);
    // From here on, dropping a reference to a member only changes its count: no member
    // is freed alone, and the outside counts are no longer kept (`drop_reference`).
    m.dying.set(true);
    for child in m.children() {
        child.parent.set(None);
    }
    m.children.borrow_mut().clear();
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
        debug_assert_eq!(member.header.rc.load(Relaxed), 0, "member count");
        // SAFETY: as above; each member is freed once.
        unsafe { dealloc(p) };
    }
    reclaim::count_freed(n);
    // SAFETY: no member points at the record any more, and links to it were cleared.
    drop(unsafe { Box::from_raw(meta_ptr.as_ptr()) });
}

// ---------------------------------------------------------------------------------------
// Region operations (RFC-0002 §5).
// ---------------------------------------------------------------------------------------

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

/// Merges the region of `src` (a bridge) into its parent region; returns the parent's
/// bridge. All members, `src` included, join the parent; `src`'s subregions become the
/// parent's. Costs O(members of `src`) (RFC-0002 §5).
///
/// # Errors
/// [`CoreError::NotABridge`], [`CoreError::NoParent`]; nothing changed then.
pub fn merge_into_parent(src: &ObjRef) -> Result<ObjRef, CoreError> {
    let s = bridged(src)?;
    let Some(sink) = s.parent() else {
        return Err(CoreError::NoParent {
            bridge: src.describe(),
        });
    };
    let members = s.members.borrow().objects();
    for p in &members {
        // SAFETY: members of a live region are live.
        join(sink, unsafe { p.as_ref() });
    }
    // The parent's owning reference to `src` is now an inside reference.
    sink.member_ext
        .set(sink.member_ext.get() + s.member_ext.get() + s.bridge_ext.get() - 1);
    unparent(sink, s);
    for child in s.children() {
        child.parent.set(Some(NonNull::from(sink)));
        sink.children.borrow_mut().push(NonNull::from(child));
    }
    s.children.borrow_mut().clear();
    let sink_bridge = sink.bridge();
    // SAFETY: every member now points at `sink`, and no link points at `s`.
    drop(unsafe { Box::from_raw(s as *const RegionMeta as *mut RegionMeta) });
    Ok(sink_bridge)
}

/// Dissolves a parentless region: every member becomes local, every direct subregion
/// parentless, and `bridge` an ordinary local object (of kind `Region`, no longer a
/// bridge).
///
/// # Errors
/// [`CoreError::NotABridge`], [`CoreError::HasParent`]; nothing changed then.
pub fn dissolve(bridge: &ObjRef) -> Result<(), CoreError> {
    let m = bridged(bridge)?;
    if let Some(parent) = m.parent() {
        return Err(CoreError::HasParent {
            bridge: bridge.describe(),
            parent: parent.describe_bridge(),
        });
    }
    for child in m.children() {
        child.parent.set(None);
    }
    m.children.borrow_mut().clear();
    for p in m.members.borrow().objects() {
        // SAFETY: members of a live region are live.
        let obj = unsafe { p.as_ref() };
        obj.header.set_local();
        reclaim::register(p);
    }
    // SAFETY: no member points at the record any more, and no link points at it.
    drop(unsafe { Box::from_raw(m as *const RegionMeta as *mut RegionMeta) });
    Ok(())
}

/// The local objects that reference members of `root`'s region tree (other than `root`'s
/// own bridge), with how many such references each holds.
fn local_holders(root: &RegionMeta) -> Vec<(ObjRef, usize)> {
    let mut tree: HashSet<usize> = HashSet::new();
    let mut stack = vec![root];
    while let Some(r) = stack.pop() {
        tree.insert(addr_of(r));
        stack.extend(r.children());
    }
    let root_bridge = root.bridge.get();
    let points_in = |r: &ObjRef| match r.obj().header.word() {
        Word::Region(addr) => tree.contains(&addr) && Some(r.ptr()) != root_bridge,
        _ => false,
    };
    let mut out = Vec::new();
    for obj in reclaim::local_objects() {
        let mut n = 0;
        obj.obj()
            .read(|b| b.for_each_ref(|r| n += usize::from(points_in(r))));
        if n > 0 {
            out.push((obj, n));
        }
    }
    out
}

/// Closes the region of `bridge`: sets to `None` every reference from a local object into
/// the region or its subregions (other than references to `bridge` itself), when that
/// makes it closed. References held by Rust code cannot be cleared: if any remain, nothing
/// changes and `StillOpen` says how many.
///
/// # Errors
/// [`CoreError::NotABridge`], [`CoreError::StillOpen`].
pub fn close(bridge: &ObjRef) -> Result<(), CoreError> {
    let root = bridged(bridge)?;
    let holders = local_holders(root);
    // What each region's counts would be without the local objects' references.
    let from_locals: usize = holders.iter().map(|(_, n)| n).sum();
    let mut outstanding = root.member_ext.get();
    let mut stack = root.children();
    while let Some(r) = stack.pop() {
        outstanding += r.local_refs();
        stack.extend(r.children());
    }
    if outstanding != from_locals {
        return Err(CoreError::StillOpen {
            bridge: bridge.describe(),
            handles: outstanding - from_locals,
        });
    }
    let tree_word = |r: &ObjRef| -> bool {
        matches!(r.obj().header.word(), Word::Region(_)) && {
            let m = region_of(r).expect("member");
            root.is_ancestor_or_self(m) && !root.is_bridge(r.ptr())
        }
    };
    for (obj, _) in holders {
        let removed = obj
            .obj()
            .write(|b| b.replace_values(|v| matches!(v, Value::Obj(o) if tree_word(o))))
            .expect("local objects are not frozen");
        drop(removed);
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Introspection.
// ---------------------------------------------------------------------------------------

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
    Ok(region_of(obj).is_some_and(|r| std::ptr::eq(r, m)))
}

/// Handles to every member of the region whose bridge is `bridge` (for checks and
/// tests: each handle is a local reference and opens the region while it lives).
///
/// # Errors
/// [`CoreError::NotABridge`].
pub fn members(bridge: &ObjRef) -> Result<Vec<ObjRef>, CoreError> {
    let m = bridged(bridge)?;
    let ptrs = m.members.borrow().objects();
    Ok(ptrs.into_iter().map(ObjRef::share).collect())
}

// ---------------------------------------------------------------------------------------
// Hand-off (RFC-0002 §7).
// ---------------------------------------------------------------------------------------

/// A parentless, closed region, held by its bridge's only outside reference: it can be
/// moved to another thread (`Send`), in O(1) — no copy, no trace of its objects.
pub struct Isolated {
    bridge: ObjRef,
}

// SAFETY: `isolate` checked that the region has no parent, that this handle is the only
// outside reference to its bridge, that nothing outside references any other member
// (member_ext == 0), and that every subregion is closed (so each is referenced only by
// its owning reference, from inside the tree). The region's members reference only
// members of the tree, frozen objects (which are `Sync`) and nothing local (capture moved
// every local object in). So every object of the tree is reachable only through this
// handle: moving it moves exclusive access, like moving a `Box`. Region records and
// member lists are not thread-local, and the thread-local registry does not hold members.
unsafe impl Send for Isolated {}

impl Isolated {
    /// The bridge, as a handle on the receiving thread.
    pub fn into_bridge(self) -> ObjRef {
        self.bridge
    }
}

impl std::fmt::Debug for Isolated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Isolated({:?})", self.bridge)
    }
}

/// Checks that the region of `bridge` can leave this thread and wraps it; on failure
/// hands the bridge back with the reason.
///
/// # Errors
/// [`CoreError::NotABridge`], [`CoreError::NotIsolated`] (a parent, other local references
/// into the region, or an open subregion).
pub fn isolate(bridge: ObjRef) -> Result<Isolated, (CoreError, ObjRef)> {
    let m = match bridged(&bridge) {
        Ok(m) => m,
        Err(e) => return Err((e, bridge)),
    };
    let reason = if let Some(parent) = m.parent() {
        Some(format!(
            "it is a subregion of the region of {}",
            parent.describe_bridge()
        ))
    } else if m.bridge_ext.get() != 1 || m.member_ext.get() != 0 {
        Some(format!(
            "it is open: {} other local reference(s) into it",
            m.bridge_ext.get() + m.member_ext.get() - 1
        ))
    } else {
        let open = m.children().iter().filter(|c| c.is_open()).count();
        (open > 0).then(|| format!("{open} of its subregions are open"))
    };
    match reason {
        Some(reason) => Err((
            CoreError::NotIsolated {
                bridge: bridge.describe(),
                reason,
            },
            bridge,
        )),
        None => Ok(Isolated { bridge }),
    }
}

// ---------------------------------------------------------------------------------------
// Freezing region members (RFC-0003 §7).
// ---------------------------------------------------------------------------------------

/// The regions a freeze touches: ended whole (their bridge is frozen) or left by some
/// members.
pub(crate) struct FreezePlan {
    whole: Vec<NonNull<RegionMeta>>,
    partial: Vec<(NonNull<RegionMeta>, Vec<NonNull<ObjBox>>)>,
}

/// Groups the region members among `marked` (all marked, about to be frozen) by region,
/// and checks that a region whose bridge is frozen is frozen whole. Changes nothing.
pub(crate) fn plan_freeze(marked: &[&ObjRef]) -> Result<FreezePlan, CoreError> {
    let mut groups: Vec<(&RegionMeta, Vec<NonNull<ObjBox>>)> = Vec::new();
    for m in marked {
        if let Some(meta) = region_of(m) {
            match groups.iter_mut().find(|(r, _)| std::ptr::eq(*r, meta)) {
                Some((_, ms)) => ms.push(m.ptr()),
                None => groups.push((meta, vec![m.ptr()])),
            }
        }
    }
    let mut plan = FreezePlan {
        whole: Vec::new(),
        partial: Vec::new(),
    };
    for (meta, ms) in groups {
        // SAFETY: a live region has a live bridge.
        let bridge = unsafe { meta.bridge.get().expect("live region").as_ref() };
        if bridge.header.mark.load(Relaxed) {
            let all = meta.members.borrow().objects();
            // SAFETY: members of a live region are live.
            let all: Vec<&ObjBox> = all.iter().map(|p| unsafe { p.as_ref() }).collect();
            if let Some(left) = all.iter().find(|o| !o.header.mark.load(Relaxed)) {
                return Err(CoreError::RegionPartlyFrozen {
                    bridge: meta.describe_bridge(),
                    member: describe_ptr(NonNull::from(*left)),
                });
            }
            plan.whole.push(NonNull::from(meta));
        } else {
            plan.partial.push((NonNull::from(meta), ms));
        }
    }
    Ok(plan)
}

/// Takes the planned members out of their regions' books, before their state words
/// change: a region frozen whole leaves its parent (whose owning reference now points at
/// a frozen object); members leaving a region that lives on stop being counted in it.
///
/// Returns the records of regions that no outside reference reaches any more: the caller
/// schedules their unit free once the departed members are sealed.
pub(crate) fn leave_for_freeze(plan: &FreezePlan) -> Vec<usize> {
    let mut unreferenced = Vec::new();
    for &r in &plan.whole {
        let meta = link(r);
        if let Some(parent) = meta.parent() {
            unparent(parent, meta);
        }
        // Its subregions are frozen whole too (their bridges are referenced from members,
        // and the batch is closed), so their links go with them.
        meta.children.borrow_mut().clear();
    }
    for (r, leaving) in &plan.partial {
        let meta = link(*r);
        // SAFETY: the leaving members are live (the caller holds them).
        let leaving_objs: Vec<&ObjBox> = leaving.iter().map(|p| unsafe { p.as_ref() }).collect();
        for obj in &leaving_objs {
            leave(meta, obj);
            obj.header.aux.store(0, Relaxed); // counts references from the region below
        }
        // References to a leaving member from any member of the region (staying or
        // leaving) were inside references; the rest were outside ones, counted in
        // `member_ext`, and now point at a frozen object, which is not counted.
        let staying = meta.members.borrow().objects();
        // SAFETY: members of a live region are live.
        let staying: Vec<&ObjBox> = staying.iter().map(|p| unsafe { p.as_ref() }).collect();
        for holder in staying.iter().chain(&leaving_objs) {
            holder.read(|b| {
                b.for_each_ref(|t| {
                    let th = &t.obj().header;
                    if th.mark.load(Relaxed) && leaving.contains(&t.ptr()) {
                        th.aux.store(th.aux.load(Relaxed) + 1, Relaxed);
                    }
                })
            });
        }
        let outside: usize = leaving_objs
            .iter()
            .map(|o| o.header.rc.load(Relaxed) - o.header.aux.load(Relaxed))
            .sum();
        meta.member_ext.set(meta.member_ext.get() - outside);
        if meta.bridge_ext.get() + meta.member_ext.get() == 0 {
            unreferenced.push(addr_of(meta));
        }
    }
    unreferenced
}

/// Frees the records of the regions frozen whole, once no member points at them.
pub(crate) fn end_frozen(plan: FreezePlan) {
    for r in plan.whole {
        // SAFETY: every member is frozen now (its state word points at its component),
        // and the parent and child links to the record were cleared.
        drop(unsafe { Box::from_raw(r.as_ptr()) });
    }
}

/// The bridge of the region `obj` belongs to, if it is a region member.
pub fn bridge_of(obj: &ObjRef) -> Option<ObjRef> {
    region_of(obj).map(RegionMeta::bridge)
}
