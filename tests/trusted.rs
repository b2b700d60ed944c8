//! Trusted packs through the public API: signed packs and deltas
//! (src/signed.rs, src/pack/delta.rs), hashed term lists
//! (src/restricted.rs) and watchlists (src/watchlist.rs).

use jejak::signed::{self, SecretKey, Trust};
use jejak::{ErrorKind, Evidence, Pack, Screener};
use serde_json::{json, Value};

const MINI: &str = include_str!("data/packs/mini.json");
/// 2026-11-29T00:00Z, as milliseconds since 1970.
const NOW_MS: u64 = 1_795_910_400_000;

fn key(n: u8) -> SecretKey {
    SecretKey::from_seed([n; 32])
}

fn trust(key: &SecretKey) -> Trust {
    let mut t = Trust::new();
    t.key(&key.public_text()).unwrap().now_ms(NOW_MS);
    t
}

fn mini() -> Value {
    serde_json::from_str(MINI).unwrap()
}

#[test]
fn a_signed_pack_round_trips_to_the_same_pack() {
    let k = key(1);
    let bytes = signed::sign(MINI, &k, Some("2026-12-31")).unwrap();
    let pack = Pack::from_signed(&bytes, &trust(&k)).unwrap();
    let plain = Pack::from_json(MINI).unwrap();
    assert_eq!(pack.digest(), plain.digest());
    assert_eq!(pack.canonical_json(), plain.canonical_json());
    // The payload is the canonical JSON, and the header states its SHA-256.
    let payload = &bytes[74..bytes.len() - 64];
    assert_eq!(payload, plain.canonical_json().unwrap().as_bytes());
    assert_eq!(&bytes[..6], b"JJKS\x01\x01");
    // A builder takes it like pack_json.
    let screener = Screener::builder().signed_pack(&bytes, &trust(&k)).unwrap().build().unwrap();
    assert_eq!(screener.pack().digest(), plain.digest());
}

#[test]
fn each_rejection_has_its_own_code() {
    let k = key(1);
    let bytes = signed::sign(MINI, &k, Some("2026-11-29")).unwrap();
    let code = |bytes: &[u8], trust: &Trust| Pack::from_signed(bytes, trust).unwrap_err().kind();

    let mut tampered = bytes.clone();
    tampered[200] ^= 0x20;
    assert_eq!(code(&tampered, &trust(&k)), ErrorKind::BadSignature);
    assert_eq!(code(&bytes, &trust(&key(2))), ErrorKind::UntrustedKey);
    assert_eq!(code(&bytes, &Trust::new()), ErrorKind::UntrustedKey);

    // Valid through the whole last day, expired the day after.
    let mut t = trust(&k);
    assert!(Pack::from_signed(&bytes, t.now_ms(NOW_MS + 86_400_000 - 1)).is_ok());
    let err = Pack::from_signed(&bytes, t.now_ms(NOW_MS + 86_400_000)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PackExpired);
    assert_eq!(err.message(), "a signed pack was valid until 2026-11-29; today is 2026-11-30");

    let mut t = trust(&k);
    t.min_version("1.0.1").unwrap();
    assert_eq!(code(&bytes, &t), ErrorKind::PackDowngrade);
    t.min_version("1.0.0").unwrap();
    assert!(Pack::from_signed(&bytes, &t).is_ok());
    t.min_version("1.0.0-rc.1").unwrap();
    assert!(Pack::from_signed(&bytes, &t).is_ok());

    for not_signed in [&b""[..], b"JJKS", MINI.as_bytes(), &[0u8; 200]] {
        assert_eq!(code(not_signed, &trust(&k)), ErrorKind::InvalidPack);
    }
    // A delta is not a pack, and a pack is not a delta.
    let delta = signed::sign(&delta_json(&mini(), &mini(), "1.0.1").to_string(), &k, None).unwrap();
    assert_eq!(code(&delta, &trust(&k)), ErrorKind::InvalidPack);
    let base = Pack::from_json(MINI).unwrap();
    assert_eq!(base.apply_delta(&bytes, &trust(&k)).unwrap_err().kind(), ErrorKind::InvalidPack);
    // A newer envelope format.
    let mut newer = bytes.clone();
    newer[4] = 2;
    assert_eq!(code(&newer, &trust(&k)), ErrorKind::InvalidPack);
}

#[test]
fn flipping_any_byte_is_rejected() {
    let k = key(3);
    let bytes = signed::sign(MINI, &k, None).unwrap();
    let t = trust(&k);
    for i in 0..bytes.len() {
        let mut flipped = bytes.clone();
        flipped[i] ^= 0xff;
        let kind = Pack::from_signed(&flipped, &t).unwrap_err().kind();
        let want = match i {
            0..=5 => ErrorKind::InvalidPack,
            6..=37 => ErrorKind::UntrustedKey,
            _ => ErrorKind::BadSignature,
        };
        assert_eq!(kind, want, "byte {i}");
    }
    // Truncated or extended by a byte.
    assert!(Pack::from_signed(&bytes[..bytes.len() - 1], &t).is_err());
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(Pack::from_signed(&longer, &t).unwrap_err().kind(), ErrorKind::BadSignature);
}

