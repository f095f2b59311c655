//! Expressions, assignment targets, calls and attribute access.

use floe_core::{Class, Dict, Instance, Kind, List, ObjRef, Set, Tuple, Value};
use floe_immutable::{FrozenDictRef, FrozenListRef};
use floe_regions::Region;
use rustpython_parser::ast::{self, Constant, Expr};

use crate::errors::Flow;
use crate::interp::{Args, Interp};
use crate::runtime::{types, BuiltinBody};
use crate::syntax::Module;
use crate::Res;

/// What `obj.name` finds on an object with attributes, before binding.
enum Found {
    /// The object's own attribute (or a class's, read from the class itself).
    Plain(Value),
    /// A function found on the instance's class: a method, to be bound to the instance.
    Method(Value),
}

impl Interp {
    /// Evaluates an expression.
    pub(crate) fn eval(&mut self, e: &Expr, m: &Module) -> Res<Value> {
        match e {
            Expr::Constant(c) => self.constant(&c.value),
            Expr::Name(n) => self.load_name(&n.id),
            Expr::BinOp(b) => {
                let l = self.eval(&b.left, m)?;
                let r = self.eval(&b.right, m)?;
                self.binary(b.op, &l, &r)
            }
            Expr::UnaryOp(u) => {
                let v = self.eval(&u.operand, m)?;
                self.unary(u.op, &v)
            }
            Expr::BoolOp(b) => {
                let mut last = Value::None;
                for (i, v) in b.values.iter().enumerate() {
                    last = self.eval(v, m)?;
                    let t = self.truthy(&last)?;
                    let stop = match b.op {
                        ast::BoolOp::And => !t,
                        ast::BoolOp::Or => t,
                    };
                    if stop || i + 1 == b.values.len() {
                        break;
                    }
                }
                Ok(last)
            }
            Expr::Compare(c) => {
                let mut left = self.eval(&c.left, m)?;
                for (op, right) in c.ops.iter().zip(&c.comparators) {
                    let right = self.eval(right, m)?;
                    if !self.compare(*op, &left, &right)? {
                        return Ok(Value::Bool(false));
                    }
                    left = right;
                }
                Ok(Value::Bool(true))
            }
            Expr::IfExp(i) => {
                let t = self.eval(&i.test, m)?;
                if self.truthy(&t)? {
                    self.eval(&i.body, m)
                } else {
                    self.eval(&i.orelse, m)
                }
            }
            Expr::List(l) => {
                let items = self.eval_items(&l.elts, m)?;
                Ok(List::new(items).into())
            }
            Expr::Tuple(t) => {
                let items = self.eval_items(&t.elts, m)?;
                Ok(Tuple::new(items).into())
            }
            Expr::Set(s) => {
                let items = self.eval_items(&s.elts, m)?;
                let set = Set::new([]).expect("an empty set");
                for v in items {
                    set.add(v.clone()).map_err(|e| self.core_exc(e, &[&v]))?;
                }
                Ok(set.into())
            }
            Expr::Dict(d) => {
                let dict = Dict::new();
                for (k, v) in d.keys.iter().zip(&d.values) {
                    let v = self.eval(v, m)?;
                    match k {
                        Some(k) => {
                            let k = self.eval(k, m)?;
                            dict.set(k.clone(), v)
                                .map_err(|e| self.core_exc(e, &[&k]))?;
                        }
                        None => {
                            for (k, v) in self.mapping_items(&v)? {
                                dict.set(k.clone(), v)
                                    .map_err(|e| self.core_exc(e, &[&k]))?;
                            }
                        }
                    }
                }
                Ok(dict.into())
            }
            Expr::Attribute(a) => {
                let obj = self.eval(&a.value, m)?;
                self.getattr(&obj, &a.attr)
            }
            Expr::Subscript(s) => {
                let obj = self.eval(&s.value, m)?;
                if let Expr::Slice(sl) = &*s.slice {
                    let (lo, hi, step) = self.slice_parts(sl, m)?;
                    return self.get_slice(&obj, lo, hi, step);
                }
                let index = self.eval(&s.slice, m)?;
                self.getitem(&obj, &index)
            }
            Expr::Call(c) => self.eval_call(c, m),
            Expr::Lambda(l) => {
                let code = m.code_at(usize::from(l.range.start()));
                self.make_function(code, &l.args, m)
            }
            Expr::JoinedStr(j) => {
                let mut out = String::new();
                for part in &j.values {
                    match part {
                        Expr::Constant(c) => match &c.value {
                            Constant::Str(s) => out.push_str(s),
                            other => {
                                let v = self.constant(other)?;
                                out.push_str(&self.str_of(&v)?);
                            }
                        },
                        other => {
                            let v = self.eval(other, m)?;
                            out.push_str(&self.str_of(&v)?);
                        }
                    }
                }
                Ok(Value::str(&out))
            }
            Expr::FormattedValue(f) => {
                let v = self.eval(&f.value, m)?;
                let v = match f.conversion {
                    ast::ConversionFlag::Repr => Value::str(&self.repr(&v)?),
                    ast::ConversionFlag::Str => Value::str(&self.str_of(&v)?),
                    _ => v,
                };
                let spec = match &f.format_spec {
                    Some(spec) => {
                        let s = self.eval(spec, m)?;
                        self.str_of(&s)?
                    }
                    None => String::new(),
                };
                Ok(Value::str(&self.format_value(&v, &spec)?))
            }
            Expr::ListComp(c) => {
                let mut out = Vec::new();
                self.comprehension(&c.generators, m, &mut |me| {
                    out.push(me.eval(&c.elt, m)?);
                    Ok(())
                })?;
                Ok(List::new(out).into())
            }
            Expr::GeneratorExp(c) => {
                let mut out = Vec::new();
                self.comprehension(&c.generators, m, &mut |me| {
                    out.push(me.eval(&c.elt, m)?);
                    Ok(())
                })?;
                Ok(self.new_iterator(List::new(out).into()))
            }
            Expr::SetComp(c) => {
                let set = Set::new([]).expect("an empty set");
                self.comprehension(&c.generators, m, &mut |me| {
                    let v = me.eval(&c.elt, m)?;
                    set.add(v.clone()).map_err(|e| me.core_exc(e, &[&v]))?;
                    Ok(())
                })?;
                Ok(set.into())
            }
            Expr::DictComp(c) => {
                let dict = Dict::new();
                self.comprehension(&c.generators, m, &mut |me| {
                    let k = me.eval(&c.key, m)?;
                    let v = me.eval(&c.value, m)?;
                    dict.set(k.clone(), v).map_err(|e| me.core_exc(e, &[&k]))?;
                    Ok(())
                })?;
                Ok(dict.into())
            }
            Expr::NamedExpr(n) => {
                let v = self.eval(&n.value, m)?;
                self.assign(&n.target, v.clone(), m)?;
                Ok(v)
            }
            Expr::Starred(_) => Err(self.exc("SyntaxError", "can't use starred expression here")),
            Expr::Slice(_) => {
                Err(self.exc("SyntaxError", "a slice is only allowed in a subscript"))
            }
            _ => Err(self.exc("SyntaxError", "this expression is not supported by floe")),
        }
    }

