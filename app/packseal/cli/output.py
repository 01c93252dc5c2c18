"""What every command shares: exit codes and printing one JSON object or text."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def emit(obj: dict, as_json: bool, human: str) -> None:
    """Print ``obj`` as one JSON line (``--json``) or ``human`` text."""
    if as_json:
        print(json.dumps(obj, ensure_ascii=False, default=str))
    else:
        print(human)


def iso(dt: datetime | None) -> str | None:
    return dt.isoformat(timespec="milliseconds") if dt else None


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-24") from None
