"""Clips put into a real data dir (catalog, ledger, keys) and sealed the way the recorder does."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

from packseal.core.catalog import ClipRecord
from packseal.core.ledger import hash_file
from packseal.core.recording.clip import Clip
from tests.support import scene
from tests.support.framecode import make_clip

FPS = 15
#: The start of the numbered clips the library tests file.
T0 = datetime(2026, 3, 14, 6, 30, tzinfo=timezone.utc)


def seal_file(services, path: Path, order_id: str, start_utc: datetime, duration_s: float, frames: int,
              station: str = "Bench 1", packing: dict | None = None) -> int:
    """Seal the clip file at ``path`` through the archive, under a checkpoint; returns its catalog id.

    The order was scanned 1 s into the clip and stopped at its end; ``packing`` is the
    station's packing record for the entry (FORMAT.md §6.1).
    """
    digest, size = hash_file(path)
    end = start_utc + timedelta(seconds=duration_s)
    sealed = services.archive.seal_clip(Clip(
        order_id=order_id, station=station, path=path, scan_utc=start_utc + timedelta(seconds=1),
        stop_utc=end, start_utc=start_utc, end_utc=end, duration_s=duration_s, frames=frames,
        bytes=size, sha256=digest, status="complete", segments=(), packing=packing))
    services.archive.checkpoint()  # so verification finds the entry under a signed checkpoint
    return sealed.clip.catalog_id


def _record(services, catalog_id: int) -> ClipRecord:
    record = services.catalog.get_clip(catalog_id)
    assert record is not None
    return record


def add_sealed_clip(services, order_id: str, start_utc: datetime, *, frames: int = 45,
                    station: str = "Bench 1", packing: dict | None = None) -> ClipRecord:
    """Make a numbered clip (:mod:`.framecode`) in the data dir and seal it (with ``packing``'s record)."""
    rel = f"clips/{start_utc:%Y-%m-%d}/{order_id}_{start_utc:%H%M%S}.mp4"
    path = make_clip(services.layout.root / rel, frames=frames, fps=FPS, start_utc=start_utc,
                     order_id=order_id, station=station)
    return _record(services, seal_file(services, path, order_id, start_utc, frames / FPS, frames, station,
                                       packing))


def add_scene_clip(services, scene_files: scene.SceneFiles, order_id: str = scene.ORDER) -> ClipRecord:
    """Put the dispute scene's clip in the data dir as ``order_id``'s clip, sealed and indexed."""
    start = scene.CLIP_START
    rel = f"clips/{start:%Y-%m-%d}/{order_id}_{start:%H%M%S}.mp4"
    path = services.layout.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(scene_files.clip, path)
    duration = scene.CLIP_SECONDS
    catalog_id = seal_file(services, path, order_id, start, duration, int(duration * scene.CLIP_FPS))
    services.indexer.wait(30)  # sealing queued the clip for indexing; let that finish first
    return _record(services, catalog_id)
