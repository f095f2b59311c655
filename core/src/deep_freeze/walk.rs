//! The walk (RFC-0003 §3): one depth-first pass that checks, groups into components and
//! counts; then either a commit from the log or an undo from the log.
//!
//! Components are found with Tarjan's algorithm, made iterative: each frame of the path
//! carries its object's lowest reachable preorder number and the count summed so far for
//! the component it is in, which flows to the parent's frame when the object turns out not
//! to start a component. While an object is being walked its header's `mark` bit is set
//! and its `aux` word holds its preorder number (its index in the log) until its component
//! is complete, then [`DONE`]. The log keeps the `aux` word each object had (a registry or
//! member-list slot), which is all an undo restores: state words and counts are only
//! written by the commit.
//!
//! (Keeping the "complete" bit in the log instead saves a header write per object when a
//! component completes, but costs a random read of the log on every reference to an
//! object already reached: measured slower on dense graphs, RFC-0003 §3.)

use std::ptr::NonNull;
use std::sync::atomic::Ordering::Relaxed;

use super::{aliases, AliasPolicy, ClassPolicy, Refusal, Request};
use crate::body::Body;
use crate::header::{Component, Word, FREEZE_ROOT, PRE_FREEZE_RAN};
use crate::raw::{ObjBox, ObjRef};
use crate::{reclaim, region, Freezable, Kind, ObjDesc};

/// `aux` of an object whose component is complete (preorder numbers are below it).
const DONE: usize = 1 << (usize::BITS - 1);
/// The parent of an object the walk started from (a root, or a member of a region whose
/// bridge it reached).
const NO_PARENT: u32 = u32::MAX;
/// The hook PEP 795 calls on each object before it is frozen.
const PRE_FREEZE: &str = "__pre_freeze__";

/// How far below the top of the queue of references [`prefetch`] reads ahead.
const LOOKAHEAD: usize = 8;

