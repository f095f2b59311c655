//! The `floe` module (semantics §3–§5 from Python): regions, freezing, freezability, the
//! frozen collections and the exceptions.

use std::collections::HashSet;

use floe_core::{Class, Dict, Freezable, Instance, Kind, List, ObjRef, State, Str, Tuple, Value};
use floe_freeze::{AliasPolicy, FreezePolicy};
use floe_regions::Region;

use crate::interp::{new_cell, Args, Interp};
use crate::runtime::{new_module, types, BuiltinFn, CodeBody};
use crate::Res;

/// The `floe` module object (made once per interpreter).
pub(crate) fn module(me: &mut Interp) -> Value {
    if let Some(m) = &me.floe_module {
        return m.clone();
    }
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("freeze", freeze),
        ("frozen", frozen),
        ("is_frozen", is_frozen),
        ("isfrozen", is_frozen),
        ("set_freezable", set_freezable),
        ("get_freezable", get_freezable),
        ("unset_freezable", unset_freezable),
        ("merge", merge),
        ("dissolve", dissolve),
        ("close", close),
        ("is_closed", is_closed),
        ("is_local", is_local),
        ("when", when),
        ("wait", wait_fn),
        ("draw", crate::pictures::draw),
    ];
    let m = new_module("floe", fns);
    let set = |name: &str, v: Value| {
        m.set_attr(name, v)
            .expect("a new module accepts attributes")
    };
    for ty in [
        "Region",
        "Cown",
        "frozenlist",
        "frozendict",
        "RegionError",
        "IsolationError",
        "NotFreezableError",
    ] {
        set(ty, types().get(ty).into());
    }
    for (name, value) in [
        ("FREEZABLE_YES", FREEZABLE_YES),
        ("FREEZABLE_NO", FREEZABLE_NO),
        ("FREEZABLE_EXPLICIT", FREEZABLE_EXPLICIT),
        ("FREEZABLE_PROXY", FREEZABLE_PROXY),
    ] {
        set(name, Value::Int(value));
    }
    // Immutable, as the standard library's modules (RFC-0006 §9): a standard-library
    // module that imports `floe` and freezes changes nothing of the script's.
    crate::stdlib::freeze(&m);
    let v: Value = m.into();
    me.floe_module = Some(v.clone());
    v
}

/// `object()`.
pub(crate) fn new_plain_object(_: &mut Interp) -> Value {
    Instance::new(&types().class("object")).into()
}

/// `Region(name=None)`: a new region; the value is its bridge.
pub(crate) fn new_region(me: &mut Interp, a: Args) -> Res<Value> {
    let name = match (a.pos.first(), a.kw.iter().find(|(k, _)| k == "name")) {
        (Some(v), _) | (None, Some((_, v))) => match v {
            Value::None => None,
            other => Some(me.str_arg(other)?),
        },
        (None, None) => None,
    };
    Ok(match name {
        Some(n) => Region::named(&n).into(),
        None => Region::new().into(),
    })
}

fn region_arg(me: &mut Interp, v: &Value, what: &str) -> Res<Region> {
    match v.as_obj().map(|o| Region::try_from(o.clone())) {
        Some(Ok(r)) => Ok(r),
        Some(Err(e)) => Err(me.region_exc(e, &[v])),
        None => Err(me.exc(
            "TypeError",
            format!("{what}() expects a region's bridge, got {}", v.type_name()),
        )),
    }
}

/// `freeze(obj, *more, aliases=None) -> obj`.
fn freeze(me: &mut Interp, a: Args) -> Res<Value> {
    freeze_args(me, a, false)
}

