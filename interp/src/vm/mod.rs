//! The VM (RFC-0008 §3): one dispatch loop over heap frames. A call of a Python
//! function pushes a frame and goes on in the same loop; only native code calling back
//! into Python (a key function, `__eq__`, a hook) runs a nested loop.

mod call;
mod fast;
mod frame;
mod generator;
mod methods;
mod stack;
mod with;

pub(crate) use call::MAX_NATIVE_DEPTH;
pub(crate) use fast::{compare as fast_compare, same_or_equal};
pub(crate) use frame::{Block, ClassNamespace, Frame, FramePool, Globals};
pub(crate) use generator::{
    is_generator, is_suspendable, method as generator_method, Generators, Outcome, Resume,
};
pub(crate) use methods::MethodCache;
pub(crate) use stack::Frames;

use std::sync::Arc;

use floe_core::{Dict, FrozenValue, Kind, List, Set, Tuple, Value};
use rustpython_parser::ast::Operator;

use crate::compiler::{CodeObject, Const, Instr, Var};
use crate::errors::Flow;
use crate::interp::{Args, Interp};
use crate::ops::Iter;
use crate::runtime::{BuiltinBody, Entry};
use crate::Res;

/// The value of a constant that needs building: a big int, bytes, `...` or a tuple.
#[cold]
fn build_const(c: &Const) -> Value {
    c.immediate().map_or_else(
        || match c {
            Const::BigInt(b) => crate::ops::int_value(b.clone()),
            Const::Bytes(b) => crate::bytes::new_bytes(b.clone()),
            Const::Ellipsis => crate::ops::ellipsis(),
            Const::Tuple(items) => Tuple::new(items.iter().map(build_const)).into(),
            _ => unreachable!("not a value constant"),
        },
        FrozenValue::into_value,
    )
}

/// The top frame (there always is one while the loop runs).
macro_rules! top {
    ($me:ident) => {
        $me.frames.top_mut()
    };
}

/// Pops the top of the operand stack.
macro_rules! pop {
    ($me:ident) => {
        top!($me)
            .stack
            .pop()
            .expect("the compiler balances the stack")
    };
}

/// Pushes onto the operand stack.
macro_rules! push {
    ($me:ident, $v:expr) => {{
        let v = $v;
        top!($me).stack.push(v)
    }};
}

// Declared after the stack macros, which it uses.
mod rare;

impl Interp {
    /// Runs the frames above `base` until the frame at index `base` returns: its value.
    /// An exception no block of those frames catches leaves with a traceback entry for
    /// each frame it left.
    pub(crate) fn run_frames(&mut self, base: usize) -> Res<Value> {
        loop {
            match self.dispatch(base) {
                Ok(v) => return Ok(v),
                Err(flow) => self.unwind(flow, base)?,
            }
        }
    }

    /// Finds the block that catches `flow`, leaving frames on the way; `Err` once the
    /// frame at `base` is left too.
    fn unwind(&mut self, flow: Flow, base: usize) -> Res<()> {
        let Flow::Exc(mut exc) = flow;
        loop {
            let frame = top!(self);
            if let Some(b) = frame.blocks.pop() {
                frame.stack.truncate(b.stack as usize);
                frame.iters.truncate(b.iters as usize);
                frame.stack.push(exc.value.clone());
                let here = frame.raised_at.take().unwrap_or_else(|| frame.offset());
                frame.caught.push((*exc, here));
                frame.ip = b.handler as usize;
                return Ok(());
            }
            let frame = self.frames.pop().expect("a frame is running");
            exc.tb.push(frame.tb_entry());
            Frame::recycle(&mut self.pool, frame);
            if self.frames.len() <= base {
                return Err(Flow::Exc(exc));
            }
        }
    }

    /// Counts a step (a loop's turn, a call): the run's step limit, and now and then a
    /// collection of this thread's cycles.
    fn step(&mut self) -> Res<()> {
        self.steps += 1;
        if self.steps > self.step_limit {
            return Err(self.exc("RuntimeError", "step limit exceeded"));
        }
        if self.steps % 4096 == 0 {
            self.maybe_collect();
        }
        Ok(())
    }

    /// Pushes constant `i` of `code` (the running code): a clone of its value where it
    /// is an immediate, else the constant built.
    #[inline(always)]
    fn push_const(&mut self, code: &CodeObject, i: u32) {
        let v = match &code.values[i as usize] {
            Some(v) => Value::clone(v),
            None => build_const(&code.consts[i as usize]),
        };
        push!(self, v);
    }

    /// `StoreFast(i)`: pops the top of the stack into local `i`.
    #[inline(always)]
    fn store_fast(&mut self, i: u32) {
        let frame = top!(self);
        let v = frame.stack.pop().expect("a value");
        frame.slots[i as usize] = Some(v);
    }

