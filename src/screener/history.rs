//! Screening with history: the sender's and the receiver's states in, the
//! verdict and both states after the payment out.
//!
//! The order is fixed, so that every host computes the same bytes: check
//! the states belong to the transaction's accounts, add the payment to each
//! (unless it is late), evaluate the pack with the updated history in view,
//! then stamp the sender's purchases from watched merchants (after the
//! evaluation, so a purchase is never "recent" to itself).

use super::Screener;
use crate::error::{Error, ErrorKind};
use crate::history::{
    Account, Count, Direction, Entry, Newness, Payment, State, Window, BASELINE, FIRST, FOREIGN, HABIT_WEEKS, LATENESS,
    MERCHANT, MINOR, MINUTES_PER_DAY, RETURNING,
};
use crate::pack::{Account as Whose, HistoryCond, Only};
use crate::transaction::Transaction;
use crate::verdict::{CompactVerdict, HistoryNote, HistoryStatus, Verdict};

/// What [`Screener::screen_with_history`] returns: the verdict and the
/// states to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Screened<V> {
    /// The verdict, with history flags and a
    /// [`history`](crate::Verdict::history) note.
    pub verdict: V,
    /// The sender's state after this payment: present when the transaction
    /// has `sender.id`. Store it under that id.
    pub sender: Option<State>,
    /// The receiver's state after this payment: present when the
    /// transaction has `receiver.id`.
    pub receiver: Option<State>,
}

/// One history measure that reached its threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Measured {
    pub(crate) side: &'static str,
    pub(crate) measure: &'static str,
    pub(crate) window: Option<Window>,
    pub(crate) count: u64,
    pub(crate) threshold: u64,
    pub(crate) estimated: bool,
    /// For sums: the base currency of `count` and `threshold`.
    pub(crate) currency: Option<crate::money::Currency>,
    /// For week measures: the weeks looked at (the evidence's `window`).
    pub(crate) weeks: Option<u8>,
}

impl Measured {
    /// An exact measure of the sender's history.
    fn of_sender(measure: &'static str, window: Option<Window>, count: u64, threshold: u64) -> Measured {
        Measured { side: "sender", measure, window, count, threshold, estimated: false, currency: None, weeks: None }
    }
}

/// The accounts' history as the pack's conditions see it: after this
/// payment was added (unless it came late).
pub(crate) struct View<'a> {
    sender: Option<&'a Account>,
    receiver: Option<&'a Account>,
    /// The payee's key in the sender's table.
    payee: Option<u64>,
    /// The sender's newest payment out before this one.
    prev_out: Option<u64>,
    /// This payment's minute and amount in the FX base currency.
    minute: u64,
    amount: u64,
    base: crate::money::Currency,
    /// Whether this payment crossed a border.
    foreign: bool,
    /// Whether this payment is at night in the payer's local time.
    night: bool,
}

/// The window in which the history calls a payee new, when the host does
/// not say (`receiver.isNew`): the default pack's `payeeNew` window.
pub(crate) const NEW_WITHIN: Window = Window::Days(7);

/// What the history establishes about a payment's facts when the host did
/// not send them (docs/STATE.md, "Facts").
impl View<'_> {
    /// Whether the payee is new to the sender, and how many days ago the
    /// sender first paid it; `None` when the history cannot tell.
    pub(crate) fn payee_new(&self) -> Option<(bool, u32)> {
        let a = self.sender?;
        let e = a.out.entry(self.payee?)?;
        match a.newness(e, NEW_WITHIN) {
            Newness::New(age) => Some((true, u32::try_from(age / MINUTES_PER_DAY).unwrap_or(u32::MAX))),
            Newness::Known => Some((false, 0)),
            Newness::Unknown => None,
        }
    }

    /// Whether the sender's account is a minor's, as it last said.
    pub(crate) fn sender_minor(&self) -> Option<bool> {
        self.sender?.minor
    }

    /// Whether the receiver's account is a minor's, as it last said.
    pub(crate) fn receiver_minor(&self) -> Option<bool> {
        self.receiver?.minor
    }
}

