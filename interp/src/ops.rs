//! Operators: arithmetic (with arbitrary-precision ints), comparison, equality, hashing,
//! truth, iteration, and item access — Python's rules over Floe's values.

use std::cmp::Ordering;

use std::sync::{LazyLock, OnceLock};

use floe_core::{
    AttrHint, Class, CoreError, Dict, Frozen, Key, Kind, List, NativeBody, ObjRef, Str, Tuple,
    Value,
};
use floe_freeze::FreezeError;
use floe_immutable::{slice_indices, FrozenDictRef, FrozenListRef};
use malachite_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use rustpython_parser::ast::{CmpOp, Operator, UnaryOp};

use crate::errors::Flow;
use crate::interp::{Args, Interp};
use crate::runtime::{BigIntBody, RangeBody};
use crate::sets::set_like;
use crate::subclass::base_value;
use crate::Res;

/// An `int` value: an immediate when it fits 64 bits, a big integer otherwise.
pub(crate) fn int_value(i: BigInt) -> Value {
    match i.to_i64() {
        Some(small) => Value::Int(small),
        None => Value::Obj(ObjRef::new_native(BigIntBody(i))),
    }
}

/// The integer part of a finite float, exactly (a float past 2^63 is still an integer
/// Python can hold); `None` for NaN and the infinities.
pub(crate) fn int_of_float(f: f64) -> Option<Value> {
    if !f.is_finite() {
        return None;
    }
    let t = f.trunc();
    if t.abs() < 9.0e18 {
        return Some(Value::Int(t as i64));
    }
    // A float this large is an integer; its exact decimal digits are its value.
    format!("{t:.0}").parse::<BigInt>().ok().map(int_value)
}

/// The integer of an `int` or `bool` value (or of an instance of a subclass of `int`).
pub(crate) fn as_big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(i64::from(*b))),
        Value::Obj(o) if o.kind() == Kind::Instance => base_value(v).and_then(|b| as_big(&b)),
        Value::Obj(o) => o.native::<BigIntBody>().map(|b| b.0.clone()),
        _ => None,
    }
}

/// A number as a float (ints, bools, big ints, floats, and instances of their
/// subclasses).
pub(crate) fn as_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::Obj(o) if o.kind() == Kind::Instance => base_value(v).and_then(|b| as_f64(&b)),
        Value::Obj(o) => o.native::<BigIntBody>().and_then(|b| b.0.to_f64()),
        _ => None,
    }
}

/// The exact order of an int and a float (either way round), as CPython compares them:
/// the int is never rounded to a float. `Some(None)` when the float is a NaN (unordered);
/// `None` for any other pair of operands.
fn int_float_order(a: &Value, b: &Value) -> Option<Option<Ordering>> {
    let (i, f, flipped) = match (a, b) {
        (x, Value::Float(f)) if is_int(x) => (as_big(x)?, *f, false),
        (Value::Float(f), y) if is_int(y) => (as_big(y)?, *f, true),
        _ => return None,
    };
    let ord = if f.is_nan() {
        None
    } else if f.is_infinite() {
        Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        })
    } else {
        // The float's floor is an integer: compare with it exactly, then its fraction.
        let floor = as_big(&int_of_float(f.floor())?)?;
        Some(match i.cmp(&floor) {
            Ordering::Equal if f.floor() != f => Ordering::Less,
            o => o,
        })
    };
    Some(if flipped {
        ord.map(Ordering::reverse)
    } else {
        ord
    })
}

/// `x / y` for ints, correctly rounded as CPython's true division is (an int too large
/// to convert exactly is not rounded first); `None` when the quotient overflows a float.
fn int_true_div(x: &BigInt, y: &BigInt) -> Option<f64> {
    const EXACT: u64 = 53;
    if x.bits() <= EXACT && y.bits() <= EXACT {
        return Some(x.to_f64()? / y.to_f64()?);
    }
    let negative = x.is_negative() != y.is_negative();
    let (mut a, mut b) = (x.abs(), y.abs());
    // Scale so that the quotient has 55 or 56 bits: two below the 53 kept, the last of
    // them made sticky by a nonzero remainder, so the one rounding to float is exact.
    let shift = 55 - (i64::try_from(a.bits()).ok()? - i64::try_from(b.bits()).ok()?);
    if shift > 0 {
        a <<= shift as u64;
    } else {
        b <<= shift.unsigned_abs();
    }
    let (q, r) = a.div_rem(&b);
    let q = if r.is_zero() { q } else { q | BigInt::from(1) };
    // 2^-shift in two factors, each a normal float even where the quotient is subnormal.
    let e = i32::try_from(-shift).ok()?;
    let scaled = q.to_f64()? * 2f64.powi(e / 2) * 2f64.powi(e - e / 2);
    let v = if negative { -scaled } else { scaled };
    v.is_finite().then_some(v)
}

/// `true` for an `int` (or `bool`, or an instance of a subclass of `int`).
fn is_int(v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Bool(_) => true,
        Value::Obj(o) if o.kind() == Kind::Instance => base_value(v).is_some_and(|b| is_int(&b)),
        Value::Obj(o) => o.native::<BigIntBody>().is_some(),
        _ => false,
    }
}

/// `true` for an instance (of a user class or a built-in one): what can have special
/// methods of its own.
fn is_instance(v: &Value) -> bool {
    matches!(v, Value::Obj(o) if o.kind() == Kind::Instance)
}

/// The order of two values that compare with no special method and no error: two
/// ints, two strs (code point order), or two floats neither of which is a NaN; `None`
/// for anything else (the full comparison decides).
#[inline]
pub(crate) fn primitive_order(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Str(x), Value::Str(y)) => Some(x.cmp(y)),
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
        _ => None,
    }
}

/// Whether `op` (an ordering comparison) holds of two operands that compare as `ord`.
fn holds(op: CmpOp, ord: Ordering) -> bool {
    match op {
        CmpOp::Lt => ord == Ordering::Less,
        CmpOp::LtE => ord != Ordering::Greater,
        CmpOp::Gt => ord == Ordering::Greater,
        _ => ord != Ordering::Less,
    }
}

impl Iter {
    /// The next value of an iteration that runs no Python code — a range, a vector of
    /// items, a list or tuple by position (`Some(None)` once it is over); `None` for
    /// the others, which [`Interp::next`] advances.
    #[inline]
    pub(crate) fn next_in_place(&mut self) -> Option<Option<Value>> {
        Some(match self {
            Iter::Range { cur, stop, step } => {
                if (*step > 0 && *cur < *stop) || (*step < 0 && *cur > *stop) {
                    let v = *cur;
                    *cur += *step;
                    Some(Value::Int(v))
                } else {
                    None
                }
            }
            Iter::Items(items) => items.next(),
            Iter::Seq(seq, i) => {
                let v = seq.seq_item(*i);
                *i += 1;
                v
            }
            Iter::Object(Value::Obj(o)) => return advance_seq_iterator(o),
            _ => return None,
        })
    }
}

/// How far two sequences' leading items settle their order.
enum Prefix {
    /// Primitive items (or identical ones) decide it, or all are equal and the lengths do.
    Decided(Ordering),
    /// The items at this position need the interpreter's comparison (those before are
    /// equal).
    At(usize),
}

/// For two tuples or two lists (not one of each), Python's sequence order as far as
/// identical and primitive items settle it, read in place; `None` for other operands.
fn seq_prefix(x: &ObjRef, y: &ObjRef) -> Option<Prefix> {
    if x.kind() != y.kind() {
        return None;
    }
    x.with_seq_items(|xs| {
        y.with_seq_items(|ys| {
            for (i, (p, q)) in xs.iter().zip(ys).enumerate() {
                if p.is(q) {
                    continue;
                }
                match primitive_order(p, q) {
                    Some(Ordering::Equal) => {}
                    Some(ord) => return Prefix::Decided(ord),
                    None => return Prefix::At(i),
                }
            }
            Prefix::Decided(xs.len().cmp(&ys.len()))
        })
    })
    .flatten()
}

fn small_int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

/// Iteration state for `for` loops, comprehensions and built-ins.
pub(crate) enum Iter {
    Range {
        cur: i64,
        stop: i64,
        step: i64,
    },
    Items(std::vec::IntoIter<Value>),
    /// A list or a tuple, by position: elements a list gains during the loop are seen,
    /// as in Python, and a tuple is not copied.
    Seq(ObjRef, i64),
    /// An iterator object (`iter(x)`), advanced in place.
    Object(Value),
    /// A user object with `__next__`.
    User(Value),
    /// A generator or lazy iterator object, advanced through the interpreter's table.
    Suspended(ObjRef),
    /// A lazy iterator's state, taken from an object nothing else referenced.
    Lazy(Box<crate::lazy::Lazy>),
}

/// The body of a built-in singleton: `NotImplemented`, the one value a special method
/// returns to say it does not handle its operands (Python then tries the reflected
/// method), or `Ellipsis` (`...`).
pub(crate) struct Singleton {
    /// Its type's name (`NotImplementedType`, `ellipsis`).
    type_name: &'static str,
    /// Its `repr` (`NotImplemented`, `Ellipsis`).
    pub(crate) repr: &'static str,
}

const NOT_IMPLEMENTED: Singleton = Singleton {
    type_name: "NotImplementedType",
    repr: "NotImplemented",
};
const ELLIPSIS: Singleton = Singleton {
    type_name: "ellipsis",
    repr: "Ellipsis",
};

impl NativeBody for Singleton {
    fn type_name(&self) -> &'static str {
        self.type_name
    }
    fn for_each_value(&self, _: &mut dyn FnMut(&Value)) {}
    fn key_hash(&self) -> Result<u64, CoreError> {
        Ok(self.repr.len() as u64 ^ 0x4e49_4d50)
    }
    fn key_eq(&self, other: &dyn NativeBody) -> bool {
        (other as &dyn std::any::Any)
            .downcast_ref::<Singleton>()
            .is_some_and(|o| o.repr == self.repr)
    }
}

