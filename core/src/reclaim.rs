//! Who frees what: the thread's registry of owned objects, the free queue, frozen
//! components, and the cycle collector for local garbage (RFC-0001 §4).
//!
//! - A local object, or a region member other than a bridge, is freed when its count
//!   reaches zero, on its owning thread.
//! - A region is freed as a unit when nothing outside references it (RFC-0002 §6).
//! - A frozen component (one count at its root, RFC-0001 §3) is freed as a whole when that
//!   count reaches zero, on whichever thread dropped the last reference.
//! - Local cycles are found by [`collect`] (trial deletion over this thread's registry,
//!   CPython's algorithm): an object whose count is fully explained by references from
//!   other unreachable objects is garbage.
//!
//! Freeing is iterative: a free that drops the last reference to another object queues it
//! instead of recursing, so dropping a million-long linked list uses constant stack.

use std::cell::{Cell, RefCell};
use std::ptr::NonNull;
use std::sync::atomic::Ordering::Relaxed;

use crate::body::Body;
use crate::header::Component;
use crate::raw::{dealloc, ObjBox, ObjRef};
use crate::region::{self, RegionMeta};
use crate::slab::Slab;

thread_local! {
    /// Every local object of this thread; an object's `aux` word is its slot here.
    static REGISTRY: RefCell<Slab> = const { RefCell::new(Slab::new()) };
    /// Work whose trigger (a count reaching zero) happened inside another free.
    static PENDING: RefCell<Vec<Pending>> = const { RefCell::new(Vec::new()) };
    static DRAINING: Cell<bool> = const { Cell::new(false) };
    static STATS: Cell<HeapStats> = const { Cell::new(HeapStats { allocated: 0, freed: 0 }) };
    /// How many objects became local other than by allocation (a dissolved region's
    /// members): [`collect`] passes again when freeing garbage adopted some.
    static ADOPTED: Cell<u64> = const { Cell::new(0) };
}

/// Freeing work, queued so that frees never recurse.
pub(crate) enum Pending {
    /// The body of an object already unlinked and deallocated: dropping it releases what
    /// it referenced.
    Body(Body),
    /// A frozen component whose count reached zero.
    Component(Component),
    /// The record of a region nothing outside references.
    Region(region::Record),
}

/// Allocation counters of the calling thread.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HeapStats {
    /// Objects allocated by this thread.
    pub allocated: u64,
    /// Objects freed by this thread (a frozen object is counted by the thread that frees it).
    pub freed: u64,
}

/// The calling thread's allocation counters.
pub fn thread_stats() -> HeapStats {
    STATS.with(Cell::get)
}

/// Number of local objects the calling thread owns (region members and frozen objects
/// are not counted).
pub fn owned_count() -> usize {
    REGISTRY.with(|r| r.borrow().len())
}

/// Runs `f`, collects this thread's local cycles, and tells whether every object `f`
/// allocated on this thread was freed and the thread owns as many local objects as before:
/// the check a leak test makes.
///
/// ```
/// use floe_core::{heap, List};
/// let ((), clean) = heap::freed_all(|| drop(List::new([])));
/// assert!(clean);
/// ```
pub fn freed_all<R>(f: impl FnOnce() -> R) -> (R, bool) {
    let before = thread_stats();
    let owned = owned_count();
    let r = f();
    collect();
    let after = thread_stats();
    let clean =
        after.allocated - before.allocated == after.freed - before.freed && owned_count() == owned;
    (r, clean)
}

pub(crate) fn count_allocated() {
    let _ = STATS.try_with(|s| {
        let mut v = s.get();
        v.allocated += 1;
        s.set(v);
    });
}

pub(crate) fn count_freed(n: usize) {
    let _ = STATS.try_with(|s| {
        let mut v = s.get();
        v.freed += n as u64;
        s.set(v);
    });
}

