//! `quiesce` in a program that never scheduled a behaviour starts no worker: every
//! program waits for its behaviours at exit, and one that had none must not pay for
//! starting the pool there. A test binary of its own, so that no other test has started
//! the pool first.

/// The number of threads in this process (Linux's `/proc`); `None` elsewhere.
fn threads() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|n| n.trim().parse().ok())
}

#[test]
fn quiesce_without_behaviours_starts_no_worker() {
    let Some(before) = threads() else {
        eprintln!("no /proc/self/status: skipped");
        return;
    };
    floe_cowns::quiesce().expect("not on a worker");
    assert_eq!(threads(), Some(before), "quiesce started threads");
    // The pool, once asked for, does start its workers (the count above can see them).
    assert!(floe_cowns::workers() >= 1);
    assert!(threads().expect("read above") > before);
}
