//! `FrozenList`: an immutable sequence, one allocation shared behind an `Arc` (RFC-0004 §3).

use std::fmt;
use std::ops::{Add, Deref};
use std::sync::Arc;

use rayon::prelude::*;

use crate::owned::{OwnedIter, OwnedParIter};

/// An immutable sequence, `Send + Sync` when its elements are. Dereferences to a slice
/// (indexing, iteration, `len`, search); cloning is one count increment.
///
/// # Examples
/// ```
/// use floe_immutable::FrozenList;
/// let a: FrozenList<i32> = (1..=3).collect();
/// let b = &a + &FrozenList::from([4]);
/// assert_eq!((a[0], b.len(), b.iter().sum::<i32>()), (1, 4, 10));
/// let mut total = 0;
/// for x in &b {
///     total += x;
/// }
/// assert_eq!(total, 10);
/// ```
#[derive(PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FrozenList<T>(Arc<[T]>);

impl<T> Clone for FrozenList<T> {
    /// Another handle to the same elements: one count increment, no copy.
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

impl<T> AsRef<[T]> for FrozenList<T> {
    fn as_ref(&self) -> &[T] {
        &self.0
    }
}

impl<T> FromIterator<T> for FrozenList<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        FrozenList(iter.into_iter().collect())
    }
}

impl<T> From<Vec<T>> for FrozenList<T> {
    /// Moves the elements into one shared allocation.
    fn from(v: Vec<T>) -> Self {
        FrozenList(v.into())
    }
}

impl<T, const N: usize> From<[T; N]> for FrozenList<T> {
    fn from(items: [T; N]) -> Self {
        FrozenList(Arc::new(items))
    }
}

impl<T: Clone> From<&[T]> for FrozenList<T> {
    /// Clones the elements.
    fn from(items: &[T]) -> Self {
        FrozenList(items.into())
    }
}

impl<T> From<Arc<[T]>> for FrozenList<T> {
    /// Shares the allocation: no copy.
    fn from(items: Arc<[T]>) -> Self {
        FrozenList(items)
    }
}

impl<T> From<FrozenList<T>> for Arc<[T]> {
    /// The shared allocation itself: no copy.
    fn from(list: FrozenList<T>) -> Self {
        list.0
    }
}

impl<T> Default for FrozenList<T> {
    fn default() -> Self {
        FrozenList(Arc::new([]))
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
    /// A new list with `value` appended; `self` is unchanged. O(n): the elements are
    /// copied.
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenList;
    /// let a = FrozenList::from([1, 2]);
    /// assert_eq!((a.len(), &a.with(3)[..]), (2, &[1, 2, 3][..]));
    /// ```
    pub fn with(&self, value: T) -> Self {
        self.iter().cloned().chain([value]).collect()
    }

    /// A new list repeating this one `n` times (Python's `a * n`).
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenList;
    /// assert_eq!(FrozenList::from([1, 2]).repeat(2)[..], [1, 2, 1, 2]);
    /// ```
    pub fn repeat(&self, n: usize) -> Self {
        (0..n).flat_map(|_| self.iter().cloned()).collect()
    }
}

impl<T> FrozenList<T> {
    /// The bytes this list's shared storage occupies on the heap: the counts and the
    /// elements — not what the elements own themselves, nor the handle.
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenList;
    /// let l: FrozenList<u64> = (0..100).collect();
    /// assert_eq!(l.allocation_size(), 2 * std::mem::size_of::<usize>() + 800);
    /// ```
    pub fn allocation_size(&self) -> usize {
        std::alloc::Layout::new::<[usize; 2]>()
            .extend(std::alloc::Layout::for_value(&*self.0))
            .expect("the layout of an existing allocation")
            .0
            .pad_to_align()
            .size()
    }
}

impl<'a, T> IntoIterator for &'a FrozenList<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> std::slice::Iter<'a, T> {
        self.0.iter()
    }
}

impl<T: Clone> IntoIterator for FrozenList<T> {
    type Item = T;
    type IntoIter = OwnedIter<Self>;

    /// The elements in order, each cloned out of the shared storage.
    fn into_iter(self) -> OwnedIter<Self> {
        OwnedIter::new(self)
    }
}

impl<'a, T: Sync> IntoParallelIterator for &'a FrozenList<T> {
    type Item = &'a T;
    type Iter = rayon::slice::Iter<'a, T>;

    fn into_par_iter(self) -> rayon::slice::Iter<'a, T> {
        self.0.par_iter()
    }
}

impl<T: Clone + Send + Sync> IntoParallelIterator for FrozenList<T> {
    type Item = T;
    type Iter = OwnedParIter<Self>;

    /// The elements in parallel, each cloned out of the shared storage.
    fn into_par_iter(self) -> OwnedParIter<Self> {
        OwnedParIter::new(self)
    }
}

impl<T: fmt::Debug> fmt::Debug for FrozenList<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}
