//! Generators (RFC-0008 §4). A generator object is an object of the built-in
//! `generator` class; its frame waits, suspended, in the interpreter's table of
//! generators, and runs — at the base of a dispatch loop of its own — each time the
//! generator is resumed (`next`, `send`, `throw`, `close`, a `for` loop, `yield from`).
//!
//! The object is of the core's function kind: like a function it is code, never a region
//! member while mutable (so its frame, which only this thread's table holds, cannot move
//! to another thread with a region), and it is made unfreezable. The table holds the
//! object too, so that its address names it for as long as the entry lives; an entry is
//! dropped when the generator finishes, or, if the generator is abandoned unfinished,
//! by a sweep once nothing else holds the object. The built-in lazy iterators
//! ([`crate::lazy`]) keep their state in the same table, the same way.

use std::sync::LazyLock;

use floe_core::{AttrHint, Class, Freezable, Instance, Kind, ObjRef, Str, Value};

use super::call::MAX_NATIVE_DEPTH;
use super::Frame;
use crate::compiler::Instr;
use crate::errors::{Exc, Flow};
use crate::interp::{Args, Interp};
use crate::lazy::Lazy;
use crate::ops::Iter;
use crate::runtime::{types, FastMap};
use crate::Res;

/// The suspended generators and lazy iterators of one interpreter, by object identity.
#[derive(Default)]
pub(crate) struct Generators {
    table: FastMap<usize, Entry>,
    /// The table size at which the next sweep for abandoned generators runs.
    sweep_at: usize,
}

struct Entry {
    /// The generator object: held so that its identity stays its own.
    obj: ObjRef,
    state: State,
}

enum State {
    /// Not started, or suspended at a `yield`: the frame, and the exceptions its
    /// `except` handlers were handling when it yielded.
    Ready {
        frame: Box<Frame>,
        handling: Vec<Value>,
    },
    /// A built-in lazy iterator's state.
    Lazy(Box<Lazy>),
    /// Running now (resuming it again is a `ValueError`).
    Running,
}

/// How a generator is resumed.
pub(crate) enum Resume {
    /// `send(value)` (`next` sends `None`).
    Send(Value),
    /// `throw(exc)`: raised at the suspension point.
    Throw(Box<Exc>),
}

/// How a resumed generator (or any iterator `yield from` delegates to) stopped.
pub(crate) enum Outcome {
    /// It yielded this value and can be resumed.
    Yielded(Value),
    /// It finished, returning this value (`StopIteration.value`).
    Returned(Value),
}

/// Fewest table entries at which a sweep runs.
const SWEEP_FLOOR: usize = 256;

impl Generators {
    /// The frames of suspended generators (their variables are this thread's roots).
    pub(crate) fn frames_mut(&mut self) -> impl Iterator<Item = &mut Frame> {
        self.table.values_mut().filter_map(|e| match &mut e.state {
            State::Ready { frame, .. } => Some(&mut **frame),
            State::Lazy(_) | State::Running => None,
        })
    }

    /// See [`Generators::frames_mut`].
    pub(crate) fn frames(&self) -> impl Iterator<Item = &Frame> {
        self.table.values().filter_map(|e| match &e.state {
            State::Ready { frame, .. } => Some(&**frame),
            State::Lazy(_) | State::Running => None,
        })
    }

    /// Drops abandoned generators once the table has doubled since the last sweep
    /// (amortised O(1) per generator made).
    fn sweep(&mut self) {
        if self.table.len() >= self.sweep_at.max(SWEEP_FLOOR) {
            self.drop_abandoned();
        }
    }

