"""The main window: a thin shell wiring the views to the core.

It owns nothing clever: three pages (see :mod:`.pages`) — the station view
(the default), the library and the dispute view; the controller commands
the recorder process on its lane, the bridge brings the recorder's events,
the scanner filter brings scans, the alert panel holds problems. This class
connects them and turns events into what the packer sees and hears.

The recording itself runs in the recorder process, not here: when this
window is closed normally it stops the recorder (finishing the last clip);
when it dies, the recorder records on and a new window picks up the running
order from the recorder's snapshot (``_on_connected``).

Scans and keys while another page is in front: the station records
whatever page is shown, and a scanner burst always goes to the station
(and brings the station page to the front, so the packer sees the order
start) — except a burst into a field that takes scanned codes itself, such
as the dispute view's order field (``scanner.PASSTHROUGH_PROPERTY``).
F9 stops the order from every page; Esc stops it only on the station page,
because elsewhere Esc means "never mind" to the owner; F8 brings the
station page to the front and asks there.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStyle, QWidget

from packseal.compose import Services
from packseal.core.capture.barcode import GUIDE_ROI
from packseal.core.remote.client import RecorderClient
from packseal.core.remote.messages import Snapshot, StationInfo
from packseal.core.settings import Settings, save_settings
from packseal.core.station import policy_from_settings
from packseal.gui import messages
from packseal.gui.about import AboutDialog
from packseal.gui.anchor_status import AnchorStatus
from packseal.gui.bridge import CoreBridge
from packseal.gui.disk_watch import FULL, LOW, DiskWatcher
from packseal.gui.dispute import DisputeView
from packseal.gui.i18n import Translations
from packseal.gui.library import LibraryView
from packseal.core.storage.layout import remember_data_dir
from packseal.gui.pages import DISPUTE, LIBRARY, STATION, PageSwitcher
from packseal.gui.recent_clips import RecentClipsModel, today_start_utc
from packseal.gui.scanner import TAB_KEY, ScannerFilter, ScannerTiming, configure_scanner
from packseal.gui.settings_dialog import KeyInfo, SettingsDialog
from packseal.gui.sounds import SoundCues
from packseal.gui.station_controller import STARTING, StationController
from packseal.gui.station_view import StationView
from packseal.gui.tasks import TaskRunner
from packseal.gui.theme import STATE_LOOKS, DisplayState, icon

log = logging.getLogger(__name__)


class StationWindow(QMainWindow):
    shut_down = Signal()  # the station has stopped and the window may go away

    def __init__(self, services: Services, client: RecorderClient, *, translations: Translations,
                 sounds: SoundCues | None = None,
                 scanner_timing: ScannerTiming | None = None, data_dir_fixed: bool = False,
                 disk_interval_ms: int = 10_000, started_at: float | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stationWindow")
        self.setWindowIcon(icon("packseal.svg"))
        self.services = services
        self.translations = translations
        self.data_dir_fixed = data_dir_fixed
        self._started_at = started_at if started_at is not None else time.monotonic()
        self._recorder_state = "idle"
        self._disk_level = "ok"
        self._closing = self._closed = False
        self.startup_seconds: float | None = None

        self.tasks = TaskRunner(self, name="background")
        self.lane = TaskRunner(self, serial=True, name="station")
        # The owner's slow work (searches, comparisons, packs) never queues behind the station's.
        self.owner_tasks = TaskRunner(self, name="owner")
        self.bridge = CoreBridge(services.hub, self)
        self.recent_model = RecentClipsModel(self)
        self.view = StationView(self.recent_model, self)
        self.library = LibraryView(services, self.owner_tasks, bridge=self.bridge)
        self.dispute = DisputeView(services, self.owner_tasks)
        self.pages = PageSwitcher(self)
        style = self.style()
        for key, page, page_icon, keys in (
                (STATION, self.view, icon(STATE_LOOKS[DisplayState.STARTING].icon), "Ctrl+1"),
                (LIBRARY, self.library, style.standardIcon(QStyle.StandardPixmap.SP_DirOpenIcon), "Ctrl+2"),
                (DISPUTE, self.dispute, style.standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView),
                 "Ctrl+3")):
            self.addAction(self.pages.add_page(key, page, page_icon, keys))
        self.setCentralWidget(self.pages)
        self.sounds = sounds if sounds is not None else SoundCues(self)
        self.disk = DiskWatcher(services.layout.root, lambda: self.services.settings.reserve_mb, self.tasks,
                                self, interval_ms=disk_interval_ms)
        self.controller = StationController(client, self.lane, self.bridge, self)
        self.scanner = ScannerFilter(self, scanner_timing)
        configure_scanner(self.scanner, services.settings)
        QApplication.instance().installEventFilter(self.scanner)

        self._build_actions()
        self._build_status_bar()
        self._connect()
        self.retranslate()
        self.resize(1280, 800)

    # -- construction -----------------------------------------------------------------------
    def _build_actions(self) -> None:
        def action(slot, *keys: QKeySequence | str) -> QAction:
            a = QAction(self)
            a.setShortcuts([QKeySequence(k) for k in keys])
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        self.stop_action = action(self.stop_order, "F9", "Esc")
        self.cancel_action = action(self.ask_cancel, "F8")
        self.restart_action = action(self.restart_station, "F5")
        self.settings_action = action(self.open_settings, QKeySequence.StandardKey.Preferences, "Ctrl+,")
        self.about_action = action(self.open_about, "F1")
        self.quit_action = action(self.close, "Ctrl+Q")  # once: Quit's standard key is Ctrl+Q too
        self.station_menu = self.menuBar().addMenu("")
        for a in (self.stop_action, self.cancel_action, self.restart_action, None, self.settings_action,
                  None, self.quit_action):
            self.station_menu.addSeparator() if a is None else self.station_menu.addAction(a)
        self.view_menu = self.menuBar().addMenu("")
        for key in (STATION, LIBRARY, DISPUTE):
            self.view_menu.addAction(self.pages.actions[key])
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.about_action)
        self.view.stop_button.clicked.connect(self.stop_order)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.source_label, self.fps_label, self.disk_label, self.key_label = (QLabel(self) for _ in range(4))
        for w in (self.source_label, self.fps_label, self.disk_label, self.key_label):
            w.setContentsMargins(10, 0, 10, 0)
            bar.addPermanentWidget(w)
        self.anchor_status = AnchorStatus(self)
        bar.addPermanentWidget(self.anchor_status)
        self._anchor_timer = QTimer(self)  # the recorder's anchoring state, every few seconds
        self._anchor_timer.setInterval(5000)
        self._anchor_timer.timeout.connect(self._ask_anchor_state)
        self._retention_running = False
        self._fps_timer = QTimer(self)
        self._fps_timer.setInterval(1000)
        self._fps_timer.timeout.connect(self._show_fps)

    def _connect(self) -> None:
        b, v = self.bridge, self.view
        self.scanner.code_scanned.connect(self.on_code_scanned)
        self.scanner.burst_refused.connect(self._on_burst_refused)
        b.scan_accepted.connect(self._on_scan_accepted)
        b.state_changed.connect(self._on_state_changed)
        b.recording_started.connect(self._on_recording_started)
        b.recording_stopped.connect(self._on_recording_stopped)
        b.scan_refused.connect(self._on_scan_refused)
        b.clip_sealed.connect(self._on_clip_sealed)
        b.clip_assembled.connect(self.recent_model.clip_assembled)
        b.clip_failed.connect(self._on_clip_failed)
        b.archive_failed.connect(self._on_archive_failed)
        b.camera_lost.connect(self._on_camera_lost)
        b.camera_back.connect(self._on_camera_back)
        b.encoder_died.connect(self._on_encoder_died)
        b.encoder_back.connect(self._on_encoder_back)
        self.controller.connected.connect(self._on_connected)
        self.controller.started.connect(self._on_station_started)
        self.controller.start_failed.connect(self._on_station_failed)
        self.controller.recorder_lost.connect(self._on_recorder_lost)
        self.controller.scan_not_taken.connect(self._on_scan_not_taken)
        self.tasks.failed_unhandled.connect(self._on_task_failed)
        self.lane.failed_unhandled.connect(self._on_task_failed)
        self.owner_tasks.failed_unhandled.connect(self._on_task_failed)
        self.pages.page_changed.connect(self._on_page_changed)
        self.library.dispute_requested.connect(self.open_dispute)
        self.disk.checked.connect(self._on_disk_checked)
        v.alerts.changed.connect(self._refresh_banner)
        v.cancel_bar.confirmed.connect(self._cancel_confirmed)
        v.preview.first_frame_shown.connect(self._on_first_frame)

    # -- life cycle ------------------------------------------------------------------------
    def start(self) -> None:
        """Connect to the recorder (starting it when none runs), load today's orders, watch the disk."""
        self.view.preview.set_placeholder(self.tr("Starting the camera…"))
        self.controller.start()
        self.disk.start()
        self._fps_timer.start()
        self._anchor_timer.start()
        self._load_today()
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
            self.statusBar().showMessage(messages.retention_done(report.summary()), 15000)
            self.disk.check_now()
        if report.message:
            detail = report.message
            self._alert("retention", lambda: messages.retention_short(detail), blocking=False, again=False)

    def _retention_failed(self, exc: BaseException) -> None:
        self._retention_running = False
        self._show_exception("task-retention", exc)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._closed:
            event.accept()
            return
        event.ignore()
        if self._closing:
            return
        self._closing = True
        self.scanner.enabled = False
        self.view.preview.set_provider(None)
        self.view.preview.set_placeholder(self.tr("Finishing the last clip and closing…"))
        self.view.banner.set_state(DisplayState.FINISHING, self.tr("Closing: finishing the last clip…"))
        self.controller.shutdown(self._finish_close)

    def _finish_close(self) -> None:
        self.library.shutdown()
        self.dispute.shutdown()
        self.disk.stop()
        self._fps_timer.stop()
        self._anchor_timer.stop()
        self.bridge.close()
        QApplication.instance().removeEventFilter(self.scanner)
        self._closed = True
        self.shut_down.emit()
        self.close()

    # -- commands ----------------------------------------------------------------------------
    def on_code_scanned(self, code: str) -> None:
        """A code read by the hand scanner (see scanner.py): start, switch or stop an order."""
        self.pages.show_page(STATION)  # the packer scanned: show the station, whatever page was in front
        if self.view.cancel_bar.asking:
            self.view.cancel_bar.dismiss()  # a new scan answers the question: keep, then act on the scan
        self.controller.scan(code, "scanner")

    def stop_order(self) -> None:
        self.view.cancel_bar.dismiss()
        self.controller.stop_order(on_done=self._after_stop)

    def _after_stop(self, stopped: bool) -> None:
        if not stopped:
            self.statusBar().showMessage(self.tr("Nothing is recording."), 4000)

    def ask_cancel(self) -> None:
        self.pages.show_page(STATION)  # the question is asked on the station page
        order = self.view.order.order_id
        if self._recorder_state != "recording" or not order:
            self.statusBar().showMessage(self.tr("Nothing to cancel: no order is recording."), 4000)
            return
        self.view.cancel_bar.ask(order)

    def _cancel_confirmed(self, order_id: str) -> None:
        def done(cancelled: str | None) -> None:
            if cancelled:
                self.statusBar().showMessage(self.tr("Order {order} cancelled; no clip was made.")
                                             .format(order=cancelled), 6000)
        self.controller.cancel_order(order_id, on_done=done)

    def restart_station(self) -> None:
        for key in ("encoder", "start", "camera"):
            self.view.alerts.clear_alert(key)
        self.view.preview.set_provider(None)
        self.view.preview.set_placeholder(self.tr("Restarting the camera…"))
        self.controller.restart()
        self._refresh_banner()

    def open_dispute(self, order_id: str) -> None:
        """Show the dispute page for ``order_id`` (the library's "open dispute view")."""
        self.pages.show_page(DISPUTE)
        self.dispute.open_order(order_id)

    def _on_page_changed(self, key: str) -> None:
        # Esc stops an order only where the packer works; elsewhere it belongs to the page.
        keys = ["F9", "Esc"] if key == STATION else ["F9"]
        self.stop_action.setShortcuts([QKeySequence(k) for k in keys])

    def open_settings(self) -> SettingsDialog:
        key = self.services.ledger.public_key
        dialog = SettingsDialog(self.services.settings, data_dir=self.services.layout.root,
                                data_dir_fixed=self.data_dir_fixed,
                                key=KeyInfo(key.fingerprint, key.key_id, key.pem()), runner=self.tasks,
                                parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted_settings.connect(self.apply_settings)
        dialog.open()  # window-modal but not a nested event loop: the station keeps running
        return dialog

    def open_about(self) -> AboutDialog:
        dialog = AboutDialog(fingerprint=self.services.ledger.public_key.fingerprint,
                             data_dir=self.services.layout.root, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def apply_settings(self, new: Settings, folder: Path | None) -> None:
        """Save ``new`` (on a worker), then apply what can change without a restart."""
        path = self.services.layout.settings_file

        def save() -> None:
            save_settings(new, path)
            if folder is not None:
                folder.mkdir(parents=True, exist_ok=True)
                remember_data_dir(folder)

        self.tasks.run(save, on_success=lambda _: self._settings_saved(new, folder),
                       on_failure=lambda exc: self._show_exception("settings", exc), label="save settings")

    def _settings_saved(self, new: Settings, folder: Path | None) -> None:
        current = self.services.settings
        old = dataclasses.replace(current)
        for f in dataclasses.fields(Settings):  # in place: the views hold this same object
            setattr(current, f.name, getattr(new, f.name))
        if new.language != old.language:
            self.translations.apply(new.language)
        configure_scanner(self.scanner, current)
        self.controller.reload_settings(self._settings_applied)
        self.disk.check_now()
        self.retranslate()
        note = self.tr("Settings saved.")
        if folder is not None:
            note += " " + self.tr("The new storage folder {path} is used after PackSeal restarts.").format(
                path=folder)
        self.statusBar().showMessage(note, 10_000)

    def _settings_applied(self, restarting: bool) -> None:
        if restarting:  # the recorder restarts the camera; station_started follows
            self.view.preview.set_provider(None)
            self.view.preview.set_placeholder(self.tr("Restarting the camera with the new settings…"))
            self._refresh_banner()

    # -- core events ---------------------------------------------------------------------
    def _on_state_changed(self, state: str, order_id: object) -> None:
        self._recorder_state = state
        if state == "idle":
            self.view.order.clear()
        self.view.stop_button.setEnabled(state == "recording")
        self._refresh_banner()

    def _on_recording_started(self, order_id: str, scan_utc: object) -> None:
        self._recorder_state = "recording"
        self.view.refusal.hide()
        self.view.order.show_order(order_id)
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
        message = messages.scan_refused(raw, core_message, reason, detail, examples=policy.examples,
                                        station_problem=self.view.alerts.blocking_message())
        self.view.refusal.show_message(message)
        # The buzz answers the packer's own scan; what the camera happens to see (a product's
        # QR code on the bench) is shown but not sounded, or the station would buzz at random.
        if source != "camera":
            self.sounds.play("error")
        log.info("scan refused (%s): %s", source, core_message)

    def _on_scan_not_taken(self, code: str) -> None:
        self.view.refusal.show_message(messages.station_not_running())
        self.sounds.play("error")
        log.info("scan not taken (the station is not running): %r", code)

    def _on_scan_accepted(self, order_id: str, action: str, source: str) -> None:
        log.info("scan accepted (%s): %s → %s", source, order_id, action)

    def _on_burst_refused(self, chars: str) -> None:
        """Scanner-fast keys of code length that ended without Enter (or Tab) and reached no text field."""
        self.pages.show_page(STATION)
        self.view.refusal.show_message(messages.burst_without_terminator(chars))
        self.sounds.play("error")
        log.info("scan refused (scanner): %d fast keys %r ended without Enter%s", len(chars), chars,
                 " or Tab" if TAB_KEY in self.scanner.timing.terminators else "")

    def _on_clip_sealed(self, clip: object, seal: object) -> None:
        self.recent_model.clip_sealed(clip)

    def _on_clip_failed(self, order_id: str, message: str) -> None:
        self.recent_model.clip_failed(order_id, message)
        self._alert(f"clip-{order_id}", lambda: messages.clip_failed(order_id, message), blocking=False,
                    dismissable=True)

    def _on_archive_failed(self, what: str, message: str) -> None:
        self.recent_model.archive_failed(what, message)
        self._alert("archive", lambda: messages.archive_failed(message), blocking=False, dismissable=True)

    def _on_camera_lost(self, message: str) -> None:
        self._alert("camera", lambda: messages.camera_lost(message), blocking=True)

    def _on_camera_back(self) -> None:
        self.view.alerts.clear_alert("camera")
        self.statusBar().showMessage(self.tr("The camera is back."), 6000)

    def _on_encoder_died(self, message: str) -> None:
        self._alert("encoder", lambda: messages.encoder_died(message), blocking=True)

    def _on_encoder_back(self) -> None:
        self.view.alerts.clear_alert("encoder")
        self.statusBar().showMessage(self.tr("Video recording is running again."), 6000)

    def _on_disk_checked(self, free_mb: int, level: str) -> None:
        reserve = self.services.settings.reserve_mb
        changed, self._disk_level = level != self._disk_level, level
        self.disk_label.setText(self.tr("Disk: {free} free").format(free=messages.format_size(free_mb)))
        if changed and level in (FULL, LOW):
            self.run_retention()  # make room from the oldest tape first
        if level == FULL:
            self._alert("disk", lambda: messages.disk_full(free_mb, reserve), blocking=True, again=changed)
        elif level == LOW:
            self._alert("disk", lambda: messages.disk_low(free_mb), blocking=False, again=changed)
        else:
            self.view.alerts.clear_alert("disk")

    def _on_task_failed(self, label: str, exc: object) -> None:
        assert isinstance(exc, BaseException)
        self._show_exception(f"task-{label}", exc)

    def _show_exception(self, key: str, exc: BaseException) -> None:
        self._alert(key, lambda: messages.for_exception(exc), blocking=False, dismissable=True)

    # -- station life cycle -----------------------------------------------------------------
    def _on_connected(self, snapshot: Snapshot) -> None:
        """The recorder answered (at start, or after it or this window was restarted):
        show what it is doing now — an order may be recording since before this window."""
        self.view.alerts.clear_alert("recorder")
        self._recorder_state = snapshot.state if snapshot.state in ("recording", "finishing") else "idle"
        if snapshot.state == "recording" and snapshot.order_id:
            log.info("order %s still recording (recorder %d)", snapshot.order_id, snapshot.recorder_pid)
            started = None
            if snapshot.scan_utc is not None:
                started = time.monotonic() - max(0.0, (datetime.now(timezone.utc) - snapshot.scan_utc)
                                                 .total_seconds())
            self.view.order.show_order(snapshot.order_id, started_mono=started)
            self.recent_model.order_started(snapshot.order_id, snapshot.scan_utc)
            self.view.stop_button.setEnabled(True)
        else:
            self.view.order.clear()
            self.view.stop_button.setEnabled(False)
        if not snapshot.camera_ok and snapshot.station is not None:
            self._alert("camera", lambda: messages.camera_lost(""), blocking=True, again=False)
        if not snapshot.encoder_ok and snapshot.station is not None:
            self._alert("encoder", lambda: messages.encoder_died(""), blocking=True, again=False)
        if snapshot.recovery_summary:
            summary = snapshot.recovery_summary
            self.view.alerts.show_alert("recovery", lambda: messages.recovered(summary), blocking=False,
                                        dismissable=True)
            self._load_today()  # the recovered clips are in the catalog now
        if snapshot.startup_notes:
            detail = "\n".join(snapshot.startup_notes)
            self.view.alerts.show_alert("startup", lambda: messages.startup_checked(detail), blocking=False,
                                        dismissable=True)
        self._refresh_banner()

    def _on_recorder_lost(self, message: str) -> None:
        self.view.preview.set_provider(None)
        self.view.preview.set_placeholder(self.tr("Restarting the recording process…"))
        self._recorder_state = "idle"
        self.view.order.stop_clock()
        self.view.stop_button.setEnabled(False)
        self._alert("recorder", lambda: messages.recorder_lost(message), blocking=True)
        self._show_source(None)

    def _on_station_started(self, station: StationInfo) -> None:
        self.view.alerts.clear_alert("start")
        self.view.preview.set_provider(self.controller.latest_frame)
        self.view.preview.set_guide(GUIDE_ROI if station.reads_barcodes else None)
        self._show_source(station)
        self._refresh_banner()

    def _on_station_failed(self, detail: str) -> None:
        self.view.preview.set_provider(None)
        self.view.preview.set_placeholder(self.tr("No picture: the station could not start."))
        self._alert("start", lambda: messages.station_failed(detail), blocking=True)

    def _on_first_frame(self) -> None:
        if self.startup_seconds is None:
            self.startup_seconds = time.monotonic() - self._started_at
            log.info("first preview frame %.2f s after start-up", self.startup_seconds)

    def _show_source(self, station: StationInfo | None) -> None:
        if station is None:
            self.view.show_source_notice("")
            self.source_label.setText("")
            return
        if station.is_test:
            self.source_label.setText(self.tr("Test camera {w}×{h} @ {fps:g} fps").format(
                w=station.width, h=station.height, fps=station.fps))
        else:
            self.source_label.setText(station.source_description)  # the device's or stream's own name
        if station.is_test:
            self.view.show_source_notice(
                self.tr("No camera found: showing the built-in test camera.") if station.source_note
                else self.tr("Showing the built-in test camera, not a real camera."))
        else:
            self.view.show_source_notice("")

    def _show_fps(self) -> None:
        preview = self.view.preview
        self.fps_label.setText(self.tr("Preview {fps:.0f} fps").format(fps=preview.fps)
                               if self.controller.station is not None else "")

    # -- display ---------------------------------------------------------------------------
    def _alert(self, key: str, make, *, blocking: bool, dismissable: bool = False, again: bool = True) -> None:
        self.view.alerts.show_alert(key, make, blocking=blocking, dismissable=dismissable)
        if again:
            self.sounds.play("error")

    def display_state(self) -> DisplayState:
        if self.view.alerts.blocking_message() is not None:
            return DisplayState.PROBLEM  # e.g. the recorder died and is starting again
        if self.controller.status == STARTING:
            return DisplayState.STARTING
        return {"recording": DisplayState.RECORDING, "finishing": DisplayState.FINISHING}.get(
            self._recorder_state, DisplayState.IDLE)

    def _refresh_banner(self) -> None:
        if self._closing:
            return
        state = self.display_state()
        problem = self.view.alerts.blocking_message()
        self.view.banner.set_state(state, problem.title if state == DisplayState.PROBLEM and problem else None)
        self.pages.set_icon(STATION, icon(STATE_LOOKS[state].icon))  # seen from the other pages too

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("PackSeal 打包存证 — {station}").format(
            station=self.services.settings.station_name))
        self.station_menu.setTitle(self.tr("&Station"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.view_menu.setTitle(self.tr("&View"))
        self.pages.set_text(STATION, self.tr("Station"), self.tr("The packing station: live picture and orders"))
        self.pages.set_text(LIBRARY, self.tr("Library"), self.tr("Every recorded clip: search, play, check"))
        self.pages.set_text(DISPUTE, self.tr("Dispute"), self.tr("A refund photo against the packing clip"))
        self.stop_action.setText(self.tr("Stop the order"))
        self.cancel_action.setText(self.tr("Cancel the order…"))
        self.restart_action.setText(self.tr("Restart the camera"))
        self.settings_action.setText(self.tr("Settings…"))
        self.about_action.setText(self.tr("About PackSeal"))
        self.quit_action.setText(self.tr("Quit"))
        self.key_label.setText(self.tr("Key {fp}").format(fp=self.services.ledger.public_key.fingerprint))
        self.view.preview.update()
        self._show_source(self.controller.station)
        self._show_fps()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
