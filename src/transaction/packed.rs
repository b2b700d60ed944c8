//! The transaction as the JavaScript package hands it over, without JSON.
//!
//! The package's encoder (`pkg/lib/packed.mjs`, generated from the field
//! table by `src/contracts.rs`) walks [`FIELDS`] in order and writes two
//! numbers per row into a region of the module's memory: a tag
//! ([`Tag`]) and, for text, its length in UTF-16 code units, or the value
//! itself for a whole count of days. The text of every string and number
//! goes, in row order, into one string that `TextEncoder.encodeInto` writes
//! into a second region as UTF-8. This reader splits that text by the
//! lengths and checks each value exactly as the JSON reader does
//! ([`read_fields`], [`Raw`]), so both give the same transaction, or the same
//! error, for the same object.
//!
//! Why UTF-16 lengths: they are what JavaScript knows of a string without
//! encoding it (`s.length`), so one `encodeInto` of the joined text is the
//! only copy. A lone surrogate is encoded as U+FFFD, one unit for one, as
//! the JSON reader reads its escape; the offsets stay exact.
//!
//! The encoder leaves a transaction it is unsure of to the JSON reader: one
//! that is not a plain object, has `toJSON`, holds a value of the wrong
//! type, or holds an object under a key the table does not have (which
//! `JSON.stringify` may refuse: a cycle, too deep). A value of the right type that is wrong (a bad timestamp, a memo
//! over the limit) is refused here with the JSON reader's error.

use super::{read_fields, ParseLimits, Raw, Transaction, Ty, FIELDS};
use crate::error::Error;

/// What a row's first number says of its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub(crate) enum Tag {
    /// Absent, `undefined` or `null` (and always for a part's own row).
    Absent = 0,
    /// A string of that many UTF-16 units of the text.
    Str = 1,
    /// A number (or a BigInt) written as `JSON.stringify` writes it, that
    /// many units of the text.
    Num = 2,
    False = 3,
    True = 4,
    /// A whole number from 0 to 4294967295: the second number.
    Uint = 5,
}

impl Tag {
    /// Every tag, by its number.
    pub(crate) const ALL: [Tag; 6] = [Tag::Absent, Tag::Str, Tag::Num, Tag::False, Tag::True, Tag::Uint];
}

/// How many `u32`s the rows take: two per row of [`FIELDS`].
pub(crate) const SLOTS: usize = 2 * FIELDS.len();

/// The most UTF-8 bytes a packed transaction's text may take for these
/// limits: every text field at its limit, every short field at 64 bytes.
/// The package refuses to copy more (a longer text holds a field over its
/// limit, which the JSON reader then reports).
pub(crate) fn max_text_bytes(limits: ParseLimits) -> usize {
    FIELDS
        .iter()
        .map(|spec| match spec.ty {
            Ty::Text(super::Limit::Memo) => limits.max_memo_bytes,
            Ty::Text(_) | Ty::Id => limits.max_text_bytes,
            Ty::Object(_) => 0,
            _ => 64,
        })
        .sum()
}

/// Reads a packed transaction: `slots` holds [`SLOTS`] numbers, `text` the
/// encoded text.
pub(crate) fn from_packed(slots: &[u32], text: &str, limits: ParseLimits) -> Result<Transaction, Error> {
    if slots.len() != SLOTS {
        return Err(malformed());
    }
    let ascii = text.is_ascii();
    let mut rest = text;
    let mut row = 0;
    let tx = read_fields(limits, |spec| {
        // Rows are read in table order, so `row` is this spec's index.
        let i = row;
        row += 1;
        if let Ty::Object(_) = spec.ty {
            return Ok(None);
        }
        let (tag, n) = (slots[2 * i], slots[2 * i + 1]);
        let tag = Tag::ALL.get(tag as usize).copied().ok_or_else(malformed)?;
        Ok(match tag {
            Tag::Absent => None,
            Tag::False => Some(Raw::Bool(false)),
            Tag::True => Some(Raw::Bool(true)),
            Tag::Uint => Some(Raw::Uint(n)),
            Tag::Str | Tag::Num => {
                let (value, after) = split_units(rest, n as usize, ascii).ok_or_else(malformed)?;
                rest = after;
                Some(if tag == Tag::Str { Raw::Str(value) } else { Raw::Num(value) })
            }
        })
    })?;
    // Text left over means the rows and the text disagree.
    if !rest.is_empty() {
        return Err(malformed());
    }
    Ok(tx)
}

/// The first `units` UTF-16 code units of `text` and the rest; `None` when
/// the text is shorter or the split would cut a character in two.
fn split_units(text: &str, units: usize, ascii: bool) -> Option<(&str, &str)> {
    if ascii {
        return text.split_at_checked(units);
    }
    let mut left = units;
    let mut end = 0;
    for c in text.chars() {
        if left == 0 {
            break;
        }
        left = left.checked_sub(c.len_utf16())?;
        end += c.len_utf8();
    }
    if left == 0 {
        text.split_at_checked(end)
    } else {
        None
    }
}

