"""Aligning the best frame to the photo and finding what the photo shows that the frame does not.

The frame is warped onto the photo with the match's homography, at the
resolution where the item is about as sharp in both (comparing a sharp
close-up with an up-scaled video frame would flag every edge). Light and
colour are then made alike, using the alignment itself: per colour channel,
a tone curve learnt from pixel pairs (white balance, exposure, gamma), then
a smooth gain for light that changes across the picture (side light,
vignetting). The difference is the colour distance (CIE76 ΔE) to the
closest frame colour within one pixel, so a slightly imperfect alignment or
a softer photo does not light up every edge.

Only the item counts: the region covered by the matches' inlier keypoints,
widened a little, inside the part of the photo that the frame covers. A
stain on the buyer's floor is not damage to the item. Regions are found by
thresholding (Otsu's split, never below the noise level or a floor of
ΔE 14), cleaning up with morphology and taking connected components.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from packseal.core.compare.matcher import FrameMatch, hull_area

#: Long side of the difference map, at most (pixels).
MAX_DIFF_SIDE = 1024
MIN_DIFF_SIDE = 320
#: Long side of the images made for people.
DISPLAY_SIDE = 1280
#: Where a region lies on the visible item (its centre in the item's box split in thirds).
PLACES = (("upper left", "top", "upper right"), ("left", "middle", "right"), ("lower left", "bottom", "lower right"))
# Lightness (L*) change from which a region is called darker or lighter rather than another colour.
_TONE_L = 6.0
#: Differences below this ΔE are never regions, however quiet the rest is.
MIN_DELTA_E = 14.0
#: A region must cover at least this share of the item.
MIN_REGION_SHARE = 0.001
MAX_REGIONS = 10
# Light that changes over more than this share of the item's size is evened out.
_LIGHT_SCALE = 0.12
# A pixel is "flat" (used to fit the tone curves) when its 5×5 neighbourhood
# in the frame spans fewer levels than this.
_FLAT_RANGE = 24
# The item mask reaches this share of the inliers' hull size beyond the hull;
# differences fade in over twice that distance from the mask's edge, where
# the photo's and the frame's backgrounds meet a slightly misaligned outline.
_ITEM_MARGIN = 0.03
# Colour distance (ΔE, after lighting is matched) under which photo and frame
# show the same surface, when growing the item's area from the inliers' hull.
_AGREE_DELTA_E = 12.0
# ... and how far beyond the hull, as a share of the hull's size. Only a photo
# that enlarges the item this much grows it: at the clip's scale the frame's
# features cover plain parts too, and a photo that close to the frame's view
# may show the bench itself, which agrees with the frame without being the item.
_GROW_REACH = 0.5
_GROW_FROM_SCALE = 1.5
# Long side (pixels) at most at which the item's area is grown.
_GROW_SIDE = 512


@dataclass(frozen=True)
class Region:
    """A box in photo pixels where the photo differs from the frame.

    ``score`` = mean ΔE inside the region × √(percent of the item it covers):
    a strong, sizeable difference ranks above a faint or tiny one.
    ``item_share`` is that share (0…1) and ``delta_e`` that mean ΔE, for
    saying to a person how big and how strong the difference is.
    """

    x: int
    y: int
    w: int
    h: int
    score: float
    item_share: float = 0.0
    delta_e: float = 0.0
    tone: str = ""    # darker | lighter | colour: how the photo differs from the frame there
    place: str = ""   # where on the visible item: one of PLACES

    def to_json(self) -> dict:
        return {"x": self.x, "y": self.y, "w": self.w, "h": self.h, "score": round(self.score, 2),
                "item_share": round(self.item_share, 4), "delta_e": round(self.delta_e, 1),
                "tone": self.tone, "place": self.place}

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x < self.x + self.w and self.y <= y < self.y + self.h


@dataclass(frozen=True)
class Difference:
    """The outcome of comparing the photo with one frame.

    ``delta_e`` is the difference map at ``scale`` × photo size (0 outside
    the item), ``item_mask`` the item region there, ``warped`` the frame
    aligned to the photo at that size, ``threshold`` the ΔE above which a
    pixel counted.
    """

    regions: list[Region]
    delta_e: np.ndarray
    item_mask: np.ndarray
    warped: np.ndarray
    scale: float
    threshold: float


def diff_scale(photo_size: tuple[int, int], match: FrameMatch) -> float:
    """Photo scale at which the item is about as detailed as in the frame (within limits)."""
    w, h = photo_size
    centre = match.frame_points.mean(axis=0)
    magnification = local_scale(match.homography, centre)  # photo px per frame px
    s = 1.25 / magnification if magnification > 0 else 1.0
    long_side = max(w, h)
    s = min(s, MAX_DIFF_SIDE / long_side, 1.0)
    return max(s, min(1.0, MIN_DIFF_SIDE / long_side))


def local_scale(h: np.ndarray, point: np.ndarray) -> float:
    """√det of the homography's Jacobian at ``point``: how much it enlarges there."""
    x, y = float(point[0]), float(point[1])
    w = h[2, 0] * x + h[2, 1] * y + h[2, 2]
    u = (h[0, 0] * x + h[0, 1] * y + h[0, 2]) / w
    v = (h[1, 0] * x + h[1, 1] * y + h[1, 2]) / w
    jac = np.array([[h[0, 0] - u * h[2, 0], h[0, 1] - u * h[2, 1]],
                    [h[1, 0] - v * h[2, 0], h[1, 1] - v * h[2, 1]]]) / w
    return math.sqrt(abs(float(np.linalg.det(jac))))


