//! `explain`'s reader (src/verdict/read.rs) on arbitrary text: it returns a
//! verdict or an `invalid_verdict` error, never panics. Whatever it accepts
//! writes back to JSON that reads as the same verdict, and explaining it
//! with the default pack either fails with `invalid_verdict` or gives a full
//! verdict. Seeds are compact verdicts of the sample corpus.

#![no_main]

use jejak::{CompactVerdict, ErrorKind, Locale, Screener};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static SCREENER: OnceLock<Screener> = OnceLock::new();
    let screener = SCREENER.get_or_init(Screener::new);
    let Ok(text) = std::str::from_utf8(data) else { return };
    match CompactVerdict::from_json(text) {
        Ok(v) => {
            assert_eq!(CompactVerdict::from_json(&v.to_json()).as_ref(), Ok(&v));
            for locale in [Locale::En, Locale::Id] {
                if let Err(e) = screener.explain(&v, locale) {
                    assert_eq!(e.kind(), ErrorKind::InvalidVerdict);
                }
            }
        }
        Err(e) => assert_eq!(e.kind(), ErrorKind::InvalidVerdict, "{e}"),
    }
});
