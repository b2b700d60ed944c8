//! Signed packs and deltas: canonical JSON in an envelope an Ed25519 key
//! signs.
//!
//! # Overview
//!
//! A publisher signs a pack (or a delta from one version of it to the next)
//! with `npx jejak sign`; a host loads it with [`Pack::from_signed`] or
//! `Screener.fromSignedPack` and names the publishers' public keys it
//! trusts ([`Trust`]). Nothing is loaded before the signature verifies, so
//! a changed byte anywhere after the key is `bad_signature`, and the pack
//! JSON parser never sees bytes no trusted key signed.
//!
//! The envelope (integers little-endian; the format is in `docs/PACKS.md`):
//!
//! | offset | bytes | field |
//! |---|---|---|
//! | 0 | 4 | magic `JJKS` |
//! | 4 | 1 | format, 1 |
//! | 5 | 1 | kind: 1 a pack, 2 a delta |
//! | 6 | 32 | the signer's Ed25519 public key |
//! | 38 | 4 | `validUntil`: the last valid day (UTC) in days since 1970-01-01; `0xFFFFFFFF` for none |
//! | 42 | 32 | SHA-256 of the payload (the pack's digest) |
//! | 74 | n | payload: the canonical JSON of the pack or delta, or a pack image |
//! | 74 + n | 64 | Ed25519 signature of bytes 0 to 74 + n |
//!
//! The payload's length is what is left between header and signature, so
//! there is no length field to disagree with it.
//!
//! # Example
//!
//! ```
//! use jejak::{Pack, signed::{SecretKey, Trust}};
//!
//! let key = SecretKey::from_seed([7; 32]);
//! let signed = jejak::signed::sign(Pack::default_pack_json(), &key, None).unwrap();
//! let mut trust = Trust::new();
//! trust.key(&key.public_text()).unwrap().now_ms(1_800_000_000_000);
//! let pack = Pack::from_signed(&signed, &trust).unwrap();
//! assert_eq!(pack.digest(), Pack::default_pack().digest());
//!
//! // Any byte changed after the key is refused.
//! let mut tampered = signed.clone();
//! tampered[100] ^= 1;
//! assert_eq!(Pack::from_signed(&tampered, &trust).unwrap_err().code(), "bad_signature");
//! ```
//!
//! # Untrusted input
//!
//! The bytes are checked in this order, each failure with its own code:
//! not an envelope at all (`invalid_pack`), a key not trusted
//! (`untrusted_key`), a signature that does not verify (`bad_signature`),
//! then the payload is parsed as a pack or delta with the usual limits
//! (`invalid_pack`, `limit_exceeded`), its date checked (`pack_expired`)
//! and its version (`pack_downgrade`).

use sha2::{Digest, Sha256};

use crate::error::{join_index, quote, Error, ErrorKind};
use crate::json::{self, Value};
use crate::pack::{Pack, PackLimits, Version};

const MAGIC: &[u8; 4] = b"JJKS";
const FORMAT: u8 = 1;
const HEADER: usize = 74;
const SIGNATURE: usize = 64;
/// `validUntil` when the pack does not expire.
const NO_END: u32 = u32::MAX;
/// The text prefixes of keys.
const PUBLIC_PREFIX: &str = "ed25519:";
const SECRET_PREFIX: &str = "ed25519-secret:";
/// Milliseconds in a day.
const DAY_MS: u64 = 86_400_000;

/// What an envelope holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A whole pack.
    Pack,
    /// A delta from one pack version to the next.
    Delta,
}

impl Kind {
    fn byte(self) -> u8 {
        match self {
            Kind::Pack => 1,
            Kind::Delta => 2,
        }
    }

    /// `pack` or `delta`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Pack => "pack",
            Kind::Delta => "delta",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Pack => "a signed pack",
            Kind::Delta => "a signed delta",
        }
    }
}

/// A publisher's secret signing key (an Ed25519 seed).
///
/// Its text form, as `npx jejak keygen` writes it, is `ed25519-secret:`
/// followed by the 32-byte seed in hex.
#[derive(Clone)]
pub struct SecretKey(ed25519_compact::KeyPair);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the seed.
        write!(f, "SecretKey({})", self.public_text())
    }
}