    /// `ForIter(t)` (`slot` is `None`: the loop's next value is pushed) or
    /// `ForIterStore(t, slot)` (it goes into the local, passing the `StoreFast` after
    /// it), `ip` being the instruction after it; a jump to `t` once the iteration is
    /// over. The next instruction to run.
    #[inline]
    fn for_iter_step(&mut self, t: u32, slot: Option<u32>, ip: usize) -> Res<usize> {
        let frame = top!(self);
        Ok(match frame.iters.last_mut().and_then(Iter::next_in_place) {
            Some(Some(v)) => match slot {
                Some(slot) => {
                    frame.slots[slot as usize] = Some(v);
                    ip + 1
                }
                None => {
                    frame.stack.push(v);
                    ip
                }
            },
            Some(None) => {
                frame.iters.pop();
                t as usize
            }
            // An iteration that may run Python code: the value is pushed (and a
            // `ForIterStore`'s `StoreFast` runs next).
            None => {
                if self.for_iter()? {
                    ip
                } else {
                    t as usize
                }
            }
        })
    }

    /// `n` values off the stack, in the order they were pushed.
    fn pop_n(&mut self, n: usize) -> Vec<Value> {
        let stack = &mut top!(self).stack;
        stack.split_off(stack.len() - n)
    }

    /// Pops a call's arguments: `argc` values, the last ones named by keyword constant
    /// `names` (if any).
    fn pop_args(&mut self, argc: u32, names: Option<u32>) -> Args {
        let mut values = self.pop_n(argc as usize);
        let kw = match names {
            Some(k) => {
                let Const::Names(names) = &top!(self).bc.consts[k as usize] else {
                    unreachable!("a keyword-names constant")
                };
                let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
                let kwv = values.split_off(values.len() - names.len());
                names.into_iter().zip(kwv).collect()
            }
            None => Vec::new(),
        };
        Args { pos: values, kw }
    }