    /// Drops the entries of suspended generators and lazy iterators nothing but the
    /// table holds, and then those that only the dropped ones held (a chain of them goes
    /// in one pass). Run before anything that counts this thread's references — a region
    /// hand-off, `close`, a collection — so that an abandoned generator's variables do
    /// not count.
    pub(crate) fn drop_abandoned(&mut self) {
        let mut dead: Vec<usize> = self
            .table
            .iter()
            .filter(|(_, e)| e.is_abandoned())
            .map(|(&id, _)| id)
            .collect();
        while let Some(id) = dead.pop() {
            let Some(entry) = self.table.remove(&id) else {
                continue;
            };
            let mut held = Vec::new();
            entry.state.suspendables_held(&mut held);
            drop(entry);
            dead.extend(
                held.into_iter()
                    .filter(|h| self.table.get(h).is_some_and(Entry::is_abandoned)),
            );
        }
        self.sweep_at = 2 * self.table.len();
    }

    /// Drops every entry (a behaviour's end: nothing it made may outlive it).
    pub(crate) fn clear(&mut self) {
        self.table.clear();
    }
}

impl Entry {
    /// Suspended, and referenced by nothing but the table.
    fn is_abandoned(&self) -> bool {
        !matches!(self.state, State::Running) && self.obj.ref_count() == 1
    }
}

impl State {
    /// The identities of the generators and lazy iterators this state references
    /// directly (those its drop may abandon).
    fn suspendables_held(&self, out: &mut Vec<usize>) {
        match self {
            State::Ready { frame, .. } => {
                let values = frame.slots.iter().flatten().chain(&frame.stack);
                values.for_each(|v| value_held(v, out));
                frame.iters.iter().for_each(|it| iter_held(it, out));
            }
            State::Lazy(lazy) => lazy.for_each_source(&mut |it| iter_held(it, out)),
            State::Running => {}
        }
    }
}

fn value_held(v: &Value, out: &mut Vec<usize>) {
    if let Value::Obj(o) = v {
        if is_suspendable(o) {
            out.push(o.id());
        }
    }
}

fn iter_held(it: &Iter, out: &mut Vec<usize>) {
    match it {
        Iter::Suspended(o) => out.push(o.id()),
        Iter::Lazy(lazy) => lazy.for_each_source(&mut |it| iter_held(it, out)),
        Iter::Object(v) | Iter::User(v) => value_held(v, out),
        Iter::Range { .. } | Iter::Items(_) | Iter::Seq(..) => {}
    }
}

/// `true` if `o` is a generator object.
pub(crate) fn is_generator(o: &ObjRef) -> bool {
    o.kind() == Kind::Function
        && o.class_of()
            .is_some_and(|c| c.id() == types().generator_id())
}

/// `true` if `o` is an iterator whose state is in the table: a generator or a built-in
/// lazy iterator (`map`, `filter`, `zip`, `enumerate`).
pub(crate) fn is_suspendable(o: &ObjRef) -> bool {
    o.kind() == Kind::Function
        && o.class_of().is_some_and(|c| {
            let id = c.id();
            id == types().generator_id() || types().lazy_ids.contains(&id)
        })
}

/// The jump target of the `Send` that a suspension at a `YieldFrom` loops back to: where
/// the `yield from` ends.
fn yield_from_end(frame: &Frame) -> usize {
    let Instr::Jump(send) = frame.bc.instrs[frame.ip] else {
        unreachable!("a YieldFrom is followed by the jump back to its Send")
    };
    let Instr::Send(end) = frame.bc.instrs[send as usize] else {
        unreachable!("the jump back goes to the Send")
    };
    end as usize
}

/// The iterator a generator suspended in a `yield from` delegates to.
fn delegate(frame: &Frame) -> Option<Value> {
    let at_yield_from = frame.ip > 0 && frame.bc.instrs[frame.ip - 1] == Instr::YieldFrom;
    at_yield_from.then(|| frame.stack.last().expect("the delegate").clone())
}

/// A new object of built-in class `class` whose state will be in the table.
fn table_object(class: &Class) -> ObjRef {
    let obj = Instance::new_function(class);
    obj.set_freezable(Freezable::No)
        .expect("a new object's freezability can be set");
    obj
}

