//! Screening throughput with the default pack on the evaluation corpus
//! (`target/bench/corpus.ndjson`, written by `make bench`; the bundled
//! sample `www/samples/transactions.ndjson` when it is missing).
//!
//! Groups:
//! * `screen/compact`: `Screener::screen_compact` on already-parsed
//!   transactions, the engine alone (the target: 1,000,000 a second);
//! * `screen/parsed`: `Screener::screen` (full verdicts) on already-parsed
//!   transactions;
//! * `screen/json`: `Screener::screen_json` from JSON text, what a host that
//!   holds JSON pays;
//! * `pack/compile`: loading and compiling the default pack from its JSON.
//!
//! Throughput is reported in transactions (elements) per second. The corpus
//! is loaded once, outside the timed code, and the number of flags is checked
//! so a fast but wrong engine cannot pass unnoticed.

use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jejak::{Pack, Screener, Transaction};

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

fn bench(c: &mut Criterion) {
    let (lines, parsed) = corpus();
    let screener = Screener::new();
    let flags: usize = parsed.iter().map(|t| screener.screen(t).map(|v| v.flags.len()).unwrap_or(0)).sum();
    assert!(flags > parsed.len() / 4, "suspiciously few flags ({flags}) on the corpus");

    let mut g = c.benchmark_group("screen");
    g.throughput(Throughput::Elements(parsed.len() as u64));
    g.bench_function("compact", |b| {
        b.iter(|| {
            for tx in &parsed {
                black_box(screener.screen_compact(black_box(tx)).ok());
            }
        })
    });
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
