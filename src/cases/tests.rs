//! The case rules on small synthetic logs: a collector, its payers, a
//! pass-through chain and a cash-out among ordinary shoppers.

use super::{CaseBuilder, Role};
use crate::screener::Screener;
use crate::transaction::Transaction;
use crate::verdict::Verdict;

/// The timestamp `minute` minutes after 2026-11-01T00:00 in Jakarta.
fn stamp(minute: u32) -> String {
    let (h, m) = (minute / 60, minute % 60);
    format!("2026-11-{:02}T{:02}:{m:02}:00+07:00", 1 + h / 24, h % 24)
}

/// One payment's JSON; the memo decides whether the test pack flags it.
pub(super) fn pay_json(minute: u32, from: &str, to: &str, amount: &str, channel: &str, memo: &str) -> String {
    format!(
        r#"{{"timestamp":"{}","amount":"{amount}","currency":"IDR","channel":"{channel}","memo":"{memo}","sender":{{"id":"{from}","country":"ID"}},"receiver":{{"id":"{to}","country":"ID"}}}}"#,
        stamp(minute)
    )
}

fn pay(minute: u32, from: &str, to: &str, amount: &str, channel: &str, memo: &str) -> Transaction {
    Transaction::from_json(&pay_json(minute, from, to, amount, channel, memo)).unwrap()
}

/// A withdrawal at an ATM's JSON: no payee.
pub(super) fn cash_json(minute: u32, from: &str, amount: &str) -> String {
    format!(
        r#"{{"timestamp":"{}","amount":"{amount}","currency":"IDR","channel":"cash_withdrawal","cashOutType":"atm","sender":{{"id":"{from}","country":"ID"}}}}"#,
        stamp(minute)
    )
}

/// A harmless stand-in word that the test pack flags at `review`, and an
/// ordinary memo.
pub(super) const FLAGGED: &str = "zqlantern";
pub(super) const PLAIN: &str = "belanja";

/// The default pack and one indicator on the stand-in word (the goAML
/// report's tests take its titles and sources).
pub(crate) fn pack() -> crate::pack::Pack {
    let mut pack: serde_json::Value = serde_json::from_str(crate::pack::Pack::default_pack_json()).unwrap();
    pack["termLists"]["standin"] = serde_json::json!({ "terms": [FLAGGED] });
    pack["indicators"].as_array_mut().unwrap().push(serde_json::json!({
        "id": "TEST-STANDIN",
        "title": { "en": "Stand-in word", "id": "Kata pengganti" },
        "category": "lsac",
        "sources": [{ "source": "austrac-node-1087", "ref": "AUSTRAC-CSE-04" }],
        "weight": 45,
        "condition": { "memoTerms": { "list": "standin" } },
        "explanation": { "en": "Matched {terms}.", "id": "Cocok {terms}." }
    }));
    crate::pack::Pack::from_json(&pack.to_string()).unwrap()
}

pub(super) fn screener() -> Screener {
    Screener::with_pack(pack())
}

/// Each payment's verdict under the test pack, screened once for both
/// passes.
fn screen_all(log: &[Transaction]) -> Vec<Verdict> {
    let screener = screener();
    log.iter().map(|tx| screener.screen(tx).unwrap()).collect()
}

fn build_with(log: &[Transaction], verdicts: &[Verdict]) -> CaseBuilder {
    let mut b = CaseBuilder::new();
    for (tx, v) in log.iter().zip(verdicts) {
        b.add(tx, v).unwrap();
    }
    b
}

fn build(log: &[Transaction]) -> CaseBuilder {
    build_with(log, &screen_all(log))
}

/// The second pass.
fn collect_all(cases: &mut super::Cases, log: &[Transaction], verdicts: &[Verdict]) {
    for (tx, v) in log.iter().zip(verdicts) {
        cases.collect(tx, v);
    }
}

/// A collector and its ten payers among 200 shoppers of a supermarket, the
/// collector's sweep passed on within hours, then cashed: the rows' JSON.
pub(super) fn collector_rows() -> Vec<String> {
    let mut log = Vec::new();
    // 200 shoppers pay the supermarket, among them the collector's payers.
    for i in 0..200 {
        log.push(pay_json(i, &format!("s{i}"), "market", "80000", "qris", PLAIN));
    }
    for i in 0..10 {
        log.push(pay_json(200 + i, &format!("s{i}"), "c", "150000", "p2p", FLAGGED));
    }
    // The sweep, passed on within hours, then cashed.
    log.push(pay_json(300, "c", "i", "1500000", "p2p", PLAIN));
    log.push(pay_json(400, "i", "k", "1450000", "p2p", PLAIN));
    log.push(cash_json(500, "k", "1400000"));
    log
}

fn collector_scenario() -> Vec<Transaction> {
    collector_rows().iter().map(|row| Transaction::from_json(row).unwrap()).collect()
}

