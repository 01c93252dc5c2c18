"""A client of the recorder process: commands, events and the live picture.

:class:`RecorderClient` keeps an events connection open on a thread of its
own and republishes what arrives on a local :class:`EventHub`, so code that
listened to an in-process station listens the same way. When the
connection drops it publishes :class:`RecorderLost` at once, and — when it
was given a ``spawn`` function, as the window is — starts a new recorder if
none runs (with back-off if it keeps dying) and reconnects; the new
recorder's snapshot then arrives as :class:`RecorderConnected`.

:meth:`RecorderClient.call` sends one command and waits for its reply. It
raises :class:`RecorderUnavailable` when no recorder answers.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Callable

from packseal.core.capture.frame import Frame
from packseal.core.errors import PackSealError
from packseal.core.events import EventHub
from packseal.core.remote import channel
from packseal.core.remote.protocol import (
    COMMANDS, EVENTS, Command, Hello, RecorderConnected, RecorderLost, Reply, Snapshot, StationInfo,
    StationStarted, StationStopped,
)
from packseal.core.remote.preview import PreviewReader
from packseal.core.storage.layout import DataLayout, choose_data_dir

log = logging.getLogger(__name__)


class RecorderUnavailable(PackSealError):
    """No recorder answered (not running, starting, or it just died)."""


class RecorderClient:
    def __init__(self, layout: DataLayout, hub: EventHub | None = None, *,
                 spawn: Callable[[], subprocess.Popen] | None = None, kind: str = "window",
                 started: subprocess.Popen | None = None) -> None:
        """``started``: a recorder process already started for this client (see
        :func:`start_recorder_early`); it counts as this client's own, as if ``spawn`` had started it."""
        self.layout = layout
        self.hub = hub or EventHub()
        self.kind = kind
        self._spawn = spawn
        self.snapshot: Snapshot | None = None  # the last one received; None while disconnected
        self.connected = threading.Event()
        self._closing = threading.Event()
        self._shutting_down = False
        self._gone = threading.Event()
        self._cmd: Connection | None = None
        self._cmd_lock = threading.Lock()
        self._previews: list[PreviewReader | None] = []  # one per camera, first camera first
        self._preview_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._spawned_at = time.monotonic() if started is not None else 0.0
        self._spawn_backoff = 1.0
        self._proc: subprocess.Popen | None = started  # the last recorder this client started
        # Starting a recorder and stopping one that is still starting take turns: a window closed just
        # as its link thread started the recorder would otherwise leave it running with no window.
        self._spawn_lock = threading.Lock()
        self.spawned = 1 if started is not None else 0  # recorders this client started

    # -- life ---------------------------------------------------------------------------------
    def start(self) -> None:
        """Connect (starting the recorder if needed) on a background thread."""
        self._thread = threading.Thread(target=self._run, name="recorder-link", daemon=True)
        self._thread.start()

    def wait_connected(self, timeout: float) -> bool:
        return self.connected.wait(timeout)

    def expect_shutdown(self) -> None:
        """The recorder is about to be told to stop: its going is no loss, and no new one starts."""
        self._shutting_down = True

    def wait_gone(self, timeout: float) -> bool:
        """After :meth:`expect_shutdown`: wait until the recorder has closed its events channel
        (it sends every event up to its last clip first)."""
        return self._gone.wait(timeout)

    def stop_starting_recorder(self, timeout: float = 30.0) -> None:
        """Stop a recorder this client started that does not answer yet (still opening the data
        dir): asked to shut down before it listened, it would otherwise run on with no window."""
        with self._spawn_lock:  # a start under way finishes first (none begins after expect_shutdown)
            proc = self._proc
        if proc is None or proc.poll() is not None:
            return
        log.info("stopping the recorder that is still starting (pid %d)", proc.pid)
        stop_recorder_process(proc, timeout)

    def close(self) -> None:
        """Stop listening; the recorder keeps running (send ``shutdown`` first to stop it)."""
        self._closing.set()
        if self._thread is not None:
            self._thread.join(5)
        with self._cmd_lock:
            if self._cmd is not None:
                self._cmd.close()
                self._cmd = None
        self._set_preview(None)

    # -- commands -------------------------------------------------------------------------------
    def call(self, name: str, *, timeout: float = 60.0, **args: Any) -> Any:
        """Run command ``name`` in the recorder and return its result.

        Raises :class:`RecorderUnavailable` when no recorder answers in time, and
        :class:`PackSealError` with the recorder's message when the command failed.
        """
        with self._cmd_lock:
            if self._cmd is not None:
                try:
                    self._cmd.send(Command(name, args))
                    sent = True
                except (OSError, EOFError, ValueError):  # a connection to a recorder that has died
                    self._drop_command_connection()
                    sent = False
            else:
                sent = False
            try:
                if not sent:
                    self._cmd = self._open(COMMANDS)
                    self._cmd.send(Command(name, args))
                if not self._cmd.poll(timeout):
                    raise TimeoutError(f"no answer within {timeout:.0f} s")
                reply = self._cmd.recv()
            except (OSError, EOFError) as exc:
                self._drop_command_connection()
                raise RecorderUnavailable(f"the recorder did not answer ({exc or type(exc).__name__})") from exc
        if not isinstance(reply, Reply):
            raise RecorderUnavailable("the recorder sent something that is not a reply")
        if not reply.ok:
            raise PackSealError(reply.error or reply.error_type)
        return reply.value

    def _drop_command_connection(self) -> None:
        if self._cmd is not None:
            self._cmd.close()
            self._cmd = None

    # -- the live picture -------------------------------------------------------------------------
    def latest_frame(self, camera: int = 0) -> Frame | None:
        """The newest live frame of camera ``camera`` (0 the first, 1 the second), or None."""
        with self._preview_lock:
            reader = self._previews[camera] if camera < len(self._previews) else None
            return reader.latest() if reader is not None else None

    def _set_preview(self, info: StationInfo | None) -> None:
        names: tuple[str | None, ...] = ()
        if info is not None:
            names = info.preview_blocks or (info.preview_block,)
        with self._preview_lock:
            if tuple(r.name if r is not None else None for r in self._previews) == names:
                return
            for reader in self._previews:
                if reader is not None:
                    reader.close()
            self._previews = [_reader(name) for name in names]

    # -- the events thread -------------------------------------------------------------------------
    def _run(self) -> None:
        while not self._closing.is_set():
            try:
                conn = self._open(EVENTS)
            except (OSError, EOFError, ValueError) as exc:  # none listening yet, or it went away mid-greeting
                log.debug("no recorder to connect to: %s", exc)
                if self._shutting_down:
                    break
                self._maybe_spawn()
                self._closing.wait(0.1)
                continue
            try:
                self._pump(conn)
            finally:
                conn.close()
                self.connected.clear()
                self.snapshot = None
                self._set_preview(None)
            if self._shutting_down:
                break
            if not self._closing.is_set():
                log.error("lost the connection to the recorder")
                self.hub.publish(RecorderLost("The recorder process stopped unexpectedly."))
        self._gone.set()

    def _pump(self, conn: Connection) -> None:
        try:
            while not self._closing.is_set():
                if not conn.poll(0.2):
                    continue
                message = conn.recv()
                if isinstance(message, Snapshot):
                    self.snapshot = message
                    self._set_preview(message.station)
                    self.connected.set()
                    self._spawn_backoff = 1.0
                    self.hub.publish(RecorderConnected(message))
                    continue
                if isinstance(message, StationStarted):
                    self._set_preview(message.info)
                elif isinstance(message, StationStopped):
                    self._set_preview(None)
                self.hub.publish(message)
        except (EOFError, OSError):
            return
        except Exception:  # a message this version cannot read: reconnect rather than die
            log.exception("unreadable message from the recorder")

    def _maybe_spawn(self) -> None:
        if self._spawn is None:
            return
        if self._proc is not None and self._proc.poll() is None:
            return  # ours is still starting (it listens once the data dir is open)
        if channel.recorder_running(self.layout):
            return  # another one is starting and will listen soon
        now = time.monotonic()
        if now - self._spawned_at < self._spawn_backoff:
            return
        if self._spawned_at:
            self._spawn_backoff = min(self._spawn_backoff * 2, 30.0)
        self._spawned_at = now
        with self._spawn_lock:
            if self._shutting_down:
                return  # the window is closing: no recorder starts now
            log.info("starting the recorder")
            self.spawned += 1
            try:
                self._proc = self._spawn()
            except OSError as exc:
                log.error("could not start the recorder: %s", exc)

    def _open(self, role: str) -> Connection:
        conn = channel.connect(self.layout)
        try:
            conn.send(Hello(role, os.getpid(), self.kind))
        except (OSError, EOFError):
            conn.close()
            raise
        return conn