/// Adds a live object to this thread's registry of local objects.
///
/// # Safety
/// `ptr` points at a live, local object of this thread that is not registered yet.
// SAFETY: relies on the caller's guarantee that `ptr` is live and owned by this thread.
pub(crate) unsafe fn register(ptr: NonNull<ObjBox>) {
    let registered = REGISTRY.try_with(|r| {
        let slot = r.borrow_mut().insert(ptr);
        // SAFETY: the caller guarantees a live object.
        unsafe { ptr.as_ref() }.header.set_aux_number(slot);
    });
    debug_assert!(registered.is_ok(), "allocation during thread teardown");
}

/// Registers an object that was a member of a region this thread dissolved: as
/// [`register`], and counted, so that a [`collect`] pass whose frees dissolved a region
/// looks at the members it made local.
///
/// # Safety
/// As [`register`].
// SAFETY: forwarded to `register`.
pub(crate) unsafe fn adopt(ptr: NonNull<ObjBox>) {
    let _ = ADOPTED.try_with(|a| a.set(a.get() + 1));
    // SAFETY: forwarded from the caller.
    unsafe { register(ptr) };
}

/// Removes live objects from this thread's registry (one borrow for the batch).
pub(crate) fn unregister_all(objs: &[&ObjBox]) {
    let _ = REGISTRY.try_with(|r| {
        let mut r = r.borrow_mut();
        for obj in objs {
            r.remove(obj.header.aux_number());
        }
    });
}

/// Frees registry slots by number: objects that left the registry's books while their
/// `aux` word held something else (a freeze's walk saves the slots it overwrites).
pub(crate) fn unregister_slots(slots: impl Iterator<Item = usize>) {
    let _ = REGISTRY.try_with(|r| {
        let mut r = r.borrow_mut();
        for slot in slots {
            r.remove(slot);
        }
    });
}

/// The objects in this thread's registry, by pointer (no handle made).
pub(crate) fn local_pointers() -> Vec<NonNull<ObjBox>> {
    REGISTRY.with(|r| r.borrow().objects())
}

/// Removes a live object from this thread's registry.
pub(crate) fn unregister(obj: &ObjBox) {
    let _ = REGISTRY.try_with(|r| r.borrow_mut().remove(obj.header.aux_number()));
}

/// Handles to every local object of this thread (each handle is one more reference).
pub fn local_objects() -> Vec<ObjRef> {
    REGISTRY
        .with(|r| r.borrow().objects())
        .into_iter()
        // SAFETY: registered objects are live (they leave the registry before they are
        // freed) and local to this thread.
        .map(|p| unsafe { ObjRef::share(p) })
        .collect()
}

/// A local object's count reached zero: unlink and free it now, and queue its body.
///
/// # Safety
/// `ptr` is a registered local object of this thread whose count is zero: nothing
/// references it, and it is released once.
// SAFETY: relies on the caller's count-zero guarantee, which gives exclusive access.
pub(crate) unsafe fn release_local(ptr: NonNull<ObjBox>) {
    // SAFETY: the count is zero: the object is allocated and nothing else references it.
    let obj = unsafe { ptr.as_ref() };
    unregister(obj);
    // SAFETY: as above, access is exclusive.
    let body = unsafe { obj.take_body() };
    // SAFETY: unregistered and its body taken: nothing refers to the allocation.
    unsafe { dealloc(ptr) };
    count_freed(1);
    schedule(Pending::Body(body));
}

/// A region member's count reached zero while its region lives on.
///
/// # Safety
/// `ptr` is a live member of the region whose record is at `meta`, with count zero, and
/// it is released once.
// SAFETY: relies on the caller's count-zero guarantee, which gives exclusive access to
// the member; the record outlives its members.
pub(crate) unsafe fn release_member(meta: region::Record, ptr: NonNull<ObjBox>) {
    // SAFETY: `ptr` is a live member of the region at `meta` (the caller just released
    // a reference to it), and the record outlives its members.
    if unsafe { region::meta(meta) }.is_bridge(ptr) {
        return; // the bridge lives as long as its region (RFC-0002 §6)
    }
    // SAFETY: forwarded from the caller: a live member with count zero, not the bridge.
    let body = unsafe { region::detach_member(meta, ptr) };
    // SAFETY: detached, body taken: nothing refers to the allocation.
    unsafe { dealloc(ptr) };
    count_freed(1);
    schedule(Pending::Body(body));
}

