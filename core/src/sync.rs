//! The atomics and the body cell of the object header, from one place, so that `--cfg loom`
//! swaps them for `loom`'s model-checked ones (crossbeam-epoch's pattern): the loom model in
//! `loom_tests.rs` explores the counting protocol of frozen components through them.
//!
//! Counters that are not part of an object's protocol (region ids, the immortal list) use
//! `std` directly.

#[cfg(loom)]
pub(crate) use loom::{
    cell::UnsafeCell,
    sync::atomic::{fence, AtomicBool, AtomicI32, AtomicPtr, AtomicU8, AtomicUsize, Ordering},
};
#[cfg(not(loom))]
pub(crate) use std::sync::atomic::{
    fence, AtomicBool, AtomicI32, AtomicPtr, AtomicU8, AtomicUsize, Ordering,
};

/// `std`'s `UnsafeCell` with `loom`'s closure API, so body accesses read the same under
/// both (under loom, each access is checked against the model's happens-before order).
#[cfg(not(loom))]
pub(crate) struct UnsafeCell<T>(std::cell::UnsafeCell<T>);

#[cfg(not(loom))]
impl<T> UnsafeCell<T> {
    pub(crate) const fn new(value: T) -> UnsafeCell<T> {
        UnsafeCell(std::cell::UnsafeCell::new(value))
    }

    /// Calls `f` with a pointer to the value for reading; dereferencing it is the
    /// caller's responsibility.
    #[inline]
    pub(crate) fn with<R>(&self, f: impl FnOnce(*const T) -> R) -> R {
        f(self.0.get())
    }

    /// Calls `f` with a pointer to the value for writing; dereferencing it is the
    /// caller's responsibility.
    #[inline]
    pub(crate) fn with_mut<R>(&self, f: impl FnOnce(*mut T) -> R) -> R {
        f(self.0.get())
    }
}
