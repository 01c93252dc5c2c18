"""The pictures a person looks at: photo beside frame, aligned overlay, difference heatmap.

All are BGR uint8 arrays (the CLI writes them as PNG, the evidence pack
embeds them). The pixels carry only marks every reader reads alike: the
photo's size in pixels, the frame's clip time in seconds and capture time
in UTC, the regions' ranks. The words saying which picture is which stand
beside the picture in the reader's language: the hub's clip page, the
pack's report and VERIFY.txt (the file names are the pictures' names). The
desktop's dispute view draws its own pictures with its own captions.
"""

from __future__ import annotations

from datetime import datetime

import cv2
import numpy as np

from packseal.core.compare.difference import DISPLAY_SIDE, Difference, Region
from packseal.core.compare.matcher import FrameMatch

_FONT = cv2.FONT_HERSHEY_SIMPLEX
_GREEN = (60, 200, 60)
_BOX = (0, 0, 255)


def _fit(image: np.ndarray, long_side: int) -> tuple[np.ndarray, float]:
    h, w = image.shape[:2]
    s = min(1.0, long_side / max(h, w))
    if s >= 1.0:
        return image.copy(), 1.0
    return cv2.resize(image, (max(1, round(w * s)), max(1, round(h * s))), interpolation=cv2.INTER_AREA), s


