"""The dispute view: a buyer's refund photo against the packing clip of the order.

The owner drops or opens the photo and types or scans the order number (or
comes from the library with :meth:`DisputeView.open_order`). The order's
clip is looked up and the comparison runs on the task runner; the first
comparison of an older clip builds its frame index, which the status line
says. The best frames appear as thumbnails; the main area
(:mod:`.comparison_area`) shows the chosen one side by side with the photo,
as an aligned overlay, as a difference heatmap, and the photo's error
levels. Findings about the photo's metadata and the owner's marks are on the
right; the marks are saved with the order (see :mod:`.annotation_store`)
and the photo's marks go into the evidence pack.

Which photo goes with which order: a photo dropped before the order is
known is compared with the order typed next; opening another order (Enter
in the field, or from the library) takes up that order's saved photo, or
none; the Compare button compares the photo shown with the order typed.

This class routes between the parts; the work is in :mod:`.comparison_job`
(Qt-free) and in the core.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QVBoxLayout, QWidget

from packseal.compose import Services
from packseal.core.errors import BadInputError, StorageError
from packseal.core.evidence.source_clip import signed_clip_entry
from packseal.core.storage.names import safe_file_stem
from packseal.gui import file_places
from packseal.gui.dispute import messages
from packseal.gui.dispute.annotation_panel import MarkList
from packseal.gui.dispute.annotation_store import (SavedDispute, dispute_file, load_dispute, pack_annotations,
                                                   save_dispute, set_aside)
from packseal.gui.dispute.annotations import Annotations
from packseal.gui.dispute.comparison_area import ELA, ComparisonArea
from packseal.gui.dispute.comparison_job import (INDEXING, UNKNOWN_ORDER, AlignedFrame, DisputeComparison,
                                                 OrderClip, OrderClipError, align_frame, find_order_clip,
                                                 run_comparison)
from packseal.gui.dispute.findings_panel import FindingsPanel
from packseal.gui.dispute.pack_builder import PackBuilder
from packseal.gui.dispute.photo_drop import ask_for_photo, photo_path_from
from packseal.gui.dispute.status_area import StatusArea
from packseal.gui.dispute.thumbnails import ThumbnailStrip
from packseal.gui.i18n import resolve_language
from packseal.gui.library import formatting
from packseal.gui.library.file_manager import show_in_file_manager
from packseal.gui.messages import Message
from packseal.gui.scanner import PASSTHROUGH_PROPERTY
from packseal.gui.tasks import TaskRunner

log = logging.getLogger(__name__)

#: Aligned frames kept for quick switching between thumbnails (each holds a few full-size pictures).
ALIGNED_CACHE = 3


class _Relay(QObject):
    """Carries the comparison's progress from the worker thread to the GUI thread."""

    progressed = Signal(int, str, object)  # generation, stage, fraction or None


@dataclass
class _Opened:
    """What looking an order up found: its clip and its saved dispute."""

    clip: OrderClip
    saved: SavedDispute
    set_aside: Path | None = None


