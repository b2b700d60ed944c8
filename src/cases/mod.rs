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
//! `grow.rs`), and gives each account of a case its [`Role`].
//!
//! # Performance
//!
//! Memory is bounded by accounts and account pairs: a payment adds to two
//! accounts and one edge and is dropped.
//!
//! # Untrusted input
//!
//! A row older than the one before is refused with a `/timestamp` error
//! (the log must be sorted by instant); nothing panics on any log.

mod graph;
mod grow;

use crate::error::Error;
use crate::money::Currency;
use crate::transaction::Transaction;
use crate::verdict::Verdict;
use crate::vocab::Level;

use graph::Graph;
use grow::Rules;

/// What an account does in a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Role {
    /// Pays into the case.
    Payer,
    /// Collects: many payers, or most of what it received came in flagged
    /// payments.
    Collector,
    /// Receives case money and passes it on within a day, value kept.
    Intermediary,
    /// Where the money leaves for cash (channel `cash_withdrawal`: a bank
    /// account, an ATM, a minimarket counter or an agent).
    CashOut,
}

impl Role {
    /// The wire name, e.g. `"cash-out"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Payer => "payer",
            Role::Collector => "collector",
            Role::Intermediary => "intermediary",
            Role::CashOut => "cash-out",
        }
    }
}

/// Builds cases from a screened transaction log.
///
/// ```
/// use jejak::cases::CaseBuilder;
/// let builder = CaseBuilder::new().hops(2);
/// assert!(builder.cases().is_empty());
/// ```
#[derive(Debug)]
pub struct CaseBuilder {
    graph: Graph,
    rules: Rules,
    min_level: Level,
}

impl Default for CaseBuilder {
    fn default() -> Self {
        CaseBuilder::new()
    }
}

/// One account of a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseAccount {
    /// The account's id, as the log gave it (a hashed id if the log's ids
    /// were hashed).
    pub id: String,
    /// Whether the id is a merchant's (`merchant.id`) rather than an
    /// account's.
    pub merchant: bool,
    /// What it does in the case.
    pub role: Role,
    /// The indicators of its flagged payments.
    pub flags: Vec<String>,
}

/// A case: accounts linked by the flows followed from flagged accounts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    /// Its accounts, in the order they were first seen in the log.
    pub accounts: Vec<CaseAccount>,
    /// The payments between its accounts that the case followed.
    pub edges: Vec<CaseEdge>,
}

/// The payments from one account of a case to another, in one currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseEdge {
    /// The payer's index in [`Case::accounts`].
    pub from: usize,
    /// The payee's index in [`Case::accounts`].
    pub to: usize,
    /// How many payments.
    pub count: u32,
    /// Their sum, in major units, exact (e.g. `"1500000.00"` for IDR, `"12.50"` for AUD).
    pub sum: String,
    /// Their currency.
    pub currency: Currency,
    /// The first payment's timestamp, as the log wrote it.
    pub first: String,
    /// The last payment's timestamp.
    pub last: String,
}

impl CaseBuilder {
    /// A builder with the defaults: 2 hops, cases from `review` up, an edge
    /// followed at a tenth of an account's money, a collector at a fifth of
    /// its receipts flagged.
    pub fn new() -> CaseBuilder {
        CaseBuilder {
            graph: Graph::default(),
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
        self.graph.add(tx, verdict, self.min_level)
    }

    /// The cases so far, largest first (then by their first account).
    pub fn cases(&self) -> Vec<Case> {
        let grown = grow::grow(&self.graph, &self.rules);
        let mut cases: Vec<Case> = grown
            .cases
            .iter()
            .map(|c| {
                let index = |node: u32| c.accounts.iter().position(|&a| a == node).unwrap_or(0);
                let accounts = c
                    .accounts
                    .iter()
                    .map(|&a| {
                        let node = &self.graph.nodes[a as usize];
                        let party = node.party.as_ref();
                        CaseAccount {
                            id: party.map_or_else(String::new, |p| p.id().to_string()),
                            merchant: matches!(party, Some(graph::Party::Merchant(_))),
                            role: self.role(a, &c.edges),
                            flags: node.indicators.iter().map(|i| i.to_string()).collect(),
                        }
                    })
                    .collect();
                let edges = c
                    .edges
                    .iter()
                    .map(|&e| {
                        let edge = &self.graph.edges[e as usize];
                        CaseEdge {
                            from: index(edge.from),
                            to: index(edge.to),
                            count: edge.count,
                            sum: crate::money::plain(edge.sum, edge.currency.exponent()),
                            currency: edge.currency,
                            first: edge.first.to_string(),
                            last: edge.last.to_string(),
                        }
                    })
                    .collect();
                Case { accounts, edges }
            })
            .collect();
        cases.sort_by_key(|c| std::cmp::Reverse(c.accounts.len()));
        cases
    }

    /// An account's role among the case's edges.
    fn role(&self, account: u32, edges: &[u32]) -> Role {
        let node = &self.graph.nodes[account as usize];
        let ins = edges.iter().filter(|&&e| self.graph.edges[e as usize].to == account).count();
        let outs = edges.iter().filter(|&&e| self.graph.edges[e as usize].from == account).count();
        let cashes = node.sent.currencies().any(|c| {
            let (cashed, sent) = (node.cashed.get(c), node.sent.get(c));
            sent > 0 && cashed * 1000 >= sent * u128::from(self.rules.flow)
        });
        if cashes && ins > 0 {
            Role::CashOut
        } else if node.passed_on > 0 && ins > 0 && outs > 0 && !grow::collects(node, &self.rules) {
            Role::Intermediary
        } else if ins >= 2 || (ins > 0 && grow::collects(node, &self.rules)) {
            Role::Collector
        } else if outs > 0 {
            Role::Payer
        } else if cashes {
            Role::CashOut
        } else {
            Role::Collector
        }
    }
}

#[cfg(test)]
mod tests;
