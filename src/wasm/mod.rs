//! The WebAssembly binding (filled in by the npm package work). This is the
//! only module that may name wasm-bindgen, js-sys or serde-wasm-bindgen.
