"""Ranking a clip's indexed frames by how well they agree, geometrically, with a photo.

Two stages keep ranking a long clip fast without skipping any frame:

1. The 200 strongest ORB descriptors of every indexed frame are matched
   against the photo's 1000 strongest (Hamming distance, Lowe's ratio
   test); the count of good matches orders the frames. Measured on a
   5-minute clip of look-alike parcels (same box, same label layout, only
   the waybill number differs), this put a frame of the right parcel among
   the first four every time, where 300 photo descriptors against 600 per
   frame (the same work) let it slip below rank 80.
2. The best candidates are matched against all the photo's descriptors and
   a homography is fitted with RANSAC (MAGSAC++). A frame is a match only
   when enough matches agree with one plausible homography, spread over
   the photo: 30 inliers in one corner rank below 30 spread over the item
   (score = inliers × √(area of the inliers' convex hull ÷ photo area)).
   Mirrored, near-singular or wildly stretched homographies are rejected.

Frames that fail these thresholds are never returned, so a photo of
something else yields ``no_match`` instead of the least bad frame.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

import cv2
import numpy as np

from packseal.core.compare.features import (PHOTO_FEATURES, PHOTO_LEVELS, WORK_LONG_SIDE, Features, detect)
from packseal.core.compare.frame_index import FrameIndex
from packseal.core.compare.photo import Photo, working_copy

#: Photo and frame descriptors used by the first, whole-clip stage.
PRERANK_PHOTO_FEATURES = 1000
PRERANK_FRAME_FEATURES = 200
#: Frames that go on to the geometric check.
VERIFY_CANDIDATES = 40
#: Lowe's ratio: best distance must be below this share of the second best.
RATIO = 0.8
#: Hamming distance (of 256 bits) above which a pair is no match at all.
MAX_HAMMING = 64
#: RANSAC reprojection tolerance, in working pixels (long side 640).
REPROJ_PX = 4.0
# Calibrated on generated scenes (tests/support/scene.py, closeups.py; the
# table is bench/compare_thresholds.py's, in bench/RESULTS.md): a photo of the
# whole filmed item matches un-occluded frames with 90-200 inliers (score
# 27-75); close-ups of a third to a half of the item at 2-4x the clip's scale,
# turned any way, reach 7-54 inliers (score 0.8-22); photos of other things
# (other printed objects close up, floors, noise, the test camera's bench, a
# mirrored photo) never more than 8 inliers and a score of 1.5. The floor sits
# 1.5x above that: 12 inliers and a score of 2 find 162 of 175 close-ups (the
# misses are strips a third of the item tall, 40 index pixels high in the
# clip), where the former 16 and 4 found 144.
MIN_INLIERS = 12
MIN_SPREAD = 0.01
MIN_SCORE = 2.0
#: Good descriptor pairs needed before a homography is fitted at all.
MIN_PAIRS = 16
#: Matches returned, and how far apart in time they must be (seconds).
TOP_MATCHES = 5
MIN_GAP_S = 1.0
# Plausible local scale between frame and photo (working pixels) and how
# stretched one direction may be against the other.
_SCALE_RANGE = (1 / 10, 12.0)
_MAX_ANISOTROPY = 8.0
_MAX_SCALE_CHANGE = 6.0


@dataclass(frozen=True)
class FrameMatch:
    """One indexed frame that shows what the photo shows.

    ``homography`` maps clip-frame pixels (full decoded size) to photo
    pixels (the upright photo at full size). ``photo_points`` and
    ``frame_points`` are the RANSAC inliers in those two coordinate systems.
    ``spread`` is the area of the inliers' convex hull over the photo's area.
    """

    index: int
    frame_number: int
    t_s: float
    captured_at: datetime
    score: float
    inliers: int
    spread: float
    homography: np.ndarray
    photo_points: np.ndarray
    frame_points: np.ndarray

    def to_json(self) -> dict:
        """``{t_s, captured_at, score, inliers, homography}`` as the CLI prints it."""
        h = self.homography / self.homography[2, 2]
        return {
            "t_s": round(float(self.t_s), 3),
            "captured_at": self.captured_at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "score": round(float(self.score), 2),
            "inliers": int(self.inliers),
            "homography": [[float(f"{v:.8g}") for v in row] for row in h.tolist()],
        }


@dataclass(frozen=True)
class MatchResult:
    """The ranking of a clip against a photo: ``matches`` best first, empty when ``no_match``."""

    matches: list[FrameMatch]
    frames_checked: int
    best_rejected: float  # best score among frames that did not pass (0 if none was fitted)

    @property
    def no_match(self) -> bool:
        return not self.matches

    @property
    def best(self) -> FrameMatch | None:
        return self.matches[0] if self.matches else None


@dataclass(frozen=True)
class PhotoFeatures:
    """The photo at matching size: its features and pixels-per-original-pixel ``scale``."""

    features: Features
    scale: float
    work_size: tuple[int, int]  # (width, height) of the working copy


def photo_features(photo: Photo) -> PhotoFeatures:
    """ORB features of the photo at matching size."""
    image, scale = working_copy(photo, WORK_LONG_SIDE)
    return PhotoFeatures(detect(image, PHOTO_FEATURES, scale=scale, levels=PHOTO_LEVELS), scale,
                         (image.shape[1], image.shape[0]))


def rank_frames(index: FrameIndex, photo: Photo | PhotoFeatures, *, top: int = TOP_MATCHES,
                min_gap_s: float = MIN_GAP_S, accept: Callable[[FrameMatch], bool] | None = None) -> MatchResult:
    """The indexed frames that match ``photo``, best first, at least ``min_gap_s`` apart.

    Only frames passing the calibrated thresholds (:func:`passes`, or
    ``accept`` when measuring other thresholds) are returned (at most
    ``top``); an empty list means nothing in the clip matches the photo.
    """
    ok = accept or passes
    pf = photo if isinstance(photo, PhotoFeatures) else photo_features(photo)
    n = len(index)
    if n == 0 or len(pf.features) < MIN_PAIRS:
        return MatchResult([], n, 0.0)
    pre = pf.features.descriptors[:PRERANK_PHOTO_FEATURES]
    counts = _parallel(lambda i: _good_match_count(pre, index.features(i)[1][:PRERANK_FRAME_FEATURES]),
                       range(n))
    order = np.argsort(-np.asarray(counts), kind="stable")
    candidates = [int(i) for i in order[:VERIFY_CANDIDATES] if counts[i] >= 4]
    fitted = _parallel(lambda i: _verify(index, i, pf), candidates)
    passed = [m for m in fitted if m is not None and ok(m)]
    rejected = [m.score for m in fitted if m is not None and not ok(m)]
    passed.sort(key=lambda m: m.score, reverse=True)
    chosen: list[FrameMatch] = []
    for m in passed:
        if len(chosen) >= top:
            break
        if all(abs(m.t_s - c.t_s) >= min_gap_s for c in chosen):
            chosen.append(m)
    return MatchResult(chosen, n, max(rejected, default=0.0))


def passes(m: FrameMatch) -> bool:
    """True when ``m`` clears the calibrated floor (inliers, spread, score)."""
    return m.inliers >= MIN_INLIERS and m.spread >= MIN_SPREAD and m.score >= MIN_SCORE


def _parallel(fn, items) -> list:
    """``fn`` over ``items`` on a small pool of threads (OpenCV releases the GIL while it matches).

    Measured on a 5-minute clip: frames spread over our threads rank in about
    half the time that OpenCV's own worker threads take on the same matches.
    """
    items = list(items)
    workers = min(4, os.cpu_count() or 1)
    if workers <= 1 or len(items) < 8:
        return [fn(i) for i in items]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="match") as pool:
        return list(pool.map(fn, items, chunksize=max(1, len(items) // (workers * 4))))


def _good_match_count(query: np.ndarray, train: np.ndarray) -> int:
    """How many train descriptors are some query descriptor's ratio-test match."""
    if len(query) == 0 or len(train) < 2:
        return 0
    dist, idx = cv2.batchDistance(query, train, cv2.CV_32S, normType=cv2.NORM_HAMMING, K=2)
    ok = (dist[:, 0] < RATIO * dist[:, 1]) & (dist[:, 0] <= MAX_HAMMING)
    return int(np.unique(idx[ok, 0]).size)


