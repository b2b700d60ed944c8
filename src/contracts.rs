//! Generated contracts: files other programs read, written from the Rust
//! types and tables instead of being kept in step by hand.
//!
//! * `docs/pack.schema.json`: the pack format as JSON Schema, from the
//!   condition grammar (`pack::grammar`) and the Rust enumerations
//!   (channels, categories, pattern kinds, grades, scopes).
//! * `www/lib/grammar.js`: the condition kinds, their argument shapes and
//!   their wording, which the demo page renders.
//! * `pkg/index.d.ts`: the npm package's TypeScript declarations.
//!
//! Each is checked by a test that fails when the committed file differs from
//! what the generator writes; `make contracts` (`JEJAK_BLESS=1`) rewrites
//! them. Compiled only for tests: the generators use serde_json and never
//! reach the wasm module.

use std::path::Path;

use serde_json::{json, Map, Value};

use crate::pack::grammar::{Arg, KINDS, SCOPES};
use crate::pack::Party;
use crate::patterns::PatternKind;
use crate::transaction::Channel;
use crate::vocab::{Category, Grade};

/// Compares `generated` with the committed file at `path` (from the crate
/// root); with `JEJAK_BLESS=1`, writes it instead.
pub(crate) fn check(path: &str, generated: &str) {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("JEJAK_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&full, generated).unwrap();
        return;
    }
    // The published crate leaves out pkg/ and www/ (Cargo.toml `exclude`):
    // there is nothing to compare with.
    if !full.parent().is_some_and(Path::is_dir) {
        return;
    }
    let committed = std::fs::read_to_string(&full).unwrap_or_default();
    if committed != generated {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map_or_else(|| committed.lines().count().min(generated.lines().count()) + 1, |i| i + 1);
        panic!(
            "{path} differs from what src/contracts.rs generates (first at line {line}). It is a generated file: \
             change the Rust source and run `make contracts`, do not edit it by hand."
        );
    }
}

/// An object schema with the given required keys and properties, comments
/// (`_`-prefixed keys) allowed and nothing else.
fn object(required: &[&str], properties: Value) -> Value {
    json!({
        "type": "object",
        "required": required,
        "properties": properties,
        "patternProperties": { "^_": true },
        "additionalProperties": false,
    })
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/$defs/{name}") })
}

fn non_empty_array(items: Value) -> Value {
    json!({ "type": "array", "minItems": 1, "items": items })
}

/// A map keyed by `key` schemas (comments allowed) with `value` values.
fn map_of(key: Value, value: Value) -> Value {
    json!({
        "type": "object",
        "propertyNames": { "anyOf": [key, reference("commentKey")] },
        "patternProperties": { "^_": true },
        "additionalProperties": value,
    })
}

/// The schema of a condition argument of shape `arg`.
fn argument(arg: Arg) -> Value {
    match arg {
        Arg::Conditions => reference("conditionList"),
        Arg::Condition => reference("condition"),
        Arg::AtLeast => json!({ "type": "integer", "minimum": 1 }),
        Arg::Bool => json!({ "type": "boolean" }),
        Arg::Terms => reference("termSpec"),
        Arg::Near => object(
            &["a", "b", "within"],
            json!({
                "a": reference("termSpec"),
                "b": reference("termSpec"),
                "within": { "type": "integer", "minimum": 0, "maximum": 1000 },
                "field": { "enum": ["memo", "merchant.name", "merchant.descriptor"] },
            }),
        ),
        Arg::PatternKinds => {
            json!({ "oneOf": [reference("memoPatternKind"), non_empty_array(reference("memoPatternKind"))] })
        }
        Arg::Mccs => non_empty_array(json!({ "type": "string", "pattern": "^[0-9]{4}$" })),
        Arg::AmountBand => {
            let mut band = object(
                &["currency"],
                json!({ "min": reference("decimal"), "max": reference("decimal"), "currency": reference("currency") }),
            );
            band["anyOf"] = json!([{ "required": ["min"] }, { "required": ["max"] }]);
            band
        }
        Arg::RoundAmount => {
            let mut rule = object(
                &[],
                json!({
                    "multiples": map_of(reference("currency"), reference("positiveDecimal")),
                    "default": reference("positiveDecimal"),
                }),
            );
            rule["anyOf"] = json!([{ "required": ["multiples"] }, { "required": ["default"] }]);
            rule
        }
        Arg::Corridor => {
            let countries = non_empty_array(reference("country"));
            let mut corridor = object(&[], json!({ "from": countries, "to": countries }));
            corridor["anyOf"] = json!([{ "required": ["from"] }, { "required": ["to"] }]);
            corridor
        }
        Arg::Channels => non_empty_array(reference("channel")),
        Arg::Currencies => non_empty_array(reference("currency")),
        Arg::HourRange => object(
            &["from", "to"],
            json!({
                "from": { "type": "integer", "minimum": 0, "maximum": 23 },
                "to": { "type": "integer", "minimum": 0, "maximum": 24 },
            }),
        ),
        Arg::AccountAge => {
            let days = json!({ "type": "integer", "minimum": 0, "maximum": u32::MAX });
            json!({ "oneOf": [days, object(&["days"], json!({ "days": days, "party": { "enum": ["sender", "receiver"] } }))] })
        }
        Arg::IndicatorId => reference("indicatorId"),
        Arg::Watchlist => object(
            &["list"],
            json!({ "list": reference("listName"), "party": { "enum": Party::ALL.map(Party::as_str) } }),
        ),
        Arg::History => {
            let window = json!({ "type": "string", "pattern": "^([1-9]|[1-3][0-9]|4[0-8])h$|^([1-9]|[12][0-9]|30)d$" });
            let whole = json!({ "type": "integer", "minimum": 1 });
            let weeks = json!({ "type": "integer", "minimum": 1, "maximum": crate::history::HABIT_WEEKS });
            json!({
                "type": "object",
                "properties": {
                    "window": window,
                    "quiet": window,
                    "atLeast": { "anyOf": [whole, reference("decimal")] },
                    "factor": whole,
                    "share": whole,
                    "weeks": weeks,
                    "perWeek": { "type": "integer", "minimum": 1, "maximum": 15 },
                    "days": whole,
                    "variation": { "type": "integer", "minimum": 1, "maximum": 100 },
                    "only": non_empty_array(json!({ "enum": ["foreign", "new", "minor", "personal", "oneOff", "night"] })),
                    "to": non_empty_array(reference("country")),
                    "lists": non_empty_array(json!({ "type": "string" })),
                    "account": { "enum": ["receiver", "sender"] },
                    "currency": reference("currency"),
                },
                "patternProperties": { "^_": true },
                "additionalProperties": false,
            })
        }
    }
}

