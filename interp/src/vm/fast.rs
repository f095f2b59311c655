//! Arithmetic and comparison of ints and floats, done inline by the dispatch loop
//! (RFC-0008 §2): no call, no dispatch on the operator's special methods. Only what
//! gives CPython's exact answer is done here — an int meets a float only when it
//! converts exactly (|i| ≤ 2^53), `/` of two ints only when both do (then one rounding,
//! as CPython's true division), `**` only to a finite result; anything else — overflow,
//! division by zero, bools, big ints, a float's `%` and `//` — is `None`, and the
//! general path answers.

use floe_core::Value;
use rustpython_parser::ast::{CmpOp, Operator};

/// The largest magnitude of an int that converts to a float exactly.
const EXACT: i64 = 1 << 53;

/// `i` as a float, if the conversion is exact.
#[inline]
fn exact_float(i: i64) -> Option<f64> {
    (-EXACT..=EXACT).contains(&i).then_some(i as f64)
}

/// `a op b` for two ints (without overflow), two floats, or an int and a float.
/// Always inlined: a caller that names the operator keeps only that operator's code.
#[inline(always)]
pub(super) fn binary(op: Operator, a: &Value, b: &Value) -> Option<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => match op {
            Operator::Add => x.checked_add(*y).map(Value::Int),
            Operator::Sub => x.checked_sub(*y).map(Value::Int),
            Operator::Mult => x.checked_mul(*y).map(Value::Int),
            // Python floors: for a positive divisor that is Euclid's division.
            Operator::Mod if *y > 0 => Some(Value::Int(x.rem_euclid(*y))),
            Operator::FloorDiv if *y > 0 => Some(Value::Int(x.div_euclid(*y))),
            Operator::Div if *y != 0 => float_binary(op, exact_float(*x)?, exact_float(*y)?),
            Operator::Pow => u32::try_from(*y)
                .ok()
                .and_then(|y| x.checked_pow(y))
                .map(Value::Int),
            _ => None,
        },
        (Value::Float(x), Value::Float(y)) => float_binary(op, *x, *y),
        (Value::Int(x), Value::Float(y)) => float_binary(op, exact_float(*x)?, *y),
        (Value::Float(x), Value::Int(y)) => float_binary(op, *x, exact_float(*y)?),
        _ => None,
    }
}

/// `x op y` for two floats, where CPython's answer is the IEEE operation's.
#[inline(always)]
fn float_binary(op: Operator, x: f64, y: f64) -> Option<Value> {
    Some(Value::Float(match op {
        Operator::Add => x + y,
        Operator::Sub => x - y,
        Operator::Mult => x * y,
        Operator::Div if y != 0.0 => x / y,
        // C's pow, as CPython calls it, for a positive base; an overflow raises there.
        Operator::Pow if x > 0.0 => Some(x.powf(y)).filter(|r| r.is_finite())?,
        _ => return None,
    }))
}

/// `a op b` for two ints or two floats (IEEE comparisons are Python's: every ordering
/// with a NaN is false, and NaN != NaN).
#[inline]
pub(crate) fn compare(op: CmpOp, a: &Value, b: &Value) -> Option<bool> {
    macro_rules! ordered {
        ($x:expr, $y:expr) => {
            match op {
                CmpOp::Eq => Some($x == $y),
                CmpOp::NotEq => Some($x != $y),
                CmpOp::Lt => Some($x < $y),
                CmpOp::LtE => Some($x <= $y),
                CmpOp::Gt => Some($x > $y),
                CmpOp::GtE => Some($x >= $y),
                _ => None,
            }
        };
    }
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => ordered!(x, y),
        (Value::Float(x), Value::Float(y)) => ordered!(x, y),
        (Value::Int(x), Value::Float(y)) => ordered!(exact_float(*x)?, *y),
        (Value::Float(x), Value::Int(y)) => ordered!(*x, exact_float(*y)?),
        (Value::Str(x), Value::Str(y)) => ordered!(x, y),
        _ => None,
    }
}

/// Whether `item` counts as `x` in a containment test (`x in seq`), where no `__eq__`
/// need be asked: the same value as [`Value::is`] has it (CPython's identity shortcut;
/// a float, having no identity, is the same as any float of its bits, NaNs included),
/// or two numbers or two strings compared; `None` when an `__eq__` must answer.
#[inline]
pub(crate) fn same_or_equal(item: &Value, x: &Value) -> Option<bool> {
    if item.is(x) {
        return Some(true);
    }
    compare(CmpOp::Eq, item, x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_paths_decline_what_they_do_not_answer_exactly() {
        assert!(binary(Operator::Add, &Value::Int(i64::MAX), &Value::Int(1)).is_none());
        assert!(binary(Operator::Div, &Value::Float(1.0), &Value::Float(0.0)).is_none());
        assert!(binary(Operator::Add, &Value::Bool(true), &Value::Int(1)).is_none());
        assert!(binary(Operator::FloorDiv, &Value::Int(7), &Value::Int(-2)).is_none());
        assert!(matches!(
            binary(Operator::FloorDiv, &Value::Int(-7), &Value::Int(2)),
            Some(Value::Int(-4))
        ));
        assert!(matches!(
            binary(Operator::Mod, &Value::Int(-7), &Value::Int(3)),
            Some(Value::Int(2))
        ));
        assert!(matches!(
            binary(Operator::Mult, &Value::Int(-3), &Value::Int(4)),
            Some(Value::Int(-12))
        ));
        let nan = Value::Float(f64::NAN);
        assert_eq!(compare(CmpOp::Eq, &nan, &nan), Some(false));
        assert_eq!(compare(CmpOp::NotEq, &nan, &nan), Some(true));
        assert_eq!(
            compare(CmpOp::Lt, &Value::Int(1), &Value::Int(2)),
            Some(true)
        );
        assert_eq!(compare(CmpOp::In, &Value::Int(1), &Value::Int(2)), None);
        assert_eq!(
            compare(CmpOp::Lt, &Value::Int(1), &Value::Float(2.0)),
            Some(true)
        );
        // Past 2^53 an int and a float compare exactly, which the general path does.
        let big = Value::Int((1 << 53) + 1);
        assert_eq!(compare(CmpOp::Eq, &big, &Value::Float(2f64.powi(53))), None);
        assert!(binary(Operator::Div, &big, &Value::Int(3)).is_none());
        assert!(binary(Operator::Pow, &Value::Float(-8.0), &Value::Float(0.5)).is_none());
        assert!(binary(Operator::Pow, &Value::Float(10.0), &Value::Float(400.0)).is_none());
        assert!(binary(Operator::Pow, &Value::Int(2), &Value::Int(-1)).is_none());
        assert!(matches!(
            binary(Operator::Pow, &Value::Int(3), &Value::Int(4)),
            Some(Value::Int(81))
        ));
        assert!(matches!(
            binary(Operator::Div, &Value::Int(1), &Value::Int(4)),
            Some(Value::Float(f)) if f == 0.25
        ));
    }
}
