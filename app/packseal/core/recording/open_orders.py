"""A small file naming the orders that are recording or finishing right now.

Written (atomically) at each scan and each stop, emptied when the order's
clip is made. After a crash or power cut it tells the recovery which orders
were cut short, when they were scanned and, if they were, stopped. Each
order also keeps its check at the bench: while it records, the check as it
stands (``check``, core/packing/saved.py: rewritten at every product scan);
once stopped, the check's finished ``packing`` record (FORMAT.md §6.1).
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from packseal.core.errors import StorageError
from packseal.core.packing.check import OrderCheck
from packseal.core.packing.saved import CheckDataError, check_from_data
from packseal.core.storage.durable import atomic_write

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenOrder:
    order_id: str
    station: str
    camera: str
    scan_utc: str  # ISO 8601
    preroll_s: float
    postroll_s: float
    stop_utc: str | None = None
    check: dict | None = None    # the check while recording (core/packing/saved.py)
    packing: dict | None = None  # the check's record once stopped (FORMAT.md §6.1)

    @property
    def scan(self) -> datetime:
        return datetime.fromisoformat(self.scan_utc)

    @property
    def stop(self) -> datetime | None:
        return datetime.fromisoformat(self.stop_utc) if self.stop_utc else None

    def saved_check(self) -> OrderCheck | None:
        """The check kept while the order recorded; None when there is none or it is damaged (logged)."""
        if self.check is None:
            return None
        try:
            return check_from_data(self.check)
        except CheckDataError as exc:
            log.error("the saved check of order %s is damaged (%s); it goes on without it", self.order_id, exc)
            return None


class OpenOrders:
    def __init__(self, state_dir: Path, camera: str = "cam0") -> None:
        self.path = Path(state_dir) / f"open-orders-{camera}.json"
        self.camera = camera
        self._lock = threading.Lock()

    def read(self) -> list[OpenOrder]:
        """The orders left open; a damaged file is logged and read as empty."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return [OpenOrder(**item) for item in data]
        except FileNotFoundError:
            return []
        except (ValueError, TypeError, OSError) as exc:
            log.error("open-order file %s is damaged (%s); ignoring it", self.path, exc)
            return []

    def opened(self, order: OpenOrder) -> None:
        with self._lock:
            self._write([o for o in self.read() if not _same(o, order)] + [order])

    def checked(self, order_id: str, scan_utc: datetime, check: dict) -> None:
        """The check of the order recording changed (a scan, a sign-in, a linked return)."""
        self._change(order_id, scan_utc, check=check)

    def stopped(self, order_id: str, scan_utc: datetime, stop_utc: datetime,
                packing: dict | None = None) -> None:
        self._change(order_id, scan_utc, stop_utc=stop_utc.isoformat(), check=None, packing=packing)

    def _change(self, order_id: str, scan_utc: datetime, **members) -> None:
        with self._lock:
            items = self.read()
            for i, o in enumerate(items):
                if o.order_id == order_id and o.scan == scan_utc:
                    items[i] = OpenOrder(**{**asdict(o), **members})
            self._write(items)

    def done(self, order_id: str, scan_utc: datetime) -> None:
        with self._lock:
            self._write([o for o in self.read() if not (o.order_id == order_id and o.scan == scan_utc)])

    def _write(self, items: list[OpenOrder]) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, json.dumps([asdict(o) for o in items], ensure_ascii=False).encode("utf-8"))
        except (OSError, StorageError) as exc:  # never stop recording for this file
            log.error("could not write %s: %s", self.path, exc)


def _same(a: OpenOrder, b: OpenOrder) -> bool:
    return a.order_id == b.order_id and a.scan_utc == b.scan_utc
