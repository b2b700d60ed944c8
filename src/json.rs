//! A small JSON reader and writer for `serde_json::Value`.
//!
//! Why not `serde_json::from_str` and `to_string`: in the wasm module they
//! bring serde's generic deserializer, float parsing and printing tables and
//! an inlined serializer per type — about a fifth of the module — although
//! jejak keeps numbers as their decimal text (`arbitrary_precision`) and
//! never needs a float. This reader builds the same `Value` that serde_json
//! would, with two deliberate differences that make untrusted input safer:
//! a duplicate object key is an error (serde_json keeps the last one, so a
//! second `"weight"` could silently replace the first), and nesting is
//! limited to [`MAX_DEPTH`] levels so hostile input cannot exhaust the stack.
//!
//! The writer produces exactly serde_json's compact output (same escapes,
//! keys in the map's sorted order), which the pack digest depends on; a test
//! compares both on every default-pack and sample value.

use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

use crate::error::{join, join_index, Error, ErrorKind};

/// Deepest nesting of arrays and objects accepted (serde_json's own limit).
pub(crate) const MAX_DEPTH: usize = 128;

/// Parses JSON text. Errors have kind `kind`; a syntax error has an empty
/// path and says where it is (line and column, counted in characters); a
/// duplicate key or a string with a lone surrogate has the JSON pointer of
/// the value.
pub(crate) fn parse(text: &str, kind: ErrorKind) -> Result<Value, Error> {
    let mut p = Parser { text, pos: 0, kind };
    p.skip_ws();
    let value = p.value(0).map_err(Fault::into_error)?;
    p.skip_ws();
    if p.pos < text.len() {
        return Err(p.syntax("trailing characters").into_error());
    }
    Ok(value)
}

/// Why parsing stopped: a syntax error is about the whole text (it has a line
/// and column, no path); a content error is about one value, and each
/// enclosing array or object adds its step to the path.
enum Fault {
    Syntax(Error),
    Content(Error),
}

impl Fault {
    fn under(self, step: &str) -> Fault {
        match self {
            Fault::Content(e) => Fault::Content(e.under(step)),
            syntax => syntax,
        }
    }

