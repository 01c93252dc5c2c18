"""Reading waybill and order barcodes in the camera picture.

:func:`read_codes` finds the codes in one frame. :class:`BarcodeWatcher`
runs it in the background on the newest frame a few times a second and
reports each code once when it comes into view, so holding a parcel's label
up to the camera acts like pressing a hand scanner's trigger once.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable

import cv2
import numpy as np
import zxingcpp

from packseal.core.capture.frame import Frame
from packseal.core.capture.overlay import QR_PREFIX
from packseal.core.errors import BadInputError

log = logging.getLogger(__name__)

# Roi: (x, y, width, height) as fractions of the frame, e.g. a guide rectangle.
Roi = tuple[float, float, float, float]

#: Where the camera looks for waybills, as fractions of the picture: the middle
#: of the bench, where a parcel's label lies while it is packed. The window
#: draws it as the guide frame.
GUIDE_ROI: Roi = (0.15, 0.18, 0.70, 0.64)

READ_FORMATS = zxingcpp.BarcodeFormats([
    zxingcpp.BarcodeFormat.Code128,
    zxingcpp.BarcodeFormat.Code39,
    zxingcpp.BarcodeFormat.EAN13,
    zxingcpp.BarcodeFormat.EAN8,
    zxingcpp.BarcodeFormat.UPCA,
    zxingcpp.BarcodeFormat.UPCE,
    zxingcpp.BarcodeFormat.QRCode,
    zxingcpp.BarcodeFormat.DataMatrix,
])


@dataclass(frozen=True, slots=True)
class Detection:
    """One code found in a picture; ``box`` is (x, y, w, h) in the original image's pixels."""

    text: str
    format: str
    box: tuple[int, int, int, int]


def validate_roi(roi: Roi | None) -> Roi | None:
    """Check a region of interest given as fractions; raise :class:`BadInputError` if unusable."""
    if roi is None:
        return None
    try:
        x, y, w, h = (float(v) for v in roi)
    except (TypeError, ValueError) as exc:
        raise BadInputError(f"The scan area {roi!r} must be four numbers (x, y, width, "
                            "height) as fractions of the picture.") from exc
    if not (0 <= x < 1 and 0 <= y < 1 and 0 < w <= 1 - x + 1e-9 and 0 < h <= 1 - y + 1e-9):
        raise BadInputError(f"The scan area {roi!r} must lie inside the picture: x and y from 0 "
                            "to 1, width and height above 0 and not past the edge.")
    return (x, y, min(w, 1 - x), min(h, 1 - y))


def read_codes(image: np.ndarray, *, max_width: int = 960, roi: Roi | None = None,
               thorough: bool = True) -> list[Detection]:
    """Find the barcodes in a BGR (or grey) picture.

    The picture (or the ``roi`` part of it) is converted to grey and shrunk
    to at most ``max_width`` pixels wide first: decoding is much faster and
    waybill barcodes stay readable. The overlay's own QR code (text starting
    with :data:`QR_PREFIX`) is ignored. Boxes are in ``image`` pixels.
    EAN/UPC codes come as their 13-digit GTIN (a UPC-A with a leading 0),
    as zxing-cpp 3 reports them.

    ``thorough=False`` looks only for codes that lie about upright (bars
    across the picture's rows; QR codes at any angle) at the size given,
    without zxing's turned pass and shrunk copies: two fifths of the cost
    on a noisy 720p picture (``bench/reader_cost.py``).
    """
    if image.ndim not in (2, 3) or image.dtype != np.uint8 or image.size == 0:
        raise ValueError(f"read_codes needs an H×W(×3) uint8 picture, got {image.shape} {image.dtype}")
    height, width = image.shape[:2]
    x0 = y0 = 0
    region = image
    roi = validate_roi(roi)
    if roi is not None:
        x0, y0 = int(roi[0] * width), int(roi[1] * height)
        x1, y1 = min(width, round((roi[0] + roi[2]) * width)), min(height, round((roi[1] + roi[3]) * height))
        if x1 - x0 < 8 or y1 - y0 < 8:
            return []
        region = image[y0:y1, x0:x1]
    grey = cv2.cvtColor(region, cv2.COLOR_BGR2GRAY) if region.ndim == 3 else region
    scale = 1.0
    if grey.shape[1] > max_width:
        scale = max_width / grey.shape[1]
        # Area averaging is right for shrinking by half or more (and fast at whole ratios); for a
        # milder shrink (1280 → 960) it took 2.3 ms a read where linear takes 0.7 ms (bench/reader_cost.py).
        grey = cv2.resize(grey, (max_width, max(1, round(grey.shape[0] * scale))),
                          interpolation=cv2.INTER_AREA if scale <= 0.5 else cv2.INTER_LINEAR)
    grey = np.ascontiguousarray(grey)
    found: list[Detection] = []
    # Inverted (light-on-dark) waybill codes do not occur in practice; not trying
    # them halves the decoding time, which the encoder needs on a small PC.
    for symbol in zxingcpp.read_barcodes(grey, formats=READ_FORMATS, try_invert=False,
                                         try_rotate=thorough, try_downscale=thorough):
        if not symbol.valid or symbol.text.startswith(QR_PREFIX):
            continue
        p = symbol.position
        xs = [p.top_left.x, p.top_right.x, p.bottom_right.x, p.bottom_left.x]
        ys = [p.top_left.y, p.top_right.y, p.bottom_right.y, p.bottom_left.y]
        bx, by = int(min(xs) / scale) + x0, int(min(ys) / scale) + y0
        bw = max(1, round((max(xs) - min(xs) + 1) / scale))
        bh = max(1, round((max(ys) - min(ys) + 1) / scale))
        found.append(Detection(text=symbol.text, format=symbol.format.name, box=(bx, by, bw, bh)))
    return found


