"""What the evidence pack's PDF report states (:mod:`.report_pdf` lays it out).

Kept apart from the PDF writer, whose library takes half a second to import:
building a pack's parts, and everything that imports the pack builder (the
window among them), needs only these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from packseal.core.evidence.report_packing import LinkedReport
from packseal.core.ledger.packing_record import PackingRecord


@dataclass(frozen=True)
class ReportFrame:
    """A frame of the clip shown in the report (``picture``: JPEG bytes)."""

    t_s: float
    captured_at: datetime
    file: str
    picture: bytes


@dataclass(frozen=True)
class ReportPhoto:
    """One refund photo and what the comparison found (pictures as JPEG bytes)."""

    number: int
    name: str
    sha256: str
    bytes: int
    picture: bytes
    side_by_side: bytes | None = None
    overlay: bytes | None = None
    heatmap: bytes | None = None
    annotated: bytes | None = None
    matches: list[tuple[float, datetime, float]] = field(default_factory=list)
    regions: int = 0
    findings: list[tuple[str, str, str]] = field(default_factory=list)  # (code, severity, message)
    finding_params: list[dict[str, str]] = field(default_factory=list)  # the particulars, one per finding
    kind: str = "item"  # item | parcel | opened_box
    waybills: list[str] = field(default_factory=list)
    before_closing: bytes | None = None
    # the numbers behind the plain words, for the appendix
    match_rows: list[tuple[float, float, int]] = field(default_factory=list)  # (t_s, score, inliers)
    region_rows: list[tuple[int, int, int, int, float, float]] = field(default_factory=list)  # x, y, w, h, ΔE, score
    size: tuple[int, int] = (0, 0)  # the photo's width and height in pixels
    folder: str = ""  # where the pack keeps the comparison's pictures (comparison/photo-N)


@dataclass(frozen=True)
class ReportData:
    """Everything the report states. Times are timezone-aware."""

    order_id: str
    station: str
    created: datetime
    clip_name: str
    clip_sha256: str
    clip_bytes: int
    duration_s: float
    start: datetime
    end: datetime
    scan: datetime
    status: str
    ledger_seq: int
    key_id: str
    checkpoint_seq: int
    tree_size: int
    root_hash: str
    timestamp: dict | None  # trusted: {"time", "delay", "tsa", "root"}; untrusted: {"tsa"}
    frames: list[ReportFrame]
    photos: list[ReportPhoto]
    verify_commands: list[str]
    openssl_commands: list[str]
    key_fingerprint: str = ""  # 64 hex
    source: dict | None = None  # the signed entry's capture provenance
    packing: PackingRecord | None = None  # the signed entry's packing record (FORMAT.md §6.1)
    linked: LinkedReport | None = None  # the order's other clip in the pack (return or shipment)
    assembled_by: str | None = None  # a pack a hub assembled (FORMAT.md §13.2): the hub key's fingerprint
