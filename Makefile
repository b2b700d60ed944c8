# jejak — developer commands. `make test` is what CI runs (.ci/run).
#
# Every target installs what it needs and skips what is already there, so a
# fresh clone on a fresh machine works with `make demo` and `make test`.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO ?= cargo
PYTHON ?= python3
NPM ?= npm
WASM_TARGET := wasm32-unknown-unknown
# Must equal the wasm-bindgen crate version pinned in bindings/wasm/Cargo.toml.
WASM_BINDGEN_VERSION := 0.2.130
# The module is built in its own profile (Cargo.toml [profile.wasm]: opt-level
# "z"); host builds and criterion keep release (opt-level 3).
WASM_PROFILE := wasm
# The binding crate (bindings/wasm) builds the module; the core is an rlib.
WASM := target/$(WASM_TARGET)/$(WASM_PROFILE)/jejak_wasm.wasm
# rustc 1.95 enables these by default; naming them keeps wasm-opt working even
# if a target_features section goes missing.
WASM_OPT_FLAGS := -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	--enable-mutable-globals --enable-multivalue --enable-reference-types
# 100,000 cases per property, as the project promises; an optimized test
# profile (Cargo.toml [profile.ci]) keeps that to seconds.
PROPTEST_CASES ?= 100000
SERVE ?= 1

.PHONY: help setup setup-rust setup-python setup-wasm setup-node setup-chromium test fmt-check clippy unit schema demo bench samples doc clean pkg size size-check test-js soak fuzz eval

help:
	@echo "make demo    screen www/samples with the default pack and print a report"
	@echo "make test    format check, clippy (host and wasm32), all tests, schema check, size budget"
	@echo "make bench   native (criterion) and wasm-in-Node benchmarks against the JS alternatives"
	@echo "make samples regenerate www/samples/ (deterministic)"
	@echo "make contracts rewrite the generated schema, demo grammar and index.d.ts from the Rust source"
	@echo "make pkg     build the npm package into pkg/ (wasm-bindgen + wasm-opt)"
	@echo "make size    raw, gzip and brotli: what Node reads to screen one payment, and the module"
	@echo "make eval    quality report (recall, false positives) in target/eval/"
	@echo "make soak    1,000,000 screens on one Screener; fails if memory grows"
	@echo "make fuzz    each fuzz target for FUZZ_SECONDS (default 60); fails on a crash"
	@echo "make fuzz-long each fuzz target until 10,000,000 runs or 30 minutes"

setup: setup-rust setup-python

setup-rust:
	@command -v $(CARGO) >/dev/null || { echo "cargo not found: install Rust with rustup" >&2; exit 1; }
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
	@rustup target list --installed | grep -qx '$(WASM_TARGET)' || rustup target add $(WASM_TARGET)

# wasm-bindgen-cli pinned to the crate version (compiles in ~3 minutes the
# first time; skipped when the right version is on PATH; not --locked, which
# fails on this registry), brotli from Debian, and wasm-opt from the npm
# `binaryen` package in tests/ (Debian's binaryen 108 corrupts the externref
# table that wasm-bindgen emits).
setup-wasm: setup-rust setup-node
	@wasm-bindgen --version 2>/dev/null | grep -qx 'wasm-bindgen $(WASM_BINDGEN_VERSION)' || \
		$(CARGO) install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@command -v brotli >/dev/null || { apt-get update -qq && apt-get install -y -qq brotli; }

# Node tooling for the package tests lives in tests/ (tests/package.json and
# its lock file); `npm install` runs only when the lock file changed (`npm ci`
# trips over a platform-only optional dependency npm leaves out of the lock).
setup-node:
	@command -v node >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm; }
	@cd tests && { cmp -s package-lock.json node_modules/.jejak-lock 2>/dev/null || \
		{ $(NPM) install --no-audit --no-fund && cp package-lock.json node_modules/.jejak-lock; }; }

# Debian's Chromium for the browser tests (playwright-core drives it; no
# browser is ever downloaded).
setup-chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

# The schema check uses the PyPI `jsonschema` package.
setup-python:
	@$(PYTHON) -c 'import jsonschema' 2>/dev/null || $(PYTHON) -m pip install --quiet 'jsonschema>=4.18'

# test-js builds the package; the size check reads that build (size-check)
# instead of building it again as `make size` does.
test: setup fmt-check unicode-check clippy unit schema test-js size-check

fmt-check:
	$(CARGO) fmt --all -- --check

