//! Evaluating a pack's conditions against one transaction, and turning what
//! made them true into evidence.

use std::cell::OnceCell;

use super::history::{Measured, View};
use super::{Offsets, Screener};
use crate::matcher::Hit;
use crate::money;
use crate::normalize::{self, Mode, Normalized, Transform};
use crate::pack::{AmountBand, Cond, Party, TextField};
use crate::patterns::{self, PatternHit};
use crate::transaction::Transaction;
use crate::verdict::{Evidence, TextEvidence};

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
pub(super) enum Ev<'p> {
    Text(TextField, Hit),
    Pattern(PatternHit),
    Amount(&'p AmountBand),
    Round {
        minor: u64,
        text: Option<&'p str>,
    },
    Corridor,
    Channel,
    Currency,
    Hour {
        from: u8,
        to: u8,
    },
    Mcc,
    Flag(&'static str, bool),
    /// A fact with two sources: the field, its value and where it came
    /// from.
    Fact(&'static str, bool, Source),
    Malformed(TextField),
    AccountAge(u32, Party),
    Watchlist(u32, Party),
    History(Measured),
    Indicator(usize),
}

/// Per-screen state: lazily computed text analysis.
pub(super) struct Ctx<'a> {
    screener: &'a Screener,
    tx: &'a Transaction,
    /// The accounts' history, when screening with it.
    view: Option<&'a View<'a>>,
    memo: OnceCell<FieldHits>,
    name: OnceCell<FieldHits>,
    descriptor: OnceCell<FieldHits>,
    patterns: OnceCell<Vec<PatternHit>>,
    currency: OnceCell<Option<usize>>,
}

/// Where a fact with two sources came from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Source {
    /// The host sent the field.
    Transaction,
    /// The account's history established it; for a payee's newness, how
    /// many days ago the sender first paid it.
    History(Option<u32>),
}

/// The host's value of a fact when it sends one, else the history's.
fn host_or_history(host: Option<bool>, history: Option<bool>) -> Option<(bool, Source)> {
    match host {
        Some(v) => Some((v, Source::Transaction)),
        None => history.map(|v| (v, Source::History(None))),
    }
}

/// The party's `accountAgeDays` (the sender's unless the receiver's is asked).
fn account_age(tx: &Transaction, party: Party) -> Option<u32> {
    match party {
        Party::Receiver => tx.receiver.account_age_days,
        _ => tx.sender.account_age_days,
    }
}

