//! Screening throughput with the default pack on the evaluation corpus
//! (`target/bench/corpus.ndjson`, written by `make bench`; the bundled
//! sample `www/samples/transactions.ndjson` when it is missing).
//!
//! Groups:
//! * `screen/compact`: `Screener::screen_compact` on already-parsed
//!   transactions, the engine alone (the target: 1,000,000 a second);
//! * `screen/history`: `Screener::screen_compact_with_history` replaying the
//!   same transactions in timestamp order among 50 accounts (see `traffic`),
//!   each account's `State` kept in memory between its payments;
//! * `screen/parsed`: `Screener::screen` (full verdicts) on already-parsed
//!   transactions;
//! * `screen/json`: `Screener::screen_json` from JSON text, what a host that
//!   holds JSON pays;
//! * `pack/compile`: loading and compiling the default pack from its JSON.
//!
//! Throughput is reported in transactions (elements) per second. The corpus
//! is loaded once, outside the timed code, and the number of flags is checked
//! so a fast but wrong engine cannot pass unnoticed.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jejak::{Pack, Screener, State, Transaction};

/// Resident memory of this process in KB (Linux), for a before/after delta.
fn rss_kb() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The evaluation corpus `make bench` writes (benches/corpus.mjs: the same
/// mix of ordinary payments and described scenarios benches/compare.mjs
/// measures in Node), or the bundled sample when it has not been written.
fn corpus() -> (Vec<String>, Vec<Transaction>) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench/corpus.ndjson");
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|_| include_str!("../www/samples/transactions.ndjson").to_string());
    let lines: Vec<String> = text.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect();
    let screener = Screener::new();
    let parsed = lines.iter().filter_map(|l| screener.parse(l).ok()).collect::<Vec<_>>();
    assert_eq!(parsed.len(), lines.len(), "every sample row must parse");
    (lines, parsed)
}

/// Synthetic accounts of the history replay.
const ACCOUNTS: usize = 50;

/// The instant of an RFC 3339 timestamp (`YYYY-MM-DDTHH:MM:SS[.f](Z|±HH:MM)`)
/// in seconds, for ordering the replay.
fn instant(ts: &str) -> i64 {
    let num = |r: std::ops::Range<usize>| ts.get(r).and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let zone = ts.get(19..).unwrap_or("").trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let offset = match zone.as_bytes().first() {
        Some(&sign @ (b'+' | b'-')) => {
            let h: i64 = zone.get(1..3).and_then(|s| s.parse().ok()).unwrap_or(0);
            let m: i64 = zone.get(4..6).and_then(|s| s.parse().ok()).unwrap_or(0);
            if sign == b'-' {
                -(h * 60 + m)
            } else {
                h * 60 + m
            }
        }
        _ => 0,
    };
    days * 86_400 + num(11..13) * 3600 + num(14..16) * 60 + num(17..19) - offset * 60
}

/// The corpus as history traffic. Its rows have no account ids, so the
/// bench gives them synthetic ones, deterministically by row index: row `i`
/// is paid by `acct-{i % 50}` and, when it has a receiver, paid to
/// `acct-{(i * 7 + 3) % 50}` (never the sender). The rows are then replayed
/// in timestamp order (stable), as a host would screen them; corpus order
/// would make most payments late. benches/compare.mjs builds the same
/// traffic for `screenWithHistory`.
fn traffic(lines: &[String]) -> Vec<Transaction> {
    let screener = Screener::new();
    let mut rows: Vec<(i64, Transaction)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let mut tx: serde_json::Value = serde_json::from_str(line).ok()?;
            let sender = format!("acct-{}", i % ACCOUNTS);
            let receiver = format!("acct-{}", (i * 7 + 3) % ACCOUNTS);
            match tx.get_mut("sender").and_then(serde_json::Value::as_object_mut) {
                Some(s) => {
                    s.insert("id".into(), sender.into());
                }
                None => tx["sender"] = serde_json::json!({ "id": sender }),
            }
            if let Some(r) = tx.get_mut("receiver").and_then(serde_json::Value::as_object_mut) {
                r.insert("id".into(), receiver.into());
            }
            let at = instant(tx["timestamp"].as_str().unwrap_or(""));
            Some((at, screener.parse(&tx.to_string()).ok()?))
        })
        .collect();
    rows.sort_by_key(|(at, _)| *at);
    rows.into_iter().map(|(_, tx)| tx).collect()
}

