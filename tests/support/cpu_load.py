"""Busy loops beside the app under test: the load a packing station's PC sees while it encodes."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def busy_cores(count: int | None = None) -> Iterator[list[subprocess.Popen]]:
    """``count`` processes (default: one per core) spinning at full speed until the block ends."""
    n = count or os.cpu_count() or 2
    loops = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(n)]
    try:
        yield loops
    finally:
        for proc in loops:
            proc.kill()
        for proc in loops:
            proc.wait(10)
