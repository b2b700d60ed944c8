//! The WebAssembly binding of jejak, the npm package's two modules: built
//! without the feature `tools`, the runtime (`jejak`); with it, the pack
//! tools (`jejak/tools`). The only crate that names wasm-bindgen and
//! js-sys, compiled only for wasm32 (on the host it is empty). It stays thin: the hot path (`packed.rs`) reads a transaction the
//! package wrote into the module's memory and leaves the verdict as numbers
//! and offsets; every other export takes a JS value, turns it into JSON
//! text, calls the core, and hands back JSON-parsed results or a
//! `JejakError` (docs/DESIGN.md, "The JavaScript boundary").
//!
//! Why JSON text off the hot path: `JSON.stringify` and `JSON.parse` are the
//! fastest general way V8 and friends have to move a whole object across,
//! and the core already parses JSON with exact error paths. Walking objects
//! field by field through the boundary would cost a call per field. Two
//! things JSON cannot carry are handled on a slow path: BigInt amounts
//! (stringify throws, so we walk the value and keep every digit) and
//! non-finite numbers (stringify would turn `NaN` into `null` and hide the
//! mistake, so we pass their names and the core reports them).

#![cfg(target_arch = "wasm32")]

mod packed;

use jejak::{Error, ErrorKind, Screener as Core, ScreenerBuilder};
use js_sys::{Array, JSON};

