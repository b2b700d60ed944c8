//! What a screen returns: a verdict with scored, explained, cited flags, or
//! its compact form (ids, weights and evidence) that
//! [`Screener::explain`](crate::Screener::explain) turns into the full one.
//!
//! `read` parses a compact verdict back from JSON; `tape` writes verdict
//! parts as numbers and offsets for the JavaScript package.

mod read;
pub(crate) mod tape;

use std::sync::Arc;

use serde::Serialize;

use crate::write::{list, Json, Obj, Sink};

use crate::normalize::Transform;
use crate::patterns::PatternKind;
use crate::vocab::{Category, Level, SourceRef};

/// A span of text that made a condition true.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TextEvidence {
    /// The field, as a transaction path: `memo`, `merchant.name`,
    /// `merchant.descriptor`.
    #[cfg_attr(test, ts(type = "'memo' | 'merchant.name' | 'merchant.descriptor'"))]
    pub field: &'static str,
    /// Start offset into the field's original value, in the screener's
    /// offset unit (UTF-8 bytes by default, UTF-16 code units for JS).
    pub start: usize,
    /// End offset (exclusive), same unit.
    pub end: usize,
    /// The original text of the span, exactly as written.
    pub text: String,
    /// The pack term that matched (or the pattern kind's name).
    pub term: String,
    /// What the normalizer had to undo for the match.
    pub transforms: Vec<Transform>,
    /// The term's language tag (`en`, `id`, `tl`, ...).
    pub lang: String,
    /// False for project-proposed terms no source has published yet.
    pub validated: bool,
}

