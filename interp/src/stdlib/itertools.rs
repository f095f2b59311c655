//! `itertools`: CPython 3.11's iterator building blocks, every one lazy (RFC-0006 §9).
//!
//! Each iterator is a lazy iterator object ([`crate::lazy::Lazy`]) whose state waits in
//! the interpreter's table, as `map`'s does: `starmap`, `filterfalse` and `zip_longest`
//! are variants of `map`, `filter` and `zip` there; the others' states are [`Tool`]s,
//! advanced by [`Interp::tool_next`]. `groupby` and its groups, and `tee`'s iterators,
//! share one state between several objects of one interpreter (`Rc<RefCell<_>>`, never
//! borrowed across a call into Python).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use floe_core::{Class, Instance, Tuple, Value};
use num_traits::ToPrimitive;
use rustpython_parser::ast::Operator;

use super::args::{exactly, given, only_positional, params, Style};
use super::Spec;
use crate::interp::{Args, Interp};
use crate::lazy::Lazy;
use crate::ops::{as_big, Iter};
use crate::runtime::{builtin, types};
use crate::Res;

pub(super) const SPEC: Spec = Spec {
    name: "itertools",
    fns: &[
        ("count", count),
        ("cycle", cycle),
        ("repeat", repeat),
        ("islice", islice),
        ("accumulate", accumulate),
        ("product", product),
        ("permutations", permutations),
        ("combinations", |me, a| {
            combinations(me, a, "combinations", Order::Combinations)
        }),
        ("combinations_with_replacement", |me, a| {
            combinations(
                me,
                a,
                "combinations_with_replacement",
                Order::WithReplacement,
            )
        }),
        ("groupby", groupby),
        ("zip_longest", zip_longest),
        ("starmap", |me, a| {
            let [f, it] = exactly::<2>(me, "starmap", a)?;
            let source = me.iter(&it)?;
            Ok(me.make_lazy(Lazy::Starmap(f, source)))
        }),
        ("filterfalse", |me, a| {
            let [f, it] = exactly::<2>(me, "filterfalse", a)?;
            let source = me.iter(&it)?;
            Ok(me.make_lazy(Lazy::Filter(f, source, false)))
        }),
        ("takewhile", |me, a| {
            let [pred, it] = exactly::<2>(me, "takewhile", a)?;
            let source = me.iter(&it)?;
            Ok(me.make_tool(Tool::TakeWhile(pred, Some(source))))
        }),
        ("dropwhile", |me, a| {
            let [pred, it] = exactly::<2>(me, "dropwhile", a)?;
            let source = me.iter(&it)?;
            Ok(me.make_tool(Tool::DropWhile(Some(pred), source)))
        }),
        ("compress", |me, a| {
            let [data, selectors] = params(
                me,
                Style::Clinic,
                "compress",
                a,
                ["data", "selectors"],
                (2, 2),
            )?;
            let data = me.iter(&data.expect("required"))?;
            let selectors = me.iter(&selectors.expect("required"))?;
            Ok(me.make_tool(Tool::Compress(data, selectors)))
        }),
        ("tee", tee),
        ("pairwise", |me, a| {
            let [it] = exactly::<1>(me, "pairwise", a)?;
            let source = me.iter(&it)?;
            Ok(me.make_tool(Tool::Pairwise(source, None)))
        }),
    ],
    consts,
};

/// `chain`: a callable object (not a built-in function) so that it can carry
/// `chain.from_iterable`.
fn consts() -> Vec<(&'static str, Value)> {
    let class = Class::new("chain", &[types().class("object")]);
    class
        .set_attr("__call__", builtin("chain", chain))
        .expect("a new class accepts attributes");
    let chain = Instance::new(&class);
    chain
        .set_attr("from_iterable", builtin("from_iterable", from_iterable))
        .expect("a new instance accepts attributes");
    vec![("chain", chain.into())]
}

