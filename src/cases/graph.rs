//! The payment graph of a transaction log: one node per account, one edge
//! per payer, payee and currency, each with the sums the case rules weigh.
//!
//! Memory is bounded by accounts and account pairs, not by transactions:
//! a row adds to its two accounts' totals and to its edge, and is then
//! dropped. The rows must come in time order (the pass-through rule looks
//! at what an account received in the hours before it paid).

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::Error;
use crate::money::Currency;
use crate::pack::Pack;
use crate::transaction::{Channel, Timestamp, Transaction};
use crate::verdict::{CompactVerdict, Evidence, Verdict};
use crate::vocab::{Level, SourceRef};

/// How long money may rest in an account and still count as passed
/// through: FinCEN's and PPATK's mule descriptions speak of funds pushed
/// out "quickly", within the day.
pub(crate) const PASS_THROUGH_MINUTES: u64 = 24 * 60;

/// Receipts an account remembers for the pass-through rule.
const RECENT: usize = 32;

/// An account's id: the host's, or a merchant's id (a separate namespace,
/// so that a merchant id equal to an account id is another party).
#[derive(Debug)]
pub(crate) enum Party {
    Account(Box<str>),
    Merchant(Box<str>),
}

impl Party {
    pub(crate) fn id(&self) -> &str {
        match self {
            Party::Account(id) | Party::Merchant(id) => id,
        }
    }
}

/// A timestamp as the log wrote it, kept inline when it is short (RFC 3339
/// with an offset is 25 bytes, 35 with nanoseconds). An edge keeps two: as
/// strings, a million edges were two million small allocations; inline,
/// the 1,000,000-row bench's peak memory went from 299 to 238 MB and its
/// first pass from 29.9 to 28.0 s (docs/CASES.md, "Scale").
#[derive(Clone, Debug)]
pub(crate) enum Stamp {
    Inline { len: u8, bytes: [u8; STAMP_INLINE] },
    Long(Box<str>),
}

const STAMP_INLINE: usize = 38;

impl Stamp {
    fn new(text: &str) -> Stamp {
        match u8::try_from(text.len()) {
            Ok(len) if text.len() <= STAMP_INLINE => {
                let mut bytes = [0; STAMP_INLINE];
                bytes[..text.len()].copy_from_slice(text.as_bytes());
                Stamp::Inline { len, bytes }
            }
            _ => Stamp::Long(text.into()),
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        match self {
            // A whole &str was copied in: always UTF-8.
            Stamp::Inline { len, bytes } => std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default(),
            Stamp::Long(text) => text,
        }
    }
}

/// Money per currency: accounts rarely hold more than one, so a short list.
#[derive(Clone, Debug, Default)]
pub(crate) struct Purse(Vec<(Currency, u128)>);

impl Purse {
    fn add(&mut self, currency: Currency, minor: u64) {
        match self.0.iter_mut().find(|(c, _)| *c == currency) {
            Some((_, sum)) => *sum += u128::from(minor),
            None => self.0.push((currency, u128::from(minor))),
        }
    }

    pub(crate) fn currencies(&self) -> impl Iterator<Item = Currency> + '_ {
        self.0.iter().map(|(c, _)| *c)
    }

    pub(crate) fn get(&self, currency: Currency) -> u128 {
        self.0.iter().find(|(c, _)| *c == currency).map_or(0, |(_, s)| *s)
    }
}

/// What one account did over the whole log.
#[derive(Debug)]
pub(crate) struct Node {
    pub(crate) party: Party,
    pub(crate) received: Purse,
    pub(crate) sent: Purse,
    /// Received in payments screened at the case level or above.
    pub(crate) received_flagged: Purse,
    /// Sent to cash (channel `cash_withdrawal`).
    pub(crate) cashed: Purse,
    /// The indicators of its flagged payments, either side, with the
    /// sources they cite (shared with the pack).
    pub(crate) indicators: Vec<(Arc<str>, Arc<[SourceRef]>)>,
    /// The highest verdict among its cash withdrawals.
    pub(crate) cash_verdict: Option<(u8, Level)>,
    /// The highest verdict among its flagged payments, either side (a
    /// flagged payment without a counterparty has no edge to carry it).
    pub(crate) flagged_verdict: Option<(u8, Level)>,
    /// Received a payment at the case level or a watchlist hit.
    pub(crate) flagged_in: bool,
    /// Sent one.
    pub(crate) flagged_out: bool,
    /// Sent one flagged by its own history for passing on what it had
    /// just received (the `outflowAfterInflow` measure on the sender: a
    /// collector's sweep), though none of its receipts was flagged.
    pub(crate) swept: bool,
    pub(crate) out_edges: Vec<u32>,
    pub(crate) in_edges: Vec<u32>,
    /// Money received in the last PASS_THROUGH_MINUTES, oldest first:
    /// (minute, currency, minor units left to pass on).
    recent_in: Vec<(u64, Currency, u64)>,
}

