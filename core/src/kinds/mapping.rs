//! `dict` and `set`: insertion-ordered, keyed by [`Key`] (Python hashing rules).

use crate::body::{Body, DictMap, SetMap};
use crate::handle::typed_handle;
use crate::value::Key;
use crate::{AttrHint, CoreError, Kind, ObjRef, Str, Value};

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
        Ok(self.get_key(&Key::new(key.clone())?))
    }

    /// The value for the `str` key `name`: as [`Dict::get`] with `Value::Str(name)`,
    /// without making a key (a global variable's lookup).
    ///
    /// # Examples
    /// ```
    /// use floe_core::{Dict, Str, Value};
    /// let d = Dict::new();
    /// d.set(Value::str("x"), Value::Int(1)).unwrap();
    /// assert!(matches!(d.get_str(&Str::from("x")), Some(Value::Int(1))));
    /// assert!(d.get_str(&Str::from("y")).is_none());
    /// ```
    pub fn get_str(&self, name: &Str) -> Option<Value> {
        self.read(|m| {
            m.position_str(name, usize::MAX)
                .map(|i| m.value_at(i).clone())
        })
    }

    /// As [`Dict::get_str`], looking at the hint's position first (and moving the hint to
    /// where `name` is): a global variable's lookup from one place in the code.
    ///
    /// # Examples
    /// ```
    /// use floe_core::{AttrHint, Dict, Str, Value};
    /// let d = Dict::new();
    /// d.set(Value::str("x"), Value::Int(1)).unwrap();
    /// d.set(Value::str("y"), Value::Int(2)).unwrap();
    /// let hint = AttrHint::default(); // position 0
    /// assert!(matches!(d.get_str_hinted(&Str::intern("y"), &hint), Some(Value::Int(2))));
    /// assert!(matches!(d.get_str_hinted(&Str::intern("y"), &hint), Some(Value::Int(2))));
    /// assert!(d.get_str_hinted(&Str::intern("z"), &hint).is_none());
    /// ```
    pub fn get_str_hinted(&self, name: &Str, hint: &AttrHint) -> Option<Value> {
        self.read(|m| {
            let i = m.position_str(name, hint.get())?;
            hint.set(i);
            Some(m.value_at(i).clone())
        })
    }

    /// Sets the `str` key `name` to `value`, as [`Dict::set`] does with `Value::Str(name)`
    /// — finding an existing key through the hint first, without making a key (a global
    /// variable's store from one place in the code).
    ///
    /// # Errors
    /// The write barrier's errors for the value (and the key, when it is new); nothing
    /// changed then.
    ///
    /// # Examples
    /// ```
    /// use floe_core::{AttrHint, Dict, Str, Value};
    /// let d = Dict::new();
    /// let (x, hint) = (Str::intern("x"), AttrHint::default());
    /// d.set_str_hinted(&x, Value::Int(1), &hint).unwrap();
    /// d.set_str_hinted(&x, Value::Int(2), &hint).unwrap();
    /// assert_eq!(d.len(), 1);
    /// assert!(matches!(d.get(&Value::str("x")).unwrap(), Some(Value::Int(2))));
    /// ```
    pub fn set_str_hinted(
        &self,
        name: &Str,
        value: Value,
        hint: &AttrHint,
    ) -> Result<(), CoreError> {
        match self.read(|m| m.position_str(name, hint.get())) {
            Some(i) => {
                self.replace_at(i, value)?;
                hint.set(i);
                Ok(())
            }
            None => self.set(Value::Str(name.clone()), value),
        }
    }

    /// Replaces the value of the entry at `position` (its key stays, with its place),
    /// through the write barrier; the old value is released.
    fn replace_at(&self, position: usize, value: Value) -> Result<(), CoreError> {
        const OP: &str = "set an item of";
        self.0.admit(OP, &[&value])?;
        let old = self.map_mut(OP, |m| std::mem::replace(m.value_at_mut(position), value))?;
        self.0.discard(old);
        Ok(())
    }

    /// The value for a key made beforehand (see [`Key::with_hash`]).
    pub fn get_key(&self, key: &Key) -> Option<Value> {
        self.read(|m| m.get(key).cloned())
    }

    /// The first stored key whose hash is `hash` and for which `eq` holds: Python's
    /// lookup when the equality is the caller's (a user `__eq__`). `eq` runs on a
    /// snapshot of the candidates with no borrow of the dict held, so it may read or
    /// change the dict; what it returns is a stored key, to be used with
    /// [`Key::with_hash`] and the `_key` methods.
    ///
    /// # Errors
    /// The first error `eq` returns.
    ///
    /// # Examples
    /// ```
    /// use floe_core::{Dict, Key, Value};
    /// let d = Dict::new();
    /// d.set_key(Key::with_hash(Value::Int(1), 9), Value::None).unwrap();
    /// let found = d.find_key::<()>(9, |k| Ok(matches!(k, Value::Int(1)))).unwrap();
    /// assert!(matches!(found, Some(Value::Int(1))));
    /// ```
    pub fn find_key<E>(
        &self,
        hash: u64,
        eq: impl FnMut(&Value) -> Result<bool, E>,
    ) -> Result<Option<Value>, E> {
        first_equal(self.read(|m| candidates(m.keys_with_hash(hash))), eq)
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
        self.set_key(Key::new(key)?, value)
    }

    /// Sets a key made beforehand (see [`Key::with_hash`]) to `value`.
    ///
    /// # Errors
    /// The write barrier's errors for the key or the value; nothing changed then.
    pub fn set_key(&self, key: Key, value: Value) -> Result<(), CoreError> {
        const OP: &str = "set an item of";
        match self.read(|m| m.position(&key)) {
            // An existing key keeps its place and its original key object.
            Some(i) => self.replace_at(i, value),
            None => {
                self.0.admit(OP, &[key.value(), &value])?;
                self.map_mut(OP, |m| m.insert_new(key, value))
            }
        }
    }

    /// Removes `key` and returns its value (Python's `dict.pop(key)`).
    ///
    /// # Errors
    /// [`CoreError::Immutable`], [`CoreError::Unhashable`], [`CoreError::KeyNotFound`].
    pub fn remove(&self, key: &Value) -> Result<Value, CoreError> {
        self.remove_key(&Key::new(key.clone())?)?
            .ok_or_else(|| CoreError::KeyNotFound {
                obj: self.describe(),
                key: format!("{key:?}"),
            })
    }

    /// Removes a key made beforehand (see [`Key::with_hash`]); its value, if present.
    ///
    /// # Errors
    /// [`CoreError::Immutable`].
    pub fn remove_key(&self, key: &Key) -> Result<Option<Value>, CoreError> {
        let Some((old_key, value)) = self.map_mut("delete an item of", |m| m.remove(key))? else {
            return Ok(None);
        };
        self.0.release([old_key.value(), &value]);
        Ok(Some(value))
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

    /// A new empty local set with room for `n` elements before it grows.
    ///
    /// # Examples
    /// ```
    /// use floe_core::{Set, Value};
    /// let s = Set::with_capacity(8);
    /// assert!(s.add(Value::Int(1)).unwrap() && s.len() == 1);
    /// ```
    pub fn with_capacity(n: usize) -> Set {
        Set(ObjRef::alloc(
            Kind::Set,
            Body::Set(SetMap::with_capacity(n)),
        ))
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
        Ok(self.contains_key(&Key::new(value.clone())?))
    }

    /// `true` if a key made beforehand (see [`Key::with_hash`]) is an element.
    pub fn contains_key(&self, key: &Key) -> bool {
        self.read(|s| s.position(key).is_some())
    }

    /// The first element whose hash is `hash` and for which `eq` holds, as
    /// [`Dict::find_key`] finds a dict's key.
    ///
    /// # Errors
    /// The first error `eq` returns.
    pub fn find_key<E>(
        &self,
        hash: u64,
        eq: impl FnMut(&Value) -> Result<bool, E>,
    ) -> Result<Option<Value>, E> {
        first_equal(self.read(|s| candidates(s.keys_with_hash(hash))), eq)
    }

    /// Adds `value`; `true` if it was not already present.
    ///
    /// # Errors
    /// [`CoreError::Unhashable`], then the write barrier's errors.
    pub fn add(&self, value: Value) -> Result<bool, CoreError> {
        self.add_key(Key::new(value)?)
    }

    /// Adds a key made beforehand (see [`Key::with_hash`]); `true` if it was not
    /// already present.
    ///
    /// # Errors
    /// The write barrier's errors.
    pub fn add_key(&self, key: Key) -> Result<bool, CoreError> {
        const OP: &str = "add to";
        if !matches!(key.value(), Value::Obj(_)) {
            // No object: nothing for the barrier to admit or count, so one mutable
            // access probes and inserts (a frozen set refuses it, present key or not).
            return self.set_mut(OP, |s| s.insert(key, ()).is_none());
        }
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
        self.discard_key(&Key::new(value.clone())?)
    }

    /// Removes a key made beforehand (see [`Key::with_hash`]) if present; `true` if it
    /// was.
    ///
    /// # Errors
    /// [`CoreError::Immutable`].
    pub fn discard_key(&self, key: &Key) -> Result<bool, CoreError> {
        let removed = self.set_mut("discard from", |s| s.remove(key))?;
        self.0.release(removed.iter().map(|(k, ())| k.value()));
        Ok(removed.is_some())
    }

    /// The elements as keys (each with its hash), in insertion order, as a snapshot.
    pub fn keys(&self) -> Vec<Key> {
        self.read(|s| s.keys().cloned().collect())
    }

    /// A new local set of keys made beforehand (by [`Set::keys`], [`Key::new`] or
    /// [`Key::with_hash`]): no value is hashed again; duplicates collapse, the first kept.
    ///
    /// # Examples
    /// ```
    /// use floe_core::{Key, Set, Value};
    /// let keys = [1, 2, 1].map(|i| Key::new(Value::Int(i)).unwrap());
    /// assert_eq!(Set::from_keys(keys).len(), 2);
    /// ```
    pub fn from_keys(keys: impl IntoIterator<Item = Key>) -> Set {
        let keys = keys.into_iter();
        let mut set = SetMap::with_capacity(keys.size_hint().0);
        for key in keys {
            set.insert(key, ());
        }
        Set(ObjRef::alloc(Kind::Set, Body::Set(set)))
    }

    /// The elements (as keys, in insertion order) that are elements of `other` too
    /// (`present`) or that are not, compared by the core's equality with the hashes
    /// both sets keep: Python's `&` and `-` when no element's equality is a class's own.
    ///
    /// # Examples
    /// ```
    /// use floe_core::{Set, Value};
    /// let a = Set::new([1, 2, 3].map(Value::Int)).unwrap();
    /// let b = Set::new([2].map(Value::Int)).unwrap();
    /// assert_eq!((a.keys_filtered(&b, true).len(), a.keys_filtered(&b, false).len()), (1, 2));
    /// ```
    pub fn keys_filtered(&self, other: &Set, present: bool) -> Vec<Key> {
        self.read(|s| {
            other.read(|o| {
                s.keys()
                    .filter(|k| o.position(k).is_some() == present)
                    .cloned()
                    .collect()
            })
        })
    }

    /// `true` if `f` holds of some element (read in place; `f` must not change the set).
    ///
    /// # Examples
    /// ```
    /// use floe_core::{Set, Value};
    /// let a = Set::new([1, 2].map(Value::Int)).unwrap();
    /// assert!(a.any(|v| matches!(v, Value::Int(2))) && !a.any(|v| matches!(v, Value::None)));
    /// ```
    pub fn any(&self, mut f: impl FnMut(&Value) -> bool) -> bool {
        self.read(|s| s.keys().any(|k| f(k.value())))
    }

    /// The elements in insertion order, as a snapshot.
    pub fn to_vec(&self) -> Vec<Value> {
        self.read(|s| s.keys().map(|k| k.value().clone()).collect())
    }
}

