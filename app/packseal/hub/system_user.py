"""Running the hub's own servers as an unprivileged user when the hub runs as root.

PostgreSQL's ``initdb`` and ``postgres`` refuse to run as root, so a hub
started as root creates the system user ``packseal-hub`` and runs its private
cluster as that user. Started as anyone else, the servers run as that user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from packseal.hub.errors import HubError

SYSTEM_USER = "packseal-hub"


@dataclass(frozen=True)
class RunAs:
    """Who a server process runs as: None fields mean "as this process"."""

    user: str | None = None
    uid: int | None = None
    gid: int | None = None

    def popen_kwargs(self) -> dict:
        if self.uid is None:
            return {}
        return {"user": self.uid, "group": self.gid, "extra_groups": [], "cwd": "/"}

    def give(self, path: Path) -> None:
        """Make ``path`` belong to this user (a no-op when it is this process's user)."""
        if self.uid is not None:
            os.chown(path, self.uid, self.gid)

    def can_reach(self, path: Path) -> Path | None:
        """The first folder above ``path`` this user cannot pass through, or None."""
        if self.uid is None:
            return None
        for folder in reversed(path.resolve().parents):
            st = folder.stat()
            if st.st_uid == self.uid:
                continue
            if not st.st_mode & 0o001 and not (st.st_gid == self.gid and st.st_mode & 0o010):
                return folder
        return None


def server_user() -> RunAs:
    """As root: the ``packseal-hub`` system user (created when missing); otherwise this user."""
    if os.name != "posix" or os.geteuid() != 0:
        return RunAs()
    import pwd

    try:
        entry = pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        useradd = shutil.which("useradd") or "/usr/sbin/useradd"
        nologin = shutil.which("nologin") or "/usr/sbin/nologin"
        done = subprocess.run([useradd, "--system", "--user-group", "--no-create-home",
                               "--home-dir", "/nonexistent", "--shell", nologin, SYSTEM_USER],
                              capture_output=True, text=True)
        if done.returncode != 0 and "already exists" not in done.stderr:
            raise HubError(f"could not create the system user {SYSTEM_USER} for PostgreSQL: "
                           f"{done.stderr.strip() or done.returncode}") from None
        entry = pwd.getpwnam(SYSTEM_USER)
    return RunAs(SYSTEM_USER, entry.pw_uid, entry.pw_gid)
