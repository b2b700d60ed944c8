//! The forms of a pack's names and dates, which the JSON loader and the
//! image reader both check.

/// A pack, list or discount id (`upper`: an indicator id): 1 to 64 bytes of
/// letters of one case, digits, `.`, `_` and `-`, starting with a letter or
/// digit.
pub(crate) fn is_ident(s: &str, upper: bool) -> bool {
    let ok_first = |c: char| {
        if upper {
            c.is_ascii_uppercase() || c.is_ascii_digit()
        } else {
            c.is_ascii_lowercase() || c.is_ascii_digit()
        }
    };
    let ok = |c: char| ok_first(c) || matches!(c, '.' | '_' | '-');
    !s.is_empty() && s.len() <= 64 && s.chars().next().is_some_and(ok_first) && s.chars().all(ok)
}

/// A publisher's reference (`AUSTRAC-CSE-01`, `FIN-2021-NTC3`).
pub(crate) fn is_reference(s: &str) -> bool {
    let b = s.as_bytes();
    (1..=64).contains(&b.len())
        && b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.iter().all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'/' | b'-'))
}

pub(crate) fn is_semver(s: &str) -> bool {
    let core = s.split(['-', '+']).next().unwrap_or("");
    let rest_ok = s
        .get(core.len()..)
        .unwrap_or_default()
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'));
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && (p.len() == 1 || !p.starts_with('0')))
        && rest_ok
}

pub(crate) fn is_date(s: &str) -> bool {
    crate::transaction::Timestamp::parse(&format!("{s}T00:00:00Z")).is_some() && s.len() == 10
}
