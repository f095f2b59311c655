//! The runtime face (RFC-0004 "The runtime face"): `frozenlist` and `frozendict` as types
//! of Floe's object model, whose bodies are a [`FrozenList`] and a [`FrozenDict`] — one
//! implementation, two faces.
//!
//! Both are **deep**: construction freezes the mutable elements (each a root of one freeze,
//! all or nothing, the isolation rule applying below them: semantics §5), and the object is
//! frozen from birth. Equality of *elements* is the caller's (the interpreter's `==` calls
//! `__eq__`); what is defined here is what the object model needs on its own: building,
//! reading, derived versions, and hashing and key equality for use as dict keys.

use std::any::Any;
use std::hash::Hasher;

use floe_core::{CoreError, FrozenKey, FrozenValue, Key, KeyHasher, NativeBody, ObjRef, Value};
use floe_freeze::{freeze_with, policy, FreezeError, FreezePolicy};

use crate::{FrozenDict, FrozenList};

/// The body of a `frozenlist` object.
struct ListBody(FrozenList<FrozenValue>);

/// The body of a `frozendict` object: the map, hashing with each key's cached hash.
struct DictBody(FrozenDict<FrozenKey, FrozenValue, KeyHasher>);

fn key_of(v: &Value) -> Result<Key, CoreError> {
    Key::new(v.clone())
}

impl NativeBody for ListBody {
    fn type_name(&self) -> &'static str {
        "frozenlist"
    }

    fn for_each_value(&self, f: &mut dyn FnMut(&Value)) {
        self.0.iter().for_each(|v| f(v));
    }

    /// As a tuple's: the elements' hashes in order.
    fn key_hash(&self) -> Result<u64, CoreError> {
        let mut h = std::hash::DefaultHasher::new();
        h.write_u8(b'l');
        for v in self.0.iter() {
            h.write_u64(key_of(v)?.hash_code());
        }
        Ok(h.finish())
    }

    fn key_eq(&self, other: &dyn NativeBody) -> bool {
        let Some(other) = (other as &dyn Any).downcast_ref::<ListBody>() else {
            return false;
        };
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(other.0.iter())
                .all(|(a, b)| matches!((key_of(a), key_of(b)), (Ok(a), Ok(b)) if a == b))
    }
}

impl NativeBody for DictBody {
    fn type_name(&self) -> &'static str {
        "frozendict"
    }

    fn for_each_value(&self, f: &mut dyn FnMut(&Value)) {
        for (k, v) in self.0.iter() {
            f(k.key().value());
            f(v);
        }
    }

    /// Order-insensitive (a sum of per-entry hashes), so equal dicts hash alike.
    fn key_hash(&self) -> Result<u64, CoreError> {
        let mut sum: u64 = self.0.len() as u64;
        for (k, v) in self.0.iter() {
            let mut h = std::hash::DefaultHasher::new();
            h.write_u64(k.key().hash_code());
            h.write_u64(key_of(v)?.hash_code());
            sum = sum.wrapping_add(h.finish());
        }
        Ok(sum)
    }

    fn key_eq(&self, other: &dyn NativeBody) -> bool {
        let Some(other) = (other as &dyn Any).downcast_ref::<DictBody>() else {
            return false;
        };
        self.0.len() == other.0.len()
            && self.0.iter().all(|(k, v)| {
                other
                    .0
                    .get(k.key())
                    .is_some_and(|w| matches!((key_of(v), key_of(w)), (Ok(a), Ok(b)) if a == b))
            })
    }
}

/// The parts every handle to a native object shares: the untyped object, and the
/// checked conversion from it.
macro_rules! native_handle {
    ($name:ident, $body:ty, $ty:literal) => {
        impl $name {
            /// The object.
            ///
            /// # Examples
            /// ```
            #[doc = concat!("use floe_immutable::", stringify!($name), ";")]
            #[doc = concat!("let obj = ", stringify!($name), "::new([]).unwrap().into_obj();")]
            #[doc = concat!("let handle = ", stringify!($name), "::try_from(obj).unwrap();")]
            #[doc = concat!("assert_eq!(handle.as_obj().type_name(), \"", $ty, "\");")]
            /// ```
            pub fn as_obj(&self) -> &ObjRef {
                &self.0
            }

            /// The object, giving up this handle.
            ///
            /// # Examples
            /// ```
            #[doc = concat!("use floe_immutable::", stringify!($name), ";")]
            #[doc = concat!("let obj = ", stringify!($name), "::new([]).unwrap().into_obj();")]
            #[doc = concat!("assert!(", stringify!($name), "::try_from(obj).is_ok());")]
            /// ```
            pub fn into_obj(self) -> ObjRef {
                self.0
            }
        }

        impl TryFrom<ObjRef> for $name {
            type Error = ObjRef;

            #[doc = concat!("The handle, if the object is a `", $ty, "`; the object back otherwise.")]
            fn try_from(obj: ObjRef) -> Result<Self, ObjRef> {
                if obj.native::<$body>().is_some() {
                    Ok($name(obj))
                } else {
                    Err(obj)
                }
            }
        }
    };
}

