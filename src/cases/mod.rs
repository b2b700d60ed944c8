//! Cases across accounts: who else paid a flagged collector, where its money
//! went, which payers link several collectors, and where the money reached
//! cash (issue 21, "Follow the money").
//!
//! # Overview
//!
//! A [`CaseBuilder`] takes a transaction log in time order, each payment
//! with its verdict, and keeps the payment graph: per account what it
//! received and sent (in flagged payments too, and to cash), per payer,
//! payee and currency the count, sum and first and last payment. Then
//! [`CaseBuilder::cases`] grows cases from the flagged accounts (parties to
//! a payment at the case level, `review` by default, or to a watchlist hit)
//! out to `hops`, following flows rather than edges (the rules are in
//! `grow.rs`), and gives each account of a case its [`Role`]. A second pass
//! over the same log ([`Cases::collect`]) adds each case's own payments,
//! which a report needs; [`Cases::to_json`] writes the file `jejak cases`
//! writes.
//!
//! A case's score and level are the highest of its payments' verdicts; its
//! indicators are those of its accounts' flagged payments, each with the
//! publisher's reference.
//!
//! # Performance
//!
//! The first pass's memory is bounded by accounts and account pairs: a
//! payment adds to two accounts and one edge and is dropped. The second
//! pass keeps each case's own payments, which is what a report lists.
//!
//! # Untrusted input
//!
//! A row older than the one before is refused with a `/timestamp` error
//! (the log must be sorted by instant); nothing panics on any log.

pub mod goaml;
mod graph;
mod grow;
mod log;
mod read;

pub use log::{CaseCollector, CaseLog, CaseLogBuilder, Ids, LogRow, RowReader, Verdicts};
pub use read::{find_case, read_cases};

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::error::Error;
use crate::money::{self, Currency};
use crate::transaction::{Channel, Transaction};
use crate::verdict::Verdict;
use crate::vocab::Level;
use crate::write;

use graph::{Clock, Graph, Judged, Party};
use grow::{Reach, Rules};

/// What an account does in a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Role {
    /// Pays into the case.
    Payer,
    /// Collects: a fifth of what it received came in flagged payments (a
    /// tenth, from three payers or more), its own history flagged its
    /// sweep of what it had received, or it was fed by the case from two
    /// payers or more.
    Collector,
    /// Receives case money and passes it on within a day: a payment out
    /// covered by what came in the day before, and four fifths of it (from
    /// one payer in the case, or not collecting).
    Intermediary,
    /// Where the money leaves for cash (channel `cash_withdrawal`: a bank
    /// account, an ATM, a minimarket counter or an agent).
    CashOut,
    /// Receives case money but is not followed on: a merchant or a person
    /// for whom these payments are a small part of what it receives, or an
    /// account at the edge of the case's hops.
    Payee,
}

impl Role {
    /// The wire name, e.g. `"cash-out"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Payer => "payer",
            Role::Collector => "collector",
            Role::Intermediary => "intermediary",
            Role::CashOut => "cash-out",
            Role::Payee => "payee",
        }
    }
}

/// Builds cases from a screened transaction log.
///
/// ```
/// use jejak::cases::CaseBuilder;
/// use jejak::{Screener, Transaction};
///
/// let screener = Screener::new();
/// let log = [r#"{"timestamp": "2026-11-20T14:00:00+07:00", "amount": "250000",
///     "currency": "IDR", "channel": "qris", "memo": "belanja",
///     "sender": {"id": "a"}, "receiver": {"id": "b"}}"#];
/// let mut builder = CaseBuilder::new().hops(2);
/// for row in log {
///     let tx = Transaction::from_json(row)?;
///     builder.add(&tx, &screener.screen(&tx)?)?;
/// }
/// // An ordinary payment starts no case.
/// let cases = builder.cases();
/// assert!(cases.is_empty());
/// assert_eq!(cases.to_json(), r#"{"cases":[]}"#);
/// # Ok::<(), jejak::Error>(())
/// ```
#[derive(Debug)]
pub struct CaseBuilder {
    graph: Graph,
    /// The order of the rows `add` takes.
    clock: Clock,
    rules: Rules,
    min_level: Level,
}

impl Default for CaseBuilder {
    fn default() -> Self {
        CaseBuilder::new()
    }
}

