//! Bad input never crashes the interpreter (issues #7 and #16): random token soup, random
//! mutations of the example and conformance scripts, and hostile shapes (writes and
//! deletes of internal attributes, huge widths, precisions and repeats, odd `int` bases,
//! deep nesting) end in a clean run, a Python exception (status 1) or a syntax error
//! (status 2) — never a panic (which the run would report as `SystemError`), an abort or
//! a hang (a step limit stops runaway loops with `RuntimeError`).

use floe_interp::{run_source, Options};

#[path = "support/scripts.rs"]
mod scripts;
#[path = "support/graphs.rs"]
mod support;

/// A small deterministic generator (xorshift), seeded by quickcheck.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "x",
    "y",
    "f",
    "r",
    "Region",
    "freeze",
    "frozenlist",
    "frozendict",
    "close",
    "merge",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ".",
    "=",
    "==",
    "+",
    "-",
    "*",
    "**",
    "/",
    "//",
    "%",
    "<",
    ">",
    "not",
    "and",
    "or",
    "in",
    "is",
    "if",
    "else",
    "elif",
    "while",
    "for",
    "def",
    "class",
    "return",
    "lambda",
    "try",
    "except",
    "finally",
    "raise",
    "del",
    "pass",
    "break",
    "continue",
    "global",
    "nonlocal",
    "import",
    "from",
    "floe",
    "None",
    "True",
    "False",
    "0",
    "1",
    "-1",
    "10**20",
    "3.5",
    "'s'",
    "\"t\"",
    "f'{x}'",
    "\n",
    "\n    ",
    "*args",
    "**kw",
    "@",
    "assert",
    "yield",
    "yield from",
    "next",
    ".send(",
    ".throw(",
    ".close()",
    "(x for x in y)",
    "[x for x in y]",
    "map",
    "zip",
    "async",
    "with",
    "super()",
    "self",
];

fn sources() -> &'static [String] {
    static SOURCES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    SOURCES.get_or_init(read_sources)
}

fn read_sources() -> Vec<String> {
    scripts::paths()
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable"))
        .collect()
}

