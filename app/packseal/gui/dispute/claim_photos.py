"""The claim's photos in the dispute view: which came, which show the opened box, each one's comparison.

A claim has several photos, kept in the order they came. Each is compared
on its own with the order's clip; what it was compared with (the order and
the photo file's state, :func:`.compared_pair.pair_key`) is remembered, so
a photo is compared again only when the order or the file changed, or when
its opened-box mark did. The dispute view changes the claim here and shows
it (:class:`.photo_list.PhotoList`); nothing here touches a widget.
"""

from __future__ import annotations

from pathlib import Path

from packseal.core.compare.annotation_store import SavedPhoto
from packseal.core.compare.session import Comparison
from packseal.gui.dispute.compared_pair import pair_key


class ClaimPhotos:
    """See the module docstring. ``current`` is the photo shown (one of ``paths``, or None)."""

    def __init__(self) -> None:
        self.paths: list[Path] = []              # in the order they came
        self.opened_box: set[Path] = set()       # those that show the opened box
        self.current: Path | None = None
        self.comparisons: dict[Path, Comparison] = {}
        self._keys: dict[Path, tuple] = {}       # (order, file state) each photo was compared (or is being) with

    def comparison(self, path: Path | None) -> Comparison | None:
        """The comparison of ``path``, None while it is not compared."""
        return self.comparisons.get(path) if path is not None else None

    def in_order(self) -> list[Comparison | None]:
        """Each photo's comparison (None while it is not compared), in the order of :attr:`paths`."""
        return [self.comparisons.get(p) for p in self.paths]

    def is_comparing(self, path: Path) -> bool:
        """True while ``path`` is being compared (asked for, no comparison back yet)."""
        return path in self._keys and path not in self.comparisons

    def opened_box_photos(self, paths: list[Path]) -> list[Path]:
        """Those of ``paths`` that show the opened box, in their order."""
        return [p for p in paths if p in self.opened_box]

    def new_of(self, paths: list[Path | str]) -> list[Path]:
        """Those of ``paths`` not in the claim yet, each once, in their order."""
        return [p for p in dict.fromkeys(Path(p) for p in paths) if p not in self.paths]

    def add(self, new: list[Path]) -> None:
        """Add photos not in the claim yet; the first of them becomes the one shown."""
        self.paths += new
        if new:
            self.current = new[0]

    def replace(self, paths: list[Path], opened_box: set[Path] | None = None) -> None:
        """Another claim: ``paths`` (those in ``opened_box`` show the opened box), none compared yet."""
        self.paths = list(paths)
        self.opened_box = set(opened_box or ()) & set(paths)
        self.current = self.paths[0] if self.paths else None
        self.forget_comparisons()

    def remove(self, row: int) -> None:
        """Take photo ``row`` out; the one after it (or the new last) becomes the one shown."""
        path = self.paths.pop(row)
        self.opened_box.discard(path)
        self._forget(path)
        self.current = self.paths[min(row, len(self.paths) - 1)] if self.paths else None

    def mark_opened_box(self, row: int, on: bool) -> bool:
        """Say whether photo ``row`` shows the opened box; True when that changed (it is to be compared again)."""
        path = self.paths[row]
        if (path in self.opened_box) == on:
            return False
        (self.opened_box.add if on else self.opened_box.discard)(path)
        self._forget(path)
        self.current = path
        return True

    def start_comparing(self, order: str) -> list[Path]:
        """The photos not yet compared (nor being compared) with ``order``, marked as being compared with it."""
        todo = [p for p in self.paths if self._keys.get(p) != pair_key(order, p) or p not in self.comparisons]
        for p in todo:
            self.comparisons.pop(p, None)
            self._keys[p] = pair_key(order, p)
        return todo

    def store(self, paths: list[Path], comparisons: list[Comparison]) -> None:
        """Keep the comparisons that came back for ``paths`` (of photos still in the claim)."""
        for path, comparison in zip(paths, comparisons):
            if path in self.paths:
                self.comparisons[path] = comparison

    def all_compared_with(self, order: str) -> bool:
        """True when every photo was compared (or is being compared) with ``order``."""
        return bool(self.paths) and all(
            (key := pair_key(order, p)) is not None and self._keys.get(p) == key for p in self.paths)

    def drop_unfinished(self) -> None:
        """The comparisons under way are dropped: those photos may be compared again."""
        self._keys = {p: k for p, k in self._keys.items() if p in self.comparisons}

    def forget_comparisons(self) -> None:
        self.comparisons.clear()
        self._keys.clear()

    def saved(self) -> list[SavedPhoto]:
        """The photos as the order's saved dispute keeps them."""
        return [SavedPhoto(p, self.comparisons[p].photo.sha256 if p in self.comparisons else "",
                           p in self.opened_box) for p in self.paths]

    def _forget(self, path: Path) -> None:
        self.comparisons.pop(path, None)
        self._keys.pop(path, None)
