//! Pack images (src/pack/image/) from arbitrary bytes.
//!
//! * `Pack::from_image` refuses with `invalid_pack` (or `limit_exceeded`)
//!   and a message that names the image, or accepts.
//! * An accepted image screens two fixed transactions twice with the same
//!   bytes, and the image written from it (patterns normalized from its
//!   terms again, hashes sorted) reads back and writes itself.
//!
//! Each input is read twice: as it is, and with its header's checksum
//! recomputed (`seal`), so that mutations reach the reader's own checks.
//! Seeds (`corpus/image/`) are the default pack's image and the test
//! packs' (`cargo test` writes none; they were written once through
//! `Pack::to_image`). A change of the layout makes the reader refuse every
//! seed: write them again then.

#![no_main]

use jejak::{ErrorKind, Pack, Screener};
use libfuzzer_sys::fuzz_target;

const FIXED: [&str; 2] = [
    r#"{"id":"f0","timestamp":"2026-11-20T02:10:00+10:00","amount":"50","currency":"AUD","channel":"remittance",
        "memo":"sch00l f33s","sender":{"id":"a","country":"AU"},"receiver":{"id":"b","country":"PH","isNew":true}}"#,
    r#"{"id":"f1","timestamp":"2026-11-21T23:40:00+07:00","amount":"250000","currency":"IDR","channel":"qris",
        "memo":"uang sekolah","sender":{"id":"b","country":"ID","isMinor":true},"merchant":{"name":"Proton VPN","mcc":"4816"}}"#,
];

/// The header's checksum: XXH64 of the payload with the image seed
/// (`checksum` in src/pack/image/mod.rs; keep the two the same).
const SEED: u64 = 0x6A65_6A61_6B50_0001;

fn seal(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = bytes.to_vec();
    let sum = twox_hash::XxHash64::oneshot(SEED, out.get(16..)?);
    out.get_mut(8..16)?.copy_from_slice(&sum.to_le_bytes());
    Some(out)
}

fn check(bytes: &[u8]) {
    let pack = match Pack::from_image(bytes) {
        Ok(pack) => pack,
        Err(e) => {
            assert!(matches!(e.kind(), ErrorKind::InvalidPack | ErrorKind::LimitExceeded), "{e}");
            assert!(e.message().contains("image"), "{e}");
            return;
        }
    };
    // A forged pattern list may not be what the terms normalize to, so the
    // first write may differ; from then on one pack has one image.
    if let Ok(again) = pack.to_image() {
        let reread = Pack::from_image(&again).expect("a written image reads back");
        assert!(reread.to_image().ok().as_deref() == Some(&again[..]), "a written image does not write itself");
    }
    let screener = Screener::with_pack(pack);
    for tx in FIXED {
        let tx = screener.parse(tx).expect("fixed transaction");
        let once = screener.screen_to_json(&tx).map_err(|e| e.to_string());
        let twice = screener.screen_to_json(&tx).map_err(|e| e.to_string());
        assert_eq!(once, twice);
    }
}

fuzz_target!(|data: &[u8]| {
    check(data);
    if let Some(sealed) = seal(data).filter(|s| s != data) {
        check(&sealed);
    }
});