use jejak::binding;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(inline_js = "
// One class for both modules of the package (the runtime and the pack
// tools each carry this snippet), so that `instanceof JejakError` holds
// whichever module threw.
export const JejakError = (globalThis[Symbol.for('jejak.JejakError')] ??= class JejakError extends Error {
  constructor(code, path, message) {
    super(message);
    this.name = 'JejakError';
    this.code = code;
    this.path = path;
  }
});
export function errorClass() { return JejakError; }
const special = (v) => typeof v === 'bigint' || (typeof v === 'number' && !Number.isFinite(v));
// A BigInt as its digits, NaN and the infinities as strings the core rejects
// by name; everything else as JSON.stringify writes it.
function write(v, depth) {
  if (depth > 128) throw new RangeError('too deep');
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' && !Number.isFinite(v)) return JSON.stringify(String(v));
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (typeof v.toJSON === 'function') return write(v.toJSON(), depth);
  if (Array.isArray(v)) return `[${v.map((x) => write(x, depth + 1) ?? 'null').join(',')}]`;
  const parts = [];
  for (const k of Object.keys(v)) {
    const s = write(v[k], depth + 1);
    if (s !== undefined) parts.push(`${JSON.stringify(k)}:${s}`);
  }
  return `{${parts.join(',')}}`;
}
export function memoUnits(tx) {
  try {
    const memo = tx !== null && typeof tx === 'object' ? tx.memo : undefined;
    return typeof memo === 'string' ? memo.length : 0;
  } catch {
    return 0;
  }
}
// Evidence text and the transaction id as the host's own strings: the core
// reads a lone surrogate as U+FFFD (one UTF-16 unit for one, so offsets are
// exact), and this puts the original units back. Called only for verdicts
// that hold U+FFFD.
export function restoreText(tx, verdict) {
  try {
    if (typeof tx === 'string') tx = JSON.parse(tx);
    if (typeof tx?.id === 'string') verdict.transactionId = tx.id;
    for (const flag of verdict.flags) {
      for (const e of flag.evidence) {
        if (typeof e.text !== 'string' || typeof e.start !== 'number') continue;
        const value = e.field.split('.').reduce((o, k) => (o == null ? undefined : o[k]), tx);
        if (typeof value === 'string') e.text = value.slice(e.start, e.end);
      }
    }
  } catch {
    // The verdict stays as the core wrote it (U+FFFD in place of the unit).
  }
  return verdict;
}
export function restoreFrom(given, verdict) {
  try {
    if (typeof given?.transactionId === 'string') verdict.transactionId = given.transactionId;
    verdict.flags.forEach((flag, i) => {
      flag.evidence.forEach((e, j) => {
        const text = given.flags[i]?.evidence?.[j]?.text;
        if (typeof e.text === 'string' && typeof text === 'string') e.text = text;
      });
    });
  } catch {
  }
  return verdict;
}
const kindOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`);
// Bytes given to the module (history states, signed packs): a Uint8Array (a
// Node Buffer is one), checked by its tag too, so one from another realm passes.
const isBytes = (v) => v instanceof Uint8Array || Object.prototype.toString.call(v) === '[object Uint8Array]';
// The states given to screenWithHistory: undefined, or bytes.
export function stateBytes(states, key) {
  if (states === undefined || states === null) return undefined;
  if (typeof states !== 'object') {
    throw new JejakError('invalid_state', '', `expected { sender, receiver } states, found ${kindOf(states)}`);
  }
  const v = states[key];
  if (v === undefined || v === null) return undefined;
  if (!isBytes(v)) {
    throw new JejakError('invalid_state', `/${key}`, `expected a Uint8Array (the bytes screenWithHistory returned), found ${kindOf(v)}`);
  }
  return v;
}
// The bytes of a signed pack or delta.
export function signedBytes(v) {
  if (!isBytes(v)) {
    throw new JejakError('invalid_pack', '', `expected the signed bytes as a Uint8Array, found ${kindOf(v)}`);
  }
  return v;
}
export function historyResult(tx, json, restore, sender, receiver) {
  const verdict = JSON.parse(json);
  const out = { verdict: restore ? restoreText(tx, verdict) : verdict };
  if (sender !== undefined) out.sender = sender;
  if (receiver !== undefined) out.receiver = receiver;
  return out;
}
export function restoreRows(txs, results, rows) {
  for (const i of rows) restoreText(txs[i], results[i].verdict);
  return results;
}
export function jsonText(value) {
  try {
    // The common case first: JSON.stringify without a replacer is about
    // twice as fast. It throws on a BigInt and writes NaN and Infinity as
    // null, so text without 'null' has none of them; anything else takes
    // the careful path below.
    let text;
    try {
      text = JSON.stringify(value);
    } catch {
      text = undefined;
    }
    if (typeof text === 'string' && !text.includes('null')) return text;
    let seen = false;
    text = JSON.stringify(value, (_, v) => (special(v) ? ((seen = true), null) : v));
    return seen ? write(value, 0) : typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}
")]
extern "C" {
    type JejakError;
    #[wasm_bindgen(constructor)]
    fn new(code: &str, path: &str, message: &str) -> JejakError;
    #[wasm_bindgen(js_name = errorClass)]
    fn error_class() -> JsValue;
    /// JSON text for a JS value, keeping BigInt digits (JSON.stringify
    /// throws on them) and naming NaN and the infinities (it would write
    /// `null`, which reads as absent); None for a cycle or too deep a value.
    /// All of it happens in JS: exceptions caught on the Rust side leaked one
    /// externref table slot each (measured: the wasm memory and the JS heap
    /// grew by about 10 bytes a call), and walking values field by field from
    /// Rust cost a boundary crossing per field.
    #[wasm_bindgen(js_name = jsonText)]
    fn json_text(value: &JsValue) -> Option<String>;
    /// Puts the host's own strings back into a verdict's evidence text and
    /// transaction id where the core read a lone surrogate as U+FFFD.
    #[wasm_bindgen(js_name = restoreText)]
    fn restore_text(tx: &JsValue, verdict: JsValue) -> JsValue;
    /// `restoreText` for `explain`: the text of the verdict it was given.
    #[wasm_bindgen(js_name = restoreFrom)]
    fn restore_from(given: &JsValue, verdict: JsValue) -> JsValue;
    /// `restoreText` for the verdicts at `rows` of a `screenMany` result.
    #[wasm_bindgen(js_name = restoreRows)]
    fn restore_rows(txs: &JsValue, results: JsValue, rows: Vec<u32>) -> JsValue;
    /// The `sender` or `receiver` state of `screenWithHistory`'s second
    /// argument, checked to be a `Uint8Array` (throws `invalid_state`).
    #[wasm_bindgen(catch, js_name = stateBytes)]
    fn state_bytes(states: &JsValue, key: &str) -> Result<Option<Vec<u8>>, JsValue>;
    /// `screenWithHistory`'s result object from the verdict's JSON and the
    /// states' bytes.
    #[wasm_bindgen(catch, js_name = signedBytes)]
    fn signed_bytes(v: &JsValue) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(js_name = historyResult)]
    fn history_result(
        tx: &JsValue,
        json: &str,
        restore: bool,
        sender: Option<Vec<u8>>,
        receiver: Option<Vec<u8>>,
    ) -> JsValue;
    /// The memo's length in UTF-16 code units (0 when there is none).
    #[wasm_bindgen(js_name = memoUnits)]
    fn memo_units(tx: &JsValue) -> f64;
}

/// `restoreVerdictText(tx, verdict)`: the host's own UTF-16 units back in a
/// verdict's evidence text where the core read a lone surrogate as U+FFFD
/// (the package calls it for a packed verdict whose header says so).
#[wasm_bindgen(js_name = restoreVerdictText)]
pub fn restore_verdict_text(tx: JsValue, verdict: JsValue) -> JsValue {
    restore_text(&tx, verdict)
}

/// The `JejakError` class, for the package entry files to re-export.
#[wasm_bindgen(js_name = jejakErrorClass)]
pub fn jejak_error_class() -> JsValue {
    error_class()
}

/// The engine (crate) version.
#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    jejak::ENGINE_VERSION.to_string()
}

/// The size of the module's linear memory in bytes, for monitoring: it grows
/// to the largest working set seen and never shrinks, so a steady value over
/// many screens means no leak.
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65_536) as f64
}

/// `setDefaultPack(image)`: the default pack's image, which the package
/// ships beside the module (`dist/default-pack.jjk`); every entry calls it
/// once when it loads the module. Accepts only the image whose SHA-256 the
/// module was built with (throws `invalid_pack` otherwise).
#[wasm_bindgen(js_name = setDefaultPack)]
pub fn set_default_pack(image: &[u8]) -> Result<(), JsValue> {
    binding::provide(image).map_err(|e| throw(&e))
}

#[cfg(feature = "tools")]
/// `compilePack(pack, options?)`: the pack's image (`Pack::to_image`),
/// which `new Screener(image)` reads without JSON.
#[wasm_bindgen(js_name = compilePack)]
pub fn compile_pack(pack: JsValue, options: JsValue) -> Result<Vec<u8>, JsValue> {
    let compile = || -> Result<Vec<u8>, Error> {
        let limits = builder(&options)?.get_pack_limits();
        jejak::Pack::from_json_with_limits(&to_json(&pack, ErrorKind::InvalidPack)?, limits)?.to_image()
    };
    compile().map_err(|e| throw(&e))
}

fn throw(e: &Error) -> JsValue {
    JejakError::new(e.code(), e.path(), e.message()).into()
}

/// JSON text for a JS value: strings are taken as JSON text already.
fn to_json(value: &JsValue, kind: ErrorKind) -> Result<String, Error> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    if value.is_undefined() || value.is_function() || value.is_symbol() {
        return Err(binding::error(kind, "", format!("expected an object, found {}", js_type(value))));
    }
    json_text(value).ok_or_else(|| {
        binding::error(kind, "", "the value cannot be written as JSON: it refers to itself or nests too deeply")
    })
}

fn js_type(v: &JsValue) -> &'static str {
    if v.is_undefined() {
        "undefined"
    } else if v.is_function() {
        "a function"
    } else {
        "a symbol"
    }
}

/// Options given as a JS value (`undefined` or `null`: none) as JSON text.
fn options_text(options: &JsValue) -> Result<Option<String>, Error> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    to_json(options, ErrorKind::InvalidOption).map(Some)
}

/// A builder with the JS options applied.
fn builder(options: &JsValue) -> Result<ScreenerBuilder, Error> {
    binding::js_options(options_text(options)?.as_deref())
}

/// The trust options (`trustedKeys`, `minVersion`, `now`, with `now`
/// defaulting to `Date.now()`) and a builder with the other options.
fn trust(options: &JsValue) -> Result<(jejak::signed::Trust, ScreenerBuilder), Error> {
    binding::js_trust_and_options(options_text(options)?.as_deref(), js_sys::Date::now() as u64)
}

/// The trust options of a call that takes no other option.
fn trust_only(options: &JsValue, call: &str) -> Result<jejak::signed::Trust, Error> {
    binding::js_trust_only(options_text(options)?.as_deref(), js_sys::Date::now() as u64, call)
}

/// `verifySigned(bytes, { trustedKeys, minVersion, now })`: checks a signed
/// pack or delta as a host would (`npx jejak verify`) and returns `{ kind,
/// id, version, from? }`; throws the refusal's `JejakError`.
#[wasm_bindgen(js_name = verifySigned)]
pub fn verify_signed(bytes: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let bytes = signed_bytes(&bytes)?;
    let v = trust_only(&options, "verifySigned")
        .and_then(|trust| jejak::signed::verify(&bytes, &trust))
        .map_err(|e| throw(&e))?;
    JSON::parse(&binding::verified_json(&v))
}

/// `explain`'s options: `{ locale }` or nothing.
fn explain_locale(options: &JsValue) -> Result<Option<jejak::Locale>, Error> {
    binding::explain_locale(options_text(options)?.as_deref())
}

/// A pack given as an object or JSON text, loaded by the pack tools.
#[cfg(feature = "tools")]
fn json_pack(pack: &JsValue, limits: jejak::PackLimits) -> Result<jejak::Pack, Error> {
    jejak::Pack::from_json_with_limits(&to_json(pack, ErrorKind::InvalidPack)?, limits)
}

/// The runtime reads images only: the package's entries compile a JSON
/// pack with the tools module first.
#[cfg(not(feature = "tools"))]
fn json_pack(_: &JsValue, _: jejak::PackLimits) -> Result<jejak::Pack, Error> {
    Err(binding::error(
        ErrorKind::InvalidPack,
        "",
        "this module reads pack images only; a pack given as JSON needs the pack tools: import 'jejak/tools' first",
    ))
}

/// `signedHoldsJson(bytes)`: whether signed bytes carry JSON (a pack or a
/// delta, which the pack tools read) rather than an image (which this
/// module reads). Nothing is verified here.
#[wasm_bindgen(js_name = signedHoldsJson)]
pub fn signed_holds_json(bytes: &[u8]) -> bool {
    jejak::signed::holds_json(bytes)
}

/// `signPack(pack, secretKey, validUntil?)`: the signed bytes of a pack
/// (JSON text, which must load, or an image, which must read) or a delta,
/// with the secret key's text (`ed25519-secret:…`); `validUntil` is the last
/// valid day, `YYYY-MM-DD` (`npx jejak sign`).
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = signPack)]
pub fn sign_pack(pack: &[u8], secret_key: &str, valid_until: Option<String>) -> Result<Vec<u8>, JsValue> {
    let sign = || -> Result<Vec<u8>, Error> {
        let key = jejak::signed::SecretKey::parse(secret_key)?;
        if binding::is_image(pack) {
            return jejak::signed::sign_image(pack, &key, valid_until.as_deref());
        }
        let text = std::str::from_utf8(pack)
            .map_err(|_| binding::error(ErrorKind::InvalidPack, "", "the pack is neither an image nor UTF-8 JSON"))?;
        jejak::signed::sign(text, &key, valid_until.as_deref())
    };
    sign().map_err(|e| throw(&e))
}

