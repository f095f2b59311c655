//! `import` (issue #16; RFC-0006 §9): finding a module by its dotted name, running a
//! module file once, and the table of modules loaded (Python's `sys.modules`).
//!
//! A name resolves, in order, to `floe` or `sys`; to a file in the script's directory
//! (`name.py`, or the package `name/__init__.py`, whose submodules are found in its
//! folder); to the standard library written in Python (sources embedded in the binary,
//! [`crate::stdlib::python_source`]); to the standard library written in Rust. A module
//! file runs once, in a namespace of its own — the module object's attributes, so
//! `m.x = 1` outside and `global x` inside see one binding — and the module is cached
//! before it runs, so a circular import sees the half-made module as Python's does.
//! Standard-library modules are frozen once they have run (PEP 795's immutable
//! modules); the script's own modules stay mutable, like its `__main__`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use floe_core::{AttrHint, Dict, Instance, List, ObjRef, Str, Value};
use floe_freeze::{ClassPolicy, FreezePolicy};

use crate::errors::Flow;
use crate::interp::{Args, Interp};
use crate::runtime::{new_module, FastMap};
use crate::vm::Globals;
use crate::Res;

/// One interpreter's imported modules: the script's own and the standard library's, by
/// dotted name; and where the script's own are found.
#[derive(Default)]
pub(crate) struct Imports {
    loaded: FastMap<Str, Loaded>,
    /// Modules whose body raised: no longer importable as they are, but the functions
    /// they made before the error may live on and still read their globals.
    failed: FastMap<Str, Instance>,
    /// The script's directory (`None`: the current directory).
    dir: Option<Arc<Path>>,
}

/// A module in the table.
struct Loaded {
    ns: Instance,
    /// A standard-library module (frozen at import, the same for every behaviour).
    stdlib: bool,
}

impl Imports {
    /// Looks for the script's own modules in `dir` from now on.
    pub(crate) fn set_dir(&mut self, dir: Option<Arc<Path>>) {
        self.dir = dir;
    }

    /// Where the script's own modules are found.
    pub(crate) fn dir(&self) -> Option<Arc<Path>> {
        self.dir.clone()
    }

    /// The module `name` if it is loaded.
    fn get(&self, name: &str) -> Option<Value> {
        self.loaded.get(name).map(|m| m.ns.as_obj().clone().into())
    }

    /// The namespace of module `name` that a function's `__globals__` names: the loaded
    /// module, or the one whose import failed after making the function.
    pub(crate) fn namespace(&self, name: &str) -> Option<&Instance> {
        self.loaded
            .get(name)
            .map(|m| &m.ns)
            .or_else(|| self.failed.get(name))
    }

    /// The loaded modules that stay mutable (the script's own): roots of the thread,
    /// like `__main__`'s namespace.
    pub(crate) fn mutable(&self) -> impl Iterator<Item = &ObjRef> {
        self.loaded
            .values()
            .map(|m| m.ns.as_obj())
            .chain(self.failed.values().map(Instance::as_obj))
            .filter(|o| !o.is_frozen())
    }

    /// Forgets the script's own modules, frozen or not (a worker, at the end of a
    /// behaviour: nothing the behaviour made survives it); the standard library's stay.
    pub(crate) fn drop_mutable(&mut self) {
        self.loaded.retain(|_, m| m.stdlib);
        self.failed.clear();
    }
}

/// How the standard library's Python sources are named in tracebacks and `__file__`.
const STDLIB_FILE_PREFIX: &str = "<floe stdlib>/";

/// Where a module's source comes from.
enum Found {
    /// A file of the script's: its path, and for a package its folder.
    File {
        path: PathBuf,
        package: Option<PathBuf>,
    },
    /// A standard-library module written in Python.
    Stdlib(&'static str),
}

/// A standard-library module written in Python, parsed once per process: its source is
/// part of the binary, so every interpreter — each run in the process, each worker's —
/// shares the parsed module, and with it its functions' compiled code (`Code::compiled`).
fn parsed_stdlib(
    file: &str,
    text: &'static str,
) -> Result<Arc<crate::syntax::Module>, crate::syntax::SyntaxError> {
    static PARSED: LazyLock<Mutex<FastMap<String, Arc<crate::syntax::Module>>>> =
        LazyLock::new(Mutex::default);
    let cached = PARSED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(file)
        .cloned();
    if let Some(m) = cached {
        return Ok(m);
    }
    let parsed = Arc::new(crate::syntax::parse(file, text)?);
    let mut table = PARSED.lock().unwrap_or_else(|e| e.into_inner());
    Ok(Arc::clone(table.entry(file.to_string()).or_insert(parsed)))
}

impl Interp {
    /// `import spec` (`spec` may start with dots: a relative import): the module named,
    /// or with `top` (`import a.b.c` binding `a`) its top-level package.
    pub(crate) fn import(&mut self, spec: &str, top: bool) -> Res<Value> {
        let name = self.absolute_name(spec)?;
        let leaf = self.import_dotted(&name)?;
        match name.split_once('.') {
            Some((first, _)) if top => self.import_dotted(first),
            _ => Ok(leaf),
        }
    }

