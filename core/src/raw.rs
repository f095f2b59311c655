//! Allocation, reference counting and body access: the crate's `unsafe` lives here and in
//! [`crate::reclaim`], nowhere else.
//!
//! Invariants every `unsafe` block below relies on (RFC-0001 §5):
//!
//! 1. **Counted liveness.** Every [`ObjRef`] owns one unit of its object's count (of its
//!    component root's count when frozen). An object is freed only when that count reaches
//!    zero, so the pointer inside a live `ObjRef` always points at a live `ObjBox`.
//! 2. **Owner-only mutability.** A non-frozen object is reachable only from its owning
//!    thread: `ObjRef` is `!Send + !Sync`, and the only `Send` handle, [`crate::Frozen`], can
//!    only be made from a frozen object. So a non-frozen header and body are touched by one
//!    thread, and the body's borrow flag turns any re-entrant access into a panic rather
//!    than aliasing.
//! 3. **Frozen is forever and deep.** A frozen object's state word and body are never
//!    written again (every writer checks the state first), and every object it references
//!    is frozen ([`crate::freeze_component`] checks this before it freezes anything). So any
//!    number of threads may read frozen bodies at once.
//! 4. **Component roots outlive members.** A frozen member's state word points at its
//!    component's root; the root is freed together with all members, when the component's
//!    count reaches zero, so a live member's root is live.

use crate::sync::{fence, AtomicUsize, Ordering, UnsafeCell};
use std::marker::PhantomData;
use std::ptr::NonNull;

use crate::arena::Arena;
use crate::body::Body;
use crate::header::{Component, Header, Word, WRITING};
use crate::reclaim::{self, Pending};
use crate::region;
use crate::Kind;

/// A heap object: header, then body.
pub(crate) struct ObjBox {
    pub(crate) header: Header,
    body: UnsafeCell<Body>,
}

// SAFETY: `ObjBox` is only ever reached from other threads through `Frozen` handles (and the
// frozen components they reach), whose bodies are never written again (invariant 3); every
// header field is an atomic. Non-frozen boxes are reachable from one thread only (invariant 2).
unsafe impl Sync for ObjBox {}
// SAFETY: as above: a box moves to another thread only as part of a frozen component, which
// that thread then frees (reclaim) with exclusive access once the count reaches zero.
unsafe impl Send for ObjBox {}

/// A counted reference to a heap object, usable on the thread that holds it.
///
/// `ObjRef` is neither `Send` nor `Sync`: a handle to a local object must not leave its
/// thread. To share a frozen object, convert it to a [`crate::Frozen`].
pub struct ObjRef {
    ptr: NonNull<ObjBox>,
    _not_send: PhantomData<*const ()>,
}

impl ObjRef {
    /// Allocates a new local object with one reference, registered with this thread's heap.
    pub(crate) fn alloc(kind: Kind, body: Body) -> ObjRef {
        let obj = ObjRef::alloc_unregistered(kind, body);
        // SAFETY: a new local object of this thread, not registered yet.
        unsafe { reclaim::register(obj.ptr) };
        obj
    }

    /// Allocates an object that is frozen from birth when every reference in `body` is to
    /// a frozen object: a one-member frozen component whose count is the returned handle's,
    /// never registered with the thread's heap. This is what [`crate::freeze_component`]
    /// makes of a new object with no mutable references, without its checks and region
    /// planning (a new object is in no region and marked by no one). When `body` references
    /// a mutable object the result is a local object, as [`ObjRef::alloc`] makes.
    pub(crate) fn alloc_frozen_if_closed(kind: Kind, body: Body) -> ObjRef {
        let mut closed = true;
        body.for_each_ref(|r| closed &= r.is_frozen());
        if !closed {
            return ObjRef::alloc(kind, body);
        }
        let obj = ObjRef::alloc_unregistered(kind, body);
        let header = &obj.obj().header;
        // The component's one member is its root; its one outside reference is `obj`.
        header.seal_member(obj.ptr.as_ptr().cast_const());
        header.seal_root(1, None);
        obj
    }

    /// Allocates an object with one reference that the caller places (in a region).
    pub(crate) fn alloc_unregistered(kind: Kind, body: Body) -> ObjRef {
        let boxed = Box::new(ObjBox {
            header: Header::new_local(kind, false),
            body: UnsafeCell::new(body),
        });
        reclaim::count_allocated();
        ObjRef {
            ptr: NonNull::from(Box::leak(boxed)),
            _not_send: PhantomData,
        }
    }

