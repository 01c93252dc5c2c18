"""The order recorder: a small state machine over the tape.

idle → recording (a valid scan) → finishing (next scan, repeat scan or stop;
waiting for the post-roll to be on tape) → idle. A scan of another code while
recording ends the current order and starts the next at once, so the station
never waits; the previous order finishes in the background.

The recorder never touches the encoder: it watches closed segments go by,
keeps the last few for the pre-roll, asks the tapes to close a segment where
a stopped order's post-roll ends, and hands each finished order's segments
to a joiner thread. Everything it does is announced on the hub.
"""

from __future__ import annotations

import dataclasses

import logging
import queue
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

from packseal.core.errors import PackSealError
from packseal.core.events import EventHub
from packseal.core.packing.check import SHOWN, OrderCheck
from packseal.core.packing.plan import Plan, is_badge
from packseal.core.packing.saved import check_to_data
from packseal.core.recording.bench import HOLD_PREROLL_S, BenchDesk, HeldScan
from packseal.core.recording.bench_file import BenchFile
from packseal.core.recording.clip import Clip, assemble_order_clip
from packseal.core.packing.events import StopAnswered
from packseal.core.recording.events import (
    ClipAssembled, ClipFailed, OrderStarted, OrderStopped, RecorderState,
    ScanRefused, SegmentClosed, StateChanged,
)
from packseal.core.recording.order_id import InvalidOrderIdError, OrderIdPolicy
from packseal.core.recording.open_orders import OpenOrder, OpenOrders
from packseal.core.recording.tape import Segment

log = logging.getLogger(__name__)


@dataclass
class _Order:
    order_id: str
    scan_utc: datetime
    scan_mono: float
    window_start: float  # monotonic: scan − pre-roll
    stop_utc: datetime | None = None
    stop_mono: float | None = None
    window_end: float | None = None  # monotonic: stop + post-roll
    segments: list[Segment] = field(default_factory=list)
    check: OrderCheck = field(default_factory=lambda: OrderCheck(""))
    packing: dict | None = None  # the check's record, made at stop (FORMAT.md §6.1)
    covered_by: set[str] = field(default_factory=set)  # cameras whose tape reached stop + post-roll

    def wants(self, seg: Segment) -> bool:
        if seg.end_mono <= self.window_start:
            return False
        return self.window_end is None or seg.start_mono < self.window_end

    def covered(self, seg: Segment) -> bool:
        return self.window_end is not None and seg.end_mono >= self.window_end



