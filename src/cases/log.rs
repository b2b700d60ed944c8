//! A transaction log read twice into cases: one definition of the loop that
//! `jejak cases`, `buildCases` in JavaScript, `make eval` and `make bench`
//! all run.
//!
//! The first pass screens each row with its accounts' history (or reads the
//! verdict the host supplied in the row) and adds it to a [`CaseBuilder`];
//! the second pass reads the same rows again for each case's own payments
//! ([`Cases::collect`]). Screening twice, rather than keeping every row's
//! verdict between the passes, is what keeps memory bounded by accounts
//! and account pairs: a replay with the same pack, key and rows gives the
//! same verdicts again.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::graph::{Clock, Judged};
use super::{CaseBuilder, Cases};
use crate::error::{Error, ErrorKind};
use crate::history::State;
use crate::json::{self, Surrogates, Value};
use crate::screener::Screener;
use crate::transaction::Transaction;
use crate::verdict::CompactVerdict;
use crate::vocab::Level;

/// Where a log's verdicts come from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Verdicts {
    /// Each row is screened with the history of its accounts, replayed in
    /// log order (`screen_with_history`, one state per account kept in
    /// memory).
    #[default]
    Screen,
    /// Each row carries its verdict in a `verdict` member: a verdict of the
    /// screener's pack as jejak wrote it (full or compact, as an object or
    /// as JSON text, e.g. a CSV cell). The host screened the log already.
    Supplied,
}

/// How accounts are named in the cases.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Ids {
    /// As the log gives them.
    #[default]
    AsGiven,
    /// Accounts by the keyed hash their history states hold
    /// ([`Screener::hash_account_id`]: the screener's `historyKey`), so the
    /// cases file holds no account id. Merchants keep their ids.
    Hashed,
}

/// The options of a [`CaseLog`].
#[derive(Clone, Debug)]
pub struct CaseLogBuilder {
    hops: u8,
    min_level: Level,
    verdicts: Verdicts,
    ids: Ids,
}

impl Default for CaseLogBuilder {
    fn default() -> Self {
        CaseLogBuilder { hops: 2, min_level: Level::Review, verdicts: Verdicts::Screen, ids: Ids::AsGiven }
    }
}

impl CaseLogBuilder {
    /// How far from a flagged account a case reaches (default 2).
    pub fn hops(&mut self, hops: u8) -> &mut CaseLogBuilder {
        self.hops = hops;
        self
    }

    /// The lowest level whose payments start cases (default `review`).
    pub fn min_level(&mut self, level: Level) -> &mut CaseLogBuilder {
        self.min_level = level;
        self
    }

    /// Where verdicts come from (default: screened with history).
    pub fn verdicts(&mut self, verdicts: Verdicts) -> &mut CaseLogBuilder {
        self.verdicts = verdicts;
        self
    }

    /// How accounts are named in the cases (default: as given).
    pub fn ids(&mut self, ids: Ids) -> &mut CaseLogBuilder {
        self.ids = ids;
        self
    }

    /// Takes this builder's options out of a JavaScript options object
    /// (`hops`, `minLevel`, `verdicts`, `ids`) and gives back the others
    /// (the screener's), as `Trust::options` does.
    pub(crate) fn options(&mut self, options: &Value) -> Result<Value, Error> {
        let Value::Object(map) = options else {
            return Err(Error::option("", format!("expected an options object, found {}", options.type_name())));
        };
        let mut rest = json::Object::default();
        for (key, value) in map.iter() {
            let path = crate::error::join("", key);
            let word = || json::string(value, &path, ErrorKind::InvalidOption);
            let bad = |word: &str, allowed: &str| {
                Error::option(&path, format!("{} is not one of {allowed}", crate::error::quote(word)))
            };
            match key {
                "hops" => self.hops = json::uint(value, &path, 8, ErrorKind::InvalidOption)? as u8,
                "minLevel" => {
                    self.min_level = match word()? {
                        "review" => Level::Review,
                        "high" => Level::High,
                        other => return Err(bad(other, "review, high")),
                    }
                }
                "verdicts" => {
                    self.verdicts = match word()? {
                        "screen" => Verdicts::Screen,
                        "supplied" => Verdicts::Supplied,
                        other => return Err(bad(other, "screen, supplied")),
                    }
                }
                "ids" => {
                    self.ids = match word()? {
                        "given" => Ids::AsGiven,
                        "hashed" => Ids::Hashed,
                        other => return Err(bad(other, "given, hashed")),
                    }
                }
                _ => rest.push(key, value.clone()),
            }
        }
        Ok(Value::Object(rest))
    }