/// The state of an `itertools` iterator other than `starmap`, `filterfalse` and
/// `zip_longest`.
pub(crate) enum Tool {
    /// `count(start, step)`: the next value, and the step.
    Count(Value, Value),
    /// `cycle(iterable)`: the source until it ends, the items saved from it, and the
    /// position in them once it has ended.
    Cycle(Option<Iter>, Vec<Value>, usize),
    /// `repeat(object, times)`: `None` times is forever.
    Repeat(Value, Option<u64>),
    /// `chain(*iterables)`: the iterables still to go, and the one being read.
    Chain(Iter, Option<Iter>),
    /// `islice(...)`: its source (dropped at the end), how many items were read, the
    /// index of the next item to give, and the stop (`None`: no end) and step.
    Islice {
        source: Option<Iter>,
        read: usize,
        next: usize,
        stop: Option<usize>,
        step: usize,
    },
    /// `accumulate(iterable, func, initial=)`: the source, the function (`None`: `+`),
    /// the running total, and an initial value still to give.
    Accumulate(Iter, Option<Value>, Option<Value>, Option<Value>),
    /// `product`, `permutations`, `combinations`, `combinations_with_replacement`: the
    /// pools, and the index tuples' walk over them.
    Indices(Vec<Vec<Value>>, Odometer),
    /// `groupby(iterable, key)`.
    Groupby(Rc<RefCell<Groups>>),
    /// One group of a `groupby`: the shared state, the group's number, and its key.
    Grouper(Rc<RefCell<Groups>>, u64, Value),
    /// `takewhile(pred, iterable)`: the source, until the predicate first fails.
    TakeWhile(Value, Option<Iter>),
    /// `dropwhile(pred, iterable)`: the predicate, until it first fails.
    DropWhile(Option<Value>, Iter),
    /// `compress(data, selectors)`.
    Compress(Iter, Iter),
    /// One of `tee`'s iterators.
    Tee(TeeSlot),
    /// `pairwise(iterable)`: the source and the previous item.
    Pairwise(Iter, Option<Value>),
}

impl Tool {
    /// Calls `f` on each iteration the iterator pulls from.
    pub(crate) fn for_each_source(&self, f: &mut dyn FnMut(&Iter)) {
        match self {
            Tool::Count(..) | Tool::Repeat(..) | Tool::Indices(..) => {}
            Tool::Cycle(source, ..) | Tool::TakeWhile(_, source) => source.iter().for_each(f),
            Tool::Islice { source, .. } => source.iter().for_each(f),
            Tool::Chain(rest, current) => {
                f(rest);
                current.iter().for_each(f);
            }
            Tool::Accumulate(source, ..)
            | Tool::DropWhile(_, source)
            | Tool::Pairwise(source, _) => f(source),
            Tool::Compress(a, b) => {
                f(a);
                f(b);
            }
            Tool::Groupby(shared) | Tool::Grouper(shared, ..) => {
                if let Ok(g) = shared.try_borrow() {
                    g.source.iter().for_each(f);
                }
            }
            Tool::Tee(slot) => {
                if let Ok(t) = slot.shared.try_borrow() {
                    t.source.iter().for_each(f);
                }
            }
        }
    }

    /// The Python type name (one of [`crate::lazy::CLASSES`]).
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Tool::Count(..) => "itertools.count",
            Tool::Cycle(..) => "itertools.cycle",
            Tool::Repeat(..) => "itertools.repeat",
            Tool::Chain(..) => "itertools.chain",
            Tool::Islice { .. } => "itertools.islice",
            Tool::Accumulate(..) => "itertools.accumulate",
            Tool::Indices(_, o) => match o.order {
                Order::Product => "itertools.product",
                Order::Permutations => "itertools.permutations",
                Order::Combinations => "itertools.combinations",
                Order::WithReplacement => "itertools.combinations_with_replacement",
            },
            Tool::Groupby(_) => "itertools.groupby",
            Tool::Grouper(..) => "itertools._grouper",
            Tool::TakeWhile(..) => "itertools.takewhile",
            Tool::DropWhile(..) => "itertools.dropwhile",
            Tool::Compress(..) => "itertools.compress",
            Tool::Tee(_) => "itertools._tee",
            Tool::Pairwise(..) => "itertools.pairwise",
        }
    }
}

