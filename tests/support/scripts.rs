//! The Python scripts the interpreter tests run: the conformance scripts in
//! `tests/scripts/` and the teaching examples in `examples/`, in path order.

use std::path::{Path, PathBuf};

/// Every `.py` file of both directories.
pub fn paths() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [root.join("scripts"), root.join("../examples")] {
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("a directory entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "py"));
        out.extend(entries);
    }
    out.sort();
    out
}
