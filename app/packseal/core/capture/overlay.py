"""The text and QR code burned into every recorded frame.

Top left: the station name. Top right: local date and time with seconds and
UTC offset. Bottom left, while an order records: a red "● REC" and the order
ID in large type; above it, when a scale is connected, the live weight
(white when stable, amber with a leading "~" while the reading moves). Bottom right: a small QR code that repeats order, station
and UTC time in machine-readable form (``PS1|order|station|time``), so a
reviewer's phone can read them off any frame of a clip.

Drawing runs on every frame of a 1080p30 stream, so nothing is rendered per
frame: each box is rendered (Pillow text, zxing QR) only when its content
changes, about once a second, and cached as two small arrays; a frame only
gets them blended onto their regions with two OpenCV calls each.
"""

from __future__ import annotations

import logging
import math
import threading
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from pathlib import Path
from typing import Callable

import cv2
import numpy as np
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

from packseal.core.capture.fonts import FontMissingError, cjk_font_path, missing_glyphs
from packseal.core.errors import BadInputError

log = logging.getLogger(__name__)

QR_PREFIX = "PS1|"
NO_ORDER = "-"
_QR_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

BOX_OPACITY = 0.62  # dark enough for white text on a white label, light enough to see through
WHITE = (255, 255, 255)
REC_RED = (40, 40, 235)  # BGR
MARK_COLOUR = (0, 220, 255)  # BGR yellow: the TEST mark of the built-in test camera
UNSTABLE_COLOUR = (0, 170, 255)  # BGR amber: a weight still moving
UNSTABLE_MARK = "~"


def overlay_qr_text(order_id: str | None, station: str, utc: datetime) -> str:
    """The QR payload: ``PS1|<order or ->|<station>|<UTC time, seconds>Z``."""
    if utc.tzinfo is None:
        utc = utc.replace(tzinfo=timezone.utc)
    stamp = utc.astimezone(timezone.utc).strftime(_QR_TIME_FORMAT)
    return f"{QR_PREFIX}{order_id or NO_ORDER}|{station}|{stamp}"


def parse_overlay_qr(text: str) -> dict | None:
    """Read back an overlay QR payload.

    Returns ``{"order_id": str | None, "station": str, "utc": datetime}``, or
    ``None`` when ``text`` is not a PackSeal overlay code. The station may
    itself contain ``|``; the order ID is the first field and the time the last.
    """
    if not isinstance(text, str) or not text.startswith(QR_PREFIX):
        return None
    body = text[len(QR_PREFIX):]
    order, sep, rest = body.partition("|")
    station, sep2, stamp = rest.rpartition("|")
    if not sep or not sep2 or not order:
        return None
    try:
        utc = datetime.strptime(stamp, _QR_TIME_FORMAT).replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    return {"order_id": None if order == NO_ORDER else order, "station": station, "utc": utc}


def format_local_time(utc: datetime, tz: tzinfo | None = None) -> str:
    """``2026-11-24 14:03:07 +08:00``: local time (``tz`` or the system's) with its offset."""
    if utc.tzinfo is None:
        utc = utc.replace(tzinfo=timezone.utc)
    local = utc.astimezone(tz)  # tz=None: the system's local zone
    offset = local.strftime("%z")  # "+0800"; Python 3.11 has no "%:z"
    return f"{local:%Y-%m-%d %H:%M:%S} {offset[:3]}:{offset[3:]}"


@dataclass(slots=True)
class _Patch:
    """A cached box: ``frame = frame * inv_alpha / 255 + premultiplied``."""

    inv_alpha: np.ndarray  # h×w×3 uint8, 255 − opacity
    premultiplied: np.ndarray  # h×w×3 uint8, colour × opacity
    opaque: bool = False  # True: premultiplied is the picture, copy it as is

    @property
    def size(self) -> tuple[int, int]:
        return int(self.premultiplied.shape[1]), int(self.premultiplied.shape[0])


@dataclass(slots=True)
class _Layout:
    text_px: int
    order_px: int
    margin: int
    pad: int
    qr_module_px: int


