"""A station's data dir with orders recorded from the test camera and checkpointed, for the hub's tests."""

from __future__ import annotations

from pathlib import Path


def record_station(root: Path, orders: list[tuple[str, str | None]], *, seconds: float,
                   station_name: str | None = None) -> Path:
    """Record each ``(order, return_of)`` at ``root`` (0.5 s pre- and post-roll); returns ``root``."""
    from packseal.cli.record import record_order
    from packseal.compose import open_services
    from packseal.core.settings import save_settings

    services = open_services(root)
    try:
        services.settings.preroll_s = services.settings.postroll_s = 0.5
        if station_name:
            services.settings.station_name = station_name
            save_settings(services.settings, services.layout.settings_file)
        for order, return_of in orders:
            record_order(services, order, source="test:320x240@15", seconds=seconds, return_of=return_of)
        services.ledger.checkpoint()
    finally:
        services.close()
    return root
