//! Obfuscation-resistant normalization with a map back to the original text.
//!
//! The matcher never looks at the text a person typed. It looks at a
//! *normalized* copy in which the usual evasions are undone, and every byte
//! of that copy remembers which bytes of the original it came from and which
//! transforms produced it. A hit in the normalized copy therefore maps back to
//! an exact slice of the original, with the list of transforms it needed.
//!
//! # What is undone
//!
//! Per character (tables generated from Unicode, see `gen_tables.py`):
//! case (full Unicode lowercasing), compatibility forms (fullwidth,
//! mathematical alphanumerics, ligatures, circled letters), diacritics
//! (precomposed or combining), letters that look Latin (Cyrillic, Greek),
//! and invisible characters (zero-width, soft hyphen, bidi controls, and
//! U+FFFD, which a lone surrogate in a transaction becomes).
//!
//! Per word: leetspeak (`0 o`, `1 i`, `3 e`, `4 a`, `5 s`, `7 t`, `@ a`,
//! `$ s`), applied only in words that also contain a letter so that amounts
//! such as `50000` stay numbers; the letter `l` is folded into `i`, because
//! `1` may stand for either and a single canonical letter lets one automaton
//! pattern match both spellings without a combinatorial number of variants;
//! then runs of a repeated letter collapse to one (`schoool`). The price of
//! the `l`/`i` fold and the collapse is that a few distinct words meet
//! (`bills` and `bis`); terms are therefore best written as phrases, and the
//! false-positive rate is measured on ordinary memos, not assumed.
//!
//! Between words: single letters separated by spaces, dots, dashes or
//! underscores are joined (`s c h o o l`, `s.c.h.o.o.l`); punctuation such
//! as `.`, `-`, `_`, `*` or an apostrophe inside a word is dropped
//! (`sch-ool`); an emoji wedged inside a word is dropped, while an emoji on
//! its own is kept as a word so that packs can name it.
//!
//! Terms are normalized with the same function, except that punctuation
//! inside a term separates words (`pang-eskwela` is the two words `pang
//! eskwela`); every multi-word term is also indexed without its spaces, so
//! that `pang-eskwela`, `pang eskwela` and `pangeskwela` in a memo all match.
//!
//! The normalized copy is a sequence of words separated by single spaces, so
//! a whole-word match is one that starts and ends at a space or at an end.

pub(crate) mod tables;

/// Transform bits recorded per normalized character.
pub(crate) mod bits {
    pub(crate) const CASE: u16 = 1 << 0;
    pub(crate) const COMPAT: u16 = 1 << 1;
    pub(crate) const DIACRITICS: u16 = 1 << 2;
    pub(crate) const LOOKALIKE: u16 = 1 << 3;
    pub(crate) const LEET: u16 = 1 << 4;
    pub(crate) const INVISIBLE: u16 = 1 << 5;
    pub(crate) const SPACING: u16 = 1 << 6;
    pub(crate) const REPEAT: u16 = 1 << 7;
    pub(crate) const PUNCTUATION: u16 = 1 << 8;
    pub(crate) const EMOJI: u16 = 1 << 9;
    /// Not a transform: marks a character that starts a piece glued to the
    /// previous one across punctuation or an emoji. The position is a *soft*
    /// word boundary: `PAYPAL*ESCORT` is searched as one word (for
    /// `pay*pal` evasions) and as two (for card descriptors).
    pub(crate) const SOFT: u16 = 1 << 15;
}

/// One transform the normalizer applied to make a hit match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum Transform {
    /// Upper case folded to lower case (any script).
    Case,
    /// A compatibility form (fullwidth, mathematical, ligature, circled,
    /// superscript) replaced by its plain letter or digit.
    Compat,
    /// Diacritics removed (`é` to `e`, combining marks dropped).
    Diacritics,
    /// A Cyrillic, Greek or other letter that looks Latin replaced by that
    /// Latin letter.
    Lookalike,
    /// A digit or symbol read as a letter (`0` as `o`, `@` as `a`).
    Leet,
    /// Zero-width characters, soft hyphens or bidi controls removed.
    Invisible,
    /// Single letters separated by spaces, dots, dashes or underscores joined.
    Spacing,
    /// A run of a repeated letter collapsed to one.
    Repeat,
    /// Punctuation inside a word removed.
    Punctuation,
    /// An emoji inside a word removed.
    Emoji,
}

