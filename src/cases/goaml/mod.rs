//! A case as a draft goAML 5.0.1 report (an STR, "LTKM" at PPATK), to
//! review and submit in the FIU's goAML system (issue 21).
//!
//! # Overview
//!
//! [`goaml_report`] writes one [`Case`] as a goAML `<report>` with
//! `report_code` `STR`: the reporting entity's header from the host's
//! `entity.json`, a `reason` built from the case (who, how many payments,
//! their sum, the indicators and the publishers they cite), one
//! `<transaction>` per payment of the case with a description of it, and
//! the `report_indicators`. It returns a [`Report`]: the XML, and whether
//! it is a draft.
//!
//! Identity data comes only from the host's files at export time, in
//! goAML's own element names, and jejak keeps none of it: `entity.json`
//! for the reporting entity, `parties.json` for the KYC record of each
//! account the host has one for (the file format is in docs/CASES.md, "The
//! goAML report"). Every record is checked against the schema's types and
//! lookup codes before anything is written, and written in the schema's
//! order whatever its JSON key order.
//!
//! A party whose record the host gives is written as the reporter's own
//! client (`t_from_my_client`, `t_to_my_client`). One without a record is
//! written as a third party (`t_from`, `t_to`) whose name fields carry the
//! marker `DRAF: data KYC belum diisi` (`DRAFT: KYC record not supplied`),
//! and the report's `reason` starts with `DRAF` (`DRAFT`) until every party
//! is filled: [`Report::draft`], [`Report::placeholders`].
//!
//! The words are Bahasa Indonesia by default, English on request
//! ([`ReportOptions::locale`]). The indicator codes of `report_indicators`
//! are the FIU's own and not public: every indicator maps to `-` (the only
//! code the generic schema allows) unless the host gives a table
//! ([`ReportOptions::indicator_codes`]); the lookup lists can be replaced by
//! those of the host's own FIU schema ([`ReportOptions::schema`]).
//!
//! # Examples
//!
//! ```
//! use jejak::cases::goaml::{goaml_report, ReportOptions};
//! use jejak::cases::Case;
//! use jejak::{Locale, Pack};
//!
//! let case = Case::from_json(r#"{"id": "case-1", "score": 45, "level": "review",
//!     "currency": "IDR",
//!     "accounts": [
//!       {"id": "a", "merchant": false, "role": "payer", "in": "0.00", "out": "150000.00", "flags": []},
//!       {"id": "c", "merchant": false, "role": "collector", "in": "150000.00", "out": "0.00", "flags": []}],
//!     "edges": [],
//!     "transactions": [{"id": "tx-1", "timestamp": "2026-11-01T03:20:00+07:00",
//!       "amount": "150000.00", "currency": "IDR", "channel": "p2p", "from": "a", "to": "c",
//!       "level": "review", "indicators": []}],
//!     "indicators": []}"#)?;
//! let entity = r#"{"rentity_id": 1234, "rentity_branch": "Kantor Pusat",
//!     "currency_code_local": "IDR",
//!     "reporting_person": {"first_name": "Contoh", "last_name": "Pelapor"},
//!     "location": {"address_type": "-", "address": "Jl. Contoh 1", "city": "Jakarta",
//!                  "country_code": "ID"}}"#;
//! let options = ReportOptions::new("2026-11-20T10:00:00").locale(Locale::En);
//! let report = goaml_report(&case, entity, None, &Pack::default_pack(), &options)?;
//! assert!(report.draft);
//! assert_eq!(report.placeholders, ["a", "c"]);
//! assert!(report.xml.contains("<reason>DRAFT: "));
//! # Ok::<(), jejak::Error>(())
//! ```
//!
//! # Untrusted input
//!
//! The case, the records, the code table and the host schema are all
//! checked; nothing panics on any of them. A bad record is `invalid_record`
//! with the JSON pointer into its file (`/reporting_person/gender`,
//! `/<account id>/person/phones`); a case the report cannot carry is
//! `invalid_case`. The host schema is read without a DTD, so it cannot
//! expand entities. Text is escaped; characters XML 1.0 cannot carry are
//! written as U+FFFD (`xml.rs`).
//!
//! # Limitations
//!
//! * Amounts are written as the log gave them: goAML's `amount_local` is in
//!   the local currency, and jejak has no exchange rate for a payment in
//!   another one, so its description says so and no `*_foreign_currency`
//!   is written.
//! * The generic schema documents no meaning for its `conduction_type` and
//!   `funds_type` codes: `transmode_code` and the funds codes are `-`, the
//!   channel goes in `transmode_comment`, a party's funds code can be given
//!   in `parties.json`.
//! * `date_transaction` is the payment's wall-clock time as the log wrote
//!   it, without its offset (goAML's dates carry none).

