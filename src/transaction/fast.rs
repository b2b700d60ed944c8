//! The fast path of `Transaction::from_json_with`: one pass over the JSON
//! text straight into a [`Transaction`], with no tree and no error paths.
//!
//! It reads the common shape only and returns `None` whenever it is unsure;
//! the caller then takes the slow path, which also words the error. The
//! contract, checked by the tests below and the `transaction` fuzz target:
//! `parse_fast(text, limits) == Some(tx)` implies
//! `Transaction::from_json_with(text, limits) == Ok(tx)`.
//!
//! Accepted: strict JSON with any JSON whitespace; known keys in any order,
//! `null` for absent; unknown keys with any value nested at most
//! [`MAX_SKIP_DEPTH`] levels; at most [`MAX_KEYS`] members per object;
//! escapes in strings, but a lone surrogate (the slow path's U+FFFD) only
//! inside an unknown member's value, and escapes in keys and in strict
//! fields (timestamp, amount, currency, channel, countries, MCC) not at all.
//! Any repeated key is refused, although the slow path tolerates repeated
//! keys holding U+FFFD. Values are built by the slow path's own parsers
//! (`Timestamp::parse`, `Currency::parse`, `Amount::parse`, ...).

use super::fields::{lookup, name_index, Draft, Limit, Part, Read, Ty};
use super::{is_code, parse_mcc, Amount, ParseLimits, Timestamp, Transaction};
use crate::money::{Country, Currency};

/// Deepest nesting inside an unknown member's value that is skipped here
/// (the slow path allows 128 levels in all).
const MAX_SKIP_DEPTH: usize = 16;

/// Most members one object may have here; the list of keys seen, for the
/// duplicate check, lives on the stack.
const MAX_KEYS: usize = 16;

/// The slow path's bound on codes (a string of at most 64 bytes).
const MAX_CODE_BYTES: usize = 64;

/// The transaction in `text`, or `None` if the slow path must read it.
pub(crate) fn parse_fast(text: &str, limits: ParseLimits) -> Option<Transaction> {
    let mut d = Draft::default();
    let mut amount = None;
    Reader { text, pos: 0, limits }.transaction(&mut d, &mut amount)?;
    let amount = Amount::parse(amount?, d.currency?).ok()?;
    d.finish(amount)
}