def recorder_command(layout: DataLayout, source: str | list[str] | None = None, *,
                     camera_codes: bool | None = None) -> list[str]:
    """The command line that starts the recorder of ``layout`` (frozen app or Python), with
    ``source`` (one camera, or a list of one or two) instead of the settings' cameras."""
    if getattr(sys, "frozen", False):  # the installed app: the executable is packseal itself
        argv = [sys.executable]
    else:
        argv = [sys.executable, "-m", "packseal"]
    argv += ["--data-dir", str(layout.root), "recorder"]
    for one in [source] if isinstance(source, str) else source or ():
        argv += ["--source", one]
    if camera_codes is not None:
        argv += ["--camera-codes", "on" if camera_codes else "off"]
    return argv


def spawn_recorder(layout: DataLayout, source: str | list[str] | None = None, *,
                   camera_codes: bool | None = None) -> subprocess.Popen:
    """Start the recorder as a process of its own, outliving whoever started it.

    Its own session (process group) keeps a terminal's Ctrl+C and a window's
    death from reaching it; its stderr (a crash's traceback) goes to the log folder.
    """
    err_path = Path(layout.logs) / "recorder-stderr.log"
    kwargs: dict[str, Any] = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL}
    if sys.platform == "win32":  # pragma: no cover - Windows only
        kwargs["creationflags"] = (subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.DETACHED_PROCESS
                                   | getattr(subprocess, "CREATE_NO_WINDOW", 0))
    else:
        kwargs["start_new_session"] = True
    with open(err_path, "ab") as err:
        return subprocess.Popen(recorder_command(layout, source, camera_codes=camera_codes), stderr=err,
                                **kwargs)


