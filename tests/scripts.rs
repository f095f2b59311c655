//! The conformance scripts: every `tests/scripts/*.py` (and every teaching example in
//! `examples/`) runs under `floe`, and what it prints must equal the `.out` file beside it. A script that ends with an uncaught
//! exception has `--- exit N` and the last line of the traceback at the end of its `.out`.
//!
//! A first-line comment `# policy: NAME=VALUE, ...` sets the run's policies (semantics §3–§4).
//! Scripts marked `# oracle: python3` use only CPython-compatible features; their `.out`
//! is also checked against CPython itself when `python3` is on the PATH, so the expected
//! output is not just what floe happens to print.
//!
//! `FLOE_BLESS=1 cargo test -p floe-tests --test scripts` rewrites the `.out` files (review
//! the diff before committing).

use std::path::{Path, PathBuf};
use std::process::Command;

use floe_interp::{run_source, Options};

#[path = "support/scripts.rs"]
mod support;

fn scripts() -> Vec<PathBuf> {
    support::paths()
}

fn header(text: &str, key: &str) -> Option<String> {
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| {
            l.strip_prefix(&format!("# {key}:"))
                .map(|v| v.trim().to_string())
        })
}

/// What a run printed, in the `.out` format, with object addresses and region numbers
/// (which differ from run to run) written as `0x…` and `region#…`.
fn transcript(stdout: &str, stderr: &str, status: i32) -> String {
    let mut t = stdout.to_string();
    if status != 0 {
        let last = stderr.lines().last().unwrap_or("");
        t.push_str(&format!("--- exit {status}\n{last}\n"));
    }
    normalise(&t)
}

fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(['0', 'r']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let (prefix, mark) = if rest.starts_with("0x") {
            ("0x", "0x…")
        } else if rest.starts_with("region#") {
            ("region#", "region#…")
        } else {
            out.push_str(&rest[..1]);
            rest = &rest[1..];
            continue;
        };
        let digits = rest[prefix.len()..]
            .find(|c: char| !c.is_ascii_hexdigit())
            .unwrap_or(rest.len() - prefix.len());
        if digits == 0 {
            out.push_str(prefix);
        } else {
            out.push_str(mark);
        }
        rest = &rest[prefix.len() + digits..];
    }
    out.push_str(rest);
    out
}

fn run(path: &Path) -> (String, String) {
    let text = std::fs::read_to_string(path).expect("a readable script");
    let mut options = Options::default();
    if let Some(policies) = header(&text, "policy") {
        for p in policies.split(',') {
            options.set_policy(p).expect("a valid policy header");
        }
    }
    // The path from the test's directory (its working directory): the script's own
    // modules are found beside it.
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .to_string_lossy()
        .to_string();
    let out = run_source(&name, &text, options);
    (text, transcript(&out.stdout, &out.stderr, out.status))
}

#[test]
fn addresses_and_region_numbers_are_normalised() {
    assert_eq!(
        normalise("list 0x7f3a (in region#12) and 0 or rx"),
        "list 0x… (in region#…) and 0 or rx"
    );
}

#[test]
fn every_script_prints_its_expected_output() {
    let bless = std::env::var_os("FLOE_BLESS").is_some();
    let mut failures = Vec::new();
    let all = scripts();
    assert!(
        all.len() >= 10,
        "the conformance directory lost its scripts"
    );
    for path in all {
        let (_, actual) = run(&path);
        let expected_path = path.with_extension("out");
        if bless {
            std::fs::write(&expected_path, &actual).expect("write .out");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has no .out file", path.display()));
        if expected != actual {
            failures.push(format!(
                "{}:\n--- expected\n{expected}\n--- actual\n{actual}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn oracle_scripts_print_what_cpython_prints() {
    let python = Command::new("python3").arg("--version").output();
    if python.is_err() {
        eprintln!("python3 not found: the CPython oracle is skipped");
        return;
    }
    let mut checked = 0;
    for path in scripts() {
        let text = std::fs::read_to_string(&path).expect("a readable script");
        if header(&text, "oracle").as_deref() != Some("python3") {
            continue;
        }
        let out = Command::new("python3")
            .arg(path.file_name().expect("a file"))
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .current_dir(path.parent().expect("a directory"))
            .output()
            .expect("python3 runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let cpython = transcript(
            &String::from_utf8_lossy(&out.stdout),
            &stderr,
            out.status.code().unwrap_or(-1),
        );
        let expected = std::fs::read_to_string(path.with_extension("out")).expect("a .out file");
        assert_eq!(
            cpython,
            expected,
            "CPython disagrees with {}",
            path.display()
        );
        checked += 1;
    }
    assert!(checked > 0, "no oracle script was checked");
}