/// The file jejak writes, as the types say (serde_json from them).
#[derive(serde::Serialize)]
struct File<'a> {
    cases: &'a [super::Case],
}

/// The collector scenario's cases, pretty-printed: docs/cases.example.json,
/// which src/contracts.rs checks and `make test` validates against the
/// schema.
pub(crate) fn example() -> String {
    let log = collector_scenario();
    let verdicts = screen_all(&log);
    let mut cases = build_with(&log, &verdicts).cases();
    collect_all(&mut cases, &log, &verdicts);
    serde_json::to_string_pretty(&File { cases: cases.as_slice() }).unwrap() + "\n"
}

#[test]
fn a_collector_its_payers_a_chain_and_the_cash_out_form_one_case() {
    let screener = screener();
    assert!(
        screener.screen(&pay(0, "p0", "c", "150000", "ewallet_topup", FLAGGED)).unwrap().level
            >= crate::vocab::Level::Review
    );
    let log = collector_scenario();
    let verdicts = screen_all(&log);
    let mut cases = build_with(&log, &verdicts).cases();
    assert_eq!(cases.len(), 1, "{cases:#?}");
    let case = &cases.as_slice()[0];
    let role = |id: &str| case.accounts.iter().find(|a| a.id == id).map(|a| a.role);
    assert_eq!(role("c"), Some(Role::Collector));
    for i in 0..10 {
        assert_eq!(role(&format!("s{i}")), Some(Role::Payer), "s{i}");
    }
    assert_eq!(role("i"), Some(Role::Intermediary));
    assert_eq!(role("k"), Some(Role::CashOut));
    assert_eq!(role("market"), None, "the supermarket stays out");
    assert_eq!(case.accounts.len(), 13);
    let chain: Vec<_> = case
        .edges
        .iter()
        .filter(|e| e.from == "c" && e.to == "i")
        .map(|e| (e.count, e.sum.as_str(), e.first.as_str()))
        .collect();
    assert_eq!(chain, [(1, "1500000.00", "2026-11-01T05:00:00+07:00")]);
    assert_eq!(case.level, crate::vocab::Level::Review);
    assert!(case
        .indicators
        .iter()
        .any(|i| i.indicator == "TEST-STANDIN" && i.reference.as_deref() == Some("AUSTRAC-CSE-04")));
    assert!(case.transactions.is_empty(), "no second pass yet");

    // The second pass: the case's ten flagged payments, the sweep, the
    // chain and the withdrawal, and none of the shopping.
    collect_all(&mut cases, &log, &verdicts);
    let case = &cases.as_slice()[0];
    assert_eq!(case.transactions.len(), 13);
    assert_eq!(case.transactions.last().map(|t| (t.from.as_deref(), t.to.as_deref())), Some((Some("k"), None)));
    // The writer writes what the types say (the generated types and schema
    // come from them).
    assert_eq!(cases.to_json(), serde_json::to_string(&File { cases: cases.as_slice() }).unwrap());
    let json: serde_json::Value = serde_json::from_str(&cases.to_json()).unwrap();
    let c = &json["cases"][0];
    assert_eq!(c["id"], "case-1");
    assert_eq!(c["level"], "review");
    assert_eq!(c["currency"], "IDR");
    let k = c["accounts"].as_array().unwrap().iter().find(|a| a["id"] == "k").unwrap();
    assert_eq!(
        (k["role"].as_str(), k["in"].as_str(), k["out"].as_str()),
        (Some("cash-out"), Some("1450000.00"), Some("1400000.00"))
    );
    assert_eq!(c["edges"].as_array().unwrap().len(), 12);
    assert_eq!(c["transactions"][12]["channel"], "cash_withdrawal");
    assert_eq!(c["transactions"][12]["to"], serde_json::Value::Null);
}

#[test]
fn a_payer_links_two_collectors() {
    let mut log = Vec::new();
    for i in 0..5 {
        log.push(pay(i, &format!("a{i}"), "c1", "100000", "p2p", FLAGGED));
    }
    for i in 0..5 {
        log.push(pay(10 + i, &format!("b{i}"), "c2", "100000", "p2p", FLAGGED));
    }
    // a0 also pays c2, without a flagged memo.
    log.push(pay(20, "a0", "c2", "100000", "p2p", PLAIN));
    let cases = build(&log).cases();
    assert_eq!(cases.len(), 1, "{cases:#?}");
    assert_eq!(cases.as_slice()[0].accounts.len(), 12);
}

#[test]
fn ordinary_traffic_makes_no_case_and_an_unsorted_log_is_refused() {
    let mut log = Vec::new();
    for i in 0..50 {
        log.push(pay(i, &format!("s{i}"), "market", "80000", "qris", PLAIN));
    }
    let mut b = build(&log);
    assert!(b.cases().is_empty());
    let screener = screener();
    let early = pay(0, "x", "y", "1000", "p2p", PLAIN);
    let e = b.add(&early, &screener.screen(&early).unwrap()).unwrap_err();
    assert_eq!(e.path(), "/timestamp");
    assert!(e.to_string().contains("not in time order"), "{e}");
}

