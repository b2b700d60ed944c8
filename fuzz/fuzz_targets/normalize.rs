//! The normalizer's invariants on arbitrary Unicode (`check_invariants`):
//! output at most twice the input's bytes, every char and word of the
//! normalized text maps back to a slice of the input on char boundaries,
//! soft boundaries sorted and inside the text.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    if let Err(violation) = jejak::fuzzing::check_normalize(input) {
        panic!("normalizer invariant broken on {input:?}: {violation}");
    }
});