#[cold]
fn malformed() -> Error {
    Error::transaction("", "the packed transaction is malformed (its rows and its text disagree)")
}

/// The packed form of a transaction, as the package's encoder writes it:
/// the rows and the text. What the tests and the fuzz target check the
/// reader against.
#[cfg(any(test, fuzzing))]
pub(crate) fn to_packed(tx: &Transaction) -> (Vec<u32>, String) {
    use super::fields::Got;
    let mut slots = vec![0; SLOTS];
    let mut text = String::new();
    for (i, spec) in FIELDS.iter().enumerate() {
        let (tag, n) = match tx.get(spec.field) {
            None => (Tag::Absent, 0),
            Some(Got::Bool(b)) => (if b { Tag::True } else { Tag::False }, 0),
            Some(Got::Days(d)) => (Tag::Uint, d),
            Some(Got::Str(s)) => (Tag::Str, push(&mut text, s)),
            Some(Got::Owned(s)) => (Tag::Str, push(&mut text, &s)),
        };
        slots[2 * i] = tag as u32;
        slots[2 * i + 1] = n;
    }
    (slots, text)
}

#[cfg(any(test, fuzzing))]
fn push(text: &mut String, s: &str) -> u32 {
    text.push_str(s);
    s.encode_utf16().count() as u32
}

#[cfg(test)]
mod tests {
    use super::super::Part;
    use super::*;

    fn tx(json: &str) -> Transaction {
        Transaction::from_json(json).unwrap()
    }

    #[test]
    fn a_packed_transaction_reads_back_as_itself() {
        for json in [
            r#"{"timestamp":"2026-11-20T02:10:00+10:00","amount":"50","currency":"AUD"}"#,
            r#"{"id":"t1","timestamp":"2026-11-20T02:10:00+10:00","amount":"50.5","currency":"AUD","channel":"remittance",
                "memo":"s\u00e9kolah \ud83d\ude00 fees","sender":{"id":"s","country":"AU","accountAgeDays":4000000000,"isMinor":false,"kyc":"registered"},
                "receiver":{"country":"PH","isNew":true},"merchant":{"name":"Toko","mcc":"5814","criteria":"umi","qrType":"static"}}"#,
            r#"{"timestamp":"2026-11-20T02:10:00Z","amount":"1","currency":"IDR","memo":"\udc00 lone","purposeCode":"01"}"#,
        ] {
            let t = tx(json);
            let (slots, text) = to_packed(&t);
            assert_eq!(from_packed(&slots, &text, ParseLimits::default()).unwrap(), t, "{json}");
        }
    }

    #[test]
    fn values_are_checked_as_the_json_reader_checks_them() {
        let t = tx(r#"{"timestamp":"2026-11-20T02:10:00Z","amount":"1","currency":"AUD","memo":"abc"}"#);
        let (mut slots, text) = to_packed(&t);
        // The timestamp's row (the second) given as a number of the same
        // text: the JSON reader's message for `"timestamp": 2026...`.
        slots[2] = Tag::Num as u32;
        let e = from_packed(&slots, &text, ParseLimits::default()).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_transaction", "/timestamp"));
        assert!(e.message().contains("expected a string, found a number"), "{}", e.message());
        // The memo over its limit: `limit_exceeded`, as from JSON.
        let (slots, text) = to_packed(&t);
        let limits = ParseLimits { max_memo_bytes: 2, ..ParseLimits::default() };
        let e = from_packed(&slots, &text, limits).unwrap_err();
        assert_eq!((e.code(), e.path()), ("limit_exceeded", "/memo"));
    }

    #[test]
    fn rows_and_text_that_disagree_are_refused() {
        let t = tx(r#"{"timestamp":"2026-11-20T02:10:00Z","amount":"1","currency":"AUD","memo":"\u00e9\ud83d\ude00"}"#);
        let (slots, text) = to_packed(&t);
        let limits = ParseLimits::default();
        let memo = FIELDS.iter().position(|s| s.key == "memo" && s.part == Part::Top).unwrap();
        for (i, v) in [(2 * memo + 1, 2), (2 * memo + 1, 4), (2 * memo, 9), (2 * memo + 1, u32::MAX)] {
            let mut s = slots.clone();
            s[i] = v;
            assert!(from_packed(&s, &text, limits).is_err(), "{i} = {v}");
        }
        assert!(from_packed(&slots[1..], &text, limits).is_err());
        assert!(from_packed(&slots, &format!("{text}x"), limits).is_err());
        assert!(from_packed(&slots, &text[..text.len() - 4], limits).is_err());
    }

    #[test]
    fn the_text_bound_covers_every_field_at_its_limit() {
        let limits = ParseLimits::default();
        assert!(max_text_bytes(limits) >= limits.max_memo_bytes + 3 * limits.max_text_bytes);
    }
}
