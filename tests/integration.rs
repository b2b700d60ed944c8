//! The one integration test binary (see `autotests = false` in Cargo.toml).
//!
//! To narrow a failure down: `cargo test --test integration -- NAME`, where
//! NAME is part of a test function name; table-driven cases print their own
//! case names when they fail.

// Test code fails loudly on purpose; the library itself denies these lints.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod api;
mod harness;
mod history;
mod image;
mod layers;
mod props;
mod trusted;

/// Every publisher reference (`sources[].ref`) in the default pack is
/// findable in a verdict: some case of tests/data/default_pack.toml (or
/// scenario of tests/data/history.toml) names it in `has_ref`, and screening
/// those cases gives a flag citing it.
#[test]
fn every_publisher_ref_of_the_default_pack_is_findable() {
    use std::collections::BTreeSet;

    let pack: serde_json::Value = serde_json::from_str(jejak::Pack::default_pack_json()).unwrap();
    let mut refs = BTreeSet::new();
    for ind in pack["indicators"].as_array().unwrap() {
        for s in ind["sources"].as_array().unwrap() {
            if let Some(r) = s.get("ref").and_then(serde_json::Value::as_str) {
                refs.insert(r.to_string());
            }
        }
    }
    assert!(!refs.is_empty(), "the default pack cites no publisher refs");

    let file: toml::Value = toml::from_str(include_str!("data/default_pack.toml")).unwrap();
    let screener = jejak::Screener::new();
    let (mut listed, mut cited) = (BTreeSet::new(), BTreeSet::new());
    for case in file["test"].as_array().unwrap() {
        assert!(
            case.get("pack").is_none() && case.get("pack_json").is_none(),
            "default_pack.toml uses the default pack"
        );
        let expect = &case["expect"];
        for r in expect.get("has_ref").and_then(toml::Value::as_array).into_iter().flatten() {
            listed.insert(r.as_str().unwrap().to_string());
        }
        let json = match (case.get("tx"), case.get("json")) {
            (Some(tx), None) => serde_json::to_string(tx).unwrap(),
            (None, Some(json)) => json.as_str().unwrap().to_string(),
            _ => panic!("{}: give exactly one of tx and json", case["name"].as_str().unwrap_or("?")),
        };
        let Ok(v) = screener.screen_json(&json) else { continue };
        for f in &v.flags {
            cited.extend(f.sources.iter().filter_map(|s| s.reference.clone()));
        }
    }
    // History indicators cite refs that fire only over a sequence of
    // payments: tests/data/history.toml lists and fires those.
    let (h_listed, h_cited) = history::scenario_refs();
    listed.extend(h_listed);
    cited.extend(h_cited);
    let unlisted: Vec<_> = refs.difference(&listed).collect();
    let uncited: Vec<_> = refs.difference(&cited).collect();
    let unknown: Vec<_> = listed.difference(&refs).collect();
    assert!(unlisted.is_empty(), "refs no `has_ref` in default_pack.toml names: {unlisted:?}");
    assert!(uncited.is_empty(), "refs no default_pack.toml case fires a flag citing: {uncited:?}");
    assert!(unknown.is_empty(), "`has_ref` names refs the pack does not cite: {unknown:?}");
}