impl Interp {
    fn make_tool(&mut self, t: Tool) -> Value {
        self.make_lazy(Lazy::Tool(t))
    }

    /// The next item of an `itertools` iterator, or `None` at its end.
    pub(crate) fn tool_next(&mut self, t: &mut Tool) -> Res<Option<Value>> {
        match t {
            Tool::Count(next, step) => {
                let sum = match (&*next, &*step) {
                    (Value::Int(a), Value::Int(b)) if a.checked_add(*b).is_some() => {
                        Value::Int(a + b)
                    }
                    (a, b) => {
                        let (a, b) = (a.clone(), b.clone());
                        self.binary(Operator::Add, &a, &b)?
                    }
                };
                Ok(Some(std::mem::replace(next, sum)))
            }
            Tool::Cycle(source, saved, at) => {
                if let Some(s) = source {
                    if let Some(x) = self.next(s)? {
                        saved.push(x.clone());
                        return Ok(Some(x));
                    }
                    *source = None;
                }
                if saved.is_empty() {
                    return Ok(None);
                }
                let x = saved[*at].clone();
                *at = (*at + 1) % saved.len();
                Ok(Some(x))
            }
            Tool::Repeat(value, times) => match times {
                Some(0) => Ok(None),
                Some(n) => {
                    *n -= 1;
                    Ok(Some(value.clone()))
                }
                None => Ok(Some(value.clone())),
            },
            Tool::Chain(rest, current) => loop {
                if let Some(c) = current {
                    if let Some(x) = self.next(c)? {
                        return Ok(Some(x));
                    }
                    *current = None;
                }
                let Some(iterable) = self.next(rest)? else {
                    return Ok(None);
                };
                *current = Some(self.iter(&iterable)?);
            },
            Tool::Islice {
                source,
                read,
                next,
                stop,
                step,
            } => {
                let Some(s) = source else {
                    return Ok(None);
                };
                let mut end = false;
                while *read < *next && !end {
                    end = self.next(s)?.is_none();
                    *read += 1;
                }
                let item = if end || stop.is_some_and(|stop| *read >= stop) {
                    None
                } else {
                    self.next(s)?
                };
                let Some(x) = item else {
                    *source = None;
                    return Ok(None);
                };
                *read += 1;
                // CPython's arithmetic: past `stop` (or overflowing), the next index is it.
                *next = match next.checked_add(*step) {
                    Some(n) if stop.is_none_or(|stop| n <= stop) => n,
                    _ => stop.unwrap_or(usize::MAX),
                };
                Ok(Some(x))
            }
            Tool::Accumulate(source, func, total, initial) => {
                if let Some(first) = initial.take() {
                    *total = Some(first.clone());
                    return Ok(Some(first));
                }
                let Some(x) = self.next(source)? else {
                    return Ok(None);
                };
                let new = match (total.take(), &*func) {
                    (None, _) => x,
                    (Some(t), None) => self.binary(Operator::Add, &t, &x)?,
                    (Some(t), Some(f)) => {
                        let f = f.clone();
                        self.call(&f, Args::of(vec![t, x]))?
                    }
                };
                *total = Some(new.clone());
                Ok(Some(new))
            }
            Tool::Indices(pools, odometer) => {
                let product = odometer.order == Order::Product;
                Ok(odometer.advance().map(|indices| {
                    let items = indices.iter().enumerate().map(|(i, &j)| {
                        let pool = if product { &pools[i] } else { &pools[0] };
                        pool[j].clone()
                    });
                    Tuple::new(items.collect::<Vec<Value>>()).into()
                }))
            }
            Tool::Groupby(shared) => self.group_next(shared),
            Tool::Grouper(shared, number, key) => self.grouper_next(shared, *number, key),
            Tool::TakeWhile(pred, source) => {
                let Some(s) = source else {
                    return Ok(None);
                };
                let Some(x) = self.next(s)? else {
                    return Ok(None);
                };
                let pred = pred.clone();
                let r = self.call(&pred, Args::of(vec![x.clone()]))?;
                if self.truthy(&r)? {
                    return Ok(Some(x));
                }
                *source = None;
                Ok(None)
            }
            Tool::DropWhile(pred, source) => {
                while let Some(x) = self.next(source)? {
                    let Some(p) = pred.clone() else {
                        return Ok(Some(x));
                    };
                    let r = self.call(&p, Args::of(vec![x.clone()]))?;
                    if !self.truthy(&r)? {
                        *pred = None;
                        return Ok(Some(x));
                    }
                }
                Ok(None)
            }
            Tool::Compress(data, selectors) => loop {
                let Some(x) = self.next(data)? else {
                    return Ok(None);
                };
                let Some(s) = self.next(selectors)? else {
                    return Ok(None);
                };
                if self.truthy(&s)? {
                    return Ok(Some(x));
                }
            },
            Tool::Tee(slot) => self.tee_next(slot),
            Tool::Pairwise(source, last) => {
                let old = match last.take() {
                    Some(old) => old,
                    None => match self.next(source)? {
                        Some(first) => first,
                        None => return Ok(None),
                    },
                };
                let Some(new) = self.next(source)? else {
                    return Ok(None);
                };
                *last = Some(new.clone());
                Ok(Some(Tuple::new([old, new]).into()))
            }
        }
    }
}

