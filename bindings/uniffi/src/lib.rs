//! jejak in native apps: the engine behind a UniFFI interface, for Kotlin
//! (Android), Swift (iOS), Python and React Native.
//!
//! # Overview
//!
//! A [`Screener`] screens one payment's metadata against the default pack
//! (compiled in) or a signed pack image, and returns the verdict:
//!
//! * [`Screener::screen_json`] takes a transaction as JSON text and returns
//!   the full verdict as JSON text, byte for byte what
//!   `JSON.stringify(new Screener().screen(tx))` gives in the npm package;
//! * [`Screener::screen`] returns it as typed records ([`Verdict`], [`Flag`],
//!   [`Source`], [`Evidence`]);
//! * [`Screener::screen_with_history`] screens with the payer's and the
//!   payee's history, given and returned as opaque state bytes the host
//!   stores under each account;
//! * [`Screener::explain`] turns a compact verdict into the full one.
//!
//! Every error is a [`JejakError`] with the engine's stable `code`, the
//! JSON pointer `path` of the value at fault and the `text` that explains
//! it (not `message`, which Kotlin's `Throwable` already has).
//!
//! # Untrusted input
//!
//! What a payer types (memo, names, descriptors) is always screened,
//! however malformed; structural fields are refused with a typed error. The
//! binding is built with `panic = "unwind"` (the Makefile's `native`
//! profile), so a panic, which the engine is tested never to raise on
//! input, would reach the app as an exception instead of ending it.

use std::sync::Arc;

uniffi::setup_scaffolding!();

/// Why a call failed.
#[derive(Debug, uniffi::Error)]
pub enum JejakError {
    /// The engine refused the input: `code` is stable (`invalid_transaction`,
    /// `invalid_option`, `invalid_pack`, `invalid_state`, `invalid_verdict`,
    /// `limit_exceeded`, …), `path` the JSON pointer of the value at fault
    /// (empty for the whole input) and `text` a sentence that names the
    /// value or limit.
    Refused { code: String, path: String, text: String },
}

impl std::fmt::Display for JejakError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let JejakError::Refused { code, path, text } = self;
        write!(f, "{code} at {path}: {text}")
    }
}

impl std::error::Error for JejakError {}

impl From<jejak::Error> for JejakError {
    fn from(e: jejak::Error) -> Self {
        JejakError::Refused { code: e.code().to_string(), path: e.path().to_string(), text: e.message().to_string() }
    }
}

/// A verdict's level, by the pack's thresholds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum Level {
    None,
    Low,
    Review,
    High,
}

impl From<jejak::Level> for Level {
    fn from(level: jejak::Level) -> Self {
        match level {
            jejak::Level::None => Level::None,
            jejak::Level::Low => Level::Low,
            jejak::Level::Review => Level::Review,
            jejak::Level::High => Level::High,
        }
    }
}

/// A publisher's document an indicator cites.
#[derive(Clone, Debug, uniffi::Record)]
pub struct Source {
    /// The publisher's own reference, e.g. `AUSTRAC-CSE-01`, when the pack
    /// gives one.
    pub reference: Option<String>,
    pub publisher: String,
    pub title: String,
    pub year: u16,
    pub url: String,
}

/// One observed fact behind a flag: its kind (`memoTerm`, `amountRange`,
/// `history`, …) and the evidence as the JSON object the npm package gives
/// (spans, values against thresholds).
#[derive(Clone, Debug, uniffi::Record)]
pub struct Evidence {
    pub kind: String,
    pub json: String,
}

/// An indicator that fired.
#[derive(Clone, Debug, uniffi::Record)]
pub struct Flag {
    pub indicator: String,
    pub title: String,
    pub category: String,
    pub weight: u8,
    pub sources: Vec<Source>,
    /// A sentence in the screener's locale, filled from the evidence.
    pub explanation: String,
    pub evidence: Vec<Evidence>,
}

/// A full verdict as typed records.
#[derive(Clone, Debug, uniffi::Record)]
pub struct Verdict {
    pub transaction_id: Option<String>,
    pub score: u8,
    pub level: Level,
    pub flags: Vec<Flag>,
    /// The pack's id, version and digest (SHA-256 of its canonical JSON).
    pub pack_id: String,
    pub pack_version: String,
    pub pack_digest: String,
    pub engine: String,
}

/// A verdict with history, and the accounts' states after the payment:
/// store each under its account id (absent when the transaction has none).
#[derive(Clone, Debug, uniffi::Record)]
pub struct Screened {
    /// The verdict as JSON text, in the screener's verdict form.
    pub verdict_json: String,
    pub sender_state: Option<Vec<u8>>,
    pub receiver_state: Option<Vec<u8>>,
}

/// Screens payments. Immutable and shared: one per app, from any thread.
#[derive(uniffi::Object)]
pub struct Screener {
    inner: jejak::Screener,
}

