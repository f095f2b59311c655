//! Python exceptions: making them, mapping the runtime's errors onto semantics' exception
//! hierarchy, and printing tracebacks.

use std::fmt::Write as _;
use std::sync::Arc;

use floe_core::{heap, region, CoreError, Instance, ObjDesc, ObjRef, Tuple, Value};
use floe_freeze::FreezeError;
use floe_regions::RegionError;

use crate::interp::Interp;
use crate::runtime::types;
use crate::syntax::Source;

/// Where an exception passed: a frame's file, position and function.
#[derive(Clone, Debug)]
pub(crate) struct TbEntry {
    pub source: Arc<Source>,
    pub offset: usize,
    pub func: floe_core::Str,
}

/// A raised exception: the exception object and the frames it has left so far (innermost
/// first).
#[derive(Debug)]
pub(crate) struct Exc {
    pub value: Value,
    pub tb: Vec<TbEntry>,
}

/// How an operation that did not complete leaves: by an exception. (An enum so that
/// generators' returns and suspensions can join it, RFC-0008 §4.)
#[derive(Debug)]
pub(crate) enum Flow {
    Exc(Box<Exc>),
}

/// The Python exception class for a core error (semantics §2–§3).
fn core_class(e: &CoreError) -> &'static str {
    match e {
        CoreError::Immutable { .. }
        | CoreError::Unhashable { .. }
        | CoreError::WrongKind { .. } => "TypeError",
        CoreError::IndexOutOfRange { .. } | CoreError::Empty { .. } => "IndexError",
        CoreError::KeyNotFound { .. } => "KeyError",
        CoreError::AttributeNotFound { .. } => "AttributeError",
        CoreError::NotIsolated { .. } => "IsolationError",
        CoreError::TooDeep { .. } => "RecursionError",
        _ => "RegionError",
    }
}

/// The objects a core error names as holder and target, if it is a store refusal.
fn store_parties(e: &CoreError) -> Option<(&ObjDesc, &ObjDesc)> {
    match e {
        CoreError::CrossRegion { holder, target }
        | CoreError::SecondOwner { holder, target }
        | CoreError::RegionCycle { holder, target }
        | CoreError::UnfrozenCode { holder, target } => Some((holder, target)),
        _ => None,
    }
}

/// Finds a live object of this thread by identity: among the given candidates, the local
/// heap, and the members of the candidates' regions (for `.source`/`.target`).
fn find_object(id: usize, candidates: &[&Value]) -> Value {
    let direct = candidates
        .iter()
        .filter_map(|v| v.as_obj())
        .find(|o| o.id() == id)
        .cloned();
    let in_regions = || {
        candidates
            .iter()
            .filter_map(|v| v.as_obj())
            .filter_map(region::bridge_of)
            .filter_map(|b| region::members(&b).ok())
            .flatten()
            .find(|o| o.id() == id)
    };
    // A local object, or a region member reached from one (a failed capture's target):
    // one walk of the local heap.
    let local = || {
        let objects = heap::local_objects();
        let direct = objects.iter().find(|o| o.id() == id).cloned();
        direct.or_else(|| {
            objects
                .iter()
                .flat_map(ObjRef::references)
                .find(|o| o.id() == id)
        })
    };
    direct
        .or_else(in_regions)
        .or_else(local)
        .map_or(Value::None, Value::Obj)
}

impl Interp {
    /// A new exception of built-in class `class` with message `msg`, raised.
    pub(crate) fn exc(&mut self, class: &str, msg: impl Into<String>) -> Flow {
        let value = self.new_exception(class, vec![Value::str(&msg.into())]);
        Flow::Exc(Box::new(Exc {
            value,
            tb: Vec::new(),
        }))
    }

    /// A new exception object of built-in class `class` with `args`.
    pub(crate) fn new_exception(&mut self, class: &str, args: Vec<Value>) -> Value {
        let inst = Instance::new(&types().class(class));
        if class == "StopIteration" {
            let value = args.first().cloned().unwrap_or(Value::None);
            inst.set_attr("value", value)
                .expect("a new instance accepts attributes");
        }
        inst.set_attr("args", Tuple::new(args).into())
            .expect("a new instance accepts attributes");
        Value::Obj(inst.into_obj())
    }

    /// A core error as a Python exception; `holder` and `value` are the store's parties
    /// when the error came from a store (they resolve `.source` and `.target`).
    pub(crate) fn core_exc(&mut self, e: CoreError, parties: &[&Value]) -> Flow {
        let flow = self.exc(core_class(&e), e.to_string());
        if let Some((holder, target)) = store_parties(&e) {
            let (source, target) = (
                find_object(holder.id, parties),
                find_object(target.id, parties),
            );
            self.set_exc_attr(&flow, "source", source);
            self.set_exc_attr(&flow, "target", target);
        }
        flow
    }