/// `publicKeyOf(secretKey)`: the public key's text (`ed25519:…`) of a
/// secret key's text.
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = publicKeyOf)]
pub fn public_key_of(secret_key: &str) -> Result<String, JsValue> {
    jejak::signed::SecretKey::parse(secret_key).map(|k| k.public_text()).map_err(|e| throw(&e))
}

/// `timestampKey(text)`: a key that sorts timestamps by their instant (the
/// engine's reading of RFC 3339, to the fraction of a second); `undefined`
/// for text the engine does not read as a timestamp (`jejak/replay` and
/// `jejak screen --history` order payments by it).
#[wasm_bindgen(js_name = timestampKey)]
pub fn timestamp_key(text: &str) -> Option<String> {
    jejak::Timestamp::parse(text).map(|t| t.sort_key())
}

/// `hashTermList(terms, salt)`: a hashed term list's JSON text of
/// `[{ id, term, lang?, validated? }]` (`jejak::hash_term_list`).
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = hashTermList)]
pub fn hash_term_list(terms: JsValue, salt: &str) -> Result<String, JsValue> {
    to_json(&terms, ErrorKind::InvalidOption).and_then(|t| jejak::hash_term_list(&t, salt)).map_err(|e| throw(&e))
}

/// `hashWatchlist(ids, kind, salt, country?)`: a watchlist's JSON text of
/// identifiers (`jejak::hash_watchlist`).
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = hashWatchlist)]
pub fn hash_watchlist(ids: JsValue, kind: &str, salt: &str, country: Option<String>) -> Result<String, JsValue> {
    to_json(&ids, ErrorKind::InvalidOption)
        .and_then(|t| jejak::hash_watchlist(&t, kind, salt, country.as_deref()))
        .map_err(|e| throw(&e))
}