class Overlay:
    """Burns station, local time, order ID and a QR code into BGR frames in place.

    ``station`` and ``show_qr`` may be changed at any time, from any thread;
    the next frame shows the change. ``tz`` is the zone of the displayed time
    (default: the computer's local zone).
    """

    def __init__(self, station: str, *, show_qr: bool = True, font_path: Path | None = None,
                 tz: tzinfo | None = None, mark: str = "") -> None:
        if font_path is not None and not Path(font_path).is_file():
            raise BadInputError(f"The overlay font {font_path} does not exist; leave the font "
                                "setting empty to use PackSeal's own.")
        self._font_path = Path(font_path) if font_path is not None else _default_font()
        self._fonts: dict[int, ImageFont.FreeTypeFont | ImageFont.ImageFont] = {}
        self.tz = tz
        self.show_qr = show_qr
        #: a word burned large in the middle of the top edge (``TEST`` on test-camera frames)
        self.mark = mark
        self._lock = threading.Lock()  # the caches, should two threads draw at once
        self._station = ""
        self.station = station
        #: the scale's weight as shown (e.g. ``1.234 kg``) and whether it is stable; None: no weight line
        self.weight: tuple[str, bool] | None = None
        self._layouts: dict[tuple[int, int], _Layout] = {}
        self._cache: dict[str, tuple[object, _Patch | None]] = {}

    # -- settings --------------------------------------------------------------
    @property
    def station(self) -> str:
        return self._station

    @station.setter
    def station(self, name: str) -> None:
        name = " ".join(str(name).split())  # no newlines or runs of blanks in a one-line box
        if self._font_path is not None:
            missing = missing_glyphs(self._font_path, name)
            if missing:
                log.warning("The overlay font has no glyph for %s in station name %r; they will "
                            "show as boxes.", "".join(sorted(missing)), name)
        self._station = name

    @property
    def show_qr(self) -> bool:
        return self._show_qr

    @show_qr.setter
    def show_qr(self, on: bool) -> None:
        self._show_qr = bool(on)

    # -- per frame -------------------------------------------------------------
    def draw(self, image: np.ndarray, utc: datetime, order_id: str | None) -> None:
        """Draw the overlay onto ``image`` (H×W×3 uint8 BGR), modifying it in place."""
        if image.ndim != 3 or image.shape[2] != 3 or image.dtype != np.uint8:
            raise ValueError(f"Overlay.draw needs an H×W×3 uint8 image, got {image.shape} {image.dtype}")
        h, w = image.shape[:2]
        station, show_qr = self._station, self._show_qr
        with self._lock:
            layout = self._layout(w, h)
            m = layout.margin
            top_left = self._patch("station", (station, layout.text_px),
                                   lambda: self._text_patch([(station, WHITE)], layout.text_px, layout.pad))
            time_text = format_local_time(utc, self.tz)
            top_right = self._patch("time", (time_text, layout.text_px),
                                    lambda: self._text_patch([(time_text, WHITE)], layout.text_px, layout.pad))
            qr = None
            if show_qr:
                payload = overlay_qr_text(order_id, station, utc)
                qr = self._patch("qr", (payload, layout.qr_module_px),
                                 lambda: _qr_patch(payload, layout.qr_module_px))
            mark = None
            if self.mark:
                text = self.mark
                px = layout.order_px * 2
                mark = self._patch("mark", (text, px), lambda: self._text_patch([(text, MARK_COLOUR)], px, layout.pad))
            weight, current = None, self.weight  # one read: another thread may set it meanwhile
            if current is not None:
                text, stable = current
                shown = text if stable else UNSTABLE_MARK + text
                colour = WHITE if stable else UNSTABLE_COLOUR
                weight = self._patch("weight", (shown, colour, layout.text_px),
                                     lambda: self._text_patch([(shown, colour)], layout.text_px, layout.pad))
            order = None
            if order_id:
                room = w - 3 * m - (qr.size[0] if qr is not None else 0)
                order = self._patch("order", (order_id, layout.order_px, room),
                                    lambda: self._order_patch(order_id, layout, room))

        if top_left is not None:
            _blend(image, top_left, m, m)
        if top_right is not None:
            tw, th = top_right.size
            sw, sh = top_left.size if top_left is not None else (0, 0)
            if m + sw + m + tw + m <= w:
                _blend(image, top_right, w - m - tw, m)
            else:  # a narrow frame: put the time under the station
                _blend(image, top_right, m, m + sh + m // 2)
        if mark is not None:
            kw, kh = mark.size
            _blend(image, mark, max(0, (w - kw) // 2), m)  # top centre: never over the parcel's label
        if qr is not None:
            qw, qh = qr.size
            _blend(image, qr, w - m - qw, h - m - qh)
        bottom = h - m
        if order is not None:
            _, oh = order.size
            _blend(image, order, m, h - m - oh)
            bottom -= oh + m // 2
        if weight is not None:
            _blend(image, weight, m, bottom - weight.size[1])

    # -- rendering, once per change ---------------------------------------------
    def _layout(self, w: int, h: int) -> _Layout:
        layout = self._layouts.get((w, h))
        if layout is None:
            text_px = max(11, round(h * 0.034))
            layout = _Layout(text_px=text_px, order_px=round(text_px * 1.6),
                             margin=max(4, round(h * 0.015)), pad=max(3, round(text_px * 0.35)),
                             # Modules of at least 2 px after shrinking the frame to ~640 px.
                             qr_module_px=max(2, math.ceil(h / 180)))
            self._layouts = {(w, h): layout}  # one frame size at a time
        return layout

    def _patch(self, slot: str, key: object, render: Callable[[], _Patch | None]) -> _Patch | None:
        cached = self._cache.get(slot)
        if cached is not None and cached[0] == key:
            return cached[1]
        patch = render()
        self._cache[slot] = (key, patch)
        return patch

    def _font(self, px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        font = self._fonts.get(px)
        if font is None:
            if self._font_path is not None:
                font = ImageFont.truetype(str(self._font_path), px)
            else:
                font = ImageFont.load_default(px)
            self._fonts[px] = font
        return font

    def _text_patch(self, runs: list[tuple[str, tuple[int, int, int]]], px: int, pad: int,
                    lead_dot: tuple[int, int, int] | None = None) -> _Patch | None:
        """A dark rounded box holding coloured text runs (and optionally a leading dot)."""
        runs = [(text, colour) for text, colour in runs if text]
        if not runs and lead_dot is None:
            return None
        font = self._font(px)
        ascent, descent = font.getmetrics() if hasattr(font, "getmetrics") else (px, px // 4)
        dot = round(px * 0.62) if lead_dot is not None else 0
        gap = round(px * 0.35)
        widths = [math.ceil(font.getlength(text)) for text, _ in runs]
        inner_w = (dot + gap if dot else 0) + sum(widths) + gap * max(0, len(runs) - 1)
        bw, bh = inner_w + 2 * pad, ascent + descent + 2 * pad
        layers: list[tuple[Image.Image, tuple[int, int, int]]] = []
        x = pad
        if dot:
            layer = Image.new("L", (bw, bh), 0)
            cy = pad + (ascent + descent) / 2
            ImageDraw.Draw(layer).ellipse((x, cy - dot / 2, x + dot, cy + dot / 2), fill=255)
            layers.append((layer, lead_dot))
            x += dot + gap
        for (text, colour), width in zip(runs, widths):
            layer = Image.new("L", (bw, bh), 0)
            ImageDraw.Draw(layer).text((x, pad), text, fill=255, font=font)
            layers.append((layer, colour))
            x += width + gap
        box = Image.new("L", (bw, bh), 0)
        ImageDraw.Draw(box).rounded_rectangle((0, 0, bw - 1, bh - 1), radius=pad, fill=255)
        return _compose(np.asarray(box, np.float32) / 255 * BOX_OPACITY,
                        [(np.asarray(layer, np.float32) / 255, colour) for layer, colour in layers])

    def _order_patch(self, order_id: str, layout: _Layout, room: int) -> _Patch | None:
        # Shrink long order IDs to the room left beside the QR code rather than cut them.
        px = layout.order_px
        while True:
            patch = self._text_patch([("REC", REC_RED), (order_id, WHITE)], px, layout.pad,
                                     lead_dot=REC_RED)
            if patch is None or patch.size[0] <= room or px <= layout.text_px // 2:
                return patch
            px = max(layout.text_px // 2, int(px * room / patch.size[0]))


def _compose(box_alpha: np.ndarray, layers: list[tuple[np.ndarray, tuple[int, int, int]]]) -> _Patch:
    """Stack coloured coverage layers over a black box of opacity ``box_alpha``."""
    alpha = box_alpha.copy()
    colour = np.zeros(alpha.shape + (3,), np.float32)  # premultiplied
    for coverage, bgr in layers:
        c = coverage[..., None]
        colour = colour * (1 - c) + c * np.array(bgr, np.float32)
        alpha = alpha * (1 - coverage) + coverage
    inv = np.repeat(np.rint(255 * (1 - alpha))[..., None], 3, axis=2).astype(np.uint8)
    return _Patch(inv_alpha=inv, premultiplied=np.rint(colour).astype(np.uint8))


def _qr_patch(payload: str, module_px: int) -> _Patch:
    # Error correction M: the code has to survive H.264 compression of the frame.
    symbol = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    modules = np.asarray(symbol.to_image(scale=1, add_quiet_zones=False))
    # A 2-module white margin instead of the nominal 4 keeps the corner small;
    # zxing finds the code reliably with it.
    modules = np.pad(modules, 2, constant_values=255)
    big = np.repeat(np.repeat(modules, module_px, axis=0), module_px, axis=1)
    picture = cv2.cvtColor(big, cv2.COLOR_GRAY2BGR)
    return _Patch(inv_alpha=np.zeros_like(picture), premultiplied=picture, opaque=True)


def _blend(frame: np.ndarray, patch: _Patch, x: int, y: int) -> None:
    """Blend the patch onto ``frame`` with its top-left corner at (x, y), clipped to the frame."""
    fh, fw = frame.shape[:2]
    pw, ph = patch.size
    x0, y0, x1, y1 = max(0, x), max(0, y), min(fw, x + pw), min(fh, y + ph)
    if x0 >= x1 or y0 >= y1:
        return
    sx, sy = slice(x0 - x, x1 - x), slice(y0 - y, y1 - y)
    region = frame[y0:y1, x0:x1]
    if patch.opaque:
        region[...] = patch.premultiplied[sy, sx]
        return
    # Two saturating uint8 operations; far cheaper than float blending.
    cv2.multiply(region, patch.inv_alpha[sy, sx], dst=region, scale=1 / 255)
    cv2.add(region, patch.premultiplied[sy, sx], dst=region)


def _default_font() -> Path | None:
    try:
        return cjk_font_path()
    except FontMissingError as exc:
        log.warning("Overlay text will lack Chinese glyphs: %s", exc)
        return None
