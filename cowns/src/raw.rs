//! The behaviour protocol (RFC-0005 §3): the crate's only unsafe code.
//!
//! Each cown has a lock-free queue of *slots* in the style of an MCS lock: `last` is
//! the tail, swapped atomically by each new behaviour; a slot's `next` links it to its
//! successor. A behaviour is one allocation ([`Whole`]) holding its body and one slot per
//! cown. Scheduling is two-phase: in phase one the behaviour swaps itself onto the tail
//! of each cown's queue in cown-id order, and before going on past a predecessor slot it
//! waits until that slot's behaviour has finished its own phase one (`scheduled`); in
//! phase two it marks its slots `scheduled`. Its `count` starts at (cowns + 1 + held
//! back): each cown reached with an empty queue, each predecessor's release and the end
//! of scheduling take one off; whoever takes the last one off owns the behaviour and
//! submits it (one that found every queue empty and holds nothing back is submitted at
//! once: nobody else can take a count off). Running it, then releasing every slot
//! (handing each cown to the next slot, or emptying the queue) and freeing it, is
//! [`Ready::run`].
//!
//! Memory orderings, argued as std's `Arc` argues its own:
//! - `last.swap(AcqRel)`: the acquire half pairs with the release of the previous
//!   holder's `compare_exchange` that emptied the queue, so a behaviour that finds the
//!   queue empty sees every write the last holder made to the content. The release half
//!   publishes the new slot (its `owner` field) to the next swapper.
//! - `next.store(Release)` / `next.load(Acquire)`: the releasing holder reads its
//!   successor's slot (and, through it, its behaviour) only after the successor wrote
//!   them.
//! - `scheduled.store(Release)` / `load(Acquire)`: a successor goes on past a
//!   predecessor only after the predecessor finished phase one, so two behaviours that
//!   share cowns are queued in the same order on all of them.
//! - `count.fetch_sub(AcqRel)`: read-modify-writes on one atomic form a release
//!   sequence, so the thread that takes the last count off acquires every previous
//!   holder's release (their content writes) and every phase-one write of the
//!   scheduler; it hands the behaviour to a worker through the work queue, which
//!   synchronises again.
//! - `last.compare_exchange(slot, null, AcqRel)` on release: the release half is the one
//!   the next swapper acquires (first point).
#![allow(unsafe_code)]

use std::mem::ManuallyDrop;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::{self, NonNull};
use std::sync::Arc;

use smallvec::SmallVec;

use crate::cown::{Content, Cown};
use crate::sync::{spin_until, AtomicBool, AtomicPtr, AtomicUsize, Ordering, UnsafeCell};

/// A cown's shared state: the tail of its queue and its content.
pub(crate) struct CownCell {
    /// Creation order: behaviours swap onto queues in this order.
    pub(crate) id: u64,
    /// The last slot queued on this cown, or null when nothing holds or waits for it.
    last: AtomicPtr<Slot>,
    /// Touched only by the behaviour holding the cown ([`Access`]) and at creation.
    content: UnsafeCell<Content>,
    /// What kind of thing `content` is ([`crate::peek`]), written whenever a holder has
    /// touched it: pictures read it without holding the cown. Not part of the protocol
    /// (a picture may see a kind a moment old), so not modelled by loom.
    pub(crate) kind: std::sync::atomic::AtomicU8,
}

// SAFETY: `content` is reached only through `Access` (or `Ready::pinned`), that is by the
// thread that owns a behaviour whose `count` reached zero: that behaviour heads the queue
// of every cown it names, so no other behaviour can hold the cown until it releases it,
// and each grant happens-after the previous release (module docs). `last` is atomic. So
// shared `&CownCell`s never let two threads touch `content` at once; `Content` is `Send`.
unsafe impl Sync for CownCell {}

impl CownCell {
    pub(crate) fn new(id: u64, content: Content) -> CownCell {
        CownCell {
            id,
            last: AtomicPtr::new(ptr::null_mut()),
            kind: std::sync::atomic::AtomicU8::new(crate::peek::kind_of(&content)),
            content: UnsafeCell::new(content),
        }
    }

    /// `true` while a behaviour holds the cown or waits for it (a look, not a claim: the
    /// answer may change at once).
    pub(crate) fn is_busy(&self) -> bool {
        !self.last.load(Ordering::Relaxed).is_null()
    }
}

