//! `FrozenDict`: an insertion-ordered map built once and then only read (RFC-0004 §2).
//!
//! Layout (indexmap's, frozen): the entries lie in one dense array in insertion order, and
//! a `hashbrown::HashTable<u32>` holds their positions (SIMD probing of one control byte
//! per slot). Iteration walks the entry array at slice speed; a lookup probes the index,
//! reads the position, then compares the one entry it names — one dependent load more
//! than a `HashMap` on a hit, none on a miss (RFC-0004 "Layout and costs" has the
//! measurements and the alternative tried). Both live behind one `Arc`: cloning a
//! `FrozenDict` is one count increment, and reading through `&FrozenDict` touches no count.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, Hash, Hasher};
use std::iter::FusedIterator;
use std::ops::Index;
use std::sync::Arc;

use hashbrown::HashTable;
use rayon::iter::plumbing::{Consumer, ProducerCallback, UnindexedConsumer};
use rayon::prelude::*;

use crate::owned::{OwnedIter, OwnedParIter};

/// The default hasher of [`FrozenDict`]: foldhash's fast hash with a fixed seed — the
/// speed of hashbrown's default, and the same hash in every process, so a dict's `Hash`
/// is reproducible. It is not keyed against hash flooding: for keys an adversary chooses,
/// build with a seeded hasher (`foldhash::fast::RandomState`, std's `RandomState`).
///
/// # Examples
/// ```
/// use floe_immutable::{DefaultHashBuilder, FrozenDict};
/// let d: FrozenDict<u32, u32, DefaultHashBuilder> = [(1, 2)].into();
/// assert_eq!(d[&1], 2);
/// ```
pub type DefaultHashBuilder = foldhash::fast::FixedState;

/// The entries and their index, shared by every handle to one dict.
struct Inner<K, V> {
    /// Positions in `entries`, hashed by their entry's key.
    indices: HashTable<u32>,
    /// The entries, in insertion order.
    entries: Box<[(K, V)]>,
}

/// An immutable, insertion-ordered hash map, `Send + Sync` when its contents are.
///
/// Built from an iterator, an array, a `Vec` or a `HashMap`; a later duplicate key keeps
/// the first key's position and takes the later value (as Python's `dict`). Equality
/// ignores order and agrees with `Hash`. Entries are numbered in insertion order
/// ([`get_index`](Self::get_index), [`get_index_of`](Self::get_index_of)).
///
/// # Examples
/// ```
/// use floe_immutable::FrozenDict;
/// let d: FrozenDict<&str, i32> = [("a", 1), ("b", 2), ("a", 3)].into_iter().collect();
/// assert_eq!(d.get("a"), Some(&3));
/// assert_eq!(d.keys().copied().collect::<Vec<_>>(), ["a", "b"]);
/// for (k, v) in &d {
///     assert_eq!(d.get_index_of(k).map(|i| d.get_index(i)), Some(Some((k, v))));
/// }
/// let e = d.with("c", 4);
/// assert_eq!((d.len(), e.len()), (2, 3));
/// ```
pub struct FrozenDict<K, V, S = DefaultHashBuilder> {
    inner: Arc<Inner<K, V>>,
    hasher: S,
}

impl<K, V, S: Clone> Clone for FrozenDict<K, V, S> {
    /// Another handle to the same entries: one count increment, no copy.
    fn clone(&self) -> Self {
        FrozenDict {
            inner: Arc::clone(&self.inner),
            hasher: self.hasher.clone(),
        }
    }
}

/// A position in the index; at most `u32::MAX` entries.
fn position(n: usize) -> u32 {
    u32::try_from(n).expect("a FrozenDict holds at most u32::MAX entries")
}

