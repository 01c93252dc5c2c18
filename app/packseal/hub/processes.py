"""What the hub's server processes share: free ports, their own process group, dying with the hub,
whether a process lives, log tails, flushing their files."""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on at the moment (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def own_group() -> dict:
    """``Popen`` arguments that keep the Ctrl+C of the hub's terminal from reaching a server: the hub
    stops its servers itself, in order. POSIX: a new session; Windows: a new process group (whose
    processes ignore Ctrl+C)."""
    if os.name == "nt":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def pid_alive(pid: int) -> bool:
    """Does the process ``pid`` run (also when it is another user's)?"""
    if os.name == "nt":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, another user's
    return True


def _windows_pid_alive(pid: int) -> bool:
    # os.kill(pid, 0) is no question on Windows: signal 0 is CTRL_C_EVENT there.
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    process_query_limited_information, error_access_denied, still_active = 0x1000, 5, 259
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return ctypes.get_last_error() == error_access_denied  # alive, but closed to this user
    try:
        code = wintypes.DWORD()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def die_with_parent(signal_name: str = "SIGTERM"):
    """A ``preexec_fn`` that has Linux send the signal ``signal_name`` (e.g. ``"SIGKILL"``) to the
    child when the hub dies (even by kill -9).

    Elsewhere it gives None (no ``preexec_fn``, which Windows does not allow; nor has Windows a
    SIGKILL, hence the name); on Windows :func:`kill_with_hub` does it for SeaweedFS, and the hub
    otherwise stops its servers only on a clean exit.
    """
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    sig = getattr(signal, signal_name)
    prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up here: the child only calls it

    def preexec() -> None:
        prctl(1, int(sig), 0, 0, 0)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before prctl: go now
            os.kill(os.getpid(), sig)

    return preexec


def kill_with_hub(process: subprocess.Popen) -> None:
    """Windows: the kernel ends ``process`` when the hub exits, however it exits (kill included),
    as :func:`die_with_parent` has Linux do. The process joins a job object that kills its
    processes when its last handle closes; the hub holds that handle until it exits. Elsewhere
    nothing. A refusal (a job the hub runs in that allows no other) is logged, and the server runs on."""
    if os.name != "nt":
        return
    import ctypes

    global _job
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateJobObjectW.restype = ctypes.c_void_p
    kernel32.CreateJobObjectW.argtypes = (ctypes.c_void_p, ctypes.c_wchar_p)
    kernel32.SetInformationJobObject.argtypes = (ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_uint32)
    kernel32.AssignProcessToJobObject.argtypes = (ctypes.c_void_p, ctypes.c_void_p)
    if _job is None:
        job = kernel32.CreateJobObjectW(None, None)
        limits = job_limits_structure()()
        limits.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
        if not job or not kernel32.SetInformationJobObject(job, JOB_OBJECT_EXTENDED_LIMIT_INFORMATION,
                                                           ctypes.byref(limits), ctypes.sizeof(limits)):
            log.warning("no job object for the hub's servers (error %d): a killed hub leaves them running",
                        ctypes.get_last_error())
            return
        _job = job  # never closed: the kernel closes it when the hub exits, and so ends the servers
    if not kernel32.AssignProcessToJobObject(_job, int(process._handle)):
        log.warning("process %d did not join the hub's job object (error %d): a killed hub leaves it running",
                    process.pid, ctypes.get_last_error())


_job = None
JOB_OBJECT_EXTENDED_LIMIT_INFORMATION = 9  # the information class of SetInformationJobObject
JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x2000


def job_limits_structure():
    """Win32's JOBOBJECT_EXTENDED_LIMIT_INFORMATION, with its basic limits' fields at the top
    (144 bytes on 64-bit Windows)."""
    import ctypes

    class Limits(ctypes.Structure):
        _fields_ = [
            # JOBOBJECT_BASIC_LIMIT_INFORMATION
            ("PerProcessUserTimeLimit", ctypes.c_int64), ("PerJobUserTimeLimit", ctypes.c_int64),
            ("LimitFlags", ctypes.c_uint32), ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", ctypes.c_uint32),
            ("Affinity", ctypes.c_size_t), ("PriorityClass", ctypes.c_uint32), ("SchedulingClass", ctypes.c_uint32),
            # IO_COUNTERS
            *((name, ctypes.c_uint64) for name in ("ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
                                                   "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")),
            ("ProcessMemoryLimit", ctypes.c_size_t), ("JobMemoryLimit", ctypes.c_size_t),
            ("PeakProcessMemoryUsage", ctypes.c_size_t), ("PeakJobMemoryUsage", ctypes.c_size_t),
        ]

    return Limits


def log_tail(path: Path, lines: int = 15) -> str:
    """The last lines of a server's log, for an error message."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"


def flush_tree(folder: Path) -> None:
    """fsync every file and folder under ``folder`` (a server's data, once the server has stopped)."""
    if not folder.is_dir():
        return
    for current, _dirs, files in os.walk(folder):
        for name in files:
            _fsync(Path(current) / name, folder=False)
        _fsync(Path(current), folder=True)


def _fsync(path: Path, folder: bool) -> None:
    if folder:
        flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    else:  # Windows flushes a file only through a handle that may write it
        flags = os.O_RDWR | os.O_BINARY if os.name == "nt" else os.O_RDONLY
    try:
        fd = os.open(path, flags)
    except OSError:  # a socket, a file gone meanwhile, a folder on Windows: nothing to flush
        return
    try:
        os.fsync(fd)
    except OSError:
        if not folder:  # a file that cannot reach the disk is an error; some systems cannot fsync folders
            raise
    finally:
        os.close(fd)
