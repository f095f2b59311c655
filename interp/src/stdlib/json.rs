//! `json`: `dumps`/`dump` and `loads`/`load`, with CPython 3.11's output byte for byte
//! (its separators, indentation, `ensure_ascii` escapes, float reprs, `NaN` and
//! `Infinity`) and its decoder's error messages and positions
//! (`JSONDecodeError`, a `ValueError`).

use std::sync::OnceLock;

use floe_core::{Class, Frozen, List, Value};

use super::args::{given, params, Style};
use super::classes::native_class;
use super::Spec;
use crate::errors::{Exc, Flow};
use crate::interp::{Args, Interp};
use crate::ops::as_big;
use crate::text::float_repr;
use crate::Res;

pub(super) const SPEC: Spec = Spec {
    name: "json",
    fns: &[
        ("dumps", dumps),
        ("dump", dump),
        ("loads", loads),
        ("load", load),
    ],
    consts: || vec![("JSONDecodeError", decode_error_class().into())],
};

/// `json.JSONDecodeError`.
fn decode_error_class() -> Class {
    static CLASS: OnceLock<Frozen> = OnceLock::new();
    native_class(&CLASS, "JSONDecodeError", "ValueError", &[])
}

// ----- encoding -----

/// The keyword arguments of `dumps` and `dump`.
const DUMP_KEYWORDS: [&str; 10] = [
    "skipkeys",
    "ensure_ascii",
    "check_circular",
    "allow_nan",
    "cls",
    "indent",
    "separators",
    "default",
    "sort_keys",
    "obj",
];

/// How to encode: the options of one `dumps` call.
struct Encoder {
    skipkeys: bool,
    ensure_ascii: bool,
    check_circular: bool,
    allow_nan: bool,
    /// The indentation of one level (`None`: all on one line).
    indent: Option<String>,
    item_sep: String,
    key_sep: String,
    default: Option<Value>,
    sort_keys: bool,
    /// The identities of the containers being encoded (for circular references).
    open: Vec<usize>,
}

impl Encoder {
    fn new(me: &mut Interp, kw: [Option<Value>; 9]) -> Res<Encoder> {
        let [skipkeys, ensure_ascii, check_circular, allow_nan, cls, indent, separators, default, sort_keys] =
            kw;
        let mut flag = |v: Option<Value>, default: bool| match v {
            Some(v) => me.truthy(&v),
            None => Ok(default),
        };
        let (skipkeys, ensure_ascii) = (flag(skipkeys, false)?, flag(ensure_ascii, true)?);
        let (check_circular, allow_nan) = (flag(check_circular, true)?, flag(allow_nan, true)?);
        let sort_keys = flag(sort_keys, false)?;
        if cls.is_some_and(|c| !matches!(c, Value::None)) {
            return Err(me.exc("TypeError", "json.dumps(cls=...) is not supported by floe"));
        }
        let indent = match indent {
            None | Some(Value::None) => None,
            Some(Value::Str(s)) => Some(s.to_string()),
            Some(n) => {
                let n = me.index_of(&n)?;
                me.check_size(n.max(0) as u128)?;
                Some(" ".repeat(n.max(0) as usize))
            }
        };
        let (item_sep, key_sep) = match separators.filter(|s| !matches!(s, Value::None)) {
            Some(s) => {
                let parts = me.collect(&s)?;
                let [a, b]: [Value; 2] = parts.try_into().map_err(|p: Vec<Value>| {
                    me.exc(
                        "ValueError",
                        format!("too many values to unpack (expected 2, got {})", p.len()),
                    )
                })?;
                (me.str_arg(&a)?, me.str_arg(&b)?)
            }
            None if indent.is_some() => (",".to_string(), ": ".to_string()),
            None => (", ".to_string(), ": ".to_string()),
        };
        Ok(Encoder {
            skipkeys,
            ensure_ascii,
            check_circular,
            allow_nan,
            indent,
            item_sep,
            key_sep,
            default: default.filter(|d| !matches!(d, Value::None)),
            sort_keys,
            open: Vec::new(),
        })
    }

    fn float(&self, me: &mut Interp, x: f64) -> Res<String> {
        let text = if x.is_nan() {
            "NaN"
        } else if x == f64::INFINITY {
            "Infinity"
        } else if x == f64::NEG_INFINITY {
            "-Infinity"
        } else {
            return Ok(float_repr(x));
        };
        if !self.allow_nan {
            return Err(me.exc(
                "ValueError",
                "Out of range float values are not JSON compliant",
            ));
        }
        Ok(text.to_string())
    }