impl Interp {
    /// Makes a generator object that will run `frame` (a generator function's call, or a
    /// generator expression).
    pub(crate) fn make_generator(&mut self, frame: Box<Frame>) -> Value {
        let obj = table_object(&types().generator());
        let qualname = frame
            .code
            .as_ref()
            .map_or_else(|| frame.name(), |c| c.qualname.clone());
        static QUALNAME: LazyLock<Str> = LazyLock::new(|| Str::intern("__qualname__"));
        obj.set_attr_hinted(&QUALNAME, Value::Str(qualname), &AttrHint::default())
            .expect("a new object accepts attributes");
        self.add_entry(
            &obj,
            State::Ready {
                frame,
                handling: Vec::new(),
            },
        );
        Value::Obj(obj)
    }

    /// Makes a lazy iterator object (`map`, …) with state `lazy`.
    pub(crate) fn make_lazy(&mut self, lazy: Lazy) -> Value {
        let obj = table_object(&types().class(lazy.type_name()));
        self.add_entry(&obj, State::Lazy(Box::new(lazy)));
        Value::Obj(obj)
    }

    fn add_entry(&mut self, obj: &ObjRef, state: State) {
        self.generators.sweep();
        let entry = Entry {
            obj: obj.clone(),
            state,
        };
        self.generators.table.insert(obj.id(), entry);
    }

    /// The next item of a generator or lazy iterator object, or `None` at its end.
    pub(crate) fn suspendable_next(&mut self, o: &ObjRef) -> Res<Option<Value>> {
        let mut lazy = match self.generators.table.get_mut(&o.id()) {
            Some(entry) if matches!(entry.state, State::Lazy(_)) => {
                match std::mem::replace(&mut entry.state, State::Running) {
                    State::Lazy(lazy) => lazy,
                    _ => unreachable!("matched Lazy"),
                }
            }
            Some(entry) if matches!(entry.state, State::Running) && !is_generator(o) => {
                return Err(self.exc("ValueError", "iterator already executing"));
            }
            _ => {
                return Ok(match self.gen_resume(o, Resume::Send(Value::None))? {
                    Outcome::Yielded(v) => Some(v),
                    Outcome::Returned(_) => None,
                })
            }
        };
        self.native_depth += 1;
        let result = if self.native_depth > MAX_NATIVE_DEPTH {
            Err(self.exc(
                "RecursionError",
                "maximum recursion depth exceeded (in nested iterators)",
            ))
        } else {
            self.lazy_next(&mut lazy)
        };
        self.native_depth -= 1;
        match result {
            // Exhausted: its sources go now (a finished iterator holds nothing).
            Ok(None) => {
                self.generators.table.remove(&o.id());
            }
            _ => {
                if let Some(entry) = self.generators.table.get_mut(&o.id()) {
                    entry.state = State::Lazy(lazy);
                }
            }
        }
        result
    }

    /// How a `for` loop iterates a generator or lazy iterator: a lazy iterator nothing
    /// else references (`holders` counts the references the caller has) gives its state
    /// to the loop, which then advances it without the table.
    pub(crate) fn suspendable_iter(&mut self, o: &ObjRef, holders: usize) -> Iter {
        let alone = o.ref_count() == holders + 1;
        if alone {
            if let Some(Entry {
                state: State::Lazy(_),
                ..
            }) = self.generators.table.get(&o.id())
            {
                let entry = self.generators.table.remove(&o.id()).expect("found");
                let State::Lazy(lazy) = entry.state else {
                    unreachable!("matched Lazy")
                };
                return Iter::Lazy(lazy);
            }
        }
        Iter::Suspended(o.clone())
    }

