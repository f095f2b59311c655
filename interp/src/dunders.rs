//! Special methods called by name on built-in values — `d.__setitem__(k, v)`,
//! `x.__getitem__(i)`, `l.__len__()`, `a.__add__(b)`, `x.__eq__(y)` — each the operation
//! its operator or built-in function performs. An operator method whose operands the
//! type does not handle returns `NotImplemented`, as Python's do.

use floe_core::Value;
use rustpython_parser::ast::{CmpOp, Operator, UnaryOp};

use crate::errors::Flow;
use crate::interp::{Args, Interp};
use crate::ops::{kind_name, not_implemented};
use crate::Res;

/// Every value has these.
const ANY: &[&str] = &["__eq__", "__ne__", "__repr__", "__str__", "__hash__"];
/// Numbers, strings, sequences and sets order.
const ORDER: &[&str] = &["__lt__", "__le__", "__gt__", "__ge__"];
/// Containers.
const CONTAINER: &[&str] = &["__len__", "__contains__", "__iter__"];
/// Binary operators of numbers (and of sequences for `+ *`, strings for `%`, sets for
/// `| & - ^`, dicts for `|`).
const ARITH: &[(&str, Operator)] = &[
    ("add", Operator::Add),
    ("sub", Operator::Sub),
    ("mul", Operator::Mult),
    ("truediv", Operator::Div),
    ("floordiv", Operator::FloorDiv),
    ("mod", Operator::Mod),
    ("pow", Operator::Pow),
    ("lshift", Operator::LShift),
    ("rshift", Operator::RShift),
    ("and", Operator::BitAnd),
    ("or", Operator::BitOr),
    ("xor", Operator::BitXor),
];

/// The operator of `__add__`, `__radd__` or `__iadd__` (`add`, reflected, in place).
fn operator(name: &str) -> Option<(Operator, bool, bool)> {
    let bare = name.strip_prefix("__")?.strip_suffix("__")?;
    let (bare, reflected, inplace) = match ARITH.iter().find(|(n, _)| *n == bare) {
        Some(_) => (bare, false, false),
        None => match (bare.strip_prefix('r'), bare.strip_prefix('i')) {
            (Some(b), _) if ARITH.iter().any(|(n, _)| *n == b) => (b, true, false),
            (_, Some(b)) if ARITH.iter().any(|(n, _)| *n == b) => (b, false, true),
            _ => return None,
        },
    };
    let op = ARITH.iter().find(|(n, _)| *n == bare)?.1;
    Some((op, reflected, inplace))
}

/// `true` if the type of `obj` has the operator method `op` (`in_place` for `__iadd__`
/// and friends, which only mutable types have).
fn has_operator(kind: &str, op: Operator, in_place: bool) -> bool {
    use Operator::*;
    match kind {
        "int" => !in_place && op != MatMult,
        "float" => !in_place && matches!(op, Add | Sub | Mult | Div | FloorDiv | Mod | Pow),
        "str" => !in_place && matches!(op, Add | Mult | Mod),
        "tuple" | "frozenlist" | "bytes" => !in_place && matches!(op, Add | Mult),
        "bytearray" => op == Add || (!in_place && op == Mult),
        "list" => matches!(op, Add | Mult),
        "set" => matches!(op, BitOr | BitAnd | Sub | BitXor),
        "frozenset" => !in_place && matches!(op, BitOr | BitAnd | Sub | BitXor),
        "dict" => op == BitOr,
        "frozendict" => !in_place && op == BitOr,
        _ => false,
    }
}

/// `true` if the built-in value `obj` has the special method `name`.
pub(crate) fn has(obj: &Value, name: &str) -> bool {
    if !name.starts_with("__") {
        return false;
    }
    let Some(kind) = kind_name(obj) else {
        return matches!(obj, Value::None) && ANY.contains(&name);
    };
    let container = matches!(
        kind,
        "str"
            | "list"
            | "tuple"
            | "dict"
            | "set"
            | "frozenset"
            | "range"
            | "frozenlist"
            | "frozendict"
            | "bytes"
            | "bytearray"
    );
    let number = matches!(kind, "int" | "float");
    if ANY.contains(&name) {
        return true;
    }
    if ORDER.contains(&name) {
        return number
            || matches!(
                kind,
                "str" | "list" | "tuple" | "set" | "frozenset" | "frozenlist"
            );
    }
    if CONTAINER.contains(&name) {
        return container;
    }
    match name {
        "__getitem__" => container && !matches!(kind, "set" | "frozenset"),
        "__setitem__" => matches!(kind, "list" | "dict" | "bytearray"),
        "__delitem__" => matches!(kind, "list" | "dict"),
        "__bool__" | "__neg__" | "__pos__" | "__abs__" | "__int__" | "__float__" => number,
        "__invert__" | "__index__" => kind == "int",
        _ => operator(name).is_some_and(|(op, _, in_place)| has_operator(kind, op, in_place)),
    }
}

