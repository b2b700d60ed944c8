//! Pack JSON through `Pack::from_json_with_limits`; a pack that loads is
//! compiled into a `Screener` and screens a few fixed transactions, whose
//! verdicts must have exact spans and valid JSON. Errors must have a
//! documented code and a JSON-pointer path.

#![no_main]

mod common;

use jejak::{Offsets, Pack, PackLimits, Screener};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// Modest limits keep each input fast. 64 KiB still admits the compact
/// default pack (about 62 KiB), the largest seed.
fn limits() -> PackLimits {
    PackLimits::default().max_bytes(64 << 10).max_indicators(1_000).max_terms(10_000).max_depth(32)
}

/// The brief's fixed transaction, and one whose text fields carry the seed
/// packs' vocabulary, handles, a phone number and a link, so that mutated
/// term lists and patterns produce text evidence.
const TRANSACTIONS: [&str; 2] = [
    r#"{"amount":"50.00","currency":"AUD","timestamp":"2026-01-05T22:10:00+08:00","memo":"school fees"}"#,
    r#"{"id":"t2","amount":"250000","currency":"IDR","channel":"p2p","timestamp":"2026-11-20T02:10:00+07:00",
        "memo":"B@nana  spl1t 🍌 sch00l f33s, uang sekolah; purple car @kid_99 +62 812 3456 7890 t.me/x",
        "sender":{"country":"AU","isMinor":true,"accountAgeDays":3},"receiver":{"country":"PH","isNew":true},
        "merchant":{"name":"Moon Shop ＰＩＳＡＮＧ","descriptor":"MOON*SHOP apple pie","mcc":"6051","country":"PH"}}"#,
];

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let pack = match Pack::from_json_with_limits(input, limits()) {
        Ok(pack) => pack,
        Err(e) => return common::check_error(&e),
    };
    assert_eq!(pack.digest().len(), 64, "digest {:?}", pack.digest());
    let screener = match Screener::builder().pack(pack).build() {
        Ok(s) => s,
        Err(e) => panic!("a pack that loaded does not build a screener: {e}"),
    };
    for tx in TRANSACTIONS {
        let value: Value = serde_json::from_str(tx).expect("fixed transaction");
        match screener.screen_json(tx) {
            Ok(verdict) => common::check_verdict(&verdict, &value, Offsets::Utf8),
            Err(e) => panic!("a fixed, valid transaction fails with a fuzzed pack: {e}"),
        }
    }
});
