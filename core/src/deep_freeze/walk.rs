//! The walk (RFC-0003 §3): one depth-first pass that checks, groups into components and
//! counts; then either a commit from the log or an undo from the log.
//!
//! While an object is being walked its header's `mark` bit is set and its `aux` word holds
//! its preorder number (its index in the log) until its component is complete, then
//! [`DONE`] and the component's number. The log keeps the `aux` word each object had (a
//! registry or member-list slot), which is all an undo restores: state words and counts
//! are only written by the commit.

use std::ptr::NonNull;
use std::sync::atomic::Ordering::Relaxed;

use super::{aliases, AliasPolicy, ClassPolicy, Refusal, Request};
use crate::body::Body;
use crate::header::{Word, FREEZE_ROOT, PRE_FREEZE_RAN};
use crate::raw::{ObjBox, ObjRef};
use crate::{reclaim, region, Freezable, Kind, ObjDesc};

/// Set in `aux` once an object's component is complete (the rest is the component's
/// number); clear while it is pending (the rest is its preorder number).
const DONE: usize = 1 << (usize::BITS - 1);
/// The parent of an object the walk started from (a root, or a member of a region whose
/// bridge it reached).
const NO_PARENT: u32 = u32::MAX;
/// The hook PEP 795 calls on each object before it is frozen.
const PRE_FREEZE: &str = "__pre_freeze__";

/// The object at `p`.
///
/// # Safety
/// `p` was reached by this walk: it is a root (the caller holds a handle), a member of a
/// region whose bridge was reached, or a reference read from the body of such an object.
/// Nothing but the walk runs on this thread while it lasts and no other thread can reach a
/// mutable object, so no body it read has changed and everything reached is still
/// referenced, hence live.
#[inline]
// SAFETY: relies on the caller's guarantee that `p` was reached by the walk (see above).
unsafe fn at<'a>(p: NonNull<ObjBox>) -> &'a ObjBox {
    // SAFETY: forwarded from the caller.
    unsafe { p.as_ref() }
}

/// An object the walk visited, in preorder.
struct Entry {
    obj: NonNull<ObjBox>,
    /// The `aux` word the walk overwrote.
    aux: usize,
    /// The entry it was reached from (for error paths), or [`NO_PARENT`].
    parent: u32,
    /// It was a local object (else a region member).
    local: bool,
}

/// The walk's state. Kept per thread between freezes so that a small freeze allocates
/// nothing.
#[derive(Default)]
struct Walk {
    log: Vec<Entry>,
    /// Objects whose component is not complete yet, in preorder (Gabow's stack S).
    pending: Vec<usize>,
    /// Where each candidate component starts in preorder, and the count it has summed so
    /// far (Gabow's stack B, with the counts).
    bounds: Vec<(usize, usize)>,
    /// The path from the object the walk started from: each object and where its
    /// references start in `edges`.
    frames: Vec<(usize, usize)>,
    /// References still to follow, of every object on the path.
    edges: Vec<NonNull<ObjBox>>,
    /// The objects in component order.
    order: Vec<usize>,
    /// Each component's end in `order`, and its count.
    components: Vec<(usize, usize)>,
    /// Members of regions whose bridge the walk reached, to walk from next (with the
    /// bridge's entry).
    extra: Vec<(NonNull<ObjBox>, usize)>,
    /// Objects whose `__pre_freeze__` must run first.
    hooks: Vec<usize>,
    /// Some visited object is a region member.
    regional: bool,
    /// References to non-root objects of the graph from outside it: their counts, less
    /// the references from inside.
    outside: isize,
}

thread_local! {
    static SCRATCH: std::cell::Cell<Option<Box<Walk>>> = const { std::cell::Cell::new(None) };
}

/// Scratch capacity (entries) a thread keeps after a freeze; a larger walk's is freed.
const KEEP: usize = 1 << 14;

/// Runs one freeze (see [`super::deep_freeze`]).
pub(super) fn run(req: &Request<'_>) -> Result<usize, (Refusal, usize)> {
    let mut walk = SCRATCH.with(std::cell::Cell::take).unwrap_or_default();
    for r in req.roots {
        if !r.is_frozen() {
            r.obj().header.set_flag(FREEZE_ROOT, true);
        }
    }
    let mut outcome = walk.walk_all(req);
    if outcome.is_ok() && !walk.hooks.is_empty() {
        outcome = Err(walk.hooks_first());
    }
    if outcome.is_ok() && req.policy.aliases == AliasPolicy::Raise && walk.outside > 0 {
        let found = aliases::search(
            walk.log.iter().filter(|e| !e.local).map(|e| e.obj),
            req.allowed_holders,
        );
        if !found.is_empty() {
            outcome = Err(Refusal::Isolation(found));
        }
    }
    for r in req.roots {
        r.obj().header.set_flag(FREEZE_ROOT, false);
    }
    let outcome = outcome.and_then(|()| walk.commit());
    let visited = walk.log.len();
    if outcome.is_err() {
        walk.undo();
    }
    walk.reset();
    SCRATCH.with(|s| s.set(Some(walk)));
    outcome.map(|()| visited).map_err(|r| (r, visited))
}

