//! The transaction's fields, declared once.
//!
//! Every key a transaction may have is a row of [`FIELDS`]: where it lives
//! (the top object, `sender`, `receiver` or `merchant`), its key, what it
//! holds, and (in tests only) its documentation and the publisher that
//! defines it. The two readers (`mod.rs`, the JSON tree with its error
//! paths, and `packed.rs`, what the JavaScript package hands over) walk the
//! rows in order and store what they read with [`Draft::set`], whose
//! `match` on [`Field`] is exhaustive: a row added here does not compile
//! until it is stored. The writer (`Transaction::to_json`) walks the table with
//! [`Transaction::get`].
//!
//! From the same table `src/contracts.rs` generates the TypeScript
//! `Transaction` type (`pkg/index.d.ts`), the JSON Schema of a transaction
//! (`docs/transaction.schema.json`) and the CSV columns of `jejak/records`
//! (`pkg/lib/fields.mjs`); `make test` fails when a committed copy differs.

use super::{
    CashOutType, Channel, Kyc, Merchant, MerchantCriteria, ProxyType, QrType, Receiver, Sender, Timestamp, TopUpSource,
    Transaction,
};
use crate::money::{Country, Currency};

/// The object a field is a member of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    Top,
    Sender,
    Receiver,
    Merchant,
}

impl Part {
    /// The part's key in the top object (`""` for the top object).
    pub(crate) fn key(self) -> &'static str {
        match self {
            Part::Top => "",
            Part::Sender => "sender",
            Part::Receiver => "receiver",
            Part::Merchant => "merchant",
        }
    }
}

/// The names an enumerated field takes, and how an error calls the field.
#[derive(Debug)]
pub(crate) struct Names {
    /// `"a channel"`: "\"x\" is not a channel; expected one of ...".
    pub(crate) what: &'static str,
    pub(crate) names: &'static [&'static str],
}

/// Which option bounds a free-text field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Limit {
    /// `maxMemoBytes`.
    Memo,
    /// `maxTextBytes`.
    Text,
}

/// What a field holds, and how the readers check it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Ty {
    /// An id: a string of at most `maxTextBytes` (longer is an invalid
    /// value, not a limit).
    Id,
    /// Free text of at most the limit's bytes (longer is `limit_exceeded`).
    Text(Limit),
    /// RFC 3339 with a UTC offset.
    Timestamp,
    /// A decimal string or number in major units, exact in the currency.
    Amount,
    /// An ISO 4217 code.
    Currency,
    /// An ISO 3166-1 alpha-2 code.
    Country,
    /// An ISO 18245 merchant category code: four digits, as a string.
    Mcc,
    /// One of a fixed set of names.
    Name(&'static Names),
    /// A short code: 1 to 8 ASCII letters or digits.
    Code,
    /// `true` or `false`.
    Bool,
    /// A whole number of days, 0 to 4294967295.
    Days,
    /// A nested object (`sender`, `receiver`, `merchant`).
    Object(Part),
}

/// The longest [`Ty::Code`].
pub(crate) const MAX_CODE: usize = 8;

/// One row of the table.
#[derive(Debug)]
pub(crate) struct Spec {
    pub(crate) field: Field,
    pub(crate) part: Part,
    pub(crate) key: &'static str,
    pub(crate) ty: Ty,
    pub(crate) required: bool,
}

/// A field's documentation and the publisher that defines its values.
#[cfg(test)]
pub(crate) struct Doc {
    pub(crate) field: Field,
    pub(crate) doc: &'static str,
    /// Empty when the field is the host's own (ids, times, amounts).
    pub(crate) source: &'static str,
}

