//! One direction of an account's history (its payments out, or its
//! payments in): per-day counters, the most recent payments, a table of
//! counterparties and a sketch of distinct counterparties per week.
//!
//! Every time here is a minute count from [`Timestamp::minute`]
//! (UTC, from the transactions themselves); a window ends at the account's
//! newest payment, never at a clock.
//!
//! [`Timestamp::minute`]: crate::transaction::Timestamp

use super::sketch;

/// Days of per-day counters: a 30-day window plus the current day.
pub(crate) const DAYS: usize = 31;
/// The most recent payments kept (their minute and whether they crossed a
/// border): hour windows count from these, exactly up to this many.
pub(crate) const RECENT: usize = 16;
/// The most recent payments kept per counterparty (outgoing side only).
pub(crate) const ENTRY_RECENT: usize = 8;
/// Counterparties kept: the most recently paid (or paying) ones.
pub(crate) const OUT_CAPACITY: usize = 24;
pub(crate) const IN_CAPACITY: usize = 32;
/// How many first payments to a counterparty form its baseline amount.
pub(crate) const BASELINE: u8 = 3;
/// Weeks of per-payee counts kept (outgoing side): how far back a habit
/// and a growth in frequency can be seen.
pub(crate) const HABIT_WEEKS: usize = 8;
/// The most a week's count (or night count) holds: a nibble.
pub(crate) const WEEK_MAX: u8 = 15;

/// Minutes in a UTC day: day windows and the day counters use whole days.
pub(crate) const MINUTES_PER_DAY: u64 = 1440;

/// Which way the payments of a [`Side`] go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    Out,
    In,
}

impl Direction {
    pub(crate) fn capacity(self) -> usize {
        match self {
            Direction::Out => OUT_CAPACITY,
            Direction::In => IN_CAPACITY,
        }
    }

    /// Payments kept per counterparty: only the payer side asks about one
    /// payee's recent payments.
    pub(crate) fn entry_recent(self) -> usize {
        match self {
            Direction::Out => ENTRY_RECENT,
            Direction::In => 0,
        }
    }
}

/// Counters of one UTC day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Day {
    /// Payments.
    pub(crate) n: u32,
    /// Of them, cross-border (both countries known and different).
    pub(crate) nx: u32,
    /// Their sum in minor units of the pack's FX base currency.
    pub(crate) sum: u64,
    /// Outgoing side: the part of `sum` paid to accounts that had not paid
    /// this one (as far as its table of senders knew): money moved away,
    /// not returned to a payer.
    pub(crate) away: u64,
}

/// Per-counterparty flags.
pub(crate) const FOREIGN: u8 = 1;
pub(crate) const MINOR: u8 = 2;
/// The counterparty paid this account as a registered business (the
/// payment had `merchant.id` and the merchant was not a QRIS micro
/// merchant): a customer, not a personal payer.
pub(crate) const MERCHANT: u8 = 4;
/// The counterparty was known before this entry began: it had left the
/// table (the account's filter of departed counterparties knew it), or the
/// host said at its first payment here that it was not new. It is never
/// new.
pub(crate) const RETURNING: u8 = 8;
/// The host said at the counterparty's first payment here that it was the
/// first (`receiver.isNew: true`): new even to a history younger than the
/// window.
pub(crate) const FIRST: u8 = 16;
pub(crate) const FLAGS: u8 = FOREIGN | MINOR | MERCHANT | RETURNING | FIRST;

