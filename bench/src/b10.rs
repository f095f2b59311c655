//! B10: behaviour throughput — many small behaviours, each incrementing a counter, on
//! disjoint cowns (parallel) and on one shared cown (serial). Peer: a `std::sync::mpsc`
//! worker pool of as many threads as floe has workers, each job locking its object's
//! `Mutex`. Goal: ≥ 2× the pool's throughput (ratio ≤ 0.5).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex};

use floe_core::Value;
use floe_cowns::{wait, when, workers, Cown, Live};

use crate::harness::{measure, Config, Contender};
use crate::report::{Goal, Row};

type Job = Box<dyn FnOnce() + Send>;

/// A fixed pool of threads taking boxed jobs from one mpsc channel.
struct Pool {
    tx: Option<mpsc::Sender<Job>>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Pool {
    fn new(n: usize) -> Pool {
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let threads = (0..n)
            .map(|_| {
                let rx = Arc::clone(&rx);
                std::thread::spawn(move || loop {
                    let job = rx.lock().unwrap().recv();
                    match job {
                        Ok(job) => job(),
                        Err(_) => break,
                    }
                })
            })
            .collect();
        Pool {
            tx: Some(tx),
            threads,
        }
    }

    fn run(&self, job: Job) {
        self.tx.as_ref().unwrap().send(job).unwrap();
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.tx.take();
        for t in self.threads.drain(..) {
            t.join().unwrap();
        }
    }
}

fn int(i: i64) -> Live {
    Live::from_value(Value::Int(i)).expect("an int is frozen")
}

fn increment(held: &mut [floe_cowns::Held<'_>]) {
    let next = match held[0].get().frozen() {
        Some(Value::Int(i)) => i + 1,
        _ => 1,
    };
    held[0].set(int(next));
}

/// Runs B10 with `m` behaviours per sample.
pub fn run(cfg: Config, m: u64) -> Vec<Row> {
    let pool = Pool::new(workers());
    let mut rows = Vec::new();
    for (case, objects) in [("disjoint cowns (64)", 64usize), ("one shared cown", 1)] {
        let cowns: Vec<Cown> = (0..objects).map(|_| Cown::new(int(0)).unwrap()).collect();
        let counters: Arc<Vec<Mutex<i64>>> =
            Arc::new((0..objects).map(|_| Mutex::new(0)).collect());
        let done = Arc::new((Mutex::new(0usize), Condvar::new()));
        let issued = AtomicUsize::new(0);
        let mut contenders = [
            Contender::whole("floe", || {
                for i in 0..m as usize {
                    when(&[&cowns[i % objects]], increment);
                }
                // Done when every cown's queue has drained.
                for c in &cowns {
                    wait(c).unwrap();
                }
            }),
            Contender::whole("mpsc pool + Mutex per object", || {
                *done.0.lock().unwrap() = 0;
                for i in 0..m as usize {
                    let (counters, done) = (Arc::clone(&counters), Arc::clone(&done));
                    pool.run(Box::new(move || {
                        *counters[i % counters.len()].lock().unwrap() += 1;
                        let mut d = done.0.lock().unwrap();
                        *d += 1;
                        done.1.notify_all();
                    }));
                }
                issued.fetch_add(m as usize, Ordering::Relaxed);
                let mut d = done.0.lock().unwrap();
                while *d < m as usize {
                    d = done.1.wait(d).unwrap();
                }
            }),
        ];
        let res = measure(cfg, m, &mut contenders);
        drop(contenders);
        rows.push(Row {
            id: "B10",
            case: format!("behaviours on {case} (ns per behaviour)"),
            n: m,
            floe_ns: res[0].1,
            peer: "mpsc pool + Mutex per object",
            peer_ns: res[1].1,
            goal: Goal::AtMost(0.5),
        });
    }
    rows
}