impl Walk {
    /// Walks from every root, then from the members of reached regions.
    fn walk_all(&mut self, req: &Request<'_>) -> Result<(), Refusal> {
        for r in req.roots {
            let h = &r.obj().header;
            if !h.mark.load(Relaxed) && !h.is_frozen() {
                self.discover(r.ptr(), NO_PARENT as usize, req)?;
                self.drain(req)?;
            }
        }
        while let Some((p, bridge)) = self.extra.pop() {
            // SAFETY: a member of a region whose bridge the walk reached.
            let h = &unsafe { at(p) }.header;
            if !h.mark.load(Relaxed) && !h.is_frozen() {
                self.discover(p, bridge, req)?;
                self.drain(req)?;
            }
        }
        Ok(())
    }

    /// Follows references until the path is empty (Gabow's path-based algorithm).
    fn drain(&mut self, req: &Request<'_>) -> Result<(), Refusal> {
        while let Some(&(v, start)) = self.frames.last() {
            if self.edges.len() == start {
                self.frames.pop();
                self.finish(v);
                continue;
            }
            let Some(p) = self.edges.pop() else { break };
            // SAFETY: read from the body of `v`, which the walk reached.
            let h = &unsafe { at(p) }.header;
            if !h.flag(FREEZE_ROOT) {
                self.outside -= 1; // a reference from inside the graph
            }
            if !h.mark.load(Relaxed) {
                self.discover(p, v, req)?;
                continue;
            }
            let n = h.aux_number();
            if n & DONE == 0 {
                // A pending object: everything on the path from it to `v` is one
                // component, and this reference is inside it.
                while self.bounds.last().is_some_and(|&(b, _)| b > n) {
                    let (_, count) = self.bounds.pop().expect("checked above");
                    self.bounds.last_mut().expect("n's bound is below").1 += count;
                }
                self.bounds.last_mut().expect("n's bound").1 -= 1;
            }
            // Else `p`'s component is complete and this reference is counted in it.
        }
        Ok(())
    }

    /// Visits `p` for the first time: checks it, logs it, and queues its references.
    fn discover(
        &mut self,
        p: NonNull<ObjBox>,
        parent: usize,
        req: &Request<'_>,
    ) -> Result<(), Refusal> {
        // SAFETY: `p` is a root, a member of a reached region, or read from a reached body.
        let obj = unsafe { at(p) };
        let h = &obj.header;
        let root = h.flag(FREEZE_ROOT);
        let start = self.edges.len();
        let edges = &mut self.edges;
        let (refused, hook) = obj.read(|body| {
            if let Some(reason) = refusal(obj, body, root, req.policy.classes) {
                return (Some(reason), false);
            }
            let hook = req.pre_freeze && h.is_local() && wants_hook(obj, body);
            if !hook {
                body.for_each_ref(|r| {
                    if !r.obj().header.is_frozen() {
                        edges.push(r.ptr());
                    }
                });
            }
            (None, hook)
        });
        if let Some(reason) = refused {
            return Err(self.not_freezable(p, parent, reason));
        }
        let idx = self.log.len();
        let word = h.word();
        self.log.push(Entry {
            obj: p,
            aux: h.aux_number(),
            parent: u32::try_from(parent).unwrap_or(NO_PARENT),
            local: word == Word::Local,
        });
        h.mark.store(true, Relaxed);
        h.set_aux_number(idx);
        if hook {
            self.hooks.push(idx);
        }
        if let Word::Region(_) = word {
            self.regional = true;
            if let Some(members) = region::members_if_bridge(obj) {
                self.extra.extend(members.into_iter().map(|m| (m, idx)));
            }
        }
        let count = h.rc.load(Relaxed);
        if !root {
            self.outside += count as isize;
        }
        self.pending.push(idx);
        self.bounds.push((idx, count));
        self.frames.push((idx, start));
        Ok(())
    }

    /// All of `v`'s references have been followed.
    fn finish(&mut self, v: usize) {
        let &(bound, count) = self.bounds.last().expect("v's bound is on the stack");
        if bound == v {
            // `v` starts a component: it and everything pending above it.
            self.bounds.pop();
            let id = self.components.len();
            loop {
                let x = self.pending.pop().expect("v is pending");
                // SAFETY: a logged object.
                unsafe { at(self.log[x].obj) }
                    .header
                    .set_aux_number(DONE | id);
                self.order.push(x);
                if x == v {
                    break;
                }
            }
            self.components.push((self.order.len(), count));
        } else if !self.frames.is_empty() {
            // `v` is in its parent's component: the reference that reached it is inside.
            self.bounds.last_mut().expect("checked above").1 -= 1;
        }
    }

    /// The refusal for reaching `p`, which may not be frozen — unless hooks met before it
    /// must run first (PEP 795 runs each hook as the walk meets its object).
    fn not_freezable(&self, p: NonNull<ObjBox>, parent: usize, reason: &'static str) -> Refusal {
        if !self.hooks.is_empty() {
            return self.hooks_first();
        }
        let mut path = vec![describe(p)];
        let mut at_entry = parent;
        while at_entry != NO_PARENT as usize {
            let e = &self.log[at_entry];
            path.push(describe(e.obj));
            at_entry = e.parent as usize;
        }
        path.reverse();
        Refusal::NotFreezable {
            obj: describe(p),
            reason,
            path,
        }
    }