/// `{ json, image }` of a pack: its canonical JSON and its image.
#[cfg(feature = "tools")]
fn json_and_image(pack: &jejak::Pack) -> Result<JsValue, Error> {
    let image = pack.to_image()?;
    let out = js_sys::Object::new();
    let json = JsValue::from_str(&pack.canonical_json().unwrap_or_default());
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &JsValue::from_str(k), v);
    if set("json", &json).is_err() || set("image", &js_sys::Uint8Array::from(&image[..]).into()).is_err() {
        return Err(binding::error(ErrorKind::InvalidPack, "", "the result object cannot be written"));
    }
    Ok(out.into())
}

/// `openSigned(bytes, trustOptions, options)`: a signed JSON pack checked
/// against the trust options and loaded with the screener options' pack
/// limits, as `{ json, image }` (the package's `Screener.fromSignedPack`).
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = openSigned)]
pub fn open_signed(bytes: JsValue, trust_options: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let bytes = signed_bytes(&bytes)?;
    let open = || -> Result<JsValue, Error> {
        let trust = trust_only(&trust_options, "fromSignedPack")?;
        let limits = builder(&options)?.get_pack_limits();
        json_and_image(&jejak::Pack::from_signed_with_limits(&bytes, &trust, limits)?)
    };
    open().map_err(|e| throw(&e))
}

