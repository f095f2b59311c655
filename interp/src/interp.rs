//! The interpreter's state: the module namespace, the frames, what is being handled,
//! the run's options; running a module; the roots it holds.

use std::io::Write;
use std::sync::Arc;

use floe_core::{Class, Dict, Instance, ObjRef, Str, Tuple, Value};
use floe_freeze::FreezePolicy;

use crate::errors::Flow;
use crate::runtime::{types, FastMap};
use crate::syntax::Module;
use crate::vm::{ClassNamespace, Globals};
use crate::Res;

/// The fewest live local objects at which the interpreter collects cycles.
const GC_FLOOR: u64 = 100_000;

/// The deepest Python call nesting before `RecursionError`, unless the script sets
/// another (`sys.setrecursionlimit`).
pub(crate) const DEFAULT_RECURSION_LIMIT: usize = 1000;

/// A `Cown(r)` made while `r` was still referenced (semantics §6): the hand-off waiting for
/// the references to go, the region, and where the cown was made (innermost frame first),
/// for the traceback if the run ends before the region moves.
pub(crate) struct PendingHandoff {
    pub handoff: floe_cowns::Handoff,
    pub region: floe_regions::Region,
    pub made_at: Vec<crate::errors::TbEntry>,
}

/// A new `__main__` namespace.
fn main_globals() -> Dict {
    let globals = Dict::new();
    globals
        .set(Value::str("__name__"), Value::str("__main__"))
        .expect("a new dict accepts items");
    globals
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
    pub(crate) builtins: crate::builtins::Builtins,
    pub(crate) frames: crate::vm::Frames,
    pub(crate) out: Out,
    /// Exceptions being handled by running `except` blocks (for a bare `raise`).
    pub(crate) handling: Vec<Value>,
    /// Every module loaded, to find the definitions inside a code object.
    pub(crate) modules: Vec<Arc<Module>>,
    /// The `floe` module, made on first import.
    pub(crate) floe_module: Option<Value>,
    /// The `sys` module, made on first import.
    pub(crate) sys_module: Option<Value>,
    /// The script's own modules and the Python-source standard library's, imported so
    /// far, and where the script's are found.
    pub(crate) imports: crate::modules::Imports,
    /// The standard-library modules imported so far, and `random`'s generator.
    pub(crate) stdlib: crate::stdlib::Stdlib,
    /// How deep a structural comparison has gone (cyclic containers end in an error).
    pub(crate) nesting: usize,
    /// The run's options (behaviours' workers run under the same).
    pub(crate) options: Options,
    /// Inside a behaviour: the values of the cowns it holds, by cown id (`c.value`).
    pub(crate) holding: FastMap<u64, Value>,
    /// Cowns made from regions this thread still referenced (semantics §6): each waits
    /// for its region until the references are gone.
    pub(crate) pending: Vec<PendingHandoff>,
    /// Live local objects above which the next check collects cycles, and the least it
    /// is ever set to.
    gc_threshold: u64,
    gc_floor: u64,
    /// The storyboard `floe run --draw DIR` writes (RFC-0007).
    pub(crate) pictures: Option<crate::pictures::Storyboard>,
    /// Steps taken (loop turns and calls), and the limit (`Options::step_limit`).
    pub(crate) steps: u64,
    pub(crate) step_limit: u64,
    /// The deepest nesting of Python calls before `RecursionError`.
    pub(crate) recursion_limit: usize,
    /// How many dispatch loops native code has nested (calls back into Python).
    pub(crate) native_depth: usize,
    /// The namespace of the class body that just returned (for `MakeClass`).
    pub(crate) returned_ns: Option<ClassNamespace>,
    /// Returned frames' vectors, for the next calls.
    pub(crate) pool: crate::vm::FramePool,
    /// What method calls found on classes (RFC-0008 §5).
    pub(crate) methods: crate::vm::MethodCache,
    /// Generators not finished, with their suspended frames (RFC-0008 §4).
    pub(crate) generators: crate::vm::Generators,
    /// Set by a `yield`: the frame on top is a generator's, suspended (its resume
    /// takes it off).
    pub(crate) yielded: bool,
}