// ----- the constructors -----

/// `count(start=0, step=1)`.
fn count(me: &mut Interp, a: Args) -> Res<Value> {
    let [start, step] = params(me, Style::Clinic, "count", a, ["start", "step"], (0, 2))?;
    let start = start.unwrap_or(Value::Int(0));
    let step = step.unwrap_or(Value::Int(1));
    for v in [&start, &step] {
        if crate::ops::as_f64(v).is_none() {
            return Err(me.exc("TypeError", "a number is required"));
        }
    }
    // CPython counts by one in a machine integer, so `count(True)` gives 1, 2, ….
    let start = match (start, &step) {
        (Value::Bool(b), Value::Int(1)) => Value::Int(i64::from(b)),
        (start, _) => start,
    };
    Ok(me.make_tool(Tool::Count(start, step)))
}

/// `cycle(iterable)`.
fn cycle(me: &mut Interp, a: Args) -> Res<Value> {
    let [it] = exactly::<1>(me, "cycle", a)?;
    let source = me.iter(&it)?;
    Ok(me.make_tool(Tool::Cycle(Some(source), Vec::new(), 0)))
}

/// `repeat(object, times=None)` (a negative `times` is none).
fn repeat(me: &mut Interp, a: Args) -> Res<Value> {
    let [object, times] = params(me, Style::Clinic, "repeat", a, ["object", "times"], (1, 2))?;
    let times = match times {
        Some(t) => {
            let n = super::math::integer(me, &t)?;
            Some(
                n.to_u64()
                    .unwrap_or(if n.sign() == malachite_bigint::Sign::Minus {
                        0
                    } else {
                        u64::MAX
                    }),
            )
        }
        None => None,
    };
    Ok(me.make_tool(Tool::Repeat(object.expect("required"), times)))
}

/// `chain(*iterables)`: each iterable is iterated when the chain reaches it.
fn chain(me: &mut Interp, a: Args) -> Res<Value> {
    if !a.kw.is_empty() {
        return Err(me.exc("TypeError", "chain() takes no keyword arguments"));
    }
    // Called as the `chain` object's `__call__`: the object itself comes first.
    let iterables = a.pos.into_iter().skip(1).collect();
    Ok(me.make_tool(Tool::Chain(Iter::Items(Vec::into_iter(iterables)), None)))
}

/// `chain.from_iterable(iterable)`.
fn from_iterable(me: &mut Interp, a: Args) -> Res<Value> {
    let n = a.pos.len();
    let Ok([it]) = <[Value; 1]>::try_from(a.pos) else {
        return Err(me.exc(
            "TypeError",
            format!("chain.from_iterable() takes exactly one argument ({n} given)"),
        ));
    };
    let rest = me.iter(&it)?;
    Ok(me.make_tool(Tool::Chain(rest, None)))
}