/// Runs `text` and checks it ended cleanly.
fn ends_cleanly(text: &str) -> bool {
    let options = Options {
        step_limit: Some(20_000),
        ..Options::default()
    };
    // A panic inside the interpreter thread is reported as a SystemError: it fails too.
    let out = run_source("fuzz.py", text, options);
    let clean = match out.status {
        0 => true,
        1 => {
            out.stderr.starts_with("Traceback (most recent call last):")
                && !out.stderr.contains("SystemError")
        }
        2 => out.stderr.contains("SyntaxError"),
        // A script that calls `sys.exit(n)` chooses its own status.
        _ => text.contains("exit(") && !out.stderr.contains("SystemError"),
    };
    if !clean {
        eprintln!(
            "--- script\n{text}\n--- status {}\n{}",
            out.status, out.stderr
        );
    }
    clean
}

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for _ in 0..1 + rng.below(3) {
        let n = lines.len();
        match rng.below(6) {
            0 if n > 1 => {
                lines.remove(rng.below(n));
            }
            1 => {
                let l = lines[rng.below(n)].clone();
                lines.insert(rng.below(n), l);
            }
            2 => {
                let (a, b) = (rng.below(n), rng.below(n));
                lines.swap(a, b);
            }
            3 => {
                // Replace one word of a line with a token.
                let i = rng.below(n);
                let mut words: Vec<String> = lines[i].split(' ').map(str::to_string).collect();
                let w = rng.below(words.len());
                words[w] = TOKENS[rng.below(TOKENS.len())].to_string();
                lines[i] = words.join(" ");
            }
            4 => {
                // Cut a line short.
                let i = rng.below(n);
                let cut = rng.below(lines[i].len() + 1);
                let cut = (0..=cut)
                    .rev()
                    .find(|&c| lines[i].is_char_boundary(c))
                    .unwrap_or(0);
                lines[i].truncate(cut);
            }
            _ => {
                let i = rng.below(n);
                let indent = if rng.below(2) == 0 { "    " } else { "" };
                lines.insert(i, format!("{indent}{}", TOKENS[rng.below(TOKENS.len())]));
            }
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn mutated_scripts_end_cleanly() {
    assert!(sources().len() >= 10);
    let prop = |seed: u64| {
        let mut rng = Rng(seed | 1);
        let base = &sources()[rng.below(sources().len())];
        ends_cleanly(&mutate(base, &mut rng))
    };
    support::quickcheck(150).quickcheck(prop as fn(u64) -> bool);
}

#[test]
fn token_soup_ends_cleanly() {
    let prop = |seed: u64| {
        let mut rng = Rng(seed | 1);
        let n = 1 + rng.below(40);
        let text: Vec<&str> = (0..n).map(|_| TOKENS[rng.below(TOKENS.len())]).collect();
        ends_cleanly(&(text.join(" ") + "\n"))
    };
    support::quickcheck(300).quickcheck(prop as fn(u64) -> bool);
}

/// Objects whose attributes the interpreter sets and later reads.
const INTERNAL_OBJECTS: &[&str] = &[
    "f",
    "g",
    "lambda: 0",
    "A().m",
    "[].append",
    "iter([1, 2])",
    "iter(range(3))",
    "iter('ab')",
    "gen()",
    "B().sup()",
];

const INTERNAL_ATTRS: &[&str] = &[
    "__code__",
    "__globals__",
    "__closure__",
    "__defaults__",
    "__kwdefaults__",
    "__name__",
    "__qualname__",
    "__func__",
    "__self__",
    "__seq__",
    "__i__",
    "__thisclass__",
    "cell_contents",
];

const VALUES: &[&str] = &[
    "5",
    "-1",
    "None",
    "'s'",
    "()",
    "(1, 2)",
    "{}",
    "[1]",
    "f",
    "g.__code__",
    "10**30",
    "A",
];

/// After the write or delete: what may read the attribute back.
const USES: &[&str] = &[
    "o()",
    "o(1)",
    "next(o)",
    "list(o)",
    "repr(o)",
    "print(o)",
    "o.m()",
    "o.__name__",
    "str(o)",
    "o.x",
];

/// One hostile statement: an internal attribute written or deleted and the object used,
/// a huge size, or an odd `int` base.
fn hostile(rng: &mut Rng) -> String {
    let pick = |rng: &mut Rng, from: &[&str]| from[rng.below(from.len())].to_string();
    // Small, or past the size cap (2**28): sizes in between only cost the test time.
    let big = |rng: &mut Rng| {
        let exp = [1, 2, 3, 4, 9, 10, 12, 19][rng.below(8)];
        format!("10**{exp}")
    };
    match rng.below(4) {
        0 => {
            let (obj, attr) = (pick(rng, INTERNAL_OBJECTS), pick(rng, INTERNAL_ATTRS));
            let change = if rng.below(3) == 0 {
                format!("del o.{attr}")
            } else {
                format!("o.{attr} = {}", pick(rng, VALUES))
            };
            format!("o = {obj}\n{change}\n{}", pick(rng, USES))
        }
        1 => {
            let (w, p) = (big(rng), big(rng));
            let shapes = [
                format!("f'{{1.5:{w}.{p}f}}'"),
                format!("f'{{7:{w}d}}'"),
                format!("f'{{2.5:.{p}e}}'"),
                format!("f'{{2.5:.{p}g}}'"),
                format!("f'{{\"x\":>{w}}}'"),
                format!("format(3, '0{w}')"),
                format!("'%{w}d' % 1"),
                format!("'%.{p}f' % 1.5"),
                format!("'x'.zfill({w})"),
                format!("'x'.center({w}, '*')"),
                format!("'x'.ljust({w})"),
                format!("'ab' * {w}"),
                format!("[0] * {w}"),
                format!("(1,) * {w}"),
            ];
            format!("x = len({})", shapes[rng.below(shapes.len())])
        }
        2 => {
            let chars = b"0xob_ +-19azZ\t";
            let n = rng.below(8);
            let text: String = (0..n)
                .map(|_| chars[rng.below(chars.len())] as char)
                .collect();
            let base = pick(
                rng,
                &["-1", "0", "1", "2", "8", "10", "16", "36", "37", "10**20"],
            );
            format!("int({text:?}, {base})")
        }
        _ => {
            let depth = 1 + rng.below(500);
            let (open, close, atom) = match rng.below(4) {
                0 => ("(", ")", "1"),
                1 => ("[", "]", ""),
                2 => ("-", "", "1"),
                _ => ("lambda: ", "", "1"),
            };
            format!("x = {}{atom}{}", open.repeat(depth), close.repeat(depth))
        }
    }
}

const HOSTILE_PRELUDE: &str = "\
def f(a=1, *, k=2):
    return a
def g():
    y = 1
    def h():
        return y
    return h
def gen():
    yield 1
class A:
    def m(self):
        return 1
class B(A):
    def sup(self):
        return super()
";

#[test]
fn hostile_shapes_end_in_python_exceptions() {
    let prop = |seed: u64| {
        let mut rng = Rng(seed | 1);
        let body: Vec<String> = (0..1 + rng.below(3))
            .map(|_| {
                // Each in its own try, so one script tries several shapes.
                let stmt = hostile(&mut rng).replace('\n', "\n    ");
                format!("try:\n    {stmt}\nexcept Exception as e:\n    print(type(e).__name__)\n")
            })
            .collect();
        ends_cleanly(&(HOSTILE_PRELUDE.to_string() + &body.concat()))
    };
    support::quickcheck(150).quickcheck(prop as fn(u64) -> bool);
}

/// Runs `text` and returns its status and the last line of its error.
fn status_and_error(text: &str) -> (i32, String) {
    let out = run_source("deep.py", text, Options::default());
    let last = out.stderr.lines().last().unwrap_or("").to_string();
    (out.status, last)
}

#[test]
fn deep_nesting_is_refused_before_the_stack_overflows() {
    let terms = vec!["1"; 300_000].join("+");
    let (status, error) = status_and_error(&format!("x = {terms}\n"));
    assert_eq!(status, 2, "{error}");
    assert!(
        error.contains("too many nested expressions and statements"),
        "{error}"
    );

    let minus = "-".repeat(100_000);
    let (status, error) = status_and_error(&format!("x = {minus}1\n"));
    assert_eq!(status, 2, "{error}");
    assert!(error.contains("too many nested expressions"), "{error}");

    // Nested scopes count as nesting too.
    let lambdas = "lambda: ".repeat(6_000);
    let (status, error) = status_and_error(&format!("f = {lambdas}1\n"));
    assert_eq!(status, 2, "{error}");
    assert!(
        error.contains("too many nested expressions and statements"),
        "{error}"
    );

    // Deep but within the limits: runs (parentheses add no depth to the tree).
    let parens = 100_000;
    let text = format!("print({}1{})\n", "(".repeat(parens), ")".repeat(parens));
    assert_eq!(status_and_error(&text), (0, String::new()));
    let text = format!("print(-({}1))\n", "-".repeat(4_000));
    assert_eq!(status_and_error(&text), (0, String::new()));
    let text = format!("f = {}1\nprint('ok')\n", "lambda: ".repeat(300));
    assert_eq!(status_and_error(&text), (0, String::new()));
}

/// Each nested function or lambda keeps only its own part of the syntax tree (not the
/// bodies nested in it, which their own code keeps), so thousands of levels compile and
/// run in memory linear in the depth (4,000 levels once took 1.4 GB).
#[test]
fn thousands_of_nested_functions_and_lambdas_compile_and_run() {
    let depth = 3_000;
    // Each level returns the next, called in a loop: deep nesting, shallow calls.
    let run_down = "while callable(f):\n    f = f()\nprint(f)\n";
    let lambdas = format!("x = 5\nf = {}x\n{run_down}", "lambda: ".repeat(depth));
    assert_prints(&lambdas, "5\n");
    // Functions, indented with tabs; the innermost reads the outermost's parameter
    // through every level's closure.
    let mut defs = String::new();
    for i in 0..depth {
        let arg = if i == 0 { "a" } else { "" };
        defs += &format!("{}def f{i}({arg}):\n", "\t".repeat(i));
    }
    defs += &format!("{}return a * 2\n", "\t".repeat(depth));
    for i in (1..depth).rev() {
        defs += &format!("{}return f{i}\n", "\t".repeat(i));
    }
    defs += &format!("f = f0(21)\n{run_down}");
    assert_prints(&defs, "42\n");
}

/// Runs `text` and checks it ends cleanly, having printed `expected`.
fn assert_prints(text: &str, expected: &str) {
    let out = run_source("deep.py", text, Options::default());
    let result = (out.status, out.stdout.as_str());
    assert_eq!(result, (0, expected), "{}", out.stderr);
}

#[test]
fn runaway_loops_stop_at_the_step_limit() {
    let options = Options {
        step_limit: Some(1_000),
        ..Options::default()
    };
    let out = run_source(
        "loop.py",
        "while True:\n    try:\n        pass\n    except:\n        pass\n",
        options,
    );
    assert_eq!(out.status, 1);
    assert!(
        out.stderr.ends_with("RuntimeError: step limit exceeded"),
        "{}",
        out.stderr
    );
}
