//! A Python frame on the heap (RFC-0008 §3): its code, instruction pointer, operand
//! stack, variables, iterations and `try` blocks.

use std::sync::Arc;

use floe_core::{AttrHint, CoreError, Dict, Instance, ObjRef, Str, Value};
use indexmap::IndexMap;

use crate::compiler::CodeObject;
use crate::errors::{Exc, TbEntry};
use crate::ops::Iter;
use crate::syntax::{Code, Module};

/// A class body's namespace, in the order names were first bound (they become the
/// class's attributes in that order).
pub(crate) type ClassNamespace = IndexMap<Str, Value, foldhash::fast::FixedState>;

/// Where a frame's global names live.
#[derive(Clone)]
pub(crate) enum Globals {
    /// `__main__`'s namespace (the interpreter's `globals`).
    Main,
    /// An imported module's namespace: the module object's attributes; `key` is its
    /// name in the interpreter's table of modules.
    Module { ns: Instance, key: Str },
    /// A frozen function's snapshot of the globals it names (semantics §4).
    Snapshot(Dict),
}

impl Globals {
    /// The object holding the variables (`main` is `__main__`'s dict): what a refused
    /// store names.
    pub(crate) fn holder(&self, main: &Dict) -> Value {
        match self {
            Globals::Main => main.clone().into(),
            Globals::Module { ns, .. } => ns.clone().into(),
            Globals::Snapshot(d) => d.clone().into(),
        }
    }

    /// Binds the global `name` (through the write barrier: a frozen snapshot or module
    /// refuses), looking where `hint` says first; a refusal comes with the holder to
    /// name.
    pub(crate) fn bind(
        &self,
        main: &Dict,
        name: &Str,
        value: &Value,
        hint: &AttrHint,
    ) -> Result<(), (CoreError, Value)> {
        match self {
            Globals::Main => main.set_str_hinted(name, value.clone(), hint),
            Globals::Module { ns, .. } => ns.as_obj().set_attr_hinted(name, value.clone(), hint),
            Globals::Snapshot(d) => d.set_str_hinted(name, value.clone(), hint),
        }
        .map_err(|e| (e, self.holder(main)))
    }
}

/// An active `try`: where an exception goes, and the depths to cut back to.
#[derive(Clone, Copy)]
pub(crate) struct Block {
    pub handler: u32,
    pub stack: u32,
    pub iters: u32,
}

/// One activation: a module body, a function call or a class body.
pub(crate) struct Frame {
    /// The definition's code (`None` for a module body).
    pub code: Option<Arc<Code>>,
    pub bc: Arc<CodeObject>,
    /// The next instruction.
    pub ip: usize,
    pub stack: Vec<Value>,
    /// Local variables by slot; `None` is unbound.
    pub slots: Vec<Option<Value>>,
    /// The frame's own cells, then its closure's (a missing closure cell is `None`).
    pub cells: Vec<Option<ObjRef>>,
    /// A class body's namespace.
    pub class_ns: Option<ClassNamespace>,
    /// A class body's `__class__` cell (filled once the class exists).
    pub class_cell: Option<ObjRef>,
    pub iters: Vec<Iter>,
    pub blocks: Vec<Block>,
    /// Exceptions caught by a block and not finished with (innermost last), with where
    /// each was raised in this frame.
    pub caught: Vec<(Exc, usize)>,
    /// Where the exception now leaving was first raised in this frame, if it is one
    /// being re-raised (its traceback names that line, as Python's does).
    pub raised_at: Option<usize>,
    /// For a class's `__init__` run by `Call` in the caller's loop: the new instance,
    /// which its return hands the caller in place of `None` (RFC-0008 §3).
    pub init_of: Option<Value>,
    pub globals: Globals,
    pub module: Arc<Module>,
}

/// Frames that returned, kept (boxed, their vectors' capacity kept, everything they
/// referenced dropped) for the next calls: a call then allocates nothing, and moving a
/// frame onto the stack of frames, into a generator and back moves one pointer.
#[derive(Default)]
pub(crate) struct FramePool {
    #[allow(
        clippy::vec_box,
        reason = "a frame moves between this vector, the pool and generators by pointer"
    )]
    frames: Vec<Box<Frame>>,
}

/// How many returned frames the pool keeps.
const POOL_SIZE: usize = 64;

