"""Indexing finished clips in the background, so a dispute never waits for it.

One worker thread at the lowest CPU priority the OS gives a thread: a
packing station's cores belong to the encoder first. Clips are indexed in
the order they were sealed; a failure is logged and the clip is indexed on
first use instead (``ensure_index`` builds what is missing).

Closing stops the clip in hand at its next indexed frame and waits for the
worker. A process must not end while the worker is inside OpenCV or the
decoder: Python ends such a thread when it takes its lock back after
finalisation began, and OpenCV's C++ frames then abort the whole process
("terminate called without an active exception").
"""

from __future__ import annotations

import logging
import os
import queue
import sys
import threading
from datetime import datetime
from pathlib import Path

from packseal.core.errors import PackSealError

log = logging.getLogger(__name__)


class IndexQueue:
    def __init__(self) -> None:
        self._jobs: queue.Queue = queue.Queue()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="clip-indexer", daemon=True)
        self._thread.start()
        self.indexed = 0

    def submit(self, clip: Path, *, start_utc: datetime, sha256: str) -> None:
        """Index ``clip`` when the worker gets to it."""
        self._jobs.put((Path(clip), start_utc, sha256))

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every submitted clip is indexed (tests, shutdown); False on timeout."""
        done = threading.Event()
        self._jobs.put(done)
        return done.wait(timeout)

    def close(self, timeout: float = 60.0) -> None:
        """Stop at the next indexed frame of the clip in hand (it is not saved); that clip and the
        ones still queued are indexed on first use. Waits for the worker up to ``timeout``: it runs
        at the lowest priority, so on a busy machine even that one frame can take seconds."""
        self._stopping.set()
        while True:
            try:
                self._jobs.get_nowait()
            except queue.Empty:
                break
        self._jobs.put(None)
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.warning("the clip indexer did not stop within %.0f s", timeout)

    def _run(self) -> None:
        # The video decoder loads here, on this thread, when the first clip is indexed: not
        # with the window, whose live picture does not need it.
        from packseal.core.compare.frame_index import IndexingStopped, ensure_index

        _lower_priority()
        while True:
            job = self._jobs.get()
            if job is None:
                return
            if isinstance(job, threading.Event):
                job.set()
                continue
            clip, start_utc, sha256 = job
            try:
                ensure_index(clip, start_utc=start_utc, sha256=sha256, stopping=self._stopping.is_set)
                self.indexed += 1
            except IndexingStopped:
                log.info("indexing %s stopped for closing; it will be indexed when first compared", clip)
            except (PackSealError, OSError) as exc:
                log.warning("could not index %s now (%s); it will be indexed when first compared", clip, exc)
            except Exception:
                log.exception("indexing %s failed", clip)


def _lower_priority() -> None:
    if sys.platform.startswith("linux"):  # on Linux a thread has its own nice value
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        except OSError:
            pass
