//! Hashed term lists: restricted vocabularies matched without their words.
//!
//! # Overview
//!
//! Some vocabularies must never be published: the words offenders use to
//! find abuse material would become a search list. A pack can carry such a
//! list as salted hashes of the terms' normalized forms instead. The text
//! of a transaction is normalized exactly as for plain terms (leet,
//! look-alikes, spacing, zero-width characters, repeats, ...), every run of
//! one to three words of it is hashed with the list's salt, and a hash
//! found in the list is a hit whose evidence names the span and the term's
//! id (`#` and the id), never the term.
//!
//! A term has up to three forms, each hashed (`npx jejak hash-terms` does
//! this): its normalized words (`a b`), the same glued (`ab`), and the
//! form a transaction's normalization gives it (`peer-to-peer` reads
//! `peertopeer`). These are the patterns the automaton indexes for a plain
//! term, so a hashed list matches whole words as a plain list in `word`
//! mode does; there is no `substring` mode for hashed terms.
//!
//! The hash is the first 16 bytes of SHA-256 over `jejak-term`, a zero
//! byte, the salt, a zero byte and the form, in lower-case hex.
//!
//! # Untrusted input
//!
//! Hashing hides a vocabulary from whoever reads the pack, not from whoever
//! guesses: with the pack's salt anyone can test a candidate word. What it
//! prevents is publication: the words are not in the repository, the pack,
//! search indexes or the module.
//!
//! # Performance
//!
//! A text of `n` words costs at most `6n` hashes per hashed list (spans of
//! one to three words, and the pieces of words glued across punctuation),
//! each one SHA-256 block for a span shorter than 40 bytes.

#[cfg_attr(not(feature = "tools"), allow(unused_imports))]
use sha2::{Digest, Sha256};

#[cfg_attr(not(feature = "tools"), allow(unused_imports))]
use crate::error::{Error, ErrorKind};
#[cfg_attr(not(feature = "tools"), allow(unused_imports))]
use crate::json::{self, Fields, Value};
#[cfg_attr(not(feature = "tools"), allow(unused_imports))]
use crate::normalize::{self, Mode, Normalized};
#[cfg_attr(not(feature = "tools"), allow(unused_imports))]
#[cfg(feature = "tools")]
use crate::write::{list, Json, Obj};

/// A term hash: 16 bytes.
pub(crate) type TermHash = [u8; 16];

#[cfg(feature = "tools")]
/// Hashes `form` with `salt`.
pub(crate) fn hash(salt: &str, form: &str) -> TermHash {
    finish(prefix(salt), form)
}

/// The hasher state after the salt, reused for every form of a text.
fn prefix(salt: &str) -> Sha256 {
    let mut h = Sha256::new();
    h.update(b"jejak-term\0");
    h.update(salt.as_bytes());
    h.update([0]);
    h
}

fn finish(mut h: Sha256, form: &str) -> TermHash {
    h.update(form.as_bytes());
    truncated(h)
}

/// The first 16 bytes of a SHA-256: what term and identifier hashes keep.
pub(crate) fn truncated(h: Sha256) -> TermHash {
    let mut out = [0u8; 16];
    out.copy_from_slice(h.finalize().get(..16).unwrap_or(&[0; 16]));
    out
}

/// Whether `salt` is a salt: 16 to 256 printable ASCII characters, no
/// spaces. Hashed term lists and watchlists take the same.
pub(crate) fn is_salt(salt: &str) -> bool {
    (16..=256).contains(&salt.len()) && salt.bytes().all(|b| b.is_ascii_graphic())
}

#[cfg(feature = "tools")]
/// The forms of a plain term that are hashed (at least one, unless the
/// term normalizes to nothing).
pub(crate) fn forms(term: &str) -> Vec<String> {
    let norm = normalize::normalize(term, Mode::Term).text;
    let mut out = Vec::new();
    if norm.is_empty() {
        return out;
    }
    let glued = norm.replace(' ', "");
    let text = normalize::normalize(term, Mode::Text).text;
    for form in [norm, glued, text] {
        if !form.is_empty() && !out.contains(&form) {
            out.push(form);
        }
    }
    out
}

/// `table` sorted and without repeats, for binary search. Watchlists use it
/// too (with entry 0), so the module has one sort of hashes.
pub(crate) fn sorted(mut table: Vec<(TermHash, u32)>) -> Vec<(TermHash, u32)> {
    crate::sort::sort_by(&mut table, |a, b| a < b);
    table.dedup();
    table
}

