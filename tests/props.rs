//! Property tests: screening never panics, and spans always slice the
//! original text on char boundaries.
//!
//! Each property runs `JEJAK_PROPTEST_CASES` cases (default 4,096 for a quick
//! local run; `make test` runs 100,000 per property in an optimized build).

use jejak::{Evidence, Offsets, Pack, Screener};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

fn cases() -> u32 {
    std::env::var("JEJAK_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(4_096)
}

fn config() -> Config {
    Config { cases: cases(), failure_persistence: None, ..Config::default() }
}

/// Text that exercises the normalizer: pack words, leet, separators,
/// look-alikes, invisibles, marks, emoji, astral and arbitrary characters.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("school".to_string()),
        Just("fees".to_string()),
        Just("sch00l".to_string()),
        Just("f33s".to_string()),
        Just("@".to_string()),
        Just("$".to_string()),
        Just(" ".to_string()),
        Just(".".to_string()),
        Just("-".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{0301}".to_string()),
        Just("\u{FE0F}".to_string()),
        Just("\u{200D}".to_string()),
        Just("😀".to_string()),
        Just("🇮🇩".to_string()),
        Just("ｓ".to_string()),
        Just("\u{0455}".to_string()),
        Just("İ".to_string()),
        Just("ß".to_string()),
        Just("ﬃ".to_string()),
        Just("+63 917 555 0123".to_string()),
        Just("t.me/x".to_string()),
        any::<char>().prop_map(|c| c.to_string()),
        "[a-z0-9 ]{1,6}",
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

fn check_spans(tx: &Value, offsets: Offsets, screener: &Screener) -> Result<(), TestCaseError> {
    let v = match screener.screen_json(&tx.to_string()) {
        Ok(v) => v,
        Err(_) => return Ok(()),
    };
    for f in &v.flags {
        for e in &f.evidence {
            let (field, start, end, text) = match e {
                Evidence::Text(t) => (t.field, t.start, t.end, t.text.clone()),
                Evidence::Pattern { field, start, end, text, .. } => (*field, *start, *end, text.clone()),
                _ => continue,
            };
            let original = match field {
                "memo" => tx["memo"].as_str(),
                "merchant.name" => tx["merchant"]["name"].as_str(),
                _ => tx["merchant"]["descriptor"].as_str(),
            }
            .unwrap_or_default();
            prop_assert!(start < end, "empty span");
            match offsets {
                Offsets::Utf8 => {
                    prop_assert!(original.is_char_boundary(start) && original.is_char_boundary(end));
                    prop_assert_eq!(&original[start..end], text.as_str());
                }
                _ => {
                    let units: Vec<u16> = original.encode_utf16().collect();
                    prop_assert_eq!(String::from_utf16(&units[start..end]).ok(), Some(text));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn screening_never_panics_and_spans_slice_the_original() {
    let utf8 = Screener::new();
    let utf16 = Screener::builder().offsets(Offsets::Utf16).build().unwrap();
    let mut runner = TestRunner::new(config());
    runner
        .run(&(text(), text(), text(), 0u8..24, any::<bool>()), |(memo, name, descriptor, hour, utf)| {
            let tx = json!({
                "timestamp": format!("2026-11-20T{hour:02}:10:00+10:00"), "amount": "50", "currency": "AUD",
                "channel": "remittance", "memo": memo,
                "sender": {"country": "AU"}, "receiver": {"country": "PH", "isNew": true},
                "merchant": {"name": name, "descriptor": descriptor}
            });
            if utf {
                check_spans(&tx, Offsets::Utf16, &utf16)
            } else {
                check_spans(&tx, Offsets::Utf8, &utf8)
            }
        })
        .unwrap();
}

/// Arbitrary JSON values, biased toward transaction-shaped objects.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".*".prop_map(Value::String),
        prop_oneof![Just("AUD"), Just("IDR"), Just("PH"), Just("2026-11-20T02:10:00+10:00"), Just("50"), Just("p2p")]
            .prop_map(|s| Value::String(s.to_string())),
    ];
    let keys = prop_oneof![
        Just("timestamp"),
        Just("amount"),
        Just("currency"),
        Just("channel"),
        Just("memo"),
        Just("sender"),
        Just("receiver"),
        Just("merchant"),
        Just("country"),
        Just("isNew"),
        Just("isMinor"),
        Just("mcc"),
        Just("name"),
        Just("descriptor"),
        Just("id"),
        Just("accountAgeDays"),
        Just("__proto__"),
    ];
    leaf.prop_recursive(4, 32, 8, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(keys.clone().prop_map(str::to_string), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn arbitrary_json_never_panics() {
    let screener = Screener::new();
    let mut runner = TestRunner::new(config());
    runner
        .run(&json_value(), |v| {
            let _ = screener.screen_json(&v.to_string());
            let _ = screener.screen_json(&v.to_string());
            Ok(())
        })
        .unwrap();
}

#[test]
fn arbitrary_packs_never_panic() {
    // Mutate the mini pack's JSON at random positions: the loader must answer
    // with an error or a pack, never a panic.
    let base = include_str!("data/packs/mini.json");
    let mut runner = TestRunner::new(Config { cases: cases() / 10, ..config() });
    runner
        .run(&(0..base.len(), any::<char>(), 0usize..3), |(at, c, op)| {
            let mut s = base.to_string();
            let at = (0..=at).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
            match op {
                0 => s.insert(at, c),
                1 => {
                    s.truncate(at);
                }
                _ => {
                    let end = (at + 1..=s.len()).find(|&i| s.is_char_boundary(i)).unwrap_or(s.len());
                    s.replace_range(at..end, &c.to_string());
                }
            }
            if let Ok(pack) = Pack::from_json(&s) {
                let _ = Screener::with_pack(pack).screen_json(
                    r#"{"timestamp": "2026-11-20T02:10:00+10:00", "amount": "50", "currency": "AUD", "memo": "apple"}"#,
                );
            }
            Ok(())
        })
        .unwrap();
}