/// A behaviour's place in one cown's queue.
struct Slot {
    /// A handle on the cown that owns no count of its own (never dropped): while any
    /// slot is queued on a cown, the queue keeps the cown alive with one count, taken by
    /// the behaviour that found the queue empty and given up by the release that empties
    /// it ([`join`], [`Ready::run`]). A behaviour no longer touches the cown's `Arc`
    /// count, which lives on the line its scheduler swaps `last` on.
    cown: ManuallyDrop<Cown>,
    /// The next behaviour's slot on this cown (null until it links itself).
    next: AtomicPtr<Slot>,
    /// The owner finished phase one: a successor may go on past this slot.
    scheduled: AtomicBool,
    /// The behaviour this slot belongs to (set before the slot is published).
    owner: *const Core,
}

/// A behaviour's shared part: its count and its slots. The first field of [`Whole`].
pub(crate) struct Core {
    count: AtomicUsize,
    /// One per cown, in the order the caller gave them (deduplicated).
    slots: SmallVec<[Slot; 3]>,
    /// Runs the body (type-erased: it knows the `Whole<F>` around this core).
    call: unsafe fn(NonNull<Core>, &mut Access<'_>),
    /// Frees the `Whole<F>` around this core.
    free: unsafe fn(NonNull<Core>),
}

/// A behaviour: its core and its body, in one allocation.
#[repr(C)]
struct Whole<F> {
    core: Core,
    body: Option<F>,
}

// SAFETY: a `Slot`'s raw `owner` pointer is only dereferenced under the protocol (the
// owner is alive while the slot is queued: it is freed only after every slot released);
// its other fields are `Send + Sync`. The body `F` is required to be `Send` where a
// `Whole<F>` is made, and `Core` is the only other part.
unsafe impl Send for Slot {}
// SAFETY: as for `Send`; through `&Slot` only atomics and the `Cown` are read.
unsafe impl Sync for Slot {}

/// Schedules `body` on `cowns` (distinct, in the order `body` sees them). `held` extra
/// counts keep it from becoming ready until [`Hold::release`] takes them off; a
/// [`Hold`] is returned when `held` is non-zero. `submit` gets the behaviour once ready
/// (possibly here, at once). The cowns are borrowed: scheduling takes no count on them
/// (a queue that was empty takes one, [`join`]), so the scheduling thread does not write
/// the count's cache line, which the workers releasing the cowns also write.
pub(crate) fn schedule<F>(
    cowns: &[&Cown],
    held: usize,
    body: F,
    submit: &mut dyn FnMut(Ready),
) -> Option<Hold>
where
    F: FnOnce(&mut Access<'_>) + Send + 'static,
{
    let n = cowns.len();
    let whole = Box::new(Whole {
        core: Core {
            count: AtomicUsize::new(n + 1 + held),
            slots: SmallVec::new(),
            call: call::<F>,
            free: free::<F>,
        },
        body: Some(body),
    });
    let core: NonNull<Core> = NonNull::from(Box::leak(whole)).cast();
    let owner = core.as_ptr().cast_const();
    // SAFETY: the allocation was just leaked and is not published yet: this is its only
    // pointer, so a unique borrow is sound. `Whole` is `repr(C)` with `core` first, so the
    // cast pointer is the core's. The slots are written in place, each pointing at its
    // owner as it is made (the allocation does not move).
    unsafe {
        (*core.as_ptr()).slots.extend(cowns.iter().map(|cown| Slot {
            cown: uncounted(cown),
            next: AtomicPtr::new(ptr::null_mut()),
            scheduled: AtomicBool::new(false),
            owner,
        }));
    }
    // SAFETY: from here on the core is only shared: it is freed by the runner, which
    // exists only once the count reaches zero, and this function holds one count until
    // its last line.
    let c = unsafe { core.as_ref() };
    // Phase one: join every queue, in cown-id order.
    let acquired = if let [slot] = &c.slots[..] {
        usize::from(join(slot))
    } else {
        let mut order: SmallVec<[&Slot; 3]> = c.slots.iter().collect();
        order.sort_unstable_by_key(|s| s.cown.0.id);
        order.iter().filter(|s| join(s)).count()
    };
    // Phase two: successors may go on past our slots.
    for s in &c.slots {
        s.scheduled.store(true, Ordering::Release);
    }
    if held == 0 && acquired == n {
        // Every cown was free: nobody else holds a count (no predecessor will release
        // to us, nothing is held back), so the behaviour is ours without the
        // `fetch_sub` — and each swap already acquired its cown's last release.
        submit(Ready(core));
        return None;
    }
    let hold = (held > 0).then_some(Hold(core));
    // SAFETY: this releases the count held since creation; `core` is not touched after.
    unsafe { resolve(core, acquired + 1, submit) };
    hold
}

/// A handle on `cown` that owns no count (see `Slot::cown`).
fn uncounted(cown: &Cown) -> ManuallyDrop<Cown> {
    // SAFETY: an `Arc` made from the pointer of a live one, without a count of its own
    // and never dropped (`ManuallyDrop`): it stands for the count the queue holds.
    ManuallyDrop::new(Cown(unsafe { Arc::from_raw(Arc::as_ptr(&cown.0)) }))
}

/// Phase one on one cown: swaps `slot` onto the tail of its queue and links it behind
/// its predecessor once that one finished its own phase one. `true` if the queue was
/// empty (the cown is acquired at once).
fn join(slot: &Slot) -> bool {
    let me = ptr::from_ref(slot).cast_mut();
    let prev = slot.cown.0.last.swap(me, Ordering::AcqRel);
    if prev.is_null() {
        // SAFETY: the cown is alive: the scheduler holds a handle on it. This is the
        // count the queue holds until it is empty again, which is after this slot's
        // release (it is in the queue until then).
        unsafe { Arc::increment_strong_count(Arc::as_ptr(&slot.cown.0)) };
        return true;
    }
    // SAFETY: `prev` stays allocated until we link to it: its behaviour frees itself
    // only after releasing `prev`, and that release either empties the queue by
    // `compare_exchange(prev, null)` — which fails, as our swap replaced `prev` — or
    // waits for `prev.next`, which we set last.
    let p = unsafe { &*prev };
    spin_until(|| p.scheduled.load(Ordering::Acquire));
    p.next.store(me, Ordering::Release);
    false
}

/// Takes `k` counts off `core`; whoever takes the last one submits the behaviour.
///
/// # Safety
/// The caller owns `k` of the behaviour's counts (so it is not yet ready, so alive).
unsafe fn resolve(core: NonNull<Core>, k: usize, submit: &mut dyn FnMut(Ready)) {
    // SAFETY: alive, as the caller holds counts.
    let c = unsafe { core.as_ref() };
    if c.count.fetch_sub(k, Ordering::AcqRel) == k {
        submit(Ready(core));
    }
}

/// Counts held back at scheduling (a pending hand-off's gate): the behaviour cannot run
/// until they are released. Not `Send`: released by the thread that holds it.
pub(crate) struct Hold(NonNull<Core>);

impl Hold {
    /// Releases the held counts (one); the behaviour may become ready.
    pub(crate) fn release(self, submit: &mut dyn FnMut(Ready)) {
        // SAFETY: a `Hold` owns one count of an unfinished behaviour, and is consumed.
        unsafe { resolve(self.0, 1, submit) }
    }
}

/// A behaviour that holds all its cowns, owned by whoever runs it.
pub(crate) struct Ready(NonNull<Core>);

// SAFETY: a `Ready` is the unique owner of a behaviour whose body is `Send` (see `Slot`);
// moving it to a worker moves that ownership.
unsafe impl Send for Ready {}

impl Ready {
    fn core(&self) -> &Core {
        // SAFETY: a `Ready` owns a live behaviour until `run` frees it.
        unsafe { self.0.as_ref() }
    }

    /// The first `Content::Stranded` worker among its cowns' contents, if any: the
    /// behaviour must run on that worker (RFC-0005 §5).
    pub(crate) fn pinned(&self) -> Option<usize> {
        self.core().slots.iter().find_map(|s| {
            // SAFETY: the behaviour is ready, so it holds this cown (module docs), and
            // its owner — us — is the only thread touching it.
            s.cown.0.content.with_mut(|p| match unsafe { &*p } {
                Content::Stranded { worker } => Some(*worker),
                _ => None,
            })
        })
    }

    /// Runs the body on worker `worker`, hands every cown on (`submit` gets the
    /// behaviours that become ready), and frees the behaviour. A panic that escapes the
    /// body is contained here: the cowns are released all the same.
    pub(crate) fn run(self, worker: usize, submit: &mut dyn FnMut(Ready)) {
        let core = self.0;
        let c = self.core();
        let mut access = Access {
            slots: &c.slots,
            worker,
        };
        // SAFETY: `call` matches the `Whole<F>` around this core and is called once: a
        // `Ready` is made once per behaviour and consumed here.
        let _ = catch_unwind(AssertUnwindSafe(|| unsafe { (c.call)(core, &mut access) }));
        for s in &c.slots {
            let me = ptr::from_ref(s).cast_mut();
            let mut next = s.next.load(Ordering::Acquire);
            if next.is_null() {
                if s.cown
                    .0
                    .last
                    .compare_exchange(me, ptr::null_mut(), Ordering::AcqRel, Ordering::Acquire)
                    .is_ok()
                {
                    // SAFETY: the queue is empty: its count goes (`Slot::cown`). Nothing
                    // here touches the cown after this.
                    unsafe { Arc::decrement_strong_count(Arc::as_ptr(&s.cown.0)) };
                    continue;
                }
                // A successor swapped in and is about to link itself.
                spin_until(|| {
                    next = s.next.load(Ordering::Acquire);
                    !next.is_null()
                });
            }
            // SAFETY: `next` was published by its behaviour before linking (Acquire
            // above), and that behaviour waits for this count, so it is alive.
            unsafe { resolve(NonNull::from(&*(*next).owner), 1, submit) };
        }
        // SAFETY: every slot is released and no successor touches it any more (each
        // linked before we read `next`); `free` matches the `Whole<F>`.
        unsafe { (c.free)(core) }
    }
}

/// Calls the body of the `Whole<F>` around `core`.
///
/// # Safety
/// `core` is the core of a live `Whole<F>` whose body was not taken yet.
unsafe fn call<F: FnOnce(&mut Access<'_>)>(core: NonNull<Core>, access: &mut Access<'_>) {
    let whole: *mut Whole<F> = core.cast().as_ptr();
    // SAFETY: the caller's guarantee; the body is reached by this thread only (it owns
    // the ready behaviour), and `access` borrows the slots, not the body.
    let body = unsafe { (*whole).body.take() };
    if let Some(body) = body {
        body(access);
    }
}

/// Frees the `Whole<F>` around `core`.
///
/// # Safety
/// `core` is the core of a `Whole<F>` leaked by `schedule`, released and unreferenced.
unsafe fn free<F>(core: NonNull<Core>) {
    // SAFETY: the caller's guarantee: this is the box `schedule` leaked.
    drop(unsafe { Box::from_raw(core.cast::<Whole<F>>().as_ptr()) });
}

/// What a running behaviour reaches: the contents of the cowns it holds.
pub(crate) struct Access<'a> {
    slots: &'a [Slot],
    /// The worker running the behaviour.
    pub(crate) worker: usize,
}

impl<'a> Access<'a> {
    /// The `i`-th cown (in the order given at scheduling).
    pub(crate) fn cown(&self, i: usize) -> &Cown {
        &self.slots[i].cown
    }