# Both shapes of the crate: with the pack tools (the default, and the tools
# module) and without (the runtime module, native hosts that read images).
# The host and the wasm32 checks run side by side, the wasm32 ones in a
# target directory of their own (two cargo processes on one would wait for
# each other's lock); each lane is mostly one crate at a time.
clippy:
	$(CARGO) clippy --locked -p jejak-wasm --target $(WASM_TARGET) --target-dir target/clippy-wasm -- -D warnings && \
	$(CARGO) clippy --locked -p jejak-wasm --features tools --target $(WASM_TARGET) --target-dir target/clippy-wasm -- -D warnings & \
	wasm=$$!; \
	$(CARGO) clippy --locked --all-targets -- -D warnings && \
	$(CARGO) clippy --locked --lib --no-default-features -- -D warnings; \
	host=$$?; wait $$wasm && test $$host -eq 0

unit:
	JEJAK_PROPTEST_CASES=$(PROPTEST_CASES) $(CARGO) test --locked --profile ci --lib --test integration
	$(CARGO) test --locked --profile ci --doc

schema: setup-python
	$(PYTHON) tests/schema_check.py

# src/normalize/tables.rs must be exactly what gen_tables.py writes from the
# pinned Unicode data files in tests/data/ucd/ (plain python3 and rustfmt, no
# network); exits 1 when it is stale.
.PHONY: unicode-check
unicode-check: setup-rust
	$(PYTHON) src/normalize/gen_tables.py --check

# The generated contracts (src/contracts.rs): docs/pack.schema.json,
# www/lib/grammar.js and pkg/index.d.ts, rewritten from the Rust types and
# tables; and the default pack's image, src/packs/default.jjk, compiled from
# its JSON by build.rs (which otherwise fails when the two differ). `make unit` fails when a committed copy differs; run this after
# changing their Rust source, and commit the result.
.PHONY: contracts
contracts: setup-rust
	JEJAK_BLESS=1 $(CARGO) test --locked --lib contracts

# The sample transactions screened through the npm package's CLI, exactly as
# `npx jejak screen` would (the native report: cargo run --example report),
# then the demo page on http://127.0.0.1:8080/www/ until Ctrl-C.
# `make demo SERVE=0` stops after the report.
demo: pkg
	node pkg/bin/jejak.mjs screen www/samples/transactions.ndjson
	@if [ "$(SERVE)" != "0" ]; then node www/serve.mjs --port 8080; fi

# The npm package: two modules, each cargo build (profile wasm) ->
# wasm-bindgen (web and nodejs glue) -> wasm-opt -Oz --converge, then
# pkg/tools/finish.mjs. The runtime (dist/jejak_bg.wasm) is the binding
# crate without its `tools` feature: screening, history, explain, signatures
# and the image reader. The tools module (dist/tools/) is the crate with it:
# the JSON pack compiler, lint, validation, deltas, hashing
# (docs/DESIGN.md, "Runtime and tools"). Its own target directory, so the
# two builds do not undo each other.
TOOLS_DIR := target/tools
TOOLS_WASM := $(TOOLS_DIR)/$(WASM_TARGET)/$(WASM_PROFILE)/jejak_wasm.wasm
# The two builds run side by side: each ends in a long single-threaded LTO
# step, so on two cores together they take little more than one.
pkg: setup-wasm
	$(CARGO) build --locked --profile $(WASM_PROFILE) --target $(WASM_TARGET) -p jejak-wasm & \
	runtime=$$!; \
	$(CARGO) build --locked --profile $(WASM_PROFILE) --target $(WASM_TARGET) -p jejak-wasm --features tools --target-dir $(TOOLS_DIR); \
	wait $$runtime
	rm -rf pkg/dist
	wasm-bindgen --target web --weak-refs --omit-default-module-path --out-dir pkg/dist/web --out-name jejak $(WASM)
	wasm-bindgen --target nodejs --weak-refs --out-dir pkg/dist/node --out-name jejak $(WASM)
	wasm-bindgen --target web --weak-refs --omit-default-module-path --out-dir pkg/dist/tools/web --out-name jejak_tools $(TOOLS_WASM)
	wasm-bindgen --target nodejs --weak-refs --out-dir pkg/dist/tools/node --out-name jejak_tools $(TOOLS_WASM)
	tests/node_modules/.bin/wasm-opt $(WASM_OPT_FLAGS) --converge pkg/dist/web/jejak_bg.wasm -o pkg/dist/jejak_bg.wasm
	tests/node_modules/.bin/wasm-opt $(WASM_OPT_FLAGS) --converge pkg/dist/tools/web/jejak_tools_bg.wasm -o pkg/dist/tools/jejak_tools_bg.wasm
	rm -f pkg/dist/*/jejak_bg.wasm pkg/dist/*/jejak_bg.wasm.d.ts pkg/dist/*/jejak.d.ts
	rm -f pkg/dist/tools/*/jejak_tools_bg.wasm pkg/dist/tools/*/jejak_tools_bg.wasm.d.ts pkg/dist/tools/*/jejak_tools.d.ts
	node pkg/tools/finish.mjs

