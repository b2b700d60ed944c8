"""The Python wheel against the npm package, in the same run.

Every row of the sample corpus (www/samples/transactions.ndjson) screened by
`jejak.Screener().screen_json` must give the bytes
`JSON.stringify(new Screener().screen(tx))` gives in Node (pkg/, built by
`make pkg`), and the History samples replayed with states must give the
npm package's verdicts and state bytes. The wheel is the one
`maturin build` wrote (the Makefile installs it into a target directory
on PYTHONPATH).
"""

import json
import re
import os
import subprocess
import time
from pathlib import Path

import pytest

import jejak

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "www" / "samples" / "transactions.ndjson"
HISTORY = ROOT / "www" / "samples" / "history-all.ndjson"

def npm(file, mode="plain", *extra):
    """The npm package's verdicts (tests/npm-verdicts.mjs) and the seconds its screens took."""
    done = subprocess.run(
        ["node", str(Path(__file__).with_name("npm-verdicts.mjs")), str(file), mode, *map(str, extra)],
        check=True,
        capture_output=True,
        text=True,
    )
    lines = done.stdout.splitlines()
    return {"out": lines[:-1], "seconds": json.loads(lines[-1])["seconds"]}


def rows(file):
    return [line for line in file.read_text(encoding="utf-8").split("\n") if line.strip()]


def screen_json(screener, row):
    try:
        return screener.screen_json(row)
    except jejak.JejakError.Refused as e:
        return json.dumps({"code": e.code, "path": e.path}, separators=(",", ":"))


def test_every_sample_row_gives_the_npm_packages_bytes():
    node = npm(CORPUS)
    screener = jejak.Screener()
    started = time.perf_counter()
    mine = [screen_json(screener, row) for row in rows(CORPUS)]
    seconds = time.perf_counter() - started
    assert len(mine) == len(node["out"]) == 1200
    for i, (a, b) in enumerate(zip(mine, node["out"])):
        assert a == b, f"row {i + 1}"
    # Throughput, both measured in this run (printed with pytest -s), with
    # the Cargo profile the wheel was built in: make test's is unoptimized.
    profile = os.environ.get("JEJAK_NATIVE_PROFILE", "unknown")
    print(
        f"\nfull verdicts as JSON text, 1,200 sample rows: Python (UniFFI, profile {profile}) "
        f"{len(mine) / seconds:,.0f} tx/s, npm in Node {len(mine) / node['seconds']:,.0f} tx/s"
    )


def test_a_replay_with_history_gives_the_npm_packages_verdicts_and_states():
    node = npm(HISTORY, "history")
    screener = jejak.Screener()
    states = {}
    for i, (row, expected) in enumerate(zip(rows(HISTORY), node["out"])):
        tx = json.loads(row)
        sender = (tx.get("sender") or {}).get("id")
        receiver = (tx.get("receiver") or {}).get("id")
        r = screener.screen_with_history(row, states.get(sender), states.get(receiver))
        if r.receiver_state is not None:
            states[receiver] = r.receiver_state
        if r.sender_state is not None:
            states[sender] = r.sender_state
        got = {
            "verdict": r.verdict_json,
            "sender": r.sender_state.hex() if r.sender_state is not None else None,
            "receiver": r.receiver_state.hex() if r.receiver_state is not None else None,
        }
        assert got == json.loads(expected), f"row {i + 1}"
    assert any("HIST" in json.loads(e)["verdict"] for e in node["out"]), "the replay fired a history indicator"