    /// The log's first pass, screening with (or explaining by) `screener`.
    pub fn build(&self, screener: Screener) -> CaseLog {
        CaseLog {
            rows: Rows {
                reader: RowReader { screener, verdicts: self.verdicts, filter: None },
                ids: self.ids,
                states: HashMap::new(),
                clock: Clock::default(),
                unordered: false,
            },
            builder: CaseBuilder::new().hops(self.hops).min_level(self.min_level),
        }
    }
}

/// The first pass over a log: rows in, a payment graph kept.
///
/// ```
/// use jejak::cases::CaseLog;
/// use jejak::Screener;
///
/// let log = [
///     r#"{"timestamp": "2026-11-20T14:00:00+07:00", "amount": "250000", "currency": "IDR",
///         "channel": "qris", "memo": "belanja", "sender": {"id": "a"}, "receiver": {"id": "b"}}"#,
///     r#"{"timestamp": "2026-11-20T13:00:00+07:00", "amount": "1", "currency": "IDR"}"#,
/// ];
/// let mut first = CaseLog::builder().build(Screener::new());
/// for row in log {
///     if let Err(e) = first.add(row) {
///         // The second row is older than the first: the log must be in time order.
///         assert_eq!((e.code(), e.path()), ("invalid_transaction", "/timestamp"));
///     }
/// }
/// let mut second = first.second_pass();
/// for row in log {
///     second.add(row);
/// }
/// assert_eq!(second.cases().to_json(), r#"{"cases":[]}"#);
/// ```
#[derive(Debug)]
pub struct CaseLog {
    rows: Rows,
    builder: CaseBuilder,
}

/// The second pass: the same rows again, each case's payments collected.
#[derive(Debug)]
pub struct CaseCollector {
    /// With the second pass's filter in its reader.
    rows: Rows,
    cases: Cases,
}

/// A log row a [`RowReader`] read, waiting to be added in log order: the
/// payment, and its verdict when the log supplies verdicts.
#[derive(Debug)]
pub struct LogRow {
    tx: Transaction,
    verdict: Option<CompactVerdict>,
}

/// Reads log rows for a [`CaseLog`] or a [`CaseCollector`] without their
/// state, so that a host with several cores reads rows on other threads
/// and adds them in log order on one ([`CaseLog::add_row`],
/// [`CaseCollector::add_row`]): the JSON, the transaction and, with
/// supplied verdicts, each verdict checked against the pack are most of a
/// pass's time. `benches/cases.rs` reads on two threads.
///
/// ```
/// use jejak::cases::CaseLog;
/// use jejak::Screener;
///
/// let log = [r#"{"timestamp": "2026-11-20T14:00:00+07:00", "amount": "250000", "currency": "IDR",
///     "channel": "qris", "memo": "belanja", "sender": {"id": "a"}, "receiver": {"id": "b"}}"#];
/// let mut first = CaseLog::builder().build(Screener::new());
/// let reader = first.reader();
/// let read: Vec<_> = std::thread::scope(|s| {
///     s.spawn(|| log.iter().filter_map(|row| reader.read(row)).collect()).join().unwrap()
/// });
/// for row in read {
///     first.add_row(&row?)?;
/// }
/// # Ok::<(), jejak::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct RowReader {
    screener: Screener,
    verdicts: Verdicts,
    /// In the second pass with supplied verdicts, the ids of the cases'
    /// accounts: a row none of whose JSON strings is one of them, and with
    /// no escape that could spell one differently, touches no case and is
    /// not parsed. (Rows screened with history are all read again: every
    /// one of them moves some account's state.)
    filter: Option<Arc<IdFilter>>,
}

