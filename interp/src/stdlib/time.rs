//! `time`: the wall clock, the monotonic and performance counters, the process's CPU
//! time, and `sleep`.

use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use floe_core::Value;

use super::{positional, Spec};
use crate::interp::{Args, Interp};
use crate::ops::int_value;
use crate::Res;

pub(super) const SPEC: Spec = Spec {
    name: "time",
    fns: &[
        ("time", |me, a| reading(me, a, "time", since_epoch)),
        ("time_ns", |me, a| reading(me, a, "time_ns", since_epoch)),
        ("perf_counter", |me, a| {
            reading(me, a, "perf_counter", monotonic)
        }),
        ("perf_counter_ns", |me, a| {
            reading(me, a, "perf_counter_ns", monotonic)
        }),
        ("monotonic", |me, a| reading(me, a, "monotonic", monotonic)),
        ("monotonic_ns", |me, a| {
            reading(me, a, "monotonic_ns", monotonic)
        }),
        ("process_time", |me, a| {
            reading(me, a, "process_time", process_time)
        }),
        ("process_time_ns", |me, a| {
            reading(me, a, "process_time_ns", process_time)
        }),
        ("sleep", sleep),
    ],
    consts: super::no_consts,
};

/// A clock's reading (a call without arguments): seconds as a float, or nanoseconds as
/// an int for the `_ns` functions.
fn reading(me: &mut Interp, a: Args, name: &str, clock: fn() -> Duration) -> Res<Value> {
    positional(me, name, a, 0, 0)?;
    let d = clock();
    Ok(if name.ends_with("_ns") {
        int_value(d.as_nanos().into())
    } else {
        Value::Float(d.as_secs_f64())
    })
}

/// Time since the Unix epoch (zero for a clock set before it).
fn since_epoch() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

/// Time since the first reading in this process: never goes backwards, and is the same
/// clock on every thread (behaviours' readings compare with the main program's).
fn monotonic() -> Duration {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// The CPU time (user and system) of the whole process: from `/proc/self/stat` on Linux,
/// in the clock ticks it counts (1/100 s); elsewhere, the monotonic clock.
fn process_time() -> Duration {
    let ticks = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the command name (which may hold spaces) end at its ')'.
            let rest = &s[s.rfind(')')? + 1..];
            let mut fields = rest.split_whitespace().skip(11);
            let utime: u64 = fields.next()?.parse().ok()?;
            let stime: u64 = fields.next()?.parse().ok()?;
            Some(utime + stime)
        });
    match ticks {
        Some(t) => Duration::from_millis(t * 10),
        None => monotonic(),
    }
}

/// `sleep(seconds)`.
fn sleep(me: &mut Interp, a: Args) -> Res<Value> {
    let pos = positional(me, "sleep", a, 1, 1)?;
    let secs = match &pos[0] {
        Value::Float(f) => *f,
        v => match crate::ops::as_big(v) {
            Some(i) => num_traits::ToPrimitive::to_f64(&i).unwrap_or(f64::INFINITY),
            None => {
                return Err(me.exc(
                    "TypeError",
                    format!(
                        "'{}' object cannot be interpreted as an integer",
                        v.type_name()
                    ),
                ))
            }
        },
    };
    if secs.is_nan() {
        return Err(me.exc("ValueError", "Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(me.exc("ValueError", "sleep length must be non-negative"));
    }
    let d = Duration::try_from_secs_f64(secs)
        .map_err(|_| me.exc("OverflowError", "sleep length is too large"))?;
    std::thread::sleep(d);
    Ok(Value::None)
}
