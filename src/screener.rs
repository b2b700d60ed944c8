//! The screener: a compiled pack plus options, and the evaluation of one
//! transaction against it.

use std::cell::OnceCell;

use serde_json::Value;

use crate::error::{quote, type_name, Error};
use crate::matcher::Hit;
use crate::money;
use crate::normalize::{self, Mode, Normalized, Transform};
use crate::pack::{AmountBand, Cond, Indicator, Pack, PackLimits, Placeholder, Segment, TextField};
use crate::patterns::{self, PatternHit};
use crate::transaction::{ParseLimits, Transaction};
use crate::verdict::{Evidence, Flag, Level, PackRef, TextEvidence, Verdict};

/// The language of titles and explanations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Locale {
    /// English.
    #[default]
    En,
    /// Bahasa Indonesia.
    Id,
}

impl Locale {
    /// Parses `"en"` or `"id"`.
    pub fn parse(s: &str) -> Option<Locale> {
        match s {
            "en" => Some(Locale::En),
            "id" => Some(Locale::Id),
            _ => None,
        }
    }
}

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

/// A whole-number option from 1 to `max`; the error names the value, the
/// unit and the range.
fn whole(value: &Value, path: &str, max: usize, unit: &str) -> Result<usize, Error> {
    value.as_u64().and_then(|v| usize::try_from(v).ok()).filter(|&v| (1..=max).contains(&v)).ok_or_else(|| {
        let v = crate::json::to_string(value);
        let message = if max == usize::MAX {
            format!("{v} is not a whole number of at least 1")
        } else {
            format!("{v} is not a whole number of {unit} from 1 to {max}")
        };
        Error::option(path, message)
    })
}

/// Options for a [`Screener`]. Setters take and return `&mut self`, so one
/// builder can build many screeners.
#[derive(Clone, Debug)]
pub struct ScreenerBuilder {
    pack: Option<Pack>,
    locale: Locale,
    offsets: Offsets,
    max_memo_bytes: usize,
    max_text_bytes: usize,
    max_batch: usize,
    pack_limits: PackLimits,
}

impl Default for ScreenerBuilder {
    fn default() -> Self {
        let p = ParseLimits::default();
        ScreenerBuilder {
            pack: None,
            locale: Locale::En,
            offsets: Offsets::Utf8,
            max_memo_bytes: p.max_memo_bytes,
            max_text_bytes: p.max_text_bytes,
            max_batch: DEFAULT_MAX_BATCH,
            pack_limits: PackLimits::default(),
        }
    }
}

impl ScreenerBuilder {
    /// A builder with the defaults: default pack, English, UTF-8 offsets,
    /// 4096-byte memos, 1024-byte other text fields.
    pub fn new() -> ScreenerBuilder {
        ScreenerBuilder::default()
    }

    /// The pack to screen against (default: [`Pack::default_pack`]).
    pub fn pack(&mut self, pack: Pack) -> &mut ScreenerBuilder {
        self.pack = Some(pack);
        self
    }

    /// Loads a pack from JSON text with this builder's pack limits
    /// ([`ScreenerBuilder::pack_limits`]) and uses it.
    pub fn pack_json(&mut self, json: &str) -> Result<&mut ScreenerBuilder, Error> {
        self.pack = Some(Pack::from_json_with_limits(json, self.pack_limits)?);
        Ok(self)
    }

    /// The limits [`ScreenerBuilder::pack_json`] loads packs with.
    pub fn pack_limits(&mut self, limits: PackLimits) -> &mut ScreenerBuilder {
        self.pack_limits = limits;
        self
    }

    /// The language of titles and explanations.
    pub fn locale(&mut self, locale: Locale) -> &mut ScreenerBuilder {
        self.locale = locale;
        self
    }

    /// The unit of evidence offsets.
    pub fn offsets(&mut self, offsets: Offsets) -> &mut ScreenerBuilder {
        self.offsets = offsets;
        self
    }

