//! The default pack.
//!
//! build.rs loads `src/packs/default.json` with the crate's own pack loader
//! (the same source files, compiled into the build script) and fails the
//! build with the loader's error when it does not load; then it writes the
//! pack as compact JSON and its digest. So a broken or missing pack never
//! ships, and there is no empty fallback at run time that would screen every
//! payment as `none`. This module is apart from `pack` because the build
//! script compiles `pack` but cannot include a file it has not written yet.
//!
//! Native builds embed the pack. The WebAssembly module embeds only its
//! digest: the npm package ships the pack's JSON beside the module
//! (`dist/default-pack.json` and `.mjs`), every entry hands it over with
//! `setDefaultPack` when it loads the module, and [`provide`] accepts only
//! the text whose digest is the embedded one. The pack is 63 KB of JSON
//! (16.6 KB gzip), a tenth of the module it would otherwise be part of; a
//! host that screens with its own signed pack need not compile it
//! (docs/DESIGN.md, "Module size").

use crate::error::Error;
use crate::pack::Pack;

/// The default pack's digest, computed by build.rs with the same loader.
const DEFAULT_DIGEST: &str = include_str!(concat!(env!("OUT_DIR"), "/default-pack.digest"));

#[cfg(not(target_arch = "wasm32"))]
mod text {
    use std::sync::OnceLock;

    use crate::pack::Pack;

    /// The default pack as compact JSON (build.rs).
    pub(super) const DEFAULT_PACK: &str = include_str!(concat!(env!("OUT_DIR"), "/default-pack.json"));

    impl Pack {
        /// The embedded default pack, compiled once per process.
        ///
        /// This cannot fail at run time: build.rs has loaded the same JSON
        /// with the same loader, and the build fails when it does not load.
        pub fn default_pack() -> Pack {
            static DEFAULT: OnceLock<Pack> = OnceLock::new();
            DEFAULT
                .get_or_init(|| match Pack::from_json_with_digest(DEFAULT_PACK, super::DEFAULT_DIGEST) {
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
}

#[cfg(not(target_arch = "wasm32"))]
impl Pack {
    /// The default pack (never fails in native builds).
    pub(crate) fn try_default() -> Result<Pack, Error> {
        Ok(Pack::default_pack())
    }
}

/// The default pack's JSON as the entries gave it (its digest checked).
#[cfg(target_arch = "wasm32")]
static GIVEN: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Takes the default pack's JSON (any formatting: the digest is over the
/// canonical bytes) and keeps it for [`Pack::try_default`], which compiles
/// it on first use; refuses any other pack, also after the first call.
/// Checking costs a parse and a hash (about a millisecond), not a compile,
/// so a host that screens with its own pack does not pay for this one.
#[cfg(target_arch = "wasm32")]
pub(crate) fn provide(json: &str) -> Result<(), Error> {
    if GIVEN.get().is_some_and(|text| text == json) {
        return Ok(());
    }
    let value = crate::json::parse(json, crate::error::ErrorKind::InvalidPack, crate::json::Surrogates::Reject)?;
    let digest = crate::pack::digest(&value);
    if digest != DEFAULT_DIGEST {
        return Err(Error::pack(
            "",
            format!(
                "this is not the default pack this module was built with (digest {digest}, expected {DEFAULT_DIGEST})"
            ),
        ));
    }
    let _ = GIVEN.set(json.to_string());
    Ok(())
}

/// The default pack's JSON as given to [`provide`].
#[cfg(target_arch = "wasm32")]
pub(crate) fn default_json() -> Result<&'static str, Error> {
    GIVEN.get().map(String::as_str).ok_or_else(missing)
}

#[cfg(target_arch = "wasm32")]
fn missing() -> Error {
    Error::pack(
        "",
        "the default pack is not loaded: the package's entries give it to the module (setDefaultPack); pass a pack instead",
    )
}

#[cfg(target_arch = "wasm32")]
impl Pack {
    /// The default pack given to [`provide`], compiled once; fails closed
    /// before it is given.
    pub(crate) fn try_default() -> Result<Pack, Error> {
        static DEFAULT: std::sync::OnceLock<Pack> = std::sync::OnceLock::new();
        let text = default_json()?;
        Ok(DEFAULT
            .get_or_init(|| match Pack::from_json_with_digest(text, DEFAULT_DIGEST) {
                Ok(pack) => pack,
                // Unreachable: the text has the digest of the pack build.rs
                // loaded with the same loader.
                Err(_) => std::process::abort(),
            })
            .clone())
    }
}
