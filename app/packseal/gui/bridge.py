"""Core events → Qt signals: the one place the window listens to the core.

The recorder process publishes its events to the window over the local
channel; the window's :class:`RecorderClient` republishes each on the
window's :class:`EventHub`, from its link thread. The bridge
re-emits each as a typed Qt signal; because the bridge lives on the GUI
thread, Qt queues the emission and every connected slot runs on the GUI
thread, in the order the events were published.

One ordering fact worth knowing: the archive listens on the same hub and
seals a clip *while* ``ClipAssembled`` is being published, so the bridge
receives ``ClipSealed`` (or ``ArchiveFailed``) for a clip just before that
clip's ``ClipAssembled``.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from packseal.core.archive import ArchiveFailed, ClipSealed
from packseal.core.events import EventHub
from packseal.core.packing.events import (
    CheckUpdated, PackerSignedIn, ReturnsModeChanged, StopAnswered, StopAsked, WarningAnswered, WarningAsked,
    WeightOutside,
)
from packseal.core.scale.events import ScaleBack, ScaleLost, ScaleReading
from packseal.core.upkeep.catalog_trust import CatalogDamageFound
from packseal.core.upkeep.reconcile import FilesChecked
from packseal.core.sync.events import HubForked, SyncFailed, SyncPassed
from packseal.core.remote.protocol import (
    RecorderConnected, RecorderLost, StationFailed, StationStarted, StationStopped,
)
from packseal.core.recording.events import (
    CameraBack, CameraLost, ClipAssembled, ClipFailed, EncoderBack, EncoderDied, OrderStarted, OrderStopped,
    ScanAccepted, ScanRefused, SegmentClosed, StateChanged,
)

log = logging.getLogger(__name__)


class CoreBridge(QObject):
    """Subscribes to the hub on creation; call :meth:`close` before the hub goes away."""

    state_changed = Signal(object, object)         # RecorderState, order id or None
    scan_accepted = Signal(str, str, str)          # order id, action ("start"|"stop"|"switch"), source
    scan_refused = Signal(str, str, str, str, str)  # raw code, core's message, source, reason, detail
    recording_started = Signal(str, object)        # order id, scan time (UTC datetime)
    recording_stopped = Signal(str, str)           # order id, reason ("scan"|"repeat"|"stop"|"cancel"|"shutdown")
    segment_closed = Signal(object)                # Segment
    clip_assembled = Signal(object)                # Clip (joined, not yet sealed)
    clip_failed = Signal(str, str)                 # order id, message
    clip_sealed = Signal(object, object)           # Clip (with ledger_seq), seal file Path
    archive_failed = Signal(str, str)              # what (event name), message
    catalog_damaged = Signal(str)                  # message (the catalog's full read found damage)
    files_checked = Signal(str)                    # what the look at every file after the start found
    camera_lost = Signal(str, str)                 # message, camera ("cam1"; "" for a station's only camera)
    camera_back = Signal(str)                      # camera
    encoder_died = Signal(str, str)                # message, camera (the station restarts the encoder itself)
    encoder_back = Signal(str)                     # camera
    recorder_connected = Signal(object)            # Snapshot of the recorder (at connection)
    recorder_lost = Signal(str)                    # message
    station_started = Signal(object)               # StationInfo
    station_failed = Signal(str)                   # message
    station_stopped = Signal()
    check_updated = Signal(object, object)         # CheckState, ScanLine of the product scan that changed it or None
    warning_asked = Signal(object)                 # WarningAsked: an order held for the packer's Enter or Esc
    warning_answered = Signal(str, str)            # code, decision ("confirmed" | "dropped")
    stop_asked = Signal(object)                    # StopAsked: items missing at stop
    stop_answered = Signal(str, bool)              # order id, stopped
    packer_signed_in = Signal(str)                 # badge code
    returns_mode_changed = Signal(bool)
    weight_outside = Signal(object)                # WeightOutside
    scale_reading = Signal(object)                 # ScaleReading (grams, stable, unit, port)
    scale_lost = Signal(object)                    # ScaleLost (port, reason, message, sample)
    scale_back = Signal(str)                       # port
    hub_synced = Signal(int, int)                  # files uploaded by the pass, files and entries pending
    hub_sync_failed = Signal(str)                  # why the pass stopped (it is tried again)
    hub_forked = Signal(str)                       # the hub refuses this station's history

    def __init__(self, hub: EventHub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._routes: dict[type, Callable[[Any], None]] = {
            StateChanged: lambda e: self.state_changed.emit(e.state, e.order_id),
            ScanAccepted: lambda e: self.scan_accepted.emit(e.order_id, e.action, e.source),
            ScanRefused: lambda e: self.scan_refused.emit(e.raw, e.message, e.source, e.reason, e.detail),
            OrderStarted: lambda e: self.recording_started.emit(e.order_id, e.scan_utc),
            OrderStopped: lambda e: self.recording_stopped.emit(e.order_id, e.reason),
            SegmentClosed: lambda e: self.segment_closed.emit(e.segment),
            ClipAssembled: lambda e: self.clip_assembled.emit(e.clip),
            ClipFailed: lambda e: self.clip_failed.emit(e.order_id, e.message),
            ClipSealed: lambda e: self.clip_sealed.emit(e.clip, e.seal),
            ArchiveFailed: lambda e: self.archive_failed.emit(e.what, e.message),
            CatalogDamageFound: lambda e: self.catalog_damaged.emit(e.message),
            FilesChecked: lambda e: self.files_checked.emit(e.summary),
            CameraLost: lambda e: self.camera_lost.emit(e.message, e.camera),
            CameraBack: lambda e: self.camera_back.emit(e.camera),
            EncoderDied: lambda e: self.encoder_died.emit(e.message, e.camera),
            EncoderBack: lambda e: self.encoder_back.emit(e.camera),
            RecorderConnected: lambda e: self.recorder_connected.emit(e.snapshot),
            RecorderLost: lambda e: self.recorder_lost.emit(e.message),
            StationStarted: lambda e: self.station_started.emit(e.info),
            StationFailed: lambda e: self.station_failed.emit(e.message),
            StationStopped: lambda e: self.station_stopped.emit(),
            CheckUpdated: lambda e: self.check_updated.emit(e.state, e.scan),
            WarningAsked: lambda e: self.warning_asked.emit(e),
            WarningAnswered: lambda e: self.warning_answered.emit(e.code, e.decision),
            StopAsked: lambda e: self.stop_asked.emit(e),
            StopAnswered: lambda e: self.stop_answered.emit(e.order_id, e.stopped),
            PackerSignedIn: lambda e: self.packer_signed_in.emit(e.packer),
            ReturnsModeChanged: lambda e: self.returns_mode_changed.emit(e.on),
            WeightOutside: lambda e: self.weight_outside.emit(e),
            ScaleReading: self.scale_reading.emit,
            ScaleLost: self.scale_lost.emit,
            ScaleBack: lambda e: self.scale_back.emit(e.port),
            SyncPassed: lambda e: self.hub_synced.emit(e.uploaded, e.pending),
            SyncFailed: lambda e: self.hub_sync_failed.emit(e.message),
            HubForked: lambda e: self.hub_forked.emit(e.message),
        }
        self._closed = False
        self._unsubscribe = hub.subscribe(self._on_event)

    def close(self) -> None:
        """Stop listening (idempotent). Events published afterwards are dropped."""
        self._closed = True
        self._unsubscribe()

    def _on_event(self, event: object) -> None:
        # Runs on the publisher's thread: only emit, never touch a widget.
        if self._closed:
            return
        route = self._routes.get(type(event))
        if route is not None:
            route(event)
