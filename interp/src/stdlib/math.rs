//! `math`: CPython's `math` module over the C library's functions (the ones CPython
//! calls, so results agree to the last bit), with CPython's errors: `ValueError("math
//! domain error")`, `OverflowError("math range error")`, `TypeError` for non-numbers.

use floe_core::{Tuple, Value};
use malachite_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use rustpython_parser::ast::Operator;

use super::{keywords, positional, Spec};
use crate::interp::{Args, Interp};
use crate::ops::{as_big, as_f64, int_of_float, int_value};
use crate::Res;

pub(super) const SPEC: Spec = Spec {
    name: "math",
    fns: &[
        ("sqrt", |me, a| math_1(me, a, "sqrt", f64::sqrt, false)),
        ("exp", |me, a| math_1(me, a, "exp", f64::exp, true)),
        ("expm1", |me, a| math_1(me, a, "expm1", f64::exp_m1, true)),
        ("log", log),
        ("log2", |me, a| log_of(me, a, "log2", f64::log2)),
        ("log10", |me, a| log_of(me, a, "log10", f64::log10)),
        ("log1p", |me, a| math_1(me, a, "log1p", f64::ln_1p, false)),
        ("pow", pow),
        ("sin", |me, a| math_1(me, a, "sin", f64::sin, false)),
        ("cos", |me, a| math_1(me, a, "cos", f64::cos, false)),
        ("tan", |me, a| math_1(me, a, "tan", f64::tan, false)),
        ("asin", |me, a| math_1(me, a, "asin", f64::asin, false)),
        ("acos", |me, a| math_1(me, a, "acos", f64::acos, false)),
        ("atan", |me, a| math_1(me, a, "atan", f64::atan, false)),
        ("sinh", |me, a| math_1(me, a, "sinh", f64::sinh, true)),
        ("cosh", |me, a| math_1(me, a, "cosh", f64::cosh, true)),
        ("tanh", |me, a| math_1(me, a, "tanh", f64::tanh, false)),
        ("asinh", |me, a| math_1(me, a, "asinh", f64::asinh, false)),
        ("acosh", |me, a| math_1(me, a, "acosh", f64::acosh, false)),
        ("atanh", |me, a| math_1(me, a, "atanh", f64::atanh, false)),
        ("fabs", |me, a| math_1(me, a, "fabs", f64::abs, false)),
        ("atan2", |me, a| {
            let [y, x] = two(me, "atan2", a)?;
            Ok(Value::Float(y.atan2(x)))
        }),
        ("copysign", |me, a| {
            let [x, y] = two(me, "copysign", a)?;
            Ok(Value::Float(x.copysign(y)))
        }),
        ("fmod", fmod),
        ("hypot", hypot),
        ("dist", dist),
        ("nextafter", |me, a| {
            let [x, y] = two(me, "nextafter", a)?;
            Ok(Value::Float(next_after(x, y)))
        }),
        ("ulp", |me, a| {
            let x = one(me, "ulp", a)?.abs();
            if !x.is_finite() {
                return Ok(Value::Float(x));
            }
            let up = x.next_up();
            Ok(Value::Float(if up.is_infinite() {
                x - x.next_down()
            } else {
                up - x
            }))
        }),
        ("degrees", |me, a| {
            let x = one(me, "degrees", a)?;
            Ok(Value::Float(x * (180.0 / std::f64::consts::PI)))
        }),
        ("radians", |me, a| {
            let x = one(me, "radians", a)?;
            Ok(Value::Float(x * (std::f64::consts::PI / 180.0)))
        }),
        ("floor", |me, a| to_int(me, a, "floor", f64::floor)),
        ("ceil", |me, a| to_int(me, a, "ceil", f64::ceil)),
        ("trunc", |me, a| to_int(me, a, "trunc", f64::trunc)),
        ("isfinite", |me, a| test(me, a, "isfinite", f64::is_finite)),
        ("isinf", |me, a| test(me, a, "isinf", f64::is_infinite)),
        ("isnan", |me, a| test(me, a, "isnan", f64::is_nan)),
        ("isclose", isclose),
        ("frexp", |me, a| {
            let x = one(me, "frexp", a)?;
            let (m, e) = frexp(x);
            Ok(Tuple::new([Value::Float(m), Value::Int(e.into())]).into())
        }),
        ("modf", |me, a| {
            let x = one(me, "modf", a)?;
            let (frac, int) = if x.is_infinite() {
                (0.0_f64.copysign(x), x)
            } else {
                ((x - x.trunc()).copysign(x), x.trunc())
            };
            Ok(Tuple::new([Value::Float(frac), Value::Float(int)]).into())
        }),
        ("fsum", fsum),
        ("prod", prod),
        ("factorial", factorial),
        ("gcd", |me, a| gcd_lcm(me, a, "gcd", true)),
        ("lcm", |me, a| gcd_lcm(me, a, "lcm", false)),
        ("isqrt", isqrt),
        ("comb", |me, a| comb_perm(me, a, "comb")),
        ("perm", |me, a| comb_perm(me, a, "perm")),
    ],
    consts: || {
        vec![
            ("pi", Value::Float(std::f64::consts::PI)),
            ("e", Value::Float(std::f64::consts::E)),
            ("tau", Value::Float(std::f64::consts::TAU)),
            ("inf", Value::Float(f64::INFINITY)),
            ("nan", Value::Float(f64::NAN)),
        ]
    },
};