/// The pack JSON Schema.
pub(crate) fn pack_schema() -> Value {
    let text = json!({ "type": "string", "minLength": 1 });
    let ident = |upper: bool| {
        let pattern = if upper { "^[A-Z0-9][A-Z0-9._-]*$" } else { "^[a-z0-9][a-z0-9._-]*$" };
        json!({ "type": "string", "pattern": pattern, "maxLength": 64 })
    };
    let term_text = json!({ "type": "string", "minLength": 1, "maxLength": 256 });
    let mut defs = Map::new();
    let mut def = |name: &str, schema: Value| {
        defs.insert(name.to_string(), schema);
    };
    def("commentKey", json!({ "type": "string", "pattern": "^_" }));
    def("text", text.clone());
    def("packId", ident(false));
    def("listName", ident(false));
    def("indicatorId", ident(true));
    def(
        "date",
        json!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$" }),
    );
    def("currency", json!({ "type": "string", "description": "ISO 4217 alphabetic code.", "pattern": "^[A-Z]{3}$" }));
    def("country", json!({ "type": "string", "description": "ISO 3166-1 alpha-2 code.", "pattern": "^[A-Z]{2}$" }));
    def("channel", json!({ "enum": Channel::NAMES }));
    def(
        "decimal",
        json!({
            "description": "Non-negative decimal amount in major units, as a string (a JSON number is accepted too).",
            "oneOf": [{ "type": "string", "pattern": "^(0|[1-9][0-9]*)(\\.[0-9]+)?$" }, { "type": "number", "minimum": 0 }],
        }),
    );
    def(
        "positiveDecimal",
        json!({
            "description": "Positive decimal in major units, as a string (a JSON number is accepted too).",
            "oneOf": [
                { "type": "string", "pattern": "^(?!0+(\\.0+)?$)(0|[1-9][0-9]*)(\\.[0-9]+)?$" },
                { "type": "number", "exclusiveMinimum": 0 },
            ],
        }),
    );
    def("localized", object(&["en", "id"], json!({ "en": reference("text"), "id": reference("text") })));
    def(
        "source",
        object(
            &["id", "publisher", "title", "year", "url", "grade"],
            json!({
                "id": reference("text"),
                "publisher": reference("text"),
                "title": reference("text"),
                "year": { "type": "integer", "minimum": 0, "maximum": 9999 },
                "url": { "type": "string", "format": "uri", "minLength": 1 },
                "grade": { "enum": ([Grade::A, Grade::B, Grade::C].map(Grade::as_str)) },
            }),
        ),
    );
    def(
        "citation",
        json!({
            "description": "A source register id, or the id with the publisher's own reference for what the indicator implements.",
            "oneOf": [
                reference("text"),
                object(&["source"], json!({ "source": reference("text"), "ref": reference("sourceRef") })),
            ],
        }),
    );
    def("sourceRef", json!({ "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$" }));
    def(
        "fx",
        object(
            &["base", "date", "rates"],
            json!({
                "base": reference("currency"),
                "date": reference("date"),
                "rates": map_of(reference("currency"), reference("positiveDecimal")),
            }),
        ),
    );
    let score = json!({ "type": "integer", "minimum": 1, "maximum": 100 });
    def(
        "scoring",
        object(
            &["low", "review", "high", "cap"],
            json!({ "low": score, "review": score, "high": score, "cap": score }),
        ),
    );
    def(
        "term",
        json!({ "oneOf": [
            term_text,
            object(&["term"], json!({
                "term": term_text,
                "lang": {
                    "type": "string",
                    "description": "BCP 47 language tag; en when absent.",
                    "pattern": "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$",
                },
                "validated": { "type": "boolean" },
                "match": { "enum": ["word", "substring"] },
            })),
        ] }),
    );
    def("allowPhrases", json!({ "type": "array", "items": term_text }));
    let salt = json!({ "type": "string", "minLength": 16, "maxLength": 256, "pattern": "^[!-~]+$" });
    let hash = json!({ "type": "string", "pattern": "^[0-9a-f]{32}$" });
    def(
        "termList",
        json!({ "oneOf": [
            object(&["terms"], json!({ "terms": non_empty_array(reference("term")), "allow": reference("allowPhrases") })),
            object(&["salt", "hashed"], json!({
                "salt": salt,
                "hashed": non_empty_array(object(&["id", "hashes"], json!({
                    "id": { "type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$" },
                    "hashes": non_empty_array(hash.clone()),
                    "lang": { "type": "string", "pattern": "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$" },
                    "validated": { "type": "boolean" },
                }))),
            })),
        ] }),
    );
    def(
        "watchlist",
        object(
            &["kind", "salt", "hashes"],
            json!({
                "kind": { "enum": crate::watchlist::IdKind::ALL.map(crate::watchlist::IdKind::as_str) },
                "salt": salt,
                "hashes": { "type": "array", "items": hash },
            }),
        ),
    );
    def(
        "termSpec",
        json!({
            "description": "A named list of termLists, or an inline list.",
            "oneOf": [object(&["list"], json!({ "list": reference("listName") })), reference("termList")],
        }),
    );
    def("memoPatternKind", json!({ "enum": PatternKind::ALL.map(PatternKind::as_str) }));
    def(
        "indicator",
        object(
            &["id", "title", "category", "sources", "weight", "condition", "explanation"],
            json!({
                "id": reference("indicatorId"),
                "title": reference("localized"),
                "category": { "enum": Category::ALL.map(|(name, _)| name) },
                "sources": non_empty_array(reference("citation")),
                "weight": { "type": "integer", "minimum": 0, "maximum": 100 },
                "discounts": non_empty_array(reference("listName")),
                "condition": reference("condition"),
                "explanation": reference("localized"),
                "scope": { "enum": SCOPES },
            }),
        ),
    );
    def(
        "discount",
        object(
            &["title", "sources", "percent", "condition", "explanation"],
            json!({
                "title": reference("localized"),
                "sources": non_empty_array(reference("citation")),
                "percent": { "type": "integer", "minimum": 1, "maximum": 90 },
                "condition": reference("condition"),
                "explanation": reference("localized"),
            }),
        ),
    );
    def("conditionList", non_empty_array(reference("condition")));
    let mut kinds = Vec::new();
    for kind in KINDS {
        let name = format!("cond_{}", kind.name);
        let mut properties = Map::new();
        let mut arg = argument(kind.arg);
        arg["description"] = json!(kind.doc);
        properties.insert(kind.name.to_string(), arg);
        let mut required = vec![kind.name];
        if kind.arg == Arg::AtLeast {
            properties.insert("of".to_string(), reference("conditionList"));
            required.push("of");
        }
        def(&name, object(&required, Value::Object(properties)));
        kinds.push(reference(&name));
    }
    def(
        "condition",
        json!({
            "description": "An object with exactly one kind key (and, for atLeast, the key of). Nesting depth (at most 32 by default) and atLeast <= number of children are checked outside the schema.",
            "oneOf": kinds,
        }),
    );
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/jejak-project/jejak/docs/pack.schema.json",
        "title": "jejak indicator pack",
        "description": "Generated by src/contracts.rs from the loader's grammar (make contracts); do not edit. docs/PACKS.md is the reference. Unknown keys are errors everywhere except the top-level \"$schema\" and keys starting with \"_\" (comments). Rules a schema cannot express (unique ids, references to sources, term lists and indicators, reference cycles, placeholders, FX coverage of amount bands, threshold order, byte lengths, nesting depth, significant digits) are checked by the loader.",
        "type": "object",
        "required": ["id", "version", "published", "publisher", "license", "description", "sources", "fx", "scoring", "indicators"],
        "properties": {
            "$schema": { "type": "string" },
            "id": reference("packId"),
            "version": {
                "type": "string",
                "description": "Semantic version MAJOR.MINOR.PATCH with optional -pre and +build.",
                "pattern": "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$",
            },
            "published": reference("date"),
            "publisher": reference("text"),
            "license": reference("text"),
            "description": { "type": "string" },
            "sources": non_empty_array(reference("source")),
            "fx": reference("fx"),
            "scoring": reference("scoring"),
            "termLists": map_of(reference("listName"), reference("termList")),
            "watchlists": map_of(reference("listName"), reference("watchlist")),
            "discounts": map_of(reference("listName"), reference("discount")),
            "indicators": non_empty_array(reference("indicator")),
        },
        "patternProperties": { "^_": true },
        "additionalProperties": false,
        "$defs": defs,
    })
}

/// `www/lib/grammar.js`: the kinds, argument shapes and wording.
pub(crate) fn grammar_js() -> String {
    let mut kinds = Map::new();
    for kind in KINDS {
        let mut words = Map::new();
        for &(variant, en, id) in kind.words {
            words.insert(variant.to_string(), json!({ "en": en, "id": id }));
        }
        kinds.insert(kind.name.to_string(), json!({ "arg": kind.arg.as_str(), "words": words }));
    }
    let body = serde_json::to_string_pretty(&Value::Object(kinds)).unwrap();
    format!(
        "// Generated by src/contracts.rs from the condition grammar (src/pack/grammar.rs);\n\
         // do not edit: change the Rust table and run `make contracts`.\n\
         //\n\
         // Every condition kind of the pack format: the shape of its argument and\n\
         // its wording in English and Bahasa Indonesia. Templates are chosen by a\n\
         // variant key ('' when there is one) and use {{name}} placeholders that\n\
         // conditions.js fills per shape.\n\
         export const KINDS = {body};\n"
    )
}

// ---- pkg/index.d.ts ----

/// The package's TypeScript declarations, as a template: the parts with no
/// Rust type (the JS API, the input shapes) written out, the rest generated
/// into the `@@NAME@@` markers by [`index_d_ts`].
const INDEX_D_TS: &str = r#"// Types for the `jejak` package. GENERATED by src/contracts.rs; do not edit:
// `make contracts` rewrites this file and `make test` fails when it differs.
// The verdict types come from the Rust types (src/verdict.rs, src/vocab.rs,
// through ts-rs), the enumerations and the pack `Condition` type from the
// Rust tables (src/pack/grammar.rs), and the rest from the template in
// src/contracts.rs. The package tests typecheck a consumer against this file
// with `tsc --strict`.

@@CHANNEL@@
@@TRANSACTION@@
/** Options of a {@link Screener}. */
export interface ScreenerOptions {
@@OPTIONS@@}

@@VERDICT@@
export interface PackInfo extends PackRef {
  /** Number of indicators. */
  indicators: number;
}

@@ERROR_CODE@@
/** What `screenMany` and `validatePack` report instead of throwing. */
export interface ErrorInfo {
  code: JejakErrorCode;
  /** JSON pointer to the bad value, e.g. `/amount` or `/indicators/3/condition`. */
  path: string;
  message: string;
}

export type ScreenResult<V = Verdict> = { ok: true; verdict: V } | { ok: false; error: ErrorInfo };

/** The states `screenWithHistory` takes: bytes the host stored under each account id. */
export interface HistoryStates {
  sender?: Uint8Array | null | undefined;
  receiver?: Uint8Array | null | undefined;
}

/** What `screenWithHistory` returns. */
export interface HistoryResult<V = Verdict> {
  verdict: V;
  /** The sender's state after this payment (when `tx.sender.id` is given): at most 4 KiB. */
  sender?: Uint8Array;
  /** The receiver's state after this payment (when `tx.receiver.id` is given). */
  receiver?: Uint8Array;
}

/**
 * A pack that loads can still count one fact twice: `lint` lists indicators with the same
 * condition and facts counted by two weighted indicators (empty when there are none).
 */
export interface LintFinding {
  code: 'duplicate_condition' | 'fact_counted_twice';
  indicators: [string, string];
  message: string;
}

export type ValidationResult = { ok: true; pack: PackInfo; lint: LintFinding[] } | { ok: false; error: ErrorInfo };

/** Every bad transaction, pack or option is reported as a JejakError. */
export declare class JejakError extends Error {
  readonly name: 'JejakError';
  readonly code: JejakErrorCode;
  /** JSON pointer to the bad value ('' for the whole input). */
  readonly path: string;
}

// ---- Indicator packs (docs/PACKS.md) ----

export type Decimal = string | number;

export interface TermObject {
  term: string;
  lang?: string;
  validated?: boolean;
  match?: 'word' | 'substring';
}
export type Term = string | TermObject;

export interface TermList {
  terms: Term[];
  allow?: string[];
}

/**
 * A restricted vocabulary as salted hashes of its terms' normalized forms (`npx jejak hash-terms`
 * writes it): matched as a `word`-mode list, its evidence names a term `#` and its id, never the word.
 */
export interface HashedTermList {
  /** 16 to 256 printable ASCII characters. */
  salt: string;
  hashed: HashedTerm[];
}

export interface HashedTerm {
  /** 1 to 64 letters, digits, '.', '_' or '-'. */
  id: string;
  /** 32 lower-case hex digits each: the term's forms, hashed with the salt. */
  hashes: string[];
  lang?: string;
  validated?: boolean;
}

/**
 * Counterparty identifiers as salted hashes (`npx jejak hash-ids` writes it), flagged by the
 * condition `{ watchlist: { list, party } }`; see docs/PACKS.md, "Watchlists".
 */
