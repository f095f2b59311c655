//! The built-in types, shared by every interpreter thread: frozen classes made once per
//! process (semantics §2: "built-in types are frozen from the start"), and the native
//! objects the interpreter adds to the object model (big integers, ranges, built-in
//! functions, code).

use std::collections::HashMap;

/// The interpreter's maps hash with foldhash (fast; keys are names and ids, not
/// attacker-chosen).
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
use std::sync::{Arc, OnceLock};

use floe_core::{freeze_component, Class, CoreError, Frozen, Key, NativeBody, ObjRef, Value};
use malachite_bigint::BigInt;

use crate::interp::{Args, Interp};
use crate::syntax::{Code, Module};
use crate::Res;

/// The exception classes, each with its base (semantics §2–§4 for the floe ones).
const EXCEPTIONS: &[(&str, &str)] = &[
    ("BaseException", "object"),
    ("Exception", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("SystemExit", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("MemoryError", "Exception"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("RuntimeError", "Exception"),
    ("OSError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("RegionError", "RuntimeError"),
    ("IsolationError", "RegionError"),
    ("StopIteration", "Exception"),
    ("GeneratorExit", "BaseException"),
    ("TypeError", "Exception"),
    ("NotFreezableError", "TypeError"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("ImportError", "Exception"),
    ("SyntaxError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
];

/// The built-in classes that are not exceptions. Instances of most are not `Instance`
/// objects (an `int` is an immediate, a `list` a list); the class stands for the type.
const TYPES: &[&str] = &[
    "type",
    "NoneType",
    "NotImplementedType",
    "ellipsis",
    "slice",
    "bool",
    "int",
    "float",
    "str",
    "list",
    "tuple",
    "dict",
    "set",
    "frozenset",
    "bytes",
    "bytearray",
    "frozenlist",
    "frozendict",
    "range",
    "function",
    "builtin_function_or_method",
    "method",
    "method-wrapper",
    "cell",
    "module",
    "iterator",
    "generator",
    "super",
    "Region",
    "code",
    "Cown",
    "staticmethod",
    "classmethod",
    "property",
];

/// Every built-in class, by name, frozen and shareable.
pub(crate) struct Types {
    by_name: FastMap<&'static str, Frozen>,
    by_id: FastMap<usize, &'static str>,
    /// The identity of the built-in `super` class (asked of every attribute read).
    pub(crate) super_id: usize,
    /// The built-in `generator` class: every generator made takes it, without a search
    /// by name.
    generator: Frozen,
    /// The identity of the built-in `bytearray` class (the one built-in type whose values
    /// are instances and dispatch as a kind: `ops::kind_name`).
    pub(crate) bytearray_id: usize,
    /// The identity of the built-in `iterator` class (iterators over a sequence).
    pub(crate) iterator_id: usize,
    /// The identities of the lazy iterator classes (`map`, `filter`, `zip`, `enumerate`,
    /// `itertools`' iterators: [`crate::lazy::CLASSES`]).
    pub(crate) lazy_ids: Vec<usize>,
}

impl Types {
    fn build() -> Types {
        let mut by_name: FastMap<&'static str, Frozen> = FastMap::default();
        let mut make = |name: &'static str, base: Option<&str>| {
            let bases: Vec<Class> = base
                .map(|b| Class::try_from(by_name[b].get().clone()).expect("a class"))
                .into_iter()
                .collect();
            let c = Class::new(name, &bases);
            freeze_component(std::slice::from_ref(c.as_obj())).expect("a new class freezes");
            // Immortal: creating an instance or binding a method clones its class, on every
            // worker; no count traffic on these shared cache lines (RFC-0001 §4 rule 12a).
            let class = Frozen::try_from(c.into_obj())
                .expect("frozen")
                .into_immortal();
            by_name.insert(name, class);
        };
        make("object", None);
        for &t in TYPES.iter().chain(crate::lazy::CLASSES) {
            make(t, Some("object"));
        }
        for &(e, base) in EXCEPTIONS {
            make(e, Some(base));
        }
        let by_id = by_name.iter().map(|(&n, f)| (f.get().id(), n)).collect();
        let super_id = by_name["super"].get().id();
        let generator = by_name["generator"].clone();
        let bytearray_id = by_name["bytearray"].get().id();
        let iterator_id = by_name["iterator"].get().id();
        let lazy_ids = crate::lazy::CLASSES
            .iter()
            .map(|n| by_name[n].get().id())
            .collect();
        Types {
            by_name,
            by_id,
            super_id,
            generator,
            bytearray_id,
            iterator_id,
            lazy_ids,
        }
    }

    /// The built-in class `name` (a new reference).
    ///
    /// # Panics
    /// If there is no such built-in class (a bug in the interpreter).
    pub(crate) fn get(&self, name: &str) -> ObjRef {
        self.by_name
            .get(name)
            .unwrap_or_else(|| panic!("no built-in class {name}"))
            .get()
            .clone()
    }

    /// The identity of the built-in `generator` class.
    pub(crate) fn generator_id(&self) -> usize {
        self.generator.get().id()
    }

    /// The built-in `generator` class.
    pub(crate) fn generator(&self) -> Class {
        Class::try_from(self.generator.get().clone()).expect("built-in classes are classes")
    }

    /// The built-in class `name` as a typed handle.
    pub(crate) fn class(&self, name: &str) -> Class {
        Class::try_from(self.get(name)).expect("built-in classes are classes")
    }

    /// The name of a built-in class, or `None` for a user class.
    pub(crate) fn builtin_name(&self, class: &ObjRef) -> Option<&'static str> {
        self.by_id.get(&class.id()).copied()
    }

    /// The names of every built-in class.
    pub(crate) fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.by_name.keys().copied()
    }
}

/// The process's built-in classes.
pub(crate) fn types() -> &'static Types {
    static TYPES: OnceLock<Types> = OnceLock::new();
    TYPES.get_or_init(Types::build)
}

/// An integer too large for 64 bits (semantics §7: `int` has arbitrary precision). Always
/// normalised: a value that fits an `i64` is a `Value::Int` instead.
pub(crate) struct BigIntBody(pub BigInt);

impl NativeBody for BigIntBody {
    fn type_name(&self) -> &'static str {
        "int"
    }
    fn for_each_value(&self, _: &mut dyn FnMut(&Value)) {}
    fn key_hash(&self) -> Result<u64, CoreError> {
        Ok(Key::new(Value::str(&self.0.to_string()))?.hash_code())
    }
    fn key_eq(&self, other: &dyn NativeBody) -> bool {
        (other as &dyn std::any::Any)
            .downcast_ref::<BigIntBody>()
            .is_some_and(|o| o.0 == self.0)
    }
}

/// `range(start, stop, step)`: immutable, so a native object.
pub(crate) struct RangeBody {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeBody {
    /// The number of elements.
    /// The number of elements, saturating at `i64::MAX` (a range of 64-bit bounds can
    /// be longer: [`RangeBody::len_wide`]).
    pub(crate) fn len(&self) -> i64 {
        i64::try_from(self.len_wide()).unwrap_or(i64::MAX)
    }

    /// The number of elements, exactly.
    pub(crate) fn len_wide(&self) -> i128 {
        let (start, stop, step) = (
            i128::from(self.start),
            i128::from(self.stop),
            i128::from(self.step),
        );
        let (lo, hi, step) = if step > 0 {
            (start, stop, step)
        } else {
            (stop, start, -step)
        };
        if hi <= lo {
            0
        } else {
            (hi - lo - 1) / step + 1
        }
    }

    /// The element at `index` (0-based, in range), exactly.
    pub(crate) fn at(&self, index: i128) -> i128 {
        i128::from(self.start) + index * i128::from(self.step)
    }
}

impl NativeBody for RangeBody {
    fn type_name(&self) -> &'static str {
        "range"
    }
    fn for_each_value(&self, _: &mut dyn FnMut(&Value)) {}
}

/// A built-in function's entry point.
pub(crate) type BuiltinFn = fn(&mut Interp, Args) -> Res<Value>;

/// The entry point of a built-in function that takes exactly one positional argument
/// (`len`, `abs`, …): a call with one argument reaches it with no argument vector made.
pub(crate) type OneFn = fn(&mut Interp, Value) -> Res<Value>;

/// As [`OneFn`], for exactly two (`isinstance`, `divmod`, …).
pub(crate) type TwoFn = fn(&mut Interp, Value, Value) -> Res<Value>;

/// How a built-in function is entered.
#[derive(Clone, Copy)]
pub(crate) enum Entry {
    Args(BuiltinFn),
    One(OneFn),
    Two(TwoFn),
}

/// A built-in function (`len`, `freeze`, …): frozen, shared by every thread.
pub(crate) struct BuiltinBody {
    pub name: &'static str,
    pub entry: Entry,
}

impl BuiltinBody {
    /// Calls it with `args`. A function of fixed arity refuses any other number, and
    /// keywords, in the words of CPython's builtins of that arity.
    pub(crate) fn call(&self, me: &mut Interp, args: Args) -> Res<Value> {
        let name = self.name;
        if let Entry::Args(f) = self.entry {
            return f(me, args);
        }
        if !args.kw.is_empty() {
            return Err(me.exc("TypeError", format!("{name}() takes no keyword arguments")));
        }
        let n = args.pos.len();
        let mut pos = args.pos.into_iter();
        match (self.entry, pos.next(), pos.next(), pos.next()) {
            (Entry::One(f), Some(v), None, _) => f(me, v),
            (Entry::Two(f), Some(a), Some(b), None) => f(me, a, b),
            (Entry::One(_), ..) => Err(me.exc(
                "TypeError",
                format!("{name}() takes exactly one argument ({n} given)"),
            )),
            _ => Err(me.exc("TypeError", format!("{name} expected 2 arguments, got {n}"))),
        }
    }

    /// Its fixed-arity entry, if it has one taking `argc` arguments.
    pub(crate) fn fixed(&self, argc: u32) -> Option<Entry> {
        match (self.entry, argc) {
            (Entry::One(_), 1) | (Entry::Two(_), 2) => Some(self.entry),
            _ => None,
        }
    }
}

impl NativeBody for BuiltinBody {
    fn type_name(&self) -> &'static str {
        "builtin_function_or_method"
    }
    fn for_each_value(&self, _: &mut dyn FnMut(&Value)) {}
    fn key_hash(&self) -> Result<u64, CoreError> {
        Ok(Key::new(Value::str(self.name))?.hash_code())
    }
    fn key_eq(&self, other: &dyn NativeBody) -> bool {
        (other as &dyn std::any::Any)
            .downcast_ref::<BuiltinBody>()
            .is_some_and(|o| o.name == self.name)
    }
}

