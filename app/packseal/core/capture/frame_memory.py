"""Frame memory: no transparent huge pages advised for frame-sized arrays.

NumPy advises Linux to back every array of 4 MiB or more with transparent
huge pages (``madvise(MADV_HUGEPAGE)``). A 1080p frame (6.2 MB) is one, and
frames are made anew many times a second: by the camera as a driver hands
out a new buffer, by the window as it copies each preview frame. The
kernel then backs each with 2 MiB pages as it is first written. On the
two-core machine the benches ran on (a virtual machine) that made a 1080p
frame copy take up to 200 ms of CPU now and then instead of under 1 ms:
the recorder's capture thread fell more than the camera's four frames
behind and frames were lost (bench/RESULTS.md, "1080p: frames lost to huge
pages"). Frames live for a fraction of a second; huge pages buy them
nothing. 720p frames (2.7 MB) were never advised.

NumPy reads ``NUMPY_MADVISE_HUGEPAGE`` only when it is imported, so the
advice is turned off through the switch that variable sets
(:func:`no_huge_pages_for_frames`), by the recorder when a station starts
and by the window before it shows frames. Other systems than Linux are not
affected either way.
"""

from __future__ import annotations

import logging

import numpy as np

log = logging.getLogger(__name__)


def _huge_page_switch():
    """NumPy's switch for its huge-page advice (``numpy._core`` from 2.0, ``numpy.core`` before)."""
    core = getattr(np, "_core", None) or getattr(np, "core", None)
    return getattr(getattr(core, "multiarray", None), "_set_madvise_hugepage", None)


def no_huge_pages_for_frames() -> None:
    """Turn NumPy's huge-page advice off for this process."""
    switch = _huge_page_switch()
    if switch is None:
        log.info("this NumPy has no switch for its huge-page advice; frame memory left as it is")
        return
    if switch(False):
        log.info("NumPy's huge-page advice for large arrays turned off: frames are short-lived")


def huge_pages_advised() -> bool | None:
    """Whether NumPy now advises huge pages for large arrays (None: it has no such switch)."""
    switch = _huge_page_switch()
    if switch is None:
        return None
    on = bool(switch(False))
    switch(on)
    return on