def start_recorder_early(data_dir: Path | None, source: str | list[str] | None = None) -> subprocess.Popen | None:
    """Start the recorder of a station set up before, at the very start of the window's process.

    The recorder then opens the data dir and the camera while the window is
    still loading its own (slower) modules, instead of after it. Returns None,
    starting nothing, when the data dir has no settings yet (the first-run
    dialog comes first and may choose another folder) or a recorder runs
    already. Hand the process to the window's :class:`RecorderClient` (``started``).
    """
    root = choose_data_dir(data_dir)
    if not (root / "settings.json").is_file():
        return None
    try:
        layout = DataLayout.open(root)
        if channel.recorder_running(layout):
            return None
        return spawn_recorder(layout, source)
    except (OSError, PackSealError):
        return None  # the window opens the data dir itself and says what is wrong with it


def stop_recorder_process(proc: subprocess.Popen, timeout: float = 30.0) -> None:
    """Stop a recorder process that was started here (SIGTERM: a recorder already serving stops
    the normal way, sealing what it recorded); kill it if it does not stop within ``timeout``."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def recorder_status(layout: DataLayout, timeout: float = 5.0) -> Snapshot | None:
    """The running recorder's snapshot, or None when none answers."""
    client = RecorderClient(layout, kind="cli")
    try:
        return client.call("status", timeout=timeout)
    except RecorderUnavailable:
        return None
    finally:
        client.close()


def _reader(name: str | None) -> PreviewReader | None:
    if not name:
        return None
    try:
        return PreviewReader(name)
    except (OSError, ValueError) as exc:
        log.error("cannot show the live picture (%s): %s", name, exc)
        return None
