//! What the compiler makes: a code object's instructions, constants and names
//! (RFC-0008 §1–§2).

use std::sync::Arc;

use floe_core::{FrozenValue, Str, Value};
use malachite_bigint::BigInt;
use rustpython_parser::ast::{CmpOp, Operator, UnaryOp};

use crate::syntax::Code;

/// A variable's place, decided at compile time (RFC-0008 §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Var {
    /// Slot `i` of the frame's locals.
    Fast(u32),
    /// Cell `i` of the frame: its own cells first, then its closure's.
    Cell(u32),
    /// The global named `names[i]` (then the builtins).
    Global(u32),
    /// A class body's name `names[i]`: the class namespace, then the globals.
    Class(u32),
}

/// One instruction. Jump targets are instruction indices.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Instr {
    /// Pushes constant `i`.
    Const(u32),
    Pop,
    /// Duplicates the top of the stack.
    Dup,
    /// Duplicates the top two values (`a b` → `a b a b`).
    DupTwo,
    /// Swaps the top two values.
    Rot2,
    /// `a b c` → `c a b` (the top moves down two).
    Rot3,
    LoadFast(u32),
    /// `LoadFast(slot)` then `LoadAttr(name)` in one (made by the compiler's last pass):
    /// an instance's own attribute read in place, no handle taken on the instance; it
    /// goes on *after* the `LoadAttr` it stands for (which stays, for jumps that land on
    /// it). Anything else it does as `LoadFast` alone, and the `LoadAttr` runs next.
    LoadFastAttr(u32, u32),
    /// `LoadFast(slot)`, `Rot2`, `StoreAttr(name)` in one, in the same way: `self.x = v`
    /// on an instance stored through the barrier with no handle taken on the instance
    /// (it goes on after the `StoreAttr`); anything else it does as `LoadFast` alone.
    StoreFastAttr(u32, u32),
    /// `LoadFast(seq)`, `LoadFast(index)`, `GetItem` in one, in the same way: a list or
    /// tuple element at an int position read in place; otherwise `LoadFast(seq)` alone.
    LoadFastItem(u32, u32),
    /// `LoadFast(a)` then `LoadFast(b)` in one, in the same way (the second stays).
    LoadFastFast(u32, u32),
    /// `LoadFast(slot)` then `Const(i)` in one, in the same way.
    LoadFastConst(u32, u32),
    StoreFast(u32),
    /// `StoreFast(a)` then `LoadFast(b)` in one, in the same way (the end of one
    /// statement and the start of the next, often).
    StoreFastLoadFast(u32, u32),
    /// A loop's jump back to its `ForIter` or `ForIterStore` at `head`, fused with it:
    /// runs that instruction as if it had been jumped to.
    LoopBack(u32),
    /// `ForIter(target)` then `StoreFast(slot)` in one (made by the compiler's last
    /// pass): the next value goes straight into the slot, and execution goes on *after*
    /// the `StoreFast` it stands for (which stays, for jumps that land on it).
    ForIterStore(u32, u32),
    Load(Var),
    Store(Var),
    /// Deletes a variable; `NameError`/`UnboundLocalError` if it is unbound.
    Delete(Var),
    /// Unbinds a variable if it is bound (an `except ... as name` clean-up).
    Forget(Var),
    LoadAttr(u32),
    /// `obj value` → stores `obj.name = value`.
    StoreAttr(u32),
    DeleteAttr(u32),
    /// `obj index` → `obj[index]`.
    GetItem,
    /// `value obj index` → `obj[index] = value`.
    SetItem,
    DeleteItem,
    /// `obj [lower] [upper] [step]` (the bits say which are present) → `obj[lower:upper:step]`.
    GetSlice(u8),
    /// `value obj [lower] [upper] [step]`.
    SetSlice(u8),
    DeleteSlice(u8),
    Binary(Operator),
    /// `Binary` of the most frequent operators, an instruction each: the dispatch's
    /// jump lands on code for the one operator, with no second jump on it (made by
    /// [`Instr::binary`]).
    BinaryAdd,
    BinarySub,
    BinaryMult,
    /// `a op= b`, in place where the type does that.
    Inplace(Operator),
    /// `Inplace` of `+` and `-`, an instruction each as for `BinaryAdd`.
    InplaceAdd,
    InplaceSub,
    Unary(UnaryOp),
    Compare(CmpOp),
    /// `a b` → nothing: `Compare` and the conditional jump after it in one (made by
    /// the compiler's last pass): jumps to the target when the comparison is the `bool`,
    /// and otherwise goes on *after* the jump instruction it replaces (which stays, for
    /// jumps that land on it).
    CompareJump(CmpOp, u32, bool),
    BuildList(u32),
    BuildTuple(u32),
    BuildSet(u32),
    /// `k1 v1 ... kn vn` → a dict.
    BuildDict(u32),
    /// `list value` → `list` (value appended).
    ListAppend,
    /// `list iterable` → `list` (extended).
    ListExtend,
    /// `list` → a tuple of its items.
    ListToTuple,
    /// `list` → a set of its items.
    ListToSet,
    /// `set value` → `set` (value added).
    SetAdd,
    /// `dict key value` → `dict`.
    DictSet,
    /// `dict mapping` → `dict` (updated).
    DictUpdate,
    /// As `DictSet`, for a call's keyword arguments: a name given twice is a `TypeError`.
    KwSet,
    /// As `DictUpdate`, for a call's `**mapping`: a name given twice is a `TypeError`.
    KwUpdate,
    /// The `n` parts below (strings) joined.
    JoinStr(u32),
    /// `value [spec]` → `value` itself, its `str` or its `repr` (0, 1, 2), formatted
    /// with the spec on top if bit 4 is set.
    Format(u8),
    /// Unpacks the top into exactly `n` values (the first on top).
    Unpack(u32),
    /// Unpacks with a starred target: `before` values, a list, `after` values.
    UnpackStar(u32, u32),
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    /// Pops an iterable and starts iterating it (the frame's iterator stack).
    GetIter,
    /// Pushes the next item, or ends the iteration and jumps.
    ForIter(u32),
    /// Drops the innermost iteration (leaving a loop early).
    PopIter,
    /// `f a1 .. an` → `f(a1, .., an)`.
    Call(u32),
    /// As `Call`, the last values named by the keyword names in constant `names`.
    CallKw(u32, u32),
    /// `f args_list kwargs_dict` → `f(*args, **kwargs)`.
    CallEx,
    /// `obj a1 .. an` → `obj.name(a1, .., an)` (no bound method made).
    CallMethod(u32, u32),
    /// As `CallMethod`, the last values named by the keyword names in constant `names`.
    CallMethodKw(u32, u32, u32),
    /// `super()` with no arguments, if `super` is the built-in.
    SuperZero,
    /// Makes a function from code constant `i` (defaults tuple and keyword defaults dict
    /// below).
    MakeFunction(u32),
    /// Runs class body constant `i` with the `n` bases below and makes the class.
    MakeClass(u32, u32),
    /// `iterable` → the value of comprehension constant `i` run with `.0` = iterable: a
    /// list, set or dict, or a generator (RFC-0008 §4).
    Comprehension(u32),
    Return,
    /// `value` → suspends the generator, giving `value` to whoever resumed it; resumed,
    /// pushes the value sent in (RFC-0008 §4).
    Yield,
    /// As `Yield`, for the values a `yield from` passes up from the iterator below it (a
    /// `throw` or `close` reaching the generator here goes to that iterator first).
    YieldFrom,
    /// `iterable` → the iterator `yield from` delegates to (a generator is its own).
    GetYieldFromIter,
    /// `iter value` → sends `value` into `iter` (`next` if it is `None`): `iter yielded`,
    /// or, once `iter` is done, `result` and a jump (the `yield from` loop).
    Send(u32),
    /// `raise` (0: re-raise what is being handled; 1: raise the top).
    Raise(u8),
    /// Raises: 0 `AssertionError()`, 1 `AssertionError(top)`, 2 `SyntaxError(top)` (a
    /// construct floe does not run, reached).
    Fail(u8),
    /// Enters a `try`: an exception jumps to the handler with the exception pushed.
    SetupExcept(u32),
    /// Leaves the innermost `try` block.
    PopBlock,
    /// `manager` → `exit result`: looks up `__enter__`, then `__exit__`, on the manager's
    /// class (a `TypeError` if either is missing, worded as CPython 3.11 words it), keeps
    /// `__exit__` bound to the manager, and calls `__enter__` (RFC-0008 §2).
    WithEnter,
    /// As `SetupExcept`, for the block of a `with`: the `__enter__` result on top is left
    /// out of the block's stack (an exception while binding it to the target reaches
    /// `__exit__`, with the bound `__exit__` kept below the exception).
    SetupWith(u32),
    /// `exit exc` → `exc result`: calls `exit(type(exc), exc, None)` for the caught
    /// exception on top (`None` for the traceback: floe has no traceback objects).
    WithExit,
    /// The caught exception on top matches the class (or tuple) on top: `exc cls` →
    /// `exc bool`.
    MatchExc,
    /// Enters an `except` handler: the innermost caught exception becomes the one being
    /// handled.
    BeginHandler,
    /// Leaves an `except` handler normally.
    EndHandler,
    /// Leaves by an exception raised while an earlier one was caught (in an `except`
    /// handler, if `true`: it stops being handled; or choosing one, or in a `finally`):
    /// drops the earlier one and raises the new.
    ExitHandler(bool),
    /// Re-raises the innermost caught exception, with its traceback (no handler
    /// matched, or the end of a `finally` reached by an exception).
    Reraise,
    /// Drops the innermost caught exception (its `finally` ran and did not re-raise).
    PopCaught,
    /// `import name` or `from name import …` (names index; a relative name starts
    /// with its dots): pushes the module.
    Import(u32),
    /// `import a.b.c` (names index): imports it and pushes the top-level package `a`.
    ImportTop(u32),
    /// `module` → `module module.name`.
    ImportFrom(u32),
    /// `module` → binds every public name of the module here.
    ImportStar,
    /// The value on top goes to the interactive echo (REPL).
    Echo,
}

