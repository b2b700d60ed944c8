//! Runs the table-driven cases in `tests/data/*.toml`.
//!
//! Each file holds `[[test]]` entries: a transaction (as a TOML table under
//! `tx`, or as raw text under `json` for cases that are not valid JSON), an
//! optional pack (`pack = "mini"` loads `tests/data/packs/mini.json`;
//! `pack_json` gives a pack inline, for pack-validation cases) and options,
//! and an `[test.expect]` table. Every verdict is also checked for the
//! invariants that must hold for any input: each text span slices the
//! original field to exactly the reported text, flags are sorted, and the
//! score is the capped sum of weights.

use std::collections::{BTreeMap, HashSet};

use jejak::{Evidence, Level, Offsets, Pack, Screener, Verdict};
use serde::Deserialize;
use serde_json::Value;

/// Every data file, loaded at compile time; add new files here.
const FILES: &[(&str, &str)] = &[
    ("normalize.toml", include_str!("../data/normalize.toml")),
    ("conditions.toml", include_str!("../data/conditions.toml")),
    ("errors.toml", include_str!("../data/errors.toml")),
    ("packs.toml", include_str!("../data/packs.toml")),
    ("offsets.toml", include_str!("../data/offsets.toml")),
    ("default_pack.toml", include_str!("../data/default_pack.toml")),
];

const PACKS: &[(&str, &str)] = &[("mini", include_str!("../data/packs/mini.json"))];

#[derive(Deserialize)]
struct File {
    test: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default)]
    pack: Option<String>,
    #[serde(default)]
    pack_json: Option<String>,
    #[serde(default)]
    options: Option<toml::Value>,
    #[serde(default)]
    tx: Option<toml::Value>,
    #[serde(default)]
    json: Option<String>,
    expect: Expect,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Expect {
    level: Option<String>,
    min_level: Option<String>,
    max_level: Option<String>,
    score: Option<u8>,
    min_score: Option<u8>,
    max_score: Option<u8>,
    /// Exactly these flags, in any order.
    flags: Option<Vec<String>>,
    /// At least these flags.
    has: Option<Vec<String>>,
    /// None of these flags.
    lacks: Option<Vec<String>>,
    /// At least this many flags.
    min_flags: Option<usize>,
    /// At most this many flags.
    max_flags: Option<usize>,
    /// Publisher references (`sources[].ref`) that some flag must cite,
    /// e.g. `["AUSTRAC-CSE-01"]`.
    has_ref: Option<Vec<String>>,
    error: Option<ExpectError>,
    #[serde(default)]
    text: Vec<ExpectText>,
    #[serde(default)]
    explanation: Vec<ExpectExplanation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectError {
    code: String,
    path: String,
    #[serde(default)]
    message_contains: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectText {
    indicator: String,
    #[serde(default)]
    field: Option<String>,
    text: String,
    #[serde(default)]
    term: Option<String>,
    #[serde(default)]
    start: Option<usize>,
    #[serde(default)]
    end: Option<usize>,
    /// The transforms must include these.
    #[serde(default)]
    transforms: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectExplanation {
    indicator: String,
    contains: String,
}

fn level(s: &str) -> Level {
    match s {
        "none" => Level::None,
        "low" => Level::Low,
        "review" => Level::Review,
        "high" => Level::High,
        other => panic!("unknown level {other:?} in test data"),
    }
}

fn load_pack(case: &Case, cache: &mut BTreeMap<String, Pack>) -> Result<Pack, jejak::Error> {
    if let Some(json) = &case.pack_json {
        return Pack::from_json(json);
    }
    let name = case.pack.clone().unwrap_or_else(|| "default".into());
    if let Some(p) = cache.get(&name) {
        return Ok(p.clone());
    }
    let pack = if name == "default" {
        Pack::default_pack()
    } else {
        let json = PACKS.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("no test pack {name:?}")).1;
        Pack::from_json(json).unwrap_or_else(|e| panic!("test pack {name} does not load: {e}"))
    };
    cache.insert(name, pack.clone());
    Ok(pack)
}

/// The field's original text from a transaction JSON value.
fn field_text<'a>(tx: &'a Value, field: &str) -> Option<&'a str> {
    let mut v = tx;
    for part in field.split('.') {
        v = v.get(part)?;
    }
    v.as_str()
}

fn slice(text: &str, start: usize, end: usize, offsets: Offsets) -> Option<String> {
    match offsets {
        Offsets::Utf8 => text.get(start..end).map(str::to_string),
        _ => {
            let units: Vec<u16> = text.encode_utf16().collect();
            String::from_utf16(units.get(start..end)?).ok()
        }
    }
}

