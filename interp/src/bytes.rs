//! `bytes` and `bytearray` basics: literals, `bytes(n)`, `bytes(iterable)`,
//! `str.encode`/`decode` (UTF-8, ASCII, Latin-1), indexing (an int), slicing, `len`,
//! iteration, `in`, `+`, `*`, comparison, `repr`, and a few methods.
//!
//! A `bytes` is a native object (immutable, so frozen from birth and hashable). A
//! `bytearray` is an instance of the built-in class `bytearray` whose `__data__`
//! attribute holds its current `bytes`: a change replaces that attribute through the
//! write barrier, so a frozen `bytearray` refuses it as any frozen object does. A script
//! can rebind `__data__`: it is checked on every use, never trusted.

use std::hash::{Hash, Hasher};

use floe_core::{CoreError, Instance, Kind, NativeBody, ObjRef, Value};

use crate::interp::{Args, Interp};
use crate::ops::kind_name;
use crate::runtime::types;
use crate::Res;

/// The body of a `bytes` object.
pub(crate) struct BytesBody(pub Vec<u8>);

impl NativeBody for BytesBody {
    fn type_name(&self) -> &'static str {
        "bytes"
    }
    fn for_each_value(&self, _: &mut dyn FnMut(&Value)) {}
    fn key_hash(&self) -> Result<u64, CoreError> {
        let mut h = std::hash::DefaultHasher::new();
        self.0.hash(&mut h);
        Ok(h.finish())
    }
    fn key_eq(&self, other: &dyn NativeBody) -> bool {
        (other as &dyn std::any::Any)
            .downcast_ref::<BytesBody>()
            .is_some_and(|o| o.0 == self.0)
    }
}

/// A new `bytes` value.
pub(crate) fn new_bytes(data: Vec<u8>) -> Value {
    Value::Obj(ObjRef::new_native(BytesBody(data)))
}

/// A new `bytearray` value.
pub(crate) fn new_bytearray(data: Vec<u8>) -> Value {
    let b = Instance::new(&types().class("bytearray"));
    b.set_attr("__data__", new_bytes(data))
        .expect("a new instance accepts attributes");
    b.into()
}

/// The methods of `bytes` (and of `bytearray`).
pub(crate) const BYTES: &[&str] = &[
    "decode",
    "hex",
    "startswith",
    "endswith",
    "find",
    "count",
    "join",
    "upper",
    "lower",
];

/// The methods a `bytearray` has beyond those of `bytes`.
pub(crate) const BYTEARRAY_MUTATORS: &[&str] = &["append", "extend", "pop", "clear", "copy"];

