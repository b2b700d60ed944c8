//! The transaction model and its strict parser.
//!
//! We read the crate's JSON value by hand instead of deriving
//! `Deserialize`, because every error must carry a JSON pointer to the bad
//! field and a message naming the value, and because the rules are specific:
//! unknown keys are ignored (payment systems add fields all the time), but a
//! known key with the wrong type is an error (a silently ignored `"amount":
//! true` would be a screening hole). `null` reads as absent.
//!
//! Text a payer controls is screened whatever it holds: a lone surrogate in
//! the JSON text becomes U+FFFD (see `json::Surrogates`), and the pack's
//! `malformedText` condition reports it. Structural fields (timestamp,
//! amount, currency, countries, MCC) stay strict.

mod fields;
mod packed;

#[cfg(test)]
pub(crate) use fields::{Field, DOCS, MAX_CODE};
pub(crate) use fields::{Part, Spec, Ty, FIELDS};
pub(crate) use packed::{from_packed, max_text_bytes, SLOTS};
#[cfg(any(test, fuzzing))]
pub(crate) use packed::{to_packed, Tag};

use crate::error::{quote, Error, ErrorKind};
use crate::json::{self, Fields, Nulls, Object, Surrogates, Value};
use crate::money::{self, Country, Currency};
#[cfg(not(test))]
use fields::MAX_CODE;
use fields::{Draft, Got, Limit, Read};

/// An enumeration with wire names: the enum, `ALL` (declaration order),
/// `NAMES` (the wire names in the same order), `as_str` and `parse`. The
/// transaction's field table (`fields.rs`) reads and checks its fields by
/// `NAMES`.
macro_rules! wire_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name { $($(#[$vmeta])* $variant,)* }

        /// As its wire name.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            /// The wire names, in the order of `ALL`.
            pub const NAMES: &'static [&'static str] = &[$($wire),*];

            /// The wire name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)*
                }
            }

            /// Parses a wire name.
            pub fn parse(name: &str) -> Option<$name> {
                // A plain loop: the optimizer unrolls an iterator's `find`
                // into one inlined comparison per name.
                let mut i = 0;
                while let Some(&n) = Self::NAMES.get(i) {
                    if n == name {
                        return Self::ALL.get(i).copied();
                    }
                    i += 1;
                }
                None
            }
        }
    };
}

wire_enum! {
    /// How the money moved. Conditions such as `channelIn` compare against it.
    pub enum Channel {
        /// Person-to-person transfer inside a wallet or payment app.
        P2p = "p2p",
        /// Bank transfer (domestic or international).
        BankTransfer = "bank_transfer",
        /// Bank Indonesia's fast payment system (BI-FAST): a real-time
        /// transfer between banks and e-money issuers, by account number or
        /// a proxy address (phone number, e-mail).
        BiFast = "bi_fast",
        /// Money service business / remittance provider.
        Remittance = "remittance",
        /// Top-up of an e-wallet balance.
        EwalletTopup = "ewallet_topup",
        /// Indonesia's QR payment standard.
        Qris = "qris",
        /// Card payment.
        Card = "card",
        /// Crypto on-ramp, off-ramp or transfer.
        Crypto = "crypto",
        /// Gift card or prepaid card purchase.
        GiftCard = "gift_card",
        /// Airtime ("pulsa", "load") purchase or transfer.
        Airtime = "airtime",
        /// Game credit top-up.
        GameTopup = "game_topup",
        /// Cash withdrawal.
        CashWithdrawal = "cash_withdrawal",
        /// Anything else.
        Other = "other",
    }
}

wire_enum! {
    /// An e-money account's level under Bank Indonesia's rules (PBI
    /// 20/6/PBI/2018): an unregistered account has no identity on record
    /// and holds at most Rp 2,000,000; a registered one holds at most
    /// Rp 10,000,000 (Rp 20,000,000 from July 2022).
    pub enum Kyc {
        /// No identity data on record.
        Unregistered = "unregistered",
        /// Identity data recorded by the issuer.
        Registered = "registered",
    }
}

