//! `set` and `frozenset`: their methods, operators (`| & - ^` and the in-place forms)
//! and comparisons (`<= < >= >` as subset and superset), as in Python.
//!
//! A `frozenset` is a native object around a frozen `set` (its elements deep-frozen at
//! construction, as a `frozendict`'s are): hashable, so it can be a dict key or an element
//! of another set. Elements are keyed as the interpreter keys them ([`crate::keys`]), so a
//! user `__eq__`/`__hash__` holds in both.

use std::any::Any;
use std::hash::Hasher;

use floe_core::{CoreError, FrozenValue, Kind, NativeBody, ObjRef, Set, Value};
use rustpython_parser::ast::{CmpOp, Operator};

use crate::interp::{Args, Interp};
use crate::ops::kind_name;
use crate::Res;

/// The body of a `frozenset`: a frozen set.
pub(crate) struct FrozenSetBody(FrozenValue);

impl FrozenSetBody {
    fn set(&self) -> Set {
        Set::try_from(self.0.as_obj().expect("a set").clone()).expect("a set")
    }
}

impl NativeBody for FrozenSetBody {
    fn type_name(&self) -> &'static str {
        "frozenset"
    }

    fn for_each_value(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.0);
    }

    /// Order-insensitive (a sum of mixed element hashes), so equal sets hash alike.
    fn key_hash(&self) -> Result<u64, CoreError> {
        let keys = self.set().keys();
        let mut sum = keys.len() as u64;
        for k in keys {
            let mut h = std::hash::DefaultHasher::new();
            h.write_u64(k.hash_code());
            sum = sum.wrapping_add(h.finish());
        }
        Ok(sum)
    }

    fn key_eq(&self, other: &dyn NativeBody) -> bool {
        let Some(other) = (other as &dyn Any).downcast_ref::<FrozenSetBody>() else {
            return false;
        };
        let (a, b) = (self.set(), other.set());
        a.len() == b.len() && a.keys().iter().all(|k| b.contains_key(k))
    }
}

/// The set of a `set` or a `frozenset` value.
#[inline]
pub(crate) fn set_like(v: &Value) -> Option<Set> {
    let o = v.as_obj()?;
    match o.kind() {
        Kind::Set => Set::try_from(o.clone()).ok(),
        Kind::Native => o.native::<FrozenSetBody>().map(FrozenSetBody::set),
        _ => None,
    }
}

/// `true` for a `frozenset`.
pub(crate) fn is_frozenset(o: &ObjRef) -> bool {
    o.native::<FrozenSetBody>().is_some()
}

/// Which set an intersection `x & y` walks (its elements are the result's) and which it
/// probes: CPython's rule, the smaller one walked, `y` when they are the same size — so
/// of equal elements of different types (`1`, `1.0`, `True`) the result holds that one.
fn intersection_order<'a>(x: &'a Set, y: &'a Set) -> (&'a Set, &'a Set) {
    if y.len() > x.len() {
        (x, y)
    } else {
        (y, x)
    }
}

/// `a op b` for a `set` `a` (`x`) and a set-like `b` (`y`) whose elements all compare
/// by the core's rule (no element is hashed by its class): done on the keys the sets
/// keep, no element hashed again or compared by the interpreter; `None` otherwise.
fn core_set_op(op: Operator, a: &Value, x: &Set, y: &Set) -> Option<Set> {
    let plain = |s: &Set| !s.any(|v| crate::keys::hashed_by_user(v, 0));
    if a.as_obj().is_some_and(is_frozenset) || !plain(x) || !plain(y) {
        return None;
    }
    let keys = match op {
        Operator::BitOr => x.keys().into_iter().chain(y.keys()).collect(),
        Operator::BitAnd => {
            let (walked, probed) = intersection_order(x, y);
            walked.keys_filtered(probed, true)
        }
        Operator::Sub => x.keys_filtered(y, false),
        Operator::BitXor => {
            let mut keys = x.keys_filtered(y, false);
            keys.extend(y.keys_filtered(x, false));
            keys
        }
        _ => return None,
    };
    Some(Set::from_keys(keys))
}

/// The methods a `set` has beyond a `frozenset`'s: those that change it.
pub(crate) const SET_MUTATORS: &[&str] = &[
    "add",
    "remove",
    "discard",
    "pop",
    "clear",
    "update",
    "intersection_update",
    "difference_update",
    "symmetric_difference_update",
];

/// The methods of `frozenset` (and of `set`).
pub(crate) const FROZENSET: &[&str] = &[
    "copy",
    "union",
    "intersection",
    "difference",
    "symmetric_difference",
    "issubset",
    "issuperset",
    "isdisjoint",
];