/// Payments from one account to another in one currency.
#[derive(Debug)]
pub(crate) struct Edge {
    pub(crate) from: u32,
    pub(crate) to: u32,
    pub(crate) currency: Currency,
    pub(crate) count: u32,
    pub(crate) sum: u128,
    pub(crate) flagged: u32,
    /// Payments that passed on money the payer had received in the day
    /// before (four fifths of it, and covered by it).
    pub(crate) passed: u32,
    /// The highest verdict among its payments.
    pub(crate) verdict: (u8, Level),
    /// The first and last payment's timestamps, as written.
    pub(crate) first: Stamp,
    /// Rewritten in place on every payment.
    pub(crate) last: Stamp,
}

/// The graph being built, row by row.
#[derive(Debug, Default)]
pub(crate) struct Graph {
    pub(crate) nodes: Vec<Node>,
    pub(crate) edges: Vec<Edge>,
    /// Account and merchant ids to their nodes, looked up without copying
    /// the id (a log repeats them on every row).
    accounts: HashMap<Box<str>, u32>,
    merchants: HashMap<Box<str>, u32>,
    pairs: HashMap<(u32, u32, Currency), u32>,
}

/// The previous row's instant (whole minutes) and timestamp as written:
/// the log must not go back in time. Within a minute the seconds and
/// fractions decide (Timestamp::sort_key), computed only then.
#[derive(Debug, Default)]
pub(crate) struct Clock {
    last_minute: u64,
    last_stamp: String,
    rows: u64,
}

impl Clock {
    /// Whether `tx` comes no earlier than the row before.
    fn in_order(&self, tx: &Transaction) -> bool {
        let minute = tx.timestamp.minute();
        if minute != self.last_minute || self.rows == 0 {
            return minute > self.last_minute || self.rows == 0;
        }
        Timestamp::parse(&self.last_stamp).is_none_or(|last| tx.timestamp.sort_key() >= last.sort_key())
    }

    /// Refuses a row older than the one before (an `invalid_transaction`
    /// error at `/timestamp`); otherwise it becomes the row before.
    pub(crate) fn tick(&mut self, tx: &Transaction) -> Result<(), Error> {
        if !self.in_order(tx) {
            return Err(Error::transaction(
                "/timestamp",
                format!(
                    "the log is not in time order: {} comes after {} (sort the log by instant first: `timestampKey` gives the engine's order)",
                    tx.timestamp.as_str(),
                    self.last_stamp
                ),
            ));
        }
        self.last_minute = tx.timestamp.minute();
        self.last_stamp.clear();
        self.last_stamp.push_str(tx.timestamp.as_str());
        self.rows += 1;
        Ok(())
    }
}

/// Past 2^32 accounts or pairs, the graph's indices would wrap.
fn too_many(what: &str) -> Error {
    Error::limit("", format!("the log has more than {} {what}: split it", u32::MAX))
}

/// The ids of a transaction's parties as the graph sees them: the payer's
/// account, and the payee's account or else the merchant (`true`). A cash
/// withdrawal has no payee here, whatever the row names: the ATM network
/// or agent that paid the cash out is where the money leaves the graph,
/// not a party that would join every case whose money it paid out.
pub(crate) fn party_ids(tx: &Transaction) -> (Option<&str>, Option<(&str, bool)>) {
    let to = match (&tx.receiver.id, &tx.merchant.id) {
        _ if tx.channel == Some(Channel::CashWithdrawal) => None,
        (Some(id), _) => Some((id.as_str(), false)),
        (None, Some(id)) => Some((id.as_str(), true)),
        (None, None) => None,
    };
    (tx.sender.id.as_deref(), to)
}

