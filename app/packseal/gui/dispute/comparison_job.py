"""The dispute view's background work: find the order's clip, compare the photo, align a chosen frame.

Everything here runs on a TaskRunner worker and holds no Qt: it composes the
core's comparison steps (``load_photo``, ``ensure_index``, ``rank_frames``,
``decode_frame``, ``compare_with_frame``, ``inspect_photo``) the way
:func:`packseal.core.compare.comparison.compare_photo` does, but keeps what
the view needs and ``compare_photo`` throws away: the decoded photo, the
frame index (for thumbnails), and the aligned frame with its difference map,
so that choosing another thumbnail only aligns that one frame.

Pictures are prepared at the photo's display size (the upright photo as
decoded, long side at most 2048 px); coordinates given to and taken from
the view are in full-size photo pixels (the system of the regions) and in
clip-frame pixels.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import cv2
import numpy as np

from packseal.core.catalog import Catalog, ClipRecord
from packseal.core.compare.comparison import ComparisonResult
from packseal.core.compare.difference import Difference, compare_with_frame
from packseal.core.compare.frame_index import FrameIndex, decode_frame, ensure_index, index_path_for
from packseal.core.compare.inspection import Inspection, inspect_photo
from packseal.core.compare.matcher import FrameMatch, rank_frames
from packseal.core.compare.photo import Photo, load_photo
from packseal.core.errors import BadInputError
from packseal.core.storage.layout import DataLayout

log = logging.getLogger(__name__)

#: What the comparison is doing, for the view's status line: ``(stage, fraction or None)``.
Progress = Callable[[str, float | None], None]
INDEXING = "indexing"
COMPARING = "comparing"

UNKNOWN_ORDER = "unknown-order"
CLIP_DELETED = "clip-deleted"
CLIP_MISSING = "clip-missing"
#: Long side of pictures prepared for the screen only.
SCREEN_SIDE = 2048


class OrderClipError(BadInputError):
    """The order has no clip to compare with; ``reason`` is one of the module's reason constants."""

    def __init__(self, reason: str, order_id: str, message: str, *, path: Path | None = None,
                 deleted_reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.order_id = order_id
        self.path = path
        self.deleted_reason = deleted_reason


@dataclass(frozen=True)
class OrderClip:
    """The clip a dispute compares with: its catalog record and its file."""

    record: ClipRecord
    path: Path


def find_order_clip(catalog: Catalog, layout: DataLayout, order_id: str) -> OrderClip:
    """The order's newest clip that still has a file (as ``packseal compare`` chooses it).

    A typed order number may differ from the scanned one in case only.
    Raises :class:`OrderClipError` when there is no clip, it was deleted, or
    its file is missing.
    """
    wanted = order_id.strip()
    if not wanted:
        raise OrderClipError(UNKNOWN_ORDER, order_id, "no order number was given")
    record = catalog.newest_clip(wanted)
    if record is None:
        raise OrderClipError(UNKNOWN_ORDER, wanted, f"no clip of order {wanted!r} is in the catalog")
    if record.deleted or not record.file:
        raise OrderClipError(CLIP_DELETED, record.order_id, f"the clip of order {record.order_id} was deleted",
                             deleted_reason=record.deleted_reason)
    path = layout.absolute(record.file)
    if not path.is_file():
        raise OrderClipError(CLIP_MISSING, record.order_id,
                             f"the clip of order {record.order_id} is missing: {path} does not exist", path=path)
    return OrderClip(record, path)


@dataclass(frozen=True)
class AlignedFrame:
    """One matched frame aligned to the photo, ready to show.

    ``frame`` is the decoded clip frame (BGR, full size) and ``outline`` the
    matched area of the item in it (polygon, frame pixels). ``warped`` is
    that frame warped onto the photo's display picture and ``covered`` where
    it reaches (bool); ``heat`` is the difference heatmap over the display
    picture (BGR). ``difference.regions`` are in full-size photo pixels.
    """

    match: FrameMatch
    frame: np.ndarray
    outline: np.ndarray
    warped: np.ndarray
    covered: np.ndarray
    heat: np.ndarray
    difference: Difference


@dataclass(frozen=True)
class DisputeComparison:
    """Everything one comparison found; ``result`` is what ``packseal compare`` reports."""

    clip: OrderClip
    photo: Photo
    index: FrameIndex
    result: ComparisonResult
    item_points: np.ndarray
    best: AlignedFrame | None
    ela: np.ndarray          # the error-level-analysis picture, shrunk for the screen
    indexed_now: bool       # the clip had no usable index and one was built for this comparison
    sealed_sha_differs: bool  # the file is not the one the catalog recorded as sealed

    @property
    def matches(self) -> list[FrameMatch]:
        return self.result.matches

    @property
    def no_match(self) -> bool:
        return self.result.no_match

    def thumbnail(self, match: FrameMatch) -> np.ndarray:
        """The small picture of ``match``'s frame, from the index (no video decoding)."""
        return self.index.thumbnail(match.index)


def run_comparison(clip: OrderClip, photo_path: Path | str, *,
                   progress: Progress | None = None) -> DisputeComparison:
    """Compare the refund photo at ``photo_path`` with ``clip``.

    The photo is read first, so a bad photo fails before any video work. The
    clip's frame index is built when missing (``progress(INDEXING, f)``),
    then the frames are ranked, the best one aligned, and the photo's
    metadata inspected. Raises :class:`BadInputError` for a photo that
    cannot be read and :class:`StorageError` when the clip cannot be decoded.
    """
    report = progress or (lambda stage, fraction: None)
    photo = load_photo(photo_path)
    record = clip.record
    had_index = index_path_for(clip.path).exists()
    built: list[bool] = []

    def indexing(fraction: float) -> None:
        built.append(True)
        report(INDEXING, fraction)

    index = ensure_index(clip.path, start_utc=record.start, progress=indexing)
    report(COMPARING, None)
    ranking = rank_frames(index, photo)
    item_points = (np.vstack([m.photo_points for m in ranking.matches]) if ranking.matches
                   else np.zeros((0, 2), np.float32))
    best = align_frame(clip.path, photo, index, ranking.best, item_points) if ranking.best else None
    inspection = _inspect(photo, record, index)
    images = {"ela": inspection.ela}
    result = ComparisonResult(
        order_id=record.order_id, clip_path=clip.path, clip_sha256=index.clip_sha256,
        photo_sha256=photo.sha256, matches=ranking.matches,
        regions=best.difference.regions if best else [], findings=inspection.findings, images=images)
    differs = bool(record.sha256) and record.sha256 != index.clip_sha256
    if differs:
        log.warning("%s is not the file that was sealed (sha256 differs from the catalog)", clip.path)
    return DisputeComparison(clip=clip, photo=photo, index=index, result=result, item_points=item_points,
                             best=best, ela=_shrink(inspection.ela, SCREEN_SIDE),
                             indexed_now=bool(built) or not had_index, sealed_sha_differs=differs)


def _shrink(image: np.ndarray, long_side: int) -> np.ndarray:
    h, w = image.shape[:2]
    s = long_side / max(h, w)
    if s >= 1.0:
        return image
    return cv2.resize(image, (max(1, round(w * s)), max(1, round(h * s))), interpolation=cv2.INTER_AREA)


def _inspect(photo: Photo, record: ClipRecord, index: FrameIndex) -> Inspection:
    shipment = record.end
    if shipment is None and len(index):  # a clip without an end time: the last indexed frame
        shipment = record.start + timedelta(seconds=float(index.t_s[-1]))
    return inspect_photo(photo, packed_at=record.start, shipment_time=shipment)


def align_frame(clip_path: Path, photo: Photo, index: FrameIndex, match: FrameMatch,
                item_points: np.ndarray | None = None) -> AlignedFrame:
    """Decode ``match``'s frame, align it to the photo and map the differences.

    ``item_points`` outline the item in photo pixels (all matches' inliers
    together, as the core's comparison uses them); by default the match's own.
    """
    frame = decode_frame(clip_path, index, match.index)
    points = item_points if item_points is not None and len(item_points) >= 3 else None
    difference = compare_with_frame(photo.image, photo.size, frame, match, points)
    display = photo.image
    size = (display.shape[1], display.shape[0])
    to_display = np.diag([photo.scale, photo.scale, 1.0]) @ match.homography
    warped = cv2.warpPerspective(frame, to_display, size, flags=cv2.INTER_LINEAR)
    covered = cv2.warpPerspective(np.full(frame.shape[:2], 255, np.uint8), to_display, size,
                                  flags=cv2.INTER_NEAREST) > 0
    hull = cv2.convexHull(match.photo_points.astype(np.float32)).reshape(1, -1, 2)
    outline = cv2.perspectiveTransform(hull, np.linalg.inv(match.homography))[0]
    return AlignedFrame(match=match, frame=frame, outline=outline, warped=warped, covered=covered,
                        heat=heat_picture(display, difference), difference=difference)


def heat_picture(display: np.ndarray, difference: Difference) -> np.ndarray:
    """The difference as colour over the photo's display picture (BGR): the item in colour, the rest dimmed.

    Blue is no difference, red twice the threshold above which a pixel
    counts; outside the item (where differences do not count) the photo is
    shown grey and dark. Region boxes are drawn by the view, not here.
    """
    size = (display.shape[1], display.shape[0])
    top = max(difference.threshold * 2.0, 1.0)
    level = np.clip(difference.delta_e / top, 0, 1).astype(np.float32)
    level = cv2.resize(level, size, interpolation=cv2.INTER_LINEAR)
    item = cv2.resize(difference.item_mask, size, interpolation=cv2.INTER_NEAREST) > 0
    colour = cv2.applyColorMap((level * 255).astype(np.uint8), cv2.COLORMAP_JET)
    grey = cv2.cvtColor(cv2.cvtColor(display, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    out = (grey * 0.55).astype(np.uint8)
    blend = cv2.addWeighted(display, 0.45, colour, 0.55, 0)
    out[item] = blend[item]
    return out
