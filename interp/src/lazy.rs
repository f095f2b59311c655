//! The built-in lazy iterators `map`, `filter`, `zip` and `enumerate` (RFC-0008 §4):
//! each pulls from its sources one item at a time, as Python's do, so a `map` over an
//! infinite generator yields as it is consumed instead of never returning.
//!
//! A lazy iterator object is, like a generator, of the core's function kind with its
//! state in the interpreter's table of suspended iterators ([`crate::vm::Generators`]).
//! A `for` loop over one nothing else references takes its state out of the table and
//! advances it directly.

use floe_core::{Tuple, Value};

use crate::interp::{Args, Interp};
use crate::ops::Iter;
use crate::Res;

/// The state of a lazy built-in iterator.
pub(crate) enum Lazy {
    /// `map(f, *iterables)`.
    Map(Value, Vec<Iter>),
    /// `filter(f, iterable)` (`f` `None`: the items that are true).
    Filter(Value, Iter),
    /// `zip(*iterables)`.
    Zip(Vec<Iter>),
    /// `enumerate(iterable, start)`: the next count, and the source.
    Enumerate(i64, Iter),
}

impl Lazy {
    /// Calls `f` on each iteration the iterator pulls from.
    pub(crate) fn for_each_source(&self, f: &mut dyn FnMut(&Iter)) {
        match self {
            Lazy::Map(_, sources) | Lazy::Zip(sources) => sources.iter().for_each(f),
            Lazy::Filter(_, source) | Lazy::Enumerate(_, source) => f(source),
        }
    }

    /// The Python type name.
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Lazy::Map(..) => "map",
            Lazy::Filter(..) => "filter",
            Lazy::Zip(_) => "zip",
            Lazy::Enumerate(..) => "enumerate",
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
                self.call(&f, Args::of(args)).map(Some)
            }
            Lazy::Filter(f, source) => {
                let f = f.clone();
                while let Some(x) = self.next(source)? {
                    let keep = if matches!(f, Value::None) {
                        self.truthy(&x)?
                    } else {
                        let r = self.call(&f, Args::of(vec![x.clone()]))?;
                        self.truthy(&r)?
                    };
                    if keep {
                        return Ok(Some(x));
                    }
                }
                Ok(None)
            }
            Lazy::Zip(sources) => Ok(self
                .next_of_each(sources)?
                .map(|row| Tuple::new(row).into())),
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
        }
    }

    /// One item from each source, in order; `None` as soon as one is exhausted (the
    /// sources after it are not advanced, as in Python's `zip`).
    fn next_of_each(&mut self, sources: &mut [Iter]) -> Res<Option<Vec<Value>>> {
        if sources.is_empty() {
            return Ok(None);
        }
        let mut row = Vec::with_capacity(sources.len());
        for s in sources {
            match self.next(s)? {
                Some(x) => row.push(x),
                None => return Ok(None),
            }
        }
        Ok(Some(row))
    }

    /// Starts iterating each of `values`.
    fn sources(&mut self, values: &[Value]) -> Res<Vec<Iter>> {
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
    Ok(me.make_lazy(Lazy::Filter(f, source)))
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
