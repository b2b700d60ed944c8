//! jejak's one JSON layer: a value type, a reader that knows where it is,
//! and the canonical form that pack digests are computed over.
//!
//! Transactions, packs and screener options all go through here, so they
//! share one set of rules and one wording for errors.
//!
//! Why not serde_json: in the wasm module its generic deserializer, float
//! parsing and printing tables and an inlined serializer per type cost about
//! a fifth of the module, although jejak keeps numbers as their decimal text
//! and never needs a float. And serde_json's `Map` is a `BTreeMap` or an
//! `IndexMap` depending on a feature (`preserve_order`) that *any* crate in
//! a user's dependency tree can switch on, which would change the iteration
//! order the old digest relied on. [`Value`] keeps objects in document order
//! and the canonical form sorts keys explicitly, so no feature elsewhere can
//! change a digest.
//!
//! The reader differs from serde_json on purpose in three ways that make
//! untrusted input safer:
//!
//! * a duplicate object key is an error (serde_json keeps the last one, so a
//!   second `"weight"` could silently replace the first);
//! * nesting is limited to [`MAX_DEPTH`] levels, so hostile input cannot
//!   exhaust the stack;
//! * a lone surrogate escape (`"\ud800"`, which `JSON.stringify` writes for
//!   ill-formed JavaScript strings) is an error for packs and options but
//!   becomes U+FFFD in transactions ([`Surrogates`]): text that a payer types
//!   must always be screened, and U+FFFD is one UTF-16 unit like the
//!   surrogate it replaces, so evidence offsets stay exact in the original
//!   JavaScript string.
//!
//! The differential tests in this file and the `json` fuzz target check
//! everything else against serde_json: the same texts are accepted, and they
//! give the same values.

use crate::error::{join, join_index, quote, Error, ErrorKind};
use crate::write::{write_list, write_str};

/// Deepest nesting of arrays and objects accepted. serde_json stops one
/// level earlier (it reads 127); the oracle tests allow exactly that.
pub(crate) const MAX_DEPTH: usize = 128;

/// A parsed JSON value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    /// A number as written, except that an exponent is spelled `e+N` or
    /// `e-N` (so `1E5` and `1e+5` are one number). Money is parsed from this
    /// text and never passes through a float.
    Number(String),
    String(String),
    Array(Vec<Value>),
    Object(Object),
}

/// An object's members in document order. Keys are unique (the reader
/// rejects duplicates).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Object(Vec<(String, Value)>);

impl Object {
    /// The value of `key`. A linear scan: objects in transactions, packs and
    /// options have a handful of keys, and a scan needs no map type (a
    /// `BTreeMap` instantiation is several KB of wasm).
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Members in document order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Appends a member; the caller keeps keys unique.
    pub(crate) fn push(&mut self, key: &str, value: Value) {
        self.0.push((key.to_string(), value));
    }
}

impl Value {
    /// The JSON type, for "expected X, found Y" messages.
    #[inline(never)]
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A number written as a plain whole number from 0 to `u64::MAX` (`7`,
    /// not `7.0` or `7e0`), as serde_json's `as_u64` reads it.
    pub(crate) fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => whole(n),
            _ => None,
        }
    }

    /// The value as compact JSON, members in document order.
    pub(crate) fn to_json(&self) -> String {
        let mut out = String::new();
        write(&mut out, self, Order::Document);
        out
    }

    /// The canonical bytes that pack digests are computed over (see
    /// `docs/PACKS.md`, "Digest"): no whitespace, the members of every
    /// object sorted by key in UTF-8 byte order, strings with the short
    /// escapes (`\"` `\\` `\b` `\f` `\n` `\r` `\t`) and `\u00XX` for other
    /// control characters and nothing else escaped, numbers as written with
    /// the exponent spelled `e+N` or `e-N`.
    pub(crate) fn to_canonical(&self) -> String {
        let mut out = String::new();
        write(&mut out, self, Order::Sorted);
        out
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    Document,
    Sorted,
}

fn write(out: &mut String, value: &Value, order: Order) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => out.push_str(n),
        Value::String(s) => write_str(out, s),
        Value::Array(items) => write_list(out, items, |out, v| write(out, v, order)),
        Value::Object(o) => {
            let mut members: Vec<&(String, Value)> = o.0.iter().collect();
            if order == Order::Sorted {
                crate::sort::sort_by(&mut members, |a, b| a.0 < b.0);
            }
            out.push('{');
            for (i, (k, v)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(out, k);
                out.push(':');
                write(out, v, order);
            }
            out.push('}');
        }
    }
}

/// What the reader does with a lone surrogate escape such as `"\ud800"`:
/// the string is not text, but JavaScript lets a user type one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Surrogates {
    /// An error with the string's path: packs and options are written by
    /// their publisher, and a digest must not treat two texts as one.
    Reject,
    /// U+FFFD REPLACEMENT CHARACTER in its place: transactions, whose text
    /// fields a payer controls and which must be screened whatever they
    /// hold. Strict fields (currency, timestamp, countries) then fail their
    /// own validation and name the value.
    Replace,
}

/// A JSON number's text as a `u64` when it is written as a whole number
/// within range (`5`, not `5.0` or `5e0`).
pub(crate) fn whole(n: &str) -> Option<u64> {
    if n.bytes().all(|b| b.is_ascii_digit()) {
        n.parse().ok()
    } else {
        None
    }
}

