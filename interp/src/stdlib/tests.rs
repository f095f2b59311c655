//! Unit tests of the standard library's pieces: the Mersenne Twister against its
//! reference output (in the interpreter and kept in an object), CPython's float hash,
//! and the float helpers against naive models.

use malachite_bigint::BigInt;
use num_traits::ToPrimitive;
use quickcheck::quickcheck;

use super::math::{frexp, pow2, vector_norm};
use floe_core::{freeze_component, Instance};

use super::random::{float_hash, int_key, Fault, Generator, Kept, Twister};
use crate::runtime::types;

/// The next word of a generator that cannot fault.
fn word(g: &mut impl Twister) -> u32 {
    g.next_u32().expect("an unfrozen generator draws")
}

/// A new object holding the generator seeded with `key` in its attributes.
fn kept(key: &[u32]) -> Kept {
    let mut k = Kept(Instance::new(&types().class("object")).into_obj());
    let g = Generator::from_key(key);
    let (words, index, gauss) = { g }.save().expect("the interpreter's generator saves");
    k.load(&words, index, gauss)
        .expect("a new object takes the state");
    k
}

#[test]
fn the_twister_gives_the_reference_output_of_mt19937ar() {
    // mt19937ar.c's own test: init_by_array({0x123, 0x234, 0x345, 0x456}).
    let mut g = Generator::from_key(&[0x123, 0x234, 0x345, 0x456]);
    let first: Vec<u32> = (0..5).map(|_| word(&mut g)).collect();
    assert_eq!(
        first,
        [
            1_067_595_299,
            955_945_823,
            477_289_528,
            4_107_218_783,
            4_228_976_476
        ]
    );
    // Past the first regeneration of the 624 words, the 1000th output of the same run.
    let thousandth = (5..1000).map(|_| word(&mut g)).last();
    assert_eq!(thousandth, Some(3_460_025_646));
}

#[test]
fn seeding_with_an_int_uses_its_magnitude_as_cpython_does() {
    let draw = |n: i64| {
        let mut g = Generator::from_key(&int_key(&BigInt::from(n)));
        g.random().expect("the interpreter's generator draws")
    };
    // CPython: random.seed(42); random.random()
    assert_eq!(draw(42), 0.6394267984578837);
    assert_eq!(draw(-42), draw(42));
    assert_eq!(draw(0), 0.8444218515250481);
}

#[test]
fn a_frozen_kept_state_refuses_to_draw_and_keeps_its_state() {
    let mut k = kept(&[7]);
    // Draw up to the twist, so the refused draw would be the one that regenerates.
    for _ in 0..624 {
        word(&mut k);
    }
    let before = k.save().ok();
    let list = k.0.own_attr("_mt").and_then(|l| l.as_obj().cloned());
    let mut component = vec![k.0.clone()];
    component.extend(list);
    freeze_component(&component).expect("an instance and its list freeze");
    assert!(matches!(k.next_u32(), Err(Fault::Barrier(_))));
    assert!(matches!(
        k.set_gauss_next(Some(1.0)),
        Err(Fault::Barrier(_))
    ));
    assert_eq!(k.save().ok(), before);
}

#[test]
fn a_replaced_state_is_refused_not_trusted() {
    let mut k = kept(&[7]);
    let short = floe_core::List::new([floe_core::Value::Int(1)]);
    k.0.set_attr("_mt", short.into()).expect("a local object");
    assert!(matches!(k.next_u32(), Err(Fault::Corrupt(_))));
    let mut k = kept(&[7]);
    k.0.set_attr("_index", floe_core::Value::Int(625))
        .expect("a local object");
    assert!(matches!(k.random(), Err(Fault::Corrupt(_))));
}

#[test]
fn floats_hash_as_in_cpython() {
    assert_eq!(float_hash(1.5), 1_152_921_504_606_846_977);
    assert_eq!(float_hash(-1.5), (-1_152_921_504_606_846_977i64) as u64);
    assert_eq!(float_hash(3.0), 3);
    assert_eq!(float_hash(f64::INFINITY), 314_159);
    assert_eq!(float_hash(2f64.powi(61)), 1);
}

