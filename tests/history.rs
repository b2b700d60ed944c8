//! History: the scenarios of tests/data/history.toml, replay determinism,
//! the state's size bound and every way a state is refused.

use std::collections::HashMap;

use jejak::{ErrorKind, HistoryStatus, Level, Screener, State, Transaction};

/// Adds `minutes` to an RFC 3339 timestamp `YYYY-MM-DDTHH:MM:SS±HH:MM`,
/// keeping its offset (so the local hour moves with it).
fn add_minutes(ts: &str, minutes: i64) -> String {
    let num = |r: std::ops::Range<usize>| ts[r].parse::<i64>().unwrap();
    let (y, mo, d, h, mi, s) = (num(0..4), num(5..7), num(8..10), num(11..13), num(14..16), num(17..19));
    let days = days_from_civil(y, mo, d);
    let total = days * 1440 + h * 60 + mi + minutes;
    let (y, mo, d) = civil_from_days(total.div_euclid(1440));
    let m = total.rem_euclid(1440);
    format!("{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{s:02}{}", m / 60, m % 60, &ts[19..])
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (era * 400 + yoe + i64::from(m <= 2), m, d)
}

fn minutes_of(every: &str) -> i64 {
    let (n, unit) = every.split_at(every.len() - 1);
    let n: i64 = n.parse().unwrap();
    match unit {
        "m" => n,
        "h" => n * 60,
        "d" => n * 1440,
        _ => panic!("bad interval {every}"),
    }
}

/// `over` merged into `base`, objects key by key.
fn merge(base: &mut serde_json::Value, over: &serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                merge(b.entry(k.clone()).or_insert(serde_json::Value::Null), v);
            }
        }
        (b, o) => *b = o.clone(),
    }
}

fn substitute(v: &mut serde_json::Value, n: usize) {
    match v {
        serde_json::Value::String(s) => *s = s.replace("{n}", &n.to_string()),
        serde_json::Value::Object(o) => o.values_mut().for_each(|x| substitute(x, n)),
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| substitute(x, n)),
        _ => {}
    }
}

/// The instant of a timestamp, in minutes (UTC).
fn instant(ts: &str) -> i64 {
    let num = |r: std::ops::Range<usize>| ts[r].parse::<i64>().unwrap();
    let local = days_from_civil(num(0..4), num(5..7), num(8..10)) * 1440 + num(11..13) * 60 + num(14..16);
    let sign = if &ts[19..20] == "-" { -1 } else { 1 };
    let offset = if &ts[19..20] == "Z" { 0 } else { sign * (num(20..22) * 60 + num(23..25)) };
    local - offset
}

/// The transactions of a scenario, in timestamp order (steps may
/// interleave).
fn payments(scenario: &toml::Value) -> Vec<String> {
    let base: serde_json::Value = serde_json::to_value(&scenario["base"]).unwrap();
    let mut out: Vec<(i64, String)> = Vec::new();
    for step in scenario["steps"].as_array().unwrap() {
        let step: serde_json::Value = serde_json::to_value(step).unwrap();
        let at = step["at"].as_str().unwrap();
        let repeat = step.get("repeat").and_then(serde_json::Value::as_u64).unwrap_or(1) as usize;
        let every = step.get("every").and_then(serde_json::Value::as_str).map_or(0, minutes_of);
        let amounts: Vec<&str> = step
            .get("amounts")
            .and_then(serde_json::Value::as_array)
            .map(|a| a.iter().map(|x| x.as_str().unwrap()).collect())
            .unwrap_or_default();
        let mut fields = step.clone();
        let f = fields.as_object_mut().unwrap();
        for k in ["at", "repeat", "every", "amounts", "drop"] {
            f.remove(k);
        }
        for i in 0..repeat {
            let mut tx = base.clone();
            for d in step.get("drop").and_then(serde_json::Value::as_array).into_iter().flatten() {
                tx.as_object_mut().unwrap().remove(d.as_str().unwrap());
            }
            merge(&mut tx, &fields);
            substitute(&mut tx, i);
            tx["timestamp"] = add_minutes(at, every * i as i64).into();
            if !amounts.is_empty() {
                tx["amount"] = amounts[i % amounts.len()].into();
            }
            out.push((instant(tx["timestamp"].as_str().unwrap()), tx.to_string()));
        }
    }
    // Stable: payments at the same instant keep their order.
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, tx)| tx).collect()
}

