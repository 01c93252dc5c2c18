"""The owner's annotations on a dispute, kept per order as plain JSON.

``<data dir>/disputes/<safe order id>/annotations.json`` (the folder is
:attr:`DataLayout.disputes`) holds the dispute's
refund photo (path and SHA-256) and its annotations::

    {"version": 1, "order_id": "SF123…", "photo": {"path": "…", "sha256": "…"},
     "annotations": [
        {"image": "photo", "kind": "box", "x": 410, "y": 220, "w": 180, "h": 90,
         "text": "crack", "photo_sha256": "…"},
        {"image": "frame", "kind": "arrow", "x1": 10, "y1": 20, "x2": 90, "y2": 60,
         "text": "", "frame_t_s": 9.0}]}

Coordinates are pixels of the image the annotation is on: the upright refund
photo at full size (the system of the comparison's regions), or the clip
frame at its decoded size. A photo annotation remembers which photo it was drawn
on (``photo_sha256``), a frame annotation which frame (``frame_t_s``, seconds
from the start of the clip). :func:`pack_annotations` gives the photo
annotations in the evidence pack's form, photo number instead of photo hash
(:class:`packseal.core.evidence.annotations.PackAnnotation`, which checks
them again).
"""

from __future__ import annotations

import json
import logging
import math
import os
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from packseal.core.errors import BadInputError, StorageError
from packseal.core.storage.names import safe_file_stem
from packseal.core.storage.layout import DataLayout

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
IMAGES = ("photo", "frame")
KINDS = ("box", "arrow", "text")
MAX_TEXT = 200  # the evidence pack's limit for a label
_MAX_COORD = 1_000_000


@dataclass(frozen=True)
class Annotation:
    """One annotation: a ``box`` (x, y, w, h), an ``arrow`` (x1, y1 → x2, y2) or a ``text`` at (x, y)."""

    image: str
    kind: str
    x: int = 0
    y: int = 0
    w: int = 0
    h: int = 0
    x1: int = 0
    y1: int = 0
    x2: int = 0
    y2: int = 0
    text: str = ""
    frame_t_s: float | None = None
    photo_sha256: str = ""

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"image": self.image, "kind": self.kind}
        if self.kind == "box":
            d.update(x=self.x, y=self.y, w=self.w, h=self.h)
        elif self.kind == "arrow":
            d.update(x1=self.x1, y1=self.y1, x2=self.x2, y2=self.y2)
        else:
            d.update(x=self.x, y=self.y)
        d["text"] = self.text
        if self.image == "frame":
            d["frame_t_s"] = self.frame_t_s
        else:
            d["photo_sha256"] = self.photo_sha256
        return d

    def moved(self, dx: int, dy: int) -> Annotation:
        """The same annotation shifted by (dx, dy) pixels."""
        return replace(self, x=self.x + dx, y=self.y + dy, x1=self.x1 + dx, y1=self.y1 + dy,
                       x2=self.x2 + dx, y2=self.y2 + dy)

    def on_frame(self, t_s: float) -> bool:
        """True for a frame annotation drawn on the frame at ``t_s`` seconds."""
        return self.image == "frame" and self.frame_t_s is not None and abs(self.frame_t_s - t_s) < 0.01


