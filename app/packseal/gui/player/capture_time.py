"""When a frame on screen was captured: the clip's start (from the catalog) plus the frame's own time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo


def capture_time(start_ms: int, seconds: float) -> datetime:
    """The UTC capture time of the frame ``seconds`` after a clip's first frame."""
    start = datetime.fromtimestamp(start_ms / 1000, tz=timezone.utc)
    return start + timedelta(seconds=seconds)


def format_capture_time(moment: datetime, tz: tzinfo | None = None) -> str:
    """``2026-03-14 14:30:02.467 +08:00``: local time to the millisecond, with its UTC offset."""
    local = moment.astimezone(tz)
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M:%S}.{local.microsecond // 1000:03d} {offset[:3]}:{offset[3:]}"


def format_position(seconds: float) -> str:
    """``1:02.40``: minutes, seconds and hundredths into the clip."""
    seconds = max(0.0, seconds)
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)}:{rest:05.2f}"
