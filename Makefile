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
# Targets run one after another even under `make -j`: several share a
# target directory, and `make test` runs its two lanes side by side itself.
.NOTPARALLEL:

.PHONY: help setup setup-rust setup-python setup-wasm setup-node setup-chromium test fmt-check clippy unit schema demo bench samples doc clean pkg size size-check test-js soak fuzz eval

help:
	@echo "make demo    screen www/samples with the default pack and print a report"
	@echo "make test    format check, clippy (host and wasm32), all tests (the native binding's too), schema check, size budget"
	@echo "make bench   native (criterion) and wasm-in-Node benchmarks against the JS alternatives"
	@echo "make samples regenerate www/samples/ (deterministic)"
	@echo "make contracts rewrite the generated schema, demo grammar and index.d.ts from the Rust source"
	@echo "make pkg     build the npm package into pkg/ (wasm-bindgen + wasm-opt)"
	@echo "make size    raw, gzip and brotli: what Node reads to screen one payment, the modules, the native libraries"
	@echo "make eval    quality report (recall, false positives) in target/eval/"
	@echo "make native  the native binding (UniFFI): Python, Kotlin, Swift's C module, React Native; static libraries"
	@echo "make soak    1,000,000 screens on one Screener; fails if memory grows"
	@echo "make fuzz    each fuzz target for FUZZ_SECONDS (default 60); fails on a crash"
	@echo "make fuzz-long each fuzz target until 10,000,000 runs or 30 minutes"

setup: setup-rust setup-python

# Adds the Rust targets in $(1) that are not installed.
rustup-targets = for t in $(1); do \
		rustup target list --installed | grep -qx "$$t" || rustup target add "$$t" || exit 1; \
	done

setup-rust:
	@command -v $(CARGO) >/dev/null || { echo "cargo not found: install Rust with rustup" >&2; exit 1; }
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
	@$(call rustup-targets,$(WASM_TARGET))

# wasm-bindgen-cli pinned to the crate version (compiles in ~3 minutes the
# first time; skipped when the right version is on PATH; not --locked, which
# fails on this registry), brotli from Debian, and wasm-opt from the npm
# `binaryen` package in tests/ (Debian's binaryen 108 corrupts the externref
# table that wasm-bindgen emits).
setup-wasm: setup-rust
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
	@$(PYTHON) -c 'import xmlschema, sys; sys.exit(xmlschema.__version__ != "4.3.2")' 2>/dev/null || $(PYTHON) -m pip install --quiet 'xmlschema==4.3.2'

# Four jobs side by side: the quick checks (format, the generated tables
# and schemas), the Rust lane (the Rust tests, linted as they build, and
# clippy on the shapes they do not build), the package lane (build the
# package, test it in every runtime, check its size against that build
# instead of building it again as `make size` does) and the native lane
# (the UniFFI binding built unoptimized, and the device targets' static
# libraries; once the package is built, its Python, Kotlin and React Native
# tests against it). No lane keeps two cores busy alone: the package's link
# steps and wasm-opt run on one core, and the JavaScript tests wait on
# browsers and child processes; the checks, one core for a quarter of a
# minute, fill those gaps instead of holding both lanes back. The package
# lane prints as it goes; the other lanes' output (target/test-*.log)
# follows when all are done. Any job failing fails `make test`
# (docs/DESIGN.md, "Build and test time").
test: setup native-system
	@mkdir -p target
	@$(MAKE) --no-print-directory test-checks > target/test-checks.log 2>&1 & checks=$$!; \
	$(MAKE) --no-print-directory test-rust > target/test-rust.log 2>&1 & rust=$$!; \
	$(MAKE) --no-print-directory test-native-build > target/test-native.log 2>&1 & nbuild=$$!; \
	native=1; \
	if $(MAKE) --no-print-directory pkg; then \
		$(MAKE) --no-print-directory test-js-run size-check & js=$$!; \
		wait $$nbuild && $(MAKE) --no-print-directory test-native-check >> target/test-native.log 2>&1 && native=0; \
		wait $$js && package=0 || package=$$?; \
	else package=1; wait $$nbuild || true; fi; \
	wait $$checks && quick=0 || quick=$$?; \
	wait $$rust && rc=0 || rc=$$?; \
	for lane in checks:"the quick checks" rust:"the Rust lane: the Rust tests and clippy" native:"the native lane: the UniFFI binding"; do \
		echo "---- $${lane#*:} (target/test-$${lane%%:*}.log) ----"; cat "target/test-$${lane%%:*}.log"; \
	done; \
	if [ $$quick -ne 0 ]; then echo "make test: the quick checks failed" >&2; fi; \
	if [ $$rc -ne 0 ]; then echo "make test: the Rust lane failed" >&2; fi; \
	if [ $$package -ne 0 ]; then echo "make test: the package lane failed" >&2; fi; \
	if [ $$native -ne 0 ]; then echo "make test: the native lane failed" >&2; fi; \
	test $$quick -eq 0 && test $$rc -eq 0 && test $$package -eq 0 && test $$native -eq 0

