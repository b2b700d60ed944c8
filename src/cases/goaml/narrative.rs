//! The report's words: its `reason`, each payment's
//! `transaction_description` and the placeholders' markers, in Bahasa
//! Indonesia or English.
//!
//! They are built from the case and the pack: who is in the case and in
//! what role, how many payments and their sum, the level, and each
//! indicator's title with the publishers and references it cites. The
//! explanation sentences of the verdicts are not copied: they are filled
//! from a payment's evidence (the matched text among it), which a case does
//! not keep and which must not enter a report.

use crate::money::{self, Currency};
use crate::pack::Pack;
use crate::vocab::{Level, Locale};

use super::super::{Case, CaseTransaction, Role};
use super::records::sql_date;

/// goAML's `comments_type` holds at most 8,000 characters.
pub(crate) const COMMENTS_MAX: usize = 8000;

/// The marker a placeholder carries in its name fields.
pub(crate) fn marker(locale: Locale) -> &'static str {
    match locale {
        Locale::Id => "DRAF: data KYC belum diisi",
        _ => "DRAFT: KYC record not supplied",
    }
}

fn en(locale: Locale) -> bool {
    locale != Locale::Id
}

fn level_name(level: Level, locale: Locale) -> &'static str {
    match (level, en(locale)) {
        (Level::None, true) => "none",
        (Level::Low, true) => "low",
        (Level::Review, true) => "review",
        (Level::High, true) => "high",
        (Level::None, false) => "tidak ada",
        (Level::Low, false) => "rendah",
        (Level::Review, false) => "perlu ditinjau",
        (Level::High, false) => "tinggi",
    }
}

fn role_name(role: Role, locale: Locale, many: bool) -> &'static str {
    match (role, en(locale), many) {
        (Role::Payer, true, false) => "payer",
        (Role::Payer, true, true) => "payers",
        (Role::Collector, true, false) => "collector",
        (Role::Collector, true, true) => "collectors",
        (Role::Intermediary, true, false) => "intermediary",
        (Role::Intermediary, true, true) => "intermediaries",
        (Role::CashOut, true, false) => "cash-out",
        (Role::CashOut, true, true) => "cash-outs",
        (Role::Payee, true, false) => "payee",
        (Role::Payee, true, true) => "payees",
        (Role::Payer, false, _) => "pembayar",
        (Role::Collector, false, _) => "penampung",
        (Role::Intermediary, false, _) => "perantara",
        (Role::CashOut, false, _) => "penarik tunai",
        (Role::Payee, false, _) => "penerima",
    }
}

/// What a placeholder's comments say about it: its role in the case.
pub(crate) fn placeholder_comment(case: &Case, id: &str, merchant: bool, locale: Locale) -> String {
    let role = case.accounts.iter().find(|a| a.id == id && a.merchant == merchant).map(|a| a.role);
    let what = match (merchant, en(locale)) {
        (true, true) => "Merchant id",
        (true, false) => "Id merchant",
        (false, true) => "Account",
        (false, false) => "Rekening",
    };
    let mut out = format!("{what} {id}");
    if let Some(role) = role {
        if en(locale) {
            out.push_str(&format!(", {} in {}", role_name(role, locale, false), case.id));
        } else {
            out.push_str(&format!(", {} dalam {}", role_name(role, locale, false), case.id));
        }
    }
    out.push_str(if en(locale) {
        ". The host gave no KYC record for it: fill parties.json and export again."
    } else {
        ". Host tidak memberi data KYC-nya: lengkapi parties.json lalu ekspor ulang."
    });
    out
}

/// `ids` listed, the first `max` of them, then "…".
fn some(ids: &[&str], max: usize) -> String {
    let mut out = ids.iter().take(max).copied().collect::<Vec<_>>().join(", ");
    if ids.len() > max {
        out.push_str(", …");
    }
    out
}

/// An amount in a locale's digits: `IDR 1.500.000,00` or `IDR 1,500,000.00`.
fn money_text(minor: u128, currency: Currency, locale: Locale) -> String {
    format!("{} {}", currency.as_str(), money::format_minor(minor, currency.exponent(), locale))
}

/// The payment's local date and time as goAML writes it, or the timestamp.
fn when(t: &CaseTransaction) -> String {
    local_time(&t.timestamp).unwrap_or_else(|| t.timestamp.clone())
}

/// A timestamp's wall-clock time as written, without its offset or
/// fraction, as `sql_date` (`2026-11-01T03:20:00`); a leap second is
/// second 59. `None` if that is no `sql_date`.
pub(crate) fn local_time(timestamp: &str) -> Option<String> {
    let wall = timestamp.get(..19)?;
    let wall = match wall.strip_suffix("60") {
        Some(head) => format!("{head}59"),
        None => wall.to_string(),
    };
    sql_date(&wall.replacen('t', "T", 1))
}

