//! The evaluator's state and statements: frames, names, functions, classes, control flow.

use indexmap::IndexMap;
use std::io::Write;
use std::sync::Arc;

use floe_core::{Class, Dict, Instance, ObjRef, Str, Tuple, Value};
use floe_freeze::FreezePolicy;
use rustpython_parser::ast::{self, Expr, Ranged, Stmt};

use crate::errors::{Exc, Flow, TbEntry};
use crate::runtime::{types, CodeBody, FastMap};
use crate::syntax::{Code, CodeBody as Body, Module, NameKind, Source};
use crate::Res;

/// The fewest live local objects at which the interpreter collects cycles.
const GC_FLOOR: u64 = 100_000;

/// The deepest Python call nesting before `RecursionError`.
const MAX_DEPTH: usize = 400;

/// A `Cown(r)` made while `r` was still referenced (semantics §6): the hand-off waiting for
/// the references to go, the region, and where the cown was made (innermost frame first),
/// for the traceback if the run ends before the region moves.
pub(crate) struct PendingHandoff {
    pub handoff: floe_cowns::Handoff,
    pub region: floe_regions::Region,
    pub made_at: Vec<crate::errors::TbEntry>,
}

/// Positional and keyword arguments of a call.
#[derive(Default)]
pub(crate) struct Args {
    pub pos: Vec<Value>,
    pub kw: Vec<(String, Value)>,
}

impl Args {
    /// Positional arguments only.
    pub(crate) fn of(pos: Vec<Value>) -> Args {
        Args {
            pos,
            kw: Vec::new(),
        }
    }
}

/// A frame's variables, in the order they were first bound (a class body's become the
/// class's attributes in that order).
pub(crate) type Locals = IndexMap<Str, Value, foldhash::fast::FixedState>;

/// Where a frame's global names live.
#[derive(Clone)]
pub(crate) enum Globals {
    /// The module's namespace.
    Module,
    /// A frozen function's snapshot of the globals it names (semantics §4).
    Snapshot(Dict),
}

/// One activation: a module body, function call or class body.
pub(crate) struct Frame {
    pub code: Option<Arc<Code>>,
    pub locals: Locals,
    /// The cells of this frame's captured variables (`NameKind::Cell`), made when the
    /// variable is first bound or first captured.
    pub cells: FastMap<Str, ObjRef>,
    /// Cells of the enclosing scopes this code uses (`NameKind::Free`).
    pub closure: FastMap<String, ObjRef>,
    pub globals: Globals,
    pub source: Arc<Source>,
    /// The statement running now (byte offset), for tracebacks.
    pub offset: usize,
    pub func: String,
}

/// Where `print` writes: shared with the behaviours the script schedules, which print
/// from worker threads.
pub type Out = Arc<std::sync::Mutex<dyn Write + Send>>;

/// Options of a run (semantics §3–§4 policies).
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// `freeze_aliases` and `classes`.
    pub freeze: FreezePolicy,
    /// `implicit_freezing`.
    pub implicit_freezing: bool,
    /// Stop a run after this many statements with `RuntimeError` (for fuzzing and
    /// untrusted scripts); `None` runs to completion.
    pub step_limit: Option<u64>,
}

impl Options {
    /// Sets one policy from `NAME=VALUE` (`floe run --policy`): `freeze_aliases=raise|allow`,
    /// `classes=explicit|yes`, `implicit_freezing=off|on`.
    ///
    /// # Errors
    /// A message naming the unknown policy or value.
    pub fn set_policy(&mut self, spec: &str) -> Result<(), String> {
        use floe_freeze::{AliasPolicy, ClassPolicy};
        let Some((name, value)) = spec.split_once('=') else {
            return Err(format!("--policy expects NAME=VALUE, got '{spec}'"));
        };
        match (name.trim(), value.trim()) {
            ("freeze_aliases", "raise") => self.freeze.aliases = AliasPolicy::Raise,
            ("freeze_aliases", "allow") => self.freeze.aliases = AliasPolicy::Allow,
            ("classes", "explicit") => self.freeze.classes = ClassPolicy::Explicit,
            ("classes", "yes") => self.freeze.classes = ClassPolicy::Yes,
            ("implicit_freezing", "off") => self.implicit_freezing = false,
            ("implicit_freezing", "on") => self.implicit_freezing = true,
            _ => {
                return Err(format!(
                    "unknown policy {name}={value} (freeze_aliases=raise|allow, classes=explicit|yes, implicit_freezing=off|on)"
                ))
            }
        }
        Ok(())
    }
}

