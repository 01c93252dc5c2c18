"""A real data dir (catalog, ledger, keys) holding sealed, numbered clips."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from packseal.core.catalog import ClipRecord
from packseal.core.ledger import hash_file
from packseal.core.recording.events import Clip
from tests.support.framecode import make_clip

pytest.importorskip("pytestqt")

FPS = 15
T0 = datetime(2026, 3, 14, 6, 30, tzinfo=timezone.utc)


@pytest.fixture
def services(tmp_path):
    from packseal.compose import open_services

    opened = open_services(tmp_path / "data", recorder=False)  # as the window opens it
    yield opened
    opened.close()


def add_sealed_clip(services, order_id: str, start_utc: datetime, *, frames: int = 45,
                    station: str = "Bench 1") -> ClipRecord:
    """Make a numbered clip in the data dir and seal it the way the recorder does (archive)."""
    rel = f"clips/{start_utc:%Y-%m-%d}/{order_id}_{start_utc:%H%M%S}.mp4"
    path = make_clip(services.layout.root / rel, frames=frames, fps=FPS, start_utc=start_utc,
                     order_id=order_id, station=station)
    digest, size = hash_file(path)
    duration = frames / FPS
    sealed = services.archive.seal_clip(Clip(
        order_id=order_id, station=station, path=path, scan_utc=start_utc + timedelta(seconds=1),
        stop_utc=start_utc + timedelta(seconds=duration), start_utc=start_utc,
        end_utc=start_utc + timedelta(seconds=duration), duration_s=duration, frames=frames,
        bytes=size, sha256=digest, status="complete", segments=()))
    services.archive.checkpoint()  # so verification finds the entry under a signed checkpoint
    record = services.catalog.get_clip(sealed.clip.catalog_id)
    assert record is not None
    return record
