//! Owned iteration over a frozen collection (`for x in list`, `list.into_par_iter()`).
//!
//! The storage of a frozen collection is shared: other handles may be reading it, so
//! giving up one handle cannot move the elements out. The owned iterators keep the handle
//! (one count) and clone each element as they reach it; iterate by reference (`&list`,
//! `list.par_iter()`) when a borrow will do.

use std::fmt;
use std::iter::FusedIterator;
use std::ops::Range;

use rayon::iter::plumbing::{bridge, Consumer, Producer, ProducerCallback, UnindexedConsumer};
use rayon::iter::{IndexedParallelIterator, ParallelIterator};

use crate::{FrozenDict, FrozenList};

mod sealed {
    /// Only this crate's collections are [`super::SharedSlice`]s.
    pub trait Sealed {}
}

/// A frozen collection whose elements lie in one shared slice, in order: a
/// [`FrozenList`]'s elements, a [`FrozenDict`]'s `(key, value)` entries. Sealed: it names
/// what the owned iterators [`OwnedIter`] and [`OwnedParIter`] iterate over.
///
/// # Examples
/// ```
/// use floe_immutable::{FrozenDict, SharedSlice};
/// let d: FrozenDict<&str, i32> = [("a", 1), ("b", 2)].into();
/// assert_eq!(d.elems(), &[("a", 1), ("b", 2)]);
/// ```
pub trait SharedSlice: Clone + sealed::Sealed {
    /// One element.
    type Elem: Clone;

    /// The elements, in order.
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::{FrozenList, SharedSlice};
    /// assert_eq!(FrozenList::from([1, 2]).elems(), &[1, 2]);
    /// ```
    fn elems(&self) -> &[Self::Elem];
}

impl<T: Clone> sealed::Sealed for FrozenList<T> {}

impl<T: Clone> SharedSlice for FrozenList<T> {
    type Elem = T;

    fn elems(&self) -> &[T] {
        self
    }
}

impl<K: Clone, V: Clone, S: Clone> sealed::Sealed for FrozenDict<K, V, S> {}

impl<K: Clone, V: Clone, S: Clone> SharedSlice for FrozenDict<K, V, S> {
    type Elem = (K, V);

    fn elems(&self) -> &[(K, V)] {
        self.as_slice()
    }
}

/// The owned iterator of a [`FrozenList`] or [`FrozenDict`]: holds one handle to the
/// shared storage and clones each element it yields. Double-ended and exact-size.
///
/// # Examples
/// ```
/// use floe_immutable::FrozenList;
/// let l = FrozenList::from(vec!["a".to_string(), "b".to_string()]);
/// let mut it = l.clone().into_iter();
/// assert_eq!(it.next_back().as_deref(), Some("b"));
/// assert_eq!(it.len(), 1);
/// assert_eq!(it.collect::<Vec<_>>(), ["a"]);
/// ```
#[derive(Clone)]
pub struct OwnedIter<C> {
    src: C,
    range: Range<usize>,
}

impl<C: SharedSlice> OwnedIter<C> {
    pub(crate) fn new(src: C) -> Self {
        let range = 0..src.elems().len();
        OwnedIter { src, range }
    }
}

impl<C: SharedSlice> Iterator for OwnedIter<C> {
    type Item = C::Elem;

    fn next(&mut self) -> Option<C::Elem> {
        let i = self.range.next()?;
        Some(self.src.elems()[i].clone())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }

    fn nth(&mut self, n: usize) -> Option<C::Elem> {
        let i = self.range.nth(n)?;
        Some(self.src.elems()[i].clone())
    }
}

impl<C: SharedSlice> DoubleEndedIterator for OwnedIter<C> {
    fn next_back(&mut self) -> Option<C::Elem> {
        let i = self.range.next_back()?;
        Some(self.src.elems()[i].clone())
    }
}

impl<C: SharedSlice> ExactSizeIterator for OwnedIter<C> {}

impl<C: SharedSlice> FusedIterator for OwnedIter<C> {}

impl<C: SharedSlice> fmt::Debug for OwnedIter<C>
where
    C::Elem: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rest = &self.src.elems()[self.range.clone()];
        f.debug_tuple("OwnedIter").field(&rest).finish()
    }
}

impl<C: SharedSlice + Send> Producer for OwnedIter<C>
where
    C::Elem: Send,
{
    type Item = C::Elem;
    type IntoIter = Self;

    fn into_iter(self) -> Self {
        self
    }

    fn split_at(self, index: usize) -> (Self, Self) {
        let mid = self.range.start + index;
        let left = OwnedIter {
            src: self.src.clone(),
            range: self.range.start..mid,
        };
        let right = OwnedIter {
            src: self.src,
            range: mid..self.range.end,
        };
        (left, right)
    }
}

/// The owned parallel iterator (rayon) of a [`FrozenList`] or [`FrozenDict`]: each split
/// holds a handle to the shared storage and clones the elements it yields.
///
/// # Examples
/// ```
/// use floe_immutable::rayon::prelude::*;
/// use floe_immutable::FrozenList;
/// let l: FrozenList<u64> = (1..=100).collect();
/// assert_eq!(l.into_par_iter().map(|x| x * 2).sum::<u64>(), 10_100);
/// ```
#[derive(Clone)]
pub struct OwnedParIter<C>(OwnedIter<C>);

impl<C: SharedSlice> fmt::Debug for OwnedParIter<C>
where
    C::Elem: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("OwnedParIter").field(&self.0).finish()
    }
}

impl<C: SharedSlice> OwnedParIter<C> {
    pub(crate) fn new(src: C) -> Self {
        OwnedParIter(OwnedIter::new(src))
    }
}

impl<C: SharedSlice + Send> ParallelIterator for OwnedParIter<C>
where
    C::Elem: Send,
{
    type Item = C::Elem;

    fn drive_unindexed<R: UnindexedConsumer<C::Elem>>(self, consumer: R) -> R::Result {
        bridge(self, consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

impl<C: SharedSlice + Send> IndexedParallelIterator for OwnedParIter<C>
where
    C::Elem: Send,
{
    fn len(&self) -> usize {
        self.0.len()
    }

    fn drive<R: Consumer<C::Elem>>(self, consumer: R) -> R::Result {
        bridge(self, consumer)
    }

    fn with_producer<CB: ProducerCallback<C::Elem>>(self, callback: CB) -> CB::Output {
        callback.callback(self.0)
    }
}
