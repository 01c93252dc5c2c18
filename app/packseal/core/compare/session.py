"""One comparison of a refund photo with an order's clip: what the CLI, the dispute view and packs share.

:func:`compare` reads the photo (first, so a bad photo fails before any
video work), loads or builds the clip's frame index, ranks the frames,
aligns the best one to the photo, and inspects the photo's metadata. The
:class:`Comparison` keeps what a person goes on working with: the decoded
photo, the index (for thumbnails) and the aligned best frame, so that
choosing another frame aligns only that one
(:meth:`Comparison.align`). :meth:`Comparison.result` reduces it to the
:class:`ComparisonResult` that ``packseal compare`` prints and a pack stores.

A claim comes with several photos: :func:`compare_photos` compares each
with the same clip (its index loaded once), each with its own matches,
regions and findings. Every photo's barcodes are read: a waybill names an
order (``order_of_code``, the caller's catalog lookup), and the findings say
whether it is the order compared. A photo of the opened box
(``opened_box``) is set beside the clip's last frames before the box was
closed. The regions are also said in plain words (:mod:`.plain_words`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import cv2
import numpy as np

from packseal.core.compare.alignment import AlignedFrame, align_frame
from packseal.core.compare.result import ComparisonResult
from packseal.core.compare.difference import Region
from packseal.core.compare.frame_index import FrameIndex, decode_frames, ensure_index, index_path_for
from packseal.core.compare.inspection import SEVERITIES, Finding, inspect_photo
from packseal.core.compare.matcher import FrameMatch, MatchResult, rank_frames
from packseal.core.compare.photo import Photo, load_photo
from packseal.core.compare.photo_codes import OrderOfCode, PhotoCode, code_findings, read_photo_codes
from packseal.core.compare.pictures import before_closing, heatmap, overlay, side_by_side
from packseal.core.compare.plain_words import clock, region_findings

log = logging.getLogger(__name__)

#: What the comparison is doing: ``progress(stage, fraction or None)``.
Progress = Callable[[str, float | None], None]
INDEXING = "indexing"
COMPARING = "comparing"
#: Long side of the error-level picture prepared for a screen.
SCREEN_SIDE = 2048
#: What a photo shows, as far as the comparison knows: the item, the parcel
#: (a waybill was read in it) or the opened box (the owner said so).
ITEM, PARCEL, OPENED_BOX = "item", "parcel", "opened_box"
#: Frames shown beside an opened-box photo, and how far apart (seconds), from the clip's end back.
CLOSING_FRAMES = 3
CLOSING_GAP_S = 1.0


@dataclass(frozen=True)
class ClosingFrame:
    """One of the clip's last frames before the box was closed (``image`` decoded at full size)."""

    index: int
    t_s: float
    captured_at: datetime
    image: np.ndarray

    def to_json(self) -> dict:
        return {"t_s": round(float(self.t_s), 3),
                "captured_at": self.captured_at.isoformat(timespec="milliseconds").replace("+00:00", "Z")}


