//! Writes a loaded pack as an image (the layout: docs/PACKS.md, "Images").

use super::{checksum, tag, HEADER, MAGIC, MEASURES, VERSION};
use crate::history::Window;
use crate::matcher::{MatchMode, Matcher, TermError};
use crate::pack::{Cond, HistoryCond, Indicator, Only, PackInner, Segment};
use crate::vocab::{Grade, Localized, SourceRef};

/// The image of a compiled pack. Deterministic: one pack, one image.
pub(crate) fn write(p: &PackInner) -> Result<Vec<u8>, TermError> {
    let mut w = Out(Vec::with_capacity(64 << 10));
    w.0.extend_from_slice(MAGIC);
    w.0.extend_from_slice(&[VERSION, 0, 0, 0]);
    w.0.extend_from_slice(&[0; 8]);
    for s in [&p.id, &p.version, &p.digest, &p.published, &p.publisher] {
        w.str(s);
    }
    w.len(p.sources.len());
    for s in &p.sources {
        w.str(&s.id);
        w.str(&s.publisher);
        w.str(&s.title);
        w.uint(u64::from(s.year));
        w.str(&s.url);
        w.grade(s.grade);
    }
    w.0.extend_from_slice(&p.fx.base.as_bytes());
    w.len(p.fx.currencies.len());
    for &c in &p.fx.currencies {
        let (mantissa, scale) = p.fx.rates.get(&c).map_or((0, 0), |r| r.parts());
        w.0.extend_from_slice(&c.as_bytes());
        w.u128(mantissa);
        w.uint(u64::from(scale));
    }
    let s = p.scoring;
    w.0.extend_from_slice(&[s.low, s.review, s.high, s.cap]);

    w.len(p.lists.len());
    for list in &p.lists {
        w.len(list.terms.len());
        for t in &list.terms {
            w.str(&t.text);
            w.str(&t.lang);
            w.0.push(u8::from(t.validated) | (u8::from(t.mode == MatchMode::Substring) << 1));
        }
        w.len(list.allow.len());
        for a in &list.allow {
            w.str(a);
        }
        match &list.hashed {
            None => w.0.push(0),
            Some(h) => {
                w.0.push(1);
                w.str(&h.salt);
                w.len(h.table().len());
                for (hash, entry) in h.table() {
                    w.0.extend_from_slice(hash);
                    w.uint(u64::from(*entry));
                }
            }
        }
    }
    let patterns = Matcher::patterns(&p.lists)?;
    w.len(patterns.len());
    for (text, r) in &patterns {
        w.str(text);
        w.uint(u64::from(r.list));
        w.uint(u64::from(r.entry));
        w.0.push(u8::from(r.allow) | (u8::from(r.mode == MatchMode::Substring) << 1));
    }
    w.len(p.watchlists.len());
    for list in &p.watchlists {
        let (kind, salt, hashes) = list.parts();
        w.str(&list.name);
        w.str(kind.as_str());
        w.str(salt);
        let hashes: Vec<&[u8; 16]> = hashes.collect();
        w.len(hashes.len());
        for h in hashes {
            w.0.extend_from_slice(h);
        }
    }
    w.len(p.watched.len());
    for &(list, key) in &p.watched {
        w.uint(u64::from(list));
        w.uint(u64::from(key));
    }
    w.len(p.discounts.len());
    for d in &p.discounts {
        w.str(&d.name);
        w.0.push(d.percent);
        w.history(&d.condition);
        w.template(&d.explanation);
    }
    w.len(p.indicators.len());
    for ind in &p.indicators {
        w.indicator(ind, &p.sources);
    }
    w.len(p.order.len());
    for &i in &p.order {
        w.len(i);
    }
    let sum = checksum(w.0.get(HEADER..).unwrap_or_default());
    if let Some(slot) = w.0.get_mut(8..HEADER) {
        slot.copy_from_slice(&sum.to_le_bytes());
    }
    Ok(w.0)
}

struct Out(Vec<u8>);

impl Out {
    /// LEB128.
    fn u128(&mut self, mut v: u128) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    fn uint(&mut self, v: u64) {
        self.u128(u128::from(v));
    }

