//! The compiler: a parsed module's statements, or one function, lambda or class body, to
//! a [`CodeObject`] of stack-machine instructions (RFC-0008 §1–§2).
//!
//! Names are resolved here, once, from the scope analysis `syntax.rs` made: locals to
//! frame slots, captured variables to cells, the rest to globals (by name index) or, in a
//! class body, to the class namespace. Control flow becomes jumps; `try` and `with`
//! become blocks the VM unwinds to; `break`, `continue` and `return` out of a `try`, an
//! `except` handler or a `with` run the clean-up (a `finally` body is compiled again on
//! each such exit, as CPython does; a `with` calls `__exit__` there).

mod code;
mod expr;
mod stmt;

use std::collections::HashMap;
use std::sync::Arc;

use floe_core::Str;
use rustpython_parser::ast::{Expr, Ranged, Stmt};

pub(crate) use code::{CodeObject, Const, Instr, Var};

use crate::syntax::{Code, CodeBody, Module, NameKind};

/// Which kind of code is compiled: it decides how names resolve.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Module,
    Function,
    Class,
}

/// What an early exit (`break`, `continue`, `return`) must undo on its way out.
enum Exit<'a> {
    /// A loop: where `continue` goes, the `break` jumps to patch, and whether it owns an
    /// iteration to drop.
    Loop {
        start: u32,
        breaks: Vec<usize>,
        iterates: bool,
    },
    /// A `try` body with handlers: its block.
    Except,
    /// A `try` body with a `finally`: its block, and the body to run on the way out.
    Finally(&'a [Stmt]),
    /// A `finally` body run because of an exception: the caught exception below.
    FinallyCaught,
    /// An `except` handler's body: its clean-up block, and the name it binds.
    Handler(Option<Var>),
    /// A `with` body: its block, and the bound `__exit__` below it on the stack.
    With,
}

/// The compiler's state for one code object.
pub(crate) struct Compiler<'a> {
    scope: Scope,
    code: Option<&'a Code>,
    module: &'a Module,
    instrs: Vec<Instr>,
    consts: Vec<Const>,
    names: Vec<Str>,
    name_index: HashMap<Str, u32>,
    slots: HashMap<Str, u32>,
    slot_names: Vec<Str>,
    cells: HashMap<Str, u32>,
    cell_names: Vec<Str>,
    free_names: Vec<Str>,
    lines: Vec<(u32, u32)>,
    exits: Vec<Exit<'a>>,
}

/// Compiles a module's top-level statements; with `echo`, a final expression statement's
/// value is echoed (the REPL).
pub(crate) fn compile_module(module: &Module, echo: bool) -> CodeObject {
    let mut c = Compiler::new(Scope::Module, None, module);
    let body = &module.body;
    let last_echo = echo && matches!(body.last(), Some(Stmt::Expr(_)));
    let (init, last) = match (last_echo, body.split_last()) {
        (true, Some((last, init))) => (init, Some(last)),
        _ => (&body[..], None),
    };
    c.block(init);
    if let Some(Stmt::Expr(e)) = last {
        c.line(e.range.start().into());
        c.expr(&e.value);
        c.emit(Instr::Echo);
    }
    c.return_none();
    c.finish()
}

/// The compiled form of a function, lambda or class body, made once and shared by
/// every interpreter that runs it.
pub(crate) fn compiled<'c>(code: &'c Code, module: &Module) -> &'c Arc<CodeObject> {
    code.compiled.get_or_init(|| {
        let scope = if code.is_class {
            Scope::Class
        } else {
            Scope::Function
        };
        let mut c = Compiler::new(scope, Some(code), module);
        match &code.body {
            CodeBody::Block(body) => {
                if code.is_class && body.iter().any(annotates_name) {
                    // A class body with `name: annotation` statements starts with an
                    // empty `__annotations__` (CPython's SETUP_ANNOTATIONS).
                    c.emit(Instr::BuildDict(0));
                    c.store_var(ANNOTATIONS);
                }
                c.block(body);
                c.return_none();
            }
            CodeBody::Lambda(e) => {
                c.line(e.range().start().into());
                c.expr(e);
                c.emit(Instr::Return);
            }
            CodeBody::Comprehension(e) => {
                c.line(e.range().start().into());
                c.comprehension_body(e);
            }
        }
        Arc::new(c.finish())
    })
}

/// The class namespace's record of its annotated names.
const ANNOTATIONS: &str = "__annotations__";

