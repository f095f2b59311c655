//! The worker pool (RFC-0005 §4): one thread per core (or as set), each with a
//! work-stealing deque of ready behaviours (`crossbeam-deque`); threads that are not
//! workers submit through a shared injector; each worker also has an inbox for
//! behaviours that must run on it (a stranded region, RFC-0005 §5). An idle worker spins
//! a little, then parks on its own flag — no global lock. Counters are per worker.
#![forbid(unsafe_code)]

use std::cell::{Cell, RefCell};
use std::sync::atomic::{fence, AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::thread::Thread;
use std::time::Duration;

use crossbeam_deque::{Injector, Steal, Stealer, Worker};

use crate::raw::Ready;

/// A worker's shared part, on its own cache lines.
#[repr(align(128))]
struct PerWorker {
    /// Behaviours this worker ran (written by this worker only).
    ran: AtomicU64,
    /// Behaviours scheduled by code running on this worker (written by it only).
    scheduled: AtomicU64,
    /// Parked (or about to park); a waker clears it and unparks.
    sleeping: AtomicBool,
    thread: OnceLock<Thread>,
    /// Behaviours that must run on this worker.
    inbox: Injector<Ready>,
}

struct Pool {
    injector: Injector<Ready>,
    stealers: Vec<Stealer<Ready>>,
    workers: Vec<PerWorker>,
    /// How many workers are parked (or about to be).
    sleepers: AtomicUsize,
    /// How many workers are looking for work (spinning): while one is, a submitter need
    /// not wake anybody.
    searching: AtomicUsize,
    /// Behaviours scheduled by threads that are not workers.
    scheduled_outside: AtomicU64,
    /// Behaviours run by threads that are not workers ([`run_here`]).
    ran_outside: AtomicU64,
}

thread_local! {
    /// This worker's id and deque, if this thread is a worker.
    static LOCAL: RefCell<Option<(usize, Worker<Ready>)>> = const { RefCell::new(None) };
    /// The behaviour this worker runs next: the first one its last release made ready.
    /// Not in the deque, so no other worker steals it — a chain of behaviours on one
    /// cown stays on one worker instead of bouncing between a worker and a searching
    /// one (both cores busy, every content and behaviour moving between caches).
    static NEXT: Cell<Option<Ready>> = const { Cell::new(None) };
}

/// How many behaviours in a row a worker takes from [`NEXT`] before it looks at its
/// inbox and deque again (the one in `NEXT` then goes to the back of its deque, where
/// others may steal it): a long chain does not starve the rest.
const STREAK: u32 = 32;

/// The worker running on this thread, if any.
pub(crate) fn current_worker() -> Option<usize> {
    LOCAL.with(|l| l.borrow().as_ref().map(|(w, _)| *w))
}

/// The worker count asked for before the pool started (0: not asked).
static REQUESTED: AtomicUsize = AtomicUsize::new(0);
static POOL: OnceLock<Pool> = OnceLock::new();

/// Sets how many workers the pool will have; must be called before the first behaviour
/// (or [`workers`]). Without it, `FLOE_WORKERS` decides, else the number of cores.
///
/// # Errors
/// The pool's worker count, if the pool has already started.
///
/// # Examples
/// ```
/// let _ = floe_cowns::set_workers(2); // refused if the pool already runs
/// assert!(floe_cowns::workers() >= 1);
/// ```
pub fn set_workers(n: usize) -> Result<(), usize> {
    if let Some(p) = POOL.get() {
        return Err(p.workers.len());
    }
    REQUESTED.store(n.max(1), Ordering::Relaxed);
    Ok(())
}

/// How many workers the pool has (starting it if needed).
pub fn workers() -> usize {
    pool().workers.len()
}

fn pool() -> &'static Pool {
    if let Some(p) = POOL.get() {
        return p;
    }
    let mut deques = Vec::new();
    let p = POOL.get_or_init(|| {
        let n = match REQUESTED.load(Ordering::Relaxed) {
            0 => std::env::var("FLOE_WORKERS")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())),
            n => n,
        }
        .max(1);
        deques = (0..n).map(|_| Worker::new_fifo()).collect();
        Pool {
            injector: Injector::new(),
            stealers: deques.iter().map(Worker::stealer).collect(),
            workers: (0..n)
                .map(|_| PerWorker {
                    ran: AtomicU64::new(0),
                    scheduled: AtomicU64::new(0),
                    sleeping: AtomicBool::new(false),
                    thread: OnceLock::new(),
                    inbox: Injector::new(),
                })
                .collect(),
            sleepers: AtomicUsize::new(0),
            searching: AtomicUsize::new(0),
            scheduled_outside: AtomicU64::new(0),
            ran_outside: AtomicU64::new(0),
        }
    });
    // Only the thread that made the pool has deques to hand out.
    for (w, deque) in deques.into_iter().enumerate() {
        std::thread::Builder::new()
            .name(format!("floe-worker-{w}"))
            .stack_size(256 << 20)
            .spawn(move || work(p, w, deque))
            .expect("spawn a worker");
    }
    p
}