#[cfg(feature = "tools")]
/// Lower-case hex of a hash.
pub(crate) fn hex(hash: &TermHash) -> String {
    let mut out = String::with_capacity(32);
    crate::write::write_hex(&mut out, hash);
    out
}

#[cfg(feature = "tools")]
/// Reads 32 hex digits.
pub(crate) fn parse_hex(text: &str) -> Option<TermHash> {
    let b = text.as_bytes();
    if b.len() != 32 {
        return None;
    }
    let mut out = [0u8; 16];
    for (slot, pair) in out.iter_mut().zip(b.chunks_exact(2)) {
        let digit = |c: u8| match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            _ => None,
        };
        *slot = digit(*pair.first()?)? * 16 + digit(*pair.get(1)?)?;
    }
    Some(out)
}

/// A compiled hashed list: its salt and its hashes with their entries.
#[derive(Clone, Debug)]
pub(crate) struct Hashed {
    pub(crate) salt: String,
    /// (hash, entry), sorted by hash.
    table: Vec<(TermHash, u32)>,
}

impl Hashed {
    pub(crate) fn new(salt: String, table: Vec<(TermHash, u32)>) -> Hashed {
        Hashed { salt, table: sorted(table) }
    }

    /// The (hash, entry) pairs, sorted by hash.
    pub(crate) fn table(&self) -> &[(TermHash, u32)] {
        &self.table
    }

    /// Calls `hit(entry, start, end)` for every span of `norm` (listed by
    /// [`spans`]) whose hash is in the list, in normalized byte
    /// coordinates.
    pub(crate) fn find(&self, norm: &Normalized, spans: &[(usize, usize)], mut hit: impl FnMut(u32, usize, usize)) {
        if self.table.is_empty() {
            return;
        }
        let salted = prefix(&self.salt);
        for &(start, end) in spans {
            let Some(form) = norm.text.get(start..end) else { continue };
            let h = finish(salted.clone(), form);
            let first = self.table.partition_point(|(x, _)| *x < h);
            for &(x, entry) in self.table.get(first..).unwrap_or_default() {
                if x != h {
                    break;
                }
                hit(entry, start, end);
            }
        }
    }
}

/// The longest span hashed, in bytes: a term is at most 256 bytes, and
/// normalization at most doubles it.
const MAX_SPAN: usize = 512;
/// The most word ends one span start is tried with.
const MAX_ENDS: usize = 6;

/// The spans of one to three words (spaces) of `norm`, where a word may
/// also start or end at a soft boundary (a word glued across
/// punctuation): every span the automaton could match a whole-word term
/// on.
pub(crate) fn spans(norm: &Normalized) -> Vec<(usize, usize)> {
    let text = norm.text.as_bytes();
    // Boundaries in order: (position, is a space).
    let mut cuts: Vec<(usize, bool)> = Vec::new();
    let mut soft = norm.soft.iter().copied().peekable();
    for (i, &b) in text.iter().enumerate() {
        while let Some(s) = soft.next_if(|&s| s <= i) {
            if s > 0 && s < text.len() && cuts.last().is_none_or(|&(p, _)| p < s) {
                cuts.push((s, false));
            }
        }
        if b == b' ' {
            cuts.push((i, true));
        }
    }
    let mut out = Vec::new();
    let starts = std::iter::once(0).chain(cuts.iter().map(|&(p, space)| if space { p + 1 } else { p }));
    for (k, start) in starts.enumerate() {
        let mut spaces = 0;
        let ends = cuts.get(k..).unwrap_or_default().iter().map(|&(p, space)| (p, space)).chain([(text.len(), false)]);
        for (n, (end, space)) in ends.enumerate() {
            if n >= MAX_ENDS || end <= start || end - start > MAX_SPAN {
                break;
            }
            out.push((start, end));
            if space {
                spaces += 1;
                if spaces == 3 {
                    break;
                }
            }
        }
    }
    out
}

/// A hashed term list for a pack's `termLists` (`{"salt", "hashed": [...]}`
/// as JSON) of plain terms given as JSON `[{"id", "term", "lang"?,
/// "validated"?}]`: what `npx jejak hash-terms` writes. Errors are
/// `invalid_option` with a pointer into `terms`.
///
/// # Example
///
/// ```
/// let list = jejak::hash_term_list(r#"[{"id": "t1", "term": "maple syrup"}]"#, "a-salt-of-16-bytes").unwrap();
/// assert!(list.starts_with(r#"{"salt":"a-salt-of-16-bytes","hashed":[{"id":"t1","hashes":["#));
/// assert!(!list.contains("maple"));
/// ```
#[cfg(feature = "tools")]
pub fn hash_term_list(terms: &str, salt: &str) -> Result<String, Error> {
    if !is_salt(salt) {
        return Err(Error::new(ErrorKind::InvalidOption, "/salt", "a salt is 16 to 256 printable ASCII characters"));
    }
    let value = json::parse(terms, ErrorKind::InvalidOption, json::Surrogates::Reject)?;
    hashed_list_json(&value, salt)
}

