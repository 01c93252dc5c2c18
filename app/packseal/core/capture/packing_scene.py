"""A synthetic packing bench: the picture the built-in test camera shows.

A parcel with a printed shipping label lies on a cutting mat on a wooden
bench; it drifts and turns a little while two hands work beside it. The
label carries a real Code 128 barcode of a waybill number, so the whole
camera-scan workflow (scan → record → scan → stop) can be shown on any
machine. With several waybill numbers the parcel slides out and the next one
slides in every ``label_period_s`` seconds.

Rendering must stay cheap at 1080p30 (about a millisecond or two): the bench,
the hands and the parcel at a handful of angles are drawn once; a frame is a
copy of the bench plus three masked pastes of small regions.
"""

from __future__ import annotations

import logging
import math
from collections import OrderedDict
from collections.abc import Generator
from dataclasses import dataclass

import cv2
import numpy as np
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

from packseal.core.capture.fonts import FontMissingError, cjk_font_path
from packseal.core.errors import BadInputError

log = logging.getLogger(__name__)

DEFAULT_LABEL_CODES = ("SF1234567890123",)
MAX_CODE_LENGTH = 32

# The parcel turns between -MAX_TILT and +MAX_TILT degrees, in TILT_STEPS
# pre-rendered steps (rotating per frame would cost more than the budget).
MAX_TILT_DEG = 1.5
TILT_STEPS = 7
# Linear barcodes stay readable down to about 1.5 px per bar module; the label
# is printed so that it still has that when the frame is shrunk to this width.
READABLE_AT_WIDTH = 640
MIN_MODULE_PX_AT_READABLE_WIDTH = 1.6
QUIET_ZONE_MODULES = 10


@dataclass(slots=True)
class _Sprite:
    """A pre-rendered picture with its opacity mask, pasted at a position."""

    image: np.ndarray  # h×w×3 uint8 BGR
    mask: np.ndarray   # h×w uint8, 255 where the sprite covers the background


@dataclass(slots=True)
class _Parcel:
    """One parcel with its label, pre-rotated to every tilt step."""

    tilts: list[_Sprite]
    width: int   # of the unrotated box
    height: int


