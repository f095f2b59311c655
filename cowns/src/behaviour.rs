//! Behaviours: `when(cowns, f)` runs `f` on a worker once it holds every cown; `wait`
//! takes a cown's content back to the calling thread (RFC-0005 §3–§4).
//!
//! Scheduling is two-phase locking over the cowns in id order: a new behaviour is appended
//! to the queue of every cown it names while all of them are locked, so any two
//! behaviours sharing cowns are queued in the same order on each; it runs when it heads
//! every queue (a count of the queues it still waits in reaches zero), and on completion
//! it leaves every queue, which may make the next behaviour ready.

use std::cell::RefCell;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};

use floe_regions::Region;

use crate::cown::{Content, Cown, Live};
use crate::error::CownError;
use crate::scheduler::{current_worker, submit};

/// A user behaviour's code: it gets the cowns it named and returns its result.
type Code = Box<dyn FnOnce(&mut [Held]) -> Result<Live, CownError> + Send>;

/// What a behaviour does once it holds its cowns.
enum Body {
    /// A user behaviour, over the cowns it named (in the caller's order).
    Run(Code),
    /// `wait`: move the content of the one cown named to the waiting thread.
    Take(mpsc::Sender<Content>),
    /// The gate of a pending hand-off: it heads the cown's queue until the content
    /// arrives, and does nothing once it runs.
    Gate,
}

pub(crate) struct Behaviour {
    /// Every cown it holds, sorted by id, without duplicates; the result cown included.
    cowns: Vec<Cown>,
    /// The cowns the caller named, deduplicated, in the caller's order.
    named: Vec<Cown>,
    result: Option<Cown>,
    body: Mutex<Option<Body>>,
    /// Queues it still waits in, plus one while it is being queued.
    waiting: AtomicUsize,
}

/// A cown a running behaviour holds: its content, live on the worker's thread.
pub struct Held {
    cown: Cown,
    live: Live,
}

impl Held {
    /// The cown.
    pub fn cown(&self) -> &Cown {
        &self.cown
    }

    /// Its content.
    pub fn get(&self) -> &Live {
        &self.live
    }

    /// Replaces its content (it must be sendable when the behaviour ends).
    pub fn set(&mut self, content: Live) {
        self.live = content;
    }

    /// Takes its content, leaving `None`.
    pub fn take(&mut self) -> Live {
        std::mem::replace(&mut self.live, Live::Empty)
    }
}

thread_local! {
    /// Regions behaviours on this worker left open, by cown id (RFC-0005 §5).
    static STRANDED: RefCell<HashMap<u64, Region>> = RefCell::new(HashMap::new());
}

/// Schedules `f` to run on a worker once it holds every cown in `cowns`; returns the
/// cown that will hold its result. Behaviours on a shared cown run in the order they
/// were scheduled; on disjoint cowns, in parallel; whatever order the cowns are named
/// in, there is no deadlock. `f` gets one [`Held`] per distinct cown, in the order named.
///
/// When `f` returns, every region it holds (and its result) must be closed: otherwise
/// the result cown carries [`CownError::Isolation`] and the region stays, intact, on the
/// worker (RFC-0005 §5).
///
/// # Examples
/// ```
/// use floe_core::Value;
/// use floe_cowns::{wait, when, Cown, Live};
///
/// let c = Cown::new(Live::Frozen(Value::Int(20))).unwrap();
/// let doubled = when(&[&c], |held| match held[0].get().frozen() {
///     Some(Value::Int(i)) => Live::Frozen(Value::Int(i * 2)),
///     _ => Live::Empty,
/// });
/// assert!(matches!(wait(&doubled).unwrap(), Live::Frozen(Value::Int(40))));
/// ```
pub fn when(cowns: &[&Cown], f: impl FnOnce(&mut [Held]) -> Live + Send + 'static) -> Cown {
    try_when(cowns, move |held| Ok(f(held)))
}