impl<K: Hash + Eq, V, S: BuildHasher> FrozenDict<K, V, S> {
    /// Builds a dict from pairs with the given hasher (Python's duplicate rule: first
    /// position, last value).
    ///
    /// # Panics
    /// With more than `u32::MAX` distinct keys.
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenDict;
    /// use std::collections::hash_map::RandomState;
    /// let d = FrozenDict::from_iter_with_hasher([(1, 'a'), (1, 'b')], RandomState::new());
    /// assert_eq!((d.len(), d[&1]), (1, 'b'));
    /// ```
    pub fn from_iter_with_hasher(pairs: impl IntoIterator<Item = (K, V)>, hasher: S) -> Self {
        let pairs = pairs.into_iter();
        let hint = pairs.size_hint().0;
        let mut entries: Vec<(K, V)> = Vec::with_capacity(hint);
        let mut hashes: Vec<u64> = Vec::with_capacity(hint);
        let mut indices: HashTable<u32> = HashTable::with_capacity(hint);
        for (k, v) in pairs {
            let h = hasher.hash_one(&k);
            match indices.find(h, |&i| entries[i as usize].0 == k) {
                Some(&i) => entries[i as usize].1 = v,
                None => {
                    indices.insert_unique(h, position(entries.len()), |&i| hashes[i as usize]);
                    entries.push((k, v));
                    hashes.push(h);
                }
            }
        }
        FrozenDict {
            inner: Arc::new(Inner {
                indices,
                entries: entries.into_boxed_slice(),
            }),
            hasher,
        }
    }

    /// The position of `key` in insertion order.
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenDict;
    /// let d: FrozenDict<&str, i32> = [("a", 1), ("b", 2)].into();
    /// assert_eq!((d.get_index_of("b"), d.get_index_of("z")), (Some(1), None));
    /// ```
    #[inline]
    pub fn get_index_of<Q>(&self, key: &Q) -> Option<usize>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let h = self.hasher.hash_one(key);
        let entries = &self.inner.entries;
        self.inner
            .indices
            .find(h, |&i| entries[i as usize].0.borrow() == key)
            .map(|&i| i as usize)
    }

    /// The value for `key`.
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenDict;
    /// let d: FrozenDict<String, i32> = [("a".to_string(), 1)].into();
    /// assert_eq!((d.get("a"), d.get("b")), (Some(&1), None));
    /// ```
    #[inline]
    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.get_key_value(key).map(|(_, v)| v)
    }

    /// The stored key and value for `key`.
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenDict;
    /// let d: FrozenDict<String, i32> = [("a".to_string(), 1)].into();
    /// assert_eq!(d.get_key_value("a"), Some((&"a".to_string(), &1)));
    /// ```
    #[inline]
    pub fn get_key_value<Q>(&self, key: &Q) -> Option<(&K, &V)>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.get_index_of(key).map(|i| pair(&self.inner.entries[i]))
    }

    /// `true` if `key` is present.
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenDict;
    /// let d: FrozenDict<u8, ()> = [(1, ())].into();
    /// assert!(d.contains_key(&1) && !d.contains_key(&2));
    /// ```
    #[inline]
    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.get_index_of(key).is_some()
    }
}

/// A borrowed entry as a pair of borrows.
fn pair<K, V>((k, v): &(K, V)) -> (&K, &V) {
    (k, v)
}

