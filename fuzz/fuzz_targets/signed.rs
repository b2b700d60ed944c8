//! Signed packs and deltas (src/signed.rs, src/pack/delta.rs) from arbitrary
//! bytes.
//!
//! The first byte picks what the rest is:
//!
//! * 0: an envelope given to `Pack::from_signed`;
//! * 1: an envelope given as a delta to the mini pack (`apply_delta`);
//! * 2: a delta's JSON, signed with the target's key and applied to the
//!   mini pack, so that mutations reach the delta reader and the merge past
//!   the signature;
//! * 3: a pack's JSON, signed with the target's key and loaded.
//!
//! Each must return a pack or an error with one of the documented codes,
//! never panic. A delta that applies gives a pack whose version is above
//! the base's, and loading that pack's canonical JSON gives the same
//! digest. An envelope that loads, re-signed as it is, loads the same.
//!
//! Seeds (`corpus/signed/`) are a signed mini pack, a signed delta of it,
//! and their JSON payloads behind the selector bytes.
#![no_main]

use jejak::signed::{self, SecretKey, Trust};
use jejak::{ErrorKind, Pack};
use libfuzzer_sys::fuzz_target;

const MINI: &str = include_str!("../../tests/data/packs/mini.json");

fn key() -> SecretKey {
    SecretKey::from_seed([42; 32])
}

fn trust() -> Trust {
    let mut t = Trust::new();
    t.key(&key().public_text()).unwrap().now_ms(1_795_910_400_000);
    t
}

fn check(result: Result<Pack, jejak::Error>, base: Option<&Pack>) {
    match result {
        Ok(pack) => {
            if let Some(base) = base {
                assert!(pack.version() != base.version(), "a delta kept version {}", base.version());
            }
            // A pack from JSON loads again from its canonical JSON; one from a
            // signed image writes an image that reads back.
            let again = match pack.canonical_json() {
                Some(json) => Pack::from_json(&json).expect("a loaded pack's canonical JSON loads"),
                None => Pack::from_image(&pack.to_image().expect("an image writes")).expect("a written image reads"),
            };
            assert_eq!(again.digest(), pack.digest());
        }
        Err(e) => assert!(
            matches!(
                e.kind(),
                ErrorKind::InvalidPack
                    | ErrorKind::LimitExceeded
                    | ErrorKind::BadSignature
                    | ErrorKind::UntrustedKey
                    | ErrorKind::PackExpired
                    | ErrorKind::PackDowngrade
            ),
            "unexpected error {e}"
        ),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let base = Pack::from_json(MINI).expect("mini loads");
    match mode % 4 {
        0 => check(Pack::from_signed(rest, &trust()), None),
        1 => check(base.apply_delta(rest, &trust()), Some(&base)),
        m => {
            let Ok(text) = std::str::from_utf8(rest) else { return };
            let Ok(bytes) = signed::sign(text, &key(), None) else { return };
            if m == 2 {
                check(base.apply_delta(&bytes, &trust()), Some(&base));
            } else {
                check(Pack::from_signed(&bytes, &trust()), None);
            }
        }
    }
});