impl RowReader {
    /// Reads `row`: the payment, and a supplied verdict checked against the
    /// pack. `None` when the pass does not need the row: in the second
    /// pass, one that touches no case.
    pub fn read(&self, row: &str) -> Option<Result<LogRow, Error>> {
        if self.filter.as_ref().is_some_and(|filter| !filter.touches(row)) {
            return None;
        }
        Some(self.parse(row))
    }

    fn parse(&self, row: &str) -> Result<LogRow, Error> {
        let value = json::parse(row, ErrorKind::InvalidTransaction, Surrogates::Replace)?;
        let tx = self.screener.read_value(&value)?;
        let verdict = match self.verdicts {
            Verdicts::Supplied => Some(supplied(&self.screener, &value)?),
            Verdicts::Screen => None,
        };
        Ok(LogRow { tx, verdict })
    }
}

/// What both passes share: adding a row in log order.
#[derive(Debug)]
struct Rows {
    reader: RowReader,
    ids: Ids,
    /// Each account's history state, by its id as the log gives it.
    states: HashMap<Box<str>, State>,
    /// Both passes refuse the same rows, out-of-order ones included, so
    /// that the second replays exactly the first's history.
    clock: Clock,
    /// The first pass refused a row for its order.
    unordered: bool,
}

impl CaseLog {
    /// The options: 2 hops, cases from `review`, rows screened with history,
    /// ids as given.
    pub fn builder() -> CaseLogBuilder {
        CaseLogBuilder::default()
    }

    /// Adds one row: a transaction's JSON text. An error (a row that does
    /// not read, a supplied verdict that does not belong to the pack, a
    /// row older than the one before) names the row's problem and changes
    /// nothing: the caller reports it and goes on.
    pub fn add(&mut self, row: &str) -> Result<(), Error> {
        let row = self.rows.reader.parse(row)?;
        self.add_row(&row)
    }

    /// What [`add`](CaseLog::add) does without state, on any thread: see
    /// [`RowReader`].
    pub fn reader(&self) -> RowReader {
        self.rows.reader.clone()
    }

    /// Adds a row a [`RowReader`] read, in log order: its
    /// order checked, screened with history unless its verdict came with
    /// it, and added to the graph. An error changes nothing, as for
    /// [`add`](CaseLog::add).
    ///
    /// The row stays the caller's: a host that read it on another thread
    /// may hand it back there to be dropped, in that thread's own
    /// allocator arena (`benches/cases.rs` does: frees across threads cost
    /// glibc's malloc about a tenth of the pass).
    pub fn add_row(&mut self, row: &LogRow) -> Result<(), Error> {
        let builder = &mut self.builder;
        self.rows.take(row, |tx, verdict| builder.add_judged(tx, verdict))
    }

    /// The cases the rows so far make, ready for the second pass over the
    /// same rows. The history states are dropped: the second pass replays
    /// them from the start.
    pub fn second_pass(self) -> CaseCollector {
        let cases = self.builder.cases();
        let mut rows = self.rows;
        rows.states = HashMap::new();
        rows.clock = Clock::default();
        // Skipping rows is safe only when the first pass refused none for
        // its order (the clock would see other rows before each) and the
        // cases name accounts as the rows do.
        rows.reader.filter =
            (rows.reader.verdicts == Verdicts::Supplied && rows.ids == Ids::AsGiven && !rows.unordered)
                .then(|| Arc::new(IdFilter::new(&cases)));
        CaseCollector { rows, cases }
    }

    /// The screener in use.
    pub fn screener(&self) -> &Screener {
        &self.rows.reader.screener
    }
}

impl CaseCollector {
    /// Reads one row again. Rows the first pass refused fail here the same
    /// way and are skipped.
    pub fn add(&mut self, row: &str) {
        if let Some(Ok(row)) = self.rows.reader.read(row) {
            self.add_row(&row);
        }
    }

    /// What [`add`](CaseCollector::add) does without state, on any
    /// thread: see [`RowReader`].
    pub fn reader(&self) -> RowReader {
        self.rows.reader.clone()
    }

