//! A byte-level Aho-Corasick automaton that reports every occurrence of
//! every pattern, overlapping ones included.
//!
//! # Why not the `aho-corasick` crate
//!
//! jejak needs one thing from Aho-Corasick: all overlapping matches of a
//! set of short, distinct, already-normalized patterns in a short text. The
//! crate does that and much more (leftmost semantics, DFAs, SIMD prefilters,
//! stream search), and in a wasm build that generality cost about 50 KB of a
//! module with a hard size budget — its prefilters are chosen at run time, so
//! none of them can be dropped at link time. This module is the textbook
//! algorithm in about two hundred lines. The crate stays its test oracle:
//! property tests (`oracle` below) and the `automaton` fuzz target compare
//! every match, overlapping ones included, with `aho-corasick`'s
//! `find_overlapping_iter`, as well as the order and uniqueness this module
//! promises.
//!
//! # Layout
//!
//! States are numbered in creation order; state 0 is the start state. The
//! start state has a dense table (it is visited after every mismatch); every
//! other state keeps its transitions in one shared array, found through
//! `first[s]..first[s + 1]` and scanned linearly (below the first two
//! levels of a trie almost every state has one or two children).
//!
//! Memory is about 17 bytes per state plus 5 per transition, so a pack's
//! term limit and byte limit bound it.

/// "No state" or "no pattern".
const NONE: u32 = u32::MAX;

/// The automaton would need more states than a `u32` can number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TooLarge;

/// Adds patterns one by one, then compiles them.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    /// Per state: its first child and next sibling in the trie (NONE-ended
    /// lists), the byte leading to it, and the pattern ending at it.
    first_child: Vec<u32>,
    next_sibling: Vec<u32>,
    byte: Vec<u8>,
    pattern: Vec<u32>,
    /// Per pattern: its length in bytes.
    lens: Vec<u32>,
}

impl Builder {
    pub(crate) fn new() -> Builder {
        let mut b = Builder::default();
        b.push_state(0, NONE);
        b
    }

    fn push_state(&mut self, byte: u8, sibling: u32) {
        self.first_child.push(NONE);
        self.next_sibling.push(sibling);
        self.byte.push(byte);
        self.pattern.push(NONE);
    }

    fn child(&self, state: u32, byte: u8) -> Option<u32> {
        let mut c = *self.first_child.get(state as usize)?;
        while c != NONE {
            if self.byte.get(c as usize) == Some(&byte) {
                return Some(c);
            }
            c = *self.next_sibling.get(c as usize)?;
        }
        None
    }

    /// Adds a pattern and returns its id. Adding the same bytes again
    /// returns the first id, so callers need no map of their own to share
    /// patterns. An empty pattern gets an id but never matches.
    pub(crate) fn add(&mut self, pattern: &[u8]) -> Result<u32, TooLarge> {
        let mut state = 0u32;
        for &b in pattern {
            state = match self.child(state, b) {
                Some(c) => c,
                None => {
                    let new = u32::try_from(self.byte.len()).ok().filter(|&n| n != NONE).ok_or(TooLarge)?;
                    // Prepend to the parent's children: their order does
                    // not matter.
                    let parent = self.first_child.get_mut(state as usize).ok_or(TooLarge)?;
                    let sibling = std::mem::replace(parent, new);
                    self.push_state(b, sibling);
                    new
                }
            };
        }
        let slot = self.pattern.get_mut(state as usize).ok_or(TooLarge)?;
        if *slot == NONE {
            *slot = u32::try_from(self.lens.len()).ok().filter(|&n| n != NONE).ok_or(TooLarge)?;
            self.lens.push(u32::try_from(pattern.len()).map_err(|_| TooLarge)?);
        }
        Ok(*slot)
    }

    /// The number of distinct patterns added.
    pub(crate) fn pattern_count(&self) -> usize {
        self.lens.len()
    }

    /// Compiles the trie: transitions into one array, then failure and
    /// output links breadth first.
    pub(crate) fn build(self) -> Automaton {
        let n = self.byte.len();
        let mut root = Box::new([0u32; 256]);
        let mut first = Vec::with_capacity(n + 1);
        let mut bytes = Vec::with_capacity(n);
        let mut next = Vec::with_capacity(n);
        for s in 0..n {
            first.push(bytes.len() as u32);
            let mut c = self.first_child.get(s).copied().unwrap_or(NONE);
            while c != NONE {
                let b = self.byte.get(c as usize).copied().unwrap_or(0);
                if s == 0 {
                    root[usize::from(b)] = c;
                }
                bytes.push(b);
                next.push(c);
                c = self.next_sibling.get(c as usize).copied().unwrap_or(NONE);
            }
        }
        first.push(bytes.len() as u32);
        let mut a = Automaton {
            root,
            first,
            bytes,
            next,
            fail: vec![0; n],
            output: vec![NONE; n],
            pattern: self.pattern,
            lens: self.lens,
        };
        a.link();
        a
    }
}