    /// `from module import name`: the attribute, else the submodule `module.name`.
    pub(crate) fn import_from(&mut self, module: &Value, name: &str) -> Res<Value> {
        if let Ok(v) = self.getattr(module, name) {
            return Ok(v);
        }
        let attr = |a: &str| match module.as_obj().and_then(|o| o.own_attr(a)) {
            Some(Value::Str(s)) => Some(s.to_string()),
            _ => None,
        };
        let (from, file) = (attr("__name__").unwrap_or_default(), attr("__file__"));
        let is_package = module
            .as_obj()
            .is_some_and(|o| o.own_attr("__path__").is_some())
            || crate::stdlib::is_python_package(&from);
        if is_package {
            match self.import_dotted(&format!("{from}.{name}")) {
                Ok(m) => return Ok(m),
                Err(Flow::Exc(e)) if !self.exc_is(&e.value, "ModuleNotFoundError") => {
                    return Err(Flow::Exc(e))
                }
                Err(_) => {}
            }
        }
        let file = file.as_deref().unwrap_or("unknown location");
        Err(self.exc(
            "ImportError",
            format!("cannot import name '{name}' from '{from}' ({file})"),
        ))
    }

    /// `from module import *`: binds the names the module's `__all__` lists, else every
    /// name not starting with `_`, in the running frame's scope (a module or class body).
    pub(crate) fn import_star(&mut self, module: &Value) -> Res<()> {
        let obj = module.as_obj().expect("modules are objects").clone();
        let names: Vec<Str> = match obj.own_attr("__all__") {
            Some(all) => {
                let mut names = Vec::new();
                for v in self.collect(&all)? {
                    match v {
                        Value::Str(s) => names.push(s),
                        other => {
                            let t = other.type_name();
                            return Err(self.exc(
                                "TypeError",
                                format!("Item in module.__all__ must be str, not {t}"),
                            ));
                        }
                    }
                }
                names
            }
            None => obj
                .attr_names()
                .unwrap_or_default()
                .into_iter()
                .filter(|n| !n.starts_with('_'))
                .collect(),
        };
        for n in names {
            let v = self.import_from(module, &n)?;
            let frame = self.frames.top_mut();
            if let Some(ns) = frame.class_ns.as_mut() {
                ns.insert(n, v);
            } else if frame.code.is_none() {
                let globals = frame.globals.clone();
                self.set_global_in(&globals, n, v)?;
            } else {
                return Err(self.exc("SyntaxError", "import * only allowed at module level"));
            }
        }
        Ok(())
    }

    /// A relative module name made absolute against the running module's package.
    fn absolute_name(&mut self, spec: &str) -> Res<String> {
        let rest = spec.trim_start_matches('.');
        let level = spec.len() - rest.len();
        if level == 0 {
            return Ok(spec.to_string());
        }
        let globals = &self.frames.top().globals;
        let package = match self.global_in(globals, &Str::intern("__package__")) {
            Some(Value::Str(p)) if !p.is_empty() => Some(p.to_string()),
            _ => None,
        };
        let Some(package) = package else {
            return Err(self.exc(
                "ImportError",
                "attempted relative import with no known parent package",
            ));
        };
        let parts: Vec<&str> = package.split('.').collect();
        if level > parts.len() {
            return Err(self.exc(
                "ImportError",
                "attempted relative import beyond top-level package",
            ));
        }
        let base = parts[..parts.len() + 1 - level].join(".");
        Ok(match rest {
            "" => base,
            _ => format!("{base}.{rest}"),
        })
    }

