"""How the recording process handles frame memory and OpenCV's threads.

Set once when a station starts (:func:`tune_for_recording`):

* OpenCV's worker pool is off: it costs more in hand-offs than it saves on
  one frame conversion at a time, and competes with ffmpeg for the cores.
* NumPy does not ask Linux for transparent huge pages for frame buffers.
  By default it advises them (``madvise(MADV_HUGEPAGE)``) for every array
  of 4 MiB or more — every 1080p frame (6.2 MB) and its copies, made anew
  for each frame as a camera driver hands out a new buffer — and the
  kernel then backs the array with 2 MiB pages as it is first written. On
  the two-core machine the benches ran on (a virtual machine) that made a
  1080p frame copy take up to 200 ms of CPU instead of under 1 ms, the
  capture thread fell more than the camera's four frames behind, and
  frames were lost (bench/RESULTS.md, "1080p: frames lost to huge
  pages"). Frames live for a fraction of a second; huge pages buy them
  nothing. NumPy reads ``NUMPY_MADVISE_HUGEPAGE`` only when it is
  imported, so the setting is changed through the switch that variable
  sets. Other systems than Linux are not affected either way.
"""

from __future__ import annotations

import logging

import cv2
import numpy as np

log = logging.getLogger(__name__)


def _huge_page_switch():
    """NumPy's switch for its huge-page advice (``numpy._core`` from 2.0, ``numpy.core`` before)."""
    core = getattr(np, "_core", None) or getattr(np, "core", None)
    return getattr(getattr(core, "multiarray", None), "_set_madvise_hugepage", None)


def tune_for_recording() -> None:
    """One OpenCV thread; no huge-page advice for NumPy's arrays (frames)."""
    cv2.setNumThreads(1)
    switch = _huge_page_switch()
    if switch is None:
        log.info("this NumPy has no switch for its huge-page advice; frame memory left as it is")
        return
    if switch(False):
        log.info("NumPy's huge-page advice for large arrays turned off for frame buffers")


def huge_pages_advised() -> bool | None:
    """Whether NumPy now advises huge pages for large arrays (None: it has no such switch)."""
    switch = _huge_page_switch()
    if switch is None:
        return None
    on = bool(switch(False))
    switch(on)
    return on
