//! `random`: CPython's Mersenne Twister (MT19937) and the functions of `random.py` over
//! it, step for step, so `random.seed(n)` gives CPython 3.11's sequences bit for bit.
//!
//! This is the Rust module `_random`; `random` itself is Python source
//! (`py/random.py`) that re-exports its functions and defines the class `Random`.
//! Each algorithm is written once, over a [`Twister`], and runs on one of two states
//! (RFC-0006 §9 "Module state lives in the interpreter"):
//!
//! - the module's functions (`random.random()`, …) draw from the interpreter's own
//!   [`Generator`]: the module object is frozen and shared, and each behaviour's worker
//!   draws from its own generator, seeded from the OS until a script seeds it there;
//! - a `Random` instance is an ordinary mutable object whose generator *is* its
//!   attributes (`_mt`, a list of the 624 words; `_index`; `gauss_next`). Its methods
//!   call the `…_of` functions here with the instance first, which read and write those
//!   attributes through the write barrier ([`Kept`]): a draw touches the one word it
//!   uses and the index (the twist, every 624 words, rewrites the list), a frozen
//!   instance refuses to draw, and an instance in a region moves with its region.

use std::hash::{BuildHasher, Hasher};

use floe_core::{CoreError, Kind, List, ObjRef, Tuple, Value};
use malachite_bigint::{BigInt, Sign};
use num_traits::{One, Signed, ToPrimitive, Zero};
use rustpython_parser::ast::Operator;

use super::math::{integer, real};
use super::{keywords, positional, Spec};
use crate::interp::{Args, Interp};
use crate::ops::{int_value, kind_name};
use crate::Res;

/// The module's functions: each algorithm twice, as `NAME` drawing from the
/// interpreter's generator and as `NAME_of` drawing from the instance passed first
/// (what `random.Random`'s methods call).
macro_rules! both {
    ($($name:literal => $f:path),* $(,)?) => {
        &[
            $(($name, |me, a| $f(me, &mut Source::Interp, a)),)*
            $((concat!($name, "_of"), |me, a| {
                let (mut source, a) = Source::instance(me, concat!($name, "_of"), a)?;
                $f(me, &mut source, a)
            }),)*
        ]
    };
}

pub(super) const SPEC: Spec = Spec {
    name: "_random",
    fns: both![
        "seed" => seed,
        "random" => random,
        "getrandbits" => getrandbits,
        "randrange" => randrange,
        "randint" => randint,
        "choice" => choice,
        "choices" => choices,
        "shuffle" => shuffle,
        "sample" => sample,
        "uniform" => uniform,
        "gauss" => gauss,
        "expovariate" => expovariate,
        "getstate" => getstate,
        "setstate" => setstate,
    ],
    consts: super::no_consts,
};

const N: usize = 624;
const M: usize = 397;

/// The 624 words of a Mersenne Twister.
type Words = [u32; N];

/// Why a generator kept in an instance's attributes could not draw.
#[derive(Debug)]
pub(crate) enum Fault {
    /// The write barrier refused a store (the instance is frozen).
    Barrier(CoreError),
    /// The attributes are not a generator's state (a script replaced them): what is
    /// wrong.
    Corrupt(&'static str),
}

/// The state of one Mersenne Twister (its words and the position of the next one to
/// use) and `gauss`'s second value (random.py's `gauss_next`), wherever it is kept. The
/// algorithms are provided methods over the few accessors, so the interpreter's
/// [`Generator`] and an instance's attributes ([`Kept`]) share them.
pub(crate) trait Twister {
    /// The position of the next word to use (`N` once all are used: a twist is due).
    ///
    /// # Errors
    /// A [`Fault`] when the state cannot be read (only [`Kept`] has any).
    fn index(&mut self) -> Result<usize, Fault>;

    /// Word `i < N`.
    ///
    /// # Errors
    /// As [`Twister::index`].
    fn word(&mut self, i: usize) -> Result<u32, Fault>;

    /// Records that the next word to use is `i`.
    ///
    /// # Errors
    /// As [`Twister::index`]; nothing changed then.
    fn set_index(&mut self, i: usize) -> Result<(), Fault>;

