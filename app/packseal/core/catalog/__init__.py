"""The SQLite catalog: a fast, rebuildable search index of clips and tape segments."""

from packseal.core.catalog.catalog import Catalog
from packseal.core.catalog.database import CatalogDamagedError
from packseal.core.catalog.records import (CLIP_STATUSES, ClipRecord, LiveFile, SegmentRecord, from_ms,
                                           to_ms)
from packseal.core.catalog.schema import SCHEMA_VERSION

__all__ = [
    "CLIP_STATUSES",
    "SCHEMA_VERSION",
    "Catalog",
    "CatalogDamagedError",
    "ClipRecord",
    "LiveFile",
    "SegmentRecord",
    "from_ms",
    "to_ms",
]
