//! History states (src/history/codec.rs) from arbitrary bytes, and the
//! states the engine writes while it replays payments.
//!
//! * `State::from_bytes` refuses with `invalid_state` and an empty path, or
//!   accepts, and then `to_bytes()` gives back exactly the bytes it read
//!   (the decoder takes only canonical encodings). A format-1 state (the
//!   first release's) is written back as format 2, which reads back as the
//!   same state and writes itself.
//! * An accepted state is screened with `screen_with_history_bytes` as the
//!   sender and as the receiver of two fixed transactions among the
//!   target's accounts. A state of another account is refused with
//!   `invalid_state` at `/sender` or `/receiver` (never a panic); one of
//!   these accounts (the seeds are theirs) gives a verdict that is valid
//!   JSON and states that read back as themselves.
//! * The same bytes, four at a time, drive a replay of up to 24 payments
//!   among the four accounts (decoded as `replay` says), each account's
//!   state kept as bytes between payments and the accepted input offered to
//!   every account first. Every state the engine returns reads back and
//!   writes the same bytes, one that grew from no state (not from the
//!   fuzzed one) is at most 4,096 bytes, and a compact verdict with history
//!   evidence reads back (`explain` takes verdicts as JSON).
//!
//! Each input is read twice: as it is, and with its last eight bytes
//! replaced by the checksum of the rest (`seal`), so that mutations reach
//! the decoder past the checksum. The panic messages print the bytes in hex.
//!
//! Seeds (`corpus/state/`) are states the engine wrote for `acct-0` to
//! `acct-3` in short replays with the default pack and key (written once
//! through the public API, in format 1, and again as format 2 by reading
//! those: the `v2-` files): both sides, a late payment, watched-merchant
//! stamps, full counterparty tables (evictions), a self-payment, and single
//! payments at the first and the last minute a timestamp can name (years
//! 0000 and 9999), so that times are as small and as large as they get.
//! A change of the format or of the account keys makes the decoder refuse
//! every seed: write them again then.

#![no_main]

use std::sync::OnceLock;

use jejak::{CompactVerdict, ErrorKind, Screener, State, VerdictForm};
use libfuzzer_sys::fuzz_target;

const ACCOUNTS: [&str; 4] = ["acct-0", "acct-1", "acct-2", "acct-3"];
const COUNTRIES: [&str; 4] = ["AU", "PH", "ID", "US"];
const CURRENCIES: [&str; 4] = ["AUD", "IDR", "USD", "PHP"];
const AMOUNTS: [&str; 8] = ["0.01", "5", "12.50", "40", "99.99", "250", "1000", "250000"];
const CHANNELS: [&str; 8] = ["remittance", "p2p", "qris", "card", "bank_transfer", "ewallet_topup", "crypto", "other"];
/// The first and third match the default pack's watched merchant lists.
const MERCHANTS: [&str; 4] = ["Proton VPN", "Warung Sari", "Phone Spy App", "Gift Cards Direct"];
const MAX_PAYMENTS: usize = 24;
const MAX_STATE: usize = 4096;
/// 2026-11-01T00:00Z in minutes from 1970, where the replay starts (the
/// fixed transactions are on 20 and 21 November, the seeds' month).
const START: i64 = 29_891_520;

/// `acct-0` pays `acct-1` abroad; `acct-1` pays `acct-0` at a watched
/// merchant's site, at night.
const FIXED: [&str; 2] = [
    r#"{"id":"f0","timestamp":"2026-11-20T02:10:00+10:00","amount":"50","currency":"AUD","channel":"remittance",
        "memo":"school fees","sender":{"id":"acct-0","country":"AU"},"receiver":{"id":"acct-1","country":"PH"}}"#,
    r#"{"id":"f1","timestamp":"2026-11-21T23:40:00+08:00","amount":"1500","currency":"PHP","channel":"card",
        "sender":{"id":"acct-1","country":"PH","isMinor":true},"receiver":{"id":"acct-0","country":"AU"},
        "merchant":{"id":"m-1","name":"Proton VPN"}}"#,
];

