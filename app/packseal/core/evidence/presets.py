"""Platform export presets: what each marketplace accepts, read from resources/presets/platforms.json.

The limits are data, not code, so they can be corrected when a platform
changes its rules without touching the exporter. Each preset has a video
part, an images part, or both (see the file's own notes).
"""

from __future__ import annotations

import functools
import importlib.resources
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packseal.core.errors import BadInputError

PRESETS_FORMAT = "packseal-platform-presets/1"
IMAGE_FORMATS = ("jpg", "png")


@dataclass(frozen=True)
class VideoSpec:
    """An exported video: at most ``max_seconds`` long and ``max_bytes`` large (None: no limit)."""

    max_seconds: float | None
    max_bytes: int | None
    container: str = "mp4"
    codec: str = "h264"


@dataclass(frozen=True)
class ImageSpec:
    """``count`` frames as pictures in ``format``, each at most ``max_bytes``. ``role``: photos or cover."""

    count: int
    format: str
    max_bytes: int | None
    role: str = "photos"


@dataclass(frozen=True)
class Preset:
    """One platform's limits. ``label`` by language (``en``, ``zh_CN``); ``notes`` for people."""

    name: str
    label: dict[str, str]
    notes: str
    video: VideoSpec | None = None
    images: ImageSpec | None = None

    def title(self, language: str = "en") -> str:
        return self.label.get(language) or self.label.get("en") or self.name


def _positive(value: Any, what: str, *, allow_none: bool = True) -> Any:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise BadInputError(f"{what} must be a positive number or null, got {value!r}")
    return value


def parse_presets(document: Any, source: str = "the presets file") -> dict[str, Preset]:
    """Check a presets document and return its presets by name; BadInputError names what is wrong."""
    if not isinstance(document, dict) or document.get("format") != PRESETS_FORMAT:
        raise BadInputError(f"{source} is not a PackSeal presets file (format {PRESETS_FORMAT})")
    presets: dict[str, Preset] = {}
    for item in document.get("presets", []):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"]:
            raise BadInputError(f"{source}: every preset needs a name")
        name = item["name"]
        where = f"{source}, preset {name!r}"
        video = images = None
        if item.get("video") is not None:
            v = item["video"]
            if v.get("container", "mp4") != "mp4" or v.get("codec", "h264") != "h264":
                raise BadInputError(f"{where}: only MP4 with H.264 video is supported")
            video = VideoSpec(max_seconds=_positive(v.get("max_seconds"), f"{where}: max_seconds"),
                              max_bytes=_positive(v.get("max_bytes"), f"{where}: max_bytes"))
        if item.get("images") is not None:
            i = item["images"]
            formats = i.get("formats") or ["jpg"]
            if not isinstance(formats, list) or formats[0] not in IMAGE_FORMATS:
                raise BadInputError(f"{where}: image formats must start with one of {IMAGE_FORMATS}")
            count = _positive(i.get("count"), f"{where}: images.count", allow_none=False)
            images = ImageSpec(count=int(count), format=formats[0],
                               max_bytes=_positive(i.get("max_bytes"), f"{where}: images.max_bytes"),
                               role=str(i.get("role", "photos")))
        if video is None and images is None:
            raise BadInputError(f"{where}: a preset exports a video, images or both")
        label = item.get("label") or {}
        presets[name] = Preset(name=name, label=dict(label), notes=str(item.get("notes", "")),
                               video=video, images=images)
    if not presets:
        raise BadInputError(f"{source} defines no presets")
    return presets


@functools.cache
def builtin_presets() -> dict[str, Preset]:
    """The presets shipped in ``packseal.resources/presets/platforms.json``."""
    resource = importlib.resources.files("packseal.resources").joinpath("presets/platforms.json")
    try:
        document = json.loads(resource.read_bytes())
    except (OSError, ValueError) as exc:
        raise BadInputError(f"the platform presets cannot be read ({exc}); reinstall PackSeal") from exc
    return parse_presets(document, "platforms.json")


def load_presets(path: Path | str) -> dict[str, Preset]:
    """Presets from another file of the same format (for a platform not shipped yet)."""
    try:
        document = json.loads(Path(path).read_bytes())
    except (OSError, ValueError) as exc:
        raise BadInputError(f"cannot read the presets file {path}: {exc}") from exc
    return parse_presets(document, str(path))


def get_preset(name: str) -> Preset:
    """A shipped preset by name; BadInputError listing the known ones otherwise."""
    presets = builtin_presets()
    try:
        return presets[name]
    except KeyError:
        raise BadInputError(f"unknown preset {name!r}; the presets are: {', '.join(presets)}") from None
