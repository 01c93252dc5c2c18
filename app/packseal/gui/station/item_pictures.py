"""Item pictures for the order panel: a local file or an http(s) URL, loaded off the GUI thread.

A picture is read on a worker (at most :data:`MAX_BYTES`, a URL with a
:data:`TIMEOUT_S` timeout), decoded and scaled to a thumbnail there, and
handed back as a QImage; each source is loaded once and remembered. A
picture that cannot be had (gone, too large, not an image, no network) is
remembered as missing and logged once; the item shows without it.
"""

from __future__ import annotations

import logging
import urllib.request
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage

from packseal.core.errors import BadInputError
from packseal.gui.tasks import TaskRunner

log = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT_S = 5.0
THUMB_PX = 56


def read_picture(source: str, *, max_bytes: int = MAX_BYTES, timeout_s: float = TIMEOUT_S) -> QImage:
    """The picture at ``source`` (path or http(s) URL) as a thumbnail; raises BadInputError why not."""
    if source.startswith(("http://", "https://")):
        try:
            with urllib.request.urlopen(source, timeout=timeout_s) as reply:  # noqa: S310 (http(s) only)
                data = reply.read(max_bytes + 1)
        except (OSError, ValueError) as exc:
            raise BadInputError(f"the picture {source} could not be fetched: {exc}") from exc
    else:
        path = Path(source[7:] if source.startswith("file://") else source)
        try:
            if path.stat().st_size > max_bytes:
                raise BadInputError(f"the picture {path} is larger than {max_bytes // (1024 * 1024)} MB")
            data = path.read_bytes()
        except OSError as exc:
            raise BadInputError(f"the picture {path} could not be read: {exc.strerror}") from exc
    if len(data) > max_bytes:
        raise BadInputError(f"the picture {source} is larger than {max_bytes // (1024 * 1024)} MB")
    image = QImage()
    if not image.loadFromData(data):
        raise BadInputError(f"{source} is not a picture this computer can read")
    return image.scaled(THUMB_PX, THUMB_PX, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation)


class ItemPictures(QObject):
    """Loads item pictures on its own runner and announces each one loaded."""

    loaded = Signal(str, QImage)  # source, thumbnail

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = TaskRunner(self, max_threads=2, name="pictures")
        self._cache: dict[str, QImage | None] = {}

    def get(self, source: str) -> QImage | None:
        """The thumbnail if loaded; otherwise starts loading it (``loaded`` follows) and returns None."""
        if not source:
            return None
        if source in self._cache:
            return self._cache[source]
        self._cache[source] = None  # asked once: a failure is not retried on every repaint
        self._runner.run(lambda: read_picture(source), on_success=lambda img: self._done(source, img),
                         on_failure=lambda exc: log.info("item picture not shown: %s", exc),
                         label="item picture")
        return None

    def _done(self, source: str, image: QImage) -> None:
        self._cache[source] = image
        self.loaded.emit(source, image)
