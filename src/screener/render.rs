//! Explanations: a template's segments filled from the transaction and the
//! flag's evidence, in English or Bahasa Indonesia.

use crate::money;
use crate::pack::{Placeholder, Segment};
use crate::transaction::Transaction;
use crate::verdict::Evidence;
use crate::vocab::Locale;

/// Re-formats a plain decimal for a locale.
fn localize(plain: &str, locale: Locale) -> String {
    let (int, frac) = plain.split_once('.').unwrap_or((plain, ""));
    let minor: u128 = format!("{int}{frac}").parse().unwrap_or(0);
    money::format_minor(minor, frac.len() as u8, locale)
}

pub(super) fn render(template: &[Segment], tx: &Transaction, evidence: &[Evidence], locale: Locale) -> String {
    let mut out = String::new();
    for seg in template {
        match seg {
            Segment::Text(t) => out.push_str(t),
            // A placeholder with no value outside a group renders as "-".
            Segment::Hole(h) => out.push_str(hole(*h, tx, evidence, locale).as_deref().unwrap_or("-")),
            Segment::Optional(group) => {
                let mut part = String::new();
                let complete = group.iter().all(|g| match g {
                    Segment::Text(t) => {
                        part.push_str(t);
                        true
                    }
                    Segment::Hole(h) => hole(*h, tx, evidence, locale).map(|v| part.push_str(&v)).is_some(),
                    Segment::Optional(_) => false,
                });
                if complete {
                    out.push_str(&part);
                }
            }
        }
    }
    out
}

/// The value of one placeholder, if the transaction and evidence have it.
fn hole(hole: Placeholder, tx: &Transaction, evidence: &[Evidence], locale: Locale) -> Option<String> {
    let quoted = |items: Vec<&str>| -> Option<String> {
        let mut uniq: Vec<&str> = Vec::new();
        for i in items {
            if !uniq.contains(&i) {
                uniq.push(i);
            }
        }
        if uniq.is_empty() {
            None
        } else {
            Some(uniq.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", "))
        }
    };
    match hole {
        Placeholder::Amount => Some(tx.amount.display(locale)),
        Placeholder::AmountConverted => evidence.iter().find_map(|e| match e {
            Evidence::Amount { converted: Some(c), band_currency, .. } => {
                Some(format!("{} {band_currency}", localize(c, locale)))
            }
            Evidence::Amount { converted: None, .. } => Some(tx.amount.display(locale)),
            _ => None,
        }),
        // "40.00 GBP (≈ 78.15 AUD)", or just "50.00 AUD" when the band is in
        // the transaction's own currency.
        Placeholder::AmountInBand => evidence.iter().find_map(|e| match e {
            Evidence::Amount { converted: Some(c), band_currency, .. } => {
                Some(format!("{} (≈ {} {band_currency})", tx.amount.display(locale), localize(c, locale)))
            }
            Evidence::Amount { converted: None, .. } => Some(tx.amount.display(locale)),
            _ => None,
        }),
        Placeholder::Band => evidence.iter().find_map(|e| match e {
            Evidence::Amount { min, max, band_currency, .. } => Some(match (min, max, locale) {
                (Some(a), Some(b), _) => format!("{}–{} {band_currency}", localize(a, locale), localize(b, locale)),
                (None, Some(b), Locale::En) => format!("up to {} {band_currency}", localize(b, locale)),
                (None, Some(b), Locale::Id) => format!("hingga {} {band_currency}", localize(b, locale)),
                (Some(a), None, Locale::En) => format!("at least {} {band_currency}", localize(a, locale)),
                (Some(a), None, Locale::Id) => format!("minimal {} {band_currency}", localize(a, locale)),
                (None, None, _) => band_currency.clone(),
            }),
            _ => None,
        }),
        Placeholder::Terms => quoted(
            evidence
                .iter()
                .filter_map(|e| match e {
                    Evidence::Text(t) => Some(t.term.as_str()),
                    _ => None,
                })
                .collect(),
        ),
        Placeholder::Matched => quoted(
            evidence
                .iter()
                .filter_map(|e| match e {
                    Evidence::Text(t) => Some(t.text.as_str()),
                    Evidence::Pattern { text, .. } => Some(text.as_str()),
                    _ => None,
                })
                .collect(),
        ),
        Placeholder::Pattern => {
            let mut kinds: Vec<&str> = Vec::new();
            for e in evidence {
                if let Evidence::Pattern { pattern, .. } = e {
                    let d = pattern.describe(locale);
                    if !kinds.contains(&d) {
                        kinds.push(d);
                    }
                }
            }
            (!kinds.is_empty()).then(|| kinds.join(", "))
        }
        Placeholder::Corridor => match (tx.sender.country, tx.destination_country()) {
            (None, None) => None,
            (s, d) => {
                Some(format!("{} → {}", s.as_ref().map_or("?", |c| c.as_str()), d.as_ref().map_or("?", |c| c.as_str())))
            }
        },
        Placeholder::SenderCountry => tx.sender.country.map(|c| c.to_string()),
        Placeholder::ReceiverCountry => tx.destination_country().map(|c| c.to_string()),
        Placeholder::Channel => tx.channel.map(|c| c.as_str().to_string()),
        Placeholder::Hour => Some(format!("{:02}", tx.timestamp.local_hour())),
        Placeholder::Mcc => tx.merchant.mcc.map(|m| format!("{m:04}")),
        Placeholder::Merchant => tx.merchant.name.clone().or_else(|| tx.merchant.descriptor.clone()),
        Placeholder::Indicators => {
            let ids: Vec<&str> = evidence
                .iter()
                .filter_map(|e| match e {
                    Evidence::Indicator { value, .. } => Some(value.as_str()),
                    _ => None,
                })
                .collect();
            (!ids.is_empty()).then(|| ids.join(", "))
        }
    }
}