/// A Python-subset interpreter over Floe's object model, for one thread.
pub struct Interp {
    pub(crate) globals: Dict,
    pub(crate) builtins: FastMap<&'static str, Value>,
    pub(crate) frames: Vec<Frame>,
    pub(crate) out: Out,
    /// Exceptions being handled by running `except` blocks (for a bare `raise`).
    pub(crate) handling: Vec<Value>,
    /// Every module loaded, to find the definitions inside a code object.
    pub(crate) modules: Vec<Arc<Module>>,
    /// The `floe` module, made on first import.
    pub(crate) floe_module: Option<Value>,
    /// How deep a structural comparison has gone (cyclic containers end in an error).
    pub(crate) nesting: usize,
    /// The run's options (behaviours' workers run under the same).
    pub(crate) options: Options,
    /// Inside a behaviour: the values of the cowns it holds, by cown id (`c.value`).
    pub(crate) holding: FastMap<u64, Value>,
    /// Cowns made from regions this thread still referenced (semantics §6): each waits
    /// for its region until the references are gone.
    pub(crate) pending: Vec<PendingHandoff>,
    /// Global names as shared strings, so reading a global allocates nothing.
    names: FastMap<String, Str>,
    /// Live local objects above which the next check collects cycles, and the least it
    /// is ever set to.
    gc_threshold: u64,
    gc_floor: u64,
    /// The storyboard `floe run --draw DIR` writes (RFC-0007).
    pub(crate) pictures: Option<crate::pictures::Storyboard>,
    /// Statements executed, and the limit (`Options::step_limit`).
    steps: u64,
    step_limit: u64,
}

impl Interp {
    /// A fresh interpreter with an empty `__main__` namespace, printing to `out`.
    pub fn new(out: Out, options: Options) -> Interp {
        floe_freeze::install_implicit_freezer();
        set_thread_policies(options);
        let globals = Dict::new();
        globals
            .set(Value::str("__name__"), Value::str("__main__"))
            .expect("a new dict accepts items");
        let mut interp = Interp {
            globals,
            builtins: FastMap::default(),
            frames: Vec::new(),
            out,
            handling: Vec::new(),
            modules: Vec::new(),
            floe_module: None,
            nesting: 0,
            options,
            holding: FastMap::default(),
            names: FastMap::default(),
            pending: Vec::new(),
            gc_threshold: GC_FLOOR,
            gc_floor: GC_FLOOR,
            pictures: None,
            steps: 0,
            step_limit: options.step_limit.unwrap_or(u64::MAX),
        };
        interp.builtins = crate::builtins::table();
        interp
    }

    /// Writes a numbered picture at every `draw()` call (and, with
    /// [`crate::Pictures::steps`], after every region operation) into the pictures' directory.
    pub fn set_pictures(&mut self, pictures: crate::Pictures) {
        self.pictures = Some(crate::pictures::Storyboard::new(pictures));
    }

    /// Runs a parsed module's statements in `__main__`.
    ///
    /// # Errors
    /// The uncaught exception's traceback, formatted as Python prints it.
    pub fn run_module(&mut self, module: Arc<Module>) -> Result<(), String> {
        self.run(module, false)
    }

    /// Runs a chunk typed at the REPL: as [`Interp::run_module`], and a final expression
    /// statement's value is printed (its `repr`) unless it is `None`.
    ///
    /// # Errors
    /// As [`Interp::run_module`].
    pub fn run_interactive(&mut self, module: Arc<Module>) -> Result<(), String> {
        self.run(module, true)
    }

    fn run(&mut self, module: Arc<Module>, echo: bool) -> Result<(), String> {
        self.modules.push(Arc::clone(&module));
        let module = &*module;
        self.frames.push(Frame {
            code: None,
            locals: Locals::default(),
            cells: FastMap::default(),
            closure: FastMap::default(),
            globals: Globals::Module,
            source: Arc::clone(&module.source),
            offset: 0,
            func: "<module>".to_string(),
        });
        let result = match (echo, module.body.split_last()) {
            (true, Some((Stmt::Expr(last), init))) => {
                self.exec_block(init, module).and_then(|()| {
                    let v = self.eval(&last.value, module)?;
                    if !matches!(v, Value::None) {
                        let text = self.repr(&v)?;
                        self.write_out(&format!("{text}\n"));
                    }
                    Ok(())
                })
            }
            _ => self.exec_block(&module.body, module),
        };
        let frame = self.frames.pop().expect("the module frame");
        let _ = self.out.lock().map(|mut o| o.flush());
        match result {
            Ok(()) if echo => Ok(()),
            Ok(()) => self.finish_handoffs(),
            Err(Flow::Exc(mut e)) => {
                e.tb.push(TbEntry {
                    source: frame.source,
                    offset: frame.offset,
                    func: frame.func,
                });
                Err(self.traceback(&e))
            }
            Err(Flow::Return(_)) => Err(self.syntax_flow("'return' outside function")),
            Err(Flow::Break | Flow::Continue) => {
                Err(self.syntax_flow("'break' or 'continue' outside loop"))
            }
        }
    }

