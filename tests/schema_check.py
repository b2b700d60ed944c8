#!/usr/bin/env python3
"""Validate a pack (default: src/packs/default.json) against docs/pack.schema.json
and print a summary of what it holds.

    python3 tests/schema_check.py [PACK.json]

This checks the JSON Schema, the machine-readable half of docs/PACKS.md, with
the PyPI `jsonschema` package (installed with pip if missing). Everything the
schema cannot express -- references, cycles, placeholders, FX coverage,
limits -- is checked by the engine's own loader (`Pack::from_json`, and
`jejak validate` from the npm package); the default pack's policy (weights,
protective-only `senderIsMinor`) is tested in tests/api.rs. Keeping one
implementation of those rules is deliberate: a second one here would drift.
"""
from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_PACK = os.path.join(ROOT, "src", "packs", "default.json")
SCHEMA = os.path.join(ROOT, "docs", "pack.schema.json")
TX_SCHEMA = os.path.join(ROOT, "docs", "transaction.schema.json")
# Transactions the engine accepts, which the transaction schema must accept too.
TX_FILES = [os.path.join(ROOT, "www", "samples", name) for name in ("transactions.ndjson", "history-all.ndjson")]
CASES_SCHEMA = os.path.join(ROOT, "docs", "cases.schema.json")
# What `jejak cases` writes for a synthetic log (written by src/cases/tests.rs).
CASES_EXAMPLE = os.path.join(ROOT, "docs", "cases.example.json")


def ptr(*parts) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def load_jsonschema():
    try:
        return importlib.import_module("jsonschema")
    except ImportError:
        print("jsonschema not installed; running: pip install jsonschema", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "jsonschema"], check=False)
        importlib.invalidate_caches()
        try:
            return importlib.import_module("jsonschema")
        except ImportError:
            print("error: could not install the jsonschema package", file=sys.stderr)
            sys.exit(2)


def summary(pack) -> None:
    grades = {s["id"]: s["grade"] for s in pack["sources"]}
    inds = pack["indicators"]
    # A citation is a register id or {"source": id, "ref": publisher's id}.
    def cited(i):
        return [c["source"] if isinstance(c, dict) else c for c in i["sources"]]

    def refers(c):
        if isinstance(c, dict):
            return "indicator" in c or any(refers(v) for v in c.values())
        return isinstance(c, list) and any(refers(v) for v in c)

    typologies = [i for i in inds if refers(i["condition"])]
    refs = {c["ref"] for i in inds for c in i["sources"] if isinstance(c, dict) and "ref" in c}
    print(f"\nPack {pack['id']} {pack['version']} ({pack['published']}): {len(inds)} indicators "
          f"({len(inds) - len(typologies)} signals, {len(typologies)} combinations), "
          f"{len(refs)} publisher references, "
          f"{len(pack['sources'])} sources, {len(pack['fx']['rates'])} FX rates")

    by_cat = Counter(i["category"] for i in inds)
    print("  by category: " + ", ".join(f"{k} {v}" for k, v in sorted(by_cat.items())))
    # An indicator's grade is the best grade among the sources it cites.
    by_grade = Counter(min(grades.get(s, "C") for s in cited(i)) for i in inds)
    print("  by grade (best cited source): " + ", ".join(f"{k} {v}" for k, v in sorted(by_grade.items())))
    by_scope = Counter(i.get("scope", "-") for i in inds)
    print("  by scope: " + ", ".join(f"{k} {v}" for k, v in sorted(by_scope.items())))
    src_grades = Counter(s["grade"] for s in pack["sources"])
    print("  sources by grade: " + ", ".join(f"{k} {v}" for k, v in sorted(src_grades.items())))

    lists = {k: v for k, v in pack.get("termLists", {}).items() if not k.startswith("_")}
    n_terms = sum(len(tl["terms"]) for tl in lists.values())
    n_allow = sum(len(tl.get("allow", [])) for tl in lists.values())
    unval = sum(1 for tl in lists.values() for t in tl["terms"]
                if isinstance(t, dict) and t.get("validated") is False)
    langs = Counter((t.get("lang", "en") if isinstance(t, dict) else "en")
                    for tl in lists.values() for t in tl["terms"])
    print(f"  terms: {n_terms} in {len(lists)} lists ({n_terms - unval} validated, {unval} project-proposed), "
          f"{n_allow} allow phrases; by language: " + ", ".join(f"{k} {v}" for k, v in sorted(langs.items())))
    for name, tl in lists.items():
        u = sum(1 for t in tl["terms"] if isinstance(t, dict) and t.get("validated") is False)
        print(f"    {name:28s} {len(tl['terms']):3d} terms ({u} unvalidated), {len(tl.get('allow', []))} allow")


def load_validator(jsonschema, path: str, formats: bool = False):
    """A validator for the schema at `path`, the schema itself checked first."""
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER) if formats else cls(schema)


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_PACK
    with open(path, encoding="utf-8") as f:
        try:
            pack = json.load(f)
        except json.JSONDecodeError as e:
            print(f"FAIL {path}: not JSON: {e}")
            return 1
    jsonschema = load_jsonschema()
    validator = load_validator(jsonschema, SCHEMA, formats=True)
    errors = sorted(validator.iter_errors(pack), key=lambda e: list(e.absolute_path))
    if errors:
        print(f"FAIL {os.path.relpath(path, ROOT)}: {len(errors)} schema error(s)")
        for e in errors:
            # oneOf failures are terse; point at the deepest matching branch's message.
            best = jsonschema.exceptions.best_match([e])
            print(f"  error {ptr(*e.absolute_path) or '/'}: {best.message}")
        return 1
    summary(pack)
    print(f"\nOK {os.path.relpath(path, ROOT)}: valid against {os.path.relpath(SCHEMA, ROOT)}")
    return check_transactions(jsonschema) or check_cases(jsonschema)


def check_cases(jsonschema) -> int:
    """The example cases file against the cases schema, both generated from
    the engine's case types."""
    validator = load_validator(jsonschema, CASES_SCHEMA)
    with open(CASES_EXAMPLE, encoding="utf-8") as f:
        example = json.load(f)
    errors = list(validator.iter_errors(example))
    if errors:
        e = errors[0]
        print(f"FAIL {os.path.relpath(CASES_EXAMPLE, ROOT)}: {ptr(*e.absolute_path) or '/'}: {e.message}")
        return 1
    # And the schema is not empty: a role it does not know is refused.
    wrong = json.loads(json.dumps(example))
    wrong["cases"][0]["accounts"][0]["role"] = "boss"
    if not list(validator.iter_errors(wrong)):
        print(f"FAIL {os.path.relpath(CASES_SCHEMA, ROOT)} accepts an unknown role")
        return 1
    n = len(example["cases"])
    print(f"OK {os.path.relpath(CASES_EXAMPLE, ROOT)} ({n} case{'s' if n != 1 else ''}): valid against {os.path.relpath(CASES_SCHEMA, ROOT)}")
    return 0


def check_transactions(jsonschema) -> int:
    """The sample transactions (which the engine screens) against the
    transaction schema generated from the engine's field table."""
    validator = load_validator(jsonschema, TX_SCHEMA)
    rows = 0
    for path in TX_FILES:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                rows += 1
                errors = list(validator.iter_errors(json.loads(line)))
                if errors:
                    e = errors[0]
                    print(f"FAIL {os.path.relpath(path, ROOT)}:{n}: {ptr(*e.absolute_path) or '/'}: {e.message}")
                    return 1
    print(f"OK {rows} sample transactions: valid against {os.path.relpath(TX_SCHEMA, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
