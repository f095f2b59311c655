//! Subclasses of the built-in types, and the live `__dict__` view (RFC-0006 §10).
//!
//! An instance of `class Stack(list)` is an ordinary instance (its own attributes, its
//! class's methods) that carries a real built-in value — its **base value**, here a
//! `list` — in a reserved attribute that no script can name. The base value is an
//! attribute like any other for the object model: freezing the instance freezes it, a
//! region that captures the instance captures it, and the write barrier guards every
//! store into it. The operators and built-in methods, where they find no special method
//! of the user's class, work on the base value ([`base_value`]); the built-in types'
//! `__new__`, `__init__` and item methods (`super().__setitem__(k, v)`,
//! `int.__new__(cls, v)`) are built-in functions taking the instance first.

use std::sync::{LazyLock, OnceLock};

use floe_core::{
    freeze_component, AttrHint, Class, Dict, Frozen, Instance, Kind, ObjRef, Str, Value,
};

use crate::interp::{Args, Interp};
use crate::runtime::{builtin, types, BuiltinFn};
use crate::Res;

/// The attribute holding an instance's base value: not an identifier, and refused by
/// `getattr`, `setattr` and `hasattr`, so only the interpreter reads or writes it.
pub(crate) const BASE_SLOT: &str = "<base value>";

/// The built-in types a class may derive from.
const SUBCLASSABLE: &[&str] = &[
    "list",
    "dict",
    "set",
    "tuple",
    "int",
    "str",
    "float",
    "frozenlist",
    "frozendict",
];

/// The mutable ones: their base value starts empty and `__init__` fills it (as
/// `list.__new__` and `list.__init__` split the work in CPython); the others take their
/// value in `__new__`.
const MUTABLE: &[&str] = &["list", "dict", "set"];

/// What the reserved attribute of `v` holds: a base value, or, for an attribute view,
/// the view's owner (an instance: never a base value).
#[inline]
fn slot(v: &Value) -> Option<Value> {
    static NAME: LazyLock<Str> = LazyLock::new(|| Str::intern(BASE_SLOT));
    // Set first, when the instance is made: always at position 0.
    static HINT: AttrHint = AttrHint::new(0);
    let o = v.as_obj()?;
    if o.kind() != Kind::Instance {
        return None;
    }
    o.own_attr_hinted(&NAME, &HINT)
}

/// `true` if `v` is an instance carrying a base value (or an attribute view).
#[inline]
pub(crate) fn has_base(v: &Value) -> bool {
    slot(v).is_some()
}

/// The base value of `v` if it is an instance of a subclass of a built-in type (for an
/// attribute view, a dict of its owner's attributes as they are now).
#[inline]
pub(crate) fn base_value(v: &Value) -> Option<Value> {
    match slot(v)? {
        Value::Obj(owner) if owner.kind() == Kind::Instance => Some(attr_snapshot(&owner).into()),
        base => Some(base),
    }
}

/// A dict of `owner`'s own attributes (but its base value).
fn attr_snapshot(owner: &ObjRef) -> Dict {
    let d = Dict::new();
    for n in owner.attr_names().unwrap_or_default() {
        if &*n != BASE_SLOT {
            let v = owner.own_attr(&n).expect("listed");
            d.set(Value::Str(n), v)
                .expect("a new dict accepts str keys");
        }
    }
    d
}

/// The class of attribute views: a subclass of `dict` named `dict`, made once per
/// process, frozen and shared as the built-in classes are.
fn view_class() -> Class {
    static CLASS: OnceLock<Frozen> = OnceLock::new();
    let class = CLASS.get_or_init(|| {
        let c = Class::new("dict", &[types().class("dict")]);
        freeze_component(std::slice::from_ref(c.as_obj())).expect("a new class freezes");
        Frozen::try_from(c.into_obj())
            .expect("frozen")
            .into_immortal()
    });
    Class::try_from(class.get().clone()).expect("a class")
}

/// The object whose attributes `v` is a live view of ([`attr_view`]), if it is one.
pub(crate) fn viewed_owner(v: &Value) -> Option<ObjRef> {
    let o = v.as_obj()?;
    if !o.class_of()?.as_obj().ptr_eq(view_class().as_obj()) {
        return None;
    }
    match slot(v)? {
        Value::Obj(owner) => Some(owner),
        _ => None,
    }
}

