//! Executable RFCs: every ```` ```python ```` block in `RFCs/*.md` runs under `floe`, so
//! the documents cannot drift from the interpreter.
//!
//! A line may end with `# -> EXPECTED`:
//! - `# -> SomeError` or `# -> SomeError: text` — the line must raise that exception (or a
//!   subclass named so), its message containing `text`;
//! - otherwise the line is a `print(...)` call or an expression: what it prints (for an
//!   expression, its `repr`) must equal `EXPECTED`.
//!
//! Any other exception fails the block. Each block runs as its own script.

use std::path::Path;

use floe_interp::{run_source, Options};

/// One `# ->` expectation: the line it belongs to and what it expects.
struct Check {
    line: usize,
    code: String,
    expected: String,
}

fn is_exception_name(s: &str) -> bool {
    let name = s.split(':').next().unwrap_or("").trim();
    !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && (name.ends_with("Error") || name.ends_with("Exception"))
}

/// Rewrites a block so that each checked line reports what it printed or raised between
/// markers, and returns the checks.
fn instrument(block: &str) -> (String, Vec<Check>) {
    let mut out = String::new();
    let mut checks = Vec::new();
    for (n, line) in block.lines().enumerate() {
        let Some((code, expected)) = line.split_once("# ->") else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
        let code = code.trim().to_string();
        let expected = expected.trim().to_string();
        let body = if is_exception_name(&expected) || code.starts_with("print(") {
            code.clone()
        } else {
            format!("print(repr({code}))")
        };
        let id = checks.len();
        out.push_str(&format!(
            "{indent}print('@@begin {id}')\n{indent}try:\n{indent}    {body}\n{indent}except BaseException as __rfc_e:\n{indent}    print('@@raised', type(__rfc_e).__name__ + ': ' + str(__rfc_e))\n{indent}print('@@end {id}')\n"
        ));
        checks.push(Check {
            line: n + 1,
            code,
            expected,
        });
    }
    (out, checks)
}

/// What check `id` printed, from the run's output.
fn section(stdout: &str, id: usize) -> Option<String> {
    let begin = format!("@@begin {id}\n");
    let end = format!("@@end {id}\n");
    let start = stdout.find(&begin)? + begin.len();
    let stop = stdout[start..].find(&end)? + start;
    Some(stdout[start..stop].trim_end().to_string())
}

fn python_blocks(text: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (n, line) in text.lines().enumerate() {
        match &mut current {
            None if line.trim_start() == "```python" => current = Some((n + 2, String::new())),
            Some(_) if line.trim_start() == "```" => blocks.push(current.take().expect("open")),
            Some((_, body)) => {
                body.push_str(line);
                body.push('\n');
            }
            None => {}
        }
    }
    blocks
}

fn check_block(file: &str, start: usize, block: &str) -> Vec<String> {
    let (script, checks) = instrument(block);
    let out = run_source(file, &script, Options::default());
    let mut failures = Vec::new();
    if out.status != 0 {
        failures.push(format!("{file}:{start}: the block failed:\n{}", out.stderr));
        return failures;
    }
    for (id, c) in checks.iter().enumerate() {
        let at = format!("{file}:{}: `{}`", start + c.line - 1, c.code);
        let Some(got) = section(&out.stdout, id) else {
            failures.push(format!("{at}: never ran"));
            continue;
        };
        if is_exception_name(&c.expected) {
            let (name, text) = c
                .expected
                .split_once(':')
                .map_or((c.expected.as_str(), ""), |(n, t)| (n, t.trim()));
            let ok = got.starts_with(&format!("@@raised {}:", name.trim())) && got.contains(text);
            if !ok {
                failures.push(format!("{at}: expected {}, got {got:?}", c.expected));
            }
        } else if got != c.expected {
            failures.push(format!("{at}: expected {:?}, got {got:?}", c.expected));
        }
    }
    failures
}

#[test]
fn every_python_block_in_the_rfcs_runs_and_its_expectations_hold() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../RFCs");
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("RFCs/ exists")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let name = path
            .file_name()
            .expect("a file")
            .to_string_lossy()
            .to_string();
        for (start, block) in python_blocks(&text) {
            checked += block.matches("# ->").count();
            failures.extend(check_block(&name, start, &block));
        }
    }
    assert!(
        checked >= 20,
        "the RFCs lost their executable examples ({checked} checks)"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_wrong_expectation_is_reported() {
    let block = "x = [1]\nlen(x)  # -> 2\nx.append(1)  # -> TypeError\nprint(x)  # -> [1, 1]\n";
    let failures = check_block("t.md", 1, block);
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert!(
        failures[0].contains("expected \"2\", got \"1\""),
        "{failures:?}"
    );
    assert!(failures[1].contains("expected TypeError"), "{failures:?}");
}