/// Why one leaf condition was true.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "camelCase")]
#[non_exhaustive]
pub enum Evidence {
    /// A term hit in a text field.
    Text(TextEvidence),
    /// A built-in memo pattern (handle, phone number, link).
    Pattern {
        /// Always `memo`.
        #[cfg_attr(test, ts(type = "'memo'"))]
        field: &'static str,
        /// Start offset.
        start: usize,
        /// End offset.
        end: usize,
        /// The original text.
        text: String,
        /// The pattern kind.
        pattern: PatternKind,
    },
    /// The amount was within a band.
    #[serde(rename_all = "camelCase")]
    Amount {
        /// Always `amount`.
        #[cfg_attr(test, ts(type = "'amount'"))]
        field: &'static str,
        /// The amount, major units, plain decimal (`50.00`).
        value: String,
        /// Its currency.
        currency: String,
        /// The amount in the band's currency through the pack's FX table,
        /// when the currencies differ.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(test, ts(optional))]
        converted: Option<String>,
        /// Lower bound, in `bandCurrency`.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(test, ts(optional))]
        min: Option<String>,
        /// Upper bound, in `bandCurrency`.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(test, ts(optional))]
        max: Option<String>,
        /// The band's currency.
        band_currency: String,
    },
    /// The amount was a round multiple.
    #[serde(rename_all = "camelCase")]
    RoundAmount {
        /// Always `amount`.
        #[cfg_attr(test, ts(type = "'amount'"))]
        field: &'static str,
        /// The amount, major units.
        value: String,
        /// Its currency.
        currency: String,
        /// The multiple it is a whole multiple of, major units.
        multiple_of: String,
    },
    /// Sender and destination countries.
    Corridor {
        /// `receiver.country` or `merchant.country`.
        #[cfg_attr(test, ts(type = "'receiver.country' | 'merchant.country'"))]
        field: &'static str,
        /// The destination country.
        value: String,
        /// The sender's country.
        from: String,
    },
    /// The channel.
    Channel {
        /// Always `channel`.
        #[cfg_attr(test, ts(type = "'channel'"))]
        field: &'static str,
        /// The channel's wire name.
        #[cfg_attr(test, ts(type = "Channel"))]
        value: &'static str,
    },
    /// The currency.
    Currency {
        /// Always `currency`.
        #[cfg_attr(test, ts(type = "'currency'"))]
        field: &'static str,
        /// The ISO 4217 code.
        value: String,
    },
    /// The local hour.
    LocalHour {
        /// Always `timestamp`.
        #[cfg_attr(test, ts(type = "'timestamp'"))]
        field: &'static str,
        /// The timestamp as given.
        value: String,
        /// Its local hour.
        hour: u8,
        /// Range start (inclusive).
        from: u8,
        /// Range end (exclusive).
        to: u8,
    },
    /// The merchant category code.
    Mcc {
        /// Always `merchant.mcc`.
        #[cfg_attr(test, ts(type = "'merchant.mcc'"))]
        field: &'static str,
        /// The code.
        value: String,
    },
    /// A party's id is on one of the pack's watchlists.
    Watchlist {
        /// `sender.id`, `receiver.id` or `merchant.id`.
        #[cfg_attr(test, ts(type = "'sender.id' | 'receiver.id' | 'merchant.id'"))]
        field: &'static str,
        /// The watchlist's name in the pack.
        list: String,
    },
    /// A yes/no fact (`sender.isMinor`, `receiver.isNew`,
    /// `receiver.isMinor`, `memo` present, `merchant.id` given for a
    /// business, `merchant.criteria` a micro merchant).
    Flag {
        /// The field.
        #[cfg_attr(
            test,
            ts(
                type = "'sender.isMinor' | 'receiver.isNew' | 'receiver.isMinor' | 'memo' | 'merchant.id' | 'merchant.criteria'"
            )
        )]
        field: &'static str,
        /// Its value.
        value: bool,
        /// Where a fact with two sources came from: `transaction` (the host
        /// sent the field) or `history` (the host did not, and the account's
        /// history established it). Absent for facts only the transaction
        /// holds.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(test, ts(optional, type = "'transaction' | 'history'"))]
        source: Option<&'static str>,
        /// For `receiver.isNew` from history: how many days ago the sender
        /// first paid the payee.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(test, ts(optional))]
        days: Option<u32>,
    },
    /// A text field holds malformed text: a lone surrogate (ill-formed
    /// UTF-16, which JavaScript strings allow) or a U+FFFD replacement
    /// character. The text was screened all the same, with U+FFFD in place
    /// of each bad unit, so spans elsewhere in the field stay exact.
    MalformedText {
        /// `memo`, `merchant.name` or `merchant.descriptor`.
        #[cfg_attr(test, ts(type = "'memo' | 'merchant.name' | 'merchant.descriptor'"))]
        field: &'static str,
        /// Start of the first malformed unit, in the screener's offset unit.
        start: usize,
        /// Its end (exclusive): one UTF-16 unit, or three UTF-8 bytes.
        end: usize,
        /// How many malformed units the field holds.
        count: usize,
    },
    /// Account age below a limit.
    AccountAge {
        /// `sender.accountAgeDays` or `receiver.accountAgeDays`.
        #[cfg_attr(test, ts(type = "'sender.accountAgeDays' | 'receiver.accountAgeDays'"))]
        field: &'static str,
        /// The age in days.
        value: u32,
        /// The limit.
        below: u32,
    },
    /// A measure of the sender's or the receiver's history reached its
    /// threshold (screen with history only).
    History {
        /// Whose history: `sender` or `receiver`.
        #[cfg_attr(test, ts(type = "'sender' | 'receiver'"))]
        field: &'static str,
        /// The measure: the pack condition's kind (`payeeCount`, ...).
        measure: &'static str,
        /// The window it was taken over (`48h`, `7d`); none for `escalation`.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(test, ts(optional))]
        window: Option<String>,
        /// The measured value: payments, counterparties, a percentage
        /// (`escalation`, `outflowAfterInflow`), whole units of money
        /// (`payerSum`, `inboundSum`), or the age of the first payment or
        /// purchase in the window's unit (`payeeNew`, `recentMerchant`).
        count: u64,
        /// The pack's threshold it was compared with (for `payeeNew` and
        /// `recentMerchant`, the window's length).
        threshold: u64,
        /// Whether `count` is a lower bound or a sketch's estimate rather
        /// than exact (docs/STATE.md).
        estimated: bool,
        /// For sums (`payerSum`, `inboundSum`): the currency of `count` and
        /// `threshold`, whole units of the pack's FX base currency.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(test, ts(optional))]
        currency: Option<String>,
    },
    /// The flag's weight was lowered by one of the pack's discounts: the
    /// account's history explains the payment (a long, steady pattern with
    /// this payee). The flag's `weight` is the lowered one; this says from
    /// what, by how much and which measure of the history allowed it. A
    /// discount never lowers a flag about a minor or a watchlist hit.
    Discount {
        /// Whose history: `sender` or `receiver`.
        #[cfg_attr(test, ts(type = "'sender' | 'receiver'"))]
        field: &'static str,
        /// The discount's name in the pack.
        discount: String,
        /// The percentage taken off.
        percent: u8,
        /// The indicator's weight before the discount.
        from: u8,
        /// The history measure (`payeeSteady`).
        measure: &'static str,
        /// The measured value, as in `history` evidence.
        count: u64,
        /// The discount condition's threshold.
        threshold: u64,
    },
    /// Another indicator fired.
    Indicator {
        /// Always `indicators`.
        #[cfg_attr(test, ts(type = "'indicators'"))]
        field: &'static str,
        /// Its id.
        value: String,
    },
}

