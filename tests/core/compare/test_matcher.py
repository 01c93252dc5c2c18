"""Ranking frames against a photo: the right frames, the right geometry, and honest no-matches."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from packseal.core.compare.matcher import (MIN_GAP_S, TOP_MATCHES, geometric_score, photo_features,
                                           plausible_homography, rank_frames)
from packseal.core.compare.photo import load_photo, photo_from_bytes
from packseal.core.capture.synthetic_source import TestPatternSource
from tests.support import scene

TEX_CORNERS = np.array([[[0, 0], [scene.TEX_W, 0], [scene.TEX_W, scene.TEX_H], [0, scene.TEX_H]]],
                       np.float32)


@pytest.fixture(scope="module")
def ranking(scene_files, scene_index):
    return rank_frames(scene_index, load_photo(scene_files.photo))


def test_the_best_frame_shows_the_item_at_the_photos_pose(ranking):
    assert not ranking.no_match
    best = ranking.best
    # the clip passes the photo's viewing angle at ~9.8 s
    assert abs(best.t_s - scene.closest_pose_time()) <= 1.0, best.t_s
    assert not scene.hand_covers(best.t_s)
    assert best.inliers >= 100


def test_every_match_shows_the_whole_item_and_they_are_apart_in_time(ranking):
    assert 2 <= len(ranking.matches) <= TOP_MATCHES
    scores = [m.score for m in ranking.matches]
    assert scores == sorted(scores, reverse=True)
    for m in ranking.matches:
        assert m.t_s >= scene.SLIDE_END_S - 1.0, "the box was still sliding in"
        assert not scene.hand_covers(m.t_s), f"frame {m.t_s} s has a hand over the box"
    times = sorted(m.t_s for m in ranking.matches)
    assert all(b - a >= MIN_GAP_S for a, b in zip(times, times[1:]))


def test_the_homography_maps_the_frame_onto_the_photo(ranking):
    """Ground truth: the box's corners, seen in the frame, land on the box's corners in the photo."""
    best = ranking.best
    in_frame = cv2.perspectiveTransform(TEX_CORNERS, scene.clip_homography(best.t_s))
    predicted = cv2.perspectiveTransform(in_frame, best.homography)[0]
    truth = cv2.perspectiveTransform(TEX_CORNERS, scene.photo_homography())[0]
    error = np.linalg.norm(predicted - truth, axis=1)
    assert error.max() < 25, error  # pixels, in a 1600×1200 photo where the box is ~800 px wide
    j = best.to_json()
    assert set(j) == {"t_s", "captured_at", "score", "inliers", "homography"}
    assert np.array(j["homography"]).shape == (3, 3)
    assert j["captured_at"].startswith("2026-03-02T02:15:") and j["captured_at"].endswith("Z")


def _bgr_photo(image: np.ndarray):
    return photo_from_bytes(scene.jpeg_bytes(image, 85))


@pytest.mark.parametrize("what", ["another printed box", "the floor alone", "the test camera's bench",
                                  "noise"])
def test_a_photo_of_something_else_is_no_match(scene_files, scene_index, what):
    if what == "another printed box":
        photo = load_photo(scene_files.other_photo)
    elif what == "the floor alone":
        photo = _bgr_photo(scene.floor_background(seed=4))
    elif what == "the test camera's bench":
        photo = _bgr_photo(TestPatternSource(1280, 720).scene.render(2.0))
    else:
        photo = _bgr_photo(np.random.default_rng(2).integers(0, 255, (900, 1200, 3), dtype=np.uint8))
    result = rank_frames(scene_index, photo)
    assert result.no_match
    assert result.matches == [] and result.best is None
    assert result.frames_checked == len(scene_index)


def test_a_mirrored_photo_is_not_presented_as_a_match(scene_index):
    mirrored = cv2.flip(scene.refund_photo(), 1)
    assert rank_frames(scene_index, _bgr_photo(mirrored)).no_match


def test_spread_out_inliers_outscore_as_many_in_one_corner():
    rng = np.random.default_rng(0)
    corner = rng.uniform([0, 0], [60, 60], (30, 2))
    spread = rng.uniform([0, 0], [600, 400], (30, 2))
    s_corner, f_corner = geometric_score(corner, (640, 480))
    s_spread, f_spread = geometric_score(spread, (640, 480))
    assert f_corner < 0.02 < 0.3 < f_spread
    assert s_spread > 4 * s_corner


def _h(a, b, c, d, e, f, g=0.0, h=0.0):
    return np.array([[a, b, c], [d, e, f], [g, h, 1.0]])


@pytest.mark.parametrize("name, h, ok", [
    ("identity", _h(1, 0, 0, 0, 1, 0), True),
    ("rotated, scaled 2.5x, mild perspective", _h(2.2, -1.1, 40, 1.1, 2.2, -30, 2e-4, -1e-4), True),
    ("mirror image", _h(-1, 0, 640, 0, 1, 0), False),
    ("20x enlargement", _h(20, 0, 0, 0, 20, 0), False),
    ("collapsed to a line", _h(1, 2, 0, 2, 4, 0), False),
    ("stretched 12x one way", _h(6, 0, 0, 0, 0.5, 0), False),
    ("points behind the camera", _h(1, 0, 0, 0, 1, 0, -0.004, 0), False),
    ("scale changing 8x across the item", _h(1, 0, 0, 0, 1, 0, 0.006, 0.006), False),
])
def test_implausible_homographies_are_rejected(name, h, ok):
    grid = np.array([[x, y] for x in np.linspace(50, 550, 6) for y in np.linspace(50, 350, 4)], np.float32)
    assert plausible_homography(h, grid) is ok, name


def test_photo_features_are_taken_at_matching_size(scene_files):
    pf = photo_features(load_photo(scene_files.photo))
    assert max(pf.work_size) == 640
    assert pf.scale == pytest.approx(640 / scene.PHOTO_W)
    assert len(pf.features) > 500