    /// Regenerates all the words ([`twist`]) and sets the position to 0.
    ///
    /// # Errors
    /// As [`Twister::index`]; nothing changed then.
    fn regenerate(&mut self) -> Result<(), Fault>;

    /// `gauss`'s cached second value.
    ///
    /// # Errors
    /// As [`Twister::index`].
    fn gauss_next(&mut self) -> Result<Option<f64>, Fault>;

    /// Caches (or, with `None`, forgets) `gauss`'s second value.
    ///
    /// # Errors
    /// As [`Twister::index`]; nothing changed then.
    fn set_gauss_next(&mut self, z: Option<f64>) -> Result<(), Fault>;

    /// Replaces the whole state (`seed`, `setstate`).
    ///
    /// # Errors
    /// As [`Twister::index`]; nothing changed then.
    fn load(&mut self, words: &Words, index: usize, gauss_next: Option<f64>) -> Result<(), Fault>;

    /// The whole state (`getstate`).
    ///
    /// # Errors
    /// As [`Twister::index`].
    fn save(&mut self) -> Result<(Box<Words>, usize, Option<f64>), Fault>;

    /// The next 32 random bits (`genrand_uint32`).
    ///
    /// # Errors
    /// As [`Twister::index`]; nothing changed then.
    fn next_u32(&mut self) -> Result<u32, Fault> {
        let mut i = self.index()?;
        if i >= N {
            self.regenerate()?;
            i = 0;
        }
        let y = self.word(i)?;
        self.set_index(i + 1)?;
        Ok(temper(y))
    }

    /// A float in `[0, 1)` with 53 random bits (`random_random`).
    ///
    /// # Errors
    /// As [`Twister::index`].
    fn random(&mut self) -> Result<f64, Fault> {
        let a = f64::from(self.next_u32()? >> 5);
        let b = f64::from(self.next_u32()? >> 6);
        Ok((a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0))
    }

    /// `k <= 64` random bits, the first word drawn the lowest (`getrandbits`).
    ///
    /// # Errors
    /// As [`Twister::index`].
    fn bits_u64(&mut self, k: u64) -> Result<u64, Fault> {
        Ok(match k {
            0 => 0,
            1..=32 => u64::from(self.next_u32()? >> (32 - k)),
            _ => {
                let low = u64::from(self.next_u32()?);
                let high = u64::from(self.next_u32()? >> (64 - k));
                low | (high << 32)
            }
        })
    }

    /// `k` random bits of any length.
    ///
    /// # Errors
    /// As [`Twister::index`].
    fn bits(&mut self, k: u64) -> Result<BigInt, Fault> {
        if k <= 64 {
            return Ok(BigInt::from(self.bits_u64(k)?));
        }
        let mut words = Vec::with_capacity(k.div_ceil(32) as usize);
        let mut left = k;
        while left > 0 {
            let w = self.next_u32()?;
            words.push(if left < 32 { w >> (32 - left) } else { w });
            left = left.saturating_sub(32);
        }
        Ok(BigInt::from_slice(Sign::Plus, &words))
    }

    /// A uniform integer in `[0, n)`, `n > 0`: random.py's `_randbelow_with_getrandbits`.
    ///
    /// # Errors
    /// As [`Twister::index`].
    fn below(&mut self, n: &BigInt) -> Result<BigInt, Fault> {
        if let Some(small) = n.to_u64() {
            return Ok(BigInt::from(self.below_u64(small)?));
        }
        let k = n.bits();
        loop {
            let r = self.bits(k)?;
            if &r < n {
                return Ok(r);
            }
        }
    }

