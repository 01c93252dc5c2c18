"""One clock for every camera of a station: capture times in UTC from the monotonic clock.

Each source stamps its frames with ``time.monotonic()`` at capture. The
station turns that into UTC with one mapping shared by all its cameras, so
two cameras' frames captured at the same moment carry the same UTC time to
the microsecond, whatever each source's own reading of the wall clock was.

The mapping follows the wall clock: when the two drift apart by more than
:data:`RESYNC_S` (the clock was set, NTP stepped it), it is taken again, for
every camera at once.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta, timezone

log = logging.getLogger(__name__)

#: The wall clock and the mapping may differ this much before the mapping is taken again.
RESYNC_S = 0.5
#: How often the mapping is compared with the wall clock.
CHECK_EVERY_S = 1.0


class CaptureClock:
    """Maps monotonic capture times to UTC, the same way for every camera; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._mono0 = 0.0
        self._utc0 = datetime.now(timezone.utc)
        self._checked = float("-inf")
        self._sync()

    def _sync(self) -> None:
        self._mono0 = time.monotonic()
        self._utc0 = datetime.now(timezone.utc)
        self._checked = self._mono0

    def utc(self, mono: float) -> datetime:
        """The UTC time of the monotonic time ``mono``."""
        with self._lock:
            now = time.monotonic()
            if now - self._checked >= CHECK_EVERY_S:
                self._checked = now
                drift = (datetime.now(timezone.utc) - self._mapped(now)).total_seconds()
                if abs(drift) > RESYNC_S:
                    log.warning("the wall clock moved %+.3f s against the monotonic clock; capture times "
                                "follow it from now on", drift)
                    self._sync()
            return self._mapped(mono)

    def _mapped(self, mono: float) -> datetime:
        return self._utc0 + timedelta(seconds=mono - self._mono0)