/// `freeze`'s arguments, frozen; `decorated`: the one argument is a decorator's, whose
/// result its name will be bound to (see [`Decorated`]).
fn freeze_args(me: &mut Interp, a: Args, decorated: bool) -> Res<Value> {
    let mut policy = floe_freeze::policy();
    for (k, v) in &a.kw {
        match (k.as_str(), v) {
            ("aliases", Value::Str(s)) if &**s == "allow" => policy.aliases = AliasPolicy::Allow,
            ("aliases", Value::Str(s)) if &**s == "raise" => policy.aliases = AliasPolicy::Raise,
            ("aliases", Value::None) => {}
            ("aliases", _) => {
                return Err(me.exc("ValueError", "aliases must be 'raise' or 'allow'"))
            }
            (other, _) => {
                return Err(me.exc(
                    "TypeError",
                    format!("freeze() got an unexpected keyword argument '{other}'"),
                ))
            }
        }
    }
    let Some(first) = a.pos.first().cloned() else {
        return Err(me.exc("TypeError", "freeze() needs at least one object"));
    };
    // Repeats are fine as roots: the walk meets each object once.
    let roots: Vec<ObjRef> = a
        .pos
        .iter()
        .filter_map(|v| v.as_obj().filter(|o| !o.is_frozen()).cloned())
        .collect();
    if !roots.is_empty() {
        let own = roots
            .first()
            .filter(|_| decorated)
            .and_then(|o| Decorated::of(me, o));
        me.freeze_roots(&roots, policy, &a.pos, own.as_ref())?;
        drop((roots, a));
        me.draw_step("freeze")?;
    }
    Ok(first)
}

/// `@frozen`: freezes the decorated class or function and returns it. Its name is bound
/// to it once the decorator returns, so inside the frozen graph that name is it already
/// (a recursive function, a class whose methods name the class).
fn frozen(me: &mut Interp, a: Args) -> Res<Value> {
    let [v] = me.exact::<1>("frozen", a)?;
    freeze_args(me, Args::of(vec![v]), true)
}

/// The object a decorator freezes, the name (its `__name__`) that the decorated
/// definition binds to it, and where it binds it: in the snapshots the freeze takes
/// (RFC-0006 §5), that name *in that scope* means this object, whatever the scope holds
/// under it now (nothing yet, or an older definition). Other modules' globals and other
/// scopes' cells of the same name are left alone.
pub(crate) struct Decorated {
    name: Str,
    obj: ObjRef,
    scope: Scope,
}

/// Where a decorated definition binds its name.
enum Scope {
    /// The globals of the module the function's `__globals__` names.
    Global(Str),
    /// A cell of the enclosing function.
    Cell(ObjRef),
    /// Somewhere no snapshot reads it (a class body).
    Elsewhere,
}

impl Decorated {
    /// For a function or a class, decorated in the running frame; `None` for anything
    /// else.
    fn of(me: &Interp, obj: &ObjRef) -> Option<Decorated> {
        let name = match obj.kind() {
            Kind::Function => match obj.get_attr("__name__") {
                Ok(Value::Str(s)) => s,
                _ => return None,
            },
            Kind::Class => Class::try_from(obj.clone()).ok()?.name(),
            _ => return None,
        };
        let frame = me.frames.last()?;
        let scope = match (&frame.code, &frame.globals) {
            (None, crate::vm::Globals::Main) => Scope::Global(Str::intern("__main__")),
            (None, crate::vm::Globals::Module { key, .. }) => Scope::Global(key.clone()),
            (Some(_), _) if !frame.is_class() => {
                me.frame_cell(&name).map_or(Scope::Elsewhere, Scope::Cell)
            }
            _ => Scope::Elsewhere,
        };
        Some(Decorated {
            name,
            obj: obj.clone(),
            scope,
        })
    }

    /// What a snapshot of module `key`'s globals holds under `name`: this object if the
    /// name is its own there, else what `current` finds.
    fn global(
        own: Option<&Decorated>,
        key: &str,
        name: &str,
        current: impl FnOnce() -> Option<Value>,
    ) -> Option<Value> {
        match own {
            Some(d) if *d.name == *name && matches!(&d.scope, Scope::Global(k) if **k == *key) => {
                Some(Value::Obj(d.obj.clone()))
            }
            _ => current(),
        }
    }

    /// What a copy of closure cell `cell` holds: this object if the cell is where the
    /// decorated name is bound, else the cell's contents.
    fn cell(own: Option<&Decorated>, cell: &Value) -> Option<Value> {
        let cell = cell.as_obj()?;
        match own {
            Some(d) if matches!(&d.scope, Scope::Cell(c) if c.ptr_eq(cell)) => {
                Some(Value::Obj(d.obj.clone()))
            }
            _ => cell.get_attr("cell_contents").ok(),
        }
    }
}

