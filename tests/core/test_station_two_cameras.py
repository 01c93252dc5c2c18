"""A station of two cameras: both taped, one clip entry naming both files, and one camera lost.

Real recordings from test cameras, real ffmpeg, a real ledger: the files are
probed with the bundled ffmpeg and their frames' capture times compared.
"""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from pathlib import Path

import av
import pytest

from packseal.core.archive import Archive, ClipSealed
from packseal.core.catalog.catalog import Catalog
from packseal.core.events import EventHub
from packseal.core.ledger import Ledger, verify_clip, verify_data_dir
from packseal.core.ledger.seal import hash_file
from packseal.core.logs import setup_logging
from packseal.core.media.ffmpeg import probe
from packseal.core.recording.events import CameraLost
from packseal.core.settings import Settings, load_settings
from packseal.core.station import Station
from packseal.core.storage.layout import DataLayout
from tests.core.test_station import UnpluggableCamera, wait_for

ORDER = "SF1234567890123"
FPS = 15


@contextmanager
def sealing(root: Path, hub: EventHub | None = None):
    """The data dir's ledger, catalog and archive (sealing ``hub``'s recordings when given)."""
    layout = DataLayout.open(root)
    ledger = Ledger.open(layout, "Bench 1", "test")
    catalog = Catalog.open(layout.catalog_file)
    archive = Archive(hub or EventHub(), layout, ledger, catalog, listen=hub is not None)
    try:
        yield layout, ledger, catalog, archive
    finally:
        archive.close()
        catalog.close()
        ledger.close()


def copied(data: Path, tmp_path: Path) -> Path:
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    return copy