    /// The module `name` (dotted), imported with its parents if not loaded yet.
    fn import_dotted(&mut self, name: &str) -> Res<Value> {
        if let Some(m) = self.imports.get(name) {
            return Ok(m);
        }
        let Some((parent, child)) = name.rsplit_once('.') else {
            return self.import_top(name);
        };
        let parent_module = self.import_dotted(parent)?;
        if let Some(m) = self.imports.get(name) {
            // The parent's `__init__` imported it.
            return Ok(m);
        }
        let found = match crate::stdlib::python_source(name) {
            // A standard-library submodule (`collections.abc`).
            Some(source) => Found::Stdlib(source),
            None => self.find_submodule(&parent_module, name, parent, child)?,
        };
        let m = self.load(name, found)?;
        // Python binds the submodule in its package; a frozen package keeps its contents.
        if let Some(p) = parent_module.as_obj() {
            let _ = p.set_attr(child, m.clone());
        }
        Ok(m)
    }

    /// The file of submodule `name` (`parent.child`) in package `parent_module`'s folder.
    fn find_submodule(
        &mut self,
        parent_module: &Value,
        name: &str,
        parent: &str,
        child: &str,
    ) -> Res<Found> {
        let folder = parent_module
            .as_obj()
            .and_then(|o| o.get_attr("__path__").ok())
            .and_then(|p| p.as_obj().and_then(|l| List::try_from(l.clone()).ok()))
            .and_then(|l| match l.get(0) {
                Ok(Value::Str(s)) => Some(PathBuf::from(s.to_string())),
                _ => None,
            });
        let Some(folder) = folder else {
            return Err(self.exc(
                "ModuleNotFoundError",
                format!("No module named '{name}'; '{parent}' is not a package"),
            ));
        };
        find_file(&folder, child)
            .ok_or_else(|| self.exc("ModuleNotFoundError", format!("No module named '{name}'")))
    }

    /// A top-level module: `floe`, `sys`, the script's own, then the standard library's.
    fn import_top(&mut self, name: &str) -> Res<Value> {
        match name {
            "floe" => return Ok(crate::floe_api::module(self)),
            "sys" => return Ok(crate::sys::module(self)),
            "__main__" => {
                return Err(self.exc(
                    "ImportError",
                    "floe cannot import __main__: the script's namespace is not a module object",
                ))
            }
            _ => {}
        }
        // The standard library's own imports stay inside it: a script's `math.py` does
        // not stand in for the `math` that `array` imports.
        let from_stdlib = self
            .frames
            .last()
            .is_some_and(|f| f.module.source.name.starts_with(STDLIB_FILE_PREFIX));
        let dir = self
            .imports
            .dir
            .as_deref()
            .map_or_else(PathBuf::new, Path::to_path_buf);
        if let Some(found) = find_file(&dir, name).filter(|_| !from_stdlib) {
            return self.load(name, found);
        }
        if let Some(source) = crate::stdlib::python_source(name) {
            return self.load(name, Found::Stdlib(source));
        }
        let m = crate::stdlib::import(self, name)
            .ok_or_else(|| self.exc("ModuleNotFoundError", format!("No module named '{name}'")))?;
        // Cached by name too, so importing it again looks at no file.
        if let Some(ns) = m.as_obj().and_then(|o| Instance::try_from(o.clone()).ok()) {
            let entry = Loaded { ns, stdlib: true };
            self.imports.loaded.insert(Str::intern(name), entry);
        }
        Ok(m)
    }