    /// Resumes generator `g` until it yields, returns or raises.
    pub(crate) fn gen_resume(&mut self, g: &ObjRef, how: Resume) -> Res<Outcome> {
        let id = g.id();
        let Some(entry) = self.generators.table.get_mut(&id) else {
            // Finished: a send finds it done; a throw raises what was thrown.
            return match how {
                Resume::Send(_) => Ok(Outcome::Returned(Value::None)),
                Resume::Throw(e) => Err(Flow::Exc(e)),
            };
        };
        let State::Ready { frame, .. } = &entry.state else {
            return Err(self.exc("ValueError", "generator already executing"));
        };
        let started = frame.ip > 0;
        if !started && matches!(&how, Resume::Send(v) if !matches!(v, Value::None)) {
            return Err(self.exc(
                "TypeError",
                "can't send non-None value to a just-started generator",
            ));
        }
        if self.native_depth >= MAX_NATIVE_DEPTH || self.frames.len() >= self.recursion_limit {
            return Err(self.exc("RecursionError", "maximum recursion depth exceeded"));
        }
        let State::Ready {
            mut frame,
            handling,
        } = std::mem::replace(&mut entry.state, State::Running)
        else {
            unreachable!("checked Ready")
        };
        // A throw into a generator delegating by `yield from` goes to the delegate first.
        let delegating = matches!(how, Resume::Throw(_))
            .then(|| delegate(&frame))
            .flatten();
        let how = match (how, delegating) {
            (Resume::Throw(exc), Some(sub)) => match self.throw_into_delegate(&sub, exc) {
                Ok(Outcome::Yielded(v)) => {
                    self.suspend(id, frame, handling);
                    return Ok(Outcome::Yielded(v));
                }
                Ok(Outcome::Returned(r)) => {
                    // The `yield from` is over: its value, and on after it.
                    frame.stack.pop();
                    frame.stack.push(r);
                    frame.ip = yield_from_end(&frame);
                    Resume::Send(Value::None)
                }
                Err(Flow::Exc(e)) => {
                    frame.stack.pop();
                    Resume::Throw(e)
                }
            },
            (Resume::Send(v), _) if started => {
                // The value of the `yield` expression it is suspended at.
                frame.stack.push(v);
                Resume::Send(Value::None)
            }
            (how, _) => how,
        };
        let base = self.frames.len();
        let handling_base = self.handling.len();
        self.handling.extend(handling);
        self.frames.push(frame);
        self.native_depth += 1;
        let result = match how {
            Resume::Throw(e) => match self.unwind(Flow::Exc(e), base) {
                Ok(()) => self.run_frames(base),
                Err(flow) => Err(flow),
            },
            Resume::Send(_) => self.run_frames(base),
        };
        self.native_depth -= 1;
        if std::mem::take(&mut self.yielded) {
            let frame = self.frames.pop().expect("the generator's frame");
            let handling = self.handling.split_off(handling_base);
            self.suspend(id, frame, handling);
            return result.map(Outcome::Yielded);
        }
        self.handling.truncate(handling_base);
        self.generators.table.remove(&id);
        match result {
            Ok(v) => Ok(Outcome::Returned(v)),
            // PEP 479: a StopIteration leaving a generator would end its caller's loop
            // silently; it becomes a RuntimeError.
            Err(Flow::Exc(e)) if self.exc_is(&e.value, "StopIteration") => {
                Err(self.exc("RuntimeError", "generator raised StopIteration"))
            }
            Err(flow) => Err(flow),
        }
    }

    /// Puts a suspended generator's frame back in the table.
    fn suspend(&mut self, id: usize, frame: Box<Frame>, handling: Vec<Value>) {
        let entry = self
            .generators
            .table
            .get_mut(&id)
            .expect("a running generator keeps its entry");
        entry.state = State::Ready { frame, handling };
    }