/// Replays transactions with one state per account id, written to bytes
/// and read back between payments (`roundtrip`) or kept as values. Returns
/// the compact verdicts as JSON.
struct Replay<'s> {
    screener: &'s Screener,
    roundtrip: bool,
    bytes: HashMap<String, Vec<u8>>,
    states: HashMap<String, State>,
    largest: usize,
}

impl<'s> Replay<'s> {
    fn new(screener: &'s Screener, roundtrip: bool) -> Replay<'s> {
        Replay { screener, roundtrip, bytes: HashMap::new(), states: HashMap::new(), largest: 0 }
    }

    fn get(&self, id: Option<&String>) -> Option<State> {
        let id = id?;
        if self.roundtrip {
            self.bytes.get(id).map(|b| State::from_bytes(b).unwrap())
        } else {
            self.states.get(id).cloned()
        }
    }

    fn put(&mut self, id: Option<&String>, state: Option<State>) {
        let (Some(id), Some(state)) = (id, state) else { return };
        let bytes = state.to_bytes();
        self.largest = self.largest.max(bytes.len());
        if self.roundtrip {
            self.bytes.insert(id.clone(), bytes);
        } else {
            self.states.insert(id.clone(), state);
        }
    }

    fn screen(&mut self, tx: &Transaction) -> jejak::Screened<jejak::CompactVerdict> {
        let sender = self.get(tx.sender.id.as_ref());
        let receiver = self.get(tx.receiver.id.as_ref());
        let s = self.screener.screen_compact_with_history(tx, sender.as_ref(), receiver.as_ref()).unwrap();
        let out = s.clone();
        // A payment to oneself returns one state twice.
        self.put(tx.sender.id.as_ref(), s.sender);
        if tx.receiver.id != tx.sender.id {
            self.put(tx.receiver.id.as_ref(), s.receiver);
        }
        out
    }
}

fn level(name: &str) -> Level {
    match name {
        "none" => Level::None,
        "low" => Level::Low,
        "review" => Level::Review,
        "high" => Level::High,
        other => panic!("bad level {other}"),
    }
}

#[test]
fn history_scenarios() {
    let file: toml::Value = toml::from_str(include_str!("data/history.toml")).unwrap();
    let screener = Screener::new();
    let mut fires: HashMap<String, usize> = HashMap::new();
    let mut silent: HashMap<String, usize> = HashMap::new();
    for scenario in file["scenario"].as_array().unwrap() {
        let name = scenario["name"].as_str().unwrap();
        let mut replay = Replay::new(&screener, true);
        let verdicts: Vec<jejak::CompactVerdict> =
            payments(scenario).iter().map(|j| replay.screen(&screener.parse(j).unwrap()).verdict).collect();
        let last = verdicts.last().unwrap();
        let mut indicators = vec![scenario["indicator"].as_str().unwrap()];
        indicators.extend(
            scenario.get("also").and_then(toml::Value::as_array).into_iter().flatten().map(|v| v.as_str().unwrap()),
        );
        let expect = scenario["expect"].as_str().unwrap();
        let show = |v: &jejak::CompactVerdict| v.flags.iter().map(|f| f.indicator.to_string()).collect::<Vec<_>>();
        for id in &indicators {
            match expect {
                "fires" => {
                    assert!(last.has_flag(id), "{name}: {id} does not fire on the last payment: {:?}", show(last));
                    *fires.entry(id.to_string()).or_default() += 1;
                }
                "silent" => {
                    for (i, v) in verdicts.iter().enumerate() {
                        assert!(!v.has_flag(id), "{name}: {id} fires on payment {i}: {:?}", show(v));
                    }
                    *silent.entry(id.to_string()).or_default() += 1;
                }
                "silent_last" => {
                    assert!(!last.has_flag(id), "{name}: {id} fires on the last payment");
                    *silent.entry(id.to_string()).or_default() += 1;
                }
                other => panic!("{name}: bad expect {other}"),
            }
        }
        if let Some(min) = scenario.get("min_level").and_then(toml::Value::as_str) {
            assert!(
                last.level >= level(min),
                "{name}: last level {:?}, score {}: {:?}",
                last.level,
                last.score,
                show(last)
            );
        }
        if let Some(max) = scenario.get("max_level").and_then(toml::Value::as_str) {
            for (i, v) in verdicts.iter().enumerate() {
                assert!(v.level <= level(max), "{name}: payment {i} is {:?} ({}): {:?}", v.level, v.score, show(v));
            }
        }
        // Evidence the last payment's flags must (`has_evidence`) or must
        // not (`no_evidence`) hold: each entry names the flag and the
        // evidence's keys and values (`kind`, `field`, `source`, ...).
        for (key, want) in [("has_evidence", true), ("no_evidence", false)] {
            for e in scenario.get(key).and_then(toml::Value::as_array).into_iter().flatten() {
                let e = e.as_table().unwrap();
                let id = e["indicator"].as_str().unwrap();
                let flag = last.flags.iter().find(|f| &*f.indicator == id);
                let found = flag.is_some_and(|f| {
                    f.evidence.iter().any(|ev| {
                        let ev = serde_json::to_value(ev).unwrap();
                        e.iter().filter(|(k, _)| k.as_str() != "indicator").all(|(k, v)| {
                            serde_json::to_value(v).unwrap() == ev.get(k).cloned().unwrap_or(serde_json::Value::Null)
                        })
                    })
                });
                assert!(
                    found == want,
                    "{name}: {key} {e:?} on the last payment: {:?}",
                    flag.map(|f| serde_json::to_string(&f.evidence).unwrap())
                );
            }
        }
        // Every history flag says so in its evidence, and the note says
        // both states were updated (no payment here is late).
        for v in &verdicts {
            let note = v.history.unwrap();
            assert_ne!(note.sender, HistoryStatus::Late, "{name}");
        }
    }
    // Every history indicator of the pack has a scenario where it fires and
    // one where it stays silent.
    let pack: serde_json::Value = serde_json::from_str(jejak::Pack::default_pack_json()).unwrap();
    for ind in pack["indicators"].as_array().unwrap() {
        let scope = ind["scope"].as_str().unwrap_or("E1");
        if scope.contains("E2") || scope.contains("E3") {
            let id = ind["id"].as_str().unwrap();
            assert!(fires.contains_key(id), "no scenario where {id} fires");
            assert!(silent.contains_key(id), "no scenario where {id} stays silent");
        }
    }
}

/// The flags of tests/data/history.toml's scenarios, with their `has_ref`:
/// for `every_publisher_ref_of_the_default_pack_is_findable`.
pub(crate) fn scenario_refs() -> (Vec<String>, Vec<String>) {
    let file: toml::Value = toml::from_str(include_str!("data/history.toml")).unwrap();
    let screener = Screener::new();
    let (mut listed, mut cited) = (Vec::new(), Vec::new());
    for scenario in file["scenario"].as_array().unwrap() {
        for r in scenario.get("has_ref").and_then(toml::Value::as_array).into_iter().flatten() {
            listed.push(r.as_str().unwrap().to_string());
        }
        let mut replay = Replay::new(&screener, false);
        for j in payments(scenario) {
            let v = replay.screen(&screener.parse(&j).unwrap()).verdict;
            let full = screener.explain(&v, jejak::Locale::En).unwrap();
            for f in &full.flags {
                cited.extend(f.sources.iter().filter_map(|s| s.reference.clone()));
            }
        }
    }
    (listed, cited)
}

/// A deterministic generator (SplitMix64), so the test needs no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Synthetic payments over 60 days among a few dozen accounts, in
/// timestamp order, with some out of order (late within and beyond the
/// allowed lateness), self-payments and payments without ids.
fn traffic(n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng(seed);
    let countries = ["AU", "PH", "ID", "US", "GB", "NG", "SG"];
    let channels = ["remittance", "p2p", "qris", "card", "bank_transfer"];
    let mut minute: i64 = 0;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        minute += rng.below(17) as i64;
        let mut at = minute;
        match rng.below(50) {
            0 => at -= 300,  // late, within 6 hours
            1 => at -= 2000, // late, beyond
            _ => {}
        }
        let s = rng.below(40);
        let r = if rng.below(30) == 0 { s } else { rng.below(40) };
        let ts = add_minutes("2026-09-01T00:00:00+07:00", at);
        let currency = ["AUD", "IDR", "USD", "PHP"][rng.below(4) as usize];
        let merchant = ["NordVPN", "Warung Sari", "Gift Cards Direct"][rng.below(3) as usize];
        let mut tx = serde_json::json!({
            "id": format!("t{i}"),
            "timestamp": ts,
            "amount": format!("{}.{:02}", 1 + rng.below(400), rng.below(100)),
            "currency": currency,
            "channel": channels[rng.below(5) as usize],
            "sender": { "id": format!("acct-{s}"), "country": countries[(s % 7) as usize], "isMinor": s % 13 == 0 },
            "receiver": { "id": format!("acct-{r}"), "country": countries[(r % 5) as usize] },
        });
        if rng.below(10) == 0 {
            tx["merchant"] = serde_json::json!({ "id": format!("m-{r}"), "name": merchant });
        }
        if rng.below(20) == 0 {
            tx["sender"].as_object_mut().unwrap().remove("id");
        }
        if rng.below(7) == 0 {
            tx["memo"] = ["school fees", "answer me", "makan siang", "pang-load"][rng.below(4) as usize].into();
        }
        out.push(tx.to_string());
    }
    out
}