    fn into_error(self) -> Error {
        match self {
            Fault::Syntax(e) | Fault::Content(e) => e,
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    kind: ErrorKind,
}

impl Parser<'_> {
    fn bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    #[cold]
    #[inline(never)]
    fn syntax(&self, what: &str) -> Fault {
        let before = self.bytes().get(..self.pos).unwrap_or_default();
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // Characters, not bytes: every byte that does not continue a UTF-8
        // sequence starts one.
        let line_before = before.get(line_start..).unwrap_or_default();
        let column = line_before.iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1;
        Fault::Syntax(Error::new(self.kind, "", format!("not valid JSON: {what} at line {line} column {column}")))
    }

    /// A string that is not text. JavaScript allows lone surrogates in
    /// strings and `JSON.stringify` writes them as escapes; the path of the
    /// string is added on the way out, so the caller learns which field.
    #[cold]
    #[inline(never)]
    fn lone_surrogate(&self, code: u32) -> Fault {
        let message = format!(
            "the string holds a lone surrogate (\\u{{{code:04x}}}), which is not text; strings must be well-formed UTF-16"
        );
        Fault::Content(Error::new(self.kind, "", message))
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), Fault> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.syntax(what))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, Fault> {
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            Some(_) => Err(self.syntax("expected value")),
            None => Err(self.syntax("EOF while parsing a value")),
        }
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, Fault> {
        if self.text.get(self.pos..).is_some_and(|rest| rest.starts_with(word)) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.syntax("expected value"))
        }
    }

    fn nest(&self, depth: usize) -> Result<(), Fault> {
        if depth > MAX_DEPTH {
            return Err(self.syntax(&format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<Value, Fault> {
        self.nest(depth)?;
        self.pos += 1;
        let mut out = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(out));
        }
        loop {
            self.skip_ws();
            // Only a duplicate-key error has a path; it grows on the way out.
            let item = self.value(depth).map_err(|e| e.under(&join_index("", out.len())))?;
            out.push(item);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(out));
                }
                _ => return Err(self.syntax("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, Fault> {
        self.nest(depth)?;
        self.pos += 1;
        let mut out = Map::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(out));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.syntax("expected a string key"));
            }
            let key = self.string()?;
            self.skip_ws();
            self.expect(b':', "expected `:`")?;
            self.skip_ws();
            let value = self.value(depth).map_err(|e| e.under(&join("", &key)))?;
            match out.entry(key) {
                Entry::Vacant(slot) => {
                    slot.insert(value);
                }
                Entry::Occupied(slot) => {
                    let message = format!("duplicate key {}", crate::error::quote(slot.key()));
                    return Err(Fault::Content(Error::new(self.kind, join("", slot.key()), message)));
                }
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(out));
                }
                _ => return Err(self.syntax("expected `,` or `}`")),
            }
        }
    }

    fn string(&mut self) -> Result<String, Fault> {
        self.pos += 1; // the opening quote
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control byte.
            let start = self.pos;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.pos += 1;
            }
            // The run ends at an ASCII byte, so it is a whole UTF-8 slice.
            out.push_str(self.text.get(start..self.pos).unwrap_or_default());
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.syntax("control character in a string")),
                None => return Err(self.syntax("EOF while parsing a string")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), Fault> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let hi = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&hi) {
                    if !self.text.get(self.pos..).is_some_and(|r| r.starts_with("\\u")) {
                        return Err(self.lone_surrogate(hi));
                    }
                    self.pos += 2;
                    let lo = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err(self.lone_surrogate(hi));
                    }
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                } else {
                    hi
                };
                out.push(char::from_u32(code).ok_or_else(|| self.lone_surrogate(code))?);
                return Ok(());
            }
            _ => return Err(self.syntax("invalid escape")),
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Fault> {
        let digits = self.text.get(self.pos..self.pos + 4).ok_or_else(|| self.syntax("invalid escape"))?;
        let code = u32::from_str_radix(digits, 16)
            .ok()
            .filter(|_| digits.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.syntax("invalid escape"))?;
        self.pos += 4;
        Ok(code)
    }

    /// A number, kept as written (`-0`, `1.50` and `1e400` stay as they
    /// are) except that the exponent is spelled `e+400`, as serde_json
    /// spells it, so canonical bytes and digests agree with it.
    fn number(&mut self) -> Result<Value, Fault> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    return Err(self.syntax("invalid number"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.syntax("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.syntax("invalid number"));
            }
            self.digits();
        }
        let mantissa = self.text.get(start..self.pos).unwrap_or_default();
        if !matches!(self.peek(), Some(b'e' | b'E')) {
            return Ok(Value::Number(number(mantissa)));
        }
        self.pos += 1;
        let sign = match self.peek() {
            Some(b'-') => '-',
            Some(b'+') => '+',
            _ => {
                self.pos -= 1; // no sign: the next byte is read as one
                '+'
            }
        };
        self.pos += 1;
        let digits = self.pos;
        if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
            return Err(self.syntax("invalid number"));
        }
        self.digits();
        let mut text = String::with_capacity(self.pos - start + 1);
        text.push_str(mantissa);
        text.push('e');
        text.push(sign);
        text.push_str(self.text.get(digits..self.pos).unwrap_or_default());
        Ok(Value::Number(Number::from_string_unchecked(text)))
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }
}

/// A `Number` holding `text`, which must already be a valid JSON number.
///
/// With `arbitrary_precision`, a serde_json `Number` *is* its text; this is
/// the constructor serde_json's own parser ends in. It is hidden from its
/// docs, so `number_text_round_trips` below pins the behaviour we rely on.
fn number(text: &str) -> Number {
    Number::from_string_unchecked(text.to_string())
}

/// Appends `value` as compact JSON, exactly as `serde_json::to_string`.
pub(crate) fn write(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => out.push_str(n.as_str()),
        Value::String(s) => write_str(out, s),
        Value::Array(items) => write_list(out, items, write),
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(out, k);
                out.push(':');
                write(out, v);
            }
            out.push('}');
        }
    }
}

/// Appends `[a,b,...]`, each item written by `write`.
pub(crate) fn write_list<T>(
    out: &mut String,
    items: impl IntoIterator<Item = T>,
    mut write: impl FnMut(&mut String, T),
) {
    out.push('[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(out, item);
    }
    out.push(']');
}