/// One account of a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CaseAccount {
    /// The account's id, as the log gave it (a hashed id if the log's ids
    /// were hashed).
    pub id: String,
    /// Whether the id is a merchant's (`merchant.id`) rather than an
    /// account's.
    pub merchant: bool,
    /// What it does in the case.
    pub role: Role,
    /// What it received over the case's edges, in the case's currency, in
    /// major units (exact).
    #[serde(rename = "in")]
    pub received: String,
    /// What it sent over the case's edges, likewise.
    #[serde(rename = "out")]
    pub sent: String,
    /// The indicators of its flagged payments.
    pub flags: Vec<String>,
}

/// The payments from one account of a case to another, in one currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CaseEdge {
    /// The payer's id (one of [`Case::accounts`]).
    pub from: String,
    /// The payee's id.
    pub to: String,
    /// How many payments.
    pub count: u32,
    /// Their sum, in major units, exact (e.g. `"1500000.00"` for IDR,
    /// `"12.50"` for AUD).
    pub sum: String,
    /// Their currency.
    #[cfg_attr(test, ts(as = "String"))]
    pub currency: Currency,
    /// The first payment's timestamp, as the log wrote it.
    pub first: String,
    /// The last payment's timestamp.
    pub last: String,
}

/// One payment of a case, as a report needs it: its own date, amount and
/// parties.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CaseTransaction {
    /// The host's transaction id, if the log gave one.
    pub id: Option<String>,
    /// As the log wrote it.
    pub timestamp: String,
    /// Major units, exact.
    pub amount: String,
    /// Its currency.
    #[cfg_attr(test, ts(as = "String"))]
    pub currency: Currency,
    /// Its channel, if given.
    #[cfg_attr(test, ts(as = "Option<String>"))]
    pub channel: Option<Channel>,
    /// The payer's id.
    pub from: Option<String>,
    /// The payee's (or the merchant's) id; none for cash.
    pub to: Option<String>,
    /// Its verdict's level.
    pub level: Level,
    /// Its verdict's indicators.
    pub indicators: Vec<String>,
}

/// An indicator behind a case, with one of the sources it cites.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CaseIndicator {
    /// The indicator's id in the pack.
    pub indicator: String,
    /// The publisher's own reference, e.g. `PPATK-CSE-04`.
    #[serde(rename = "ref")]
    #[cfg_attr(test, ts(rename = "ref"))]
    pub reference: Option<String>,
    /// The publisher, e.g. `PPATK`.
    pub source: String,
}

/// A case: accounts linked by the flows followed from flagged accounts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Case {
    /// `case-1`, `case-2`, ..., largest case first.
    pub id: String,
    /// The highest score among its payments.
    pub score: u8,
    /// The highest level among its payments.
    pub level: Level,
    /// The currency that carried most of its money; accounts' sums are in it.
    #[cfg_attr(test, ts(as = "String"))]
    pub currency: Currency,
    /// Its accounts, in the order they first appear in the log.
    pub accounts: Vec<CaseAccount>,
    /// The payments between its accounts that the case followed, one edge
    /// per payer, payee and currency, in the order each first appears.
    pub edges: Vec<CaseEdge>,
    /// Its payments, in log order: empty until [`Cases::collect`] has seen
    /// the log a second time.
    pub transactions: Vec<CaseTransaction>,
    /// The indicators of its accounts' flagged payments, with the
    /// publishers they cite, sorted.
    pub indicators: Vec<CaseIndicator>,
}

/// The cases of a log, ready for its second pass ([`Cases::collect`]),
/// which adds each case's payments.
#[derive(Debug)]
pub struct Cases {
    cases: Vec<Case>,
    /// Account and merchant ids -> their case and their index there,
    /// looked up without copying the id (the second pass reads every row).
    accounts: HashMap<Box<str>, (usize, usize)>,
    merchants: HashMap<Box<str>, (usize, usize)>,
    /// The edges a case followed: (case, payer's index, payee's index,
    /// currency).
    followed: HashSet<(usize, usize, usize, Currency)>,
    /// The level whose payments started cases.
    min_level: Level,
}

impl CaseBuilder {
    /// A builder with the defaults: 2 hops, cases from `review` up, an edge
    /// followed at a tenth of an account's money, a collector at a fifth of
    /// its receipts flagged.
    pub fn new() -> CaseBuilder {
        CaseBuilder {
            graph: Graph::default(),
            clock: Clock::default(),
            rules: Rules { hops: 2, flow: 100, collector: 200 },
            min_level: Level::Review,
        }
    }