/// `NotImplemented` for an operand-type `TypeError` of an operator method.
fn or_not_implemented(me: &mut Interp, r: Res<Value>) -> Res<Value> {
    match r {
        Err(Flow::Exc(e)) if me.exc_is(&e.value, "TypeError") => {
            let msg = me.exc_message(&e.value);
            if msg.starts_with("unsupported operand") || msg.contains("not supported between") {
                Ok(not_implemented())
            } else {
                Err(Flow::Exc(e))
            }
        }
        other => other,
    }
}

/// Calls the special method `name` (one [`has`] accepts) of the built-in value `obj`.
pub(crate) fn call(me: &mut Interp, obj: &Value, name: &str, a: Args) -> Res<Value> {
    let ty = obj.type_name();
    let want = |me: &mut Interp, n: usize, a: Args| -> Res<Vec<Value>> {
        if !a.kw.is_empty() {
            return Err(me.exc(
                "TypeError",
                format!("{ty}.{name}() takes no keyword arguments"),
            ));
        }
        if a.pos.len() != n {
            let plural = if n == 1 { "" } else { "s" };
            return Err(me.exc(
                "TypeError",
                format!("expected {n} argument{plural}, got {}", a.pos.len()),
            ));
        }
        Ok(a.pos)
    };
    let unary = |op: Option<UnaryOp>| op;
    let op_of_unary = match name {
        "__neg__" => unary(Some(UnaryOp::USub)),
        "__pos__" => unary(Some(UnaryOp::UAdd)),
        "__invert__" => unary(Some(UnaryOp::Invert)),
        _ => None,
    };
    if let Some(op) = op_of_unary {
        want(me, 0, a)?;
        return me.unary(op, obj);
    }
    let cmp = match name {
        "__eq__" => Some(CmpOp::Eq),
        "__ne__" => Some(CmpOp::NotEq),
        "__lt__" => Some(CmpOp::Lt),
        "__le__" => Some(CmpOp::LtE),
        "__gt__" => Some(CmpOp::Gt),
        "__ge__" => Some(CmpOp::GtE),
        _ => None,
    };
    if let Some(op) = cmp {
        let [other]: [Value; 1] = want(me, 1, a)?.try_into().expect("one");
        // A built-in type compares with its own kind; anything else is NotImplemented.
        let sets = |v: &Value| matches!(kind_name(v), Some("set" | "frozenset"));
        let alike = kind_name(obj) == kind_name(&other) || (sets(obj) && sets(&other));
        if !alike {
            return Ok(not_implemented());
        }
        let r = me.compare(op, obj, &other).map(Value::Bool);
        return or_not_implemented(me, r);
    }
    if let Some((op, reflected, in_place)) = operator(name) {
        let [other]: [Value; 1] = want(me, 1, a)?.try_into().expect("one");
        let r = match (reflected, in_place) {
            (true, _) => me.binary(op, &other, obj),
            (_, true) => me.inplace(op, obj, &other),
            _ => me.binary(op, obj, &other),
        };
        return or_not_implemented(me, r);
    }
    match name {
        "__repr__" => {
            want(me, 0, a)?;
            Ok(Value::str(&me.repr(obj)?))
        }
        "__str__" => {
            want(me, 0, a)?;
            Ok(Value::str(&me.str_of(obj)?))
        }
        "__hash__" => {
            want(me, 0, a)?;
            Ok(Value::Int(me.hash(obj)?))
        }
        "__len__" => {
            want(me, 0, a)?;
            Ok(Value::Int(me.len(obj)? as i64))
        }
        "__bool__" => {
            want(me, 0, a)?;
            Ok(Value::Bool(me.truthy(obj)?))
        }
        "__iter__" => {
            want(me, 0, a)?;
            me.iter_value(obj)
        }
        "__contains__" => {
            let [x]: [Value; 1] = want(me, 1, a)?.try_into().expect("one");
            Ok(Value::Bool(me.contains(obj, &x)?))
        }
        "__getitem__" => {
            let [i]: [Value; 1] = want(me, 1, a)?.try_into().expect("one");
            me.getitem(obj, &i)
        }
        "__setitem__" => {
            let [i, v]: [Value; 2] = want(me, 2, a)?.try_into().expect("two");
            me.setitem(obj, i, v).map(|()| Value::None)
        }
        "__delitem__" => {
            let [i]: [Value; 1] = want(me, 1, a)?.try_into().expect("one");
            me.delitem(obj, &i).map(|()| Value::None)
        }
        "__abs__" | "__int__" | "__float__" | "__index__" => {
            want(me, 0, a)?;
            let f = match name {
                "__abs__" => "abs",
                "__float__" => "float",
                _ => "int",
            };
            let builtin = me
                .builtins
                .get_text(f)
                .cloned()
                .expect("a built-in function");
            me.call(&builtin, Args::of(vec![obj.clone()]))
        }
        _ => unreachable!("`has` lists every special method"),
    }
}
