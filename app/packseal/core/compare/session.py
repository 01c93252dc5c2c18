"""One comparison of a refund photo with an order's clip: what the CLI, the dispute view and packs share.

:func:`compare` reads the photo (first, so a bad photo fails before any
video work), loads or builds the clip's frame index, ranks the frames,
aligns the best one to the photo, and inspects the photo's metadata. The
:class:`Comparison` keeps what a person goes on working with: the decoded
photo, the index (for thumbnails) and the aligned best frame, so that
choosing another frame aligns only that one
(:meth:`Comparison.align`). :meth:`Comparison.result` reduces it to the
:class:`ComparisonResult` that ``packseal compare`` prints and a pack stores.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import cv2
import numpy as np

from packseal.core.compare.alignment import AlignedFrame, align_frame
from packseal.core.compare.result import ComparisonResult
from packseal.core.compare.difference import Region
from packseal.core.compare.frame_index import FrameIndex, ensure_index, index_path_for
from packseal.core.compare.inspection import Finding, inspect_photo
from packseal.core.compare.matcher import FrameMatch, rank_frames
from packseal.core.compare.photo import Photo, load_photo
from packseal.core.compare.pictures import heatmap, overlay, side_by_side

log = logging.getLogger(__name__)

#: What the comparison is doing: ``progress(stage, fraction or None)``.
Progress = Callable[[str, float | None], None]
INDEXING = "indexing"
COMPARING = "comparing"
#: Long side of the error-level picture prepared for a screen.
SCREEN_SIDE = 2048


@dataclass(frozen=True)
class Comparison:
    """Everything one comparison found; see the module docstring.

    ``clip_sha256`` is the hash the frame index was checked against (the
    file's own, unless the caller vouched for it). ``shipment_time`` is the
    earliest time the buyer could have had the parcel, as the findings used
    it. ``ela`` is the error-level picture at full size, ``screen_ela`` the
    same shrunk for a screen. ``indexed_now`` says the clip had no usable
    index and one was built for this comparison.
    """

    order_id: str | None
    clip_path: Path
    clip_sha256: str
    start_utc: datetime
    shipment_time: datetime | None
    photo: Photo
    index: FrameIndex
    matches: list[FrameMatch]
    item_points: np.ndarray
    best: AlignedFrame | None
    findings: list[Finding]
    ela: np.ndarray
    screen_ela: np.ndarray
    indexed_now: bool

    @property
    def no_match(self) -> bool:
        return not self.matches

    @property
    def regions(self) -> list[Region]:
        """Where the photo differs from the best frame, best first (full-size photo pixels)."""
        return self.best.difference.regions if self.best is not None else []

    def thumbnail(self, match: FrameMatch) -> np.ndarray:
        """The small picture of ``match``'s frame, from the index (no video decoding)."""
        return self.index.thumbnail(match.index)

    def align(self, match: FrameMatch) -> AlignedFrame:
        """``match``'s frame aligned to the photo (decodes that one frame)."""
        if self.best is not None and match is self.best.match:
            return self.best
        return align_frame(self.clip_path, self.photo, self.index, match, self.item_points)

    def pictures(self) -> dict[str, np.ndarray]:
        """The pictures a reviewer looks at, by name (see ``IMAGE_NAMES``); without a match only ``ela``."""
        images: dict[str, np.ndarray] = {}
        best = self.best
        if best is not None:
            images["side_by_side"] = side_by_side(self.photo.image, self.photo.size, best.frame, best.match)
            images["overlay"] = overlay(self.photo.image, self.photo.size, best.frame, best.match)
            images["heatmap"] = heatmap(self.photo.image, self.photo.size, best.difference)
        images["ela"] = self.ela
        return images

    def result(self) -> ComparisonResult:
        """The comparison as ``packseal compare`` reports it, with its pictures."""
        return ComparisonResult(order_id=self.order_id, clip_path=self.clip_path, clip_sha256=self.clip_sha256,
                                photo_sha256=self.photo.sha256, matches=self.matches, regions=self.regions,
                                findings=self.findings, images=self.pictures())


def shipment_time(start_utc: datetime, end_utc: datetime | None, index: FrameIndex) -> datetime | None:
    """When the parcel left: the clip's end; without one, the end of its last indexed frame."""
    if end_utc is not None:
        return end_utc
    if not len(index):
        return None
    return start_utc + timedelta(seconds=float(index.t_s[-1]) + (1 / index.fps if index.fps else 0))


def compare(clip_path: Path | str, photo_path: Path | str, *, start_utc: datetime,
            end_utc: datetime | None = None, clip_sha256: str | None = None, order_id: str | None = None,
            progress: Progress | None = None) -> Comparison:
    """Compare the refund photo at ``photo_path`` with the clip at ``clip_path``.

    ``start_utc`` is the capture time of the clip's first frame, ``end_utc``
    the end of the clip (the shipment time; see :func:`shipment_time`).
    ``clip_sha256``, when the caller has just checked it, saves hashing the
    clip. ``progress(INDEXING, fraction)`` reports building a missing
    index, then ``progress(COMPARING, None)`` the comparison itself.

    Raises :class:`BadInputError` for an unreadable photo and
    :class:`StorageError` when the clip is missing or cannot be decoded.
    """
    report = progress or (lambda stage, fraction: None)
    clip_path = Path(clip_path)
    photo = load_photo(photo_path)
    had_index = index_path_for(clip_path).exists()
    built: list[bool] = []

    def indexing(fraction: float) -> None:
        built.append(True)
        report(INDEXING, fraction)

    index = ensure_index(clip_path, start_utc=start_utc, sha256=clip_sha256, progress=indexing)
    report(COMPARING, None)
    ranking = rank_frames(index, photo)
    item_points = (np.vstack([m.photo_points for m in ranking.matches]) if ranking.matches
                   else np.zeros((0, 2), np.float32))
    best = align_frame(clip_path, photo, index, ranking.best, item_points) if ranking.best else None
    if best is None:
        log.info("no frame of %s matches the photo %s (best rejected score %.1f)",
                 clip_path, photo_path, ranking.best_rejected)
    shipped = shipment_time(start_utc, end_utc, index)
    inspection = inspect_photo(photo, packed_at=start_utc, shipment_time=shipped)
    return Comparison(order_id=order_id, clip_path=clip_path, clip_sha256=index.clip_sha256,
                      start_utc=start_utc, shipment_time=shipped, photo=photo, index=index,
                      matches=ranking.matches, item_points=item_points, best=best,
                      findings=inspection.findings, ela=inspection.ela,
                      screen_ela=_shrink(inspection.ela, SCREEN_SIDE),
                      indexed_now=bool(built) or not had_index)


def _shrink(image: np.ndarray, long_side: int) -> np.ndarray:
    h, w = image.shape[:2]
    s = long_side / max(h, w)
    if s >= 1.0:
        return image
    return cv2.resize(image, (max(1, round(w * s)), max(1, round(h * s))), interpolation=cv2.INTER_AREA)
