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

mod fast;

use serde::Serialize;

use crate::error::{quote, Error, ErrorKind};
use crate::json::{self, Fields, Nulls, Object, Surrogates, Value};
use crate::money::{self, Country, Currency};

/// How the money moved. Conditions such as `channelIn` compare against it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Channel {
    /// Person-to-person transfer inside a wallet or payment app.
    P2p,
    /// Bank transfer (domestic or international).
    BankTransfer,
    /// Money service business / remittance provider.
    Remittance,
    /// Top-up of an e-wallet balance.
    EwalletTopup,
    /// Indonesia's QR payment standard.
    Qris,
    /// Card payment.
    Card,
    /// Crypto on-ramp, off-ramp or transfer.
    Crypto,
    /// Gift card or prepaid card purchase.
    GiftCard,
    /// Airtime ("pulsa", "load") purchase or transfer.
    Airtime,
    /// Game credit top-up.
    GameTopup,
    /// Cash withdrawal.
    CashWithdrawal,
    /// Anything else.
    Other,
}

impl Channel {
    /// Every channel, in declaration order.
    pub const ALL: [Channel; 12] = [
        Channel::P2p,
        Channel::BankTransfer,
        Channel::Remittance,
        Channel::EwalletTopup,
        Channel::Qris,
        Channel::Card,
        Channel::Crypto,
        Channel::GiftCard,
        Channel::Airtime,
        Channel::GameTopup,
        Channel::CashWithdrawal,
        Channel::Other,
    ];

    /// The wire name, e.g. `"bank_transfer"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::P2p => "p2p",
            Channel::BankTransfer => "bank_transfer",
            Channel::Remittance => "remittance",
            Channel::EwalletTopup => "ewallet_topup",
            Channel::Qris => "qris",
            Channel::Card => "card",
            Channel::Crypto => "crypto",
            Channel::GiftCard => "gift_card",
            Channel::Airtime => "airtime",
            Channel::GameTopup => "game_topup",
            Channel::CashWithdrawal => "cash_withdrawal",
            Channel::Other => "other",
        }
    }

    /// Parses a wire name.
    pub fn parse(name: &str) -> Option<Channel> {
        // A plain loop: the optimizer unrolls `ALL.into_iter().find(..)`
        // into twelve inlined comparisons.
        let mut i = 0;
        while let Some(&c) = Channel::ALL.get(i) {
            if c.as_str() == name {
                return Some(c);
            }
            i += 1;
        }
        None
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
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
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
}