/// `obj.__dict__` (and `vars(obj)`) for an instance: a live view of its attributes. Each
/// operation on the view reads the attributes as they are then; each change made through
/// it is written back to them, through the write barrier (so a frozen object's refuses
/// it, naming the object).
pub(crate) fn attr_view(owner: &ObjRef) -> Value {
    let view = Instance::new(&view_class());
    view.set_attr(BASE_SLOT, owner.clone().into())
        .expect("a new instance accepts attributes");
    view.into()
}

/// The built-in type `class` derives from (its first one, depth first), if any.
pub(crate) fn builtin_base(class: &Class) -> Option<&'static str> {
    for b in class.bases() {
        match types().builtin_name(b.as_obj()) {
            Some(name) if SUBCLASSABLE.contains(&name) => return Some(name),
            Some(_) => {}
            None => {
                if let Some(name) = builtin_base(&b) {
                    return Some(name);
                }
            }
        }
    }
    None
}

/// What making an instance of a class needs to know of its class chain.
#[derive(Clone, Copy)]
pub(crate) struct Lineage {
    /// It is a built-in type itself.
    pub(crate) is_builtin: bool,
    /// It derives from `BaseException`.
    pub(crate) is_exception: bool,
    /// The built-in type it derives from (never for an exception class).
    pub(crate) base: Option<&'static str>,
    /// Its chain defines `__new__`.
    pub(crate) has_new: bool,
}

/// `class`'s [`Lineage`], from a small per-thread cache keyed by the class and
/// [`floe_core::class_epoch`] (which moves whenever any class is made or changed), so
/// that making an instance does not walk the class chain each time.
pub(crate) fn lineage(class: &Class) -> Lineage {
    const SLOTS: usize = 64;
    type Cache = [Option<(usize, u64, Lineage)>; SLOTS];
    thread_local! {
        static CACHE: std::cell::RefCell<Cache> = const { std::cell::RefCell::new([None; SLOTS]) };
    }
    let (id, epoch) = (class.id(), floe_core::class_epoch());
    let slot = (id >> 4) % SLOTS;
    let cached = CACHE.with_borrow(|c| c[slot]);
    if let Some((cid, cepoch, found)) = cached {
        if cid == id && cepoch == epoch {
            return found;
        }
    }
    let is_exception = class.is_subclass(&types().class("BaseException"));
    let found = Lineage {
        is_builtin: types().builtin_name(class.as_obj()).is_some(),
        is_exception,
        base: if is_exception {
            None
        } else {
            builtin_base(class)
        },
        has_new: class.lookup("__new__").is_some(),
    };
    CACHE.with_borrow_mut(|c| c[slot] = Some((id, epoch, found)));
    found
}

/// Why `class C(*bases)` cannot be made, as CPython words it: a built-in type that is
/// not subclassable, or two bases whose instances are laid out differently.
pub(crate) fn refuse_bases(bases: &[Class]) -> Option<String> {
    let exception = types().class("BaseException");
    let mut layout: Option<&'static str> = None;
    for b in bases {
        let own = match types().builtin_name(b.as_obj()) {
            Some("object") => continue,
            Some(_) if b.is_subclass(&exception) => "BaseException",
            Some(name) if SUBCLASSABLE.contains(&name) => name,
            Some(name) => return Some(format!("type '{name}' is not an acceptable base type")),
            None if b.is_subclass(&exception) => "BaseException",
            None => match builtin_base(b) {
                Some(name) => name,
                None => continue,
            },
        };
        match layout {
            Some(l) if l != own => {
                return Some("multiple bases have instance lay-out conflict".into())
            }
            _ => layout = Some(own),
        }
    }
    None
}

/// The class of `v` if it is a class.
fn class_arg(v: &Value) -> Option<Class> {
    v.as_obj().and_then(|o| Class::try_from(o.clone()).ok())
}