/// As [`when`], for a behaviour that can fail: an `Err` becomes the result cown's error
/// (what `wait` returns), and the cowns keep their contents, checked as after any hold.
/// The interpreter carries a Python exception this way ([`CownError::Raised`]).
pub fn try_when(
    cowns: &[&Cown],
    f: impl FnOnce(&mut [Held]) -> Result<Live, CownError> + Send + 'static,
) -> Cown {
    let result = Cown::empty();
    let mut named: Vec<Cown> = Vec::new();
    for c in cowns {
        if !named.iter().any(|n| n.ptr_eq(c)) {
            named.push((*c).clone());
        }
    }
    schedule(named, Some(result.clone()), Body::Run(Box::new(f)), 0);
    result
}

/// Behaviours scheduled and not yet finished, process-wide, for [`quiesce`]; the lock
/// and condition variable are touched only when the count reaches zero.
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);
static QUIET: (Mutex<()>, std::sync::Condvar) = (Mutex::new(()), std::sync::Condvar::new());

/// Blocks until every behaviour scheduled so far (and any they schedule) has run: what a
/// program does before it exits, so that no scheduled work is lost.
///
/// # Errors
/// [`CownError::WaitInBehaviour`] on a worker.
pub fn quiesce() -> Result<(), CownError> {
    if current_worker().is_some() {
        return Err(CownError::WaitInBehaviour);
    }
    let mut guard = QUIET.0.lock().unwrap_or_else(|e| e.into_inner());
    // The last behaviour to finish takes this lock before it notifies, so a zero it
    // writes after this check is always followed by a wake-up.
    while IN_FLIGHT.load(Ordering::Acquire) > 0 {
        guard = QUIET.1.wait(guard).unwrap_or_else(|e| e.into_inner());
    }
    Ok(())
}

/// Queues a behaviour on its cowns. `held` extra counts keep it from running until they
/// are released too (a hand-off's gate holds one); the behaviour is returned for that.
fn schedule(named: Vec<Cown>, result: Option<Cown>, body: Body, held: usize) -> Arc<Behaviour> {
    IN_FLIGHT.fetch_add(1, Ordering::AcqRel);
    let mut cowns: Vec<Cown> = named.iter().cloned().chain(result.clone()).collect();
    cowns.sort_by_key(Cown::id);
    let b = Arc::new(Behaviour {
        waiting: AtomicUsize::new(cowns.len() + 1 + held),
        cowns,
        named,
        result,
        body: Mutex::new(Some(body)),
    });
    // Phase one: every queue at once, locks taken in id order.
    let mut heads = 0;
    {
        let mut guards: Vec<_> = b.cowns.iter().map(Cown::lock).collect();
        for g in &mut guards {
            g.queue.push_back(Arc::clone(&b));
            heads += usize::from(g.queue.len() == 1);
        }
    }
    release(&b, heads + 1);
    b
}

/// Counts `n` queues as acquired; the last acquirer submits the behaviour.
fn release(b: &Arc<Behaviour>, n: usize) {
    if b.waiting.fetch_sub(n, Ordering::AcqRel) == n {
        let pinned = b.cowns.iter().find_map(|c| match c.lock().content {
            Content::Stranded { worker } => Some(worker),
            _ => None,
        });
        submit(Arc::clone(b), pinned);
    }
}

/// Runs a ready behaviour on worker `worker`, then hands its cowns on.
pub(crate) fn run(b: Arc<Behaviour>, worker: usize) {
    let body = b
        .body
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take()
        .expect("a behaviour runs once");
    match body {
        Body::Take(tx) => take(&b.named[0], tx, worker),
        Body::Gate => {}
        Body::Run(f) => {
            let outcome = run_body(&b.named, f, worker);
            if let Some(r) = &b.result {
                r.lock().content = outcome;
            }
        }
    }
    // Phase two: leave every queue; the next behaviour of each may be ready.
    for c in &b.cowns {
        let next = {
            let mut g = c.lock();
            let done = g
                .queue
                .pop_front()
                .expect("the running behaviour heads its queues");
            debug_assert!(Arc::ptr_eq(&done, &b));
            g.queue.front().cloned()
        };
        if let Some(next) = next {
            release(&next, 1);
        }
    }
    if IN_FLIGHT.fetch_sub(1, Ordering::AcqRel) == 1 {
        let _guard = QUIET.0.lock().unwrap_or_else(|e| e.into_inner());
        QUIET.1.notify_all();
    }
}

