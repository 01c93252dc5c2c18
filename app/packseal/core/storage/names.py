"""File names made from what people type or scan (order IDs), safe on every platform.

An order ID ends up in the names of its clip, seal, evidence pack and
exports. Scans are checked by the order rules first, but the data dir must
stay safe whatever reaches it: a stem from :func:`safe_file_stem` is one plain
file name on POSIX and Windows alike, never a path, a hidden file or a device.
"""

from __future__ import annotations

import hashlib
import re

_UNSAFE_IN_FILE_NAME = re.compile(r"[^A-Za-z0-9._-]")
#: Longest part kept from the name; with the "_" and "-hash" additions a stem
#: stays within MAX_FILE_STEM characters, far below every file system's limit.
MAX_STEM = 64
MAX_FILE_STEM = 80
# Names Windows reserves for devices, whatever the extension ("CON.mp4" too).
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{i}" for i in range(10)}
    | {f"LPT{i}" for i in range(10)}
)


def safe_file_stem(name: str) -> str:
    """A file-name-safe form of ``name`` (an order ID: for ``<stem>.mp4`` and friends).

    Only ``A-Z a-z 0-9 . _ -`` remain (others become ``_``), no leading or
    trailing dot, at most :data:`MAX_FILE_STEM` characters, never
    empty, ``.``/``..`` or a Windows device name. A plain name (any order ID
    the order rules accept) comes back unchanged; when anything had to change,
    a short hash of the original is appended so that two different names never
    share a file.
    """
    stem = _UNSAFE_IN_FILE_NAME.sub("_", name)
    # A leading dot hides the file on Unix; Windows silently drops trailing dots.
    stem = stem.strip(".")
    stem = stem[:MAX_STEM].rstrip(".")
    if not stem:
        stem = "order"
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    if stem != name:
        digest = hashlib.sha256(name.encode("utf-8", errors="surrogatepass")).hexdigest()
        stem = f"{stem}-{digest[:8]}"
    return stem
