//! Native objects: object-model types whose body is defined outside the core
//! (RFC-0004 "The runtime face"), such as `frozenlist` and `frozendict`.
//!
//! A native object is **frozen from birth**, as a one-member component: its body is never
//! written, so it needs no borrow flag and every thread may read it. What it holds is
//! either plain `Send + Sync` Rust data or [`FrozenValue`]s — values checked frozen when
//! they were made, which is what makes a body of them safe to share.

use std::any::Any;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use crate::body::Body;
use crate::{CoreError, Key, Kind, ObjRef, Value};

/// The body of a native object.
///
/// Implementors hold their references as [`FrozenValue`]s or [`FrozenKey`]s and report
/// each of them in [`NativeBody::for_each_value`], which counting, reclamation and
/// [`ObjRef::references`] use.
pub trait NativeBody: Any + Send + Sync {
    /// The Python type name (`"frozenlist"`).
    fn type_name(&self) -> &'static str;

    /// Calls `f` on every value the body holds, once per reference.
    fn for_each_value(&self, f: &mut dyn FnMut(&Value));

    /// The hash of the object as a dict key or set element; by default unhashable.
    ///
    /// # Errors
    /// [`CoreError::Unhashable`] when the object (or an element) cannot be a key.
    fn key_hash(&self) -> Result<u64, CoreError> {
        Err(CoreError::Unhashable {
            ty: self.type_name().to_string(),
        })
    }

    /// Key equality with another native body (identity is checked before this is asked).
    /// Must agree with [`NativeBody::key_hash`]: equal bodies hash alike.
    fn key_eq(&self, other: &dyn NativeBody) -> bool {
        let _ = other;
        false
    }
}

/// A value known to be frozen (an immediate or a frozen object), and so `Send + Sync`:
/// what a native body holds.
#[derive(Clone)]
pub struct FrozenValue(Value);

// SAFETY: the value is an immediate (plain data) or a frozen object: its count is the
// atomic count of its component (RFC-0001 invariant 3) and its body is never written, so
// cloning, reading and dropping it from any thread is what `Frozen` already allows.
unsafe impl Send for FrozenValue {}
// SAFETY: as for `Send`: every operation on a frozen value through `&` is thread-safe.
unsafe impl Sync for FrozenValue {}

impl FrozenValue {
    /// Wraps `value` if it is frozen; gives it back otherwise.
    ///
    /// # Errors
    /// The value itself, when it is a mutable object.
    pub fn new(value: Value) -> Result<FrozenValue, Value> {
        if value.is_frozen() {
            Ok(FrozenValue(value))
        } else {
            Err(value)
        }
    }

    /// The value.
    pub fn into_value(self) -> Value {
        self.0
    }
}

impl Deref for FrozenValue {
    type Target = Value;
    fn deref(&self) -> &Value {
        &self.0
    }
}

impl fmt::Debug for FrozenValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A dict key whose value is frozen: a [`Key`] that is `Send + Sync`, hashed and compared
/// as the `Key` is (it can be looked up with any `Key`).
#[derive(Clone, PartialEq, Eq)]
pub struct FrozenKey(Key);

// SAFETY: as for `FrozenValue`: the key's value is frozen, its hash a plain number.
unsafe impl Send for FrozenKey {}
// SAFETY: as for `FrozenValue`.
unsafe impl Sync for FrozenKey {}

impl FrozenKey {
    /// Wraps `key` if its value is frozen; gives it back otherwise.
    ///
    /// # Errors
    /// The key itself, when its value is a mutable object (an instance hashed by identity).
    pub fn new(key: Key) -> Result<FrozenKey, Key> {
        if key.value().is_frozen() {
            Ok(FrozenKey(key))
        } else {
            Err(key)
        }
    }

    /// The key.
    pub fn key(&self) -> &Key {
        &self.0
    }
}

impl Hash for FrozenKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl std::borrow::Borrow<Key> for FrozenKey {
    fn borrow(&self) -> &Key {
        &self.0
    }
}

impl fmt::Debug for FrozenKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl ObjRef {
    /// Makes a native object around `body`, frozen from birth (a one-member component
    /// whose references all point at frozen objects).
    pub fn new_native(body: impl NativeBody) -> ObjRef {
        let obj = ObjRef::alloc_frozen_if_closed(Kind::Native, Body::Native(Box::new(body)));
        assert!(
            obj.is_frozen(),
            "a native body holds only frozen values, so it freezes alone"
        );
        obj
    }

    /// The body of a native object of type `T`; `None` for any other object.
    pub fn native<T: NativeBody>(&self) -> Option<&T> {
        match self.obj().frozen_body()? {
            Body::Native(b) => (&**b as &dyn Any).downcast_ref::<T>(),
            _ => None,
        }
    }

    /// The body of a native object, whatever its type.
    pub(crate) fn native_body(&self) -> Option<&dyn NativeBody> {
        match self.obj().frozen_body()? {
            Body::Native(b) => Some(&**b),
            _ => None,
        }
    }
}