def validate_label_codes(codes: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Check waybill numbers for the test label; raise :class:`BadInputError` if unusable."""
    codes = tuple(codes)
    if not codes:
        raise BadInputError("The test camera needs at least one waybill number for its label.")
    for code in codes:
        if not isinstance(code, str) or not code or len(code) > MAX_CODE_LENGTH \
                or not all(" " <= ch <= "~" for ch in code):
            raise BadInputError(
                f"Test label code {code!r} cannot be printed as a Code 128 barcode: use 1 to "
                f"{MAX_CODE_LENGTH} printable ASCII characters (letters, digits, punctuation)."
            )
    return codes


class PackingScene:
    """Renders the packing bench at any time ``t`` (seconds since the camera started)."""

    def __init__(self, width: int, height: int, *,
                 label_codes: list[str] | tuple[str, ...] = DEFAULT_LABEL_CODES,
                 label_period_s: float = 8.0) -> None:
        if width < 160 or height < 120:
            raise BadInputError(f"The test camera needs at least 160×120 pixels, not {width}×{height}.")
        if not label_period_s > 0:
            raise BadInputError(f"label_period_s must be positive, got {label_period_s!r}.")
        self.width = int(width)
        self.height = int(height)
        self.label_codes = validate_label_codes(label_codes)
        self.label_period_s = float(label_period_s)
        # Slide a parcel in (and the previous one out) over at most a quarter period.
        self._slide_s = min(0.8, self.label_period_s / 4)
        self._font_path = _font_or_none()
        self._background = self._render_background()
        left = self._render_hand()
        self._hands = (left, _Sprite(left.image[:, ::-1].copy(), left.mask[:, ::-1].copy()))
        self._parcels: OrderedDict[int, _Parcel] = OrderedDict()
        # The next code's parcel is drawn a slice per frame while the current
        # one rests, so the switch costs no frame more than the others.
        self._prefetch: tuple[int, Generator[None, None, _Parcel]] | None = None

    # -- per frame -----------------------------------------------------------
    def code_at(self, t: float) -> str:
        """The waybill number on the parcel that is on the bench at time ``t``."""
        return self.label_codes[self._code_index(t)]

    def label_in_view(self, t: float) -> bool:
        """True when the parcel at time ``t`` is resting on the bench, not sliding."""
        if len(self.label_codes) == 1:
            return True
        u = t % self.label_period_s
        return self._slide_s <= u <= self.label_period_s - self._slide_s

    def render(self, t: float) -> np.ndarray:
        """Return a new BGR frame showing the bench at time ``t``."""
        frame = self._background.copy()
        code_index = self._code_index(t)
        parcel = self._parcel(code_index)
        pw = parcel.width
        w, h = self.width, self.height
        # Gentle drift and tilt, with incommensurate periods so it never looks looped.
        cx = w / 2 + 0.012 * w * math.sin(2 * math.pi * t / 5.3) + self._slide_offset(t, pw)
        cy = h * 0.53 + 0.010 * h * math.sin(2 * math.pi * t / 4.1)
        tilt = math.sin(2 * math.pi * t / 7.7)
        step = round((tilt + 1) / 2 * (TILT_STEPS - 1))
        sprite = parcel.tilts[step]
        sh, sw = sprite.mask.shape
        _paste(frame, sprite, round(cx - sw / 2), round(cy - sh / 2))

        # Hands work at the parcel's left and right sides, never over its label.
        left, right = self._hands
        hh, hw = left.mask.shape
        box_left = w / 2 - pw / 2
        box_right = w / 2 + pw / 2
        lx = box_left - 0.75 * hw + 0.025 * w * math.sin(2 * math.pi * t / 2.9)
        ly = h * 0.55 + 0.16 * h * math.sin(2 * math.pi * t / 3.7) - hh / 2
        rx = box_right - 0.25 * hw + 0.02 * w * math.sin(2 * math.pi * t / 3.3 + 1.0)
        ry = h * 0.62 + 0.14 * h * math.sin(2 * math.pi * t / 2.6 + 2.0) - hh / 2
        _paste(frame, left, round(lx), round(ly))
        _paste(frame, right, round(rx), round(ry))
        if len(self.label_codes) > 1 and self.label_in_view(t):
            self._prefetch_step((code_index + 1) % len(self.label_codes))
        return frame

    def _code_index(self, t: float) -> int:
        if len(self.label_codes) == 1:
            return 0
        return int(t // self.label_period_s) % len(self.label_codes)

    def _slide_offset(self, t: float, parcel_width: int) -> float:
        if len(self.label_codes) == 1:
            return 0.0
        u = t % self.label_period_s
        travel = self.width / 2 + parcel_width / 2 + self.width * 0.05
        if u < self._slide_s:  # the new parcel comes in from the left
            return -travel * (1 - _ease(u / self._slide_s))
        if u > self.label_period_s - self._slide_s:  # and leaves to the right
            return travel * _ease((u - (self.label_period_s - self._slide_s)) / self._slide_s)
        return 0.0

    def _parcel(self, code_index: int) -> _Parcel:
        parcel = self._parcels.get(code_index)
        if parcel is not None:
            self._parcels.move_to_end(code_index)
            return parcel
        builder = None
        if self._prefetch is not None and self._prefetch[0] == code_index:
            builder = self._prefetch[1]  # finish what the prefetch started
            self._prefetch = None
        if builder is None:
            builder = self._build_parcel(self.label_codes[code_index])
        while True:
            try:
                next(builder)
            except StopIteration as done:
                self._store(code_index, done.value)
                return done.value

    def _prefetch_step(self, code_index: int) -> None:
        if code_index in self._parcels:
            return
        if self._prefetch is None or self._prefetch[0] != code_index:
            self._prefetch = (code_index, self._build_parcel(self.label_codes[code_index]))
        try:
            next(self._prefetch[1])
        except StopIteration as done:
            self._store(code_index, done.value)
            self._prefetch = None

    def _store(self, code_index: int, parcel: _Parcel) -> None:
        self._parcels[code_index] = parcel
        # Two parcels: the one in view and the next, not every code's sprites.
        while len(self._parcels) > 2:
            self._parcels.popitem(last=False)

    # -- drawn once ------------------------------------------------------------
    def _render_background(self) -> np.ndarray:
        w, h = self.width, self.height
        rng = np.random.default_rng(20241124)
        # Wood grain: low-resolution noise stretched along the planks.
        grain = rng.normal(0, 1, (max(8, h // 3), max(4, w // 60))).astype(np.float32)
        grain = cv2.resize(grain, (w, h), interpolation=cv2.INTER_CUBIC)
        grain += 0.35 * rng.normal(0, 1, (h, w)).astype(np.float32)
        shade = np.clip(1.0 + 0.07 * grain, 0.75, 1.25)[..., None]
        wood = np.array([62, 112, 160], np.float32) * shade
        bench = np.clip(wood, 0, 255).astype(np.uint8)
        plank = max(24, h // 5)
        for y in range(plank, h, plank):
            cv2.line(bench, (0, y), (w, y), (38, 70, 104), max(1, h // 360))
        # A green cutting mat with a printed grid under the work area.
        x0, y0, x1, y1 = int(w * 0.12), int(h * 0.10), int(w * 0.88), int(h * 0.96)
        cv2.rectangle(bench, (x0, y0), (x1, y1), (78, 112, 52), -1)
        grid = max(8, h // 24)
        for x in range(x0 + grid, x1, grid):
            cv2.line(bench, (x, y0), (x, y1), (96, 136, 70), 1)
        for y in range(y0 + grid, y1, grid):
            cv2.line(bench, (x0, y), (x1, y), (96, 136, 70), 1)
        cv2.rectangle(bench, (x0, y0), (x1, y1), (60, 88, 40), max(1, h // 300))
        # Say plainly that this is not a real camera.
        # (Top centre: the overlay keeps its boxes in the corners.)
        scale = h / 900
        thickness = max(1, round(2 * scale))
        text = "PACKSEAL TEST CAMERA"
        (tw, th), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, scale, thickness)
        cv2.putText(bench, text, ((w - tw) // 2, int(h * 0.05) + th // 2), cv2.FONT_HERSHEY_SIMPLEX,
                    scale, (150, 170, 190), thickness, cv2.LINE_AA)
        return bench

    def _render_hand(self) -> _Sprite:
        h = self.height
        hh, hw = int(h * 0.26), int(h * 0.2)
        image = np.zeros((hh, hw, 3), np.uint8)
        mask = np.zeros((hh, hw), np.uint8)
        skin, skin_dark = (150, 180, 226), (118, 148, 196)
        sleeve, sleeve_dark = (140, 84, 40), (110, 62, 28)
        # Sleeve at the bottom, palm above it, four fingers and a thumb.
        cv2.rectangle(image, (int(hw * 0.2), int(hh * 0.72)), (int(hw * 0.8), hh), sleeve, -1)
        cv2.rectangle(image, (int(hw * 0.2), int(hh * 0.72)), (int(hw * 0.8), hh), sleeve_dark, 2)
        cv2.rectangle(mask, (int(hw * 0.2), int(hh * 0.72)), (int(hw * 0.8), hh), 255, -1)
        palm = ((int(hw * 0.5), int(hh * 0.55)), (int(hw * 0.33), int(hh * 0.2)))
        fingers = [((int(hw * (0.28 + 0.145 * i)), int(hh * (0.27 + 0.03 * abs(i - 1.5)))),
                    (int(hw * 0.065), int(hh * 0.2))) for i in range(4)]
        thumb = ((int(hw * 0.86), int(hh * 0.5)), (int(hw * 0.06), int(hh * 0.15)))
        for (center, axes), angle in [(palm, 0)] + [(f, 0) for f in fingers] + [(thumb, -35)]:
            cv2.ellipse(image, center, axes, angle, 0, 360, skin, -1, cv2.LINE_AA)
            cv2.ellipse(image, center, axes, angle, 0, 360, skin_dark, max(1, h // 400), cv2.LINE_AA)
            cv2.ellipse(mask, center, axes, angle, 0, 360, 255, -1)
        return _Sprite(image, mask)

    def _build_parcel(self, code: str) -> Generator[None, None, _Parcel]:
        """Draw a parcel in slices: ``next()`` does one slice; the return value is the parcel."""
        label = self._render_label(code)
        yield
        lh, lw = label.shape[:2]
        w, h = self.width, self.height
        pw = min(int(w * 0.95), max(int(w * 0.62), lw + int(w * 0.1)))
        ph = min(int(h * 0.9), max(int(h * 0.64), lh + int(h * 0.14)))
        box = np.empty((ph, pw, 3), np.uint8)
        box[:] = (96, 152, 204)  # corrugated cardboard
        rng = np.random.default_rng(7)
        speckle = rng.integers(-10, 10, (ph, pw, 1), dtype=np.int16)
        box = np.clip(box.astype(np.int16) + speckle, 0, 255).astype(np.uint8)
        edge = max(2, h // 180)
        cv2.rectangle(box, (0, 0), (pw - 1, ph - 1), (60, 104, 150), edge)
        # The two top flaps meet in the middle, sealed with a strip of tape.
        tape = int(pw * 0.09)
        cv2.rectangle(box, (pw // 2 - tape // 2, 0), (pw // 2 + tape // 2, ph), (150, 192, 222), -1)
        cv2.line(box, (pw // 2, 0), (pw // 2, ph), (64, 110, 156), max(1, edge // 2))
        ly, lx = (ph - lh) // 2, (pw - lw) // 2
        box[ly:ly + lh, lx:lx + lw] = label

        # Rotate once per tilt step, on a canvas large enough for the corners.
        diagonal = int(math.ceil(math.hypot(pw, ph))) + 4
        cw, ch = min(diagonal, pw + int(pw * 0.06) + 4), min(diagonal, ph + int(pw * 0.06) + 4)
        canvas = np.zeros((ch, cw, 3), np.uint8)
        canvas_mask = np.zeros((ch, cw), np.uint8)
        oy, ox = (ch - ph) // 2, (cw - pw) // 2
        canvas[oy:oy + ph, ox:ox + pw] = box
        canvas_mask[oy:oy + ph, ox:ox + pw] = 255
        sprites = []
        for i in range(TILT_STEPS):
            angle = -MAX_TILT_DEG + 2 * MAX_TILT_DEG * i / (TILT_STEPS - 1)
            m = cv2.getRotationMatrix2D((cw / 2, ch / 2), angle, 1.0)
            image = cv2.warpAffine(canvas, m, (cw, ch), flags=cv2.INTER_LINEAR)
            mask = cv2.warpAffine(canvas_mask, m, (cw, ch), flags=cv2.INTER_NEAREST)
            sprites.append(_Sprite(image, mask))
            yield
        return _Parcel(tilts=sprites, width=pw, height=ph)

    def _render_label(self, code: str) -> np.ndarray:
        """A white shipping label: carrier line, barcode, the number, a masked address."""
        w, h = self.width, self.height
        try:
            symbol = zxingcpp.create_barcode(code, zxingcpp.BarcodeFormat.Code128)
        except ValueError as exc:
            raise BadInputError(f"Test label code {code!r} cannot be encoded as Code 128: {exc}") from exc
        row = np.asarray(symbol.to_image(scale=1, add_quiet_zones=False))[0]
        modules = row.shape[0] + 2 * QUIET_ZONE_MODULES
        module_px = max(1, math.ceil(MIN_MODULE_PX_AT_READABLE_WIDTH * w / READABLE_AT_WIDTH))
        bar_h = max(24, int(h * 0.15))
        bars = np.repeat(row, module_px)[None, :].repeat(bar_h, axis=0)
        lw = max(modules * module_px, int(w * 0.42))
        text_px = max(10, int(h * 0.035))
        small_px = max(8, int(h * 0.024))
        lh = int(text_px * 1.6 + bar_h + text_px * 1.5 + small_px * 3.2)

        label = Image.new("L", (lw, lh), 255)
        draw = ImageDraw.Draw(label)
        draw.rectangle((0, 0, lw - 1, lh - 1), outline=0, width=max(1, h // 400))
        y = int(text_px * 0.3)
        draw.text((int(text_px * 0.5), y), "标准快递  EXPRESS", fill=0, font=self._font(text_px))
        y = int(text_px * 1.6)
        draw.line((0, y - text_px * 0.15, lw, y - text_px * 0.15), fill=0, width=max(1, h // 500))
        bx = (lw - row.shape[0] * module_px) // 2
        label.paste(Image.fromarray(bars), (bx, y))
        y += bar_h + int(text_px * 0.2)
        spaced = " ".join(code[i:i + 4] for i in range(0, len(code), 4))
        font = self._font(text_px)
        tw = draw.textlength(spaced, font=font)
        draw.text(((lw - tw) / 2, y), spaced, fill=0, font=font)
        y += int(text_px * 1.3)
        small = self._font(small_px)
        draw.text((int(text_px * 0.5), y), "收件人: 张** 138****5678", fill=0, font=small)
        draw.text((int(text_px * 0.5), y + int(small_px * 1.4)), "浙江省杭州市余杭区 ****", fill=0,
                  font=small)
        gray = np.asarray(label)
        return cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)

    def _font(self, px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        if self._font_path is not None:
            return ImageFont.truetype(str(self._font_path), px)
        return ImageFont.load_default(px)


def _font_or_none():
    try:
        return cjk_font_path()
    except FontMissingError as exc:
        log.warning("Test camera label drawn without Chinese text: %s", exc)
        return None


def _ease(x: float) -> float:
    """Smoothstep: starts and stops gently, as a pushed parcel does."""
    x = min(1.0, max(0.0, x))
    return x * x * (3 - 2 * x)


def _paste(frame: np.ndarray, sprite: _Sprite, x: int, y: int) -> None:
    """Copy the sprite's covered pixels onto ``frame`` at (x, y), clipped to the frame."""
    fh, fw = frame.shape[:2]
    sh, sw = sprite.mask.shape
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(fw, x + sw), min(fh, y + sh)
    if x0 >= x1 or y0 >= y1:
        return
    sx, sy = x0 - x, y0 - y
    region = frame[y0:y1, x0:x1]
    cv2.copyTo(sprite.image[sy:sy + (y1 - y0), sx:sx + (x1 - x0)],
               sprite.mask[sy:sy + (y1 - y0), sx:sx + (x1 - x0)], region)
