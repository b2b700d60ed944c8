//! UniFFI's generator at the version the binding pins, built once and put
//! on PATH (the Makefile's `uniffi-bindgen`), as wasm-bindgen-cli is for the
//! npm package: maturin runs it for the Python wheel, the Makefile for the
//! Kotlin and Swift sources. A crate of its own, outside the workspace: in
//! it, maturin would run it with `cargo run` at the workspace root, where
//! the core is the package that runs.

fn main() {
    uniffi::uniffi_bindgen_main()
}
