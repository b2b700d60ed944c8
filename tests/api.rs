//! API-level tests that are not table-driven: the issue's acceptance
//! scenarios spelled out in Rust, determinism, digests, batches and the
//! public types' auto traits.

use jejak::{
    CompactVerdict, ErrorKind, Evidence, Level, LintKind, Locale, Offsets, Pack, Screener, Transaction, Verdict,
    VerdictForm,
};
use serde_json::{json, Value};

fn pay_per_view() -> Value {
    json!({
        "timestamp": "2026-11-20T02:10:00+10:00", "amount": "50", "currency": "AUD",
        "channel": "remittance", "memo": "school fees",
        "sender": {"country": "AU"}, "receiver": {"country": "PH", "isNew": true}
    })
}

#[test]
fn pay_per_view_pattern_reaches_review_with_cited_evidence() {
    let v = Screener::new().screen_json(&pay_per_view().to_string()).unwrap();
    assert!(v.level >= Level::Review, "level {:?}, score {}", v.level, v.score);
    assert!(v.flags.len() >= 3);
    let publishers: Vec<&str> = v.flags.iter().flat_map(|f| f.sources.iter().map(|s| s.publisher.as_str())).collect();
    assert!(publishers.iter().any(|p| p.contains("AUSTRAC")), "{publishers:?}");
    assert!(publishers.iter().any(|p| p.contains("FATF")), "{publishers:?}");
    for f in &v.flags {
        assert!(!f.evidence.is_empty(), "{} has no evidence", f.indicator);
        assert!(!f.explanation.contains('{'), "unfilled template in {}: {}", f.indicator, f.explanation);
    }
}

#[test]
fn same_memo_domestic_stays_low() {
    for channel in ["qris", "remittance", "p2p", "bank_transfer"] {
        let tx = json!({
            "timestamp": "2026-11-20T14:00:00+07:00", "amount": "250000", "currency": "IDR",
            "channel": channel, "memo": "school fees",
            "sender": {"country": "ID"}, "merchant": {"name": "Sekolah Harapan", "country": "ID"}
        });
        let v = Screener::new().screen_json(&tx.to_string()).unwrap();
        assert!(v.level <= Level::Low, "{channel}: {:?} {}", v.level, v.to_json());
    }
}

#[test]
fn evasions_of_school_fees_match_the_same_term() {
    let memos = [
        "sch00l f33s",
        "s c h o o l  f e e s",
        "ｓｃｈｏｏｌ ｆｅｅｓ",
        "\u{0455}\u{0441}h\u{043E}\u{043E}l f\u{0435}\u{0435}\u{0455}",
        "sch\u{200B}oo\u{200C}l f\u{200D}ees",
    ];
    let screener = Screener::new();
    for memo in memos {
        let mut tx = pay_per_view();
        tx["memo"] = json!(memo);
        let v = screener.screen_json(&tx.to_string()).unwrap();
        let flag = v
            .flags
            .iter()
            .find(|f| &*f.indicator == "JEJAK-SIG-MEMO-COVER")
            .unwrap_or_else(|| panic!("{memo:?} did not match"));
        let mut terms = Vec::new();
        for e in &flag.evidence {
            if let Evidence::Text(t) = e {
                assert_eq!(&memo[t.start..t.end], t.text, "span of {memo:?}");
                terms.push(t.term.clone());
            }
        }
        assert!(terms.iter().any(|t| t == "school fees"), "{memo:?} matched {terms:?}");
    }
}

#[test]
fn verdicts_are_deterministic_byte_for_byte() {
    let a = Screener::new().screen_json(&pay_per_view().to_string()).unwrap().to_json();
    let b = Screener::new().screen_json(&pay_per_view().to_string()).unwrap().to_json();
    let fresh = Pack::from_json(Pack::default_pack_json()).unwrap();
    let c = Screener::with_pack(fresh).screen_json(&pay_per_view().to_string()).unwrap().to_json();
    assert_eq!(a, b);
    assert_eq!(a, c);
}