@dataclass(frozen=True)
class Comparison:
    """Everything one comparison found; see the module docstring.

    ``clip_sha256`` is the hash the frame index was checked against (the
    file's own, unless the caller vouched for it). ``shipment_time`` is the
    earliest time the buyer could have had the parcel, as the findings used
    it. ``ela`` is the error-level picture at full size, ``screen_ela`` the
    same shrunk for a screen. ``indexed_now`` says the clip had no usable
    index and one was built for this comparison. ``findings`` hold the
    photo's metadata findings, what its waybills say, the closing frames of
    an opened-box photo and the regions in plain words, most severe first.
    ``codes`` are the barcodes read in the photo, ``kind`` one of
    :data:`ITEM`, :data:`PARCEL`, :data:`OPENED_BOX`, ``closing`` the
    frames an opened-box photo is set beside (empty for other photos).
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
    codes: list[PhotoCode] = field(default_factory=list)
    kind: str = ITEM
    closing: list[ClosingFrame] = field(default_factory=list)
    #: A clip of two cameras (:mod:`.cameras`): the camera whose file this comparison used, and each
    #: camera's best score for the photo (0 where none of its frames matched); "" and {} otherwise.
    camera: str = ""
    camera_scores: dict[str, float] = field(default_factory=dict)

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
            images["heatmap"] = heatmap(self.photo.image, self.photo.size, best.difference, best.match)
        if self.closing:
            images["before_closing"] = before_closing(self.photo.image, self.photo.size,
                                                      [(c.image, c.t_s, c.captured_at) for c in self.closing])
        images["ela"] = self.ela
        return images

    def result(self) -> ComparisonResult:
        """The comparison as ``packseal compare`` reports it, with its pictures."""
        return ComparisonResult(order_id=self.order_id, clip_path=self.clip_path, clip_sha256=self.clip_sha256,
                                photo_sha256=self.photo.sha256, matches=self.matches, regions=self.regions,
                                findings=self.findings, images=self.pictures(), photo_path=self.photo.path,
                                kind=self.kind, codes=self.codes,
                                closing=[c.to_json() for c in self.closing])


def shipment_time(start_utc: datetime, end_utc: datetime | None, index: FrameIndex) -> datetime | None:
    """When the parcel left: the clip's end; without one, the end of its last indexed frame."""
    if end_utc is not None:
        return end_utc
    if not len(index):
        return None
    return start_utc + timedelta(seconds=float(index.t_s[-1]) + (1 / index.fps if index.fps else 0))


def compare(clip_path: Path | str, photo_path: Path | str | Photo, *, start_utc: datetime,
            end_utc: datetime | None = None, clip_sha256: str | None = None, order_id: str | None = None,
            progress: Progress | None = None, opened_box: bool = False,
            order_of_code: OrderOfCode | None = None) -> Comparison:
    """Compare the refund photo at ``photo_path`` (or already read) with the clip at ``clip_path``.

    ``start_utc`` is the capture time of the clip's first frame, ``end_utc``
    the end of the clip (the shipment time; see :func:`shipment_time`).
    ``clip_sha256``, when the caller has just checked it, saves hashing the
    clip. ``progress(INDEXING, fraction)`` reports building a missing
    index, then ``progress(COMPARING, None)`` the comparison itself.
    ``opened_box`` says the photo shows the opened box (it is set beside
    the clip's last frames); ``order_of_code`` looks up the order of a
    waybill read in the photo.

    Raises :class:`BadInputError` for an unreadable photo and
    :class:`StorageError` when the clip is missing or cannot be decoded.
    """
    return compare_photos(clip_path, [photo_path], start_utc=start_utc, end_utc=end_utc,
                          clip_sha256=clip_sha256, order_id=order_id, progress=progress,
                          opened_box=[photo_path] if opened_box else (), order_of_code=order_of_code)[0]


def compare_photos(clip_path: Path | str, photos: Sequence[Path | str | Photo], *, start_utc: datetime,
                   end_utc: datetime | None = None, clip_sha256: str | None = None, order_id: str | None = None,
                   progress: Progress | None = None, opened_box: Collection[Path | str | Photo] = (),
                   order_of_code: OrderOfCode | None = None) -> list[Comparison]:
    """Compare each of a claim's ``photos`` with the clip: one :class:`Comparison` per photo, in order.

    Every photo is read first, so a bad one fails before any video work; the
    clip's index is loaded (or built) once. ``opened_box`` holds the photos
    (as given in ``photos``) that show the opened box. The rest as :func:`compare`.
    """
    report = progress or (lambda stage, fraction: None)
    clip_path = Path(clip_path)
    read = [p if isinstance(p, Photo) else load_photo(p) for p in photos]
    boxes = {id(p) for p in opened_box} | {str(p) for p in opened_box if not isinstance(p, Photo)}
    had_index = index_path_for(clip_path).exists()
    built: list[bool] = []

    def indexing(fraction: float) -> None:
        built.append(True)
        report(INDEXING, fraction)

    index = ensure_index(clip_path, start_utc=start_utc, sha256=clip_sha256, progress=indexing)
    report(COMPARING, None)
    shipped = shipment_time(start_utc, end_utc, index)
    indexed_now = bool(built) or not had_index
    boxed = [id(given) in boxes or str(given) in boxes for given in photos]
    rankings = [rank_frames(index, photo) for photo in read]
    # every frame needed (each photo's best, the frames before closing) decoded in one pass over the clip
    closing = closing_indices(index) if any(boxed) else []
    needed = sorted({r.best.index for r in rankings if r.best is not None} | set(closing))
    frames = dict(zip(needed, decode_frames(clip_path, index, needed)))
    return [_compare_one(clip_path, photo, index, ranking, frames, start_utc=start_utc, shipped=shipped,
                         order_id=order_id, closing=closing if box else [], order_of_code=order_of_code,
                         indexed_now=indexed_now)
            for photo, ranking, box in zip(read, rankings, boxed)]


