//! Screen one payment's metadata against published, cited indicators of child
//! sexual exploitation and explain every flag.
//!
//! jejak ("trail" in Indonesian) takes one transaction (amount, currency,
//! channel, countries, local time, payment memo, merchant descriptor) and an
//! *indicator pack* (indicators from AUSTRAC, FINTRAC, FinCEN, FATF, AMLC,
//! PPATK and others, each with its source and evidence grade) and returns a
//! [`Verdict`]: a score, a level, and the flags that fired, each with its
//! indicator id, citations, the evidence (text spans in the original memo,
//! amounts against bands, corridors, hours) and a sentence in English or
//! Bahasa Indonesia. It runs the same way natively and in WebAssembly, and
//! never sends data anywhere.
//!
//! # Overview
//!
//! * [`Screener`] screens transactions against a compiled [`Pack`]; build it
//!   once, screen many times. [`ScreenerBuilder`] sets the options.
//! * [`Pack`] is a compiled indicator pack; [`Pack::default_pack`] is the
//!   embedded, cited default pack. The format is in `docs/PACKS.md`.
//! * [`Transaction`] is one validated transaction.
//! * [`Verdict`], [`Flag`] and [`Evidence`] are the explanation.
//! * [`Error`] is the one error type, with a [`kind`](Error::kind), a stable
//!   [`code`](Error::code) and a JSON-pointer [`path`](Error::path).
//!
//! # Example: screen a transaction
//!
//! ```
//! use jejak::{Level, Screener};
//!
//! let screener = Screener::new();
//! let verdict = screener.screen_json(r#"{
//!     "id": "tx-1",
//!     "timestamp": "2026-11-20T02:10:00+10:00",
//!     "amount": "50", "currency": "AUD", "channel": "remittance",
//!     "memo": "sch00l f33s",
//!     "sender": {"country": "AU"},
//!     "receiver": {"country": "PH", "isNew": true}
//! }"#)?;
//! assert!(verdict.level >= Level::Review);
//! for flag in &verdict.flags {
//!     println!("{} (+{}): {}", flag.indicator, flag.weight, flag.explanation);
//! }
//! # Ok::<(), jejak::Error>(())
//! ```
//!
//! # Example: Bahasa Indonesia and a custom pack
//!
//! ```
//! use jejak::{Locale, Pack, Screener};
//!
//! let pack = Pack::from_json(Pack::default_pack_json())?;
//! let screener = Screener::builder().pack(pack).locale(Locale::Id).build()?;
//! let v = screener.screen_json(r#"{"timestamp": "2026-11-20T14:00:00+07:00",
//!     "amount": "250000", "currency": "IDR", "channel": "qris", "memo": "uang sekolah"}"#)?;
//! assert_eq!(v.pack.id, "jejak-default");
//! # Ok::<(), jejak::Error>(())
//! ```
//!
//! # Text matching
//!
//! Memo and merchant text is normalized before matching, and every hit maps
//! back to the exact original span: case (all scripts), compatibility forms
//! (fullwidth, mathematical letters, ligatures), diacritics, Cyrillic and
//! Greek look-alikes, leetspeak (`sch00l`), zero-width characters, spaced or
//! dotted letters (`s c h o o l`), repeated letters (`schoool`) and
//! punctuation inside words. Terms match whole words unless a pack marks them
//! as substrings. All terms of a pack share one Aho-Corasick automaton, so a
//! field is scanned once whatever the number of terms.
//!
//! # Performance
//!
//! Compiling the default pack takes well under a millisecond-scale budget on
//! a laptop core and is done once per process ([`Pack::default_pack`] caches
//! it). Screening is linear in the size of the text fields. `make bench`
//! prints transactions per second with the default pack.
//!
//! # Untrusted input
//!
//! No public API panics on any input: a bad transaction, pack or option is an
//! [`Error`], never a crash (a panic in WebAssembly kills the instance).
//! Inputs are bounded by configurable limits ([`ScreenerBuilder::max_memo_bytes`],
//! [`PackLimits`]); matching is linear time, with no regular expressions to
//! backtrack. Property tests run arbitrary strings and JSON through every
//! entry point.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod automaton;
// Cases across accounts (the pack tools' side). Documented by its own
// inner docs: an outer doc here would make rustdoc resolve their links from
// the crate root.
#[cfg(feature = "tools")]
pub mod cases;
mod codes;
#[cfg(test)]
#[cfg(feature = "tools")]
mod contracts;
mod embedded;
mod error;
mod history;
mod json;
#[cfg(any(test, fuzzing))]
mod json_oracle;
mod matcher;
mod money;
mod normalize;
mod pack;
mod patterns;
mod restricted;
mod screener;
pub mod signed;
mod sort;
mod transaction;
mod verdict;
mod vocab;
mod watchlist;
mod write;

/// What the bindings (`bindings/wasm`) use of the core beyond its API: not
/// part of it, hidden, and free to change in any release.
#[doc(hidden)]
pub mod binding;