wire_enum! {
    /// A QRIS merchant's criterion by business size (Bank Indonesia / ASPI),
    /// which sets its merchant discount rate. A micro merchant (UMI) may be a
    /// private person with a QRIS sticker.
    pub enum MerchantCriteria {
        /// Usaha mikro: a micro business.
        Umi = "umi",
        /// Usaha kecil: a small business.
        Uke = "uke",
        /// Usaha menengah: a medium business.
        Ume = "ume",
        /// Usaha besar: a large business.
        Ube = "ube",
    }
}

wire_enum! {
    /// Which QRIS code the merchant presented.
    pub enum QrType {
        /// A printed code; the payer types the amount.
        Static = "static",
        /// A code made for this payment, with its amount.
        Dynamic = "dynamic",
    }
}

wire_enum! {
    /// Where money came into an e-wallet.
    pub enum TopUpSource {
        /// A transfer to the wallet's bank virtual account.
        VirtualAccount = "virtual_account",
        /// Cash at a minimarket counter.
        Minimarket = "minimarket",
        /// Cash at an agent.
        Agent = "agent",
    }
}

wire_enum! {
    /// How money left an e-wallet as cash or to a bank.
    pub enum CashOutType {
        /// To the holder's bank account.
        BankAccount = "bank_account",
        /// Cardless at an ATM.
        Atm = "atm",
        /// At a minimarket counter.
        Minimarket = "minimarket",
        /// At an agent.
        Agent = "agent",
    }
}

wire_enum! {
    /// How the payee of a transfer was addressed.
    pub enum ProxyType {
        /// A BI-FAST proxy address: a mobile phone number.
        Phone = "phone",
        /// A BI-FAST proxy address: an e-mail address.
        Email = "email",
        /// The account number itself.
        Account = "account",
    }
}

/// A parsed RFC 3339 timestamp. jejak needs only the local hour, which it
/// takes from the timestamp as written: the offset is the sender's own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timestamp {
    text: String,
    hour: u8,
    /// Minutes from 0000-03-01T00:00Z to the instant (UTC), so that every
    /// year RFC 3339 can write (0000-9999) gives a non-negative count.
    minute: u64,
}

/// The days of `month` (1 to 12) of `year` in the Gregorian calendar; none
/// for a month that is not one.
#[inline]
pub(crate) fn days_in_month(year: u32, month: u32) -> Option<u32> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if leap => Some(29),
        2 => Some(28),
        _ => None,
    }
}

