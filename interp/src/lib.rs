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
mod compiler;
mod errors;
mod expr;
mod floe_api;
mod interp;
mod lazy;
mod methods;
mod ops;
mod pictures;
mod runtime;
mod stdlib;
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
        self.0.lock().expect("not poisoned").extend_from_slice(buf);
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
        .expect("the interpreter does not panic");
    let stdout = String::from_utf8_lossy(&buf.0.lock().expect("not poisoned")).into_owned();
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
/// # Errors
/// As [`run_with`].
pub fn run_drawing(
    name: &str,
    text: &str,
    options: Options,
    out: Out,
    pictures: Option<Pictures>,
) -> Result<(), (String, i32)> {
    let module = parse(name, text).map_err(|e| (e.to_string(), 2))?;
    let mut interp = Interp::new(out, options);
    if let Some(p) = pictures {
        interp.set_pictures(p);
    }
    let result = interp.run_module(Arc::new(module)).map_err(|e| (e, 1));
    interp.abandon_handoffs();
    // Behaviours the script scheduled run to the end before the run does.
    let _ = floe_cowns::quiesce();
    // The script's objects go with its interpreter; cycles among them need the collector.
    drop(interp);
    floe_core::heap::collect();
    result
}

#[doc = include_str!("../../RFCs/0006-interpreter.md")]
pub mod rfc_0006 {}