    /// Runs instructions until the frame at `base` returns or an instruction fails.
    fn dispatch(&mut self, base: usize) -> Res<Value> {
        // The running frame's code and next instruction are held here, not read through
        // the vector of frames: fetching an instruction is two loads (RFC-0008 §3). The
        // frame's own `ip` is written before each instruction runs (a traceback, a call's
        // return point and the inline caches read it there); an instruction that may
        // change the running frame (a call, a return) reloads both.
        let mut code = Arc::clone(&top!(self).bc);
        let mut ip = top!(self).ip;
        loop {
            let instr = code.instrs[ip];
            ip += 1;
            top!(self).ip = ip;
            match instr {
                Instr::Const(i) => self.push_const(&code, i),
                Instr::Pop => {
                    pop!(self);
                }
                Instr::Dup => {
                    let v = top!(self).stack.last().expect("a value").clone();
                    push!(self, v);
                }
                Instr::Rot2 => {
                    let stack = &mut top!(self).stack;
                    let n = stack.len();
                    stack.swap(n - 1, n - 2);
                }
                Instr::LoadFast(i) => self.load_fast(i)?,
                Instr::LoadFastFast(a, b) => {
                    self.load_fast(a)?;
                    ip += 1;
                    top!(self).ip = ip;
                    self.load_fast(b)?;
                }
                Instr::LoadFastConst(a, k) => {
                    self.load_fast(a)?;
                    ip += 1;
                    self.push_const(&code, k);
                }
                Instr::LoadFastAttr(i, n) => {
                    let frame = top!(self);
                    let found = match &frame.slots[i as usize] {
                        Some(Value::Obj(o)) if o.kind() == Kind::Instance => {
                            // The hint of the `LoadAttr` this stands for, next.
                            o.own_attr_hinted(&code.names[n as usize], &code.hints[ip])
                        }
                        _ => None,
                    };
                    if self.finish_fused_read(found, i)? {
                        ip += 1;
                    }
                }
                Instr::StoreFastAttr(i, n) => {
                    // A run drawing its steps takes the general path, which draws a
                    // capture; so does a store once some class defines `__setattr__`.
                    let fast = !self.drawing_steps() && !crate::expr::python_setattr_defined();
                    let frame = top!(self);
                    let name = &code.names[n as usize];
                    match &frame.slots[i as usize] {
                        // A dunder goes the checked way, as `StoreAttr` sends it.
                        Some(Value::Obj(o))
                            if fast && o.kind() == Kind::Instance && !name.starts_with("__") =>
                        {
                            let value = frame.stack.pop().expect("a value");
                            // The hint of the `StoreAttr` this stands for, after the `Rot2`.
                            let hint = &code.hints[ip + 1];
                            if let Err(e) = o.set_attr_hinted(name, value.clone(), hint) {
                                let obj = Value::Obj(o.clone());
                                return Err(self.core_exc(e, &[&obj, &value]));
                            }
                            ip += 2;
                        }
                        _ => self.load_fast(i)?,
                    }
                }
                Instr::LoadFastItem(i, j) => {
                    let frame = top!(self);
                    let found = match (&frame.slots[i as usize], &frame.slots[j as usize]) {
                        (Some(Value::Obj(o)), Some(Value::Int(k))) => o.seq_item(*k),
                        _ => None,
                    };
                    if self.finish_fused_read(found, i)? {
                        ip += 2;
                    }
                }
                Instr::StoreFast(i) => self.store_fast(i),
                Instr::StoreFastLoadFast(a, b) => {
                    self.store_fast(a);
                    ip += 1;
                    top!(self).ip = ip;
                    self.load_fast(b)?;
                }
                Instr::Load(var) => {
                    let v = self.load_var(var)?;
                    push!(self, v);
                }
                Instr::Store(var) => {
                    let v = pop!(self);
                    self.store_var(var, v)?;
                }
                Instr::LoadAttr(n) => {
                    let obj = pop!(self);
                    // An instance's own attribute, where this instruction last found it
                    // (RFC-0008 §5); anything else the full lookup.
                    let (name, hint) = (&code.names[n as usize], &code.hints[ip - 1]);
                    let hit = match &obj {
                        Value::Obj(o) if o.kind() == Kind::Instance => {
                            o.own_attr_hinted(name, hint)
                        }
                        _ => None,
                    };
                    let v = match hit {
                        Some(v) => v,
                        None => self.load_attr(&obj, name)?,
                    };
                    push!(self, v);
                }
                Instr::StoreAttr(n) => {
                    let value = pop!(self);
                    let obj = pop!(self);
                    let capture = self.drawing_steps() && crate::pictures::is_capture(&obj, &value);
                    let name = &code.names[n as usize];
                    match &obj {
                        // A dunder goes the checked way (a method's `__func__` is
                        // read-only), as does any store once a class defines `__setattr__`.
                        Value::Obj(o)
                            if o.kind() == Kind::Instance
                                && !name.starts_with("__")
                                && !crate::expr::python_setattr_defined() =>
                        {
                            if let Err(e) =
                                o.set_attr_hinted(name, value.clone(), &code.hints[ip - 1])
                            {
                                return Err(self.core_exc(e, &[&obj, &value]));
                            }
                        }
                        _ => self.setattr(&obj, name, value)?,
                    }
                    if capture {
                        drop(obj);
                        self.draw_step("capture")?;
                    }
                }
                Instr::GetItem => {
                    let index = pop!(self);
                    let obj = pop!(self);
                    let fast = match (&obj, &index) {
                        (Value::Obj(o), Value::Int(i)) => o.seq_item(*i),
                        _ => None,
                    };
                    let v = match fast {
                        Some(v) => v,
                        None => self.getitem(&obj, &index)?,
                    };
                    push!(self, v);
                }
                Instr::SetItem => {
                    let index = pop!(self);
                    let obj = pop!(self);
                    let value = pop!(self);
                    let capture = self.drawing_steps() && crate::pictures::is_capture(&obj, &value);
                    self.setitem(&obj, index, value)?;
                    if capture {
                        drop(obj);
                        self.draw_step("capture")?;
                    }
                }
                Instr::Binary(op) => self.binary_top(op, false)?,
                Instr::BinaryAdd => self.binary_top(Operator::Add, false)?,
                Instr::BinarySub => self.binary_top(Operator::Sub, false)?,
                Instr::BinaryMult => self.binary_top(Operator::Mult, false)?,
                Instr::Inplace(op) => self.binary_top(op, true)?,
                Instr::InplaceAdd => self.binary_top(Operator::Add, true)?,
                Instr::InplaceSub => self.binary_top(Operator::Sub, true)?,
                Instr::Unary(op) => {
                    let a = pop!(self);
                    let v = self.unary(op, &a)?;
                    push!(self, v);
                }
                Instr::Compare(op) => {
                    let v = self.pop_compare(op)?;
                    push!(self, Value::Bool(v));
                }
                Instr::CompareJump(op, t, when) => {
                    if self.pop_compare(op)? == when {
                        ip = t as usize;
                    } else {
                        // Past the conditional jump this instruction stands for.
                        ip += 1;
                    }
                }
                // The items go from the stack straight into the object (no vector
                // between: a small list or tuple keeps them inline).
                Instr::BuildList(n) => {
                    let stack = &mut top!(self).stack;
                    let list = List::new(stack.drain(stack.len() - n as usize..));
                    stack.push(list.into());
                }
                Instr::BuildTuple(n) => {
                    let stack = &mut top!(self).stack;
                    let tuple = Tuple::new(stack.drain(stack.len() - n as usize..));
                    stack.push(tuple.into());
                }
                Instr::ListAppend => {
                    let v = pop!(self);
                    let list = top!(self).stack.last().expect("the list").clone();
                    let l = List::try_from(list.as_obj().expect("a list").clone()).expect("a list");
                    l.push(v.clone())
                        .map_err(|e| self.core_exc(e, &[&list, &v]))?;
                }
                Instr::SetAdd => {
                    let v = pop!(self);
                    let set = top!(self).stack.last().expect("the set").clone();
                    let s = Set::try_from(set.as_obj().expect("a set").clone()).expect("a set");
                    self.set_add(&s, v)?;
                }
                Instr::DictSet => {
                    let v = pop!(self);
                    let k = pop!(self);
                    let dict = top!(self).stack.last().expect("the dict").clone();
                    let d = Dict::try_from(dict.as_obj().expect("a dict").clone()).expect("a dict");
                    self.dict_set(&d, k, v)?;
                }
                Instr::Unpack(n) => {
                    let v = pop!(self);
                    // A tuple or list of the right length: its items straight onto the
                    // stack, first on top.
                    let done = v
                        .as_obj()
                        .and_then(|o| o.with_seq_items(|items| self.push_unpacked(items, n)));
                    if done == Some(true) {
                        continue;
                    }
                    let items = self.collect(&v)?;
                    if items.len() != n as usize {
                        return Err(self.unpack_error(n as usize, items.len()));
                    }
                    top!(self).stack.extend(items.into_iter().rev());
                }
                Instr::Jump(t) => {
                    let back = (t as usize) < ip;
                    ip = t as usize;
                    if back {
                        top!(self).ip = ip;
                        self.step()?;
                    }
                }
                Instr::PopJumpIfFalse(t) | Instr::PopJumpIfTrue(t) => {
                    let frame = top!(self);
                    let v = frame.stack.pop().expect("a value");
                    let truth = match v {
                        Value::Bool(b) => b,
                        v => self.truthy(&v)?,
                    };
                    if truth == matches!(instr, Instr::PopJumpIfTrue(_)) {
                        ip = t as usize;
                    }
                }
                Instr::JumpIfFalseOrPop(t) => {
                    let v = top!(self).stack.last().expect("a value").clone();
                    if self.truthy(&v)? {
                        pop!(self);
                    } else {
                        ip = t as usize;
                    }
                }
                Instr::JumpIfTrueOrPop(t) => {
                    let v = top!(self).stack.last().expect("a value").clone();
                    if self.truthy(&v)? {
                        ip = t as usize;
                    } else {
                        pop!(self);
                    }
                }
                Instr::GetIter => {
                    let v = pop!(self);
                    let it = match v.as_obj().filter(|o| is_suspendable(o)) {
                        // `v` is the loop's own reference.
                        Some(o) => self.suspendable_iter(o, 1),
                        None => self.iter(&v)?,
                    };
                    top!(self).iters.push(it);
                }
                Instr::ForIterStore(t, slot) => ip = self.for_iter_step(t, Some(slot), ip)?,
                Instr::ForIter(t) => ip = self.for_iter_step(t, None, ip)?,
                Instr::LoopBack(head) => {
                    // At the loop's head first, as the jump was: a step-limit error
                    // names the `for` line.
                    ip = head as usize + 1;
                    top!(self).ip = ip;
                    self.step()?;
                    ip = match code.instrs[head as usize] {
                        Instr::ForIterStore(t, slot) => self.for_iter_step(t, Some(slot), ip)?,
                        Instr::ForIter(t) => self.for_iter_step(t, None, ip)?,
                        other => unreachable!("a loop's head is its ForIter, not {other:?}"),
                    };
                }
                Instr::PopIter => {
                    top!(self).iters.pop();
                }
                Instr::Call(argc) => {
                    let stack = &mut top!(self).stack;
                    let at = stack.len() - argc as usize - 1;
                    // A builtin of one or two arguments (`len(x)`, `isinstance(x, C)`)
                    // takes them straight off the stack.
                    let fixed = match &stack[at] {
                        Value::Obj(o) if argc <= 2 => fixed_arity_builtin(o, argc),
                        _ => None,
                    };
                    match (&stack[at], fixed) {
                        (Value::Obj(o), _) if o.kind() == Kind::Function => {
                            let func = o.clone();
                            stack.remove(at);
                            if let Some(generator) =
                                self.push_call_from_stack(&func, argc as usize)?
                            {
                                self.push_result(generator);
                            }
                        }
                        (_, Some(entry)) => {
                            let mut pop = || stack.pop().expect("the compiler balances the stack");
                            let r = match entry {
                                Entry::One(f) => {
                                    let v = pop();
                                    pop();
                                    f(self, v)?
                                }
                                Entry::Two(f) => {
                                    let (b, a) = (pop(), pop());
                                    pop();
                                    f(self, a, b)?
                                }
                                Entry::Args(_) => unreachable!("a fixed-arity entry"),
                            };
                            push!(self, r);
                        }
                        _ => {
                            if !self.construct_here(at, argc)? {
                                let args = self.pop_args(argc, None);
                                let f = pop!(self);
                                self.call_here(f, args)?;
                            }
                        }
                    }
                    ip = self.reload(&mut code);
                }
                Instr::CallKw(argc, names) => {
                    let args = self.pop_args(argc, Some(names));
                    let f = pop!(self);
                    self.call_here(f, args)?;
                    ip = self.reload(&mut code);
                }
                Instr::CallEx => {
                    let kwargs = pop!(self);
                    let pos = pop!(self);
                    let f = pop!(self);
                    let mut args = Args::of(self.collect(&pos)?);
                    for (k, v) in self.mapping_items(&kwargs)? {
                        match k {
                            Value::Str(s) => args.kw.push((s.to_string(), v)),
                            _ => return Err(self.exc("TypeError", "keywords must be strings")),
                        }
                    }
                    self.call_here(f, args)?;
                    ip = self.reload(&mut code);
                }
                Instr::CallMethod(n, argc) => {
                    self.call_method_here(&code.names[n as usize], argc, None)?;
                    ip = self.reload(&mut code);
                }
                Instr::CallMethodKw(n, argc, names) => {
                    self.call_method_here(&code.names[n as usize], argc, Some(names))?;
                    ip = self.reload(&mut code);
                }
                Instr::Comprehension(i) => {
                    let iterable = pop!(self);
                    self.enter_comprehension(i, iterable)?;
                    ip = self.reload(&mut code);
                }
                Instr::Yield | Instr::YieldFrom => {
                    // The generator's frame stays on top for its resume to take.
                    let v = pop!(self);
                    debug_assert_eq!(
                        self.frames.len(),
                        base + 1,
                        "a generator runs at its loop's base"
                    );
                    self.yielded = true;
                    return Ok(v);
                }
                Instr::Send(end) => {
                    let v = pop!(self);
                    let sub = top!(self).stack.last().expect("the delegate").clone();
                    match self.send_into(&sub, v)? {
                        Outcome::Yielded(y) => push!(self, y),
                        Outcome::Returned(r) => {
                            let frame = top!(self);
                            frame.stack.pop();
                            frame.stack.push(r);
                            ip = end as usize;
                        }
                    }
                }
                Instr::Return => {
                    let mut v = pop!(self);
                    let mut frame = self.frames.pop().expect("a frame is running");
                    // The compiler balances the stack: a return leaves nothing behind (a
                    // test run of every script checks it).
                    debug_assert!(frame.stack.is_empty(), "{} values left", frame.stack.len());
                    if frame.is_class() {
                        self.returned_ns = frame.class_ns.take();
                    }
                    let made = frame.init_of.take();
                    Frame::recycle(&mut self.pool, frame);
                    // An `__init__` run by `Call` hands back the instance it made.
                    if let Some(instance) = made {
                        if !matches!(v, Value::None) {
                            return Err(self.init_returned(&v));
                        }
                        v = instance;
                    }
                    if self.frames.len() <= base {
                        return Ok(v);
                    }
                    push!(self, v);
                    ip = self.reload(&mut code);
                }
                Instr::Raise(kind) => return Err(self.raise_value(kind)),
                Instr::SetupExcept(t) | Instr::SetupWith(t) => {
                    // A `with` block leaves out the `__enter__` result on top.
                    let above = u32::from(matches!(instr, Instr::SetupWith(_)));
                    let frame = top!(self);
                    frame.blocks.push(Block {
                        handler: t,
                        stack: frame.stack.len() as u32 - above,
                        iters: frame.iters.len() as u32,
                    });
                }
                Instr::PopBlock => {
                    top!(self).blocks.pop();
                }
                Instr::WithEnter => {
                    self.with_enter()?;
                    ip = self.reload(&mut code);
                }
                Instr::WithExit => self.with_exit()?,
                // The seldom-run instructions, out of the loop (`rare.rs`).
                Instr::DupTwo
                | Instr::Rot3
                | Instr::Delete(..)
                | Instr::Forget(..)
                | Instr::DeleteAttr(..)
                | Instr::DeleteItem
                | Instr::GetSlice(..)
                | Instr::SetSlice(..)
                | Instr::DeleteSlice(..)
                | Instr::BuildSet(..)
                | Instr::BuildDict(..)
                | Instr::ListExtend
                | Instr::ListToTuple
                | Instr::ListToSet
                | Instr::KwSet
                | Instr::KwUpdate
                | Instr::DictUpdate
                | Instr::JoinStr(..)
                | Instr::Format(..)
                | Instr::UnpackStar(..)
                | Instr::SuperZero
                | Instr::MakeFunction(..)
                | Instr::MakeClass(..)
                | Instr::GetYieldFromIter
                | Instr::Fail(..)
                | Instr::MatchExc
                | Instr::BeginHandler
                | Instr::EndHandler
                | Instr::ExitHandler(..)
                | Instr::Reraise
                | Instr::PopCaught
                | Instr::Import(..)
                | Instr::ImportTop(..)
                | Instr::ImportFrom(..)
                | Instr::ImportStar
                | Instr::Echo => self.run_rare(instr)?,
            }
        }
    }