impl Transform {
    const ALL: [(u16, Transform); 10] = [
        (bits::CASE, Transform::Case),
        (bits::COMPAT, Transform::Compat),
        (bits::DIACRITICS, Transform::Diacritics),
        (bits::LOOKALIKE, Transform::Lookalike),
        (bits::LEET, Transform::Leet),
        (bits::INVISIBLE, Transform::Invisible),
        (bits::SPACING, Transform::Spacing),
        (bits::REPEAT, Transform::Repeat),
        (bits::PUNCTUATION, Transform::Punctuation),
        (bits::EMOJI, Transform::Emoji),
    ];

    /// The wire name, e.g. `"leet"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Transform::Case => "case",
            Transform::Compat => "compat",
            Transform::Diacritics => "diacritics",
            Transform::Lookalike => "lookalike",
            Transform::Leet => "leet",
            Transform::Invisible => "invisible",
            Transform::Spacing => "spacing",
            Transform::Repeat => "repeat",
            Transform::Punctuation => "punctuation",
            Transform::Emoji => "emoji",
        }
    }

    /// The transform with this wire name.
    pub(crate) fn parse(name: &str) -> Option<Transform> {
        Transform::ALL.iter().map(|&(_, t)| t).find(|t| t.as_str() == name)
    }

    /// The transforms in a bit set, in a fixed order.
    pub(crate) fn from_bits(set: u16) -> Vec<Transform> {
        Transform::ALL.iter().filter(|(b, _)| set & b != 0).map(|&(_, t)| t).collect()
    }
}

/// Where one normalized byte came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Origin {
    /// Start of the original bytes (inclusive).
    pub(crate) start: u32,
    /// End of the original bytes (exclusive).
    pub(crate) end: u32,
    /// Transform bits.
    pub(crate) bits: u16,
}

/// The normalized copy of a text and its byte-by-byte origin map.
#[derive(Clone, Debug, Default)]
pub(crate) struct Normalized {
    pub(crate) text: String,
    /// `origin[i]` describes byte `i` of `text`.
    pub(crate) origin: Vec<Origin>,
    /// Byte positions in `text` that are soft word boundaries, ascending.
    pub(crate) soft: Vec<usize>,
}

impl Normalized {
    /// Maps a normalized byte range (as returned by the matcher, always on
    /// char boundaries of `text`) back to the original: `(start, end, bits)`.
    pub(crate) fn span(&self, start: usize, end: usize) -> Option<(usize, usize, u16)> {
        if start >= end {
            return None;
        }
        let first = self.origin.get(start)?;
        let last = self.origin.get(end - 1)?;
        let bits = self.origin.get(start..end)?.iter().fold(0, |acc, o| acc | o.bits);
        Some((first.start as usize, last.end as usize, bits))
    }

    /// Whether a match at `start..end` begins and ends on word boundaries.
    pub(crate) fn is_word(&self, start: usize, end: usize) -> bool {
        let b = self.text.as_bytes();
        let soft = |at: usize| self.soft.binary_search(&at).is_ok();
        (start == 0 || b.get(start - 1) == Some(&b' ') || soft(start))
            && (end == b.len() || b.get(end) == Some(&b' ') || soft(end))
    }
}

/// The normalized text is at most this many times as long as the input, in
/// bytes: a fold writes at most four bytes for a char of two or more, and
/// every other step writes at most one byte for each byte it reads.
#[cfg(any(test, fuzzing))]
pub(crate) const MAX_GROWTH: usize = 2;

