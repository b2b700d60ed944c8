//! The WebAssembly binding: the only module that names wasm-bindgen and
//! js-sys. It stays thin: every export takes a JS value, turns it into JSON
//! text, calls the core, and hands back JSON-parsed results or a
//! `JejakError`.
//!
//! Why JSON text at the boundary: `JSON.stringify` and `JSON.parse` are the
//! fastest way V8 and friends have to move a whole object across, and the
//! core already parses JSON with exact error paths. Walking objects field by
//! field through the boundary would cost a call per field. Two things JSON
//! cannot carry are handled on a slow path: BigInt amounts (stringify throws,
//! so we walk the value and keep every digit) and non-finite numbers
//! (stringify would turn `NaN` into `null` and hide the mistake, so we pass
//! their names and the core reports them).

use crate::{Error, ErrorKind, Offsets, Screener as Core, ScreenerBuilder};
use js_sys::{Array, JsString, Object, Reflect, JSON};
use serde_json::{Map, Value};

use crate::json::ObjectWriter;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(inline_js = "
export class JejakError extends Error {
  constructor(code, path, message) {
    super(path ? `${message} (at ${path})` : message);
    this.name = 'JejakError';
    this.code = code;
    this.path = path;
  }
}
export function errorClass() { return JejakError; }
export function stringify(value) {
  try {
    const text = JSON.stringify(value);
    return typeof text === 'string' ? text : undefined;
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
    /// `JSON.stringify`, or None where it throws (BigInt, cycles, depth).
    /// The exception is caught in JS: a `catch` import caught on the Rust
    /// side leaked one externref table slot per call (measured: the wasm
    /// memory and the JS heap grew by about 10 bytes a call).
    fn stringify(value: &JsValue) -> Option<String>;
}

/// The `JejakError` class, for the package entry files to re-export.
#[wasm_bindgen(js_name = jejakErrorClass)]
pub fn jejak_error_class() -> JsValue {
    error_class()
}

/// The engine (crate) version.
#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    crate::ENGINE_VERSION.to_string()
}

/// The size of the module's linear memory in bytes, for monitoring: it grows
/// to the largest working set seen and never shrinks, so a steady value over
/// many screens means no leak.
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65_536) as f64
}

/// A fresh copy of the default pack as a plain object.
#[wasm_bindgen(js_name = defaultPack)]
pub fn default_pack() -> Result<JsValue, JsValue> {
    JSON::parse(crate::Pack::default_pack_json())
}

fn throw(e: &Error) -> JsValue {
    JejakError::new(e.code(), e.path(), e.message()).into()
}

/// How deep the slow path follows nested values; deeper input is refused
/// rather than risking the stack.
const MAX_DEPTH: usize = 64;

/// JSON text for a JS value: strings are taken as JSON text already.
fn to_json(value: &JsValue, kind: ErrorKind) -> Result<String, Error> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    if value.is_undefined() || value.is_function() || value.is_symbol() {
        return Err(Error::new(kind, "", format!("expected an object, found {}", js_type(value))));
    }
    if !has_non_finite_amount(value) {
        if let Some(text) = stringify(value) {
            return Ok(text);
        }
    }
    // BigInt, a non-finite number, or something JSON.stringify refused.
    let v = walk(value, kind, "", 0)?;
    Ok(crate::json::to_string(&v))
}

/// Whether the amount-like fields hold NaN or an infinity, which
/// `JSON.stringify` would silently turn into `null`.
fn has_non_finite_amount(value: &JsValue) -> bool {
    let bad = |v: JsValue| v.as_f64().is_some_and(|f| !f.is_finite());
    // Only objects are asked: `Reflect.get` throws on anything else, and
    // catching that leaked an externref slot per call (see `stringify`).
    let get = |o: &JsValue, k: &str| {
        if o.is_object() {
            Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
        } else {
            JsValue::UNDEFINED
        }
    };
    bad(get(value, "amount")) || bad(get(&get(value, "sender"), "accountAgeDays"))
}

fn js_type(v: &JsValue) -> &'static str {
    if v.is_undefined() {
        "undefined"
    } else if v.is_function() {
        "a function"
    } else if v.is_symbol() {
        "a symbol"
    } else if v.is_bigint() {
        "a bigint"
    } else {
        "a value"
    }
}