impl Interp {
    /// `frozenset(items)`: the elements deep-frozen (all or nothing), then the set.
    pub(crate) fn new_frozenset(&mut self, items: Vec<Value>) -> Res<Value> {
        let s = self.new_set(items)?;
        let holders = self.root_holders();
        // The elements are roots of the freeze, as a frozenlist's are: references to them
        // from elsewhere (the iterable they came from) are the caller's, not aliases.
        let roots: Vec<ObjRef> = std::iter::once(s.as_obj().clone())
            .chain(s.to_vec().iter().filter_map(|v| v.as_obj().cloned()))
            .filter(|o| !o.is_frozen())
            .collect();
        floe_freeze::freeze_with(&roots, floe_freeze::policy(), &holders).map_err(|e| {
            let v: Value = s.clone().into();
            self.freeze_exc(e, &[&v])
        })?;
        drop(roots);
        let body = FrozenSetBody(
            FrozenValue::new(s.into()).unwrap_or_else(|_| unreachable!("frozen just above")),
        );
        Ok(Value::Obj(ObjRef::new_native(body)))
    }

    /// A new set or frozenset (as `like` is) of `items`.
    fn set_result(&mut self, like: &Value, items: Vec<Value>) -> Res<Value> {
        if like.as_obj().is_some_and(is_frozenset) {
            return self.new_frozenset(items);
        }
        Ok(self.new_set(items)?.into())
    }

    /// The elements of `v` as a set to search: `v`'s own when it is one.
    fn searchable(&mut self, v: &Value) -> Res<Set> {
        match set_like(v) {
            Some(s) => Ok(s),
            None => {
                let items = self.collect(v)?;
                self.new_set(items)
            }
        }
    }

    /// The elements of `s` that are (`keep`) or are not in `other`.
    fn filter_in(&mut self, s: &Set, other: &Set, keep: bool) -> Res<Vec<Value>> {
        let mut out = Vec::new();
        for x in s.to_vec() {
            if self.set_contains(other, &x)? == keep {
                out.push(x);
            }
        }
        Ok(out)
    }

    /// `a op b` for two sets or frozensets (the result is of `a`'s type); `None` when
    /// either is neither.
    pub(crate) fn set_op(&mut self, op: Operator, a: &Value, b: &Value) -> Res<Option<Value>> {
        let (Some(x), Some(y)) = (set_like(a), set_like(b)) else {
            return Ok(None);
        };
        if let Some(s) = core_set_op(op, a, &x, &y) {
            return Ok(Some(s.into()));
        }
        let items = match op {
            Operator::BitOr => x.to_vec().into_iter().chain(y.to_vec()).collect(),
            Operator::BitAnd => {
                let (walked, probed) = intersection_order(&x, &y);
                self.filter_in(walked, probed, true)?
            }
            Operator::Sub => self.filter_in(&x, &y, false)?,
            Operator::BitXor => {
                let mut out = self.filter_in(&x, &y, false)?;
                out.extend(self.filter_in(&y, &x, false)?);
                out
            }
            _ => return Ok(None),
        };
        self.set_result(a, items).map(Some)
    }

    /// `a op= b` on a set `a`, in place; `None` when `a` is no mutable-typed set or `b`
    /// no set (then the operator rebinds, or raises).
    pub(crate) fn set_inplace(&mut self, op: Operator, a: &Value, b: &Value) -> Res<Option<Value>> {
        let Some(s) = a.as_obj().and_then(|o| Set::try_from(o.clone()).ok()) else {
            return Ok(None);
        };
        let Some(other) = set_like(b) else {
            return Ok(None);
        };
        let name = match op {
            Operator::BitOr => "update",
            Operator::BitAnd => "intersection_update",
            Operator::Sub => "difference_update",
            Operator::BitXor => "symmetric_difference_update",
            _ => return Ok(None),
        };
        self.refuse_frozen(a, "update")?;
        self.set_update(&s, name, &[other.into()])?;
        Ok(Some(a.clone()))
    }

    /// `TypeError` when `v` is frozen: an in-place update of it would change it (even
    /// when it would change nothing, as a write to a frozen object always raises).
    pub(crate) fn refuse_frozen(&mut self, v: &Value, op: &'static str) -> Res<()> {
        match v.as_obj() {
            Some(o) if o.is_frozen() => Err(self.core_exc(
                CoreError::Immutable {
                    obj: o.describe(),
                    op,
                },
                &[v],
            )),
            _ => Ok(()),
        }
    }

