"""The order's other clip: a return's unboxing beside its shipment's packing (or the other way round).

A return clip names its shipment's order in its signed packing record
(``linked_order``, FORMAT.md §6.1); the catalog finds one from the other
(:meth:`Catalog.linked_clips`). A pack of either can carry the other clip
too, byte for byte with its seal and its ledger entry proven under the same
checkpoint, listed in the manifest's ``linked_clips`` (FORMAT.md §13.2).
The dispute view shows frames of both clips side by side
(:func:`shipment_and_return_frames`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from packseal.core.catalog import Catalog, ClipRecord
from packseal.core.errors import BadInputError, EvidenceError
from packseal.core.evidence import pack_format as F
from packseal.core.evidence.report_packing import LinkedReport
from packseal.core.evidence.source_clip import OrderClip, SourceClip, find_clip, find_order_clip
from packseal.core.ledger import Ledger
from packseal.core.ledger.packing_record import PackingRecord
from packseal.core.media.decoder import clip_info
from packseal.core.media.frames import ClipFrame, grab_frames, order_times
from packseal.core.storage.layout import DataLayout


@dataclass(frozen=True)
class LinkedClip:
    """The other clip of the order, checked for evidence, and where it goes in the pack."""

    src: SourceClip
    #: What the signed entry says it is: ``return`` or ``shipment``.
    role: str

    @property
    def packing(self) -> PackingRecord:
        return PackingRecord.of_body(self.src.entry.body)

    @property
    def member(self) -> str:
        return f"{F.LINKED_DIR}/{self.src.path.name}"

    @property
    def seal_member(self) -> str:
        return f"{F.LINKED_DIR}/{self.src.seal_path.name}"

    def report(self) -> LinkedReport:
        """What the report says about this clip."""
        src = self.src
        return LinkedReport(role=self.role, order_id=src.order_id, file=self.member, start=src.start,
                            end=src.end or src.start, sha256=src.sha256, ledger_seq=src.entry.seq,
                            packing=self.packing)

    def manifest_entry(self) -> dict[str, Any]:
        """The manifest's statement about this clip (each value must equal the signed entry's)."""
        body = self.src.entry.body
        return {"role": self.role, "file": self.member, "seal": self.seal_member, "ledger_seq": self.src.entry.seq,
                "sha256": body["sha256"], "bytes": body["bytes"],
                **{name: body[name] for name in F.CLIP_STATEMENTS if name in body}}


def linked_clip_for(layout: DataLayout, ledger: Ledger, catalog: Catalog, main: SourceClip,
                    clip_id: int | None = None) -> LinkedClip:
    """The return of ``main``'s shipment (or the shipment of ``main``'s return), checked like ``main``.

    ``clip_id`` picks one of the linked clips (default: the newest). Raises
    :class:`BadInputError` when the clip has no linked clip or ``clip_id``
    is not one of them, and what :func:`find_clip` raises.
    """
    candidates = [c for c in catalog.linked_clips(main.record) if not c.deleted and c.file]
    if clip_id is not None:
        candidates = [c for c in candidates if c.id == clip_id]
        if not candidates:
            raise BadInputError(f"clip {clip_id} is not the return or the shipment of order {main.order_id}")
    if not candidates:
        raise BadInputError(f"order {main.order_id} has no return or shipment clip to add to the pack")
    chosen = max(candidates, key=lambda c: (c.start_ms, c.id or 0))
    src = find_clip(layout, ledger, catalog, chosen.order_id, clip_id=chosen.id)
    record = PackingRecord.of_body(src.entry.body)
    mine = PackingRecord.of_body(main.entry.body)
    if record.kind == mine.kind:
        raise EvidenceError(f"the signed entries of {main.order_id} and {src.order_id} are both a {record.kind}; "
                            "the catalog is out of step with the ledger (rebuild it)")
    return LinkedClip(src=src, role=record.kind)


@dataclass(frozen=True)
class ClipFrames:
    """Frames spread through one clip, with the clip they come from."""

    clip: OrderClip
    kind: str
    frames: tuple[ClipFrame, ...]


def shipment_and_return_frames(layout: DataLayout, ledger: Ledger, catalog: Catalog, record: ClipRecord,
                               count: int = 4) -> tuple[ClipFrames, ClipFrames] | None:
    """``count`` frames of the shipment's packing and of its return's unboxing, for showing side by side.

    ``record`` is either clip; the other is its newest linked clip still on
    disk. None when it has none. Each clip is cross-checked with its signed
    entry (:func:`find_order_clip`); raises what that raises, and
    :class:`MediaError` when a clip cannot be decoded.
    """
    others = [c for c in catalog.linked_clips(record) if not c.deleted and c.file]
    if not others:
        return None
    other = max(others, key=lambda c: (c.start_ms, c.id or 0))
    found = []
    for rec in (record, other):
        clip = find_order_clip(layout, ledger, catalog, rec.order_id, clip_id=rec.id)
        kind = PackingRecord.of_body(clip.entry.body).kind if clip.entry is not None else rec.kind
        info = clip_info(clip.path)
        frames = grab_frames(clip.path, order_times(0.0, info.duration_s, count, clip.order_span_s()),
                             start_utc=clip.start)
        found.append(ClipFrames(clip, kind, tuple(frames)))
    first, second = found
    return (first, second) if first.kind != "return" else (second, first)
