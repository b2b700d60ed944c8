//! Screens a file of transactions (NDJSON, one JSON transaction per line)
//! with the default pack and prints a report: counts per level, the most
//! frequent indicators, the top flagged transactions with their explanations,
//! and bad rows with their line numbers.
//!
//! ```text
//! cargo run --release --example report -- [FILE] [--locale en|id] [--top N]
//! ```
//!
//! `make demo` runs it on `www/samples/transactions.ndjson`.

use std::collections::BTreeMap;
use std::error::Error;
use std::time::Instant;

use jejak::{Evidence, Level, Locale, Screener, Verdict};

fn main() -> Result<(), Box<dyn Error>> {
    let mut path = String::from("www/samples/transactions.ndjson");
    let mut locale = Locale::En;
    let mut top = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--locale" => {
                let v = args.next().ok_or("--locale needs en or id")?;
                locale = Locale::parse(&v).ok_or("--locale needs en or id")?;
            }
            "--top" => top = args.next().ok_or("--top needs a number")?.parse()?,
            "-h" | "--help" => {
                println!("usage: report [FILE] [--locale en|id] [--top N]");
                return Ok(());
            }
            other => path = other.to_string(),
        }
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let screener = Screener::builder().locale(locale).build()?;
    let pack = screener.pack();

    let started = Instant::now();
    let mut verdicts: Vec<(usize, Verdict)> = Vec::new();
    let mut bad: Vec<(usize, jejak::Error)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match screener.screen_json(line) {
            Ok(v) => verdicts.push((i + 1, v)),
            Err(e) => bad.push((i + 1, e)),
        }
    }
    let elapsed = started.elapsed();

    let rows = verdicts.len() + bad.len();
    println!(
        "jejak {} — pack {} {} ({} indicators, digest {}…)",
        jejak::ENGINE_VERSION,
        pack.id(),
        pack.version(),
        pack.indicator_count(),
        &pack.digest()[..12]
    );
    println!(
        "{path}: {rows} rows, {} screened, {} rejected, in {:.1} ms\n",
        verdicts.len(),
        bad.len(),
        elapsed.as_secs_f64() * 1e3
    );

    let mut levels: BTreeMap<Level, usize> = BTreeMap::new();
    let mut indicators: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, v) in &verdicts {
        *levels.entry(v.level).or_default() += 1;
        for f in &v.flags {
            *indicators.entry(&*f.indicator).or_default() += 1;
        }
    }
    println!("Levels");
    for level in [Level::High, Level::Review, Level::Low, Level::None] {
        let n = levels.get(&level).copied().unwrap_or(0);
        let bar = "█".repeat((n * 50).div_ceil(verdicts.len().max(1)));
        println!("  {:<7} {n:>6}  {bar}", level.as_str());
    }

    let mut frequent: Vec<(&str, usize)> = indicators.into_iter().collect();
    frequent.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    println!("\nMost frequent indicators");
    for (id, n) in frequent.iter().take(10) {
        println!("  {id:<18} {n:>6}");
    }

    let mut ranked: Vec<&(usize, Verdict)> = verdicts.iter().collect();
    ranked.sort_by(|a, b| b.1.score.cmp(&a.1.score).then(a.0.cmp(&b.0)));
    println!("\nTop {top} flagged transactions");
    for (line, v) in ranked.into_iter().take(top) {
        println!(
            "\n  line {line}  {}  score {}  {}",
            v.transaction_id.as_deref().unwrap_or("-"),
            v.score,
            v.level.as_str().to_uppercase()
        );
        for f in v.flags.iter().take(4) {
            let cited: Vec<String> =
                f.sources.iter().map(|s| format!("{} {} ({})", s.publisher, s.year, grade(s.grade))).collect();
            println!("    +{:<2} {}  [{}]", f.weight, f.indicator, cited.join("; "));
            println!("        {}", f.explanation);
            for e in &f.evidence {
                if let Evidence::Text(t) = e {
                    let tr: Vec<&str> = t.transforms.iter().map(|x| x.as_str()).collect();
                    println!(
                        "        {} {}..{} {:?} = term {:?} {}",
                        t.field,
                        t.start,
                        t.end,
                        t.text,
                        t.term,
                        if tr.is_empty() { String::new() } else { format!("via {}", tr.join("+")) }
                    );
                }
            }
        }
        if v.flags.len() > 4 {
            println!("    … and {} more flags", v.flags.len() - 4);
        }
    }

    if !bad.is_empty() {
        println!("\nRejected rows");
        for (line, e) in &bad {
            println!(
                "  line {line}: {} at {}: {}",
                e.code(),
                if e.path().is_empty() { "/" } else { e.path() },
                e.message()
            );
        }
    }
    Ok(())
}

fn grade(g: jejak::Grade) -> &'static str {
    match g {
        jejak::Grade::A => "A",
        jejak::Grade::B => "B",
        jejak::Grade::C => "C",
    }
}