/// The frozen, immortal object of a singleton, made once per process.
fn singleton(cell: &'static OnceLock<Frozen>, body: Singleton) -> Value {
    let one = cell.get_or_init(|| {
        Frozen::try_from(ObjRef::new_native(body))
            .expect("native objects are frozen")
            .into_immortal()
    });
    Value::Obj(one.get().clone())
}

/// `NotImplemented`: one frozen object for the process.
pub(crate) fn not_implemented() -> Value {
    static ONE: OnceLock<Frozen> = OnceLock::new();
    singleton(&ONE, NOT_IMPLEMENTED)
}

/// `Ellipsis` (`...`): one frozen object for the process.
pub(crate) fn ellipsis() -> Value {
    static ONE: OnceLock<Frozen> = OnceLock::new();
    singleton(&ONE, ELLIPSIS)
}

/// `true` if `v` is `NotImplemented`.
pub(crate) fn is_not_implemented(v: &Value) -> bool {
    v.as_obj()
        .and_then(|o| o.native::<Singleton>())
        .is_some_and(|s| s.repr == NOT_IMPLEMENTED.repr)
}

/// The reflection of a comparison: `a < b` is `b > a`.
fn reflected(op: CmpOp) -> (CmpOp, &'static str) {
    match op {
        CmpOp::Lt => (CmpOp::Gt, "__gt__"),
        CmpOp::LtE => (CmpOp::GtE, "__ge__"),
        CmpOp::Gt => (CmpOp::Lt, "__lt__"),
        _ => (CmpOp::LtE, "__le__"),
    }
}

/// An operator's symbol, its special method, the reflected one, and the in-place one.
fn operator_names(op: Operator) -> (&'static str, &'static str, &'static str, &'static str) {
    match op {
        Operator::Add => ("+", "__add__", "__radd__", "__iadd__"),
        Operator::Sub => ("-", "__sub__", "__rsub__", "__isub__"),
        Operator::Mult => ("*", "__mul__", "__rmul__", "__imul__"),
        Operator::MatMult => ("@", "__matmul__", "__rmatmul__", "__imatmul__"),
        Operator::Div => ("/", "__truediv__", "__rtruediv__", "__itruediv__"),
        Operator::Mod => ("%", "__mod__", "__rmod__", "__imod__"),
        Operator::Pow => ("**", "__pow__", "__rpow__", "__ipow__"),
        Operator::LShift => ("<<", "__lshift__", "__rlshift__", "__ilshift__"),
        Operator::RShift => (">>", "__rshift__", "__rrshift__", "__irshift__"),
        Operator::BitOr => ("|", "__or__", "__ror__", "__ior__"),
        Operator::BitXor => ("^", "__xor__", "__rxor__", "__ixor__"),
        Operator::BitAnd => ("&", "__and__", "__rand__", "__iand__"),
        Operator::FloorDiv => ("//", "__floordiv__", "__rfloordiv__", "__ifloordiv__"),
    }
}

impl Interp {
    /// A user class's special method, if `v` is an instance whose class defines it (or
    /// a class whose metaclass does: [`Interp::class_special`]). `name` is a special
    /// method's name (interned: the set is fixed).
    pub(crate) fn special(&self, v: &Value, name: &str) -> Option<Value> {
        let o = v.as_obj()?;
        if o.kind() != Kind::Instance {
            return self.class_special(o, name);
        }
        let class = o.class_of()?;
        crate::runtime::types()
            .builtin_name(class.as_obj())
            .is_none()
            .then_some(())?;
        self.methods.lookup_special(&class, name)
    }

    /// The special method `name` of a class's stand-in metaclass: the class that its
    /// attribute `__metaclass__` names (Python 2's spelling; floe has no `metaclass=`).
    /// Its `__iter__`, `__len__`, `__contains__` and `__getitem__` apply to the class
    /// itself, which is what `enum` needs (`for m in Color`, `Color['RED']`), and its
    /// `__instancecheck__` answers `isinstance(x, cls)` when `x`'s class does not derive
    /// from `cls` (what `collections.abc` needs); nothing else of a metaclass does.
    #[cold]
    fn class_special(&self, o: &ObjRef, name: &str) -> Option<Value> {
        if o.kind() != Kind::Class
            || !matches!(
                name,
                "__iter__" | "__len__" | "__contains__" | "__getitem__" | "__instancecheck__"
            )
        {
            return None;
        }
        let meta = Class::try_from(o.clone()).ok()?.lookup("__metaclass__")?;
        Class::try_from(meta.as_obj()?.clone()).ok()?.lookup(name)
    }

    /// `this.name(other)` if the class of `this` defines it and it does not return
    /// `NotImplemented`.
    fn try_special(&mut self, this: &Value, name: &str, other: &Value) -> Res<Option<Value>> {
        let Some(f) = self.special(this, name) else {
            return Ok(None);
        };
        let r = self.call_special(f, this, [other.clone()])?;
        Ok((!is_not_implemented(&r)).then_some(r))
    }

    /// `true` if `b`'s class is a proper subclass of `a`'s that defines `name` itself:
    /// Python then asks `b`'s reflected method first.
    fn reflected_first(&self, a: &Value, b: &Value, name: &str) -> bool {
        let (Some(ca), Some(cb)) = (
            a.as_obj().and_then(ObjRef::class_of),
            b.as_obj().and_then(ObjRef::class_of),
        ) else {
            return false;
        };
        !ca.as_obj().ptr_eq(cb.as_obj())
            && cb.is_subclass(&ca)
            && self.special(b, name).is_some()
            && cb
                .lookup(name)
                .map(|f| f.is(&ca.lookup(name).unwrap_or(Value::None)))
                == Some(false)
    }

    pub(crate) fn call_special<const N: usize>(
        &mut self,
        f: Value,
        this: &Value,
        rest: [Value; N],
    ) -> Res<Value> {
        if let Value::Obj(func) = &f {
            if func.kind() == Kind::Function {
                return self.call_function_on(func, this, rest);
            }
        }
        let mut pos = Vec::with_capacity(1 + N);
        pos.push(this.clone());
        pos.extend(rest);
        self.call(&f, Args::of(pos))
    }

    /// `a op b`.
    pub(crate) fn binary(&mut self, op: Operator, a: &Value, b: &Value) -> Res<Value> {
        self.binary_as(op, a, b, false)
    }

    /// `a op b`; an error names the operator as `+=` when `augmented`.
    fn binary_as(&mut self, op: Operator, a: &Value, b: &Value, augmented: bool) -> Res<Value> {
        if let Some(v) = self.numeric(op, a, b)? {
            return Ok(v);
        }
        // Special methods are a user class's: only instances have them.
        if is_instance(a) || is_instance(b) {
            if let Some(v) = self.user_binary(op, a, b)? {
                return Ok(v);
            }
        }
        if let Some(v) = self.container_op(op, a, b)? {
            return Ok(v);
        }
        if let Some((x, y)) = base_values(a, b) {
            return self.binary_as(op, &x, &y, augmented);
        }
        let seq = |v: &Value| {
            matches!(
                kind_name(v),
                Some("str" | "list" | "tuple" | "frozenlist" | "bytes" | "bytearray")
            )
        };
        if let (Operator::Add, Some(k @ ("str" | "list" | "tuple"))) = (op, kind_name(a)) {
            let msg = format!(
                "can only concatenate {k} (not \"{}\") to {k}",
                b.type_name()
            );
            return Err(self.exc("TypeError", msg));
        }
        if let (Operator::Add, Some(k @ ("bytes" | "bytearray"))) = (op, kind_name(a)) {
            let msg = format!("can't concat {} to {k}", b.type_name());
            return Err(self.exc("TypeError", msg));
        }
        if op == Operator::Mult && (seq(a) || seq(b)) {
            let n = if seq(a) { b } else { a };
            let msg = format!(
                "can't multiply sequence by non-int of type '{}'",
                n.type_name()
            );
            return Err(self.exc("TypeError", msg));
        }
        let (symbol, ..) = operator_names(op);
        let symbol = if augmented {
            format!("{symbol}=")
        } else {
            symbol.to_string()
        };
        self.unsupported(&symbol, a, b)
    }

    /// `a op b` through the operands' special methods (`__add__`, then `b`'s `__radd__`;
    /// the reflected one first when `b`'s class derives from `a`'s and overrides it).
    fn user_binary(&mut self, op: Operator, a: &Value, b: &Value) -> Res<Option<Value>> {
        let (_, name, rname, _) = operator_names(op);
        let b_first = self.reflected_first(a, b, rname);
        if b_first {
            if let Some(v) = self.try_special(b, rname, a)? {
                return Ok(Some(v));
            }
        }
        if let Some(v) = self.try_special(a, name, b)? {
            return Ok(Some(v));
        }
        // Operands of one class are not asked for the reflected method.
        let same_class = match (a.as_obj(), b.as_obj()) {
            (Some(x), Some(y)) => {
                x.kind() == Kind::Instance && {
                    let (cx, cy) = (x.class_of(), y.class_of());
                    cx.zip(cy)
                        .is_some_and(|(p, q)| p.as_obj().ptr_eq(q.as_obj()))
                }
            }
            _ => false,
        };
        if !b_first && !same_class {
            if let Some(v) = self.try_special(b, rname, a)? {
                return Ok(Some(v));
            }
        }
        Ok(None)
    }