/// The values of candidate keys, copied out so that no borrow is held while the caller's
/// equality runs.
fn candidates<'a>(keys: impl Iterator<Item = &'a Key>) -> smallvec::SmallVec<[Value; 2]> {
    keys.map(|k| k.value().clone()).collect()
}

/// The first candidate `eq` accepts.
fn first_equal<E>(
    candidates: smallvec::SmallVec<[Value; 2]>,
    mut eq: impl FnMut(&Value) -> Result<bool, E>,
) -> Result<Option<Value>, E> {
    for c in candidates {
        if eq(&c)? {
            return Ok(Some(c));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two keys the caller calls equal (same hash, its own equality) are one entry once
    /// the caller resolves the second to the first with `find_key`.
    #[test]
    fn caller_hashed_keys_resolve_through_find_key() {
        let d = Dict::new();
        let (a, b) = (Value::str("a"), Value::str("A"));
        let same = |x: &Value, y: &Value| x.type_name() == y.type_name();
        d.set_key(Key::with_hash(a.clone(), 5), Value::Int(1))
            .unwrap();
        let found = d.find_key::<()>(5, |k| Ok(same(k, &b))).unwrap().unwrap();
        assert!(found.is(&a), "the stored key is found, not the probe");
        d.set_key(Key::with_hash(found, 5), Value::Int(2)).unwrap();
        assert_eq!(d.len(), 1);
        assert!(matches!(
            d.get_key(&Key::with_hash(a.clone(), 5)),
            Some(Value::Int(2))
        ));
        // Another hash is another bucket: no candidates, the equality is not asked.
        let asked = d.find_key::<()>(6, |_| panic!("no candidate")).unwrap();
        assert!(asked.is_none());
        // The equality may write the dict: no borrow is held while it runs.
        let r = d.find_key(5, |_| d.set(Value::Int(9), Value::None).map(|()| false));
        assert!(matches!(r, Ok(None)));
        assert_eq!(d.len(), 2);
        assert!(matches!(d.find_key(5, |_| Err("raised")), Err("raised")));
        assert!(matches!(
            d.remove_key(&Key::with_hash(a, 5)),
            Ok(Some(Value::Int(2)))
        ));
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn set_keys_made_by_the_caller() {
        let s = Set::new([]).unwrap();
        let k = Key::with_hash(Value::Int(3), 77);
        assert!(s.add_key(k.clone()).unwrap());
        assert!(!s.add_key(k.clone()).unwrap());
        assert!(s.contains_key(&k));
        assert!(
            !s.contains(&Value::Int(3)).unwrap(),
            "another hash, another key"
        );
        let found = s
            .find_key::<()>(77, |v| Ok(matches!(v, Value::Int(3))))
            .unwrap();
        assert!(matches!(found, Some(Value::Int(3))));
        assert_eq!(s.keys()[0].hash_code(), 77);
        assert!(s.discard_key(&k).unwrap());
        assert!(s.is_empty());
    }
}