/// Parses JSON text. Errors have kind `kind`; a syntax error has an empty
/// path and says where it is (line and column, counted in characters); a
/// duplicate key or a rejected lone surrogate has the JSON pointer of the
/// value.
pub(crate) fn parse(text: &str, kind: ErrorKind, surrogates: Surrogates) -> Result<Value, Error> {
    let mut p = Parser { text, pos: 0, kind, surrogates };
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
    surrogates: Surrogates,
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

    /// A lone surrogate: U+FFFD, or an error whose path is added on the way
    /// out, so the caller learns which field.
    #[inline(never)]
    fn lone_surrogate(&self, code: u32, out: &mut String) -> Result<(), Fault> {
        if self.surrogates == Surrogates::Replace {
            out.push(char::REPLACEMENT_CHARACTER);
            return Ok(());
        }
        let message = format!(
            "the string holds a lone surrogate (\\u{{{code:04x}}}), which is not text; strings must be well-formed UTF-16"
        );
        Err(Fault::Content(Error::new(self.kind, "", message)))
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
            // Only a content error has a path; it grows on the way out.
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
        let mut out = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(Object(out)));
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
            out.push((key, value));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    // In a transaction, keys that held lone surrogates all
                    // read as U+FFFD; none is a key jejak reads, so two of
                    // them must not turn payer data into an error.
                    let replaced = self.surrogates == Surrogates::Replace;
                    return match duplicate(&out, |k| replaced && has_replacement(k)) {
                        None => Ok(Value::Object(Object(out))),
                        Some(key) => {
                            let message = format!("duplicate key {}", quote(key));
                            Err(Fault::Content(Error::new(self.kind, join("", key), message)))
                        }
                    };
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
                if (0xDC00..0xE000).contains(&hi) {
                    return self.lone_surrogate(hi, out);
                }
                if !(0xD800..0xDC00).contains(&hi) {
                    // Not a surrogate, so a scalar value.
                    out.push(char::from_u32(hi).unwrap_or(char::REPLACEMENT_CHARACTER));
                    return Ok(());
                }
                // A high surrogate: a pair only with a low one right after.
                // Otherwise the next escape is left for the loop to read, so
                // `\ud800\ud83d\ude00` is one lone surrogate and one emoji.
                let rest = self.text.get(self.pos..).unwrap_or_default();
                let lo = rest
                    .strip_prefix("\\u")
                    .and_then(|r| r.get(..4))
                    .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
                    .and_then(|d| u32::from_str_radix(d, 16).ok())
                    .filter(|lo| (0xDC00..0xE000).contains(lo));
                let Some(lo) = lo else { return self.lone_surrogate(hi, out) };
                self.pos += 6;
                let code = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
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
    /// are) except that the exponent is spelled `e+400`.
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
            return Ok(Value::Number(mantissa.to_string()));
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
        Ok(Value::Number(text))
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }
}

/// The first key (in document order of its second occurrence) that occurs
/// twice. Small objects are checked pairwise; large ones through a sorted
/// index, so a hostile object with 100,000 keys costs n log n, not n².
/// Keys for which `skip` is true are never reported.
fn duplicate(members: &[(String, Value)], skip: impl Fn(&str) -> bool) -> Option<&str> {
    if members.len() <= 16 {
        return members
            .iter()
            .enumerate()
            .filter(|(_, (k, _))| !skip(k))
            .find(|(i, (k, _))| members.get(..*i).unwrap_or_default().iter().any(|(p, _)| p == k))
            .map(|(_, (k, _))| k.as_str());
    }
    let mut index: Vec<(&str, usize)> =
        members.iter().enumerate().filter(|(_, (k, _))| !skip(k)).map(|(i, (k, _))| (k.as_str(), i)).collect();
    crate::sort::sort_by(&mut index, |a, b| a < b);
    index.windows(2).filter(|w| w[0].0 == w[1].0).map(|w| w[1]).min_by_key(|&(_, i)| i).map(|(k, _)| k)
}

/// Whether `text` holds U+FFFD. Bytes, not `str::contains`: a non-ASCII
/// `char` pattern brings a substring searcher and slicing-panic formatting
/// into the wasm module (about 4 KB, measured).
pub(crate) fn has_replacement(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &x)| x == 0xEF && b.get(i + 1..i + 3) == Some(&[0xBF, 0xBD][..]))
}

/// An object being read: its JSON pointer, the kind of error it reports,
/// and the keys read so far, so that a pack can reject the keys nobody read
/// (a typo must not switch a rule off silently).
pub(crate) struct Fields<'a> {
    object: &'a Object,
    path: String,
    kind: ErrorKind,
    nulls: Nulls,
    used: Vec<&'a str>,
}

/// What a member whose value is `null` means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Nulls {
    /// A value like any other, so `"weight": null` is "expected a number,
    /// found null" (packs and options: a publisher wrote it).
    Values,
    /// The member is absent (transactions: a payment system writes
    /// `"memo": null` for "no memo").
    Absent,
}

impl<'a> Fields<'a> {
    /// Reads `value` as an object; `what` names it in the error ("expected
    /// a source object, found an array").
    #[inline(never)]
    pub(crate) fn new(value: &'a Value, path: &str, kind: ErrorKind, what: &str) -> Result<Fields<'a>, Error> {
        match value {
            Value::Object(object) => {
                Ok(Fields { object, path: path.to_string(), kind, nulls: Nulls::Values, used: Vec::new() })
            }
            other => Err(Error::new(kind, path, format!("expected {what} object, found {}", other.type_name()))),
        }
    }

    /// Sets what `null` members mean (default: [`Nulls::Values`]).
    pub(crate) fn nulls(mut self, nulls: Nulls) -> Fields<'a> {
        self.nulls = nulls;
        self
    }

    pub(crate) fn object(&self) -> &'a Object {
        self.object
    }

    /// The path of `key` in this object.
    #[inline(never)]
    pub(crate) fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// The value of `key`, if present (see [`Nulls`]).
    #[inline(never)]
    pub(crate) fn get(&mut self, key: &'a str) -> Option<&'a Value> {
        let v = self.object.get(key)?;
        self.used.push(key);
        match (v, self.nulls) {
            (Value::Null, Nulls::Absent) => None,
            _ => Some(v),
        }
    }

    // The typed readers below build the path (an allocation) only on the
    // way to an error: transactions go through them on every screen.

    #[inline(never)]
    pub(crate) fn req(&mut self, key: &'a str) -> Result<&'a Value, Error> {
        match self.get(key) {
            Some(v) => Ok(v),
            None => Err(Error::new(self.kind, self.at(key), format!("{key} is required"))),
        }
    }

    /// A required string.
    #[inline(never)]
    pub(crate) fn str(&mut self, key: &'a str) -> Result<&'a str, Error> {
        match self.req(key)? {
            Value::String(s) => Ok(s),
            other => string(other, &self.at(key), self.kind),
        }
    }

    /// An optional string (absent or `null`: `None`).
    #[inline(never)]
    pub(crate) fn opt_str(&mut self, key: &'a str) -> Result<Option<&'a str>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => string(other, &self.at(key), self.kind).map(Some),
        }
    }

    #[cfg(feature = "tools")]
    /// An optional `true` or `false`.
    pub(crate) fn opt_bool(&mut self, key: &'a str) -> Result<Option<bool>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(&Value::Bool(b)) => Ok(Some(b)),
            Some(other) => boolean(other, &self.at(key), self.kind).map(Some),
        }
    }

    /// Rejects keys that were never read, but for `_`-prefixed comments and
    /// `extra` (the pack's `$schema`).
    #[inline(never)]
    pub(crate) fn finish(self, extra: Option<&str>) -> Result<(), Error> {
        for (key, _) in self.object.iter() {
            if !self.used.contains(&key) && !key.starts_with('_') && Some(key) != extra {
                return Err(Error::new(self.kind, join(&self.path, key), format!("unknown key {}", quote(key))));
            }
        }
        Ok(())
    }
}

/// `value` as a string.
#[inline(never)]
pub(crate) fn string<'a>(value: &'a Value, path: &str, kind: ErrorKind) -> Result<&'a str, Error> {
    match value {
        Value::String(s) => Ok(s),
        other => Err(Error::new(kind, path, format!("expected a string, found {}", other.type_name()))),
    }
}