    /// Collects a row a [`RowReader`] read, in log order (a row the first
    /// pass refused is refused again: it was reported then).
    pub fn add_row(&mut self, row: &LogRow) {
        let cases = &mut self.cases;
        let _ = self.rows.take(row, |tx, verdict| {
            cases.collect_judged(tx, verdict);
            Ok(())
        });
    }

    /// The screener in use.
    pub fn screener(&self) -> &Screener {
        &self.rows.reader.screener
    }

    /// The cases, with the payments collected so far.
    pub fn cases(&self) -> &Cases {
        &self.cases
    }

    /// The cases.
    pub fn into_cases(self) -> Cases {
        self.cases
    }
}

impl Rows {
    /// Gives a read row and its verdict to `take`, in log order; history
    /// states are kept only when `take` accepts the row.
    fn take(
        &mut self,
        row: &LogRow,
        take: impl FnOnce(&Transaction, Judged<'_>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let tx = &row.tx;
        if let Some(verdict) = &row.verdict {
            self.tick(tx)?;
            return take(&self.named(tx), Judged::Compact(verdict, self.reader.screener.pack()));
        }
        let state = |id: &Option<String>| id.as_deref().and_then(|id| self.states.get(id));
        let screened =
            self.reader.screener.screen_compact_with_history(tx, state(&tx.sender.id), state(&tx.receiver.id))?;
        // The states it returns are kept only for a row the log takes.
        self.tick(tx)?;
        take(&self.named(tx), Judged::Compact(&screened.verdict, self.reader.screener.pack()))?;
        // One state per account: paying oneself keeps the payer's.
        let (payer, payee) = (&tx.sender.id, &tx.receiver.id);
        if let (Some(id), Some(state)) = (payee, screened.receiver) {
            if Some(id) != payer.as_ref() {
                self.states.insert(id.as_str().into(), state);
            }
        }
        if let (Some(id), Some(state)) = (payer, screened.sender) {
            self.states.insert(id.as_str().into(), state);
        }
        Ok(())
    }

    /// The clock's check of the row's order, remembered when it fails.
    fn tick(&mut self, tx: &Transaction) -> Result<(), Error> {
        let ticked = self.clock.tick(tx);
        self.unordered |= ticked.is_err();
        ticked
    }

    /// The payment with its accounts named as the cases name them.
    fn named<'t>(&self, tx: &'t Transaction) -> Cow<'t, Transaction> {
        if self.ids == Ids::AsGiven {
            return Cow::Borrowed(tx);
        }
        let mut tx = tx.clone();
        for id in [&mut tx.sender.id, &mut tx.receiver.id].into_iter().flatten() {
            *id = self.reader.screener.hash_account_id(id);
        }
        Cow::Owned(tx)
    }
}

/// The second pass's test of whether a row's text can name a case's
/// account, without parsing it.
///
/// A row without a backslash spells every string as it is read, so it names
/// an account only if one of its JSON strings, between two quotes, is the
/// id. One pass over the bytes to find the strings, and a hash lookup for
/// the few whose length and first byte an id has, took the second pass over
/// 1,000,000 rows (`benches/cases.rs`) from 2.9 s to 1.6 s. The Aho-Corasick
/// automaton of the quoted ids it replaced stepped through its states at
/// every byte; splitting at quotes with `str::split` took 2.2 to 2.6 s.
#[derive(Debug)]
struct IdFilter {
    ids: HashSet<Box<str>>,
    /// Bit `n` (0 to 63) set: some id is `n` bytes long; bit 63 also stands
    /// for every longer id.
    lengths: u64,
    /// Bit `b % 64` set: some id starts with byte `b`.
    firsts: u64,
}

impl IdFilter {
    fn new(cases: &Cases) -> IdFilter {
        let mut filter = IdFilter { ids: HashSet::new(), lengths: 0, firsts: 0 };
        for id in cases.party_ids() {
            filter.lengths |= IdFilter::length_bit(id);
            filter.firsts |= IdFilter::first_bit(id);
            filter.ids.insert(id.into());
        }
        filter
    }

    /// The bit of `lengths` that a string of `s`'s length sets.
    fn length_bit(s: &str) -> u64 {
        1 << s.len().min(63)
    }

