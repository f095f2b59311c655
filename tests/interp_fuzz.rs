//! Bad input never crashes the interpreter (issue #7): random token soup and random
//! mutations of the example and conformance scripts end in a clean run, a Python
//! exception (status 1) or a syntax error (status 2) — never a panic, an abort or a hang
//! (a step limit stops runaway loops with `RuntimeError`).

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
    // A panic inside the interpreter thread fails the property (run_source re-raises it).
    let out = run_source("fuzz.py", text, options);
    let clean = match out.status {
        0 => true,
        1 => out.stderr.starts_with("Traceback (most recent call last):"),
        2 => out.stderr.contains("SyntaxError"),
        _ => false,
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