    /// How far from a flagged account a case reaches (default 2).
    pub fn hops(mut self, hops: u8) -> CaseBuilder {
        self.rules.hops = hops;
        self
    }

    /// The lowest level whose payments start cases (default `review`).
    pub fn min_level(mut self, level: Level) -> CaseBuilder {
        self.min_level = level;
        self
    }

    /// Adds one payment and its verdict. The log must be in time order: an
    /// earlier payment than the one before is an error (code
    /// `invalid_transaction`, path `/timestamp`) and changes nothing.
    pub fn add(&mut self, tx: &Transaction, verdict: &Verdict) -> Result<(), Error> {
        self.clock.tick(tx)?;
        self.graph.add(tx, Judged::Full(verdict), self.min_level)
    }

    /// [`add`](CaseBuilder::add) with any verdict the graph reads, for a
    /// caller that checked the row's order on its own clock (a
    /// [`CaseLog`], whose second pass refuses the same rows).
    pub(crate) fn add_judged(&mut self, tx: &Transaction, verdict: Judged<'_>) -> Result<(), Error> {
        self.graph.add(tx, verdict, self.min_level)
    }

    /// The cases so far, largest first (then by where their first account
    /// first appears in the log). Give the log to [`Cases::collect`] a second time for each
    /// case's payments.
    pub fn cases(&self) -> Cases {
        let grown = grow::grow(&self.graph, &self.rules);
        let mut order: Vec<&grow::GrownCase> = grown.cases.iter().collect();
        order.sort_by_key(|c| std::cmp::Reverse(c.accounts.len()));
        let (mut accounts, mut merchants) = (HashMap::new(), HashMap::new());
        let mut followed = HashSet::new();
        let mut cases = Vec::new();
        for c in order {
            // Every account came from a payment, so a case always has a
            // currency; a case without one would have nothing to report.
            let Some(mut case) = self.case(c, &grown.reach) else { continue };
            let n = cases.len();
            case.id = format!("case-{}", n + 1);
            let mut index = HashMap::with_capacity(c.accounts.len());
            for (i, &a) in c.accounts.iter().enumerate() {
                index.insert(a, i);
                let ids = match &self.graph.nodes[a as usize].party {
                    Party::Account(_) => &mut accounts,
                    Party::Merchant(_) => &mut merchants,
                };
                ids.insert(self.graph.nodes[a as usize].party.id().into(), (n, i));
            }
            for &e in &c.edges {
                let edge = &self.graph.edges[e as usize];
                if let (Some(&f), Some(&t)) = (index.get(&edge.from), index.get(&edge.to)) {
                    followed.insert((n, f, t, edge.currency));
                }
            }
            cases.push(case);
        }
        Cases { cases, accounts, merchants, followed, min_level: self.min_level }
    }

