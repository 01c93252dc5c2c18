"""A small file keeping who is signed in at the bench and whether the returns mode is on.

Written (atomically) when a packer signs in and when the returns mode is
switched, so a recorder process that died, or a station restarted for new
settings, comes back with the same packer and mode. Closing the recorder the
normal way clears it (:meth:`BenchFile.clear`): the next day starts signed out.
A damaged or unreadable file is logged and read as a clean bench; a file that
cannot be written is logged and never stops a recording.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from packseal.core.errors import StorageError
from packseal.core.storage.durable import atomic_write

log = logging.getLogger(__name__)

FORMAT = "packseal-bench/1"


@dataclass(frozen=True)
class BenchSaved:
    packer: str = ""
    returns_mode: bool = False


class BenchFile:
    def __init__(self, state_dir: Path, camera: str = "cam0") -> None:
        self.path = Path(state_dir) / f"bench-{camera}.json"

    def read(self) -> BenchSaved:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError(f"not a {FORMAT} file")
            packer, returns = data.get("packer", ""), data.get("returns_mode", False)
            if not isinstance(packer, str) or not isinstance(returns, bool):
                raise ValueError("packer or returns_mode of the wrong type")
            return BenchSaved(packer, returns)
        except FileNotFoundError:
            return BenchSaved()
        except (ValueError, OSError) as exc:
            log.error("bench file %s is damaged (%s); the bench starts signed out, returns mode off",
                      self.path, exc)
            return BenchSaved()

    def write(self, saved: BenchSaved) -> None:
        data = {"format": FORMAT, "packer": saved.packer, "returns_mode": saved.returns_mode}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        except (OSError, StorageError) as exc:
            log.error("could not write %s: %s", self.path, exc)

    def clear(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            log.error("could not remove %s: %s", self.path, exc)
