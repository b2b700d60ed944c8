//! Built-in memo patterns: social-media handles, phone numbers and links.
//!
//! FATF (2025) names social-media handles in the payment description as an
//! indicator; AUSTRAC's payment-text-fields guide describes payments used to
//! send contact details. These scanners work on the original text, so their
//! spans need no mapping, and they are hand-written loops rather than regular
//! expressions to keep the wasm module small and the cost linear.

use serde::Serialize;

/// A kind of built-in memo pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum PatternKind {
    /// `@name`: 2 to 30 letters, digits, `.` or `_`, with at least one letter,
    /// not preceded by a letter or digit (so e-mail addresses do not count).
    SocialHandle,
    /// 9 to 15 digits starting with `+` or `0`, optionally grouped by spaces,
    /// dashes, dots or parentheses.
    PhoneNumber,
    /// `http://`, `https://`, `www.` or a host name ending in a common
    /// top-level domain.
    Url,
}

impl PatternKind {
    /// Every kind, in documentation order.
    pub(crate) const ALL: [PatternKind; 3] = [PatternKind::SocialHandle, PatternKind::PhoneNumber, PatternKind::Url];

    /// The wire name, e.g. `"socialHandle"`.
    pub fn as_str(self) -> &'static str {
        match self {
            PatternKind::SocialHandle => "socialHandle",
            PatternKind::PhoneNumber => "phoneNumber",
            PatternKind::Url => "url",
        }
    }

    /// Parses a wire name.
    pub fn parse(s: &str) -> Option<PatternKind> {
        PatternKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub(crate) fn describe(self, locale: crate::vocab::Locale) -> &'static str {
        match (self, locale) {
            (PatternKind::SocialHandle, crate::vocab::Locale::En) => "social-media handle",
            (PatternKind::SocialHandle, crate::vocab::Locale::Id) => "akun media sosial",
            (PatternKind::PhoneNumber, crate::vocab::Locale::En) => "phone number",
            (PatternKind::PhoneNumber, crate::vocab::Locale::Id) => "nomor telepon",
            (PatternKind::Url, crate::vocab::Locale::En) => "link",
            (PatternKind::Url, crate::vocab::Locale::Id) => "tautan",
        }
    }
}

/// A pattern found in the memo: kind and byte span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PatternHit {
    pub(crate) kind: PatternKind,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Top-level domains common in payment memos around the region; a host name
/// needs one of these to count as a link, so `Rp.50.000` or `a.m.` do not.
const TLDS: &[&str] = &[
    "app", "asia", "biz", "cc", "co", "com", "gg", "id", "info", "io", "link", "live", "ly", "me", "net", "online",
    "org", "ph", "site", "store", "to", "tv", "uk", "us", "xyz", "au",
];

fn is_host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'.'
}

fn is_path_byte(b: u8) -> bool {
    b.is_ascii_graphic() && !matches!(b, b'"' | b'<' | b'>' | b'`')
}

/// Scans a memo for every pattern kind.
pub(crate) fn scan(text: &str) -> Vec<PatternHit> {
    let mut out = Vec::new();
    handles(text, &mut out);
    phones(text, &mut out);
    urls(text, &mut out);
    crate::sort::sort_by(&mut out, |a, b| (a.start, a.end, a.kind) < (b.start, b.end, b.kind));
    out
}

fn handles(text: &str, out: &mut Vec<PatternHit>) {
    let b = text.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c != b'@' {
            continue;
        }
        if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.' || b[i - 1] == b'_') {
            continue; // an e-mail address or a leet `@` inside a word
        }
        let mut j = i + 1;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] == b'.') {
            j += 1;
        }
        // A trailing dot is sentence punctuation, not part of the handle.
        while j > i + 1 && b[j - 1] == b'.' {
            j -= 1;
        }
        let name = &b[i + 1..j];
        if (2..=30).contains(&name.len()) && name.iter().any(u8::is_ascii_alphabetic) {
            out.push(PatternHit { kind: PatternKind::SocialHandle, start: i, end: j });
        }
    }
}