/// The slow path: JS value to JSON value, keeping BigInt digits and naming
/// non-finite numbers.
fn walk(v: &JsValue, kind: ErrorKind, path: &str, depth: usize) -> Result<Value, Error> {
    if depth > MAX_DEPTH {
        return Err(Error::new(kind, path, format!("the value nests deeper than {MAX_DEPTH} levels")));
    }
    if v.is_null() || v.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(f) = v.as_f64() {
        // JS's own number-to-string is the shortest exact form; using it
        // keeps Rust's float formatting code out of the module. NaN and the
        // infinities stay strings and the core says what is wrong.
        let text: String =
            js_sys::Number::unchecked_from_js_ref(v).to_string_with_radix(10).map(String::from).unwrap_or_default();
        return Ok(if f.is_finite() { number_or_string(text, kind) } else { Value::String(text) });
    }
    if v.is_bigint() {
        let digits = String::from(js_sys::BigInt::unchecked_from_js_ref(v).to_string(10).unwrap_or_default());
        // serde_json keeps the digits exactly (arbitrary_precision).
        return Ok(number_or_string(digits, kind));
    }
    if let Some(s) = v.as_string() {
        return Ok(Value::String(s));
    }
    if Array::is_array(v) {
        let arr = Array::unchecked_from_js_ref(v);
        let mut out = Vec::with_capacity(arr.length() as usize);
        for (i, item) in arr.iter().enumerate() {
            out.push(walk(&item, kind, &format!("{path}/{i}"), depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    if v.is_object() {
        let obj: &Object = Object::unchecked_from_js_ref(v);
        let mut out = Map::new();
        for key in Object::keys(obj).iter() {
            let Some(k) = key.as_string() else { continue };
            let item = Reflect::get(obj, &key).unwrap_or(JsValue::UNDEFINED);
            if item.is_undefined() || item.is_function() || item.is_symbol() {
                continue; // as JSON.stringify does
            }
            let child = walk(&item, kind, &format!("{path}/{k}"), depth + 1)?;
            out.insert(k, child);
        }
        return Ok(Value::Object(out));
    }
    Ok(Value::Null)
}

/// A JSON number for `text` when it is one, else the text as a string (the
/// core then says what is wrong with it).
fn number_or_string(text: String, kind: ErrorKind) -> Value {
    match crate::json::parse(&text, kind) {
        Ok(n @ Value::Number(_)) => n,
        _ => Value::String(text),
    }
}

/// Screens transactions against an indicator pack.
#[wasm_bindgen]
pub struct Screener {
    core: Core,
}

#[wasm_bindgen]
impl Screener {
    /// `new Screener(pack?, options?)`: `pack` is a pack object or JSON
    /// text (`undefined` or `null`: the default pack); `options` is
    /// `{ locale, maxMemoBytes, maxTextBytes, maxBatch, maxPackBytes,
    /// maxPackIndicators, maxPackTerms, maxConditionDepth }`.
    #[wasm_bindgen(constructor)]
    pub fn new(pack: JsValue, options: JsValue) -> Result<Screener, JsValue> {
        Screener::build(&pack, &options).map_err(|e| throw(&e))
    }

    fn build(pack: &JsValue, options: &JsValue) -> Result<Screener, Error> {
        let mut builder = ScreenerBuilder::new();
        if !options.is_undefined() && !options.is_null() {
            let text = to_json(options, ErrorKind::InvalidOption)?;
            let value = crate::json::parse(&text, ErrorKind::InvalidOption)?;
            if value.get("offsets").is_some() {
                return Err(Error::new(
                    ErrorKind::InvalidOption,
                    "/offsets",
                    "offsets are always UTF-16 code units in JavaScript; the option is not accepted here",
                ));
            }
            builder.options(&value)?;
        }
        builder.offsets(Offsets::Utf16);
        if !pack.is_undefined() && !pack.is_null() {
            let text = to_json(pack, ErrorKind::InvalidPack)?;
            builder.pack_json(&text)?;
        }
        Ok(Screener { core: builder.build()? })
    }

    /// Screens one transaction; throws `JejakError` on bad input.
    pub fn screen(&self, tx: JsValue) -> Result<JsValue, JsValue> {
        match self.screen_text(&tx) {
            Ok(json) => JSON::parse(&json),
            Err(e) => Err(throw(&e)),
        }
    }

    fn screen_text(&self, tx: &JsValue) -> Result<String, Error> {
        // A memo longer in UTF-16 units than the byte limit is longer in
        // UTF-8 bytes too: refuse it before copying it into wasm memory.
        if tx.is_object() {
            let memo = Reflect::get(tx, &JsValue::from_str("memo")).unwrap_or(JsValue::UNDEFINED);
            if let Some(s) = memo.dyn_ref::<JsString>() {
                if s.length() as usize > self.core.max_memo_bytes() {
                    return Err(Error::new(
                        ErrorKind::LimitExceeded,
                        "/memo",
                        format!(
                            "memo is {} UTF-16 code units, more than the limit of {} bytes (maxMemoBytes)",
                            s.length(),
                            self.core.max_memo_bytes()
                        ),
                    ));
                }
            }
        }
        let text = to_json(tx, ErrorKind::InvalidTransaction)?;
        Ok(self.core.screen_json(&text)?.to_json())
    }

    /// Screens many transactions. Never throws for a bad row: each result is
    /// `{ ok: true, verdict }` or `{ ok: false, error: { code, path, message } }`.
    /// Throws only when `txs` is not an array (`invalid_transaction`) or has
    /// more than `maxBatch` elements (`limit_exceeded`).
    #[wasm_bindgen(js_name = screenMany)]
    pub fn screen_many(&self, txs: JsValue) -> Result<JsValue, JsValue> {
        if !Array::is_array(&txs) {
            let e = Error::new(ErrorKind::InvalidTransaction, "", "screenMany expects an array of transactions");
            return Err(throw(&e));
        }
        let arr = Array::unchecked_from_js_ref(&txs);
        if arr.length() as usize > self.core.max_batch() {
            let e = Error::new(
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
        for (i, tx) in arr.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            match self.screen_text(&tx) {
                Ok(verdict) => {
                    out.push_str("{\"ok\":true,\"verdict\":");
                    out.push_str(&verdict);
                    out.push('}');
                }
                Err(e) => {
                    out.push_str("{\"ok\":false,\"error\":");
                    out.push_str(&error_info(&e));
                    out.push('}');
                }
            }
        }
        out.push(']');
        JSON::parse(&out)
    }

    /// `{ id, version, digest, indicators }` of the pack in use.
    #[wasm_bindgen(getter)]
    pub fn pack(&self) -> Result<JsValue, JsValue> {
        JSON::parse(&pack_info(self.core.pack()))
    }
}

/// Validates a pack without building a screener: `{ ok: true, pack: {...} }`
/// or `{ ok: false, error: { code, path, message } }`.
#[wasm_bindgen(js_name = validatePack)]
pub fn validate_pack(pack: JsValue) -> Result<JsValue, JsValue> {
    let result = to_json(&pack, ErrorKind::InvalidPack).and_then(|t| crate::Pack::from_json(&t));
    let out = match result {
        Ok(p) => format!("{{\"ok\":true,\"pack\":{}}}", pack_info(&p)),
        Err(e) => format!("{{\"ok\":false,\"error\":{}}}", error_info(&e)),
    };
    JSON::parse(&out)
}

/// `{id, version, digest, indicators}` as JSON, keys in that order.
fn pack_info(p: &crate::Pack) -> String {
    let mut out = String::new();
    let mut o = ObjectWriter::new(&mut out);
    o.str("id", p.id());
    o.str("version", p.version());
    o.str("digest", p.digest());
    o.uint("indicators", p.indicator_count() as u64);
    o.end();
    out
}

/// `{code, path, message}` as JSON.
fn error_info(e: &Error) -> String {
    let mut out = String::new();
    let mut o = ObjectWriter::new(&mut out);
    o.str("code", e.code());
    o.str("path", e.path());
    o.str("message", e.message());
    o.end();
    out
}
