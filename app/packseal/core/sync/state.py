"""What a station knows about its hub: ``DATA/sync/hub.json``.

Written at pairing (the hub's URL, its pinned key and certificate hash, the
station id) and after every sync pass (what the hub said it holds). Retention
reads it through :func:`clip_confirmed`: while a hub is paired, a clip may
be deleted only when the hub has confirmed its file.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from packseal.core.errors import BadInputError, StorageError
from packseal.core.ledger.canonical import unb64
from packseal.core.ledger.keys import PublicKey
from packseal.core.storage.durable import atomic_write

FORMAT = "packseal-hub/1"
SYNC_DIR = "sync"
STATE_FILE = "hub.json"


@dataclass
class HubState:
    """The pairing and the hub's last word. ``hub_key`` is raw base64; ``cert_sha256`` hex or None."""

    url: str
    hub_key: str
    cert_sha256: str | None
    station_id: str
    station_name: str
    paired_at: str
    entries_to: int | None = None      # the last seq the hub holds
    cosigned_to: int | None = None     # the largest tree size it cosigned
    missing: list[str] = field(default_factory=list)  # sha256 of files it still needs
    status: str = "ok"
    last_sync: str | None = None
    last_error: str | None = None

    @property
    def hub_public_key(self) -> PublicKey:
        return PublicKey(unb64(self.hub_key))

    def to_json(self) -> dict:
        return {"format": FORMAT, **asdict(self)}


def state_path(root: Path) -> Path:
    return Path(root) / SYNC_DIR / STATE_FILE


def load_state(root: Path) -> HubState | None:
    """The station's hub, or None when it is not paired. :class:`BadInputError` when the file is damaged."""
    path = state_path(root)
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise BadInputError(f"{path} is not JSON ({exc}); pair the station again") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadInputError(f"{path} is not a PackSeal hub file; pair the station again")
    data.pop("format")
    try:
        return HubState(**data)
    except TypeError as exc:
        raise BadInputError(f"{path} has unexpected members ({exc}); pair the station again") from exc


def save_state(root: Path, state: HubState) -> None:
    path = state_path(root)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write(path, json.dumps(state.to_json(), indent=2, sort_keys=True).encode("utf-8") + b"\n")


def clip_confirmed(root: Path) -> Callable[[int, str], bool]:
    """For retention: ``confirmed(entry seq, sha256)`` — may this clip's file go?

    Without a hub every clip may go (retention's own rules apply). With one,
    only a clip whose entry the hub holds and whose file is not among the
    files it still needs, as of the last sync pass. An unreadable hub file
    keeps every clip.
    """
    try:
        state = load_state(root)
    except (BadInputError, StorageError):
        return lambda seq, sha256: False
    if state is None:
        return lambda seq, sha256: True
    held_to, missing = state.entries_to, frozenset(state.missing)

    def confirmed(seq: int, sha256: str) -> bool:
        return held_to is not None and seq <= held_to and sha256 not in missing

    return confirmed
