//! The built-in lazy iterators `map`, `filter`, `zip` and `enumerate` (RFC-0008 §4), and
//! `itertools`' (whose other states are [`crate::stdlib::itertools::Tool`]): each pulls
//! from its sources one item at a time, as Python's do, so a `map` over an infinite
//! generator yields as it is consumed instead of never returning.
//!
//! A lazy iterator object is, like a generator, of the core's function kind with its
//! state in the interpreter's table of suspended iterators ([`crate::vm::Generators`]).
//! A `for` loop over one nothing else references takes its state out of the table and
//! advances it directly.

use floe_core::{Tuple, Value};

use crate::interp::{Args, Interp};
use crate::ops::Iter;
use crate::stdlib::itertools::Tool;
use crate::Res;

/// A tuple's items as they are gathered: inline up to three, as the tuple keeps them.
type Row = smallvec::SmallVec<[Value; 3]>;

/// The names of the classes of lazy iterators (the type names [`Lazy::type_name`]
/// gives): built-in classes, made with the others (`crate::runtime::types`).
pub(crate) const CLASSES: &[&str] = &[
    "map",
    "filter",
    "zip",
    "enumerate",
    "itertools.starmap",
    "itertools.filterfalse",
    "itertools.zip_longest",
    "itertools.count",
    "itertools.cycle",
    "itertools.repeat",
    "itertools.chain",
    "itertools.islice",
    "itertools.accumulate",
    "itertools.product",
    "itertools.permutations",
    "itertools.combinations",
    "itertools.combinations_with_replacement",
    "itertools.groupby",
    "itertools._grouper",
    "itertools.takewhile",
    "itertools.dropwhile",
    "itertools.compress",
    "itertools._tee",
    "itertools.pairwise",
];

/// The state of a lazy built-in iterator.
pub(crate) enum Lazy {
    /// `map(f, *iterables)`.
    Map(Value, Vec<Iter>),
    /// `itertools.starmap(f, iterable)`: `f(*item)` for each item.
    Starmap(Value, Iter),
    /// `filter(f, iterable)` (`f` `None`: the items that are true) when `keep` is true,
    /// `itertools.filterfalse` when it is false: the items whose truth is `keep`.
    Filter(Value, Iter, bool),
    /// `zip(*iterables)`.
    Zip(Vec<Iter>),
    /// `itertools.zip_longest(*iterables, fillvalue=)`: the sources not yet exhausted
    /// (`None` for those that are), and the fill value.
    ZipLongest(Vec<Option<Iter>>, Value),
    /// `enumerate(iterable, start)`: the next count, and the source.
    Enumerate(i64, Iter),
    /// The other `itertools` iterators.
    Tool(Tool),
}

impl Lazy {
    /// Calls `f` on each iteration the iterator pulls from.
    pub(crate) fn for_each_source(&self, f: &mut dyn FnMut(&Iter)) {
        match self {
            Lazy::Map(_, sources) | Lazy::Zip(sources) => sources.iter().for_each(f),
            Lazy::ZipLongest(sources, _) => sources.iter().flatten().for_each(f),
            Lazy::Starmap(_, source) | Lazy::Filter(_, source, _) | Lazy::Enumerate(_, source) => {
                f(source)
            }
            Lazy::Tool(t) => t.for_each_source(f),
        }
    }

    /// The Python type name.
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Lazy::Map(..) => "map",
            Lazy::Starmap(..) => "itertools.starmap",
            Lazy::Filter(_, _, true) => "filter",
            Lazy::Filter(_, _, false) => "itertools.filterfalse",
            Lazy::Zip(_) => "zip",
            Lazy::ZipLongest(..) => "itertools.zip_longest",
            Lazy::Enumerate(..) => "enumerate",
            Lazy::Tool(t) => t.type_name(),
        }
    }
}