    /// Allocates an object with one reference in a slot of `arena` (a region's), for the
    /// caller to make a member of that region.
    pub(crate) fn alloc_in_arena(arena: &Arena, kind: Kind, body: Body) -> ObjRef {
        let ptr = arena.alloc(ObjBox {
            header: Header::new_local(kind, true),
            body: UnsafeCell::new(body),
        });
        reclaim::count_allocated();
        ObjRef {
            ptr,
            _not_send: PhantomData,
        }
    }

    /// Wraps a pointer whose count unit the caller transfers to the new handle.
    ///
    /// # Safety
    /// `ptr` points at a live object usable on this thread, and the caller owns one unit
    /// of its count (or of its component's), which the handle now owns.
    // SAFETY: relies on the caller's transfer of a count unit (invariant 1).
    pub(crate) unsafe fn from_counted(ptr: NonNull<ObjBox>) -> ObjRef {
        ObjRef {
            ptr,
            _not_send: PhantomData,
        }
    }

    /// A new counted handle to a live object known only by pointer (a registry slot, a
    /// member list, a region record): the count gains one unit for the new handle.
    ///
    /// # Safety
    /// `ptr` points at a live object that this thread may use (local to it, a member of a
    /// region it holds, or frozen).
    // SAFETY: relies on the caller's guarantee that the object is live and usable here.
    pub(crate) unsafe fn share(ptr: NonNull<ObjBox>) -> ObjRef {
        // Borrow the pointer as a handle without owning a unit (never dropped), and clone
        // it: the clone owns the unit it adds.
        // SAFETY: the borrowed handle is never dropped, so it releases no unit it does not
        // own; the object is live (the caller's guarantee).
        let borrowed = std::mem::ManuallyDrop::new(unsafe { ObjRef::from_counted(ptr) });
        ObjRef::clone(&borrowed)
    }

    /// The object this handle points at.
    #[inline]
    pub(crate) fn obj(&self) -> &ObjBox {
        // SAFETY: invariant 1: this handle owns a count unit, so the box is live for at
        // least as long as `self` is borrowed.
        unsafe { self.ptr.as_ref() }
    }

    #[inline]
    pub(crate) fn ptr(&self) -> NonNull<ObjBox> {
        self.ptr
    }
}

/// The root of the frozen component that a member's state word points at.
///
/// # Safety
/// `root` was read from the state word of a frozen member that stays referenced for `'a`.
#[inline]
// SAFETY: relies on the caller's guarantee that a referenced frozen member holds `root`:
// the component's root lives as long as any member does (one count for the component).
pub(crate) unsafe fn root_at<'a>(root: *const ObjBox) -> &'a ObjBox {
    // SAFETY: invariant 4: the root of a referenced member is live.
    unsafe { &*root }
}

/// The count of a frozen component: its root's header count, or its frozen region
/// record's count. Immortal components have none (callers test for them first).
///
/// # Safety
/// `c` was read from the state word of a frozen member that stays referenced for `'a`.
#[inline]
// SAFETY: relies on the caller's guarantee that a referenced frozen member belongs to `c`.
pub(crate) unsafe fn component_count<'a>(c: Component) -> &'a AtomicUsize {
    match c {
        // SAFETY: forwarded: the root of a referenced member is live (invariant 4).
        Component::Root(addr) => &unsafe { root_at(addr) }.header.rc,
        // SAFETY: forwarded: a frozen region's record is freed after its last member, and
        // every record starts with its `OwnerRecord` (`#[repr(C)]`).
        Component::Record(record) => &unsafe { &*record }.count,
        Component::Immortal(_) => unreachable!("immortal components keep no count"),
    }
}

impl Clone for ObjRef {
    /// One more counted reference to the same object: the clone has this handle's bits
    /// (`Value::clone` relies on it, copying the value whole after cloning its handle).
    #[inline]
    fn clone(&self) -> ObjRef {
        let header = &self.obj().header;
        match header.word() {
            Word::Frozen(Component::Immortal(_)) => {}
            // Relaxed suffices, as for `Arc::clone`: the new reference is made from an
            // existing one, which already keeps the component alive.
            Word::Frozen(c) => {
                // SAFETY: `self` is a referenced member of that component.
                let old = unsafe { component_count(c) }.fetch_add(1, Ordering::Relaxed);
                assert!(old < isize::MAX as usize, "frozen component count overflow");
            }
            Word::Local => header.inc_owned(),
            // A handle is a reference from outside the region (RFC-0002 §2).
            Word::Region(meta) => {
                header.inc_owned();
                // SAFETY: `self` references a live member of the region at `meta`.
                unsafe { region::count_outside(meta, self.ptr) };
            }
        }
        // SAFETY: the unit just added above belongs to the new handle.
        unsafe { ObjRef::from_counted(self.ptr) }
    }
}

