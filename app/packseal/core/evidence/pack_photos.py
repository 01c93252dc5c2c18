"""The refund photos' part of an evidence pack.

Each photo goes into the pack byte for byte, with its comparison with the
sealed clip: the comparison pictures as PNG, the owner's annotations drawn
on the photo, and the findings in ``comparison.json``; ``photos/photos.json``
lists every photo's original name, SHA-256 and size. A comparison the
dispute view already made is used only when it was made of the very photo
and the sealed clip the pack holds.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Callable

from packseal.core.compare.photo import load_photo
from packseal.core.compare.photo_codes import OrderOfCode
from packseal.core.compare.result import ComparisonResult
from packseal.core.compare.session import Comparison, compare
from packseal.core.evidence import pack_format as F
from packseal.core.evidence.annotations import PackAnnotation, draw_annotations
from packseal.core.evidence.pack_files import png_bytes, photo_suffix, report_jpeg
from packseal.core.evidence.report_data import ReportPhoto
from packseal.core.evidence.source_clip import SourceClip

log = logging.getLogger(__name__)


class PhotoParts:
    """Stages the refund photos and their comparisons through ``put``; keeps what the report and result say.

    ``warnings`` is the pack's list of warnings (a photo no frame matches adds one);
    ``order_of_code`` looks up the waybills read in the photos.
    """

    def __init__(self, src: SourceClip, clip_member: str, annotations: list[PackAnnotation],
                 put: Callable[[str, bytes], None], warnings: list[str],
                 order_of_code: OrderOfCode | None) -> None:
        self.src = src
        self.clip_member = clip_member
        self.annotations = annotations
        self.put = put
        self.warnings = warnings
        self.order_of_code = order_of_code
        self.summaries: list[dict[str, Any]] = []
        self.report_photos: list[ReportPhoto] = []
        self.comparisons: list[ComparisonResult] = []
        self.index: list[dict[str, Any]] = []

    def _comparison(self, photo_path: Path, done: Comparison | None, opened_box: bool,
                    part: Callable[[float], None]) -> Comparison:
        """``done`` when it compared this photo, as asked, with this sealed clip, else a new comparison."""
        if done is not None:
            photo = load_photo(photo_path)
            if (done.photo.sha256 == photo.sha256 and done.clip_sha256 == self.src.sha256
                    and done.start_utc == self.src.start and done.shipment_time == self.src.end
                    and bool(done.closing) == opened_box):
                return done
            log.info("comparing %s again: the comparison handed over was not made of this photo and "
                     "the sealed clip", photo_path.name)
        part(0.05)
        return compare(self.src.path, photo_path, start_utc=self.src.start, end_utc=self.src.end,
                       order_id=self.src.order_id, clip_sha256=self.src.sha256, opened_box=opened_box,
                       order_of_code=self.order_of_code)

    def add(self, n: int, photo_path: Path, done: Comparison | None, opened_box: bool,
                  part: Callable[[float], None]) -> None:
        comparison = self._comparison(photo_path, done, opened_box, part)
        result = comparison.result()
        part(0.85)
        photo = comparison.photo
        data = photo.data
        member = f"{F.PHOTOS_DIR}/photo-{n}{photo_suffix(photo_path)}"
        self.put(member, data)
        folder = f"{F.COMPARISON_DIR}/photo-{n}"
        pictures: dict[str, bytes] = {}
        for name, image in result.images.items():
            self.put(f"{folder}/{name}.png", png_bytes(image))
            if name != "ela":
                pictures[name] = report_jpeg(image, 1600 if name in ("side_by_side", "before_closing") else 1000)
        on_photo = [a for a in self.annotations if a.photo == n]
        if on_photo:
            annotated = draw_annotations(photo.image, photo.scale, on_photo)
            self.put(f"{folder}/annotated.png", png_bytes(annotated))
            pictures["annotated"] = report_jpeg(annotated, 1200)
        summary = result.to_json()
        summary["clip"] = {"path": self.clip_member, "sha256": result.clip_sha256}
        summary["photo"] = {"path": member, "original_name": photo_path.name, "sha256": photo.sha256,
                            "bytes": len(data), "size": list(photo.size)}
        self.index.append({"file": member, "original_name": photo_path.name, "sha256": photo.sha256,
                                 "bytes": len(data)})
        summary["annotations"] = [a.to_json() for a in on_photo]
        summary["pictures"] = sorted(f"{folder}/{name}.png" for name in
                                     list(result.images) + (["annotated"] if on_photo else []))
        self.put(f"{folder}/comparison.json",
                 json.dumps(summary, indent=2, ensure_ascii=False).encode("utf-8"))
        if result.no_match:
            self.warnings.append(f"refund photo {n} ({photo_path.name}): no frame of the clip shows "
                                 "what it shows")
        self.comparisons.append(result)
        self.summaries.append({"number": n, "name": photo_path.name, "sha256": photo.sha256,
                               "kind": result.kind, "waybills": [c.text for c in result.codes if c.waybill],
                               "no_match": result.no_match, "matches": len(result.matches),
                               "regions": len(result.regions),
                               "findings": [f.code for f in result.findings]})
        self.report_photos.append(ReportPhoto(
            number=n, name=photo_path.name, sha256=photo.sha256, bytes=len(data),
            picture=report_jpeg(photo.image, 1200), side_by_side=pictures.get("side_by_side"),
            overlay=pictures.get("overlay"), heatmap=pictures.get("heatmap"),
            annotated=pictures.get("annotated"),
            matches=[(m.t_s, m.captured_at, m.score) for m in result.matches],
            regions=len(result.regions),
            findings=[(f.code, f.severity, f.message) for f in result.findings],
            finding_params=[dict(f.params) for f in result.findings],
            kind=result.kind, waybills=[c.text for c in result.codes if c.waybill],
            before_closing=pictures.get("before_closing"),
            match_rows=[(m.t_s, m.score, m.inliers) for m in result.matches],
            region_rows=[(r.x, r.y, r.w, r.h, r.delta_e, r.score) for r in result.regions],
            size=photo.size, folder=folder))
        part(1.0)

    def add_index(self) -> None:
        """``photos/photos.json``: each refund photo's original name, SHA-256 and size."""
        if self.index:
            self.put(F.PHOTOS_INDEX, json.dumps({"photos": self.index}, indent=2,
                                                ensure_ascii=False).encode("utf-8"))
