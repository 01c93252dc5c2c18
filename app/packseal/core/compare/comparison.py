"""``compare_photo``: one comparison reduced to its result, as the CLI and packs use it.

The comparison itself is :func:`packseal.core.compare.session.compare`; the
dispute view keeps its :class:`~packseal.core.compare.session.Comparison`
to go on working with it, and hands it to the pack builder.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from packseal.core.compare.result import IMAGE_NAMES, ComparisonResult
from packseal.core.compare.session import compare

__all__ = ["IMAGE_NAMES", "ComparisonResult", "compare_photo"]


def compare_photo(clip_path: Path | str, photo_path: Path | str, *, start_utc: datetime,
                  shipment_time: datetime | None = None, out_dir: Path | str | None = None,
                  order_id: str | None = None, clip_sha256: str | None = None) -> ComparisonResult:
    """Compare the refund photo at ``photo_path`` with the clip at ``clip_path``; the result with its pictures.

    ``start_utc`` is the capture time of the clip's first frame;
    ``shipment_time`` the earliest time the buyer could have had the parcel
    (default: the end of the clip's last frame). ``clip_sha256``, when known,
    saves hashing the clip. Pictures are written to ``out_dir`` as PNG when
    it is given.

    Raises :class:`BadInputError` for an unreadable photo and
    :class:`StorageError` when the clip is missing or cannot be decoded.
    """
    result = compare(clip_path, photo_path, start_utc=start_utc, end_utc=shipment_time, order_id=order_id,
                     clip_sha256=clip_sha256).result()
    if out_dir is not None:
        result.write_images(out_dir)
    return result
