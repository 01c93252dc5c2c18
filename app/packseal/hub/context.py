"""What a running hub's request handlers reach: database, object store, keys, settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from packseal.core.ledger.keys import StationKey
from packseal.hub.db import Database
from packseal.hub.keys import TlsFiles
from packseal.hub.objectstore import ObjectStore


@dataclass
class HubContext:
    """The hub's parts, made by :mod:`packseal.hub.runner` (or a test) and given to ``create_app``."""

    data_dir: Path
    db: Database
    store: ObjectStore
    key: StationKey
    tls: TlsFiles | None = None
    #: Facts the health page adds about how the parts are run (e.g. a private SeaweedFS on this disk).
    notes: list[str] = field(default_factory=list)

    @property
    def https(self) -> bool:
        return self.tls is not None
