//! Values: immediates (frozen from birth) and references to heap objects; hashing keys.

use crate::{CoreError, Kind, ObjRef, Str};
use std::fmt;
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// A Floe value: an immediate or a counted reference to a heap object.
///
/// Immediates (`None`, `bool`, `int`, `float`, `str`) are frozen from birth (semantics §1).
/// Cloning a `Value::Obj` takes a new reference; dropping it releases one. A `Value` holding
/// an `Obj` is not `Send`: see [`crate::Frozen`] for sharing.
///
/// `int` is a 64-bit integer in the core; arbitrary precision arrives with the interpreter
/// (RFC-0001 §7).
///
/// Two words: the variant's tag fills the first (`repr(u64)`), the payload the second.
/// With the default layout a `bool` sat in the tag word's second byte, and every copy of a
/// value — into an `Option`, a `Result`, a return slot — moved bytes 1–7 through the
/// stack in two overlapping 4-byte moves, a store-forwarding stall on each read of a
/// list element (8% of tic-tac-toe's time). Niches are kept: `Option<Value>` is still
/// 16 bytes.
#[repr(u64)]
pub enum Value {
    /// Python's `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A string.
    Str(Str),
    /// A reference to a heap object.
    Obj(ObjRef),
}

impl Clone for Value {
    /// A new reference for `Obj` and `Str` (its count taken by cloning the handle, whose
    /// clone has the same bits), then the two words copied whole.
    #[inline]
    fn clone(&self) -> Value {
        match self {
            Value::Obj(o) => {
                let counted = o.clone();
                debug_assert!(counted.ptr_eq(o), "a handle's clone has its bits");
                std::mem::forget(counted);
            }
            Value::Str(s) => {
                let counted = s.clone();
                debug_assert!(Str::ptr_eq(&counted, s), "a handle's clone has its bits");
                std::mem::forget(counted);
            }
            // Named one by one, so that a variant added later must choose its own arm.
            Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) => {}
        }
        // SAFETY: the count the forgotten handle took belongs to the copy; the immediates
        // own nothing.
        unsafe { crate::raw::copy_counted(self) }
    }
}

impl Value {
    /// A `str` value.
    pub fn str(s: &str) -> Value {
        Value::Str(Str::new(s))
    }

    /// `true` for immediates and frozen objects.
    pub fn is_frozen(&self) -> bool {
        match self {
            Value::Obj(o) => o.is_frozen(),
            _ => true,
        }
    }

    /// The heap object, if this is a reference.
    pub fn as_obj(&self) -> Option<&ObjRef> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }

    /// Python's `is`: the same object, or equal immediates of the same type.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Obj(a), Value::Obj(b)) => a.ptr_eq(b),
            _ => false,
        }
    }

    /// The Python type name: `int`, `str`, `list`, or an instance's class name.
    pub fn type_name(&self) -> String {
        match self {
            Value::None => "NoneType".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_) => "int".into(),
            Value::Float(_) => "float".into(),
            Value::Str(_) => "str".into(),
            Value::Obj(o) => o.type_name(),
        }
    }
}

impl fmt::Debug for Value {
    /// Python-like `repr` for immediates; heap objects as `<list object #addr (local)>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::None => f.write_str("None"),
            Value::Bool(true) => f.write_str("True"),
            Value::Bool(false) => f.write_str("False"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) if x.fract() == 0.0 && x.is_finite() => write!(f, "{x:.1}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::Str(s) => write!(f, "{s:?}"),
            Value::Obj(o) => write!(f, "<{}>", o.describe()),
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}
impl From<f64> for Value {
    fn from(x: f64) -> Value {
        Value::Float(x)
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::str(s)
    }
}
impl From<ObjRef> for Value {
    fn from(o: ObjRef) -> Value {
        Value::Obj(o)
    }
}

/// A hashable value with its hash computed once: the key type of dicts and sets.
///
/// Hashing and equality follow Python for the core types: `1`, `1.0` and `True` are the
/// same key; strings by content; tuples by their elements; instances and classes by
/// identity; native objects as their body says ([`crate::NativeBody::key_hash`]). Lists,
/// dicts and sets are unhashable.
#[derive(Clone)]
pub struct Key {
    hash: u64,
    value: Value,
}

/// Keys hash with foldhash at a fixed seed: fast, and the same in every thread and run
/// (a frozen dict built on one thread is probed from another with the same hashes).
pub(crate) fn hasher() -> foldhash::fast::FoldHasher<'static> {
    std::hash::BuildHasher::build_hasher(&foldhash::fast::FixedState::with_seed(0x5eed_f10e))
}

fn hash_one(x: impl Hash) -> u64 {
    let mut h = hasher();
    x.hash(&mut h);
    h.finish()
}

fn int_hash(i: i64) -> u64 {
    hash_one(i)
}

impl Key {
    /// Makes a key, computing its hash.
    ///
    /// # Errors
    /// [`CoreError::Unhashable`] for a list, dict or set, or a tuple containing one.
    pub fn new(value: Value) -> Result<Key, CoreError> {
        Ok(Key::new_noting_instances(value)?.0)
    }