/// Deep-freezes the mutable objects among `values` as the roots of one freeze (all or
/// nothing), then wraps every value as a [`FrozenValue`].
fn freeze_values(
    values: Vec<Value>,
    policy: FreezePolicy,
    allowed_holders: &[ObjRef],
) -> Result<Vec<FrozenValue>, FreezeError> {
    // Repeats and frozen values are fine as roots: the walk meets each object once.
    let roots: Vec<ObjRef> = values
        .iter()
        .filter_map(|v| v.as_obj().filter(|o| !o.is_frozen()).cloned())
        .collect();
    if !roots.is_empty() {
        freeze_with(&roots, policy, allowed_holders)?;
    }
    drop(roots);
    Ok(values
        .into_iter()
        .map(|v| FrozenValue::new(v).unwrap_or_else(|_| unreachable!("frozen just above")))
        .collect())
}

/// A `frozenlist` object: a handle to a frozen native object whose body is a
/// [`FrozenList`] of frozen values. Cloning takes a reference.
#[derive(Clone, Debug)]
pub struct FrozenListRef(ObjRef);

impl FrozenListRef {
    /// `frozenlist(values)`: freezes the mutable elements under this thread's freeze
    /// policy (all or nothing), then makes the list.
    ///
    /// # Errors
    /// As [`floe_freeze::freeze`]; nothing changed then.
    ///
    /// # Examples
    /// ```
    /// use floe_core::{List, Value};
    /// use floe_immutable::FrozenListRef;
    /// let inner = List::new([Value::Int(1)]);
    /// let fl = FrozenListRef::new([Value::Int(0), inner.clone().into()]).unwrap();
    /// assert!(inner.is_frozen(), "construction is deep");
    /// assert_eq!(fl.len(), 2);
    /// assert_eq!(fl.as_obj().type_name(), "frozenlist");
    /// ```
    pub fn new(values: impl IntoIterator<Item = Value>) -> Result<Self, FreezeError> {
        Self::new_with(values, policy(), &[])
    }

    /// As [`Self::new`], under `policy`, with references from `allowed_holders` (the
    /// caller's frames) treated as the caller's own (see [`floe_freeze::freeze_with`]).
    ///
    /// # Errors
    /// As [`floe_freeze::freeze_with`].
    ///
    /// # Examples
    /// ```
    /// use floe_core::{List, Value};
    /// use floe_immutable::FrozenListRef;
    /// let inner = List::new([Value::Int(1)]);
    /// let fl = FrozenListRef::new_with([inner.clone().into()], floe_freeze::policy(), &[]).unwrap();
    /// assert!(inner.is_frozen() && fl.len() == 1);
    /// ```
    pub fn new_with(
        values: impl IntoIterator<Item = Value>,
        policy: FreezePolicy,
        allowed_holders: &[ObjRef],
    ) -> Result<Self, FreezeError> {
        let values = freeze_values(values.into_iter().collect(), policy, allowed_holders)?;
        Ok(Self::from_frozen(values.into()))
    }

    /// Wraps a list of values that are already frozen: no freeze, no check.
    ///
    /// # Examples
    /// ```
    /// use floe_core::Value;
    /// use floe_immutable::FrozenListRef;
    /// use floe_core::FrozenValue;
    /// let items = [Value::Int(1), Value::str("a")].map(|v| FrozenValue::new(v).unwrap());
    /// assert_eq!(FrozenListRef::from_frozen(items.to_vec().into()).len(), 2);
    /// ```
    pub fn from_frozen(items: FrozenList<FrozenValue>) -> Self {
        FrozenListRef(ObjRef::new_native(ListBody(items)))
    }