/// One counterparty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The keyed hash of its id ([`super::key`]).
    pub(crate) key: u64,
    /// Its country (ASCII), `[0, 0]` when unknown.
    pub(crate) country: [u8; 2],
    /// `FOREIGN`: a payment with it crossed a border; `MINOR`: the
    /// counterparty's account is a minor's; `MERCHANT`: it paid this
    /// account as a registered merchant (incoming side).
    pub(crate) flags: u8,
    /// Minute of the first and of the latest payment.
    pub(crate) first: u64,
    pub(crate) last: u64,
    /// Payments with it, ever (saturating).
    pub(crate) n: u32,
    /// How many of the first payments are in `base_sum` (up to `BASELINE`).
    pub(crate) base_n: u8,
    pub(crate) base_sum: u64,
    /// Minutes of the latest payments, ascending (outgoing side).
    pub(crate) recent: Latest<u64, ENTRY_RECENT>,
    /// Per week, newest first and aligned with the side's `week0`: the
    /// payments (low nibble) and the night payments (high nibble), each
    /// saturating at [`WEEK_MAX`] (outgoing side; zeros on the incoming).
    pub(crate) weeks: [u8; HABIT_WEEKS],
    /// A moving average of the payments' amounts and of their distance from
    /// it (base-currency minor units; each new payment weighs a quarter), so
    /// a steady amount shows as a small `dev` (outgoing side).
    pub(crate) mean: u64,
    pub(crate) dev: u64,
}

impl Entry {
    /// The payments (`night`: night payments only) of the week `i` weeks
    /// before the side's newest week.
    pub(crate) fn week(&self, i: usize, night: bool) -> u8 {
        let w = self.weeks.get(i).copied().unwrap_or(0);
        if night {
            w >> 4
        } else {
            w & 0x0f
        }
    }

    /// Counts one payment in week `i` back.
    fn count_week(&mut self, i: usize, night: bool) {
        if let Some(w) = self.weeks.get_mut(i) {
            let all = (*w & 0x0f).saturating_add(1).min(WEEK_MAX);
            let nights = (*w >> 4).saturating_add(u8::from(night)).min(WEEK_MAX);
            *w = (nights << 4) | all;
        }
    }

    /// Folds one amount into the moving average and deviation.
    fn track_amount(&mut self, amount: u64, first: bool) {
        if first {
            self.mean = amount;
            self.dev = 0;
            return;
        }
        let distance = amount.abs_diff(self.mean);
        // x + (y - x) / 4, in either direction, without overflow.
        let step = |x: u64, y: u64| if y >= x { x + (y - x) / 4 } else { x - (x - y) / 4 };
        self.dev = step(self.dev, distance);
        self.mean = step(self.mean, amount);
    }
}

/// The latest few items of an ascending sequence, in a fixed array: a
/// state is decoded and encoded on every screen, and a `Vec` per
/// counterparty was most of that time in allocations.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Latest<T, const N: usize> {
    items: [T; N],
    len: u8,
}

impl<T: Copy + PartialOrd, const N: usize> Latest<T, N> {
    pub(crate) fn new(empty: T) -> Self {
        Latest { items: [empty; N], len: 0 }
    }

    pub(crate) fn as_slice(&self) -> &[T] {
        self.items.get(..usize::from(self.len)).unwrap_or(&[])
    }

