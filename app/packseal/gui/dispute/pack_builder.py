"""Building the evidence pack from the dispute view, on the task runner, with progress in the status area.

:func:`packseal.core.evidence.pack.build_pack` does the work (checking the
clip against its seal, the ledger excerpt, frames, report, zip, sealing);
it reports progress from the worker thread, which this class forwards to
the GUI thread through a queued signal. The view hands over the comparison
it has shown, so the pack does not compare the photo again. The pack's
report is written in the language the window speaks.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from packseal.compose import Services
from packseal.core.compare.annotation_store import Annotation, pack_annotations, pack_frames
from packseal.core.compare.session import Comparison
from packseal.core.storage.names import safe_file_stem
from packseal.gui import file_places
from packseal.gui.dispute import messages
from packseal.gui.dispute.status_area import StatusArea
from packseal.gui.i18n import resolve_language
from packseal.gui.library.file_manager import show_in_file_manager
from packseal.gui.tasks import TaskRunner

log = logging.getLogger(__name__)


class PackBuilder(QObject):
    """Runs one ``build_pack`` at a time and shows its progress and outcome in ``status``.

    The parent must be the widget the save dialog belongs to.
    """

    progressed = Signal(float, str)  # fraction done, the core's (English) step
    finished = Signal(object)        # PackResult
    failed = Signal(object)          # the exception
    busy_changed = Signal()

    def __init__(self, services: Services, runner: TaskRunner, status: StatusArea, parent: QWidget) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._status = status
        self._busy = False
        self._last_pack: Path | None = None
        self.progressed.connect(self._on_progress)
        status.reveal_button.clicked.connect(self._reveal)

    @property
    def busy(self) -> bool:
        return self._busy

    def ask_where(self, order_id: str) -> Path | None:
        """Ask where to save the pack of ``order_id``; None when the owner cancelled."""
        folder = file_places.last_folder(file_places.EVIDENCE_PACK, Path.home())
        suggested = folder / f"PackSeal-{safe_file_stem(order_id)}-evidence.zip"
        name, _ = QFileDialog.getSaveFileName(self.parent(), self.tr("Save the evidence pack"), str(suggested),
                                              self.tr("Evidence pack (*.zip)"))
        if not name:
            return None
        path = Path(name)
        file_places.remember(file_places.EVIDENCE_PACK, path)
        return path if path.suffix.lower() == ".zip" else path.with_suffix(".zip")

    def build_dispute(self, order_id: str, out: Path, photos: list[Path], comparisons: list[Comparison | None],
                      annotations: list[Annotation], opened_box: list[Path] | None = None) -> bool:
        """The pack of a dispute: the claim's photos, the matched and annotated frames, each photo's annotations.

        The comparisons shown go with it, so the pack does not compare the
        photos again (a photo not compared yet is compared by the pack).
        ``opened_box`` are the photos of the opened box. False when a pack is being built.
        """
        matched = list(dict.fromkeys(round(m.t_s, 3) for c in comparisons if c is not None for m in c.matches))
        frames = pack_frames(matched, annotations)
        on_photos = [a for n, c in enumerate(comparisons, 1) if c is not None
                     for a in pack_annotations(annotations, c.photo.sha256, n)]
        return self.build(order_id, list(photos), out, frames=frames or None, annotations=on_photos or None,
                          comparisons=list(comparisons) if photos else None, opened_box=opened_box)

    def build(self, order_id: str, photos: list[Path], out: Path, *, frames: list[float] | None = None,
              annotations: list[dict[str, Any]] | None = None,
              comparisons: list[Comparison | None] | None = None, opened_box: list[Path] | None = None) -> bool:
        """Start building the pack of ``order_id`` into ``out``; False if one is being built already."""
        if self._busy:
            return False
        from packseal.core.evidence.pack import build_pack  # the heavy part is loaded on first use

        s = self._services
        language = resolve_language(s.settings.language)
        self._set_busy(True)
        # Emitted on the worker's thread; Qt queues it to the GUI thread where the slots live.
        progress = self.progressed.emit
        self._runner.run(
            lambda: build_pack(s.layout, s.ledger, s.catalog, s.archive, order_id, list(photos), out,
                               language=language, frames=frames, annotations=annotations,
                               comparisons=comparisons, progress=progress, opened_box=opened_box or (),
                               cameras=s.settings.camera_exports),
            on_success=self._done, on_failure=self._failed, label="build evidence pack")
        status = self._status
        status.hide_error()
        status.reveal_button.hide()
        status.show_progress(0.0)
        status.set_status(QT_TRANSLATE_NOOP("DisputeView", "Building the evidence pack…"))
        return True

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_changed.emit()

    def _on_progress(self, fraction: float, step: str) -> None:
        self._status.show_progress(fraction)
        self._status.progress.setToolTip(step)  # the core's own words for the step, in English

    def _done(self, result: object) -> None:
        status = self._status
        status.hide_progress()
        self._last_pack = Path(getattr(result, "path"))
        status.set_status(QT_TRANSLATE_NOOP("DisputeView", "Evidence pack saved: {path}"), path=str(self._last_pack))
        status.reveal_button.show()
        self._set_busy(False)
        self.finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        status = self._status
        status.hide_progress()
        status.set_status("")
        status.show_error(messages.pack_failed(exc))
        self._set_busy(False)
        self.failed.emit(exc)

    def _reveal(self) -> None:
        if self._last_pack is not None:
            show_in_file_manager(self._last_pack)