    /// The elements.
    ///
    /// # Examples
    /// ```
    /// use floe_core::Value;
    /// use floe_immutable::FrozenListRef;
    /// let fl = FrozenListRef::new([Value::Int(7)]).unwrap();
    /// assert!(fl.items()[0].is(&Value::Int(7)));
    /// ```
    pub fn items(&self) -> &FrozenList<FrozenValue> {
        &self
            .0
            .native::<ListBody>()
            .expect("checked at construction")
            .0
    }

    /// The number of elements.
    ///
    /// # Examples
    /// ```
    /// use floe_core::Value;
    /// use floe_immutable::FrozenListRef;
    /// assert_eq!(FrozenListRef::new([Value::Int(7)]).unwrap().len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.items().len()
    }

    /// `true` if there are no elements.
    ///
    /// # Examples
    /// ```
    /// use floe_core::Value;
    /// use floe_immutable::FrozenListRef;
    /// assert!(FrozenListRef::new([]).unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.items().is_empty()
    }

    /// The element at a Python index (negative counts from the end).
    ///
    /// # Examples
    /// ```
    /// use floe_core::Value;
    /// use floe_immutable::FrozenListRef;
    /// let fl = FrozenListRef::new([Value::Int(1), Value::Int(2)]).unwrap();
    /// assert!(fl.get(-1).unwrap().is(&Value::Int(2)) && fl.get(2).is_none());
    /// ```
    pub fn get(&self, index: i64) -> Option<Value> {
        let len = self.len() as i64;
        let i = if index < 0 { index + len } else { index };
        (0..len)
            .contains(&i)
            .then(|| (*self.items()[i as usize]).clone())
    }

    /// The elements at `indices` (a slice, computed by [`slice_indices`]), as a new list.
    ///
    /// # Examples
    /// ```
    /// use floe_core::Value;
    /// use floe_immutable::FrozenListRef;
    /// use floe_immutable::slice_indices;
    /// let fl = FrozenListRef::new((0..5).map(Value::Int)).unwrap();
    /// let odd = fl.select(slice_indices(fl.len(), Some(1), None, Some(2)).unwrap());
    /// assert!(odd.len() == 2 && odd.get(1).unwrap().is(&Value::Int(3)));
    /// ```
    pub fn select(&self, indices: impl IntoIterator<Item = usize>) -> Self {
        let items = self.items();
        Self::from_frozen(indices.into_iter().map(|i| items[i].clone()).collect())
    }

    /// `a + b`.
    ///
    /// # Examples
    /// ```
    /// use floe_core::Value;
    /// use floe_immutable::FrozenListRef;
    /// let a = FrozenListRef::new([Value::Int(1)]).unwrap();
    /// assert_eq!(a.concat(&a).len(), 2);
    /// ```
    pub fn concat(&self, other: &FrozenListRef) -> Self {
        Self::from_frozen(self.items() + other.items())
    }

    /// `a * n` (empty for `n <= 0`).
    ///
    /// # Examples
    /// ```
    /// use floe_core::Value;
    /// use floe_immutable::FrozenListRef;
    /// let a = FrozenListRef::new([Value::Int(1)]).unwrap();
    /// assert_eq!((a.repeat(3).len(), a.repeat(-1).len()), (3, 0));
    /// ```
    pub fn repeat(&self, n: i64) -> Self {
        Self::from_frozen(self.items().repeat(usize::try_from(n).unwrap_or(0)))
    }
}

native_handle!(FrozenListRef, ListBody, "frozenlist");

/// A `frozendict` object (PEP 814, but deep): a handle to a frozen native object whose
/// body is a [`FrozenDict`]. Cloning takes a reference.
#[derive(Clone, Debug)]
pub struct FrozenDictRef(ObjRef);

impl FrozenDictRef {
    /// `frozendict(pairs)`: checks every key is hashable, freezes the mutable keys and
    /// values under this thread's freeze policy (all or nothing), then makes the dict. A
    /// later duplicate key keeps the first one's position and takes the later value.
    ///
    /// # Errors
    /// [`CoreError::Unhashable`] (wrapped) for an unhashable key, before anything is
    /// frozen; otherwise as [`floe_freeze::freeze`]. Nothing changed then.
    ///
    /// # Examples
    /// ```
    /// use floe_core::Value;
    /// use floe_immutable::FrozenDictRef;
    /// let d = FrozenDictRef::new([(Value::str("a"), Value::Int(1))]).unwrap();
    /// assert_eq!(d.get(&Value::str("a")).unwrap().map(|v| v.is(&Value::Int(1))), Some(true));
    /// assert_eq!(d.as_obj().type_name(), "frozendict");
    /// ```
    pub fn new(pairs: impl IntoIterator<Item = (Value, Value)>) -> Result<Self, FreezeError> {
        Self::new_with(pairs, policy(), &[])
    }

