"""The catalog: a SQLite index of clips and tape segments, for fast search.

The ledger is the source of truth; this database only makes finding things
fast, and can be rebuilt from the ledger when it is lost or damaged.

One :class:`Catalog` holds one connection and a lock, so it may be shared by
threads (the recorder's writer, the GUI's search worker). Its database is
opened in :mod:`.database`; what it reads is in :mod:`.reads`, what it writes
in :mod:`.writes`. Every sqlite3 error leaves as a :class:`StorageError`
saying what could not be done.
"""

from __future__ import annotations

from packseal.core.catalog.reads import CatalogReads
from packseal.core.catalog.writes import CatalogWrites


class Catalog(CatalogWrites, CatalogReads):
    """Search index of order clips and tape segments in one SQLite file. Open it with :meth:`open`."""
