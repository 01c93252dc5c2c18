"""One packing station at run time: its cameras (one or two, each with overlay and tape), recorder and reader.

The composition root builds a Station from the settings and hands it to the
GUI or the CLI; they call :meth:`scan`, :meth:`stop_order` and subscribe to
the hub. Starting with the source "auto" uses the first USB camera, or the
built-in test camera when none answers (and says so in ``source_note``).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable

import cv2

from packseal.core.capture.barcode import BarcodeWatcher
from packseal.core.capture.frame import Frame
from packseal.core.capture.frame_memory import no_huge_pages_for_frames
from packseal.core.capture.overlay import Overlay
from packseal.core.capture.sources import FrameSource, open_source, same_device
from packseal.core.catalog.catalog import Catalog
from packseal.core.errors import BadInputError, CameraError
from packseal.core.events import EventHub
from packseal.core.orders.model import OrderLookup
from packseal.core.packing.plan import PriorClip
from packseal.core.recording.order_id import OrderIdPolicy
from packseal.core.recording.capture_clock import CaptureClock
from packseal.core.recording.frame_tally import FrameTally
from packseal.core.recording.load_shedding import LoadShedder
from packseal.core.recording.pipeline import CapturePipeline
from packseal.core.recording.recorder import Recorder
from packseal.core.recording.rule_settings import policy_from_rule_settings
from packseal.core.recording.bench_file import BenchFile
from packseal.core.recording.open_orders import OpenOrders
from packseal.core.recording.station_camera import StationCamera
from packseal.core.recording.tape import EncoderSettings, Tape, TapeStats
from packseal.core.scale.config import scale_from_settings
from packseal.core.scale.events import ScaleLost, ScaleReading
from packseal.core.scale.patterns import format_grams
from packseal.core.scale.reader import ScaleReader
from packseal.core.settings import SOURCE_AUTO, Settings
from packseal.core.storage.layout import DataLayout

log = logging.getLogger(__name__)


# Codes the camera sees this soon after start-up start nothing until they leave the view.
STARTUP_QUIET_S = 5.0

# Settings that need the camera and the tape to be opened again (see Station.apply).
RESTART_FIELDS = ("source", "second_source", "barcode_camera", "width", "height", "fps", "encoder", "quality",
                  "max_kbps", "preset", "segment_s", "camera_barcodes", "test_camera_barcodes")
#: A station records one camera or two.
MAX_CAMERAS = 2
#: How alerts name the cameras of a two-camera station.
CAMERA_LABELS = ("First camera", "Second camera")
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


def open_camera(spec: str | FrameSource, settings: Settings,
                opening: Callable[[FrameSource], None] = lambda _src: None) -> tuple[FrameSource, str]:
    """Open ``spec`` (or, for "auto", usb:0 falling back to the test camera).

    ``spec`` may also be a ready FrameSource (tests, special cameras).
    ``opening(source)`` is called just before the source asked for is opened (not for the test
    camera "auto" falls back to: it has the size asked of the USB camera).
    Returns the opened source and a note for the user ("" when nothing to say).
    """
    if isinstance(spec, FrameSource):
        opening(spec)
        spec.open()
        return spec, ""
    size = {"width": settings.width, "height": settings.height, "fps": settings.fps}
    if spec != SOURCE_AUTO:
        src = open_source(spec, **size)
        opening(src)
        src.open()
        return src, ""
    try:
        src = open_source("usb:0", **size)
        opening(src)
        src.open()
        return src, ""
    except CameraError as exc:
        log.info("no USB camera (%s); using the test camera", exc)
    src = open_source("test", **size)
    src.open()  # the same size as asked of the USB camera: its encoder trials hold for it
    return src, "No camera found: showing the built-in test camera."


class Station:
    def __init__(
        self,
        *,
        layout: DataLayout,
        settings: Settings,
        hub: EventHub,
        source: str | FrameSource | None = None,
        sources: list[str | FrameSource] | None = None,
        camera_name: str = "cam0",
        read_barcodes: bool = True,
        test_barcodes: bool = True,
        guard: Callable[[], str | None] | None = None,
        orders: OrderLookup | None = None,
        prior_clip: Callable[[str], PriorClip | None] | None = None,
        keep_bench: bool = False,
    ) -> None:
        """``source`` (one camera) or ``sources`` (one or two: the first camera, the second)
        replace the settings' cameras; ``orders``: the shop's order data (None: orders are
        recorded unchecked, as before); ``prior_clip``: finds a clip recorded lately under a
        code (the duplicate-waybill warning); ``keep_bench``: the signed-in packer and the
        returns mode are kept in the data dir's bench file across restarts (the recorder process)."""
        self.layout = layout
        self.settings = settings
        self.hub = hub
        if sources is not None and source is not None:
            raise BadInputError("Give the station one source or a list of sources, not both.")
        specs = list(sources) if sources else ([source] if source else settings.camera_sources)
        if not 1 <= len(specs) <= MAX_CAMERAS:
            raise BadInputError(f"A station records one or {MAX_CAMERAS} cameras, not {len(specs)}.")
        names = [s for s in specs if isinstance(s, str)]
        if len(names) == 2 and same_device(*names):
            raise BadInputError(f"Both cameras are {names[0]!r}: one USB camera cannot be recorded twice.")
        self.source_specs = specs
        self.source_spec = specs[0]
        self.camera_name = camera_name
        self.read_barcodes = read_barcodes
        self.test_barcodes = test_barcodes  # read codes from the built-in test camera too
        self._guard = guard
        self.orders = orders
        self.prior_clip = prior_clip
        self.keep_bench = keep_bench
        self.clock = CaptureClock()  # one monotonic→UTC mapping for every camera's frames
        self.cameras: list[StationCamera] = []
        self.recorder: Recorder | None = None
        self.watcher: BarcodeWatcher | None = None
        self.scale: ScaleReader | None = None
        self.preview_sink: Callable[[Frame], None] | None = None  # also gets every overlaid frame
        self._stopping = threading.Event()
        self._watchdog: threading.Thread | None = None
        # ffmpeg that leaves a frame untaken for segment_s + this long is stuck (StationCamera.encoder_stuck);
        # a slow one takes its frames late, and is left alone
        self.stall_s = 8.0
        self.segment_stall_s = 60.0  # encoding, yet no segment closed for this long: stuck too
        self.slow_tape_grace_s = 60.0  # how long a stopped order waits for a running tape's post-roll
        self.camera_stall_s = 5.0  # no frame for this long means the camera hangs (no error)

    # -- the first camera, as single-camera callers know it -------------------
    @property
    def main(self) -> StationCamera | None:
        return self.cameras[0] if self.cameras else None

    @property
    def source(self) -> FrameSource | None:
        return self.main.source if self.main else None

    @property
    def source_note(self) -> str:
        return " ".join(c.source_note for c in self.cameras if c.source_note)

    @property
    def tape(self) -> Tape | None:
        return self.main.tape if self.main else None

    @property
    def pipeline(self) -> CapturePipeline | None:
        return self.main.pipeline if self.main else None

    @property
    def overlay(self) -> Overlay | None:
        return self.main.overlay if self.main else None

    @property
    def shedder(self) -> LoadShedder | None:
        return self.main.shedder if self.main else None

    @property
    def frame_size(self) -> tuple[int, int]:
        """The size the first camera's tape records (0, 0 before the start)."""
        return self.main.frame_size if self.main else (0, 0)

    @property
    def tally(self) -> FrameTally:
        return self.main.tally if self.main else FrameTally()

    # -- life cycle ---------------------------------------------------------
    def start(self) -> None:
        """Open the cameras and start recording tape. Raises CameraError/EncoderError."""
        s = self.settings
        names = [self.camera_name] + [f"cam{i}" for i in range(1, len(self.source_specs))]
        two = len(names) > 1
        self.cameras = [
            StationCamera(name, layout=self.layout, clock=self.clock, on_segment=self._on_segment,
                          encoder=EncoderSettings.from_settings(s),
                          publish=self.hub.publish, limits=self,
                          label=(CAMERA_LABELS[i] + f" ({name})") if two else "")
            for i, name in enumerate(names)]
        try:
            self._start(s)
        except BaseException:
            self._close_cameras()
            raise

    def _start(self, s: Settings) -> None:
        for cam in self.cameras:
            cam.lock()
        # OpenCV's worker pool costs more in hand-offs than it saves on one
        # frame conversion at a time, and competes with ffmpeg for the cores.
        cv2.setNumThreads(1)
        no_huge_pages_for_frames()
        opened = []
        for cam, spec in zip(self.cameras, self.source_specs):
            # The encoder trials (a few tenths of a second) run while the camera opens.
            cam.source, cam.source_note = open_camera(spec, s, opening=cam.try_encoders)
            opened.append(cam.source)
        self.recorder = Recorder(
            self.hub, clips_root=self.layout.clips, station=s.station_name,
            policy=policy_from_settings(s), preroll_s=s.preroll_s, postroll_s=s.postroll_s,
            guard=self._can_record, open_orders=OpenOrders(self.layout.state, self.camera_name),
            bench_file=BenchFile(self.layout.state, self.camera_name) if self.keep_bench else None,
        )
        self.recorder.cameras = tuple(c.name for c in self.cameras)
        self.recorder.camera_down = self._camera_down
        self.recorder.end_segments_at = self._end_segments_at
        self.recorder.provenance = self._provenance
        self.recorder.frame_counts = self._frame_counts
        self.recorder.lookup, self.recorder.prior_clip = self.orders, self.prior_clip
        _apply_bench_settings(self.recorder, s)
        self._start_scale()
        reading = self.cameras[min(s.barcode_camera, len(self.cameras) - 1)]
        if self.read_barcodes and reading.source.is_test and not self.test_barcodes:
            # The test scene's label would start an order at every start-up, unasked.
            log.info("camera barcode reading is off for a test source, the built-in test camera or a video file "
                     "(Settings can turn it on)")
        elif self.read_barcodes:
            self.watcher = BarcodeWatcher(self._camera_code)
            # Nothing starts unasked: a label already in view at start-up is not a person's scan.
            self.watcher.quiet_until = time.monotonic() + STARTUP_QUIET_S
            self.watcher.start()
        overlays = []
        for cam in self.cameras:
            # The built-in test camera's pictures carry a large TEST mark: never mistaken for a bench.
            is_test_camera = cam.source.provenance().get("kind") == "test"
            overlays.append(Overlay(s.station_name, show_qr=s.show_qr, mark="TEST" if is_test_camera else ""))
            cam.start_tape(cam.source)
        self.main.preview_sink = self._to_preview_sink
        # Every tape runs before any frame flows: the cameras' first frames, and so their tapes'
        # segment cuts, come within a frame of each other.
        for cam, overlay in zip(self.cameras, overlays):
            cam.start_capture(overlay=overlay, reader=self.watcher if cam is reading else None,
                              order_id=lambda: self.recorder.current_order if self.recorder else None)
        self._stopping.clear()
        self._watchdog = threading.Thread(target=self._watch, name="station-watchdog", daemon=True)
        self._watchdog.start()
        log.info("station %r started on %s", s.station_name, " and ".join(src.description for src in opened))

    def stop(self, timeout: float = 60.0) -> None:
        """Stop the cameras, close the tapes, finish every open order (joins clips)."""
        self._stopping.set()
        if self._watchdog is not None:
            self._watchdog.join(10)
        for cam in self.cameras:
            cam.stop_capture()
        if self.recorder:
            self.recorder.stop("shutdown")
        for cam in self.cameras:
            cam.stop_tape()
        self._stop_scale()  # after the recorder's stop, which weighed the last order
        if self.recorder:
            self.recorder.flush(tape_ended_cleanly=not any(c.tape_failed for c in self.cameras))
            self.recorder.wait_idle(timeout)
            self.recorder.close()
        if self.watcher:
            self.watcher.stop()
        self._close_cameras()
        log.info("station stopped")

    def _close_cameras(self) -> None:
        for cam in self.cameras:
            cam.close()

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
        for cam in self.cameras:
            if cam.overlay is not None:
                cam.overlay.station = new.station_name
                cam.overlay.show_qr = new.show_qr
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
        """False from an encoder's death until the watchdog has a new one running (any camera)."""
        return bool(self.cameras) and all(c.tape is not None and not c.tape_failed for c in self.cameras)

    @property
    def _tape_failed(self) -> bool:
        return any(c.tape_failed for c in self.cameras)

    def latest_frame(self, camera: int = 0) -> Frame | None:
        """The newest overlaid frame of a camera for the preview (None before the first)."""
        return self.cameras[camera].latest_frame() if camera < len(self.cameras) else None

    def tape_stats(self) -> TapeStats:
        """The first camera's frames in, written and dropped over every tape of this run."""
        return self.main.tape_stats() if self.main else TapeStats()

    # -- internals ------------------------------------------------------------
    def _camera(self, name: str) -> StationCamera | None:
        return next((c for c in self.cameras if c.name == name), None)

    def _provenance(self, camera: str) -> dict:
        cam = self._camera(camera)
        return cam.provenance() if cam else {"kind": "unknown"}

    def _frame_counts(self, camera: str, start: float, end: float) -> tuple[int, int]:
        cam = self._camera(camera)
        return cam.tally.counts(start, end) if cam else (0, 0)

    def _camera_down(self, camera: str) -> bool:
        cam = self._camera(camera)
        return cam is None or not cam.delivering

    def _end_segments_at(self, mono: float) -> None:
        for cam in self.cameras:
            tape = cam.tape
            if tape is not None:
                tape.cut_after(mono)

    def _on_segment(self, seg) -> None:
        rec = self.recorder
        if rec is not None:
            rec.on_segment(seg)

    def _to_preview_sink(self, frame: Frame) -> None:
        sink = self.preview_sink
        if sink is not None:
            sink(frame)

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
        for cam in self.cameras:
            if cam.overlay is not None:
                cam.overlay.weight = None

    def announce_scale(self) -> None:
        """Say again that the scale is lost (a window that connected during the start missed it)."""
        if self.scale is not None:
            self.scale.announce()

    def _scale_event(self, event: object) -> None:
        """From the scale's thread: the weight into the picture, the event to the hub."""
        for cam in self.cameras:
            if cam.overlay is None:
                continue
            if isinstance(event, ScaleReading):
                cam.overlay.weight = (format_grams(event.grams), event.stable)
            elif isinstance(event, ScaleLost):
                cam.overlay.weight = None
        self.hub.publish(event)

    def _watch(self) -> None:
        """Each round: every camera's watchdog (see StationCamera.tick), then overdue orders."""
        while not self._stopping.wait(0.5):
            now = time.monotonic()
            for cam in self.cameras:
                cam.tick(now)
            if self.recorder is not None:
                # A slow encoder still brings the post-roll, late: wait for it much longer
                # than for tapes that are all down.
                grace = 2 * self.settings.segment_s + self.stall_s
                all_down = all(c.tape_failed for c in self.cameras)
                self.recorder.finish_overdue(grace if all_down else max(grace, self.slow_tape_grace_s))

    def _camera_code(self, text: str, fmt: str) -> None:
        """A code the camera read. Product barcodes (EAN/UPC) are refused as such, and
        the current order's own label, still in view while it is packed, must not
        stop it: only the scanner or Stop ends an order with a repeat."""
        rec = self.recorder
        if rec is None or text.strip() == rec.current_order:
            return
        rec.scan(text, source="camera", symbology=fmt)  # product symbologies are refused, with the reason

    def _can_record(self) -> str | None:
        """An order may start while at least one camera delivers to a running encoder."""
        if self.cameras and not any(c.pipeline is None or c.pipeline.camera_ok for c in self.cameras):
            return "The camera is not delivering pictures; reconnect it before scanning the next order."
        if self.cameras and all(c.tape_failed for c in self.cameras):
            return ("The video encoder has stopped and is being restarted; wait for the alert to clear "
                    "before scanning the next order.")
        return self._guard() if self._guard else None


def _apply_bench_settings(recorder: Recorder, settings: Settings) -> None:
    recorder.packer_prefix = settings.packer_prefix
    recorder.return_prefix = settings.return_prefix
    recorder.warn_duplicates = settings.duplicate_days > 0