export interface Watchlist {
  kind: 'phone' | 'wallet' | 'bank' | 'crypto';
  /** 16 to 256 printable ASCII characters. */
  salt: string;
  /** 32 lower-case hex digits each. */
  hashes: string[];
}

export type TermSpec = { list: string } | TermList;

/**
 * The parameters of a history condition (docs/PACKS.md): which keys a kind takes is in its doc.
 * Windows are `"1h"`-`"48h"` or `"1d"`-`"30d"`.
 */
export interface HistoryArgs {
  window?: string;
  quiet?: string;
  atLeast?: number | Decimal;
  factor?: number;
  share?: number;
  /** Whole weeks of a payee's weekly counts (`payeeWeeks`, `payeeGrowth`), 1 to 8. */
  weeks?: number;
  /** Payments a week counts as a habit week (`payeeWeeks`). */
  perWeek?: number;
  /** Days a steady pattern spans (`payeeSteady`). */
  days?: number;
  /** Percent an amount may vary and stay steady (`payeeSteady`). */
  variation?: number;
  only?: ('foreign' | 'new' | 'minor' | 'personal' | 'oneOff' | 'night')[];
  to?: string[];
  lists?: string[];
  account?: 'receiver' | 'sender';
  /** The currency of a sum's `atLeast` (which is then a decimal amount). */
  currency?: string;
}

@@CONDITION@@
export interface Localized {
  en: string;
  id: string;
}

export interface PackSource {
  id: string;
  publisher: string;
  title: string;
  year: number;
  url: string;
  grade: Grade;
}

export interface PackIndicator {
  id: string;
  title: Localized;
  category: Category;
  sources: (string | { source: string; ref?: string })[];
  weight: number;
  /** Discounts (names in the pack's `discounts`) that may lower the weight; the first that holds applies. */
  discounts?: string[];
  condition: Condition;
  explanation: Localized;
  scope?: @@SCOPE@@;
}

/**
 * A discount: one history measure that, when it holds, shows the customer's normal behaviour explains
 * the payment and lowers the weight of the indicators that list it (never a flag about a minor or a
 * watchlist hit). Its evidence and sentence are added to the flag.
 */
export interface PackDiscount {
  title: Localized;
  sources: (string | { source: string; ref?: string })[];
  /** Percent taken off the weight, 1 to 90. */
  percent: number;
  /** One history condition. */
  condition: Condition;
  explanation: Localized;
}

export interface IndicatorPack {
  $schema?: string;
  id: string;
  version: string;
  published: string;
  publisher: string;
  license: string;
  description: string;
  sources: PackSource[];
  fx: { base: string; date: string; rates: Record<string, Decimal> };
  scoring: { low: number; review: number; high: number; cap: number };
  termLists?: Record<string, TermList | HashedTermList>;
  watchlists?: Record<string, Watchlist>;
  discounts?: Record<string, PackDiscount>;
  indicators: PackIndicator[];
}

/** A delta's changes to the entries of a pack's list, by `id`. */
export interface DeltaChanges<T> {
  /** New entries, appended at the end. */
  add?: T[];
  /** Entries replaced whole, in place. */
  modify?: T[];
  /** Ids of entries removed. */
  remove?: string[];
}

/**
 * The changes that take a pack from one version to the next (`npx jejak diff A B --delta`). Applying
 * it is all or nothing: it must name the pack in use by id, version and digest, and the pack it makes
 * must load.
 */
export interface PackDelta {
  /** The id of the pack it applies to. */
  delta: string;
  from: { version: string; digest: string };
  to: { version: string; published?: string };
  sources?: DeltaChanges<PackSource>;
  indicators?: DeltaChanges<PackIndicator>;
  termLists?: {
    add?: Record<string, TermList | HashedTermList>;
    modify?: Record<string, TermList | HashedTermList>;
    remove?: string[];
  };
  watchlists?: {
    add?: Record<string, Watchlist>;
    modify?: Record<string, Watchlist>;
    remove?: string[];
  };
  discounts?: {
    add?: Record<string, PackDiscount>;
    modify?: Record<string, PackDiscount>;
    remove?: string[];
  };
}

/**
 * Which signed packs and deltas a host accepts (`npx jejak keygen`, `npx jejak sign`). Nothing is
 * loaded before the signature verifies.
 */
export interface TrustOptions {
  /**
   * The publishers' public keys, `ed25519:` and 64 lower-case hex digits (the line `npx jejak keygen`
   * writes to `NAME.public`); at least one.
   */
  trustedKeys: string[];
  /** The lowest pack version accepted (semver); below it is `pack_downgrade`. */
  minVersion?: string;
  /** The time `validUntil` is checked against, in milliseconds since 1970 (default `Date.now()`). */
  now?: number;
}

/** What `signablePayload` returns: the canonical JSON text a signature covers. */
export interface SignablePayload {
  kind: 'pack' | 'delta';
  text: string;
}

/**
 * Screens transactions against an indicator pack. Build it once: the pack's
 * term automaton is compiled in the constructor. `V` is what `screen` returns:
 * the full `Verdict` (default) or, with `{ verdict: 'compact' }`, the
 * `CompactVerdict` that `explain` turns into the full one.
 */
export interface Screener<V extends Verdict | CompactVerdict = Verdict> {
  /**
   * Screens one transaction (an object, or its JSON text).
   * @throws {JejakError} `invalid_transaction` or `limit_exceeded`; the screener keeps working afterwards
   */
  screen(tx: Transaction | string): V;
  /**
   * Screens many transactions; a bad row is reported in place and the others are still screened.
   * @throws {JejakError} `limit_exceeded` when there are more than `maxBatch` (default 10,000)
   */
  screenMany(txs: ReadonlyArray<Transaction | string>): ScreenResult<V>[];
  /**
   * The full verdict of a compact one (or of a full one, in another locale): byte for byte what
   * `screen` returns in `verdict: 'full'` mode for the same transaction.
   * @param options `locale` of titles and explanations (default: the screener's)
   * @throws {JejakError} `invalid_verdict` when the verdict is malformed or was made with another pack
   */
  explain(verdict: CompactVerdict | Verdict | string, options?: { locale?: 'en' | 'id' } | null): Verdict;
  /**
   * Screens one transaction with its accounts' history (docs/STATE.md): `states.sender` is the state
   * stored under `tx.sender.id`, `states.receiver` the one under `tx.receiver.id` (missing: no history
   * yet). Store the returned states under the same ids. The verdict has history flags and a
   * `history` note; windows count by the transactions' timestamps, never a clock.
   * @throws {JejakError} `invalid_state` (path `/sender` or `/receiver`) for bytes that are not this
   * account's state, damaged or truncated ones, or a newer format; else as `screen`
   */
  screenWithHistory(tx: Transaction | string, states?: HistoryStates | null): HistoryResult<V>;
  /**
   * Updates the pack in use with a signed delta (`npx jejak sign` of a delta) and returns the new
   * pack's info. The swap is atomic: on any error this screener keeps screening with its old pack.
   * The pack tools apply it (`jejak/tools`: loaded on first use in Node, imported first elsewhere)
   * to the pack's JSON, so it applies to the default pack and packs given as JSON, not to images.
   * @param bytes the signed delta's bytes (a Node `Buffer` is a `Uint8Array`)
   * @throws {JejakError} `untrusted_key`, `bad_signature`, `pack_expired`; `pack_downgrade` when the
   * delta does not raise the version or makes one below `minVersion`; `invalid_pack` when the bytes
   * are not a signed delta, the delta is for another pack, version or digest, or the pack it makes
   * does not load; `invalid_option` for missing `trustedKeys`, a malformed key or another option
   */
  applyDelta(bytes: Uint8Array, options: TrustOptions): PackInfo;
  /**
   * Screens with the pack of this image from now on (`compilePack`, `npx jejak compile`), keeping
   * the options: how a host that ships images updates. Check where the image came from first
   * (`Screener.fromSignedPack` does, for signed images). The swap is atomic.
   * @throws {JejakError} `invalid_pack` when the bytes are not an image this engine reads (the
   * message names the byte at fault); `limit_exceeded` past `maxPackBytes`
   */
  usePack(image: Uint8Array): PackInfo;
  /** The pack in use. */
  readonly pack: PackInfo;
  /** The pack's level thresholds (the lowest score of each level) and its score cap. */
  readonly thresholds: { low: number; review: number; high: number; cap: number };
  /** Releases the WebAssembly memory now instead of at garbage collection. */
  free(): void;
}

export interface ScreenerConstructor {
  /**
   * @param pack a pack object or its JSON text, or a pack image (`compilePack`, `npx jejak compile`:
   * read without JSON); omitted, `undefined` or `null`: the default pack (shipped beside the module
   * as an image, checked by its SHA-256)
   * @param options locale, verdict form and limits; an unknown option or a bad value throws `invalid_option`
   * @throws {JejakError} `invalid_pack`, `invalid_option` or `limit_exceeded`
   */
  new (pack: IndicatorPack | string | Uint8Array | null | undefined, options: ScreenerOptions & { verdict: 'compact' }): Screener<CompactVerdict>;
  new (pack?: IndicatorPack | string | Uint8Array | null, options?: (ScreenerOptions & { verdict?: 'full' }) | null): Screener<Verdict>;
  /**
   * A screener over a signed pack (`npx jejak sign`), loaded only when it is signed by one of
   * `trustedKeys`, not expired and not below `minVersion`.
   * @param bytes the signed pack's bytes (a Node `Buffer` is a `Uint8Array`)
   * @param options the trust options, and the options of the constructor
   * @throws {JejakError} `invalid_pack` when the bytes are not a signed pack (or not a `Uint8Array`)
   * or the pack does not load; `untrusted_key`, `bad_signature`, `pack_expired`, `pack_downgrade`;
   * `invalid_option` for missing `trustedKeys`, a malformed key or another option; `limit_exceeded`
   */
  fromSignedPack(bytes: Uint8Array, options: TrustOptions & ScreenerOptions & { verdict: 'compact' }): Screener<CompactVerdict>;
  fromSignedPack(bytes: Uint8Array, options: TrustOptions & ScreenerOptions & { verdict?: 'full' }): Screener<Verdict>;
  readonly prototype: Screener<Verdict | CompactVerdict>;
}

