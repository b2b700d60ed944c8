//! The crate's shared vocabulary: the words every layer uses (locales,
//! levels, grades, categories, cited sources).
//!
//! This module imports nothing else of the crate, so any module may import
//! it without creating a cycle (`tests/layers.rs` checks the whole crate).

use serde::Serialize;

/// The engine version reported in every verdict (the crate version).
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The history measures (condition kinds) a `history` evidence item names.
pub(crate) const HISTORY_MEASURES: [&str; 18] = [
    "payerCount",
    "payeeCount",
    "payeeNew",
    "distinctPayees",
    "escalation",
    "burstThenStop",
    "recentMerchant",
    "inboundCount",
    "distinctSenders",
    "outflowAfterInflow",
    "payerSum",
    "inboundSum",
    "payeeWeeks",
    "payeeGrowth",
    "payeeSteady",
    "firstAbroad",
    "amountAbove",
    "samePrice",
];

/// The language of titles and explanations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Locale {
    /// English.
    #[default]
    En,
    /// Bahasa Indonesia.
    Id,
}

impl Locale {
    /// Parses `"en"` or `"id"`.
    pub fn parse(s: &str) -> Option<Locale> {
        match s {
            "en" => Some(Locale::En),
            "id" => Some(Locale::Id),
            _ => None,
        }
    }
}

/// A string in English and Bahasa Indonesia.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Localized<T> {
    pub(crate) en: T,
    pub(crate) id: T,
}

impl<T> Localized<T> {
    pub(crate) fn get(&self, locale: Locale) -> &T {
        match locale {
            Locale::En => &self.en,
            Locale::Id => &self.id,
        }
    }
}

/// Evidence grade of a source, as the research catalogue defines it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Grade {
    /// Read on the publisher's own page.
    A,
    /// Read in a secondary source quoting the publisher.
    B,
    /// Background knowledge, not verified against the primary text.
    C,
}

impl Grade {
    /// The wire name: `"A"`, `"B"` or `"C"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
        }
    }
}

/// What kind of exploitation an indicator points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Category {
    /// Live-streamed sexual abuse of children, paid per view.
    Lsac,
    /// Financial sexual extortion of children.
    Fsec,
    /// Sale of child sexual abuse material.
    CsamCommerce,
    /// Trafficking for sexual exploitation.
    Trafficking,
    /// Abuse through payment text fields.
    PaymentTextAbuse,
    /// Applies across typologies.
    General,
}

impl Category {
    pub(crate) const ALL: [(&'static str, Category); 6] = [
        ("lsac", Category::Lsac),
        ("fsec", Category::Fsec),
        ("csam_commerce", Category::CsamCommerce),
        ("trafficking", Category::Trafficking),
        ("payment_text_abuse", Category::PaymentTextAbuse),
        ("general", Category::General),
    ];

    /// The wire name, e.g. `"csam_commerce"`.
    pub fn as_str(self) -> &'static str {
        Category::ALL.iter().find(|(_, c)| *c == self).map_or("general", |(s, _)| s)
    }
}

/// The level of concern, from the pack's thresholds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Below the `low` threshold.
    None,
    /// At least `low`: worth recording, not worth a person's time alone.
    Low,
    /// At least `review`: a person should look at it.
    Review,
    /// At least `high`: look at it first.
    High,
}

impl Level {
    /// Every level, lowest first: the order the JavaScript package numbers
    /// them (`pkg/lib/packed.mjs`).
    pub(crate) const ALL: [Level; 4] = [Level::None, Level::Low, Level::Review, Level::High];

    /// The wire name, e.g. `"review"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Low => "low",
            Level::Review => "review",
            Level::High => "high",
        }
    }
}

/// A cited source, as it appears in a flag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SourceRef {
    /// The publisher's own reference for what the indicator implements, e.g.
    /// `AUSTRAC-CSE-01` (absent when the pack gives none).
    #[serde(rename = "ref", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(rename = "ref", optional))]
    pub reference: Option<String>,
    /// Publishing agency, e.g. `AUSTRAC`.
    pub publisher: String,
    /// Document title.
    pub title: String,
    /// Year of publication.
    pub year: u16,
    /// Where to read it.
    pub url: String,
    /// Evidence grade of the citation.
    pub grade: Grade,
}