def test_a_signed_image_screens_as_the_npm_package_screens_it(tmp_path):
    # The CLI compiles, keys and signs a pack the bindings have not seen
    # (tests/npm-verdicts.mjs); its digest is in every verdict.
    node = npm(CORPUS, "signed", tmp_path)
    image = (tmp_path / "pack.signed").read_bytes()
    key = (tmp_path / "publisher.public").read_text(encoding="utf-8").strip()
    screener = jejak.Screener.from_signed_image(image, key, None)
    assert screener.pack_digest() != jejak.Screener().pack_digest()
    assert [screen_json(screener, row) for row in rows(CORPUS)] == node["out"]
    # Another publisher's key, or one flipped byte, is refused.
    other = "ed25519:" + "11" * 32
    with pytest.raises(jejak.JejakError.Refused) as caught:
        jejak.Screener.from_signed_image(image, other, None)
    assert caught.value.code == "untrusted_key", caught.value.text
    flipped = bytearray(image)
    flipped[len(flipped) // 2] ^= 0xFF
    with pytest.raises(jejak.JejakError.Refused):
        jejak.Screener.from_signed_image(bytes(flipped), key, None)


def test_typed_records_match_the_json():
    screener = jejak.Screener()
    for row in rows(CORPUS)[:200]:
        try:
            verdict = screener.screen(row)
        except jejak.JejakError.Refused:
            continue
        full = json.loads(screener.screen_json(row))
        assert verdict.score == full["score"]
        assert verdict.level.name.lower() == full["level"]
        assert verdict.pack_digest == full["pack"]["digest"] == screener.pack_digest()
        assert [f.indicator for f in verdict.flags] == [f["indicator"] for f in full["flags"]]
        for f, g in zip(verdict.flags, full["flags"]):
            assert f.weight == g["weight"]
            assert [s.publisher for s in f.sources] == [s["publisher"] for s in g["sources"]]
            assert [json.loads(e.json) for e in f.evidence] == g["evidence"]
            assert [e.kind for e in f.evidence] == [e["kind"] for e in g["evidence"]]


@pytest.mark.parametrize(
    "call, code, path",
    [
        (lambda s: s.screen_json('{"timestamp":"2026-11-20T02:10:00+07:00","amount":"-5","currency":"IDR"}'), "invalid_transaction", "/amount"),
        (lambda s: s.screen_json("{not json"), "invalid_transaction", ""),
        (lambda s: s.screen_with_history('{"timestamp":"2026-11-20T02:10:00+07:00","amount":"5","currency":"IDR","sender":{"id":"a"}}', b"\x00\x01", None), "invalid_state", "/sender"),
        (lambda s: s.explain('{"score": "x"}'), "invalid_verdict", "/score"),
        (lambda s: jejak.Screener.with_options('{"locale": "fr"}'), "invalid_option", "/locale"),
        (lambda s: jejak.Screener.from_signed_image(b"JJKS", "ed25519:00", None), "invalid_option", ""),
    ],
)
def test_errors_carry_the_engines_code_and_path(call, code, path):
    with pytest.raises(jejak.JejakError.Refused) as caught:
        call(jejak.Screener())
    assert (caught.value.code, caught.value.path) == (code, path), caught.value.text
    assert caught.value.text


def test_explain_and_options():
    screener = jejak.Screener.with_options('{"locale": "id"}')
    row = rows(CORPUS)[0]
    full = json.loads(screener.screen_json(row))
    assert screener.explain(json.dumps(full)) == screener.screen_json(row)
    assert os.environ.get("JEJAK_NO_SUCH") is None


def test_the_readmes_python_example_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Use from Python") :]
    code = section[section.index("```python\n") + 10 : section.index("```\n", section.index("```python"))]
    printed = []
    exec(compile(code, "README.md", "exec"), {"print": lambda *a: printed.append(a)})
    level, indicators = printed[0]
    assert level in (jejak.Level.REVIEW, jejak.Level.HIGH) and indicators, printed
    assert printed[1] == ("invalid_transaction", "/timestamp")


def test_the_readmes_kotlin_example_is_the_one_the_kotlin_test_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Use from Kotlin") :]
    fence = "```kotlin\n"
    block = section[section.index(fence) + len(fence) : section.index("```\n", section.index(fence))]
    # The README's import line is the script's own first import.
    example = block.split("\n", 2)[2]
    script = Path(__file__).with_name("bindings").joinpath("test_jejak.kts").read_text(encoding="utf-8")
    begin = "// README: begin\nrun {\n"
    ran = script[script.index(begin) + len(begin) : script.index("}\n// README: end")]
    assert block.startswith("import uniffi.jejak_uniffi.*\n\n")
    assert ran == example


def test_the_swift_c_module_compiles_against_the_static_library_and_screens_like_npm(tmp_path):
    """What an iOS build compiles: the generated Swift's C module (JejakFFI.h,
    JejakFFI.modulemap) against the static library, here the host's
    (JEJAK_STATICLIB, default target/native/libjejak_uniffi.a, which
    `make native` builds). tests/ffi_header.c makes the calls the Swift
    makes, with the version and checksums the Swift expects read from
    Jejak.swift; its verdicts must be the npm package's bytes."""
    lib = Path(os.environ.get("JEJAK_STATICLIB", ROOT / "target" / "native" / "libjejak_uniffi.a"))
    assert lib.is_file(), f"{lib}: build it with cargo build -p jejak-uniffi --profile native"
    subprocess.run(
        ["uniffi-bindgen", "generate", "--library", str(lib), "--language", "swift", "--out-dir", str(tmp_path)],
        check=True,
        capture_output=True,
        cwd=ROOT / "bindings" / "uniffi",
    )
    assert {p.name for p in tmp_path.iterdir()} == {"Jejak.swift", "JejakFFI.h", "JejakFFI.modulemap"}
    assert 'header "JejakFFI.h"' in (tmp_path / "JejakFFI.modulemap").read_text(encoding="utf-8")
    swift = (tmp_path / "Jejak.swift").read_text(encoding="utf-8")
    assert "import JejakFFI" in swift and "open class Screener" in swift and "func screenJson(" in swift
    version = re.search(r"let bindings_contract_version = (\d+)", swift).group(1)
    checks = re.findall(r"if \((uniffi_jejak_uniffi_checksum_\w+)\(\) != (\d+)\)", swift)
    # Every constructor and method of the Screener has one.
    assert len(checks) == 8, checks
    table = ",".join(f'{{"{name}", {name}, {value}}}' for name, value in checks)
    exe = tmp_path / "ffi_header"
    subprocess.run(
        # The header is written for Clang, whose nullability qualifiers GCC
        # does not know: they mean nothing to the C compiler's output.
        ["cc", "-std=c11", "-O1", "-Wall", "-Wextra", "-Werror", "-D_Nullable=", "-D_Nonnull=", f"-I{tmp_path}",
         f"-DCONTRACT_VERSION={version}", f"-DCHECKS={table}",
         str(Path(__file__).with_name("ffi_header.c")), str(lib), "-lpthread", "-ldl", "-lm", "-o", str(exe)],
        check=True,
    )
    # The corpus, and rows refused with each kind of fault.
    log = tmp_path / "log.ndjson"
    bad = ['{"amount": "50", "currency": "AUD"}', "{not json", '{"timestamp": "2026-11-20T02:10:00Z", "amount": -1}']
    log.write_text("\n".join(rows(CORPUS) + bad) + "\n", encoding="utf-8")
    node = npm(log)
    with log.open("rb") as stdin:
        done = subprocess.run([str(exe)], stdin=stdin, check=True, capture_output=True, text=True)
    mine = done.stdout.splitlines()
    assert len(mine) == len(node["out"]) == 1203
    for i, (a, b) in enumerate(zip(mine, node["out"])):
        assert a == b, f"row {i + 1}"
    assert [json.loads(line)["code"] for line in mine[-3:]] == ["invalid_transaction"] * 3
