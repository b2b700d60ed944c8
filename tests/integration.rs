//! The one integration test binary (see `autotests = false` in Cargo.toml).
//!
//! To narrow a failure down: `cargo test --test integration -- NAME`, where
//! NAME is part of a test function name; table-driven cases print their own
//! case names when they fail.

// Test code fails loudly on purpose; the library itself denies these lints.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod api;
mod harness;
mod layers;
mod props;