/// `applyDeltaTo(pack, bytes, trustOptions, options)`: the pack a signed
/// delta makes of `pack` (an object or JSON text), as `{ json, image }` (the package's
/// `screener.applyDelta`).
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = applyDeltaTo)]
pub fn apply_delta_to(
    pack: JsValue,
    bytes: JsValue,
    trust_options: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = signed_bytes(&bytes)?;
    let apply = || -> Result<JsValue, Error> {
        let trust = trust_only(&trust_options, "applyDelta")?;
        let limits = builder(&options)?.get_pack_limits();
        let base = json_pack(&pack, limits)?;
        json_and_image(&base.apply_delta_with_limits(&bytes, &trust, limits)?)
    };
    apply().map_err(|e| throw(&e))
}

/// Gives `builder` the pack `pack`: an image (a `Uint8Array`), a pack
/// object or JSON text (the tools read it), or the default pack for
/// `undefined` and `null`. In place and inlined: the runtime has one
/// caller, and a call of its own, or the builder moved through a `Result`,
/// cost the module up to 181 bytes.
#[inline(always)]
fn with_pack(pack: &JsValue, builder: &mut ScreenerBuilder) -> Result<(), Error> {
    if let Some(image) = pack.dyn_ref::<js_sys::Uint8Array>() {
        let pack = jejak::Pack::from_image_with_limits(&image.to_vec(), builder.get_pack_limits())?;
        builder.pack(pack);
    } else if !pack.is_undefined() && !pack.is_null() {
        builder.pack(json_pack(pack, builder.get_pack_limits())?);
    }
    Ok(())
}

/// Screens transactions against an indicator pack.
#[wasm_bindgen]
pub struct Screener {
    core: Core,
}

#[wasm_bindgen]
impl Screener {
    /// `new Screener(pack?, options?)`: `pack` is a pack object or JSON
    /// text, or a pack image (a `Uint8Array`; `undefined` or `null`: the
    /// default pack); `options` is
    /// `{ locale, maxMemoBytes, maxTextBytes, maxBatch, maxPackBytes,
    /// maxPackIndicators, maxPackTerms, maxConditionDepth, historyKey }`.
    #[wasm_bindgen(constructor)]
    pub fn new(pack: JsValue, options: JsValue) -> Result<Screener, JsValue> {
        Screener::build(&pack, &options).map_err(|e| throw(&e))
    }

    /// `Screener.fromSignedPack(bytes, { trustedKeys, minVersion, now,
    /// ...options })`: a screener over a signed pack (`npx jejak sign`),
    /// checked against the trusted keys; `now` (ms since 1970, default
    /// `Date.now()`) is what `validUntil` is checked against.
    #[wasm_bindgen(js_name = fromSignedPack)]
    pub fn from_signed_pack(bytes: JsValue, options: JsValue) -> Result<Screener, JsValue> {
        let bytes = signed_bytes(&bytes)?;
        let build = || -> Result<Screener, Error> {
            let (trust, mut builder) = trust(&options)?;
            builder.signed_pack(&bytes, &trust)?;
            Ok(Screener { core: builder.build()? })
        };
        build().map_err(|e| throw(&e))
    }

    fn build(pack: &JsValue, options: &JsValue) -> Result<Screener, Error> {
        let mut builder = builder(options)?;
        with_pack(pack, &mut builder)?;
        Ok(Screener { core: builder.build()? })
    }

    /// `usePack(image)`: screens with this pack from now on, the options
    /// kept (how the package applies a delta: the tools make the new
    /// image). The swap is atomic: on any error the pack in use stays.
    #[wasm_bindgen(js_name = usePack)]
    pub fn use_pack(&mut self, image: &[u8]) -> Result<JsValue, JsValue> {
        self.core = self.core.with_pack_image(image).map_err(|e| throw(&e))?;
        JSON::parse(&binding::pack_json(self.core.pack()))
    }

