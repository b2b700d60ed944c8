//! Keyed hashes of account ids: SipHash-2-4 (the `siphasher` crate), a
//! pseudorandom function made for keyed hashing of short inputs.
//!
//! A state never holds an id, only this 64-bit hash. With a host secret as
//! the key (the `historyKey` option) a leaked state cannot be reversed by
//! hashing every phone number; without one the key is [`DEFAULT_KEY`],
//! which is public, so the hashes hide ids only from a casual reader.
//!
//! SipHash rather than HMAC-SHA-256: each screen hashes two ids, and in the
//! wasm module (SHA-256's compact loop) the four compressions of two HMACs
//! were a tenth of a screen with history. The 128-bit SipHash key is the
//! first half of SHA-256 of the host's key, so a key of any length works.

use core::hash::Hasher as _;

use sha2::{Digest, Sha256};
use siphasher::sip::SipHasher24;

/// The key used when the host gives none. Public and documented: it makes
/// states portable between hosts that set no key, and protects nothing.
pub(crate) const DEFAULT_KEY: &[u8] = b"jejak history key 1 (public: set historyKey)";

/// The SipHash key derived from the host's key.
#[derive(Clone, Debug)]
pub(crate) struct Hasher {
    sip: SipHasher24,
}

impl Hasher {
    pub(crate) fn new(key: &[u8]) -> Hasher {
        let digest = Sha256::digest(key);
        let mut k = [0u8; 16];
        for (a, b) in k.iter_mut().zip(digest.iter()) {
            *a = *b;
        }
        Hasher { sip: SipHasher24::new_with_key(&k) }
    }

    /// SipHash-2-4 of `domain` ‖ `id`.
    pub(crate) fn hash(&self, domain: &[u8], id: &str) -> u64 {
        let mut h = self.sip;
        h.write(domain);
        h.write(id.as_bytes());
        h.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_and_the_domain_change_the_hash() {
        let a = Hasher::new(DEFAULT_KEY);
        let b = Hasher::new(b"a host secret of 32 bytes.......");
        assert_ne!(a.hash(b"a:", "acct-1"), b.hash(b"a:", "acct-1"));
        assert_ne!(a.hash(b"a:", "acct-1"), a.hash(b"m:", "acct-1"));
        assert_ne!(a.hash(b"a:", "acct-1"), a.hash(b"a:", "acct-2"));
        // The stream is the concatenation: a fixed vector keeps states
        // portable across engine builds.
        let k = Sha256::digest(DEFAULT_KEY);
        let mut key = [0u8; 16];
        key.copy_from_slice(&k[..16]);
        assert_eq!(a.hash(b"a:", "acct-1"), SipHasher24::new_with_key(&key).hash(b"a:acct-1"));
    }
}
