//! Reads an image back into a pack, trusting none of its bytes.

use std::sync::Arc;

use super::{checksum, tag, HEADER, MAGIC, MEASURES, VERSION};
use crate::error::Error;
use crate::history::{Window, ENTRY_RECENT, HABIT_WEEKS, MAX_STAMPS};
use crate::matcher::{MatchMode, Matcher, PatternRef, Patterns, Term, TermList};
use crate::money::{Country, Currency, Rate};
use crate::pack::names::{is_date, is_ident, is_reference, is_semver};
use crate::pack::template::Placeholder;
use crate::pack::{
    Account, AmountBand, Cond, Discount, Fx, HistParams, HistoryCond, Indicator, Only, PackInner, PackLimits, Party,
    Rates, RoundRule, Scoring, Segment, Source, TextField,
};
use crate::patterns::PatternKind;
use crate::restricted::Hashed;
use crate::transaction::Channel;
use crate::vocab::{Category, Grade, Localized};
use crate::watchlist::{IdKind, Watchlist};

/// The pack an image holds, checked against `limits`.
pub(crate) fn read(bytes: &[u8], limits: PackLimits) -> Result<PackInner, Error> {
    // An image keeps each term's normalized patterns beside its text, so
    // it may be up to twice the JSON's limit.
    let max = limits.max_bytes.saturating_mul(2);
    if bytes.len() > max {
        return Err(Error::limit(
            "",
            format!("the image is {} bytes, more than the limit of {max} bytes (twice maxPackBytes)", bytes.len()),
        ));
    }
    if !bytes.starts_with(MAGIC) {
        return Err(Error::pack("", "this is not a pack image (it does not start JJKP)"));
    }
    match bytes.get(4) {
        Some(&v) if v != VERSION => {
            return Err(Error::pack(
                "",
                format!("the image is layout {v}; this engine reads layout {VERSION} (compile the pack again)"),
            ))
        }
        _ => {}
    }
    let (Some(head), Some(payload)) = (bytes.get(..HEADER), bytes.get(HEADER..)) else {
        return Err(Error::pack(
            "",
            format!("the image is {} bytes, shorter than its {HEADER}-byte header", bytes.len()),
        ));
    };
    if head.get(5..8) != Some(&[0, 0, 0][..]) {
        return Err(Error::pack("", "the image is damaged at byte 5: reserved bytes are not zero"));
    }
    let stored = head.get(8..16).and_then(|b| b.try_into().ok()).map(u64::from_le_bytes);
    if stored != Some(checksum(payload)) {
        return Err(Error::pack("", "the image is damaged: its checksum does not match its bytes"));
    }
    let mut r = In { bytes, pos: HEADER, limits, lists: Vec::new(), watchlists: 0, indicators: 0, keys: Vec::new() };
    r.pack().map_err(|f| Error::pack("", format!("the image is damaged at byte {}: {}", f.at, f.what)))
}

/// Where the image is wrong and how.
struct Fault {
    at: usize,
    what: String,
}

type Res<T> = Result<T, Fault>;

struct In<'a> {
    bytes: &'a [u8],
    pos: usize,
    limits: PackLimits,
    /// Per list: its number of terms, of entries (terms and allow
    /// phrases), and whether it is hashed.
    lists: Vec<(usize, usize, bool)>,
    watchlists: usize,
    indicators: usize,
    /// The list keys `recentMerchant` may name (`PackInner::watched`).
    keys: Vec<u32>,
}