/// The delta from pack `a` to pack `b`, as `npx jejak diff --delta` writes it.
fn delta_json(a: &Value, b: &Value, to: &str) -> Value {
    let base = Pack::from_json(&a.to_string()).unwrap();
    let by_id = |v: &Value, key: &str| -> Vec<(String, Value)> {
        v[key].as_array().unwrap().iter().map(|x| (x["id"].as_str().unwrap().to_string(), x.clone())).collect()
    };
    let mut changes = serde_json::Map::new();
    for key in ["sources", "indicators"] {
        let (old, new) = (by_id(a, key), by_id(b, key));
        let find = |list: &[(String, Value)], id: &str| list.iter().find(|(k, _)| k == id).map(|(_, v)| v.clone());
        let add: Vec<Value> = new.iter().filter(|(id, _)| find(&old, id).is_none()).map(|(_, v)| v.clone()).collect();
        let modify: Vec<Value> =
            new.iter().filter(|(id, v)| find(&old, id).is_some_and(|o| &o != v)).map(|(_, v)| v.clone()).collect();
        let remove: Vec<Value> =
            old.iter().filter(|(id, _)| find(&new, id).is_none()).map(|(id, _)| json!(id)).collect();
        changes.insert(key.into(), json!({ "add": add, "modify": modify, "remove": remove }));
    }
    let mut delta = json!({
        "delta": base.id(),
        "from": { "version": base.version(), "digest": base.digest() },
        "to": { "version": to, "published": "2026-12-01" },
    });
    delta.as_object_mut().unwrap().extend(changes);
    delta
}

