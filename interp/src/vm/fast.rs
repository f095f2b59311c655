//! Arithmetic and comparison of two small ints or two floats, done inline by the
//! dispatch loop (RFC-0008 §2): no call, no dispatch on the operator's special methods.
//! Anything else — overflow, division, bools, big ints, mixed types — is `None`, and the
//! general path answers.

use floe_core::Value;
use rustpython_parser::ast::{CmpOp, Operator};

/// `a op b` for two ints (without overflow) or two floats.
#[inline]
pub(super) fn binary(op: Operator, a: &Value, b: &Value) -> Option<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => match op {
            Operator::Add => x.checked_add(*y).map(Value::Int),
            Operator::Sub => x.checked_sub(*y).map(Value::Int),
            Operator::Mult => x.checked_mul(*y).map(Value::Int),
            // Python floors: for a positive divisor that is Euclid's division.
            Operator::Mod if *y > 0 => Some(Value::Int(x.rem_euclid(*y))),
            Operator::FloorDiv if *y > 0 => Some(Value::Int(x.div_euclid(*y))),
            _ => None,
        },
        (Value::Float(x), Value::Float(y)) => match op {
            Operator::Add => Some(Value::Float(x + y)),
            Operator::Sub => Some(Value::Float(x - y)),
            Operator::Mult => Some(Value::Float(x * y)),
            Operator::Div if *y != 0.0 => Some(Value::Float(x / y)),
            _ => None,
        },
        _ => None,
    }
}

/// `a op b` for two ints or two floats (IEEE comparisons are Python's: every ordering
/// with a NaN is false, and NaN != NaN).
#[inline]
pub(super) fn compare(op: CmpOp, a: &Value, b: &Value) -> Option<bool> {
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
        _ => None,
    }
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
        assert_eq!(compare(CmpOp::Lt, &Value::Int(1), &Value::Float(2.0)), None);
    }
}