    fn case(&self, c: &grow::GrownCase, reach: &[Option<(u8, Reach)>]) -> Option<Case> {
        let g = &self.graph;
        let id = |node: u32| g.nodes[node as usize].party.id().to_string();
        // The case's currency: the one its edges carried most of.
        let mut totals: Vec<(Currency, u128)> = Vec::new();
        for &e in &c.edges {
            let edge = &g.edges[e as usize];
            match totals.iter_mut().find(|(cur, _)| *cur == edge.currency) {
                Some((_, t)) => *t += edge.sum,
                None => totals.push((edge.currency, edge.sum)),
            }
        }
        let first_node = c.accounts.first().map(|&a| &g.nodes[a as usize]);
        let fallback = first_node.and_then(|n| n.sent.currencies().chain(n.received.currencies()).next());
        let currency = totals.iter().max_by_key(|(_, t)| *t).map(|(cur, _)| *cur).or(fallback)?;
        let exp = currency.exponent();
        // Each account's flows over the case's edges, in one pass over them.
        let mut flows: HashMap<u32, Flows> = HashMap::with_capacity(c.accounts.len());
        for &e in &c.edges {
            let edge = &g.edges[e as usize];
            let same = edge.currency == currency;
            let out = flows.entry(edge.from).or_default();
            out.outs += 1;
            out.passed |= edge.passed > 0;
            if same {
                out.sent += edge.sum;
            }
            let inn = flows.entry(edge.to).or_default();
            inn.ins += 1;
            if same {
                inn.received += edge.sum;
            }
        }
        let mut verdict = (0u8, Level::None);
        let mut indicators = Vec::new();
        let accounts = c
            .accounts
            .iter()
            .map(|&a| {
                let node = &g.nodes[a as usize];
                let flow = flows.get(&a).copied().unwrap_or_default();
                let how = reach.get(a as usize).copied().flatten().map(|(_, h)| h);
                let role = self.role(node, how, &flow);
                verdict = verdict.max(node.flagged_verdict.unwrap_or((0, Level::None)));
                if role == Role::CashOut {
                    verdict = verdict.max(node.cash_verdict.unwrap_or((0, Level::None)));
                }
                for (id, sources) in &node.indicators {
                    for s in sources.iter() {
                        indicators.push(CaseIndicator {
                            indicator: id.to_string(),
                            reference: s.reference.clone(),
                            source: s.publisher.clone(),
                        });
                    }
                }
                // What a cash-out sent includes what it took out in cash.
                let cashed = if role == Role::CashOut { node.cashed.get(currency) } else { 0 };
                CaseAccount {
                    id: node.party.id().to_string(),
                    merchant: matches!(node.party, Party::Merchant(_)),
                    role,
                    received: money::plain(flow.received, exp),
                    sent: money::plain(flow.sent + cashed, exp),
                    flags: node.indicators.iter().map(|(i, _)| i.to_string()).collect(),
                }
            })
            .collect();
        indicators.sort();
        indicators.dedup();
        let edges = c
            .edges
            .iter()
            .map(|&e| {
                let edge = &g.edges[e as usize];
                verdict = verdict.max(edge.verdict);
                CaseEdge {
                    from: id(edge.from),
                    to: id(edge.to),
                    count: edge.count,
                    sum: money::plain(edge.sum, edge.currency.exponent()),
                    currency: edge.currency,
                    first: edge.first.as_str().to_string(),
                    last: edge.last.as_str().to_string(),
                }
            })
            .collect();
        Some(Case {
            id: String::new(),
            score: verdict.0,
            level: verdict.1,
            currency,
            accounts,
            edges,
            transactions: Vec::new(),
            indicators,
        })
    }

    /// An account's role, from how the case reached it and its flows there.
    fn role(&self, node: &graph::Node, how: Option<Reach>, flow: &Flows) -> Role {
        let cashes =
            node.sent.currencies().any(|c| grow::at_least(node.cashed.get(c), node.sent.get(c), self.rules.flow));
        let collects = grow::collects(&self.graph, node, &self.rules);
        // Fed by the case: followed on from it. A payee of flagged payments
        // that is no collector (a merchant with a flagged sale among many)
        // is not, so it is a payee, not a collector.
        let fed = matches!(how, Some(Reach::Downstream | Reach::FedSeed)) || (how == Some(Reach::Seed) && collects);
        if cashes && (fed || flow.ins > 0) {
            Role::CashOut
        } else if flow.passed && flow.ins > 0 && (!collects || flow.ins < 2) {
            // Passing on what one payer sent (a collector's flagged sweep
            // makes its payee "collect" by share alone) is a link in the
            // chain; passing on what many sent is a collector's sweep.
            Role::Intermediary
        } else if collects || (fed && flow.ins >= 2) {
            Role::Collector
        } else if how == Some(Reach::Payer) || flow.ins == 0 {
            Role::Payer
        } else {
            Role::Payee
        }
    }
}

/// An account's flows over one case's edges.
#[derive(Clone, Copy, Debug, Default)]
struct Flows {
    ins: u32,
    outs: u32,
    received: u128,
    sent: u128,
    /// One of its case payments out passed on money it had just received.
    passed: bool,
}

impl Cases {
    /// The cases, largest first.
    pub fn as_slice(&self) -> &[Case] {
        &self.cases
    }

    /// How many cases.
    pub fn len(&self) -> usize {
        self.cases.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }

    /// The ids of every account and merchant of every case.
    pub(crate) fn party_ids(&self) -> impl Iterator<Item = &str> {
        self.accounts.keys().chain(self.merchants.keys()).map(|id| &**id)
    }

