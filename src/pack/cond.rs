//! Compiled conditions: what the loader turns a pack's condition JSON into,
//! and what the screener evaluates.

use crate::history::Window;
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

/// Whose id a `watchlist` condition checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Party {
    Sender,
    Receiver,
    Merchant,
}

impl Party {
    pub(crate) const ALL: [Party; 3] = [Party::Sender, Party::Receiver, Party::Merchant];

    /// The name in a pack.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Party::Sender => "sender",
            Party::Receiver => "receiver",
            Party::Merchant => "merchant",
        }
    }

    /// The id's path in a transaction.
    pub(crate) fn id_path(self) -> &'static str {
        match self {
            Party::Sender => "sender.id",
            Party::Receiver => "receiver.id",
            Party::Merchant => "merchant.id",
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
    ReceiverIsMinor(bool),
    /// The party's account is known to be younger than this many days.
    AccountAgeBelow(u32, Party),
    /// Whether the payee is a registered business: `merchant.id` given and
    /// not a QRIS micro merchant (`Merchant::is_business`).
    MerchantRegistered(bool),
    /// The party's id is on the pack's watchlist (an index).
    Watchlist {
        list: u32,
        party: Party,
    },
    /// A condition on the accounts' history (false without history).
    History(Box<HistoryCond>),
    Indicator(usize),
}

/// Filters on the payments or counterparties a history condition counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Only {
    /// Cross-border payments, or counterparties paid across a border.
    pub(crate) foreign: bool,
    /// Counterparties first seen inside the window.
    pub(crate) new: bool,
    /// Counterparties whose account is a minor's.
    pub(crate) minor: bool,
    /// Counterparties that paid a personal account, not a registered
    /// business (no `merchant.id`, or a QRIS micro merchant).
    pub(crate) personal: bool,
    /// Counterparties with one payment so far.
    pub(crate) one_off: bool,
    /// Night payments only (22:00 to 05:59 in the payer's local time).
    pub(crate) night: bool,
}

/// Whose history an incoming-payments measure reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Account {
    /// The payment's receiver (the default).
    Receiver,
    /// The payment's sender: what it received before paying out.
    Sender,
}

/// A compiled history condition: one measure of the sender's or the
/// receiver's history against a threshold. Windows end at the account's
/// newest payment (this one, unless it came late).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum HistoryCond {
    /// The sender's payments in the window (this one included).
    PayerCount { window: Window, at_least: u32, only: Only },
    /// The sender's payments to this payee in the window (this one
    /// included).
    PayeeCount { window: Window, at_least: u32 },
    /// This payee was first paid by the sender inside the window.
    PayeeNew { window: Window },
    /// Distinct payees of the sender in the window, those in `to` only.
    DistinctPayees { window: Window, at_least: u32, to: Option<Vec<Country>> },
    /// This payment to the payee is at least `factor` percent of the
    /// average of the first payments to it, and the `at_least`-th or later.
    Escalation { factor: u32, at_least: u32 },
    /// Some payee got `at_least` payments within `window`, then nothing for
    /// `quiet`: seen on the sender's first payment after the quiet began.
    BurstThenStop { at_least: u32, window: Window, quiet: Window },
    /// The sender paid a merchant of one of the watched lists (by list key)
    /// inside the window, before this payment.
    RecentMerchant { lists: Vec<u32>, window: Window },
    /// The receiver's (or sender's) incoming payments in the window (this
    /// one included, for the receiver).
    InboundCount { window: Window, at_least: u32, only: Only, account: Account },
    /// Distinct senders to the receiver (or to the sender) in the window.
    DistinctSenders { window: Window, at_least: u32, only: Only, account: Account },
    /// The sum of the sender's payments in the window (this one included),
    /// in minor units of the FX base currency, is at least `at_least`.
    PayerSum { window: Window, at_least: u64 },
    /// The sum of the payments the account received in the window.
    InboundSum { window: Window, at_least: u64, account: Account },
    /// The sender's payments out in the window (this one included) are at
    /// least `share` percent of what came in over the same window, from at
    /// least `at_least` distinct personal payers (see [`Only::personal`]).
    /// Money paid back to one of its payers (a collection returned to a
    /// member) and purchases from a registered business (other than by
    /// crypto) are not counted. `account: receiver` measures the receiver's
    /// history instead (what it moved away before this payment came in).
    OutflowAfterInflow { window: Window, share: u32, at_least: u32, account: Account },
    /// This payee got at least `per_week` payments (at night only, with
    /// `only: ["night"]`) in at least `at_least` of the last `weeks` weeks,
    /// this week included: a habit.
    PayeeWeeks { weeks: u8, at_least: u32, per_week: u32, only: Only },
    /// Payments to this payee grow in frequency: the last two weeks hold at
    /// least `factor` percent of the first two weeks it was paid in (within
    /// the last `weeks`), and at least `at_least` payments.
    PayeeGrowth { weeks: u8, factor: u32, at_least: u32 },
    /// A steady pattern with this payee: at least `at_least` payments before
    /// this one over at least `days` days, amounts within `variation`
    /// percent of their average (this one too), at regular intervals of at
    /// least five days, and three quarters of them by day.
    PayeeSteady { at_least: u32, days: u32, variation: u32 },
    /// The sender's first cross-border payment in the window, after at least
    /// `at_least` domestic ones, its history at least the window long.
    FirstAbroad { window: Window, at_least: u32 },
    /// The sender's payments on this payment's day are at least `factor`
    /// percent of its largest other day of payments in the window, with
    /// more than `at_least` payments in it and a history at least the
    /// window long.
    AmountAbove { window: Window, factor: u32, at_least: u32 },
    /// Of the receiver's one-off payers in the window, at least `at_least`
    /// and at least `share` percent paid an amount another of them paid
    /// too: sales at a few fixed prices, where a shop's totals (items plus
    /// shipping) rarely meet.
    SamePrice { window: Window, share: u32, at_least: u32 },
}

