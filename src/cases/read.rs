//! The cases file read back: what [`Cases::to_json`](super::Cases::to_json)
//! writes, into [`Case`]s, for a report made later from the file.
//!
//! Errors are `invalid_case`, with the JSON pointer into the file. Every
//! field the writer writes is required (an optional one may be `null`),
//! and an unknown key is refused, as packs refuse them: a file that reads
//! is one `jejak cases` could have written.

use crate::error::{join_index, quote, Error, ErrorKind};
use crate::json::{self, Fields, Nulls, Surrogates, Value};
use crate::money::{self, Currency};
use crate::transaction::Channel;
use crate::vocab::Level;

use super::{Case, CaseAccount, CaseEdge, CaseIndicator, CaseTransaction, Role};

const KIND: ErrorKind = ErrorKind::InvalidCase;

impl Case {
    /// Reads one case object, as the cases file holds it under `cases`.
    ///
    /// ```
    /// use jejak::cases::Case;
    ///
    /// let case = Case::from_json(r#"{"id": "case-1", "score": 45, "level": "review",
    ///     "currency": "IDR", "accounts": [], "edges": [], "transactions": [],
    ///     "indicators": []}"#)?;
    /// assert_eq!(case.id, "case-1");
    /// # Ok::<(), jejak::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Case, Error> {
        let value = json::parse(text, KIND, Surrogates::Reject)?;
        case(&value, "")
    }
}

/// Reads the file `jejak cases` writes, `{"cases": [...]}`.
///
/// ```
/// let cases = jejak::cases::read_cases(r#"{"cases": []}"#)?;
/// assert!(cases.is_empty());
/// # Ok::<(), jejak::Error>(())
/// ```
pub fn read_cases(text: &str) -> Result<Vec<Case>, Error> {
    let value = json::parse(text, KIND, Surrogates::Reject)?;
    let mut o = Fields::new(&value, "", KIND, "a cases file")?;
    let path = o.at("cases");
    let items = json::array(o.req("cases")?, &path, KIND)?;
    let cases = items.iter().enumerate().map(|(i, v)| case(v, &join_index(&path, i))).collect::<Result<_, _>>()?;
    o.finish(None)?;
    Ok(cases)
}

fn list<T>(
    o: &mut Fields<'_>,
    key: &'static str,
    each: impl Fn(&Value, &str) -> Result<T, Error>,
) -> Result<Vec<T>, Error> {
    let path = o.at(key);
    let items = json::array(o.req(key)?, &path, KIND)?;
    items.iter().enumerate().map(|(i, v)| each(v, &join_index(&path, i))).collect()
}

fn currency(o: &mut Fields<'_>) -> Result<Currency, Error> {
    let s = o.str("currency")?;
    Currency::parse(s).ok_or_else(|| Error::case(o.at("currency"), format!("unknown currency {}", quote(s))))
}

fn level(o: &mut Fields<'_>) -> Result<Level, Error> {
    let s = o.str("level")?;
    Level::ALL
        .into_iter()
        .find(|l| l.as_str() == s)
        .ok_or_else(|| Error::case(o.at("level"), format!("unknown level {}", quote(s))))
}

/// A decimal amount in major units, as the writer writes them.
fn amount(o: &mut Fields<'_>, key: &'static str, currency: Currency) -> Result<String, Error> {
    let s = o.str(key)?;
    match money::parse_minor(s, currency.exponent()) {
        Ok(_) if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') => Ok(s.to_string()),
        _ => Err(Error::case(o.at(key), format!("{} is not an amount in {}", quote(s), currency.as_str()))),
    }
}

fn strings(o: &mut Fields<'_>, key: &'static str) -> Result<Vec<String>, Error> {
    list(o, key, |v, path| json::string(v, path, KIND).map(str::to_string))
}

fn case(value: &Value, path: &str) -> Result<Case, Error> {
    let mut o = Fields::new(value, path, KIND, "a case")?;
    let id = o.str("id")?.to_string();
    let score_path = o.at("score");
    let score = json::uint(o.req("score")?, &score_path, 100, KIND)? as u8;
    let level = level(&mut o)?;
    let currency = currency(&mut o)?;
    let accounts = list(&mut o, "accounts", |v, p| account(v, p, currency))?;
    let edges = list(&mut o, "edges", edge)?;
    let transactions = list(&mut o, "transactions", transaction)?;
    let indicators = list(&mut o, "indicators", indicator)?;
    o.finish(None)?;
    Ok(Case { id, score, level, currency, accounts, edges, transactions, indicators })
}