/// The most factors `factorial`, `comb` and `perm` multiply (their results past this
/// would take minutes and megabytes): beyond it they raise `MemoryError`.
const MAX_FACTORS: u64 = 2_000_000;

/// A real-number argument as a float (CPython's `PyFloat_AsDouble`).
pub(super) fn real(me: &mut Interp, v: &Value) -> Res<f64> {
    if let Some(f) = as_f64(v) {
        return Ok(f);
    }
    if as_big(v).is_some() {
        return Err(me.exc("OverflowError", "int too large to convert to float"));
    }
    Err(me.exc(
        "TypeError",
        format!("must be real number, not {}", v.type_name()),
    ))
}

/// An integer argument (`__index__`): a float is a `TypeError`.
pub(super) fn integer(me: &mut Interp, v: &Value) -> Res<BigInt> {
    as_big(v).ok_or_else(|| {
        me.exc(
            "TypeError",
            format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            ),
        )
    })
}

fn one(me: &mut Interp, name: &str, a: Args) -> Res<f64> {
    let [x] = exactly(me, name, a)?;
    real(me, &x)
}

fn two(me: &mut Interp, name: &str, a: Args) -> Res<[f64; 2]> {
    let [x, y] = exactly(me, name, a)?;
    Ok([real(me, &x)?, real(me, &y)?])
}

fn exactly<const N: usize>(me: &mut Interp, name: &str, a: Args) -> Res<[Value; N]> {
    let pos = positional(me, name, a, N, N)?;
    Ok(pos.try_into().expect("checked count"))
}

fn domain(me: &mut Interp) -> crate::Flow {
    me.exc("ValueError", "math domain error")
}

fn range(me: &mut Interp) -> crate::Flow {
    me.exc("OverflowError", "math range error")
}

/// CPython's `math_1`: a NaN from a non-NaN is a domain error; an infinity from a finite
/// argument an overflow (`can_overflow`) or a domain error.
fn math_1(
    me: &mut Interp,
    a: Args,
    name: &str,
    f: fn(f64) -> f64,
    can_overflow: bool,
) -> Res<Value> {
    let x = one(me, name, a)?;
    let r = f(x);
    checked(me, x, r, can_overflow)
}

fn checked(me: &mut Interp, x: f64, r: f64, can_overflow: bool) -> Res<Value> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain(me));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range(me) } else { domain(me) });
    }
    Ok(Value::Float(r))
}

/// CPython's `loghelper`: an int too large for a float is taken as `m * 2**e`.
fn log_value(me: &mut Interp, v: &Value, f: fn(f64) -> f64) -> Res<f64> {
    if let (Some(i), false) = (as_big(v), matches!(v, Value::Float(_))) {
        if !i.is_positive() {
            return Err(domain(me));
        }
        if let Some(x) = i.to_f64().filter(|x| x.is_finite()) {
            return Ok(f(x));
        }
        // Top 64 bits as the mantissa, the rest as a power of two.
        let bits = i.bits();
        let shift = bits - 64;
        let top = (&i >> shift).to_u64().expect("64 bits");
        return Ok(f(top as f64) + f(2.0) * shift as f64);
    }
    let x = real(me, v)?;
    match checked(me, x, f(x), false)? {
        Value::Float(r) => Ok(r),
        _ => unreachable!("checked returns a float"),
    }
}