#[cfg(feature = "tools")]
/// A hashed term list (`{"salt", "hashed": [...]}` as JSON) of plain terms
/// given as `[{"id", "term", "lang"?, "validated"?}]`: what `npx jejak
/// hash-terms` writes, so that the terms themselves never enter a pack.
fn hashed_list_json(terms: &Value, salt: &str) -> Result<String, Error> {
    let kind = ErrorKind::InvalidOption;
    let items = json::array(terms, "", kind)?;
    let mut out = String::new();
    let mut json = Json::new(&mut out);
    let mut top = Obj::new(&mut json);
    top.str("salt", salt);
    let mut seen: Vec<&str> = Vec::new();
    let mut failed = None;
    list(top.key("hashed"), items.iter().enumerate(), |out, (i, item)| {
        let at = crate::error::join_index("", i);
        let result = (|| -> Result<(), Error> {
            let mut f = Fields::new(item, &at, kind, "a term ({id, term, lang, validated})")?;
            let id = f.str("id")?;
            let term = f.str("term")?;
            let lang = f.opt_str("lang")?;
            let validated = f.opt_bool("validated")?;
            f.finish(None)?;
            if seen.contains(&id) {
                return Err(Error::new(kind, crate::error::join(&at, "id"), format!("duplicate term id {id}")));
            }
            seen.push(id);
            let forms = forms(term);
            if forms.is_empty() {
                let message = "the term has no letters, digits or emoji left after normalization";
                return Err(Error::new(kind, crate::error::join(&at, "term"), message));
            }
            let mut o = Obj::new(out);
            o.str("id", id);
            list(o.key("hashes"), &forms, |out, f| out.str(&hex(&hash(salt, f))));
            if let Some(lang) = lang {
                o.str("lang", lang);
            }
            if let Some(v) = validated {
                o.bool("validated", v);
            }
            o.end();
            Ok(())
        })();
        if let Err(e) = result {
            failed.get_or_insert(e);
        }
    });
    top.end();
    match failed {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(terms: &[&str], text: &str) -> Vec<(u32, String)> {
        let salt = "0123456789abcdef";
        let mut table = Vec::new();
        for (i, t) in terms.iter().enumerate() {
            for f in forms(t) {
                table.push((hash(salt, &f), i as u32));
            }
        }
        let norm = normalize::normalize(text, Mode::Text);
        let mut out = Vec::new();
        Hashed::new(salt.into(), table).find(&norm, &spans(&norm), |e, s, x| {
            let (a, b, _) = norm.span(s, x).unwrap();
            out.push((e, text[a..b].to_string()));
        });
        out
    }

    #[test]
    fn hashed_terms_match_whole_words_of_one_to_three() {
        assert_eq!(found(&["maple"], "a MAPLE tree"), [(0, "MAPLE".to_string())]);
        assert_eq!(found(&["maple"], "maplewood"), []);
        assert_eq!(found(&["red maple tree"], "one red maple tree"), [(0, "red maple tree".to_string())]);
        assert_eq!(found(&["red maple"], "redmaple syrup"), [(0, "redmaple".to_string())]);
        assert_eq!(found(&["maple"], "m.a.p.l.e"), [(0, "m.a.p.l.e".to_string())]);
        assert_eq!(found(&["maple"], "PAY*MAPLE"), [(0, "MAPLE".to_string())]);
        assert!(found(&["red oak big tree"], "red oak big tree").is_empty(), "four words are not hashed");
    }

    #[test]
    fn spans_cover_each_word_run_once() {
        let norm = normalize::normalize("one two six four", Mode::Text);
        let spans: Vec<&str> = spans(&norm).iter().map(|&(s, e)| &norm.text[s..e]).collect();
        assert_eq!(
            spans,
            ["one", "one two", "one two six", "two", "two six", "two six four", "six", "six four", "four"]
        );
    }

    #[test]
    fn hex_round_trips() {
        let h = hash("s", "maple");
        assert_eq!(parse_hex(&hex(&h)), Some(h));
        assert_eq!(parse_hex(&hex(&h).to_uppercase()), None);
        assert_eq!(parse_hex("00"), None);
    }
}
