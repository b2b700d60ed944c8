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
//!   Rows are read as a host with several cores would read them: on one
//!   thread per core (`RowReader`), added in log order on this one. The
//!   same passes on one thread are reported beside (`oneThreadSeconds`).
//! * `cases run FILE screen` times both passes with each row screened with
//!   history (reported, not budgeted: it screens the log twice).
//!
//! Each run prints one JSON line (rows, cases, seconds, peak resident
//! memory from /proc/self/status VmHWM) and exits 1 when the supplied run
//! misses the budget.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::sync::mpsc;
use std::time::Instant;

use jejak::cases::{CaseLog, LogRow, RowReader, Verdicts};
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

/// Rows per chunk handed to a reading thread.
const CHUNK: usize = 4096;

/// The next `CHUNK` lines of `file` (fewer at its end): one text, and
/// where each line ends in it.
fn chunk(file: &mut impl BufRead) -> std::io::Result<(String, Vec<usize>)> {
    let (mut text, mut ends) = (String::with_capacity(CHUNK * 640), Vec::with_capacity(CHUNK));
    while ends.len() < CHUNK && file.read_line(&mut text)? != 0 {
        ends.push(text.len());
    }
    Ok((text, ends))
}

type Read = Vec<Option<Result<LogRow, jejak::Error>>>;

/// What a reading thread is given: lines to read, or rows it read that
/// have been added, to be dropped where they were allocated.
enum Job {
    Read(String, Vec<usize>),
    Drop(Read),
}

/// Calls `each` with every line of the file read by `reader`, in file
/// order: chunks of lines go to `threads` reading threads in turn (two in
/// flight per thread), and come back here in the order they went.
fn read_lines(
    path: &str,
    reader: &RowReader,
    threads: usize,
    mut each: impl FnMut(Option<Result<&LogRow, &jejak::Error>>),
) -> std::io::Result<u64> {
    let mut file = BufReader::with_capacity(1 << 20, File::open(path)?);
    let gone = || std::io::Error::other("a reading thread stopped");
    std::thread::scope(|s| {
        let (mut to, mut from) = (Vec::new(), Vec::new());
        for _ in 0..threads {
            let (send, jobs) = mpsc::channel::<Job>();
            let (done, read) = mpsc::channel::<Read>();
            let reader = reader.clone();
            s.spawn(move || {
                for job in jobs {
                    let (text, ends) = match job {
                        Job::Read(text, ends) => (text, ends),
                        Job::Drop(rows) => {
                            drop(rows);
                            continue;
                        }
                    };
                    let mut start = 0;
                    let rows = ends
                        .iter()
                        .map(|&end| {
                            let row = reader.read(text[start..end].trim_end());
                            start = end;
                            row
                        })
                        .collect();
                    if done.send(rows).is_err() {
                        break;
                    }
                }
            });
            to.push(send);
            from.push(read);
        }
        let (mut sent, mut received, mut rows, mut end) = (0, 0, 0u64, false);
        loop {
            while !end && sent - received < 2 * threads {
                let (text, ends) = chunk(&mut file)?;
                end = ends.len() < CHUNK;
                if ends.is_empty() {
                    break;
                }
                rows += ends.len() as u64;
                to[sent % threads].send(Job::Read(text, ends)).map_err(|_| gone())?;
                sent += 1;
            }
            if received == sent {
                return Ok(rows);
            }
            let read = from[received % threads].recv().map_err(|_| gone())?;
            read.iter().for_each(|row| each(row.as_ref().map(Result::as_ref)));
            to[received % threads].send(Job::Drop(read)).map_err(|_| gone())?;
            received += 1;
        }
    })
}

/// Both passes over the log with rows read on `threads` threads (or on
/// this one when `threads` is 0): the cases, the rows, the rows refused,
/// and the seconds of the first pass and of both.
fn passes(path: &str, screener: &Screener, verdicts: Verdicts, threads: usize) -> std::io::Result<Passes> {
    let started = Instant::now();
    let mut first = CaseLog::builder().verdicts(verdicts).build(screener.clone());
    let mut refused = 0u64;
    let rows = if threads == 0 {
        lines(path, |row| refused += u64::from(first.add(row).is_err()))?
    } else {
        let reader = first.reader();
        read_lines(path, &reader, threads, |row| {
            refused += u64::from(row.is_none_or(|row| row.is_err() || row.is_ok_and(|row| first.add_row(row).is_err())))
        })?
    };
    let first_pass = started.elapsed().as_secs_f64();
    let mut second = first.second_pass();
    if threads == 0 {
        lines(path, |row| second.add(row))?;
    } else {
        let reader = second.reader();
        read_lines(path, &reader, threads, |row| {
            if let Some(Ok(row)) = row {
                second.add_row(row);
            }
        })?;
    }
    let cases = second.into_cases();
    Ok(Passes { cases, rows, refused, first_pass, seconds: started.elapsed().as_secs_f64() })
}

struct Passes {
    cases: jejak::cases::Cases,
    rows: u64,
    refused: u64,
    first_pass: f64,
    seconds: f64,
}

fn run(path: &str, verdicts: Verdicts) -> std::io::Result<bool> {
    let screener = Screener::new();
    let started = Instant::now();
    let mut parsed = 0u64;
    lines(path, |row| parsed += u64::from(screener.parse(row).is_ok()))?;
    let baseline = started.elapsed().as_secs_f64();

    let one = passes(path, &screener, verdicts, 0)?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let Passes { cases, rows, refused, first_pass, seconds } = passes(path, &screener, verdicts, threads)?;
    assert_eq!(cases.to_json(), one.cases.to_json(), "rows read on {threads} threads give the same cases");
    let peak = peak_bytes().unwrap_or(0);
    let largest = cases.as_slice().first().map_or(0, |c| c.accounts.len());
    let supplied = verdicts == Verdicts::Supplied;
    let within = !supplied || (seconds <= BUDGET_SECONDS && peak <= BUDGET_BYTES);
    println!(
        "{{\"verdicts\":\"{}\",\"rows\":{rows},\"refused\":{refused},\"cases\":{},\"largestCase\":{largest},\"seconds\":{seconds:.2},\"firstPassSeconds\":{first_pass:.2},\"rowsPerSecond\":{:.0},\"peakBytes\":{peak},\"readingThreads\":{threads},\"oneThreadSeconds\":{:.2},\"parseOnlySeconds\":{baseline:.2},\"ratioToParse\":{:.2}{}}}",
        if supplied { "supplied" } else { "screen" },
        cases.len(),
        rows as f64 / seconds,
        one.seconds,
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