/// `b'...'` as Python writes it.
pub(crate) fn repr(data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = format!("b{quote}");
    for &c in data {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if char::from(c) == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(char::from(c)),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

/// Why `data` is not valid UTF-8, in CPython's words.
fn utf8_error(data: &[u8], e: std::str::Utf8Error) -> String {
    let at = e.valid_up_to();
    let byte = data[at];
    let reason = match e.error_len() {
        None => "unexpected end of data",
        Some(_) if !(0xc2..=0xf4).contains(&byte) => "invalid start byte",
        Some(_) => "invalid continuation byte",
    };
    format!("'utf-8' codec can't decode byte 0x{byte:02x} in position {at}: {reason}")
}

impl Interp {
    /// The bytes of a `bytes` or `bytearray` value, given to `f`; `None` for other values.
    pub(crate) fn with_bytes<R>(
        &mut self,
        v: &Value,
        f: impl FnOnce(&[u8]) -> R,
    ) -> Res<Option<R>> {
        let Some(o) = v.as_obj() else {
            return Ok(None);
        };
        match o.kind() {
            Kind::Native => return Ok(o.native::<BytesBody>().map(|b| f(&b.0))),
            Kind::Instance if kind_name(v) == Some("bytearray") => {}
            _ => return Ok(None),
        }
        let data = o.get_attr("__data__").ok();
        match data
            .as_ref()
            .and_then(|d| d.as_obj())
            .and_then(|d| d.native::<BytesBody>())
        {
            Some(b) => Ok(Some(f(&b.0))),
            None => Err(self.exc(
                "TypeError",
                "bytearray state changed: __data__ must be a bytes object",
            )),
        }
    }

    /// The bytes of a `bytes` or `bytearray` value, copied.
    pub(crate) fn bytes_of(&mut self, v: &Value) -> Res<Option<Vec<u8>>> {
        self.with_bytes(v, <[u8]>::to_vec)
    }

    /// Replaces a bytearray's contents (through the write barrier).
    fn set_bytearray(&mut self, v: &Value, data: Vec<u8>) -> Res<()> {
        let o = v.as_obj().expect("a bytearray");
        o.set_attr("__data__", new_bytes(data))
            .map_err(|e| self.core_exc(e, &[v]))
    }

    /// A value of the type of `like` (`bytes` or `bytearray`) holding `data`.
    pub(crate) fn bytes_like(like: &Value, data: Vec<u8>) -> Value {
        if kind_name(like) == Some("bytearray") {
            new_bytearray(data)
        } else {
            new_bytes(data)
        }
    }

    /// An int in `range(0, 256)`.
    fn byte(&mut self, v: &Value) -> Res<u8> {
        let i = self.index_of(v)?;
        u8::try_from(i).map_err(|_| self.exc("ValueError", "byte must be in range(0, 256)"))
    }

    /// The bytes of `bytes(x)` / `bytearray(x)`: nothing, `n` zeros, a str with an
    /// encoding, a bytes-like value, or an iterable of ints.
    pub(crate) fn bytes_from(&mut self, name: &str, a: Args) -> Res<Vec<u8>> {
        let Some(first) = a.pos.first().cloned() else {
            return Ok(Vec::new());
        };
        let encoding = a.pos.get(1).cloned().or_else(|| {
            a.kw.iter()
                .find(|(k, _)| k == "encoding")
                .map(|(_, v)| v.clone())
        });
        if let Value::Str(s) = &first {
            let Some(enc) = encoding else {
                return Err(self.exc("TypeError", "string argument without an encoding"));
            };
            let enc = self.str_arg(&enc)?;
            return self.encode(s, &enc);
        }
        if encoding.is_some() {
            return Err(self.exc("TypeError", "encoding without a string argument"));
        }
        if let Some(data) = self.bytes_of(&first)? {
            return Ok(data);
        }
        if let Value::Int(n) = first {
            if n < 0 {
                return Err(self.exc("ValueError", "negative count"));
            }
            self.check_size(n as u128)?;
            return Ok(vec![0; n as usize]);
        }
        let items = match self.collect(&first) {
            Ok(items) => items,
            Err(_) => {
                return Err(self.exc(
                    "TypeError",
                    format!("cannot convert '{}' object to {name}", first.type_name()),
                ))
            }
        };
        let bytes: Res<Vec<u8>> = items.iter().map(|x| self.byte(x)).collect();
        match bytes {
            Err(crate::errors::Flow::Exc(e))
                if name == "bytes" && self.exc_is(&e.value, "ValueError") =>
            {
                Err(self.exc("ValueError", "bytes must be in range(0, 256)"))
            }
            other => other,
        }
    }

    /// `s.encode(encoding)`.
    pub(crate) fn encode(&mut self, s: &str, encoding: &str) -> Res<Vec<u8>> {
        match encoding.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Ok(s.as_bytes().to_vec()),
            enc @ ("ascii" | "latin-1" | "latin1" | "iso-8859-1") => {
                let limit = if enc == "ascii" { 0x80 } else { 0x100 };
                let name = if enc == "ascii" { "ascii" } else { "latin-1" };
                s.chars()
                    .enumerate()
                    .map(|(i, c)| {
                        u8::try_from(u32::from(c))
                            .ok()
                            .filter(|&b| u32::from(b) < limit)
                            .ok_or(i)
                    })
                    .collect::<Result<Vec<u8>, usize>>()
                    .map_err(|i| {
                        let c = u32::from(s.chars().nth(i).expect("in range"));
                        let escaped = match c {
                            0..=0xff => format!("\\x{c:02x}"),
                            0x100..=0xffff => format!("\\u{c:04x}"),
                            _ => format!("\\U{c:08x}"),
                        };
                        self.exc(
                            "UnicodeEncodeError",
                            format!(
                                "'{name}' codec can't encode character '{escaped}' in position {i}: ordinal not in range({limit})"
                            ),
                        )
                    })
            }
            _ => Err(self.exc("LookupError", format!("unknown encoding: {encoding}"))),
        }
    }

    /// `data.decode(encoding)`.
    fn decode(&mut self, data: &[u8], encoding: &str) -> Res<String> {
        match encoding.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => std::str::from_utf8(data)
                .map(str::to_string)
                .map_err(|e| self.exc("UnicodeDecodeError", utf8_error(data, e))),
            "ascii" => match data.iter().position(|&b| b >= 0x80) {
                Some(i) => Err(self.exc(
                    "UnicodeDecodeError",
                    format!(
                        "'ascii' codec can't decode byte 0x{:02x} in position {i}: ordinal not in range(128)",
                        data[i]
                    ),
                )),
                None => Ok(data.iter().map(|&b| char::from(b)).collect()),
            },
            "latin-1" | "latin1" | "iso-8859-1" => Ok(data.iter().map(|&b| char::from(b)).collect()),
            _ => Err(self.exc("LookupError", format!("unknown encoding: {encoding}"))),
        }
    }

    /// `b[i]` (an int) of a bytes-like value.
    pub(crate) fn bytes_item(&mut self, v: &Value, index: &Value) -> Res<Value> {
        let i = self.index_of(index)?;
        let found = self
            .with_bytes(v, |d| {
                let n = d.len() as i64;
                let j = if i < 0 { i + n } else { i };
                (0..n)
                    .contains(&j)
                    .then(|| Value::Int(i64::from(d[j as usize])))
            })?
            .flatten();
        let msg = match kind_name(v) {
            Some("bytearray") => "bytearray index out of range",
            _ => "index out of range",
        };
        found.ok_or_else(|| self.exc("IndexError", msg))
    }

    /// `ba[i] = x` of a bytearray.
    pub(crate) fn bytearray_set(&mut self, v: &Value, index: &Value, x: &Value) -> Res<()> {
        let i = self.index_of(index)?;
        let b = self.byte(x)?;
        let mut data = self.bytes_of(v)?.expect("a bytearray");
        let n = data.len() as i64;
        let j = if i < 0 { i + n } else { i };
        if !(0..n).contains(&j) {
            return Err(self.exc("IndexError", "bytearray index out of range"));
        }
        data[j as usize] = b;
        self.set_bytearray(v, data)
    }

    /// `x in b`: an int among the bytes, or a bytes-like run of them.
    pub(crate) fn bytes_contains(&mut self, v: &Value, x: &Value) -> Res<bool> {
        let data = self.bytes_of(v)?.expect("bytes");
        if let Some(sub) = self.bytes_of(x)? {
            return Ok(sub.is_empty() || data.windows(sub.len()).any(|w| w == sub.as_slice()));
        }
        if crate::ops::as_big(x).is_none() {
            return Err(self.exc(
                "TypeError",
                format!("a bytes-like object is required, not '{}'", x.type_name()),
            ));
        }
        let b = self.byte(x)?;
        Ok(data.contains(&b))
    }

    /// `bytearray += x`, in place.
    pub(crate) fn bytearray_extend(&mut self, v: &Value, x: &Value) -> Res<()> {
        let more = match self.bytes_of(x)? {
            Some(m) => m,
            None => {
                let items = self.collect(x)?;
                items
                    .iter()
                    .map(|i| self.byte(i))
                    .collect::<Res<Vec<u8>>>()?
            }
        };
        let mut data = self.bytes_of(v)?.expect("a bytearray");
        self.check_size(data.len() as u128 + more.len() as u128)?;
        data.extend(more);
        self.set_bytearray(v, data)
    }
}

