//! JSON string quoting against CPython's encoders, and a quickcheck property: with
//! `ensure_ascii` the output is printable ASCII, and every string decodes back to itself.

use quickcheck::quickcheck;

use super::quote;

fn quoted(s: &str, ascii: bool) -> String {
    let mut out = String::new();
    quote(s, ascii, &mut out);
    out
}

#[test]
fn strings_are_quoted_as_cpython_quotes_them() {
    // CPython: json.dumps(s) and json.dumps(s, ensure_ascii=False).
    let s = "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{7f}é€😀";
    assert_eq!(
        quoted(s, true),
        r#""a\"b\\c\n\r\t\b\f\u0001\u007f\u00e9\u20ac\ud83d\ude00""#
    );
    assert_eq!(
        quoted(s, false),
        "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\u{7f}é€😀\""
    );
    assert_eq!(quoted("", true), "\"\"");
}

/// A naive decoder of what `quote` writes.
fn unquote(q: &str) -> String {
    let chars: Vec<char> = q.chars().collect();
    let mut units: Vec<u16> = Vec::new();
    let mut i = 1;
    while i < chars.len() - 1 {
        if chars[i] == '\\' {
            let e = chars[i + 1];
            if e == 'u' {
                let hex: String = chars[i + 2..i + 6].iter().collect();
                units.push(u16::from_str_radix(&hex, 16).expect("hex"));
                i += 6;
                continue;
            }
            let c = match e {
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'b' => '\u{8}',
                'f' => '\u{c}',
                other => other,
            };
            units.push(c as u16);
            i += 2;
        } else {
            let mut buf = [0u16; 2];
            units.extend_from_slice(chars[i].encode_utf16(&mut buf));
            i += 1;
        }
    }
    String::from_utf16(&units).expect("valid")
}

quickcheck! {
    fn quoting_round_trips(s: String, ascii: bool) -> bool {
        let q = quoted(&s, ascii);
        let printable = !ascii || q.chars().all(|c| (' '..='~').contains(&c));
        printable && unquote(&q) == s
    }
}