    /// `TypeError: unsupported operand type(s) for +: 'A' and 'B'`.
    fn unsupported<T>(&mut self, symbol: &str, a: &Value, b: &Value) -> Res<T> {
        Err(self.exc(
            "TypeError",
            format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                symbol,
                a.type_name(),
                b.type_name()
            ),
        ))
    }

    /// `a op= b`: in place where Python updates in place — a list's `+=` and `*=`, a
    /// set's `|= &= -= ^=`, a dict's `|=`, a user class's `__iadd__` and friends — and
    /// otherwise `a op b`, rebound. An in-place update of a frozen object is a
    /// `TypeError` (semantics §2), even when it would change nothing.
    pub(crate) fn inplace(&mut self, op: Operator, a: &Value, b: &Value) -> Res<Value> {
        let Value::Obj(o) = a else {
            return self.binary_as(op, a, b, true);
        };
        match (o.kind(), op) {
            (Kind::List, Operator::Add) => {
                let l = List::try_from(o.clone()).expect("a list");
                let items = self.collect(b)?;
                let len = l.len();
                self.check_size(len as u128 + items.len() as u128)?;
                self.refuse_frozen(a, "extend")?;
                l.splice(len, len, items)
                    .map_err(|e| self.core_exc(e, &[a, b]))?;
                return Ok(a.clone());
            }
            (Kind::List, Operator::Mult) if is_int(b) => {
                let l = List::try_from(o.clone()).expect("a list");
                let items = l.to_vec();
                let n = self.repeat_count(items.len(), b)?;
                self.refuse_frozen(a, "repeat")?;
                let len = items.len();
                l.splice(0, len, repeat(&items, n))
                    .map_err(|e| self.core_exc(e, &[a]))?;
                return Ok(a.clone());
            }
            (Kind::Set, _) => {
                if let Some(v) = self.set_inplace(op, a, b)? {
                    return Ok(v);
                }
            }
            (Kind::Dict, Operator::BitOr) => {
                // `d |= x` is `d.update(x)`: any mapping or iterable of pairs.
                let d = Dict::try_from(o.clone()).expect("a dict");
                let pairs = crate::builtins::dict_pairs(self, Args::of(vec![b.clone()]))?;
                self.refuse_frozen(a, "update")?;
                for (k, v) in pairs {
                    self.dict_set(&d, k, v)?;
                }
                return Ok(a.clone());
            }
            (Kind::Instance, Operator::Add) if kind_name(a) == Some("bytearray") => {
                self.bytearray_extend(a, b)?;
                return Ok(a.clone());
            }
            (Kind::Instance, _) => {
                let (.., iname) = operator_names(op);
                if let Some(v) = self.try_special(a, iname, b)? {
                    return Ok(v);
                }
                // A subclass of list, set or dict updates its base value in place and
                // stays itself; of tuple, int or str, `a op b` on the base is rebound.
                if let Some(base) = base_value(a) {
                    let v = self.inplace(op, &base, b)?;
                    return Ok(if v.is(&base) { a.clone() } else { v });
                }
            }
            _ => {}
        }
        self.binary_as(op, a, b, true)
    }

    fn numeric(&mut self, op: Operator, a: &Value, b: &Value) -> Res<Option<Value>> {
        let instance = |v: &Value| matches!(v, Value::Obj(o) if o.kind() == Kind::Instance);
        if instance(a) || instance(b) {
            // Special methods come first; a numeric subclass's base value comes after them.
            return Ok(None);
        }
        if let (Some(x), Some(y)) = (small_int(a), small_int(b)) {
            let fast = match op {
                Operator::Add => x.checked_add(y).map(Value::Int),
                Operator::Sub => x.checked_sub(y).map(Value::Int),
                Operator::Mult => x.checked_mul(y).map(Value::Int),
                Operator::BitAnd => Some(Value::Int(x & y)),
                Operator::BitOr if !matches!((a, b), (Value::Bool(_), Value::Bool(_))) => {
                    Some(Value::Int(x | y))
                }
                Operator::BitXor => Some(Value::Int(x ^ y)),
                // i64::MIN // -1 overflows: the big path handles it.
                Operator::FloorDiv if y != 0 && (x, y) != (i64::MIN, -1) => {
                    Some(Value::Int(Integer::div_floor(&x, &y)))
                }
                Operator::Mod if y != 0 && (x, y) != (i64::MIN, -1) => {
                    Some(Value::Int(Integer::mod_floor(&x, &y)))
                }
                _ => None,
            };
            if let Some(v) = fast {
                return Ok(Some(v));
            }
        }
        if is_int(a) && is_int(b) {
            let (x, y) = (as_big(a).expect("an int"), as_big(b).expect("an int"));
            return self.big_op(op, x, y).map(Some);
        }
        let (Some(x), Some(y)) = (as_f64(a), as_f64(b)) else {
            return Ok(None);
        };
        if !matches!(a, Value::Float(_)) && !matches!(b, Value::Float(_)) {
            return Ok(None);
        }
        let zero = |me: &mut Interp| Err(me.exc("ZeroDivisionError", "float division by zero"));
        Ok(Some(Value::Float(match op {
            Operator::Add => x + y,
            Operator::Sub => x - y,
            Operator::Mult => x * y,
            Operator::Div => {
                if y == 0.0 {
                    return zero(self);
                }
                x / y
            }
            Operator::FloorDiv => {
                if y == 0.0 {
                    return zero(self);
                }
                (x / y).floor()
            }
            Operator::Mod => {
                if y == 0.0 {
                    return Err(self.exc("ZeroDivisionError", "float modulo"));
                }
                let r = x % y;
                if r != 0.0 && (r < 0.0) != (y < 0.0) {
                    r + y
                } else {
                    r
                }
            }
            Operator::Pow => {
                if x == 0.0 && y < 0.0 {
                    return Err(self.exc(
                        "ZeroDivisionError",
                        "0.0 cannot be raised to a negative power",
                    ));
                }
                let r = x.powf(y);
                if r.is_infinite() && x.is_finite() && y.is_finite() {
                    return Err(self.exc("OverflowError", "(34, 'Numerical result out of range')"));
                }
                r
            }
            _ => return Ok(None),
        })))
    }

    fn big_op(&mut self, op: Operator, x: BigInt, y: BigInt) -> Res<Value> {
        let zero = |me: &mut Interp, what: &str| Err(me.exc("ZeroDivisionError", what.to_string()));
        Ok(int_value(match op {
            Operator::Add => x + y,
            Operator::Sub => x - y,
            Operator::Mult => x * y,
            Operator::FloorDiv => {
                if y.is_zero() {
                    return zero(self, "integer division or modulo by zero");
                }
                x.div_floor(&y)
            }
            Operator::Mod => {
                if y.is_zero() {
                    return zero(self, "integer division or modulo by zero");
                }
                x.mod_floor(&y)
            }
            Operator::Div => {
                if y.is_zero() {
                    return zero(self, "division by zero");
                }
                return match int_true_div(&x, &y) {
                    Some(v) => Ok(Value::Float(v)),
                    None => Err(self.exc(
                        "OverflowError",
                        "integer division result too large for a float",
                    )),
                };
            }
            Operator::Pow => {
                if y.is_negative() && x.is_zero() {
                    return zero(self, "0.0 cannot be raised to a negative power");
                }
                if y.is_negative() {
                    let (xf, yf) = (
                        x.to_f64().unwrap_or(f64::INFINITY),
                        y.to_f64().unwrap_or(0.0),
                    );
                    return Ok(Value::Float(xf.powf(yf)));
                }
                let Some(e) = y.to_u32().filter(|&e| e <= 1_000_000) else {
                    return Err(self.exc("OverflowError", "exponent too large"));
                };
                num_traits::Pow::pow(x, e)
            }
            Operator::LShift | Operator::RShift => {
                let Some(s) = y.to_u32().filter(|&s| s <= 1 << 20) else {
                    return Err(self.exc("ValueError", "negative or too large shift count"));
                };
                if op == Operator::LShift {
                    x << s
                } else {
                    x >> s
                }
            }
            Operator::BitAnd => x & y,
            Operator::BitOr => x | y,
            Operator::BitXor => x ^ y,
            Operator::MatMult => {
                return Err(self.exc(
                    "TypeError",
                    "unsupported operand type(s) for @: 'int' and 'int'",
                ))
            }
        }))
    }

    /// `+`, `*`, `|`, `&`, `-`, `^` on sequences, sets and dicts.
    fn container_op(&mut self, op: Operator, a: &Value, b: &Value) -> Res<Option<Value>> {
        let (Some(ka), kb) = (kind_name(a), kind_name(b)) else {
            return Ok(None);
        };
        match (op, ka, kb) {
            (Operator::Mod, "str", _) => {
                let Value::Str(template) = a else {
                    unreachable!("a str")
                };
                Ok(Some(Value::str(&self.percent_format(template, b)?)))
            }
            (Operator::Add, "str", Some("str")) => {
                let (Value::Str(x), Value::Str(y)) = (a, b) else {
                    unreachable!()
                };
                self.check_size(x.len() as u128 + y.len() as u128)?;
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(x);
                s.push_str(y);
                Ok(Some(Value::str(&s)))
            }
            (Operator::Add, "list" | "tuple", Some(kb)) if kb == ka => {
                let mut items = self.collect(a)?;
                let more = self.collect(b)?;
                self.check_size(items.len() as u128 + more.len() as u128)?;
                items.extend(more);
                Ok(Some(match ka {
                    "list" => List::new(items).into(),
                    _ => Tuple::new(items).into(),
                }))
            }
            (Operator::Add, "bytes" | "bytearray", Some("bytes" | "bytearray")) => {
                let mut x = self.bytes_of(a)?.expect("bytes");
                let y = self.bytes_of(b)?.expect("bytes");
                self.check_size(x.len() as u128 + y.len() as u128)?;
                x.extend(y);
                Ok(Some(Interp::bytes_like(a, x)))
            }
            (Operator::Add, "frozenlist", Some("frozenlist")) => {
                let (x, y) = (
                    Interp::frozenlist_of(a).expect("k"),
                    Interp::frozenlist_of(b).expect("k"),
                );
                Ok(Some(x.concat(&y).into_obj().into()))
            }
            (Operator::Mult, _, Some("int")) | (Operator::Mult, "int", _) => {
                let (seq, times) = if ka == "int" { (b, a) } else { (a, b) };
                let mut n = 0;
                if kind_name(seq).is_some_and(|k| k != "int") {
                    let len = match seq {
                        Value::Str(s) => s.len(),
                        _ => self.len(seq)?,
                    };
                    n = self.repeat_count(len, times)?;
                }
                match kind_name(seq) {
                    Some("str") => {
                        let Value::Str(s) = seq else { unreachable!() };
                        Ok(Some(Value::str(&s.repeat(n))))
                    }
                    Some("list") => {
                        let items = self.collect(seq)?;
                        Ok(Some(List::new(repeat(&items, n)).into()))
                    }
                    Some("tuple") => {
                        let items = self.collect(seq)?;
                        Ok(Some(Tuple::new(repeat(&items, n)).into()))
                    }
                    Some("frozenlist") => {
                        let l = Interp::frozenlist_of(seq).expect("k");
                        Ok(Some(l.repeat(n as i64).into_obj().into()))
                    }
                    Some("bytes" | "bytearray") => {
                        let data = self.bytes_of(seq)?.expect("bytes");
                        Ok(Some(Interp::bytes_like(seq, data.repeat(n))))
                    }
                    _ => Ok(None),
                }
            }
            (Operator::BitOr, "dict" | "frozendict", Some("dict" | "frozendict")) => {
                if ka == "frozendict" {
                    // PEP 814: a union that changes nothing is the frozendict itself.
                    if self.len(b)? == 0 {
                        return Ok(Some(a.clone()));
                    }
                    if self.len(a)? == 0 && kind_name(b) == Some("frozendict") {
                        return Ok(Some(b.clone()));
                    }
                }
                let mut pairs = self.mapping_items(a)?;
                pairs.extend(self.mapping_items(b)?);
                if ka == "frozendict" {
                    let d = self.new_frozendict(pairs)?;
                    return Ok(Some(d));
                }
                Ok(Some(self.new_dict(pairs)?.into()))
            }
            (
                Operator::BitOr | Operator::BitAnd | Operator::Sub | Operator::BitXor,
                "set" | "frozenset",
                _,
            ) => self.set_op(op, a, b),
            _ => Ok(None),
        }
    }

    /// `-a`, `+a`, `~a`, `not a`.
    pub(crate) fn unary(&mut self, op: UnaryOp, v: &Value) -> Res<Value> {
        if matches!(v, Value::Obj(o) if o.kind() == Kind::Instance) && op != UnaryOp::Not {
            // The class's special method first, then a built-in subclass's base value.
            let name = match op {
                UnaryOp::USub => "__neg__",
                UnaryOp::UAdd => "__pos__",
                _ => "__invert__",
            };
            if let Some(f) = self.special(v, name) {
                return self.call_special(f, v, []);
            }
            if let Some(base) = base_value(v) {
                return self.unary(op, &base);
            }
        }
        match op {
            UnaryOp::Not => Ok(Value::Bool(!self.truthy(v)?)),
            UnaryOp::USub => match v {
                Value::Int(i) if *i != i64::MIN => Ok(Value::Int(-i)),
                Value::Float(f) => Ok(Value::Float(-f)),
                _ if is_int(v) => Ok(int_value(-as_big(v).expect("an int"))),
                _ => match self.special(v, "__neg__") {
                    Some(f) => self.call_special(f, v, []),
                    None => Err(self.exc(
                        "TypeError",
                        format!("bad operand type for unary -: '{}'", v.type_name()),
                    )),
                },
            },
            UnaryOp::UAdd => match v {
                Value::Float(_) => Ok(v.clone()),
                Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
                _ if is_int(v) => Ok(v.clone()),
                _ => Err(self.exc(
                    "TypeError",
                    format!("bad operand type for unary +: '{}'", v.type_name()),
                )),
            },
            UnaryOp::Invert => match v {
                Value::Int(i) => Ok(Value::Int(!i)),
                _ => match as_big(v) {
                    Some(i) => Ok(int_value(-i - BigInt::from(1))),
                    None => Err(self.exc(
                        "TypeError",
                        format!("bad operand type for unary ~: '{}'", v.type_name()),
                    )),
                },
            },
        }
    }

    /// One comparison of a chain.
    pub(crate) fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> Res<bool> {
        match op {
            CmpOp::Eq => self.eq(a, b),
            CmpOp::NotEq => {
                if let Some(r) = self.try_special(a, "__ne__", b)? {
                    return self.truthy(&r);
                }
                if let Some(r) = self.try_special(b, "__ne__", a)? {
                    return self.truthy(&r);
                }
                Ok(!self.eq(a, b)?)
            }
            CmpOp::Is => Ok(a.is(b)),
            CmpOp::IsNot => Ok(!a.is(b)),
            CmpOp::In => self.contains(b, a),
            CmpOp::NotIn => Ok(!self.contains(b, a)?),
            CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE => {
                if let Some(ord) = primitive_order(a, b) {
                    return Ok(holds(op, ord));
                }
                let name = match op {
                    CmpOp::Lt => "__lt__",
                    CmpOp::LtE => "__le__",
                    CmpOp::Gt => "__gt__",
                    _ => "__ge__",
                };
                if is_instance(a) || is_instance(b) {
                    if let Some(r) = self.user_compare(op, name, a, b)? {
                        return self.truthy(&r);
                    }
                }
                if matches!(a, Value::Obj(o) if matches!(o.kind(), Kind::Set | Kind::Native)) {
                    if let Some(r) = self.set_compare(op, a, b)? {
                        return Ok(r);
                    }
                }
                // A NaN is unordered: every ordering comparison with it is false.
                if let (Some(x), Some(y)) = (as_f64(a), as_f64(b)) {
                    if x.is_nan() || y.is_nan() {
                        return Ok(false);
                    }
                }
                let ord = self.order(a, b, op)?;
                Ok(holds(op, ord))
            }
        }
    }

    /// `a < b` (and `<= > >=`) through the operands' special methods: `a.__lt__(b)`, then
    /// the reflection `b.__gt__(a)` (first when `b`'s class derives from `a`'s and
    /// overrides it); `None` when neither answers.
    fn user_compare(&mut self, op: CmpOp, name: &str, a: &Value, b: &Value) -> Res<Option<Value>> {
        let (_, rname) = reflected(op);
        let b_first = self.reflected_first(a, b, rname);
        if b_first {
            if let Some(r) = self.try_special(b, rname, a)? {
                return Ok(Some(r));
            }
        }
        if let Some(r) = self.try_special(a, name, b)? {
            return Ok(Some(r));
        }
        if b_first {
            return Ok(None);
        }
        self.try_special(b, rname, a)
    }

    /// Python's ordering for numbers, strings and sequences.
    pub(crate) fn order(&mut self, a: &Value, b: &Value, op: CmpOp) -> Res<Ordering> {
        if let Some(ord) = primitive_order(a, b) {
            return Ok(ord);
        }
        // Two tuples (or two lists): the items that primitive comparisons settle are read
        // in place; the interpreter's comparison starts at the first item they do not.
        let mut start = 0;
        if let (Value::Obj(x), Value::Obj(y)) = (a, b) {
            match seq_prefix(x, y) {
                Some(Prefix::Decided(ord)) => return Ok(ord),
                Some(Prefix::At(i)) => start = i,
                None => {}
            }
        }
        if is_int(a) && is_int(b) {
            if let (Some(x), Some(y)) = (small_int(a), small_int(b)) {
                return Ok(x.cmp(&y));
            }
            return Ok(as_big(a).cmp(&as_big(b)));
        }
        if let Some(ord) = int_float_order(a, b) {
            return Ok(ord.unwrap_or(Ordering::Equal));
        }
        if let (Some(x), Some(y)) = (as_f64(a), as_f64(b)) {
            return Ok(x.partial_cmp(&y).unwrap_or(Ordering::Equal));
        }
        if let (Value::Str(x), Value::Str(y)) = (a, b) {
            return Ok(x.cmp(y));
        }
        if let Some((x, y)) = base_values(a, b) {
            return self.order(&x, &y, op);
        }
        let (ka, kb) = (kind_name(a), kind_name(b));
        let bytes = |k: Option<&str>| matches!(k, Some("bytes" | "bytearray"));
        if bytes(ka) && bytes(kb) {
            return Ok(self.bytes_of(a)?.cmp(&self.bytes_of(b)?));
        }
        let seq = |k: Option<&str>| matches!(k, Some("list" | "tuple" | "frozenlist"));
        let comparable = ka == kb
            || matches!(
                (ka, kb),
                (Some("list" | "frozenlist"), Some("list" | "frozenlist"))
            );
        if seq(ka) && seq(kb) && comparable {
            let (xs, ys) = (self.collect(a)?, self.collect(b)?);
            return self.nested(|me| {
                for (x, y) in xs.iter().zip(&ys).skip(start) {
                    if !x.is(y) && !me.eq(x, y)? {
                        // The first unequal items decide, by Python's full comparison
                        // (user classes' `__lt__` and friends included).
                        let holds = me.compare(op, x, y)?;
                        let less = matches!(op, CmpOp::Lt | CmpOp::LtE) == holds;
                        return Ok(if less {
                            Ordering::Less
                        } else {
                            Ordering::Greater
                        });
                    }
                }
                Ok(xs.len().cmp(&ys.len()))
            });
        }
        let sym = match op {
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            _ => ">=",
        };
        Err(self.exc(
            "TypeError",
            format!(
                "'{sym}' not supported between instances of '{}' and '{}'",
                a.type_name(),
                b.type_name()
            ),
        ))
    }

    /// Python's `==`.
    pub(crate) fn eq(&mut self, a: &Value, b: &Value) -> Res<bool> {
        // Values of the same primitive type have no `__eq__` to ask.
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => return Ok(x == y),
            (Value::Str(x), Value::Str(y)) => return Ok(x == y),
            (Value::Float(x), Value::Float(y)) => return Ok(x == y),
            _ => {}
        }
        if let Some(r) = self.try_special(a, "__eq__", b)? {
            return self.truthy(&r);
        }
        if let Some(r) = self.try_special(b, "__eq__", a)? {
            return self.truthy(&r);
        }
        if a.is(b) {
            return Ok(!matches!(a, Value::Float(f) if f.is_nan()));
        }
        if let Some((x, y)) = base_values(a, b) {
            return self.eq(&x, &y);
        }
        if is_int(a) && is_int(b) {
            return Ok(as_big(a) == as_big(b));
        }
        if let Some(ord) = int_float_order(a, b) {
            return Ok(ord == Some(Ordering::Equal));
        }
        if let (Some(x), Some(y)) = (as_f64(a), as_f64(b)) {
            return Ok(x == y);
        }
        match (a, b) {
            (Value::Str(x), Value::Str(y)) => return Ok(x == y),
            (Value::Obj(_), Value::Obj(_)) => {}
            _ => return Ok(false),
        }
        let (ka, kb) = (kind_name(a), kind_name(b));
        match (ka, kb) {
            (Some("list" | "frozenlist"), Some("list" | "frozenlist"))
            | (Some("tuple"), Some("tuple")) => {
                let (xs, ys) = (self.collect(a)?, self.collect(b)?);
                if xs.len() != ys.len() {
                    return Ok(false);
                }
                self.nested(|me| {
                    for (x, y) in xs.iter().zip(&ys) {
                        if !x.is(y) && !me.eq(x, y)? {
                            return Ok(false);
                        }
                    }
                    Ok(true)
                })
            }
            (Some("dict" | "frozendict"), Some("dict" | "frozendict")) => {
                let (xs, ys) = (self.mapping_items(a)?, self.mapping_items(b)?);
                if xs.len() != ys.len() {
                    return Ok(false);
                }
                self.nested(|me| {
                    for (k, v) in xs {
                        match me.mapping_get(b, &k)? {
                            Some(w) if me.eq(&v, &w)? => {}
                            _ => return Ok(false),
                        }
                    }
                    Ok(true)
                })
            }
            (Some("set" | "frozenset"), Some("set" | "frozenset")) => {
                let (x, y) = (set_like(a).expect("a set"), set_like(b).expect("a set"));
                self.nested(|me| me.set_eq(&x, &y))
            }
            (Some("bytes" | "bytearray"), Some("bytes" | "bytearray")) => {
                Ok(self.bytes_of(a)? == self.bytes_of(b)?)
            }
            (Some("range"), Some("range")) => {
                let (x, y) = (range_of(a).expect("k"), range_of(b).expect("k"));
                Ok((x.start, x.stop, x.step) == (y.start, y.stop, y.step))
            }
            _ => Ok(false),
        }
    }

    /// Runs `f` one level deeper in a structural comparison: comparing containers that
    /// contain themselves ends in `RecursionError`, not a stack overflow.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Interp) -> Res<T>) -> Res<T> {
        if self.nesting >= 200 {
            return Err(self.exc(
                "RecursionError",
                "maximum recursion depth exceeded in comparison",
            ));
        }
        self.nesting += 1;
        let r = f(self);
        self.nesting -= 1;
        r
    }

    /// Python's `hash(v)`.
    pub(crate) fn hash(&mut self, v: &Value) -> Res<i64> {
        if let Some(h) = self.instance_hash(v)? {
            return Ok(h);
        }
        if let Some(h) = self.user_hash_value(v)? {
            return Ok(h);
        }
        if let Some(base) = base_value(v) {
            return self.hash(&base);
        }
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(i64::from(*b)),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 9e18 => Ok(*f as i64),
            _ => Key::new(v.clone())
                .map(|k| k.hash_code() as i64)
                .map_err(|e| self.core_exc(e, &[v])),
        }
    }

    /// Python's truth value.
    pub(crate) fn truthy(&mut self, v: &Value) -> Res<bool> {
        Ok(match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Obj(o) => match o.kind() {
                Kind::List | Kind::Tuple | Kind::Dict | Kind::Set => self.len(v)? > 0,
                Kind::Native => {
                    if let Some(b) = o.native::<BigIntBody>() {
                        !b.0.is_zero()
                    } else if o.native::<crate::runtime::BuiltinBody>().is_some() {
                        true
                    } else {
                        self.len(v).map(|n| n > 0).unwrap_or(true)
                    }
                }
                Kind::Instance if kind_name(v) == Some("bytearray") => self.len(v)? > 0,
                Kind::Instance => {
                    if let Some(f) = self.special(v, "__bool__") {
                        let r = self.call_special(f, v, [])?;
                        return self.truthy(&r);
                    }
                    if let Some(f) = self.special(v, "__len__") {
                        let r = self.call_special(f, v, [])?;
                        return Ok(!matches!(r, Value::Int(0)));
                    }
                    match base_value(v) {
                        Some(base) => return self.truthy(&base),
                        None => true,
                    }
                }
                _ => true,
            },
        })
    }

    /// `len(v)`.
    pub(crate) fn len(&mut self, v: &Value) -> Res<usize> {
        if let Value::Str(s) = v {
            return Ok(s.chars().count());
        }
        if let Value::Obj(o) = v {
            match o.kind() {
                Kind::List => return Ok(List::try_from(o.clone()).expect("k").len()),
                Kind::Tuple => return Ok(Tuple::try_from(o.clone()).expect("k").len()),
                Kind::Dict => return Ok(Dict::try_from(o.clone()).expect("k").len()),
                _ => {}
            }
            if let Some(s) = set_like(v) {
                return Ok(s.len());
            }
            if let Some(n) = self.with_bytes(v, <[u8]>::len)? {
                return Ok(n);
            }
            if let Some(l) = Interp::frozenlist_of(v) {
                return Ok(l.len());
            }
            if let Some(d) = Interp::frozendict_of(v) {
                return Ok(d.len());
            }
            if let Some(r) = range_of(v) {
                return Ok(r.len() as usize);
            }
            if let Some(f) = self.special(v, "__len__") {
                let r = self.call_special(f, v, [])?;
                if let Value::Int(n) = r {
                    return Ok(n.max(0) as usize);
                }
            } else if let Some(base) = base_value(v) {
                return self.len(&base);
            }
        }
        Err(self.exc(
            "TypeError",
            format!("object of type '{}' has no len()", v.type_name()),
        ))
    }

    /// `x in container`.
    pub(crate) fn contains(&mut self, container: &Value, x: &Value) -> Res<bool> {
        if let (Value::Str(s), Value::Str(sub)) = (container, x) {
            return Ok(s.contains(&**sub));
        }
        if let Value::Str(_) = container {
            return Err(self.exc(
                "TypeError",
                format!(
                    "'in <string>' requires string as left operand, not {}",
                    x.type_name()
                ),
            ));
        }
        if let Value::Obj(o) = container {
            if matches!(o.kind(), Kind::List | Kind::Tuple) {
                // CPython's loop: each element compared with `x`, the length read again
                // at each step (an `__eq__` may change the list). Elements whose
                // equality needs no call (the same object, two numbers, two strings)
                // are scanned in place; the first that needs one is compared outside
                // the read, then the scan goes on after it.
                let mut i = 0;
                loop {
                    let scan = o.with_seq_items(|items| {
                        let rest = items.get(i..).unwrap_or_default();
                        rest.iter().enumerate().find_map(
                            |(k, item)| match crate::vm::same_or_equal(item, x) {
                                Some(false) => None,
                                Some(true) => Some((true, k)),
                                None => Some((false, k)),
                            },
                        )
                    });
                    match scan.flatten() {
                        None => return Ok(false),
                        Some((true, _)) => return Ok(true),
                        Some((false, k)) => match o.seq_item((i + k) as i64) {
                            Some(item) if self.eq(&item, x)? => return Ok(true),
                            Some(_) => i += k + 1,
                            None => return Ok(false),
                        },
                    }
                }
            }
        }
        if let Some(f) = self.special(container, "__contains__") {
            let r = self.call_special(f, container, [x.clone()])?;
            return self.truthy(&r);
        }
        match kind_name(container) {
            Some("dict" | "frozendict") => Ok(self.mapping_get(container, x)?.is_some()),
            Some("set" | "frozenset") => {
                let s = set_like(container).expect("a set");
                self.set_contains(&s, x)
            }
            Some("bytes" | "bytearray") => self.bytes_contains(container, x),
            Some("range") => {
                let r = range_of(container).expect("k");
                let Some(i) = small_int(x) else {
                    return Ok(false);
                };
                let inside = if r.step > 0 {
                    i >= r.start && i < r.stop
                } else {
                    i <= r.start && i > r.stop
                };
                Ok(inside && (i - r.start) % r.step == 0)
            }
            _ => {
                if let Some(base) = base_value(container) {
                    if self.special(container, "__iter__").is_none() {
                        return self.contains(&base, x);
                    }
                }
                let mut it = self.iter(container)?;
                while let Some(item) = self.next(&mut it)? {
                    if item.is(x) || self.eq(&item, x)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }

    // ----- iteration -----

    /// Starts iterating over `v`.
    pub(crate) fn iter(&mut self, v: &Value) -> Res<Iter> {
        match v {
            Value::Str(s) => {
                let chars: Vec<Value> = s
                    .chars()
                    .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
                    .collect();
                return Ok(Iter::Items(chars.into_iter()));
            }
            Value::Obj(o) => {
                match o.kind() {
                    Kind::List | Kind::Tuple => return Ok(Iter::Seq(o.clone(), 0)),
                    Kind::Dict => {
                        return Ok(Iter::Items(
                            Dict::try_from(o.clone()).expect("k").keys().into_iter(),
                        ))
                    }
                    _ => {}
                }
                if self.is_iterator(o) {
                    return Ok(Iter::Object(v.clone()));
                }
                if let Some(s) = set_like(v) {
                    return Ok(Iter::Items(s.to_vec().into_iter()));
                }
                if let Some(data) = self.bytes_of(v)? {
                    let ints: Vec<Value> =
                        data.into_iter().map(|b| Value::Int(i64::from(b))).collect();
                    return Ok(Iter::Items(ints.into_iter()));
                }
                if let Some(r) = range_of(v) {
                    return Ok(Iter::Range {
                        cur: r.start,
                        stop: r.stop,
                        step: r.step,
                    });
                }
                if let Some(l) = Interp::frozenlist_of(v) {
                    let items: Vec<Value> = l.items().iter().map(|x| (**x).clone()).collect();
                    return Ok(Iter::Items(items.into_iter()));
                }
                if let Some(d) = Interp::frozendict_of(v) {
                    let keys: Vec<Value> = d.pairs().map(|(k, _)| k).collect();
                    return Ok(Iter::Items(keys.into_iter()));
                }
                if crate::vm::is_suspendable(o) {
                    return Ok(Iter::Suspended(o.clone()));
                }
                if let Some(f) = self.special(v, "__iter__") {
                    let it = self.call_special(f, v, [])?;
                    if self.special(&it, "__next__").is_some() {
                        return Ok(Iter::User(it));
                    }
                    let builtin_iterator = it
                        .as_obj()
                        .is_some_and(|o| self.is_iterator(o) || crate::vm::is_suspendable(o));
                    if builtin_iterator {
                        return self.iter(&it);
                    }
                    return Err(self.exc(
                        "TypeError",
                        format!("iter() returned non-iterator of type '{}'", it.type_name()),
                    ));
                }
                if let Some(base) = base_value(v) {
                    return self.iter(&base);
                }
            }
            _ => {}
        }
        Err(self.exc(
            "TypeError",
            format!("'{}' object is not iterable", v.type_name()),
        ))
    }

    /// `iter(v)`: an iterator object over `v` (an iterator is its own).
    pub(crate) fn iter_value(&mut self, v: &Value) -> Res<Value> {
        // A list or tuple (a subclass's instance is of the instance kind) or a string
        // has no `__iter__` a script could have replaced.
        let plain_sequence = match v {
            Value::Str(_) => true,
            Value::Obj(o) => matches!(o.kind(), Kind::List | Kind::Tuple),
            _ => false,
        };
        if plain_sequence {
            return Ok(self.new_iterator(v.clone()));
        }
        if let Some(o) = v.as_obj() {
            if self.is_iterator(o) || crate::vm::is_suspendable(o) {
                return Ok(v.clone());
            }
            if self.special(v, "__iter__").is_some() {
                return self.call_method(v, "__iter__", Args::default());
            }
            if let Some(base) = base_value(v) {
                return self.iter_value(&base);
            }
        }
        let seq = match kind_name(v) {
            Some("list" | "tuple" | "str" | "range" | "frozenlist") => v.clone(),
            _ => List::new(self.collect(v)?).into(),
        };
        Ok(self.new_iterator(seq))
    }

    /// `next(it)` of an iterator object: its next item, or `None` at its end; a
    /// `TypeError` if `it` is not an iterator.
    pub(crate) fn next_value(&mut self, it: &Value) -> Res<Option<Value>> {
        if let Some(o) = it.as_obj() {
            if self.is_iterator(o) {
                return self.iterator_next(it);
            }
            if crate::vm::is_suspendable(o) {
                return self.suspendable_next(o);
            }
        }
        if self.special(it, "__next__").is_none() {
            return Err(self.exc(
                "TypeError",
                format!("'{}' object is not an iterator", it.type_name()),
            ));
        }
        match self.call_method(it, "__next__", Args::default()) {
            Ok(v) => Ok(Some(v)),
            Err(Flow::Exc(e)) if self.exc_is(&e.value, "StopIteration") => Ok(None),
            Err(other) => Err(other),
        }
    }

    pub(crate) fn is_iterator(&self, o: &ObjRef) -> bool {
        o.class_of()
            .is_some_and(|c| c.as_obj().id() == crate::runtime::types().iterator_id)
    }

    /// The next item, or `None` at the end.
    pub(crate) fn next(&mut self, it: &mut Iter) -> Res<Option<Value>> {
        if let Some(next) = it.next_in_place() {
            return Ok(next);
        }
        match it {
            Iter::Range { .. } | Iter::Items(_) | Iter::Seq(..) => {
                unreachable!("advanced in place")
            }
            Iter::Object(o) => self.iterator_next(&o.clone()),
            Iter::Suspended(o) => {
                let o = o.clone();
                self.suspendable_next(&o)
            }
            Iter::Lazy(lazy) => self.lazy_next(lazy),
            Iter::User(u) => {
                let u = u.clone();
                // Checked when the iteration started, but the loop may have deleted it.
                let Some(f) = self.special(&u, "__next__") else {
                    return Err(self.exc(
                        "TypeError",
                        format!("'{}' object is not an iterator", u.type_name()),
                    ));
                };
                match self.call_special(f, &u, []) {
                    Ok(v) => Ok(Some(v)),
                    Err(Flow::Exc(e)) if e.value.type_name() == "StopIteration" => Ok(None),
                    Err(other) => Err(other),
                }
            }
        }
    }

    /// Advances an iterator object.
    pub(crate) fn iterator_next(&mut self, it: &Value) -> Res<Option<Value>> {
        let o = it.as_obj().expect("an iterator object");
        let [(seq_name, seq_at), (i_name, i_at)] = iterator_attrs();
        // The common case, a list or tuple, read in place.
        if let Some(next) = advance_seq_iterator(o) {
            return Ok(next);
        }
        // A script can write or delete the two attributes: they are checked, not trusted.
        let (seq, i) = match (
            o.own_attr_hinted(seq_name, seq_at),
            o.own_attr_hinted(i_name, i_at),
        ) {
            (Some(seq), Some(Value::Int(i))) if i >= 0 => (seq, i),
            _ => {
                return Err(self.exc(
                    "TypeError",
                    "iterator state changed: __seq__ must be a sequence and __i__ an int >= 0",
                ))
            }
        };
        let item = if let Some(r) = range_of(&seq) {
            (i < r.len()).then(|| Value::Int(r.start + i * r.step))
        } else if let Value::Str(s) = &seq {
            s.chars()
                .nth(i as usize)
                .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
        } else {
            let n = self.len(&seq)? as i64;
            if i < n {
                Some(self.getitem(&seq, &Value::Int(i))?)
            } else {
                None
            }
        };
        match item {
            Some(_) => o
                .set_attr_hinted(i_name, Value::Int(i + 1), i_at)
                .map_err(|e| self.core_exc(e, &[it]))?,
            None => Interp::exhaust_iterator(o),
        }
        Ok(item)
    }

    /// How many times a sequence of `len` items is repeated by the int `times` (`seq *
    /// times`): negative counts as 0; a result past the size cap is `MemoryError`, and a
    /// count beyond 64 bits CPython's `OverflowError`.
    fn repeat_count(&mut self, len: usize, times: &Value) -> Res<usize> {
        let Some(n) = small_int(times) else {
            return Err(self.exc(
                "OverflowError",
                "cannot fit 'int' into an index-sized integer",
            ));
        };
        let n = n.max(0) as u128;
        self.check_size(len as u128 * n)?;
        Ok(if len == 0 { 0 } else { n as usize })
    }

    /// Refuses to build a sequence of `n` elements (or bytes) when it would exhaust memory:
    /// `MemoryError`, as CPython raises, rather than an abort.
    pub(crate) fn check_size(&mut self, n: u128) -> Res<()> {
        const MAX_ITEMS: u128 = 1 << 28;
        if n > MAX_ITEMS {
            return Err(self.exc(
                "MemoryError",
                format!("cannot build a sequence of {n} elements"),
            ));
        }
        Ok(())
    }

    /// Every item of an iterable, in order.
    pub(crate) fn collect(&mut self, v: &Value) -> Res<Vec<Value>> {
        if let Some(r) = range_of(v) {
            self.check_size(r.len() as u128)?;
        }
        if let Value::Obj(o) = v {
            match o.kind() {
                Kind::List => return Ok(List::try_from(o.clone()).expect("k").to_vec()),
                Kind::Tuple => return Ok(Tuple::try_from(o.clone()).expect("k").to_vec()),
                Kind::Instance => {
                    if let Some(rest) = self.drain_iterator(o) {
                        return rest;
                    }
                }
                _ => {}
            }
        }
        let mut it = self.iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&mut it)? {
            out.push(x);
        }
        Ok(out)
    }

    /// Leaves iterator object `o` at its end for good, as CPython's do: it drops its
    /// sequence, so items added to it later are not seen. (A frozen iterator keeps it:
    /// it never moves, and its frozen sequence never grows.)
    fn exhaust_iterator(o: &ObjRef) {
        let [(seq_name, seq_at), _] = iterator_attrs();
        let _ = o.set_attr_hinted(seq_name, Tuple::new([]).into(), seq_at);
    }

    /// The rest of `o`, if it is an `iterator` object over a list or tuple, taken at
    /// once and the iterator left at its end: what calling `next` until the end gives
    /// (no Python code runs meanwhile that could change the sequence).
    fn drain_iterator(&mut self, o: &ObjRef) -> Option<Res<Vec<Value>>> {
        // A frozen iterator cannot move: `next` says so.
        if o.is_frozen() || !self.is_iterator(o) {
            return None;
        }
        // A state a script broke (`None`): `next` says how.
        let rest = seq_iterator_state(o, |items, at| items.get(at..).unwrap_or_default().to_vec())?;
        Interp::exhaust_iterator(o);
        Some(Ok(rest))
    }

    /// The (key, value) pairs of a dict or frozendict (or anything with `items()`).
    pub(crate) fn mapping_items(&mut self, v: &Value) -> Res<Vec<(Value, Value)>> {
        if let Some(d) = v.as_obj().and_then(|o| Dict::try_from(o.clone()).ok()) {
            return Ok(d.items());
        }
        if let Some(d) = Interp::frozendict_of(v) {
            return Ok(d.pairs().collect());
        }
        if let Some(base) = base_value(v) {
            return self.mapping_items(&base);
        }
        Err(self.exc(
            "TypeError",
            format!("'{}' object is not a mapping", v.type_name()),
        ))
    }

    /// `mapping[key]` or `None`.
    pub(crate) fn mapping_get(&mut self, m: &Value, key: &Value) -> Res<Option<Value>> {
        if let Some(d) = m.as_obj().and_then(|o| Dict::try_from(o.clone()).ok()) {
            return self.dict_get(&d, key);
        }
        if let Some(d) = Interp::frozendict_of(m) {
            return d.get(key).map_err(|e| self.core_exc(e, &[key]));
        }
        if let Some(base) = base_value(m) {
            return self.mapping_get(&base, key);
        }
        Err(self.exc(
            "TypeError",
            format!("'{}' object is not a mapping", m.type_name()),
        ))
    }

    // ----- items -----

    /// A slice bound or a search bound (`None` for Python's `None`): any int, a big one
    /// clamped to 64 bits as CPython clamps it to `Py_ssize_t` (no sequence is that long).
    pub(crate) fn clamped_index(&mut self, v: &Value) -> Res<Option<i64>> {
        match v {
            Value::None => return Ok(None),
            Value::Int(i) => return Ok(Some(*i)),
            _ => {}
        }
        match as_big(v) {
            Some(i) => Ok(Some(
                i.clamp(BigInt::from(i64::MIN), BigInt::from(i64::MAX))
                    .try_into()
                    .expect("clamped to 64 bits"),
            )),
            None => Err(self.exc(
                "TypeError",
                "slice indices must be integers or None or have an __index__ method",
            )),
        }
    }

    /// An `int` index.
    pub(crate) fn index_of(&mut self, v: &Value) -> Res<i64> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(i64::from(*b)),
            _ if is_int(v) => match as_big(v).and_then(|i| i.to_i64()) {
                Some(i) => Ok(i),
                None => Err(self.exc("IndexError", "cannot fit 'int' into an index-sized integer")),
            },
            _ => Err(self.exc(
                "TypeError",
                format!("indices must be integers, not {}", v.type_name()),
            )),
        }
    }

    /// `KeyError(key)`.
    pub(crate) fn key_error(&mut self, key: Value) -> Flow {
        let value = self.new_exception("KeyError", vec![key]);
        Flow::Exc(Box::new(crate::errors::Exc {
            value,
            tb: Vec::new(),
        }))
    }

    fn index_error(&mut self, what: &str) -> Flow {
        self.exc("IndexError", format!("{what} index out of range"))
    }

    /// `obj[index]`.
    pub(crate) fn getitem(&mut self, obj: &Value, index: &Value) -> Res<Value> {
        if let Some(s) = crate::slices::slice_of(index) {
            if is_sliceable(obj) {
                return self.get_slice(obj, s.start, s.stop, s.step);
            }
        }
        match kind_name(obj) {
            Some("dict") => {
                let d = Dict::try_from(obj.as_obj().expect("k").clone()).expect("k");
                match self.dict_get(&d, index)? {
                    Some(v) => Ok(v),
                    None => {
                        let value = self.new_exception("KeyError", vec![index.clone()]);
                        Err(Flow::Exc(Box::new(crate::errors::Exc {
                            value,
                            tb: Vec::new(),
                        })))
                    }
                }
            }
            Some("bytes" | "bytearray") => self.bytes_item(obj, index),
            Some("frozendict") => match self.mapping_get(obj, index)? {
                Some(v) => Ok(v),
                None => {
                    let value = self.new_exception("KeyError", vec![index.clone()]);
                    Err(Flow::Exc(Box::new(crate::errors::Exc {
                        value,
                        tb: Vec::new(),
                    })))
                }
            },
            Some(k @ ("list" | "tuple" | "frozenlist" | "str" | "range")) => {
                let i = self.index_of(index)?;
                let found = match obj {
                    Value::Str(s) => {
                        let n = s.chars().count() as i64;
                        let j = if i < 0 { i + n } else { i };
                        (0..n).contains(&j).then(|| {
                            let c = s.chars().nth(j as usize).expect("in range");
                            Value::str(c.encode_utf8(&mut [0; 4]))
                        })
                    }
                    _ => match k {
                        "list" => List::try_from(obj.as_obj().expect("k").clone())
                            .expect("k")
                            .get(i)
                            .ok(),
                        "tuple" => Tuple::try_from(obj.as_obj().expect("k").clone())
                            .expect("k")
                            .get(i)
                            .ok(),
                        "range" => {
                            let r = range_of(obj).expect("k");
                            let n = r.len_wide();
                            let j = if i < 0 {
                                i128::from(i) + n
                            } else {
                                i128::from(i)
                            };
                            (0..n).contains(&j).then(|| {
                                Value::Int(i64::try_from(r.at(j)).expect("inside the range"))
                            })
                        }
                        _ => Interp::frozenlist_of(obj).expect("k").get(i),
                    },
                };
                found.ok_or_else(|| self.index_error(k))
            }
            _ => match self.special(obj, "__getitem__") {
                Some(f) => self.call_special(f, obj, [index.clone()]),
                None => match base_value(obj) {
                    Some(base) => self.base_getitem(obj, &base, index),
                    None => Err(self.exc(
                        "TypeError",
                        format!("'{}' object is not subscriptable", obj.type_name()),
                    )),
                },
            },
        }
    }

    /// `obj[index] = value`, through the write barrier.
    pub(crate) fn setitem(&mut self, obj: &Value, index: Value, value: Value) -> Res<()> {
        // The common case first: a list element at an int position.
        if let (Value::Obj(o), Value::Int(i)) = (obj, &index) {
            if o.kind() == Kind::List {
                return self.list_set(obj, *i, value);
            }
        }
        if let Some(s) = crate::slices::slice_of(&index) {
            if kind_name(obj) == Some("list") {
                return self.set_slice(obj, s.start, s.stop, s.step, value);
            }
        }
        match kind_name(obj) {
            Some("dict") => {
                let d = Dict::try_from(obj.as_obj().expect("k").clone()).expect("k");
                self.dict_set(&d, index, value)
            }
            Some("list") => {
                let i = self.index_of(&index)?;
                self.list_set(obj, i, value)
            }
            Some("bytearray") => self.bytearray_set(obj, &index, &value),
            Some(k @ ("tuple" | "frozenlist" | "frozendict" | "str" | "bytes")) => Err(self.exc(
                "TypeError",
                format!("'{k}' object does not support item assignment"),
            )),
            _ => match self.special(obj, "__setitem__") {
                Some(f) => self.call_special(f, obj, [index, value]).map(drop),
                None => match self.with_base(obj, |me, base| me.setitem(base, index, value)) {
                    Some(done) => done,
                    None => Err(self.exc(
                        "TypeError",
                        format!(
                            "'{}' object does not support item assignment",
                            obj.type_name()
                        ),
                    )),
                },
            },
        }
    }

    /// `list[i] = value` (`obj` is a list).
    fn list_set(&mut self, obj: &Value, i: i64, value: Value) -> Res<()> {
        let l = List::try_from(obj.as_obj().expect("a list").clone()).expect("a list");
        l.set(i, value.clone()).map_err(|e| match e {
            floe_core::CoreError::IndexOutOfRange { .. } => self.index_error("list assignment"),
            other => self.core_exc(other, &[obj, &value]),
        })
    }

    /// `del obj[index]`.
    pub(crate) fn delitem(&mut self, obj: &Value, index: &Value) -> Res<()> {
        if let Some(s) = crate::slices::slice_of(index) {
            if kind_name(obj) == Some("list") {
                return self.del_slice(obj, s.start, s.stop, s.step);
            }
        }
        match kind_name(obj) {
            Some("dict") => {
                let d = Dict::try_from(obj.as_obj().expect("k").clone()).expect("k");
                match self.dict_remove(&d, index)? {
                    Some(_) => Ok(()),
                    None => Err(self.key_error(index.clone())),
                }
            }
            Some("list") => {
                let l = List::try_from(obj.as_obj().expect("k").clone()).expect("k");
                let i = self.index_of(index)?;
                let n = l.len() as i64;
                let j = if i < 0 { i + n } else { i };
                if !(0..n).contains(&j) {
                    return Err(self.index_error("list assignment"));
                }
                l.splice(j as usize, j as usize + 1, vec![])
                    .map(drop)
                    .map_err(|e| self.core_exc(e, &[obj]))
            }
            _ => match self.special(obj, "__delitem__") {
                Some(f) => self.call_special(f, obj, [index.clone()]).map(drop),
                None => match self.with_base(obj, |me, base| me.delitem(base, index)) {
                    Some(done) => done,
                    None => Err(self.exc(
                        "TypeError",
                        format!(
                            "'{}' object does not support item deletion",
                            obj.type_name()
                        ),
                    )),
                },
            },
        }
    }

    fn slice(
        &mut self,
        len: usize,
        lo: Option<i64>,
        hi: Option<i64>,
        step: Option<i64>,
    ) -> Res<Vec<usize>> {
        slice_indices(len, lo, hi, step).map_err(|m| self.exc("ValueError", m))
    }

    /// `obj[lo:hi:step]`.
    pub(crate) fn get_slice(
        &mut self,
        obj: &Value,
        lo: Option<i64>,
        hi: Option<i64>,
        step: Option<i64>,
    ) -> Res<Value> {
        if let Value::Str(s) = obj {
            // An ASCII string is indexed by byte: only the slice is read.
            if s.is_ascii() {
                let bytes = s.as_bytes();
                let idx = self.slice(bytes.len(), lo, hi, step)?;
                return Ok(Value::str(
                    &idx.into_iter()
                        .map(|i| char::from(bytes[i]))
                        .collect::<String>(),
                ));
            }
            let chars: Vec<char> = s.chars().collect();
            let idx = self.slice(chars.len(), lo, hi, step)?;
            return Ok(Value::str(
                &idx.into_iter().map(|i| chars[i]).collect::<String>(),
            ));
        }
        if let Some(l) = Interp::frozenlist_of(obj) {
            let idx = self.slice(l.len(), lo, hi, step)?;
            return Ok(l.select(idx).into_obj().into());
        }
        if let Some(data) = self.bytes_of(obj)? {
            let idx = self.slice(data.len(), lo, hi, step)?;
            return Ok(Interp::bytes_like(
                obj,
                idx.into_iter().map(|i| data[i]).collect(),
            ));
        }
        if let Some(r) = range_of(obj) {
            // A range's slice is a range, as in Python 3.
            let by = step.unwrap_or(1);
            if by == 0 {
                return Err(self.exc("ValueError", "slice step cannot be zero"));
            }
            let (from, to) = crate::slices::indices(r.len_wide(), lo, hi, by);
            // The new bounds lie within the old ones (or one step past): 64 bits hold them.
            let at = |i: i128| {
                let v = r.at(i).clamp(i128::from(i64::MIN), i128::from(i64::MAX));
                i64::try_from(v).expect("clamped")
            };
            return Ok(Value::Obj(ObjRef::new_native(RangeBody {
                start: at(from),
                stop: at(to),
                step: r.step.saturating_mul(by),
            })));
        }
        let kind = kind_name(obj);
        if !matches!(kind, Some("list" | "tuple")) {
            // A user class's `__getitem__` gets a slice object.
            if let Some(f) = self.special(obj, "__getitem__") {
                let s = crate::slices::new_slice(lo, hi, step);
                return self.call_special(f, obj, [s]);
            }
            if let Some(base) = base_value(obj) {
                return self.get_slice(&base, lo, hi, step);
            }
            return Err(self.exc(
                "TypeError",
                format!("'{}' object is not subscriptable", obj.type_name()),
            ));
        }
        // Only the selected elements are read (the slice costs its own length, not the
        // sequence's).
        let o = obj.as_obj().expect("a list or tuple");
        let len = self.len(obj)?;
        let idx = self.slice(len, lo, hi, step)?;
        let out = o.seq_select(&idx).expect("a list or tuple");
        Ok(if kind == Some("list") {
            List::new(out).into()
        } else {
            Tuple::new(out).into()
        })
    }

    /// `obj[lo:hi:step] = value` (lists only).
    pub(crate) fn set_slice(
        &mut self,
        obj: &Value,
        lo: Option<i64>,
        hi: Option<i64>,
        step: Option<i64>,
        value: Value,
    ) -> Res<()> {
        let Some(l) = obj.as_obj().and_then(|o| List::try_from(o.clone()).ok()) else {
            if let Some(f) = self.special(obj, "__setitem__") {
                let s = crate::slices::new_slice(lo, hi, step);
                return self.call_special(f, obj, [s, value]).map(drop);
            }
            if let Some(base) = base_value(obj) {
                return self.set_slice(&base, lo, hi, step, value);
            }
            return Err(self.exc(
                "TypeError",
                format!(
                    "'{}' object does not support slice assignment",
                    obj.type_name()
                ),
            ));
        };
        let items = self.collect(&value)?;
        let idx = self.slice(l.len(), lo, hi, step)?;
        if step.unwrap_or(1) == 1 {
            let start = idx.first().copied().unwrap_or_else(|| {
                let n = l.len() as i64;
                let s = lo.unwrap_or(0);
                (if s < 0 { (s + n).max(0) } else { s.min(n) }) as usize
            });
            let end = start + idx.len();
            return l
                .splice(start, end, items)
                .map(drop)
                .map_err(|e| self.core_exc(e, &[obj, &value]));
        }
        if idx.len() != items.len() {
            return Err(self.exc(
                "ValueError",
                format!(
                    "attempt to assign sequence of size {} to extended slice of size {}",
                    items.len(),
                    idx.len()
                ),
            ));
        }
        for (i, v) in idx.into_iter().zip(items) {
            l.set(i as i64, v.clone())
                .map_err(|e| self.core_exc(e, &[obj, &v]))?;
        }
        Ok(())
    }

    /// `del obj[lo:hi:step]` (lists only).
    pub(crate) fn del_slice(
        &mut self,
        obj: &Value,
        lo: Option<i64>,
        hi: Option<i64>,
        step: Option<i64>,
    ) -> Res<()> {
        let Some(l) = obj.as_obj().and_then(|o| List::try_from(o.clone()).ok()) else {
            if let Some(f) = self.special(obj, "__delitem__") {
                let s = crate::slices::new_slice(lo, hi, step);
                return self.call_special(f, obj, [s]).map(drop);
            }
            if let Some(base) = base_value(obj) {
                return self.del_slice(&base, lo, hi, step);
            }
            return Err(self.exc(
                "TypeError",
                format!(
                    "'{}' object does not support slice deletion",
                    obj.type_name()
                ),
            ));
        };
        let mut idx = self.slice(l.len(), lo, hi, step)?;
        idx.sort_unstable();
        for i in idx.into_iter().rev() {
            l.splice(i, i + 1, vec![])
                .map_err(|e| self.core_exc(e, &[obj]))?;
        }
        Ok(())
    }

    /// A new frozendict from pairs, frozen with this interpreter's roots allowed.
    pub(crate) fn new_frozendict(&mut self, pairs: Vec<(Value, Value)>) -> Res<Value> {
        let holders = self.root_holders();
        let parties: Vec<Value> = pairs
            .iter()
            .flat_map(|(k, v)| [k.clone(), v.clone()])
            .collect();
        FrozenDictRef::new_with(pairs, floe_freeze::policy(), &holders)
            .map(|d| d.into_obj().into())
            .map_err(|e| match e {
                // PEP 814's wording: the key's type, then the reason.
                FreezeError::Object(CoreError::Unhashable { ty }) => {
                    let key = parties
                        .iter()
                        .step_by(2)
                        .find(|k| Key::new((*k).clone()).is_err());
                    let key_ty = key.map_or(ty.clone(), |k| k.type_name().to_string());
                    let msg = format!(
                        "cannot use '{key_ty}' as a frozendict key (unhashable type: '{ty}')"
                    );
                    self.exc("TypeError", msg)
                }
                e => self.freeze_exc(e, &parties.iter().collect::<Vec<_>>()),
            })
    }

    /// A new frozenlist from values, frozen with this interpreter's roots allowed.
    pub(crate) fn new_frozenlist(&mut self, items: Vec<Value>) -> Res<Value> {
        let holders = self.root_holders();
        let parties = items.clone();
        FrozenListRef::new_with(items, floe_freeze::policy(), &holders)
            .map(|d| d.into_obj().into())
            .map_err(|e| self.freeze_exc(e, &parties.iter().collect::<Vec<_>>()))
    }
}

