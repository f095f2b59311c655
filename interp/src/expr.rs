//! Calls, attribute access, and the operations instructions share with built-ins.

use floe_core::{Class, Dict, Instance, Kind, ObjRef, Str, Tuple, Value};
use floe_immutable::{FrozenDictRef, FrozenListRef};
use floe_regions::Region;

use std::sync::atomic::{AtomicBool, Ordering};

use crate::errors::Flow;
use crate::interp::{Args, Interp};
use crate::runtime::{types, BuiltinBody};
use crate::subclass::BASE_SLOT;
use crate::Res;

/// What `obj.name` finds on an object with attributes, before binding.
enum Found {
    /// The object's own attribute (or a class's, read from the class itself).
    Plain(Value),
    /// A function found on the instance's class: a method, to be bound to the instance.
    Method(Value),
}

/// `__class__`, interned: the compiled code's attribute names are, so an instruction
/// asking for it is told by pointer.
static CLASS_NAME: std::sync::LazyLock<Str> = std::sync::LazyLock::new(|| Str::intern("__class__"));

impl Interp {
    pub(crate) fn unpack_error(&mut self, expected: usize, got: usize) -> Flow {
        if got > expected {
            self.exc(
                "ValueError",
                format!("too many values to unpack (expected {expected})"),
            )
        } else {
            self.exc(
                "ValueError",
                format!("not enough values to unpack (expected {expected}, got {got})"),
            )
        }
    }

    /// A `super` object: attribute lookup starts after `class` in `this`'s class chain.
    pub(crate) fn new_super(&mut self, class: Value, this: Value) -> Res<Value> {
        let s = Instance::new(&types().class("super"));
        s.set_attr("__thisclass__", class)
            .expect("a new instance accepts attributes");
        s.set_attr("__self__", this)
            .expect("a new instance accepts attributes");
        Ok(s.into())
    }

    /// Calls any callable value.
    pub(crate) fn call(&mut self, f: &Value, args: Args) -> Res<Value> {
        let Value::Obj(o) = f else {
            return Err(self.exc(
                "TypeError",
                format!("'{}' object is not callable", f.type_name()),
            ));
        };
        match o.kind() {
            Kind::Function => self.call_function(o, args),
            Kind::Native => {
                if let Some(b) = o.native::<BuiltinBody>() {
                    return b.call(self, args);
                }
                if let Some(u) = o.native::<crate::methods::UnboundBody>() {
                    let (ty, name) = (u.ty, u.name.clone());
                    return crate::methods::call_unbound(self, ty, &name, args);
                }
                if let Some(w) = o.native::<crate::behaviours::WhenBody>() {
                    let cowns = w.0.clone();
                    let [func] = self.exact::<1>("when(...)", args)?;
                    return self.schedule(cowns, func);
                }
                Err(self.exc(
                    "TypeError",
                    format!("'{}' object is not callable", f.type_name()),
                ))
            }
            Kind::Class => {
                let class = Class::try_from(o.clone()).expect("a class");
                let lineage = crate::subclass::lineage(&class);
                self.instantiate(&class, lineage, args)
            }
            Kind::Instance => {
                let class = o.class_of().expect("an instance has a class");
                match types().builtin_name(class.as_obj()) {
                    Some("method") => {
                        let func = self.internal_attr(o, "__func__")?;
                        let this = self.internal_attr(o, "__self__")?;
                        let mut args = args;
                        args.pos.insert(0, this);
                        self.call(&func, args)
                    }
                    Some("method-wrapper") => {
                        let Value::Str(name) = self.internal_attr(o, "__name__")? else {
                            return Err(
                                self.exc("TypeError", "a built-in method's __name__ must be a str")
                            );
                        };
                        let this = self.internal_attr(o, "__self__")?;
                        self.call_method(&this, &name, args)
                    }
                    _ => match class.lookup("__call__") {
                        Some(call) => {
                            let mut args = args;
                            args.pos.insert(0, f.clone());
                            self.call(&call, args)
                        }
                        None => Err(self.exc(
                            "TypeError",
                            format!("'{}' object is not callable", f.type_name()),
                        )),
                    },
                }
            }
            _ => Err(self.exc(
                "TypeError",
                format!("'{}' object is not callable", f.type_name()),
            )),
        }
    }