    /// The largest memo accepted, in UTF-8 bytes (default 4096). A longer
    /// memo is a `limit_exceeded` error.
    pub fn max_memo_bytes(&mut self, bytes: usize) -> &mut ScreenerBuilder {
        self.max_memo_bytes = bytes;
        self
    }

    /// The largest id, merchant name or descriptor accepted, in UTF-8 bytes
    /// (default 1024).
    pub fn max_text_bytes(&mut self, bytes: usize) -> &mut ScreenerBuilder {
        self.max_text_bytes = bytes;
        self
    }

    /// The most transactions one batch call takes (default 10,000; at most
    /// 1,000,000). The JavaScript `screenMany` enforces it, since it builds
    /// all results at once; [`Screener::screen_many`] leaves batching to its
    /// Rust caller.
    pub fn max_batch(&mut self, rows: usize) -> &mut ScreenerBuilder {
        self.max_batch = rows;
        self
    }

    /// Applies options given as a JSON object with camelCase keys:
    /// `locale` (`"en"`, `"id"`), `offsets` (`"utf8"`, `"utf16"`),
    /// `maxMemoBytes`, `maxTextBytes`, `maxBatch`, and the pack limits `maxPackBytes`,
    /// `maxPackIndicators`, `maxPackTerms`, `maxConditionDepth` (used by
    /// [`ScreenerBuilder::pack_json`]). Unknown keys and bad values are
    /// `invalid_option` errors with the key's path.
    pub fn options(&mut self, options: &Value) -> Result<&mut ScreenerBuilder, Error> {
        let map = match options {
            Value::Null => return Ok(self),
            Value::Object(m) => m,
            other => return Err(Error::option("", format!("expected an options object, found {}", type_name(other)))),
        };
        for (key, value) in map {
            let path = crate::error::join("", key);
            match key.as_str() {
                "locale" => {
                    let s = value.as_str().ok_or_else(|| Error::option(&path, "expected \"en\" or \"id\""))?;
                    self.locale = Locale::parse(s).ok_or_else(|| {
                        Error::option(&path, format!("{} is not a locale; expected \"en\" or \"id\"", quote(s)))
                    })?;
                }
                "offsets" => {
                    self.offsets = match value.as_str() {
                        Some("utf8") => Offsets::Utf8,
                        Some("utf16") => Offsets::Utf16,
                        _ => return Err(Error::option(&path, "expected \"utf8\" or \"utf16\"")),
                    }
                }
                "maxMemoBytes" | "maxTextBytes" => {
                    let n = whole(value, &path, MAX_LIMIT, "bytes")?;
                    if key == "maxMemoBytes" {
                        self.max_memo_bytes = n;
                    } else {
                        self.max_text_bytes = n;
                    }
                }
                "maxBatch" => self.max_batch = whole(value, &path, MAX_BATCH, "transactions")?,
                "maxPackBytes" | "maxPackIndicators" | "maxPackTerms" | "maxConditionDepth" => {
                    let n = whole(value, &path, usize::MAX, "")?;
                    let l = self.pack_limits;
                    self.pack_limits = match key.as_str() {
                        "maxPackBytes" => l.max_bytes(n),
                        "maxPackIndicators" => l.max_indicators(n),
                        "maxPackTerms" => l.max_terms(n),
                        _ => l.max_depth(n),
                    };
                }
                _ => {
                    return Err(Error::option(
                        &path,
                        format!(
                            "unknown option {}; known: locale, offsets, maxMemoBytes, maxTextBytes, maxBatch, maxPackBytes, \
                             maxPackIndicators, maxPackTerms, maxConditionDepth",
                            quote(key)
                        ),
                    ))
                }
            }
        }
        Ok(self)
    }

