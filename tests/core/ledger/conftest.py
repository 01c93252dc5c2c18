"""Fixtures for the ledger tests: a data dir with a ledger, clips and segments sealed in it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from packseal.core.ledger import (Entry, Ledger, clip_body, hash_file, retention_body, segment_body,
                                  write_seal)
from packseal.core.ledger.entry import sign_entry
from packseal.core.ledger.keys import KeyStore
from packseal.core.storage.layout import DataLayout

STATION = "Bench 1 打包台"
SOFTWARE = "PackSeal test"
T0 = datetime(2025, 6, 1, 8, 0, 0, tzinfo=timezone.utc)


def open_ledger(layout: DataLayout, **kwargs) -> Ledger:
    """A ledger that never touches the OS key store of the machine running the tests."""
    kwargs.setdefault("keyring_backend", None)
    return Ledger.open(layout, STATION, SOFTWARE, **kwargs)


class StepClock:
    """A wall clock that advances 1 s per reading; ``back()`` sets it back an hour."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now

    def back(self, seconds: int = 3600) -> None:
        self.now -= timedelta(seconds=seconds)


def seal_clip(layout: DataLayout, ledger: Ledger, order_id: str, size: int = 40_000,
              day: str = "2025-06-01") -> tuple[Path, Entry]:
    """Write a clip of random bytes, append its clip entry, write its seal."""
    folder = layout.clips / day
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{order_id}.mp4"
    path.write_bytes(os.urandom(size))
    sha, n = hash_file(path)
    entry = ledger.append("clip", clip_body(
        order_id=order_id, scan_time=T0, start=T0 - timedelta(seconds=2), end=T0 + timedelta(seconds=20),
        file=layout.relative(path), sha256=sha, bytes=n, duration_ms=22_000, frame_count=660))
    write_seal(path, entry, ledger.public_key_of(entry.key))
    return path, entry


def seal_segment(layout: DataLayout, ledger: Ledger, number: int, size: int = 20_000) -> tuple[Path, Entry]:
    folder = layout.tape("cam0")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"seg-{number:06d}.ts"
    path.write_bytes(os.urandom(size))
    sha, n = hash_file(path)
    entry = ledger.append("segment", segment_body(
        camera="cam0", seq=number, file=layout.relative(path), sha256=sha, bytes=n,
        start=T0 + timedelta(seconds=2 * number), end=T0 + timedelta(seconds=2 * number + 2), frames=60))
    return path, entry


def retire_file(ledger: Ledger, layout: DataLayout, path: Path, sealed: Entry, reason: str) -> Entry:
    """Delete ``path`` the proper way: unlink it and record a retention entry."""
    path.unlink()
    return ledger.append("retention", retention_body(
        file=layout.relative(path), sha256=sealed.body["sha256"], sealed_by=sealed.seq, reason=reason))


@dataclass
class Station:
    """A populated data dir: segments, clips (with seals), scans and checkpoints."""

    layout: DataLayout
    clips: dict[str, tuple[Path, Entry]] = field(default_factory=dict)
    segments: list[tuple[Path, Entry]] = field(default_factory=list)

    def lines(self, number: int = 1) -> list[bytes]:
        return (self.layout.ledger / f"ledger-{number:06d}.jsonl").read_bytes().splitlines(keepends=True)

    def write_lines(self, lines: list[bytes], number: int = 1) -> None:
        (self.layout.ledger / f"ledger-{number:06d}.jsonl").write_bytes(b"".join(lines))

    def station_key(self, key_id: str):
        return KeyStore(self.layout.keys, keyring_backend=None).load(key_id)


def resign(key, entry_dict: dict) -> bytes:
    """Re-sign an (edited) entry dict with ``key``; returns its ledger line."""
    fields = {k: entry_dict[k] for k in ("seq", "prev", "time", "station", "kind", "body")}
    return sign_entry(key, **fields).canonical + b"\n"


@pytest.fixture
def layout(tmp_path: Path) -> DataLayout:
    return DataLayout.open(tmp_path / "data")


@pytest.fixture
def station(layout: DataLayout) -> Station:
    """Genesis, 3 segments, 2 clips, scans, a checkpoint, more entries, a final checkpoint."""
    st = Station(layout)
    with open_ledger(layout, clock=StepClock()) as ledger:
        for i in range(3):
            st.segments.append(seal_segment(layout, ledger, i))
        ledger.append("scan", {"code": "SF1001", "scan_time": "2025-06-01T08:00:00.000Z", "action": "start"})
        st.clips["SF1001"] = seal_clip(layout, ledger, "SF1001")
        ledger.append("scan", {"code": "SF1002", "scan_time": "2025-06-01T08:01:00.000Z", "action": "start"})
        st.clips["SF1002"] = seal_clip(layout, ledger, "SF1002", size=50_000)
        ledger.checkpoint()
        ledger.append("scan", {"code": "SF1003", "scan_time": "2025-06-01T08:02:00.000Z"})
        st.clips["SF1003"] = seal_clip(layout, ledger, "SF1003")
        ledger.checkpoint()
    return st
