//! Indicator packs: parsing, validation and compilation.
//!
//! The format is documented in `docs/PACKS.md`. Parsing is by hand from a
//! `serde_json::Value`, for the same reason as transactions: every error
//! names its JSON pointer. Everything a screen needs is resolved here, once:
//! source and list references become indices, amount bands become integer
//! bounds per currency, templates become segments, and all terms go into one
//! automaton.

use std::sync::{Arc, OnceLock};

use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::error::{join, join_index, quote, type_name, Error};
use crate::matcher::{MatchMode, Matcher, Term, TermError, TermList};
use crate::money::{self, Country, Currency, Rate};
use crate::patterns::PatternKind;
use crate::transaction::{parse_mcc, Channel};

/// The default pack, embedded at compile time as compact JSON (build.rs).
const DEFAULT_PACK: &str = include_str!(concat!(env!("OUT_DIR"), "/default-pack.json"));

/// Evidence grade of a source, as the research catalogue defines it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Grade {
    /// Read on the publisher's own page.
    A,
    /// Read in a secondary source quoting the publisher.
    B,
    /// Background knowledge, not verified against the primary text.
    C,
}

impl Grade {
    /// The wire name: `"A"`, `"B"` or `"C"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
        }
    }
}

/// What kind of exploitation an indicator points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Category {
    /// Live-streamed sexual abuse of children, paid per view.
    Lsac,
    /// Financial sexual extortion of children.
    Fsec,
    /// Sale of child sexual abuse material.
    CsamCommerce,
    /// Trafficking for sexual exploitation.
    Trafficking,
    /// Abuse through payment text fields.
    PaymentTextAbuse,
    /// Applies across typologies.
    General,
}

impl Category {
    const ALL: [(&'static str, Category); 6] = [
        ("lsac", Category::Lsac),
        ("fsec", Category::Fsec),
        ("csam_commerce", Category::CsamCommerce),
        ("trafficking", Category::Trafficking),
        ("payment_text_abuse", Category::PaymentTextAbuse),
        ("general", Category::General),
    ];

    /// The wire name, e.g. `"csam_commerce"`.
    pub fn as_str(self) -> &'static str {
        Category::ALL.iter().find(|(_, c)| *c == self).map_or("general", |(s, _)| s)
    }
}

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

/// A string in English and Bahasa Indonesia.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Localized<T> {
    pub(crate) en: T,
    pub(crate) id: T,
}

impl<T> Localized<T> {
    pub(crate) fn get(&self, locale: crate::Locale) -> &T {
        match locale {
            crate::Locale::En => &self.en,
            crate::Locale::Id => &self.id,
        }
    }
}

/// A placeholder of an explanation template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Placeholder {
    Amount,
    AmountConverted,
    AmountInBand,
    Band,
    Terms,
    Matched,
    Pattern,
    Corridor,
    SenderCountry,
    ReceiverCountry,
    Channel,
    Hour,
    Mcc,
    Merchant,
    Indicators,
}

const PLACEHOLDERS: [(&str, Placeholder); 15] = [
    ("amount", Placeholder::Amount),
    ("amountConverted", Placeholder::AmountConverted),
    ("amountInBand", Placeholder::AmountInBand),
    ("band", Placeholder::Band),
    ("terms", Placeholder::Terms),
    ("matched", Placeholder::Matched),
    ("pattern", Placeholder::Pattern),
    ("corridor", Placeholder::Corridor),
    ("senderCountry", Placeholder::SenderCountry),
    ("receiverCountry", Placeholder::ReceiverCountry),
    ("channel", Placeholder::Channel),
    ("hour", Placeholder::Hour),
    ("mcc", Placeholder::Mcc),
    ("merchant", Placeholder::Merchant),
    ("indicators", Placeholder::Indicators),
];

/// A parsed explanation template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Segment {
    Text(String),
    Hole(Placeholder),
    /// A `[...]` group, dropped when one of its placeholders has no value.
    Optional(Vec<Segment>),
}

/// Which text field a `near` condition looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TextField {
    Memo,
    MerchantName,
    MerchantDescriptor,
}

impl TextField {
    pub(crate) fn path(self) -> &'static str {
        match self {
            TextField::Memo => "memo",
            TextField::MerchantName => "merchant.name",
            TextField::MerchantDescriptor => "merchant.descriptor",
        }
    }
}

/// Amount bounds converted into one currency, in its minor units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Bounds {
    pub(crate) min: Option<u128>,
    pub(crate) max: Option<u128>,
}

/// A compiled `amountBetween`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AmountBand {
    pub(crate) currency: Currency,
    pub(crate) min: Option<u64>,
    pub(crate) max: Option<u64>,
    /// Bounds in each FX-table currency, indexed like `Fx::currencies`.
    pub(crate) converted: Vec<Bounds>,
}

/// A compiled `roundAmount`.
#[derive(Clone, Debug)]
pub(crate) struct RoundRule {
    /// Multiples in minor units for listed currencies, sorted.
    pub(crate) multiples: Vec<(Currency, u64)>,
    /// The default multiple as major-unit text, and in minor units per
    /// exponent 0..=4.
    pub(crate) default: Option<(String, [Option<u64>; 5])>,
}

/// A compiled condition.
#[derive(Clone, Debug)]
pub(crate) enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    AtLeast(usize, Vec<Cond>),
    MemoTerms(u32),
    MerchantTerms(u32),
    Near { a: u32, b: u32, within: u32, field: TextField },
    MemoPattern(Vec<PatternKind>),
    MemoPresent(bool),
    MccIn(Vec<u16>),
    AmountBetween(Box<AmountBand>),
    RoundAmount(Box<RoundRule>),
    Corridor { from: Option<Vec<Country>>, to: Option<Vec<Country>> },
    CrossBorder(bool),
    ChannelIn(Vec<Channel>),
    CurrencyIn(Vec<Currency>),
    LocalHourBetween { from: u8, to: u8 },
    SenderIsMinor(bool),
    ReceiverIsNew(bool),
    AccountAgeBelow(u32),
    Indicator(usize),
}