impl Timestamp {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let s = b.get(r)?;
            if !s.iter().all(u8::is_ascii_digit) {
                return None;
            }
            s.iter().try_fold(0u32, |acc, d| acc.checked_mul(10)?.checked_add(u32::from(d - b'0')))
        };
        if b.len() < 20
            || b[4] != b'-'
            || b[7] != b'-'
            || !matches!(b[10], b'T' | b't')
            || b[13] != b':'
            || b[16] != b':'
        {
            return None;
        }
        let year = digits(0..4)?;
        let month = digits(5..7)?;
        let day = digits(8..10)?;
        let hour = digits(11..13)?;
        let minute = digits(14..16)?;
        let second = digits(17..19)?;
        let days = days_in_month(year, month)?;
        // RFC 3339 allows second 60 for leap seconds.
        if day == 0 || day > days || hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let mut i = 19;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return None;
            }
        }
        // The offset in minutes east of UTC.
        let offset: i64 = match b.get(i) {
            Some(b'Z' | b'z') if i + 1 == b.len() => 0,
            Some(&sign @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
                let oh = digits(i + 1..i + 3)?;
                let om = digits(i + 4..i + 6)?;
                if oh > 23 || om > 59 {
                    return None;
                }
                let m = i64::from(oh * 60 + om);
                if sign == b'-' {
                    -m
                } else {
                    m
                }
            }
            _ => return None,
        };
        let local = civil_days(year, month, day) * 1440 + i64::from(hour * 60 + minute);
        // A leap second counts as the minute it is written in. The earliest
        // instant (0000-01-01T00:00+23:59) is before the epoch: it clamps to 0.
        let minute = u64::try_from(local - offset).unwrap_or(0);
        Some(Timestamp { text: text.to_string(), hour: u8::try_from(hour).ok()?, minute })
    }

    /// The local hour, 0–23.
    pub fn local_hour(&self) -> u8 {
        self.hour
    }

    /// The timestamp as given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// A key whose text order is the order of the instants: the seconds
    /// (UTC) since 0000-03-01T00:00Z, twelve digits, then the fraction
    /// without trailing zeros (`.5`), if any. A leap second is the next
    /// minute's second 0. What a host sorts rows by before replaying them.
    ///
    /// ```
    /// use jejak::Timestamp;
    /// let key = |t: &str| Timestamp::parse(t).unwrap().sort_key();
    /// assert!(key("2026-11-20T02:10:00+10:00") < key("2026-11-19T16:10:00.5Z"));
    /// assert_eq!(key("2026-11-20T02:10:00+10:00"), key("2026-11-19T16:10:00.000Z"));
    /// ```
    pub fn sort_key(&self) -> String {
        let b = self.text.as_bytes();
        let second = b.get(17..19).map_or(0, |d| d.iter().fold(0u64, |n, &c| n * 10 + u64::from(c - b'0')));
        let fraction: &str = match self.text.get(19..) {
            Some(rest) if rest.starts_with('.') => {
                let digits = rest.get(1..).unwrap_or_default();
                let end = digits.bytes().position(|c| !c.is_ascii_digit()).unwrap_or(digits.len());
                digits.get(..end).unwrap_or_default().trim_end_matches('0')
            }
            _ => "",
        };
        let seconds = self.minute * 60 + second;
        if fraction.is_empty() {
            format!("{seconds:012}")
        } else {
            format!("{seconds:012}.{fraction}")
        }
    }

    /// The instant in whole minutes (UTC) since 0000-03-01T00:00Z: what
    /// history windows are counted in.
    pub(crate) fn minute(&self) -> u64 {
        self.minute
    }
}

/// Days from 0000-03-01 to a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`, shifted so that year 0 starts at day 0).
fn civil_days(year: u32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe
}

/// An exact amount of money in minor units of its currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amount {
    minor: u64,
    currency: Currency,
}

impl Amount {
    /// Parses a major-unit decimal string for a currency.
    ///
    /// ```
    /// use jejak::{Amount, Currency};
    /// let aud = Currency::parse("AUD").unwrap();
    /// assert_eq!(Amount::parse("50.5", aud).unwrap().minor_units(), 5050);
    /// assert!(Amount::parse("50.555", aud).is_err());
    /// ```
    pub fn parse(text: &str, currency: Currency) -> Result<Amount, Error> {
        money::parse_minor(text, currency.exponent())
            .map(|minor| Amount { minor, currency })
            .map_err(|e| Error::transaction("/amount", e.describe(text, currency.as_str())))
    }

    /// The amount in minor units (cents for AUD).
    pub fn minor_units(&self) -> u64 {
        self.minor
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Formats as `50.00 AUD` with the locale's separators.
    pub fn display(&self, locale: crate::vocab::Locale) -> String {
        format!("{} {}", money::format_minor(u128::from(self.minor), self.currency.exponent(), locale), self.currency)
    }
}

/// The paying party.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sender {
    /// The sender's account id in the host system.
    pub id: Option<String>,
    /// Country of the sender.
    pub country: Option<Country>,
    /// Age of the sender's account in days.
    pub account_age_days: Option<u32>,
    /// Whether the account belongs to a minor (or is a co-signed youth
    /// account). Used only in the protective direction.
    pub is_minor: Option<bool>,
    /// The e-money account's level (Bank Indonesia).
    pub kyc: Option<Kyc>,
}