    /// `Class(*args)`, `lineage` being the class's: a built-in type's constructor, or a
    /// new instance (made by the class's `__new__` if it has one, carrying a base value
    /// if it derives from a built-in type) and `__init__`.
    pub(crate) fn instantiate(
        &mut self,
        class: &Class,
        lineage: crate::subclass::Lineage,
        args: Args,
    ) -> Res<Value> {
        let crate::subclass::Lineage {
            is_builtin,
            is_exception: is_exc,
            base,
            has_new,
        } = lineage;
        if is_builtin && !is_exc {
            if let Some(name) = types().builtin_name(class.as_obj()) {
                return crate::builtins::construct(self, name, args);
            }
        }
        if !is_exc && has_new {
            if let Some(new) = class.lookup("__new__") {
                // `__new__` is a static method, whether or not it says so.
                let new = match self.descriptor(new, Value::None, class.clone().into())? {
                    Found::Plain(f) | Found::Method(f) => f,
                };
                let mut new_args = Args::of(vec![class.clone().into()]);
                new_args.pos.extend(args.pos.iter().cloned());
                new_args.kw.clone_from(&args.kw);
                let v = self.call(&new, new_args)?;
                // As in Python: `__init__` runs only on an instance of the class.
                let own = v
                    .as_obj()
                    .and_then(ObjRef::class_of)
                    .is_some_and(|c| c.is_subclass(class));
                if own {
                    self.init_instance(class, &v, args, base, false, true)?;
                }
                return Ok(v);
            }
        }
        let v = match base {
            Some(base) => {
                let pos = args.pos.clone();
                let kw = args.kw.clone();
                self.new_subclass_instance(class, base, Args { pos, kw })?
            }
            None => Instance::new(class).into(),
        };
        if is_exc {
            let inst = v.as_obj().expect("an instance");
            inst.set_attr("args", Tuple::new(args.pos.clone()).into())
                .expect("a new instance accepts attributes");
            if class.is_subclass(&types().class("StopIteration")) {
                let value = args.pos.first().cloned().unwrap_or(Value::None);
                inst.set_attr("value", value)
                    .expect("a new instance accepts attributes");
            }
        }
        self.init_instance(class, &v, args, base, is_exc, has_new)?;
        Ok(v)
    }