# The lanes of `make test`, each one step after another. The Rust lane
# ends with the tests, which keep two cores busy once the package lane is
# done; its clippy checks, mostly one crate at a time, come first (run
# after the tests instead, they delayed the package and the JavaScript
# tests behind it by more than they gained: 11:50 against 10:45). The
# native lane's checks need the package (make test runs them once `pkg` is
# built).
.PHONY: test-checks test-rust test-native-build test-native-check
test-checks: fmt-check unicode-check goaml-check schema
test-rust: clippy-shapes unit
test-native-build:
	$(MAKE) --no-print-directory native-tools native-host native-static NATIVE_PROFILE=native-ci
test-native-check:
	$(MAKE) --no-print-directory native-python native-kotlin native-rn NATIVE_PROFILE=native-ci

fmt-check:
	$(CARGO) fmt --all -- --check

# Clippy in the build that make test needs anyway. `cargo clippy` runs
# clippy-driver as the compiler of the workspace's own crates
# (RUSTC_WORKSPACE_WRAPPER, CLIPPY_ARGS) in a check build; the same driver
# in the unit tests' build lints and compiles in one pass (the library, its
# tests, the examples, build.rs), so make test does not compile the crate a
# second time only to lint it. Dependencies are compiled by plain rustc, as
# under `cargo clippy`. Never for the package's modules: clippy-driver turns
# MIR optimizations off, which changes the code (the runtime module came
# out 150 bytes larger).
LINT := RUSTC_WORKSPACE_WRAPPER="$$(rustup which clippy-driver)" CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings
CLIPPY := $(CARGO) clippy --locked --profile ci

# The Rust tests, linted as they build (LINT above); the goAML reports
# they write are then validated against the real schema (goaml-validate).
unit:
	@mkdir -p target/goaml
	$(LINT) JEJAK_GOAML_OUT=$(CURDIR)/target/goaml JEJAK_PROPTEST_CASES=$(PROPTEST_CASES) $(CARGO) test --locked --profile ci --lib --test integration --examples
	$(LINT) $(CARGO) test --locked --profile ci --doc
	$(MAKE) --no-print-directory goaml-samples

# Clippy on the shapes no test builds: the wasm32 binding with and without
# its `tools` feature, the core with it. The core without its pack tools on
# the host (as native hosts that read images use it) is `make clippy`'s: its
# code is the wasm32 runtime shape's but for `signed::system_now_ms`, whose
# host version the unit tests' build lints (make test saved 19 s and 28 s of
# CPU without the run; docs/DESIGN.md, "Build and test time").
.PHONY: clippy-shapes
clippy-shapes:
	$(CLIPPY) -p jejak-wasm --target $(WASM_TARGET) -- -D warnings
	$(CLIPPY) -p jejak-wasm --features tools --target $(WASM_TARGET) -- -D warnings

# Every shape as plain clippy runs (check builds, quicker when only
# linting): make test's lint, without its tests, and the host runtime shape.
clippy: clippy-shapes
	$(CLIPPY) --lib --no-default-features -- -D warnings
	$(CLIPPY) --all-targets -- -D warnings
	$(CLIPPY) -p jejak-uniffi -- -D warnings

schema: setup-python
	$(PYTHON) tests/schema_check.py

# src/normalize/tables.rs must be exactly what gen_tables.py writes from the
# pinned Unicode data files in tests/data/ucd/ (plain python3 and rustfmt, no
# network); exits 1 when it is stale.
.PHONY: unicode-check
unicode-check: setup-rust
	$(PYTHON) src/normalize/gen_tables.py --check

