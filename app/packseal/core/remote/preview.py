"""The live picture from the recorder process to the window, through shared memory.

The recorder writes each overlaid frame into one shared block; the window
copies the newest one out about 30 times a second. Nothing is queued: a
slow window simply skips frames, and the recorder never waits for it.

Block layout: a 64-byte header of little-endian 64-bit integers —
``seq, width, height, index, utc_ns, mono_ns`` — then ``width × height × 3``
bytes of BGR pixels. ``seq`` is odd while a frame is being written and even
when it is complete (a sequence lock): a reader that sees it odd, or
changed after its copy, tries again, so it never returns a half-written
frame.
"""

from __future__ import annotations

import logging
import struct
import sys
import threading
from datetime import datetime, timezone
from multiprocessing import shared_memory

import numpy as np

from packseal.core.capture.frame import Frame

log = logging.getLogger(__name__)

_HEADER = struct.Struct("<6q")
HEADER_BYTES = 64
_OWN_BLOCKS: set[str] = set()  # made by writers in this process (their tracker entry is theirs)


def block_size(width: int, height: int) -> int:
    return HEADER_BYTES + width * height * 3


class PreviewWriter:
    """Owned by the recorder: one block for one frame size; ``close`` removes it."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self._shm = shared_memory.SharedMemory(create=True, size=block_size(width, height))
        self.name = self._shm.name
        _OWN_BLOCKS.add(self.name)
        self._seq = 0
        self._pixels = np.ndarray((height, width, 3), dtype=np.uint8, buffer=self._shm.buf,
                                  offset=HEADER_BYTES)
        self._lock = threading.Lock()
        self._write_header(0, 0, 0)

    def write(self, frame: Frame) -> None:
        image = frame.image
        if image.shape != (self.height, self.width, 3):
            return  # a frame of another size cannot be shown in this block; the next start makes a new one
        with self._lock:
            if self._shm is None:
                return
            self._seq += 1  # odd: being written
            self._write_header(frame.index, _ns(frame.utc), int(frame.mono * 1e9))
            self._pixels[...] = image
            self._seq += 1  # even: complete
            self._write_header(frame.index, _ns(frame.utc), int(frame.mono * 1e9))

    def _write_header(self, index: int, utc_ns: int, mono_ns: int) -> None:
        _HEADER.pack_into(self._shm.buf, 0, self._seq, self.width, self.height, index, utc_ns, mono_ns)

    def close(self) -> None:
        with self._lock:
            shm, self._shm = self._shm, None
        if shm is None:
            return
        del self._pixels
        shm.close()
        try:
            shm.unlink()
        except FileNotFoundError:
            pass
        _OWN_BLOCKS.discard(self.name)


class PreviewReader:
    """Used by the window: :meth:`latest` returns the newest complete frame, or None."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._shm = shared_memory.SharedMemory(name=name, create=False)
        if name not in _OWN_BLOCKS:
            _untrack(self._shm)
        self._last: Frame | None = None
        self._last_seq = -1

    def latest(self) -> Frame | None:
        """The newest frame; the same object again while no newer one was written."""
        shm = self._shm
        if shm is None:
            return None
        for _ in range(8):
            seq, width, height, index, utc_ns, mono_ns = _HEADER.unpack_from(shm.buf, 0)
            if seq == 0 or width <= 0 or height <= 0:
                return None  # nothing written yet
            if seq == self._last_seq:
                return self._last
            if seq % 2:
                continue  # being written: look again
            size = width * height * 3
            if HEADER_BYTES + size > shm.size:
                return None
            image = np.frombuffer(shm.buf, dtype=np.uint8, count=size, offset=HEADER_BYTES).reshape(
                height, width, 3).copy()
            if _HEADER.unpack_from(shm.buf, 0)[0] != seq:
                continue  # overwritten while copying: this copy may be torn
            utc = datetime.fromtimestamp(utc_ns / 1e9, tz=timezone.utc)
            self._last, self._last_seq = Frame(image, index, utc, mono_ns / 1e9), seq
            return self._last
        return self._last  # the writer is very busy: show the previous frame once more

    def close(self) -> None:
        shm, self._shm = self._shm, None
        if shm is not None:
            shm.close()


def _ns(utc: datetime) -> int:
    return int(utc.timestamp() * 1e9)


def _untrack(shm: shared_memory.SharedMemory) -> None:
    """A reader must not remove the block when it exits (Python < 3.13 registers every
    attached block with its resource tracker, which unlinks it at exit)."""
    if sys.platform == "win32":  # pragma: no cover - no tracker for shared memory there
        return
    try:
        from multiprocessing import resource_tracker

        resource_tracker.unregister(shm._name, "shared_memory")  # noqa: SLF001 (documented workaround)
    except Exception:  # pragma: no cover - the tracker's internals changed
        log.debug("could not untrack shared memory %s", shm.name, exc_info=True)
