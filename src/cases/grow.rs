//! Growing cases from flagged accounts: follow the money, not every edge.
//!
//! From every seed (the payee of a flagged payment, or the payer of one
//! that its own history flagged as a sweep; any other payer of a flagged
//! payment starts as a payer), out to `hops`:
//!
//! * **Forward**, where an account's money goes: along an edge that carries
//!   at least `flow` of what the account sent in that currency, from
//!   accounts fed by the case and from seeds whose flagged receipts are at
//!   least `flow` of their money. The payee is
//!   followed further only if the edge is also at least `flow` of what *it*
//!   received; otherwise it is an end (a supermarket paid by a case account
//!   joins the case, its other customers do not).
//! * **Backward**, who paid a collector: every payer of an account that
//!   received at least `collector` of its money in flagged payments, or
//!   at least `flow` of it from three flagged payers or more. A
//!   large merchant with one flagged payment among thousands is not a
//!   collector: its other payers stay out, and its own settlements are not
//!   followed.
//! * **From a payer**, only to other collectors (or along its own flagged
//!   payments): payers shared between collectors (PPATK-CSE-07), without
//!   the payer's salary, rent and groceries.
//!
//! An account reached in a stronger way than before (a seed fed by the
//! case over a seed over fed by the case over a payer over an end) is
//! followed again from there, so the result does not depend on the order
//! of the log's accounts.

use std::collections::VecDeque;

use super::graph::{Graph, Node};

/// The thresholds of the rules above, in thousandths.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rules {
    pub(crate) hops: u8,
    pub(crate) flow: u32,
    pub(crate) collector: u32,
}

/// How an account joined a case: what may be followed from it. Weakest
/// first: an account reached again in a stronger way is followed again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Reach {
    /// Joined through an edge that is a small part of its own money.
    End,
    /// Paid a collector of the case.
    Payer,
    /// Fed by the case: its money is followed on.
    Downstream,
    /// The payee of a flagged payment.
    Seed,
    /// The payee of a flagged payment that is also fed by the case (the
    /// account a collector swept to, though it received a flagged payment
    /// of its own): followed on like an account fed by the case.
    FedSeed,
}

/// The accounts and edges of each case, each in the order it first appears
/// in the log.
#[derive(Debug)]
pub(crate) struct Grown {
    /// For every account of the graph, how it was reached, if it was.
    pub(crate) reach: Vec<Option<(u8, Reach)>>,
    pub(crate) cases: Vec<GrownCase>,
}

#[derive(Debug, Default)]
pub(crate) struct GrownCase {
    pub(crate) accounts: Vec<u32>,
    pub(crate) edges: Vec<u32>,
}

/// Whether `part` is at least `permille` thousandths of `whole` (never of
/// nothing).
pub(crate) fn at_least(part: u128, whole: u128, permille: u32) -> bool {
    whole > 0 && part * 1000 >= whole * u128::from(permille)
}

/// How many payers make a collector of an account whose flagged receipts
/// are only `flow` of its money: the many-to-one of the published cases
/// (PPATK's collectors, AUSTRAC's common beneficiary), where often only a
/// payer's first payments are flagged.
const COLLECTOR_PAYERS: usize = 3;

/// Whether an account collects: its own history flagged a payment out
/// for passing on what it had just received (a sweep); or at least
/// `collector` of what it received, in some currency, came in flagged
/// payments; or at least `flow` of it, from three payers or more.
pub(crate) fn collects(graph: &Graph, node: &Node, rules: &Rules) -> bool {
    let flagged_share = |permille| {
        node.received.currencies().any(|c| at_least(node.received_flagged.get(c), node.received.get(c), permille))
    };
    node.swept
        || flagged_share(rules.collector)
        || (flagged_share(rules.flow)
            && node
                .in_edges
                .iter()
                .filter(|&&e| graph.edges[e as usize].flagged > 0)
                .nth(COLLECTOR_PAYERS - 1)
                .is_some())
}

/// Whether flagged payments are at least `flow` of what an account
/// received in some currency: a seed whose money the case follows on (the
/// account a collector swept to), unlike a merchant with one flagged sale.
fn fed_by_flags(node: &Node, rules: &Rules) -> bool {
    node.received.currencies().any(|c| at_least(node.received_flagged.get(c), node.received.get(c), rules.flow))
}