/// The first argument of a built-in method (`self`, or `cls` for `__new__`).
fn first(me: &mut Interp, what: &str, a: &mut Args) -> Res<Value> {
    if a.pos.is_empty() {
        return Err(me.exc(
            "TypeError",
            format!("{what}(): not enough arguments (it takes the instance first)"),
        ));
    }
    Ok(a.pos.remove(0))
}

/// `T.__new__(cls, *args)` for a built-in `T`: a new instance of `cls`, made as its
/// built-in base makes one (`object.__new__(cls)` for a class without one).
fn type_new(me: &mut Interp, mut a: Args) -> Res<Value> {
    let cls = first(me, "__new__", &mut a)?;
    let Some(class) = class_arg(&cls) else {
        return Err(me.exc(
            "TypeError",
            format!("__new__(X): X is not a type object ({})", cls.type_name()),
        ));
    };
    if let Some(name) = types().builtin_name(class.as_obj()) {
        if name == "object" {
            return Ok(crate::floe_api::new_plain_object(me));
        }
        return me.call(&cls, a);
    }
    match builtin_base(&class) {
        Some(base) => me.new_subclass_instance(&class, base, a),
        None if class.is_subclass(&types().class("BaseException")) => {
            // An exception's constructor runs no `__init__` of the user's class here.
            let inst = Instance::new(&class);
            inst.set_attr("args", floe_core::Tuple::new(a.pos).into())
                .expect("a new instance accepts attributes");
            Ok(inst.into())
        }
        None => Ok(Instance::new(&class).into()),
    }
}

/// `T.__init__(self, *args)` for a built-in `T`: a list, dict or set base value is filled
/// from the arguments as `T(*args)` would fill it; an exception's `args` become the
/// arguments (`BaseException.__init__`); otherwise (`object.__init__`) nothing.
fn type_init(me: &mut Interp, mut a: Args) -> Res<Value> {
    let this = first(me, "__init__", &mut a)?;
    let exception = this
        .as_obj()
        .filter(|o| o.kind() == Kind::Instance)
        .and_then(ObjRef::class_of)
        .is_some_and(|c| c.is_subclass(&types().class("BaseException")));
    if exception {
        me.setattr(&this, "args", floe_core::Tuple::new(a.pos).into())?;
        return Ok(Value::None);
    }
    me.init_base_value(&this, a)?;
    Ok(Value::None)
}

/// The special methods of the built-in types that a subclass reaches through `super()`
/// or the type (`dict.__setitem__(self, k, v)`): each works on the base value of its
/// first argument (or the argument itself, when it is a built-in value).
const DUNDERS: &[(&str, BuiltinFn)] = &[
    ("__new__", type_new),
    ("__init__", type_init),
    ("__getitem__", |me, a| {
        let [this, k] = me.exact::<2>("__getitem__", a)?;
        let base = receiver(me, &this)?;
        me.base_getitem(&this, &base, &k)
    }),
    ("__setitem__", |me, a| {
        let [this, k, v] = on_base::<3>(me, "__setitem__", a)?;
        me.setitem(&this, k, v)?;
        Ok(Value::None)
    }),
    ("__delitem__", |me, a| {
        let [this, k] = on_base::<2>(me, "__delitem__", a)?;
        me.delitem(&this, &k)?;
        Ok(Value::None)
    }),
    ("__len__", |me, a| {
        let [this] = on_base::<1>(me, "__len__", a)?;
        Ok(Value::Int(me.len(&this)? as i64))
    }),
    ("__contains__", |me, a| {
        let [this, x] = on_base::<2>(me, "__contains__", a)?;
        Ok(Value::Bool(me.contains(&this, &x)?))
    }),
    ("__iter__", |me, a| {
        let [this] = on_base::<1>(me, "__iter__", a)?;
        me.iter_value(&this)
    }),
    ("__repr__", |me, a| {
        let [this] = on_base::<1>(me, "__repr__", a)?;
        Ok(Value::str(&me.repr(&this)?))
    }),
    ("__str__", |me, a| {
        let [this] = on_base::<1>(me, "__str__", a)?;
        Ok(Value::str(&me.str_of(&this)?))
    }),
    ("__eq__", |me, a| {
        let [this, other] = on_base::<2>(me, "__eq__", a)?;
        Ok(Value::Bool(me.eq(&this, &other)?))
    }),
    ("__hash__", |me, a| {
        let [this] = on_base::<1>(me, "__hash__", a)?;
        Ok(Value::Int(me.hash(&this)?))
    }),
];