    /// A dict key as a string, or `None` for a key `skipkeys` drops.
    fn key(&self, me: &mut Interp, k: &Value) -> Res<Option<String>> {
        Ok(Some(match k {
            Value::Str(s) => s.to_string(),
            Value::Bool(true) => "true".to_string(),
            Value::Bool(false) => "false".to_string(),
            Value::None => "null".to_string(),
            Value::Float(f) => self.float(me, *f)?,
            _ if as_big(k).is_some() => as_big(k).expect("an int").to_string(),
            _ if self.skipkeys => return Ok(None),
            _ => {
                return Err(me.exc(
                    "TypeError",
                    format!(
                        "keys must be str, int, float, bool or None, not {}",
                        short_type(k)
                    ),
                ))
            }
        }))
    }

    fn newline(&self, me: &mut Interp, out: &mut String, depth: usize) -> Res<()> {
        if let Some(unit) = &self.indent {
            me.check_size(out.len() as u128 + (depth * unit.len()) as u128)?;
            out.push('\n');
            for _ in 0..depth {
                out.push_str(unit);
            }
        }
        Ok(())
    }

    /// Encodes `v` at nesting `depth` onto `out`.
    fn encode(&mut self, me: &mut Interp, v: &Value, depth: usize, out: &mut String) -> Res<()> {
        match v {
            Value::None => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&self.float(me, *f)?),
            Value::Str(s) => quote(s, self.ensure_ascii, out),
            Value::Obj(o) => {
                if let Some(i) = as_big(v) {
                    out.push_str(&i.to_string());
                    return Ok(());
                }
                let kind = crate::ops::kind_name(v);
                let is_array = matches!(kind, Some("list" | "tuple" | "frozenlist"));
                let is_object = matches!(kind, Some("dict" | "frozendict"));
                if !is_array && !is_object {
                    let Some(default) = self.default.clone() else {
                        return Err(me.exc(
                            "TypeError",
                            format!("Object of type {} is not JSON serializable", short_type(v)),
                        ));
                    };
                    let replaced = me.call(&default, Args::of(vec![v.clone()]))?;
                    return self.enter(me, o.id(), |enc, me| enc.encode(me, &replaced, depth, out));
                }
                self.enter(me, o.id(), |enc, me| {
                    if is_array {
                        enc.array(me, v, depth, out)
                    } else {
                        enc.object(me, v, depth, out)
                    }
                })?;
            }
        }
        Ok(())
    }

    /// Runs `f` with the container `id` marked open (a circular reference is an error).
    fn enter(
        &mut self,
        me: &mut Interp,
        id: usize,
        f: impl FnOnce(&mut Encoder, &mut Interp) -> Res<()>,
    ) -> Res<()> {
        if self.check_circular && self.open.contains(&id) {
            return Err(me.exc("ValueError", "Circular reference detected"));
        }
        if super::too_deep(me, self.open.len()) {
            return Err(me.exc(
                "RecursionError",
                "maximum recursion depth exceeded while encoding a JSON object",
            ));
        }
        self.open.push(id);
        let r = f(self, me);
        self.open.pop();
        r
    }

    fn array(&mut self, me: &mut Interp, v: &Value, depth: usize, out: &mut String) -> Res<()> {
        let items = me.collect(v)?;
        if items.is_empty() {
            out.push_str("[]");
            return Ok(());
        }
        out.push('[');
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(&self.item_sep);
            }
            self.newline(me, out, depth + 1)?;
            self.encode(me, x, depth + 1, out)?;
        }
        self.newline(me, out, depth)?;
        out.push(']');
        Ok(())
    }

    fn object(&mut self, me: &mut Interp, v: &Value, depth: usize, out: &mut String) -> Res<()> {
        let mut items = me.mapping_items(v)?;
        if items.is_empty() {
            out.push_str("{}");
            return Ok(());
        }
        if self.sort_keys {
            let mut failed = None;
            items.sort_by(|(a, _), (b, _)| {
                if failed.is_some() {
                    return std::cmp::Ordering::Equal;
                }
                me.order(a, b, rustpython_parser::ast::CmpOp::Lt)
                    .unwrap_or_else(|e| {
                        failed = Some(e);
                        std::cmp::Ordering::Equal
                    })
            });
            if let Some(e) = failed {
                return Err(e);
            }
        }
        out.push('{');
        let mut first = true;
        for (k, x) in &items {
            let Some(key) = self.key(me, k)? else {
                continue;
            };
            if !first {
                out.push_str(&self.item_sep);
            }
            first = false;
            self.newline(me, out, depth + 1)?;
            quote(&key, self.ensure_ascii, out);
            out.push_str(&self.key_sep);
            self.encode(me, x, depth + 1, out)?;
        }
        self.newline(me, out, depth)?;
        out.push('}');
        Ok(())
    }
}