impl SecretKey {
    /// The key of a 32-byte seed. Take the seed from a cryptographic random
    /// source.
    pub fn from_seed(seed: [u8; 32]) -> SecretKey {
        SecretKey(ed25519_compact::KeyPair::from_seed(ed25519_compact::Seed::new(seed)))
    }

    /// Reads the text form (`ed25519-secret:` and 64 hex digits).
    pub fn parse(text: &str) -> Result<SecretKey, Error> {
        let seed = key_bytes(text.trim(), SECRET_PREFIX, "a secret key")?;
        Ok(SecretKey::from_seed(seed))
    }

    /// The text form of the public key, which [`Trust::key`] takes.
    pub fn public_text(&self) -> String {
        key_text(PUBLIC_PREFIX, self.0.pk.as_slice())
    }
}

fn key_text(prefix: &str, bytes: &[u8]) -> String {
    let mut out = String::from(prefix);
    crate::write::write_hex(&mut out, bytes);
    out
}

fn key_bytes(text: &str, prefix: &str, what: &str) -> Result<[u8; 32], Error> {
    let bad = || Error::option("", format!("{} is not {what} ({prefix} followed by 64 hex digits)", quote(text)));
    let hex = text.strip_prefix(prefix).ok_or_else(bad)?;
    let digits = hex.as_bytes();
    if digits.len() != 64 {
        return Err(bad());
    }
    let mut out = [0u8; 32];
    for (i, pair) in digits.chunks_exact(2).enumerate() {
        let nibble = |c: u8| char::from(c).to_digit(16);
        match (pair.first().copied().and_then(nibble), pair.get(1).copied().and_then(nibble), out.get_mut(i)) {
            (Some(hi), Some(lo), Some(slot)) => *slot = (hi * 16 + lo) as u8,
            _ => return Err(bad()),
        }
    }
    Ok(out)
}

/// What a host trusts: the publishers' public keys, the lowest pack version
/// it takes, and the time to check `validUntil` against.
///
/// # Example
///
/// ```
/// let mut trust = jejak::signed::Trust::new();
/// trust
///     .key("ed25519:3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29")
///     .unwrap()
///     .min_version("0.3.0")
///     .unwrap();
/// ```
#[derive(Clone, Debug, Default)]
pub struct Trust {
    keys: Vec<[u8; 32]>,
    min_version: Option<String>,
    now_ms: Option<u64>,
}

impl Trust {
    /// Trusts nothing yet: every signed pack is `untrusted_key`.
    pub fn new() -> Trust {
        Trust::default()
    }

    /// Trusts a public key in its text form (`ed25519:` and 64 hex digits,
    /// the line `npx jejak keygen` writes to `NAME.public`).
    pub fn key(&mut self, text: &str) -> Result<&mut Trust, Error> {
        self.keys.push(key_bytes(text.trim(), PUBLIC_PREFIX, "a public key")?);
        Ok(self)
    }

    /// Refuses packs whose version is below `version` (semver) with
    /// `pack_downgrade`.
    pub fn min_version(&mut self, version: &str) -> Result<&mut Trust, Error> {
        if Version::parse(version).is_none() {
            return Err(Error::option("/minVersion", format!("{} is not a semantic version", quote(version))));
        }
        self.min_version = Some(version.to_string());
        Ok(self)
    }

    /// The time, in milliseconds since 1970-01-01T00:00Z, that `validUntil`
    /// is checked against. Without it, the system clock is read (on hosts
    /// that have one; in WebAssembly the binding passes `Date.now()`).
    pub fn now_ms(&mut self, ms: u64) -> &mut Trust {
        self.now_ms = Some(ms);
        self
    }