/// Moves a cown's content out for `wait`: a region moves (the cown keeps `None`), a
/// frozen value or cown is copied, an error is reported (and kept).
fn take(c: &Cown, tx: mpsc::Sender<Content>, worker: usize) {
    let mut g = c.lock();
    let out = match &g.content {
        Content::Empty => Content::Empty,
        Content::Frozen(v) => Content::Frozen(v.clone()),
        Content::Cown(c) => Content::Cown(c.clone()),
        Content::Error(e) => Content::Error(e.clone()),
        Content::Region(_) => std::mem::replace(&mut g.content, Content::Empty),
        Content::Stranded { .. } => {
            let region = STRANDED.with(|s| s.borrow_mut().remove(&c.id()));
            match region.map(|r| Live::Region(r).into_content()) {
                Some(Ok(content)) => {
                    g.content = Content::Empty;
                    content
                }
                Some(Err((e, Live::Region(r)))) => {
                    STRANDED.with(|s| s.borrow_mut().insert(c.id(), r));
                    Content::Error(e)
                }
                _ => Content::Error(CownError::Stranded { worker }),
            }
        }
    };
    drop(g);
    let _ = tx.send(out);
}

/// Takes the named cowns' contents, runs `f`, puts the contents back (or strands an open
/// region), and returns what the result cown gets.
fn run_body(named: &[Cown], f: Code, worker: usize) -> Content {
    let mut held = Vec::with_capacity(named.len());
    let mut failure = None;
    for c in named {
        let content = std::mem::replace(&mut c.lock().content, Content::Empty);
        let live = match content {
            Content::Stranded { worker: w } if w == worker => {
                match STRANDED.with(|s| s.borrow_mut().remove(&c.id())) {
                    Some(r) => Live::Region(r),
                    None => {
                        failure.get_or_insert(CownError::Stranded { worker: w });
                        Live::Empty
                    }
                }
            }
            other => match other.into_live() {
                Ok(live) => live,
                Err(e) => {
                    // Keep what could not be taken where it was.
                    c.lock().content = match &e {
                        CownError::Stranded { worker } => Content::Stranded { worker: *worker },
                        other => Content::Error(other.clone()),
                    };
                    failure.get_or_insert(e);
                    held.push(None);
                    continue;
                }
            },
        };
        held.push(Some(Held {
            cown: c.clone(),
            live,
        }));
    }
    let mut outcome = match failure {
        Some(e) => Err(e),
        None => {
            let mut ready: Vec<Held> = held.iter_mut().map(|h| h.take().expect("taken")).collect();
            let r = catch_unwind(AssertUnwindSafe(|| f(&mut ready)));
            held = ready.into_iter().map(Some).collect();
            r.map_err(|p| CownError::Panicked {
                message: p
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| p.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "(no message)".to_string()),
            })
            .and_then(|r| r)
        }
    };
    // The hold ends: every content goes back, checked.
    for h in held.into_iter().flatten() {
        let Held { cown, live } = h;
        let content = match live.into_content() {
            Ok(content) => content,
            Err((e, live)) => {
                if let Live::Region(r) = live {
                    STRANDED.with(|s| s.borrow_mut().insert(cown.id(), r));
                }
                if outcome.is_ok() {
                    outcome = Err(e);
                }
                Content::Stranded { worker }
            }
        };
        cown.lock().content = content;
    }
    match outcome {
        Ok(result) => match result.into_content() {
            Ok(content) => content,
            Err((e, _)) => Content::Error(e),
        },
        Err(e) => Content::Error(e),
    }
}