/// A value's type name as `__class__.__name__` gives it.
fn short_type(v: &Value) -> String {
    let name = v.type_name();
    match name.rsplit_once('.') {
        Some((_, short)) => short.to_string(),
        None => name.to_string(),
    }
}

/// `s` as a JSON string: CPython's `encode_basestring_ascii` (`ensure_ascii`) or
/// `encode_basestring`.
pub(super) fn quote(s: &str, ensure_ascii: bool, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (ensure_ascii && !(' '..='~').contains(&c)) => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True,
/// allow_nan=True, cls=None, indent=None, separators=None, default=None,
/// sort_keys=False)`.
fn dumps(me: &mut Interp, a: Args) -> Res<Value> {
    let mut names = [""; 10];
    names[0] = "obj";
    names[1..].copy_from_slice(&DUMP_KEYWORDS[..9]);
    unknown_keyword(me, &a)?;
    let [obj, rest @ ..] = params(me, Style::Python, "dumps", a, names, (1, 1))?;
    let text = encode_with(me, &obj.expect("required"), rest)?;
    Ok(Value::str(&text))
}

/// CPython passes `dumps`' keywords on to `JSONEncoder`, which names an unknown one.
fn unknown_keyword(me: &mut Interp, a: &Args) -> Res<()> {
    let known = |k: &str| DUMP_KEYWORDS.contains(&k) || k == "fp";
    match a.kw.iter().find(|(k, _)| !known(k)) {
        Some((k, _)) => Err(me.exc(
            "TypeError",
            format!("JSONEncoder.__init__() got an unexpected keyword argument '{k}'"),
        )),
        None => Ok(()),
    }
}

fn encode_with(me: &mut Interp, obj: &Value, kw: [Option<Value>; 9]) -> Res<String> {
    let mut enc = Encoder::new(me, kw)?;
    let mut out = String::new();
    enc.encode(me, obj, 0, &mut out)?;
    Ok(out)
}

/// `dump(obj, fp, **kw)`: `fp.write(dumps(obj, **kw))`.
fn dump(me: &mut Interp, a: Args) -> Res<Value> {
    let mut names = [""; 11];
    names[0] = "obj";
    names[1] = "fp";
    names[2..].copy_from_slice(&DUMP_KEYWORDS[..9]);
    unknown_keyword(me, &a)?;
    let [obj, fp, rest @ ..] = params(me, Style::Python, "dump", a, names, (2, 2))?;
    let text = encode_with(me, &obj.expect("required"), rest)?;
    me.call_method(
        &fp.expect("required"),
        "write",
        Args::of(vec![Value::str(&text)]),
    )?;
    Ok(Value::None)
}

// ----- decoding -----

/// `loads`' keyword arguments: the decoder's hooks.
const LOAD_KEYWORDS: [&str; 5] = [
    "object_hook",
    "parse_float",
    "parse_int",
    "parse_constant",
    "object_pairs_hook",
];

/// The functions a decoder calls instead of making a dict, float, int or constant.
#[derive(Default)]
struct Hooks {
    object: Option<Value>,
    float: Option<Value>,
    int: Option<Value>,
    constant: Option<Value>,
    pairs: Option<Value>,
}

/// `loads(s, *, object_hook=None, parse_float=None, parse_int=None,
/// parse_constant=None, object_pairs_hook=None)`.
fn loads(me: &mut Interp, a: Args) -> Res<Value> {
    if let Some((k, _)) =
        a.kw.iter()
            .find(|(k, _)| !LOAD_KEYWORDS.contains(&k.as_str()) && k != "s")
    {
        return Err(me.exc(
            "TypeError",
            format!("JSONDecoder.__init__() got an unexpected keyword argument '{k}'"),
        ));
    }
    let mut names = [""; 6];
    names[0] = "s";
    names[1..].copy_from_slice(&LOAD_KEYWORDS);
    let [s, object, float, int, constant, pairs] =
        params(me, Style::Python, "loads", a, names, (1, 1))?;
    let hooks = Hooks {
        object: given(object),
        float: given(float),
        int: given(int),
        constant: given(constant),
        pairs: given(pairs),
    };
    let s = s.expect("required");
    let Value::Str(text) = &s else {
        return Err(me.exc(
            "TypeError",
            format!(
                "the JSON object must be str, bytes or bytearray, not {}",
                short_type(&s)
            ),
        ));
    };
    decode(me, text, hooks)
}

/// `load(fp, **kw)`: `loads(fp.read(), **kw)`.
fn load(me: &mut Interp, a: Args) -> Res<Value> {
    let Args { pos, kw } = a;
    let [fp] = params(me, Style::Python, "load", Args::of(pos), ["fp"], (1, 1))?;
    let text = me.call_method(&fp.expect("required"), "read", Args::default())?;
    loads(
        me,
        Args {
            pos: vec![text],
            kw,
        },
    )
}

/// A decoding failure: the message and the character position.
pub(super) struct Failure(pub &'static str, pub usize);

/// The whole document `text` as one value.
fn decode(me: &mut Interp, text: &str, hooks: Hooks) -> Res<Value> {
    let chars: Vec<char> = text.chars().collect();
    let mut p = Parser {
        s: &chars,
        me,
        hooks,
    };
    let result = (|| {
        let start = p.skip_ws(0);
        let (v, end) = p.value(start)?;
        let end = p.skip_ws(end);
        if end != chars.len() {
            return Err(Failure("Extra data", end).into());
        }
        Ok(v)
    })();
    match result {
        Ok(v) => Ok(v),
        Err(Stop::Raised(flow)) => Err(flow),
        Err(Stop::Failed(Failure(msg, pos))) => Err(decode_error(me, msg, text, &chars, pos)),
    }
}

/// `JSONDecodeError(msg, doc, pos)`, with CPython's message and attributes.
fn decode_error(me: &mut Interp, msg: &str, doc: &str, chars: &[char], pos: usize) -> Flow {
    let before = &chars[..pos.min(chars.len())];
    let lineno = before.iter().filter(|&&c| c == '\n').count() + 1;
    let colno = match before.iter().rposition(|&c| c == '\n') {
        Some(nl) => pos - nl,
        None => pos + 1,
    };
    let full = format!("{msg}: line {lineno} column {colno} (char {pos})");
    let class: Value = decode_error_class().into();
    let value = match me.call(&class, Args::of(vec![Value::str(&full)])) {
        Ok(v) => v,
        Err(flow) => return flow,
    };
    if let Some(o) = value.as_obj() {
        for (name, v) in [
            ("msg", Value::str(msg)),
            ("doc", Value::str(doc)),
            ("pos", Value::Int(pos as i64)),
            ("lineno", Value::Int(lineno as i64)),
            ("colno", Value::Int(colno as i64)),
        ] {
            let _ = o.set_attr(name, v);
        }
    }
    Flow::Exc(Box::new(Exc {
        value,
        tb: Vec::new(),
    }))
}

/// Why parsing stopped: a malformed document, or an error from the interpreter.
enum Stop {
    Failed(Failure),
    Raised(Flow),
}

impl From<Failure> for Stop {
    fn from(f: Failure) -> Stop {
        Stop::Failed(f)
    }
}

impl From<Flow> for Stop {
    fn from(f: Flow) -> Stop {
        Stop::Raised(f)
    }
}

/// CPython's C scanner (`_json.c`), over the document's characters.
struct Parser<'a, 'm> {
    s: &'a [char],
    me: &'m mut Interp,
    hooks: Hooks,
}

type Parsed<T> = Result<T, Stop>;

impl Parser<'_, '_> {
    fn at(&self, i: usize) -> Option<char> {
        self.s.get(i).copied()
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while matches!(self.at(i), Some(' ' | '\t' | '\n' | '\r')) {
            i += 1;
        }
        i
    }

    fn word(&self, i: usize, w: &str) -> bool {
        w.chars()
            .enumerate()
            .all(|(k, c)| self.at(i + k) == Some(c))
    }

    /// The value starting at `i`, and the index after it.
    fn value(&mut self, i: usize) -> Parsed<(Value, usize)> {
        let expecting = || Stop::Failed(Failure("Expecting value", i));
        let nested = match self.at(i) {
            Some('[') => Some("array"),
            Some('{') => Some("object"),
            _ => None,
        };
        if let Some(what) = nested.filter(|_| super::too_deep(self.me, self.me.nesting)) {
            let msg = format!(
                "maximum recursion depth exceeded while decoding a JSON {what} from a unicode string"
            );
            return Err(self.me.exc("RecursionError", msg).into());
        }
        let constant = |w: &str, v: Value| (v, i + w.chars().count());
        Ok(match self.at(i).ok_or_else(expecting)? {
            '"' => {
                let (s, end) = self.string(i + 1)?;
                (Value::str(&s), end)
            }
            '{' => {
                self.me.nesting += 1;
                let r = self.object(i + 1);
                self.me.nesting -= 1;
                r?
            }
            '[' => {
                self.me.nesting += 1;
                let r = self.array(i + 1);
                self.me.nesting -= 1;
                r?
            }
            'n' if self.word(i, "null") => constant("null", Value::None),
            't' if self.word(i, "true") => constant("true", Value::Bool(true)),
            'f' if self.word(i, "false") => constant("false", Value::Bool(false)),
            'N' if self.word(i, "NaN") => self.constant(i, "NaN", f64::NAN)?,
            'I' if self.word(i, "Infinity") => self.constant(i, "Infinity", f64::INFINITY)?,
            '-' if self.word(i, "-Infinity") => self.constant(i, "-Infinity", f64::NEG_INFINITY)?,
            _ => self.number(i).ok_or_else(expecting)??,
        })
    }

    /// `NaN`, `Infinity` or `-Infinity` at `i` (through `parse_constant` if given).
    fn constant(&mut self, i: usize, word: &str, x: f64) -> Parsed<(Value, usize)> {
        let v = match self.hooks.constant.clone() {
            Some(f) => self.me.call(&f, Args::of(vec![Value::str(word)]))?,
            None => Value::Float(x),
        };
        Ok((v, i + word.len()))
    }

    /// A number at `i` (`None`: none there).
    fn number(&mut self, start: usize) -> Option<Parsed<(Value, usize)>> {
        let digit = |p: &Self, i: usize| p.at(i).is_some_and(|c| c.is_ascii_digit());
        let mut i = start;
        if self.at(i) == Some('-') {
            i += 1;
        }
        match self.at(i)? {
            '1'..='9' => {
                while digit(self, i) {
                    i += 1;
                }
            }
            '0' => i += 1,
            _ => return None,
        }
        let mut is_float = false;
        if self.at(i) == Some('.') && digit(self, i + 1) {
            is_float = true;
            i += 2;
            while digit(self, i) {
                i += 1;
            }
        }
        if matches!(self.at(i), Some('e' | 'E')) {
            let e_start = i;
            i += 1;
            if matches!(self.at(i), Some('+' | '-')) {
                i += 1;
            }
            let digits_start = i;
            while digit(self, i) {
                i += 1;
            }
            if i > digits_start {
                is_float = true;
            } else {
                i = e_start;
            }
        }
        let text: String = self.s[start..i].iter().collect();
        let hook = if is_float {
            self.hooks.float.clone()
        } else {
            self.hooks.int.clone()
        };
        if let Some(f) = hook {
            return Some(
                self.me
                    .call(&f, Args::of(vec![Value::str(&text)]))
                    .map(|v| (v, i))
                    .map_err(Stop::from),
            );
        }
        let v = if is_float {
            Value::Float(text.parse::<f64>().unwrap_or(f64::NAN))
        } else {
            match text.parse::<i64>() {
                Ok(n) => Value::Int(n),
                Err(_) => {
                    if let Err(e) = self.me.check_size(text.len() as u128 / 8) {
                        return Some(Err(e.into()));
                    }
                    let big: malachite_bigint::BigInt = text.parse().expect("digits");
                    crate::ops::int_value(big)
                }
            }
        };
        Some(Ok((v, i)))
    }

    /// The string whose opening quote is at `i - 1`; the index after its closing quote.
    fn string(&mut self, mut i: usize) -> Parsed<(String, usize)> {
        let begin = i - 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.at(i) else {
                return Err(Failure("Unterminated string starting at", begin).into());
            };
            match c {
                '"' => return Ok((out, i + 1)),
                '\\' => {
                    i += 1;
                    let Some(e) = self.at(i) else {
                        return Err(Failure("Unterminated string starting at", begin).into());
                    };
                    if e == 'u' {
                        let (c, end) = self.unicode_escape(i + 1)?;
                        out.push(c);
                        i = end;
                        continue;
                    }
                    out.push(match e {
                        '"' => '"',
                        '\\' => '\\',
                        '/' => '/',
                        'b' => '\u{8}',
                        'f' => '\u{c}',
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        _ => return Err(Failure("Invalid \\escape", i - 1).into()),
                    });
                    i += 1;
                }
                c if (c as u32) < 0x20 => {
                    return Err(Failure("Invalid control character at", i).into());
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
    }

    /// Four hex digits at `i`.
    fn hex4(&self, i: usize) -> Option<u32> {
        (0..4).try_fold(0u32, |acc, k| {
            Some(acc * 16 + self.at(i + k)?.to_digit(16)?)
        })
    }

    /// The character of a `\uXXXX` escape whose digits start at `i` (a surrogate pair
    /// joined; a lone surrogate, which a floe string cannot hold, becomes U+FFFD).
    fn unicode_escape(&self, i: usize) -> Parsed<(char, usize)> {
        let end = i + 4;
        if end >= self.s.len() {
            return Err(Failure("Invalid \\uXXXX escape", i - 1).into());
        }
        let Some(c) = self.hex4(i) else {
            return Err(Failure("Invalid \\uXXXX escape", i - 1).into());
        };
        if (0xD800..0xDC00).contains(&c)
            && end + 6 < self.s.len()
            && self.at(end) == Some('\\')
            && self.at(end + 1) == Some('u')
        {
            let Some(c2) = self.hex4(end + 2) else {
                return Err(Failure("Invalid \\uXXXX escape", end + 1).into());
            };
            if (0xDC00..0xE000).contains(&c2) {
                let joined = 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
                return Ok((char::from_u32(joined).unwrap_or('\u{FFFD}'), end + 6));
            }
        }
        Ok((char::from_u32(c).unwrap_or('\u{FFFD}'), end))
    }

    /// The object whose `{` is at `i - 1`.
    fn object(&mut self, i: usize) -> Parsed<(Value, usize)> {
        let mut pairs = Vec::new();
        let end = self.members(i, &mut pairs)?;
        if let Some(f) = self.hooks.pairs.clone() {
            let list: Vec<Value> = pairs
                .into_iter()
                .map(|(k, v)| floe_core::Tuple::new([k, v]).into())
                .collect();
            return Ok((
                self.me.call(&f, Args::of(vec![List::new(list).into()]))?,
                end,
            ));
        }
        let d: Value = floe_core::Dict::new().into();
        for (k, v) in pairs {
            self.me.setitem(&d, k, v)?;
        }
        match self.hooks.object.clone() {
            Some(f) => Ok((self.me.call(&f, Args::of(vec![d]))?, end)),
            None => Ok((d, end)),
        }
    }

    /// The members of the object whose `{` is at `i - 1`, onto `pairs`; the index after
    /// its `}`.
    fn members(&mut self, i: usize, pairs: &mut Vec<(Value, Value)>) -> Parsed<usize> {
        let mut i = self.skip_ws(i);
        if self.at(i) == Some('}') {
            return Ok(i + 1);
        }
        loop {
            if self.at(i) != Some('"') {
                return Err(Failure("Expecting property name enclosed in double quotes", i).into());
            }
            let (key, end) = self.string(i + 1)?;
            i = self.skip_ws(end);
            if self.at(i) != Some(':') {
                return Err(Failure("Expecting ':' delimiter", i).into());
            }
            i = self.skip_ws(i + 1);
            let (v, end) = self.value(i)?;
            pairs.push((Value::str(&key), v));
            i = self.skip_ws(end);
            if self.at(i) == Some('}') {
                return Ok(i + 1);
            }
            if self.at(i) != Some(',') {
                return Err(Failure("Expecting ',' delimiter", i).into());
            }
            i = self.skip_ws(i + 1);
        }
    }

    /// The array whose `[` is at `i - 1`.
    fn array(&mut self, i: usize) -> Parsed<(Value, usize)> {
        let mut items = Vec::new();
        let mut i = self.skip_ws(i);
        if self.at(i) == Some(']') {
            return Ok((List::new(items).into(), i + 1));
        }
        loop {
            let (v, end) = self.value(i)?;
            items.push(v);
            i = self.skip_ws(end);
            if self.at(i) == Some(']') {
                return Ok((List::new(items).into(), i + 1));
            }
            if self.at(i) != Some(',') {
                return Err(Failure("Expecting ',' delimiter", i).into());
            }
            i = self.skip_ws(i + 1);
        }
    }
}

#[cfg(test)]
mod tests;