    /// The running frame's next instruction, `code` made its code: after an instruction
    /// that may have changed the running frame.
    #[inline]
    fn reload(&mut self, code: &mut Arc<CodeObject>) -> usize {
        let frame = top!(self);
        if !Arc::ptr_eq(code, &frame.bc) {
            *code = Arc::clone(&frame.bc);
        }
        frame.ip
    }

    /// `a op b` (`a op= b` if `inplace`) on the top two values: inline where
    /// [`fast::binary`] answers it, the result written over `a`; else the general way.
    /// Inlined into each instruction that names its operator, so the operator's branch
    /// is decided at compile time.
    #[inline(always)]
    fn binary_top(&mut self, op: Operator, inplace: bool) -> Res<()> {
        let stack = &mut top!(self).stack;
        let n = stack.len();
        match fast::binary(op, &stack[n - 2], &stack[n - 1]) {
            Some(v) => {
                stack.pop();
                stack[n - 2] = v;
                Ok(())
            }
            None => self.binary_general(op, inplace),
        }
    }

    /// [`Interp::binary_top`]'s way for what [`fast::binary`] does not answer.
    #[inline(never)]
    fn binary_general(&mut self, op: Operator, inplace: bool) -> Res<()> {
        let b = pop!(self);
        let a = pop!(self);
        let v = if inplace {
            self.inplace(op, &a, &b)?
        } else {
            self.binary(op, &a, &b)?
        };
        push!(self, v);
        Ok(())
    }

