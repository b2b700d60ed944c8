//! A small XML writer: elements with escaped text, indented two spaces.
//!
//! Element names come from the schema tables and the writer's own code,
//! never from input (a record's unknown key is refused before anything is
//! written), so only text and attribute values are escaped:
//!
//! * `&`, `<` and `>` as entities, and in attributes `"` too;
//! * carriage return as `&#13;` (a parser turns a raw one into a line
//!   feed), and in attributes tab and line feed as `&#9;` and `&#10;` (a
//!   parser turns raw ones into spaces), so the text reads back as written;
//! * characters XML 1.0 cannot carry at all (the C0 controls other than tab,
//!   line feed and carriage return, and U+FFFE, U+FFFF) are **replaced**
//!   with U+FFFD: not dropped, so that a length the record checked is the
//!   length written, and a reader sees that something was there.
//!
//! Hand-written rather than a crate (docs/DESIGN.md, "The goAML report"):
//! the report needs nothing else. The proptest below and the `xml` fuzz
//! target check that any text reads back through roxmltree as written,
//! but for the replaced characters.

/// Whether XML 1.0 can carry `c` (its `Char` production; Rust's `char`
/// has no surrogates).
pub(crate) fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// What a reader gets back for `text`: the characters XML 1.0 cannot carry
/// replaced with U+FFFD.
#[cfg(any(test, fuzzing))]
pub(crate) fn sanitized(text: &str) -> String {
    text.chars().map(|c| if allowed(c) { c } else { '\u{FFFD}' }).collect()
}

/// Writes `text` as an element's text and as an attribute's value, reads
/// the document back with roxmltree, and compares both with
/// [`sanitized`]: the check of the proptest below and of the `xml` fuzz
/// target. Err says what differed.
#[cfg(any(test, fuzzing))]
pub(crate) fn check_round_trip(text: &str) -> Result<(), String> {
    let mut doc = String::from("<a b=\"");
    escape_attr(&mut doc, text);
    doc.push_str("\">");
    escape_text(&mut doc, text);
    doc.push_str("</a>");
    let parsed = roxmltree::Document::parse(&doc).map_err(|e| format!("{e}: {doc:?}"))?;
    let a = parsed.root_element();
    let expected = sanitized(text);
    let (t, b) = (a.text().unwrap_or_default(), a.attribute("b").unwrap_or_default());
    if t != expected {
        return Err(format!("text {t:?}, expected {expected:?}"));
    }
    if b != expected {
        return Err(format!("attribute {b:?}, expected {expected:?}"));
    }
    Ok(())
}

/// Appends `text` escaped as element content.
pub(crate) fn escape_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c if allowed(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
}

/// Appends `text` escaped as a double-quoted attribute value. The report
/// writes no attributes; the round-trip checks do, so that the escaping is
/// complete for a later use.
#[cfg(any(test, fuzzing))]
pub(crate) fn escape_attr(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => escape_text(out, c.encode_utf8(&mut [0; 4])),
        }
    }
}

/// An XML document being written.
pub(crate) struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    /// A document with the XML declaration.
    pub(crate) fn new() -> Xml {
        Xml { out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), depth: 0 }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    /// Opens `<name>`.
    pub(crate) fn open(&mut self, name: &str) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    /// Closes `</name>`.
    pub(crate) fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// `<name>text</name>` on one line.
    pub(crate) fn leaf(&mut self, name: &str, text: &str) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        self.out.push('>');
        escape_text(&mut self.out, text);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// The document.
    pub(crate) fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_hard_cases_read_back() {
        for text in
            ["", "a & b < c > d", "\"quoted\" 'single'", "line\r\nbreak\rcr", "tab\tand\nnewline", "]]>", "&amp;"]
        {
            check_round_trip(text).unwrap();
        }
        // Controls XML 1.0 cannot carry become U+FFFD.
        assert_eq!(sanitized("a\u{0}b\u{1b}c\u{FFFE}d\u{FFFF}"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}");
        check_round_trip("a\u{0}b\u{1b}c\u{FFFE}d\u{FFFF}").unwrap();
    }

    /// The crate's convention (tests/props.rs): `JEJAK_PROPTEST_CASES`
    /// cases per property, 4,096 by default.
    fn cases() -> u32 {
        std::env::var("JEJAK_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(4_096)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn any_text_reads_back_as_written_but_for_what_xml_cannot_carry(text in any::<String>()) {
            prop_assert_eq!(check_round_trip(&text), Ok(()));
        }

        #[test]
        fn markup_and_controls_read_back(text in "[<>&\"'\\r\\n\\t\\x00-\\x1f a-z\\u{fffe}\\u{ffff}]{0,40}") {
            prop_assert_eq!(check_round_trip(&text), Ok(()));
        }
    }
}