impl In<'_> {
    fn fail<T>(&self, at: usize, what: impl Into<String>) -> Res<T> {
        Err(Fault { at, what: what.into() })
    }

    fn byte(&mut self) -> Res<u8> {
        let Some(&b) = self.bytes.get(self.pos) else { return self.fail(self.pos, "the image ends early") };
        self.pos += 1;
        Ok(b)
    }

    fn take(&mut self, n: usize) -> Res<&[u8]> {
        let at = self.pos;
        let Some(slice) = at.checked_add(n).and_then(|end| self.bytes.get(at..end)) else {
            return self.fail(at, format!("a {n}-byte field runs past the end"));
        };
        self.pos += n;
        Ok(slice)
    }

    fn flag(&mut self) -> Res<bool> {
        let at = self.pos;
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            b => self.fail(at, format!("{b} is not 0 or 1")),
        }
    }

    /// LEB128, minimal, at most `max`.
    fn uint_max(&mut self, max: u128) -> Res<u128> {
        let at = self.pos;
        let mut v: u128 = 0;
        for shift in (0..128).step_by(7) {
            let b = self.byte()?;
            let part = u128::from(b & 0x7f);
            if shift == 126 && part > 3 {
                break;
            }
            v |= part << shift;
            if b & 0x80 == 0 {
                if b == 0 && shift > 0 {
                    return self.fail(at, "a number is not in its shortest form");
                }
                return if v <= max { Ok(v) } else { self.fail(at, format!("{v} is more than {max}")) };
            }
        }
        self.fail(at, "a number is too long")
    }

    fn u64(&mut self, max: u64) -> Res<u64> {
        Ok(self.uint_max(u128::from(max))? as u64)
    }

    fn u32(&mut self, max: u32) -> Res<u32> {
        Ok(self.uint_max(u128::from(max))? as u32)
    }

    /// A count of items of at least one byte each: never more than the
    /// bytes left, so a forged count cannot allocate.
    fn len(&mut self) -> Res<usize> {
        let at = self.pos;
        let n = self.uint_max(u128::from(u32::MAX))? as usize;
        let left = self.bytes.len().saturating_sub(self.pos);
        if n > left {
            return self.fail(at, format!("a count of {n} is more than the {left} bytes left"));
        }
        Ok(n)
    }

    /// An index below `n`.
    fn index(&mut self, n: usize, what: &str) -> Res<usize> {
        let at = self.pos;
        let i = self.uint_max(u128::from(u32::MAX))? as usize;
        if i >= n {
            return self.fail(at, format!("{what} {i} does not exist (there are {n})"));
        }
        Ok(i)
    }

    fn str(&mut self) -> Res<String> {
        let n = self.len()?;
        let at = self.pos;
        match std::str::from_utf8(self.take(n)?) {
            Ok(s) => Ok(s.to_string()),
            Err(_) => self.fail(at, "a string is not UTF-8"),
        }
    }

    /// A string that `ok` accepts.
    fn checked(&mut self, what: &str, ok: impl Fn(&str) -> bool) -> Res<String> {
        let at = self.pos;
        let s = self.str()?;
        if !ok(&s) {
            return self.fail(at, format!("{} is not {what}", crate::error::quote(&s)));
        }
        Ok(s)
    }

    /// A name from a table of names.
    fn name<T>(&mut self, what: &str, parse: impl Fn(&str) -> Option<T>) -> Res<T> {
        let at = self.pos;
        let s = self.str()?;
        match parse(&s) {
            Some(v) => Ok(v),
            None => self.fail(at, format!("{} is not {what}", crate::error::quote(&s))),
        }
    }

    fn currency(&mut self) -> Res<Currency> {
        let at = self.pos;
        let code = self.take(3)?;
        match std::str::from_utf8(code).ok().and_then(Currency::parse) {
            Some(c) => Ok(c),
            None => self.fail(at, "not an ISO 4217 currency code"),
        }
    }

    /// A currency of the FX table.
    fn fx_currency(&mut self, rates: &Rates) -> Res<Currency> {
        let at = self.pos;
        let c = self.currency()?;
        if !rates.contains_key(&c) {
            return self.fail(at, format!("{c} has no rate"));
        }
        Ok(c)
    }

    fn country(&mut self) -> Res<Country> {
        self.name("an ISO 3166-1 country code", Country::parse)
    }

    fn countries(&mut self) -> Res<Option<Vec<Country>>> {
        if !self.flag()? {
            return Ok(None);
        }
        let at = self.pos;
        let n = self.len()?;
        if n == 0 {
            return self.fail(at, "a country list is empty");
        }
        (0..n).map(|_| self.country()).collect::<Res<_>>().map(Some)
    }

    fn opt_u64(&mut self) -> Res<Option<u64>> {
        match self.flag()? {
            false => Ok(None),
            true => self.u64(u64::MAX).map(Some),
        }
    }

    fn pack(&mut self) -> Res<PackInner> {
        let id = self.checked("a pack id", |s| is_ident(s, false))?;
        let version = self.checked("a semantic version", is_semver)?;
        let digest = self.checked("a SHA-256 digest in lower-case hex", |s| {
            s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        })?;
        let published = self.checked("a date", is_date)?;
        let publisher = self.str()?;
        let sources = self.sources()?;
        let fx = self.fx()?;
        let scoring = self.scoring()?;
        let lists = self.lists()?;
        let patterns = self.patterns()?;
        let at = self.pos;
        let Ok(matcher) = Matcher::from_patterns(patterns, &lists) else {
            return self.fail(at, "the patterns need more automaton states than 2^32");
        };
        let watchlists = self.watchlists()?;
        self.watchlists = watchlists.len();
        let watched = self.watched()?;
        self.keys = watched.iter().map(|&(_, k)| k).collect();
        let discounts = self.discounts()?;
        let n = self.len()?;
        if n == 0 || n > self.limits.max_indicators {
            return self.fail(self.pos, format!("{n} indicators (1 to {} allowed)", self.limits.max_indicators));
        }
        self.indicators = n;
        let mut indicators = Vec::with_capacity(n);
        for _ in 0..n {
            indicators.push(self.indicator(&sources, &fx.rates, discounts.len())?);
        }
        let order = self.order(&indicators)?;
        if self.pos != self.bytes.len() {
            return self.fail(self.pos, "bytes follow the last field");
        }
        let mut by_id: Vec<(Arc<str>, usize)> = indicators.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect();
        crate::sort::sort_by(&mut by_id, |a, b| a.0 < b.0);
        if let Some(w) = by_id.windows(2).find(|w| matches!(w, [a, b] if a.0 == b.0)) {
            let id = w.first().map(|(id, _)| id.to_string()).unwrap_or_default();
            return self.fail(self.pos, format!("the indicator id {id} is used twice"));
        }
        Ok(PackInner {
            id,
            version,
            digest,
            published,
            publisher,
            sources,
            fx,
            scoring,
            lists,
            matcher,
            indicators,
            discounts,
            watchlists,
            watched,
            order,
            by_id,
            value: None,
        })
    }

    fn sources(&mut self) -> Res<Vec<Source>> {
        let n = self.len()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let id = self.checked("a source id", |s| !s.is_empty())?;
            let publisher = self.str()?;
            let title = self.str()?;
            let year = self.u32(9999)? as u16;
            let url = self.str()?;
            let at = self.pos;
            let grade = match self.byte()? {
                0 => Grade::A,
                1 => Grade::B,
                2 => Grade::C,
                g => return self.fail(at, format!("{g} is not a grade")),
            };
            out.push(Source { id, publisher, title, year, url, grade });
        }
        if out.is_empty() {
            return self.fail(self.pos, "the sources register is empty");
        }
        Ok(out)
    }

    fn fx(&mut self) -> Res<Fx> {
        let base = self.currency()?;
        let n = self.len()?;
        let mut rates = Rates::default();
        let mut currencies: Vec<Currency> = Vec::with_capacity(n);
        for _ in 0..n {
            let at = self.pos;
            let c = self.currency()?;
            if currencies.last().is_some_and(|&last| last >= c) {
                return self.fail(at, "the FX currencies are not in order");
            }
            let m = self.uint_max(u128::from(u64::MAX))?;
            let scale = self.u32(36)?;
            let Some(rate) = Rate::from_parts(m, scale) else {
                return self.fail(at, format!("the rate of {c} is not a positive rate with at most 18 digits"));
            };
            currencies.push(c);
            rates.insert(c, rate);
        }
        if !rates.get(&base).is_some_and(Rate::is_one) {
            return self.fail(self.pos, format!("the base currency {base} does not have the rate 1"));
        }
        Ok(Fx { rates, currencies, base })
    }

    fn scoring(&mut self) -> Res<Scoring> {
        let at = self.pos;
        let b = self.take(4)?;
        let s = match *b {
            [low, review, high, cap] => Scoring { low, review, high, cap },
            _ => return self.fail(at, "the scoring is short"),
        };
        if !(0 < s.low && s.low <= s.review && s.review <= s.high && s.high <= s.cap && s.cap <= 100) {
            return self.fail(at, "the thresholds are not 0 < low <= review <= high <= cap <= 100");
        }
        Ok(s)
    }

    fn mode(&mut self) -> Res<(bool, MatchMode)> {
        let at = self.pos;
        let b = self.byte()?;
        if b > 3 {
            return self.fail(at, format!("{b} is not a term's flags"));
        }
        Ok((b & 1 == 1, if b & 2 == 2 { MatchMode::Substring } else { MatchMode::Word }))
    }

    fn lists(&mut self) -> Res<Vec<TermList>> {
        let n = self.len()?;
        let mut out = Vec::with_capacity(n);
        let mut total = 0usize;
        for _ in 0..n {
            let mut list = TermList::default();
            let terms = self.len()?;
            for _ in 0..terms {
                let text = self.checked("a term", |s| !s.is_empty())?;
                let lang = self.str()?;
                let (validated, mode) = self.mode()?;
                list.terms.push(Term { text, lang, validated, mode });
            }
            let allow = self.len()?;
            for _ in 0..allow {
                let phrase = self.checked("an allow phrase", |s| !s.is_empty())?;
                list.allow.push(phrase);
            }
            if self.flag()? {
                let salt = self.checked("a salt", crate::restricted::is_salt)?;
                let rows = self.len()?;
                let mut table = Vec::with_capacity(rows);
                for _ in 0..rows {
                    let hash: [u8; 16] = self.take(16)?.try_into().unwrap_or_default();
                    let entry = self.index(list.terms.len(), "hashed entry")?;
                    table.push((hash, entry as u32));
                }
                list.hashed = Some(Hashed::new(salt, table));
            }
            total = total.saturating_add(list.terms.len() + list.allow.len());
            if total > self.limits.max_terms {
                return self.fail(self.pos, format!("more than {} terms and allow phrases", self.limits.max_terms));
            }
            self.lists.push((list.terms.len(), list.terms.len() + list.allow.len(), list.hashed.is_some()));
            out.push(list);
        }
        Ok(out)
    }

    fn patterns(&mut self) -> Res<Patterns> {
        let n = self.len()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let text = self.checked("a pattern", |s| !s.is_empty())?;
            let at = self.pos;
            let list = self.index(self.lists.len(), "term list")?;
            let (terms, entries, hashed) = self.lists.get(list).copied().unwrap_or_default();
            let entry = self.index(entries, "list entry")?;
            let (allow, mode) = self.mode()?;
            if hashed || allow != (entry >= terms) || (allow && mode != MatchMode::Substring) {
                return self.fail(at, "a pattern's entry does not match its list");
            }
            out.push((text, PatternRef { list: list as u32, entry: entry as u32, allow, mode }));
        }
        Ok(out)
    }

    fn watchlists(&mut self) -> Res<Vec<Watchlist>> {
        let n = self.len()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let name = self.checked("a list name", |s| is_ident(s, false))?;
            let kind = self.name("an identifier kind", IdKind::parse)?;
            let salt = self.checked("a salt", crate::restricted::is_salt)?;
            let rows = self.len()?;
            let mut hashes = Vec::with_capacity(rows);
            for _ in 0..rows {
                hashes.push(self.take(16)?.try_into().unwrap_or_default());
            }
            out.push(Watchlist::new(name, kind, salt, hashes));
        }
        Ok(out)
    }

    fn watched(&mut self) -> Res<Vec<(u32, u32)>> {
        let at = self.pos;
        let n = self.len()?;
        if n > MAX_STAMPS {
            return self.fail(at, format!("more than {MAX_STAMPS} watched term lists"));
        }
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let list = self.index(self.lists.len(), "term list")? as u32;
            let key = self.u32(u32::MAX)?;
            out.push((list, key));
        }
        Ok(out)
    }

    fn discounts(&mut self) -> Res<Vec<Discount>> {
        let n = self.len()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let name = self.checked("a discount name", |s| is_ident(s, false))?;
            let at = self.pos;
            let percent = self.byte()?;
            if !(1..=90).contains(&percent) {
                return self.fail(at, format!("a discount of {percent}% (1 to 90 allowed)"));
            }
            let condition = self.history()?;
            let explanation = self.template()?;
            out.push(Discount { name: Arc::from(name), percent, condition, explanation });
        }
        Ok(out)
    }

    fn indicator(&mut self, register: &[Source], rates: &Rates, discounts: usize) -> Res<Indicator> {
        let id = self.checked("an indicator id", |s| is_ident(s, true))?;
        let title = Localized { en: Arc::from(self.str()?), id: Arc::from(self.str()?) };
        let category = self.name("a category", |s| Category::ALL.iter().find(|(n, _)| *n == s).map(|&(_, c)| c))?;
        let at = self.pos;
        let n = self.len()?;
        if n == 0 {
            return self.fail(at, "an indicator cites no source");
        }
        let mut sources = Vec::with_capacity(n);
        for _ in 0..n {
            let i = self.index(register.len(), "source")?;
            let reference = match self.flag()? {
                true => Some(self.checked("a publisher's reference", is_reference)?),
                false => None,
            };
            if let Some(s) = register.get(i) {
                sources.push(s.cite(reference));
            }
        }
        let at = self.pos;
        let weight = self.byte()?;
        if weight > 100 {
            return self.fail(at, format!("a weight of {weight} (at most 100)"));
        }
        let condition = self.cond(rates, 1)?;
        let explanation = self.template()?;
        let n = self.len()?;
        let mut list: Vec<usize> = Vec::with_capacity(n);
        for _ in 0..n {
            let at = self.pos;
            let d = self.index(discounts, "discount")?;
            if list.contains(&d) {
                return self.fail(at, format!("discount {d} is listed twice"));
            }
            list.push(d);
        }
        Ok(Indicator {
            id: Arc::from(id),
            title,
            category,
            sources: sources.into(),
            weight,
            condition,
            explanation,
            discounts: list,
        })
    }

    /// The evaluation order: every indicator once, each after those its
    /// condition refers to (so references form no cycle), and no discount
    /// on an indicator that checks a watchlist.
    fn order(&mut self, indicators: &[Indicator]) -> Res<Vec<usize>> {
        let at = self.pos;
        let n = self.len()?;
        if n != indicators.len() {
            return self.fail(at, format!("the order lists {n} indicators of {}", indicators.len()));
        }
        // Per indicator: its place in the order, and whether it (or one it
        // refers to) checks a watchlist.
        let mut place = vec![usize::MAX; n];
        let mut watches = vec![false; n];
        let mut order = Vec::with_capacity(n);
        for k in 0..n {
            let at = self.pos;
            let i = self.index(n, "indicator")?;
            if place.get(i).is_some_and(|&p| p != usize::MAX) {
                return self.fail(at, format!("indicator {i} is in the order twice"));
            }
            let Some(ind) = indicators.get(i) else { return self.fail(at, "no such indicator") };
            if !refs_before(&ind.condition, &place, k) {
                return self.fail(at, format!("indicator {i} comes before an indicator it refers to"));
            }
            let w = ind.condition.mentions_watchlist_by(&|j| watches.get(j).copied().unwrap_or(false));
            if w && !ind.discounts.is_empty() {
                return self.fail(at, format!("indicator {i} checks a watchlist and has a discount"));
            }
            if let (Some(p), Some(slot)) = (place.get_mut(i), watches.get_mut(i)) {
                *p = k;
                *slot = w;
            }
            order.push(i);
        }
        Ok(order)
    }

    fn template(&mut self) -> Res<Localized<Vec<Segment>>> {
        Ok(Localized { en: self.segments(true)?, id: self.segments(true)? })
    }

    fn segments(&mut self, top: bool) -> Res<Vec<Segment>> {
        let n = self.len()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let at = self.pos;
            out.push(match self.byte()? {
                tag::TEXT => Segment::Text(self.str()?),
                tag::HOLE => Segment::Hole(self.name("a placeholder", Placeholder::parse)?),
                tag::OPTIONAL if top => Segment::Optional(self.segments(false)?),
                tag::OPTIONAL => return self.fail(at, "optional groups nest"),
                t => return self.fail(at, format!("{t} is not a template segment")),
            });
        }
        Ok(out)
    }

    fn conds(&mut self, rates: &Rates, depth: usize) -> Res<Vec<Cond>> {
        let at = self.pos;
        let n = self.len()?;
        if n == 0 {
            return self.fail(at, "a condition list is empty");
        }
        (0..n).map(|_| self.cond(rates, depth + 1)).collect()
    }

    fn list(&mut self) -> Res<u32> {
        Ok(self.index(self.lists.len(), "term list")? as u32)
    }

    fn cond(&mut self, rates: &Rates, depth: usize) -> Res<Cond> {
        let at = self.pos;
        if depth > self.limits.max_depth {
            return self.fail(at, format!("conditions nest deeper than {} levels", self.limits.max_depth));
        }
        Ok(match self.byte()? {
            tag::ALL => Cond::All(self.conds(rates, depth)?),
            tag::ANY => Cond::Any(self.conds(rates, depth)?),
            tag::NOT => Cond::Not(Box::new(self.cond(rates, depth + 1)?)),
            tag::AT_LEAST => {
                let n = self.u32(u32::MAX)? as usize;
                let list = self.conds(rates, depth)?;
                if n == 0 || n > list.len() {
                    return self.fail(at, format!("atLeast {n} of {} conditions", list.len()));
                }
                Cond::AtLeast(n, list)
            }
            tag::MEMO_TERMS => Cond::MemoTerms(self.list()?),
            tag::MERCHANT_TERMS => Cond::MerchantTerms(self.list()?),
            tag::NEAR => {
                let (a, b) = (self.list()?, self.list()?);
                let within = self.u32(1000)?;
                let field = self.name("a text field", |s| TextField::ALL.into_iter().find(|f| f.path() == s))?;
                Cond::Near { a, b, within, field }
            }
            tag::MEMO_PATTERN => {
                let n = self.len()?;
                if n == 0 {
                    return self.fail(at, "memoPattern lists no kind");
                }
                Cond::MemoPattern((0..n).map(|_| self.name("a pattern kind", PatternKind::parse)).collect::<Res<_>>()?)
            }
            tag::MEMO_PRESENT => Cond::MemoPresent(self.flag()?),
            tag::MALFORMED_TEXT => Cond::MalformedText(self.flag()?),
            tag::MCC_IN => {
                let n = self.len()?;
                if n == 0 {
                    return self.fail(at, "mccIn lists no code");
                }
                Cond::MccIn((0..n).map(|_| self.u32(9999).map(|c| c as u16)).collect::<Res<_>>()?)
            }
            tag::AMOUNT_BETWEEN => {
                let currency = self.fx_currency(rates)?;
                let (min, max) = (self.opt_u64()?, self.opt_u64()?);
                match (min, max) {
                    (None, None) => return self.fail(at, "an amount band has no bound"),
                    (Some(a), Some(b)) if a > b => return self.fail(at, "an amount band's min is above its max"),
                    _ => {}
                }
                match AmountBand::new(currency, min, max, rates) {
                    Ok(band) => Cond::AmountBetween(Box::new(band)),
                    Err(c) => return self.fail(at, format!("converting an amount band into {c} overflows")),
                }
            }
            tag::ROUND_AMOUNT => {
                let n = self.len()?;
                let mut multiples: Vec<(Currency, u64)> = Vec::with_capacity(n);
                for _ in 0..n {
                    let at = self.pos;
                    let c = self.currency()?;
                    let m = self.u64(u64::MAX)?;
                    if m == 0 || multiples.last().is_some_and(|&(last, _)| last >= c) {
                        return self.fail(at, "round-amount multiples are zero or out of order");
                    }
                    multiples.push((c, m));
                }
                let default = match self.flag()? {
                    false => None,
                    true => {
                        let at = self.pos;
                        let text = self.str()?;
                        match RoundRule::default_units(&text) {
                            Some(units) => Some((text, units)),
                            None => return self.fail(at, "the default multiple is not a positive decimal"),
                        }
                    }
                };
                if multiples.is_empty() && default.is_none() {
                    return self.fail(at, "a round-amount rule has no multiple");
                }
                Cond::RoundAmount(Box::new(RoundRule { multiples, default }))
            }
            tag::CORRIDOR => {
                let (from, to) = (self.countries()?, self.countries()?);
                if from.is_none() && to.is_none() {
                    return self.fail(at, "a corridor has neither end");
                }
                Cond::Corridor { from, to }
            }
            tag::CROSS_BORDER => Cond::CrossBorder(self.flag()?),
            tag::CHANNEL_IN => {
                let n = self.len()?;
                if n == 0 {
                    return self.fail(at, "channelIn lists no channel");
                }
                Cond::ChannelIn((0..n).map(|_| self.name("a channel", Channel::parse)).collect::<Res<_>>()?)
            }
            tag::CURRENCY_IN => {
                let n = self.len()?;
                if n == 0 {
                    return self.fail(at, "currencyIn lists no currency");
                }
                Cond::CurrencyIn((0..n).map(|_| self.currency()).collect::<Res<_>>()?)
            }
            tag::LOCAL_HOUR_BETWEEN => {
                let (from, to) = (self.byte()?, self.byte()?);
                if from > 23 || to > 24 || from == to {
                    return self.fail(at, format!("the hours {from} to {to} are not a range"));
                }
                Cond::LocalHourBetween { from, to }
            }
            tag::SENDER_IS_MINOR => Cond::SenderIsMinor(self.flag()?),
            tag::RECEIVER_IS_NEW => Cond::ReceiverIsNew(self.flag()?),
            tag::RECEIVER_IS_MINOR => Cond::ReceiverIsMinor(self.flag()?),
            tag::ACCOUNT_AGE_BELOW => {
                let days = self.u32(u32::MAX)?;
                let party = self.name("sender or receiver", |s| {
                    [Party::Sender, Party::Receiver].into_iter().find(|p| p.as_str() == s)
                })?;
                Cond::AccountAgeBelow(days, party)
            }
            tag::MERCHANT_REGISTERED => Cond::MerchantRegistered(self.flag()?),
            tag::WATCHLIST => {
                let list = self.index(self.watchlists, "watchlist")? as u32;
                let party = self.name("a party", |s| Party::ALL.into_iter().find(|p| p.as_str() == s))?;
                Cond::Watchlist { list, party }
            }
            tag::HISTORY => Cond::History(Box::new(self.history()?)),
            tag::INDICATOR => Cond::Indicator(self.index(self.indicators, "indicator")?),
            t => return self.fail(at, format!("{t} is not a condition")),
        })
    }

    fn window(&mut self) -> Res<Window> {
        let at = self.pos;
        match (self.byte()?, self.byte()?) {
            (0, h @ 1..=48) => Ok(Window::Hours(h)),
            (1, d @ 1..=30) => Ok(Window::Days(d)),
            _ => self.fail(at, "not a window of 1 to 48 hours or 1 to 30 days"),
        }
    }

    /// A history measure with every parameter in the range the JSON
    /// loader allows, and the others at their defaults.
    fn history(&mut self) -> Res<HistoryCond> {
        let at = self.pos;
        let measure = self.index(MEASURES.len(), "history measure")?;
        let measure = MEASURES.get(measure).copied().unwrap_or_default();
        let mut p = HistParams { window: self.window()?, quiet: self.window()?, ..HistParams::default() };
        p.at_least = self.u32(u32::MAX)?;
        p.factor = self.u32(u32::MAX)?;
        p.share = self.u32(u32::MAX)?;
        let only_at = self.pos;
        let bits = self.byte()?;
        if bits >= 1 << 6 {
            return self.fail(only_at, format!("{bits} is not a set of filters"));
        }
        let bit = |i: u8| bits & (1 << i) != 0;
        p.only = Only { foreign: bit(0), new: bit(1), minor: bit(2), personal: bit(3), one_off: bit(4), night: bit(5) };
        p.to = self.countries()?;
        let n = self.len()?;
        for _ in 0..n {
            let key_at = self.pos;
            let key = self.u32(u32::MAX)?;
            if !self.keys.contains(&key) {
                return self.fail(key_at, "recentMerchant names a list that is not watched");
            }
            p.lists.push(key);
        }
        let account_at = self.pos;
        p.account = match self.byte()? {
            0 => None,
            1 => Some(Account::Receiver),
            2 => Some(Account::Sender),
            b => return self.fail(account_at, format!("{b} is not an account")),
        };
        p.amount = self.u64(u64::MAX)?;
        p.weeks = self.byte()?;
        p.per_week = self.u32(u32::MAX)?;
        p.days = self.u32(u32::MAX)?;
        p.variation = self.u32(u32::MAX)?;
        if let Err(what) = check(measure, &p) {
            return self.fail(at, format!("{measure}: {what}"));
        }
        let Some(cond) = p.clone().build(measure) else { return self.fail(at, "not a history measure") };
        // One encoding per condition: what the measure does not take stays
        // at its default.
        if cond.params() != p {
            return self.fail(at, format!("{measure}: a parameter it does not take is set"));
        }
        Ok(cond)
    }
}