def _caption(image: np.ndarray, text: str) -> np.ndarray:
    """``image`` with a dark caption bar above it."""
    h, w = image.shape[:2]
    scale = max(0.45, min(1.0, w / 900))
    thick = 1 if scale < 0.7 else 2
    (tw, th), base = cv2.getTextSize(text, _FONT, scale, thick)
    if tw > w - 16:  # smaller letters rather than a caption cut off at the picture's edge
        scale, thick = max(0.25, scale * (w - 16) / tw), 1
        (tw, th), base = cv2.getTextSize(text, _FONT, scale, thick)
    bar = np.full((th + base + 16, w, 3), 32, np.uint8)
    cv2.putText(bar, text, (8, th + 8), _FONT, scale, (240, 240, 240), thick, cv2.LINE_AA)
    return np.vstack([bar, image])


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{moment.microsecond // 1000:03d} UTC"


def _pixels(size: tuple[int, int]) -> str:
    """The photo's mark: ``1200 x 900 px``."""
    return f"{size[0]} x {size[1]} px"


def _clip_time(t_s: float, captured_at: datetime) -> str:
    """A frame's mark: ``t = 12.3 s   2026-11-24 06:03:07.120 UTC``."""
    return f"t = {t_s:.1f} s   {_utc(captured_at)}"


def side_by_side(photo_image: np.ndarray, photo_size: tuple[int, int], frame: np.ndarray,
                 match: FrameMatch, *, height: int = 720) -> np.ndarray:
    """Photo | matched frame at the same height, the item outlined in the frame.

    Above the photo its size in pixels, above the frame its clip time and capture time in UTC.
    """
    outlined = frame.copy()
    hull = cv2.convexHull(match.photo_points.astype(np.float32))
    inv = np.linalg.inv(match.homography)
    in_frame = cv2.perspectiveTransform(hull.reshape(1, -1, 2), inv)[0]
    thick = max(2, frame.shape[0] // 300)
    cv2.polylines(outlined, [np.round(in_frame).astype(np.int32)], True, _GREEN, thick, cv2.LINE_AA)

    left = _caption(_at_height(photo_image, height), _pixels(photo_size))
    right = _caption(_at_height(outlined, height), _clip_time(match.t_s, match.captured_at))
    return _row([left, right])


def _at_height(img: np.ndarray, height: int) -> np.ndarray:
    s = height / img.shape[0]
    return cv2.resize(img, (max(1, round(img.shape[1] * s)), height),
                      interpolation=cv2.INTER_AREA if s < 1 else cv2.INTER_LINEAR)


def _row(pictures: list[np.ndarray]) -> np.ndarray:
    """Captioned pictures side by side, 8 white pixels apart, the shorter ones padded white below."""
    height = max(p.shape[0] for p in pictures)
    gap = np.full((height, 8, 3), 255, np.uint8)
    parts: list[np.ndarray] = []
    for picture in pictures:
        if picture.shape[0] < height:
            picture = np.vstack([picture, np.full((height - picture.shape[0], picture.shape[1], 3), 255, np.uint8)])
        parts += [gap, picture] if parts else [picture]
    return np.hstack(parts)


def before_closing(photo_image: np.ndarray, photo_size: tuple[int, int],
                   frames: list[tuple[np.ndarray, float, datetime]], *, height: int = 540) -> np.ndarray:
    """The opened-box photo beside the clip's last frames before the box was closed, each frame with its times."""
    pictures = [_caption(_at_height(photo_image, height), _pixels(photo_size))]
    for image, t_s, at in frames:
        pictures.append(_caption(_at_height(image, height), _clip_time(t_s, at)))
    return _row(pictures)


def overlay(photo_image: np.ndarray, photo_size: tuple[int, int], frame: np.ndarray,
            match: FrameMatch, *, alpha: float = 0.5) -> np.ndarray:
    """The photo with the frame warped onto it, blended half and half where the frame reaches; the frame's times above."""
    shown, _ = _fit(photo_image, DISPLAY_SIDE)
    s = shown.shape[1] / photo_size[0]
    size = (shown.shape[1], shown.shape[0])
    h = np.diag([s, s, 1.0]) @ match.homography
    warped = cv2.warpPerspective(frame, h, size, flags=cv2.INTER_LINEAR)
    covered = cv2.warpPerspective(np.full(frame.shape[:2], 255, np.uint8), h, size) > 0
    blended = cv2.addWeighted(shown, 1 - alpha, warped, alpha, 0)
    out = shown.copy()
    out[covered] = blended[covered]
    return _caption(out, _clip_time(match.t_s, match.captured_at))


def heatmap(photo_image: np.ndarray, photo_size: tuple[int, int], diff: Difference, match: FrameMatch) -> np.ndarray:
    """The difference from ``match``'s frame as colour over the photo (item only), the regions boxed and
    numbered by rank; the frame's times above."""
    shown, _ = _fit(photo_image, DISPLAY_SIDE)
    size = (shown.shape[1], shown.shape[0])
    s = shown.shape[1] / photo_size[0]
    top = max(diff.threshold * 2.0, 1.0)
    level = np.clip(diff.delta_e / top, 0, 1)
    level = cv2.resize(level, size, interpolation=cv2.INTER_LINEAR)
    item = cv2.resize(diff.item_mask, size, interpolation=cv2.INTER_NEAREST) > 0
    colour = cv2.applyColorMap((level * 255).astype(np.uint8), cv2.COLORMAP_JET)
    grey = cv2.cvtColor(cv2.cvtColor(shown, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    out = (grey * 0.6).astype(np.uint8)  # outside the item: dimmed, it does not count
    blend = cv2.addWeighted(shown, 0.45, colour, 0.55, 0)
    out[item] = blend[item]
    for rank, r in enumerate(diff.regions, 1):
        _draw_region(out, r, s, rank)
    return _caption(out, _clip_time(match.t_s, match.captured_at))


def _draw_region(image: np.ndarray, r: Region, s: float, rank: int) -> None:
    x0, y0 = round(r.x * s), round(r.y * s)
    x1, y1 = round((r.x + r.w) * s), round((r.y + r.h) * s)
    cv2.rectangle(image, (x0, y0), (x1, y1), (255, 255, 255), 4, cv2.LINE_AA)
    cv2.rectangle(image, (x0, y0), (x1, y1), _BOX, 2, cv2.LINE_AA)
    cv2.putText(image, str(rank), (x0 + 3, max(14, y0 - 5)), _FONT, 0.6, (255, 255, 255), 3, cv2.LINE_AA)
    cv2.putText(image, str(rank), (x0 + 3, max(14, y0 - 5)), _FONT, 0.6, _BOX, 1, cv2.LINE_AA)
