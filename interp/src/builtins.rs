//! The built-in functions of semantics §7 and the constructors of the built-in types.

use floe_core::{Class, Kind, List, ObjRef, Str, Tuple, Value};
use malachite_bigint::BigInt;

use crate::errors::Flow;
use crate::interp::{Args, Interp};
use crate::ops::{as_big, as_f64, int_of_float, int_value, kind_name};
use crate::runtime::{
    builtin, builtin_entry, types, BuiltinFn, Entry, FastMap, OneFn, RangeBody, TwoFn,
};
use crate::sort::sorted_positions;
use crate::Res;

/// The built-in names, found by a name's cached hash: a script's names are interned
/// strings, so a builtin costs one probe and a pointer compare, no hashing of its text.
#[derive(Default)]
pub(crate) struct Builtins(hashbrown::HashTable<(Str, Value)>);

impl Builtins {
    /// The builtin named `name`.
    pub(crate) fn get(&self, name: &Str) -> Option<&Value> {
        self.0
            .find(name.hash_code(), |(k, _)| k == name)
            .map(|(_, v)| v)
    }

    /// The builtin named `name`, given as text (every builtin's name is interned).
    pub(crate) fn get_text(&self, name: &str) -> Option<&Value> {
        Str::find_interned(name).and_then(|n| self.get(&n))
    }
}

impl FromIterator<(&'static str, Value)> for Builtins {
    fn from_iter<I: IntoIterator<Item = (&'static str, Value)>>(items: I) -> Builtins {
        let mut table = hashbrown::HashTable::new();
        for (name, v) in items {
            let name = Str::intern(name);
            table.insert_unique(name.hash_code(), (name, v), |(k, _)| k.hash_code());
        }
        Builtins(table)
    }
}