/// The ranges the JSON loader allows a history measure's parameters
/// (`Loader::history`), which the screener relies on.
fn check(measure: &str, p: &HistParams) -> Result<(), &'static str> {
    let at_most = match measure {
        "payeeCount" | "burstThenStop" => ENTRY_RECENT as u32,
        "payeeWeeks" => u32::from(p.weeks),
        "payeeSteady" => ENTRY_RECENT as u32 - 1,
        _ => 100_000,
    };
    let share_max = if measure == "samePrice" { 100 } else { 100_000 };
    let ok = (1..=at_most).contains(&p.at_least)
        && (1..=100_000).contains(&p.factor)
        && (1..=share_max).contains(&p.share)
        && (1..=15).contains(&p.per_week)
        && (1..=100_000).contains(&p.days)
        && (1..=100).contains(&p.variation)
        && (1..=HABIT_WEEKS as u8).contains(&p.weeks);
    if !ok {
        return Err("a parameter is out of range");
    }
    if measure.ends_with("Sum") && p.amount == 0 {
        return Err("the sum's threshold is zero");
    }
    if measure == "recentMerchant" && p.lists.is_empty() {
        return Err("no list is named");
    }
    Ok(())
}

/// Whether every indicator `cond` refers to has a place before `k`.
fn refs_before(cond: &Cond, place: &[usize], k: usize) -> bool {
    match cond {
        Cond::All(c) | Cond::Any(c) | Cond::AtLeast(_, c) => c.iter().all(|c| refs_before(c, place, k)),
        Cond::Not(c) => refs_before(c, place, k),
        Cond::Indicator(j) => place.get(*j).is_some_and(|&p| p < k),
        _ => true,
    }
}
