//! Pack lint: conditions that repeat another indicator's, and facts that
//! more than one weighted indicator counts.
//!
//! A score should measure how much evidence a payment carries, not how many
//! publishers wrote about one fact. So each observable fact (a destination
//! country, an amount band, a term list, a channel, ...) is counted by one
//! weighted indicator, citing every publisher that names it; a combination
//! refers to that indicator (`{"indicator": id}`) instead of restating its
//! condition. [`Pack::lint`] finds the places where a pack breaks that rule.
//!
//! What counts as the same fact is decided on the compiled conditions:
//!
//! * two leaves of the same kind are the same fact when one transaction can
//!   make both true through the same field: term lists when they are the same
//!   list on the same field, amount bands when their ranges meet (compared in
//!   every FX currency, so rounding never hides an overlap, and only when
//!   the `currencyIn` conditions beside them let them apply to one
//!   currency), corridors when
//!   they constrain the same side (sender or destination) with countries in
//!   common, channel, MCC, pattern and hour lists when they intersect,
//!   yes/no fields when they ask for the same answer;
//! * `crossBorder` and `currencyIn` only scope a fact (a band in rupiah, a
//!   corridor that crosses a border), and leaves under `not` exclude rather
//!   than observe, so neither is a fact of its own;
//! * two indicators that can never fire on the same transaction (a top-level
//!   condition of one is disjoint from a top-level condition of the other,
//!   looking through `indicator` references) may share a fact.

use super::{AmountBand, Cond, Indicator, Pack, TextField};
use crate::json::{Object, Value};
use crate::money::Currency;

/// What a lint finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LintKind {
    /// Two indicators have the same condition.
    DuplicateCondition,
    /// Two weighted indicators count the same fact.
    FactCountedTwice,
}

impl LintKind {
    /// The stable string form: `duplicate_condition`, `fact_counted_twice`.
    pub fn code(self) -> &'static str {
        match self {
            LintKind::DuplicateCondition => "duplicate_condition",
            LintKind::FactCountedTwice => "fact_counted_twice",
        }
    }
}

/// One problem [`Pack::lint`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lint {
    kind: LintKind,
    indicators: [String; 2],
    message: String,
}

impl Lint {
    /// What the finding is about.
    pub fn kind(&self) -> LintKind {
        self.kind
    }

    /// The two indicators, in pack order.
    pub fn indicators(&self) -> [&str; 2] {
        [&self.indicators[0], &self.indicators[1]]
    }

    /// A sentence naming both indicators and the fact.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for Lint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind.code(), self.message)
    }
}

impl Pack {
    /// Indicators that repeat each other: two with the same condition, or two
    /// weighted ones (weight above 0) that count the same fact. An empty list
    /// means every fact is counted once. The default pack is held to this by
    /// its tests.
    ///
    /// # Example
    ///
    /// ```
    /// use jejak::Pack;
    ///
    /// assert!(Pack::default_pack().lint().is_empty());
    /// ```
    pub fn lint(&self) -> Vec<Lint> {
        let inner = &self.inner;
        let ind = &inner.indicators;
        let conditions: Vec<Option<String>> = match inner.value.as_ref().and_then(|v| member(v, "indicators")) {
            Some(Value::Array(list)) => list.iter().map(|i| member(i, "condition").map(canonical_condition)).collect(),
            _ => Vec::new(),
        };
        let mut out = Vec::new();
        for (a, ia) in ind.iter().enumerate() {
            for (b, ib) in ind.iter().enumerate().skip(a + 1) {
                let ids = [ia.id.to_string(), ib.id.to_string()];
                if let (Some(Some(ca)), Some(Some(cb))) = (conditions.get(a), conditions.get(b)) {
                    if ca == cb {
                        out.push(Lint {
                            kind: LintKind::DuplicateCondition,
                            message: format!("{} and {} have the same condition", ids[0], ids[1]),
                            indicators: ids,
                        });
                        continue;
                    }
                }
                if ia.weight == 0 || ib.weight == 0 || exclusive(ind, ia, ib) {
                    continue;
                }
                let (mut fa, mut fb) = (Vec::new(), Vec::new());
                facts(&ia.condition, Scope::Any, &mut fa);
                facts(&ib.condition, Scope::Any, &mut fb);
                let found = fa.iter().find(|(x, sx)| fb.iter().any(|(y, sy)| sx.meets(sy) && same_fact(x, y)));
                if let Some((x, _)) = found {
                    out.push(Lint {
                        kind: LintKind::FactCountedTwice,
                        message: format!(
                            "{} and {} both count {}; keep it in one of them and refer to that one \
                             ({{\"indicator\": ...}}) from the other",
                            ids[0],
                            ids[1],
                            describe(inner, x)
                        ),
                        indicators: ids,
                    });
                }
            }
        }
        out
    }
}