/// A constant. Kept free of heap objects (which are per thread) so that a code object
/// is `Send + Sync` and shared by every worker.
#[derive(Debug)]
pub(crate) enum Const {
    None,
    /// `...`.
    Ellipsis,
    Bool(bool),
    Int(i64),
    BigInt(BigInt),
    Float(f64),
    Str(Str),
    Bytes(Vec<u8>),
    Tuple(Vec<Const>),
    /// A nested function, lambda or class body.
    Code(Arc<Code>),
    /// Keyword names of a call.
    Names(Vec<Str>),
}

impl Instr {
    /// The instruction for `a op b`.
    pub(crate) fn binary(op: Operator) -> Instr {
        match op {
            Operator::Add => Instr::BinaryAdd,
            Operator::Sub => Instr::BinarySub,
            Operator::Mult => Instr::BinaryMult,
            _ => Instr::Binary(op),
        }
    }

    /// The instruction for `a op= b`.
    pub(crate) fn inplace(op: Operator) -> Instr {
        match op {
            Operator::Add => Instr::InplaceAdd,
            Operator::Sub => Instr::InplaceSub,
            _ => Instr::Inplace(op),
        }
    }
}

impl Const {
    /// The value of a constant that needs no allocation (not a big int or a tuple).
    pub(crate) fn immediate(&self) -> Option<FrozenValue> {
        let v = match self {
            Const::None => Value::None,
            Const::Bool(b) => Value::Bool(*b),
            Const::Int(i) => Value::Int(*i),
            Const::Float(f) => Value::Float(*f),
            Const::Str(s) => Value::Str(s.clone()),
            _ => return None,
        };
        FrozenValue::new(v).ok()
    }
}