/// Checks the normalizer's invariants on `input`, in both modes: the
/// normalized text is no longer than [`MAX_GROWTH`] times the input, every
/// char of it maps back to a slice of the input on char boundaries, and soft
/// boundaries are ascending positions inside it. The fuzz target and the
/// tests below call it; it returns what broke instead of panicking.
#[cfg(any(test, fuzzing))]
pub(crate) fn check_invariants(input: &str) -> Result<(), String> {
    for mode in [Mode::Text, Mode::Term] {
        let n = normalize(input, mode);
        if n.text.len() > MAX_GROWTH * input.len() {
            return Err(format!("{mode:?}: {} bytes from {}", n.text.len(), input.len()));
        }
        if n.origin.len() != n.text.len() {
            return Err(format!("{mode:?}: origin map of {} for {} bytes", n.origin.len(), n.text.len()));
        }
        let mut words = n.text.split(' ').scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, start + w.len()))
        });
        let chars = n.text.char_indices().map(|(i, c)| (i, i + c.len_utf8()));
        for (start, end) in chars.chain(words.by_ref()).chain([(0, n.text.len())]) {
            // A space between two emoji has no bytes of its own.
            let blank = n.text.get(start..end).is_some_and(|t| t.bytes().all(|b| b == b' '));
            match n.span(start, end) {
                _ if start == end => {}
                Some((s, e, _)) if (s < e || blank) && input.get(s..e).is_some() => {}
                other => return Err(format!("{mode:?}: {start}..{end} of {:?} maps to {other:?}", n.text)),
            }
        }
        if !n.soft.windows(2).all(|w| w[0] < w[1]) || n.soft.iter().any(|&p| p == 0 || p >= n.text.len()) {
            return Err(format!("{mode:?}: soft boundaries {:?} in {} bytes", n.soft, n.text.len()));
        }
    }
    Ok(())
}

/// Text or term: the two differ only in how punctuation inside a word is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A transaction field: punctuation inside a word is an evasion, drop it.
    Text,
    /// A pack term: punctuation inside a term separates words.
    Term,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// A letter of any script.
    Letter,
    /// An ASCII digit.
    Digit,
    /// `@` or `$`: a letter inside a word, a sigil or currency sign outside.
    Leet,
    /// Whitespace.
    Space,
    /// Punctuation that may sit inside a word (`.`, `-`, `_`, `*`, `'` ...).
    Joiner,
    /// Other punctuation and symbols: always a word boundary.
    Punct,
    /// An emoji.
    Emoji,
}

#[derive(Clone, Copy, Debug)]
struct Unit {
    c: char,
    start: u32,
    end: u32,
    bits: u16,
    class: Class,
}

fn ascii_class(c: char) -> Class {
    match c {
        'a'..='z' | 'A'..='Z' => Class::Letter,
        '0'..='9' => Class::Digit,
        // `|` stays a joiner (`sch|ool`); as `l` it would read `i` anyway.
        '@' | '$' | '!' => Class::Leet,
        '.' | '-' | '_' | '*' | '\'' | '`' | '~' | '^' | '|' | '+' | '=' | ':' => Class::Joiner,
        c if c.is_ascii_whitespace() || c.is_ascii_control() => Class::Space,
        _ => Class::Punct,
    }
}

fn non_ascii_class(c: char) -> Class {
    if c.is_alphanumeric() {
        Class::Letter
    } else if c.is_whitespace() {
        Class::Space
    } else {
        match c {
            // Apostrophes, middle dots, bullets and hyphens people put inside
            // words.
            '\u{2018}' | '\u{2019}' | '\u{00B7}' | '\u{2022}' | '\u{2010}' | '\u{2011}' | '\u{2027}' | '\u{30FB}' => {
                Class::Joiner
            }
            _ => Class::Punct,
        }
    }
}