impl<'a> Ctx<'a> {
    pub(super) fn new(screener: &'a Screener, tx: &'a Transaction, view: Option<&'a View<'a>>) -> Ctx<'a> {
        Ctx {
            screener,
            tx,
            view,
            memo: OnceCell::new(),
            name: OnceCell::new(),
            descriptor: OnceCell::new(),
            patterns: OnceCell::new(),
            currency: OnceCell::new(),
        }
    }

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

    // Out of line: it recurses, and LLVM otherwise inlines a second copy of
    // it (14 KB of wasm) into the iterator that counts `atLeast` children.
    #[inline(never)]
    pub(super) fn eval(&self, cond: &'a Cond, fired: &[bool], out: &mut Vec<Ev<'a>>) -> bool {
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
            Cond::MalformedText(want) => {
                // U+FFFD is what a lone surrogate became when the JSON was
                // read (json::Surrogates::Replace), or what an upstream
                // decoder put in place of bytes that were not text. Either
                // way the payer's text is not what it seems.
                let mark = out.len();
                for field in TextField::ALL {
                    if self.text(field).is_some_and(crate::json::has_replacement) {
                        out.push(Ev::Malformed(field));
                    }
                }
                let found = out.len() > mark;
                if !*want {
                    out.truncate(mark);
                }
                found == *want
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
            Cond::SenderIsMinor(want) => {
                let history = self.view.and_then(|v| v.sender_minor());
                self.fact("sender.isMinor", *want, host_or_history(tx.sender.is_minor, history), out)
            }
            Cond::ReceiverIsMinor(want) => {
                let history = self.view.and_then(|v| v.receiver_minor());
                self.fact("receiver.isMinor", *want, host_or_history(tx.receiver.is_minor, history), out)
            }
            // The host's value when it sends one, else the sender's history
            // when it can tell.
            Cond::ReceiverIsNew(want) => {
                let history = self.view.and_then(|v| v.payee_new());
                let fact = match (tx.receiver.is_new, history) {
                    // The state saw this payee's first payment, within the
                    // window: the host's "not new" says only that this one
                    // is not the first (a host's "not new" at a first
                    // payment here made the payee known for good).
                    (Some(false), Some((true, days))) => Some((true, Source::History(Some(days)))),
                    (Some(v), _) => Some((v, Source::Transaction)),
                    (None, h) => h.map(|(v, days)| (v, Source::History(Some(days)))),
                };
                self.fact("receiver.isNew", *want, fact, out)
            }
            Cond::AccountAgeBelow(days, party) => {
                account_age(tx, *party).is_some_and(|a| a < *days) && push(Ev::AccountAge(*days, *party))
            }
            Cond::MerchantRegistered(want) => {
                let business = tx.merchant.is_business();
                // A micro merchant's id is present but it counts as a person.
                let field = if tx.merchant.id.is_some() && !business { "merchant.criteria" } else { "merchant.id" };
                (business == *want) && push(Ev::Flag(field, *want))
            }
            Cond::Watchlist { list, party } => {
                let (id, country) = match party {
                    Party::Sender => (&tx.sender.id, tx.sender.country),
                    Party::Receiver => (&tx.receiver.id, tx.receiver.country),
                    Party::Merchant => (&tx.merchant.id, tx.merchant.country),
                };
                let lists = &self.screener.pack.inner.watchlists;
                let on = id.as_deref().zip(lists.get(*list as usize)).is_some_and(|(id, l)| l.contains(id, country));
                on && push(Ev::Watchlist(*list, *party))
            }
            // Without history (a plain screen) no history condition holds.
            Cond::History(h) => match self.view.and_then(|v| v.measure(h)) {
                Some(m) => push(Ev::History(m)),
                None => false,
            },
            Cond::Indicator(i) => fired.get(*i).copied().unwrap_or(false) && push(Ev::Indicator(*i)),
        }
    }

    /// A fact with two sources against the wanted value: `fact` is its value
    /// and where it came from.
    fn fact(&self, field: &'static str, want: bool, fact: Option<(bool, Source)>, out: &mut Vec<Ev<'a>>) -> bool {
        match fact {
            Some((value, source)) if value == want => {
                out.push(Ev::Fact(field, want, source));
                true
            }
            _ => false,
        }
    }

    /// The keys of the watched term lists (`(index, key)`) that the
    /// merchant's name or descriptor matched.
    pub(super) fn merchant_lists(&self, watched: &[(u32, u32)], out: &mut Vec<u32>) {
        for &(list, key) in watched {
            let hit = [TextField::MerchantName, TextField::MerchantDescriptor]
                .into_iter()
                .any(|f| self.hits(f).is_some_and(|fh| fh.hits.iter().any(|h| h.list == list)));
            if hit {
                out.push(key);
            }
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
    pub(super) fn materialize(&self, ev: &[Ev<'a>]) -> Vec<Evidence> {
        let tx = self.tx;
        let inner = &self.screener.pack.inner;
        let mut out: Vec<Evidence> = Vec::with_capacity(ev.len());
        for (i, e) in ev.iter().enumerate() {
            // Identical evidence from two branches (a term in two lists read
            // by two conditions, say) is reported once. Evidence lists are
            // short (a few items), so looking back beats a second vector.
            if ev.get(..i).is_some_and(|before| before.contains(e)) {
                continue;
            }
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
                    let converted = if cur == band.currency {
                        None
                    } else {
                        inner
                            .fx
                            .rates
                            .convert(tx.amount.minor_units(), cur, band.currency)
                            .map(|m| money::plain(m, band.currency.exponent()))
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
                Ev::Flag(field, value) => Evidence::Flag { field, value, source: None, days: None },
                Ev::Fact(field, value, source) => match source {
                    Source::Transaction => Evidence::Flag { field, value, source: Some("transaction"), days: None },
                    Source::History(days) => Evidence::Flag { field, value, source: Some("history"), days },
                },
                Ev::Malformed(field) => {
                    // One walk: the first U+FFFD and how many there are. Not
                    // `str::find` with a char: a non-ASCII char pattern brings
                    // a substring searcher into the module (json::has_replacement).
                    let text = self.text(field).unwrap_or_default();
                    let mut at = text.char_indices().filter(|&(_, c)| c == char::REPLACEMENT_CHARACTER);
                    let first = at.next().map_or(0, |(i, _)| i);
                    Evidence::MalformedText {
                        field: field.path(),
                        start: self.offset(text, first),
                        end: self.offset(text, first + char::REPLACEMENT_CHARACTER.len_utf8()),
                        count: 1 + at.count(),
                    }
                }
                Ev::Watchlist(list, party) => Evidence::Watchlist {
                    field: party.id_path(),
                    list: inner.watchlists.get(list as usize).map(|l| l.name.clone()).unwrap_or_default(),
                },
                Ev::AccountAge(below, party) => Evidence::AccountAge {
                    field: if party == Party::Receiver { "receiver.accountAgeDays" } else { "sender.accountAgeDays" },
                    value: account_age(tx, party).unwrap_or(0),
                    below,
                },
                // Capped at u32::MAX: JSON numbers must stay exact in
                // JavaScript, and the verdict reader takes no more.
                Ev::History(m) => Evidence::History {
                    field: m.side,
                    measure: m.measure,
                    window: m.window.map(crate::history::Window::text).or_else(|| m.weeks.map(|w| format!("{w}w"))),
                    count: m.count.min(u64::from(u32::MAX)),
                    threshold: m.threshold.min(u64::from(u32::MAX)),
                    estimated: m.estimated,
                    currency: m.currency.map(|c| c.as_str().to_string()),
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