/// Grows the cases of `graph` under `rules`.
pub(crate) fn grow(graph: &Graph, rules: &Rules) -> Grown {
    let n = graph.nodes.len();
    let mut reach: Vec<Option<(u8, Reach)>> = vec![None; n];
    let mut traversed: Vec<u32> = Vec::new();
    let mut queue = VecDeque::new();
    // The payee of a flagged payment is followed both ways; its payer only
    // as a payer (its groceries are not the case's).
    for (i, node) in graph.nodes.iter().enumerate() {
        let how = match (node.flagged_in, node.flagged_out) {
            (true, _) => Reach::Seed,
            // A collector's flagged sweep: the collector, not a payer.
            (false, true) if node.swept => Reach::Seed,
            (false, true) => Reach::Payer,
            (false, false) => continue,
        };
        reach[i] = Some((0, how));
        queue.push_back(i as u32);
    }
    // Reached in a stronger way, or as strongly but nearer: followed again
    // from there (each account at most once per way and depth, so this
    // ends). Which way wins does not depend on the order of the log.
    // `FedSeed` asks for "fed by the case's money": a seed becomes a fed
    // seed, any other account fed by the case.
    let join = |reach: &mut Vec<Option<(u8, Reach)>>, queue: &mut VecDeque<u32>, who: u32, depth: u8, how: Reach| {
        let (depth, how) = match reach[who as usize] {
            // A seed fed by the case's money keeps its depth and is
            // followed on (not one its payer's flagged payment reached).
            Some((d, Reach::Seed)) if how == Reach::FedSeed => (d, Reach::FedSeed),
            _ if how == Reach::FedSeed => (depth, Reach::Downstream),
            _ => (depth, how),
        };
        let better = match reach[who as usize] {
            None => true,
            Some((d, h)) => how > h || (how == h && depth < d),
        };
        if better {
            reach[who as usize] = Some((depth, how));
            queue.push_back(who);
        }
    };
    while let Some(x) = queue.pop_front() {
        let Some((depth, how)) = reach[x as usize] else { continue };
        if depth >= rules.hops {
            continue;
        }
        let node = &graph.nodes[x as usize];
        let next = depth + 1;
        match how {
            // A payee of flagged payments that they are a small part of (a
            // large merchant with a flagged sale among thousands) is not
            // followed on: its settlements and suppliers are not the case's.
            Reach::Seed | Reach::Downstream | Reach::FedSeed
                if how != Reach::Seed || fed_by_flags(node, rules) || collects(graph, node, rules) =>
            {
                for &e in &node.out_edges {
                    let edge = &graph.edges[e as usize];
                    if !at_least(edge.sum, node.sent.get(edge.currency), rules.flow) {
                        continue;
                    }
                    let payee = &graph.nodes[edge.to as usize];
                    let fed = at_least(edge.sum, payee.received.get(edge.currency), rules.flow);
                    join(&mut reach, &mut queue, edge.to, next, if fed { Reach::FedSeed } else { Reach::End });
                    traversed.push(e);
                }
                if collects(graph, node, rules) {
                    for &e in &node.in_edges {
                        join(&mut reach, &mut queue, graph.edges[e as usize].from, next, Reach::Payer);
                        traversed.push(e);
                    }
                }
            }
            Reach::Payer => {
                for &e in &node.out_edges {
                    let edge = &graph.edges[e as usize];
                    if edge.flagged > 0 || collects(graph, &graph.nodes[edge.to as usize], rules) {
                        join(&mut reach, &mut queue, edge.to, next, Reach::Downstream);
                        traversed.push(e);
                    }
                }
            }
            Reach::Seed | Reach::Downstream | Reach::FedSeed | Reach::End => {}
        }
    }
    // A flagged payment binds its two parties even where no rule followed it.
    for (e, edge) in graph.edges.iter().enumerate() {
        if edge.flagged > 0 {
            traversed.push(e as u32);
        }
    }
    traversed.sort_unstable();
    traversed.dedup();
    let cases = components(graph, &reach, &traversed);
    Grown { reach, cases }
}

/// The connected parts of the reached accounts over the followed edges.
fn components(graph: &Graph, reach: &[Option<(u8, Reach)>], traversed: &[u32]) -> Vec<GrownCase> {
    let n = graph.nodes.len();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            let up = parent[parent[x as usize] as usize];
            parent[x as usize] = up;
            x = up;
        }
        x
    }
    for &e in traversed {
        let edge = &graph.edges[e as usize];
        let (a, b) = (find(&mut parent, edge.from), find(&mut parent, edge.to));
        if a != b {
            parent[a.max(b) as usize] = a.min(b);
        }
    }
    let mut case_of: Vec<Option<u32>> = vec![None; n];
    let mut root_case: Vec<Option<u32>> = vec![None; n];
    let mut cases: Vec<GrownCase> = Vec::new();
    for x in 0..n as u32 {
        if reach[x as usize].is_none() {
            continue;
        }
        let root = find(&mut parent, x);
        let c = *root_case[root as usize].get_or_insert_with(|| {
            cases.push(GrownCase::default());
            (cases.len() - 1) as u32
        });
        case_of[x as usize] = Some(c);
        cases[c as usize].accounts.push(x);
    }
    for &e in traversed {
        if let Some(c) = case_of[graph.edges[e as usize].from as usize] {
            cases[c as usize].edges.push(e);
        }
    }
    cases
}