/// Pushes `c` (already folded) lowercased, as one or more units.
fn push_lower(out: &mut Vec<Unit>, c: char, start: u32, end: u32, bits: u16) {
    if c.is_ascii() {
        let class = ascii_class(c);
        let (c, case) = if c.is_ascii_uppercase() { (c.to_ascii_lowercase(), bits::CASE) } else { (c, 0) };
        out.push(Unit { c, start, end, bits: bits | case, class });
        return;
    }
    let (l, case) = match tables::to_lower(c) {
        Some(l) => (l, bits::CASE),
        None => (c, 0),
    };
    // The lowercase may itself fold (the small form of a look-alike); only a
    // one-char fold replaces it, so a unit stays one char.
    let (l, extra) = match tables::fold(l).map(|f| (f, f.text.chars())) {
        Some((f, mut chars)) => match (chars.next(), chars.next()) {
            (Some(one), None) => (one, fold_bits(f.kind)),
            _ => (l, 0),
        },
        None => (l, 0),
    };
    let class = if l.is_ascii() { ascii_class(l) } else { non_ascii_class(l) };
    out.push(Unit { c: l, start, end, bits: bits | case | extra, class });
}

fn fold_bits(kind: u8) -> u16 {
    let mut b = 0;
    if kind & tables::COMPAT != 0 {
        b |= bits::COMPAT;
    }
    if kind & tables::DIACRITIC != 0 {
        b |= bits::DIACRITICS;
    }
    if kind & tables::LOOKALIKE != 0 {
        b |= bits::LOOKALIKE;
    }
    b
}

/// Phase 1: characters to classified, folded units.
fn units(input: &str, out: &mut Vec<Unit>) {
    let mut pending: u16 = 0;
    for (i, c) in input.char_indices() {
        // Offsets fit in u32: inputs are bounded by the screener's limits
        // (at most a few MB), far below 4 GiB.
        let start = i as u32;
        let end = (i + c.len_utf8()) as u32;
        if c.is_ascii() {
            push_lower(out, c, start, end, std::mem::take(&mut pending));
            continue;
        }
        let after_emoji = out.last().is_some_and(|u| u.class == Class::Emoji && u.end == start);
        if after_emoji
            && (tables::is_emoji_modifier(c)
                || matches!(c, '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{E0020}'..='\u{E007F}'))
        {
            // Part of an emoji sequence (skin tone, ZWJ, presentation
            // selector, flag tags): it belongs to the emoji, not an evasion.
            if let Some(u) = out.last_mut() {
                u.end = end;
            }
            continue;
        }
        if tables::is_mark(c) {
            match out.last_mut() {
                Some(u) if u.end == start && u.class == Class::Letter => {
                    u.end = end;
                    u.bits |= bits::DIACRITICS;
                }
                _ => pending |= bits::DIACRITICS,
            }
            continue;
        }
        // U+FFFD is what a lone surrogate became when the transaction was
        // read (json::Surrogates::Replace): dropped like a zero-width
        // character, so `sch\u{D800}ool` cannot split a word to hide it.
        if tables::is_invisible(c) || tables::is_emoji_modifier(c) || c == char::REPLACEMENT_CHARACTER {
            pending |= bits::INVISIBLE;
            continue;
        }
        if tables::is_emoji(c) {
            out.push(Unit { c, start, end, bits: std::mem::take(&mut pending), class: Class::Emoji });
            continue;
        }
        let bits_now = std::mem::take(&mut pending);
        match tables::fold(c) {
            Some(f) => {
                let b = bits_now | fold_bits(f.kind);
                for fc in f.text.chars() {
                    push_lower(out, fc, start, end, b);
                }
            }
            None => {
                let class = non_ascii_class(c);
                if class == Class::Letter {
                    push_lower(out, c, start, end, bits_now);
                } else {
                    out.push(Unit { c, start, end, bits: bits_now, class });
                }
            }
        }
    }
}

fn is_word(class: Class) -> bool {
    matches!(class, Class::Letter | Class::Digit | Class::Leet)
}

fn leet(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '6' | '9' => 'g',
        '7' => 't',
        '8' => 'b',
        '@' => 'a',
        '$' => 's',
        '!' => 'i',
        _ => return None,
    })
}

