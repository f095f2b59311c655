//! B11: the interpreter on the scripts in `bench/scripts/b11_*.py`.
//!
//! - Single-threaded: against CPython running the same scripts (`scripts/b11_peer.py`
//!   times them in-process, startup excluded, as floe's side is timed in-process too).
//!   Goal: ≤ 2× CPython.
//! - Parallel (`b11_parallel.py`, behaviours): 2 workers against 1 (each a child process
//!   with `FLOE_WORKERS` set; goal ≥ 1.7× faster), and against CPython running the same
//!   work on threads (the script falls back to threads where `floe` cannot be imported;
//!   CPython has a GIL).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
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

/// The variable that makes `floe-bench` run one script and exit (the parallel rows'
/// child processes).
pub const RUN_SCRIPT: &str = "FLOE_BENCH_RUN_SCRIPT";

/// Runs one script under floe in this process (a child of the parallel rows).
pub fn run_script_here(path: &Path) -> ExitCode {
    let text = std::fs::read_to_string(path).expect("a B11 script");
    let ok = std::thread::Builder::new()
        .stack_size(floe_interp::STACK_SIZE)
        .spawn(move || floe_once(&PathBuf::from("script.py"), &text))
        .expect("spawn")
        .join()
        .is_ok();
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Wall time of a child process, in seconds.
fn child(mut cmd: Command) -> f64 {
    let start = Instant::now();
    let out = cmd.output().expect("run the child");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    start.elapsed().as_secs_f64()
}

fn parallel_rows(samples: usize) -> Vec<Row> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts");
    let script = dir.join("b11_parallel.py");
    let me = std::env::current_exe().expect("this binary");
    let floe = |workers: &str| {
        let mut c = Command::new(&me);
        c.env(RUN_SCRIPT, &script).env("FLOE_WORKERS", workers);
        c
    };
    let mut one = Vec::new();
    let mut two = Vec::new();
    let mut py = Vec::new();
    let cpython = Command::new("python3").arg("--version").output().is_ok();
    for _ in 0..samples {
        two.push(child(floe("2")));
        one.push(child(floe("1")));
        if cpython {
            let mut c = Command::new("python3");
            c.arg(&script);
            py.push(child(c));
        }
    }
    let n = 80_000;
    let per = |xs: &mut Vec<f64>| median(xs) * 1e9 / n as f64;
    let two_ns = per(&mut two);
    let mut rows = vec![Row {
        id: "B11",
        case: "parallel behaviours, 2 workers (ns per number tested)".into(),
        n,
        floe_ns: two_ns,
        peer: "floe, 1 worker",
        peer_ns: per(&mut one),
        goal: Goal::AtMost(1.0 / 1.7),
    }];
    if cpython {
        rows.push(Row {
            id: "B11",
            case: "parallel behaviours, 2 workers (ns per number tested)".into(),
            n,
            floe_ns: two_ns,
            peer: "CPython 3, threads",
            peer_ns: per(&mut py),
            goal: Goal::Report,
        });
    }
    rows
}

/// Runs B11: the single-threaded rows on a thread with the interpreter's stack, then the
/// parallel rows in child processes.
pub fn run(cfg: Config) -> Vec<Row> {
    let mut out = std::thread::Builder::new()
        .stack_size(floe_interp::STACK_SIZE)
        .spawn(move || rows(cfg))
        .expect("spawn the B11 thread")
        .join()
        .expect("B11 does not panic");
    out.extend(parallel_rows(if cfg.samples <= Config::QUICK.samples {
        3
    } else {
        7
    }));
    out
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