impl View<'_> {
    // Out of line: evaluation calls it from one place, and inlined into the
    // condition walk it was duplicated per call site (twiggy).
    #[inline(never)]
    pub(crate) fn measure(&self, h: &HistoryCond) -> Option<Measured> {
        let sender =
            |measure, window, count: Count, threshold: u32| reached("sender", measure, window, count, threshold);
        let measure = h.measure();
        match *h {
            HistoryCond::PayerCount { window, at_least, only } => {
                let a = self.sender?;
                sender(measure, Some(window), a.out.count(window, a.newest()?, only.foreign), at_least)
            }
            HistoryCond::PayeeCount { window, at_least } => {
                let a = self.sender?;
                let now = a.newest()?;
                let e = a.out.entry(self.payee?)?;
                let count = e.recent.count_within(window.start(now), now, |&m| m, |_| true);
                sender(measure, Some(window), count, at_least)
            }
            HistoryCond::PayeeNew { window } => {
                let a = self.sender?;
                let now = a.newest()?;
                let e = a.out.entry(self.payee?)?;
                // New within the window, by a history that would have seen
                // an earlier payment (`Account::newness`): in a younger
                // state every payee would look new.
                let Newness::New(age) = a.newness(e, window) else { return None };
                let (count, threshold) = window.age(age.min(now));
                Some(Measured::of_sender(measure, Some(window), count, threshold))
            }
            HistoryCond::DistinctPayees { window, at_least, ref to } => {
                let a = self.sender?;
                let keep = |e: &crate::history::Entry| {
                    to.as_ref()
                        .is_none_or(|t| crate::money::Country::from_bytes(e.country).is_some_and(|c| t.contains(&c)))
                };
                sender(measure, Some(window), a.out.distinct(window, a.newest()?, keep, to.is_some()), at_least)
            }
            HistoryCond::Escalation { factor, at_least } => {
                let a = self.sender?;
                let e = a.out.entry(self.payee?)?;
                if e.n < at_least || e.base_n < BASELINE || e.base_sum == 0 {
                    return None;
                }
                // This payment against the baseline's average, in percent
                // (u64, saturating: u128 division is 2 KB of wasm).
                let count = self.amount.saturating_mul(100 * u64::from(BASELINE)) / e.base_sum;
                (count >= u64::from(factor)).then_some(Measured::of_sender(measure, None, count, u64::from(factor)))
            }
            HistoryCond::BurstThenStop { at_least, window, quiet } => {
                let a = self.sender?;
                let prev = self.prev_out?;
                let quiet = quiet.minutes();
                let best = a
                    .out
                    .entries
                    .iter()
                    .filter(|e| Some(e.key) != self.payee)
                    .filter(|e| {
                        // The quiet period began after the sender's previous
                        // payment and before this one: seen once.
                        let stop = e.last.saturating_add(quiet);
                        prev < stop && stop <= self.minute
                    })
                    .map(|e| e.recent.count_within(window.start(e.last), e.last, |&m| m, |_| true).value)
                    .max()?;
                sender(measure, Some(window), Count { value: best, estimated: false }, at_least)
            }
            HistoryCond::RecentMerchant { ref lists, window } => {
                let a = self.sender?;
                let now = a.newest()?;
                // Strictly before this payment: a retried purchase must not
                // find its own stamp.
                let start = window.start(now);
                let latest =
                    lists.iter().filter_map(|&l| a.stamp_of(l)).filter(|&m| m >= start && m < self.minute).max()?;
                let (count, threshold) = window.age(now.saturating_sub(latest));
                Some(Measured::of_sender(measure, Some(window), count, threshold))
            }
            HistoryCond::InboundCount { window, at_least, only, account } => {
                let (side, r) = self.whose(account)?;
                reached(side, measure, Some(window), r.inb.count(window, r.newest()?, only.foreign), at_least)
            }
            HistoryCond::DistinctSenders { window, at_least, only, account } => {
                let (side, r) = self.whose(account)?;
                let now = r.newest()?;
                reached(side, measure, Some(window), senders(r, window, now, only), at_least)
            }
            HistoryCond::PayerSum { window, at_least } => {
                let a = self.sender?;
                self.sum("sender", measure, window, a.out.sum(window, a.newest()?), at_least)
            }
            HistoryCond::InboundSum { window, at_least, account } => {
                let (side, r) = self.whose(account)?;
                self.sum(side, measure, window, r.inb.sum(window, r.newest()?), at_least)
            }
            HistoryCond::OutflowAfterInflow { window, share, at_least, account } => {
                let (side, a) = self.whose(account)?;
                let now = a.newest()?;
                let personal = Only { personal: true, ..Only::default() };
                if senders(a, window, now, personal).value < u64::from(at_least) {
                    return None;
                }
                let inflow = a.inb.sum(window, now);
                if inflow == 0 {
                    return None;
                }
                // Only money moved away counts: a collection paid back to
                // one of its payers (an arisan's pot) does not.
                let count = a.out.away(window, now).saturating_mul(100) / inflow;
                (count >= u64::from(share))
                    .then_some(Measured { side, ..Measured::of_sender(measure, Some(window), count, u64::from(share)) })
            }
            HistoryCond::PayeeWeeks { weeks, at_least, per_week, only } => {
                let e = self.payee_entry()?;
                let n = (0..usize::from(weeks)).filter(|&i| u32::from(e.week(i, only.night)) >= per_week).count();
                let count = Count { value: n as u64, estimated: false };
                reached("sender", measure, None, count, at_least).map(|m| Measured { weeks: Some(weeks), ..m })
            }
            HistoryCond::PayeeGrowth { weeks, factor, at_least } => {
                let e = self.payee_entry()?;
                let span = usize::from(weeks).min(HABIT_WEEKS);
                // The first week it was paid in, within the ring.
                let first = (0..span).rev().find(|&i| e.week(i, false) > 0)?;
                // Its first two weeks and the last two must not overlap.
                if first < 3 {
                    return None;
                }
                let early = u64::from(e.week(first, false)) + u64::from(e.week(first - 1, false));
                let late = u64::from(e.week(0, false)) + u64::from(e.week(1, false));
                if late < u64::from(at_least) {
                    return None;
                }
                let count = late * 100 / early.max(1);
                (count >= u64::from(factor)).then_some(Measured {
                    weeks: Some(weeks),
                    ..Measured::of_sender(measure, None, count, u64::from(factor))
                })
            }
            HistoryCond::PayeeSteady { at_least, days, variation } => {
                let e = self.payee_entry()?;
                steady(e, self.amount, self.night, at_least, days, variation)
                    .map(|n| Measured::of_sender(measure, None, n, u64::from(at_least)))
            }
            HistoryCond::FirstAbroad { window, at_least } => {
                let a = self.sender?;
                let now = a.newest()?;
                if !self.foreign || !established(a, window, now) {
                    return None;
                }
                // This payment is the window's only cross-border one.
                let all = a.out.count(window, now, false).value;
                let abroad = a.out.count(window, now, true).value;
                let home = all.saturating_sub(1);
                (abroad == 1 && home >= u64::from(at_least)).then_some(Measured::of_sender(
                    measure,
                    Some(window),
                    home,
                    u64::from(at_least),
                ))
            }
            HistoryCond::AmountAbove { window, factor, at_least } => {
                let a = self.sender?;
                let now = a.newest()?;
                if !established(a, window, now) || a.out.count(window, now, false).value <= u64::from(at_least) {
                    return None;
                }
                // The whole day, so that a series of payments on one day
                // does not hide behind its own first.
                let (day, largest) = a.out.day_and_largest_other(window, now, self.minute);
                if largest == 0 {
                    return None;
                }
                let count = day.saturating_mul(100) / largest;
                (count >= u64::from(factor)).then_some(Measured::of_sender(
                    measure,
                    Some(window),
                    count,
                    u64::from(factor),
                ))
            }
            HistoryCond::SamePrice { window, share, at_least } => {
                let r = self.receiver?;
                let now = r.newest()?;
                let start = window.start(now);
                // The one-off payers in the window (their one payment is
                // their baseline), by amount: those who paid an amount
                // another of them paid too.
                let amounts: Vec<u64> = r
                    .inb
                    .entries
                    .iter()
                    .filter(|e| e.last >= start && e.n == 1 && e.base_n == 1 && e.flags & MERCHANT == 0)
                    .map(|e| e.base_sum)
                    .collect();
                // A table holds at most 32: comparing pairs costs less code
                // than a sort.
                let shared = amounts
                    .iter()
                    .enumerate()
                    .filter(|&(i, a)| amounts.iter().enumerate().any(|(j, b)| i != j && a == b))
                    .count();
                if shared < at_least as usize {
                    return None;
                }
                let count = (shared * 100 / amounts.len()) as u64;
                (count >= u64::from(share)).then_some(Measured {
                    side: "receiver",
                    ..Measured::of_sender(measure, Some(window), count, u64::from(share))
                })
            }
        }
    }

    /// The sender's table entry of this payment's payee.
    fn payee_entry(&self) -> Option<&Entry> {
        self.sender?.out.entry(self.payee?)
    }
}

