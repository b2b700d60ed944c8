//! The goAML report's XML escaping (src/cases/goaml/xml.rs) against
//! roxmltree on arbitrary UTF-8: the text written as an element's text and
//! as an attribute's value reads back exactly as written, but for the
//! characters XML 1.0 cannot carry (C0 controls other than tab, line feed
//! and carriage return; U+FFFE, U+FFFF), which read back as U+FFFD
//! (`jejak::fuzzing::xml_round_trip`). The same check runs as a property
//! test (`cases::goaml::xml::tests`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(difference) = jejak::fuzzing::xml_round_trip(text) {
        panic!("XML escaping does not read back for {text:?}: {difference}");
    }
});