/// An `islice` index: `None` when it is not an int from 0 to `sys.maxsize` (CPython's
/// `PyNumber_AsSsize_t` failing).
fn slice_index(v: &Value) -> Option<i64> {
    as_big(v).and_then(|i| i.to_i64())
}

/// `islice(iterable, stop)` or `islice(iterable, start, stop[, step])`.
fn islice(me: &mut Interp, a: Args) -> Res<Value> {
    let pos = only_positional(me, "islice", a, 2, 4)?;
    let not_none = |i: usize| pos.get(i).filter(|v| !matches!(v, Value::None));
    let stop_error = |me: &mut Interp| {
        me.exc(
            "ValueError",
            "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
        )
    };
    let (start_at, stop_at) = if pos.len() == 2 {
        (None, 1)
    } else {
        (Some(1), 2)
    };
    let start = match start_at.and_then(not_none) {
        Some(v) => slice_index(v).unwrap_or(-1),
        None => 0,
    };
    let stop = match not_none(stop_at) {
        Some(v) => match slice_index(v) {
            None | Some(-1) => return Err(stop_error(me)),
            Some(s) => s,
        },
        None => -1,
    };
    if start < 0 || stop < -1 {
        return Err(me.exc(
            "ValueError",
            "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
        ));
    }
    let step = match not_none(3) {
        Some(v) => slice_index(v).unwrap_or(-1),
        None => 1,
    };
    if step < 1 {
        return Err(me.exc(
            "ValueError",
            "Step for islice() must be a positive integer or None.",
        ));
    }
    let source = me.iter(&pos[0])?;
    Ok(me.make_tool(Tool::Islice {
        source: Some(source),
        read: 0,
        next: start as usize,
        stop: (stop >= 0).then_some(stop as usize),
        step: step as usize,
    }))
}

/// `accumulate(iterable, func=None, *, initial=None)`.
fn accumulate(me: &mut Interp, a: Args) -> Res<Value> {
    let [it, func, initial] = params(
        me,
        Style::Clinic,
        "accumulate",
        a,
        ["iterable", "func", "initial"],
        (1, 2),
    )?;
    let source = me.iter(&it.expect("required"))?;
    Ok(me.make_tool(Tool::Accumulate(source, given(func), None, given(initial))))
}

/// `product(*iterables, repeat=1)`.
fn product(me: &mut Interp, a: Args) -> Res<Value> {
    let mut times = 1;
    for (k, v) in a.kw {
        if k != "repeat" {
            return Err(me.exc(
                "TypeError",
                format!("'{k}' is an invalid keyword argument for product()"),
            ));
        }
        let n = super::math::integer(me, &v)?;
        if n.sign() == malachite_bigint::Sign::Minus {
            return Err(me.exc("ValueError", "repeat argument cannot be negative"));
        }
        times = n.to_u64().unwrap_or(u64::MAX);
    }
    if a.pos.is_empty() {
        // No pools: one empty tuple, however many times they are repeated.
        times = 1;
    }
    let mut pools = Vec::with_capacity(a.pos.len());
    for it in &a.pos {
        pools.push(me.collect(it)?);
    }
    me.check_size(u128::from(times) * pools.len() as u128)?;
    let pools: Vec<Vec<Value>> = (0..times).flat_map(|_| pools.iter().cloned()).collect();
    let sizes = pools.iter().map(Vec::len).collect();
    let odometer = Odometer::new(Order::Product, sizes, pools.len());
    Ok(me.make_tool(Tool::Indices(pools, odometer)))
}

/// `r` of the combinatoric iterators: non-negative, as an index.
fn r_of(me: &mut Interp, r: &Value) -> Res<usize> {
    let n = super::math::integer(me, r)?;
    if n.sign() == malachite_bigint::Sign::Minus {
        return Err(me.exc("ValueError", "r must be non-negative"));
    }
    Ok(n.to_usize().unwrap_or(usize::MAX))
}

