"""Fuzzing hostile input: the same examples on every run, and no file written where it should not be.

Every test here feeds generated input (random bytes, mutated real files,
random JSON) to a reader of untrusted data and accepts exactly two outcomes:
a result, or PackSeal's own error saying what is wrong. Anything else (an
IndexError, a RecursionError, a hang of more than a few seconds) fails.

``derandomize=True`` derives the examples from each test's name, so CI runs
the same ones every time; ``max_examples`` keeps the folder well under 40 s.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import HealthCheck, settings

#: The settings every fuzz test uses (pass ``max_examples`` to scale one).
FUZZ = dict(
    derandomize=True,
    database=None,  # nothing saved between runs: the examples come from the seed alone
    deadline=None,  # a noisy shared machine; hangs are caught by the test run's own limits
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
)


def fuzz(max_examples: int, **overrides):
    """``@fuzz(n)``: hypothesis settings for a repeatable fuzz test of ``n`` examples."""
    return settings(max_examples=max_examples, **{**FUZZ, **overrides})


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under ``folder`` with its size and modification time."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            st = os.lstat(path)
            found[os.path.relpath(path, folder)] = (st.st_size, st.st_mtime_ns)
    return found


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Path]:
    """A folder the code under test may use; its sibling holds bait that must stay untouched.

    The bait has the names a path-traversal bug would reach for (settings,
    clips, seals, ledger files). After the test, the sibling must be exactly
    as it was and nothing new may appear beside the two folders.
    """
    work = tmp_path / "work"
    work.mkdir()
    sibling = tmp_path / "sibling"
    for rel in ("settings.json", "x.mp4", "x.mp4.seal.json", "ledger/ledger-000001.jsonl", "clips/a.mp4",
                "etc/passwd"):
        bait = sibling / rel
        bait.parent.mkdir(parents=True, exist_ok=True)
        bait.write_bytes(b"bait " + rel.encode())
    before = snapshot(sibling)
    yield work
    assert snapshot(sibling) == before, "a file outside the test's folder was written or changed"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sibling", "work"], \
        "something was written beside the test's folder"