    /// Reads `trustedKeys`, `minVersion` and `now` from options and returns
    /// the other options, for the builder.
    pub(crate) fn options(&mut self, options: &Value) -> Result<Value, Error> {
        let Value::Object(map) = options else {
            return Err(Error::option("", format!("expected an options object, found {}", options.type_name())));
        };
        let mut rest = json::Object::default();
        let mut keys = false;
        for (key, value) in map.iter() {
            let path = crate::error::join("", key);
            match key {
                "trustedKeys" => {
                    keys = true;
                    for (i, k) in json::array(value, &path, ErrorKind::InvalidOption)?.iter().enumerate() {
                        let at = join_index(&path, i);
                        let text = json::string(k, &at, ErrorKind::InvalidOption)?;
                        self.key(text).map_err(|e| e.under(&at))?;
                    }
                }
                "minVersion" => {
                    self.min_version(json::string(value, &path, ErrorKind::InvalidOption)?)?;
                }
                "now" => {
                    self.now_ms(json::uint(value, &path, u64::MAX, ErrorKind::InvalidOption)?);
                }
                _ => rest.push(key, value.clone()),
            }
        }
        if !keys || self.keys.is_empty() {
            return Err(Error::option(
                "/trustedKeys",
                "trustedKeys is required: the public keys (ed25519:…) of the publishers you trust",
            ));
        }
        Ok(Value::Object(rest))
    }

    /// Today, in days since 1970-01-01 (UTC).
    fn today(&self) -> u64 {
        let ms = self.now_ms.unwrap_or_else(system_now_ms);
        ms / DAY_MS
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn system_now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

// wasm32-unknown-unknown has no clock; the binding always sets `now`. The
// largest time makes every dated pack expired, which fails closed.
#[cfg(target_arch = "wasm32")]
fn system_now_ms() -> u64 {
    u64::MAX
}

/// Whether `bytes` look like a signed file whose payload is JSON (a pack or
/// a delta, which only the pack tools read: the feature `tools`) rather
/// than a pack image. Nothing is verified; loading does that.
///
/// ```
/// let image = jejak::Pack::default_pack().to_image()?;
/// assert!(!jejak::signed::holds_json(&image));
/// # Ok::<(), jejak::Error>(())
/// ```
pub fn holds_json(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
        && bytes.len() >= HEADER + SIGNATURE
        && !bytes.get(HEADER..).is_some_and(|p| p.starts_with(crate::pack::IMAGE_MAGIC))
}

/// A checked envelope: the signature verified, the payload's hash matches.
#[derive(Debug)]
pub(crate) struct Opened<'a> {
    pub(crate) payload: &'a [u8],
    pub(crate) digest: [u8; 32],
    /// `validUntil` in days since 1970-01-01; `None` for no end.
    pub(crate) until: Option<u32>,
}

/// Checks an envelope of `kind` against `trust`: format, key, signature,
/// payload hash and date. The payload is not parsed.
pub(crate) fn open<'a>(bytes: &'a [u8], kind: Kind, trust: &Trust) -> Result<Opened<'a>, Error> {
    let invalid = |message: String| Error::pack("", message);
    if bytes.len() < HEADER + SIGNATURE || bytes.get(..4) != Some(MAGIC.as_slice()) {
        return Err(invalid(format!(
            "the bytes are not {} (a JJKS envelope of at least {} bytes; got {} bytes)",
            kind.name(),
            HEADER + SIGNATURE,
            bytes.len()
        )));
    }
    let (signed, signature) = bytes.split_at(bytes.len() - SIGNATURE);
    let (header, payload) = signed.split_at(HEADER);
    let byte = |i: usize| header.get(i).copied().unwrap_or_default();
    if byte(4) != FORMAT {
        return Err(invalid(format!(
            "envelope format {} is not one this engine reads ({FORMAT}); a newer engine wrote it",
            byte(4)
        )));
    }
    if byte(5) != kind.byte() {
        let other = if kind == Kind::Pack { Kind::Delta } else { Kind::Pack };
        let found = if byte(5) == other.byte() { other.name() } else { "of an unknown kind" };
        return Err(invalid(format!("expected {}, found an envelope {found}", kind.name())));
    }
    let field = |range: std::ops::Range<usize>| header.get(range).unwrap_or_default();
    let key = field(6..38);
    if !trust.keys.iter().any(|k| k.as_slice() == key) {
        return Err(Error::new(
            ErrorKind::UntrustedKey,
            "",
            format!(
                "{} is signed by {}, which is not among the trusted keys",
                kind.name(),
                key_text(PUBLIC_PREFIX, key)
            ),
        ));
    }
    let verified = ed25519_compact::PublicKey::from_slice(key)
        .and_then(|pk| Ok((pk, ed25519_compact::Signature::from_slice(signature)?)))
        .and_then(|(pk, sig)| pk.verify(signed, &sig));
    if verified.is_err() {
        return Err(Error::new(
            ErrorKind::BadSignature,
            "",
            format!("the signature of {} does not verify: the bytes were changed after signing", kind.name()),
        ));
    }
    let mut digest = [0u8; 32];
    digest.copy_from_slice(field(42..74));
    // Signed, so only a broken signer gets these wrong.
    if Sha256::digest(payload).as_slice() != digest {
        return Err(invalid("the payload's SHA-256 is not the one the envelope states".into()));
    }
    let mut until = [0u8; 4];
    until.copy_from_slice(field(38..42));
    let until = u32::from_le_bytes(until);
    if let Some(day) = (until != NO_END).then_some(until) {
        let today = trust.today();
        if today > u64::from(day) {
            return Err(Error::new(
                ErrorKind::PackExpired,
                "/validUntil",
                format!("{} was valid until {}; today is {}", kind.name(), date_text(day.into()), date_text(today)),
            ));
        }
    }
    Ok(Opened { payload, digest, until: (until != NO_END).then_some(until) })
}