impl Interp {
    /// A fresh interpreter with an empty `__main__` namespace, printing to `out`.
    pub fn new(out: Out, options: Options) -> Interp {
        floe_freeze::install_implicit_freezer();
        set_thread_policies(options);
        let mut interp = Interp {
            globals: main_globals(),
            builtins: crate::builtins::Builtins::default(),
            frames: crate::vm::Frames::new(),
            out,
            handling: Vec::new(),
            modules: Vec::new(),
            floe_module: None,
            sys_module: None,
            imports: crate::modules::Imports::default(),
            stdlib: crate::stdlib::Stdlib::default(),
            nesting: 0,
            options,
            holding: FastMap::default(),
            pending: Vec::new(),
            gc_threshold: GC_FLOOR,
            gc_floor: GC_FLOOR,
            pictures: None,
            steps: 0,
            step_limit: options.step_limit.unwrap_or(u64::MAX),
            recursion_limit: DEFAULT_RECURSION_LIMIT,
            native_depth: 0,
            returned_ns: None,
            generators: crate::vm::Generators::default(),
            pool: crate::vm::FramePool::default(),
            methods: crate::vm::MethodCache::default(),
            yielded: false,
        };
        interp.builtins = crate::builtins::table();
        interp
    }

    /// Gives `__main__` a fresh namespace (a worker, between behaviours).
    pub(crate) fn reset_main_globals(&mut self) {
        self.globals = main_globals();
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
        if self.modules.is_empty() {
            // The script's own modules are found beside it.
            let dir = std::path::Path::new(&module.source.name).parent();
            let dir = dir.filter(|d| !d.as_os_str().is_empty());
            self.imports.set_dir(dir.map(Arc::from));
        }
        self.modules.push(Arc::clone(&module));
        let bc = Arc::new(crate::compiler::compile_module(&module, echo));
        let frame = self.pool.frame(None, &bc, Globals::Main, &module);
        let base = self.frames.len();
        self.frames.push(frame);
        let result = self.run_frames(base);
        let _ = self.out.lock().map(|mut o| o.flush());
        match result {
            Ok(_) if echo => Ok(()),
            Ok(_) => self.finish_handoffs(),
            Err(Flow::Exc(e)) => match crate::sys::exit_request(self, &e.value) {
                Some(text) => Err(text),
                None => Err(self.traceback(&e)),
            },
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

    /// Collects this thread's cyclic garbage (classes whose methods use `super()`,
    /// self-referencing lists, …) when the live local objects have doubled since the last
    /// collection: the core frees acyclic garbage at once, cycles only when asked.
    pub(crate) fn maybe_collect(&mut self) {
        let live = || {
            let s = floe_core::heap::thread_stats();
            s.allocated.saturating_sub(s.freed)
        };
        if live() > self.gc_threshold {
            self.generators.drop_abandoned();
            floe_core::heap::collect();
            self.gc_threshold = (live() * 2).max(self.gc_floor);
        }
    }

    pub(crate) fn handler_matches(&mut self, exc: &Value, ty: &Value) -> Res<bool> {
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

    /// Every heap object holding this thread's variables: the module namespace and the
    /// cells of running frames (the caller's roots of semantics §4).
    pub(crate) fn root_holders(&self) -> Vec<ObjRef> {
        let mut out = vec![self.globals.as_obj().clone()];
        out.extend(self.imports.mutable().cloned());
        for f in self.frames.iter().chain(self.generators.frames()) {
            out.extend(f.cell_objects().cloned());
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
    let c = Instance::new(&types().class("cell")).into_obj();
    if let Some(v) = value {
        set_cell(&c, v).expect("a new cell accepts a value");
    }
    c
}

/// A cell's one attribute, and where it is (a cell variable is read and written at its
/// position, without hashing the name).
fn cell_attr() -> (&'static Str, &'static floe_core::AttrHint) {
    static NAME: std::sync::LazyLock<Str> =
        std::sync::LazyLock::new(|| Str::intern("cell_contents"));
    static AT: floe_core::AttrHint = floe_core::AttrHint::new(0);
    (&NAME, &AT)
}

/// What cell `c` holds (`None` if it is empty).
pub(crate) fn cell_value(c: &ObjRef) -> Option<Value> {
    let (name, at) = cell_attr();
    c.own_attr_hinted(name, at)
}

/// Stores `v` in cell `c` (through the write barrier).
pub(crate) fn set_cell(c: &ObjRef, v: Value) -> Result<(), floe_core::CoreError> {
    let (name, at) = cell_attr();
    c.set_attr_hinted(name, v, at)
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
                crate::ops::not_implemented(); // as the types: one per process
                crate::ops::ellipsis();
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
