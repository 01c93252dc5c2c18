"""A data dir holding one order recorded for real from two test cameras (as `packseal record
--source A --source B` records it): one clip entry naming both files, both sealed and indexed."""

from __future__ import annotations

from pathlib import Path

ORDER = "SF1234567890123"
FIRST, SECOND = "test:320x240@15", "test:240x180@10"


def record_two_cameras(data: Path, order: str = ORDER, seconds: float = 2.0) -> dict:
    """Record ``order`` into ``data`` from two test cameras of different sizes and rates;
    returns what ``record --json`` prints (with ``clips``, one per camera)."""
    from packseal.cli.record import record_order
    from packseal.compose import open_services

    services = open_services(data)
    try:
        services.settings.preroll_s = services.settings.postroll_s = 0.5
        services.settings.segment_s = 1.0
        out = record_order(services, order, source=[FIRST, SECOND], seconds=seconds)
        assert services.indexer.wait(60)
    finally:
        services.close()
    return out