/// One indicator that fired.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Flag {
    /// Indicator id, e.g. `AUSTRAC-CSE-04`.
    pub indicator: Arc<str>,
    /// Title in the screener's locale.
    pub title: Arc<str>,
    /// Typology.
    pub category: Category,
    /// Weight added to the score.
    pub weight: u8,
    /// The sources the indicator cites (shared with the pack: cloning a
    /// verdict does not copy them).
    pub sources: Arc<[SourceRef]>,
    /// A sentence in the screener's locale, filled from the evidence.
    pub explanation: String,
    /// Why it fired.
    pub evidence: Vec<Evidence>,
}

/// What a screen with history did with one side's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum HistoryStatus {
    /// The payment was added to the state.
    Updated,
    /// The payment is older than the account's newest by more than the
    /// allowed lateness (6 hours): screened against the state as it was,
    /// and not added to it.
    Late,
    /// The transaction has no id for this side, so there is no state.
    NoId,
}

impl HistoryStatus {
    /// Every status, in the order the JavaScript package numbers them
    /// (`pkg/lib/packed.mjs`).
    pub(crate) const ALL: [HistoryStatus; 3] = [HistoryStatus::Updated, HistoryStatus::Late, HistoryStatus::NoId];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            HistoryStatus::Updated => "updated",
            HistoryStatus::Late => "late",
            HistoryStatus::NoId => "noId",
        }
    }
}

/// What a screen with history did with the sender's and the receiver's
/// states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct HistoryNote {
    /// The sender's state.
    pub sender: HistoryStatus,
    /// The receiver's state.
    pub receiver: HistoryStatus,
}

/// The pack a verdict was reached with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PackRef {
    /// Pack id.
    pub id: String,
    /// Pack version.
    pub version: String,
    /// SHA-256 of the canonical pack bytes, lower-case hex.
    pub digest: String,
}

/// The result of screening one transaction.
///
/// Serializes (camelCase) to the same JSON on every platform, byte for byte,
/// for the same transaction and pack.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
    /// The transaction's `id`, if it had one.
    pub transaction_id: Option<String>,
    /// Sum of the weights of the flags, capped by the pack (0–100).
    pub score: u8,
    /// Level by the pack's thresholds.
    pub level: Level,
    /// The indicators that fired, highest weight first, then by id.
    pub flags: Vec<Flag>,
    /// What happened to the history states (screens with history only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub history: Option<HistoryNote>,
    /// The pack used.
    pub pack: PackRef,
    /// The engine version (`jejak` crate version).
    pub engine: &'static str,
}

/// One indicator that fired, without its words: what
/// [`Screener::screen_compact`](crate::Screener::screen_compact) gives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CompactFlag {
    /// Indicator id, e.g. `JEJAK-SIG-CORRIDOR`.
    pub indicator: Arc<str>,
    /// Weight added to the score.
    pub weight: u8,
    /// Why it fired.
    pub evidence: Vec<Evidence>,
}

/// A verdict without titles, sources or sentences: the score, the level and
/// each flag's indicator id, weight and evidence. It is about a fifth of the
/// full verdict's JSON and cheaper to build;
/// [`Screener::explain`](crate::Screener::explain) turns it into exactly the
/// [`Verdict`] a full screen gives, byte for byte.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CompactVerdict {
    /// The transaction's `id`, if it had one.
    pub transaction_id: Option<String>,
    /// Sum of the weights of the flags, capped by the pack (0–100).
    pub score: u8,
    /// Level by the pack's thresholds.
    pub level: Level,
    /// The indicators that fired, highest weight first, then by id.
    pub flags: Vec<CompactFlag>,
    /// What happened to the history states (screens with history only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub history: Option<HistoryNote>,
    /// The pack used.
    pub pack: PackRef,
    /// The engine version (`jejak` crate version).
    pub engine: &'static str,
}

