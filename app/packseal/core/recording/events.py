"""Events the recorder publishes on its EventHub (past tense: they happened)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from packseal.core.recording.clip import Clip
from packseal.core.recording.tape import Segment


class RecorderState(str, Enum):
    IDLE = "idle"
    RECORDING = "recording"
    FINISHING = "finishing"


@dataclass(frozen=True)
class StateChanged:
    state: RecorderState
    order_id: str | None


@dataclass(frozen=True)
class ScanAccepted:
    """A valid code was scanned; ``action`` is "start", "stop" or "switch"."""

    order_id: str
    pattern: str
    action: str
    utc: datetime
    source: str  # "scanner", "camera", "cli"


@dataclass(frozen=True)
class ScanRefused:
    raw: str
    message: str
    source: str
    reason: str = ""  # InvalidOrderIdError.reason; "" when the station cannot record right now
    detail: str = ""  # InvalidOrderIdError.detail (product kind, rule key, character…)


@dataclass(frozen=True)
class OrderStarted:
    order_id: str
    scan_utc: datetime


@dataclass(frozen=True)
class OrderStopped:
    order_id: str
    stop_utc: datetime
    reason: str  # "scan", "repeat", "stop", "shutdown"


@dataclass(frozen=True)
class SegmentClosed:
    segment: Segment


@dataclass(frozen=True)
class ClipAssembled:
    """A clip file is complete on disk (not yet sealed)."""

    clip: Clip


@dataclass(frozen=True)
class ClipFailed:
    order_id: str
    message: str


@dataclass(frozen=True)
class CameraLost:
    """The camera stopped delivering frames (published once per outage)."""

    message: str
    camera: str = ""  # which camera of the station ("cam0", "cam1"; "" from older recorders)


@dataclass(frozen=True)
class CameraBack:
    """Frames flow again after a CameraLost."""

    camera: str = ""


@dataclass(frozen=True)
class EncoderDied:
    """The encoder stopped; the station restarts it with back-off."""

    message: str
    camera: str = ""


@dataclass(frozen=True)
class EncoderBack:
    """A new encoder is writing tape again after an EncoderDied."""

    camera: str = ""
