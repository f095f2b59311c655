//! Behaviours: `when(cowns, f)` runs `f` on a worker once it holds every cown; `wait`
//! takes a cown's content back to the calling thread (RFC-0005 §3–§4). The protocol that
//! orders them is [`crate::raw`]'s; this module is what a behaviour does once it holds
//! its cowns: take their contents, run the body, contain its failures, put the contents
//! back checked.
#![forbid(unsafe_code)]

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::marker::PhantomData;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use floe_regions::Region;
use smallvec::SmallVec;

use crate::cown::{Content, Cown, Live};
use crate::error::CownError;
use crate::raw::{self, Access, Hold};
use crate::scheduler::{current_worker, idle, note_scheduled, run_here, submit};

/// A cown a running behaviour holds: its content, live on the worker's thread.
pub struct Held<'a> {
    cown: &'a Cown,
    live: Live,
}

impl Held<'_> {
    /// The cown.
    pub fn cown(&self) -> &Cown {
        self.cown
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
    /// Hand-offs this thread still owes their content ([`Cown::pending`]).
    static OPEN_HANDOFFS: Cell<usize> = const { Cell::new(0) };
}

/// The cowns of a behaviour, kept inline up to three (two cowns and a result cown).
type Cowns<'a> = SmallVec<[&'a Cown; 3]>;

/// The distinct cowns in `cowns`, in the order given.
fn distinct<'a>(cowns: &[&'a Cown]) -> Cowns<'a> {
    let mut out = Cowns::new();
    for &c in cowns {
        if !out.iter().any(|n| n.ptr_eq(c)) {
            out.push(c);
        }
    }
    out
}