fn phones(text: &str, out: &mut Vec<PatternHit>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let starts = (c == b'+' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) || c == b'0' || c == b'(';
        if !starts || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.' || b[i - 1] == b',')) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut digits = 0;
        let mut first_digit = None;
        let mut last_digit_end = i;
        while j < b.len() {
            match b[j] {
                d if d.is_ascii_digit() => {
                    first_digit.get_or_insert(d);
                    digits += 1;
                    last_digit_end = j + 1;
                }
                b'+' if j == i => {}
                b' ' | b'-' | b'.' | b'(' | b')' => {
                    // A separator must be followed by a digit or a bracket.
                    if !b.get(j + 1).is_some_and(|n| n.is_ascii_digit() || *n == b'(') {
                        break;
                    }
                }
                _ => break,
            }
            j += 1;
        }
        let followed_by_word = b.get(last_digit_end).is_some_and(|n| n.is_ascii_alphanumeric());
        let plausible = c == b'+' || first_digit == Some(b'0');
        if (9..=15).contains(&digits) && plausible && !followed_by_word {
            out.push(PatternHit { kind: PatternKind::PhoneNumber, start: i, end: last_digit_end });
            i = last_digit_end;
        } else {
            i = j.max(i + 1);
        }
    }
}

fn urls(text: &str, out: &mut Vec<PatternHit>) {
    // Work on bytes only: `i` may sit inside a multi-byte character, and a
    // `&str` slice there would panic. Host bytes are ASCII, so every span we
    // report starts and ends on ASCII bytes, which are char boundaries.
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if i > 0 && (is_host_byte(b[i - 1]) || b[i - 1] == b'/' || b[i - 1] == b'@') {
            i += 1;
            continue;
        }
        let starts = |p: &[u8]| b.len() >= i + p.len() && b[i..i + p.len()].eq_ignore_ascii_case(p);
        let scheme = if starts(b"https://") {
            8
        } else if starts(b"http://") {
            7
        } else {
            0
        };
        let host_start = i + scheme;
        let mut j = host_start;
        while j < b.len() && is_host_byte(b[j]) {
            j += 1;
        }
        while j > host_start && b[j - 1] == b'.' {
            j -= 1; // sentence punctuation
        }
        let host = &b[host_start..j];
        let labels: Vec<&[u8]> = host.split(|&c| c == b'.').collect();
        let all_labels = labels.iter().all(|s| !s.is_empty());
        let www = host.len() > 4 && host[..4].eq_ignore_ascii_case(b"www.") && labels.len() >= 3;
        let tld_ok = labels.len() >= 2
            && all_labels
            && labels.last().is_some_and(|t| TLDS.iter().any(|d| d.as_bytes().eq_ignore_ascii_case(t)))
            && labels.first().is_some_and(|s| s.iter().any(u8::is_ascii_alphabetic));
        if (scheme > 0 && all_labels && !host.is_empty()) || www || tld_ok {
            let mut end = j;
            if b.get(end) == Some(&b'/') {
                while end < b.len() && is_path_byte(b[end]) {
                    end += 1;
                }
                while end > j && matches!(b[end - 1], b'.' | b',' | b')' | b'!' | b'?') {
                    end -= 1;
                }
            }
            out.push(PatternHit { kind: PatternKind::Url, start: i, end });
            i = end.max(i + 1);
        } else {
            i = j.max(i + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(PatternKind, &str)> {
        scan(s).into_iter().map(|h| (h.kind, &s[h.start..h.end])).collect()
    }

    #[test]
    fn finds_handles() {
        assert_eq!(kinds("add me @maria_88."), vec![(PatternKind::SocialHandle, "@maria_88")]);
        assert!(kinds("mail a@b.com").is_empty());
        assert!(kinds("price @ 5").is_empty());
    }

    #[test]
    fn finds_phones() {
        assert_eq!(kinds("wa 0812-3456-7890 ya"), vec![(PatternKind::PhoneNumber, "0812-3456-7890")]);
        assert_eq!(kinds("call +63 917 123 4567"), vec![(PatternKind::PhoneNumber, "+63 917 123 4567")]);
        assert!(kinds("Rp 250000").is_empty());
        assert!(kinds("invoice 2026112000001").is_empty());
    }

    #[test]
    fn finds_urls() {
        assert_eq!(kinds("see https://example.com/x."), vec![(PatternKind::Url, "https://example.com/x")]);
        assert_eq!(kinds("t.me/somebody now"), vec![(PatternKind::Url, "t.me/somebody")]);
        assert!(kinds("Rp.50.000 a.m. e.g.").is_empty());
    }
}
