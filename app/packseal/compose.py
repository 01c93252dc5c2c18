"""The composition root: builds PackSeal's long-lived objects once.

The CLI and the GUI both start here; nothing else creates a catalog, a
ledger or a station, and no module reaches for a global. ``close`` undoes
everything in reverse order.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from packseal import __version__
from packseal.core.archive import Archive, ClipSealed
from packseal.core.catalog.catalog import Catalog
from packseal.core.compare.index_queue import IndexQueue
from packseal.core.events import EventHub
from packseal.core.ledger import Ledger, Timestamper
from packseal.core.logs import setup_logging
from packseal.core.recording.recovery import RecoveryReport, recover
from packseal.core.settings import Settings, load_settings
from packseal.core.station import Station
from packseal.core.storage.layout import DataLayout

log = logging.getLogger(__name__)


@dataclass
class Services:
    layout: DataLayout
    settings: Settings
    hub: EventHub
    catalog: Catalog
    ledger: Ledger
    archive: Archive
    indexer: IndexQueue
    recovery: RecoveryReport = field(default_factory=RecoveryReport)
    _cleanups: list[Callable[[], None]] = field(default_factory=list)

    def station(self, source: str | None = None, *, read_barcodes: bool | None = None,
                guard: Callable[[], str | None] | None = None) -> Station:
        """A (not yet started) station for this data dir; stopped on :meth:`close`.

        ``guard`` may refuse new orders (it returns why, e.g. the disk is full).
        """
        if read_barcodes is None:
            read_barcodes = self.settings.camera_barcodes
        st = Station(layout=self.layout, settings=self.settings, hub=self.hub, source=source,
                     read_barcodes=read_barcodes, guard=guard)
        return st

    def close(self) -> None:
        while self._cleanups:
            fn = self._cleanups.pop()
            try:
                fn()
            except Exception:
                log.exception("clean-up %r failed", fn)


def open_services(data_dir: Path | str | None = None, *, verbose: bool = False,
                  log_to_stderr: bool = False) -> Services:
    """Open (creating if needed) the data dir and everything that lives in it."""
    layout = DataLayout.open(data_dir)
    setup_logging(layout.log_file, verbose=verbose, to_stderr=log_to_stderr)
    log.info("PackSeal %s opening %s", __version__, layout.root)
    settings = load_settings(layout.settings_file)
    hub = EventHub()
    cleanups: list[Callable[[], None]] = []
    try:
        catalog = Catalog.open(layout.catalog_file)
        cleanups.append(catalog.close)
        ledger = Ledger.open(layout, settings.station_name, f"PackSeal {__version__}")
        cleanups.append(ledger.close)
        timestamper = Timestamper(ledger, settings.tsa_url) if settings.tsa_url else None
        archive = Archive(hub, layout, ledger, catalog, timestamper=timestamper)
        cleanups.append(archive.close)
        indexer = IndexQueue()
        cleanups.append(indexer.close)
        hub.subscribe(lambda ev: indexer.submit(ev.clip.path, start_utc=ev.clip.start_utc,
                                                sha256=ev.clip.sha256) if isinstance(ev, ClipSealed) else None)
        recovery = recover(layout, archive, catalog)
    except BaseException:
        for fn in reversed(cleanups):
            fn()
        raise
    return Services(layout=layout, settings=settings, hub=hub, catalog=catalog, ledger=ledger,
                    archive=archive, indexer=indexer, recovery=recovery, _cleanups=cleanups)