/// A scalar value; objects and arrays are read by their callers.
enum Token<'a> {
    Null,
    Bool(bool),
    /// A number as written (the slow path spells an exponent `e+N`, which
    /// `Amount::parse` reads the same).
    Number(&'a str),
    /// A string's raw text between the quotes, and whether it has escapes.
    Str(&'a str, bool),
}

/// The keys of one object so far.
#[derive(Default)]
struct Keys<'a> {
    /// `Option`, so that the empty list is all zero bytes (one fill).
    seen: [Option<&'a str>; MAX_KEYS],
    len: usize,
    /// `Reader::part` read the opening brace.
    open: bool,
}

struct Reader<'a> {
    text: &'a str,
    pos: usize,
    limits: ParseLimits,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.bump()? == byte).then_some(())
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// The next member's key, after the `{` or the previous value, with the
    /// reader at its value; `Some(None)` after the closing `}`.
    fn key(&mut self, keys: &mut Keys<'a>) -> Option<Option<&'a str>> {
        self.ws();
        if keys.len == 0 {
            if self.peek() == Some(b'}') {
                self.pos += 1;
                return Some(None);
            }
        } else {
            match self.bump()? {
                b',' => self.ws(),
                b'}' => return Some(None),
                _ => return None,
            }
        }
        let Token::Str(key, false) = self.value()? else { return None };
        if keys.seen.get(..keys.len)?.contains(&Some(key)) {
            return None;
        }
        *keys.seen.get_mut(keys.len)? = Some(key);
        keys.len += 1;
        self.ws();
        self.eat(b':')?;
        self.ws();
        Some(Some(key))
    }

    /// A scalar; `None` for an object, an array or a syntax error.
    fn value(&mut self) -> Option<Token<'a>> {
        let rest = self.text.as_bytes().get(self.pos..)?;
        let word = |w: &[u8]| rest.starts_with(w).then_some(w.len());
        let (token, len) = match rest.first()? {
            b'"' => return self.string(),
            b'-' | b'0'..=b'9' => return self.number().map(Token::Number),
            b'n' => (Token::Null, word(b"null")?),
            b't' => (Token::Bool(true), word(b"true")?),
            b'f' => (Token::Bool(false), word(b"false")?),
            _ => return None,
        };
        self.pos += len;
        Some(token)
    }

    /// At the opening quote. Checks escapes without decoding them.
    fn string(&mut self) -> Option<Token<'a>> {
        let bytes = self.text.as_bytes();
        let start = self.pos + 1;
        let mut i = start;
        let mut escaped = false;
        loop {
            // The run up to the next quote, backslash or control byte.
            i += bytes.get(i..)?.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
            match bytes.get(i)? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    i += match bytes.get(i + 1)? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => 2,
                        b'u' => hex(bytes.get(i + 2..i + 6)?).map(|_| 6)?,
                        _ => return None,
                    };
                }
                _ => return None,
            }
        }
        self.pos = i + 1;
        Some(Token::Str(self.text.get(start..i)?, escaped))
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, as JSON has it.
    fn number(&mut self) -> Option<&'a str> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.bump()? {
            b'0' => {}
            b'1'..=b'9' => self.digits(0)?,
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.digits(1)?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.digits(1)?;
        }
        // `01`: the slow path stops at the second digit.
        if self.peek().is_some_and(|b| b.is_ascii_digit()) {
            return None;
        }
        self.text.get(start..self.pos)
    }

    /// Skips digits; `None` if there are fewer than `min`.
    fn digits(&mut self, min: usize) -> Option<()> {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        (self.pos - start >= min).then_some(())
    }

    /// Skips an unknown member's value, checking it as the slow path would.
    fn skip(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_SKIP_DEPTH {
            return None;
        }
        match self.peek()? {
            b'{' => {
                self.pos += 1;
                let mut keys = Keys::default();
                while self.key(&mut keys)?.is_some() {
                    self.skip(depth + 1)?;
                }
            }
            b'[' => {
                self.pos += 1;
                self.ws();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                    return Some(());
                }
                loop {
                    self.ws();
                    self.skip(depth + 1)?;
                    self.ws();
                    match self.bump()? {
                        b',' => {}
                        b']' => break,
                        _ => return None,
                    }
                }
            }
            _ => {
                self.value()?;
            }
        }
        Some(())
    }

    /// The next key of `sender`, `receiver` or `merchant`, which may be
    /// `null` (read as `{}`).
    #[inline(never)]
    fn part(&mut self, keys: &mut Keys<'a>) -> Option<Option<&'a str>> {
        if keys.len == 0 && !keys.open {
            keys.open = true;
            if self.peek() != Some(b'{') {
                return match self.value()? {
                    Token::Null => Some(None),
                    _ => None,
                };
            }
            self.pos += 1;
        }
        self.key(keys)
    }

    /// A strict string field (codes, timestamps) without escapes.
    #[inline(never)]
    fn code(&mut self) -> Option<Option<&'a str>> {
        match self.value()? {
            Token::Null => Some(None),
            Token::Str(s, false) if s.len() <= MAX_CODE_BYTES => Some(Some(s)),
            _ => None,
        }
    }

    /// A string the transaction keeps, of at most `max` bytes once decoded.
    fn owned(&mut self, max: usize) -> Option<Option<String>> {
        let s = match self.value()? {
            Token::Null => return Some(None),
            Token::Str(raw, false) => raw.to_string(),
            Token::Str(raw, true) => unescape(raw)?,
            _ => return None,
        };
        (s.len() <= max).then_some(Some(s))
    }

    /// One value of a known field, read by its kind; `None` when the slow
    /// path must read it (an error, or a shape this reader leaves to it).
    #[inline(never)]
    fn field(&mut self, ty: Ty) -> Option<Option<Read>> {
        let max_text = self.limits.max_text_bytes;
        let read = match ty {
            Ty::Id | Ty::Text(Limit::Text) => self.owned(max_text)?.map(|s| Some(Read::Str(s))),
            Ty::Text(Limit::Memo) => self.owned(self.limits.max_memo_bytes)?.map(|s| Some(Read::Str(s))),
            Ty::Timestamp => self.code()?.map(|s| Timestamp::parse(s).map(Read::Timestamp)),
            Ty::Currency => self.code()?.map(|s| Currency::parse(s).map(Read::Currency)),
            Ty::Country => self.code()?.map(|s| Country::parse(s).map(Read::Country)),
            Ty::Mcc => self.code()?.map(|s| parse_mcc(s).map(Read::Mcc)),
            Ty::Name(names) => self.code()?.map(|s| name_index(names, s).map(Read::Name)),
            Ty::Code => self.code()?.map(|s| is_code(s).then(|| Read::Str(s.to_string()))),
            Ty::Bool => match self.value()? {
                Token::Null => None,
                Token::Bool(b) => Some(Some(Read::Bool(b))),
                _ => return None,
            },
            Ty::Days => match self.value()? {
                Token::Null => None,
                // Plain digits, as `Value::as_u64` wants them.
                Token::Number(n) if n.bytes().all(|b| b.is_ascii_digit()) => Some(n.parse().ok().map(Read::Days)),
                _ => return None,
            },
            // Read by the caller.
            Ty::Amount | Ty::Object(_) => return None,
        };
        // A value present but not valid: the slow path words the error.
        match read {
            None => Some(None),
            Some(r) => Some(Some(r?)),
        }
    }

    /// The whole text: one object, then only whitespace.
    fn transaction(&mut self, d: &mut Draft, amount: &mut Option<&'a str>) -> Option<()> {
        self.ws();
        self.eat(b'{')?;
        let mut keys = Keys::default();
        while let Some(key) = self.key(&mut keys)? {
            let Some(spec) = lookup(Part::Top, key) else {
                self.skip(0)?;
                continue;
            };
            match spec.ty {
                Ty::Amount => {
                    *amount = match self.value()? {
                        Token::Null => None,
                        Token::Number(s) | Token::Str(s, false) => Some(s),
                        _ => return None,
                    }
                }
                Ty::Object(part) => self.part_object(part, d)?,
                ty => {
                    if let Some(read) = self.field(ty)? {
                        d.set(spec.field, read)?;
                    }
                }
            }
        }
        self.ws();
        (self.pos == self.text.len()).then_some(())
    }

    /// The members of `sender`, `receiver` or `merchant` (`null`: none).
    fn part_object(&mut self, part: Part, d: &mut Draft) -> Option<()> {
        let mut keys = Keys::default();
        while let Some(key) = self.part(&mut keys)? {
            match lookup(part, key) {
                Some(spec) => {
                    if let Some(read) = self.field(spec.ty)? {
                        d.set(spec.field, read)?;
                    }
                }
                None => self.skip(1)?,
            }
        }
        Some(())
    }
}

