"""The station page: what the packer sees and hears, from the recorder's events and the packer's commands.

:class:`StationPage` owns the station view, its controller (the window's
commands to the recorder process), the list of today's orders, the disk
watch and the sound cues, and the station's part of the status bar (camera,
preview rate, free space, time anchoring). The window places
:attr:`StationPage.view` among its pages and the status widgets in its
status bar, routes the packer's keys and scans here, and listens to three
signals: :attr:`~StationPage.note` (a passing line for the status bar),
:attr:`~StationPage.front_wanted` (the packer scanned: bring this page to
the front) and :attr:`~StationPage.display_changed` (the banner's state, for
the page's icon, seen from the other pages too).

The recording itself runs in the recorder process, not here: a new window
picks up the running order from the recorder's snapshot (``_on_connected``).
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timezone

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from packseal.compose import Services
from packseal.core.capture.barcode import GUIDE_ROI
from packseal.core.recording.events import RecorderState
from packseal.core.remote.client import RecorderClient
from packseal.core.remote.protocol import Snapshot, StationInfo
from packseal.core.station import policy_from_settings
from packseal.core.storage.space import FULL, MIB, OK, WARNING, SpaceStatus
from packseal.gui import formatting
from packseal.gui import problem_texts as texts
from packseal.gui.bridge import CoreBridge
from packseal.gui.scanner import TAB_KEY, ScannerFilter
from packseal.gui.station.anchor_status import AnchorStatus
from packseal.gui.station.bench_page import BenchSide
from packseal.gui.station.camera_pair import PICTURE_IN_PICTURE
from packseal.gui.station.controller import STARTING, StationController
from packseal.gui.station.disk_watch import DiskWatcher
from packseal.gui.station.recent_clips import RecentClipsModel, today_start_utc
from packseal.gui.station.scale_panel import ScaleWatch
from packseal.gui.station.sounds import SoundCues
from packseal.gui.station.view import StationView
from packseal.gui.tasks import TaskRunner
from packseal.gui.theme import DisplayState

log = logging.getLogger(__name__)

_SHOWN_STATES = {RecorderState.RECORDING: DisplayState.RECORDING, RecorderState.FINISHING: DisplayState.FINISHING}


class StationPage(QObject):
    """The station's view and everything that decides what it shows; see the module docstring."""

    note = Signal(str, int)           # a passing line for the status bar, how long to show it (ms)
    front_wanted = Signal()           # the packer scanned or asked: show the station page
    display_changed = Signal(object)  # DisplayState now shown in the banner
    cameras_shown = Signal(int)       # how many cameras the running station shows (1 or 2)

    def __init__(self, services: Services, client: RecorderClient, bridge: CoreBridge, tasks: TaskRunner,
                 scanner: ScannerFilter, *, sounds: SoundCues | None = None, disk_interval_ms: int = 10_000,
                 started_at: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.scanner = scanner
        self._started_at = started_at if started_at is not None else time.monotonic()
        self.startup_seconds: float | None = None  # from start-up to the first live frame shown
        self._recorder_state = RecorderState.IDLE
        self._disk_level = OK
        self._closing = False
        self._retention_running = False
        self._cameras: tuple[str, ...] = ()  # the running station's cameras when it has two
        self._barcode_camera: int | None = None  # which of them reads barcodes
        self._lost: set[int] = set()  # cameras of two that send no pictures now
        self._lost_at_connect: list[int] = []  # lost as the recorder's snapshot says; shown when it has started

        self.lane = TaskRunner(self, serial=True, name="station")
        self.recent_model = RecentClipsModel(self)
        self.view = StationView(self.recent_model, parent)
        self.controller = StationController(client, self.lane, bridge, self)
        self.sounds = sounds if sounds is not None else SoundCues(self)
        self.disk = DiskWatcher(services.space, tasks, self, interval_ms=disk_interval_ms)
        self.bench = BenchSide(self.view, self.controller, self.sounds, bridge, scanner.typed_alone, self)
        self.source_label, self.fps_label, self.disk_label = (QLabel(parent) for _ in range(3))
        self.anchor_status = AnchorStatus(parent)
        self._anchor_timer = QTimer(self)  # the recorder's anchoring state, every few seconds
        self._anchor_timer.setInterval(5000)
        self._anchor_timer.timeout.connect(self._ask_anchor_state)
        self._fps_timer = QTimer(self)
        self._fps_timer.setInterval(1000)
        self._fps_timer.timeout.connect(self._show_fps)
        self._connect(bridge)
        self.scale = ScaleWatch(bridge, self.view.weight, self.view.alerts, self.sounds, self.note.emit,
                                self.controller.connected, services.settings.scale.get("port", ""), self)

    def _connect(self, b: CoreBridge) -> None:
        v = self.view
        self.scanner.code_scanned.connect(self.on_code_scanned)
        self.scanner.burst_refused.connect(self._on_burst_refused)
        self.scanner.split_refused.connect(self._on_split_refused)
        b.scan_accepted.connect(self._on_scan_accepted)
        b.state_changed.connect(self._on_state_changed)
        b.recording_started.connect(self._on_recording_started)
        b.recording_stopped.connect(self._on_recording_stopped)
        b.scan_refused.connect(self._on_scan_refused)
        b.clip_sealed.connect(self._on_clip_sealed)
        b.clip_assembled.connect(self.recent_model.clip_assembled)
        b.clip_failed.connect(self._on_clip_failed)
        b.archive_failed.connect(self._on_archive_failed)
        b.catalog_damaged.connect(
            lambda message: self._alert("catalog", lambda: texts.catalog_damaged(message), blocking=False,
                                        dismissable=True))
        b.files_checked.connect(
            lambda summary: self.view.alerts.show_alert("files", lambda: texts.startup_checked(summary),
                                                        blocking=False, dismissable=True))
        b.camera_lost.connect(self._on_camera_lost)
        b.camera_back.connect(self._on_camera_back)
        b.encoder_died.connect(self._on_encoder_died)
        b.encoder_back.connect(self._on_encoder_back)
        self.controller.connected.connect(self._on_connected)
        self.controller.started.connect(self._on_station_started)
        self.controller.start_failed.connect(self._on_station_failed)
        self.controller.recorder_lost.connect(self._on_recorder_lost)
        self.controller.scan_not_taken.connect(self._on_scan_not_taken)
        self.lane.failed_unhandled.connect(self.on_task_failed)
        self.disk.checked.connect(self._on_disk_checked)
        v.stop_button.clicked.connect(self.stop_order)
        v.alerts.changed.connect(self._refresh_banner)
        v.cancel_bar.confirmed.connect(self._cancel_confirmed)
        v.preview.first_frame_shown.connect(self._on_first_frame)
        self.bench.note.connect(self.note)
        self.bench.alert.connect(lambda key, make: self._alert(key, make, blocking=False, dismissable=True))

    # -- life cycle ------------------------------------------------------------------------
    def start(self) -> None:
        """Connect to the recorder (starting it when none runs), load today's orders, watch the disk."""
        self._show_no_picture(self.tr("Starting the camera…"))
        self.controller.start()
        self.disk.start()
        self._fps_timer.start()
        self._anchor_timer.start()
        self._load_today()
        self._refresh_banner()

    def close(self, on_done) -> None:
        """Stop the recorder (it finishes and seals the last clip), then ``on_done`` on the GUI thread."""
        self._closing = True
        self._show_no_picture(self.tr("Finishing the last clip and closing…"))
        self.view.banner.set_state(DisplayState.FINISHING, self.tr("Closing: finishing the last clip…"))

        def closed() -> None:
            self.disk.stop()
            self._fps_timer.stop()
            self._anchor_timer.stop()
            on_done()

        self.controller.shutdown(closed)

    def settings_changed(self) -> None:
        """The saved settings changed in place: the recorder applies them; the disk is checked again."""
        self.controller.reload_settings(self._settings_applied)
        self.scale.set_port(self.services.settings.scale.get("port", ""))
        self.disk.check_now()

    def _settings_applied(self, restarting: bool) -> None:
        if restarting:  # the recorder restarts the camera; station_started follows
            self._show_no_picture(self.tr("Restarting the camera with the new settings…"))
            self._refresh_banner()

    def _ask_anchor_state(self) -> None:
        client = self.controller.client
        if client.connected.is_set():
            self.tasks.run(lambda: client.call("anchor_state", timeout=10), on_success=self.anchor_status.set_state,
                           on_failure=lambda _: self.anchor_status.set_state(None), label="anchor state")

    def _load_today(self) -> None:
        catalog = self.services.catalog
        self.tasks.run(lambda: catalog.search(date_from=today_start_utc(), limit=100),
                       on_success=self.recent_model.load, label="load today's clips")

    def run_retention(self) -> None:
        """Ask the recorder to delete expired tape and clips and make room below the reserve.

        The recorder also does this by itself every ten minutes, window or not.
        """
        if not self._retention_running:
            self._retention_running = True
            self.controller.run_retention(on_success=self._retention_done, on_failure=self._retention_failed)

    def _retention_done(self, report) -> None:
        self._retention_running = False
        if report.deleted:
            self.note.emit(texts.retention_done(report.summary()), 15000)
            self.disk.check_now()
        if report.message:
            detail = report.message
            self._alert("retention", lambda: texts.retention_short(detail), blocking=False, again=False)

    def _retention_failed(self, exc: BaseException) -> None:
        self._retention_running = False
        self.show_exception("task-retention", exc)

    # -- the packer's commands -------------------------------------------------------------
    def on_code_scanned(self, code: str) -> None:
        """A code read by the hand scanner (see scanner.py): start, switch or stop an order."""
        self.front_wanted.emit()  # the packer scanned: show the station, whatever page was in front
        if self.view.cancel_bar.asking:
            self.view.cancel_bar.dismiss()  # a new scan answers the question: keep, then act on the scan
        self.controller.scan(code, "scanner")

    def stop_order(self) -> None:
        self.view.cancel_bar.dismiss()
        self.controller.stop_order(on_done=self._after_stop)

    def _after_stop(self, stopped: bool) -> None:
        if not stopped:
            self.note.emit(self.tr("Nothing is recording."), 4000)

    def ask_cancel(self) -> None:
        self.front_wanted.emit()  # the question is asked on the station page
        order = self.view.order.order_id
        if self._recorder_state != RecorderState.RECORDING or not order:
            self.note.emit(self.tr("Nothing to cancel: no order is recording."), 4000)
            return
        self.view.cancel_bar.ask(order)

    def _cancel_confirmed(self, order_id: str) -> None:
        def done(cancelled: str | None) -> None:
            if cancelled:
                self.note.emit(self.tr("Order {order} cancelled; no clip was made.").format(order=cancelled), 6000)
        self.controller.cancel_order(order_id, on_done=done)

    def restart(self) -> None:
        """Restart the camera (F5): clears the station's problems and starts it again."""
        for key in self.view.alerts.keys():
            if key in ("encoder", "start", "camera") or key.startswith(("camera-", "encoder-")):
                self.view.alerts.clear_alert(key)
        self._lost.clear()
        self._show_no_picture(self.tr("Restarting the camera…"))
        self.controller.restart()
        self._refresh_banner()

    # -- the recorder's events -------------------------------------------------------------
    def _on_state_changed(self, state: RecorderState, order_id: object) -> None:
        self._recorder_state = state
        if state == RecorderState.IDLE:
            self.view.order.clear()
        self.view.stop_button.setEnabled(state == RecorderState.RECORDING)
        self._refresh_banner()

    def _on_recording_started(self, order_id: str, scan_utc: object) -> None:
        self._recorder_state = RecorderState.RECORDING
        self.view.refusal.hide()
        # the clock counts from the scan: an order a restarted recorder continues keeps its time
        self.view.order.show_order(order_id, started_mono=_mono_of(scan_utc))
        self.view.stop_button.setEnabled(True)
        self.recent_model.order_started(order_id, scan_utc)
        self.sounds.play("start")
        self._refresh_banner()

    def _on_recording_stopped(self, order_id: str, reason: str) -> None:
        self.recent_model.order_stopped(order_id, reason)
        if self.view.cancel_bar.asking:
            self.view.cancel_bar.dismiss()
        if reason != "scan":  # on a switch the next order's start follows at once
            self.view.order.stop_clock()
        if reason in ("stop", "repeat", "cancel"):
            self.sounds.play("stop")

    def _on_scan_refused(self, raw: str, core_message: str, source: str, reason: str, detail: str) -> None:
        policy = policy_from_settings(self.services.settings)
        message = texts.scan_refused(raw, core_message, reason, detail, examples=policy.example_codes,
                                        station_problem=self.view.alerts.blocking_message())
        self.view.refusal.show_message(message)
        # The buzz answers the packer's own scan; what the camera happens to see (a product's
        # QR code on the bench) is shown but not sounded, or the station would buzz at random.
        if source != "camera":
            self.sounds.play("error")
        log.info("scan refused (%s): %s", source, core_message)

    def _on_scan_not_taken(self, code: str) -> None:
        self.view.refusal.show_message(texts.station_not_running())
        self.sounds.play("error")
        log.info("scan not taken (the station is not running): %r", code)

    def _on_scan_accepted(self, order_id: str, action: str, source: str) -> None:
        log.info("scan accepted (%s): %s → %s", source, order_id, action)

    def _on_burst_refused(self, chars: str) -> None:
        """Scanner-fast keys of code length that ended without Enter (or Tab) and reached no text field."""
        self.front_wanted.emit()
        self.view.refusal.show_message(texts.burst_without_terminator(chars))
        self.sounds.play("error")
        log.info("scan refused (scanner): %d fast keys %r ended without Enter%s", len(chars), chars,
                 " or Tab" if TAB_KEY in self.scanner.timing.terminators else "")

    def _on_split_refused(self, parts: str) -> None:
        """A code that arrived in parts (a pause inside the burst) and could not be joined safely."""
        self.front_wanted.emit()
        self.view.refusal.show_message(texts.code_in_parts(parts))
        self.sounds.play("error")
        log.info("scan refused (scanner): the code arrived in parts %r and was not joined", parts)

    def _on_clip_sealed(self, clip: object, seal: object) -> None:
        self.recent_model.clip_sealed(clip)

    def _on_clip_failed(self, order_id: str, message: str) -> None:
        self.recent_model.clip_failed(order_id, message)
        self._alert(f"clip-{order_id}", lambda: texts.clip_failed(order_id, message), blocking=False,
                    dismissable=True)

    def _on_archive_failed(self, what: str, message: str) -> None:
        self.recent_model.archive_failed(what, message)
        self._alert("archive", lambda: texts.archive_failed(message), blocking=False, dismissable=True)

    # A lost camera of two is an alert, not a problem, until both are lost: the other records on.
    def _on_camera_lost(self, message: str, camera: str = "") -> None:
        index = self._camera_index(camera)
        if index is None:  # the station's only camera, or an event from an older window's idea of it
            if _second(camera):
                self._alert(f"camera-{camera}", lambda: texts.second_camera_lost(message), blocking=False)
            else:
                self._alert("camera", lambda: texts.camera_lost(message), blocking=True)
            return
        self._lost.add(index)
        preview = self.view.cameras.previews[index]
        preview.set_provider(None)
        preview.set_placeholder(self.tr("{camera}: no picture").format(camera=texts.camera_name(index)))
        self._camera_alerts({index: message})

    def _camera_alerts(self, details: dict[int, str], *, sound: bool = True) -> None:
        """An alert for each lost camera of two; they stop new orders only when both are lost."""
        both = len(self._lost) == len(self._cameras)
        for index in sorted(self._lost):
            key = f"camera-{self._cameras[index]}"
            detail = details.get(index)
            if detail is None:
                old = self.view.alerts.message(key)
                detail = old.detail if old is not None else ""
            lost = texts.first_camera_lost if index == 0 else texts.second_camera_lost
            self._alert(key, lambda lost=lost, d=detail: lost(d), blocking=both, again=sound and index in details)

    def _on_camera_back(self, camera: str = "") -> None:
        index = self._camera_index(camera)
        if index is None:
            self.view.alerts.clear_alert(f"camera-{camera}" if _second(camera) else "camera")
            self.note.emit(self.tr("The second camera is back.") if _second(camera)
                           else self.tr("The camera is back."), 6000)
            return
        self._lost.discard(index)
        self.view.alerts.clear_alert(f"camera-{camera}")
        self.view.cameras.previews[index].set_provider(self._frames_of(index))
        self._camera_alerts({})
        self.note.emit(self.tr("{camera} is back.").format(camera=texts.camera_name(index)), 6000)

    def _camera_index(self, camera: str) -> int | None:
        """Which camera of two ``camera`` is (None on a station of one camera)."""
        return self._cameras.index(camera) if len(self._cameras) > 1 and camera in self._cameras else None

    def _on_encoder_died(self, message: str, camera: str = "") -> None:
        if _second(camera):
            self._alert(f"encoder-{camera}", lambda: texts.second_encoder_died(message), blocking=False)
        else:
            self._alert("encoder", lambda: texts.encoder_died(message), blocking=True)

    def _on_encoder_back(self, camera: str = "") -> None:
        self.view.alerts.clear_alert(f"encoder-{camera}" if _second(camera) else "encoder")
        self.note.emit(self.tr("Video recording is running again."), 6000)

    def _on_disk_checked(self, status: SpaceStatus) -> None:
        changed, self._disk_level = status.level != self._disk_level, status.level
        if status.free is None:  # the folder is gone or its disk does not answer
            self.disk_label.setText(self.tr("Disk: cannot be read"))
            detail = status.message or ""
            self._alert("disk", lambda: texts.storage_unreachable(detail), blocking=True, again=changed)
            return
        free_mb, reserve_mb = status.free // MIB, status.reserve // MIB
        self.disk_label.setText(self.tr("Disk: {free} free").format(free=formatting.file_size(free_mb * 1024 * 1024)))
        if changed and status.level in (FULL, WARNING):
            self.run_retention()  # make room from the oldest tape first
        if status.level == FULL:
            self._alert("disk", lambda: texts.disk_full(free_mb, reserve_mb), blocking=True, again=changed)
        elif status.level == WARNING:
            self._alert("disk", lambda: texts.disk_low(free_mb), blocking=False, again=changed)
        else:
            self.view.alerts.clear_alert("disk")

    def on_task_failed(self, label: str, exc: object) -> None:
        """A background task failed and nobody handled it: an alert the owner can dismiss."""
        assert isinstance(exc, BaseException)
        self.show_exception(f"task-{label}", exc)

    def show_exception(self, key: str, exc: BaseException) -> None:
        self._alert(key, lambda: texts.for_exception(exc), blocking=False, dismissable=True)

    # -- the recorder and the station, up and down -------------------------------------------
    def _on_connected(self, snapshot: Snapshot) -> None:
        """The recorder answered (at start, or after it or this window was restarted):
        show what it is doing now — an order may be recording since before this window."""
        self.view.alerts.clear_alert("recorder")
        self._ask_anchor_state()
        self.bench.restore(snapshot)
        try:
            self._recorder_state = RecorderState(snapshot.state)
        except ValueError:  # "starting" or "stopped": no order is open
            self._recorder_state = RecorderState.IDLE
        if self._recorder_state == RecorderState.RECORDING and snapshot.order_id:
            log.info("order %s still recording (recorder %d)", snapshot.order_id, snapshot.recorder_pid)
            self.view.order.show_order(snapshot.order_id, started_mono=_mono_of(snapshot.scan_utc))
            self.recent_model.order_started(snapshot.order_id, snapshot.scan_utc)
            self.view.stop_button.setEnabled(True)
        else:
            self.view.order.clear()
            self.view.stop_button.setEnabled(False)
        self._lost_at_connect = [i for i, ok in enumerate(snapshot.cameras_ok) if not ok]
        if not snapshot.camera_ok and snapshot.station is not None and not snapshot.cameras_ok:
            self._alert("camera", lambda: texts.camera_lost(""), blocking=True, again=False)
        if not snapshot.encoder_ok and snapshot.station is not None:
            self._alert("encoder", lambda: texts.encoder_died(""), blocking=True, again=False)
        if snapshot.recovery_summary:
            summary = texts.recovery_detail(snapshot.recovery) if snapshot.recovery is not None \
                else snapshot.recovery_summary
            self.view.alerts.show_alert("recovery", lambda: texts.recovered(summary), blocking=False,
                                        dismissable=True)
            self._load_today()  # the recovered clips are in the catalog now
        # The window opens the data dir beside the recorder: either may have rebuilt the catalog.
        notes = list(dict.fromkeys([*self.services.startup_notes(), *snapshot.startup_notes]))
        if notes:
            detail = "\n".join(notes)
            self.view.alerts.show_alert("startup", lambda: texts.startup_checked(detail), blocking=False,
                                        dismissable=True)
        self._refresh_banner()

    def _on_recorder_lost(self, message: str) -> None:
        self._show_no_picture(self.tr("Restarting the recording process…"))
        self._recorder_state = RecorderState.IDLE
        self.view.order.stop_clock()
        self.view.stop_button.setEnabled(False)
        self._alert("recorder", lambda: texts.recorder_lost(message), blocking=True)
        self._show_source(None)

    def _on_station_started(self, station: StationInfo) -> None:
        self.view.alerts.clear_alert("start")
        self._cameras = tuple(station.cameras) if len(station.cameras) > 1 else ()
        self._lost.clear()
        count = max(1, len(self._cameras))
        self._barcode_camera = station.barcode_camera if station.reads_barcodes else None
        cams = self.view.cameras
        cams.set_two(count > 1)
        for index, preview in enumerate(cams.previews[:count]):
            preview.set_provider(self._frames_of(index))
            preview.set_guide(GUIDE_ROI if index == self._barcode_camera else None)
        lost, self._lost_at_connect = self._lost_at_connect, []
        for index in lost:  # lost before this window connected (no event will say so)
            if index < len(self._cameras):
                self._lost.add(index)
                cams.previews[index].set_provider(None)
        self._show_captions()
        self._camera_alerts({index: "" for index in self._lost}, sound=False)
        self.view.retranslate()
        self._show_source(station)
        self._refresh_banner()
        self.cameras_shown.emit(count)

    def _frames_of(self, camera: int):
        if camera == 0:
            return self.controller.latest_frame
        return lambda: self.controller.latest_frame(camera)

    def _show_no_picture(self, text: str) -> None:
        for preview in self.view.cameras.previews:
            preview.set_provider(None)
            preview.set_placeholder(text)

    def _show_captions(self) -> None:
        """Name each picture when there are two, and say which one reads barcodes."""
        for index, preview in enumerate(self.view.cameras.previews):
            if not self._cameras:
                preview.set_caption("")
                continue
            name = texts.camera_name(index)
            preview.set_caption(self.tr("{camera} · reads barcodes").format(camera=name)
                                if index == self._barcode_camera else name)
            if index in self._lost:
                preview.set_placeholder(self.tr("{camera}: no picture").format(camera=name))

    def toggle_camera_layout(self) -> None:
        """F3: both cameras side by side, or the second inside the first (a station of two cameras)."""
        if not self.view.cameras.two:
            self.note.emit(self.tr("This station has one camera."), 4000)
            return
        mode = self.view.cameras.toggle_layout()
        self.note.emit(self.tr("Second camera shown inside the first.") if mode == PICTURE_IN_PICTURE
                       else self.tr("Both cameras side by side."), 4000)

    def _on_station_failed(self, detail: str) -> None:
        self._show_no_picture(self.tr("No picture: the station could not start."))
        self._alert("start", lambda: texts.station_failed(detail), blocking=True)

    def _on_first_frame(self) -> None:
        if self.startup_seconds is None:
            self.startup_seconds = time.monotonic() - self._started_at
            log.info("first preview frame %.2f s after start-up", self.startup_seconds)

    # -- display ---------------------------------------------------------------------------
    def _show_source(self, station: StationInfo | None) -> None:
        if station is None:
            self.view.show_source_notice("")
            self.source_label.setText("")
            return
        size = dict(w=station.width, h=station.height, fps=station.fps)
        if station.source_kind == "test":
            self.source_label.setText(self.tr("Test camera {w}×{h} @ {fps:g} fps").format(**size))
            self.view.show_source_notice(
                self.tr("No camera found: showing the built-in test camera.") if station.source_note
                else self.tr("Showing the built-in test camera, not a real camera."))
        elif station.source_kind == "file":
            self.source_label.setText(self.tr("Video file {name} {w}×{h} @ {fps:g} fps").format(
                name=station.source_name, **size))
            self.view.show_source_notice(self.tr("Showing a video file, not a live camera."))
        else:
            self.source_label.setText(station.source_description)  # the device's or stream's own name
            self.view.show_source_notice("")

    def _show_fps(self) -> None:
        preview = self.view.preview
        self.fps_label.setText(self.tr("Preview {fps:.0f} fps").format(fps=preview.fps)
                               if self.controller.station is not None else "")

    def _alert(self, key: str, make, *, blocking: bool, dismissable: bool = False, again: bool = True) -> None:
        self.view.alerts.show_alert(key, make, blocking=blocking, dismissable=dismissable)
        if again:
            self.sounds.play("error")

    def display_state(self) -> DisplayState:
        if self.view.alerts.blocking_message() is not None:
            return DisplayState.PROBLEM  # e.g. the recorder died and is starting again
        if self.controller.status == STARTING:
            return DisplayState.STARTING
        return _SHOWN_STATES.get(self._recorder_state, DisplayState.IDLE)

    def _refresh_banner(self) -> None:
        if self._closing:
            return
        state = self.display_state()
        problem = self.view.alerts.blocking_message()
        self.view.banner.set_state(state, problem.title if state == DisplayState.PROBLEM and problem else None)
        self.display_changed.emit(state)

    def retranslate(self) -> None:
        self._show_captions()
        for preview in self.view.cameras.previews:
            preview.update()
        self._show_source(self.controller.station)
        self._show_fps()


def _mono_of(scan_utc: object) -> float | None:
    """The monotonic time of the UTC time ``scan_utc`` (None when it is not a time)."""
    if not isinstance(scan_utc, datetime):
        return None
    return time.monotonic() - max(0.0, (datetime.now(timezone.utc) - scan_utc).total_seconds())


def _second(camera: str) -> bool:
    """Whether an event names a camera other than the station's first ("" from older recorders)."""
    return camera not in ("", "cam0")