#[test]
fn verdict_carries_pack_identity_and_engine() {
    let v = Screener::new().screen_json(&pay_per_view().to_string()).unwrap();
    let pack = Pack::default_pack();
    assert_eq!(v.pack.id, pack.id());
    assert_eq!(v.pack.version, pack.version());
    assert_eq!(v.pack.digest, pack.digest());
    assert_eq!(v.engine, jejak::ENGINE_VERSION);
    assert!(v.pack.digest.len() == 64 && v.pack.digest.bytes().all(|b| b.is_ascii_hexdigit()));
}

/// The JSON text of `value` with every object's keys in reverse order: what
/// a writer with another key order (serde_json's `preserve_order` elsewhere
/// in a user's dependency tree, say) would write.
fn reversed_text(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let members: Vec<String> =
                map.iter().rev().map(|(k, v)| format!("{}:{}", Value::from(k.as_str()), reversed_text(v))).collect();
            format!("{{{}}}", members.join(","))
        }
        Value::Array(items) => format!("[{}]", items.iter().map(reversed_text).collect::<Vec<_>>().join(",")),
        other => other.to_string(),
    }
}

/// The digest is over canonical bytes jejak writes itself (its own JSON
/// reader, no serde_json in its dependencies), so no key order and no
/// feature of a JSON crate elsewhere in the tree moves it. Pinned for
/// tests/data/packs/mini.json: the canonical form (docs/PACKS.md, "Digest")
/// must not move.
#[test]
fn digest_is_pinned_and_ignores_key_order() {
    const MINI: &str = include_str!("data/packs/mini.json");
    const MINI_DIGEST: &str = "68e697cce36ce18c8cc775c2cfe9c25ed0f04e20a8e1a8af11aca7d136319063";
    assert_eq!(Pack::from_json(MINI).unwrap().digest(), MINI_DIGEST);
    for json in [MINI, Pack::default_pack_json()] {
        let value: Value = serde_json::from_str(json).unwrap();
        let text = reversed_text(&value);
        assert_ne!(text, json);
        assert_eq!(Pack::from_json(&text).unwrap().digest(), Pack::from_json(json).unwrap().digest());
    }
    // No JSON crate among jejak's own dependencies could be switched.
    let manifest: toml::Value = toml::from_str(include_str!("../Cargo.toml")).unwrap();
    let deps = manifest["dependencies"].as_table().unwrap();
    assert!(!deps.contains_key("serde_json"), "a serde_json dependency could make digests depend on its features");
}

#[test]
fn digest_ignores_formatting_but_not_values() {
    let original: Value = serde_json::from_str(Pack::default_pack_json()).unwrap();
    let pretty = serde_json::to_string_pretty(&original).unwrap();
    let compact = serde_json::to_string(&original).unwrap();
    let a = Pack::from_json(&pretty).unwrap();
    let b = Pack::from_json(&compact).unwrap();
    assert_eq!(a.digest(), b.digest());
    assert_eq!(a.digest(), Pack::default_pack().digest());
    let mut changed = original.clone();
    changed["description"] = json!("changed");
    assert_ne!(Pack::from_json(&changed.to_string()).unwrap().digest(), a.digest());
}

#[test]
fn default_pack_sources_are_graded_and_linked() {
    for s in Pack::default_pack().sources() {
        if s.id == "jejak-project-signals" {
            // The register entry that project signals (JEJAK-SIG-TEXT-01)
            // cite: an observation of the project's own, graded C so it
            // never passes for a publisher's indicator.
            assert_eq!(s.grade, jejak::Grade::C);
            continue;
        }
        assert!(matches!(s.grade, jejak::Grade::A | jejak::Grade::B), "{} is graded {:?}", s.id, s.grade);
        assert!(s.url.starts_with("http"), "{}", s.id);
    }
}