    /// Runs under `options` from now on (this thread's policies included).
    pub(crate) fn set_options(&mut self, options: Options) {
        set_thread_policies(options);
        self.options = options;
        self.step_limit = options.step_limit.unwrap_or(u64::MAX);
        self.steps = 0;
    }

    /// Writes `text` to the run's output.
    pub(crate) fn write_out(&self, text: &str) {
        if let Ok(mut o) = self.out.lock() {
            let _ = o.write_all(text.as_bytes());
        }
    }

    fn syntax_flow(&mut self, msg: &str) -> String {
        format!("SyntaxError: {msg}")
    }

    pub(crate) fn frame(&self) -> &Frame {
        self.frames.last().expect("a frame is running")
    }

    fn frame_mut(&mut self) -> &mut Frame {
        self.frames.last_mut().expect("a frame is running")
    }

    // ----- names -----

    fn name_kind(&self, name: &str) -> Option<NameKind> {
        self.frame().code.as_ref().and_then(|c| c.kind(name))
    }

    fn is_class_frame(&self) -> bool {
        self.frame().func.starts_with("<class ")
    }

    /// Reads a variable (semantics §7's scoping).
    pub(crate) fn load_name(&mut self, name: &str) -> Res<Value> {
        // Only local names are ever bound in `locals`: one lookup for the common case.
        if let Some(v) = self.frame().locals.get(name) {
            return Ok(v.clone());
        }
        match self.name_kind(name) {
            Some(NameKind::Local) => {
                if self.is_class_frame() {
                    return self.load_global(name);
                }
                Err(self.exc(
                    "UnboundLocalError",
                    format!("cannot access local variable '{name}' where it is not associated with a value"),
                ))
            }
            Some(NameKind::Cell) => {
                let cell = self.frame().cells.get(name).cloned();
                self.cell_get(cell.as_ref(), name)
            }
            Some(NameKind::Free) => {
                let cell = self.frame().closure.get(name).cloned();
                self.cell_get(cell.as_ref(), name)
            }
            Some(NameKind::Global) | None => self.load_global(name),
        }
    }

    /// Collects this thread's cyclic garbage (classes whose methods use `super()`,
    /// self-referencing lists, …) when the live local objects have doubled since the last
    /// collection: the core frees acyclic garbage at once, cycles only when asked.
    fn maybe_collect(&mut self) {
        let live = || {
            let s = floe_core::heap::thread_stats();
            s.allocated.saturating_sub(s.freed)
        };
        if live() > self.gc_threshold {
            floe_core::heap::collect();
            self.gc_threshold = (live() * 2).max(self.gc_floor);
        }
    }

    /// `name` as the process's interned string (the same allocation on every worker),
    /// looked up once per interpreter.
    fn interned(&mut self, name: &str) -> Str {
        if let Some(s) = self.names.get(name) {
            return Str::clone(s);
        }
        let s = Str::intern(name);
        self.names.insert(name.to_string(), Str::clone(&s));
        s
    }

    /// The cell of this frame's captured variable `name`, made empty if it has none yet.
    fn frame_cell(&mut self, name: &str) -> ObjRef {
        let frame = self.frames.last_mut().expect("a frame is running");
        if let Some(c) = frame.cells.get(name) {
            return c.clone();
        }
        let c = new_cell(None);
        frame.cells.insert(Str::from(name), c.clone());
        c
    }

    fn cell_get(&mut self, cell: Option<&ObjRef>, name: &str) -> Res<Value> {
        match cell.map(|c| c.get_attr("cell_contents")) {
            Some(Ok(v)) => Ok(v),
            _ => Err(self.exc(
                "NameError",
                format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
            )),
        }
    }

    fn load_global(&mut self, name: &str) -> Res<Value> {
        let key = Value::Str(self.interned(name));
        let found = match &self.frame().globals {
            Globals::Module => self.globals.get(&key),
            Globals::Snapshot(d) => d.get(&key),
        };
        if let Ok(Some(v)) = found {
            return Ok(v);
        }
        if let Some(v) = self.builtins.get(name) {
            return Ok(v.clone());
        }
        Err(self.exc("NameError", format!("name '{name}' is not defined")))
    }

