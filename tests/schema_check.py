#!/usr/bin/env python3
"""Check src/packs/default.json against docs/pack.schema.json and the rules of
docs/PACKS.md that a JSON Schema cannot express, then print a summary.

    python3 tests/schema_check.py [PACK.json]

Three stages, and the exit status is non-zero if any of them fails:

1. schema    -- JSON Schema (draft 2020-12) validation with the PyPI `jsonschema`
                package (installed with pip if it is missing);
2. semantics -- unique ids, references to sources, term lists and indicators,
                reference cycles, placeholders, FX coverage, thresholds, limits,
                and the project's safety rules (senderIsMinor only protective);
3. policy    -- only for the default pack: weight ranges (no single catalogue
                indicator reaches review). How the pack scores transactions
                is tested through the engine itself (tests/data/*.toml,
                tests/api.rs), never by a second implementation here.
"""
from __future__ import annotations

import datetime as _dt
import importlib
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from decimal import Decimal, InvalidOperation

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_PACK = os.path.join(ROOT, "src", "packs", "default.json")
SCHEMA = os.path.join(ROOT, "docs", "pack.schema.json")

PLACEHOLDERS = {
    "amount", "amountConverted", "amountInBand", "band", "terms", "matched", "pattern", "corridor",
    "senderCountry", "receiverCountry", "channel", "hour", "mcc", "merchant", "indicators",
}
MAX_DEPTH = 32
MAX_TERMS = 1_000_000
MAX_PACK_BYTES = 16 * 1024 * 1024
MAX_RATE_DIGITS = 18
KINDS = {
    "all", "any", "not", "atLeast", "memoTerms", "merchantTerms", "near", "memoPattern",
    "memoPresent", "mccIn", "amountBetween", "roundAmount", "corridor", "crossBorder",
    "channelIn", "currencyIn", "localHourBetween", "senderIsMinor", "receiverIsNew", "accountAgeBelow",
    "indicator",
}


# --------------------------------------------------------------------------- helpers
class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, path: str, msg: str) -> None:
        self.errors.append(f"{path or '/'}: {msg}")

    def warn(self, path: str, msg: str) -> None:
        self.warnings.append(f"{path or '/'}: {msg}")


def ptr(*parts) -> str:
    out = ""
    for p in parts:
        out += "/" + str(p).replace("~", "~0").replace("/", "~1")
    return out


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


def walk_conditions(cond, path, depth=1):
    """Yield (condition, json_pointer, depth, under_not) for every condition node."""
    stack = [(cond, path, depth, False)]
    while stack:
        c, p, d, neg = stack.pop()
        yield c, p, d, neg
        if not isinstance(c, dict):
            continue
        for k in ("all", "any"):
            if isinstance(c.get(k), list):
                for i, ch in enumerate(c[k]):
                    stack.append((ch, ptr_join(p, k, i), d + 1, neg))
        if "not" in c:
            stack.append((c["not"], ptr_join(p, "not"), d + 1, True))
        if "atLeast" in c and isinstance(c.get("of"), list):
            for i, ch in enumerate(c["of"]):
                stack.append((ch, ptr_join(p, "of", i), d + 1, neg))


def ptr_join(base, *parts):
    return base + ptr(*parts)


def term_text(t):
    return t if isinstance(t, str) else t.get("term", "")


def term_specs(cond):
    """(key, termSpec) pairs used directly by one condition node."""
    if not isinstance(cond, dict):
        return []
    out = []
    for k in ("memoTerms", "merchantTerms"):
        if k in cond:
            out.append((k, cond[k]))
    if isinstance(cond.get("near"), dict):
        for k in ("a", "b"):
            if k in cond["near"]:
                out.append(("near/" + k, cond["near"][k]))
    return out


def significant_digits(s: str) -> int:
    digits = s.replace(".", "").lstrip("0")
    if "." in s:
        return len(digits)
    return len(digits.rstrip("0")) or 1