    /// As [`Self::new`], under `policy`, with references from `allowed_holders` treated
    /// as the caller's own.
    ///
    /// # Errors
    /// As [`Self::new`].
    ///
    /// # Examples
    /// ```
    /// use floe_core::Value;
    /// use floe_immutable::FrozenDictRef;
    /// let pairs = [(Value::str("k"), Value::Int(1))];
    /// let d = FrozenDictRef::new_with(pairs, floe_freeze::policy(), &[]).unwrap();
    /// assert_eq!(d.len(), 1);
    /// ```
    pub fn new_with(
        pairs: impl IntoIterator<Item = (Value, Value)>,
        policy: FreezePolicy,
        allowed_holders: &[ObjRef],
    ) -> Result<Self, FreezeError> {
        // Hash first, once: a key's hash does not change when it is frozen (tuples hash by
        // their elements, instances by identity), and an unhashable key must be refused
        // before anything is frozen.
        let mut keys = Vec::new();
        let mut flat = Vec::new();
        for (k, v) in pairs {
            keys.push(Key::new(k.clone())?);
            flat.push(k);
            flat.push(v);
        }
        let frozen = freeze_values(flat, policy, allowed_holders)?;
        let values = frozen.into_iter().skip(1).step_by(2);
        let entries: Vec<(FrozenKey, FrozenValue)> = keys
            .into_iter()
            .map(|k| FrozenKey::new(k).unwrap_or_else(|_| unreachable!("frozen above")))
            .zip(values)
            .collect();
        Ok(Self::from_frozen(entries))
    }

    /// Wraps entries that are already frozen: no freeze, no check.
    ///
    /// # Examples
    /// ```
    /// use floe_core::Value;
    /// use floe_immutable::FrozenDictRef;
    /// use floe_core::{FrozenKey, FrozenValue, Key};
    /// let key = FrozenKey::new(Key::new(Value::str("k")).unwrap()).unwrap();
    /// let d = FrozenDictRef::from_frozen([(key, FrozenValue::new(Value::Int(1)).unwrap())]);
    /// assert_eq!(d.len(), 1);
    /// ```
    pub fn from_frozen(entries: impl IntoIterator<Item = (FrozenKey, FrozenValue)>) -> Self {
        let map = FrozenDict::from_iter_with_hasher(entries, KeyHasher::default());
        FrozenDictRef(ObjRef::new_native(DictBody(map)))
    }

    /// The entries.
    ///
    /// # Examples
    /// ```
    /// use floe_core::Value;
    /// use floe_immutable::FrozenDictRef;
    /// let d = FrozenDictRef::new([(Value::str("k"), Value::Int(1))]).unwrap();
    /// assert!(d.entries().values().all(|v| v.is(&Value::Int(1))));
    /// ```
    pub fn entries(&self) -> &FrozenDict<FrozenKey, FrozenValue, KeyHasher> {
        &self
            .0
            .native::<DictBody>()
            .expect("checked at construction")
            .0
    }