/// Whether the account's history is at least the window long: a profile to
/// deviate from.
fn established(a: &Account, window: Window, now: u64) -> bool {
    now.saturating_sub(a.since) >= window.minutes()
}

/// The number of payments of a steady pattern with this payee, if it is one
/// (see `HistoryCond::PayeeSteady`).
fn steady(e: &Entry, amount: u64, night: bool, at_least: u32, days: u32, variation: u32) -> Option<u64> {
    // Payments before this one, over enough days.
    if e.n <= at_least || e.last - e.first.min(e.last) < u64::from(days) * MINUTES_PER_DAY {
        return None;
    }
    // A stable amount: the moving spread within `variation` percent of the
    // average, and this payment too.
    let tolerance = e.mean.saturating_mul(u64::from(variation)) / 100;
    if e.mean == 0 || e.dev > tolerance || amount.abs_diff(e.mean) > tolerance {
        return None;
    }
    // Regular intervals between the latest payments, which are in order of
    // time (payments on one day count as one): the shortest at least five
    // days, the longest at most twice the shortest.
    let (mut shortest, mut longest, mut gaps, mut prev) = (u64::MAX, 0, 0, None);
    for day in e.recent.as_slice().iter().map(|m| m / MINUTES_PER_DAY) {
        if let Some(p) = prev.filter(|&p| p != day) {
            let gap = day.saturating_sub(p);
            (shortest, longest, gaps) = (shortest.min(gap), longest.max(gap), gaps + 1);
        }
        prev = Some(day);
    }
    if gaps < 2 || shortest < 5 || longest > 2 * shortest {
        return None;
    }
    // By day: at most a quarter of the earlier payments the weeks still
    // hold were at night (this one is what the pattern explains, at any
    // hour).
    let (all, nights) = (0..HABIT_WEEKS)
        .fold((0u32, 0u32), |(a, n), i| (a + u32::from(e.week(i, false)), n + u32::from(e.week(i, true))));
    let (all, nights) = (all.saturating_sub(1), nights.saturating_sub(u32::from(night)));
    if nights * 4 > all {
        return None;
    }
    Some(u64::from(e.n))
}