def frame_times(path: Path) -> list[float]:
    """Each frame's time in the file, seconds from its first frame."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        times = sorted(float(p.pts * p.time_base) for p in container.demux(stream) if p.pts is not None)
    return [t - times[0] for t in times]


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """One order recorded headless from two test cameras, as `packseal record --source A --source B`."""
    from packseal.cli.record import record_order
    from packseal.compose import open_services

    data = tmp_path_factory.mktemp("two") / "data"
    services = open_services(data)
    try:
        services.settings.preroll_s = services.settings.postroll_s = 0.5
        services.settings.segment_s = 1.0
        out = record_order(services, ORDER, source=[f"test:320x240@{FPS}", f"test:320x240@{FPS}"], seconds=2)
        rows = services.catalog.clips_for_order(ORDER)
        assert services.indexer.wait(60)
    finally:
        services.close()
    return data, out, rows


def test_both_cameras_are_taped_and_joined_into_two_playable_files(recorded):
    data, out, _ = recorded
    cams = out["clips"]
    assert [c["camera"] for c in cams] == ["cam0", "cam1"]
    assert cams[0]["clip"] == out["clip"] and cams[0]["sha256"] == out["sha256"]  # the first is the clip
    assert Path(cams[1]["clip"]).name == Path(out["clip"]).stem + ".cam1.mp4"
    for cam in cams:
        path = Path(cam["clip"])
        assert hash_file(path) == (cam["sha256"], cam["bytes"])
        info = probe(path)
        assert info.codec == "h264" and (info.width, info.height) == (320, 240)
        assert info.frames == cam["frames"] and cam["frames_captured"] == cam["frames"] + cam["frames_dropped"]
        assert cam["status"] == "complete" and cam["gaps"] == []
        # each camera has its own tape folder, named after it
        assert any((data / "tape" / cam["camera"]).iterdir())
    assert cams[0]["frames"] >= 3 * FPS  # pre-roll + 2 s + post-roll, whole segments


def test_the_two_files_frames_line_up_on_one_clock(recorded):
    _, out, _ = recorded
    period = 1 / FPS
    firsts, lasts = [], []
    for cam in out["clips"]:
        times = frame_times(Path(cam["clip"]))
        start, end = _seconds(cam["start"]), _seconds(cam["end"])
        # the sealed times are the capture times of the first frame and of the last (plus a frame)
        firsts.append(start)
        lasts.append(end - period)
        # the file plays them in real time: its last frame lies where it was captured, within a frame
        # (each join of two segments places the next one a nominal frame after the last)
        assert abs(start + times[-1] - (end - period)) < period
        assert len(times) == cam["frames"]
    assert abs(firsts[0] - firsts[1]) < period
    assert abs(lasts[0] - lasts[1]) < period


def test_one_entry_seals_both_files_and_verify_checks_both(recorded):
    data, out, rows = recorded
    layout = DataLayout.open(data)
    report = verify_data_dir(layout)
    assert report.ok, report.problems
    assert report.checked["seals"] == 2
    entry = _clip_entry(data)
    body = entry["body"]
    assert body["camera"] == "cam0" and body["file"] == layout.relative(Path(out["clip"]))
    other, = body["other_cameras"]
    cam1 = out["clips"][1]
    assert other["camera"] == "cam1" and other["status"] == "complete"
    assert (other["file"], other["sha256"], other["bytes"]) == (layout.relative(Path(cam1["clip"])),
                                                                cam1["sha256"], cam1["bytes"])
    assert other["source"]["kind"] == "test" and other["frames_captured"] == cam1["frames_captured"]
    for cam in out["clips"]:  # each file has a seal carrying that one entry
        seal = json.loads(Path(cam["clip"] + ".seal.json").read_text())
        assert seal["entry"] == entry and seal["file_sha256"] == cam["sha256"]
        assert verify_clip(cam["clip"]).ok
    # both files have their frame index (what a dispute searches)
    from packseal.core.compare.frame_index import FrameIndex, index_path_for

    for cam in out["clips"]:
        assert FrameIndex.load(index_path_for(Path(cam["clip"]))).clip_sha256 == cam["sha256"]
    # the catalog knows the second file
    row, = rows
    assert row.camera == "cam0"
    assert [(f.camera, f.file, f.sha256) for f in row.camera_files] == [
        ("cam1", other["file"], other["sha256"])]


def test_a_changed_second_file_is_caught(recorded, tmp_path):
    data, out, _ = recorded
    copy = copied(data, tmp_path)
    cam1 = copy / DataLayout.open(data).relative(Path(out["clips"][1]["clip"]))
    with open(cam1, "r+b") as fh:
        fh.seek(2000)
        byte = fh.read(1)
        fh.seek(2000)
        fh.write(bytes([byte[0] ^ 0xFF]))
    report = verify_data_dir(DataLayout.open(copy))
    assert not report.ok
    assert [(p.code, Path(p.file).name) for p in report.problems] == [("file-hash-mismatch", cam1.name)]
    assert not verify_clip(cam1).ok
    assert verify_clip(str(cam1).replace(".cam1.mp4", ".mp4")).ok  # the first camera's file is untouched


def test_losing_one_camera_is_an_alert_and_a_gap_on_that_camera_only(tmp_path):
    hub = EventHub()
    events: list = []
    hub.subscribe(events.append)
    second = UnpluggableCamera()
    settings = Settings(encoder="libx264", preset="ultrafast", preroll_s=0.5, postroll_s=0.5, segment_s=1.0)
    with sealing(tmp_path / "data", hub) as (layout, _, _, _):
        setup_logging(layout.log_file)
        station = Station(layout=layout, settings=settings, hub=hub, sources=[f"test:320x240@{FPS}", second],
                          read_barcodes=False)
        record_losing_the_second_camera(station, second, events)
    lost, = [e for e in events if isinstance(e, CameraLost)]
    assert lost.camera == "cam1" and lost.message.startswith("Second camera (cam1)")
    clip = next(e.clip for e in events if isinstance(e, ClipSealed) and e.clip.order_id == ORDER)
    assert clip.camera == "cam0" and clip.status == "complete" and clip.gaps == ()
    assert clip.duration_s >= 4.5  # the first camera recorded the whole order
    other, = clip.others
    assert other.camera == "cam1" and other.status == "interrupted"
    (gap_from, gap_to), = other.gaps
    assert gap_from == other.end_utc and (gap_to - gap_from).total_seconds() >= 2.0
    assert gap_to <= clip.end_utc
    # the next order: the second camera recorded none of it, and the entry says so
    later = next(e.clip for e in events if isinstance(e, ClipSealed) and e.clip.order_id != ORDER)
    assert later.camera == "cam0" and later.no_video == ("cam1",) and later.others == ()
    body = _clip_entry(layout.root, ORDER)["body"]
    assert body["other_cameras"][0]["gaps"] == [{"from": _stamp(gap_from), "to": _stamp(gap_to)}]
    assert _clip_entry(layout.root, "JD0012345678901")["body"]["other_cameras"] == [
        {"camera": "cam1", "status": "no-video"}]
    assert verify_data_dir(layout).ok


def record_losing_the_second_camera(station: Station, second: UnpluggableCamera, events: list) -> None:
    """Two orders: the second camera is unplugged in the first and stays away in the second."""
    station.start()
    try:
        time.sleep(1.5)
        assert station.scan(ORDER) == "start"
        time.sleep(2.0)
        second.plugged.clear()  # the second camera is unplugged while the order records
        assert wait_for(lambda: any(isinstance(e, CameraLost) for e in events))
        time.sleep(2.5)
        assert station.scan("JD0012345678901") == "switch"  # the first camera still records: orders go on
        time.sleep(1.0)
        station.stop_order()
        assert wait_for(lambda: sum(isinstance(e, ClipSealed) for e in events) == 2, 30)
    finally:
        station.stop()


@pytest.mark.parametrize("reader", [0, 1])
def test_waybills_are_read_from_the_camera_the_settings_choose(tmp_path, reader, monkeypatch):
    from packseal.core.recording.events import ScanAccepted

    # the test scene's label is in view from the start: count it at once
    monkeypatch.setattr("packseal.core.station.STARTUP_QUIET_S", 0.0)

    hub = EventHub()
    events: list = []
    hub.subscribe(events.append)
    plain = UnpluggableCamera()  # a grey picture with no code in it
    settings = Settings(encoder="libx264", preset="ultrafast", second_source=f"test:640x360@{FPS}",
                        barcode_camera=reader)
    layout = DataLayout.open(tmp_path / "data")
    station = Station(layout=layout, settings=settings, hub=hub, sources=[plain, f"test:640x360@{FPS}"])
    station.start()
    try:
        watcher = station.watcher
        assert [c.pipeline._reader is watcher for c in station.cameras] == [reader == 0, reader == 1]
        read = wait_for(lambda: any(isinstance(e, ScanAccepted) for e in events), 6 if reader == 0 else 20)
    finally:
        station.stop()
    assert read == (reader == 1)  # only the test camera shows a waybill
    if read:
        assert next(e for e in events if isinstance(e, ScanAccepted)).source == "camera"


def test_settings_from_before_load_unchanged_and_two_cameras_are_checked(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"settings_version": 2, "station_name": "Bench 1", "source": "usb:0"}))
    old = load_settings(path)
    assert old.camera_sources == ["usb:0"] and old.second_source == "" and old.barcode_camera == 0
    both = Settings(source="usb:0", second_source="usb:1", barcode_camera=1)
    both.validate()
    assert both.camera_sources == ["usb:0", "usb:1"]
    Settings(source="test", second_source="test").validate()  # two test cameras are two sources
    for wrong, said in [({"second_source": "usb:0"}, "is the first camera too"),
                        ({"second_source": "auto"}, "must be named"),
                        ({"second_source": "webcam"}, "not valid"),
                        ({"barcode_camera": 1}, "only when one is set"),
                        ({"second_source": "usb:1", "barcode_camera": 2}, "outside")]:
        with pytest.raises(Exception, match=said):
            Settings(source="usb:0", **wrong).validate()


def test_record_refuses_a_third_source_and_one_usb_camera_twice(tmp_path):
    from tests.cli.test_cli import run

    proc = run("record", "--order", ORDER, "--source", "test", "--source", "test", "--source", "test",
               data_dir=tmp_path / "data")
    assert proc.returncode == 2 and "at most 2 cameras" in proc.stderr
    proc = run("record", "--order", ORDER, "--source", "usb:1", "--source", "USB:1", data_dir=tmp_path / "data")
    assert proc.returncode == 2 and "cannot be recorded twice" in proc.stderr


def _clip_entry(data: Path, order: str = ORDER) -> dict:
    for line in (Path(data) / "ledger" / "ledger-000001.jsonl").read_text().splitlines():
        entry = json.loads(line)
        if entry["kind"] == "clip" and entry["body"]["order_id"] == order:
            return entry
    raise AssertionError(f"no clip entry for {order}")


def _seconds(stamp: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(stamp).timestamp()


def _stamp(moment) -> str:
    from packseal.core.ledger.canonical import utc_stamp

    return utc_stamp(moment)


def test_retention_deletes_both_files_of_a_clip_each_with_its_entry(recorded, tmp_path):
    from datetime import datetime, timedelta, timezone

    from packseal.core.upkeep.retention import RetentionPolicy, apply_retention

    data, out, _ = recorded
    copy = copied(data, tmp_path)
    with sealing(copy) as (layout, ledger, catalog, _):
        later = datetime.now(timezone.utc) + timedelta(days=40)
        report = apply_retention(layout, catalog, ledger, RetentionPolicy(clip_days=30, reserve_mb=0),
                                 now=later)
        assert not report.problems
        clip_row, = catalog.clips_for_order(ORDER)
        assert clip_row.deleted_ms is not None
    files = [layout.relative(Path(c["clip"].replace(str(data), str(copy)))) for c in out["clips"]]
    assert not any((copy / f).exists() for f in files)
    seq = _clip_entry(copy)["seq"]
    retentions = [json.loads(line)["body"] for line in (copy / "ledger" / "ledger-000001.jsonl").read_text()
                  .splitlines() if json.loads(line)["kind"] == "retention"]
    assert {(r["file"], r["sealed_by"]) for r in retentions} >= {(f, seq) for f in files}
    report = verify_data_dir(layout)
    assert report.ok, report.problems


def test_the_start_up_reconciliation_knows_the_second_file(recorded):
    from packseal.core.upkeep.reconcile import reconcile

    data, _, _ = recorded
    with sealing(data) as (layout, ledger, catalog, _):
        report = reconcile(layout, catalog, ledger, full=True, min_unknown_age_s=0)
    assert report.unknown_files == [] and report.missing == []


def test_a_killed_two_camera_station_leaves_one_entry_with_both_files(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    data = tmp_path / "data"
    proc = subprocess.Popen(
        [sys.executable, "-m", "packseal", "--data-dir", str(data), "record", "--order", ORDER,
         "--source", "test:320x240@15", "--source", "test:320x240@15", "--seconds", "60", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        assert wait_for(lambda: all(len(list((data / "tape").glob(f"{cam}/*/seg-*.ts"))) >= 6
                                    for cam in ("cam0", "cam1")), 40)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # a power cut: the app and both ffmpegs die at once
        proc.wait(10)
    reopened = subprocess.run([sys.executable, "-m", "packseal", "--data-dir", str(data), "search", "--json"],
                              capture_output=True, text=True, timeout=120)
    assert reopened.returncode == 0, reopened.stderr
    clip, = json.loads(reopened.stdout)["clips"]
    assert clip["order_id"] == ORDER and clip["status"] == "interrupted"
    found, = clip["camera_files"]  # `packseal search` finds the second file too
    assert clip["camera"] == "cam0" and found["camera"] == "cam1" and Path(found["clip"]).is_file()
    body = _clip_entry(data)["body"]
    other, = body["other_cameras"]
    assert body["camera"] == "cam0" and other["camera"] == "cam1" and other["frame_count"] > 0
    assert probe(data / other["file"]).frames == other["frame_count"]
    assert verify_data_dir(DataLayout(data.resolve())).ok


def test_a_pack_carries_both_files_and_both_verifiers_check_both(recorded, tmp_path):
    from packseal.core.evidence import build_pack, verify_pack
    from packseal.core.evidence import pack_format as F
    from tests.core.evidence.packtools import members, resigned, run_script

    data, out, _ = recorded
    with sealing(copied(data, tmp_path)) as (layout, ledger, catalog, archive):
        result = build_pack(layout, ledger, catalog, archive, ORDER, [], tmp_path / "pack.zip")
        files = members(result.path)
        cam0, cam1 = (Path(c["clip"]) for c in out["clips"])
        assert files[f"clip/{cam0.name}"] == cam0.read_bytes()
        assert files[f"clip/{cam1.name}"] == cam1.read_bytes()
        assert json.loads(files[f"clip/{cam1.name}.seal.json"]) == json.loads(
            Path(str(cam1) + ".seal.json").read_text())
        manifest = json.loads(files[F.MANIFEST])
        assert manifest["clip"]["other_cameras"] == [
            {"camera": "cam1", "file": f"clip/{cam1.name}", "seal": f"clip/{cam1.name}.seal.json",
             "sha256": out["clips"][1]["sha256"], "bytes": out["clips"][1]["bytes"]}]
        assert verify_pack(result.path).ok
        script = tmp_path / "verify_pack.py"
        script.write_bytes(files["verify_pack.py"])
        run = run_script(script, result.path)
        assert run.returncode == 0, run.stdout
        assert f"clip/{cam1.name} is the clip sealed by ledger entry" in run.stdout

        def swap_second(m: dict[str, bytes]) -> None:  # the second camera's file replaced by the first's
            m[f"clip/{cam1.name}"] = m[f"clip/{cam0.name}"]

        # a forger holding the station key signs a new manifest: the signed clip entry still tells
        bad = resigned(result.path, tmp_path / "bad.zip", swap_second, lambda raw: ledger.sign_detached(raw)[1])
        assert F.CLIP_MISMATCH in verify_pack(bad).codes()
        run = run_script(script, bad)
        assert run.returncode == 1 and f"FAIL  {F.CLIP_MISMATCH}:" in run.stdout, run.stdout
