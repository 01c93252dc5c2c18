"""The clip's frames beside the claim's photo: the frames that match it, or the last ones before the box was closed.

The thumbnails strip lists the best-matching frames of the comparison
shown; choosing one aligns it to the photo in the background (the best one
comes aligned with the comparison) and the last few aligned frames are kept
for quick switching. For a photo of the opened box the strip lists the
clip's last frames before closing instead, shown as they are: the photo is
another view of the box, there is nothing to align.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal

from packseal.core.compare.alignment import AlignedFrame
from packseal.core.compare.session import Comparison
from packseal.gui.dispute.annotations import Annotations
from packseal.gui.dispute.comparison_area import ComparisonArea
from packseal.gui.dispute.thumbnails import ThumbnailStrip
from packseal.gui.dispute.view_jobs import ViewJobs

#: Aligned frames kept for quick switching between thumbnails (each holds a few full-size pictures).
ALIGNED_CACHE = 3


class MatchedFrames(QObject):
    """See the module docstring. ``comparison`` is the one whose frames are shown, None when none is."""

    frame_shown = Signal(float)   # clip time of the frame now in the main area
    frame_aligned = Signal(object)  # Comparison: a frame of it was aligned (shown if it is still the one chosen)

    def __init__(self, thumbnails: ThumbnailStrip, area: ComparisonArea, annotations: Annotations, jobs: ViewJobs,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thumbnails = thumbnails
        self.area = area
        self.annotations = annotations
        self.jobs = jobs
        self.comparison: Comparison | None = None
        self._aligned: dict[int, AlignedFrame] = {}
        self.shown_rank: int | None = None   # rank (0 = best) of the matched frame in the main area
        thumbnails.match_chosen.connect(self.show_match)

    def show(self, comparison: Comparison) -> None:
        """List ``comparison``'s frames and show the best match (or the last frame before closing)."""
        self.comparison = comparison
        self._aligned = {0: comparison.best} if comparison.best is not None else {}
        self.shown_rank = None
        if comparison.closing:
            self.thumbnails.show_closing(comparison.closing, [comparison.index.thumbnail(c.index)
                                                              for c in comparison.closing])
            self.thumbnails.show()
            self._show_closing(len(comparison.closing) - 1)
        elif comparison.no_match:
            self._clear_strip()
        else:
            self.thumbnails.show_matches(comparison.matches, [comparison.thumbnail(m) for m in comparison.matches])
            self.thumbnails.show()
            self._show_aligned(0, comparison.best)

    def clear(self) -> None:
        self.comparison = None
        self._aligned = {}
        self.shown_rank = None
        self._clear_strip()

    def show_match(self, rank: int) -> None:
        """Show matched frame ``rank`` (0 = best) in the main area; aligns it in the background if needed."""
        comparison = self.comparison
        if comparison is not None and comparison.closing:
            self._show_closing(rank)
            return
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
        match = comparison.matches[rank]
        self.jobs.run(lambda: comparison.align(match), lambda aligned: self._aligned_ready(rank, aligned),
                      "align frame", QT_TRANSLATE_NOOP("DisputeView", "Aligning the frame at {t} s…"),
                      t=f"{match.t_s:.1f}")

    def show_frame_at(self, t_s: float) -> None:
        """Show the matched frame at clip time ``t_s`` (an annotation's frame), if it is one of the matches."""
        comparison = self.comparison
        if comparison is None:
            return
        for rank, match in enumerate(comparison.matches):
            if abs(match.t_s - t_s) < 0.01:
                self.show_match(rank)
                return

    def _clear_strip(self) -> None:
        self.thumbnails.clear()
        self.thumbnails.hide()

    def _show_closing(self, row: int) -> None:
        """Frame ``row`` of the last frames before closing beside the opened-box photo (not aligned: another view)."""
        comparison = self.comparison
        if comparison is None or not 0 <= row < len(comparison.closing):
            return
        frame = comparison.closing[row]
        self.shown_rank = None
        self.annotations.frame_t_s = frame.t_s
        self.area.show_unaligned(frame.image, frame.t_s, frame.captured_at)
        self.frame_shown.emit(frame.t_s)

    def _aligned_ready(self, rank: int, aligned: AlignedFrame) -> None:
        self._aligned[rank] = aligned
        while len(self._aligned) > ALIGNED_CACHE:  # forget the oldest other than the one asked for
            del self._aligned[next(r for r in self._aligned if r != rank)]
        if self.comparison is not None:
            self.frame_aligned.emit(self.comparison)
        if self.thumbnails.currentRow() == rank:
            self._show_aligned(rank, aligned)

    def _show_aligned(self, rank: int, aligned: AlignedFrame | None) -> None:
        if aligned is None or self.comparison is None:
            return
        self.shown_rank = rank
        self.annotations.frame_t_s = aligned.match.t_s
        self.area.show_aligned(aligned)
        self.frame_shown.emit(aligned.match.t_s)