/// The receiving party.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Receiver {
    /// The receiver's account id in the host system.
    pub id: Option<String>,
    /// Country of the receiver.
    pub country: Option<Country>,
    /// Whether this is the sender's first payment to this payee.
    pub is_new: Option<bool>,
    /// Age of the receiver's account in days.
    pub account_age_days: Option<u32>,
    /// Whether the receiver's account belongs to a minor. Used only in the
    /// protective direction.
    pub is_minor: Option<bool>,
    /// The e-money account's level (Bank Indonesia).
    pub kyc: Option<Kyc>,
}

/// The merchant, when the payment is a purchase.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merchant {
    /// The merchant's id at the payment provider: a QRIS NMID (National
    /// Merchant ID) or the provider's own merchant id. It tells a registered
    /// merchant from a personal wallet; it is not screened as text.
    pub id: Option<String>,
    /// Merchant name.
    pub name: Option<String>,
    /// Card-statement descriptor.
    pub descriptor: Option<String>,
    /// ISO 18245 merchant category code, four digits.
    pub mcc: Option<u16>,
    /// Merchant country.
    pub country: Option<Country>,
    /// Merchant city, as the provider records it (QRIS carries one). Not
    /// screened as text.
    pub city: Option<String>,
    /// The QRIS merchant criterion (business size). A micro merchant may be
    /// a private person.
    pub criteria: Option<MerchantCriteria>,
    /// Whether the QRIS code was static or dynamic.
    pub qr_type: Option<QrType>,
}

impl Merchant {
    /// Whether the payee is a registered business: it has a merchant id and
    /// is not a QRIS micro merchant (UMI), which may be a private person.
    pub fn is_business(&self) -> bool {
        self.id.is_some() && self.criteria != Some(MerchantCriteria::Umi)
    }
}

/// One transaction to screen.
///
/// Build one with [`Transaction::from_json`] or through serde
/// (`Deserialize`); both validate every field. The JSON keys are camelCase
/// (docs/transaction.schema.json is the JSON Schema, generated from the
/// same table as the readers):
///
/// ```json
/// { "id": "tx-1", "timestamp": "2026-11-20T02:10:00+10:00",
///   "amount": "50", "currency": "AUD", "channel": "remittance",
///   "memo": "school fees",
///   "sender": { "id": "s1", "country": "AU", "accountAgeDays": 400, "isMinor": false },
///   "receiver": { "id": "r1", "country": "PH", "isNew": true },
///   "merchant": { "id": "...", "name": "...", "descriptor": "...", "mcc": "4829", "country": "PH", "city": "..." } }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transaction {
    /// Host-side transaction id, echoed in the verdict.
    pub id: Option<String>,
    /// When it happened, with the sender's UTC offset.
    pub timestamp: Timestamp,
    /// How much, exactly.
    pub amount: Amount,
    /// Payment rail.
    pub channel: Option<Channel>,
    /// Payment reference / "berita transfer".
    pub memo: Option<String>,
    /// For an e-wallet top-up: where the money came in.
    pub top_up_source: Option<TopUpSource>,
    /// For a cash-out: how the money left.
    pub cash_out_type: Option<CashOutType>,
    /// How the payee was addressed (a BI-FAST proxy or the account number).
    pub proxy_type: Option<ProxyType>,
    /// The transfer's purpose code, as the bank records it (BI-FAST).
    pub purpose_code: Option<String>,
    /// The payer.
    pub sender: Sender,
    /// The payee.
    pub receiver: Receiver,
    /// The merchant, for purchases.
    pub merchant: Merchant,
}

/// Limits applied while parsing, from the screener's options.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ParseLimits {
    pub(crate) max_memo_bytes: usize,
    pub(crate) max_text_bytes: usize,
}

impl Default for ParseLimits {
    fn default() -> Self {
        ParseLimits { max_memo_bytes: 4096, max_text_bytes: 1024 }
    }
}

impl Transaction {
    /// Parses and validates a transaction from JSON text with default limits.
    pub fn from_json(json: &str) -> Result<Transaction, Error> {
        Transaction::from_json_with(json, ParseLimits::default())
    }

    pub(crate) fn from_json_with(json: &str, limits: ParseLimits) -> Result<Transaction, Error> {
        let value = json::parse(json, TX, Surrogates::Replace)?;
        Transaction::from_value_with(&value, limits)
    }