/// One transaction to screen.
///
/// Build one with [`Transaction::from_json`] or through serde
/// (`Deserialize`); both validate every field. The JSON keys are camelCase:
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
        // The common shape in one pass (fast.rs); anything it is unsure of,
        // and every error, goes through the tree and its JSON pointers.
        if let Some(tx) = fast::parse_fast(json, limits) {
            return Ok(tx);
        }
        let value = json::parse(json, TX, Surrogates::Replace)?;
        Transaction::from_value_with(&value, limits)
    }

    pub(crate) fn from_value_with(value: &Value, limits: ParseLimits) -> Result<Transaction, Error> {
        let mut obj = Fields::new(value, "", TX, "a transaction")?.nulls(Nulls::Absent);
        if obj.object().is_empty() {
            return Err(Error::transaction("", "the transaction is empty"));
        }
        let id = short_string(&mut obj, "id", limits.max_text_bytes)?.map(str::to_string);
        let ts_text = short_string(&mut obj, "timestamp", 64)?.ok_or_else(|| required("/timestamp"))?;
        let timestamp = Timestamp::parse(ts_text).ok_or_else(|| {
            Error::transaction(
                "/timestamp",
                format!(
                    "{} is not an RFC 3339 timestamp with a UTC offset (e.g. 2026-11-20T02:10:00+10:00)",
                    quote(ts_text)
                ),
            )
        })?;
        let cur_text = short_string(&mut obj, "currency", 64)?.ok_or_else(|| required("/currency"))?;
        let currency = Currency::parse(cur_text).ok_or_else(|| {
            Error::transaction("/currency", format!("{} is not an ISO 4217 currency code", quote(cur_text)))
        })?;
        let amount = match obj.get("amount") {
            None => return Err(required("/amount")),
            Some(Value::String(s) | Value::Number(s)) => Amount::parse(s, currency)?,
            Some(other) => {
                return Err(Error::transaction(
                    "/amount",
                    format!("expected a decimal string or a number, found {}", other.type_name()),
                ))
            }
        };
        let channel = match short_string(&mut obj, "channel", 64)? {
            None => None,
            Some(s) => Some(Channel::parse(s).ok_or_else(|| {
                Error::transaction(
                    "/channel",
                    format!(
                        "{} is not a channel; expected one of {}",
                        quote(s),
                        Channel::ALL.map(Channel::as_str).join(", ")
                    ),
                )
            })?),
        };
        let memo = text(&mut obj, "memo", limits.max_memo_bytes, "maxMemoBytes")?;

        let mut sender = Sender::default();
        if let Some(mut o) = part(&mut obj, "sender")? {
            sender.id = short_string(&mut o, "id", limits.max_text_bytes)?.map(str::to_string);
            sender.country = country(&mut o)?;
            sender.account_age_days = match o.get("accountAgeDays") {
                None => None,
                Some(v @ Value::Number(n)) => {
                    Some(v.as_u64().and_then(|v| u32::try_from(v).ok()).ok_or_else(|| {
                        Error::transaction(
                            "/sender/accountAgeDays",
                            format!("{n} is not a whole number of days between 0 and {}", u32::MAX),
                        )
                    })?)
                }
                Some(other) => {
                    return Err(Error::transaction(
                        "/sender/accountAgeDays",
                        format!("expected a number, found {}", other.type_name()),
                    ))
                }
            };
            sender.is_minor = o.opt_bool("isMinor")?;
        }
        let mut receiver = Receiver::default();
        if let Some(mut o) = part(&mut obj, "receiver")? {
            receiver.id = short_string(&mut o, "id", limits.max_text_bytes)?.map(str::to_string);
            receiver.country = country(&mut o)?;
            receiver.is_new = o.opt_bool("isNew")?;
        }
        let mut merchant = Merchant::default();
        if let Some(mut o) = part(&mut obj, "merchant")? {
            merchant.id = short_string(&mut o, "id", limits.max_text_bytes)?.map(str::to_string);
            merchant.name = text(&mut o, "name", limits.max_text_bytes, "maxTextBytes")?;
            merchant.city = text(&mut o, "city", limits.max_text_bytes, "maxTextBytes")?;
            merchant.descriptor = text(&mut o, "descriptor", limits.max_text_bytes, "maxTextBytes")?;
            merchant.country = country(&mut o)?;
            merchant.mcc = match o.get("mcc") {
                None => None,
                Some(Value::String(s)) => Some(parse_mcc(s).ok_or_else(|| {
                    Error::transaction("/merchant/mcc", format!("{} is not a 4-digit merchant category code", quote(s)))
                })?),
                Some(other) => {
                    return Err(Error::transaction(
                        "/merchant/mcc",
                        format!("expected a 4-digit string, found {}", other.type_name()),
                    ))
                }
            };
        }
        Ok(Transaction { id, timestamp, amount, channel, memo, sender, receiver, merchant })
    }

    /// The destination country: the receiver's, else the merchant's.
    pub fn destination_country(&self) -> Option<Country> {
        self.receiver.country.or(self.merchant.country)
    }
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
/// `/timestamp`: "timestamp is required" (top-level keys only).
fn required(path: &str) -> Error {
    let key = path.trim_start_matches('/');
    Error::transaction(path, format!("{key} is required"))
}

/// An optional nested object (`sender`, `receiver`, `merchant`).
fn part<'a>(obj: &mut Fields<'a>, key: &'a str) -> Result<Option<Fields<'a>>, Error> {
    let at = obj.at(key);
    match obj.get(key) {
        None => Ok(None),
        Some(v @ Value::Object(_)) => Ok(Some(Fields::new(v, &at, TX, "an")?.nulls(Nulls::Absent))),
        Some(other) => Err(Error::transaction(at, format!("expected an object, found {}", other.type_name()))),
    }
}

