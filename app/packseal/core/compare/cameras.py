"""Comparing refund photos with every camera's file of a clip, and keeping the best camera's answer.

A clip of two cameras has one file per camera (FORMAT.md §6.2): the second
camera may be the one that saw the item the buyer photographed. Each file is
compared on its own (:func:`.session.compare_photos`, each with its own frame
index); for each photo the comparison whose best frame scores highest is the
one shown, and it says which camera that is and every camera's best score.
With equal scores (or no match in either) the first camera's stands.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from packseal.core.compare.photo import Photo, load_photo
from packseal.core.compare.photo_codes import OrderOfCode
from packseal.core.compare.session import Comparison, Progress, compare_photos


@dataclass(frozen=True)
class CameraFile:
    """One camera's file of a clip: its camera, path, first frame's capture time and (checked) hash."""

    camera: str
    path: Path
    start_utc: datetime
    sha256: str | None = None


def best_score(comparison: Comparison) -> float:
    """The score of the photo's best frame in this comparison (0 without a match)."""
    return comparison.matches[0].score if comparison.matches else 0.0


def compare_on_cameras(files: Sequence[CameraFile], photos: Sequence[Path | str | Photo], *,
                       end_utc: datetime | None = None, order_id: str | None = None,
                       progress: Progress | None = None, opened_box: Collection[Path | str | Photo] = (),
                       order_of_code: OrderOfCode | None = None) -> list[Comparison]:
    """Compare each photo with every camera's file; one :class:`Comparison` per photo, in order: the
    best-scoring camera's, its ``camera`` and ``camera_scores`` filled in.

    ``end_utc`` is the order's end (the shipment time), the same for every camera.
    """
    if not files:
        raise ValueError("no camera file to compare with")
    read = [p if isinstance(p, Photo) else load_photo(p) for p in photos]  # a bad photo fails first
    box_ids = {id(b) for b in opened_box if isinstance(b, Photo)}
    box_paths = {str(b) for b in opened_box if not isinstance(b, Photo)}
    boxes = [r for r, given in zip(read, photos)
             if id(given) in box_ids or (not isinstance(given, Photo) and str(given) in box_paths)]
    per_camera = [compare_photos(f.path, read, start_utc=f.start_utc, end_utc=end_utc, clip_sha256=f.sha256,
                                 order_id=order_id, progress=progress, opened_box=boxes,
                                 order_of_code=order_of_code)
                  for f in files]
    chosen = []
    for n in range(len(read)):
        options = [(cams[n], f.camera) for cams, f in zip(per_camera, files)]
        scores = {camera: round(best_score(c), 3) for c, camera in options}
        best, camera = max(options, key=lambda o: best_score(o[0]))  # max keeps the first of equals
        chosen.append(replace(best, camera=camera, camera_scores=scores))
    return chosen