impl CompactVerdict {
    /// The compact verdict as JSON: the same bytes as `serde_json::to_string`
    /// of the `Serialize` impl.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(256);
        self.write_json(&mut out);
        out
    }

    /// Appends the JSON to `out`.
    pub fn write_json(&self, out: &mut String) {
        self.write(&mut Json::new(out));
    }

    /// Writes the verdict to a sink (JSON text or a tape).
    pub(crate) fn write(&self, out: &mut dyn Sink) {
        let head = (self.transaction_id.as_deref(), self.score, self.level);
        write_verdict(out, head, &self.flags, self.history, &self.pack, self.engine, CompactFlag::write);
    }

    /// Whether an indicator with this id fired.
    pub fn has_flag(&self, indicator: &str) -> bool {
        self.flags.iter().any(|f| &*f.indicator == indicator)
    }
}

impl CompactFlag {
    pub(crate) fn write(out: &mut dyn Sink, flag: &CompactFlag) {
        let mut f = Obj::new(out);
        f.str("indicator", &flag.indicator);
        f.uint("weight", u64::from(flag.weight));
        list(f.key("evidence"), &flag.evidence, Evidence::write);
        f.end();
    }
}

/// The object both verdict forms share: `transactionId`, `score`, `level`,
/// the flags (each written by `flag`), `history`, `pack` and `engine`.
fn write_verdict<F>(
    out: &mut dyn Sink,
    (transaction_id, score, level): (Option<&str>, u8, Level),
    flags: &[F],
    history: Option<HistoryNote>,
    pack: &PackRef,
    engine: &str,
    flag: fn(&mut dyn Sink, &F),
) {
    let mut o = Obj::new(out);
    o.opt_str("transactionId", transaction_id);
    o.uint("score", u64::from(score));
    o.str("level", level.as_str());
    list(o.key("flags"), flags, flag);
    if let Some(h) = history {
        let mut w = Obj::new(o.key("history"));
        w.str("sender", h.sender.as_str());
        w.str("receiver", h.receiver.as_str());
        w.end();
    }
    pack.write(o.key("pack"));
    o.str("engine", engine);
    o.end();
}

impl PackRef {
    fn write(&self, out: &mut dyn Sink) {
        let mut p = Obj::new(out);
        p.str("id", &self.id);
        p.str("version", &self.version);
        p.str("digest", &self.digest);
        p.end();
    }
}

impl Verdict {
    /// The verdict as compact JSON: the same bytes as `serde_json::to_string`
    /// of the `Serialize` impl (a test holds the two together), written by
    /// hand because the derived serializer inlines a copy of its writer into
    /// every field and is the larger part of a wasm build's screen path.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(1024);
        self.write_json(&mut out);
        out
    }

    /// Appends the JSON to `out`.
    pub fn write_json(&self, out: &mut String) {
        self.write(&mut Json::new(out));
    }

    /// Writes the verdict to a sink (JSON text or a tape).
    pub(crate) fn write(&self, out: &mut dyn Sink) {
        let head = (self.transaction_id.as_deref(), self.score, self.level);
        write_verdict(out, head, &self.flags, self.history, &self.pack, self.engine, Flag::write);
    }

    /// Whether an indicator with this id fired.
    pub fn has_flag(&self, indicator: &str) -> bool {
        self.flags.iter().any(|f| &*f.indicator == indicator)
    }
}

impl Flag {
    pub(crate) fn write(out: &mut dyn Sink, flag: &Flag) {
        flag.write_members(out);
    }

    fn write_members(&self, out: &mut dyn Sink) {
        let mut o = Obj::new(out);
        o.str("indicator", &self.indicator);
        o.str("title", &self.title);
        o.str("category", self.category.as_str());
        o.uint("weight", u64::from(self.weight));
        list(o.key("sources"), self.sources.iter(), |out, s| {
            let mut w = Obj::new(out);
            if let Some(r) = &s.reference {
                w.str("ref", r);
            }
            w.str("publisher", &s.publisher);
            w.str("title", &s.title);
            w.uint("year", u64::from(s.year));
            w.str("url", &s.url);
            w.str("grade", s.grade.as_str());
            w.end();
        });
        o.str("explanation", &self.explanation);
        list(o.key("evidence"), &self.evidence, Evidence::write);
        o.end();
    }
}