export declare const Screener: ScreenerConstructor;

/** A fresh copy of the default pack. */
export declare function defaultPack(): IndicatorPack;

/**
 * A pack's image (`npx jejak compile`): versioned, checksummed bytes that `new Screener(image)`
 * reads without parsing JSON. Deterministic; verdicts keep the JSON's `pack.digest`. Sign it with
 * `npx jejak sign` to ship it to hosts (`Screener.fromSignedPack`).
 * @throws {JejakError} `invalid_pack` or `limit_exceeded` for a pack that does not load
 */
export declare function compilePack(pack: IndicatorPack | string, options?: ScreenerOptions): Uint8Array;

/**
 * Validates a pack without building a screener, with the same pack limits as
 * `new Screener(pack, options)` (`maxPackBytes`, `maxPackIndicators`, `maxPackTerms`,
 * `maxConditionDepth`).
 * @throws {JejakError} `invalid_option` for bad options, as the constructor does
 */
export declare function validatePack(pack: IndicatorPack | string, options?: ScreenerOptions): ValidationResult;

/**
 * The canonical JSON that `npx jejak sign` signs: of a delta when the JSON has a top-level `delta`
 * member, else of a pack (which must load: a broken pack is never signed).
 * @throws {JejakError} `invalid_pack` for a pack that does not load or a malformed delta
 */
export declare function signablePayload(json: IndicatorPack | PackDelta | string): SignablePayload;

/** What {@link verifySigned} found in a signed file. */
export interface VerifiedSigned {
  kind: 'pack' | 'delta';
  /** The pack's id (a delta's: the pack it applies to). */
  id: string;
  /** The pack's version (a delta's: the version it makes). */
  version: string;
  /** A delta's base version. */
  from?: string;
  /** The SHA-256 the envelope states for its payload, lower-case hex (a JSON pack's digest). */
  digest: string;
  /** The last day it is valid, `YYYY-MM-DD` (UTC); absent for no end. */
  validUntil?: string;
}

/**
 * Checks a signed pack or delta as a host would before using it (`npx jejak verify`): envelope,
 * key, signature and date, then a pack loads (a delta reads) and its version is at least
 * `minVersion`. Whether a delta applies is known only with the pack in use (`applyDelta`).
 * @throws {JejakError} `invalid_pack`, `untrusted_key`, `bad_signature`, `pack_expired`,
 * `pack_downgrade`, `limit_exceeded`; `invalid_option` for bad options
 */
export declare function verifySigned(bytes: Uint8Array, trust: TrustOptions): VerifiedSigned;

/**
 * The normalized forms of a term that a hashed term list holds hashes of (docs/PACKS.md,
 * "Restricted vocabularies"); `npx jejak hash-terms` hashes them with the list's salt.
 * @throws {JejakError} `invalid_option` for a term with nothing left to match after normalization
 */
export declare function termForms(term: string): string[];

/**
 * An identifier as a watchlist of `kind` hashes it (phones in E.164, local numbers through
 * `country`), or `undefined` when it cannot be normalized; `npx jejak hash-ids` hashes it.
 * @param country ISO 3166-1 alpha-2 country of local phone numbers
 * @throws {JejakError} `invalid_option` for an unknown kind or country
 */
export declare function normalizeIdentifier(
  kind: 'phone' | 'wallet' | 'bank' | 'crypto',
  id: string,
  country?: string,
): string | undefined;

/**
 * The size of the module's WebAssembly memory in bytes, for monitoring. It
 * grows to the largest working set seen and never shrinks; a steady value
 * over many screens means nothing leaks.
 */
export declare function memoryBytes(): number;

/**
 * A key whose text order is the order of the instants of RFC 3339
 * timestamps, as the engine reads them (to the fraction of a second; a leap
 * second is the next minute's second 0), or `undefined` for text the engine
 * does not read as a timestamp. What a host sorts payments by before it
 * replays them (`jejak/replay`'s `inTimeOrder`).
 */
export declare function timestampKey(timestamp: string): string | undefined;

/** The engine version, e.g. `0.1.0`. */
export declare const engineVersion: string;
"#;

/// The line width generated comments and unions are wrapped to.
const TS_WIDTH: usize = 100;

/// A quoted TypeScript string literal (the names here have no quotes or
/// backslashes to escape).
fn ts_literal(name: &str) -> String {
    assert!(!name.contains(['\'', '\\']), "{name:?} needs escaping");
    format!("'{name}'")
}