quickcheck! {
    fn wide_bits_are_words_drawn_lowest_first(seed: u32, k: u8) -> bool {
        let k = u64::from(k % 64) + 1;
        let mut a = Generator::from_key(&[seed]);
        let mut b = Generator::from_key(&[seed]);
        let mut c = Generator::from_key(&[seed]);
        let wide = a.bits_u64(k).ok();
        let model = if k <= 32 {
            u64::from(word(&mut b) >> (32 - k))
        } else {
            let low = u64::from(word(&mut b));
            low | (u64::from(word(&mut b) >> (64 - k)) << 32)
        };
        wide == Some(model) && c.bits(k).ok().and_then(|b| b.to_u64()) == Some(model)
    }

    fn below_stays_below_for_small_and_big_bounds(seed: u32, n: u64, high: u32) -> bool {
        let n = n.max(1);
        let mut g = Generator::from_key(&[seed]);
        let big = (BigInt::from(high) << 64u32) + BigInt::from(n);
        g.below_u64(n).is_ok_and(|r| r < n) && g.below(&big).is_ok_and(|r| r < big)
    }

    fn a_kept_state_draws_what_the_interpreter_draws(seed: Vec<u32>, skip: u16, ops: Vec<u8>) -> bool {
        let key = if seed.is_empty() { vec![0] } else { seed };
        let mut g = Generator::from_key(&key);
        let mut k = kept(&key);
        // Past a twist or two, so both regenerate their words.
        let skipped = (0..skip % 1500).all(|_| g.next_u32().ok() == k.next_u32().ok());
        skipped
            && ops.iter().all(|&op| match op % 4 {
                0 => g.random().ok() == k.random().ok(),
                1 => g.bits(u64::from(op)).ok() == k.bits(u64::from(op)).ok(),
                2 => g.below_u64(u64::from(op) + 1).ok() == k.below_u64(u64::from(op) + 1).ok(),
                _ => {
                    let z = Some(f64::from(op));
                    g.set_gauss_next(z).is_ok()
                        && k.set_gauss_next(z).is_ok()
                        && g.gauss_next().ok() == k.gauss_next().ok()
                }
            })
            && g.save().ok() == k.save().ok()
    }

    fn frexp_splits_a_float_exactly(x: f64) -> bool {
        frexp_model(x)
    }

    fn the_norm_of_two_is_within_an_ulp_of_hypot(x: f64, y: f64) -> bool {
        norm_model(x, y)
    }
}

#[test]
fn the_extremes_split_and_measure_right() {
    for x in [
        f64::MAX,
        -f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        -5e-324,
        1.0,
        0.1,
    ] {
        assert!(frexp_model(x), "frexp({x})");
        assert!(norm_model(x, x / 3.0), "hypot({x}, {x} / 3)");
    }
    assert!(norm_model(0.0, f64::MAX));
}

/// `frexp(x)` gives `0.5 <= |m| < 1` with `m * 2**e == x`.
fn frexp_model(x: f64) -> bool {
    let (m, e) = frexp(x);
    if x == 0.0 || !x.is_finite() {
        return e == 0 && (m == x || m.is_nan());
    }
    // 2**1024 is no float: scale by half of it, then by two.
    let back = if e > 1000 {
        m * pow2(e - 1) * 2.0
    } else {
        m * pow2(e)
    };
    (0.5..1.0).contains(&m.abs()) && back == x
}

/// CPython's norm of two finite coordinates is within an ulp of the C library's `hypot`.
fn norm_model(x: f64, y: f64) -> bool {
    let (x, y) = (x.abs(), y.abs());
    if !x.is_finite() || !y.is_finite() {
        return true;
    }
    let ours = vector_norm(&mut [x, y], x.max(y), false);
    let theirs = x.hypot(y);
    ours == theirs || (ours - theirs).abs() <= theirs * f64::EPSILON
}