mod lookups;
mod narrative;
mod records;
mod schema;
pub(crate) mod xml;

#[cfg(test)]
mod tests;

use crate::error::{join, quote, Error, ErrorKind};
use crate::json::{self, Fields, Surrogates, Value as Json};
use crate::money::Currency;
use crate::pack::Pack;
use crate::transaction::Channel;
use crate::vocab::Locale;

use super::{Case, CaseTransaction};
use lookups::Lookups;
use records::{Content, Node};
use xml::Xml;

/// How to write a report.
///
/// ```
/// use jejak::cases::goaml::ReportOptions;
/// use jejak::Locale;
///
/// let options = ReportOptions::new("2026-11-20T10:00:00")
///     .locale(Locale::En)
///     .indicator_codes(r#"{"JEJAK-IDCSAM-01": "-"}"#);
/// # let _ = options;
/// ```
#[derive(Clone, Debug)]
pub struct ReportOptions {
    locale: Locale,
    submission_date: String,
    indicator_codes: Option<String>,
    schema: Option<String>,
}

impl ReportOptions {
    /// Options with the report's `submission_date`, `YYYY-MM-DDTHH:MM:SS`
    /// (the core reads no clock: the same input gives the same bytes), and
    /// the defaults: Bahasa Indonesia, every indicator coded `-`, the
    /// generic schema's lookup lists.
    pub fn new(submission_date: &str) -> ReportOptions {
        ReportOptions {
            locale: Locale::Id,
            submission_date: submission_date.to_string(),
            indicator_codes: None,
            schema: None,
        }
    }

    /// The language of the reason, the descriptions and the markers
    /// (default Bahasa Indonesia).
    pub fn locale(mut self, locale: Locale) -> ReportOptions {
        self.locale = locale;
        self
    }

    /// The FIU's indicator codes, as JSON `{"INDICATOR-ID": "CODE", ...}`:
    /// each code must be in the schema's `report_indicator_type` list (the
    /// host schema's, with [`schema`](ReportOptions::schema)). An
    /// indicator the table does not name is coded `-`.
    pub fn indicator_codes(mut self, json: &str) -> ReportOptions {
        self.indicator_codes = Some(json.to_string());
        self
    }

    /// The host's own FIU schema (XSD text): its lookup lists (named
    /// simpleTypes with enumerations, such as `report_indicator_type` or
    /// `country_type`) replace the generic schema's.
    pub fn schema(mut self, xsd: &str) -> ReportOptions {
        self.schema = Some(xsd.to_string());
        self
    }
}

/// A written report.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Report {
    /// The goAML XML, UTF-8, with its XML declaration.
    pub xml: String,
    /// Whether some party is a placeholder: the reason starts with `DRAF`
    /// (`DRAFT`).
    pub draft: bool,
    /// The account ids written as third parties because `parties.json` has
    /// no record of them, in the order they first appear.
    pub placeholders: Vec<String>,
}

