"""Close-ups and partial views: a third of the item, enlarged 2-4x, turned any way, still matches.

Every photo here is generated through a known homography (tests/support/closeups.py),
so the tests check that the frame found really shows the part photographed
(its centre maps onto the part's centre in the photo), and that the crack
the photo shows is the top difference region, inside what the photo shows.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from packseal.core.compare.matcher import rank_frames
from packseal.core.compare.photo import photo_from_bytes
from packseal.core.compare.session import compare
from tests.support import closeups, scene

# (x0, x1, y0, y1) of the box's top: a third of it, upright strips holding the crack
THIRD_WITH_CRACK = (0.58, 0.92, 0.0, 1.0)
RIGHT_40 = (0.6, 1.0, 0.0, 1.0)  # the case: the right 40 % at about 2.4x
LEFT_THIRD = (0.0, 1 / 3, 0.0, 1.0)
LOWER_RIGHT_HALF = (0.5, 1.0, 0.4, 1.0)


def _photo(shot: closeups.Closeup):
    return photo_from_bytes(scene.jpeg_bytes(shot.image, 85))


def _maps_the_part(match, shot: closeups.Closeup, part) -> float:
    """Pixels between where the match puts the part's centre in the photo and where it is."""
    x0, x1, y0, y1 = part
    centre = np.array([[[(x0 + x1) / 2 * scene.TEX_W, (y0 + y1) / 2 * scene.TEX_H]]], np.float32)
    in_frame = cv2.perspectiveTransform(centre, scene.clip_homography(match.t_s))
    predicted = cv2.perspectiveTransform(in_frame, match.homography)[0, 0]
    truth = cv2.perspectiveTransform(centre, shot.homography)[0, 0]
    return float(np.linalg.norm(predicted - truth))


@pytest.mark.parametrize("part, magnification, rotation", [
    (THIRD_WITH_CRACK, 2.0, 0), (THIRD_WITH_CRACK, 3.0, 75), (THIRD_WITH_CRACK, 4.0, 200),
    (RIGHT_40, 2.4, 300), (LEFT_THIRD, 3.0, 110), (LEFT_THIRD, 4.0, 290), (LOWER_RIGHT_HALF, 3.5, 130),
])
def test_a_close_up_of_a_part_matches_frames_that_show_that_part(scene_index, part, magnification, rotation):
    shot = closeups.closeup(part, magnification=magnification, rotation=rotation)
    ranking = rank_frames(scene_index, _photo(shot))
    assert not ranking.no_match, f"best rejected score {ranking.best_rejected:.1f}"
    size = max(shot.image.shape[:2])
    for match in ranking.matches:
        assert _maps_the_part(match, shot, part) < 0.05 * size, match.t_s
        assert match.t_s >= 0.5  # the part is in view (the box slides in during the first 1.5 s)


@pytest.mark.parametrize("part, magnification, rotation", [
    (THIRD_WITH_CRACK, 2.0, 0), (THIRD_WITH_CRACK, 3.0, 75), (THIRD_WITH_CRACK, 4.0, 200),
    (THIRD_WITH_CRACK, 2.5, 250), (LOWER_RIGHT_HALF, 3.5, 130),
])
def test_the_crack_in_a_close_up_is_the_top_region_inside_the_visible_part(scene_files, tmp_path, part,
                                                                           magnification, rotation):
    shot = closeups.closeup(part, magnification=magnification, rotation=rotation)
    path = tmp_path / "closeup.jpg"
    path.write_bytes(scene.jpeg_bytes(shot.image, 85))
    comparison = compare(scene_files.clip, path, start_utc=scene.CLIP_START)
    assert comparison.regions, "no difference found"
    top = comparison.regions[0]
    assert any(top.contains(x, y) for x, y in shot.crack())
    # every region lies on the part of the box the photo shows, not on the floor around it
    x0, x1, y0, y1 = part
    outline = np.array([[[x0 * scene.TEX_W, y0 * scene.TEX_H], [x1 * scene.TEX_W, y0 * scene.TEX_H],
                         [x1 * scene.TEX_W, y1 * scene.TEX_H], [x0 * scene.TEX_W, y1 * scene.TEX_H]]], np.float32)
    visible = cv2.perspectiveTransform(outline, shot.homography)[0]
    for r in comparison.regions:
        centre = (r.x + r.w / 2, r.y + r.h / 2)
        assert cv2.pointPolygonTest(visible, centre, True) > -0.03 * max(shot.image.shape[:2]), r


@pytest.mark.parametrize("magnification, rotation, seed", [(2.0, 0, 90), (3.0, 130, 91), (4.0, 30, 92),
                                                           (4.0, 200, 95)])
def test_a_close_up_of_something_else_stays_no_match(scene_index, magnification, rotation, seed):
    image = closeups.unrelated_closeup(magnification, rotation, seed)
    assert rank_frames(scene_index, photo_from_bytes(scene.jpeg_bytes(image, 85))).no_match
