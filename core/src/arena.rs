//! Region arenas (RFC-0002 §8): objects allocated directly in a region (`new_in`, the
//! bridge) take an object-sized slot from the region's current 64 KiB chunk — a bump of
//! an index, no call to the allocator — instead of an allocation of their own.
//!
//! A chunk is aligned to its size, so any slot finds its chunk's header by masking its
//! address. The header counts the chunk's live objects, plus a `RETIRED` bit set when the
//! region stops allocating from it (the chunk is full, or the region's record ends: unit
//! free, merge, dissolve, freeze). An allocation does not touch the count: the region
//! adds what it handed out when it retires the chunk, and each free subtracts one (before
//! retirement the count is minus the frees, wrapping). The chunk is freed by whoever
//! makes the count reach `RETIRED` with no live object — the region, or the last of its objects to be freed,
//! wherever that object went since: a member freed with its region, one freed alone, a
//! dissolved region's objects freed as local objects, objects frozen out of their region
//! and freed by another thread. So captured objects (allocated elsewhere) and arena
//! objects live side by side in a region, and a region's objects never move: their
//! address stays their identity.

use std::alloc::{alloc, dealloc, handle_alloc_error, Layout};
use std::cell::{Cell, RefCell};
use std::ptr::NonNull;

use crate::raw::ObjBox;
use crate::sync::{fence, AtomicUsize, Ordering};

/// The size and alignment of a chunk.
const CHUNK: usize = 64 * 1024;
/// Set in a chunk's count once its region allocates from it no more.
const RETIRED: usize = 1 << (usize::BITS - 1);

/// The start of every chunk.
struct ChunkHeader {
    /// Once retired: live objects in the chunk, plus [`RETIRED`]. Before: minus the
    /// objects freed so far (wrapping; it cannot reach `RETIRED | 1`, which would take
    /// 2^63 frees).
    live: AtomicUsize,
}

/// Where the first slot starts: after the header, aligned for an object.
const FIRST: usize = {
    let align = std::mem::align_of::<ObjBox>();
    std::mem::size_of::<ChunkHeader>().div_ceil(align) * align
};
/// Object slots per chunk.
const SLOTS: usize = (CHUNK - FIRST) / std::mem::size_of::<ObjBox>();

#[cfg(test)]
thread_local! {
    /// Chunks allocated minus chunks freed by this thread (tests only).
    pub(crate) static CHUNKS: Cell<isize> = const { Cell::new(0) };
}

/// Counts a chunk allocated (+1) or freed (−1) on this thread, in tests.
fn count_chunk(_delta: isize) {
    #[cfg(test)]
    let _ = CHUNKS.try_with(|c| c.set(c.get() + _delta));
}

fn layout() -> Layout {
    Layout::from_size_align(CHUNK, CHUNK).expect("a valid chunk layout")
}

/// Chunks a thread keeps once their objects are gone, for its next regions: a region that
/// lives briefly would otherwise get fresh pages from the system each time (zeroed by the
/// kernel on first touch). Freed when the thread ends.
struct Spare(Vec<NonNull<ChunkHeader>>);

/// How many chunks [`Spare`] keeps (1 MiB).
const SPARE_CHUNKS: usize = 16;

impl Drop for Spare {
    fn drop(&mut self) {
        for c in self.0.drain(..) {
            // SAFETY: a spare chunk is a chunk allocation that nothing uses.
            unsafe { dealloc(c.as_ptr().cast(), layout()) };
        }
    }
}

thread_local! {
    static SPARE: RefCell<Spare> = const { RefCell::new(Spare(Vec::new())) };
}

/// A chunk with an empty header: a spare one, or a new allocation.
fn take_chunk() -> NonNull<ChunkHeader> {
    let c = SPARE
        .try_with(|s| s.borrow_mut().0.pop())
        .ok()
        .flatten()
        .unwrap_or_else(|| {
            // SAFETY: the layout has a non-zero size.
            let raw = unsafe { alloc(layout()) };
            match NonNull::new(raw) {
                Some(raw) => raw.cast(),
                None => handle_alloc_error(layout()),
            }
        });
    count_chunk(1);
    // SAFETY: a chunk allocation nothing else uses, aligned for the header, whose header
    // is written here before any slot is handed out.
    unsafe {
        c.as_ptr().write(ChunkHeader {
            live: AtomicUsize::new(0),
        })
    };
    c
}

