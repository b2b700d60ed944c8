//! The screener: a compiled pack plus options, and the screen of one
//! transaction against it.
//!
//! `builder` holds the options (and their JSON names), `eval` evaluates
//! conditions and records evidence, `render` turns templates into
//! explanations; this file ties them into a [`Verdict`].

use crate::error::{Error, ErrorKind};
use crate::pack::Pack;
use crate::transaction::{ParseLimits, Transaction};
use crate::verdict::{CompactFlag, CompactVerdict, Flag, PackRef, Verdict};
use crate::vocab::{Level, Locale};

mod builder;
mod eval;
mod history;
mod render;

pub use builder::ScreenerBuilder;
pub use history::Screened;
// The bindings' `explain` reads its `locale` option as the builder does.
pub(crate) use builder::locale_option;
#[cfg(test)]
pub(crate) use builder::OPTIONS;
use eval::Ctx;

/// The unit of `start` and `end` in text evidence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Offsets {
    /// UTF-8 byte offsets: slice a Rust `&str` with them.
    #[default]
    Utf8,
    /// UTF-16 code-unit offsets: `String.prototype.slice` in JavaScript.
    Utf16,
}

/// The form of verdict a screener writes as JSON
/// ([`Screener::screen_to_json`]) and the JavaScript `screen` returns.
///
/// Screen everything in the compact form and
/// [`explain`](Screener::explain) the verdicts a person will read: the
/// compact form has no titles, sources or sentences, so it is smaller and
/// faster to build, and `explain` gives back exactly the full verdict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VerdictForm {
    /// Titles, categories, sources and explanations in every flag.
    #[default]
    Full,
    /// Ids, weights and evidence only ([`CompactVerdict`]).
    Compact,
}

/// Largest value accepted for the byte limits (16 MiB).
const MAX_LIMIT: usize = 16 << 20;

/// Default and largest accepted `maxBatch`: the transactions one JavaScript
/// `screenMany` call takes. Its results are built as one JSON text, about
/// 3 KB a row, so the default keeps a call near 30 MB of wasm memory.
const DEFAULT_MAX_BATCH: usize = 10_000;
const MAX_BATCH: usize = 1_000_000;

/// Screens transactions against a compiled [`Pack`].
///
/// Build it once and screen many transactions: the pack's term automaton is
/// compiled when the pack loads, not per screen. A `Screener` is immutable,
/// `Send` and `Sync`.
///
/// # Example
///
/// ```
/// use jejak::{Level, Screener};
///
/// let screener = Screener::new();
/// let verdict = screener.screen_json(r#"{
///     "timestamp": "2026-11-20T02:10:00+10:00", "amount": "50", "currency": "AUD",
///     "channel": "remittance", "memo": "school fees",
///     "sender": {"country": "AU"}, "receiver": {"country": "PH", "isNew": true}
/// }"#).unwrap();
/// assert!(verdict.level >= Level::Review);
/// assert!(verdict.has_flag("JEJAK-SIG-MEMO-COVER"));
/// ```
#[derive(Clone, Debug)]
pub struct Screener {
    pack: Pack,
    hasher: crate::history::Hasher,
    locale: Locale,
    verdict: VerdictForm,
    offsets: Offsets,
    limits: ParseLimits,
    max_batch: usize,
    #[cfg_attr(not(feature = "tools"), allow(dead_code))]
    /// The limits a delta's result is loaded with.
    pack_limits: crate::pack::PackLimits,
}

#[cfg(not(feature = "given-default-pack"))]
impl Default for Screener {
    fn default() -> Self {
        Screener::new()
    }
}

impl Screener {
    /// A screener with the default pack and options.
    #[cfg(not(feature = "given-default-pack"))]
    pub fn new() -> Screener {
        Screener::with_pack(Pack::default_pack())
    }

    /// A screener with a given pack and default options.
    pub fn with_pack(pack: Pack) -> Screener {
        Screener {
            pack,
            hasher: crate::history::Hasher::new(crate::history::DEFAULT_KEY),
            locale: Locale::En,
            verdict: VerdictForm::Full,
            offsets: Offsets::Utf8,
            limits: ParseLimits::default(),
            max_batch: DEFAULT_MAX_BATCH,
            pack_limits: crate::pack::PackLimits::default(),
        }
    }