/// The same verdicts, byte for byte, whether states stay in memory or are
/// written to bytes and read back after every transaction.
#[test]
fn replay_is_the_same_in_memory_and_through_bytes() {
    let screener = Screener::builder().verdict(jejak::VerdictForm::Compact).build().unwrap();
    let txs: Vec<Transaction> = traffic(12_000, 7).iter().map(|j| screener.parse(j).unwrap()).collect();
    let mut memory = Replay::new(&screener, false);
    let mut bytes = Replay::new(&screener, true);
    let (mut late, mut history_flags) = (0, 0);
    for tx in &txs {
        let a = memory.screen(tx).verdict;
        let b = bytes.screen(tx).verdict;
        assert_eq!(a.to_json(), b.to_json());
        late += usize::from(a.history.unwrap().sender == HistoryStatus::Late);
        history_flags += a.flags.iter().filter(|f| f.indicator.contains("-HIST-")).count();
    }
    assert!(late > 50, "the traffic should hold late payments ({late})");
    assert!(history_flags > 100, "the traffic should raise history flags ({history_flags})");
    for (id, state) in &memory.states {
        assert_eq!(&state.to_bytes(), bytes.bytes.get(id).unwrap(), "{id}");
    }
    assert!(memory.largest <= 4096);
}

/// An account that made 3,000 payments to 500 payees in 30 days (and
/// received as many from 500 senders) stays within 4 KiB.
#[test]
fn the_busiest_account_stays_within_4_kib() {
    let screener = Screener::new();
    let mut state: Option<State> = None;
    let mut largest = 0;
    for i in 0..6000u64 {
        let minute = (i * 30 * 1440 / 6000) as i64;
        let ts = add_minutes("2026-10-01T00:00:00+00:00", minute);
        let (sender, receiver) = if i % 2 == 0 {
            ("busy".to_string(), format!("payee-{}", i % 500))
        } else {
            (format!("payer-{}", i % 500), "busy".to_string())
        };
        let tx = screener
            .parse(&format!(
                r#"{{"id": "busy-{i}", "timestamp": "{ts}", "amount": "{}.50", "currency": "USD", "channel": "p2p",
                "sender": {{"id": "{sender}", "country": "US", "accountAgeDays": 400, "isMinor": false}},
                "receiver": {{"id": "{receiver}", "country": "PH", "accountAgeDays": 900, "isMinor": false}},
                "merchant": {{"name": "NordVPN"}}}}"#,
                10 + i % 90
            ))
            .unwrap();
        let s = if sender == "busy" {
            screener.screen_compact_with_history(&tx, state.as_ref(), None).unwrap().sender
        } else {
            screener.screen_compact_with_history(&tx, None, state.as_ref()).unwrap().receiver
        };
        state = s;
        let len = state.as_ref().unwrap().to_bytes().len();
        assert!(len <= 4096, "payment {i}: the state is {len} bytes");
        largest = largest.max(len);
    }
    let len = state.unwrap().to_bytes().len();
    println!("busiest account: {len} bytes at the end, {largest} at most");
    assert!(len > 1000, "the state should hold the traffic ({len} bytes)");
}