/// `when(c1, c2, ...)`: a decorator that schedules the function as a behaviour.
fn when(me: &mut Interp, a: Args) -> Res<Value> {
    let cowns = crate::behaviours::cowns_of(me, &a.pos)?;
    Ok(Value::Obj(ObjRef::new_native(crate::behaviours::WhenBody(
        cowns,
    ))))
}

/// `wait(c)`.
fn wait_fn(me: &mut Interp, a: Args) -> Res<Value> {
    let [c] = me.exact::<1>("wait", a)?;
    match crate::behaviours::cown_of(&c) {
        Some(cown) => {
            let cown = cown.clone();
            me.wait_for(&cown)
        }
        None => Err(me.exc(
            "TypeError",
            format!("wait() takes a cown, not {}", c.type_name()),
        )),
    }
}

fn is_frozen(me: &mut Interp, a: Args) -> Res<Value> {
    let [v] = me.exact::<1>("is_frozen", a)?;
    Ok(Value::Bool(v.is_frozen()))
}

/// PEP 795's values of the `FREEZABLE_*` constants.
const FREEZABLE_YES: i64 = 0;
const FREEZABLE_NO: i64 = 1;
const FREEZABLE_EXPLICIT: i64 = 2;
/// Modules only (PEP 795's proxy modules); Floe has no module objects yet.
const FREEZABLE_PROXY: i64 = 3;

/// The Python value of a freezability status.
fn status_value(status: Freezable) -> i64 {
    match status {
        Freezable::Yes => FREEZABLE_YES,
        Freezable::No => FREEZABLE_NO,
        Freezable::Explicit => FREEZABLE_EXPLICIT,
    }
}

/// The mutable object whose freezability `set_freezable`/`unset_freezable` changes:
/// immediates and frozen objects can have none set (PEP 795's implementation stores the
/// status as an attribute, which an immutable object refuses: `TypeError`).
fn settable<'a>(me: &mut Interp, obj: &'a Value, what: &str) -> Res<&'a ObjRef> {
    match obj {
        Value::Obj(o) if !o.is_frozen() => Ok(o),
        _ => Err(me.exc(
            "TypeError",
            format!(
                "{what}() cannot change an immutable {} object",
                obj.type_name()
            ),
        )),
    }
}

/// `set_freezable(obj, status)` (PEP 795).
fn set_freezable(me: &mut Interp, a: Args) -> Res<Value> {
    let [obj, status] = me.exact::<2>("set_freezable", a)?;
    let status = match status {
        Value::Int(FREEZABLE_YES) => Freezable::Yes,
        Value::Int(FREEZABLE_NO) => Freezable::No,
        Value::Int(FREEZABLE_EXPLICIT) => Freezable::Explicit,
        Value::Int(FREEZABLE_PROXY) => {
            return Err(me.exc(
                "TypeError",
                "FREEZABLE_PROXY can only be set on module objects",
            ))
        }
        other => {
            let r = me.repr(&other)?;
            return Err(me.exc("ValueError", format!("invalid freezability status {r}: use FREEZABLE_YES, FREEZABLE_NO or FREEZABLE_EXPLICIT")));
        }
    };
    let o = settable(me, &obj, "set_freezable")?;
    o.set_freezable(status)
        .map_err(|e| me.core_exc(e, &[&obj]))?;
    Ok(Value::None)
}

/// `get_freezable(obj)` (PEP 795): the status set on the object, else the one set on its
/// type, else -1.
fn get_freezable(me: &mut Interp, a: Args) -> Res<Value> {
    let [obj] = me.exact::<1>("get_freezable", a)?;
    let status = obj.as_obj().and_then(|o| {
        o.freezable().or_else(|| match o.kind() {
            Kind::Instance => o.class_of().and_then(|c| c.freezable()),
            _ => None,
        })
    });
    Ok(Value::Int(status.map_or(-1, status_value)))
}

/// `unset_freezable(obj)` (PEP 795): removes the status set on the object (its type's
/// applies again); nothing set is not an error.
fn unset_freezable(me: &mut Interp, a: Args) -> Res<Value> {
    let [obj] = me.exact::<1>("unset_freezable", a)?;
    let o = settable(me, &obj, "unset_freezable")?;
    o.unset_freezable().map_err(|e| me.core_exc(e, &[&obj]))?;
    Ok(Value::None)
}