/// The indicator's title in the locale, or its id if the pack lacks it.
fn title(pack: &Pack, id: &str, locale: Locale) -> String {
    match pack.inner.find(id) {
        Some(i) => i.title.get(locale).to_string(),
        None => id.to_string(),
    }
}

/// The case's citations of `id`: "AUSTRAC AUSTRAC-CSE-04; PPATK".
fn cited(case: &Case, id: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for i in case.indicators.iter().filter(|i| i.indicator == id) {
        let one = match &i.reference {
            Some(r) => format!("{} {r}", i.source),
            None => i.source.clone(),
        };
        if !out.contains(&one) {
            out.push(one);
        }
    }
    out.join("; ")
}

/// The case's citations of `id` with the documents the pack gives for
/// them: "AUSTRAC AUSTRAC-CSE-04, How businesses can help protect children
/// (2024), https://...".
fn documents(case: &Case, pack: &Pack, id: &str) -> Vec<String> {
    let sources = pack.inner.find(id).map(|i| i.sources.clone());
    let mut out = Vec::new();
    for c in case.indicators.iter().filter(|i| i.indicator == id) {
        let mut one = match &c.reference {
            Some(r) => format!("{} {r}", c.source),
            None => c.source.clone(),
        };
        let doc = sources.iter().flat_map(|s| s.iter()).find(|s| s.publisher == c.source && s.reference == c.reference);
        if let Some(s) = doc {
            one.push_str(&format!(", {} ({}), {}", s.title, s.year, s.url));
        }
        if !out.contains(&one) {
            out.push(one);
        }
    }
    out
}

/// The case's indicator ids, in the case's order, each once.
pub(crate) fn indicator_ids(case: &Case) -> Vec<&str> {
    let mut ids: Vec<&str> = Vec::new();
    for i in &case.indicators {
        if !ids.contains(&i.indicator.as_str()) {
            ids.push(&i.indicator);
        }
    }
    ids
}

/// Cuts `text` to goAML's `comments_type` length, at a character.
pub(crate) fn fit(mut text: String) -> String {
    if text.chars().count() > COMMENTS_MAX {
        text = text.chars().take(COMMENTS_MAX - 1).collect();
        text.push('…');
    }
    text
}

/// The report's `reason`.
pub(crate) fn reason(case: &Case, pack: &Pack, locale: Locale, placeholders: &[String]) -> String {
    let e = en(locale);
    let mut out = String::new();
    if !placeholders.is_empty() {
        let ids: Vec<&str> = placeholders.iter().map(String::as_str).collect();
        if e {
            out.push_str(&format!(
                "DRAFT: no KYC record for {} part{} ({}); written as third parties marked DRAFT. Fill parties.json and export again before submitting.\n\n",
                ids.len(),
                if ids.len() == 1 { "y" } else { "ies" },
                some(&ids, 10)
            ));
        } else {
            out.push_str(&format!(
                "DRAF: data KYC belum diisi untuk {} pihak ({}); ditulis sebagai pihak ketiga bertanda DRAF. Lengkapi parties.json lalu ekspor ulang sebelum melapor.\n\n",
                ids.len(),
                some(&ids, 10)
            ));
        }
    }
    // Who: the accounts by role.
    let mut roles = Vec::new();
    for role in [Role::Collector, Role::Intermediary, Role::CashOut, Role::Payer, Role::Payee] {
        let ids: Vec<&str> = case.accounts.iter().filter(|a| a.role == role).map(|a| a.id.as_str()).collect();
        if ids.is_empty() {
            continue;
        }
        let name = role_name(role, locale, ids.len() > 1);
        roles.push(if ids.len() == 1 {
            format!("{name} {}", some(&ids, 5))
        } else {
            format!("{} {name} ({})", ids.len(), some(&ids, 5))
        });
    }
    if e {
        out.push_str(&format!(
            "Case {} from jejak, which screens payments against published indicators of child sexual exploitation finance: {} account{}: {}.",
            case.id,
            case.accounts.len(),
            if case.accounts.len() == 1 { "" } else { "s" },
            roles.join("; ")
        ));
    } else {
        out.push_str(&format!(
            "Kasus {} dari jejak, yang menyaring pembayaran terhadap indikator terbitan tentang pendanaan eksploitasi seksual anak: {} rekening: {}.",
            case.id,
            case.accounts.len(),
            roles.join("; ")
        ));
    }
    // How many payments, their sums per currency, when.
    let mut sums: Vec<(Currency, u128)> = Vec::new();
    for t in &case.transactions {
        let minor = money::parse_minor(&t.amount, t.currency.exponent()).map_or(0, u128::from);
        match sums.iter_mut().find(|(c, _)| *c == t.currency) {
            Some((_, s)) => *s = s.saturating_add(minor),
            None => sums.push((t.currency, minor)),
        }
    }
    let sums: Vec<String> = sums.iter().map(|&(c, s)| money_text(s, c, locale)).collect();
    let n = case.transactions.len();
    let (first, last) = (case.transactions.first().map(when), case.transactions.last().map(when));
    let span = match (first, last) {
        (Some(f), Some(l)) if e => format!(", from {f} to {l}"),
        (Some(f), Some(l)) => format!(", dari {f} sampai {l}"),
        _ => String::new(),
    };
    if e {
        out.push_str(&format!(
            " {n} payment{} in the report, {} in all{span}. Case level {} (score {}).",
            if n == 1 { "" } else { "s" },
            sums.join(" and "),
            level_name(case.level, locale),
            case.score
        ));
    } else {
        out.push_str(&format!(
            " {n} pembayaran dalam laporan ini, seluruhnya {}{span}. Tingkat kasus: {} (skor {}).",
            sums.join(" dan "),
            level_name(case.level, locale),
            case.score
        ));
    }
    // The indicators, their publishers and documents.
    out.push_str(if e { "\n\nIndicators:" } else { "\n\nIndikator:" });
    for id in indicator_ids(case) {
        out.push_str(&format!("\n- {} ({id})", title(pack, id, locale)));
        let docs = documents(case, pack, id);
        if !docs.is_empty() {
            out.push_str(if e { ", cited from " } else { ", dikutip dari " });
            out.push_str(&docs.join("; "));
        }
        out.push('.');
    }
    out.push_str(if e {
        "\n\nThese are indicators from published typologies, not proof: an analyst reviews the payments before the report is submitted."
    } else {
        "\n\nIni indikator dari tipologi yang diterbitkan, bukan bukti: analis meninjau pembayaran sebelum laporan dikirim."
    });
    fit(out)
}