/// A cown whose content is still on its way (semantics §6: `Cown(r)` made while its
/// maker still references `r`): behaviours on the cown queue up, and wait, until
/// [`Handoff::complete`] delivers the content or [`Handoff::fail`] gives up. Dropping the
/// hand-off fails it.
pub struct Handoff {
    cown: Cown,
    gate: Option<Arc<Behaviour>>,
}

impl Cown {
    /// A cown whose content will be handed over later, and the hand-off to do it with.
    pub fn pending() -> (Cown, Handoff) {
        let cown = Cown::empty();
        // It heads the new cown's queue; the one count held back is the hand-off itself.
        let gate = schedule(vec![cown.clone()], None, Body::Gate, 1);
        let handoff = Handoff {
            cown: cown.clone(),
            gate: Some(gate),
        };
        (cown, handoff)
    }
}

impl Handoff {
    /// The cown being filled.
    pub fn cown(&self) -> &Cown {
        &self.cown
    }

    /// Delivers the content, checked as [`Cown::new`] checks it; the behaviours waiting
    /// on the cown may then run.
    ///
    /// # Errors
    /// [`CownError::Isolation`] with the content and the hand-off back, unchanged.
    #[allow(clippy::result_large_err)]
    pub fn complete(mut self, content: Live) -> Result<(), (CownError, Live, Handoff)> {
        match content.into_content() {
            Ok(content) => {
                self.cown.lock().content = content;
                self.open_gate();
                Ok(())
            }
            Err((e, live)) => Err((e, live, self)),
        }
    }

    /// Gives up: the cown holds `error` (what `wait` on it returns), and the behaviours
    /// waiting on it run and find it.
    pub fn fail(mut self, error: CownError) {
        self.cown.lock().content = Content::Error(error);
        self.open_gate();
    }

    fn open_gate(&mut self) {
        if let Some(gate) = self.gate.take() {
            release(&gate, 1);
        }
    }
}

impl Drop for Handoff {
    fn drop(&mut self) {
        if self.gate.is_some() {
            self.cown.lock().content = Content::Error(CownError::Isolation {
                reason: "the region promised to this cown was never handed over".into(),
            });
            self.open_gate();
        }
    }
}

/// `true` if [`wait`]`(c)` would have to wait for `pending` (a cown with a hand-off not
/// yet completed): some behaviour queued on `c`, or ahead of one of those on any of its
/// cowns, transitively, holds `pending`. The thread that owes `pending` its content must
/// not wait for it.
pub fn waits_for(c: &Cown, pending: &Cown) -> bool {
    let mut seen: Vec<*const Behaviour> = Vec::new();
    let mut todo: Vec<Arc<Behaviour>> = c.lock().queue.iter().cloned().collect();
    if c.ptr_eq(pending) {
        return true;
    }
    while let Some(b) = todo.pop() {
        if seen.contains(&Arc::as_ptr(&b)) {
            continue;
        }
        seen.push(Arc::as_ptr(&b));
        for x in &b.cowns {
            if x.ptr_eq(pending) {
                return true;
            }
            let q = x.lock();
            let ahead = q.queue.iter().take_while(|y| !Arc::ptr_eq(y, &b));
            todo.extend(ahead.cloned());
        }
    }
    false
}

/// `true` on a worker thread, inside a behaviour.
pub fn in_behaviour() -> bool {
    current_worker().is_some()
}

/// Blocks until every behaviour scheduled on `c` so far has run, then returns its
/// content: a region moves to the caller (the cown keeps `None`); a frozen value or cown
/// is shared. For a result cown, this waits for the behaviour that fills it.
///
/// # Errors
/// What the behaviour that filled the cown failed with ([`CownError::Panicked`],
/// [`CownError::Isolation`], [`CownError::Raised`]); [`CownError::WaitInBehaviour`] on a
/// worker.
pub fn wait(c: &Cown) -> Result<Live, CownError> {
    if current_worker().is_some() {
        return Err(CownError::WaitInBehaviour);
    }
    let (tx, rx) = mpsc::channel();
    schedule(vec![c.clone()], None, Body::Take(tx), 0);
    rx.recv()
        .expect("the worker answers every wait")
        .into_live()
}
