"""One picture-in-picture file composed from a clip's two sealed camera files.

A station of two cameras seals one file per camera (FORMAT.md §6.2). Where one
video is wanted (a platform's upload, a reviewer who watches one file), ffmpeg
composes one: the first camera's picture whole, the second camera's scaled to a
third of its width in the lower right corner, both placed on their capture
times (the second file is shifted by the difference of the two files' starts,
from the signed entry), so what is seen together was captured together.
Before the second file begins and after it ends, the first camera's picture
shows alone.

The composed file is **not** sealed: it is made from the sealed files, which
are checked against the entry's hashes first; packs carry it beside them and
say how it was made (FORMAT.md §13.2 ``composed``). Settings
``camera_exports = "pip"`` asks for it.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from packseal.core.errors import EncoderError, EvidenceError
from packseal.core.ledger import hash_file
from packseal.core.ledger.bodies import NO_VIDEO
from packseal.core.ledger.canonical import parse_utc_stamp
from packseal.core.media.ffmpeg import ffmpeg_exe, probe
from packseal.core.storage.layout import DataLayout

PIP = "pip"
#: The second camera's width, as a share of the first's.
INSET_SHARE = 0.32
_MARGIN_PX = 12
_CRF = 23


@dataclass(frozen=True)
class CameraFileOnDisk:
    """A camera's sealed file of a clip, checked against the entry: its camera, path, hash and start."""

    camera: str
    path: Path
    sha256: str
    bytes: int
    start: datetime


@dataclass(frozen=True)
class Composition:
    """A composed picture-in-picture file and how it was made."""

    path: Path
    sha256: str
    bytes: int
    first: CameraFileOnDisk
    second: CameraFileOnDisk
    offset_s: float  # the second file's first frame, seconds after the first file's
    filter_graph: str

    def description(self, first_member: str, second_member: str) -> dict[str, Any]:
        """The pack manifest's ``composed`` object (FORMAT.md §13.2)."""
        return {"layout": PIP, "sealed": False,
                "made_from": [{"camera": self.first.camera, "file": first_member, "sha256": self.first.sha256},
                              {"camera": self.second.camera, "file": second_member, "sha256": self.second.sha256}],
                "second_offset_ms": round(self.offset_s * 1000),
                "made_by": f"ffmpeg -filter_complex \"{self.filter_graph}\" -c:v libx264 -crf {_CRF}",
                "note": "made from the two sealed files named here; the sealed files are the evidence"}


def second_camera_file(layout: DataLayout, body: dict[str, Any]) -> CameraFileOnDisk | None:
    """The clip entry's other camera's file, checked against its hash; None for a clip of one camera
    or when that camera recorded nothing. Raises EvidenceError when the file is gone or altered."""
    for item in body.get("other_cameras", ()):
        if item.get("status") == NO_VIDEO or not item.get("file"):
            continue
        return checked_file(layout, item["camera"], item)
    return None


def first_camera_file(layout: DataLayout, body: dict[str, Any]) -> CameraFileOnDisk:
    return checked_file(layout, body.get("camera") or "cam0", body)


def checked_file(layout: DataLayout, camera: str, item: dict[str, Any]) -> CameraFileOnDisk:
    try:
        path = layout.absolute(item["file"])
    except ValueError as exc:
        raise EvidenceError(f"the file of camera {camera} is not a path in the data folder: {exc}") from exc
    if not path.is_file():
        raise EvidenceError(f"the file of camera {camera} ({item['file']}) is not in the data folder")
    digest, size = hash_file(path)
    if (digest, size) != (item["sha256"], item["bytes"]):
        raise EvidenceError(f"the file of camera {camera} ({item['file']}) is no longer the file its "
                            "entry sealed; nothing is composed from it")
    return CameraFileOnDisk(camera, path, digest, size, parse_utc_stamp(item["start"]))


def compose_picture_in_picture(first: CameraFileOnDisk, second: CameraFileOnDisk, out: Path) -> Composition:
    """Write ``out`` (.mp4, H.264): ``first`` whole, ``second`` small in its lower right corner, in step
    by capture time. Raises EncoderError when ffmpeg fails."""
    width = probe(first.path).width
    inset = max(2, int(width * INSET_SHARE) // 2 * 2)
    offset = (second.start - first.start).total_seconds()
    align = (f"setpts=PTS-STARTPTS+{offset:.3f}/TB" if offset >= 0
             else f"trim=start={-offset:.3f},setpts=PTS-STARTPTS")
    graph = (f"[0:v]setpts=PTS-STARTPTS[first];"
             f"[1:v]{align},scale={inset}:-2,pad=iw+4:ih+4:2:2:white[second];"
             f"[first][second]overlay=x=main_w-overlay_w-{_MARGIN_PX}:y=main_h-overlay_h-{_MARGIN_PX}"
             f":eof_action=pass,format=yuv420p[v]")
    out.parent.mkdir(parents=True, exist_ok=True)
    command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-v", "error", "-y", "-i", str(first.path),
               "-i", str(second.path), "-filter_complex", graph, "-map", "[v]", "-an", "-c:v", "libx264",
               "-preset", "veryfast", "-crf", str(_CRF), "-movflags", "+faststart", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, errors="replace")
    if done.returncode != 0 or not out.is_file():
        out.unlink(missing_ok=True)
        raise EncoderError(f"ffmpeg could not compose the two cameras' files: {done.stderr.strip()[-400:]}")
    digest, size = hash_file(out)
    return Composition(out, digest, size, first, second, offset, graph)