/// `text` wrapped to lines of at most `width` characters (at spaces).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        // A line starting with `@` would read as a JSDoc tag.
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width && !word.starts_with('@') {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Writes a JSDoc comment at `indent`: on one line when it fits.
fn push_doc(out: &mut String, indent: &str, lines: &[String]) {
    assert!(lines.iter().all(|l| !l.contains("*/")), "a doc comment would end early: {lines:?}");
    assert!(lines.iter().all(|l| !l.starts_with('@')), "a doc line would read as a JSDoc tag: {lines:?}");
    match lines {
        [] => {}
        [line] if indent.len() + line.chars().count() + 7 <= TS_WIDTH => {
            out.push_str(&format!("{indent}/** {line} */\n"));
        }
        _ => {
            out.push_str(&format!("{indent}/**\n"));
            for line in lines {
                let sep = if line.is_empty() { "" } else { " " };
                out.push_str(&format!("{indent} *{sep}{line}\n"));
            }
            out.push_str(&format!("{indent} */\n"));
        }
    }
}

/// `export type {name} = ...;` on one line when it fits, else a member a line.
fn push_union(out: &mut String, doc: &[String], name: &str, members: &[String]) {
    push_doc(out, "", doc);
    let line = format!("export type {name} = {};", members.join(" | "));
    if line.chars().count() <= TS_WIDTH {
        out.push_str(&line);
    } else {
        out.push_str(&format!("export type {name} =\n  | {};", members.join("\n  | ")));
    }
    out.push_str("\n\n");
}

/// The lines of a JSDoc comment as ts-rs writes it (`/**\n * line\n */`).
fn doc_lines(doc: &str) -> Vec<String> {
    let body = doc.trim().strip_prefix("/**").and_then(|d| d.strip_suffix("*/"));
    let body = body.unwrap_or_else(|| panic!("not a JSDoc comment: {doc}"));
    let mut lines: Vec<String> = body
        .lines()
        .map(|l| {
            let l = l.trim();
            let l = l.strip_prefix('*').unwrap_or(l);
            l.strip_prefix(' ').unwrap_or(l).trim_end().to_string()
        })
        .collect();
    while lines.first().is_some_and(String::is_empty) {
        lines.remove(0);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// Splits ts-rs output at each `sep` outside brackets, string literals and
/// comments.
fn split_top(text: &str, sep: u8) -> Vec<&str> {
    let b = text.as_bytes();
    let (mut parts, mut depth, mut start, mut i) = (Vec::new(), 0, 0, 0);
    while i < b.len() {
        match b[i] {
            quote @ (b'"' | b'\'') => i += 1 + text[i + 1..].find(char::from(quote)).unwrap(),
            b'/' if b.get(i + 1) == Some(&b'*') => i += text[i..].find("*/").unwrap() + 1,
            b'{' | b'[' | b'(' | b'<' => depth += 1,
            b'}' | b']' | b')' | b'>' => depth -= 1,
            c if c == sep && depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(&text[start..]);
    parts
}

/// A ts-rs type in this file's style: single-quoted literals, and `T[]`
/// for an array of a named type.
fn ts_type(ty: &str) -> String {
    assert!(!ty.contains('\\'), "unexpected escape in {ty}");
    let ty = ty.replace('"', "'");
    match ty.strip_prefix("Array<").and_then(|t| t.strip_suffix('>')) {
        Some(item) if item.bytes().all(|b| b.is_ascii_alphanumeric()) => format!("{item}[]"),
        _ => ty,
    }
}

/// A property of an object type.
struct Member {
    doc: Vec<String>,
    key: String,
    ty: String,
}

/// The properties of a ts-rs object type (`{ key: type, ... }`).
fn members(object: &str) -> Vec<Member> {
    let inner = object.trim().strip_prefix('{').and_then(|o| o.strip_suffix('}'));
    let inner = inner.unwrap_or_else(|| panic!("not an object type: {object}"));
    let mut out = Vec::new();
    for member in split_top(inner, b',').into_iter().map(str::trim).filter(|m| !m.is_empty()) {
        let (doc, rest) = match member.find("*/").filter(|_| member.starts_with("/**")) {
            Some(end) => (doc_lines(&member[..end + 2]), member[end + 2..].trim()),
            None => (Vec::new(), member),
        };
        let (key, ty) = rest.split_once(':').unwrap_or_else(|| panic!("not a property: {rest}"));
        out.push(Member { doc, key: key.trim().trim_matches('"').to_string(), ty: ts_type(ty.trim()) });
    }
    out
}

/// `export interface {name} { ... }` with the members' docs.
fn push_interface(out: &mut String, doc: &[String], name: &str, members: &[Member]) {
    push_doc(out, "", doc);
    out.push_str(&format!("export interface {name} {{\n"));
    for m in members {
        push_doc(out, "  ", &m.doc);
        out.push_str(&format!("  {}: {};\n", m.key, m.ty));
    }
    out.push_str("}\n\n");
}

/// The doc and the right-hand side of the declaration ts-rs writes for `T`
/// (`type Name = ...;`).
fn ts_decl<T: ts_rs::TS>() -> (Vec<String>, String) {
    let decl = T::decl();
    let rhs = decl.strip_prefix(&format!("type {} = ", T::name())).and_then(|d| d.strip_suffix(';'));
    let rhs = rhs.unwrap_or_else(|| panic!("unexpected ts-rs declaration: {decl}"));
    (T::docs().map(|d| doc_lines(&d)).unwrap_or_default(), rhs.to_string())
}

/// A struct as an interface.
fn push_struct<T: ts_rs::TS>(out: &mut String) {
    let (doc, rhs) = ts_decl::<T>();
    push_interface(out, &doc, &T::name(), &members(&rhs));
}

/// A unit enum as a union of its wire names; `expected`, when given, is the
/// list the Rust code writes (`as_str`), which must be the same names in the
/// same order as serde's.
fn push_enum<T: ts_rs::TS>(out: &mut String, expected: Option<&[&str]>) {
    let (doc, rhs) = ts_decl::<T>();
    let names: Vec<String> = split_top(&rhs, b'|').into_iter().map(|n| ts_type(n.trim())).collect();
    if let Some(expected) = expected {
        let expected: Vec<String> = expected.iter().map(|n| ts_literal(n)).collect();
        assert_eq!(names, expected, "{}: serde's names differ from as_str's", T::name());
    }
    push_union(out, &doc, &T::name(), &names);
}

/// The doc comment of `Evidence::{variant}` in src/verdict/mod.rs (ts-rs keeps
/// the docs of types and fields, not of enum variants).
fn variant_doc(variant: &str) -> Vec<String> {
    let source = include_str!("verdict/mod.rs");
    let lines: Vec<&str> = source.lines().skip_while(|l| !l.starts_with("pub enum Evidence {")).collect();
    let at = lines.iter().position(|l| *l == format!("    {variant} {{") || l.starts_with(&format!("    {variant}(")));
    let at = at.unwrap_or_else(|| panic!("Evidence::{variant} not found in src/verdict/mod.rs"));
    let mut doc: Vec<String> = lines[..at]
        .iter()
        .rev()
        .map(|l| l.trim())
        .skip_while(|l| l.starts_with("#["))
        .map_while(|l| l.strip_prefix("///"))
        .map(|l| l.strip_prefix(' ').unwrap_or(l).to_string())
        .collect();
    doc.reverse();
    doc
}

/// `Evidence` as one interface per variant (`kind` first; `TextEvidence`
/// for the `text` variant, `{Variant}Evidence` for the others) and their union.
fn push_evidence(out: &mut String) {
    let (doc, rhs) = ts_decl::<crate::verdict::Evidence>();
    let mut names = Vec::new();
    for variant in split_top(&rhs, b'|') {
        let (name, doc, members) = match split_top(variant, b'&').as_slice() {
            // `{ "kind": "text" } & TextEvidence`: a newtype variant.
            [tag, named] => {
                assert_eq!(
                    named.trim(),
                    <crate::verdict::TextEvidence as ts_rs::TS>::name(),
                    "an unexpected newtype variant"
                );
                let (doc, rhs) = ts_decl::<crate::verdict::TextEvidence>();
                let mut fields = members(tag);
                fields.extend(members(&rhs));
                (named.trim().to_string(), doc, fields)
            }
            [object] => {
                let fields = members(object);
                let kind = fields.first().filter(|m| m.key == "kind").map(|m| m.ty.trim_matches('\''));
                let kind = kind.unwrap_or_else(|| panic!("no `kind` first in {object}"));
                let rust = kind[..1].to_uppercase() + &kind[1..];
                (format!("{rust}Evidence"), variant_doc(&rust), fields)
            }
            _ => panic!("unexpected Evidence variant: {variant}"),
        };
        push_interface(out, &doc, &name, &members);
        names.push(name);
    }
    push_union(out, &doc, "Evidence", &names);
}

/// The TypeScript type of a condition argument of shape `arg` (the schema's
/// is [`argument`]).
fn ts_argument(arg: Arg) -> &'static str {
    match arg {
        Arg::Conditions => "Condition[]",
        Arg::Condition => "Condition",
        Arg::AtLeast => "number",
        Arg::Bool => "boolean",
        Arg::Terms => "TermSpec",
        Arg::Near => {
            "{ a: TermSpec; b: TermSpec; within: number; field?: 'memo' | 'merchant.name' | 'merchant.descriptor' }"
        }
        Arg::PatternKinds => "PatternKind | PatternKind[]",
        Arg::Mccs => "string[]",
        Arg::AmountBand => "{ min?: Decimal; max?: Decimal; currency: string }",
        Arg::RoundAmount => "{ multiples?: Record<string, Decimal>; default?: Decimal }",
        Arg::Corridor => "{ from?: string[]; to?: string[] }",
        Arg::Channels => "Channel[]",
        Arg::Currencies => "string[]",
        Arg::HourRange => "{ from: number; to: number }",
        Arg::AccountAge => "number | { days: number; party?: 'sender' | 'receiver' }",
        Arg::IndicatorId => "string",
        Arg::History => "HistoryArgs",
        Arg::Watchlist => "{ list: string; party?: 'sender' | 'receiver' | 'merchant' }",
    }
}

/// The pack `Condition` type: a member per kind of the grammar.
fn push_condition(out: &mut String) {
    let doc = "A pack condition: an object with exactly one kind key (and, for `atLeast`, the key `of`). \
               The loader also checks what a type cannot: the nesting depth (`maxConditionDepth`), \
               non-empty lists, and `atLeast` at most the number of children.";
    push_doc(out, "", &wrap(doc, TS_WIDTH - 3));
    out.push_str("export type Condition =\n");
    for kind in KINDS {
        out.push_str("  | {\n");
        push_doc(out, "      ", &wrap(kind.doc, TS_WIDTH - 9));
        out.push_str(&format!("      {}: {};\n", kind.name, ts_argument(kind.arg)));
        if kind.arg == Arg::AtLeast {
            out.push_str("      of: Condition[];\n");
        }
        out.push_str("    }\n");
    }
    out.pop();
    out.push_str(";\n\n");
}

/// `pkg/index.d.ts`: the template with the generated parts filled in.
pub(crate) fn index_d_ts() -> String {
    use crate::error::ErrorKind;
    use crate::normalize::Transform;
    use crate::verdict::{CompactFlag, CompactVerdict, Flag, HistoryNote, HistoryStatus, PackRef, Verdict};
    use crate::vocab::{Level, SourceRef};

    let mut channel = String::new();
    let channels: Vec<String> = Channel::NAMES.iter().map(|c| ts_literal(c)).collect();
    push_union(&mut channel, &["How the money moved.".to_string()], "Channel", &channels);

    let mut verdict = String::new();
    push_enum::<Level>(&mut verdict, None);
    push_enum::<Category>(&mut verdict, Some(&Category::ALL.map(|(name, _)| name)));
    push_enum::<Grade>(&mut verdict, Some(&[Grade::A, Grade::B, Grade::C].map(Grade::as_str)));
    push_enum::<Transform>(&mut verdict, None);
    push_enum::<PatternKind>(&mut verdict, Some(&PatternKind::ALL.map(PatternKind::as_str)));
    push_struct::<SourceRef>(&mut verdict);
    push_evidence(&mut verdict);
    push_struct::<Flag>(&mut verdict);
    push_struct::<PackRef>(&mut verdict);
    push_enum::<HistoryStatus>(&mut verdict, Some(&["updated", "late", "noId"]));
    push_struct::<HistoryNote>(&mut verdict);
    push_struct::<Verdict>(&mut verdict);
    push_struct::<CompactFlag>(&mut verdict);
    push_struct::<CompactVerdict>(&mut verdict);

    let mut error_code = String::new();
    let kinds = [
        ErrorKind::InvalidTransaction,
        ErrorKind::InvalidPack,
        ErrorKind::InvalidOption,
        ErrorKind::LimitExceeded,
        ErrorKind::InvalidVerdict,
        ErrorKind::InvalidState,
        ErrorKind::BadSignature,
        ErrorKind::UntrustedKey,
        ErrorKind::PackExpired,
        ErrorKind::PackDowngrade,
        ErrorKind::InvalidCase,
        ErrorKind::InvalidRecord,
    ];
    // Fails to compile when a kind is added, until it is listed above.
    for kind in kinds {
        match kind {
            ErrorKind::InvalidTransaction
            | ErrorKind::InvalidPack
            | ErrorKind::InvalidOption
            | ErrorKind::LimitExceeded
            | ErrorKind::InvalidVerdict
            | ErrorKind::InvalidState
            | ErrorKind::BadSignature
            | ErrorKind::UntrustedKey
            | ErrorKind::PackExpired
            | ErrorKind::PackDowngrade
            | ErrorKind::InvalidCase
            | ErrorKind::InvalidRecord => {}
        }
    }
    let codes: Vec<String> = kinds.map(|k| ts_literal(k.code())).into();
    push_union(&mut error_code, &[], "JejakErrorCode", &codes);

    let mut condition = String::new();
    push_condition(&mut condition);

    // The options JavaScript accepts, from the builder's own table.
    let mut options = String::new();
    for &(name, ty, js, doc) in crate::screener::OPTIONS {
        if js {
            options.push_str(&format!("  /** {doc} */\n  {name}?: {ty};\n"));
        }
    }

    let transaction = transaction_ts();

    let scope = SCOPES.map(ts_literal).join(" | ");
    let mut out = INDEX_D_TS.to_string();
    for (marker, text) in [
        ("@@CHANNEL@@\n", channel.as_str()),
        ("@@VERDICT@@\n", verdict.as_str()),
        ("@@ERROR_CODE@@\n", error_code.as_str()),
        ("@@CONDITION@@\n", condition.as_str()),
        ("@@SCOPE@@", scope.as_str()),
        ("@@OPTIONS@@", options.as_str()),
        ("@@TRANSACTION@@\n", transaction.as_str()),
    ] {
        assert_eq!(out.matches(marker).count(), 1, "{marker} in the template");
        out = out.replacen(marker, text, 1);
    }
    out
}

// ---- the transaction: pkg/index.d.ts, docs/transaction.schema.json, pkg/lib/fields.mjs ----

/// A field's doc, with its source when a publisher defines it.
fn field_doc(field: crate::transaction::Field) -> String {
    let doc = crate::transaction::DOCS.iter().find(|d| d.field == field).expect("every field is documented");
    if doc.source.is_empty() {
        doc.doc.to_string()
    } else {
        format!("{} Source: {}.", doc.doc, doc.source)
    }
}

/// The fields of one part, in table order.
fn part_fields(part: crate::transaction::Part) -> impl Iterator<Item = &'static crate::transaction::Spec> {
    crate::transaction::FIELDS.iter().filter(move |s| s.part == part)
}

/// The TypeScript type of a field's value.
fn field_ts(ty: crate::transaction::Ty) -> String {
    use crate::transaction::Ty;
    match ty {
        Ty::Amount => "string | number | bigint".to_string(),
        Ty::Bool => "boolean".to_string(),
        Ty::Days => "number".to_string(),
        Ty::Name(names) if std::ptr::eq(names.names, Channel::NAMES) => "Channel".to_string(),
        Ty::Name(names) => names.names.iter().map(|n| ts_literal(n)).collect::<Vec<_>>().join(" | "),
        Ty::Object(_) => unreachable!("parts are written as nested objects"),
        _ => "string".to_string(),
    }
}

/// The `Transaction` interface, from the field table.
fn transaction_ts() -> String {
    use crate::transaction::{Part, Ty};
    fn members(out: &mut String, part: Part, indent: &str) {
        for spec in part_fields(part) {
            push_doc(out, indent, &wrap(&field_doc(spec.field), TS_WIDTH - indent.len() - 3));
            let optional = if spec.required { "" } else { "?" };
            match spec.ty {
                Ty::Object(inner) => {
                    out.push_str(&format!("{indent}{}{optional}: {{\n", spec.key));
                    members(out, inner, &format!("{indent}  "));
                    out.push_str(&format!("{indent}}};\n"));
                }
                ty => out.push_str(&format!("{indent}{}{optional}: {};\n", spec.key, field_ts(ty))),
            }
        }
    }
    let mut out = String::new();
    push_doc(
        &mut out,
        "",
        &wrap(
            "One transaction (docs/transaction.schema.json). Unknown keys are ignored; a known key with a wrong type is an error; null reads as absent.",
            TS_WIDTH - 3,
        ),
    );
    out.push_str("export interface Transaction {\n");
    members(&mut out, Part::Top, "  ");
    out.push_str("}\n\n");
    out
}

/// The JSON Schema of one field's value (`null` allowed unless required:
/// null reads as absent).
fn field_schema(spec: &crate::transaction::Spec) -> Value {
    use crate::transaction::{Part, Ty};
    let doc = field_doc(spec.field);
    let nullable = |mut v: Value| {
        if !spec.required {
            if let Some(t) = v.get("type").and_then(Value::as_str).map(str::to_string) {
                v["type"] = json!([t, "null"]);
            } else if let Some(e) = v.get_mut("enum").and_then(Value::as_array_mut) {
                e.push(Value::Null);
            }
        }
        v["description"] = json!(doc);
        v
    };
    match spec.ty {
        Ty::Id | Ty::Text(_) => nullable(json!({ "type": "string" })),
        Ty::Timestamp => nullable(json!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$",
        })),
        Ty::Amount => json!({
            "description": doc,
            "oneOf": [{ "type": "string", "pattern": "^(0|[1-9][0-9]*)(\\.[0-9]+)?$" }, { "type": "number", "minimum": 0 }],
        }),
        Ty::Currency => nullable(json!({ "type": "string", "pattern": "^[A-Z]{3}$" })),
        Ty::Country => nullable(json!({ "type": "string", "pattern": "^[A-Z]{2}$" })),
        Ty::Mcc => nullable(json!({ "type": "string", "pattern": "^[0-9]{4}$" })),
        Ty::Name(names) => nullable(json!({ "enum": names.names })),
        Ty::Code => nullable(
            json!({ "type": "string", "pattern": format!("^[A-Za-z0-9]{{1,{}}}$", crate::transaction::MAX_CODE) }),
        ),
        Ty::Bool => nullable(json!({ "type": "boolean" })),
        Ty::Days => nullable(json!({ "type": "integer", "minimum": 0, "maximum": u32::MAX })),
        Ty::Object(part) => {
            let mut o = object_of(part);
            o["description"] = json!(doc);
            o["type"] = json!(["object", "null"]);
            let _ = Part::Top;
            o
        }
    }
}

/// An object of the table's fields (unknown keys allowed: they are ignored).
fn object_of(part: crate::transaction::Part) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for spec in part_fields(part) {
        properties.insert(spec.key.to_string(), field_schema(spec));
        if spec.required {
            required.push(spec.key);
        }
    }
    json!({ "type": "object", "required": required, "properties": properties, "additionalProperties": true })
}