impl View<'_> {
    /// A sum that reached its threshold, in whole units of the base
    /// currency.
    fn sum(
        &self,
        side: &'static str,
        measure: &'static str,
        window: Window,
        sum: u64,
        at_least: u64,
    ) -> Option<Measured> {
        let unit = 10u64.pow(u32::from(self.base.exponent()));
        (sum >= at_least).then_some(Measured {
            side,
            measure,
            window: Some(window),
            count: sum / unit,
            threshold: at_least.div_ceil(unit),
            estimated: false,
            currency: Some(self.base),
            weeks: None,
        })
    }

    fn whose(&self, account: Whose) -> Option<(&'static str, &Account)> {
        match account {
            Whose::Receiver => Some(("receiver", self.receiver?)),
            Whose::Sender => Some(("sender", self.sender?)),
        }
    }
}

/// Distinct senders that paid `a` in the window, passing the filters.
fn senders(a: &Account, window: Window, now: u64, only: Only) -> Count {
    let keep = |e: &crate::history::Entry| {
        (!only.new || matches!(a.newness(e, window), Newness::New(_)))
            && (!only.foreign || e.flags & FOREIGN != 0)
            && (!only.minor || e.flags & MINOR != 0)
            && (!only.personal || e.flags & MERCHANT == 0)
            && (!only.one_off || e.n == 1)
    };
    a.inb.distinct(window, now, keep, only != Only::default())
}