#[uniffi::export]
impl Screener {
    /// The default pack and options. (It cannot fail: the default pack is
    /// checked when the crate builds. The error is there so that nothing in
    /// the binding can panic.)
    #[uniffi::constructor]
    pub fn new() -> Result<Arc<Screener>, JejakError> {
        Ok(Arc::new(Screener { inner: builder().build()? }))
    }

    /// The default pack with options as JSON text, the npm package's
    /// options object (`{"locale": "id", "historyKey": "…"}`).
    #[uniffi::constructor]
    pub fn with_options(options_json: String) -> Result<Arc<Screener>, JejakError> {
        let inner = builder().options_json(&options_json)?.build()?;
        Ok(Arc::new(Screener { inner }))
    }

    /// A signed pack image (`npx jejak compile`, then `sign`), checked
    /// against the publisher's public key (`ed25519:…`), with options as
    /// JSON text or `None`.
    #[uniffi::constructor]
    pub fn from_signed_image(
        bytes: Vec<u8>,
        public_key: String,
        options_json: Option<String>,
    ) -> Result<Arc<Screener>, JejakError> {
        let mut trust = jejak::signed::Trust::new();
        trust.key(&public_key)?;
        let mut builder = builder();
        if let Some(options) = &options_json {
            builder.options_json(options)?;
        }
        let inner = builder.signed_pack(&bytes, &trust)?.build()?;
        Ok(Arc::new(Screener { inner }))
    }

    /// The pack's SHA-256 digest, as verdicts carry it.
    pub fn pack_digest(&self) -> String {
        self.inner.pack().digest().to_string()
    }

    /// Screens a transaction given as JSON text and returns the full
    /// verdict as JSON text (`screenJson` in Kotlin and TypeScript).
    pub fn screen_json(&self, transaction_json: String) -> Result<String, JejakError> {
        let tx = self.inner.parse(&transaction_json)?;
        Ok(self.inner.screen_to_json(&tx)?)
    }

    /// Screens a transaction given as JSON text; the verdict as records.
    pub fn screen(&self, transaction_json: String) -> Result<Verdict, JejakError> {
        let verdict = self.inner.screen_json(&transaction_json)?;
        Ok(records(&verdict))
    }

    /// Screens with history: each account's state as the last call
    /// returned it (`None` for an account not seen before).
    pub fn screen_with_history(
        &self,
        transaction_json: String,
        sender_state: Option<Vec<u8>>,
        receiver_state: Option<Vec<u8>>,
    ) -> Result<Screened, JejakError> {
        let tx = self.inner.parse(&transaction_json)?;
        let screened = self.inner.screen_with_history_bytes(&tx, sender_state.as_deref(), receiver_state.as_deref())?;
        Ok(Screened {
            verdict_json: screened.verdict,
            sender_state: screened.sender.map(|s| s.to_bytes()),
            receiver_state: screened.receiver.map(|s| s.to_bytes()),
        })
    }

    /// The full verdict, as JSON text, of a compact (or full) verdict of
    /// this screener's pack, in its locale.
    pub fn explain(&self, verdict_json: String) -> Result<String, JejakError> {
        Ok(self.inner.explain_json(&verdict_json, None)?)
    }
}

/// A builder with the npm package's defaults: evidence offsets in UTF-16
/// code units, as Kotlin's, Swift's `NSString`'s and JavaScript's strings
/// count (`{"offsets": "utf8"}` in the options for Rust-style byte offsets).
fn builder() -> jejak::ScreenerBuilder {
    let mut builder = jejak::Screener::builder();
    builder.offsets(jejak::Offsets::Utf16);
    builder
}

fn records(verdict: &jejak::Verdict) -> Verdict {
    let flags = verdict
        .flags
        .iter()
        .map(|f| Flag {
            indicator: f.indicator.to_string(),
            title: f.title.to_string(),
            category: f.category.as_str().to_string(),
            weight: f.weight,
            sources: f
                .sources
                .iter()
                .map(|s| Source {
                    reference: s.reference.clone(),
                    publisher: s.publisher.clone(),
                    title: s.title.clone(),
                    year: s.year,
                    url: s.url.clone(),
                })
                .collect(),
            explanation: f.explanation.clone(),
            evidence: f.evidence.iter().map(evidence).collect(),
        })
        .collect();
    Verdict {
        transaction_id: verdict.transaction_id.clone(),
        score: verdict.score,
        level: verdict.level.into(),
        flags,
        pack_id: verdict.pack.id.clone(),
        pack_version: verdict.pack.version.clone(),
        pack_digest: verdict.pack.digest.clone(),
        engine: verdict.engine.to_string(),
    }
}

fn evidence(e: &jejak::Evidence) -> Evidence {
    let json = e.to_json();
    Evidence { kind: e.kind().to_string(), json }
}