/// A payment's `transaction_description`.
pub(crate) fn description(
    case: &Case,
    pack: &Pack,
    locale: Locale,
    t: &CaseTransaction,
    n: usize,
    local: Currency,
) -> String {
    let e = en(locale);
    let minor = money::parse_minor(&t.amount, t.currency.exponent()).map_or(0, u128::from);
    let amount = money_text(minor, t.currency, locale);
    let channel = t.channel.map_or(if e { "unknown channel" } else { "kanal tidak diketahui" }, |c| c.as_str());
    let from = t.from.as_deref().unwrap_or(if e { "(unknown)" } else { "(tidak diketahui)" });
    let to = match (&t.to, t.channel) {
        (Some(to), _) => to.as_str(),
        (None, Some(crate::transaction::Channel::CashWithdrawal)) => {
            if e {
                "cash"
            } else {
                "tunai"
            }
        }
        (None, _) => {
            if e {
                "(unknown)"
            } else {
                "(tidak diketahui)"
            }
        }
    };
    let total = case.transactions.len();
    let mut out = if e {
        format!(
            "Payment {n} of {total} in {}: {channel}, {amount} from {from} to {to}; level {}.",
            case.id,
            level_name(t.level, locale)
        )
    } else {
        format!(
            "Pembayaran {n} dari {total} dalam {}: {channel}, {amount} dari {from} ke {to}; tingkat {}.",
            case.id,
            level_name(t.level, locale)
        )
    };
    if t.indicators.is_empty() {
        out.push_str(if e {
            " No indicator of its own: it is part of the case's flow of money."
        } else {
            " Tanpa indikator sendiri: bagian dari aliran uang kasus ini."
        });
    } else {
        out.push_str(if e { " Indicators: " } else { " Indikator: " });
        let items: Vec<String> = t
            .indicators
            .iter()
            .map(|id| {
                let cites = cited(case, id);
                if cites.is_empty() {
                    format!("{} ({id})", title(pack, id, locale))
                } else {
                    format!("{} ({id}; {cites})", title(pack, id, locale))
                }
            })
            .collect();
        out.push_str(&items.join("; "));
        out.push('.');
    }
    if t.currency != local {
        let (cur, loc) = (t.currency.as_str(), local.as_str());
        out.push_str(&if e {
            format!(" The amount is in {cur}, not converted to {loc}: amount_local carries it as the log gave it.")
        } else {
            format!(" Nominal dalam {cur}, tidak dikonversi ke {loc}: amount_local memuatnya sebagaimana di log.")
        });
    }
    fit(out)
}
