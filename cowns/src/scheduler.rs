//! The worker pool: one thread per core (or `FLOE_WORKERS`), a shared queue of ready
//! behaviours, and one queue per worker for behaviours that must run where a stranded
//! region lives (RFC-0005 §5). A dedicated pool rather than rayon's: `wait` blocks
//! callers, never workers, and a behaviour can be pinned to a worker.

use std::cell::Cell;
use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, OnceLock};

use crate::behaviour::{run, Behaviour};

struct Queues {
    shared: VecDeque<Arc<Behaviour>>,
    pinned: Vec<VecDeque<Arc<Behaviour>>>,
    /// Workers waiting for work: a submit wakes one only if some are (a wake-up is a
    /// system call; busy workers find the work themselves).
    sleeping: usize,
}

struct Pool {
    queues: Mutex<Queues>,
    ready: Condvar,
    workers: usize,
}

thread_local! {
    /// The worker this thread is, if it is one.
    static WORKER: Cell<Option<usize>> = const { Cell::new(None) };
}

/// The worker running on this thread, if any.
pub(crate) fn current_worker() -> Option<usize> {
    WORKER.with(Cell::get)
}

/// How many workers the pool has (starting it if needed).
pub fn workers() -> usize {
    pool().workers
}

fn pool() -> &'static Pool {
    static POOL: OnceLock<&'static Pool> = OnceLock::new();
    POOL.get_or_init(|| {
        let workers = std::env::var("FLOE_WORKERS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
            .max(1);
        let pool: &'static Pool = Box::leak(Box::new(Pool {
            queues: Mutex::new(Queues {
                shared: VecDeque::new(),
                pinned: (0..workers).map(|_| VecDeque::new()).collect(),
                sleeping: 0,
            }),
            ready: Condvar::new(),
            workers,
        }));
        for w in 0..workers {
            std::thread::Builder::new()
                .name(format!("floe-worker-{w}"))
                .stack_size(256 << 20)
                .spawn(move || work(pool, w))
                .expect("spawn a worker");
        }
        pool
    })
}

/// Queues a ready behaviour: pinned to `worker` if given, else shared.
pub(crate) fn submit(b: Arc<Behaviour>, worker: Option<usize>) {
    let p = pool();
    let mut q = p.queues.lock().unwrap_or_else(|e| e.into_inner());
    let sleeping = q.sleeping;
    match worker {
        Some(w) => {
            q.pinned[w % p.workers].push_back(b);
            drop(q);
            if sleeping > 0 {
                p.ready.notify_all();
            }
        }
        None => {
            q.shared.push_back(b);
            drop(q);
            if sleeping > 0 {
                p.ready.notify_one();
            }
        }
    }
}

fn work(p: &'static Pool, w: usize) {
    WORKER.with(|c| c.set(Some(w)));
    let mut q = p.queues.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        let next = q.pinned[w].pop_front().or_else(|| q.shared.pop_front());
        match next {
            Some(b) => {
                drop(q);
                run(b, w);
                q = p.queues.lock().unwrap_or_else(|e| e.into_inner());
            }
            None => {
                q.sleeping += 1;
                q = p.ready.wait(q).unwrap_or_else(|e| e.into_inner());
                q.sleeping -= 1;
            }
        }
    }
}
