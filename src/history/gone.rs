//! Counterparties that left the table: a Bloom filter of their keys, so a
//! payee (or a sender) that comes back after months is not taken for a new
//! one.
//!
//! The table keeps the 24 payees and 32 senders paid (or paying) most
//! recently. Without this filter, a payee dropped to make room for others
//! would look new when it is paid again: "first paid 0 days ago". Each key
//! that leaves the table sets [`HASHES`] of [`BITS`] bits (from its own 64
//! bits, which are already a keyed hash; the direction is mixed in, so a
//! payee and a sender with the same id set different bits). A counterparty
//! added to the table whose bits are all set is marked `RETURNING` and is
//! never "new".
//!
//! A Bloom filter has false positives and no false negatives: a departed
//! counterparty is always recognised, and a new one is taken for a returning
//! one with probability about `(1 - e^(-kn/m))^k`: 0.6% after 40 departures,
//! 2.3% after 85, 13% after 230 (k = 2, m = 1024). The error only ever hides
//! newness, never invents it. The filter is written only once a counterparty
//! has left, so most states do not carry its 128 bytes.

/// Bits in the filter.
pub(crate) const BITS: usize = 1024;
pub(crate) const BYTES: usize = BITS / 8;
/// Bits set per key.
pub(crate) const HASHES: usize = 2;

/// The filter's bit positions for a key leaving (or joining) one side.
fn bits(key: u64, incoming: bool) -> [usize; HASHES] {
    // Two 32-bit halves of a keyed 64-bit hash are independent enough for
    // two positions; the side flips them so the two directions differ.
    let k = if incoming { key.rotate_left(17) ^ 0x9E37_79B9_7F4A_7C15 } else { key };
    [(k as u32) as usize % BITS, ((k >> 32) as u32) as usize % BITS]
}

/// Sets a departed key's bits.
pub(crate) fn insert(filter: &mut [u8; BYTES], key: u64, incoming: bool) {
    for b in bits(key, incoming) {
        if let Some(byte) = filter.get_mut(b / 8) {
            *byte |= 1 << (b % 8);
        }
    }
}

/// Whether a key may have departed (all its bits set).
pub(crate) fn contains(filter: &[u8; BYTES], key: u64, incoming: bool) -> bool {
    bits(key, incoming).iter().all(|&b| filter.get(b / 8).is_some_and(|byte| byte & (1 << (b % 8)) != 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mix(i: u64) -> u64 {
        let mut x = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^ (x >> 31)
    }

    #[test]
    fn departed_keys_are_always_found_and_others_rarely() {
        let mut f = [0u8; BYTES];
        for i in 0..85 {
            insert(&mut f, mix(i), false);
        }
        assert!((0..85).all(|i| contains(&f, mix(i), false)));
        let false_hits = (1000..11_000).filter(|&i| contains(&f, mix(i), false)).count();
        // About 2.3% at 85 departures.
        assert!(false_hits < 350, "{false_hits} of 10,000");
        // The other direction's bits are elsewhere.
        let other = (0..85).filter(|&i| contains(&f, mix(i), true)).count();
        assert!(other < 5, "{other}");
    }
}
