"""The data directory and the place of every file in it.

::

    <data dir>/
      settings.json        station settings
      logs/packseal.log    rotating log (ffmpeg's stderr goes here too)
      catalog.sqlite       search index (rebuildable from the ledger)
      ledger/              the seal: append-only signed hash chain
      keys/                the station key (private part never leaves here)
      tape/<camera>/       continuous tape of ~2 s segments
      clips/YYYY-MM-DD/    one MP4 (+ seal) per order
      exports/             evidence packs and platform exports
      disputes/<order>/    the owner's refund photo and annotations of each dispute
      orders/              the shop's imported orders (orders.sqlite), saved column mappings,
                           the live feed's token and default folder (see core/orders/places.py)

Where the data dir is: ``--data-dir``, else ``$PACKSEAL_DATA_DIR``, else the
folder chosen in the window (on the first run or in Settings; the choice is
kept in ``location.json`` in the user's configuration folder,
``~/.config/PackSeal/location.json`` on Linux), else the platform's user data dir.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from packseal import APP_NAME

log = logging.getLogger(__name__)

ENV_DATA_DIR = "PACKSEAL_DATA_DIR"


# -- where the data dir is ------------------------------------------------------------------


def default_data_dir() -> Path:
    """The data dir: ``$PACKSEAL_DATA_DIR`` if set, else the folder chosen in the window
    (:func:`remembered_data_dir`), else the platform's user data dir.

    The window and every CLI command agree on it.
    """
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return remembered_data_dir() or Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def location_file() -> Path:
    """Where the data dir chosen in the window is remembered."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "location.json"


def remembered_data_dir(path: Path | None = None) -> Path | None:
    """The data dir chosen in the window earlier, or None."""
    path = path or location_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        chosen = data.get("data_dir") if isinstance(data, dict) else None
        return Path(chosen) if isinstance(chosen, str) and chosen else None
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("ignoring the unreadable location file %s: %s", path, exc)
        return None


def remember_data_dir(data_dir: Path, path: Path | None = None) -> None:
    """Use ``data_dir`` from the next start on (an OSError says why it could not be saved)."""
    path = path or location_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"data_dir": str(Path(data_dir).expanduser().resolve())}), encoding="utf-8")
    os.replace(tmp, path)


def choose_data_dir(explicit: Path | None) -> Path:
    """``--data-dir``, else ``$PACKSEAL_DATA_DIR``, else the remembered choice, else the default."""
    if explicit is not None:
        return Path(explicit).expanduser().resolve()
    return default_data_dir().resolve()


def data_dir_is_fixed(explicit: Path | None) -> bool:
    """True when the command line or the environment names the data dir (a choice would be ignored)."""
    return explicit is not None or bool(os.environ.get(ENV_DATA_DIR))


# -- what is in it ---------------------------------------------------------------------------


def _owner_only(root: Path) -> None:
    """Folders 0700, files 0600 below ``root``, once (when ``root`` itself is not 0700 yet)."""
    try:
        if stat.S_IMODE(root.stat().st_mode) == 0o700:
            return
        for folder, dirs, files in os.walk(root):
            os.chmod(folder, 0o700)
            for name in files:
                path = os.path.join(folder, name)
                if not os.path.islink(path):
                    os.chmod(path, 0o600)
    except OSError:
        pass  # a folder we do not own (shared mount): leave it; nothing here is worth failing over


@dataclass(frozen=True)
class DataLayout:
    """Paths inside one data dir. Creating it makes the folders."""

    root: Path

    @classmethod
    def open(cls, root: Path | str | None = None) -> "DataLayout":
        """Create the folders; on POSIX make the data dir the owner's alone.

        The keys, the ledger, the clips and the settings (which can hold camera
        passwords) are nobody else's business: the folders are made 0700 and
        PackSeal's own files 0600; the ``packseal`` command also sets the
        umask to 077 so that ffmpeg's files are owner-only. A data dir made by
        an older version is tightened once. Either way nothing below a 0700
        root can be reached by another account.
        """
        layout = cls(Path(root).expanduser().resolve() if root else default_data_dir().resolve())
        for d in (layout.root, layout.logs, layout.ledger, layout.keys, layout.tape_root,
                  layout.clips, layout.exports, layout.state):
            d.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name == "posix":
            _owner_only(layout.root)
        return layout

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def log_file(self) -> Path:
        return self.logs / "packseal.log"

    @property
    def catalog_file(self) -> Path:
        return self.root / "catalog.sqlite"

    @property
    def ledger(self) -> Path:
        return self.root / "ledger"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def tape_root(self) -> Path:
        return self.root / "tape"

    def tape(self, camera: str = "cam0") -> Path:
        return self.tape_root / camera

    @property
    def clips(self) -> Path:
        return self.root / "clips"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def disputes(self) -> Path:
        """One folder per disputed order: its refund photo's name and the owner's annotations."""
        return self.root / "disputes"

    @property
    def state(self) -> Path:
        """Small files that describe work in progress (for crash recovery)."""
        return self.root / "state"

    def relative(self, path: Path) -> str:
        """``path`` relative to the data dir, with forward slashes (as stored in records)."""
        return Path(path).resolve().relative_to(self.root).as_posix()

    def absolute(self, relative: str) -> Path:
        """The inverse of :meth:`relative`; refuses paths that leave the data dir."""
        p = (self.root / relative).resolve()
        if not p.is_relative_to(self.root):
            raise ValueError(f"path {relative!r} leaves the data dir")
        return p