    /// Builds the screener, checking the limits.
    pub fn build(&self) -> Result<Screener, Error> {
        for (name, v) in [("maxMemoBytes", self.max_memo_bytes), ("maxTextBytes", self.max_text_bytes)] {
            if v == 0 || v > MAX_LIMIT {
                return Err(Error::option(
                    format!("/{name}"),
                    format!("{v} is not a whole number of bytes from 1 to {MAX_LIMIT}"),
                ));
            }
        }
        if self.max_batch == 0 || self.max_batch > MAX_BATCH {
            let v = self.max_batch;
            return Err(Error::option(
                "/maxBatch",
                format!("{v} is not a whole number of transactions from 1 to {MAX_BATCH}"),
            ));
        }
        Ok(Screener {
            pack: self.pack.clone().unwrap_or_else(Pack::default_pack),
            locale: self.locale,
            offsets: self.offsets,
            limits: ParseLimits { max_memo_bytes: self.max_memo_bytes, max_text_bytes: self.max_text_bytes },
            max_batch: self.max_batch,
        })
    }
}

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

    /// Parses a transaction value with this screener's limits.
    pub fn parse_value(&self, value: &Value) -> Result<Transaction, Error> {
        Transaction::from_value_with(value, self.limits)
    }

    /// Parses and screens a transaction given as JSON text.
    pub fn screen_json(&self, json: &str) -> Result<Verdict, Error> {
        self.screen(&self.parse(json)?)
    }

    /// Screens a transaction given as a JSON value.
    pub fn screen_value(&self, value: &Value) -> Result<Verdict, Error> {
        self.screen(&self.parse_value(value)?)
    }

    /// Screens many transaction values; a bad one gives its error and the
    /// others are still screened.
    pub fn screen_many(&self, values: &[Value]) -> Vec<Result<Verdict, Error>> {
        values.iter().map(|v| self.screen_value(v)).collect()
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
        let ctx = Ctx {
            screener: self,
            tx,
            memo: OnceCell::new(),
            name: OnceCell::new(),
            descriptor: OnceCell::new(),
            patterns: OnceCell::new(),
            currency: OnceCell::new(),
        };
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
            engine: crate::ENGINE_VERSION,
        })
    }

    fn flag(&self, ind: &Indicator, ctx: &Ctx<'_>, ev: &[Ev<'_>]) -> Flag {
        let evidence = ctx.materialize(ev);
        let sources = ind.sources.clone();
        let explanation = render(ind.explanation.get(self.locale), ctx, &evidence, self.locale);
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

/// At most this many hits of one term list (or of one pattern condition)
/// become evidence. That is plenty to explain a flag, and it keeps a memo
/// with thousands of hits from making the verdict, and the time to build it,
/// grow with their square.
const MAX_HITS_PER_CONDITION: usize = 8;

/// Term hits in one text field, computed on first use.
struct FieldHits {
    norm: Normalized,
    hits: Vec<Hit>,
    /// Byte positions of the spaces in `norm.text`, ascending: a word's index
    /// is the number of spaces before it. Only `near` needs them, so they are
    /// found on its first use, not on every screen.
    spaces: OnceCell<Vec<usize>>,
}

impl FieldHits {
    fn new(norm: Normalized, hits: Vec<Hit>) -> FieldHits {
        FieldHits { norm, hits, spaces: OnceCell::new() }
    }

    /// The indices of the first and last word a hit covers.
    fn words(&self, h: &Hit) -> (usize, usize) {
        let spaces = self
            .spaces
            .get_or_init(|| self.norm.text.bytes().enumerate().filter(|&(_, b)| b == b' ').map(|(i, _)| i).collect());
        let word = |at: usize| spaces.partition_point(|&p| p < at);
        (word(h.start), word(h.end.saturating_sub(1)))
    }
}

/// Evidence as recorded during evaluation: plain data pointing into the
/// pack and the transaction. Most conditions that are true do not end in a
/// fired indicator (an `all` fails later), so strings are built only for the
/// evidence of indicators that fired (see [`Ctx::materialize`]).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Ev<'p> {
    Text(TextField, Hit),
    Pattern(PatternHit),
    Amount(&'p AmountBand),
    Round { minor: u64, text: Option<&'p str> },
    Corridor,
    Channel,
    Currency,
    Hour { from: u8, to: u8 },
    Mcc,
    Flag(&'static str, bool),
    AccountAge(u32),
    Indicator(usize),
}

/// Per-screen state: lazily computed text analysis.
struct Ctx<'a> {
    screener: &'a Screener,
    tx: &'a Transaction,
    memo: OnceCell<FieldHits>,
    name: OnceCell<FieldHits>,
    descriptor: OnceCell<FieldHits>,
    patterns: OnceCell<Vec<PatternHit>>,
    currency: OnceCell<Option<usize>>,
}

impl<'a> Ctx<'a> {
    fn text(&self, field: TextField) -> Option<&'a str> {
        match field {
            TextField::Memo => self.tx.memo.as_deref(),
            TextField::MerchantName => self.tx.merchant.name.as_deref(),
            TextField::MerchantDescriptor => self.tx.merchant.descriptor.as_deref(),
        }
    }

    fn hits(&self, field: TextField) -> Option<&FieldHits> {
        let text = self.text(field)?;
        let cell = match field {
            TextField::Memo => &self.memo,
            TextField::MerchantName => &self.name,
            TextField::MerchantDescriptor => &self.descriptor,
        };
        Some(cell.get_or_init(|| {
            let inner = &self.screener.pack.inner;
            let norm = normalize::normalize(text, Mode::Text);
            let hits = inner.matcher.find(&norm);
            FieldHits::new(norm, hits)
        }))
    }

    /// The transaction currency's index in the pack's FX table.
    fn currency_index(&self) -> Option<usize> {
        *self.currency.get_or_init(|| {
            let cur = self.tx.amount.currency();
            self.screener.pack.inner.fx.currencies.binary_search(&cur).ok()
        })
    }

    fn offset(&self, text: &str, byte: usize) -> usize {
        match self.screener.offsets {
            Offsets::Utf8 => byte,
            Offsets::Utf16 => text.get(..byte).map_or(0, |s| s.encode_utf16().count()),
        }
    }

    /// Term hits of `list` in `field`.
    fn terms(&self, field: TextField, list: u32, out: &mut Vec<Ev<'a>>) -> bool {
        let Some(fh) = self.hits(field) else { return false };
        let before = out.len();
        let of_list = fh.hits.iter().filter(|h| h.list == list);
        out.extend(of_list.take(MAX_HITS_PER_CONDITION).map(|h| Ev::Text(field, *h)));
        out.len() > before
    }

    fn eval(&self, cond: &'a Cond, fired: &[bool], out: &mut Vec<Ev<'a>>) -> bool {
        let tx = self.tx;
        let mut push = |e: Ev<'a>| {
            out.push(e);
            true
        };
        match cond {
            Cond::All(children) => {
                let mark = out.len();
                for c in children {
                    if !self.eval(c, fired, out) {
                        out.truncate(mark);
                        return false;
                    }
                }
                true
            }
            Cond::Any(children) => {
                // Every true child contributes evidence, not just the first.
                let mut any = false;
                for c in children {
                    any |= self.eval(c, fired, out);
                }
                any
            }
            Cond::Not(child) => {
                let mark = out.len();
                let inner = self.eval(child, fired, out);
                out.truncate(mark);
                !inner
            }
            Cond::AtLeast(n, children) => {
                let mark = out.len();
                let count = children.iter().filter(|c| self.eval(c, fired, out)).count();
                if count >= *n {
                    true
                } else {
                    out.truncate(mark);
                    false
                }
            }
            Cond::MemoTerms(list) => self.terms(TextField::Memo, *list, out),
            Cond::MerchantTerms(list) => {
                let a = self.terms(TextField::MerchantName, *list, out);
                let b = self.terms(TextField::MerchantDescriptor, *list, out);
                a || b
            }
            Cond::Near { a, b, within, field } => self.near(*field, *a, *b, *within, out),
            Cond::MemoPattern(kinds) => {
                let Some(memo) = tx.memo.as_deref() else { return false };
                let hits = self.patterns.get_or_init(|| patterns::scan(memo));
                let before = out.len();
                let of_kinds = hits.iter().filter(|h| kinds.contains(&h.kind));
                out.extend(of_kinds.take(MAX_HITS_PER_CONDITION).map(|h| Ev::Pattern(*h)));
                out.len() > before
            }
            Cond::MemoPresent(want) => {
                // Present means a letter, digit or emoji survives normalization:
                // a memo of spaces and dots says nothing.
                let present = self.hits(TextField::Memo).is_some_and(|fh| !fh.norm.text.is_empty());
                present == *want && push(Ev::Flag("memo", present))
            }
            Cond::MccIn(codes) => tx.merchant.mcc.is_some_and(|m| codes.contains(&m)) && push(Ev::Mcc),
            Cond::AmountBetween(band) => {
                // A currency missing from the FX table never satisfies a band.
                let Some(bounds) = self.currency_index().and_then(|i| band.converted.get(i)) else { return false };
                let v = u128::from(tx.amount.minor_units());
                let inside = !(bounds.min.is_some_and(|m| v < m) || bounds.max.is_some_and(|m| v > m));
                inside && push(Ev::Amount(band))
            }
            Cond::RoundAmount(rule) => {
                let cur = tx.amount.currency();
                let v = tx.amount.minor_units();
                let multiple = match rule.multiples.binary_search_by_key(&cur, |(c, _)| *c) {
                    Ok(i) => rule.multiples.get(i).map(|&(_, m)| (m, None)),
                    Err(_) => rule.default.as_ref().and_then(|(text, per)| {
                        per.get(usize::from(cur.exponent())).copied().flatten().map(|m| (m, Some(text.as_str())))
                    }),
                };
                match multiple {
                    Some((m, text)) if v > 0 && v % m == 0 => push(Ev::Round { minor: m, text }),
                    _ => false,
                }
            }
            Cond::Corridor { from, to } => {
                // Each side given must be known and listed; a side left out
                // may be unknown (a crypto payment from Indonesia to nowhere
                // in particular is still "from ID").
                let side = |list: &Option<Vec<crate::money::Country>>, c: Option<crate::money::Country>| match list {
                    None => true,
                    Some(l) => c.is_some_and(|c| l.binary_search(&c).is_ok()),
                };
                (side(from, tx.sender.country) && side(to, tx.destination_country())) && push(Ev::Corridor)
            }
            Cond::CrossBorder(want) => {
                let (Some(s), Some(d)) = (tx.sender.country, tx.destination_country()) else { return false };
                (s != d) == *want && push(Ev::Corridor)
            }
            Cond::ChannelIn(chans) => tx.channel.is_some_and(|c| chans.contains(&c)) && push(Ev::Channel),
            Cond::CurrencyIn(curs) => curs.contains(&tx.amount.currency()) && push(Ev::Currency),
            Cond::LocalHourBetween { from, to } => {
                let h = tx.timestamp.local_hour();
                let inside = if from < to { *from <= h && h < *to } else { h >= *from || h < *to };
                inside && push(Ev::Hour { from: *from, to: *to })
            }
            Cond::SenderIsMinor(want) => tx.sender.is_minor == Some(*want) && push(Ev::Flag("sender.isMinor", *want)),
            Cond::ReceiverIsNew(want) => tx.receiver.is_new == Some(*want) && push(Ev::Flag("receiver.isNew", *want)),
            Cond::AccountAgeBelow(days) => {
                tx.sender.account_age_days.is_some_and(|a| a < *days) && push(Ev::AccountAge(*days))
            }
            Cond::Indicator(i) => fired.get(*i).copied().unwrap_or(false) && push(Ev::Indicator(*i)),
        }
    }

    /// Whether a hit of list `a` and a hit of list `b` have at most `within`
    /// words strictly between them (overlapping hits are not near each
    /// other). The evidence is the first such `a` hit in text order and its
    /// first partner in text order. Each `a` hit costs a binary search and a
    /// scan of the `b` hits that end just before it, not a pass over all of
    /// them: a memo full of both lists' terms stays linear.
    fn near(&self, field: TextField, a: u32, b: u32, within: u32, out: &mut Vec<Ev<'a>>) -> bool {
        let Some(fh) = self.hits(field) else { return false };
        let w = within as usize;
        // `b` hits in text order with their first and last word; the first
        // word never decreases along the list.
        let bs: Vec<(usize, usize, &Hit)> = fh
            .hits
            .iter()
            .filter(|h| h.list == b)
            .map(|h| {
                let (first, last) = fh.words(h);
                (first, last, h)
            })
            .collect();
        let longest = bs.iter().map(|&(first, last, _)| last - first).max().unwrap_or(0);
        for ha in fh.hits.iter().filter(|h| h.list == a) {
            let (a0, a1) = fh.words(ha);
            // A partner that ends at most `w` words before `ha` starts. It
            // starts at or after word a0 - w - 1 - longest; partners before
            // `ha` come before those after it in text order.
            let lo = bs.partition_point(|&(first, _, _)| first + w + 1 + longest < a0);
            let before = bs
                .get(lo..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&(first, _, _)| first < a0)
                .find(|&&(_, last, _)| last < a0 && a0 - last - 1 <= w);
            // Else the first hit that starts after `ha` ends, if close enough.
            let after = || {
                let i = bs.partition_point(|&(first, _, _)| first <= a1);
                bs.get(i).filter(|&&(first, _, _)| first - a1 - 1 <= w)
            };
            if let Some(&(_, _, hb)) = before.or_else(after) {
                out.push(Ev::Text(field, *ha));
                out.push(Ev::Text(field, *hb));
                return true;
            }
        }
        false
    }

    /// Turns recorded evidence into the public, serializable form.
    fn materialize(&self, ev: &[Ev<'a>]) -> Vec<Evidence> {
        let tx = self.tx;
        let inner = &self.screener.pack.inner;
        let mut out: Vec<Evidence> = Vec::with_capacity(ev.len());
        let mut seen: Vec<Ev<'a>> = Vec::with_capacity(ev.len());
        for e in ev {
            // Identical evidence from two branches (a term in two lists read
            // by two conditions, say) is reported once.
            if seen.contains(e) {
                continue;
            }
            seen.push(*e);
            let item = match *e {
                Ev::Text(field, hit) => {
                    let (Some(text), Some(fh)) = (self.text(field), self.hits(field)) else { continue };
                    let Some((start, end, bits)) = fh.norm.span(hit.start, hit.end) else { continue };
                    let Some(term) = inner.lists.get(hit.list as usize).and_then(|l| l.terms.get(hit.entry as usize))
                    else {
                        continue;
                    };
                    Evidence::Text(TextEvidence {
                        field: field.path(),
                        start: self.offset(text, start),
                        end: self.offset(text, end),
                        text: text.get(start..end).unwrap_or_default().to_string(),
                        term: term.text.clone(),
                        transforms: Transform::from_bits(bits),
                        lang: term.lang.clone(),
                        validated: term.validated,
                    })
                }
                Ev::Pattern(h) => {
                    let memo = tx.memo.as_deref().unwrap_or_default();
                    Evidence::Pattern {
                        field: "memo",
                        start: self.offset(memo, h.start),
                        end: self.offset(memo, h.end),
                        text: memo.get(h.start..h.end).unwrap_or_default().to_string(),
                        pattern: h.kind,
                    }
                }
                Ev::Amount(band) => {
                    let cur = tx.amount.currency();
                    let rates = &inner.fx.rates;
                    let converted = if cur == band.currency {
                        None
                    } else {
                        match (rates.get(&cur), rates.get(&band.currency)) {
                            (Some(&rf), Some(&rt)) => money::convert(
                                tx.amount.minor_units(),
                                cur.exponent(),
                                rf,
                                band.currency.exponent(),
                                rt,
                            )
                            .map(|m| money::plain(m, band.currency.exponent())),
                            _ => None,
                        }
                    };
                    let e = band.currency.exponent();
                    Evidence::Amount {
                        field: "amount",
                        value: money::plain(u128::from(tx.amount.minor_units()), cur.exponent()),
                        currency: cur.as_str().to_string(),
                        converted,
                        min: band.min.map(|m| money::plain(u128::from(m), e)),
                        max: band.max.map(|m| money::plain(u128::from(m), e)),
                        band_currency: band.currency.as_str().to_string(),
                    }
                }
                Ev::Round { minor, text } => {
                    let cur = tx.amount.currency();
                    Evidence::RoundAmount {
                        field: "amount",
                        value: money::plain(u128::from(tx.amount.minor_units()), cur.exponent()),
                        currency: cur.as_str().to_string(),
                        multiple_of: text
                            .map_or_else(|| money::plain(u128::from(minor), cur.exponent()), str::to_string),
                    }
                }
                Ev::Corridor => Evidence::Corridor {
                    field: if tx.merchant.country.is_some() && tx.receiver.country.is_none() {
                        "merchant.country"
                    } else {
                        "receiver.country"
                    },
                    value: tx.destination_country().map(|c| c.as_str().to_string()).unwrap_or_default(),
                    from: tx.sender.country.map(|c| c.as_str().to_string()).unwrap_or_default(),
                },
                Ev::Channel => {
                    Evidence::Channel { field: "channel", value: tx.channel.map_or("other", |c| c.as_str()) }
                }
                Ev::Currency => {
                    Evidence::Currency { field: "currency", value: tx.amount.currency().as_str().to_string() }
                }
                Ev::Hour { from, to } => Evidence::LocalHour {
                    field: "timestamp",
                    value: tx.timestamp.as_str().to_string(),
                    hour: tx.timestamp.local_hour(),
                    from,
                    to,
                },
                Ev::Mcc => Evidence::Mcc {
                    field: "merchant.mcc",
                    value: tx.merchant.mcc.map(|m| format!("{m:04}")).unwrap_or_default(),
                },
                Ev::Flag(field, value) => Evidence::Flag { field, value },
                Ev::AccountAge(below) => Evidence::AccountAge {
                    field: "sender.accountAgeDays",
                    value: tx.sender.account_age_days.unwrap_or(0),
                    below,
                },
                Ev::Indicator(i) => Evidence::Indicator {
                    field: "indicators",
                    value: inner.indicators.get(i).map(|d| d.id.to_string()).unwrap_or_default(),
                },
            };
            out.push(item);
        }
        out
    }
}

/// Re-formats a plain decimal for a locale.
fn localize(plain: &str, locale: crate::Locale) -> String {
    let (int, frac) = plain.split_once('.').unwrap_or((plain, ""));
    let minor: u128 = format!("{int}{frac}").parse().unwrap_or(0);
    money::format_minor(minor, frac.len() as u8, locale)
}

fn render(template: &[Segment], ctx: &Ctx<'_>, evidence: &[Evidence], locale: Locale) -> String {
    let mut out = String::new();
    for seg in template {
        match seg {
            Segment::Text(t) => out.push_str(t),
            // A placeholder with no value outside a group renders as "-".
            Segment::Hole(h) => out.push_str(hole(*h, ctx, evidence, locale).as_deref().unwrap_or("-")),
            Segment::Optional(group) => {
                let mut part = String::new();
                let complete = group.iter().all(|g| match g {
                    Segment::Text(t) => {
                        part.push_str(t);
                        true
                    }
                    Segment::Hole(h) => hole(*h, ctx, evidence, locale).map(|v| part.push_str(&v)).is_some(),
                    Segment::Optional(_) => false,
                });
                if complete {
                    out.push_str(&part);
                }
            }
        }
    }
    out
}

/// The value of one placeholder, if the transaction and evidence have it.
fn hole(hole: Placeholder, ctx: &Ctx<'_>, evidence: &[Evidence], locale: Locale) -> Option<String> {
    let tx = ctx.tx;
    let quoted = |items: Vec<&str>| -> Option<String> {
        let mut uniq: Vec<&str> = Vec::new();
        for i in items {
            if !uniq.contains(&i) {
                uniq.push(i);
            }
        }
        if uniq.is_empty() {
            None
        } else {
            Some(uniq.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", "))
        }
    };
    match hole {
        Placeholder::Amount => Some(tx.amount.display(locale)),
        Placeholder::AmountConverted => evidence.iter().find_map(|e| match e {
            Evidence::Amount { converted: Some(c), band_currency, .. } => {
                Some(format!("{} {band_currency}", localize(c, locale)))
            }
            Evidence::Amount { converted: None, .. } => Some(tx.amount.display(locale)),
            _ => None,
        }),
        // "40.00 GBP (≈ 78.15 AUD)", or just "50.00 AUD" when the band is in
        // the transaction's own currency.
        Placeholder::AmountInBand => evidence.iter().find_map(|e| match e {
            Evidence::Amount { converted: Some(c), band_currency, .. } => {
                Some(format!("{} (≈ {} {band_currency})", tx.amount.display(locale), localize(c, locale)))
            }
            Evidence::Amount { converted: None, .. } => Some(tx.amount.display(locale)),
            _ => None,
        }),
        Placeholder::Band => evidence.iter().find_map(|e| match e {
            Evidence::Amount { min, max, band_currency, .. } => Some(match (min, max, locale) {
                (Some(a), Some(b), _) => format!("{}–{} {band_currency}", localize(a, locale), localize(b, locale)),
                (None, Some(b), Locale::En) => format!("up to {} {band_currency}", localize(b, locale)),
                (None, Some(b), Locale::Id) => format!("hingga {} {band_currency}", localize(b, locale)),
                (Some(a), None, Locale::En) => format!("at least {} {band_currency}", localize(a, locale)),
                (Some(a), None, Locale::Id) => format!("minimal {} {band_currency}", localize(a, locale)),
                (None, None, _) => band_currency.clone(),
            }),
            _ => None,
        }),
        Placeholder::Terms => quoted(
            evidence
                .iter()
                .filter_map(|e| match e {
                    Evidence::Text(t) => Some(t.term.as_str()),
                    _ => None,
                })
                .collect(),
        ),
        Placeholder::Matched => quoted(
            evidence
                .iter()
                .filter_map(|e| match e {
                    Evidence::Text(t) => Some(t.text.as_str()),
                    Evidence::Pattern { text, .. } => Some(text.as_str()),
                    _ => None,
                })
                .collect(),
        ),
        Placeholder::Pattern => {
            let mut kinds: Vec<&str> = Vec::new();
            for e in evidence {
                if let Evidence::Pattern { pattern, .. } = e {
                    let d = pattern.describe(locale);
                    if !kinds.contains(&d) {
                        kinds.push(d);
                    }
                }
            }
            (!kinds.is_empty()).then(|| kinds.join(", "))
        }
        Placeholder::Corridor => match (tx.sender.country, tx.destination_country()) {
            (None, None) => None,
            (s, d) => {
                Some(format!("{} → {}", s.as_ref().map_or("?", |c| c.as_str()), d.as_ref().map_or("?", |c| c.as_str())))
            }
        },
        Placeholder::SenderCountry => tx.sender.country.map(|c| c.to_string()),
        Placeholder::ReceiverCountry => tx.destination_country().map(|c| c.to_string()),
        Placeholder::Channel => tx.channel.map(|c| c.as_str().to_string()),
        Placeholder::Hour => Some(format!("{:02}", tx.timestamp.local_hour())),
        Placeholder::Mcc => tx.merchant.mcc.map(|m| format!("{m:04}")),
        Placeholder::Merchant => tx.merchant.name.clone().or_else(|| tx.merchant.descriptor.clone()),
        Placeholder::Indicators => {
            let ids: Vec<&str> = evidence
                .iter()
                .filter_map(|e| match e {
                    Evidence::Indicator { value, .. } => Some(value.as_str()),
                    _ => None,
                })
                .collect();
            (!ids.is_empty()).then(|| ids.join(", "))
        }
    }
}
