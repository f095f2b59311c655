//! Region arenas (RFC-0002 §8): objects allocated directly in a region (`new_in`, the
//! bridge) take an object-sized slot from the region's current 64 KiB chunk — a bump of
//! an index, no call to the allocator — instead of an allocation of their own.
//!
//! A chunk is aligned to its size, so any slot finds its chunk's header by masking its
//! address. The header counts the chunk's live objects, plus a `RETIRED` bit set when the
//! region stops allocating from it (the chunk is full, or the region's record ends: unit
//! free, merge, dissolve, freeze). The chunk is freed by whoever makes the count reach
//! `RETIRED` with no live object — the region, or the last of its objects to be freed,
//! wherever that object went since: a member freed with its region, one freed alone, a
//! dissolved region's objects freed as local objects, objects frozen out of their region
//! and freed by another thread. So captured objects (allocated elsewhere) and arena
//! objects live side by side in a region, and a region's objects never move: their
//! address stays their identity.

use std::alloc::{alloc, dealloc, handle_alloc_error, Layout};
use std::cell::Cell;
use std::ptr::NonNull;

use crate::raw::ObjBox;
use crate::sync::{fence, AtomicUsize, Ordering};

/// The size and alignment of a chunk.
const CHUNK: usize = 64 * 1024;
/// Set in a chunk's count once its region allocates from it no more.
const RETIRED: usize = 1 << (usize::BITS - 1);

/// The start of every chunk.
struct ChunkHeader {
    /// Live objects in the chunk, plus [`RETIRED`].
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
                // SAFETY: the layout has a non-zero size.
                let raw = unsafe { alloc(layout()) };
                let Some(raw) = NonNull::new(raw) else {
                    handle_alloc_error(layout())
                };
                count_chunk(1);
                let c = raw.cast::<ChunkHeader>();
                // SAFETY: a fresh allocation, aligned for the header, written once here.
                unsafe {
                    c.as_ptr().write(ChunkHeader {
                        live: AtomicUsize::new(0),
                    })
                };
                self.chunk.set(Some(c));
                self.next.set(0);
                c
            }
        };
        let i = self.next.get();
        self.next.set(i + 1);
        // SAFETY: the chunk is live (not retired: we allocate from it), and its header is
        // initialised.
        unsafe { chunk.as_ref() }
            .live
            .fetch_add(1, Ordering::Relaxed);
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
            // SAFETY: the chunk is live until it is retired and empty, which happens at
            // most once, below or in `free_slot`.
            let live = unsafe { c.as_ref() }
                .live
                .fetch_or(RETIRED, Ordering::Release);
            if live == 0 {
                fence(Ordering::Acquire);
                count_chunk(-1);
                // SAFETY: retired and empty: no slot is in use and none will be handed out.
                unsafe { dealloc(c.as_ptr().cast(), layout()) };
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
        count_chunk(-1);
        // SAFETY: retired and now empty: no slot is in use and none will be handed out.
        unsafe { dealloc(chunk.cast(), layout()) };
    }
}
