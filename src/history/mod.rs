//! Host-held history: what an account's earlier payments leave behind for
//! the indicators that are patterns over time.
//!
//! # Overview
//!
//! Most published indicators of exploitation payments are not about one
//! payment: a payer who pays the same person abroad several times a week,
//! payments that grow, many unrelated senders paying one personal wallet
//! that is emptied soon after. jejak stores nothing itself. The host keeps
//! one [`State`] per account (bytes, at most 4 KiB), passes it with the
//! account's next payment ([`Screener::screen_with_history`]), and stores
//! the state that comes back. Screening is a pure function of (state,
//! transaction, pack), so a phone, a database row and a Durable Object
//! compute the same bytes.
//!
//! One state serves both directions: the account's payments out (when it
//! is the sender) and in (when it is the receiver).
//!
//! # Untrusted input
//!
//! A state is bytes from the host's storage. The decoder refuses, with
//! [`ErrorKind::InvalidState`](crate::ErrorKind::InvalidState), anything
//! that is not a state this engine wrote: a wrong magic or format version,
//! a bad checksum (XXH64: damage, truncation), out-of-range fields, a
//! non-canonical encoding, or a state of another account. It never panics
//! and never reads a damaged state as a valid one (the checksum is not a
//! signature: see docs/STATE.md).
//!
//! What a state holds, byte by byte, is in docs/STATE.md: counts and sums
//! per day, the latest payments' minutes, and a table of counterparties by
//! keyed hash. No id and no memo text.
//!
//! [`Screener::screen_with_history`]: crate::Screener::screen_with_history

mod codec;
mod gone;
mod key;
mod side;
mod sketch;

use crate::error::Error;

pub(crate) use key::{Hasher, DEFAULT_KEY};
pub(crate) use side::{
    Count, Direction, Entry, Latest, Payment, Side, Window, BASELINE, ENTRY_RECENT, FIRST, FOREIGN, HABIT_WEEKS,
    MERCHANT, MINOR, MINUTES_PER_DAY, RETURNING,
};

/// A payment older than the account's newest by more than this many
/// minutes (6 hours) still gets a verdict, but does not change the state:
/// windows are counted by the transactions' own timestamps, and a late
/// payment would otherwise rewrite counts that earlier verdicts used.
pub(crate) const LATENESS: u64 = 360;

/// Purchase stamps kept (one per term list the pack watches).
pub(crate) const MAX_STAMPS: usize = 8;

/// Payment ids kept (keyed hashes of the account's latest payments), so a
/// retried payment is recognised and not counted twice.
pub(crate) const IDS: usize = 16;

/// How new a counterparty is, as the history can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Newness {
    /// First seen inside the window, by a history that would have seen an
    /// earlier payment (older than the window then, or as old as the
    /// account): the age of the first payment, in minutes.
    New(u64),
    /// Seen before the window, or known to have left the table and come
    /// back.
    Known,
    /// First seen inside the window, but the history was too young then to
    /// know whether it was paid before.
    Unknown,
}

/// An account's history, as the host stores it between payments.
///
/// Get one from [`Screener::screen_with_history`](crate::Screener::screen_with_history)
/// and keep its [`to_bytes`](State::to_bytes) under the account's id; read
/// it back with [`from_bytes`](State::from_bytes) for the account's next
/// payment.
///
/// # Example
///
/// ```
/// use jejak::{Screener, State};
///
/// let screener = Screener::new();
/// let tx = screener.parse(r#"{"timestamp": "2026-11-20T02:10:00+10:00",
///     "amount": "50", "currency": "AUD", "sender": {"id": "payer-1", "country": "AU"},
///     "receiver": {"id": "payee-1", "country": "PH"}}"#)?;
/// let screened = screener.screen_with_history(&tx, None, None)?;
/// let bytes = screened.sender.expect("the sender has an id").to_bytes();
/// assert!(bytes.len() < 4096);
/// let again = State::from_bytes(&bytes)?;
/// assert_eq!(again.to_bytes(), bytes);
/// # Ok::<(), jejak::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    // Boxed: an account is about 2.5 KB, and a screen moves it several times.
    pub(crate) account: Box<Account>,
}

impl State {
    /// Reads a state's bytes.
    ///
    /// Fails with `invalid_state` when the bytes are not a state this engine
    /// can read (see the module docs); the error's path is empty.
    pub fn from_bytes(bytes: &[u8]) -> Result<State, Error> {
        State::decode(bytes, "")
    }

    pub(crate) fn decode(bytes: &[u8], path: &str) -> Result<State, Error> {
        codec::decode(bytes, path).map(|account| State { account: Box::new(account) })
    }

    /// The state's bytes: what the host stores.
    pub fn to_bytes(&self) -> Vec<u8> {
        codec::encode(&self.account)
    }
}

/// The history of one account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Account {
    /// The keyed hash of the account's own id: a state given for another
    /// account is refused.
    pub(crate) key: u64,
    /// The pack's FX base currency, which sums are in.
    pub(crate) base: [u8; 3],
    pub(crate) out: Side,
    pub(crate) inb: Side,
    /// The minute of the account's first payment in this history: a payee
    /// first paid within days of it may be an old payee the history has not
    /// seen yet.
    pub(crate) since: u64,
    /// `(list, minute)`: the latest purchase from a merchant that matched
    /// a watched term list (by the hash of the list's id), in list order.
    pub(crate) stamps: Vec<(u32, u64)>,
    /// `(minute, keyed hash of the payment id)` of the latest payments that
    /// had an id, ascending: a payment whose id is here is a retry.
    pub(crate) ids: Latest<(u64, u32), IDS>,
    /// The counterparties that left the table (see `gone.rs`); `None` until
    /// one does.
    pub(crate) gone: Option<Box<[u8; gone::BYTES]>>,
    /// The minute the account was opened, from the host's `accountAgeDays`
    /// (the earliest it implied); `u64::MAX` when never given.
    pub(crate) opened: u64,
    /// Whether the account is a minor's, as the host last said
    /// (`isMinor` on a payment it made or received).
    pub(crate) minor: Option<bool>,
}

