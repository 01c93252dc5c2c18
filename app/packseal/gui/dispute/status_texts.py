"""What the dispute view's status line says about the order, its clip and the comparison.

Each function gives the English source text (marked for lupdate in the
``DisputeView`` context) and its ``{placeholders}``' values, as
:meth:`.status_area.StatusArea.set_status` takes them, so the line is
translated again when the language changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from packseal.core.compare.session import INDEXING, Comparison
from packseal.core.evidence.source_clip import OrderClip
from packseal.gui import formatting

Status = tuple[str, dict[str, Any]]


def _clip_args(clip: OrderClip) -> dict[str, Any]:
    record = clip.record
    return {"order": clip.order_id, "when": formatting.local_time(record.start_ms),
            "length": formatting.duration(record.duration_s)}


def clip_found(clip: OrderClip) -> Status:
    """The order's clip was found and no photo is there yet."""
    return (QT_TRANSLATE_NOOP("DisputeView", "Order {order}: clip of {when}, {length}. Now drop or open "
                                             "the buyer's photo."), _clip_args(clip))


def working(stage: str, fraction: object) -> Status:
    """The comparison is building the clip's index (``stage`` INDEXING) or comparing."""
    if stage == INDEXING and isinstance(fraction, float):
        return QT_TRANSLATE_NOOP("DisputeView", "Indexing the clip… (the first comparison of a clip prepares it "
                                                "once)"), {}
    return QT_TRANSLATE_NOOP("DisputeView", "Comparing the photo with the clip…"), {}


def comparing(n: int) -> Status:
    """``n`` photos of the claim are being compared with the clip."""
    if n > 1:
        return QT_TRANSLATE_NOOP("DisputeView", "Comparing {n} photos with the clip…"), {"n": n}
    return QT_TRANSLATE_NOOP("DisputeView", "Comparing the photo with the clip…"), {}


def orders_in_photos(orders: list[str], photo: Path | None, filled: bool) -> Status:
    """What the waybills read in the photos say; ``filled`` when the one order they name was typed in for the owner."""
    if filled:
        return QT_TRANSLATE_NOOP("DisputeView", "The waybill in the photo names order "
                                                "{order}."), {"order": orders[0]}
    if len(orders) > 1:
        return QT_TRANSLATE_NOOP("DisputeView", "The photos show waybills of several orders ({orders}). Type or "
                                                "scan the order number above."), {"orders": ", ".join(orders)}
    return (QT_TRANSLATE_NOOP("DisputeView", "Photo {name} chosen. Now type or scan the order number above."),
            {"name": photo.name if photo else ""})


def _sealed_sha256(clip: OrderClip, camera: str) -> str:
    """The hash the entry seals for ``camera``'s file of the clip (the clip's own for its first camera)."""
    body = clip.entry.body if clip.entry is not None else {}
    for item in body.get("other_cameras", ()):
        if camera and item.get("camera") == camera:
            return item.get("sha256") or ""
    return clip.sealed_sha256


def compared(clip: OrderClip, comparison: Comparison) -> Status:
    """What the comparison of ``clip`` found, or that the file is not the sealed one."""
    sealed = _sealed_sha256(clip, comparison.camera)
    scores = comparison.camera_scores
    if sealed and sealed != comparison.clip_sha256:
        text = QT_TRANSLATE_NOOP("DisputeView", "Order {order}, clip of {when}: WARNING, the clip file is not "
                                 "the one that was sealed. Run “packseal verify” before using this comparison.")
    elif comparison.closing:
        text = QT_TRANSLATE_NOOP("DisputeView", "Order {order}, clip of {when} ({length}): the photo of the opened "
                                 "box beside the clip's last frames before the box was closed.")
    elif comparison.no_match and comparison.codes:
        text = QT_TRANSLATE_NOOP("DisputeView", "Order {order}, clip of {when} ({length}): the photo shows a "
                                 "label, not the item; the findings say whose waybill it is.")
    elif comparison.no_match:
        text = QT_TRANSLATE_NOOP("DisputeView",
                                 "Order {order}, clip of {when} ({length}): no frame matches the photo.")
    elif len(scores) > 1 and comparison.camera == next(iter(scores)):
        text = QT_TRANSLATE_NOOP("DisputeView", "Order {order}, clip of {when} ({length}): frames that show the "
                                 "item: {n}, best in the first camera's file (score {score}; the second "
                                 "camera's best: {other}).")
    elif len(scores) > 1:
        text = QT_TRANSLATE_NOOP("DisputeView", "Order {order}, clip of {when} ({length}): frames that show the "
                                 "item: {n}, best in the second camera's file (score {score}; the first "
                                 "camera's best: {other}).")
    else:
        text = QT_TRANSLATE_NOOP("DisputeView",
                                 "Order {order}, clip of {when} ({length}): frames that show the item: {n}.")
    others = [v for camera, v in scores.items() if camera != comparison.camera]
    return text, {**_clip_args(clip), "n": len(comparison.matches),
                  "score": f"{scores.get(comparison.camera, 0.0):.1f}", "other": f"{max(others, default=0.0):.1f}"}
