"""Which order and photo file a comparison was made with, so that each photo of a claim is compared once.

The photo file is named by its path, size and modification time: the same
file saved again is a new photo and is compared again.
"""

from __future__ import annotations

from pathlib import Path


def pair_key(order_text: str, photo: Path | None) -> tuple[str, tuple] | None:
    """(order, photo path and file state) of what would be compared now; None without both."""
    order = order_text.strip().lower()
    if photo is None or not order:
        return None
    try:
        stat = photo.stat()
    except OSError:
        return None  # a vanished photo is compared again, and then says what is wrong
    return order, (str(photo), stat.st_size, stat.st_mtime_ns)
