"""What every file stem made from an order ID must be: one plain name on POSIX and Windows."""

from __future__ import annotations

import re
from pathlib import PurePosixPath, PureWindowsPath

from packseal.core.storage.names import MAX_FILE_STEM

_SAFE_STEM = re.compile(r"[A-Za-z0-9._-]+")
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(10)} | {f"LPT{i}" for i in range(10)}


def assert_plain_file_name(stem: str) -> None:
    assert _SAFE_STEM.fullmatch(stem), stem
    assert 0 < len(stem) <= MAX_FILE_STEM
    assert stem not in (".", "..")
    assert not stem.startswith(".") and not stem.endswith(".")
    assert stem.split(".")[0].upper() not in _RESERVED
    for flavour in (PurePosixPath, PureWindowsPath):
        assert flavour(stem).name == stem
        assert flavour(stem + ".mp4").parent == flavour(".")
