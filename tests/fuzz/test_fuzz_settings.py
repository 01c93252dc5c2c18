"""Settings files, damaged, hand-edited or hostile: they load or are refused, and are never rewritten."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from packseal.core.errors import BadInputError, StorageError
from packseal.core.settings import Settings, load_settings

from .conftest import fuzz, snapshot

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
FIELDS = [f.name for f in dataclasses.fields(Settings)] + ["order_patterns"]  # and version 1's field
# Objects with the real field names and values of any type: what a hand edit produces.
SETTINGS_LIKE = st.fixed_dictionaries({}, optional={name: JSON for name in FIELDS}).flatmap(
    lambda known: st.dictionaries(st.text(max_size=12), JSON, max_size=3).map(
        lambda extra: {**extra, **known}))


def load_and_check(folder: Path, data: bytes) -> None:
    path = folder / "settings.json"
    path.write_bytes(data)
    before = snapshot(folder)
    try:
        settings = load_settings(path)
    except (BadInputError, StorageError) as exc:
        assert str(exc)
    else:
        assert isinstance(settings, Settings)
        settings.validate()  # what loads is valid
    assert snapshot(folder) == before, "loading settings wrote a file"


@fuzz(200)
@given(st.binary(max_size=3000))
def test_random_bytes(sandbox: Path, data: bytes) -> None:
    load_and_check(sandbox, data)


@fuzz(200)
@given(st.one_of(JSON, SETTINGS_LIKE))
def test_random_json(sandbox: Path, value: object) -> None:
    load_and_check(sandbox, json.dumps(value).encode("utf-8"))


@fuzz(100)
@given(SETTINGS_LIKE, st.integers(0, 200), st.binary(min_size=1, max_size=4))
def test_a_real_settings_file_cut_or_scribbled_on(sandbox: Path, changes: dict, at: int, junk: bytes) -> None:
    text = json.dumps({**dataclasses.asdict(Settings(station_name="Bench 1")), **changes}).encode("utf-8")
    at = min(at, len(text))
    load_and_check(sandbox, text[:at] + junk + text[at + len(junk):])
