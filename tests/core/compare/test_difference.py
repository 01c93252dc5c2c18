"""The difference map on its own: light changes ignored, damage on the item found, background ignored."""

from __future__ import annotations

from datetime import timezone, datetime

import cv2
import numpy as np
import pytest

from packseal.core.compare.difference import compare_with_frame, item_mask
from packseal.core.compare.matcher import FrameMatch
from tests.support import scene

T = 3.0  # the box lies still, fully visible


@pytest.fixture(scope="module")
def frame() -> np.ndarray:
    cv2.setRNGSeed(1)
    return scene.clip_frame(T, scene.bench_background(), scene.item_texture())


def _box_points() -> np.ndarray:
    """Points spread over the box in the frame (as a match's inliers would be)."""
    grid = np.array([[x, y] for x in np.linspace(10, scene.TEX_W - 10, 9)
                     for y in np.linspace(10, scene.TEX_H - 10, 7)], np.float32)
    return cv2.perspectiveTransform(grid[None], scene.clip_homography(T))[0]


def _match(points: np.ndarray) -> FrameMatch:
    """A match whose photo is the frame itself (identity homography)."""
    return FrameMatch(index=0, frame_number=30, t_s=T, captured_at=datetime(2026, 1, 1, tzinfo=timezone.utc),
                      score=50.0, inliers=len(points), spread=0.1, homography=np.eye(3),
                      photo_points=points, frame_points=points)


def _relit(image: np.ndarray) -> np.ndarray:
    """Other light: darker gamma, a cold cast, brighter on the right, JPEG-like blur."""
    f = (image.astype(np.float32) / 255) ** 0.8 * np.array([1.12, 1.0, 0.85], np.float32)
    f *= np.linspace(0.85, 1.15, image.shape[1], dtype=np.float32)[None, :, None]
    return cv2.GaussianBlur(np.clip(f * 255, 0, 255).astype(np.uint8), (0, 0), 0.6)


def _in_texture(x: float, y: float) -> tuple[int, int]:
    p = cv2.perspectiveTransform(np.array([[[x, y]]], np.float32), scene.clip_homography(T))[0, 0]
    return int(p[0]), int(p[1])


def test_the_same_item_in_other_light_shows_no_difference(frame):
    photo = _relit(frame)
    diff = compare_with_frame(photo, (photo.shape[1], photo.shape[0]), frame, _match(_box_points()))
    assert diff.regions == []
    assert diff.item_mask.any()


def test_a_stain_on_the_item_is_found_where_it_is(frame):
    photo = _relit(frame)
    cx, cy = _in_texture(330, 250)  # the light printed-free area of the box
    cv2.ellipse(photo, (cx, cy), (14, 9), 30, 0, 360, (40, 70, 110), -1, cv2.LINE_AA)
    diff = compare_with_frame(photo, (photo.shape[1], photo.shape[0]), frame, _match(_box_points()))
    assert diff.regions, "the stain was not found"
    top = diff.regions[0]
    assert top.contains(cx, cy)
    assert top.w < 80 and top.h < 80  # a box around the stain, not around the whole item


def test_a_difference_off_the_item_does_not_count(frame):
    photo = _relit(frame)
    cv2.circle(photo, (160, 450), 40, (30, 30, 160), -1)  # on the mat, far from the box
    cv2.rectangle(photo, (700, 80), (820, 160), (255, 255, 255), -1)
    diff = compare_with_frame(photo, (photo.shape[1], photo.shape[0]), frame, _match(_box_points()))
    assert diff.regions == []
    assert diff.delta_e[450, 160] == 0 and diff.delta_e[120, 760] == 0


def test_regions_are_reported_in_the_photos_own_pixels(frame):
    """A photo twice the frame's size: the homography and the boxes are in the photo's pixels."""
    photo = cv2.resize(_relit(frame), None, fx=2, fy=2, interpolation=cv2.INTER_LINEAR)
    cx, cy = _in_texture(330, 250)
    cv2.ellipse(photo, (2 * cx, 2 * cy), (28, 18), 30, 0, 360, (40, 70, 110), -1, cv2.LINE_AA)
    points = _box_points()
    m = _match(2 * points)
    m = FrameMatch(**{**m.__dict__, "homography": np.diag([2.0, 2.0, 1.0]), "frame_points": points})
    diff = compare_with_frame(photo, (photo.shape[1], photo.shape[0]), frame, m)
    assert diff.regions and diff.regions[0].contains(2 * cx, 2 * cy)


def test_the_item_mask_covers_the_hull_of_the_points_and_a_little_more():
    pts = np.array([[100, 100], [300, 100], [300, 200], [100, 200]], np.float32)
    mask = item_mask(pts, (400, 300))
    assert mask[150, 200] == 255 and mask[102, 102] == 255
    assert mask[100, 303] == 255  # the margin reaches past the outermost points
    assert mask[20, 20] == 0 and mask[280, 380] == 0
    assert not item_mask(pts[:2], (400, 300)).any()  # two points outline nothing