# src/cases/goaml/schema.rs must be exactly what gen_schema.py writes from
# tests/data/goaml/goAMLSchema.xsd (python3 with xmlschema, and rustfmt);
# exits 1 when it is stale.
.PHONY: goaml-check goaml-validate
goaml-check: setup-rust setup-python
	$(PYTHON) src/cases/goaml/gen_schema.py --check

# The goAML reports the Rust tests write (a case with every party's KYC
# record, one with placeholders, one with indicator codes mapped, one with
# the shapes the example lacks), validated against the real goAML 5.0.1
# schema (XSD 1.1); mapped.xml against a copy whose report_indicator_type
# lists its code.
goaml-validate: setup-python
	@mkdir -p target/goaml
	JEJAK_GOAML_OUT=$(CURDIR)/target/goaml $(CARGO) test --locked --lib cases::goaml::tests::writes_the_sample_reports
	$(MAKE) --no-print-directory goaml-samples

.PHONY: goaml-samples
goaml-samples:
	$(PYTHON) tests/goaml_check.py target/goaml/full.xml target/goaml/placeholder.xml target/goaml/shapes.xml
	$(PYTHON) tests/goaml_check.py target/goaml/mapped.xml --widen-indicators CSE01

# The generated contracts (src/contracts.rs): docs/pack.schema.json,
# docs/transaction.schema.json, docs/cases.schema.json, www/lib/grammar.js
# and pkg/index.d.ts, rewritten from the Rust types and tables, with the
# cases schema's example (docs/cases.example.json, from the scenario in
# src/cases/tests.rs);
# and the default pack's image, src/packs/default.jjk, compiled from its
# JSON by build.rs (which otherwise fails when the two differ). `make unit`
# fails when a committed copy differs; run this after changing their Rust
# source, and commit the result.
.PHONY: contracts
contracts: setup-rust
	JEJAK_BLESS=1 $(CARGO) test --locked --lib contracts

# The sample transactions screened through the npm package's CLI, exactly as
# `npx jejak screen` would (the native report: cargo run --example report),
# then the demo page on http://127.0.0.1:8080/www/ until Ctrl-C.
# `make demo SERVE=0` stops after the report. The page's one third-party
# file, the graph library of its "Follow the money" view (cytoscape, MIT),
# is served from tests/node_modules, where setup-node installs the version
# tests/package.json pins: no CDN.
demo: pkg setup-node
	node pkg/bin/jejak.mjs screen www/samples/transactions.ndjson
	@if [ "$(SERVE)" != "0" ]; then node www/serve.mjs --port 8080; fi

# The npm package: two modules, each cargo build (profile wasm) ->
# wasm-bindgen (web and nodejs glue) -> wasm-opt -Oz, then
# pkg/tools/finish.mjs. The runtime (dist/jejak_bg.wasm) is the binding
# crate without its `tools` feature: screening, history, explain, signatures
# and the image reader. The tools module (dist/tools/) is the crate with it:
# the JSON pack compiler, lint, validation, deltas, hashing
# (docs/DESIGN.md, "Runtime and tools").
#
# Both builds share one target directory, one after the other, so the
# dependencies compile once (two directories side by side took 88 s on a
# fresh clone against 57 s this way). Their output has one name, so each
# module is copied aside as soon as it is linked, and the runtime's glue and
# wasm-opt run while the tools module compiles. The Node tooling (wasm-opt
# comes from it) installs while the runtime compiles (29 s on a fresh clone
# that were the package lane's alone). wasm-opt --converge on the
# runtime only: on the tools module, which no page or process loads to
# screen, it took 11 s for 160 bytes gzip.
PKG_BUILD := target/pkg-build
WASM_BUILD := $(CARGO) build --locked --profile $(WASM_PROFILE) --target $(WASM_TARGET) -p jejak-wasm
pkg: setup-wasm
	rm -rf pkg/dist $(PKG_BUILD) && mkdir -p $(PKG_BUILD)
	$(MAKE) --no-print-directory setup-node > $(PKG_BUILD)/setup-node.log 2>&1 & node=$$!; \
	$(WASM_BUILD) && cp $(WASM) $(PKG_BUILD)/jejak.wasm; built=$$?; \
	wait $$node && npm=0 || npm=$$?; cat $(PKG_BUILD)/setup-node.log; \
	test $$npm -eq 0 && test $$built -eq 0
	{ wasm-bindgen --target web --weak-refs --omit-default-module-path --out-dir pkg/dist/web --out-name jejak $(PKG_BUILD)/jejak.wasm && \
	  wasm-bindgen --target nodejs --weak-refs --out-dir pkg/dist/node --out-name jejak $(PKG_BUILD)/jejak.wasm && \
	  tests/node_modules/.bin/wasm-opt $(WASM_OPT_FLAGS) --converge pkg/dist/web/jejak_bg.wasm -o pkg/dist/jejak_bg.wasm; } & \
	runtime=$$!; \
	$(WASM_BUILD) --features tools && \
	cp $(WASM) $(PKG_BUILD)/jejak_tools.wasm && \
	wasm-bindgen --target web --weak-refs --omit-default-module-path --out-dir pkg/dist/tools/web --out-name jejak_tools $(PKG_BUILD)/jejak_tools.wasm && \
	wasm-bindgen --target nodejs --weak-refs --out-dir pkg/dist/tools/node --out-name jejak_tools $(PKG_BUILD)/jejak_tools.wasm && \
	tests/node_modules/.bin/wasm-opt $(WASM_OPT_FLAGS) pkg/dist/tools/web/jejak_tools_bg.wasm -o pkg/dist/tools/jejak_tools_bg.wasm; \
	tools=$$?; wait $$runtime && test $$tools -eq 0
	rm -f pkg/dist/*/jejak_bg.wasm pkg/dist/*/jejak_bg.wasm.d.ts pkg/dist/*/jejak.d.ts
	rm -f pkg/dist/tools/*/jejak_tools_bg.wasm pkg/dist/tools/*/jejak_tools_bg.wasm.d.ts pkg/dist/tools/*/jejak_tools.d.ts
	node pkg/tools/finish.mjs

