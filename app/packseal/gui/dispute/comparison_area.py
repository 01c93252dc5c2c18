"""The dispute view's main area: the drop hint until a photo is compared, then the four ways to look.

While a comparison runs the area says so (never the drop hint: the photo is
already there).

Side by side (with the annotation tools), aligned overlay, differences
(heatmap) and error levels (ELA) are tabs; overlay and differences are
only open when a frame matches. This module only displays what a
comparison found; the view decides what to show.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSizeF, Qt
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from packseal.core.compare.alignment import AlignedFrame
from packseal.core.compare.session import Comparison
from packseal.gui.dispute.annotation_panel import AnnotationBar
from packseal.gui.dispute.annotations import Annotations
from packseal.gui.image_canvas import ImageCanvas
from packseal.gui.dispute.compare_canvas import SideBySide
from packseal.gui.dispute.heatmap_view import HeatmapView
from packseal.gui.dispute.overlay_view import OverlayView
from packseal.gui.dispute.photo_drop import DropHint
from packseal.gui.qimage import bgr_to_qimage, bgra_to_qimage

SIDE_BY_SIDE, OVERLAY, HEATMAP, ELA = range(4)


def _page(parent: QWidget, *widgets: QWidget) -> QWidget:
    page = QWidget(parent)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    for n, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if n == len(widgets) - 1 else 0)
    return page


class ComparisonArea(QStackedWidget):
    """Drop hint, or the tabs of one comparison; see the module docstring."""

    def __init__(self, annotations: Annotations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.annotation_bar = AnnotationBar(annotations, self)
        self.side_by_side = SideBySide(annotations, self)
        for canvas in (self.side_by_side.photo, self.side_by_side.frame):  # Delete removes the chosen annotation
            delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), canvas)
            delete.setContext(Qt.ShortcutContext.WidgetShortcut)
            delete.activated.connect(annotations.remove_selected)
        self.overlay = OverlayView(self)
        self.heatmap = HeatmapView(self)
        self.ela_caption = QLabel(self)
        self.ela_caption.setWordWrap(True)
        self.ela_canvas = ImageCanvas(self)
        self.ela_canvas.setObjectName("disputeElaCanvas")
        self.modes = QTabWidget(self)
        self.modes.setDocumentMode(True)
        for page in (_page(self, self.annotation_bar, self.side_by_side), self.overlay, self.heatmap,
                     _page(self, self.ela_caption, self.ela_canvas)):
            self.modes.addTab(page, "")
        self.drop_hint = DropHint(self)
        self.working = QLabel(self)
        self.working.setObjectName("disputeWorking")
        self.working.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.working.setWordWrap(True)
        self.addWidget(self.drop_hint)
        self.addWidget(self.modes)
        self.addWidget(self.working)
        self._comparison: Comparison | None = None
        self._aligned: AlignedFrame | None = None
        self._photo: QImage | None = None
        self.retranslate()

    # -- showing ------------------------------------------------------------------------------
    def show_comparison(self, comparison: Comparison) -> None:
        """The photo, its error levels and the tabs a comparison opens; frames follow with :meth:`show_aligned`."""
        self._comparison, self._aligned = comparison, None
        photo = comparison.photo
        self._photo = bgr_to_qimage(photo.image)
        self.side_by_side.set_photo(self._photo, photo.size)
        self.ela_canvas.set_picture(bgr_to_qimage(comparison.screen_ela), QSizeF(*photo.size))
        matched = not comparison.no_match
        for mode in (OVERLAY, HEATMAP):
            self.modes.setTabEnabled(mode, matched)
        if not matched and self.modes.currentIndex() in (OVERLAY, HEATMAP):
            self.modes.setCurrentIndex(SIDE_BY_SIDE)
        self.annotation_bar.setEnabled(True)
        self.setCurrentWidget(self.modes)
        self._captions()

    def show_aligned(self, aligned: AlignedFrame) -> None:
        """The matched frame ``aligned`` beside, over and against the photo."""
        comparison = self._comparison
        if comparison is None or self._photo is None:
            return
        self._aligned = aligned
        scene = QSizeF(*comparison.photo.size)
        self.side_by_side.set_frame(bgr_to_qimage(aligned.frame), aligned.match.homography, aligned.outline)
        self.overlay.set_layers(self._photo, scene, bgra_to_qimage(aligned.warped, aligned.covered), "")
        self.heatmap.show_difference(bgr_to_qimage(aligned.heat), scene, aligned.difference.regions, "")
        self._captions()

    def show_unaligned(self, frame, t_s: float, captured_at) -> None:
        """A clip frame beside the photo without aligning it (the opened box against the frames before closing)."""
        if self._comparison is None:
            return
        self._aligned = None
        self.side_by_side.set_frame(bgr_to_qimage(frame), None, None)
        note = self.tr("Not aligned: the photo of the opened box is set beside the frames before closing")
        self.overlay.clear(note)
        self.heatmap.clear(note)
        for mode in (OVERLAY, HEATMAP):
            self.modes.setTabEnabled(mode, False)
        if self.modes.currentIndex() in (OVERLAY, HEATMAP):
            self.modes.setCurrentIndex(SIDE_BY_SIDE)
        self._captions()
        when = captured_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        self.side_by_side.frame_caption.setText(self.tr("Before the box was closed: frame at {t} s · captured "
                                                        "{when}").format(t=f"{t_s:.1f}", when=when))

    def show_no_match(self, text: str) -> None:
        """Nothing in the clip matches: the photo alone, ``text`` where the frame would be."""
        self._aligned = None
        self.side_by_side.set_frame(None, None, None, text)
        self.overlay.clear(text)
        self.heatmap.clear(text)
        self._captions()

    def show_working(self, text: str) -> None:
        """Nothing to show yet because a comparison runs: ``text`` says what is being done."""
        self.clear()
        self.working.setText(text)
        self.setCurrentWidget(self.working)

    def clear(self) -> None:
        """Back to the drop hint."""
        self._comparison = self._aligned = self._photo = None
        self.overlay.clear("")
        self.heatmap.clear("")
        self.ela_canvas.set_message("")
        self.side_by_side.photo.set_message("")
        self.side_by_side.set_frame(None, None, None, "")
        self.annotation_bar.setEnabled(False)
        self._captions()
        self.setCurrentWidget(self.drop_hint)

    # -- texts ----------------------------------------------------------------------------------
    def _captions(self) -> None:
        comparison, aligned = self._comparison, self._aligned
        photo_caption = frame_caption = overlay_caption = heat_caption = legend = ""
        if comparison is not None:
            w, h = comparison.photo.size
            photo_caption = self.tr("Refund photo · {w}×{h}").format(w=w, h=h)
        if aligned is not None:
            match = aligned.match
            t = f"{match.t_s:.1f}"
            when = match.captured_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            frame_caption = self.tr("Clip frame at {t} s · captured {when}").format(t=t, when=when)
            overlay_caption = self.tr("The frame at {t} s ({when}) aligned onto the photo").format(t=t, when=when)
            heat_caption = self.tr("Where the photo differs from the frame at {t} s, on the item only").format(t=t)
            if self.side_by_side.frame.outline is not None:
                legend = self.tr("Green outline on the frame: the part of the frame that shows what the photo "
                                 "shows (the item found in the clip).")
        self.side_by_side.legend.setText(legend)
        self.side_by_side.legend.setVisible(bool(legend))
        self.side_by_side.frame.setToolTip(legend)
        self.side_by_side.photo_caption.setText(photo_caption)
        self.side_by_side.frame_caption.setText(frame_caption)
        self.overlay.caption.setText(overlay_caption)
        self.heatmap.caption.setText(heat_caption)

    def retranslate(self) -> None:
        for index, name in ((SIDE_BY_SIDE, self.tr("Side by side")), (OVERLAY, self.tr("Aligned overlay")),
                            (HEATMAP, self.tr("Differences")), (ELA, self.tr("Error levels (ELA)"))):
            self.modes.setTabText(index, name)
        self.ela_caption.setText(self.tr(
            "Error level analysis: the photo re-saved as JPEG and compared with itself. Parts pasted in or "
            "retouched after the last save often stand out brighter or darker than the rest; uniform noise is "
            "normal and smooth areas always look dark. Only a person can read this picture."))
        self._captions()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
