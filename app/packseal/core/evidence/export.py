"""Exporting an order's clip within a platform's limits, with provenance on every file.

:func:`export_clip` takes one continuous window of the sealed clip (the
whole clip when it fits the preset, else the preset's longest window from
the scan on, or the window the owner chose), encodes it under the preset's
byte cap by choosing the bitrate, and/or saves frames spread through that
window as pictures under the per-picture cap. Every file gets a C2PA
manifest (the sealed original as ingredient, by hash; the order ID and the
clip's ledger seq in an ``org.packseal.order`` assertion) when c2pa-python
is available, and an ``export`` ledger entry. PackSeal keeps the files in
the data folder's ``exports/`` (what the entries seal) and copies them to
the folder the owner chose.

A clip of two cameras (FORMAT.md §6.2) exports, as ``cameras`` asks, both
cameras' videos (the second camera's over the same moments, by capture time)
or one picture-in-picture video composed from the two sealed files
(:mod:`composed`); pictures are the first camera's.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from packseal import __version__
from packseal.core.catalog import Catalog
from packseal.core.errors import BadInputError, EncoderError, EvidenceError, PackSealError, StorageError
from packseal.core.evidence.composed import (PIP, CameraFileOnDisk, compose_picture_in_picture,
                                             first_camera_file, second_camera_file)
from packseal.core.evidence.presets import Preset, get_preset
from packseal.core.evidence.progress import ProgressFn, Steps
from packseal.core.evidence.provenance import Ingredient, Provenance
from packseal.core.evidence.source_clip import SourceClip, find_clip
from packseal.core.evidence.transcode import (Window, choose_window, copy_file, encode_picture,
                                              encode_window)
from packseal.core.settings import CAMERA_EXPORTS
from packseal.core.ledger import Ledger, export_body, hash_file
from packseal.core.media.ffmpeg import MediaInfo, probe
from packseal.core.media.frames import check_times, grab_frames, order_times
from packseal.core.storage.names import safe_file_stem
from packseal.core.storage.layout import DataLayout

log = logging.getLogger(__name__)

PURPOSE = "platform-export"
#: Bytes kept free under a cap for the C2PA manifest (an ES256 manifest without thumbnail is ~5 KB).
C2PA_RESERVE = 16_000
_MIME = {"mp4": "video/mp4", "jpg": "image/jpeg", "png": "image/png"}


@dataclass(frozen=True)
class ExportedFile:
    """One exported file: where the owner gets it, PackSeal's sealed copy, and what it is."""

    path: Path
    sealed_copy: Path
    kind: str  # "video" or "image"
    sha256: str
    bytes: int
    ledger_seq: int
    c2pa: bool
    clip_time_s: float | None = None  # images: the frame's time in the clip
    max_bytes: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "sealed_copy": str(self.sealed_copy), "kind": self.kind,
                "sha256": self.sha256, "bytes": self.bytes, "ledger_seq": self.ledger_seq,
                "c2pa": self.c2pa, "clip_time_s": self.clip_time_s, "max_bytes": self.max_bytes}


