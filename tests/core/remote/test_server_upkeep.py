"""A recorder with no window keeps its disk in order: the retention schedule runs in the server."""

from __future__ import annotations

import os
import threading
import time
from datetime import datetime, timedelta, timezone

import pytest

from packseal.compose import open_services
from packseal.core.ledger import hash_file
from packseal.core.recording.tape import ENDED_FILE, Segment
from packseal.core.remote.server import RecorderServer
from packseal.core.settings import Settings, save_settings

WAIT_S = 60.0


def test_a_recorder_without_a_window_deletes_expired_tape_by_itself(tmp_path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    save_settings(Settings(encoder="libx264", preset="ultrafast", reserve_mb=0, tape_days=7),
                  data / "settings.json")
    services = open_services(data)
    try:
        # A tape segment from a month ago, sealed as the station seals it.
        old = datetime.now(timezone.utc) - timedelta(days=30)
        folder = services.layout.tape("cam0") / "old-session"
        folder.mkdir(parents=True)
        (folder / ENDED_FILE).write_text("stopped")
        path = folder / "seg-000000.ts"
        path.write_bytes(os.urandom(10_000))
        sha, size = hash_file(path)
        services.archive.seal_segment(Segment(
            camera="cam0", session=folder.name, index=0, path=path, start_utc=old,
            end_utc=old + timedelta(seconds=2), start_mono=0.0, end_mono=0.0, frames=20, bytes=size, sha256=sha))
        server = RecorderServer(services, "test:320x240@10", read_barcodes=False, retention_every_s=3600)
        serving = threading.Thread(target=server.serve, kwargs={"handle_signals": False}, daemon=True)
        serving.start()
        try:
            deadline = time.monotonic() + WAIT_S
            while path.exists():  # the schedule's first run comes a few seconds after the start
                if time.monotonic() > deadline:
                    pytest.fail("the recorder did not delete the expired tape by itself")
                time.sleep(0.1)
        finally:
            server.request_stop()
            serving.join(WAIT_S)
        assert not serving.is_alive()
        entries = [e.body for e in services.ledger.entries() if e.kind == "retention"]
        assert [(e["file"], e["reason"]) for e in entries] == [(services.layout.relative(path), "tape-expired")]
    finally:
        services.close()


def test_a_recorder_reads_its_catalog_whole_when_a_day_has_passed_since_the_last_full_read(
        tmp_path, monkeypatch) -> None:
    import json

    from packseal.core.remote import server as server_module
    from packseal.core.upkeep.catalog_trust import MARK

    monkeypatch.setattr(server_module, "_CATALOG_CHECK_FIRST_S", 0.0)
    data = tmp_path / "data"
    data.mkdir()
    save_settings(Settings(encoder="libx264", preset="ultrafast", reserve_mb=0), data / "settings.json")
    services = open_services(data)
    try:
        mark = services.layout.state / MARK
        noted = json.loads(mark.read_text())
        mark.write_text(json.dumps({**noted, "read_whole_at": time.time() - 2 * 24 * 3600}))
        server = RecorderServer(services, "test:320x240@10", read_barcodes=False, retention_every_s=3600)
        serving = threading.Thread(target=server.serve, kwargs={"handle_signals": False}, daemon=True)
        started = time.time()
        serving.start()
        try:
            deadline = time.monotonic() + WAIT_S
            while json.loads(mark.read_text())["read_whole_at"] < started:
                if time.monotonic() > deadline:
                    pytest.fail("the recorder did not read its catalog whole")
                time.sleep(0.1)
        finally:
            server.request_stop()
            serving.join(WAIT_S)
        assert not serving.is_alive()
    finally:
        services.close()
    assert json.loads(mark.read_text())["closed"] is True  # and it closed cleanly


def test_a_recorder_looks_at_every_file_once_its_station_records_and_says_what_is_missing(
        tmp_path, monkeypatch) -> None:
    from packseal.core.remote import server as server_module
    from packseal.core.upkeep.reconcile import FilesChecked

    monkeypatch.setattr(server_module, "_FILES_CHECK_AFTER_S", 0.0)
    data = tmp_path / "data"
    data.mkdir()
    save_settings(Settings(encoder="libx264", preset="ultrafast", reserve_mb=0), data / "settings.json")
    services = open_services(data)
    now = datetime.now(timezone.utc)
    folder = services.layout.tape("cam0") / "a-session"
    folder.mkdir(parents=True)
    (folder / ENDED_FILE).write_text("stopped")
    path = folder / "seg-000000.ts"
    path.write_bytes(os.urandom(10_000))
    sha, size = hash_file(path)
    services.archive.seal_segment(Segment(
        camera="cam0", session=folder.name, index=0, path=path, start_utc=now, end_utc=now + timedelta(seconds=2),
        start_mono=0.0, end_mono=0.0, frames=20, bytes=size, sha256=sha))
    services.close()
    path.unlink()  # gone behind PackSeal's back, with no retention entry
    services = open_services(data, files_later=True, index_clips=False)
    try:
        assert services.reconciliation.files_pending and services.startup_notes() == []  # not looked at yet
        found: list[FilesChecked] = []
        services.hub.subscribe(lambda event: found.append(event) if isinstance(event, FilesChecked) else None)
        server = RecorderServer(services, "test:320x240@10", read_barcodes=False, retention_every_s=3600)
        serving = threading.Thread(target=server.serve, kwargs={"handle_signals": False}, daemon=True)
        serving.start()
        try:
            deadline = time.monotonic() + WAIT_S
            while not found:
                if time.monotonic() > deadline:
                    pytest.fail("the recorder did not look at the files")
                time.sleep(0.1)
            assert server.station is not None  # it looked once the station had started
            assert "seg-000000.ts is missing" in found[0].summary
            assert any("seg-000000.ts is missing" in note for note in server.snapshot().startup_notes)
        finally:
            server.request_stop()
            serving.join(WAIT_S)
        assert not serving.is_alive()
    finally:
        services.close()
