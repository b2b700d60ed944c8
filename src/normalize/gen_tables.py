#!/usr/bin/env python3
"""Generate src/normalize/tables.rs, the character tables of the memo normalizer.

Usage (from the repository root):

    python3 src/normalize/gen_tables.py            # rewrites tables.rs next to this file
    python3 src/normalize/gen_tables.py --stdout   # prints it instead
    python3 src/normalize/gen_tables.py --check    # exit 1 if tables.rs is stale

Inputs: the Unicode Character Database files in tests/data/ucd/ (see its
README.md), pinned to UNICODE_VERSION below and to their SHA-256, so the output
depends on nothing but this file and those files: not on the Python version
(whose `unicodedata` lags: Python 3.11 has Unicode 14) nor on any package.
  * UnicodeData.txt: general categories, canonical combining classes,
    decompositions and simple lowercase mappings.
  * Scripts.txt: the Script property (Latin, Greek, Cyrillic; step 3 below).
  * emoji/emoji-data.txt: Extended_Pictographic.
  * ReadMe.txt: only read for the version it states.
UNICODE_VERSION must equal the Unicode version of the pinned Rust toolchain
(`char::UNICODE_VERSION`), because the normalizer also uses core's
`char::is_alphanumeric` and friends; the generated tests check that. To move
to a new version, replace the files, then update UNICODE_VERSION, UCD_SHA256
and tests/data/ucd/README.md.

The generated Rust needs none of this; it is plain sorted arrays searched by
binary search, because the crate ships as a wasm module with a size budget and
must not pull in lazy statics or hash maps.

How a char is folded (the lead's specification, with the judgment calls marked):
  1. Chars in DIRECT (the hand-listed letters plus the look-alike map) fold
     straight to their listed text. This runs before decomposition because some
     look-alikes decompose to something that looks different: U+03F2 lunate
     sigma `ϲ` looks like `c`, yet NFKD turns it into final sigma `ς`, which
     the map sends to `s`.
  2. Otherwise r = NFKD(c) (the full decomposition of UnicodeData.txt, then
     the canonical ordering of combining marks) with every Mn/Me mark
     removed, and each char of r is passed through DIRECT too, so `ǿ`
     (ø + acute) -> `o` and `ё` -> `e`.
  3. c is kept when r differs from c, is non-empty, and every char of r is an
     ASCII letter, digit or space, or a letter of the Latin, Greek or Cyrillic
     script. Fullwidth punctuation such as `！` is therefore left alone.
  4. kind: COMPAT when any step of the decomposition chain had a <tag>,
     DIACRITIC when marks were removed or a hand-listed letter was used,
     LOOKALIKE when the look-alike map changed something. A char that folds
     only through a canonical singleton (KELVIN SIGN -> K, OHM SIGN -> Ω) would
     get no bit at all; it is marked COMPAT, since Unicode encodes those
     singletons only for round-trip compatibility and an explanation that names
     no reason would be useless to a reviewer.
"""

import argparse
import hashlib
import os
import re
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
UCD_DIR = os.path.join(ROOT, "tests", "data", "ucd")
# The Unicode version of the files in UCD_DIR, written into tables.rs.
UNICODE_VERSION = "17.0.0"
# The files read, as shipped in Debian's `unicode-data` 17.0.0-2 (unmodified
# from the Unicode Consortium's UCD); a changed file fails the generator.
UCD_SHA256 = {
    "ReadMe.txt": "9fe1a90bd32659d7953616283dc2bffaa165518aae9ace026040c42c559ba606",
    "UnicodeData.txt": "2e1efc1dcb59c575eedf5ccae60f95229f706ee6d031835247d843c11d96470c",
    "Scripts.txt": "9f5e50d3abaee7d6ce09480f325c706f485ae3240912527e651954d2d6b035bf",
    "emoji/emoji-data.txt": "2cb2bb9455cda83e8481541ecf5b6dfda66a3bb89efa3fa7c5297eccf607b72b",
}

COMPAT = 1
DIACRITIC = 2
LOOKALIKE = 4

# Letters with a stroke, ligatures and the like: Unicode gives them no
# decomposition, yet a reader sees the base letter(s).
HAND = {
    "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
    "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ß": "ss", "ẞ": "SS",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH",
    "ð": "d", "Ð": "D", "ı": "i", "ĸ": "k", "ƒ": "f",
    # Judgment call beyond the lead's list: the capital of ƒ, so that case
    # does not decide whether the hook is seen through.
    "Ƒ": "F",
}

