//! Watchlists: counterparty identifiers shared as salted hashes.
//!
//! # Overview
//!
//! A pack's `watchlists` name lists of identifiers (wallet ids, phone
//! numbers, bank account numbers, crypto addresses) that a publisher wants
//! flagged, without the list revealing who is on it: each identifier is
//! normalized for its kind and hashed with the list's salt. An indicator
//! with the condition `{"watchlist": {"list": ..., "party": ...}}` fires
//! when the party's id, normalized and hashed the same way, is on the list;
//! the indicator carries the list's source and weight.
//!
//! Normalization by kind (`npx jejak hash-ids` applies the same):
//!
//! * `phone`: E.164. Spaces, dashes, dots, slashes and parentheses are
//!   dropped; `+` or `00` starts an international number; a leading `0` is
//!   the trunk prefix, replaced by the party's country's calling code; a
//!   number that starts with that calling code is taken as international;
//!   any other number gets the calling code put in front. A local number
//!   whose country is unknown (or not in the table below) is not matched.
//!   The result has 8 to 15 digits.
//! * `wallet`: trimmed, ASCII letters in lower case.
//! * `bank`: spaces, dashes and dots dropped, letters in upper case; 4 to
//!   34 letters and digits (an IBAN or a domestic account number).
//! * `crypto`: trimmed; hex (`0x…`) and bech32 (`bc1…`, `tb1…`, `ltc1…`)
//!   addresses in lower case, others (base58) as written.
//!
//! The hash is the first 16 bytes of SHA-256 over `jejak-id`, a zero byte,
//! the salt, a zero byte, the kind, a zero byte and the normalized id, in
//! lower-case hex.
//!
//! # Untrusted input
//!
//! As with hashed term lists, anyone holding the pack can test a guessed
//! identifier; the hashes keep the list from being read, not from being
//! probed. Phone numbers are few enough to enumerate, so a list of phone
//! numbers protects little against a determined reader: publish such lists
//! to trusted parties only (docs/PACKS.md).

use sha2::{Digest, Sha256};

#[cfg_attr(not(feature = "tools"), allow(unused_imports))]
use crate::error::{Error, ErrorKind};
#[cfg_attr(not(feature = "tools"), allow(unused_imports))]
use crate::json;
use crate::money::Country;

/// What a watchlist holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IdKind {
    Phone,
    Wallet,
    Bank,
    Crypto,
}

impl IdKind {
    pub(crate) const ALL: [IdKind; 4] = [IdKind::Phone, IdKind::Wallet, IdKind::Bank, IdKind::Crypto];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            IdKind::Phone => "phone",
            IdKind::Wallet => "wallet",
            IdKind::Bank => "bank",
            IdKind::Crypto => "crypto",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<IdKind> {
        IdKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Calling codes of the countries whose local numbers can be normalized.
const CALLING_CODES: &[(&str, &str)] = &[
    ("AE", "971"),
    ("AR", "54"),
    ("AT", "43"),
    ("AU", "61"),
    ("BD", "880"),
    ("BE", "32"),
    ("BH", "973"),
    ("BN", "673"),
    ("BR", "55"),
    ("CA", "1"),
    ("CH", "41"),
    ("CL", "56"),
    ("CN", "86"),
    ("CO", "57"),
    ("DE", "49"),
    ("DK", "45"),
    ("EG", "20"),
    ("ES", "34"),
    ("FI", "358"),
    ("FR", "33"),
    ("GB", "44"),
    ("HK", "852"),
    ("ID", "62"),
    ("IE", "353"),
    ("IL", "972"),
    ("IN", "91"),
    ("IT", "39"),
    ("JP", "81"),
    ("KE", "254"),
    ("KH", "855"),
    ("KR", "82"),
    ("KW", "965"),
    ("LA", "856"),
    ("LK", "94"),
    ("MM", "95"),
    ("MO", "853"),
    ("MX", "52"),
    ("MY", "60"),
    ("NG", "234"),
    ("NL", "31"),
    ("NO", "47"),
    ("NP", "977"),
    ("NZ", "64"),
    ("OM", "968"),
    ("PE", "51"),
    ("PH", "63"),
    ("PK", "92"),
    ("PL", "48"),
    ("PT", "351"),
    ("QA", "974"),
    ("RU", "7"),
    ("SA", "966"),
    ("SE", "46"),
    ("SG", "65"),
    ("TH", "66"),
    ("TL", "670"),
    ("TR", "90"),
    ("TW", "886"),
    ("UA", "380"),
    ("US", "1"),
    ("VN", "84"),
    ("ZA", "27"),
];

fn calling_code(country: Option<Country>) -> Option<&'static str> {
    let country = country?;
    let i = CALLING_CODES.binary_search_by(|(c, _)| (*c).cmp(country.as_str())).ok()?;
    CALLING_CODES.get(i).map(|(_, code)| *code)
}

/// The normalized form of an identifier of `kind`, or `None` when it
/// cannot be normalized (then it matches nothing).
pub(crate) fn normalize(kind: IdKind, id: &str, country: Option<Country>) -> Option<String> {
    let id = id.trim();
    match kind {
        IdKind::Phone => {
            let mut digits = String::new();
            let mut plus = false;
            for (i, c) in id.char_indices() {
                match c {
                    '+' if i == 0 => plus = true,
                    '0'..='9' => digits.push(c),
                    ' ' | '-' | '.' | '/' | '(' | ')' => {}
                    _ => return None,
                }
            }
            let e164 = if plus {
                digits
            } else if let Some(rest) = digits.strip_prefix("00") {
                rest.to_string()
            } else {
                let code = calling_code(country)?;
                match digits.strip_prefix('0') {
                    Some(rest) => format!("{code}{rest}"),
                    None if digits.starts_with(code) => digits,
                    None => format!("{code}{digits}"),
                }
            };
            ((8..=15).contains(&e164.len()) && !e164.starts_with('0')).then(|| format!("+{e164}"))
        }
        IdKind::Wallet => (!id.is_empty()).then(|| id.to_ascii_lowercase()),
        IdKind::Bank => {
            let out: String = id.chars().filter(|c| !matches!(c, ' ' | '-' | '.')).collect();
            ((4..=34).contains(&out.len()) && out.bytes().all(|b| b.is_ascii_alphanumeric()))
                .then(|| out.to_ascii_uppercase())
        }
        IdKind::Crypto => {
            let lower = id.to_ascii_lowercase();
            let fold = lower.starts_with("0x") || ["bc1", "tb1", "ltc1"].iter().any(|p| lower.starts_with(p));
            let ok = (8..=128).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric());
            ok.then(|| if fold { lower } else { id.to_string() })
        }
    }
}

