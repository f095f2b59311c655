//! B11 (single-threaded part): the interpreter on the scripts in `bench/scripts/b11_*.py`
//! against CPython running the same scripts (`scripts/b11_peer.py` times them in-process,
//! startup excluded, as floe's side is timed in-process too). Goal: ≤ 2× CPython.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use floe_interp::{run_with, Options};

use crate::harness::{median, Config};
use crate::report::{Goal, Row};

/// The scripts, with the work size each declares as `N = ...` on a line of its own.
fn scripts() -> Vec<(String, PathBuf, u64)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts");
    let mut out = Vec::new();
    for name in ["b11_objects", "b11_churn", "b11_freeze"] {
        let path = dir.join(format!("{name}.py"));
        let text = std::fs::read_to_string(&path).expect("a B11 script");
        let n = text
            .lines()
            .find_map(|l| l.strip_prefix("N = "))
            .and_then(|v| v.trim().parse().ok())
            .expect("each B11 script declares N");
        out.push((name.to_string(), path, n));
    }
    out
}

/// One floe run of a script, in seconds, output discarded.
fn floe_once(path: &Path, text: &str) -> f64 {
    let name = path.display().to_string();
    let start = Instant::now();
    let sink: floe_interp::Out = std::sync::Arc::new(std::sync::Mutex::new(std::io::sink()));
    run_with(&name, text, Options::default(), sink)
        .unwrap_or_else(|(e, _)| panic!("{name} failed under floe:\n{e}"));
    start.elapsed().as_secs_f64()
}

/// CPython's median over `samples` runs, in seconds; `None` (with a warning) without it.
fn cpython(path: &Path, samples: usize) -> Option<f64> {
    let peer = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/b11_peer.py");
    let out = Command::new("python3")
        .arg(&peer)
        .arg(path)
        .arg(samples.to_string())
        .output();
    match out {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().parse().ok(),
        Ok(o) => {
            eprintln!(
                "warning: B11's CPython peer failed: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            None
        }
        Err(e) => {
            eprintln!("warning: B11's CPython peer did not run (python3: {e})");
            None
        }
    }
}

/// Runs B11 on a thread with the interpreter's stack.
pub fn run(cfg: Config) -> Vec<Row> {
    std::thread::Builder::new()
        .stack_size(floe_interp::STACK_SIZE)
        .spawn(move || rows(cfg))
        .expect("spawn the B11 thread")
        .join()
        .expect("B11 does not panic")
}

fn rows(cfg: Config) -> Vec<Row> {
    // Whole-script runs take a large fraction of a second: a few samples suffice.
    let samples = if cfg.samples <= Config::QUICK.samples {
        3
    } else {
        7
    };
    let mut rows = Vec::new();
    for (name, path, n) in scripts() {
        let text = std::fs::read_to_string(&path).expect("readable");
        floe_once(&path, &text); // warm-up
        let mut times: Vec<f64> = (0..samples).map(|_| floe_once(&path, &text)).collect();
        let floe_ns = median(&mut times) * 1e9 / n as f64;
        if let Some(py) = cpython(&path, samples) {
            rows.push(Row {
                id: "B11",
                case: format!("script {name} (ns per unit of N)"),
                n,
                floe_ns,
                peer: "CPython 3",
                peer_ns: py * 1e9 / n as f64,
                goal: Goal::AtMost(2.0),
            });
        }
    }
    rows
}
