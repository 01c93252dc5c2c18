"""A small real data dir for the fuzz tests: a ledger with segments, clips with seals, checkpoints."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

from packseal.core.ledger import Ledger, clip_body, hash_file, retention_body, segment_body, write_seal
from packseal.core.storage.layout import DataLayout

T0 = datetime(2025, 6, 1, 8, 0, tzinfo=timezone.utc)


def build(root: Path) -> tuple[DataLayout, Path]:
    """Create the data dir at ``root``; return it and the path of its one remaining clip."""
    layout = DataLayout.open(root)
    with Ledger.open(layout, "Bench 1 打包台", "PackSeal fuzz", keyring_backend=None) as ledger:
        for n in range(3):
            path = layout.tape("cam0") / "s1" / f"seg-{n:06d}.ts"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(os.urandom(3000))
            sha, size = hash_file(path)
            ledger.append("segment", segment_body(
                camera="cam0", seq=n, file=layout.relative(path), sha256=sha, bytes=size,
                start=T0 + timedelta(seconds=2 * n), end=T0 + timedelta(seconds=2 * n + 2), frames=60))
        clips = []
        for order in ("SF1000000000001", "SF1000000000002"):
            path = layout.clips / "2025-06-01" / f"{order}_080000.mp4"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(os.urandom(5000))
            sha, size = hash_file(path)
            ledger.append("scan", {"code": order, "scan_time": "2025-06-01T08:00:00.000Z", "action": "start"})
            entry = ledger.append("clip", clip_body(
                order_id=order, scan_time=T0, start=T0, end=T0 + timedelta(seconds=6),
                file=layout.relative(path), sha256=sha, bytes=size, duration_ms=6000, frame_count=180,
                segments=[1, 2, 3], gaps=[(T0 + timedelta(seconds=2), T0 + timedelta(seconds=3))]))
            write_seal(path, entry, ledger.public_key_of(entry.key))
            clips.append((path, entry))
        ledger.checkpoint()
        gone, entry = clips[0]
        ledger.append("retention", retention_body(file=layout.relative(gone), sha256=entry.body["sha256"],
                                                  sealed_by=entry.seq, reason="clip-expired"))
        gone.unlink()
        ledger.checkpoint()
    return layout, clips[1][0]