    /// `ForIter` for an iteration that may run Python code (a generator, an iterator
    /// object): the next value pushed (`true`), or `false` once it is over (the
    /// iteration dropped).
    fn for_iter(&mut self) -> Res<bool> {
        let mut it = top!(self).iters.pop().expect("an iteration");
        let next = self.next(&mut it);
        let frame = top!(self);
        match next {
            Ok(Some(v)) => {
                frame.iters.push(it);
                frame.stack.push(v);
                Ok(true)
            }
            Ok(None) => Ok(false),
            Err(e) => {
                frame.iters.push(it);
                Err(e)
            }
        }
    }

    /// Ends a fused read of local `slot` (`LoadFastAttr`, `LoadFastItem`): `found`, the
    /// fused instructions' result, is pushed (`true`: the caller passes the instructions
    /// it stands for); `None` does the local's read alone (`false`: those instructions
    /// run next).
    #[inline(always)]
    fn finish_fused_read(&mut self, found: Option<Value>, slot: u32) -> Res<bool> {
        match found {
            Some(v) => {
                top!(self).stack.push(v);
                Ok(true)
            }
            None => self.load_fast(slot).map(|()| false),
        }
    }

    /// Pushes local slot `i`'s value; `UnboundLocalError` if it has none.
    #[inline(always)]
    fn load_fast(&mut self, i: u32) -> Res<()> {
        let frame = top!(self);
        match &frame.slots[i as usize] {
            Some(v) => {
                let v = v.clone();
                frame.stack.push(v);
                Ok(())
            }
            None => {
                let name = frame.bc.slot_names[i as usize].to_string();
                Err(self.exc(
                    "UnboundLocalError",
                    format!("cannot access local variable '{name}' where it is not associated with a value"),
                ))
            }
        }
    }

