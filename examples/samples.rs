//! Generates the synthetic sample transactions for the web demo and for anyone
//! who wants to see how an indicator pack behaves on a realistic mix of
//! payments: `www/samples/transactions.ndjson` (one transaction per line) and
//! `www/samples/transactions.csv` (the same rows; RFC 4180 quoting, an empty
//! cell is an absent field).
//!
//! Run `cargo run --example samples`. The 1,200 rows come from a fixed-seed
//! splitmix64 generator written here, so every run writes the same bytes.
//!
//! About 85 % of the rows are ordinary Indonesian, Philippine and Australian
//! e-wallet and bank payments: bills (PLN, BPJS, PDAM), pulsa and data,
//! arisan, uang kos, school fees paid to a school, groceries, QRIS at warungs,
//! marketplace orders, rides, salary, rent, and family remittances
//! (AU→PH, AU→ID, SG→ID, MY→ID, HK→PH, SA→PH, US→PH). Many of them carry the
//! same ordinary words as the published cover-story lists ("uang kos", "SPP",
//! "medical bills", "gamot"), so false positives show. About 15 % are built
//! to resemble one typology from the research catalogue: small night-time
//! remittances to the Philippines with cover memos (some obfuscated),
//! financial sextortion (mostly of minors), micro-payments that carry a contact,
//! Indonesian content-sale price points, and the merchant categories the
//! sources name. Rows carry no label; the run prints the mix on stdout.
//!
//! Everything is invented: ids (`s-0001`, `r-0042`), merchants, social
//! handles (`@someone_042`), phone numbers (555 ranges). Memos hold only the
//! published cover-story words and generic merchant-category words, never
//! abuse search terms or offender vocabulary.

use std::collections::{BTreeMap, HashSet};
use std::error::Error;
use std::path::Path;

use serde::Serialize;

/// The one seed. Change it and every row changes.
const SEED: u64 = 0x6a65_6a61_6b2d_0001;

// ---------------------------------------------------------------- randomness

