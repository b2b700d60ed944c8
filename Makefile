# jejak — developer commands. `make test` is what CI runs (.ci/run).
#
# Every target installs what it needs and skips what is already there, so a
# fresh clone on a fresh machine works with `make demo` and `make test`.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO ?= cargo
PYTHON ?= python3
WASM_TARGET := wasm32-unknown-unknown
# 100,000 cases per property, as the project promises; an optimized test
# profile (Cargo.toml [profile.ci]) keeps that to seconds.
PROPTEST_CASES ?= 100000
SERVE ?= 1

.PHONY: help setup setup-rust setup-python test fmt-check clippy unit schema demo bench samples doc clean

help:
	@echo "make demo    screen www/samples with the default pack and print a report"
	@echo "make test    format check, clippy (host and wasm32), all tests, schema check"
	@echo "make bench   criterion benchmark: transactions per second"
	@echo "make samples regenerate www/samples/ (deterministic)"

setup: setup-rust setup-python

setup-rust:
	@command -v $(CARGO) >/dev/null || { echo "cargo not found: install Rust with rustup" >&2; exit 1; }
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
	@rustup target list --installed | grep -qx '$(WASM_TARGET)' || rustup target add $(WASM_TARGET)

# The schema check uses the PyPI `jsonschema` package.
setup-python:
	@$(PYTHON) -c 'import jsonschema' 2>/dev/null || $(PYTHON) -m pip install --quiet 'jsonschema>=4.18'

test: setup fmt-check clippy unit schema

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --locked --all-targets -- -D warnings
	$(CARGO) clippy --locked --lib --target $(WASM_TARGET) -- -D warnings

unit:
	JEJAK_PROPTEST_CASES=$(PROPTEST_CASES) $(CARGO) test --locked --profile ci

schema: setup-python
	$(PYTHON) tests/schema_check.py

demo: setup-rust
	$(CARGO) run --locked --release --example report -- www/samples/transactions.ndjson

bench: setup-rust
	$(CARGO) bench --locked --bench screen

samples: setup-rust
	$(CARGO) run --locked --example samples

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --locked --no-deps

clean:
	$(CARGO) clean