#[test]
fn a_delta_takes_a_pack_to_the_next_version_or_changes_nothing() {
    let k = key(4);
    let a = mini();
    let mut b = mini();
    b["version"] = json!("1.1.0");
    b["published"] = json!("2026-12-01");
    let inds = b["indicators"].as_array_mut().unwrap();
    inds.retain(|i| i["id"] != "T-AGE");
    inds[0]["weight"] = json!(12);
    let mut added = inds[2].clone();
    added["id"] = json!("T-NIGHT-2");
    inds.push(added);
    b["sources"].as_array_mut().unwrap().push(json!({
        "id": "src-c", "publisher": "Third", "title": "T", "year": 2026, "url": "https://example.org/c", "grade": "B"
    }));

    let screener =
        Screener::builder().signed_pack(&signed::sign(MINI, &k, None).unwrap(), &trust(&k)).unwrap().build().unwrap();
    let delta = signed::sign(&delta_json(&a, &b, "1.1.0").to_string(), &k, Some("2026-12-31")).unwrap();
    let updated = screener.apply_delta(&delta, &trust(&k)).unwrap();
    let want = Pack::from_json(&b.to_string()).unwrap();
    assert_eq!(updated.pack().version(), "1.1.0");
    assert_eq!(updated.pack().digest(), want.digest());
    // The screener it came from is untouched.
    assert_eq!(screener.pack().digest(), Pack::from_json(MINI).unwrap().digest());

    // Applying it again: the base no longer matches; nothing changes.
    let err = updated.apply_delta(&delta, &trust(&k)).unwrap_err();
    assert_eq!((err.kind(), err.path()), (ErrorKind::InvalidPack, "/from"));

    // A delta that does not raise the version.
    let same = signed::sign(&delta_json(&a, &b, "1.0.0").to_string(), &k, None).unwrap();
    assert_eq!(screener.apply_delta(&same, &trust(&k)).unwrap_err().kind(), ErrorKind::PackDowngrade);
    // Expired, untrusted, tampered.
    let mut late = trust(&k);
    late.now_ms(NOW_MS + 40 * 86_400_000);
    assert_eq!(screener.apply_delta(&delta, &late).unwrap_err().kind(), ErrorKind::PackExpired);
    assert_eq!(screener.apply_delta(&delta, &trust(&key(5))).unwrap_err().kind(), ErrorKind::UntrustedKey);
    let mut tampered = delta.clone();
    tampered[90] ^= 1;
    assert_eq!(screener.apply_delta(&tampered, &trust(&k)).unwrap_err().kind(), ErrorKind::BadSignature);

    // Entries that are not there, or already are.
    for (bad, path) in [
        (json!({ "indicators": { "remove": ["T-NONE"] } }), "/indicators/remove/0"),
        (json!({ "indicators": { "modify": [{ "id": "T-NONE" }] } }), "/indicators/modify/0"),
        (json!({ "sources": { "add": [{ "id": "src-a" }] } }), "/sources/add/0"),
    ] {
        let mut d = delta_json(&a, &a, "1.0.1");
        d.as_object_mut().unwrap().extend(bad.as_object().unwrap().clone());
        let bytes = signed::sign(&d.to_string(), &k, None).unwrap();
        let err = screener.apply_delta(&bytes, &trust(&k)).unwrap_err();
        assert_eq!((err.kind(), err.path()), (ErrorKind::InvalidPack, path), "{err}");
    }
    // Watchlists change by name, like term lists; a pack without any gets
    // the member from the additions.
    let list = jejak::hash_watchlist(r#"["wallet-9"]"#, "wallet", "5a1t5a1t5a1t5a1t", None).unwrap();
    let mut d = delta_json(&a, &a, "1.0.1");
    d["watchlists"] = json!({ "add": { "forum": serde_json::from_str::<Value>(&list).unwrap() } });
    let with_list = screener.apply_delta(&signed::sign(&d.to_string(), &k, None).unwrap(), &trust(&k)).unwrap();
    let mut want = mini();
    want["version"] = json!("1.0.1");
    want["published"] = json!("2026-12-01");
    want["watchlists"] = json!({ "forum": serde_json::from_str::<Value>(&list).unwrap() });
    assert_eq!(with_list.pack().digest(), Pack::from_json(&want.to_string()).unwrap().digest());
    let mut d = delta_json(&a, &a, "1.0.1");
    d["watchlists"] = json!({ "remove": ["forum"] });
    let err = screener.apply_delta(&signed::sign(&d.to_string(), &k, None).unwrap(), &trust(&k)).unwrap_err();
    assert_eq!(err.path(), "/watchlists/remove/0", "{err}");

    // A result that does not load: a source still cited is removed.
    let mut d = delta_json(&a, &a, "1.0.1");
    d["sources"] = json!({ "remove": ["src-a"] });
    let err = screener.apply_delta(&signed::sign(&d.to_string(), &k, None).unwrap(), &trust(&k)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidPack);
    assert!(err.message().starts_with("the pack the delta makes does not load"), "{err}");
}

/// Mini with its fruit list as plain whole-word terms, or hashed.
fn fruit_pack(hashed: bool) -> Screener {
    let mut p = mini();
    let terms = json!([
        { "id": "t1", "term": "banana split" },
        { "id": "t2", "term": "apple" },
        { "id": "t3", "term": "pisang", "lang": "id", "validated": false }
    ]);
    p["termLists"]["fruit"] = if hashed {
        serde_json::from_str(&jejak::hash_term_list(&terms.to_string(), "0f1e2d3c4b5a69788796a5b4c3d2e1f0").unwrap())
            .unwrap()
    } else {
        json!({ "terms": ["banana split", "apple", { "term": "pisang", "lang": "id", "validated": false }] })
    };
    if hashed {
        assert!(!p.to_string().contains("banana"));
    }
    Screener::with_pack(Pack::from_json(&p.to_string()).unwrap())
}

/// The fruit evidence of a memo: (start, end, text, term).
fn fruit_hits(s: &Screener, memo: &str) -> Vec<(usize, usize, String, String)> {
    let tx = json!({ "timestamp": "2026-11-20T14:00:00+07:00", "amount": "5", "currency": "USD", "memo": memo });
    let v = s.screen_json(&tx.to_string()).unwrap();
    let mut out = Vec::new();
    for f in v.flags.iter().filter(|f| &*f.indicator == "T-FRUIT") {
        for e in &f.evidence {
            if let Evidence::Text(t) = e {
                out.push((t.start, t.end, t.text.clone(), t.term.clone()));
            }
        }
    }
    out
}

#[test]
fn a_hashed_vocabulary_catches_the_same_spellings_as_the_plain_one() {
    let (plain, hashed) = (fruit_pack(false), fruit_pack(true));
    let ids = [("banana split", "#t1"), ("apple", "#t2"), ("pisang", "#t3")];
    // The evasion cases of tests/data/normalize.toml, and ordinary memos.
    let cases: toml::Value = toml::from_str(include_str!("data/normalize.toml")).unwrap();
    let mut memos: Vec<String> = cases["test"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c.get("tx")?.get("memo")?.as_str().map(str::to_string))
        .collect();
    assert!(memos.len() >= 20, "{}", memos.len());
    memos.extend(
        ["apples and pears", "pineapple", "bananas split", "an apple a day", "PISANG goreng", "bayar kos", "a p p l e"]
            .map(String::from),
    );
    let mut caught = 0;
    for memo in &memos {
        let want: Vec<_> = fruit_hits(&plain, memo)
            .into_iter()
            .map(|(s, e, text, term)| (s, e, text, ids.iter().find(|(t, _)| *t == term).unwrap().1.to_string()))
            .collect();
        assert_eq!(fruit_hits(&hashed, memo), want, "memo {memo:?}");
        caught += usize::from(!want.is_empty());
    }
    assert!(caught >= 20, "{caught} memos caught");
}

#[test]
fn a_watchlist_flags_a_listed_party_with_the_lists_source_and_weight() {
    let salt = "5a1t5a1t5a1t5a1t";
    let phones = jejak::hash_watchlist(r#"["+63 917 123 4567"]"#, "phone", salt, None).unwrap();
    let wallets = jejak::hash_watchlist(r#"["Wallet-77"]"#, "wallet", salt, None).unwrap();
    assert!(!phones.contains("917") && !wallets.to_lowercase().contains("wallet-77"));
    let mut p = mini();
    p["watchlists"] = json!({
        "fiu-phones": serde_json::from_str::<Value>(&phones).unwrap(),
        "forum-wallets": serde_json::from_str::<Value>(&wallets).unwrap(),
    });
    let indicators = p["indicators"].as_array_mut().unwrap();
    for (id, list, party, weight) in
        [("T-WATCH-PHONE", "fiu-phones", "receiver", 50), ("T-WATCH-WALLET", "forum-wallets", "sender", 45)]
    {
        indicators.push(json!({
            "id": id, "title": { "en": "Listed", "id": "Terdaftar" }, "category": "general",
            "sources": [{ "source": "src-b", "ref": "LIST-1" }], "weight": weight,
            "condition": { "watchlist": { "list": list, "party": party } },
            "explanation": { "en": "The counterparty is on a shared watchlist.", "id": "Pihak lawan ada di daftar pantau bersama." },
        }));
    }
    let screener = Screener::with_pack(Pack::from_json(&p.to_string()).unwrap());
    let screen = |tx: Value| screener.screen_json(&tx.to_string()).unwrap();
    let base = json!({ "timestamp": "2026-11-20T14:00:00+07:00", "amount": "5", "currency": "USD" });
    let with = |extra: Value| {
        let mut tx = base.clone();
        tx.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        tx
    };
    // The same number as the host writes it locally, and an unlisted one.
    let v = screen(with(json!({ "receiver": { "id": "0917-123-4567", "country": "PH" } })));
    let flag = v.flags.iter().find(|f| &*f.indicator == "T-WATCH-PHONE").expect("listed phone flagged");
    assert_eq!(flag.weight, 50);
    assert_eq!(flag.sources[0].reference.as_deref(), Some("LIST-1"));
    assert_eq!(flag.evidence, [Evidence::Watchlist { field: "receiver.id", list: "fiu-phones".into() }]);
    let v = screen(with(json!({ "receiver": { "id": "0917-123-4568", "country": "PH" } })));
    assert!(v.flags.is_empty());
    // A local number without a country cannot be normalized: no match.
    assert!(screen(with(json!({ "receiver": { "id": "0917-123-4567" } }))).flags.is_empty());
    // The wallet list checks the sender, case-insensitively.
    let v = screen(with(json!({ "sender": { "id": "WALLET-77" }, "receiver": { "id": "Wallet-77" } })));
    assert_eq!(v.flags.iter().map(|f| &*f.indicator).collect::<Vec<_>>(), ["T-WATCH-WALLET"]);
    // The compact verdict explains to the same full verdict.
    let tx = with(json!({ "receiver": { "id": "+639171234567" } }));
    let parsed = screener.parse(&tx.to_string()).unwrap();
    let full = screener.screen_to_json(&parsed).unwrap();
    assert!(full.contains(r#"{"kind":"watchlist","field":"receiver.id","list":"fiu-phones"}"#), "{full}");
    let compact = serde_json::to_string(&screener.screen_compact(&parsed).unwrap()).unwrap();
    assert_eq!(screener.explain_json(&compact, None).unwrap(), full);

    // Bad lists fail the load with a path.
    for (bad, path) in [
        (json!({ "kind": "email", "salt": salt, "hashes": [] }), "/watchlists/l/kind"),
        (json!({ "kind": "phone", "salt": "short", "hashes": [] }), "/watchlists/l/salt"),
        (json!({ "kind": "phone", "salt": salt, "hashes": ["XYZ"] }), "/watchlists/l/hashes/0"),
    ] {
        let mut p = mini();
        p["watchlists"] = json!({ "l": bad });
        let err = Pack::from_json(&p.to_string()).unwrap_err();
        assert_eq!(err.path(), path, "{err}");
    }
    let mut p = mini();
    p["indicators"][0]["condition"] = json!({ "watchlist": { "list": "none" } });
    assert_eq!(Pack::from_json(&p.to_string()).unwrap_err().path(), "/indicators/0/condition/watchlist/list");
}