    /// As [`Twister::below`] for a bound that fits 64 bits.
    ///
    /// # Errors
    /// As [`Twister::index`].
    fn below_u64(&mut self, n: u64) -> Result<u64, Fault> {
        let k = u64::from(64 - n.leading_zeros());
        loop {
            let r = self.bits_u64(k)?;
            if r < n {
                return Ok(r);
            }
        }
    }
}

/// MT19937's regeneration of all the words (the twist of `genrand_uint32`).
fn twist(mt: &mut Words) {
    const UPPER: u32 = 0x8000_0000;
    const LOWER: u32 = 0x7fff_ffff;
    let mag = |y: u32| if y & 1 == 1 { 0x9908_b0df } else { 0 };
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
}

/// MT19937's output function on one word.
fn temper(mut y: u32) -> u32 {
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c_5680;
    y ^= (y << 15) & 0xefc6_0000;
    y ^ (y >> 18)
}

/// The words CPython's `init_by_array` makes from `key` (not empty).
fn init_by_array(key: &[u32]) -> Box<Words> {
    let mut mt = Box::new([0u32; N]);
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
    mt
}

/// The seeding key of the integer `n` (its sign ignored), as `random.seed(n)` makes it.
pub(super) fn int_key(n: &BigInt) -> Vec<u32> {
    if n.is_zero() {
        vec![0]
    } else {
        n.to_u32_digits().1
    }
}

/// A seeding key from the OS's randomness (the hasher keys std draws from it) and the
/// clock, as `random.seed()` with no argument.
fn os_key() -> Vec<u32> {
    let state = std::collections::hash_map::RandomState::new();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    (0..N as u64)
        .map(|i| {
            let mut h = state.build_hasher();
            h.write_u64(i);
            h.write_u128(now);
            h.finish() as u32
        })
        .collect()
}

/// The interpreter's own generator (the module's functions draw from it): a Rust
/// value, reachable from no object.
pub(crate) struct Generator {
    mt: Box<Words>,
    index: usize,
    gauss_next: Option<f64>,
}

impl Generator {
    /// A generator seeded with `key` as CPython's `init_by_array` seeds it.
    pub(super) fn from_key(key: &[u32]) -> Generator {
        Generator {
            mt: init_by_array(key),
            index: N,
            gauss_next: None,
        }
    }
}

impl Twister for Generator {
    fn index(&mut self) -> Result<usize, Fault> {
        Ok(self.index)
    }
    fn word(&mut self, i: usize) -> Result<u32, Fault> {
        Ok(self.mt[i])
    }
    fn set_index(&mut self, i: usize) -> Result<(), Fault> {
        self.index = i;
        Ok(())
    }
    fn regenerate(&mut self) -> Result<(), Fault> {
        twist(&mut self.mt);
        self.index = 0;
        Ok(())
    }
    fn gauss_next(&mut self) -> Result<Option<f64>, Fault> {
        Ok(self.gauss_next)
    }
    fn set_gauss_next(&mut self, z: Option<f64>) -> Result<(), Fault> {
        self.gauss_next = z;
        Ok(())
    }
    fn load(&mut self, words: &Words, index: usize, gauss_next: Option<f64>) -> Result<(), Fault> {
        *self.mt = *words;
        self.index = index;
        self.gauss_next = gauss_next;
        Ok(())
    }
    fn save(&mut self) -> Result<(Box<Words>, usize, Option<f64>), Fault> {
        Ok((self.mt.clone(), self.index, self.gauss_next))
    }
}

/// The names of a `Random` instance's state attributes.
const WORDS: &str = "_mt";
const INDEX: &str = "_index";
const GAUSS: &str = "gauss_next";

/// A generator kept in an object's attributes: `_mt` (a list of the 624 words as
/// ints), `_index` (an int, `0..=624`) and `gauss_next` (a float or `None`). Each
/// access reads the attributes afresh (a draw may run script code in between, which
/// may draw from the same instance) and each store goes through the write barrier, so
/// a frozen instance refuses and nothing changes. An instance without the attributes
/// (a subclass whose `__init__` did not call `Random.__init__`) is seeded from the OS
/// on its first draw, as CPython's `_random.Random.__new__` seeds it.
#[derive(Clone)]
pub(crate) struct Kept(pub(crate) ObjRef);

impl Kept {
    /// The list of words.
    fn words(&self) -> Result<List, Fault> {
        let list = self
            .0
            .own_attr(WORDS)
            .and_then(|v| v.as_obj().and_then(|o| List::try_from(o.clone()).ok()))
            .ok_or(Fault::Corrupt("_mt is not a list"))?;
        if list.len() != N {
            return Err(Fault::Corrupt("_mt does not hold 624 words"));
        }
        Ok(list)
    }

