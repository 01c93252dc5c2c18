"""A recorder with no window keeps its data dir in order: the schedules and the look at the files run in the server."""

from __future__ import annotations

import json
import os
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterator

import pytest

from packseal.compose import Services, open_services
from packseal.core.ledger import hash_file
from packseal.core.recording.tape import ENDED_FILE, Segment
from packseal.core.remote import server as server_module
from packseal.core.remote.server import RecorderServer
from packseal.core.settings import Settings, save_settings
from packseal.core.upkeep.catalog_trust import MARK
from packseal.core.upkeep.reconcile import FilesChecked

WAIT_S = 60.0


def new_data_dir(tmp_path: Path, **settings) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    save_settings(Settings(encoder="libx264", preset="ultrafast", reserve_mb=0, **settings), data / "settings.json")
    return data


def seal_tape_segment(services: Services, when: datetime) -> Path:
    """A tape segment of a finished session, sealed as the station seals it."""
    folder = services.layout.tape("cam0") / f"session-{when:%Y%m%d}"
    folder.mkdir(parents=True)
    (folder / ENDED_FILE).write_text("stopped")
    path = folder / "seg-000000.ts"
    path.write_bytes(os.urandom(10_000))
    sha, size = hash_file(path)
    services.archive.seal_segment(Segment(
        camera="cam0", session=folder.name, index=0, path=path, start_utc=when, end_utc=when + timedelta(seconds=2),
        start_mono=0.0, end_mono=0.0, frames=20, bytes=size, sha256=sha))
    return path


@contextmanager
def serving(services: Services) -> Iterator[RecorderServer]:
    """A recorder server for ``services`` on its own thread, stopped at the end."""
    server = RecorderServer(services, "test:320x240@10", read_barcodes=False, retention_every_s=3600)
    thread = threading.Thread(target=server.serve, kwargs={"handle_signals": False}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.request_stop()
        thread.join(WAIT_S)
    assert not thread.is_alive()


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"the recorder did not {what}")
        time.sleep(0.1)


def test_a_recorder_without_a_window_deletes_expired_tape_by_itself(tmp_path) -> None:
    services = open_services(new_data_dir(tmp_path, tape_days=7))
    try:
        path = seal_tape_segment(services, datetime.now(timezone.utc) - timedelta(days=30))
        with serving(services):
            # the schedule's first run comes a few seconds after the start
            wait_for(lambda: not path.exists(), "delete the expired tape by itself")
        entries = [e.body for e in services.ledger.entries() if e.kind == "retention"]
        assert [(e["file"], e["reason"]) for e in entries] == [(services.layout.relative(path), "tape-expired")]
    finally:
        services.close()


def test_a_recorder_reads_its_catalog_whole_when_a_day_has_passed_since_the_last_full_read(
        tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(server_module, "_CATALOG_CHECK_FIRST_S", 0.0)
    services = open_services(new_data_dir(tmp_path))
    mark = services.layout.state / MARK
    try:
        noted = json.loads(mark.read_text())
        mark.write_text(json.dumps({**noted, "read_whole_at": time.time() - 2 * 24 * 3600}))
        started = time.time()
        with serving(services):
            wait_for(lambda: json.loads(mark.read_text())["read_whole_at"] >= started, "read its catalog whole")
    finally:
        services.close()
    assert json.loads(mark.read_text())["closed"] is True  # and it closed cleanly


def test_a_recorder_looks_at_every_file_once_its_station_records_and_says_what_is_missing(
        tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(server_module, "_FILES_CHECK_AFTER_S", 0.0)
    data = new_data_dir(tmp_path)
    services = open_services(data)
    path = seal_tape_segment(services, datetime.now(timezone.utc))
    services.close()
    path.unlink()  # gone behind PackSeal's back, with no retention entry
    services = open_services(data, files_later=True, index_clips=False)
    try:
        assert services.reconciliation.files_pending and services.startup_notes() == []  # not looked at yet
        found: list[FilesChecked] = []
        services.hub.subscribe(lambda event: found.append(event) if isinstance(event, FilesChecked) else None)
        with serving(services) as server:
            wait_for(lambda: bool(found), "look at the files")
            assert server.station is not None  # it looked once the station had started
            assert "seg-000000.ts is missing" in found[0].summary
            assert any("seg-000000.ts is missing" in note for note in server.snapshot().startup_notes)
    finally:
        services.close()