    fn constant(&mut self, c: &Constant) -> Res<Value> {
        Ok(match c {
            Constant::None => Value::None,
            Constant::Bool(b) => Value::Bool(*b),
            Constant::Str(s) => Value::str(s),
            Constant::Int(i) => crate::ops::int_value(i.clone()),
            Constant::Float(f) => Value::Float(*f),
            Constant::Tuple(items) => {
                let items = items
                    .iter()
                    .map(|c| self.constant(c))
                    .collect::<Res<Vec<_>>>()?;
                Tuple::new(items).into()
            }
            _ => return Err(self.exc("SyntaxError", "this literal is not supported by floe")),
        })
    }

    /// Evaluates list/tuple/set elements, expanding `*iterable`.
    fn eval_items(&mut self, elts: &[Expr], m: &Module) -> Res<Vec<Value>> {
        let mut out = Vec::with_capacity(elts.len());
        for e in elts {
            if let Expr::Starred(s) = e {
                let v = self.eval(&s.value, m)?;
                out.extend(self.collect(&v)?);
            } else {
                out.push(self.eval(e, m)?);
            }
        }
        Ok(out)
    }

    fn slice_parts(
        &mut self,
        sl: &ast::ExprSlice,
        m: &Module,
    ) -> Res<(Option<i64>, Option<i64>, Option<i64>)> {
        let mut part = |p: &Option<Box<Expr>>| -> Res<Option<i64>> {
            match p {
                None => Ok(None),
                Some(e) => {
                    let v = self.eval(e, m)?;
                    self.clamped_index(&v)
                }
            }
        };
        Ok((part(&sl.lower)?, part(&sl.upper)?, part(&sl.step)?))
    }

