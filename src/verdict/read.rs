//! Reading a compact verdict back from JSON, for `explain`.
//!
//! The reader is strict about what it needs (every evidence field, with its
//! type and its fixed vocabulary: field paths, channels, patterns,
//! transforms) and names the JSON pointer of the first problem, like the
//! transaction and pack readers. A full verdict is accepted too: a flag's
//! `title`, `category`, `sources` and `explanation` are ignored, so a
//! verdict can be explained again in the other locale.

use std::sync::Arc;

use super::{CompactFlag, CompactVerdict, Evidence, HistoryNote, HistoryStatus, PackRef, TextEvidence};
use crate::error::{join_index, quote, Error, ErrorKind};
use crate::json::{self, Fields, Nulls, Value};
use crate::normalize::Transform;
use crate::patterns::PatternKind;
use crate::transaction::Channel;
use crate::vocab::{Level, HISTORY_MEASURES};

const KIND: ErrorKind = ErrorKind::InvalidVerdict;

/// The text fields evidence can point into.
const TEXT_FIELDS: [&str; 3] = ["memo", "merchant.name", "merchant.descriptor"];

fn fields<'a>(value: &'a Value, path: &str, what: &str) -> Result<Fields<'a>, Error> {
    Ok(Fields::new(value, path, KIND, what)?.nulls(Nulls::Absent))
}

fn uint(f: &mut Fields<'_>, key: &'static str, max: u64) -> Result<u64, Error> {
    let v = f.req(key)?;
    json::uint(v, &f.at(key), max, KIND)
}

fn boolean(f: &mut Fields<'_>, key: &'static str) -> Result<bool, Error> {
    let v = f.req(key)?;
    json::boolean(v, &f.at(key), KIND)
}

fn owned(f: &mut Fields<'_>, key: &'static str) -> Result<String, Error> {
    f.str(key).map(str::to_string)
}

/// The `measure` of a `history` or `discount` item, one the engine writes.
fn measure(f: &mut Fields<'_>) -> Result<&'static str, Error> {
    let name = f.str("measure")?;
    HISTORY_MEASURES
        .iter()
        .copied()
        .find(|m| *m == name)
        .ok_or_else(|| Error::new(KIND, f.at("measure"), format!("{} is not a history measure", quote(name))))
}

/// The `field` of an evidence item, checked against the ones `kind` writes.
fn field(f: &mut Fields<'_>, allowed: &[&'static str]) -> Result<&'static str, Error> {
    let name = f.str("field")?;
    allowed.iter().copied().find(|a| *a == name).ok_or_else(|| {
        Error::new(
            KIND,
            f.at("field"),
            format!("{} is not a field of this evidence kind; expected one of {}", quote(name), allowed.join(", ")),
        )
    })
}

fn offsets(f: &mut Fields<'_>) -> Result<(usize, usize), Error> {
    let start = uint(f, "start", u32::MAX.into())? as usize;
    let end = uint(f, "end", u32::MAX.into())? as usize;
    if end < start {
        return Err(Error::new(KIND, f.at("end"), format!("end {end} is before start {start}")));
    }
    Ok((start, end))
}