/// `permutations(iterable, r=None)`.
fn permutations(me: &mut Interp, a: Args) -> Res<Value> {
    let [it, r] = params(
        me,
        Style::Clinic,
        "permutations",
        a,
        ["iterable", "r"],
        (1, 2),
    )?;
    let pool = me.collect(&it.expect("required"))?;
    let r = match given(r) {
        Some(r) if as_big(&r).is_none() => {
            return Err(me.exc("TypeError", "Expected int as r"));
        }
        Some(r) => r_of(me, &r)?,
        None => pool.len(),
    };
    let odometer = Odometer::new(Order::Permutations, vec![pool.len()], r);
    Ok(me.make_tool(Tool::Indices(vec![pool], odometer)))
}

/// `combinations(iterable, r)` and `combinations_with_replacement(iterable, r)`.
fn combinations(me: &mut Interp, a: Args, name: &str, order: Order) -> Res<Value> {
    let [it, r] = params(me, Style::Clinic, name, a, ["iterable", "r"], (2, 2))?;
    let pool = me.collect(&it.expect("required"))?;
    let r = r_of(me, &r.expect("required"))?;
    let odometer = Odometer::new(order, vec![pool.len()], r);
    Ok(me.make_tool(Tool::Indices(vec![pool], odometer)))
}

/// `zip_longest(*iterables, fillvalue=None)`.
fn zip_longest(me: &mut Interp, a: Args) -> Res<Value> {
    let mut fill = Value::None;
    for (k, v) in a.kw {
        if k != "fillvalue" {
            return Err(me.exc(
                "TypeError",
                "zip_longest() got an unexpected keyword argument",
            ));
        }
        fill = v;
    }
    let sources = me.sources(&a.pos)?.into_iter().map(Some).collect();
    Ok(me.make_lazy(Lazy::ZipLongest(sources, fill)))
}

/// `tee(iterable, n=2)`: a tuple of `n` iterators over one source, sharing a buffer of
/// the items some have read and others not yet.
fn tee(me: &mut Interp, a: Args) -> Res<Value> {
    if !a.kw.is_empty() {
        return Err(me.exc("TypeError", "itertools.tee() takes no keyword arguments"));
    }
    let pos = only_positional(me, "tee", a, 1, 2)?;
    let n = match pos.get(1) {
        Some(n) => {
            let n = super::math::integer(me, n)?;
            if n.sign() == malachite_bigint::Sign::Minus {
                return Err(me.exc("ValueError", "n must be >= 0"));
            }
            n.to_usize().unwrap_or(usize::MAX)
        }
        None => 2,
    };
    me.check_size(n as u128)?;
    let source = me.iter(&pos[0])?;
    let shared = Rc::new(RefCell::new(TeeBuffer {
        source: Some(source),
        items: VecDeque::new(),
        base: 0,
        positions: vec![0; n],
    }));
    let its: Vec<Value> = (0..n)
        .map(|slot| {
            me.make_tool(Tool::Tee(TeeSlot {
                shared: shared.clone(),
                slot,
            }))
        })
        .collect();
    Ok(Tuple::new(its).into())
}

/// `groupby(iterable, key=None)`.
fn groupby(me: &mut Interp, a: Args) -> Res<Value> {
    let [it, key] = params(me, Style::Clinic, "groupby", a, ["iterable", "key"], (1, 2))?;
    let source = me.iter(&it.expect("required"))?;
    Ok(me.make_tool(Tool::Groupby(Rc::new(RefCell::new(Groups {
        source: Some(source),
        key: given(key),
        target: None,
        current: None,
        value: None,
        group: 0,
    })))))
}

// ----- the combinatoric iterators' index walks -----

/// Which index tuples an [`Odometer`] walks through, each in lexicographic order.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Order {
    /// Every tuple with `indices[i] < sizes[i]`.
    Product,
    /// `r` distinct indices below `n`.
    Permutations,
    /// `r` increasing indices below `n`.
    Combinations,
    /// `r` non-decreasing indices below `n`.
    WithReplacement,
}

/// The walk of a combinatoric iterator through its index tuples: CPython's algorithms,
/// step for step, on indices alone.
pub(crate) struct Odometer {
    order: Order,
    /// The pools' sizes (one pool, of `n` items, except for a product).
    sizes: Vec<usize>,
    r: usize,
    indices: Vec<usize>,
    /// `permutations`' cycles.
    cycles: Vec<usize>,
    started: bool,
    done: bool,
}