/// `log(x[, base])`.
fn log(me: &mut Interp, a: Args) -> Res<Value> {
    let pos = positional(me, "log", a, 1, 2)?;
    let num = log_value(me, &pos[0], f64::ln)?;
    match pos.get(1) {
        None => Ok(Value::Float(num)),
        Some(b) => {
            let den = log_value(me, b, f64::ln)?;
            if den == 0.0 {
                return Err(me.exc("ZeroDivisionError", "float division by zero"));
            }
            Ok(Value::Float(num / den))
        }
    }
}

fn log_of(me: &mut Interp, a: Args, name: &str, f: fn(f64) -> f64) -> Res<Value> {
    let [x] = exactly(me, name, a)?;
    Ok(Value::Float(log_value(me, &x, f)?))
}

/// `pow(x, y)`: the C library's `pow`, with CPython's errors for finite arguments.
fn pow(me: &mut Interp, a: Args) -> Res<Value> {
    let [x, y] = two(me, "pow", a)?;
    let r = x.powf(y);
    if x.is_finite() && y.is_finite() {
        if r.is_nan() || (r.is_infinite() && x == 0.0) {
            return Err(domain(me));
        }
        if r.is_infinite() {
            return Err(range(me));
        }
    }
    Ok(Value::Float(r))
}

/// `fmod(x, y)`: C's `fmod`; `fmod(x, ±inf)` is `x` for finite `x`.
fn fmod(me: &mut Interp, a: Args) -> Res<Value> {
    let [x, y] = two(me, "fmod", a)?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::Float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(me));
    }
    Ok(Value::Float(r))
}

/// `frexp(x)`: `(m, e)` with `x == m * 2**e` and `0.5 <= |m| < 1`.
pub(super) fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, adjust) = if x.abs() < f64::MIN_POSITIVE {
        (x * 2f64.powi(54), -54)
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32 - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp + adjust)
}

/// `2**e` exactly, for `-1074 <= e <= 1023` (subnormal powers included, where
/// `powi`'s reciprocal of an infinity would give zero).
pub(super) fn pow2(e: i32) -> f64 {
    if e >= -1022 {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (e + 1074))
    }
}

/// `a + b` and its rounding error, for `|a| >= |b|`.
fn fast_sum(a: f64, b: f64) -> (f64, f64) {
    let x = a + b;
    (x, (a - x) + b)
}

/// `x * y` and its rounding error.
fn exact_mul(x: f64, y: f64) -> (f64, f64) {
    let z = x * y;
    (z, x.mul_add(y, -z))
}

