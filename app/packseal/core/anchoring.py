"""Anchoring: every sealed clip gets a checkpoint timestamped by the TSAs within a minute.

The :class:`Anchorer` runs on its own thread, so a slow or absent network
never holds up recording. When a clip is sealed (or the ledger is new, or the
key rotated) it is asked for an anchor; it waits a few seconds so clips sealed
close together share one checkpoint, makes the checkpoint, and asks every
configured TSA for a timestamp. A TSA that does not answer leaves the
checkpoint queued; the queue is retried with back-off and whenever a new
anchor is made. Each round is announced on the hub as :class:`AnchorDone`.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from packseal.core.errors import PackSealError
from packseal.core.events import EventHub
from packseal.core.ledger import Entry
from packseal.core.ledger.timestamping import StampResult, Timestamper

log = logging.getLogger(__name__)

#: Clips sealed within this many seconds share one checkpoint.
DEFAULT_COALESCE_S = 3.0
#: Warn when clips were sealed but nothing was anchored for this long.
STALE_AFTER_S = 3600.0


@dataclass(frozen=True)
class AnchorDone:
    """A checkpoint over the first ``tree_size`` entries was made and sent to the TSAs.

    ``stamped``: timestamp entries recorded; ``queued``: TSAs that did not
    answer (the checkpoint waits for them); no TSA configured leaves both empty.
    """

    checkpoint_seq: int
    tree_size: int
    stamped: int
    trusted: int
    queued: tuple[str, ...]
    errors: tuple[str, ...] = ()

    @property
    def anchored(self) -> bool:
        return self.stamped > 0


@dataclass
class AnchorState:
    """What the station window shows: when the last stamp came, what waits, whether to worry."""

    last_stamped_at: float | None = None      # wall clock (time.time) of the last timestamp entry
    last_checkpoint_seq: int | None = None
    queue_length: int = 0
    sealed_since_stamp: int = 0               # clips sealed since the last timestamp
    first_unstamped_at: float | None = None   # when the oldest of those was sealed
    tsa_count: int = 0
    last_error: str = ""

    def stale(self, now: float | None = None) -> bool:
        """True when clips were sealed but nothing was anchored for :data:`STALE_AFTER_S`."""
        now = time.time() if now is None else now
        return (self.sealed_since_stamp > 0 and self.first_unstamped_at is not None
                and now - self.first_unstamped_at >= STALE_AFTER_S)


@dataclass
class _Wanted:
    since: float | None = None
    reasons: list[str] = field(default_factory=list)


class Anchorer:
    """Makes checkpoints and gets them timestamped in the background."""

    def __init__(self, hub: EventHub, checkpoint: Callable[[], Entry], timestamper: Timestamper | None, *,
                 coalesce_s: float = DEFAULT_COALESCE_S, clock: Callable[[], float] = time.time) -> None:
        self.hub = hub
        self._checkpoint = checkpoint
        self.timestamper = timestamper
        self.coalesce_s = coalesce_s
        self.clock = clock
        self.state = AnchorState(tsa_count=len(timestamper.tsa_urls) if timestamper else 0)
        self._wanted = _Wanted()
        self._cond = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="packseal-anchor", daemon=True)
        self._refresh_queue_length()
        self._thread.start()

    def request(self, reason: str = "clip") -> None:
        """Ask for a checkpoint and stamps soon (clips asking within ``coalesce_s`` share one).

        Without any TSA only ``periodic`` requests make a checkpoint: there is nothing to anchor to.
        """
        if self.timestamper is None and reason != "periodic":
            return
        with self._cond:
            if self._wanted.since is None:
                self._wanted.since = self.clock()
            self._wanted.reasons.append(reason)
            if reason == "clip":
                self.state.sealed_since_stamp += 1
                if self.state.first_unstamped_at is None:
                    self.state.first_unstamped_at = self.clock()
            self._cond.notify_all()

    def anchor_now(self, reason: str = "requested") -> AnchorDone:
        """Checkpoint and stamp on the calling thread (``packseal stamp``, packs, shutdown)."""
        with self._cond:
            self._wanted = _Wanted()
        return self._anchor([reason], force_queue=True)

    def close(self, *, final: bool = True) -> None:
        """Stop the thread; with ``final``, anchor what is still waiting on this thread."""
        with self._cond:
            self._closed = True
            pending = self._wanted.since is not None
            self._cond.notify_all()
        self._thread.join(timeout=60)
        if final and pending:
            try:
                self._anchor(["shutdown"], force_queue=False)
            except PackSealError as exc:
                log.error("final anchor failed: %s", exc)

    # ------------------------------------------------------------------ the thread
    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._closed:
                    now = self.clock()
                    due = self._due_at()
                    if due is not None and due <= now:
                        break
                    self._cond.wait(timeout=None if due is None else max(0.05, min(due - now, 30.0)))
                if self._closed:
                    return
                wanted, self._wanted = self._wanted, _Wanted()
            try:
                if wanted.since is not None:
                    self._anchor(wanted.reasons, force_queue=True)
                else:
                    self._retry_queue()
            except PackSealError as exc:
                log.error("anchoring failed: %s", exc)
                self.state.last_error = str(exc)
                with self._cond:  # try again later, not in a tight loop
                    self._cond.wait(timeout=30.0)
            except Exception:  # the thread must survive anything a TSA sends
                log.exception("anchoring failed unexpectedly")
                with self._cond:
                    self._cond.wait(timeout=30.0)

    def _due_at(self) -> float | None:
        times = []
        if self._wanted.since is not None:
            times.append(self._wanted.since + self.coalesce_s)
        if self.timestamper is not None and self.state.queue_length:
            try:
                nxt = self.timestamper.next_due()
            except PackSealError:
                nxt = None
            if nxt is not None:
                times.append(nxt)
        return min(times) if times else None

    def _retry_queue(self) -> None:
        assert self.timestamper is not None
        result = self.timestamper.flush_pending(force=False)
        self._note(result)
        self._refresh_queue_length()

    def _anchor(self, reasons: list[str], *, force_queue: bool) -> AnchorDone:
        entry = self._checkpoint()
        result = StampResult()
        if self.timestamper is not None:
            if force_queue:  # a TSA back up? send what waits too
                self._note(self.timestamper.flush_pending(force=True))
            result = self.timestamper.stamp(entry)
            self._note(result)
            self._refresh_queue_length()
        done = AnchorDone(checkpoint_seq=entry.seq, tree_size=entry.body["tree_size"],
                          stamped=len(result.entries), trusted=result.trusted,
                          queued=tuple(result.failed), errors=tuple(result.failed.values()))
        self.state.last_checkpoint_seq = entry.seq
        log.info("anchor for %s: checkpoint %d, %d timestamp(s), %d TSA(s) queued", ",".join(sorted(set(reasons))),
                 entry.seq, done.stamped, len(done.queued))
        self.hub.publish(done)
        return done

    def _note(self, result: StampResult) -> None:
        if result.entries:
            self.state.last_stamped_at = self.clock()
            self.state.sealed_since_stamp = 0
            self.state.first_unstamped_at = None
        if result.failed:
            self.state.last_error = "; ".join(result.failed.values())

    def _refresh_queue_length(self) -> None:
        if self.timestamper is None:
            self.state.queue_length = 0
            return
        try:
            self.state.queue_length = len(self.timestamper.pending())
        except PackSealError as exc:
            self.state.last_error = str(exc)
