//! Reading, validating and compiling a pack's JSON. Every error names the
//! JSON pointer of the bad value and says what was expected.

use std::sync::Arc;

use super::grammar;
use super::names::{is_date, is_ident, is_reference, is_semver};
use super::template::parse_template;
use super::{
    Account as HistAccount, AmountBand, Cond, Fx, HistParams, HistoryCond, Indicator, PackInner, PackLimits, Party,
    Rates, RoundRule, Scoring, Source, TextField,
};
use crate::error::{join, join_index, quote, Error, ErrorKind};
use crate::history::{self, Window};
use crate::json::{self, Fields, Value};
use crate::matcher::{MatchMode, Matcher, Term, TermError, TermList};
use crate::money::{self, Country, Currency, Rate};
use crate::patterns::PatternKind;
use crate::transaction::{parse_mcc, Channel};
use crate::vocab::{Category, Grade, Localized, SourceRef};

const PACK: ErrorKind = ErrorKind::InvalidPack;

/// Reads `value` as an object of the pack; `what` names it in errors.
fn obj<'a>(value: &'a Value, path: &str, what: &str) -> Result<Fields<'a>, Error> {
    Fields::new(value, path, PACK, what)
}

fn arr<'a>(value: &'a Value, path: &str) -> Result<&'a [Value], Error> {
    json::array(value, path, PACK)
}

#[inline(never)]
fn non_empty_arr<'a>(value: &'a Value, path: &str) -> Result<&'a [Value], Error> {
    let a = arr(value, path)?;
    if a.is_empty() {
        return Err(Error::pack(path, "the array is empty"));
    }
    Ok(a)
}

fn string<'a>(value: &'a Value, path: &str) -> Result<&'a str, Error> {
    json::string(value, path, PACK)
}

fn uint(value: &Value, path: &str, max: u64) -> Result<u64, Error> {
    json::uint(value, path, max, PACK)
}

fn boolean(value: &Value, path: &str) -> Result<bool, Error> {
    json::boolean(value, path, PACK)
}

/// A decimal given as a string or a JSON number.
#[inline(never)]
fn decimal_text(value: &Value, path: &str) -> Result<String, Error> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.clone()),
        other => Err(Error::pack(path, format!("expected a decimal string, found {}", other.type_name()))),
    }
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

pub(super) struct Loader {
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
    base: Option<Currency>,
    /// Term lists a `recentMerchant` watches: (list index, list key).
    watched: Vec<(u32, u32)>,
    watchlists: Vec<crate::watchlist::Watchlist>,
    watchlist_index: Index,
    discounts: Vec<super::Discount>,
    discount_index: Index,
}