/// Writes the table once: the [`Field`] enumeration, the rows and (in
/// tests only, so the module does not carry the words) their docs.
macro_rules! fields {
    ($($field:ident: $part:ident $key:literal $ty:expr, $req:literal, $doc:literal, $source:literal;)*) => {
        /// A transaction field (a row of [`FIELDS`]).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum Field { $($field),* }

        /// Every field, in the order the tree reader checks them (so the
        /// first error reported is the first in this order).
        pub(crate) const FIELDS: &[Spec] = &[$(Spec {
            field: Field::$field, part: Part::$part, key: $key, ty: $ty, required: $req,
        }),*];

        #[cfg(test)]
        pub(crate) const DOCS: &[Doc] = &[$(Doc { field: Field::$field, doc: $doc, source: $source }),*];
    };
}

const CHANNEL: Names = Names { what: "a channel", names: Channel::NAMES };
const KYC: Names = Names { what: "a KYC level", names: Kyc::NAMES };
const CRITERIA: Names = Names { what: "a QRIS merchant criterion", names: MerchantCriteria::NAMES };
const QR_TYPE: Names = Names { what: "a QR type", names: QrType::NAMES };
const TOP_UP: Names = Names { what: "a top-up source", names: TopUpSource::NAMES };
const CASH_OUT: Names = Names { what: "a cash-out type", names: CashOutType::NAMES };
const PROXY: Names = Names { what: "a proxy type", names: ProxyType::NAMES };