class BarcodeWatcher:
    """Reads codes from the newest offered frame in a background thread and reports new ones.

    ``on_code(text, format)`` is called from the watcher's thread, once when a
    code appears; the same code is reported again only after it was out of
    view for ``rearm_s`` seconds (measured on the frames' capture clock). At
    most ``rate_hz`` frames a second are decoded; frames offered meanwhile
    replace each other, so a slow decode never builds a queue.

    Every other read is quick (``read_codes(thorough=False)``): an upright
    code is seen at every read, a turned, very large or blurred one at every
    second read. A code the quick read misses stays "in view" meanwhile, as
    re-arming takes ``rearm_s``, far longer than two reads.
    """

    def __init__(self, on_code: Callable[[str, str], None], *, rate_hz: float = 4.0,
                 rearm_s: float = 3.0, roi: Roi | None = None, max_width: int = 960) -> None:
        if not rate_hz > 0:
            raise BadInputError(f"rate_hz must be positive, got {rate_hz!r}.")
        if rearm_s < 0:
            raise BadInputError(f"rearm_s must not be negative, got {rearm_s!r}.")
        self._on_code = on_code
        self.rate_hz = float(rate_hz)
        self.rearm_s = float(rearm_s)
        #: Codes first seen before this time (the frames' clock) are not reported: a label that
        #: lies in view when the station starts must leave the view and come back to count.
        self.quiet_until: float = 0.0
        self.max_width = int(max_width)
        self._roi = validate_roi(roi)
        self._cond = threading.Condition()
        self._pending: Frame | None = None
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._decoded = 0
        self._thorough_next = True
        # code → None while in view, or the capture time it was first missed.
        self._seen: dict[str, float | None] = {}

    @property
    def roi(self) -> Roi | None:
        return self._roi

    @roi.setter
    def roi(self, roi: Roi | None) -> None:
        self._roi = validate_roi(roi)

    @property
    def decoded_frames(self) -> int:
        """How many frames the watcher has decoded so far (for status displays and tests)."""
        with self._cond:
            return self._decoded

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def offer(self, frame: Frame) -> None:
        """Hand over the newest frame; returns at once, dropping any frame not yet decoded."""
        with self._cond:
            self._pending = frame
            self._cond.notify()

    def start(self) -> None:
        """Start the background thread (again, after :meth:`stop`)."""
        if self.running:
            return
        with self._cond:
            self._stopping = False
            self._pending = None
        self._thread = threading.Thread(target=self._run, name="barcode watcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread and wait for it to finish its current decode."""
        thread = self._thread
        if thread is None:
            return
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        thread.join()
        self._thread = None

    def _run(self) -> None:
        interval = 1.0 / self.rate_hz
        next_start = 0.0
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending is not None or self._stopping)
                if self._stopping:
                    return
            # Keep to the rate, then take whatever frame is newest by then.
            delay = next_start - time.monotonic()
            if delay > 0:
                with self._cond:
                    if self._cond.wait_for(lambda: self._stopping, delay):
                        return
            with self._cond:
                frame, self._pending = self._pending, None
            if frame is None:
                continue
            next_start = time.monotonic() + interval
            try:
                thorough, self._thorough_next = self._thorough_next, not self._thorough_next
                codes = read_codes(frame.image, max_width=self.max_width, roi=self._roi, thorough=thorough)
            except Exception:  # a bad frame must not end scanning for the rest of the day
                log.exception("Reading barcodes from frame %d failed", frame.index)
                codes = None
            if codes is not None:
                self._report_new(codes, frame.mono)
            with self._cond:
                self._decoded += 1

    def _report_new(self, codes: list[Detection], mono: float) -> None:
        in_view: dict[str, str] = {}
        for detection in codes:
            in_view.setdefault(detection.text, detection.format)
        for text, fmt in in_view.items():
            if text in self._seen:
                missed_since = self._seen[text]
                is_new = missed_since is not None and mono - missed_since >= self.rearm_s
            else:
                is_new = True
            self._seen[text] = None
            if is_new and mono < self.quiet_until:
                log.info("code %r was in view at start-up: ignored until it leaves the view", text)
                is_new = False
            if is_new:
                try:
                    self._on_code(text, fmt)
                except Exception:
                    log.exception("Handling scanned code %r failed", text)
        for text, missed_since in list(self._seen.items()):
            if text in in_view:
                continue
            if missed_since is None:
                self._seen[text] = mono
            elif mono - missed_since >= self.rearm_s:
                del self._seen[text]  # re-armed: the next sighting is reported