/// A maximal run of word units, or a single emoji.
#[derive(Clone, Copy, Debug)]
struct Piece {
    start: usize,
    end: usize,
    emoji: bool,
}

/// What lies between two pieces.
#[derive(Clone, Copy, Debug, Default)]
struct Gap {
    spaces: u32,
    joiners: u32,
    puncts: u32,
}

impl Gap {
    fn is_empty(&self) -> bool {
        self.spaces == 0 && self.joiners == 0 && self.puncts == 0
    }
}

/// Working buffers of one normalization, kept between calls so that a
/// screen allocates only the [`Normalized`] it returns.
#[derive(Default)]
struct Scratch {
    units: Vec<Unit>,
    pieces: Vec<Piece>,
    gaps: Vec<Gap>,
    glue: Vec<Option<u16>>,
    dropped: Vec<bool>,
    word: Vec<Unit>,
}

impl Scratch {
    /// Buffers grown past this many units are released after use, so one
    /// huge memo does not pin its memory for the life of the thread.
    const KEEP: usize = 1 << 14;

    fn trim(&mut self) {
        if self.units.capacity() > Scratch::KEEP {
            *self = Scratch::default();
        }
    }
}

std::thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Normalizes `input`. See the module docs for what that means.
pub(crate) fn normalize(input: &str, mode: Mode) -> Normalized {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            let out = normalize_with(input, mode, &mut scratch);
            scratch.trim();
            out
        }
        // Not reentrant in practice; a fresh set of buffers if it ever is.
        Err(_) => normalize_with(input, mode, &mut Scratch::default()),
    })
}

fn normalize_with(input: &str, mode: Mode, scratch: &mut Scratch) -> Normalized {
    let mut out = Normalized {
        text: String::with_capacity(input.len()),
        origin: Vec::with_capacity(input.len()),
        soft: Vec::new(),
    };
    let Scratch { units: unit_buf, pieces, gaps, glue, dropped, word } = scratch;
    unit_buf.clear();
    pieces.clear();
    gaps.clear();
    word.clear();
    units(input, unit_buf);
    let u = &unit_buf[..];

    // Phase 2a: pieces and the gaps between them (gaps[k] lies before
    // pieces[k]).
    let mut gap = Gap::default();
    let mut i = 0;
    while i < u.len() {
        let class = u[i].class;
        if is_word(class) {
            let start = i;
            while i < u.len() && is_word(u[i].class) {
                i += 1;
            }
            pieces.push(Piece { start, end: i, emoji: false });
            gaps.push(std::mem::take(&mut gap));
            continue;
        }
        match class {
            Class::Emoji => {
                pieces.push(Piece { start: i, end: i + 1, emoji: true });
                gaps.push(std::mem::take(&mut gap));
            }
            Class::Space => gap.spaces += 1,
            Class::Joiner => gap.joiners += 1,
            _ => gap.puncts += 1,
        }
        i += 1;
    }

    // Phase 2b: decide which gaps glue their neighbours into one word.
    // glue[k] is the transform bit set when pieces[k-1] and pieces[k] join,
    // or None when gaps[k] is a word boundary.
    let n = pieces.len();
    glue.clear();
    glue.resize(n, None);
    dropped.clear();
    dropped.resize(n, false);
    let single = |p: &Piece| !p.emoji && p.end - p.start == 1;
    if mode == Mode::Text {
        for k in 1..n {
            let (a, b, g) = (pieces[k - 1], pieces[k], gaps[k]);
            if !a.emoji && !b.emoji && g.spaces == 0 && g.puncts == 0 && g.joiners > 0 {
                let bit = if single(&a) && single(&b) { bits::SPACING } else { bits::PUNCTUATION | bits::SOFT };
                glue[k] = Some(bit);
            }
        }
        // An emoji wedged between two word pieces with nothing else around it.
        for k in 1..n.saturating_sub(1) {
            if pieces[k].emoji
                && !pieces[k - 1].emoji
                && !pieces[k + 1].emoji
                && gaps[k].is_empty()
                && gaps[k + 1].is_empty()
            {
                dropped[k] = true;
                glue[k] = Some(0);
                glue[k + 1] = Some(bits::EMOJI | bits::SOFT);
            }
        }
    }
    // Runs of at least three single characters separated by short gaps of
    // spaces and joiners: `s c h o o l`, `s - c - h`.
    let spacing_gap = |g: &Gap| g.puncts == 0 && g.spaces + g.joiners <= 3 && (mode == Mode::Text || g.joiners == 0);
    let mut k = 0;
    while k < n {
        if !single(&pieces[k]) {
            k += 1;
            continue;
        }
        let mut j = k + 1;
        while j < n && single(&pieces[j]) && (spacing_gap(&gaps[j]) || glue[j].is_some()) {
            j += 1;
        }
        if j - k >= 3 {
            for g in glue.iter_mut().take(j).skip(k + 1) {
                *g = Some(g.unwrap_or(0) | bits::SPACING);
            }
        }
        k = j.max(k + 1);
    }

    // Phase 2c: emit words.
    let mut carry: u16 = 0;
    for k in 0..n {
        if glue[k].is_none() && !word.is_empty() {
            emit_word(word, &mut out);
        }
        if let Some(b) = glue[k] {
            carry |= b;
        }
        if dropped[k] {
            continue;
        }
        let p = pieces[k];
        for (idx, unit) in u[p.start..p.end].iter().enumerate() {
            let mut unit = *unit;
            if idx == 0 {
                unit.bits |= std::mem::take(&mut carry);
            }
            word.push(unit);
        }
        if p.emoji {
            // An emoji is always a word of its own.
            emit_word(word, &mut out);
        }
    }
    if !word.is_empty() {
        emit_word(word, &mut out);
    }
    out
}

