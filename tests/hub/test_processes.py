"""What the hub's server processes share (packseal.hub.processes), as far as this system runs it.

The Windows branches (OpenProcess, job objects) cannot run here; of them only the job limits'
structure is checked: its size and the offset of LimitFlags are Win32's on 64-bit Windows.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys

import pytest

from packseal.hub.processes import job_limits_structure, own_group, pid_alive


def test_a_server_has_a_session_of_its_own_and_is_alive_until_it_ends():
    child = subprocess.Popen([sys.executable, "-c", "import os, sys; print(os.getsid(0)); sys.stdin.read()"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, **own_group())
    try:
        assert int(child.stdout.readline()) == child.pid != os.getsid(0)  # Ctrl+C of the hub's terminal misses it
        assert pid_alive(child.pid)
    finally:
        child.communicate("")
    assert not pid_alive(child.pid)  # ended and reaped
    assert pid_alive(1)  # another user's (init), alive


@pytest.mark.skipif(ctypes.sizeof(ctypes.c_void_p) != 8, reason="the layout checked is 64-bit Windows's")
def test_the_job_limits_have_win32s_layout():
    limits = job_limits_structure()
    assert ctypes.sizeof(limits) == 144 and limits.LimitFlags.offset == 16