impl Pack {
    /// Loads a signed pack (`npx jejak sign`) with default limits, after
    /// checking it against `trust`. See the [module docs](crate::signed).
    pub fn from_signed(bytes: &[u8], trust: &Trust) -> Result<Pack, Error> {
        Pack::from_signed_with_limits(bytes, trust, PackLimits::default())
    }

    /// [`Pack::from_signed`] with limits on the pack inside.
    pub fn from_signed_with_limits(bytes: &[u8], trust: &Trust, limits: PackLimits) -> Result<Pack, Error> {
        Pack::from_opened(&open(bytes, Kind::Pack, trust)?, trust, limits)
    }

    /// The pack of a checked envelope.
    fn from_opened(opened: &Opened<'_>, trust: &Trust, limits: PackLimits) -> Result<Pack, Error> {
        // An image carries its JSON's digest; the signature covers it.
        if opened.payload.starts_with(crate::pack::IMAGE_MAGIC) {
            let pack = Pack::from_image_with_limits(opened.payload, limits)?;
            check_version(pack.version(), trust)?;
            return Ok(pack);
        }
        let pack = json_pack(opened.payload, limits)?;
        if pack.digest() != key_text("", &opened.digest) {
            return Err(Error::pack("", "the signed payload is not the pack's canonical JSON"));
        }
        check_version(pack.version(), trust)?;
        Ok(pack)
    }

    /// The pack a signed delta makes of this one, or the reason it does
    /// not apply; this pack is never changed. The delta must be signed by
    /// a trusted key, name this pack's id, version and digest, raise the
    /// version (`pack_downgrade` otherwise), and give a pack that loads.
    #[cfg(feature = "tools")]
    pub fn apply_delta(&self, bytes: &[u8], trust: &Trust) -> Result<Pack, Error> {
        self.apply_delta_with_limits(bytes, trust, PackLimits::default())
    }

    /// [`Pack::apply_delta`] with limits on the resulting pack.
    #[cfg(feature = "tools")]
    pub fn apply_delta_with_limits(&self, bytes: &[u8], trust: &Trust, limits: PackLimits) -> Result<Pack, Error> {
        let opened = open(bytes, Kind::Delta, trust)?;
        let value = json::parse(text(opened.payload)?, ErrorKind::InvalidPack, json::Surrogates::Reject)?;
        let delta = crate::pack::Delta::read(&value)?;
        let Some(base) = &self.inner.value else {
            return Err(Error::pack(
                "",
                "a delta applies to a pack loaded from JSON; a pack read from an image is updated by a new image",
            ));
        };
        let next = delta.apply(base, self.id(), self.version(), self.digest())?;
        check_version(delta.to_version, trust)?;
        Pack::from_value(next, limits).map_err(|e| {
            Error::new(e.kind(), e.path(), format!("the pack the delta makes does not load: {}", e.message()))
        })
    }
}

