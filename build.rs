//! Embeds the default pack as compact JSON.
//!
//! `src/packs/default.json` is kept pretty-printed for review; the wasm
//! module carries it without insignificant whitespace (about a third
//! smaller). The pack digest is computed over canonical bytes, so it is the
//! same for both forms.

use std::{env, fs, path::PathBuf};

fn main() {
    let src = "src/packs/default.json";
    println!("cargo:rerun-if-changed={src}");
    let text = fs::read_to_string(src).unwrap_or_default();
    // If the pack is not valid JSON, embed it as it is: loading it then
    // fails with a precise error in the `default_pack_loads` test instead of
    // an opaque build-script failure.
    let compact = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| serde_json::to_string(&v).ok())
        .unwrap_or(text);
    let out = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default()).join("default-pack.json");
    if let Err(e) = fs::write(&out, compact) {
        println!("cargo:warning=cannot write {}: {e}", out.display());
    }
}