fn member<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    match v {
        Value::Object(o) => o.get(key),
        _ => None,
    }
}

/// The condition's canonical JSON without `_`-prefixed comment keys.
fn canonical_condition(v: &Value) -> String {
    fn strip(v: &Value) -> Value {
        match v {
            Value::Array(xs) => Value::Array(xs.iter().map(strip).collect()),
            Value::Object(o) => {
                let mut out = Object::default();
                for (k, x) in o.iter().filter(|(k, _)| !k.starts_with('_')) {
                    out.push(k, strip(x));
                }
                Value::Object(out)
            }
            other => other.clone(),
        }
    }
    strip(v).to_canonical()
}

/// The currencies a fact is scoped to by `currencyIn` conditions beside it
/// in an `all` (a band in rupiah only, or in anything but rupiah).
#[derive(Clone, Debug)]
enum Scope<'c> {
    Any,
    Only(&'c [Currency]),
    Except(&'c [Currency]),
}

impl Scope<'_> {
    fn meets(&self, other: &Scope<'_>) -> bool {
        match (self, other) {
            (Scope::Only(a), Scope::Only(b)) => meet(a, b),
            (Scope::Only(a), Scope::Except(b)) | (Scope::Except(b), Scope::Only(a)) => a.iter().any(|c| !b.contains(c)),
            _ => true,
        }
    }
}

/// The leaves of a condition that observe a fact (see the module docs),
/// with their currency scope.
fn facts<'c>(c: &'c Cond, scope: Scope<'c>, out: &mut Vec<(&'c Cond, Scope<'c>)>) {
    match c {
        Cond::All(xs) => {
            let mut inner = scope;
            for x in xs {
                match x {
                    Cond::CurrencyIn(only) => inner = Scope::Only(only),
                    Cond::Not(n) => {
                        if let Cond::CurrencyIn(except) = &**n {
                            inner = Scope::Except(except);
                        }
                    }
                    _ => {}
                }
            }
            xs.iter().for_each(|x| facts(x, inner.clone(), out));
        }
        Cond::Any(xs) | Cond::AtLeast(_, xs) => xs.iter().for_each(|x| facts(x, scope.clone(), out)),
        // Scope, not facts: where a payment goes, its currency, whether the
        // payee is a registered merchant.
        Cond::Not(_)
        | Cond::CrossBorder(_)
        | Cond::CurrencyIn(_)
        | Cond::MerchantRegistered(_)
        | Cond::Indicator(_) => {}
        leaf => out.push((leaf, scope)),
    }
}

/// The conditions that must all hold for `c` to hold, looking through
/// `all` and through references to other indicators.
fn conjuncts<'c>(pack: &'c [Indicator], c: &'c Cond, depth: usize, out: &mut Vec<&'c Cond>) {
    match c {
        Cond::All(xs) => xs.iter().for_each(|x| conjuncts(pack, x, depth, out)),
        // References form no cycle (the loader checks), so the depth bound
        // only guards against a pathological chain.
        Cond::Indicator(i) if depth < 64 => {
            if let Some(r) = pack.get(*i) {
                conjuncts(pack, &r.condition, depth + 1, out);
            }
        }
        other => out.push(other),
    }
}

