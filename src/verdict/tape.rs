//! Verdict parts as numbers and offsets, for the JavaScript package: a
//! [`Sink`] that the verdict's writers (`verdict/mod.rs`) write to as they
//! write JSON, which lays a value out as a flat "tape" of `f64` words and
//! its strings as one text, which the package turns back into the objects
//! `JSON.parse` would give (`pkg/lib/wrap.mjs`, `readTape`).
//!
//! Why: `JSON.parse` of the verdict was a fifth of a screen's time in Node
//! (docs/DESIGN.md, "No JSON on the hot path"). A tape is read by a loop
//! over a `Float64Array` view of the module's memory, and the strings by one
//! `TextDecoder.decode` of the whole text, sliced by UTF-16 offsets; a
//! verdict without flags has no text at all.
//!
//! The words, each an `f64` (every integer the verdicts hold is below 2^53,
//! or is rounded as `JSON.parse` rounds it):
//!
//! | Op | Words after it |
//! | --- | --- |
//! | 0 `null` | |
//! | 1 `false`, 2 `true` | |
//! | 3 number | the value |
//! | 4 string | start and end, UTF-16 offsets into the text |
//! | 5 array | the length, then each element |
//! | 6 object | the member count, then each key's id and value |
//!
//! A key id is its index in [`Tape::keys`], which only grows: the package
//! asks for the name of an id it has not seen yet (`tapeKey`). Keys are the
//! verdict's member names, so the table stays small.

use crate::write::Sink;

/// The tape's opcodes.
pub(crate) mod op {
    pub(crate) const NULL: f64 = 0.0;
    pub(crate) const FALSE: f64 = 1.0;
    pub(crate) const TRUE: f64 = 2.0;
    pub(crate) const NUMBER: f64 = 3.0;
    pub(crate) const STRING: f64 = 4.0;
    pub(crate) const ARRAY: f64 = 5.0;
    pub(crate) const OBJECT: f64 = 6.0;
}

/// A tape being written, and the key table it shares with every tape
/// written before it.
#[derive(Debug, Default)]
pub(crate) struct Tape {
    pub(crate) words: Vec<f64>,
    pub(crate) text: String,
    /// The text's length in UTF-16 units so far.
    units: usize,
    pub(crate) keys: Vec<&'static str>,
    /// The open arrays and objects: where each one's count goes, the count
    /// so far, and whether it is an object (whose count is of keys).
    open: Vec<(usize, u32, bool)>,
}

impl Tape {
    /// Clears the words and the text for the next value; the keys stay.
    pub(crate) fn clear(&mut self) {
        self.words.clear();
        self.text.clear();
        self.units = 0;
        self.open.clear();
    }

    /// Counts a value that starts now as an element of an open array.
    fn element(&mut self) {
        if let Some((_, count, false)) = self.open.last_mut() {
            *count += 1;
        }
    }
}

impl Sink for Tape {
    fn open(&mut self, object: bool) {
        self.element();
        self.words.extend_from_slice(&[if object { op::OBJECT } else { op::ARRAY }, 0.0]);
        self.open.push((self.words.len() - 1, 0, object));
    }

    fn close(&mut self, _: bool) {
        if let Some((at, count, _)) = self.open.pop() {
            if let Some(w) = self.words.get_mut(at) {
                *w = f64::from(count);
            }
        }
    }

    fn key(&mut self, key: &'static str) {
        if let Some((_, count, true)) = self.open.last_mut() {
            *count += 1;
        }
        let id = match self.keys.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                self.keys.push(key);
                self.keys.len() - 1
            }
        };
        self.words.push(id as f64);
    }

    fn str(&mut self, s: &str) {
        self.element();
        let start = self.units;
        self.text.push_str(s);
        self.units += if s.is_ascii() { s.len() } else { s.encode_utf16().count() };
        self.words.extend_from_slice(&[op::STRING, start as f64, self.units as f64]);
    }

    fn uint(&mut self, value: u64) {
        self.element();
        // As JSON.parse reads the digits: to the nearest double.
        self.words.extend_from_slice(&[op::NUMBER, value as f64]);
    }

    fn bool(&mut self, value: bool) {
        self.element();
        self.words.push(if value { op::TRUE } else { op::FALSE });
    }

    fn null(&mut self) {
        self.element();
        self.words.push(op::NULL);
    }
}

/// Reads a tape back into JSON text, as the package reads it into objects:
/// what the tests compare with the verdict's own JSON.
#[cfg(test)]
pub(crate) fn to_json(tape: &Tape) -> String {
    fn value(tape: &Tape, text: &[u16], at: &mut usize, out: &mut String) {
        let word = |at: &mut usize| {
            *at += 1;
            tape.words[*at - 1]
        };
        match word(at) {
            w if w == op::NULL => out.push_str("null"),
            w if w == op::FALSE => out.push_str("false"),
            w if w == op::TRUE => out.push_str("true"),
            w if w == op::NUMBER => out.push_str(&(word(at) as u64).to_string()),
            w if w == op::STRING => {
                let (a, b) = (word(at) as usize, word(at) as usize);
                crate::write::write_str(out, &String::from_utf16(&text[a..b]).unwrap());
            }
            w if w == op::ARRAY => {
                out.push('[');
                for i in 0..word(at) as usize {
                    if i > 0 {
                        out.push(',');
                    }
                    value(tape, text, at, out);
                }
                out.push(']');
            }
            w => {
                assert_eq!(w, op::OBJECT);
                out.push('{');
                for i in 0..word(at) as usize {
                    if i > 0 {
                        out.push(',');
                    }
                    crate::write::write_str(out, tape.keys[word(at) as usize]);
                    out.push(':');
                    value(tape, text, at, out);
                }
                out.push('}');
            }
        }
    }
    let text: Vec<u16> = tape.text.encode_utf16().collect();
    let mut out = String::new();
    let mut at = 0;
    while at < tape.words.len() {
        value(tape, &text, &mut at, &mut out);
    }
    out
}
