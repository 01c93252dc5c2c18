"""How the window writes times, lengths and sizes (local time, decimal units; the owner reads these)."""

from __future__ import annotations

from datetime import datetime, timezone


def local_time(ms: int) -> str:
    """``2026-03-14 14:30:02`` in this computer's time zone."""
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def local_date(ms: int) -> str:
    """``2026-03-14`` in this computer's time zone."""
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc).astimezone().strftime("%Y-%m-%d")


def duration(seconds: float) -> str:
    """``1:05`` (minutes:seconds), ``1:02:03`` past an hour."""
    total = int(round(max(0.0, seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def file_size(size: int | None) -> str:
    """``850 KB``, ``12.3 MB``, ``1.20 GB``: bytes in decimal units, as file managers and platforms state them."""
    if size is None:
        return ""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            value = size / scale
            return f"{value:.2f} {unit}" if value < 10 and unit == "GB" else (
                f"{value:.1f} {unit}" if value < 100 else f"{value:.0f} {unit}")
    return f"{size} B"
