//! `AttrMap`: the attribute table of instances, classes and region bridges — names and
//! values in the order the names were first set, in one vector. A table of a few
//! attributes (an instance's, usually) is searched by a scan — a name given as a string
//! compared by pointer, then cached hash, then bytes; a name given as text by its bytes
//! — and past [`INDEXED_FROM`] attributes (a
//! class's methods, a module's functions) a hash index on the names' cached hashes finds
//! them. A one-word filter of the names' hash bits answers most misses without either.
//! One allocation for a small table, 24 bytes per attribute (RFC-0001 §2).

use hashbrown::HashTable;

use crate::text::text_hash;
use crate::{Str, Value};

/// From this many attributes on, a table keeps a hash index.
const INDEXED_FROM: usize = 9;

/// An insertion-ordered map from attribute names to values.
#[derive(Default)]
pub(crate) struct AttrMap {
    entries: Vec<(Str, Value)>,
    /// Positions by the name's hash, once the table has [`INDEXED_FROM`] entries.
    index: Option<Box<HashTable<u32>>>,
    /// One bit, [`filter_bit`] of its hash, for each name in the table (a one-word Bloom
    /// filter): a name whose bit is clear is not here, found without a scan. Most
    /// misses are of that kind: a method's name looked for on an instance first.
    filter: u64,
}

/// The bit that stands for a name of hash `hash` in [`AttrMap::filter`].
#[inline]
fn filter_bit(hash: u64) -> u64 {
    1 << (hash >> 58)
}

impl AttrMap {
    /// The position of `name`, given as text.
    pub(crate) fn get_index_of(&self, name: &str) -> Option<usize> {
        match &self.index {
            None => self.entries.iter().position(|(k, _)| k.as_str() == name),
            Some(index) => index
                .find(text_hash(name), |&i| {
                    self.entries[i as usize].0.as_str() == name
                })
                .map(|&i| i as usize),
        }
    }

    /// The position of `name`, given as a string (an interned one is found by pointer,
    /// and its cached hash saves hashing it).
    pub(crate) fn position(&self, name: &Str) -> Option<usize> {
        if self.filter & filter_bit(name.hash_code()) == 0 {
            return None;
        }
        match &self.index {
            None => self.entries.iter().position(|(k, _)| k == name),
            Some(index) => index
                .find(name.hash_code(), |&i| &self.entries[i as usize].0 == name)
                .map(|&i| i as usize),
        }
    }

