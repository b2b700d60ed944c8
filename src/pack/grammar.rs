//! The condition grammar as data: every condition kind, the shape of its
//! argument, and its wording in English and Bahasa Indonesia.
//!
//! This table is the one place the grammar is written down. The loader
//! accepts exactly the kinds listed here (an unknown kind's error lists
//! them), and a test checks that the loader parses each one. The pack JSON
//! Schema (`docs/pack.schema.json`), the TypeScript `Condition` type
//! (`pkg/index.d.ts`) and the demo page's wording (`www/lib/grammar.js`) are
//! generated from it by `src/contracts.rs` at test time; `make test` fails
//! when a committed copy differs from what the generator writes.
//!
//! Wording templates use `{name}` placeholders that the demo page fills per
//! argument shape (see each [`Arg`] variant for its names). A template is
//! chosen by a variant key: `true`/`false` for booleans, `between`/`atMost`/
//! `atLeast` for amount bands, and so on; `""` is the only template.

/// The shape of a condition's argument.
#[cfg(test)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Arg {
    /// A non-empty array of conditions (`all`, `any`).
    Conditions,
    /// One condition (`not`).
    Condition,
    /// A whole number N with a sibling `of` array (`atLeast`): `{n}`,
    /// `{count}`.
    AtLeast,
    /// `true` or `false`; variants `true` and `false`.
    Bool,
    /// A term specification: `{terms}`.
    Terms,
    /// `{a, b, within, field?}`: `{field}`, `{a}`, `{b}`, `{within}`.
    Near,
    /// A pattern kind or a non-empty array of them: `{kinds}`.
    PatternKinds,
    /// A non-empty array of 4-digit MCC strings: `{codes}`.
    Mccs,
    /// `{min?, max?, currency}`: variants `between`, `atMost`, `atLeast`
    /// with `{min}`, `{max}`, `{currency}`.
    AmountBand,
    /// `{multiples?, default?}`: variants `default`, `multiples`,
    /// `multiplesOrDefault` with `{multiples}`, `{default}`.
    RoundAmount,
    /// `{from?, to?}`: variants `from`, `to` (joined by `and`) with
    /// `{countries}`.
    Corridor,
    /// A non-empty array of channel names: `{channels}`.
    Channels,
    /// A non-empty array of ISO 4217 codes: `{currencies}`.
    Currencies,
    /// `{from, to}` hours: `{from}`, `{to}`.
    HourRange,
    /// A whole number of days (the sender's account), or `{days, party}`:
    /// `{days}`, `{party}`.
    AccountAge,
    /// An indicator id: `{id}`, `{title}`.
    IndicatorId,
    /// The parameters of a history measure, an object whose keys depend on
    /// the kind (the loader checks which are required): `window` and `quiet`
    /// (`"1h"`-`"48h"` or `"1d"`-`"30d"`), `atLeast`, `factor` and `share`
    /// (whole numbers), `only` (filters), `to` (countries), `lists` (term
    /// list ids), `account` (`receiver` or `sender`), `currency` (with an
    /// amount `atLeast` for sums). Placeholders: the same
    /// names, `{window}`, `{atLeast}`, ...
    History,
    /// `{list, party?}`: `{list}`, `{party}`.
    Watchlist,
}

#[cfg(test)]
impl Arg {
    /// The shape's name in generated files.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Arg::Conditions => "conditions",
            Arg::Condition => "condition",
            Arg::AtLeast => "atLeast",
            Arg::Bool => "bool",
            Arg::Terms => "terms",
            Arg::Near => "near",
            Arg::PatternKinds => "patternKinds",
            Arg::Mccs => "mccs",
            Arg::AmountBand => "amountBand",
            Arg::RoundAmount => "roundAmount",
            Arg::Corridor => "corridor",
            Arg::Channels => "channels",
            Arg::Currencies => "currencies",
            Arg::HourRange => "hourRange",
            Arg::AccountAge => "accountAge",
            Arg::IndicatorId => "indicatorId",
            Arg::History => "history",
            Arg::Watchlist => "watchlist",
        }
    }
}

/// One condition kind.
#[cfg(test)]
#[derive(Clone, Copy, Debug)]
pub(crate) struct Kind {
    /// The key in the pack (`memoTerms`).
    pub(crate) name: &'static str,
    pub(crate) arg: Arg,
    /// What it means, for the schema and the TypeScript docs.
    pub(crate) doc: &'static str,
    /// Wording templates: `(variant, English, Bahasa Indonesia)`.
    pub(crate) words: &'static [(&'static str, &'static str, &'static str)],
}