    /// `throw` into the iterator a `yield from` delegates to: a generator's own throw;
    /// for `GeneratorExit`, the iterator is closed and the exception comes back; any
    /// other iterator's `throw` method if it has one.
    fn throw_into_delegate(&mut self, sub: &Value, exc: Box<Exc>) -> Res<Outcome> {
        if self.exc_is(&exc.value, "GeneratorExit") {
            self.close_iterator(sub)?;
            return Err(Flow::Exc(exc));
        }
        match sub.as_obj() {
            Some(o) if is_generator(o) => self.gen_resume(o, Resume::Throw(exc)),
            _ => {
                let Ok(throw) = self.getattr(sub, "throw") else {
                    return Err(Flow::Exc(exc));
                };
                self.finished_by_stop_iteration(|me| me.call(&throw, Args::of(vec![exc.value])))
            }
        }
    }

    /// Closes an iterator a `yield from` delegated to (its `close`, if it has one).
    fn close_iterator(&mut self, sub: &Value) -> Res<()> {
        match sub.as_obj() {
            Some(o) if is_generator(o) => self.gen_close(o),
            _ => match self.getattr(sub, "close") {
                Ok(close) => self.call(&close, Args::default()).map(drop),
                Err(_) => Ok(()),
            },
        }
    }

    /// Runs `f` (a `__next__`, `send` or `throw` of a non-generator iterator): its value
    /// is yielded; a `StopIteration` it raises is the iterator's return.
    fn finished_by_stop_iteration(
        &mut self,
        f: impl FnOnce(&mut Interp) -> Res<Value>,
    ) -> Res<Outcome> {
        match f(self) {
            Ok(v) => Ok(Outcome::Yielded(v)),
            Err(Flow::Exc(e)) if self.exc_is(&e.value, "StopIteration") => {
                let value = e
                    .value
                    .as_obj()
                    .and_then(|o| o.get_attr("value").ok())
                    .unwrap_or(Value::None);
                Ok(Outcome::Returned(value))
            }
            Err(flow) => Err(flow),
        }
    }

    /// `send(value)` into the iterator a `yield from` delegates to (`next` for `None`);
    /// a user iterator's `StopIteration` value is the delegation's result.
    pub(super) fn send_into(&mut self, sub: &Value, value: Value) -> Res<Outcome> {
        if let Some(o) = sub.as_obj().filter(|o| is_generator(o)) {
            return self.gen_resume(o, Resume::Send(value));
        }
        if !matches!(value, Value::None) {
            let send = self.getattr(sub, "send")?;
            return self.finished_by_stop_iteration(|me| me.call(&send, Args::of(vec![value])));
        }
        if self.special(sub, "__next__").is_some() {
            return self
                .finished_by_stop_iteration(|me| me.call_method(sub, "__next__", Args::default()));
        }
        Ok(match self.next_value(sub)? {
            Some(v) => Outcome::Yielded(v),
            None => Outcome::Returned(Value::None),
        })
    }

    /// `close()`: raises `GeneratorExit` at the suspension point; the generator must let
    /// it (or a `StopIteration`) out, or return.
    pub(crate) fn gen_close(&mut self, g: &ObjRef) -> Res<()> {
        let not_started = match self.generators.table.get(&g.id()) {
            None => return Ok(()),
            Some(Entry {
                state: State::Ready { frame, .. },
                ..
            }) => frame.ip == 0,
            Some(_) => false,
        };
        if not_started {
            self.generators.table.remove(&g.id());
            return Ok(());
        }
        let exit = self.new_exception("GeneratorExit", vec![]);
        let how = Resume::Throw(Box::new(Exc {
            value: exit,
            tb: Vec::new(),
        }));
        match self.gen_resume(g, how) {
            Ok(Outcome::Yielded(_)) => {
                Err(self.exc("RuntimeError", "generator ignored GeneratorExit"))
            }
            Ok(Outcome::Returned(_)) => Ok(()),
            Err(Flow::Exc(e))
                if self.exc_is(&e.value, "GeneratorExit")
                    || self.exc_is(&e.value, "StopIteration") =>
            {
                Ok(())
            }
            Err(flow) => Err(flow),
        }
    }