    /// Runs a module's source in a new module object named `name` and caches it; a
    /// standard-library module is frozen after. On an error the module is forgotten.
    fn load(&mut self, name: &str, found: Found) -> Res<Value> {
        let (file, parsed, package) = match &found {
            Found::File { path, package } => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    self.exc(
                        "ImportError",
                        format!("cannot read {}: {e}", path.display()),
                    )
                })?;
                let file = path.display().to_string();
                let parsed = crate::syntax::parse(&file, &text)
                    .map_err(|e| self.exc("SyntaxError", e.to_string()))?;
                (file, Arc::new(parsed), package.clone())
            }
            Found::Stdlib(text) => {
                let file = format!("{STDLIB_FILE_PREFIX}{name}.py");
                let parsed = parsed_stdlib(&file, text)
                    .map_err(|e| self.exc("SyntaxError", e.to_string()))?;
                (file, parsed, None)
            }
        };
        let ns = new_module(name, &[]);
        let set = |attr: &str, v: Value| {
            ns.set_attr(attr, v)
                .expect("a new module accepts attributes")
        };
        set("__file__", Value::str(&file));
        let package_name = match &package {
            Some(folder) => {
                let path = Value::str(&folder.display().to_string());
                set("__path__", List::new([path]).into());
                name
            }
            None if crate::stdlib::is_python_package(name) => name,
            None => name.rsplit_once('.').map_or("", |(p, _)| p),
        };
        set("__package__", Value::str(package_name));
        let key = Str::intern(name);
        let stdlib = matches!(found, Found::Stdlib(_));
        let entry = Loaded {
            ns: ns.clone(),
            stdlib,
        };
        self.imports.loaded.insert(key.clone(), entry);
        self.imports.failed.remove(&key);
        let run = self.run_module_code(parsed, ns.clone(), key.clone());
        let frozen = match (run, &found) {
            (Ok(()), Found::Stdlib(_)) => {
                let policy = FreezePolicy {
                    classes: ClassPolicy::Yes,
                    ..FreezePolicy::default()
                };
                self.freeze_roots(std::slice::from_ref(ns.as_obj()), policy, &[], None)
            }
            (run, _) => run,
        };
        if let Err(e) = frozen {
            self.imports.loaded.remove(&key);
            self.imports.failed.insert(key, ns);
            return Err(e);
        }
        Ok(ns.into_obj().into())
    }

    /// `globals()`: the running code's module namespace — `__main__`'s dict, an imported
    /// module's attributes as a live mapping (as its `__dict__`), or a frozen function's
    /// snapshot.
    pub(crate) fn globals_value(&self) -> Value {
        match &self.frames.top().globals {
            Globals::Main => self.globals.clone().into(),
            Globals::Module { ns, .. } => crate::subclass::attr_view(ns.as_obj()),
            Globals::Snapshot(d) => d.clone().into(),
        }
    }

    /// The global `name` in `globals` (not the builtins).
    pub(crate) fn global_in(&self, globals: &Globals, name: &Str) -> Option<Value> {
        self.global_at(globals, name, &AttrHint::default())
    }

    /// As [`Interp::global_in`], looking where `hint` says first (an instruction's own
    /// hint, RFC-0008 §5).
    pub(crate) fn global_at(
        &self,
        globals: &Globals,
        name: &Str,
        hint: &AttrHint,
    ) -> Option<Value> {
        match globals {
            Globals::Main => self.globals.get_str_hinted(name, hint),
            Globals::Module { ns, .. } => ns.as_obj().own_attr_hinted(name, hint),
            Globals::Snapshot(d) => d.get_str_hinted(name, hint),
        }
    }

    /// Binds the global `name` in `globals` (through the write barrier: a frozen
    /// snapshot or module refuses).
    pub(crate) fn set_global_in(&mut self, globals: &Globals, name: Str, value: Value) -> Res<()> {
        globals
            .bind(&self.globals, &name, &value, &AttrHint::default())
            .map_err(|(e, holder)| self.core_exc(e, &[&holder, &value]))
    }

    /// The globals of a function whose `__globals__` names module `key` (`__main__`,
    /// or a module this interpreter imported).
    pub(crate) fn module_globals(&self, key: &Str) -> Globals {
        Interp::globals_of(&self.imports, key)
    }

    /// [`Interp::module_globals`] from the table of imported modules alone.
    pub(crate) fn globals_of(imports: &Imports, key: &Str) -> Globals {
        if &**key == "__main__" {
            return Globals::Main;
        }
        match imports.namespace(key) {
            Some(ns) => Globals::Module {
                ns: ns.clone(),
                key: key.clone(),
            },
            None => Globals::Main,
        }
    }

    /// Runs a module body with the module object's attributes as its globals.
    fn run_module_code(
        &mut self,
        module: Arc<crate::syntax::Module>,
        ns: Instance,
        key: Str,
    ) -> Res<()> {
        // Each module being imported runs in a dispatch loop of its own, nested on this
        // thread's stack: a chain of imports is bounded as native calls are.
        if self.native_depth >= crate::vm::MAX_NATIVE_DEPTH
            || self.frames.len() >= self.recursion_limit
        {
            return Err(self.exc(
                "RecursionError",
                "maximum recursion depth exceeded while importing modules",
            ));
        }
        self.modules.push(Arc::clone(&module));
        self.run_module_body(module, Globals::Module { ns, key })
            .map(drop)
    }

    /// Runs a parsed module body with `globals` to its end, in a dispatch loop nested on
    /// this thread's stack (the caller has checked the nesting bound).
    fn run_module_body(
        &mut self,
        module: Arc<crate::syntax::Module>,
        globals: Globals,
    ) -> Res<Value> {
        let bc = Arc::new(crate::compiler::compile_module(&module, false));
        let frame = self.pool.frame(None, &bc, globals, &module);
        let base = self.frames.len();
        self.frames.push(frame);
        self.native_depth += 1;
        let result = self.run_frames(base);
        self.native_depth -= 1;
        result
    }
}