/// A payment's verdict as the case builder reads it: a full verdict, or a
/// compact one with the pack whose indicators cite the sources (what a
/// log's replay gives: expanding a million verdicts into sentences only to
/// read their levels would cost more than building the graph).
#[derive(Clone, Copy)]
pub(crate) enum Judged<'a> {
    Full(&'a Verdict),
    Compact(&'a CompactVerdict, &'a Pack),
}

impl Judged<'_> {
    pub(crate) fn level(self) -> Level {
        match self {
            Judged::Full(v) => v.level,
            Judged::Compact(v, _) => v.level,
        }
    }

    pub(crate) fn score(self) -> u8 {
        match self {
            Judged::Full(v) => v.score,
            Judged::Compact(v, _) => v.score,
        }
    }

    /// Whether any flag has evidence that `matches`.
    fn any_evidence(self, matches: impl Fn(&Evidence) -> bool) -> bool {
        match self {
            Judged::Full(v) => v.flags.iter().any(|f| f.evidence.iter().any(&matches)),
            Judged::Compact(v, _) => v.flags.iter().any(|f| f.evidence.iter().any(&matches)),
        }
    }

    /// Each flag's indicator id, in the verdict's order.
    pub(crate) fn indicators(self) -> Vec<Arc<str>> {
        match self {
            Judged::Full(v) => v.flags.iter().map(|f| f.indicator.clone()).collect(),
            Judged::Compact(v, _) => v.flags.iter().map(|f| f.indicator.clone()).collect(),
        }
    }

    /// Each flag's indicator with the sources it cites.
    fn cited(self) -> Vec<(Arc<str>, Arc<[SourceRef]>)> {
        match self {
            Judged::Full(v) => v.flags.iter().map(|f| (f.indicator.clone(), f.sources.clone())).collect(),
            Judged::Compact(v, pack) => v
                .flags
                .iter()
                .filter_map(|f| Some((f.indicator.clone(), pack.inner.find(&f.indicator)?.sources.clone())))
                .collect(),
        }
    }
}

/// Whether a verdict's flags include the payer's own history of passing on
/// what it had just received.
fn sweeps(verdict: Judged<'_>) -> bool {
    verdict.any_evidence(|e| matches!(e, Evidence::History { field: "sender", measure: "outflowAfterInflow", .. }))
}

/// Whether a verdict names its payment for a case: at `min_level`, or a
/// watchlist hit at any level.
pub(crate) fn is_flagged(verdict: Judged<'_>, min_level: Level) -> bool {
    verdict.level() >= min_level || verdict.any_evidence(|e| matches!(e, Evidence::Watchlist { .. }))
}

impl Graph {
    fn node(&mut self, id: &str, merchant: bool) -> Result<u32, Error> {
        let ids = if merchant { &mut self.merchants } else { &mut self.accounts };
        if let Some(&i) = ids.get(id) {
            return Ok(i);
        }
        let i = u32::try_from(self.nodes.len()).map_err(|_| too_many("accounts"))?;
        ids.insert(id.into(), i);
        let party = if merchant { Party::Merchant(id.into()) } else { Party::Account(id.into()) };
        self.nodes.push(Node::new(party));
        Ok(i)
    }