/// Counts a behaviour as scheduled (for [`quiesce`]).
pub(crate) fn note_scheduled() {
    let p = pool();
    match current_worker() {
        Some(w) => bump(&p.workers[w].scheduled),
        None => {
            p.scheduled_outside.fetch_add(1, Ordering::Release);
        }
    }
}

/// Queues a behaviour made ready by scheduling (or a hand-off): on this worker's deque,
/// or the injector from other threads; a parked worker is woken to take it unless one is
/// already searching (the running behaviour may go on for long).
pub(crate) fn submit(r: Ready) {
    let p = pool();
    let rest = LOCAL.with(|l| match &*l.borrow() {
        Some((_, deque)) => {
            deque.push(r);
            None
        }
        None => Some(r),
    });
    if let Some(r) = rest {
        p.injector.push(r);
    }
    wake_one(p);
}

/// Takes a behaviour made ready by a release on this worker: the first becomes the
/// worker's [`NEXT`] (it runs it as soon as it is done, so nobody is woken); the others
/// go to its deque, and another worker is woken to take them.
fn submit_released(r: Ready) {
    let Some(r) = NEXT.with(|n| match n.take() {
        None => {
            n.set(Some(r));
            None
        }
        first => {
            n.set(first);
            Some(r)
        }
    }) else {
        return;
    };
    let rest = LOCAL.with(|l| match &*l.borrow() {
        Some((_, deque)) => {
            deque.push(r);
            None
        }
        None => Some(r),
    });
    match rest {
        None => wake_one(pool()),
        Some(r) => submit(r),
    }
}

/// The worker id a behaviour run by [`run_here`] sees: no worker's.
pub(crate) const NOT_A_WORKER: usize = usize::MAX;

/// Runs a behaviour made ready on a thread that is not a worker right there, unless its
/// content is stranded on a worker (RFC-0005 §5), where it is sent: `wait`'s fast path
/// when its cown is idle — no worker to wake, and no waking the waiter back. The
/// behaviour sees [`NOT_A_WORKER`]; it must not leave a region open (it would strand
/// it on no worker): `wait`'s own behaviour moves the content out, and strands nothing
/// when nothing was stranded.
pub(crate) fn run_here(r: Ready) {
    if current_worker().is_some() || r.pinned().is_some() {
        submit(r);
        return;
    }
    r.run(NOT_A_WORKER, &mut submit);
    pool().ran_outside.fetch_add(1, Ordering::Release);
}

/// Wakes one parked worker, if any and if no worker is already looking for work.
fn wake_one(p: &Pool) {
    // Pairs with the fence in `park`: either this sees the searcher or sleeper, or the
    // sleeper's re-check sees the work just pushed.
    fence(Ordering::SeqCst);
    if p.searching.load(Ordering::SeqCst) > 0 || p.sleepers.load(Ordering::SeqCst) == 0 {
        return;
    }
    for w in 0..p.workers.len() {
        if wake(p, w) {
            return;
        }
    }
}

/// Wakes worker `w` if it is parked; `true` if it was.
fn wake(p: &Pool, w: usize) -> bool {
    let me = &p.workers[w];
    if me.sleeping.load(Ordering::Relaxed) && me.sleeping.swap(false, Ordering::AcqRel) {
        p.sleepers.fetch_sub(1, Ordering::SeqCst);
        if let Some(t) = me.thread.get() {
            t.unpark();
        }
        return true;
    }
    false
}

fn find(p: &Pool, w: usize, local: &Worker<Ready>) -> Option<Ready> {
    if let Some(r) = p.workers[w].inbox.steal().success() {
        return Some(r);
    }
    local.pop().or_else(|| {
        std::iter::repeat_with(|| {
            p.injector.steal_batch_and_pop(local).or_else(|| {
                (1..p.stealers.len())
                    .map(|i| p.stealers[(w + i) % p.stealers.len()].steal())
                    .collect()
            })
        })
        .find(|s| !s.is_retry())
        .and_then(Steal::success)
    })
}

/// `true` when every worker is parked and no behaviour is queued anywhere: nothing runs
/// until a thread outside the pool schedules or releases something.
pub(crate) fn idle() -> bool {
    let p = pool();
    p.sleepers.load(Ordering::SeqCst) == p.workers.len()
        && p.injector.is_empty()
        && p.stealers.iter().all(Stealer::is_empty)
        && p.workers.iter().all(|w| w.inbox.is_empty())
}

