"""Frame memory: no huge pages advised for frame-sized arrays, in the recorder and the window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from packseal.core.events import EventHub
from packseal.core.capture import frame_memory
from packseal.core.capture.frame_memory import huge_pages_advised
from packseal.core.settings import Settings
from packseal.core.station import Station
from packseal.core.storage.layout import DataLayout

THP_MODE = Path("/sys/kernel/mm/transparent_hugepage/enabled")


@pytest.fixture
def advice_restored():
    """Each test starts with NumPy's default advice and leaves the process as it found it."""
    before = huge_pages_advised()
    if before is None:
        pytest.skip("this NumPy has no switch for its huge-page advice")
    switch = frame_memory._huge_page_switch()
    switch(True)
    yield switch
    switch(before)


def test_a_started_station_has_numpys_huge_page_advice_off(tmp_path, advice_restored):
    assert huge_pages_advised() is True
    layout = DataLayout.open(tmp_path / "data")
    station = Station(layout=layout, settings=Settings(encoder="libx264", preset="ultrafast"),
                      hub=EventHub(), source="test:320x240@15", read_barcodes=False)
    station.start()
    try:
        assert huge_pages_advised() is False
    finally:
        station.stop()


#: Run in a fresh interpreter: there glibc still gives a frame-sized array a new mapping of its own
#: (later it may reuse freed, already touched memory, which no advice changes).
PROBE = """
import json, sys
from pathlib import Path
import numpy as np
from packseal.core.capture.frame_memory import no_huge_pages_for_frames

def huge_kib(array):
    # NumPy's advice covers the array from its first whole page on, so the kernel splits the
    # mapping in two: count every mapping the array's bytes overlap
    first, last = array.ctypes.data, array.ctypes.data + array.nbytes
    kib, inside = 0, False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split()[0]
        if "-" in head and not head.endswith(":"):
            start, end = (int(x, 16) for x in head.split("-"))
            inside = start < last and first < end
        elif inside and line.startswith("AnonHugePages:"):
            kib += int(line.split()[1])
    return kib

if sys.argv[1] == "tuned":
    no_huge_pages_for_frames()
frames = [np.full((1080, 1920, 3), 7, np.uint8) for _ in range(3)]  # written at once: every page touched
print(json.dumps([huge_kib(f) for f in frames]))
"""


def _huge_kib_of_frames(*args: str) -> list[int]:
    env = {k: v for k, v in os.environ.items() if k != "NUMPY_MADVISE_HUGEPAGE"}
    run = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env,
                         timeout=60)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="huge pages are a Linux matter")
def test_1080p_frames_get_huge_pages_on_numpys_advice_and_none_once_tuned():
    mode = THP_MODE.read_text() if THP_MODE.exists() else ""
    if "[madvise]" not in mode:
        pytest.skip(f"transparent huge pages here are not given on advice only ({mode.strip() or 'no THP'}); "
                    "the advice changes nothing")
    assert max(_huge_kib_of_frames("as NumPy starts")) >= 2048, "the kernel gave no huge page on NumPy's advice"
    assert _huge_kib_of_frames("tuned") == [0, 0, 0]