/// What a built-in special method works on: the base value of an instance of a
/// subclass of a built-in type, or a built-in value itself; an instance of a plain class
/// is refused (its own special methods would be called again).
fn receiver(me: &mut Interp, this: &Value) -> Res<Value> {
    if let Some(base) = base_value(this) {
        return Ok(base);
    }
    if this.as_obj().is_some_and(|o| o.kind() == Kind::Instance) {
        return Err(me.exc(
            "TypeError",
            format!(
                "a built-in type's special method does not apply to a '{}' object",
                this.type_name()
            ),
        ));
    }
    Ok(this.clone())
}

/// The `N` arguments of built-in special method `name`, the first replaced by what the
/// method works on ([`receiver`]).
fn on_base<const N: usize>(me: &mut Interp, name: &str, a: Args) -> Res<[Value; N]> {
    let mut args = me.exact::<N>(name, a)?;
    args[0] = receiver(me, &args[0])?;
    Ok(args)
}

/// The built-in special method `name`, as a function taking the instance first.
fn builtin_dunder(name: &str) -> Option<Value> {
    DUNDERS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(n, f)| builtin(n, f))
}

/// What `C.name` finds when the class chain has no `name`: `__new__` and `__init__` of
/// every class (`object`'s, or a built-in base's); for a built-in type or a class derived
/// from one, its other special methods (`dict.__setitem__`) and its methods, unbound
/// (`str.lower`, `list.append(s, x)`: a built-in method without `__self__` takes the
/// object as its first argument).
pub(crate) fn class_builtin_attr(class: &ObjRef, name: &str) -> Option<Value> {
    if matches!(name, "__new__" | "__init__") {
        return builtin_dunder(name);
    }
    let class = Class::try_from(class.clone()).ok()?;
    let builtin = types()
        .builtin_name(class.as_obj())
        .filter(|n| SUBCLASSABLE.contains(n))
        .or_else(|| builtin_base(&class))?;
    if let Some(f) = builtin_dunder(name) {
        return Some(f);
    }
    // The built-in type's method, unbound (`Stack.append(s, x)` is `list.append(s, x)`).
    crate::methods::unbound(&Value::Obj(types().get(builtin)), name)
}

/// `super().name` once the user's bases have no `name`: `__new__` (static) and
/// `__init__`, then, for an instance carrying a base value, the built-in base's special
/// and plain methods, bound to it; `None` otherwise.
pub(crate) fn super_builtin(me: &mut Interp, this: &Value, name: &str) -> Res<Option<Value>> {
    let base = base_value(this);
    if matches!(name, "__new__" | "__init__") || base.is_some() {
        if let Some(f) = builtin_dunder(name) {
            return Ok(Some(if name == "__new__" {
                f
            } else {
                me.bind_method(this, f)
            }));
        }
    }
    match base {
        Some(base) => me.getattr(&base, name).map(Some),
        // `object`'s own methods (`super().__setattr__(name, value)`).
        None if crate::methods::is_object_method(name) => {
            let f = me.getattr(&types().class("object").into(), name)?;
            Ok(Some(me.bind_method(this, f)))
        }
        None => Ok(None),
    }
}

impl Interp {
    /// Runs `op` on the base value of `v`, if `v` has one; for an attribute view, then
    /// writes what `op` changed back to the owner's attributes.
    pub(crate) fn with_base<R>(
        &mut self,
        v: &Value,
        op: impl FnOnce(&mut Interp, &Value) -> Res<R>,
    ) -> Option<Res<R>> {
        Some(match slot(v)? {
            Value::Obj(owner) if owner.kind() == Kind::Instance => {
                let snapshot = attr_snapshot(&owner);
                op(self, &snapshot.clone().into())
                    .and_then(|r| self.write_back(&owner, &snapshot).map(|()| r))
            }
            base => op(self, &base),
        })
    }

