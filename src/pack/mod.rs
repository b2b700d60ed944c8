//! Indicator packs: the compiled [`Pack`] and its public API.
//!
//! The format is documented in `docs/PACKS.md`. The work is split by
//! concern: `load` reads and validates the JSON (every error names its JSON
//! pointer) and compiles it, `cond` holds the compiled conditions, `template`
//! the explanation templates. Everything a screen needs is resolved once, at
//! load: source and list references become indices, amount bands become
//! integer bounds per currency, templates become segments, and all terms go
//! into one automaton. The digest is SHA-256 of the canonical JSON
//! (`json::Value::to_canonical`).

use std::sync::Arc;

use serde::Serialize;
#[cfg_attr(not(feature = "tools"), allow(unused_imports))]
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::json::Value;
use crate::matcher::{Matcher, TermList};
use crate::money::{Currency, Rate};
use crate::vocab::{Category, Grade, Localized, SourceRef};

mod cond;
#[cfg(feature = "tools")]
mod delta;
#[cfg(feature = "tools")]
pub(crate) mod grammar;
#[cfg(feature = "tools")]
mod hashed;
mod image;
#[cfg(feature = "tools")]
mod lint;
#[cfg(feature = "tools")]
mod load;
mod names;
mod template;
mod version;

pub(crate) use cond::{Account, AmountBand, Cond, HistParams, HistoryCond, Only, Party, RoundRule, TextField};
#[cfg(feature = "tools")]
pub(crate) use delta::Delta;
pub(crate) use image::MAGIC as IMAGE_MAGIC;
#[cfg(feature = "tools")]
pub use lint::{Lint, LintKind};
pub(crate) use template::{Placeholder, Segment};
pub(crate) use version::Version;

/// A source in the pack's register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Register id.
    pub id: String,
    /// Publishing agency.
    pub publisher: String,
    /// Document title.
    pub title: String,
    /// Year of publication.
    pub year: u16,
    /// Where to read it.
    pub url: String,
    /// Evidence grade.
    pub grade: Grade,
}

impl Source {
    /// A citation of this source, with the publisher's own reference.
    pub(crate) fn cite(&self, reference: Option<String>) -> SourceRef {
        SourceRef {
            reference,
            publisher: self.publisher.clone(),
            title: self.title.clone(),
            year: self.year,
            url: self.url.clone(),
            grade: self.grade,
        }
    }
}

/// A compiled indicator.
#[derive(Clone, Debug)]
pub(crate) struct Indicator {
    pub(crate) id: Arc<str>,
    pub(crate) title: Localized<Arc<str>>,
    pub(crate) category: Category,
    /// The cited sources, ready to share with every flag.
    pub(crate) sources: Arc<[SourceRef]>,
    pub(crate) weight: u8,
    pub(crate) condition: Cond,
    pub(crate) explanation: Localized<Vec<Segment>>,
    /// The discounts that may lower its weight (indices into
    /// `PackInner::discounts`), in the pack's order: the first that holds
    /// applies.
    pub(crate) discounts: Vec<usize>,
}

/// A compiled discount: a history measure that, when it holds, shows the
/// customer's normal behaviour explains the payment, and lowers the weight
/// of the indicators that list it (never a flag about a minor or a
/// watchlist hit; see `Screener::discount`).
#[derive(Clone, Debug)]
pub(crate) struct Discount {
    pub(crate) name: Arc<str>,
    /// Percent taken off the weight, 1 to 90.
    pub(crate) percent: u8,
    pub(crate) condition: HistoryCond,
    pub(crate) explanation: Localized<Vec<Segment>>,
}

impl Discount {
    /// A weight after this discount.
    pub(crate) fn apply(&self, weight: u8) -> u8 {
        discounted(weight, self.percent)
    }
}

/// A weight less `percent` percent, rounded down and at least 1: what a
/// discount makes of it (and what its evidence says it made).
pub(crate) fn discounted(weight: u8, percent: u8) -> u8 {
    let kept = u16::from(weight) * u16::from(100 - percent.min(100)) / 100;
    (kept as u8).max(1)
}

/// Level thresholds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Scoring {
    pub(crate) low: u8,
    pub(crate) review: u8,
    pub(crate) high: u8,
    pub(crate) cap: u8,
}

/// A pack's level thresholds and score cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Thresholds {
    /// Lowest score of level `low`.
    pub low: u8,
    /// Lowest score of level `review`.
    pub review: u8,
    /// Lowest score of level `high`.
    pub high: u8,
    /// The largest score.
    pub cap: u8,
}

/// Rates by currency, kept sorted by currency: a map without a map type (a
/// `BTreeMap` instantiation is several KB of wasm).
#[derive(Clone, Debug, Default)]
pub(crate) struct Rates(Vec<(Currency, Rate)>);

impl Rates {
    pub(crate) fn get(&self, currency: &Currency) -> Option<&Rate> {
        let i = self.0.binary_search_by_key(currency, |&(c, _)| c).ok()?;
        self.0.get(i).map(|(_, r)| r)
    }