impl Odometer {
    /// A walk of tuples of length `r` (for a product, `r` is the number of pools).
    pub(crate) fn new(order: Order, sizes: Vec<usize>, r: usize) -> Odometer {
        Odometer {
            order,
            sizes,
            r,
            indices: Vec::new(),
            cycles: Vec::new(),
            started: false,
            done: false,
        }
    }

    fn n(&self) -> usize {
        self.sizes.first().copied().unwrap_or(0)
    }

    /// The next index tuple, or `None` at the end.
    pub(crate) fn advance(&mut self) -> Option<&[usize]> {
        if self.done {
            return None;
        }
        let more = if self.started {
            self.step()
        } else {
            self.started = true;
            self.start()
        };
        if !more {
            self.done = true;
            self.indices = Vec::new();
            self.cycles = Vec::new();
            return None;
        }
        Some(&self.indices[..self.r])
    }

    /// The first tuple, if there is one.
    fn start(&mut self) -> bool {
        let (n, r) = (self.n(), self.r);
        match self.order {
            Order::Product => {
                self.indices = vec![0; self.sizes.len()];
                !self.sizes.contains(&0)
            }
            Order::Permutations => {
                if r > n {
                    return false;
                }
                self.indices = (0..n).collect();
                self.cycles = (n - r + 1..=n).rev().collect();
                true
            }
            Order::Combinations => {
                if r > n {
                    return false;
                }
                self.indices = (0..r).collect();
                true
            }
            Order::WithReplacement => {
                if n == 0 && r > 0 {
                    return false;
                }
                self.indices = vec![0; r];
                true
            }
        }
    }

    /// The tuple after the current one, if there is one.
    fn step(&mut self) -> bool {
        let (n, r) = (self.n(), self.r);
        let ix = &mut self.indices;
        match self.order {
            Order::Product => {
                for i in (0..ix.len()).rev() {
                    ix[i] += 1;
                    if ix[i] < self.sizes[i] {
                        return true;
                    }
                    ix[i] = 0;
                }
                false
            }
            Order::Permutations => {
                if n == 0 {
                    return false;
                }
                for i in (0..r).rev() {
                    self.cycles[i] -= 1;
                    if self.cycles[i] == 0 {
                        ix[i..].rotate_left(1);
                        self.cycles[i] = n - i;
                    } else {
                        let j = self.cycles[i];
                        ix.swap(i, n - j);
                        return true;
                    }
                }
                false
            }
            Order::Combinations => {
                let Some(i) = (0..r).rev().find(|&i| ix[i] != i + n - r) else {
                    return false;
                };
                ix[i] += 1;
                for j in i + 1..r {
                    ix[j] = ix[j - 1] + 1;
                }
                true
            }
            Order::WithReplacement => {
                let Some(i) = (0..r).rev().find(|&i| ix[i] != n - 1) else {
                    return false;
                };
                let v = ix[i] + 1;
                ix[i..].fill(v);
                true
            }
        }
    }
}

// ----- groupby -----

/// The state a `groupby` and its groups share (CPython's `groupbyobject`).
pub(crate) struct Groups {
    /// `None` while an item is being read (re-entry is an error).
    source: Option<Iter>,
    key: Option<Value>,
    /// The key of the group last handed out.
    target: Option<Value>,
    /// The key of the current item, and the item (taken by a group that gives it).
    current: Option<Value>,
    value: Option<Value>,
    /// The number of the group last handed out: older groups are over.
    group: u64,
}

impl Interp {
    /// Reads the next item and its key into `shared`; `false` at the source's end.
    fn group_step(&mut self, shared: &Rc<RefCell<Groups>>) -> Res<bool> {
        let (source, key) = {
            let mut g = shared.borrow_mut();
            (g.source.take(), g.key.clone())
        };
        let Some(mut source) = source else {
            return Err(self.exc("RuntimeError", "cannot re-enter the groupby iterator"));
        };
        let read = self.next(&mut source);
        shared.borrow_mut().source = Some(source);
        let Some(value) = read? else {
            return Ok(false);
        };
        let k = match key {
            Some(f) => self.call(&f, Args::of(vec![value.clone()]))?,
            None => value.clone(),
        };
        let mut g = shared.borrow_mut();
        g.current = Some(k);
        g.value = Some(value);
        Ok(true)
    }