    /// All the words, checked.
    fn all_words(&self) -> Result<Box<Words>, Fault> {
        let mut mt = Box::new([0u32; N]);
        self.words()?.with_items(|items| {
            for (w, v) in mt.iter_mut().zip(items) {
                *w = as_word(v)?;
            }
            Ok(())
        })?;
        Ok(mt)
    }
}

/// A word of a kept state.
fn as_word(v: &Value) -> Result<u32, Fault> {
    match v {
        Value::Int(w) => u32::try_from(*w).map_err(|_| Fault::Corrupt("a word is not 32 bits")),
        _ => Err(Fault::Corrupt("a word is not an int")),
    }
}

impl Twister for Kept {
    fn index(&mut self) -> Result<usize, Fault> {
        match self.0.own_attr(INDEX) {
            Some(Value::Int(i)) if (0..=N as i64).contains(&i) => Ok(i as usize),
            Some(_) => Err(Fault::Corrupt("_index is not an int in 0..=624")),
            None => {
                self.load(&init_by_array(&os_key()), N, None)?;
                Ok(N)
            }
        }
    }
    fn word(&mut self, i: usize) -> Result<u32, Fault> {
        let w = self.words()?.get(i as i64).map_err(Fault::Barrier)?;
        as_word(&w)
    }
    fn set_index(&mut self, i: usize) -> Result<(), Fault> {
        self.0
            .set_attr(INDEX, Value::Int(i as i64))
            .map_err(Fault::Barrier)
    }
    fn regenerate(&mut self) -> Result<(), Fault> {
        let list = self.words()?;
        let mut mt = self.all_words()?;
        twist(&mut mt);
        // The list first: a refused store changes nothing, and once the list took the
        // words the index (of the same object graph, so not frozen) takes its store.
        list.splice(0, N, mt.iter().map(|&w| Value::Int(w.into())).collect())
            .map_err(Fault::Barrier)?;
        self.set_index(0)
    }
    fn gauss_next(&mut self) -> Result<Option<f64>, Fault> {
        match self.0.own_attr(GAUSS) {
            None | Some(Value::None) => Ok(None),
            Some(Value::Float(z)) => Ok(Some(z)),
            Some(Value::Int(z)) => Ok(Some(z as f64)),
            Some(_) => Err(Fault::Corrupt("gauss_next is not a float or None")),
        }
    }
    fn set_gauss_next(&mut self, z: Option<f64>) -> Result<(), Fault> {
        self.0
            .set_attr(GAUSS, z.map_or(Value::None, Value::Float))
            .map_err(Fault::Barrier)
    }
    fn load(&mut self, words: &Words, index: usize, gauss_next: Option<f64>) -> Result<(), Fault> {
        let list = List::new(words.iter().map(|&w| Value::Int(w.into())));
        // The first store is refused if the object is frozen; then the rest succeed.
        self.0
            .set_attr(WORDS, list.into())
            .map_err(Fault::Barrier)?;
        self.set_index(index)?;
        self.set_gauss_next(gauss_next)
    }
    fn save(&mut self) -> Result<(Box<Words>, usize, Option<f64>), Fault> {
        Ok((self.all_words()?, self.index()?, self.gauss_next()?))
    }
}

/// Whose generator a call draws from.
enum Source {
    /// The interpreter's (the module's functions).
    Interp,
    /// An instance's (`random.Random`'s methods).
    Instance(Kept),
}

impl Source {
    /// The instance a `…_of` function was called with, and the rest of its arguments.
    fn instance(me: &mut Interp, name: &str, a: Args) -> Res<(Source, Args)> {
        let Args { pos, kw } = a;
        let mut pos = pos.into_iter();
        match pos.next() {
            Some(Value::Obj(o)) if o.kind() == Kind::Instance => Ok((
                Source::Instance(Kept(o)),
                Args {
                    pos: pos.collect(),
                    kw,
                },
            )),
            other => Err(me.exc(
                "TypeError",
                format!(
                    "{name}() needs a Random instance first, not {}",
                    other.map_or("nothing".to_string(), |v| v.type_name())
                ),
            )),
        }
    }

