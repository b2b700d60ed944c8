#!/usr/bin/env python3
"""Generate src/cases/goaml/schema.rs, the goAML 5.0.1 tables of the report writer.

Usage (from the repository root):

    python3 src/cases/goaml/gen_schema.py            # rewrites schema.rs next to this file
    python3 src/cases/goaml/gen_schema.py --stdout   # prints it instead
    python3 src/cases/goaml/gen_schema.py --check    # exit 1 if schema.rs is stale

Input: tests/data/goaml/goAMLSchema.xsd (UNODC's goAML report schema 5.0.1, XSD
1.1; see the README beside it), pinned to its SHA-256 below, read with Python's
`xmlschema` (4.3.2, `make setup-python`), which also checks that it is a valid
schema. The output depends on nothing else.

What it writes, for each complex type the writer checks host records against
(ROOTS below, and every complex type they reach):
  * the content as a tree of particles in schema order: elements (name,
    minOccurs, maxOccurs, value), optional or repeated sequences, and
    choices. A sequence or choice that repeats (maxOccurs > 1) around one
    element, as goAML's wrappers do (`phones` around `phone`), becomes that
    element repeated; any other repeated group is an error here, because the
    Rust checker does not handle it.
  * each element's value: text with its length facets, a lookup (a named
    simpleType with enumerations), a date (`sql_date`), a decimal
    (`sql_decimal`), a whole number, a boolean (`fixed` kept), or a complex
    type (anonymous ones are named `parent/element`).
Elements marked `goaml:supportedIn` with a version above 5.0.1 are left out
(the schema carries 5.1 and 5.2 elements that a 5.0.1 report must not use); a
choice left with one branch becomes that branch. A pattern facet is an error
here: the Rust checker has no regular expressions, and no element the writer
reaches has one.

`report` is a pseudo type: the elements of the root `report` that the host's
entity.json gives (REPORT_ELEMENTS). The lookups are every named enumeration
the tables reach, plus those the writer uses itself (WRITER_LOOKUPS).
"""

import argparse
import hashlib
import os
import subprocess
import sys

import xmlschema

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
XSD = os.path.join(ROOT, "tests", "data", "goaml", "goAMLSchema.xsd")
XSD_SHA256 = "412fbd8b49eb5ff0960f94ca78b12a196ac9408da6b08de75b9b4280eac7c82d"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schema.rs")
VERSION = (5, 0, 1)
GOAML = "{http://www.unodc.org/goaml}"
XS = "{http://www.w3.org/2001/XMLSchema}"

# The complex types a host record is checked against.
ROOTS = [
    "t_person_registration_in_report",
    "t_address",
    "t_phone",
    "t_person_identification",
    "t_person_my_client",
    "t_person",
    "t_account_my_client",
    "t_account",
    "t_entity_my_client",
    "t_entity",
]
# The root's elements that entity.json gives.
REPORT_ELEMENTS = ["rentity_id", "rentity_branch", "currency_code_local", "reporting_person", "location", "action"]
# Lookups the writer uses for elements it writes itself.
WRITER_LOOKUPS = [
    "submission_type",
    "report_type",
    "currency_type",
    "country_type",
    "funds_type",
    "conduction_type",
    "report_indicator_type",
]
UNBOUNDED = "U"


def supported(elem):
    """Whether a schema element is part of 5.0.1."""
    v = elem.elem.get(GOAML + "supportedIn")
    if v is None:
        return True
    return tuple(int(x) for x in v.split(".")) <= VERSION


def mul(a, b):
    if a == UNBOUNDED or b == UNBOUNDED:
        return UNBOUNDED if (a != 0 and b != 0) else 0
    return a * b


def occurs(n):
    return UNBOUNDED if n is None else n