    /// Binds a variable.
    pub(crate) fn store_name(&mut self, name: &str, value: Value) -> Res<()> {
        match self.name_kind(name) {
            Some(NameKind::Local) => {
                let frame = self.frames.last_mut().expect("a frame is running");
                match frame.locals.get_mut(name) {
                    Some(slot) => *slot = value,
                    None => {
                        // The code's own copy of the name: no allocation per binding.
                        let key = frame
                            .code
                            .as_ref()
                            .and_then(|c| c.names.get_key_value(name))
                            .map_or_else(|| Str::from(name), |(k, _)| Str::clone(k));
                        frame.locals.insert(key, value);
                    }
                }
                Ok(())
            }
            Some(NameKind::Cell) => {
                let cell = self.frame_cell(name);
                cell.set_attr("cell_contents", value.clone())
                    .map_err(|e| self.core_exc(e, &[&Value::Obj(cell.clone()), &value]))
            }
            Some(NameKind::Free) => {
                let cell = self.frame().closure.get(name).cloned();
                match cell {
                    Some(c) => c
                        .set_attr("cell_contents", value.clone())
                        .map_err(|e| self.core_exc(e, &[&Value::Obj(c.clone()), &value])),
                    None => Err(self.exc("NameError", format!("no binding for nonlocal '{name}'"))),
                }
            }
            Some(NameKind::Global) | None => {
                let holder = match &self.frame().globals {
                    Globals::Module => self.globals.clone(),
                    Globals::Snapshot(d) => d.clone(),
                };
                holder
                    .set(Value::Str(self.interned(name)), value.clone())
                    .map_err(|e| self.core_exc(e, &[&Value::Obj(holder.as_obj().clone()), &value]))
            }
        }
    }

    pub(crate) fn delete_name(&mut self, name: &str) -> Res<()> {
        let removed = match self.name_kind(name) {
            Some(NameKind::Local) => self.frame_mut().locals.shift_remove(name).is_some(),
            Some(NameKind::Cell | NameKind::Free) => {
                let f = self.frame();
                let cell = f.cells.get(name).or_else(|| f.closure.get(name)).cloned();
                cell.is_some_and(|c| c.del_attr("cell_contents").is_ok())
            }
            Some(NameKind::Global) | None => {
                let g = self.globals.clone();
                g.remove(&Value::str(name)).is_ok()
            }
        };
        if removed {
            Ok(())
        } else {
            Err(self.exc("NameError", format!("name '{name}' is not defined")))
        }
    }

    // ----- statements -----

    pub(crate) fn exec_block(&mut self, stmts: &[Stmt], module: &Module) -> Res<()> {
        for s in stmts {
            self.exec(s, module)?;
        }
        Ok(())
    }

