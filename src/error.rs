//! The one error type of the crate.
//!
//! Every failure a caller can cause (a bad transaction, a bad pack, a bad
//! option, a value over a limit) is an [`Error`]: an opaque struct with a
//! [`kind`](Error::kind), a stable [`code`](Error::code) string for programs
//! written in other languages, a JSON pointer [`path`](Error::path) to the bad
//! value, and a lower-case message that names the value or the limit.
//!
//! The struct is opaque (rather than a public enum) so that new details can be
//! added without breaking callers; this follows aho-corasick's `BuildError`.

use std::fmt;

/// What went wrong, in the coarse terms a caller branches on.
///
/// New kinds may be added in minor releases, so match with a wildcard arm.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The transaction is not valid JSON, has a field of the wrong type, or a
    /// value that is not allowed (unknown currency, malformed timestamp, ...).
    /// Fix the transaction; screening it again will fail the same way.
    InvalidTransaction,
    /// The indicator pack is malformed or inconsistent (unknown source,
    /// duplicate id, unknown condition kind, ...). The path points into the
    /// pack.
    InvalidPack,
    /// A screener option has an unknown name or a value out of range.
    InvalidOption,
    /// An input is larger than a configured limit (memo bytes, pack bytes,
    /// number of terms, ...). Raise the limit if the input is trusted.
    LimitExceeded,
    /// A verdict given back to `explain` is malformed, or was not made with
    /// this screener's pack and engine. The path points into the verdict.
    InvalidVerdict,
    /// A history state given back to `screen_with_history` is not a state
    /// this engine wrote for this account: not a state at all, truncated or
    /// damaged, another account's (or made with another `historyKey`), or
    /// written by a newer engine. The path is `/sender` or `/receiver`.
    InvalidState,
    /// A signed pack or delta whose signature does not verify: some byte was
    /// changed after signing, or it was signed with another key than the one
    /// it names.
    BadSignature,
    /// A signed pack or delta signed with a key that is not among the
    /// trusted keys given.
    UntrustedKey,
    /// A signed pack or delta past its `validUntil` date.
    PackExpired,
    /// A signed pack whose version is below the `minVersion` given, or a
    /// delta that would not raise the loaded pack's version.
    PackDowngrade,
    /// A cases file (the one `jejak cases` writes) that does not read back:
    /// not JSON, a missing or mistyped field, an unknown level, role,
    /// currency or channel, or a case a goAML report cannot carry (no
    /// payments, an amount past goAML's decimal range). The path points
    /// into the cases file. Write the file again with `jejak cases`.
    InvalidCase,
    /// A host record given to the goAML report (`entity.json`,
    /// `parties.json`, the indicator-code table or the host's XSD) that
    /// breaks the schema: an unknown element, a missing required one, a
    /// value too long or not among the schema's lookup codes, a bad date.
    /// The path points into that file; the message names the element, the
    /// value and the rule. Fix the record in the host's system.
    InvalidRecord,
}

impl ErrorKind {
    /// The stable string form used by the JS binding and the CLI:
    /// `invalid_transaction`, `invalid_pack`, `invalid_option`,
    /// `limit_exceeded`, `invalid_verdict`, `invalid_state`, `bad_signature`,
    /// `untrusted_key`, `pack_expired`, `pack_downgrade`, `invalid_case` or
    /// `invalid_record`.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::InvalidTransaction => "invalid_transaction",
            ErrorKind::InvalidPack => "invalid_pack",
            ErrorKind::InvalidOption => "invalid_option",
            ErrorKind::LimitExceeded => "limit_exceeded",
            ErrorKind::InvalidVerdict => "invalid_verdict",
            ErrorKind::InvalidState => "invalid_state",
            ErrorKind::BadSignature => "bad_signature",
            ErrorKind::UntrustedKey => "untrusted_key",
            ErrorKind::PackExpired => "pack_expired",
            ErrorKind::PackDowngrade => "pack_downgrade",
            ErrorKind::InvalidCase => "invalid_case",
            ErrorKind::InvalidRecord => "invalid_record",
        }
    }
}

/// An error from parsing a transaction, loading a pack or configuring a
/// [`Screener`](crate::Screener).
///
/// # Example
///
/// ```
/// use jejak::{ErrorKind, Screener};
///
/// let screener = Screener::new();
/// let err = screener
///     .screen_json(r#"{"timestamp": "2026-11-20T02:10:00+10:00", "amount": "abc", "currency": "AUD"}"#)
///     .unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidTransaction);
/// assert_eq!(err.code(), "invalid_transaction");
/// assert_eq!(err.path(), "/amount");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    path: String,
    message: String,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, path: impl Into<String>, message: impl Into<String>) -> Error {
        Error { kind, path: path.into(), message: message.into() }
    }

    pub(crate) fn transaction(path: impl Into<String>, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidTransaction, path, message)
    }

    pub(crate) fn pack(path: impl Into<String>, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidPack, path, message)
    }

    pub(crate) fn option(path: impl Into<String>, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidOption, path, message)
    }

    #[cfg(feature = "tools")]
    pub(crate) fn case(path: impl Into<String>, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidCase, path, message)
    }

    #[cfg(feature = "tools")]
    pub(crate) fn record(path: impl Into<String>, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidRecord, path, message)
    }

    pub(crate) fn limit(path: impl Into<String>, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::LimitExceeded, path, message)
    }

    /// The same error one level deeper: `pointer` is put before the path.
    pub(crate) fn under(mut self, pointer: &str) -> Error {
        self.path.insert_str(0, pointer);
        self
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The stable code string of [`kind`](Error::kind).
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// A JSON pointer (RFC 6901) to the offending value inside the
    /// transaction, the pack or the options, such as `/amount` or
    /// `/indicators/3/condition`. Empty when the whole document is at fault
    /// (for example, it is not JSON).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The human-readable message, without the path.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.code(), self.message)
        } else {
            write!(f, "{} at {}: {}", self.code(), self.path, self.message)
        }
    }
}

impl std::error::Error for Error {}

/// A JSON pointer under construction. Cheap to extend; keys are escaped as
/// RFC 6901 requires (`~` as `~0`, `/` as `~1`).
#[inline(never)]
pub(crate) fn join(base: &str, key: &str) -> String {
    let mut out = String::with_capacity(base.len() + key.len() + 1);
    out.push_str(base);
    out.push('/');
    for c in key.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// `join` for an array index.
#[inline(never)]
pub(crate) fn join_index(base: &str, index: usize) -> String {
    // Without `format!`: packs build a path per array item while loading,
    // and core's formatter is slow to start in a cold wasm module.
    let mut out = String::with_capacity(base.len() + 4);
    out.push_str(base);
    out.push('/');
    crate::write::write_uint(&mut out, index as u64);
    out
}

/// Shortens a value quoted in a message so a 10 MB memo does not become a
/// 10 MB error message.
#[inline(never)]
pub(crate) fn quote(value: &str) -> String {
    const MAX: usize = 40;
    // JSON string syntax rather than `{:?}`: the same for ordinary text, and
    // it keeps Rust's Unicode printability tables out of the wasm module.
    let mut out = String::new();
    if value.len() <= MAX {
        crate::write::write_str(&mut out, value);
        return out;
    }
    let mut end = MAX;
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    crate::write::write_str(&mut out, value.get(..end).unwrap_or_default());
    out.push_str("… (");
    crate::write::write_uint(&mut out, value.len() as u64);
    out.push_str(" bytes)");
    out
}