/// What [`verify`] found in a signed file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// A pack or a delta.
    pub kind: Kind,
    /// The pack's id (a delta's: the pack it applies to).
    pub id: String,
    /// The pack's version (a delta's: the version it makes).
    pub version: String,
    /// A delta's base version; `None` for a pack.
    pub from_version: Option<String>,
    /// The SHA-256 the envelope states for its payload, lower-case hex (a
    /// JSON pack's digest).
    pub digest: String,
    /// The last day it is valid, `YYYY-MM-DD` (UTC); `None` for no end.
    pub valid_until: Option<String>,
}

/// Checks a signed pack or delta as a host would before using it: the
/// envelope, key, signature and date, then a pack loads and a delta reads,
/// and the version is at least `minVersion`. Whether a delta applies is
/// known only with the pack in use ([`Pack::apply_delta`]). `npx jejak
/// verify` runs this.
pub fn verify(bytes: &[u8], trust: &Trust) -> Result<Verified, Error> {
    #[cfg(feature = "tools")]
    if bytes.starts_with(MAGIC) && bytes.get(5) == Some(&Kind::Delta.byte()) {
        let opened = open(bytes, Kind::Delta, trust)?;
        let value = json::parse(text(opened.payload)?, ErrorKind::InvalidPack, json::Surrogates::Reject)?;
        let delta = crate::pack::Delta::read(&value)?;
        check_version(delta.to_version, trust)?;
        return Ok(Verified {
            kind: Kind::Delta,
            id: delta.pack.to_string(),
            version: delta.to_version.to_string(),
            from_version: Some(delta.from_version.to_string()),
            digest: key_text("", &opened.digest),
            valid_until: opened.until.map(|d| date_text(d.into())),
        });
    }
    let opened = open(bytes, Kind::Pack, trust)?;
    let pack = Pack::from_opened(&opened, trust, PackLimits::default())?;
    Ok(Verified {
        kind: Kind::Pack,
        id: pack.id().to_string(),
        version: pack.version().to_string(),
        from_version: None,
        digest: key_text("", &opened.digest),
        valid_until: opened.until.map(|d| date_text(d.into())),
    })
}

/// Checks `version` against the trust's `minVersion`.
pub(crate) fn check_version(version: &str, trust: &Trust) -> Result<(), Error> {
    if let Some(min) = &trust.min_version {
        if Version::parse(version) < Version::parse(min) {
            return Err(Error::new(
                ErrorKind::PackDowngrade,
                "/version",
                format!("the pack's version {} is below the minimum version {}", quote(version), quote(min)),
            ));
        }
    }
    Ok(())
}

/// A signed JSON pack's payload, loaded.
#[cfg(feature = "tools")]
fn json_pack(payload: &[u8], limits: PackLimits) -> Result<Pack, Error> {
    Pack::from_json_with_limits(text(payload)?, limits)
}

/// Without the pack tools, only images load.
#[cfg(not(feature = "tools"))]
fn json_pack(_: &[u8], _: PackLimits) -> Result<Pack, Error> {
    Err(Error::pack(
        "",
        "this signed pack holds JSON, which only the pack tools read (in JavaScript, import 'jejak/tools' \
         first; in Rust, the feature \"tools\"); a host without them loads signed images (npx jejak compile)",
    ))
}

/// What `npx jejak sign` signs for a JSON text: a delta when the text
/// has a top-level `delta` member (its shape checked), else a pack (loaded,
/// so a broken pack is never signed); in either case its canonical JSON.
#[cfg(feature = "tools")]
pub fn payload(json: &str) -> Result<(Kind, String), Error> {
    let value = json::parse(json, ErrorKind::InvalidPack, json::Surrogates::Reject)?;
    if matches!(&value, Value::Object(m) if m.get("delta").is_some()) {
        crate::pack::Delta::read(&value)?;
        return Ok((Kind::Delta, value.to_canonical()));
    }
    let pack = Pack::from_value(value, PackLimits::default())?;
    Ok((Kind::Pack, pack.canonical_json().unwrap_or_default()))
}

/// A JSON payload's text.
#[cfg(feature = "tools")]
fn text(payload: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(payload).map_err(|_| Error::pack("", "the payload is not UTF-8 text"))
}