    /// A region error as a Python exception.
    pub(crate) fn region_exc(&mut self, e: RegionError, parties: &[&Value]) -> Flow {
        match e {
            RegionError::Object(c) => self.core_exc(c, parties),
            other => {
                let class = other.python_name();
                self.exc(class, other.to_string())
            }
        }
    }

    /// A freeze error as a Python exception (semantics §4).
    pub(crate) fn freeze_exc(&mut self, e: FreezeError, parties: &[&Value]) -> Flow {
        match e {
            FreezeError::Object(c) => self.core_exc(c, parties),
            FreezeError::Isolation { ref aliases } => {
                let first = aliases.0.first().map(|(h, t)| (h.id, t.id));
                let flow = self.exc(e.python_name(), e.to_string());
                if let Some((h, t)) = first {
                    let (h, t) = (find_object(h, parties), find_object(t, parties));
                    self.set_exc_attr(&flow, "source", h);
                    self.set_exc_attr(&flow, "target", t);
                }
                flow
            }
            other => {
                let class = other.python_name();
                self.exc(class, other.to_string())
            }
        }
    }

    fn set_exc_attr(&mut self, flow: &Flow, name: &str, value: Value) {
        let Flow::Exc(e) = flow;
        if let Value::Obj(o) = &e.value {
            o.set_attr(name, value)
                .expect("a new exception accepts attributes");
        }
    }

    /// `true` if `exc` is an instance of the class `class` (or a subclass).
    pub(crate) fn exc_matches(&self, exc: &Value, class: &ObjRef) -> bool {
        match exc.as_obj().and_then(ObjRef::class_of) {
            Some(c) => floe_core::Class::try_from(class.clone()).is_ok_and(|k| c.is_subclass(&k)),
            None => false,
        }
    }

    /// The message line of an exception: `TypeError: message`.
    pub(crate) fn exc_line(&mut self, exc: &Value) -> String {
        let ty = exc.type_name();
        let text = self.exc_message(exc);
        if text.is_empty() {
            ty
        } else {
            format!("{ty}: {text}")
        }
    }

    /// An exception's message, as `str(e)` gives it.
    pub(crate) fn exc_message(&mut self, exc: &Value) -> String {
        let ty = exc.type_name();
        match exc.as_obj().map(|o| o.get_attr("args")) {
            Some(Ok(Value::Obj(args))) => {
                let items = Tuple::try_from(args)
                    .map(|t| t.to_vec())
                    .unwrap_or_default();
                match items.as_slice() {
                    [] => String::new(),
                    // KeyError shows its key as a repr, as Python does.
                    [one] if ty == "KeyError" => self.repr(one).unwrap_or_default(),
                    [one] => self.str_of(one).unwrap_or_default(),
                    _ => self
                        .repr(&Value::Obj(Tuple::new(items).into_obj()))
                        .unwrap_or_default(),
                }
            }
            _ => String::new(),
        }
    }

    /// A Python-style traceback for `exc`, most recent call last. An exception a
    /// behaviour raised and `wait` re-raised shows the behaviour's traceback first.
    pub(crate) fn traceback(&mut self, exc: &Exc) -> String {
        let mut out = String::new();
        let inner = exc
            .value
            .as_obj()
            .and_then(|o| o.own_attr("__behaviour_traceback__"));
        if let Some(Value::Str(inner)) = inner {
            if !inner.is_empty() {
                out.push_str(&inner);
                out.push_str(
                    "\n\nThe exception above was raised in a behaviour; wait() re-raised it:\n\n",
                );
            }
        }
        write_traceback(&mut out, exc.tb.iter().rev());
        out.push_str(&self.exc_line(&exc.value));
        out
    }

    /// The report of a Rust panic caught while this interpreter ran (`last`, such as
    /// `SystemError: ...`, is its final line): the Python frames that were running,
    /// outermost first, as a traceback. The frames are dropped: the run is over.
    pub(crate) fn panic_report(&mut self, last: &str) -> String {
        let mut out = String::new();
        let entries: Vec<TbEntry> = self.frames.iter().map(|f| f.tb_entry()).collect();
        write_traceback(&mut out, entries.iter());
        self.frames.clear();
        out.push_str(last);
        out
    }
}

/// `Traceback (most recent call last):` and a `File ..., line ..., in ...` line (with
/// the source line) for each entry, outermost first.
fn write_traceback<'a>(out: &mut String, entries: impl Iterator<Item = &'a TbEntry>) {
    out.push_str("Traceback (most recent call last):\n");
    for entry in entries {
        let (line, _) = entry.source.location(entry.offset);
        let _ = writeln!(
            out,
            "  File \"{}\", line {}, in {}",
            entry.source.name, line, entry.func
        );
        let text = entry.source.line(line).trim();
        if !text.is_empty() {
            let _ = writeln!(out, "    {text}");
        }
    }
}