def _compare_one(clip_path: Path, photo: Photo, index: FrameIndex, ranking: MatchResult,
                 frames: dict[int, np.ndarray], *, start_utc: datetime, shipped: datetime | None,
                 order_id: str | None, closing: list[int], order_of_code: OrderOfCode | None,
                 indexed_now: bool) -> Comparison:
    item_points = (np.vstack([m.photo_points for m in ranking.matches]) if ranking.matches
                   else np.zeros((0, 2), np.float32))
    best = (align_frame(clip_path, photo, index, ranking.best, item_points, frames[ranking.best.index])
            if ranking.best else None)
    if best is None:
        log.info("no frame of %s matches the photo %s (best rejected score %.1f)",
                 clip_path, photo.path, ranking.best_rejected)
    inspection = inspect_photo(photo, packed_at=start_utc, shipment_time=shipped)
    codes = read_photo_codes(photo)
    before = [ClosingFrame(i, float(index.t_s[i]), index.captured_at(i), frames[i]) for i in closing]
    kind = OPENED_BOX if closing else PARCEL if any(c.waybill for c in codes) else ITEM
    # what the comparison found comes before what the metadata says, within each severity
    findings = (code_findings(codes, order_id, order_of_code) + _closing_findings(before)
                + region_findings(best.difference.regions if best else [], best.match if best else None)
                + inspection.findings)
    findings.sort(key=lambda f: SEVERITIES.index(f.severity))
    return Comparison(order_id=order_id, clip_path=clip_path, clip_sha256=index.clip_sha256,
                      start_utc=start_utc, shipment_time=shipped, photo=photo, index=index,
                      matches=ranking.matches, item_points=item_points, best=best,
                      findings=findings, ela=inspection.ela,
                      screen_ela=_shrink(inspection.ela, SCREEN_SIDE),
                      indexed_now=indexed_now, codes=codes, kind=kind, closing=before)


def closing_indices(index: FrameIndex, count: int = CLOSING_FRAMES, gap_s: float = CLOSING_GAP_S) -> list[int]:
    """The clip's last ``count`` indexed frames, ``gap_s`` apart, oldest first: the box just before closing."""
    chosen: list[int] = []
    for i in range(len(index) - 1, -1, -1):
        if len(chosen) >= count:
            break
        if not chosen or float(index.t_s[chosen[-1]]) - float(index.t_s[i]) >= gap_s - 1e-6:
            chosen.append(i)
    return chosen[::-1]


def _closing_findings(closing: list[ClosingFrame]) -> list[Finding]:
    if not closing:
        return []
    times = ", ".join(f"{c.t_s:.1f} s" for c in closing)
    first, last = clock(closing[0].captured_at), clock(closing[-1].captured_at)
    return [Finding("before_closing", "notice",
                    f"This photo shows the opened box: compare it with the clip's last frames before the box "
                    f"was closed, at {times} ({first} to {last}), which show what went in.",
                    {"frames": [c.to_json() for c in closing]},
                    {"times": times, "from": first, "to": last})]


def _shrink(image: np.ndarray, long_side: int) -> np.ndarray:
    h, w = image.shape[:2]
    s = long_side / max(h, w)
    if s >= 1.0:
        return image
    return cv2.resize(image, (max(1, round(w * s)), max(1, round(h * s))), interpolation=cv2.INTER_AREA)