/// CPython's `vector_norm`: the Euclidean norm of `|coordinates|`, correctly rounded in
/// nearly every case (the same bits as CPython's `hypot`).
pub(super) fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    if max_e < -1023 {
        for x in vec.iter_mut() {
            *x /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = pow2(-max_e);
    let (mut csum, mut frac1, mut frac2) = (1.0, 0.0, 0.0);
    for &x in vec.iter() {
        let x = x * scale;
        let pr = exact_mul(x, x);
        let sm = fast_sum(csum, pr.0);
        csum = sm.0;
        frac1 += pr.1;
        frac2 += sm.1;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let pr = exact_mul(-h, h);
    let sm = fast_sum(csum, pr.0);
    csum = sm.0;
    frac1 += pr.1;
    frac2 += sm.1;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

/// `hypot(*coordinates)`.
fn hypot(me: &mut Interp, a: Args) -> Res<Value> {
    let pos = positional(me, "hypot", a, 0, usize::MAX)?;
    let mut coordinates = Vec::with_capacity(pos.len());
    for v in &pos {
        coordinates.push(real(me, v)?);
    }
    Ok(Value::Float(norm(coordinates)))
}

/// The Euclidean norm of a vector, as CPython's `hypot` and `dist` compute it.
fn norm(mut vec: Vec<f64>) -> f64 {
    let (mut max, mut found_nan) = (0.0, false);
    for x in vec.iter_mut() {
        *x = x.abs();
        found_nan |= x.is_nan();
        if *x > max {
            max = *x;
        }
    }
    vector_norm(&mut vec, max, found_nan)
}

/// `dist(p, q)`: the Euclidean distance between two points of the same dimension.
fn dist(me: &mut Interp, a: Args) -> Res<Value> {
    let [p, q] = exactly(me, "dist", a)?;
    let (p, q) = (me.collect(&p)?, me.collect(&q)?);
    if p.len() != q.len() {
        return Err(me.exc(
            "ValueError",
            "both points must have the same number of dimensions",
        ));
    }
    let mut diffs = Vec::with_capacity(p.len());
    for (x, y) in p.iter().zip(&q) {
        diffs.push(real(me, x)? - real(me, y)?);
    }
    Ok(Value::Float(norm(diffs)))
}

/// C's `nextafter(x, y)`: the float after `x` towards `y`.
fn next_after(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x == y {
        y
    } else if y > x {
        x.next_up()
    } else {
        x.next_down()
    }
}

/// `floor`, `ceil`, `trunc`: an int (of any size) for a float, the int itself for an int,
/// or the object's `__floor__`/`__ceil__`/`__trunc__`.
fn to_int(me: &mut Interp, a: Args, name: &str, f: fn(f64) -> f64) -> Res<Value> {
    let [x] = exactly(me, name, a)?;
    if let Some(i) = as_big(&x) {
        return Ok(int_value(i));
    }
    if let Value::Float(v) = x {
        return int_of_float(f(v)).ok_or_else(|| {
            if v.is_nan() {
                me.exc("ValueError", "cannot convert float NaN to integer")
            } else {
                me.exc("OverflowError", "cannot convert float infinity to integer")
            }
        });
    }
    let special = match name {
        "floor" => "__floor__",
        "ceil" => "__ceil__",
        _ => "__trunc__",
    };
    if let Some(m) = me.special(&x, special) {
        return me.call(&m, Args::of(vec![x]));
    }
    if name == "trunc" {
        return Err(me.exc(
            "TypeError",
            format!("type {} doesn't define __trunc__ method", x.type_name()),
        ));
    }
    Err(me.exc(
        "TypeError",
        format!("must be real number, not {}", x.type_name()),
    ))
}

fn test(me: &mut Interp, a: Args, name: &str, f: fn(f64) -> bool) -> Res<Value> {
    let x = one(me, name, a)?;
    Ok(Value::Bool(f(x)))
}

/// `isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`.
fn isclose(me: &mut Interp, a: Args) -> Res<Value> {
    let [rel, abs] = keywords(me, "isclose", a.kw, ["rel_tol", "abs_tol"])?;
    let [x, y] = exactly(me, "isclose", Args::of(a.pos))?;
    let (x, y) = (real(me, &x)?, real(me, &y)?);
    let rel = match rel {
        Some(v) => real(me, &v)?,
        None => 1e-9,
    };
    let abs = match abs {
        Some(v) => real(me, &v)?,
        None => 0.0,
    };
    if rel < 0.0 || abs < 0.0 {
        return Err(me.exc("ValueError", "tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::Bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (y - x).abs();
    Ok(Value::Bool(
        diff <= (rel * y).abs() || diff <= (rel * x).abs() || diff <= abs,
    ))
}

/// `fsum(iterable)`: the correctly rounded sum (CPython's Shewchuk partials, with its
/// half-even fix-up across partials).
fn fsum(me: &mut Interp, a: Args) -> Res<Value> {
    let [it] = exactly(me, "fsum", a)?;
    let mut iter = me.iter(&it)?;
    let mut partials: Vec<f64> = Vec::new();
    let (mut special_sum, mut inf_sum) = (0.0, 0.0);
    while let Some(item) = me.next(&mut iter)? {
        let mut x = real(me, &item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if xsave.is_finite() {
                    return Err(me.exc("OverflowError", "intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(me.exc("ValueError", "-inf + inf in fsum"));
        }
        return Ok(Value::Float(special_sum));
    }
    let mut n = partials.len();
    let (mut hi, mut lo) = (0.0, 0.0);
    if n > 0 {
        n -= 1;
        hi = partials[n];
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            lo = y - (hi - x);
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
    }
    Ok(Value::Float(hi))
}

/// `prod(iterable, *, start=1)`: Python's `*` from the left.
fn prod(me: &mut Interp, a: Args) -> Res<Value> {
    let [start] = keywords(me, "prod", a.kw, ["start"])?;
    let [it] = exactly(me, "prod", Args::of(a.pos))?;
    let mut total = start.unwrap_or(Value::Int(1));
    let mut iter = me.iter(&it)?;
    while let Some(x) = me.next(&mut iter)? {
        total = me.binary(Operator::Mult, &total, &x)?;
    }
    Ok(total)
}

/// The product of the integers `lo..=hi` (1 when empty), by halves so the big
/// multiplications stay balanced.
fn product(lo: &BigInt, hi: &BigInt) -> BigInt {
    if lo > hi {
        return BigInt::one();
    }
    let span = hi - lo;
    if span < BigInt::from(16) {
        let mut p = lo.clone();
        let mut k = lo + BigInt::one();
        while &k <= hi {
            p *= &k;
            k += BigInt::one();
        }
        return p;
    }
    let mid: BigInt = lo + (span >> 1u32);
    product(lo, &mid) * product(&(mid + BigInt::one()), hi)
}

fn too_many_factors(me: &mut Interp, name: &str, count: &BigInt) -> Res<()> {
    if *count > BigInt::from(MAX_FACTORS) {
        return Err(me.exc(
            "MemoryError",
            format!("{name}() of more than {MAX_FACTORS} factors is too large for floe"),
        ));
    }
    Ok(())
}

/// `factorial(n)`.
fn factorial(me: &mut Interp, a: Args) -> Res<Value> {
    let [n] = exactly(me, "factorial", a)?;
    let n = integer(me, &n)?;
    if n.is_negative() {
        return Err(me.exc("ValueError", "factorial() not defined for negative values"));
    }
    if n > BigInt::from(i64::MAX) {
        return Err(me.exc(
            "OverflowError",
            format!("factorial() argument should not exceed {}", i64::MAX),
        ));
    }
    too_many_factors(me, "factorial", &n)?;
    Ok(int_value(product(&BigInt::one(), &n)))
}

/// `gcd(*integers)` and `lcm(*integers)`.
fn gcd_lcm(me: &mut Interp, a: Args, name: &str, gcd: bool) -> Res<Value> {
    let pos = positional(me, name, a, 0, usize::MAX)?;
    let mut acc = if gcd { BigInt::zero() } else { BigInt::one() };
    for v in &pos {
        let x = integer(me, v)?;
        acc = if gcd { acc.gcd(&x) } else { acc.lcm(&x) };
    }
    Ok(int_value(acc.abs()))
}

/// `isqrt(n)`: the integer square root.
fn isqrt(me: &mut Interp, a: Args) -> Res<Value> {
    let [n] = exactly(me, "isqrt", a)?;
    let n = integer(me, &n)?;
    if n.is_negative() {
        return Err(me.exc("ValueError", "isqrt() argument must be nonnegative"));
    }
    Ok(int_value(n.sqrt()))
}

/// `comb(n, k)` and `perm(n, k=None)`.
fn comb_perm(me: &mut Interp, a: Args, name: &str) -> Res<Value> {
    let min = if name == "perm" { 1 } else { 2 };
    let pos = positional(me, name, a, min, 2)?;
    let n = integer(me, &pos[0])?;
    let k = match pos.get(1) {
        None | Some(Value::None) => None,
        Some(k) => Some(integer(me, k)?),
    };
    if n.is_negative() {
        return Err(me.exc("ValueError", "n must be a non-negative integer"));
    }
    let Some(k) = k else {
        too_many_factors(me, name, &n)?;
        return Ok(int_value(product(&BigInt::one(), &n)));
    };
    if k.is_negative() {
        return Err(me.exc("ValueError", "k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = if name == "comb" {
        std::cmp::min(k.clone(), &n - &k)
    } else {
        k
    };
    too_many_factors(me, name, &k)?;
    let falling = product(&(&n - &k + BigInt::one()), &n);
    Ok(int_value(if name == "comb" {
        falling / product(&BigInt::one(), &k)
    } else {
        falling
    }))
}
