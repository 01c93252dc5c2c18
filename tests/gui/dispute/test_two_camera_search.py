"""The dispute view's search of a clip of two cameras: which files it searches, and what the status says."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest

from packseal.core.compare.cameras import CameraFile, compare_on_cameras
from packseal.core.evidence.source_clip import find_order_clip
from packseal.gui.dispute import status_texts
from packseal.gui.dispute.view import camera_files
from tests.support.framecode import make_clip
from tests.support.scene import CLIP_SECONDS, CLIP_START
from tests.support.two_cameras import ORDER, record_two_cameras


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    data = tmp_path_factory.mktemp("two") / "data"
    record_two_cameras(data)
    return data


def test_both_sealed_files_are_searched_and_an_altered_one_is_left_out(recorded, tmp_path):
    from packseal.compose import open_services

    data = tmp_path / "data"
    shutil.copytree(recorded, data)
    services = open_services(data, recorder=False)
    try:
        clip = find_order_clip(services.layout, services.ledger, services.catalog, ORDER)
        first, second = camera_files(services.layout, clip)
        other, = clip.entry.body["other_cameras"]
        assert (first.camera, first.path) == ("cam0", clip.path)
        assert (second.camera, second.sha256) == ("cam1", other["sha256"])
        assert second.path == services.layout.absolute(other["file"])
        raw = bytearray(second.path.read_bytes())
        raw[len(raw) // 2] ^= 0xFF
        second.path.write_bytes(bytes(raw))
        assert [f.camera for f in camera_files(services.layout, clip)] == ["cam0"]
    finally:
        services.close()


def test_the_status_says_which_cameras_file_the_frames_come_from(scene_files, tmp_path):
    from types import SimpleNamespace

    bench = make_clip(tmp_path / "bench.mp4", frames=int(CLIP_SECONDS * 10), fps=10, width=480, height=270,
                      start_utc=CLIP_START)
    files = [CameraFile("cam0", bench, CLIP_START), CameraFile("cam1", scene_files.clip, CLIP_START)]
    comparison, = compare_on_cameras(files, [scene_files.photo], end_utc=CLIP_START + timedelta(seconds=12))
    record = SimpleNamespace(start_ms=int(CLIP_START.timestamp() * 1000), duration_s=12.0)
    entry = SimpleNamespace(body={"order_id": "SF1", "sha256": "0" * 64,
                                  "other_cameras": [{"camera": "cam1", "sha256": comparison.clip_sha256}]})
    clip = SimpleNamespace(record=record, entry=entry, order_id="SF1", sealed_sha256="0" * 64)
    text, args = status_texts.compared(clip, comparison)
    assert "best in the second camera's file" in text and "WARNING" not in text
    assert args["score"] == f"{comparison.camera_scores['cam1']:.1f}" and args["other"] == "0.0"
