//! `random`: CPython's Mersenne Twister (MT19937) and the functions of `random.py` over
//! it, step for step, so `random.seed(n)` gives CPython 3.11's sequences bit for bit.
//!
//! The generator is this interpreter's (RFC-0006 "Modules and the model"): the module
//! object is frozen and shared, and each behaviour's worker draws from its own generator,
//! seeded from the OS until a script seeds it there.

use std::hash::{BuildHasher, Hasher};

use floe_core::{List, Value};
use malachite_bigint::{BigInt, Sign};
use num_traits::{One, Signed, ToPrimitive, Zero};
use rustpython_parser::ast::Operator;

use super::math::{integer, real};
use super::{keywords, positional, Spec};
use crate::interp::{Args, Interp};
use crate::ops::{int_value, kind_name};
use crate::Res;

pub(super) const SPEC: Spec = Spec {
    name: "random",
    fns: &[
        ("seed", seed),
        ("random", |me, a| {
            positional(me, "random", a, 0, 0)?;
            Ok(Value::Float(generator(me).random()))
        }),
        ("getrandbits", getrandbits),
        ("randrange", randrange),
        ("randint", randint),
        ("choice", choice),
        ("choices", choices),
        ("shuffle", shuffle),
        ("sample", sample),
        ("uniform", uniform),
        ("gauss", gauss),
        ("expovariate", expovariate),
    ],
    consts: super::no_consts,
};

const N: usize = 624;
const M: usize = 397;

/// The state of one Mersenne Twister, and `gauss`'s second value (random.py's
/// `gauss_next`).
pub(crate) struct Generator {
    mt: [u32; N],
    index: usize,
    gauss_next: Option<f64>,
}