/// An optional string of at most `max` bytes (ids, codes): longer is an
/// invalid value, not a configurable limit.
fn short_string<'a>(obj: &mut Fields<'a>, key: &'a str, max: usize) -> Result<Option<&'a str>, Error> {
    match obj.opt_str(key)? {
        Some(s) if s.len() > max => {
            Err(Error::transaction(obj.at(key), format!("{} is longer than {max} bytes", quote(s))))
        }
        s => Ok(s),
    }
}

/// A free-text field whose size is a configurable limit (`limit_exceeded`
/// rather than `invalid_transaction`, so hosts can tell "too big" from
/// "wrong").
fn text<'a>(obj: &mut Fields<'a>, key: &'a str, max: usize, option: &str) -> Result<Option<String>, Error> {
    match obj.opt_str(key)? {
        Some(s) if s.len() > max => Err(Error::limit(
            obj.at(key),
            format!("{key} is {} bytes, more than the limit of {max} bytes ({option})", s.len()),
        )),
        s => Ok(s.map(str::to_string)),
    }
}

fn country(obj: &mut Fields<'_>) -> Result<Option<Country>, Error> {
    match short_string(obj, "country", 64)? {
        None => Ok(None),
        Some(s) => Country::parse(s).map(Some).ok_or_else(|| {
            Error::transaction(obj.at("country"), format!("{} is not an ISO 3166-1 alpha-2 country code", quote(s)))
        }),
    }
}

impl Transaction {
    /// The transaction as compact JSON, with the same camelCase keys it is
    /// parsed from; `Transaction::from_json(&tx.to_json())` gives `tx` back.
    pub fn to_json(&self) -> String {
        self.to_value().to_json()
    }

    fn to_value(&self) -> Value {
        let string = |s: &str| Value::String(s.to_string());
        let country = |c: Option<Country>| c.map(|c| string(c.as_str()));
        let mut o = Object::default();
        let put = |o: &mut Object, k: &str, v: Option<Value>| {
            if let Some(v) = v {
                o.push(k, v);
            }
        };
        put(&mut o, "id", self.id.as_deref().map(string));
        put(&mut o, "timestamp", Some(string(self.timestamp.as_str())));
        let exp = self.amount.currency().exponent();
        put(&mut o, "amount", Some(Value::String(money::plain(u128::from(self.amount.minor_units()), exp))));
        put(&mut o, "currency", Some(string(self.amount.currency().as_str())));
        put(&mut o, "channel", self.channel.map(|c| string(c.as_str())));
        put(&mut o, "memo", self.memo.as_deref().map(string));
        let mut s = Object::default();
        put(&mut s, "id", self.sender.id.as_deref().map(string));
        put(&mut s, "country", country(self.sender.country));
        put(&mut s, "accountAgeDays", self.sender.account_age_days.map(|d| Value::Number(d.to_string())));
        put(&mut s, "isMinor", self.sender.is_minor.map(Value::Bool));
        let mut r = Object::default();
        put(&mut r, "id", self.receiver.id.as_deref().map(string));
        put(&mut r, "country", country(self.receiver.country));
        put(&mut r, "isNew", self.receiver.is_new.map(Value::Bool));
        let mut m = Object::default();
        put(&mut m, "id", self.merchant.id.as_deref().map(string));
        put(&mut m, "name", self.merchant.name.as_deref().map(string));
        put(&mut m, "descriptor", self.merchant.descriptor.as_deref().map(string));
        put(&mut m, "mcc", self.merchant.mcc.map(|v| Value::String(format!("{v:04}"))));
        put(&mut m, "country", country(self.merchant.country));
        put(&mut m, "city", self.merchant.city.as_deref().map(string));
        for (k, part) in [("sender", s), ("receiver", r), ("merchant", m)] {
            if !part.is_empty() {
                o.push(k, Value::Object(part));
            }
        }
        Value::Object(o)
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