/// `value` as `true` or `false`.
#[inline(never)]
pub(crate) fn boolean(value: &Value, path: &str, kind: ErrorKind) -> Result<bool, Error> {
    match value {
        Value::Bool(b) => Ok(*b),
        other => Err(Error::new(kind, path, format!("expected true or false, found {}", other.type_name()))),
    }
}

/// `value` as an array.
#[inline(never)]
pub(crate) fn array<'a>(value: &'a Value, path: &str, kind: ErrorKind) -> Result<&'a [Value], Error> {
    match value {
        Value::Array(a) => Ok(a),
        other => Err(Error::new(kind, path, format!("expected an array, found {}", other.type_name()))),
    }
}

/// `value` as a whole number from 0 to `max`.
#[inline(never)]
pub(crate) fn uint(value: &Value, path: &str, max: u64, kind: ErrorKind) -> Result<u64, Error> {
    match value {
        Value::Number(n) => match value.as_u64() {
            Some(v) if v <= max => Ok(v),
            _ => Err(Error::new(kind, path, format!("{n} is not a whole number from 0 to {max}"))),
        },
        other => Err(Error::new(kind, path, format!("expected a number, found {}", other.type_name()))),
    }
}

/// Builds a [`Value`] from any serde data format, so that
/// `Transaction: Deserialize` works with serde_json, TOML, MessagePack and
/// the rest. Only used natively; the wasm module never instantiates it.
impl<'de> serde::Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        use serde::de::{Error as _, MapAccess, SeqAccess, Visitor};
        use std::fmt;

        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Value;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_none<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
                <Value as serde::Deserialize>::deserialize(d)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
                Ok(Value::Bool(b))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
                Ok(Value::Number(n.to_string()))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
                Ok(Value::Number(n.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Value, E> {
                // Rust prints the shortest text that reads back as `n`.
                match n.is_finite() {
                    true => Ok(Value::Number(n.to_string())),
                    false => Err(E::custom(format!("{n} is not a JSON number"))),
                }
            }
            fn visit_str<E>(self, s: &str) -> Result<Value, E> {
                Ok(Value::String(s.to_string()))
            }
            fn visit_string<E>(self, s: String) -> Result<Value, E> {
                Ok(Value::String(s))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element()? {
                    out.push(v);
                }
                Ok(Value::Array(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    out.push((k, v));
                }
                // serde_json with `arbitrary_precision` hands a number over as
                // a one-member map holding its text; keep the text.
                // The text is checked: any format can send such a map.
                if let [(k, Value::String(text))] = out.as_slice() {
                    if k == "$serde_json::private::Number" {
                        return match parse(text, ErrorKind::InvalidTransaction, Surrogates::Reject) {
                            Ok(number @ Value::Number(_)) => Ok(number),
                            _ => Err(A::Error::custom(format!("{} is not a JSON number", quote(text)))),
                        };
                    }
                }
                if let Some(k) = duplicate(&out, |_| false) {
                    return Err(A::Error::custom(format!("duplicate key {}", quote(k))));
                }
                Ok(Value::Object(Object(out)))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// Writes a [`Value`] to any serde data format (`Transaction: Serialize`).
/// A number becomes an integer when it is one, else a float.
impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) => match (n.parse::<u64>(), n.parse::<i64>()) {
                (Ok(v), _) => serializer.serialize_u64(v),
                (_, Ok(v)) => serializer.serialize_i64(v),
                _ => match n.parse::<f64>() {
                    Ok(v) => serializer.serialize_f64(v),
                    Err(_) => serializer.serialize_str(n),
                },
            },
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for v in items {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
            Value::Object(o) => {
                let mut map = serializer.serialize_map(Some(o.0.len()))?;
                for (k, v) in o.iter() {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Value {
        parse(text, ErrorKind::InvalidPack, Surrogates::Reject).unwrap()
    }

    fn err(text: &str) -> Error {
        parse(text, ErrorKind::InvalidPack, Surrogates::Reject).unwrap_err()
    }

    /// serde_json (a dev-dependency with `arbitrary_precision`, without
    /// `preserve_order`) writes objects with sorted keys and numbers as
    /// written: exactly the canonical form.
    fn serde_canonical(text: &str) -> Option<String> {
        serde_json::from_str::<serde_json::Value>(text).ok().map(|v| serde_json::to_string(&v).unwrap())
    }

    #[test]
    fn parses_like_serde_json() {
        let cases = [
            r#"{"a":[1,-0,1.50,1e400,-2E-3,true,false,null],"b":{"c":"d"},"e":""}"#,
            r#" [ "\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00x" , {} , [] ] "#,
            "\"caf\u{e9} \u{1f600}\"",
            "123456789012345678901234567890",
            r#"{"z":1,"a":{"y":2,"b":3},"é":4,"E":5}"#,
        ];
        for text in cases {
            assert_eq!(Some(ok(text).to_canonical()), serde_canonical(text), "{text}");
        }
    }

    #[test]
    fn objects_keep_document_order_and_canonical_sorts() {
        let v = ok(r#"{"b":1,"a":{"d":[],"c":null}}"#);
        assert_eq!(v.to_json(), r#"{"b":1,"a":{"d":[],"c":null}}"#);
        assert_eq!(v.to_canonical(), r#"{"a":{"c":null,"d":[]},"b":1}"#);
    }

    /// The canonical form, pinned: if this changes, every published pack
    /// digest changes with it.
    #[test]
    fn canonical_form_fixed_vector() {
        let text = "{ \"b\": [1.50, -0, 2E5, 3e-2, 1e+7],\n \"a\": \"tab\\there \\u00e9 \\u001f \\/\",\n \"\u{e9}\": true, \"B\": null }";
        assert_eq!(
            ok(text).to_canonical(),
            "{\"B\":null,\"a\":\"tab\\there é \\u001f /\",\"b\":[1.50,-0,2e+5,3e-2,1e+7],\"é\":true}"
        );
    }

    #[test]
    fn numbers_are_kept_as_text() {
        for (text, stored) in [("0", "0"), ("-0", "-0"), ("1.50", "1.50"), ("1e400", "1e+400"), ("-2E-3", "-2e-3")] {
            assert_eq!(ok(text), Value::Number(stored.into()));
        }
        assert_eq!(ok("42").as_u64(), Some(42));
        assert_eq!(ok("18446744073709551615").as_u64(), Some(u64::MAX));
        for text in ["18446744073709551616", "-7", "7.0", "7e0"] {
            assert_eq!(ok(text).as_u64(), None, "{text}");
        }
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
        // A large object goes through the sorted index; the duplicate whose
        // second occurrence comes first is named.
        let mut members: Vec<String> = (0..40).map(|i| format!("\"k{i}\":{i}")).collect();
        members.push("\"k30\":0".into());
        members.push("\"k3\":0".into());
        let e = err(&format!("{{{}}}", members.join(",")));
        assert_eq!(e.path(), "/k30");
    }

    #[test]
    fn lone_surrogates_are_errors_at_their_value_when_rejected() {
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
    fn lone_surrogates_become_replacement_characters_when_replaced() {
        let table = [
            (r#""\ud800 school""#, "\u{fffd} school"),
            (r#""a\udc00b""#, "a\u{fffd}b"),
            (r#""\ud83d\u0041""#, "\u{fffd}A"),
            (r#""\ud83d""#, "\u{fffd}"),
            (r#""\ud800\ud83d\ude00\udfff""#, "\u{fffd}😀\u{fffd}"),
            (r#""\ud800\u""#, ""),
        ];
        for (text, want) in table {
            match parse(text, ErrorKind::InvalidTransaction, Surrogates::Replace) {
                Ok(v) => assert_eq!(v, Value::String(want.into()), "{text}"),
                Err(e) => assert!(want.is_empty() && e.message().contains("invalid escape"), "{text}: {e}"),
            }
        }
    }

    #[test]
    fn keys_that_held_lone_surrogates_may_repeat_in_transactions() {
        let text = r#"{"memo":"x","meta":{"\ud800":1,"\udc00":2,"a\ud800":3,"a\udfff":4}}"#;
        assert!(parse(text, ErrorKind::InvalidTransaction, Surrogates::Replace).is_ok());
        // A real duplicate next to them is still one.
        let text = r#"{"memo":"x","\ud800":1,"\udc00":2,"memo":"y"}"#;
        let e = parse(text, ErrorKind::InvalidTransaction, Surrogates::Replace).unwrap_err();
        assert_eq!(e.path(), "/memo");
        assert!(has_replacement("a\u{fffd}") && !has_replacement("a\u{fffe}\u{efbf}"));
        // Found by the json fuzz target (its oracle, not the reader): a
        // repeated U+FFFD key is kept and reading goes on, so a syntax error
        // after it is the error Replace reports, where Reject stops at the
        // key (fuzz/corpus/json/fffd-dupkey-then-syntax-error.json).
        let text = r#"{"a": [{"\uFFFD":1,"\uFFFD":2}]]}"#;
        let replace = parse(text, ErrorKind::InvalidTransaction, Surrogates::Replace).unwrap_err();
        assert!(replace.message().starts_with("not valid JSON: expected"), "{}", replace.message());
        let reject = parse(text, ErrorKind::InvalidTransaction, Surrogates::Reject).unwrap_err();
        assert!(reject.message().starts_with("duplicate key"), "{}", reject.message());
    }

    #[test]
    fn nesting_is_limited_without_recursing_too_deep() {
        let ok_depth = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok_depth, ErrorKind::InvalidTransaction, Surrogates::Reject).is_ok());
        let deep = "[".repeat(100_000);
        let e = parse(&deep, ErrorKind::InvalidTransaction, Surrogates::Reject).unwrap_err();
        assert!(e.message().contains("nesting deeper than 128 levels"), "{}", e.message());
    }

    #[test]
    fn fields_read_with_paths_and_reject_unknown_keys() {
        let v = ok(r#"{"a":"x","n":null,"b":true,"_c":1,"typo":2}"#);
        let mut f = Fields::new(&v, "/top", ErrorKind::InvalidPack, "a test").unwrap();
        assert_eq!(f.str("a").unwrap(), "x");
        assert_eq!(f.opt_str("n").unwrap_err().message(), "expected a string, found null");
        let mut g = Fields::new(&v, "", ErrorKind::InvalidTransaction, "a test").unwrap().nulls(Nulls::Absent);
        assert_eq!(g.opt_str("n").unwrap(), None);
        assert_eq!(g.req("n").unwrap_err().message(), "n is required");
        assert_eq!(f.opt_bool("b").unwrap(), Some(true));
        let e = f.req("missing").unwrap_err();
        assert_eq!((e.path(), e.message()), ("/top/missing", "missing is required"));
        let e = f.finish(None).unwrap_err();
        assert_eq!((e.path(), e.message()), ("/top/typo", "unknown key \"typo\""));
        let e = Fields::new(&Value::Null, "/x", ErrorKind::InvalidOption, "an options").err().unwrap();
        assert_eq!(e.message(), "expected an options object, found null");
        assert_eq!(e.kind(), ErrorKind::InvalidOption);
    }

    #[test]
    fn deserializes_from_serde_formats() {
        let v: Value = serde_json::from_str(r#"{"b":[1,2.5,-3,"x",null,true]}"#).unwrap();
        assert_eq!(v.to_json(), r#"{"b":[1,2.5,-3,"x",null,true]}"#);
        let v: Value = toml::from_str("a = 1\nb = \"x\"").unwrap();
        assert_eq!(v.to_canonical(), r#"{"a":1,"b":"x"}"#);
        // serde_json's number map is read only when it holds a number.
        let v: Value = serde_json::from_str(r#"{"m":{"$serde_json::private::Number":"1E5"}}"#).unwrap();
        assert_eq!(v.to_json(), r#"{"m":1e+5}"#);
        let e = toml::from_str::<Value>("m = { \"$serde_json::private::Number\" = \"abc\" }").unwrap_err();
        assert!(e.to_string().contains("is not a JSON number"), "{e}");
    }

    /// serde_json 1.0.154 with `arbitrary_precision`, checked by hand: it
    /// spells numbers exactly as the canonical form does (the exponent as
    /// `e+N` or `e-N`, everything else as written), so the differential
    /// tests below compare its output with `to_canonical` unchanged, with no
    /// normalization. Pinned here so that a serde_json upgrade that changes
    /// this fails loudly instead of weakening the oracle.
    #[test]
    fn serde_json_spells_numbers_like_the_canonical_form() {
        let table = [
            ("1E5", "1e+5"),
            ("1e5", "1e+5"),
            ("1e+5", "1e+5"),
            ("1E-5", "1e-5"),
            ("1E+05", "1e+05"),
            ("-0", "-0"),
            ("1.50", "1.50"),
            ("-0.0E0", "-0.0e+0"),
            ("12.3400E+010", "12.3400e+010"),
        ];
        for (text, want) in table {
            assert_eq!(serde_canonical(text).as_deref(), Some(want), "{text}");
            assert_eq!(ok(text).to_canonical(), want, "{text}");
        }
    }

    /// A known difference, kept as is: jejak reads 128 nested arrays or
    /// objects (`MAX_DEPTH`), serde_json stops at 127 ("recursion limit
    /// exceeded": its counter starts at 128 and fails when it reaches 0).
    /// So "serde_json's own limit" in `MAX_DEPTH`'s comment is one level
    /// off; jejak is the more lenient one, at exactly one depth.
    #[test]
    fn depth_128_is_read_though_serde_json_stops_at_127() {
        let nest = |n: usize| "[".repeat(n) + &"]".repeat(n);
        assert!(serde_canonical(&nest(127)).is_some());
        assert!(parse(&nest(127), ErrorKind::InvalidPack, Surrogates::Reject).is_ok());
        let e = serde_json::from_str::<serde_json::Value>(&nest(MAX_DEPTH)).unwrap_err();
        assert!(e.to_string().starts_with("recursion limit exceeded"), "{e}");
        assert!(parse(&nest(MAX_DEPTH), ErrorKind::InvalidPack, Surrogates::Reject).is_ok());
        assert!(err(&nest(MAX_DEPTH + 1)).message().contains("nesting deeper than 128 levels"));
    }

    /// Differential property tests against serde_json, the well-kept
    /// library this module stands in for (host only: proptest is a host
    /// dev-dependency). The same texts are accepted and give the same
    /// canonical bytes, except for the documented differences; the writer
    /// reads back; `Surrogates::Replace` reads like serde_json on the text
    /// with each lone surrogate escape spelled `\uFFFD`. The `json` fuzz
    /// target (fuzz/fuzz_targets/json.rs) runs the same comparison on raw
    /// bytes.
    #[cfg(not(target_arch = "wasm32"))]
    mod oracle {
        use super::super::*;
        use crate::json_oracle::{max_depth, replace_lone_surrogates};
        use proptest::prelude::*;
        use proptest::sample::{select, Index};
        use proptest::test_runner::{Config, TestRunner};
        use std::cell::Cell;

        /// The crate's convention (tests/props.rs): `JEJAK_PROPTEST_CASES`
        /// cases per property, 4,096 by default.
        fn cases() -> u32 {
            std::env::var("JEJAK_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(4_096)
        }

        fn runner() -> TestRunner {
            TestRunner::new(Config { cases: cases(), failure_persistence: None, ..Config::default() })
        }

        /// How the two readers agreed on one text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        enum Outcome {
            /// Both accepted, with the same canonical bytes.
            Accepted,
            /// Both rejected.
            Rejected,
            /// serde_json accepted (keeping the last member), jejak found a
            /// duplicate key, and so did an independent duplicate check.
            DuplicateKey,
            /// jejak accepted 128 levels of nesting; serde_json stops at 127
            /// (see `depth_128_is_read_though_serde_json_stops_at_127`).
            Depth128,
        }

        /// Whether a document has an object with a key twice, as serde_json
        /// reads it: a visitor that sees every member (serde_json's `Value`
        /// keeps only the last). Independent of jejak's `duplicate`.
        struct Duplicates(bool);

        impl<'de> serde::Deserialize<'de> for Duplicates {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Duplicates, D::Error> {
                use serde::de::{MapAccess, SeqAccess, Visitor};
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = Duplicates;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("JSON")
                    }
                    fn visit_unit<E>(self) -> Result<Duplicates, E> {
                        Ok(Duplicates(false))
                    }
                    fn visit_bool<E>(self, _: bool) -> Result<Duplicates, E> {
                        Ok(Duplicates(false))
                    }
                    fn visit_u64<E>(self, _: u64) -> Result<Duplicates, E> {
                        Ok(Duplicates(false))
                    }
                    fn visit_i64<E>(self, _: i64) -> Result<Duplicates, E> {
                        Ok(Duplicates(false))
                    }
                    fn visit_f64<E>(self, _: f64) -> Result<Duplicates, E> {
                        Ok(Duplicates(false))
                    }
                    fn visit_str<E>(self, _: &str) -> Result<Duplicates, E> {
                        Ok(Duplicates(false))
                    }
                    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Duplicates, A::Error> {
                        let mut any = false;
                        while let Some(Duplicates(d)) = seq.next_element()? {
                            any |= d;
                        }
                        Ok(Duplicates(any))
                    }
                    // With `arbitrary_precision` a number arrives as a
                    // one-member map holding its text: no duplicate.
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Duplicates, A::Error> {
                        let mut keys = std::collections::HashSet::new();
                        let mut any = false;
                        while let Some(key) = map.next_key::<String>()? {
                            any |= !keys.insert(key);
                            let Duplicates(d) = map.next_value()?;
                            any |= d;
                        }
                        Ok(Duplicates(any))
                    }
                }
                d.deserialize_any(V)
            }
        }

        /// Compares jejak's reading of a text (`ours`) with serde_json's
        /// reading of `oracle_text` (the same text, or in Replace mode the
        /// text with lone surrogates spelled `\uFFFD`). Where both accept,
        /// the canonical form must be serde_json's `to_string` (sorted keys
        /// because serde_json's `Map` is a `BTreeMap` without
        /// `preserve_order`; numbers as text because of
        /// `arbitrary_precision`), and the writer must read back.
        ///
        /// Of the three documented differences, only duplicate keys make
        /// serde_json accept what jejak rejects: serde_json rejects lone
        /// surrogates itself and stops nesting one level *before* jejak. So
        /// any other jejak error on a text serde_json accepts is a bug.
        /// Whether some object of `v` repeats a key (one with U+FFFD: the
        /// reader refuses any other repeat).
        fn repeats_replaced_key(v: &Value) -> bool {
            match v {
                Value::Array(items) => items.iter().any(repeats_replaced_key),
                Value::Object(o) => {
                    duplicate(&o.0, |_| false).is_some() || o.iter().any(|(_, v)| repeats_replaced_key(v))
                }
                _ => false,
            }
        }

        fn compare(text: &str, ours: Result<Value, Error>, oracle_text: &str) -> Result<Outcome, TestCaseError> {
            let theirs = serde_json::from_str::<serde_json::Value>(oracle_text);
            match (ours, theirs) {
                // Replace mode keeps repeated keys that held lone surrogates
                // (payer data, never read) where serde_json keeps the last.
                (Ok(v), Ok(_)) if repeats_replaced_key(&v) => {
                    let dups = serde_json::from_str::<Duplicates>(oracle_text).map(|Duplicates(d)| d);
                    prop_assert_eq!(dups.ok(), Some(true), "repeated U+FFFD key in {:?}", text);
                    Ok(Outcome::DuplicateKey)
                }
                (Ok(v), Ok(s)) => {
                    let canonical = v.to_canonical();
                    prop_assert_eq!(&canonical, &serde_json::to_string(&s).unwrap(), "canonical form of {:?}", text);
                    let json = v.to_json();
                    let again = parse(&json, ErrorKind::InvalidPack, Surrogates::Reject);
                    prop_assert_eq!(
                        again.as_ref().ok(),
                        Some(&v),
                        "to_json {:?} of {:?} reads back as {:?}",
                        json,
                        text,
                        again
                    );
                    let again = parse(&canonical, ErrorKind::InvalidPack, Surrogates::Reject).map(|v| v.to_canonical());
                    prop_assert_eq!(again.ok(), Some(canonical.clone()), "canonical form of {:?}", text);
                    Ok(Outcome::Accepted)
                }
                (Err(_), Err(_)) => Ok(Outcome::Rejected),
                (Err(e), Ok(_)) => {
                    prop_assert!(
                        e.message().starts_with("duplicate key "),
                        "jejak rejects {:?} (serde_json accepts): {}",
                        text,
                        e
                    );
                    let dups = serde_json::from_str::<Duplicates>(oracle_text).map(|Duplicates(d)| d);
                    prop_assert_eq!(dups.ok(), Some(true), "jejak says {} for {:?}", e, text);
                    Ok(Outcome::DuplicateKey)
                }
                (Ok(_), Err(e)) => {
                    let depth = max_depth(oracle_text);
                    prop_assert!(
                        e.to_string().starts_with("recursion limit exceeded") && depth == MAX_DEPTH,
                        "jejak accepts {:?} (depth {}), serde_json: {}",
                        text,
                        depth,
                        e
                    );
                    Ok(Outcome::Depth128)
                }
            }
        }

        /// Counts each outcome; `check` asserts that the generator reached
        /// every path it was written for.
        #[derive(Default)]
        struct Tally([Cell<u32>; 4]);

        impl Tally {
            fn add(&self, outcome: Outcome) {
                let cell = &self.0[outcome as usize];
                cell.set(cell.get() + 1);
            }
            fn get(&self, outcome: Outcome) -> u32 {
                self.0[outcome as usize].get()
            }
        }

        /// JSON whitespace between tokens, mostly none.
        fn ws() -> impl Strategy<Value = &'static str> {
            prop_oneof![6 => Just(""), 2 => Just(" "), 1 => Just("\n  "), 1 => Just("\t"), 1 => Just("\r\n")]
        }

        /// Number text in every spelling JSON allows: `-0`, fractions with
        /// trailing zeros, `e`/`E` with or without a sign, integers beyond
        /// u64.
        fn number() -> impl Strategy<Value = String> {
            "-?(0|[1-9][0-9]{0,3}|[1-9][0-9]{18,24})(\\.[0-9]{1,4})?([eE][-+]?[0-9]{1,3})?"
        }

        /// `c` as JSON `\u` escapes (two for an astral character), in
        /// lower or upper case hex.
        fn u_escape(c: char, upper: bool) -> String {
            let mut units = [0u16; 2];
            c.encode_utf16(&mut units)
                .iter()
                .map(|u| if upper { format!("\\u{u:04X}") } else { format!("\\u{u:04x}") })
                .collect()
        }

        /// `\u` escapes at the ends of the surrogate ranges: the first
        /// and last pairs, the units just outside, and the ends alone.
        const BOUNDARY_ESCAPES: &[&str] = &[
            "\\uD800\\uDC00",
            "\\uDBFF\\uDFFF",
            "\\udbff\\udfff",
            "\\uD7FF",
            "\\uE000",
            "\\uD800",
            "\\uDBFF",
            "\\uDC00",
            "\\uDFFF",
        ];

        /// A string literal: plain and special characters, every short
        /// escape, `\u` escapes of any unit (so also lone surrogates and
        /// valid pairs), and rarely a raw control character or a malformed
        /// escape (errors).
        fn literal() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                4 => "[a-zA-Z0-9 ]{1,4}",
                2 => select(&["é", "😀", "\u{7f}", "\u{2028}", "\u{ffff}", "\u{10000}", "~/", "'"][..]).prop_map(String::from),
                // Any character, escaped where JSON requires it.
                2 => (any::<char>(), any::<bool>()).prop_map(|(c, upper)| match c {
                    '\0'..='\u{1f}' | '"' | '\\' => u_escape(c, upper),
                    _ => c.to_string(),
                }),
                2 => select(&["\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"][..]).prop_map(String::from),
                2 => (any::<char>(), any::<bool>()).prop_map(|(c, upper)| u_escape(c, upper)),
                1 => (0xD800u32..0xE000, any::<bool>()).prop_map(|(u, upper)| if upper { format!("\\u{u:04X}") } else { format!("\\u{u:04x}") }),
                // The ends of the surrogate ranges, paired and alone.
                1 => select(BOUNDARY_ESCAPES).prop_map(String::from),
                1 => (0u8..0x20).prop_map(|b| char::from(b).to_string()),
                // Malformed escapes; `u32::from_str_radix` alone would take
                // the `+` ones.
                1 => select(&["\\u+041", "\\ud83d\\u+e00", "\\u00", "\\u", "\\x41", "\\U0041", "\\u00é9", "\\"][..])
                    .prop_map(String::from),
            ];
            proptest::collection::vec(piece, 0..6).prop_map(|p| format!("\"{}\"", p.concat()))
        }

        /// Keys from a small pool, so duplicates are common, each character
        /// written raw or as a `\u` escape: `"a"` and `"\u0061"` are one
        /// key. The pool has keys whose UTF-8 and UTF-16 orders differ
        /// (U+FF61 and U+10000) and ones that must be escaped.
        fn key() -> impl Strategy<Value = String> {
            let pool =
                &["a", "b", "A", "aa", "é", "", "a b", "\u{0}", "\"", "\\", "😀", "\u{ff61}", "\u{10000}", "/"][..];
            (select(pool), any::<u64>(), any::<bool>()).prop_map(|(k, mask, upper)| {
                let mut out = String::from("\"");
                for (i, c) in k.chars().enumerate() {
                    let must = c < ' ' || c == '"' || c == '\\';
                    if must || (mask >> (i % 64)) & 1 == 1 {
                        out.push_str(&u_escape(c, upper));
                    } else {
                        out.push(c);
                    }
                }
                out.push('"');
                out
            })
        }

        /// Hand-made JSON text with whitespace, any number spelling, any
        /// string escape and duplicate keys: what serde_json's writer never
        /// produces.
        fn doc() -> impl Strategy<Value = String> {
            let leaf = prop_oneof![
                1 => Just("null".to_string()),
                1 => Just("true".to_string()),
                1 => Just("false".to_string()),
                3 => number(),
                3 => literal(),
            ];
            let tree = leaf.prop_recursive(4, 40, 6, |inner| {
                prop_oneof![
                    proptest::collection::vec((ws(), inner.clone(), ws()), 0..6).prop_map(|items| {
                        let items: Vec<String> = items.iter().map(|(a, v, b)| format!("{a}{v}{b}")).collect();
                        format!("[{}]", items.join(","))
                    }),
                    proptest::collection::vec((ws(), key(), ws(), ws(), inner), 0..6).prop_map(|members| {
                        let members: Vec<String> =
                            members.iter().map(|(a, k, b, c, v)| format!("{a}{k}{b}:{c}{v}")).collect();
                        format!("{{{}}}", members.join(","))
                    }),
                ]
            });
            (ws(), tree, ws()).prop_map(|(a, t, b)| format!("{a}{t}{b}"))
        }

        /// A serde_json value: numbers in any spelling (serde_json keeps
        /// the text), strings of any characters, objects with pool or
        /// arbitrary keys.
        fn serde_value() -> impl Strategy<Value = serde_json::Value> {
            use serde_json::Value as J;
            let string = proptest::collection::vec(
                prop_oneof![
                    3 => any::<char>(),
                    1 => select(&['"', '\\', '\u{0}', '\u{8}', '\u{c}', '\n', '\r', '\t', '\u{1f}', '\u{7f}', 'é', '😀'][..]),
                ],
                0..8,
            )
            .prop_map(|c| c.into_iter().collect::<String>());
            let key = prop_oneof![
                3 => select(&["a", "b", "A", "aa", "é", "", "😀", "\u{ff61}", "\u{10000}"][..]).prop_map(String::from),
                1 => string.clone(),
            ];
            let leaf = prop_oneof![
                1 => Just(J::Null),
                1 => any::<bool>().prop_map(J::Bool),
                3 => number().prop_map(|n| J::Number(n.parse().unwrap())),
                3 => string.prop_map(J::String),
            ];
            leaf.prop_recursive(4, 40, 6, move |inner| {
                prop_oneof![
                    proptest::collection::vec(inner.clone(), 0..6).prop_map(J::Array),
                    proptest::collection::vec((key.clone(), inner), 0..6)
                        .prop_map(|m| J::Object(m.into_iter().collect())),
                ]
            })
        }

        /// A serde_json value written compact or pretty.
        fn serde_text() -> impl Strategy<Value = String> {
            (serde_value(), any::<bool>()).prop_map(|(v, pretty)| {
                if pretty {
                    serde_json::to_string_pretty(&v).unwrap()
                } else {
                    serde_json::to_string(&v).unwrap()
                }
            })
        }

        /// Nesting around the limits of both readers (serde_json 127, jejak
        /// 128): arrays and `{"k":` objects, then a small value.
        fn deep() -> impl Strategy<Value = String> {
            let inner = select(&["0", "[]", "{}", "\"x\"", "[[]]", "{\"a\":1,\"a\":2}"][..]);
            (120usize..=132, any::<u128>(), inner).prop_map(|(levels, kinds, inner)| {
                let object = |i: usize| (kinds >> (i % 128)) & 1 == 1;
                let mut out = String::new();
                for i in 0..levels {
                    out.push_str(if object(i) { "{\"k\":" } else { "[" });
                }
                out.push_str(inner);
                for i in (0..levels).rev() {
                    out.push(if object(i) { '}' } else { ']' });
                }
                out
            })
        }

        /// The characters that make and break JSON.
        const ALPHABET: &[char] = &[
            '{', '}', '[', ']', '"', ',', ':', ' ', '\n', '\\', 'u', 'd', 'D', '8', 'c', '0', '1', '9', '-', '+', '.',
            'e', 'E', 't', 'r', 'f', 'a', 'l', 's', 'n', 'b', '/', 'é', '\u{0}', '\u{1f}', '\u{feff}',
        ];

        /// Short strings of JSON's own characters.
        fn jsonish() -> impl Strategy<Value = String> {
            proptest::collection::vec(select(ALPHABET), 0..16).prop_map(|c| c.into_iter().collect())
        }

        /// An edit of one character: 0 deletes it, 1 inserts one before
        /// it, 2 replaces it.
        type Mutation = (u8, Index, char);

        fn mutate(text: &str, mutations: &[Mutation]) -> String {
            let mut chars: Vec<char> = text.chars().collect();
            for &(op, at, c) in mutations {
                match op {
                    0 if !chars.is_empty() => {
                        chars.remove(at.index(chars.len()));
                    }
                    2 if !chars.is_empty() => {
                        let i = at.index(chars.len());
                        chars[i] = c;
                    }
                    _ => chars.insert(at.index(chars.len() + 1), c),
                }
            }
            chars.into_iter().collect()
        }

        /// An object with more members than `duplicate` checks pairwise
        /// (16), so the sorted index finds duplicates and the canonical
        /// form sorts many keys: distinct keys in random order, in half of
        /// the cases with one of them again at a random place.
        fn wide() -> impl Strategy<Value = String> {
            proptest::collection::btree_set("[abé😀]{0,4}", 14..48)
                .prop_flat_map(|keys| {
                    let again = proptest::option::of((any::<Index>(), any::<Index>()));
                    (Just(keys.into_iter().collect::<Vec<String>>()).prop_shuffle(), again)
                })
                .prop_map(|(mut keys, again)| {
                    if let Some((which, at)) = again {
                        let key = keys[which.index(keys.len())].clone();
                        keys.insert(at.index(keys.len() + 1), key);
                    }
                    let members: Vec<String> = keys
                        .iter()
                        .enumerate()
                        .map(|(i, k)| format!("{}:{i}", serde_json::to_string(k).unwrap()))
                        .collect();
                    format!("{{{}}}", members.join(","))
                })
        }

        /// Valid-looking texts of every kind, half of them edited to hit
        /// the error paths, and short random texts.
        fn text() -> impl Strategy<Value = String> {
            let base = prop_oneof![4 => doc(), 3 => serde_text(), 1 => deep(), 1 => wide(), 2 => jsonish()];
            let mutation = (0u8..3, any::<Index>(), select(ALPHABET));
            let mutations = prop_oneof![Just(Vec::new()), proptest::collection::vec(mutation, 1..=3)];
            (base, mutations).prop_map(|(text, m)| mutate(&text, &m))
        }

        #[test]
        fn accepts_and_rejects_like_serde_json() {
            let cases = cases();
            let tally = Tally::default();
            runner()
                .run(&text(), |text| {
                    let ours = parse(&text, ErrorKind::InvalidPack, Surrogates::Reject);
                    tally.add(compare(&text, ours, &text)?);
                    Ok(())
                })
                .unwrap();
            let [accepted, rejected, dups, depth] =
                [Outcome::Accepted, Outcome::Rejected, Outcome::DuplicateKey, Outcome::Depth128].map(|o| tally.get(o));
            assert!(
                accepted >= cases / 4 && rejected >= cases / 4,
                "accepted {accepted}, rejected {rejected} of {cases}"
            );
            assert!(dups >= cases / 100, "only {dups} of {cases} cases had a duplicate key serde_json accepts");
            assert!(depth > 0 || cases < 2_000, "no case nested exactly 128 levels in {cases}");
        }

        /// A jejak value with the members of every object rotated by
        /// `rotate` (0: serde_json's sorted order).
        fn from_serde(v: &serde_json::Value, rotate: usize) -> Value {
            use serde_json::Value as J;
            match v {
                J::Null => Value::Null,
                J::Bool(b) => Value::Bool(*b),
                J::Number(n) => Value::Number(n.to_string()),
                J::String(s) => Value::String(s.clone()),
                J::Array(items) => Value::Array(items.iter().map(|v| from_serde(v, rotate)).collect()),
                J::Object(map) => {
                    let mut members: Vec<(String, Value)> =
                        map.iter().map(|(k, v)| (k.clone(), from_serde(v, rotate))).collect();
                    let n = members.len().max(1);
                    members.rotate_left(rotate % n);
                    Value::Object(Object(members))
                }
            }
        }

        #[test]
        fn writer_reads_back_and_writes_like_serde_json() {
            runner()
                .run(&(serde_value(), any::<usize>()), |(s, rotate)| {
                    let serde = serde_json::to_string(&s).unwrap();
                    let sorted = from_serde(&s, 0);
                    prop_assert_eq!(&sorted.to_json(), &serde);
                    let v = from_serde(&s, rotate);
                    let json = v.to_json();
                    let again = parse(&json, ErrorKind::InvalidPack, Surrogates::Reject);
                    prop_assert_eq!(again.as_ref().ok(), Some(&v), "{:?} reads back as {:?}", json, again);
                    prop_assert_eq!(&v.to_canonical(), &serde);
                    prop_assert_eq!(serde_json::from_str::<serde_json::Value>(&json).ok(), Some(s));
                    Ok(())
                })
                .unwrap();
        }

        #[test]
        fn lone_surrogates_are_replaced_on_the_escape_level() {
            let table = [
                (r#""\ud800""#, r#""\uFFFD""#),
                (r#""\ud83d\ude00""#, r#""\ud83d\ude00""#),
                (r#""\ud800\ud83d\ude00\udfff""#, r#""\uFFFD\ud83d\ude00\uFFFD""#),
                (r#""\ud83d\u0041""#, r#""\uFFFD\u0041""#),
                (r#""\\ud800\\\udc00""#, r#""\\ud800\\\uFFFD""#),
                (r#""\ud800\u""#, r#""\uFFFD\u""#),
                (r#""\ud8""#, r#""\ud8""#),
                (r#""é\uDBFF\uDFFFé\uDBFF""#, r#""é\uDBFF\uDFFFé\uFFFD""#),
            ];
            for (text, want) in table {
                assert_eq!(replace_lone_surrogates(text), want, "{text}");
            }
        }

        /// Texts full of surrogate escapes: lone highs and lows in either
        /// case, valid pairs, a high before a non-surrogate escape, escaped
        /// backslashes, cut escapes, as values and as keys (two lone
        /// surrogates make one key, U+FFFD, twice).
        fn surrogate_text() -> impl Strategy<Value = String> {
            let hex = |u: u32, upper: bool| if upper { format!("\\u{u:04X}") } else { format!("\\u{u:04x}") };
            let piece = prop_oneof![
                3 => (0xD800u32..0xDC00, any::<bool>()).prop_map(move |(u, upper)| hex(u, upper)),
                3 => (0xDC00u32..0xE000, any::<bool>()).prop_map(move |(u, upper)| hex(u, upper)),
                2 => (0xD800u32..0xDC00, 0xDC00u32..0xE000, any::<bool>())
                    .prop_map(move |(h, l, upper)| hex(h, upper) + &hex(l, upper)),
                1 => (any::<u16>(), any::<bool>()).prop_map(move |(u, upper)| hex(u32::from(u), upper)),
                1 => select(&["\\\\", "\\u", "\\uD8", "\\ud83", "\\n", "\\\"", "\\x"][..]).prop_map(String::from),
                2 => select(BOUNDARY_ESCAPES).prop_map(String::from),
                2 => "[a-zA-Z ]{1,3}",
                1 => select(&["é", "😀", "\u{fffd}"][..]).prop_map(String::from),
            ];
            let literal = proptest::collection::vec(piece, 0..6).prop_map(|p| format!("\"{}\"", p.concat()));
            // Short keys, so that two of them are often one after replacement.
            let key = prop_oneof![
                2 => literal.clone(),
                1 => select(&[r#""\ud800""#, r#""\uDBFF""#, r#""\udc00""#, r#""\uDFFF""#, r#""\ufffd""#, r#""a""#][..])
                    .prop_map(String::from),
            ];
            prop_oneof![
                2 => literal.clone(),
                1 => (literal.clone(), literal.clone()).prop_map(|(a, b)| format!("[{a}, {b}]")),
                1 => (key.clone(), key, literal).prop_map(|(k, l, v)| format!("{{{k}:{v},{l}:null}}")),
            ]
        }

        #[test]
        fn replaced_surrogates_read_like_serde_json_with_u_fffd() {
            let cases = cases();
            let (replaced_and_read, tally) = (Cell::new(0u32), Tally::default());
            runner()
                .run(&surrogate_text(), |text| {
                    let replaced = replace_lone_surrogates(&text);
                    let ours = parse(&text, ErrorKind::InvalidTransaction, Surrogates::Replace);
                    let rejected = parse(&text, ErrorKind::InvalidTransaction, Surrogates::Reject);
                    let replaced_key_repeat = rejected
                        .as_ref()
                        .is_err_and(|e| e.message().starts_with("duplicate key ") && has_replacement(e.message()));
                    if replaced == text && replaced_key_repeat {
                        // A repeated key holding U+FFFD: an error for packs,
                        // kept (never read) in transactions.
                        prop_assert!(ours.is_ok(), "{:?}: {:?}", text, ours);
                    } else if replaced == text {
                        // No lone surrogate: the modes agree.
                        prop_assert_eq!(&rejected, &ours, "{:?}", text);
                    } else if ours.is_ok() {
                        replaced_and_read.set(replaced_and_read.get() + 1);
                        let lone = rejected.as_ref().is_err_and(|e| e.message().contains("lone surrogate"));
                        prop_assert!(lone, "{:?} in Reject mode: {:?}", text, rejected);
                    }
                    tally.add(compare(&text, ours, &replaced)?);
                    Ok(())
                })
                .unwrap();
            let n = replaced_and_read.get();
            assert!(n >= cases / 4, "only {n} of {cases} cases had a lone surrogate and were read");
            assert!(tally.get(Outcome::Rejected) >= cases / 20, "{} rejected", tally.get(Outcome::Rejected));
            assert!(
                tally.get(Outcome::DuplicateKey) >= cases / 100,
                "{} duplicate keys",
                tally.get(Outcome::DuplicateKey)
            );
        }
    }
}
