//! `OrderedMap`: the insertion-ordered hash map behind `dict` and `set`, with O(1)
//! removal — CPython's compact-dict layout. Entries live in a vector in insertion order;
//! a removed entry leaves a hole, and the holes are squeezed out (the index rebuilt) once
//! they outnumber the live entries, so removal is amortised O(1) and iteration stays
//! proportional to the live entries.

use std::hash::{BuildHasher, Hash};

use hashbrown::HashTable;

/// An insertion-ordered map from keys hashed by `S`.
#[derive(Clone)]
pub(crate) struct OrderedMap<K, V, S> {
    entries: Vec<Option<(K, V)>>,
    /// Entry positions, found by the key's hash: one per live entry.
    index: HashTable<usize>,
    hasher: S,
}

impl<K, V, S: Default> Default for OrderedMap<K, V, S> {
    fn default() -> Self {
        OrderedMap {
            entries: Vec::new(),
            index: HashTable::new(),
            hasher: S::default(),
        }
    }
}

impl<K, V, S: Default> OrderedMap<K, V, S> {
    /// An empty map with room for `n` entries.
    pub(crate) fn with_capacity(n: usize) -> Self {
        OrderedMap {
            entries: Vec::with_capacity(n),
            index: HashTable::with_capacity(n),
            hasher: S::default(),
        }
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> OrderedMap<K, V, S> {
    /// The number of entries.
    pub(crate) fn len(&self) -> usize {
        self.index.len()
    }

    fn hash(&self, key: &K) -> u64 {
        self.hasher.hash_one(key)
    }

    /// The position of `key`'s entry.
    pub(crate) fn position(&self, key: &K) -> Option<usize> {
        let entries = &self.entries;
        self.index
            .find(self.hash(key), |&i| {
                entries[i].as_ref().is_some_and(|(k, _)| k == key)
            })
            .copied()
    }

    /// The keys whose hash is `hash` (under `S`), in no particular order: the
    /// candidates a caller with its own equality compares against.
    pub(crate) fn keys_with_hash(&self, hash: u64) -> impl Iterator<Item = &K> {
        let entries = &self.entries;
        self.index
            .iter_hash(hash)
            .filter_map(move |&i| entries[i].as_ref().map(|(k, _)| k))
            .filter(move |k| self.hash(k) == hash)
    }

    /// The value for `key`.
    pub(crate) fn get(&self, key: &K) -> Option<&V> {
        self.position(key)
            .and_then(|i| self.entries[i].as_ref().map(|(_, v)| v))
    }

    /// The value at a position found by [`OrderedMap::position`].
    pub(crate) fn value_at_mut(&mut self, position: usize) -> &mut V {
        &mut self.entries[position].as_mut().expect("a live position").1
    }

    /// Inserts a key that is not present (check with [`OrderedMap::position`]), last.
    pub(crate) fn insert_new(&mut self, key: K, value: V) {
        let h = self.hash(&key);
        let i = self.entries.len();
        self.entries.push(Some((key, value)));
        let (entries, hasher) = (&self.entries, &self.hasher);
        self.index.insert_unique(h, i, |&j| {
            hasher.hash_one(&entries[j].as_ref().expect("indexed entries are live").0)
        });
    }

    /// Sets `key` to `value`: an existing key keeps its place (and its key object) and
    /// the old value is returned.
    pub(crate) fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.position(&key) {
            Some(i) => Some(std::mem::replace(self.value_at_mut(i), value)),
            None => {
                self.insert_new(key, value);
                None
            }
        }
    }

    /// Removes `key`'s entry, keeping the order of the others.
    pub(crate) fn remove(&mut self, key: &K) -> Option<(K, V)> {
        let h = self.hash(key);
        let entries = &self.entries;
        let found = self
            .index
            .find_entry(h, |&i| entries[i].as_ref().is_some_and(|(k, _)| k == key))
            .ok()?;
        let (i, _) = found.remove();
        let entry = self.entries[i].take();
        self.compact_if_sparse();
        entry
    }

    /// Keeps the entries for which `keep` holds.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        for slot in &mut self.entries {
            if let Some((k, v)) = slot {
                if !keep(k, v) {
                    *slot = None;
                }
            }
        }
        self.compact();
    }

    fn compact_if_sparse(&mut self) {
        let live = self.len();
        if self.entries.len() > 8 && self.entries.len() - live > live {
            self.compact();
        }
    }

    /// Squeezes out the holes and rebuilds the index.
    fn compact(&mut self) {
        self.entries.retain(Option::is_some);
        self.index.clear();
        let (entries, hasher) = (&self.entries, &self.hasher);
        for (i, e) in entries.iter().enumerate() {
            let h = hasher.hash_one(&e.as_ref().expect("retained").0);
            self.index.insert_unique(h, i, |&j| {
                hasher.hash_one(&entries[j].as_ref().expect("retained").0)
            });
        }
    }
}

