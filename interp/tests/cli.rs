//! The `floe` command as a user runs it: exit codes, stderr, policies, the REPL on a pipe.

use std::io::Write;
use std::process::{Command, Stdio};

fn floe() -> Command {
    Command::new(env!("CARGO_BIN_EXE_floe"))
}

fn script(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("floe-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the script");
    path
}

#[test]
fn run_prints_and_exits_0() {
    let out = floe()
        .arg("run")
        .arg(script("ok.py", "print('hi', 1 + 1)\n"))
        .output()
        .unwrap();
    assert_eq!(
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).as_ref()
        ),
        (Some(0), "hi 2\n")
    );
}

#[test]
fn an_uncaught_exception_prints_a_traceback_and_exits_1() {
    let path = script("boom.py", "def f():\n    raise ValueError('bad')\nf()\n");
    let out = floe().arg("run").arg(&path).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.starts_with("Traceback (most recent call last):"),
        "{err}"
    );
    assert!(
        err.contains("line 2, in f\n    raise ValueError('bad')"),
        "{err}"
    );
    assert!(err.trim_end().ends_with("ValueError: bad"), "{err}");
}

#[test]
fn a_cown_still_waiting_for_its_region_at_exit_is_a_traceback_to_where_it_was_made() {
    // Found by the fuzzer: this ending printed a bare `IsolationError:` line.
    let path = script(
        "late.py",
        "from floe import Cown, Region\nr = Region('late')\nr.items = [1]\nalias = r.items\n\
         c = Cown(r)\nprint('made')\n",
    );
    let out = floe().arg("run").arg(&path).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.starts_with("Traceback (most recent call last):\n"),
        "{err}"
    );
    assert!(
        err.contains("line 5, in <module>\n    c = Cown(r)\n"),
        "{err}"
    );
    assert!(
        err.contains("IsolationError: Cown(r) never received its region"),
        "{err}"
    );
}

#[test]
fn unsupported_syntax_exits_2_with_its_location() {
    let out = floe()
        .arg("run")
        .arg(script("async.py", "async def f():\n    pass\n"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("`async def` is not supported by floe (") && err.contains("async.py:1:1"),
        "{err}"
    );
}

#[test]
fn policies_are_set_per_run_and_checked() {
    let text = "from floe import freeze, is_frozen\na = [1]\nb = [a]\nc = [a]\nfreeze(b)\nprint(is_frozen(a))\n";
    let path = script("policy.py", text);
    let raised = floe().arg("run").arg(&path).output().unwrap();
    assert_eq!(raised.status.code(), Some(1), "the default policy raises");
    let allowed = floe()
        .args(["run", "--policy", "freeze_aliases=allow"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&allowed.stdout), "True\n");
    let bad = floe()
        .args(["run", "--policy", "colour=blue"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown policy colour=blue"));
}

#[test]
fn version_and_a_missing_file() {
    let v = floe().arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&v.stdout).starts_with("floe "));
    let missing = floe().args(["run", "/nonexistent/x.py"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn the_repl_keeps_state_between_lines_and_survives_errors() {
    let mut child = floe()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = "x = [1, 2]\nx + [3]\n1/0\ndef f(a):\n    return a * 2\n\nf(len(x))\n";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("[1, 2, 3]\n") && stdout.contains("4\n"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("ZeroDivisionError"));
    assert_eq!(out.status.code(), Some(0));
}