/// The longest `entity_reference` (the case id) goAML takes.
const REFERENCE_MAX: usize = 255;
/// `transactionnumber`'s length.
const NUMBER_MAX: usize = 100;
/// `transmode_comment`'s length.
const TRANSMODE_COMMENT_MAX: usize = 50;
/// The names of `t_person`, `t_account`'s `account`: at most 100 and 255.
const NAME_MAX: usize = 100;
const ACCOUNT_MAX: usize = 255;
/// `sql_decimal`'s range.
const DECIMAL_MAX: i64 = 7_900_000_000_000_000;

/// Writes `case` as a goAML report.
///
/// `entity_json` is the reporting entity (goAML's `rentity_id`,
/// `rentity_branch`, `currency_code_local`, `reporting_person`, `location`,
/// optionally `action`); `parties_json` maps account ids, as the case gives
/// them, to the host's KYC records (`{"c": {"person": {...}}}`). `pack` gives
/// the indicators' titles and documents; use the pack the case was
/// screened with.
///
/// Errors: `invalid_record` for a bad record, code table or host schema
/// (the path points into that file); `invalid_case` for a case a report
/// cannot carry; `invalid_option` for a bad submission date.
pub fn goaml_report(
    case: &Case,
    entity_json: &str,
    parties_json: Option<&str>,
    pack: &Pack,
    options: &ReportOptions,
) -> Result<Report, Error> {
    let locale = options.locale;
    let submission = records::sql_date(&options.submission_date)
        .filter(|d| d.len() == options.submission_date.len())
        .ok_or_else(|| {
        Error::option(
            "/submission_date",
            format!("{} is not a date and time YYYY-MM-DDTHH:MM:SS", quote(&options.submission_date)),
        )
    })?;
    let lookups = match &options.schema {
        Some(xsd) => Lookups::from_xsd(xsd).map_err(|e| e.under("/schema"))?,
        None => Lookups::builtin(),
    };
    // The codes jejak writes itself must be in the lists too (a host schema
    // may lack one).
    for (list, code, element) in [
        ("submission_type", "E", "submission_code"),
        ("report_type", "STR", "report_code"),
        ("funds_type", "-", "from_funds_code"),
        ("conduction_type", "-", "transmode_code"),
        ("country_type", "-", "from_country"),
    ] {
        if !lookups.contains(list, code) {
            return Err(Error::record(
                "/schema",
                format!("{element} {} (written by jejak) is not among the host schema's {list} codes", quote(code)),
            ));
        }
    }
    // Each file's errors point into it under its own name: `/entity`,
    // `/parties`, `/indicatorCodes`, `/schema` (a case's own are the case's).
    let header = json::parse(entity_json, ErrorKind::InvalidRecord, Surrogates::Reject)
        .and_then(|entity| records::check("report", &entity, "", &lookups))
        .map_err(|e| e.under("/entity"))?;
    let parties = match parties_json {
        Some(text) => read_parties(text, &lookups).map_err(|e| e.under("/parties"))?,
        None => Vec::new(),
    };
    let codes = match &options.indicator_codes {
        Some(text) => read_codes(text, &lookups).map_err(|e| e.under("/indicatorCodes"))?,
        None => Vec::new(),
    };
    if case.id.chars().count() > REFERENCE_MAX {
        return Err(Error::case("/id", format!("the case id is longer than goAML's {REFERENCE_MAX} characters")));
    }
    if case.transactions.is_empty() {
        return Err(Error::case(
            "/transactions",
            "the case has no payments: a report needs them (give the log to Cases::collect, `jejak cases` does)",
        ));
    }
    let local = header.iter().find(|n| n.name == "currency_code_local").and_then(|n| match &n.content {
        Content::Text(t) => Currency::parse(t),
        Content::Children(_) => None,
    });

    // The parties: known, or placeholders, in order of first appearance.
    let mut placeholders: Vec<String> = Vec::new();
    let mut transactions = Vec::with_capacity(case.transactions.len());
    for (i, t) in case.transactions.iter().enumerate() {
        let path = crate::error::join_index("/transactions", i);
        let from = side(case, t.from.as_deref(), false, &parties, &mut placeholders);
        let to = match (&t.to, t.channel) {
            (None, Some(Channel::CashWithdrawal)) => Side::Cash(t.from.clone()),
            (to, _) => side(case, to.as_deref(), true, &parties, &mut placeholders),
        };
        for (who, s) in [("from", &from), ("to", &to)] {
            if let Side::Placeholder { id, .. } = s {
                if id.chars().count() > ACCOUNT_MAX {
                    return Err(Error::case(
                        join(&path, who),
                        format!("the account id is longer than goAML's {ACCOUNT_MAX} characters"),
                    ));
                }
            }
        }
        if !records::decimal_in(&t.amount, -DECIMAL_MAX, DECIMAL_MAX, 13) {
            return Err(Error::case(
                join(&path, "amount"),
                format!("{} is past goAML's amount range (sql_decimal, at most {DECIMAL_MAX})", quote(&t.amount)),
            ));
        }
        let date = narrative::local_time(&t.timestamp).ok_or_else(|| {
            Error::case(join(&path, "timestamp"), format!("{} is no goAML date (from 1753 on)", quote(&t.timestamp)))
        })?;
        transactions.push((t, date, from, to));
    }
    let draft = !placeholders.is_empty();

    let mut x = Xml::new();
    x.open("report");
    let head = |x: &mut Xml, name: &str| {
        for n in header.iter().filter(|n| n.name == name) {
            write_node(x, n);
        }
    };
    head(&mut x, "rentity_id");
    head(&mut x, "rentity_branch");
    x.leaf("submission_code", "E");
    x.leaf("report_code", "STR");
    x.leaf("entity_reference", &case.id);
    x.leaf("submission_date", &submission);
    head(&mut x, "currency_code_local");
    head(&mut x, "reporting_person");
    head(&mut x, "location");
    x.leaf("reason", &narrative::reason(case, pack, locale, &placeholders));
    head(&mut x, "action");
    let local = local.unwrap_or(case.currency);
    for (n, (t, date, from, to)) in transactions.iter().enumerate() {
        write_transaction(&mut x, case, pack, locale, n, t, date, from, to, local);
    }
    x.open("report_indicators");
    for code in indicator_codes(case, &codes) {
        x.leaf("indicator", code);
    }
    x.close("report_indicators");
    x.close("report");
    Ok(Report { xml: x.finish(), draft, placeholders })
}