    /// Pops the top two values and compares them: inline if [`fast::compare`] answers
    /// it, else through the full comparison.
    #[inline]
    fn pop_compare(&mut self, op: rustpython_parser::ast::CmpOp) -> Res<bool> {
        let stack = &mut top!(self).stack;
        let n = stack.len();
        if let Some(v) = fast::compare(op, &stack[n - 2], &stack[n - 1]) {
            stack.truncate(n - 2);
            return Ok(v);
        }
        let b = pop!(self);
        let a = pop!(self);
        self.compare(op, &a, &b)
    }

    /// Pushes `items` onto the running frame's stack, last first, if there are `n` of
    /// them (an unpacking); `false` (nothing pushed) otherwise.
    fn push_unpacked(&mut self, items: &[Value], n: u32) -> bool {
        if items.len() != n as usize {
            return false;
        }
        top!(self).stack.extend(items.iter().rev().cloned());
        true
    }

    /// The bounds of a slice, off the stack (those `mask` says are there).
    fn slice_parts(&mut self, mask: u8) -> Res<(Option<i64>, Option<i64>, Option<i64>)> {
        let part = |me: &mut Interp, bit: u8| -> Res<Option<i64>> {
            if mask & bit == 0 {
                return Ok(None);
            }
            let v = pop!(me);
            me.clamped_index(&v)
        };
        let step = part(self, 4)?;
        let hi = part(self, 2)?;
        let lo = part(self, 1)?;
        Ok((lo, hi, step))
    }

    /// The name of a variable, for messages.
    fn var_name(&self, var: Var) -> String {
        let frame = self.frames.top();
        let bc = &frame.bc;
        match var {
            Var::Fast(i) => bc.slot_names[i as usize].to_string(),
            Var::Cell(i) => bc
                .cell_names
                .iter()
                .chain(&bc.free_names)
                .nth(i as usize)
                .map_or_else(String::new, |n| n.to_string()),
            Var::Global(i) | Var::Class(i) => bc.names[i as usize].to_string(),
        }
    }
}

/// The fixed-arity entry of a built-in function object taking `argc` arguments, if `o`
/// is one with such an entry.
fn fixed_arity_builtin(o: &floe_core::ObjRef, argc: u32) -> Option<Entry> {
    if o.kind() != Kind::Native {
        return None;
    }
    o.native::<BuiltinBody>().and_then(|b| b.fixed(argc))
}