    /// As [`Key::new`], also telling whether the value is an instance or a tuple holding
    /// one: the keys whose hashing an interpreter may want to define itself (a class's
    /// `__hash__`), found in the same walk that hashes them.
    ///
    /// # Errors
    /// As [`Key::new`].
    ///
    /// # Examples
    /// ```
    /// use floe_core::{Class, Instance, Key, Tuple, Value};
    /// let (_, seen) = Key::new_noting_instances(Tuple::new([Value::Int(1)]).into()).unwrap();
    /// assert!(!seen);
    /// let obj = Instance::new(&Class::new("C", &[]));
    /// let (_, seen) = Key::new_noting_instances(Tuple::new([obj.into()]).into()).unwrap();
    /// assert!(seen);
    /// ```
    pub fn new_noting_instances(value: Value) -> Result<(Key, bool), CoreError> {
        let mut instances = false;
        let hash = Key::hash_of(&value, 0, &mut instances)?;
        Ok((Key { hash, value }, instances))
    }

    /// A key whose hash was computed outside the core: for a value whose equality the
    /// caller defines (an instance of a class with `__hash__` and `__eq__`). The core
    /// still compares such keys by its own rule (identity for instances), so the caller
    /// finds an equal key already present with [`crate::Dict::find_key`] or
    /// [`crate::Set::find_key`] and uses that one. Every key of the same value must be
    /// made with the same hash, or lookups miss it (they never fail otherwise).
    ///
    /// # Examples
    /// ```
    /// use floe_core::{Key, Value};
    /// let k = Key::with_hash(Value::Int(7), 42);
    /// assert_eq!(k.hash_code(), 42);
    /// ```
    pub fn with_hash(value: Value, hash: u64) -> Key {
        Key { hash, value }
    }

    fn hash_of(value: &Value, depth: usize, instances: &mut bool) -> Result<u64, CoreError> {
        if depth > MAX_KEY_DEPTH {
            return Err(CoreError::TooDeep { what: "hash" });
        }
        Ok(match value {
            Value::None => 0x6e6f6e65,
            Value::Bool(b) => int_hash(i64::from(*b)),
            Value::Int(i) => int_hash(*i),
            Value::Float(x) => {
                if x.fract() == 0.0 && *x >= i64::MIN as f64 && *x < i64::MAX as f64 {
                    int_hash(*x as i64)
                } else {
                    hash_one(x.to_bits())
                }
            }
            Value::Str(s) => s.hash_code(),
            Value::Obj(o) => match o.kind() {
                Kind::Tuple => {
                    let mut h = hasher();
                    for item in o.items_snapshot() {
                        h.write_u64(Key::hash_of(&item, depth + 1, instances)?);
                    }
                    h.finish()
                }
                Kind::Instance => {
                    *instances = true;
                    hash_one(o.id())
                }
                Kind::Function | Kind::Class | Kind::Region => hash_one(o.id()),
                Kind::Native => o
                    .native_body()
                    .expect("native objects are frozen")
                    .key_hash()?,
                Kind::List | Kind::Dict | Kind::Set => {
                    return Err(CoreError::Unhashable { ty: o.type_name() })
                }
            },
        })
    }

    /// The key's value.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The cached hash.
    pub fn hash_code(&self) -> u64 {
        self.hash
    }
}

/// How deep tuples may nest inside a key: hashing and comparing recurse, and a key
/// nested deeper is refused ([`CoreError::TooDeep`], Python's `RecursionError`) rather
/// than overflowing the stack.
pub const MAX_KEY_DEPTH: usize = 1_000;

fn key_eq(a: &Value, b: &Value) -> bool {
    fn num(v: &Value) -> Option<f64> {
        match v {
            Value::Bool(b) => Some(f64::from(u8::from(*b))),
            Value::Int(i) => Some(*i as f64),
            Value::Float(x) => Some(*x),
            _ => None,
        }
    }
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x == y || x.to_bits() == y.to_bits(),
        (Value::None, Value::None) => true,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Obj(x), Value::Obj(y)) => {
            x.ptr_eq(y)
                || (x.kind() == Kind::Tuple && y.kind() == Kind::Tuple && {
                    let (xs, ys) = (x.items_snapshot(), y.items_snapshot());
                    xs.len() == ys.len() && xs.iter().zip(&ys).all(|(p, q)| key_eq(p, q))
                })
                || matches!((x.native_body(), y.native_body()), (Some(p), Some(q)) if p.key_eq(q))
        }
        _ => match (num(a), num(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.hash == other.hash && key_eq(&self.value, &other.value)
    }
}
impl Eq for Key {}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

/// Passes a [`Key`]'s cached hash through unchanged.
#[derive(Default)]
pub struct KeyHashState(u64);

impl Hasher for KeyHashState {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The `BuildHasher` of dicts and sets.
pub type KeyHasher = BuildHasherDefault<KeyHashState>;
