//! Compiled conditions: what the loader turns a pack's condition JSON into,
//! and what the screener evaluates.

use crate::money::{Country, Currency};
use crate::patterns::PatternKind;
use crate::transaction::Channel;

/// Which text field a `near` condition looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TextField {
    Memo,
    MerchantName,
    MerchantDescriptor,
}

impl TextField {
    /// The text fields a payer or merchant controls, in evidence order.
    pub(crate) const ALL: [TextField; 3] = [TextField::Memo, TextField::MerchantName, TextField::MerchantDescriptor];

    pub(crate) fn path(self) -> &'static str {
        match self {
            TextField::Memo => "memo",
            TextField::MerchantName => "merchant.name",
            TextField::MerchantDescriptor => "merchant.descriptor",
        }
    }
}

/// Amount bounds converted into one currency, in its minor units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Bounds {
    pub(crate) min: Option<u128>,
    pub(crate) max: Option<u128>,
}

/// A compiled `amountBetween`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AmountBand {
    pub(crate) currency: Currency,
    pub(crate) min: Option<u64>,
    pub(crate) max: Option<u64>,
    /// Bounds in each FX-table currency, indexed like `Fx::currencies`.
    pub(crate) converted: Vec<Bounds>,
}

/// A compiled `roundAmount`.
#[derive(Clone, Debug)]
pub(crate) struct RoundRule {
    /// Multiples in minor units for listed currencies, sorted.
    pub(crate) multiples: Vec<(Currency, u64)>,
    /// The default multiple as major-unit text, and in minor units per
    /// exponent 0..=4.
    pub(crate) default: Option<(String, [Option<u64>; 5])>,
}

/// A compiled condition.
#[derive(Clone, Debug)]
pub(crate) enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    AtLeast(usize, Vec<Cond>),
    MemoTerms(u32),
    MerchantTerms(u32),
    Near {
        a: u32,
        b: u32,
        within: u32,
        field: TextField,
    },
    MemoPattern(Vec<PatternKind>),
    MemoPresent(bool),
    /// Whether a payer-controlled text field holds malformed text (U+FFFD).
    MalformedText(bool),
    MccIn(Vec<u16>),
    AmountBetween(Box<AmountBand>),
    RoundAmount(Box<RoundRule>),
    Corridor {
        from: Option<Vec<Country>>,
        to: Option<Vec<Country>>,
    },
    CrossBorder(bool),
    ChannelIn(Vec<Channel>),
    CurrencyIn(Vec<Currency>),
    LocalHourBetween {
        from: u8,
        to: u8,
    },
    SenderIsMinor(bool),
    ReceiverIsNew(bool),
    AccountAgeBelow(u32),
    Indicator(usize),
}
