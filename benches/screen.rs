//! Screening throughput with the default pack on the synthetic sample corpus
//! (`www/samples/transactions.ndjson`, 1,200 transactions mixing ordinary
//! payments and the catalogue's risky patterns).
//!
//! Groups:
//! * `screen/parsed`: `Screener::screen` on already-parsed transactions, the
//!   engine alone;
//! * `screen/json`: `Screener::screen_json` from JSON text, what a host that
//!   holds JSON pays;
//! * `pack/compile`: loading and compiling the default pack from its JSON.
//!
//! Throughput is reported in transactions (elements) per second. The corpus
//! is loaded once, outside the timed code, and the number of flags is checked
//! so a fast but wrong engine cannot pass unnoticed.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jejak::{Pack, Screener, Transaction};

fn corpus() -> (Vec<String>, Vec<Transaction>) {
    let text = include_str!("../www/samples/transactions.ndjson");
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
    assert!(flags > parsed.len() / 2, "suspiciously few flags ({flags}) on the sample corpus");

    let mut g = c.benchmark_group("screen");
    g.throughput(Throughput::Elements(parsed.len() as u64));
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

criterion_group!(benches, bench);
criterion_main!(benches);