/// Whether two indicators can never fire on the same transaction: two of
/// their conjuncts are disjoint, or one requires that the other does not
/// fire.
fn exclusive(pack: &[Indicator], a: &Indicator, b: &Indicator) -> bool {
    let (mut ca, mut cb) = (Vec::new(), Vec::new());
    conjuncts(pack, &a.condition, 0, &mut ca);
    conjuncts(pack, &b.condition, 0, &mut cb);
    let excludes = |cs: &[&Cond], other: &Indicator| {
        cs.iter().any(|c| matches!(c, Cond::Not(n) if matches!(&**n, Cond::Indicator(i) if pack.get(*i).is_some_and(|x| x.id == other.id))))
    };
    excludes(&ca, b) || excludes(&cb, a) || ca.iter().any(|x| cb.iter().any(|y| disjoint(x, y)))
}

fn meet<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    a.iter().any(|x| b.contains(x))
}

/// Whether some transaction can satisfy both lists (`None`: any value).
fn meet_opt<T: PartialEq>(a: &Option<Vec<T>>, b: &Option<Vec<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => meet(a, b),
        _ => true,
    }
}

fn bands_meet(a: &AmountBand, b: &AmountBand) -> bool {
    // Rounding is monotone, so bands that meet in value meet in every
    // currency; bands apart in any currency are apart in value.
    a.converted.iter().zip(&b.converted).all(|(x, y)| {
        let below = |max: Option<u128>, min: Option<u128>| matches!((max, min), (Some(max), Some(min)) if max < min);
        !below(x.max, y.min) && !below(y.max, x.min)
    })
}

fn hours(from: u8, to: u8) -> impl Iterator<Item = u8> {
    (0..24u8).filter(move |h| if from <= to { *h >= from && *h < to } else { *h >= from || *h < to })
}

/// Whether two leaves of the same kind can never both hold.
fn disjoint(a: &Cond, b: &Cond) -> bool {
    match (a, b) {
        (Cond::AmountBetween(x), Cond::AmountBetween(y)) => !bands_meet(x, y),
        (Cond::Corridor { from: fa, to: ta }, Cond::Corridor { from: fb, to: tb }) => {
            !meet_opt(fa, fb) || !meet_opt(ta, tb)
        }
        (Cond::ChannelIn(x), Cond::ChannelIn(y)) => !meet(x, y),
        (Cond::CurrencyIn(x), Cond::CurrencyIn(y)) => !meet(x, y),
        (Cond::MccIn(x), Cond::MccIn(y)) => !meet(x, y),
        (Cond::LocalHourBetween { from: f1, to: t1 }, Cond::LocalHourBetween { from: f2, to: t2 }) => {
            !hours(*f1, *t1).any(|h| hours(*f2, *t2).any(|k| k == h))
        }
        (Cond::CrossBorder(x), Cond::CrossBorder(y))
        | (Cond::SenderIsMinor(x), Cond::SenderIsMinor(y))
        | (Cond::ReceiverIsNew(x), Cond::ReceiverIsNew(y))
        | (Cond::ReceiverIsMinor(x), Cond::ReceiverIsMinor(y))
        | (Cond::MemoPresent(x), Cond::MemoPresent(y))
        | (Cond::MalformedText(x), Cond::MalformedText(y))
        | (Cond::MerchantRegistered(x), Cond::MerchantRegistered(y)) => x != y,
        _ => false,
    }
}