# Non-Latin letters that render like a Latin letter in common fonts. Keys are
# written as code points so that this file itself contains no confusables.
LOOKALIKES_BOTH_CASES = {
    # Cyrillic (capital, small) -> Latin
    (0x0410, 0x0430): "a", (0x0412, 0x0432): "b", (0x0413, 0x0433): "r",
    (0x0415, 0x0435): "e", (0x041A, 0x043A): "k", (0x041C, 0x043C): "m",
    (0x041D, 0x043D): "h", (0x041E, 0x043E): "o", (0x041F, 0x043F): "n",
    (0x0420, 0x0440): "p", (0x0421, 0x0441): "c", (0x0422, 0x0442): "t",
    (0x0423, 0x0443): "y", (0x0425, 0x0445): "x", (0x042C, 0x044C): "b",
    (0x0405, 0x0455): "s", (0x0406, 0x0456): "i", (0x0408, 0x0458): "j",
    (0x04BA, 0x04BB): "h", (0x04C0, 0x04CF): "l", (0x0500, 0x0501): "d",
    (0x051A, 0x051B): "q", (0x051C, 0x051D): "w",
    # Greek (capital, small) -> Latin
    (0x0391, 0x03B1): "a", (0x0392, 0x03B2): "b", (0x0395, 0x03B5): "e",
    (0x0396, 0x03B6): "z", (0x0399, 0x03B9): "i", (0x039A, 0x03BA): "k",
    (0x039F, 0x03BF): "o", (0x03A1, 0x03C1): "p", (0x03A4, 0x03C4): "t",
    (0x03A7, 0x03C7): "x",
}
LOOKALIKES_ONE_CASE = {
    # Greek letters whose other case does not look like the same Latin letter
    # (Γ is not a Y, Ω is not a W), or which look like different letters in
    # each case (Η is an H, η an n).
    0x03B3: "y", 0x0397: "h", 0x03B7: "n", 0x039C: "m", 0x03BC: "u",
    0x039D: "n", 0x03BD: "v", 0x03A5: "y", 0x03C5: "u", 0x03C9: "w",
    0x03C2: "s", 0x03F2: "c", 0x03F3: "j",
    # Latin letters outside ASCII
    0x0251: "a", 0x0261: "g", 0x0269: "i", 0x0237: "j", 0x01C0: "l",
    0x028F: "y",
    # Armenian
    0x0585: "o", 0x057D: "u", 0x0578: "n", 0x0570: "h", 0x0581: "g",
    0x0566: "q",
    # Judgment call beyond the lead's list: the capital partners of listed
    # small letters that are drawn exactly like the Latin capital (Greek
    # capital lunate sigma = C, Greek capital yot = J, Latin capital script
    # g = G, Armenian capital oh = O and seh = U). Without these, U+03F9
    # would fold through NFKD to a misleading Σ.
    0x03F9: "c", 0x037F: "j", 0xA7AC: "g", 0x0555: "o", 0x054D: "u",
}

LOOK = {}
for (upper, lower), latin in LOOKALIKES_BOTH_CASES.items():
    LOOK[chr(upper)] = latin
    LOOK[chr(lower)] = latin
for cp, latin in LOOKALIKES_ONE_CASE.items():
    LOOK[chr(cp)] = latin

# Hangul, CJK compatibility ideographs and radicals never fold to Latin, Greek
# or Cyrillic; skipping them only saves time.
SKIP = [
    (0xD800, 0xDFFF),  # surrogates
    (0xAC00, 0xD7A3),  # Hangul syllables
    (0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xD7B0, 0xD7FF),
    (0xFFA0, 0xFFDC),  # Hangul jamo, compatibility and halfwidth jamo
    (0xF900, 0xFAFF), (0x2F800, 0x2FA1F),  # CJK compatibility ideographs
    (0x2E80, 0x2EFF), (0x2F00, 0x2FDF),  # CJK radicals, Kangxi radicals
]

INVISIBLE_EXTRA = [
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul choseong / jungseong fillers
    (0x3164, 0x3164),  # Hangul filler
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0x2800, 0x2800),  # braille pattern blank
    (0xFE00, 0xFE0F),  # variation selectors
    (0xE0100, 0xE01EF),  # variation selectors supplement
]

REGIONAL_INDICATORS = (0x1F1E6, 0x1F1FF)

SCRIPTS = ("Latin", "Greek", "Cyrillic")