impl Interp {
    /// The globals a mapping given to `exec` stands for: `__main__`'s own dict is
    /// `__main__` (so functions defined there name it, as `def` at top level does, and
    /// freezing one snapshots what it uses instead of freezing the namespace); a
    /// module's `globals()` view is that module; any other dict is itself.
    fn globals_of_mapping(&self, g: &Value) -> Option<Globals> {
        if let Some(owner) = crate::subclass::viewed_owner(g) {
            let key = match owner.own_attr("__name__") {
                Some(Value::Str(key)) => key,
                _ => return None,
            };
            let ns = self.imports.namespace(&key)?;
            return ns.as_obj().ptr_eq(&owner).then(|| Globals::Module {
                ns: ns.clone(),
                key,
            });
        }
        let d = g.as_obj().and_then(|o| Dict::try_from(o.clone()).ok())?;
        if d.as_obj().ptr_eq(self.globals.as_obj()) {
            return Some(Globals::Main);
        }
        Some(Globals::Snapshot(d))
    }

    /// `exec(source, globals)`: runs `source` as a module body whose globals are the dict
    /// `globals` (names it binds, functions and classes included, land there; functions
    /// it defines keep that dict as their `__globals__`), or, without one, the running
    /// code's globals. Unlike CPython, a function's local variables are never the
    /// namespace, `locals` may only be the globals dict itself, and no `__builtins__` key
    /// is added.
    pub(crate) fn exec_source(&mut self, a: Args) -> Res<Value> {
        if !a.kw.is_empty() {
            return Err(self.exc("TypeError", "exec() takes no keyword arguments"));
        }
        let n = a.pos.len();
        let mut pos = a.pos.into_iter();
        let (Some(source), globals, locals) = (pos.next(), pos.next(), pos.next()) else {
            return Err(self.exc(
                "TypeError",
                "exec() takes at least 1 positional argument (0 given)",
            ));
        };
        if n > 3 {
            return Err(self.exc(
                "TypeError",
                format!("exec() takes at most 3 positional arguments ({n} given)"),
            ));
        }
        let Value::Str(text) = &source else {
            return Err(self.exc(
                "TypeError",
                "exec() arg 1 must be a string, bytes or code object",
            ));
        };
        let globals_arg = globals.clone();
        let globals = match globals {
            // Called by native code with no Python frame (a behaviour running `exec`
            // itself): the worker's `__main__`.
            None | Some(Value::None) => self
                .frames
                .last()
                .map_or(Globals::Main, |f| f.globals.clone()),
            Some(g) => match self.globals_of_mapping(&g) {
                Some(globals) => globals,
                None => {
                    return Err(self.exc(
                        "TypeError",
                        format!("exec() globals must be a dict, not {}", g.type_name()),
                    ))
                }
            },
        };
        let given = globals_arg.as_ref().and_then(Value::as_obj);
        let same_as_globals = |l: &Value| match (given, l.as_obj()) {
            (Some(g), Some(o)) => g.ptr_eq(o),
            _ => false,
        };
        if let Some(l) = locals.filter(|l| !matches!(l, Value::None) && !same_as_globals(l)) {
            return Err(self.exc(
                "TypeError",
                format!(
                    "floe's exec() runs code in one namespace: locals must be the globals \
                     dict or None, not a separate {}",
                    l.type_name()
                ),
            ));
        }
        let parsed = crate::syntax::parse("<string>", text).map_err(|e| {
            let message = format!("{} ({}, line {})", e.message, e.file, e.line);
            self.exc("SyntaxError", message)
        })?;
        let module = Arc::new(parsed);
        if self.native_depth >= crate::vm::MAX_NATIVE_DEPTH
            || self.frames.len() >= self.recursion_limit
        {
            return Err(self.exc("RecursionError", "maximum recursion depth exceeded"));
        }
        self.run_module_body(module, globals).map(|_| Value::None)
    }
}

/// The module file `name` in `dir`: `name.py`, or the package `name/__init__.py`.
fn find_file(dir: &Path, name: &str) -> Option<Found> {
    let folder = dir.join(name);
    let init = folder.join("__init__.py");
    if init.is_file() {
        return Some(Found::File {
            path: init,
            package: Some(folder),
        });
    }
    let file = dir.join(format!("{name}.py"));
    file.is_file().then_some(Found::File {
        path: file,
        package: None,
    })
}