    /// The hooks to run before freezing again.
    fn hooks_first(&self) -> Refusal {
        Refusal::PreFreeze(
            self.hooks
                .iter()
                // SAFETY: a logged object, live and on this thread.
                .map(|&i| unsafe { ObjRef::share(self.log[i].obj) })
                .collect(),
        )
    }

    /// Makes every walked object frozen: out of the registry or its region's books, then
    /// each component's state words and count.
    fn commit(&mut self) -> Result<(), Refusal> {
        let plan = if self.regional {
            // Region books are kept by slot: members get theirs back first.
            let members: Vec<&ObjBox> = self
                .log
                .iter()
                .filter(|e| !e.local)
                .map(|e| {
                    // SAFETY: a logged object.
                    let obj = unsafe { at(e.obj) };
                    obj.header.set_aux_number(e.aux);
                    obj
                })
                .collect();
            let plan = region::plan_freeze(&members).map_err(Refusal::Object)?;
            region::leave_for_freeze(&plan);
            Some(plan)
        } else {
            None
        };
        reclaim::unregister_slots(self.log.iter().filter(|e| e.local).map(|e| e.aux));
        let mut start = 0;
        for &(end, count) in &self.components {
            let members = &self.order[start..end];
            let root = self.log[members[0]].obj;
            for &x in members {
                // SAFETY: a logged object.
                let h = &unsafe { at(self.log[x].obj) }.header;
                h.set_frozen(root.as_ptr());
                h.rc.store(0, Relaxed);
                h.set_aux_number(0);
                h.mark.store(false, Relaxed);
            }
            // SAFETY: a logged object.
            let root_header = &unsafe { at(root) }.header;
            root_header.rc.store(count, Relaxed);
            if members.len() > 1 {
                let list: Vec<NonNull<ObjBox>> = members.iter().map(|&x| self.log[x].obj).collect();
                root_header.swap_member_list(Box::into_raw(Box::new(list)));
            }
            start = end;
        }
        if let Some(plan) = plan {
            region::end_frozen(plan);
        }
        Ok(())
    }

    /// Restores every walked object's header as it was.
    fn undo(&self) {
        for e in &self.log {
            // SAFETY: a logged object.
            let h = &unsafe { at(e.obj) }.header;
            h.set_aux_number(e.aux);
            h.mark.store(false, Relaxed);
        }
    }

    /// Empties the scratch for the next freeze, freeing what a large one grew.
    fn reset(&mut self) {
        if self.log.capacity() > KEEP {
            *self = Walk::default();
            return;
        }
        self.log.clear();
        self.pending.clear();
        self.bounds.clear();
        self.frames.clear();
        self.edges.clear();
        self.order.clear();
        self.components.clear();
        self.extra.clear();
        self.hooks.clear();
        self.regional = false;
        self.outside = 0;
    }
}

/// Why `obj` may not be frozen by this freeze, if it may not (semantics §4): its own
/// status, else one set on its class (PEP 795's lookup order); a class's *default*
/// (explicit) concerns the class object alone.
fn refusal(obj: &ObjBox, body: &Body, root: bool, classes: ClassPolicy) -> Option<&'static str> {
    let kind = obj.header.kind;
    let status = obj.header.freezable().or_else(|| match body {
        Body::Instance { class, .. } if kind == Kind::Instance => class.obj().header.freezable(),
        _ => None,
    });
    match status {
        Some(Freezable::No) => Some("it is FREEZABLE_NO"),
        Some(Freezable::Explicit) if !root => {
            Some("it is FREEZABLE_EXPLICIT: it freezes only when passed to freeze() directly")
        }
        None if kind == Kind::Class && classes == ClassPolicy::Explicit && !root => Some(
            "classes freeze only explicitly: pass the class to freeze() too (freeze(obj, type(obj))) or use @frozen",
        ),
        _ => None,
    }
}

/// `obj` is an instance whose class defines `__pre_freeze__`, and its hook has not been
/// claimed.
fn wants_hook(obj: &ObjBox, body: &Body) -> bool {
    match body {
        Body::Instance { class, .. }
            if obj.header.kind == Kind::Instance && !obj.header.flag(PRE_FREEZE_RAN) =>
        {
            class_defines(class.obj(), PRE_FREEZE)
        }
        _ => false,
    }
}

/// `class` or one of its bases has an attribute `name`.
fn class_defines(class: &ObjBox, name: &str) -> bool {
    class.read(|b| match b {
        Body::Class(c) => {
            c.attrs.contains_key(name) || c.bases.iter().any(|b| class_defines(b.obj(), name))
        }
        _ => false,
    })
}

/// Describes a walked object (error paths only).
fn describe(p: NonNull<ObjBox>) -> ObjDesc {
    // SAFETY: reached by the walk: live and on this thread.
    unsafe { ObjRef::share(p) }.describe()
}
