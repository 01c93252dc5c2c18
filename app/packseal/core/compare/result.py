"""The outcome of a comparison as ``packseal compare`` prints it and an evidence pack stores it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from packseal.core.compare.difference import Region
from packseal.core.compare.inspection import Finding
from packseal.core.compare.matcher import FrameMatch
from packseal.core.compare.photo_codes import PhotoCode
from packseal.core.errors import StorageError

#: Names of the pictures, also their file names (``<name>.png``) in ``out_dir``
#: (``before_closing`` only for a photo of the opened box).
IMAGE_NAMES = ("side_by_side", "overlay", "heatmap", "before_closing", "ela")


@dataclass
class ComparisonResult:
    """The outcome of one comparison.

    ``matches`` best first (empty when ``no_match``), ``regions`` where the
    photo differs from the best frame, best first, ``findings`` about the
    photo's metadata, its waybills, the frames before closing and the
    regions in plain words, most severe first. ``images`` holds BGR pictures
    by name (see :data:`IMAGE_NAMES`; without a match only ``ela``).
    ``kind`` is what the photo shows (item, parcel, opened_box), ``codes``
    the barcodes read in it, ``closing`` the frames an opened-box photo is
    set beside (``{t_s, captured_at}``).
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
    photo_path: Path | None = None
    kind: str = "item"
    codes: list[PhotoCode] = field(default_factory=list)
    closing: list[dict] = field(default_factory=list)

    @property
    def no_match(self) -> bool:
        return not self.matches

    def to_json(self) -> dict:
        """``{order_id, clip{path, sha256}, matches, regions, findings, no_match, kind, codes, closing_frames}``."""
        return {
            "order_id": self.order_id,
            "clip": {"path": str(self.clip_path), "sha256": self.clip_sha256},
            **self.photo_json(),
        }

    def photo_json(self) -> dict:
        """What this photo's comparison found: ``{matches, regions, findings, no_match, kind, codes, closing_frames}``."""
        return {
            "matches": [m.to_json() for m in self.matches],
            "regions": [r.to_json() for r in self.regions],
            "findings": [f.to_json() for f in self.findings],
            "no_match": self.no_match,
            "kind": self.kind,
            "codes": [c.to_json() for c in self.codes],
            "closing_frames": list(self.closing),
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
