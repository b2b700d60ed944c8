//! Pack images: a loaded pack as bytes, read back without JSON.
//!
//! `npx jejak compile` (and [`Pack::to_image`](super::Pack::to_image))
//! writes what the loader compiled: indicators with their conditions and
//! templates, term lists, the automaton's patterns, watchlists, discounts,
//! the FX table, and the canonical JSON's digest, which verdicts keep
//! naming. The layout is in docs/PACKS.md ("Images"). The reader rebuilds
//! only the automaton (from its patterns, without normalizing a term again)
//! and the id index.
//!
//! An image may come from anywhere (a signed envelope vouches for who made
//! it, not for what is inside), so the reader trusts nothing: every length
//! is checked against the bytes left, every index against what it points
//! into, and every value the screener relies on against the range the JSON
//! loader allows. A fault is `invalid_pack` naming its byte
//! offset, never a panic. Hand-written rather than serde: the fault
//! offsets, no derive code in the module, and a layout documented byte by
//! byte (docs/DESIGN.md, "Pack images").

mod read;
mod write;

pub(crate) use read::read;
pub(crate) use write::write;

/// The first bytes of every image.
pub(crate) const MAGIC: &[u8; 4] = b"JJKP";
/// The layout this engine writes and reads.
pub(crate) const VERSION: u8 = 1;
/// Magic, version, three reserved zero bytes, the checksum.
pub(crate) const HEADER: usize = 16;
/// The checksum's seed (fixed: it finds damage, not forgery).
const SEED: u64 = 0x6A65_6A61_6B50_0001;

/// XXH64 of the payload (everything after the header).
pub(crate) fn checksum(payload: &[u8]) -> u64 {
    twox_hash::XxHash64::oneshot(SEED, payload)
}

/// Tags of the compiled conditions, in one table for writer and reader.
pub(super) mod tag {
    pub(crate) const ALL: u8 = 0;
    pub(crate) const ANY: u8 = 1;
    pub(crate) const NOT: u8 = 2;
    pub(crate) const AT_LEAST: u8 = 3;
    pub(crate) const MEMO_TERMS: u8 = 4;
    pub(crate) const MERCHANT_TERMS: u8 = 5;
    pub(crate) const NEAR: u8 = 6;
    pub(crate) const MEMO_PATTERN: u8 = 7;
    pub(crate) const MEMO_PRESENT: u8 = 8;
    pub(crate) const MALFORMED_TEXT: u8 = 9;
    pub(crate) const MCC_IN: u8 = 10;
    pub(crate) const AMOUNT_BETWEEN: u8 = 11;
    pub(crate) const ROUND_AMOUNT: u8 = 12;
    pub(crate) const CORRIDOR: u8 = 13;
    pub(crate) const CROSS_BORDER: u8 = 14;
    pub(crate) const CHANNEL_IN: u8 = 15;
    pub(crate) const CURRENCY_IN: u8 = 16;
    pub(crate) const LOCAL_HOUR_BETWEEN: u8 = 17;
    pub(crate) const SENDER_IS_MINOR: u8 = 18;
    pub(crate) const RECEIVER_IS_NEW: u8 = 19;
    pub(crate) const RECEIVER_IS_MINOR: u8 = 20;
    pub(crate) const ACCOUNT_AGE_BELOW: u8 = 21;
    pub(crate) const MERCHANT_REGISTERED: u8 = 22;
    pub(crate) const WATCHLIST: u8 = 23;
    pub(crate) const HISTORY: u8 = 24;
    pub(crate) const INDICATOR: u8 = 25;

    /// Template segments.
    pub(crate) const TEXT: u8 = 0;
    pub(crate) const HOLE: u8 = 1;
    pub(crate) const OPTIONAL: u8 = 2;
}

/// History measures by their evidence name (`HistoryCond::measure`): an
/// image names a measure by its index in this list.
pub(super) use crate::vocab::HISTORY_MEASURES as MEASURES;
