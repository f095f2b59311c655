//! `FrozenList`: an immutable sequence, one allocation shared behind an `Arc` (RFC-0004 §3).

use std::fmt;
use std::ops::{Add, Deref};
use std::sync::Arc;

use rayon::prelude::*;

/// An immutable sequence, `Send + Sync` when its elements are. Dereferences to a slice
/// (indexing, iteration, `len`, search); cloning is one count increment.
///
/// # Examples
/// ```
/// use floe_immutable::FrozenList;
/// let a: FrozenList<i32> = (1..=3).collect();
/// let b = &a + &FrozenList::from(vec![4]);
/// assert_eq!((a[0], b.len(), b.iter().sum::<i32>()), (1, 4, 10));
/// ```
#[derive(PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FrozenList<T>(Arc<[T]>);

impl<T> Clone for FrozenList<T> {
    fn clone(&self) -> Self {
        FrozenList(Arc::clone(&self.0))
    }
}

impl<T> Deref for FrozenList<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T> FromIterator<T> for FrozenList<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        FrozenList(iter.into_iter().collect())
    }
}

impl<T> From<Vec<T>> for FrozenList<T> {
    fn from(v: Vec<T>) -> Self {
        FrozenList(v.into())
    }
}

impl<T> Default for FrozenList<T> {
    fn default() -> Self {
        FrozenList(Arc::from(Vec::new()))
    }
}

impl<T: Clone> Add for &FrozenList<T> {
    type Output = FrozenList<T>;

    /// Concatenation into a new list (Python's `a + b`).
    fn add(self, other: &FrozenList<T>) -> FrozenList<T> {
        self.iter().chain(other.iter()).cloned().collect()
    }
}

impl<T: Clone> FrozenList<T> {
    /// A new list with `value` appended; `self` is unchanged.
    pub fn with(&self, value: T) -> Self {
        self.iter().cloned().chain([value]).collect()
    }

    /// A new list repeating this one `n` times (Python's `a * n`).
    pub fn repeat(&self, n: usize) -> Self {
        (0..n).flat_map(|_| self.iter().cloned()).collect()
    }
}

impl<T: Sync> FrozenList<T> {
    /// The elements as a parallel iterator (rayon).
    pub fn par_iter(&self) -> rayon::slice::Iter<'_, T> {
        self.0.par_iter()
    }
}

impl<T: fmt::Debug> fmt::Debug for FrozenList<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}
