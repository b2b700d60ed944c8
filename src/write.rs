//! Writing JSON text: string literals, integers, lists and objects with
//! keys in a fixed order.
//!
//! This is the bottom layer of the crate (it imports nothing else of it):
//! errors quote values with it, the verdict is written with it, and the
//! canonical pack bytes are made of it. It writes exactly what
//! `serde_json::to_string` writes for the same data (same escapes), which
//! the tests check against serde_json.

/// Appends `[a,b,...]`, each item written by `write`.
pub(crate) fn write_list<T>(
    out: &mut String,
    items: impl IntoIterator<Item = T>,
    mut write: impl FnMut(&mut String, T),
) {
    out.push('[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(out, item);
    }
    out.push(']');
}

/// Appends a JSON string literal with serde_json's escapes: `"` and `\`,
/// the short forms `\b \f \n \r \t`, and `\u00XX` (lower-case hex) for other
/// control characters. Everything else, non-ASCII included, is copied.
#[inline(never)]
pub(crate) fn write_str(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let short = match b {
            b'"' => '"',
            b'\\' => '\\',
            0x08 => 'b',
            0x0c => 'f',
            b'\n' => 'n',
            b'\r' => 'r',
            b'\t' => 't',
            0..=0x1f => 'u',
            _ => continue,
        };
        out.push_str(s.get(start..i).unwrap_or_default());
        out.push('\\');
        out.push(short);
        if short == 'u' {
            out.push_str("00");
            write_hex(out, &[b]);
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

/// Appends `bytes` in lower-case hex, two digits a byte: digests, term and
/// id hashes, keys.
pub(crate) fn write_hex(out: &mut String, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for b in bytes {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
}

/// Where a writer puts a value: JSON text ([`Json`]), or the tape of
/// numbers and offsets the JavaScript package reads (`verdict/tape.rs`).
/// The verdict's writers walk it once through this trait, so both forms
/// have the same members in the same order; `dyn` keeps one copy of each
/// writer in the module.
pub(crate) trait Sink {
    /// Starts an object (`true`) or an array.
    fn open(&mut self, object: bool);
    /// Ends the innermost object or array.
    fn close(&mut self, object: bool);
    /// A member's key; its value follows.
    fn key(&mut self, key: &'static str);
    fn str(&mut self, value: &str);
    fn uint(&mut self, value: u64);
    fn bool(&mut self, value: bool);
    fn null(&mut self);
}

/// A [`Sink`] that appends compact JSON to a string.
pub(crate) struct Json<'a> {
    out: &'a mut String,
    /// Where this value starts: no separator before its first token.
    start: usize,
}

impl<'a> Json<'a> {
    pub(crate) fn new(out: &'a mut String) -> Json<'a> {
        let start = out.len();
        Json { out, start }
    }

    /// A comma before a key or an element that follows another.
    fn sep(&mut self) {
        if self.out.len() > self.start && !matches!(self.out.as_bytes().last(), Some(b'{' | b'[' | b':')) {
            self.out.push(',');
        }
    }
}

impl Sink for Json<'_> {
    fn open(&mut self, object: bool) {
        self.sep();
        self.out.push(if object { '{' } else { '[' });
    }
    fn close(&mut self, object: bool) {
        self.out.push(if object { '}' } else { ']' });
    }
    fn key(&mut self, key: &'static str) {
        self.sep();
        write_str(self.out, key);
        self.out.push(':');
    }
    fn str(&mut self, value: &str) {
        self.sep();
        write_str(self.out, value);
    }
    fn uint(&mut self, value: u64) {
        self.sep();
        write_uint(self.out, value);
    }
    fn bool(&mut self, value: bool) {
        self.sep();
        self.out.push_str(if value { "true" } else { "false" });
    }
    fn null(&mut self) {
        self.sep();
        self.out.push_str("null");
    }
}

/// An object being written to a [`Sink`], member by member.
pub(crate) struct Obj<'a> {
    sink: &'a mut dyn Sink,
}

impl<'a> Obj<'a> {
    pub(crate) fn new(sink: &'a mut dyn Sink) -> Obj<'a> {
        sink.open(true);
        Obj { sink }
    }

    /// The sink after a member's key, for a nested value.
    pub(crate) fn key(&mut self, key: &'static str) -> &mut dyn Sink {
        self.sink.key(key);
        &mut *self.sink
    }

    pub(crate) fn str(&mut self, key: &'static str, value: &str) {
        self.key(key).str(value);
    }

    pub(crate) fn opt_str(&mut self, key: &'static str, value: Option<&str>) {
        match value {
            Some(v) => self.str(key, v),
            None => self.key(key).null(),
        }
    }

    pub(crate) fn uint(&mut self, key: &'static str, value: u64) {
        self.key(key).uint(value);
    }

    pub(crate) fn bool(&mut self, key: &'static str, value: bool) {
        self.key(key).bool(value);
    }

    pub(crate) fn end(self) {
        self.sink.close(true);
    }
}

/// One JSON object as text, its members written by `members`.
pub(crate) fn object(members: impl FnOnce(&mut Obj<'_>)) -> String {
    let mut out = String::new();
    let mut json = Json::new(&mut out);
    let mut o = Obj::new(&mut json);
    members(&mut o);
    o.end();
    out
}

/// Writes an array to a [`Sink`], each item written by `write`.
pub(crate) fn list<T>(
    sink: &mut dyn Sink,
    items: impl IntoIterator<Item = T>,
    mut write: impl FnMut(&mut dyn Sink, T),
) {
    sink.open(false);
    for item in items {
        write(&mut *sink, item);
    }
    sink.close(false);
}

pub(crate) fn write_uint(out: &mut String, mut value: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

/// Appends a `u128` in decimal, without `core::fmt`'s 128-bit formatter.
pub(crate) fn write_u128(out: &mut String, mut value: u128) {
    if let Ok(small) = u64::try_from(value) {
        // The common case, without 128-bit division per digit.
        return write_uint(out, small);
    }
    let mut buf = [0u8; 39];
    let mut i = buf.len();
    while value > 0 {
        i -= 1;
        buf[i] = b'0' + (value % 10) as u8;
        value /= 10;
    }
    out.extend(buf[i..].iter().map(|&b| char::from(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_control_character_like_serde_json() {
        let all: String = (0u8..0x80).map(char::from).chain("é\u{2028}😀".chars()).collect();
        let mut out = String::new();
        write_str(&mut out, &all);
        assert_eq!(out, serde_json::to_string(&all).unwrap());
    }

    #[test]
    fn u128_writer() {
        for v in [0, 9, u128::from(u64::MAX), u128::from(u64::MAX) + 1, 10u128.pow(19), 10u128.pow(38) + 7, u128::MAX] {
            let mut out = String::new();
            write_u128(&mut out, v);
            assert_eq!(out, v.to_string());
        }
    }

    #[test]
    fn uint_writer() {
        for v in [0, 7, 10, 99, 100, 12345, u64::MAX] {
            let mut out = String::new();
            write_uint(&mut out, v);
            assert_eq!(out, v.to_string());
        }
    }
}
