//! Transaction JSON through `Screener::screen_json` with the default pack,
//! in UTF-8 and UTF-16 offsets.
//!
//! Ok: every text/pattern span slices the original field exactly (a lone
//! surrogate counts as the U+FFFD it is read as), and the verdict's JSON is
//! valid. Err: a documented code and a JSON-pointer path. A transaction
//! `Transaction::from_json` accepts is the one `Deserialize` builds, and
//! its packed form (what the npm package hands the module) reads back as
//! itself. And the input's bytes as a packed transaction never panic the
//! packed reader.

#![no_main]

mod common;

use std::sync::OnceLock;

use jejak::{Offsets, Screener};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn screeners() -> &'static [(Offsets, Screener); 2] {
    static SCREENERS: OnceLock<[(Offsets, Screener); 2]> = OnceLock::new();
    SCREENERS.get_or_init(|| {
        let utf16 = Screener::builder().offsets(Offsets::Utf16).build().expect("default-pack screener");
        [(Offsets::Utf8, Screener::new()), (Offsets::Utf16, utf16)]
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        if let Err(e) = jejak::fuzzing::read_packed(data) {
            panic!("packed reader: {e}");
        }
        return;
    };
    for (offsets, screener) in screeners() {
        match screener.screen_json(input) {
            Ok(verdict) => {
                // jejak's reader builds the Value serde_json would, but
                // that it rejects duplicate keys and reads a lone surrogate
                // as U+FFFD (payer text is always screened). So serde_json
                // must accept what jejak accepted once lone surrogates are
                // spelled \uFFFD, and that text is the original the spans
                // are checked against.
                let native = jejak::fuzzing::replace_lone_surrogates(input);
                let tx: Value = serde_json::from_str(&native)
                    .unwrap_or_else(|e| panic!("jejak accepted a transaction serde_json rejects: {e}"));
                common::check_verdict(&verdict, &tx, *offsets);
            }
            Err(e) => common::check_error(&e),
        }
    }
    if let Err(e) = jejak::fuzzing::read_packed(data) {
        panic!("packed reader: {e}");
    }
    // `Transaction::from_json` reads the crate's own JSON value, while
    // `Deserialize` reads serde's: an accepted transaction must come out the
    // same both ways, and through its packed form.
    if let Ok(tx) = jejak::Transaction::from_json(input) {
        if let Err(e) = jejak::fuzzing::packed_round_trip(&tx) {
            panic!("{e}");
        }
        let native = jejak::fuzzing::replace_lone_surrogates(input);
        match serde_json::from_str::<jejak::Transaction>(&native) {
            Ok(slow) => assert_eq!(tx, slow, "from_json and Deserialize disagree"),
            Err(e) => {
                // serde_json stops at 128 levels, and `Deserialize` refuses a
                // repeated key even when it holds U+FFFD (from_json lets
                // those pass). Any other refusal is a disagreement.
                let fffd = native.contains('\u{FFFD}') || native.to_ascii_lowercase().contains("\\ufffd");
                let m = e.to_string();
                assert!(
                    m.contains("recursion limit") || (fffd && m.contains("duplicate key")),
                    "from_json accepted a transaction that Deserialize rejects: {m}"
                );
            }
        }
    }
});