def ucd_lines(name):
    """The data lines of a UCD file as lists of stripped fields, comments and
    blank lines left out."""
    with open(os.path.join(UCD_DIR, name), encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if line:
                yield [f.strip() for f in line.split(";")]


def ucd_ranges(name, value):
    """The code points whose second field is `value` in a UCD property file
    (`0041..005A ; Latin` lines)."""
    out = set()
    for fields in ucd_lines(name):
        if fields[1] == value:
            lo, _, hi = fields[0].partition("..")
            out.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    return out


class Ucd:
    """The properties the generator needs, read from UCD_DIR."""

    def __init__(self):
        for name, digest in UCD_SHA256.items():
            with open(os.path.join(UCD_DIR, name), "rb") as fh:
                data = fh.read()
            got = hashlib.sha256(data).hexdigest()
            assert got == digest, f"{name}: SHA-256 {got}, expected {digest} (see {UCD_DIR}/README.md)"
            head = data.decode("utf-8")[:2000]
            version = {
                "ReadMe.txt": r"for Version (\d+\.\d+\.\d+) of the Unicode Standard",
                "Scripts.txt": r"^# Scripts-(\d+\.\d+\.\d+)\.txt",
                # UTS #51 gives major.minor only; it is versioned with Unicode.
                "emoji/emoji-data.txt": r"^# Version: (\d+\.\d+)$",
            }.get(name)
            if version:
                m = re.search(version, head, re.M)
                assert m and UNICODE_VERSION.startswith(m.group(1)), f"{name} is not Unicode {UNICODE_VERSION}"
        self.version = UNICODE_VERSION
        self.cat, self.ccc, self.dec, self.low = {}, {}, {}, {}
        first = None
        for f in ucd_lines("UnicodeData.txt"):
            cp = int(f[0], 16)
            if f[1].endswith(", First>"):
                first = cp
                continue
            # `<CJK Ideograph, Last>` closes a range that shares one record.
            for c in range(first if f[1].endswith(", Last>") else cp, cp + 1):
                self.cat[c] = f[2]
                if f[3] != "0":
                    self.ccc[c] = int(f[3])
            first = None
            if f[5]:
                self.dec[cp] = f[5]
            if f[13]:
                self.low[cp] = int(f[13], 16)
        self.script = set()
        for name in SCRIPTS:
            self.script |= ucd_ranges("Scripts.txt", name)
        self.ext_pict = ucd_ranges("emoji/emoji-data.txt", "Extended_Pictographic")
        assert 0x1F600 in self.ext_pict and 0x0041 in self.script and self.cat[0x0301] == "Mn"

    def category(self, ch):
        """General category; Cn for unassigned code points."""
        return self.cat.get(ord(ch), "Cn")

    def combining(self, ch):
        """Canonical combining class."""
        return self.ccc.get(ord(ch), 0)

    def decomposition(self, ch):
        """The decomposition field of UnicodeData.txt (`<tag> 0020 0301`), or
        "" (also for Hangul syllables, whose decomposition is algorithmic)."""
        return self.dec.get(ord(ch), "")

    def lower(self, ch):
        """The simple lowercase mapping (ch itself when there is none). Only
        U+0130's full lowercase has more than one char (i + COMBINING DOT
        ABOVE), and its simple mapping is that first char."""
        return chr(self.low.get(ord(ch), ord(ch)))

    def is_script_letter(self, ch):
        """Whether ch's Script is Latin, Greek or Cyrillic."""
        return ord(ch) in self.script

    def is_ext_pict(self, ch):
        """Whether ch is Extended_Pictographic."""
        return ord(ch) in self.ext_pict


# Loaded by main(), so that importing this file reads nothing.
ucd = None


def is_mark(ch):
    return ucd.category(ch) in ("Mn", "Me")


def decompose(ch):
    """Full compatibility decomposition of ch (marks still in) and whether any
    step of the chain had a <tag>."""
    d = ucd.decomposition(ch)
    if not d:
        return [ch], False
    parts = d.split()
    compat = parts[0].startswith("<")
    if compat:
        parts = parts[1:]
    out = []
    for p in parts:
        sub, sub_compat = decompose(chr(int(p, 16)))
        out += sub
        compat = compat or sub_compat
    return out, compat


def canonical_order(chars):
    """The canonical ordering algorithm: each run of chars with a non-zero
    combining class is sorted (stably) by class. Together with decompose this
    is NFKD (no Hangul syllable gets here: they are skipped)."""
    out, run = [], []
    for x in chars + [None]:
        if x is not None and ucd.combining(x):
            run.append(x)
            continue
        out += sorted(run, key=ucd.combining)
        run = []
        if x is not None:
            out.append(x)
    return out


def acceptable(x):
    if x.isascii():
        return x == " " or x.isalnum()
    return ucd.category(x).startswith("L") and ucd.is_script_letter(x)


def skipped(cp):
    return any(lo <= cp <= hi for lo, hi in SKIP)


def fold_of(ch):
    """(text, kind) for ch, or None when ch stays as it is."""
    if ch in HAND:
        return HAND[ch], DIACRITIC
    if ch in LOOK:
        return LOOK[ch], LOOKALIKE
    chars, compat = decompose(ch)
    chars = canonical_order(chars)
    kept = [x for x in chars if not is_mark(x)]
    kind = COMPAT if compat else 0
    if len(kept) != len(chars):
        kind |= DIACRITIC
    out = []
    for x in kept:
        if x in HAND:
            out.append(HAND[x])
            kind |= DIACRITIC
        elif x in LOOK:
            out.append(LOOK[x])
            kind |= LOOKALIKE
        else:
            out.append(x)
    text = "".join(out)
    if text == ch or not text or not all(acceptable(x) for x in text):
        return None
    if kind == 0:
        kind = COMPAT  # canonical singleton, see the module docstring
    return text, kind


def merge(ranges):
    out = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def runs(pred):
    ranges = []
    start = None
    for cp in range(0x110000):
        ok = 0xD800 > cp or cp > 0xDFFF
        ok = ok and pred(chr(cp))
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            ranges.append((start, cp - 1))
            start = None
    if start is not None:
        ranges.append((start, 0x10FFFF))
    return ranges


def build():
    folds = []
    for cp in range(0x80, 0x110000):
        if skipped(cp):
            continue
        ch = chr(cp)
        if ucd.category(ch) in ("Cn", "Cs", "Co"):
            continue
        f = fold_of(ch)
        if f is not None:
            folds.append((cp, f[0], f[1]))

    # Outputs are ASCII or letters that have no fold of their own, so folding
    # is idempotent and the normalizer never needs a second pass.
    for _, text, _ in folds:
        for x in text:
            assert x.isascii() or fold_of(x) is None, (text, hex(ord(x)))

    # Shared text: longest outputs first, each shorter one reuses any earlier
    # occurrence (a valid UTF-8 needle found in valid UTF-8 always lands on
    # char boundaries).
    text = bytearray()
    offset = {}
    for t in sorted({t for _, t, _ in folds}, key=lambda t: (-len(t.encode()), t)):
        b = t.encode()
        at = bytes(text).find(b)
        if at < 0:
            at = len(text)
            text += b
        offset[t] = at
    assert len(text) <= 1 << 10, "offsets are 10 bits"
    entries = []
    for cp, t, kind in folds:
        n = len(t.encode())
        assert 0 < n < 8, "lengths are 3 bits"
        assert 0 < kind < 8, "kinds are 3 bits"
        assert cp < 0x20000, "folds are in planes 0 and 1"
        entries.append((cp, offset[t] | n << 10 | kind << 13))

    marks = runs(is_mark)
    invisible = merge(runs(lambda c: ucd.category(c) == "Cf") + INVISIBLE_EXTRA)
    emoji = merge(
        [r for r in runs(ucd.is_ext_pict) if r[0] >= 0x80]
        + [REGIONAL_INDICATORS]
    )
    assert all(lo >= 0x80 for lo, _ in emoji)
    return entries, text.decode(), marks, invisible, emoji, lower_runs()


def lower_runs():
    """Simple lowercase mappings outside ASCII as runs (start, count, step,
    delta): code points start, start + step, ... map to themselves + delta.
    The one multi-char lowercase (U+0130, i + COMBINING DOT ABOVE) keeps its
    first char: the normalizer drops the mark anyway."""
    runs = []
    for cp in range(0x80, 0x110000):
        lower = ucd.lower(chr(cp))
        if lower == chr(cp):
            continue
        delta = ord(lower) - cp
        if runs and runs[-1][3] == delta:
            start, count, step, _ = runs[-1]
            gap = cp - (start + (count - 1) * step)
            if (count == 1 and gap in (1, 2)) or gap == step:
                runs[-1] = [start, count + 1, gap, delta]
                continue
        runs.append([cp, 1, 1, delta])
    assert all(count < 256 for _, count, _, _ in runs)
    return runs


def rust_str_chunks(s, width=86):
    """Split s into Rust string literals of at most `width` source chars,
    escaping everything outside printable ASCII so the source has no
    confusables and no invisible chars."""
    chunks, cur, cur_len = [], [], 0
    for ch in s:
        if ch == '"' or ch == "\\":
            e = "\\" + ch
        elif " " <= ch <= "~":
            e = ch
        else:
            e = "\\u{%x}" % ord(ch)
        if cur_len + len(e) > width:
            chunks.append("".join(cur))
            cur, cur_len = [], 0
        cur.append(e)
        cur_len += len(e)
    if cur:
        chunks.append("".join(cur))
    return chunks


def emit_ranges(name, doc, ranges):
    lines = [f"/// {doc}", f"static {name}: [(u32, u32); {len(ranges)}] = ["]
    lines += [f"    (0x{lo:04X}, 0x{hi:04X})," for lo, hi in ranges]
    lines.append("];")
    return "\n".join(lines)


HEADER = """\
// Generated by gen_tables.py from the Unicode {uver} data files in
// tests/data/ucd/; do not edit. Regenerate with:
// python3 src/normalize/gen_tables.py

//! Character tables for the memo normalizer: how to fold a char to the letters
//! a reader sees, and which chars are marks, invisible, or emoji.
//!
//! Everything is a sorted static array searched by binary search, because the
//! crate ships as a wasm module with a size budget: no hash maps, no lazy
//! initialisation, nothing to build at start-up.
//!
//! {n} fold entries ({fold_bytes} bytes) with {text_bytes} bytes of shared text;
//! {nl} lowercase runs ({lower_bytes} bytes), used instead of `char::to_lowercase`
//! whose table is about 11 KB; {nm} mark ranges, {ni} invisible ranges, {ne}
//! emoji ranges ({range_bytes} bytes).
"""

BODY = """
/// The Unicode version of the data the tables were generated from. It must be
/// core's `char::UNICODE_VERSION`, since the normalizer also asks core's
/// `char` methods (`is_alphanumeric`, `is_whitespace`); a test checks it.
#[cfg(test)]
pub(crate) const UNICODE_VERSION: (u8, u8, u8) = {uver_tuple};

/// Bit set in `Fold::kind`: compatibility form (NFKD had a `<compat>`, `<font>`,
/// `<wide>`, `<circle>`, `<super>`, ... tag): fullwidth, mathematical
/// alphanumerics, ligatures, circled/parenthesized letters, superscripts, etc.
/// Also set for the few canonical singletons (KELVIN SIGN, OHM SIGN) that would
/// otherwise carry no bit, so every fold has a reason to show.
pub(crate) const COMPAT: u8 = 1;
/// Bit: diacritics removed (canonical decomposition minus combining marks, or a
/// hand-listed letter like ø, ł, đ, ß, æ).
pub(crate) const DIACRITIC: u8 = 2;
/// Bit: a Cyrillic/Greek/other letter that looks like a Latin letter was
/// replaced by that Latin letter.
pub(crate) const LOOKALIKE: u8 = 4;

/// The fold of one char: what to emit instead of it and which of the bits above
/// apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fold {
    /// Replacement text: ASCII letters, digits and spaces, or Latin, Greek and
    /// Cyrillic letters that themselves have no fold. Case is kept (`Ö` gives
    /// `O`), except that look-alikes always give lowercase Latin.
    pub(crate) text: &'static str,
    /// Union of `COMPAT`, `DIACRITIC` and `LOOKALIKE`; never zero.
    pub(crate) kind: u8,
}

/// Folding for a non-ASCII char, or None when the char stays as it is. ASCII
/// input always returns None.
pub(crate) fn fold(c: char) -> Option<Fold> {
    // Most memo text is ASCII; answer it without touching the table.
    if c < '\\u{80}' {
        return None;
    }
    let cp = u32::from(c);
    let (keys, values) = match cp >> 16 {
        0 => (&FOLD_KEYS_BMP[..], &FOLD_VALUES_BMP[..]),
        1 => (&FOLD_KEYS_SMP[..], &FOLD_VALUES_SMP[..]),
        _ => return None,
    };
    let i = keys.binary_search(&(cp as u16)).ok()?;
    unpack(*values.get(i)?)
}

/// A packed fold value: text offset (10 bits), text length (3), kind (3).
fn unpack(value: u16) -> Option<Fold> {
    let start = usize::from(value & 0x3FF);
    let len = usize::from(value >> 10 & 7);
    // `get` rather than indexing: a bad table entry yields no fold, never a
    // panic (the tests check that no entry is bad).
    let text = FOLD_TEXT.get(start..start + len)?;
    Some(Fold { text, kind: (value >> 13) as u8 })
}

/// The simple lowercase of a non-ASCII char (Unicode {uver}), or None when it
/// has none. `İ` gives `i`: its full lowercase adds a combining dot, which
/// the normalizer would drop.
pub(crate) fn to_lower(c: char) -> Option<char> {
    let cp = u32::from(c);
    let after = LOWER.partition_point(|&(start, _, _, _)| start <= cp);
    let &(start, count, step, delta) = LOWER.get(after.checked_sub(1)?)?;
    let k = (cp - start) / u32::from(step);
    if k >= u32::from(count) || (cp - start) % u32::from(step) != 0 {
        return None;
    }
    char::from_u32(cp.checked_add_signed(delta)?)
}

/// Whether c is a combining mark (general category Mn or Me) — the normalizer
/// drops these (diacritics given as separate marks).
pub(crate) fn is_mark(c: char) -> bool {
    // Every mark is outside ASCII; skip the search for the common case.
    c >= '\\u{80}' && in_ranges(&MARKS, u32::from(c))
}

/// Whether c is invisible and should be dropped: general category Cf (zero-width
/// space/joiner/non-joiner, soft hyphen U+00AD, word joiner, BOM, bidi controls,
/// Mongolian vowel separator, tags...) plus U+034F, U+115F, U+1160, U+3164,
/// U+FFA0, U+2800, and variation selectors U+FE00–FE0F and U+E0100–E01EF.
pub(crate) fn is_invisible(c: char) -> bool {
    c >= '\\u{80}' && in_ranges(&INVISIBLE, u32::from(c))
}

/// Whether c starts/is an emoji: Extended_Pictographic plus regional indicators
/// U+1F1E6–1F1FF. ASCII returns false (so © ® are emoji but '#' '*' digits are
/// not).
pub(crate) fn is_emoji(c: char) -> bool {
    c >= '\\u{80}' && in_ranges(&EMOJI, u32::from(c))
}

/// Emoji modifiers that belong to the previous emoji and are dropped: skin tones
/// U+1F3FB–1F3FF, keycap U+20E3.
pub(crate) fn is_emoji_modifier(c: char) -> bool {
    matches!(c, '\\u{1F3FB}'..='\\u{1F3FF}' | '\\u{20E3}')
}

/// Whether `cp` lies in one of the sorted, disjoint inclusive `ranges`.
fn in_ranges(ranges: &[(u32, u32)], cp: u32) -> bool {
    // The first range starting above cp is past it; only the one before can
    // hold cp.
    let after = ranges.partition_point(|&(lo, _)| lo <= cp);
    after
        .checked_sub(1)
        .and_then(|i| ranges.get(i))
        .is_some_and(|&(_, hi)| cp <= hi)
}

/// Folds in the Basic Multilingual Plane: the low 16 bits of each code
/// point, sorted, and the packed value of each (see `unpack`). Four bytes an
/// entry, the text shared.
static FOLD_KEYS_BMP: [u16; {nb}] = [
{keys_bmp}
];
static FOLD_VALUES_BMP: [u16; {nb}] = [
{values_bmp}
];
/// Folds in plane 1 (mathematical and enclosed alphanumerics), the same way.
static FOLD_KEYS_SMP: [u16; {ns}] = [
{keys_smp}
];
static FOLD_VALUES_SMP: [u16; {ns}] = [
{values_smp}
];

/// Lowercase runs sorted by start: (start, count, step, delta). The code
/// points `start + k * step` for `k < count` lowercase to themselves plus
/// `delta`. Eight bytes a run; core's table is eight bytes a char.
static LOWER: [(u32, u8, u8, i32); {nl}] = [
{lower}
];

/// Every fold's text, concatenated; a text that occurs inside a longer one
/// reuses its bytes instead of being stored twice.
static FOLD_TEXT: &str = concat!(
{text}
);

{marks}

{invisible}

{emoji}

/// Checks of the examples in the spec and of the generated tables' invariants.
#[cfg(test)]
mod tests {
    use super::*;

    /// Shorthand for an expected fold.
    fn f(text: &'static str, kind: u8) -> Option<Fold> {
        Some(Fold { text, kind })
    }

    /// The examples the lead's specification requires.
    #[test]
    fn examples_from_the_spec() {
        assert_eq!(fold('\\u{FF53}'), f("s", COMPAT)); // fullwidth s
        assert_eq!(fold('\\u{FF33}'), f("S", COMPAT)); // fullwidth S
        assert_eq!(fold('\\u{1D42C}'), f("s", COMPAT)); // mathematical bold s
        assert_eq!(fold('\\u{FB01}'), f("fi", COMPAT)); // fi ligature
        assert_eq!(fold('\\u{E9}'), f("e", DIACRITIC)); // e acute
        assert_eq!(fold('\\u{D6}'), f("O", DIACRITIC)); // O diaeresis
        assert_eq!(fold('\\u{DF}'), f("ss", DIACRITIC)); // sharp s
        assert_eq!(fold('\\u{441}'), f("c", LOOKALIKE)); // Cyrillic es
        assert_eq!(fold('\\u{455}'), f("s", LOOKALIKE)); // Cyrillic dze
        assert_eq!(fold('\\u{43E}'), f("o", LOOKALIKE)); // Cyrillic o
        assert_eq!(fold('\\u{435}'), f("e", LOOKALIKE)); // Cyrillic ie
        assert_eq!(fold('\\u{451}'), f("e", DIACRITIC | LOOKALIKE)); // Cyrillic io
        assert_eq!(fold('\\u{24E2}'), f("s", COMPAT)); // circled s
        assert_eq!(fold('\\u{B2}'), f("2", COMPAT)); // superscript two
        assert_eq!(fold('\\u{FF11}'), f("1", COMPAT)); // fullwidth 1
        assert_eq!(fold('\\u{2113}'), f("l", COMPAT)); // script small l
        assert_eq!(fold('A'), None);
        assert_eq!(fold('\\u{4E2D}'), None); // CJK "middle"
        assert_eq!(fold('\\u{436}'), None); // Cyrillic zhe
        assert_eq!(fold('\\u{1F600}'), None); // grinning face
        assert!(is_emoji('\\u{1F600}'));
        assert!(!is_emoji('a'));
        assert!(is_emoji('\\u{A9}'));
        assert!(is_invisible('\\u{200B}'));
        assert!(is_invisible('\\u{AD}'));
        assert!(is_invisible('\\u{200D}'));
        assert!(!is_invisible('a'));
        assert!(is_mark('\\u{301}'));
        assert!(is_emoji_modifier('\\u{1F3FD}'));
    }

    /// Judgment calls and edges: direct look-alikes, singletons, spaces, range ends.
    #[test]
    fn further_examples() {
        assert_eq!(fold('\\u{1EF9}'), f("y", DIACRITIC)); // y tilde
        assert_eq!(fold('\\u{F8}'), f("o", DIACRITIC)); // o stroke
        assert_eq!(fold('\\u{1FF}'), f("o", DIACRITIC)); // o stroke acute
        assert_eq!(fold('\\u{3AC}'), f("a", DIACRITIC | LOOKALIKE)); // Greek alpha tonos
        assert_eq!(fold('\\u{3F2}'), f("c", LOOKALIKE)); // lunate sigma, not via NFKD
        assert_eq!(fold('\\u{B5}'), f("u", COMPAT | LOOKALIKE)); // micro sign
        assert_eq!(fold('\\u{1D6A8}'), f("a", COMPAT | LOOKALIKE)); // math bold Alpha
        assert_eq!(fold('\\u{212A}'), f("K", COMPAT)); // Kelvin sign
        assert_eq!(fold('\\u{A0}'), f(" ", COMPAT)); // no-break space
        assert_eq!(fold('\\u{3000}'), f(" ", COMPAT)); // ideographic space
        assert_eq!(fold('\\u{2122}'), f("TM", COMPAT)); // trade mark sign
        assert_eq!(fold('\\u{2460}'), f("1", COMPAT)); // circled 1
        assert_eq!(fold('\\u{FF01}'), None); // fullwidth '!' is not a letter
        assert_eq!(fold('\\u{301}'), None); // a bare mark folds to nothing
        assert!(!is_emoji('#') && !is_emoji('*') && !is_emoji('1'));
        assert!(is_emoji('\\u{1F1E6}') && is_emoji('\\u{1F1FF}')); // regional indicators
        assert!(!is_emoji_modifier('\\u{1F3FA}') && !is_emoji_modifier('\\u{1F400}'));
        assert!(is_invisible('\\u{FEFF}') && is_invisible('\\u{E0100}'));
        assert!(is_invisible('\\u{E01EF}') && !is_invisible('\\u{E01F0}'));
        assert!(!is_mark('a') && !is_mark('\\u{E9}'));
    }

    /// The fast paths: ASCII is never folded, dropped or taken for an emoji.
    #[test]
    fn ascii_never_folds_and_is_nothing_special() {
        for b in 0u8..0x80 {
            let c = char::from(b);
            assert_eq!(fold(c), None);
            assert!(!is_mark(c) && !is_invisible(c) && !is_emoji(c) && !is_emoji_modifier(c));
        }
    }

    /// Binary search needs sorted keys, and every entry must slice cleanly so `get` never hides a bad one.
    #[test]
    fn fold_table_is_sorted_and_every_entry_slices() {
        for (plane, keys, values) in [(0, &FOLD_KEYS_BMP[..], &FOLD_VALUES_BMP[..]), (1, &FOLD_KEYS_SMP, &FOLD_VALUES_SMP)] {
            assert_eq!(keys.len(), values.len());
            assert!(keys.windows(2).all(|w| w[0] < w[1]));
            for (&key, &value) in keys.iter().zip(values) {
                let cp = plane << 16 | u32::from(key);
                let f = unpack(value);
                assert!(f.is_some_and(|f| !f.text.is_empty()), "entry {cp:#X}");
                assert!(f.is_some_and(|f| f.kind != 0 && f.kind & !(COMPAT | DIACRITIC | LOOKALIKE) == 0));
                let c = char::from_u32(cp);
                assert!(c.is_some_and(|c| !c.is_ascii() && fold(c) == f), "entry {cp:#X}");
            }
        }
    }

    /// The tables follow the Unicode of core's `char` methods, which the
    /// normalizer uses too. A toolchain with another Unicode fails here:
    /// replace tests/data/ucd/ with that version's files and regenerate.
    #[test]
    fn tables_follow_the_toolchains_unicode() {
        assert_eq!(char::UNICODE_VERSION, UNICODE_VERSION, "core's Unicode differs from the tables' ({uver})");
    }

    /// The lowercase runs agree with the standard library for every char
    /// (both follow Unicode {uver}).
    #[test]
    fn lowercase_agrees_with_the_standard_library() {
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            let std: Vec<char> = c.to_lowercase().filter(|&l| !is_mark(l)).collect();
            let std = std.first().copied().filter(|&l| l != c);
            assert_eq!(to_lower(c), std, "{c:?}");
        }
        assert_eq!(to_lower('\\u{130}'), Some('i'));
        assert_eq!(to_lower('Ω'), Some('ω'));
        assert_eq!(to_lower('ω'), None);
        assert!(LOWER.windows(2).all(|w| w[0].0 < w[1].0));
    }

    /// Outputs are letters, digits or spaces, and folding them again changes nothing.
    #[test]
    fn fold_outputs_are_letters_and_fold_no_further() {
        let values = FOLD_VALUES_BMP.iter().chain(&FOLD_VALUES_SMP);
        for (i, text) in values.map(|&v| unpack(v).map_or("", |f| f.text)).enumerate() {
            for c in text.chars() {
                let ok =
                    c == ' ' || c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphabetic());
                assert!(ok, "fold {i} emits {c:?}");
                assert_eq!(fold(c), None, "fold {i} emits {c:?}");
            }
        }
    }

    /// `in_ranges` needs sorted, disjoint ranges, and finds both ends of each.
    #[test]
    fn range_tables_are_sorted_and_disjoint() {
        for table in [&MARKS[..], &INVISIBLE[..], &EMOJI[..]] {
            assert!(table.iter().all(|&(lo, hi)| lo <= hi && hi <= 0x10FFFF));
            // Strictly apart: touching ranges would have been merged.
            assert!(table.windows(2).all(|w| w[0].1 + 1 < w[1].0));
            for &(lo, hi) in table {
                assert!(in_ranges(table, lo) && in_ranges(table, hi));
                assert!(!in_ranges(table, lo - 1) && !in_ranges(table, hi + 1));
            }
        }
    }
}
"""


def render():
    entries, text, marks, invisible, emoji, lower = build()
    bmp = [(cp, v) for cp, v in entries if cp < 0x10000]
    smp = [(cp & 0xFFFF, v) for cp, v in entries if cp >= 0x10000]

    def column(values, fmt):
        # Twelve to a line keeps the generated file short to scroll.
        items = [fmt(v) for v in values]
        return "\n".join("    " + " ".join(x + "," for x in items[i : i + 12]) for i in range(0, len(items), 12))

    hexes = lambda v: f"0x{v:04X}"
    text_lines = "\n".join(f'    "{c}",' for c in rust_str_chunks(text))
    header = HEADER.format(
        uver=ucd.version,
        n=len(entries),
        fold_bytes=4 * len(entries),
        nl=len(lower),
        lower_bytes=8 * len(lower),
        text_bytes=len(text.encode()),
        nm=len(marks),
        ni=len(invisible),
        ne=len(emoji),
        range_bytes=8 * (len(marks) + len(invisible) + len(emoji)),
    )
    body = BODY
    for key, value in {
        "{nb}": str(len(bmp)),
        "{ns}": str(len(smp)),
        "{nl}": str(len(lower)),
        "{uver}": ucd.version,
        "{uver_tuple}": "({})".format(", ".join(ucd.version.split("."))),
        "{keys_bmp}": column([k for k, _ in bmp], hexes),
        "{values_bmp}": column([v for _, v in bmp], hexes),
        "{keys_smp}": column([k for k, _ in smp], hexes),
        "{values_smp}": column([v for _, v in smp], hexes),
        "{lower}": "\n".join(f"    (0x{s:04X}, {n}, {st}, {d})," for s, n, st, d in lower),
        "{text}": text_lines,
        "{marks}": emit_ranges(
            "MARKS", "Combining marks (Mn, Me), as inclusive code point ranges.", marks
        ),
        "{invisible}": emit_ranges(
            "INVISIBLE",
            "Invisible chars (Cf plus the fillers and variation selectors listed at `is_invisible`).",
            invisible,
        ),
        "{emoji}": emit_ranges(
            "EMOJI",
            "Extended_Pictographic outside ASCII, plus the regional indicators.",
            emoji,
        ),
    }.items():
        body = body.replace(key, value)
    return rustfmt(header + body)


def rustfmt(source):
    """Formats like `cargo fmt` with the repository's rustfmt.toml, so that
    `--check` compares with the committed, formatted file."""
    config = os.path.join(ROOT, "rustfmt.toml")
    done = subprocess.run(
        ["rustfmt", "--edition", "2021", "--config-path", config],
        input=source,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stdout", action="store_true", help="print instead of writing")
    ap.add_argument("--check", action="store_true", help="exit 1 if tables.rs is stale")
    args = ap.parse_args()
    global ucd
    ucd = Ucd()
    out = render()
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tables.rs")
    if args.stdout:
        sys.stdout.write(out)
    elif args.check:
        with open(path, encoding="utf-8") as fh:
            if fh.read() != out:
                print(f"{path} is stale: run python3 {sys.argv[0]}", file=sys.stderr)
                sys.exit(1)
    else:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(out)


if __name__ == "__main__":
    main()