#[cfg(test)]
mod tests {
    use crate::{run_source, Options};

    fn run(text: &str) -> crate::RunOutput {
        run_source("t.py", text, Options::default())
    }

    #[test]
    fn a_step_limit_met_at_a_loops_jump_back_names_the_for_line() {
        let text = "def f():\n    for i in range(10):\n        x = i\n        y = x\nf()\n";
        let options = Options {
            step_limit: Some(5),
            ..Options::default()
        };
        let out = run_source("t.py", text, options);
        assert!(out.stderr.contains("step limit exceeded"), "{}", out.stderr);
        assert!(out.stderr.contains("line 2, in f"), "{}", out.stderr);
    }

    #[test]
    fn python_recursion_is_bounded_by_the_limit_not_the_rust_stack() {
        let out = run("import sys\nsys.setrecursionlimit(60000)\ndef d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\nprint(d(50000))\n");
        assert_eq!(
            (out.stdout.as_str(), out.status),
            ("50000\n", 0),
            "{}",
            out.stderr
        );
    }

    #[test]
    fn calls_from_native_code_nest_only_so_deep_then_raise() {
        // Each key function is called by the built-in `sorted`, which nests a dispatch
        // loop on the thread's stack: past the cap it is a RecursionError, never a
        // stack overflow (the test runs unoptimised, where frames are largest).
        let text = "import sys\nsys.setrecursionlimit(100000)\ndef f(k):\n    return sorted([0], key=lambda x: f(k - 1)) if k else 0\ntry:\n    f(50000)\nexcept RecursionError as e:\n    print('RecursionError', 'built-in' in str(e))\n";
        let out = run(text);
        assert_eq!(out.stdout, "RecursionError True\n", "{}", out.stderr);
    }

    #[test]
    fn an_exception_unwinds_frames_blocks_and_iterations() {
        let text = "def f(xs):\n    for x in xs:\n        try:\n            for y in xs:\n                if y == x == 2:\n                    raise KeyError(x)\n        finally:\n            print('finally', x)\ntry:\n    f([1, 2, 3])\nexcept KeyError as e:\n    print('caught', e)\n";
        let out = run(text);
        assert_eq!(
            out.stdout, "finally 1\nfinally 2\ncaught 2\n",
            "{}",
            out.stderr
        );
    }

    #[test]
    fn a_re_raised_exception_names_the_line_it_was_raised_at() {
        let text = "def f():\n    try:\n        raise ValueError(1)\n    finally:\n        x = 2\n\ndef g():\n    try:\n        f()\n    except ValueError:\n        y = 3\n        raise\n\ng()\n";
        let out = run(text);
        assert_eq!(out.status, 1);
        let lines: Vec<&str> = out.stderr.lines().collect();
        // Innermost last: f's raise (line 3), g's call of f (line 9), as Python prints.
        assert!(
            lines.iter().any(|l| l.contains("line 3, in f")),
            "{}",
            out.stderr
        );
        assert!(
            lines.iter().any(|l| l.contains("line 9, in g")),
            "{}",
            out.stderr
        );
    }

    #[test]
    fn exits_through_finally_and_handlers_leave_no_values_or_exceptions_behind() {
        // A return abandoned by a `finally` that continues, a `finally` that raises while
        // an exception is caught, an exception class that raises: each used to leave a
        // value or a caught exception in the frame (the debug assertion at `Return`, and
        // the traceback of the final bare `raise`, tell).
        let text = "def f():\n    for i in range(3):\n        try:\n            return i\n        finally:\n            continue\n    return 'end'\n\ndef g():\n    try:\n        raise ValueError('orig')\n    except ValueError:\n        try:\n            try:\n                raise KeyError('a')\n            finally:\n                raise IndexError('b')\n        except IndexError:\n            pass\n        try:\n            try:\n                raise KeyError('c')\n            except undefined_name:\n                pass\n        except NameError:\n            pass\n        raise\n\nprint(f())\ng()\n";
        let out = run(text);
        assert_eq!(out.stdout, "end\n", "{}", out.stderr);
        assert!(out.stderr.contains("line 11, in g"), "{}", out.stderr);
        assert!(
            out.stderr.trim_end().ends_with("ValueError: orig"),
            "{}",
            out.stderr
        );
    }

    #[test]
    fn a_keyword_given_twice_through_a_mapping_is_a_type_error() {
        let out = run("def f(a, b=1):\n    return b\ntry:\n    f(1, b=2, **{'b': 3})\nexcept TypeError as e:\n    print('TypeError', e)\n");
        assert_eq!(
            out.stdout, "TypeError got multiple values for keyword argument 'b'\n",
            "{}",
            out.stderr
        );
    }