impl FramePool {
    /// A frame that runs `bc` (its slots and own cells empty). A frame last used for the
    /// same code — a loop calling one function — keeps its handles on the code: no
    /// counts change.
    pub(crate) fn frame(
        &mut self,
        code: Option<&Arc<Code>>,
        bc: &Arc<CodeObject>,
        globals: Globals,
        module: &Arc<Module>,
    ) -> Box<Frame> {
        let slot_count = bc.slot_names.len();
        let mut frame = match self.frames.pop() {
            Some(mut frame) => {
                let same_code = match (&frame.code, code) {
                    (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                    (None, None) => true,
                    _ => false,
                };
                if !same_code {
                    frame.code = code.cloned();
                }
                if !Arc::ptr_eq(&frame.bc, bc) {
                    frame.bc = Arc::clone(bc);
                }
                if !Arc::ptr_eq(&frame.module, module) {
                    frame.module = Arc::clone(module);
                }
                frame.ip = 0;
                frame.globals = globals;
                frame
            }
            None => Box::new(Frame {
                slots: Vec::new(),
                cells: Vec::new(),
                stack: Vec::with_capacity(8),
                code: code.cloned(),
                bc: Arc::clone(bc),
                ip: 0,
                class_ns: None,
                class_cell: None,
                iters: Vec::new(),
                blocks: Vec::new(),
                caught: Vec::new(),
                raised_at: None,
                init_of: None,
                globals,
                module: Arc::clone(module),
            }),
        };
        frame.slots.resize(slot_count, None);
        frame
    }
}

impl Frame {
    /// Gives the pool a frame that is done with: the values and objects it references
    /// are dropped now (its code, compiled code and module stay until the frame is
    /// reused: code is immutable and holds no object).
    pub(crate) fn recycle(pool: &mut FramePool, mut frame: Box<Frame>) {
        if pool.frames.len() < POOL_SIZE {
            frame.slots.clear();
            // What a plain function's return leaves empty is tested, not cleared: a
            // clear of an empty vector of iterations or exceptions is still a call.
            if !frame.stack.is_empty() {
                frame.stack.clear();
            }
            if !frame.cells.is_empty() {
                frame.cells.clear();
            }
            if !frame.iters.is_empty() {
                frame.iters.clear();
            }
            if !frame.caught.is_empty() {
                frame.caught.clear();
            }
            frame.blocks.clear();
            frame.class_ns = None;
            frame.class_cell = None;
            frame.raised_at = None;
            frame.init_of = None;
            frame.globals = Globals::Main;
            pool.frames.push(frame);
        }
    }

    /// The source offset of the statement running now (for tracebacks).
    pub(crate) fn offset(&self) -> usize {
        self.bc.offset_at(self.ip.saturating_sub(1))
    }

    /// This frame as a traceback entry.
    pub(crate) fn tb_entry(&self) -> TbEntry {
        TbEntry {
            source: Arc::clone(&self.module.source),
            offset: self.raised_at.unwrap_or_else(|| self.offset()),
            func: self.name(),
        }
    }

    /// The function's name, `<module>`, or `<class C>` (for tracebacks).
    pub(crate) fn name(&self) -> Str {
        match &self.code {
            None => Str::from("<module>"),
            Some(c) => c.name.clone(),
        }
    }

    /// A class body's frame.
    pub(crate) fn is_class(&self) -> bool {
        self.class_ns.is_some()
    }

    /// The frame's bound variables by name: local slots, then a class body's names
    /// (pictures name their roots with them).
    pub(crate) fn variables(&self) -> Vec<(Str, Value)> {
        let mut out: Vec<(Str, Value)> = self
            .bc
            .slot_names
            .iter()
            .zip(&self.slots)
            .filter(|(n, _)| !n.starts_with('.')) // hidden slots (a return value)
            .filter_map(|(n, v)| v.clone().map(|v| (n.clone(), v)))
            .collect();
        if let Some(ns) = &self.class_ns {
            out.extend(ns.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        out
    }

    /// Every value a variable of this frame holds, every operand on its stack (the
    /// callee and arguments of a call being prepared, the operands of an operator), and
    /// the instance an `__init__` frame is making, to change in place (`close(r)`),
    /// always in the same order.
    pub(crate) fn values_mut(&mut self) -> impl Iterator<Item = &mut Value> {
        let ns = self.class_ns.iter_mut().flat_map(|ns| ns.values_mut());
        self.slots
            .iter_mut()
            .flatten()
            .chain(ns)
            .chain(self.stack.iter_mut())
            .chain(self.init_of.iter_mut())
    }

    /// The cells this frame holds (its roots, for the isolation rule).
    pub(crate) fn cell_objects(&self) -> impl Iterator<Item = &ObjRef> {
        self.cells.iter().flatten().chain(&self.class_cell)
    }
}
