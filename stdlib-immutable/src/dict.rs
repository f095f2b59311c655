//! `FrozenDict`: an insertion-ordered map built once and then only read (RFC-0004 §2).
//!
//! Layout, chosen at build time from the size: maps of at most [`SMALL`] entries keep
//! them in insertion order with their hashes cached and scan them; larger maps keep the
//! entries *in* a `hashbrown::HashTable` (SIMD probing of one control byte per slot, the
//! entry right there: as direct as a `HashMap`), plus the table's bucket numbers in
//! insertion order, which only iteration uses. A frozen table is built once at its final
//! capacity and never resized, so bucket numbers stay valid. The whole layout is shared
//! behind one `Arc`: cloning a `FrozenDict` is one count increment, and reading through
//! `&FrozenDict` touches no count at all.

use std::borrow::Borrow;
use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, Hash, Hasher};
use std::ops::Index;
use std::sync::Arc;

use hashbrown::HashTable;
use rayon::prelude::*;

/// Maps with at most this many entries scan their cached hashes instead of indexing.
pub const SMALL: usize = 8;

enum Table<K, V> {
    /// Small maps: entries in insertion order, hashes cached.
    Scan {
        entries: Box<[(K, V)]>,
        hashes: Box<[u64]>,
    },
    /// Larger maps: entries in the hash table, bucket numbers in insertion order.
    Hashed {
        table: HashTable<(K, V)>,
        order: Box<[u32]>,
    },
}

/// An immutable, insertion-ordered hash map, `Send + Sync` when its contents are.
///
/// Built from an iterator, a `Vec` or a `HashMap`; a later duplicate key keeps the first
/// key's position and takes the later value (as Python's `dict`). Equality ignores
/// order and agrees with `Hash`.
///
/// # Examples
/// ```
/// use floe_immutable::FrozenDict;
/// let d: FrozenDict<&str, i32> = [("a", 1), ("b", 2), ("a", 3)].into_iter().collect();
/// assert_eq!(d.get("a"), Some(&3));
/// assert_eq!(d.keys().copied().collect::<Vec<_>>(), ["a", "b"]);
/// let e = d.with("c", 4);
/// assert_eq!((d.len(), e.len()), (2, 3));
/// ```
pub struct FrozenDict<K, V, S = RandomState> {
    table: Arc<Table<K, V>>,
    hasher: S,
}

impl<K, V, S: Clone> Clone for FrozenDict<K, V, S> {
    fn clone(&self) -> Self {
        FrozenDict {
            table: Arc::clone(&self.table),
            hasher: self.hasher.clone(),
        }
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> FrozenDict<K, V, S> {
    /// Builds a dict from pairs with the given hasher.
    pub fn from_iter_with_hasher(pairs: impl IntoIterator<Item = (K, V)>, hasher: S) -> Self {
        // First the entries, in insertion order, a later duplicate updating the value
        // (an index of entry numbers finds duplicates).
        let mut entries: Vec<(K, V)> = Vec::new();
        let mut hashes: Vec<u64> = Vec::new();
        let mut seen: HashTable<u32> = HashTable::new();
        for (k, v) in pairs {
            let h = hasher.hash_one(&k);
            match seen.find(h, |&e| entries[e as usize].0 == k) {
                Some(&e) => entries[e as usize].1 = v,
                None => {
                    let n = u32::try_from(entries.len()).expect("at most u32::MAX entries");
                    seen.insert_unique(h, n, |&e| hashes[e as usize]);
                    entries.push((k, v));
                    hashes.push(h);
                }
            }
        }
        drop(seen);
        let table = if entries.len() <= SMALL {
            Table::Scan {
                entries: entries.into_boxed_slice(),
                hashes: hashes.into_boxed_slice(),
            }
        } else {
            // At final capacity: no insertion below resizes, so bucket numbers stay put.
            let mut table: HashTable<(K, V)> = HashTable::with_capacity(entries.len());
            let capacity = table.capacity();
            let order: Box<[u32]> = entries
                .into_iter()
                .zip(&hashes)
                .map(|(entry, &h)| {
                    let bucket = table
                        .insert_unique(h, entry, |(k, _)| hasher.hash_one(k))
                        .bucket_index();
                    u32::try_from(bucket).expect("bucket numbers fit u32")
                })
                .collect();
            debug_assert_eq!(table.capacity(), capacity, "a frozen table never resizes");
            Table::Hashed { table, order }
        };
        FrozenDict {
            table: Arc::new(table),
            hasher,
        }
    }

    /// The value for `key`.
    #[inline]
    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.get_key_value(key).map(|(_, v)| v)
    }

    /// The stored key and value for `key`.
    #[inline]
    pub fn get_key_value<Q>(&self, key: &Q) -> Option<(&K, &V)>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let h = self.hasher.hash_one(key);
        match &*self.table {
            Table::Scan { entries, hashes } => (0..entries.len())
                .find(|&i| hashes[i] == h && entries[i].0.borrow() == key)
                .map(|i| (&entries[i].0, &entries[i].1)),
            Table::Hashed { table, .. } => table
                .find(h, |(k, _)| k.borrow() == key)
                .map(|(k, v)| (k, v)),
        }
    }

