//! Slice objects (`slice(1, 5, 2)`, and what `obj[a:b]` hands a user class's
//! `__getitem__`): frozen from birth, like a range. Their bounds are kept as 64-bit
//! ints clamped as the slice instructions clamp them (floe's sequences are shorter than
//! any bound beyond), or `None`.

use floe_core::{NativeBody, ObjRef, Value};

use crate::interp::{Args, Interp};
use crate::Res;

/// The body of a slice object.
pub(crate) struct SliceBody {
    pub start: Option<i64>,
    pub stop: Option<i64>,
    pub step: Option<i64>,
}

impl NativeBody for SliceBody {
    fn type_name(&self) -> &'static str {
        "slice"
    }
    fn for_each_value(&self, _: &mut dyn FnMut(&Value)) {}
}

/// A new slice object.
pub(crate) fn new_slice(start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> Value {
    Value::Obj(ObjRef::new_native(SliceBody { start, stop, step }))
}

/// The slice `v` is, if it is one.
pub(crate) fn slice_of(v: &Value) -> Option<&SliceBody> {
    v.as_obj().and_then(|o| o.native::<SliceBody>())
}

/// A bound as Python shows it.
fn bound(b: Option<i64>) -> Value {
    b.map_or(Value::None, Value::Int)
}

impl SliceBody {
    /// `repr(s)`: `slice(1, None, None)`.
    pub(crate) fn repr(&self) -> String {
        let part = |b: Option<i64>| b.map_or_else(|| "None".to_string(), |i| i.to_string());
        format!(
            "slice({}, {}, {})",
            part(self.start),
            part(self.stop),
            part(self.step)
        )
    }

    /// The attribute `name` (`start`, `stop`, `step`).
    pub(crate) fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "start" => Some(bound(self.start)),
            "stop" => Some(bound(self.stop)),
            "step" => Some(bound(self.step)),
            _ => None,
        }
    }
}

/// `slice(stop)`, `slice(start, stop[, step])`.
pub(crate) fn construct(me: &mut Interp, a: Args) -> Res<Value> {
    if let Some((k, _)) = a.kw.first() {
        return Err(me.exc(
            "TypeError",
            format!("slice() takes no keyword arguments (got '{k}')"),
        ));
    }
    let mut parts = Vec::with_capacity(3);
    for v in &a.pos {
        parts.push(me.clamped_index(v)?);
    }
    Ok(match parts.as_slice() {
        [stop] => new_slice(None, *stop, None),
        [start, stop] => new_slice(*start, *stop, None),
        [start, stop, step] => new_slice(*start, *stop, *step),
        _ => {
            let n = a.pos.len();
            let msg = if n == 0 {
                "slice expected at least 1 argument, got 0".to_string()
            } else {
                format!("slice expected at most 3 arguments, got {n}")
            };
            return Err(me.exc("TypeError", msg));
        }
    })
}

/// `slice(lo, hi, step).indices(len)`: the bounds made concrete for a sequence of `len`
/// items, as CPython's `PySlice_AdjustIndices` makes them (`step` is not zero).
pub(crate) fn indices(len: i128, lo: Option<i64>, hi: Option<i64>, step: i64) -> (i128, i128) {
    let adjust = |b: i64, low: i128, high: i128| {
        let b = i128::from(b);
        if b < 0 {
            (b + len).max(low)
        } else {
            b.min(high)
        }
    };
    if step > 0 {
        (
            lo.map_or(0, |b| adjust(b, 0, len)),
            hi.map_or(len, |b| adjust(b, 0, len)),
        )
    } else {
        (
            lo.map_or(len - 1, |b| adjust(b, -1, len - 1)),
            hi.map_or(-1, |b| adjust(b, -1, len - 1)),
        )
    }
}