impl Evidence {
    /// The wire name of the evidence's kind (`text`, `amount`, `history`,
    /// …), as its JSON's `kind` member gives it.
    pub fn kind(&self) -> &'static str {
        self.kind_and_field().0
    }

    /// The evidence as the JSON object a verdict carries: the same bytes
    /// as that object in [`Verdict::to_json`].
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        Evidence::write(&mut Json::new(&mut out), self);
        out
    }

    /// The wire name of the variant (`kind`) and the field it is about.
    fn kind_and_field(&self) -> (&'static str, &str) {
        match self {
            Evidence::Text(t) => ("text", t.field),
            Evidence::Pattern { field, .. } => ("pattern", field),
            Evidence::Amount { field, .. } => ("amount", field),
            Evidence::RoundAmount { field, .. } => ("roundAmount", field),
            Evidence::Corridor { field, .. } => ("corridor", field),
            Evidence::Channel { field, .. } => ("channel", field),
            Evidence::Currency { field, .. } => ("currency", field),
            Evidence::LocalHour { field, .. } => ("localHour", field),
            Evidence::Mcc { field, .. } => ("mcc", field),
            Evidence::Watchlist { field, .. } => ("watchlist", field),
            Evidence::Flag { field, .. } => ("flag", field),
            Evidence::MalformedText { field, .. } => ("malformedText", field),
            Evidence::AccountAge { field, .. } => ("accountAge", field),
            Evidence::History { field, .. } => ("history", field),
            Evidence::Discount { field, .. } => ("discount", field),
            Evidence::Indicator { field, .. } => ("indicator", field),
        }
    }

    /// Internally tagged, as the `Serialize` derive writes it: `kind` first,
    /// then the fields in declaration order (`field` first in every variant).
    fn write(out: &mut dyn Sink, e: &Evidence) {
        e.write_members(out);
    }

    fn write_members(&self, out: &mut dyn Sink) {
        let mut o = Obj::new(out);
        let (kind, field) = self.kind_and_field();
        o.str("kind", kind);
        o.str("field", field);
        match self {
            Evidence::Text(t) => {
                o.uint("start", t.start as u64);
                o.uint("end", t.end as u64);
                o.str("text", &t.text);
                o.str("term", &t.term);
                list(o.key("transforms"), &t.transforms, |out, tr| out.str(tr.as_str()));
                o.str("lang", &t.lang);
                o.bool("validated", t.validated);
            }
            Evidence::Pattern { start, end, text, pattern, .. } => {
                o.uint("start", *start as u64);
                o.uint("end", *end as u64);
                o.str("text", text);
                o.str("pattern", pattern.as_str());
            }
            Evidence::Amount { value, currency, converted, min, max, band_currency, .. } => {
                o.str("value", value);
                o.str("currency", currency);
                for (key, v) in [("converted", converted), ("min", min), ("max", max)] {
                    if let Some(v) = v {
                        o.str(key, v);
                    }
                }
                o.str("bandCurrency", band_currency);
            }
            Evidence::RoundAmount { value, currency, multiple_of, .. } => {
                o.str("value", value);
                o.str("currency", currency);
                o.str("multipleOf", multiple_of);
            }
            Evidence::Corridor { value, from, .. } => {
                o.str("value", value);
                o.str("from", from);
            }
            Evidence::Watchlist { list, .. } => o.str("list", list),
            Evidence::Channel { value, .. } => o.str("value", value),
            Evidence::Currency { value, .. } | Evidence::Mcc { value, .. } | Evidence::Indicator { value, .. } => {
                o.str("value", value);
            }
            Evidence::LocalHour { value, hour, from, to, .. } => {
                o.str("value", value);
                o.uint("hour", u64::from(*hour));
                o.uint("from", u64::from(*from));
                o.uint("to", u64::from(*to));
            }
            Evidence::Flag { value, source, days, .. } => {
                o.bool("value", *value);
                if let Some(s) = source {
                    o.str("source", s);
                }
                if let Some(d) = days {
                    o.uint("days", u64::from(*d));
                }
            }
            Evidence::MalformedText { start, end, count, .. } => {
                o.uint("start", *start as u64);
                o.uint("end", *end as u64);
                o.uint("count", *count as u64);
            }
            Evidence::AccountAge { value, below, .. } => {
                o.uint("value", u64::from(*value));
                o.uint("below", u64::from(*below));
            }
            Evidence::History { measure, window, count, threshold, estimated, currency, .. } => {
                o.str("measure", measure);
                if let Some(w) = window {
                    o.str("window", w);
                }
                o.uint("count", *count);
                o.uint("threshold", *threshold);
                o.bool("estimated", *estimated);
                if let Some(c) = currency {
                    o.str("currency", c);
                }
            }
            Evidence::Discount { discount, percent, from, measure, count, threshold, .. } => {
                o.str("discount", discount);
                o.uint("percent", u64::from(*percent));
                o.uint("from", u64::from(*from));
                o.str("measure", measure);
                o.uint("count", *count);
                o.uint("threshold", *threshold);
            }
        }
        o.end();
    }
}