/// Every built-in name: functions, types and exception classes.
pub(crate) fn table() -> Builtins {
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("print", print),
        ("exec", |me, a| me.exec_source(a)),
        ("globals", |me, a| {
            me.exact::<0>("globals", a)?;
            Ok(me.globals_value())
        }),
        ("hex", |me, a| radix_literal(me, a, "hex", 16, "0x")),
        ("oct", |me, a| radix_literal(me, a, "oct", 8, "0o")),
        ("bin", |me, a| radix_literal(me, a, "bin", 2, "0b")),
        ("min", |me, a| min_max(me, a, true)),
        ("max", |me, a| min_max(me, a, false)),
        ("sum", |me, a| {
            let start = a.pos.get(1).cloned().unwrap_or(Value::Int(0));
            let Some(it) = a.pos.first() else {
                return Err(me.exc(
                    "TypeError",
                    "sum() takes at least 1 positional argument (0 given)",
                ));
            };
            let mut total = start;
            let mut i = me.iter(it)?;
            while let Some(x) = me.next(&mut i)? {
                total = me.binary(rustpython_parser::ast::Operator::Add, &total, &x)?;
            }
            Ok(total)
        }),
        ("sorted", |me, a| {
            let Some(it) = a.pos.first() else {
                return Err(me.exc("TypeError", "sorted expected 1 argument, got 0"));
            };
            let items = me.collect(it)?;
            let (key, reverse) = sort_options(me, &a.kw)?;
            let items = me.sorted(items, key, reverse)?;
            Ok(List::new(items).into())
        }),
        ("getattr", |me, a| {
            if a.pos.len() < 2 {
                return Err(me.exc("TypeError", "getattr expected at least 2 arguments"));
            }
            let name = me.attr_name(&a.pos[1])?;
            match me.getattr(&a.pos[0], &name) {
                Ok(v) => Ok(v),
                Err(Flow::Exc(e)) if a.pos.len() > 2 && e.value.type_name() == "AttributeError" => {
                    Ok(a.pos[2].clone())
                }
                Err(other) => Err(other),
            }
        }),
        ("setattr", |me, a| {
            let [o, n, v] = me.exact::<3>("setattr", a)?;
            let name = me.attr_name(&n)?;
            me.setattr(&o, &name, v)?;
            Ok(Value::None)
        }),
        ("next", |me, a| {
            if a.pos.is_empty() || a.pos.len() > 2 || !a.kw.is_empty() {
                return Err(me.exc(
                    "TypeError",
                    format!("next expected 1 or 2 arguments, got {}", a.pos.len()),
                ));
            }
            let it = &a.pos[0];
            // A generator's end carries its return value.
            let item = match it.as_obj().filter(|o| crate::vm::is_generator(o)) {
                Some(g) => match me.gen_resume(g, crate::vm::Resume::Send(Value::None))? {
                    crate::vm::Outcome::Yielded(v) => Some(v),
                    crate::vm::Outcome::Returned(v) if a.pos.len() == 1 => {
                        return Err(me.stop_iteration(v))
                    }
                    crate::vm::Outcome::Returned(_) => None,
                },
                None => me.next_value(it)?,
            };
            match (item, a.pos.get(1)) {
                (Some(v), _) => Ok(v),
                (None, Some(default)) => Ok(default.clone()),
                (None, None) => Err(me.stop_iteration(Value::None)),
            }
        }),
        ("pow", |me, a| {
            let [x, y] = me.exact::<2>("pow", a)?;
            me.binary(rustpython_parser::ast::Operator::Pow, &x, &y)
        }),
        ("round", |me, a| {
            let x = a.pos.first().cloned().unwrap_or(Value::None);
            let x = crate::subclass::base_value(&x).unwrap_or(x);
            let digits = a.pos.get(1).cloned();
            let Some(f) = as_f64(&x) else {
                return Err(me.exc(
                    "TypeError",
                    format!("type {} doesn't define __round__ method", x.type_name()),
                ));
            };
            let is_float = matches!(x, Value::Float(_));
            match digits {
                None | Some(Value::None) if is_float => int_of_float(f.round_ties_even())
                    .ok_or_else(|| {
                        let (class, what) = if f.is_nan() {
                            ("ValueError", "NaN")
                        } else {
                            ("OverflowError", "infinity")
                        };
                        me.exc(class, format!("cannot convert float {what} to integer"))
                    }),
                None | Some(Value::None) => Ok(x),
                Some(d) => {
                    let d = me.index_of(&d)?;
                    if !is_float {
                        return round_int(me, &x, d);
                    }
                    if !f.is_finite() || d > 323 {
                        return Ok(x);
                    }
                    if d >= 0 {
                        // The correctly rounded decimal digits (ties to even, as Python's
                        // dtoa does), read back: large floats come back unchanged.
                        let text = format!("{:.*}", d as usize, f);
                        return Ok(Value::Float(text.parse().unwrap_or(f)));
                    }
                    let p = 10f64.powi((-d).min(400) as i32);
                    Ok(Value::Float(if p.is_finite() {
                        (f / p).round_ties_even() * p
                    } else {
                        0.0_f64.copysign(f)
                    }))
                }
            }
        }),
        ("format", |me, a| {
            let v = a.pos.first().cloned().unwrap_or(Value::None);
            let spec = match a.pos.get(1) {
                Some(Value::Str(s)) => s.to_string(),
                Some(other) => {
                    let msg = format!("format() argument 2 must be str, not {}", other.type_name());
                    return Err(me.exc("TypeError", msg));
                }
                None => String::new(),
            };
            Ok(Value::str(&me.format_value(&v, &spec)?))
        }),
        ("input", |me, _| {
            Err(me.exc("RuntimeError", "input() is not supported by floe"))
        }),
        ("super", |me, a| {
            let [c, this] = me.exact::<2>("super", a)?;
            me.new_super(c, this)
        }),
        ("vars", |me, a| {
            let [v] = me.exact::<1>("vars", a)?;
            match me.getattr(&v, "__dict__") {
                Err(Flow::Exc(e)) if me.exc_is(&e.value, "AttributeError") => {
                    Err(me.exc("TypeError", "vars() argument must have __dict__ attribute"))
                }
                other => other,
            }
        }),
        ("reversed", |me, a| {
            let [v] = me.exact::<1>("reversed", a)?;
            // A class's own `__reversed__` first; a built-in type's subclass reverses its
            // base value, as the built-in's `__reversed__` does (not through `__iter__`).
            match me.special(&v, "__reversed__") {
                // `__reversed__ = None` declares the class not reversible.
                Some(Value::None) => {
                    return Err(me.exc(
                        "TypeError",
                        format!("'{}' object is not reversible", v.type_name()),
                    ))
                }
                Some(f) => return me.call_special(f, &v, []),
                None => {}
            }
            let v = crate::subclass::base_value(&v).unwrap_or(v);
            let mut items = me.collect(&v)?;
            items.reverse();
            Ok(me.new_iterator(List::new(items).into()))
        }),
        ("iter", |me, a| {
            let [v] = me.exact::<1>("iter", a)?;
            me.iter_value(&v)
        }),
    ];
    let twos: &[(&'static str, TwoFn)] = &[
        ("isinstance", |me, v, t| {
            Ok(Value::Bool(me.isinstance(&v, &t)?))
        }),
        ("issubclass", |me, c, t| {
            let Some(c) = class_arg(&c) else {
                return Err(me.exc("TypeError", "issubclass() arg 1 must be a class"));
            };
            // A tuple of classes (nested tuples too): a subclass of any of them, tried
            // left to right (a non-class after a match is never seen, as in CPython).
            let mut pending = vec![t];
            while let Some(t) = pending.pop() {
                if let Some(items) = t.as_obj().and_then(|o| Tuple::try_from(o.clone()).ok()) {
                    pending.extend(items.to_vec().into_iter().rev());
                    continue;
                }
                let Some(t) = class_arg(&t) else {
                    return Err(me.exc(
                        "TypeError",
                        "issubclass() arg 2 must be a class, a tuple of classes, or a union",
                    ));
                };
                // bool is a subclass of int.
                let bool_int = c.as_obj().ptr_eq(types().class("bool").as_obj())
                    && t.as_obj().ptr_eq(types().class("int").as_obj());
                if c.is_subclass(&t) || bool_int {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }),
        ("delattr", |me, o, n| {
            let name = me.attr_name(&n)?;
            me.delattr(&o, &name)?;
            Ok(Value::None)
        }),
        ("hasattr", |me, o, n| {
            let name = me.attr_name(&n)?;
            match me.getattr(&o, &name) {
                Ok(_) => Ok(Value::Bool(true)),
                Err(Flow::Exc(e)) if e.value.type_name() == "AttributeError" => {
                    Ok(Value::Bool(false))
                }
                Err(other) => Err(other),
            }
        }),
        ("divmod", |me, x, y| {
            let q = me.binary(rustpython_parser::ast::Operator::FloorDiv, &x, &y)?;
            let r = me.binary(rustpython_parser::ast::Operator::Mod, &x, &y)?;
            Ok(Tuple::new([q, r]).into())
        }),
    ];
    let ones: &[(&'static str, OneFn)] = &[
        ("len", |me, v| Ok(Value::Int(me.len(&v)? as i64))),
        ("repr", |me, v| Ok(Value::str(&me.repr(&v)?))),
        ("id", |me, v| {
            Ok(Value::Int(match &v {
                Value::Obj(o) => o.id() as i64,
                other => me.hash(other)?,
            }))
        }),
        ("hash", |me, v| Ok(Value::Int(me.hash(&v)?))),
        ("abs", |me, v| {
            let v = crate::subclass::base_value(&v).unwrap_or(v);
            match &v {
                Value::Float(f) => Ok(Value::Float(f.abs())),
                _ => match as_big(&v) {
                    Some(i) => Ok(int_value(if i < BigInt::from(0) { -i } else { i })),
                    None => Err(me.exc(
                        "TypeError",
                        format!("bad operand type for abs(): '{}'", v.type_name()),
                    )),
                },
            }
        }),
        ("any", |me, v| {
            let mut it = me.iter(&v)?;
            while let Some(x) = me.next(&mut it)? {
                if me.truthy(&x)? {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }),
        ("all", |me, v| {
            let mut it = me.iter(&v)?;
            while let Some(x) = me.next(&mut it)? {
                if !me.truthy(&x)? {
                    return Ok(Value::Bool(false));
                }
            }
            Ok(Value::Bool(true))
        }),
        ("callable", |me, v| {
            let yes = match &v {
                Value::Obj(o) => match o.kind() {
                    Kind::Function => !crate::vm::is_suspendable(o),
                    Kind::Class => true,
                    Kind::Native => {
                        o.native::<crate::runtime::BuiltinBody>().is_some()
                            || o.native::<crate::methods::UnboundBody>().is_some()
                    }
                    Kind::Instance => {
                        let n = o.class_of().and_then(|c| types().builtin_name(c.as_obj()));
                        matches!(n, Some("method" | "method-wrapper"))
                            || me.special(&v, "__call__").is_some()
                    }
                    _ => false,
                },
                _ => false,
            };
            Ok(Value::Bool(yes))
        }),
        ("chr", |me, v| {
            let i = me.index_of(&v)?;
            match u32::try_from(i).ok().and_then(char::from_u32) {
                Some(c) => Ok(Value::str(c.encode_utf8(&mut [0; 4]))),
                None => Err(me.exc("ValueError", "chr() arg not in range(0x110000)")),
            }
        }),
        ("ord", |me, v| match &v {
            Value::Str(s) if s.chars().count() == 1 => {
                Ok(Value::Int(s.chars().next().expect("one") as i64))
            }
            Value::Str(s) => Err(me.exc(
                "TypeError",
                format!(
                    "ord() expected a character, but string of length {} found",
                    s.chars().count()
                ),
            )),
            _ => Err(me.exc(
                "TypeError",
                format!(
                    "ord() expected string of length 1, but {} found",
                    v.type_name()
                ),
            )),
        }),
    ];
    let mut t: FastMap<&'static str, Value> = fns
        .iter()
        .map(|&(n, f)| (n, builtin(n, f)))
        .chain(
            ones.iter()
                .map(|&(n, f)| (n, builtin_entry(n, Entry::One(f)))),
        )
        .chain(
            twos.iter()
                .map(|&(n, f)| (n, builtin_entry(n, Entry::Two(f)))),
        )
        .collect();
    for name in types().names() {
        if !matches!(
            name,
            "NoneType"
                | "NotImplementedType"
                | "ellipsis"
                | "function"
                | "builtin_function_or_method"
                | "method"
                | "method-wrapper"
                | "cell"
                | "module"
                | "iterator"
                | "generator"
                | "code"
                | "Region"
                | "Cown"
                | "super"
        ) {
            t.insert(name, types().get(name).into());
        }
    }
    t.insert("NotImplemented", crate::ops::not_implemented());
    t.insert("Ellipsis", crate::ops::ellipsis());
    t.into_iter().collect()
}

/// `print(*values, sep=' ', end='\n', file=None, flush=False)`: to standard output, or
/// through `file.write` for any object that has it.
fn print(me: &mut Interp, a: Args) -> Res<Value> {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut file = Value::None;
    let mut flush = false;
    for (k, v) in &a.kw {
        match k.as_str() {
            "sep" | "end" => {
                let text = match v {
                    Value::None => None,
                    Value::Str(s) => Some(s.to_string()),
                    other => {
                        let msg =
                            format!("{k} must be None or a string, not {}", other.type_name());
                        return Err(me.exc("TypeError", msg));
                    }
                };
                if k == "sep" {
                    sep = text.unwrap_or_else(|| " ".into());
                } else {
                    end = text.unwrap_or_else(|| "\n".into());
                }
            }
            "file" => file = v.clone(),
            "flush" => flush = me.truthy(v)?,
            other => {
                return Err(me.exc(
                    "TypeError",
                    format!("'{other}' is an invalid keyword argument for print()"),
                ))
            }
        }
    }
    let parts = a
        .pos
        .iter()
        .map(|v| me.str_of(v))
        .collect::<Res<Vec<_>>>()?;
    if matches!(file, Value::None) {
        let line = parts.join(&sep) + &end;
        me.write_out(&line);
        return Ok(Value::None);
    }
    // As CPython: each value, separator and the end is one `write` call.
    let write = me.getattr(&file, "write")?;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            me.call(&write, Args::of(vec![Value::str(&sep)]))?;
        }
        me.call(&write, Args::of(vec![Value::str(p)]))?;
    }
    me.call(&write, Args::of(vec![Value::str(&end)]))?;
    if flush {
        me.call_method(&file, "flush", Args::default())?;
    }
    Ok(Value::None)
}

fn class_arg(v: &Value) -> Option<Class> {
    v.as_obj().and_then(|o| Class::try_from(o.clone()).ok())
}

fn sort_options(me: &mut Interp, kw: &[(String, Value)]) -> Res<(Option<Value>, bool)> {
    let mut key = None;
    let mut reverse = false;
    for (k, v) in kw {
        match k.as_str() {
            "key" if !matches!(v, Value::None) => key = Some(v.clone()),
            "key" => {}
            "reverse" => reverse = me.truthy(v)?,
            other => {
                return Err(me.exc(
                    "TypeError",
                    format!("'{other}' is an invalid keyword argument for sort()"),
                ))
            }
        }
    }
    Ok((key, reverse))
}

fn min_max(me: &mut Interp, a: Args, min: bool) -> Res<Value> {
    let name = if min { "min" } else { "max" };
    let items = if a.pos.len() == 1 {
        me.collect(&a.pos[0])?
    } else {
        a.pos.clone()
    };
    let (key, _) = sort_options(
        me,
        &a.kw
            .iter()
            .filter(|(k, _)| k != "default")
            .cloned()
            .collect::<Vec<_>>(),
    )?;
    let default =
        a.kw.iter()
            .find(|(k, _)| k == "default")
            .map(|(_, v)| v.clone());
    let mut best: Option<(Value, Value)> = None;
    for x in items {
        let k = match &key {
            Some(f) => me.call(f, Args::of(vec![x.clone()]))?,
            None => x.clone(),
        };
        let better = match &best {
            None => true,
            Some((bk, _)) => {
                let op = if min {
                    rustpython_parser::ast::CmpOp::Lt
                } else {
                    rustpython_parser::ast::CmpOp::Gt
                };
                me.compare(op, &k, bk)?
            }
        };
        if better {
            best = Some((k, x));
        }
    }
    match (best, default) {
        (Some((_, x)), _) => Ok(x),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(me.exc("ValueError", format!("{name}() arg is an empty sequence"))),
    }
}

impl Interp {
    /// Exactly `N` positional arguments and no keywords.
    pub(crate) fn exact<const N: usize>(&mut self, name: &str, a: Args) -> Res<[Value; N]> {
        if !a.kw.is_empty() {
            return Err(self.exc("TypeError", format!("{name}() takes no keyword arguments")));
        }
        let n = a.pos.len();
        a.pos.try_into().map_err(|_| {
            self.exc(
                "TypeError",
                format!(
                    "{name}() takes exactly {N} argument{} ({n} given)",
                    if N == 1 { "" } else { "s" }
                ),
            )
        })
    }

    /// A `str` argument.
    pub(crate) fn str_arg(&mut self, v: &Value) -> Res<String> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            _ => Err(self.exc("TypeError", format!("expected str, got {}", v.type_name()))),
        }
    }

    /// An attribute name (`getattr`, `setattr`, `hasattr`): a `str`, or CPython's
    /// `TypeError` naming what it got.
    pub(crate) fn attr_name(&mut self, v: &Value) -> Res<String> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            _ => Err(self.exc(
                "TypeError",
                format!("attribute name must be string, not '{}'", v.type_name()),
            )),
        }
    }

    /// `isinstance(v, t)` (`t` a class or a tuple of classes).
    pub(crate) fn isinstance(&mut self, v: &Value, t: &Value) -> Res<bool> {
        if let Some(tuple) = t.as_obj().and_then(|o| Tuple::try_from(o.clone()).ok()) {
            for c in tuple.to_vec() {
                if self.isinstance(v, &c)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        let Some(target) = class_arg(t) else {
            return Err(self.exc(
                "TypeError",
                "isinstance() arg 2 must be a type or tuple of types",
            ));
        };
        let own = self.class_of(v);
        if own.is_subclass(&target) {
            return Ok(true);
        }
        // bool is a subclass of int.
        if matches!(v, Value::Bool(_)) && target.as_obj().ptr_eq(types().class("int").as_obj()) {
            return Ok(true);
        }
        // A user class may answer through its stand-in metaclass (`collections.abc`).
        match self.special(t, "__instancecheck__") {
            Some(f) => {
                let r = self.call(&f, Args::of(vec![t.clone(), v.clone()]))?;
                self.truthy(&r)
            }
            None => Ok(false),
        }
    }

    /// Sorts values by Python's `<` (or by `key`), stably.
    pub(crate) fn sorted(
        &mut self,
        items: Vec<Value>,
        key: Option<Value>,
        reverse: bool,
    ) -> Res<Vec<Value>> {
        // A reverse sort is stable as Python's: reversed, sorted, reversed back.
        let mut items = items;
        if reverse {
            items.reverse();
        }
        let computed = match &key {
            Some(f) => Some(
                items
                    .iter()
                    .map(|x| self.call(f, Args::of(vec![x.clone()])))
                    .collect::<Res<Vec<Value>>>()?,
            ),
            None => None,
        };
        // Without a key function the items are their own keys (no copy made).
        let keys = computed.as_deref().unwrap_or(&items);
        let order = match primitive_positions(keys) {
            Some(order) => order,
            None => sorted_positions(keys.len(), |i, j| {
                self.compare(rustpython_parser::ast::CmpOp::Lt, &keys[i], &keys[j])
            })?,
        };
        let mut slots: Vec<Option<Value>> = items.into_iter().map(Some).collect();
        let mut out: Vec<Value> = order
            .into_iter()
            .map(|i| slots[i].take().expect("a permutation"))
            .collect();
        if reverse {
            out.reverse();
        }
        Ok(out)
    }
}

/// `hex(i)`, `oct(i)`, `bin(i)`: an int (of any size) in base `radix` with Python's
/// prefix, the sign before it.
fn radix_literal(me: &mut Interp, a: Args, name: &str, radix: u32, prefix: &str) -> Res<Value> {
    let [v] = me.exact::<1>(name, a)?;
    let Some(i) = as_big(&v) else {
        return Err(me.exc(
            "TypeError",
            format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            ),
        ));
    };
    let (sign, magnitude) = if i < BigInt::from(0) {
        ("-", -i)
    } else {
        ("", i)
    };
    Ok(Value::str(&format!(
        "{sign}{prefix}{}",
        magnitude.to_str_radix(radix)
    )))
}