/// Whether two fact leaves observe the same fact.
fn same_fact(a: &Cond, b: &Cond) -> bool {
    match (a, b) {
        (Cond::MemoTerms(x), Cond::MemoTerms(y)) | (Cond::MerchantTerms(x), Cond::MerchantTerms(y)) => x == y,
        (Cond::Near { a: a1, b: b1, field: f1, .. }, Cond::Near { a: a2, b: b2, field: f2, .. }) => {
            f1 == f2 && ((a1, b1) == (a2, b2) || (a1, b1) == (b2, a2))
        }
        (Cond::MemoPattern(x), Cond::MemoPattern(y)) => meet(x, y),
        (Cond::Watchlist { list: l1, party: p1 }, Cond::Watchlist { list: l2, party: p2 }) => (l1, p1) == (l2, p2),
        (Cond::Corridor { from: fa, to: ta }, Cond::Corridor { from: fb, to: tb }) => {
            // The same side constrained by both, with countries in common.
            let side = |x: &Option<Vec<_>>, y: &Option<Vec<_>>| matches!((x, y), (Some(x), Some(y)) if meet(x, y));
            side(fa, fb) || side(ta, tb)
        }
        (Cond::RoundAmount(_), Cond::RoundAmount(_)) => true,
        (Cond::AccountAgeBelow(_, p), Cond::AccountAgeBelow(_, q)) => p == q,
        // With history, receiverIsNew reads the sender's history when the
        // host is silent: a payeeNew measure observes the same fact.
        (Cond::ReceiverIsNew(true), Cond::History(h)) | (Cond::History(h), Cond::ReceiverIsNew(true))
            if h.measure() == "payeeNew" =>
        {
            true
        }
        // One measure over one window is one fact, whatever the threshold:
        // a burst over 48 hours and a habit over 30 days are two.
        // Of the same account.
        (Cond::History(x), Cond::History(y)) => {
            x.measure() == y.measure() && x.window() == y.window() && x.account() == y.account()
        }
        (x, y) if std::mem::discriminant(x) == std::mem::discriminant(y) => !disjoint(x, y),
        _ => false,
    }
}

/// A fact, in words, for a lint message.
fn describe(inner: &super::PackInner, c: &Cond) -> String {
    // Named lists are compiled first, in the order of `termLists`; inline
    // lists come after them and have no name.
    let names: Vec<&str> = match inner.value.as_ref().and_then(|v| member(v, "termLists")) {
        Some(Value::Object(o)) => o.iter().map(|(k, _)| k).filter(|k| !k.starts_with('_')).collect(),
        _ => Vec::new(),
    };
    let list = |i: &u32| names.get(*i as usize).copied().unwrap_or("(inline)");
    let field = |f: &TextField| f.path();
    match c {
        Cond::MemoTerms(i) => format!("memo terms of list \"{}\"", list(i)),
        Cond::MerchantTerms(i) => format!("merchant terms of list \"{}\"", list(i)),
        Cond::Near { a, b, field: f, .. } => format!("terms of \"{}\" near \"{}\" in {}", list(a), list(b), field(f)),
        Cond::MemoPattern(_) => "a memo pattern".to_string(),
        Cond::MemoPresent(_) => "whether there is a memo".to_string(),
        Cond::MalformedText(_) => "malformed text".to_string(),
        Cond::MccIn(_) => "the merchant category code".to_string(),
        Cond::AmountBetween(b) => {
            format!("an amount band in {} that overlaps", b.currency)
        }
        Cond::RoundAmount(_) => "a round amount".to_string(),
        Cond::Corridor { .. } => "the same countries of a corridor".to_string(),
        Cond::ChannelIn(_) => "the channel".to_string(),
        Cond::LocalHourBetween { .. } => "local hours that overlap".to_string(),
        Cond::SenderIsMinor(_) => "sender.isMinor".to_string(),
        Cond::ReceiverIsNew(_) => "receiver.isNew".to_string(),
        Cond::ReceiverIsMinor(_) => "receiver.isMinor".to_string(),
        Cond::AccountAgeBelow(_, p) => format!("the {} account's age", p.as_str()),
        Cond::History(h) => {
            format!("the history measure {} over {}", h.measure(), h.window().map_or_else(String::new, |w| w.text()))
        }
        _ => "a condition".to_string(),
    }
}
