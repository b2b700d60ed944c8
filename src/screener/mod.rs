//! The screener: a compiled pack plus options, and the screen of one
//! transaction against it.
//!
//! `builder` holds the options (and their JSON names), `eval` evaluates
//! conditions and records evidence, `render` turns templates into
//! explanations; this file ties them into a [`Verdict`].

use crate::error::Error;
use crate::pack::{Indicator, Pack};
use crate::transaction::{ParseLimits, Transaction};
use crate::verdict::{Flag, PackRef, Verdict};
use crate::vocab::{Level, Locale};

mod builder;
mod eval;
mod render;

pub use builder::ScreenerBuilder;
#[cfg(test)]
pub(crate) use builder::OPTIONS;
use eval::{Ctx, Ev};

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
/// assert!(verdict.has_flag("AUSTRAC-CSE-04"));
/// ```
#[derive(Clone, Debug)]
pub struct Screener {
    pack: Pack,
    locale: Locale,
    offsets: Offsets,
    limits: ParseLimits,
    max_batch: usize,
}

impl Default for Screener {
    fn default() -> Self {
        Screener::new()
    }
}

impl Screener {
    /// A screener with the default pack and options.
    pub fn new() -> Screener {
        Screener {
            pack: Pack::default_pack(),
            locale: Locale::En,
            offsets: Offsets::Utf8,
            limits: ParseLimits::default(),
            max_batch: DEFAULT_MAX_BATCH,
        }
    }

    /// A screener with a given pack and default options.
    pub fn with_pack(pack: Pack) -> Screener {
        Screener { pack, ..Screener::new() }
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

    /// Parses a transaction with this screener's limits.
    pub fn parse(&self, json: &str) -> Result<Transaction, Error> {
        Transaction::from_json_with(json, self.limits)
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

    /// Screens one transaction.
    ///
    /// Fails only when a text field is over this screener's limits (possible
    /// when the `Transaction` was built by hand rather than parsed).
    pub fn screen(&self, tx: &Transaction) -> Result<Verdict, Error> {
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
        let inner = &self.pack.inner;
        let ctx = Ctx::new(self, tx);
        let mut fired = vec![false; inner.indicators.len()];
        let mut flags: Vec<(usize, Flag)> = Vec::new();
        let mut evidence = Vec::new();
        for &i in &inner.order {
            let Some(ind) = inner.indicators.get(i) else { continue };
            evidence.clear();
            if ctx.eval(&ind.condition, &fired, &mut evidence) {
                if let Some(f) = fired.get_mut(i) {
                    *f = true;
                }
                flags.push((i, self.flag(ind, &ctx, &evidence)));
            }
        }
        // Highest weight first, then by id (ids are unique).
        crate::sort::sort_by(&mut flags, |(ia, a), (ib, b)| {
            (std::cmp::Reverse(a.weight), &a.indicator, ia) < (std::cmp::Reverse(b.weight), &b.indicator, ib)
        });
        let total: u32 = flags.iter().map(|(_, f)| u32::from(f.weight)).sum();
        let s = inner.scoring;
        let score = total.min(u32::from(s.cap)) as u8;
        let level = if score >= s.high {
            Level::High
        } else if score >= s.review {
            Level::Review
        } else if score >= s.low {
            Level::Low
        } else {
            Level::None
        };
        Ok(Verdict {
            transaction_id: tx.id.clone(),
            score,
            level,
            flags: flags.into_iter().map(|(_, f)| f).collect(),
            pack: PackRef { id: inner.id.clone(), version: inner.version.clone(), digest: inner.digest.clone() },
            engine: crate::vocab::ENGINE_VERSION,
        })
    }

    fn flag(&self, ind: &Indicator, ctx: &Ctx<'_>, ev: &[Ev<'_>]) -> Flag {
        let evidence = ctx.materialize(ev);
        let sources = ind.sources.clone();
        let explanation = render::render(ind.explanation.get(self.locale), ctx.tx, &evidence, self.locale);
        Flag {
            indicator: ind.id.clone(),
            title: ind.title.get(self.locale).clone(),
            category: ind.category,
            weight: ind.weight,
            sources,
            explanation,
            evidence,
        }
    }
}
