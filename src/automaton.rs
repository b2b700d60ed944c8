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
//! algorithm in about two hundred lines; a property test compares it with a
//! naive search on random patterns and texts.
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
}
