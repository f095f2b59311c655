//! `Cown`, `@when` and `wait` from Python (semantics §6, issue #8): behaviours run on the
//! `floe-cowns` workers, each worker with an interpreter of its own over its own local
//! objects, the regions it holds through cowns, and frozen objects shared by all.

use std::cell::RefCell;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use floe_core::{CoreError, FrozenValue, Key, NativeBody, ObjRef, Value};
use floe_cowns::{in_behaviour, try_when, wait, Cown, CownError, Held, Live};

use crate::errors::{Exc, Flow};
use crate::interp::{Args, Interp, Options, Out, PendingHandoff};
use crate::runtime::{types, CodeBody};
use crate::Res;

/// A `Cown` value: a frozen native object around the shared cown.
pub(crate) struct CownBody(pub Cown);

impl NativeBody for CownBody {
    fn type_name(&self) -> &'static str {
        "Cown"
    }
    fn for_each_value(&self, _: &mut dyn FnMut(&Value)) {}
    fn key_hash(&self) -> Result<u64, CoreError> {
        Ok(Key::new(Value::Int(self.0.id() as i64))?.hash_code())
    }
    fn key_eq(&self, other: &dyn NativeBody) -> bool {
        (other as &dyn std::any::Any)
            .downcast_ref::<CownBody>()
            .is_some_and(|o| o.0.ptr_eq(&self.0))
    }
}

/// What `when(c1, c2)` returns: the decorator that schedules the function it decorates.
pub(crate) struct WhenBody(pub Vec<Cown>);

impl NativeBody for WhenBody {
    fn type_name(&self) -> &'static str {
        "when"
    }
    fn for_each_value(&self, _: &mut dyn FnMut(&Value)) {}
}

/// What a `Cown` object holds, for pictures of the heap (RFC-0007); `None` for other
/// objects.
pub(crate) fn describe_cown(o: &ObjRef) -> Option<String> {
    o.native::<CownBody>()
        .map(|c| format!("holds {}", c.0.describe_content()))
}

/// A Python value for a cown.
pub(crate) fn cown_value(c: Cown) -> Value {
    Value::Obj(ObjRef::new_native(CownBody(c)))
}

/// The cown a Python value is, if it is one.
pub(crate) fn cown_of(v: &Value) -> Option<&Cown> {
    v.as_obj()
        .and_then(|o| o.native::<CownBody>())
        .map(|c| &c.0)
}

fn live_to_value(live: Live) -> Value {
    match live {
        Live::Empty => Value::None,
        Live::Frozen(v) => v.into_value(),
        Live::Cown(c) => cown_value(c),
        Live::Region(r) => r.into(),
    }
}

thread_local! {
    /// The interpreter of this worker thread, made for its first behaviour.
    static WORKER: RefCell<Option<Interp>> = const { RefCell::new(None) };
}

impl Interp {
    /// `Cown(value=None)`: the value must be sendable (semantics §6). A region the
    /// caller still references is handed over once those references are gone: until
    /// then the cown is pending and behaviours on it wait (outside a behaviour only).
    pub(crate) fn new_cown(&mut self, a: Args) -> Res<Value> {
        let Args { pos, kw } = a;
        let v = pos
            .into_iter()
            .next()
            .or_else(|| kw.into_iter().find(|(k, _)| k == "value").map(|(_, v)| v))
            .unwrap_or(Value::None);
        if v.as_obj()
            .is_some_and(|o| o.kind() == floe_core::Kind::Region)
        {
            self.generators.drop_abandoned();
        }
        let live = Live::from_value(v).map_err(|(e, _)| self.cown_exc(e))?;
        let handoff = matches!(live, Live::Region(_));
        match Cown::new(live) {
            Ok(cown) => {
                let v = cown_value(cown);
                if handoff {
                    self.draw_step("hand-off")?;
                }
                Ok(v)
            }
            Err((CownError::Isolation { .. }, Live::Region(r))) if !in_behaviour() => {
                let (cown, handoff) = Cown::pending();
                let made_at = self.frames.iter().rev().map(|f| f.tb_entry()).collect();
                self.pending.push(PendingHandoff {
                    handoff,
                    region: r,
                    made_at,
                });
                Ok(cown_value(cown))
            }
            Err((e, _)) => Err(self.cown_exc(e)),
        }
    }