/// One replay of `traffic`, every account starting without history; returns
/// the number of history flags raised.
fn replay(screener: &Screener, traffic: &[Transaction]) -> usize {
    let mut states: HashMap<&str, State> = HashMap::with_capacity(ACCOUNTS);
    let mut flags = 0;
    for tx in traffic {
        let (s, r) = (tx.sender.id.as_deref(), tx.receiver.id.as_deref());
        let Ok(out) = screener.screen_compact_with_history(
            black_box(tx),
            s.and_then(|id| states.get(id)),
            r.and_then(|id| states.get(id)),
        ) else {
            continue;
        };
        flags += out.verdict.flags.iter().filter(|f| f.indicator.contains("-HIST-")).count();
        black_box(&out.verdict);
        if let (Some(id), Some(state)) = (s, out.sender) {
            states.insert(id, state);
        }
        if let (Some(id), Some(state)) = (r, out.receiver) {
            states.insert(id, state);
        }
    }
    flags
}

fn bench(c: &mut Criterion) {
    let (lines, parsed) = corpus();
    let history = traffic(&lines);
    assert_eq!(history.len(), lines.len(), "every corpus row with account ids must parse");
    let screener = Screener::new();
    let flags: usize = parsed.iter().map(|t| screener.screen(t).map(|v| v.flags.len()).unwrap_or(0)).sum();
    assert!(flags > parsed.len() / 4, "suspiciously few flags ({flags}) on the corpus");
    let history_flags = replay(&screener, &history);
    assert!(history_flags > 0, "no history flag on the replayed corpus");

    let mut g = c.benchmark_group("screen");
    g.throughput(Throughput::Elements(parsed.len() as u64));
    g.bench_function("compact", |b| {
        b.iter(|| {
            for tx in &parsed {
                black_box(screener.screen_compact(black_box(tx)).ok());
            }
        })
    });
    g.bench_function("history", |b| b.iter(|| black_box(replay(&screener, &history))));
    g.bench_function("parsed", |b| {
        b.iter(|| {
            for tx in &parsed {
                black_box(screener.screen(black_box(tx)).ok());
            }
        })
    });
    g.bench_function("json", |b| {
        b.iter(|| {
            for line in &lines {
                black_box(screener.screen_json(black_box(line)).ok());
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("pack");
    g.throughput(Throughput::Elements(1));
    g.bench_function("compile", |b| b.iter(|| black_box(Pack::from_json(black_box(Pack::default_pack_json())).ok())));
    g.finish();
}

/// What criterion's means hide: per-call latency percentiles of
/// `screen_json` over ten passes of the corpus, cold start (compiling the
/// default pack) and the resident memory that compiling it added.
fn latency(_: &mut Criterion) {
    let (lines, _) = corpus();
    let before = rss_kb();
    let t0 = Instant::now();
    let pack = Pack::from_json(Pack::default_pack_json()).ok();
    let cold = t0.elapsed();
    let grown = rss_kb().zip(before).map_or(0, |(a, b)| a.saturating_sub(b));
    let screener = pack.map(Screener::with_pack).unwrap_or_default();
    let mut nanos: Vec<u128> = Vec::with_capacity(lines.len() * 10);
    for _ in 0..10 {
        for line in &lines {
            let t = Instant::now();
            black_box(screener.screen_json(black_box(line)).ok());
            nanos.push(t.elapsed().as_nanos());
        }
    }
    nanos.sort_unstable();
    let q = |p: f64| nanos[((nanos.len() as f64 * p) as usize).min(nanos.len() - 1)] as f64 / 1000.0;
    println!(
        "native latency: p50 {:.1} µs, p99 {:.1} µs per screen_json; cold start {:.2} ms; RSS +{} KB for the compiled default pack",
        q(0.5),
        q(0.99),
        cold.as_secs_f64() * 1000.0,
        grown
    );
}

criterion_group!(benches, latency, bench);
criterion_main!(benches);