/// A compiled indicator.
#[derive(Clone, Debug)]
pub(crate) struct Indicator {
    pub(crate) id: Arc<str>,
    pub(crate) title: Localized<Arc<str>>,
    pub(crate) category: Category,
    /// The cited sources, ready to share with every flag.
    pub(crate) sources: Arc<[crate::verdict::SourceRef]>,
    pub(crate) weight: u8,
    pub(crate) condition: Cond,
    pub(crate) explanation: Localized<Vec<Segment>>,
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

    fn contains_key(&self, currency: &Currency) -> bool {
        self.get(currency).is_some()
    }

    fn insert(&mut self, currency: Currency, rate: Rate) {
        match self.0.binary_search_by_key(&currency, |&(c, _)| c) {
            Ok(i) => {
                if let Some(entry) = self.0.get_mut(i) {
                    entry.1 = rate;
                }
            }
            Err(i) => self.0.insert(i, (currency, rate)),
        }
    }

    fn iter(&self) -> impl Iterator<Item = &(Currency, Rate)> {
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
    /// Indicator indices in an order where references come first.
    pub(crate) order: Vec<usize>,
    pub(crate) value: Value,
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
/// assert!(pack.indicator_count() >= 30);
/// assert_eq!(pack.digest().len(), 64);
/// ```
#[derive(Clone, Debug)]
pub struct Pack {
    pub(crate) inner: Arc<PackInner>,
}

impl Pack {
    /// The embedded default pack, compiled once per process.
    pub fn default_pack() -> Pack {
        static DEFAULT: OnceLock<Result<Pack, Error>> = OnceLock::new();
        match DEFAULT.get_or_init(|| Pack::from_json(DEFAULT_PACK)) {
            Ok(p) => p.clone(),
            // A test (`default_pack_loads`) proves the embedded pack loads; if
            // it ever did not, an empty pack is safer than a panic in wasm.
            Err(e) => Pack::empty(e),
        }
    }

    /// The embedded default pack's JSON text.
    pub fn default_pack_json() -> &'static str {
        DEFAULT_PACK
    }

    fn empty(e: &Error) -> Pack {
        Pack {
            inner: Arc::new(PackInner {
                id: "invalid".into(),
                version: "0.0.0".into(),
                digest: String::new(),
                published: String::new(),
                publisher: e.message().to_string(),
                sources: Vec::new(),
                fx: Fx { rates: Rates::default(), currencies: Vec::new() },
                scoring: Scoring { low: 100, review: 100, high: 100, cap: 100 },
                lists: Vec::new(),
                matcher: Matcher::empty(),
                indicators: Vec::new(),
                order: Vec::new(),
                value: Value::Null,
            }),
        }
    }

    /// Loads a pack from JSON text with default limits.
    pub fn from_json(json: &str) -> Result<Pack, Error> {
        Pack::from_json_with_limits(json, PackLimits::default())
    }

    /// Loads a pack from JSON text.
    pub fn from_json_with_limits(json: &str, limits: PackLimits) -> Result<Pack, Error> {
        if json.len() > limits.max_bytes {
            return Err(Error::limit(
                "",
                format!("the pack is {} bytes, more than the limit of {} bytes", json.len(), limits.max_bytes),
            ));
        }
        let value = crate::json::parse(json, crate::ErrorKind::InvalidPack)?;
        Pack::from_value_with_limits(value, limits)
    }

    /// Loads a pack from a JSON value with default limits.
    pub fn from_value(value: Value) -> Result<Pack, Error> {
        Pack::from_value_with_limits(value, PackLimits::default())
    }

    /// Loads a pack from a JSON value.
    pub fn from_value_with_limits(value: Value, limits: PackLimits) -> Result<Pack, Error> {
        let inner = Loader::new(limits).load(value)?;
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

    /// The pack as loaded (JSON value).
    pub fn to_value(&self) -> &Value {
        &self.inner.value
    }
}

/// Canonical bytes: compact JSON with sorted keys (serde_json's map is a
/// BTreeMap without the `preserve_order` feature) and numbers as written.
pub(crate) fn digest(value: &Value) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let hash = Sha256::digest(crate::json::to_string(value).as_bytes());
    hash.iter().flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]]).map(char::from).collect()
}

/// A JSON object being read, with its path and the keys still unread.
struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
    used: Vec<&'a str>,
}

impl<'a> Obj<'a> {
    #[inline(never)]
    fn new(value: &'a Value, path: &str, what: &str) -> Result<Obj<'a>, Error> {
        match value {
            Value::Object(map) => Ok(Obj { map, path: path.to_string(), used: Vec::new() }),
            other => Err(Error::pack(path, format!("expected {what} object, found {}", type_name(other)))),
        }
    }

    #[inline(never)]
    fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }

    #[inline(never)]
    fn get(&mut self, key: &'a str) -> Option<&'a Value> {
        let v = self.map.get(key)?;
        self.used.push(key);
        Some(v)
    }

    #[inline(never)]
    fn req(&mut self, key: &'a str) -> Result<&'a Value, Error> {
        let at = self.at(key);
        self.get(key).ok_or_else(|| Error::pack(at, format!("{key} is required")))
    }

    #[inline(never)]
    fn str(&mut self, key: &'a str) -> Result<&'a str, Error> {
        let at = self.at(key);
        match self.req(key)? {
            Value::String(s) => Ok(s),
            other => Err(Error::pack(at, format!("expected a string, found {}", type_name(other)))),
        }
    }

    #[inline(never)]
    fn opt_str(&mut self, key: &'a str) -> Result<Option<&'a str>, Error> {
        if self.map.contains_key(key) {
            self.str(key).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Rejects keys that were never read: a typo must not disable a rule.
    /// Keys starting with `_` are comments and allowed in every object.
    fn finish(self) -> Result<(), Error> {
        self.finish_allowing(None)
    }

    /// `finish`, also allowing `extra` (the top level's `$schema`).
    #[inline(never)]
    fn finish_allowing(self, extra: Option<&str>) -> Result<(), Error> {
        for key in self.map.keys() {
            if !self.used.contains(&key.as_str()) && !key.starts_with('_') && Some(key.as_str()) != extra {
                return Err(Error::pack(join(&self.path, key), format!("unknown key {}", quote(key))));
            }
        }
        Ok(())
    }
}

#[inline(never)]
fn arr<'a>(value: &'a Value, path: &str) -> Result<&'a Vec<Value>, Error> {
    match value {
        Value::Array(a) => Ok(a),
        other => Err(Error::pack(path, format!("expected an array, found {}", type_name(other)))),
    }
}

#[inline(never)]
fn non_empty_arr<'a>(value: &'a Value, path: &str) -> Result<&'a Vec<Value>, Error> {
    let a = arr(value, path)?;
    if a.is_empty() {
        return Err(Error::pack(path, "the array is empty"));
    }
    Ok(a)
}

#[inline(never)]
fn string<'a>(value: &'a Value, path: &str) -> Result<&'a str, Error> {
    match value {
        Value::String(s) => Ok(s),
        other => Err(Error::pack(path, format!("expected a string, found {}", type_name(other)))),
    }
}

#[inline(never)]
fn uint(value: &Value, path: &str, max: u64) -> Result<u64, Error> {
    match value {
        Value::Number(n) => match n.as_u64() {
            Some(v) if v <= max => Ok(v),
            _ => Err(Error::pack(path, format!("{n} is not a whole number from 0 to {max}"))),
        },
        other => Err(Error::pack(path, format!("expected a number, found {}", type_name(other)))),
    }
}

#[inline(never)]
fn boolean(value: &Value, path: &str) -> Result<bool, Error> {
    match value {
        Value::Bool(b) => Ok(*b),
        other => Err(Error::pack(path, format!("expected true or false, found {}", type_name(other)))),
    }
}

/// A decimal given as a string or a JSON number.
#[inline(never)]
fn decimal_text(value: &Value, path: &str) -> Result<String, Error> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.as_str().to_string()),
        other => Err(Error::pack(path, format!("expected a decimal string, found {}", type_name(other)))),
    }
}

fn is_ident(s: &str, upper: bool) -> bool {
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

fn is_semver(s: &str) -> bool {
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

fn is_date(s: &str) -> bool {
    crate::transaction::Timestamp::parse(&format!("{s}T00:00:00Z")).is_some() && s.len() == 10
}

fn parse_template(text: &str, path: &str) -> Result<Vec<Segment>, Error> {
    // `[ ... ]` is an optional group: it renders only when every placeholder
    // inside has a value, so "(channel {channel}[; merchant {merchant}])"
    // never shows a dangling "merchant -". Groups do not nest.
    let mut out = Vec::new();
    let mut rest = text;
    // `split_once` rather than slicing by index throughout this module: a
    // slice that can panic brings core's panic message formatting, with its
    // Unicode tables, into the wasm module.
    while let Some((before, after)) = rest.split_once('[') {
        out.extend(parse_holes(before, path)?);
        let (inner, tail) =
            after.split_once(']').ok_or_else(|| Error::pack(path, "an optional group \"[\" is never closed"))?;
        if inner.contains('[') {
            return Err(Error::pack(path, "optional groups \"[...]\" cannot nest"));
        }
        out.push(Segment::Optional(parse_holes(inner, path)?));
        rest = tail;
    }
    if rest.contains(']') {
        return Err(Error::pack(path, "\"]\" closes no optional group"));
    }
    out.extend(parse_holes(rest, path)?);
    Ok(out)
}

/// Literal text and `{placeholder}`s.
fn parse_holes(text: &str, path: &str) -> Result<Vec<Segment>, Error> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut rest = text;
    while let Some((before, after)) = rest.split_once('{') {
        lit.push_str(before);
        match after.split_once('}') {
            Some((name, tail)) if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()) => {
                let hole = PLACEHOLDERS.iter().find(|(n, _)| *n == name).map(|&(_, p)| p).ok_or_else(|| {
                    Error::pack(
                        path,
                        format!(
                            "unknown placeholder {{{name}}}; known: {}",
                            PLACEHOLDERS.map(|(n, _)| format!("{{{n}}}")).join(", ")
                        ),
                    )
                })?;
                if !lit.is_empty() {
                    out.push(Segment::Text(std::mem::take(&mut lit)));
                }
                out.push(Segment::Hole(hole));
                rest = tail;
            }
            _ => {
                lit.push('{');
                rest = after;
            }
        }
    }
    lit.push_str(rest);
    if !lit.is_empty() {
        out.push(Segment::Text(lit));
    }
    Ok(out)
}

/// Names to indices, sorted once for binary search: a map without a map
/// type (a `BTreeMap` or `HashMap` instantiation is several KB of wasm).
#[derive(Default)]
struct Index(Vec<(String, usize)>);

impl Index {
    /// Sorts the entries and returns the first duplicate in input order (the
    /// entry with the smallest index among those whose name came before).
    fn seal(&mut self) -> Option<(String, usize)> {
        crate::sort::sort_by(&mut self.0, |a, b| a < b);
        let dup = self.0.windows(2).filter(|w| w[0].0 == w[1].0).map(|w| w[1].1).min()?;
        self.0.iter().find(|e| e.1 == dup).cloned()
    }

    fn get(&self, name: &str) -> Option<usize> {
        let i = self.0.binary_search_by(|(k, _)| k.as_str().cmp(name)).ok()?;
        self.0.get(i).map(|&(_, v)| v)
    }
}

struct Loader {
    limits: PackLimits,
    sources: Vec<Source>,
    source_index: Index,
    rates: Rates,
    lists: Vec<TermList>,
    /// Where each list was defined, for error paths.
    list_paths: Vec<String>,
    list_index: Index,
    indicator_index: Index,
    /// References from indicator i to indicator j, for the cycle check.
    refs: Vec<Vec<(usize, String)>>,
    terms: usize,
}

