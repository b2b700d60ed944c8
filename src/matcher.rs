//! One Aho-Corasick automaton over every term and allow phrase of a pack.
//!
//! Patterns are the *normalized* forms of the terms (see `normalize`). Two
//! terms that normalize alike share one pattern, and each pattern keeps the
//! list of (term list, entry) pairs it stands for. The automaton runs with
//! standard (overlapping) semantics: a leftmost-longest search would report
//! `school fees` and hide a `school` hit that a different indicator needs,
//! and it could pick a match that fails the word-boundary check while a
//! shorter one that passes is skipped.

use crate::automaton::{self, Automaton};

use crate::normalize::{self, Mode, Normalized};
use crate::restricted::Hashed;

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
    /// A hashed list's salt and hashes; its terms' texts are `#` and ids.
    pub(crate) hashed: Option<Hashed>,
}

/// What one pattern stands for: an entry of a list (its terms, then its
/// allow phrases) and how it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PatternRef {
    pub(crate) list: u32,
    pub(crate) entry: u32,
    pub(crate) allow: bool,
    pub(crate) mode: MatchMode,
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
    ac: Option<Automaton>,
    refs: Vec<Vec<PatternRef>>,
    /// Hashed lists, by list index.
    hashed: Vec<(u32, Hashed)>,
}

/// Why a term could not be compiled; the caller adds the JSON path.
#[derive(Debug)]
pub(crate) enum TermError {
    #[cfg_attr(not(feature = "tools"), allow(dead_code))]
    /// The term has no letters, digits or emoji left after normalization.
    Empty { list: u32, entry: u32, allow: bool },
    /// The automaton would need more than 2^32 states.
    TooLarge,
}

/// The patterns of a pack's lists, each with the (list, entry) pair it
/// stands for, in the order they are added to the automaton (equal texts
/// share one automaton pattern): what [`Matcher::build`] compiles, and what
/// a pack image stores instead of normalizing every term again.
pub(crate) type Patterns = Vec<(String, PatternRef)>;

impl Matcher {
    #[cfg(feature = "tools")]
    /// Compiles all lists into one automaton.
    pub(crate) fn build(lists: &[TermList]) -> Result<Matcher, TermError> {
        Matcher::from_patterns(Matcher::patterns(lists)?, lists)
    }

    /// Normalizes every term and allow phrase of the lists that are not
    /// hashed into the patterns the automaton searches for.
    pub(crate) fn patterns(lists: &[TermList]) -> Result<Patterns, TermError> {
        let mut out: Patterns = Vec::new();
        for (li, list) in lists.iter().enumerate() {
            if list.hashed.is_some() {
                continue;
            }
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
                    out.push((norm.replace(' ', ""), r));
                }
                // A text glues the pieces of a hyphenated word (`peer-to-peer`
                // reads `peertopeer`), so such a term is searched that way too.
                let glued = normalize::normalize(text, Mode::Text).text;
                if glued != norm && !glued.is_empty() {
                    out.push((glued, r));
                }
                out.push((norm, r));
            }
        }
        Ok(out)
    }

    /// The automaton over `patterns`, with the hashed lists of `lists`.
    pub(crate) fn from_patterns(patterns: Patterns, lists: &[TermList]) -> Result<Matcher, TermError> {
        let mut builder = automaton::Builder::new();
        let mut refs: Vec<Vec<PatternRef>> = Vec::new();
        for (text, r) in patterns {
            // The trie shares equal patterns: a second add returns the first id.
            let id = builder.add(text.as_bytes()).map_err(|_| TermError::TooLarge)? as usize;
            if id == refs.len() {
                refs.push(Vec::new());
            }
            if let Some(v) = refs.get_mut(id) {
                v.push(r);
            }
        }
        let hashed = lists
            .iter()
            .enumerate()
            .filter_map(|(li, list)| list.hashed.as_ref().map(|h| (li as u32, h.clone())))
            .collect();
        let ac = (builder.pattern_count() > 0).then(|| builder.build());
        Ok(Matcher { ac, refs, hashed })
    }

    /// The number of distinct patterns in the automaton.
    pub(crate) fn pattern_count(&self) -> usize {
        self.refs.len()
    }

    /// Finds term hits in a normalized text, cancelling every term hit that
    /// overlaps an allow phrase of the same list. Hits come sorted by
    /// position, then list, then entry, and are unique.
    pub(crate) fn find(&self, norm: &Normalized) -> Vec<Hit> {
        let mut terms: Vec<Hit> = Vec::new();
        if !self.hashed.is_empty() {
            // The spans are the same for every hashed list (only the salts
            // differ), so they are listed once per text.
            let spans = crate::restricted::spans(norm);
            for (list, h) in &self.hashed {
                h.find(norm, &spans, |entry, start, end| terms.push(Hit { list: *list, entry, start, end }));
            }
        }
        if let Some(ac) = &self.ac {
            self.automaton_hits(ac, norm, &mut terms);
        }
        crate::sort::sort_by(&mut terms, |a, b| (a.start, a.end, a.list, a.entry) < (b.start, b.end, b.list, b.entry));
        terms.dedup();
        terms
    }

    /// Adds the automaton's term hits to `terms`, and removes every term
    /// hit that overlaps an allow phrase of the same list.
    fn automaton_hits(&self, ac: &Automaton, norm: &Normalized, terms: &mut Vec<Hit>) {
        let mut allows: Vec<Hit> = Vec::new();
        ac.for_each_match(norm.text.as_bytes(), |pattern, end| {
            let start = end - ac.pattern_len(pattern);
            let Some(rs) = self.refs.get(pattern as usize) else { return };
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
        });
        if !allows.is_empty() {
            // The union of each list's allow spans as sorted, disjoint
            // intervals, so each term is checked by binary search: a memo
            // with thousands of terms and allow phrases stays n log n.
            crate::sort::sort_by(&mut allows, |x, y| (x.list, x.start) < (y.list, y.start));
            let mut covered: Vec<(u32, usize, usize)> = Vec::new();
            for a in &allows {
                match covered.last_mut() {
                    Some(last) if last.0 == a.list && a.start <= last.2 => last.2 = last.2.max(a.end),
                    _ => covered.push((a.list, a.start, a.end)),
                }
            }
            terms.retain(|t| {
                // The last interval of t's list starting before t ends is
                // the only one that can overlap t.
                let i = covered.partition_point(|&(list, start, _)| (list, start) < (t.list, t.end));
                !i.checked_sub(1)
                    .and_then(|i| covered.get(i))
                    .is_some_and(|&(list, _, end)| list == t.list && t.start < end)
            });
        }
    }
}