/// The operands of a binary operation with each instance of a subclass of a built-in
/// type replaced by its base value; `None` if neither is one.
fn base_values(a: &Value, b: &Value) -> Option<(Value, Value)> {
    match (base_value(a), base_value(b)) {
        (None, None) => None,
        (x, y) => Some((
            x.unwrap_or_else(|| a.clone()),
            y.unwrap_or_else(|| b.clone()),
        )),
    }
}

fn repeat(items: &[Value], n: usize) -> Vec<Value> {
    (0..n).flat_map(|_| items.iter().cloned()).collect()
}

/// The range body of a `range` value.
pub(crate) fn range_of(v: &Value) -> Option<&RangeBody> {
    v.as_obj().and_then(|o| o.native::<RangeBody>())
}

/// `true` if `obj[lo:hi:step]` on `obj` is a built-in slice (so `obj[slice(...)]` is
/// too).
fn is_sliceable(obj: &Value) -> bool {
    matches!(
        kind_name(obj),
        Some("list" | "tuple" | "frozenlist" | "str" | "range" | "bytes" | "bytearray")
    )
}

/// The two attributes of an `iterator` object over a sequence — the sequence and the
/// next index — interned, with hints at the positions a new iterator sets them in.
pub(crate) fn iterator_attrs() -> [(&'static Str, &'static AttrHint); 2] {
    static NAMES: LazyLock<[Str; 2]> =
        LazyLock::new(|| [Str::intern("__seq__"), Str::intern("__i__")]);
    static HINTS: [AttrHint; 2] = [AttrHint::new(0), AttrHint::new(1)];
    [(&NAMES[0], &HINTS[0]), (&NAMES[1], &HINTS[1])]
}