/// Calls a built-in type: `int("3")`, `list(x)`, `frozendict(a=1)`, …
/// `round(i, d)` of an integer: itself for `d >= 0`, else rounded to a multiple of
/// `10**-d`, ties to even (Python's `int.__round__`).
fn round_int(me: &mut Interp, x: &Value, d: i64) -> Res<Value> {
    let Some(i) = as_big(x) else {
        return Err(me.exc("TypeError", "round() of a non-number"));
    };
    if d >= 0 {
        return Ok(int_value(i));
    }
    let q = BigInt::from(10).pow(u32::try_from(-d).unwrap_or(u32::MAX).min(4_000));
    let (quot, rem) = (&i / &q, &i % &q);
    // Truncated division: bring the remainder to [0, q) with a floor quotient.
    let (mut quot, rem) = if rem < BigInt::from(0) {
        (quot - BigInt::from(1), rem + &q)
    } else {
        (quot, rem)
    };
    let twice = &rem * BigInt::from(2);
    if twice > q || (twice == q && &quot % BigInt::from(2) != BigInt::from(0)) {
        quot += BigInt::from(1);
    }
    Ok(int_value(quot * q))
}

/// `int(text, base)` by Python's rules: surrounding whitespace, a sign, then digits of
/// `base` (2..=36) with single underscores between them; base 0 reads a `0x`/`0o`/`0b`
/// prefix (else decimal, where a leading zero allows only zeros), and base 16, 8 or 2
/// accepts its own prefix. An underscore may follow a prefix. `None`: not a literal.
fn parse_int(text: &str, base: u32) -> Option<BigInt> {
    let t = text.trim();
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let prefixed = |p: char| {
        let b = t.as_bytes();
        (b.len() >= 2 && b[0] == b'0' && b[1].eq_ignore_ascii_case(&(p as u8))).then(|| &t[2..])
    };
    let found = [('x', 16), ('o', 8), ('b', 2)]
        .into_iter()
        .find_map(|(p, b)| {
            prefixed(p)
                .filter(|_| base == 0 || base == b)
                .map(|rest| (rest, b))
        });
    let (digits, base) = match (found, base) {
        (Some((rest, b)), _) => (rest.strip_prefix('_').unwrap_or(rest), b),
        (None, 0) => {
            // Decimal; "0", "00" and "0_0" are zero, "010" is refused as in Python 3.
            if t.starts_with('0') && t.chars().any(|c| c != '0' && c != '_') {
                return None;
            }
            (t, 10)
        }
        (None, b) => (t, b),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let mut ascii = Vec::with_capacity(digits.len());
    for c in digits.chars().filter(|&c| c != '_') {
        // Python accepts every Unicode decimal digit; `to_digit` covers ASCII, and other
        // scripts' decimal digits map through their numeric value.
        let d = c
            .to_digit(base)
            .or_else(|| unicode_decimal(c).filter(|&d| d < base))?;
        ascii.push(char::from_digit(d, base)? as u8);
    }
    let n = BigInt::parse_bytes(&ascii, base)?;
    Some(if neg { -n } else { n })
}

/// The value of a non-ASCII Unicode decimal digit (Arabic-Indic, Devanagari, fullwidth,
/// ...): such digits come in runs of ten starting at a code point that ends in 0 (hex) or
/// 6, so this checks the common blocks by their zero.
fn unicode_decimal(c: char) -> Option<u32> {
    const ZEROS: [u32; 12] = [
        0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
        0xFF10,
    ];
    let c = c as u32;
    ZEROS
        .iter()
        .find(|&&z| (z..z + 10).contains(&c))
        .map(|z| c - z)
}

pub(crate) fn construct(me: &mut Interp, name: &str, a: Args) -> Res<Value> {
    if name == "Cown" {
        // Before any copy of the argument: a region moves only if this is its one handle.
        return me.new_cown(a);
    }
    let first = a.pos.first().cloned();
    // `int(x)` and `float(x)` of an instance of a subclass of a built-in type convert
    // its base value.
    let first = match (name, first) {
        ("int" | "float", Some(v)) => Some(crate::subclass::base_value(&v).unwrap_or(v)),
        (_, first) => first,
    };
    match name {
        "object" => Ok(crate::floe_api::new_plain_object(me)),
        "map" => crate::lazy::map(me, a),
        "filter" => crate::lazy::filter(me, a),
        "zip" => crate::lazy::zip(me, a),
        "enumerate" => crate::lazy::enumerate(me, a),
        "type" => {
            let [v] = me.exact::<1>("type", a)?;
            Ok(me.type_of(&v))
        }
        "int" => match first {
            None => Ok(Value::Int(0)),
            Some(Value::Float(f)) => {
                if !f.is_finite() {
                    return Err(me.exc(
                        "ValueError",
                        "cannot convert float NaN or infinity to integer",
                    ));
                }
                Ok(int_of_float(f).expect("finite: checked above"))
            }
            Some(Value::Str(s)) => {
                let base = match a.pos.get(1) {
                    Some(b) => me.index_of(b)?,
                    None => 10,
                };
                let base = match u32::try_from(base) {
                    Ok(b @ (0 | 2..=36)) => b,
                    _ => {
                        return Err(me.exc("ValueError", "int() base must be >= 2 and <= 36, or 0"))
                    }
                };
                parse_int(&s, base).map(int_value).ok_or_else(|| {
                    me.exc(
                        "ValueError",
                        format!(
                            "invalid literal for int() with base {base}: {}",
                            crate::text::str_repr(&s)
                        ),
                    )
                })
            }
            Some(_) if a.pos.len() > 1 => Err(me.exc(
                "TypeError",
                "int() can't convert non-string with explicit base",
            )),
            Some(v) => match as_big(&v) {
                Some(i) => Ok(int_value(i)),
                // A user class converts itself (`__int__`, else `__index__`).
                None if me.special(&v, "__int__").is_some() => me.call_method(&v, "__int__", Args::default()),
                None if me.special(&v, "__index__").is_some() => me.call_method(&v, "__index__", Args::default()),
                None => Err(me.exc(
                    "TypeError",
                    format!(
                        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                        v.type_name()
                    ),
                )),
            },
        },
        "float" => match first {
            None => Ok(Value::Float(0.0)),
            Some(Value::Str(s)) => {
                let t = s.trim().to_lowercase();
                let parsed = match t.as_str() {
                    "inf" | "+inf" | "infinity" => Some(f64::INFINITY),
                    "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
                    "nan" => Some(f64::NAN),
                    _ => t.parse::<f64>().ok(),
                };
                parsed.map(Value::Float).ok_or_else(|| {
                    me.exc(
                        "ValueError",
                        format!(
                            "could not convert string to float: {}",
                            crate::text::str_repr(&s)
                        ),
                    )
                })
            }
            Some(v) => as_f64(&v).map(Value::Float).ok_or_else(|| {
                me.exc(
                    "TypeError",
                    format!(
                        "float() argument must be a string or a real number, not '{}'",
                        v.type_name()
                    ),
                )
            }),
        },
        "str" => match first {
            None => Ok(Value::str("")),
            Some(v) => Ok(Value::str(&me.str_of(&v)?)),
        },
        "bool" => match first {
            None => Ok(Value::Bool(false)),
            Some(v) => Ok(Value::Bool(me.truthy(&v)?)),
        },
        "list" => Ok(List::new(match first {
            None => Vec::new(),
            Some(v) => me.collect(&v)?,
        })
        .into()),
        "tuple" => Ok(Tuple::new(match first {
            None => Vec::new(),
            Some(v) => me.collect(&v)?,
        })
        .into()),
        "set" => {
            let items = match first {
                None => Vec::new(),
                Some(v) => me.collect(&v)?,
            };
            Ok(me.new_set(items)?.into())
        }
        "frozenset" => {
            if let Some(v) = &first {
                if kind_name(v) == Some("frozenset") {
                    return Ok(v.clone());
                }
            }
            let items = match first {
                None => Vec::new(),
                Some(v) => me.collect(&v)?,
            };
            me.new_frozenset(items)
        }
        "bytes" => {
            let data = me.bytes_from(name, a)?;
            Ok(crate::bytes::new_bytes(data))
        }
        "bytearray" => {
            let data = me.bytes_from(name, a)?;
            Ok(crate::bytes::new_bytearray(data))
        }
        "dict" => {
            let pairs = dict_pairs(me, a)?;
            Ok(me.new_dict(pairs)?.into())
        }
        "frozenlist" => {
            if let Some(v) = &first {
                if Interp::frozenlist_of(v).is_some() {
                    return Ok(v.clone());
                }
            }
            let items = match first {
                None => Vec::new(),
                Some(v) => me.collect(&v)?,
            };
            me.new_frozenlist(items)
        }
        "frozendict" => {
            if let (Some(v), true) = (&first, a.kw.is_empty() && a.pos.len() == 1) {
                if Interp::frozendict_of(v).is_some() {
                    return Ok(v.clone());
                }
            }
            let pairs = dict_pairs(me, a)?;
            me.new_frozendict(pairs)
        }
        "range" => {
            let ints = a
                .pos
                .iter()
                .map(|v| me.index_of(v))
                .collect::<Res<Vec<_>>>()?;
            let (start, stop, step) = match ints.as_slice() {
                [stop] => (0, *stop, 1),
                [start, stop] => (*start, *stop, 1),
                [start, stop, step] => (*start, *stop, *step),
                _ => {
                    return Err(me.exc(
                        "TypeError",
                        format!("range expected 1 to 3 arguments, got {}", ints.len()),
                    ))
                }
            };
            if step == 0 {
                return Err(me.exc("ValueError", "range() arg 3 must not be zero"));
            }
            Ok(Value::Obj(ObjRef::new_native(RangeBody {
                start,
                stop,
                step,
            })))
        }
        "slice" => crate::slices::construct(me, a),
        "Region" => crate::floe_api::new_region(me, a),
        "staticmethod" | "classmethod" | "property" => {
            let [f] = me.exact::<1>(name, a)?;
            let wrapper = floe_core::Instance::new(&types().class(name));
            wrapper
                .set_attr("__func__", f)
                .expect("a new instance accepts attributes");
            Ok(wrapper.into())
        }
        other => Err(me.exc("TypeError", format!("cannot create '{other}' instances"))),
    }
}

/// The pairs of `dict(...)` / `frozendict(...)` / `d.update(...)`: a mapping or iterable of pairs, then
/// keyword arguments.
pub(crate) fn dict_pairs(me: &mut Interp, a: Args) -> Res<Vec<(Value, Value)>> {
    let mut pairs = Vec::new();
    if let Some(src) = a.pos.first() {
        let base = crate::subclass::base_value(src);
        if matches!(
            kind_name(base.as_ref().unwrap_or(src)),
            Some("dict" | "frozendict")
        ) {
            pairs = me.mapping_items(src)?;
        } else {
            for item in me.collect(src)? {
                let kv = me.collect(&item)?;
                let [k, v]: [Value; 2] = kv.try_into().map_err(|_| {
                    me.exc(
                        "ValueError",
                        "dictionary update sequence element has the wrong length; 2 is required",
                    )
                })?;
                pairs.push((k, v));
            }
        }
    }
    for (k, v) in a.kw {
        pairs.push((Value::str(&k), v));
    }
    Ok(pairs)
}

/// The stable sorted order of keys that are all ints, all strs or all floats with no NaN
/// (a total order, so Rust's sort applies and no special method can run); `None`
/// otherwise.
fn primitive_positions(keys: &[Value]) -> Option<Vec<usize>> {
    let first = keys.first()?;
    let same_kind = |k: &Value| match (first, k) {
        (Value::Int(_), Value::Int(_)) | (Value::Str(_), Value::Str(_)) => true,
        (Value::Float(_), Value::Float(y)) => !y.is_nan(),
        _ => false,
    };
    if !keys.iter().all(same_kind) {
        return None;
    }
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&i, &j| {
        crate::ops::primitive_order(&keys[i], &keys[j]).expect("keys of one primitive kind")
    });
    Some(order)
}
