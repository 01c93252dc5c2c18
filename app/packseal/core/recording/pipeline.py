"""The capture loop: camera → overlay → tape, with hand-offs to preview and reader.

One thread reads the source as fast as it delivers, burns the overlay into
each frame and queues it for the encoder. The preview and the barcode reader
only ever get the newest frame (they may skip frames; the tape never waits
for them). A lost camera is reported once and retried with back-off.

Every frame is tallied by capture time (:class:`FrameTally`): captured, and
dropped when the source came too late for it or load shedding left it out
(:meth:`CapturePipeline.set_rates`, driven by :mod:`load_shedding`).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable

from packseal.core.capture.frame import Frame
from packseal.core.errors import CameraError
from packseal.core.recording.capture_clock import CaptureClock
from packseal.core.recording.frame_tally import FrameTally

log = logging.getLogger(__name__)


@dataclass
class PipelineStats:
    frames_captured: int = 0
    frames_skipped: int = 0  # frames the source missed because it was read too late
    frames_shed: int = 0  # frames load shedding kept off the tape
    overlay_s: float = 0.0
    camera_errors: int = 0


class CapturePipeline:
    """Runs the capture thread. ``source`` must be opened by ``start``'s caller or here."""

    def __init__(
        self,
        source,
        *,
        overlay,
        sink: Callable[[Frame], bool],
        order_id: Callable[[], str | None],
        on_preview: Callable[[Frame], None] | None = None,
        reader=None,
        reader_hz: float = 4.0,
        on_camera_error: Callable[[CameraError], None] | None = None,
        on_camera_back: Callable[[], None] | None = None,
        tally: FrameTally | None = None,
        clock: CaptureClock | None = None,
        name: str = "cam0",
    ) -> None:
        """``clock`` gives every frame its UTC time from its monotonic capture time (one
        mapping for all the station's cameras); without it the source's own UTC stamp stays."""
        self.source = source
        self.clock = clock
        self.name = name
        self.overlay = overlay
        self._sink = sink
        self._order_id = order_id
        self._on_preview = on_preview
        self._reader = reader
        self.tally = tally or FrameTally()
        self.reader_hz = reader_hz
        self.keep_every = 1  # 2: every other frame goes to the tape (load shedding)
        self.preview_every = 1
        self._next_read = 0.0
        self._kept = 0
        self._prev_mono: float | None = None
        self._on_camera_error = on_camera_error or (lambda e: None)
        self._on_camera_back = on_camera_back or (lambda: None)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.stats = PipelineStats()
        self.last_frame_mono: float | None = None
        self.camera_ok = True

    def set_rates(self, *, keep_every: int, preview_every: int, reader_hz: float) -> None:
        """Shed load: tape every ``keep_every``-th frame, preview every ``preview_every``-th kept one."""
        self.keep_every, self.preview_every, self.reader_hz = max(1, keep_every), max(1, preview_every), reader_hz

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"capture-{self.name}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        backoff = 0.5
        while not self._stop.is_set():
            try:
                frame = self.source.read()
            except CameraError as exc:
                self.stats.camera_errors += 1
                if self.camera_ok:
                    self.camera_ok = False
                    log.error("camera lost: %s", exc)
                    self._on_camera_error(exc)
                if self._stop.wait(backoff):
                    break
                backoff = min(backoff * 2, 10.0)
                try:
                    self.source.close()
                    self.source.open()
                except CameraError as again:
                    log.debug("camera still unavailable: %s", again)
                continue
            if not self.camera_ok:
                self.camera_ok = True
                backoff = 0.5
                self._prev_mono = None  # the outage is a gap, not frames skipped
                log.info("camera is back")
                self._on_camera_back()
            self._handle(frame)

    def _handle(self, frame: Frame) -> None:
        if self.clock is not None:
            frame.utc = self.clock.utc(frame.mono)
        self._count_skipped(frame)
        self._prev_mono = frame.mono
        self.stats.frames_captured += 1
        self.tally.captured(frame.mono)
        self.last_frame_mono = frame.mono
        if self._reader is not None and frame.mono >= self._next_read:
            self._next_read = frame.mono + 1.0 / self.reader_hz
            self._reader.offer(Frame(frame.image.copy(), frame.index, frame.utc, frame.mono))
        if self.stats.frames_captured % self.keep_every:
            self.stats.frames_shed += 1
            self.tally.dropped(frame.mono)
            return
        t0 = time.perf_counter()
        self.overlay.draw(frame.image, frame.utc, self._order_id())
        self.stats.overlay_s += time.perf_counter() - t0
        self._sink(frame)
        self._kept += 1
        if self._on_preview is not None and self._kept % self.preview_every == 0:
            self._on_preview(frame)

    def _count_skipped(self, frame: Frame) -> None:
        """Frames the source missed before this one: its own count, else guessed from the times."""
        skipped = frame.skipped
        if skipped is None:
            last, fps = self._prev_mono, self.source.fps
            skipped = 0
            if last is not None and fps > 0:
                skipped = max(0, round((frame.mono - last) * fps) - 1)
        if skipped:
            self.stats.frames_skipped += skipped
            period = 1.0 / self.source.fps if self.source.fps > 0 else 0.0
            self.tally.dropped(frame.mono - period, skipped, period)
