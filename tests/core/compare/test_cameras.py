"""Comparing a refund photo with both cameras' files of a clip: the camera that saw the item wins."""

from __future__ import annotations

from datetime import timedelta

import pytest

from packseal.core.compare.cameras import CameraFile, compare_on_cameras
from tests.support.framecode import make_clip
from tests.support.scene import CLIP_SECONDS, CLIP_START


@pytest.fixture(scope="module")
def bench_only(tmp_path_factory):
    """A camera that never saw the box: numbered frames of an empty bench, the scene's length."""
    return make_clip(tmp_path_factory.mktemp("cam") / "bench.mp4", frames=int(CLIP_SECONDS * 10), fps=10,
                     width=480, height=270, start_utc=CLIP_START)


@pytest.mark.parametrize("box_camera", [0, 1])
def test_the_photo_is_matched_in_the_camera_that_saw_the_item(scene_files, bench_only, tmp_path, box_camera):
    box = tmp_path / "box.mp4"
    box.write_bytes(scene_files.clip.read_bytes())
    empty = tmp_path / "bench.mp4"
    empty.write_bytes(bench_only.read_bytes())
    paths = [empty, box] if box_camera == 1 else [box, empty]
    files = [CameraFile("cam0", paths[0], CLIP_START), CameraFile("cam1", paths[1], CLIP_START)]
    chosen, other = compare_on_cameras(files, [scene_files.photo, scene_files.other_photo],
                                       end_utc=CLIP_START + timedelta(seconds=CLIP_SECONDS), order_id="SF1")
    camera = f"cam{box_camera}"
    assert chosen.camera == camera and chosen.clip_path == box and not chosen.no_match
    assert chosen.camera_scores[camera] == round(chosen.matches[0].score, 3) > 0
    assert chosen.camera_scores[f"cam{1 - box_camera}"] == 0.0
    # the comparison is that file's own: its frames, its hash, its capture times
    assert chosen.index.clip_sha256 == chosen.clip_sha256
    assert chosen.matches[0].captured_at == CLIP_START + timedelta(seconds=chosen.matches[0].t_s)
    # a photo of something else matches neither: the first camera's answer stands
    assert other.no_match and other.camera == "cam0" and set(other.camera_scores.values()) == {0.0}