/// The code of a function, lambda or class body, with the module it came from (where the
/// definitions inside it are found): what a function object runs, on any thread.
pub(crate) struct CodeBody(pub Arc<Code>, pub Arc<Module>);

impl NativeBody for CodeBody {
    fn type_name(&self) -> &'static str {
        "code"
    }
    fn for_each_value(&self, _: &mut dyn FnMut(&Value)) {}
}

/// A new module object named `name` holding the built-in functions `fns`.
pub(crate) fn new_module(name: &str, fns: &[(&'static str, BuiltinFn)]) -> floe_core::Instance {
    let m = floe_core::Instance::new(&types().class("module"));
    m.set_attr("__name__", Value::str(name))
        .expect("a new module accepts attributes");
    for &(n, f) in fns {
        m.set_attr(n, builtin(n, f))
            .expect("a new module accepts attributes");
    }
    m
}

/// A new built-in function object.
pub(crate) fn builtin(name: &'static str, f: BuiltinFn) -> Value {
    builtin_entry(name, Entry::Args(f))
}

/// A new built-in function object entered through `entry` (a fixed-arity one is
/// [`Entry::One`] or [`Entry::Two`]).
pub(crate) fn builtin_entry(name: &'static str, entry: Entry) -> Value {
    Value::Obj(ObjRef::new_native(BuiltinBody { name, entry }))
}

/// `v` is the built-in function named `name` (not a script's rebinding of the name).
pub(crate) fn is_builtin(v: &Value, name: &str) -> bool {
    v.as_obj()
        .and_then(|o| o.native::<BuiltinBody>())
        .is_some_and(|b| b.name == name)
}
