"""A real data dir for the upkeep tests: ledger, catalog and archive, sealing files as the station does."""

from __future__ import annotations

import os
from collections import namedtuple
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

import pytest

from packseal.core.archive import Archive
from packseal.core.catalog import Catalog, ClipRecord, SegmentRecord
from packseal.core.events import EventHub
from packseal.core.ledger import Ledger, hash_file
from packseal.core.recording.clip import Clip
from packseal.core.recording.tape import ENDED_FILE, SEGMENT_LIST, SESSION_FILE, Segment
from packseal.core.storage.layout import DataLayout

STATION = "Bench 1"
T0 = datetime(2025, 6, 1, 8, 0, 0, tzinfo=timezone.utc)
SESSION = "20250601T080000000Z"
MIB = 1024 * 1024

DiskUsage = namedtuple("DiskUsage", "total used free")


def open_ledger(layout: DataLayout) -> Ledger:
    """A ledger that never touches the OS key store of the machine running the tests."""
    return Ledger.open(layout, STATION, "PackSeal test", keyring_backend=None)


class Disk:
    """A disk of ``capacity`` bytes that holds only the data dir: free = capacity − bytes of its files.

    Free space therefore grows by exactly what is really deleted.
    """

    def __init__(self, root: Path, capacity: int) -> None:
        self.root = root
        self.capacity = capacity
        self.calls = 0

    def used(self) -> int:
        total = 0
        for dirpath, _dirs, files in os.walk(self.root):
            for name in files:
                total += os.lstat(os.path.join(dirpath, name)).st_size
        return total

    def __call__(self, path: Path) -> DiskUsage:
        self.calls += 1
        used = self.used()
        return DiskUsage(self.capacity, used, max(0, self.capacity - used))


@dataclass
class Store:
    """A data dir with its ledger, catalog and archive, as the station uses them."""

    layout: DataLayout
    ledger: Ledger
    catalog: Catalog
    archive: Archive
    hub: EventHub

    def segment(self, n: int, start: datetime, *, camera: str = "cam0", session: str = SESSION,
                size: int = 20_000, length_s: int = 2, ended: bool = True) -> SegmentRecord:
        """Write tape segment ``n`` (random bytes) into its session folder and seal it like the station."""
        folder = self.layout.tape(camera) / session
        folder.mkdir(parents=True, exist_ok=True)
        (folder / SESSION_FILE).write_text(f'{{"camera": "{camera}", "started": "{start.isoformat()}"}}')
        with open(folder / SEGMENT_LIST, "a", encoding="utf-8") as listing:
            listing.write(f"seg-{n:06d}.ts,{n * length_s}.0,{(n + 1) * length_s}.0\n")
        if ended:
            (folder / ENDED_FILE).write_text("stopped")
        path = folder / f"seg-{n:06d}.ts"
        path.write_bytes(os.urandom(size))
        sha, nbytes = hash_file(path)
        self.archive.seal_segment(Segment(
            camera=camera, session=session, index=n, path=path, start_utc=start,
            end_utc=start + timedelta(seconds=length_s), start_mono=0.0, end_mono=0.0, frames=30 * length_s,
            bytes=nbytes, sha256=sha))
        row = self.catalog.segment_by_file(self.layout.relative(path))
        assert row is not None
        return row

    def clip(self, order_id: str, start: datetime, *, size: int = 30_000, pinned: bool = False,
             disputed: bool = False, with_index: bool = True, packing: dict | None = None) -> ClipRecord:
        """Write an order clip (random bytes, plus a frame index) and seal it like the station."""
        folder = self.layout.clips / start.strftime("%Y-%m-%d")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{order_id}_{start:%H%M%S}.mp4"
        path.write_bytes(os.urandom(size))
        if with_index:
            path.with_name(path.name + ".index.npz").write_bytes(os.urandom(2_000))
        sha, nbytes = hash_file(path)
        sealed = self.archive.seal_clip(Clip(
            order_id=order_id, station=STATION, path=path, scan_utc=start + timedelta(seconds=3),
            stop_utc=start + timedelta(seconds=18), start_utc=start, end_utc=start + timedelta(seconds=20),
            duration_s=20.0, frames=600, bytes=nbytes, sha256=sha, status="complete", segments=(),
            packing=packing))
        clip_id = sealed.clip.catalog_id
        if pinned:
            self.catalog.set_pinned(clip_id, True)
        if disputed:
            self.catalog.set_disputed(clip_id, True)
        return self.catalog.get_clip(clip_id)

    def path(self, rel: str) -> Path:
        return self.layout.root / rel

    def retention_entries(self) -> list[dict]:
        return [e.body for e in self.retention_entries_with_time()]

    def retention_entries_with_time(self) -> list:
        return [e for e in self.ledger.entries() if e.kind == "retention"]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    layout = DataLayout.open(tmp_path / "data")
    ledger = open_ledger(layout)
    catalog = Catalog.open(layout.catalog_file)
    hub = EventHub()
    archive = Archive(hub, layout, ledger, catalog)
    yield Store(layout, ledger, catalog, archive, hub)
    archive._unsubscribe()  # noqa: SLF001 - no final checkpoint needed: each test checkpoints itself
    catalog.close()
    ledger.close()