    /// This screener with its pack updated by a signed delta
    /// ([`Pack::apply_delta`], with the builder's pack limits): a new
    /// screener, same options. On any error this one is unchanged, so a
    /// host swaps screeners only when the update loaded.
    #[cfg(feature = "tools")]
    pub fn apply_delta(&self, bytes: &[u8], trust: &crate::signed::Trust) -> Result<Screener, Error> {
        let pack = self.pack.apply_delta_with_limits(bytes, trust, self.pack_limits)?;
        Ok(Screener { pack, ..self.clone() })
    }

    /// This screener with the pack of an image ([`Pack::from_image`], with
    /// the builder's pack limits): a new screener, same options. How a host
    /// updates to a new image; on any error this one is unchanged.
    pub fn with_pack_image(&self, image: &[u8]) -> Result<Screener, Error> {
        let pack = Pack::from_image_with_limits(image, self.pack_limits)?;
        Ok(Screener { pack, ..self.clone() })
    }

    /// A builder for options.
    pub fn builder() -> ScreenerBuilder {
        ScreenerBuilder::new()
    }

    /// The pack.
    pub fn pack(&self) -> &Pack {
        &self.pack
    }

    /// The largest memo accepted, in UTF-8 bytes.
    pub fn max_memo_bytes(&self) -> usize {
        self.limits.max_memo_bytes
    }

    /// The most transactions one batch call takes (`maxBatch`).
    pub fn max_batch(&self) -> usize {
        self.max_batch
    }

    /// The locale of titles and explanations.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The form of verdict [`screen_to_json`](Screener::screen_to_json)
    /// writes.
    pub fn verdict_form(&self) -> VerdictForm {
        self.verdict
    }

    /// The limits transactions are parsed with.
    pub(crate) fn limits(&self) -> ParseLimits {
        self.limits
    }

    /// Parses a transaction with this screener's limits.
    pub fn parse(&self, json: &str) -> Result<Transaction, Error> {
        Transaction::from_json_with(json, self.limits)
    }

    /// Reads a transaction from parsed JSON with this screener's limits.
    #[cfg(feature = "tools")]
    pub(crate) fn read_value(&self, value: &crate::json::Value) -> Result<Transaction, Error> {
        Transaction::from_value_with(value, self.limits)
    }

    /// The keyed hash of an account id, as its history state holds it
    /// (SipHash-2-4 with this screener's `historyKey`), in 16 hex digits:
    /// how `jejak cases --history-key` names accounts, and how a host
    /// finds its own records of them again.
    pub fn hash_account_id(&self, id: &str) -> String {
        format!("{:016x}", self.account_key(id))
    }

    /// The keyed hash a history state holds for an account id (the `a:`
    /// domain: merchants' and payments' ids hash in their own).
    #[inline]
    pub(crate) fn account_key(&self, id: &str) -> u64 {
        self.hasher.hash(b"a:", id)
    }

    /// Parses and screens a transaction given as JSON text.
    pub fn screen_json(&self, json: &str) -> Result<Verdict, Error> {
        self.screen(&self.parse(json)?)
    }

    /// Screens many transactions given as JSON texts; a bad one gives its
    /// error and the others are still screened.
    pub fn screen_many<T: AsRef<str>>(&self, jsons: &[T]) -> Vec<Result<Verdict, Error>> {
        jsons.iter().map(|j| self.screen_json(j.as_ref())).collect()
    }

    /// Screens one transaction into a full verdict: the compact verdict
    /// [`explain`](Screener::explain)ed in this screener's locale.
    ///
    /// Fails only when a text field is over this screener's limits (possible
    /// when the `Transaction` was built by hand rather than parsed).
    pub fn screen(&self, tx: &Transaction) -> Result<Verdict, Error> {
        Ok(self.expand(self.screen_compact(tx)?, self.locale))
    }

