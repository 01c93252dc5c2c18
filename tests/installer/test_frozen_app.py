"""The frozen app as users get it: ``installer/build.py check`` builds it and the .deb, installs the
.deb into a folder and runs the installed program (``--version``, the selftest with its bundled ffmpeg,
the window opening in Chinese).

It takes minutes, so it runs when the whole suite runs (``./dev.sh test`` with no arguments, and CI,
set ``PACKSEAL_CHECK_BUNDLE=1``); as a test, it runs beside the others on another worker.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.installer.conftest import ROOT

pytestmark = pytest.mark.skipif(os.environ.get("PACKSEAL_CHECK_BUNDLE") != "1",
                                reason="the frozen app is built and checked with the whole suite "
                                       "(./dev.sh test, CI) or with PACKSEAL_CHECK_BUNDLE=1")


def test_the_frozen_app_builds_installs_and_passes_its_checks():
    done = subprocess.run([sys.executable, str(ROOT / "installer" / "build.py"), "check"], cwd=ROOT,
                          capture_output=True, text=True, timeout=3600)
    said = done.stdout[-6000:] + done.stderr[-6000:]
    assert done.returncode == 0, said
    assert "selftest passed" in said and "window opened in Chinese" in said, said