    fn len(&mut self, n: usize) {
        self.uint(n as u64);
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    fn grade(&mut self, g: Grade) {
        self.0.push(match g {
            Grade::A => 0,
            Grade::B => 1,
            Grade::C => 2,
        });
    }

    fn opt_u128(&mut self, v: Option<u128>) {
        match v {
            None => self.0.push(0),
            Some(v) => {
                self.0.push(1);
                self.u128(v);
            }
        }
    }

    fn countries(&mut self, list: &Option<Vec<crate::money::Country>>) {
        match list {
            None => self.0.push(0),
            Some(list) => {
                self.0.push(1);
                self.len(list.len());
                for c in list {
                    self.str(c.as_str());
                }
            }
        }
    }

    fn window(&mut self, w: Window) {
        match w {
            Window::Hours(h) => self.0.extend_from_slice(&[0, h]),
            Window::Days(d) => self.0.extend_from_slice(&[1, d]),
        }
    }

    fn only(&mut self, o: Only) {
        let bits = [o.foreign, o.new, o.minor, o.personal, o.one_off, o.night];
        self.0.push(bits.iter().enumerate().fold(0, |acc, (i, &b)| acc | (u8::from(b) << i)));
    }

    fn indicator(&mut self, ind: &Indicator, register: &[crate::pack::Source]) {
        self.str(&ind.id);
        self.str(&ind.title.en);
        self.str(&ind.title.id);
        self.str(ind.category.as_str());
        self.len(ind.sources.len());
        for s in ind.sources.iter() {
            // A citation is a register entry and the publisher's reference.
            let at = register.iter().position(|r| same_source(r, s)).unwrap_or(usize::MAX);
            self.uint(at as u64);
            match &s.reference {
                None => self.0.push(0),
                Some(r) => {
                    self.0.push(1);
                    self.str(r);
                }
            }
        }
        self.0.push(ind.weight);
        self.cond(&ind.condition);
        self.template(&ind.explanation);
        self.len(ind.discounts.len());
        for &d in &ind.discounts {
            self.len(d);
        }
    }

    fn template(&mut self, t: &Localized<Vec<Segment>>) {
        self.segments(&t.en);
        self.segments(&t.id);
    }

    fn segments(&mut self, segments: &[Segment]) {
        self.len(segments.len());
        for s in segments {
            match s {
                Segment::Text(t) => {
                    self.0.push(tag::TEXT);
                    self.str(t);
                }
                Segment::Hole(h) => {
                    self.0.push(tag::HOLE);
                    self.str(h.name());
                }
                Segment::Optional(inner) => {
                    self.0.push(tag::OPTIONAL);
                    self.segments(inner);
                }
            }
        }
    }

    fn conds(&mut self, list: &[Cond]) {
        self.len(list.len());
        for c in list {
            self.cond(c);
        }
    }

    fn cond(&mut self, c: &Cond) {
        match c {
            Cond::All(list) => {
                self.0.push(tag::ALL);
                self.conds(list);
            }
            Cond::Any(list) => {
                self.0.push(tag::ANY);
                self.conds(list);
            }
            Cond::Not(inner) => {
                self.0.push(tag::NOT);
                self.cond(inner);
            }
            Cond::AtLeast(n, list) => {
                self.0.push(tag::AT_LEAST);
                self.len(*n);
                self.conds(list);
            }
            Cond::MemoTerms(list) => {
                self.0.push(tag::MEMO_TERMS);
                self.uint(u64::from(*list));
            }
            Cond::MerchantTerms(list) => {
                self.0.push(tag::MERCHANT_TERMS);
                self.uint(u64::from(*list));
            }
            Cond::Near { a, b, within, field } => {
                self.0.push(tag::NEAR);
                self.uint(u64::from(*a));
                self.uint(u64::from(*b));
                self.uint(u64::from(*within));
                self.str(field.path());
            }
            Cond::MemoPattern(kinds) => {
                self.0.push(tag::MEMO_PATTERN);
                self.len(kinds.len());
                for k in kinds {
                    self.str(k.as_str());
                }
            }
            Cond::MemoPresent(b) => self.0.extend_from_slice(&[tag::MEMO_PRESENT, u8::from(*b)]),
            Cond::MalformedText(b) => self.0.extend_from_slice(&[tag::MALFORMED_TEXT, u8::from(*b)]),
            Cond::MccIn(codes) => {
                self.0.push(tag::MCC_IN);
                self.len(codes.len());
                for &c in codes {
                    self.uint(u64::from(c));
                }
            }
            Cond::AmountBetween(band) => {
                self.0.push(tag::AMOUNT_BETWEEN);
                self.0.extend_from_slice(&band.currency.as_bytes());
                self.opt_u128(band.min.map(u128::from));
                // The bounds in the other currencies follow from the FX table.
                self.opt_u128(band.max.map(u128::from));
            }
            Cond::RoundAmount(rule) => {
                self.0.push(tag::ROUND_AMOUNT);
                self.len(rule.multiples.len());
                for (c, m) in &rule.multiples {
                    self.0.extend_from_slice(&c.as_bytes());
                    self.uint(*m);
                }
                match &rule.default {
                    None => self.0.push(0),
                    Some((text, _)) => {
                        // The minor units per exponent follow from the text.
                        self.0.push(1);
                        self.str(text);
                    }
                }
            }
            Cond::Corridor { from, to } => {
                self.0.push(tag::CORRIDOR);
                self.countries(from);
                self.countries(to);
            }
            Cond::CrossBorder(b) => self.0.extend_from_slice(&[tag::CROSS_BORDER, u8::from(*b)]),
            Cond::ChannelIn(list) => {
                self.0.push(tag::CHANNEL_IN);
                self.len(list.len());
                for c in list {
                    self.str(c.as_str());
                }
            }
            Cond::CurrencyIn(list) => {
                self.0.push(tag::CURRENCY_IN);
                self.len(list.len());
                for c in list {
                    self.0.extend_from_slice(&c.as_bytes());
                }
            }
            Cond::LocalHourBetween { from, to } => self.0.extend_from_slice(&[tag::LOCAL_HOUR_BETWEEN, *from, *to]),
            Cond::SenderIsMinor(b) => self.0.extend_from_slice(&[tag::SENDER_IS_MINOR, u8::from(*b)]),
            Cond::ReceiverIsNew(b) => self.0.extend_from_slice(&[tag::RECEIVER_IS_NEW, u8::from(*b)]),
            Cond::ReceiverIsMinor(b) => self.0.extend_from_slice(&[tag::RECEIVER_IS_MINOR, u8::from(*b)]),
            Cond::AccountAgeBelow(days, party) => {
                self.0.push(tag::ACCOUNT_AGE_BELOW);
                self.uint(u64::from(*days));
                self.str(party.as_str());
            }
            Cond::MerchantRegistered(b) => self.0.extend_from_slice(&[tag::MERCHANT_REGISTERED, u8::from(*b)]),
            Cond::Watchlist { list, party } => {
                self.0.push(tag::WATCHLIST);
                self.uint(u64::from(*list));
                self.str(party.as_str());
            }
            Cond::History(h) => {
                self.0.push(tag::HISTORY);
                self.history(h);
            }
            Cond::Indicator(i) => {
                self.0.push(tag::INDICATOR);
                self.len(*i);
            }
        }
    }

    /// A history measure: its name's index in `MEASURES`, then every
    /// parameter (`HistParams`), those the measure does not take at their
    /// defaults.
    fn history(&mut self, h: &HistoryCond) {
        let at = MEASURES.iter().position(|m| *m == h.measure()).unwrap_or(usize::MAX);
        self.len(at);
        let p = h.params();
        self.window(p.window);
        self.window(p.quiet);
        for v in [p.at_least, p.factor, p.share] {
            self.uint(u64::from(v));
        }
        self.only(p.only);
        self.countries(&p.to);
        self.len(p.lists.len());
        for &l in &p.lists {
            self.uint(u64::from(l));
        }
        self.0.push(match p.account {
            None => 0,
            Some(crate::pack::Account::Receiver) => 1,
            Some(crate::pack::Account::Sender) => 2,
        });
        self.uint(p.amount);
        self.0.push(p.weeks);
        for v in [p.per_week, p.days, p.variation] {
            self.uint(u64::from(v));
        }
    }
}

/// Whether a flag's citation came from this register entry.
fn same_source(r: &crate::pack::Source, s: &SourceRef) -> bool {
    r.publisher == s.publisher && r.title == s.title && r.year == s.year && r.url == s.url && r.grade == s.grade
}