    /// `minor` units of `from` in minor units of `to`, through both rates;
    /// `None` when either currency has no rate or the result overflows.
    pub(crate) fn convert(&self, minor: u64, from: Currency, to: Currency) -> Option<u128> {
        let (&rf, &rt) = (self.get(&from)?, self.get(&to)?);
        crate::money::convert(minor, from.exponent(), rf, to.exponent(), rt)
    }

    pub(crate) fn contains_key(&self, currency: &Currency) -> bool {
        self.get(currency).is_some()
    }

    pub(crate) fn insert(&mut self, currency: Currency, rate: Rate) {
        match self.0.binary_search_by_key(&currency, |&(c, _)| c) {
            Ok(i) => {
                if let Some(entry) = self.0.get_mut(i) {
                    entry.1 = rate;
                }
            }
            Err(i) => self.0.insert(i, (currency, rate)),
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &(Currency, Rate)> {
        self.0.iter()
    }
}

/// The FX table.
#[derive(Clone, Debug)]
pub(crate) struct Fx {
    pub(crate) rates: Rates,
    /// The currencies of `rates`, in the same (sorted) order: the index of a
    /// currency here is its index in every `AmountBand::converted`.
    pub(crate) currencies: Vec<Currency>,
    /// The base currency (its rate is 1): history sums are kept in it.
    pub(crate) base: Currency,
}

/// Size limits applied while loading a pack.
///
/// The defaults suit trusted packs of any realistic size; lower them when
/// packs come from an untrusted place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PackLimits {
    max_bytes: usize,
    max_indicators: usize,
    max_terms: usize,
    max_depth: usize,
}

impl Default for PackLimits {
    fn default() -> Self {
        PackLimits { max_bytes: 16 << 20, max_indicators: 10_000, max_terms: 1_000_000, max_depth: 32 }
    }
}

impl PackLimits {
    /// Largest pack JSON accepted, in bytes (default 16 MiB).
    pub fn max_bytes(mut self, bytes: usize) -> Self {
        self.max_bytes = bytes;
        self
    }

    /// Most indicators accepted (default 10,000).
    pub fn max_indicators(mut self, n: usize) -> Self {
        self.max_indicators = n;
        self
    }

    /// Most terms and allow phrases over all lists (default 1,000,000).
    pub fn max_terms(mut self, n: usize) -> Self {
        self.max_terms = n;
        self
    }

    /// Deepest condition nesting accepted (default 32).
    pub fn max_depth(mut self, n: usize) -> Self {
        self.max_depth = n;
        self
    }
}

#[derive(Debug)]
pub(crate) struct PackInner {
    pub(crate) id: String,
    pub(crate) version: String,
    pub(crate) digest: String,
    pub(crate) published: String,
    pub(crate) publisher: String,
    pub(crate) sources: Vec<Source>,
    pub(crate) fx: Fx,
    pub(crate) scoring: Scoring,
    pub(crate) lists: Vec<TermList>,
    pub(crate) matcher: Matcher,
    pub(crate) indicators: Vec<Indicator>,
    /// The discounts, in pack order.
    pub(crate) discounts: Vec<Discount>,
    /// The watchlists, in pack order.
    pub(crate) watchlists: Vec<crate::watchlist::Watchlist>,
    /// Term lists whose merchant hits history stamps: (list index, list key).
    pub(crate) watched: Vec<(u32, u32)>,
    /// Indicator indices in an order where references come first.
    pub(crate) order: Vec<usize>,
    /// Indicator ids with their indices, sorted by id.
    pub(crate) by_id: Vec<(Arc<str>, usize)>,
    /// The pack's JSON; `None` for a pack read from an image, which keeps
    /// only its digest.
    pub(crate) value: Option<Value>,
}

impl PackInner {
    /// The indicator with this id.
    pub(crate) fn find(&self, id: &str) -> Option<&Indicator> {
        let i = self.by_id.binary_search_by(|(k, _)| (**k).cmp(id)).ok()?;
        self.by_id.get(i).and_then(|&(_, at)| self.indicators.get(at))
    }
}

/// A compiled indicator pack. Cheap to clone (shared).
///
/// # Example
///
/// ```
/// use jejak::Pack;
///
/// let pack = Pack::default_pack();
/// assert_eq!(pack.id(), "jejak-default");
/// assert!(pack.indicator_count() >= 20);
/// assert_eq!(pack.digest().len(), 64);
/// ```
#[derive(Clone, Debug)]
pub struct Pack {
    pub(crate) inner: Arc<PackInner>,
}

impl Pack {
    /// Loads a pack from JSON text with default limits.
    #[cfg(feature = "tools")]
    pub fn from_json(json: &str) -> Result<Pack, Error> {
        Pack::from_json_with_limits(json, PackLimits::default())
    }

    /// Loads a pack from JSON text.
    #[cfg(feature = "tools")]
    pub fn from_json_with_limits(json: &str, limits: PackLimits) -> Result<Pack, Error> {
        if json.len() > limits.max_bytes {
            return Err(Error::limit(
                "",
                format!("the pack is {} bytes, more than the limit of {} bytes", json.len(), limits.max_bytes),
            ));
        }
        let value = crate::json::parse(json, crate::error::ErrorKind::InvalidPack, crate::json::Surrogates::Reject)?;
        let inner = load::Loader::new(limits).load(value, None)?;
        Ok(Pack { inner: Arc::new(inner) })
    }