def _good_pairs(query: np.ndarray, train: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices (query, train) of pairs passing the ratio test, each train descriptor used once."""
    empty = np.zeros(0, np.int64)
    if len(query) == 0 or len(train) < 2:
        return empty, empty
    dist, idx = cv2.batchDistance(query, train, cv2.CV_32S, normType=cv2.NORM_HAMMING, K=2)
    d0, d1 = dist[:, 0].astype(np.float32), dist[:, 1].astype(np.float32)
    ok = (d0 < RATIO * d1) & (d0 <= MAX_HAMMING)
    q = np.flatnonzero(ok)
    if len(q) == 0:
        return empty, empty
    t = idx[q, 0].astype(np.int64)
    # keep the closest query for a train descriptor claimed twice
    by_distance = np.argsort(d0[q], kind="stable")
    _, first = np.unique(t[by_distance], return_index=True)
    keep = by_distance[first]
    return q[keep].astype(np.int64), t[keep]


def _verify(index: FrameIndex, i: int, pf: PhotoFeatures) -> FrameMatch | None:
    """Fit a homography frame → photo for indexed frame ``i``; None when it cannot be fitted."""
    kp, desc = index.features(i)
    q, t = _good_pairs(pf.features.descriptors, desc)
    if len(q) < MIN_PAIRS:
        return None
    photo_pts = pf.features.points()[q].astype(np.float32)
    frame_pts = kp[t, :2].astype(np.float32)
    h, mask = cv2.findHomography(frame_pts, photo_pts, cv2.USAC_MAGSAC, REPROJ_PX,
                                 maxIters=2000, confidence=0.999)
    if h is None or mask is None:
        return None
    inl = mask.ravel().astype(bool)
    if inl.sum() < 4 or not plausible_homography(h, frame_pts[inl]):
        return None
    photo_in, frame_in = photo_pts[inl], frame_pts[inl]
    score, spread = geometric_score(photo_in, pf.work_size)
    inliers = int(inl.sum())
    # working pixels → full-size pixels on both sides
    to_full = np.diag([1 / pf.scale, 1 / pf.scale, 1.0]) @ h @ np.diag([index.scale, index.scale, 1.0])
    return FrameMatch(
        index=i, frame_number=int(index.frame_numbers[i]), t_s=float(index.t_s[i]),
        captured_at=index.captured_at(i), score=score, inliers=inliers,
        spread=spread, homography=to_full / to_full[2, 2],
        photo_points=photo_in / pf.scale, frame_points=frame_in / index.scale,
    )


def geometric_score(photo_points: np.ndarray, photo_size: tuple[int, int]) -> tuple[float, float]:
    """(score, spread) of inliers at ``photo_points`` in a photo of ``photo_size`` (w, h).

    spread = area of the points' convex hull / photo area; score = count × √spread,
    so matches spread over the item outrank as many matches bunched in a corner.
    """
    spread = hull_area(photo_points) / float(photo_size[0] * photo_size[1])
    return len(photo_points) * math.sqrt(spread), spread


def hull_area(points: np.ndarray) -> float:
    """Area of the convex hull of N×2 points (0 for fewer than 3)."""
    if len(points) < 3:
        return 0.0
    return float(cv2.contourArea(cv2.convexHull(points.astype(np.float32))))


def plausible_homography(h: np.ndarray, src_points: np.ndarray) -> bool:
    """False for homographies no camera could produce between two views of a flat item.

    Rejects non-finite or near-singular matrices, mirror images (negative
    Jacobian determinant), points sent behind the horizon, a local scale
    outside 1/10-12×, one direction stretched more than 8× against the
    other, and scale changing more than 6× across the matched area.
    """
    if h is None or not np.all(np.isfinite(h)) or abs(h[2, 2]) < 1e-12:
        return False
    h = h / h[2, 2]
    if np.linalg.cond(h) > 1e8:
        return False
    x0, y0 = src_points.min(axis=0)
    x1, y1 = src_points.max(axis=0)
    corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float64)
    probes = np.vstack([corners, src_points.mean(axis=0, keepdims=True)])
    w = probes @ h[2, :2] + h[2, 2]
    if np.any(w <= 1e-6):
        return False
    scales = []
    for (x, y), wi in zip(probes, w):
        u = (h[0, 0] * x + h[0, 1] * y + h[0, 2]) / wi
        v = (h[1, 0] * x + h[1, 1] * y + h[1, 2]) / wi
        jac = np.array([[h[0, 0] - u * h[2, 0], h[0, 1] - u * h[2, 1]],
                        [h[1, 0] - v * h[2, 0], h[1, 1] - v * h[2, 1]]]) / wi
        det = float(np.linalg.det(jac))
        if det <= 0:
            return False
        s = np.linalg.svd(jac, compute_uv=False)
        if s[1] <= 0 or s[0] / s[1] > _MAX_ANISOTROPY:
            return False
        scales.append(math.sqrt(det))
    if not (_SCALE_RANGE[0] <= scales[-1] <= _SCALE_RANGE[1]):
        return False
    if max(scales) / min(scales) > _MAX_SCALE_CHANGE:
        return False
    mapped = cv2.perspectiveTransform(corners[None].astype(np.float32), h)[0]
    return bool(cv2.isContourConvex(mapped.astype(np.float32)))