impl Generator {
    /// A generator seeded with `key` as CPython's `init_by_array` seeds it.
    pub(super) fn from_key(key: &[u32]) -> Generator {
        let mut mt = [0u32; N];
        mt[0] = 19_650_218;
        for i in 1..N {
            mt[i] = 1_812_433_253u32
                .wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30))
                .wrapping_add(i as u32);
        }
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
        Generator {
            mt,
            index: N,
            gauss_next: None,
        }
    }

    /// A generator seeded with the integer `n` (its sign ignored), as `random.seed(n)`.
    pub(super) fn from_int(n: &BigInt) -> Generator {
        let key: Vec<u32> = if n.is_zero() {
            vec![0]
        } else {
            n.to_u32_digits().1
        };
        Generator::from_key(&key)
    }

    /// A generator seeded from the OS's randomness (the hasher keys std draws from it)
    /// and the clock, as `random.seed()` with no argument.
    fn from_os() -> Generator {
        let state = std::collections::hash_map::RandomState::new();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        let key: Vec<u32> = (0..N as u64)
            .map(|i| {
                let mut h = state.build_hasher();
                h.write_u64(i);
                h.write_u128(now);
                h.finish() as u32
            })
            .collect();
        Generator::from_key(&key)
    }

    /// The next 32 random bits (`genrand_uint32`).
    pub(super) fn next_u32(&mut self) -> u32 {
        const UPPER: u32 = 0x8000_0000;
        const LOWER: u32 = 0x7fff_ffff;
        let mag = |y: u32| if y & 1 == 1 { 0x9908_b0df } else { 0 };
        if self.index >= N {
            let mt = &mut self.mt;
            for kk in 0..N - M {
                let y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
                mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag(y);
            }
            for kk in N - M..N - 1 {
                let y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
                mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ mag(y);
            }
            let y = (mt[N - 1] & UPPER) | (mt[0] & LOWER);
            mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag(y);
            self.index = 0;
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// A float in `[0, 1)` with 53 random bits (`random_random`).
    pub(super) fn random(&mut self) -> f64 {
        let a = f64::from(self.next_u32() >> 5);
        let b = f64::from(self.next_u32() >> 6);
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `k <= 64` random bits, the first word drawn the lowest (`getrandbits`).
    pub(super) fn bits_u64(&mut self, k: u64) -> u64 {
        match k {
            0 => 0,
            1..=32 => u64::from(self.next_u32() >> (32 - k)),
            _ => {
                let low = u64::from(self.next_u32());
                let high = u64::from(self.next_u32() >> (64 - k));
                low | (high << 32)
            }
        }
    }

    /// `k` random bits of any length.
    pub(super) fn bits(&mut self, k: u64) -> BigInt {
        if k <= 64 {
            return BigInt::from(self.bits_u64(k));
        }
        let mut words = Vec::with_capacity(k.div_ceil(32) as usize);
        let mut left = k;
        while left > 0 {
            let w = self.next_u32();
            words.push(if left < 32 { w >> (32 - left) } else { w });
            left = left.saturating_sub(32);
        }
        BigInt::from_slice(Sign::Plus, &words)
    }

    /// A uniform integer in `[0, n)`, `n > 0`: random.py's `_randbelow_with_getrandbits`.
    pub(super) fn below(&mut self, n: &BigInt) -> BigInt {
        if let Some(small) = n.to_u64() {
            return BigInt::from(self.below_u64(small));
        }
        let k = n.bits();
        loop {
            let r = self.bits(k);
            if &r < n {
                return r;
            }
        }
    }

    pub(super) fn below_u64(&mut self, n: u64) -> u64 {
        let k = u64::from(64 - n.leading_zeros());
        loop {
            let r = self.bits_u64(k);
            if r < n {
                return r;
            }
        }
    }
}

/// This interpreter's generator, seeded from the OS on first use.
fn generator(me: &mut Interp) -> &mut Generator {
    me.stdlib.random.get_or_insert_with(Generator::from_os)
}

/// `seed(a=None)`.
fn seed(me: &mut Interp, a: Args) -> Res<Value> {
    let [kw_a, _version] = keywords(me, "seed", a.kw, ["a", "version"])?;
    let pos = positional(me, "seed", Args::of(a.pos), 0, 2)?;
    let arg = pos.into_iter().next().or(kw_a).unwrap_or(Value::None);
    let g = match &arg {
        Value::None => Generator::from_os(),
        Value::Float(f) if f.is_nan() => Generator::from_os(),
        Value::Float(f) => Generator::from_int(&BigInt::from(float_hash(*f))),
        v => match crate::ops::as_big(v) {
            Some(n) => Generator::from_int(&n),
            None => {
                return Err(me.exc(
                    "TypeError",
                    format!(
                        "floe's random.seed() takes None, an int or a float, not {}",
                        v.type_name()
                    ),
                ))
            }
        },
    };
    me.stdlib.random = Some(g);
    Ok(Value::None)
}

/// CPython's hash of a finite or infinite float (`_Py_HashDouble`), as the unsigned
/// number `random.seed(x)` seeds with: the float's value modulo `2**61 - 1`, signed.
pub(super) fn float_hash(v: f64) -> u64 {
    const BITS: i32 = 61;
    const MODULUS: u64 = (1 << BITS) - 1;
    if v.is_infinite() {
        return if v > 0.0 {
            314_159
        } else {
            314_159u64.wrapping_neg()
        };
    }
    let (mut m, mut e) = super::math::frexp(v);
    let sign: u64 = if m < 0.0 {
        m = -m;
        1u64.wrapping_neg()
    } else {
        1
    };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % BITS
    } else {
        BITS - 1 - ((-1 - e) % BITS)
    };
    x = ((x << e) & MODULUS) | (x >> (BITS - e));
    x = x.wrapping_mul(sign);
    if x == u64::MAX {
        x = u64::MAX - 1;
    }
    x
}

/// `getrandbits(k)`.
fn getrandbits(me: &mut Interp, a: Args) -> Res<Value> {
    let pos = positional(me, "getrandbits", a, 1, 1)?;
    let k = integer(me, &pos[0])?;
    if k.is_negative() {
        return Err(me.exc("ValueError", "number of bits must be non-negative"));
    }
    let k = k.to_u64().filter(|k| *k <= 1 << 31).ok_or_else(|| {
        me.exc(
            "MemoryError",
            "getrandbits() of more than 2**31 bits is too large for floe",
        )
    })?;
    Ok(int_value(generator(me).bits(k)))
}

/// An integer argument of `randrange` (an integral float is accepted, as CPython 3.11
/// still does with a deprecation warning).
fn range_arg(me: &mut Interp, v: &Value, which: &str) -> Res<BigInt> {
    if let Value::Float(f) = v {
        if f.is_finite() && f.fract() == 0.0 {
            return integer(me, &crate::ops::int_of_float(*f).expect("finite"));
        }
        return Err(me.exc("ValueError", format!("non-integer {which} for randrange()")));
    }
    integer(me, v)
}

/// `randrange(stop)` / `randrange(start, stop[, step])`.
fn randrange(me: &mut Interp, a: Args) -> Res<Value> {
    let [kw_start, kw_stop, kw_step] = keywords(me, "randrange", a.kw, ["start", "stop", "step"])?;
    let mut pos = positional(me, "randrange", Args::of(a.pos), 0, 3)?.into_iter();
    let start = pos.next().or(kw_start);
    let stop = pos.next().or(kw_stop).filter(|v| !matches!(v, Value::None));
    let step = pos.next().or(kw_step);
    let Some(start) = start else {
        return Err(me.exc(
            "TypeError",
            "randrange() missing 1 required positional argument: 'start'",
        ));
    };
    let start = range_arg(me, &start, "arg 1")?;
    let Some(stop) = stop else {
        if step.is_some() {
            return Err(me.exc("TypeError", "Missing a non-None stop argument"));
        }
        if start.is_positive() {
            return Ok(int_value(generator(me).below(&start)));
        }
        return Err(me.exc("ValueError", "empty range for randrange()"));
    };
    let stop = range_arg(me, &stop, "stop")?;
    let width = &stop - &start;
    let step = match step {
        Some(s) => range_arg(me, &s, "step")?,
        None => BigInt::one(),
    };
    if step.is_one() {
        if width.is_positive() {
            let r = generator(me).below(&width);
            return Ok(int_value(start + r));
        }
        return Err(me.exc(
            "ValueError",
            format!("empty range for randrange() ({start}, {stop}, {width})"),
        ));
    }
    let n = if step.is_positive() {
        floor_div(&(&width + &step - BigInt::one()), &step)
    } else if step.is_negative() {
        floor_div(&(&width + &step + BigInt::one()), &step)
    } else {
        return Err(me.exc("ValueError", "zero step for randrange()"));
    };
    if !n.is_positive() {
        return Err(me.exc("ValueError", "empty range for randrange()"));
    }
    let r = generator(me).below(&n);
    Ok(int_value(start + step * r))
}

/// Python's `//` on integers.
fn floor_div(a: &BigInt, b: &BigInt) -> BigInt {
    num_integer::Integer::div_floor(a, b)
}

/// `randint(a, b)`: `randrange(a, b + 1)`.
fn randint(me: &mut Interp, a: Args) -> Res<Value> {
    let pos = positional(me, "randint", a, 2, 2)?;
    let b = me.binary(Operator::Add, &pos[1], &Value::Int(1))?;
    randrange(me, Args::of(vec![pos[0].clone(), b]))
}

/// A length or count as an index.
fn length(me: &mut Interp, v: &Value) -> Res<u64> {
    let n = me.len(v)?;
    Ok(n as u64)
}

/// `choice(seq)`.
fn choice(me: &mut Interp, a: Args) -> Res<Value> {
    let pos = positional(me, "choice", a, 1, 1)?;
    let n = length(me, &pos[0])?;
    if n == 0 {
        return Err(me.exc("IndexError", "Cannot choose from an empty sequence"));
    }
    let i = generator(me).below_u64(n);
    me.getitem(&pos[0], &Value::Int(i as i64))
}

/// `shuffle(x)`: random.py's Fisher–Yates, in place.
fn shuffle(me: &mut Interp, a: Args) -> Res<Value> {
    let pos = positional(me, "shuffle", a, 1, 1)?;
    let x = &pos[0];
    let n = length(me, x)?;
    for i in (1..n).rev() {
        let j = generator(me).below_u64(i + 1);
        let (vi, vj) = (Value::Int(i as i64), Value::Int(j as i64));
        let (xi, xj) = (me.getitem(x, &vi)?, me.getitem(x, &vj)?);
        me.setitem(x, vi, xj)?;
        me.setitem(x, vj, xi)?;
    }
    Ok(Value::None)
}

/// `sample(population, k)`: random.py's algorithm (a pool for small populations, a set
/// of chosen indices for large ones), so the same draws give the same sample.
fn sample(me: &mut Interp, a: Args) -> Res<Value> {
    let [kw_k, counts] = keywords(me, "sample", a.kw, ["k", "counts"])?;
    if counts.is_some_and(|c| !matches!(c, Value::None)) {
        return Err(me.exc(
            "TypeError",
            "floe's random.sample() does not take counts= yet",
        ));
    }
    let mut pos = positional(me, "sample", Args::of(a.pos), 1, 2)?.into_iter();
    let population = pos.next().expect("one argument");
    let Some(k) = pos.next().or(kw_k) else {
        return Err(me.exc(
            "TypeError",
            "sample() missing 1 required positional argument: 'k'",
        ));
    };
    if !matches!(
        kind_name(&population),
        Some("list" | "tuple" | "range" | "frozenlist")
    ) && !matches!(population, Value::Str(_))
    {
        return Err(me.exc(
            "TypeError",
            "Population must be a sequence.  For dicts or sets, use sorted(d).",
        ));
    }
    let n = length(me, &population)?;
    let k = integer(me, &k)?;
    let k = match k.to_u64() {
        Some(k) if k <= n => k,
        _ => return Err(me.exc("ValueError", "Sample larger than population or is negative")),
    };
    me.check_size(u128::from(k))?;
    let mut setsize = 21u64;
    if k > 5 {
        let exponent = ((k * 3) as f64).ln() / 4f64.ln();
        setsize += 4u64.saturating_pow(exponent.ceil() as u32);
    }
    let mut result = Vec::with_capacity(k as usize);
    if n <= setsize {
        let mut pool = me.collect(&population)?;
        for i in 0..k {
            let j = generator(me).below_u64(n - i) as usize;
            result.push(pool[j].clone());
            pool[j] = pool[(n - i - 1) as usize].clone();
        }
    } else {
        let mut selected = std::collections::HashSet::new();
        for _ in 0..k {
            let mut j = generator(me).below_u64(n);
            while selected.contains(&j) {
                j = generator(me).below_u64(n);
            }
            selected.insert(j);
            result.push(me.getitem(&population, &Value::Int(j as i64))?);
        }
    }
    Ok(List::new(result).into())
}

/// `choices(population, weights=None, *, cum_weights=None, k=1)`.
fn choices(me: &mut Interp, a: Args) -> Res<Value> {
    let [kw_weights, cum, k] = keywords(me, "choices", a.kw, ["weights", "cum_weights", "k"])?;
    let mut pos = positional(me, "choices", Args::of(a.pos), 1, 2)?.into_iter();
    let population = pos.next().expect("one argument");
    let weights = pos
        .next()
        .or(kw_weights)
        .filter(|w| !matches!(w, Value::None));
    let cum = cum.filter(|w| !matches!(w, Value::None));
    let k = match k {
        Some(k) => integer(me, &k)?.to_i64().unwrap_or(i64::MAX).max(0),
        None => 1,
    };
    me.check_size(k as u128)?;
    let n = length(me, &population)?;
    let mut out = Vec::with_capacity(k as usize);
    let cum = match (weights, cum) {
        (None, None) => {
            for _ in 0..k {
                let i = (generator(me).random() * n as f64).floor();
                out.push(me.getitem(&population, &Value::Int(i as i64))?);
            }
            return Ok(List::new(out).into());
        }
        (Some(_), Some(_)) => {
            return Err(me.exc(
                "TypeError",
                "Cannot specify both weights and cumulative weights",
            ))
        }
        (Some(w), None) => {
            let mut acc: Option<Value> = None;
            let mut cum = Vec::new();
            for x in me.collect(&w)? {
                let next = match acc {
                    None => x,
                    Some(t) => me.binary(Operator::Add, &t, &x)?,
                };
                cum.push(next.clone());
                acc = Some(next);
            }
            cum
        }
        (None, Some(c)) => me.collect(&c)?,
    };
    if cum.len() as u64 != n {
        return Err(me.exc(
            "ValueError",
            "The number of weights does not match the population",
        ));
    }
    let total = match cum.last() {
        Some(t) => me.binary(Operator::Add, t, &Value::Float(0.0))?,
        None => Value::Float(0.0),
    };
    let total = real(me, &total)?;
    if total <= 0.0 {
        return Err(me.exc("ValueError", "Total of weights must be greater than zero"));
    }
    if !total.is_finite() {
        return Err(me.exc("ValueError", "Total of weights must be finite"));
    }
    let hi = n.saturating_sub(1) as usize;
    let cum: Value = List::new(cum).into();
    for _ in 0..k {
        let x = Value::Float(generator(me).random() * total);
        let i = super::bisect::search(me, &cum, &x, 0, hi, None, true)?;
        out.push(me.getitem(&population, &Value::Int(i as i64))?);
    }
    Ok(List::new(out).into())
}

/// `uniform(a, b)`: `a + (b - a) * random()`, in Python's arithmetic.
fn uniform(me: &mut Interp, a: Args) -> Res<Value> {
    let pos = positional(me, "uniform", a, 2, 2)?;
    let width = me.binary(Operator::Sub, &pos[1], &pos[0])?;
    let r = Value::Float(generator(me).random());
    let offset = me.binary(Operator::Mult, &width, &r)?;
    me.binary(Operator::Add, &pos[0], &offset)
}

/// `gauss(mu=0.0, sigma=1.0)`: random.py's Box–Muller, keeping the second value.
fn gauss(me: &mut Interp, a: Args) -> Res<Value> {
    let [kw_mu, kw_sigma] = keywords(me, "gauss", a.kw, ["mu", "sigma"])?;
    let mut pos = positional(me, "gauss", Args::of(a.pos), 0, 2)?.into_iter();
    let mu = pos.next().or(kw_mu).unwrap_or(Value::Float(0.0));
    let sigma = pos.next().or(kw_sigma).unwrap_or(Value::Float(1.0));
    let g = generator(me);
    let z = match g.gauss_next.take() {
        Some(z) => z,
        None => {
            let x2pi = g.random() * std::f64::consts::TAU;
            let g2rad = (-2.0 * (1.0 - g.random()).ln()).sqrt();
            g.gauss_next = Some(x2pi.sin() * g2rad);
            x2pi.cos() * g2rad
        }
    };
    let scaled = me.binary(Operator::Mult, &Value::Float(z), &sigma)?;
    me.binary(Operator::Add, &mu, &scaled)
}

/// `expovariate(lambd)`: `-log(1 - random()) / lambd`.
fn expovariate(me: &mut Interp, a: Args) -> Res<Value> {
    let pos = positional(me, "expovariate", a, 1, 1)?;
    let x = Value::Float(-(1.0 - generator(me).random()).ln());
    me.binary(Operator::Div, &x, &pos[0])
}
