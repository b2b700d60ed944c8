//! The case builder at scale (issue 21: a time-sorted log of 1,000,000
//! transactions, its verdicts supplied, in at most 10 s and 1 GiB resident
//! memory on this machine). `make bench` runs it in three processes, so
//! that each one's peak memory is its own:
//!
//! * `cases generate FILE [ROWS]` writes a synthetic log in time order:
//!   100,000 accounts paying each other, 2,000 merchants and cash
//!   withdrawals, with collector networks planted in it (many new payers
//!   of small amounts, swept on within hours, then cashed). Each row is
//!   screened with its accounts' history here, untimed, and carries its
//!   compact verdict in a `verdict` member: what a host that screened its
//!   log already holds.
//! * `cases run FILE supplied` times both passes of `CaseLog` with the
//!   verdicts read from the rows (the budget), and before them, as the
//!   baseline of the same run, one pass that only parses each row
//!   (`Screener::parse`): the ratio says what the cases cost over reading.
//! * `cases run FILE screen` times both passes with each row screened with
//!   history (reported, not budgeted: it screens the log twice).
//!
//! Each run prints one JSON line (rows, cases, seconds, peak resident
//! memory from /proc/self/status VmHWM) and exits 1 when the supplied run
//! misses the budget.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::time::Instant;

use jejak::cases::{CaseLog, Verdicts};
use jejak::{Screener, State};

const ACCOUNTS: u64 = 100_000;
const MERCHANTS: u64 = 2_000;
const NETWORKS: u64 = 50;
const PAYERS_PER_NETWORK: u64 = 24;
/// The issue's budget for the supplied run.
const BUDGET_SECONDS: f64 = 10.0;
const BUDGET_BYTES: u64 = 1 << 30;

/// A small seeded generator (SplitMix64): the log is the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `2026-11-01T00:00:00+07:00` plus `seconds`, in Jakarta time.
fn stamp(seconds: u64) -> String {
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    // November has 30 days; the log spans fewer.
    format!("2026-11-{:02}T{:02}:{:02}:{:02}+07:00", 1 + days, rest / 3600, rest % 3600 / 60, rest % 60)
}

fn payment(id: u64, at: u64, from: &str, to: &str, amount: u64, channel: &str, memo: &str) -> String {
    abroad(id, at, (from, "ID"), to, amount, channel, memo)
}

/// A payment from a payer in `from.1`.
fn abroad(id: u64, at: u64, from: (&str, &str), to: &str, amount: u64, channel: &str, memo: &str) -> String {
    format!(
        r#"{{"id":"t{id}","timestamp":"{}","amount":"{amount}","currency":"IDR","channel":"{channel}","memo":"{memo}","sender":{{"id":"{}","country":"{}"}},"receiver":{{"id":"{to}","country":"ID"}}}}"#,
        stamp(at),
        from.0,
        from.1
    )
}

fn purchase(id: u64, at: u64, from: &str, merchant: u64, amount: u64) -> String {
    format!(
        r#"{{"id":"t{id}","timestamp":"{}","amount":"{amount}","currency":"IDR","channel":"qris","sender":{{"id":"{from}","country":"ID"}},"merchant":{{"id":"m{merchant}","name":"Toko {merchant}","mcc":"5411","country":"ID"}}}}"#,
        stamp(at)
    )
}

fn withdrawal(id: u64, at: u64, from: &str, amount: u64) -> String {
    format!(
        r#"{{"id":"t{id}","timestamp":"{}","amount":"{amount}","currency":"IDR","channel":"cash_withdrawal","cashOutType":"atm","sender":{{"id":"{from}","country":"ID"}}}}"#,
        stamp(at)
    )
}

/// The log's rows in time order, without verdicts.
fn log(rows: u64) -> Vec<String> {
    let mut rng = Rng(20_261_207);
    let span = 28 * 86_400;
    let mut out = Vec::with_capacity(rows as usize);
    // Planted networks: each at its own time, its rows interleaved with the
    // ordinary ones by the instant they happen at.
    let mut planted: Vec<(u64, String)> = Vec::new();
    // Planted rows' ids come after the ordinary ones' (an id seen twice
    // is a retry to the history states).
    let mut id = rows;
    let mut next_id = || {
        id += 1;
        id
    };
    for n in 0..NETWORKS {
        // As the bundled History scenario's collector (www/samples,
        // "ewallet"): two dozen payers who never paid it before, a quarter
        // of them abroad, most at one price, over a day and a half; then
        // the balance swept on, passed on within hours, and cashed.
        let start = rng.below(span - 3 * 86_400);
        let collector = format!("col{n}");
        let mut total = 0;
        for p in 0..PAYERS_PER_NETWORK {
            let amount = if rng.below(4) == 0 { 40_000 + 10_000 * rng.below(12) } else { 50_000 };
            total += amount;
            let at = start + p * 5_400 + rng.below(1_800);
            let row = if p % 4 == 0 {
                let payer = format!("f{n}-{p}");
                abroad(next_id(), at, (&payer, "SG"), &collector, amount, "remittance", "makasih")
            } else {
                let payer = format!("a{}", rng.below(ACCOUNTS));
                payment(next_id(), at, &payer, &collector, amount, "p2p", "ok kak")
            };
            planted.push((at, row));
        }
        let sweep = start + PAYERS_PER_NETWORK * 5_400 + 3_600;
        let (mid, out) = (format!("mid{n}"), format!("out{n}"));
        planted.push((sweep, payment(next_id(), sweep, &collector, &mid, total, "bank_transfer", "tarik")));
        let on = total * 95 / 100;
        planted.push((sweep + 7_200, payment(next_id(), sweep + 7_200, &mid, &out, on, "p2p", "")));
        planted.push((sweep + 10_800, withdrawal(next_id(), sweep + 10_800, &out, on)));
    }
    planted.sort_by_key(|(at, _)| *at);
    let mut planted = planted.into_iter().peekable();
    let ordinary = rows.saturating_sub(NETWORKS * (PAYERS_PER_NETWORK + 3));
    for i in 0..ordinary {
        let at = i * span / ordinary.max(1);
        while let Some((_, row)) = planted.next_if(|(t, _)| *t <= at) {
            out.push(row);
        }
        let from = format!("a{}", rng.below(ACCOUNTS));
        let row = match rng.below(10) {
            0..=4 => purchase(i, at, &from, rng.below(MERCHANTS), 5_000 + 1_000 * rng.below(200)),
            5..=8 => {
                let to = format!("a{}", rng.below(ACCOUNTS));
                payment(i, at, &from, &to, 10_000 + 5_000 * rng.below(100), "p2p", "bayar")
            }
            _ => withdrawal(i, at, &from, 100_000 * (1 + rng.below(10))),
        };
        out.push(row);
    }
    out.extend(planted.map(|(_, row)| row));
    out
}