/// Runs freeing work now, then whatever it queued, unless an enclosing call on this
/// thread is already running the queue (then the work joins the queue): frees nest no
/// deeper than one level, however long a chain of dying objects (except during thread
/// teardown, once the queue itself is gone: then each free runs where it is triggered).
pub(crate) fn schedule(work: Pending) {
    // `DRAINING` has no destructor, so it answers even during thread teardown.
    if DRAINING.with(Cell::get) {
        let mut work = Some(work);
        if PENDING
            .try_with(|q| q.borrow_mut().extend(work.take()))
            .is_err()
        {
            // Thread teardown: no queue any more, do it now (recursion is bounded by what
            // the dying thread still held).
            run(work.take().expect("not queued"));
        }
        return;
    }
    DRAINING.with(|d| d.set(true));
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            DRAINING.with(|d| d.set(false));
        }
    }
    let _reset = Reset;
    run(work);
    while let Some(next) = PENDING.try_with(|q| q.borrow_mut().pop()).ok().flatten() {
        run(next);
    }
}

fn run(work: Pending) {
    match work {
        Pending::Body(body) => drop(body),
        // SAFETY: queued once, when the component's count reached zero.
        Pending::Component(Component::Root(root)) => unsafe {
            free_component(NonNull::new(root.cast_mut()).expect("non-null"))
        },
        // SAFETY: as above.
        Pending::Component(Component::Record(meta)) => unsafe {
            region::free_frozen_region(
                NonNull::new(meta.cast::<RegionMeta>().cast_mut()).expect("non-null"),
            )
        },
        Pending::Component(Component::Immortal(_)) => unreachable!("immortal: never freed"),
        Pending::Region(meta) => {
            // SAFETY: queued once, when nothing outside referenced the region any more.
            unsafe {
                region::free_region(
                    NonNull::new(meta.cast::<RegionMeta>().cast_mut()).expect("non-null"),
                )
            }
        }
    }
}

/// The root count of a component being freed: the inside references dropped meanwhile
/// decrement it, and cannot bring it near zero.
pub(crate) const DYING: usize = usize::MAX / 2;

/// The members of the frozen component whose root is `root` (sealed by the walk).
///
/// # Safety
/// `root` is the root of a live frozen component (a tag-`10` state word's target).
// SAFETY: relies on the caller's guarantee that `root` is a frozen root, whose `aux` is 0
// or its member list.
pub(crate) unsafe fn component_members(root: &ObjBox) -> Vec<NonNull<ObjBox>> {
    let list = root.header.member_list();
    if list.is_null() {
        return vec![NonNull::from(root)];
    }
    // SAFETY: a non-null list on a frozen root is the one boxed by `seal_components`,
    // owned by the root until the component is freed; `root` is borrowed from a live
    // member, so the component (and the list) is live.
    unsafe { &*list }.clone()
}

/// Frees a frozen component whose root count reached zero.
///
/// # Safety
/// `root` is a frozen component root with count zero.
// SAFETY: relies on the caller's count-zero guarantee: no handle to any member remains, so
// the members' bodies and allocations may be taken and freed here.
unsafe fn free_component(root_ptr: NonNull<ObjBox>) {
    // SAFETY: the caller guarantees the root is allocated.
    let root = unsafe { root_ptr.as_ref() };
    let list = root.header.swap_member_list(std::ptr::null_mut());
    if list.is_null() {
        // SAFETY: forwarded: the caller's count-zero guarantee, for a one-member component.
        unsafe { free_members(root_ptr, &[root_ptr]) };
    } else {
        // SAFETY: a non-null list on a frozen root is the one boxed by `seal_components`;
        // swapping it out makes this the only owner.
        let members = *unsafe { Box::from_raw(list) };
        // SAFETY: forwarded: the caller's count-zero guarantee.
        unsafe { free_members(root_ptr, &members) };
    }
}

