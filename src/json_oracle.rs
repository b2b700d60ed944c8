//! Helpers that the JSON layer's differential tests (`src/json.rs`) and the
//! `json` fuzz target share: they prepare a text for serde_json, the oracle,
//! so that its reading can be compared with jejak's. Compiled only for tests
//! and fuzzing.

/// The deepest nesting of arrays and objects in `text`, counting
/// brackets outside strings (the text is valid JSON but for depth).
pub fn max_depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0, false, false);
    for b in text.bytes() {
        match (in_string, escaped, b) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') | (false, _, b'"') => in_string = !in_string,
            (false, _, b'[' | b'{') => {
                depth += 1;
                max = max.max(depth);
            }
            (false, _, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// `text` with each lone surrogate escape (a `\uD800`-`\uDFFF` not
/// part of a high-low pair) spelled `\uFFFD`, working on escapes as
/// jejak's reader does: `\\` is one escape (so `\\uD800` is none),
/// a high surrogate pairs only with a `\u` low surrogate right after
/// it, and otherwise leaves the next escape to be read on its own.
/// Outside strings a backslash is an error either way.
pub fn replace_lone_surrogates(text: &str) -> String {
    let hex4 = |at: usize| {
        text.get(at..at + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|d| u32::from_str_radix(d, 16).ok())
    };
    let bytes = text.as_bytes();
    let (mut out, mut copied, mut i) = (String::new(), 0, 0);
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(unit) = (bytes.get(i + 1) == Some(&b'u')).then(|| hex4(i + 2)).flatten() else {
            i += 2; // a short escape, or an invalid one
            continue;
        };
        let low_next = text.get(i + 6..i + 8) == Some("\\u") && matches!(hex4(i + 8), Some(0xDC00..=0xDFFF));
        match unit {
            0xD800..=0xDBFF if low_next => i += 12,
            0xD800..=0xDFFF => {
                // `i` is at a backslash, so on a char boundary.
                out.push_str(&text[copied..i]);
                out.push_str("\\uFFFD");
                i += 6;
                copied = i;
            }
            _ => i += 6,
        }
    }
    out.push_str(&text[copied..]);
    out
}