    /// `True` if exception `v` is an instance of built-in class `class` (or a subclass).
    pub(crate) fn exc_is(&self, v: &Value, class: &str) -> bool {
        self.exc_matches(v, &types().get(class))
    }

    /// The `StopIteration` a finished generator's `next` raises, carrying its return
    /// value.
    pub(crate) fn stop_iteration(&mut self, value: Value) -> Flow {
        let args = if matches!(value, Value::None) {
            vec![]
        } else {
            vec![value]
        };
        let e = self.new_exception("StopIteration", args);
        Flow::Exc(Box::new(Exc {
            value: e,
            tb: Vec::new(),
        }))
    }
}

/// The exception `throw(...)` raises in the generator: `throw(exc)`, `throw(Class)`,
/// `throw(Class, value)` (a tuple value is the arguments; an instance of the class is
/// used as it is). Anything that is not an exception is a `TypeError` for the caller.
fn thrown(me: &mut Interp, a: Args) -> Res<Box<Exc>> {
    if a.pos.is_empty() || a.pos.len() > 3 || !a.kw.is_empty() {
        return Err(me.exc("TypeError", "throw expected 1 to 3 arguments"));
    }
    let mut pos = a.pos.into_iter();
    let first = pos.next().expect("checked");
    let value = pos.next().filter(|v| !matches!(v, Value::None));
    let base = types().get("BaseException");
    let is_class = first.as_obj().is_some_and(|o| {
        floe_core::Class::try_from(o.clone())
            .is_ok_and(|c| c.is_subclass(&types().class("BaseException")))
    });
    let exc = if is_class {
        match value {
            Some(v) if me.exc_matches(&v, first.as_obj().expect("a class")) => v,
            Some(Value::Obj(t)) if t.kind() == Kind::Tuple => {
                let args = floe_core::Tuple::try_from(t).expect("a tuple").to_vec();
                me.call(&first, Args::of(args))?
            }
            Some(v) => me.call(&first, Args::of(vec![v]))?,
            None => me.call(&first, Args::default())?,
        }
    } else if me.exc_matches(&first, &base) {
        if value.is_some() {
            return Err(me.exc(
                "TypeError",
                "instance exception may not have a separate value",
            ));
        }
        first
    } else {
        return Err(me.exc(
            "TypeError",
            format!(
                "exceptions must be classes or instances deriving from BaseException, not {}",
                first.type_name()
            ),
        ));
    };
    Ok(Box::new(Exc {
        value: exc,
        tb: Vec::new(),
    }))
}

/// The methods of a generator object: `send`, `throw`, `close`, `__next__`, `__iter__`.
pub(crate) fn method(me: &mut Interp, g: &Value, name: &str, a: Args) -> Res<Value> {
    let o = g.as_obj().expect("a generator").clone();
    let outcome = match name {
        "__iter__" => {
            me.exact::<0>("__iter__", a)?;
            return Ok(g.clone());
        }
        "close" => {
            me.exact::<0>("close", a)?;
            me.gen_close(&o)?;
            return Ok(Value::None);
        }
        "__next__" if !is_generator(&o) => {
            me.exact::<0>("__next__", a)?;
            return match me.suspendable_next(&o)? {
                Some(v) => Ok(v),
                None => Err(me.stop_iteration(Value::None)),
            };
        }
        "__next__" => {
            me.exact::<0>("__next__", a)?;
            me.gen_resume(&o, Resume::Send(Value::None))?
        }
        "send" => {
            let [v] = me.exact::<1>("send", a)?;
            me.gen_resume(&o, Resume::Send(v))?
        }
        _ => {
            let exc = thrown(me, a)?;
            me.gen_resume(&o, Resume::Throw(exc))?
        }
    };
    match outcome {
        Outcome::Yielded(v) => Ok(v),
        Outcome::Returned(v) => Err(me.stop_iteration(v)),
    }
}
