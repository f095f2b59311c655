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
        Ok(self.read(|m| m.position(&key).is_some()))
    }

    /// Sets `key` to `value` (an existing key keeps its position).
    ///
    /// # Errors
    /// [`CoreError::Unhashable`], then the write barrier's errors for the key or the
    /// value. On error nothing changed.
    pub fn set(&self, key: Value, value: Value) -> Result<(), CoreError> {
        const OP: &str = "set an item of";
        let key = Key::new(key)?;
        match self.read(|m| m.position(&key)) {
            // An existing key keeps its place and its original key object.
            Some(i) => {
                self.0.admit(OP, &[&value])?;
                let old = self.map_mut(OP, |m| std::mem::replace(m.value_at_mut(i), value))?;
                self.0.discard(old);
            }
            None => {
                self.0.admit(OP, &[key.value(), &value])?;
                self.map_mut(OP, |m| m.insert_new(key, value))?;
            }
        }
        Ok(())
    }

    /// Removes `key` and returns its value (Python's `dict.pop(key)`).
    ///
    /// # Errors
    /// [`CoreError::Immutable`], [`CoreError::Unhashable`], [`CoreError::KeyNotFound`].
    pub fn remove(&self, key: &Value) -> Result<Value, CoreError> {
        let k = Key::new(key.clone())?;
        let (old_key, value) = self
            .map_mut("delete an item of", |m| m.remove(&k))?
            .ok_or_else(|| CoreError::KeyNotFound {
                obj: self.describe(),
                key: format!("{key:?}"),
            })?;
        self.0.release([old_key.value(), &value]);
        Ok(value)
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
        let items = items.into_iter();
        let mut set = SetMap::with_capacity(items.size_hint().0);
        for item in items {
            set.insert(Key::new(item)?, ());
        }
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
        Ok(self.read(|s| s.position(&key).is_some()))
    }

    /// Adds `value`; `true` if it was not already present.
    ///
    /// # Errors
    /// [`CoreError::Unhashable`], then the write barrier's errors.
    pub fn add(&self, value: Value) -> Result<bool, CoreError> {
        const OP: &str = "add to";
        let key = Key::new(value)?;
        if self.read(|s| s.position(&key).is_some()) {
            // Nothing to store, but a frozen set still refuses the attempt.
            return self.set_mut(OP, |_| false);
        }
        self.0.admit(OP, &[key.value()])?;
        self.set_mut(OP, |s| s.insert_new(key, ()))?;
        Ok(true)
    }

    /// Removes `value` if present; `true` if it was.
    ///
    /// # Errors
    /// [`CoreError::Immutable`], [`CoreError::Unhashable`].
    pub fn discard(&self, value: &Value) -> Result<bool, CoreError> {
        let key = Key::new(value.clone())?;
        let removed = self.set_mut("discard from", |s| s.remove(&key))?;
        self.0.release(removed.iter().map(|(k, ())| k.value()));
        Ok(removed.is_some())
    }

    /// The elements in insertion order, as a snapshot.
    pub fn to_vec(&self) -> Vec<Value> {
        self.read(|s| s.keys().map(|k| k.value().clone()).collect())
    }
}