/// Four hex digits.
fn hex(digits: &[u8]) -> Option<u32> {
    if digits.len() != 4 {
        return None;
    }
    digits.iter().try_fold(0, |acc, &b| Some(acc * 16 + char::from(b).to_digit(16)?))
}

/// Decodes a string's escapes, which `Reader::string` checked; `None` for a
/// lone surrogate (the slow path's U+FFFD).
fn unescape(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.bytes().position(|b| b == b'\\') {
        out.push_str(rest.get(..i)?);
        let esc = rest.as_bytes().get(i + 1..)?;
        let (c, len) = match esc.first()? {
            b'"' => ('"', 1),
            b'\\' => ('\\', 1),
            b'/' => ('/', 1),
            b'b' => ('\u{8}', 1),
            b'f' => ('\u{c}', 1),
            b'n' => ('\n', 1),
            b'r' => ('\r', 1),
            b't' => ('\t', 1),
            b'u' => {
                let hi = hex(esc.get(1..5)?)?;
                if (0xD800..0xDC00).contains(&hi) {
                    // A pair only with a low surrogate right after.
                    let lo = esc.get(5..11).filter(|e| e.starts_with(b"\\u")).and_then(|e| hex(e.get(2..)?))?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return None;
                    }
                    (char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))?, 11)
                } else {
                    // `None` for a lone low surrogate.
                    (char::from_u32(hi)?, 5)
                }
            }
            _ => return None,
        };
        out.push(c);
        rest = rest.get(i + 1 + len..)?;
    }
    out.push_str(rest);
    Some(out)
}

