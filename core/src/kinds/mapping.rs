//! `dict` and `set`: insertion-ordered, keyed by [`Key`] (Python hashing rules).

use crate::body::{Body, DictMap, SetMap};
use crate::handle::typed_handle;
use crate::value::Key;
use crate::{CoreError, Kind, ObjRef, Value};

typed_handle!(
    /// A handle to a `dict`: an insertion-ordered mapping.
    Dict,
    Dict
);

typed_handle!(
    /// A handle to a `set`: an insertion-ordered set of hashable values.
    Set,
    Set
);

impl Dict {
    /// A new, empty local dict.
    pub fn new() -> Dict {
        Dict(ObjRef::alloc(Kind::Dict, Body::Dict(DictMap::default())))
    }

    /// A new local dict from key/value pairs (a later duplicate key wins, as in Python).
    ///
    /// # Errors
    /// [`CoreError::Unhashable`] if a key is unhashable; nothing is allocated then.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (Value, Value)>) -> Result<Dict, CoreError> {
        let mut map = DictMap::default();
        for (k, v) in pairs {
            map.insert(Key::new(k)?, v);
        }
        Ok(Dict(ObjRef::alloc(Kind::Dict, Body::Dict(map))))
    }

    fn read<R>(&self, f: impl FnOnce(&DictMap) -> R) -> R {
        self.0.obj().read(|b| match b {
            Body::Dict(m) => f(m),
            _ => unreachable!("typed handle"),
        })
    }

    fn map_mut<R>(
        &self,
        op: &'static str,
        f: impl FnOnce(&mut DictMap) -> R,
    ) -> Result<R, CoreError> {
        self.0.mutate(op, |b| match b {
            Body::Dict(m) => f(m),
            _ => unreachable!("typed handle"),
        })
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.read(DictMap::len)
    }

    /// `true` if the dict has no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value for `key`, if present.
    ///
    /// # Errors
    /// [`CoreError::Unhashable`].
    pub fn get(&self, key: &Value) -> Result<Option<Value>, CoreError> {
        let key = Key::new(key.clone())?;
        Ok(self.read(|m| m.get(&key).cloned()))
    }

    /// `true` if `key` is present.
    ///
    /// # Errors
    /// [`CoreError::Unhashable`].
    pub fn contains(&self, key: &Value) -> Result<bool, CoreError> {
        let key = Key::new(key.clone())?;
        Ok(self.read(|m| m.contains_key(&key)))
    }

    /// Sets `key` to `value` (an existing key keeps its position).
    ///
    /// # Errors
    /// [`CoreError::Immutable`], [`CoreError::NeedsRegionBarrier`] for the key or the value,
    /// [`CoreError::Unhashable`]. On error nothing changed.
    pub fn set(&self, key: Value, value: Value) -> Result<(), CoreError> {
        const OP: &str = "set an item of";
        self.0.check_store(OP, &key)?;
        self.0.check_store(OP, &value)?;
        let key = Key::new(key)?;
        let old = self.map_mut(OP, |m| m.insert(key, value))?;
        drop(old);
        Ok(())
    }

    /// Removes `key` and returns its value (Python's `dict.pop(key)`).
    ///
    /// # Errors
    /// [`CoreError::Immutable`], [`CoreError::Unhashable`], [`CoreError::KeyNotFound`].
    pub fn remove(&self, key: &Value) -> Result<Value, CoreError> {
        let k = Key::new(key.clone())?;
        self.map_mut("delete an item of", |m| m.shift_remove(&k))?
            .ok_or_else(|| CoreError::KeyNotFound {
                obj: self.describe(),
                key: format!("{key:?}"),
            })
    }

    /// The entries in insertion order, as a snapshot.
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.read(|m| {
            m.iter()
                .map(|(k, v)| (k.value().clone(), v.clone()))
                .collect()
        })
    }

    /// The keys in insertion order, as a snapshot.
    pub fn keys(&self) -> Vec<Value> {
        self.read(|m| m.keys().map(|k| k.value().clone()).collect())
    }
}

impl Default for Dict {
    fn default() -> Dict {
        Dict::new()
    }
}

impl Set {
    /// A new local set of `items` (duplicates collapse, first occurrence kept).
    ///
    /// # Errors
    /// [`CoreError::Unhashable`] if an item is unhashable; nothing is allocated then.
    pub fn new(items: impl IntoIterator<Item = Value>) -> Result<Set, CoreError> {
        let set = items
            .into_iter()
            .map(Key::new)
            .collect::<Result<SetMap, _>>()?;
        Ok(Set(ObjRef::alloc(Kind::Set, Body::Set(set))))
    }

    fn read<R>(&self, f: impl FnOnce(&SetMap) -> R) -> R {
        self.0.obj().read(|b| match b {
            Body::Set(s) => f(s),
            _ => unreachable!("typed handle"),
        })
    }

    fn set_mut<R>(
        &self,
        op: &'static str,
        f: impl FnOnce(&mut SetMap) -> R,
    ) -> Result<R, CoreError> {
        self.0.mutate(op, |b| match b {
            Body::Set(s) => f(s),
            _ => unreachable!("typed handle"),
        })
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.read(SetMap::len)
    }

    /// `true` if the set has no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `true` if `value` is an element.
    ///
    /// # Errors
    /// [`CoreError::Unhashable`].
    pub fn contains(&self, value: &Value) -> Result<bool, CoreError> {
        let key = Key::new(value.clone())?;
        Ok(self.read(|s| s.contains(&key)))
    }

    /// Adds `value`; `true` if it was not already present.
    ///
    /// # Errors
    /// [`CoreError::Immutable`], [`CoreError::NeedsRegionBarrier`], [`CoreError::Unhashable`].
    pub fn add(&self, value: Value) -> Result<bool, CoreError> {
        const OP: &str = "add to";
        self.0.check_store(OP, &value)?;
        let key = Key::new(value)?;
        self.set_mut(OP, |s| s.insert(key))
    }

    /// Removes `value` if present; `true` if it was.
    ///
    /// # Errors
    /// [`CoreError::Immutable`], [`CoreError::Unhashable`].
    pub fn discard(&self, value: &Value) -> Result<bool, CoreError> {
        let key = Key::new(value.clone())?;
        let removed = self.set_mut("discard from", |s| s.shift_take(&key))?;
        Ok(removed.is_some())
    }

    /// The elements in insertion order, as a snapshot.
    pub fn to_vec(&self) -> Vec<Value> {
        self.read(|s| s.iter().map(|k| k.value().clone()).collect())
    }
}
