//! Checks shared by the `transaction` and `pack` targets. A failed check
//! panics, which is how a fuzz target reports.

use jejak::{Error, Evidence, Offsets, Verdict};
use serde_json::Value;

/// The documented error codes (`ErrorKind::code`).
const CODES: [&str; 4] = ["invalid_transaction", "invalid_pack", "invalid_option", "limit_exceeded"];

/// An error has a documented code and a JSON-pointer path ("" for the whole
/// document).
pub fn check_error(e: &Error) {
    assert!(CODES.contains(&e.code()), "undocumented error code {:?} in {e}", e.code());
    assert!(e.path().is_empty() || e.path().starts_with('/'), "path {:?} is not a JSON pointer in {e}", e.path());
    assert!(!e.message().is_empty(), "empty message for {:?}", e.code());
}

/// The original value of an evidence field of the transaction `tx`.
fn field<'a>(tx: &'a Value, name: &str) -> &'a str {
    let value = match name {
        "memo" => &tx["memo"],
        "merchant.name" => &tx["merchant"]["name"],
        "merchant.descriptor" => &tx["merchant"]["descriptor"],
        other => panic!("text evidence for unknown field {other:?}"),
    };
    value.as_str().unwrap_or_else(|| panic!("evidence for {name}, which is {value:?} in the transaction"))
}

/// `value[start..end]` in `offsets` units, or `None` if that is not a whole
/// slice of `value` (out of range, inside a char, between two surrogates).
fn slice(value: &str, start: usize, end: usize, offsets: Offsets) -> Option<String> {
    if start > end {
        return None;
    }
    match offsets {
        Offsets::Utf16 => {
            let units: Vec<u16> = value.encode_utf16().collect();
            String::from_utf16(units.get(start..end)?).ok()
        }
        _ => value.get(start..end).map(str::to_owned),
    }
}

/// Every text and pattern span of `verdict` is a non-empty slice of the
/// original field of `tx` (in `offsets` units) and its `text` is exactly that
/// slice; `to_json` is valid JSON and the same bytes as the `Serialize` impl.
pub fn check_verdict(verdict: &Verdict, tx: &Value, offsets: Offsets) {
    let replacement = char::REPLACEMENT_CHARACTER.to_string();
    for flag in &verdict.flags {
        for evidence in &flag.evidence {
            let (name, start, end, text) = match evidence {
                Evidence::Text(t) => (t.field, t.start, t.end, &t.text),
                Evidence::Pattern { field, start, end, text, .. } => (*field, *start, *end, text),
                // The first malformed unit, read as U+FFFD.
                Evidence::MalformedText { field, start, end, .. } => (*field, *start, *end, &replacement),
                _ => continue,
            };
            let original = field(tx, name);
            let sliced = slice(original, start, end, offsets);
            assert!(
                sliced.as_deref() == Some(text.as_str()) && start < end,
                "{}: {name}[{start}..{end}] ({offsets:?}) of {original:?} is {sliced:?}, evidence says {text:?}",
                flag.indicator,
            );
        }
    }
    let json = verdict.to_json();
    if let Err(e) = serde_json::from_str::<Value>(&json) {
        panic!("to_json() is not valid JSON ({e}): {json}");
    }
    let serde = serde_json::to_string(verdict).unwrap_or_else(|e| panic!("Serialize failed: {e}"));
    assert_eq!(json, serde, "to_json() differs from serde_json::to_string");
}