    /// Screens one transaction into a compact verdict: score, level, and
    /// each flag's indicator id, weight and evidence. Turn it into the full
    /// verdict with [`explain`](Screener::explain) when a person needs it.
    ///
    /// ```
    /// use jejak::{Locale, Screener};
    ///
    /// let screener = Screener::new();
    /// let tx = screener.parse(r#"{
    ///     "timestamp": "2026-11-20T02:10:00+10:00", "amount": "50", "currency": "AUD",
    ///     "channel": "remittance", "memo": "school fees",
    ///     "sender": {"country": "AU"}, "receiver": {"country": "PH", "isNew": true}
    /// }"#)?;
    /// let compact = screener.screen_compact(&tx)?;
    /// let full = screener.explain(&compact, Locale::En)?;
    /// assert_eq!(full.to_json(), screener.screen(&tx)?.to_json());
    /// # Ok::<(), jejak::Error>(())
    /// ```
    pub fn screen_compact(&self, tx: &Transaction) -> Result<CompactVerdict, Error> {
        self.check_limits(tx)?;
        Ok(self.evaluate(tx, None, &mut Vec::new()))
    }

    /// Refuses text fields over this screener's limits (possible when the
    /// `Transaction` was built by hand rather than parsed).
    fn check_limits(&self, tx: &Transaction) -> Result<(), Error> {
        if let Some(m) = &tx.memo {
            if m.len() > self.limits.max_memo_bytes {
                return Err(Error::limit(
                    "/memo",
                    format!(
                        "memo is {} bytes, more than the limit of {} bytes (maxMemoBytes)",
                        m.len(),
                        self.limits.max_memo_bytes
                    ),
                ));
            }
        }
        for (path, field) in [("/merchant/name", &tx.merchant.name), ("/merchant/descriptor", &tx.merchant.descriptor)]
        {
            if let Some(s) = field {
                if s.len() > self.limits.max_text_bytes {
                    return Err(Error::limit(
                        path,
                        format!(
                            "the field is {} bytes, more than the limit of {} bytes (maxTextBytes)",
                            s.len(),
                            self.limits.max_text_bytes
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Evaluates the pack on a transaction (and its history, when given)
    /// into a compact verdict. `watched` receives the keys of the watched
    /// term lists the merchant matched (history only).
    fn evaluate(&self, tx: &Transaction, view: Option<&history::View<'_>>, watched: &mut Vec<u32>) -> CompactVerdict {
        let inner = &self.pack.inner;
        let ctx = Ctx::new(self, tx, view);
        let mut fired = vec![false; inner.indicators.len()];
        let mut flags: Vec<(usize, CompactFlag)> = Vec::new();
        let mut evidence = Vec::new();
        for &i in &inner.order {
            let Some(ind) = inner.indicators.get(i) else { continue };
            evidence.clear();
            if ctx.eval(&ind.condition, &fired, &mut evidence) {
                if let Some(f) = fired.get_mut(i) {
                    *f = true;
                }
                let flag =
                    CompactFlag { indicator: ind.id.clone(), weight: ind.weight, evidence: ctx.materialize(&evidence) };
                flags.push((i, flag));
            }
        }
        if let Some(view) = view {
            ctx.merchant_lists(&inner.watched, watched);
            self.discount(view, &mut flags);
        }
        // Highest weight first, then by id (ids are unique).
        crate::sort::sort_by(&mut flags, |(ia, a), (ib, b)| {
            (std::cmp::Reverse(a.weight), &a.indicator, ia) < (std::cmp::Reverse(b.weight), &b.indicator, ib)
        });
        let flags: Vec<CompactFlag> = flags.into_iter().map(|(_, f)| f).collect();
        let score = self.score(&flags);
        CompactVerdict {
            transaction_id: tx.id.clone(),
            score,
            level: self.level(score),
            flags,
            history: None,
            pack: PackRef { id: inner.id.clone(), version: inner.version.clone(), digest: inner.digest.clone() },
            engine: crate::vocab::ENGINE_VERSION,
        }
    }

    /// Lowers the weight of flags whose indicator lists a discount that
    /// holds: the account's history explains the payment (docs/PACKS.md,
    /// "Discounts"). The first listed discount that holds applies; its
    /// evidence goes on the flag. A flag about a minor (its evidence, or
    /// that of an indicator it refers to, has `isMinor: true`) or with a
    /// watchlist hit is never lowered.
    fn discount(&self, view: &history::View<'_>, flags: &mut [(usize, CompactFlag)]) {
        let inner = &self.pack.inner;
        let mut lowered = Vec::new();
        for (k, (i, flag)) in flags.iter().enumerate() {
            let Some(ind) = inner.indicators.get(*i) else { continue };
            if ind.discounts.is_empty() || protected(flags, flag, 0) {
                continue;
            }
            let found = ind.discounts.iter().filter_map(|&d| inner.discounts.get(d)).find_map(|d| {
                let m = view.measure(&d.condition)?;
                Some((d, m))
            });
            if let Some((d, m)) = found {
                lowered.push((k, d, m));
            }
        }
        for (k, d, m) in lowered {
            let Some((_, flag)) = flags.get_mut(k) else { continue };
            let from = flag.weight;
            flag.weight = d.apply(from);
            flag.evidence.push(crate::verdict::Evidence::Discount {
                field: m.side,
                discount: d.name.to_string(),
                percent: d.percent,
                from,
                measure: m.measure,
                count: m.count.min(u64::from(u32::MAX)),
                threshold: m.threshold.min(u64::from(u32::MAX)),
            });
        }
    }

    /// Turns a compact verdict of this screener's pack into the full
    /// verdict in `locale`: byte for byte the verdict a full screen gives
    /// (in that locale) for the same transaction. A full verdict is accepted
    /// too, to explain it again in another locale.
    ///
    /// Fails with [`ErrorKind::InvalidVerdict`] when the verdict was made
    /// with another pack (its digest differs), names an indicator, or a
    /// weight, this pack does not have, or has a score or level its flags
    /// do not give.
    pub fn explain(&self, compact: &CompactVerdict, locale: Locale) -> Result<Verdict, Error> {
        self.check(compact)?;
        Ok(self.expand(compact.clone(), locale))
    }

    /// Whether `compact` is a verdict of this screener's pack that
    /// [`expand`](Screener::expand) can explain (see [`explain`](Screener::explain)).
    pub(crate) fn check(&self, compact: &CompactVerdict) -> Result<(), Error> {
        let inner = &self.pack.inner;
        if compact.pack.digest != inner.digest {
            return Err(Error::new(
                ErrorKind::InvalidVerdict,
                "/pack/digest",
                format!(
                    "the verdict was made with pack {} {} (digest {}); this screener has {} {} (digest {})",
                    compact.pack.id, compact.pack.version, compact.pack.digest, inner.id, inner.version, inner.digest
                ),
            ));
        }
        for (i, f) in compact.flags.iter().enumerate() {
            match inner.find(&f.indicator) {
                Some(ind) if self.weighs(ind, f) => {}
                Some(ind) => {
                    return Err(Error::new(
                        ErrorKind::InvalidVerdict,
                        format!("/flags/{i}/weight"),
                        format!("{} weighs {} in this pack (less its discounts), not {}", ind.id, ind.weight, f.weight),
                    ))
                }
                None => {
                    return Err(Error::new(
                        ErrorKind::InvalidVerdict,
                        format!("/flags/{i}/indicator"),
                        format!("{} is not an indicator of this pack", crate::error::quote(&f.indicator)),
                    ))
                }
            }
        }
        // The score and level must be what the flags give: a verdict whose
        // level was edited would otherwise be explained as it claims.
        let score = self.score(&compact.flags);
        if compact.score != score {
            return Err(Error::new(
                ErrorKind::InvalidVerdict,
                "/score",
                format!("the score is {}, but the flags' weights give {score}", compact.score),
            ));
        }
        if compact.level != self.level(score) {
            return Err(Error::new(
                ErrorKind::InvalidVerdict,
                "/level",
                format!(
                    "the level is {}, but a score of {score} is {}",
                    compact.level.as_str(),
                    self.level(score).as_str()
                ),
            ));
        }
        Ok(())
    }

    /// Screens a transaction and writes the verdict in this screener's
    /// [`VerdictForm`] as JSON.
    pub fn screen_to_json(&self, tx: &Transaction) -> Result<String, Error> {
        let compact = self.screen_compact(tx)?;
        Ok(match self.verdict {
            VerdictForm::Compact => compact.to_json(),
            VerdictForm::Full => self.expand(compact, self.locale).to_json(),
        })
    }

    /// The verdict in this screener's [`VerdictForm`] for the JavaScript
    /// package, without JSON: its score, level and history note in `head`
    /// (the level and each status as its index in `Level::ALL` and
    /// `HistoryStatus::ALL`, -1 for no note) and its flags on `tape`
    /// (`verdict/tape.rs`). The package adds the transaction id, the pack
    /// and the engine, which it has already.
    pub(crate) fn write_tape(
        &self,
        compact: CompactVerdict,
        head: &mut [f64; 5],
        tape: &mut crate::verdict::tape::Tape,
    ) {
        use crate::verdict::HistoryStatus;
        use crate::write::list;
        let status = |h: HistoryStatus| HistoryStatus::ALL.iter().position(|&s| s == h).map_or(-1.0, |i| i as f64);
        head[0] = f64::from(compact.score);
        head[1] = Level::ALL.iter().position(|&l| l == compact.level).map_or(-1.0, |i| i as f64);
        (head[2], head[3]) = match compact.history {
            Some(h) => (status(h.sender), status(h.receiver)),
            None => (-1.0, -1.0),
        };
        tape.clear();
        match self.verdict {
            VerdictForm::Compact => list(tape, &compact.flags, CompactFlag::write),
            VerdictForm::Full => list(tape, &self.expand(compact, self.locale).flags, Flag::write),
        }
        // Whether the flags hold U+FFFD, where the package puts the host's
        // own UTF-16 units back.
        head[4] = f64::from(u8::from(crate::json::has_replacement(&tape.text)));
    }

    /// [`explain`](Screener::explain) from and to JSON text: reads a compact
    /// (or full) verdict and writes the full verdict in `locale` (default:
    /// this screener's).
    pub fn explain_json(&self, verdict: &str, locale: Option<Locale>) -> Result<String, Error> {
        let compact = CompactVerdict::from_json(verdict)?;
        self.check(&compact)?;
        Ok(self.expand(compact, locale.unwrap_or(self.locale)).to_json())
    }

    /// Whether a flag's weight is its indicator's, or the indicator's less
    /// one of its discounts as the flag's discount evidence says.
    fn weighs(&self, ind: &crate::pack::Indicator, f: &CompactFlag) -> bool {
        let inner = &self.pack.inner;
        let discount = f.evidence.iter().find_map(|e| match e {
            crate::verdict::Evidence::Discount { discount, percent, from, .. } => Some((discount, *percent, *from)),
            _ => None,
        });
        match discount {
            None => ind.weight == f.weight,
            Some((name, percent, from)) => ind.discounts.iter().filter_map(|&d| inner.discounts.get(d)).any(|d| {
                &*d.name == name.as_str() && d.percent == percent && from == ind.weight && d.apply(from) == f.weight
            }),
        }
    }

    /// The sum of the flags' weights, capped by the pack.
    fn score(&self, flags: &[CompactFlag]) -> u8 {
        let total: u32 = flags.iter().map(|f| u32::from(f.weight)).sum();
        total.min(u32::from(self.pack.inner.scoring.cap)) as u8
    }

    /// The level of a score by the pack's thresholds.
    fn level(&self, score: u8) -> Level {
        let s = self.pack.inner.scoring;
        if score >= s.high {
            Level::High
        } else if score >= s.review {
            Level::Review
        } else if score >= s.low {
            Level::Low
        } else {
            Level::None
        }
    }

    /// The full verdict of a compact verdict known to be of this pack.
    fn expand(&self, compact: CompactVerdict, locale: Locale) -> Verdict {
        let inner = &self.pack.inner;
        let CompactVerdict { transaction_id, score, level, flags, history, pack, engine } = compact;
        // Explanations first: a combination quotes the evidence of the flags
        // it refers to, so all evidence must still be in place.
        let explanations: Vec<String> = flags
            .iter()
            .map(|f| {
                let Some(ind) = inner.find(&f.indicator) else { return String::new() };
                let referenced = f
                    .evidence
                    .iter()
                    .filter_map(|e| match e {
                        crate::verdict::Evidence::Indicator { value, .. } => {
                            flags.iter().find(|g| &*g.indicator == value.as_str()).map(|g| g.evidence.as_slice())
                        }
                        _ => None,
                    })
                    .collect();
                let sources = render::Sources { own: &f.evidence, referenced };
                let mut text = render::render(ind.explanation.get(locale), &sources, locale);
                // A discount's own sentence, after the indicator's.
                for e in &f.evidence {
                    if let crate::verdict::Evidence::Discount { discount, .. } = e {
                        if let Some(d) = inner.discounts.iter().find(|d| &*d.name == discount.as_str()) {
                            let own = std::slice::from_ref(e);
                            let sources = render::Sources { own, referenced: Vec::new() };
                            text.push(' ');
                            text.push_str(&render::render(d.explanation.get(locale), &sources, locale));
                        }
                    }
                }
                text
            })
            .collect();
        let flags = flags
            .into_iter()
            .zip(explanations)
            .filter_map(|(f, explanation)| {
                let ind = inner.find(&f.indicator)?;
                Some(Flag {
                    indicator: f.indicator,
                    title: ind.title.get(locale).clone(),
                    category: ind.category,
                    weight: f.weight,
                    sources: ind.sources.clone(),
                    explanation,
                    evidence: f.evidence,
                })
            })
            .collect();
        Verdict { transaction_id, score, level, flags, history, pack, engine }
    }
}

/// Whether a flag, or an indicator it refers to, is about a minor or a
/// watchlist hit: no discount may lower it.
fn protected(flags: &[(usize, CompactFlag)], flag: &CompactFlag, depth: usize) -> bool {
    use crate::verdict::Evidence;
    // References form no cycles (the loader checks); the depth is a guard.
    depth < 64
        && flag.evidence.iter().any(|e| match e {
            Evidence::Flag { field: "sender.isMinor" | "receiver.isMinor", value: true, .. } => true,
            Evidence::Watchlist { .. } => true,
            Evidence::Indicator { value, .. } => flags
                .iter()
                .find(|(_, g)| &*g.indicator == value.as_str())
                .is_some_and(|(_, g)| protected(flags, g, depth + 1)),
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::tape::{to_json, Tape};

    #[test]
    fn a_tape_reads_back_as_the_verdicts_json() {
        let mut tape = Tape::default();
        for form in [VerdictForm::Compact, VerdictForm::Full] {
            let screener = Screener::builder().verdict(form).locale(Locale::Id).build().unwrap();
            for json in [
                r#"{"id":"t\u00e9","timestamp":"2026-11-20T02:10:00+10:00","amount":"50","currency":"AUD","channel":"remittance",
                    "memo":"school fees \ud83d\ude00 \ud800","sender":{"country":"AU","isMinor":false},"receiver":{"country":"PH","isNew":true}}"#,
                r#"{"timestamp":"2026-11-20T02:10:00Z","amount":"1","currency":"AUD"}"#,
                // A span that holds the U+FFFD a lone surrogate is read as.
                r#"{"timestamp":"2026-11-20T02:10:00Z","amount":"1","currency":"AUD","memo":"school\ud800fees"}"#,
            ] {
                let tx = screener.parse(json).unwrap();
                let compact = screener.screen_compact(&tx).unwrap();
                let full = screener.explain(&compact, Locale::Id).unwrap();
                tape.clear();
                compact.write(&mut tape);
                assert_eq!(to_json(&tape), compact.to_json());
                tape.clear();
                full.write(&mut tape);
                assert_eq!(to_json(&tape), full.to_json());
                // What the package reads: the header and the flags in the
                // screener's form.
                let mut head = [0.0; 5];
                screener.write_tape(compact.clone(), &mut head, &mut tape);
                let flags = match form {
                    VerdictForm::Compact => serde_json::to_string(&compact.flags).unwrap(),
                    _ => serde_json::to_string(&full.flags).unwrap(),
                };
                assert_eq!(to_json(&tape), flags);
                assert_eq!(head[0], f64::from(compact.score));
                assert_eq!(Level::ALL[head[1] as usize], compact.level);
                assert_eq!((head[2], head[3]), (-1.0, -1.0));
                assert_eq!(head[4], f64::from(u8::from(flags.contains('\u{FFFD}'))));
            }
        }
        // The keys are shared, each once.
        let mut keys = tape.keys.clone();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), tape.keys.len());
    }
}
