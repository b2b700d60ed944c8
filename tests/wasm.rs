//! The binding (src/wasm/) in a real JS engine: `make test-wasm` runs this in
//! Node and in headless Chromium with wasm-bindgen-test-runner. Values are
//! built as JS values (objects, BigInt, NaN), as a JS caller would pass them.
#![cfg(target_arch = "wasm32")]
// Test code fails loudly on purpose; the library itself denies these lints.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jejak::wasm::{set_default_pack, Screener};
use js_sys::{BigInt, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn js(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn set(v: &JsValue, key: &str, value: &JsValue) {
    Reflect::set(v, &JsValue::from_str(key), value).unwrap();
}

fn s(v: &JsValue) -> String {
    v.as_string().unwrap_or_default()
}

const PAY_PER_VIEW: &str = r#"{"timestamp": "2026-11-20T02:10:00+10:00", "amount": "50", "currency": "AUD",
  "channel": "remittance", "memo": "school fees", "sender": {"country": "AU"},
  "receiver": {"country": "PH", "isNew": true}}"#;

/// The default pack's image, given to the module as the package's entries
/// give it.
fn given() {
    set_default_pack(include_bytes!("../src/packs/default.jjk")).unwrap();
}

fn screener() -> Screener {
    given();
    Screener::new(JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap()
}

#[wasm_bindgen_test]
fn the_module_takes_only_its_own_default_pack() {
    let mut other = include_bytes!("../src/packs/default.jjk").to_vec();
    other.push(0);
    let e = set_default_pack(&other).expect_err("another image");
    assert_eq!(s(&get(&e, "code")), "invalid_pack");
    assert!(s(&get(&e, "message")).starts_with("this is not the default pack image this module was built with"));
    given();
    given();
    let sc = Screener::new(JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap();
    assert_eq!(s(&get(&sc.pack().unwrap(), "id")), "jejak-default");
}

/// (code, path) of a thrown JejakError.
fn err(result: Result<JsValue, JsValue>) -> (String, String) {
    let e = result.expect_err("expected a JejakError");
    assert!(e.is_instance_of::<js_sys::Error>(), "not an Error");
    assert_eq!(s(&get(&e, "name")), "JejakError");
    (s(&get(&e, "code")), s(&get(&e, "path")))
}

#[wasm_bindgen_test]
fn screens_the_pay_per_view_pattern() {
    let v = screener().screen(js(PAY_PER_VIEW)).unwrap();
    let level = s(&get(&v, "level"));
    assert!(level == "review" || level == "high", "{level}");
}

#[wasm_bindgen_test]
fn offsets_are_utf16_code_units() {
    let tx = js(PAY_PER_VIEW);
    let memo = "😀😀 sch00l f33s";
    set(&tx, "memo", &JsValue::from_str(memo));
    let v = screener().screen(tx).unwrap();
    let json = s(&JSON::stringify(&v).unwrap().into());
    // "😀😀 " is 5 UTF-16 code units (two surrogate pairs and a space).
    assert!(json.contains(r#""start":5,"end":16,"text":"sch00l f33s""#), "{json}");
}

#[wasm_bindgen_test]
fn every_error_code_with_its_path() {
    let sc = screener();
    let mut bad = js(PAY_PER_VIEW);
    set(&bad, "amount", &JsValue::from_str("abc"));
    assert_eq!(err(sc.screen(bad)), ("invalid_transaction".into(), "/amount".into()));
    bad = js(PAY_PER_VIEW);
    set(&bad, "amount", &JsValue::from_f64(f64::NAN));
    assert_eq!(err(sc.screen(bad)), ("invalid_transaction".into(), "/amount".into()));
    bad = js(PAY_PER_VIEW);
    set(&bad, "memo", &JsValue::from_str(&"x".repeat(5000)));
    assert_eq!(err(sc.screen(bad)), ("limit_exceeded".into(), "/memo".into()));
    assert_eq!(err(sc.screen(JsValue::NULL)), ("invalid_transaction".into(), "".into()));

    // The runtime reads images; a JSON pack needs the tools module (the
    // package's entries compile it there; tests/js covers that path).
    let e = Screener::new(js(include_str!("data/packs/mini.json")), JsValue::UNDEFINED).err().unwrap();
    assert_eq!(s(&get(&e, "code")), "invalid_pack");
    assert!(s(&get(&e, "message")).contains("jejak/tools"), "{}", s(&get(&e, "message")));
    // A damaged image names the byte at fault in the message alone.
    let mut image = include_bytes!("../src/packs/default.jjk").to_vec();
    image.truncate(100);
    let e = Screener::new(js_sys::Uint8Array::from(&image[..]).into(), JsValue::UNDEFINED).err().unwrap();
    assert_eq!((s(&get(&e, "code")), s(&get(&e, "path"))), ("invalid_pack".into(), "".into()));

    let e = Screener::new(JsValue::UNDEFINED, js(r#"{"locale": "fr"}"#)).err().unwrap();
    assert_eq!((s(&get(&e, "code")), s(&get(&e, "path"))), ("invalid_option".into(), "/locale".into()));
    // The screener still works after all of that.
    assert!(sc.screen(js(PAY_PER_VIEW)).is_ok());
}

#[wasm_bindgen_test]
fn bigint_amounts_keep_every_digit() {
    let sc = screener();
    let as_string = sc.screen(js(PAY_PER_VIEW)).unwrap();
    let tx = js(PAY_PER_VIEW);
    set(&tx, "amount", &BigInt::from(50u64).into());
    let as_bigint = sc.screen(tx).unwrap();
    assert_eq!(s(&JSON::stringify(&as_string).unwrap().into()), s(&JSON::stringify(&as_bigint).unwrap().into()));
    let huge = js(PAY_PER_VIEW);
    set(&huge, "currency", &JsValue::from_str("IDR"));
    set(&huge, "amount", &BigInt::new(&JsValue::from_str("123456789012345678901234567890")).unwrap().into());
    let (code, path) = err(sc.screen(huge));
    assert_eq!((code.as_str(), path.as_str()), ("invalid_transaction", "/amount"));
}

#[wasm_bindgen_test]
fn screen_many_reports_bad_rows_and_screens_the_rest() {
    let rows = js_sys::Array::new();
    rows.push(&js(PAY_PER_VIEW));
    let bad = js(PAY_PER_VIEW);
    set(&bad, "currency", &JsValue::from_str("XXX"));
    rows.push(&bad);
    rows.push(&JsValue::NULL);
    rows.push(&js(PAY_PER_VIEW));
    let out: js_sys::Array = js_sys::Array::unchecked_from_js(screener().screen_many(rows.into()).unwrap());
    let oks: Vec<Option<bool>> = out.iter().map(|r| get(&r, "ok").as_bool()).collect();
    assert_eq!(oks, vec![Some(true), Some(false), Some(false), Some(true)]);
    assert_eq!(s(&get(&get(&out.get(1), "error"), "path")), "/currency");
}