/// Whether a pack condition refers to another indicator anywhere in it.
fn refers_to_an_indicator(c: &Value) -> bool {
    match c {
        Value::Object(o) => o.contains_key("indicator") || o.values().any(refers_to_an_indicator),
        Value::Array(xs) => xs.iter().any(refers_to_an_indicator),
        _ => false,
    }
}

#[test]
fn no_single_signal_reaches_review() {
    // One indicator per observable fact. Signals (JEJAK-SIG-*, conditions
    // with no `indicator` reference) weigh 1-4 and cite every publisher that
    // names their fact with the publisher's own indicator id (`ref`); the
    // one project signal, JEJAK-SIG-TEXT-01, cites only
    // `jejak-project-signals`. Typologies (conditions that refer to signals)
    // weigh 30-40. No signal alone reaches `review`.
    let pack = Pack::default_pack();
    let value: Value = serde_json::from_str(Pack::default_pack_json()).unwrap();
    let review = u64::from(pack.thresholds().review);
    let (mut signals, mut typologies) = (0, 0);
    for ind in value["indicators"].as_array().unwrap() {
        let id = ind["id"].as_str().unwrap();
        let w = ind["weight"].as_u64().unwrap();
        let sources = ind["sources"].as_array().unwrap();
        assert!(id.starts_with("JEJAK-"), "{id}: indicator ids start with JEJAK-");
        if refers_to_an_indicator(&ind["condition"]) {
            typologies += 1;
            assert!(
                !id.starts_with("JEJAK-SIG-"),
                "{id} refers to other indicators, so it is a typology, not a signal"
            );
            assert!((30..=40).contains(&w), "typology {id} weighs {w}, outside 30-40");
            for s in sources {
                assert_ne!(s, "jejak-project-signals", "typology {id} cites the project");
            }
            continue;
        }
        signals += 1;
        assert!(id.starts_with("JEJAK-SIG-"), "{id} refers to no indicator, so it is a signal: name it JEJAK-SIG-*");
        assert!((1..=4).contains(&w), "signal {id} weighs {w}, outside 1-4");
        assert!(w < review, "signal {id} weighs {w}, at or above review ({review})");
        if id == "JEJAK-SIG-TEXT-01" {
            assert_eq!(sources, &vec![json!("jejak-project-signals")], "{id} is the project signal");
            continue;
        }
        for (i, s) in sources.iter().enumerate() {
            let source = s["source"].as_str().unwrap_or_else(|| panic!("{id}: source {i} is {s}, not {{source, ref}}"));
            let reference = s["ref"].as_str().unwrap_or_else(|| panic!("{id}: source {i} ({source}) has no ref"));
            assert!(!reference.is_empty(), "{id}: source {i} has an empty ref");
            assert_ne!(source, "jejak-project-signals", "{id}: only JEJAK-SIG-TEXT-01 cites the project");
        }
    }
    assert!(signals > 0 && typologies > 0, "{signals} signals, {typologies} typologies");
    // The four typologies of the pack.
    for id in ["JEJAK-LSAC-01", "JEJAK-FSEC-01", "JEJAK-PTF-01", "JEJAK-IDCSAM-01"] {
        let ind = value["indicators"].as_array().unwrap().iter().find(|i| i["id"] == id);
        assert!(ind.is_some_and(|i| refers_to_an_indicator(&i["condition"])), "{id} is a typology of the pack");
    }
}

#[test]
fn default_pack_lints_clean() {
    let lints = Pack::default_pack().lint();
    let found: Vec<String> = lints.iter().map(ToString::to_string).collect();
    assert!(lints.is_empty(), "{} lint findings:\n{}", found.len(), found.join("\n"));
}

fn lints_of(json: &str) -> Vec<(LintKind, [String; 2], String)> {
    let pack = Pack::from_json(json).unwrap_or_else(|e| panic!("test pack does not load: {e}"));
    pack.lint().iter().map(|l| (l.kind(), l.indicators().map(str::to_string), l.message().to_string())).collect()
}