// `Name: Part "key" Ty, required, "doc", "source";`
fields! {
    Id: Top "id" Ty::Id, false,
        "Your transaction id, echoed in the verdict. With history, a payment whose id the state already holds is not counted again (idempotent retries).", "";
    Timestamp: Top "timestamp" Ty::Timestamp, true,
        "RFC 3339 with the sender's UTC offset, e.g. `2026-11-20T02:10:00+10:00`: the local hour comes from it.", "";
    Currency: Top "currency" Ty::Currency, true, "ISO 4217 code, e.g. `AUD`.", "";
    Amount: Top "amount" Ty::Amount, true,
        "Major units, exact: a decimal string or a number (JavaScript: also a BigInt).", "";
    Channel: Top "channel" Ty::Name(&CHANNEL), false, "How the money moved.", "";
    Memo: Top "memo" Ty::Text(Limit::Memo), false, "Payment reference / \"berita transfer\"; screened as text.", "";
    TopUpSource: Top "topUpSource" Ty::Name(&TOP_UP), false,
        "For an e-wallet top-up: where the money came in: a bank virtual account, a minimarket counter or an agent.",
        "Bank Indonesia, e-money top-up channels";
    CashOutType: Top "cashOutType" Ty::Name(&CASH_OUT), false,
        "For a cash-out: to the holder's bank account, cardless at an ATM, at a minimarket counter or at an agent.",
        "PPATK (e-wallet balances swept to a bank account)";
    ProxyType: Top "proxyType" Ty::Name(&PROXY), false,
        "How the payee was addressed: a BI-FAST proxy address (phone number or e-mail) or the account number.",
        "Bank Indonesia, BI-FAST proxy address";
    PurposeCode: Top "purposeCode" Ty::Code, false,
        "The purpose of the transfer the payer chose (BI-FAST asks for one), as the bank records it: 1 to 8 ASCII letters or digits.",
        "Bank Indonesia, BI-FAST";
    Sender: Top "sender" Ty::Object(Part::Sender), false, "The payer.", "";
    SenderId: Sender "id" Ty::Id, false, "The payer's account id in your system (history keys its state by it).", "";
    SenderCountry: Sender "country" Ty::Country, false, "ISO 3166-1 alpha-2.", "";
    SenderAccountAgeDays: Sender "accountAgeDays" Ty::Days, false, "Age of the payer's account in days.", "";
    SenderIsMinor: Sender "isMinor" Ty::Bool, false,
        "The account belongs to a minor (or is a co-signed youth account). Used only in the protective direction: never to score an adult.", "";
    SenderKyc: Sender "kyc" Ty::Name(&KYC), false,
        "E-money account level: `unregistered` (no identity on record; balance up to Rp 2,000,000) or `registered` (identity on record; up to Rp 10,000,000, Rp 20,000,000 from July 2022).",
        "Bank Indonesia, PBI 20/6/PBI/2018 on e-money";
    Receiver: Top "receiver" Ty::Object(Part::Receiver), false, "The payee.", "";
    ReceiverId: Receiver "id" Ty::Id, false, "The payee's account id in your system.", "";
    ReceiverCountry: Receiver "country" Ty::Country, false, "ISO 3166-1 alpha-2.", "";
    ReceiverIsNew: Receiver "isNew" Ty::Bool, false,
        "This is the sender's first payment to this payee. With history and no `isNew`, the sender's history decides (docs/STATE.md); `false` always wins.", "";
    ReceiverAccountAgeDays: Receiver "accountAgeDays" Ty::Days, false, "Age of the payee's account in days.", "";
    ReceiverIsMinor: Receiver "isMinor" Ty::Bool, false,
        "The payee's account belongs to a minor. Protective use only: a child paid directly from abroad.", "AMLC (offender pays the child directly)";
    ReceiverKyc: Receiver "kyc" Ty::Name(&KYC), false, "The payee's e-money account level, as for the sender.",
        "Bank Indonesia, PBI 20/6/PBI/2018 on e-money";
    Merchant: Top "merchant" Ty::Object(Part::Merchant), false, "The merchant, for purchases.", "";
    MerchantId: Merchant "id" Ty::Id, false,
        "The merchant's id at the provider: a QRIS NMID (National Merchant ID) or the provider's own. Not screened as text.", "";
    MerchantName: Merchant "name" Ty::Text(Limit::Text), false, "Merchant name; screened as text.", "";
    MerchantCity: Merchant "city" Ty::Text(Limit::Text), false, "The merchant's city, as the provider records it (QRIS carries one). Not screened.", "";
    MerchantDescriptor: Merchant "descriptor" Ty::Text(Limit::Text), false, "Card-statement descriptor; screened as text.", "";
    MerchantCountry: Merchant "country" Ty::Country, false, "ISO 3166-1 alpha-2.", "";
    MerchantMcc: Merchant "mcc" Ty::Mcc, false, "ISO 18245 merchant category code, four digits as a string.", "";
    MerchantCriteria: Merchant "criteria" Ty::Name(&CRITERIA), false,
        "QRIS merchant criterion by business size: `umi` (micro), `uke` (small), `ume` (medium), `ube` (large). A micro merchant (UMI) may be a private person: history counts its payers as a person's.",
        "Bank Indonesia / ASPI, QRIS merchant criteria";
    MerchantQrType: Merchant "qrType" Ty::Name(&QR_TYPE), false,
        "QRIS code presented: `static` (printed, the payer types the amount) or `dynamic` (made for this payment).",
        "Bank Indonesia / ASPI, QRIS";
}

/// The index of `name` in an enumerated field's names.
pub(crate) fn name_index(names: &Names, name: &str) -> Option<u8> {
    names.names.iter().position(|n| *n == name).and_then(|i| u8::try_from(i).ok())
}

/// One field's value as a reader read it.
#[derive(Debug)]
pub(crate) enum Read {
    Str(String),
    Bool(bool),
    Days(u32),
    Country(Country),
    Mcc(u16),
    /// The index in the field's [`Names`].
    Name(u8),
    Timestamp(Timestamp),
    Currency(Currency),
}

/// What the readers build: every field but the amount, which needs the
/// currency (read in any order) and is parsed last.
#[derive(Debug, Default)]
pub(crate) struct Draft {
    pub(crate) id: Option<String>,
    pub(crate) timestamp: Option<Timestamp>,
    pub(crate) currency: Option<Currency>,
    pub(crate) channel: Option<Channel>,
    pub(crate) memo: Option<String>,
    pub(crate) top_up_source: Option<TopUpSource>,
    pub(crate) cash_out_type: Option<CashOutType>,
    pub(crate) proxy_type: Option<ProxyType>,
    pub(crate) purpose_code: Option<String>,
    pub(crate) sender: Sender,
    pub(crate) receiver: Receiver,
    pub(crate) merchant: Merchant,
}