fn screeners() -> &'static (Screener, Screener) {
    static SCREENERS: OnceLock<(Screener, Screener)> = OnceLock::new();
    SCREENERS.get_or_init(|| {
        let compact = Screener::builder().verdict(VerdictForm::Compact).build().expect("default-pack screener");
        (Screener::new(), compact)
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The checksum a state ends with: XXH64 of the rest with the codec's seed
/// (`checksum` in src/history/codec.rs; keep the two the same, or no
/// mutated input gets past the checksum).
const SEED: u64 = 0x6A65_6A61_6B00_0001;
const SUM: usize = 8;

fn seal(body: &[u8]) -> Vec<u8> {
    let mut sealed = body.to_vec();
    sealed.extend_from_slice(&twox_hash::XxHash64::oneshot(SEED, body).to_le_bytes());
    sealed
}

/// A state the engine returned: it reads back and writes the same bytes.
fn check_written(state: &State, what: &str) -> Vec<u8> {
    let bytes = state.to_bytes();
    match State::from_bytes(&bytes) {
        Ok(again) => {
            assert_eq!(again.to_bytes(), bytes, "{what}: a written state does not write back the same: {}", hex(&bytes))
        }
        Err(e) => panic!("{what}: the engine wrote a state its decoder refuses ({e}): {}", hex(&bytes)),
    }
    bytes
}

/// Decodes `bytes`; an accepted state is screened with the fixed
/// transactions. Returns whether it was accepted.
fn decode(bytes: &[u8]) -> bool {
    let state = match State::from_bytes(bytes) {
        Ok(state) => state,
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::InvalidState, "{e}");
            assert_eq!(e.path(), "", "{e}");
            assert!(!e.message().is_empty());
            return false;
        }
    };
    let again = state.to_bytes();
    if bytes.get(4) == Some(&1) {
        // Format 1 migrates: the format-2 bytes are the same state.
        let migrated = State::from_bytes(&again).expect("a migrated state reads back");
        assert!(migrated == state, "a format-1 state changes when written as format 2: {}", hex(bytes));
        check_written(&migrated, "a migrated state");
    } else {
        assert!(again == bytes, "accepted, but writes back other bytes:\n  read  {}\n  wrote {}", hex(bytes), hex(&again));
    }

    let (full, _) = screeners();
    for tx in FIXED {
        let tx = full.parse(tx).expect("fixed transaction");
        for (side, sender, receiver) in [("/sender", Some(bytes), None), ("/receiver", None, Some(bytes))] {
            match full.screen_with_history_bytes(&tx, sender, receiver) {
                Ok(s) => {
                    if let Err(e) = serde_json::from_str::<serde_json::Value>(&s.verdict) {
                        panic!("the verdict is not JSON ({e}) with state {}: {}", hex(bytes), s.verdict);
                    }
                    let what = format!("fixed {} with {side} {}", tx.id.as_deref().unwrap_or(""), hex(bytes));
                    for st in [s.sender, s.receiver].iter().flatten() {
                        check_written(st, &what);
                    }
                }
                Err(e) => {
                    assert_eq!(e.kind(), ErrorKind::InvalidState, "{e} for state {}", hex(bytes));
                    assert_eq!(e.path(), side, "{e} for state {}", hex(bytes));
                    assert!(e.message().contains("another account"), "{e} for state {}", hex(bytes));
                }
            }
        }
    }
    true
}

/// Minutes from 1970 to `YYYY-MM-DDTHH:MM:00+00:00`.
fn timestamp(minutes: i64) -> String {
    let z = minutes.div_euclid(1440) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = era * 400 + yoe + i64::from(m <= 2);
    let t = minutes.rem_euclid(1440);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:00+00:00", t / 60, t % 60)
}

