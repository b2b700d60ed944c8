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

/// A writer for objects with keys in a fixed order, as the verdict needs.
pub(crate) struct ObjectWriter<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> ObjectWriter<'a> {
    pub(crate) fn new(out: &'a mut String) -> ObjectWriter<'a> {
        out.push('{');
        ObjectWriter { out, first: true }
    }

    /// Writes the key and returns the buffer for the value.
    #[inline(never)]
    pub(crate) fn key(&mut self, key: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_str(self.out, key);
        self.out.push(':');
        self.out
    }

    #[inline(never)]
    pub(crate) fn str(&mut self, key: &str, value: &str) {
        write_str(self.key(key), value);
    }

    pub(crate) fn opt_str(&mut self, key: &str, value: Option<&str>) {
        match value {
            Some(v) => self.str(key, v),
            None => self.key(key).push_str("null"),
        }
    }

    #[inline(never)]
    pub(crate) fn uint(&mut self, key: &str, value: u64) {
        let out = self.key(key);
        write_uint(out, value);
    }

    pub(crate) fn bool(&mut self, key: &str, value: bool) {
        self.key(key).push_str(if value { "true" } else { "false" });
    }

    pub(crate) fn end(self) {
        self.out.push('}');
    }
}

/// Appends an unsigned integer in decimal, without `core::fmt`.
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