class Gen:
    def __init__(self, schema):
        self.schema = schema
        self.types = {}  # name -> list of particles
        self.order = []
        self.lookups = set(WRITER_LOOKUPS)

    def complex(self, name, xsd_type):
        if name in self.types:
            return
        self.types[name] = None
        self.order.append(name)
        content = xsd_type.content
        if content.model == "sequence" and content.min_occurs == 1 and content.max_occurs == 1:
            self.types[name] = self.group_items(name, content)
        else:
            # A wrapper: one repeated sequence around its element.
            p = self.particle(name, content)
            self.types[name] = [] if p is None else [p]

    def group_items(self, owner, group):
        out = []
        for p in group:
            q = self.particle(owner, p)
            if q is not None:
                out.append(q)
        return out

    def particle(self, owner, p):
        if isinstance(p, xmlschema.validators.XsdElement):
            if not supported(p):
                return None
            return ("element", p.name, p.min_occurs, occurs(p.max_occurs), self.value(owner, p))
        items = self.group_items(owner, p)
        lo, hi = p.min_occurs, occurs(p.max_occurs)
        if not items:
            return None
        if len(items) == 1 and items[0][0] == "element":
            _, n, emin, emax, v = items[0]
            return ("element", n, mul(lo, emin), mul(hi, emax), v)
        if hi != 1:
            raise SystemExit(f"{owner}: a repeated {p.model} of several particles")
        if len(items) == 1 and p.model == "choice":
            # One branch left: a sequence, optional if the choice was.
            kind, lo2, sub = items[0]
            return (kind, mul(lo, lo2), sub)
        return (p.model, lo, items)

    def value(self, owner, e):
        t = e.type
        if t.is_complex():
            if t.name is None:
                name = f"{owner}/{e.name}"
            else:
                name = t.name
            self.complex(name, t)
            return ("complex", name)
        if e.fixed is not None:
            if t.primitive_type.local_name != "boolean":
                raise SystemExit(f"{owner}/{e.name}: a fixed value that is not a boolean")
            return ("fixed", e.fixed in ("1", "true"))
        if t.enumeration:
            if t.name is None:
                raise SystemExit(f"{owner}/{e.name}: an anonymous enumeration")
            self.lookups.add(t.name)
            return ("lookup", t.name)
        facets = {}
        for base in chain(t):
            if base.name is not None and base.name.startswith(XS):
                continue  # a builtin's own facets (xs:int's range is below)
            for k, f in getattr(base, "facets", {}).items():
                if k is None:
                    continue
                facets.setdefault(k.replace(XS, ""), f)
        if "pattern" in facets:
            raise SystemExit(f"{owner}/{e.name}: a pattern facet")
        prim = t.primitive_type.local_name
        if prim == "dateTime":
            return ("date",)
        if prim == "decimal":
            names = [b.local_name for b in chain(t) if b.local_name]
            whole = "int" in names
            lo = facets.get("minInclusive")
            hi = facets.get("maxInclusive")
            digits = facets.get("fractionDigits")
            for k in facets:
                if k not in ("minInclusive", "maxInclusive", "fractionDigits"):
                    raise SystemExit(f"{owner}/{e.name}: a decimal with the facet {k}")
            lo = int(lo.value) if lo is not None else (-(2**31) if whole else None)
            hi = int(hi.value) if hi is not None else (2**31 - 1 if whole else None)
            if lo is None or hi is None:
                raise SystemExit(f"{owner}/{e.name}: an unbounded decimal")
            digits = 0 if whole else (digits.value if digits is not None else None)
            return ("decimal", lo, hi, digits)
        if prim == "boolean":
            return ("bool",)
        if prim == "string":
            lo = facets.get("minLength")
            hi = facets.get("maxLength")
            return ("text", lo.value if lo is not None else 0, hi.value if hi is not None else UNBOUNDED)
        raise SystemExit(f"{owner}/{e.name}: unsupported type {prim}")


def chain(t):
    """A simple type and its bases."""
    out = []
    while t is not None:
        out.append(t)
        t = getattr(t, "base_type", None)
    return out


def rust_particle(p, indent):
    pad = " " * indent
    if p[0] == "element":
        _, name, lo, hi, v = p
        return f'{pad}el("{name}", {lo}, {rust_max(hi)}, {rust_value(v)}),\n'
    kind, lo, items = p
    fn = "seq" if kind == "sequence" else "choice"
    body = "".join(rust_particle(q, indent + 4) for q in items)
    return f"{pad}{fn}({lo}, &[\n{body}{pad}]),\n"


def rust_max(hi):
    return "UNBOUNDED" if hi == UNBOUNDED else str(hi)


def rust_value(v):
    kind = v[0]
    if kind == "complex":
        return f'Value::Complex("{v[1]}")'
    if kind == "lookup":
        return f'Value::Lookup("{v[1]}")'
    if kind == "fixed":
        return f"Value::Fixed({'true' if v[1] else 'false'})"
    if kind == "date":
        return "Value::Date"
    if kind == "decimal":
        digits = "UNBOUNDED" if v[3] is None else v[3]
        return f"Value::Decimal {{ min: {v[1]}, max: {v[2]}, digits: {digits} }}"
    if kind == "bool":
        return "Value::Bool"
    if kind == "text":
        return f"Value::Text {{ min: {v[1]}, max: {rust_max(v[2])} }}"
    raise SystemExit(f"unknown value {v}")