/// The transaction JSON Schema.
pub(crate) fn transaction_schema() -> Value {
    let mut schema = object_of(crate::transaction::Part::Top);
    let top = schema.as_object_mut().expect("an object");
    let mut out = Map::new();
    out.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    out.insert("$id".into(), json!("https://github.com/jejak/jejak/docs/transaction.schema.json"));
    out.insert("title".into(), json!("jejak transaction"));
    out.insert(
        "description".into(),
        json!("One payment to screen. GENERATED by src/contracts.rs from the field table in src/transaction/fields.rs; do not edit. Unknown keys are ignored; null reads as absent. The engine checks more than a schema can say: a real calendar date, a known ISO code, the amount's decimals for its currency, and the text limits (maxMemoBytes, maxTextBytes)."),
    );
    out.append(top);
    Value::Object(out)
}

/// `pkg/lib/fields.mjs`: every field's path (the CSV columns `jejak/records`
/// reads) with the JSON type of its cells.
pub(crate) fn fields_mjs() -> String {
    use crate::transaction::{Part, Ty};
    let mut out = String::from(
        "// The transaction's fields: each path (a CSV column of `jejak/records`) and\n\
         // the JSON type its cells become. GENERATED by src/contracts.rs from the\n\
         // field table in src/transaction/fields.rs; do not edit: `make contracts`\n\
         // rewrites this file and `make test` fails when it differs.\n\n\
         /** `[path, type]` in table order; `type` is `string`, `number` or `boolean`. */\n\
         export const FIELDS = [\n",
    );
    let path = |spec: &crate::transaction::Spec| match spec.part {
        Part::Top => spec.key.to_string(),
        part => format!("{}.{}", part.key(), spec.key),
    };
    let mut values = String::from(
        "\n/** The values an enumerated field accepts, by path, in the engine's order. */\nexport const VALUES = {\n",
    );
    for spec in crate::transaction::FIELDS {
        let ty = match spec.ty {
            Ty::Object(_) => continue,
            Ty::Bool => "boolean",
            Ty::Days => "number",
            Ty::Name(names) => {
                let list = names.names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ");
                values.push_str(&format!("  '{}': [{list}],\n", path(spec)));
                "string"
            }
            _ => "string",
        };
        out.push_str(&format!("  ['{}', '{ty}'],\n", path(spec)));
    }
    out.push_str("];\n");
    out.push_str(&values);
    out.push_str("};\n");
    out
}

