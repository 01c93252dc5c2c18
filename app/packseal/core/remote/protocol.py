"""What crosses the channel between the recorder and its clients.

Commands go one way (``Command``, answered by a ``Reply``); core events
(:mod:`packseal.core.recording.events`, :mod:`packseal.core.packing.events`,
:mod:`packseal.core.archive`) and the
events below flow the other way to every client that subscribed. All are
plain dataclasses, so they pickle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

EVENTS, COMMANDS = "events", "commands"


@dataclass(frozen=True)
class Hello:
    """A client's first message: which channel this is and who is asking."""

    role: str  # EVENTS or COMMANDS
    pid: int
    kind: str = "window"  # "window" or "cli"


@dataclass(frozen=True)
class Command:
    name: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Reply:
    ok: bool
    value: Any = None
    error: str = ""          # the message of what went wrong (ok False)
    error_type: str = ""     # the exception's class name


@dataclass(frozen=True)
class StationInfo:
    """What a client needs to know about the running station."""

    source_description: str
    #: Where the first camera's picture comes from: ``test`` (the built-in test camera),
    #: ``file`` (a video file), ``usb`` or ``ip``; the signed entry's ``source.kind``.
    source_kind: str
    source_name: str          # the video file's name for ``file``; "" otherwise
    width: int
    height: int
    fps: float
    source_note: str          # e.g. "No camera found: showing the built-in test camera."
    reads_barcodes: bool
    preview_block: str | None  # shared-memory block with the live picture (see .preview)
    encoder_pid: int | None
    #: A station of two cameras: each camera's name ("cam0", "cam1") and its own live-picture
    #: block, first camera first (its block is ``preview_block``); () for one camera.
    cameras: tuple[str, ...] = ()
    preview_blocks: tuple[str | None, ...] = ()
    barcode_camera: int = 0  # which of ``cameras`` reads barcodes (when ``reads_barcodes``)


@dataclass(frozen=True)
class Snapshot:
    """Sent to an events client when it connects, and answer to the ``status`` command."""

    recorder_pid: int
    window_pid: int | None
    station: StationInfo | None
    station_error: str | None   # why the station is not running, when it is not
    state: str                  # "starting" | "idle" | "recording" | "finishing" | "stopped"
    order_id: str | None
    scan_utc: datetime | None
    camera_ok: bool
    encoder_ok: bool
    startup_notes: tuple[str, ...] = ()
    recovery_summary: str = ""
    recovery: Any = None  # the RecoveryReport behind the summary, for words in the user's language
    live: dict[str, Any] = field(default_factory=dict)  # settings in effect (station name, rolls...)
    bench: Any = None  # packing.events.BenchState: packer, returns mode, the order's check, open questions
    cameras_ok: tuple[bool, ...] = ()  # a station of two cameras: which deliver pictures now (StationInfo.cameras)


# -- events the recorder adds to the core's ---------------------------------------------
@dataclass(frozen=True)
class StationStarted:
    info: StationInfo


@dataclass(frozen=True)
class StationFailed:
    message: str


@dataclass(frozen=True)
class StationStopped:
    """The station stopped (restart or shutdown); a StationStarted may follow."""


# -- events a client publishes to itself -------------------------------------------------
@dataclass(frozen=True)
class RecorderConnected:
    snapshot: Snapshot


@dataclass(frozen=True)
class RecorderLost:
    message: str
