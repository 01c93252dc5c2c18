"""Seal files: mutated or invented seals beside a real clip give a report or a PackSeal error."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from packseal.core.errors import PackSealError
from packseal.core.ledger import verify_seal
from packseal.core.ledger.report import VerifyReport

from .conftest import fuzz, snapshot
from .datadir import build

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)


@pytest.fixture
def sealed_clip(sandbox: Path):
    layout, clip = build(sandbox / "data")
    seal = clip.with_name(clip.name + ".seal.json")
    return layout, clip, seal, json.loads(seal.read_text(encoding="utf-8"))


def _paths(value, prefix=()):
    """Every (path of keys/indexes) inside a JSON value."""
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, prefix + (i,))


def mutate(document: dict, seed: int, replacement, how: str) -> dict:
    doc = json.loads(json.dumps(document))
    paths = [p for p in _paths(doc) if p]
    target = random.Random(seed).choice(paths)
    parent = doc
    for key in target[:-1]:
        parent = parent[key]
    last = target[-1]
    if how == "delete":
        del parent[last]
    elif how == "replace":
        parent[last] = replacement
    elif how == "tweak" and isinstance(parent[last], str) and parent[last]:
        text = parent[last]
        at = random.Random(seed + 1).randrange(len(text))
        parent[last] = text[:at] + chr((ord(text[at]) + 1) % 0x10000 or 65) + text[at + 1:]
    elif how == "tweak" and type(parent[last]) is int:
        parent[last] += 1
    return doc


def check(layout, seal: Path, data: bytes) -> None:
    seal.write_bytes(data)
    before = snapshot(layout.root)
    try:
        report = verify_seal(seal)
    except PackSealError as exc:
        assert str(exc)
    else:
        assert isinstance(report, VerifyReport)
        assert report.exit_code in (0, 1)
    assert snapshot(layout.root) == before, "verifying a seal wrote into the data folder"


def test_the_untouched_seal_verifies(sealed_clip) -> None:
    layout, _clip, seal, _doc = sealed_clip
    report = verify_seal(seal)
    assert report.ok, report.format_text()


@fuzz(200)
@given(st.integers(0, 2**32), JSON, st.sampled_from(["delete", "replace", "tweak"]))
def test_mutated_seal_documents(sealed_clip, seed: int, replacement, how: str) -> None:
    layout, _clip, seal, doc = sealed_clip
    changed = mutate(doc, seed, replacement, how)
    check(layout, seal, json.dumps(changed, ensure_ascii=False, indent=2).encode("utf-8", "surrogatepass"))
    if how == "tweak" and changed.get("entry") != doc.get("entry"):
        # the signed entry changed: that must never verify
        assert not verify_seal(seal).ok


@fuzz(150)
@given(st.one_of(st.binary(max_size=3000), JSON.map(lambda v: json.dumps(v).encode())))
def test_random_seal_files(sealed_clip, data: bytes) -> None:
    layout, _clip, seal, _doc = sealed_clip
    check(layout, seal, data)


@fuzz(100)
@given(st.integers(0, 10_000), st.binary(min_size=1, max_size=8))
def test_seal_bytes_scribbled_on(sealed_clip, at: int, junk: bytes) -> None:
    layout, _clip, seal, doc = sealed_clip
    text = json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
    at = min(at, len(text))
    check(layout, seal, text[:at] + junk + text[at + len(junk):])


def test_a_seal_naming_a_file_outside_the_data_folder_opens_nothing_there(sealed_clip, sandbox: Path) -> None:
    layout, clip, seal, doc = sealed_clip
    doc = dict(doc, file="../../sibling/x.mp4", file_sha256="00" * 32)
    check(layout, seal, json.dumps(doc).encode())