    pub(crate) fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Appends an item no smaller than the last (the decoder's order is
    /// checked by the caller); false when full.
    pub(crate) fn push(&mut self, item: T) -> bool {
        match self.items.get_mut(usize::from(self.len)) {
            Some(slot) => {
                *slot = item;
                self.len += 1;
                true
            }
            None => false,
        }
    }

    /// How many kept items (`keep`) fall in `start..=end` by their minute.
    /// When the list is full and its oldest item is inside the range, older
    /// ones inside it may have been dropped: the count is a lower bound.
    pub(crate) fn count_within(
        &self,
        start: u64,
        end: u64,
        minute: impl Fn(&T) -> u64,
        keep: impl Fn(&T) -> bool,
    ) -> Count {
        let items = self.as_slice();
        let n = items.iter().filter(|x| (start..=end).contains(&minute(x)) && keep(x)).count();
        let full = items.len() >= N && items.first().is_some_and(|x| minute(x) >= start);
        Count { value: n as u64, estimated: full }
    }

    /// Inserts in order, keeping only the `keep` (at most `N`) largest.
    pub(crate) fn insert(&mut self, item: T, keep: usize) {
        let len = self.len();
        let at = self.as_slice().partition_point(|x| *x <= item);
        if len < keep.min(N) {
            if let Some(tail) = self.items.get_mut(at..=len) {
                tail.rotate_right(1);
                if let Some(first) = tail.first_mut() {
                    *first = item;
                }
                self.len += 1;
            }
        } else if at > 0 {
            // Full: the oldest goes, the item takes its place in order.
            if let Some(head) = self.items.get_mut(..at) {
                head.rotate_left(1);
                if let Some(last) = head.last_mut() {
                    *last = item;
                }
            }
        }
    }
}

impl<T: Copy + PartialOrd, const N: usize> PartialEq for Latest<T, N> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Copy + PartialOrd, const N: usize> Eq for Latest<T, N> {}

/// What one payment adds to a side.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Payment {
    pub(crate) minute: u64,
    /// In minor units of the pack's FX base currency (0 when the currency
    /// is not in the FX table).
    pub(crate) amount: u64,
    pub(crate) foreign: bool,
    /// At night in the payer's local time (22:00 to 05:59).
    pub(crate) night: bool,
    /// Outgoing: money moved on, not spent at a registered business (the
    /// caller's part) and not to an account that has paid this one
    /// (`Account::add`'s).
    pub(crate) away: bool,
    /// The counterparty: its key, country and flags, when it has an id.
    pub(crate) counterparty: Option<(u64, [u8; 2], u8)>,
}

/// One direction of an account's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Side {
    pub(crate) direction: Direction,
    /// The newest payment's minute; `None` before the first.
    pub(crate) newest: Option<u64>,
    /// `days[0]` is UTC day `day0` (the newest payment's), `days[i]` is
    /// `day0 - i`.
    pub(crate) day0: u64,
    pub(crate) days: [Day; DAYS],
    /// The latest payments `(minute, cross-border)`, ascending.
    pub(crate) recent: Latest<(u64, bool), RECENT>,
    pub(crate) entries: Vec<Entry>,
    /// The latest `last` of a counterparty dropped from a full table (0:
    /// none): counts over a window that starts before it are no longer exact.
    pub(crate) evicted: u64,
    /// Distinct counterparties per week (`sketch::WEEKS` weeks ending with
    /// week `week0`).
    pub(crate) week0: u64,
    pub(crate) weeks: [[u8; sketch::BYTES]; sketch::WEEKS],
}

/// A window ends at `now` and reaches back this many minutes; a day window
/// covers whole UTC days (today and the days before it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Window {
    Hours(u8),
    Days(u8),
}

impl Window {
    /// The earliest minute inside the window ending at `now`.
    pub(crate) fn start(self, now: u64) -> u64 {
        match self {
            Window::Hours(h) => now.saturating_add(1).saturating_sub(u64::from(h) * 60),
            Window::Days(d) => (now / MINUTES_PER_DAY).saturating_sub(u64::from(d) - 1) * MINUTES_PER_DAY,
        }
    }

    /// The window's length in minutes.
    pub(crate) fn minutes(self) -> u64 {
        match self {
            Window::Hours(h) => u64::from(h) * 60,
            Window::Days(d) => u64::from(d) * MINUTES_PER_DAY,
        }
    }

    /// An age in minutes as whole units of the window (hours or days), with
    /// the window's length in the same unit.
    pub(crate) fn age(self, minutes: u64) -> (u64, u64) {
        match self {
            Window::Hours(h) => (minutes / 60, u64::from(h)),
            Window::Days(d) => (minutes / MINUTES_PER_DAY, u64::from(d)),
        }
    }

    /// `48h`, `7d`.
    pub(crate) fn text(self) -> String {
        match self {
            Window::Hours(h) => format_unit(h, 'h'),
            Window::Days(d) => format_unit(d, 'd'),
        }
    }
}

fn format_unit(n: u8, unit: char) -> String {
    let mut s = n.to_string();
    s.push(unit);
    s
}

/// A count, and whether it is only a lower bound or an estimate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Count {
    pub(crate) value: u64,
    pub(crate) estimated: bool,
}