/// The `encoding` argument of `str.encode` and `bytes.decode` (first, or by keyword;
/// UTF-8 when absent).
pub(crate) fn encoding_arg(me: &mut Interp, a: &Args) -> Res<String> {
    let enc = a.pos.first().cloned().or_else(|| {
        a.kw.iter()
            .find(|(k, _)| k == "encoding")
            .map(|(_, v)| v.clone())
    });
    match enc {
        Some(Value::Str(e)) => Ok(e.to_string()),
        Some(other) => {
            let msg = format!("argument 'encoding' must be str, not {}", other.type_name());
            Err(me.exc("TypeError", msg))
        }
        None => Ok("utf-8".to_string()),
    }
}

/// Calls method `name` of a bytes or bytearray value.
pub(crate) fn method(me: &mut Interp, obj: &Value, name: &str, a: Args) -> Res<Value> {
    let data = me.bytes_of(obj)?.expect("bytes");
    let arg_bytes = |me: &mut Interp, v: &Value| -> Res<Vec<u8>> {
        match me.bytes_of(v)? {
            Some(d) => Ok(d),
            None => Err(me.exc(
                "TypeError",
                format!("a bytes-like object is required, not '{}'", v.type_name()),
            )),
        }
    };
    match name {
        "decode" => {
            let enc = encoding_arg(me, &a)?;
            Ok(Value::str(&me.decode(&data, &enc)?))
        }
        "hex" => Ok(Value::str(
            &data.iter().map(|b| format!("{b:02x}")).collect::<String>(),
        )),
        "startswith" | "endswith" | "find" | "count" => {
            let [x] = me.exact::<1>(name, a)?;
            let sub = arg_bytes(me, &x)?;
            let at = |i: usize| data[i..].starts_with(&sub);
            Ok(match name {
                "startswith" => Value::Bool(data.starts_with(&sub)),
                "endswith" => Value::Bool(data.ends_with(&sub)),
                "find" => Value::Int(
                    (0..=data.len().saturating_sub(sub.len()))
                        .find(|&i| i + sub.len() <= data.len() && at(i))
                        .map_or(-1, |i| i as i64),
                ),
                _ if sub.is_empty() => Value::Int(data.len() as i64 + 1),
                _ => {
                    let (mut i, mut n) = (0, 0);
                    while i + sub.len() <= data.len() {
                        if at(i) {
                            n += 1;
                            i += sub.len();
                        } else {
                            i += 1;
                        }
                    }
                    Value::Int(n)
                }
            })
        }
        "join" => {
            let [it] = me.exact::<1>(name, a)?;
            let mut out = Vec::new();
            for (i, part) in me.collect(&it)?.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(&data);
                }
                out.extend(arg_bytes(me, part)?);
                me.check_size(out.len() as u128)?;
            }
            Ok(Interp::bytes_like(obj, out))
        }
        "upper" => Ok(Interp::bytes_like(obj, data.to_ascii_uppercase())),
        "lower" => Ok(Interp::bytes_like(obj, data.to_ascii_lowercase())),
        "append" => {
            let [x] = me.exact::<1>(name, a)?;
            let b = me.byte(&x)?;
            let mut data = data;
            data.push(b);
            me.set_bytearray(obj, data)?;
            Ok(Value::None)
        }
        "extend" => {
            let [x] = me.exact::<1>(name, a)?;
            me.bytearray_extend(obj, &x)?;
            Ok(Value::None)
        }
        "pop" => {
            let mut data = data;
            let j = crate::methods::pop_index(me, &a, data.len(), "bytearray")?;
            let b = data.remove(j);
            me.set_bytearray(obj, data)?;
            Ok(Value::Int(i64::from(b)))
        }
        "clear" => {
            me.set_bytearray(obj, Vec::new())?;
            Ok(Value::None)
        }
        "copy" => Ok(new_bytearray(data)),
        _ => unreachable!("BYTES and BYTEARRAY_MUTATORS list every method"),
    }
}