/// splitmix64 (Steele, Lea and Flood 2014): tiny, fast, good enough here.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// 0..n (the modulo bias is irrelevant for sample data).
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    /// lo..=hi.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// lo..=hi in steps of `step` from lo.
    fn step(&mut self, lo: u64, hi: u64, step: u64) -> u64 {
        lo + step * self.below(hi.saturating_sub(lo) / step + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }

    /// An index drawn with the given weights.
    fn weighted(&mut self, weights: &[u64]) -> usize {
        let total: u64 = weights.iter().sum();
        let mut x = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

// ---------------------------------------------------------------- time

/// A time zone as a fixed UTC offset in November 2026. `us_dst` zones were
/// still on daylight time until 02:00 on Sunday 1 November.
#[derive(Clone, Copy)]
struct Zone {
    offset: i32,
    us_dst: bool,
}

const fn zone(offset: i32) -> Zone {
    Zone { offset, us_dst: false }
}

const JAKARTA: Zone = zone(7 * 60); // WIB
const MAKASSAR: Zone = zone(8 * 60); // WITA
const JAYAPURA: Zone = zone(9 * 60); // WIT
const MANILA: Zone = zone(8 * 60);
const SINGAPORE: Zone = zone(8 * 60);
const HONG_KONG: Zone = zone(8 * 60);
const KUALA_LUMPUR: Zone = zone(8 * 60);
const SYDNEY: Zone = zone(11 * 60); // AEDT, also Melbourne
const BRISBANE: Zone = zone(10 * 60); // no daylight saving
const ADELAIDE: Zone = zone(10 * 60 + 30); // ACDT
const PERTH: Zone = zone(8 * 60);
const AUCKLAND: Zone = zone(13 * 60); // NZDT
const LONDON: Zone = zone(0);
const RIYADH: Zone = zone(3 * 60);
const NEW_YORK: Zone = Zone { offset: -5 * 60, us_dst: true };
const CHICAGO: Zone = Zone { offset: -6 * 60, us_dst: true };
const LOS_ANGELES: Zone = Zone { offset: -8 * 60, us_dst: true };
const TORONTO: Zone = Zone { offset: -5 * 60, us_dst: true };
const VANCOUVER: Zone = Zone { offset: -8 * 60, us_dst: true };

/// Sundays (rest day of domestic workers in Hong Kong and Singapore).
const SUNDAYS: [u32; 4] = [1, 8, 15, 22];
/// Fridays (weekend in Saudi Arabia).
const FRIDAYS: [u32; 4] = [6, 13, 20, 27];

/// Local wall-clock time in November 2026.
#[derive(Clone, Copy)]
struct Local {
    day: u32,
    minute: u32,
    second: u32,
}

impl Local {
    fn later(self, minutes: u32, second: u32) -> Local {
        let total = self.minute + minutes;
        Local { day: self.day + total / 1440, minute: total % 1440, second }
    }

    fn offset(self, zone: Zone) -> i32 {
        if zone.us_dst && self.day == 1 && self.minute < 120 {
            zone.offset + 60
        } else {
            zone.offset
        }
    }

    fn rfc3339(self, zone: Zone) -> String {
        let off = self.offset(zone);
        let sign = if off < 0 { '-' } else { '+' };
        let abs = off.unsigned_abs();
        format!(
            "2026-11-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
            self.day,
            self.minute / 60,
            self.minute % 60,
            self.second,
            abs / 60,
            abs % 60
        )
    }

    /// Seconds since 2026-11-01T00:00:00Z, for sorting.
    fn utc(self, zone: Zone) -> i64 {
        let local = (i64::from(self.day) * 1440 + i64::from(self.minute)) * 60 + i64::from(self.second);
        local - i64::from(self.offset(zone)) * 60
    }
}

// Weights per local hour 0..=23.
/// Shopping, bills and family transfers: day and evening, a little late.
const DAYTIME: [u64; 24] = [0, 0, 0, 0, 0, 1, 4, 7, 8, 8, 8, 8, 9, 8, 7, 7, 7, 8, 9, 9, 8, 6, 2, 1];
/// Payroll and school offices.
const OFFICE: [u64; 24] = [0, 0, 0, 0, 0, 0, 0, 2, 6, 9, 9, 8, 6, 8, 8, 7, 5, 2, 0, 0, 0, 0, 0, 0];
/// After work and school.
const EVENING: [u64; 24] = [2, 1, 0, 0, 0, 0, 1, 2, 2, 2, 2, 3, 4, 3, 3, 4, 5, 6, 8, 9, 10, 9, 7, 4];
/// 22:00 to 05:59.
const NIGHT: [u64; 24] = [5, 5, 4, 3, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 5];
/// Any hour, fewer before dawn.
const ANY: [u64; 24] = [3, 2, 2, 1, 1, 1, 2, 3, 4, 4, 4, 4, 5, 4, 4, 4, 4, 5, 5, 6, 6, 6, 5, 4];

// ---------------------------------------------------------------- output model

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Tx {
    id: String,
    timestamp: String,
    amount: String,
    currency: &'static str,
    channel: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    memo: Option<String>,
    sender: SenderOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    receiver: Option<ReceiverOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    merchant: Option<Merchant>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SenderOut {
    id: String,
    country: &'static str,
    account_age_days: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_minor: Option<bool>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReceiverOut {
    id: String,
    country: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_new: Option<bool>,
}

#[derive(Clone, Serialize)]
struct Merchant {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    descriptor: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mcc: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<&'static str>,
}

fn shop(name: &'static str, descriptor: &'static str, mcc: &'static str, country: &'static str) -> Merchant {
    Merchant { name, descriptor: Some(descriptor), mcc: Some(mcc), country: Some(country) }
}

/// One generated row, before sorting gives it an id.
struct Row {
    /// What the row was built to look like; printed in the summary only.
    kind: &'static str,
    utc: i64,
    seq: usize,
    /// The receiver was paid before the sample window (family, landlord).
    known: bool,
    tx: Tx,
}

// ---------------------------------------------------------------- people

/// An account holder. Account age grows by a day a day.
struct Person {
    id: String,
    country: &'static str,
    currency: &'static str,
    zone: Zone,
    age0: u32,
    minor: Option<bool>,
    /// Where this person's family lives.
    home: &'static str,
    /// Receivers this person has paid before.
    family: Vec<String>,
}

/// How to make a pool of people.
struct Pool {
    country: &'static str,
    currency: &'static str,
    zones: &'static [(Zone, u64)],
    home: &'static str,
    minor: bool,
    /// Account age on 1 November, in days.
    age: (u64, u64),
}

/// A row under construction.
struct Draft {
    kind: &'static str,
    sender: SenderOut,
    zone: Zone,
    at: Local,
    amount: String,
    currency: &'static str,
    channel: &'static str,
    memo: Option<String>,
    receiver: Option<(String, &'static str, bool)>,
    merchant: Option<Merchant>,
}

impl Draft {
    fn memo(mut self, memo: Option<String>) -> Draft {
        self.memo = memo;
        self
    }

    fn to(mut self, id: String, country: &'static str, known: bool) -> Draft {
        self.receiver = Some((id, country, known));
        self
    }

    fn paying(mut self, payee: (String, &'static str, bool)) -> Draft {
        self.receiver = Some(payee);
        self
    }

    fn at(mut self, merchant: Merchant) -> Draft {
        self.merchant = Some(merchant);
        self
    }

    fn maybe_at(mut self, merchant: Option<Merchant>) -> Draft {
        self.merchant = merchant;
        self
    }
}

struct Gen {
    rng: Rng,
    sender_ids: HashSet<u64>,
    receiver_ids: HashSet<u64>,
    rows: Vec<Row>,
}

impl Gen {
    fn new(seed: u64) -> Gen {
        Gen { rng: Rng(seed), sender_ids: HashSet::new(), receiver_ids: HashSet::new(), rows: Vec::new() }
    }

    fn sender_id(&mut self) -> String {
        loop {
            let n = self.rng.range(1, 9999);
            if self.sender_ids.insert(n) {
                return format!("s-{n:04}");
            }
        }
    }

    fn receiver_id(&mut self) -> String {
        loop {
            let n = self.rng.range(1, 9999);
            if self.receiver_ids.insert(n) {
                return format!("r-{n:04}");
            }
        }
    }

    fn people(&mut self, n: usize, pool: &Pool) -> Vec<Person> {
        let weights: Vec<u64> = pool.zones.iter().map(|z| z.1).collect();
        (0..n)
            .map(|_| {
                let zone = pool.zones[self.rng.weighted(&weights)].0;
                let id = self.sender_id();
                let age0 = self.rng.range(pool.age.0, pool.age.1) as u32;
                // Some hosts do not know or do not send whether a holder is a minor.
                let minor = if pool.minor {
                    Some(true)
                } else if self.rng.chance(85) {
                    Some(false)
                } else {
                    None
                };
                let relatives = self.rng.range(1, 3);
                let family = (0..relatives).map(|_| self.receiver_id()).collect();
                Person {
                    id,
                    country: pool.country,
                    currency: pool.currency,
                    zone,
                    age0,
                    minor,
                    home: pool.home,
                    family,
                }
            })
            .collect()
    }

    fn pick<'p>(&mut self, people: &'p [Person]) -> &'p Person {
        &people[self.rng.index(people.len())]
    }

    /// A time on a day in lo..=hi at an hour drawn from `hours`.
    fn when(&mut self, lo: u32, hi: u32, hours: &[u64; 24]) -> Local {
        let day = self.rng.range(u64::from(lo), u64::from(hi)) as u32;
        self.on(day, hours)
    }

    fn on(&mut self, day: u32, hours: &[u64; 24]) -> Local {
        let hour = self.rng.weighted(hours) as u32;
        let minute = self.rng.below(60) as u32;
        let second = self.rng.below(60) as u32;
        Local { day, minute: hour * 60 + minute, second }
    }

    /// A day off for migrant workers most of the time, else any day.
    fn day_off(&mut self, days: &[u32]) -> u32 {
        if self.rng.chance(60) {
            self.rng.pick(days)
        } else {
            self.rng.range(1, 27) as u32
        }
    }

    fn memo(&mut self, none_percent: u64, list: &[&str]) -> Option<String> {
        if self.rng.chance(none_percent) {
            None
        } else {
            Some(self.rng.pick(list).to_string())
        }
    }

    /// A relative or a known payee with `known_percent` chance, else someone new.
    fn payee(&mut self, p: &Person, known_percent: u64) -> (String, &'static str, bool) {
        if self.rng.chance(known_percent) {
            (p.family[self.rng.index(p.family.len())].clone(), p.home, true)
        } else {
            (self.receiver_id(), p.home, false)
        }
    }

    fn draft(&mut self, kind: &'static str, p: &Person, at: Local, amount: String, channel: &'static str) -> Draft {
        Draft {
            kind,
            sender: SenderOut {
                id: p.id.clone(),
                country: p.country,
                account_age_days: p.age0 + at.day - 1,
                is_minor: p.minor,
            },
            zone: p.zone,
            at,
            amount,
            currency: p.currency,
            channel,
            memo: None,
            receiver: None,
            merchant: None,
        }
    }

    fn push(&mut self, d: Draft) {
        let known = d.receiver.as_ref().is_some_and(|r| r.2);
        let tx = Tx {
            id: String::new(),
            timestamp: d.at.rfc3339(d.zone),
            amount: d.amount,
            currency: d.currency,
            channel: d.channel,
            memo: d.memo,
            sender: d.sender,
            receiver: d.receiver.map(|(id, country, _)| ReceiverOut { id, country, is_new: None }),
            merchant: d.merchant,
        };
        let seq = self.rows.len();
        self.rows.push(Row { kind: d.kind, utc: d.at.utc(d.zone), seq, known, tx });
    }
}

// ---------------------------------------------------------------- amounts

/// Whole rupiah, written without decimals.
fn idr(rupiah: u64) -> String {
    rupiah.to_string()
}

/// A two-decimal currency from cents.
fn dec(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// Whole units of a two-decimal currency.
fn whole(units: u64) -> String {
    dec(units * 100)
}

// ---------------------------------------------------------------- ordinary: Indonesia

fn id_bills(g: &mut Gen, people: &[Person], pln: usize, bpjs: usize, pdam: usize) {
    for _ in 0..pln {
        let p = g.pick(people);
        let at = g.when(1, 27, &DAYTIME);
        let d = if g.rng.chance(65) {
            let token = g.rng.pick(&[20_000, 50_000, 100_000, 100_000, 200_000, 500_000]);
            let fee = g.rng.pick(&[1_500, 2_500, 3_000]);
            let memo = g.memo(60, &["token listrik", "beli token listrik", "token PLN rumah", "listrik kontrakan"]);
            g.draft("ordinary: PLN electricity", p, at, idr(token + fee), "other").memo(memo).at(shop(
                "PLN Token Listrik",
                "PLN PRABAYAR TOKEN",
                "4900",
                "ID",
            ))
        } else {
            let bill = g.rng.range(95_000, 1_250_000);
            let memo = g.memo(50, &["bayar listrik November", "tagihan listrik Oktober", "listrik rumah"]);
            g.draft("ordinary: PLN electricity", p, at, idr(bill), "other").memo(memo).at(shop(
                "PLN Tagihan Listrik",
                "PLN PASCABAYAR",
                "4900",
                "ID",
            ))
        };
        g.push(d);
    }
    for _ in 0..bpjs {
        let p = g.pick(people);
        let at = g.when(1, 10, &DAYTIME);
        let class = g.rng.pick(&[35_000, 35_000, 100_000, 150_000]);
        let members = g.rng.range(1, 5);
        let memo =
            g.memo(50, &["iuran BPJS keluarga", "BPJS Kesehatan November", "bayar BPJS", "iuran BPJS bulan ini"]);
        let d = g.draft("ordinary: BPJS", p, at, idr(class * members), "other").memo(memo).at(shop(
            "BPJS Kesehatan",
            "BPJS KESEHATAN IURAN",
            "9399",
            "ID",
        ));
        g.push(d);
    }
    for _ in 0..pdam {
        let p = g.pick(people);
        let at = g.when(1, 20, &DAYTIME);
        let bill = g.rng.step(42_000, 260_000, 50);
        let memo = g.memo(55, &["bayar PDAM", "tagihan air Oktober", "air rumah"]);
        let d = g.draft("ordinary: PDAM water", p, at, idr(bill), "other").memo(memo).at(shop(
            "PDAM Tirta Kota",
            "PDAM TAGIHAN AIR",
            "4900",
            "ID",
        ));
        g.push(d);
    }
}

fn id_pulsa(g: &mut Gen, people: &[Person], n: usize) {
    const PRICES: [u64; 10] = [11_500, 26_500, 51_000, 99_500, 27_000, 55_000, 65_000, 89_000, 110_000, 152_000];
    const SELF: [&str; 4] = ["paket data bulanan", "pulsa sendiri", "kuota internet", "isi pulsa"];
    const FAMILY: [&str; 4] = ["pulsa buat ibu", "paket data bapak", "pulsa buat ibu 0812-5550-1234", "kuota adik"];
    const FRIEND: [&str; 3] =
        ["pulsa buat teman 0813-5550-2244", "isi pulsa 0857 5550 1188 (Rina)", "pulsa teman kantor"];
    for _ in 0..n {
        let p = g.pick(people);
        let at = g.when(1, 27, &EVENING);
        let price = g.rng.pick(&PRICES);
        let merchant = shop("Isi Pulsa & Paket Data", "PULSA PRABAYAR", "4814", "ID");
        let d = match g.rng.below(100) {
            // For oneself: no receiver.
            0..=79 => {
                let memo = g.memo(65, &SELF);
                let kind = "ordinary: pulsa/data for oneself";
                g.draft(kind, p, at, idr(price), "airtime").memo(memo)
            }
            80..=91 => {
                let memo = g.memo(30, &FAMILY);
                let payee = g.payee(p, 100);
                let kind = "ordinary: pulsa/data for family";
                g.draft(kind, p, at, idr(price), "airtime").memo(memo).paying(payee)
            }
            // A friend's number, paid for the first time.
            _ => {
                let memo = g.memo(0, &FRIEND);
                let payee = g.payee(p, 0);
                let kind = "ordinary: pulsa for a friend";
                g.draft(kind, p, at, idr(price), "airtime").memo(memo).paying(payee)
            }
        };
        g.push(d.at(merchant));
    }
}

fn id_household(g: &mut Gen, people: &[Person], arisan: usize, kos: usize, kontrakan: usize) {
    for _ in 0..arisan {
        let p = g.pick(people);
        let at = g.when(1, 27, &DAYTIME);
        let amount = g.rng.pick(&[50_000, 100_000, 100_000, 150_000, 200_000, 250_000, 300_000, 500_000, 1_000_000]);
        let memo = g.memo(
            10,
            &["arisan ibu-ibu", "arisan RT", "setoran arisan November", "arisan kantor", "arisan keluarga bulan ini"],
        );
        let payee = g.payee(p, 92);
        let d = g.draft("ordinary: arisan", p, at, idr(amount), "p2p").memo(memo).paying(payee);
        g.push(d);
    }
    for _ in 0..kos {
        let p = g.pick(people);
        let at = g.when(1, 10, &DAYTIME);
        let amount = g.rng.step(600_000, 2_500_000, 50_000);
        let memo = g.memo(
            10,
            &["bayar kos bulan November", "uang kos nov", "kos bulan ini ya bu", "uang kos + listrik", "Kos Nov 2026"],
        );
        let channel = if g.rng.chance(60) { "bank_transfer" } else { "p2p" };
        let payee = g.payee(p, 95);
        let d = g.draft("ordinary: uang kos", p, at, idr(amount), channel).memo(memo).paying(payee);
        g.push(d);
    }
    for _ in 0..kontrakan {
        let p = g.pick(people);
        let at = g.when(1, 7, &DAYTIME);
        let amount = g.rng.step(1_200_000, 3_500_000, 100_000);
        let memo = g.memo(10, &["bayar kontrakan November", "sewa rumah bulan ini", "kontrakan nov"]);
        let payee = g.payee(p, 100);
        let d = g.draft("ordinary: rent", p, at, idr(amount), "bank_transfer").memo(memo).paying(payee);
        g.push(d);
    }
}

fn id_school(g: &mut Gen, people: &[Person], n: usize) {
    const SCHOOLS: [(&str, &str); 5] = [
        ("SD Negeri 5 Sukamaju", "SDN 5 SUKAMAJU SPP"),
        ("SMP Tunas Bangsa", "SMP TUNAS BANGSA"),
        ("TK Pelangi Ceria", "TK PELANGI CERIA"),
        ("SMA Harapan Nusantara", "SMA HARAPAN NUSANTARA"),
        ("MI Nurul Huda", "MI NURUL HUDA SPP"),
    ];
    for _ in 0..n {
        let p = g.pick(people);
        let at = g.when(1, 12, &OFFICE);
        let (name, descriptor) = g.rng.pick(&SCHOOLS);
        let amount = g.rng.step(150_000, 1_250_000, 25_000);
        let memo = g.memo(
            15,
            &[
                "SPP November",
                "bayar SPP Rafi kelas 4",
                "uang sekolah Nabila",
                "biaya sekolah + seragam",
                "SPP + uang buku",
                "seragam olahraga",
            ],
        );
        let channel = if g.rng.chance(70) { "bank_transfer" } else { "qris" };
        let d = g
            .draft("ordinary: school fees to a school", p, at, idr(amount), channel)
            .memo(memo)
            .at(shop(name, descriptor, "8211", "ID"));
        g.push(d);
    }
}

fn id_shopping(g: &mut Gen, people: &[Person], warung: usize, market: usize, rides: usize) {
    const WARUNGS: [(&str, &str, &str); 10] = [
        ("Warung Bu Siti", "QRIS*WARUNG BU SITI", "5499"),
        ("Warung Makan Sederhana", "QRIS*WRG MAKAN SEDERHANA", "5812"),
        ("Toko Kelontong Berkah", "QRIS*TK KELONTONG BERKAH", "5411"),
        ("Warung Kopi Mang Ujang", "QRIS*WARKOP MANG UJANG", "5814"),
        ("Minimarket Sinar Jaya", "QRIS*MM SINAR JAYA", "5411"),
        ("Bakso Pak Kumis", "QRIS*BAKSO PAK KUMIS", "5814"),
        ("Sate Madura Cak Dul", "QRIS*SATE CAK DUL", "5814"),
        ("Toko Beras Makmur", "QRIS*TOKO BERAS MAKMUR", "5411"),
        ("Pasar Segar Sayur", "QRIS*PASAR SEGAR", "5499"),
        ("Martabak Bang Jali", "QRIS*MARTABAK BANG JALI", "5814"),
    ];
    for _ in 0..warung {
        let p = g.pick(people);
        let at = g.when(1, 27, &DAYTIME);
        let (name, descriptor, mcc) = g.rng.pick(&WARUNGS);
        let amount = g.rng.step(5_000, 185_000, 500);
        let memo = g.memo(90, &["kopi + gorengan", "belanja dapur", "nasi bungkus 3", "beras 5 kg"]);
        let d = g
            .draft("ordinary: QRIS at a warung", p, at, idr(amount), "qris")
            .memo(memo)
            .at(shop(name, descriptor, mcc, "ID"));
        g.push(d);
    }
    for _ in 0..market {
        let p = g.pick(people);
        let at = g.when(1, 27, &EVENING);
        let price = g.rng.step(19_000, 749_000, 1_000) - 100;
        let shipping = g.rng.pick(&[0, 0, 9_000, 12_000, 15_000]);
        let (name, descriptor) = if g.rng.chance(60) {
            ("PasarMaya Marketplace", "PASARMAYA*ORDER")
        } else {
            ("BelanjaKita Online", "BELANJAKITA*CHECKOUT")
        };
        let channel = if g.rng.chance(50) { "card" } else { "other" };
        let memo = g.memo(92, &["kado ultah adik", "casing hp", "sepatu sekolah"]);
        let d = g
            .draft("ordinary: marketplace order", p, at, idr(price + shipping), channel)
            .memo(memo)
            .at(shop(name, descriptor, "5399", "ID"));
        g.push(d);
    }
    for _ in 0..rides {
        let p = g.pick(people);
        let at = g.when(1, 27, &DAYTIME);
        let (name, descriptor, mcc, lo, hi) = g.rng.pick(&[
            ("OjekKita Ride", "OJEKKITA*RIDE", "4121", 9_000, 65_000),
            ("OjekKita Food", "OJEKKITA*FOOD", "5814", 18_000, 120_000),
            ("Tumpang Car", "TUMPANG*CAR", "4121", 25_000, 150_000),
        ]);
        let amount = g.rng.step(lo, hi, 500);
        let d = g
            .draft("ordinary: ride or food delivery", p, at, idr(amount), "other")
            .at(shop(name, descriptor, mcc, "ID"));
        g.push(d);
    }
}

fn id_salary(g: &mut Gen, employers: &[Person], n: usize) {
    for _ in 0..n {
        let p = g.pick(employers);
        let day = g.rng.pick(&[24, 25, 25, 25, 26]);
        let at = g.on(day, &OFFICE);
        let amount = g.rng.step(4_200_000, 15_000_000, 50_000);
        let memo = g.memo(5, &["gaji November 2026", "gaji bulan nov", "PAYROLL NOV26"]);
        let employee = g.receiver_id();
        let d = g.draft("ordinary: salary", p, at, idr(amount), "bank_transfer").memo(memo).to(employee, "ID", true);
        g.push(d);
    }
}

fn id_family(g: &mut Gen, people: &[Person], n: usize) {
    const PURPOSES: [(&str, u64, u64, u64); 12] = [
        ("transfer buat mama", 200_000, 2_000_000, 50_000),
        ("titip beli beras", 50_000, 250_000, 5_000),
        ("uang jajan adik", 20_000, 200_000, 10_000),
        ("buat bayar listrik rumah", 100_000, 500_000, 50_000),
        ("kiriman buat bapak", 250_000, 1_500_000, 50_000),
        ("ganti uang bensin", 20_000, 100_000, 5_000),
        ("bayar utang kemarin ya", 50_000, 1_000_000, 10_000),
        ("patungan kado", 25_000, 150_000, 5_000),
        ("buat belanja dapur", 100_000, 600_000, 25_000),
        ("uang makan minggu ini", 100_000, 400_000, 50_000),
        ("titip beli obat nenek", 30_000, 200_000, 5_000),
        ("ongkos pulang kampung", 150_000, 800_000, 50_000),
    ];
    for _ in 0..n {
        let p = g.pick(people);
        let at = g.when(1, 27, &DAYTIME);
        let (memo, lo, hi, step) = g.rng.pick(&PURPOSES);
        let amount = g.rng.step(lo, hi, step);
        let memo = if g.rng.chance(15) { None } else { Some(memo.to_string()) };
        let payee = g.payee(p, 85);
        let channel = if g.rng.chance(70) { "p2p" } else { "bank_transfer" };
        let d = g.draft("ordinary: family transfer (ID)", p, at, idr(amount), channel).memo(memo).paying(payee);
        g.push(d);
    }
}

fn id_medical_gifts(g: &mut Gen, people: &[Person], medical: usize, gifts: usize) {
    /// Name, descriptor, MCC, amount range in rupiah, memos.
    type Place = (&'static str, &'static str, &'static str, u64, u64, &'static [&'static str]);
    const PLACES: [Place; 4] = [
        (
            "RS Sehat Sentosa",
            "RS SEHAT SENTOSA",
            "8062",
            350_000,
            4_500_000,
            &["biaya rumah sakit ayah", "biaya rumah sakit", "rawat jalan"],
        ),
        (
            "Apotek Sumber Sehat",
            "APOTEK SUMBER SEHAT",
            "5912",
            18_500,
            350_000,
            &["obat batuk anak", "tebus obat", "vitamin + obat"],
        ),
        ("Klinik Pratama Medika", "KLINIK PRATAMA MEDIKA", "8011", 75_000, 450_000, &["periksa dokter", "cek gigi"]),
        ("Laboratorium Klinik Prima", "LAB KLINIK PRIMA", "8071", 120_000, 900_000, &["cek lab", "cek darah ibu"]),
    ];
    for _ in 0..medical {
        let p = g.pick(people);
        let at = g.when(1, 27, &DAYTIME);
        let (name, descriptor, mcc, lo, hi, memos) = g.rng.pick(&PLACES);
        let amount = g.rng.step(lo, hi, 500);
        let memo = g.memo(40, memos);
        let channel = g.rng.pick(&["card", "qris", "bank_transfer"]);
        let d = g
            .draft("ordinary: hospital or pharmacy", p, at, idr(amount), channel)
            .memo(memo)
            .at(shop(name, descriptor, mcc, "ID"));
        g.push(d);
    }
    for _ in 0..gifts {
        let p = g.pick(people);
        let at = g.when(1, 27, &EVENING);
        let amount = g.rng.step(100_000, 1_000_000, 50_000);
        let memo = g.memo(5, &["hadiah ulang tahun", "kado nikahan Dina", "hadiah wisuda", "selamat ultah ya!"]);
        let payee = g.payee(p, 70);
        let d = g.draft("ordinary: gift", p, at, idr(amount), "p2p").memo(memo).paying(payee);
        g.push(d);
    }
}

fn id_teens_games(g: &mut Gen, teens: &[Person], adults: &[Person], teen_rows: usize, game_rows: usize) {
    const GAME: (&str, &str, &str) = ("Voucher Game Center", "VOUCHERGAME*TOPUP", "5816");
    for _ in 0..teen_rows {
        let p = g.pick(teens);
        let at = g.when(1, 27, &EVENING);
        let d = match g.rng.below(3) {
            0 => {
                let price = g.rng.pick(&[11_500, 26_500, 27_000, 55_000]);
                g.draft("ordinary: teen pulsa", p, at, idr(price), "airtime").at(shop(
                    "Isi Pulsa & Paket Data",
                    "PULSA PRABAYAR",
                    "4814",
                    "ID",
                ))
            }
            1 => {
                let price = g.rng.pick(&[16_000, 19_000, 29_000, 57_000, 79_000]);
                g.draft("ordinary: teen game top-up", p, at, idr(price), "game_topup")
                    .at(shop(GAME.0, GAME.1, GAME.2, "ID"))
            }
            _ => {
                let amount = g.rng.step(5_000, 50_000, 1_000);
                let memo =
                    g.memo(20, &["patungan kado wali kelas", "ganti uang fotokopi", "bayar kas kelas", "titip jajan"]);
                let payee = g.payee(p, 60);
                g.draft("ordinary: teen p2p to a classmate", p, at, idr(amount), "p2p").memo(memo).paying(payee)
            }
        };
        g.push(d);
    }
    for _ in 0..game_rows {
        let p = g.pick(adults);
        let at = g.when(1, 27, &EVENING);
        let price = g.rng.pick(&[16_000, 29_000, 57_000, 79_000, 150_000, 299_000]);
        let d = g
            .draft("ordinary: adult game top-up", p, at, idr(price), "game_topup")
            .at(shop(GAME.0, GAME.1, GAME.2, "ID"));
        g.push(d);
    }
}

// ---------------------------------------------------------------- ordinary: Philippines

fn ph_domestic(g: &mut Gen, people: &[Person], counts: [usize; 7]) {
    let [load, bills, utang, gamot, tuition, store, family] = counts;
    for _ in 0..load {
        let p = g.pick(people);
        let at = g.when(1, 27, &EVENING);
        let price = g.rng.pick(&[50, 99, 100, 149, 299, 300, 500]);
        let d = if g.rng.chance(75) {
            let memo = g.memo(70, &["load ko", "data promo", "pang-load ko"]);
            g.draft("ordinary: load for oneself", p, at, whole(price), "airtime").memo(memo).at(shop(
                "Prepaid Load Center",
                "ELOAD*REGULAR LOAD",
                "4814",
                "PH",
            ))
        } else {
            let memo = g.memo(20, &["pang-load ni nanay", "load para kay tatay", "pang-load"]);
            let payee = g.payee(p, 100);
            g.draft("ordinary: load for family", p, at, whole(price), "airtime").memo(memo).paying(payee).at(shop(
                "Prepaid Load Center",
                "ELOAD*REGULAR LOAD",
                "4814",
                "PH",
            ))
        };
        g.push(d);
    }
    for _ in 0..bills {
        let p = g.pick(people);
        let at = g.when(1, 27, &DAYTIME);
        let (name, descriptor, mcc, lo, hi) = g.rng.pick(&[
            ("Metro Kuryente Electric", "METRO KURYENTE BILLS", "4900", 85_000, 650_000),
            ("Tubig Water District", "TUBIG WATER DIST", "4900", 25_000, 180_000),
            ("Bahay Fiber Internet", "BAHAY FIBER", "4899", 129_900, 249_900),
        ]);
        let amount = g.rng.range(lo, hi);
        let memo = g.memo(60, &["bill ngayong buwan", "kuryente Oct", "internet Nov"]);
        let d = g
            .draft("ordinary: PH utility bill", p, at, dec(amount), "other")
            .memo(memo)
            .at(shop(name, descriptor, mcc, "PH"));
        g.push(d);
    }
    for _ in 0..utang {
        let p = g.pick(people);
        let at = g.when(1, 27, &DAYTIME);
        let amount = g.rng.step(200, 5_000, 100);
        let memo = g.memo(10, &["bayad sa utang", "bayad utang salamat", "bayad sa utang kay Tita"]);
        let payee = g.payee(p, 90);
        let d = g.draft("ordinary: debt repayment (PH)", p, at, whole(amount), "p2p").memo(memo).paying(payee);
        g.push(d);
    }
    for _ in 0..gamot {
        let p = g.pick(people);
        let at = g.when(1, 27, &DAYTIME);
        let d = if g.rng.chance(50) {
            let amount = g.rng.range(15_000, 300_000);
            g.draft("ordinary: pharmacy (PH)", p, at, dec(amount), "card").at(shop(
                "Botika Mabuhay",
                "BOTIKA MABUHAY",
                "5912",
                "PH",
            ))
        } else {
            let amount = g.rng.step(300, 3_000, 100);
            let memo = g.memo(5, &["pambili ng gamot ni lola", "pambili ng gamot", "gamot ni tatay"]);
            let payee = g.payee(p, 95);
            g.draft("ordinary: medicine money (PH)", p, at, whole(amount), "p2p").memo(memo).paying(payee)
        };
        g.push(d);
    }
    for _ in 0..tuition {
        let p = g.pick(people);
        let at = g.when(1, 15, &OFFICE);
        let d = if g.rng.chance(60) {
            let (name, descriptor) =
                g.rng.pick(&[("San Isidro Academy", "SAN ISIDRO ACAD"), ("St. Therese School", "ST THERESE SCH")]);
            let amount = g.rng.step(2_500, 25_000, 500);
            let memo = g.memo(20, &["tuition 2nd quarter", "tuition fee ni Jun", "matrikula", "school uniform"]);
            g.draft("ordinary: tuition to a school (PH)", p, at, whole(amount), "bank_transfer")
                .memo(memo)
                .at(shop(name, descriptor, "8211", "PH"))
        } else {
            let amount = g.rng.step(1_000, 10_000, 500);
            let memo = g.memo(5, &["pang-tuition ni Jun", "pang-tuition", "for \"baon\" ni Jun, tuition"]);
            let payee = g.payee(p, 100);
            g.draft("ordinary: tuition money to family (PH)", p, at, whole(amount), "p2p").memo(memo).paying(payee)
        };
        g.push(d);
    }
    for _ in 0..store {
        let p = g.pick(people);
        let at = g.when(1, 27, &DAYTIME);
        let (name, descriptor, mcc) = g.rng.pick(&[
            ("Sari-sari ni Aling Nena", "QRPH*SARI-SARI NENA", "5499"),
            ("Tindahan ni Mang Ben", "QRPH*TINDAHAN BEN", "5499"),
            ("Palengke Fresh Mart", "PALENGKE FRESH MART", "5411"),
            ("Karinderya ni Aling Rosa", "QRPH*KARINDERYA ROSA", "5812"),
        ]);
        let amount = g.rng.range(3_500, 250_000);
        let channel = if g.rng.chance(60) { "other" } else { "card" };
        let d = g.draft("ordinary: store (PH)", p, at, dec(amount), channel).at(shop(name, descriptor, mcc, "PH"));
        g.push(d);
    }
    for _ in 0..family {
        let p = g.pick(people);
        let at = g.when(1, 27, &DAYTIME);
        let (memo, lo, hi, step) = g.rng.pick(&[
            ("upa sa bahay Nov", 3_000, 12_000, 500),
            ("bayad upa", 3_000, 12_000, 500),
            ("allowance ni bunso", 200, 2_000, 100),
            ("baon ni Jun this week", 200, 1_000, 50),
            ("pang-grocery", 1_000, 5_000, 500),
            ("padala kay nanay", 1_000, 5_000, 500),
        ]);
        let amount = g.rng.step(lo, hi, step);
        let payee = g.payee(p, 92);
        let d = g
            .draft("ordinary: family or rent (PH)", p, at, whole(amount), "p2p")
            .memo(Some(memo.to_string()))
            .paying(payee);
        g.push(d);
    }
}

// ---------------------------------------------------------------- ordinary: Australia

fn au_domestic(g: &mut Gen, people: &[Person], employers: &[Person], counts: [usize; 8]) {
    let [rent, groceries, bills, birthday, rides, salary, medical, school] = counts;
    for _ in 0..rent {
        let p = g.pick(people);
        let at = g.when(1, 27, &DAYTIME);
        let d =
            if g.rng.chance(80) {
                let amount = if g.rng.chance(50) { g.rng.step(380, 950, 5) } else { g.rng.step(1_600, 3_800, 50) };
                let memo = g.memo(10, &["rent nov", "Rent - Unit 4", "rent wk 45", "rent, thanks", "RENT 12 BAY ST"]);
                let payee = g.payee(p, 97);
                g.draft("ordinary: rent (AU)", p, at, whole(amount), "bank_transfer").memo(memo).paying(payee)
            } else {
                let amount = g.rng.step(1_200, 2_400, 10);
                let memo = g.memo(20, &["student accommodation Nov", "accommodation fee", "room 214 Nov"]);
                g.draft("ordinary: student accommodation (AU)", p, at, whole(amount), "bank_transfer")
                    .memo(memo)
                    .at(shop("Campus Living Residences", "CAMPUS LIVING RES", "6513", "AU"))
            };
        g.push(d);
    }
    for _ in 0..groceries {
        let p = g.pick(people);
        let at = g.when(1, 27, &DAYTIME);
        let (name, descriptor) = g.rng.pick(&[
            ("Greenleaf Supermarket", "GREENLEAF SUPERMKT"),
            ("Harbour Fresh Grocers", "HARBOUR FRESH"),
            ("Sunrise Asian Grocer", "SUNRISE ASIAN GROCER"),
            ("Corner Deli & Grocer", "CORNER DELI"),
        ]);
        let amount = g.rng.range(840, 28_675);
        let d =
            g.draft("ordinary: groceries (AU)", p, at, dec(amount), "card").at(shop(name, descriptor, "5411", "AU"));
        g.push(d);
    }
    for _ in 0..bills {
        let p = g.pick(people);
        let at = g.when(1, 27, &DAYTIME);
        let (name, descriptor, mcc, memo) = g.rng.pick(&[
            ("GreenGrid Energy", "GREENGRID ENERGY", "4900", "electricity bill"),
            ("Harbour Water", "HARBOUR WATER", "4900", "water rates"),
            ("Koala Mobile", "KOALA MOBILE PLAN", "4814", "phone plan"),
            ("SwiftNet Broadband", "SWIFTNET NBN", "4899", "internet"),
        ]);
        let amount = g.rng.range(3_500, 42_000);
        let memo = if g.rng.chance(60) { None } else { Some(memo.to_string()) };
        let d = g
            .draft("ordinary: bill (AU)", p, at, dec(amount), "bank_transfer")
            .memo(memo)
            .at(shop(name, descriptor, mcc, "AU"));
        g.push(d);
    }
    for _ in 0..birthday {
        let p = g.pick(people);
        let at = g.when(1, 27, &EVENING);
        let amount = g.rng.pick(&[20, 25, 50, 50, 100, 100, 150, 200]);
        let memo = g.memo(
            0,
            &["happy birthday mum", "happy bday Jess!", "bday gift", "for groceries", "dinner last night, thanks"],
        );
        let payee = g.payee(p, 90);
        let d = g.draft("ordinary: birthday or split (AU)", p, at, whole(amount), "p2p").memo(memo).paying(payee);
        g.push(d);
    }
    for _ in 0..rides {
        let p = g.pick(people);
        let at = g.when(1, 27, &ANY);
        let amount = g.rng.range(980, 6_840);
        let d = g.draft("ordinary: ride (AU)", p, at, dec(amount), "card").at(shop(
            "CityRide",
            "CITYRIDE*TRIP",
            "4121",
            "AU",
        ));
        g.push(d);
    }
    for _ in 0..salary {
        let p = g.pick(employers);
        let day = g.rng.pick(&[12, 26]);
        let at = g.on(day, &OFFICE);
        let amount = g.rng.range(210_000, 580_000);
        let memo = g.memo(0, &["PAYROLL NOV", "salary fortnight", "WAGES"]);
        let employee = g.receiver_id();
        let d =
            g.draft("ordinary: salary (AU)", p, at, dec(amount), "bank_transfer").memo(memo).to(employee, "AU", true);
        g.push(d);
    }
    for _ in 0..medical {
        let p = g.pick(people);
        let at = g.when(1, 27, &DAYTIME);
        let d = if g.rng.chance(60) {
            let amount = g.rng.range(4_500, 38_000);
            let memo = g.memo(50, &["gap payment", "medical bills"]);
            g.draft("ordinary: clinic (AU)", p, at, dec(amount), "card").memo(memo).at(shop(
                "Riverside Medical Centre",
                "RIVERSIDE MED CTR",
                "8011",
                "AU",
            ))
        } else {
            let amount = g.rng.step(50, 500, 50);
            let payee = g.payee(p, 100);
            g.draft("ordinary: medical bills to a sibling (AU)", p, at, whole(amount), "bank_transfer")
                .memo(Some("for mum's medical bills".to_string()))
                .paying(payee)
        };
        g.push(d);
    }
    for _ in 0..school {
        let p = g.pick(people);
        let at = g.when(1, 20, &OFFICE);
        let amount = g.rng.step(180, 2_400, 10);
        let memo = g.memo(10, &["school fees term 4", "school fees", "excursion + uniform", "school uniform"]);
        let d = g
            .draft("ordinary: school fees to a school (AU)", p, at, whole(amount), "bank_transfer")
            .memo(memo)
            .at(shop("St Brigid's Primary School", "ST BRIGIDS PRIMARY", "8211", "AU"));
        g.push(d);
    }
}

// ---------------------------------------------------------------- ordinary: remittances

const PH_MEMOS: [&str; 14] = [
    "padala para kay nanay",
    "pang-tuition ni Jun",
    "pambili ng gamot",
    "for groceries",
    "allowance ni bunso",
    "pang-bayad ng kuryente",
    "happy birthday Ate",
    "Merry Christmas advance",
    "tulong sa bahay",
    "for Lola's medicines",
    "school fees for Anna",
    "pang-upa",
    "pang-gastos sa bahay",
    "para sa bills",
];

const ID_MEMOS: [&str; 8] = [
    "transfer buat mama",
    "kiriman bulanan",
    "buat bayar SPP adik",
    "uang belanja ibu",
    "biaya rumah sakit bapak",
    "kiriman untuk keluarga",
    "buat anak sekolah",
    "buat ibu",
];

/// A remittance provider in the sender's country, on some rows.
fn provider(g: &mut Gen, country: &'static str) -> Option<Merchant> {
    if g.rng.chance(35) {
        Some(shop("QuickSend Remit", "QUICKSEND*REMIT", "4829", country))
    } else {
        None
    }
}

/// Family remittances from migrant workers and the diaspora, in the sender's
/// currency (all two-decimal currencies).
fn remit(g: &mut Gen, kind: &'static str, senders: &[Person], n: usize, spec: &RemitSpec) {
    for _ in 0..n {
        let p = g.pick(senders);
        let day = if spec.days.is_empty() { g.rng.range(1, 27) as u32 } else { g.day_off(spec.days) };
        let at = g.on(day, &DAYTIME);
        let cents = if g.rng.chance(spec.small_percent) {
            g.rng.step(20, 90, 5) * 100
        } else if g.rng.chance(45) {
            g.rng.pick(spec.round) * 100
        } else {
            g.rng.range(spec.range.0 * 100, spec.range.1 * 100)
        };
        let memo = g.memo(25, spec.memos);
        let payee = g.payee(p, 90);
        let channel = match g.rng.below(10) {
            0..=6 => "remittance",
            7 | 8 => "bank_transfer",
            _ => "ewallet_topup",
        };
        let merchant = if channel == "remittance" { provider(g, p.country) } else { None };
        let d = g.draft(kind, p, at, dec(cents), channel).memo(memo).paying(payee).maybe_at(merchant);
        g.push(d);
    }
}

struct RemitSpec {
    /// Preferred days (rest days), or empty for any day.
    days: &'static [u32],
    /// Chance of a small top-up (20–90 units) instead of a monthly amount.
    small_percent: u64,
    round: &'static [u64],
    range: (u64, u64),
    memos: &'static [&'static str],
}

// ---------------------------------------------------------------- patterns

/// Published cover-story words (research §5.1, proposals §5.2–5.3).
const COVER: [&str; 16] = [
    "school fees",
    "School fees",
    "for school fees",
    "medical bills",
    "Medical bills",
    "family support",
    "uniform",
    "school uniform",
    "gift",
    "a gift",
    "accommodation",
    "education",
    "for education",
    "tuition",
    "allowance",
    "medical bills again",
];

/// The same words written to slip past plain matching (research §6).
const OBFUSCATED: [&str; 20] = [
    "sch00l f33s",
    "m3dical b1lls",
    "s c h o o l  f e e s",
    "m e d i c a l  b i l l s",
    "\u{ff53}\u{ff43}\u{ff48}\u{ff4f}\u{ff4f}\u{ff4c} \u{ff46}\u{ff45}\u{ff45}\u{ff53}",
    "\u{ff4d}\u{ff45}\u{ff44}\u{ff49}\u{ff43}\u{ff41}\u{ff4c} \u{ff42}\u{ff49}\u{ff4c}\u{ff4c}\u{ff53}",
    "sch\u{200b}ool fees",
    "medi\u{200c}cal bi\u{200b}lls",
    "fam\u{200d}ily support",
    "SCHOOL FEES!!",
    "schoool feees",
    "sc.hool fe.es",
    "school_fees",
    "f4mily supp0rt",
    "s\u{0441}hool fees",
    "medical-bills",
    "school fees \u{1f4da}",
    "medical bills \u{1f64f}",
    "unif0rm",
    "educati0n",
];

const HANDLE_COVER: [&str; 4] =
    ["family support @someone_042", "gift - @user.demo7", "@sample.acct school fees", "medical bills @someone.else_5"];

fn lsac(g: &mut Gen, offenders: &[Person], facilitators: &[(String, &'static str)], n: usize) {
    for i in 0..n {
        let p = g.pick(offenders);
        let at = g.when(1, 27, &NIGHT);
        let cents = if g.rng.chance(55) {
            g.rng.pick(&[10, 15, 20, 25, 30, 40, 50, 50, 60, 70, 75, 80, 90, 100]) * 100
        } else {
            g.rng.range(1_200, 9_900)
        };
        // Most go to the Philippines; Australians sometimes to Indonesia.
        let (rid, country) = loop {
            let f = &facilitators[g.rng.index(facilitators.len())];
            if f.1 == "PH" || p.country == "AU" {
                break (f.0.clone(), f.1);
            }
        };
        let channel = match g.rng.below(20) {
            0..=13 => "remittance",
            14..=16 => "p2p",
            _ => "ewallet_topup",
        };
        // Every obfuscated spelling once, then a mix.
        let memo = match (OBFUSCATED.get(i), g.rng.below(100)) {
            (Some(obfuscated), _) => Some(obfuscated.to_string()),
            (None, 0..=59) => Some(g.rng.pick(&COVER).to_string()),
            (None, 60..=71) => Some(g.rng.pick(&OBFUSCATED).to_string()),
            (None, 72..=83) => Some(g.rng.pick(&HANDLE_COVER).to_string()),
            (None, _) => None,
        };
        let merchant = if channel == "remittance" { provider(g, p.country) } else { None };
        let d = g
            .draft("pattern: pay-per-view remittance (LSAC)", p, at, dec(cents), channel)
            .memo(memo)
            .to(rid, country, false)
            .maybe_at(merchant);
        g.push(d);
    }
}

fn fsec(
    g: &mut Gen,
    victims: &[Person],
    adults: &[Person],
    extorters: &[(String, &'static str)],
    counts: (usize, usize),
) {
    let (minor_rows, adult_rows) = counts;
    let mut made = 0;
    let mut v = 0;
    while made < minor_rows {
        let p = &victims[v % victims.len()];
        v += 1;
        let (rid, country) = extorters[g.rng.index(extorters.len())].clone();
        let payments = (g.rng.range(1, 3) as usize).min(minor_rows - made);
        let mut at = g.when(1, 26, &EVENING);
        for i in 0..payments {
            if i > 0 {
                let gap = g.rng.range(15, 110) as u32;
                let second = g.rng.below(60) as u32;
                at = at.later(gap, second);
            }
            let units = if i == 0 {
                g.rng.pick(&[50, 50, 75, 100, 100, 150, 200, 250])
            } else {
                g.rng.pick(&[100, 150, 200, 250, 300, 400, 500])
            };
            let d = fsec_payment(g, "pattern: sextortion of a minor (FSEC)", p, at, units);
            g.push(d.to(rid.clone(), country, false));
            made += 1;
        }
    }
    for _ in 0..adult_rows {
        let p = g.pick(adults);
        let at = g.when(1, 27, &ANY);
        let (rid, _) = extorters[g.rng.index(extorters.len())].clone();
        let units = g.rng.pick(&[50, 100, 150, 200, 300, 450, 500]);
        let d = fsec_payment(g, "pattern: sextortion of an adult (FSEC)", p, at, units);
        g.push(d.to(rid, "NG", false));
    }
}

fn fsec_payment(g: &mut Gen, kind: &'static str, p: &Person, at: Local, units: u64) -> Draft {
    let memo = g.memo(60, &["ok", "sent", "payment", "here", "for you", "done"]);
    match g.rng.below(10) {
        0..=4 => g.draft(kind, p, at, whole(units), "p2p").memo(memo),
        5..=7 => {
            let m = if g.rng.chance(50) {
                shop("GiftHub Gift Cards", "GIFTHUB*GIFT CARD", "5999", p.country)
            } else {
                shop("GiftHub Prepaid", "GIFTHUB*PREPAID CARD", "6540", p.country)
            };
            g.draft(kind, p, at, whole(units), "gift_card").memo(memo).at(m)
        }
        _ => {
            let m = if g.rng.chance(50) {
                Some(shop("CoinBridge Wallet", "COINBRIDGE*BTC PURCHASE", "6051", p.country))
            } else {
                None
            };
            g.draft(kind, p, at, whole(units), "crypto").maybe_at(m)
        }
    }
}

fn micro(g: &mut Gen, senders: &[Person], n: usize) {
    const MEMOS: [&str; 14] = [
        "msg me @someone_042",
        "add me on t.me/someone_17",
        "call me +61 412 555 019",
        "pls call +63 917 555 0123",
        "reply @user.demo7",
        "wa.me/61412555019",
        "https://t.me/someone_88",
        "text me 0412 555 019",
        "dm @sample.acct",
        "new number +61 400 555 072",
        "ig @someone.else_5",
        "t.me/someone",
        "answer me +63 917 555 0188",
        "@someone_042 ??",
    ];
    const AMOUNTS: [u64; 10] = [1, 1, 2, 5, 10, 50, 100, 123, 250, 500];
    let mut made = 0;
    while made < n {
        let p = g.pick(senders);
        let (rid, country, known) = match g.rng.below(20) {
            0..=13 => (g.receiver_id(), "AU", false),
            14..=16 => (g.receiver_id(), "PH", false),
            _ => (p.family[0].clone(), "AU", true),
        };
        let burst = (g.rng.range(1, 4) as usize).min(n - made);
        let mut at = g.when(1, 26, &ANY);
        for i in 0..burst {
            if i > 0 {
                let gap = g.rng.range(1, 8) as u32;
                let second = g.rng.below(60) as u32;
                at = at.later(gap, second);
            }
            let cents = g.rng.pick(&AMOUNTS);
            let memo = Some(g.rng.pick(&MEMOS).to_string());
            let channel = if g.rng.chance(60) { "bank_transfer" } else { "p2p" };
            let d = g.draft("pattern: micro-payment carrying a contact", p, at, dec(cents), channel).memo(memo).to(
                rid.clone(),
                country,
                known,
            );
            g.push(d);
            made += 1;
        }
    }
}

fn id_content_prices(g: &mut Gen, buyers: &[Person], sellers: &[String], n: usize) {
    const MEMOS: [&str; 9] = [
        "member vip",
        "paket vip",
        "langganan bulanan",
        "grup vip",
        "grup berbayar",
        "MEMBER VIP",
        "paket vip 1",
        "langganan bulanan grup",
        "m3mber v1p",
    ];
    for _ in 0..n {
        let p = g.pick(buyers);
        let at = if g.rng.chance(50) { g.when(1, 27, &EVENING) } else { g.when(1, 27, &NIGHT) };
        let price = [15_000, 25_000, 50_000, 165_000][g.rng.weighted(&[30, 25, 30, 15])];
        let channel = ["ewallet_topup", "qris", "airtime", "game_topup"][g.rng.weighted(&[35, 25, 20, 20])];
        let merchant = match channel {
            "qris" => Some(shop("Toko Digital", "QRIS*TOKO DIGITAL", "5815", "ID")),
            "airtime" => Some(shop("Isi Pulsa & Paket Data", "PULSA TRANSFER", "4814", "ID")),
            "game_topup" => Some(shop("Voucher Game Center", "VOUCHERGAME*TOPUP", "5816", "ID")),
            _ => None,
        };
        let memo = g.memo(30, &MEMOS);
        let seller = sellers[g.rng.index(sellers.len())].clone();
        let d = g
            .draft("pattern: Indonesian content-sale price point", p, at, idr(price), channel)
            .memo(memo)
            .to(seller, "ID", false)
            .maybe_at(merchant);
        g.push(d);
    }
}

/// A merchant category named by the sources, with prices in US cents.
struct Category {
    name: &'static str,
    descriptor: &'static str,
    mcc: &'static str,
    /// The merchant's country; `None` for the sender's own.
    country: Option<&'static str>,
    channel: &'static str,
    usd_cents: &'static [u64],
    /// Cash-like amounts (crypto ATM, exchange): round in the local currency.
    round: bool,
}

/// The merchant categories the sources name (research §5.5), one merchant each.
#[rustfmt::skip]
const CATEGORIES: [Category; 11] = [
    cat("ShieldTunnel VPN", "SHIELDTUNNEL*VPN 1 MONTH", "4816", Some("NL"), "card", &[599, 1_299, 7_188], false),
    cat("CaptureKit Screen Recorder", "CAPTUREKIT*SCREEN RECORDER", "5734", Some("US"), "card", &[3_999, 4_900, 2_999], false),
    cat("LiveCam Webcam Tokens", "LIVECAM*WEBCAM TOKENS", "5815", Some("CY"), "card", &[1_999, 4_999, 9_999], false),
    cat("StreamBox Live Streaming", "STREAMBOX*LIVE STREAMING", "4816", Some("US"), "card", &[999, 2_499], false),
    cat("CoinKiosk Crypto ATM", "COINKIOSK*CRYPTO ATM", "6051", None, "crypto", &[10_000, 20_000, 50_000, 100_000], true),
    cat("PeerSwap P2P Exchange", "PEERSWAP*P2P EXCHANGE", "6051", Some("SG"), "crypto", &[5_000, 15_000, 30_000, 150_000], true),
    cat("GiftHub Prepaid Card", "GIFTHUB*PREPAID CARD", "6540", None, "gift_card", &[2_500, 5_000, 10_000], true),
    cat("TopUp Arena Game Credits", "TOPUPARENA*GAME CREDITS", "5816", Some("SG"), "game_topup", &[499, 999, 1_999, 4_999], false),
    cat("NightList Escort Directory", "NIGHTLIST*ESCORT ADS", "7273", Some("US"), "card", &[3_000, 7_500, 15_000], false),
    cat("VaultDrop File Hosting", "VAULTDROP*FILE HOSTING", "4816", Some("CH"), "card", &[999, 9_900], false),
    cat("LuckySpin Online Casino", "LUCKYSPIN*ONLINE CASINO", "7995", Some("CW"), "card", &[2_000, 5_000, 10_000], true),
];

const fn cat(
    name: &'static str,
    descriptor: &'static str,
    mcc: &'static str,
    country: Option<&'static str>,
    channel: &'static str,
    usd_cents: &'static [u64],
    round: bool,
) -> Category {
    Category { name, descriptor, mcc, country, channel, usd_cents, round }
}

/// A price in the sender's currency from a USD price in cents.
fn localize(usd_cents: u64, currency: &str, round: bool) -> String {
    // Rough retail conversions, per 100 USD.
    let per_100 = match currency {
        "AUD" => 155,
        "GBP" => 79,
        "SGD" => 135,
        "IDR" => 1_600_000,
        _ => 100,
    };
    let local = usd_cents * per_100 / 100; // cents, or rupiah ×100
    if currency == "IDR" {
        let rupiah = local / 100;
        return if round { idr(rupiah / 50_000 * 50_000) } else { idr((rupiah / 1_000).max(1) * 1_000 - 100) };
    }
    if round {
        whole((local / 100 / 10).max(1) * 10)
    } else {
        dec((local / 100).max(1) * 100 - 1)
    }
}

fn merchant_categories(g: &mut Gen, buyers: &[Person], n: usize) {
    for i in 0..n {
        let p = g.pick(buyers);
        // Every category at least twice, then random ones.
        let c = if i < CATEGORIES.len() * 2 {
            &CATEGORIES[i % CATEGORIES.len()]
        } else {
            &CATEGORIES[g.rng.index(CATEGORIES.len())]
        };
        let at = if g.rng.chance(50) { g.when(1, 27, &ANY) } else { g.when(1, 27, &NIGHT) };
        let usd = g.rng.pick(c.usd_cents);
        let amount = localize(usd, p.currency, c.round);
        let m = Merchant {
            name: c.name,
            descriptor: Some(c.descriptor),
            mcc: Some(c.mcc),
            country: Some(c.country.unwrap_or(p.country)),
        };
        let d = g.draft("pattern: merchant category", p, at, amount, c.channel).at(m);
        g.push(d);
    }
}

// ---------------------------------------------------------------- assembly

fn pool(
    country: &'static str,
    currency: &'static str,
    zones: &'static [(Zone, u64)],
    home: &'static str,
    age: (u64, u64),
) -> Pool {
    Pool { country, currency, zones, home, minor: false, age }
}

const ID_ZONES: &[(Zone, u64)] = &[(JAKARTA, 75), (MAKASSAR, 18), (JAYAPURA, 7)];
const PH_ZONES: &[(Zone, u64)] = &[(MANILA, 1)];
const AU_ZONES: &[(Zone, u64)] = &[(SYDNEY, 60), (BRISBANE, 20), (ADELAIDE, 8), (PERTH, 12)];
const GB_ZONES: &[(Zone, u64)] = &[(LONDON, 1)];
const US_ZONES: &[(Zone, u64)] = &[(NEW_YORK, 45), (CHICAGO, 25), (LOS_ANGELES, 30)];
const CA_ZONES: &[(Zone, u64)] = &[(TORONTO, 60), (VANCOUVER, 40)];
const NZ_ZONES: &[(Zone, u64)] = &[(AUCKLAND, 1)];

fn generate() -> Vec<Row> {
    let mut g = Gen::new(SEED);
    let adult = (30, 3_600);

    // Ordinary account holders.
    let id_people = g.people(170, &pool("ID", "IDR", ID_ZONES, "ID", adult));
    let id_teens = g.people(12, &Pool { minor: true, ..pool("ID", "IDR", ID_ZONES, "ID", (60, 900)) });
    let id_employers = g.people(6, &pool("ID", "IDR", &[(JAKARTA, 1)], "ID", (2_000, 6_000)));
    let ph_people = g.people(70, &pool("PH", "PHP", PH_ZONES, "PH", adult));
    let au_people = g.people(60, &pool("AU", "AUD", AU_ZONES, "AU", adult));
    let au_employers = g.people(4, &pool("AU", "AUD", &[(SYDNEY, 1)], "AU", (2_000, 6_000)));
    let au_ph = g.people(35, &pool("AU", "AUD", AU_ZONES, "PH", adult));
    let au_id = g.people(18, &pool("AU", "AUD", AU_ZONES, "ID", adult));
    let sg_id = g.people(18, &pool("SG", "SGD", &[(SINGAPORE, 1)], "ID", (60, 2_500)));
    let my_id = g.people(8, &pool("MY", "MYR", &[(KUALA_LUMPUR, 1)], "ID", (60, 2_500)));
    let hk_ph = g.people(20, &pool("HK", "HKD", &[(HONG_KONG, 1)], "PH", (60, 3_000)));
    let sa_ph = g.people(16, &pool("SA", "SAR", &[(RIYADH, 1)], "PH", (60, 3_000)));
    let us_ph = g.people(8, &pool("US", "USD", US_ZONES, "PH", adult));
    // Employers have no minor flag.
    let id_employers: Vec<Person> = id_employers.into_iter().map(|p| Person { minor: None, ..p }).collect();
    let au_employers: Vec<Person> = au_employers.into_iter().map(|p| Person { minor: None, ..p }).collect();

    // Account holders whose rows resemble a typology.
    let mut offenders = g.people(20, &pool("AU", "AUD", AU_ZONES, "PH", (5, 4_000)));
    offenders.extend(g.people(8, &pool("GB", "GBP", GB_ZONES, "PH", (5, 4_000))));
    offenders.extend(g.people(10, &pool("US", "USD", US_ZONES, "PH", (5, 4_000))));
    offenders.extend(g.people(4, &pool("CA", "CAD", CA_ZONES, "PH", (5, 4_000))));
    offenders.extend(g.people(2, &pool("NZ", "NZD", NZ_ZONES, "PH", (5, 4_000))));
    let mut facilitators: Vec<(String, &'static str)> = (0..26).map(|_| (g.receiver_id(), "PH")).collect();
    facilitators.extend((0..3).map(|_| (g.receiver_id(), "ID")));

    let minor = |country, currency, zones| Pool { minor: true, ..pool(country, currency, zones, "NG", (30, 1_500)) };
    let mut victims = g.people(8, &minor("US", "USD", US_ZONES));
    victims.extend(g.people(5, &minor("AU", "AUD", AU_ZONES)));
    victims.extend(g.people(3, &minor("GB", "GBP", GB_ZONES)));
    victims.extend(g.people(2, &minor("CA", "CAD", CA_ZONES)));
    let mut fsec_adults = g.people(4, &pool("US", "USD", US_ZONES, "NG", adult));
    fsec_adults.extend(g.people(2, &pool("AU", "AUD", AU_ZONES, "NG", adult)));
    fsec_adults.extend(g.people(2, &pool("GB", "GBP", GB_ZONES, "NG", adult)));
    let extorters: Vec<(String, &'static str)> =
        (0..8).map(|i| (g.receiver_id(), if i < 6 { "NG" } else { "CI" })).collect();

    let micro_senders = g.people(15, &pool("AU", "AUD", AU_ZONES, "AU", adult));
    let id_buyers = g.people(22, &pool("ID", "IDR", ID_ZONES, "ID", adult));
    let sellers: Vec<String> = (0..10).map(|_| g.receiver_id()).collect();
    let mut buyers = g.people(6, &pool("AU", "AUD", AU_ZONES, "AU", adult));
    buyers.extend(g.people(5, &pool("US", "USD", US_ZONES, "US", adult)));
    buyers.extend(g.people(3, &pool("GB", "GBP", GB_ZONES, "GB", adult)));
    buyers.extend(g.people(4, &pool("ID", "IDR", ID_ZONES, "ID", adult)));
    buyers.extend(g.people(2, &pool("SG", "SGD", &[(SINGAPORE, 1)], "SG", adult)));

    // Ordinary: 1,020 rows.
    id_bills(&mut g, &id_people, 45, 25, 20);
    id_pulsa(&mut g, &id_people, 55);
    id_household(&mut g, &id_people, 30, 35, 10);
    id_school(&mut g, &id_people, 35);
    id_shopping(&mut g, &id_people, 95, 45, 50);
    id_salary(&mut g, &id_employers, 20);
    id_family(&mut g, &id_people, 45);
    id_medical_gifts(&mut g, &id_people, 15, 10);
    id_teens_games(&mut g, &id_teens, &id_people, 15, 10);
    ph_domestic(&mut g, &ph_people, [30, 30, 15, 15, 20, 25, 25]);
    au_domestic(&mut g, &au_people, &au_employers, [25, 35, 15, 10, 15, 10, 5, 5]);
    let au_ph_spec = RemitSpec {
        days: &[],
        small_percent: 15,
        round: &[100, 150, 200, 250, 300, 500],
        range: (100, 1_000),
        memos: &PH_MEMOS,
    };
    remit(&mut g, "ordinary: remittance AU→PH", &au_ph, 55, &au_ph_spec);
    let au_id_spec = RemitSpec { memos: &ID_MEMOS, range: (100, 800), ..au_ph_spec };
    remit(&mut g, "ordinary: remittance AU→ID", &au_id, 25, &au_id_spec);
    let sg_id_spec = RemitSpec {
        days: &SUNDAYS,
        small_percent: 5,
        round: &[200, 300, 500, 800],
        range: (150, 900),
        memos: &ID_MEMOS,
    };
    remit(&mut g, "ordinary: remittance SG→ID", &sg_id, 25, &sg_id_spec);
    let my_id_spec = RemitSpec { round: &[300, 500, 1_000], range: (300, 1_500), ..sg_id_spec };
    remit(&mut g, "ordinary: remittance MY→ID", &my_id, 10, &my_id_spec);
    let hk_ph_spec = RemitSpec {
        days: &SUNDAYS,
        small_percent: 0,
        round: &[1_000, 2_000, 3_000, 3_500, 4_000, 5_000],
        range: (1_000, 6_000),
        memos: &PH_MEMOS,
    };
    remit(&mut g, "ordinary: remittance HK→PH", &hk_ph, 30, &hk_ph_spec);
    let sa_ph_spec =
        RemitSpec { days: &FRIDAYS, round: &[500, 1_000, 1_500, 2_000], range: (400, 3_000), ..hk_ph_spec };
    remit(&mut g, "ordinary: remittance SA→PH", &sa_ph, 25, &sa_ph_spec);
    let us_ph_spec =
        RemitSpec { days: &[], small_percent: 10, round: &[100, 200, 300, 500], range: (100, 600), memos: &PH_MEMOS };
    remit(&mut g, "ordinary: remittance US→PH", &us_ph, 10, &us_ph_spec);

    // Patterns: 180 rows.
    lsac(&mut g, &offenders, &facilitators, 65);
    fsec(&mut g, &victims, &fsec_adults, &extorters, (26, 9));
    micro(&mut g, &micro_senders, 25);
    id_content_prices(&mut g, &id_buyers, &sellers, 28);
    merchant_categories(&mut g, &buyers, 27);

    finish(g.rows)
}

/// Sorts by instant, numbers the rows, and works out `isNew`: a receiver is
/// new on a sender's first payment to it, unless it was paid before the window.
fn finish(mut rows: Vec<Row>) -> Vec<Row> {
    rows.sort_by_key(|r| (r.utc, r.seq));
    let mut seen = HashSet::new();
    for (i, row) in rows.iter_mut().enumerate() {
        row.tx.id = format!("tx-{:05}", i + 1);
        if let Some(receiver) = row.tx.receiver.as_mut() {
            let first = seen.insert((row.tx.sender.id.clone(), receiver.id.clone()));
            receiver.is_new = Some(first && !row.known);
        }
    }
    rows
}

// ---------------------------------------------------------------- writing

const CSV_HEADER: &str = "id,timestamp,amount,currency,channel,memo,sender.id,sender.country,sender.accountAgeDays,sender.isMinor,receiver.id,receiver.country,receiver.isNew,merchant.name,merchant.descriptor,merchant.mcc,merchant.country";

fn ndjson(rows: &[Row]) -> Result<String, serde_json::Error> {
    let mut out = String::new();
    for row in rows {
        out.push_str(&serde_json::to_string(&row.tx)?);
        out.push('\n');
    }
    Ok(out)
}

fn csv_cell(out: &mut String, cell: &str) {
    if cell.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

fn csv(rows: &[Row]) -> String {
    let flag = |b: Option<bool>| b.map(|b| b.to_string()).unwrap_or_default();
    let text = |s: Option<&str>| s.unwrap_or_default().to_string();
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    for row in rows {
        let t = &row.tx;
        let r = t.receiver.as_ref();
        let m = t.merchant.as_ref();
        let cells = [
            t.id.clone(),
            t.timestamp.clone(),
            t.amount.clone(),
            t.currency.to_string(),
            t.channel.to_string(),
            t.memo.clone().unwrap_or_default(),
            t.sender.id.clone(),
            t.sender.country.to_string(),
            t.sender.account_age_days.to_string(),
            flag(t.sender.is_minor),
            text(r.map(|r| r.id.as_str())),
            text(r.map(|r| r.country)),
            flag(r.and_then(|r| r.is_new)),
            text(m.map(|m| m.name)),
            text(m.and_then(|m| m.descriptor)),
            text(m.and_then(|m| m.mcc)),
            text(m.and_then(|m| m.country)),
        ];
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_cell(&mut out, cell);
        }
        out.push('\n');
    }
    out
}

fn main() -> Result<(), Box<dyn Error>> {
    let rows = generate();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("www").join("samples");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("transactions.ndjson"), ndjson(&rows)?)?;
    std::fs::write(dir.join("transactions.csv"), csv(&rows))?;

    let mut mix: BTreeMap<&str, usize> = BTreeMap::new();
    for row in &rows {
        *mix.entry(row.kind).or_default() += 1;
    }
    println!("wrote {} rows to {}", rows.len(), dir.display());
    for (kind, count) in mix {
        println!("{count:5}  {kind}");
    }
    Ok(())
}
