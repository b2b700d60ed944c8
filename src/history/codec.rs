//! A state's bytes: format 2, laid out in docs/STATE.md. Format 1 (the
//! first release's) is still read: what it lacks starts empty (see
//! `side_decode`), and the state is written back as format 2.
//!
//! The encoding is canonical: one state has one encoding (entries in key
//! order, minimal varints, no trailing bytes), and the decoder refuses any
//! other, so `encode(decode(b)) == b` for every `b` it accepts (the fuzz
//! target checks this). Times are stored back from the side's newest
//! payment, so they stay one or two bytes.

use super::side::{
    Day, Direction, Entry, Latest, Side, BASELINE, DAYS, FLAGS, FOREIGN, HABIT_WEEKS, MERCHANT, MINOR, MINUTES_PER_DAY,
    RECENT,
};
use super::{gone, sketch};
use super::{Account, IDS, MAX_STAMPS};
use crate::error::{Error, ErrorKind};

/// The flags a format 1 state could hold.
const FLAGS_1: u8 = FOREIGN | MINOR | MERCHANT;

pub(crate) const MAGIC: &[u8; 4] = b"JJKH";
/// The format this engine writes (and the newest it reads).
pub(crate) const VERSION: u8 = 2;
/// The oldest format it reads.
const OLDEST: u8 = 1;
/// Magic, version, account key, base currency, sections.
const HEADER: usize = 4 + 1 + 8 + 3 + 1;
/// A bound on any minute a timestamp gives (10000-03-01T00:00Z, counted as
/// `Timestamp::minute` counts): later times are refused, so window
/// arithmetic never overflows.
pub(crate) const MAX_MINUTE: u64 = 3_652_425 * MINUTES_PER_DAY;
/// The checksum's seed (fixed: it is not a secret).
const SEED: u64 = 0x6A65_6A61_6B00_0001;

/// The checksum of a state's bytes: XXH64 from `twox-hash`, not CRC-32.
/// A bytewise CRC was a quarter of the time of a screen with history (it
/// runs over both states twice); the fast CRCs need 4 to 16 KiB of tables
/// in the module. XXH64 changes completely when one 8-byte word does, so
/// any damage inside one word is always caught, and other damage misses
/// with odds of 2^-64. A checksum finds damage, not forgery: whoever can
/// write a state can compute it (docs/STATE.md).
fn checksum(bytes: &[u8]) -> u64 {
    twox_hash::XxHash64::oneshot(SEED, bytes)
}

/// What a state missing its later fields is (one message: the byte offset
/// says where).
const SHORT: &str = "it ends before its last field";

const SIDE_OUT: u8 = 1;
const SIDE_IN: u8 = 2;
/// Format 2: the filter of departed counterparties follows the account's
/// fields.
const GONE: u8 = 4;

