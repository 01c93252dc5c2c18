"""The recorder's bench: what it knows of the orders it records, and the questions it asks the packer.

:class:`BenchDesk` is the part of :class:`~packseal.core.recording.recorder.Recorder`
that the order data adds (see core/packing): a scanned waybill is looked up
(an :class:`~packseal.core.orders.model.OrderLookup`; none = the station
records as it always did); an order with warnings (cancelled, refunded,
recorded before) waits for :meth:`confirm_warning` or :meth:`drop_warning`;
product codes scanned while an order with known items records tick its
check; stopping with items missing asks :meth:`confirm_stop` /
:meth:`continue_order`; a badge code signs a packer in; the returns mode
records returned parcels linked to their shipment; the scale's weight is
read at stop (:attr:`weigh`). Every method runs under the recorder's lock.

The bench outlives the recorder process: the packer and the returns mode are
kept in a :class:`~packseal.core.recording.bench_file.BenchFile`, the check of
the order recording in its open-order record (rewritten at every change), so
the next recorder signs the packer in again and a resumed order goes on with
its check (:meth:`Recorder.resume`).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Callable

from packseal.core.ledger.canonical import utc_stamp
from packseal.core.orders.model import OrderLookup
from packseal.core.packing.check import (
    CONFIRMED, DROPPED, RETURN, BenchWarning, CheckState, OrderCheck, items_of,
)
from packseal.core.packing.events import (
    BenchScan, BenchState, CheckUpdated, PackerSignedIn, ReturnsModeChanged, StopAnswered, StopAsked,
    WarningAnswered, WarningAsked, WeightOutside,
)
from packseal.core.packing.plan import (
    DEFAULT_PACKER_PREFIX, Plan, PriorClip, clean_link, find_order, is_badge, plan_order,
)
from packseal.core.packing.saved import check_to_data
from packseal.core.recording.bench_file import BenchFile, BenchSaved
from packseal.core.recording.events import ScanAccepted, ScanRefused
from packseal.core.recording.open_orders import OpenOrders

if TYPE_CHECKING:
    from packseal.core.recording.recorder import _Order

log = logging.getLogger(__name__)

#: How long a warned order keeps its pre-roll while the packer decides; later, it starts later.
HOLD_PREROLL_S = 600.0


@dataclass(frozen=True)
class HeldScan:
    """A scan whose effect waits for the packer's answer."""

    code: str
    pattern: str
    source: str
    utc: datetime
    mono: float


@dataclass
class _Asking:
    plan: Plan
    scan: HeldScan


@dataclass
class _StopQuestion:
    asked: StopAsked
    reason: str                 # "stop" | "repeat" | "scan" (the next waybill)
    scan: HeldScan | None = None  # the repeat or the next waybill that asked