# The npm package in real runtimes (tests/js/*.test.mjs, Node's test runner):
# the JS API, the CLI, and consumer projects per runtime.
test-js: pkg setup-chromium
	cd tests && node --test --test-concurrency=1 js/

# What a Node process reads from the package to screen one payment with the
# default pack (the runtime module, the default pack's image, the glue, the
# entry and the package files Node consults: pkg/tools/size.mjs finds them
# by watching the loads), raw, gzip -9 and brotli -q 11, with the module's
# own figures beside and the pack tools' module on its own line. The budget
# is on that total: 199,623 bytes gzip after issue 19, 178,300 with the
# runtime and the tools apart, 180,900 with the packed hot path (6 KB, which
# bought twice the compact throughput: docs/DESIGN.md, "No JSON on the hot
# path") and the comment lines left out of the JavaScript Node reads,
# 173,100 with the module built by its own binding crate, 173,300 with
# screenMany on the packed path (277 bytes for 1.9x its full-verdict
# throughput, which `jejak screen` uses; issue 20, which aims at 128 KiB).
SIZE_BASELINE_GZIP := 199623
SIZE_BUDGET_GZIP := 173300
size: pkg size-check

size-check:
	@node pkg/tools/size.mjs --budget $(SIZE_BUDGET_GZIP)
	@echo "  (baseline $(SIZE_BASELINE_GZIP) bytes gzip before issue 20)"

# The quality report: the generated evaluation corpus (tests/eval/) screened
# by jejak and by the `obscenity` package with the same terms; writes
# target/eval/report.md and report.json.
eval: pkg
	cd tests && node eval/run.mjs

# The memory soak at full length: 1,000,000 screens on one Screener
# (make test runs 100,000 of them through tests/js/soak.test.mjs).
soak: pkg
	node --expose-gc tests/js/soak.mjs 1000000

# Fuzzing (fuzz/, its own workspace): each target for FUZZ_SECONDS
# (default 60); fails on any crash. fuzz/run.sh installs cargo-fuzz.
FUZZ_SECONDS ?= 60
fuzz: setup-rust
	cd fuzz && FUZZ_SECONDS=$(FUZZ_SECONDS) ./run.sh

# Fuzzing at depth: every target until 10,000,000 executions or 30 minutes,
# whichever comes first (up to four and a half hours in all).
.PHONY: fuzz-long
fuzz-long: setup-rust
	cd fuzz && FUZZ_SECONDS=1800 FUZZ_RUNS=10000000 ./run.sh

# Native (criterion, benches/screen.rs), then the wasm module in Node (full
# and compact verdicts, JSON text against serde-wasm-bindgen at the boundary,
# cold start) against a json-rules-engine + modern-ahocorasick composition
# and a RegExp baseline, and scaling with pack size (benches/compare.mjs).
# The second module (target/bench-pkg, feature bench-boundary) adds
# screenCompactObject, the compact verdict built by serde-wasm-bindgen, so
# the two JS boundaries are compared in the same run.
BENCH_WASM_DIR := target/bench-wasm
bench: setup-rust pkg
	mkdir -p target/bench
	node benches/corpus.mjs > target/bench/corpus.ndjson
	CARGO_TARGET_DIR=target/bench-native $(CARGO) bench --locked --manifest-path benches/Cargo.toml --bench screen
	$(CARGO) build --locked --profile $(WASM_PROFILE) --target $(WASM_TARGET) -p jejak-wasm --features bench-boundary --target-dir $(BENCH_WASM_DIR)
	wasm-bindgen --target nodejs --weak-refs --out-dir target/bench-pkg --out-name jejak $(BENCH_WASM_DIR)/$(WASM_TARGET)/$(WASM_PROFILE)/jejak_wasm.wasm
	tests/node_modules/.bin/wasm-opt $(WASM_OPT_FLAGS) --converge target/bench-pkg/jejak_bg.wasm -o target/bench-pkg/jejak_bg.wasm
	node benches/compare.mjs

samples: setup-rust
	$(CARGO) run --locked --example samples

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --locked --no-deps

clean:
	$(CARGO) clean
