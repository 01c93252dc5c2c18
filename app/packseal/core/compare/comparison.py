"""Comparing a refund photo with an order's clip: the one call the CLI and the GUI make.

``compare_photo`` reads the photo, loads (or builds) the clip's frame index,
ranks the frames, aligns the best one to the photo and maps the differences
on the item, inspects the photo's metadata, and returns everything as one
:class:`ComparisonResult`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import cv2
import numpy as np

from packseal.core.compare.difference import Region, compare_with_frame
from packseal.core.compare.frame_index import decode_frame, ensure_index
from packseal.core.compare.inspection import Finding, inspect_photo
from packseal.core.compare.matcher import FrameMatch, rank_frames
from packseal.core.compare.photo import load_photo
from packseal.core.compare.pictures import heatmap, overlay, side_by_side
from packseal.core.errors import StorageError

log = logging.getLogger(__name__)

#: Names of the pictures, also their file names (``<name>.png``) in ``out_dir``.
IMAGE_NAMES = ("side_by_side", "overlay", "heatmap", "ela")


@dataclass
class ComparisonResult:
    """The outcome of one comparison.

    ``matches`` best first (empty when ``no_match``), ``regions`` where the
    photo differs from the best frame, best first, ``findings`` about the
    photo's metadata, most severe first. ``images`` holds BGR pictures by
    name (see :data:`IMAGE_NAMES`; without a match only ``ela``).
    """

    order_id: str | None
    clip_path: Path
    clip_sha256: str
    photo_sha256: str
    matches: list[FrameMatch]
    regions: list[Region]
    findings: list[Finding]
    images: dict[str, np.ndarray] = field(default_factory=dict)
    image_files: dict[str, Path] = field(default_factory=dict)

    @property
    def no_match(self) -> bool:
        return not self.matches

    def to_json(self) -> dict:
        """``{order_id, clip{path, sha256}, matches, regions, findings, no_match}``."""
        return {
            "order_id": self.order_id,
            "clip": {"path": str(self.clip_path), "sha256": self.clip_sha256},
            "matches": [m.to_json() for m in self.matches],
            "regions": [r.to_json() for r in self.regions],
            "findings": [f.to_json() for f in self.findings],
            "no_match": self.no_match,
        }

    def write_images(self, out_dir: Path | str) -> dict[str, Path]:
        """Write every picture as ``<out_dir>/<name>.png``; returns the paths by name."""
        out = Path(out_dir)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot create the output folder {out}: {exc}") from exc
        written = {}
        for name, image in self.images.items():
            path = out / f"{name}.png"
            ok, buf = cv2.imencode(".png", image)
            if not ok:
                raise StorageError(f"the {name} picture could not be encoded as PNG")
            try:
                path.write_bytes(buf.tobytes())
            except OSError as exc:
                raise StorageError(f"cannot write {path}: {exc}") from exc
            written[name] = path
        self.image_files = written
        return written


def compare_photo(clip_path: Path | str, photo_path: Path | str, *, start_utc: datetime,
                  shipment_time: datetime | None = None, out_dir: Path | str | None = None,
                  order_id: str | None = None, clip_sha256: str | None = None) -> ComparisonResult:
    """Compare the refund photo at ``photo_path`` with the clip at ``clip_path``.

    ``start_utc`` is the capture time of the clip's first frame;
    ``shipment_time`` the earliest time the buyer could have had the parcel
    (default: the end of the clip). ``clip_sha256``, when known (from the
    catalog), saves hashing the clip. Pictures are written to ``out_dir``
    as PNG when it is given.

    Raises :class:`BadInputError` for an unreadable photo and
    :class:`StorageError` when the clip is missing or cannot be decoded.
    """
    clip_path = Path(clip_path)
    photo = load_photo(photo_path)  # first: a bad photo should fail before any video work
    index = ensure_index(clip_path, start_utc=start_utc, sha256=clip_sha256)
    ranking = rank_frames(index, photo)
    regions: list[Region] = []
    images: dict[str, np.ndarray] = {}
    best = ranking.best
    if best is not None:
        frame = decode_frame(clip_path, index, best.index)
        # Each frame's inliers cover the parts it matched best; together they outline the item.
        item_points = np.vstack([m.photo_points for m in ranking.matches])
        diff = compare_with_frame(photo.image, photo.size, frame, best, item_points)
        regions = diff.regions
        images["side_by_side"] = side_by_side(photo.image, photo.size, frame, best)
        images["overlay"] = overlay(photo.image, photo.size, frame, best)
        images["heatmap"] = heatmap(photo.image, photo.size, diff)
    else:
        log.info("no frame of %s matches the photo %s (best rejected score %.1f)",
                 clip_path, photo_path, ranking.best_rejected)
    if shipment_time is None and len(index):
        shipment_time = start_utc + timedelta(seconds=float(index.t_s[-1]) + (1 / index.fps if index.fps else 0))
    inspection = inspect_photo(photo, packed_at=start_utc, shipment_time=shipment_time)
    images["ela"] = inspection.ela
    result = ComparisonResult(
        order_id=order_id, clip_path=clip_path, clip_sha256=index.clip_sha256, photo_sha256=photo.sha256,
        matches=ranking.matches, regions=regions, findings=inspection.findings, images=images,
    )
    if out_dir is not None:
        result.write_images(out_dir)
    return result