impl Read {
    fn string(self) -> Option<String> {
        match self {
            Read::Str(s) => Some(s),
            _ => None,
        }
    }

    fn name<T: Copy>(self, all: &[T]) -> Option<T> {
        match self {
            Read::Name(i) => all.get(usize::from(i)).copied(),
            _ => None,
        }
    }
}

impl Draft {
    /// Stores a field's value. `None` when the value is not of the field's
    /// kind, or the field is one the readers store themselves (the amount,
    /// the parts): a reader bug, never input, since the readers read each
    /// value by its row's [`Ty`].
    #[inline(never)]
    pub(crate) fn set(&mut self, field: Field, value: Read) -> Option<()> {
        let country = |v: Read| match v {
            Read::Country(c) => Some(c),
            _ => None,
        };
        let boolean = |v: Read| match v {
            Read::Bool(b) => Some(b),
            _ => None,
        };
        let days = |v: Read| match v {
            Read::Days(d) => Some(d),
            _ => None,
        };
        // No wildcard: a field added to the table must be stored here.
        match field {
            Field::Id => self.id = Some(value.string()?),
            Field::Timestamp => {
                self.timestamp = Some(match value {
                    Read::Timestamp(t) => t,
                    _ => return None,
                })
            }
            Field::Currency => {
                self.currency = Some(match value {
                    Read::Currency(c) => c,
                    _ => return None,
                })
            }
            Field::Channel => self.channel = Some(value.name(Channel::ALL)?),
            Field::Memo => self.memo = Some(value.string()?),
            Field::TopUpSource => self.top_up_source = Some(value.name(TopUpSource::ALL)?),
            Field::CashOutType => self.cash_out_type = Some(value.name(CashOutType::ALL)?),
            Field::ProxyType => self.proxy_type = Some(value.name(ProxyType::ALL)?),
            Field::PurposeCode => self.purpose_code = Some(value.string()?),
            Field::SenderId => self.sender.id = Some(value.string()?),
            Field::SenderCountry => self.sender.country = Some(country(value)?),
            Field::SenderAccountAgeDays => self.sender.account_age_days = Some(days(value)?),
            Field::SenderIsMinor => self.sender.is_minor = Some(boolean(value)?),
            Field::SenderKyc => self.sender.kyc = Some(value.name(Kyc::ALL)?),
            Field::ReceiverId => self.receiver.id = Some(value.string()?),
            Field::ReceiverCountry => self.receiver.country = Some(country(value)?),
            Field::ReceiverIsNew => self.receiver.is_new = Some(boolean(value)?),
            Field::ReceiverAccountAgeDays => self.receiver.account_age_days = Some(days(value)?),
            Field::ReceiverIsMinor => self.receiver.is_minor = Some(boolean(value)?),
            Field::ReceiverKyc => self.receiver.kyc = Some(value.name(Kyc::ALL)?),
            Field::MerchantId => self.merchant.id = Some(value.string()?),
            Field::MerchantName => self.merchant.name = Some(value.string()?),
            Field::MerchantCity => self.merchant.city = Some(value.string()?),
            Field::MerchantDescriptor => self.merchant.descriptor = Some(value.string()?),
            Field::MerchantCountry => self.merchant.country = Some(country(value)?),
            Field::MerchantMcc => {
                self.merchant.mcc = Some(match value {
                    Read::Mcc(m) => m,
                    _ => return None,
                })
            }
            Field::MerchantCriteria => self.merchant.criteria = Some(value.name(MerchantCriteria::ALL)?),
            Field::MerchantQrType => self.merchant.qr_type = Some(value.name(QrType::ALL)?),
            Field::Amount | Field::Sender | Field::Receiver | Field::Merchant => return None,
        }
        Some(())
    }
}