    /// Screens one transaction; throws `JejakError` on bad input.
    pub fn screen(&self, tx: JsValue) -> Result<JsValue, JsValue> {
        match self.screen_text(&tx) {
            Ok(json) if binding::has_replacement(&json) => Ok(restore_text(&tx, JSON::parse(&json)?)),
            Ok(json) => JSON::parse(&json),
            Err(e) => Err(throw(&e)),
        }
    }

    fn screen_text(&self, tx: &JsValue) -> Result<String, Error> {
        self.core.screen_to_json(&self.parse(tx)?)
    }

    /// Reads a transaction given as an object or JSON text.
    fn parse(&self, tx: &JsValue) -> Result<jejak::Transaction, Error> {
        // A memo longer in UTF-16 units than the byte limit is longer in
        // UTF-8 bytes too: refuse it before copying it into wasm memory.
        // A length, so whole and finite; as an integer it also keeps f64
        // formatting (20 KB) out of the module.
        let units = memo_units(tx) as usize;
        if units > self.core.max_memo_bytes() {
            return Err(binding::error(
                ErrorKind::LimitExceeded,
                "/memo",
                format!(
                    "memo is {units} UTF-16 code units, more than the limit of {} bytes (maxMemoBytes)",
                    self.core.max_memo_bytes()
                ),
            ));
        }
        let text = to_json(tx, ErrorKind::InvalidTransaction)?;
        self.core.parse(&text)
    }

    /// `screenWithHistory(tx, { sender, receiver })`: the verdict with
    /// history flags and the accounts' states after the payment.
    #[wasm_bindgen(js_name = screenWithHistory)]
    pub fn screen_with_history(&self, tx: JsValue, states: JsValue) -> Result<JsValue, JsValue> {
        // The states are read and checked in JavaScript (stateBytes), and
        // the result object is built there (historyResult): one call each
        // way keeps the glue small.
        let sender = state_bytes(&states, "sender")?;
        let receiver = state_bytes(&states, "receiver")?;
        let screened = self
            .parse(&tx)
            .and_then(|t| self.core.screen_with_history_bytes(&t, sender.as_deref(), receiver.as_deref()))
            .map_err(|e| throw(&e))?;
        let restore = binding::has_replacement(&screened.verdict);
        Ok(history_result(
            &tx,
            &screened.verdict,
            restore,
            screened.sender.map(|s| s.to_bytes()),
            screened.receiver.map(|s| s.to_bytes()),
        ))
    }

    /// The full verdict of a compact (or full) verdict, in the screener's
    /// locale or `options.locale`.
    pub fn explain(&self, verdict: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let explained = explain_locale(&options).and_then(|locale| {
            let text = to_json(&verdict, ErrorKind::InvalidVerdict)?;
            self.core.explain_json(&text, locale)
        });
        match explained {
            // The host's own UTF-16 units back in place of U+FFFD, as
            // screen does (the verdict given holds them, in the same order).
            Ok(json) if binding::has_replacement(&json) && verdict.is_object() => {
                Ok(restore_from(&verdict, JSON::parse(&json)?))
            }
            Ok(json) => JSON::parse(&json),
            Err(e) => Err(throw(&e)),
        }
    }

    /// `make bench` only (feature `bench-boundary`): the compact verdict
    /// built as a JS object by serde-wasm-bindgen instead of JSON text, to
    /// measure which boundary is faster (docs/DESIGN.md).
    #[cfg(feature = "bench-boundary")]
    #[wasm_bindgen(js_name = screenCompactObject)]
    pub fn screen_compact_object(&self, tx: JsValue) -> Result<JsValue, JsValue> {
        let compact = self.parse(&tx).and_then(|t| self.core.screen_compact(&t)).map_err(|e| throw(&e))?;
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        serde::Serialize::serialize(&compact, &serializer).map_err(JsValue::from)
    }

