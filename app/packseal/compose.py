"""The composition root: builds PackSeal's long-lived objects once.

The CLI and the GUI both start here; nothing else creates a catalog, a
ledger or a station, and no module reaches for a global. ``close`` undoes
everything in reverse order.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from packseal import __version__
from packseal.core.archive import Archive, ClipSealed
from packseal.core.catalog.catalog import Catalog
from packseal.core.compare.index_queue import IndexQueue
from packseal.core.events import EventHub
from packseal.core.ledger import Ledger, Timestamper
from packseal.core.logs import setup_logging
from packseal.core.orders.places import store_file
from packseal.core.orders.store import OrderStore
from packseal.core.upkeep.recovery import RESUME_WITHIN_S, RecoveryReport, recover
from packseal.core.settings import Settings, load_settings
from packseal.core.station import Station, recent_clip_finder
from packseal.core.recording.tape import camera_lock
from packseal.core.storage.filelock import InterProcessLock
from packseal.core.storage.layout import DataLayout
from packseal.core.upkeep.catalog_trust import close_catalog, read_whole_if_due
from packseal.core.upkeep.rebuild import open_or_rebuild_catalog
from packseal.core.upkeep.reconcile import ReconcileReport, check_files, reconcile
from packseal.core.upkeep.retention import RetentionPolicy, RetentionReport, apply_retention
from packseal.core.storage.space import SpaceGuard
from packseal.core.sync.state import clip_confirmed

log = logging.getLogger(__name__)

OPENING_LOCK = "opening.lock"  # in state/: held while a process opens the data dir's databases


@dataclass
class Services:
    layout: DataLayout
    settings: Settings
    hub: EventHub
    catalog: Catalog
    ledger: Ledger
    archive: Archive
    indexer: IndexQueue
    space: SpaceGuard
    orders: OrderStore  # the shop's imported orders; ``orders.find(code)`` at scan time
    recovery: RecoveryReport = field(default_factory=RecoveryReport)
    reconciliation: ReconcileReport = field(default_factory=ReconcileReport)
    catalog_note: str | None = None  # set when the catalog was rebuilt from the ledger
    _cleanups: list[Callable[[], None]] = field(default_factory=list)

    def station(self, source: str | list[str] | None = None, *, read_barcodes: bool | None = None,
                guard: Callable[[], str | None] | None = None, keep_bench: bool = False) -> Station:
        """A (not yet started) station for this data dir; stopped on :meth:`close`.

        ``source`` replaces the settings' camera, or with a list (one or two) their cameras.

        ``guard`` may refuse new orders (it returns why); by default the disk
        reserve does (below it, or with the data folder gone, nothing new starts).
        ``keep_bench``: the packer and the returns mode are kept on disk across restarts
        (the recorder process; a one-off recording leaves them alone).
        """
        if guard is None:
            guard = self.space.check
        # Asked for explicitly, camera reading covers the test camera too; from the settings,
        # only when its own setting says so.
        test_barcodes = bool(read_barcodes) or self.settings.test_camera_barcodes
        if read_barcodes is None:
            read_barcodes = self.settings.camera_barcodes
        sources = list(source) if isinstance(source, (list, tuple)) else ([source] if source else None)
        st = Station(layout=self.layout, settings=self.settings, hub=self.hub, sources=sources,
                     read_barcodes=read_barcodes, test_barcodes=test_barcodes, guard=guard, orders=self.orders,
                     keep_bench=keep_bench,
                     prior_clip=recent_clip_finder(self.catalog, lambda: self.settings.duplicate_days))
        return st

    def startup_notes(self) -> list[str]:
        """What the user should hear about opening the data dir (recovery, repairs, gaps)."""
        notes = []
        if self.catalog_note:
            notes.append(self.catalog_note)
        if self.recovery.anything:
            notes.append(self.recovery.summary())
        if not self.reconciliation.ok:
            notes.append(self.reconciliation.summary())
        return notes

    def retention_policy(self) -> RetentionPolicy:
        s = self.settings
        return RetentionPolicy(tape_days=s.tape_days, clip_days=s.clip_days, reserve_mb=s.reserve_mb)

    def run_retention(self) -> RetentionReport:
        """Delete what the retention policy and the disk reserve say must go (ledgered first).

        Slow on a large backlog: call it from a background task, never a GUI thread.
        """
        report = apply_retention(self.layout, self.catalog, self.ledger, self.retention_policy(),
                                 hub=self.hub, clip_confirmed=clip_confirmed(self.layout.root))
        self.space.refresh()
        return report

    def check_files(self, stopping: Callable[[], bool] = lambda: False) -> ReconcileReport | None:
        """The files' half of the start-up reconciliation, when ``open_services(files_later=True)``
        left it (``reconcile.check_files``; its findings join :attr:`reconciliation` and the
        start-up notes); None when nothing was left. Slow on a large station: call it from a
        background task, with retention held off (``Schedule.exclusive``); it gives up when
        ``stopping()`` comes true.
        """
        if not self.reconciliation.files_pending:
            return None
        return check_files(self.layout, self.catalog, self.ledger, self.reconciliation, stopping=stopping)

    def read_catalog_whole_if_due(self, stopping: Callable[[], bool] = lambda: False) -> bool | None:
        """The catalog's daily full read (``catalog_trust.read_whole_if_due``): None when not due.

        Slow on a large catalog: call it from a background task, never a GUI thread.
        """
        return read_whole_if_due(self.layout, self.catalog, self.hub, stopping=stopping)

    def close(self) -> None:
        while self._cleanups:
            fn = self._cleanups.pop()
            try:
                fn()
            except Exception:
                log.exception("clean-up %r failed", fn)


def open_services(data_dir: Path | str | None = None, *, verbose: bool = False,
                  log_to_stderr: bool = False, recorder: bool = True, resume_orders: bool = False,
                  index_clips: bool = True, files_later: bool = False) -> Services:
    """Open (creating if needed) the data dir and everything that lives in it.

    ``recorder=False`` opens it for a window, which records nothing itself: the
    recorder process does (and it alone recovers what a crash left behind and
    seals what is recorded); the window reads, searches, and builds packs.
    ``resume_orders``: an order a dead recorder was recording a moment ago is
    left open for the caller to continue (``recovery.resumable``), as the
    recorder process does when it starts again. ``index_clips=False``: sealed clips
    are not indexed here (the recorder process leaves that to the window, away from
    the camera and the encoder; elsewhere an index is built on first use).
    ``files_later``: the start-up reconciliation leaves its look at every live file
    for :meth:`Services.check_files` (the recorder process, once its station records).
    """
    layout = DataLayout.open(data_dir)
    setup_logging(layout.log_file, verbose=verbose, to_stderr=log_to_stderr)
    log.info("PackSeal %s opening %s", __version__, layout.root)
    settings = load_settings(layout.settings_file)
    hub = EventHub()
    cleanups: list[Callable[[], None]] = []
    try:
        ledger = Ledger.open(layout, settings.station_name, f"PackSeal {__version__}")
        cleanups.append(ledger.close)
        # The window and the recorder it starts open the data dir side by side: one at a time checks,
        # migrates or rebuilds its databases, and the other then finds them ready.
        with _opening_lock(layout):
            catalog, catalog_note = open_or_rebuild_catalog(layout, ledger)
            cleanups.append(lambda: close_catalog(layout, catalog))
            orders = OrderStore.open(store_file(layout.root))
            cleanups.append(orders.close)
        # Only the recorder (and a command) asks the TSAs: two processes never send one queue twice.
        timestamper = _timestamper(ledger, settings) if recorder else None
        archive = Archive(hub, layout, ledger, catalog, timestamper=timestamper, listen=recorder)
        cleanups.append(archive.close)
        indexer = IndexQueue()
        cleanups.append(indexer.close)
        if index_clips:
            hub.subscribe(lambda ev: _index_files(indexer, ev.clip) if isinstance(ev, ClipSealed) else None)
        recovery = (recover(layout, archive, catalog, resume_within_s=RESUME_WITHIN_S if resume_orders else None)
                    if recorder else RecoveryReport())
        reconciliation = (_reconcile_unless_recording(layout, catalog, ledger, files=not files_later)
                          if recorder else ReconcileReport())
    except BaseException:
        for fn in reversed(cleanups):
            fn()
        raise
    services = Services(layout=layout, settings=settings, hub=hub, catalog=catalog, ledger=ledger,
                        archive=archive, indexer=indexer, orders=orders,
                        space=SpaceGuard(layout.root, lambda: services.settings.reserve_mb),
                        recovery=recovery, reconciliation=reconciliation, catalog_note=catalog_note,
                        _cleanups=cleanups)
    for note in services.startup_notes():
        log.info("at opening: %s", note)
    return services


@contextmanager
def _opening_lock(layout: DataLayout) -> Iterator[None]:
    lock = InterProcessLock(layout.state / OPENING_LOCK)
    try:
        with lock:
            yield
    finally:
        lock.close()


def _timestamper(ledger: Ledger, settings: Settings) -> Timestamper | None:
    """The TSAs to ask ($PACKSEAL_TSA_URLS, else the settings), or None when there are none."""
    from packseal.core.ledger.tsa_trust import trust_store

    urls = settings.timestamp_urls()
    if not urls:
        return None
    return Timestamper(ledger, urls, trust_roots=trust_store(settings_roots=settings.tsa_roots))


def _reconcile_unless_recording(layout: DataLayout, catalog: Catalog, ledger: Ledger, *,
                                files: bool) -> ReconcileReport:
    """Catalog, ledger and files agree again; skipped while another process records here."""
    lock = camera_lock(layout, "cam0")
    try:
        if not lock.try_acquire():
            return ReconcileReport()
        try:
            return reconcile(layout, catalog, ledger, files=files)
        finally:
            lock.release()
    finally:
        lock.close()


def _index_files(indexer: IndexQueue, clip) -> None:
    """Queue every camera's file of a sealed clip for its frame index (disputes search them all)."""
    for each in (clip, *clip.others):
        indexer.submit(each.path, start_utc=each.start_utc, sha256=each.sha256)