# The npm package in real runtimes (tests/js/*.test.mjs, Node's test runner):
# the JS API, the CLI, and consumer projects per runtime. Two files at a
# time: most of them wait on a child process (a browser, workerd, Deno, the
# CLI) for part of their run, and every file keeps its own temporary
# directories and ephemeral ports (212 s one at a time, 143 s two).
# The package is packed once for all of them (JEJAK_TARBALL; a test file
# run on its own packs it itself).
test-js: pkg test-js-run
.PHONY: test-js-run
test-js-run: setup-chromium
	rm -rf target/tarball && mkdir -p target/tarball
	cd pkg && npm pack --silent --pack-destination ../target/tarball > /dev/null
	cd tests && JEJAK_TARBALL="$$(ls $(CURDIR)/target/tarball/*.tgz)" node --test --test-concurrency=2 js/

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
size: pkg size-check native-size

size-check:
	@node pkg/tools/size.mjs --budget $(SIZE_BUDGET_GZIP)
	@echo "  (baseline $(SIZE_BASELINE_GZIP) bytes gzip before issue 20)"

# The native binding (bindings/uniffi, UniFFI 0.31.2; issue 22), in two
# builds of the same steps, NATIVE_PROFILE choosing the Cargo profile:
#
# - `make native` (profile native: release, unwinding): the Python wheel
#   (maturin; module `jejak`) and the host's libraries, then pytest against
#   the npm package built here (every sample row byte for byte, a replay
#   with history, the typed records, every error code, the README's
#   example, and the Swift binding's C module generated, compiled against
#   the static library and run: tests/ffi_header.c), the Kotlin script on
#   the JVM through UniFFI's own foreign-language harness (`cargo test
#   --test bindings`), React Native (native-rn) and the Android and iOS
#   static libraries.
# - make test's native lane (profile native-ci: unoptimized, with debug
#   assertions): the same, but the Kotlin script runs as the harness runs it
#   (uniffi-bindgen, then kotlinc twice) with the uniffi-bindgen installed
#   once; the harness's test binary compiles UniFFI's generator into itself,
#   143 s of CPU, and it runs for a second (docs/DESIGN.md, "Build and test
#   time").
#
# The generators (uniffi-bindgen from bindings/uniffi/bindgen, pinned by
# the crate, and uniffi-bindgen-react-native) install once with cargo
# install, as wasm-bindgen-cli does; kotlinc 2.3.21 comes from npm
# (bindings/uniffi/kotlin), JNA from Debian.
UNIFFI_VERSION := 0.31.2
MATURIN_VERSION := 1.16.0
NATIVE_TARGETS := aarch64-linux-android aarch64-apple-ios
NATIVE_PROFILE ?= native
NATIVE_LIB := $(CURDIR)/target/$(NATIVE_PROFILE)/libjejak_uniffi
NATIVE_WORK := $(CURDIR)/target/native-work/$(NATIVE_PROFILE)
.PHONY: native native-system native-tools native-host native-static native-python native-kotlin native-libs