impl Drop for ObjRef {
    #[inline]
    fn drop(&mut self) {
        let header = &self.obj().header;
        match header.word() {
            Word::Frozen(Component::Immortal(_)) => {}
            Word::Frozen(c) => {
                // SAFETY: `self` still references a member of that component.
                let count = unsafe { component_count(c) };
                // Release: our reads and writes through this reference happen-before the
                // free; the last decrementer's Acquire fence pairs with every Release
                // (the `Arc::drop` protocol).
                if count.fetch_sub(1, Ordering::Release) == 1 {
                    fence(Ordering::Acquire);
                    reclaim::schedule(Pending::Component(c));
                }
            }
            Word::Local => {
                if header.dec_owned() == 0 {
                    // SAFETY: our unit was the last: a registered local object of this
                    // thread with count zero, released here once.
                    unsafe { reclaim::release_local(self.ptr) };
                }
            }
            // Handles, and values leaving a member's body, are outside references
            // (RFC-0002 §2): inside references are dropped only by `free_region`.
            // SAFETY: `self` held a reference to a live member of the region at `meta`.
            Word::Region(meta) => unsafe { region::drop_reference(meta, self.ptr) },
        }
    }
}

/// Resets the borrow flag when a body access ends, even by unwinding.
struct BorrowGuard<'a> {
    header: &'a Header,
    restore: i32,
}

impl Drop for BorrowGuard<'_> {
    fn drop(&mut self) {
        self.header.borrow.store(self.restore, Ordering::Relaxed);
    }
}

impl ObjBox {
    /// Runs `f` with shared access to the body.
    ///
    /// # Panics
    /// If the body is being written by an enclosing access on this thread (a bug in this
    /// crate: no public operation calls out while it holds a body).
    #[inline]
    pub(crate) fn read<R>(&self, f: impl FnOnce(&Body) -> R) -> R {
        if self.header.is_frozen() {
            // SAFETY: invariant 3: a frozen body is never written again, so shared reads
            // from any number of threads cannot race.
            return self.body.with(|p| f(unsafe { &*p }));
        }
        let readers = self.header.borrow.load(Ordering::Relaxed);
        assert!(readers >= 0, "floe-core: body read during a write");
        self.header.borrow.store(readers + 1, Ordering::Relaxed);
        let _guard = BorrowGuard {
            header: &self.header,
            restore: readers,
        };
        // SAFETY: invariant 2: only this thread touches a non-frozen body, and the flag
        // shows no write is in progress, so no `&mut Body` exists while this `&Body` lives.
        self.body.with(|p| f(unsafe { &*p }))
    }

    /// As [`ObjBox::read`], without marking the body borrowed: for a walk that reads
    /// many bodies and runs nothing else meanwhile (RFC-0003 §3).
    ///
    /// # Safety
    /// `f` reaches no Floe object's body for writing (it may read other bodies), so the
    /// body cannot be written while `f` runs.
    ///
    /// # Panics
    /// If the body is being written by an enclosing access on this thread (a bug in this
    /// crate, as for [`ObjBox::read`]).
    #[inline]
    // SAFETY: relies on the caller's guarantee that nothing writes the body during `f`.
    pub(crate) unsafe fn read_unflagged<R>(&self, f: impl FnOnce(&Body) -> R) -> R {
        assert!(
            self.header.borrow.load(Ordering::Relaxed) >= 0,
            "floe-core: body read during a write"
        );
        // SAFETY: a frozen body is never written (invariant 3); a non-frozen one is only
        // touched by this thread (invariant 2), no write is in progress (the flag), and the
        // caller guarantees none starts while `f` runs.
        self.body.with(|p| f(unsafe { &*p }))
    }

    /// Runs `f` with exclusive access to the body of a non-frozen object; `None` if the
    /// object is frozen.
    ///
    /// # Panics
    /// If the body is already borrowed by an enclosing access on this thread.
    #[inline]
    pub(crate) fn write<R>(&self, f: impl FnOnce(&mut Body) -> R) -> Option<R> {
        if self.header.is_frozen() {
            return None;
        }
        let flag = self.header.borrow.load(Ordering::Relaxed);
        assert_eq!(flag, 0, "floe-core: re-entrant body access");
        self.header.borrow.store(WRITING, Ordering::Relaxed);
        let _guard = BorrowGuard {
            header: &self.header,
            restore: 0,
        };
        // SAFETY: invariant 2: only this thread touches a non-frozen body, and the flag
        // was 0, so no other reference to the body exists while this one lives.
        Some(self.body.with_mut(|p| f(unsafe { &mut *p })))
    }

