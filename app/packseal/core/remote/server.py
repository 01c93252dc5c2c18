"""The recorder process: the station, served to its clients over the local channel.

``packseal recorder`` runs one :class:`RecorderServer` for a data dir. It
opens the station (camera, tape, recorder, archive) and then only serves:

* a **commands** connection gets one :class:`~.protocol.Reply` for each
  :class:`~.protocol.Command` (scan, stop, cancel, restart, reload settings,
  retention, status, shutdown, and the packer's answers: confirm or drop a
  warned order, stop or go on with items missing, returns mode, link a return); commands run one at a time, in order;
* an **events** connection first gets a :class:`~.protocol.Snapshot` of the
  station, then every event the core publishes, in order. Each events client
  has its own queue and sender thread, so a slow or dead window never holds
  up the camera, the encoder or the ledger.

The live picture goes through shared memory (:mod:`.preview`), written only
while a window is connected. The server runs the core's retention schedule
(:mod:`packseal.core.upkeep.schedule`), so a station without a window keeps
its disk in order too, and the catalog's daily full read.

The server stops on the ``shutdown`` command or on SIGTERM/SIGINT, finishing
the order being recorded first, as closing the window always did.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import queue
import signal
import threading
from multiprocessing.connection import Connection
from typing import Any, Callable

from packseal.core.anchoring import AnchorState
from packseal.core.archive import ArchiveFailed, ClipSealed
from packseal.core.capture.barcode import GUIDE_ROI
from packseal.core.errors import PackSealError
from packseal.core.packing import events as packing_events
from packseal.core.recording import events as recording_events
from packseal.core.scale.events import ScaleBack, ScaleLost, ScaleReading
from packseal.core.upkeep.recovery import finish_resumable
from packseal.core.remote import channel
from packseal.core.remote.protocol import (
    COMMANDS, EVENTS, Command, Hello, Reply, Snapshot, StationFailed, StationInfo, StationStarted,
    StationStopped,
)
from packseal.core.remote.preview import PreviewWriter
from packseal.core.settings import load_settings
from packseal.core.station import Station
from packseal.core.storage.filelock import InterProcessLock
from packseal.core.upkeep.retention import RetentionApplied
from packseal.core.upkeep.catalog_trust import CatalogDamageFound
from packseal.core.upkeep.reconcile import FilesChecked, ReconcileReport
from packseal.core.upkeep.schedule import Schedule
from packseal.core.sync.background import BackgroundSync
from packseal.core.sync.events import HubForked, SyncFailed, SyncPassed

log = logging.getLogger(__name__)

#: Event types sent to clients (all plain, picklable dataclasses).
FORWARDED = tuple(
    t for module in (recording_events, packing_events) for t in vars(module).values()
    if isinstance(t, type) and dataclasses.is_dataclass(t) and t.__module__ == module.__name__
) + (ClipSealed, ArchiveFailed, RetentionApplied, CatalogDamageFound, FilesChecked, StationStarted, StationFailed,
     StationStopped, ScaleReading, ScaleLost, ScaleBack, SyncPassed, SyncFailed, HubForked)

_QUEUE_LIMIT = 5000  # events waiting for one client; a client that far behind is dropped
_RETENTION_STOP_S = 30.0  # how long shutdown waits for a retention run (or the catalog's full read) under way
_CATALOG_CHECK_FIRST_S = 120.0  # whether the catalog's full read is due is first asked this long after the start
_CATALOG_CHECK_EVERY_S = 3600.0  # and then every hour (it is due once a day)
_FILES_CHECK_AFTER_S = 10.0  # the start-up reconciliation's look at every file, this long after the station started
_SYNC_STOP_S = 5.0  # and for a sync pass (it is taken up again from the hub's state at the next start)


class RecorderBusy(PackSealError):
    """Another recorder already serves this data dir."""


class RecorderServer:
    def __init__(self, services: Any, source: str | list[str] | None = None, *, read_barcodes: bool | None = None,
                 retention_every_s: float = 600.0, lock: InterProcessLock | None = None) -> None:
        """``lock``: the recorder lock of the data dir, already held (taken before the data dir
        was opened, so that two recorders never run recovery side by side); else taken here."""
        self.services = services
        self.layout = services.layout
        self.hub = services.hub
        self.source = source
        self.read_barcodes = read_barcodes
        self.retention = Schedule(services.run_retention, name="retention", every_s=retention_every_s)
        # The catalog's daily full read (core/upkeep/catalog_trust.py), once the start is over.
        self.catalog_check = Schedule(lambda: services.read_catalog_whole_if_due(stopping=self._stop.is_set),
                                      name="catalog-check",
                                      every_s=_CATALOG_CHECK_EVERY_S, first_after_s=_CATALOG_CHECK_FIRST_S)
        # While a hub is paired, the recorder sends it what it lacks (docs/HUB.md §3).
        self.sync = BackgroundSync(services.layout, services.ledger, services.hub,
                                   bandwidth=lambda: services.settings.hub_bandwidth_kbps * 1024 or None)
        self.station: Station | None = None
        self.station_error: str | None = None
        self._starting = False
        self._previews: list[PreviewWriter | None] = []  # one per camera, first camera first
        self._commands = threading.Lock()  # one command at a time, in order
        self._stop = threading.Event()
        self._subscribers: list[_Subscriber] = []
        self._subs_lock = threading.RLock()  # the snapshot, taken under it, asks for the window too
        self._window_connected = False  # read on every frame, so kept as a plain flag
        self._lock = lock or channel.recorder_lock(self.layout)
        self._lock_held = lock is not None
        self._recovery_summary = self._summarise_recovery()
        self._listener = None

    # -- life -------------------------------------------------------------------------------
    def serve(self, *, handle_signals: bool = True) -> None:
        """Start the station and serve until :meth:`request_stop` (or a signal); then stop it."""
        if not self._lock_held and not self._lock.try_acquire():
            self._lock.close()
            raise RecorderBusy(f"a PackSeal recorder is already running for {self.layout.root}")
        previous = self._install_signals() if handle_signals else {}
        unsubscribe = self.hub.subscribe(self._forward)
        files: threading.Thread | None = None
        try:
            self._listener = channel.listen(self.layout, channel.new_key(self.layout))
            threading.Thread(target=self._accept_loop, name="recorder-accept", daemon=True).start()
            self.retention.start()
            self.catalog_check.start()
            self.sync.start()
            log.info("recorder %d serving %s", os.getpid(), self.layout.root)
            with self._commands:
                self._start_station()
                self._resume_orders()
            files = threading.Thread(target=self._check_files, name="files-check", daemon=True)
            files.start()
            while not self._stop.wait(0.3):  # short waits let Python run signal handlers
                pass
        finally:
            log.info("recorder stopping")
            if files is not None:
                files.join(_RETENTION_STOP_S)
            self.retention.stop(timeout=_RETENTION_STOP_S)
            self.catalog_check.stop(timeout=_RETENTION_STOP_S)
            self.sync.stop(timeout=_SYNC_STOP_S)
            with self._commands:
                self._stop_station(for_good=True)
            self._close_listener()
            unsubscribe()
            with self._subs_lock:
                subs, self._subscribers = self._subscribers, []
            for sub in subs:
                sub.close(flush=True)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self._lock.release()
            self._lock.close()
            log.info("recorder stopped")

    def request_stop(self) -> None:
        self._stop.set()

    def _install_signals(self) -> dict:
        if threading.current_thread() is not threading.main_thread():
            return {}

        def stop(signum: int, _frame: object) -> None:
            log.info("signal %d: stopping the recorder (the open order is finished first)", signum)
            self._stop.set()

        return {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}

    # -- the station ---------------------------------------------------------------------------
    def _start_station(self) -> None:
        self._starting = True
        station = self.services.station(self.source, read_barcodes=self.read_barcodes, keep_bench=True)
        try:
            station.start()
        except BaseException as exc:
            _stop_quietly(station)
            self._starting = False
            self.station_error = str(exc) if isinstance(exc, PackSealError) else f"{type(exc).__name__}: {exc}"
            log.error("the station could not start: %s", self.station_error)
            self.hub.publish(StationFailed(self.station_error))
            if not isinstance(exc, Exception):
                raise
            return
        if station.watcher is not None:
            station.watcher.roi = GUIDE_ROI
        self._previews = [_preview_writer(*cam.frame_size) for cam in station.cameras]
        station.preview_sink = self._preview_sink(0)
        for i, cam in enumerate(station.cameras[1:], start=1):
            cam.preview_sink = self._preview_sink(i)  # each camera its own block: one lost leaves the other live
        self.station, self.station_error, self._starting = station, None, False
        self.hub.publish(StationStarted(self._info()))
        # A window that connected while the station started missed what the scale said then.
        station.announce_scale()
        if station.recorder is not None:
            # A window that connected while the station started has no bench in its snapshot.
            station.recorder.announce_bench()

    def _resume_orders(self) -> None:
        """Continue the orders a recorder that died was recording (or, with no station, close them)."""
        recovery = self.services.recovery
        if not recovery.resumable:
            return
        st = self.station
        if st is None or st.recorder is None:
            finish_resumable(self.layout, self.services.archive, self.services.catalog, recovery)
            self._recovery_summary = self._summarise_recovery()
            return
        for item in recovery.resumable:
            try:
                st.recorder.resume(item.order.order_id, item.order.scan, list(item.segments),
                                   check=item.order.saved_check())
            except PackSealError as exc:
                log.error("%s", exc)
        recovery.resumable = []

    def _check_files(self) -> None:
        """The files' half of the start-up reconciliation, once the station records, retention held off."""
        if self._stop.wait(_FILES_CHECK_AFTER_S):
            return
        try:
            report = self.retention.exclusive(lambda: self.services.check_files(stopping=self._stop.is_set))
        except Exception:
            log.exception("the look at every file of the data dir failed")
            return
        if report is None or report.files_pending:  # nothing to look at, or given up at a stop
            return
        found = ReconcileReport(missing=list(report.missing), unknown_files=list(report.unknown_files))
        if not found.ok:  # what this look found (the rest of the report was told at the start)
            self.hub.publish(FilesChecked(found.summary()))

    def _summarise_recovery(self) -> str:
        recovery = self.services.recovery
        self._recovery_report = dataclasses.replace(recovery, clips=list(recovery.clips),
                                                    notes=list(recovery.notes),
                                                    resumable=list(recovery.resumable))
        return recovery.summary() if recovery.anything else ""

    def _stop_station(self, *, for_good: bool = False) -> None:
        """Stop the station; ``for_good`` (the recorder closes): the packer signs out as well."""
        station, self.station = self.station, None
        if station is not None:
            station.preview_sink = None
            for cam in station.cameras[1:]:
                cam.preview_sink = None
            station.stop()
            if for_good and station.recorder is not None:
                station.recorder.forget_bench()
            self.hub.publish(StationStopped())
        previews, self._previews = self._previews, []
        for writer in previews:
            if writer is not None:
                writer.close()

    def _preview_sink(self, camera: int) -> Callable[[Any], None]:
        """What camera ``camera``'s capture thread calls with each overlaid frame."""

        def write(frame) -> None:
            previews = self._previews
            writer = previews[camera] if camera < len(previews) else None
            if writer is not None and self._window_connected:
                writer.write(frame)

        return write

    def _info(self) -> StationInfo:
        st = self.station
        assert st is not None and st.source is not None
        src = st.source
        provenance = src.provenance()
        blocks = tuple(w.name if w is not None else None for w in self._previews)
        two = len(st.cameras) > 1
        return StationInfo(
            source_description=src.description, source_kind=str(provenance.get("kind", "")),
            source_name=str(provenance.get("name", "")) if provenance.get("kind") == "file" else "",
            width=int(src.width), height=int(src.height), fps=float(src.fps), source_note=st.source_note,
            reads_barcodes=st.watcher is not None,
            preview_block=blocks[0] if blocks else None,
            encoder_pid=st.tape.pid if st.tape is not None else None,
            cameras=tuple(c.name for c in st.cameras) if two else (), preview_blocks=blocks if two else (),
            barcode_camera=min(st.settings.barcode_camera, len(st.cameras) - 1) if two else 0)

    def snapshot(self) -> Snapshot:
        st = self.station
        rec = st.recorder if st is not None else None
        if self._starting:
            state = "starting"
        elif rec is None:
            state = "stopped"
        else:
            state = rec.state.value
        services = self.services
        recovery = self._recovery_summary
        return Snapshot(
            recorder_pid=os.getpid(), window_pid=self._window_pid(),
            station=self._info() if st is not None and st.source is not None else None,
            station_error=self.station_error, state=state,
            order_id=rec.current_order if rec is not None else None,
            scan_utc=rec.current_scan_utc if rec is not None else None,
            camera_ok=bool(st is not None and st.pipeline is not None and st.pipeline.camera_ok),
            encoder_ok=bool(st is not None and st.encoder_ok),
            startup_notes=tuple(n for n in services.startup_notes() if n != recovery),
            recovery_summary=recovery, recovery=self._recovery_report if recovery else None,
            live=_live_settings(st), bench=rec.bench_state() if rec is not None else None,
            cameras_ok=tuple(c.pipeline is not None and c.pipeline.camera_ok for c in st.cameras)
            if st is not None and len(st.cameras) > 1 else ())

    # -- commands ----------------------------------------------------------------------------
    def _handle(self, command: Command) -> Any:
        handler: Callable[..., Any] | None = getattr(self, f"_cmd_{command.name}", None)
        if handler is None:
            raise ValueError(f"unknown command {command.name!r}")
        with self._commands:
            return handler(**command.args)

    def _cmd_scan(self, code: str, source: str = "scanner") -> bool:
        st = self.station
        if st is None or st.recorder is None:
            log.info("scan %r (%s) not taken: the station is not running", code, source)
            return False
        st.scan(code, source=source)  # the outcome comes back as an event
        return True

    def _cmd_stop_order(self) -> bool:
        return bool(self.station and self.station.stop_order())

    # the packer's answers and the bench's modes (see core/recording/bench.py)
    def _cmd_confirm_warning(self, code: str) -> bool:
        return bool(self._recorder() and self._recorder().confirm_warning(code))

    def _cmd_drop_warning(self, code: str) -> bool:
        return bool(self._recorder() and self._recorder().drop_warning(code))

    def _cmd_confirm_stop(self, order_id: str) -> bool:
        return bool(self._recorder() and self._recorder().confirm_stop(order_id))

    def _cmd_continue_order(self, order_id: str) -> bool:
        return bool(self._recorder() and self._recorder().continue_order(order_id))

    def _cmd_set_returns_mode(self, on: bool) -> bool:
        rec = self._recorder()
        if rec is None:
            raise PackSealError("The station is not running; the returns mode cannot change now.")
        return rec.set_returns_mode(on)

    def _cmd_link_order(self, code: str, order_id: str):
        rec = self._recorder()
        return rec.link_order(code, order_id) if rec is not None else None

    def _cmd_order_notes(self, code: str) -> tuple[str, str]:
        rec = self._recorder()
        return rec.order_notes(code) if rec is not None else ("", "")

    def _cmd_bench(self):
        rec = self._recorder()
        return rec.bench_state() if rec is not None else None

    def _recorder(self):
        st = self.station
        return st.recorder if st is not None else None

    def _cmd_cancel_order(self, order_id: str) -> str | None:
        st = self.station
        if st is None or st.recorder is None or st.recorder.current_order != order_id:
            return None  # another scan came first: never cancel an order the packer did not confirm
        return st.cancel_order()

    def _cmd_restart(self) -> None:
        self._stop_station()
        self._start_station()

    def _cmd_reload_settings(self) -> bool:
        """Read settings.json again and apply it; True when the station restarts for it."""
        current = self.services.settings
        new = load_settings(self.layout.settings_file)
        old = dataclasses.replace(current)
        for f in dataclasses.fields(new):  # in place: the station holds this same object
            setattr(current, f.name, getattr(new, f.name))
        st = self.station
        if st is None or st.apply(old, current):
            self._stop_station()
            self._start_station()
            return True
        return False

    def _cmd_run_retention(self):
        return self.retention.run_now()

    def _cmd_anchor_state(self) -> AnchorState:
        return dataclasses.replace(self.services.archive.anchorer.state)

    def _cmd_status(self) -> Snapshot:
        return self.snapshot()

    def _cmd_shutdown(self) -> None:
        self._stop.set()

    # -- connections ------------------------------------------------------------------------
    def _accept_loop(self) -> None:
        listener = self._listener
        while not self._stop.is_set():
            try:
                conn = listener.accept()
            except Exception as exc:  # closed, a client that failed the key check, or one that hung up
                if self._stop.is_set():
                    return
                log.warning("a client could not connect: %s", exc)
                continue
            threading.Thread(target=self._serve_connection, args=(conn,), name="recorder-client",
                             daemon=True).start()

    def _serve_connection(self, conn: Connection) -> None:
        try:
            hello = conn.recv()
        except (EOFError, OSError):
            conn.close()
            return
        except Exception:  # not one of our messages
            log.warning("a client sent something that is not a greeting; closing it")
            conn.close()
            return
        if not isinstance(hello, Hello):
            conn.close()
            return
        if hello.role == EVENTS:
            self._add_subscriber(conn, hello)
        elif hello.role == COMMANDS:
            self._command_loop(conn)
        else:
            conn.close()

    def _command_loop(self, conn: Connection) -> None:
        with conn:
            while True:
                try:
                    command = conn.recv()
                except (EOFError, OSError):
                    return
                except Exception:
                    log.warning("a client sent an unreadable command; closing it")
                    return
                if not isinstance(command, Command):
                    return
                try:
                    reply = Reply(True, self._handle(command))
                except Exception as exc:
                    if not isinstance(exc, PackSealError):
                        log.exception("command %s failed", command.name)
                    reply = Reply(False, error=str(exc), error_type=type(exc).__name__)
                try:
                    conn.send(reply)
                except (OSError, ValueError):
                    return

    def _add_subscriber(self, conn: Connection, hello: Hello) -> None:
        sub = _Subscriber(conn, hello, on_gone=self._remove_subscriber)
        while True:
            # Lock order: the recorder's, then the subscribers'. The recorder publishes under its own
            # lock, and a publication takes the subscribers' lock (_forward); a snapshot taken the
            # other way round waited for the recorder while the recorder waited for the snapshot.
            rec = self._recorder()
            with rec.held() if rec is not None else contextlib.nullcontext():
                with self._subs_lock:
                    if self._recorder() is not rec:
                        continue  # the station restarted meanwhile: lock its new recorder
                    self._subscribers.append(sub)
                    self._window_connected = self._window_pid() is not None
                    # Under both locks: no event published meanwhile can overtake the snapshot.
                    sub.put(self.snapshot())
                    break
        sub.start()
        log.info("%s %d connected", hello.kind, hello.pid)

    def _remove_subscriber(self, sub: "_Subscriber") -> None:
        with self._subs_lock:
            if sub in self._subscribers:
                self._subscribers.remove(sub)
            self._window_connected = self._window_pid() is not None
        log.info("%s %d disconnected", sub.hello.kind, sub.hello.pid)

    def _window_pid(self) -> int | None:
        with self._subs_lock:
            # The newest: a window that was killed stays listed until a send to it fails.
            return next((s.hello.pid for s in reversed(self._subscribers) if s.hello.kind == "window"), None)

    def _forward(self, event: object) -> None:
        if not isinstance(event, FORWARDED):
            return
        with self._subs_lock:
            subs = list(self._subscribers)
        for sub in subs:
            sub.put(event)

    def _close_listener(self) -> None:
        listener, self._listener = self._listener, None
        if listener is None:
            return
        channel.wake(self.layout)  # the accept loop wakes, sees the stop and ends
        listener.close()