fn merge(me: &mut Interp, a: Args) -> Res<Value> {
    let [src, sink] = me.exact::<2>("merge", a)?;
    let (r, s) = (
        region_arg(me, &src, "merge")?,
        region_arg(me, &sink, "merge")?,
    );
    r.merge_into(&s)
        .map_err(|e| me.region_exc(e, &[&src, &sink]))?;
    me.draw_step("merge")?;
    Ok(Value::None)
}

fn dissolve(me: &mut Interp, a: Args) -> Res<Value> {
    let [v] = me.exact::<1>("dissolve", a)?;
    let r = region_arg(me, &v, "dissolve")?;
    r.dissolve().map_err(|e| me.region_exc(e, &[&v]))?;
    me.draw_step("dissolve")?;
    Ok(Value::None)
}

fn is_closed(me: &mut Interp, a: Args) -> Res<Value> {
    let [v] = me.exact::<1>("is_closed", a)?;
    let r = region_arg(me, &v, "is_closed")?;
    me.generators.drop_abandoned();
    Ok(Value::Bool(r.is_closed()))
}

fn is_local(me: &mut Interp, a: Args) -> Res<Value> {
    let [v] = me.exact::<1>("is_local", a)?;
    Ok(Value::Bool(
        v.as_obj().is_some_and(|o| o.state() == State::Local),
    ))
}

/// `close(r)`: sets every variable pointing into `r` or its subregions (other than `r`'s
/// bridge) to `None` — and every operand a frame holds there, such as an argument of a
/// call still being prepared (`f(r.x, close(r))` calls `f(None, None)`) — then clears the
/// heap's local references (semantics §3). All or nothing: if Rust code still holds a
/// reference (a built-in function in progress, such as `sorted` calling its key, holding
/// a member), it raises `RegionError` and every frame keeps its values.
fn close(me: &mut Interp, a: Args) -> Res<Value> {
    let [v] = me.exact::<1>("close", a)?;
    let r = region_arg(me, &v, "close")?;
    me.generators.drop_abandoned();
    let mut ids = HashSet::new();
    let mut todo = vec![r.clone()];
    while let Some(x) = todo.pop() {
        ids.insert(x.id());
        todo.extend(x.subregions());
    }
    let inside = |v: &Value| match v {
        Value::Obj(o) if !o.ptr_eq(r.bridge()) => {
            matches!(o.state(), State::InRegion(id) if ids.contains(&id))
        }
        _ => false,
    };
    // The frames' references move into one local list, which the core clears with the
    // rest of the local heap, or leaves as it was when it refuses; then they go back.
    let mut taken = Vec::new();
    let mut values = Vec::new();
    for (at, val) in frame_values(me) {
        if inside(val) {
            values.push(std::mem::replace(val, Value::None));
            taken.push(at);
        }
    }
    let stash = List::new(values);
    if let Err(e) = r.close() {
        let mut back = taken.into_iter().zip(stash.to_vec()).peekable();
        for (at, val) in frame_values(me) {
            if let Some((_, v)) = back.next_if(|(t, _)| *t == at) {
                *val = v;
            }
        }
        return Err(me.region_exc(e, &[&v]));
    }
    drop((r, v, stash));
    me.draw_step("close")?;
    Ok(Value::None)
}

/// Every value the frames hold, running and suspended, each with its place (frame,
/// value), always in the same order.
fn frame_values(me: &mut Interp) -> impl Iterator<Item = ((usize, usize), &mut Value)> {
    let frames = me.frames.iter_mut().chain(me.generators.frames_mut());
    frames
        .enumerate()
        .flat_map(|(i, f)| f.values_mut().enumerate().map(move |(j, v)| ((i, j), v)))
}

