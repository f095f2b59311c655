//! The atomics and the cell of the behaviour protocol ([`crate::raw`]), in one place so
//! that `--cfg loom` swaps them for `loom`'s model-checked ones (the loom models in
//! `raw/loom_tests.rs` explore every interleaving of the protocol through them).
//!
//! The worker pool's own counters and flags are not part of the protocol and use
//! `std` directly (they are not modelled).
#![forbid(unsafe_code)]

#[cfg(loom)]
pub(crate) use loom::{
    cell::UnsafeCell,
    hint::spin_loop,
    sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering},
    thread::yield_now,
};
#[cfg(not(loom))]
pub(crate) use std::{
    hint::spin_loop,
    sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering},
    thread::yield_now,
};

/// `std`'s `UnsafeCell` with `loom`'s closure API, so the protocol reads the same under
/// both.
#[cfg(not(loom))]
#[derive(Debug)]
pub(crate) struct UnsafeCell<T>(std::cell::UnsafeCell<T>);

#[cfg(not(loom))]
impl<T> UnsafeCell<T> {
    pub(crate) fn new(value: T) -> UnsafeCell<T> {
        UnsafeCell(std::cell::UnsafeCell::new(value))
    }

    /// Calls `f` with a raw pointer to the value; dereferencing it is the caller's
    /// responsibility (the protocol's exclusivity argument).
    pub(crate) fn with_mut<R>(&self, f: impl FnOnce(*mut T) -> R) -> R {
        f(self.0.get())
    }
}

/// Spins on `ready` with a growing back-off: `spin_loop` hints first, then yielding the
/// core (the thread being waited for may have been preempted on a busy machine).
pub(crate) fn spin_until(mut ready: impl FnMut() -> bool) {
    let mut spins = 0u32;
    while !ready() {
        if spins < 64 && !cfg!(loom) {
            spin_loop();
            spins += 1;
        } else {
            yield_now();
        }
    }
}