/// `pkg/lib/packed.mjs`: the JavaScript half of the packed transaction
/// (`src/transaction/packed.rs`), one statement per row of the field table,
/// and the numbering of levels and history statuses the verdict's header
/// uses.
pub(crate) fn packed_mjs() -> String {
    use crate::transaction::{Part, Tag, Ty, FIELDS, SLOTS};
    let names = |all: &[&str]| all.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ");
    let levels: Vec<&str> = crate::vocab::Level::ALL.iter().map(|l| l.as_str()).collect();
    let statuses: Vec<&str> = crate::verdict::HistoryStatus::ALL.iter().map(|h| h.as_str()).collect();
    let mut out = format!(
        "// The transaction's packed form: what the package hands the module instead of\n\
         // JSON text (src/transaction/packed.rs has the layout). GENERATED by\n\
         // src/contracts.rs from the field table in src/transaction/fields.rs; do not\n\
         // edit: `make contracts` rewrites this file and `make test` fails when it differs.\n\n\
         /** The rows' numbers: a tag and a length or value per row of the field table. */\n\
         export const SLOTS = {SLOTS};\n\
         /** Verdict levels, by the number the module gives. */\n\
         export const LEVELS = [{}];\n\
         /** What a screen with history did with a state, by number. */\n\
         export const HISTORY = [{}];\n\n\
         // A plain object: what JSON.stringify and a property read see alike.\n\
         const plain = (o) => {{\n\
         \x20 const p = Object.getPrototypeOf(o);\n\
         \x20 return (p === Object.prototype || p === null) && o.toJSON === undefined;\n\
         }};\n\
         // Each writes one row and returns the text it adds ('' for none), or\n\
         // undefined for a value of another type, which the JSON path reads.\n\
         function text(v, s, i) {{\n\
         \x20 if (v === undefined || v === null) return ((s[i] = {absent}), '');\n\
         \x20 if (typeof v !== 'string') return undefined;\n\
         \x20 s[i] = {str};\n\
         \x20 s[i + 1] = v.length;\n\
         \x20 return v;\n\
         }}\n\
         function amount(v, s, i) {{\n\
         \x20 if (typeof v === 'string') return text(v, s, i);\n\
         \x20 // A finite number or a BigInt as JSON.stringify (or the JSON path for\n\
         \x20 // a BigInt) writes it; NaN and the infinities are left to the JSON path,\n\
         \x20 // which names them.\n\
         \x20 if (!(typeof v === 'bigint' || Number.isFinite(v))) return v === undefined || v === null ? text(v, s, i) : undefined;\n\
         \x20 const t = String(v);\n\
         \x20 s[i] = {num};\n\
         \x20 s[i + 1] = t.length;\n\
         \x20 return t;\n\
         }}\n\
         function bool(v, s, i) {{\n\
         \x20 if (v === undefined || v === null) return ((s[i] = {absent}), '');\n\
         \x20 if (typeof v !== 'boolean') return undefined;\n\
         \x20 s[i] = v ? {yes} : {no};\n\
         \x20 return '';\n\
         }}\n\
         // Whether an object holds an object or array under a key the table\n\
         // does not have: JSON.stringify may refuse it (a cycle, too deep), so\n\
         // the JSON path reads the transaction and says so.\n\
         function nested(o, top) {{\n\
         \x20 for (const k in o) {{\n\
         \x20   const v = o[k];\n\
         \x20   if (typeof v === 'object' && v !== null && !(top && ({parts}))) return true;\n\
         \x20 }}\n\
         \x20 return false;\n\
         }}\n\
         function days(v, s, i) {{\n\
         \x20 if (v === undefined || v === null) return ((s[i] = {absent}), '');\n\
         \x20 if (!Number.isInteger(v) || v < 0 || v > 4294967295) return undefined;\n\
         \x20 s[i] = {uint};\n\
         \x20 s[i + 1] = v;\n\
         \x20 return '';\n\
         }}\n\n\
         /**\n\
         \x20* Writes a transaction's rows into `s` (a Uint32Array of SLOTS) and returns\n\
         \x20* its text, or undefined when the JSON path must read it: not a plain\n\
         \x20* object, a part that is not one, or a value of a type its row does not take.\n\
         \x20*/\n\
         export function encode(tx, s) {{\n\
         \x20 if (typeof tx !== 'object' || tx === null || !plain(tx) || nested(tx, true)) return undefined;\n\
         \x20 let t = '';\n\
         \x20 let x;\n\
         \x20 let p;\n",
        names(&levels),
        names(&statuses),
        absent = Tag::Absent as u32,
        str = Tag::Str as u32,
        num = Tag::Num as u32,
        yes = Tag::True as u32,
        no = Tag::False as u32,
        uint = Tag::Uint as u32,
        parts = FIELDS
            .iter()
            .filter(|s| matches!(s.ty, Ty::Object(_)))
            .map(|s| format!("k === '{}'", s.key))
            .collect::<Vec<_>>()
            .join(" || "),
    );
    for (i, spec) in FIELDS.iter().enumerate() {
        let slot = 2 * i;
        if let Ty::Object(part) = spec.ty {
            // The part's own row is always absent; its rows follow, read from
            // the part or all absent.
            let rows: Vec<usize> =
                FIELDS.iter().enumerate().filter(|(_, s)| s.part == part).map(|(j, _)| 2 * j).collect();
            let clear = rows.iter().map(|r| format!("s[{r}] = 0;")).collect::<Vec<_>>().join(" ");
            out.push_str(&format!(
                "  s[{slot}] = {absent};\n  p = tx.{key};\n  if (p === undefined || p === null) {{\n    {clear}\n  }} else {{\n    if (typeof p !== 'object' || !plain(p) || nested(p, false)) return undefined;\n",
                absent = Tag::Absent as u32,
                key = spec.key,
            ));
            for (j, inner) in FIELDS.iter().enumerate().filter(|(_, s)| s.part == part) {
                out.push_str(&format!(
                    "    if ((x = {}(p.{}, s, {})) === undefined) return undefined;\n    t += x;\n",
                    packed_writer(inner.ty),
                    inner.key,
                    2 * j
                ));
            }
            out.push_str("  }\n");
            continue;
        }
        if spec.part != Part::Top {
            continue;
        }
        out.push_str(&format!(
            "  if ((x = {}(tx.{}, s, {slot})) === undefined) return undefined;\n  t += x;\n",
            packed_writer(spec.ty),
            spec.key
        ));
    }
    out.push_str("  return t;\n}\n");
    out
}

/// The `packed.mjs` function that writes a row of this type.
fn packed_writer(ty: crate::transaction::Ty) -> &'static str {
    use crate::transaction::Ty;
    match ty {
        Ty::Amount => "amount",
        Ty::Bool => "bool",
        Ty::Days => "days",
        Ty::Object(_) => unreachable!("parts are written by packed_mjs"),
        _ => "text",
    }
}

// ---- cases: docs/cases.schema.json ----

/// A ts-rs property type as JSON Schema: the primitive types, `T | null`,
/// arrays, and the case module's own types by reference.
#[cfg(feature = "tools")]
fn ts_schema(key: &str, ty: &str) -> Value {
    if let Some(item) = ty.strip_suffix("[]").or_else(|| ty.strip_prefix("Array<").and_then(|t| t.strip_suffix('>'))) {
        return json!({ "type": "array", "items": ts_schema(key, item) });
    }
    if let Some(inner) = ty.strip_suffix(" | null") {
        let inner = ts_schema(key, inner);
        return json!({ "anyOf": [inner, { "type": "null" }] });
    }
    match ty {
        // Exact decimal strings in major units.
        "string" if matches!(key, "amount" | "sum" | "in" | "out") => {
            json!({ "type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?$" })
        }
        "string" => json!({ "type": "string" }),
        "number" => json!({ "type": "integer", "minimum": 0 }),
        "boolean" => json!({ "type": "boolean" }),
        name => {
            assert!(CASE_DEFS.contains(&name), "{key}: {name} is not one of the schema's $defs");
            json!({ "$ref": format!("#/$defs/{name}") })
        }
    }
}

/// The case types the schema defines.
#[cfg(feature = "tools")]
const CASE_DEFS: &[&str] = &["Case", "CaseAccount", "CaseEdge", "CaseTransaction", "CaseIndicator", "Role", "Level"];

/// Rustdoc text as plain text: ``[`Cases::collect`]`` becomes ``` `Cases::collect` ```.
#[cfg(feature = "tools")]
fn plain_doc(lines: &[String]) -> String {
    lines.join(" ").replace("[`", "`").replace("`]", "`")
}

/// A struct's schema: every property required, nothing else.
#[cfg(feature = "tools")]
fn struct_schema<T: ts_rs::TS>() -> Value {
    let (doc, rhs) = ts_decl::<T>();
    let members = members(&rhs);
    let mut properties = Map::new();
    for m in &members {
        let mut schema = ts_schema(&m.key, &m.ty);
        if !m.doc.is_empty() {
            schema.as_object_mut().expect("an object").insert("description".into(), json!(plain_doc(&m.doc)));
        }
        properties.insert(m.key.clone(), schema);
    }
    json!({
        "description": plain_doc(&doc),
        "type": "object",
        "required": members.iter().map(|m| m.key.as_str()).collect::<Vec<_>>(),
        "properties": properties,
        "additionalProperties": false,
    })
}

/// A unit enum's schema: its wire names.
#[cfg(feature = "tools")]
fn enum_schema<T: ts_rs::TS>() -> Value {
    let (doc, rhs) = ts_decl::<T>();
    let names: Vec<String> =
        split_top(&rhs, b'|').into_iter().map(|n| n.trim().trim_matches('"').to_string()).collect();
    json!({ "description": plain_doc(&doc), "enum": names })
}

/// The file `jejak cases` writes, from the case module's types.
#[cfg(feature = "tools")]
pub(crate) fn cases_schema() -> Value {
    use crate::cases::{Case, CaseAccount, CaseEdge, CaseIndicator, CaseTransaction, Role};
    use crate::vocab::Level;
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/jejak/jejak/docs/cases.schema.json",
        "title": "jejak cases",
        "description": "The cases of a transaction log (`jejak cases`). GENERATED by src/contracts.rs from the types in src/cases/mod.rs; do not edit.",
        "type": "object",
        "required": ["cases"],
        "properties": { "cases": { "type": "array", "items": { "$ref": "#/$defs/Case" } } },
        "additionalProperties": false,
        "$defs": {
            "Case": struct_schema::<Case>(),
            "CaseAccount": struct_schema::<CaseAccount>(),
            "CaseEdge": struct_schema::<CaseEdge>(),
            "CaseTransaction": struct_schema::<CaseTransaction>(),
            "CaseIndicator": struct_schema::<CaseIndicator>(),
            "Role": enum_schema::<Role>(),
            "Level": enum_schema::<Level>(),
        },
    })
}

// ---- pkg/cases.d.ts ----

/// `pkg/cases.d.ts` (`jejak/cases`): the functions' declarations written
/// here, the case types generated from src/cases/mod.rs at `@@CASES@@`.
#[cfg(feature = "tools")]
const CASES_D_TS: &str = r#"// Types for `jejak/cases`. GENERATED by src/contracts.rs; do not edit:
// change the Rust types (src/cases/mod.rs) or the template, then run
// `make contracts`.
import type { Level, ScreenerOptions } from './index.js';

@@CASES@@
/** The file `jejak cases` writes, and what `CaseLog.cases()` returns. */
export interface CasesFile {
  cases: Case[];
}

/** How cases are built from a log. */
export interface CaseOptions extends ScreenerOptions {
  /** The pack to screen with (or whose verdicts the log carries): as `new Screener` takes it. Default: the default pack. */
  pack?: Uint8Array | string | object;
  /** How far from a flagged account a case reaches (0 to 8, default 2). */
  hops?: number;
  /** The lowest level whose payments start cases (default `review`); a watchlist hit starts one at any level. */
  minLevel?: 'review' | 'high';
  /** `screen` (default): each row is screened with its accounts' history, replayed in log order. `supplied`: each row carries its verdict (full or compact, as jejak wrote it) in a `verdict` member. */
  verdicts?: 'screen' | 'supplied';
  /** `given` (default): accounts as the log names them. `hashed`: by the keyed hash of their history states (`historyKey`), so the cases hold no account id. */
  ids?: 'given' | 'hashed';
}

/** A row of the log that could not be read, and was skipped. */
export interface RowError {
  /** Its index in the log, from 0. */
  row: number;
  code: string;
  /** JSON pointer into the row. */
  path: string;
  message: string;
}

/**
 * The cases of a log held in memory. The log must be in time order (an
 * older row than the one before is a row error). Reads the log twice.
 */
export function buildCases(log: ReadonlyArray<object | string>, options?: CaseOptions): { cases: Case[]; errors: RowError[] };