/// The hash of a normalized identifier.
pub(crate) fn hash(salt: &str, kind: IdKind, normalized: &str) -> [u8; 16] {
    let mut h = Sha256::new();
    for part in [b"jejak-id".as_slice(), salt.as_bytes(), kind.as_str().as_bytes(), normalized.as_bytes()] {
        h.update(part);
        h.update([0]);
    }
    crate::restricted::truncated(h)
}

/// A compiled watchlist.
#[derive(Clone, Debug)]
pub(crate) struct Watchlist {
    pub(crate) name: String,
    kind: IdKind,
    salt: String,
    /// Sorted (`restricted::sorted`; the `u32` is always 0).
    hashes: Vec<([u8; 16], u32)>,
}

impl Watchlist {
    pub(crate) fn new(name: String, kind: IdKind, salt: String, hashes: Vec<[u8; 16]>) -> Watchlist {
        let hashes = crate::restricted::sorted(hashes.into_iter().map(|h| (h, 0)).collect());
        Watchlist { name, kind, salt, hashes }
    }

    /// The kind, salt and hashes (sorted), as an image stores them.
    pub(crate) fn parts(&self) -> (IdKind, &str, impl Iterator<Item = &[u8; 16]>) {
        (self.kind, &self.salt, self.hashes.iter().map(|(h, _)| h))
    }

    /// Whether `id` (of a party in `country`) is on the list.
    pub(crate) fn contains(&self, id: &str, country: Option<Country>) -> bool {
        normalize(self.kind, id, country)
            .is_some_and(|n| self.hashes.binary_search(&(hash(&self.salt, self.kind, &n), 0)).is_ok())
    }
}