    /// The value of `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&Value> {
        self.get_index_of(name).map(|i| &self.entries[i].1)
    }

    /// The position, name and value of `name`.
    pub(crate) fn get_full(&self, name: &Str) -> Option<(usize, &Str, &Value)> {
        self.position(name).map(|i| {
            let (k, v) = &self.entries[i];
            (i, k, v)
        })
    }

    /// `true` if `name` is set.
    pub(crate) fn contains_key(&self, name: &str) -> bool {
        self.get_index_of(name).is_some()
    }

    /// The name and value at position `i`.
    pub(crate) fn get_index(&self, i: usize) -> Option<(&Str, &Value)> {
        self.entries.get(i).map(|(k, v)| (k, v))
    }

    /// The name and value at position `i`, the value to change in place.
    pub(crate) fn get_index_mut(&mut self, i: usize) -> Option<(&Str, &mut Value)> {
        self.entries.get_mut(i).map(|(k, v)| (&*k, v))
    }

    /// Sets `name` to `value`: an existing name keeps its place and the old value is
    /// returned with it; a new one goes last. Returns the position.
    pub(crate) fn insert_full(&mut self, name: Str, value: Value) -> (usize, Option<Value>) {
        match self.position(&name) {
            Some(i) => (i, Some(std::mem::replace(&mut self.entries[i].1, value))),
            None => (self.push_new(name, value), None),
        }
    }

    /// As [`AttrMap::insert_full`] with the name as text: `key` makes the name's string
    /// only if it is new. Returns the old value.
    pub(crate) fn set(
        &mut self,
        name: &str,
        value: Value,
        key: impl FnOnce() -> Str,
    ) -> Option<Value> {
        match self.get_index_of(name) {
            Some(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            None => {
                self.push_new(key(), value);
                None
            }
        }
    }

    /// Appends a name that is not in the table; its position.
    fn push_new(&mut self, name: Str, value: Value) -> usize {
        let i = self.entries.len();
        let hash = name.hash_code();
        self.filter |= filter_bit(hash);
        self.entries.push((name, value));
        match &mut self.index {
            Some(index) => {
                let entries = &self.entries;
                index.insert_unique(hash, i as u32, |&j| entries[j as usize].0.hash_code());
            }
            None if self.entries.len() >= INDEXED_FROM => self.reindex(),
            None => {}
        }
        i
    }

    /// Removes `name`, keeping the order of the others; its value.
    pub(crate) fn shift_remove(&mut self, name: &str) -> Option<Value> {
        let i = self.get_index_of(name)?;
        let (_, v) = self.entries.remove(i);
        self.filter = self
            .entries
            .iter()
            .fold(0, |f, (k, _)| f | filter_bit(k.hash_code()));
        if self.index.is_some() {
            self.reindex();
        }
        Some(v)
    }

    /// Builds the hash index afresh (positions moved, or the table just grew to need
    /// one); a table that shrank below the threshold drops it.
    fn reindex(&mut self) {
        if self.entries.len() < INDEXED_FROM {
            self.index = None;
            return;
        }
        let mut index = HashTable::with_capacity(self.entries.len());
        for (i, (k, _)) in self.entries.iter().enumerate() {
            index.insert_unique(k.hash_code(), i as u32, |&j| {
                self.entries[j as usize].0.hash_code()
            });
        }
        self.index = Some(Box::new(index));
    }

    /// The names, in order.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &Str> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values, in order.
    pub(crate) fn values(&self) -> impl Iterator<Item = &Value> {
        self.entries.iter().map(|(_, v)| v)
    }

    /// The values, in order, to change in place.
    pub(crate) fn values_mut(&mut self) -> impl Iterator<Item = &mut Value> {
        self.entries.iter_mut().map(|(_, v)| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table against a plain vector of pairs, through growth past the index
    /// threshold, removals (the index rebuilt, then dropped) and re-insertions.
    #[test]
    fn agrees_with_a_vector_of_pairs() {
        let mut m = AttrMap::default();
        let mut model: Vec<(String, i64)> = Vec::new();
        let name = |i: i64| format!("a{}", i % 23);
        for step in 0..400i64 {
            let n = name(step * 7);
            if step % 5 == 3 {
                let got = m.shift_remove(&n).map(|v| matches!(v, Value::Int(_)));
                let at = model.iter().position(|(k, _)| *k == n);
                assert_eq!(got.is_some(), at.is_some());
                if let Some(at) = at {
                    model.remove(at);
                }
            } else {
                let (i, old) = m.insert_full(Str::from(n.as_str()), Value::Int(step));
                match model.iter().position(|(k, _)| *k == n) {
                    Some(at) => {
                        assert_eq!(i, at);
                        assert!(old.is_some());
                        model[at].1 = step;
                    }
                    None => {
                        assert_eq!(i, model.len());
                        assert!(old.is_none());
                        model.push((n.clone(), step));
                    }
                }
            }
            assert_eq!(m.keys().count(), model.len());
            for (i, (k, v)) in model.iter().enumerate() {
                assert_eq!(m.get_index_of(k), Some(i));
                assert_eq!(m.position(&Str::intern(k)), Some(i));
                assert!(matches!(m.get(k), Some(Value::Int(x)) if x == v));
            }
            assert!(m.get("absent").is_none());
            // Names removed or never set are missed, whether or not their filter bit is
            // set by another name.
            for j in 0..23 {
                let n = name(j);
                if !model.iter().any(|(k, _)| *k == n) {
                    assert_eq!(m.position(&Str::intern(&n)), None);
                }
            }
            let keys: Vec<&str> = m.keys().map(Str::as_str).collect();
            let expect: Vec<&str> = model.iter().map(|(k, _)| k.as_str()).collect();
            assert_eq!(keys, expect);
        }
    }
}