    /// Screens many transactions. Never throws for a bad row: each result is
    /// `{ ok: true, verdict }` or `{ ok: false, error: { code, path, message } }`.
    /// Throws only when `txs` is not an array (`invalid_transaction`) or has
    /// more than `maxBatch` elements (`limit_exceeded`).
    #[wasm_bindgen(js_name = screenMany)]
    pub fn screen_many(&self, txs: JsValue) -> Result<JsValue, JsValue> {
        if !Array::is_array(&txs) {
            let e = binding::error(ErrorKind::InvalidTransaction, "", "screenMany expects an array of transactions");
            return Err(throw(&e));
        }
        let arr = Array::unchecked_from_js_ref(&txs);
        if arr.length() as usize > self.core.max_batch() {
            let e = binding::error(
                ErrorKind::LimitExceeded,
                "",
                format!(
                    "screenMany got {} transactions, more than the limit of {} (maxBatch)",
                    arr.length(),
                    self.core.max_batch()
                ),
            );
            return Err(throw(&e));
        }
        let mut out = String::from("[");
        let mut restore = Vec::new();
        for (i, tx) in arr.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            match self.screen_text(&tx) {
                Ok(verdict) => {
                    if binding::has_replacement(&verdict) {
                        restore.push(i as u32);
                    }
                    out.push_str("{\"ok\":true,\"verdict\":");
                    out.push_str(&verdict);
                    out.push('}');
                }
                Err(e) => {
                    out.push_str("{\"ok\":false,\"error\":");
                    out.push_str(&binding::error_json(&e));
                    out.push('}');
                }
            }
        }
        out.push(']');
        let results = JSON::parse(&out)?;
        Ok(if restore.is_empty() { results } else { restore_rows(&txs, results, restore) })
    }

    /// The most transactions one `screenMany` takes (`maxBatch`).
    #[wasm_bindgen(getter, js_name = maxBatch)]
    pub fn max_batch(&self) -> usize {
        self.core.max_batch()
    }

    /// `{ low, review, high, cap }`: the pack's level thresholds and score
    /// cap (what a page draws its score charts with).
    #[wasm_bindgen(getter)]
    pub fn thresholds(&self) -> Result<JsValue, JsValue> {
        JSON::parse(&binding::thresholds_json(&self.core))
    }

    /// `{ id, version, digest, indicators }` of the pack in use.
    #[wasm_bindgen(getter)]
    pub fn pack(&self) -> Result<JsValue, JsValue> {
        JSON::parse(&binding::pack_json(self.core.pack()))
    }
}

/// Validates a pack without building a screener, with the same limits as
/// `new Screener(pack, options)` (`maxPackBytes`, `maxPackIndicators`,
/// `maxPackTerms`, `maxConditionDepth`): `{ ok: true, pack: {...} }` or
/// `{ ok: false, error: { code, path, message } }`. Throws only for bad
/// options, as the constructor does.
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = validatePack)]
pub fn validate_pack(pack: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let limits = builder(&options).map_err(|e| throw(&e))?.get_pack_limits();
    let result = to_json(&pack, ErrorKind::InvalidPack).and_then(|t| jejak::Pack::from_json_with_limits(&t, limits));
    JSON::parse(&binding::validation_json(result))
}

/// `signablePayload(json)`: `{ kind, text }`, what `npx jejak sign` signs
/// for a pack or delta (its canonical JSON); throws `JejakError` when the
/// pack does not load or the delta is malformed.
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = signablePayload)]
pub fn signable_payload(json: JsValue) -> Result<JsValue, JsValue> {
    let out = to_json(&json, ErrorKind::InvalidPack).and_then(|t| binding::signable_json(&t)).map_err(|e| throw(&e))?;
    JSON::parse(&out)
}

/// `termForms(term)`: the normalized forms of a term that a hashed term
/// list holds hashes of (docs/PACKS.md, "Restricted vocabularies"); `npx
/// jejak hash-terms` hashes them. Throws `invalid_option` for a term with
/// nothing left after normalization.
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = termForms)]
pub fn term_forms(term: &str) -> Result<Array, JsValue> {
    let forms = binding::term_forms(term).map_err(|e| throw(&e))?;
    Ok(forms.iter().map(|f| JsValue::from_str(f)).collect())
}

/// `normalizeIdentifier(kind, id, country?)`: an identifier as a watchlist
/// of `kind` hashes it (docs/PACKS.md, "Watchlists"), or `undefined` when
/// it cannot be normalized; `npx jejak hash-ids` hashes it. Throws
/// `invalid_option` for an unknown kind or country.
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = normalizeIdentifier)]
pub fn normalize_identifier(kind: &str, id: &str, country: Option<String>) -> Result<Option<String>, JsValue> {
    binding::normalize_identifier(kind, id, country.as_deref()).map_err(|e| throw(&e))
}

/// A transaction log read twice into cases (`jejak::cases::CaseLog`):
/// `jejak/cases`' `buildCases` and `npx jejak cases` drive it.
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = CaseLog)]
pub struct CaseLogJs {
    pass: Pass,
}