#[test]
fn lint_finds_two_indicators_with_the_same_condition() {
    // The second condition differs only by a `_note` comment.
    let lints = lints_of(include_str!("data/packs/lint-duplicate-condition.json"));
    assert_eq!(lints.len(), 1, "{lints:#?}");
    let (kind, ids, message) = &lints[0];
    assert_eq!(*kind, LintKind::DuplicateCondition);
    assert_eq!(ids, &["T-FRUIT-A", "T-FRUIT-B"]);
    assert!(message.contains("T-FRUIT-A") && message.contains("T-FRUIT-B"), "{message}");
}

#[test]
fn lint_finds_one_fact_counted_by_two_signals() {
    // Both count merchant terms of the list "garden-tools"; one of them also
    // looks at an MCC, so the conditions differ.
    let lints = lints_of(include_str!("data/packs/lint-fact-counted-twice.json"));
    assert_eq!(lints.len(), 1, "{lints:#?}");
    let (kind, ids, message) = &lints[0];
    assert_eq!(*kind, LintKind::FactCountedTwice);
    assert_eq!(ids, &["T-TOOLS", "T-TOOLS-OR-MCC"]);
    assert!(message.contains("T-TOOLS") && message.contains("garden-tools"), "{message}");
}

#[test]
fn lint_finds_a_typology_that_restates_a_signal() {
    // T-BAD writes S-BAND's amount band out again instead of referring to
    // S-BAND; T-GOOD refers to it and is not reported.
    let lints = lints_of(include_str!("data/packs/lint-typology-restates-signal.json"));
    assert_eq!(lints.len(), 1, "{lints:#?}");
    let (kind, ids, message) = &lints[0];
    assert_eq!(*kind, LintKind::FactCountedTwice);
    assert_eq!(ids, &["S-BAND", "T-BAD"]);
    assert!(message.contains("S-BAND") && message.contains("T-BAD"), "{message}");
}

#[test]
fn sender_is_minor_is_only_protective_in_the_default_pack() {
    // Never score on a customer's age: `senderIsMinor` may only be `true`,
    // and never under `not` (which would score adults for being adults).
    fn walk(c: &Value, under_not: bool, at: &str) {
        if let Some(v) = c.get("senderIsMinor") {
            assert_eq!(v, &json!(true), "{at}: senderIsMinor must be true");
            assert!(!under_not, "{at}: senderIsMinor under not");
        }
        for key in ["all", "any", "of"] {
            for (i, child) in c.get(key).and_then(Value::as_array).into_iter().flatten().enumerate() {
                walk(child, under_not, &format!("{at}/{key}/{i}"));
            }
        }
        if let Some(child) = c.get("not") {
            walk(child, true, &format!("{at}/not"));
        }
    }
    let value: Value = serde_json::from_str(Pack::default_pack_json()).unwrap();
    for (i, ind) in value["indicators"].as_array().unwrap().iter().enumerate() {
        walk(&ind["condition"], false, &format!("/indicators/{i}/condition"));
    }
}

#[test]
fn indonesian_locale_translates_titles_and_numbers() {
    let en = Screener::new().screen_json(&pay_per_view().to_string()).unwrap();
    let id = Screener::builder().locale(Locale::Id).build().unwrap().screen_json(&pay_per_view().to_string()).unwrap();
    assert_eq!(en.score, id.score);
    assert_eq!(en.flags.len(), id.flags.len());
    let differs = en.flags.iter().zip(&id.flags).filter(|(a, b)| a.explanation != b.explanation).count();
    assert!(differs > en.flags.len() / 2, "most explanations should differ between en and id");
}