    /// Makes `owner`'s attributes what `attrs` (a changed snapshot of them) says: sets
    /// those that differ, deletes those that are gone.
    fn write_back(&mut self, owner: &ObjRef, attrs: &Dict) -> Res<()> {
        let owner_value = Value::Obj(owner.clone());
        for (k, v) in attrs.items() {
            let Value::Str(name) = &k else {
                return Err(self.exc(
                    "TypeError",
                    format!(
                        "attribute name must be string, not '{}' (a key written to the __dict__ of {})",
                        k.type_name(),
                        owner.describe()
                    ),
                ));
            };
            self.refuse_base_slot(&owner_value, name)?;
            if !owner.own_attr(name).is_some_and(|old| old.is(&v)) {
                owner
                    .set_attr(name, v.clone())
                    .map_err(|e| self.core_exc(e, &[&owner_value, &v]))?;
            }
        }
        for n in owner.attr_names().unwrap_or_default() {
            let kept = &*n == BASE_SLOT || attrs.contains(&Value::Str(n.clone())).unwrap_or(true);
            if !kept {
                owner
                    .del_attr(&n)
                    .map_err(|e| self.core_exc(e, &[&owner_value]))?;
            }
        }
        Ok(())
    }

    /// A new instance of `class`, a subclass of built-in type `base`: its base value is
    /// `base(*args)`, or, for a mutable base, empty until `__init__` fills it.
    pub(crate) fn new_subclass_instance(
        &mut self,
        class: &Class,
        base: &'static str,
        args: Args,
    ) -> Res<Value> {
        let args = if MUTABLE.contains(&base) {
            Args::default()
        } else {
            args
        };
        let value = crate::builtins::construct(self, base, args)?;
        let inst = Instance::new(class);
        inst.set_attr(BASE_SLOT, value)
            .expect("a new instance accepts attributes");
        Ok(inst.into())
    }

    /// `list.__init__(this, *args)` (or `dict`'s, `set`'s): refills the base value as the
    /// built-in constructor fills a new one (a dict is updated, as CPython does); an
    /// instance without a mutable base value accepts anything (`object.__init__`).
    pub(crate) fn init_base_value(&mut self, this: &Value, args: Args) -> Res<()> {
        let Some(base) = base_value(this) else {
            return Ok(());
        };
        let kind = crate::ops::kind_name(&base);
        if !matches!(kind, Some("list" | "dict" | "set")) {
            return Ok(());
        }
        let kind = kind.expect("matched");
        if kind == "dict" {
            return crate::methods::call(self, &base, "update", args).map(drop);
        }
        if args.pos.len() > 1 || !args.kw.is_empty() {
            return Err(self.exc(
                "TypeError",
                format!(
                    "{kind} expected at most 1 argument, got {}",
                    args.pos.len() + args.kw.len()
                ),
            ));
        }
        crate::methods::call(self, &base, "clear", Args::default())?;
        if let Some(items) = args.pos.into_iter().next() {
            let more = if kind == "list" { "extend" } else { "update" };
            crate::methods::call(self, &base, more, Args::of(vec![items]))?;
        }
        Ok(())
    }

    /// `this[key]` read from base value `base`: a dict subclass's `__missing__` answers
    /// for a missing key, as CPython's `dict.__getitem__` asks it.
    pub(crate) fn base_getitem(&mut self, this: &Value, base: &Value, key: &Value) -> Res<Value> {
        if crate::ops::kind_name(base) == Some("dict") && !this.is(base) {
            if let Some(missing) = self.special(this, "__missing__") {
                if self.mapping_get(base, key)?.is_none() {
                    return self.call(&missing, Args::of(vec![this.clone(), key.clone()]));
                }
            }
        }
        self.getitem(base, key)
    }

    /// Refuses a script's `getattr`, `setattr` or `hasattr` of the reserved base-value
    /// attribute.
    pub(crate) fn refuse_base_slot(&mut self, obj: &Value, name: &str) -> Res<()> {
        if name != BASE_SLOT {
            return Ok(());
        }
        Err(self.exc(
            "AttributeError",
            format!("'{}' object has no attribute '{name}'", obj.type_name()),
        ))
    }
}