impl<K, V, S> FrozenDict<K, V, S> {
    /// The number of entries.
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenDict;
    /// let d: FrozenDict<u8, u8> = [(1, 1), (1, 2)].into();
    /// assert_eq!(d.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.inner.entries.len()
    }

    /// `true` if there are no entries.
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenDict;
    /// assert!(FrozenDict::<u8, u8>::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The hasher the dict was built with (and looks keys up with).
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenDict;
    /// use std::hash::BuildHasher;
    /// let d: FrozenDict<u8, u8> = [(1, 1)].into();
    /// let again = FrozenDict::from_iter_with_hasher([(1u8, 1u8)], d.hasher().clone());
    /// assert_eq!(d.hasher().hash_one(1u8), again.hasher().hash_one(1u8));
    /// ```
    pub fn hasher(&self) -> &S {
        &self.hasher
    }

    /// The bytes this dict's shared storage occupies on the heap: the counted block, the
    /// entry array and the index — not what keys and values own themselves (a `String`'s
    /// text), nor the handle.
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenDict;
    /// let d: FrozenDict<u64, u64> = (0..1000).map(|i| (i, i)).collect();
    /// assert!(d.allocation_size() >= 1000 * 16);
    /// ```
    pub fn allocation_size(&self) -> usize {
        let block = std::alloc::Layout::new::<[usize; 2]>()
            .extend(std::alloc::Layout::new::<Inner<K, V>>())
            .expect("a small layout")
            .0
            .pad_to_align()
            .size();
        block + std::mem::size_of_val(&*self.inner.entries) + self.inner.indices.allocation_size()
    }

    /// The entries, in insertion order, as one slice.
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenDict;
    /// let d: FrozenDict<&str, i32> = [("b", 1), ("a", 2)].into();
    /// assert_eq!(d.as_slice(), &[("b", 1), ("a", 2)]);
    /// ```
    pub fn as_slice(&self) -> &[(K, V)] {
        &self.inner.entries
    }

    /// The entry inserted `index`-th.
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenDict;
    /// let d: FrozenDict<&str, i32> = [("b", 1), ("a", 2)].into();
    /// assert_eq!((d.get_index(1), d.get_index(2)), (Some((&"a", &2)), None));
    /// ```
    pub fn get_index(&self, index: usize) -> Option<(&K, &V)> {
        self.inner.entries.get(index).map(pair)
    }

    /// The entries, in insertion order.
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenDict;
    /// let d: FrozenDict<&str, i32> = [("b", 1), ("a", 2)].into();
    /// assert_eq!(d.iter().rev().next(), Some((&"a", &2)));
    /// ```
    pub fn iter(&self) -> Iter<'_, K, V> {
        Iter(self.inner.entries.iter())
    }

    /// The keys, in insertion order.
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenDict;
    /// let d: FrozenDict<&str, i32> = [("b", 1), ("a", 2)].into();
    /// assert_eq!(d.keys().copied().collect::<Vec<_>>(), ["b", "a"]);
    /// ```
    pub fn keys(&self) -> Keys<'_, K, V> {
        Keys(self.inner.entries.iter())
    }

    /// The values, in insertion order.
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenDict;
    /// let d: FrozenDict<&str, i32> = [("b", 1), ("a", 2)].into();
    /// assert_eq!(d.values().sum::<i32>(), 3);
    /// ```
    pub fn values(&self) -> Values<'_, K, V> {
        Values(self.inner.entries.iter())
    }
}

impl<K: Hash + Eq + Clone, V: Clone, S: BuildHasher + Clone> FrozenDict<K, V, S> {
    /// A new dict with `key` set to `value` (PEP 814's `d | {key: value}`); `self` is
    /// unchanged. O(n): the entries are copied (a frozen layout shares nothing).
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenDict;
    /// let d: FrozenDict<&str, i32> = [("a", 1)].into();
    /// let e = d.with("a", 2).with("b", 3);
    /// assert_eq!((d["a"], e["a"], e.len()), (1, 2, 2));
    /// ```
    pub fn with(&self, key: K, value: V) -> Self {
        let pairs = self.as_slice().iter().cloned();
        Self::from_iter_with_hasher(pairs.chain([(key, value)]), self.hasher.clone())
    }

    /// A new dict without `key`; `self` is unchanged. O(n), as [`with`](Self::with).
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenDict;
    /// let d: FrozenDict<&str, i32> = [("a", 1), ("b", 2)].into();
    /// assert_eq!(d.without("a").keys().collect::<Vec<_>>(), [&"b"]);
    /// ```
    pub fn without<Q>(&self, key: &Q) -> Self
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let pairs = self.as_slice().iter().filter(|(k, _)| k.borrow() != key);
        Self::from_iter_with_hasher(pairs.cloned(), self.hasher.clone())
    }

    /// The union (Python's `a | b`): `other`'s values win, `self`'s order first. O(n + m).
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::FrozenDict;
    /// let a: FrozenDict<&str, i32> = [("x", 1), ("y", 2)].into();
    /// let b: FrozenDict<&str, i32> = [("y", 3), ("z", 4)].into();
    /// assert_eq!(a.union(&b).as_slice(), &[("x", 1), ("y", 3), ("z", 4)]);
    /// ```
    pub fn union(&self, other: &Self) -> Self {
        let pairs = self.as_slice().iter().chain(other.as_slice());
        Self::from_iter_with_hasher(pairs.cloned(), self.hasher.clone())
    }
}

impl<K: Hash + Eq, V, S: BuildHasher + Default> FromIterator<(K, V)> for FrozenDict<K, V, S> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Self::from_iter_with_hasher(iter, S::default())
    }
}

impl<K: Hash + Eq, V, S: BuildHasher + Default> From<Vec<(K, V)>> for FrozenDict<K, V, S> {
    fn from(pairs: Vec<(K, V)>) -> Self {
        pairs.into_iter().collect()
    }
}