fn generate(path: &str, rows: u64) -> std::io::Result<()> {
    let screener = Screener::new();
    let mut states: HashMap<String, State> = HashMap::new();
    let mut file = BufWriter::new(File::create(path)?);
    for row in log(rows) {
        let tx = screener.parse(&row).map_err(std::io::Error::other)?;
        let state = |id: &Option<String>| id.as_ref().and_then(|id| states.get(id));
        let screened = screener
            .screen_compact_with_history(&tx, state(&tx.sender.id), state(&tx.receiver.id))
            .map_err(std::io::Error::other)?;
        if let (Some(id), Some(s)) = (&tx.receiver.id, screened.receiver) {
            states.insert(id.clone(), s);
        }
        if let (Some(id), Some(s)) = (&tx.sender.id, screened.sender) {
            states.insert(id.clone(), s);
        }
        let verdict = serde_json::to_string(&screened.verdict).map_err(std::io::Error::other)?;
        writeln!(file, "{},\"verdict\":{verdict}}}", &row[..row.len() - 1])?;
    }
    file.flush()
}

/// Peak resident memory of this process, in bytes (Linux).
fn peak_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.split_whitespace().nth(1)?.parse::<u64>().ok()? * 1024)
}

/// Calls `each` with every line of the file.
fn lines(path: &str, mut each: impl FnMut(&str)) -> std::io::Result<u64> {
    let mut reader = BufReader::with_capacity(1 << 20, File::open(path)?);
    let mut line = String::new();
    let mut n = 0;
    while reader.read_line(&mut line)? != 0 {
        each(line.trim_end());
        line.clear();
        n += 1;
    }
    Ok(n)
}

fn run(path: &str, verdicts: Verdicts) -> std::io::Result<bool> {
    let screener = Screener::new();
    let started = Instant::now();
    let mut parsed = 0u64;
    lines(path, |row| parsed += u64::from(screener.parse(row).is_ok()))?;
    let baseline = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let mut first = CaseLog::builder().verdicts(verdicts).build(screener);
    let mut refused = 0u64;
    let rows = lines(path, |row| refused += u64::from(first.add(row).is_err()))?;
    let first_pass = started.elapsed().as_secs_f64();
    let mut second = first.second_pass();
    lines(path, |row| second.add(row))?;
    let cases = second.into_cases();
    let seconds = started.elapsed().as_secs_f64();
    let peak = peak_bytes().unwrap_or(0);
    let largest = cases.as_slice().first().map_or(0, |c| c.accounts.len());
    let supplied = verdicts == Verdicts::Supplied;
    let within = !supplied || (seconds <= BUDGET_SECONDS && peak <= BUDGET_BYTES);
    println!(
        "{{\"verdicts\":\"{}\",\"rows\":{rows},\"refused\":{refused},\"cases\":{},\"largestCase\":{largest},\"seconds\":{seconds:.2},\"firstPassSeconds\":{first_pass:.2},\"rowsPerSecond\":{:.0},\"peakBytes\":{peak},\"parseOnlySeconds\":{baseline:.2},\"ratioToParse\":{:.2}{}}}",
        if supplied { "supplied" } else { "screen" },
        cases.len(),
        rows as f64 / seconds,
        seconds / baseline,
        if supplied { format!(",\"budget\":{{\"seconds\":{BUDGET_SECONDS},\"bytes\":{BUDGET_BYTES}}},\"within\":{within}") } else { String::new() },
    );
    assert_eq!(parsed, rows, "every row of the generated log parses");
    Ok(within)
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || std::io::Error::other("usage: cases generate FILE [ROWS] | cases run FILE supplied|screen");
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["generate", path] => generate(path, 1_000_000),
        ["generate", path, rows] => generate(path, rows.parse().map_err(|_| usage())?),
        ["run", path, "supplied"] => run(path, Verdicts::Supplied).map(|ok| std::process::exit(i32::from(!ok))),
        ["run", path, "screen"] => run(path, Verdicts::Screen).map(|_| ()),
        _ => Err(usage()),
    }
}