/// Asks the processor to bring the header at `p` into cache (a hint: no access is made).
#[inline(always)]
fn prefetch(p: NonNull<ObjBox>) {
    // SAFETY: a prefetch never faults and accesses no memory (any address is allowed), and
    // SSE is part of the x86_64 baseline.
    #[cfg(target_arch = "x86_64")]
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.as_ptr().cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

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

/// One object on the path.
struct Frame {
    /// Its preorder number.
    v: u32,
    /// Where its references start in `Walk::edges`.
    start: u32,
    /// The lowest preorder number of a pending object it reaches (Tarjan's lowlink).
    low: u32,
    /// The counts of the objects it has brought into its component (itself, and the
    /// descendants that do not start one), less the references inside the component seen
    /// from them so far. A reference is subtracted where it is seen, which may be before
    /// its target's count has flowed in, so a frame's sum may dip below zero: it is kept
    /// modulo 2^64 (wrapping), and the component's total, at its first object, is exact.
    count: usize,
}

/// The walk stopped: the refusal is in `Walk::refusal`.
struct Stop;

/// The walk's state. Kept per thread between freezes so that a small freeze allocates
/// nothing.
#[derive(Default)]
struct Walk {
    log: Vec<Entry>,
    /// Objects whose component is not complete yet, in preorder (Tarjan's stack).
    pending: Vec<u32>,
    /// The path from the object the walk started from.
    frames: Vec<Frame>,
    /// References still to follow, of every object on the path.
    edges: Vec<NonNull<ObjBox>>,
    /// The objects in component order.
    order: Vec<u32>,
    /// Each component's end in `order`, and its count.
    components: Vec<(usize, usize)>,
    /// Members of regions whose bridge the walk reached, to walk from next (with the
    /// bridge's entry).
    extra: Vec<(NonNull<ObjBox>, usize)>,
    /// Some visited object is a region member.
    regional: bool,
    /// Why the walk stopped, when it did.
    refusal: Option<Refusal>,
    /// References to non-root objects of the graph from outside it: their counts, less
    /// the references from inside.
    outside: isize,
}

thread_local! {
    static SCRATCH: std::cell::Cell<Option<Box<Walk>>> = const { std::cell::Cell::new(None) };
}

/// Scratch capacity (log entries) a thread always keeps after a freeze. More is kept only
/// while freezes stay within a quarter of it: a thread that freezes large graphs over and
/// over reuses its scratch instead of faulting fresh pages in each time, and one large
/// freeze followed by small ones gives the memory back.
const KEEP: usize = 1 << 14;

/// Runs one freeze (see [`super::deep_freeze`]).
pub(super) fn run(req: &Request<'_>) -> Result<usize, (Refusal, usize)> {
    let mut walk = SCRATCH.with(std::cell::Cell::take).unwrap_or_default();
    for r in req.roots {
        if !r.is_frozen() {
            r.obj().header.set_flag(FREEZE_ROOT, true);
        }
    }
    let mut outcome = walk
        .walk_all(req)
        .map_err(|Stop| walk.refusal.take().expect("a stopped walk says why"));
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
    fn walk_all(&mut self, req: &Request<'_>) -> Result<(), Stop> {
        for r in req.roots {
            self.walk_from(r.ptr(), NO_PARENT as usize, req)?;
        }
        while let Some((p, bridge)) = self.extra.pop() {
            self.walk_from(p, bridge, req)?;
        }
        Ok(())
    }

    /// Walks everything not walked yet that `p` reaches.
    fn walk_from(
        &mut self,
        p: NonNull<ObjBox>,
        parent: usize,
        req: &Request<'_>,
    ) -> Result<(), Stop> {
        // SAFETY: a root (the caller holds it) or a member of a region the walk reached.
        let h = &unsafe { at(p) }.header;
        if h.mark.load(Relaxed) || h.is_frozen() {
            return Ok(());
        }
        self.discover(p, parent, req)?;
        while let Some(top) = self.frames.last_mut() {
            if self.edges.len() == top.start as usize {
                let done = self.frames.pop().expect("the top frame");
                self.finish(done);
                continue;
            }
            let v = top.v as usize;
            let p = self.edges.pop().expect("above the top frame's start");
            // Prefetch the header of a reference queued further down: a deep walk pops
            // queued references long after it pushed them, from all over the heap, and
            // this overlaps that miss with the work on this one.
            if let Some(i) = self.edges.len().checked_sub(LOOKAHEAD) {
                prefetch(self.edges[i]);
            }
            // SAFETY: read from the body of `v`, which the walk reached.
            let h = &unsafe { at(p) }.header;
            if h.is_frozen() {
                continue; // its component already counts this reference
            }
            if !h.flag(FREEZE_ROOT) {
                self.outside -= 1; // a reference from inside the graph
            }
            if !h.mark.load(Relaxed) {
                self.discover(p, v, req)?;
                continue;
            }
            let n = h.aux_number();
            if n & DONE == 0 {
                // A pending object: its component's first object is on the path, so `v`
                // is in that component too, and this reference is inside it.
                let top = self.frames.last_mut().expect("v's frame");
                top.low = top.low.min(n as u32);
                top.count = top.count.wrapping_sub(1);
            }
            // Else its component is complete, and counts this reference.
        }
        Ok(())
    }

    /// Visits `p` for the first time: checks it, logs it, and queues its references.
    #[inline]
    fn discover(
        &mut self,
        p: NonNull<ObjBox>,
        parent: usize,
        req: &Request<'_>,
    ) -> Result<(), Stop> {
        // SAFETY: `p` is a root, a member of a reached region, or read from a reached body.
        let obj = unsafe { at(p) };
        let h = &obj.header;
        let root = h.flag(FREEZE_ROOT);
        let start = self.edges.len();
        let idx = self.log.len();
        // Indices are kept as u32 (a smaller scratch is a faster walk).
        let (Ok(idx32), Ok(start32)) = (u32::try_from(idx), u32::try_from(start)) else {
            return Err(self.not_freezable(
                p,
                parent,
                "the graph is larger than one freeze can walk (2^32 objects)",
            ));
        };
        let edges = &mut self.edges;
        // SAFETY: the closure only reads the body and pushes to the walk's own queue: it
        // reaches no Floe object's body, so none can be written while it runs.
        let (refused, hook) = unsafe {
            obj.read_unflagged(|body| {
                if let Some(reason) = refusal(obj, body, root, req.policy.classes) {
                    return (Some(reason), false);
                }
                let hook = req.pre_freeze && wants_hook(obj, body);
                if !hook {
                    // Frozen targets are skipped when popped: testing them here would read
                    // each target's header twice, far apart in a deep walk. Prefetching
                    // starts the misses early (the last one is popped next).
                    let mut queue = |r: &ObjRef| {
                        prefetch(r.ptr());
                        edges.push(r.ptr());
                    };
                    // Sequences inline (most of what a large graph is made of); the rest
                    // through the body's own visitor.
                    match body {
                        Body::List(items) => queue_refs(items, &mut queue),
                        Body::Tuple(items) => queue_refs(items, &mut queue),
                        _ => body.for_each_ref(queue),
                    }
                }
                (None, hook)
            })
        };
        if let Some(reason) = refused {
            return Err(self.not_freezable(p, parent, reason));
        }
        if hook {
            // Its hook must run before the walk may look inside it.
            // SAFETY: reached by the walk: live, and on this thread.
            self.refusal = Some(Refusal::PreFreeze(unsafe { ObjRef::share(p) }));
            return Err(Stop);
        }
        let word = h.word();
        self.log.push(Entry {
            obj: p,
            aux: h.aux_number(),
            parent: parent as u32, // an index into the log, or NO_PARENT
            local: word == Word::Local,
        });
        h.mark.store(true, Relaxed);
        h.set_aux_number(idx);
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
        self.pending.push(idx32);
        self.frames.push(Frame {
            v: idx32,
            start: start32,
            low: idx32,
            count,
        });
        Ok(())
    }

    /// All of `done`'s references have been followed.
    fn finish(&mut self, done: Frame) {
        if done.low == done.v {
            // `done` starts a component: it and everything pending above it.
            let at_start = self.order.len();
            loop {
                let x = self.pending.pop().expect("done is pending");
                // SAFETY: a logged object.
                unsafe { at(self.log[x as usize].obj) }
                    .header
                    .set_aux_number(DONE);
                self.order.push(x);
                if x == done.v {
                    break;
                }
            }
            debug_assert!(self.order.len() > at_start);
            self.components.push((self.order.len(), done.count));
        } else {
            // `done` is in its parent's component (its lowlink is below it, so on the
            // path): so is the reference that reached it, which is inside.
            let parent = self
                .frames
                .last_mut()
                .expect("a pending object has a parent");
            parent.low = parent.low.min(done.low);
            parent.count = parent.count.wrapping_add(done.count).wrapping_sub(1);
        }
    }

    /// The refusal for reaching `p`, which may not be frozen.
    fn not_freezable(&mut self, p: NonNull<ObjBox>, parent: usize, reason: &'static str) -> Stop {
        self.refusal = Some(self.refusal_for(p, parent, reason));
        Stop
    }

    fn refusal_for(&self, p: NonNull<ObjBox>, parent: usize, reason: &'static str) -> Refusal {
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
            let root = self.log[members[0] as usize].obj;
            for (i, &x) in members.iter().enumerate() {
                // Members are in completion order, not address order: prefetch ahead.
                if let Some(&ahead) = self.order.get(start + i + LOOKAHEAD) {
                    prefetch(self.log[ahead as usize].obj);
                }
                // SAFETY: a logged object.
                unsafe { at(self.log[x as usize].obj) }
                    .header
                    .seal_member(root.as_ptr());
            }
            let list = (members.len() > 1)
                .then(|| members.iter().map(|&x| self.log[x as usize].obj).collect());
            // SAFETY: a logged object.
            unsafe { at(root) }.header.seal_root(count, list);
            start = end;
        }
        if let Some(plan) = plan {
            region::end_frozen(plan);
        }
        // A component nothing references (garbage a region held, frozen with it) is
        // freed now, not leaked.
        let mut start = 0;
        for &(end, count) in &self.components {
            if count == 0 {
                let root = self.log[self.order[start] as usize].obj;
                reclaim::schedule(reclaim::Pending::Component(Component::Root(
                    root.as_ptr().cast_const(),
                )));
            }
            start = end;
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
        if self.log.capacity() > KEEP.max(4 * self.log.len()) {
            *self = Walk::default();
            return;
        }
        self.log.clear();
        self.pending.clear();
        self.frames.clear();
        self.edges.clear();
        self.order.clear();
        self.components.clear();
        self.extra.clear();
        self.regional = false;
        self.refusal = None;
        self.outside = 0;
    }
}

/// Calls `queue` on each object among `items`.
#[inline(always)]
fn queue_refs(items: &[crate::Value], queue: &mut impl FnMut(&ObjRef)) {
    for v in items {
        if let crate::Value::Obj(o) = v {
            queue(o);
        }
    }
}

/// Why `obj` may not be frozen by this freeze, if it may not (semantics §4): its own
/// status, else one set on its class (PEP 795's lookup order); a class's *default*
/// (explicit) concerns the class object alone.
pub(super) fn refusal(
    obj: &ObjBox,
    body: &Body,
    root: bool,
    classes: ClassPolicy,
) -> Option<&'static str> {
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

/// `obj` is a local instance whose class defines `__pre_freeze__`, and its hook has not
/// been claimed.
pub(super) fn wants_hook(obj: &ObjBox, body: &Body) -> bool {
    match body {
        Body::Instance { class, .. }
            if obj.header.kind == Kind::Instance
                && obj.header.is_local()
                && !obj.header.flag(PRE_FREEZE_RAN) =>
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