impl Loader {
    fn new(limits: PackLimits) -> Loader {
        Loader {
            limits,
            sources: Vec::new(),
            source_index: Index::default(),
            rates: Rates::default(),
            lists: Vec::new(),
            list_paths: Vec::new(),
            list_index: Index::default(),
            indicator_index: Index::default(),
            refs: Vec::new(),
            terms: 0,
        }
    }

    fn load(mut self, value: Value) -> Result<PackInner, Error> {
        let mut top = Obj::new(&value, "", "a pack")?;
        let id = top.str("id")?;
        if !is_ident(id, false) {
            return Err(Error::pack(
                "/id",
                format!("{} is not a pack id (lower-case letters, digits, '.', '_', '-'; at most 64 bytes)", quote(id)),
            ));
        }
        let version = top.str("version")?;
        if !is_semver(version) {
            return Err(Error::pack("/version", format!("{} is not a semantic version such as 1.2.3", quote(version))));
        }
        let published = top.str("published")?;
        if !is_date(published) {
            return Err(Error::pack("/published", format!("{} is not a date YYYY-MM-DD", quote(published))));
        }
        let publisher = top.str("publisher")?;
        top.str("license")?;
        top.str("description")?;

        let sources = top.req("sources")?;
        self.load_sources(sources)?;
        let fx = top.req("fx")?;
        self.load_fx(fx)?;
        let scoring = self.load_scoring(top.req("scoring")?)?;
        if let Some(lists) = top.get("termLists") {
            self.load_term_lists(lists)?;
        }
        let indicators_value = top.req("indicators")?;
        top.finish_allowing(Some("$schema"))?;

        let items = non_empty_arr(indicators_value, "/indicators")?;
        if items.len() > self.limits.max_indicators {
            return Err(Error::limit(
                "/indicators",
                format!(
                    "the pack has {} indicators, more than the limit of {}",
                    items.len(),
                    self.limits.max_indicators
                ),
            ));
        }
        // Ids first, so conditions can reference indicators defined later.
        for (i, item) in items.iter().enumerate() {
            let path = join_index("/indicators", i);
            let at = join(&path, "id");
            let id = match item {
                Value::Object(m) => match m.get("id") {
                    Some(v) => string(v, &at)?,
                    None => return Err(Error::pack(at, "id is required")),
                },
                other => {
                    return Err(Error::pack(path, format!("expected an indicator object, found {}", type_name(other))))
                }
            };
            if !is_ident(id, true) {
                return Err(Error::pack(
                    at,
                    format!(
                        "{} is not an indicator id (upper-case letters, digits, '.', '_', '-'; at most 64 bytes)",
                        quote(id)
                    ),
                ));
            }
            self.indicator_index.0.push((id.to_string(), i));
        }
        if let Some((id, i)) = self.indicator_index.seal() {
            let at = join(&join_index("/indicators", i), "id");
            return Err(Error::pack(at, format!("duplicate indicator id {}", quote(&id))));
        }
        self.refs = vec![Vec::new(); items.len()];
        let mut indicators = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            indicators.push(self.load_indicator(item, i)?);
        }
        let order = self.topological_order(items.len())?;

        let matcher = Matcher::build(&self.lists).map_err(|e| match e {
            TermError::Empty { list, entry, allow } => {
                let base = self.list_paths.get(list as usize).cloned().unwrap_or_default();
                let n_terms = self.lists.get(list as usize).map_or(0, |l| l.terms.len());
                let path = if allow {
                    join_index(&join(&base, "allow"), entry as usize - n_terms)
                } else {
                    join_index(&join(&base, "terms"), entry as usize)
                };
                Error::pack(path, "the term has no letters, digits or emoji left after normalization")
            }
            TermError::TooLarge => Error::limit("/termLists", "the terms need more automaton states than 2^32"),
        })?;