class DisputeView(QWidget):
    """See the module docstring."""

    comparison_finished = Signal(object)   # DisputeComparison, after it is shown
    comparison_failed = Signal(object)     # the Message shown
    frame_shown = Signal(float)            # clip time of the frame now in the main area
    pack_finished = Signal(object)         # PackResult

    def __init__(self, services: Services, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disputeView")
        self.setAcceptDrops(True)
        self._services = services
        self._runner = runner
        self._generation = 0    # results of work started for an older order or photo are dropped
        self._clip: OrderClip | None = None
        self._photo_path: Path | None = None
        self._comparison: DisputeComparison | None = None
        self._aligned: dict[int, AlignedFrame] = {}
        self._shown_rank: int | None = None
        self._busy = False
        self._closed = False
        self._last_pack: Path | None = None
        # (order, photo file) of the comparison shown or running: the same pair is never compared again
        self._compared_key: tuple[str, tuple] | None = None

        self.marks = Annotations(self)
        self.relay = _Relay(self)
        self.relay.progressed.connect(self._on_progress)
        self.packer = PackBuilder(services, runner, self)
        self._build()
        self._connect()
        self.retranslate()
        self._refresh_state()

    # -- construction ---------------------------------------------------------------------
    def _build(self) -> None:
        self.order_label = QLabel(self)
        self.order_edit = QLineEdit(self)
        self.order_edit.setObjectName("disputeOrder")
        self.order_edit.setProperty(PASSTHROUGH_PROPERTY, True)  # a scan into this field fills it
        self.order_edit.setClearButtonEnabled(True)
        self.order_edit.setMinimumWidth(self.order_edit.fontMetrics().horizontalAdvance("SF1234567890123") + 40)
        self.open_button = QPushButton(self)
        self.photo_label = QLabel(self)
        self.photo_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.compare_button = QPushButton(self)
        self.pack_button = QPushButton(self)
        top = QHBoxLayout()
        top.addWidget(self.order_label)
        top.addWidget(self.order_edit)
        top.addSpacing(12)
        top.addWidget(self.open_button)
        top.addWidget(self.photo_label, 1)
        top.addWidget(self.compare_button)
        top.addSpacing(12)
        top.addWidget(self.pack_button)

        self.status = StatusArea("DisputeView", self)
        self.thumbnails = ThumbnailStrip(self)
        self.thumbnails.hide()
        self.area = ComparisonArea(self.marks, self)
        self.findings = FindingsPanel(self)
        self.mark_list = MarkList(self.marks, self)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.findings)
        right.addWidget(self.mark_list)
        right.setChildrenCollapsible(False)
        right.setStretchFactor(0, 3)  # the findings are read more than the list of marks
        right.setStretchFactor(1, 2)
        right.setSizes([480, 320])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.area)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([1000, 320])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.thumbnails)
        layout.addWidget(self.splitter, 1)

        self.open_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Open), self)
        self.open_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for canvas in (self.area.side_by_side.photo, self.area.side_by_side.frame):
            delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), canvas)
            delete.setContext(Qt.ShortcutContext.WidgetShortcut)
            delete.activated.connect(self.marks.remove_selected)
        self.area.clear()

    def _connect(self) -> None:
        self.order_edit.returnPressed.connect(self._order_entered)
        self.order_edit.textChanged.connect(self._refresh_state)
        self.open_button.clicked.connect(self.ask_photo)
        self.open_shortcut.activated.connect(self.ask_photo)
        self.compare_button.clicked.connect(self.compare)
        self.pack_button.clicked.connect(self.ask_pack)
        self.status.reveal_button.clicked.connect(self._reveal_pack)
        self.thumbnails.match_chosen.connect(self.show_match)
        self.findings.ela_requested.connect(self._show_ela)
        self.mark_list.frame_wanted.connect(self._show_frame_at)
        self.marks.changed.connect(self._save_marks)
        self.packer.progressed.connect(self._on_pack_progress)
        self.packer.finished.connect(self._on_pack_finished)
        self.packer.failed.connect(self._on_pack_failed)

    # -- public API ---------------------------------------------------------------------------
    @property
    def order_id(self) -> str:
        """The order of the dispute: the catalog's spelling once its clip is found, else as typed."""
        return self._clip.record.order_id if self._clip is not None else self.order_edit.text().strip()

    @property
    def comparison(self) -> DisputeComparison | None:
        return self._comparison

    @property
    def photo_path(self) -> Path | None:
        return self._photo_path

    @property
    def busy(self) -> bool:
        """True while an order is looked up, a photo compared or a frame aligned."""
        return self._busy

    @property
    def shown_match_rank(self) -> int | None:
        """Rank (0 = best) of the matched frame in the main area, None when none is."""
        return self._shown_rank

    @property
    def error_text(self) -> str:
        """The error shown (plain text), '' when none is."""
        return self.status.error_text

    def annotations(self) -> list[dict]:
        """The order's marks as JSON-able dicts (image pixels; see :mod:`.annotation_store`)."""
        return [m.to_json() for m in self.marks.marks]

    def open_order(self, order_id: str) -> None:
        """Show the dispute of ``order_id`` (from the library): look its clip up, compare if a photo is there.

        The dispute already shown (or being compared) for that order stays as it is.
        """
        self.order_edit.setText(order_id.strip())
        if not self._already_compared():
            self._order_entered()

    def open_photo(self, path: Path | str) -> None:
        """Use the photo at ``path`` (dropped or opened) and compare it when the order is known."""
        if Path(path) == self._photo_path and self._already_compared():
            return  # the same, unchanged photo again: its comparison is on screen or on its way
        self._photo_path = Path(path)
        self._new_generation()
        self._clear_results()
        if self.order_edit.text().strip():
            self.compare()
        else:
            self.status.set_status(QT_TRANSLATE_NOOP(
                "DisputeView", "Photo {name} chosen. Now type or scan the order number above."),
                name=self._photo_path.name)
            self.order_edit.setFocus()
        self._refresh_state()

    def ask_photo(self) -> None:
        """The Open button / Ctrl+O: choose the photo with the file dialog."""
        folder = self._photo_path.parent if self._photo_path is not None else \
            file_places.last_folder(file_places.REFUND_PHOTO, Path.home())
        path = ask_for_photo(self, folder)
        if path is not None:
            file_places.remember(file_places.REFUND_PHOTO, path)
            self.open_photo(path)

    def compare(self) -> None:
        """Compare the photo with the order's clip in the background (not again when that was done)."""
        if self._photo_path is None:
            self.status.set_status(QT_TRANSLATE_NOOP("DisputeView", "Drop or open the buyer's photo first."))
            return
        if self._already_compared():
            return
        typed = self.order_edit.text().strip()
        if self._clip is None or typed.lower() != self._clip.record.order_id.lower():
            self._clip = None  # this photo with a new order number: look it up, the comparison follows
            self._order_entered()
            return
        generation = self._new_generation()
        self._clear_results(working=True)
        clip, photo = self._clip, self._photo_path
        self._compared_key = self._comparison_key()
        relay = self.relay.progressed

        def job() -> DisputeComparison:
            return run_comparison(clip, photo, progress=lambda stage, f: relay.emit(generation, stage, f))

        self._set_busy(True, QT_TRANSLATE_NOOP("DisputeView", "Comparing the photo with the clip…"))
        self._runner.run(job, on_success=lambda result: self._compared(generation, result),
                         on_failure=lambda exc: self._failed(generation, exc), label="compare refund photo")

    def show_match(self, rank: int) -> None:
        """Show matched frame ``rank`` (0 = best) in the main area; aligns it in the background if needed."""
        comparison = self._comparison
        if comparison is None or not 0 <= rank < len(comparison.matches):
            return
        if self.thumbnails.currentRow() != rank:
            self.thumbnails.blockSignals(True)
            self.thumbnails.setCurrentRow(rank)
            self.thumbnails.blockSignals(False)
        cached = self._aligned.get(rank)
        if cached is not None:
            self._show_aligned(rank, cached)
            return
        generation = self._generation
        match = comparison.matches[rank]

        def job() -> AlignedFrame:
            return align_frame(comparison.clip.path, comparison.photo, comparison.index, match,
                               comparison.item_points)

        self._set_busy(True, QT_TRANSLATE_NOOP("DisputeView", "Aligning the frame at {t} s…"), t=f"{match.t_s:.1f}")
        self._runner.run(job, on_success=lambda aligned: self._aligned_ready(generation, rank, aligned),
                         on_failure=lambda exc: self._failed(generation, exc), label="align frame")

    def shutdown(self) -> None:
        """Stop timers and drop late results; call before the window closes."""
        self._closed = True
        self._new_generation()
        self.area.overlay.set_blinking(False)

    # -- order -------------------------------------------------------------------------------
    def _order_entered(self) -> None:
        if self._already_compared():  # Enter again on the order shown: nothing new to do
            return
        text = self.order_edit.text().strip()
        generation = self._new_generation()
        if self._clip is not None and self._clip.record.order_id.lower() != text.lower():
            self._photo_path = None  # that photo belongs to the other order's dispute
        self._clip = None
        self._clear_results(working=self._photo_path is not None)
        self.marks.set_marks([])
        if not text:
            self.status.show_error(messages.comparison_failed(OrderClipError(UNKNOWN_ORDER, "", "no order number")))
            self._refresh_state()
            return
        catalog, layout, ledger = self._services.catalog, self._services.layout, self._services.ledger

        def job() -> _Opened:
            clip = find_order_clip(catalog, layout, text)
            if clip.record.ledger_seq is not None:  # the catalog is an index: the signed entry decides
                signed_clip_entry(ledger, clip.record, text)
            path = dispute_file(layout.root, clip.record.order_id)
            try:
                return _Opened(clip, load_dispute(path, clip.record.order_id))
            except BadInputError as exc:  # a damaged file must not block the dispute: keep it aside
                log.warning("%s", exc)
                return _Opened(clip, SavedDispute(clip.record.order_id), set_aside(path))

        self._set_busy(True, QT_TRANSLATE_NOOP("DisputeView", "Looking up order {order}…"), order=text)
        self._runner.run(job, on_success=lambda opened: self._order_found(generation, opened),
                         on_failure=lambda exc: self._failed(generation, exc), label="look up order")

    def _order_found(self, generation: int, opened: _Opened) -> None:
        if generation != self._generation or self._closed:
            return
        self._set_busy(False)
        self._clip = opened.clip
        record = opened.clip.record
        self.order_edit.setText(record.order_id)
        saved = opened.saved
        self.marks.set_marks(saved.marks)
        if opened.set_aside is not None:
            name = opened.set_aside.name
            self.status.show_error(Message(
                self.tr("The saved marks of this order could not be read"),
                self.tr("The damaged file was kept as {name}; new marks are saved afresh.").format(name=name)))
        if self._photo_path is None and saved.photo_path is not None and saved.photo_path.is_file():
            self._photo_path = saved.photo_path  # the dispute is taken up where it was left
        if self._photo_path is not None:
            self.compare()
        else:
            self.status.set_status(
                QT_TRANSLATE_NOOP("DisputeView", "Order {order}: clip of {when}, {length}. Now drop or open "
                                                 "the buyer's photo."),
                order=record.order_id, when=formatting.local_time(record.start_ms),
                length=formatting.duration(record.duration_s))
        self._refresh_state()

    # -- comparison results --------------------------------------------------------------------
    def _on_progress(self, generation: int, stage: str, fraction: object) -> None:
        if generation != self._generation:
            return
        if stage == INDEXING and isinstance(fraction, float):
            self.status.show_progress(fraction)
            self.status.set_status(QT_TRANSLATE_NOOP(
                "DisputeView", "Indexing the clip… (the first comparison of a clip prepares it once)"))
        else:
            self.status.show_progress(None)
            self.status.set_status(QT_TRANSLATE_NOOP("DisputeView", "Comparing the photo with the clip…"))

    def _compared(self, generation: int, comparison: DisputeComparison) -> None:
        if generation != self._generation or self._closed:
            return
        self._set_busy(False)
        self._comparison = comparison
        self._aligned = {0: comparison.best} if comparison.best is not None else {}
        self.marks.photo_sha256 = comparison.photo.sha256
        self.marks.frame_t_s = None
        self.photo_label.setText(self._photo_text())
        self.findings.show_findings(comparison.result.findings, has_ela=True)
        self.area.show_comparison(comparison)
        if comparison.no_match:
            self.status.show_notice(messages.no_match)
            self.area.show_no_match(messages.no_match().title)
        else:
            self.thumbnails.show_matches(comparison.matches, [comparison.thumbnail(m) for m in comparison.matches])
            self.thumbnails.show()
            self._show_aligned(0, comparison.best)
        self._save_marks()  # remembers the photo with the order, marks or not
        self._show_summary(comparison)
        self._refresh_state()
        self.comparison_finished.emit(comparison)

    def _aligned_ready(self, generation: int, rank: int, aligned: AlignedFrame) -> None:
        if generation != self._generation or self._closed:
            return
        self._set_busy(False)
        self._aligned[rank] = aligned
        while len(self._aligned) > ALIGNED_CACHE:  # forget the oldest other than the one asked for
            del self._aligned[next(r for r in self._aligned if r != rank)]
        if self._comparison is not None:
            self._show_summary(self._comparison)
        if self.thumbnails.currentRow() == rank:
            self._show_aligned(rank, aligned)

    def _show_aligned(self, rank: int, aligned: AlignedFrame | None) -> None:
        if aligned is None or self._comparison is None:
            return
        self._shown_rank = rank
        self.marks.frame_t_s = aligned.match.t_s
        self.area.show_aligned(aligned)
        self.frame_shown.emit(aligned.match.t_s)

    def _show_ela(self) -> None:
        self.area.modes.setCurrentIndex(ELA)

    def _show_frame_at(self, t_s: float) -> None:
        comparison = self._comparison
        if comparison is None:
            return
        for rank, match in enumerate(comparison.matches):
            if abs(match.t_s - t_s) < 0.01:
                self.show_match(rank)
                return

    def _show_summary(self, comparison: DisputeComparison) -> None:
        record = comparison.clip.record
        if comparison.sealed_sha_differs:
            text = QT_TRANSLATE_NOOP("DisputeView", "Order {order}, clip of {when}: WARNING, the clip file is not "
                                     "the one that was sealed. Run “packseal verify” before using this comparison.")
        elif comparison.no_match:
            text = QT_TRANSLATE_NOOP("DisputeView",
                                     "Order {order}, clip of {when} ({length}): no frame matches the photo.")
        else:
            text = QT_TRANSLATE_NOOP("DisputeView",
                                     "Order {order}, clip of {when} ({length}): frames that show the item: {n}.")
        self.status.set_status(text, order=record.order_id, when=formatting.local_time(record.start_ms),
                               length=formatting.duration(record.duration_s), n=len(comparison.matches))

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation or self._closed:
            return
        self._set_busy(False)
        if self._comparison is None:  # the lookup or the comparison failed (not a frame's alignment)
            self._compared_key = None     # trying again is allowed
            self.area.clear()
        self.status.set_status("")
        message = messages.comparison_failed(exc)
        self.status.show_error(message)
        self._refresh_state()
        self.comparison_failed.emit(message)

    # -- evidence pack ---------------------------------------------------------------------------
    def ask_pack(self) -> None:
        """"Build evidence pack…": ask where to save it, then build it."""
        if self._clip is None:
            return
        stem = safe_file_stem(self._clip.record.order_id)
        folder = file_places.last_folder(file_places.EVIDENCE_PACK, Path.home())
        suggested = folder / f"PackSeal-{stem}-evidence.zip"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the evidence pack"), str(suggested),
                                              self.tr("Evidence pack (*.zip)"))
        if name:
            path = Path(name)
            file_places.remember(file_places.EVIDENCE_PACK, path)
            self.build_pack(path if path.suffix.lower() == ".zip" else path.with_suffix(".zip"))

    def build_pack(self, out: Path) -> bool:
        """Build the order's evidence pack into ``out``: the photo, the matched and marked frames, the photo's marks.

        False when there is no clip yet or a pack is being built.
        """
        if self._clip is None or self.packer.busy:
            return False
        comparison = self._comparison
        photos = [self._photo_path] if self._photo_path is not None and comparison is not None else []
        frames: list[float] = [m.t_s for m in comparison.matches] if comparison is not None else []
        for mark in self.marks.marks:  # frames the owner marked go in too (their marks cannot, yet)
            if mark.image == "frame" and mark.frame_t_s is not None and all(
                    abs(mark.frame_t_s - t) >= 0.01 for t in frames):
                frames.append(mark.frame_t_s)
        marks = pack_annotations(self.marks.marks, comparison.photo.sha256) if photos and comparison else []
        language = resolve_language(self._services.settings.language)
        started = self.packer.build(self._clip.record.order_id, photos, out, language=language,
                                    frames=frames or None, annotations=marks or None)
        if started:
            self.status.hide_error()
            self.status.reveal_button.hide()
            self.status.show_progress(0.0)
            self.status.set_status(QT_TRANSLATE_NOOP("DisputeView", "Building the evidence pack…"))
            self._refresh_state()
        return started

    def _on_pack_progress(self, fraction: float, step: str) -> None:
        self.status.show_progress(fraction)
        self.status.progress.setToolTip(step)  # the core's own words for the step, in English

    def _on_pack_finished(self, result: object) -> None:
        self.status.hide_progress()
        self._last_pack = Path(getattr(result, "path"))
        self.status.set_status(QT_TRANSLATE_NOOP("DisputeView", "Evidence pack saved: {path}"),
                               path=str(self._last_pack))
        self.status.reveal_button.show()
        self._refresh_state()
        self.pack_finished.emit(result)

    def _on_pack_failed(self, exc: BaseException) -> None:
        self.status.hide_progress()
        self.status.set_status("")
        self.status.show_error(messages.pack_failed(exc))
        self._refresh_state()

    def _reveal_pack(self) -> None:
        if self._last_pack is not None:
            show_in_file_manager(self._last_pack)

    # -- annotations ---------------------------------------------------------------------------------
    def _save_marks(self) -> None:
        if self._clip is None:
            return
        order = self._clip.record.order_id
        photo_sha = self._comparison.photo.sha256 if self._comparison is not None else ""
        dispute = SavedDispute(order, self._photo_path, photo_sha, self.marks.marks)
        try:
            save_dispute(dispute_file(self._services.layout.root, order), dispute)
        except StorageError as exc:
            self.status.show_error(Message(self.tr("Your marks could not be saved"),
                                           self.tr("Check the storage folder and its permissions."), str(exc)))

    # -- drag and drop ------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if photo_path_from(event.mimeData()) is not None:
            event.acceptProposedAction()
            self.area.drop_hint.set_highlight(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802
        self.area.drop_hint.set_highlight(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self.area.drop_hint.set_highlight(False)
        path = photo_path_from(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_photo(path)

    # -- state and texts ------------------------------------------------------------------------------
    def _new_generation(self) -> int:
        self._generation += 1
        self._compared_key = None  # whatever ran is dropped; compare() sets the pair it starts
        return self._generation

    def _comparison_key(self) -> tuple[str, tuple] | None:
        """(order, photo path and file state) of what would be compared now; None without both."""
        order = self.order_edit.text().strip().lower()
        if self._photo_path is None or not order:
            return None
        try:
            stat = self._photo_path.stat()
        except OSError:
            return None  # a vanished photo is compared again, and then says what is wrong
        return order, (str(self._photo_path), stat.st_size, stat.st_mtime_ns)

    def _already_compared(self) -> bool:
        """True when the photo and order now chosen are the ones compared (or being compared)."""
        key = self._comparison_key()
        return key is not None and key == self._compared_key

    def _clear_results(self, *, working: bool = False) -> None:
        self._comparison = None
        self._aligned = {}
        self._shown_rank = None
        self.marks.photo_sha256 = ""
        self.marks.frame_t_s = None
        self.thumbnails.clear()
        self.thumbnails.hide()
        self.status.hide_notice()
        self.findings.show_findings(None)
        if working:  # the photo is there and is being compared: say so, not "drop a photo here"
            self.area.show_working(self.tr("Comparing the photo {name} with the clip of order {order}…").format(
                name=self._photo_path.name if self._photo_path else "", order=self.order_edit.text().strip()))
        else:
            self.area.clear()
        self.photo_label.setText(self._photo_text())

    def _set_busy(self, busy: bool, status: str = "", **args: object) -> None:
        self._busy = busy
        if busy:
            self.status.hide_error()
            self.status.reveal_button.hide()
            self.status.show_progress(None)
            self.status.set_status(status, **args)
        elif not self.packer.busy:
            self.status.hide_progress()
        self._refresh_state()

    def _photo_text(self) -> str:
        if self._photo_path is None:
            return self.tr("No photo yet")
        return self.tr("Photo: {name}").format(name=self._photo_path.name)

    def _refresh_state(self) -> None:
        working = self._busy or self.packer.busy
        self.compare_button.setEnabled(not working and self._photo_path is not None
                                       and bool(self.order_edit.text().strip()) and not self._already_compared())
        self.pack_button.setEnabled(not working and self._clip is not None)
        self.open_button.setEnabled(not self.packer.busy)

    def retranslate(self) -> None:
        self.order_label.setText(self.tr("Order:"))
        self.order_edit.setPlaceholderText(self.tr("type or scan the order number, then Enter"))
        self.open_button.setText(self.tr("Open photo…"))
        self.open_button.setToolTip(self.tr("Open the buyer's refund photo (Ctrl+O), or drop it onto this view"))
        self.compare_button.setText(self.tr("Compare"))
        self.pack_button.setText(self.tr("Build evidence pack…"))
        self.pack_button.setToolTip(self.tr("One zip with the sealed clip, the photo, the frames, your marks and a "
                                            "report, which a platform reviewer can check without PackSeal"))
        self.photo_label.setText(self._photo_text())
        self.status.retranslate()
        self.thumbnails.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