/// The codes of the case's indicators, each once: `-` alone when every
/// one maps to `-`, the codes other than `-` otherwise.
fn indicator_codes<'a>(case: &Case, table: &'a [(String, String)]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for id in narrative::indicator_ids(case) {
        let code = table.iter().find(|(i, _)| i == id).map_or("-", |(_, c)| c.as_str());
        if code != "-" && !out.contains(&code) {
            out.push(code);
        }
    }
    if out.is_empty() {
        out.push("-");
    }
    out
}

/// One side of a payment.
#[derive(Debug)]
enum Side<'a> {
    /// The host's client.
    Known(&'a Party),
    /// An account or merchant id without a record.
    Placeholder { id: String, merchant: bool },
    /// The log gave no party.
    Unknown,
    /// Cash taken out (by the payer, if known).
    Cash(Option<String>),
}

fn side<'a>(
    case: &Case,
    id: Option<&str>,
    payee: bool,
    parties: &'a [(String, Party)],
    placeholders: &mut Vec<String>,
) -> Side<'a> {
    let Some(id) = id else { return Side::Unknown };
    if let Some((_, p)) = parties.iter().find(|(k, _)| k == id) {
        return Side::Known(p);
    }
    if !placeholders.iter().any(|p| p == id) {
        placeholders.push(id.to_string());
    }
    // A payee id is a merchant's when the case has it only as a merchant.
    let merchant = payee
        && case.accounts.iter().any(|a| a.id == id && a.merchant)
        && !case.accounts.iter().any(|a| a.id == id && !a.merchant);
    Side::Placeholder { id: id.to_string(), merchant }
}