/// A count that reached its threshold, as evidence.
fn reached(
    side: &'static str,
    measure: &'static str,
    window: Option<Window>,
    count: Count,
    threshold: u32,
) -> Option<Measured> {
    (count.value >= u64::from(threshold)).then_some(Measured {
        side,
        measure,
        window,
        count: count.value,
        threshold: u64::from(threshold),
        estimated: count.estimated,
        currency: None,
        weeks: None,
    })
}

/// Where a side's state stands before the payment is added.
struct Side {
    account: Option<Box<Account>>,
    status: HistoryStatus,
    /// The state already holds this payment's id: a retry, screened against
    /// the state as it is and not added again.
    retry: bool,
}

impl Side {
    /// Whether this payment is added to the state.
    fn adds(&self) -> bool {
        self.status == HistoryStatus::Updated && !self.retry
    }
}

impl Screener {
    /// Screens a transaction with the sender's and the receiver's history
    /// and returns the full verdict (in this screener's locale) with the
    /// states after the payment. See
    /// [`screen_compact_with_history`](Screener::screen_compact_with_history).
    pub fn screen_with_history(
        &self,
        tx: &Transaction,
        sender: Option<&State>,
        receiver: Option<&State>,
    ) -> Result<Screened<Verdict>, Error> {
        let s = self.screen_compact_with_history(tx, sender, receiver)?;
        Ok(Screened { verdict: self.expand(s.verdict, self.locale), sender: s.sender, receiver: s.receiver })
    }

    /// Screens a transaction with the history of its accounts.
    ///
    /// `sender` is the state stored under `tx.sender.id` (none for an
    /// account without history yet), `receiver` the one under
    /// `tx.receiver.id`. The verdict is what
    /// [`screen_compact`](Screener::screen_compact) gives plus the flags of
    /// the pack's history conditions, and a
    /// [`history`](CompactVerdict::history) note; the states to store come
    /// back beside it. A payment to oneself updates one state, returned as
    /// both.
    ///
    /// A payment older than the account's newest by more than 6 hours is
    /// screened against the state as it is and not added to it (the note
    /// says `late`): windows count by the transactions' own timestamps.
    ///
    /// Fails with [`ErrorKind::InvalidState`] (path `/sender` or
    /// `/receiver`) when a state belongs to another account or key, or is
    /// given for a side without an id; and as
    /// [`screen_compact`](Screener::screen_compact) does on text over the
    /// limits.
    ///
    /// # Example
    ///
    /// ```
    /// use jejak::Screener;
    ///
    /// let screener = Screener::new();
    /// let mut state = None;
    /// for day in 1..=6 {
    ///     let tx = screener.parse(&format!(r#"{{"timestamp": "2026-11-{day:02}T23:30:00+10:00",
    ///         "amount": "40", "currency": "AUD", "channel": "remittance",
    ///         "sender": {{"id": "payer-7", "country": "AU"}},
    ///         "receiver": {{"id": "payee-3", "country": "PH"}}}}"#))?;
    ///     let screened = screener.screen_compact_with_history(&tx, state.as_ref(), None)?;
    ///     state = screened.sender;
    ///     if day == 6 {
    ///         assert!(screened.verdict.has_flag("JEJAK-SIG-HIST-PAYEE-FREQ"));
    ///     }
    /// }
    /// # Ok::<(), jejak::Error>(())
    /// ```
    pub fn screen_compact_with_history(
        &self,
        tx: &Transaction,
        sender: Option<&State>,
        receiver: Option<&State>,
    ) -> Result<Screened<CompactVerdict>, Error> {
        self.screen_owned(tx, sender.cloned(), receiver.cloned())
    }