#[cfg(feature = "tools")]
enum Pass {
    First(jejak::cases::CaseLog),
    Second(jejak::cases::CaseCollector),
    /// Only while `secondPass` moves the first pass into the second.
    Between,
}

#[cfg(feature = "tools")]
#[wasm_bindgen(js_class = CaseLog)]
impl CaseLogJs {
    /// `new CaseLog(pack?, options?)`: `pack` as `new Screener` takes it;
    /// `options` are the screener's (`historyKey`, limits) with `hops`,
    /// `minLevel` (`review` or `high`), `verdicts` (`screen` or
    /// `supplied`) and `ids` (`given` or `hashed`).
    #[wasm_bindgen(constructor)]
    pub fn new(pack: JsValue, options: JsValue) -> Result<CaseLogJs, JsValue> {
        let build = || -> Result<CaseLogJs, Error> {
            let (cases, mut screener) = binding::js_case_log(options_text(&options)?.as_deref())?;
            with_pack(&pack, &mut screener)?;
            let screener = screener.build()?;
            Ok(CaseLogJs { pass: Pass::First(cases.build(screener)) })
        };
        build().map_err(|e| throw(&e))
    }

    /// The first pass: one row (an object or JSON text). Throws the row's
    /// `JejakError`; the log goes on.
    pub fn add(&mut self, row: JsValue) -> Result<(), JsValue> {
        let Pass::First(log) = &mut self.pass else {
            return Err(throw(&binding::error(
                ErrorKind::InvalidOption,
                "",
                "add() is the first pass; the second has begun: use collect()",
            )));
        };
        to_json(&row, ErrorKind::InvalidTransaction).and_then(|text| log.add(&text)).map_err(|e| throw(&e))
    }

    /// Ends the first pass: the cases are grown; `collect` reads the rows again.
    #[wasm_bindgen(js_name = secondPass)]
    pub fn second_pass(&mut self) -> Result<(), JsValue> {
        match std::mem::replace(&mut self.pass, Pass::Between) {
            Pass::First(log) => {
                self.pass = Pass::Second(log.second_pass());
                Ok(())
            }
            second => {
                self.pass = second;
                Err(throw(&binding::error(ErrorKind::InvalidOption, "", "secondPass() was called already")))
            }
        }
    }

    /// The second pass: one row again (rows the first pass refused are skipped).
    pub fn collect(&mut self, row: JsValue) -> Result<(), JsValue> {
        let Pass::Second(collector) = &mut self.pass else {
            return Err(throw(&binding::error(
                ErrorKind::InvalidOption,
                "",
                "collect() is the second pass: call secondPass() first",
            )));
        };
        if let Ok(text) = to_json(&row, ErrorKind::InvalidTransaction) {
            collector.add(&text);
        }
        Ok(())
    }

    /// `{"cases": [...]}` as JSON text (the file `jejak cases` writes).
    #[wasm_bindgen(js_name = casesJson)]
    pub fn cases_json(&self) -> Result<String, JsValue> {
        match &self.pass {
            Pass::Second(collector) => Ok(collector.cases().to_json()),
            _ => Err(throw(&binding::error(ErrorKind::InvalidOption, "", "the cases come after secondPass()"))),
        }
    }

    /// The keyed hash of an account id as `ids: 'hashed'` names it.
    #[wasm_bindgen(js_name = hashAccountId)]
    pub fn hash_account_id(&self, id: &str) -> Option<String> {
        match &self.pass {
            Pass::First(log) => Some(log.screener().hash_account_id(id)),
            Pass::Second(collector) => Some(collector.screener().hash_account_id(id)),
            Pass::Between => None,
        }
    }
}

/// `goamlReport(cases, entity, parties, indicatorCodes, schema, pack,
/// options)`: `{ xml, draft, placeholders }`, the draft goAML report of one
/// case (`jejak/cases`' `goamlReport` gives the texts and the default pack).
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = goamlReport)]
pub fn goaml_report(
    cases: &str,
    entity: Option<String>,
    parties: Option<String>,
    indicator_codes: Option<String>,
    schema: Option<String>,
    pack: JsValue,
    options: &str,
) -> Result<JsValue, JsValue> {
    let report = || -> Result<String, Error> {
        let mut screener = ScreenerBuilder::new();
        with_pack(&pack, &mut screener)?;
        let screener = screener.build()?;
        binding::goaml_report_json(
            cases,
            entity.as_deref(),
            parties.as_deref(),
            indicator_codes.as_deref(),
            schema.as_deref(),
            screener.pack(),
            options,
        )
    };
    JSON::parse(&report().map_err(|e| throw(&e))?)
}