/// Invariants every verdict must satisfy, whatever the input.
pub fn check_invariants(v: &Verdict, tx: &Value, offsets: Offsets, cap: u8) {
    let mut last: Option<(u8, &str)> = None;
    let mut total: u32 = 0;
    for f in &v.flags {
        total += u32::from(f.weight);
        if let Some((w, id)) = last {
            assert!(
                w > f.weight || (w == f.weight && id <= &*f.indicator),
                "flags not sorted: {id} before {}",
                f.indicator
            );
        }
        last = Some((f.weight, &f.indicator));
        assert!(!f.sources.is_empty(), "{} has no sources", f.indicator);
        assert!(!f.explanation.is_empty(), "{} has no explanation", f.indicator);
        assert!(!f.evidence.is_empty(), "{} has no evidence", f.indicator);
        let replacement = char::REPLACEMENT_CHARACTER.to_string();
        for e in &f.evidence {
            let (field, start, end, text) = match e {
                Evidence::Text(t) => (t.field, t.start, t.end, &t.text),
                Evidence::Pattern { field, start, end, text, .. } => (*field, *start, *end, text),
                Evidence::MalformedText { field, start, end, .. } => (*field, *start, *end, &replacement),
                _ => continue,
            };
            let original = field_text(tx, field).unwrap_or_else(|| panic!("evidence on missing field {field}"));
            let got = slice(original, start, end, offsets);
            assert_eq!(
                got.as_deref(),
                Some(text.as_str()),
                "span {start}..{end} of {field} {original:?} does not slice to {text:?}"
            );
        }
    }
    assert_eq!(u32::from(v.score), total.min(u32::from(cap)), "score is not the capped sum of the weights");
}

fn run_case(file: &str, case: &Case, cache: &mut BTreeMap<String, Pack>) -> Result<(), String> {
    let e = &case.expect;
    let pack = match load_pack(case, cache) {
        Ok(p) => p,
        Err(err) => {
            let Some(want) = &e.error else { return Err(format!("pack failed to load: {err}")) };
            return check_error(&err, want);
        }
    };
    let mut builder = Screener::builder();
    builder.pack(pack);
    let mut offsets = Offsets::Utf8;
    if let Some(opts) = &case.options {
        let json: Value = serde_json::to_value(opts).map_err(|e| e.to_string())?;
        if json.get("offsets").and_then(Value::as_str) == Some("utf16") {
            offsets = Offsets::Utf16;
        }
        if let Err(err) = builder.options_json(&json.to_string()) {
            let Some(want) = &e.error else { return Err(format!("options failed: {err}")) };
            return check_error(&err, want);
        }
    }
    let screener = builder.build().map_err(|e| e.to_string())?;
    // The same pack read back from its image screens to the same bytes.
    let image = screener.pack().to_image().map_err(|e| e.to_string())?;
    builder.pack(Pack::from_image(&image).map_err(|e| format!("the pack's image does not read: {e}"))?);
    let from_image = builder.build().map_err(|e| e.to_string())?;
    let (result, tx_value) = match (&case.tx, &case.json) {
        (Some(tx), None) => {
            let v: Value = serde_json::to_value(tx).map_err(|e| e.to_string())?;
            (screener.screen_json(&v.to_string()), v)
        }
        // The original text as a native caller sees it: jejak reads a lone
        // surrogate as U+FFFD, which serde_json would refuse.
        (None, Some(json)) => {
            let native = jejak::Transaction::from_json(json).map(|t| t.to_json()).unwrap_or_default();
            (screener.screen_json(json), serde_json::from_str(&native).unwrap_or(Value::Null))
        }
        _ => return Err(format!("{file}: give exactly one of tx and json")),
    };
    let text = case.json.clone().unwrap_or_else(|| tx_value.to_string());
    let through = |s: &Screener| s.parse(&text).and_then(|t| s.screen_to_json(&t)).map_err(|e| e.to_string());
    if through(&screener) != through(&from_image) {
        return Err(format!("the image screens differently: {:?} vs {:?}", through(&screener), through(&from_image)));
    }
    let v = match (result, &e.error) {
        (Err(err), Some(want)) => return check_error(&err, want),
        (Err(err), None) => return Err(format!("unexpected error: {err}")),
        (Ok(v), Some(want)) => {
            return Err(format!("expected error {} at {}, got level {:?}", want.code, want.path, v.level))
        }
        (Ok(v), None) => v,
    };
    check_invariants(&v, &tx_value, offsets, screener.pack().thresholds().cap);
    let ids: HashSet<&str> = v.flags.iter().map(|f| &*f.indicator).collect();
    let summary = || {
        format!(
            "score {} level {:?} flags {:?}",
            v.score,
            v.level,
            v.flags.iter().map(|f| (&f.indicator, f.weight)).collect::<Vec<_>>()
        )
    };
    if let Some(l) = &e.level {
        if v.level != level(l) {
            return Err(format!("expected level {l}, got {}", summary()));
        }
    }
    if let Some(l) = &e.min_level {
        if v.level < level(l) {
            return Err(format!("expected at least {l}, got {}", summary()));
        }
    }
    if let Some(l) = &e.max_level {
        if v.level > level(l) {
            return Err(format!("expected at most {l}, got {}", summary()));
        }
    }
    if e.score.is_some_and(|s| s != v.score)
        || e.min_score.is_some_and(|s| v.score < s)
        || e.max_score.is_some_and(|s| v.score > s)
    {
        return Err(format!("score out of expectation: {}", summary()));
    }
    if let Some(want) = &e.flags {
        let want: HashSet<&str> = want.iter().map(String::as_str).collect();
        if want != ids {
            return Err(format!("expected exactly {want:?}, got {}", summary()));
        }
    }
    for id in e.has.iter().flatten() {
        if !ids.contains(id.as_str()) {
            return Err(format!("expected {id} to fire, got {}", summary()));
        }
    }
    for id in e.lacks.iter().flatten() {
        if ids.contains(id.as_str()) {
            return Err(format!("expected {id} to stay silent, got {}", summary()));
        }
    }
    if e.min_flags.is_some_and(|n| v.flags.len() < n) {
        return Err(format!("expected at least {:?} flags, got {}", e.min_flags, summary()));
    }
    if e.max_flags.is_some_and(|n| v.flags.len() > n) {
        return Err(format!("expected at most {:?} flags, got {}", e.max_flags, summary()));
    }
    for r in e.has_ref.iter().flatten() {
        let cited = v.flags.iter().any(|f| f.sources.iter().any(|s| s.reference.as_deref() == Some(r.as_str())));
        if !cited {
            let refs: Vec<(&str, Vec<&str>)> = v
                .flags
                .iter()
                .map(|f| (&*f.indicator, f.sources.iter().filter_map(|s| s.reference.as_deref()).collect()))
                .collect();
            return Err(format!("no flag cites {r}; refs {refs:?}"));
        }
    }
    for want in &e.text {
        let flag = v
            .flags
            .iter()
            .find(|f| *f.indicator == *want.indicator)
            .ok_or_else(|| format!("{} did not fire: {}", want.indicator, summary()))?;
        let found = flag.evidence.iter().any(|ev| match ev {
            Evidence::Text(t) => {
                t.text == want.text
                    && want.field.as_deref().is_none_or(|f| f == t.field)
                    && want.term.as_deref().is_none_or(|term| term == t.term)
                    && want.start.is_none_or(|s| s == t.start)
                    && want.end.is_none_or(|s| s == t.end)
                    && want.transforms.iter().flatten().all(|tr| t.transforms.iter().any(|x| x.as_str() == tr))
            }
            _ => false,
        });
        if !found {
            return Err(format!(
                "{}: no text evidence {:?} (term {:?}, transforms {:?}); evidence: {}",
                want.indicator,
                want.text,
                want.term,
                want.transforms,
                serde_json::to_string(&flag.evidence).unwrap_or_default()
            ));
        }
    }
    for want in &e.explanation {
        let flag = v
            .flags
            .iter()
            .find(|f| *f.indicator == *want.indicator)
            .ok_or_else(|| format!("{} did not fire", want.indicator))?;
        if !flag.explanation.contains(&want.contains) {
            return Err(format!("{}: explanation {:?} lacks {:?}", want.indicator, flag.explanation, want.contains));
        }
    }
    Ok(())
}

