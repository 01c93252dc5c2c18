"""The frame index: built from a real H.264 clip, stored beside it, rebuilt when stale."""

from __future__ import annotations

import os
import zipfile
from dataclasses import replace
from datetime import timedelta

import cv2
import numpy as np
import pytest

from packseal.core.compare.frame_index import (INDEX_VERSION, FrameIndex, build_index, decode_frame,
                                               ensure_index, index_path_for, sha256_of_file)
from packseal.core.errors import BadInputError, StorageError
from tests.support import scene
from tests.support.scene import CLIP_START


def test_a_frame_every_half_second_with_times_and_features(scene_index, scene_files):
    idx = scene_index
    expected_t = np.arange(0, scene.CLIP_SECONDS, 0.5)
    assert np.allclose(idx.t_s, expected_t, atol=1e-6)
    assert list(idx.frame_numbers) == [round(t * scene.CLIP_FPS) for t in expected_t]
    start_ms = int(CLIP_START.timestamp() * 1000)
    assert list(idx.captured_ms) == [start_ms + round(t * 1000) for t in expected_t]
    assert idx.captured_at(3) == CLIP_START + timedelta(seconds=1.5)
    assert idx.frame_size == (scene.CLIP_W, scene.CLIP_H)
    assert idx.scale == pytest.approx(640 / scene.CLIP_W)
    assert idx.clip_sha256 == sha256_of_file(scene_files.clip)
    for i in range(len(idx)):
        kp, desc = idx.features(i)
        assert 200 <= len(kp) == len(desc)
        # keypoints lie inside the downscaled frame
        assert kp[:, 0].max() < 640 and kp[:, 1].max() < 360 and kp.min() >= 0
    thumb = idx.thumbnail(5)
    assert max(thumb.shape[:2]) == 160 and thumb.shape[2] == 3
    assert idx.histograms.shape == (len(idx), 64)
    assert np.allclose(idx.histograms.sum(axis=1), 1.0, atol=1e-4)


def test_the_index_file_is_plain_arrays_beside_the_clip_and_reused(clip_copy):
    idx = ensure_index(clip_copy, start_utc=CLIP_START)
    path = index_path_for(clip_copy)
    assert path == clip_copy.with_name("clip.mp4.index.npz") and path.exists()
    with np.load(path, allow_pickle=False) as z:  # loads without pickle: no object arrays
        assert int(z["version"]) == INDEX_VERSION
        assert str(z["clip_sha256"]) == idx.clip_sha256
        assert all(z[name].dtype != object for name in z.files)
    stamp = path.stat().st_mtime_ns
    again = ensure_index(clip_copy, start_utc=CLIP_START)
    assert path.stat().st_mtime_ns == stamp  # loaded, not rebuilt
    assert np.array_equal(again.descriptors, idx.descriptors)
    assert np.array_equal(again.kp_offsets, idx.kp_offsets)
    assert again.thumbnail(2).shape == idx.thumbnail(2).shape


def test_capture_times_follow_the_start_given(clip_copy):
    ensure_index(clip_copy, start_utc=CLIP_START)
    later = CLIP_START + timedelta(hours=1)
    idx = ensure_index(clip_copy, start_utc=later)
    assert idx.captured_at(0) == later
    assert idx.captured_at(4) == later + timedelta(seconds=2)


def _written_with(path, **changes) -> None:
    idx = FrameIndex.load(path)
    replace(idx, **changes).save(path)


@pytest.mark.parametrize("damage", ["other clip", "old version", "garbage", "truncated"])
def test_a_stale_or_damaged_index_is_rebuilt(clip_copy, damage):
    first = ensure_index(clip_copy, start_utc=CLIP_START)
    path = index_path_for(clip_copy)
    if damage == "other clip":
        _written_with(path, clip_sha256="0" * 64)
    elif damage == "old version":
        _written_with(path, version=INDEX_VERSION + 1)
    elif damage == "garbage":
        path.write_bytes(b"not an index at all")
    else:
        path.write_bytes(path.read_bytes()[:5000])
    rebuilt = ensure_index(clip_copy, start_utc=CLIP_START)
    assert rebuilt.clip_sha256 == first.clip_sha256
    assert np.array_equal(rebuilt.descriptors, first.descriptors)
    assert FrameIndex.load(path).clip_sha256 == first.clip_sha256


def test_an_index_of_a_changed_clip_is_rebuilt(clip_copy):
    ensure_index(clip_copy, start_utc=CLIP_START)
    with open(clip_copy, "ab") as f:  # the file changes (e.g. replaced by another recording)
        f.write(b"\0" * 16)
    idx = ensure_index(clip_copy, start_utc=CLIP_START)
    assert idx.clip_sha256 == sha256_of_file(clip_copy)
    assert FrameIndex.load(index_path_for(clip_copy)).clip_sha256 == idx.clip_sha256


def test_an_index_with_inconsistent_arrays_is_refused(clip_copy, tmp_path):
    idx = build_index(clip_copy, start_utc=CLIP_START)
    bad = replace(idx, kp_offsets=idx.kp_offsets[:-1])
    path = tmp_path / "bad.index.npz"
    bad.save(path)
    assert zipfile.is_zipfile(path)
    with pytest.raises(StorageError, match="inconsistent"):
        FrameIndex.load(path)


def test_decode_frame_returns_the_indexed_frame_at_full_size(scene_files, scene_index):
    i = 13  # 6.5 s: frame 65
    frame = decode_frame(scene_files.clip, scene_index, i)
    assert frame.shape == (scene.CLIP_H, scene.CLIP_W, 3)
    cap = cv2.VideoCapture(str(scene_files.clip))
    for _ in range(int(scene_index.frame_numbers[i])):
        cap.grab()
    ok, expected = cap.read()
    cap.release()
    assert ok
    assert np.array_equal(frame, expected)


def test_a_missing_clip_or_a_file_that_is_not_video(tmp_path):
    with pytest.raises(StorageError, match="does not exist"):
        ensure_index(tmp_path / "gone.mp4", start_utc=CLIP_START)
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(os.urandom(4096))
    with pytest.raises(StorageError, match="damaged"):
        build_index(junk, start_utc=CLIP_START)


def test_a_naive_start_time_is_refused(clip_copy):
    with pytest.raises(BadInputError, match="time zone"):
        build_index(clip_copy, start_utc=CLIP_START.replace(tzinfo=None))
