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
//! Native builds embed the pack. With the feature `given-default-pack`
//! (the WebAssembly binding) the crate embeds only its digest: the npm package ships the pack's JSON beside the module
//! (`dist/default-pack.json` and `.mjs`), every entry hands it over with
//! `setDefaultPack` when it loads the module, and [`provide`] accepts only
//! the text whose digest is the embedded one. The pack is 63 KB of JSON
//! (16.6 KB gzip), a tenth of the module it would otherwise be part of; a
//! host that screens with its own signed pack need not compile it
//! (docs/DESIGN.md, "Module size").

use crate::error::Error;
use crate::pack::Pack;

#[cfg(any(feature = "tools", feature = "given-default-pack"))]
/// The default pack's digest, computed by build.rs with the same loader.
const DEFAULT_DIGEST: &str = include_str!(concat!(env!("OUT_DIR"), "/default-pack.digest"));

#[cfg(not(feature = "given-default-pack"))]
mod text {
    use std::sync::OnceLock;

    use crate::pack::Pack;

    /// The default pack as compact JSON (build.rs).
    pub(super) const DEFAULT_PACK: &str = include_str!(concat!(env!("OUT_DIR"), "/default-pack.json"));

    /// With the pack tools, the JSON (so that deltas apply to it).
    #[cfg(feature = "tools")]
    fn load() -> Result<Pack, crate::error::Error> {
        Pack::from_json_with_digest(DEFAULT_PACK, super::DEFAULT_DIGEST)
    }

    /// Without them, the image build.rs checked.
    #[cfg(not(feature = "tools"))]
    fn load() -> Result<Pack, crate::error::Error> {
        Pack::from_image(include_bytes!(concat!(env!("OUT_DIR"), "/default-pack.jjk")))
    }

    impl Pack {
        /// The embedded default pack, compiled once per process.
        ///
        /// This cannot fail at run time: build.rs has loaded the same JSON
        /// (and image) with the same code, and the build fails when it does
        /// not load.
        pub fn default_pack() -> Pack {
            static DEFAULT: OnceLock<Pack> = OnceLock::new();
            DEFAULT
                .get_or_init(|| match load() {
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

#[cfg(not(feature = "given-default-pack"))]
impl Pack {
    /// The default pack (never fails in native builds).
    pub(crate) fn try_default() -> Result<Pack, Error> {
        Ok(Pack::default_pack())
    }
}

/// SHA-256 of the default pack's image (build.rs), which the package ships
/// beside the module (`dist/default-pack.jjk`).
#[cfg(feature = "given-default-pack")]
const IMAGE_SHA256: &str = include_str!(concat!(env!("OUT_DIR"), "/default-pack.jjk.sha256"));

/// The default pack's image as the entries gave it (its SHA-256 checked).
#[cfg(feature = "given-default-pack")]
static GIVEN: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();

/// Takes the default pack's image and keeps it for [`Pack::try_default`],
/// which reads it on first use; refuses any other bytes, also after the
/// first call. Checking costs a hash of 50 KB, not a read, so a host that
/// screens with its own pack does not pay for this one.
#[cfg(feature = "given-default-pack")]
pub fn provide(image: &[u8]) -> Result<(), Error> {
    use sha2::Digest;
    if GIVEN.get().is_some_and(|given| given == image) {
        return Ok(());
    }
    let mut sha = String::with_capacity(64);
    crate::write::write_hex(&mut sha, &sha2::Sha256::digest(image));
    if sha != IMAGE_SHA256 {
        return Err(Error::pack(
            "",
            format!(
                "this is not the default pack image this module was built with (SHA-256 {sha}, expected {IMAGE_SHA256})"
            ),
        ));
    }
    let _ = GIVEN.set(image.to_vec());
    Ok(())
}

#[cfg(feature = "given-default-pack")]
impl Pack {
    /// The default pack given to [`provide`], read once; fails closed
    /// before it is given.
    pub(crate) fn try_default() -> Result<Pack, Error> {
        static DEFAULT: std::sync::OnceLock<Pack> = std::sync::OnceLock::new();
        let image = GIVEN.get().ok_or_else(|| {
            Error::pack(
                "",
                "the default pack is not loaded: the package's entries give it to the module (setDefaultPack); pass a pack instead",
            )
        })?;
        Ok(DEFAULT
            .get_or_init(|| match Pack::from_image(image) {
                // The image records the digest build.rs computed.
                Ok(pack) if pack.digest() == DEFAULT_DIGEST => pack,
                // Unreachable: the bytes have the SHA-256 of the image
                // build.rs wrote and read with the same code.
                _ => std::process::abort(),
            })
            .clone())
    }
}