fn evidence(value: &Value, path: &str) -> Result<Evidence, Error> {
    let mut f = fields(value, path, "an evidence")?;
    let kind = f.str("kind")?;
    let text_fields = &TEXT_FIELDS;
    let e = match kind {
        "text" => {
            let field = field(&mut f, text_fields)?;
            let (start, end) = offsets(&mut f)?;
            let t_at = f.at("transforms");
            let mut transforms = Vec::new();
            for (i, t) in json::array(f.req("transforms")?, &t_at, KIND)?.iter().enumerate() {
                let at = join_index(&t_at, i);
                let name = json::string(t, &at, KIND)?;
                transforms.push(
                    Transform::parse(name)
                        .ok_or_else(|| Error::new(KIND, at, format!("{} is not a transform", quote(name))))?,
                );
            }
            Evidence::Text(TextEvidence {
                field,
                start,
                end,
                text: owned(&mut f, "text")?,
                term: owned(&mut f, "term")?,
                transforms,
                lang: owned(&mut f, "lang")?,
                validated: boolean(&mut f, "validated")?,
            })
        }
        "pattern" => {
            let field = field(&mut f, &["memo"])?;
            let (start, end) = offsets(&mut f)?;
            let text = owned(&mut f, "text")?;
            let name = f.str("pattern")?;
            let pattern = PatternKind::parse(name)
                .ok_or_else(|| Error::new(KIND, f.at("pattern"), format!("{} is not a memo pattern", quote(name))))?;
            Evidence::Pattern { field, start, end, text, pattern }
        }
        "amount" => Evidence::Amount {
            field: field(&mut f, &["amount"])?,
            value: owned(&mut f, "value")?,
            currency: owned(&mut f, "currency")?,
            converted: f.opt_str("converted")?.map(str::to_string),
            min: f.opt_str("min")?.map(str::to_string),
            max: f.opt_str("max")?.map(str::to_string),
            band_currency: owned(&mut f, "bandCurrency")?,
        },
        "roundAmount" => Evidence::RoundAmount {
            field: field(&mut f, &["amount"])?,
            value: owned(&mut f, "value")?,
            currency: owned(&mut f, "currency")?,
            multiple_of: owned(&mut f, "multipleOf")?,
        },
        "corridor" => Evidence::Corridor {
            field: field(&mut f, &["receiver.country", "merchant.country"])?,
            value: owned(&mut f, "value")?,
            from: owned(&mut f, "from")?,
        },
        "channel" => {
            let field = field(&mut f, &["channel"])?;
            let name = f.str("value")?;
            let value = Channel::parse(name)
                .ok_or_else(|| Error::new(KIND, f.at("value"), format!("{} is not a channel", quote(name))))?
                .as_str();
            Evidence::Channel { field, value }
        }
        "currency" => Evidence::Currency { field: field(&mut f, &["currency"])?, value: owned(&mut f, "value")? },
        "localHour" => Evidence::LocalHour {
            field: field(&mut f, &["timestamp"])?,
            value: owned(&mut f, "value")?,
            hour: uint(&mut f, "hour", 23)? as u8,
            from: uint(&mut f, "from", 24)? as u8,
            to: uint(&mut f, "to", 24)? as u8,
        },
        "mcc" => Evidence::Mcc { field: field(&mut f, &["merchant.mcc"])?, value: owned(&mut f, "value")? },
        "flag" => {
            let field = field(
                &mut f,
                &["sender.isMinor", "receiver.isNew", "receiver.isMinor", "memo", "merchant.id", "merchant.criteria"],
            )?;
            let value = boolean(&mut f, "value")?;
            let s_at = f.at("source");
            let source = match f.opt_str("source")? {
                None => None,
                Some("transaction") => Some("transaction"),
                Some("history") => Some("history"),
                Some(other) => {
                    return Err(Error::new(
                        KIND,
                        s_at,
                        format!("{} is not a source; expected transaction or history", quote(other)),
                    ))
                }
            };
            let days = match f.get("days") {
                None => None,
                Some(v) => Some(json::uint(v, &f.at("days"), u32::MAX.into(), KIND)? as u32),
            };
            Evidence::Flag { field, value, source, days }
        }
        "watchlist" => Evidence::Watchlist {
            field: field(&mut f, &["sender.id", "receiver.id", "merchant.id"])?,
            list: owned(&mut f, "list")?,
        },
        "malformedText" => {
            let field = field(&mut f, text_fields)?;
            let (start, end) = offsets(&mut f)?;
            Evidence::MalformedText { field, start, end, count: uint(&mut f, "count", u32::MAX.into())? as usize }
        }
        "accountAge" => Evidence::AccountAge {
            field: field(&mut f, &["sender.accountAgeDays", "receiver.accountAgeDays"])?,
            value: uint(&mut f, "value", u32::MAX.into())? as u32,
            below: uint(&mut f, "below", u32::MAX.into())? as u32,
        },
        "history" => {
            let field = field(&mut f, &["sender", "receiver"])?;
            let measure = measure(&mut f)?;
            Evidence::History {
                field,
                measure,
                window: f.opt_str("window")?.map(str::to_string),
                count: uint(&mut f, "count", u64::from(u32::MAX))?,
                threshold: uint(&mut f, "threshold", u64::from(u32::MAX))?,
                estimated: boolean(&mut f, "estimated")?,
                currency: f.opt_str("currency")?.map(str::to_string),
            }
        }
        "discount" => {
            let field = field(&mut f, &["sender", "receiver"])?;
            let discount = owned(&mut f, "discount")?;
            let percent = uint(&mut f, "percent", 100)? as u8;
            let from = uint(&mut f, "from", 100)? as u8;
            let measure = measure(&mut f)?;
            Evidence::Discount {
                field,
                discount,
                percent,
                from,
                measure,
                count: uint(&mut f, "count", u64::from(u32::MAX))?,
                threshold: uint(&mut f, "threshold", u64::from(u32::MAX))?,
            }
        }
        "indicator" => Evidence::Indicator { field: field(&mut f, &["indicators"])?, value: owned(&mut f, "value")? },
        other => {
            return Err(Error::new(KIND, f.at("kind"), format!("{} is not an evidence kind", quote(other))));
        }
    };
    f.finish(None)?;
    Ok(e)
}