/// Keeps a chunk nothing uses any more as a spare, or frees it.
///
/// # Safety
/// `c` is a chunk allocation, retired with no live object, given back once.
// SAFETY: relies on the caller's guarantee that nothing uses the chunk.
unsafe fn give_back(c: NonNull<ChunkHeader>) {
    count_chunk(-1);
    let kept = SPARE
        .try_with(|s| {
            let mut s = s.borrow_mut();
            (s.0.len() < SPARE_CHUNKS).then(|| s.0.push(c)).is_some()
        })
        .unwrap_or(false);
    if !kept {
        // SAFETY: forwarded from the caller: nothing uses the chunk.
        unsafe { dealloc(c.as_ptr().cast(), layout()) };
    }
}

/// A region's allocation state: the chunk it bumps through. Used only by the thread that
/// owns the region (it moves with the region's record).
pub(crate) struct Arena {
    chunk: Cell<Option<NonNull<ChunkHeader>>>,
    next: Cell<usize>,
}

impl Arena {
    pub(crate) const fn new() -> Arena {
        Arena {
            chunk: Cell::new(None),
            next: Cell::new(0),
        }
    }

    /// Moves `obj` into a slot of the current chunk (a new one when it is full).
    pub(crate) fn alloc(&self, obj: ObjBox) -> NonNull<ObjBox> {
        let chunk = match self.chunk.get() {
            Some(c) if self.next.get() < SLOTS => c,
            _ => {
                self.retire();
                let c = take_chunk();
                self.chunk.set(Some(c));
                self.next.set(0);
                c
            }
        };
        let i = self.next.get();
        self.next.set(i + 1);
        // SAFETY: slot `i < SLOTS` lies inside the chunk, after the header, aligned for
        // an object (`FIRST` is a multiple of the alignment, as is the object size), and
        // was never handed out before.
        unsafe {
            let slot = chunk
                .cast::<u8>()
                .add(FIRST + i * std::mem::size_of::<ObjBox>())
                .cast::<ObjBox>();
            slot.as_ptr().write(obj);
            slot
        }
    }

    /// Stops allocating from the current chunk; frees it if none of its objects lives.
    fn retire(&self) {
        if let Some(c) = self.chunk.take() {
            let handed_out = self.next.get();
            // SAFETY: the chunk is live until it is retired and empty, which happens at
            // most once, below or in `free_slot`.
            let freed = unsafe { c.as_ref() }
                .live
                .fetch_add(handed_out.wrapping_add(RETIRED), Ordering::Release);
            if freed.wrapping_add(handed_out) == 0 {
                fence(Ordering::Acquire);
                // SAFETY: retired and empty: no slot is in use and none will be handed out.
                unsafe { give_back(c) };
            }
        }
    }
}

impl Drop for Arena {
    fn drop(&mut self) {
        self.retire();
    }
}

/// Gives back the slot of an arena object (its body already taken and dropped); frees the
/// chunk if it was retired and this was its last object.
///
/// # Safety
/// `ptr` is an object allocated by [`Arena::alloc`], freed once, with nothing referring to
/// it any more.
// SAFETY: relies on the caller's guarantee: the slot is in a live chunk (its object was
// live until now), and the chunk's count includes it.
pub(crate) unsafe fn free_slot(ptr: NonNull<ObjBox>) {
    // SAFETY: the object is dead (the caller's guarantee); dropping it in place runs the
    // header's and the (dead) body's destructors, freeing nothing else.
    unsafe { std::ptr::drop_in_place(ptr.as_ptr()) };
    // The chunk is aligned to its size: mask the slot's address (keeping its provenance,
    // which covers the whole chunk allocation).
    let chunk = ptr
        .as_ptr()
        .cast::<u8>()
        .map_addr(|a| a & !(CHUNK - 1))
        .cast::<ChunkHeader>();
    // Release: our use of the slot happens-before the chunk's free; the freer's Acquire
    // fence pairs with every such Release (the `Arc::drop` protocol).
    // SAFETY: the chunk is live while one of its objects is.
    let live = unsafe { &*chunk }.live.fetch_sub(1, Ordering::Release);
    if live == RETIRED | 1 {
        fence(Ordering::Acquire);
        // SAFETY: retired and now empty: no slot is in use and none will be handed out;
        // the pointer came from a live chunk's slot, so it is non-null.
        unsafe { give_back(NonNull::new_unchecked(chunk)) };
    }
}