fn account(value: &Value, path: &str, currency: Currency) -> Result<CaseAccount, Error> {
    let mut o = Fields::new(value, path, KIND, "an account")?;
    let id = o.str("id")?.to_string();
    let merchant_path = o.at("merchant");
    let merchant = json::boolean(o.req("merchant")?, &merchant_path, KIND)?;
    let r = o.str("role")?;
    let role = ROLES
        .into_iter()
        .find(|x| x.as_str() == r)
        .ok_or_else(|| Error::case(o.at("role"), format!("unknown role {}", quote(r))))?;
    let received = amount(&mut o, "in", currency)?;
    let sent = amount(&mut o, "out", currency)?;
    let flags = strings(&mut o, "flags")?;
    o.finish(None)?;
    Ok(CaseAccount { id, merchant, role, received, sent, flags })
}

const ROLES: [Role; 5] = [Role::Payer, Role::Collector, Role::Intermediary, Role::CashOut, Role::Payee];

fn edge(value: &Value, path: &str) -> Result<CaseEdge, Error> {
    let mut o = Fields::new(value, path, KIND, "an edge")?;
    let from = o.str("from")?.to_string();
    let to = o.str("to")?.to_string();
    let count_path = o.at("count");
    let count = json::uint(o.req("count")?, &count_path, u64::from(u32::MAX), KIND)? as u32;
    let currency = currency(&mut o)?;
    let sum = amount(&mut o, "sum", currency)?;
    let first = o.str("first")?.to_string();
    let last = o.str("last")?.to_string();
    o.finish(None)?;
    Ok(CaseEdge { from, to, count, sum, currency, first, last })
}

fn transaction(value: &Value, path: &str) -> Result<CaseTransaction, Error> {
    let mut o = Fields::new(value, path, KIND, "a transaction")?.nulls(Nulls::Absent);
    let id = o.opt_str("id")?.map(str::to_string);
    let timestamp = o.str("timestamp")?.to_string();
    if crate::transaction::Timestamp::parse(&timestamp).is_none() {
        return Err(Error::case(o.at("timestamp"), format!("{} is not an RFC 3339 timestamp", quote(&timestamp))));
    }
    let currency = currency(&mut o)?;
    let amount = amount(&mut o, "amount", currency)?;
    let channel = match o.opt_str("channel")? {
        None => None,
        Some(c) => Some(
            Channel::parse(c).ok_or_else(|| Error::case(o.at("channel"), format!("unknown channel {}", quote(c))))?,
        ),
    };
    let from = o.opt_str("from")?.map(str::to_string);
    let to = o.opt_str("to")?.map(str::to_string);
    let level = level(&mut o)?;
    let indicators = strings(&mut o, "indicators")?;
    o.finish(None)?;
    Ok(CaseTransaction { id, timestamp, amount, currency, channel, from, to, level, indicators })
}

fn indicator(value: &Value, path: &str) -> Result<CaseIndicator, Error> {
    let mut o = Fields::new(value, path, KIND, "an indicator")?.nulls(Nulls::Absent);
    let indicator = o.str("indicator")?.to_string();
    let reference = o.opt_str("ref")?.map(str::to_string);
    let source = o.str("source")?.to_string();
    o.finish(None)?;
    Ok(CaseIndicator { indicator, reference, source })
}

/// The case with this id, or an error (`invalid_option`, path `/case`) that
/// lists the ids there are (the first ten).
///
/// ```
/// use jejak::cases::{find_case, read_cases};
///
/// let cases = read_cases(r#"{"cases": []}"#)?;
/// let err = find_case(&cases, "case-9").unwrap_err();
/// assert_eq!(err.path(), "/case");
/// # Ok::<(), jejak::Error>(())
/// ```
pub fn find_case<'a>(cases: &'a [Case], id: &str) -> Result<&'a Case, Error> {
    if let Some(case) = cases.iter().find(|c| c.id == id) {
        return Ok(case);
    }
    const SHOWN: usize = 10;
    let known = if cases.is_empty() {
        "the file has no cases".to_string()
    } else {
        let mut ids = cases.iter().take(SHOWN).map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ");
        if cases.len() > SHOWN {
            ids.push_str(&format!(", … ({} cases)", cases.len()));
        }
        format!("the cases are {ids}")
    };
    Err(Error::option("/case", format!("no case {}: {known}", quote(id))))
}