    /// The screen with history on states it may change in place.
    fn screen_owned(
        &self,
        tx: &Transaction,
        sender: Option<State>,
        receiver: Option<State>,
    ) -> Result<Screened<CompactVerdict>, Error> {
        self.check_limits(tx)?;
        let inner = &self.pack.inner;
        let base = inner.fx.base;
        let base_code = base.as_bytes();
        let minute = tx.timestamp.minute();
        let key = |id: &str| self.account_key(id);
        let sender_key = tx.sender.id.as_deref().map(key);
        let receiver_key = tx.receiver.id.as_deref().map(key);
        let payee = receiver_key.or_else(|| tx.merchant.id.as_deref().map(|m| self.hasher.hash(b"m:", m)));
        let to_self = sender_key.is_some() && sender_key == receiver_key;
        // A keyed hash of the payment's id (32 bits: a retry is recognised
        // among the account's latest 16 ids; never the id itself).
        let id_hash = tx.id.as_deref().map(|id| self.hasher.hash(b"t:", id) as u32);

        let mut s = open("/sender", "sender.id", sender, sender_key, base_code, minute, id_hash)?;
        let mut r = if to_self {
            Side { account: None, status: s.status, retry: s.retry }
        } else {
            open("/receiver", "receiver.id", receiver, receiver_key, base_code, minute, id_hash)?
        };
        // The sender's newest payment out before this one: on a retry, the
        // newest of the others.
        let prev_out = s.account.as_ref().and_then(|a| {
            if s.retry {
                let mut before = a.out.recent.as_slice().iter().map(|&(m, _)| m).collect::<Vec<_>>();
                if let Some(i) = before.iter().rposition(|&m| m == minute) {
                    before.remove(i);
                }
                before.into_iter().max()
            } else {
                a.out.newest
            }
        });

        // A currency the pack cannot convert counts, but adds nothing to
        // sums; an amount too large to convert saturates.
        let cur = tx.amount.currency();
        let amount = match inner.fx.rates.get(&cur) {
            None => 0,
            Some(_) => inner
                .fx
                .rates
                .convert(tx.amount.minor_units(), cur, base)
                .map_or(u64::MAX, |v| u64::try_from(v).unwrap_or(u64::MAX)),
        };
        let foreign = matches!((tx.sender.country, tx.destination_country()), (Some(a), Some(b)) if a != b);
        let hour = tx.timestamp.local_hour();
        let night = !(6..22).contains(&hour);
        let country = |c: Option<crate::money::Country>| c.map_or([0, 0], |c| c.as_bytes());
        // What the host says about each account, kept for the payments
        // where it says nothing (before the evaluation, so a retry sees the
        // same facts).
        if s.adds() {
            if let Some(a) = s.account.as_mut() {
                a.note_age(minute, tx.sender.account_age_days);
                a.minor = tx.sender.is_minor.or(a.minor);
                a.add(
                    Direction::Out,
                    &Payment {
                        minute,
                        amount,
                        foreign,
                        night,
                        // A purchase from a registered business is spending,
                        // not money moved on (PPATK's sellers sweep to a
                        // personal account); buying crypto moves it on.
                        away: !tx.merchant.is_business() || tx.channel == Some(crate::transaction::Channel::Crypto),
                        // The host's "not new" at a payee's first payment
                        // here: its ledger knows an earlier one.
                        counterparty: payee.map(|k| {
                            let known = match tx.receiver.is_new {
                                Some(false) => RETURNING,
                                Some(true) => FIRST,
                                None => 0,
                            };
                            (k, country(tx.destination_country()), (u8::from(foreign) * FOREIGN) | known)
                        }),
                    },
                );
            }
        }
        let inbound = Payment {
            minute,
            amount,
            foreign,
            night,
            away: false,
            counterparty: sender_key.map(|k| {
                let minor = if tx.sender.is_minor == Some(true) { MINOR } else { 0 };
                let merchant = if tx.merchant.is_business() { MERCHANT } else { 0 };
                (k, country(tx.sender.country), (u8::from(foreign) * FOREIGN) | minor | merchant)
            }),
        };
        if r.adds() {
            if let Some(a) = r.account.as_mut() {
                a.note_age(minute, tx.receiver.account_age_days);
                a.minor = tx.receiver.is_minor.or(a.minor);
                a.add(Direction::In, &inbound);
            }
        }
        if to_self && s.adds() {
            if let Some(a) = s.account.as_mut() {
                a.add(Direction::In, &inbound);
            }
        }

        let receiver_account = if to_self { s.account.as_deref() } else { r.account.as_deref() };
        let view = View {
            sender: s.account.as_deref(),
            receiver: receiver_account,
            payee,
            prev_out,
            minute,
            amount,
            base,
            foreign,
            night,
        };
        let mut watched = Vec::new();
        let mut verdict = self.evaluate(tx, Some(&view), &mut watched);
        verdict.history = Some(HistoryNote { sender: s.status, receiver: r.status });
        if s.adds() {
            if let Some(a) = s.account.as_mut() {
                for list in watched {
                    a.stamp(list, minute);
                }
            }
        }
        for side in [&mut s, &mut r] {
            if let (true, Some(a), Some(h)) = (side.adds(), side.account.as_mut(), id_hash) {
                a.record_id(minute, h);
            }
        }
        let sender_state = s.account.map(|account| State { account });
        let receiver_state = if to_self { sender_state.clone() } else { r.account.map(|account| State { account }) };
        Ok(Screened { verdict, sender: sender_state, receiver: receiver_state })
    }
}

