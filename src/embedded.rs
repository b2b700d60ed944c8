//! The default pack, embedded at compile time.
//!
//! build.rs loads `src/packs/default.json` with the crate's own pack loader
//! (the same source files, compiled into the build script) and fails the
//! build with the loader's error when it does not load; then it embeds the
//! pack as compact JSON. So a broken or missing pack never ships, and there
//! is no empty fallback at run time that would screen every payment as
//! `none`. This module is apart from `pack` because the build script
//! compiles `pack` but cannot include a file it has not written yet.

use std::sync::OnceLock;

use crate::pack::Pack;

/// The default pack as compact JSON (build.rs).
const DEFAULT_PACK: &str = include_str!(concat!(env!("OUT_DIR"), "/default-pack.json"));
/// Its digest, computed by build.rs with the same loader.
const DEFAULT_DIGEST: &str = include_str!(concat!(env!("OUT_DIR"), "/default-pack.digest"));

impl Pack {
    /// The embedded default pack, compiled once per process.
    ///
    /// This cannot fail at run time: build.rs has loaded the same JSON with
    /// the same loader, and the build fails when it does not load.
    pub fn default_pack() -> Pack {
        static DEFAULT: OnceLock<Pack> = OnceLock::new();
        DEFAULT
            .get_or_init(|| match Pack::from_json_with_digest(DEFAULT_PACK, DEFAULT_DIGEST) {
                Ok(pack) => pack,
                // Unreachable (see above). Stopping is the fail-closed
                // answer: a screener without its pack must not screen.
                Err(_) => std::process::abort(),
            })
            .clone()
    }

    /// The embedded default pack's JSON text (compact).
    pub fn default_pack_json() -> &'static str {
        DEFAULT_PACK
    }
}