/**
 * A log too large to hold, read twice: `add` each row (throws the row's
 * `JejakError`; go on with the next), `secondPass()`, `collect` each row
 * again, then `cases()`.
 */
export class CaseLog {
  constructor(pack?: Uint8Array | string | object | null, options?: Omit<CaseOptions, 'pack'>);
  add(row: object | string): void;
  secondPass(): void;
  collect(row: object | string): void;
  cases(): CasesFile;
  casesJson(): string;
  /** The keyed hash of an account id, as `ids: 'hashed'` names it. */
  hashAccountId(id: string): string;
  free(): void;
  [Symbol.dispose](): void;
}

/** What the goAML report of a case is made of. */
export interface GoamlOptions {
  /** The case's id, e.g. `case-1`. */
  case: string;
  /** The reporting entity, in goAML's element names (`rentity_id`, `rentity_branch`, `currency_code_local`, `reporting_person`, `location`). */
  entity: object | string;
  /** The host's KYC records by account id (as the case names the account), in goAML's element names. */
  parties?: object | string;
  /** The reason's and narrative's language (default `id`). */
  locale?: 'id' | 'en';
  /** `submission_date`, `YYYY-MM-DDTHH:MM:SS` (default: now, UTC). */
  submissionDate?: string;
  /** The FIU's report indicator code of each jejak indicator id (default: `-` for all, the generic schema's only code). */
  indicatorCodes?: Record<string, string> | string;
  /** The text of the FIU's own goAML schema (XSD), whose lookup lists replace the generic schema's. */
  schema?: string;
  /** The pack the case was built with (for its indicators' words). Default: the default pack. */
  pack?: Uint8Array | string | object;
}

/** A draft goAML report. */
export interface GoamlReport {
  /** The report, goAML 5.0.1 XML. */
  xml: string;
  /** Whether a party had no KYC record (the reason then starts with DRAF, or DRAFT in English). */
  draft: boolean;
  /** The accounts written as third parties with the placeholder. */
  placeholders: string[];
}

/** The draft goAML report (`report_code` STR) of one case, for a person to check and send. */
export function goamlReport(cases: CasesFile | string, options: GoamlOptions): GoamlReport;
"#;

/// `pkg/cases.d.ts`: the template with the case types filled in.
#[cfg(feature = "tools")]
pub(crate) fn cases_d_ts() -> String {
    use crate::cases::{Case, CaseAccount, CaseEdge, CaseIndicator, CaseTransaction, Role};
    let mut types = String::new();
    push_enum::<Role>(
        &mut types,
        Some(&[Role::Payer, Role::Collector, Role::Intermediary, Role::CashOut, Role::Payee].map(Role::as_str)),
    );
    push_struct::<CaseAccount>(&mut types);
    push_struct::<CaseEdge>(&mut types);
    push_struct::<CaseTransaction>(&mut types);
    push_struct::<CaseIndicator>(&mut types);
    push_struct::<Case>(&mut types);
    CASES_D_TS.replacen("@@CASES@@\n", &types, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "tools")]
    #[test]
    fn cases_declarations_are_generated() {
        check("pkg/cases.d.ts", &cases_d_ts());
    }

    #[test]
    fn pack_schema_is_generated() {
        check("docs/pack.schema.json", &(serde_json::to_string_pretty(&pack_schema()).unwrap() + "\n"));
    }

    #[test]
    fn demo_grammar_is_generated() {
        check("www/lib/grammar.js", &grammar_js());
    }

    #[test]
    fn transaction_schema_is_generated() {
        check("docs/transaction.schema.json", &(serde_json::to_string_pretty(&transaction_schema()).unwrap() + "\n"));
    }

    #[cfg(feature = "tools")]
    #[test]
    fn cases_schema_is_generated() {
        check("docs/cases.schema.json", &(serde_json::to_string_pretty(&cases_schema()).unwrap() + "\n"));
        // Its example: a synthetic collector scenario's cases, which `make
        // test` validates against it (tests/schema_check.py).
        check("docs/cases.example.json", &crate::cases::tests::example());
    }

    #[test]
    fn csv_fields_are_generated() {
        check("pkg/lib/fields.mjs", &fields_mjs());
    }

    #[test]
    fn the_packed_encoder_is_generated() {
        check("pkg/lib/packed.mjs", &packed_mjs());
    }

    #[test]
    fn typescript_declarations_are_generated() {
        check("pkg/index.d.ts", &index_d_ts());
    }

    /// The builder accepts every option of its table (the table drives the
    /// TypeScript `ScreenerOptions` and the unknown-option error).
    #[test]
    fn the_builder_accepts_every_option_of_its_table() {
        for &(name, ty, _, _) in crate::screener::OPTIONS {
            let value = match ty {
                "number" => "7".to_string(),
                "string" => "\"a host secret of 32 bytes.......\"".to_string(),
                other => other.split(" | ").next().unwrap().replace('\'', "\""),
            };
            let json = format!("{{\"{name}\": {value}}}");
            if let Err(e) = crate::screener::ScreenerBuilder::new().options_json(&json) {
                panic!("{name}: the builder refuses {json}: {e}");
            }
        }
        let e = crate::screener::ScreenerBuilder::new().options_json(r#"{"nope": 1}"#).map(|_| ()).unwrap_err();
        let names: Vec<&str> = crate::screener::OPTIONS.iter().map(|o| o.0).collect();
        assert!(e.message().ends_with(&names.join(", ")), "{}", e.message());
    }

    /// An example argument of each kind, for the loader check below.
    fn example(kind: &crate::pack::grammar::Kind) -> Value {
        let leaf = json!({ "memoPresent": true });
        match kind.arg {
            Arg::Conditions => json!([leaf]),
            Arg::Condition => leaf,
            Arg::AtLeast => json!(1),
            Arg::Bool => json!(true),
            Arg::Terms => json!({ "terms": ["apple"] }),
            Arg::Near => json!({ "a": { "terms": ["apple"] }, "b": { "terms": ["pear"] }, "within": 2 }),
            Arg::PatternKinds => json!(["url"]),
            Arg::Mccs => json!(["4829"]),
            Arg::AmountBand => json!({ "min": "1", "currency": "AUD" }),
            Arg::RoundAmount => json!({ "default": "10" }),
            Arg::Corridor => json!({ "to": ["PH"] }),
            Arg::Channels => json!(["remittance"]),
            Arg::Currencies => json!(["AUD"]),
            Arg::HourRange => json!({ "from": 22, "to": 6 }),
            Arg::AccountAge => json!({ "days": 30, "party": "receiver" }),
            Arg::IndicatorId => json!("OTHER"),
            Arg::Watchlist => json!({ "list": "shops", "party": "merchant" }),
            Arg::History => match kind.name {
                "payeeNew" => json!({ "window": "7d" }),
                "escalation" => json!({ "factor": 200, "atLeast": 4 }),
                "burstThenStop" => json!({ "atLeast": 3, "window": "48h", "quiet": "7d" }),
                "recentMerchant" => json!({ "lists": ["shops"], "window": "30d" }),
                "outflowAfterInflow" => json!({ "window": "2d", "share": 80, "atLeast": 5, "account": "receiver" }),
                "payeeWeeks" => json!({ "weeks": 6, "atLeast": 4, "perWeek": 2, "only": ["night"] }),
                "payeeGrowth" => json!({ "weeks": 8, "factor": 200, "atLeast": 4 }),
                "payeeSteady" => json!({ "atLeast": 3, "days": 28, "variation": 20 }),
                "firstAbroad" => json!({ "window": "30d", "atLeast": 8 }),
                "amountAbove" => json!({ "window": "30d", "factor": 300, "atLeast": 8 }),
                "samePrice" => json!({ "window": "14d", "share": 60, "atLeast": 8 }),
                "payerSum" | "inboundSum" => json!({ "window": "30d", "atLeast": "500", "currency": "AUD" }),
                "distinctPayees" => json!({ "window": "30d", "atLeast": 3, "to": ["PH"] }),
                "distinctSenders" => {
                    json!({ "window": "7d", "atLeast": 3, "only": ["new", "oneOff"], "account": "sender" })
                }
                _ => json!({ "window": "48h", "atLeast": 2 }),
            },
        }
    }

    /// The grammar table and the loader agree: every kind listed loads (and
    /// a kind not listed is refused, by `is_kind`, before the loader's match).
    #[test]
    fn the_loader_parses_every_kind_of_the_grammar() {
        for kind in KINDS {
            let mut condition = Map::new();
            condition.insert(kind.name.to_string(), example(kind));
            if kind.arg == Arg::AtLeast {
                condition.insert("of".to_string(), json!([{ "memoPresent": true }]));
            }
            let indicator = |id: &str, condition: Value| {
                json!({
                    "id": id, "title": { "en": "t", "id": "t" }, "category": "general", "sources": ["s"],
                    "weight": 1, "condition": condition, "explanation": { "en": "e", "id": "e" },
                })
            };
            let pack = json!({
                "id": "grammar", "version": "1.0.0", "published": "2026-01-01", "publisher": "p",
                "license": "l", "description": "d",
                "sources": [{ "id": "s", "publisher": "p", "title": "t", "year": 2026, "url": "https://x", "grade": "A" }],
                "fx": { "base": "AUD", "date": "2026-01-01", "rates": { "AUD": "1" } },
                "scoring": { "low": 1, "review": 2, "high": 3, "cap": 4 },
                "termLists": { "shops": { "terms": ["apple"] } },
                "watchlists": { "shops": { "kind": "wallet", "salt": "0123456789abcdef", "hashes": [] } },
                "indicators": [indicator("K", Value::Object(condition)), indicator("OTHER", json!({ "memoPresent": false }))],
            });
            if let Err(e) = crate::pack::Pack::from_json(&pack.to_string()) {
                panic!("{}: the loader refuses the grammar's example: {e}", kind.name);
            }
        }
        let e = crate::pack::Pack::from_json(r#"{"id":"x"}"#).map(|_| ()).unwrap_err();
        assert_eq!(e.path(), "/version");
    }
}
