"""The folder each kind of file was last saved to or opened from, remembered across runs.

A save or open dialog starts where the owner last put (or took) that kind
of file: frames, exports, evidence packs, public keys, refund photos, order
exports, the order feed's folder. The
folders are kept in Qt's per-user settings (not in the data dir: they
belong to the person at this computer, not to the station's records).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from packseal import APP_NAME

FRAME, EXPORT, EVIDENCE_PACK, PUBLIC_KEY, REFUND_PHOTO = "frame", "export", "evidence-pack", "public-key", \
    "refund-photo"
ORDER_IMPORT, ORDER_FEED = "order-import", "order-feed"
KINDS = (FRAME, EXPORT, EVIDENCE_PACK, PUBLIC_KEY, REFUND_PHOTO, ORDER_IMPORT, ORDER_FEED)


def _settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, "places")


def last_folder(kind: str, default: Path) -> Path:
    """Where the last file of ``kind`` went, if that folder still exists; else ``default``."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of file: {kind!r}")
    value = _settings().value(f"folders/{kind}", "")
    folder = Path(str(value)) if value else None
    return folder if folder is not None and folder.is_dir() else default


def remember(kind: str, chosen: Path | str) -> None:
    """Remember the folder of ``chosen`` (a file, or a folder itself) for the next dialog of ``kind``."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of file: {kind!r}")
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    settings = _settings()
    settings.setValue(f"folders/{kind}", str(folder))
    settings.sync()
