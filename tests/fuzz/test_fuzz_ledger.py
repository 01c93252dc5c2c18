"""Damaged ledger files: verification names a problem (or says it cannot read), and opening never crashes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from packseal.core.errors import PackSealError
from packseal.core.ledger import Ledger, verify_data_dir
from packseal.core.storage.layout import DataLayout

from .conftest import fuzz
from .datadir import build

LEDGER_FILE = Path("ledger") / "ledger-000001.jsonl"


@pytest.fixture
def pristine(sandbox: Path) -> Path:
    layout, _clip = build(sandbox / "pristine")
    assert verify_data_dir(layout).ok
    return layout.root


@st.composite
def damage(draw, lines: list[bytes]) -> tuple[str, bytes]:
    """One kind of damage to the ledger's bytes, and the damaged bytes."""
    data = b"".join(lines)
    kind = draw(st.sampled_from(["flip", "delete", "duplicate", "swap", "insert", "cut", "edit"]))
    n = len(lines)
    i, j = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
    if kind == "flip":
        at = draw(st.integers(0, len(data) - 1))
        out = bytearray(data)
        out[at] ^= draw(st.integers(1, 255))
        return kind, bytes(out)
    if kind == "delete":
        return kind, b"".join(lines[:i] + lines[i + 1:])
    if kind == "duplicate":
        return kind, b"".join(lines[:i + 1] + lines[i:])
    if kind == "swap":
        changed = list(lines)
        changed[i], changed[j] = changed[j], changed[i]
        return kind, b"".join(changed)
    if kind == "insert":
        objects = st.dictionaries(st.text(max_size=8), st.integers() | st.text(), max_size=9)
        junk = draw(st.one_of(st.binary(max_size=200), objects.map(lambda d: json.dumps(d).encode())))
        return kind, b"".join(lines[:i] + [junk.replace(b"\n", b"") + b"\n"] + lines[i:])
    if kind == "cut":
        return kind, data[:draw(st.integers(0, len(data) - 1))]
    # "edit": a valid JSON entry with one body value changed, not re-signed
    entry = json.loads(lines[i])
    if entry["body"]:
        key = draw(st.sampled_from(sorted(entry["body"])))
        entry["body"][key] = draw(st.integers(0, 2**53) | st.text(max_size=20))
    changed = list(lines)
    changed[i] = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode() + b"\n"
    return kind, b"".join(changed)


@fuzz(120)
@given(st.data())
def test_damaged_ledgers(pristine: Path, sandbox: Path, data) -> None:
    lines = (pristine / LEDGER_FILE).read_bytes().splitlines(keepends=True)
    kind, damaged = data.draw(damage(lines))
    copy = sandbox / "copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(pristine, copy)
    (copy / LEDGER_FILE).write_bytes(damaged)
    layout = DataLayout(copy)
    try:
        report = verify_data_dir(layout)
    except PackSealError as exc:  # LedgerError (nothing left to verify) or StorageError
        assert str(exc)
    else:
        assert report.exit_code in (0, 1)
        if kind == "flip" or (kind in ("delete", "swap", "insert", "edit") and damaged != b"".join(lines)):
            assert not report.ok, f"{kind} was not noticed:\n{report.format_text()}"
    try:
        ledger = Ledger.open(layout, "Bench 1", "PackSeal fuzz", keyring_backend=None)
    except PackSealError as exc:
        assert str(exc)
    else:
        try:
            ledger.append("scan", {"code": "SF1", "scan_time": "2025-06-01T09:00:00.000Z"})
        except PackSealError:
            pass
        finally:
            ledger.close()
    shutil.rmtree(copy)
