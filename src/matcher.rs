//! One Aho-Corasick automaton over every term and allow phrase of a pack.
//!
//! Patterns are the *normalized* forms of the terms (see `normalize`). Two
//! terms that normalize alike share one pattern, and each pattern keeps the
//! list of (term list, entry) pairs it stands for. The automaton runs with
//! standard (overlapping) semantics: a leftmost-longest search would report
//! `school fees` and hide a `school` hit that a different indicator needs,
//! and it could pick a match that fails the word-boundary check while a
//! shorter one that passes is skipped.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::normalize::{self, Mode, Normalized};

/// How a term matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MatchMode {
    /// Starts and ends on word boundaries.
    Word,
    /// Anywhere.
    Substring,
}

/// A term of a list as the pack wrote it.
#[derive(Clone, Debug)]
pub(crate) struct Term {
    pub(crate) text: String,
    pub(crate) lang: String,
    pub(crate) validated: bool,
    pub(crate) mode: MatchMode,
}

/// A term list: named (from `termLists`) or inline in a condition.
#[derive(Clone, Debug, Default)]
pub(crate) struct TermList {
    pub(crate) terms: Vec<Term>,
    pub(crate) allow: Vec<String>,
}

#[derive(Clone, Copy, Debug)]
struct PatternRef {
    list: u32,
    entry: u32,
    allow: bool,
    mode: MatchMode,
}

/// A term (or allow phrase) hit in normalized coordinates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) list: u32,
    pub(crate) entry: u32,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// The compiled automaton.
#[derive(Clone, Debug)]
pub(crate) struct Matcher {
    ac: Option<AhoCorasick>,
    refs: Vec<Vec<PatternRef>>,
}

/// Why a term could not be compiled; the caller adds the JSON path.
#[derive(Debug)]
pub(crate) enum TermError {
    /// The term has no letters, digits or emoji left after normalization.
    Empty { list: u32, entry: u32, allow: bool },
    /// The automaton could not be built (too large).
    Build(String),
}

impl Matcher {
    /// A matcher with no patterns: it finds nothing.
    pub(crate) fn empty() -> Matcher {
        Matcher { ac: None, refs: Vec::new() }
    }

    /// Compiles all lists into one automaton.
    pub(crate) fn build(lists: &[TermList]) -> Result<Matcher, TermError> {
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut refs: Vec<Vec<PatternRef>> = Vec::new();
        let mut add = |text: String, r: PatternRef| {
            let id = *index.entry(text.clone()).or_insert_with(|| {
                patterns.push(text);
                refs.push(Vec::new());
                patterns.len() - 1
            });
            if let Some(v) = refs.get_mut(id) {
                v.push(r);
            }
        };
        for (li, list) in lists.iter().enumerate() {
            let li = li as u32;
            let entries = list
                .terms
                .iter()
                .map(|t| (t.text.as_str(), false, t.mode))
                .chain(list.allow.iter().map(|a| (a.as_str(), true, MatchMode::Substring)));
            for (ei, (text, allow, mode)) in entries.enumerate() {
                let ei = ei as u32;
                let norm = normalize::normalize(text, Mode::Term).text;
                if norm.is_empty() {
                    return Err(TermError::Empty { list: li, entry: ei, allow });
                }
                let r = PatternRef { list: li, entry: ei, allow, mode };
                if norm.contains(' ') {
                    add(norm.replace(' ', ""), r);
                }
                add(norm, r);
            }
        }
        if patterns.is_empty() {
            return Ok(Matcher::empty());
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            // The contiguous NFA is what the automatic choice picks for packs
            // of more than a few dozen patterns anyway; naming it lets the
            // linker drop the DFA and the other NFA (25 KB of wasm).
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .map_err(|e| TermError::Build(e.to_string()))?;
        Ok(Matcher { ac: Some(ac), refs })
    }

    /// The number of distinct patterns in the automaton.
    pub(crate) fn pattern_count(&self) -> usize {
        self.refs.len()
    }

    /// Finds term hits in a normalized text, cancelling every term hit that
    /// overlaps an allow phrase of the same list. Hits come sorted by
    /// position, then list, then entry, and are unique.
    pub(crate) fn find(&self, norm: &Normalized) -> Vec<Hit> {
        let Some(ac) = &self.ac else { return Vec::new() };
        let mut terms: Vec<Hit> = Vec::new();
        let mut allows: Vec<Hit> = Vec::new();
        for m in ac.find_overlapping_iter(norm.text.as_str()) {
            let (start, end) = (m.start(), m.end());
            let Some(rs) = self.refs.get(m.pattern().as_usize()) else { continue };
            for r in rs {
                if r.mode == MatchMode::Word && !norm.is_word(start, end) {
                    continue;
                }
                let hit = Hit { list: r.list, entry: r.entry, start, end };
                if r.allow {
                    allows.push(hit);
                } else {
                    terms.push(hit);
                }
            }
        }
        if !allows.is_empty() {
            terms.retain(|t| !allows.iter().any(|a| a.list == t.list && a.start < t.end && t.start < a.end));
        }
        terms.sort_unstable_by_key(|h| (h.start, h.end, h.list, h.entry));
        terms.dedup();
        terms
    }
}