fn flag(value: &Value, path: &str) -> Result<CompactFlag, Error> {
    let mut f = fields(value, path, "a flag")?;
    let indicator = Arc::from(f.str("indicator")?);
    let weight = uint(&mut f, "weight", 100)? as u8;
    let e_at = f.at("evidence");
    let evidence = json::array(f.req("evidence")?, &e_at, KIND)?
        .iter()
        .enumerate()
        .map(|(i, e)| evidence(e, &join_index(&e_at, i)))
        .collect::<Result<Vec<_>, _>>()?;
    // The words of a full verdict, which explain writes afresh.
    for key in ["title", "category", "sources", "explanation"] {
        f.get(key);
    }
    f.finish(None)?;
    Ok(CompactFlag { indicator, weight, evidence })
}

impl CompactVerdict {
    /// Reads a compact verdict from its JSON (or a full verdict, whose words
    /// are ignored). Errors have kind
    /// [`InvalidVerdict`](crate::ErrorKind::InvalidVerdict) and the pointer
    /// of the first problem. Whether the verdict belongs to a screener's
    /// pack is checked by [`Screener::explain`](crate::Screener::explain).
    pub fn from_json(text: &str) -> Result<CompactVerdict, Error> {
        let value = json::parse(text, KIND, json::Surrogates::Replace)?;
        CompactVerdict::from_value(&value, "")
    }

    /// Reads a verdict from a JSON value found at `path` (errors point
    /// below it): a log row's `verdict` member, for the case builder.
    /// Inlined: in the runtime module `from_json` is its one caller.
    #[inline(always)]
    pub(crate) fn from_value(value: &Value, path: &str) -> Result<CompactVerdict, Error> {
        let mut f = fields(value, path, "a verdict")?;
        let transaction_id = f.opt_str("transactionId")?.map(str::to_string);
        let score = uint(&mut f, "score", 100)? as u8;
        let l_at = f.at("level");
        let level = match f.str("level")? {
            "none" => Level::None,
            "low" => Level::Low,
            "review" => Level::Review,
            "high" => Level::High,
            other => {
                return Err(Error::new(
                    KIND,
                    l_at,
                    format!("{} is not a level; expected none, low, review or high", quote(other)),
                ))
            }
        };
        let fl_at = f.at("flags");
        let flags = json::array(f.req("flags")?, &fl_at, KIND)?
            .iter()
            .enumerate()
            .map(|(i, x)| flag(x, &join_index(&fl_at, i)))
            .collect::<Result<Vec<_>, _>>()?;
        let h_at = f.at("history");
        let history = match f.get("history") {
            None => None,
            Some(v) => {
                let mut h = fields(v, &h_at, "a history note")?;
                let mut status = |key: &'static str| -> Result<HistoryStatus, Error> {
                    let at = h.at(key);
                    match h.str(key)? {
                        "updated" => Ok(HistoryStatus::Updated),
                        "late" => Ok(HistoryStatus::Late),
                        "noId" => Ok(HistoryStatus::NoId),
                        other => Err(Error::new(
                            KIND,
                            at,
                            format!("{} is not a history status; expected updated, late or noId", quote(other)),
                        )),
                    }
                };
                let note = HistoryNote { sender: status("sender")?, receiver: status("receiver")? };
                h.finish(None)?;
                Some(note)
            }
        };
        let p_at = f.at("pack");
        let mut p = fields(f.req("pack")?, &p_at, "a pack")?;
        let pack =
            PackRef { id: owned(&mut p, "id")?, version: owned(&mut p, "version")?, digest: owned(&mut p, "digest")? };
        p.finish(None)?;
        let e_at = f.at("engine");
        let engine = f.str("engine")?;
        if engine != crate::vocab::ENGINE_VERSION {
            return Err(Error::new(
                KIND,
                e_at,
                format!(
                    "the verdict was made by engine {}; this is engine {}: screen the transaction again",
                    quote(engine),
                    crate::vocab::ENGINE_VERSION
                ),
            ));
        }
        f.finish(None)?;
        Ok(CompactVerdict { transaction_id, score, level, flags, history, pack, engine: crate::vocab::ENGINE_VERSION })
    }
}
