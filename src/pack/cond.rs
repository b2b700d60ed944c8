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

impl AmountBand {
    /// A band in `currency` (which has a rate) with its bounds converted
    /// into every currency of the FX table; `Err` names a currency the
    /// conversion overflows in.
    pub(crate) fn new(
        currency: Currency,
        min: Option<u64>,
        max: Option<u64>,
        rates: &super::Rates,
    ) -> Result<AmountBand, Currency> {
        let mut converted = Vec::new();
        if let Some(&rate_b) = rates.get(&currency) {
            for &(cur, rate) in rates.iter() {
                let conv = |v: Option<u64>| -> Result<Option<u128>, Currency> {
                    v.map(|m| crate::money::convert(m, currency.exponent(), rate_b, cur.exponent(), rate).ok_or(cur))
                        .transpose()
                };
                converted.push(Bounds { min: conv(min)?, max: conv(max)? });
            }
        }
        Ok(AmountBand { currency, min, max, converted })
    }
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

impl RoundRule {
    /// A default multiple's minor units per exponent 0..=4, `None` unless
    /// the text is a positive decimal (in every exponent it fits).
    pub(crate) fn default_units(text: &str) -> Option<[Option<u64>; 5]> {
        let mut per_exp = [None; 5];
        for (exp, slot) in per_exp.iter_mut().enumerate() {
            *slot = crate::money::parse_minor(text, exp as u8).ok().filter(|&m| m > 0);
        }
        per_exp[4].map(|_| per_exp)
    }
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

/// A history condition's parameters, each kind taking some: what the
/// loader reads from a pack's keys and an image stores, and the one place
/// that turns them into a [`HistoryCond`] ([`build`](HistParams::build))
/// and back ([`HistoryCond::params`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HistParams {
    pub(crate) window: Window,
    pub(crate) quiet: Window,
    pub(crate) at_least: u32,
    pub(crate) factor: u32,
    pub(crate) share: u32,
    pub(crate) only: Only,
    pub(crate) to: Option<Vec<Country>>,
    pub(crate) lists: Vec<u32>,
    /// `account` when given.
    pub(crate) account: Option<Account>,
    /// A sum's threshold in minor units of the FX base currency.
    pub(crate) amount: u64,
    pub(crate) weeks: u8,
    pub(crate) per_week: u32,
    pub(crate) days: u32,
    pub(crate) variation: u32,
}

impl Default for HistParams {
    fn default() -> Self {
        HistParams {
            window: Window::Days(1),
            quiet: Window::Days(1),
            at_least: 1,
            factor: 1,
            share: 1,
            only: Only::default(),
            to: None,
            lists: Vec::new(),
            account: None,
            amount: 0,
            weeks: 1,
            per_week: 1,
            days: 1,
            variation: 1,
        }
    }
}

impl HistParams {
    /// The condition of the measure named `measure`, `None` for a name that
    /// is no measure.
    pub(crate) fn build(self, measure: &str) -> Option<HistoryCond> {
        let HistParams {
            window,
            quiet,
            at_least,
            factor,
            share,
            only,
            to,
            lists,
            account,
            amount,
            weeks,
            per_week,
            days,
            variation,
        } = self;
        // The inbound measures read the receiver's history unless told
        // otherwise, outflowAfterInflow the sender's.
        let inbound = account.unwrap_or(Account::Receiver);
        Some(match measure {
            "payerCount" => HistoryCond::PayerCount { window, at_least, only },
            "payeeCount" => HistoryCond::PayeeCount { window, at_least },
            "payeeNew" => HistoryCond::PayeeNew { window },
            "distinctPayees" => HistoryCond::DistinctPayees { window, at_least, to },
            // The first three payments are the baseline.
            "escalation" => {
                HistoryCond::Escalation { factor, at_least: at_least.max(u32::from(crate::history::BASELINE) + 1) }
            }
            "burstThenStop" => HistoryCond::BurstThenStop { at_least, window, quiet },
            "recentMerchant" => HistoryCond::RecentMerchant { lists, window },
            "inboundCount" => HistoryCond::InboundCount { window, at_least, only, account: inbound },
            "distinctSenders" => HistoryCond::DistinctSenders { window, at_least, only, account: inbound },
            "payerSum" => HistoryCond::PayerSum { window, at_least: amount },
            "inboundSum" => HistoryCond::InboundSum { window, at_least: amount, account: inbound },
            "payeeWeeks" => HistoryCond::PayeeWeeks { weeks, at_least, per_week, only },
            "payeeGrowth" => HistoryCond::PayeeGrowth { weeks, factor, at_least },
            "payeeSteady" => HistoryCond::PayeeSteady { at_least, days, variation },
            "firstAbroad" => HistoryCond::FirstAbroad { window, at_least },
            "amountAbove" => HistoryCond::AmountAbove { window, factor, at_least },
            "samePrice" => HistoryCond::SamePrice { window, share, at_least },
            "outflowAfterInflow" => {
                HistoryCond::OutflowAfterInflow { window, share, at_least, account: account.unwrap_or(Account::Sender) }
            }
            _ => return None,
        })
    }
}

impl HistoryCond {
    /// The parameters that [`HistParams::build`] makes this condition of
    /// (with its measure's name); the others keep their defaults.
    pub(crate) fn params(&self) -> HistParams {
        let mut p = HistParams::default();
        p.window = self.window().unwrap_or(p.window);
        p.account = Some(self.account());
        match self.clone() {
            HistoryCond::PayerCount { at_least, only, .. } => (p.at_least, p.only) = (at_least, only),
            HistoryCond::PayeeCount { at_least, .. } | HistoryCond::FirstAbroad { at_least, .. } => {
                p.at_least = at_least
            }
            HistoryCond::PayeeNew { .. } => {}
            HistoryCond::DistinctPayees { at_least, to, .. } => (p.at_least, p.to) = (at_least, to),
            HistoryCond::Escalation { factor, at_least } => (p.factor, p.at_least) = (factor, at_least),
            HistoryCond::BurstThenStop { at_least, quiet, .. } => (p.at_least, p.quiet) = (at_least, quiet),
            HistoryCond::RecentMerchant { lists, .. } => p.lists = lists,
            HistoryCond::InboundCount { at_least, only, .. } | HistoryCond::DistinctSenders { at_least, only, .. } => {
                (p.at_least, p.only) = (at_least, only)
            }
            HistoryCond::PayerSum { at_least, .. } | HistoryCond::InboundSum { at_least, .. } => p.amount = at_least,
            HistoryCond::PayeeWeeks { weeks, at_least, per_week, only } => {
                (p.weeks, p.at_least, p.per_week, p.only) = (weeks, at_least, per_week, only)
            }
            HistoryCond::PayeeGrowth { weeks, factor, at_least } => {
                (p.weeks, p.factor, p.at_least) = (weeks, factor, at_least)
            }
            HistoryCond::PayeeSteady { at_least, days, variation } => {
                (p.at_least, p.days, p.variation) = (at_least, days, variation)
            }
            HistoryCond::AmountAbove { factor, at_least, .. } => (p.factor, p.at_least) = (factor, at_least),
            HistoryCond::SamePrice { share, at_least, .. }
            | HistoryCond::OutflowAfterInflow { share, at_least, .. } => (p.share, p.at_least) = (share, at_least),
        }
        p
    }
}

impl Cond {
    /// Whether this condition checks a watchlist itself, or refers to an
    /// indicator for which `refers(i)` says so.
    pub(crate) fn mentions_watchlist_by(&self, refers: &dyn Fn(usize) -> bool) -> bool {
        match self {
            Cond::Watchlist { .. } => true,
            Cond::All(c) | Cond::Any(c) | Cond::AtLeast(_, c) => c.iter().any(|c| c.mentions_watchlist_by(refers)),
            Cond::Not(c) => c.mentions_watchlist_by(refers),
            Cond::Indicator(i) => refers(*i),
            _ => false,
        }
    }

    #[cfg(feature = "tools")]
    /// Whether this condition, or an indicator it refers to, checks a
    /// watchlist.
    pub(crate) fn mentions_watchlist(&self, indicators: &[super::Indicator], depth: usize) -> bool {
        // References form no cycles (checked before); the depth is a guard.
        depth < 64
            && self.mentions_watchlist_by(&|i| {
                indicators.get(i).is_some_and(|d| d.condition.mentions_watchlist(indicators, depth + 1))
            })
    }
}