    /// Completes the hand-offs whose regions nothing here references any more; fails
    /// those whose region ended (frozen, merged or dissolved) while the cown waited.
    pub(crate) fn check_handoffs(&mut self) {
        if !self.pending.is_empty() {
            self.generators.drop_abandoned();
        }
        let mut still = Vec::new();
        for PendingHandoff {
            handoff,
            region,
            made_at,
        } in std::mem::take(&mut self.pending)
        {
            if floe_regions::Region::try_from(region.bridge().clone()).is_err() {
                let reason = format!(
                    "{:?} never received its region: {:?} was frozen, merged or dissolved while the cown waited for it",
                    handoff.cown(),
                    region.bridge()
                );
                handoff.fail(CownError::Isolation { reason });
                continue;
            }
            if let Err((_, Live::Region(region), handoff)) = handoff.complete(Live::Region(region))
            {
                still.push(PendingHandoff {
                    handoff,
                    region,
                    made_at,
                });
            }
        }
        self.pending = still;
    }

    /// At the end of a run that raised: every cown still waiting for its region fails,
    /// so the behaviours queued on it run (and the run can wait for them to end).
    pub(crate) fn abandon_handoffs(&mut self) {
        self.pending.clear();
    }

    /// At the end of a run: a cown still waiting for its region never gets it.
    ///
    /// # Errors
    /// An uncaught `IsolationError` for each, as a traceback to where the cown was made,
    /// naming the region and what still references it.
    pub(crate) fn finish_handoffs(&mut self) -> Result<(), String> {
        self.check_handoffs();
        let mut failures = Vec::new();
        for PendingHandoff {
            handoff,
            region,
            made_at,
        } in std::mem::take(&mut self.pending)
        {
            let reason = open_reason(&region);
            drop(region);
            let message = format!(
                "Cown(r) never received its region: {reason}; drop the references first (del r), or write Cown(make_region())"
            );
            handoff.fail(CownError::Isolation {
                reason: message.clone(),
            });
            let value = self.new_exception("IsolationError", vec![Value::str(&message)]);
            failures.push(self.traceback(&Exc { value, tb: made_at }));
        }
        if failures.is_empty() {
            Ok(())
        } else {
            Err(failures.join("\n"))
        }
    }

    /// A cown error as the Python exception semantics §6 names; an exception raised in a
    /// behaviour comes back as its own class when this interpreter knows it.
    pub(crate) fn cown_exc(&mut self, e: CownError) -> Flow {
        if let CownError::Raised {
            kind,
            message,
            traceback,
        } = &e
        {
            let class = match self.globals.get(&Value::str(kind)) {
                Ok(Some(Value::Obj(c))) if self.is_exception_class(&c) => Some(c),
                _ => types()
                    .names()
                    .any(|n| n == kind)
                    .then(|| types().get(kind)),
            };
            let class = class.unwrap_or_else(|| types().get("RuntimeError"));
            let value = self
                .call(&Value::Obj(class), Args::of(vec![Value::str(message)]))
                .unwrap_or_else(|_| self.new_exception("RuntimeError", vec![Value::str(message)]));
            if let Value::Obj(o) = &value {
                let _ = o.set_attr("__behaviour_traceback__", Value::str(traceback));
            }
            return Flow::Exc(Box::new(Exc {
                value,
                tb: Vec::new(),
            }));
        }
        let class = e.python_name().to_string();
        self.exc(&class, e.to_string())
    }

    fn is_exception_class(&self, c: &ObjRef) -> bool {
        floe_core::Class::try_from(c.clone())
            .is_ok_and(|c| c.is_subclass(&types().class("BaseException")))
    }

    /// `c.value`: only inside a behaviour that holds `c`.
    pub(crate) fn cown_attr(&mut self, c: &Cown, name: &str) -> Res<Value> {
        if name != "value" {
            return Err(self.exc(
                "AttributeError",
                format!("'Cown' object has no attribute '{name}'"),
            ));
        }
        match self.holding.get(&c.id()) {
            Some(v) => Ok(v.clone()),
            None => Err(self.not_held(c)),
        }
    }