# --------------------------------------------------------------------------- stage 2
def check_semantics(pack: dict, rep: Report) -> None:
    # sources
    src_ids = Counter(s.get("id") for s in pack.get("sources", []) if isinstance(s, dict))
    for sid, n in src_ids.items():
        if n > 1:
            rep.error("/sources", f"source id {sid!r} appears {n} times")
    sources = set(src_ids)

    # dates
    for p, v in (("/published", pack.get("published")), ("/fx/date", pack.get("fx", {}).get("date"))):
        try:
            _dt.date.fromisoformat(v)
        except (TypeError, ValueError):
            rep.error(p, f"{v!r} is not a calendar date")

    # fx
    fx = pack.get("fx", {})
    rates = {k: v for k, v in fx.get("rates", {}).items() if not k.startswith("_")}
    base = fx.get("base")
    if base not in rates:
        rep.error("/fx/rates", f"base currency {base!r} is not in rates")
    else:
        try:
            if Decimal(str(rates[base])) != 1:
                rep.error(ptr("fx", "rates", base), f"base currency rate must be 1, got {rates[base]!r}")
        except InvalidOperation:
            pass
    for cur, r in rates.items():
        s = str(r)
        try:
            d = Decimal(s)
        except InvalidOperation:
            rep.error(ptr("fx", "rates", cur), f"{r!r} is not a decimal")
            continue
        if d <= 0:
            rep.error(ptr("fx", "rates", cur), "rate must be positive")
        if significant_digits(s.lstrip("-")) > MAX_RATE_DIGITS:
            rep.error(ptr("fx", "rates", cur), f"more than {MAX_RATE_DIGITS} significant digits")

    # scoring
    sc = pack.get("scoring", {})
    try:
        if not (0 < sc["low"] <= sc["review"] <= sc["high"] <= sc["cap"]):
            rep.error("/scoring", "thresholds must satisfy 0 < low <= review <= high <= cap")
    except (KeyError, TypeError):
        pass

    # term lists
    lists = {k: v for k, v in pack.get("termLists", {}).items() if not k.startswith("_")}
    total_terms = 0

    def check_termlist(tl, p):
        nonlocal total_terms
        seen = Counter()
        for i, t in enumerate(tl.get("terms", [])):
            txt = term_text(t)
            total_terms += 1
            n = len(txt.encode("utf-8"))
            if not 1 <= n <= 256:
                rep.error(ptr_join(p, "terms", i), f"term is {n} bytes; must be 1 to 256")
            seen[txt.casefold()] += 1
        for txt, n in seen.items():
            if n > 1:
                rep.warn(p, f"term {txt!r} listed {n} times")
        for i, a in enumerate(tl.get("allow", [])):
            total_terms += 1
            n = len(a.encode("utf-8"))
            if not 1 <= n <= 256:
                rep.error(ptr_join(p, "allow", i), f"allow phrase is {n} bytes; must be 1 to 256")

    for name, tl in lists.items():
        check_termlist(tl, ptr("termLists", name))

    # indicators
    inds = pack.get("indicators", [])
    id_counts = Counter(i.get("id") for i in inds if isinstance(i, dict))
    for iid, n in id_counts.items():
        if n > 1:
            rep.error("/indicators", f"indicator id {iid!r} appears {n} times")
    ids = set(id_counts)
    used_lists, used_sources = set(), set()
    refs: dict[str, set[str]] = defaultdict(set)

    for n, ind in enumerate(inds):
        ip = ptr("indicators", n)
        iid = ind.get("id", f"#{n}")
        if len(str(iid).encode("utf-8")) > 64:
            rep.error(ptr_join(ip, "id"), "indicator id longer than 64 bytes")
        for k, s in enumerate(ind.get("sources", [])):
            used_sources.add(s)
            if s not in sources:
                rep.error(ptr_join(ip, "sources", k), f"unknown source {s!r}")
        if len(set(ind.get("sources", []))) != len(ind.get("sources", [])):
            rep.warn(ptr_join(ip, "sources"), "a source is cited twice")
        for lang in ("en", "id"):
            text = ind.get("explanation", {}).get(lang, "")
            for ph in re.findall(r"\{([^{}]*)\}", text):
                if ph not in PLACEHOLDERS:
                    rep.error(ptr_join(ip, "explanation", lang), f"unknown placeholder {{{ph}}}")
            if text.count("{") != text.count("}"):
                rep.error(ptr_join(ip, "explanation", lang), "unbalanced braces")
            title = ind.get("title", {}).get(lang, "")
            if "{" in title or "}" in title:
                rep.warn(ptr_join(ip, "title", lang), "titles are not templates; braces are shown as written")

        cond = ind.get("condition")
        for c, cp, depth, neg in walk_conditions(cond, ptr_join(ip, "condition")):
            if depth > MAX_DEPTH:
                rep.error(cp, f"condition nested deeper than {MAX_DEPTH} levels")
            if not isinstance(c, dict):
                continue
            if "atLeast" in c and isinstance(c.get("of"), list) and isinstance(c["atLeast"], int):
                if c["atLeast"] > len(c["of"]):
                    rep.error(ptr_join(cp, "atLeast"), f"atLeast {c['atLeast']} > {len(c['of'])} children")
            if "indicator" in c:
                ref = c["indicator"]
                refs[iid].add(ref)
                if ref not in ids:
                    rep.error(ptr_join(cp, "indicator"), f"unknown indicator {ref!r}")
            for key, spec in term_specs(c):
                sp = ptr_join(cp, *key.split("/"))
                if isinstance(spec, dict) and "list" in spec:
                    used_lists.add(spec["list"])
                    if spec["list"] not in lists:
                        rep.error(ptr_join(sp, "list"), f"unknown term list {spec['list']!r}")
                elif isinstance(spec, dict):
                    check_termlist(spec, sp)
            if isinstance(c.get("amountBetween"), dict):
                ab = c["amountBetween"]
                cur = ab.get("currency")
                if cur not in rates:
                    rep.error(ptr_join(cp, "amountBetween", "currency"), f"currency {cur!r} is not in fx.rates")
                try:
                    if "min" in ab and "max" in ab and Decimal(str(ab["min"])) > Decimal(str(ab["max"])):
                        rep.error(ptr_join(cp, "amountBetween"), "min is greater than max")
                except InvalidOperation:
                    pass
            # safety: senderIsMinor only in the protective direction
            if "senderIsMinor" in c:
                if c["senderIsMinor"] is not True:
                    rep.error(ptr_join(cp, "senderIsMinor"), "senderIsMinor may only be true (protective direction)")
                if neg:
                    rep.error(cp, "senderIsMinor must not appear under `not` (it would score adults by age)")

    # cycles in indicator references
    color: dict[str, int] = {}

    def dfs(node, trail):
        color[node] = 1
        for nxt in sorted(refs.get(node, ())):
            if nxt not in ids:
                continue
            if color.get(nxt) == 1:
                cyc = trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt]
                rep.error("/indicators", "indicator reference cycle: " + " -> ".join(cyc))
            elif color.get(nxt) is None:
                dfs(nxt, trail + [nxt])
        color[node] = 2

    for iid in sorted(ids):
        if color.get(iid) is None:
            dfs(iid, [iid])

    for name in sorted(set(lists) - used_lists):
        rep.warn(ptr("termLists", name), "term list is never used")
    for sid in sorted(sources - used_sources):
        rep.warn("/sources", f"source {sid!r} is never cited")
    if total_terms > MAX_TERMS:
        rep.error("/termLists", f"{total_terms} terms exceed the limit of {MAX_TERMS}")


