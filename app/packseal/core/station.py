"""One packing station at run time: camera, overlay, tape, recorder and reader.

The composition root builds a Station from the settings and hands it to the
GUI or the CLI; they call :meth:`scan`, :meth:`stop_order` and subscribe to
the hub. Starting with the source "auto" uses the first USB camera, or the
built-in test camera when none answers (and says so in ``source_note``).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time

import cv2
from typing import Callable

from packseal.core.capture.barcode import BarcodeWatcher
from packseal.core.capture.frame import Frame
from packseal.core.capture.overlay import Overlay
from packseal.core.capture.sources import FrameSource, open_source
from packseal.core.catalog.catalog import Catalog
from packseal.core.errors import CameraError, EncoderError, PackSealError
from packseal.core.events import EventHub
from packseal.core.orders.model import OrderLookup
from packseal.core.packing.plan import PriorClip
from packseal.core.recording.order_id import OrderIdPolicy
from packseal.core.recording.events import CameraBack, CameraLost, EncoderBack, EncoderDied
from packseal.core.recording.frame_tally import FrameTally
from packseal.core.recording.load_shedding import LoadShedder
from packseal.core.recording.pipeline import CapturePipeline
from packseal.core.recording.recorder import Recorder
from packseal.core.recording.rule_settings import policy_from_rule_settings
from packseal.core.recording.bench_file import BenchFile
from packseal.core.recording.open_orders import OpenOrders
from packseal.core.recording.tape import EncoderSettings, Tape, TapeStats, camera_lock
from packseal.core.scale.config import scale_from_settings
from packseal.core.scale.events import ScaleLost, ScaleReading
from packseal.core.scale.patterns import format_grams
from packseal.core.scale.reader import ScaleReader
from packseal.core.settings import SOURCE_AUTO, Settings
from packseal.core.storage.layout import DataLayout

log = logging.getLogger(__name__)


_TAPE_COUNTS = tuple(f.name for f in dataclasses.fields(TapeStats))

# Codes the camera sees this soon after start-up start nothing until they leave the view.
STARTUP_QUIET_S = 5.0

# Settings that need the camera and the tape to be opened again (see Station.apply).
RESTART_FIELDS = ("source", "width", "height", "fps", "encoder", "quality", "preset", "max_kbps", "segment_s",
                  "camera_barcodes", "test_camera_barcodes")
# The recorder keeps 30 s of recent segments, at least pre-roll + 10 s (Recorder.keep_s):
# a longer pre-roll than this needs a new recorder.
LIVE_PREROLL_LIMIT_S = 20.0


def policy_from_settings(settings: Settings) -> OrderIdPolicy:
    """The order-number rules the settings enable (carriers, the shop's own, maybe any code)."""
    return policy_from_rule_settings(settings.order_rules)


def recent_clip_finder(catalog: Catalog, days: Callable[[], float]) -> Callable[[str], PriorClip | None]:
    """For the duplicate-waybill warning: the newest clip recorded under a code in the last
    ``days()`` days (0 = the warning is off), not deleted."""

    def find(code: str) -> PriorClip | None:
        window = days()
        if window <= 0:
            return None
        since_ms = int((time.time() - window * 86400) * 1000)
        clips = [c for c in catalog.clips_for_order(code) if c.scan_ms >= since_ms and not c.deleted]
        if not clips:
            return None
        newest = max(clips, key=lambda c: (c.scan_ms, c.id or 0))
        return PriorClip(newest.order_id, newest.scan, newest.ledger_seq, newest.file, newest.id)

    return find


def open_camera(spec: str | FrameSource, settings: Settings) -> tuple[FrameSource, str]:
    """Open ``spec`` (or, for "auto", usb:0 falling back to the test camera).

    ``spec`` may also be a ready FrameSource (tests, special cameras).
    Returns the opened source and a note for the user ("" when nothing to say).
    """
    if isinstance(spec, FrameSource):
        spec.open()
        return spec, ""
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
        source: str | FrameSource | None = None,
        camera_name: str = "cam0",
        read_barcodes: bool = True,
        test_barcodes: bool = True,
        guard: Callable[[], str | None] | None = None,
        orders: OrderLookup | None = None,
        prior_clip: Callable[[str], PriorClip | None] | None = None,
        keep_bench: bool = False,
    ) -> None:
        """``orders``: the shop's order data (None: orders are recorded unchecked, as before);
        ``prior_clip``: finds a clip recorded lately under a code (the duplicate-waybill warning);
        ``keep_bench``: the signed-in packer and the returns mode are kept in the data dir's
        bench file across restarts (the recorder process)."""
        self.layout = layout
        self.settings = settings
        self.hub = hub
        self.source_spec = source or settings.source
        self.camera_name = camera_name
        self.read_barcodes = read_barcodes
        self.test_barcodes = test_barcodes  # read codes from the built-in test camera too
        self._guard = guard
        self.orders = orders
        self.prior_clip = prior_clip
        self.keep_bench = keep_bench
        self.source: FrameSource | None = None
        self.source_note = ""
        self.tape: Tape | None = None
        self.recorder: Recorder | None = None
        self.pipeline: CapturePipeline | None = None
        self.watcher: BarcodeWatcher | None = None
        self.overlay: Overlay | None = None
        self.scale: ScaleReader | None = None
        self._preview_lock = threading.Lock()
        self._preview: Frame | None = None
        self.preview_sink: Callable[[Frame], None] | None = None  # also gets every overlaid frame
        self._tape_failed = False
        self._lock = None
        self._frame_size = (0, 0)
        self._stopping = threading.Event()
        self._watchdog: threading.Thread | None = None
        self._retired = TapeStats()  # counts of tapes replaced after a failure
        self.tally = FrameTally()  # every frame captured or dropped, by capture time, over all tapes
        self.shedder: LoadShedder | None = None
        # ffmpeg that leaves a frame untaken for segment_s + this long is stuck (Station._encoder_stuck);
        # a slow one takes its frames late, and is left alone
        self.stall_s = 8.0
        self.segment_stall_s = 60.0  # encoding, yet no segment closed for this long: stuck too
        self.slow_tape_grace_s = 60.0  # how long a stopped order waits for a running tape's post-roll
        self.camera_stall_s = 5.0  # no frame for this long means the camera hangs (no error)

    # -- life cycle ---------------------------------------------------------
    def start(self) -> None:
        """Open the camera and start recording tape. Raises CameraError/EncoderError."""
        s = self.settings
        self._lock = camera_lock(self.layout, self.camera_name)
        if not self._lock.try_acquire():
            self._lock.close()
            self._lock = None
            raise CameraError("Another PackSeal window or command is already recording this camera "
                              "into this data folder. Close it first.")
        # OpenCV's worker pool costs more in hand-offs than it saves on one
        # frame conversion at a time, and competes with ffmpeg for the cores.
        cv2.setNumThreads(1)
        self.source, self.source_note = open_camera(self.source_spec, s)
        width, height = self.source.width - self.source.width % 2, self.source.height - self.source.height % 2
        # The built-in test camera's pictures carry a large TEST mark: never mistaken for a bench.
        is_test_camera = self.source.provenance().get("kind") == "test"
        self.overlay = Overlay(s.station_name, show_qr=s.show_qr, mark="TEST" if is_test_camera else "")
        self.recorder = Recorder(
            self.hub, clips_root=self.layout.clips, station=s.station_name,
            policy=policy_from_settings(s), preroll_s=s.preroll_s, postroll_s=s.postroll_s,
            guard=self._can_record, open_orders=OpenOrders(self.layout.state, self.camera_name),
            bench_file=BenchFile(self.layout.state, self.camera_name) if self.keep_bench else None,
        )
        self.recorder.provenance = self._provenance
        self.recorder.frame_counts = self.tally.counts
        self.recorder.lookup, self.recorder.prior_clip = self.orders, self.prior_clip
        _apply_bench_settings(self.recorder, s)
        self._start_scale()
        self._frame_size = (width, height)
        self.tape = self._make_tape()
        if self.read_barcodes and self.source.is_test and not self.test_barcodes:
            # The test scene's label would start an order at every start-up, unasked.
            log.info("camera barcode reading is off for the built-in test camera (Settings can turn it on)")
        elif self.read_barcodes:
            self.watcher = BarcodeWatcher(self._camera_code)
            # Nothing starts unasked: a label already in view at start-up is not a person's scan.
            self.watcher.quiet_until = time.monotonic() + STARTUP_QUIET_S
            self.watcher.start()
        self.tape.start()
        self.pipeline = CapturePipeline(
            self.source, overlay=self.overlay, sink=self._write,
            order_id=lambda: self.recorder.current_order if self.recorder else None,
            on_preview=self._set_preview, reader=self.watcher,
            on_camera_error=lambda e: self.hub.publish(CameraLost(str(e))),
            on_camera_back=lambda: self.hub.publish(CameraBack()),
            tally=self.tally,
        )
        self.shedder = LoadShedder(self.pipeline, lost=self._frames_lost_to_load,
                                   queue_fill=lambda: self.tape.queue_fill if self.tape else 0.0)
        self.pipeline.start()
        self._stopping.clear()
        self._watchdog = threading.Thread(target=self._watch, name="station-watchdog", daemon=True)
        self._watchdog.start()
        log.info("station %r started on %s", s.station_name, self.source.description)

    def stop(self, timeout: float = 60.0) -> None:
        """Stop the camera, close the tape, finish every open order (joins clips)."""
        self._stopping.set()
        if self._watchdog is not None:
            self._watchdog.join(10)
        if self.pipeline:
            self.pipeline.stop()
        if self.recorder:
            self.recorder.stop("shutdown")
        if self.tape:
            self.tape.stop()
        self._stop_scale()  # after the recorder's stop, which weighed the last order
        if self.recorder:
            self.recorder.flush(tape_ended_cleanly=not self._tape_failed)
            self.recorder.wait_idle(timeout)
            self.recorder.close()
        if self.watcher:
            self.watcher.stop()
        if self.source:
            self.source.close()
        if self._lock is not None:
            self._lock.release()
            self._lock.close()
            self._lock = None
        log.info("station stopped")

    # -- inputs ---------------------------------------------------------------
    def scan(self, code: str, *, source: str = "scanner") -> str | None:
        assert self.recorder is not None, "start() the station first"
        return self.recorder.scan(code, source=source)

    def stop_order(self, *, missing: str | None = None) -> bool:
        """Stop the order; with items missing, ``missing=None`` asks the packer first (see Recorder.stop)."""
        return bool(self.recorder and self.recorder.stop(missing=missing))

    def cancel_order(self) -> str | None:
        return self.recorder.cancel() if self.recorder else None

    def apply(self, old: Settings, new: Settings) -> bool:
        """Take the changes from ``old`` to ``new`` that can apply while recording.

        Returns True, changing nothing, when a change needs the camera and the
        tape opened again (a new size, encoder, source...): the caller restarts.
        """
        needs_restart = any(getattr(old, f) != getattr(new, f) for f in RESTART_FIELDS)
        needs_restart |= new.preroll_s > LIVE_PREROLL_LIMIT_S and new.preroll_s != old.preroll_s
        if needs_restart:
            return True
        if self.overlay is not None:
            self.overlay.station = new.station_name
            self.overlay.show_qr = new.show_qr
        if self.recorder is not None:
            self.recorder.station = new.station_name
            self.recorder.preroll_s = new.preroll_s
            self.recorder.postroll_s = new.postroll_s
            self.recorder.policy = policy_from_settings(new)
            _apply_bench_settings(self.recorder, new)
        if old.scale != new.scale:
            self._stop_scale()
            self._start_scale(new)
        return False

    @property
    def encoder_ok(self) -> bool:
        """False from an encoder's death until the watchdog has a new one running."""
        return self.tape is not None and not self._tape_failed

    def latest_frame(self) -> Frame | None:
        """The newest overlaid frame for the preview (None before the first)."""
        with self._preview_lock:
            return self._preview

    def tape_stats(self) -> TapeStats:
        """Frames in, written and dropped over every tape of this run (restarts included)."""
        cur = self.tape.stats if self.tape else TapeStats()
        return TapeStats(**{f: getattr(self._retired, f) + getattr(cur, f) for f in _TAPE_COUNTS})

    # -- internals ------------------------------------------------------------
    def _provenance(self) -> dict:
        """Where the clips' picture comes from, and the encoder: sealed in each clip entry."""
        found = dict(self.source.provenance()) if self.source else {"kind": "unknown"}
        if self.tape is not None and self.tape.encoder_name:
            found["encoder"] = self.tape.encoder_name
        return found

    def _start_scale(self, settings: Settings | None = None) -> None:
        """Read the scale of the settings (if one is set) and weigh each order with it at stop."""
        scale = scale_from_settings((settings or self.settings).scale)
        rec = self.recorder
        if rec is not None:
            rec.weight_tolerance_g = scale.tolerance_g
            rec.weigh = None
        if not scale.enabled:
            return
        self.scale = ScaleReader(scale.serial, scale.pattern, self._scale_event)
        if rec is not None:
            rec.weigh = self.scale.stable_weight_g
        self.scale.start()

    def _stop_scale(self) -> None:
        scale, self.scale = self.scale, None
        if self.recorder is not None:
            self.recorder.weigh = None
        if scale is not None:
            scale.stop()
        if self.overlay is not None:
            self.overlay.weight = None

    def announce_scale(self) -> None:
        """Say again that the scale is lost (a window that connected during the start missed it)."""
        if self.scale is not None:
            self.scale.announce()

    def _scale_event(self, event: object) -> None:
        """From the scale's thread: the weight into the picture, the event to the hub."""
        if self.overlay is not None:
            if isinstance(event, ScaleReading):
                self.overlay.weight = (format_grams(event.grams), event.stable)
            elif isinstance(event, ScaleLost):
                self.overlay.weight = None
        self.hub.publish(event)

    def _make_tape(self) -> Tape:
        s = self.settings
        width, height = self._frame_size
        return Tape(
            self.layout.tape_root, width=width, height=height, fps=self.source.fps,
            settings=EncoderSettings.from_settings(s),
            camera=self.camera_name, on_segment=self.recorder.on_segment, on_error=self._tape_error,
            tally=self.tally,
        )

    def _write(self, frame: Frame) -> bool:
        tape = self.tape
        return tape.write(frame) if tape is not None else False

    def _frames_lost_to_load(self) -> int:
        """Frames lost because the machine did not keep up (not by choice, not by an outage)."""
        skipped = self.pipeline.stats.frames_skipped if self.pipeline else 0
        return skipped + self._retired.frames_overflowed + (self.tape.stats.frames_overflowed if self.tape else 0)

    def _encoder_stuck(self, tape: Tape, now: float, started: float) -> str | None:
        """Why ``tape``'s ffmpeg counts as stuck, or None while it makes progress, however slowly.

        A slow ffmpeg still takes each frame from the pipe, only later; a hung
        one takes none, and the writer waits on the pipe. So ffmpeg is stuck
        when one frame has waited ``segment_s + stall_s`` to be taken, or when
        it has taken frames but encoded none for four times as long (its own
        ``-progress`` count); a closed segment is awaited longest, last resort.
        """
        limit = self.settings.segment_s + self.stall_s
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
        if waited > self.segment_stall_s:
            return f"ffmpeg encodes but has closed no tape segment for {waited:.0f} s"
        return None

    def _watch(self) -> None:
        """Restart a dead or stuck encoder with back-off, shed load; never blocks the camera or the GUI."""
        backoff, next_try = 1.0, 0.0
        started = time.monotonic()
        while not self._stopping.wait(0.5):
            tape = self.tape
            if tape is None:
                continue
            now = time.monotonic()
            self._check_camera(now, started)
            if self.shedder is not None:
                self.shedder.tick(now)
            if self.recorder is not None:
                # A slow encoder still brings the post-roll, late: wait for it much longer
                # than for a tape that is down.
                grace = 2 * self.settings.segment_s + self.stall_s
                self.recorder.finish_overdue(grace if self._tape_failed else max(grace, self.slow_tape_grace_s))
            if not self._tape_failed:
                stuck = self._encoder_stuck(tape, now, started)
                if stuck:
                    log.error("%s; restarting ffmpeg", stuck)
                    tape.kill()  # its watcher reports the death; the next round restarts it
                continue
            if now < next_try:
                continue
            try:
                tape.stop(timeout=2)
                self._retire(tape.stats)
                fresh = self._make_tape()
                fresh.start()
            except PackSealError as exc:  # no encoder, no disk space: try again later
                backoff = min(backoff * 2, 30.0)
                next_try = now + backoff
                log.warning("encoder restart failed (%s); next try in %.0f s", exc, backoff)
                continue
            self.tape, self._tape_failed = fresh, False
            backoff, started = 1.0, time.monotonic()
            log.info("encoder restarted in %s", fresh.session_dir)
            self.hub.publish(EncoderBack())

    def _check_camera(self, now: float, started: float) -> None:
        """A camera whose read blocks without an error still counts as lost."""
        pipe = self.pipeline
        if pipe is None or not pipe.camera_ok:
            return
        last = pipe.last_frame_mono or started
        if now - last > self.camera_stall_s:
            pipe.camera_ok = False  # the capture thread announces CameraBack with the next frame
            message = f"{self.source.description if self.source else 'the camera'} sent no picture " \
                      f"for {now - last:.0f} s"
            log.error("camera lost: %s", message)
            self.hub.publish(CameraLost(message))

    def _retire(self, stats: TapeStats) -> None:
        for f in _TAPE_COUNTS:
            setattr(self._retired, f, getattr(self._retired, f) + getattr(stats, f))

    def _set_preview(self, frame: Frame) -> None:
        with self._preview_lock:
            self._preview = frame
        sink = self.preview_sink
        if sink is not None:
            sink(frame)

    def _camera_code(self, text: str, fmt: str) -> None:
        """A code the camera read. Product barcodes (EAN/UPC) are refused as such, and
        the current order's own label, still in view while it is packed, must not
        stop it: only the scanner or Stop ends an order with a repeat."""
        rec = self.recorder
        if rec is None or text.strip() == rec.current_order:
            return
        rec.scan(text, source="camera", symbology=fmt)  # product symbologies are refused, with the reason

    def _tape_error(self, err: EncoderError) -> None:
        if self.tape is not None and self.tape.alive:
            return  # a late report from a tape already replaced
        self._tape_failed = True
        self.hub.publish(EncoderDied(str(err)))

    def _can_record(self) -> str | None:
        if self.pipeline is not None and not self.pipeline.camera_ok:
            return "The camera is not delivering pictures; reconnect it before scanning the next order."
        if self._tape_failed:
            return ("The video encoder has stopped and is being restarted; wait for the alert to clear "
                    "before scanning the next order.")
        return self._guard() if self._guard else None


def _apply_bench_settings(recorder: Recorder, settings: Settings) -> None:
    recorder.packer_prefix = settings.packer_prefix
    recorder.return_prefix = settings.return_prefix
    recorder.warn_duplicates = settings.duplicate_days > 0
