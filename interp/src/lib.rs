//! `floe`: a Python-subset interpreter over Floe's object model (semantics §7).
//!
//! Every object a script makes is a Floe object with a state, and every store goes
//! through the write barrier, so the rules of regions, capture and freezing are observable
//! from Python syntax — and the RFCs' Python examples are executable.
//!
//! ```
//! let out = floe_interp::run_source(
//!     "example.py",
//!     "from floe import Region, freeze\nr = Region('r')\nr.items = [1, 2]\nprint(r.owns(r.items))\n",
//!     floe_interp::Options::default(),
//! );
//! assert_eq!(out.stdout, "True\n");
//! assert_eq!(out.status, 0);
//! ```
#![forbid(unsafe_code)]

mod behaviours;
mod builtins;
mod bytes;
mod compiler;
mod dunders;
mod errors;
mod expr;
mod floe_api;
mod interp;
mod keys;
mod lazy;
mod methods;
mod modules;
mod ops;
mod pictures;
mod runtime;
mod sets;
mod slices;
mod sort;
mod stdlib;
mod subclass;
mod syntax;
mod sys;
mod text;
mod vm;

pub use interp::{Interp, Options, Out};
pub use pictures::Pictures;
pub use syntax::{parse, Module, Source, SyntaxError};

use std::io::Write;
use std::sync::{Arc, Mutex};

pub(crate) use errors::Flow;

/// The result of evaluation: a value, or control flow leaving the construct.
pub(crate) type Res<T> = Result<T, Flow>;

/// What a script run printed and how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOutput {
    /// What `print` wrote.
    pub stdout: String,
    /// The traceback of an uncaught exception, or the syntax error.
    pub stderr: String,
    /// 0: ran to the end; 1: an uncaught exception; 2: a syntax error.
    pub status: i32,
}

/// Interpreter threads get a large stack: Python calls run on heap frames, but native
/// code calling back into Python (a key function, `__init__`, `__eq__`) nests on it.
pub const STACK_SIZE: usize = 256 << 20;

/// A `Write` that appends to a shared buffer.
#[derive(Clone, Default)]
pub struct SharedBuf(pub Arc<Mutex<Vec<u8>>>);

impl Write for SharedBuf {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // A panic reported as `SystemError` may have poisoned the lock: the bytes are whole.
        let mut b = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        b.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs a script on a fresh interpreter thread and collects what it printed.
pub fn run_source(name: &str, text: &str, options: Options) -> RunOutput {
    let buf = SharedBuf::default();
    let out = buf.clone();
    let (name, text) = (name.to_string(), text.to_string());
    let result = std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn(move || run_with(&name, &text, options, Arc::new(Mutex::new(out))))
        .expect("spawn the interpreter thread")
        .join()
        .unwrap_or_else(|p| Err((format!("SystemError: {}", panic_text(p.as_ref())), 1)));
    let written = buf
        .0
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let stdout = String::from_utf8_lossy(&written).into_owned();
    let (stderr, status) = match result {
        Ok(()) => (String::new(), 0),
        Err((e, status)) => (e, status),
    };
    RunOutput {
        stdout,
        stderr,
        status,
    }
}

/// Parses and runs a script on this thread, printing to `out`.
///
/// # Errors
/// The traceback (status 1) or syntax error (status 2), as text.
pub fn run_with(name: &str, text: &str, options: Options, out: Out) -> Result<(), (String, i32)> {
    run_drawing(name, text, options, out, None)
}

/// As [`run_with`], writing the pictures `floe run --draw DIR` asks for (RFC-0007).
///
/// A Rust panic while the script runs (a bug in the interpreter) does not abort the
/// process: it ends the run as an uncaught `SystemError` (status 1) whose message is the
/// Rust message and where it was raised, under the Python frames that were running.
///
/// # Errors
/// As [`run_with`].
pub fn run_drawing(
    name: &str,
    text: &str,
    options: Options,
    out: Out,
    pictures: Option<Pictures>,
) -> Result<(), (String, i32)> {
    catch_panics(|| {
        let module = parse(name, text).map_err(|e| (e.to_string(), 2))?;
        let mut interp = Interp::new(out, options);
        if let Some(p) = pictures {
            interp.set_pictures(p);
        }
        let run = catch_panics(|| Ok(interp.run_module(Arc::new(module))));
        let result = match run {
            // `sys.exit(n)` ends the run with status `n` (0 is a success).
            Ok(r) => match (r, interp.stdlib.exit_status) {
                (Err(_), Some(0)) => Ok(()),
                (r, status) => r.map_err(|e| (e, status.unwrap_or(1))),
            },
            Err((message, _)) => Err((interp.panic_report(&message), 1)),
        };
        interp.abandon_handoffs();
        // Behaviours the script scheduled run to the end before the run does.
        let _ = floe_cowns::quiesce();
        // The script's objects go with its interpreter; cycles among them need the collector.
        drop(interp);
        floe_core::heap::collect();
        result
    })
}

thread_local! {
    /// Set while [`catch_panics`] runs on this thread: the panic hook records the message
    /// here instead of printing it.
    static CAUGHT: std::cell::RefCell<Option<Option<String>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f`, turning a Rust panic inside it into `Err(("SystemError: ...", 1))` carrying the
/// panic's message and location (a `SystemError` is CPython's report of an interpreter
/// bug). The panic is not printed: the error says it.
///
/// # Errors
/// `f`'s own error, or the panic as above.
///
/// # Examples
/// ```
/// let r: Result<(), _> = floe_interp::catch_panics(|| panic!("boom"));
/// let (text, status) = r.unwrap_err();
/// assert!(text.starts_with("SystemError: boom (at "), "{text}");
/// assert_eq!(status, 1);
/// ```
pub fn catch_panics<T>(f: impl FnOnce() -> Result<T, (String, i32)>) -> Result<T, (String, i32)> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let text = || {
                let where_ = info
                    .location()
                    .map(|l| format!(" (at {l})"))
                    .unwrap_or_default();
                format!("{}{where_}", panic_text(info.payload()))
            };
            let caught = CAUGHT.with(|c| match &mut *c.borrow_mut() {
                Some(slot) => {
                    slot.get_or_insert_with(text);
                    true
                }
                None => false,
            });
            if !caught {
                previous(info);
            }
        }));
    });
    let outer = CAUGHT.with(|c| c.replace(Some(None)));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    let recorded = CAUGHT.with(|c| c.replace(outer)).flatten();
    result.unwrap_or_else(|p| {
        let text = recorded.unwrap_or_else(|| panic_text(p.as_ref()));
        Err((format!("SystemError: {text}"), 1))
    })
}

/// The message a panic carried.
fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    match (
        payload.downcast_ref::<&str>(),
        payload.downcast_ref::<String>(),
    ) {
        (Some(s), _) => (*s).to_string(),
        (_, Some(s)) => s.clone(),
        _ => "a Rust panic".to_string(),
    }
}

#[doc = include_str!("../../RFCs/0006-interpreter.md")]
pub mod rfc_0006 {}