fn refused(screener: &Screener, tx: &str, sender: Option<&[u8]>, receiver: Option<&[u8]>) -> (String, String) {
    let tx = screener.parse(tx).unwrap();
    let e = screener.screen_with_history_bytes(&tx, sender, receiver).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidState);
    assert_eq!(e.code(), "invalid_state");
    (e.path().to_string(), e.to_string())
}

#[test]
fn invalid_states_are_refused_with_their_side() {
    let screener = Screener::new();
    let tx = r#"{"timestamp": "2026-11-20T10:00:00+07:00", "amount": "50000", "currency": "IDR",
        "sender": {"id": "alice", "country": "ID"}, "receiver": {"id": "bob", "country": "ID"}}"#;
    let first = screener.screen_compact_with_history(&screener.parse(tx).unwrap(), None, None).unwrap();
    let alice = first.sender.unwrap().to_bytes();
    let bob = first.receiver.unwrap().to_bytes();

    // Not a state at all, empty, and truncated.
    let (path, msg) = refused(&screener, tx, Some(b"hello, this is not a state"), None);
    assert_eq!(path, "/sender");
    assert!(msg.contains("not a jejak history state"), "{msg}");
    let (path, _) = refused(&screener, tx, None, Some(b""));
    assert_eq!(path, "/receiver");
    for cut in [1, 4, alice.len() / 2, alice.len() - 1] {
        let (path, msg) = refused(&screener, tx, Some(&alice[..cut]), None);
        assert_eq!(path, "/sender", "cut at {cut}: {msg}");
    }
    // Every single flipped bit is refused.
    for i in 0..alice.len() {
        for bit in 0..8 {
            let mut bad = alice.clone();
            bad[i] ^= 1 << bit;
            refused(&screener, tx, Some(&bad), None);
        }
    }
    // Another account's state, on either side.
    let (path, msg) = refused(&screener, tx, Some(&bob), None);
    assert_eq!(path, "/sender");
    assert!(msg.contains("another account"), "{msg}");
    let (path, _) = refused(&screener, tx, None, Some(&alice));
    assert_eq!(path, "/receiver");
    // The same account under another history key.
    let keyed = Screener::builder().history_key(b"a host secret of 32 bytes.......").build().unwrap();
    let e = keyed.screen_with_history_bytes(&keyed.parse(tx).unwrap(), Some(&alice), None).unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_state", "/sender"));
    // A newer format: the version byte raised, checksum made right.
    let mut newer = alice.clone();
    newer[4] = 3;
    let body = newer.len() - 8;
    let sum = twox_hash::XxHash64::oneshot(0x6A65_6A61_6B00_0001, &newer[..body]);
    newer[body..].copy_from_slice(&sum.to_le_bytes());
    let (_, msg) = refused(&screener, tx, Some(&newer), None);
    assert!(msg.contains("newer engine"), "{msg}");
    // A state for a side the transaction has no id for.
    let no_ids = r#"{"timestamp": "2026-11-20T10:00:00+07:00", "amount": "1", "currency": "IDR"}"#;
    let (path, msg) = refused(&screener, no_ids, None, Some(&bob));
    assert_eq!(path, "/receiver");
    assert!(msg.contains("no receiver.id"), "{msg}");
    // The screener keeps working.
    assert!(screener.screen_with_history_bytes(&screener.parse(tx).unwrap(), Some(&alice), Some(&bob)).is_ok());
}