/// A pack's watchlist entry (`{"kind", "salt", "hashes": [...]}` as JSON)
/// of plain identifiers given as a JSON array of strings: what `npx jejak
/// hash-ids` writes. `country` (ISO 3166-1 alpha-2) is the country of
/// local phone numbers. An identifier that cannot be normalized is an
/// `invalid_option` error at its index.
///
/// # Example
///
/// ```
/// let list = jejak::hash_watchlist(r#"["0812-3456-7890"]"#, "phone", "a-salt-of-16-bytes", Some("ID")).unwrap();
/// assert!(list.starts_with(r#"{"kind":"phone","salt":"a-salt-of-16-bytes","hashes":["#));
/// assert!(!list.contains("812"));
/// ```
#[cfg(feature = "tools")]
pub fn hash_watchlist(ids: &str, kind: &str, salt: &str, country: Option<&str>) -> Result<String, Error> {
    let bad = |path: String, message: String| Error::new(ErrorKind::InvalidOption, path, message);
    let kind = IdKind::parse(kind).ok_or_else(|| {
        bad("/kind".into(), format!("{} is not a kind: phone, wallet, bank or crypto", crate::error::quote(kind)))
    })?;
    if !crate::restricted::is_salt(salt) {
        return Err(bad("/salt".into(), "a salt is 16 to 256 printable ASCII characters".into()));
    }
    let country = match country {
        Some(c) => Some(
            Country::parse(c)
                .ok_or_else(|| bad("/country".into(), format!("{} is not a country", crate::error::quote(c))))?,
        ),
        None => None,
    };
    let value = json::parse(ids, ErrorKind::InvalidOption, json::Surrogates::Reject)?;
    let items = json::array(&value, "", ErrorKind::InvalidOption)?;
    let mut hashes = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = crate::error::join_index("", i);
        let id = json::string(item, &at, ErrorKind::InvalidOption)?;
        let n = normalize(kind, id, country).ok_or_else(|| {
            bad(at, format!("{} is not a {} identifier jejak can normalize", crate::error::quote(id), kind.as_str()))
        })?;
        hashes.push(hash(salt, kind, &n));
    }
    let hashes: Vec<String> = crate::restricted::sorted(hashes.iter().map(|h| (*h, 0)).collect())
        .iter()
        .map(|(h, _)| crate::restricted::hex(h))
        .collect();
    Ok(crate::write::object(|o| {
        o.str("kind", kind.as_str());
        o.str("salt", salt);
        crate::write::list(o.key("hashes"), &hashes, |out, h| out.str(h));
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value_of<'a>(v: &'a json::Value, key: &str) -> &'a json::Value {
        match v {
            json::Value::Object(o) => o.get(key).unwrap(),
            _ => panic!("not an object"),
        }
    }

    #[test]
    fn calling_codes_are_sorted_for_binary_search() {
        assert!(CALLING_CODES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(CALLING_CODES.iter().all(|(c, _)| Country::parse(c).is_some()));
    }

    #[test]
    fn phone_numbers_normalize_to_e164() {
        let id = Country::parse("ID");
        let ph = Country::parse("PH");
        for (text, country, want) in [
            ("+62 812-3456-7890", None, Some("+6281234567890")),
            ("0062 812 3456 7890", None, Some("+6281234567890")),
            ("0812-3456-7890", id, Some("+6281234567890")),
            ("6281234567890", id, Some("+6281234567890")),
            ("81234567890", id, Some("+6281234567890")),
            ("0917 123 4567", ph, Some("+639171234567")),
            ("(0917) 123.4567", ph, Some("+639171234567")),
            ("0812-3456-7890", None, None),
            ("0812-3456-7890", Country::parse("FJ"), None),
            ("+62 812 ext 5", None, None),
            ("+1234", None, None),
            ("+1234567890123456", None, None),
        ] {
            assert_eq!(normalize(IdKind::Phone, text, country).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn other_kinds_normalize() {
        assert_eq!(normalize(IdKind::Wallet, " DANA-User01 ", None).as_deref(), Some("dana-user01"));
        assert_eq!(
            normalize(IdKind::Bank, "1234-5678.90 12", None).as_deref(),
            Some("1234567890 12".replace(' ', "").as_str())
        );
        assert_eq!(
            normalize(IdKind::Bank, "gb33 bukb 2020 1555 5555 55", None).as_deref(),
            Some("GB33BUKB20201555555555")
        );
        assert_eq!(normalize(IdKind::Bank, "12", None), None);
        let evm = "0xAbCdEf0123456789abcdef0123456789ABCDEF01";
        assert_eq!(normalize(IdKind::Crypto, evm, None), Some(evm.to_ascii_lowercase()));
        let b58 = "1BoatSLRHtKNngkdXEeobR76b53LETtpyT";
        assert_eq!(normalize(IdKind::Crypto, b58, None).as_deref(), Some(b58));
        assert_eq!(
            normalize(IdKind::Crypto, "BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ", None).as_deref(),
            Some("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")
        );
        assert_eq!(normalize(IdKind::Crypto, "not an address", None), None);
    }

    #[test]
    fn a_hashed_list_finds_its_ids_in_any_spelling() {
        let json = hash_watchlist(r#"["+6281234567890", "wallet-a"]"#, "phone", "salt-salt-salt-salt", None);
        assert_eq!(json.unwrap_err().path(), "/1");
        let json = hash_watchlist(r#"["+6281234567890"]"#, "phone", "salt-salt-salt-salt", None).unwrap();
        let value = json::parse(&json, ErrorKind::InvalidPack, json::Surrogates::Reject).unwrap();
        let hashes = json::array(value_of(&value, "hashes"), "", ErrorKind::InvalidPack).unwrap();
        let hashes = hashes.iter().map(|h| crate::restricted::parse_hex(h.as_str().unwrap()).unwrap()).collect();
        let list = Watchlist::new("l".into(), IdKind::Phone, "salt-salt-salt-salt".into(), hashes);
        assert!(list.contains("0812 3456 7890", Country::parse("ID")));
        assert!(list.contains("+62-812-3456-7890", None));
        assert!(!list.contains("0812 3456 7891", Country::parse("ID")));
        assert!(!list.contains("0812 3456 7890", Country::parse("PH")));
    }
}