        let digest = digest(&value);
        Ok(PackInner {
            id: id.to_string(),
            version: version.to_string(),
            digest,
            published: published.to_string(),
            publisher: publisher.to_string(),
            sources: self.sources,
            fx: Fx { currencies: self.rates.iter().map(|&(c, _)| c).collect(), rates: self.rates },
            scoring,
            lists: self.lists,
            matcher,
            indicators,
            order,
            value,
        })
    }

    fn load_sources(&mut self, value: &Value) -> Result<(), Error> {
        for (i, item) in non_empty_arr(value, "/sources")?.iter().enumerate() {
            let path = join_index("/sources", i);
            let mut o = Obj::new(item, &path, "a source")?;
            let id = o.str("id")?;
            if id.is_empty() {
                return Err(Error::pack(o.at("id"), "the source id is empty"));
            }
            let publisher = o.str("publisher")?.to_string();
            let title = o.str("title")?.to_string();
            let year_at = o.at("year");
            let year = uint(o.req("year")?, &year_at, 9999)? as u16;
            let url = o.str("url")?.to_string();
            let grade_at = o.at("grade");
            let grade = match o.str("grade")? {
                "A" => Grade::A,
                "B" => Grade::B,
                "C" => Grade::C,
                g => {
                    return Err(Error::pack(
                        grade_at,
                        format!("{} is not a grade; expected \"A\", \"B\" or \"C\"", quote(g)),
                    ))
                }
            };
            o.finish()?;
            self.source_index.0.push((id.to_string(), self.sources.len()));
            self.sources.push(Source { id: id.to_string(), publisher, title, year, url, grade });
        }
        if let Some((id, i)) = self.source_index.seal() {
            let at = join(&join_index("/sources", i), "id");
            return Err(Error::pack(at, format!("duplicate source id {}", quote(&id))));
        }
        Ok(())
    }

    fn load_fx(&mut self, value: &Value) -> Result<(), Error> {
        let mut o = Obj::new(value, "/fx", "an fx")?;
        let base_text = o.str("base")?;
        let base = Currency::parse(base_text)
            .ok_or_else(|| Error::pack("/fx/base", format!("{} is not an ISO 4217 currency code", quote(base_text))))?;
        let date = o.str("date")?;
        if !is_date(date) {
            return Err(Error::pack("/fx/date", format!("{} is not a date YYYY-MM-DD", quote(date))));
        }
        let rates = match o.req("rates")? {
            Value::Object(m) => m,
            other => return Err(Error::pack("/fx/rates", format!("expected an object, found {}", type_name(other)))),
        };
        o.finish()?;
        for (code, rate) in rates {
            let at = join("/fx/rates", code);
            if code.starts_with('_') {
                continue;
            }
            let cur = Currency::parse(code)
                .ok_or_else(|| Error::pack(at.clone(), format!("{} is not an ISO 4217 currency code", quote(code))))?;
            let text = decimal_text(rate, &at)?;
            let r = Rate::parse(&text).ok_or_else(|| {
                Error::pack(
                    at.clone(),
                    format!("{} is not a positive rate with at most 18 significant digits", quote(&text)),
                )
            })?;
            self.rates.insert(cur, r);
        }
        match self.rates.get(&base) {
            Some(r) if r.is_one() => Ok(()),
            Some(_) => Err(Error::pack(join("/fx/rates", base.as_str()), "the base currency's rate must be 1")),
            None => Err(Error::pack("/fx/rates", format!("the base currency {base} has no rate"))),
        }
    }

    fn load_scoring(&self, value: &Value) -> Result<Scoring, Error> {
        let mut o = Obj::new(value, "/scoring", "a scoring")?;
        let mut get = |key: &'static str| -> Result<u8, Error> {
            let at = o.at(key);
            Ok(uint(o.req(key)?, &at, 100)? as u8)
        };
        let s = Scoring { low: get("low")?, review: get("review")?, high: get("high")?, cap: get("cap")? };
        o.finish()?;
        if s.cap == 0 {
            return Err(Error::pack("/scoring/cap", "cap must be from 1 to 100"));
        }
        if !(0 < s.low && s.low <= s.review && s.review <= s.high && s.high <= s.cap) {
            return Err(Error::pack(
                "/scoring",
                format!(
                    "thresholds must satisfy 0 < low <= review <= high <= cap; got low {}, review {}, high {}, cap {}",
                    s.low, s.review, s.high, s.cap
                ),
            ));
        }
        Ok(s)
    }

    fn load_term_lists(&mut self, value: &Value) -> Result<(), Error> {
        let map = match value {
            Value::Object(m) => m,
            other => return Err(Error::pack("/termLists", format!("expected an object, found {}", type_name(other)))),
        };
        for (name, list) in map {
            let path = join("/termLists", name);
            if !is_ident(name, false) {
                return Err(Error::pack(
                    path,
                    format!("{} is not a list name (lower-case letters, digits, '.', '_', '-')", quote(name)),
                ));
            }
            let id = self.load_list(list, &path)?;
            self.list_index.0.push((name.clone(), id as usize));
        }
        // Object keys are unique, so there is no duplicate to report.
        self.list_index.seal();
        Ok(())
    }

    /// Loads `{"terms": [...], "allow": [...]}` at `path`.
    fn load_list(&mut self, value: &Value, path: &str) -> Result<u32, Error> {
        let mut o = Obj::new(value, path, "a term list")?;
        let terms_at = o.at("terms");
        let terms_value = o.req("terms")?;
        let allow_value = o.get("allow");
        o.finish()?;
        let mut list = TermList::default();
        for (i, t) in non_empty_arr(terms_value, &terms_at)?.iter().enumerate() {
            let at = join_index(&terms_at, i);
            list.terms.push(load_term(t, &at)?);
        }
        if let Some(a) = allow_value {
            let allow_at = join(path, "allow");
            for (i, p) in arr(a, &allow_at)?.iter().enumerate() {
                let at = join_index(&allow_at, i);
                let text = string(p, &at)?;
                check_term_text(text, &at)?;
                list.allow.push(text.to_string());
            }
        }
        self.terms += list.terms.len() + list.allow.len();
        if self.terms > self.limits.max_terms {
            return Err(Error::limit(
                path,
                format!("the pack has more than {} terms and allow phrases (the limit)", self.limits.max_terms),
            ));
        }
        self.lists.push(list);
        self.list_paths.push(path.to_string());
        Ok((self.lists.len() - 1) as u32)
    }

    /// A term specification: `{"list": name}` or an inline list.
    fn term_spec(&mut self, value: &Value, path: &str) -> Result<u32, Error> {
        if let Value::Object(m) = value {
            if let Some(name) = m.get("list") {
                let mut o = Obj::new(value, path, "a term specification")?;
                o.get("list");
                o.finish()?;
                let at = join(path, "list");
                let name = string(name, &at)?;
                return self
                    .list_index
                    .get(name)
                    .map(|id| id as u32)
                    .ok_or_else(|| Error::pack(at, format!("unknown term list {}", quote(name))));
            }
        }
        self.load_list(value, path)
    }

    fn load_indicator(&mut self, value: &Value, index: usize) -> Result<Indicator, Error> {
        let path = join_index("/indicators", index);
        let mut o = Obj::new(value, &path, "an indicator")?;
        let id = o.str("id")?.to_string();
        let title = localized(o.req("title")?, &o.at("title"))?;
        let cat_at = o.at("category");
        let cat = o.str("category")?;
        let category = Category::ALL.iter().find(|(n, _)| *n == cat).map(|&(_, c)| c).ok_or_else(|| {
            Error::pack(
                cat_at,
                format!(
                    "{} is not a category; expected one of {}",
                    quote(cat),
                    Category::ALL.map(|(n, _)| n).join(", ")
                ),
            )
        })?;
        let src_at = o.at("sources");
        let mut sources = Vec::new();
        for (i, s) in non_empty_arr(o.req("sources")?, &src_at)?.iter().enumerate() {
            let at = join_index(&src_at, i);
            let name = string(s, &at)?;
            let idx = self.source_index.get(name).ok_or_else(|| {
                Error::pack(at, format!("unknown source {}; it is not in the sources register", quote(name)))
            })?;
            if !sources.contains(&idx) {
                sources.push(idx);
            }
        }
        let w_at = o.at("weight");
        let weight = uint(o.req("weight")?, &w_at, 100)? as u8;
        let c_at = o.at("condition");
        let cond_value = o.req("condition")?;
        let ex_at = o.at("explanation");
        let explanation = localized(o.req("explanation")?, &ex_at)?;
        if let Some(scope) = o.opt_str("scope")? {
            if !matches!(scope, "E1" | "E2" | "E3" | "E4" | "E1/E2") {
                return Err(Error::pack(
                    o.at("scope"),
                    format!("{} is not a scope; expected E1, E2, E3, E4 or E1/E2", quote(scope)),
                ));
            }
        }
        o.finish()?;
        let condition = self.condition(cond_value, &c_at, 1, index)?;
        let explanation = Localized {
            en: parse_template(&explanation.en, &join(&ex_at, "en"))?,
            id: parse_template(&explanation.id, &join(&ex_at, "id"))?,
        };
        let sources: Arc<[crate::verdict::SourceRef]> = sources
            .iter()
            .filter_map(|&i| self.sources.get(i))
            .map(|s| crate::verdict::SourceRef {
                publisher: s.publisher.clone(),
                title: s.title.clone(),
                year: s.year,
                url: s.url.clone(),
                grade: s.grade,
            })
            .collect();
        let title = Localized { en: Arc::from(title.en), id: Arc::from(title.id) };
        Ok(Indicator { id: Arc::from(id), title, category, sources, weight, condition, explanation })
    }

    fn condition(&mut self, value: &Value, path: &str, depth: usize, owner: usize) -> Result<Cond, Error> {
        if depth > self.limits.max_depth {
            return Err(Error::limit(path, format!("conditions nest deeper than {} levels", self.limits.max_depth)));
        }
        let map = match value {
            Value::Object(m) => m,
            other => return Err(Error::pack(path, format!("expected a condition object, found {}", type_name(other)))),
        };
        let kind = if map.contains_key("atLeast") {
            "atLeast"
        } else {
            let mut keys = map.keys().filter(|k| !k.starts_with('_'));
            match (keys.next(), keys.next()) {
                (Some(k), None) => k.as_str(),
                (None, _) => return Err(Error::pack(path, "the condition is empty; it needs one kind key")),
                (Some(a), Some(b)) => {
                    return Err(Error::pack(
                        path,
                        format!(
                            "the condition has two kind keys, {} and {}; wrap them in \"all\" or \"any\"",
                            quote(a),
                            quote(b)
                        ),
                    ))
                }
            }
        };
        let mut o = Obj::new(value, path, "a condition")?;
        let at = o.at(kind);
        let arg = match kind {
            "all" | "any" | "not" | "memoTerms" | "merchantTerms" | "near" | "memoPattern" | "memoPresent"
            | "mccIn" | "amountBetween" | "roundAmount" | "corridor" | "crossBorder" | "channelIn"
            | "localHourBetween" | "senderIsMinor" | "receiverIsNew" | "accountAgeBelow" | "indicator" | "atLeast"
            | "currencyIn" => o.req(kind)?,
            other => return Err(Error::pack(join(path, other), format!("unknown condition kind {}", quote(other)))),
        };
        let cond = match kind {
            "all" | "any" => {
                let items = non_empty_arr(arg, &at)?;
                let mut children = Vec::with_capacity(items.len());
                for (i, c) in items.iter().enumerate() {
                    children.push(self.condition(c, &join_index(&at, i), depth + 1, owner)?);
                }
                if kind == "all" {
                    Cond::All(children)
                } else {
                    Cond::Any(children)
                }
            }
            "not" => Cond::Not(Box::new(self.condition(arg, &at, depth + 1, owner)?)),
            "atLeast" => {
                let n = uint(arg, &at, u64::from(u32::MAX))? as usize;
                let of_at = o.at("of");
                let items = non_empty_arr(o.req("of")?, &of_at)?;
                if n == 0 || n > items.len() {
                    return Err(Error::pack(
                        at,
                        format!("atLeast must be from 1 to the number of children ({}), got {n}", items.len()),
                    ));
                }
                let mut children = Vec::with_capacity(items.len());
                for (i, c) in items.iter().enumerate() {
                    children.push(self.condition(c, &join_index(&of_at, i), depth + 1, owner)?);
                }
                Cond::AtLeast(n, children)
            }
            "memoTerms" => Cond::MemoTerms(self.term_spec(arg, &at)?),
            "merchantTerms" => Cond::MerchantTerms(self.term_spec(arg, &at)?),
            "near" => {
                let mut n = Obj::new(arg, &at, "a near")?;
                let a_at = n.at("a");
                let a_val = n.req("a")?;
                let b_at = n.at("b");
                let b_val = n.req("b")?;
                let w_at = n.at("within");
                let within = uint(n.req("within")?, &w_at, 1000)? as u32;
                let field = match n.opt_str("field")? {
                    None | Some("memo") => TextField::Memo,
                    Some("merchant.name") => TextField::MerchantName,
                    Some("merchant.descriptor") => TextField::MerchantDescriptor,
                    Some(f) => {
                        return Err(Error::pack(
                            n.at("field"),
                            format!(
                                "{} is not a text field; expected memo, merchant.name or merchant.descriptor",
                                quote(f)
                            ),
                        ))
                    }
                };
                n.finish()?;
                Cond::Near { a: self.term_spec(a_val, &a_at)?, b: self.term_spec(b_val, &b_at)?, within, field }
            }
            "memoPattern" => {
                let names: Vec<(String, &Value)> = match arg {
                    Value::Array(items) if !items.is_empty() => {
                        items.iter().enumerate().map(|(i, v)| (join_index(&at, i), v)).collect()
                    }
                    Value::Array(_) => return Err(Error::pack(at, "the array is empty")),
                    v => vec![(at.clone(), v)],
                };
                let mut kinds = Vec::new();
                for (p, v) in names {
                    let s = string(v, &p)?;
                    let k = PatternKind::parse(s).ok_or_else(|| {
                        Error::pack(
                            p,
                            format!("{} is not a pattern kind; expected socialHandle, phoneNumber or url", quote(s)),
                        )
                    })?;
                    kinds.push(k);
                }
                Cond::MemoPattern(kinds)
            }
            "memoPresent" => Cond::MemoPresent(boolean(arg, &at)?),
            "mccIn" => {
                let mut codes = Vec::new();
                for (i, v) in non_empty_arr(arg, &at)?.iter().enumerate() {
                    let p = join_index(&at, i);
                    let s = string(v, &p)?;
                    codes.push(parse_mcc(s).ok_or_else(|| {
                        Error::pack(p, format!("{} is not a 4-digit merchant category code", quote(s)))
                    })?);
                }
                Cond::MccIn(codes)
            }
            "amountBetween" => Cond::AmountBetween(Box::new(self.amount_band(arg, &at)?)),
            "roundAmount" => Cond::RoundAmount(Box::new(self.round_rule(arg, &at)?)),
            "corridor" => {
                let mut c = Obj::new(arg, &at, "a corridor")?;
                let from_at = c.at("from");
                let from = c.get("from").map(|v| countries(v, &from_at)).transpose()?;
                let to_at = c.at("to");
                let to = c.get("to").map(|v| countries(v, &to_at)).transpose()?;
                c.finish()?;
                if from.is_none() && to.is_none() {
                    return Err(Error::pack(at, "a corridor needs \"from\", \"to\" or both"));
                }
                Cond::Corridor { from, to }
            }
            "crossBorder" => Cond::CrossBorder(boolean(arg, &at)?),
            "channelIn" => {
                let mut chans = Vec::new();
                for (i, v) in non_empty_arr(arg, &at)?.iter().enumerate() {
                    let p = join_index(&at, i);
                    let s = string(v, &p)?;
                    chans.push(Channel::parse(s).ok_or_else(|| {
                        Error::pack(
                            p,
                            format!(
                                "{} is not a channel; expected one of {}",
                                quote(s),
                                Channel::ALL.map(Channel::as_str).join(", ")
                            ),
                        )
                    })?);
                }
                Cond::ChannelIn(chans)
            }
            "currencyIn" => {
                let mut curs = Vec::new();
                for (i, v) in non_empty_arr(arg, &at)?.iter().enumerate() {
                    let p = join_index(&at, i);
                    let s = string(v, &p)?;
                    curs.push(
                        Currency::parse(s)
                            .ok_or_else(|| Error::pack(p, format!("{} is not an ISO 4217 currency code", quote(s))))?,
                    );
                }
                Cond::CurrencyIn(curs)
            }
            "localHourBetween" => {
                let mut h = Obj::new(arg, &at, "an hour range")?;
                let f_at = h.at("from");
                let from = uint(h.req("from")?, &f_at, 23)? as u8;
                let t_at = h.at("to");
                let to = uint(h.req("to")?, &t_at, 24)? as u8;
                h.finish()?;
                if from == to {
                    return Err(Error::pack(at, "from and to are equal, so the range is empty"));
                }
                Cond::LocalHourBetween { from, to }
            }
            "senderIsMinor" => Cond::SenderIsMinor(boolean(arg, &at)?),
            "receiverIsNew" => Cond::ReceiverIsNew(boolean(arg, &at)?),
            "accountAgeBelow" => Cond::AccountAgeBelow(uint(arg, &at, u64::from(u32::MAX))? as u32),
            "indicator" => {
                let name = string(arg, &at)?;
                let target = self
                    .indicator_index
                    .get(name)
                    .ok_or_else(|| Error::pack(at.clone(), format!("unknown indicator {}", quote(name))))?;
                if let Some(r) = self.refs.get_mut(owner) {
                    r.push((target, at));
                }
                Cond::Indicator(target)
            }
            _ => return Err(Error::pack(at, format!("unknown condition kind {}", quote(kind)))),
        };
        o.finish()?;
        Ok(cond)
    }

    fn amount_band(&self, value: &Value, path: &str) -> Result<AmountBand, Error> {
        let mut o = Obj::new(value, path, "an amount band")?;
        let cur_at = o.at("currency");
        let cur_text = o.str("currency")?;
        let currency = self.fx_currency(cur_text, &cur_at)?;
        let mut bound = |key: &'static str| -> Result<Option<u64>, Error> {
            let at = o.at(key);
            match o.get(key) {
                None => Ok(None),
                Some(v) => {
                    let text = decimal_text(v, &at)?;
                    money::parse_minor(&text, currency.exponent())
                        .map(Some)
                        .map_err(|e| Error::pack(at, e.describe(&text, currency.as_str())))
                }
            }
        };
        let min = bound("min")?;
        let max = bound("max")?;
        o.finish()?;
        match (min, max) {
            (None, None) => return Err(Error::pack(path, "an amount band needs \"min\", \"max\" or both")),
            (Some(a), Some(b)) if a > b => return Err(Error::pack(path, "min is larger than max")),
            _ => {}
        }
        let rate_b = self.rates.get(&currency).copied();
        let mut converted = Vec::new();
        for &(cur, rate) in self.rates.iter() {
            let Some(rate_b) = rate_b else { break };
            let conv = |v: Option<u64>| -> Result<Option<u128>, Error> {
                v.map(|m| {
                    money::convert(m, currency.exponent(), rate_b, cur.exponent(), rate).ok_or_else(|| {
                        Error::pack(
                            path,
                            format!("converting the band into {cur} overflows; use smaller bounds or rates"),
                        )
                    })
                })
                .transpose()
            };
            converted.push(Bounds { min: conv(min)?, max: conv(max)? });
        }
        Ok(AmountBand { currency, min, max, converted })
    }

    fn round_rule(&self, value: &Value, path: &str) -> Result<RoundRule, Error> {
        let mut o = Obj::new(value, path, "a round-amount rule")?;
        let m_at = o.at("multiples");
        let mut multiples = Vec::new();
        if let Some(m) = o.get("multiples") {
            let map = match m {
                Value::Object(map) => map,
                other => return Err(Error::pack(m_at, format!("expected an object, found {}", type_name(other)))),
            };
            for (code, v) in map {
                let at = join(&m_at, code);
                let cur = Currency::parse(code).ok_or_else(|| {
                    Error::pack(at.clone(), format!("{} is not an ISO 4217 currency code", quote(code)))
                })?;
                let text = decimal_text(v, &at)?;
                let minor = money::parse_minor(&text, cur.exponent())
                    .map_err(|e| Error::pack(at.clone(), e.describe(&text, code)))?;
                if minor == 0 {
                    return Err(Error::pack(at, "the multiple must be positive"));
                }
                multiples.push((cur, minor));
            }
        }
        crate::sort::sort_by(&mut multiples, |a, b| a < b);
        let d_at = o.at("default");
        let default = match o.get("default") {
            None => None,
            Some(v) => {
                let text = decimal_text(v, &d_at)?;
                let mut per_exp = [None; 5];
                for (exp, slot) in per_exp.iter_mut().enumerate() {
                    *slot = money::parse_minor(&text, exp as u8).ok().filter(|&m| m > 0);
                }
                if per_exp[4].is_none() {
                    return Err(Error::pack(d_at, format!("{} is not a positive decimal", quote(&text))));
                }
                Some((text, per_exp))
            }
        };
        o.finish()?;
        if multiples.is_empty() && default.is_none() {
            return Err(Error::pack(path, "a round-amount rule needs \"multiples\", \"default\" or both"));
        }
        Ok(RoundRule { multiples, default })
    }

    fn fx_currency(&self, code: &str, path: &str) -> Result<Currency, Error> {
        let cur = Currency::parse(code)
            .ok_or_else(|| Error::pack(path, format!("{} is not an ISO 4217 currency code", quote(code))))?;
        if !self.rates.contains_key(&cur) {
            return Err(Error::pack(path, format!("{cur} has no rate in the fx table")));
        }
        Ok(cur)
    }

    fn topological_order(&self, n: usize) -> Result<Vec<usize>, Error> {
        // Depth-first search with colours; a grey node reached again is a cycle.
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            White,
            Grey,
            Black,
        }
        let mut mark = vec![Mark::White; n];
        let mut order = Vec::with_capacity(n);
        for root in 0..n {
            if mark[root] != Mark::White {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
            mark[root] = Mark::Grey;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                let edges = self.refs.get(node).map_or(&[][..], |v| v.as_slice());
                if let Some((target, at)) = edges.get(*next) {
                    *next += 1;
                    match mark.get(*target).copied() {
                        Some(Mark::White) => {
                            mark[*target] = Mark::Grey;
                            stack.push((*target, 0));
                        }
                        Some(Mark::Grey) => {
                            return Err(Error::pack(at.clone(), "indicator references form a cycle"));
                        }
                        _ => {}
                    }
                } else {
                    mark[node] = Mark::Black;
                    order.push(node);
                    stack.pop();
                }
            }
        }
        Ok(order)
    }
}

