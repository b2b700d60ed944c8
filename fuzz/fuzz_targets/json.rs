//! The crate's hand-written JSON reader (src/json.rs) against serde_json
//! (`arbitrary_precision`, no `preserve_order`) on arbitrary UTF-8: the same
//! texts are accepted, and where both accept, jejak's canonical form is
//! exactly `serde_json::to_string` (sorted keys, numbers as written with the
//! exponent as `e+N`/`e-N`, which is also how serde_json spells it). The
//! canonical form reads back as itself, and `to_json` reads back as the same
//! value (checked inside `jejak::fuzzing::json_canonical`).
//!
//! The documented differences, each checked to be what it claims:
//!
//! * a duplicate key is an error in jejak; serde_json keeps the last member
//!   (an independent scan confirms the duplicate);
//! * serde_json stops at 127 levels of nesting, jejak at 128, so jejak may
//!   accept a text nested exactly 128 deep that serde_json rejects;
//! * a lone surrogate escape is an error in both readers; with
//!   `replace`, jejak reads it as U+FFFD, which is compared with serde_json
//!   on the text with each lone surrogate escape spelled `\uFFFD`.
//!
//! The same comparison runs as property tests in src/json.rs
//! (`json::tests::oracle`).

#![no_main]

use jejak::fuzzing::{max_depth, replace_lone_surrogates};
use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;

/// Whether `text`, which serde_json accepted, has an object with a key
/// twice: serde_json's `Value` keeps only the last member, so the keys are
/// found by a scan and decoded by serde_json.
fn has_duplicate_key(text: &str) -> bool {
    let bytes = text.as_bytes();
    // One entry per open array (None) or object (its keys so far).
    let mut open: Vec<Option<HashSet<String>>> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => open.push(Some(HashSet::new())),
            b'[' => open.push(None),
            b'}' | b']' => {
                open.pop();
            }
            b'"' => {
                let start = i;
                i += 1;
                while bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let is_key = text[i + 1..].trim_start_matches([' ', '\t', '\n', '\r']).starts_with(':');
                if let (true, Some(Some(keys))) = (is_key, open.last_mut()) {
                    let key: String = serde_json::from_str(&text[start..=i]).expect("a key serde_json has read");
                    if !keys.insert(key) {
                        return true;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    false
}

/// serde_json with `arbitrary_precision` reads an object whose first key is
/// this token as a number (its private encoding of one): a quirk of the
/// oracle, not a difference of jejak's.
const SERDE_NUMBER_TOKEN: &str = "\"$serde_json::private::Number\":";

/// jejak's reading of `text` (`ours`) against serde_json's reading of
/// `oracle_text` (the same text, or with lone surrogates replaced).
fn compare(text: &str, ours: Result<String, String>, oracle_text: &str) {
    let theirs = serde_json::from_str::<serde_json::Value>(oracle_text);
    if ours.as_ref().is_ok_and(|c| c.contains(SERDE_NUMBER_TOKEN)) {
        return;
    }
    match (ours, theirs) {
        (Ok(canonical), Ok(value)) => {
            let serde = serde_json::to_string(&value).expect("serde_json writes its own value");
            if canonical != serde && canonical.contains('\u{FFFD}') && has_duplicate_key(oracle_text) {
                // Replace mode keeps repeated keys that hold U+FFFD (payer
                // data, never read) where serde_json keeps the last one.
                return;
            }
            assert_eq!(canonical, serde, "canonical form of {text:?}");
            let again = jejak::fuzzing::json_canonical(&canonical, false);
            assert_eq!(again.as_ref(), Ok(&canonical), "the canonical form of {text:?} does not read back");
        }
        (Err(_), Err(_)) => {}
        (Err(e), Ok(_)) => {
            // serde_json rejects lone surrogates and deeper nesting itself,
            // so a duplicate key is the only difference left here.
            assert!(e.contains(": duplicate key "), "jejak rejects {text:?}, serde_json accepts: {e}");
            assert!(has_duplicate_key(oracle_text), "jejak says {e} for {text:?}, which has no duplicate key");
        }
        (Ok(_), Err(e)) => {
            let depth = max_depth(oracle_text);
            assert!(
                e.to_string().starts_with("recursion limit exceeded") && depth == 128,
                "jejak accepts {text:?} (depth {depth}), serde_json rejects it: {e}"
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let rejected = jejak::fuzzing::json_canonical(text, false);
    let replaced = replace_lone_surrogates(text);
    if replaced == text {
        // No lone surrogate escape: both modes read the text the same way,
        // but that Replace keeps a repeated key holding U+FFFD.
        let replacing = jejak::fuzzing::json_canonical(text, true);
        // The repeated key itself holds U+FFFD (not just a key on its path).
        let replaced_key_repeat = rejected
            .as_ref()
            .is_err_and(|e| e.split_once(": duplicate key ").is_some_and(|(_, key)| key.contains('\u{FFFD}')));
        if replaced_key_repeat {
            // Replace keeps that repeated key and reads on: the text is
            // accepted, or fails later for another reason (a syntax error
            // after the object), never for a repeated U+FFFD key.
            if let Err(e) = &replacing {
                let fffd_repeat = e.split_once(": duplicate key ").is_some_and(|(_, key)| key.contains('\u{FFFD}'));
                assert!(!fffd_repeat, "{text:?}: {e}");
            }
        } else {
            assert_eq!(rejected, replacing, "Reject and Replace differ on {text:?}");
        }
    } else {
        let replacing = jejak::fuzzing::json_canonical(text, true);
        if replacing.is_ok() {
            assert!(
                rejected.as_ref().is_err_and(|e| e.contains("lone surrogate")),
                "{text:?} read with a lone surrogate rejected: {rejected:?}"
            );
        }
        compare(text, replacing, &replaced);
    }
    compare(text, rejected, text);
});
