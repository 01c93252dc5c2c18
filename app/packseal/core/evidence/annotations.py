"""The owner's annotations on a refund photo as an evidence pack holds and draws them.

An annotation is given as a plain dict, as the dispute view (see
:func:`packseal.core.compare.annotation_store.pack_annotations`) or a script
gives it::

    {"photo": 1, "shape": "box", "x": 410, "y": 220, "w": 180, "h": 90,
     "text": "crack not in the shipment", "color": "#ff3030"}

``shape`` is ``box``, ``ellipse``, ``arrow`` (from x, y to ``x2``, ``y2``)
or ``text`` (a label at x, y). Coordinates are pixels of the upright photo at
full size, the system comparison results use. ``photo`` is the 1-based
number of the photo it belongs to (default 1); ``text`` and ``color`` are
optional. Labels may be Chinese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from packseal.core.capture.fonts import FontMissingError, cjk_font_path
from packseal.core.compare.annotation_store import checked_label, pixels
from packseal.core.errors import BadInputError

SHAPES = ("box", "ellipse", "arrow", "text")
DEFAULT_COLOR = "#ff2d2d"
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class PackAnnotation:
    """One checked annotation on photo number ``photo`` (1-based), as the pack keeps it.

    The dispute's :class:`~packseal.core.compare.annotation_store.Annotation`
    drawn on a photo, with the photo's number in the pack in place of its
    hash (plus the ``ellipse`` shape and a colour a script may give).
    """

    photo: int
    shape: str
    x: int
    y: int
    w: int = 0
    h: int = 0
    x2: int = 0
    y2: int = 0
    text: str = ""
    color: str = DEFAULT_COLOR

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"photo": self.photo, "shape": self.shape, "x": self.x, "y": self.y}
        if self.shape in ("box", "ellipse"):
            d.update(w=self.w, h=self.h)
        if self.shape == "arrow":
            d.update(x2=self.x2, y2=self.y2)
        if self.text:
            d["text"] = self.text
        d["color"] = self.color
        return d


def _pixels(item: dict, name: str, where: str, *, positive: bool = False) -> int:
    value = pixels(item, name, where)
    if positive and value <= 0:
        raise BadInputError(f"{where}: {name!r} must be above 0, got {value}")
    return value


def parse_annotations(items: list[dict] | None, photo_count: int) -> list[PackAnnotation]:
    """Check the owner's annotations; raises :class:`BadInputError` naming the first bad one."""
    if not items:
        return []
    if not isinstance(items, list):
        raise BadInputError("annotations must be a list of objects")
    found = []
    for n, item in enumerate(items, 1):
        where = f"annotation {n}"
        if not isinstance(item, dict):
            raise BadInputError(f"{where} is not an object")
        shape = item.get("shape")
        if shape not in SHAPES:
            raise BadInputError(f"{where}: shape must be one of {', '.join(SHAPES)}, got {shape!r}")
        photo = item.get("photo", 1)
        if isinstance(photo, bool) or not isinstance(photo, int) or not 1 <= photo <= photo_count:
            raise BadInputError(f"{where}: photo must be a number from 1 to {photo_count}, got {photo!r}")
        text = checked_label(item, shape, where)
        color = item.get("color", DEFAULT_COLOR)
        if not isinstance(color, str) or not _COLOR.fullmatch(color):
            raise BadInputError(f"{where}: color must look like #ff3030, got {color!r}")
        fields: dict[str, Any] = {"x": _pixels(item, "x", where), "y": _pixels(item, "y", where)}
        if shape in ("box", "ellipse"):
            fields["w"] = _pixels(item, "w", where, positive=True)
            fields["h"] = _pixels(item, "h", where, positive=True)
        elif shape == "arrow":
            fields["x2"] = _pixels(item, "x2", where)
            fields["y2"] = _pixels(item, "y2", where)
        found.append(PackAnnotation(photo=photo, shape=shape, text=text,
                                color=color.lower(), **fields))
    return found


def draw_annotations(image: np.ndarray, scale: float, annotations: list[PackAnnotation]) -> np.ndarray:
    """A copy of ``image`` (BGR; ``scale`` = its width / the photo's full width) with ``annotations`` drawn."""
    out = image.copy()
    thick = max(2, round(max(out.shape[:2]) / 300))
    labels: list[tuple[int, int, str, tuple[int, int, int]]] = []
    for m in annotations:
        rgb = tuple(int(m.color[i:i + 2], 16) for i in (1, 3, 5))
        bgr = (rgb[2], rgb[1], rgb[0])
        x, y = round(m.x * scale), round(m.y * scale)
        if m.shape == "box":
            cv2.rectangle(out, (x, y), (x + round(m.w * scale), y + round(m.h * scale)), bgr, thick,
                          cv2.LINE_AA)
        elif m.shape == "ellipse":
            cw, ch = round(m.w * scale / 2), round(m.h * scale / 2)
            cv2.ellipse(out, (x + cw, y + ch), (cw, ch), 0, 0, 360, bgr, thick, cv2.LINE_AA)
        elif m.shape == "arrow":
            end = (round(m.x2 * scale), round(m.y2 * scale))
            cv2.arrowedLine(out, (x, y), end, bgr, thick, cv2.LINE_AA, tipLength=0.12)
        if m.text:
            labels.append((x, y, m.text, rgb))
    return _draw_labels(out, labels, thick) if labels else out


def _draw_labels(image: np.ndarray, labels: list[tuple[int, int, str, tuple[int, int, int]]],
                 thick: int) -> np.ndarray:
    """Text boxes above each annotation, with Pillow (OpenCV's fonts have no Chinese)."""
    pil = Image.fromarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
    draw = ImageDraw.Draw(pil)
    px = max(14, round(max(image.shape[:2]) / 45))
    try:
        font: ImageFont.FreeTypeFont | ImageFont.ImageFont = ImageFont.truetype(str(cjk_font_path()), px)
    except FontMissingError:
        font = ImageFont.load_default(px)
    for x, y, text, rgb in labels:
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
        tw, th = right - left, bottom - top
        pad = max(3, px // 4)
        bx = min(max(0, x), max(0, pil.width - tw - 2 * pad))
        by = y - th - 2 * pad - thick if y - th - 2 * pad - thick >= 0 else y + thick
        draw.rectangle((bx, by, bx + tw + 2 * pad, by + th + 2 * pad), fill=(255, 255, 255), outline=rgb,
                       width=max(1, thick // 2))
        draw.text((bx + pad - left, by + pad - top), text, font=font, fill=rgb)
    return cv2.cvtColor(np.asarray(pil), cv2.COLOR_RGB2BGR)