class BenchDesk:
    """Mixed into the Recorder; see the module docstring."""

    # set by the Recorder
    hub: object
    _current: "_Order | None"
    open_orders: OpenOrders | None
    bench_file: BenchFile | None

    def _init_bench(self) -> None:
        #: the shop's order data (None: no lookups; product codes are refused as before)
        self.lookup: OrderLookup | None = None
        #: finds a clip recorded lately under a code (the duplicate-waybill warning)
        self.prior_clip: Callable[[str], PriorClip | None] | None = None
        self.packer_prefix = DEFAULT_PACKER_PREFIX
        self.return_prefix = ""  # waybills starting with it are returns, whatever the mode
        saved = self.bench_file.read() if self.bench_file is not None else BenchSaved()
        self.returns_mode = saved.returns_mode
        self.packer = saved.packer
        if saved != BenchSaved():
            log.info("bench taken back from %s: packer %s, returns mode %s", self.bench_file.path,
                     saved.packer or "none", "on" if saved.returns_mode else "off")
        #: the scale's stable weight in grams, read at stop (None: no weight); must not block
        self.weigh: Callable[[], int | None] | None = None
        self.weight_tolerance_g = 50
        self.warn_duplicates = True  # off: no duplicate-waybill warning at all (Settings: 0 days)
        self._recorded: dict[str, datetime] = {}  # codes recorded by this recorder, not yet in the catalog maybe
        self._asking: _Asking | None = None
        self._stop_q: _StopQuestion | None = None
        self._last_check: CheckState | None = None

    # -- questions the window answers ----------------------------------------------------
    def confirm_warning(self, code: str) -> bool:
        """The packer confirmed the warned order ``code``: it records, its pre-roll from the scan."""
        with self._lock:
            asking = self._asking
            if asking is None or asking.plan.code != code:
                return False
            why = self.can_record()
            if why:
                self.hub.publish(ScanRefused(raw=code, message=why, source=asking.scan.source))
                return False
            self._asking = None
            now = datetime.now(timezone.utc)
            self.hub.publish(WarningAnswered(code, CONFIRMED))
            s = asking.scan
            self.hub.publish(ScanAccepted(code, s.pattern, "start", s.utc, s.source))
            self._start(code, s.utc, s.mono, asking.plan, confirmed_at=now)
            self._publish_state()
            return True

    def drop_warning(self, code: str) -> bool:
        """The packer dropped the warned order ``code``: nothing records; the decision is sealed."""
        with self._lock:
            if self._asking is None or self._asking.plan.code != code:
                return False
            self._drop_asking()
            return True

    def confirm_stop(self, order_id: str) -> bool:
        """Stop ``order_id`` with items missing (sealed ``incomplete``); then the waybill that asked, if any."""
        with self._lock:
            q, cur = self._stop_q, self._current
            if q is None or cur is None or q.asked.order_id != order_id or cur.order_id != order_id:
                return False
            self._stop_q = None
            utc, mono = _now()
            self.hub.publish(StopAnswered(order_id, True))
            if q.reason == "repeat" and q.scan is not None:
                self.hub.publish(ScanAccepted(order_id, q.scan.pattern, "stop", q.scan.utc, q.scan.source))
            self._stop_current(utc, mono, q.reason if q.reason != "scan" else "stop", missing=CONFIRMED)
            if q.reason == "scan" and q.scan is not None:
                self._waybill(q.scan)
            self._publish_state()
            return True

    def continue_order(self, order_id: str) -> bool:
        """The packer goes on recording ``order_id`` (Esc to the items-missing question)."""
        with self._lock:
            if self._stop_q is None or self._stop_q.asked.order_id != order_id:
                return False
            self._stop_q = None
            self.hub.publish(StopAnswered(order_id, False))
            return True

    # -- the bench's modes -----------------------------------------------------------------
    def set_returns_mode(self, on: bool) -> bool:
        with self._lock:
            if self.returns_mode != bool(on):
                self.returns_mode = bool(on)
                log.info("returns mode %s", "on" if on else "off")
                self._save_bench()
                self.hub.publish(ReturnsModeChanged(self.returns_mode))
            return self.returns_mode

    def link_order(self, code: str, order_id: str) -> CheckState | None:
        """Link the return ``code`` being recorded to its shipment's order ID (typed or scanned).

        The order data, when it knows that order, gives the shipment's items to check.
        """
        linked = clean_link(order_id)
        with self._lock:
            cur = self._current
            if cur is None or cur.order_id != code or cur.check.kind != RETURN:
                return None
            order = find_order(self.lookup, linked)
            check = cur.check
            check.linked_order = order.order_id if order is not None else linked
            if order is not None and not check.checks_items:
                check.order, check.items = order, items_of(order)
            log.info("return %s linked to order %s", code, check.linked_order)
            return self._check_changed(check)

    def bench_state(self) -> BenchState:
        with self._lock:
            cur = self._current
            return BenchState(
                packer=self.packer, returns_mode=self.returns_mode,
                check=cur.check.state() if cur is not None else self._last_check,
                asking=WarningAsked(self._asking.plan, self._asking.scan.utc) if self._asking else None,
                stop_asked=self._stop_q.asked if self._stop_q else None)

    def order_notes(self, code: str) -> tuple[str, str]:
        """The buyer's and the seller's note of the order of ``code``, as the order data says now."""
        order = find_order(self.lookup, code)
        return (order.buyer_note, order.seller_note) if order is not None else ("", "")

    # -- scans (called by Recorder.scan under the lock) -------------------------------------------
    def _sign_in(self, code: str, utc: datetime) -> str:
        self.packer = code
        log.info("packer %s signed in", code)
        self._save_bench()
        self.hub.publish(PackerSignedIn(code, utc))
        self.hub.publish(BenchScan(code, utc, "sign-in", extra={"packer": code}))
        cur = self._current
        if cur is not None and not cur.check.packer:
            cur.check.packer = code
            self._check_changed(cur.check)
        return "sign-in"

    def _product(self, cur: "_Order", code: str, utc: datetime) -> str:
        line = cur.check.scan(code, utc)
        self._check_changed(cur.check, line)
        q = self._stop_q
        if q is not None and cur.check.complete:  # the missing item came: the question is moot
            self._stop_q = None
            self.hub.publish(StopAnswered(cur.order_id, False))
        return line.result

    def _waybill(self, scan: HeldScan) -> str | None:
        """An accepted waybill: stop, switch, start, or hold for the packer's answer."""
        if self._asking is not None:
            if self._asking.plan.code == scan.code:
                self.hub.publish(WarningAsked(self._asking.plan, self._asking.scan.utc))  # asked again
                return "asking"
            self._drop_asking()
        cur = self._current
        if cur is not None and cur.order_id == scan.code:
            if self._needs_stop_question(cur, "repeat", scan):
                return "asking"
            self.hub.publish(ScanAccepted(scan.code, scan.pattern, "stop", scan.utc, scan.source))
            self._stop_current(scan.utc, scan.mono, "repeat")
            return "stop"
        why = self.can_record()
        if why:
            self.hub.publish(ScanRefused(raw=scan.code, message=why, source=scan.source))
            return None
        if cur is not None and self._needs_stop_question(cur, "scan", scan):
            return "asking"
        returns = self.returns_mode or bool(self.return_prefix and scan.code.startswith(self.return_prefix))
        plan = plan_order(scan.code, lookup=self.lookup, returns=returns,
                          prior_clip=self._prior_clip if self.warn_duplicates else None)
        if plan.warnings:
            if cur is not None:
                self._stop_current(scan.utc, scan.mono, "scan")
            self._asking = _Asking(plan, scan)
            log.info("order %s held: %s", scan.code, ", ".join(w.warning for w in plan.warnings))
            self.hub.publish(WarningAsked(plan, scan.utc))
            return "asking"
        action = "switch" if cur is not None else "start"
        self.hub.publish(ScanAccepted(scan.code, scan.pattern, action, scan.utc, scan.source))
        if cur is not None:
            self._stop_current(scan.utc, scan.mono, "scan")
        self._start(scan.code, scan.utc, scan.mono, plan)
        return action

    def _ask_before_stop(self, reason: str) -> bool:
        """Stop or F9 with items missing: True when the question was asked (nothing stops yet)."""
        cur = self._current
        return cur is not None and self._needs_stop_question(cur, reason, None)

    def _needs_stop_question(self, cur: "_Order", reason: str, scan: HeldScan | None) -> bool:
        if not cur.check.checks_items or not cur.check.missing:
            return False
        asked = StopAsked(cur.order_id, cur.check.missing, scan.code if scan and reason == "scan" else "",
                          cur.check.kind)
        self._stop_q = _StopQuestion(asked, reason, scan)
        self.hub.publish(asked)
        return True

    def _prior_clip(self, code: str) -> PriorClip | None:
        """A clip recorded under ``code`` before: in the catalog, or one this recorder stopped a
        moment ago whose clip is still being joined and sealed."""
        found = self.prior_clip(code) if self.prior_clip is not None else None
        if found is None and code in self._recorded:
            found = PriorClip(code, self._recorded[code], None, "")
        return found

    def _drop_asking(self) -> None:
        asking, self._asking = self._asking, None
        assert asking is not None
        plan, now = asking.plan, datetime.now(timezone.utc)
        extra: dict = {"warning": plan.warnings[0].warning, "decided": utc_stamp(now)}
        if len(plan.warnings) > 1:
            extra["warnings"] = [w.warning for w in plan.warnings]
        prior = next((w.prior for w in plan.warnings if w.prior is not None), None)
        if prior is not None and prior.ledger_seq is not None:
            extra["clip_seq"] = prior.ledger_seq
        if plan.order is not None:
            extra["order"] = plan.order.order_id
        log.info("order %s dropped at its warning (%s)", plan.code, extra["warning"])
        self.hub.publish(BenchScan(plan.code, asking.scan.utc, DROPPED, order_id=plan.code, extra=extra))
        self.hub.publish(WarningAnswered(plan.code, DROPPED))

    # -- the check's life ------------------------------------------------------------------------
    def _new_check(self, code: str, plan: Plan | None, confirmed_at: datetime | None) -> OrderCheck:
        plan = plan or Plan(code, find_order(self.lookup, code))
        check = OrderCheck(code, plan.order, plan.kind, packer=self.packer, linked_order=plan.linked_order)
        for w in plan.warnings:
            check.warn(BenchWarning(w.warning, CONFIRMED, confirmed_at or datetime.now(timezone.utc),
                                    detail=w.detail, clip_seq=w.prior.ledger_seq if w.prior else None))
        self._stop_q = None
        return check

    def _finish_check(self, order: "_Order", utc: datetime, missing: str) -> dict | None:
        """At stop: the items-missing warning, the weight, the record for the clip entry."""
        check = order.check
        check.warn_missing(missing, utc, "" if missing == CONFIRMED else "stopped without asking")
        if self.weigh is not None:
            try:
                grams = self.weigh()
            except Exception:  # a scale that fails must never stop a recording
                log.exception("reading the scale at stop failed")
                grams = None
            warning = check.weighed(None if grams is None else int(grams), self.weight_tolerance_g, utc)
            if warning is not None:
                self.hub.publish(WeightOutside(order.order_id, int(check.weight_g or 0), check.expected_weight_g,
                                               check.weight_tolerance_g))
        if self._stop_q is not None and self._stop_q.asked.order_id == order.order_id:
            self._stop_q = None
            self.hub.publish(StopAnswered(order.order_id, True))
        check.finished = True
        self._recorded[order.order_id] = order.scan_utc
        if len(self._recorded) > 500:
            self._recorded.pop(next(iter(self._recorded)))
        self._last_check = self._check_changed(check)
        return check.record() if check.knows_anything else None

    def _check_changed(self, check: OrderCheck, scan=None, *, save: bool = True) -> CheckState:
        """Publish the check's new state; the order recording keeps it on disk too (``save``)."""
        cur = self._current
        if save and self.open_orders is not None and cur is not None and cur.check is check:
            self.open_orders.checked(cur.order_id, cur.scan_utc, check_to_data(check))
        state = check.state()
        self.hub.publish(CheckUpdated(state, scan))
        return state

    def _save_bench(self) -> None:
        if self.bench_file is not None:
            self.bench_file.write(BenchSaved(self.packer, self.returns_mode))

    def announce_bench(self) -> None:
        """Say the packer and the returns mode taken back at start, for the windows connected
        before this recorder ran (no new sign-in is sealed)."""
        with self._lock:
            if self.packer:
                self.hub.publish(PackerSignedIn(self.packer, datetime.now(timezone.utc)))
            if self.returns_mode:
                self.hub.publish(ReturnsModeChanged(True))

    def forget_bench(self) -> None:
        """The recorder closes the normal way: the next one starts signed out, returns mode off."""
        if self.bench_file is not None:
            self.bench_file.clear()


def _now() -> tuple[datetime, float]:
    return datetime.now(timezone.utc), time.monotonic()