/// A compiled automaton. See the module docs.
#[derive(Clone, Debug)]
pub(crate) struct Automaton {
    root: Box<[u32; 256]>,
    first: Vec<u32>,
    bytes: Vec<u8>,
    next: Vec<u32>,
    /// Per state: the longest proper suffix of its path that is a trie path.
    fail: Vec<u32>,
    /// Per state: the nearest state on its failure chain where a pattern
    /// ends (the "dictionary suffix link").
    output: Vec<u32>,
    pattern: Vec<u32>,
    lens: Vec<u32>,
}

impl Automaton {
    fn child(&self, state: u32, byte: u8) -> Option<u32> {
        if state == 0 {
            return Some(self.root[usize::from(byte)]).filter(|&c| c != 0);
        }
        let s = state as usize;
        let (lo, hi) = (*self.first.get(s)? as usize, *self.first.get(s + 1)? as usize);
        let i = self.bytes.get(lo..hi)?.iter().position(|&b| b == byte)?;
        self.next.get(lo + i).copied()
    }

    /// The state after reading `byte` in `state`, following failure links.
    fn step(&self, mut state: u32, byte: u8) -> u32 {
        loop {
            if let Some(c) = self.child(state, byte) {
                return c;
            }
            if state == 0 {
                return 0;
            }
            state = self.fail.get(state as usize).copied().unwrap_or(0);
        }
    }

    fn link(&mut self) {
        // Breadth first, so a state's failure target is final before its
        // children need it.
        let mut queue: Vec<u32> =
            self.next.get(..self.first.get(1).copied().unwrap_or(0) as usize).unwrap_or(&[]).to_vec();
        let mut head = 0;
        while let Some(&s) = queue.get(head) {
            head += 1;
            let (lo, hi) = (self.first[s as usize] as usize, self.first[s as usize + 1] as usize);
            for i in lo..hi {
                let (b, c) = (self.bytes[i], self.next[i]);
                // The root's children fail to the root (already 0).
                if s != 0 {
                    let f = self.step(self.fail[s as usize], b);
                    self.fail[c as usize] = f;
                }
                let f = self.fail[c as usize] as usize;
                self.output[c as usize] = if f != 0 && self.pattern[f] != NONE { f as u32 } else { self.output[f] };
                queue.push(c);
            }
        }
    }

    /// Calls `found(pattern, end)` for every occurrence of every pattern in
    /// `haystack`, `end` being the byte offset just past it. Occurrences
    /// come by increasing `end`; at one `end`, longest first.
    pub(crate) fn for_each_match(&self, haystack: &[u8], mut found: impl FnMut(u32, usize)) {
        let mut state = 0;
        for (i, &b) in haystack.iter().enumerate() {
            state = self.step(state, b);
            let mut m = if state != 0 && self.pattern.get(state as usize).is_some_and(|&p| p != NONE) {
                state
            } else {
                self.output.get(state as usize).copied().unwrap_or(NONE)
            };
            while m != NONE {
                if let Some(&p) = self.pattern.get(m as usize) {
                    found(p, i + 1);
                }
                m = self.output.get(m as usize).copied().unwrap_or(NONE);
            }
        }
    }

