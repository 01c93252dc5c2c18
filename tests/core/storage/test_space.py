"""The space guard: levels, messages the owner can act on, and a cheap check on every scan."""

from __future__ import annotations

from collections import namedtuple
from pathlib import Path

import pytest

from packseal.core.errors import StorageError
from packseal.core.storage.space import FULL, MIB, OK, WARNING, SpaceGuard, format_size, free_bytes

DiskUsage = namedtuple("DiskUsage", "total used free")


class FakeDisk:
    """Reports ``free`` bytes and counts how often it was asked."""

    def __init__(self, free: int) -> None:
        self.free = free
        self.calls = 0

    def __call__(self, path: Path) -> DiskUsage:
        self.calls += 1
        return DiskUsage(10**12, 10**12 - self.free, self.free)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def guard(tmp_path: Path, free: int, reserve_mb=2048) -> SpaceGuard:
    return SpaceGuard(tmp_path, reserve_mb, usage=FakeDisk(free), cache_s=0, marker=None)


def test_free_bytes_of_a_real_folder(tmp_path: Path) -> None:
    assert free_bytes(tmp_path) > 0
    with pytest.raises(StorageError, match="cannot read the free space.*connected"):
        free_bytes(tmp_path / "no" / "such" / "folder")


@pytest.mark.parametrize(("free_mb", "level"), [(10_000, OK), (4096, OK), (4095, WARNING), (2048, WARNING),
                                                 (2047, FULL), (0, FULL)])
def test_levels_against_the_reserve(tmp_path: Path, free_mb: int, level: str) -> None:
    g = guard(tmp_path, free_mb * MIB)
    status = g.status()
    assert (status.free, status.reserve, status.level) == (free_mb * MIB, 2048 * MIB, level)
    assert (g.check() is not None) == (level == FULL) == status.refuses
    assert (status.message is None) == (level == OK)


def test_the_refusal_says_how_much_is_free_the_reserve_and_what_to_do(tmp_path: Path) -> None:
    message = guard(tmp_path, 812 * MIB).check()
    assert str(tmp_path) in message
    assert "only 812 MiB free" in message and "reserve of 2.0 GiB" in message
    assert "new recordings are refused" in message
    assert "Free space on that disk" in message and "lower the reserve in Settings" in message
    for wrong in ("elsewhere", "another folder", "other disk", "different folder", "other location"):
        assert wrong not in message.lower()


def test_the_early_warning_lets_recording_go_on(tmp_path: Path) -> None:
    g = guard(tmp_path, 3 * 1024 * MIB)
    assert g.check() is None
    assert "nearly full" in g.status().message and "3.0 GiB free" in g.status().message


def test_an_unreadable_disk_refuses_with_a_reason(tmp_path: Path) -> None:
    g = SpaceGuard(tmp_path / "unplugged", 100, cache_s=0, marker=None)
    status = g.status()
    assert status.level == FULL and status.free is None
    assert "cannot read the free space" in g.check()


def test_a_data_folder_whose_disk_is_gone_is_never_recorded_into(tmp_path: Path) -> None:
    from packseal.core.storage.layout import DataLayout

    layout = DataLayout.open(tmp_path / "mnt" / "usb-disk")
    g = SpaceGuard(layout.root, 100, usage=FakeDisk(10**12), cache_s=0)
    assert g.check() is None
    # Unplugged: the mount point is an empty folder again, on a disk with plenty of room.
    layout.ledger.rmdir()
    message = g.check()
    assert message is not None and "is not there" in message and "Connect the disk" in message


def test_a_zero_reserve_never_refuses(tmp_path: Path) -> None:
    assert guard(tmp_path, 0, reserve_mb=0).status().level == OK


def test_readings_are_reused_for_a_second_so_every_scan_may_ask(tmp_path: Path) -> None:
    disk, clock = FakeDisk(100 * MIB), Clock()
    g = SpaceGuard(tmp_path, 50, usage=disk, clock=clock, marker=None)
    for _ in range(100):
        assert g.check() is None
    assert disk.calls == 1
    disk.free = 10 * MIB
    clock.now += 0.5
    assert g.check() is None  # still the cached reading
    clock.now += 0.6
    assert g.check() is not None and disk.calls == 2
    disk.free = 100 * MIB
    assert g.refresh().level == OK and disk.calls == 3  # after deleting files: read again at once


def test_a_reserve_changed_in_settings_applies_at_the_next_reading(tmp_path: Path) -> None:
    settings = {"reserve_mb": 50}
    g = SpaceGuard(tmp_path, lambda: settings["reserve_mb"], usage=FakeDisk(100 * MIB), cache_s=0,
                   marker=None)
    assert g.check() is None
    settings["reserve_mb"] = 200
    assert g.check() is not None and g.status().reserve == 200 * MIB


def test_sizes_read_like_a_file_manager() -> None:
    assert [format_size(n) for n in (300 * 1024, 812 * MIB, 3 * 1024 * MIB + 100 * MIB, 50 * 1024 * MIB)] == [
        "300 KiB", "812 MiB", "3.1 GiB", "50 GiB"]
