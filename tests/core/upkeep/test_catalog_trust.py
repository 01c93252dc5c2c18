"""When the catalog is read whole: at start-up only when it may be damaged, else daily in the background."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from packseal.core.catalog import Catalog, CatalogDamagedError, ClipRecord
from packseal.core.catalog.database import CatalogDatabase
from packseal.core.events import EventHub
from packseal.core.upkeep import catalog_trust
from packseal.core.upkeep.catalog_trust import CatalogDamageFound, close_catalog, read_whole_if_due
from packseal.core.upkeep.rebuild import open_or_rebuild_catalog

from .conftest import T0, Store


class Starts:
    """Opens the store's data dir as a start-up does, counting the full reads of the catalog."""

    def __init__(self, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        self.store = store
        self.reads = 0
        self.boot = "boot-1"
        real = CatalogDatabase.check_integrity

        def counted(catalog: CatalogDatabase) -> None:
            self.reads += 1
            real(catalog)

        monkeypatch.setattr(CatalogDatabase, "check_integrity", counted)
        monkeypatch.setattr(catalog_trust, "boot_id", lambda: self.boot)

    def open(self) -> tuple[Catalog, str | None]:
        return open_or_rebuild_catalog(self.store.layout, self.store.ledger)

    def start_and_stop(self) -> str | None:
        catalog, note = self.open()
        close_catalog(self.store.layout, catalog)
        return note

    def restart_machine(self) -> None:
        self.boot = self.boot + "+"


@pytest.fixture
def padded(store: Store) -> Store:
    """A catalog with enough rows that damage to its last third hits rows, not only free pages."""
    store.clip("SF1000000000001", T0)
    store.catalog.add_clips(ClipRecord(order_id=f"PAD{n:010d}", station="s", scan_ms=n, start_ms=n,
                                       file=f"clips/pad/{n}.mp4") for n in range(3000))
    store.ledger.checkpoint()
    store.catalog.close()
    return store


def damage_last_third(path: Path, seed: int) -> None:
    data = bytearray(path.read_bytes())
    tail = len(data) // 3
    data[-tail:] = random.Random(seed).randbytes(tail)
    path.write_bytes(bytes(data))


def test_the_first_start_reads_the_catalog_whole_and_later_starts_of_this_run_of_the_machine_do_not(
        padded: Store, monkeypatch) -> None:
    starts = Starts(padded, monkeypatch)
    assert starts.start_and_stop() is None and starts.reads == 1
    catalog, _ = starts.open()  # the window and the recorder, side by side
    assert starts.start_and_stop() is None
    catalog.add_clips([ClipRecord(order_id="SF2", station="s", scan_ms=1, start_ms=1, file="clips/a.mp4")])
    close_catalog(padded.layout, catalog)
    assert starts.start_and_stop() is None and starts.reads == 1


def test_after_a_restart_of_the_machine_a_cleanly_closed_catalog_is_trusted(padded: Store, monkeypatch) -> None:
    starts = Starts(padded, monkeypatch)
    starts.start_and_stop()
    starts.restart_machine()
    assert starts.start_and_stop() is None and starts.reads == 1
    mark = json.loads((padded.layout.state / catalog_trust.MARK).read_text())
    assert mark["closed"] is True and mark["boot"] == starts.boot


def test_after_a_restart_a_catalog_changed_since_its_clean_close_is_read_whole_and_rebuilt(
        padded: Store, monkeypatch) -> None:
    starts = Starts(padded, monkeypatch)
    starts.start_and_stop()
    damage_last_third(padded.layout.catalog_file, seed=1)  # e.g. a disk that did not keep what it was told
    starts.restart_machine()
    note = starts.start_and_stop()
    assert starts.reads == 2 and "was damaged" in note


def test_after_a_restart_a_catalog_left_open_is_read_whole(padded: Store, monkeypatch, tmp_path) -> None:
    starts = Starts(padded, monkeypatch)
    starts.start_and_stop()
    # A process writing to the catalog when the power went: here a real process, killed with its WAL full.
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(padded.layout.catalog_file), str(tmp_path / "written")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not (tmp_path / "written").exists():
        assert holder.poll() is None and time.monotonic() < deadline, holder.communicate()
        time.sleep(0.02)
    holder.kill()
    holder.wait(30)
    assert Path(f"{padded.layout.catalog_file}-wal").stat().st_size > 0
    starts.restart_machine()
    assert starts.start_and_stop() is None and starts.reads == 2


HOLD_OPEN = """
import sys, time
from pathlib import Path
from packseal.core.catalog import Catalog, ClipRecord
catalog = Catalog.open(sys.argv[1])
catalog.add_clips([ClipRecord(order_id="SF3", station="s", scan_ms=2, start_ms=2, file="clips/b.mp4")])
Path(sys.argv[2]).touch()
time.sleep(600)
"""


def test_a_catalog_without_a_note_or_with_a_note_it_cannot_read_is_read_whole(padded: Store, monkeypatch) -> None:
    starts = Starts(padded, monkeypatch)
    starts.start_and_stop()
    mark = padded.layout.state / catalog_trust.MARK
    for unreadable in ("", "{", '{"file": "x"}', json.dumps({"file": [1, 2], "boot": "boot-1", "closed": True,
                                                              "read_whole_at": 0})):
        mark.write_text(unreadable)
        assert starts.start_and_stop() is None
    mark.unlink()
    assert starts.start_and_stop() is None
    assert starts.reads == 1 + 5


def test_damage_met_in_use_makes_the_next_start_rebuild_the_catalog(padded: Store, monkeypatch) -> None:
    starts = Starts(padded, monkeypatch)
    starts.start_and_stop()
    damage_last_third(padded.layout.catalog_file, seed=2)
    catalog, note = starts.open()  # trusted in this run of the machine: not read whole
    assert note is None and starts.reads == 1
    with pytest.raises(CatalogDamagedError, match="rebuilt from the ledger when PackSeal starts again"):
        catalog.search(limit=5000)
    close_catalog(padded.layout, catalog)
    note = starts.start_and_stop()
    assert "was damaged" in note and starts.reads == 1  # rebuilt without waiting for a full read
    catalog, note = starts.open()
    try:
        assert note is None and [c.order_id for c in catalog.search(limit=5000)] == ["SF1000000000001"]
    finally:
        close_catalog(padded.layout, catalog)


def test_the_daily_full_read_runs_when_due_and_its_finding_makes_the_next_start_rebuild(
        padded: Store, monkeypatch) -> None:
    starts = Starts(padded, monkeypatch)
    catalog, _ = starts.open()
    hub = EventHub()
    found: list[CatalogDamageFound] = []
    hub.subscribe(lambda event: found.append(event))
    try:
        assert read_whole_if_due(padded.layout, catalog, hub) is None  # read at this start: not due
        assert read_whole_if_due(padded.layout, catalog, hub, every_s=0) is True
        assert read_whole_if_due(padded.layout, catalog, hub, stopping=lambda: True, every_s=0) is None
        damage_last_third(padded.layout.catalog_file, seed=3)
        assert read_whole_if_due(padded.layout, catalog, hub, every_s=0) is False
    finally:
        close_catalog(padded.layout, catalog)
    assert len(found) == 1 and "is damaged" in found[0].message
    assert "rebuilt from the ledger when PackSeal starts again" in found[0].message
    assert "was damaged" in starts.start_and_stop()


def test_the_full_read_is_due_a_day_after_the_last(padded: Store, monkeypatch) -> None:
    starts = Starts(padded, monkeypatch)
    catalog, _ = starts.open()
    try:
        now = time.time()
        monkeypatch.setattr(catalog_trust.time, "time", lambda: now + catalog_trust.READ_WHOLE_EVERY_S - 60)
        assert read_whole_if_due(padded.layout, catalog) is None
        monkeypatch.setattr(catalog_trust.time, "time", lambda: now + catalog_trust.READ_WHOLE_EVERY_S + 60)
        assert read_whole_if_due(padded.layout, catalog) is True
        assert read_whole_if_due(padded.layout, catalog) is None  # read just now
    finally:
        close_catalog(padded.layout, catalog)


def test_a_boot_id_is_the_same_within_a_run_of_the_machine() -> None:
    first = catalog_trust.boot_id()
    assert first and first == catalog_trust.boot_id()