    /// `c.value = v`: only inside a behaviour that holds `c`; `v` must be sendable when
    /// the behaviour ends.
    pub(crate) fn set_cown_attr(&mut self, c: &Cown, name: &str, value: Value) -> Res<()> {
        if name != "value" {
            return Err(self.exc(
                "AttributeError",
                format!("'Cown' object has no attribute '{name}'"),
            ));
        }
        match self.holding.get_mut(&c.id()) {
            Some(slot) => {
                *slot = value;
                Ok(())
            }
            None => Err(self.not_held(c)),
        }
    }

    fn not_held(&mut self, c: &Cown) -> Flow {
        self.exc(
            "RegionError",
            format!(
                "{c:?}.value touched outside a behaviour that holds it (schedule one with @when)"
            ),
        )
    }

    /// `@when(c1, c2)` applied to `f`: freezes `f` (its captures snapshotted), schedules
    /// it, and returns the cown that will hold its result.
    pub(crate) fn schedule(&mut self, cowns: Vec<Cown>, f: Value) -> Res<Value> {
        self.check_handoffs();
        if let Value::Obj(o) = &f {
            if !o.is_frozen() {
                let policy = floe_freeze::policy();
                self.freeze_roots(
                    std::slice::from_ref(o),
                    policy,
                    std::slice::from_ref(&f),
                    None,
                )
                .map_err(|flow| self.name_capture(o, flow))?;
            }
        }
        let func = FrozenValue::new(f).map_err(|v| {
            self.exc(
                "TypeError",
                format!("@when needs a function, not {}", v.type_name()),
            )
        })?;
        let (out, options, dir) = (self.out.clone(), self.options, self.imports.dir());
        let refs: Vec<&Cown> = cowns.iter().collect();
        let result = try_when(&refs, move |held| {
            run_on_worker(func, held, out, options, dir)
        });
        Ok(cown_value(result))
    }

    /// Names the captured variable that stopped `f` from freezing, if one did.
    fn name_capture(&mut self, f: &ObjRef, flow: Flow) -> Flow {
        let Flow::Exc(exc) = &flow;
        let message = self.exc_message(&exc.value);
        let code = match f.get_attr("__code__") {
            Ok(Value::Obj(c)) => c.native::<CodeBody>().map(|c| std::sync::Arc::clone(&c.0)),
            _ => None,
        };
        let Some(code) = code else { return flow };
        let captured = code.globals.iter().chain(&code.frees).find(|name| {
            let value = self.globals.get(&Value::str(name)).ok().flatten();
            value
                .and_then(|v| v.as_obj().map(ObjRef::id))
                .is_some_and(|id| message.contains(&format!("{id:#x}")))
        });
        match captured {
            Some(name) => {
                let class = exc.value.type_name();
                self.exc(
                    &class,
                    format!("cannot schedule {}: the captured variable '{name}' cannot be frozen: {message}", code.name),
                )
            }
            None => flow,
        }
    }

    /// `wait(c)`: blocks until the behaviours scheduled on `c` so far have run; returns
    /// its value (a region moves here) or re-raises the behaviour's exception.
    pub(crate) fn wait_for(&mut self, c: &Cown) -> Res<Value> {
        self.check_handoffs();
        match wait(c) {
            Ok(live) => Ok(live_to_value(live)),
            // Waiting for a cown that waits for this thread's references would never end.
            Err(CownError::WouldBlock) => {
                let reasons: Vec<String> = self
                    .pending
                    .iter()
                    .map(|p| open_reason(&p.region))
                    .collect();
                Err(self.exc(
                    "IsolationError",
                    format!(
                        "wait() would wait for a cown still waiting for its region: {}; drop the references first (del r)",
                        reasons.join("; ")
                    ),
                ))
            }
            Err(e) => Err(self.cown_exc(e)),
        }
    }