    /// `true` if `key` is present.
    #[inline]
    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.get_key_value(key).is_some()
    }
}

impl<K, V, S> FrozenDict<K, V, S> {
    /// The number of entries.
    pub fn len(&self) -> usize {
        match &*self.table {
            Table::Scan { entries, .. } => entries.len(),
            Table::Hashed { order, .. } => order.len(),
        }
    }

    /// `true` if there are no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entry inserted `i`-th.
    fn nth(&self, i: usize) -> (&K, &V) {
        match &*self.table {
            Table::Scan { entries, .. } => (&entries[i].0, &entries[i].1),
            Table::Hashed { table, order } => {
                let (k, v) = table
                    .get_bucket(order[i] as usize)
                    .expect("bucket numbers of a frozen table stay valid");
                (k, v)
            }
        }
    }

    /// The entries, in insertion order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&K, &V)> + DoubleEndedIterator {
        (0..self.len()).map(|i| self.nth(i))
    }

    /// The keys, in insertion order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &K> + DoubleEndedIterator {
        self.iter().map(|(k, _)| k)
    }

    /// The values, in insertion order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &V> + DoubleEndedIterator {
        self.iter().map(|(_, v)| v)
    }

    /// The entries as a parallel iterator (rayon), for bulk reads.
    pub fn par_iter(&self) -> impl IndexedParallelIterator<Item = (&K, &V)>
    where
        K: Send + Sync,
        V: Send + Sync,
        S: Sync,
    {
        (0..self.len()).into_par_iter().map(|i| self.nth(i))
    }
}

impl<K: Hash + Eq + Clone, V: Clone, S: BuildHasher + Clone> FrozenDict<K, V, S> {
    /// A new dict with `key` set to `value` (PEP 814's `d | {key: value}`); `self` is
    /// unchanged.
    pub fn with(&self, key: K, value: V) -> Self {
        let pairs = self.iter().map(|(k, v)| (k.clone(), v.clone()));
        Self::from_iter_with_hasher(pairs.chain([(key, value)]), self.hasher.clone())
    }

    /// A new dict without `key`; `self` is unchanged.
    pub fn without<Q>(&self, key: &Q) -> Self
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let pairs = self
            .iter()
            .filter(|(k, _)| (*k).borrow() != key)
            .map(|(k, v)| (k.clone(), v.clone()));
        Self::from_iter_with_hasher(pairs, self.hasher.clone())
    }

    /// The union (Python's `a | b`): `other`'s values win, `self`'s order first.
    pub fn union(&self, other: &Self) -> Self {
        let pairs = self.iter().chain(other.iter());
        Self::from_iter_with_hasher(
            pairs.map(|(k, v)| (k.clone(), v.clone())),
            self.hasher.clone(),
        )
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

impl<K: Hash + Eq, V, S: BuildHasher + Default, S2> From<HashMap<K, V, S2>>
    for FrozenDict<K, V, S>
{
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
    /// Order-insensitive, as Python's `dict` and PEP 814's `frozendict`.
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl<K: Hash + Eq, V: Eq, S: BuildHasher> Eq for FrozenDict<K, V, S> {}

impl<K: Hash, V: Hash, S> Hash for FrozenDict<K, V, S> {
    /// Order-insensitive (a sum of per-entry hashes), so equal dicts hash alike.
    fn hash<H: Hasher>(&self, state: &mut H) {
        let mut sum: u64 = 0;
        for (k, v) in self.iter() {
            let mut h = std::hash::DefaultHasher::new();
            (k, v).hash(&mut h);
            sum = sum.wrapping_add(h.finish());
        }
        state.write_usize(self.len());
        state.write_u64(sum);
    }
}

impl<K: fmt::Debug, V: fmt::Debug, S> fmt::Debug for FrozenDict<K, V, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}