@dataclass(frozen=True)
class ExportResult:
    """What :func:`export_clip` wrote. ``warnings`` say what is missing (e.g. no C2PA)."""

    order_id: str
    preset: str
    out_dir: Path
    clip_seq: int
    window: Window
    files: tuple[ExportedFile, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        """What ``packseal export --json`` prints."""
        return {"order_id": self.order_id, "preset": self.preset, "out_dir": str(self.out_dir),
                "clip_seq": self.clip_seq,
                "window": {"start_s": round(self.window.start_s, 3), "end_s": round(self.window.end_s, 3)},
                "files": [f.to_json() for f in self.files], "warnings": list(self.warnings)}


def export_clip(layout: DataLayout, ledger: Ledger, catalog: Catalog, order_id: str, preset: str | Preset,
                out_dir: Path | str, *, start_s: float | None = None, end_s: float | None = None,
                frame_times: list[float] | None = None, clip_id: int | None = None,
                progress: ProgressFn | None = None, cameras: str = "both") -> ExportResult:
    """Export ``order_id``'s clip for ``preset`` (a name from platforms.json, or a :class:`Preset`).

    ``start_s``/``end_s`` choose the window (seconds into the clip; default:
    the whole clip if it fits, else from the scan on). ``frame_times`` choose
    the frames of image presets (default: evenly spaced through the part of the
    window from the scan to the stop; the pre-roll and the post-roll may show
    the orders packed before and after).
    ``progress(fraction, message)`` follows the work. ``cameras`` (a clip of two cameras):
    ``"both"`` exports each camera's video, ``"pip"`` one video composed from both.

    Raises :class:`BadInputError` (unknown order or preset, a window outside
    the clip or too long), :class:`EvidenceError` (the clip is missing or no
    longer the sealed file), :class:`EncoderError` (ffmpeg failed, a cap
    cannot be met) and :class:`StorageError`.
    """
    preset = preset if isinstance(preset, Preset) else get_preset(preset)
    if cameras not in CAMERA_EXPORTS:
        raise BadInputError(f"cameras must be one of {', '.join(CAMERA_EXPORTS)}, not {cameras!r}")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise BadInputError(f"{out} is a file; give a folder for the exported files")
    steps = Steps(progress, {"check": 1, "video": 6 if preset.video else 0,
                             "images": 2 if preset.images else 0, "seal": 1})
    steps.stage("check", "Checking the clip against its seal")
    src = find_clip(layout, ledger, catalog, order_id, clip_id=clip_id)
    info = probe(src.path)
    duration = info.duration_s or src.entry.body["duration_ms"] / 1000
    scan_offset = max(0.0, (src.scan - src.start).total_seconds())
    window = choose_window(duration, scan_offset, preset.video.max_seconds if preset.video else None,
                           start_s, end_s)
    times = check_times(frame_times, duration)
    job = _Export(layout, ledger, src, preset, window, info)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot create the folder {out}: {exc.strerror or exc}") from exc
    try:
        second, problem = _second_camera(layout, src) if preset.video is not None else (None, "")
        if problem and cameras == PIP:
            raise EvidenceError(f"one picture-in-picture video was asked for, but {problem}")
        if problem:
            job.warnings.append(f"the second camera's video is not exported: {problem}")
        if preset.video is not None and second is not None and cameras == PIP:
            steps.stage("video", f"Composing both cameras into one video for {preset.title()}")
            job.composed_video(first_camera_file(layout, src.entry.body), second, lambda f: steps.part(f))
        elif preset.video is not None:
            steps.stage("video", f"Encoding the video for {preset.title()}")
            job.video(lambda f: steps.part(f / (2 if second else 1)))
            if second is not None:
                job.second_video(second, lambda f: steps.part(0.5 + f / 2))
        if preset.images is not None:
            steps.stage("images", "Saving the pictures")
            job.images(times, lambda f: steps.part(f))
        steps.stage("seal", "Sealing the exported files in the ledger")
    except BaseException:  # failed, or cancelled by a progress callback that raised: keep nothing unsealed
        shutil.rmtree(job.folder, ignore_errors=True)
        raise
    finally:
        job.cleanup()
    files = tuple(job.seal_and_copy(out))
    steps.done("Export ready")
    return ExportResult(order_id=src.order_id, preset=preset.name, out_dir=out.resolve(),
                        clip_seq=src.entry.seq, window=window, files=files, warnings=tuple(job.warnings))


@dataclass
class _Made:
    path: Path
    kind: str
    c2pa: bool
    clip_time_s: float | None
    max_bytes: int | None
    details: dict[str, Any]


class _Export:
    """One export job: files are made in ``exports/`` of the data folder, then sealed and copied out."""

    def __init__(self, layout: DataLayout, ledger: Ledger, src: SourceClip, preset: Preset, window: Window,
                 info: MediaInfo) -> None:
        self.layout, self.ledger, self.src, self.preset, self.window, self.info = (
            layout, ledger, src, preset, window, info)
        self.warnings: list[str] = []
        self.made: list[_Made] = []
        local = datetime.now(timezone.utc).astimezone()
        stem = f"{safe_file_stem(src.order_id)}_{_safe(preset.name)}_{local.strftime('%H%M%S')}"
        folder = layout.exports / local.strftime("%Y-%m-%d") / stem
        n = 1
        while folder.exists():
            n += 1
            folder = folder.with_name(f"{stem}-{n}")
        self.folder = folder
        self.stem = f"{safe_file_stem(src.order_id)}_{_safe(preset.name)}"
        try:
            folder.mkdir(parents=True)
        except OSError as exc:
            raise StorageError(f"cannot create {folder}: {exc.strerror or exc}") from exc
        self._tmp = tempfile.TemporaryDirectory(dir=layout.exports, prefix=".export-")
        self.scratch = Path(self._tmp.name)
        self.provenance = Provenance(layout, src.entry.station, ledger.key_id, tsa_urls=_tsa_urls(layout))
        if self.provenance.missing:
            self.warnings.append(self.provenance.missing)
        self.ingredient = Ingredient(title=src.path.name, sha256=src.sha256, bytes=src.bytes)

    def cleanup(self) -> None:
        self._tmp.cleanup()

    def _c2pa_binding(self, signed: bool) -> dict[str, Any]:
        """What the export entry seals about the C2PA signature: the certificate and the TSA used."""
        if not signed or self.provenance.certificate_sha256 is None:
            return {}
        binding = {"c2pa_certificate_sha256": self.provenance.certificate_sha256}
        if self.provenance.tsa_url:
            binding["c2pa_tsa_url"] = self.provenance.tsa_url
        return binding

    def _assertion(self, **extra: Any) -> dict[str, Any]:
        return {"order_id": self.src.order_id, "station": self.src.entry.station, "ledger_seq": self.src.entry.seq,
                "ledger_key_id": self.src.entry.key, "software": f"PackSeal {__version__}",
                "original": {"file": self.src.path.name, "sha256": self.src.sha256, "bytes": self.src.bytes},
                "preset": self.preset.name,
                "window_ms": {"start": round(self.window.start_s * 1000), "end": round(self.window.end_s * 1000)},
                **extra}

    def _finish(self, plain: Path, final: Path, mime: str, cap: int | None, actions: list[dict[str, Any]],
                assertion: dict[str, Any], ingredient: Ingredient | None = None) -> bool:
        """Sign ``plain`` into ``final`` (or copy it when C2PA is unavailable); True when signed."""
        signed = self.provenance.sign(plain, final, mime, ingredient=ingredient or self.ingredient,
                                      actions=actions, assertion=assertion)
        if not signed:
            if self.provenance.missing and self.provenance.missing not in self.warnings:
                self.warnings.append(self.provenance.missing)
            copy_file(plain, final)
        size = final.stat().st_size
        if cap is not None and size > cap:
            final.unlink()
            raise _OverCap(size)
        return signed

    # -- video -------------------------------------------------------------------
    def second_video(self, second: CameraFileOnDisk, part) -> None:
        """The second camera's video over the same moments as the first's (shifted by their starts)."""
        offset = (second.start - self.src.start).total_seconds()
        info = probe(second.path)
        window = Window(max(0.0, self.window.start_s - offset),
                        min(info.duration_s, max(0.0, self.window.end_s - offset)))
        if window.duration_s <= 0:
            self.warnings.append(f"camera {second.camera} recorded nothing of the exported window")
            return
        self.video(part, source=second.path, info=info, window=window, name=f"{self.stem}_{second.camera}.mp4",
                   sealed_as=(second.camera, second.sha256, second.bytes))

    def composed_video(self, first: CameraFileOnDisk, second: CameraFileOnDisk, part) -> None:
        """One picture-in-picture video of both cameras, composed from their sealed files."""
        made = compose_picture_in_picture(first, second, self.scratch / f"{self.stem}.pip.mp4")
        part(0.4)
        note = (f"composed picture-in-picture: camera {second.camera}'s sealed file inside camera "
                f"{first.camera}'s sealed file, in step by capture time (offset {made.offset_s:.3f} s)")
        self.video(lambda f: part(0.4 + 0.6 * f), source=made.path, info=probe(made.path),
                   composed=(note, {"composed_from": [{"camera": c.camera, "sha256": c.sha256}
                                                      for c in (first, second)]}))

    def video(self, part, *, source: Path | None = None, info: MediaInfo | None = None,
              window: Window | None = None, name: str | None = None,
              sealed_as: tuple[str, str, int] | None = None,
              composed: tuple[str, dict[str, Any]] | None = None) -> None:
        """Export a video: by default the sealed clip's; ``sealed_as`` (camera, sha256, bytes) another
        camera's sealed file; ``composed`` (what it is, what the entry says) a file made from them."""
        spec = self.preset.video
        assert spec is not None
        source, info, window = source or self.src.path, info or self.info, window or self.window
        final = self.folder / (name or f"{self.stem}.mp4")
        details: dict[str, Any] = {}  # what the export entry and the C2PA assertion add
        stated: dict[str, Any] = {}  # what only the assertion adds
        ingredient = None
        if sealed_as is not None:
            details = {"camera": sealed_as[0], "camera_sha256": sealed_as[1]}
            stated = {"original": {"file": source.name, "sha256": sealed_as[1], "bytes": sealed_as[2]}}
            ingredient = Ingredient(title=source.name, sha256=sealed_as[1], bytes=sealed_as[2])
        if composed is not None:
            details = dict(composed[1])
        whole = window.covers(info.duration_s)
        fits = spec.max_bytes is None or source.stat().st_size + C2PA_RESERVE <= spec.max_bytes
        if whole and fits and info.codec == "h264":
            # The sealed clip itself (or the composed file as made); only the manifest is added.
            what = composed[0] if composed else ("the sealed clip, not re-encoded; only this manifest was added")
            try:
                signed = self._finish(source, final, "video/mp4", spec.max_bytes,
                                      [{"action": "c2pa.edited" if composed else "c2pa.repackaged",
                                        "description": what}],
                                      self._assertion(**details, **stated), ingredient)
            except _OverCap:
                pass  # the manifest tipped it over the cap: re-encode below
            else:
                self.made.append(_Made(final, "video", signed, None, spec.max_bytes, {"re_encoded": 0, **details}))
                part(1.0)
                return
        plain = self.scratch / final.name
        reserve = C2PA_RESERVE if self.provenance.available else 0
        for _ in range(3):
            encoded = encode_window(source, plain, window, info, max_bytes=spec.max_bytes,
                                    reserve_bytes=reserve, progress=part)
            actions: list[dict[str, Any]] = []
            if composed:
                actions.append({"action": "c2pa.edited", "description": composed[0]})
            if not whole:
                actions.append({"action": "c2pa.edited",
                                "description": f"cut to one continuous window, {window.start_s:.2f} s to "
                                               f"{window.end_s:.2f} s of the sealed clip"})
            rate = f" at most {encoded.max_kbps} kbit/s" if encoded.max_kbps else ""
            actions.append({"action": "c2pa.transcoded",
                            "description": f"re-encoded as H.264{rate} for {self.preset.name}"})
            if encoded.height < self.info.height:
                actions.append({"action": "c2pa.resized",
                                "description": f"scaled to {encoded.height} lines to fit the size limit"})
            try:
                signed = self._finish(plain, final, "video/mp4", spec.max_bytes, actions,
                                      self._assertion(**details, **stated), ingredient)
            except _OverCap:
                reserve = reserve * 2 + 8_000  # the manifest came out larger than reserved
                continue
            self.made.append(_Made(final, "video", signed, None, spec.max_bytes,
                                   {"re_encoded": 1, "max_kbps": encoded.max_kbps or 0,
                                    "height": encoded.height, **details}))
            return
        raise EncoderError(f"the video could not be made to fit {spec.max_bytes:,} bytes with its manifest")

    # -- pictures ------------------------------------------------------------------
    def images(self, times: list[float] | None, part) -> None:
        spec = self.preset.images
        assert spec is not None
        wanted = times if times is not None else order_times(self.window.start_s, self.window.end_s, spec.count,
                                                             self.src.order_span_s())
        frames = grab_frames(self.src.path, wanted, start_utc=self.src.start)
        mime = _MIME[spec.format]
        for n, frame in enumerate(frames, 1):
            name = (f"{self.stem}_cover.{spec.format}" if spec.role == "cover" and len(frames) == 1
                    else f"{self.stem}_{n:02d}.{spec.format}")
            final, plain = self.folder / name, self.scratch / name
            reserve = C2PA_RESERVE if self.provenance.available and spec.max_bytes else 0
            for _ in range(3):
                cap = None if spec.max_bytes is None else max(1, spec.max_bytes - reserve)
                data, quality = encode_picture(frame.image(), spec.format, cap)
                plain.write_bytes(data)
                action = {"action": "c2pa.converted",
                          "description": f"the frame at {frame.t_s:.2f} s of the sealed clip, saved as "
                                         + (f"JPEG quality {quality}" if spec.format == "jpg" else "PNG")}
                try:
                    signed = self._finish(plain, final, mime, spec.max_bytes, [action],
                                          self._assertion(frame_ms=round(frame.t_s * 1000)))
                except _OverCap:
                    reserve = reserve * 2 + 4_000
                    continue
                self.made.append(_Made(final, "image", signed, frame.t_s, spec.max_bytes,
                                       {"frame_ms": round(frame.t_s * 1000), "quality": quality}))
                break
            else:
                raise EncoderError(f"{name} could not be made to fit {spec.max_bytes:,} bytes with its manifest")
            part(n / len(frames))

    # -- sealing -------------------------------------------------------------------
    def seal_and_copy(self, out: Path) -> list[ExportedFile]:
        """An ``export`` ledger entry per file, then a copy in ``out``."""
        files = []
        for made in self.made:
            digest, size = hash_file(made.path)
            entry = self.ledger.append("export", export_body(
                file=self.layout.relative(made.path), sha256=digest, bytes=size, purpose=PURPOSE,
                order_id=self.src.order_id, preset=self.preset.name, clip_seq=self.src.entry.seq,
                clip_sha256=self.src.sha256, window_start_ms=round(self.window.start_s * 1000),
                window_end_ms=round(self.window.end_s * 1000), c2pa="signed" if made.c2pa else "none",
                **self._c2pa_binding(made.c2pa), **made.details))
            target = out / made.path.name
            n = 1
            while target.exists() and target.resolve() != made.path.resolve():
                n += 1
                target = out / f"{made.path.stem}-{n}{made.path.suffix}"
            if target.resolve() != made.path.resolve():
                try:
                    shutil.copyfile(made.path, target)
                except OSError as exc:
                    raise StorageError(f"cannot write {target}: {exc.strerror or exc}") from exc
            files.append(ExportedFile(path=target.resolve(), sealed_copy=made.path, kind=made.kind,
                                      sha256=digest, bytes=size, ledger_seq=entry.seq, c2pa=made.c2pa,
                                      clip_time_s=made.clip_time_s, max_bytes=made.max_bytes))
        log.info("exported %d file(s) of order %s for %s", len(files), self.src.order_id, self.preset.name)
        return files


def _second_camera(layout: DataLayout, src: SourceClip) -> tuple[CameraFileOnDisk | None, str]:
    """The clip's second camera's sealed file, checked (None for none); or why it cannot be used."""
    try:
        return second_camera_file(layout, src.entry.body), ""
    except EvidenceError as exc:
        return None, str(exc)


def _tsa_urls(layout: DataLayout) -> list[str]:
    """The TSAs C2PA signatures are timestamped by: the station's ($PACKSEAL_TSA_URLS or settings)."""
    from packseal.core.settings import load_settings

    try:
        return load_settings(layout.settings_file).timestamp_urls()
    except PackSealError:
        return []


class _OverCap(Exception):
    """The signed file came out over the cap (the manifest was larger than reserved)."""


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", name)[:32] or "preset"
