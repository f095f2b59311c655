//! Variables, calls, and the making of functions and classes.

use std::sync::{Arc, LazyLock};

use floe_core::{AttrHint, Class, Dict, Instance, Kind, List, ObjRef, Str, Tuple, Value};

use super::frame::{ClassNamespace, Frame, Globals};
use crate::compiler::{self, Const, Var};
use crate::errors::{Exc, Flow};
use crate::interp::{cell_value, new_cell, set_cell, Args, Interp};
use crate::runtime::{types, CodeBody};
use crate::subclass::Lineage;
use crate::syntax::Code;
use crate::Res;

/// A function object's attributes, in the order [`Interp::make_function`] sets them: a
/// call reads them at those positions without hashing their names.
#[derive(Clone, Copy)]
enum FnAttr {
    Name,
    Code,
    Defaults,
    KwDefaults,
    Closure,
    Globals,
}

const FN_ATTR_NAMES: [&str; 6] = [
    "__name__",
    "__code__",
    "__defaults__",
    "__kwdefaults__",
    "__closure__",
    "__globals__",
];

/// The names of a function's internal attributes, interned: a new function's keys are
/// these very strings, so a lookup compares pointers.
static FN_ATTR_STRS: LazyLock<[Str; 6]> = LazyLock::new(|| FN_ATTR_NAMES.map(Str::intern));

/// Where each internal attribute is in a new function's table (they are set in order).
static FN_ATTR_HINTS: [AttrHint; 6] = [
    AttrHint::new(0),
    AttrHint::new(1),
    AttrHint::new(2),
    AttrHint::new(3),
    AttrHint::new(4),
    AttrHint::new(5),
];

/// Function object `func`'s attribute `which` (`None` if a script deleted it).
fn fn_attr(func: &ObjRef, which: FnAttr) -> Option<Value> {
    let i = which as usize;
    func.own_attr_hinted(&FN_ATTR_STRS[i], &FN_ATTR_HINTS[i])
}

/// `f` of function object `func`'s attribute `which`, borrowed in place.
fn with_fn_attr<R>(func: &ObjRef, which: FnAttr, f: impl FnOnce(Option<&Value>) -> R) -> R {
    let i = which as usize;
    func.with_own_attr_hinted(&FN_ATTR_STRS[i], &FN_ATTR_HINTS[i], f)
}

/// `true` when `argc` positional arguments (and no keyword ones) are exactly `code`'s
/// parameters: no defaults wanted, no `*args`, `**kwargs` or keyword-only parameters, so
/// the arguments go into the first slots as they are.
fn binds_exactly(code: &Code, argc: usize) -> bool {
    let p = &code.params;
    p.vararg.is_none() && p.kwarg.is_none() && p.kwonly.is_empty() && p.positional.len() == argc
}

/// The name a call's errors give the function: its `__qualname__` (`C.m`,
/// `f.<locals>.g`), or its code's if a script set something else there.
fn qualname(code: &Code, func: &ObjRef) -> String {
    match func.own_attr("__qualname__") {
        Some(Value::Str(q)) => q.to_string(),
        _ => code.qualname.to_string(),
    }
}

/// CPython's message for a call with more positional arguments than the function takes
/// (`given` of them, with `kwonly_given` keyword-only arguments beside).
fn too_many_positional(
    qualname: &str,
    npos: usize,
    defaults: usize,
    given: usize,
    kwonly_given: usize,
) -> String {
    let (sig, plural) = if defaults > 0 {
        (format!("from {} to {npos}", npos - defaults), true)
    } else {
        (npos.to_string(), npos != 1)
    };
    let s = |n: usize| if n == 1 { "" } else { "s" };
    let kwonly = if kwonly_given > 0 {
        format!(
            " positional argument{} (and {kwonly_given} keyword-only argument{})",
            s(given),
            s(kwonly_given)
        )
    } else {
        String::new()
    };
    let verb = if given == 1 && kwonly_given == 0 {
        "was"
    } else {
        "were"
    };
    format!(
        "{qualname}() takes {sig} positional argument{} but {given}{kwonly} {verb} given",
        if plural { "s" } else { "" }
    )
}