/// One payment from four bytes `[a, b, c, d]`:
///
/// * `a % 5`: the sender (`acct-0`..`acct-3`; 4: no id); `a & 0x80` the
///   sender is a minor; `a & 0x40` the memo "school fees";
/// * `b % 5`: the receiver (4: none; the sender's own id: a self-payment);
///   `b & 0x80` a merchant `m-{(b >> 5) & 3}` named `MERCHANTS[(b >> 3) & 3]`;
/// * `c`: currency `c & 3`, amount `(c >> 2) & 7`, channel `c >> 5`;
/// * `d`: the time step, by `d >> 6`: `d & 63` minutes, hours or days
///   forward, or (3) `(d & 63) * 10` minutes back (late beyond 360).
fn payment(chunk: &[u8], minute: &mut i64) -> (String, Option<usize>, Option<usize>) {
    let [a, b, c, d] = [chunk[0], chunk[1], chunk[2], chunk[3]];
    let step = i64::from(d & 63);
    *minute = (*minute
        + match d >> 6 {
            0 => step,
            1 => step * 60,
            2 => step * 1440,
            _ => -step * 10,
        })
    .max(0);
    let sender = Some(usize::from(a % 5)).filter(|&i| i < 4);
    let receiver = Some(usize::from(b % 5)).filter(|&i| i < 4);
    let mut tx = serde_json::json!({
        "timestamp": timestamp(START + *minute),
        "amount": AMOUNTS[usize::from((c >> 2) & 7)],
        "currency": CURRENCIES[usize::from(c & 3)],
        "channel": CHANNELS[usize::from(c >> 5)],
        "sender": { "country": COUNTRIES[sender.unwrap_or(0)], "isMinor": a & 0x80 != 0 },
    });
    if let Some(s) = sender {
        tx["sender"]["id"] = ACCOUNTS[s].into();
    }
    if let Some(r) = receiver {
        tx["receiver"] = serde_json::json!({ "id": ACCOUNTS[r], "country": COUNTRIES[r] });
    }
    if b & 0x80 != 0 {
        let name = MERCHANTS[usize::from((b >> 3) & 3)];
        tx["merchant"] = serde_json::json!({ "id": format!("m-{}", (b >> 5) & 3), "name": name });
    }
    if a & 0x40 != 0 {
        tx["memo"] = "school fees".into();
    }
    (tx.to_string(), sender, receiver)
}

/// One account's state between payments.
#[derive(Clone, Default)]
struct Slot {
    bytes: Option<Vec<u8>>,
    /// The bytes are the fuzzed input, not yet taken by this account: a
    /// refusal (another account's state) is expected once.
    offered: bool,
    /// The state grew from the fuzzed input, so the 4 KiB bound (a promise
    /// for traffic, not for any state the decoder accepts) is not checked.
    fuzzed: bool,
}

fn replay(data: &[u8], accepted: Option<&[u8]>) {
    let (_, compact) = screeners();
    let start = Slot { bytes: accepted.map(<[u8]>::to_vec), offered: accepted.is_some(), fuzzed: accepted.is_some() };
    let mut slots = [start.clone(), start.clone(), start.clone(), start];
    let mut minute = 0i64;
    for (i, chunk) in data.chunks_exact(4).take(MAX_PAYMENTS).enumerate() {
        let (json, sender, receiver) = payment(chunk, &mut minute);
        let tx = compact.parse(&json).unwrap_or_else(|e| panic!("payment {i} does not parse ({e}): {json}"));
        let screened = loop {
            let s = sender.and_then(|k| slots[k].bytes.as_deref());
            let r = receiver.and_then(|k| slots[k].bytes.as_deref());
            match compact.screen_with_history_bytes(&tx, s, r) {
                Ok(screened) => break screened,
                Err(e) => {
                    // Only an offered input may be refused, once, as
                    // another account's: the account then starts afresh.
                    let side = match e.path() {
                        "/sender" => sender,
                        "/receiver" => receiver,
                        _ => None,
                    };
                    let slot = side.map(|k| &mut slots[k]);
                    match slot {
                        Some(slot) if slot.offered && e.kind() == ErrorKind::InvalidState => *slot = Slot::default(),
                        _ => panic!("payment {i} refused ({e}): {json}"),
                    }
                }
            }
        };
        // History evidence reads back (`explain` takes the verdict as JSON);
        // the rest of the verdict is the `verdict` target's.
        if screened.verdict.contains(r#""kind":"history""#) {
            if let Err(e) = CompactVerdict::from_json(&screened.verdict) {
                panic!("payment {i}: the compact verdict does not read back ({e}): {}", screened.verdict);
            }
        }
        for (k, state) in [(sender, screened.sender), (receiver, screened.receiver)] {
            let (Some(k), Some(state)) = (k, state) else { continue };
            let what = format!("payment {i} ({json}), {}", ACCOUNTS[k]);
            let bytes = check_written(&state, &what);
            let slot = &mut slots[k];
            assert!(slot.fuzzed || bytes.len() <= MAX_STATE, "{what}: {} bytes: {}", bytes.len(), hex(&bytes));
            slot.bytes = Some(bytes);
            slot.offered = false;
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut accepted = decode(data).then_some(data);
    let fixed = data.len().checked_sub(SUM).map(|n| seal(&data[..n]));
    if let Some(fixed) = fixed.as_deref().filter(|f| *f != data) {
        if decode(fixed) {
            accepted = Some(fixed);
        }
    }
    replay(data, accepted);
});