def compare_with_frame(photo_image: np.ndarray, photo_size: tuple[int, int], frame: np.ndarray,
                       match: FrameMatch, item_points: np.ndarray | None = None) -> Difference:
    """Warp ``frame`` onto the photo and list the regions where the item differs.

    ``photo_image`` is the upright photo (any size, BGR) and ``photo_size``
    its full size, the coordinates of ``match`` and of the regions returned.
    ``item_points`` (photo pixels) outline the item; by default the match's
    inliers. The inliers of all matched frames together outline it better:
    each frame's inliers cover only the parts it matched best.
    """
    points = match.photo_points if item_points is None else item_points
    s = diff_scale(photo_size, match)
    size = (max(1, round(photo_size[0] * s)), max(1, round(photo_size[1] * s)))
    photo = cv2.resize(photo_image, size, interpolation=cv2.INTER_AREA)
    h = np.diag([s, s, 1.0]) @ match.homography
    warped = cv2.warpPerspective(frame, h, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    covered = cv2.warpPerspective(np.full(frame.shape[:2], 255, np.uint8), h, size, flags=cv2.INTER_NEAREST)
    covered = cv2.erode(covered, np.ones((5, 5), np.uint8))
    seed = item_mask(points * s, size) & covered
    if np.count_nonzero(seed) < 100:
        return Difference([], np.zeros(size[::-1], np.float32), seed, warped, s, 0.0)
    lab_p = cv2.cvtColor(photo.astype(np.float32) / 255, cv2.COLOR_BGR2LAB)
    # photo pixels per frame pixel at full size
    magnification = local_scale(match.homography, match.frame_points.mean(axis=0))
    item = _grow_item(seed, covered, photo, warped, lab_p) if magnification >= _GROW_FROM_SCALE else seed
    item_px = int(np.count_nonzero(item))
    inside = item > 0
    sigma = max(3.0, _LIGHT_SCALE * math.sqrt(item_px))
    matched = normalise_light(warped, photo, inside, sigma)
    lab_f = cv2.cvtColor(matched / 255, cv2.COLOR_BGR2LAB)
    delta = _tolerant_delta_e(lab_p, lab_f)
    delta = cv2.GaussianBlur(delta, (0, 0), 1.2)
    delta *= _edge_weight(item, _margin(points * s))
    delta[~inside] = 0

    values = delta[inside]
    threshold = _threshold(values)
    regions = _regions(delta, inside, threshold, item_px, s, lab_p[:, :, 0] - lab_f[:, :, 0])
    return Difference(regions, delta, item, warped, s, threshold)


def _grow_item(seed: np.ndarray, covered: np.ndarray, photo: np.ndarray, warped: np.ndarray,
               lab_p: np.ndarray) -> np.ndarray:
    """The item's visible area: the inliers' hull grown over the parts where photo and frame agree.

    A close-up's inliers sit on the item's printed, detailed parts; a crack
    on a plain part lies outside their hull. Where the aligned frame (lit
    like the photo) shows the same colours as the photo, it shows the same
    surface: the areas of agreement joined to the hull are the item too, and
    the convex hull of them all (a crack is surrounded by agreeing surface)
    is the item's visible area, inside the part of the photo the frame covers.
    It grows at most half the hull's size beyond it: where the photo's
    background happens to look like the bench, the bench is not the item.
    """
    full = (seed.shape[1], seed.shape[0])
    if max(full) > _GROW_SIDE:  # the item's outline needs no fine detail: work at half size or less
        f = _GROW_SIDE / max(full)
        small = (max(1, round(full[0] * f)), max(1, round(full[1] * f)))
        grown = _grow_item(*(cv2.resize(a, small, interpolation=cv2.INTER_NEAREST if a.ndim == 2 else cv2.INTER_AREA)
                             for a in (seed, covered, photo, warped)),
                           cv2.resize(lab_p, small, interpolation=cv2.INTER_AREA))
        return cv2.resize(grown, full, interpolation=cv2.INTER_NEAREST) & covered
    inside = seed > 0
    toned = normalise_light(warped, photo, inside, max(3.0, _LIGHT_SCALE * math.sqrt(np.count_nonzero(seed))))
    delta = _tolerant_delta_e(lab_p, cv2.cvtColor(toned / 255, cv2.COLOR_BGR2LAB))
    delta = cv2.GaussianBlur(delta, (0, 0), 2.0)
    agree_level = max(_AGREE_DELTA_E, 2.0 * float(np.median(delta[inside])))
    reach = max(3, int(_GROW_REACH * math.sqrt(np.count_nonzero(seed))))
    near = cv2.distanceTransform((seed == 0).astype(np.uint8), cv2.DIST_L2, 3) <= reach  # linear time, any reach
    agree = ((delta < agree_level) & (covered > 0) & near).astype(np.uint8)
    agree = cv2.morphologyEx(agree, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7)))
    n, labels = cv2.connectedComponents(agree | (seed > 0).astype(np.uint8), connectivity=8)
    touching = np.unique(labels[inside])
    joined = np.isin(labels, touching[touching > 0])
    points = cv2.findNonZero(joined.astype(np.uint8))
    if points is None:
        return seed
    grown = np.zeros_like(seed)
    cv2.fillConvexPoly(grown, cv2.convexHull(points), 255)
    return grown & covered


