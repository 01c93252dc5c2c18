from __future__ import annotations

import sys

import pytest

from tests.core.test_station import wait_for  # noqa: F401 (the scale tests wait the same way)
from tests.support.scale_sim import ScaleSimulator

if sys.platform == "win32":  # the simulator is a pseudo-terminal
    pytest.skip("the scale simulator needs a POSIX pseudo-terminal", allow_module_level=True)


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
