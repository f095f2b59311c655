//! `floe-bench`: runs Floe and its peers side by side and prints the ratio table
//! (protocol: `shared/spec/benchmarks.md`). Results go to `bench/results/` as
//! `latest.csv`, `latest.md`, one SVG plot per benchmark and `index.html`.
//!
//! ```text
//! cargo run --release -p floe-bench -- all [--quick]
//! cargo run --release -p floe-bench -- b1   # or b4, b5, b6
//! ```

/// Floe's objects are many small allocations; mimalloc serves them from per-thread free
/// lists. Every contender, Floe and peers alike, runs on the same allocator, which also
/// counts the calling thread's live bytes for B12.
#[global_allocator]
static ALLOCATOR: harness::CountingAlloc = harness::CountingAlloc;

mod b1;
mod b10;
mod b11;
mod b12;
mod b2;
mod b3;
mod b4;
mod b5;
mod b6;
mod b7;
mod b8;
mod b9;
mod harness;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use harness::Config;

/// Which benchmarks to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Which {
    /// Every benchmark.
    All,
    /// B1: deep freeze of six graph shapes.
    B1,
    /// B2: freeze of a whole closed region.
    B2,
    /// B3: a region moved between threads and back through cowns.
    B3,
    /// B4: a store through the write barrier vs a raw store.
    B4,
    /// B5: capture of a local graph into a region.
    B5,
    /// B6: allocate n objects, drop them.
    B6,
    /// B7: frozen dict lookups, 1 and 2 threads.
    B7,
    /// B8: frozen list index, iterate, parallel sum.
    B8,
    /// B9: two threads taking references to one frozen object.
    B9,
    /// B10: behaviour throughput against an mpsc worker pool.
    B10,
    /// B11: the interpreter on scripts, against CPython.
    B11,
    /// B12: memory, bytes per object.
    B12,
}

/// Floe's side-by-side benchmarks.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// The benchmarks to run.
    #[arg(value_enum, default_value = "all")]
    which: Which,
    /// Smoke run: the minimum number of samples (for CI).
    #[arg(long)]
    quick: bool,
    /// Where to write latest.csv, latest.md, the SVG plots and index.html.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/results"))]
    out: PathBuf,
}

const SIZES: [u64; 3] = [1_000, 100_000, 1_000_000];

fn main() -> ExitCode {
    // B11's parallel rows re-run this binary as a child with a worker count of their own.
    if let Some(script) = std::env::var_os(b11::RUN_SCRIPT) {
        return b11::run_script_here(std::path::Path::new(&script));
    }
    let args = Args::parse();
    let cfg = if args.quick {
        Config::QUICK
    } else {
        Config::FULL
    };
    if cfg!(debug_assertions) {
        eprintln!("warning: floe-bench built without --release; figures are meaningless");
    }
    let mut rows = Vec::new();
    if matches!(args.which, Which::All | Which::B1) {
        // CPython's deepcopy takes seconds at 1e6: the smoke run stops at 1e5.
        let sizes: &[u64] = if args.quick { &SIZES[..2] } else { &SIZES };
        rows.extend(b1::run(cfg, sizes));
    }
    if matches!(args.which, Which::All | Which::B2) {
        rows.extend(b2::run(cfg, &SIZES));
    }
    if matches!(args.which, Which::All | Which::B3) {
        rows.extend(b3::run(cfg, &SIZES));
    }
    if matches!(args.which, Which::All | Which::B4) {
        rows.extend(b4::run(cfg, &SIZES));
    }
    if matches!(args.which, Which::All | Which::B5) {
        rows.extend(b5::run(cfg, &SIZES));
    }
    if matches!(args.which, Which::All | Which::B6) {
        rows.extend(b6::run(cfg, &SIZES));
    }
    if matches!(args.which, Which::All | Which::B7) {
        rows.extend(b7::run(cfg, &[100, 10_000, 1_000_000]));
    }
    if matches!(args.which, Which::All | Which::B8) {
        rows.extend(b8::run(cfg, &SIZES));
    }
    if matches!(args.which, Which::All | Which::B9) {
        rows.extend(b9::run(cfg, 1_000_000));
    }
    if matches!(args.which, Which::All | Which::B10) {
        rows.extend(b10::run(cfg, 20_000));
    }
    if matches!(args.which, Which::All | Which::B11) {
        rows.extend(b11::run(cfg));
    }
    if matches!(args.which, Which::All | Which::B12) {
        rows.extend(b12::collections_rows(&[8, 1_000, 1_000_000]));
        rows.extend(b12::object_rows(1_000));
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let preamble = format!(
        "# Floe benchmarks\n\nProduced by `cargo run --release -p floe-bench -- {which}{quick}` \
         ({samples} interleaved samples after {warmup} warm-up runs per contender; medians in ns \
         per operation or object; ratio = floe/peer, lower is better; {cores} cores).",
        which = format!("{:?}", args.which).to_lowercase(),
        quick = if args.quick { " --quick" } else { "" },
        samples = cfg.samples,
        warmup = cfg.warmup,
    );
    print!("{}", report::text_table(&rows));
    match report::write_all(&args.out, &rows, &preamble) {
        Ok(()) => {
            println!("written to {}", args.out.join("latest.csv").display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write results to {}: {e}", args.out.display());
            ExitCode::FAILURE
        }
    }
}