#[test]
fn a_merchant_with_a_flagged_sale_is_a_payee_and_a_coffee_is_no_pass_through() {
    let mut log = Vec::new();
    // Ordinary shoppers and one flagged purchase at a large shop.
    for i in 0..100 {
        log.push(pay(i, &format!("s{i}"), "shop", "80000", "qris", PLAIN));
    }
    log.push(pay(100, "buyer", "shop", "80000", "qris", FLAGGED));
    // The shop's settlement is not followed.
    log.push(pay(200, "shop", "bank", "8000000", "bank_transfer", PLAIN));
    // A salary, then a coffee the same day: spending, not passing on.
    log.push(pay(300, "employer", "buyer", "5000000", "bank_transfer", PLAIN));
    log.push(pay(310, "buyer", "cafe", "30000", "qris", PLAIN));
    let cases = build(&log).cases();
    assert_eq!(cases.len(), 1, "{cases:#?}");
    let case = &cases.as_slice()[0];
    let ids: Vec<_> = case.accounts.iter().map(|a| (a.id.as_str(), a.role)).collect();
    assert_eq!(ids, [("shop", Role::Payee), ("buyer", Role::Payer)]);
}

#[test]
fn a_flagged_payment_without_a_payer_still_carries_the_case() {
    let json = format!(
        r#"{{"timestamp":"{}","amount":"150000","currency":"IDR","channel":"qris","memo":"{FLAGGED}","receiver":{{"id":"c","country":"ID"}}}}"#,
        stamp(0)
    );
    let log = [Transaction::from_json(&json).unwrap()];
    let verdicts = screen_all(&log);
    let mut cases = build_with(&log, &verdicts).cases();
    collect_all(&mut cases, &log, &verdicts);
    let case = &cases.as_slice()[0];
    assert_eq!(case.level, crate::vocab::Level::Review);
    assert_eq!(case.transactions.len(), 1);
    assert_eq!(case.transactions[0].from, None);
}

/// A withdrawal paid out by a named agent: the agent is not a party.
fn cash_at(minute: u32, from: &str, agent: &str, amount: &str) -> Transaction {
    let json = cash_json(minute, from, amount)
        .replace(r#""sender""#, &format!(r#""receiver":{{"id":"{agent}","country":"ID"}},"sender""#));
    Transaction::from_json(&json).unwrap()
}

#[test]
fn a_common_beneficiary_whose_first_payments_alone_are_flagged_collects() {
    // Four payers, each flagged on a first payment and then paying
    // unflagged six times (about 14% of the collector's receipts flagged):
    // every payer and the collector's sweep to the end.
    let mut log = Vec::new();
    for i in 0..4 {
        log.push(pay(i, &format!("p{i}"), "c", "100000", "p2p", FLAGGED));
    }
    for round in 0..6 {
        for i in 0..4 {
            log.push(pay(10 + round * 10 + i, &format!("p{i}"), "c", "100000", "p2p", PLAIN));
        }
    }
    // The collector's sweep, and the account it went to passes it on and
    // cashes it: a seed of no flagged payment is still followed, because
    // what the case flagged is a tenth or more of its money.
    log.push(pay(100, "c", "mid", "2700000", "bank_transfer", PLAIN));
    log.push(pay(101, "x", "mid", "100000", "p2p", FLAGGED));
    log.push(pay(102, "y", "mid", "800000", "p2p", PLAIN));
    log.push(pay(103, "z", "mid", "100000", "p2p", PLAIN));
    log.push(pay(130, "mid", "out", "3500000", "p2p", PLAIN));
    log.push(cash_at(150, "out", "agent-1", "3400000"));
    // Another network cashed at the same agent stays a case of its own.
    for i in 0..5 {
        log.push(pay(200 + i, &format!("q{i}"), "c2", "100000", "p2p", FLAGGED));
    }
    log.push(cash_at(300, "c2", "agent-1", "500000"));
    let cases = build(&log).cases();
    assert_eq!(cases.len(), 2, "{cases:#?}");
    let case = &cases.as_slice()[0];
    let role = |id: &str| case.accounts.iter().find(|a| a.id == id).map(|a| a.role);
    for i in 0..4 {
        assert_eq!(role(&format!("p{i}")), Some(Role::Payer));
    }
    assert_eq!(role("c"), Some(Role::Collector));
    assert_eq!(role("out"), Some(Role::CashOut));
    assert!(role("mid").is_some());
    assert_eq!(role("agent-1"), None, "the agent that paid out the cash is no party");
}