    /// Reads a pack image ([`Pack::to_image`]) with
    /// default limits. No JSON is parsed and no term normalized: this is
    /// how a host that screens loads its pack fastest.
    ///
    /// # Untrusted input
    ///
    /// Every length, index and value is checked (docs/PACKS.md, "Images");
    /// a damaged or forged image is an `invalid_pack` error naming the
    /// byte offset of the fault, never a panic. A pack read from an image
    /// has no JSON: [`canonical_json`](Pack::canonical_json) is `None` and
    /// deltas do not apply to it (a new image replaces it).
    ///
    /// # Example
    ///
    /// ```
    /// use jejak::Pack;
    ///
    /// let image = Pack::default_pack().to_image()?;
    /// let pack = Pack::from_image(&image)?;
    /// assert_eq!(pack.digest(), Pack::default_pack().digest());
    /// # Ok::<(), jejak::Error>(())
    /// ```
    pub fn from_image(bytes: &[u8]) -> Result<Pack, Error> {
        Pack::from_image_with_limits(bytes, PackLimits::default())
    }

    /// [`Pack::from_image`] with limits. An image may be up to twice
    /// `max_bytes` (it keeps each term's normalized patterns beside its
    /// text); the other limits apply as to JSON.
    pub fn from_image_with_limits(bytes: &[u8], limits: PackLimits) -> Result<Pack, Error> {
        Ok(Pack { inner: Arc::new(image::read(bytes, limits)?) })
    }

    /// This pack as an image: versioned, checksummed bytes that
    /// [`Pack::from_image`] reads without JSON. Deterministic; it records
    /// the JSON's [`digest`](Pack::digest), which verdicts keep naming.
    pub fn to_image(&self) -> Result<Vec<u8>, Error> {
        image::write(&self.inner).map_err(|_| Error::pack("/termLists", "a term does not compile"))
    }

    /// Loads a pack from its parsed JSON (a delta's result).
    #[cfg(feature = "tools")]
    pub(crate) fn from_value(value: Value, limits: PackLimits) -> Result<Pack, Error> {
        let inner = load::Loader::new(limits).load(value, None)?;
        Ok(Pack { inner: Arc::new(inner) })
    }

    /// Loads a pack whose digest is already known: the embedded default
    /// pack, hashed by build.rs. A test checks that it equals the digest
    /// computed at run time.
    #[cfg(all(feature = "tools", not(feature = "given-default-pack")))]
    pub(crate) fn from_json_with_digest(json: &str, digest: &str) -> Result<Pack, Error> {
        let value = crate::json::parse(json, crate::error::ErrorKind::InvalidPack, crate::json::Surrogates::Reject)?;
        let inner = load::Loader::new(PackLimits::default()).load(value, Some(digest))?;
        Ok(Pack { inner: Arc::new(inner) })
    }

    /// The pack id.
    pub fn id(&self) -> &str {
        &self.inner.id
    }

    /// The pack version (semver).
    pub fn version(&self) -> &str {
        &self.inner.version
    }

    /// SHA-256 of the canonical pack bytes, lower-case hex.
    pub fn digest(&self) -> &str {
        &self.inner.digest
    }

    /// The publication date, `YYYY-MM-DD`.
    pub fn published(&self) -> &str {
        &self.inner.published
    }

    /// Who compiled the pack.
    pub fn publisher(&self) -> &str {
        &self.inner.publisher
    }

    /// The number of indicators.
    pub fn indicator_count(&self) -> usize {
        self.inner.indicators.len()
    }

    /// The number of distinct normalized patterns in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.inner.matcher.pattern_count()
    }

    /// The scoring thresholds.
    pub fn thresholds(&self) -> Thresholds {
        let s = self.inner.scoring;
        Thresholds { low: s.low, review: s.review, high: s.high, cap: s.cap }
    }

    /// The sources register.
    pub fn sources(&self) -> &[Source] {
        &self.inner.sources
    }

    /// The pack's canonical bytes, which [`digest`](Pack::digest) is the
    /// SHA-256 of: compact JSON with every object's keys sorted and numbers
    /// as written (the exact rules are in `docs/PACKS.md`, "Digest"). Two
    /// texts of the same pack (pretty-printed or compact, keys in any
    /// order) have the same canonical bytes.
    ///
    /// `None` for a pack read from an [image](Pack::from_image): an image
    /// keeps the digest of its JSON, not the JSON.
    pub fn canonical_json(&self) -> Option<String> {
        self.inner.value.as_ref().map(Value::to_canonical)
    }
}

#[cfg(feature = "tools")]
/// SHA-256 of the canonical bytes, lower-case hex.
pub(crate) fn digest(value: &Value) -> String {
    let mut out = String::with_capacity(64);
    crate::write::write_hex(&mut out, &Sha256::digest(value.to_canonical().as_bytes()));
    out
}
