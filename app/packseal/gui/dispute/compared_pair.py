"""Which order and photo file the dispute view compared last (or is comparing), so a pair is compared once.

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


class ComparedPair:
    """The pair of the comparison shown or running; see the module docstring."""

    def __init__(self) -> None:
        self._key: tuple[str, tuple] | None = None

    def remember(self, order_text: str, photo: Path | None) -> None:
        self._key = pair_key(order_text, photo)

    def forget(self) -> None:
        """Whatever ran is dropped, or failed: the pair may be compared again."""
        self._key = None

    def holds(self, order_text: str, photo: Path | None) -> bool:
        """True when this order and photo are the ones compared (or being compared)."""
        key = pair_key(order_text, photo)
        return key is not None and key == self._key
