"""Sync in the background: the recorder process runs a pass now and then while a hub is paired.

A pass that fails (hub or network down, object store down) is simply tried
again at the next turn: nothing is queued but what the ledger already holds.
A station the hub flagged ``forked`` goes on asking at each turn: the pass
stops at the hub's first answer while the hub still refuses it, and syncs
again (``SyncPassed`` clears the alert) once an owner has accepted its
present history on the hub. What each pass did is published on the core's
event hub (``SyncPassed``, ``SyncFailed``, ``HubForked``, once per refusal).
"""

from __future__ import annotations

import logging
import threading
from typing import Callable

from packseal.core.errors import PackSealError
from packseal.core.events import EventHub
from packseal.core.ledger.chain import Ledger
from packseal.core.storage.layout import DataLayout
from packseal.core.sync.state import load_state
from packseal.core.sync.sync_pass import sync_once

log = logging.getLogger(__name__)

#: Seconds between two passes, and before the first.
EVERY_S = 120.0
FIRST_AFTER_S = 15.0


class BackgroundSync:
    """A thread that runs :func:`sync_once` every ``every_s`` seconds while the data dir is paired."""

    def __init__(self, layout: DataLayout, ledger: Ledger, hub: EventHub, *, every_s: float = EVERY_S,
                 first_after_s: float = FIRST_AFTER_S,
                 bandwidth: Callable[[], int | None] = lambda: None) -> None:
        """``bandwidth()``: the upload cap in bytes per second for the next pass (None: none)."""
        self.layout, self.ledger, self.hub = layout, ledger, hub
        self.every_s, self.first_after_s, self.bandwidth = every_s, first_after_s, bandwidth
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="hub-sync", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        """No further passes; waits up to ``timeout`` for one under way (an upload stops at its next part)."""
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def _loop(self) -> None:
        wait = self.first_after_s
        while not self._stop.wait(wait):
            wait = self.every_s
            try:
                state = load_state(self.layout.root)
                if state is None:
                    continue
                result = sync_once(self.layout, self.ledger, hub=self.hub, bandwidth=self.bandwidth())
                log.info("hub sync: %d file(s) uploaded, %d pending", result.uploaded, result.pending)
            except PackSealError as exc:  # published by the pass; tried again at the next turn
                log.warning("hub sync: %s", exc)
            except Exception:
                log.exception("hub sync failed")