/// A compiled code object (RFC-0008 §1).
#[derive(Debug)]
pub(crate) struct CodeObject {
    pub instrs: Vec<Instr>,
    pub consts: Vec<Const>,
    /// Each constant's value where it is an immediate (`None`, a bool, a small int, a
    /// float, a string), built once: `Const` pushes a clone of it, with no conversion
    /// on the way (RFC-0008 §1). `None` for a constant that needs building.
    pub values: Box<[Option<FrozenValue>]>,
    /// Attribute, global and class-body names.
    pub names: Vec<Str>,
    /// Local slots, and the name of each (for messages and for `locals()`-like views).
    pub slot_names: Vec<Str>,
    /// The frame's own cells, by name (parameters among them get their argument).
    pub cell_names: Vec<Str>,
    /// For each own cell, the slot of the parameter of that name (its argument moves
    /// into the cell when the frame starts), if there is one.
    pub cell_params: Vec<Option<u32>>,
    /// The closure's cells, by name (after the own cells in the frame's cell list).
    pub free_names: Vec<Str>,
    /// (first instruction, source byte offset) of each statement, in order.
    pub lines: Vec<(u32, u32)>,
    /// One position hint per instruction, used by `LoadAttr` and `StoreAttr` (where
    /// the attribute is in the object's table) and by a global's `Load` and `Store`
    /// (where the name is in the module's namespace): an inline cache, RFC-0008 §5,
    /// shared by every thread running the code.
    pub hints: Box<[floe_core::AttrHint]>,
}

impl CodeObject {
    /// The source offset of the statement instruction `ip` belongs to.
    pub(crate) fn offset_at(&self, ip: usize) -> usize {
        let i = self
            .lines
            .partition_point(|&(start, _)| start as usize <= ip);
        self.lines
            .get(i.wrapping_sub(1))
            .map_or(0, |&(_, off)| off as usize)
    }
}
