#!/usr/bin/env python3
"""Validate goAML reports against the goAML 5.0.1 schema (XSD 1.1).

Usage (from the repository root):

    python3 tests/goaml_check.py FILE.xml... [--schema XSD] [--widen-indicators CODE,CODE]

--schema: the schema to validate against (default tests/data/goaml/goAMLSchema.xsd,
the published generic one). --widen-indicators: validate against a temporary
copy of that schema whose `report_indicator_type` enumerates these codes too
(the generic schema allows only `-`; an FIU's own schema lists its codes).

Exits 0 when every file is valid, 1 with the validator's message for the first
one that is not, 2 on bad arguments. Needs Python's `xmlschema` (4.3.2, `make
setup-python`). `make goaml-validate` runs it on the reports the Rust tests
write (src/cases/goaml/tests.rs, `writes_the_sample_reports`).
"""

import argparse
import os
import re
import sys
import tempfile

import xmlschema

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DEFAULT = os.path.join(ROOT, "tests", "data", "goaml", "goAMLSchema.xsd")


def widened(path, codes):
    """The schema text with `report_indicator_type` listing `codes` after `-`."""
    with open(path, encoding="utf-8", newline="") as fh:
        text = fh.read()
    pattern = re.compile(r'(<xs:simpleType name="report_indicator_type">\s*<xs:restriction base="xs:string">)')
    if not pattern.search(text):
        raise SystemExit(f"{path}: no report_indicator_type simpleType")
    extra = "".join(f'<xs:enumeration value="{c}" />' for c in codes)
    return pattern.sub(lambda m: m.group(1) + extra, text, count=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+", metavar="FILE.xml")
    ap.add_argument("--schema", default=DEFAULT)
    ap.add_argument("--widen-indicators", default="", metavar="CODE,CODE")
    args = ap.parse_args()
    codes = [c for c in args.widen_indicators.split(",") if c]
    tmp = None
    path = args.schema
    if codes:
        tmp = tempfile.NamedTemporaryFile("w", suffix=".xsd", delete=False, encoding="utf-8")
        tmp.write(widened(args.schema, codes))
        tmp.close()
        path = tmp.name
    try:
        schema = xmlschema.XMLSchema11(path)
        for f in args.files:
            try:
                schema.validate(f)
            except xmlschema.XMLSchemaValidationError as e:
                print(f"{f}: not valid against {args.schema}{' (widened)' if codes else ''}:\n{e}", file=sys.stderr)
                sys.exit(1)
            print(f"{f}: valid")
    finally:
        if tmp is not None:
            os.unlink(tmp.name)


if __name__ == "__main__":
    main()