/// Internals the fuzz targets in `fuzz/` check; compiled only with
/// `--cfg fuzzing` (which `cargo fuzz` sets), never part of the API.
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::json_oracle::{max_depth, replace_lone_surrogates};

    /// `text` written by the goAML report's XML writer as element text and
    /// as an attribute value, read back with roxmltree: Err unless both read
    /// back as written, but for the characters XML 1.0 cannot carry, which
    /// read back as U+FFFD.
    #[cfg(feature = "tools")]
    pub fn xml_round_trip(text: &str) -> Result<(), String> {
        crate::cases::goaml::xml::check_round_trip(text)
    }

    /// The normalizer's invariants on `input` (see `normalize::check_invariants`).
    pub fn check_normalize(input: &str) -> Result<(), String> {
        crate::normalize::check_invariants(input)
    }

    /// `text` read by the crate's JSON reader, a lone surrogate escape an
    /// error or (`replace`) U+FFFD: Ok(the canonical form) or Err(the error
    /// as displayed: code, path, message). Also Err, worded "round trip:",
    /// if the value's `to_json` does not read back as the same value.
    pub fn json_canonical(text: &str, replace: bool) -> Result<String, String> {
        use crate::json::{parse, Surrogates};
        let surrogates = if replace { Surrogates::Replace } else { Surrogates::Reject };
        let value = parse(text, crate::ErrorKind::InvalidPack, surrogates).map_err(|e| e.to_string())?;
        let json = value.to_json();
        match parse(&json, crate::ErrorKind::InvalidPack, surrogates) {
            Ok(again) if again == value => Ok(value.to_canonical()),
            again => Err(format!("round trip: to_json wrote {json:?}, which reads back as {again:?}")),
        }
    }

    /// A transaction's packed form (what the JavaScript package hands the
    /// module) read back: Err when it does not read, or reads as another
    /// transaction.
    pub fn packed_round_trip(tx: &crate::Transaction) -> Result<(), String> {
        let (slots, text) = crate::transaction::to_packed(tx);
        match crate::transaction::from_packed(&slots, &text, Default::default()) {
            Ok(back) if back == *tx => Ok(()),
            other => Err(format!("{tx:?} packed as {slots:?} {text:?} reads back as {other:?}")),
        }
    }

    /// Arbitrary bytes through the packed reader: two bytes per row (the
    /// tag modulo the tag count, and a length or value), then the text.
    /// An accepted transaction must pack back into a form that reads as
    /// itself.
    pub fn read_packed(data: &[u8]) -> Result<(), String> {
        use crate::transaction::{Tag, SLOTS};
        let rows = SLOTS / 2;
        let (Some(head), Some(rest)) = (data.get(..2 * rows), data.get(2 * rows..)) else { return Ok(()) };
        let Ok(text) = std::str::from_utf8(rest) else { return Ok(()) };
        let mut slots = Vec::with_capacity(SLOTS);
        for pair in head.chunks(2) {
            slots.push(u32::from(pair[0]) % Tag::ALL.len() as u32);
            slots.push(u32::from(pair[1]));
        }
        match crate::transaction::from_packed(&slots, text, Default::default()) {
            Ok(tx) => packed_round_trip(&tx),
            Err(e) if e.code() == "invalid_transaction" || e.code() == "limit_exceeded" => Ok(()),
            Err(e) => Err(format!("unexpected error {e}")),
        }
    }

    /// Every match of `patterns` in `haystack` found by the crate's
    /// Aho-Corasick automaton, as `(pattern, start, end)` byte offsets in the
    /// order it reports them; `pattern` is the index in `patterns` of the
    /// first pattern with those bytes (the automaton shares equal patterns).
    /// Err if the automaton breaks its id contract or is too large.
    pub fn automaton_matches(patterns: &[&[u8]], haystack: &[u8]) -> Result<Vec<(usize, usize, usize)>, String> {
        let mut builder = crate::automaton::Builder::new();
        // Per automaton id: the index of the first pattern that got it.
        let mut first: Vec<usize> = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let id = builder.add(p).map_err(|_| format!("pattern {i}: too large"))? as usize;
            if id == first.len() {
                first.push(i);
            } else if first.get(id).and_then(|&j| patterns.get(j)) != Some(p) {
                return Err(format!("pattern {i} ({p:?}) got id {id}, {} ids so far", first.len()));
            }
        }
        let automaton = builder.build();
        let mut out = Vec::new();
        let mut bad = None;
        automaton.for_each_match(haystack, |id, end| {
            let start = end.checked_sub(automaton.pattern_len(id));
            match (first.get(id as usize), start) {
                (Some(&i), Some(start)) => out.push((i, start, end)),
                _ => {
                    bad.get_or_insert_with(|| format!("id {id} ending at {end}"));
                }
            }
        });
        bad.map_or(Ok(out), Err)
    }
}

pub use crate::error::{Error, ErrorKind};
pub use crate::history::State;
pub use crate::money::{Country, Currency};
pub use crate::normalize::Transform;
#[cfg(feature = "tools")]
pub use crate::pack::{Lint, LintKind};
pub use crate::pack::{Pack, PackLimits, Source, Thresholds};
pub use crate::patterns::PatternKind;
#[cfg(feature = "tools")]
pub use crate::restricted::hash_term_list;
pub use crate::screener::{Offsets, Screened, Screener, ScreenerBuilder, VerdictForm};
pub use crate::transaction::{Amount, Channel, Merchant, Receiver, Sender, Timestamp, Transaction};
pub use crate::verdict::{
    CompactFlag, CompactVerdict, Evidence, Flag, HistoryNote, HistoryStatus, PackRef, TextEvidence, Verdict,
};
pub use crate::vocab::{Category, Grade, Level, Locale, SourceRef};
#[cfg(feature = "tools")]
pub use crate::watchlist::hash_watchlist;

// The README's examples are doctests too, so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

pub use crate::vocab::ENGINE_VERSION;