native: setup-rust pkg native-system native-tools native-host native-python
	@# JNA finds a library of the binding's name in target/debug before the
	@# harness's fresh copy: a `cargo build -p jejak-uniffi` from before a
	@# change made the Kotlin tests run old code once.
	rm -f target/debug/libjejak_uniffi.so
	PATH="$(CURDIR)/bindings/uniffi/kotlin/node_modules/kotlin-compiler/bin:$$PATH" CLASSPATH=/usr/share/java/jna.jar \
		$(CARGO) test --locked -p jejak-uniffi --test bindings
	$(MAKE) --no-print-directory native-rn
	$(MAKE) --no-print-directory native-libs

# What the native steps need from the system, installed one at a time before
# anything runs beside them (apt, rustup and pip each take a lock of their
# own): JNA, the device targets' standard libraries, maturin and pytest.
native-system: setup-rust
	@test -f /usr/share/java/jna.jar || { apt-get update -qq && apt-get install -y -qq libjna-java libjna-jni; }
	@$(call rustup-targets,$(NATIVE_TARGETS))
	@$(PYTHON) -c 'import importlib.metadata as m, sys; sys.exit(m.version("maturin") != "$(MATURIN_VERSION)")' 2>/dev/null || \
		$(PYTHON) -m pip install --quiet 'maturin==$(MATURIN_VERSION)'
	@$(PYTHON) -c 'import pytest' 2>/dev/null || $(PYTHON) -m pip install --quiet pytest

# The generators, once per machine, and the npm packages, once per clone.
native-tools:
	@uniffi-bindgen --version 2>/dev/null | grep -qx 'uniffi-bindgen $(UNIFFI_VERSION)' || \
		$(CARGO) install --locked --path bindings/uniffi/bindgen
	@cd bindings/uniffi/kotlin && { cmp -s package-lock.json node_modules/.jejak-lock 2>/dev/null || \
		{ $(NPM) ci --no-audit --no-fund && cp package-lock.json node_modules/.jejak-lock; }; }
	@cd $(RN) && { cmp -s package-lock.json node_modules/.jejak-lock 2>/dev/null || \
		{ $(NPM) ci --no-audit --no-fund --ignore-scripts && cp package-lock.json node_modules/.jejak-lock; }; }
	@$(CARGO) install --list | grep -qx 'uniffi-bindgen-react-native v$(UBRN_VERSION).*' || \
		$(CARGO) install --debug --locked --path $(RN)/node_modules/uniffi-bindgen-react-native/crates/ubrn_cli

# The wheel, then the library in all three of its kinds (cdylib, staticlib,
# rlib): the second build compiles only the binding crate again, with the
# dependencies maturin's built.
native-host: native-wheel
	$(CARGO) build --locked -p jejak-uniffi --profile $(NATIVE_PROFILE) --lib

.PHONY: native-wheel
native-wheel:
	rm -rf $(NATIVE_WORK)/wheels
	cd bindings/uniffi && maturin build --locked --profile $(NATIVE_PROFILE) --out $(NATIVE_WORK)/wheels

# The static libraries an Android (arm64-v8a) and an iOS (arm64) app link,
# built without the NDK or Xcode: a static library needs no linker.
native-static:
	for t in $(NATIVE_TARGETS); do \
		$(CARGO) rustc --locked -p jejak-uniffi --profile $(NATIVE_PROFILE) --target "$$t" --lib --crate-type staticlib || exit 1; \
	done

# pytest against the npm package in pkg/ (built first), with the wheel
# installed into a directory of its own.
native-python:
	rm -rf $(NATIVE_WORK)/py
	$(PYTHON) -m pip install --quiet --no-deps --target $(NATIVE_WORK)/py $(NATIVE_WORK)/wheels/jejak-*.whl
	PYTHONPATH=$(NATIVE_WORK)/py JEJAK_STATICLIB=$(NATIVE_LIB).a JEJAK_NATIVE_PROFILE=$(NATIVE_PROFILE) \
		$(PYTHON) -m pytest -q -s bindings/uniffi/tests