/// Host only: the tests read the sample and data files from disk, and
/// proptest is a host dev-dependency.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::parse_fast;
    use crate::transaction::{ParseLimits, Transaction};
    use proptest::prelude::*;
    use proptest::sample::{select, Index};
    use proptest::test_runner::{Config, TestRunner};
    use serde_json::Value;
    use std::cell::Cell;

    fn read(path: &str) -> String {
        let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
    }

    /// The contract on one text: whatever the fast path returns, the slow
    /// path returns too. Whether the fast path took it.
    fn check(text: &str, limits: ParseLimits) -> bool {
        let Some(fast) = parse_fast(text, limits) else { return false };
        match Transaction::from_json_with(text, limits) {
            Ok(slow) => assert_eq!(fast, slow, "fast and slow paths differ on {text:?}"),
            Err(e) => panic!("the fast path accepted {text:?}, which the slow path rejects: {e}"),
        }
        true
    }

    fn samples() -> Vec<String> {
        read("www/samples/transactions.ndjson").lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect()
    }

    #[test]
    fn samples_take_the_fast_path() {
        let lines = samples();
        let fast = lines.iter().filter(|l| check(l, ParseLimits::default())).count();
        eprintln!("{fast} of {} sample lines took the fast path", lines.len());
        assert!(fast * 100 >= lines.len() * 95, "only {fast} of {} sample lines took the fast path", lines.len());
        // The same, pretty-printed (and with serde_json's sorted keys).
        let pretty = lines
            .iter()
            .map(|l| serde_json::to_string_pretty(&serde_json::from_str::<Value>(l).unwrap()).unwrap())
            .filter(|t| check(t, ParseLimits::default()))
            .count();
        assert_eq!(pretty, fast);
    }

    /// Every transaction in the table-driven cases (tests/harness), with
    /// its case's text limits and the default ones.
    #[test]
    fn data_cases_agree() {
        const FILES: [&str; 6] =
            ["normalize.toml", "conditions.toml", "errors.toml", "packs.toml", "offsets.toml", "default_pack.toml"];
        let (mut total, mut slow_ok, mut fast) = (0, 0, 0);
        for file in FILES {
            let data: toml::Value = toml::from_str(&read(&format!("tests/data/{file}"))).unwrap();
            for case in data.get("test").and_then(toml::Value::as_array).unwrap() {
                let text = match (case.get("tx"), case.get("json")) {
                    (Some(tx), _) => serde_json::to_value(tx).unwrap().to_string(),
                    (None, Some(json)) => json.as_str().unwrap().to_string(),
                    (None, None) => continue,
                };
                let mut limits = ParseLimits::default();
                let option = |key: &str| case.get("options")?.get(key)?.as_integer()?.try_into().ok();
                limits.max_memo_bytes = option("maxMemoBytes").unwrap_or(limits.max_memo_bytes);
                limits.max_text_bytes = option("maxTextBytes").unwrap_or(limits.max_text_bytes);
                total += 1;
                slow_ok += usize::from(Transaction::from_json_with(&text, limits).is_ok());
                fast += usize::from(check(&text, limits));
                check(&text, ParseLimits::default());
            }
        }
        eprintln!("{total} data transactions: {slow_ok} valid, {fast} on the fast path");
        assert!(total >= 100 && fast * 10 >= slow_ok * 9, "{total} cases, {slow_ok} valid, {fast} fast");
    }

    #[test]
    fn edge_cases() {
        let ok = r#"{"timestamp":"2026-11-20T02:10:00+10:00","amount":"50","currency":"AUD"}"#;
        let limits = ParseLimits::default();
        assert!(check(ok, limits));
        let with = |extra: &str| format!(r#"{{"timestamp":"2026-11-20T02:10:00+10:00","currency":"AUD",{extra}}}"#);
        for taken in [
            r#""amount": 50.25"#,
            r#""amount": 5e2"#,
            r#""amount": 0, "memo": null, "sender": null, "channel": null"#,
            r#""amount": "1", "memo": "a\"b\\c\/\n\u00e9\ud83d\ude00""#,
            r#""amount": "1", "x": {"y": [1, {"z": "\ud800"}, [], {}], "w": -0.5e-3}, "_": true"#,
            r#""amount": "1", "sender": {"accountAgeDays": 4294967295, "isMinor": null, "x": [null]}"#,
            r#""amount": "1", "merchant": {"mcc": "0000"}, "receiver": {}"#,
        ] {
            assert!(check(&with(taken), limits), "{taken}");
        }
        for left in [
            r#""amount": "1", "amount": "1""#,
            r#""amount": "1", "x": 1, "x": 1"#,
            r#""amount": "1", "x": {"a": 1, "a": 1}"#,
            r#""amount": "1", "memo": "\ud800""#,
            r#""amount": "1", "\u0078": 1"#,
            r#""amount": "\u0031""#,
            r#""amount": 01"#,
            r#""amount": "1", "sender": {"accountAgeDays": 4294967296}"#,
            r#""amount": "1", "sender": {"accountAgeDays": 1.0}"#,
            r#""amount": "1", "channel": "teleport""#,
            r#""amount": true"#,
            r#""amount": "1", "sender": []"#,
        ] {
            assert!(!check(&with(left), limits), "{left}");
        }
        // Deeper than the slow path's 128 levels, and deep but still valid.
        for depth in [200, 120] {
            let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            assert!(!check(&with(&format!(r#""amount": "1", "x": {deep}"#)), limits));
        }
        assert!(!check(&format!("{ok} x"), limits));
        assert!(!check("{}", limits));
        assert!(!check(" ", limits));
        let tight = ParseLimits { max_memo_bytes: 3, max_text_bytes: 2 };
        assert!(check(&with(r#""amount": "1", "memo": "a\nb", "id": "ab""#), tight));
        assert!(!check(&with(r#""amount": "1", "memo": "abcd""#), tight));
        assert!(!check(&with(r#""amount": "1", "id": "abc""#), tight));
    }

    /// The crate's convention (tests/props.rs): `JEJAK_PROPTEST_CASES`
    /// cases per property, 4,096 by default.
    fn cases() -> u32 {
        std::env::var("JEJAK_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(4_096)
    }

    /// Values a member is set to, of every type and of the wrong shapes.
    #[rustfmt::skip]
    const VALUES: &[&str] = &[
        "null", "true", "false", "0", "-0", "7", "1.5", "50.555", "1e2", "1E+2", "4294967296", "01", r#""""#,
        r#""x""#, r#""AUD""#, r#""JPY""#, r#""PH""#, r#""ph""#, r#""4829""#, r#""482""#, r#""remittance""#,
        r#""2026-11-20T02:10:00Z""#, r#""2026-02-30T02:10:00Z""#,
        r#""2026-11-20T02:10:00.000000000000000000000000000000000000000000000+01:00""#,
        r#""+5""#, r#""-0""#, r#""1e3""#, r#"".5""#,
        r#""a\"b\\c\n""#, r#""\u00e9\ud83d\ude00""#, r#""\ud800x""#, r#""\udc00""#, r#""\uFFFD""#, "\"\u{FFFD}\"",
        r#""é😀""#, "{}", "[]", r#"{"a":[1,{"b":null}],"c":"d"}"#, "[1,[2,[3]]]", r#"{"id":"x","id":"y"}"#,
    ];

    /// Keys a member is added under: every key of the field table (at any
    /// level, so at the wrong one too), near misses and unknown ones.
    fn keys() -> Vec<&'static str> {
        let mut keys: Vec<&'static str> = crate::transaction::FIELDS.iter().map(|s| s.key).collect();
        keys.dedup();
        keys.extend(["Memo", "extra", "_note", "\u{FFFD}", "isnew", "kyc "]);
        keys
    }

    /// Inserted anywhere in the text.
    #[rustfmt::skip]
    const SNIPPETS: &[&str] = &[
        " ", "\n", "\t", "\r\n  ", "\\n", "\\\"", "\\u00e9", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\x", "\"",
        ",", ":", "{", "}", "[", "]", "null", r#","id":"dup""#, r#","memo":"x""#, r#","x":1,"x":2"#, "\u{0}",
        "\u{1f}", "\u{FFFD}", "é", "1", "-", "e", ".", "\u{feff}",
    ];

    #[derive(Clone, Debug)]
    enum Edit {
        /// Sets a member (of the top object or a part) to one of `VALUES`.
        Set(Index, Index, &'static str),
        /// Adds a member to the top object or a part.
        Add(Index, &'static str, &'static str),
        Remove(Index, Index),
    }

    #[derive(Clone, Debug)]
    enum TextEdit {
        Insert(Index, &'static str),
        InsertChar(Index, char),
        Truncate(Index),
        Delete(Index, Index),
        Repeat(Index, Index),
        /// Spells every non-ASCII character as `\uXXXX` escapes.
        AsciiOnly,
    }

    /// The object an `Edit` changes: a part (`sender`, `receiver`,
    /// `merchant`) if `which` names one that is there, else the top one.
    fn target<'v>(v: &'v mut Value, which: &Index) -> Option<&'v mut serde_json::Map<String, Value>> {
        let top = v.as_object_mut()?;
        match ["sender", "receiver", "merchant", ""][which.index(4)] {
            part if top.get(part).is_some_and(Value::is_object) => top.get_mut(part)?.as_object_mut(),
            _ => Some(top),
        }
    }

    /// Stands for one of `VALUES` until the text is written (serde_json
    /// would refuse a lone surrogate and drop a repeated key).
    fn placeholder(value: &str) -> Value {
        let i = VALUES.iter().position(|v| *v == value).unwrap();
        Value::String(format!("@@{i}@@"))
    }

    fn fill_placeholders(text: &str) -> String {
        let mut out = text.to_string();
        for (i, v) in VALUES.iter().enumerate() {
            out = out.replace(&format!("\"@@{i}@@\""), v);
        }
        out
    }

    fn edit(v: &mut Value, e: &Edit) {
        let (Edit::Set(which, ..) | Edit::Add(which, ..) | Edit::Remove(which, _)) = e;
        let Some(obj) = target(v, which) else { return };
        let nth = |obj: &serde_json::Map<String, Value>, i: &Index| {
            (!obj.is_empty()).then(|| obj.keys().nth(i.index(obj.len())).cloned()).flatten()
        };
        match e {
            Edit::Set(_, member, value) => {
                if let Some(key) = nth(obj, member) {
                    obj.insert(key, placeholder(value));
                }
            }
            Edit::Add(_, key, value) => {
                obj.insert((*key).to_string(), placeholder(value));
            }
            Edit::Remove(_, member) => {
                if let Some(key) = nth(obj, member) {
                    obj.remove(&key);
                }
            }
        }
    }

    /// Bytes drawn by proptest, read in a cycle.
    struct Choices(Vec<u8>, usize);

    impl Choices {
        fn next(&mut self) -> u8 {
            self.1 += 1;
            self.0.get(self.1 % self.0.len().max(1)).copied().unwrap_or(0)
        }
    }

    /// `v` as JSON with its members shuffled and whitespace sprinkled.
    fn write(out: &mut String, v: &Value, c: &mut Choices) {
        match v {
            Value::Object(map) => {
                let mut members: Vec<(&String, &Value)> = map.iter().collect();
                for i in (1..members.len()).rev() {
                    members.swap(i, usize::from(c.next()) % (i + 1));
                }
                out.push('{');
                for (i, (k, v)) in members.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(ws(c.next()));
                    out.push_str(&serde_json::to_string(k).unwrap());
                    out.push_str(ws(c.next()));
                    out.push(':');
                    out.push_str(ws(c.next()));
                    write(out, v, c);
                    out.push_str(ws(c.next()));
                }
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(ws(c.next()));
                    write(out, v, c);
                }
                out.push(']');
            }
            other => out.push_str(&other.to_string()),
        }
    }

    fn ws(choice: u8) -> &'static str {
        ["", "", "", "", " ", "\n", "\t", "\r\n  "][usize::from(choice % 8)]
    }

    /// The char boundary at or before `index` of `text`.
    fn boundary(text: &str, index: &Index) -> usize {
        let mut i = index.index(text.len() + 1);
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    fn text_edit(text: &mut String, e: &TextEdit) {
        match e {
            TextEdit::Insert(at, s) => text.insert_str(boundary(text, at), s),
            TextEdit::InsertChar(at, c) => text.insert(boundary(text, at), *c),
            TextEdit::Truncate(at) => text.truncate(boundary(text, at)),
            TextEdit::Delete(a, b) | TextEdit::Repeat(a, b) => {
                let (a, b) = (boundary(text, a), boundary(text, b));
                let (a, b) = (a.min(b), a.max(b));
                if matches!(e, TextEdit::Delete(..)) {
                    text.replace_range(a..b, "");
                } else {
                    let piece = text[a..b].to_string();
                    text.insert_str(b, &piece);
                }
            }
            TextEdit::AsciiOnly => {
                let mut out = String::new();
                for c in text.chars() {
                    if c.is_ascii() {
                        out.push(c);
                    } else {
                        for unit in c.encode_utf16(&mut [0; 2]) {
                            out.push_str(&format!("\\u{unit:04x}"));
                        }
                    }
                }
                *text = out;
            }
        }
    }

    fn edits() -> impl Strategy<Value = Vec<Edit>> {
        let edit = prop_oneof![
            3 => (any::<Index>(), any::<Index>(), select(VALUES)).prop_map(|(o, m, v)| Edit::Set(o, m, v)),
            2 => (any::<Index>(), select(keys()), select(VALUES)).prop_map(|(o, k, v)| Edit::Add(o, k, v)),
            1 => (any::<Index>(), any::<Index>()).prop_map(|(o, m)| Edit::Remove(o, m)),
        ];
        proptest::collection::vec(edit, 0..3)
    }

    fn text_edits() -> impl Strategy<Value = Vec<TextEdit>> {
        let edit = prop_oneof![
            4 => (any::<Index>(), select(SNIPPETS)).prop_map(|(at, s)| TextEdit::Insert(at, s)),
            1 => (any::<Index>(), any::<char>()).prop_map(|(at, c)| TextEdit::InsertChar(at, c)),
            1 => any::<Index>().prop_map(TextEdit::Truncate),
            1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| TextEdit::Delete(a, b)),
            1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| TextEdit::Repeat(a, b)),
            1 => Just(TextEdit::AsciiOnly),
        ];
        prop_oneof![2 => Just(Vec::new()), 3 => proptest::collection::vec(edit, 1..3)]
    }

    /// Small limits half of the time, so the limit checks are reached.
    fn limits() -> impl Strategy<Value = ParseLimits> {
        prop_oneof![
            Just(ParseLimits::default()),
            (0usize..40, 0usize..12).prop_map(|(m, t)| ParseLimits { max_memo_bytes: m, max_text_bytes: t }),
        ]
    }

    #[test]
    fn mutated_transactions_keep_the_contract() {
        let mut bases = samples();
        bases.truncate(200);
        bases.extend(
            [
                r#"{"timestamp":"2026-11-20T02:10:00+10:00","amount":50.25,"currency":"AUD","memo":null}"#,
                r#"{"timestamp":"2026-11-20T02:10:00.5Z","amount":"1e3","currency":"JPY","memo":"a\"b é😀","x":{"y":[1,{"z":null}]}}"#,
                r#"{"id":"t","timestamp":"2026-11-20T02:10:00-05:00","amount":"0","currency":"KWD","channel":"card","merchant":{"name":"N","descriptor":"D","mcc":"5812","country":"US"},"receiver":{"id":"r","country":"PH","isNew":true}}"#,
            ]
            .map(str::to_string),
        );
        let case = (select(bases), edits(), proptest::collection::vec(any::<u8>(), 1..64), text_edits(), limits());
        let (fast, all) = (Cell::new(0u32), Cell::new(0u32));
        let mut runner = TestRunner::new(Config { cases: cases(), failure_persistence: None, ..Config::default() });
        runner
            .run(&case, |(base, edits, choices, text_edits, limits)| {
                let mut value: Value = serde_json::from_str(&base).unwrap();
                for e in &edits {
                    edit(&mut value, e);
                }
                let mut text = String::new();
                write(&mut text, &value, &mut Choices(choices, 0));
                let mut text = fill_placeholders(&text);
                for e in &text_edits {
                    text_edit(&mut text, e);
                }
                all.set(all.get() + 1);
                if check(&text, limits) {
                    fast.set(fast.get() + 1);
                }
                Ok(())
            })
            .unwrap();
        let (fast, all) = (fast.get(), all.get());
        eprintln!("{fast} of {all} mutated transactions took the fast path");
        assert!(fast >= all / 10, "only {fast} of {all} mutated transactions took the fast path");
    }
}