fn check_error(err: &jejak::Error, want: &ExpectError) -> Result<(), String> {
    if err.code() != want.code || err.path() != want.path {
        return Err(format!(
            "expected {} at {:?}, got {} at {:?}: {}",
            want.code,
            want.path,
            err.code(),
            err.path(),
            err.message()
        ));
    }
    if let Some(m) = &want.message_contains {
        if !err.message().contains(m.as_str()) {
            return Err(format!("message {:?} lacks {m:?}", err.message()));
        }
    }
    Ok(())
}

fn cases() -> Vec<(&'static str, Case)> {
    let mut out = Vec::new();
    for (file, text) in FILES {
        let parsed: File = toml::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        out.extend(parsed.test.into_iter().map(|c| (*file, c)));
    }
    out
}

#[test]
fn data_cases() {
    let mut cache = BTreeMap::new();
    let mut failures = Vec::new();
    let all = cases();
    for (file, case) in &all {
        if let Err(msg) = run_case(file, case, &mut cache) {
            failures.push(format!("{file} / {}: {msg}", case.name));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), all.len(), failures.join("\n"));
    eprintln!("{} table-driven cases passed", all.len());
}

#[test]
fn case_names_are_unique_and_plentiful() {
    let all = cases();
    let mut seen = HashSet::new();
    for (file, c) in &all {
        assert!(seen.insert(c.name.clone()), "{file}: duplicate case name {}", c.name);
    }
    assert!(all.len() >= 60, "only {} cases", all.len());
}