impl Screener {
    /// [`screen_compact_with_history`](Screener::screen_compact_with_history)
    /// from and to bytes: the verdict as JSON in this screener's
    /// [`VerdictForm`](super::VerdictForm), and the states' bytes. A state
    /// that does not decode is refused with `invalid_state` at `/sender` or
    /// `/receiver`.
    pub fn screen_with_history_bytes(
        &self,
        tx: &Transaction,
        sender: Option<&[u8]>,
        receiver: Option<&[u8]>,
    ) -> Result<Screened<String>, Error> {
        let s = self.screen_with_state_bytes(tx, sender, receiver)?;
        let verdict = match self.verdict {
            super::VerdictForm::Compact => s.verdict.to_json(),
            super::VerdictForm::Full => self.expand(s.verdict, self.locale).to_json(),
        };
        Ok(Screened { verdict, sender: s.sender, receiver: s.receiver })
    }

    /// The compact verdict with history, from the states' bytes.
    pub(crate) fn screen_with_state_bytes(
        &self,
        tx: &Transaction,
        sender: Option<&[u8]>,
        receiver: Option<&[u8]>,
    ) -> Result<Screened<CompactVerdict>, Error> {
        let sender = sender.map(|b| State::decode(b, "/sender")).transpose()?;
        let receiver = receiver.map(|b| State::decode(b, "/receiver")).transpose()?;
        self.screen_owned(tx, sender, receiver)
    }
}

/// Checks a side's state against the transaction's id for it, and whether
/// the payment is late for it.
fn open(
    path: &str,
    id_field: &str,
    state: Option<State>,
    key: Option<u64>,
    base: [u8; 3],
    minute: u64,
    id_hash: Option<u32>,
) -> Result<Side, Error> {
    let invalid = |message: String| Error::new(ErrorKind::InvalidState, path, message);
    let mut account = match (state, key) {
        (Some(_), None) => {
            return Err(invalid(format!("a state was given, but the transaction has no {id_field}")));
        }
        (None, None) => return Ok(Side { account: None, status: HistoryStatus::NoId, retry: false }),
        (None, Some(k)) => Box::new(Account::new(k, base)),
        (Some(s), Some(k)) => {
            if s.account.key != k {
                return Err(invalid(format!(
                    "the state belongs to another account than this {id_field} (or was made with another historyKey)"
                )));
            }
            s.account
        }
    };
    // A payment the state already holds is a retry (the same transaction
    // sent again): its first screen counted it. Checked before lateness: a
    // retry arriving after newer payments is still the same payment.
    if id_hash.is_some_and(|h| account.has_id(h)) {
        return Ok(Side { account: Some(account), status: HistoryStatus::Updated, retry: true });
    }
    let late = account.newest().is_some_and(|n| minute.saturating_add(LATENESS) < n);
    if late {
        return Ok(Side { account: Some(account), status: HistoryStatus::Late, retry: false });
    }
    account.rebase(base);
    Ok(Side { account: Some(account), status: HistoryStatus::Updated, retry: false })
}