#[test]
fn screen_many_reports_bad_rows_and_screens_good_ones() {
    let rows = [
        pay_per_view(),
        json!({"timestamp": "2026-11-20T02:10:00+10:00", "amount": "abc", "currency": "AUD"}),
        json!(null),
        pay_per_view(),
    ];
    let rows: Vec<String> = rows.iter().map(Value::to_string).collect();
    let out = Screener::new().screen_many(&rows);
    assert_eq!(out.len(), 4);
    assert!(out[0].is_ok() && out[3].is_ok());
    let e = out[1].as_ref().unwrap_err();
    assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidTransaction, "/amount"));
    assert!(out[2].is_err());
}

#[test]
fn screener_keeps_working_after_errors() {
    let s = Screener::new();
    let before = s.screen_json(&pay_per_view().to_string()).unwrap();
    for bad in ["", "null", "{", "[]", r#"{"amount": NaN}"#, r#"{"timestamp": "x"}"#] {
        assert!(s.screen_json(bad).is_err());
    }
    assert_eq!(s.screen_json(&pay_per_view().to_string()).unwrap(), before);
}

#[test]
fn hand_built_transaction_over_limit_is_an_error_not_a_panic() {
    let mut tx = Transaction::from_json(&pay_per_view().to_string()).unwrap();
    tx.memo = Some("x".repeat(10 << 20));
    let e = Screener::new().screen(&tx).unwrap_err();
    assert_eq!((e.kind(), e.path()), (ErrorKind::LimitExceeded, "/memo"));
}

#[test]
fn utf16_offsets_for_javascript() {
    let mut tx = pay_per_view();
    tx["memo"] = json!("😀 sch00l fees");
    let s = Screener::builder().offsets(Offsets::Utf16).build().unwrap();
    let v: Verdict = s.screen_json(&tx.to_string()).unwrap();
    let memo: Vec<u16> = "😀 sch00l fees".encode_utf16().collect();
    let mut seen = 0;
    for f in &v.flags {
        for e in &f.evidence {
            if let Evidence::Text(t) = e {
                assert_eq!(String::from_utf16(&memo[t.start..t.end]).unwrap(), t.text);
                seen += 1;
            }
        }
    }
    assert!(seen > 0);
}

#[test]
fn public_types_are_send_sync_and_unwind_safe() {
    fn check<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    check::<Screener>();
    check::<Pack>();
    check::<Verdict>();
    check::<jejak::Error>();
    check::<Transaction>();
}

#[test]
fn pack_limits_are_enforced() {
    let json = Pack::default_pack_json();
    let e = Pack::from_json_with_limits(json, jejak::PackLimits::default().max_bytes(1000)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::LimitExceeded);
    let e = Pack::from_json_with_limits(json, jejak::PackLimits::default().max_terms(5)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::LimitExceeded);
    let e = Pack::from_json_with_limits(json, jejak::PackLimits::default().max_indicators(3)).unwrap_err();
    assert_eq!((e.kind(), e.path()), (ErrorKind::LimitExceeded, "/indicators"));
}

#[test]
fn deep_conditions_are_rejected_by_depth_not_by_stack() {
    // 100 levels: deep enough to pass the limit of 32; JSON text nested much
    // deeper is already refused by the JSON parser's own recursion limit.
    let mut cond = json!({"crossBorder": true});
    for _ in 0..100 {
        cond = json!({"not": cond});
    }
    let mut pack: Value = serde_json::from_str(Pack::default_pack_json()).unwrap();
    pack["indicators"][0]["condition"] = cond;
    let e = Pack::from_json(&pack.to_string()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::LimitExceeded, "{e}");
    assert!(e.path().starts_with("/indicators/0/condition/not/not"));
    let deep_text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(Pack::from_json(&deep_text).unwrap_err().kind(), ErrorKind::InvalidPack);
    assert_eq!(Screener::new().screen_json(&deep_text).unwrap_err().kind(), ErrorKind::InvalidTransaction);
}

