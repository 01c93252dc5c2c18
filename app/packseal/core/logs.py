"""Logging to a rotating file in the data dir (and to stderr when asked)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def setup_logging(log_file: Path, *, verbose: bool = False, to_stderr: bool = False) -> None:
    """Send PackSeal's log records to ``log_file`` (5 × 2 MiB, rotating).

    Safe to call more than once (tests, the GUI after the CLI): earlier
    PackSeal handlers are replaced, not stacked.
    """
    root = logging.getLogger("packseal")
    for h in list(root.handlers):
        if getattr(h, "_packseal", False):
            root.removeHandler(h)
            h.close()
    log_file.parent.mkdir(parents=True, exist_ok=True)
    fh = logging.handlers.RotatingFileHandler(log_file, maxBytes=2 * 1024 * 1024,
                                              backupCount=5, encoding="utf-8")
    fh.setFormatter(logging.Formatter(_FORMAT))
    fh._packseal = True  # type: ignore[attr-defined]
    root.addHandler(fh)
    if to_stderr:
        sh = logging.StreamHandler()
        sh.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        sh.setLevel(logging.DEBUG if verbose else logging.WARNING)
        sh._packseal = True  # type: ignore[attr-defined]
        root.addHandler(sh)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