impl Account {
    pub(crate) fn new(key: u64, base: [u8; 3]) -> Account {
        Account {
            key,
            base,
            out: Side::new(Direction::Out),
            inb: Side::new(Direction::In),
            since: u64::MAX,
            stamps: Vec::new(),
            ids: Latest::new((0, 0)),
            gone: None,
            opened: u64::MAX,
            minor: None,
        }
    }

    pub(crate) fn newest(&self) -> Option<u64> {
        match (self.out.newest, self.inb.newest) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }

    /// Adds a payment the account made (`Out`) or received (`In`). A
    /// counterparty the table does not hold but the filter of departed ones
    /// does comes back marked `RETURNING`, as does one the caller marks so
    /// (the host said it is not new); the caller's `FIRST` (the host said
    /// it is) likewise only ever begins an entry.
    /// One that leaves a full table goes into that filter.
    pub(crate) fn add(&mut self, direction: Direction, p: &Payment) {
        self.since = self.since.min(p.minute);
        let incoming = direction == Direction::In;
        let mut p = *p;
        // Money out to someone who never paid this account moves away
        // (unless the caller says it was spent); paid back to a payer (an
        // arisan's pot) it does not.
        p.away = p.away && !incoming && p.counterparty.is_none_or(|(key, ..)| self.inb.entry(key).is_none());
        let side = if incoming { &mut self.inb } else { &mut self.out };
        if let Some((key, _, flags)) = p.counterparty.as_mut() {
            if side.entry(*key).is_some() {
                *flags &= !(RETURNING | FIRST);
            } else if self.gone.as_deref().is_some_and(|filter| gone::contains(filter, *key, incoming)) {
                *flags |= RETURNING;
            }
        }
        if let Some(left) = side.add(&p) {
            gone::insert(self.gone.get_or_insert_with(|| Box::new([0; gone::BYTES])), left, incoming);
        }
    }

    /// How new a counterparty of this account is within `window`, the
    /// window ending at the account's newest payment.
    ///
    /// New means first seen inside the window by a history that would have
    /// seen an earlier payment: one older than the window at that first
    /// payment, or one that has seen the account since it was opened (the
    /// host's `accountAgeDays`), or the host said its first payment was the
    /// first. A counterparty that left the table and came back, or that the
    /// host said was not new at its first payment here, is known.
    pub(crate) fn newness(&self, e: &Entry, window: Window) -> Newness {
        let Some(now) = self.newest() else { return Newness::Unknown };
        if e.flags & RETURNING != 0 || e.first < window.start(now) {
            return Newness::Known;
        }
        let watched = e.first - e.first.min(self.since) >= window.minutes();
        if watched || e.flags & FIRST != 0 || self.covers_life() {
            Newness::New(now - e.first.min(now))
        } else {
            Newness::Unknown
        }
    }

    /// Whether this history began within a day of the account's opening.
    fn covers_life(&self) -> bool {
        self.opened != u64::MAX && self.since <= self.opened.saturating_add(MINUTES_PER_DAY)
    }

    /// Notes the account's age the host gave with a payment at `minute`.
    pub(crate) fn note_age(&mut self, minute: u64, days: Option<u32>) {
        if let Some(d) = days {
            let opened = minute.saturating_sub(u64::from(d) * MINUTES_PER_DAY);
            self.opened = self.opened.min(opened);
        }
    }

    /// Whether a payment id (its keyed hash) is among the latest recorded.
    pub(crate) fn has_id(&self, hash: u32) -> bool {
        self.ids.as_slice().iter().any(|&(_, h)| h == hash)
    }

    /// Records a payment id, keeping the latest [`IDS`].
    pub(crate) fn record_id(&mut self, minute: u64, hash: u32) {
        self.ids.insert((minute, hash), IDS);
    }

    /// Sums restart when the pack's base currency changes.
    pub(crate) fn rebase(&mut self, base: [u8; 3]) {
        if self.base != base {
            self.out.clear_sums();
            self.inb.clear_sums();
            self.base = base;
        }
    }

    /// Notes a purchase from a merchant on a watched list. With every slot
    /// taken, the oldest stamp gives way.
    pub(crate) fn stamp(&mut self, list: u32, minute: u64) {
        match self.stamps.binary_search_by_key(&list, |&(l, _)| l) {
            Ok(i) => {
                if let Some(s) = self.stamps.get_mut(i) {
                    s.1 = s.1.max(minute);
                }
            }
            Err(i) => {
                self.stamps.insert(i, (list, minute));
                if self.stamps.len() > MAX_STAMPS {
                    let oldest = self.stamps.iter().enumerate().min_by_key(|(_, &(l, m))| (m, l)).map(|(i, _)| i);
                    if let Some(o) = oldest {
                        self.stamps.remove(o);
                    }
                }
            }
        }
    }

    /// The latest purchase stamp of a list.
    pub(crate) fn stamp_of(&self, list: u32) -> Option<u64> {
        self.stamps.binary_search_by_key(&list, |&(l, _)| l).ok().and_then(|i| self.stamps.get(i)).map(|s| s.1)
    }
}

#[cfg(feature = "tools")]
/// FNV-1a of a term list's id: how a stamp names its list, so that stamps
/// survive a pack update that reorders or adds lists.
pub(crate) fn list_key(id: &str) -> u32 {
    id.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}