    /// As [`ObjBox::write`], for an object the write barrier has just admitted a store
    /// into (so it is not frozen, and nothing since could have frozen it: no code runs
    /// between the barrier and the store): the frozen check, which may read a region
    /// record, is skipped; and since `f` touches no Floe object, the borrow flag is only
    /// checked (no body access is in progress), not set — nothing can observe the body
    /// while `f` runs.
    ///
    /// # Safety
    /// `f` runs no code that could reach a Floe object (it moves values in and out of the
    /// body, and may allocate; values it removes are dropped by the caller, after).
    ///
    /// # Panics
    /// If the body is borrowed by an enclosing access on this thread.
    #[inline]
    // SAFETY: relies on the caller's guarantee that `f` cannot re-enter: with the flag
    // at 0, no other reference to the body exists, and none can be made while `f` runs.
    pub(crate) unsafe fn write_admitted<R>(&self, f: impl FnOnce(&mut Body) -> R) -> R {
        debug_assert!(
            !self.header.is_frozen(),
            "the barrier admitted a frozen holder"
        );
        let flag = self.header.borrow.load(Ordering::Relaxed);
        assert_eq!(flag, 0, "floe-core: re-entrant body access");
        // SAFETY: invariant 2: only this thread touches a non-frozen body (the barrier
        // admitted the store, so the object is not frozen); the flag is 0, so no other
        // reference to the body exists, and `f` makes none (the caller's guarantee).
        self.body.with_mut(|p| f(unsafe { &mut *p }))
    }

    /// The body of a frozen object, for as long as `self` is borrowed; `None` if the
    /// object is not frozen.
    #[inline]
    pub(crate) fn frozen_body(&self) -> Option<&Body> {
        if !self.header.is_frozen() {
            return None;
        }
        // SAFETY: invariant 3: a frozen body is never written again, so a shared reference
        // to it is valid for as long as the object lives, which `&self` guarantees.
        Some(self.body.with(|p| unsafe { &*p }))
    }

    /// Moves the body out, leaving [`Body::Dead`].
    ///
    /// # Safety
    /// The object's count is zero (or it is part of a garbage set being freed) and no
    /// reference to its body exists: the caller has exclusive access.
    // SAFETY: relies on the caller's exclusive access (count zero, no body borrow), the
    // only state in which a body may be moved out.
    pub(crate) unsafe fn take_body(&self) -> Body {
        // SAFETY: exclusive access is the caller's obligation.
        self.body
            .with_mut(|p| unsafe { std::mem::replace(&mut *p, Body::Dead) })
    }
}

/// Frees the allocation of an object whose body has been taken: its own box, or its slot
/// in a region's arena (RFC-0002 §8).
///
/// # Safety
/// `ptr` came from one of [`ObjRef`]'s allocators, no reference to it remains, and it is
/// not registered.
// SAFETY: relies on the caller's guarantee that nothing refers to `ptr` any more, so its
// allocation may be given back exactly once.
pub(crate) unsafe fn dealloc(ptr: NonNull<ObjBox>) {
    // SAFETY: the object is live until given back here.
    if unsafe { ptr.as_ref() }.header.in_arena {
        // SAFETY: an arena object (its header says so from birth), freed once.
        unsafe { crate::arena::free_slot(ptr) };
    } else {
        // SAFETY: the pointer came from `Box::leak` in `alloc_unregistered` and is freed
        // exactly once.
        drop(unsafe { Box::from_raw(ptr.as_ptr()) });
    }
}

/// A bitwise copy of `v`: the two words read and written whole, so that a copy pushed
/// onto a stack right after is not stalled waiting for a value written in parts (the
/// reason `Value::clone` copies this way, RFC-0001 §1).
///
/// # Safety
/// Every reference `v` holds has had one count added for the copy (a handle cloned and
/// forgotten: a handle's clone has the same bits), or `v` owns nothing (`None`, a
/// `Bool`, an `Int` or a `Float`); either way the copy owns what it references.
#[inline]
pub(crate) unsafe fn copy_counted(v: &crate::Value) -> crate::Value {
    // SAFETY: the caller guarantees the copy's references are counted for it; `v` is a
    // valid, aligned value.
    unsafe { std::ptr::read(v) }
}
