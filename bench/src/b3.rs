//! B3: move a closed region between threads and back (ping-pong through two cowns: one
//! behaviour per hop). Peers: a Rust deep clone of the same data sent to another thread
//! and back, and CPython's pickle round trip of it (`scripts/b3_peer.py`). Goals: the
//! round trip does not grow with the region (time(1e6)/time(1e3) ≤ 1.5) and is ≥ 1e4×
//! faster than pickle at 1e6.

use std::path::Path;
use std::process::Command;
use std::sync::mpsc;

use floe_core::{List, Value};
use floe_cowns::{try_when, wait, when, Cown, Live};
use floe_regions::Region;

use crate::harness::{measure, Config, Contender};
use crate::report::{Goal, Row};

/// Round trips per sample. A sample starts with the pool's workers parked (the peers
/// ran in between) and ends with the waiting thread woken: ~45 µs of thread wake-ups
/// per sample, measured with a 2 ms pause between samples (RFC-0005 "Costs"). The row
/// is the steady round trip, so a sample is long enough to make that ≤ 25 ns a trip.
const TRIPS: u64 = 2_000;

fn region(n: u64) -> Region {
    let r = Region::named("payload");
    let items = List::new([]);
    r.set("items", items.clone()).unwrap();
    for i in 0..n as i64 {
        items.push(List::new([Value::Int(i)]).into()).unwrap();
    }
    r
}

fn hop(from: &Cown, to: &Cown) {
    when(&[from, to], |held| {
        let region = held[0].take();
        held[1].set(region);
    });
}

fn pickle(n: u64, samples: usize) -> Option<f64> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/b3_peer.py");
    let out = Command::new("python3")
        .arg(script)
        .args([n.to_string(), samples.to_string()])
        .output();
    match out {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().parse().ok(),
        _ => {
            eprintln!("warning: B3's CPython peer did not run");
            None
        }
    }
}

/// Runs B3 at each size.
pub fn run(cfg: Config, sizes: &[u64]) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut smallest: Option<f64> = None;
    for &n in sizes {
        let (a, b) = (Cown::new(Live::Region(region(n))).unwrap(), Cown::empty());
        let data: Vec<Vec<i64>> = (0..n as i64).map(|i| vec![i]).collect();
        let (to_echo, echo_in) = mpsc::channel::<Vec<Vec<i64>>>();
        let (echo_out, back) = mpsc::channel::<Vec<Vec<i64>>>();
        let echo = std::thread::spawn(move || {
            for v in echo_in {
                let copy = v.clone();
                drop(v);
                if echo_out.send(copy).is_err() {
                    break;
                }
            }
        });
        // Deep-clone peers move far fewer trips per sample at large n (a clone is O(n)).
        let clone_trips = (200_000 / n).clamp(1, 200);
        let mut contenders = [
            Contender::whole("floe", || {
                for _ in 0..TRIPS {
                    hop(&a, &b);
                    hop(&b, &a);
                }
                // Done when a behaviour queued after the last hop on `a` has run.
                wait(&try_when(&[&a], |_| Ok(Live::Empty))).unwrap();
            }),
            Contender::whole("Rust deep clone + send", || {
                for _ in 0..clone_trips {
                    to_echo.send(data.clone()).unwrap();
                    let got = back.recv().unwrap();
                    assert_eq!(got.len(), data.len());
                }
            }),
        ];
        let m = measure(cfg, 1, &mut contenders);
        let (floe_ns, clone_ns) = (m[0].1 / TRIPS as f64, m[1].1 / clone_trips as f64);
        drop(contenders);
        drop(to_echo);
        echo.join().unwrap();
        let row = |peer, peer_ns, goal| Row {
            id: "B3",
            case: "region round trip between threads".into(),
            n,
            floe_ns,
            peer,
            peer_ns,
            goal,
        };
        rows.push(row("Rust deep clone + send", clone_ns, Goal::Report));
        if let Some(p) = pickle(
            n,
            if cfg.samples <= Config::QUICK.samples {
                3
            } else {
                7
            },
        ) {
            // The spec's goal is "≥ 1e4× faster than pickle at 1e6": pickling a small
            // region is cheap, so smaller sizes are reported, not judged.
            let goal = if n >= 1_000_000 {
                Goal::AtMost(1e-4)
            } else {
                Goal::Report
            };
            rows.push(row("CPython pickle round trip", p, goal));
        }
        match smallest {
            None => smallest = Some(floe_ns),
            Some(first) => rows.push(row("floe at the smallest n", first, Goal::AtMost(1.5))),
        }
        // The region is still whole at the end.
        let Ok(Live::Region(r)) = wait(&a) else {
            panic!("the region is back in a")
        };
        let items = List::try_from(r.get("items").unwrap().as_obj().unwrap().clone()).unwrap();
        assert_eq!(items.len() as u64, n);
    }
    rows
}