/// `value` as compact JSON text.
pub(crate) fn to_string(value: &Value) -> String {
    let mut out = String::new();
    write(&mut out, value);
    out
}

/// Appends a JSON string literal with serde_json's escapes: `"` and `\`,
/// the short forms `\b \f \n \r \t`, and `\u00XX` (lower-case hex) for other
/// control characters. Everything else, non-ASCII included, is copied.
#[inline(never)]
pub(crate) fn write_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let short = match b {
            b'"' => '"',
            b'\\' => '\\',
            0x08 => 'b',
            0x0c => 'f',
            b'\n' => 'n',
            b'\r' => 'r',
            b'\t' => 't',
            0..=0x1f => 'u',
            _ => continue,
        };
        out.push_str(s.get(start..i).unwrap_or_default());
        out.push('\\');
        out.push(short);
        if short == 'u' {
            out.push_str("00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

/// A writer for objects with keys in a fixed order, as the verdict needs.
pub(crate) struct ObjectWriter<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> ObjectWriter<'a> {
    pub(crate) fn new(out: &'a mut String) -> ObjectWriter<'a> {
        out.push('{');
        ObjectWriter { out, first: true }
    }

    /// Writes the key and returns the buffer for the value.
    #[inline(never)]
    pub(crate) fn key(&mut self, key: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_str(self.out, key);
        self.out.push(':');
        self.out
    }

    #[inline(never)]
    pub(crate) fn str(&mut self, key: &str, value: &str) {
        write_str(self.key(key), value);
    }

    pub(crate) fn opt_str(&mut self, key: &str, value: Option<&str>) {
        match value {
            Some(v) => self.str(key, v),
            None => self.key(key).push_str("null"),
        }
    }

    #[inline(never)]
    pub(crate) fn uint(&mut self, key: &str, value: u64) {
        let out = self.key(key);
        write_uint(out, value);
    }

    pub(crate) fn bool(&mut self, key: &str, value: bool) {
        self.key(key).push_str(if value { "true" } else { "false" });
    }

    pub(crate) fn end(self) {
        self.out.push('}');
    }
}

/// Appends an unsigned integer in decimal, without `core::fmt`.
pub(crate) fn write_uint(out: &mut String, mut value: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

/// Appends a `u128` in decimal, without `core::fmt`'s 128-bit formatter.
pub(crate) fn write_u128(out: &mut String, mut value: u128) {
    if let Ok(small) = u64::try_from(value) {
        // The common case, without 128-bit division per digit.
        return write_uint(out, small);
    }
    let mut buf = [0u8; 39];
    let mut i = buf.len();
    while value > 0 {
        i -= 1;
        buf[i] = b'0' + (value % 10) as u8;
        value /= 10;
    }
    out.extend(buf[i..].iter().map(|&b| char::from(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Value {
        parse(text, ErrorKind::InvalidPack).unwrap()
    }

    fn err(text: &str) -> Error {
        parse(text, ErrorKind::InvalidPack).unwrap_err()
    }

    #[test]
    fn parses_like_serde_json() {
        let cases = [
            r#"{"a":[1,-0,1.50,1e400,-2E-3,true,false,null],"b":{"c":"d"},"e":""}"#,
            r#" [ "\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00x" , {} , [] ] "#,
            "\"caf\u{e9} \u{1f600}\"",
            "123456789012345678901234567890",
        ];
        for text in cases {
            let expected: Value = serde_json::from_str(text).unwrap();
            let got = ok(text);
            assert_eq!(got, expected, "{text}");
            assert_eq!(to_string(&got), serde_json::to_string(&expected).unwrap(), "{text}");
        }
    }

    #[test]
    fn number_text_round_trips() {
        for text in ["0", "-0", "1.50", "1e+400", "-2e-3", "18446744073709551616"] {
            let n = number(text);
            assert_eq!(n.to_string(), text);
            assert_eq!(Value::Number(n), serde_json::from_str::<Value>(text).unwrap());
        }
        for (text, stored) in [("1e400", "1e+400"), ("-2E-3", "-2e-3"), ("5E+1", "5e+1")] {
            assert_eq!(ok(text).to_string(), stored);
        }
        assert_eq!(number("42").as_u64(), Some(42));
        assert_eq!(number("-7").as_i64(), Some(-7));
    }

    #[test]
    fn writes_every_control_character_like_serde_json() {
        let all: String = (0u8..0x80).map(char::from).chain("é\u{2028}😀".chars()).collect();
        let mut out = String::new();
        write_str(&mut out, &all);
        assert_eq!(out, serde_json::to_string(&all).unwrap());
    }

    #[test]
    fn syntax_errors_say_where() {
        let table = [
            ("", "EOF while parsing a value at line 1 column 1"),
            ("{\"a\":1,}", "expected a string key at line 1 column 8"),
            ("[1 2]", "expected `,` or `]` at line 1 column 4"),
            ("{\"a\" 1}", "expected `:` at line 1 column 6"),
            ("\n  tru", "expected value at line 2 column 3"),
            ("01", "invalid number at line 1 column 2"),
            ("1e", "invalid number at line 1 column 3"),
            ("1e+", "invalid number at line 1 column 4"),
            ("1.", "invalid number at line 1 column 3"),
            ("-", "invalid number at line 1 column 2"),
            ("\"a\u{1}\"", "control character in a string at line 1 column 3"),
            ("\"\\x\"", "invalid escape at line 1 column 3"),
            ("\"\\u12\"", "invalid escape at line 1 column 4"),
            ("\"abc", "EOF while parsing a string at line 1 column 5"),
            ("{} x", "trailing characters at line 1 column 4"),
            // Columns count characters: é is two bytes, 😀 four.
            ("\"é😀\" x", "trailing characters at line 1 column 6"),
            ("[\n\"é\",\n  x]", "expected value at line 3 column 3"),
        ];
        for (text, message) in table {
            let e = err(text);
            assert_eq!(e.kind(), ErrorKind::InvalidPack);
            assert_eq!(e.path(), "", "{text:?}");
            assert_eq!(e.message(), format!("not valid JSON: {message}"), "{text:?}");
        }
    }

    #[test]
    fn duplicate_keys_are_errors_with_their_path() {
        let e = err(r#"{"a":{"b":[{"w":1,"w":2}]}}"#);
        assert_eq!(e.path(), "/a/b/0/w");
        assert_eq!(e.message(), "duplicate key \"w\"");
        let e = err(r#"{"x/y":1,"x/y":1}"#);
        assert_eq!(e.path(), "/x~1y");
    }

    #[test]
    fn lone_surrogates_are_errors_at_their_value() {
        let table = [
            (r#""\ud800""#, "", "d800"),
            (r#"{"memo":"a\udc00b"}"#, "/memo", "dc00"),
            (r#"{"m":{"n":["x","\ud83d\u0041"]}}"#, "/m/n/1", "d83d"),
            (r#"{"m":"\ud83d"}"#, "/m", "d83d"),
        ];
        for (text, path, code) in table {
            let e = err(text);
            assert_eq!(e.path(), path, "{text}");
            assert!(e.message().contains(&format!("lone surrogate (\\u{{{code}}})")), "{}", e.message());
        }
        // A surrogate pair is one character.
        assert_eq!(ok(r#""\ud83d\ude00""#), Value::String("😀".into()));
    }

    #[test]
    fn nesting_is_limited_without_recursing_too_deep() {
        let ok_depth = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok_depth, ErrorKind::InvalidTransaction).is_ok());
        let deep = "[".repeat(100_000);
        let e = parse(&deep, ErrorKind::InvalidTransaction).unwrap_err();
        assert!(e.message().contains("nesting deeper than 128 levels"), "{}", e.message());
    }

    #[test]
    fn u128_writer() {
        for v in [0, 9, u128::from(u64::MAX), u128::from(u64::MAX) + 1, 10u128.pow(19), 10u128.pow(38) + 7, u128::MAX] {
            let mut out = String::new();
            write_u128(&mut out, v);
            assert_eq!(out, v.to_string());
        }
    }

    #[test]
    fn uint_writer() {
        for v in [0, 7, 10, 99, 100, 12345, u64::MAX] {
            let mut out = String::new();
            write_uint(&mut out, v);
            assert_eq!(out, v.to_string());
        }
    }
}