/// CPython's message for missing arguments of `kind` (`positional`, `keyword-only`):
/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`.
fn missing_arguments(qualname: &str, kind: &str, names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.as_slice() {
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
        [] => String::new(),
    };
    let n = names.len();
    format!(
        "{qualname}() missing {n} required {kind} argument{}: {list}",
        if n == 1 { "" } else { "s" }
    )
}

/// How deep calls from native code into Python may nest: each nests a dispatch loop on
/// the interpreter thread's stack (RFC-0008 §3), and this keeps that within the stack
/// even in a debug build.
pub(crate) const MAX_NATIVE_DEPTH: usize = 8_000;

impl Interp {
    // ----- variables -----

    pub(super) fn load_var(&mut self, var: Var) -> Res<Value> {
        let frame = self.frames.top();
        match var {
            Var::Fast(_) => unreachable!("LoadFast"),
            Var::Cell(i) => {
                let cell = frame.cells.get(i as usize).and_then(Option::as_ref);
                match cell.and_then(cell_value) {
                    Some(v) => Ok(v),
                    _ => {
                        let name = self.var_name(var);
                        Err(self.exc(
                            "NameError",
                            format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
                        ))
                    }
                }
            }
            Var::Class(i) => {
                let name = frame.bc.names[i as usize].clone();
                if let Some(v) = frame.class_ns.as_ref().and_then(|ns| ns.get(&name)) {
                    return Ok(v.clone());
                }
                self.load_global(&name)
            }
            Var::Global(i) => {
                // Where this instruction last found the name (RFC-0008 §5).
                let (name, hint) = (&frame.bc.names[i as usize], &frame.bc.hints[frame.ip - 1]);
                if let Some(v) = self.global_at(&frame.globals, name, hint) {
                    return Ok(v);
                }
                // A builtin, found while the name is still borrowed from the code (no
                // count taken on it, two atomic updates, unless it is missing).
                if let Some(v) = self.builtins.get(name) {
                    return Ok(v.clone());
                }
                let name = name.clone();
                self.load_builtin(&name)
            }
        }
    }

    /// A global name (then a builtin) for the running frame.
    pub(crate) fn load_global(&mut self, name: &Str) -> Res<Value> {
        let globals = &self.frames.top().globals;
        if let Some(v) = self.global_in(globals, name) {
            return Ok(v);
        }
        self.load_builtin(name)
    }

    /// A builtin name, or the `NameError` of a name found nowhere.
    fn load_builtin(&mut self, name: &Str) -> Res<Value> {
        if let Some(v) = self.builtins.get(name) {
            return Ok(v.clone());
        }
        Err(self.exc("NameError", format!("name '{name}' is not defined")))
    }

    pub(super) fn store_var(&mut self, var: Var, value: Value) -> Res<()> {
        let frame = self.frames.top_mut();
        match var {
            Var::Fast(i) => {
                frame.slots[i as usize] = Some(value);
                Ok(())
            }
            Var::Cell(i) => match frame.cells.get(i as usize).and_then(Option::as_ref) {
                Some(c) => match set_cell(c, value.clone()) {
                    Ok(()) => Ok(()),
                    Err(e) => {
                        let cell = Value::Obj(c.clone());
                        Err(self.core_exc(e, &[&cell, &value]))
                    }
                },
                None => {
                    let name = self.var_name(var);
                    Err(self.exc("NameError", format!("no binding for nonlocal '{name}'")))
                }
            },
            Var::Class(i) => {
                let name = frame.bc.names[i as usize].clone();
                frame
                    .class_ns
                    .as_mut()
                    .expect("a class body")
                    .insert(name, value);
                Ok(())
            }
            Var::Global(i) => {
                let (name, hint) = (&frame.bc.names[i as usize], &frame.bc.hints[frame.ip - 1]);
                frame
                    .globals
                    .bind(&self.globals, name, &value, hint)
                    .map_err(|(e, holder)| self.core_exc(e, &[&holder, &value]))
            }
        }
    }

    /// Unbinds a variable; `false` if it was not bound.
    pub(super) fn delete_var(&mut self, var: Var) -> bool {
        let frame = self.frames.top_mut();
        match var {
            Var::Fast(i) => frame.slots[i as usize].take().is_some(),
            Var::Cell(i) => frame
                .cells
                .get(i as usize)
                .cloned()
                .flatten()
                .is_some_and(|c| c.del_attr("cell_contents").is_ok()),
            Var::Class(i) => {
                let name = frame.bc.names[i as usize].clone();
                frame
                    .class_ns
                    .as_mut()
                    .is_some_and(|ns| ns.shift_remove(&name).is_some())
            }
            Var::Global(i) => {
                let name = frame.bc.names[i as usize].clone();
                match &frame.globals {
                    Globals::Main => self.globals.remove(&Value::Str(name)).is_ok(),
                    Globals::Module { ns, .. } => ns.del_attr(&name).is_ok(),
                    Globals::Snapshot(d) => d.remove(&Value::Str(name)).is_ok(),
                }
            }
        }
    }

    // ----- calls -----

    /// Calls `f` from the running frame: a Python function gets a frame of its own on
    /// top (the loop goes on there); anything else is called now and its result pushed.
    pub(super) fn call_here(&mut self, f: Value, args: Args) -> Res<()> {
        let mut args = args;
        let func = match &f {
            Value::Obj(o) if o.kind() == Kind::Function => Some(o.clone()),
            Value::Obj(o) => bound_method(o).map(|(func, this)| {
                args.pos.insert(0, this);
                func
            }),
            _ => None,
        };
        match func {
            Some(func) => {
                if let Some(generator) = self.push_call(&func, args)? {
                    self.push_result(generator);
                }
            }
            None => {
                let v = self.call(&f, args)?;
                self.push_result(v);
            }
        }
        Ok(())
    }

    /// Pops the top of the running frame's stack.
    pub(super) fn pop_top(&mut self) -> Value {
        self.frames
            .top_mut()
            .stack
            .pop()
            .expect("the compiler balances the stack")
    }

    /// Pushes what a native call returned onto the running frame's stack.
    pub(super) fn push_result(&mut self, v: Value) {
        self.frames.top_mut().stack.push(v);
    }

    /// `obj.name(args)` from the running frame, the stack holding `obj a1 .. an`: a
    /// Python method found on an instance's class gets a frame on top with the stack's
    /// values as its arguments (no bound method made, no argument shifted); anything else
    /// goes through `call_method`.
    pub(super) fn call_method_here(&mut self, name: &Str, argc: u32, kw: Option<u32>) -> Res<()> {
        if kw.is_none() && self.list_append_or_pop(name, argc)? {
            return Ok(());
        }
        let frame = self.frames.top_mut();
        let at = frame.stack.len() - argc as usize - 1;
        if let Some(f) = self.methods.python_method(&frame.stack[at], name) {
            let started = match kw {
                None => self.push_call_from_stack(&f, argc as usize + 1)?,
                Some(_) => {
                    let mut args = self.pop_args(argc, kw);
                    args.pos.insert(0, self.pop_top());
                    self.push_call(&f, args)?
                }
            };
            if let Some(generator) = started {
                self.push_result(generator);
            }
            return Ok(());
        }
        let args = self.pop_args(argc, kw);
        let obj = self.pop_top();
        let v = self.call_method(&obj, name, args)?;
        self.push_result(v);
        Ok(())
    }

    /// `xs.append(v)` and `xs.pop()` on a list (not an instance of a subclass), the stack
    /// holding `xs` and the argument: done here, as the built-in methods do them, with
    /// no method looked up by name and no argument vector made. `false` (nothing
    /// popped) for anything else, an empty list's `pop()` included, and in a run that
    /// draws its steps.
    fn list_append_or_pop(&mut self, name: &Str, argc: u32) -> Res<bool> {
        static APPEND: LazyLock<Str> = LazyLock::new(|| Str::intern("append"));
        static POP: LazyLock<Str> = LazyLock::new(|| Str::intern("pop"));
        let append = argc == 1 && Str::ptr_eq(name, &APPEND);
        let pop = argc == 0 && Str::ptr_eq(name, &POP);
        // A run drawing its steps takes the general path, which draws a capture.
        if !(append || pop) || self.drawing_steps() {
            return Ok(false);
        }
        let stack = &mut self.frames.top_mut().stack;
        let at = stack.len() - argc as usize - 1;
        let list = match &stack[at] {
            Value::Obj(o) if o.kind() == Kind::List => {
                List::try_from(o.clone()).expect("a list object")
            }
            _ => return Ok(false),
        };
        if append {
            let v = stack.pop().expect("the argument");
            let obj = stack.pop().expect("the list");
            list.push(v.clone())
                .map_err(|e| self.core_exc(e, &[&obj, &v]))?;
            self.push_result(Value::None);
        } else {
            if list.is_empty() {
                return Ok(false);
            }
            let obj = stack.pop().expect("the list");
            // As the built-in method removes it (the same errors for a frozen list).
            let n = list.len();
            let mut out = list
                .splice(n - 1, n, Vec::new())
                .map_err(|e| self.core_exc(e, &[&obj]))?;
            self.push_result(out.pop().expect("one element removed"));
        }
        Ok(true)
    }

    /// Calls a function object and runs it to its end (native code calling Python).
    pub(crate) fn call_function(&mut self, func: &ObjRef, args: Args) -> Res<Value> {
        self.check_native_depth()?;
        let base = self.frames.len();
        match self.push_call(func, args)? {
            Some(generator) => Ok(generator),
            None => self.run_nested(base),
        }
    }

    /// [`Interp::call_function`] with the positional arguments `this` and `rest` (a
    /// special method's call from native code): they go straight into the frame's
    /// slots when they are exactly its parameters, with no argument vector made.
    pub(crate) fn call_function_on<const N: usize>(
        &mut self,
        func: &ObjRef,
        this: &Value,
        rest: [Value; N],
    ) -> Res<Value> {
        self.check_native_depth()?;
        let base = self.frames.len();
        let mut frame = self.call_frame(func)?;
        let args = std::iter::once(this.clone()).chain(rest);
        self.bind_positional(func, &mut frame, args, 1 + N)?;
        match self.enter_call(func, frame) {
            Some(generator) => Ok(generator),
            None => self.run_nested(base),
        }
    }

    /// A `RecursionError` once native code has nested as many dispatch loops as the
    /// thread's stack allows.
    fn check_native_depth(&mut self) -> Res<()> {
        if self.native_depth >= MAX_NATIVE_DEPTH {
            return Err(self.exc(
                "RecursionError",
                "maximum recursion depth exceeded (in calls made by built-in code, such as __init__ or a key function)",
            ));
        }
        Ok(())
    }

    /// Runs the frame just pushed above `base` to its end in a nested dispatch loop.
    fn run_nested(&mut self, base: usize) -> Res<Value> {
        self.native_depth += 1;
        let result = self.run_frames(base);
        self.native_depth -= 1;
        result
    }

    /// Starts a call of function object `func`: pushes its frame, or, for a generator
    /// function, makes and returns the generator.
    pub(crate) fn push_call(&mut self, func: &ObjRef, args: Args) -> Res<Option<Value>> {
        let mut frame = self.call_frame(func)?;
        if args.kw.is_empty() {
            let n = args.pos.len();
            self.bind_positional(func, &mut frame, args.pos.into_iter(), n)?;
        } else {
            let code = frame.code.as_deref().expect("a function's frame has code");
            self.bind(code, func, args, &mut frame.slots)?;
        }
        Ok(self.enter_call(func, frame))
    }

    /// Binds `n` positional arguments `pos` to the parameters of `frame` (a call of
    /// `func`): moved straight into its slots when they are exactly its parameters,
    /// else bound the general way (defaults, `*args`).
    fn bind_positional(
        &mut self,
        func: &ObjRef,
        frame: &mut Frame,
        pos: impl Iterator<Item = Value>,
        n: usize,
    ) -> Res<()> {
        let code = frame.code.as_deref().expect("a function's frame has code");
        if binds_exactly(code, n) {
            for (slot, v) in frame.slots.iter_mut().zip(pos) {
                *slot = Some(v);
            }
            Ok(())
        } else {
            self.bind(code, func, Args::of(pos.collect()), &mut frame.slots)
        }
    }

    /// As [`Interp::push_call`] with the top `argc` values of the running frame's stack
    /// as the positional arguments: when they are exactly the function's parameters (no
    /// defaults wanted, no `*args`, `**kwargs` or keyword-only ones) they move from the
    /// stack into the new frame's slots, with no argument vector made.
    pub(super) fn push_call_from_stack(
        &mut self,
        func: &ObjRef,
        argc: usize,
    ) -> Res<Option<Value>> {
        let mut frame = match self.call_frame(func) {
            Ok(frame) => frame,
            Err(e) => {
                drop(self.pop_n(argc));
                return Err(e);
            }
        };
        let code = frame.code.as_deref().expect("a function's frame has code");
        if binds_exactly(code, argc) {
            let caller = &mut self.frames.top_mut().stack;
            let at = caller.len() - argc;
            for (slot, v) in frame.slots.iter_mut().zip(caller.drain(at..)) {
                *slot = Some(v);
            }
        } else {
            let args = Args::of(self.pop_n(argc));
            self.bind(code, func, args, &mut frame.slots)?;
        }
        Ok(self.enter_call(func, frame))
    }

    /// `Call(argc)` of a class, the stack holding `class a1 .. an` from `at`; `false`
    /// (nothing changed) if the callee is not a class. A plain class (a Python class
    /// with no `__new__`, no built-in base, not an exception) whose `__init__` is a
    /// Python function makes its instance here: the instance takes the class's place
    /// and `__init__`'s frame goes on top with the instance and the arguments as its
    /// own, marked so that its return hands the caller the instance — no nested
    /// dispatch loop, no argument vector (RFC-0008 §3). Any other class is
    /// instantiated the general way, its result pushed.
    #[inline(never)]
    pub(super) fn construct_here(&mut self, at: usize, argc: u32) -> Res<bool> {
        let class = match &self.frames.top().stack[at] {
            Value::Obj(o) if o.kind() == Kind::Class => {
                Class::try_from(o.clone()).expect("a class object is a class")
            }
            _ => return Ok(false),
        };
        let lineage = crate::subclass::lineage(&class);
        let Some((instance, init)) = self.plain_init(&class, lineage) else {
            let args = self.pop_args(argc, None);
            drop(self.pop_top());
            let v = self.instantiate(&class, lineage, args)?;
            self.push_result(v);
            return Ok(true);
        };
        self.frames.top_mut().stack[at] = instance.clone();
        match self.push_call_from_stack(&init, argc as usize + 1)? {
            // A generator function as `__init__`: its call made a generator.
            Some(generator) => Err(self.init_returned(&generator)),
            None => {
                self.frames.top_mut().init_of = Some(instance);
                Ok(true)
            }
        }
    }

    /// For a plain class (see [`Interp::construct_here`]) of lineage `lineage`: a new
    /// instance and the class's `__init__` function; `None` for any other class.
    fn plain_init(&self, class: &Class, lineage: Lineage) -> Option<(Value, ObjRef)> {
        if lineage.is_builtin || lineage.is_exception || lineage.base.is_some() || lineage.has_new {
            return None;
        }
        match self.methods.lookup_special(class, "__init__")? {
            Value::Obj(init) if init.kind() == Kind::Function => {
                Some((Instance::new(class).into(), init))
            }
            _ => None,
        }
    }

    /// A frame for a call of function object `func`, its parameters not yet bound.
    fn call_frame(&mut self, func: &ObjRef) -> Res<Box<Frame>> {
        if self.frames.len() >= self.recursion_limit {
            return Err(self.exc("RecursionError", "maximum recursion depth exceeded"));
        }
        self.step()?;
        // The function's code and globals are read in place, in one access: no count
        // taken on its code or its globals' name, and none on the code's parts unless
        // the pooled frame ran other code last.
        let [code, globals] = [FnAttr::Code, FnAttr::Globals].map(|a| a as usize);
        let names = [
            (&FN_ATTR_STRS[code], &FN_ATTR_HINTS[code]),
            (&FN_ATTR_STRS[globals], &FN_ATTR_HINTS[globals]),
        ];
        let (pool, imports) = (&mut self.pool, &self.imports);
        let frame: Result<Option<Box<Frame>>, ()> =
            func.with_own_attrs_hinted(names, |[code, g]| {
                let globals = match g {
                    Some(Value::Obj(d)) => {
                        Globals::Snapshot(Dict::try_from(d.clone()).map_err(drop)?)
                    }
                    Some(Value::Str(key)) => Interp::globals_of(imports, key),
                    _ => Globals::Main,
                };
                let body = code
                    .and_then(Value::as_obj)
                    .and_then(ObjRef::native::<CodeBody>);
                Ok(body.map(|body| {
                    let bc = compiler::compiled(&body.0, &body.1);
                    pool.frame(Some(&body.0), bc, globals, &body.1)
                }))
            });
        let Ok(frame) = frame else {
            return Err(self.exc("TypeError", "a function's __globals__ must be a dict"));
        };
        // `None`: a generator object, or a function whose `__code__` a script replaced.
        frame.ok_or_else(|| {
            self.exc(
                "TypeError",
                format!("'{}' object is not callable", func.type_name()),
            )
        })
    }

    /// Gives a bound call's frame its closure cells and runs it (or makes the generator).
    fn enter_call(&mut self, func: &ObjRef, mut frame: Box<Frame>) -> Option<Value> {
        let free = frame.bc.free_names.len();
        let want = frame.bc.cell_names.len() + free;
        add_cells(&mut frame, |cells| {
            if free > 0 {
                // The closure's cells, in the order of the code's free names.
                with_fn_attr(func, FnAttr::Closure, |c| {
                    c.and_then(Value::as_obj).and_then(|t| {
                        t.with_seq_items(|items| {
                            cells.extend(items.iter().map(|v| v.as_obj().cloned()))
                        })
                    })
                });
                // A function's closure matches its code (`__closure__` is read-only,
                // and `__code__` takes only code with as many free variables); the
                // frame's cell list is the length the code expects regardless.
                cells.resize(want, None);
            }
        });
        self.enter(frame)
    }

    /// Runs comprehension code constant `code` with `iterable` as its `.0`: its frame
    /// goes on top, or, for a generator expression, a generator is pushed.
    pub(super) fn enter_comprehension(&mut self, code: u32, iterable: Value) -> Res<()> {
        if self.frames.len() >= self.recursion_limit {
            return Err(self.exc("RecursionError", "maximum recursion depth exceeded"));
        }
        let code = self.nested_code(code);
        let running = self.frames.top();
        let (module, globals) = (Arc::clone(&running.module), running.globals.clone());
        // A generator expression takes its iterator now, as Python does (a
        // non-iterable is an error here, not at the first `next`). A list or tuple is
        // kept as it is: its loop reads it by position, live, as its iterator would,
        // and no one else sees the hidden `.0`.
        let plain_sequence = iterable
            .as_obj()
            .is_some_and(|o| matches!(o.kind(), Kind::List | Kind::Tuple));
        let iterable = if code.is_generator && !plain_sequence {
            self.iter_value(&iterable)?
        } else {
            iterable
        };
        let bc = compiler::compiled(&code, &module);
        let mut frame = self.pool.frame(Some(&code), bc, globals, &module);
        frame.slots[0] = Some(iterable);
        let running = self.frames.top();
        add_cells(&mut frame, |cells| {
            cells.extend(bc.free_names.iter().map(|name| cell_of(running, name)));
        });
        if let Some(generator) = self.enter(frame) {
            self.push_result(generator);
        }
        Ok(())
    }

    /// Runs a new frame: on top of the frames, or, for generator code, as a generator
    /// (returned).
    fn enter(&mut self, frame: Box<Frame>) -> Option<Value> {
        if frame.code.as_ref().is_some_and(|c| c.is_generator) {
            return Some(self.make_generator(frame));
        }
        self.frames.push(frame);
        None
    }

    /// Binds call arguments to the parameter slots (positional, `*args`, keyword-only,
    /// `**kwargs`, in that order), with defaults, as Python does.
    fn bind(
        &mut self,
        code: &Code,
        func: &ObjRef,
        args: Args,
        slots: &mut [Option<Value>],
    ) -> Res<()> {
        let p = &code.params;
        let npos = p.positional.len();
        let var_slot = npos;
        let kw_start = npos + usize::from(p.vararg.is_some());
        let kwarg_slot = kw_start + p.kwonly.len();
        let given = args.pos.len();
        let mut pos = args.pos.into_iter();
        for slot in slots.iter_mut().take(npos) {
            match pos.next() {
                Some(v) => *slot = Some(v),
                None => break,
            }
        }
        let extra: Vec<Value> = pos.collect();
        let too_many = p.vararg.is_none() && !extra.is_empty();
        if p.vararg.is_some() {
            slots[var_slot] = Some(Tuple::new(extra).into());
        }
        let kwargs = p.kwarg.as_ref().map(|_| Dict::new());
        for (k, v) in args.kw {
            let slot = p
                .positional
                .iter()
                .enumerate()
                .skip(p.posonly)
                .find(|(_, n)| ***n == *k)
                .map(|(i, _)| i)
                .or_else(|| {
                    p.kwonly
                        .iter()
                        .position(|n| **n == *k)
                        .map(|i| kw_start + i)
                });
            match slot {
                Some(i) => {
                    if slots[i].is_some() {
                        let q = qualname(code, func);
                        return Err(self.exc(
                            "TypeError",
                            format!("{q}() got multiple values for argument '{k}'"),
                        ));
                    }
                    slots[i] = Some(v);
                }
                None => match &kwargs {
                    Some(kwargs) => kwargs
                        .set(Value::str(&k), v)
                        .expect("a new dict accepts str keys"),
                    None => {
                        let q = qualname(code, func);
                        return Err(self.exc(
                            "TypeError",
                            format!("{q}() got an unexpected keyword argument '{k}'"),
                        ));
                    }
                },
            }
        }
        if let Some(kwargs) = kwargs {
            slots[kwarg_slot] = Some(kwargs.into());
        }
        let complete = slots[..npos].iter().all(Option::is_some)
            && slots[kw_start..kw_start + p.kwonly.len()]
                .iter()
                .all(Option::is_some);
        if complete && !too_many {
            return Ok(());
        }
        let defaults = match fn_attr(func, FnAttr::Defaults) {
            Some(Value::Obj(t)) => Tuple::try_from(t).map(|t| t.to_vec()).unwrap_or_default(),
            _ => Vec::new(),
        };
        if too_many {
            let kwonly_given = slots[kw_start..kw_start + p.kwonly.len()]
                .iter()
                .filter(|s| s.is_some())
                .count();
            let message = too_many_positional(
                &qualname(code, func),
                npos,
                defaults.len().min(npos),
                given,
                kwonly_given,
            );
            return Err(self.exc("TypeError", message));
        }
        // Defaults fill the last positional parameters, then keyword-only ones.
        let first_default = npos - defaults.len().min(npos);
        let mut missing = Vec::new();
        for (i, name) in p.positional.iter().enumerate() {
            if slots[i].is_none() {
                if i >= first_default {
                    slots[i] = Some(defaults[i - first_default].clone());
                } else {
                    missing.push(name.to_string());
                }
            }
        }
        if !missing.is_empty() {
            let message = missing_arguments(&qualname(code, func), "positional", &missing);
            return Err(self.exc("TypeError", message));
        }
        let kwdefaults = match fn_attr(func, FnAttr::KwDefaults) {
            Some(Value::Obj(d)) => Dict::try_from(d).ok(),
            _ => None,
        };
        for (j, name) in p.kwonly.iter().enumerate() {
            if slots[kw_start + j].is_none() {
                let d = kwdefaults
                    .as_ref()
                    .and_then(|d| d.get(&Value::str(name)).ok().flatten());
                match d {
                    Some(v) => slots[kw_start + j] = Some(v),
                    None => missing.push(name.to_string()),
                }
            }
        }
        if !missing.is_empty() {
            let message = missing_arguments(&qualname(code, func), "keyword-only", &missing);
            return Err(self.exc("TypeError", message));
        }
        Ok(())
    }

    // ----- definitions -----

    /// The nested code constant `i` of the running frame.
    fn nested_code(&self, i: u32) -> Arc<Code> {
        match &self.frames.top().bc.consts[i as usize] {
            Const::Code(c) => Arc::clone(c),
            _ => unreachable!("a code constant"),
        }
    }

    /// The cell the running frame has for `name` (own, closure's, or a class body's
    /// `__class__`).
    pub(crate) fn frame_cell(&self, name: &Str) -> Option<ObjRef> {
        cell_of(self.frames.top(), name)
    }

    /// Makes a function object from code constant `code`: its defaults, keyword
    /// defaults and closure cells (by name, from the running frame).
    pub(super) fn make_function(
        &mut self,
        code: u32,
        defaults: Value,
        kwdefaults: Value,
    ) -> Res<Value> {
        let code = self.nested_code(code);
        let module = Arc::clone(&self.frames.top().module);
        // The cells in the order of the code's free names, as CPython's `__closure__`
        // (`None` without any): a call takes them by position (`enter_call`).
        let bc = compiler::compiled(&code, &module);
        let closure = match bc.free_names.is_empty() {
            true => Value::None,
            false => {
                let running = self.frames.top();
                let cells = bc
                    .free_names
                    .iter()
                    .map(|name| cell_of(running, name).map_or(Value::None, Value::Obj));
                Tuple::new(cells).into()
            }
        };
        let globals = match &self.frames.top().globals {
            Globals::Main => Value::str("__main__"),
            Globals::Module { key, .. } => Value::Str(key.clone()),
            Globals::Snapshot(d) => d.clone().into(),
        };
        let f = Instance::new_function(&types().class("function"));
        let set = |which: FnAttr, v: Value| {
            let i = which as usize;
            f.set_attr_hinted(&FN_ATTR_STRS[i], v, &FN_ATTR_HINTS[i])
                .expect("a new function accepts attributes")
        };
        set(FnAttr::Name, Value::Str(code.name.clone()));
        set(
            FnAttr::Code,
            Value::Obj(ObjRef::new_native(CodeBody(Arc::clone(&code), module))),
        );
        set(FnAttr::Defaults, defaults);
        set(FnAttr::KwDefaults, kwdefaults);
        set(FnAttr::Closure, closure);
        set(FnAttr::Globals, globals);
        f.set_attr("__qualname__", Value::Str(code.qualname.clone()))
            .expect("a new function accepts attributes");
        Ok(Value::Obj(f))
    }

    /// Runs class body `code` with `bases` and makes the class.
    pub(super) fn make_class(&mut self, code: u32, bases: Vec<Value>) -> Res<Value> {
        let code = self.nested_code(code);
        let mut classes = Vec::new();
        for v in bases {
            let class = v.as_obj().and_then(|o| Class::try_from(o.clone()).ok());
            let Some(class) = class else {
                return Err(self.exc("TypeError", "bases must be classes"));
            };
            classes.push(class);
        }
        if let Some(refusal) = crate::subclass::refuse_bases(&classes) {
            return Err(self.exc("TypeError", refusal));
        }
        if classes.is_empty() {
            classes.push(types().class("object"));
        }
        let caller = self.frames.top();
        let module = Arc::clone(&caller.module);
        let globals = caller.globals.clone();
        let bc = compiler::compiled(&code, &module);
        let class_cell = new_cell(None);
        let mut frame = self.pool.frame(Some(&code), bc, globals, &module);
        for _ in &bc.cell_names {
            frame.cells.push(Some(new_cell(None)));
        }
        for name in &bc.free_names {
            let cell = if &**name == "__class__" {
                Some(class_cell.clone())
            } else {
                self.frame_cell(name)
            };
            frame.cells.push(cell);
        }
        // As Python's, the body starts with `__module__` bound (it may rebind it).
        let module_name = self
            .global_in(&frame.globals, &Str::intern("__name__"))
            .unwrap_or_else(|| Value::str("__main__"));
        let mut ns = ClassNamespace::default();
        ns.insert(Str::intern("__module__"), module_name);
        frame.class_ns = Some(ns);
        frame.class_cell = Some(class_cell.clone());
        let base = self.frames.len();
        self.frames.push(frame);
        self.run_frames(base)?;
        let ns = self.returned_ns.take().unwrap_or_default();
        let class = Class::new(&code.name, &classes);
        for (k, v) in &ns {
            crate::expr::note_class_attr(k);
            class
                .set_attr(k, v.clone())
                .map_err(|e| self.core_exc(e, &[v]))?;
        }
        set_cell(&class_cell, class.clone().into()).expect("a new cell accepts a value");
        let v: Value = class.into();
        // PEP 487: the nearest base's `__init_subclass__`, an implicit class method.
        let hook = classes.iter().find_map(|b| b.lookup("__init_subclass__"));
        if let Some(hook) = hook {
            let hook = match hook.as_obj().and_then(ObjRef::class_of) {
                Some(c) if types().builtin_name(c.as_obj()) == Some("classmethod") => hook
                    .as_obj()
                    .and_then(|o| o.own_attr("__func__"))
                    .unwrap_or(Value::None),
                _ => hook,
            };
            self.call(&hook, Args::of(vec![v.clone()]))?;
        }
        Ok(v)
    }

    // ----- raising and importing -----

    /// The exception `raise` raises: 0 re-raises the one being handled, 1 raises the
    /// top of the stack (a class is instantiated).
    pub(super) fn raise_value(&mut self, kind: u8) -> Flow {
        if kind == 0 {
            return match self.handling.last().cloned() {
                Some(v) => Flow::Exc(Box::new(Exc {
                    value: v,
                    tb: Vec::new(),
                })),
                None => self.exc("RuntimeError", "No active exception to reraise"),
            };
        }
        let v = self.frames.top_mut().stack.pop().expect("the exception");
        self.exception_from(v)
    }

    /// The exception `raise v` raises: `v` itself, or an instance of class `v`; a
    /// `TypeError` if that is not an exception.
    pub(crate) fn exception_from(&mut self, v: Value) -> Flow {
        let v = match &v {
            Value::Obj(o) if Class::try_from(o.clone()).is_ok() => {
                match self.call(&v, Args::default()) {
                    Ok(inst) => inst,
                    Err(f) => return f,
                }
            }
            _ => v,
        };
        let base = types().get("BaseException");
        if !self.exc_matches(&v, &base) {
            return self.exc("TypeError", "exceptions must derive from BaseException");
        }
        Flow::Exc(Box::new(Exc {
            value: v,
            tb: Vec::new(),
        }))
    }
}

/// Gives a new frame its cells: a new cell for each of its own (a captured parameter's
/// holds its argument), then the closure's, `closure` finding each by name.
/// The cell `frame` has for `name` (own, closure's, or a class body's `__class__`).
fn cell_of(frame: &Frame, name: &Str) -> Option<ObjRef> {
    if &**name == "__class__" {
        if let Some(c) = &frame.class_cell {
            return Some(c.clone());
        }
    }
    let bc = &frame.bc;
    bc.cell_names
        .iter()
        .chain(&bc.free_names)
        .position(|n| n == name)
        .and_then(|i| frame.cells[i].clone())
}

/// Gives a new frame its own cells (a parameter's moves its argument in), then lets
/// `closure` append the closure's cells.
fn add_cells(frame: &mut Frame, closure: impl FnOnce(&mut Vec<Option<ObjRef>>)) {
    if frame.bc.cell_names.is_empty() && frame.bc.free_names.is_empty() {
        return;
    }
    let Frame {
        bc, cells, slots, ..
    } = frame;
    for param in &bc.cell_params {
        let value = param.and_then(|i| slots[i as usize].take());
        cells.push(Some(new_cell(value)));
    }
    closure(cells);
}

/// A bound method's function (if it is a Python function) and its `self`.
fn bound_method(o: &ObjRef) -> Option<(ObjRef, Value)> {
    if o.kind() != Kind::Instance {
        return None;
    }
    let class = o.class_of()?;
    if types().builtin_name(class.as_obj()) != Some("method") {
        return None;
    }
    let func = o.get_attr("__func__").ok()?;
    let f = func
        .as_obj()
        .filter(|f| f.kind() == Kind::Function)?
        .clone();
    let this = o.get_attr("__self__").ok()?;
    Some((f, this))
}
