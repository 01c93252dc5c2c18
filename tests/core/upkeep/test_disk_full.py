"""A real full disk: a 6 MiB tmpfs as the data dir, filled until the kernel says ENOSPC.

Needs root (the test container runs as root) to mount the tmpfs. Without it
the test fails, saying so: a disk-full guarantee that is never exercised is
not a guarantee.
"""

from __future__ import annotations

import errno
import os
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

import pytest

from packseal.core.catalog import Catalog, ClipRecord, SegmentRecord, to_ms
from packseal.core.errors import StorageError, StorageFullError
from packseal.core.ledger import clip_body, hash_file, segment_body, verify_data_dir, write_seal
from packseal.core.storage.layout import DataLayout
from packseal.core.upkeep.reconcile import reconcile
from packseal.core.upkeep.retention import RetentionPolicy, apply_retention

from .conftest import open_ledger

T0 = datetime(2025, 6, 1, 8, 0, tzinfo=timezone.utc)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "small-disk"
    mount.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.fail("the disk-full test must mount a 6 MiB tmpfs and could not "
                    f"({proc.stderr.strip() or proc.returncode}); run the tests as root, or in a "
                    "container allowed to mount tmpfs")
    try:
        yield mount
    finally:
        if subprocess.run(["umount", str(mount)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill(path: Path, leave: int = 0) -> None:
    """Write ``path`` until the disk is full, then give back ``leave`` bytes."""
    chunk = b"\xa5" * 65536
    with open(path, "ab", buffering=0) as fh:
        try:
            while True:
                fh.write(chunk)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
    if leave:
        os.truncate(path, max(0, path.stat().st_size - leave))


def test_enospc_leaves_ledger_and_catalog_consistent_and_verifiable(small_disk: Path) -> None:
    layout = DataLayout.open(small_disk / "data")
    ledger = open_ledger(layout)
    catalog = Catalog.open(layout.catalog_file)
    filler = small_disk / "filler.bin"
    fill(filler, leave=512 * 1024)
    folder = layout.tape("cam0") / "s1"
    folder.mkdir(parents=True)
    clip = layout.clips / "SF1234567890123_080000.mp4"  # sealed now; its seal is written once full
    clip.write_bytes(os.urandom(4000))
    sha, size = hash_file(clip)
    clip_entry = ledger.append("clip", clip_body(
        order_id="SF1234567890123", scan_time=T0, start=T0, end=T0 + timedelta(seconds=4),
        file=layout.relative(clip), sha256=sha, bytes=size, duration_ms=4000, frame_count=120))

    # The station's loop (file, then ledger entry, then catalog row) until the disk is full.
    sealed: list[int] = []
    indexed: list[int] = []
    failure: Exception | None = None
    for n in range(10_000):
        path = folder / f"seg-{n:06d}.ts"
        try:
            path.write_bytes(os.urandom(3000))
        except OSError as exc:
            path.unlink(missing_ok=True)  # a segment cut short is never sealed
            failure = exc
            break
        sha, size = hash_file(path)
        start = T0 + timedelta(seconds=2 * n)
        try:
            entry = ledger.append("segment", segment_body(
                camera="cam0", seq=n, file=layout.relative(path), sha256=sha, bytes=size, start=start,
                end=start + timedelta(seconds=2), frames=60))
        except StorageError as exc:
            path.unlink()
            failure = exc
            break
        sealed.append(entry.seq)
        try:
            catalog.add_segment(SegmentRecord(camera="cam0", seq=n, file=layout.relative(path),
                                              start_ms=to_ms(start), end_ms=to_ms(start) + 2000, bytes=size,
                                              sha256=sha, ledger_seq=entry.seq))
        except StorageError as exc:
            failure = exc
            break
        indexed.append(entry.seq)
    assert failure is not None and len(sealed) > 10, "the disk never filled up"

    # Now completely full: each writer says so, with a message the owner can act on.
    fill(small_disk / "filler-2.bin")
    scans: list[int] = []  # the last partly used page may still take a few lines
    with pytest.raises(StorageFullError, match="full.*Free space") as ledger_full:
        for _ in range(1000):
            scans.append(ledger.append("scan", {"code": "SF1234567890123",
                                                "scan_time": "2025-06-01T09:00:00.000Z"}).seq)
    assert f"entry {(scans or sealed)[-1] + 1} was not written" in str(ledger_full.value)
    with pytest.raises(StorageFullError, match="disk holding the catalog .* is full.*Free space"):
        for n in range(1000):
            catalog.add_clip(ClipRecord(order_id=f"SF{n:013d}", station="s", scan_ms=n, start_ms=n,
                                        file=f"clips/x/{n}.mp4", note="x" * 2000))
    with pytest.raises(StorageFullError, match="disk is full"):
        write_seal(clip, clip_entry, ledger.public_key)
    assert [p.name for p in layout.clips.iterdir()] == [clip.name]  # no seal, no temporary file

    # Retention cannot record a deletion on a full disk, so it deletes nothing (entry first, always).
    expired = apply_retention(layout, catalog, ledger, RetentionPolicy(tape_days=1, reserve_mb=1),
                              now=T0 + timedelta(days=30))
    assert expired.deleted == [] and "completely full" in expired.problems[0]
    assert expired.message is not None and "had to stop" in expired.message
    assert len(list(folder.glob("seg-*.ts"))) == len(sealed)  # every sealed segment is still there

    # Space comes back: nothing half written anywhere, and work goes on.
    for f in (filler, small_disk / "filler-2.bin"):
        f.unlink()
    catalog.close()
    ledger.close()
    ledger = open_ledger(layout)
    assert ledger.repairs == []  # no torn line was left behind
    catalog = Catalog.open(layout.catalog_file)
    try:
        catalog.check_integrity()
        rows = catalog.ledger_seqs("segments")
        assert rows == indexed and catalog.count() == 0  # every clip insert was rolled back whole
        entries = [e.seq for e in ledger.entries() if e.kind == "segment"]
        assert entries == sealed
        assert ledger.last_seq == (scans or sealed)[-1]  # the refused append left nothing behind
        report = reconcile(layout, catalog, ledger)  # the entry whose row did not fit gets it now
        assert report.ok, report.summary()
        assert catalog.ledger_seqs("segments") == sealed
        ledger.append("scan", {"code": "SF1234567890123", "scan_time": "2025-06-01T09:00:00.000Z"})
        write_seal(clip, clip_entry, ledger.public_key)
        ledger.checkpoint()
        check = verify_data_dir(layout)
        assert check.ok, check.format_text()
        assert check.checked["files_hashed"] == len(sealed) + 1 and check.checked["seals"] == 1
    finally:
        catalog.close()
        ledger.close()