def item_mask(points: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """uint8 mask (255 inside) of the convex hull of ``points``, widened by a margin."""
    mask = np.zeros((size[1], size[0]), np.uint8)
    if len(points) < 3:
        return mask
    hull = cv2.convexHull(points.astype(np.float32)).astype(np.int32)
    cv2.fillConvexPoly(mask, hull, 255)
    margin = _margin(points)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * margin + 1, 2 * margin + 1))
    return cv2.dilate(mask, kernel)


def _margin(points: np.ndarray) -> int:
    """How far (pixels) the item mask reaches beyond the inliers' hull."""
    return max(3, int(_ITEM_MARGIN * math.sqrt(max(1.0, hull_area(points)))))


def _edge_weight(mask: np.ndarray, margin: int) -> np.ndarray:
    """0 at the mask's edge rising to 1 at twice ``margin`` inside it."""
    dist = cv2.distanceTransform((mask > 0).astype(np.uint8), cv2.DIST_L2, 3)
    return np.clip(dist / (2.0 * margin), 0.0, 1.0).astype(np.float32)


def normalise_light(frame: np.ndarray, photo: np.ndarray, mask: np.ndarray, sigma: float) -> np.ndarray:
    """``frame`` (aligned with ``photo``) re-lit to look like the photo inside ``mask``: float32 BGR.

    First a tone curve per colour channel (white balance, exposure and
    gamma act on each channel separately): for each band of frame values,
    the median photo value at the same pixels, made monotonic. The median
    ignores the few pixels where the item really differs, and only pixels
    away from edges are used (at an edge a softer photo mixes both sides,
    which would bend the curve towards grey). Then a smooth
    gain per channel (Gaussian ``sigma``) for light that changes across
    the picture: side light, vignetting, a shadow's soft edge.
    """
    out = np.empty(frame.shape, np.float32)
    m = mask.astype(np.float32)
    weight = wide_blur(m, sigma)
    kernel = np.ones((5, 5), np.uint8)
    for c in range(3):
        f = frame[:, :, c].astype(np.float32)
        p = photo[:, :, c].astype(np.float32)
        local_range = cv2.dilate(frame[:, :, c], kernel).astype(np.int16) - cv2.erode(frame[:, :, c], kernel)
        flat = mask & (local_range < _FLAT_RANGE)
        toned = _tone_curve(f, p, flat if np.count_nonzero(flat) >= 500 else mask)
        gain = ((wide_blur(p * m, sigma) + 1.0)
                / (wide_blur(toned * m, sigma) + 1.0))
        gain = np.where(weight > 1e-3, gain, 1.0)
        out[:, :, c] = np.clip(toned * np.clip(gain, 0.5, 2.0), 0, 255)
    return out