    /// Adds one screened payment; its caller's [`Clock`] has checked its
    /// order.
    pub(crate) fn add(&mut self, tx: &Transaction, verdict: Judged<'_>, min_level: Level) -> Result<(), Error> {
        let minute = tx.timestamp.minute();
        let (currency, minor) = (tx.amount.currency(), tx.amount.minor_units());
        let flagged = is_flagged(verdict, min_level);
        let (from, to) = party_ids(tx);
        let from = from.map(|id| self.node(id, false)).transpose()?;
        let to = to.map(|(id, merchant)| self.node(id, merchant)).transpose()?;
        let mut passed = false;
        for (side, received) in [(from, false), (to, true)] {
            let Some(side) = side else { continue };
            let node = &mut self.nodes[side as usize];
            if flagged {
                if received {
                    node.flagged_in = true;
                } else {
                    node.flagged_out = true;
                    node.swept |= sweeps(verdict);
                }
                node.flagged_verdict = node.flagged_verdict.max(Some((verdict.score(), verdict.level())));
                for (indicator, sources) in verdict.cited() {
                    if !node.indicators.iter().any(|(i, _)| *i == indicator) {
                        node.indicators.push((indicator, sources));
                    }
                }
            }
        }
        if let Some(from) = from {
            let node = &mut self.nodes[from as usize];
            node.sent.add(currency, minor);
            if tx.channel == Some(Channel::CashWithdrawal) {
                node.cashed.add(currency, minor);
                node.cash_verdict = node.cash_verdict.max(Some((verdict.score(), verdict.level())));
            }
            passed = node.pass_on(minute, currency, minor);
        }
        if let Some(to) = to {
            let node = &mut self.nodes[to as usize];
            node.received.add(currency, minor);
            if flagged {
                node.received_flagged.add(currency, minor);
            }
            node.received_now(minute, currency, minor);
        }
        if let (Some(from), Some(to)) = (from, to) {
            let stamp = tx.timestamp.as_str();
            let e = match self.pairs.get(&(from, to, currency)) {
                Some(&e) => e,
                None => {
                    let e = u32::try_from(self.edges.len()).map_err(|_| too_many("account pairs"))?;
                    self.edges.push(Edge {
                        from,
                        to,
                        currency,
                        count: 0,
                        sum: 0,
                        flagged: 0,
                        passed: 0,
                        verdict: (0, Level::None),
                        first: Stamp::new(stamp),
                        last: Stamp::new(stamp),
                    });
                    self.pairs.insert((from, to, currency), e);
                    self.nodes[from as usize].out_edges.push(e);
                    self.nodes[to as usize].in_edges.push(e);
                    e
                }
            };
            let edge = &mut self.edges[e as usize];
            edge.count = edge.count.saturating_add(1);
            edge.sum += u128::from(minor);
            edge.flagged = edge.flagged.saturating_add(u32::from(flagged));
            edge.passed = edge.passed.saturating_add(u32::from(passed));
            edge.verdict = edge.verdict.max((verdict.score(), verdict.level()));
            edge.last = Stamp::new(stamp);
        }
        Ok(())
    }
}

impl Node {
    fn new(party: Party) -> Node {
        Node {
            party,
            received: Purse::default(),
            sent: Purse::default(),
            received_flagged: Purse::default(),
            cashed: Purse::default(),
            indicators: Vec::new(),
            cash_verdict: None,
            flagged_verdict: None,
            flagged_in: false,
            flagged_out: false,
            swept: false,
            out_edges: Vec::new(),
            in_edges: Vec::new(),
            recent_in: Vec::new(),
        }
    }

    /// Forgets receipts older than PASS_THROUGH_MINUTES before `minute`, and
    /// those already passed on.
    fn expire(&mut self, minute: u64) {
        self.recent_in.retain(|&(m, _, left)| minute.saturating_sub(m) <= PASS_THROUGH_MINUTES && left > 0);
    }

    /// Takes a payment out of the money received in the last
    /// PASS_THROUGH_MINUTES. It passed money on when four fifths of it came
    /// from there and it carried on four fifths of what was there: value
    /// kept, less fees (a coffee bought the day a salary came in is not a
    /// pass-through).
    fn pass_on(&mut self, minute: u64, currency: Currency, minor: u64) -> bool {
        self.expire(minute);
        let waiting: u128 = self.recent_in.iter().filter(|r| r.1 == currency).map(|r| u128::from(r.2)).sum();
        let mut need = minor;
        for entry in self.recent_in.iter_mut() {
            if entry.1 != currency {
                continue;
            }
            let take = entry.2.min(need);
            entry.2 -= take;
            need -= take;
            if need == 0 {
                break;
            }
        }
        let covered = u128::from(minor - need);
        let minor = u128::from(minor);
        minor > 0 && covered * 5 >= minor * 4 && minor * 5 >= waiting * 4
    }

    /// Remembers money received, for `pass_on`. At most RECENT entries: a
    /// busy account forgets its oldest receipts first, which can only make
    /// a pass-through look smaller, never invent one.
    fn received_now(&mut self, minute: u64, currency: Currency, minor: u64) {
        self.expire(minute);
        if self.recent_in.len() == RECENT {
            self.recent_in.remove(0);
        }
        self.recent_in.push((minute, currency, minor));
    }
}