    /// The second pass over the same log. A payment joins a case when it
    /// runs along an edge the case followed, when it is flagged and one of
    /// its parties is in the case, or when it is a cash withdrawal by one
    /// of the case's cash-outs, intermediaries or collectors (not its
    /// payers' or payees' own cash).
    pub fn collect(&mut self, tx: &Transaction, verdict: &Verdict) {
        self.collect_judged(tx, Judged::Full(verdict));
    }

    /// [`collect`](Cases::collect) with any verdict the graph reads.
    pub(crate) fn collect_judged(&mut self, tx: &Transaction, verdict: Judged<'_>) {
        let (from, to) = graph::party_ids(tx);
        let currency = tx.amount.currency();
        let payer = from.and_then(|id| self.accounts.get(id)).copied();
        let payee =
            to.and_then(|(id, merchant)| if merchant { &self.merchants } else { &self.accounts }.get(id)).copied();
        let followed = match (payer, payee) {
            (Some((c, f)), Some((c2, t))) => c == c2 && self.followed.contains(&(c, f, t, currency)),
            _ => false,
        };
        let cash_end = tx.channel == Some(Channel::CashWithdrawal)
            && payer.is_some_and(|(c, i)| {
                let role = self.cases.get(c).and_then(|c| c.accounts.get(i)).map(|a| a.role);
                matches!(role, Some(Role::CashOut | Role::Intermediary | Role::Collector))
            });
        let case = if followed || cash_end {
            payer
        } else if graph::is_flagged(verdict, self.min_level) {
            payer.or(payee)
        } else {
            None
        };
        let Some((case, _)) = case else { return };
        let Some(case) = self.cases.get_mut(case) else { return };
        case.transactions.push(CaseTransaction {
            id: tx.id.clone(),
            timestamp: tx.timestamp.as_str().to_string(),
            amount: money::plain(u128::from(tx.amount.minor_units()), currency.exponent()),
            currency,
            channel: tx.channel,
            from: from.map(str::to_string),
            to: to.map(|(id, _)| id.to_string()),
            level: verdict.level(),
            indicators: verdict.indicators().iter().map(|i| i.to_string()).collect(),
        });
    }

    /// `{"cases": [...]}`, the file `jejak cases` writes.
    pub fn to_json(&self) -> String {
        write::object(|o| {
            write::list(o.key("cases"), &self.cases, |sink, case| case.write(sink));
        })
    }
}

impl Case {
    fn write(&self, sink: &mut dyn write::Sink) {
        let mut o = write::Obj::new(sink);
        o.str("id", &self.id);
        o.uint("score", u64::from(self.score));
        o.str("level", self.level.as_str());
        o.str("currency", self.currency.as_str());
        write::list(o.key("accounts"), &self.accounts, |sink, a| {
            let mut o = write::Obj::new(sink);
            o.str("id", &a.id);
            o.bool("merchant", a.merchant);
            o.str("role", a.role.as_str());
            o.str("in", &a.received);
            o.str("out", &a.sent);
            write::list(o.key("flags"), &a.flags, |sink, f| sink.str(f));
            o.end();
        });
        write::list(o.key("edges"), &self.edges, |sink, e| {
            let mut o = write::Obj::new(sink);
            o.str("from", &e.from);
            o.str("to", &e.to);
            o.uint("count", u64::from(e.count));
            o.str("sum", &e.sum);
            o.str("currency", e.currency.as_str());
            o.str("first", &e.first);
            o.str("last", &e.last);
            o.end();
        });
        write::list(o.key("transactions"), &self.transactions, |sink, t| {
            let mut o = write::Obj::new(sink);
            o.opt_str("id", t.id.as_deref());
            o.str("timestamp", &t.timestamp);
            o.str("amount", &t.amount);
            o.str("currency", t.currency.as_str());
            o.opt_str("channel", t.channel.map(Channel::as_str));
            o.opt_str("from", t.from.as_deref());
            o.opt_str("to", t.to.as_deref());
            o.str("level", t.level.as_str());
            write::list(o.key("indicators"), &t.indicators, |sink, i| sink.str(i));
            o.end();
        });
        write::list(o.key("indicators"), &self.indicators, |sink, i| {
            let mut o = write::Obj::new(sink);
            o.str("indicator", &i.indicator);
            o.opt_str("ref", i.reference.as_deref());
            o.str("source", &i.source);
            o.end();
        });
        o.end();
    }
}

#[cfg(test)]
pub(crate) mod tests;