/// Applies the per-word rules and appends the word to `out`.
fn emit_word(word: &mut Vec<Unit>, out: &mut Normalized) {
    let lettered = word.iter().any(|u| u.class == Class::Letter);
    // A leading `@` before letters is a handle sigil, not a letter.
    let skip = usize::from(word.len() > 1 && word[0].c == '@' && word.get(1).is_some_and(|u| u.class == Class::Letter));
    // `!` stands for a letter only inside a word: `f@m!ly`, but `thanks!`
    // is an exclamation and `salamat!!` must still end in `t`.
    let is_mark = |u: &Unit| u.class == Class::Leet && u.c == '!';
    let last = word.iter().rposition(|u| is_word(u.class) && !is_mark(u)).unwrap_or(0);
    // Each output char with the length of the run it collapsed.
    let mut chars: Vec<(char, Origin, u32)> = Vec::with_capacity(word.len());
    for (i, u) in word.iter().enumerate().skip(skip) {
        if is_mark(u) && i > last {
            continue;
        }
        let (c, extra) = match u.class {
            Class::Digit | Class::Leet if lettered => match leet(u.c) {
                Some(l) => (l, bits::LEET),
                None => (u.c, 0),
            },
            // `$` and `@` in a number (`$50`) are signs, not letters.
            Class::Leet => continue,
            _ => (u.c, 0),
        };
        // `l` and `1` (read as `i`) become one letter, before repeats are
        // collapsed so that `sp1it`, `spliit` and `split` all agree.
        let c = if c == 'l' { 'i' } else { c };
        let origin = Origin { start: u.start, end: u.end, bits: u.bits | extra };
        match chars.last_mut() {
            Some((prev, o, run)) if lettered && *prev == c && u.class != Class::Emoji => {
                o.end = origin.end;
                // A soft boundary inside a collapsed run is no boundary.
                o.bits |= origin.bits & !bits::SOFT;
                *run += 1;
            }
            _ => chars.push((c, origin, 1)),
        }
    }
    // Doubled letters are ordinary spelling (`fees`, `school`) and the term
    // collapses them too; only a run of three or more is an evasion worth
    // reporting.
    for (_, o, run) in &mut chars {
        if *run >= 3 {
            o.bits |= bits::REPEAT;
        }
    }
    word.clear();
    if chars.is_empty() {
        return;
    }
    if !out.text.is_empty() {
        let prev_end = out.origin.last().map_or(0, |o| o.end);
        out.text.push(' ');
        out.origin.push(Origin { start: prev_end, end: chars[0].1.start, bits: 0 });
    }
    for (c, o, _) in chars {
        if o.bits & bits::SOFT != 0 && !out.text.ends_with(' ') && !out.text.is_empty() {
            out.soft.push(out.text.len());
        }
        out.text.push(c);
        for _ in 0..c.len_utf8() {
            out.origin.push(o);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalize(s, Mode::Text).text
    }

    /// Every char alone, after a letter and between letters: the growth
    /// bound and the span invariants hold for all of Unicode.
    #[test]
    fn invariants_hold_for_every_char() {
        let mut buf = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for (before, after) in [("", ""), ("a", ""), ("x", "y")] {
                buf.clear();
                buf.push_str(before);
                buf.push(c);
                buf.push(c);
                buf.push_str(after);
                if let Err(e) = check_invariants(&buf) {
                    panic!("{c:?} in {buf:?}: {e}");
                }
            }
        }
    }

    fn t(s: &str) -> String {
        normalize(s, Mode::Term).text
    }

    #[test]
    fn plain_words() {
        assert_eq!(n("School Fees"), "schoi fes");
        assert_eq!(n("split sp1it spliit"), "spit spit spit");
        assert_eq!(t("school fees"), "schoi fes");
        assert_eq!(n("  school,   fees!! "), "schoi fes");
    }

    #[test]
    fn evasions_agree_with_the_term() {
        let term = t("school fees");
        let joined = term.replace(' ', "");
        for s in [
            "sch00l f33s",
            "s c h o o l  f e e s",
            "ｓｃｈｏｏｌ ｆｅｅｓ",
            "\u{0455}\u{0441}h\u{043E}\u{043E}l f\u{0435}\u{0435}\u{0455}",
            "sch\u{200B}ool fe\u{200D}es",
            "SCHOOOOL FEES",
            "s.c.h.o.o.l f.e.e.s",
            "sch-ool fe_es",
            "schoo1 fees",
            "$chool fee$",
        ] {
            let got = n(s);
            assert!(got == term || got == joined, "{s:?} gave {got:?}");
        }
    }

    #[test]
    fn exclamation_marks_are_leet_only_inside_words() {
        assert_eq!(n("f@m!ly"), n("family"));
        assert_eq!(n("salamat!!"), "saiamat");
        assert_eq!(n("thanks! bye"), "thanks bye");
        assert_eq!(n("k3luar9a 8antuan"), n("keluarga bantuan"));
    }

    #[test]
    fn numbers_stay_numbers() {
        assert_eq!(n("Rp 50000"), "rp 50000");
        assert_eq!(n("$50"), "50");
        // In a word with letters, digits read as letters where leetspeak
        // uses them (8 as b); 2 is not one of them.
        assert_eq!(n("@maria_88"), "mariab");
        assert_eq!(n("@maria_22"), "maria2");
    }

    #[test]
    fn spans_map_back() {
        let s = "🙂 Ｓch00l";
        let norm = normalize(s, Mode::Text);
        let at = norm.text.find("schoi").unwrap_or(usize::MAX);
        let (a, b, bits) = norm.span(at, at + 5).unwrap_or((0, 0, 0));
        assert_eq!(&s[a..b], "Ｓch00l");
        assert!(bits & bits::LEET != 0 && bits & bits::COMPAT != 0);
    }

    #[test]
    fn emoji_are_words() {
        assert_eq!(n("gift🎁"), "gift 🎁");
        assert_eq!(n("gi🎁ft"), "gift");
        assert_eq!(n("❤️ mama"), "❤ mama");
    }
}