impl Count {
    fn exact(value: u64) -> Count {
        Count { value, estimated: false }
    }
}

impl Side {
    pub(crate) fn new(direction: Direction) -> Side {
        Side {
            direction,
            newest: None,
            day0: 0,
            days: [Day::default(); DAYS],
            recent: Latest::new((0, false)),
            entries: Vec::new(),
            evicted: 0,
            week0: 0,
            weeks: [[0; sketch::BYTES]; sketch::WEEKS],
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.newest.is_none()
    }

    /// Adds a payment no older than the account's lateness allows (the
    /// caller checks): it lands in its own day, week and place in order.
    /// Returns the counterparty that left a full table to make room, if
    /// one did.
    #[inline(never)]
    pub(crate) fn add(&mut self, p: &Payment) -> Option<u64> {
        let day = p.minute / MINUTES_PER_DAY;
        if self.newest.is_none() {
            self.day0 = day;
            self.week0 = day / 7;
        }
        if day > self.day0 {
            shift(&mut self.days, day - self.day0, Day::default());
            self.day0 = day;
        }
        if let Some(d) = usize::try_from(self.day0 - day.min(self.day0)).ok().and_then(|i| self.days.get_mut(i)) {
            d.n = d.n.saturating_add(1);
            d.nx = d.nx.saturating_add(u32::from(p.foreign));
            d.sum = d.sum.saturating_add(p.amount);
            if p.away {
                d.away = d.away.saturating_add(p.amount);
            }
        }
        self.newest = Some(self.newest.map_or(p.minute, |n| n.max(p.minute)));
        self.recent.insert((p.minute, p.foreign), RECENT);
        // Weeks follow days (week0 is always day0's week, so the encoding
        // need not store it).
        let week = day / 7;
        if week > self.week0 {
            let by = week - self.week0;
            shift(&mut self.weeks, by, [0; sketch::BYTES]);
            for e in &mut self.entries {
                shift(&mut e.weeks, by, 0);
            }
            self.week0 = week;
        }
        let (key, country, flags) = p.counterparty?;
        let habit = self.direction == Direction::Out;
        let week_back = usize::try_from(self.week0 - week.min(self.week0)).unwrap_or(usize::MAX);
        if let Some(w) = self.weeks.get_mut(week_back) {
            sketch::insert(w, key);
        }
        let keep = self.direction.entry_recent();
        // Entries stay in key order, so the encoding is one canonical
        // sequence whatever order the counterparties came in.
        match self.entries.binary_search_by_key(&key, |e| e.key) {
            Ok(i) => {
                let e = self.entries.get_mut(i)?;
                e.n = e.n.saturating_add(1);
                e.first = e.first.min(p.minute);
                e.last = e.last.max(p.minute);
                e.flags |= flags;
                if country != [0, 0] {
                    e.country = country;
                }
                if e.base_n < BASELINE {
                    e.base_n += 1;
                    e.base_sum = e.base_sum.saturating_add(p.amount);
                }
                e.recent.insert(p.minute, keep);
                if habit {
                    e.count_week(week_back, p.night);
                    e.track_amount(p.amount, false);
                }
                None
            }
            Err(i) => {
                let mut recent = Latest::new(0);
                recent.insert(p.minute, keep);
                let mut entry = Entry {
                    key,
                    country,
                    flags,
                    first: p.minute,
                    last: p.minute,
                    n: 1,
                    base_n: 1,
                    base_sum: p.amount,
                    recent,
                    weeks: [0; HABIT_WEEKS],
                    mean: 0,
                    dev: 0,
                };
                if habit {
                    entry.count_week(week_back, p.night);
                    entry.track_amount(p.amount, true);
                }
                self.entries.insert(i.min(self.entries.len()), entry);
                if self.entries.len() > self.direction.capacity() {
                    return self.evict(key);
                }
                None
            }
        }
    }

    /// Drops the counterparty paid longest ago (ties: the smaller key), not
    /// the one just added; returns its key.
    fn evict(&mut self, added: u64) -> Option<u64> {
        let mut oldest: Option<(usize, u64)> = None;
        for (i, e) in self.entries.iter().enumerate() {
            if e.key != added && oldest.is_none_or(|(_, last)| e.last < last) {
                oldest = Some((i, e.last));
            }
        }
        let (i, last) = oldest?;
        let key = self.entries.get(i).map(|e| e.key);
        self.entries.remove(i);
        self.evicted = self.evicted.max(last);
        key
    }

    /// Sums are in the pack's FX base currency; a pack with another base
    /// starts them again (counts stay).
    pub(crate) fn clear_sums(&mut self) {
        for d in &mut self.days {
            d.sum = 0;
            d.away = 0;
        }
        for e in &mut self.entries {
            e.base_n = BASELINE;
            e.base_sum = 0;
            e.mean = 0;
            e.dev = 0;
        }
    }

    pub(crate) fn entry(&self, key: u64) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// Payments in the window ending at `now` (all, or only cross-border).
    #[inline(never)]
    pub(crate) fn count(&self, window: Window, now: u64, foreign_only: bool) -> Count {
        match window {
            Window::Hours(_) => {
                self.recent.count_within(window.start(now), now, |&(m, _)| m, |&(_, x)| x || !foreign_only)
            }
            Window::Days(_) => {
                let days = self.days_in(window, now);
                Count::exact(days.iter().map(|d| u64::from(if foreign_only { d.nx } else { d.n })).sum())
            }
        }
    }

    /// The sum of payments in a day window.
    pub(crate) fn sum(&self, window: Window, now: u64) -> u64 {
        self.days_in(window, now).iter().fold(0u64, |acc, d| acc.saturating_add(d.sum))
    }

    /// The sum of payments moved away (`Day::away`) in a day window.
    pub(crate) fn away(&self, window: Window, now: u64) -> u64 {
        self.days_in(window, now).iter().fold(0u64, |acc, d| acc.saturating_add(d.away))
    }

    /// The sum of the day of `minute` and the largest sum of the other
    /// days, in a day window ending at `now`.
    pub(crate) fn day_and_largest_other(&self, window: Window, now: u64, minute: u64) -> (u64, u64) {
        let this_day = minute / MINUTES_PER_DAY;
        let today = now / MINUTES_PER_DAY;
        self.days_in(window, now).iter().enumerate().fold((0, 0), |(day, largest), (i, d)| {
            if today.checked_sub(i as u64) == Some(this_day) {
                (d.sum, largest)
            } else {
                (day, largest.max(d.sum))
            }
        })
    }

    /// The day counters inside a window ending at `now` (a window in hours
    /// takes the days it touches).
    fn days_in(&self, window: Window, now: u64) -> &[Day] {
        let first_day = window.start(now) / MINUTES_PER_DAY;
        let today = now / MINUTES_PER_DAY;
        if self.newest.is_none() || today < self.day0 {
            return &[];
        }
        // Slots from `today` back to `first_day`, within what the ring holds.
        let skip = (today - self.day0) as usize;
        let len = (today - first_day.min(today) + 1) as usize;
        let end = len.saturating_sub(skip).min(DAYS);
        self.days.get(..end).unwrap_or(&[])
    }

    /// Distinct counterparties with a payment in the day window, those
    /// passing `keep` only. Exact while no counterparty paid inside the
    /// window has left the table; after that, the table's count is a lower
    /// bound, and with no filter the weekly sketch gives an estimate.
    #[inline(never)]
    pub(crate) fn distinct(&self, window: Window, now: u64, keep: impl Fn(&Entry) -> bool, filtered: bool) -> Count {
        let start = window.start(now);
        let table = self.entries.iter().filter(|e| e.last >= start && keep(e)).count() as u64;
        if self.evicted < start {
            return Count::exact(table);
        }
        if filtered {
            return Count { value: table, estimated: true };
        }
        let first_week = start / MINUTES_PER_DAY / 7;
        let this_week = now / MINUTES_PER_DAY / 7;
        let mut union = [0u8; sketch::BYTES];
        for (i, w) in self.weeks.iter().enumerate() {
            let week = self.week0.saturating_sub(i as u64);
            if week >= first_week && week <= this_week && self.week0 >= i as u64 {
                for (u, b) in union.iter_mut().zip(w) {
                    *u |= b;
                }
            }
        }
        Count { value: sketch::estimate(&union).max(table), estimated: true }
    }
}

/// Moves a ring's slots `by` places older, clearing the new ones.
fn shift<T: Copy, const N: usize>(ring: &mut [T; N], by: u64, empty: T) {
    let by = usize::try_from(by).unwrap_or(N).min(N);
    // A copy from the back rather than `rotate_right`, whose general
    // algorithm was instantiated once per ring type.
    for i in (0..N).rev() {
        let moved = i.checked_sub(by).and_then(|j| ring.get(j)).copied().unwrap_or(empty);
        if let Some(slot) = ring.get_mut(i) {
            *slot = moved;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pay(minute: u64, key: u64) -> Payment {
        Payment { minute, amount: 100, foreign: true, night: false, away: true, counterparty: Some((key, *b"PH", 0)) }
    }

    #[test]
    fn day_windows_count_whole_days_and_hour_windows_count_minutes() {
        let mut s = Side::new(Direction::Out);
        let day = 20_000 * MINUTES_PER_DAY;
        for (i, m) in [day - 3 * MINUTES_PER_DAY, day - 60, day + 10, day + 600].into_iter().enumerate() {
            s.add(&pay(m, i as u64));
        }
        let now = day + 600;
        assert_eq!(s.count(Window::Days(1), now, false).value, 2);
        assert_eq!(s.count(Window::Days(2), now, false).value, 3);
        assert_eq!(s.count(Window::Days(4), now, false).value, 4);
        assert_eq!(s.count(Window::Hours(12), now, false).value, 3);
        assert_eq!(s.count(Window::Hours(11), now, false).value, 2, "exactly 11 hours before is outside");
        assert_eq!(s.count(Window::Hours(10), now, false).value, 2);
        assert_eq!(s.sum(Window::Days(2), now), 300);
    }

    #[test]
    fn the_ring_forgets_days_beyond_its_length() {
        let mut s = Side::new(Direction::Out);
        s.add(&pay(0, 1));
        s.add(&pay(40 * MINUTES_PER_DAY, 1));
        assert_eq!(s.count(Window::Days(30), 40 * MINUTES_PER_DAY, false).value, 1);
        assert_eq!(s.entry(1).map(|e| e.n), Some(2));
    }

    #[test]
    fn latest_keeps_the_largest_in_order() {
        let mut l: Latest<u64, 4> = Latest::new(0);
        let mut v: Vec<u64> = Vec::new();
        let mut x = 7u64;
        for _ in 0..500 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let item = (x >> 33) % 50;
            l.insert(item, 4);
            let at = v.partition_point(|y| *y <= item);
            v.insert(at, item);
            if v.len() > 4 {
                v.remove(0);
            }
            assert_eq!(l.as_slice(), v.as_slice());
        }
        let mut none: Latest<u64, 4> = Latest::new(0);
        none.insert(3, 0);
        assert!(none.as_slice().is_empty());
    }

    #[test]
    fn a_full_table_drops_the_counterparty_paid_longest_ago() {
        let mut s = Side::new(Direction::Out);
        for k in 0..(OUT_CAPACITY as u64 + 1) {
            s.add(&pay(1000 + k, k));
        }
        assert_eq!(s.entries.len(), OUT_CAPACITY);
        assert!(s.entry(0).is_none());
        assert_eq!(s.evicted, 1000);
        let d = s.distinct(Window::Days(30), 1000 + OUT_CAPACITY as u64, |_| true, false);
        assert!(d.estimated);
        assert!(d.value >= OUT_CAPACITY as u64);
    }
}
