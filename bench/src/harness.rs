//! Measurement per the benchmark protocol (`shared/spec/benchmarks.md`): warm up, then
//! take interleaved samples (Floe, peer 1, peer 2, Floe, …) so drift hits every contender
//! alike, and report each contender's median.

use std::time::{Duration, Instant};

/// How many samples to take.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// Untimed runs of each contender before sampling.
    pub warmup: usize,
    /// Timed runs of each contender (at least 10, per the protocol).
    pub samples: usize,
}

impl Config {
    /// The smoke-run configuration CI can afford.
    pub const QUICK: Config = Config {
        warmup: 1,
        samples: 10,
    };
    /// The configuration for figures worth quoting.
    pub const FULL: Config = Config {
        warmup: 3,
        samples: 31,
    };
}

/// One contender: a name and a run that returns the time of the part being measured
/// (so a run can exclude its own setup).
pub struct Contender<'a> {
    /// The name printed in the `peer` column (`"floe"` for Floe itself).
    pub name: &'static str,
    run: Box<dyn FnMut() -> Duration + 'a>,
}

impl<'a> Contender<'a> {
    /// A contender whose whole run is timed.
    pub fn whole(name: &'static str, mut run: impl FnMut() + 'a) -> Contender<'a> {
        Contender {
            name,
            run: Box::new(move || {
                let start = Instant::now();
                run();
                start.elapsed()
            }),
        }
    }
}

impl<'a> Contender<'a> {
    /// A contender that prepares its input untimed, times `op` on it, and drops what `op`
    /// returns after the timer stopped (so setup and teardown are not measured).
    pub fn prepared<S, R>(
        name: &'static str,
        mut setup: impl FnMut() -> S + 'a,
        mut op: impl FnMut(S) -> R + 'a,
    ) -> Contender<'a> {
        Contender {
            name,
            run: Box::new(move || {
                let input = setup();
                let start = Instant::now();
                let out = op(input);
                let elapsed = start.elapsed();
                drop(out);
                elapsed
            }),
        }
    }
}

thread_local! {
    static LIVE_BYTES: std::cell::Cell<isize> = const { std::cell::Cell::new(0) };
}

/// mimalloc, counting the bytes each thread allocates minus those it frees while B12
/// measures ([`counting_live_bytes`]).
pub struct CountingAlloc;

/// Whether [`CountingAlloc`] counts: only while B12 measures ([`counting_live_bytes`]), so
/// that the other rows pay one relaxed load per allocation, not a thread-local update.
static COUNTING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

#[inline]
fn count(delta: isize) {
    if COUNTING.load(std::sync::atomic::Ordering::Relaxed) {
        // `try_with`: allocations during thread teardown are simply not counted.
        let _ = LIVE_BYTES.try_with(|c| c.set(c.get() + delta));
    }
}

// SAFETY: every method forwards to mimalloc with the caller's arguments unchanged, so
// mimalloc's own `GlobalAlloc` contract carries over; the counting touches only a
// const-initialised thread-local cell, which never allocates.
unsafe impl std::alloc::GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        count(layout.size() as isize);
        // SAFETY: forwarded (the caller's layout obligations).
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        count(-(layout.size() as isize));
        // SAFETY: forwarded: `ptr` came from this allocator with `layout`.
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        count(layout.size() as isize);
        // SAFETY: forwarded.
        unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new: usize) -> *mut u8 {
        count(new as isize - layout.size() as isize);
        // SAFETY: forwarded: `ptr` came from this allocator with `layout`.
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new) }
    }
}

/// The bytes the calling thread has allocated and not freed while `f` ran (as requested:
/// what the allocator rounds up to is not counted, on either side of a comparison),
/// and `f`'s result.
pub fn counting_live_bytes<R>(f: impl FnOnce() -> R) -> (isize, R) {
    use std::sync::atomic::Ordering::Relaxed;
    let before = LIVE_BYTES.with(std::cell::Cell::get);
    COUNTING.store(true, Relaxed);
    let r = f();
    COUNTING.store(false, Relaxed);
    (LIVE_BYTES.with(std::cell::Cell::get) - before, r)
}

/// Touches a buffer larger than the last-level cache, so that what runs next starts with
/// cold caches whatever ran before: for rows that compare sizes with an operation so short
/// that the cache state the setup left behind would otherwise decide the ratio.
pub fn evict_caches() {
    const BYTES: usize = 64 << 20;
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![1; BYTES]);
    }
    BUFFER.with(|b| {
        let mut b = b.borrow_mut();
        for line in b.chunks_mut(64) {
            line[0] = line[0].wrapping_add(1);
        }
        std::hint::black_box(&*b);
    });
}

/// The median of `xs` (the mean of the two middle values for an even count).
pub fn median(xs: &mut [f64]) -> f64 {
    assert!(!xs.is_empty(), "median of no samples");
    xs.sort_by(f64::total_cmp);
    let mid = xs.len() / 2;
    if xs.len() % 2 == 1 {
        xs[mid]
    } else {
        (xs[mid - 1] + xs[mid]) / 2.0
    }
}

/// Runs every contender `cfg.samples` times, interleaved, and returns each one's name and
/// median time per operation in nanoseconds, in the order given. `ops` is the number of
/// operations (or objects) one run performs.
pub fn measure(
    cfg: Config,
    ops: u64,
    contenders: &mut [Contender<'_>],
) -> Vec<(&'static str, f64)> {
    for _ in 0..cfg.warmup {
        for c in contenders.iter_mut() {
            (c.run)();
        }
    }
    let mut samples = vec![Vec::with_capacity(cfg.samples); contenders.len()];
    for _ in 0..cfg.samples {
        for (c, out) in contenders.iter_mut().zip(&mut samples) {
            out.push((c.run)().as_nanos() as f64 / ops as f64);
        }
    }
    contenders
        .iter()
        .zip(&mut samples)
        .map(|(c, s)| (c.name, median(s)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
    }

    #[test]
    fn measure_interleaves_and_reports_every_contender() {
        let order = std::cell::RefCell::new(Vec::new());
        let mut contenders = [
            Contender::whole("a", || order.borrow_mut().push('a')),
            Contender::whole("b", || order.borrow_mut().push('b')),
        ];
        let cfg = Config {
            warmup: 1,
            samples: 3,
        };
        let medians = measure(cfg, 1, &mut contenders);
        let names: Vec<&str> = medians.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["a", "b"]);
        assert!(medians.iter().all(|(_, m)| *m >= 0.0));
        let seen: String = order.borrow().iter().collect();
        assert_eq!(seen, "abababab", "warm-up then interleaved samples");
    }
}