#[test]
fn explanations_of_the_sample_corpus_have_no_missing_values() {
    // A placeholder with no value renders as "-"; the default pack's
    // templates put every optional value in a `[...]` group, so a lone "-"
    // in an explanation is a template bug.
    let corpus = include_str!("../www/samples/transactions.ndjson");
    let mut problems = std::collections::BTreeMap::new();
    for locale in [Locale::En, Locale::Id] {
        let s = Screener::builder().locale(locale).build().unwrap();
        for line in corpus.lines() {
            let v = s.screen_json(line).unwrap();
            for f in &v.flags {
                let e = &f.explanation;
                let bad = [" - ", "(-", "-)", " -.", " -,", " -;", "{", "["].iter().any(|p| e.contains(p));
                if bad {
                    problems.entry(f.indicator.to_string()).or_insert_with(|| e.clone());
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn verdict_json_is_serde_json_of_the_verdict() {
    // `Verdict::to_json` is written by hand (smaller wasm); the `Serialize`
    // impl is what Rust users get. Both must give the same bytes.
    let corpus = include_str!("../www/samples/transactions.ndjson");
    for locale in [Locale::En, Locale::Id] {
        for offsets in [Offsets::Utf8, Offsets::Utf16] {
            let s = Screener::builder().locale(locale).offsets(offsets).build().unwrap();
            for line in corpus.lines().chain([pay_per_view().to_string().as_str()]) {
                let v = s.screen_json(line).unwrap();
                assert_eq!(v.to_json(), serde_json::to_string(&v).unwrap(), "{line}");
            }
        }
    }
}

#[test]
fn digest_is_sha256_of_serde_json_canonical_bytes() {
    use sha2::{Digest, Sha256};
    let value: Value = serde_json::from_str(Pack::default_pack_json()).unwrap();
    let hash = Sha256::digest(serde_json::to_vec(&value).unwrap());
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(Pack::default_pack().digest(), hex);
    assert_eq!(Pack::default_pack().canonical_json(), Some(serde_json::to_string(&value).unwrap()));
}

#[test]
fn transactions_round_trip_through_serde() {
    let value = json!({
        "id": "tx-9", "timestamp": "2026-11-20T02:10:00+10:00", "amount": 50.5, "currency": "AUD",
        "channel": "remittance", "memo": "school fees",
        "sender": {"id": "s-1", "country": "AU", "accountAgeDays": 12, "isMinor": false},
        "receiver": {"country": "PH", "isNew": true},
        "merchant": {"mcc": "4829"}
    });
    let tx: Transaction = serde_json::from_value(value).unwrap();
    let back = serde_json::to_value(&tx).unwrap();
    assert_eq!(back["amount"], json!("50.50"));
    assert_eq!(Transaction::from_json(&back.to_string()).unwrap(), tx);
    let err = serde_json::from_value::<Transaction>(json!({"timestamp": "x", "amount": "1", "currency": "AUD"}));
    assert!(err.unwrap_err().to_string().contains("/timestamp"));
}

/// The sample corpus and every transaction in the data tables.
fn corpus_lines() -> Vec<String> {
    let mut lines: Vec<String> =
        include_str!("../www/samples/transactions.ndjson").lines().map(str::to_string).collect();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let table: toml::Value = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            for case in table.get("test").and_then(|t| t.as_array()).into_iter().flatten() {
                if let Some(tx) = case.get("tx") {
                    lines.push(serde_json::to_string(&tx).unwrap());
                }
            }
        }
    }
    lines
}

#[test]
fn explain_of_the_compact_verdict_is_the_full_verdict_byte_for_byte() {
    let compact = Screener::builder().verdict(VerdictForm::Compact).build().unwrap();
    let mut checked = 0;
    for locale in [Locale::En, Locale::Id] {
        let full = Screener::builder().locale(locale).build().unwrap();
        for line in corpus_lines() {
            let Ok(tx) = full.parse(&line) else { continue };
            let c = compact.screen_compact(&tx).unwrap();
            let expected = full.screen(&tx).unwrap().to_json();
            assert_eq!(compact.explain(&c, locale).unwrap().to_json(), expected, "{line}");
            // Through JSON text, as a host that stored the compact verdict does.
            let text = compact.screen_to_json(&tx).unwrap();
            assert_eq!(text, c.to_json());
            assert_eq!(serde_json::to_string(&c).unwrap(), text);
            assert_eq!(CompactVerdict::from_json(&text).unwrap(), c);
            assert_eq!(compact.explain_json(&text, Some(locale)).unwrap(), expected, "{line}");
            // A full verdict explained again in the other locale.
            let other = if locale == Locale::En { Locale::Id } else { Locale::En };
            let again = full.explain_json(&expected, Some(other)).unwrap();
            assert_eq!(again, Screener::builder().locale(other).build().unwrap().screen(&tx).unwrap().to_json());
            checked += 1;
        }
    }
    assert!(checked > 2_400, "{checked}");
}

#[test]
fn explain_refuses_verdicts_of_another_pack_or_malformed_ones() {
    let s = Screener::new();
    let text = s.screen_compact(&s.parse(&pay_per_view().to_string()).unwrap()).unwrap().to_json();
    let code = |json: &str| {
        let e = s.explain_json(json, None).unwrap_err();
        (e.kind(), e.path().to_string())
    };
    let mini = Screener::with_pack(Pack::from_json(include_str!("data/packs/mini.json")).unwrap());
    let e = mini.explain_json(&text, None).unwrap_err();
    assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidVerdict, "/pack/digest"));
    assert!(e.message().contains("jejak-default"), "{}", e.message());
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["flags"][0]["indicator"] = json!("NOPE-1");
    assert_eq!(code(&v.to_string()), (ErrorKind::InvalidVerdict, "/flags/0/indicator".into()));
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["flags"][0]["weight"] = json!(99);
    assert_eq!(code(&v.to_string()), (ErrorKind::InvalidVerdict, "/flags/0/weight".into()));
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["flags"][1]["evidence"][0]["kind"] = json!("hunch");
    assert_eq!(code(&v.to_string()), (ErrorKind::InvalidVerdict, "/flags/1/evidence/0/kind".into()));
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["flags"][1]["evidence"][0]["end"] = json!(-1);
    assert_eq!(code(&v.to_string()), (ErrorKind::InvalidVerdict, "/flags/1/evidence/0/end".into()));
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["engine"] = json!("0.0.1");
    assert_eq!(code(&v.to_string()), (ErrorKind::InvalidVerdict, "/engine".into()));
    assert_eq!(code("[1]"), (ErrorKind::InvalidVerdict, String::new()));
    assert_eq!(code("{\"score\": "), (ErrorKind::InvalidVerdict, String::new()));
    assert_eq!(ErrorKind::InvalidVerdict.code(), "invalid_verdict");
}

#[test]
fn the_pay_per_view_preset_fires_at_most_six_flags() {
    let v = Screener::new().screen_json(&pay_per_view().to_string()).unwrap();
    assert!(v.flags.len() <= 6, "{:?}", v.flags.iter().map(|f| &f.indicator).collect::<Vec<_>>());
    assert!(v.level >= Level::Review);
}

#[test]
fn explain_refuses_a_score_or_level_the_flags_do_not_give() {
    let s = Screener::new();
    let text = s.screen_compact(&s.parse(&pay_per_view().to_string()).unwrap()).unwrap().to_json();
    for (key, value, path) in [("score", json!(99), "/score"), ("level", json!("high"), "/level")] {
        let mut v: Value = serde_json::from_str(&text).unwrap();
        v[key] = value;
        let e = s.explain_json(&v.to_string(), None).unwrap_err();
        assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidVerdict, path), "{}", e.message());
    }
}