/// Whether `s` (or a statement nested in its blocks) annotates a simple name, which a
/// class body records in `__annotations__`.
fn annotates_name(s: &Stmt) -> bool {
    let any = |b: &[Stmt]| b.iter().any(annotates_name);
    match s {
        Stmt::AnnAssign(a) => a.simple,
        Stmt::If(i) => any(&i.body) || any(&i.orelse),
        Stmt::For(f) => any(&f.body) || any(&f.orelse),
        Stmt::While(w) => any(&w.body) || any(&w.orelse),
        Stmt::With(w) => any(&w.body),
        Stmt::Try(t) => {
            any(&t.body)
                || any(&t.orelse)
                || any(&t.finalbody)
                || t.handlers.iter().any(|h| {
                    let rustpython_parser::ast::ExceptHandler::ExceptHandler(h) = h;
                    any(&h.body)
                })
        }
        _ => false,
    }
}

/// Fuses each `Compare` followed by a conditional jump into one `CompareJump`, which
/// skips the jump after it (one dispatch and one `bool` on the stack fewer in every
/// `if` and `while` test that compares).
fn fuse_compare_jumps(instrs: &mut [Instr]) {
    for i in 0..instrs.len().saturating_sub(1) {
        if let Instr::Compare(op) = instrs[i] {
            instrs[i] = match instrs[i + 1] {
                Instr::PopJumpIfFalse(t) => Instr::CompareJump(op, t, false),
                Instr::PopJumpIfTrue(t) => Instr::CompareJump(op, t, true),
                _ => continue,
            };
        }
    }
}

/// Fuses the most frequent runs of instructions into one (RFC-0008 §2): a local's read
/// with the attribute read, attribute store or indexing that uses it (`LoadFastAttr`,
/// `StoreFastAttr`, `LoadFastItem`), with another local's read or a constant
/// (`LoadFastFast`, `LoadFastConst`); a local's store with the next local's read
/// (`StoreFastLoadFast`); a loop's next value with the store of it into a local
/// (`ForIterStore`); a loop's jump back with the `ForIter` it jumps to (`LoopBack`). The
/// first instruction of the run is replaced, the others stay for jumps that land on them
/// (the fused one skips them when it does their work).
fn fuse_local_reads(instrs: &mut [Instr]) {
    // Jumps back are fused with their target as it was compiled (before the target
    // itself is fused below).
    for i in 0..instrs.len() {
        if let Instr::Jump(h) = instrs[i] {
            let head = instrs.get(h as usize);
            if (h as usize) < i && matches!(head, Some(Instr::ForIter(_))) {
                instrs[i] = Instr::LoopBack(h);
            }
        }
    }
    for i in 0..instrs.len() {
        if let (Instr::ForIter(t), Some(&Instr::StoreFast(slot))) = (instrs[i], instrs.get(i + 1)) {
            instrs[i] = Instr::ForIterStore(t, slot);
            continue;
        }
        if let Some(fused) = fused_read(instrs, i) {
            instrs[i] = fused;
        }
    }
    // A store before a local's read that is fused with what follows it is left alone:
    // that read's own fusion saves as much.
    for i in 0..instrs.len() {
        if let (Instr::StoreFast(a), Some(&Instr::LoadFast(b))) = (instrs[i], instrs.get(i + 1)) {
            instrs[i] = Instr::StoreFastLoadFast(a, b);
        }
    }
}

/// What the local's read at `i` fuses with what follows it into, if anything (for
/// [`fuse_local_reads`], which calls it on the instructions as compiled from `i` on).
fn fused_read(instrs: &[Instr], i: usize) -> Option<Instr> {
    let Instr::LoadFast(a) = instrs[i] else {
        return None;
    };
    Some(match (instrs.get(i + 1), instrs.get(i + 2)) {
        (Some(&Instr::LoadAttr(n)), _) => Instr::LoadFastAttr(a, n),
        // `o.x = v` evaluates `v`, then `o`, and swaps them for the store.
        (Some(&Instr::Rot2), Some(&Instr::StoreAttr(n))) => Instr::StoreFastAttr(a, n),
        (Some(&Instr::LoadFast(b)), Some(&Instr::GetItem)) => Instr::LoadFastItem(a, b),
        // A read before a local's read that fuses with an attribute or an index (`v`
        // in `o.x = v`, `a` in `a + o.x`) stays alone: the next one's fusion then runs
        // (`LoadFastFast` would pass over it) and saves more.
        (Some(&Instr::LoadFast(_)), _)
            if matches!(
                fused_read(instrs, i + 1),
                Some(Instr::LoadFastAttr(..) | Instr::StoreFastAttr(..) | Instr::LoadFastItem(..))
            ) =>
        {
            return None;
        }
        (Some(&Instr::LoadFast(b)), _) => Instr::LoadFastFast(a, b),
        (Some(&Instr::Const(k)), _) => Instr::LoadFastConst(a, k),
        _ => return None,
    })
}