    /// Runs `class`'s `__init__` on its new instance `v`; without one, a mutable built-in
    /// base takes the arguments (`list.__init__`), an immutable one ignores them (its
    /// `__new__` took them), and a plain class refuses them.
    fn init_instance(
        &mut self,
        class: &Class,
        v: &Value,
        args: Args,
        base: Option<&'static str>,
        is_exc: bool,
        has_new: bool,
    ) -> Res<()> {
        match class.lookup("__init__") {
            Some(init) if !is_exc || init.as_obj().is_some_and(|o| o.kind() == Kind::Function) => {
                let mut args = args;
                args.pos.insert(0, v.clone());
                let r = self.call(&init, args)?;
                if !matches!(r, Value::None) {
                    return Err(self.init_returned(&r));
                }
            }
            Some(_) | None => {
                if base.is_some() {
                    return self.init_base_value(v, args);
                }
                if !is_exc && (!args.pos.is_empty() || !args.kw.is_empty()) && !has_new {
                    return Err(self.exc(
                        "TypeError",
                        format!("{}() takes no arguments", class.name()),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The error of an `__init__` that returned `v`, not `None`.
    #[cold]
    pub(crate) fn init_returned(&mut self, v: &Value) -> crate::errors::Flow {
        let message = format!("__init__() should return None, not '{}'", v.type_name());
        self.exc("TypeError", message)
    }

    /// `obj.name(*args)`, without making a bound method when it can be avoided.
    pub(crate) fn call_method(&mut self, obj: &Value, name: &str, args: Args) -> Res<Value> {
        if let Value::Obj(o) = obj {
            match o.kind() {
                Kind::Instance | Kind::Function | Kind::Class => {
                    if o.kind() == Kind::Instance && self.is_special_instance(o) {
                        let f = self.getattr(obj, name)?;
                        return self.call(&f, args);
                    }
                    match self.find_attr(o, name)? {
                        Some(Found::Method(f)) => {
                            let mut args = args;
                            args.pos.insert(0, obj.clone());
                            return self.call(&f, args);
                        }
                        Some(Found::Plain(f)) => return self.call(&f, args),
                        None => {}
                    }
                }
                Kind::Region => {
                    if let Ok(v) = o.get_attr(name) {
                        if !matches!(name, "owns") {
                            return self.call(&v, args);
                        }
                    }
                }
                _ => {}
            }
        }
        // A built-in mutator (`append`, `update`, `add`, …) that moved a local argument
        // into a region member captured it: a storyboard step, as an assignment's is.
        let candidates: Vec<ObjRef> = if self.drawing_steps() {
            args.pos
                .iter()
                .chain(args.kw.iter().map(|(_, v)| v))
                .filter(|v| crate::pictures::is_capture(obj, v))
                .filter_map(|v| v.as_obj().cloned())
                .collect()
        } else {
            Vec::new()
        };
        let result = crate::methods::call(self, obj, name, args)?;
        let captured = candidates
            .iter()
            .any(|o| matches!(o.state(), floe_core::State::InRegion(_)));
        drop(candidates);
        if captured {
            self.draw_step("capture")?;
        }
        Ok(result)
    }

    /// Instances of built-in classes whose attributes are computed (`super`, bound
    /// methods, modules, cowns).
    fn is_special_instance(&self, o: &ObjRef) -> bool {
        o.class_of().is_some_and(|c| c.id() == types().super_id)
    }

    /// Looks `name` up on an object with attributes: its own, then its class chain.
    fn find_attr(&mut self, o: &ObjRef, name: &str) -> Res<Option<Found>> {
        if o.kind() == Kind::Instance {
            if let Some(v) = o.own_attr(name) {
                return Ok(Some(Found::Plain(v)));
            }
            let class = o.class_of().expect("instances have a class");
            let found = self.methods.lookup_text(&class, name);
            return self.through_class(o, class, found);
        }
        match o.get_attr(name) {
            Ok(v) if o.kind() == Kind::Class => {
                let class = Value::Obj(o.clone());
                self.descriptor(v, Value::None, class).map(Some)
            }
            Ok(v) => Ok(Some(Found::Plain(v))),
            Err(_) => Ok(None),
        }
    }

    /// What an instance `o` gets from its class for a name it does not hold itself, given
    /// what the class lookup `found`: a function to bind as a method, or the attribute
    /// through its descriptor.
    fn through_class(
        &mut self,
        o: &ObjRef,
        class: Class,
        found: Option<Value>,
    ) -> Res<Option<Found>> {
        let Some(v) = found else {
            return Ok(None);
        };
        match &v {
            Value::Obj(f) if f.kind() == Kind::Function => Ok(Some(Found::Method(v))),
            _ => self
                .descriptor(v, Value::Obj(o.clone()), class.into())
                .map(Some),
        }
    }

    /// `obj.name` for the attribute instruction, after the instance's own attributes
    /// missed: `name` comes from the compiled code (interned), so an ordinary instance's
    /// class is asked through the method cache by pointer, and `__class__` answered
    /// without the search for a special attribute; anything else is [`Interp::getattr`].
    pub(crate) fn load_attr(&mut self, obj: &Value, name: &Str) -> Res<Value> {
        if let Value::Obj(o) = obj {
            if o.kind() == Kind::Instance && &**name != BASE_SLOT {
                let class = o.class_of().expect("instances have a class");
                if class.id() != types().super_id {
                    let found = self.methods.lookup(&class, name);
                    // The class itself, unless a class on its chain defines `__class__`.
                    if found.is_none() && Str::ptr_eq(name, &CLASS_NAME) {
                        return Ok(class.into());
                    }
                    match self.through_class(o, class, found)? {
                        Some(Found::Method(f)) => return Ok(self.bind_method(obj, f)),
                        Some(Found::Plain(v)) => return Ok(v),
                        None => {}
                    }
                }
            }
        }
        self.getattr(obj, name)
    }

    /// A class attribute seen through an instance (`this`) or the class itself:
    /// `staticmethod` gives its function, `classmethod` binds the class, `property`
    /// calls its getter on the instance.
    fn descriptor(&mut self, v: Value, this: Value, class: Value) -> Res<Found> {
        let kind = v
            .as_obj()
            .filter(|o| o.kind() == Kind::Instance)
            .and_then(ObjRef::class_of)
            .and_then(|c| types().builtin_name(c.as_obj()));
        let func = || {
            v.as_obj()
                .and_then(|o| o.own_attr("__func__"))
                .unwrap_or(Value::None)
        };
        Ok(match kind {
            Some("staticmethod") => Found::Plain(func()),
            Some("classmethod") => Found::Plain(self.bind_method(&class, func())),
            Some("property") if !matches!(this, Value::None) => {
                Found::Plain(self.call(&func(), Args::of(vec![this]))?)
            }
            _ => Found::Plain(v),
        })
    }

    // ----- attributes -----

    /// `obj.name`.
    pub(crate) fn getattr(&mut self, obj: &Value, name: &str) -> Res<Value> {
        self.refuse_base_slot(obj, name)?;
        if let Some(c) = crate::behaviours::cown_of(obj) {
            let c = c.clone();
            return self.cown_attr(&c, name);
        }
        if let Value::Obj(o) = obj {
            match o.kind() {
                Kind::Region => return self.region_attr(o, name),
                Kind::Instance if self.is_special_instance(o) => return self.super_attr(o, name),
                Kind::Instance | Kind::Function | Kind::Class => {
                    match self.find_attr(o, name)? {
                        Some(Found::Method(f)) => return Ok(self.bind_method(obj, f)),
                        Some(Found::Plain(v)) => return Ok(v),
                        None => {}
                    }
                    if name == "__class__" {
                        return Ok(self.type_of(obj));
                    }
                    if name == "__name__" && o.kind() == Kind::Class {
                        let c = Class::try_from(o.clone()).expect("a class");
                        // A built-in class named with its module (`itertools.count`).
                        let name = c.name();
                        return Ok(match name.rsplit_once('.') {
                            Some((_, short)) => Value::str(short),
                            None => Value::Str(name),
                        });
                    }
                    if name == "__dict__" && o.kind() == Kind::Instance {
                        return Ok(crate::subclass::attr_view(o));
                    }
                    if name == "__dict__" {
                        let d = Dict::new();
                        for n in o.attr_names().unwrap_or_default() {
                            let v = o.get_attr(&n).expect("listed");
                            d.set(Value::Str(n), v)
                                .map_err(|e| self.core_exc(e, &[obj]))?;
                        }
                        return Ok(d.into());
                    }
                    if let Some(base) = crate::subclass::base_value(obj) {
                        if crate::methods::has_method(self, &base, name) {
                            return self.getattr(&base, name);
                        }
                    }
                    if o.kind() == Kind::Instance && name.starts_with("__") {
                        // `x.__init__`, and `x.__getitem__` of a built-in subclass.
                        if let Some(f) = crate::subclass::super_builtin(self, obj, name)? {
                            return Ok(f);
                        }
                    }
                    if o.kind() == Kind::Class {
                        if let Some(f) = crate::subclass::class_builtin_attr(o, name) {
                            return Ok(f);
                        }
                    }
                    if o.kind() == Kind::Instance && !crate::methods::has_method(self, obj, name) {
                        // The class's fallback for attributes found nowhere else.
                        if let Some(f) = self.special(obj, "__getattr__") {
                            return self.call_special(f, obj, [Value::str(name)]);
                        }
                        // A built-in method on a user instance? No: report the attribute.
                        return Err(self.exc(
                            "AttributeError",
                            format!("'{}' object has no attribute '{name}'", obj.type_name()),
                        ));
                    }
                }
                _ => {}
            }
        }
        if name == "__class__" {
            return Ok(self.type_of(obj));
        }
        if crate::methods::has_method(self, obj, name) {
            let w = Instance::new(&types().class("method-wrapper"));
            w.set_attr("__self__", obj.clone())
                .expect("a new instance accepts attributes");
            w.set_attr("__name__", Value::str(name))
                .expect("a new instance accepts attributes");
            return Ok(w.into());
        }
        if let Some(u) = crate::methods::unbound(obj, name) {
            return Ok(u);
        }
        if let Some(v) = crate::methods::property(self, obj, name)? {
            return Ok(v);
        }
        if let Some(msg) = crate::methods::missing(obj, name) {
            return Err(self.exc("AttributeError", msg));
        }
        Err(self.exc(
            "AttributeError",
            format!("'{}' object has no attribute '{name}'", obj.type_name()),
        ))
    }

    pub(crate) fn bind_method(&mut self, this: &Value, func: Value) -> Value {
        let b = Instance::new(&types().class("method"));
        b.set_attr("__self__", this.clone())
            .expect("a new instance accepts attributes");
        b.set_attr("__func__", func)
            .expect("a new instance accepts attributes");
        b.into()
    }

    /// An attribute the interpreter set on one of its own objects (a bound method's
    /// `__func__`, a `super` object's `__self__`): a script can delete it, so its absence
    /// is an `AttributeError`, never trusted.
    fn internal_attr(&mut self, o: &ObjRef, name: &str) -> Res<Value> {
        o.get_attr(name).map_err(|_| {
            self.exc(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", o.type_name()),
            )
        })
    }

    /// Attribute lookup through `super()`: the class chain after `__thisclass__`.
    fn super_attr(&mut self, s: &ObjRef, name: &str) -> Res<Value> {
        let this = self.internal_attr(s, "__self__")?;
        let start = self.internal_attr(s, "__thisclass__")?;
        let start = start.as_obj().and_then(|o| Class::try_from(o.clone()).ok());
        let Some(start) = start else {
            return Err(self.exc("TypeError", "super() argument 1 must be a type"));
        };
        for base in start.bases() {
            if let Some(v) = base.lookup(name) {
                return Ok(match &v {
                    // `__new__` is a static method.
                    Value::Obj(f) if f.kind() == Kind::Function && name != "__new__" => {
                        self.bind_method(&this, v.clone())
                    }
                    _ => v,
                });
            }
        }
        if let Some(f) = crate::subclass::super_builtin(self, &this, name)? {
            return Ok(f);
        }
        Err(self.exc(
            "AttributeError",
            format!("'super' object has no attribute '{name}'"),
        ))
    }

    /// Attributes of a region's bridge: introspection (semantics §3), then members.
    fn region_attr(&mut self, o: &ObjRef, name: &str) -> Res<Value> {
        let live = || Region::try_from(o.clone()).ok();
        match name {
            "name" | "is_open" | "parent" | "is_closed" => {
                let Some(r) = live() else {
                    return Err(self.exc(
                        "RegionError",
                        format!("{} is no longer a region's bridge", o.describe()),
                    ));
                };
                return Ok(match name {
                    "name" => r.name().map_or(Value::None, Value::Str),
                    "is_open" => Value::Bool(r.is_open()),
                    "is_closed" => Value::Bool(r.is_closed()),
                    _ => r.parent().map_or(Value::None, Into::into),
                });
            }
            "owns" => {
                let w = Instance::new(&types().class("method-wrapper"));
                w.set_attr("__self__", o.clone().into())
                    .expect("a new instance accepts attributes");
                w.set_attr("__name__", Value::str("owns"))
                    .expect("a new instance accepts attributes");
                return Ok(w.into());
            }
            _ => {}
        }
        o.get_attr(name).map_err(|_| {
            let desc = o.describe();
            self.exc(
                "AttributeError",
                format!("{desc} has no attribute '{name}'"),
            )
        })
    }

    /// `obj.name = value`, through the write barrier.
    /// `del obj.name` (and `delattr(obj, name)`): an attribute the interpreter relies
    /// on is not deleted, as it is not replaced by a value of another type.
    pub(crate) fn delattr(&mut self, obj: &Value, name: &str) -> Res<()> {
        let Value::Obj(o) = obj else {
            return Err(self.exc(
                "AttributeError",
                format!("cannot delete attribute '{name}'"),
            ));
        };
        if let Some(refusal) = self.internal_write(o, name, &Value::None) {
            return Err(refusal);
        }
        o.del_attr(name).map_err(|e| self.core_exc(e, &[obj]))
    }

    /// `obj.name = value`: the `__setattr__` of an instance's class if it defines one in
    /// Python, else [`Interp::object_setattr`].
    pub(crate) fn setattr(&mut self, obj: &Value, name: &str, value: Value) -> Res<()> {
        if let Some(hook) = self.python_setattr(obj) {
            let args = Args::of(vec![obj.clone(), Value::str(name), value]);
            self.call(&hook, args)?;
            return Ok(());
        }
        self.object_setattr(obj, name, value)
    }

    /// The Python `__setattr__` of instance `obj`'s class, if it has one (looked for only
    /// once some class has defined one: [`python_setattr_defined`]).
    fn python_setattr(&self, obj: &Value) -> Option<Value> {
        if !python_setattr_defined() || !obj.as_obj().is_some_and(|o| o.kind() == Kind::Instance) {
            return None;
        }
        self.special(obj, "__setattr__")
            .filter(|f| f.as_obj().is_some_and(|f| f.kind() == Kind::Function))
    }

    /// `object.__setattr__(obj, name, value)`: the store itself, through the write
    /// barrier, with no `__setattr__` of the class's consulted.
    pub(crate) fn object_setattr(&mut self, obj: &Value, name: &str, value: Value) -> Res<()> {
        self.refuse_base_slot(obj, name)?;
        if let Some(c) = crate::behaviours::cown_of(obj) {
            let c = c.clone();
            return self.set_cown_attr(&c, name, value);
        }
        match obj {
            Value::Obj(o)
                if matches!(
                    o.kind(),
                    Kind::Instance | Kind::Function | Kind::Class | Kind::Region
                ) =>
            {
                if o.kind() == Kind::Region
                    && matches!(name, "name" | "is_open" | "parent" | "owns" | "is_closed")
                {
                    return Err(self.exc(
                        "AttributeError",
                        format!("the region attribute '{name}' is read-only"),
                    ));
                }
                if let Some(refusal) = self.internal_write(o, name, &value) {
                    return Err(refusal);
                }
                if o.kind() == Kind::Class {
                    note_class_attr(name);
                }
                o.set_attr(name, value.clone())
                    .map_err(|e| self.core_exc(e, &[obj, &value]))
            }
            Value::Obj(o) if o.is_frozen() => Err(self.exc(
                "TypeError",
                format!("object of type {} is immutable", obj.type_name()),
            )),
            _ => Err(self.exc(
                "AttributeError",
                format!(
                    "'{}' object has no attribute '{name}' and no attributes can be set on it",
                    obj.type_name()
                ),
            )),
        }
    }

    /// Why `o.name = value` may not replace an attribute the interpreter relies on, as
    /// CPython words it: a function's `__code__`, `__defaults__`, `__kwdefaults__` and
    /// `__name__` take only a value of their type, its `__closure__` and `__globals__`,
    /// and the attributes of bound methods and `super` objects, are read-only.
    pub(crate) fn internal_write(&mut self, o: &ObjRef, name: &str, value: &Value) -> Option<Flow> {
        let obj = || value.as_obj();
        let typed = |kind: Kind| obj().is_some_and(|v| v.kind() == kind);
        let wanted = match (o.kind(), name) {
            (Kind::Function, "__code__") => {
                let Some(code) = obj().and_then(|v| v.native::<crate::runtime::CodeBody>()) else {
                    return Some(self.type_exc(name, "a code object"));
                };
                // A call takes the closure's cells by position: the new code must name
                // as many free variables as the closure holds (CPython's rule).
                let cells = match o.own_attr("__closure__") {
                    Some(Value::Obj(t)) => t.with_seq_items(<[Value]>::len).unwrap_or(0),
                    _ => 0,
                };
                let frees = code.0.frees.len();
                if frees == cells {
                    return None;
                }
                let fname = match o.own_attr("__name__") {
                    Some(Value::Str(n)) => n.to_string(),
                    _ => "function".to_string(),
                };
                return Some(self.exc(
                    "ValueError",
                    format!("{fname}() requires a code object with {cells} free vars, not {frees}"),
                ));
            }
            (Kind::Function, "__defaults__") => {
                (!typed(Kind::Tuple) && !matches!(value, Value::None)).then_some("a tuple object")
            }
            (Kind::Function, "__kwdefaults__") => {
                (!typed(Kind::Dict) && !matches!(value, Value::None)).then_some("a dict object")
            }
            (Kind::Function, "__name__" | "__qualname__") => {
                (!matches!(value, Value::Str(_))).then_some("a string object")
            }
            (Kind::Function, "__closure__" | "__globals__") => {
                return Some(self.exc("AttributeError", "readonly attribute"))
            }
            (Kind::Instance, "__func__" | "__self__" | "__thisclass__" | "__name__") => {
                let class = o.class_of()?;
                let builtin = types().builtin_name(class.as_obj());
                if !matches!(builtin, Some("method" | "method-wrapper" | "super")) {
                    return None;
                }
                return Some(self.exc("AttributeError", "readonly attribute"));
            }
            _ => None,
        }?;
        Some(self.type_exc(name, wanted))
    }

    /// The `TypeError` of a function or method attribute set to a value of another type.
    fn type_exc(&mut self, name: &str, wanted: &str) -> Flow {
        self.exc("TypeError", format!("{name} must be set to {wanted}"))
    }

    /// The type object of a value (`type(v)`).
    pub(crate) fn type_of(&self, v: &Value) -> Value {
        let t = types();
        let name = match v {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Obj(o) => match o.kind() {
                Kind::Instance | Kind::Function => {
                    return o.class_of().expect("has a class").into()
                }
                Kind::Class => "type",
                Kind::List => "list",
                Kind::Tuple => "tuple",
                Kind::Dict => "dict",
                Kind::Set => "set",
                Kind::Region => "Region",
                _ => match o.type_name().as_str() {
                    "frozenlist" => "frozenlist",
                    "frozendict" => "frozendict",
                    "frozenset" => "frozenset",
                    "bytes" => "bytes",
                    "NotImplementedType" => "NotImplementedType",
                    "ellipsis" => "ellipsis",
                    "int" => "int",
                    "range" => "range",
                    "slice" => "slice",
                    "code" => "code",
                    "Cown" => "Cown",
                    _ => "builtin_function_or_method",
                },
            },
        };
        t.get(name).into()
    }

    /// The class of a value as a typed handle.
    pub(crate) fn class_of(&self, v: &Value) -> Class {
        Class::try_from(self.type_of(v).as_obj().expect("types are objects").clone())
            .expect("types are classes")
    }

    /// A new iterator object over a sequence (list, tuple, str, range, frozenlist).
    pub(crate) fn new_iterator(&mut self, seq: Value) -> Value {
        let it = Instance::new(&types().class("iterator"));
        let [(seq_name, seq_at), (i_name, i_at)] = crate::ops::iterator_attrs();
        let obj = it.as_obj();
        obj.set_attr_hinted(seq_name, seq, seq_at)
            .and_then(|()| obj.set_attr_hinted(i_name, Value::Int(0), i_at))
            .expect("a new instance accepts attributes");
        it.into()
    }

    /// Frozen list or dict helper: the typed handle of a value, if it is one.
    pub(crate) fn frozenlist_of(v: &Value) -> Option<FrozenListRef> {
        v.as_obj()
            .and_then(|o| FrozenListRef::try_from(o.clone()).ok())
    }

    /// See [`Interp::frozenlist_of`].
    pub(crate) fn frozendict_of(v: &Value) -> Option<FrozenDictRef> {
        v.as_obj()
            .and_then(|o| FrozenDictRef::try_from(o.clone()).ok())
    }
}

/// Set once a class anywhere in the process has defined `__setattr__` (in its body or
/// by assignment): until then an instance's attribute store goes straight through the
/// write barrier with no lookup for one (the dispatch loop's fast paths ask first).
static PYTHON_SETATTR: AtomicBool = AtomicBool::new(false);

/// `true` once some class has defined `__setattr__`.
#[inline]
pub(crate) fn python_setattr_defined() -> bool {
    PYTHON_SETATTR.load(Ordering::Relaxed)
}

/// Notes that a class now holds the attribute `name` (made in its body or assigned).
pub(crate) fn note_class_attr(name: &str) {
    if name == "__setattr__" {
        PYTHON_SETATTR.store(true, Ordering::Relaxed);
    }
}