    /// Runs a scheduled function on this (worker) interpreter over the held cowns. Each
    /// cown's content stays in its [`Held`] until the end: if the function leaves a
    /// value that cannot go into a cown, the cown keeps that content (RFC-0005 §6).
    /// Nothing the function made survives it: the per-behaviour state is reset after.
    fn run_held(&mut self, func: FrozenValue, held: &mut [Held<'_>]) -> Result<Live, CownError> {
        let mut args = Vec::with_capacity(held.len());
        for h in held.iter() {
            let v = live_to_value(h.get().clone());
            self.holding.insert(h.cown().id(), v);
            args.push(cown_value(h.cown().clone()));
        }
        // Definitions inside the behaviour find their code in the function's module.
        let module = match func.as_obj().map(|f| f.get_attr("__code__")) {
            Some(Ok(Value::Obj(c))) => c.native::<CodeBody>().map(|c| std::sync::Arc::clone(&c.1)),
            _ => None,
        };
        self.modules.extend(module);
        let result = self.call(&func.into_value(), Args::of(args));
        let mut failure = None;
        for h in held.iter_mut() {
            let v = self.holding.remove(&h.cown().id()).unwrap_or(Value::None);
            match Live::from_value(v) {
                Ok(live) => h.set(live),
                Err((e, _)) => {
                    // The content it had, if it can still go into a cown (a region that
                    // became a subregion cannot: it lives on in its parent).
                    let before = Live::from_value(live_to_value(h.get().clone()));
                    h.set(before.unwrap_or(Live::Empty));
                    failure.get_or_insert(e);
                }
            }
        }
        let out = match result {
            Ok(v) => Live::from_value(v).map_err(|(e, _)| e),
            Err(Flow::Exc(e)) => Err(self.raised(&e)),
        };
        self.end_behaviour();
        match failure {
            Some(e) => Err(e),
            None => out,
        }
    }

    /// Drops what the behaviour left in this worker's interpreter: the cowns' values,
    /// the exceptions being handled, the frames, the module it ran from, the `sys`
    /// module and the script's own modules it may have imported (made afresh, per
    /// behaviour, if imported again), the recursion limit it may have set.
    fn end_behaviour(&mut self) {
        self.holding.clear();
        self.handling.clear();
        self.frames.clear();
        // Generators and lazy iterators the behaviour left unfinished hold its cowns'
        // contents: none may outlive it on this worker.
        self.generators.clear();
        self.modules.clear();
        // The `sys` module is mutable (its `argv`), and a behaviour may have changed the
        // recursion limit or bound globals of the worker's `__main__`: none of it may
        // reach the next behaviour on this worker.
        self.sys_module = None;
        self.recursion_limit = crate::interp::DEFAULT_RECURSION_LIMIT;
        self.reset_main_globals();
        self.imports.drop_mutable();
    }

    /// An exception leaving a behaviour, as the cowns runtime carries it to `wait`.
    fn raised(&mut self, e: &Exc) -> CownError {
        let kind = e.value.type_name();
        let message = self.exc_message(&e.value);
        let traceback = self.traceback(e);
        CownError::Raised {
            kind,
            message,
            traceback,
        }
    }
}

/// Why a pending region cannot be handed over yet (the pending list's own handle aside).
fn open_reason(r: &floe_regions::Region) -> String {
    format!(
        "{r:?} is still referenced here ({} other local reference(s) into it)",
        r.local_refs().saturating_sub(1)
    )
}

/// Runs one behaviour on this worker's interpreter.
fn run_on_worker(
    func: FrozenValue,
    held: &mut [Held<'_>],
    out: Out,
    options: Options,
    dir: Option<Arc<Path>>,
) -> Result<Live, CownError> {
    WORKER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let interp = slot.get_or_insert_with(|| Interp::new(out.clone(), options));
        interp.out = out;
        interp.set_options(options);
        // A behaviour that imports the script's own modules finds them beside the script.
        interp.imports.set_dir(dir);
        let run =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| interp.run_held(func, held)));
        run.unwrap_or_else(|panic| {
            // The interpreter stopped half-way: drop it (and all it held) whole; the
            // cowns runtime restores the cowns' contents and reports the panic.
            *slot = None;
            std::panic::resume_unwind(panic)
        })
    })
}

/// The cowns named by `when(...)`'s arguments.
pub(crate) fn cowns_of(me: &mut Interp, args: &[Value]) -> Res<Vec<Cown>> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for v in args {
        match cown_of(v) {
            Some(c) => {
                if seen.insert(c.id()) {
                    out.push(c.clone());
                }
            }
            None => {
                return Err(me.exc(
                    "TypeError",
                    format!("when() takes cowns, not {}", v.type_name()),
                ))
            }
        }
    }
    if out.is_empty() {
        return Err(me.exc("TypeError", "when() needs at least one cown"));
    }
    Ok(out)
}