fn work(p: &'static Pool, w: usize, deque: Worker<Ready>) {
    let _ = p.workers[w].thread.set(std::thread::current());
    LOCAL.with(|l| *l.borrow_mut() = Some((w, deque)));
    let mut idle_rounds = 0u32;
    let mut streak = 0u32;
    loop {
        let next = match NEXT.with(Cell::take) {
            Some(r) if streak < STREAK => {
                streak += 1;
                Some(r)
            }
            held => {
                streak = 0;
                LOCAL.with(|l| {
                    let l = l.borrow();
                    let (_, local) = l.as_ref().expect("a worker has its deque");
                    if let Some(r) = held {
                        local.push(r);
                    }
                    find(p, w, local)
                })
            }
        };
        match next {
            Some(r) => {
                if idle_rounds > 0 {
                    idle_rounds = 0;
                    // The last searcher to find work hands the search on, if there is
                    // more to find.
                    if p.searching.fetch_sub(1, Ordering::SeqCst) == 1 && has_work(p, w) {
                        wake_one(p);
                    }
                }
                execute(p, w, r);
            }
            None if idle_rounds < SEARCH_ROUNDS => {
                if idle_rounds == 0 {
                    p.searching.fetch_add(1, Ordering::SeqCst);
                }
                idle_rounds += 1;
                if idle_rounds < SEARCH_ROUNDS / 2 {
                    std::hint::spin_loop();
                } else {
                    std::thread::yield_now();
                }
            }
            None => {
                idle_rounds = 0;
                p.searching.fetch_sub(1, Ordering::SeqCst);
                park(p, w);
            }
        }
    }
}

/// How many times an idle worker looks for work (spinning, then yielding) before it
/// parks. Short: on a machine with as many cores as workers, the thread that schedules
/// behaviours competes with the searchers for a core (B10 fell into a 4× slower mode
/// about half the time with 256 rounds; RFC-0005 "Costs").
const SEARCH_ROUNDS: u32 = 32;

/// Work is queued somewhere worker `w` could take it from.
fn has_work(p: &Pool, w: usize) -> bool {
    !p.injector.is_empty()
        || !p.workers[w].inbox.is_empty()
        || p.stealers.iter().any(|s| !s.is_empty())
}

fn execute(p: &Pool, w: usize, r: Ready) {
    if let Some(home) = r.pinned().filter(|&h| h != w && h < p.workers.len()) {
        p.workers[home].inbox.push(r);
        wake(p, home);
        return;
    }
    r.run(w, &mut submit_released);
    bump(&p.workers[w].ran);
}

/// Adds one to a counter only its own worker writes: a plain store, no locked
/// read-modify-write (the `Release` publishes it to [`quiesce`] as `fetch_add` would).
fn bump(counter: &AtomicU64) {
    counter.store(counter.load(Ordering::Relaxed) + 1, Ordering::Release);
}

fn park(p: &Pool, w: usize) {
    let me = &p.workers[w];
    me.sleeping.store(true, Ordering::SeqCst);
    p.sleepers.fetch_add(1, Ordering::SeqCst);
    fence(Ordering::SeqCst);
    let has_work =
        !p.injector.is_empty() || !me.inbox.is_empty() || p.stealers.iter().any(|s| !s.is_empty());
    if has_work {
        if me.sleeping.swap(false, Ordering::AcqRel) {
            p.sleepers.fetch_sub(1, Ordering::SeqCst);
        }
        return;
    }
    while me.sleeping.load(Ordering::Acquire) {
        std::thread::park();
    }
}

/// Blocks until every behaviour scheduled so far (and any they schedule) has run.
pub(crate) fn quiesce() {
    // A pool never started was never given a behaviour. Starting it here (its worker
    // threads, their stacks and heaps) only to find that out was the cost of every
    // program's exit.
    let Some(p) = POOL.get() else {
        return;
    };
    let mut pause = Duration::from_micros(20);
    loop {
        // Completions first: a behaviour counted as run was counted as scheduled before
        // (and so is seen below), so the sums are equal only when all have run.
        let ran: u64 = p
            .workers
            .iter()
            .map(|w| w.ran.load(Ordering::Acquire))
            .sum::<u64>()
            + p.ran_outside.load(Ordering::Acquire);
        let scheduled: u64 = p
            .workers
            .iter()
            .map(|w| w.scheduled.load(Ordering::Acquire))
            .sum::<u64>()
            + p.scheduled_outside.load(Ordering::Acquire);
        if ran >= scheduled {
            return;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(1));
    }
}