/// Signs a pack image ([`Pack::to_image`]) with `key`: an envelope of
/// kind pack whose payload is the image, which is read first, so a broken
/// image is never signed. Hosts load it like a signed JSON pack.
#[cfg(feature = "tools")]
pub fn sign_image(image: &[u8], key: &SecretKey, valid_until: Option<&str>) -> Result<Vec<u8>, Error> {
    Pack::from_image(image)?;
    seal(Kind::Pack, image, key, valid_until)
}

/// Signs a pack or a delta ([`payload`]) with `key`. `valid_until` is a
/// date `YYYY-MM-DD`, the last day it is valid (UTC).
#[cfg(feature = "tools")]
pub fn sign(json: &str, key: &SecretKey, valid_until: Option<&str>) -> Result<Vec<u8>, Error> {
    let (kind, payload) = payload(json)?;
    seal(kind, payload.as_bytes(), key, valid_until)
}

#[cfg(feature = "tools")]
fn seal(kind: Kind, payload: &[u8], key: &SecretKey, valid_until: Option<&str>) -> Result<Vec<u8>, Error> {
    let until = match valid_until {
        None => NO_END,
        Some(date) => parse_date(date)
            .ok_or_else(|| Error::option("/validUntil", format!("{} is not a date YYYY-MM-DD", quote(date))))?,
    };
    let mut out = Vec::with_capacity(HEADER + payload.len() + SIGNATURE);
    out.extend_from_slice(MAGIC);
    out.push(FORMAT);
    out.push(kind.byte());
    out.extend_from_slice(key.0.pk.as_slice());
    out.extend_from_slice(&until.to_le_bytes());
    out.extend_from_slice(Sha256::digest(payload).as_slice());
    out.extend_from_slice(payload);
    let signature = key.0.sk.sign(&out, None);
    out.extend_from_slice(signature.as_slice());
    Ok(out)
}

#[cfg(feature = "tools")]
/// Days since 1970-01-01 of `YYYY-MM-DD` (1970 to 9999).
fn parse_date(date: &str) -> Option<u32> {
    if date.len() != 10 {
        return None;
    }
    let t = crate::transaction::Timestamp::parse(&format!("{date}T00:00:00Z"))?;
    let days = t.minute() / 1440;
    u32::try_from(days.checked_sub(UNIX_EPOCH_DAY)?).ok()
}

/// 1970-01-01 in the timestamps' days (counted from 0000-03-01).
const UNIX_EPOCH_DAY: u64 = 719_468;

/// `YYYY-MM-DD` of days since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn date_text(days: u64) -> String {
    let z = days.min(2_932_896) + UNIX_EPOCH_DAY; // at most 9999-12-31
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    let mut out = String::new();
    for (n, width) in [(year, 4), (month, 2), (day, 2)] {
        if !out.is_empty() {
            out.push('-');
        }
        let digits = n.to_string();
        out.extend(std::iter::repeat_n('0', width - digits.len().min(width)));
        out.push_str(&digits);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2026-11-29"), Some(20_786));
        for day in [0u32, 59, 365, 10_957, 20_786, 2_932_896] {
            assert_eq!(parse_date(&date_text(day.into())), Some(day), "{day}");
        }
        assert_eq!(date_text(20_786), "2026-11-29");
        assert_eq!(parse_date("1969-12-31"), None);
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("2026-1-01"), None);
    }

    #[test]
    fn keys_round_trip_and_refuse_malformed_text() {
        let key = SecretKey::from_seed([1; 32]);
        let mut trust = Trust::new();
        trust.key(&key.public_text()).unwrap();
        assert_eq!(trust.keys[0], *key.0.pk);
        for bad in
            ["", "ed25519:", "ed25519:zz", &key.public_text()[..70], &key.public_text().replace("ed25519:", "x:")]
        {
            assert_eq!(Trust::new().key(bad).unwrap_err().kind(), ErrorKind::InvalidOption, "{bad}");
        }
        let secret = key_text(SECRET_PREFIX, &[1; 32]);
        assert_eq!(SecretKey::parse(&secret).unwrap().public_text(), key.public_text());
        assert!(!format!("{key:?}").contains("0101"));
    }
}