/// A party's record from `parties.json`.
#[derive(Debug)]
struct Party {
    country: String,
    funds: String,
    kind: &'static str,
    nodes: Vec<Node>,
}

/// Reads and checks `parties.json`: `{"<account id>": {"person" | "account" |
/// "entity": {...}, "country"?: "ID", "funds_code"?: "-"}}`.
fn read_parties(text: &str, lookups: &Lookups) -> Result<Vec<(String, Party)>, Error> {
    const KIND: ErrorKind = ErrorKind::InvalidRecord;
    let value = json::parse(text, KIND, Surrogates::Reject)?;
    let Json::Object(members) = &value else {
        return Err(Error::record("", format!("expected a parties object, found {}", value.type_name())));
    };
    let mut out = Vec::new();
    for (id, record) in members.iter() {
        if id.starts_with('_') {
            continue; // a comment, as in packs
        }
        let path = join("", id);
        let mut o = Fields::new(record, &path, KIND, "a party")?;
        let country = o.opt_str("country")?.map(str::to_string);
        let funds = o.opt_str("funds_code")?.unwrap_or("-").to_string();
        let mut body = None;
        for (key, ty) in
            [("person", "t_person_my_client"), ("account", "t_account_my_client"), ("entity", "t_entity_my_client")]
        {
            let Some(v) = o.get(key) else { continue };
            if let Some((first, _)) = body {
                return Err(Error::record(
                    o.at(key),
                    format!("{first} and {key} cannot both be given: a party is one person, account or entity"),
                ));
            }
            body = Some((key, check_party(ty, v, &o.at(key), lookups)?));
        }
        o.finish(None)?;
        let Some((kind, nodes)) = body else {
            return Err(Error::record(path, format!("the party {} needs one of person, account or entity", quote(id))));
        };
        if let Some(c) = &country {
            lookups.check("country_type", c, "country", &join(&path, "country"))?;
        }
        lookups.check("funds_type", &funds, "funds_code", &join(&path, "funds_code"))?;
        // The country of the party: given, else the person's residence or
        // the entity's country of incorporation, else unknown.
        let own = nodes.iter().find(|n| n.name == "residence" || n.name == "incorporation_country_code");
        let country = country
            .or_else(|| {
                own.and_then(|n| match &n.content {
                    Content::Text(t) => Some(t.clone()),
                    Content::Children(_) => None,
                })
            })
            .unwrap_or_else(|| "-".to_string());
        out.push((id.to_string(), Party { country, funds, kind, nodes }));
    }
    Ok(out)
}

fn check_party(ty: &'static str, v: &Json, path: &str, lookups: &Lookups) -> Result<Vec<Node>, Error> {
    records::check(ty, v, path, lookups)
}

/// Reads and checks the indicator-code table `{"ID": "CODE"}`.
fn read_codes(text: &str, lookups: &Lookups) -> Result<Vec<(String, String)>, Error> {
    let value = json::parse(text, ErrorKind::InvalidRecord, Surrogates::Reject)?;
    let Json::Object(members) = &value else {
        return Err(Error::record("", format!("expected an indicator-code object, found {}", value.type_name())));
    };
    let mut out = Vec::new();
    for (id, code) in members.iter() {
        if id.starts_with('_') {
            continue; // a comment
        }
        let path = join("", id);
        let code = json::string(code, &path, ErrorKind::InvalidRecord)?;
        lookups.check("report_indicator_type", code, "indicator", &path)?;
        out.push((id.to_string(), code.to_string()));
    }
    Ok(out)
}

fn write_node(x: &mut Xml, node: &Node) {
    match &node.content {
        Content::Text(t) => x.leaf(node.name, t),
        Content::Children(children) => {
            x.open(node.name);
            for c in children {
                write_node(x, c);
            }
            x.close(node.name);
        }
    }
}

/// `text` cut to `max` characters.
fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

