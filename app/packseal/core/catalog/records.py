"""The rows of the catalog as frozen dataclasses, and the time convention.

Times are integers: milliseconds since the Unix epoch, UTC. They sort, compare
and range-query fast in SQLite and never carry a time-zone ambiguity; the
properties turn them into tz-aware datetimes for display.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

#: A clip is being recorded, was finished normally, or was cut short
#: (crash, camera lost); an interrupted clip is still evidence.
CLIP_STATUSES = ("recording", "complete", "interrupted")


def to_ms(moment: datetime) -> int:
    """Milliseconds since the epoch for a datetime (a naive one is taken as local time)."""
    return int(round(moment.timestamp() * 1000))


def from_ms(ms: int) -> datetime:
    """The tz-aware UTC datetime of ``ms`` milliseconds since the epoch."""
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc)


@dataclass(frozen=True)
class CameraFile:
    """The same order from another camera of the station: its file, as the clip's entry seals it
    (``other_cameras``, FORMAT.md §6.2). ``file`` is None when that camera recorded nothing."""

    camera: str
    status: str  # "complete", "interrupted" or "no-video"
    file: str | None = None
    sha256: str | None = None
    bytes: int | None = None
    start_ms: int | None = None
    end_ms: int | None = None


@dataclass(frozen=True)
class ClipRecord:
    """One order clip: a finished (or interrupted) MP4 in the data dir.

    ``file`` is relative to the data dir, with forward slashes. ``id`` and
    ``created_ms`` are filled in by the catalog when the clip is added.
    """

    order_id: str
    station: str
    scan_ms: int
    start_ms: int
    file: str
    end_ms: int | None = None
    duration_ms: int | None = None
    frame_count: int | None = None
    bytes: int | None = None
    sha256: str | None = None
    status: str = "complete"
    pinned: bool = False
    #: Used in a dispute or evidence pack: retention never deletes it (nor a pinned clip).
    disputed: bool = False
    note: str = ""
    deleted_ms: int | None = None
    deleted_reason: str | None = None
    ledger_seq: int | None = None
    created_ms: int | None = None
    # What the signed packing record says (FORMAT.md §6.1; catalog/ledger_rows.py).
    kind: str = "shipment"
    outcome: str = "not-checked"
    packer: str | None = None
    linked_order: str | None = None
    order_ref: str | None = None
    wrong_scans: int = 0
    overridden: bool = False
    weight_g: int | None = None
    pack_ms: int | None = None
    #: The camera of ``file`` and the other cameras' files of a two-camera station (None, ()
    #: for one camera); stored as JSON text in the catalog.
    camera: str | None = None
    camera_files: tuple[CameraFile, ...] = ()
    id: int | None = None

    @property
    def scan(self) -> datetime:
        """When the order's code was scanned (UTC)."""
        return from_ms(self.scan_ms)

    @property
    def start(self) -> datetime:
        """The first moment the clip shows (UTC)."""
        return from_ms(self.start_ms)

    @property
    def end(self) -> datetime | None:
        """The last moment the clip shows (UTC), None while recording."""
        return None if self.end_ms is None else from_ms(self.end_ms)

    @property
    def duration_s(self) -> float:
        """Length in seconds: the stored duration, else end - start, else 0."""
        if self.duration_ms is not None:
            return self.duration_ms / 1000
        if self.end_ms is not None:
            return (self.end_ms - self.start_ms) / 1000
        return 0.0

    @property
    def deleted(self) -> bool:
        """True once retention (or the owner) removed the clip's file."""
        return self.deleted_ms is not None

    @property
    def retained(self) -> bool:
        """True when retention must keep the clip (pinned by the owner, or disputed)."""
        return self.pinned or self.disputed


@dataclass(frozen=True)
class LiveFile:
    """A row whose file should be on disk: what reconciliation needs, and no more."""

    id: int
    file: str
    ledger_seq: int | None


@dataclass(frozen=True)
class SegmentRecord:
    """One ~2 s segment of a camera's continuous tape."""

    camera: str
    seq: int
    file: str
    start_ms: int
    end_ms: int
    frames: int | None = None
    bytes: int | None = None
    sha256: str | None = None
    ledger_seq: int | None = None
    deleted_ms: int | None = None
    deleted_reason: str | None = None
    id: int | None = None

    @property
    def start(self) -> datetime:
        return from_ms(self.start_ms)

    @property
    def end(self) -> datetime:
        return from_ms(self.end_ms)

    @property
    def duration_s(self) -> float:
        return (self.end_ms - self.start_ms) / 1000

    @property
    def deleted(self) -> bool:
        return self.deleted_ms is not None
