//! `string`: the character-class constants and `capwords`.

use floe_core::Value;

use super::args::{params, Style};
use super::Spec;
use crate::interp::{Args, Interp};
use crate::Res;

const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &str = "0123456789";
const PUNCTUATION: &str = r##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##;
const WHITESPACE: &str = " \t\n\r\x0b\x0c";

pub(super) const SPEC: Spec = Spec {
    name: "string",
    fns: &[("capwords", capwords)],
    consts: || {
        let letters = format!("{LOWER}{UPPER}");
        let printable = format!("{DIGITS}{letters}{PUNCTUATION}{WHITESPACE}");
        vec![
            ("ascii_lowercase", Value::str(LOWER)),
            ("ascii_uppercase", Value::str(UPPER)),
            ("ascii_letters", Value::str(&letters)),
            ("digits", Value::str(DIGITS)),
            ("hexdigits", Value::str("0123456789abcdefABCDEF")),
            ("octdigits", Value::str("01234567")),
            ("punctuation", Value::str(PUNCTUATION)),
            ("whitespace", Value::str(WHITESPACE)),
            ("printable", Value::str(&printable)),
        ]
    },
};

/// `capwords(s, sep=None)`: `(sep or ' ').join(w.capitalize() for w in s.split(sep))`.
fn capwords(me: &mut Interp, a: Args) -> Res<Value> {
    let [s, sep] = params(me, Style::Clinic, "capwords", a, ["s", "sep"], (1, 2))?;
    let (s, sep) = (s.expect("required"), sep.unwrap_or(Value::None));
    let words = me.call_method(&s, "split", Args::of(vec![sep.clone()]))?;
    let mut capitalized = Vec::new();
    for w in me.collect(&words)? {
        capitalized.push(me.call_method(&w, "capitalize", Args::default())?);
    }
    let joiner = match me.truthy(&sep)? {
        true => sep,
        false => Value::str(" "),
    };
    let list = floe_core::List::new(capitalized).into();
    me.call_method(&joiner, "join", Args::of(vec![list]))
}