impl<'a> Compiler<'a> {
    fn new(scope: Scope, code: Option<&'a Code>, module: &'a Module) -> Compiler<'a> {
        let mut c = Compiler {
            scope,
            code,
            module,
            instrs: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            slots: HashMap::new(),
            slot_names: Vec::new(),
            cells: HashMap::new(),
            cell_names: Vec::new(),
            free_names: Vec::new(),
            lines: Vec::new(),
            exits: Vec::new(),
        };
        if let Some(code) = code {
            // Parameters take the first slots, in binding order (the VM binds by index).
            let p = &code.params;
            let params = p
                .positional
                .iter()
                .chain(&p.vararg)
                .chain(&p.kwonly)
                .chain(&p.kwarg);
            for name in params {
                c.new_slot(name);
            }
            // Own cells in a fixed order (sorted: `names` is a hash map).
            let mut own: Vec<&Str> = code
                .names
                .iter()
                .filter(|(_, k)| **k == NameKind::Cell)
                .map(|(n, _)| n)
                .collect();
            own.sort();
            for name in own {
                let i = c.cell_names.len() as u32;
                c.cells.insert(name.clone(), i);
                c.cell_names.push(name.clone());
            }
            let base = c.cell_names.len() as u32;
            for (i, name) in code.frees.iter().enumerate() {
                let name = Str::from(name.as_str());
                c.cells.entry(name.clone()).or_insert(base + i as u32);
                c.free_names.push(name);
            }
        }
        c
    }

    fn new_slot(&mut self, name: &Str) -> u32 {
        if let Some(&i) = self.slots.get(name) {
            return i;
        }
        let i = self.slot_names.len() as u32;
        self.slots.insert(name.clone(), i);
        self.slot_names.push(name.clone());
        i
    }

    fn finish(mut self) -> CodeObject {
        fuse_compare_jumps(&mut self.instrs);
        fuse_local_reads(&mut self.instrs);
        CodeObject {
            hints: self
                .instrs
                .iter()
                .map(|_| floe_core::AttrHint::default())
                .collect(),
            instrs: self.instrs,
            values: self.consts.iter().map(Const::immediate).collect(),
            consts: self.consts,
            names: self.names,
            slot_names: self.slot_names,
            cell_params: self
                .cell_names
                .iter()
                .map(|n| self.slots.get(n).copied())
                .collect(),
            cell_names: self.cell_names,
            free_names: self.free_names,
            lines: self.lines,
        }
    }

    // ----- emitting -----

    fn emit(&mut self, i: Instr) -> usize {
        self.instrs.push(i);
        self.instrs.len() - 1
    }

    /// Where the next instruction goes.
    fn here(&self) -> u32 {
        self.instrs.len() as u32
    }

    /// Points the jump at `at` to the next instruction.
    fn patch(&mut self, at: usize) {
        self.patch_to(at, self.here());
    }

    /// Points each jump in `jumps` to the next instruction.
    fn patch_all(&mut self, jumps: Vec<usize>) {
        for at in jumps {
            self.patch(at);
        }
    }

    /// Points the jump at `at` to instruction `to`.
    fn patch_to(&mut self, at: usize, to: u32) {
        self.instrs[at] = match self.instrs[at] {
            Instr::Jump(_) => Instr::Jump(to),
            Instr::PopJumpIfFalse(_) => Instr::PopJumpIfFalse(to),
            Instr::PopJumpIfTrue(_) => Instr::PopJumpIfTrue(to),
            Instr::JumpIfFalseOrPop(_) => Instr::JumpIfFalseOrPop(to),
            Instr::JumpIfTrueOrPop(_) => Instr::JumpIfTrueOrPop(to),
            Instr::ForIter(_) => Instr::ForIter(to),
            Instr::SetupExcept(_) => Instr::SetupExcept(to),
            Instr::SetupWith(_) => Instr::SetupWith(to),
            Instr::Send(_) => Instr::Send(to),
            other => unreachable!("not a jump: {other:?}"),
        };
    }

    /// A statement starts here (for tracebacks).
    fn line(&mut self, offset: usize) {
        let at = self.here();
        match self.lines.last_mut() {
            Some(last) if last.0 == at => last.1 = offset as u32,
            _ => self.lines.push((at, offset as u32)),
        }
    }

    fn konst(&mut self, c: Const) -> u32 {
        self.consts.push(c);
        (self.consts.len() - 1) as u32
    }

    fn load_const(&mut self, c: Const) {
        let i = self.konst(c);
        self.emit(Instr::Const(i));
    }

    fn return_none(&mut self) {
        self.load_const(Const::None);
        self.emit(Instr::Return);
    }

    /// The index of `name` among the code's names.
    fn name(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.name_index.get(name) {
            return i;
        }
        let s = Str::intern(name);
        let i = self.names.len() as u32;
        self.name_index.insert(s.clone(), i);
        self.names.push(s);
        i
    }

    /// Raises `SyntaxError` with `message` when reached (the tree walker raised these at
    /// run time too, so a script can catch them).
    fn fail(&mut self, message: &str) {
        let m = self.konst(Const::Str(Str::from(message)));
        self.emit(Instr::Const(m));
        self.emit(Instr::Fail(2));
    }

    // ----- names -----

    /// Where variable `name` lives in this code.
    fn var(&mut self, name: &str) -> Var {
        match self.scope {
            Scope::Module => Var::Global(self.name(name)),
            Scope::Class => match self.code.and_then(|c| c.kind(name)) {
                Some(NameKind::Free | NameKind::Cell) => match self.cells.get(name) {
                    Some(&i) => Var::Cell(i),
                    None => Var::Class(self.name(name)),
                },
                Some(NameKind::Global) => Var::Global(self.name(name)),
                Some(NameKind::Local) | None => Var::Class(self.name(name)),
            },
            Scope::Function => match self.code.and_then(|c| c.kind(name)) {
                Some(NameKind::Local) => Var::Fast(self.new_slot(&Str::from(name))),
                Some(NameKind::Cell | NameKind::Free) => match self.cells.get(name) {
                    Some(&i) => Var::Cell(i),
                    None => Var::Global(self.name(name)),
                },
                Some(NameKind::Global) | None => Var::Global(self.name(name)),
            },
        }
    }

    fn load_var(&mut self, name: &str) {
        match self.var(name) {
            Var::Fast(i) => self.emit(Instr::LoadFast(i)),
            v => self.emit(Instr::Load(v)),
        };
    }

    fn store_var(&mut self, name: &str) {
        match self.var(name) {
            Var::Fast(i) => self.emit(Instr::StoreFast(i)),
            v => self.emit(Instr::Store(v)),
        };
    }

    /// Whether this is a class body.
    fn in_class(&self) -> bool {
        self.scope == Scope::Class
    }

    /// `__annotations__[name] = "<annotation>"`: a class body records each annotated
    /// name with its annotation's source text, unevaluated (PEP 563, as under `from
    /// __future__ import annotations`), so an annotation naming what floe lacks
    /// (`list[int]`) costs nothing; a string annotation is recorded as its value.
    fn record_annotation(&mut self, name: &str, annotation: &Expr) {
        let source = match annotation {
            Expr::Constant(c) => match &c.value {
                rustpython_parser::ast::Constant::Str(s) => Some(s.as_str()),
                _ => None,
            },
            _ => None,
        };
        let range = annotation.range();
        let source = source.unwrap_or_else(|| {
            self.module
                .source
                .text
                .get(usize::from(range.start())..usize::from(range.end()))
                .unwrap_or_default()
        });
        self.load_const(Const::Str(Str::from(source)));
        self.load_var(ANNOTATIONS);
        self.load_const(Const::Str(Str::from(name)));
        self.emit(Instr::SetItem);
    }

    /// The code of the definition starting at `node`.
    fn nested(&mut self, node: &impl Ranged) -> u32 {
        let code = self.module.code_at(crate::syntax::span_of(node));
        self.konst(Const::Code(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The instructions of the one function `source` defines.
    fn function_instrs(source: &str) -> Vec<Instr> {
        let module = crate::syntax::parse("t.py", source).expect("it parses");
        let code = module.codes.values().next().expect("a function");
        compiled(code, &module).instrs.clone()
    }

    /// A local read before one fused with an attribute stays alone, so the attribute's
    /// fusion is the one that runs (`LoadFastFast` would jump over it).
    #[test]
    fn a_read_before_an_attribute_fusion_is_left_alone() {
        let store = function_instrs("def f(o, v):\n    o.x = v\n");
        assert!(
            matches!(
                store[..],
                [
                    Instr::LoadFast(1),
                    Instr::StoreFastAttr(0, _),
                    Instr::Rot2,
                    Instr::StoreAttr(_),
                    ..
                ]
            ),
            "{store:?}"
        );
        let read = function_instrs("def f(o, a):\n    return a + o.x\n");
        assert!(
            matches!(
                read[..],
                [
                    Instr::LoadFast(1),
                    Instr::LoadFastAttr(0, _),
                    Instr::LoadAttr(_),
                    ..
                ]
            ),
            "{read:?}"
        );
        let pair = function_instrs("def f(a, b):\n    return a + b\n");
        assert!(
            matches!(pair[..], [Instr::LoadFastFast(0, 1), ..]),
            "{pair:?}"
        );
    }
}