class _Subscriber:
    """One events client: a queue and a thread sending it, so publishers never block."""

    def __init__(self, conn: Connection, hello: Hello, on_gone: Callable[["_Subscriber"], None]) -> None:
        self.conn, self.hello = conn, hello
        self._queue: queue.Queue = queue.Queue()
        self._on_gone = on_gone
        self._thread = threading.Thread(target=self._run, name=f"events-{hello.pid}", daemon=True)
        self._closed = False

    def start(self) -> None:
        self._thread.start()

    def put(self, event: object) -> None:
        if self._closed:
            return
        if self._queue.qsize() > _QUEUE_LIMIT:
            log.error("%s %d is %d events behind; disconnecting it", self.hello.kind, self.hello.pid,
                      _QUEUE_LIMIT)
            self.close(flush=False)
            return
        self._queue.put(event)

    def close(self, *, flush: bool) -> None:
        if self._closed:
            return
        self._closed = True
        self._queue.put(None)
        if flush and self._thread.is_alive():
            self._thread.join(5)
        try:
            self.conn.close()
        except OSError:
            pass

    def _run(self) -> None:
        try:
            while True:
                event = self._queue.get()
                if event is None:
                    return
                try:
                    self.conn.send(event)
                except (OSError, ValueError, EOFError):
                    return
                except Exception:  # an event that does not pickle must not end the stream
                    log.exception("event %r could not be sent", type(event).__name__)
        finally:
            self._closed = True
            self._on_gone(self)


def _live_settings(st: Station | None) -> dict[str, Any]:
    """The settings the running station uses now (for status and tests)."""
    if st is None or st.recorder is None or st.overlay is None:
        return {}
    return {"station_name": st.overlay.station, "show_qr": st.overlay.show_qr,
            "preroll_s": st.recorder.preroll_s, "postroll_s": st.recorder.postroll_s,
            "scale": st.scale.status().as_dict() if st.scale is not None else None}


def _preview_writer(width: int, height: int) -> PreviewWriter | None:
    try:
        return PreviewWriter(width, height)
    except OSError as exc:  # no shared memory: record on, without a live picture
        log.error("no shared memory for the live picture: %s", exc)
        return None


def _stop_quietly(station: Station) -> None:
    """Undo a half-finished start (camera open, tape not) without hiding the start's error."""
    try:
        station.stop(timeout=10)
    except Exception:
        log.exception("cleaning up after a failed station start")
