"""Owns the running Station and sends it the window's commands, off the GUI thread.

Every command (start, scan, stop, cancel, restart, shutdown) runs on one
serial lane of the task runner, so they reach the core one at a time and in
the order the packer gave them. The GUI learns what happened from the core's
events (through the bridge), and from this controller's own signals for the
station's life cycle.
"""

from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import QObject, Signal

from packseal.compose import Services
from packseal.core.capture.barcode import Roi
from packseal.core.settings import Settings
from packseal.core.station import Station, policy_from_settings
from packseal.gui.tasks import TaskRunner

log = logging.getLogger(__name__)

STOPPED, STARTING, RUNNING, STOPPING = "stopped", "starting", "running", "stopping"

# Settings that need the camera and the tape to be opened again.
RESTART_FIELDS = ("source", "width", "height", "fps", "encoder", "quality", "preset", "segment_s",
                  "camera_barcodes", "test_camera_barcodes")
# The recorder keeps 30 s of recent segments, at least pre-roll + 10 s (Recorder.keep_s):
# a longer pre-roll than this needs a new recorder.
LIVE_PREROLL_LIMIT_S = 20.0


class StationController(QObject):
    started = Signal(object)       # the running Station
    start_failed = Signal(object)  # the exception
    stopped = Signal()
    scan_not_taken = Signal(str)   # a code that arrived while no station was running

    def __init__(self, services: Services, lane: TaskRunner, parent: QObject | None = None, *,
                 source: str | None = None, read_barcodes: bool | None = None,
                 guard: Callable[[], str | None] | None = None, roi: Roi | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.lane = lane
        self.source = source
        self.read_barcodes = read_barcodes
        self.guard = guard
        self.roi = roi
        self.status = STOPPED
        self._station: Station | None = None  # touched only on the lane, published to the GUI via signals
        self.station: Station | None = None   # the GUI's view: set when started, cleared when stopped

    # -- life cycle -------------------------------------------------------------------
    def start(self) -> None:
        if self.status in (STARTING, RUNNING):
            return
        self.status = STARTING
        self.lane.run(self._start_on_lane, on_success=self._on_started, on_failure=self._on_start_failed,
                      label="start station")

    def restart(self) -> None:
        """Stop (finishing any open order) and start again with the current settings."""
        self.status = STARTING
        self.station = None
        self.lane.run(self._stop_on_lane, label="stop station for restart")
        self.lane.run(self._start_on_lane, on_success=self._on_started, on_failure=self._on_start_failed,
                      label="restart station")

    def shutdown(self, on_done: Callable[[], None]) -> None:
        """Stop the station (joining the last clips), then call ``on_done`` on the GUI thread."""
        self.status = STOPPING
        self.station = None

        def done(_: object = None) -> None:
            self.status = STOPPED
            self.stopped.emit()
            on_done()

        self.lane.run(self._stop_on_lane, on_success=done, on_failure=done, label="stop station")

    # -- commands -----------------------------------------------------------------------
    def scan(self, code: str, source: str = "scanner") -> None:
        def work() -> bool:
            station = self._station
            if station is None or station.recorder is None:
                return False
            station.scan(code, source=source)  # refusals come back as ScanRefused events
            return True

        def after(taken: bool) -> None:
            if not taken:
                self.scan_not_taken.emit(code)

        self.lane.run(work, on_success=after, label="scan")

    def stop_order(self, on_done: Callable[[bool], None] | None = None) -> None:
        self.lane.run(lambda: bool(self._station and self._station.stop_order()), on_success=on_done,
                      label="stop order")

    def cancel_order(self, order_id: str, on_done: Callable[[str | None], None] | None = None) -> None:
        """Drop ``order_id`` without a clip, if it is still the order being recorded."""
        def work() -> str | None:
            station = self._station
            if station is None or station.recorder is None or station.recorder.current_order != order_id:
                return None  # another scan came first: never cancel an order the packer did not confirm
            return station.cancel_order()

        self.lane.run(work, on_success=on_done, label="cancel order")

    def apply_settings(self, old: Settings, new: Settings) -> bool:
        """Apply what can change on the fly; returns True when a restart was started for the rest."""
        needs_restart = any(getattr(old, f) != getattr(new, f) for f in RESTART_FIELDS)
        needs_restart |= new.preroll_s > LIVE_PREROLL_LIMIT_S and new.preroll_s != old.preroll_s
        if needs_restart:
            self.restart()
            return True
        policy = policy_from_settings(new)

        def live() -> None:
            station = self._station
            if station is None:
                return
            if station.overlay is not None:
                station.overlay.station = new.station_name
                station.overlay.show_qr = new.show_qr
            if station.recorder is not None:
                station.recorder.station = new.station_name
                station.recorder.preroll_s = new.preroll_s
                station.recorder.postroll_s = new.postroll_s
                station.recorder.policy = policy

        self.lane.run(live, label="apply settings")
        return False

    # -- on the lane ---------------------------------------------------------------------
    def _start_on_lane(self) -> Station:
        station = self.services.station(self.source, read_barcodes=self.read_barcodes, guard=self.guard)
        try:
            station.start()
        except BaseException:
            _stop_quietly(station)
            raise
        if station.watcher is not None and self.roi is not None:
            station.watcher.roi = self.roi
        self._station = station
        return station

    def _stop_on_lane(self) -> None:
        station, self._station = self._station, None
        if station is not None:
            station.stop()

    # -- back on the GUI thread ------------------------------------------------------------
    def _on_started(self, station: Station) -> None:
        if self.status == STOPPING:
            return
        self.status = RUNNING
        self.station = station
        self.started.emit(station)

    def _on_start_failed(self, exc: BaseException) -> None:
        if self.status == STOPPING:
            return
        self.status = STOPPED
        self.station = None
        self.start_failed.emit(exc)


def _stop_quietly(station: Station) -> None:
    """Undo a half-finished start (camera open, tape not) without hiding the start's error."""
    try:
        station.stop(timeout=10)
    except Exception:
        log.exception("cleaning up after a failed station start")