    /// Runs `f` on the generator: an instance's [`Fault`] becomes an exception naming
    /// the instance (a `TypeError` for a frozen one).
    fn draw<R>(
        &mut self,
        me: &mut Interp,
        f: impl FnOnce(&mut dyn Twister) -> Result<R, Fault>,
    ) -> Res<R> {
        let (r, holder) = match self {
            Source::Interp => {
                let g = me
                    .stdlib
                    .random
                    .get_or_insert_with(|| Generator::from_key(&os_key()));
                (f(g), None)
            }
            Source::Instance(k) => (f(k), Some(&k.0)),
        };
        r.map_err(|e| {
            let obj = holder.map_or(Value::None, |o| o.clone().into());
            match (e, holder) {
                // The frozen word list or index: name the instance, whose state it is.
                (Fault::Barrier(CoreError::Immutable { .. }), Some(o)) => me.exc(
                    "TypeError",
                    format!(
                        "cannot draw from {}: drawing, seed and setstate change its generator's state",
                        o.describe()
                    ),
                ),
                (Fault::Barrier(e), _) => me.core_exc(e, &[&obj]),
                (Fault::Corrupt(what), _) => {
                    let who =
                        holder.map_or("the generator".to_string(), |o| o.describe().to_string());
                    me.exc(
                        "TypeError",
                        format!("{who} does not hold a random generator's state: {what}"),
                    )
                }
            }
        })
    }
}

/// `random()`.
fn random(me: &mut Interp, src: &mut Source, a: Args) -> Res<Value> {
    positional(me, "random", a, 0, 0)?;
    Ok(Value::Float(src.draw(me, |t| t.random())?))
}

/// The seeding key of `seed`'s argument.
fn seed_key(me: &mut Interp, arg: &Value) -> Res<Vec<u32>> {
    Ok(match arg {
        Value::None => os_key(),
        Value::Float(f) if f.is_nan() => os_key(),
        Value::Float(f) => int_key(&BigInt::from(float_hash(*f))),
        v => match crate::ops::as_big(v) {
            Some(n) => int_key(&n),
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
    })
}

/// `seed(a=None)`.
fn seed(me: &mut Interp, src: &mut Source, a: Args) -> Res<Value> {
    let [kw_a, _version] = keywords(me, "seed", a.kw, ["a", "version"])?;
    let pos = positional(me, "seed", Args::of(a.pos), 0, 2)?;
    let arg = pos.into_iter().next().or(kw_a).unwrap_or(Value::None);
    let words = init_by_array(&seed_key(me, &arg)?);
    src.draw(me, |t| t.load(&words, N, None))?;
    Ok(Value::None)
}

/// random.py's `VERSION`: the first item of `getstate()`'s tuple.
const VERSION: i64 = 3;

/// `getstate()`: `(3, (w0, …, w623, index), gauss_next)`, as CPython's.
fn getstate(me: &mut Interp, src: &mut Source, a: Args) -> Res<Value> {
    positional(me, "getstate", a, 0, 0)?;
    let (words, index, gauss_next) = src.draw(me, |t| t.save())?;
    let internal = words
        .iter()
        .map(|&w| Value::Int(w.into()))
        .chain([Value::Int(index as i64)]);
    Ok(Tuple::new([
        Value::Int(VERSION),
        Tuple::new(internal).into(),
        gauss_next.map_or(Value::None, Value::Float),
    ])
    .into())
}

/// `setstate(state)`: a state `getstate()` gave, checked as CPython checks it.
fn setstate(me: &mut Interp, src: &mut Source, a: Args) -> Res<Value> {
    let [state] = positional(me, "setstate", a, 1, 1)?
        .try_into()
        .expect("one argument");
    let version = me.getitem(&state, &Value::Int(0))?;
    // Version 2 (Python 2.4 to 3.1) kept the words as signed ints: random.py takes
    // each modulo 2**32.
    let signed = match version {
        Value::Int(VERSION) => false,
        Value::Int(2) => true,
        _ => {
            let v = me.repr(&version)?;
            return Err(me.exc(
                "ValueError",
                format!("state with version {v} passed to Random.setstate() of version {VERSION}"),
            ));
        }
    };
    let parts = me.collect(&state)?;
    let [_, internal, gauss] = <[Value; 3]>::try_from(parts).map_err(|p| {
        me.exc(
            "ValueError",
            format!("too many values to unpack (expected 3, got {})", p.len()),
        )
    })?;
    let gauss_next = match gauss {
        Value::None => None,
        v => Some(real(me, &v)?),
    };
    if !signed && kind_name(&internal) != Some("tuple") {
        return Err(me.exc("TypeError", "state vector must be a tuple"));
    }
    let internal = me.collect(&internal)?;
    if internal.len() != N + 1 {
        return Err(me.exc("ValueError", "state vector is the wrong size"));
    }
    let modulus = BigInt::one() << 32u32;
    let mut numbers = Vec::with_capacity(N + 1);
    for (i, v) in internal.iter().enumerate() {
        let n = integer(me, v)?;
        numbers.push(if signed {
            num_integer::Integer::mod_floor(&n, &modulus)
        } else if n.is_negative() && i < N {
            return Err(me.exc(
                "OverflowError",
                "can't convert negative value to unsigned int",
            ));
        } else {
            n
        });
    }
    let index = match numbers[N].to_usize() {
        Some(i) if i <= N => i,
        _ => return Err(me.exc("ValueError", "invalid state")),
    };
    let mut words = Box::new([0u32; N]);
    for (w, n) in words.iter_mut().zip(&numbers) {
        // CPython keeps the low 32 bits of each (an unsigned long cast to 32 bits).
        *w = (n & BigInt::from(u32::MAX))
            .to_u32()
            .expect("masked to 32 bits");
    }
    src.draw(me, |t| t.load(&words, index, gauss_next))?;
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
fn getrandbits(me: &mut Interp, src: &mut Source, a: Args) -> Res<Value> {
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
    Ok(int_value(src.draw(me, |t| t.bits(k))?))
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
fn randrange(me: &mut Interp, src: &mut Source, a: Args) -> Res<Value> {
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
        // random.py's `step is not _ONE`: a step of 1 is no step.
        if step.is_some_and(|s| !matches!(s, Value::Int(1))) {
            return Err(me.exc("TypeError", "Missing a non-None stop argument"));
        }
        if start.is_positive() {
            return Ok(int_value(src.draw(me, |t| t.below(&start))?));
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
            let r = src.draw(me, |t| t.below(&width))?;
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
    let r = src.draw(me, |t| t.below(&n))?;
    Ok(int_value(start + step * r))
}

/// Python's `//` on integers.
fn floor_div(a: &BigInt, b: &BigInt) -> BigInt {
    num_integer::Integer::div_floor(a, b)
}

/// `randint(a, b)`: `randrange(a, b + 1)`.
fn randint(me: &mut Interp, src: &mut Source, a: Args) -> Res<Value> {
    let pos = positional(me, "randint", a, 2, 2)?;
    let b = me.binary(Operator::Add, &pos[1], &Value::Int(1))?;
    randrange(me, src, Args::of(vec![pos[0].clone(), b]))
}

/// A length or count as an index.
fn length(me: &mut Interp, v: &Value) -> Res<u64> {
    let n = me.len(v)?;
    Ok(n as u64)
}

/// `choice(seq)`.
fn choice(me: &mut Interp, src: &mut Source, a: Args) -> Res<Value> {
    let pos = positional(me, "choice", a, 1, 1)?;
    let n = length(me, &pos[0])?;
    if n == 0 {
        return Err(me.exc("IndexError", "Cannot choose from an empty sequence"));
    }
    let i = src.draw(me, |t| t.below_u64(n))?;
    me.getitem(&pos[0], &Value::Int(i as i64))
}

/// `shuffle(x)`: random.py's Fisher–Yates, in place.
fn shuffle(me: &mut Interp, src: &mut Source, a: Args) -> Res<Value> {
    let pos = positional(me, "shuffle", a, 1, 1)?;
    let x = &pos[0];
    let n = length(me, x)?;
    for i in (1..n).rev() {
        let j = src.draw(me, |t| t.below_u64(i + 1))?;
        let (vi, vj) = (Value::Int(i as i64), Value::Int(j as i64));
        let (xi, xj) = (me.getitem(x, &vi)?, me.getitem(x, &vj)?);
        me.setitem(x, vi, xj)?;
        me.setitem(x, vj, xi)?;
    }
    Ok(Value::None)
}

/// `sample(population, k)`: random.py's algorithm (a pool for small populations, a set
/// of chosen indices for large ones), so the same draws give the same sample.
fn sample(me: &mut Interp, src: &mut Source, a: Args) -> Res<Value> {
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
            let j = src.draw(me, |t| t.below_u64(n - i))? as usize;
            result.push(pool[j].clone());
            pool[j] = pool[(n - i - 1) as usize].clone();
        }
    } else {
        let mut selected = std::collections::HashSet::new();
        for _ in 0..k {
            let mut j = src.draw(me, |t| t.below_u64(n))?;
            while selected.contains(&j) {
                j = src.draw(me, |t| t.below_u64(n))?;
            }
            selected.insert(j);
            result.push(me.getitem(&population, &Value::Int(j as i64))?);
        }
    }
    Ok(List::new(result).into())
}

/// `choices(population, weights=None, *, cum_weights=None, k=1)`.
fn choices(me: &mut Interp, src: &mut Source, a: Args) -> Res<Value> {
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
                let i = (src.draw(me, |t| t.random())? * n as f64).floor();
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
        let x = Value::Float(src.draw(me, |t| t.random())? * total);
        let i = super::bisect::search(me, &cum, &x, 0, hi, None, true)?;
        out.push(me.getitem(&population, &Value::Int(i as i64))?);
    }
    Ok(List::new(out).into())
}

/// `uniform(a, b)`: `a + (b - a) * random()`, in Python's arithmetic.
fn uniform(me: &mut Interp, src: &mut Source, a: Args) -> Res<Value> {
    let pos = positional(me, "uniform", a, 2, 2)?;
    let width = me.binary(Operator::Sub, &pos[1], &pos[0])?;
    let r = Value::Float(src.draw(me, |t| t.random())?);
    let offset = me.binary(Operator::Mult, &width, &r)?;
    me.binary(Operator::Add, &pos[0], &offset)
}

/// `gauss(mu=0.0, sigma=1.0)`: random.py's Box–Muller, keeping the second value.
fn gauss(me: &mut Interp, src: &mut Source, a: Args) -> Res<Value> {
    let [kw_mu, kw_sigma] = keywords(me, "gauss", a.kw, ["mu", "sigma"])?;
    let mut pos = positional(me, "gauss", Args::of(a.pos), 0, 2)?.into_iter();
    let mu = pos.next().or(kw_mu).unwrap_or(Value::Float(0.0));
    let sigma = pos.next().or(kw_sigma).unwrap_or(Value::Float(1.0));
    let z = src.draw(me, |g| {
        if let Some(z) = g.gauss_next()? {
            g.set_gauss_next(None)?;
            return Ok(z);
        }
        let x2pi = g.random()? * std::f64::consts::TAU;
        let g2rad = (-2.0 * (1.0 - g.random()?).ln()).sqrt();
        g.set_gauss_next(Some(x2pi.sin() * g2rad))?;
        Ok(x2pi.cos() * g2rad)
    })?;
    let scaled = me.binary(Operator::Mult, &Value::Float(z), &sigma)?;
    me.binary(Operator::Add, &mu, &scaled)
}

/// `expovariate(lambd)`: `-log(1 - random()) / lambd`.
fn expovariate(me: &mut Interp, src: &mut Source, a: Args) -> Res<Value> {
    let pos = positional(me, "expovariate", a, 1, 1)?;
    let x = Value::Float(-(1.0 - src.draw(me, |t| t.random())?).ln());
    me.binary(Operator::Div, &x, &pos[0])
}
