"""One packing station at run time: camera, overlay, tape, recorder and reader.

The composition root builds a Station from the settings and hands it to the
GUI or the CLI; they call :meth:`scan`, :meth:`stop_order` and subscribe to
the hub. Starting with the source "auto" uses the first USB camera, or the
built-in test camera when none answers (and says so in ``source_note``).
"""

from __future__ import annotations

import logging
import threading

import cv2
from typing import Callable

from packseal.core.capture.barcode import BarcodeWatcher
from packseal.core.capture.frame import Frame
from packseal.core.capture.overlay import Overlay
from packseal.core.capture.sources import FrameSource, open_source
from packseal.core.errors import CameraError, EncoderError
from packseal.core.events import EventHub
from packseal.core.recording.order_id import OrderIdPolicy, OrderPattern
from packseal.core.recording.events import CameraBack, CameraLost, EncoderDied
from packseal.core.recording.pipeline import CapturePipeline
from packseal.core.recording.recorder import Recorder
from packseal.core.recording.tape import EncoderSettings, Tape
from packseal.core.settings import SOURCE_AUTO, Settings
from packseal.core.storage.layout import DataLayout

log = logging.getLogger(__name__)


def policy_from_settings(settings: Settings) -> OrderIdPolicy:
    if settings.order_patterns:
        return OrderIdPolicy([OrderPattern(p["name"], p["regex"]) for p in settings.order_patterns])
    return OrderIdPolicy()


def open_camera(spec: str, settings: Settings) -> tuple[FrameSource, str]:
    """Open ``spec`` (or, for "auto", usb:0 falling back to the test camera).

    Returns the opened source and a note for the user ("" when nothing to say).
    """
    size = {"width": settings.width, "height": settings.height, "fps": settings.fps}
    if spec != SOURCE_AUTO:
        src = open_source(spec, **size)
        src.open()
        return src, ""
    try:
        src = open_source("usb:0", **size)
        src.open()
        return src, ""
    except CameraError as exc:
        log.info("no USB camera (%s); using the test camera", exc)
    src = open_source("test", **size)
    src.open()
    return src, "No camera found: showing the built-in test camera."


class Station:
    def __init__(
        self,
        *,
        layout: DataLayout,
        settings: Settings,
        hub: EventHub,
        source: str | None = None,
        camera_name: str = "cam0",
        read_barcodes: bool = True,
        guard: Callable[[], str | None] | None = None,
    ) -> None:
        self.layout = layout
        self.settings = settings
        self.hub = hub
        self.source_spec = source or settings.source
        self.camera_name = camera_name
        self.read_barcodes = read_barcodes
        self._guard = guard
        self.source: FrameSource | None = None
        self.source_note = ""
        self.tape: Tape | None = None
        self.recorder: Recorder | None = None
        self.pipeline: CapturePipeline | None = None
        self.watcher: BarcodeWatcher | None = None
        self.overlay: Overlay | None = None
        self._preview_lock = threading.Lock()
        self._preview: Frame | None = None
        self._tape_failed = False

    # -- life cycle ---------------------------------------------------------
    def start(self) -> None:
        """Open the camera and start recording tape. Raises CameraError/EncoderError."""
        s = self.settings
        # OpenCV's worker pool costs more in hand-offs than it saves on one
        # frame conversion at a time, and competes with ffmpeg for the cores.
        cv2.setNumThreads(1)
        self.source, self.source_note = open_camera(self.source_spec, s)
        width, height = self.source.width - self.source.width % 2, self.source.height - self.source.height % 2
        self.overlay = Overlay(s.station_name, show_qr=s.show_qr)
        self.recorder = Recorder(
            self.hub, clips_root=self.layout.clips, station=s.station_name,
            policy=policy_from_settings(s), preroll_s=s.preroll_s, postroll_s=s.postroll_s,
            guard=self._can_record,
        )
        self.tape = Tape(
            self.layout.tape_root, width=width, height=height, fps=self.source.fps,
            settings=EncoderSettings(s.encoder, s.quality, s.preset, s.segment_s),
            camera=self.camera_name, on_segment=self.recorder.on_segment, on_error=self._tape_error,
        )
        if self.read_barcodes:
            self.watcher = BarcodeWatcher(self._camera_code)
            self.watcher.start()
        self.tape.start()
        self.pipeline = CapturePipeline(
            self.source, overlay=self.overlay, sink=self.tape.write,
            order_id=lambda: self.recorder.current_order if self.recorder else None,
            on_preview=self._set_preview, reader=self.watcher,
            on_camera_error=lambda e: self.hub.publish(CameraLost(str(e))),
            on_camera_back=lambda: self.hub.publish(CameraBack()),
        )
        self.pipeline.start()
        log.info("station %r started on %s", s.station_name, self.source.description)

    def stop(self, timeout: float = 60.0) -> None:
        """Stop the camera, close the tape, finish every open order (joins clips)."""
        if self.pipeline:
            self.pipeline.stop()
        if self.recorder:
            self.recorder.stop("shutdown")
        if self.tape:
            self.tape.stop()
        if self.recorder:
            self.recorder.flush(tape_ended_cleanly=not self._tape_failed)
            self.recorder.wait_idle(timeout)
            self.recorder.close()
        if self.watcher:
            self.watcher.stop()
        if self.source:
            self.source.close()
        log.info("station stopped")

    # -- inputs ---------------------------------------------------------------
    def scan(self, code: str, *, source: str = "scanner") -> str | None:
        assert self.recorder is not None, "start() the station first"
        return self.recorder.scan(code, source=source)

    def stop_order(self) -> bool:
        return bool(self.recorder and self.recorder.stop())

    def cancel_order(self) -> str | None:
        return self.recorder.cancel() if self.recorder else None

    def latest_frame(self) -> Frame | None:
        """The newest overlaid frame for the preview (None before the first)."""
        with self._preview_lock:
            return self._preview

    # -- internals ------------------------------------------------------------
    def _set_preview(self, frame: Frame) -> None:
        with self._preview_lock:
            self._preview = frame

    def _camera_code(self, text: str, fmt: str) -> None:
        if self.recorder is not None:
            self.recorder.scan(text, source="camera")

    def _tape_error(self, err: EncoderError) -> None:
        self._tape_failed = True
        self.hub.publish(EncoderDied(str(err)))

    def _can_record(self) -> str | None:
        if self.pipeline is not None and not self.pipeline.camera_ok:
            return "The camera is not delivering pictures; reconnect it before scanning the next order."
        if self._tape_failed:
            return "The video encoder has stopped; restart PackSeal before scanning the next order."
        return self._guard() if self._guard else None