    #[test]
    fn an_abandoned_generator_holds_no_region_and_close_clears_a_suspended_one() {
        // The generator's frame references a region member; once the generator is
        // dropped, the hand-off is immediate (its frame does not count). A suspended
        // generator's variables are frame variables: `close(r)` clears them.
        let text = "from floe import Region, Cown, wait, when, close\nr = Region('r')\nr.items = [1, 2, 3]\ng = (x for x in r.items)\nprint(next(g))\ndel g\nc = Cown(r)\ndel r\n@when(c)\ndef n(c):\n    return len(c.value.items)\nprint(wait(n))\ns = Region('s')\ns.items = [4, 5]\ndef walk():\n    items = s.items\n    yield len(items)\n    yield items\nw = walk()\nprint(next(w))\nclose(s)\nprint(next(w))\n";
        let out = run(text);
        assert_eq!(out.stdout, "1\n3\n2\nNone\n", "{}", out.stderr);
    }

    #[test]
    fn a_million_item_generator_pipeline_and_a_deep_yield_from_stay_off_the_rust_stack() {
        // Resuming a generator nests one dispatch loop per generator in the chain, not
        // per item; a `yield from` chain deeper than the native nesting cap is a
        // RecursionError, not a stack overflow.
        let text = "import sys\nsys.setrecursionlimit(100000)\ndef src(n):\n    yield from range(n)\ndef sq(xs):\n    for x in xs:\n        yield x * x\nprint(sum(x % 7 for x in sq(src(1000000))))\ndef deep(n):\n    if n:\n        yield from deep(n - 1)\n    else:\n        yield 'bottom'\nprint(next(deep(1000)))\ntry:\n    next(deep(50000))\nexcept RecursionError:\n    print('RecursionError')\n";
        let out = run(text);
        assert_eq!(
            out.stdout, "1999998\nbottom\nRecursionError\n",
            "{}",
            out.stderr
        );
    }

    #[test]
    fn generators_and_lazy_iterators_a_behaviour_leaves_do_not_keep_its_region() {
        // An `any` stops a generator early, `sum(map(...))` exhausts a lazy iterator: in a
        // behaviour neither may keep a reference into the cown's region after it (the
        // next behaviour on the cown would find the region still referenced); outside,
        // an exhausted iterator holds nothing, so `close` and `is_closed` see none.
        let text = "from floe import Region, Cown, when, wait, close, is_closed\ndef mk():\n    r = Region('r')\n    r.items = [1, -2, 3]\n    return r\nc = Cown(mk())\n@when(c)\ndef a(c):\n    return any(x > 1 for x in c.value.items)\nprint(wait(a))\n@when(c)\ndef b(c):\n    return sum(map(abs, c.value.items)) + len(list(zip(c.value.items, c.value.items)))\nprint(wait(b))\nr = mk()\nprint(sum(map(abs, r.items)), is_closed(r))\nclose(r)\nprint(is_closed(r))\n";
        let out = run(text);
        assert_eq!(out.stdout, "True\n9\n6 True\nTrue\n", "{}", out.stderr);
    }

    #[test]
    fn nested_lazy_iterators_end_in_a_recursion_error_not_a_stack_overflow() {
        let text = "it = [1]\nfor _ in range(20000):\n    it = map(abs, it)\ntry:\n    next(it)\nexcept RecursionError:\n    print('RecursionError')\ndef chain(n):\n    it = iter([5])\n    for _ in range(n):\n        it = (x for x in it)\n    return it\nfor _ in range(3):\n    c = chain(3000)\n    del c\nfrom floe import Cown\nprint(len([Cown(i) for i in range(100)]))\n";
        let out = run(text);
        assert_eq!(out.stdout, "RecursionError\n100\n", "{}", out.stderr);
    }

    #[test]
    fn the_method_cache_keeps_nothing_alive() {
        // A method found once, its class then dropped: its defaults must not survive in a
        // cache (they would be hidden references — to a list being frozen, into a region
        // being handed off).
        let text = "from floe import freeze, is_frozen, Cown, when, wait, Region\ninner = [1]\nouter = [inner]\nclass K:\n    def m(self, d=inner):\n        return len(d)\nprint(K().m())\ndel K, inner\nfreeze(outer)\nprint(is_frozen(outer))\nr = Region('log')\nr.items = []\nclass L:\n    def m(self, items=r.items):\n        return len(items)\nprint(L().m())\ndel L\nc = Cown(r)\ndel r\n@when(c)\ndef b(c):\n    return len(c.value.items)\nprint(wait(b))\n";
        let out = run(text);
        assert_eq!(out.stdout, "1\nTrue\n0\n0\n", "{}", out.stderr);
    }

    #[test]
    fn break_continue_and_return_run_the_finally_bodies_they_leave() {
        let text = "def f():\n    for i in range(3):\n        try:\n            if i == 0:\n                continue\n            if i == 1:\n                break\n        finally:\n            print('f', i)\n    try:\n        return 'r'\n    finally:\n        print('last')\nprint(f())\n";
        let out = run(text);
        assert_eq!(out.stdout, "f 0\nf 1\nlast\nr\n", "{}", out.stderr);
    }
}