fn check_term_text(text: &str, path: &str) -> Result<(), Error> {
    if text.is_empty() || text.len() > 256 {
        return Err(Error::pack(path, format!("a term must be 1 to 256 bytes, got {}", text.len())));
    }
    Ok(())
}

fn load_term(value: &Value, path: &str) -> Result<Term, Error> {
    match value {
        Value::String(s) => {
            check_term_text(s, path)?;
            Ok(Term { text: s.clone(), lang: "en".into(), validated: true, mode: MatchMode::Word })
        }
        Value::Object(_) => {
            let mut o = Obj::new(value, path, "a term")?;
            let text = o.str("term")?;
            check_term_text(text, &o.at("term"))?;
            let lang = o.opt_str("lang")?.unwrap_or("en").to_string();
            if lang.is_empty() || lang.len() > 35 || !lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                return Err(Error::pack(o.at("lang"), format!("{} is not a BCP 47 language tag", quote(&lang))));
            }
            let v_at = o.at("validated");
            let validated = o.get("validated").map(|v| boolean(v, &v_at)).transpose()?.unwrap_or(true);
            let m_at = o.at("match");
            let mode = match o.opt_str("match")? {
                None | Some("word") => MatchMode::Word,
                Some("substring") => MatchMode::Substring,
                Some(m) => {
                    return Err(Error::pack(
                        m_at,
                        format!("{} is not a match mode; expected \"word\" or \"substring\"", quote(m)),
                    ))
                }
            };
            o.finish()?;
            Ok(Term { text: text.to_string(), lang, validated, mode })
        }
        other => Err(Error::pack(path, format!("expected a term string or object, found {}", type_name(other)))),
    }
}

#[inline(never)]
fn localized(value: &Value, path: &str) -> Result<Localized<String>, Error> {
    let mut o = Obj::new(value, path, "an {en, id}")?;
    let en = o.str("en")?.to_string();
    let id = o.str("id")?.to_string();
    o.finish()?;
    Ok(Localized { en, id })
}

#[inline(never)]
fn countries(value: &Value, path: &str) -> Result<Vec<Country>, Error> {
    let mut out = Vec::new();
    for (i, v) in non_empty_arr(value, path)?.iter().enumerate() {
        let at = join_index(path, i);
        let s = string(v, &at)?;
        out.push(
            Country::parse(s)
                .ok_or_else(|| Error::pack(at, format!("{} is not an ISO 3166-1 alpha-2 country code", quote(s))))?,
        );
    }
    crate::sort::sort_by(&mut out, |a, b| a < b);
    out.dedup();
    Ok(out)
}