    /// `next(groupby)`: skips the rest of the current group; `(key, group)`.
    fn group_next(&mut self, shared: &Rc<RefCell<Groups>>) -> Res<Option<Value>> {
        shared.borrow_mut().group += 1;
        loop {
            let (target, current) = {
                let g = shared.borrow();
                (g.target.clone(), g.current.clone())
            };
            match (target, current) {
                (None, Some(_)) => break,
                (Some(t), Some(c)) if !self.eq(&t, &c)? => break,
                _ => {}
            }
            if !self.group_step(shared)? {
                return Ok(None);
            }
        }
        let (key, number) = {
            let mut g = shared.borrow_mut();
            g.target = g.current.clone();
            (g.current.clone().expect("read"), g.group)
        };
        let group = self.make_tool(Tool::Grouper(shared.clone(), number, key.clone()));
        Ok(Some(Tuple::new([key, group]).into()))
    }

    /// `next(group)`: the next item while its key is the group's and no later group has
    /// been handed out.
    fn grouper_next(
        &mut self,
        shared: &Rc<RefCell<Groups>>,
        number: u64,
        key: &Value,
    ) -> Res<Option<Value>> {
        let (current_group, has_value) = {
            let g = shared.borrow();
            (g.group, g.value.is_some())
        };
        if current_group != number {
            return Ok(None);
        }
        if !has_value && !self.group_step(shared)? {
            return Ok(None);
        }
        let current = shared.borrow().current.clone().expect("read");
        if !self.eq(key, &current)? {
            return Ok(None);
        }
        Ok(shared.borrow_mut().value.take())
    }
}

// ----- tee -----

/// What `tee`'s iterators share: the source, and the items read from it that some
/// iterator has not yet given.
pub(crate) struct TeeBuffer {
    /// `None` while an item is being read (re-entry is an error).
    source: Option<Iter>,
    items: VecDeque<Value>,
    /// The index (from the source's start) of `items[0]`.
    base: usize,
    /// The index of each iterator's next item (`usize::MAX` once it is dropped).
    positions: Vec<usize>,
}

/// One of `tee`'s iterators: its buffer, and its number there.
pub(crate) struct TeeSlot {
    shared: Rc<RefCell<TeeBuffer>>,
    slot: usize,
}

impl Drop for TeeSlot {
    /// A dropped iterator no longer keeps items in the buffer.
    fn drop(&mut self) {
        if let Ok(mut t) = self.shared.try_borrow_mut() {
            t.positions[self.slot] = usize::MAX;
            t.trim();
        }
    }
}

impl TeeBuffer {
    /// Drops the items every iterator has given.
    fn trim(&mut self) {
        let low = self.positions.iter().copied().min().unwrap_or(usize::MAX);
        while self.base < low && self.items.pop_front().is_some() {
            self.base += 1;
        }
    }
}

impl Interp {
    fn tee_next(&mut self, slot: &TeeSlot) -> Res<Option<Value>> {
        let buffered = {
            let t = slot.shared.borrow();
            let at = t.positions[slot.slot] - t.base;
            t.items.get(at).cloned()
        };
        let item = match buffered {
            Some(x) => x,
            None => {
                let source = slot.shared.borrow_mut().source.take();
                let Some(mut source) = source else {
                    return Err(self.exc("RuntimeError", "cannot re-enter the tee iterator"));
                };
                let read = self.next(&mut source);
                let mut t = slot.shared.borrow_mut();
                t.source = Some(source);
                let Some(x) = read? else {
                    return Ok(None);
                };
                t.items.push_back(x.clone());
                x
            }
        };
        let mut t = slot.shared.borrow_mut();
        t.positions[slot.slot] += 1;
        t.trim();
        Ok(Some(item))
    }
}

#[cfg(test)]
mod tests;