def generate():
    with open(XSD, "rb") as fh:
        digest = hashlib.sha256(fh.read()).hexdigest()
    if digest != XSD_SHA256:
        raise SystemExit(f"{XSD}: SHA-256 {digest}, expected {XSD_SHA256}")
    schema = xmlschema.XMLSchema11(XSD)
    g = Gen(schema)
    # The pseudo type `report`: the root's elements that entity.json gives.
    root = schema.elements["report"]
    items = []

    def walk(group):
        for p in group:
            if isinstance(p, xmlschema.validators.XsdElement):
                if p.name in REPORT_ELEMENTS and supported(p):
                    items.append(("element", p.name, p.min_occurs, occurs(p.max_occurs), g.value("report", p)))
            else:
                walk(p)

    walk(root.type.content)
    if [i[1] for i in items] != REPORT_ELEMENTS:
        raise SystemExit(f"report: found {[i[1] for i in items]}")
    g.types["report"] = items
    g.order.insert(0, "report")
    for name in ROOTS:
        g.complex(name, schema.types[name])
    for name in g.order:
        names = []

        def collect(ps):
            for p in ps:
                if p[0] == "element":
                    names.append(p[1])
                else:
                    collect(p[2])

        collect(g.types[name])
        if len(names) != len(set(names)):
            raise SystemExit(f"{name}: an element name repeats")

    out = []
    out.append("// Generated by gen_schema.py from tests/data/goaml/goAMLSchema.xsd (goAML\n")
    out.append("// 5.0.1); do not edit. Regenerate with:\n")
    out.append("// python3 src/cases/goaml/gen_schema.py\n\n")
    out.append("//! The goAML 5.0.1 tables: the complex types host records are checked\n")
    out.append("//! against, their elements in schema order, and the lookup lists.\n\n")
    out.append("use super::records::{choice, el, seq, Type, Value, UNBOUNDED};\n\n")
    out.append("/// SHA-256 of the schema these tables come from (a test checks the file).\n")
    out.append("#[cfg(test)]\n")
    out.append(f'pub(super) const XSD_SHA256: &str = "{XSD_SHA256}";\n\n')
    out.append("/// The complex types, `report` (entity.json's elements of the root) first.\n")
    out.append("pub(super) static TYPES: &[Type] = &[\n")
    for name in g.order:
        body = "".join(rust_particle(p, 12) for p in g.types[name])
        out.append(f'    Type {{\n        name: "{name}",\n        content: &[\n{body}        ],\n    }},\n')
    out.append("];\n\n")
    out.append("/// The lookup lists (named simpleTypes with enumerations), sorted by name;\n")
    out.append("/// each list in the schema's order.\n")
    out.append("pub(super) static LOOKUPS: &[(&str, &[&str])] = &[\n")
    for name in sorted(g.lookups):
        codes = schema.types[name].enumeration
        body = ", ".join('"' + c.replace("\\", "\\\\").replace('"', '\\"') + '"' for c in codes)
        out.append(f'    ("{name}", &[{body}]),\n')
    out.append("];\n")
    return rustfmt("".join(out))


def rustfmt(source):
    """Formats like `cargo fmt` with the repository's rustfmt.toml, so that
    `--check` compares with the committed, formatted file."""
    config = os.path.join(ROOT, "rustfmt.toml")
    done = subprocess.run(
        ["rustfmt", "--edition", "2021", "--config-path", config],
        input=source,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"rustfmt failed:\n{done.stderr}")
    return done.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stdout", action="store_true", help="print instead of writing")
    ap.add_argument("--check", action="store_true", help="exit 1 if schema.rs is stale")
    args = ap.parse_args()
    text = generate()
    if args.stdout:
        sys.stdout.write(text)
    elif args.check:
        with open(OUT, encoding="utf-8") as fh:
            if fh.read() != text:
                print(f"{OUT} is stale: run python3 {sys.argv[0]}", file=sys.stderr)
                sys.exit(1)
    else:
        with open(OUT, "w", encoding="utf-8") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
