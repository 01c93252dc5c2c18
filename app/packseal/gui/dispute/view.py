"""The dispute view: a buyer's refund photo against the packing clip of the order.

The owner drops or opens the photo and types or scans the order number (or
comes from the library with :meth:`DisputeView.open_order`). The order's
clip is looked up and the comparison runs on the task runner; the first
comparison of an older clip builds its frame index, which the status line
says. The best frames appear as thumbnails; the main area
(:mod:`.comparison_area`) shows the chosen one side by side with the photo,
as an aligned overlay, as a difference heatmap, and the photo's error
levels. Findings about the photo's metadata and the owner's annotations are on the
right; the annotations are saved with the order
and the photo's annotations go into the evidence pack.

A claim has several photos: each one dropped or opened is added to the
claim's photo list (:mod:`.photo_list`) and compared on its own; choosing a
photo in the list shows its comparison, and a photo marked as showing the
opened box is set beside the clip's last frames before the box was closed.
Which photos go with which order: photos dropped before the order is known
are compared with the order typed next, or with the order whose waybill
they show (the order field is filled from it); opening another order (Enter
in the field, or from the library) takes up that order's saved photos, or
none; the Compare button compares the photos not yet compared with the order typed.

This class routes between the parts: the top row (:mod:`.order_bar`), the
status line, the claim's photos (:mod:`.claim_photos`, listed by
:mod:`.photo_list`), the matched frames (:mod:`.matched_frames`), the
comparison area, the findings and annotations on the right, the order field
filled from the photos' waybills (:mod:`.waybill_order`) and the pack
builder (:mod:`.pack_builder`). The work is the core's: finding the order's
clip (:func:`packseal.core.evidence.source_clip.find_order_clip`), the
comparison session (:mod:`packseal.core.compare.session`) and the saved
annotations (:mod:`packseal.core.compare.annotation_store`), run on the task
runner (:mod:`.view_jobs`). A clip of two cameras is searched in both
cameras' files (:mod:`packseal.core.compare.cameras`); the status line says
which camera's frames are shown.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from packseal.compose import Services
from packseal.core.compare.annotation_store import SavedDispute, SavedPhoto, dispute_file, open_dispute, save_dispute
from packseal.core.compare.cameras import CameraFile, compare_on_cameras
from packseal.core.compare.session import INDEXING, Comparison, compare_photos
from packseal.core.errors import EvidenceError, StorageError
from packseal.core.evidence.composed import second_camera_file
from packseal.core.evidence.photo_order import order_lookup
from packseal.core.evidence.source_clip import OrderClip, UnknownOrderError, find_order_clip
from packseal.gui import file_places
from packseal.gui.dispute import messages, status_texts
from packseal.gui.dispute.annotation_panel import AnnotationList
from packseal.gui.dispute.annotations import Annotations
from packseal.gui.dispute.claim_photos import ClaimPhotos
from packseal.gui.dispute.comparison_area import ELA, ComparisonArea
from packseal.gui.dispute.findings_panel import FindingsPanel
from packseal.gui.dispute.matched_frames import MatchedFrames
from packseal.gui.dispute.order_bar import OrderBar
from packseal.gui.dispute.return_beside import ReturnBeside
from packseal.gui.dispute.pack_builder import PackBuilder
from packseal.gui.dispute.photo_drop import PhotoDropTarget, ask_for_photos
from packseal.gui.dispute.photo_list import PhotoList
from packseal.gui.dispute.status_area import StatusArea
from packseal.gui.dispute.thumbnails import ThumbnailStrip
from packseal.gui.dispute.view_jobs import ViewJobs
from packseal.gui.dispute.waybill_order import WaybillOrder
from packseal.gui.problem_texts import Message
from packseal.gui.tasks import TaskRunner

log = logging.getLogger(__name__)


class DisputeView(QWidget):
    """See the module docstring."""

    comparison_finished = Signal(object)   # Comparison, after it is shown
    comparison_failed = Signal(object)     # the Message shown
    frame_shown = Signal(float)            # clip time of the frame now in the main area
    pack_finished = Signal(object)         # PackResult

    def __init__(self, services: Services, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disputeView")
        self._services = services
        self._runner = runner
        self._clip: OrderClip | None = None
        self.claim = ClaimPhotos()
        self._busy = False

        self.annotations = Annotations(self)
        self.jobs = ViewJobs(runner, self)
        self._build()
        self._connect()
        self.retranslate()
        self._refresh_state()

    # -- construction ---------------------------------------------------------------------
    def _build(self) -> None:
        self.bar = OrderBar(self)
        # The top row's widgets, by the names the view and its callers use.
        self.order_edit = self.bar.order_edit
        self.open_button = self.bar.open_button
        self.photo_label = self.bar.photo_label
        self.compare_button = self.bar.compare_button
        self.pack_button = self.bar.pack_button
        self.status = StatusArea("DisputeView", self)
        self.packer = PackBuilder(self._services, self._runner, self.status, self)
        self.photo_list = PhotoList(self)
        self.photo_list.hide()
        self.thumbnails = ThumbnailStrip(self)
        self.thumbnails.hide()
        self.area = ComparisonArea(self.annotations, self)
        self.frames = MatchedFrames(self.thumbnails, self.area, self.annotations, self.jobs, self)
        self.findings = FindingsPanel(self)
        self.annotation_list = AnnotationList(self.annotations, self)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.findings)
        right.addWidget(self.annotation_list)
        right.setChildrenCollapsible(False)
        right.setStretchFactor(0, 3)  # the findings are read more than the list of annotations
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
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.photo_list)
        layout.addWidget(self.thumbnails)
        self.return_beside = ReturnBeside(self._services, self._runner, self)
        layout.addWidget(self.return_beside)
        layout.addWidget(self.splitter, 1)

        self.open_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Open), self)
        self.open_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.area.clear()
        self.drop_target = PhotoDropTarget(self, self.area.drop_hint)
        services = self._services
        self.waybills = WaybillOrder(services.catalog, services.orders, self.claim, self.jobs, self.order_edit,
                                     self.status, self.area, self)

    def _connect(self) -> None:
        self.order_edit.returnPressed.connect(self._order_entered)
        self.order_edit.textChanged.connect(self._refresh_state)
        self.open_button.clicked.connect(self.ask_photo)
        self.open_shortcut.activated.connect(self.ask_photo)
        self.compare_button.clicked.connect(self.compare)
        self.pack_button.clicked.connect(self.ask_pack)
        self.jobs.busy_changed.connect(self._set_busy)
        self.jobs.failed.connect(self._failed)
        self.waybills.order_filled.connect(self.compare)
        self.jobs.progressed.connect(self._on_progress)
        self.frames.frame_shown.connect(self.frame_shown)
        self.frames.frame_aligned.connect(self._show_summary)
        self.findings.ela_requested.connect(self._show_ela)
        self.annotation_list.frame_wanted.connect(self.frames.show_frame_at)
        self.annotations.changed.connect(self._save_annotations)
        self.packer.busy_changed.connect(self._refresh_state)
        self.packer.finished.connect(self.pack_finished)
        self.drop_target.dropped.connect(self.open_photos)
        self.photo_list.photo_chosen.connect(self.show_photo)
        self.photo_list.opened_box_toggled.connect(self.set_opened_box)
        self.photo_list.remove_requested.connect(self.remove_photo)

    # -- public API ---------------------------------------------------------------------------
    @property
    def order_id(self) -> str:
        """The order of the dispute: the catalog's spelling once its clip is found, else as typed."""
        return self._clip.order_id if self._clip is not None else self.order_edit.text().strip()

    @property
    def comparison(self) -> Comparison | None:
        return self.frames.comparison

    @property
    def photo_path(self) -> Path | None:
        """The photo shown (one of :attr:`photos`)."""
        return self.claim.current

    @property
    def photos(self) -> list[Path]:
        """The claim's photos, in the order they came."""
        return list(self.claim.paths)

    @property
    def comparisons(self) -> list[Comparison | None]:
        """Each photo's comparison (None while it is not compared), in the order of :attr:`photos`."""
        return self.claim.in_order()

    @property
    def busy(self) -> bool:
        """True while an order is looked up, a photo compared or a frame aligned."""
        return self._busy

    @property
    def shown_match_rank(self) -> int | None:
        """Rank (0 = best) of the matched frame in the main area, None when none is."""
        return self.frames.shown_rank

    @property
    def error_text(self) -> str:
        """The error shown (plain text), '' when none is."""
        return self.status.error_text

    def annotations_json(self) -> list[dict]:
        """The order's annotations as JSON-able dicts (image pixels; see :mod:`.annotation_store`)."""
        return [m.to_json() for m in self.annotations.items]

    def open_order(self, order_id: str) -> None:
        """Show the dispute of ``order_id`` (from the library): look its clip up, compare if a photo is there.

        The dispute already shown (or being compared) for that order stays as it is.
        """
        self.order_edit.setText(order_id.strip())
        if not self._already_compared():
            self._order_entered()

    def open_photo(self, path: Path | str) -> None:
        """Add the photo at ``path`` (dropped or opened) to the claim, show it, and compare it when the order is known."""
        self.open_photos([path])

    def open_photos(self, paths: list[Path | str]) -> None:
        """Add photos to the claim (the first new one is shown); compare them, or find the order their label names."""
        new = self.claim.new_of(paths)
        if paths and not new:  # photos of the claim again: show the first, compare it only if it changed
            self.claim.current = Path(paths[0])
            if self._already_compared():
                self._show_current()
                return
        self.claim.add(new)
        self._new_generation()
        self._clear_results(working=bool(self.order_edit.text().strip()))
        self.photo_list.show_claim(self.claim)
        if self.order_edit.text().strip():
            self.compare()
        else:
            self.waybills.find()
        self._refresh_state()

    def ask_photo(self) -> None:
        """The Open button / Ctrl+O: choose one or more photos with the file dialog."""
        folder = self.claim.current.parent if self.claim.current is not None else \
            file_places.last_folder(file_places.REFUND_PHOTO, Path.home())
        paths = ask_for_photos(self, folder)
        if paths:
            file_places.remember(file_places.REFUND_PHOTO, paths[0])
            self.open_photos(paths)

    def show_photo(self, row: int) -> None:
        """Show the comparison of the claim's photo ``row`` (0 = the first)."""
        if not 0 <= row < len(self.claim.paths) or self.claim.paths[row] == self.claim.current:
            return
        self.claim.current = self.claim.paths[row]
        self._show_current()

    def set_opened_box(self, row: int, on: bool) -> None:
        """Say whether photo ``row`` shows the opened box; it is compared again accordingly."""
        if not 0 <= row < len(self.claim.paths) or not self.claim.mark_opened_box(row, on):
            return
        self._new_generation()
        self._clear_results(working=True)
        self.photo_list.show_claim(self.claim)
        self.compare()

    def remove_photo(self, row: int) -> None:
        """Take photo ``row`` out of the claim (its annotations stay saved with the order)."""
        if not 0 <= row < len(self.claim.paths) or self.busy:
            return
        self.claim.remove(row)
        self.photo_list.show_claim(self.claim)
        self._save_annotations()
        if self.claim.current is None:
            self._clear_results()
        else:
            self._show_current()
        self._refresh_state()

    def compare(self) -> None:
        """Compare the claim's photos not yet compared with the order's clip, in the background."""
        if self.claim.current is None:
            self.status.set_status(QT_TRANSLATE_NOOP("DisputeView", "Drop or open the buyer's photo first."))
            return
        if self._already_compared():
            return
        typed = self.order_edit.text().strip()
        if self._clip is None or typed.lower() != self._clip.order_id.lower():
            self._clip = None  # these photos with a new order number: look it up, the comparison follows
            self._order_entered()
            return
        self._new_generation()
        todo = self.claim.start_comparing(typed)
        self.photo_list.show_claim(self.claim)  # says which are being compared
        if self.claim.current in todo:
            self._clear_results(working=True)
        clip, boxes = self._clip, self.claim.opened_box_photos(todo)
        lookup, progress = order_lookup(self._services.catalog, self._services.orders), self.jobs.progress()
        layout = self._services.layout

        def job() -> list[Comparison]:
            files = camera_files(layout, clip)
            if len(files) > 1:  # a clip of two cameras: each file searched, the best camera's answer kept
                return compare_on_cameras(files, todo, end_utc=clip.end, order_id=clip.order_id,
                                          opened_box=boxes, order_of_code=lookup, progress=progress)
            return compare_photos(clip.path, todo, start_utc=clip.start, end_utc=clip.end, order_id=clip.order_id,
                                  opened_box=boxes, order_of_code=lookup, progress=progress)

        text, args = status_texts.comparing(len(todo))
        self.jobs.run(job, lambda result: self._compared(todo, result), "compare refund photos", text, **args)

    def shutdown(self) -> None:
        """Stop timers and drop late results; call before the window closes."""
        self.jobs.close()
        self.claim.drop_unfinished()
        self.area.overlay.set_blinking(False)

    # -- order -------------------------------------------------------------------------------
    def _order_entered(self) -> None:
        if self._already_compared():  # Enter again on the order shown: nothing new to do
            return
        text = self.order_edit.text().strip()
        self._new_generation()
        if self._clip is not None and self._clip.order_id.lower() != text.lower():
            self.claim.replace([])  # those photos belong to the other order's dispute
            self.photo_list.show_claim(self.claim)
        self._clip = None
        self.claim.forget_comparisons()
        self._clear_results(working=self.claim.current is not None)
        self.annotations.set_items([])
        if not text:
            self.status.show_error(messages.comparison_failed(UnknownOrderError("", "no order number")))
            self._refresh_state()
            return
        catalog, layout, ledger = self._services.catalog, self._services.layout, self._services.ledger

        def job() -> tuple[OrderClip, SavedDispute, Path | None]:  # the clip, its saved dispute, a damaged file
            clip = find_order_clip(layout, ledger, catalog, text)
            return (clip, *open_dispute(dispute_file(layout, clip.order_id), clip.order_id))

        self.jobs.run(job, self._order_found, "look up order",
                      QT_TRANSLATE_NOOP("DisputeView", "Looking up order {order}…"), order=text)

    def _order_found(self, opened: tuple[OrderClip, SavedDispute, Path | None]) -> None:
        clip, saved, damaged = opened
        self._clip = clip
        self.return_beside.set_clip(clip.record)
        self.order_edit.setText(clip.order_id)
        self.annotations.set_items(saved.annotations)
        if damaged is not None:
            name = damaged.name
            self.status.show_error(Message(
                self.tr("The saved annotations of this order could not be read"),
                self.tr("The damaged file was kept as {name}; new annotations are saved afresh.").format(name=name)))
        if not self.claim.paths:  # the dispute is taken up where it was left
            kept = [p for p in saved.all_photos() if p.path.is_file()]
            self.claim.replace([p.path for p in kept], {p.path for p in kept if p.opened_box})
            self.photo_list.show_claim(self.claim)
        if self.claim.paths:
            self.compare()
        else:
            text, args = status_texts.clip_found(clip)
            self.status.set_status(text, **args)
        self._refresh_state()

    # -- comparison results --------------------------------------------------------------------
    def _on_progress(self, stage: str, fraction: object) -> None:
        self.status.show_progress(fraction if stage == INDEXING and isinstance(fraction, float) else None)
        text, args = status_texts.working(stage, fraction)
        self.status.set_status(text, **args)

    def _compared(self, photos: list[Path], comparisons: list[Comparison]) -> None:
        self.claim.store(photos, comparisons)
        self.photo_list.show_claim(self.claim)
        self._show_current()
        self._save_annotations()  # remembers the photos with the order, annotations or not
        if self.frames.comparison is not None:
            self.comparison_finished.emit(self.frames.comparison)

    def _show_current(self) -> None:
        """Show the comparison of the photo chosen (or that it is being compared)."""
        comparison = self.claim.comparison(self.claim.current)
        if comparison is None:
            self._clear_results(working=self.claim.current is not None and self._busy)
            return
        self.annotations.photo_sha256 = comparison.photo.sha256
        self.annotations.frame_t_s = None
        self.bar.show_photo(self.claim.current, len(self.claim.paths))
        self.status.hide_notice()
        self.findings.show_findings(comparison.findings, has_ela=True)
        self.area.show_comparison(comparison)
        if self.photo_list.list.currentRow() != self.claim.paths.index(self.claim.current):
            self.photo_list.show_claim(self.claim)
        if comparison.no_match and not comparison.closing:
            self.status.show_notice(messages.no_match)
            self.area.show_no_match(messages.no_match().title)
        self.frames.show(comparison)
        self._show_summary(comparison)
        self._refresh_state()

    def _show_ela(self) -> None:
        self.area.modes.setCurrentIndex(ELA)

    def _show_summary(self, comparison: Comparison) -> None:
        clip = self._clip
        if clip is None:
            return
        text, args = status_texts.compared(clip, comparison)
        self.status.set_status(text, **args)

    def _failed(self, exc: BaseException) -> None:
        if self.frames.comparison is None:  # the lookup or the comparison failed (not a frame's alignment)
            self.claim.drop_unfinished()  # trying again is allowed
            self.area.clear()
        self.status.set_status("")
        message = messages.comparison_failed(exc)
        self.status.show_error(message)
        self._refresh_state()
        self.comparison_failed.emit(message)

    # -- evidence pack ---------------------------------------------------------------------------
    def ask_pack(self) -> None:
        """"Build evidence pack…": ask where to save it, then build it."""
        out = self.packer.ask_where(self._clip.order_id) if self._clip is not None else None
        if out is not None:
            self.build_pack(out)

    def build_pack(self, out: Path) -> bool:
        """Build the order's evidence pack into ``out`` (see :meth:`.PackBuilder.build_dispute`).

        False when there is no clip yet or a pack is being built.
        """
        if self._clip is None:
            return False
        return self.packer.build_dispute(self._clip.order_id, out, self.photos, self.comparisons,
                                         self.annotations.items, self.claim.opened_box_photos(self.claim.paths))

    # -- annotations ---------------------------------------------------------------------------------
    def _save_annotations(self) -> None:
        if self._clip is None:
            return
        order = self._clip.order_id
        photos = self.claim.saved()
        first = photos[0] if photos else SavedPhoto(None, "")
        dispute = SavedDispute(order, first.path, first.sha256, self.annotations.items, photos)
        try:
            save_dispute(dispute_file(self._services.layout, order), dispute)
        except StorageError as exc:
            self.status.show_error(Message(self.tr("Your annotations could not be saved"),
                                           self.tr("Check the storage folder and its permissions."), str(exc)))

    # -- state and texts ------------------------------------------------------------------------------
    def _new_generation(self) -> None:
        self.jobs.new_round()
        self.claim.drop_unfinished()  # whatever ran is dropped: photos it was comparing may be compared again

    def _already_compared(self) -> bool:
        """True when every photo of the claim was compared (or is being compared) with the order now typed."""
        return self.claim.all_compared_with(self.order_edit.text())

    def _clear_results(self, *, working: bool = False) -> None:
        self.frames.clear()
        self.annotations.photo_sha256 = ""
        self.annotations.frame_t_s = None
        self.status.hide_notice()
        self.findings.show_findings(None)
        if working:  # the photo is there and is being compared: say so, not "drop a photo here"
            self.area.show_working(self.tr("Comparing the photo {name} with the clip of order {order}…").format(
                name=self.claim.current.name if self.claim.current else "", order=self.order_edit.text().strip()))
        else:
            self.area.clear()
        self.bar.show_photo(self.claim.current, len(self.claim.paths))

    def _set_busy(self, busy: bool, status: str = "", args: dict | None = None) -> None:
        self._busy = busy
        if busy:
            self.status.hide_error()
            self.status.reveal_button.hide()
            self.status.show_progress(None)
            self.status.set_status(status, **(args or {}))
        elif not self.packer.busy:
            self.status.hide_progress()
        self._refresh_state()

    def _refresh_state(self) -> None:
        working = self._busy or self.packer.busy
        self.compare_button.setEnabled(not working and self.claim.current is not None
                                       and bool(self.order_edit.text().strip()) and not self._already_compared())
        self.pack_button.setEnabled(not working and self._clip is not None)
        self.open_button.setEnabled(not self.packer.busy)

    def retranslate(self) -> None:
        self.status.retranslate()
        self.thumbnails.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def camera_files(layout, clip: OrderClip) -> list[CameraFile]:
    """The clip's file, and its second camera's when it has one on disk that is still the sealed file
    (else that camera is left out of the search, said in the log)."""
    body = clip.entry.body if clip.entry is not None else {}
    files = [CameraFile(body.get("camera") or "cam0", clip.path, clip.start)]
    try:
        second = second_camera_file(layout, body)
    except EvidenceError as exc:
        log.warning("the dispute search leaves out the second camera: %s", exc)
        return files
    if second is not None:
        files.append(CameraFile(second.camera, second.path, second.start, second.sha256))
    return files
