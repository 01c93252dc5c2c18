"""Events of the bench's order check (past tense), published by the recorder on its hub.

They cross to the window like the recorder's own events (plain, picklable
dataclasses). :class:`BenchScan` is also what the archive seals as a ``scan``
entry for a scan that started no clip (a packer signing in, a warned order
dropped).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from packseal.core.packing.check import CheckState, ScanLine
from packseal.core.packing.plan import Plan, PriorClip


@dataclass(frozen=True)
class BenchScan:
    """A scan to seal as a ``scan`` entry with ``action`` and ``extra`` members (FORMAT.md §6.1)."""

    code: str
    utc: datetime
    action: str  # "sign-in" | "dropped"
    order_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckUpdated:
    """The check of the order recording changed: it started, a product was scanned (``scan``),
    a return was linked, or it finished (``state.finished``)."""

    state: CheckState
    scan: ScanLine | None = None


@dataclass(frozen=True)
class WarningAsked:
    """A scanned order waits for the packer: Enter (confirm_warning) or Esc (drop_warning)."""

    plan: Plan
    scan_utc: datetime

    @property
    def code(self) -> str:
        return self.plan.code

    @property
    def prior(self) -> PriorClip | None:
        return next((w.prior for w in self.plan.warnings if w.prior is not None), None)


@dataclass(frozen=True)
class WarningAnswered:
    code: str
    decision: str  # "confirmed" | "dropped"


@dataclass(frozen=True)
class StopAsked:
    """Stopping (or the next waybill) while items are missing: Enter stops, Esc goes on recording."""

    order_id: str
    missing: int
    next_code: str = ""  # the waybill that asked to end this order, started once it is answered
    kind: str = "shipment"  # "return": the items are the ones not found in the returned parcel


@dataclass(frozen=True)
class StopAnswered:
    order_id: str
    stopped: bool


@dataclass(frozen=True)
class PackerSignedIn:
    packer: str
    utc: datetime


@dataclass(frozen=True)
class ReturnsModeChanged:
    on: bool


@dataclass(frozen=True)
class WeightOutside:
    """The parcel's stable weight at stop is outside the order's expected weight ± tolerance."""

    order_id: str
    weight_g: int
    expected_g: int
    tolerance_g: int


@dataclass(frozen=True)
class BenchState:
    """The bench's state for a client that connects (in the recorder's Snapshot)."""

    packer: str = ""
    returns_mode: bool = False
    check: CheckState | None = None
    asking: WarningAsked | None = None
    stop_asked: StopAsked | None = None