/// The next item of `iterator` object `o` over a list or tuple, read and advanced in
/// place (`Some(None)` at its end, the iterator then exhausted); `None` for any other
/// state, and for an iterator that cannot move (frozen): the interpreter's `next` then
/// takes the general way, which says why.
fn advance_seq_iterator(o: &ObjRef) -> Option<Option<Value>> {
    match seq_iterator_state(o, |items, at| items.get(at).cloned().map(|x| (x, at + 1)))? {
        Some((item, next)) => {
            let [_, (i_name, i_at)] = iterator_attrs();
            o.set_attr_hinted(i_name, Value::Int(next as i64), i_at)
                .ok()?;
            Some(Some(item))
        }
        None => {
            if o.is_frozen() {
                return None;
            }
            Interp::exhaust_iterator(o);
            Some(None)
        }
    }
}

/// `f` of the items and position of iterator object `o` over a list or tuple, read in
/// one borrowed access to each; `None` if its `__seq__` is not a list or tuple or its
/// `__i__` not an int ≥ 0 (another sequence, or a state a script changed).
fn seq_iterator_state<R>(o: &ObjRef, f: impl FnOnce(&[Value], usize) -> R) -> Option<R> {
    let [(seq_name, seq_at), (i_name, i_at)] = iterator_attrs();
    o.with_own_attrs_hinted([(seq_name, seq_at), (i_name, i_at)], |[seq, i]| {
        let (Some(Value::Obj(seq)), Some(&Value::Int(i))) = (seq, i) else {
            return None;
        };
        let at = usize::try_from(i).ok()?;
        seq.with_seq_items(|items| f(items, at))
    })
}

