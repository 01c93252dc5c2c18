"""Two packing days of known numbers, sealed through the real archive with their packing records.

Each clip is a numbered clip (:mod:`.framecode`, 15 fps) scanned 1 s after its start and stopped at
its end, so its pack time is (frames / 15) − 1 seconds.

Day A, 2026-03-14 (UTC):
- 08:00:00 ``SF2026031400001``, P-07, complete, 45 frames (pack 2 s)
- 08:05:00 ``SF2026031400003``, P-12, refunded order packed anyway (complete, warning confirmed), 60 frames (3 s)
- 08:10:00 ``SF2026031400002``, P-07, incomplete with a wrong item (warning confirmed), 75 frames (4 s)
- 09:00:00 ``SF2026031400004``, no packer, no order data (not checked), 45 frames (2 s)

Day B, 2026-03-16 (UTC):
- 10:00:00 ``SF2026031600005``, P-07, complete, 45 frames (2 s)
- 10:30:00 ``RT2026031600001``, P-07, the return of ``SF2026031400001`` (not an order packed)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from packseal.core.catalog import ClipRecord
from tests.support import packing_records as P
from tests.support.sealed_orders import add_sealed_clip

DAY_A = date(2026, 3, 14)
DAY_B = date(2026, 3, 16)
SHIPMENT = "SF2026031400001"
RETURN = "RT2026031600001"
WRONG = "SF2026031400002"


def _at(day: date, hh: int, mm: int) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=timezone.utc)


@dataclass
class PackedDays:
    clips: dict[str, ClipRecord]


def seal_packed_days(services) -> PackedDays:
    """Seal the clips listed above into ``services``' data dir; returns their catalog rows by order."""
    plan = [
        (SHIPMENT, _at(DAY_A, 8, 0), 45, P.complete_shipment),
        ("SF2026031400003", _at(DAY_A, 8, 5), 60, P.cancelled_but_packed),
        (WRONG, _at(DAY_A, 8, 10), 75, P.incomplete_with_wrong_item),
        ("SF2026031400004", _at(DAY_A, 9, 0), 45, None),
        ("SF2026031600005", _at(DAY_B, 10, 0), 45, P.complete_shipment),
        (RETURN, _at(DAY_B, 10, 30), 45, lambda start: P.unboxed_return(start, SHIPMENT)),
    ]
    clips = {}
    for order, start, frames, record in plan:
        packing = record(start + timedelta(seconds=1)) if record else None
        clips[order] = add_sealed_clip(services, order, start, frames=frames, packing=packing)
    return PackedDays(clips)