    /// The cowns, in the order given at scheduling, borrowed for as long as the
    /// behaviour runs (not from `self`, which stays free for [`Access::with`]).
    pub(crate) fn cowns(&self) -> impl Iterator<Item = &'a Cown> + 'a {
        self.slots.iter().map(|s| &*s.cown)
    }

    /// Calls `f` on the `i`-th cown's content, without noting its kind for pictures
    /// ([`crate::peek`]): for taking a content for a hold, which puts it back (noted)
    /// before the cown is released.
    pub(crate) fn with_unnoted<R>(&mut self, i: usize, f: impl FnOnce(&mut Content) -> R) -> R {
        self.slots[i].cown.0.content.with_mut(|p| {
            // SAFETY: as in `with`.
            f(unsafe { &mut *p })
        })
    }

    /// Calls `f` on the `i`-th cown's content.
    pub(crate) fn with<R>(&mut self, i: usize, f: impl FnOnce(&mut Content) -> R) -> R {
        let cell = &self.slots[i].cown.0;
        cell.content.with_mut(|p| {
            // SAFETY: an `Access` exists only while its behaviour runs, holding every
            // cown in its slots (distinct cowns: scheduling deduplicates them); `&mut
            // self` keeps the borrows one at a time.
            let content = unsafe { &mut *p };
            let r = f(content);
            crate::peek::note_kind(cell, content);
            r
        })
    }
}

#[cfg(all(test, loom))]
mod loom_tests;