impl HistoryCond {
    /// The condition kind's name: the `measure` of its evidence.
    pub(crate) fn measure(&self) -> &'static str {
        match self {
            HistoryCond::PayerCount { .. } => "payerCount",
            HistoryCond::PayeeCount { .. } => "payeeCount",
            HistoryCond::PayeeNew { .. } => "payeeNew",
            HistoryCond::DistinctPayees { .. } => "distinctPayees",
            HistoryCond::Escalation { .. } => "escalation",
            HistoryCond::BurstThenStop { .. } => "burstThenStop",
            HistoryCond::RecentMerchant { .. } => "recentMerchant",
            HistoryCond::InboundCount { .. } => "inboundCount",
            HistoryCond::DistinctSenders { .. } => "distinctSenders",
            HistoryCond::OutflowAfterInflow { .. } => "outflowAfterInflow",
            HistoryCond::PayerSum { .. } => "payerSum",
            HistoryCond::InboundSum { .. } => "inboundSum",
            HistoryCond::PayeeWeeks { .. } => "payeeWeeks",
            HistoryCond::PayeeGrowth { .. } => "payeeGrowth",
            HistoryCond::PayeeSteady { .. } => "payeeSteady",
            HistoryCond::FirstAbroad { .. } => "firstAbroad",
            HistoryCond::AmountAbove { .. } => "amountAbove",
            HistoryCond::SamePrice { .. } => "samePrice",
        }
    }

    /// Whose history the measure reads.
    pub(crate) fn account(&self) -> Account {
        match self {
            HistoryCond::InboundCount { account, .. }
            | HistoryCond::DistinctSenders { account, .. }
            | HistoryCond::InboundSum { account, .. }
            | HistoryCond::OutflowAfterInflow { account, .. } => *account,
            HistoryCond::SamePrice { .. } => Account::Receiver,
            _ => Account::Sender,
        }
    }

    /// The window the measure is taken over (none for `escalation`).
    pub(crate) fn window(&self) -> Option<Window> {
        match self {
            HistoryCond::PayerCount { window, .. }
            | HistoryCond::PayeeCount { window, .. }
            | HistoryCond::PayeeNew { window }
            | HistoryCond::DistinctPayees { window, .. }
            | HistoryCond::BurstThenStop { window, .. }
            | HistoryCond::RecentMerchant { window, .. }
            | HistoryCond::InboundCount { window, .. }
            | HistoryCond::DistinctSenders { window, .. }
            | HistoryCond::OutflowAfterInflow { window, .. }
            | HistoryCond::PayerSum { window, .. }
            | HistoryCond::InboundSum { window, .. }
            | HistoryCond::FirstAbroad { window, .. }
            | HistoryCond::AmountAbove { window, .. }
            | HistoryCond::SamePrice { window, .. } => Some(*window),
            HistoryCond::Escalation { .. }
            | HistoryCond::PayeeWeeks { .. }
            | HistoryCond::PayeeGrowth { .. }
            | HistoryCond::PayeeSteady { .. } => None,
        }
    }
}