def annotation_from_json(item: Any, where: str = "annotation") -> Annotation:
    """A checked :class:`Annotation` from its JSON form; :class:`BadInputError` naming what is wrong."""
    if not isinstance(item, dict):
        raise BadInputError(f"{where} is not an object")
    image, kind = item.get("image"), item.get("kind")
    if image not in IMAGES:
        raise BadInputError(f"{where}: image must be one of {', '.join(IMAGES)}, got {image!r}")
    if kind not in KINDS:
        raise BadInputError(f"{where}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
    text = checked_label(item, kind, where)
    fields: dict[str, Any] = {}
    if kind == "box":
        fields = {n: pixels(item, n, where) for n in ("x", "y", "w", "h")}
        if fields["w"] <= 0 or fields["h"] <= 0:
            raise BadInputError(f"{where}: a box needs a width and a height above 0")
    elif kind == "arrow":
        fields = {n: pixels(item, n, where) for n in ("x1", "y1", "x2", "y2")}
    else:
        fields = {n: pixels(item, n, where) for n in ("x", "y")}
    if image == "frame":
        t = item.get("frame_t_s")
        if isinstance(t, bool) or not isinstance(t, (int, float)) or not math.isfinite(t) or t < 0:
            raise BadInputError(f"{where}: a frame annotation needs frame_t_s (seconds), got {t!r}")
        fields["frame_t_s"] = float(t)
    else:
        sha = item.get("photo_sha256", "")
        if not isinstance(sha, str):
            raise BadInputError(f"{where}: photo_sha256 must be text")
        fields["photo_sha256"] = sha
    return Annotation(image=image, kind=kind, text=text, **fields)


def checked_label(item: dict, kind: str, where: str) -> str:
    """The label of an annotation given as JSON, its spaces tidied; :class:`BadInputError` when it is bad."""
    text = item.get("text", "")
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        raise BadInputError(f"{where}: text must be a string of at most {MAX_TEXT} characters")
    if kind == "text" and not text.strip():
        raise BadInputError(f"{where}: a text annotation needs some text")
    return " ".join(text.split())


def pixels(item: dict, name: str, where: str) -> int:
    """The coordinate ``name`` of an annotation given as JSON, in whole pixels; :class:`BadInputError` when bad."""
    value = item.get(name)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise BadInputError(f"{where}: {name!r} must be a number of pixels, got {value!r}")
    value = int(round(value))
    if abs(value) > _MAX_COORD:
        raise BadInputError(f"{where}: {name!r} = {value} is far outside any picture")
    return value


@dataclass(frozen=True)
class SavedPhoto:
    """One photo of a claim as kept with the dispute: its file, its SHA-256 when compared, the opened box or not."""

    path: Path | None
    sha256: str = ""
    opened_box: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "sha256": self.sha256, "opened_box": self.opened_box}


@dataclass
class SavedDispute:
    """What is kept of one order's dispute between sessions.

    ``photo_path`` and ``photo_sha256`` are the claim's first photo (all a
    file written before claims had several photos holds); ``photos`` all of them.
    """

    order_id: str
    photo_path: Path | None = None
    photo_sha256: str = ""
    annotations: list[Annotation] = field(default_factory=list)
    photos: list[SavedPhoto] = field(default_factory=list)

    def all_photos(self) -> list[SavedPhoto]:
        """The claim's photos: ``photos``, or the one photo of an older file."""
        if self.photos:
            return list(self.photos)
        return [SavedPhoto(self.photo_path, self.photo_sha256)] if self.photo_path is not None else []

    def to_json(self) -> dict[str, Any]:
        photo = ({"path": str(self.photo_path), "sha256": self.photo_sha256}
                 if self.photo_path is not None else None)
        return {"version": FORMAT_VERSION, "order_id": self.order_id, "photo": photo,
                "photos": [p.to_json() for p in self.photos if p.path is not None],
                "annotations": [m.to_json() for m in self.annotations]}


def dispute_file(layout: DataLayout, order_id: str) -> Path:
    """Where the dispute of ``order_id`` is kept in the data dir."""
    return layout.disputes / safe_file_stem(order_id) / "annotations.json"


