//! B11's classic suite (`bench/scripts/classic/*.py`) prints the same under floe as under
//! CPython. Each script runs at a small size — its `N = ...` line rewritten to `N = 1` —
//! so the whole suite takes seconds in a debug build; the benchmark runs the declared
//! size. Skipped, with a message, when `python3` is not on the PATH.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use floe_interp::{run_source, Options};

/// The classic scripts, in name order.
fn classic_scripts() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/scripts/classic");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    paths.sort();
    paths
}

/// `text` with its `N = ...` line replaced by `N = small`; `None` without such a line.
fn at_size(text: &str, small: u64) -> Option<String> {
    let mut found = false;
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            if !found && l.starts_with("N = ") {
                found = true;
                format!("N = {small}")
            } else {
                l.to_string()
            }
        })
        .collect();
    found.then(|| lines.join("\n") + "\n")
}

/// What CPython prints for `text` (read from stdin), or its failure.
fn cpython(text: &str) -> Result<String, String> {
    let mut child = Command::new("python3")
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(text.as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[test]
fn the_size_line_is_rewritten() {
    assert_eq!(
        at_size("# N = 5 in a comment\nN = 20000\nM = N\n", 1).as_deref(),
        Some("# N = 5 in a comment\nN = 1\nM = N\n")
    );
    assert_eq!(at_size("n = 3\n", 1), None);
}

#[test]
fn classic_scripts_print_what_cpython_prints() {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("python3 not found: the classic suite's CPython comparison is skipped");
        return;
    }
    let scripts = classic_scripts();
    assert!(
        scripts.len() >= 10,
        "the classic suite has {} scripts, fewer than ten",
        scripts.len()
    );
    let mut failures = Vec::new();
    for path in scripts {
        let name = path
            .file_name()
            .expect("a file")
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&path).expect("a readable script");
        let small = at_size(&text, 1).unwrap_or_else(|| panic!("{name} has no `N = ...` line"));
        let floe = run_source(&name, &small, Options::default());
        if floe.status != 0 {
            failures.push(format!("{name} failed under floe:\n{}", floe.stderr));
            continue;
        }
        assert!(!floe.stdout.is_empty(), "{name} printed nothing");
        match cpython(&small) {
            Ok(expected) if expected == floe.stdout => {}
            Ok(expected) => failures.push(format!(
                "{name}:\n--- python3\n{expected}--- floe\n{}",
                floe.stdout
            )),
            Err(e) => failures.push(format!("{name} failed under python3:\n{e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