def wide_blur(image: np.ndarray, sigma: float) -> np.ndarray:
    """A Gaussian blur of large ``sigma``, computed on a smaller copy (the result is smooth anyway).

    A blur of sigma 60 at full size costs tens of milliseconds per channel;
    shrunk so that sigma is 4 pixels, then enlarged again, it costs about one
    and differs from it by far less than the light changes it follows.
    """
    f = int(sigma // 4)
    if f < 2:
        return cv2.GaussianBlur(image, (0, 0), sigma)
    h, w = image.shape[:2]
    small = cv2.resize(image, (max(1, w // f), max(1, h // f)), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), sigma / f)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)


def _tone_curve(source: np.ndarray, target: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``source`` mapped through the monotonic curve that best predicts ``target`` inside ``mask``."""
    s, t = source[mask], target[mask]
    if s.size < 50:
        return source
    band = np.minimum((s // 8).astype(np.int32), 31)  # 32 bands of 8 levels
    xs, ys = [], []
    for b in np.unique(band):
        sel = band == b
        if np.count_nonzero(sel) >= 12:
            xs.append(float(np.median(s[sel])))
            ys.append(float(np.median(t[sel])))
    if len(xs) < 2:  # a flat item: match the mean only
        return source + float(t.mean() - s.mean())
    x = np.array(xs)
    y = np.maximum.accumulate(np.array(ys))
    # beyond the outermost bands, continue with the slope of the curve's ends
    lo = (y[1] - y[0]) / max(x[1] - x[0], 1e-3)
    hi = (y[-1] - y[-2]) / max(x[-1] - x[-2], 1e-3)
    mapped = np.interp(source, x, y)
    mapped = np.where(source < x[0], y[0] + (source - x[0]) * lo, mapped)
    mapped = np.where(source > x[-1], y[-1] + (source - x[-1]) * hi, mapped)
    return mapped.astype(np.float32)


def _tolerant_delta_e(lab_p: np.ndarray, lab_f: np.ndarray) -> np.ndarray:
    """ΔE between each photo pixel and the closest frame colour within ±1 pixel.

    The frame's colours are taken both as they are and slightly blurred: at
    an edge, a softer photo shows blends of the two sides that the sharp
    frame never has, and those are not damage.
    """
    hgt, wid = lab_p.shape[:2]
    best = np.full((hgt, wid), np.inf, np.float32)
    for f in (lab_f, cv2.GaussianBlur(lab_f, (0, 0), 1.0)):
        padded = cv2.copyMakeBorder(f, 1, 1, 1, 1, cv2.BORDER_REPLICATE)
        for dy in (0, 1, 2):
            for dx in (0, 1, 2):
                d = lab_p - padded[dy:dy + hgt, dx:dx + wid]
                np.minimum(best, np.sqrt(np.einsum("ijk,ijk->ij", d, d)), out=best)
    return best


def _threshold(values: np.ndarray) -> float:
    """ΔE above which a pixel differs: Otsu's split, never below the noise or MIN_DELTA_E."""
    if values.size == 0:
        return MIN_DELTA_E
    median = float(np.median(values))
    mad = float(np.median(np.abs(values - median))) * 1.4826
    top = float(np.percentile(values, 99.9)) or 1.0
    scaled = np.clip(values / top * 255, 0, 255).astype(np.uint8).reshape(-1, 1)
    otsu, _ = cv2.threshold(scaled, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return max(MIN_DELTA_E, median + 6 * mad, otsu / 255 * top)


def _regions(delta: np.ndarray, inside: np.ndarray, threshold: float, item_px: int,
             s: float, lightness: np.ndarray) -> list[Region]:
    """The connected areas above ``threshold`` on the item; ``lightness`` is photo L* minus frame L*."""
    ys, xs = np.nonzero(inside)
    ix0, iy0 = float(xs.min()), float(ys.min())
    iw, ih = max(1.0, float(xs.max()) - ix0 + 1), max(1.0, float(ys.max()) - iy0 + 1)
    binary = ((delta >= threshold) & inside).astype(np.uint8)
    binary = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    binary = cv2.morphologyEx(binary, cv2.MORPH_CLOSE,
                              cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    min_px = max(12, MIN_REGION_SHARE * item_px)
    found = []
    for k in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[k])
        if area < min_px:
            continue
        here = labels == k
        mean_de = float(delta[here].mean())
        score = mean_de * math.sqrt(100.0 * area / item_px)
        dl = float(lightness[here].mean())
        tone = "darker" if dl <= -_TONE_L else "lighter" if dl >= _TONE_L else "colour"
        col = min(2, int(3 * (x + w / 2 - ix0) / iw))
        row = min(2, int(3 * (y + h / 2 - iy0) / ih))
        found.append(Region(int(x / s), int(y / s), max(1, round(w / s)), max(1, round(h / s)), score,
                            area / item_px, mean_de, tone, PLACES[max(0, row)][max(0, col)]))
    found.sort(key=lambda r: r.score, reverse=True)
    return found[:MAX_REGIONS]