    /// The length in bytes of a pattern.
    pub(crate) fn pattern_len(&self, pattern: u32) -> usize {
        self.lens.get(pattern as usize).map_or(0, |&l| l as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(patterns: &[&str], hay: &str) -> Vec<(u32, usize)> {
        let mut out = Vec::new();
        for end in 1..=hay.len() {
            for (i, p) in patterns.iter().enumerate() {
                if !p.is_empty() && hay.as_bytes()[..end].ends_with(p.as_bytes()) {
                    out.push((i as u32, end));
                }
            }
        }
        out.sort_unstable();
        out
    }

    fn run(patterns: &[&str], hay: &str) -> Vec<(u32, usize)> {
        let mut b = Builder::new();
        for (i, p) in patterns.iter().enumerate() {
            assert_eq!(b.add(p.as_bytes()), Ok(i as u32));
        }
        let a = b.build();
        let mut out = Vec::new();
        a.for_each_match(hay.as_bytes(), |p, end| {
            assert_eq!(a.pattern_len(p), patterns[p as usize].len());
            out.push((p, end));
        });
        out.sort_unstable();
        out
    }

    #[test]
    fn textbook_example() {
        let patterns = ["he", "she", "his", "hers"];
        assert_eq!(run(&patterns, "ushers"), naive(&patterns, "ushers"));
        assert_eq!(run(&patterns, "ushers"), vec![(0, 4), (1, 4), (3, 6)]);
    }

    #[test]
    fn overlapping_and_nested_matches() {
        let patterns = ["a", "aa", "aaa", "ab", "b", "bab"];
        for hay in ["", "a", "aaaa", "ababab", "baaab", "xyz"] {
            assert_eq!(run(&patterns, hay), naive(&patterns, hay), "{hay}");
        }
    }

    #[test]
    fn duplicates_share_an_id() {
        let mut b = Builder::new();
        assert_eq!(b.add(b"fee"), Ok(0));
        assert_eq!(b.add(b"fees"), Ok(1));
        assert_eq!(b.add(b"fee"), Ok(0));
        assert_eq!(b.pattern_count(), 2);
    }

    #[test]
    fn random_patterns_agree_with_a_naive_search() {
        // Small alphabets make overlaps and deep failure chains common.
        let seed = std::cell::Cell::new(0x2545_f491_u32);
        let rand = |n: u32| {
            let mut x = seed.get();
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            seed.set(x);
            x % n
        };
        for round in 0..300 {
            let alphabet = if round % 2 == 0 { "ab" } else { "abc é" };
            let letters: Vec<char> = alphabet.chars().collect();
            let word = |max: u32| -> String {
                let len = 1 + rand(max);
                (0..len).map(|_| letters[rand(letters.len() as u32) as usize]).collect()
            };
            let mut patterns: Vec<String> = (0..1 + rand(12)).map(|_| word(5)).collect();
            patterns.sort();
            patterns.dedup();
            let hay = word(60);
            let p: Vec<&str> = patterns.iter().map(String::as_str).collect();
            assert_eq!(run(&p, &hay), naive(&p, &hay), "{p:?} in {hay:?}");
        }
    }

    /// Differential tests against the `aho-corasick` crate, the well-kept
    /// implementation this module stands in for (a host-only dev-dependency:
    /// it never reaches the wasm module). Both sides work on raw bytes,
    /// case-sensitively: the matcher feeds the automaton already-normalized
    /// text, so no folding happens here.
    #[cfg(not(target_arch = "wasm32"))]
    mod oracle {
        use super::super::*;
        use aho_corasick::{AhoCorasick, MatchKind};
        use proptest::prelude::*;
        use proptest::sample::Index;
        use proptest::test_runner::{Config, TestRunner};

        /// The crate's convention (tests/props.rs): `JEJAK_PROPTEST_CASES`
        /// cases per property, 4,096 by default.
        fn cases() -> u32 {
            std::env::var("JEJAK_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(4_096)
        }

        /// A match: (automaton pattern id, start, end), byte offsets.
        type Match = (u32, usize, usize);

        /// Compiles `patterns` in order and returns the automaton and the id
        /// `add` gave each pattern, checking the id contract: the first
        /// pattern with given bytes gets the next id, a repeat gets that id.
        fn compile(patterns: &[&[u8]]) -> (Automaton, Vec<u32>) {
            let mut b = Builder::new();
            let mut distinct: Vec<&[u8]> = Vec::new();
            let mut ids = Vec::new();
            for p in patterns {
                let want = match distinct.iter().position(|d| d == p) {
                    Some(i) => i,
                    None => {
                        distinct.push(p);
                        distinct.len() - 1
                    }
                };
                let id = b.add(p).unwrap();
                assert_eq!(id as usize, want, "id of {p:?} in {patterns:?}");
                ids.push(id);
            }
            assert_eq!(b.pattern_count(), distinct.len());
            (b.build(), ids)
        }

        /// Every match the automaton reports, sorted. Also checks what
        /// `for_each_match` promises beyond the set: increasing `end`,
        /// longest first at one `end`, no occurrence twice, and a
        /// `pattern_len` equal to the pattern's bytes.
        fn automaton(patterns: &[&[u8]], hay: &[u8]) -> Vec<Match> {
            let (a, ids) = compile(patterns);
            let mut out: Vec<Match> = Vec::new();
            a.for_each_match(hay, |p, end| {
                let len = a.pattern_len(p);
                let i = ids.iter().position(|&id| id == p).unwrap_or_else(|| panic!("unknown pattern id {p}"));
                assert_eq!(len, patterns[i].len(), "pattern_len({p})");
                let start = end.checked_sub(len).unwrap_or_else(|| panic!("pattern {p} ends at {end} < {len}"));
                out.push((p, start, end));
            });
            for w in out.windows(2) {
                let ((_, s0, e0), (_, s1, e1)) = (w[0], w[1]);
                assert!(e0 < e1 || (e0 == e1 && s0 < s1), "order: {w:?} in {out:?}");
            }
            out.sort_unstable();
            let n = out.len();
            out.dedup();
            assert_eq!(n, out.len(), "an occurrence reported twice: {out:?}");
            out
        }

        /// The `aho-corasick` crate's standard overlapping matches, with its
        /// pattern indices mapped to the automaton's ids (it keeps repeated
        /// patterns apart; the automaton shares them) and the empty matches
        /// of an empty pattern dropped (the automaton never reports those).
        fn oracle(patterns: &[&[u8]], ids: &[u32], hay: &[u8]) -> Vec<Match> {
            let ac = AhoCorasick::builder().match_kind(MatchKind::Standard).build(patterns).unwrap();
            let mut out: Vec<Match> = ac
                .find_overlapping_iter(hay)
                .filter(|m| m.start() < m.end())
                .map(|m| (ids[m.pattern().as_usize()], m.start(), m.end()))
                .collect();
            out.sort_unstable();
            out.dedup();
            out
        }

        fn check(patterns: &[&[u8]], hay: &[u8]) -> Vec<Match> {
            let got = automaton(patterns, hay);
            let (_, ids) = compile(patterns);
            let want = oracle(patterns, &ids, hay);
            assert_eq!(got, want, "patterns {patterns:?}, haystack {hay:?}");
            got
        }

        #[test]
        fn tricky_cases_agree_with_the_crate() {
            // Patterns, haystack, expected matches (sorted).
            type Case = (&'static [&'static [u8]], &'static [u8], &'static [Match]);
            #[rustfmt::skip]
            let table: &[Case] = &[
                // The textbook example.
                (&[b"he", b"she", b"his", b"hers"], b"ushers", &[(0, 2, 4), (1, 1, 4), (3, 2, 6)]),
                // Nested suffixes: every output link of a chain.
                (&[b"a", b"aa", b"aaa"], b"aaaa",
                 &[(0, 0, 1), (0, 1, 2), (0, 2, 3), (0, 3, 4), (1, 0, 2), (1, 1, 3), (1, 2, 4), (2, 0, 3), (2, 1, 4)]),
                // The output link skips a failure state where no pattern ends
                // ("bcd", a prefix of "bcdx") to reach "d".
                (&[b"abcd", b"bcdx", b"d"], b"abcd", &[(0, 0, 4), (2, 3, 4)]),
                // A mismatch deep in the trie falls back two levels.
                (&[b"abcx", b"bcd", b"c"], b"abcd", &[(1, 1, 4), (2, 2, 3)]),
                // Prefixes of each other, repeated.
                (&[b"fee", b"fees", b"feesx"], b"feesfees", &[(0, 0, 3), (0, 4, 7), (1, 0, 4), (1, 4, 8)]),
                // A pattern longer than the haystack; an empty haystack.
                (&[b"abc"], b"ab", &[]),
                (&[b"a"], b"", &[]),
                // The empty pattern gets an id and never matches.
                (&[b"", b"a"], b"aa", &[(1, 0, 1), (1, 1, 2)]),
                (&[b""], b"abc", &[]),
                // Repeats share the first id.
                (&[b"ab", b"b", b"ab"], b"abab", &[(0, 0, 2), (0, 2, 4), (1, 1, 2), (1, 3, 4)]),
                // Case-sensitive bytes: no folding here (normalize does it).
                (&[b"School"], b"school SCHOOL School", &[(0, 14, 20)]),
                // UTF-8 is just bytes: "\xA9" matches inside "\u{e9}" (C3 A9).
                (&[b"\xC3\xA9", b"\xA9", b"caf"], b"caf\xC3\xA9", &[(0, 3, 5), (1, 4, 5), (2, 0, 3)]),
                // Bytes 0 and 255 (the root's dense table has no sentinel).
                (&[b"\x00", b"\xFF\x00", b"\xFF"], b"\x00\xFF\x00\xFF",
                 &[(0, 0, 1), (0, 2, 3), (1, 1, 3), (2, 1, 2), (2, 3, 4)]),
                // A pattern that is the whole haystack, and its suffixes.
                (&[b"abab", b"bab", b"ab"], b"abab", &[(0, 0, 4), (1, 1, 4), (2, 0, 2), (2, 2, 4)]),
                // No patterns at all.
                (&[], b"abc", &[]),
            ];
            for &(patterns, hay, want) in table {
                assert_eq!(check(patterns, hay), want, "patterns {patterns:?}, haystack {hay:?}");
            }
        }

        /// A piece of a haystack: a pattern, a prefix or suffix of one (half
        /// matches make the failure links work), or filler.
        #[derive(Clone, Debug)]
        enum Piece {
            Whole(Index),
            Prefix(Index, Index),
            Suffix(Index, Index),
            Bytes(Vec<u8>),
        }

        /// Patterns and a haystack over one alphabet: tiny ones for deep
        /// overlaps and repeats, mixed case, non-ASCII and non-UTF-8 bytes,
        /// or any byte. Patterns may be empty, repeat, or be prefixes or
        /// suffixes of others; the haystack is mostly pieces of patterns.
        fn case() -> impl Strategy<Value = (Vec<Vec<u8>>, Vec<u8>)> {
            let alphabet = prop_oneof![
                Just(b"ab".to_vec()),
                Just(b"abc".to_vec()),
                Just(b"aAbB".to_vec()),
                Just(vec![0x00, b'a', 0x80, 0xA9, 0xC3, 0xFF]),
                Just((0..=255).collect::<Vec<u8>>()),
            ];
            alphabet
                .prop_flat_map(|alphabet| {
                    let byte = proptest::sample::select(alphabet);
                    let word = proptest::collection::vec(byte.clone(), 0..=6);
                    let derived = (any::<Index>(), any::<Index>(), any::<bool>());
                    let piece = prop_oneof![
                        3 => any::<Index>().prop_map(Piece::Whole),
                        1 => (any::<Index>(), any::<Index>()).prop_map(|(p, n)| Piece::Prefix(p, n)),
                        1 => (any::<Index>(), any::<Index>()).prop_map(|(p, n)| Piece::Suffix(p, n)),
                        2 => proptest::collection::vec(byte, 1..=4).prop_map(Piece::Bytes),
                    ];
                    (
                        proptest::collection::vec(word, 0..=8),
                        proptest::collection::vec(derived, 0..=3),
                        proptest::collection::vec(piece, 0..=16),
                    )
                })
                .prop_map(|(mut patterns, derived, pieces)| {
                    if !patterns.is_empty() {
                        for (p, n, prefix) in derived {
                            let p = &patterns[p.index(patterns.len())];
                            let n = n.index(p.len() + 1);
                            let cut = if prefix { p[..n].to_vec() } else { p[n..].to_vec() };
                            patterns.push(cut);
                        }
                    }
                    let mut hay = Vec::new();
                    for piece in pieces {
                        let pick = |i: Index| patterns.get(i.index(patterns.len().max(1))).map_or(&[][..], |p| &p[..]);
                        match piece {
                            Piece::Whole(p) => hay.extend_from_slice(pick(p)),
                            Piece::Prefix(p, n) => {
                                let p = pick(p);
                                hay.extend_from_slice(&p[..n.index(p.len() + 1)]);
                            }
                            Piece::Suffix(p, n) => {
                                let p = pick(p);
                                hay.extend_from_slice(&p[n.index(p.len() + 1)..]);
                            }
                            Piece::Bytes(b) => hay.extend_from_slice(&b),
                        }
                    }
                    (patterns, hay)
                })
        }

        #[test]
        fn arbitrary_patterns_agree_with_the_crate() {
            let cases = cases();
            let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
            // Cases with at least one match: the generator must not drift
            // into haystacks where the comparison is trivially empty.
            let matched = std::cell::Cell::new(0u32);
            runner
                .run(&case(), |(patterns, hay)| {
                    let p: Vec<&[u8]> = patterns.iter().map(Vec::as_slice).collect();
                    let got = automaton(&p, &hay);
                    let (_, ids) = compile(&p);
                    matched.set(matched.get() + u32::from(!got.is_empty()));
                    prop_assert_eq!(got, oracle(&p, &ids, &hay), "patterns {:?}, haystack {:?}", p, hay);
                    Ok(())
                })
                .unwrap();
            assert!(matched.get() >= cases / 2, "only {} of {cases} cases had a match", matched.get());
        }
    }
}
