//! Empty: the benchmarks are in screen.rs (see Cargo.toml).
