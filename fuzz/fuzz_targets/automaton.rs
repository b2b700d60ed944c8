//! The crate's hand-written Aho-Corasick automaton against the
//! `aho-corasick` crate (`MatchKind::Standard`, `find_overlapping_iter`):
//! the same set of (pattern, start, end) matches on arbitrary patterns and
//! haystacks, reported by increasing end, longest first at one end, none
//! twice. The automaton never reports an empty pattern and shares repeated
//! patterns (the first index stands for all), so the crate's matches are
//! mapped the same way.
//!
//! The input is decoded by hand rather than through `arbitrary`, so seeds
//! are easy to write and the haystack is mostly pieces of the patterns:
//!
//! * byte 0: the alphabet every pattern and literal byte is mapped into:
//!   `% 4` = 0 any byte, 1 `ab`, 2 `aAbB`, 3 `00 'a' 80 A9 C3 FF`;
//! * byte 1: the number of patterns, `% 17`;
//! * per pattern: a length byte (`% 9`), then that many bytes;
//! * the rest builds the haystack (at most 4 KiB), one op byte at a time by
//!   its top two bits: `00` appends pattern `(op & 63) % n`, `01` a prefix
//!   of it and `10` a suffix (both cut at the next byte `% (len + 1)`), `11`
//!   the next `(op & 7) + 1` bytes.

#![no_main]

use aho_corasick::{AhoCorasick, MatchKind};
use libfuzzer_sys::fuzz_target;

const ALPHABETS: [&[u8]; 4] = [&[], b"ab", b"aAbB", &[0x00, b'a', 0x80, 0xA9, 0xC3, 0xFF]];
const MAX_HAYSTACK: usize = 4096;

fn decode(data: &[u8]) -> (Vec<Vec<u8>>, Vec<u8>) {
    let mut bytes = data.iter().copied();
    let alphabet = ALPHABETS[usize::from(bytes.next().unwrap_or(0) % 4)];
    let map = |b: u8| if alphabet.is_empty() { b } else { alphabet[usize::from(b) % alphabet.len()] };
    let n = bytes.next().unwrap_or(0) % 17;
    let mut patterns = Vec::new();
    for _ in 0..n {
        let len = bytes.next().unwrap_or(0) % 9;
        patterns.push(bytes.by_ref().take(usize::from(len)).map(map).collect::<Vec<u8>>());
    }
    let mut hay = Vec::new();
    while let Some(op) = bytes.next() {
        if hay.len() >= MAX_HAYSTACK {
            break;
        }
        if op >> 6 == 3 {
            hay.extend(bytes.by_ref().take(usize::from(op & 7) + 1).map(map));
            continue;
        }
        let Some(p) = patterns.get(usize::from(op & 63) % patterns.len().max(1)) else { continue };
        match op >> 6 {
            0 => hay.extend_from_slice(p),
            kind => {
                let cut = usize::from(bytes.next().unwrap_or(0)) % (p.len() + 1);
                hay.extend_from_slice(if kind == 1 { &p[..cut] } else { &p[cut..] });
            }
        }
    }
    (patterns, hay)
}

fuzz_target!(|data: &[u8]| {
    let (patterns, hay) = decode(data);
    let patterns: Vec<&[u8]> = patterns.iter().map(Vec::as_slice).collect();

    let mut got = jejak::fuzzing::automaton_matches(&patterns, &hay)
        .unwrap_or_else(|e| panic!("automaton: {e}; patterns {patterns:?}, haystack {hay:?}"));
    for w in got.windows(2) {
        let ((_, s0, e0), (_, s1, e1)) = (w[0], w[1]);
        assert!(
            e0 < e1 || (e0 == e1 && s0 < s1),
            "matches {w:?} out of order or repeated; patterns {patterns:?}, haystack {hay:?}"
        );
    }
    got.sort_unstable();

    let first = |i: usize| patterns.iter().position(|p| *p == patterns[i]).unwrap_or(i);
    let ac = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns).expect("aho-corasick build");
    let mut want: Vec<(usize, usize, usize)> = ac
        .find_overlapping_iter(&hay)
        .filter(|m| m.start() < m.end())
        .map(|m| (first(m.pattern().as_usize()), m.start(), m.end()))
        .collect();
    want.sort_unstable();
    want.dedup();

    assert_eq!(got, want, "patterns {patterns:?}, haystack {hay:?}");
});
