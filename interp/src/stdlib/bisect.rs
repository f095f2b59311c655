//! `bisect`: binary search and insertion in sorted sequences, comparing with Python's
//! `<` (a user class's `__lt__` included), as CPython's `_bisect` does.

use floe_core::Value;

use super::{keywords, positional, Spec};
use crate::interp::{Args, Interp};
use crate::Res;

pub(super) const SPEC: Spec = Spec {
    name: "bisect",
    fns: &[
        ("bisect_left", |me, a| bisect(me, a, "bisect_left", false)),
        ("bisect_right", |me, a| bisect(me, a, "bisect_right", true)),
        ("bisect", |me, a| bisect(me, a, "bisect", true)),
        ("insort_left", |me, a| insort(me, a, "insort_left", false)),
        ("insort_right", |me, a| insort(me, a, "insort_right", true)),
        ("insort", |me, a| insort(me, a, "insort", true)),
    ],
    consts: super::no_consts,
};

/// Where `x` goes in `seq[lo:hi]`: before equal items (`right == false`) or after them;
/// `key` applies to the sequence's items only (`x` is a key already).
pub(super) fn search(
    me: &mut Interp,
    seq: &Value,
    x: &Value,
    mut lo: usize,
    mut hi: usize,
    key: Option<&Value>,
    right: bool,
) -> Res<usize> {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let mut item = me.getitem(seq, &Value::Int(mid as i64))?;
        if let Some(k) = key {
            item = me.call(k, Args::of(vec![item]))?;
        }
        let go_left = if right {
            super::less_than(me, x, &item)?
        } else {
            !super::less_than(me, &item, x)?
        };
        if go_left {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

/// The arguments `(a, x, lo=0, hi=None, *, key=None)`, with `lo` and `hi` resolved.
struct Call {
    seq: Value,
    x: Value,
    lo: usize,
    hi: usize,
    key: Option<Value>,
}

fn arguments(me: &mut Interp, a: Args, name: &str) -> Res<Call> {
    let [kw_lo, kw_hi, key] = keywords(me, name, a.kw, ["lo", "hi", "key"])?;
    let mut pos = positional(me, name, Args::of(a.pos), 2, 4)?.into_iter();
    let (seq, x) = (pos.next().expect("two"), pos.next().expect("two"));
    let lo = match pos.next().or(kw_lo) {
        Some(v) => me.index_of(&v)?,
        None => 0,
    };
    if lo < 0 {
        return Err(me.exc("ValueError", "lo must be non-negative"));
    }
    // As in CPython, `hi=-1` means `hi=None`, and a lower `hi` an empty range.
    let hi = match pos.next().or(kw_hi).filter(|v| !matches!(v, Value::None)) {
        Some(v) => match me.index_of(&v)? {
            -1 => me.len(&seq)?,
            hi => hi.max(0) as usize,
        },
        None => me.len(&seq)?,
    };
    Ok(Call {
        seq,
        x,
        lo: lo as usize,
        hi,
        key: key.filter(|k| !matches!(k, Value::None)),
    })
}

/// `bisect_left` / `bisect_right`.
fn bisect(me: &mut Interp, a: Args, name: &str, right: bool) -> Res<Value> {
    let c = arguments(me, a, name)?;
    let i = search(me, &c.seq, &c.x, c.lo, c.hi, c.key.as_ref(), right)?;
    Ok(Value::Int(i as i64))
}

/// `insort_left` / `insort_right`: `a.insert(bisect(...), x)`.
fn insort(me: &mut Interp, a: Args, name: &str, right: bool) -> Res<Value> {
    let c = arguments(me, a, name)?;
    let kx = match &c.key {
        Some(k) => me.call(k, Args::of(vec![c.x.clone()]))?,
        None => c.x.clone(),
    };
    let i = search(me, &c.seq, &kx, c.lo, c.hi, c.key.as_ref(), right)?;
    me.call_method(&c.seq, "insert", Args::of(vec![Value::Int(i as i64), c.x]))?;
    Ok(Value::None)
}