impl Interp {
    /// Freezes `roots` deeply (semantics §4), after giving every function in the graph a
    /// frozen snapshot of what it captures (with `own`'s name meaning `own`'s object);
    /// all or nothing — on error every function gets its captures back and nothing is
    /// frozen.
    pub(crate) fn freeze_roots(
        &mut self,
        roots: &[ObjRef],
        policy: FreezePolicy,
        parties: &[Value],
        own: Option<&Decorated>,
    ) -> Res<()> {
        let undo = self.snapshot_functions(roots, own);
        let mut holders = self.root_holders();
        // The captures set aside for an undo are the interpreter's, not aliases.
        for (_, _, closure) in &undo {
            if let Some(d) = closure.as_obj() {
                holders.push(d.clone());
                holders.extend(d.references());
            }
        }
        // PEP 795's pre-freeze hooks: `obj.__pre_freeze__()` on each instance that
        // defines one, before it is frozen. What a hook adds is snapshotted like the rest.
        let mut undo = undo;
        let mut raised = None;
        let mut hook = |obj: &ObjRef| {
            let result =
                self.call_method(&Value::Obj(obj.clone()), "__pre_freeze__", Args::default());
            match result {
                Ok(_) => {
                    undo.extend(self.snapshot_functions(std::slice::from_ref(obj), own));
                    true
                }
                Err(flow) => {
                    raised = Some(flow);
                    false
                }
            }
        };
        let result = floe_freeze::freeze_with_hooks(roots, policy, &holders, Some(&mut hook));
        match result {
            Ok(()) => Ok(()),
            Err(e) => {
                for (f, globals, closure) in undo {
                    f.set_attr("__globals__", globals)
                        .expect("the function is still mutable");
                    f.set_attr("__closure__", closure)
                        .expect("the function is still mutable");
                }
                match (e, raised) {
                    // The hook's own exception, as PEP 795 propagates it.
                    (floe_freeze::FreezeError::PreFreeze { .. }, Some(flow)) => Err(flow),
                    (e, _) => Err(self.freeze_exc(e, &parties.iter().collect::<Vec<_>>())),
                }
            }
        }
    }

    /// Gives each mutable function reachable from `roots` a snapshot of the globals it
    /// names and copies of its closure cells (semantics §4), `own`'s name holding `own`'s
    /// object in both; returns what to restore.
    fn snapshot_functions(
        &mut self,
        roots: &[ObjRef],
        own: Option<&Decorated>,
    ) -> Vec<(ObjRef, Value, Value)> {
        let mut undo = Vec::new();
        let mut seen = HashSet::new();
        let mut todo: Vec<ObjRef> = roots.to_vec();
        while let Some(o) = todo.pop() {
            if o.is_frozen() || !seen.insert(o.id()) {
                continue;
            }
            if o.kind() == Kind::Function {
                let globals = o.get_attr("__globals__").unwrap_or(Value::None);
                let closure = o.get_attr("__closure__").unwrap_or(Value::None);
                let code = match o.get_attr("__code__") {
                    Ok(Value::Obj(c)) => {
                        c.native::<CodeBody>().map(|c| std::sync::Arc::clone(&c.0))
                    }
                    _ => None,
                };
                if let (Value::Str(key), Some(code)) = (&globals, code) {
                    let module = self.module_globals(key);
                    let snap = Dict::new();
                    for name in &code.globals {
                        let current = || self.global_in(&module, &Str::intern(name));
                        if let Some(v) = Decorated::global(own, key, name, current) {
                            snap.set(Value::str(name), v).expect("str keys");
                        }
                    }
                    // What the function's imports and classes ask of their module: its
                    // name and package (a relative import, `__module__`).
                    for name in ["__name__", "__package__"] {
                        if let Some(v) = self.global_in(&module, &Str::intern(name)) {
                            snap.set(Value::str(name), v).expect("str keys");
                        }
                    }
                    // A copy of each closure cell, in the closure's order.
                    let cells = closure.as_obj().and_then(|c| {
                        c.with_seq_items(|old| {
                            let copies: Vec<Value> = old
                                .iter()
                                .map(|cell| match cell {
                                    Value::Obj(_) => new_cell(Decorated::cell(own, cell)).into(),
                                    other => other.clone(),
                                })
                                .collect();
                            Value::from(Tuple::new(copies))
                        })
                    });
                    o.set_attr("__globals__", snap.into())
                        .expect("a mutable function");
                    o.set_attr("__closure__", cells.unwrap_or(Value::None))
                        .expect("a mutable function");
                    undo.push((o.clone(), globals, closure));
                }
            }
            todo.extend(o.references());
        }
        undo
    }
}