/// Writes the grammar once and expands it twice: the kind names, which
/// the loader needs in every build, and (in tests only) the whole table,
/// whose wording and docs the module must not carry.
macro_rules! grammar {
    ($($name:literal: $arg:ident, $doc:literal, [$(($variant:literal, $en:literal, $id:literal)),* $(,)?];)*) => {
        /// The condition kinds' names.
        pub(crate) const NAMES: &[&str] = &[$($name),*];

        /// Every condition kind with its argument shape, doc and wording.
        #[cfg(test)]
        pub(crate) const KINDS: &[Kind] = &[$(Kind {
            name: $name,
            arg: Arg::$arg,
            doc: $doc,
            words: &[$(($variant, $en, $id)),*],
        }),*];
    };
}

// Every condition kind, in the order the documentation lists them:
// `name: Shape, "doc", [(variant, English, Bahasa Indonesia), ...];`.
grammar! {
    "all": Conditions, "Every child fires (at least one child).",
        [("", "all of these hold:", "semua syarat ini terpenuhi:")];
    "any": Conditions, "Some child fires (at least one child).",
        [("", "any of these holds:", "salah satu syarat ini terpenuhi:")];
    "not": Condition, "The child does not fire; its evidence is never kept.",
        [("", "this does not hold:", "syarat ini tidak terpenuhi:")];
    "atLeast": AtLeast, "At least N of the children in `of` fire (1 <= N <= number of children).",
        [("", "at least {n} of these {count} hold:", "sedikitnya {n} dari {count} syarat ini terpenuhi:")];
    "memoTerms": Terms, "A term of the list occurs in `memo`.",
        [("", "the memo contains {terms}", "keterangan memuat {terms}")];
    "merchantTerms": Terms, "A term of the list occurs in `merchant.name` or `merchant.descriptor`.",
        [("", "the merchant name or descriptor contains {terms}", "nama atau deskriptor merchant memuat {terms}")];
    "near": Near, "A hit of `a` and a hit of `b` are at most `within` words apart (words strictly between them) in `field` (default `memo`).",
        [("", "in the {field}, {a} and {b} are at most {within} words apart", "di {field}, {a} dan {b} berjarak paling banyak {within} kata")];
    "memoPattern": PatternKinds, "The memo contains a pattern of a built-in kind: socialHandle (@name), phoneNumber (9-15 digits starting with + or 0), url.",
        [("", "the memo contains {kinds}", "keterangan memuat {kinds}")];
    "memoPresent": Bool, "The memo has at least one letter, digit or emoji (false: it has none).",
        [("true", "the memo has text (a letter, digit or emoji)", "keterangan berisi teks (huruf, angka, atau emoji)"), ("false", "the memo is empty (no letter, digit or emoji)", "keterangan kosong (tanpa huruf, angka, atau emoji)")];
    "malformedText": Bool, "memo, merchant.name or merchant.descriptor holds malformed text: a lone UTF-16 surrogate (read as U+FFFD) or a U+FFFD replacement character (false: no field does).",
        [("true", "a text field holds malformed characters (a lone surrogate or a replacement character)", "kolom teks memuat karakter rusak (surrogate tunggal atau karakter pengganti)"), ("false", "no text field holds malformed characters", "tidak ada kolom teks yang memuat karakter rusak")];
    "mccIn": Mccs, "merchant.mcc is one of the 4-digit codes.",
        [("", "the merchant category code (MCC) is {codes}", "kode kategori merchant (MCC) adalah {codes}")];
    "amountBetween": AmountBand, "min <= amount <= max after conversion through the FX table; min or max may be omitted, not both; currency must be in the FX table.",
        [("between", "the amount is between {min} and {max} {currency} or the equivalent", "nominal antara {min} dan {max} {currency} atau setaranya"), ("atMost", "the amount is at most {max} {currency} or the equivalent", "nominal paling banyak {max} {currency} atau setaranya"), ("atLeast", "the amount is at least {min} {currency} or the equivalent", "nominal paling sedikit {min} {currency} atau setaranya")];
    "roundAmount": RoundAmount, "The amount is a whole multiple of its currency's entry in `multiples` (major units), or of `default` for other currencies.",
        [("default", "the amount is a whole multiple of {default} (any currency)", "nominal merupakan kelipatan bulat {default} (mata uang apa pun)"), ("multiples", "the amount is a whole multiple of {multiples}", "nominal merupakan kelipatan bulat {multiples}"), ("multiplesOrDefault", "the amount is a whole multiple of {multiples}, or of {default} in any other currency", "nominal merupakan kelipatan bulat {multiples}, atau kelipatan {default} untuk mata uang lain")];
    "corridor": Corridor, "sender.country is in `from` and the destination (receiver.country, else merchant.country) is in `to`; either list may be omitted, and then that side may be anything.",
        [("from", "the sender’s country is {countries}", "negara pengirim adalah {countries}"), ("to", "the destination (the receiver’s country, else the merchant’s) is {countries}", "negara tujuan (negara penerima, atau negara merchant bila tidak ada) adalah {countries}"), ("and", ", and ", ", dan "), ("any", "any corridor", "rute apa pun")];
    "crossBorder": Bool, "Sender and destination countries are both known and differ (false: both known and equal).",
        [("true", "the sender’s and the destination country are both known and differ (cross-border)", "negara pengirim dan negara tujuan diketahui dan berbeda (lintas negara)"), ("false", "the sender’s and the destination country are both known and the same (domestic)", "negara pengirim dan negara tujuan diketahui dan sama (domestik)")];
    "channelIn": Channels, "channel is one of the listed channels.",
        [("", "the channel is {channels}", "jalur pembayaran adalah {channels}")];
    "currencyIn": Currencies, "currency is one of the listed ISO 4217 codes.",
        [("", "the currency is {currencies}", "mata uangnya {currencies}")];
    "localHourBetween": HourRange, "The local hour of timestamp (in its own UTC offset) is in [from, to); from is 0-23, to 0-24 and different from from; wraps midnight when from > to.",
        [("", "the sender’s local time (the timestamp’s own UTC offset) is from {from} to before {to}", "jam setempat pengirim (zona waktu pada stempel waktu) mulai {from} hingga sebelum {to}")];
    "senderIsMinor": Bool, "sender.isMinor equals the value given; with history and no sender.isMinor, what the sender's account last said (docs/STATE.md). Protective use only: never score an adult on age.",
        [("true", "the sender’s account belongs to a minor", "rekening pengirim milik anak di bawah umur"), ("false", "the sender’s account is recorded as not a minor’s", "rekening pengirim tercatat bukan milik anak di bawah umur")];
    "receiverIsNew": Bool, "The payee is new to the sender: receiver.isNew when given, except that a false after a first payment the history saw within 7 days stays new; with history and no receiver.isNew, the sender's history decides: first paid within 7 days by a history that would have seen an earlier payment, or that the host said was the first (docs/STATE.md). The evidence names the source.",
        [("true", "the payee is new to this sender (first payment, or first paid within 7 days by its history)", "penerima baru bagi pengirim ini (pembayaran pertama, atau menurut riwayatnya pertama dibayar dalam 7 hari)"), ("false", "the payee has been paid by this sender before", "penerima sudah pernah dibayar oleh pengirim ini")];
    "receiverIsMinor": Bool, "receiver.isMinor equals the value given; with history and no receiver.isMinor, what the receiver's account last said. Protective use only.",
        [("true", "the receiver’s account belongs to a minor", "rekening penerima milik anak di bawah umur"), ("false", "the receiver’s account is recorded as not a minor’s", "rekening penerima tercatat bukan milik anak di bawah umur")];
    "accountAgeBelow": AccountAge, "The party's accountAgeDays is known and below the number of days: a number for the sender, or {days, party} with party sender or receiver.",
        [("", "the {party}’s account is known to be less than {days} days old", "umur rekening {party} diketahui kurang dari {days} hari")];
    "merchantRegistered": Bool, "The payee is a registered business: merchant.id is given and the merchant is not a QRIS micro merchant (criteria umi), which may be a private person (false: a personal wallet or a micro merchant).",
        [("true", "the payee is a registered business (merchant id, not a micro merchant)", "penerima adalah usaha terdaftar (ada ID merchant, bukan usaha mikro)"), ("false", "the payee is a person: no merchant id, or a QRIS micro merchant", "penerima perorangan: tanpa ID merchant, atau merchant QRIS usaha mikro")];
    "payerCount": History, "History: the sender's payments in `window` (this one included) are at least `atLeast`; `only: [\"foreign\"]` counts cross-border payments only.",
        [("", "the sender made at least {atLeast}{only} payments in {window}", "pengirim melakukan sedikitnya {atLeast} pembayaran{only} dalam {window}")];
    "payeeCount": History, "History: the sender's payments to this payee in `window` (this one included) are at least `atLeast` (exact up to 8).",
        [("", "the sender paid this payee at least {atLeast} times in {window}", "pengirim membayar penerima ini sedikitnya {atLeast} kali dalam {window}")];
    "payeeNew": History, "History: the sender first paid this payee within `window`, by a history that would have seen an earlier payment: older than the window at that first payment, or as old as the account (sender.accountAgeDays); a payee that left the state's table and came back is not new.",
        [("", "the sender first paid this payee within {window}", "pengirim pertama kali membayar penerima ini dalam {window}")];
    "distinctPayees": History, "History: the sender paid at least `atLeast` distinct payees in `window` (a day window), those in the countries `to` only when given.",
        [("", "the sender paid at least {atLeast} different payees{to} in {window}", "pengirim membayar sedikitnya {atLeast} penerima berbeda{to} dalam {window}")];
    "escalation": History, "History: this payment is at least `factor` percent of the average of the first three payments to the same payee, and at least the `atLeast`-th payment to it.",
        [("", "this payment is at least {factor}% of the average of the first payments to this payee (payment {atLeast} or later)", "pembayaran ini sedikitnya {factor}% dari rata-rata pembayaran pertama ke penerima ini (pembayaran ke-{atLeast} atau sesudahnya)")];
    "burstThenStop": History, "History: some payee got at least `atLeast` payments within `window`, then none for `quiet`; seen on the sender's first payment after the quiet period began.",
        [("", "a payee got at least {atLeast} payments within {window} and then none for {quiet}", "seorang penerima menerima sedikitnya {atLeast} pembayaran dalam {window} lalu tidak ada lagi selama {quiet}")];
    "recentMerchant": History, "History: the sender paid a merchant whose name or descriptor matched one of the term lists `lists` within `window` before this payment.",
        [("", "the sender paid a merchant of {lists} within {window} before", "pengirim membayar merchant {lists} dalam {window} sebelumnya")];
    "inboundCount": History, "History: the incoming payments of `account` (`receiver`, the default, or `sender`) in `window` are at least `atLeast`; `only: [\"foreign\"]` counts cross-border payments only.",
        [("", "the {account} received at least {atLeast}{only} payments in {window}", "{account} menerima sedikitnya {atLeast} pembayaran{only} dalam {window}")];
    "distinctSenders": History, "History: at least `atLeast` distinct senders paid `account` (`receiver`, the default, or `sender`) in `window`; `only` keeps senders new in the window (`new`, as payeeNew decides), paying across a border (`foreign`), minors (`minor`), paying a person rather than a registered business (`personal`), or with one payment so far (`oneOff`).",
        [("", "at least {atLeast} different{only} senders paid the {account} in {window}", "sedikitnya {atLeast} pengirim berbeda{only} membayar {account} dalam {window}")];
    "outflowAfterInflow": History, "History: the payments `account` (`sender`, the default here, or `receiver`) moved away in `window` (this one included) are at least `share` percent of what it received in the same window, from at least `atLeast` distinct personal payers (not as a registered business); money paid back to one of its payers (a collection returned to a member) and purchases from a registered business (other than by crypto) do not count as moved away.",
        [("", "the {account} moved away at least {share}% of what it received in {window} from at least {atLeast} different payers", "{account} memindahkan keluar sedikitnya {share}% dari yang diterimanya dalam {window} dari sedikitnya {atLeast} pembayar berbeda")];
    "payerSum": History, "History: the sum of the sender's payments in `window` (this one included) is at least `atLeast` in `currency` or the equivalent (converted into the FX base currency when the pack loads; sums are kept in it).",
        [("", "the sender paid at least {atLeast} {currency} or the equivalent in {window}", "pengirim membayar sedikitnya {atLeast} {currency} atau setaranya dalam {window}")];
    "inboundSum": History, "History: the sum of the payments `account` (`receiver`, the default, or `sender`) received in `window` is at least `atLeast` in `currency` or the equivalent.",
        [("", "the {account} received at least {atLeast} {currency} or the equivalent in {window}", "{account} menerima sedikitnya {atLeast} {currency} atau setaranya dalam {window}")];
    "payeeWeeks": History, "History: the sender paid this payee at least `perWeek` times (default 1; at night only, 22:00 to 05:59 local, with `only: [\"night\"]`) in at least `atLeast` of the last `weeks` weeks (1 to 8), this week included.",
        [("", "the sender paid this payee{only} at least {perWeek} times a week in {atLeast} of the last {weeks} weeks", "pengirim membayar penerima ini{only} sedikitnya {perWeek} kali seminggu dalam {atLeast} dari {weeks} minggu terakhir")];
    "payeeGrowth": History, "History: payments to this payee grow in frequency: the last two weeks hold at least `factor` percent of the payments of the first two weeks it was paid in (within the last `weeks` weeks, which must be before them), and at least `atLeast` payments.",
        [("", "payments to this payee in the last two weeks are at least {factor}% of its first two weeks (at least {atLeast} payments)", "pembayaran ke penerima ini dalam dua minggu terakhir sedikitnya {factor}% dari dua minggu pertamanya (sedikitnya {atLeast} pembayaran)")];
    "payeeSteady": History, "History: a steady pattern with this payee: at least `atLeast` payments before this one over at least `days` days, amounts (this one too) within `variation` percent of their moving average, intervals regular (the longest at most twice the shortest, the shortest at least 5 days), and at most a quarter of them at night. Used to discount, never to score.",
        [("", "the sender has paid this payee steadily: at least {atLeast} payments over {days} days, amounts within {variation}%, at regular intervals, by day", "pengirim membayar penerima ini secara tetap: sedikitnya {atLeast} pembayaran selama {days} hari, nominal dalam {variation}%, berkala, pada siang hari")];
    "firstAbroad": History, "History: the sender's first cross-border payment in `window`, after at least `atLeast` domestic payments in it, with a history at least the window long: a deviation from its profile.",
        [("", "the sender’s first payment abroad after {atLeast} or more payments at home in {window}", "pembayaran pertama pengirim ke luar negeri setelah {atLeast} pembayaran atau lebih di dalam negeri dalam {window}")];
    "amountAbove": History, "History: the sender's payments on this payment's day (this one included) are at least `factor` percent of its largest other day of payments in `window`, with more than `atLeast` payments in the window and a history at least the window long: a deviation from its profile.",
        [("", "the sender’s payments on this day are at least {factor}% of its largest other day in {window} (with more than {atLeast} payments)", "pembayaran pengirim pada hari ini sedikitnya {factor}% dari hari terbesar lainnya dalam {window} (dengan lebih dari {atLeast} pembayaran)")];
    "samePrice": History, "History: of the receiver's payers in `window` with one payment each (and not as a registered business), at least `atLeast`, and at least `share` percent of them, paid an amount another of them paid too (in the FX base currency): sales at a few fixed prices. The evidence's count is that percentage.",
        [("", "at least {share}% of the receiver’s one-off payers in {window} (and {atLeast} or more) paid a price another of them paid", "sedikitnya {share}% pembayar sekali-bayar penerima dalam {window} (dan {atLeast} atau lebih) membayar harga yang juga dibayar pembayar lain")];
    "watchlist": Watchlist, "The id of `party` (`sender`, `receiver`, the default, or `merchant`), normalized for the list's kind, is on the pack's watchlist `list` (salted hashes; see watchlists).",
        [("", "the {party}’s id is on the watchlist {list}", "ID {party} ada di daftar pantau {list}")];
    "indicator": IndicatorId, "The named indicator fired on this transaction (references may not form a cycle).",
        [("", "indicator {id}{title} fires", "indikator {id}{title} terpicu")];
}

/// Whether `name` is a condition kind.
pub(crate) fn is_kind(name: &str) -> bool {
    NAMES.contains(&name)
}

/// The kinds' names, comma-separated, for error messages.
pub(crate) fn names() -> String {
    NAMES.join(", ")
}

/// The pack's `scope` values (the research catalogue's E1–E4: what data a
/// check needs; `E1/E2` for indicators that span both).
pub(crate) const SCOPES: [&str; 5] = ["E1", "E2", "E3", "E4", "E1/E2"];