impl<K: Hash + Eq, V, S: BuildHasher + Default, const N: usize> From<[(K, V); N]>
    for FrozenDict<K, V, S>
{
    fn from(pairs: [(K, V); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl<K: Hash + Eq, V, S: BuildHasher + Default, S2> From<HashMap<K, V, S2>>
    for FrozenDict<K, V, S>
{
    /// The map's entries, in its iteration order.
    fn from(map: HashMap<K, V, S2>) -> Self {
        map.into_iter().collect()
    }
}

impl<K: Hash + Eq, V, S: BuildHasher + Default> Default for FrozenDict<K, V, S> {
    fn default() -> Self {
        std::iter::empty().collect()
    }
}

impl<K, V, Q, S> Index<&Q> for FrozenDict<K, V, S>
where
    K: Hash + Eq + Borrow<Q>,
    Q: Hash + Eq + ?Sized,
    S: BuildHasher,
{
    type Output = V;

    /// # Panics
    /// If the key is absent.
    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("key not in FrozenDict")
    }
}

impl<K: Hash + Eq, V: PartialEq, S: BuildHasher> PartialEq for FrozenDict<K, V, S> {
    /// Order-insensitive, as Python's `dict` and PEP 814's `frozendict`; two handles to
    /// the same entries are equal at once.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
            || (self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v)))
    }
}

impl<K: Hash + Eq, V: Eq, S: BuildHasher> Eq for FrozenDict<K, V, S> {}

impl<K: Hash, V: Hash, S: BuildHasher> Hash for FrozenDict<K, V, S> {
    /// Order-insensitive: the length and the wrapping sum of each entry's hash under the
    /// dict's own hasher `S`, so equal dicts hash alike when their hashers hash alike — as
    /// the default [`DefaultHashBuilder`] (fixed) does. Dicts built with differently seeded
    /// hashers (one `RandomState` each) may hash differently although equal.
    fn hash<H: Hasher>(&self, state: &mut H) {
        let sum = self.as_slice().iter().fold(0u64, |sum, entry| {
            sum.wrapping_add(self.hasher.hash_one(entry))
        });
        state.write_usize(self.len());
        state.write_u64(sum);
    }
}

impl<K: fmt::Debug, V: fmt::Debug, S> fmt::Debug for FrozenDict<K, V, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// The iterators over the entry slice: each yields a projection of one entry, and is
/// `Clone`, double-ended, exact-size and fused, as the slice iterator it wraps.
macro_rules! entry_iter {
    ($(#[$doc:meta])* $name:ident, $item:ty, |$e:ident| $project:expr) => {
        $(#[$doc])*
        pub struct $name<'a, K, V>(std::slice::Iter<'a, (K, V)>);

        impl<K, V> Clone for $name<'_, K, V> {
            fn clone(&self) -> Self {
                $name(self.0.clone())
            }
        }

        impl<'a, K, V> Iterator for $name<'a, K, V> {
            type Item = $item;

            #[inline]
            fn next(&mut self) -> Option<$item> {
                self.0.next().map(|$e| $project)
            }

            fn size_hint(&self) -> (usize, Option<usize>) {
                self.0.size_hint()
            }

            fn nth(&mut self, n: usize) -> Option<$item> {
                self.0.nth(n).map(|$e| $project)
            }
        }

        impl<'a, K, V> DoubleEndedIterator for $name<'a, K, V> {
            fn next_back(&mut self) -> Option<$item> {
                self.0.next_back().map(|$e| $project)
            }
        }

        impl<K, V> ExactSizeIterator for $name<'_, K, V> {}

        impl<K, V> FusedIterator for $name<'_, K, V> {}

        impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for $name<'_, K, V> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list().entries(self.clone()).finish()
            }
        }
    };
}

entry_iter!(
    /// The entries of a [`FrozenDict`] in insertion order, as `(&K, &V)`.
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::{dict::Iter, FrozenDict};
    /// let d: FrozenDict<&str, i32> = [("a", 1), ("b", 2)].into();
    /// let it: Iter<'_, &str, i32> = d.iter();
    /// assert_eq!(it.clone().len(), 2);
    /// assert_eq!(it.rev().collect::<Vec<_>>(), [(&"b", &2), (&"a", &1)]);
    /// ```
    Iter,
    (&'a K, &'a V),
    |e| pair(e)
);