def check_policy(pack, rep: Report) -> None:
    for n, ind in enumerate(pack["indicators"]):
        combo = ind["id"].startswith("JEJAK-")
        lo, hi = (20, 35) if combo else (2, 12)
        w = ind["weight"]
        if not (lo <= w <= hi) and not (w == 0 and combo):
            rep.error(ptr("indicators", n, "weight"),
                      f"{ind['id']}: weight {w} outside the default pack's range {lo}-{hi}")
        if not combo and w >= pack["scoring"]["review"]:
            rep.error(ptr("indicators", n, "weight"), f"{ind['id']}: a single indicator reaches review")


# --------------------------------------------------------------------------- summary
def summary(pack) -> None:
    grades = {s["id"]: s["grade"] for s in pack["sources"]}
    inds = pack["indicators"]
    combo = [i for i in inds if i["id"].startswith("JEJAK-")]
    print(f"\nPack {pack['id']} {pack['version']} ({pack['published']}): {len(inds)} indicators "
          f"({len(inds) - len(combo)} catalogue, {len(combo)} jejak combinations), "
          f"{len(pack['sources'])} sources, {len(pack['fx']['rates'])} FX rates")

    by_cat = Counter(i["category"] for i in inds)
    print("  by category: " + ", ".join(f"{k} {v}" for k, v in sorted(by_cat.items())))
    # An indicator's grade is the best grade among the sources it cites.
    by_grade = Counter(min(grades.get(s, "C") for s in i["sources"]) for i in inds)
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


# --------------------------------------------------------------------------- main
def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_PACK
    is_default = os.path.abspath(path) == os.path.abspath(DEFAULT_PACK)
    rep = Report()

    size = os.path.getsize(path)
    if size > MAX_PACK_BYTES:
        rep.error("/", f"pack is {size} bytes; the limit is {MAX_PACK_BYTES}")
    with open(path, encoding="utf-8") as f:
        try:
            pack = json.load(f)
        except json.JSONDecodeError as e:
            print(f"FAIL {path}: not JSON: {e}")
            return 1
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)

    jsonschema = load_jsonschema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    schema_errors = sorted(validator.iter_errors(pack), key=lambda e: list(e.absolute_path))
    for e in schema_errors:
        # oneOf failures are terse; point at the deepest matching branch's message.
        best = jsonschema.exceptions.best_match([e])
        rep.error(ptr(*e.absolute_path), f"schema: {best.message}")

    if not schema_errors:
        check_semantics(pack, rep)
        if is_default and not rep.errors:
            check_policy(pack, rep)
        summary(pack)

    for w in rep.warnings:
        print(f"warning {w}")
    if rep.errors:
        print(f"\nFAIL {os.path.relpath(path, ROOT)}: {len(rep.errors)} error(s)")
        for e in rep.errors:
            print(f"  error {e}")
        return 1
    print(f"\nOK {os.path.relpath(path, ROOT)}: schema, semantics"
          + (" and policy" if is_default else "") + " checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