    /// The tree reader: every field of the table in its order, each checked
    /// by its kind, with the JSON pointer of the first bad one.
    pub(crate) fn from_value_with(value: &Value, limits: ParseLimits) -> Result<Transaction, Error> {
        let mut top = Fields::new(value, "", TX, "a transaction")?.nulls(Nulls::Absent);
        if top.object().is_empty() {
            return Err(Error::transaction("", "the transaction is empty"));
        }
        let mut parts: [Option<Fields<'_>>; 3] = [None, None, None];
        read_fields(limits, |spec| {
            let obj = match spec.part {
                Part::Top => &mut top,
                part => match &mut parts[part_index(part)] {
                    Some(o) => o,
                    None => return Ok(None),
                },
            };
            let Some(value) = obj.get(spec.key) else { return Ok(None) };
            if let Ty::Object(part) = spec.ty {
                let o = match value {
                    Value::Object(_) => Fields::new(value, &obj.at(spec.key), TX, "an")?.nulls(Nulls::Absent),
                    other => {
                        return Err(Error::transaction(
                            obj.at(spec.key),
                            format!("expected an object, found {}", other.type_name()),
                        ))
                    }
                };
                parts[part_index(part)] = Some(o);
                return Ok(Some(Raw::Part));
            }
            Ok(Some(match value {
                Value::String(s) => Raw::Str(s),
                Value::Number(n) => Raw::Num(n),
                &Value::Bool(b) => Raw::Bool(b),
                other => Raw::Other(other.type_name()),
            }))
        })
    }

    /// The destination country: the receiver's, else the merchant's.
    pub fn destination_country(&self) -> Option<Country> {
        self.receiver.country.or(self.merchant.country)
    }
}

impl Draft {
    /// The transaction, once the amount is read; `None` without a
    /// timestamp (the tree reader reports a missing one before this).
    pub(crate) fn finish(self, amount: Amount) -> Option<Transaction> {
        let Draft {
            id,
            timestamp,
            currency: _,
            channel,
            memo,
            top_up_source,
            cash_out_type,
            proxy_type,
            purpose_code,
            sender,
            receiver,
            merchant,
        } = self;
        Some(Transaction {
            id,
            timestamp: timestamp?,
            amount,
            channel,
            memo,
            top_up_source,
            cash_out_type,
            proxy_type,
            purpose_code,
            sender,
            receiver,
            merchant,
        })
    }
}

/// One field's value as a reader found it, before it is checked by the
/// field's kind: what the tree reader and the packed reader (`packed.rs`)
/// share, so that both accept and refuse the same values with the same
/// messages.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Raw<'a> {
    Str(&'a str),
    /// A number as JSON writes it (`JSON.stringify` in JavaScript).
    Num(&'a str),
    /// A whole number the packed reader got as one (a count of days).
    Uint(u32),
    Bool(bool),
    /// A value of another JSON type, by the name errors give it.
    Other(&'static str),
    /// A part (`sender`, ...) that is present: its fields follow.
    Part,
}

impl Raw<'_> {
    fn type_name(self) -> &'static str {
        match self {
            Raw::Str(_) => "a string",
            Raw::Num(_) | Raw::Uint(_) => "a number",
            Raw::Bool(_) => "a boolean",
            Raw::Other(name) => name,
            Raw::Part => "an object",
        }
    }
}

/// Reads every field of the table in its order: `get` gives a field's raw
/// value (`None` when absent) or a structural error; the first bad field is
/// the error.
pub(crate) fn read_fields<'v>(
    limits: ParseLimits,
    mut get: impl FnMut(&'static Spec) -> Result<Option<Raw<'v>>, Error>,
) -> Result<Transaction, Error> {
    let mut d = Draft::default();
    let mut amount = None;
    for spec in FIELDS {
        let raw = match get(spec)? {
            Some(Raw::Part) | None if !spec.required => continue,
            Some(Raw::Part) | None => return Err(required(spec.key)),
            Some(raw) => raw,
        };
        let at = || path(spec);
        if let Ty::Amount = spec.ty {
            // The currency row comes first in the table.
            let currency = d.currency.ok_or_else(|| required("currency"))?;
            amount = Some(match raw {
                Raw::Str(s) | Raw::Num(s) => Amount::parse(s, currency)?,
                Raw::Uint(n) => Amount::parse(&n.to_string(), currency)?,
                other => {
                    return Err(Error::transaction(
                        at(),
                        format!("expected a decimal string or a number, found {}", other.type_name()),
                    ))
                }
            });
            continue;
        }
        let read = read_raw(spec.ty, spec.key, raw, &at, limits)?;
        d.set(spec.field, read)
            .ok_or_else(|| Error::transaction(at(), "the field could not be stored (a reader bug)"))?;
    }
    let amount = amount.ok_or_else(|| required("amount"))?;
    d.finish(amount).ok_or_else(|| required("timestamp"))
}

/// A field's JSON pointer: `/memo`, `/sender/country`.
fn path(spec: &Spec) -> String {
    match spec.part {
        Part::Top => format!("/{}", spec.key),
        part => format!("/{}/{}", part.key(), spec.key),
    }
}

/// The index of a part in the readers' `[sender, receiver, merchant]`.
fn part_index(part: Part) -> usize {
    match part {
        Part::Sender => 0,
        Part::Receiver => 1,
        _ => 2,
    }
}

/// One value, read by its field's kind.
fn read_raw(ty: Ty, key: &str, value: Raw<'_>, at: &dyn Fn() -> String, limits: ParseLimits) -> Result<Read, Error> {
    let string = |max: usize| -> Result<&str, Error> {
        match value {
            Raw::Str(s) if s.len() > max => {
                Err(Error::transaction(at(), format!("{} is longer than {max} bytes", quote(s))))
            }
            Raw::Str(s) => Ok(s),
            other => Err(Error::transaction(at(), format!("expected a string, found {}", other.type_name()))),
        }
    };
    Ok(match ty {
        Ty::Id => Read::Str(string(limits.max_text_bytes)?.to_string()),
        Ty::Text(limit) => {
            let (max, option) = match limit {
                Limit::Memo => (limits.max_memo_bytes, "maxMemoBytes"),
                Limit::Text => (limits.max_text_bytes, "maxTextBytes"),
            };
            let s = string(usize::MAX)?;
            if s.len() > max {
                // `limit_exceeded`, not `invalid_transaction`: hosts can tell
                // "too big" from "wrong".
                return Err(Error::limit(
                    at(),
                    format!("{key} is {} bytes, more than the limit of {max} bytes ({option})", s.len()),
                ));
            }
            Read::Str(s.to_string())
        }
        Ty::Timestamp => {
            let s = string(64)?;
            Read::Timestamp(Timestamp::parse(s).ok_or_else(|| {
                Error::transaction(
                    at(),
                    format!(
                        "{} is not an RFC 3339 timestamp with a UTC offset (e.g. 2026-11-20T02:10:00+10:00)",
                        quote(s)
                    ),
                )
            })?)
        }
        Ty::Currency => {
            let s = string(64)?;
            Read::Currency(
                Currency::parse(s).ok_or_else(|| {
                    Error::transaction(at(), format!("{} is not an ISO 4217 currency code", quote(s)))
                })?,
            )
        }
        Ty::Country => {
            let s = string(64)?;
            Read::Country(Country::parse(s).ok_or_else(|| {
                Error::transaction(at(), format!("{} is not an ISO 3166-1 alpha-2 country code", quote(s)))
            })?)
        }
        Ty::Mcc => match value {
            Raw::Str(s) => Read::Mcc(parse_mcc(s).ok_or_else(|| {
                Error::transaction(at(), format!("{} is not a 4-digit merchant category code", quote(s)))
            })?),
            other => {
                return Err(Error::transaction(at(), format!("expected a 4-digit string, found {}", other.type_name())))
            }
        },
        Ty::Name(names) => {
            let s = string(64)?;
            Read::Name(fields::name_index(names, s).ok_or_else(|| {
                Error::transaction(
                    at(),
                    format!("{} is not {}; expected one of {}", quote(s), names.what, names.names.join(", ")),
                )
            })?)
        }
        Ty::Code => {
            let s = string(64)?;
            if !is_code(s) {
                return Err(Error::transaction(
                    at(),
                    format!("{} is not a code of 1 to {MAX_CODE} ASCII letters or digits", quote(s)),
                ));
            }
            Read::Str(s.to_string())
        }
        Ty::Bool => match value {
            Raw::Bool(b) => Read::Bool(b),
            other => {
                return Err(Error::transaction(at(), format!("expected true or false, found {}", other.type_name())))
            }
        },
        Ty::Days => match value {
            Raw::Uint(n) => Read::Days(n),
            Raw::Num(n) => Read::Days(json::whole(n).and_then(|v| u32::try_from(v).ok()).ok_or_else(|| {
                Error::transaction(at(), format!("{n} is not a whole number of days between 0 and {}", u32::MAX))
            })?),
            other => return Err(Error::transaction(at(), format!("expected a number, found {}", other.type_name()))),
        },
        // Read by the caller.
        Ty::Amount | Ty::Object(_) => return Err(Error::transaction(at(), "not a value field (a reader bug)")),
    })
}

/// A [`Ty::Code`]: 1 to 8 ASCII letters or digits.
pub(crate) fn is_code(s: &str) -> bool {
    (1..=MAX_CODE).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Parses a 4-digit MCC such as `"4829"`.
pub(crate) fn parse_mcc(s: &str) -> Option<u16> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

const TX: ErrorKind = ErrorKind::InvalidTransaction;

#[cold]
/// "timestamp is required" (a top-level key).
fn required(key: &str) -> Error {
    Error::transaction(format!("/{key}"), format!("{key} is required"))
}

impl Transaction {
    /// The transaction as compact JSON, with the same camelCase keys it is
    /// parsed from; `Transaction::from_json(&tx.to_json())` gives `tx` back.
    pub fn to_json(&self) -> String {
        self.to_value().to_json()
    }

    /// Every field of the table that has a value, parts included when not
    /// empty.
    fn to_value(&self) -> Value {
        let mut parts = [Object::default(), Object::default(), Object::default()];
        let mut top = Object::default();
        let mut order: Vec<Part> = Vec::new();
        for spec in FIELDS {
            if let Ty::Object(part) = spec.ty {
                order.push(part);
                continue;
            }
            let Some(got) = self.get(spec.field) else { continue };
            let value = match got {
                Got::Str(s) => Value::String(s.to_string()),
                Got::Owned(s) => Value::String(s),
                Got::Bool(b) => Value::Bool(b),
                Got::Days(d) => Value::Number(d.to_string()),
            };
            let obj = match spec.part {
                Part::Top => &mut top,
                Part::Sender => &mut parts[0],
                Part::Receiver => &mut parts[1],
                Part::Merchant => &mut parts[2],
            };
            obj.push(spec.key, value);
        }
        for part in order {
            let i = match part {
                Part::Sender => 0,
                Part::Receiver => 1,
                _ => 2,
            };
            let obj = std::mem::take(&mut parts[i]);
            if !obj.is_empty() {
                top.push(part.key(), Value::Object(obj));
            }
        }
        Value::Object(top)
    }
}

/// Serializes as the JSON object [`Transaction::to_json`] writes.
impl serde::Serialize for Transaction {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

/// Deserializing validates like [`Transaction::from_json`], from any serde
/// format; the error message starts with the JSON pointer of the bad field.
/// The format's own parser reads the text first: serde_json refuses a lone
/// surrogate escape, which `from_json` reads as U+FFFD, so use `from_json`
/// (or `Screener::screen_json`) for text straight from a payer.
impl<'de> serde::Deserialize<'de> for Transaction {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Transaction::from_value_with(&value, ParseLimits::default()).map_err(serde::de::Error::custom)
    }
}