impl Interp {
    /// The next item of a lazy iterator, or `None` at its end.
    pub(crate) fn lazy_next(&mut self, lazy: &mut Lazy) -> Res<Option<Value>> {
        match lazy {
            Lazy::Map(f, sources) => {
                let Some(args) = self.next_of_each(sources)? else {
                    return Ok(None);
                };
                let f = f.clone();
                self.call(&f, Args::of(args.into_vec())).map(Some)
            }
            Lazy::Starmap(f, source) => {
                let Some(item) = self.next(source)? else {
                    return Ok(None);
                };
                let args = self.collect(&item)?;
                let f = f.clone();
                self.call(&f, Args::of(args)).map(Some)
            }
            Lazy::Filter(f, source, keep) => {
                let (f, keep) = (f.clone(), *keep);
                while let Some(x) = self.next(source)? {
                    let truth = if matches!(f, Value::None) {
                        self.truthy(&x)?
                    } else {
                        let r = self.call(&f, Args::of(vec![x.clone()]))?;
                        self.truthy(&r)?
                    };
                    if truth == keep {
                        return Ok(Some(x));
                    }
                }
                Ok(None)
            }
            Lazy::Zip(sources) => Ok(self
                .next_of_each(sources)?
                .map(|row| Tuple::new(row).into())),
            Lazy::ZipLongest(sources, fill) => {
                if sources.iter().all(Option::is_none) {
                    return Ok(None);
                }
                let mut row = Vec::with_capacity(sources.len());
                for slot in sources.iter_mut() {
                    let item = match slot {
                        Some(s) => self.next(s)?,
                        None => None,
                    };
                    row.push(match item {
                        Some(x) => x,
                        None => {
                            *slot = None;
                            fill.clone()
                        }
                    });
                }
                if sources.iter().all(Option::is_none) {
                    return Ok(None);
                }
                Ok(Some(Tuple::new(row).into()))
            }
            Lazy::Enumerate(n, source) => match self.next(source)? {
                Some(x) => {
                    // Counts past 2**63 - 1 are not made (floe's big ints are not counted
                    // here): the item that would need one is an error.
                    let i = *n;
                    if i == i64::MAX {
                        return Err(self.exc("OverflowError", "enumerate count past 2**63 - 1"));
                    }
                    *n = i + 1;
                    Ok(Some(Tuple::new([Value::Int(i), x]).into()))
                }
                None => Ok(None),
            },
            Lazy::Tool(t) => self.tool_next(t),
        }
    }

    /// One item from each source, in order; `None` as soon as one is exhausted (the
    /// sources after it are not advanced, as in Python's `zip`).
    fn next_of_each(&mut self, sources: &mut [Iter]) -> Res<Option<Row>> {
        if sources.is_empty() {
            return Ok(None);
        }
        let mut row = Row::new();
        for s in sources {
            match self.next(s)? {
                Some(x) => row.push(x),
                None => return Ok(None),
            }
        }
        Ok(Some(row))
    }

    /// Starts iterating each of `values`.
    pub(crate) fn sources(&mut self, values: &[Value]) -> Res<Vec<Iter>> {
        values.iter().map(|v| self.iter(v)).collect()
    }
}

/// `map(f, *iterables)`.
pub(crate) fn map(me: &mut Interp, a: Args) -> Res<Value> {
    if !a.kw.is_empty() {
        return Err(me.exc("TypeError", "map() takes no keyword arguments"));
    }
    let Some((f, its)) = a.pos.split_first() else {
        return Err(me.exc("TypeError", "map() must have at least two arguments."));
    };
    if its.is_empty() {
        return Err(me.exc("TypeError", "map() must have at least two arguments."));
    }
    let sources = me.sources(its)?;
    Ok(me.make_lazy(Lazy::Map(f.clone(), sources)))
}

/// `filter(f, iterable)`.
pub(crate) fn filter(me: &mut Interp, a: Args) -> Res<Value> {
    let [f, it] = me.exact::<2>("filter", a)?;
    let source = me.iter(&it)?;
    Ok(me.make_lazy(Lazy::Filter(f, source, true)))
}

/// `zip(*iterables)`.
pub(crate) fn zip(me: &mut Interp, a: Args) -> Res<Value> {
    if let Some((k, _)) = a.kw.first() {
        return Err(me.exc(
            "TypeError",
            format!("zip() got an unexpected keyword argument '{k}'"),
        ));
    }
    let sources = me.sources(&a.pos)?;
    Ok(me.make_lazy(Lazy::Zip(sources)))
}

/// `enumerate(iterable, start=0)`.
pub(crate) fn enumerate(me: &mut Interp, a: Args) -> Res<Value> {
    if a.pos.len() > 2 {
        let n = a.pos.len();
        return Err(me.exc(
            "TypeError",
            format!("enumerate() takes at most 2 arguments ({n} given)"),
        ));
    }
    let mut pos = a.pos.into_iter();
    let (mut it, mut start) = (pos.next(), pos.next());
    for (k, v) in a.kw {
        let slot = match k.as_str() {
            "iterable" => &mut it,
            "start" => &mut start,
            _ => {
                return Err(me.exc(
                    "TypeError",
                    format!("'{k}' is an invalid keyword argument for enumerate()"),
                ))
            }
        };
        if slot.replace(v).is_some() {
            return Err(me.exc(
                "TypeError",
                format!("argument for enumerate() given by name ('{k}') and position"),
            ));
        }
    }
    let Some(it) = it else {
        return Err(me.exc(
            "TypeError",
            "enumerate() missing required argument 'iterable'",
        ));
    };
    let start = start.map_or(Ok(0), |s| me.index_of(&s))?;
    let source = me.iter(&it)?;
    Ok(me.make_lazy(Lazy::Enumerate(start, source)))
}