#[test]
fn late_payments_get_a_verdict_and_leave_the_state_alone() {
    let screener = Screener::new();
    let at = |ts: &str| {
        screener
            .parse(&format!(
                r#"{{"timestamp": "{ts}", "amount": "40", "currency": "AUD",
                "sender": {{"id": "p", "country": "AU"}}, "receiver": {{"id": "q", "country": "PH"}}}}"#
            ))
            .unwrap()
    };
    let s1 = screener.screen_compact_with_history(&at("2026-11-20T22:00:00+10:00"), None, None).unwrap();
    let state = s1.sender.unwrap();
    // Five hours earlier: within the lateness, added.
    let s2 = screener.screen_compact_with_history(&at("2026-11-20T17:00:00+10:00"), Some(&state), None).unwrap();
    assert_eq!(s2.verdict.history.unwrap().sender, HistoryStatus::Updated);
    assert_ne!(s2.sender.as_ref().unwrap(), &state);
    // Seven hours earlier: late, not added.
    let s3 = screener.screen_compact_with_history(&at("2026-11-20T15:00:00+10:00"), Some(&state), None).unwrap();
    assert_eq!(s3.verdict.history.unwrap().sender, HistoryStatus::Late);
    assert_eq!(s3.sender.as_ref().unwrap(), &state);
    assert!(s3.verdict.to_json().contains(r#""history":{"sender":"late","receiver":"updated"}"#));
    // A plain screen has no note and no history flags.
    let plain = screener.screen_compact(&at("2026-11-20T15:00:00+10:00")).unwrap();
    assert!(plain.history.is_none() && !plain.to_json().contains("history"));
}

#[test]
fn explain_of_a_history_verdict_is_the_full_verdict() {
    let screener = Screener::new();
    let mut replay = Replay::new(&screener, true);
    let file: toml::Value = toml::from_str(include_str!("data/history.toml")).unwrap();
    let mut explained = 0;
    for scenario in file["scenario"].as_array().unwrap() {
        for j in payments(scenario) {
            let tx = screener.parse(&j).unwrap();
            let sender = replay.get(tx.sender.id.as_ref());
            let receiver = replay.get(tx.receiver.id.as_ref());
            let full = screener.screen_with_history(&tx, sender.as_ref(), receiver.as_ref()).unwrap();
            let compact = replay.screen(&tx).verdict;
            for locale in [jejak::Locale::En, jejak::Locale::Id] {
                let want = if locale == jejak::Locale::En {
                    full.verdict.to_json()
                } else {
                    screener.explain(&compact, locale).unwrap().to_json()
                };
                let back = jejak::CompactVerdict::from_json(&compact.to_json()).unwrap();
                assert_eq!(screener.explain(&back, locale).unwrap().to_json(), want);
                assert_eq!(serde_json::to_string(&screener.explain(&back, locale).unwrap()).unwrap(), want);
            }
            explained += 1;
        }
    }
    assert!(explained > 100);
}

/// Sums over a window, in a pack of the host's own: `payerSum` and
/// `inboundSum` convert their threshold into the FX base currency when the
/// pack loads, and say the sum in whole base units.
#[test]
fn sums_over_a_window() {
    let mut pack: serde_json::Value = serde_json::from_str(jejak::Pack::default_pack_json()).unwrap();
    let indicator = |id: &str, condition: serde_json::Value| {
        serde_json::json!({
            "id": id, "title": { "en": id, "id": id }, "category": "general", "sources": ["jejak-project-signals"],
            "weight": 1, "condition": condition,
            "explanation": { "en": "History: {history}.", "id": "Riwayat: {history}." },
        })
    };
    let indicators = pack["indicators"].as_array_mut().unwrap();
    indicators.push(indicator(
        "T-PAID",
        serde_json::json!({ "payerSum": { "window": "30d", "atLeast": "500", "currency": "AUD" } }),
    ));
    indicators.push(indicator(
        "T-GOT",
        serde_json::json!({ "inboundSum": { "window": "7d", "atLeast": 300, "currency": "USD" } }),
    ));
    let screener = Screener::builder().pack_json(&pack.to_string()).unwrap().build().unwrap();
    let mut replay = Replay::new(&screener, true);
    let mut last = None;
    for day in 1..=5 {
        let tx = screener
            .parse(&format!(
                r#"{{"timestamp": "2026-11-{day:02}T12:00:00+10:00", "amount": "120", "currency": "AUD",
                "sender": {{"id": "s", "country": "AU"}}, "receiver": {{"id": "r", "country": "AU"}}}}"#
            ))
            .unwrap();
        let v = replay.screen(&tx).verdict;
        // AUD 500 is USD 325 at the pack's rates: the fifth payment (AUD 600) reaches it.
        assert_eq!(v.has_flag("T-PAID"), day >= 5, "day {day}");
        // USD 300 is AUD 461.54: the fourth payment (AUD 480, USD 312) reaches it.
        assert_eq!(v.has_flag("T-GOT"), day >= 4, "day {day}");
        last = Some(v);
    }
    let full = screener.explain(&last.unwrap(), jejak::Locale::En).unwrap();
    let paid = full.flags.iter().find(|f| &*f.indicator == "T-PAID").unwrap();
    assert_eq!(paid.explanation, "History: 390 USD paid by the sender in 30 days (threshold 325 USD).");
    let bad = pack.to_string().replace(r#""atLeast":"500","currency":"AUD""#, r#""atLeast":"500","currency":"XYZ""#);
    let e = jejak::Pack::from_json(&bad).unwrap_err();
    assert_eq!(e.code(), "invalid_pack");
    assert!(e.path().ends_with("/payerSum/currency"), "{}", e.path());
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

/// Inputs the `state` fuzz target found: each is refused, or screened
/// without a panic into a verdict that reads back.
#[test]
fn fuzz_findings_stay_fixed() {
    // An eviction time one past the newest payment read as "none" and was
    // written back differently: not canonical, so refused.
    let e = State::from_bytes(&hex("4a4a4b48010000000000000000555344010501010000000600000000aff4aae34071f322"))
        .unwrap_err();
    assert_eq!(e.code(), "invalid_state");
    // A newest time no timestamp can give overflowed window arithmetic.
    let e = State::from_bytes(&hex(
        "4a4a4b480177b8cc66704a959a55534401ffffffffffffffffff0101010000010000000000007a47afe28cf425eb",
    ))
    .unwrap_err();
    assert_eq!(e.code(), "invalid_state");
    // An escalation of 1,000,000 AUD after three payments of 0.01 gave a
    // count beyond what a verdict reads back; counts are capped at u32::MAX.
    let screener = Screener::new();
    let mut replay = Replay::new(&screener, true);
    for (i, amount) in ["0.01", "0.01", "0.01", "1000000"].iter().enumerate() {
        let tx = screener
            .parse(&format!(
                r#"{{"timestamp": "2026-11-0{}T12:00:00+10:00", "amount": "{amount}", "currency": "AUD",
                "sender": {{"id": "acct-0", "country": "AU"}}, "receiver": {{"id": "acct-1", "country": "PH"}}}}"#,
                i + 1
            ))
            .unwrap();
        let v = replay.screen(&tx).verdict;
        let back = jejak::CompactVerdict::from_json(&v.to_json()).unwrap();
        assert_eq!(
            screener.explain(&back, jejak::Locale::En).unwrap().to_json(),
            screener.explain(&v, jejak::Locale::En).unwrap().to_json()
        );
        if i == 3 {
            assert!(v.has_flag("JEJAK-SIG-HIST-ESCALATION"), "{}", v.to_json());
            assert!(v.to_json().contains(r#""count":4294967295"#), "{}", v.to_json());
        }
    }
}

/// A payment sent twice (an edge retry) leaves both states as the first
/// screen left them and gets the same verdict, byte for byte; and when only
/// the sender's state was stored before a failure, the retry counts the
/// payment once on each side.
#[test]
fn a_retried_payment_is_counted_once() {
    let screener = Screener::new();
    let mut replay = Replay::new(&screener, true);
    // Some history first, so the verdicts have history flags to compare.
    for j in payments(&toml::from_str::<toml::Value>(RETRY_SCENARIO).unwrap()) {
        replay.screen(&screener.parse(&j).unwrap());
    }
    let tx = screener
        .parse(
            r#"{"id": "pay-42", "timestamp": "2026-11-20T23:50:00+10:00", "amount": "75", "currency": "AUD",
            "channel": "remittance", "sender": {"id": "payer-r", "country": "AU"},
            "receiver": {"id": "payee-r", "country": "PH"}}"#,
        )
        .unwrap();
    let before = (replay.bytes["payer-r"].clone(), replay.bytes["payee-r"].clone());
    let first = screener.screen_with_history_bytes(&tx, Some(&before.0), Some(&before.1)).unwrap();
    let (s1, r1) = (first.sender.unwrap().to_bytes(), first.receiver.unwrap().to_bytes());
    assert!(first.verdict.contains("-HIST-"), "{}", first.verdict);
    // Both states were stored; the same payment comes again.
    let again = screener.screen_with_history_bytes(&tx, Some(&s1), Some(&r1)).unwrap();
    assert_eq!(again.verdict, first.verdict);
    assert_eq!(again.sender.unwrap().to_bytes(), s1);
    assert_eq!(again.receiver.unwrap().to_bytes(), r1);
    // Only the sender's state was stored (the receiver's write failed): the
    // retry adds the payment to the receiver alone, and the verdict is the
    // first one.
    let partial = screener.screen_with_history_bytes(&tx, Some(&s1), Some(&before.1)).unwrap();
    assert_eq!(partial.verdict, first.verdict);
    assert_eq!(partial.sender.unwrap().to_bytes(), s1);
    assert_eq!(partial.receiver.unwrap().to_bytes(), r1);
    // Another payment (another id) at the same time and amount is counted.
    let other = screener.parse(&screener.parse(&tx.to_json()).unwrap().to_json().replace("pay-42", "pay-43")).unwrap();
    let third = screener.screen_with_history_bytes(&other, Some(&s1), Some(&r1)).unwrap();
    assert_ne!(third.sender.unwrap().to_bytes(), s1);
}

const RETRY_SCENARIO: &str = r#"
base = { currency = "AUD", channel = "remittance", sender = { id = "payer-r", country = "AU" }, receiver = { id = "payee-r", country = "PH" } }
steps = [{ at = "2026-11-14T23:40:00+10:00", repeat = 5, every = "36h", amounts = ["35", "52", "28", "61", "44"] }]
"#;

/// States written by the first release (format 1, the fuzz corpus's seeds)
/// still read; what format 1 did not keep starts empty, and the state is
/// written back as format 2, which reads back the same.
#[test]
fn format_1_states_still_read() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/state");
    let mut read = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        if bytes.get(4) != Some(&1) {
            continue;
        }
        let state = State::from_bytes(&bytes).unwrap();
        let v2 = state.to_bytes();
        assert_eq!(v2[4], 2);
        assert_eq!(State::from_bytes(&v2).unwrap(), state);
        assert_eq!(State::from_bytes(&v2).unwrap().to_bytes(), v2);
        read += 1;
    }
    assert!(read >= 5, "{read} format-1 states in {}", dir.display());
}