#[allow(clippy::too_many_arguments)]
fn write_transaction(
    x: &mut Xml,
    case: &Case,
    pack: &Pack,
    locale: Locale,
    n: usize,
    t: &CaseTransaction,
    date: &str,
    from: &Side<'_>,
    to: &Side<'_>,
    local: Currency,
) {
    x.open("transaction");
    let number = match &t.id {
        Some(id) if !id.is_empty() && id.chars().count() <= NUMBER_MAX => id.clone(),
        _ => {
            let derived = format!("{}-{}", case.id, n + 1);
            if derived.chars().count() <= NUMBER_MAX {
                derived
            } else {
                format!("tx-{}", n + 1)
            }
        }
    };
    x.leaf("transactionnumber", &number);
    x.leaf("transaction_location", "");
    x.leaf("transaction_description", &narrative::description(case, pack, locale, t, n + 1, local));
    x.leaf("date_transaction", date);
    x.leaf("transmode_code", "-");
    if let Some(c) = t.channel {
        x.leaf("transmode_comment", &cut(c.as_str(), TRANSMODE_COMMENT_MAX));
    }
    x.leaf("amount_local", &t.amount);
    write_side(x, case, locale, "from", from);
    write_side(x, case, locale, "to", to);
    x.close("transaction");
}

/// `t_from_my_client`/`t_from` or `t_to_my_client`/`t_to`.
fn write_side(x: &mut Xml, case: &Case, locale: Locale, dir: &str, side: &Side<'_>) {
    let el = |name: &str| format!("{dir}_{name}");
    let en = locale != Locale::Id;
    match side {
        Side::Known(p) => {
            let wrapper = format!("t_{dir}_my_client");
            x.open(&wrapper);
            x.leaf(&el("funds_code"), &p.funds);
            x.open(&el(p.kind));
            for node in &p.nodes {
                write_node(x, node);
            }
            x.close(&el(p.kind));
            x.leaf(&el("country"), &p.country);
            x.close(&wrapper);
        }
        Side::Placeholder { id, merchant } => {
            let wrapper = format!("t_{dir}");
            x.open(&wrapper);
            x.leaf(&el("funds_code"), "-");
            let comment = narrative::placeholder_comment(case, id, *merchant, locale);
            if *merchant {
                x.open(&el("entity"));
                x.leaf("name", narrative::marker(locale));
                x.leaf("comments", &narrative::fit(comment));
                x.close(&el("entity"));
            } else {
                x.open(&el("account"));
                x.leaf("institution_name", "-");
                x.leaf("institution_code", "-");
                x.leaf("account", id);
                x.leaf("account_name", narrative::marker(locale));
                x.leaf("comments", &narrative::fit(comment));
                x.close(&el("account"));
            }
            x.leaf(&el("country"), "-");
            x.close(&wrapper);
        }
        Side::Unknown => {
            let wrapper = format!("t_{dir}");
            x.open(&wrapper);
            x.leaf(&el("funds_code"), "-");
            x.open(&el("person"));
            x.leaf("first_name", if en { "(unknown)" } else { "(tidak diketahui)" });
            x.leaf("last_name", "-");
            x.close(&el("person"));
            x.leaf(&el("country"), "-");
            x.close(&wrapper);
        }
        Side::Cash(holder) => {
            // goAML has no cash party: a person named CASH (TUNAI) with the
            // account the cash came from as last name.
            let wrapper = format!("t_{dir}");
            x.open(&wrapper);
            x.leaf(&el("funds_code"), "-");
            x.leaf(&el("funds_comment"), if en { "cash withdrawal" } else { "penarikan tunai" });
            x.open(&el("person"));
            x.leaf("first_name", if en { "CASH" } else { "TUNAI" });
            let last = holder.as_deref().filter(|h| !h.is_empty()).unwrap_or("-");
            x.leaf("last_name", &cut(last, NAME_MAX));
            x.close(&el("person"));
            x.leaf(&el("country"), "-");
            x.close(&wrapper);
        }
    }
}
