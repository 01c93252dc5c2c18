"""A small synchronous publish/subscribe hub for core events.

Publishers call :meth:`EventHub.publish` from whatever thread they run on;
subscribers must be quick and thread-safe (the GUI re-emits events as Qt
signals, which queue them onto the GUI thread). A subscriber that raises is
logged and does not stop the others.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Callable

log = logging.getLogger(__name__)

Subscriber = Callable[[Any], None]


class EventHub:
    def __init__(self) -> None:
        self._subs: list[Subscriber] = []
        self._lock = threading.Lock()

    def subscribe(self, fn: Subscriber) -> Callable[[], None]:
        """Call ``fn(event)`` for every published event; returns an unsubscribe function."""
        with self._lock:
            self._subs.append(fn)

        def unsubscribe() -> None:
            with self._lock:
                if fn in self._subs:
                    self._subs.remove(fn)

        return unsubscribe

    def publish(self, event: Any) -> None:
        with self._lock:
            subs = list(self._subs)
        for fn in subs:
            try:
                fn(event)
            except Exception:  # a broken subscriber must not stop recording
                log.exception("event subscriber %r failed on %r", fn, event)
