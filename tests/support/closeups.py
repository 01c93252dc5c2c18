"""Close-up refund photos of the dispute scene: a part of the box, enlarged and turned.

Buyers photograph the damage up close: a third of the item or less, at two
to four times the size it has in the packing clip, held at any angle. Each
photo here is made from the scene's box texture (with its crack) through a
known homography, so the tests know which part of the box is visible, where
the crack lands, and which clip frames show that part.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from tests.support import scene


@dataclass(frozen=True)
class Closeup:
    """A generated close-up: the picture (BGR) and the texture → photo homography."""

    image: np.ndarray
    homography: np.ndarray

    def crack(self) -> np.ndarray:
        """The crack's points in photo pixels (N×2)."""
        return cv2.perspectiveTransform(np.array([scene.CRACK], np.float32), self.homography)[0]


def clip_scale(t: float | None = None) -> float:
    """Clip pixels per texture pixel at the box's centre, at ``t`` (default: the photo's pose time)."""
    t = scene.closest_pose_time() if t is None else t
    h = scene.clip_homography(t)
    centre = np.array([[[scene.TEX_W / 2, scene.TEX_H / 2]]], np.float32)
    probe = centre + np.array([[[1, 0]], [[0, 1]]], np.float32).reshape(1, 2, 2)
    pts = cv2.perspectiveTransform(np.concatenate([centre, probe], axis=1), h)[0]
    jac = np.stack([pts[1] - pts[0], pts[2] - pts[0]], axis=1)
    return math.sqrt(abs(float(np.linalg.det(jac))))


def closeup(part: tuple[float, float, float, float] = (2 / 3, 1.0, 0.0, 1.0), *, magnification: float = 3.0,
            rotation: float = 0.0, tilt: float = 0.12, crack: bool = True, margin: float = 0.08,
            seed: int = 21) -> Closeup:
    """The box's ``part`` (x0, x1, y0, y1 as fractions of its top) filling a photo.

    The part appears ``magnification`` times as large as in the clip (at the
    photo's pose time), turned by ``rotation`` degrees and seen slightly
    from the side (``tilt``: perspective foreshortening across the picture),
    in the scene's warmer, uneven light. The photo is a phone's 4:3 frame
    around the part's turned outline (plus ``margin``), the buyer's floor
    around it; the rest of the box is out of view.
    """
    x0, x1, y0, y1 = part
    s = magnification * clip_scale()
    px0, px1 = round(x0 * scene.TEX_W), round(x1 * scene.TEX_W)
    py0, py1 = round(y0 * scene.TEX_H), round(y1 * scene.TEX_H)
    w, h = px1 - px0, py1 - py0
    a = math.radians(rotation)
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    corners = (np.array([[-w, -h], [w, -h], [w, h], [-w, h]]) / 2) @ rot.T * s
    bw = (corners[:, 0].max() - corners[:, 0].min()) * (1 + 2 * margin)
    bh = (corners[:, 1].max() - corners[:, 1].min()) * (1 + 2 * margin)
    # a phone's 4:3 frame, upright or sideways, around the part
    pw, ph = (max(bw, bh * 4 / 3), max(bh, bw * 3 / 4)) if bw >= bh else (max(bw, bh * 3 / 4), max(bh, bw * 4 / 3))
    pw, ph = int(round(pw)), int(round(ph))
    # part of the texture → centred, scaled, turned; then a little perspective about the photo's centre
    to_centre = np.array([[1, 0, -w / 2], [0, 1, -h / 2], [0, 0, 1]], np.float64)
    turn = np.eye(3)
    turn[:2, :2] = rot * s
    lean = np.array([[1, 0, 0], [0, 1, 0], [tilt / max(pw, ph), tilt / max(pw, ph) / 2, 1]], np.float64)
    place = np.array([[1, 0, pw / 2], [0, 1, ph / 2], [0, 0, 1]], np.float64)
    from_part = place @ lean @ turn @ to_centre
    homography = from_part @ np.array([[1, 0, -px0], [0, 1, -py0], [0, 0, 1]], np.float64)
    homography /= homography[2, 2]
    rng = np.random.default_rng(seed)
    canvas = cv2.resize(scene.floor_background(seed=seed), (pw, ph), interpolation=cv2.INTER_AREA)
    texture = scene.item_texture(crack=crack)[py0:py1, px0:px1]  # the rest of the box is out of view
    scene._paste_warped(canvas, np.ascontiguousarray(texture), from_part)
    return Closeup(scene._relight(canvas, rng), homography)


def unrelated_closeup(magnification: float = 3.0, rotation: float = 30.0, seed: int = 99) -> np.ndarray:
    """A close-up of something else (another printed object) framed the same way: must stay no match."""
    s = magnification * clip_scale()
    w, h = scene.TEX_W / 3 * s, scene.TEX_H * s
    tex = scene.other_texture(seed)
    big = cv2.resize(tex, (int(scene.TEX_W * s), int(scene.TEX_H * s)), interpolation=cv2.INTER_LINEAR)
    crop = big[:, : int(w)]
    m = cv2.getRotationMatrix2D((crop.shape[1] / 2, crop.shape[0] / 2), rotation, 1.0)
    turned = cv2.warpAffine(crop, m, (crop.shape[1], crop.shape[0]), borderMode=cv2.BORDER_REFLECT)
    return scene._relight(turned, np.random.default_rng(seed))
