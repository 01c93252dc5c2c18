"""What a running hub's request handlers reach: database, object store, keys, settings."""

from __future__ import annotations

from dataclasses import dataclass
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
    #: The folder of the SeaweedFS the hub runs itself on this machine (None: an outside S3 store); the
    #: health page says what that means for the files' protection.
    private_store: Path | None = None

    @property
    def https(self) -> bool:
        return self.tls is not None