    /// Runs `body` once per combination of a comprehension's loops. The loop variables
    /// are the enclosing scope's, restored afterwards (floe keeps no separate scope).
    fn comprehension(
        &mut self,
        gens: &[ast::Comprehension],
        m: &Module,
        body: &mut dyn FnMut(&mut Interp) -> Res<()>,
    ) -> Res<()> {
        let Some((first, rest)) = gens.split_first() else {
            return body(self);
        };
        let iterable = self.eval(&first.iter, m)?;
        let mut it = self.iter(&iterable)?;
        'items: while let Some(item) = self.next(&mut it)? {
            self.assign(&first.target, item, m)?;
            for cond in &first.ifs {
                let c = self.eval(cond, m)?;
                if !self.truthy(&c)? {
                    continue 'items;
                }
            }
            self.comprehension(rest, m, body)?;
        }
        Ok(())
    }

    // ----- assignment -----

    /// Stores `value` into an assignment target.
    pub(crate) fn assign(&mut self, target: &Expr, value: Value, m: &Module) -> Res<()> {
        match target {
            Expr::Name(n) => self.store_name(&n.id, value),
            Expr::Attribute(a) => {
                let obj = self.eval(&a.value, m)?;
                let capture = crate::pictures::is_capture(&obj, &value);
                self.setattr(&obj, &a.attr, value)?;
                if capture {
                    drop(obj);
                    self.draw_step("capture")?;
                }
                Ok(())
            }
            Expr::Subscript(s) => {
                let obj = self.eval(&s.value, m)?;
                if let Expr::Slice(sl) = &*s.slice {
                    let (lo, hi, step) = self.slice_parts(sl, m)?;
                    return self.set_slice(&obj, lo, hi, step, value);
                }
                let index = self.eval(&s.slice, m)?;
                let capture = crate::pictures::is_capture(&obj, &value);
                self.setitem(&obj, index, value)?;
                if capture {
                    drop(obj);
                    self.draw_step("capture")?;
                }
                Ok(())
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                let items = self.collect(&value)?;
                let star = elts.iter().position(|e| matches!(e, Expr::Starred(_)));
                match star {
                    None => {
                        if items.len() != elts.len() {
                            return Err(self.unpack_error(elts.len(), items.len()));
                        }
                        for (t, v) in elts.iter().zip(items) {
                            self.assign(t, v, m)?;
                        }
                    }
                    Some(s) => {
                        let after = elts.len() - s - 1;
                        if items.len() < elts.len() - 1 {
                            return Err(self.unpack_error(elts.len() - 1, items.len()));
                        }
                        let mut items = items;
                        let tail = items.split_off(items.len() - after);
                        let middle = items.split_off(s);
                        for (t, v) in elts[..s].iter().zip(items) {
                            self.assign(t, v, m)?;
                        }
                        let Expr::Starred(st) = &elts[s] else {
                            unreachable!("found above")
                        };
                        self.assign(&st.value, List::new(middle).into(), m)?;
                        for (t, v) in elts[s + 1..].iter().zip(tail) {
                            self.assign(t, v, m)?;
                        }
                    }
                }
                Ok(())
            }
            _ => Err(self.exc("SyntaxError", "cannot assign to this expression")),
        }
    }

    fn unpack_error(&mut self, expected: usize, got: usize) -> Flow {
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

    pub(crate) fn aug_assign(&mut self, a: &ast::StmtAugAssign, m: &Module) -> Res<()> {
        let rhs = self.eval(&a.value, m)?;
        match &*a.target {
            Expr::Name(n) => {
                let cur = self.load_name(&n.id)?;
                let v = self.inplace(a.op, &cur, &rhs)?;
                self.store_name(&n.id, v)
            }
            Expr::Attribute(at) => {
                let obj = self.eval(&at.value, m)?;
                let cur = self.getattr(&obj, &at.attr)?;
                let v = self.inplace(a.op, &cur, &rhs)?;
                self.setattr(&obj, &at.attr, v)
            }
            Expr::Subscript(s) => {
                let obj = self.eval(&s.value, m)?;
                let index = self.eval(&s.slice, m)?;
                let cur = self.getitem(&obj, &index)?;
                let v = self.inplace(a.op, &cur, &rhs)?;
                self.setitem(&obj, index, v)
            }
            _ => Err(self.exc("SyntaxError", "illegal expression for augmented assignment")),
        }
    }

    /// `a op= b`: lists extend in place, as Python's `+=` does; everything else rebinds.
    fn inplace(&mut self, op: ast::Operator, a: &Value, b: &Value) -> Res<Value> {
        if let (ast::Operator::Add, Value::Obj(o)) = (op, a) {
            if let Ok(l) = List::try_from(o.clone()) {
                let items = self.collect(b)?;
                let len = l.len();
                l.splice(len, len, items)
                    .map_err(|e| self.core_exc(e, &[a, b]))?;
                return Ok(a.clone());
            }
        }
        self.binary(op, a, b)
    }

    pub(crate) fn delete(&mut self, target: &Expr, m: &Module) -> Res<()> {
        match target {
            Expr::Name(n) => self.delete_name(&n.id),
            Expr::Attribute(a) => {
                let obj = self.eval(&a.value, m)?;
                match &obj {
                    Value::Obj(o) => o.del_attr(&a.attr).map_err(|e| self.core_exc(e, &[&obj])),
                    _ => Err(self.exc(
                        "AttributeError",
                        format!("cannot delete attribute '{}'", a.attr),
                    )),
                }
            }
            Expr::Subscript(s) => {
                let obj = self.eval(&s.value, m)?;
                if let Expr::Slice(sl) = &*s.slice {
                    let (lo, hi, step) = self.slice_parts(sl, m)?;
                    return self.del_slice(&obj, lo, hi, step);
                }
                let index = self.eval(&s.slice, m)?;
                self.delitem(&obj, &index)
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                elts.iter().try_for_each(|e| self.delete(e, m))
            }
            _ => Err(self.exc("SyntaxError", "cannot delete this expression")),
        }
    }

    // ----- calls -----

    fn eval_call(&mut self, c: &ast::ExprCall, m: &Module) -> Res<Value> {
        let mut args = Args::default();
        for a in &c.args {
            if let Expr::Starred(s) = a {
                let v = self.eval(&s.value, m)?;
                args.pos.extend(self.collect(&v)?);
            } else {
                args.pos.push(self.eval(a, m)?);
            }
        }
        for k in &c.keywords {
            let v = self.eval(&k.value, m)?;
            match &k.arg {
                Some(name) => args.kw.push((name.to_string(), v)),
                None => {
                    for (key, val) in self.mapping_items(&v)? {
                        match key {
                            Value::Str(s) => args.kw.push((s.to_string(), val)),
                            _ => return Err(self.exc("TypeError", "keywords must be strings")),
                        }
                    }
                }
            }
        }
        // `super()` with no arguments: the method's class and first argument.
        if let Expr::Name(n) = &*c.func {
            if n.id.as_str() == "super" && args.pos.is_empty() && self.name_is_builtin("super") {
                return self.zero_arg_super();
            }
        }
        if let Expr::Attribute(a) = &*c.func {
            let obj = self.eval(&a.value, m)?;
            return self.call_method(&obj, &a.attr, args);
        }
        let f = self.eval(&c.func, m)?;
        self.call(&f, args)
    }

    fn name_is_builtin(&mut self, name: &str) -> bool {
        self.load_name(name)
            .ok()
            .and_then(|v| {
                v.as_obj()
                    .and_then(|o| o.native::<BuiltinBody>())
                    .map(|b| b.name == name)
            })
            .unwrap_or(false)
    }

    fn zero_arg_super(&mut self) -> Res<Value> {
        let class = self
            .load_name("__class__")
            .map_err(|_| self.exc("RuntimeError", "super(): __class__ cell not found"))?;
        let first = self
            .frame()
            .code
            .as_ref()
            .and_then(|c| c.params.positional.first().cloned());
        let Some(first) = first else {
            return Err(self.exc("RuntimeError", "super(): no arguments"));
        };
        let this = self.load_name(&first)?;
        self.new_super(class, this)
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
                    return (b.f)(self, args);
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
                self.instantiate(&class, args)
            }
            Kind::Instance => {
                let class = o.class_of().expect("an instance has a class");
                match types().builtin_name(class.as_obj()) {
                    Some("method") => {
                        let func = o.get_attr("__func__").expect("a bound method");
                        let this = o.get_attr("__self__").expect("a bound method");
                        let mut args = args;
                        args.pos.insert(0, this);
                        self.call(&func, args)
                    }
                    Some("method-wrapper") => {
                        let this = o.get_attr("__self__").expect("a bound method");
                        let name = o.get_attr("__name__").expect("a bound method");
                        let name = self.str_of(&name)?;
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

    /// `Class(*args)`: a built-in type's constructor, or a new instance and `__init__`.
    fn instantiate(&mut self, class: &Class, args: Args) -> Res<Value> {
        if let Some(name) = types().builtin_name(class.as_obj()) {
            if !class.is_subclass(&types().class("BaseException")) {
                return crate::builtins::construct(self, name, args);
            }
        }
        let is_exc = class.is_subclass(&types().class("BaseException"));
        let inst = Instance::new(class);
        let v: Value = inst.clone().into();
        if is_exc {
            inst.set_attr("args", Tuple::new(args.pos.clone()).into())
                .expect("a new instance accepts attributes");
        }
        match class.lookup("__init__") {
            Some(init) if !is_exc || init.as_obj().is_some_and(|o| o.kind() == Kind::Function) => {
                let mut args = args;
                args.pos.insert(0, v.clone());
                let r = self.call(&init, args)?;
                if !matches!(r, Value::None) {
                    return Err(self.exc("TypeError", "__init__() should return None"));
                }
            }
            Some(_) | None => {
                if !is_exc && (!args.pos.is_empty() || !args.kw.is_empty()) {
                    return Err(self.exc(
                        "TypeError",
                        format!("{}() takes no arguments", class.name()),
                    ));
                }
            }
        }
        Ok(v)
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
        o.class_of()
            .and_then(|c| types().builtin_name(c.as_obj()))
            .is_some_and(|n| matches!(n, "super"))
    }

    /// Looks `name` up on an object with attributes: its own, then its class chain.
    fn find_attr(&mut self, o: &ObjRef, name: &str) -> Res<Option<Found>> {
        if o.kind() == Kind::Instance {
            if let Some(v) = o.own_attr(name) {
                return Ok(Some(Found::Plain(v)));
            }
            let class = o.class_of().expect("instances have a class");
            let Some(v) = class.lookup(name) else {
                return Ok(None);
            };
            return match &v {
                Value::Obj(f) if f.kind() == Kind::Function => Ok(Some(Found::Method(v))),
                _ => self
                    .descriptor(v, Value::Obj(o.clone()), class.into())
                    .map(Some),
            };
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
                        return Ok(Value::Str(c.name()));
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
                    if o.kind() == Kind::Instance {
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
        if let Some(v) = crate::methods::property(self, obj, name)? {
            return Ok(v);
        }
        Err(self.exc(
            "AttributeError",
            format!("'{}' object has no attribute '{name}'", obj.type_name()),
        ))
    }

    fn bind_method(&mut self, this: &Value, func: Value) -> Value {
        let b = Instance::new(&types().class("method"));
        b.set_attr("__self__", this.clone())
            .expect("a new instance accepts attributes");
        b.set_attr("__func__", func)
            .expect("a new instance accepts attributes");
        b.into()
    }

    /// Attribute lookup through `super()`: the class chain after `__thisclass__`.
    fn super_attr(&mut self, s: &ObjRef, name: &str) -> Res<Value> {
        let this = s.get_attr("__self__").expect("a super object");
        let start = s.get_attr("__thisclass__").expect("a super object");
        let start = start.as_obj().and_then(|o| Class::try_from(o.clone()).ok());
        let Some(start) = start else {
            return Err(self.exc("TypeError", "super() argument 1 must be a type"));
        };
        for base in start.bases() {
            if let Some(v) = base.lookup(name) {
                return Ok(match &v {
                    Value::Obj(f) if f.kind() == Kind::Function => {
                        self.bind_method(&this, v.clone())
                    }
                    _ => v,
                });
            }
        }
        if name == "__init__" {
            // object.__init__: accepts nothing, does nothing.
            return Ok(crate::runtime::builtin("__init__", |_, _| Ok(Value::None)));
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
    pub(crate) fn setattr(&mut self, obj: &Value, name: &str, value: Value) -> Res<()> {
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
                    "int" => "int",
                    "range" => "range",
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
        it.set_attr("__seq__", seq)
            .expect("a new instance accepts attributes");
        it.set_attr("__i__", Value::Int(0))
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