impl Loader {
    pub(super) fn new(limits: PackLimits) -> Loader {
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
            base: None,
            watched: Vec::new(),
            watchlists: Vec::new(),
            watchlist_index: Index::default(),
            discounts: Vec::new(),
            discount_index: Index::default(),
        }
    }

    /// Loads and compiles a pack; `digest`, when given, is the pack's known
    /// digest (the embedded default pack's, from build.rs), else it is
    /// computed.
    pub(super) fn load(mut self, value: Value, digest: Option<&str>) -> Result<PackInner, Error> {
        let mut top = obj(&value, "", "a pack")?;
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
        if let Some(lists) = top.get("watchlists") {
            self.load_watchlists(lists)?;
        }
        if let Some(discounts) = top.get("discounts") {
            self.load_discounts(discounts)?;
        }
        let indicators_value = top.req("indicators")?;
        top.finish(Some("$schema"))?;

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
                    return Err(Error::pack(path, format!("expected an indicator object, found {}", other.type_name())))
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
        // A discount never lowers a watchlist hit: the engine skips it at
        // screen time, and a pack that asks for it is refused here.
        for (i, ind) in indicators.iter().enumerate() {
            if !ind.discounts.is_empty() && ind.condition.mentions_watchlist(&indicators, 0) {
                return Err(Error::pack(
                    join(&join_index("/indicators", i), "discounts"),
                    format!("{} has a watchlist condition; a discount never lowers a watchlist hit", ind.id),
                ));
            }
        }

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

        let digest = digest.map_or_else(|| super::digest(&value), str::to_string);
        let base = self.base.ok_or_else(|| Error::pack("/fx", "the pack has no FX table"))?;
        let mut by_id: Vec<(Arc<str>, usize)> = indicators.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect();
        crate::sort::sort_by(&mut by_id, |a, b| a.0 < b.0);
        Ok(PackInner {
            id: id.to_string(),
            version: version.to_string(),
            digest,
            published: published.to_string(),
            publisher: publisher.to_string(),
            sources: self.sources,
            fx: Fx { currencies: self.rates.iter().map(|&(c, _)| c).collect(), rates: self.rates, base },
            watched: self.watched,
            watchlists: self.watchlists,
            scoring,
            lists: self.lists,
            matcher,
            indicators,
            discounts: self.discounts,
            order,
            by_id,
            value: Some(value),
        })
    }

    /// `discounts`: `{name: {title, sources, percent, condition,
    /// explanation}}`, each condition one history measure.
    fn load_discounts(&mut self, value: &Value) -> Result<(), Error> {
        let map = match value {
            Value::Object(m) => m,
            other => return Err(Error::pack("/discounts", format!("expected an object, found {}", other.type_name()))),
        };
        for (name, item) in map.iter() {
            if name.starts_with('_') {
                continue;
            }
            let path = join("/discounts", name);
            if !is_ident(name, false) {
                return Err(Error::pack(
                    path,
                    format!("{} is not a discount name (lower-case letters, digits, '.', '_', '-')", quote(name)),
                ));
            }
            let mut o = obj(item, &path, "a discount")?;
            localized(o.req("title")?, &o.at("title"))?;
            let src_at = o.at("sources");
            for (i, s) in non_empty_arr(o.req("sources")?, &src_at)?.iter().enumerate() {
                self.citation(s, &join_index(&src_at, i))?;
            }
            let p_at = o.at("percent");
            let percent = uint(o.req("percent")?, &p_at, 90)? as u8;
            if percent == 0 {
                return Err(Error::pack(p_at, "percent must be from 1 to 90"));
            }
            let c_at = o.at("condition");
            let condition = match o.req("condition")? {
                Value::Object(m) if m.iter().filter(|(k, _)| !k.starts_with('_')).count() == 1 => {
                    let Some((kind, arg)) = m.iter().find(|(k, _)| !k.starts_with('_')) else {
                        return Err(Error::pack(c_at, "the condition is empty"));
                    };
                    if !HISTORY_KEYS.iter().any(|(k, ..)| *k == kind) {
                        return Err(Error::pack(
                            join(&c_at, kind),
                            format!("a discount's condition is one history measure, not {}", quote(kind)),
                        ));
                    }
                    self.history(kind, arg, &join(&c_at, kind))?
                }
                _ => return Err(Error::pack(c_at, "a discount's condition is one history measure")),
            };
            let ex_at = o.at("explanation");
            let explanation = localized(o.req("explanation")?, &ex_at)?;
            o.finish(None)?;
            let explanation = Localized {
                en: parse_template(&explanation.en, &join(&ex_at, "en"))?,
                id: parse_template(&explanation.id, &join(&ex_at, "id"))?,
            };
            self.discount_index.0.push((name.to_string(), self.discounts.len()));
            self.discounts.push(super::Discount { name: Arc::from(name), percent, condition, explanation });
        }
        self.discount_index.seal();
        Ok(())
    }

    fn load_sources(&mut self, value: &Value) -> Result<(), Error> {
        for (i, item) in non_empty_arr(value, "/sources")?.iter().enumerate() {
            let path = join_index("/sources", i);
            let mut o = obj(item, &path, "a source")?;
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
            o.finish(None)?;
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
        let mut o = obj(value, "/fx", "an fx")?;
        let base_text = o.str("base")?;
        let base = Currency::parse(base_text)
            .ok_or_else(|| Error::pack("/fx/base", format!("{} is not an ISO 4217 currency code", quote(base_text))))?;
        let date = o.str("date")?;
        if !is_date(date) {
            return Err(Error::pack("/fx/date", format!("{} is not a date YYYY-MM-DD", quote(date))));
        }
        let rates = match o.req("rates")? {
            Value::Object(m) => m,
            other => return Err(Error::pack("/fx/rates", format!("expected an object, found {}", other.type_name()))),
        };
        o.finish(None)?;
        self.base = Some(base);
        for (code, rate) in rates.iter() {
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
        let mut o = obj(value, "/scoring", "a scoring")?;
        let mut get = |key: &'static str| -> Result<u8, Error> {
            let at = o.at(key);
            Ok(uint(o.req(key)?, &at, 100)? as u8)
        };
        let s = Scoring { low: get("low")?, review: get("review")?, high: get("high")?, cap: get("cap")? };
        o.finish(None)?;
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
            other => return Err(Error::pack("/termLists", format!("expected an object, found {}", other.type_name()))),
        };
        for (name, list) in map.iter() {
            if name.starts_with('_') {
                continue; // a comment, as in every object of a pack
            }
            let path = join("/termLists", name);
            if !is_ident(name, false) {
                return Err(Error::pack(
                    path,
                    format!("{} is not a list name (lower-case letters, digits, '.', '_', '-')", quote(name)),
                ));
            }
            let id = self.load_list(list, &path)?;
            self.list_index.0.push((name.to_string(), id as usize));
        }
        // Object keys are unique, so there is no duplicate to report.
        self.list_index.seal();
        Ok(())
    }

    fn load_watchlists(&mut self, value: &Value) -> Result<(), Error> {
        let map = match value {
            Value::Object(m) => m,
            other => {
                return Err(Error::pack("/watchlists", format!("expected an object, found {}", other.type_name())))
            }
        };
        for (name, list) in map.iter() {
            if name.starts_with('_') {
                continue;
            }
            let path = join("/watchlists", name);
            if !is_ident(name, false) {
                return Err(Error::pack(
                    path,
                    format!("{} is not a list name (lower-case letters, digits, '.', '_', '-')", quote(name)),
                ));
            }
            self.watchlist_index.0.push((name.to_string(), self.watchlists.len()));
            self.watchlists.push(super::hashed::load_watchlist(name, list, &path)?);
        }
        self.watchlist_index.seal();
        Ok(())
    }

    /// Loads `{"terms": [...], "allow": [...]}` or `{"salt": ..., "hashed":
    /// [...]}` at `path`.
    fn load_list(&mut self, value: &Value, path: &str) -> Result<u32, Error> {
        if matches!(value, Value::Object(m) if m.get("hashed").is_some()) {
            let list = super::hashed::load_hashed_list(value, path)?;
            return self.push_list(list, path);
        }
        let mut o = obj(value, path, "a term list")?;
        let terms_at = o.at("terms");
        let terms_value = o.req("terms")?;
        let allow_value = o.get("allow");
        o.finish(None)?;
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
        self.push_list(list, path)
    }

    fn push_list(&mut self, list: TermList, path: &str) -> Result<u32, Error> {
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
                let mut o = obj(value, path, "a term specification")?;
                o.get("list");
                o.finish(None)?;
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
        let mut o = obj(value, &path, "an indicator")?;
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
        // (register index, publisher's reference); one entry per pair.
        let mut sources: Vec<(usize, Option<String>)> = Vec::new();
        for (i, s) in non_empty_arr(o.req("sources")?, &src_at)?.iter().enumerate() {
            let at = join_index(&src_at, i);
            let citation = self.citation(s, &at)?;
            if !sources.contains(&citation) {
                sources.push(citation);
            }
        }
        let w_at = o.at("weight");
        let weight = uint(o.req("weight")?, &w_at, 100)? as u8;
        let c_at = o.at("condition");
        let cond_value = o.req("condition")?;
        let ex_at = o.at("explanation");
        let explanation = localized(o.req("explanation")?, &ex_at)?;
        let mut discounts = Vec::new();
        if let Some(v) = o.get("discounts") {
            let at = o.at("discounts");
            for (i, d) in non_empty_arr(v, &at)?.iter().enumerate() {
                let d_at = join_index(&at, i);
                let name = string(d, &d_at)?;
                let index = self
                    .discount_index
                    .get(name)
                    .ok_or_else(|| Error::pack(&d_at, format!("unknown discount {}", quote(name))))?;
                if discounts.contains(&index) {
                    return Err(Error::pack(d_at, format!("the discount {} is listed twice", quote(name))));
                }
                discounts.push(index);
            }
        }
        if let Some(scope) = o.opt_str("scope")? {
            if !grammar::SCOPES.contains(&scope) {
                return Err(Error::pack(
                    o.at("scope"),
                    format!("{} is not a scope; expected one of {}", quote(scope), grammar::SCOPES.join(", ")),
                ));
            }
        }
        o.finish(None)?;
        let condition = self.condition(cond_value, &c_at, 1, index)?;
        let explanation = Localized {
            en: parse_template(&explanation.en, &join(&ex_at, "en"))?,
            id: parse_template(&explanation.id, &join(&ex_at, "id"))?,
        };
        let sources: Arc<[SourceRef]> =
            sources.into_iter().filter_map(|(i, reference)| self.sources.get(i).map(|s| s.cite(reference))).collect();
        let title = Localized { en: Arc::from(title.en), id: Arc::from(title.id) };
        Ok(Indicator { id: Arc::from(id), title, category, sources, weight, condition, explanation, discounts })
    }

    /// One entry of an indicator's `sources`: a register id, or
    /// `{"source": id, "ref": "AUSTRAC-CSE-01"}` with the publisher's own
    /// reference for what the indicator implements.
    fn citation(&self, value: &Value, path: &str) -> Result<(usize, Option<String>), Error> {
        let (name, name_at, reference) = match value {
            Value::Object(_) => {
                let mut o = obj(value, path, "a citation")?;
                let name = o.str("source")?;
                let reference = match o.opt_str("ref")? {
                    Some(r) if is_reference(r) => Some(r.to_string()),
                    Some(r) => {
                        return Err(Error::pack(
                            o.at("ref"),
                            format!(
                                "{} is not a publisher's reference: 1 to 64 letters, digits, '.', '_', '/' or '-', \
                                 starting with a letter or digit",
                                quote(r)
                            ),
                        ))
                    }
                    None => None,
                };
                let name_at = o.at("source");
                o.finish(None)?;
                (name, name_at, reference)
            }
            _ => (string(value, path)?, path.to_string(), None),
        };
        let idx = self.source_index.get(name).ok_or_else(|| {
            Error::pack(name_at, format!("unknown source {}; it is not in the sources register", quote(name)))
        })?;
        Ok((idx, reference))
    }

    fn condition(&mut self, value: &Value, path: &str, depth: usize, owner: usize) -> Result<Cond, Error> {
        if depth > self.limits.max_depth {
            return Err(Error::limit(path, format!("conditions nest deeper than {} levels", self.limits.max_depth)));
        }
        let map = match value {
            Value::Object(m) => m,
            other => {
                return Err(Error::pack(path, format!("expected a condition object, found {}", other.type_name())))
            }
        };
        let kind = if map.get("atLeast").is_some() {
            "atLeast"
        } else {
            let mut keys = map.iter().map(|(k, _)| k).filter(|k| !k.starts_with('_'));
            match (keys.next(), keys.next()) {
                (Some(k), None) => k,
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
        let mut o = obj(value, path, "a condition")?;
        let at = o.at(kind);
        // The grammar table decides which kinds exist; the match below
        // parses each (a test checks that it parses every one).
        if !grammar::is_kind(kind) {
            return Err(Error::pack(
                join(path, kind),
                format!("unknown condition kind {}; known: {}", quote(kind), grammar::names()),
            ));
        }
        let arg = o.req(kind)?;
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
                let mut n = obj(arg, &at, "a near")?;
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
                n.finish(None)?;
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
            "malformedText" => Cond::MalformedText(boolean(arg, &at)?),
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
                let mut c = obj(arg, &at, "a corridor")?;
                let from_at = c.at("from");
                let from = c.get("from").map(|v| countries(v, &from_at)).transpose()?;
                let to_at = c.at("to");
                let to = c.get("to").map(|v| countries(v, &to_at)).transpose()?;
                c.finish(None)?;
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
                            format!("{} is not a channel; expected one of {}", quote(s), Channel::NAMES.join(", ")),
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
                let mut h = obj(arg, &at, "an hour range")?;
                let f_at = h.at("from");
                let from = uint(h.req("from")?, &f_at, 23)? as u8;
                let t_at = h.at("to");
                let to = uint(h.req("to")?, &t_at, 24)? as u8;
                h.finish(None)?;
                if from == to {
                    return Err(Error::pack(at, "from and to are equal, so the range is empty"));
                }
                Cond::LocalHourBetween { from, to }
            }
            "senderIsMinor" => Cond::SenderIsMinor(boolean(arg, &at)?),
            "receiverIsNew" => Cond::ReceiverIsNew(boolean(arg, &at)?),
            "receiverIsMinor" => Cond::ReceiverIsMinor(boolean(arg, &at)?),
            "accountAgeBelow" => match arg {
                // A number: the sender's account (the first form).
                Value::Number(_) => Cond::AccountAgeBelow(uint(arg, &at, u64::from(u32::MAX))? as u32, Party::Sender),
                _ => {
                    let mut a = obj(arg, &at, "an account age ({days, party})")?;
                    let d_at = a.at("days");
                    let days = uint(a.req("days")?, &d_at, u64::from(u32::MAX))? as u32;
                    let p_at = a.at("party");
                    let party = match a.opt_str("party")? {
                        None | Some("sender") => Party::Sender,
                        Some("receiver") => Party::Receiver,
                        Some(p) => {
                            return Err(Error::pack(p_at, format!("{} is not a party: sender or receiver", quote(p))))
                        }
                    };
                    a.finish(None)?;
                    Cond::AccountAgeBelow(days, party)
                }
            },
            "merchantRegistered" => Cond::MerchantRegistered(boolean(arg, &at)?),
            "watchlist" => {
                let mut w = obj(arg, &at, "a watchlist condition ({list, party})")?;
                let list_at = w.at("list");
                let name = w.str("list")?;
                let party_at = w.at("party");
                let party = match w.opt_str("party")? {
                    None => Party::Receiver,
                    Some(p) => Party::ALL.into_iter().find(|x| x.as_str() == p).ok_or_else(|| {
                        Error::pack(party_at, format!("{} is not a party: sender, receiver or merchant", quote(p)))
                    })?,
                };
                w.finish(None)?;
                let list = self
                    .watchlist_index
                    .get(name)
                    .ok_or_else(|| Error::pack(list_at, format!("unknown watchlist {}", quote(name))))?;
                Cond::Watchlist { list: list as u32, party }
            }
            kind if HISTORY_KEYS.iter().any(|(k, ..)| *k == kind) => {
                Cond::History(Box::new(self.history(kind, arg, &at)?))
            }
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
        o.finish(None)?;
        Ok(cond)
    }

    /// A history condition's parameters: the keys its kind takes (see
    /// `HISTORY_KEYS`), each checked; a key another kind takes is refused as
    /// unknown. One pass over a table rather than a parser per kind: the
    /// per-kind parsers were 9 KB of wasm.
    fn history(&mut self, kind: &str, value: &Value, path: &str) -> Result<HistoryCond, Error> {
        let mut o = obj(value, path, "a history condition")?;
        let Some(&(_, required, optional, filters)) = HISTORY_KEYS.iter().find(|(k, ..)| *k == kind) else {
            return Err(Error::pack(path, format!("unknown condition kind {}", quote(kind))));
        };
        let mut a = HistParams::default();
        // The currency a sum's threshold is written in.
        let mut currency = None;
        for &key in required.iter().chain(optional) {
            let at = o.at(key);
            let Some(v) = o.get(key) else {
                if required.contains(&key) {
                    return Err(Error::pack(at, format!("{kind} needs {}", quote(key))));
                }
                continue;
            };
            match key {
                "window" | "quiet" => {
                    let text = string(v, &at)?;
                    let w = parse_window(text).ok_or_else(|| {
                        Error::pack(
                            &at,
                            format!("{} is not a window; expected \"1h\" to \"48h\" or \"1d\" to \"30d\"", quote(text)),
                        )
                    })?;
                    if key == "window" {
                        a.window = w;
                    } else {
                        a.quiet = w;
                    }
                }
                "currency" => {
                    let code = string(v, &at)?;
                    currency = Some(self.fx_currency(code, &at)?);
                }
                "atLeast" if kind.ends_with("Sum") => {
                    // The FX table loads before the indicators.
                    let (Some(cur), Some(base)) = (currency, self.base) else {
                        return Err(Error::pack(at, "a sum needs a currency in the FX table"));
                    };
                    let text = decimal_text(v, &at)?;
                    let minor = money::parse_minor(&text, cur.exponent())
                        .map_err(|e| Error::pack(&at, e.describe(&text, cur.as_str())))?;
                    a.amount =
                        self.rates.convert(minor, cur, base).and_then(|v| u64::try_from(v).ok()).unwrap_or(u64::MAX);
                    if a.amount == 0 {
                        return Err(Error::pack(at, "atLeast must be more than zero"));
                    }
                }
                "weeks" => {
                    let n = uint(v, &at, history::HABIT_WEEKS as u64)?;
                    if n == 0 {
                        return Err(Error::pack(at, "weeks must be at least 1"));
                    }
                    a.weeks = n as u8;
                }
                "atLeast" | "factor" | "share" | "perWeek" | "days" | "variation" => {
                    // payeeCount and burstThenStop count a payee's latest
                    // payments, which a state keeps up to ENTRY_RECENT.
                    let max = match (kind, key) {
                        ("payeeCount" | "burstThenStop", "atLeast") => history::ENTRY_RECENT as u64,
                        // A week's count saturates at 15.
                        (_, "perWeek") => 15,
                        // Whole weeks of the per-payee ring.
                        ("payeeWeeks", "atLeast") => u64::from(a.weeks),
                        // The intervals come from the payee's latest payments.
                        ("payeeSteady", "atLeast") => history::ENTRY_RECENT as u64 - 1,
                        (_, "variation") | ("samePrice", "share") => 100,
                        _ => 100_000,
                    };
                    let n = uint(v, &at, max)? as u32;
                    if n == 0 {
                        return Err(Error::pack(at, format!("{key} must be at least 1")));
                    }
                    match key {
                        "atLeast" => a.at_least = n,
                        "factor" => a.factor = n,
                        "perWeek" => a.per_week = n,
                        "days" => a.days = n,
                        "variation" => a.variation = n,
                        _ => a.share = n,
                    }
                }
                "only" => {
                    for (i, f) in non_empty_arr(v, &at)?.iter().enumerate() {
                        let p = join_index(&at, i);
                        let name = string(f, &p)?;
                        match name {
                            _ if !filters.contains(&name) => {
                                return Err(Error::pack(
                                    p,
                                    format!(
                                        "{} is not a filter of {kind}; expected {}",
                                        quote(name),
                                        filters.join(", ")
                                    ),
                                ))
                            }
                            "foreign" => a.only.foreign = true,
                            "new" => a.only.new = true,
                            "minor" => a.only.minor = true,
                            "oneOff" => a.only.one_off = true,
                            "night" => a.only.night = true,
                            _ => a.only.personal = true,
                        }
                    }
                }
                "to" => a.to = Some(countries(v, &at)?),
                "lists" => {
                    for (i, l) in non_empty_arr(v, &at)?.iter().enumerate() {
                        let p = join_index(&at, i);
                        let name = string(l, &p)?;
                        let index = self
                            .list_index
                            .get(name)
                            .ok_or_else(|| Error::pack(p, format!("unknown term list {}", quote(name))))?;
                        let key = history::list_key(name);
                        if !self.watched.contains(&(index as u32, key)) {
                            self.watched.push((index as u32, key));
                        }
                        a.lists.push(key);
                    }
                }
                _ => {
                    a.account = Some(match string(v, &at)? {
                        "receiver" => HistAccount::Receiver,
                        "sender" => HistAccount::Sender,
                        other => {
                            return Err(Error::pack(
                                at,
                                format!("{} is not an account; expected receiver or sender", quote(other)),
                            ))
                        }
                    });
                }
            }
        }
        o.finish(None)?;
        if self.watched.len() > history::MAX_STAMPS {
            return Err(Error::pack(
                path,
                format!("recentMerchant conditions watch more than {} term lists", history::MAX_STAMPS),
            ));
        }
        let measure =
            a.build(kind).ok_or_else(|| Error::pack(path, format!("unknown condition kind {}", quote(kind))))?;
        Ok(measure)
    }

    fn amount_band(&self, value: &Value, path: &str) -> Result<AmountBand, Error> {
        let mut o = obj(value, path, "an amount band")?;
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
        o.finish(None)?;
        match (min, max) {
            (None, None) => return Err(Error::pack(path, "an amount band needs \"min\", \"max\" or both")),
            (Some(a), Some(b)) if a > b => return Err(Error::pack(path, "min is larger than max")),
            _ => {}
        }
        AmountBand::new(currency, min, max, &self.rates).map_err(|cur| {
            Error::pack(path, format!("converting the band into {cur} overflows; use smaller bounds or rates"))
        })
    }

    fn round_rule(&self, value: &Value, path: &str) -> Result<RoundRule, Error> {
        let mut o = obj(value, path, "a round-amount rule")?;
        let m_at = o.at("multiples");
        let mut multiples = Vec::new();
        if let Some(m) = o.get("multiples") {
            let map = match m {
                Value::Object(map) => map,
                other => return Err(Error::pack(m_at, format!("expected an object, found {}", other.type_name()))),
            };
            for (code, v) in map.iter() {
                if code.starts_with('_') {
                    continue; // a comment
                }
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
                let per_exp = RoundRule::default_units(&text)
                    .ok_or_else(|| Error::pack(d_at, format!("{} is not a positive decimal", quote(&text))))?;
                Some((text, per_exp))
            }
        };
        o.finish(None)?;
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

/// Each history kind's keys: (kind, required, optional, `only` filters).
type HistoryKeys = (&'static str, &'static [&'static str], &'static [&'static str], &'static [&'static str]);
const HISTORY_KEYS: [HistoryKeys; 18] = [
    ("payerCount", &["window", "atLeast"], &["only"], &["foreign"]),
    ("payeeCount", &["window", "atLeast"], &[], &[]),
    ("payeeNew", &["window"], &[], &[]),
    ("distinctPayees", &["window", "atLeast"], &["to"], &[]),
    ("escalation", &["factor", "atLeast"], &[], &[]),
    ("burstThenStop", &["atLeast", "window", "quiet"], &[], &[]),
    ("recentMerchant", &["lists", "window"], &[], &[]),
    ("inboundCount", &["window", "atLeast"], &["only", "account"], &["foreign"]),
    (
        "distinctSenders",
        &["window", "atLeast"],
        &["only", "account"],
        &["new", "foreign", "minor", "personal", "oneOff"],
    ),
    ("outflowAfterInflow", &["window", "share", "atLeast"], &["account"], &[]),
    // `currency` before `atLeast`: the amount is read in it.
    ("payerSum", &["window", "currency", "atLeast"], &[], &[]),
    ("inboundSum", &["window", "currency", "atLeast"], &["account"], &[]),
    // `weeks` before `atLeast`, which is at most `weeks`.
    ("payeeWeeks", &["weeks", "atLeast"], &["perWeek", "only"], &["night"]),
    ("payeeGrowth", &["weeks", "factor", "atLeast"], &[], &[]),
    ("payeeSteady", &["atLeast", "days", "variation"], &[], &[]),
    ("firstAbroad", &["window", "atLeast"], &[], &[]),
    ("amountAbove", &["window", "factor", "atLeast"], &[], &[]),
    ("samePrice", &["window", "share", "atLeast"], &[], &[]),
];

/// `"48h"` (1 to 48 hours) or `"30d"` (1 to 30 days).
fn parse_window(text: &str) -> Option<Window> {
    let (digits, hours) = match text.strip_suffix('h') {
        Some(d) => (d, true),
        None => (text.strip_suffix('d')?, false),
    };
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.starts_with('0') {
        return None;
    }
    let n = digits.bytes().fold(0u8, |n, b| n * 10 + (b - b'0'));
    match hours {
        true if n <= 48 => Some(Window::Hours(n)),
        false if n <= 30 => Some(Window::Days(n)),
        _ => None,
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
            let mut o = obj(value, path, "a term")?;
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
            o.finish(None)?;
            Ok(Term { text: text.to_string(), lang, validated, mode })
        }
        other => Err(Error::pack(path, format!("expected a term string or object, found {}", other.type_name()))),
    }
}

#[inline(never)]
fn localized(value: &Value, path: &str) -> Result<Localized<String>, Error> {
    let mut o = obj(value, path, "an {en, id}")?;
    let en = o.str("en")?.to_string();
    let id = o.str("id")?.to_string();
    o.finish(None)?;
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