/// A field's value, as [`Transaction::get`] gives it to the writer.
pub(crate) enum Got<'a> {
    Str(&'a str),
    Owned(String),
    Bool(bool),
    Days(u32),
}

impl Transaction {
    /// A field's value for the writer: `None` when absent (and for the
    /// parts, which the writer walks itself).
    pub(crate) fn get(&self, field: Field) -> Option<Got<'_>> {
        fn s(v: &Option<String>) -> Option<Got<'_>> {
            v.as_deref().map(Got::Str)
        }
        let country = |c: Option<Country>| c.map(|c| Got::Owned(c.as_str().to_string()));
        match field {
            Field::Id => s(&self.id),
            Field::Timestamp => Some(Got::Str(self.timestamp.as_str())),
            Field::Currency => Some(Got::Owned(self.amount.currency().as_str().to_string())),
            Field::Amount => Some(Got::Owned(crate::money::plain(
                u128::from(self.amount.minor_units()),
                self.amount.currency().exponent(),
            ))),
            Field::Channel => self.channel.map(|c| Got::Str(c.as_str())),
            Field::Memo => s(&self.memo),
            Field::TopUpSource => self.top_up_source.map(|v| Got::Str(v.as_str())),
            Field::CashOutType => self.cash_out_type.map(|v| Got::Str(v.as_str())),
            Field::ProxyType => self.proxy_type.map(|v| Got::Str(v.as_str())),
            Field::PurposeCode => s(&self.purpose_code),
            Field::SenderId => s(&self.sender.id),
            Field::SenderCountry => country(self.sender.country),
            Field::SenderAccountAgeDays => self.sender.account_age_days.map(Got::Days),
            Field::SenderIsMinor => self.sender.is_minor.map(Got::Bool),
            Field::SenderKyc => self.sender.kyc.map(|v| Got::Str(v.as_str())),
            Field::ReceiverId => s(&self.receiver.id),
            Field::ReceiverCountry => country(self.receiver.country),
            Field::ReceiverIsNew => self.receiver.is_new.map(Got::Bool),
            Field::ReceiverAccountAgeDays => self.receiver.account_age_days.map(Got::Days),
            Field::ReceiverIsMinor => self.receiver.is_minor.map(Got::Bool),
            Field::ReceiverKyc => self.receiver.kyc.map(|v| Got::Str(v.as_str())),
            Field::MerchantId => s(&self.merchant.id),
            Field::MerchantName => s(&self.merchant.name),
            Field::MerchantCity => s(&self.merchant.city),
            Field::MerchantDescriptor => s(&self.merchant.descriptor),
            Field::MerchantCountry => country(self.merchant.country),
            Field::MerchantMcc => self.merchant.mcc.map(|m| Got::Owned(format!("{m:04}"))),
            Field::MerchantCriteria => self.merchant.criteria.map(|v| Got::Str(v.as_str())),
            Field::MerchantQrType => self.merchant.qr_type.map(|v| Got::Str(v.as_str())),
            Field::Sender | Field::Receiver | Field::Merchant => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_in_their_part_and_every_field_is_documented() {
        for (i, a) in FIELDS.iter().enumerate() {
            assert!(FIELDS.iter().skip(i + 1).all(|b| b.part != a.part || b.key != a.key), "{}", a.key);
            let doc = DOCS.iter().find(|d| d.field == a.field).unwrap();
            assert!(!doc.doc.is_empty());
        }
        assert_eq!(DOCS.len(), FIELDS.len());
        // Every part is an object field of the top object.
        for part in [Part::Sender, Part::Receiver, Part::Merchant] {
            assert!(FIELDS.iter().any(|s| matches!(s.ty, Ty::Object(p) if p == part) && s.key == part.key()));
        }
    }
}
