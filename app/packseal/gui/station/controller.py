"""The window's side of the recorder process: commands out, station life cycle in.

The station (camera, encoder, ledger writes) runs in the recorder process
(:mod:`packseal.core.remote.server`), so a crash of the window never stops
a recording. This controller holds the window's :class:`RecorderClient`,
sends the packer's commands on one serial lane of the task runner (they
reach the recorder one at a time and in order, never on the GUI thread),
and turns the recorder's life-cycle events into signals:

* ``connected`` with the recorder's snapshot — at start, and again after a
  new window or a new recorder came up (the window rebuilds what it shows);
* ``started`` / ``start_failed`` when the station (re)starts or cannot;
* ``recorder_lost`` the moment the recorder process goes away; the client
  starts a new one, whose recovery seals what the dead one recorded.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from packseal.core.capture.frame import Frame
from packseal.core.remote.client import RecorderClient, RecorderUnavailable
from packseal.core.remote.protocol import Snapshot, StationInfo
from packseal.gui.bridge import CoreBridge
from packseal.gui.tasks import TaskRunner

log = logging.getLogger(__name__)

STOPPED, STARTING, RUNNING, STOPPING = "stopped", "starting", "running", "stopping"


class StationController(QObject):
    connected = Signal(object)     # Snapshot
    started = Signal(object)       # StationInfo of the running station
    start_failed = Signal(str)     # why the station could not start
    recorder_lost = Signal(str)
    stopped = Signal()
    scan_not_taken = Signal(str)   # a code that arrived while no station was running

    def __init__(self, client: RecorderClient, lane: TaskRunner, bridge: CoreBridge,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.lane = lane
        self.status = STOPPED
        self.station: StationInfo | None = None  # the running station, as the recorder describes it
        self.snapshot: Snapshot | None = None
        bridge.recorder_connected.connect(self._on_connected)
        bridge.recorder_lost.connect(self._on_lost)
        bridge.station_started.connect(self._on_started)
        bridge.station_failed.connect(self._on_failed)
        bridge.station_stopped.connect(self._on_station_stopped)

    # -- life cycle -------------------------------------------------------------------
    def start(self) -> None:
        """Connect to the recorder (starting it when none runs)."""
        if self.status in (STARTING, RUNNING):
            return
        self.status = STARTING
        self.client.start()

    def restart(self) -> None:
        """Stop (finishing any open order) and start the station again with the current settings."""
        self.status = STARTING
        self.station = None
        self.lane.run(lambda: self.client.call("restart", timeout=180), label="restart station")

    def reload_settings(self, on_done: Callable[[bool], None]) -> None:
        """The recorder reads the saved settings and applies them; ``on_done(restarting)``."""
        self.lane.run(lambda: self.client.call("reload_settings", timeout=180), on_success=on_done,
                      label="apply settings")

    def run_retention(self, on_success: Callable[[Any], None],
                      on_failure: Callable[[BaseException], None]) -> None:
        self.lane.run(lambda: self.client.call("run_retention", timeout=1800), on_success=on_success,
                      on_failure=on_failure, label="retention")

    def shutdown(self, on_done: Callable[[], None]) -> None:
        """Stop the recorder (it joins and seals the last clip), then ``on_done`` on the GUI thread."""
        self.status = STOPPING
        self.station = None

        def work() -> None:
            self.client.expect_shutdown()
            try:
                self.client.call("shutdown", timeout=10)
            except RecorderUnavailable:
                self.client.stop_starting_recorder()  # or it was not listening yet
                return
            self.client.wait_gone(timeout=120)

        def done(_: object = None) -> None:
            self.client.close()
            self.status = STOPPED
            self.stopped.emit()
            on_done()

        self.lane.run(work, on_success=done, on_failure=done, label="stop recorder")

    def latest_frame(self, camera: int = 0) -> Frame | None:
        return self.client.latest_frame(camera)

    # -- commands -----------------------------------------------------------------------
    def scan(self, code: str, source: str = "scanner") -> None:
        def work() -> bool:
            try:
                return bool(self.client.call("scan", code=code, source=source))
            except RecorderUnavailable:
                return False

        def after(taken: bool) -> None:
            if not taken:
                log.info("scan %r not taken: the station is not running", code)
                self.scan_not_taken.emit(code)

        self.lane.run(work, on_success=after, label="scan")

    def stop_order(self, on_done: Callable[[bool], None] | None = None) -> None:
        self.lane.run(lambda: bool(self.client.call("stop_order")), on_success=on_done, label="stop order")

    def cancel_order(self, order_id: str, on_done: Callable[[str | None], None] | None = None) -> None:
        """Drop ``order_id`` without a clip, if it is still the order being recorded."""
        self.lane.run(lambda: self.client.call("cancel_order", order_id=order_id), on_success=on_done,
                      label="cancel order")

    def answer(self, command: str, on_done: Callable[[Any], None] | None = None,
               on_failure: Callable[[BaseException], None] | None = None, **args: Any) -> None:
        """The packer's answer or a bench command (confirm_warning, drop_warning, confirm_stop,
        continue_order, set_returns_mode, link_order, order_notes), on the serial lane after
        the scans before it."""
        self.lane.run(lambda: self.client.call(command, **args), on_success=on_done, on_failure=on_failure,
                      label=command)

    # -- from the recorder (GUI thread, through the bridge) ------------------------------------
    def _on_connected(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.connected.emit(snapshot)
        if self.status == STOPPING:
            return
        if snapshot.station is not None:
            self._on_started(snapshot.station)
        elif snapshot.station_error:
            self._on_failed(snapshot.station_error)
        else:
            self.status = STARTING

    def _on_lost(self, message: str) -> None:
        if self.status == STOPPING:
            return
        self.status = STARTING
        self.station = None
        self.recorder_lost.emit(message)

    def _on_started(self, info: StationInfo) -> None:
        if self.status == STOPPING:
            return
        self.status = RUNNING
        self.station = info
        self.started.emit(info)

    def _on_failed(self, message: str) -> None:
        if self.status == STOPPING:
            return
        self.status = STOPPED
        self.station = None
        self.start_failed.emit(message)

    def _on_station_stopped(self) -> None:
        if self.status == RUNNING:
            self.status = STARTING
        self.station = None
