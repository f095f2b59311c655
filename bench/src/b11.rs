//! B11: the interpreter on the scripts in `bench/scripts/`.
//!
//! - Single-threaded: against CPython running the same scripts (`scripts/b11_peer.py`
//!   times them in-process, startup excluded, as floe's side is timed in-process too).
//!   - `b11_objects`, `b11_churn`, `b11_freeze`: the interpreter's own workloads
//!     (method calls and attribute updates; dict/list churn; building and freezing
//!     records). Goal: ≤ 2× CPython.
//!   - The classic suite, every `scripts/classic/*.py` (a directory scan, in name order):
//!     CPU-bound programs of the kinds used to compare Python implementations
//!     (pyperformance, the Computer Language Benchmarks Game). Each prints the same under
//!     floe and `python3` (checked by `tests/classic_scripts.rs`); each has a row (goal
//!     ≤ 1.5× CPython, issue #13), and one more row gives the geometric mean of their
//!     floe/CPython ratios (goal ≤ 1.5×).
//!
//!   | script | program | exercises |
//!   |---|---|---|
//!   | `comprehensions` | a toy report: group, join, transpose, matrix product, sieve | list/dict/set comprehensions, `sorted` with keys |
//!   | `fannkuch` | fannkuch-redux over the permutations of 7 | slices, slice assignment, small ints |
//!   | `float_points` | normalise 3-D points, reduce to max and mean | instances with float attributes, `** 0.5` |
//!   | `generators` | a log analysis through generator pipelines, a `yield from` tree walk, a `send` coroutine | generators, generator expressions, lazy `map`/`zip`/`enumerate` |
//!   | `nbody` | the Sun and four planets, symplectic Euler | float arithmetic on lists |
//!   | `nqueens` | count (and reduce by symmetry) N-queens solutions, n = 4..8 | recursion, closures, boolean lists, sets of tuples |
//!   | `raytrace` | spheres and a checkered plane, shadows, reflection | many small vector objects, operator methods |
//!   | `richards` | Richards' operating-system task scheduler | polymorphic method calls, linked lists |
//!   | `spectral_norm` | power method on AᵀA | calls in inner loops, int/float mixing |
//!   | `sudoku` | candidate sets and depth-first search, three puzzles | sets, recursion, list copies |
//!   | `tictactoe` | minimax with alpha-beta over the whole game | recursion, list mutation and undo |
//!   | `wordfreq` | generate text by an LCG, count words and letter pairs | strings, `split`/`join`, dict counting |
//!
//!   The scripts were written before floe had `math` and `random` (RFC-0006 §9): they
//!   write `** 0.5` for `math.sqrt` and a linear congruential generator for `random`.
//! - Parallel (`b11_parallel.py`, behaviours): 2 workers against 1 (each a child process
//!   with `FLOE_WORKERS` set; goal ≥ 1.7× faster), and against CPython running the same
//!   work on threads (the script falls back to threads where `floe` cannot be imported;
//!   CPython has a GIL).
//!
//! Every script declares its work size as `N = ...` on a line of its own; a row's times
//! are per unit of N.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use floe_interp::{run_with, Options};

use crate::harness::{median, Config};
use crate::report::{Goal, Row};

/// A single-threaded B11 script.
struct Script {
    /// The file name without `.py`.
    name: String,
    path: PathBuf,
    /// The work size the script declares.
    n: u64,
    /// Whether it belongs to the classic suite (`scripts/classic/`).
    classic: bool,
}

/// The work size a script declares as `N = ...` on a line of its own.
fn declared_n(path: &Path) -> u64 {
    let text = std::fs::read_to_string(path).expect("a B11 script");
    text.lines()
        .find_map(|l| l.strip_prefix("N = "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("{} declares no `N = ...` line", path.display()))
}

/// The single-threaded scripts: B11's own three, then the classic suite in name order.
fn scripts() -> Vec<Script> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts");
    let own = ["b11_objects", "b11_churn", "b11_freeze"]
        .map(|name| (dir.join(format!("{name}.py")), false));
    let mut classic: Vec<PathBuf> = std::fs::read_dir(dir.join("classic"))
        .expect("bench/scripts/classic")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    classic.sort();
    own.into_iter()
        .chain(classic.into_iter().map(|p| (p, true)))
        .map(|(path, classic)| Script {
            name: path
                .file_stem()
                .expect("a file")
                .to_string_lossy()
                .into_owned(),
            n: declared_n(&path),
            path,
            classic,
        })
        .collect()
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
    // The classic suite's per-unit times, floe's and CPython's, for the geometric mean.
    let mut classic = Vec::new();
    for script in scripts() {
        let text = std::fs::read_to_string(&script.path).expect("readable");
        floe_once(&script.path, &text); // warm-up
        let mut times: Vec<f64> = (0..samples)
            .map(|_| floe_once(&script.path, &text))
            .collect();
        let floe_ns = median(&mut times) * 1e9 / script.n as f64;
        if let Some(py) = cpython(&script.path, samples) {
            let peer_ns = py * 1e9 / script.n as f64;
            let (case, goal) = if script.classic {
                classic.push((floe_ns, peer_ns));
                (format!("classic {} (ns per unit of N)", script.name), 1.5)
            } else {
                (format!("script {} (ns per unit of N)", script.name), 2.0)
            };
            rows.push(Row {
                id: "B11",
                case,
                n: script.n,
                floe_ns,
                peer: "CPython 3",
                peer_ns,
                goal: Goal::AtMost(goal),
            });
        }
    }
    if !classic.is_empty() {
        // The geometric mean of the ratios is the ratio of the geometric means.
        let geomean = |xs: &mut dyn Iterator<Item = f64>| {
            let logs: Vec<f64> = xs.map(f64::ln).collect();
            (logs.iter().sum::<f64>() / logs.len() as f64).exp()
        };
        rows.push(Row {
            id: "B11",
            case: format!(
                "classic suite, geometric mean of {} scripts (ns per unit of N)",
                classic.len()
            ),
            n: classic.len() as u64,
            floe_ns: geomean(&mut classic.iter().map(|c| c.0)),
            peer: "CPython 3",
            peer_ns: geomean(&mut classic.iter().map(|c| c.1)),
            goal: Goal::AtMost(1.5),
        });
    }
    rows
}