    /// The bit of `firsts` that a string starting as `s` does sets.
    fn first_bit(s: &str) -> u64 {
        1 << (s.bytes().next().unwrap_or(0) % 64)
    }

    /// True unless `row` certainly names none of the ids: a row with an
    /// escape or an unclosed string is left to the reader.
    fn touches(&self, row: &str) -> bool {
        // One pass over the bytes: `open` is the start of the string being
        // read, if any. (Splitting at quotes with `str::split` cost a call
        // per quote, about 90 a row.)
        let mut open = None;
        for (i, &b) in row.as_bytes().iter().enumerate() {
            match (b, open) {
                (b'\\', _) => return true,
                (b'"', None) => open = Some(i + 1),
                (b'"', Some(start)) => {
                    let inside = row.get(start..i).unwrap_or_default();
                    if self.lengths & IdFilter::length_bit(inside) != 0
                        && self.firsts & IdFilter::first_bit(inside) != 0
                        && self.ids.contains(inside)
                    {
                        return true;
                    }
                    open = None;
                }
                _ => {}
            }
        }
        open.is_some()
    }
}

/// The verdict a row carries in its `verdict` member, checked against the
/// screener's pack (its digest, indicators, weights, score and level), as
/// `explain` checks one.
fn supplied(screener: &Screener, row: &Value) -> Result<CompactVerdict, Error> {
    // The transaction reader refused a row that is not an object.
    let member = match row {
        Value::Object(members) => members.get("verdict"),
        _ => None,
    };
    let compact = match member {
        None | Some(Value::Null) => {
            return Err(Error::new(
                ErrorKind::InvalidVerdict,
                "/verdict",
                "the row carries no verdict (the log was to come with the host's verdicts)",
            ))
        }
        // A CSV cell: the verdict's JSON text.
        Some(Value::String(text)) => CompactVerdict::from_json(text).map_err(|e| e.under("/verdict"))?,
        Some(v) => CompactVerdict::from_value(v, "/verdict")?,
    };
    screener.check(&compact).map_err(|e| e.under("/verdict"))?;
    Ok(compact)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{collector_rows, pay_json, screener, FLAGGED, PLAIN};
    use super::*;

    /// Both passes over `rows`; the first pass's errors by row index.
    fn run(builder: &CaseLogBuilder, rows: &[String]) -> (Cases, Vec<(usize, String, String)>) {
        let mut first = builder.build(screener());
        let mut errors = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            if let Err(e) = first.add(row) {
                errors.push((i, e.code().to_string(), e.path().to_string()));
            }
        }
        let mut second = first.second_pass();
        for row in rows {
            second.add(row);
        }
        (second.into_cases(), errors)
    }

    #[test]
    fn a_screened_log_gives_the_builders_cases() {
        let rows = collector_rows();
        let (cases, errors) = run(&CaseLog::builder(), &rows);
        assert!(errors.is_empty());
        let case = &cases.as_slice()[0];
        assert_eq!(case.accounts.len(), 13);
        // Every payment of the collector's network, none of the shoppers'.
        assert_eq!(case.transactions.len(), 13);
        // The history the replay kept fired (a collector paid by many).
        assert!(case.transactions.iter().any(|t| t.indicators.iter().any(|i| i.contains("HIST"))));
    }

    /// Each row with the verdict jejak gave it, in the row.
    fn with_verdicts(rows: &[String]) -> Vec<String> {
        let screener = screener();
        let mut states: HashMap<String, State> = HashMap::new();
        rows.iter()
            .map(|row| {
                let tx = screener.parse(row).unwrap();
                let s = states.get(tx.sender.id.as_deref().unwrap_or("")).cloned();
                let r = states.get(tx.receiver.id.as_deref().unwrap_or("")).cloned();
                let screened = screener.screen_with_history(&tx, s.as_ref(), r.as_ref()).unwrap();
                if let (Some(id), Some(st)) = (&tx.receiver.id, screened.receiver) {
                    states.insert(id.clone(), st);
                }
                if let (Some(id), Some(st)) = (&tx.sender.id, screened.sender) {
                    states.insert(id.clone(), st);
                }
                let full = serde_json::to_string(&screened.verdict).unwrap();
                format!("{},\"verdict\":{full}}}", &row[..row.len() - 1])
            })
            .collect()
    }

    #[test]
    fn supplied_verdicts_give_the_same_cases_as_screening() {
        let rows = collector_rows();
        let screened = run(&CaseLog::builder(), &rows).0.to_json();
        let supplied = with_verdicts(&rows);
        let (cases, errors) = run(CaseLog::builder().verdicts(Verdicts::Supplied), &supplied);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(cases.to_json(), screened);
        // A verdict as a CSV cell (JSON text) reads the same.
        let row = &supplied[0];
        let at = row.find(",\"verdict\":").unwrap();
        let text = &row[at + 11..row.len() - 1];
        let cell = format!("{},\"verdict\":{}}}", &row[..at], serde_json::to_string(text).unwrap());
        let mut first = CaseLog::builder().verdicts(Verdicts::Supplied).build(screener());
        first.add(&cell).unwrap();
    }

    #[test]
    fn rows_read_on_other_threads_give_the_same_cases_and_errors() {
        let mut rows = with_verdicts(&collector_rows());
        rows.insert(3, "{not json".into());
        for builder in [CaseLog::builder(), CaseLog::builder().verdicts(Verdicts::Supplied).clone()] {
            let (cases, errors) = run(&builder, &rows);
            let mut first = builder.build(screener());
            let reader = first.reader();
            // Two readers, each with every other row, added in log order.
            let read = |parity: usize| {
                let reader = reader.clone();
                let rows = &rows;
                move || rows.iter().enumerate().filter(|(i, _)| i % 2 == parity).map(|(_, r)| reader.read(r)).collect()
            };
            let (even, odd): (Vec<_>, Vec<_>) = std::thread::scope(|s| {
                let (a, b) = (s.spawn(read(0)), s.spawn(read(1)));
                (a.join().unwrap_or_default(), b.join().unwrap_or_default())
            });
            let mut threaded = Vec::new();
            let (mut even, mut odd) = (even.into_iter(), odd.into_iter());
            for i in 0..rows.len() {
                let read = if i % 2 == 0 { even.next() } else { odd.next() };
                if let Err(e) = read.flatten().unwrap().and_then(|row| first.add_row(&row)) {
                    threaded.push((i, e.code().to_string(), e.path().to_string()));
                }
            }
            assert_eq!(threaded, errors);
            let mut second = first.second_pass();
            let reader = second.reader();
            let read: Vec<_> = rows.iter().filter_map(|r| reader.read(r)).collect();
            for row in read.into_iter().flatten() {
                second.add_row(&row);
            }
            assert_eq!(second.into_cases().to_json(), cases.to_json());
        }
    }

    #[test]
    fn the_second_pass_skips_only_rows_that_touch_no_case() {
        let rows = with_verdicts(&collector_rows());
        let cases = run(CaseLog::builder().verdicts(Verdicts::Supplied), &rows).0;
        // The collector's id spelled with an escape in every row that
        // names it: the raw text no longer holds "c", and nothing is lost.
        let escaped: Vec<String> = rows.iter().map(|r| r.replace("\"id\":\"c\"", "\"id\":\"\\u0063\"")).collect();
        assert_ne!(escaped, rows);
        let again = run(CaseLog::builder().verdicts(Verdicts::Supplied), &escaped).0;
        assert_eq!(again.to_json(), cases.to_json());
        assert_eq!(cases.as_slice()[0].transactions.len(), 13);
    }

    #[test]
    fn the_id_filter_passes_every_row_that_can_name_an_id() {
        let rows = with_verdicts(&collector_rows());
        let cases = run(CaseLog::builder().verdicts(Verdicts::Supplied), &rows).0;
        let filter = IdFilter::new(&cases);
        assert!(filter.ids.contains("c"));
        for (row, touches) in [
            (r#"{"sender":{"id":"c"}}"#, true),
            // A key is a string too: read, and found to name no account.
            (r#"{"c":1}"#, true),
            // Escapes, and a string the reader would refuse, are the reader's.
            (r#"{"sender":{"id":"x\u0063"}}"#, true),
            (r#"{"sender":{"id":"c}"#, true),
            (r#"{"memo":"c"#, true),
            // The id inside a longer string, or outside any string.
            (r#"{"sender":{"id":"cc"},"memo":"a c b"}"#, false),
            (r#"{"c ":"x","amount":c}"#, false),
            (r#"{"x":"y"}"#, false),
            ("", false),
            ("not json", false),
        ] {
            assert_eq!(filter.touches(row), touches, "{row}");
        }
        // Every row of the log it skips (the shoppers') names no case account.
        let skipped: Vec<_> = rows.iter().filter(|row| !filter.touches(row)).collect();
        assert!(!skipped.is_empty() && skipped.len() < rows.len());
        fn member<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
            match value {
                Value::Object(o) => o.get(key),
                _ => None,
            }
        }
        for row in skipped {
            let value = json::parse(row, ErrorKind::InvalidTransaction, Surrogates::Replace).unwrap();
            for side in ["sender", "receiver", "merchant"] {
                let id = member(&value, side).and_then(|party| member(party, "id")).and_then(Value::as_str);
                assert!(id.is_none_or(|id| !filter.ids.contains(id)), "{row}");
            }
        }
    }

    #[test]
    fn bad_rows_are_refused_in_both_passes_and_change_nothing() {
        let mut rows = collector_rows();
        let good = run(&CaseLog::builder(), &rows).0.to_json();
        // Not JSON; not a transaction; older than the row before (the
        // shopper row at minute 5 after the sweep at minute 300).
        rows.insert(3, "{not json".into());
        rows.insert(4, r#"{"amount": "1"}"#.into());
        let late = pay_json(5, "c", "x", "9000000", "p2p", FLAGGED);
        rows.insert(215, late);
        let (cases, errors) = run(&CaseLog::builder(), &rows);
        let errors: Vec<_> = errors.iter().map(|(i, c, p)| (*i, c.as_str(), p.as_str())).collect();
        assert_eq!(errors[0].0, 3);
        assert_eq!(errors[0].1, "invalid_transaction");
        assert_eq!(errors[1].0, 4);
        assert_eq!((errors[2].0, errors[2].1, errors[2].2), (215, "invalid_transaction", "/timestamp"));
        assert_eq!(errors.len(), 3);
        assert_eq!(cases.to_json(), good);
    }

    #[test]
    fn a_supplied_log_needs_each_rows_verdict_of_this_pack() {
        let mut first = CaseLog::builder().verdicts(Verdicts::Supplied).build(screener());
        let row = pay_json(0, "a", "b", "1000", "p2p", PLAIN);
        let e = first.add(&row).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_verdict", "/verdict"));
        // A verdict of another pack.
        let other = serde_json::to_string(&Screener::new().screen_json(&row).unwrap()).unwrap();
        let e = first.add(&format!("{},\"verdict\":{other}}}", &row[..row.len() - 1])).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_verdict", "/verdict/pack/digest"));
        // A bad member, with its pointer below /verdict.
        let e = first.add(&format!("{},\"verdict\":{{\"score\":\"x\"}}}}", &row[..row.len() - 1])).unwrap_err();
        assert_eq!((e.code(), e.path()), ("invalid_verdict", "/verdict/score"));
    }

    #[test]
    fn hashed_ids_leave_no_account_id_in_the_cases() {
        let rows = collector_rows();
        let (cases, _) = run(CaseLog::builder().ids(Ids::Hashed), &rows);
        let json = cases.to_json();
        let hash = screener().hash_account_id("c");
        assert_eq!(hash.len(), 16);
        assert!(json.contains(&format!("\"id\":\"{hash}\"")));
        assert!(!json.contains("\"id\":\"c\"") && !json.contains("\"from\":\"s1\""));
        // The same shape as with the ids as given.
        let plain = run(&CaseLog::builder(), &rows).0;
        assert_eq!(cases.as_slice()[0].accounts.len(), plain.as_slice()[0].accounts.len());
    }
}