# tests/bindings/test_jejak.kts as UniFFI's harness runs it
# (uniffi_bindgen::bindings::kotlin::run_script): the Kotlin bindings
# generated from the library, compiled into a jar beside a copy of the
# library, and the script run with both on the class path, warnings as
# errors. kotlinc's JVM keeps to its first compiler tier and the serial
# collector: 57 -> 34 s of CPU for the two runs.
KOTLIN := $(NATIVE_WORK)/kotlin
KOTLINC := PATH="$(CURDIR)/bindings/uniffi/kotlin/node_modules/kotlin-compiler/bin:$$PATH" \
	JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" kotlinc -nowarn -Werror
native-kotlin:
	rm -rf $(KOTLIN) && mkdir -p $(KOTLIN)
	cd bindings/uniffi && uniffi-bindgen generate --no-format --language kotlin --out-dir $(KOTLIN) --library $(NATIVE_LIB).so
	cp $(NATIVE_LIB).so $(KOTLIN)/
	$(KOTLINC) -d $(KOTLIN)/jejak_uniffi.jar -classpath /usr/share/java/jna.jar $$(find $(KOTLIN) -name '*.kt')
	CARGO_MANIFEST_DIR=$(CURDIR)/bindings/uniffi $(KOTLINC) -classpath $(KOTLIN):$(KOTLIN)/jejak_uniffi.jar:/usr/share/java/jna.jar \
		-J-ea -script bindings/uniffi/tests/bindings/test_jejak.kts

# React Native: uniffi-bindgen-react-native 0.31.0-5 and its runtimes, pinned
# in bindings/uniffi/react-native (npm; React Native 0.88.1 only for its JSI
# headers, installed without its scripts). The generator is a Rust program
# inside that package, installed once with cargo install (as uniffi-bindgen
# is), unoptimized: 6.5 minutes to build against 12 optimized, and it runs
# for a second. It writes the TypeScript API and JSI C++ of the React Native flavour,
# whose C++ is compiled here against React Native's headers, and the same API
# in its Node flavour over @ubjs/node, which esbuild bundles and
# test.mjs runs against the npm package. @ubjs/core is an alias of the
# generator's own package: the published @ubjs/core (0.31.0-3) fails on
# 0.31.0-5's errors, and the generator ships the same runtime under its name.
RN := bindings/uniffi/react-native
RN_GEN := $(RN)/generated/$(NATIVE_PROFILE)
UBRN_VERSION := 0.31.0-5
REACT_COMMON := $(RN)/node_modules/react-native/ReactCommon
.PHONY: native-rn
native-rn: native-tools
	rm -rf $(RN_GEN) && mkdir -p $(RN_GEN)
	cd bindings/uniffi && uniffi-bindgen-react-native generate napi bindings --no-format --lib-absolute \
		--library $(NATIVE_LIB).so --ts-dir $(CURDIR)/$(RN_GEN)/napi/ts
	cd bindings/uniffi && uniffi-bindgen-react-native generate jsi bindings --library --no-format \
		--ts-dir $(CURDIR)/$(RN_GEN)/jsi/ts --cpp-dir $(CURDIR)/$(RN_GEN)/jsi/cpp $(NATIVE_LIB).so
	$(CXX) -std=c++20 -Wall -Werror -c -I $(RN_GEN)/jsi/cpp -I $(REACT_COMMON) -I $(REACT_COMMON)/jsi \
		-I $(REACT_COMMON)/callinvoker -I $(RN)/node_modules/uniffi-bindgen-react-native/cpp/includes \
		$(RN_GEN)/jsi/cpp/jejak_uniffi.cpp -o $(RN_GEN)/jejak_uniffi.o
	$(RN)/node_modules/.bin/esbuild $(RN_GEN)/napi/ts/index.ts --bundle --platform=node --format=esm \
		--external:@ubjs/node --external:@ubjs/core --log-level=warning --outfile=$(RN_GEN)/jejak.mjs
	JEJAK_RN_API=$(CURDIR)/$(RN_GEN)/jejak.mjs JEJAK_RN_JSI_TS=$(CURDIR)/$(RN_GEN)/jsi/ts/jejak_uniffi.ts \
		JEJAK_RN_NAPI_TS=$(CURDIR)/$(RN_GEN)/napi/ts/jejak_uniffi.ts node --test $(RN)/test.mjs

