"""Fixtures for the catalog tests: a fresh catalog file and a clip factory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from packseal.core.catalog import Catalog, ClipRecord, SegmentRecord
from packseal.core.storage.names import safe_file_stem

BASE_MS = 1_714_521_600_000  # 2024-05-01T00:00:00Z


@pytest.fixture
def catalog(tmp_path: Path) -> Iterator[Catalog]:
    cat = Catalog.open(tmp_path / "catalog.sqlite")
    yield cat
    cat.close()


def make_clip(order_id: str = "SF1234567890123", start_ms: int = BASE_MS, **changes: object) -> ClipRecord:
    """A complete 20-second clip starting at ``start_ms``."""
    clip = ClipRecord(
        order_id=order_id,
        station="station-1",
        scan_ms=start_ms + 3_000,
        start_ms=start_ms,
        end_ms=start_ms + 20_000,
        duration_ms=20_000,
        frame_count=500,
        file=f"clips/2024-05-01/{safe_file_stem(order_id)}.mp4",
        bytes=4_000_000,
        sha256="ab" * 32,
        status="complete",
    )
    return replace(clip, **changes)


def make_segment(seq: int, camera: str = "cam0", start_ms: int = BASE_MS, length_ms: int = 2_000) -> SegmentRecord:
    """Segment ``seq`` of a tape of back-to-back ``length_ms`` segments starting at ``start_ms``."""
    begin = start_ms + seq * length_ms
    return SegmentRecord(
        camera=camera, seq=seq, file=f"tape/{camera}/{seq:08d}.mp4",
        start_ms=begin, end_ms=begin + length_ms, frames=50, bytes=400_000, sha256="cd" * 32,
    )


@pytest.fixture
def clip_factory() -> Callable[..., ClipRecord]:
    return make_clip


@pytest.fixture
def segment_factory() -> Callable[..., SegmentRecord]:
    return make_segment
