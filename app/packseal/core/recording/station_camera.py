"""One camera of a station: its source, overlay, capture thread and tape, and their watchdog.

A station has one or two of these (``cam0``, ``cam1``), each with its own
tape under ``tape/<camera>/``, its own frame tally and its own load shedding;
they share the station's :class:`CaptureClock`, so their frames' UTC times
come from one mapping and line up. The station's watchdog calls
:meth:`StationCamera.tick` for each: a dead or stuck encoder is restarted, a
camera that hangs is reported lost, on that camera only.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from typing import Callable, Protocol

from packseal.core.capture.barcode import BarcodeWatcher
from packseal.core.capture.frame import Frame
from packseal.core.capture.overlay import Overlay
from packseal.core.capture.sources import FrameSource
from packseal.core.errors import CameraError, EncoderError, PackSealError
from packseal.core.recording.capture_clock import CaptureClock
from packseal.core.recording.events import CameraBack, CameraLost, EncoderBack, EncoderDied
from packseal.core.recording.frame_tally import FrameTally
from packseal.core.recording.load_shedding import LoadShedder
from packseal.core.recording.pipeline import CapturePipeline
from packseal.core.recording.tape import EncoderSettings, Segment, Tape, TapeStats, camera_lock
from packseal.core.storage.layout import DataLayout

log = logging.getLogger(__name__)

_TAPE_COUNTS = tuple(f.name for f in dataclasses.fields(TapeStats))


class Limits(Protocol):
    """How long the watchdog waits before it calls an encoder or a camera stuck (the station's)."""

    stall_s: float
    segment_stall_s: float
    camera_stall_s: float


class StationCamera:
    """A camera and its tape. ``label`` names it in alerts ("" for a station's only camera)."""

    def __init__(self, name: str, *, layout: DataLayout, encoder: EncoderSettings, clock: CaptureClock,
                 on_segment: Callable[[Segment], None], publish: Callable[[object], None],
                 limits: Limits, label: str = "") -> None:
        self.name = name
        self.label = label
        self.layout = layout
        self.encoder = encoder
        self.clock = clock
        self._on_segment = on_segment
        self._publish = publish
        self.limits = limits
        self.source: FrameSource | None = None
        self.source_note = ""
        self.overlay: Overlay | None = None
        self.tape: Tape | None = None
        self.pipeline: CapturePipeline | None = None
        self.shedder: LoadShedder | None = None
        self.tally = FrameTally()  # every frame captured or dropped, by capture time, over all tapes
        self.tape_failed = False
        self._retired = TapeStats()  # counts of tapes replaced after a failure
        self._lock = None
        self._frame_size = (0, 0)
        self._preview_lock = threading.Lock()
        self._preview: Frame | None = None
        self.preview_sink: Callable[[Frame], None] | None = None
        self._backoff, self._next_try, self._started = 1.0, 0.0, time.monotonic()

    # -- life cycle ---------------------------------------------------------
    def lock(self) -> None:
        """Hold this camera's tape lock; CameraError when another process records it."""
        self._lock = camera_lock(self.layout, self.name)
        if not self._lock.try_acquire():
            self._lock.close()
            self._lock = None
            raise CameraError("Another PackSeal window or command is already recording this camera "
                              "into this data folder. Close it first.")

    def try_encoders(self, source: FrameSource) -> None:
        """Run the encoder trials for ``source``'s asked-for size on a thread of their own, while
        the camera opens: :meth:`start_tape` then finds the choice made (or, when the camera
        delivers another size, tries again for that one). Nothing for a source of unknown size."""
        if not (source.width and source.height and source.fps):
            return
        width, height = source.width - source.width % 2, source.height - source.height % 2

        def trials() -> None:
            try:
                self.encoder.choice(width, height, source.fps)
            except Exception as exc:  # start_tape tries again and says what is wrong
                log.debug("%s: encoder trials while the camera opened failed: %s", self.name, exc)

        thread = threading.Thread(target=trials, name=f"encoder-trials-{self.name}", daemon=True)
        thread.start()

    def start_tape(self, source: FrameSource) -> None:
        """Start the tape for the opened ``source`` (frames come with :meth:`start_capture`)."""
        self.source = source
        self._frame_size = (source.width - source.width % 2, source.height - source.height % 2)
        self.tape = self._make_tape()
        self.tape.start()

    def start_capture(self, *, overlay: Overlay, reader: BarcodeWatcher | None,
                      order_id: Callable[[], str | None]) -> None:
        """Start the capture thread feeding the tape. A station starts every camera's tape first,
        then every capture thread at once, so that the tapes' segments begin together."""
        source = self.source
        assert source is not None and self.tape is not None, "start_tape() first"
        self.overlay = overlay
        self.pipeline = CapturePipeline(
            source, overlay=overlay, sink=self._write, order_id=order_id, on_preview=self._set_preview,
            reader=reader, tally=self.tally, clock=self.clock, name=self.name,
            on_camera_error=lambda e: self._publish(CameraLost(self._say(str(e)), self.name)),
            on_camera_back=lambda: self._publish(CameraBack(self.name)),
        )
        self.shedder = LoadShedder(self.pipeline, lost=self._frames_lost_to_load,
                                   queue_fill=lambda: self.tape.queue_fill if self.tape else 0.0)
        self.pipeline.start()
        self._started = time.monotonic()

    def stop_capture(self) -> None:
        if self.pipeline:
            self.pipeline.stop()

    def stop_tape(self) -> None:
        if self.tape:
            self.tape.stop()

    def close(self) -> None:
        if self.source:
            self.source.close()
        if self._lock is not None:
            self._lock.release()
            self._lock.close()
            self._lock = None

    # -- state ----------------------------------------------------------------
    @property
    def delivering(self) -> bool:
        """Frames come in and reach a running encoder."""
        return self.pipeline is not None and self.pipeline.camera_ok and self.tape is not None \
            and not self.tape_failed

    @property
    def frame_size(self) -> tuple[int, int]:
        """The size the tape records (even width and height)."""
        return self._frame_size

    def provenance(self) -> dict:
        """Where this camera's picture comes from, and the encoder: sealed in each clip entry."""
        found = dict(self.source.provenance()) if self.source else {"kind": "unknown"}
        if self.tape is not None and self.tape.encoder_name:
            found["encoder"] = self.tape.encoder_name
        return found

    def tape_stats(self) -> TapeStats:
        """Frames in, written and dropped over every tape of this run (restarts included)."""
        cur = self.tape.stats if self.tape else TapeStats()
        return TapeStats(**{f: getattr(self._retired, f) + getattr(cur, f) for f in _TAPE_COUNTS})

    def latest_frame(self) -> Frame | None:
        with self._preview_lock:
            return self._preview

    # -- the watchdog's round -----------------------------------------------
    def tick(self, now: float) -> None:
        """Check the camera, shed load, and restart a dead or stuck encoder (with back-off)."""
        tape = self.tape
        if tape is None:
            return
        self._check_camera(now)
        if self.shedder is not None:
            self.shedder.tick(now)
        if not self.tape_failed:
            stuck = self.encoder_stuck(tape, now)
            if stuck:
                log.error("%s; restarting ffmpeg", self._say(stuck))
                tape.kill()  # its watcher reports the death; the next round restarts it
            return
        if now < self._next_try:
            return
        try:
            tape.stop(timeout=2)
            self._retire(tape.stats)
            fresh = self._make_tape()
            fresh.start()
        except PackSealError as exc:  # no encoder, no disk space: try again later
            self._backoff = min(self._backoff * 2, 30.0)
            self._next_try = now + self._backoff
            log.warning("%s", self._say(f"encoder restart failed ({exc}); next try in {self._backoff:.0f} s"))
            return
        self.tape, self.tape_failed = fresh, False
        self._backoff, self._started = 1.0, time.monotonic()
        log.info("encoder restarted in %s", fresh.session_dir)
        self._publish(EncoderBack(self.name))

    def encoder_stuck(self, tape: Tape, now: float) -> str | None:
        """Why ``tape``'s ffmpeg counts as stuck, or None while it makes progress, however slowly.

        A slow ffmpeg still takes each frame from the pipe, only later; a hung
        one takes none, and the writer waits on the pipe. So ffmpeg is stuck
        when one frame has waited ``segment_s + stall_s`` to be taken, or when
        it has taken frames but encoded none for four times as long (its own
        ``-progress`` count); a closed segment is awaited longest, last resort.
        """
        started = self._started
        limit = self.encoder.segment_s + self.limits.stall_s
        if tape.stats.frames_written == 0:
            limit *= 3  # ffmpeg starting on a busy machine: slow, not dead
        handing = tape.handing_since
        if handing is not None and now - handing > limit:
            return (f"ffmpeg has taken no frame for {now - handing:.0f} s "
                    f"({tape.stats.frames_written} taken, {tape.frames_encoded} encoded before)")
        if self.pipeline is None or not self.pipeline.camera_ok:
            return None  # no frames come in: nothing to encode, nothing to judge
        quiet = now - (tape.progress_mono or started)
        if quiet > 4 * limit:
            return (f"ffmpeg has encoded no frame for {quiet:.0f} s although it takes frames "
                    f"({tape.stats.frames_written} taken, {tape.frames_encoded} encoded)")
        waited = now - (tape.last_segment_mono or started)
        if waited > self.limits.segment_stall_s:
            return f"ffmpeg encodes but has closed no tape segment for {waited:.0f} s"
        return None

    def _check_camera(self, now: float) -> None:
        """A camera whose read blocks without an error still counts as lost."""
        pipe = self.pipeline
        if pipe is None or not pipe.camera_ok:
            return
        last = pipe.last_frame_mono or self._started
        if now - last > self.limits.camera_stall_s:
            pipe.camera_ok = False  # the capture thread announces CameraBack with the next frame
            message = self._say(f"{self.source.description if self.source else 'the camera'} sent no picture "
                                f"for {now - last:.0f} s")
            log.error("camera lost: %s", message)
            self._publish(CameraLost(message, self.name))

    # -- internals ------------------------------------------------------------
    def _say(self, text: str) -> str:
        return f"{self.label}: {text}" if self.label else text

    def _make_tape(self) -> Tape:
        width, height = self._frame_size
        return Tape(self.layout.tape_root, width=width, height=height, fps=self.source.fps,
                    settings=self.encoder, camera=self.name, on_segment=self._on_segment,
                    on_error=self._tape_error, tally=self.tally)

    def _write(self, frame: Frame) -> bool:
        tape = self.tape
        return tape.write(frame) if tape is not None else False

    def _frames_lost_to_load(self) -> int:
        """Frames lost because the machine did not keep up (not by choice, not by an outage)."""
        skipped = self.pipeline.stats.frames_skipped if self.pipeline else 0
        return skipped + self._retired.frames_overflowed + (self.tape.stats.frames_overflowed if self.tape else 0)

    def _retire(self, stats: TapeStats) -> None:
        for f in _TAPE_COUNTS:
            setattr(self._retired, f, getattr(self._retired, f) + getattr(stats, f))

    def _set_preview(self, frame: Frame) -> None:
        with self._preview_lock:
            self._preview = frame
        sink = self.preview_sink
        if sink is not None:
            sink(frame)

    def _tape_error(self, err: EncoderError) -> None:
        if self.tape is not None and self.tape.alive:
            return  # a late report from a tape already replaced
        self.tape_failed = True
        self._publish(EncoderDied(self._say(str(err)), self.name))