# `make native`'s device step: the static libraries (their sizes printed,
# though an app links only what it calls from them), then native-size.
native-libs: native-system native-static
	@for t in $(NATIVE_TARGETS); do \
		printf '  %-48s %9d bytes\n' "$$t static library" "$$(stat -c %s target/$$t/$(NATIVE_PROFILE)/libjejak_uniffi.a)"; \
	done
	$(MAKE) --no-print-directory native-size

# What an app ships, in the release build (profile native): the Android
# library as a `.so` per ABI, stripped, and the Python wheel (`make size`
# prints these). The NDK's clang links an app's `.so`
# (bindings/uniffi/README.md), and the NDK cannot be installed here; for its
# size, rust-lld links the same code, stripped, against empty stand-ins for
# the NDK's system libraries (ANDROID_STUBS): the same code and exports, but
# no DT_NEEDED entries, so a measurement, not a library to ship, and a lower
# bound: the NDK links its libunwind in (bindings/uniffi/README.md).
ANDROID_ABIS := arm64-v8a:aarch64-linux-android armeabi-v7a:armv7-linux-androideabi x86_64:x86_64-linux-android x86:i686-linux-android
ANDROID_STUBS := target/android-stubs
.PHONY: native-size
native-size: setup-rust native-system
	@$(call rustup-targets,$(foreach a,$(ANDROID_ABIS),$(lastword $(subst :, ,$(a)))))
	@mkdir -p $(ANDROID_STUBS) target/android-so
	@for l in c m dl log unwind gcc; do echo '/* empty: a size measurement only */' > $(ANDROID_STUBS)/lib$$l.so; done
	for a in $(ANDROID_ABIS); do abi=$${a%%:*}; t=$${a#*:}; \
		$(CARGO) rustc --locked -p jejak-uniffi --profile native --target "$$t" --lib --crate-type cdylib -- \
			-C linker="$$(rustc --print sysroot)/lib/rustlib/$$(rustc -vV | sed -n 's/^host: //p')/bin/rust-lld" \
			-C linker-flavor=ld.lld -C strip=symbols -L $(ANDROID_STUBS) && \
		mkdir -p target/android-so/$$abi && cp target/$$t/native/libjejak_uniffi.so target/android-so/$$abi/ || exit 1; \
	done
	$(MAKE) --no-print-directory native-wheel NATIVE_PROFILE=native
	@echo "The native binding (release, profile native):"
	@for a in $(ANDROID_ABIS); do abi=$${a%%:*}; f=target/android-so/$$abi/libjejak_uniffi.so; \
		printf '  %-48s %9d bytes, %d gzip\n' "Android $$abi .so, stripped (measured link)" "$$(stat -c %s $$f)" "$$(gzip -9 -c $$f | wc -c)"; \
	done
	@for w in target/native-work/native/wheels/jejak-*.whl; do \
		printf '  %-48s %9d bytes\n' "Python wheel $$(basename $$w)" "$$(stat -c %s $$w)"; \
	done

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
	$(MAKE) bench-cases

# The case builder at scale (benches/cases.rs): a 1,000,000-row time-sorted
# log with its verdicts (written once, about 600 MB), both passes over it
# with the verdicts supplied (exits 1 past the budget: 10 s and 1 GiB
# resident) and with each row screened with history (reported). Each run is
# a process of its own, so its peak memory is its own.
.PHONY: bench-cases
bench-cases: setup-rust
	mkdir -p target/bench
	CARGO_TARGET_DIR=target/bench-native $(CARGO) build --locked --release --manifest-path benches/Cargo.toml --bin cases
	test -s target/bench/cases-1m.ndjson || target/bench-native/release/cases generate target/bench/cases-1m.ndjson
	target/bench-native/release/cases run target/bench/cases-1m.ndjson screen
	target/bench-native/release/cases run target/bench/cases-1m.ndjson supplied

# The demo's bundled logs: the batch samples (examples/samples.rs), the
# History view's scenarios and the "Follow the money" scenario (the two
# scripts are deterministic; tests/js/demo.test.mjs runs each with --check).
samples: setup-rust
	$(CARGO) run --locked --example samples
	node www/samples/make-history.mjs
	node www/samples/make-cases.mjs

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --locked --no-deps

clean:
	$(CARGO) clean