    /// The `*_update` methods: `s` changed in place by each of `others`.
    fn set_update(&mut self, s: &Set, name: &str, others: &[Value]) -> Res<()> {
        match name {
            "update" => {
                for o in others {
                    for x in self.collect(o)? {
                        self.set_add(s, x)?;
                    }
                }
            }
            "intersection_update" | "difference_update" => {
                let keep = name == "intersection_update";
                for o in others {
                    let other = self.searchable(o)?;
                    for x in self.filter_in(s, &other, !keep)? {
                        self.set_discard(s, &x)?;
                    }
                }
            }
            _ => {
                let other = self.searchable(&others[0])?;
                for x in other.to_vec() {
                    if !self.set_discard(s, &x)? {
                        self.set_add(s, x)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// `a <= b`, `a < b`, `a >= b`, `a > b` for two sets or frozensets (subset and
    /// superset); `None` when either is neither.
    pub(crate) fn set_compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> Res<Option<bool>> {
        let (Some(x), Some(y)) = (set_like(a), set_like(b)) else {
            return Ok(None);
        };
        let (small, big) = match op {
            CmpOp::LtE | CmpOp::Lt => (&x, &y),
            _ => (&y, &x),
        };
        let strict = matches!(op, CmpOp::Lt | CmpOp::Gt);
        if small.len() > big.len() || (strict && small.len() == big.len()) {
            return Ok(Some(false));
        }
        Ok(Some(self.filter_in(small, big, false)?.is_empty()))
    }

    /// `a == b` for two sets or frozensets.
    pub(crate) fn set_eq(&mut self, a: &Set, b: &Set) -> Res<bool> {
        Ok(a.len() == b.len() && self.filter_in(a, b, false)?.is_empty())
    }
}

/// Calls method `name` of a set or frozenset.
pub(crate) fn method(me: &mut Interp, obj: &Value, name: &str, a: Args) -> Res<Value> {
    let s = set_like(obj).expect("a set or frozenset");
    let ty = obj.type_name();
    if !a.kw.is_empty() {
        return Err(me.exc(
            "TypeError",
            format!("{ty}.{name}() takes no keyword arguments"),
        ));
    }
    let n = a.pos.len();
    let one = |me: &mut Interp, a: Args| -> Res<Value> {
        let n = a.pos.len();
        let [v]: [Value; 1] = a.pos.try_into().map_err(|_| {
            me.exc(
                "TypeError",
                format!("{ty}.{name}() takes exactly one argument ({n} given)"),
            )
        })?;
        Ok(v)
    };
    match name {
        "add" => {
            let v = one(me, a)?;
            me.set_add(&s, v)?;
            Ok(Value::None)
        }
        "remove" | "discard" => {
            let v = one(me, a)?;
            if !me.set_discard(&s, &v)? && name == "remove" {
                let value = me.new_exception("KeyError", vec![v]);
                return Err(crate::errors::Flow::Exc(Box::new(crate::errors::Exc {
                    value,
                    tb: Vec::new(),
                })));
            }
            Ok(Value::None)
        }
        "pop" | "clear" | "copy" if n > 0 => Err(me.exc(
            "TypeError",
            format!("{ty}.{name}() takes no arguments ({n} given)"),
        )),
        "pop" => {
            me.refuse_frozen(obj, "pop from")?;
            let Some(v) = s.to_vec().into_iter().next() else {
                return Err(me.exc("KeyError", "pop from an empty set"));
            };
            me.set_discard(&s, &v)?;
            Ok(v)
        }
        "clear" => {
            me.refuse_frozen(obj, "clear")?;
            for v in s.to_vec() {
                me.set_discard(&s, &v)?;
            }
            Ok(Value::None)
        }
        "copy" if kind_name(obj) == Some("frozenset") => Ok(obj.clone()),
        "copy" => Ok(Set::new([])
            .and_then(|c| {
                for k in s.keys() {
                    c.add_key(k)?;
                }
                Ok(c)
            })
            .map_err(|e| me.core_exc(e, &[obj]))?
            .into()),
        "update" | "intersection_update" | "difference_update" => {
            me.refuse_frozen(obj, "update")?;
            me.set_update(&s, name, &a.pos)?;
            Ok(Value::None)
        }
        "symmetric_difference_update" => {
            let v = one(me, a)?;
            me.refuse_frozen(obj, "update")?;
            me.set_update(&s, name, &[v])?;
            Ok(Value::None)
        }
        "union" => {
            let mut items = s.to_vec();
            for o in &a.pos {
                items.extend(me.collect(o)?);
            }
            me.set_result(obj, items)
        }
        "intersection" | "difference" => {
            let keep = name == "intersection";
            let mut items = s.to_vec();
            for o in &a.pos {
                let other = me.searchable(o)?;
                let mut kept = Vec::with_capacity(items.len());
                for x in items {
                    if me.set_contains(&other, &x)? == keep {
                        kept.push(x);
                    }
                }
                items = kept;
            }
            me.set_result(obj, items)
        }
        "symmetric_difference" => {
            let v = one(me, a)?;
            let other = me.searchable(&v)?;
            let mut items = me.filter_in(&s, &other, false)?;
            items.extend(me.filter_in(&other, &s, false)?);
            me.set_result(obj, items)
        }
        "issubset" | "issuperset" | "isdisjoint" => {
            let v = one(me, a)?;
            let other = me.searchable(&v)?;
            let r = match name {
                "issubset" => me.filter_in(&s, &other, false)?.is_empty(),
                "issuperset" => me.filter_in(&other, &s, false)?.is_empty(),
                _ => me.filter_in(&s, &other, true)?.is_empty(),
            };
            Ok(Value::Bool(r))
        }
        _ => unreachable!("FROZENSET and SET_MUTATORS list every set method"),
    }
}