class Recorder(BenchDesk):
    """Turns scans and tape segments into order clips (and checks them: :class:`BenchDesk`)."""

    def __init__(
        self,
        hub: EventHub,
        *,
        clips_root: Path,
        station: str,
        policy: OrderIdPolicy | None = None,
        preroll_s: float = 3.0,
        postroll_s: float = 2.0,
        keep_s: float = 30.0,
        guard: Callable[[], str | None] | None = None,
        open_orders: OpenOrders | None = None,
        bench_file: BenchFile | None = None,
    ) -> None:
        #: the station's cameras, the first first: a clip is one file per camera (set by the station)
        self.cameras: tuple[str, ...] = ("cam0",)
        #: True while a camera delivers no frames to a running encoder: its clip waits for no post-roll
        self.camera_down: Callable[[str], bool] = lambda camera: False
        #: asks every tape to close a segment once it holds this capture time (an order's post-roll
        #: end), so the order's clip waits for no segment to fill (set by the station)
        self.end_segments_at: Callable[[float], None] = lambda mono: None
        #: returns the capture provenance of a camera put into each clip (set by the station)
        self.provenance: Callable[[str], dict] | None = None
        #: (captured, dropped) frames of a camera between two monotonic times (set by the station)
        self.frame_counts: Callable[[str, float, float], tuple[int, int]] | None = None
        self.hub = hub
        self.clips_root = Path(clips_root)
        self.station = station
        self.policy = policy or OrderIdPolicy()
        self.preroll_s = preroll_s
        self.postroll_s = postroll_s
        self._keep_s = max(keep_s, preroll_s + 10)
        self._lock = threading.RLock()
        self._recent: deque[Segment] = deque()
        self._current: _Order | None = None
        self._finishing: list[_Order] = []
        self._jobs: queue.Queue = queue.Queue()
        self._joiner = threading.Thread(target=self._join_loop, name="clip-joiner", daemon=True)
        self._joiner.start()
        self._accepting = True
        self._state = RecorderState.IDLE
        self._guard = guard or (lambda: None)
        self.open_orders = open_orders
        self.bench_file = bench_file  # the packer and the returns mode, kept across restarts
        self._init_bench()

    # -- what the station asks ---------------------------------------------
    def held(self) -> threading.RLock:
        """The recorder's own (re-entrant) lock. It is held wherever the recorder changes its state
        and publishes the event that says so; a reader that takes it first sees a state that no
        event of this recorder overtakes, and must take it before any lock a subscriber takes."""
        return self._lock

    @property
    def current_order(self) -> str | None:
        """The order being recorded now (shown in the overlay), or None."""
        cur = self._current
        return cur.order_id if cur else None

    @property
    def current_scan_utc(self) -> datetime | None:
        """When the order being recorded now was scanned, or None."""
        cur = self._current
        return cur.scan_utc if cur else None

    @property
    def state(self) -> RecorderState:
        return self._state

    def can_record(self) -> str | None:
        """None when a new order may start, else why not (camera down, disk full...)."""
        return self._guard()

    # -- inputs ---------------------------------------------------------------
    def scan(self, raw: str, *, source: str = "scanner", symbology: str | None = None) -> str | None:
        """Handle a scanned code. Returns the action taken, or None if refused.

        ``symbology`` is the barcode format when the camera read the code.
        A waybill starts, switches or stops an order (``start``, ``switch``,
        ``stop``), or waits for the packer's answer (``asking``: a warned
        order, or items missing). While an order whose items are known
        records, any other code is a product scan (``item``, ``wrong``,
        ``extra``); a packer's badge signs in (``sign-in``). Other refusals
        (invalid code, product barcode, station not able to record) are
        published as :class:`ScanRefused` and nothing starts or ends.
        """
        now_utc, now_mono = datetime.now(timezone.utc), time.monotonic()
        code = raw.strip() if isinstance(raw, str) else ""
        with self._lock:
            if is_badge(code, self.packer_prefix):
                return self._sign_in(code, now_utc)
            cur = self._current
            checking = cur is not None and cur.check.checks_items
            if checking and cur.check.matches(code):
                return self._product(cur, code, now_utc)
            try:
                valid = self.policy.validate(raw, symbology=symbology)
            except InvalidOrderIdError as exc:
                # The camera also sees codes that are no product (a QR code on a box): from it,
                # only product barcodes count as product scans.
                wanted = exc.reason == "product-code" if source == "camera" else \
                    exc.reason not in ("not-text", "empty", "control")
                if checking and wanted:
                    return self._product(cur, code, now_utc)
                self.hub.publish(ScanRefused(raw=raw, message=str(exc), source=source, reason=exc.reason,
                                             detail=exc.detail))
                return None
            if valid.also_product:
                log.info("%s accepted as %s, although it also reads as a valid %s product code",
                         valid.value, valid.pattern, valid.also_product)
            action = self._waybill(HeldScan(valid.value, valid.pattern, source, now_utc, now_mono))
            self._publish_state()
        return action

    def resume(self, order_id: str, scan_utc: datetime, earlier: list[Segment],
               check: OrderCheck | None = None) -> None:
        """Continue an order that a recorder which died was recording (see recovery).

        ``earlier`` are its segments from the dead recorder's tape; the clip joins
        them with what this tape records next, and the outage between them
        becomes a gap in the clip's entry. ``check`` is the order's check as the
        dead recorder kept it on disk (its scans, warnings, packer): it goes on,
        counting the restart; without it the check starts anew.
        """
        now_utc, now_mono = datetime.now(timezone.utc), time.monotonic()
        with self._lock:
            if self._current is not None:
                raise PackSealError(f"cannot resume order {order_id}: {self._current.order_id} is recording")
            scan_mono = now_mono - max(0.0, (now_utc - scan_utc).total_seconds())
            # Only segments of this tape from now on; the earlier ones are given.
            if check is not None:
                check.restarts += 1
                self._stop_q = None
            order = _Order(order_id, scan_utc, scan_mono, window_start=now_mono,
                           check=check if check is not None else self._new_check(order_id, None, None))
            order.segments = list(earlier)
            self._current = order
            log.info("order %s resumed after the recorder stopped (%d earlier segments, %s)", order_id,
                     len(earlier), f"its check taken back with {len(check.scans)} scan(s)" if check is not None
                     else "no check kept")
            self.hub.publish(OrderStarted(order_id, scan_utc))
            self._check_changed(order.check)
            self._publish_state()

    def stop(self, reason: str = "stop", *, missing: str | None = None) -> bool:
        """End the current order (Stop button or key). False when nothing records.

        With items missing, ``missing=None`` asks the packer first (:class:`StopAsked`;
        nothing stops until :meth:`confirm_stop`); ``"confirmed"`` or ``"shown"`` stops
        at once and seals the items-missing warning with that decision.
        """
        with self._lock:
            if self._current is None:
                return False
            if missing is None and (self._stop_q is not None or self._ask_before_stop(reason)):
                return True
            self._stop_current(datetime.now(timezone.utc), time.monotonic(), reason, missing=missing or SHOWN)
            self._publish_state()
            return True

    def cancel(self) -> str | None:
        """Drop the current order without making a clip (a mistaken scan). Returns its ID."""
        with self._lock:
            cur = self._current
            if cur is None:
                return None
            self._current = None
            if self.open_orders is not None:
                self.open_orders.done(cur.order_id, cur.scan_utc)
            if self._stop_q is not None:
                self._stop_q = None
                self.hub.publish(StopAnswered(cur.order_id, True))
            self.hub.publish(OrderStopped(cur.order_id, datetime.now(timezone.utc), "cancel"))
            self._publish_state()
            return cur.order_id

    def on_segment(self, seg: Segment) -> None:
        """Called by the tape for every closed segment (from its watcher thread)."""
        self.hub.publish(SegmentClosed(seg))
        with self._lock:
            self._recent.append(seg)
            keep_from = seg.end_mono - self._keep_s
            if self._asking is not None:  # a warned order keeps its pre-roll while the packer decides
                keep_from = max(min(keep_from, self._asking.scan.mono - self.preroll_s),
                                seg.end_mono - HOLD_PREROLL_S)
            while self._recent and self._recent[0].end_mono < keep_from:
                self._recent.popleft()
            if self._current is not None and self._current.wants(seg):
                self._current.segments.append(seg)
            for order in list(self._finishing):
                if order.wants(seg):
                    order.segments.append(seg)
                if order.covered(seg):
                    order.covered_by.add(seg.camera)
            self._finish_covered()
            self._publish_state()

    def _finish_covered(self) -> bool:
        """Hand stopped orders to the joiner once every camera that delivers holds their post-roll.

        A camera that is down (lost, its encoder restarting) holds up nobody: the
        order is joined from what it recorded, its missing time named as gaps.
        """
        done = False
        for order in list(self._finishing):
            covered = order.covered_by
            if covered and all(c in covered or self.camera_down(c) for c in self.cameras):
                self._finishing.remove(order)
                self._jobs.put((order, "complete"))
                done = True
        return done

    def finish_overdue(self, grace_s: float) -> int:
        """Finish, as ``interrupted``, stopped orders whose post-roll never reached the tape.

        With a healthy encoder the segment holding the post-roll closes within
        a segment length; an order still waiting ``grace_s`` later is made
        from what was recorded rather than waiting for a tape that is down.
        """
        now = time.monotonic()
        with self._lock:
            if self._finish_covered():  # a camera went down while the other held the post-roll
                self._publish_state()
            overdue = [o for o in self._finishing
                       if o.window_end is not None and now > o.window_end + grace_s]
            for order in overdue:
                self._finishing.remove(order)
                self._jobs.put((order, "interrupted"))
            if overdue:
                self._publish_state()
        return len(overdue)

    def flush(self, *, tape_ended_cleanly: bool) -> None:
        """After the tape stopped: finish every order with what was recorded.

        An order whose post-roll was fully on tape is complete; one cut short
        (recording still running, or the tape died) is ``interrupted``.
        """
        with self._lock:
            if self._current is not None:
                self._stop_current(datetime.now(timezone.utc), time.monotonic(), "shutdown")
            for order in self._finishing:
                last_end = order.segments[-1].end_mono if order.segments else 0.0
                whole = tape_ended_cleanly and order.stop_mono is not None and last_end >= order.stop_mono
                self._jobs.put((order, "complete" if whole else "interrupted"))
            self._finishing.clear()
            self._publish_state()

    def wait_idle(self, timeout: float = 60.0) -> bool:
        """Block until every stopped order has been joined (for the CLI and shutdown)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                busy = bool(self._finishing)
            if not busy and self._jobs.unfinished_tasks == 0:
                return True
            time.sleep(0.05)
        return False

    def close(self) -> None:
        self._jobs.put(None)
        self._joiner.join(30)

    # -- internals ------------------------------------------------------------
    def _start(self, order_id: str, utc: datetime, mono: float, plan: Plan | None = None, *,
               confirmed_at: datetime | None = None) -> None:
        order = _Order(order_id, utc, mono, window_start=mono - self.preroll_s,
                       check=self._new_check(order_id, plan, confirmed_at))
        order.segments = [s for s in self._recent if order.wants(s)]
        self._current = order
        if self.open_orders is not None:
            self.open_orders.opened(OpenOrder(order_id, self.station, self.open_orders.camera,
                                              utc.isoformat(), self.preroll_s, self.postroll_s,
                                              check=check_to_data(order.check)))
        self.hub.publish(OrderStarted(order_id, utc))
        self._check_changed(order.check, save=False)

    def _stop_current(self, utc: datetime, mono: float, reason: str, *, missing: str = SHOWN) -> None:
        order = self._current
        assert order is not None
        self._current = None
        order.packing = self._finish_check(order, utc, missing)
        order.stop_utc, order.stop_mono = utc, mono
        order.window_end = mono + self.postroll_s
        self._finishing.append(order)
        self.end_segments_at(order.window_end)
        if self.open_orders is not None:
            self.open_orders.stopped(order.order_id, order.scan_utc, utc, packing=order.packing)
        self.hub.publish(OrderStopped(order.order_id, utc, reason))

    def _publish_state(self) -> None:
        if self._current is not None:
            state, order = RecorderState.RECORDING, self._current.order_id
        elif self._finishing:
            state, order = RecorderState.FINISHING, self._finishing[-1].order_id
        else:
            state, order = RecorderState.IDLE, None
        if state != self._state or state != RecorderState.IDLE:
            changed = state != self._state
            self._state = state
            if changed:
                self.hub.publish(StateChanged(state, order))

    def _join_loop(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                order, status = job
                self._assemble(order, status)
            except Exception as exc:  # never let one bad clip stop the joiner
                log.exception("clip assembly failed")
                if job is not None:
                    self.hub.publish(ClipFailed(job[0].order_id, str(exc)))
            finally:
                self._jobs.task_done()

    def _assemble(self, order: _Order, status: str) -> None:
        try:
            clip = assemble_order_clip(order_id=order.order_id, station=self.station, segments=order.segments,
                                       scan_utc=order.scan_utc, stop_utc=order.stop_utc, status=status,
                                       clips_root=self.clips_root, cameras=self.cameras,
                                       window=self._window_utc(order))
        except PackSealError as exc:
            # The order stays in the open-order file: its tape is sealed, and the next
            # opening of the data dir joins it again (a full disk may have room then).
            self.hub.publish(ClipFailed(order.order_id, f"{exc} The clip will be made from the "
                                        "recorded tape when PackSeal next starts."))
            return
        clip = dataclasses.replace(self._described(clip), others=tuple(self._described(c) for c in clip.others))
        if order.packing is not None:
            clip = dataclasses.replace(clip, packing=order.packing)
        log.info("clip %s: %s (%.1f s, %d frames, %s frames dropped, %d gaps, %s)", order.order_id, clip.path,
                 clip.duration_s, clip.frames, clip.frames_dropped, len(clip.gaps), status)
        for other in clip.others:
            log.info("clip %s, %s: %s (%.1f s, %d frames, %s frames dropped, %d gaps, %s)", order.order_id,
                     other.camera, other.path, other.duration_s, other.frames, other.frames_dropped,
                     len(other.gaps), other.status)
        self.hub.publish(ClipAssembled(clip))
        if self.open_orders is not None:
            self.open_orders.done(order.order_id, order.scan_utc)

    def _window_utc(self, order: _Order) -> tuple[datetime, datetime] | None:
        """The order's window (scan − pre-roll to stop + post-roll) in UTC, for two cameras' edge gaps."""
        if len(self.cameras) < 2 or order.window_end is None or order.stop_utc is None or order.stop_mono is None:
            return None
        start = order.scan_utc - timedelta(seconds=order.scan_mono - order.window_start)
        return start, order.stop_utc + timedelta(seconds=order.window_end - order.stop_mono)

    def _described(self, clip: Clip) -> Clip:
        """The clip with its camera's provenance and frame counts."""
        if self.provenance is not None:
            clip = dataclasses.replace(clip, source=self.provenance(clip.camera))
        if self.frame_counts is not None:
            last = clip.segments[-1]
            end = last.end_mono if last.last_frame_mono is None else last.last_frame_mono + 1e-6
            captured, dropped = self.frame_counts(clip.camera, clip.segments[0].start_mono, end)
            clip = dataclasses.replace(clip, frames_captured=captured, frames_dropped=dropped)
        return clip