entry_iter!(
    /// The keys of a [`FrozenDict`] in insertion order.
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::{dict::Keys, FrozenDict};
    /// let d: FrozenDict<&str, i32> = [("a", 1), ("b", 2)].into();
    /// let keys: Keys<'_, &str, i32> = d.keys();
    /// assert_eq!(keys.copied().collect::<String>(), "ab");
    /// ```
    Keys,
    &'a K,
    |e| &e.0
);

entry_iter!(
    /// The values of a [`FrozenDict`] in insertion order.
    ///
    /// # Examples
    /// ```
    /// use floe_immutable::{dict::Values, FrozenDict};
    /// let d: FrozenDict<&str, i32> = [("a", 1), ("b", 2)].into();
    /// let values: Values<'_, &str, i32> = d.values();
    /// assert_eq!(values.max(), Some(&2));
    /// ```
    Values,
    &'a V,
    |e| &e.1
);

impl<'a, K, V, S> IntoIterator for &'a FrozenDict<K, V, S> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;

    fn into_iter(self) -> Iter<'a, K, V> {
        self.iter()
    }
}

impl<K: Clone, V: Clone, S: Clone> IntoIterator for FrozenDict<K, V, S> {
    type Item = (K, V);
    type IntoIter = OwnedIter<Self>;

    /// The entries in insertion order, each cloned out of the shared storage.
    fn into_iter(self) -> OwnedIter<Self> {
        OwnedIter::new(self)
    }
}

/// The entries of a [`FrozenDict`] as a parallel iterator (rayon) of `(&K, &V)`, split
/// over the entry slice.
///
/// # Examples
/// ```
/// use floe_immutable::rayon::prelude::*;
/// use floe_immutable::{dict::ParIter, FrozenDict};
/// let d: FrozenDict<u32, u64> = (0..1000).map(|i| (i, u64::from(i))).collect();
/// let it: ParIter<'_, u32, u64> = d.par_iter();
/// assert_eq!(it.map(|(_, v)| v).sum::<u64>(), 499_500);
/// ```
pub struct ParIter<'a, K, V>(&'a [(K, V)]);

impl<K, V> Clone for ParIter<'_, K, V> {
    fn clone(&self) -> Self {
        ParIter(self.0)
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for ParIter<'_, K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ParIter").field(&self.0).finish()
    }
}

/// An entry as a pair of borrows, as a function pointer (a nameable type).
type PairFn<'a, K, V> = fn(&'a (K, V)) -> (&'a K, &'a V);

impl<'a, K: Sync, V: Sync> ParIter<'a, K, V> {
    /// The slice's own parallel iterator, projected to pairs of borrows.
    fn pairs(self) -> rayon::iter::Map<rayon::slice::Iter<'a, (K, V)>, PairFn<'a, K, V>> {
        self.0.par_iter().map(pair as PairFn<'a, K, V>)
    }
}

impl<'a, K: Sync, V: Sync> ParallelIterator for ParIter<'a, K, V> {
    type Item = (&'a K, &'a V);

    fn drive_unindexed<C: UnindexedConsumer<Self::Item>>(self, consumer: C) -> C::Result {
        self.pairs().drive_unindexed(consumer)
    }

    fn opt_len(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

impl<K: Sync, V: Sync> IndexedParallelIterator for ParIter<'_, K, V> {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn drive<C: Consumer<Self::Item>>(self, consumer: C) -> C::Result {
        self.pairs().drive(consumer)
    }

    fn with_producer<CB: ProducerCallback<Self::Item>>(self, callback: CB) -> CB::Output {
        self.pairs().with_producer(callback)
    }
}

impl<'a, K: Sync, V: Sync, S> IntoParallelIterator for &'a FrozenDict<K, V, S> {
    type Item = (&'a K, &'a V);
    type Iter = ParIter<'a, K, V>;

    fn into_par_iter(self) -> ParIter<'a, K, V> {
        ParIter(self.as_slice())
    }
}

impl<K, V, S> IntoParallelIterator for FrozenDict<K, V, S>
where
    K: Clone + Send + Sync,
    V: Clone + Send + Sync,
    S: Clone + Send,
{
    type Item = (K, V);
    type Iter = OwnedParIter<Self>;

    /// The entries in parallel, each cloned out of the shared storage.
    fn into_par_iter(self) -> OwnedParIter<Self> {
        OwnedParIter::new(self)
    }
}
