"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never ask the public TSAs (no network here, and tests must not wait on it): tests that need
# timestamps start the local stand-in TSA and point PACKSEAL_TSA_URLS at it. Set in os.environ,
# so every subprocess (the packseal command, the GUI) inherits it.
os.environ["PACKSEAL_TSA_URLS"] = ""
os.environ.pop("PACKSEAL_TSA_ROOTS", None)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    """An empty data dir, also set as PACKSEAL_DATA_DIR so nothing touches the real one."""
    d = tmp_path / "data"
    monkeypatch.setenv("PACKSEAL_DATA_DIR", str(d))
    return d