def load_dispute(path: Path, order_id: str) -> SavedDispute:
    """The saved dispute at ``path``; an empty one when there is none yet.

    Raises :class:`BadInputError` when the file is not a valid dispute file
    (damaged, edited by hand, or another order's) and :class:`StorageError`
    when it cannot be read.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return SavedDispute(order_id)
    except OSError as exc:
        raise StorageError(f"cannot read the dispute file {path}: {exc.strerror or exc}") from exc
    try:
        obj = json.loads(raw)
    except ValueError as exc:
        raise BadInputError(f"the dispute file {path} is not valid JSON ({exc})") from exc
    if not isinstance(obj, dict) or obj.get("version") != FORMAT_VERSION:
        raise BadInputError(f"the dispute file {path} is not a version {FORMAT_VERSION} dispute file")
    if obj.get("order_id") != order_id:
        raise BadInputError(f"the dispute file {path} belongs to order {obj.get('order_id')!r}, not {order_id!r}")
    items = obj.get("annotations", [])
    if not isinstance(items, list):
        raise BadInputError(f"the dispute file {path}: annotations must be a list")
    annotations = [annotation_from_json(item, f"annotation {n}") for n, item in enumerate(items, 1)]
    photo = obj.get("photo")
    photo_path, photo_sha = None, ""
    if isinstance(photo, dict) and isinstance(photo.get("path"), str):
        photo_path, photo_sha = Path(photo["path"]), str(photo.get("sha256") or "")
    photos = [SavedPhoto(Path(p["path"]), str(p.get("sha256") or ""), p.get("opened_box") is True)
              for p in obj.get("photos") or [] if isinstance(p, dict) and isinstance(p.get("path"), str)]
    return SavedDispute(order_id, photo_path, photo_sha, annotations, photos)


def save_dispute(path: Path, dispute: SavedDispute) -> None:
    """Write ``dispute`` to ``path`` atomically (a temporary file renamed into place)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(dispute.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"cannot save the dispute's annotations to {path}: {exc.strerror or exc}") from exc


def open_dispute(path: Path, order_id: str) -> tuple[SavedDispute, Path | None]:
    """The saved dispute at ``path``, or a fresh one when the file is damaged: then the file is set aside.

    Returns the dispute and where a damaged file was moved (None when none
    was), so that a damaged file never blocks the dispute and is kept for a
    person to look at. Raises :class:`StorageError` when it cannot be read.
    """
    try:
        return load_dispute(path, order_id), None
    except BadInputError as exc:
        log.warning("%s", exc)
        return SavedDispute(order_id), set_aside(path)


def set_aside(path: Path) -> Path | None:
    """Rename a damaged dispute file out of the way (kept for a person to look at); returns the new name."""
    if not path.exists():
        return None
    target = path.with_name(f"{path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target


def pack_frames(match_times: list[float], annotations: list[Annotation]) -> list[float]:
    """The clip times of the frames an evidence pack shows: the matched ones, then every annotated one (once).

    The annotations themselves on a frame cannot go into the pack (see
    :func:`pack_annotations`), but the frames they were drawn on do.
    """
    frames = list(match_times)
    for annotation in annotations:
        if annotation.image == "frame" and annotation.frame_t_s is not None and all(
                abs(annotation.frame_t_s - t) >= 0.01 for t in frames):
            frames.append(annotation.frame_t_s)
    return frames


def pack_annotations(annotations: list[Annotation], photo_sha256: str,
                     photo_number: int = 1) -> list[dict[str, Any]]:
    """The annotations drawn on the photo ``photo_sha256``, in the evidence pack's format.

    Frame annotations are left out: the pack's frames are decoded afresh from the
    sealed clip and its annotation format has no place for them.
    """
    out: list[dict[str, Any]] = []
    for m in annotations:
        if m.image != "photo" or m.photo_sha256 != photo_sha256:
            continue
        item: dict[str, Any] = {"photo": photo_number, "shape": m.kind}
        if m.kind == "box":
            item.update(x=m.x, y=m.y, w=m.w, h=m.h)
        elif m.kind == "arrow":
            item.update(x=m.x1, y=m.y1, x2=m.x2, y2=m.y2)
        else:
            item.update(x=m.x, y=m.y)
        if m.text:
            item["text"] = m.text
        out.append(item)
    return out