/// Drops the bodies of a dead component's members, then frees the members.
///
/// # Safety
/// As [`free_component`]; `members` are all the component's members (the root among them).
// SAFETY: relies on the caller's count-zero guarantee, forwarded from `free_component`.
unsafe fn free_members(root_ptr: NonNull<ObjBox>, members: &[NonNull<ObjBox>]) {
    // SAFETY: the caller guarantees the root is allocated.
    let root = unsafe { root_ptr.as_ref() };
    // References between members are not counted at the root (RFC-0001 §3); dropping
    // them below decrements it. Debug builds count them first, to check the count after.
    let root_addr = root_ptr.as_ptr().cast_const();
    let inside = |m: &NonNull<ObjBox>| {
        let mut n = 0;
        // SAFETY: members are allocated until the dealloc loop below.
        unsafe { m.as_ref() }.read(|b| {
            b.for_each_ref(|r| {
                n += usize::from(r.obj().header.component() == Some(Component::Root(root_addr)))
            })
        });
        n
    };
    let internal: usize = if cfg!(debug_assertions) {
        members.iter().map(inside).sum()
    } else {
        0
    };
    root.header.rc.store(DYING, Relaxed);
    for m in members {
        // SAFETY: count zero: no thread holds a reference to a member, so access is
        // exclusive; members stay allocated (and so can be decremented) until the loop below.
        drop(unsafe { m.as_ref().take_body() });
    }
    debug_assert_eq!(
        root.header.rc.load(Relaxed),
        DYING - internal,
        "component count mismatch"
    );
    for m in members {
        // SAFETY: bodies dropped, no references remain; frozen objects are not registered.
        unsafe { dealloc(*m) };
    }
    count_freed(members.len());
}

/// Turns mutable objects into frozen components (RFC-0001 §3). The caller
/// ([`crate::freeze_components`]) has checked that every member is mutable and marked,
/// once, that every reference out of a member goes to a marked member or a frozen object,
/// and has taken region members out of their regions' books. Clears the marks.
pub(crate) fn seal_components(components: &[&[ObjRef]]) {
    // Out of the registry, `aux` is free: it holds the member's component index until
    // the member is sealed.
    for (c, component) in components.iter().enumerate() {
        for m in component.iter() {
            if m.obj().header.is_local() {
                unregister(m.obj());
            }
            m.obj().header.set_aux_number(c);
        }
    }
    // Each component counts the references into it from outside it.
    let mut external: Vec<usize> = components
        .iter()
        .map(|component| {
            component
                .iter()
                .map(|m| m.obj().header.rc.load(Relaxed))
                .sum()
        })
        .collect();
    for (c, component) in components.iter().enumerate() {
        for m in component.iter() {
            m.obj().read(|b| {
                b.for_each_ref(|r| {
                    let h = &r.obj().header;
                    if h.mark.load(Relaxed) && h.aux_number() == c {
                        external[c] -= 1;
                    }
                })
            });
        }
    }
    for (component, count) in components.iter().zip(external) {
        let root = component[0].obj();
        let root_addr = component[0].ptr().as_ptr().cast_const();
        for m in component.iter() {
            m.obj().header.seal_member(root_addr);
        }
        let list = (component.len() > 1).then(|| component.iter().map(ObjRef::ptr).collect());
        root.header.seal_root(count, list);
    }
}