    fn exec(&mut self, s: &Stmt, m: &Module) -> Res<()> {
        self.frame_mut().offset = usize::from(s.start());
        self.steps += 1;
        if self.steps > self.step_limit {
            return Err(self.exc("RuntimeError", "step limit exceeded"));
        }
        if self.steps % 4096 == 0 {
            self.maybe_collect();
        }
        match s {
            Stmt::Expr(e) => {
                self.eval(&e.value, m)?;
            }
            Stmt::Assign(a) => {
                let v = self.eval(&a.value, m)?;
                for t in &a.targets {
                    self.assign(t, v.clone(), m)?;
                }
            }
            Stmt::AugAssign(a) => self.aug_assign(a, m)?,
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    let v = self.eval(v, m)?;
                    self.assign(&a.target, v, m)?;
                }
            }
            Stmt::If(i) => {
                let t = self.eval(&i.test, m)?;
                if self.truthy(&t)? {
                    self.exec_block(&i.body, m)?;
                } else {
                    self.exec_block(&i.orelse, m)?;
                }
            }
            Stmt::While(w) => loop {
                let t = self.eval(&w.test, m)?;
                if !self.truthy(&t)? {
                    self.exec_block(&w.orelse, m)?;
                    break;
                }
                match self.exec_block(&w.body, m) {
                    Ok(()) | Err(Flow::Continue) => {}
                    Err(Flow::Break) => break,
                    Err(other) => return Err(other),
                }
            },
            Stmt::For(f) => {
                let iterable = self.eval(&f.iter, m)?;
                let mut it = self.iter(&iterable)?;
                let mut broke = false;
                while let Some(item) = self.next(&mut it)? {
                    self.assign(&f.target, item, m)?;
                    match self.exec_block(&f.body, m) {
                        Ok(()) | Err(Flow::Continue) => {}
                        Err(Flow::Break) => {
                            broke = true;
                            break;
                        }
                        Err(other) => return Err(other),
                    }
                }
                if !broke {
                    self.exec_block(&f.orelse, m)?;
                }
            }
            Stmt::Break(_) => return Err(Flow::Break),
            Stmt::Continue(_) => return Err(Flow::Continue),
            Stmt::Pass(_) => {}
            Stmt::Return(r) => {
                let v = match &r.value {
                    Some(e) => self.eval(e, m)?,
                    None => Value::None,
                };
                return Err(Flow::Return(v));
            }
            Stmt::FunctionDef(f) => {
                let code = m.code_at(usize::from(f.range.start()));
                let func = self.make_function(code, &f.args, m)?;
                let v = self.decorate(&f.decorator_list, func, m)?;
                self.store_name(&f.name, v)?;
            }
            Stmt::ClassDef(c) => {
                let cls = self.make_class(c, m)?;
                let v = self.decorate(&c.decorator_list, cls, m)?;
                self.store_name(&c.name, v)?;
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete(t, m)?;
                }
            }
            Stmt::Raise(r) => return Err(self.raise(r, m)),
            Stmt::Try(t) => self.exec_try(t, m)?,
            Stmt::Assert(a) => {
                let t = self.eval(&a.test, m)?;
                if !self.truthy(&t)? {
                    let args = match &a.msg {
                        Some(msg) => vec![self.eval(msg, m)?],
                        None => vec![],
                    };
                    let value = self.new_exception("AssertionError", args);
                    return Err(Flow::Exc(Box::new(Exc {
                        value,
                        tb: Vec::new(),
                    })));
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let module = self.import(&a.name)?;
                    let name = a.asname.as_ref().unwrap_or(&a.name);
                    self.store_name(name, module)?;
                }
            }
            Stmt::ImportFrom(i) => {
                let name = i.module.as_ref().map_or("", |n| n.as_str());
                let module = self.import(name)?;
                for a in &i.names {
                    if a.name.as_str() == "*" {
                        let obj = module.as_obj().expect("modules are objects").clone();
                        for n in obj.attr_names().unwrap_or_default() {
                            let v = obj.get_attr(&n).expect("listed");
                            self.store_name(&n, v)?;
                        }
                        continue;
                    }
                    let v = self.getattr(&module, &a.name).map_err(|_| {
                        self.exc(
                            "ImportError",
                            format!("cannot import name '{}' from '{name}'", a.name),
                        )
                    })?;
                    self.store_name(a.asname.as_ref().unwrap_or(&a.name), v)?;
                }
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            other => {
                return Err(self.exc(
                    "SyntaxError",
                    format!("{} is not supported by floe", stmt_name(other)),
                ))
            }
        }
        Ok(())
    }

    fn import(&mut self, name: &str) -> Res<Value> {
        if name == "floe" {
            Ok(crate::floe_api::module(self))
        } else {
            Err(self.exc(
                "ModuleNotFoundError",
                format!("No module named '{name}' (floe scripts can import only `floe`)"),
            ))
        }
    }

    fn decorate(&mut self, decorators: &[Expr], mut v: Value, m: &Module) -> Res<Value> {
        for d in decorators.iter().rev() {
            let f = self.eval(d, m)?;
            v = self.call(&f, Args::of(vec![v]))?;
        }
        Ok(v)
    }

    fn raise(&mut self, r: &ast::StmtRaise, m: &Module) -> Flow {
        let Some(exc) = &r.exc else {
            return match self.handling.last().cloned() {
                Some(v) => Flow::Exc(Box::new(Exc {
                    value: v,
                    tb: Vec::new(),
                })),
                None => self.exc("RuntimeError", "No active exception to reraise"),
            };
        };
        let v = match self.eval(exc, m) {
            Ok(v) => v,
            Err(f) => return f,
        };
        // `raise C` instantiates the class.
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

    fn exec_try(&mut self, t: &ast::StmtTry, m: &Module) -> Res<()> {
        let mut result = self.exec_block(&t.body, m);
        if let Err(Flow::Exc(exc)) = result {
            result = Err(Flow::Exc(exc));
            for h in &t.handlers {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                let Err(Flow::Exc(exc)) = &result else { break };
                let matches = match &h.type_ {
                    None => true,
                    Some(ty) => {
                        let ty = self.eval(ty, m)?;
                        self.handler_matches(&exc.value, &ty)?
                    }
                };
                if !matches {
                    continue;
                }
                let Err(Flow::Exc(exc)) = std::mem::replace(&mut result, Ok(())) else {
                    unreachable!("checked above")
                };
                if let Some(n) = &h.name {
                    self.store_name(n, exc.value.clone())?;
                }
                self.handling.push(exc.value.clone());
                let handled = self.exec_block(&h.body, m);
                self.handling.pop();
                if let Some(n) = &h.name {
                    let _ = self.delete_name(n);
                }
                result = handled.map_err(|f| match f {
                    // A re-raise keeps the traceback it had.
                    Flow::Exc(mut new) if new.value.is(&exc.value) && new.tb.is_empty() => {
                        new.tb = exc.tb.clone();
                        Flow::Exc(new)
                    }
                    other => other,
                });
                break;
            }
        } else if result.is_ok() {
            result = self.exec_block(&t.orelse, m);
        }
        if !t.finalbody.is_empty() {
            self.exec_block(&t.finalbody, m)?;
        }
        result
    }

    fn handler_matches(&mut self, exc: &Value, ty: &Value) -> Res<bool> {
        match ty {
            Value::Obj(o) if o.kind() == floe_core::Kind::Tuple => {
                for t in Tuple::try_from(o.clone()).expect("a tuple").to_vec() {
                    if self.handler_matches(exc, &t)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Obj(o) if Class::try_from(o.clone()).is_ok() => Ok(self.exc_matches(exc, o)),
            _ => Err(self.exc(
                "TypeError",
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    // ----- functions and classes -----

    /// Makes a function object: its code, defaults and closure cells.
    pub(crate) fn make_function(
        &mut self,
        code: Arc<Code>,
        args: &ast::Arguments,
        m: &Module,
    ) -> Res<Value> {
        let mut defaults = Vec::new();
        for a in args.posonlyargs.iter().chain(&args.args) {
            if let Some(d) = &a.default {
                defaults.push(self.eval(d, m)?);
            }
        }
        let kwdefaults = Dict::new();
        for a in &args.kwonlyargs {
            if let Some(d) = &a.default {
                let v = self.eval(d, m)?;
                kwdefaults
                    .set(Value::str(&a.def.arg), v)
                    .expect("a new dict accepts str keys");
            }
        }
        let f = Instance::new_function(&types().class("function"));
        let closure = self.closure_for(&code, None);
        let set = |name: &str, v: Value| {
            f.set_attr(name, v)
                .expect("a new function accepts attributes")
        };
        set("__name__", Value::str(&code.name));
        set(
            "__code__",
            Value::Obj(ObjRef::new_native(CodeBody(
                Arc::clone(&code),
                self.module_of(&code),
            ))),
        );
        set("__defaults__", Tuple::new(defaults).into());
        set("__kwdefaults__", kwdefaults.into());
        set("__closure__", closure.into());
        set("__globals__", self.globals_value());
        Ok(Value::Obj(f))
    }

    /// The `__globals__` a function defined here gets: the module's name, or the running
    /// frozen function's snapshot.
    fn globals_value(&self) -> Value {
        match &self.frame().globals {
            Globals::Module => Value::str("__main__"),
            Globals::Snapshot(d) => d.clone().into(),
        }
    }

    /// The cells `code` needs from this frame (its free names), as a dict name → cell.
    fn closure_for(&mut self, code: &Code, class_cell: Option<&ObjRef>) -> Dict {
        let closure = Dict::new();
        for name in &code.frees {
            let cell = if name == "__class__" && class_cell.is_some() {
                class_cell.cloned()
            } else {
                match self.name_kind(name) {
                    Some(NameKind::Cell) => Some(self.frame_cell(name)),
                    _ => self.frame().closure.get(name).cloned(),
                }
            };
            if let Some(c) = cell {
                closure
                    .set(Value::str(name), c.into())
                    .expect("a new dict accepts str keys");
            }
        }
        closure
    }

    fn make_class(&mut self, c: &ast::StmtClassDef, m: &Module) -> Res<Value> {
        let mut bases = Vec::new();
        for b in &c.bases {
            let v = self.eval(b, m)?;
            let class = match &v {
                Value::Obj(o) => Class::try_from(o.clone()).ok(),
                _ => None,
            };
            let Some(class) = class else {
                return Err(self.exc("TypeError", "bases must be classes"));
            };
            if let Some(name) = types().builtin_name(class.as_obj()) {
                let ok = name == "object"
                    || types()
                        .class("BaseException")
                        .as_obj()
                        .ptr_eq(class.as_obj())
                    || class.is_subclass(&types().class("BaseException"));
                if !ok {
                    return Err(self.exc(
                        "TypeError",
                        format!("subclassing the built-in type '{name}' is not supported by floe"),
                    ));
                }
            }
            bases.push(class);
        }
        if bases.is_empty() {
            bases.push(types().class("object"));
        }
        let code = m.code_at(usize::from(c.range.start()));
        let class_cell = new_cell(None);
        let closure = self.closure_for(&code, Some(&class_cell));
        let mut closure_map: FastMap<String, ObjRef> = FastMap::default();
        for (k, v) in closure.items() {
            if let (Value::Str(k), Value::Obj(v)) = (k, v) {
                closure_map.insert(k.to_string(), v);
            }
        }
        closure_map.insert("__class__".to_string(), class_cell.clone());
        let globals = self.frame().globals.clone();
        self.frames.push(Frame {
            code: Some(Arc::clone(&code)),
            locals: Locals::default(),
            cells: FastMap::default(),
            closure: closure_map,
            globals,
            source: Arc::clone(&code.source),
            offset: code.offset,
            func: format!("<class {}>", c.name),
        });
        let Body::Block(body) = &code.body else {
            unreachable!("class bodies are blocks")
        };
        let result = self.exec_block(body, m);
        let frame = self.frames.pop().expect("the class frame");
        if let Err(f) = result {
            return Err(self.add_tb(f, frame));
        }
        let class = Class::new(&c.name, &bases);
        for (k, v) in &frame.locals {
            class
                .set_attr(k, v.clone())
                .map_err(|e| self.core_exc(e, &[v]))?;
        }
        class_cell
            .set_attr("cell_contents", class.clone().into())
            .expect("a new cell accepts a value");
        Ok(class.into())
    }

    fn add_tb(&mut self, f: Flow, frame: Frame) -> Flow {
        match f {
            Flow::Exc(mut e) => {
                e.tb.push(TbEntry {
                    source: frame.source,
                    offset: frame.offset,
                    func: frame.func,
                });
                Flow::Exc(e)
            }
            other => other,
        }
    }

    /// Calls a function object.
    pub(crate) fn call_function(&mut self, func: &ObjRef, args: Args) -> Res<Value> {
        if self.frames.len() > MAX_DEPTH {
            return Err(self.exc("RecursionError", "maximum recursion depth exceeded"));
        }
        let attr = |n: &str| {
            func.get_attr(n)
                .expect("function objects carry their attributes")
        };
        let (code, module) = match attr("__code__") {
            Value::Obj(o) => {
                let body = o.native::<CodeBody>().expect("a code object");
                (Arc::clone(&body.0), Arc::clone(&body.1))
            }
            _ => unreachable!("__code__ is a code object"),
        };
        let mut locals = self.bind(&code, func, args)?;
        let closure: FastMap<String, ObjRef> = match attr("__closure__") {
            _ if code.frees.is_empty() => FastMap::default(),
            Value::Obj(d) => Dict::try_from(d)
                .map(|d| d.items())
                .unwrap_or_default()
                .into_iter()
                .filter_map(|(k, v)| match (k, v) {
                    (Value::Str(k), Value::Obj(c)) => Some((k.to_string(), c)),
                    _ => None,
                })
                .collect(),
            _ => FastMap::default(),
        };
        let globals = match attr("__globals__") {
            Value::Obj(d) => Globals::Snapshot(Dict::try_from(d).expect("a snapshot dict")),
            _ => Globals::Module,
        };
        // Captured parameters live in cells.
        let mut cells = FastMap::default();
        for (name, kind) in &code.names {
            if *kind == NameKind::Cell {
                if let Some(v) = locals.shift_remove(name) {
                    cells.insert(Str::clone(name), new_cell(Some(v)));
                }
            }
        }
        self.frames.push(Frame {
            code: Some(Arc::clone(&code)),
            locals,
            cells,
            closure,
            globals,
            source: Arc::clone(&code.source),
            offset: code.offset,
            func: code.name.clone(),
        });
        let result = match &code.body {
            Body::Block(body) => self.exec_block(body, &module).map(|()| Value::None),
            Body::Lambda(e) => self.eval(e, &module),
        };
        let frame = self.frames.pop().expect("the call's frame");
        match result {
            Ok(v) => Ok(v),
            Err(Flow::Return(v)) => Ok(v),
            Err(f @ Flow::Exc(_)) => Err(self.add_tb(f, frame)),
            Err(Flow::Break | Flow::Continue) => {
                Err(self.exc("SyntaxError", "'break' outside loop"))
            }
        }
    }

    /// The module a code object's inner definitions are looked up in.
    fn module_of(&self, code: &Code) -> Arc<Module> {
        Arc::clone(
            self.modules
                .iter()
                .find(|m| Arc::ptr_eq(&m.source, &code.source))
                .expect("every code comes from a loaded module"),
        )
    }

    /// Binds call arguments to parameters (positional, `*args`, keywords, `**kwargs`,
    /// defaults), as Python does.
    fn bind(&mut self, code: &Code, func: &ObjRef, args: Args) -> Res<Locals> {
        let p = &code.params;
        let fname = &code.name;
        let mut locals = Locals::default();
        let mut pos = args.pos.into_iter();
        for name in &p.positional {
            match pos.next() {
                Some(v) => {
                    locals.insert(name.clone(), v);
                }
                None => break,
            }
        }
        let extra: Vec<Value> = pos.collect();
        match &p.vararg {
            Some(name) => {
                locals.insert(name.clone(), Tuple::new(extra).into());
            }
            None if !extra.is_empty() => {
                return Err(self.exc(
                    "TypeError",
                    format!(
                        "{fname}() takes {} positional argument{} but {} were given",
                        p.positional.len(),
                        if p.positional.len() == 1 { "" } else { "s" },
                        p.positional.len() + extra.len()
                    ),
                ))
            }
            None => {}
        }
        let kwargs = p.kwarg.as_ref().map(|_| Dict::new());
        for (k, v) in args.kw {
            let is_param = p.positional.iter().skip(p.posonly).any(|n| **n == *k)
                || p.kwonly.iter().any(|n| **n == *k);
            if is_param {
                if locals.contains_key(k.as_str()) {
                    return Err(self.exc(
                        "TypeError",
                        format!("{fname}() got multiple values for argument '{k}'"),
                    ));
                }
                locals.insert(Str::from(k), v);
            } else if let Some(kwargs) = &kwargs {
                kwargs
                    .set(Value::str(&k), v)
                    .expect("a new dict accepts str keys");
            } else {
                return Err(self.exc(
                    "TypeError",
                    format!("{fname}() got an unexpected keyword argument '{k}'"),
                ));
            }
        }
        if let (Some(name), Some(kwargs)) = (&p.kwarg, kwargs) {
            locals.insert(name.clone(), kwargs.into());
        }
        // Defaults fill the last positional parameters, then keyword-only ones.
        let complete = locals.len()
            == p.positional.len()
                + p.kwonly.len()
                + usize::from(p.vararg.is_some())
                + usize::from(p.kwarg.is_some());
        if complete {
            return Ok(locals);
        }
        let defaults = match func.get_attr("__defaults__") {
            Ok(Value::Obj(t)) => Tuple::try_from(t).map(|t| t.to_vec()).unwrap_or_default(),
            _ => Vec::new(),
        };
        let first_default = p.positional.len() - defaults.len().min(p.positional.len());
        for (i, name) in p.positional.iter().enumerate() {
            if !locals.contains_key(name) {
                if i >= first_default {
                    locals.insert(name.clone(), defaults[i - first_default].clone());
                } else {
                    return Err(self.exc(
                        "TypeError",
                        format!("{fname}() missing required positional argument: '{name}'"),
                    ));
                }
            }
        }
        let kwdefaults = match func.get_attr("__kwdefaults__") {
            Ok(Value::Obj(d)) => Dict::try_from(d).ok(),
            _ => None,
        };
        for name in &p.kwonly {
            if !locals.contains_key(name) {
                let d = kwdefaults
                    .as_ref()
                    .and_then(|d| d.get(&Value::str(name)).ok().flatten());
                match d {
                    Some(v) => {
                        locals.insert(name.clone(), v);
                    }
                    None => {
                        return Err(self.exc(
                            "TypeError",
                            format!("{fname}() missing required keyword-only argument: '{name}'"),
                        ))
                    }
                }
            }
        }
        Ok(locals)
    }

    /// Every heap object holding this thread's variables: the module namespace and the
    /// cells of running frames (the caller's roots of semantics §4).
    pub(crate) fn root_holders(&self) -> Vec<ObjRef> {
        let mut out = vec![self.globals.as_obj().clone()];
        for f in &self.frames {
            out.extend(f.closure.values().cloned());
            out.extend(f.cells.values().cloned());
            if let Globals::Snapshot(d) = &f.globals {
                out.push(d.as_obj().clone());
            }
        }
        out
    }
}

/// The policies are per thread in the runtime (`floe_freeze::policy`, `floe_core::policy`).
fn set_thread_policies(options: Options) {
    floe_freeze::set_policy(options.freeze);
    floe_core::policy::set_implicit_freezing(options.implicit_freezing);
}

/// A new cell (closure variable) holding `value`, or empty.
pub(crate) fn new_cell(value: Option<Value>) -> ObjRef {
    let c = Instance::new(&types().class("cell"));
    if let Some(v) = value {
        c.set_attr("cell_contents", v)
            .expect("a new cell accepts a value");
    }
    c.into_obj()
}

fn stmt_name(s: &Stmt) -> &'static str {
    match s {
        Stmt::With(_) => "the `with` statement",
        Stmt::Match(_) => "the `match` statement",
        _ => "this statement",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn live() -> u64 {
        let s = floe_core::heap::thread_stats();
        s.allocated - s.freed
    }

    #[test]
    fn cyclic_garbage_is_collected_while_a_script_runs_and_when_it_ends() {
        std::thread::Builder::new()
            .stack_size(crate::STACK_SIZE)
            .spawn(|| {
                crate::runtime::types(); // made once per process; they stay
                let before = live();
                let sink: Out = Arc::new(std::sync::Mutex::new(std::io::sink()));
                let mut interp = Interp::new(sink, Options::default());
                (interp.gc_threshold, interp.gc_floor) = (2_000, 2_000);
                let text = "for i in range(50000):\n    a = [i]\n    a.append(a)\n";
                let module = crate::parse("gc.py", text).unwrap();
                interp.run_module(Arc::new(module)).unwrap();
                // 50,000 two-object cycles were made; the collector kept the heap small.
                assert!(
                    live() - before < 20_000,
                    "live objects: {}",
                    live() - before
                );
                drop(interp);
                floe_core::heap::collect();
                assert_eq!(live(), before, "everything the script made is gone");
            })
            .unwrap()
            .join()
            .unwrap();
    }
}
