//! Explanations: a template's segments filled from a flag's evidence, in
//! English or Bahasa Indonesia.
//!
//! Placeholders read only evidence (the flag's own, then that of the
//! indicators it refers to), never the transaction: so a compact verdict,
//! which keeps the evidence, can be explained later into the same bytes.

use crate::money;
use crate::pack::{Placeholder, Segment};
use crate::verdict::Evidence;
use crate::vocab::Locale;

/// The evidence a flag's explanation may quote: its own first, then that of
/// the flags it refers to.
pub(super) struct Sources<'v> {
    pub(super) own: &'v [Evidence],
    pub(super) referenced: Vec<&'v [Evidence]>,
}

impl<'v> Sources<'v> {
    fn iter(&self) -> impl Iterator<Item = &'v Evidence> + '_ {
        self.own.iter().chain(self.referenced.iter().flat_map(|e| e.iter()))
    }
}

/// Re-formats a plain decimal for a locale.
fn localize(plain: &str, locale: Locale) -> String {
    let (int, frac) = plain.split_once('.').unwrap_or((plain, ""));
    let minor: u128 = format!("{int}{frac}").parse().unwrap_or(0);
    money::format_minor(minor, frac.len() as u8, locale)
}

pub(super) fn render(template: &[Segment], evidence: &Sources<'_>, locale: Locale) -> String {
    let mut out = String::new();
    for seg in template {
        match seg {
            Segment::Text(t) => out.push_str(t),
            // A placeholder with no value outside a group renders as "-".
            Segment::Hole(h) => out.push_str(hole(*h, evidence, locale).as_deref().unwrap_or("-")),
            Segment::Optional(group) => {
                let mut part = String::new();
                let complete = group.iter().all(|g| match g {
                    Segment::Text(t) => {
                        part.push_str(t);
                        true
                    }
                    Segment::Hole(h) => hole(*h, evidence, locale).map(|v| part.push_str(&v)).is_some(),
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
fn hole(hole: Placeholder, sources: &Sources<'_>, locale: Locale) -> Option<String> {
    let evidence = || sources.iter();
    // "50.00 AUD" with the locale's separators, as `Amount::display` writes it.
    let amount = |value: &str, currency: &str| format!("{} {currency}", localize(value, locale));
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
        Placeholder::Amount => evidence().find_map(|e| match e {
            Evidence::Amount { value, currency, .. } | Evidence::RoundAmount { value, currency, .. } => {
                Some(amount(value, currency))
            }
            _ => None,
        }),
        Placeholder::AmountConverted => evidence().find_map(|e| match e {
            Evidence::Amount { converted: Some(c), band_currency, .. } => Some(amount(c, band_currency)),
            Evidence::Amount { converted: None, value, currency, .. } => Some(amount(value, currency)),
            _ => None,
        }),
        // "40.00 GBP (≈ 78.15 AUD)", or just "50.00 AUD" when the band is in
        // the transaction's own currency.
        Placeholder::AmountInBand => evidence().find_map(|e| match e {
            Evidence::Amount { converted: Some(c), band_currency, value, currency, .. } => {
                Some(format!("{} (≈ {})", amount(value, currency), amount(c, band_currency)))
            }
            Evidence::Amount { converted: None, value, currency, .. } => Some(amount(value, currency)),
            _ => None,
        }),
        Placeholder::Band => evidence().find_map(|e| match e {
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
            evidence()
                .filter_map(|e| match e {
                    Evidence::Text(t) => Some(t.term.as_str()),
                    _ => None,
                })
                .collect(),
        ),
        Placeholder::Matched => quoted(
            evidence()
                .filter_map(|e| match e {
                    Evidence::Text(t) => Some(t.text.as_str()),
                    Evidence::Pattern { text, .. } => Some(text.as_str()),
                    _ => None,
                })
                .collect(),
        ),
        Placeholder::Pattern => {
            let mut kinds: Vec<&str> = Vec::new();
            for e in evidence() {
                if let Evidence::Pattern { pattern, .. } = e {
                    let d = pattern.describe(locale);
                    if !kinds.contains(&d) {
                        kinds.push(d);
                    }
                }
            }
            (!kinds.is_empty()).then(|| kinds.join(", "))
        }
        Placeholder::Corridor => evidence().find_map(|e| match e {
            Evidence::Corridor { value, from, .. } => {
                let or_unknown = |c: &str| if c.is_empty() { "?".to_string() } else { c.to_string() };
                Some(format!("{} → {}", or_unknown(from), or_unknown(value)))
            }
            _ => None,
        }),
        Placeholder::SenderCountry => evidence().find_map(|e| match e {
            Evidence::Corridor { from, .. } if !from.is_empty() => Some(from.clone()),
            _ => None,
        }),
        Placeholder::ReceiverCountry => evidence().find_map(|e| match e {
            Evidence::Corridor { value, .. } if !value.is_empty() => Some(value.clone()),
            _ => None,
        }),
        Placeholder::Channel => evidence().find_map(|e| match e {
            Evidence::Channel { value, .. } => Some(value.to_string()),
            _ => None,
        }),
        Placeholder::Hour => evidence().find_map(|e| match e {
            Evidence::LocalHour { hour, .. } => Some(format!("{hour:02}")),
            _ => None,
        }),
        Placeholder::Mcc => evidence().find_map(|e| match e {
            Evidence::Mcc { value, .. } => Some(value.clone()),
            _ => None,
        }),
        // The merchant text that matched (name or descriptor).
        Placeholder::Merchant => {
            let texts: Vec<&str> = evidence()
                .filter_map(|e| match e {
                    Evidence::Text(t) if t.field != "memo" => Some(t.text.as_str()),
                    _ => None,
                })
                .collect();
            (!texts.is_empty()).then(|| texts.join(", "))
        }
        Placeholder::Indicators => {
            let ids: Vec<&str> = sources
                .own
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