/// Trial deletion (CPython's cycle detection) over a set of objects listed by slot, where
/// `slot_of` tells which references point into the set (and where): subtract from each
/// object's count the references from the others; objects with references left over (from
/// outside the set), objects `pinned` says must live, and all they reach are live. Returns
/// the rest: objects that only other returned objects reference.
///
/// # Safety
/// Every occupied slot points at a live object, and none is freed while this runs.
// SAFETY: relies on the caller's liveness guarantee for the objects it dereferences.
pub(crate) unsafe fn garbage_among(
    slots: &[Option<NonNull<ObjBox>>],
    slot_of: impl Fn(&ObjRef) -> Option<usize>,
    pinned: impl Fn(&ObjBox) -> bool,
) -> Vec<NonNull<ObjBox>> {
    let boxes: Vec<Option<&ObjBox>> = slots
        .iter()
        // SAFETY: the caller guarantees occupied slots are live for the whole call.
        .map(|p| p.map(|p| unsafe { p.as_ref() }))
        .collect();
    let mut outside: Vec<isize> = boxes
        .iter()
        .map(|b| b.map_or(0, |b| b.header.rc.load(Relaxed) as isize))
        .collect();
    for b in boxes.iter().flatten() {
        b.read(|body| body.for_each_ref(|r| slot_of(r).into_iter().for_each(|j| outside[j] -= 1)));
    }
    let mut live: Vec<bool> = boxes
        .iter()
        .zip(&outside)
        .map(|(b, &out)| b.is_some_and(|b| out > 0 || pinned(b)))
        .collect();
    let mut stack: Vec<usize> = (0..live.len()).filter(|&i| live[i]).collect();
    while let Some(i) = stack.pop() {
        boxes[i].expect("live slots are occupied").read(|body| {
            body.for_each_ref(|r| {
                if let Some(j) = slot_of(r) {
                    if !live[j] {
                        live[j] = true;
                        stack.push(j);
                    }
                }
            })
        });
    }
    slots
        .iter()
        .zip(&live)
        .filter_map(|(p, &alive)| p.filter(|_| !alive))
        .collect()
}

/// Frees the local objects of this thread that no reference from outside the garbage can
/// reach (cycles included); returns how many it freed.
///
/// Region members are never collected here (a region is reclaimed as a unit), and they
/// never reference local objects (capture moves those into the region). Freeing garbage
/// that held a region's bridge, while other members are still referenced, dissolves the
/// region (semantics §3): its members become local, and those only garbage reached are
/// garbage too, so the collection passes again until a pass adopts nothing.
pub fn collect() -> usize {
    let mut freed = 0;
    loop {
        let adopted = ADOPTED.with(Cell::get);
        let n = collect_once();
        freed += n;
        if n == 0 || ADOPTED.with(Cell::get) == adopted {
            return freed;
        }
    }
}

/// One trial-deletion pass over the registry as it is now.
fn collect_once() -> usize {
    // Indexed by registry slot (an object's `aux`); `None` for free slots.
    let slots: Vec<Option<NonNull<ObjBox>>> = REGISTRY.with(|r| r.borrow().slots.clone());
    let slot_of = |r: &ObjRef| {
        r.obj()
            .header
            .is_local()
            .then(|| r.obj().header.aux_number())
    };
    // SAFETY: registered objects are live, and nothing is freed before `free_garbage`.
    let garbage = unsafe { garbage_among(&slots, slot_of, |_| false) };
    let n = garbage.len();
    // SAFETY: no reference from outside the garbage set reaches these objects.
    unsafe { free_garbage(garbage) };
    n
}

/// Frees a set of local objects referenced only from within the set.
///
/// # Safety
/// Every reference to a member comes from another member.
// SAFETY: relies on the caller's closure guarantee: nothing outside the set references a
// member, so once the guard units are taken the set can be dismantled.
unsafe fn free_garbage(garbage: Vec<NonNull<ObjBox>>) {
    // SAFETY: members are live until the `dealloc` loop at the end.
    let members: Vec<&ObjBox> = garbage.iter().map(|g| unsafe { g.as_ref() }).collect();
    // One guard unit each, so the internal references dropped below never free a member.
    for obj in &members {
        obj.header.inc_owned();
    }
    let bodies: Vec<Body> = members
        .iter()
        .map(|obj| {
            unregister(obj);
            // SAFETY: only other members reference this object, and no body access is in
            // progress (collect's reads have ended).
            unsafe { obj.take_body() }
        })
        .collect();
    drop(bodies);
    for obj in &members {
        debug_assert_eq!(obj.header.rc.load(Relaxed), 1, "garbage count mismatch");
    }
    drop(members);
    for g in &garbage {
        // SAFETY: only the guard unit remains; body taken; unregistered.
        unsafe { dealloc(*g) };
    }
    count_freed(garbage.len());
}
