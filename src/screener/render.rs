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
        // Every history measure of the flag and the flags it refers to, in
        // words: "5 payments to this payee in 7 days (threshold 4)".
        Placeholder::History => {
            let parts: Vec<String> = evidence()
                .filter_map(|e| match e {
                    Evidence::History { field, measure, window, count, threshold, estimated, currency } => {
                        let amounts = currency.as_deref().map(|c| {
                            let whole = |n: u64| format!("{} {c}", money::format_minor(u128::from(n), 0, locale));
                            (whole(*count), whole(*threshold))
                        });
                        let (n, t) = amounts.unwrap_or_else(|| (count.to_string(), threshold.to_string()));
                        Some(history_words(field, measure, window.as_deref(), &n, &t, *estimated, locale))
                    }
                    _ => None,
                })
                .collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        }
        // A discount in words: "lowered from 34 to 17 (50% off): ...".
        Placeholder::Discount => evidence().find_map(|e| match e {
            Evidence::Discount { field, percent, from, measure, count, threshold, .. } => {
                let to = crate::pack::discounted(*from, *percent);
                let why =
                    history_words(field, measure, None, &count.to_string(), &threshold.to_string(), false, locale);
                Some(match locale {
                    Locale::En => format!("lowered from {from} to {to} ({percent}% off): {why}"),
                    Locale::Id => format!("diturunkan dari {from} menjadi {to} (potongan {percent}%): {why}"),
                })
            }
            _ => None,
        }),
        // Facts the history established for the host (the flag evidence
        // whose source is the history), in words.
        Placeholder::Facts => {
            let parts: Vec<String> = evidence()
                .filter_map(|e| match e {
                    Evidence::Flag { field, value, source: Some(source), days } => {
                        Some(fact_words(field, *value, source, *days, locale))
                    }
                    _ => None,
                })
                .collect();
            (!parts.is_empty()).then(|| parts.join("; "))
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

/// A fact and where it came from, in words.
fn fact_words(field: &str, value: bool, source: &str, days: Option<u32>, locale: Locale) -> String {
    let history = source == "history";
    match (field, history, locale) {
        ("receiver.isNew", true, Locale::En) => match days {
            Some(d) => format!("the sender's history first saw this payee {d} days ago (new within 7 days)"),
            None => "the sender's history".to_string(),
        },
        ("receiver.isNew", true, Locale::Id) => match days {
            Some(d) => format!("riwayat pengirim pertama kali mencatat penerima ini {d} hari lalu (baru dalam 7 hari)"),
            None => "riwayat pengirim".to_string(),
        },
        ("receiver.isNew", false, Locale::En) => "the transaction marks the payee as new".to_string(),
        ("receiver.isNew", false, Locale::Id) => "transaksi menandai penerima sebagai baru".to_string(),
        (_, true, Locale::En) => {
            let who = if field.starts_with("sender") { "sender" } else { "receiver" };
            format!(
                "the {who}'s account was marked {} on an earlier payment",
                if value { "a minor's" } else { "an adult's" }
            )
        }
        (_, true, Locale::Id) => {
            let who = if field.starts_with("sender") { "pengirim" } else { "penerima" };
            format!(
                "rekening {who} ditandai {} pada pembayaran sebelumnya",
                if value { "milik anak" } else { "bukan milik anak" }
            )
        }
        (_, false, Locale::En) => format!("the transaction's {field}"),
        (_, false, Locale::Id) => format!("{field} pada transaksi"),
    }
}

/// A window's text (`7d`, `48h`, `6w`) in words, and its unit alone.
fn window_words(window: &str, locale: Locale) -> (String, &'static str) {
    // `strip_suffix`, not `split_at`: a slice that can panic brings core's
    // panic message formatting into the module.
    let (n, unit) = match (window.strip_suffix('h'), window.strip_suffix('w'), locale) {
        (Some(n), _, Locale::En) => (n, "hours"),
        (Some(n), _, Locale::Id) => (n, "jam"),
        (None, Some(n), Locale::En) => (n, "weeks"),
        (None, Some(n), Locale::Id) => (n, "minggu"),
        (None, None, Locale::En) => (window.strip_suffix('d').unwrap_or(window), "days"),
        (None, None, Locale::Id) => (window.strip_suffix('d').unwrap_or(window), "hari"),
    };
    (format!("{n} {unit}"), unit)
}

/// Each history measure's words: `(measure, English, Bahasa Indonesia)`,
/// with `{n}` the count, `{t}` the threshold, `{w}` the window in words,
/// `{unit}` its unit and `{who}` the account. Data rather than a `format!`
/// per measure and language, each of which was code of its own in the
/// module. The last row also words an unknown measure.
const MEASURE_WORDS: &[(&str, &str, &str)] = &[
    ("payerCount", "{n} payments by {who} in {w} (threshold {t})", "{n} pembayaran oleh {who} dalam {w} (ambang {t})"),
    (
        "payeeCount",
        "{n} payments to this payee in {w} (threshold {t})",
        "{n} pembayaran ke penerima ini dalam {w} (ambang {t})",
    ),
    (
        "payeeNew",
        "this payee was first paid {n} {unit} ago (within {w})",
        "penerima ini pertama kali dibayar {n} {unit} lalu (dalam {w})",
    ),
    ("distinctPayees", "{n} different payees in {w} (threshold {t})", "{n} penerima berbeda dalam {w} (ambang {t})"),
    (
        "escalation",
        "this payment is {n}% of the average of the first payments to this payee (threshold {t}%)",
        "pembayaran ini {n}% dari rata-rata pembayaran pertama ke penerima ini (ambang {t}%)",
    ),
    (
        "burstThenStop",
        "{n} payments to one payee within {w}, then none (threshold {t})",
        "{n} pembayaran ke satu penerima dalam {w}, lalu berhenti (ambang {t})",
    ),
    (
        "recentMerchant",
        "a purchase from a watched merchant {n} {unit} before (within {w})",
        "pembelian dari merchant yang dipantau {n} {unit} sebelumnya (dalam {w})",
    ),
    (
        "inboundCount",
        "{n} incoming payments to {who} in {w} (threshold {t})",
        "{n} pembayaran masuk ke {who} dalam {w} (ambang {t})",
    ),
    (
        "distinctSenders",
        "{n} different senders paid {who} in {w} (threshold {t})",
        "{n} pengirim berbeda membayar {who} dalam {w} (ambang {t})",
    ),
    ("payerSum", "{n} paid by {who} in {w} (threshold {t})", "{n} dibayar oleh {who} dalam {w} (ambang {t})"),
    ("inboundSum", "{n} received by {who} in {w} (threshold {t})", "{n} diterima {who} dalam {w} (ambang {t})"),
    (
        "payeeWeeks",
        "this payee was paid in {n} of the last {w} (threshold {t})",
        "penerima ini dibayar dalam {n} dari {w} terakhir (ambang {t})",
    ),
    (
        "payeeGrowth",
        "payments to this payee in the last two weeks are {n}% of its first two weeks (threshold {t}%)",
        "pembayaran ke penerima ini dalam dua minggu terakhir {n}% dari dua minggu pertamanya (ambang {t}%)",
    ),
    (
        "payeeSteady",
        "{n} payments to this payee at a steady amount and regular intervals, by day (at least {t} before this one)",
        "{n} pembayaran ke penerima ini dengan nominal tetap dan berkala, pada siang hari (sedikitnya {t} sebelum ini)",
    ),
    (
        "firstAbroad",
        "the sender's first payment abroad in {w}, after {n} payments at home (threshold {t})",
        "pembayaran pertama pengirim ke luar negeri dalam {w}, setelah {n} pembayaran dalam negeri (ambang {t})",
    ),
    (
        "amountAbove",
        "the sender's payments on this day are {n}% of its largest other day in {w} (threshold {t}%)",
        "pembayaran pengirim pada hari ini {n}% dari hari terbesar lainnya dalam {w} (ambang {t}%)",
    ),
    (
        "samePrice",
        "{n}% of the one-off payers of {who} in {w} paid a price another of them paid (threshold {t}%)",
        "{n}% pembayar sekali-bayar {who} dalam {w} membayar harga yang juga dibayar pembayar lain (ambang {t}%)",
    ),
    (
        "outflowAfterInflow",
        "{n}% of what came in during {w} was paid out (threshold {t}%)",
        "{n}% dari dana masuk dalam {w} dikeluarkan lagi (ambang {t}%)",
    ),
];

/// One history measure in words.
fn history_words(
    side: &str,
    measure: &str,
    window: Option<&str>,
    count: &str,
    threshold: &str,
    estimated: bool,
    locale: Locale,
) -> String {
    let (w, unit) = window_words(window.unwrap_or("30d"), locale);
    let who = match (side, locale) {
        ("sender", Locale::En) => "the sender",
        ("sender", Locale::Id) => "pengirim",
        (_, Locale::En) => "the receiver",
        (_, Locale::Id) => "penerima",
    };
    let n = match (estimated, locale) {
        (false, _) => count.to_string(),
        (true, Locale::En) => format!("about {count}"),
        (true, Locale::Id) => format!("sekitar {count}"),
    };
    let words = MEASURE_WORDS.iter().find(|(m, ..)| *m == measure).or_else(|| MEASURE_WORDS.last());
    let template = words.map_or("", |&(_, en, id)| if locale == Locale::En { en } else { id });
    fill(template, &[("n", &n), ("t", threshold), ("w", &w), ("unit", unit), ("who", who)])
}

/// `template` with each `{name}` of `values` replaced by its value (other
/// braces are left as written).
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or_default());
        rest = rest.get(open..).unwrap_or_default();
        let close = rest.find('}').unwrap_or(0);
        match values.iter().find(|(k, _)| Some(*k) == rest.get(1..close)) {
            Some((_, v)) if close > 0 => {
                out.push_str(v);
                rest = rest.get(close + 1..).unwrap_or_default();
            }
            _ => {
                out.push('{');
                rest = rest.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}