    /// The number of entries.
    ///
    /// # Examples
    /// ```
    /// use floe_core::Value;
    /// use floe_immutable::FrozenDictRef;
    /// assert_eq!(FrozenDictRef::new([(Value::Int(1), Value::Int(2))]).unwrap().len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.entries().len()
    }

    /// `true` if there are no entries.
    ///
    /// # Examples
    /// ```
    /// use floe_core::Value;
    /// use floe_immutable::FrozenDictRef;
    /// assert!(FrozenDictRef::new([]).unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.entries().is_empty()
    }

    /// The value for `key`.
    ///
    /// # Errors
    /// [`CoreError::Unhashable`] if `key` cannot be a key.
    ///
    /// # Examples
    /// ```
    /// use floe_core::Value;
    /// use floe_immutable::FrozenDictRef;
    /// let d = FrozenDictRef::new([(Value::Int(1), Value::Int(2))]).unwrap();
    /// assert!(d.get(&Value::Int(1)).unwrap().unwrap().is(&Value::Int(2)));
    /// assert!(d.get(&Value::Int(3)).unwrap().is_none());
    /// ```
    pub fn get(&self, key: &Value) -> Result<Option<Value>, CoreError> {
        let key = key_of(key)?;
        Ok(self.entries().get(&key).map(|v| (**v).clone()))
    }

    /// The pairs, in insertion order (each a new reference).
    ///
    /// # Examples
    /// ```
    /// use floe_core::Value;
    /// use floe_immutable::FrozenDictRef;
    /// let d = FrozenDictRef::new([(Value::Int(2), Value::None), (Value::Int(1), Value::None)]).unwrap();
    /// let keys: Vec<Value> = d.pairs().map(|(k, _)| k).collect();
    /// assert!(keys[0].is(&Value::Int(2)) && keys[1].is(&Value::Int(1)));
    /// ```
    pub fn pairs(&self) -> impl Iterator<Item = (Value, Value)> + '_ {
        self.entries()
            .iter()
            .map(|(k, v)| (k.key().value().clone(), (**v).clone()))
    }

    /// `self | other`: `other`'s values win, `self`'s order first. Both frozen already.
    ///
    /// # Examples
    /// ```
    /// use floe_core::Value;
    /// use floe_immutable::FrozenDictRef;
    /// let a = FrozenDictRef::new([(Value::Int(1), Value::Int(1))]).unwrap();
    /// let b = FrozenDictRef::new([(Value::Int(1), Value::Int(2))]).unwrap();
    /// assert!(a.union(&b).get(&Value::Int(1)).unwrap().unwrap().is(&Value::Int(2)));
    /// ```
    pub fn union(&self, other: &FrozenDictRef) -> Self {
        FrozenDictRef(ObjRef::new_native(DictBody(
            self.entries().union(other.entries()),
        )))
    }
}

native_handle!(FrozenDictRef, DictBody, "frozendict");

/// The indices Python's `seq[start:stop:step]` selects from a sequence of `len` elements
/// (negative bounds count from the end, bounds are clamped, `None` is the default).
///
/// # Errors
/// A `step` of zero (Python's `ValueError: slice step cannot be zero`).
///
/// # Examples
/// ```
/// use floe_immutable::slice_indices;
/// assert_eq!(slice_indices(5, Some(1), None, None).unwrap(), [1, 2, 3, 4]);
/// assert_eq!(slice_indices(5, None, None, Some(-2)).unwrap(), [4, 2, 0]);
/// assert_eq!(slice_indices(5, Some(-2), Some(100), None).unwrap(), [3, 4]);
/// assert_eq!(slice_indices(5, Some(1), None, Some(i64::MAX)).unwrap(), [1]);
/// assert_eq!(slice_indices(5, Some(i64::MIN), Some(i64::MAX), Some(i64::MIN)).unwrap(), []);
/// ```
pub fn slice_indices(
    len: usize,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> Result<Vec<usize>, &'static str> {
    let len = len as i64;
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err("slice step cannot be zero");
    }
    let clamp = |i: Option<i64>, default: i64, lo: i64, hi: i64| match i {
        None => default,
        Some(i) if i < 0 => (i + len).max(lo),
        Some(i) => i.min(hi),
    };
    // How many positions a walk from `from` towards `to` by `by` visits (wide: `by` may
    // be i64::MIN).
    let count = |from: i64, to: i64, by: i64| {
        let (span, by) = (i128::from(to) - i128::from(from), i128::from(by));
        if span.signum() == by.signum() {
            usize::try_from((span + by - by.signum()) / by).unwrap_or(0)
        } else {
            0
        }
    };
    let mut out = Vec::new();
    if step > 0 {
        let (start, stop) = (clamp(start, 0, 0, len), clamp(stop, len, 0, len));
        out.reserve(count(start, stop, step));
        let mut i = start;
        while i < stop {
            out.push(i as usize);
            // A step past the end may overflow 64 bits: the walk is over then.
            let Some(next) = i.checked_add(step) else {
                break;
            };
            i = next;
        }
    } else {
        let (start, stop) = (
            clamp(start, len - 1, -1, len - 1),
            clamp(stop, -1, -1, len - 1),
        );
        out.reserve(count(start, stop, step));
        let mut i = start;
        while i > stop {
            out.push(i as usize);
            let Some(next) = i.checked_add(step) else {
                break;
            };
            i = next;
        }
    }
    Ok(out)
}
