"""A real full disk while an order records: the clip ends cleanly, nothing is lost for good."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from packseal.compose import open_services
from packseal.core.archive import ClipSealed
from packseal.core.ledger import verify_data_dir
from packseal.core.recording.events import ClipFailed, EncoderDied
from packseal.core.storage.layout import DataLayout


@pytest.fixture
def small_disk(tmp_path: Path):
    mount = tmp_path / "disk"
    mount.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.fail(f"this test mounts a 40 MiB tmpfs and needs root to do so: {proc.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def wait_for(pred, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(0.1)
    return False


def test_a_disk_that_fills_mid_order_loses_nothing_sealed_and_the_clip_is_made_later(small_disk):
    data = small_disk / "data"
    services = open_services(data)
    events: list = []
    services.hub.subscribe(events.append)
    s = services.settings
    s.preroll_s, s.postroll_s, s.reserve_mb = 0.5, 0.5, 0
    station = services.station("test:640x360@15", read_barcodes=False)
    filler = small_disk / "filler.bin"
    try:
        station.start()
        time.sleep(1.0)
        assert station.scan("SF1234567890123") == "start"
        time.sleep(2.5)
        with open(filler, "wb") as f:  # someone copies a big file onto the disk
            try:
                while True:
                    f.write(b"\0" * (1 << 20))
            except OSError:
                pass
        assert wait_for(lambda: any(isinstance(e, EncoderDied) for e in events)), "no alert"
        station.stop_order()
        assert wait_for(lambda: any(isinstance(e, ClipFailed) for e in events))
    finally:
        station.stop()
        services.close()
    failed = next(e for e in events if isinstance(e, ClipFailed))
    assert "next starts" in failed.message
    layout = DataLayout(data.resolve())
    # what was sealed before the disk filled still verifies (ledger whole, files intact)
    filler.unlink()
    assert verify_data_dir(layout).ok
    # with room again, opening the data dir makes the order's clip from its sealed tape
    services = open_services(data)
    try:
        clips = services.catalog.search("SF1234567890123")
        assert len(clips) == 1 and clips[0].frame_count > 0
        assert "recovered" in services.recovery.summary()
    finally:
        services.close()
    assert verify_data_dir(layout).ok