pub(crate) fn encode(a: &Account) -> Vec<u8> {
    // Most states are under 2 KB: one allocation, no regrowth.
    let mut out = Vec::with_capacity(2048);
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    out.extend_from_slice(&a.key.to_le_bytes());
    out.extend_from_slice(&a.base);
    let sections = (u8::from(!a.out.is_empty()) * SIDE_OUT)
        | (u8::from(!a.inb.is_empty()) * SIDE_IN)
        | (u8::from(a.gone.is_some()) * GONE);
    out.push(sections);
    for side in [&a.out, &a.inb] {
        if !side.is_empty() {
            side_encode(side, &mut out);
        }
    }
    let newest = a.newest().unwrap_or(0);
    varint(&mut out, newest.saturating_sub(a.since));
    out.push(a.stamps.len() as u8);
    for &(list, minute) in &a.stamps {
        out.extend_from_slice(&list.to_le_bytes());
        varint(&mut out, newest.saturating_sub(minute));
    }
    varint(&mut out, if a.opened == u64::MAX { 0 } else { newest.saturating_sub(a.opened) + 1 });
    out.push(match a.minor {
        None => 0,
        Some(false) => 1,
        Some(true) => 2,
    });
    out.push(a.ids.len() as u8);
    for &(minute, hash) in a.ids.as_slice() {
        varint(&mut out, newest.saturating_sub(minute));
        out.extend_from_slice(&hash.to_le_bytes());
    }
    if let Some(filter) = &a.gone {
        out.extend_from_slice(filter.as_slice());
    }
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

fn side_encode(s: &Side, out: &mut Vec<u8>) {
    let newest = s.newest.unwrap_or(0);
    varint(out, newest);
    let used = s.days.iter().rposition(|d| *d != Day::default()).map_or(0, |i| i + 1);
    out.push(used as u8);
    for d in s.days.iter().take(used) {
        varint(out, u64::from(d.n));
        varint(out, u64::from(d.nx));
        varint(out, d.sum);
        if s.direction == Direction::Out {
            varint(out, d.away);
        }
    }
    out.push(s.recent.len() as u8);
    for &(m, foreign) in s.recent.as_slice() {
        varint(out, ((newest - m.min(newest)) << 1) | u64::from(foreign));
    }
    varint(out, if s.evicted == 0 { 0 } else { newest - s.evicted.min(newest) + 1 });
    out.push(s.entries.len() as u8);
    for e in &s.entries {
        out.extend_from_slice(&e.key.to_le_bytes());
        out.extend_from_slice(&e.country);
        out.push(e.flags);
        varint(out, newest - e.last.min(newest));
        varint(out, e.last - e.first.min(e.last));
        varint(out, u64::from(e.n));
        out.push(e.base_n);
        varint(out, e.base_sum);
        out.push(e.recent.len() as u8);
        for &m in e.recent.as_slice() {
            varint(out, newest - m.min(newest));
        }
        if s.direction == Direction::Out {
            varint(out, e.mean);
            varint(out, e.dev);
            let mut present = 0u8;
            for (i, &w) in e.weeks.iter().enumerate() {
                present |= u8::from(w != 0) << i;
            }
            out.push(present);
            out.extend(e.weeks.iter().filter(|&&w| w != 0));
        }
    }
    let mut present = 0u8;
    for (i, w) in s.weeks.iter().enumerate() {
        if w.iter().any(|&b| b != 0) {
            present |= 1 << i;
        }
    }
    out.push(present);
    for w in s.weeks.iter().filter(|w| w.iter().any(|&b| b != 0)) {
        out.extend_from_slice(w);
    }
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a state. `path` is the JSON pointer errors carry (`/sender`).
pub(crate) fn decode(bytes: &[u8], path: &str) -> Result<Account, Error> {
    let err = |message: String| Error::new(ErrorKind::InvalidState, path, message);
    if bytes.get(..4) != Some(MAGIC.as_slice()) {
        return Err(err(format!(
            "these {} bytes are not a jejak history state (they do not start with \"JJKH\")",
            bytes.len()
        )));
    }
    if bytes.len() < HEADER + 2 + 8 {
        return Err(err(format!(
            "the state is truncated: {} bytes, shorter than the smallest state ({} bytes)",
            bytes.len(),
            HEADER + 10
        )));
    }
    let version = bytes.get(4).copied().unwrap_or(0);
    if !(OLDEST..=VERSION).contains(&version) {
        return Err(err(if version > VERSION {
            format!(
                "the state has format {version}, written by a newer engine; this engine reads formats {OLDEST} to {VERSION}"
            )
        } else {
            format!("the state has format {version}, which no engine wrote")
        }));
    }
    let Some((body, sum)) = bytes.split_last_chunk::<8>() else {
        return Err(err("the state is truncated".into()));
    };
    if checksum(body) != u64::from_le_bytes(*sum) {
        return Err(err("the state is damaged or truncated: its checksum does not match".into()));
    }
    let mut r = Reader { bytes: body, at: 5, version };
    // One message per problem, formatted in one place.
    body_decode(&mut r).map_err(|what| err(format!("the state is malformed: {what} (byte {})", r.at)))
}

fn body_decode(r: &mut Reader<'_>) -> Result<Account, &'static str> {
    let v2 = r.version >= 2;
    let key = u64::from_le_bytes(r.array::<8>().ok_or(SHORT)?);
    let base = r.array::<3>().ok_or(SHORT)?;
    if !base.iter().all(u8::is_ascii_uppercase) {
        return Err("the base currency is not three letters");
    }
    let sections = r.byte().ok_or(SHORT)?;
    let known = if v2 { SIDE_OUT | SIDE_IN | GONE } else { SIDE_OUT | SIDE_IN };
    if sections & !known != 0 {
        return Err("unknown sections");
    }
    let mut account = Account::new(key, base);
    if sections & SIDE_OUT != 0 {
        account.out = side_decode(r, Direction::Out)?;
    }
    if sections & SIDE_IN != 0 {
        account.inb = side_decode(r, Direction::In)?;
    }
    let newest = account.newest();
    let since = r.varint().ok_or(SHORT)?;
    account.since = match newest {
        Some(n) => n.checked_sub(since).ok_or("the first payment time is out of range")?,
        None if since == 0 => u64::MAX,
        None => return Err("a first payment time without payments"),
    };
    let stamps = r.byte().ok_or(SHORT)?;
    if usize::from(stamps) > MAX_STAMPS {
        return Err("too many purchase stamps");
    }
    for _ in 0..stamps {
        let list = u32::from_le_bytes(r.array::<4>().ok_or(SHORT)?);
        let back = r.varint().ok_or(SHORT)?;
        let minute = newest.and_then(|n| n.checked_sub(back)).ok_or("a stamp is out of range")?;
        if account.stamps.iter().any(|&(l, _)| l >= list) {
            return Err("stamps are not in list order");
        }
        account.stamps.push((list, minute));
    }
    if v2 {
        let opened = r.varint().ok_or(SHORT)?;
        account.opened = match opened {
            0 => u64::MAX,
            back => newest.and_then(|n| n.checked_sub(back - 1)).ok_or("the opening time is out of range")?,
        };
        account.minor = match r.byte().ok_or(SHORT)? {
            0 => None,
            1 => Some(false),
            2 => Some(true),
            _ => return Err("the minor flag is out of range"),
        };
        let ids = usize::from(r.byte().ok_or(SHORT)?);
        if ids > IDS {
            return Err("too many payment ids");
        }
        for _ in 0..ids {
            let back = r.varint().ok_or(SHORT)?;
            let minute = newest.and_then(|n| n.checked_sub(back)).ok_or("a payment id's time is out of range")?;
            let hash = u32::from_le_bytes(r.array::<4>().ok_or(SHORT)?);
            if account.ids.as_slice().last().is_some_and(|&last| last >= (minute, hash))
                || !account.ids.push((minute, hash))
            {
                return Err("payment ids are not in order");
            }
        }
        if sections & GONE != 0 {
            let filter = r.array::<{ gone::BYTES }>().ok_or(SHORT)?;
            if filter.iter().all(|&b| b == 0) {
                return Err("an empty filter marked present");
            }
            account.gone = Some(Box::new(filter));
        }
    }
    if r.at != r.bytes.len() {
        return Err("bytes left after the state");
    }
    Ok(account)
}

fn side_decode(r: &mut Reader<'_>, direction: Direction) -> Result<Side, &'static str> {
    let mut s = Side::new(direction);
    let newest = r.varint().ok_or(SHORT)?;
    if newest > MAX_MINUTE {
        return Err("the newest time is after the year 9999");
    }
    s.newest = Some(newest);
    s.day0 = newest / MINUTES_PER_DAY;
    s.week0 = s.day0 / 7;
    let used = usize::from(r.byte().ok_or(SHORT)?);
    if used > DAYS {
        return Err("too many days");
    }
    for i in 0..used {
        let n = u32::try_from(r.varint().ok_or(SHORT)?).map_err(|_| "a day count is too large")?;
        let nx = u32::try_from(r.varint().ok_or(SHORT)?).map_err(|_| "a day count is too large")?;
        let sum = r.varint().ok_or(SHORT)?;
        // Format 1 did not tell payers from others: all of it moved away.
        let away = match (direction, r.version >= 2) {
            (Direction::Out, true) => r.varint().ok_or(SHORT)?,
            (Direction::Out, false) => sum,
            (Direction::In, _) => 0,
        };
        if nx > n || (n == 0 && sum != 0) || away > sum {
            return Err("a day's counts disagree");
        }
        if let Some(d) = s.days.get_mut(i) {
            *d = Day { n, nx, sum, away };
        }
    }
    if used > 0 && s.days.get(used - 1) == Some(&Day::default()) {
        return Err("an empty last day");
    }
    let recent = usize::from(r.byte().ok_or(SHORT)?);
    if recent > RECENT {
        return Err("too many recent payments");
    }
    for _ in 0..recent {
        let v = r.varint().ok_or(SHORT)?;
        let m = newest.checked_sub(v >> 1).ok_or("a recent payment is out of range")?;
        if s.recent.as_slice().last().is_some_and(|&(p, _)| p > m) {
            return Err("recent payments are not in time order");
        }
        s.recent.push((m, v & 1 == 1));
    }
    let evicted = r.varint().ok_or(SHORT)?;
    s.evicted = match evicted {
        0 => 0,
        // Minute 0 is written as "none": reading it back would not be
        // canonical.
        back => newest.checked_sub(back - 1).filter(|&m| m > 0).ok_or("the eviction time is out of range")?,
    };
    let entries = usize::from(r.byte().ok_or(SHORT)?);
    if entries > direction.capacity() {
        return Err("too many counterparties");
    }
    for _ in 0..entries {
        let key = u64::from_le_bytes(r.array::<8>().ok_or(SHORT)?);
        let country = r.array::<2>().ok_or(SHORT)?;
        if country != [0, 0] && !country.iter().all(u8::is_ascii_uppercase) {
            return Err("a counterparty's country is not two letters");
        }
        let flags = r.byte().ok_or(SHORT)?;
        let last = newest.checked_sub(r.varint().ok_or(SHORT)?).ok_or("a time is out of range")?;
        let first = last.checked_sub(r.varint().ok_or(SHORT)?).ok_or("a time is out of range")?;
        let n = u32::try_from(r.varint().ok_or(SHORT)?).map_err(|_| "a count is too large")?;
        let base_n = r.byte().ok_or(SHORT)?;
        let base_sum = r.varint().ok_or(SHORT)?;
        let k = usize::from(r.byte().ok_or(SHORT)?);
        // Format 1 knew the first three flags only.
        let known = if r.version >= 2 { FLAGS } else { FLAGS_1 };
        if flags & !known != 0 || n == 0 || base_n == 0 || base_n > BASELINE || k > direction.entry_recent() {
            return Err("a counterparty's fields are out of range");
        }
        let mut recent = Latest::new(0);
        for _ in 0..k {
            let m = newest.checked_sub(r.varint().ok_or(SHORT)?).ok_or("a time is out of range")?;
            if m < first || m > last || recent.as_slice().last().is_some_and(|&p| p > m) || !recent.push(m) {
                return Err("a counterparty's payment times are out of order");
            }
        }
        if s.entries.last().is_some_and(|e: &Entry| e.key >= key) {
            return Err("counterparties are not in key order");
        }
        let mut entry = Entry {
            key,
            country,
            flags,
            first,
            last,
            n,
            base_n,
            base_sum,
            recent,
            weeks: [0; HABIT_WEEKS],
            mean: 0,
            dev: 0,
        };
        if direction == Direction::Out {
            if r.version >= 2 {
                entry.mean = r.varint().ok_or(SHORT)?;
                entry.dev = r.varint().ok_or(SHORT)?;
                let present = r.byte().ok_or(SHORT)?;
                for (i, w) in entry.weeks.iter_mut().enumerate() {
                    if present & (1 << i) != 0 {
                        *w = r.byte().ok_or(SHORT)?;
                        // Night payments are some of the week's payments.
                        if *w == 0 || (*w >> 4) > (*w & 0x0f) {
                            return Err("a payee's week is out of range");
                        }
                    }
                }
            } else {
                // Format 1 kept no amounts but the first payments' sum and no
                // weeks: the average of the first payments, with a spread as
                // large as itself (not steady until new payments show it).
                entry.mean = base_sum / u64::from(base_n);
                entry.dev = entry.mean;
            }
        }
        s.entries.push(entry);
    }
    let present = r.byte().ok_or(SHORT)?;
    if present >> sketch::WEEKS != 0 {
        return Err("unknown weeks");
    }
    for (i, w) in s.weeks.iter_mut().enumerate() {
        if present & (1 << i) != 0 {
            *w = r.array::<{ sketch::BYTES }>().ok_or(SHORT)?;
            if w.iter().all(|&b| b == 0) {
                return Err("an empty week marked present");
            }
        }
    }
    Ok(s)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The format being read.
    version: u8,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let s = self.bytes.get(self.at..self.at.checked_add(N)?)?;
        self.at += N;
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        Some(a)
    }

    /// A minimal LEB128 varint of at most 64 bits.
    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for i in 0..10 {
            let b = self.byte()?;
            let part = u64::from(b & 0x7f);
            if i == 9 && part > 1 {
                return None;
            }
            v |= part << (7 * i);
            if b & 0x80 == 0 {
                // A last byte of 0 after others is an overlong encoding.
                if i > 0 && b == 0 {
                    return None;
                }
                return Some(v);
            }
        }
        None
    }
}
