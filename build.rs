//! Checks and embeds the default pack.
//!
//! Fail closed: `src/packs/default.json` is loaded here with the crate's own
//! pack loader (the modules below are the library's source files, compiled a
//! second time into this script), so a missing, malformed or invalid pack
//! fails `cargo build` with the loader's message and JSON pointer. There is
//! no run-time fallback to an empty pack.
//!
//! The pack is kept pretty-printed for review; the module carries it
//! without insignificant whitespace (about a third smaller). The digest is
//! computed over canonical bytes, so it is the same for both forms.

// The script needs only the loader out of these modules.
#![allow(dead_code, unused_imports)]

#[path = "src/automaton.rs"]
mod automaton;
#[path = "src/codes.rs"]
mod codes;
#[path = "src/error.rs"]
mod error;
#[path = "src/history/mod.rs"]
mod history;
#[path = "src/json.rs"]
mod json;
#[path = "src/matcher.rs"]
mod matcher;
#[path = "src/money.rs"]
mod money;
#[path = "src/normalize/mod.rs"]
mod normalize;
#[path = "src/pack/mod.rs"]
mod pack;
#[path = "src/patterns.rs"]
mod patterns;
#[path = "src/restricted.rs"]
mod restricted;
#[path = "src/sort.rs"]
mod sort;
#[path = "src/transaction/mod.rs"]
mod transaction;
#[path = "src/vocab.rs"]
mod vocab;
#[path = "src/watchlist.rs"]
mod watchlist;
#[path = "src/write.rs"]
mod write;

use sha2::Digest;
use std::path::PathBuf;
use std::{env, fs, process};

const SRC: &str = "src/packs/default.json";

fn fail(message: &str) -> ! {
    eprintln!("error: the default pack {SRC} {message}");
    eprintln!("jejak fails closed: it does not build without a valid default pack.");
    process::exit(1)
}

/// The default pack's image, generated from `SRC` (`make contracts`).
const IMAGE: &str = "src/packs/default.jjk";

fn main() {
    println!("cargo:rerun-if-changed={SRC}");
    println!("cargo:rerun-if-changed={IMAGE}");
    // The loader's own sources: a change there re-checks the pack.
    println!("cargo:rerun-if-changed=src");
    let text = fs::read_to_string(SRC).unwrap_or_else(|e| fail(&format!("cannot be read: {e}")));
    // Syntax errors name a line and column of the file as written.
    let value = json::parse(&text, error::ErrorKind::InvalidPack, json::Surrogates::Reject)
        .unwrap_or_else(|e| fail(&format!("does not load: {e}")));
    let compact = value.to_json();
    println!("cargo:rerun-if-env-changed=JEJAK_BLESS");
    // `make contracts` (JEJAK_BLESS=1) writes the image from the JSON.
    #[cfg(feature = "tools")]
    if env::var_os("JEJAK_BLESS").is_some_and(|v| v == "1") {
        let pack = pack::Pack::from_json(&compact).unwrap_or_else(|e| fail(&format!("does not load: {e}")));
        let image = pack.to_image().unwrap_or_else(|e| fail(&format!("does not compile: {e}")));
        fs::write(IMAGE, image).unwrap_or_else(|e| fail(&format!("cannot write {IMAGE}: {e}")));
    }
    let image = fs::read(IMAGE).unwrap_or_else(|e| fail(&format!("has no image {IMAGE} ({e}); run make contracts")));
    // What ships is the image (the runtime reads nothing else): it must
    // read. With the pack tools, the JSON must load too, and compile to
    // exactly that image, so the two cannot drift apart.
    let loaded = pack::Pack::from_image(&image).unwrap_or_else(|e| fail(&format!("image {IMAGE} does not read: {e}")));
    #[cfg(feature = "tools")]
    {
        let from_json = pack::Pack::from_json(&compact).unwrap_or_else(|e| fail(&format!("does not load: {e}")));
        if from_json.to_image().ok().as_deref() != Some(&image[..]) {
            fail(&format!("is not what {IMAGE} holds; run make contracts to write the image again"));
        }
    }
    let mut image_sha = String::new();
    write::write_hex(&mut image_sha, &sha2::Sha256::digest(&image));
    let dir = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default());
    // The digest is computed here once, so that loading the embedded pack
    // does not hash 60 KB on every cold start (SHA-256 was the largest
    // single cost of a cold `new Screener()` in wasm); the WebAssembly
    // module accepts only the image with this SHA-256.
    for (name, content) in [
        ("default-pack.json", compact.as_bytes()),
        ("default-pack.digest", loaded.digest().as_bytes()),
        ("default-pack.jjk", &image[..]),
        ("default-pack.jjk.sha256", image_sha.as_bytes()),
    ] {
        let out = dir.join(name);
        if let Err(e) = fs::write(&out, content) {
            fail(&format!("cannot be written to {}: {e}", out.display()));
        }
    }
}
