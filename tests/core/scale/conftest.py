from __future__ import annotations

import sys
import time

import pytest

from tests.support.scale_sim import ScaleSimulator

if sys.platform == "win32":  # the simulator is a pseudo-terminal
    pytest.skip("the scale simulator needs a POSIX pseudo-terminal", allow_module_level=True)


def wait_for(predicate, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def scale_sim(tmp_path):
    sims: list[ScaleSimulator] = []

    def make(fmt: str = "st-us", **kw) -> ScaleSimulator:
        sim = ScaleSimulator(tmp_path, fmt, **kw).start()
        sims.append(sim)
        return sim

    yield make
    for sim in sims:
        sim.stop()