/// Schedules `body` on `cowns` through the protocol, counted for [`quiesce`].
fn schedule<F>(cowns: &[&Cown], held: usize, body: F) -> Option<Hold>
where
    F: FnOnce(&mut Access<'_>) + Send + 'static,
{
    note_scheduled();
    raw::schedule(cowns, held, body, &mut submit)
}

/// Schedules `f` to run on a worker once it holds every cown in `cowns`. Behaviours on
/// a shared cown run in the order they were scheduled; on disjoint cowns, in parallel;
/// whatever order the cowns are named in, there is no deadlock. `f` gets one [`Held`]
/// per distinct cown, in the order named. No result cown is made: use [`try_when`] to
/// get the result (or the failure) back.
///
/// When `f` returns, every region it holds must be closed; otherwise the region stays,
/// intact, on the worker (RFC-0005 §5). If `f` panics, each cown keeps the content it
/// had when the behaviour started (RFC-0005 §6).
///
/// # Examples
/// ```
/// use floe_core::Value;
/// use floe_cowns::{wait, when, Cown, Live};
///
/// let c = Cown::new(Live::from_value(Value::Int(20)).unwrap()).unwrap();
/// when(&[&c], |held| {
///     let doubled = match held[0].get().frozen() {
///         Some(Value::Int(i)) => i * 2,
///         _ => 0,
///     };
///     held[0].set(Live::from_value(Value::Int(doubled)).unwrap());
/// });
/// assert!(matches!(wait(&c).unwrap().frozen(), Some(Value::Int(40))));
/// ```
pub fn when(cowns: &[&Cown], f: impl FnOnce(&mut [Held<'_>]) + Send + 'static) {
    let named = distinct(cowns);
    let n = named.len();
    schedule(&named, 0, move |access| {
        // The failure has nowhere to go: without a result cown nobody asked for it.
        let _ = hold(access, n, |held| {
            f(held);
            Ok(())
        });
    });
}

/// As [`when`], with a result: returns the cown that will hold what `f` returns, or its
/// failure — an `Err` it returns ([`CownError::Raised`] carries an interpreter's
/// exception), a panic ([`CownError::Panicked`]), or a region left open
/// ([`CownError::Isolation`]) — which is what [`wait`] on it returns.
///
/// # Examples
/// ```
/// use floe_core::Value;
/// use floe_cowns::{try_when, wait, Cown, Live};
///
/// let c = Cown::new(Live::from_value(Value::Int(20)).unwrap()).unwrap();
/// let doubled = try_when(&[&c], |held| match held[0].get().frozen() {
///     Some(Value::Int(i)) => Ok(Live::from_value(Value::Int(i * 2)).unwrap()),
///     _ => Ok(Live::Empty),
/// });
/// assert!(matches!(wait(&doubled).unwrap().frozen(), Some(Value::Int(40))));
/// ```
pub fn try_when(
    cowns: &[&Cown],
    f: impl FnOnce(&mut [Held<'_>]) -> Result<Live, CownError> + Send + 'static,
) -> Cown {
    let result = Cown::empty();
    let mut all = distinct(cowns);
    let n = all.len();
    all.push(&result);
    schedule(&all, 0, move |access| {
        let outcome = match hold(access, n, f).map(Live::into_content) {
            Ok(Ok(content)) => content,
            Ok(Err((e, _))) | Err(e) => Content::Error(e),
        };
        access.with(n, |slot| *slot = outcome);
    });
    drop(all);
    result
}

/// Takes a cown's content for a hold: `Err` (and the content left in place) for a
/// failure's error or a region stranded on another worker. A region moves out (the cown
/// keeps `None` while it is held) and comes with a second handle on it, for a failure to
/// put back; anything else is shared (`None` as second part): the cown keeps it, so a
/// failure has nothing to restore.
fn take_for_hold(
    slot: &mut Content,
    cown: &Cown,
    worker: usize,
) -> Result<(Live, Option<Live>), CownError> {
    let moved = |r: Region| {
        let before = Live::Region(r.clone());
        (Live::Region(r), Some(before))
    };
    match slot {
        Content::Empty => Ok((Live::Empty, None)),
        Content::Frozen(v) => Ok((Live::Frozen(v.clone()), None)),
        Content::Cown(c) => Ok((Live::Cown(c.clone()), None)),
        Content::Error(e) => Err(e.clone()),
        Content::Stranded { worker: w } if *w != worker => Err(CownError::Stranded { worker: *w }),
        Content::Stranded { worker: w } => {
            match STRANDED.with(|s| s.borrow_mut().remove(&cown.id())) {
                Some(r) => {
                    *slot = Content::Empty;
                    Ok(moved(r))
                }
                None => Err(CownError::Stranded { worker: *w }),
            }
        }
        Content::Region(_) => match std::mem::replace(slot, Content::Empty) {
            Content::Region(i) => Ok(moved(Region::from(i))),
            _ => unreachable!("matched as a region just above"),
        },
    }
}

/// Puts a hold's content back, checked: a region that cannot move stays on this worker
/// (stranded); its error is returned.
fn put_back(slot: &mut Content, cown: &Cown, worker: usize, live: Live) -> Option<CownError> {
    match live.into_content() {
        Ok(content) => {
            *slot = content;
            None
        }
        Err((e, live)) => {
            if let Live::Region(r) = live {
                STRANDED.with(|s| s.borrow_mut().insert(cown.id(), r));
            }
            *slot = Content::Stranded { worker };
            Some(e)
        }
    }
}

/// Runs a user body over the first `named` cowns of the behaviour: takes their contents,
/// runs `f` with panics contained, puts the contents back checked, and returns what `f`
/// returned or the failure. On a failure (a content that cannot be held, or a panic) each cown
/// keeps what it had: shared contents never left it, moved regions go back.
fn hold<R>(
    access: &mut Access<'_>,
    named: usize,
    f: impl FnOnce(&mut [Held<'_>]) -> Result<R, CownError>,
) -> Result<R, CownError> {
    let worker = access.worker;
    let mut held: SmallVec<[Held<'_>; 2]> = SmallVec::new();
    // What a failure puts back: the regions moved out, by position in `held`.
    let mut moved: SmallVec<[(usize, Live); 1]> = SmallVec::new();
    let mut failure = None;
    for (i, cown) in access.cowns().take(named).enumerate() {
        match access.with_unnoted(i, |slot| take_for_hold(slot, cown, worker)) {
            Ok((live, before)) => {
                if let Some(before) = before {
                    moved.push((i, before));
                }
                held.push(Held { cown, live });
            }
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    // `restore`: the body did not run to an end (a content could not be held, or it
    // panicked), so each cown gets back what it had.
    let (outcome, restore) = match failure {
        Some(e) => (Err(e), true),
        None => match catch_unwind(AssertUnwindSafe(|| f(&mut held))) {
            Ok(result) => (result, false),
            Err(panic) => {
                let message = panic_message(panic.as_ref());
                (Err(CownError::Panicked { message }), true)
            }
        },
    };
    if restore {
        // What the body made of the contents goes first (a region handle it kept
        // would keep the restored region open).
        drop(held);
        for (i, before) in moved {
            let cown = access.cown(i).clone();
            access.with(i, |slot| put_back(slot, &cown, worker, before));
        }
        return outcome;
    }
    // The second handles go first: a region moves back only if it is closed.
    drop(moved);
    let mut outcome = outcome;
    for (i, Held { cown, live }) in held.into_iter().enumerate() {
        if let Some(e) = access.with(i, |slot| put_back(slot, cown, worker, live)) {
            if outcome.is_ok() {
                outcome = Err(e);
            }
        }
    }
    outcome
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_string())
}

/// Blocks until every behaviour scheduled so far (and any they schedule) has run: what a
/// program does before it exits, so that no scheduled work is lost.
///
/// # Errors
/// [`CownError::WaitInBehaviour`] on a worker.
pub fn quiesce() -> Result<(), CownError> {
    if current_worker().is_some() {
        return Err(CownError::WaitInBehaviour);
    }
    crate::scheduler::quiesce();
    Ok(())
}

/// A cown whose content is still on its way (semantics §6: `Cown(r)` made while its
/// maker still references `r`): behaviours on the cown queue up, and wait, until
/// [`Handoff::complete`] delivers the content or [`Handoff::fail`] gives up. Dropping the
/// hand-off fails it. It stays on the thread that made it (`!Send`): that thread is the
/// one that owes the content, and its [`wait`]s raise instead of waiting for it forever.
pub struct Handoff {
    cown: Cown,
    gate: Option<Hold>,
    delivery: Arc<Mutex<Option<Content>>>,
    _here: PhantomData<*const ()>,
}

impl Cown {
    /// A cown whose content will be handed over later, and the hand-off to do it with.
    ///
    /// # Examples
    /// ```
    /// use floe_core::Value;
    /// use floe_cowns::{wait, Cown, Live};
    ///
    /// let (c, handoff) = Cown::pending();
    /// handoff.complete(Live::from_value(Value::Int(1)).unwrap()).map_err(|(e, ..)| e).unwrap();
    /// assert!(matches!(wait(&c).unwrap().frozen(), Some(Value::Int(1))));
    /// ```
    pub fn pending() -> (Cown, Handoff) {
        let cown = Cown::empty();
        let delivery: Arc<Mutex<Option<Content>>> = Arc::default();
        let delivered = Arc::clone(&delivery);
        // The gate heads the cown's queue and runs once the hand-off releases the count
        // it holds back: it puts the delivered content in.
        let gate = schedule(&[&cown], 1, move |access| {
            if let Some(content) = lock(&delivered).take() {
                access.with(0, |slot| *slot = content);
            }
        });
        OPEN_HANDOFFS.with(|n| n.set(n.get() + 1));
        let handoff = Handoff {
            cown: cown.clone(),
            gate,
            delivery,
            _here: PhantomData,
        };
        (cown, handoff)
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Nothing panics while holding these locks; a poisoned one is still consistent.
    m.lock().unwrap_or_else(|e| e.into_inner())
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
                self.open_gate(content);
                Ok(())
            }
            Err((e, live)) => Err((e, live, self)),
        }
    }

    /// Gives up: the cown holds `error` (what `wait` on it returns), and the behaviours
    /// waiting on it run and find it.
    pub fn fail(mut self, error: CownError) {
        self.open_gate(Content::Error(error));
    }

    fn open_gate(&mut self, content: Content) {
        if let Some(gate) = self.gate.take() {
            *lock(&self.delivery) = Some(content);
            OPEN_HANDOFFS.with(|n| n.set(n.get() - 1));
            gate.release(&mut submit);
        }
    }
}

impl Drop for Handoff {
    fn drop(&mut self) {
        self.open_gate(Content::Error(CownError::Isolation {
            reason: "the region promised to this cown was never handed over".into(),
        }));
    }
}

/// `true` on a worker thread, inside a behaviour.
pub fn in_behaviour() -> bool {
    current_worker().is_some()
}

/// Where `wait`'s answer arrives.
enum Answer {
    Waiting,
    Done(Content),
    /// The waiter gave up (it would have waited forever): the cown keeps its content.
    Abandoned,
}

struct OneShot {
    answer: Mutex<Answer>,
    arrived: Condvar,
}

/// `wait`'s behaviour: moves the content of the one cown it holds to the waiter — a
/// region moves (the cown keeps `None`), a frozen value, cown or error is copied.
fn deliver(access: &mut Access<'_>, shot: &OneShot) {
    let mut answer = lock(&shot.answer);
    if let Answer::Abandoned = *answer {
        return;
    }
    let cown = access.cown(0).clone();
    let worker = access.worker;
    let out = access.with(0, |slot| match slot {
        Content::Empty => Content::Empty,
        Content::Frozen(v) => Content::Frozen(v.clone()),
        Content::Cown(c) => Content::Cown(c.clone()),
        Content::Error(e) => Content::Error(e.clone()),
        Content::Region(_) => std::mem::replace(slot, Content::Empty),
        Content::Stranded { .. } => match take_for_hold(slot, &cown, worker) {
            Ok((live, _)) => match live.into_content() {
                Ok(content) => content,
                Err((e, live)) => {
                    put_back(slot, &cown, worker, live);
                    Content::Error(e)
                }
            },
            Err(e) => Content::Error(e),
        },
    });
    *answer = Answer::Done(out);
    shot.arrived.notify_one();
}

/// Blocks until every behaviour scheduled on `c` so far has run, then returns its
/// content: a region moves to the caller (the cown keeps `None`); a frozen value or cown
/// is shared. For a result cown, this waits for the behaviour that fills it.
///
/// # Errors
/// What the behaviour that filled the cown failed with ([`CownError::Panicked`],
/// [`CownError::Isolation`], [`CownError::Raised`]); [`CownError::WaitInBehaviour`] on a
/// worker; [`CownError::WouldBlock`] when this thread owes a pending cown its content
/// ([`Cown::pending`]) and the wait could end only after that (the pool went idle with
/// the wait unanswered), where it would otherwise block forever.
pub fn wait(c: &Cown) -> Result<Live, CownError> {
    if current_worker().is_some() {
        return Err(CownError::WaitInBehaviour);
    }
    let shot = Arc::new(OneShot {
        answer: Mutex::new(Answer::Waiting),
        arrived: Condvar::new(),
    });
    let answer = Arc::clone(&shot);
    // Ready at once when nothing is queued on `c`: then it runs here (`run_here`).
    note_scheduled();
    raw::schedule(
        &[c],
        0,
        move |access: &mut Access<'_>| deliver(access, &answer),
        &mut run_here,
    );
    let owes = OPEN_HANDOFFS.with(Cell::get) > 0;
    let mut answer = lock(&shot.answer);
    loop {
        match std::mem::replace(&mut *answer, Answer::Waiting) {
            Answer::Done(content) => return content.into_live(),
            Answer::Abandoned | Answer::Waiting => {}
        }
        if !owes {
            answer = shot.arrived.wait(answer).unwrap_or_else(|e| e.into_inner());
            continue;
        }
        let (guard, _) = shot
            .arrived
            .wait_timeout(answer, Duration::from_millis(2))
            .unwrap_or_else(|e| e.into_inner());
        answer = guard;
        if matches!(*answer, Answer::Waiting) && idle() {
            *answer = Answer::Abandoned;
            return Err(CownError::WouldBlock);
        }
    }
}
