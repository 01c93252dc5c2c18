"""Where PackSeal keeps its data dir when the user chose one other than the default.

The data dir is chosen on the first run or in Settings; the choice is kept
in a small JSON file in the user's configuration folder
(``~/.config/PackSeal/location.json`` on Linux). ``--data-dir`` and
``PACKSEAL_DATA_DIR`` still win over it.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import platformdirs

from packseal import APP_NAME

log = logging.getLogger(__name__)


def location_file() -> Path:
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
    from packseal.core.storage.layout import default_data_dir

    if explicit is not None:
        return Path(explicit).expanduser().resolve()
    return default_data_dir().resolve()


def data_dir_is_fixed(explicit: Path | None) -> bool:
    """True when the command line or the environment names the data dir (a choice would be ignored)."""
    from packseal.core.storage.layout import ENV_DATA_DIR

    return explicit is not None or bool(os.environ.get(ENV_DATA_DIR))