impl<K, V, S> OrderedMap<K, V, S> {
    /// The entries in insertion order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.entries.iter().flatten().map(|(k, v)| (k, v))
    }

    /// The keys in insertion order.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &K> {
        self.iter().map(|(k, _)| k)
    }

    /// The values, mutable, in insertion order.
    pub(crate) fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.entries.iter_mut().flatten().map(|(_, v)| v)
    }
}

/// Feeds a hasher exactly what [`crate::Key`]'s `Hash` feeds it: the key's own hash.
struct KeyHash(u64);

impl Hash for KeyHash {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.0);
    }
}

impl<V, S: BuildHasher> OrderedMap<crate::Key, V, S> {
    /// The position of the `str` key `name`, found without making a [`crate::Key`] (no
    /// string count taken and returned): a name lookup's fast path. Where `hint` (a
    /// position found before) holds `name`, no hashing at all.
    #[inline]
    pub(crate) fn position_str(&self, name: &crate::Str, hint: usize) -> Option<usize> {
        if self.holds_name(hint, name) {
            return Some(hint);
        }
        self.find_str(name)
    }

    /// Whether position `i` holds the `str` key `name` (`false` past the end).
    #[inline]
    fn holds_name(&self, i: usize, name: &crate::Str) -> bool {
        self.entries.get(i).is_some_and(|e| {
            e.as_ref()
                .is_some_and(|(k, _)| matches!(k.value(), crate::Value::Str(s) if s == name))
        })
    }

    /// [`OrderedMap::position_str`] by the hash index: kept out of line, so that the
    /// hinted check inlines into its callers without this search's registers.
    #[inline(never)]
    fn find_str(&self, name: &crate::Str) -> Option<usize> {
        let hash = self.hasher.hash_one(KeyHash(name.hash_code()));
        self.index
            .find(hash, |&i| self.holds_name(i, name))
            .copied()
    }

    /// The value at a position [`OrderedMap::position_str`] found.
    pub(crate) fn value_at(&self, position: usize) -> &V {
        &self.entries[position].as_ref().expect("a live position").1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasherDefault;

    type Map = OrderedMap<u32, u32, BuildHasherDefault<std::hash::DefaultHasher>>;

    #[test]
    fn order_survives_removal_and_compaction() {
        let mut m = Map::default();
        for i in 0..100 {
            m.insert(i, i * 10);
        }
        for i in (0..100).filter(|i| i % 3 != 0) {
            assert_eq!(m.remove(&i), Some((i, i * 10)));
        }
        assert_eq!(m.remove(&1), None);
        m.insert(1, 7); // a re-inserted key goes last, as in Python
        m.insert(0, 5); // an existing key keeps its place
        let keys: Vec<u32> = m.keys().copied().collect();
        let mut expected: Vec<u32> = (0..100).filter(|i| i % 3 == 0).collect();
        expected.push(1);
        assert_eq!(keys, expected);
        assert_eq!(
            (m.get(&0), m.get(&1), m.get(&2), m.len()),
            (Some(&5), Some(&7), None, 35)
        );
        let h = m.hash(&48);
        assert_eq!(m.keys_with_hash(h).collect::<Vec<_>>(), vec![&48]);
        m.retain(|k, _| *k < 50);
        assert_eq!(m.len(), 18);
        assert_eq!(m.get(&48), Some(&480));
    }
}