/// A short name for the built-in type of a value, for dispatch.
pub(crate) fn kind_name(v: &Value) -> Option<&'static str> {
    Some(match v {
        Value::Str(_) => "str",
        Value::Int(_) | Value::Bool(_) => "int",
        Value::Float(_) => "float",
        Value::None => return None,
        Value::Obj(o) => match o.kind() {
            Kind::Function if crate::vm::is_suspendable(o) => {
                return o
                    .class_of()
                    .and_then(|c| crate::runtime::types().builtin_name(c.as_obj()))
            }
            Kind::List => "list",
            Kind::Tuple => "tuple",
            Kind::Dict => "dict",
            Kind::Set => "set",
            Kind::Instance => {
                let id = crate::runtime::types().bytearray_id;
                return o
                    .class_of()
                    .filter(|c| c.as_obj().id() == id)
                    .map(|_| "bytearray");
            }
            Kind::Native => {
                if o.native::<BigIntBody>().is_some() {
                    "int"
                } else if o.native::<RangeBody>().is_some() {
                    "range"
                } else if FrozenListRef::try_from(o.clone()).is_ok() {
                    "frozenlist"
                } else if FrozenDictRef::try_from(o.clone()).is_ok() {
                    "frozendict"
                } else if crate::sets::is_frozenset(o) {
                    "frozenset"
                } else if o.native::<crate::bytes::BytesBody>().is_some() {
                    "bytes"
                } else {
                    return None;
                }
            }
            _ => return None,
        },
    })
}
