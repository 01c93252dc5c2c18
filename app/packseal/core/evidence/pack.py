"""Building an evidence pack: one zip a reviewer can check without PackSeal.

:func:`build_pack` gathers the sealed clip byte for byte with its seal, the
ledger entries it depends on with their Merkle inclusion proofs under a
signed checkpoint (and the checkpoint's RFC 3161 token when there is one),
the station's public key, chosen frames as lossless PNG with their capture
times, the refund photos byte for byte, the comparison pictures and
findings, a PDF report, VERIFY.txt and the standalone verifier; lists every
file with its SHA-256 in a manifest signed with the station key; and writes
the zip. PackSeal keeps the pack in the data folder's ``exports/`` (the
``export`` ledger entry seals that copy) and copies it to where the owner
asked. The clip is then marked as disputed, so retention keeps it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Sequence

from packseal import __version__
from packseal.core.archive import Archive
from packseal.core.capture.overlay import format_local_time
from packseal.core.catalog import Catalog
from packseal.core.compare.photo_codes import OrderOfCode
from packseal.core.compare.session import Comparison
from packseal.core.errors import BadInputError, StorageError
from packseal.core.evidence import pack_format as F
from packseal.core.evidence.annotations import PackAnnotation, parse_annotations
from packseal.core.evidence.composed import (PIP, compose_picture_in_picture, first_camera_file,
                                             second_camera_file)
from packseal.core.errors import EvidenceError
from packseal.core.evidence.photo_order import order_lookup
from packseal.core.evidence.pack_files import (check_out_path, copy_to, duration_words, report_jpeg,
                                               standalone_verifier, stream_sealed_clip, zip_entry)
from packseal.core.evidence.pack_photos import PhotoParts
from packseal.core.evidence.instructions import PackFacts, openssl_commands, python_commands, verify_text
from packseal.core.evidence.ledger_excerpt import LedgerExcerpt, excerpt_for, ledger_members
from packseal.core.evidence.linked_clip import LinkedClip, linked_clip_for
from packseal.core.evidence.manifest import PackFile, build_manifest, manifest_bytes, sha256sums
from packseal.core.evidence.progress import ProgressFn, Steps
from packseal.core.evidence.report_data import ReportData, ReportFrame
from packseal.core.evidence.source_clip import SourceClip, find_clip
from packseal.core.evidence.texts import texts
from packseal.core.ledger import Ledger, export_body, hash_file, utc_stamp
from packseal.core.ledger import PublicKey
from packseal.core.ledger.canonical import parse_utc_stamp, unb64
from packseal.core.ledger.bodies import NO_VIDEO
from packseal.core.ledger.packing_record import PackingRecord
from packseal.core.ledger.seal import SEAL_SUFFIX, seal_path_for
from packseal.core.ledger.witness import WITNESS_DIR, Cosignature, load_all
from packseal.core.ledger.token_verify import verify_token
from packseal.core.ledger.tsa_trust import TrustStore, as_store
from packseal.core.ledger.chain_walk import recorded_nonce
from packseal.core.media.decoder import ClipInfo, clip_info
from packseal.core.media.frames import ClipFrame, check_times, grab_frames, order_times
from packseal.core.settings import CAMERA_EXPORTS
from packseal.core.storage.names import safe_file_stem
from packseal.core.storage.layout import DataLayout

log = logging.getLogger(__name__)

PURPOSE = "evidence-pack"
DEFAULT_FRAME_COUNT = 4
MAX_FRAMES = 24
_BEST_FRAMES_PER_PHOTO = 2
_SAME_FRAME_S = 0.5


@dataclass(frozen=True)
class PackResult:
    """A finished pack. ``path`` is where the owner asked for it; ``sealed_copy`` the data dir's copy."""

    path: Path
    sealed_copy: Path
    sha256: str
    bytes: int
    order_id: str
    clip_seq: int
    checkpoint_seq: int
    timestamp_seq: int | None
    export_seq: int
    key_id: str
    files: tuple[PackFile, ...]
    photos: tuple[dict[str, Any], ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
    linked: dict[str, Any] | None = None  # the return (or shipment) clip also in the pack
    composed: dict[str, Any] | None = None  # the picture-in-picture file of two cameras, and how it was made

    def to_json(self) -> dict[str, Any]:
        """What ``packseal pack --json`` prints."""
        return {"pack": str(self.path), "sealed_copy": str(self.sealed_copy), "sha256": self.sha256,
                "bytes": self.bytes, "order_id": self.order_id, "clip_seq": self.clip_seq,
                "checkpoint_seq": self.checkpoint_seq, "timestamp_seq": self.timestamp_seq,
                "export_seq": self.export_seq, "key_id": self.key_id,
                "files": [f.to_json() for f in self.files], "photos": list(self.photos),
                "warnings": list(self.warnings), "linked_clip": self.linked, "composed": self.composed}


def build_pack(layout: DataLayout, ledger: Ledger, catalog: Catalog, archive: Archive, order_id: str,
               photos: list[Path | str], out: Path | str, *, language: str = "en",
               frames: list[float] | None = None, annotations: list[dict] | None = None,
               clip_id: int | None = None, comparisons: Sequence[Comparison | None] | None = None,
               progress: ProgressFn | None = None, opened_box: Sequence[Path | str] = (),
               with_linked: bool = False, linked_clip_id: int | None = None, cameras: str = "both") -> PackResult:
    """Build the evidence pack of ``order_id`` and write it to ``out`` (a ``.zip`` path).

    ``photos`` are the buyer's refund photos (may be empty). ``language`` is
    the report's (``en`` or ``zh_CN``; VERIFY.txt is in it and in English).
    ``frames`` are clip times (seconds) of the frames to include (each says
    in frames.json whether a comparison found it or the owner chose it); by
    default the comparison's best matches, filled up with frames evenly
    spaced through the order's own time, from its scan to its stop (the
    pre-roll and post-roll may show the orders packed before and after).
    ``annotations`` are the owner's drawings on the photos (see :mod:`annotations`).
    ``clip_id`` picks one of the order's clips (default: the newest).
    ``comparisons``, one per photo (None where there is none), are
    comparisons already made of these photos with this clip (the dispute
    view's); each is used only when it was made of the very photo and the
    sealed clip the pack holds, otherwise the photo is compared afresh.
    ``opened_box`` names the photos (among ``photos``) that show the opened
    box: each is set beside the clip's last frames before the box was closed.
    Waybills read in the photos are looked up in ``catalog``.
    ``archive``'s ``checkpoint(force=True)`` is used when no checkpoint
    covers the clip yet.
    ``progress(fraction, message)`` is called as the work advances.
    ``with_linked`` (or a ``linked_clip_id``) adds the clip on the other side
    of a return: a return's shipment, a shipment's return (:mod:`linked_clip`).
    ``cameras``: for a clip of two cameras, ``"both"`` (their sealed files) or ``"pip"``: also one
    picture-in-picture file composed from them (:mod:`composed`), the sealed files beside it.

    Raises :class:`BadInputError` (unknown order, unreadable photo, bad
    annotation or frame time, bad ``out``), :class:`EvidenceError` (the clip
    is missing, altered or unsealed), :class:`LedgerError`,
    :class:`StorageError` / :class:`StorageFullError` and
    :class:`MediaError` (a frame of the clip could not be decoded).
    """
    out = check_out_path(Path(out))
    texts(language)  # refuses an unknown language before any work
    photo_paths = [Path(p) for p in photos]
    for p in photo_paths:
        if not p.is_file():
            raise BadInputError(f"the refund photo {p} does not exist")
    checked = parse_annotations(annotations, len(photo_paths))
    if annotations and not photo_paths:
        raise BadInputError("annotations need a refund photo to be drawn on")
    made = list(comparisons or [])
    if len(made) > len(photo_paths):
        raise BadInputError(f"{len(made)} comparisons were given for {len(photo_paths)} refund photos")
    made += [None] * (len(photo_paths) - len(made))
    if cameras not in CAMERA_EXPORTS:
        raise BadInputError(f"cameras must be one of {', '.join(CAMERA_EXPORTS)}, not {cameras!r}")
    steps = Steps(progress, {"check": 1, "ledger": 1, "compare": 5 * len(photo_paths) or 0.2,
                             "frames": 2, "compose": 3 if cameras == PIP else 0, "report": 2, "zip": 3,
                             "seal": 1})
    steps.stage("check", "Checking the clip against its seal")
    src = find_clip(layout, ledger, catalog, order_id, clip_id=clip_id)
    linked = (linked_clip_for(layout, ledger, catalog, src, linked_clip_id)
              if with_linked or linked_clip_id is not None else None)
    linked_seqs = (linked.src.entry.seq,) if linked else ()
    info = clip_info(src.path)
    times = check_times(frames, info.duration_s)
    if times is not None and len(times) > MAX_FRAMES:
        raise BadInputError(f"at most {MAX_FRAMES} frames go into a pack, not {len(times)}")

    steps.stage("ledger", "Collecting the ledger entries and the Merkle proof")
    witnessed = frozenset(c.checkpoint_seq for c in _cosignatures(layout))
    excerpt = excerpt_for(ledger, src.entry.seq, make_checkpoint=lambda: archive.checkpoint(force=True),
                          linked_seqs=linked_seqs, witnessed=witnessed)
    if excerpt.timestamp is None and archive.timestamper is not None:
        # Not stamped yet (offline, or the anchor is still on its way): ask the TSAs now.
        archive.checkpoint(force=True)
        excerpt = excerpt_for(ledger, src.entry.seq, linked_seqs=linked_seqs, witnessed=witnessed)
    created = datetime.now(timezone.utc)
    trust = as_store(archive.timestamper.trust_roots if archive.timestamper is not None else None)
    builder = _Builder(layout, src, excerpt, created, language, checked, trust, order_lookup(catalog),
                       cosignatures=_cosignatures(layout), staging_parent=layout.exports)
    if linked is not None:
        builder.add_linked(linked)
    local = created.astimezone()
    folder = layout.exports / local.strftime("%Y-%m-%d")
    stem = f"{safe_file_stem(src.order_id)}_evidence_{local.strftime('%H%M%S')}"
    sealed_copy = _assemble(builder, steps, ManifestSigner(ledger.public_key, ledger.sign_detached), folder, stem,
                            photo_paths, made, opened_box, times, info, cameras)

    try:
        steps.stage("seal", "Sealing the pack in the ledger")
        digest, size = hash_file(sealed_copy)
    except BaseException:  # cancelled (the progress callback raised) or unreadable: keep nothing unsealed
        sealed_copy.unlink(missing_ok=True)
        raise
    entry = ledger.append("export", export_body(
        file=layout.relative(sealed_copy), sha256=digest, bytes=size, purpose=PURPOSE,
        order_id=src.order_id, clip_seq=src.entry.seq, checkpoint_seq=excerpt.checkpoint.seq,
        manifest_sha256=builder.manifest_sha256, photos=len(photo_paths),
        **({"linked_clip_seq": linked.src.entry.seq} if linked else {})))
    for record in (src.record, linked.src.record if linked else None):
        if record is not None and record.id is not None:
            catalog.set_disputed(record.id, True)
    copy_to(sealed_copy, out, digest)
    steps.done("Evidence pack ready")
    log.info("evidence pack of order %s written to %s (export entry %d)", src.order_id, out, entry.seq)
    return PackResult(path=out, sealed_copy=sealed_copy, sha256=digest, bytes=size,
                      order_id=src.order_id, clip_seq=src.entry.seq,
                      checkpoint_seq=excerpt.checkpoint.seq,
                      timestamp_seq=excerpt.timestamp.seq if excerpt.timestamp else None,
                      export_seq=entry.seq, key_id=builder.key_id, files=tuple(builder.listed),
                      photos=tuple(builder.photos.summaries), warnings=tuple(builder.warnings),
                      linked=linked.manifest_entry() if linked else None, composed=builder.composed)


@dataclass(frozen=True)
class ManifestSigner:
    """Who signs a pack's manifest. ``station_key`` (the ledger's current key) goes into
    ``station-key.pem``; ``sign(raw)`` gives ``(key id, signature)``. A pack assembled by a hub from
    a station's synced data has ``assembler``, the hub's public key, which then signs (FORMAT.md §13.2)."""

    station_key: PublicKey
    sign: Callable[[bytes], tuple[str, bytes]]
    assembler: PublicKey | None = None


def _assemble(builder: "_Builder", steps: Steps, signer: ManifestSigner, folder: Path, stem: str,
              photo_paths: list[Path], made: list[Comparison | None], opened_box: Sequence[Path | str],
              times: list[float] | None, info: ClipInfo, cameras: str) -> Path:
    """Compare the photos, decode the frames, write report and instructions, zip: the pack's path."""
    builder.assembler = signer.assembler
    try:
        steps.stage("compare", "Comparing the refund photo(s) with the clip")
        boxes = {str(Path(p)) for p in opened_box}
        for n, (photo, done) in enumerate(zip(photo_paths, made), 1):
            builder.photos.add(n, photo, done, str(photo) in boxes, lambda f, n=n: steps.part(
                ((n - 1) + f) / len(photo_paths), f"Comparing refund photo {n} of {len(photo_paths)}"))
        builder.photos.add_index()
        steps.stage("frames", "Decoding the chosen frames")
        builder.add_frames(times, info)
        if cameras == PIP:
            steps.stage("compose", "Composing one picture-in-picture file of the two cameras")
            builder.add_composed()
        steps.stage("report", "Writing the report")
        builder.add_report()
        builder.add_instructions()
        steps.stage("zip", "Writing the pack")
        return builder.write_zip(signer, folder, stem, lambda f: steps.part(f))
    finally:
        builder.cleanup()


def assemble_pack(src: SourceClip, excerpt: LedgerExcerpt, cosignatures: Sequence[Cosignature],
                  signer: ManifestSigner, folder: Path, stem: str, *, photos: Sequence[Path] = (),
                  opened_box: Sequence[Path] = (), language: str = "en", trust: TrustStore | None = None,
                  order_of_code: OrderOfCode | None = None, progress: ProgressFn | None = None) -> Path:
    """A pack made away from the station (a hub's, from what the station synced): ``folder/stem.zip``.

    ``src`` is the sealed clip as a local file with its seal file, ``excerpt``
    its entries and proofs, ``cosignatures`` the witness's over them; frames
    and photo comparisons are made as :func:`build_pack` makes them. The
    manifest is signed by ``signer`` (its ``assembler``); nothing is written
    to a ledger. ``opened_box``: the photos (of ``photos``) that show the
    opened box. Raises as :func:`build_pack`.
    """
    texts(language)
    photo_paths = [Path(p) for p in photos]
    steps = Steps(progress, {"check": 0, "ledger": 0, "compare": 5 * len(photo_paths) or 0.2, "frames": 2,
                             "compose": 0, "report": 2, "zip": 3, "seal": 0})
    info = clip_info(src.path)
    builder = _Builder(None, src, excerpt, datetime.now(timezone.utc), language, [], as_store(trust),
                       order_of_code, cosignatures=cosignatures, staging_parent=folder)
    path = _assemble(builder, steps, signer, folder, stem, photo_paths, [None] * len(photo_paths), opened_box,
                     None, info, "both")
    steps.done("Evidence pack ready")
    return path


@dataclass(frozen=True)
class _CameraFile:
    """Another camera's file of the clip, as the pack carries it (streamed like the clip)."""

    camera: str
    path: Path
    sha256: str
    bytes: int
    member: str

    def manifest_entry(self) -> dict[str, Any]:
        return {"camera": self.camera, "file": self.member, "seal": f"{self.member}{SEAL_SUFFIX}",
                "sha256": self.sha256, "bytes": self.bytes}


class _Builder:
    """Stages the pack's files in a temporary folder inside ``staging_parent`` (the station's ``exports/``)
    and zips them. ``layout`` is None for a pack assembled away from the station (:func:`assemble_pack`)."""

    def __init__(self, layout: DataLayout | None, src: SourceClip, excerpt: LedgerExcerpt, created: datetime,
                 language: str, annotations: list[PackAnnotation], trust: TrustStore,
                 order_of_code: OrderOfCode | None, *, cosignatures: Sequence[Cosignature],
                 staging_parent: Path) -> None:
        self.trust = trust
        self.anchor_delay_s: float | None = None
        self.layout = layout
        self.src = src
        self.excerpt = excerpt
        self.created = created
        self.language = language
        self._witnessed = list(cosignatures)
        self.assembler: PublicKey | None = None  # the hub's key, for a pack a hub assembles
        staging_parent.mkdir(parents=True, exist_ok=True)
        self._tmp = tempfile.TemporaryDirectory(dir=staging_parent, prefix=".pack-")
        self.staging = Path(self._tmp.name)
        self.listed: list[PackFile] = []
        self.warnings: list[str] = []
        self.report_frames: list[ReportFrame] = []
        self.clip_member = f"{F.CLIP_DIR}/{src.path.name}"
        self.seal_member = f"{F.CLIP_DIR}/{src.seal_path.name}"
        self.key_id = ""
        self.manifest_sha256 = ""
        self.linked: LinkedClip | None = None
        self.cosignatures: list[dict] = []  # hub cosignatures over the checkpoint (docs/HUB.md §4)
        self.cameras = self._camera_files()  # the other cameras' files of the clip (FORMAT.md §6.2)
        self.composed: dict[str, Any] | None = None  # add_composed: the picture-in-picture file
        self.photos = PhotoParts(src, self.clip_member, annotations, self.put, self.warnings, order_of_code)
        status = src.entry.body["status"]
        if status != "complete":
            self.warnings.append(f"the clip is marked {status}: recording stopped abnormally")
        if excerpt.timestamp is None:
            self.warnings.append("the checkpoint has no RFC 3161 timestamp: the pack does not prove when "
                                 "the clip was recorded")
        kind = (src.source or {}).get("kind")
        if kind in ("test", "file"):
            self.warnings.append(f"the clip was recorded from a {kind} source, not a camera")
        self._stage_ledger()

    def cleanup(self) -> None:
        self._tmp.cleanup()

    def _camera_files(self) -> list[_CameraFile]:
        """The clip's other cameras' files that are on disk, their seals staged; a warning for the rest."""
        found = []
        for item in self.src.entry.body.get("other_cameras", ()):
            if item.get("status") == NO_VIDEO:
                self.warnings.append(f"the station's camera {item['camera']} recorded nothing of this order")
                continue
            if self.layout is None:  # assembled away from the station: only the first camera's file travels
                self.warnings.append(f"the file of camera {item['camera']} is only at the station; the pack "
                                     "holds the first camera's file only")
                continue
            try:
                path = self.layout.absolute(item["file"])
            except ValueError:
                path = None
            seal = seal_path_for(path) if path is not None else None
            if path is None or not path.is_file() or not seal.is_file():
                self.warnings.append(f"the file of camera {item['camera']} ({item['file']}) or its seal is not "
                                     "in the data folder; the pack holds the first camera's file only")
                continue
            member = f"{F.CLIP_DIR}/{path.name}"
            self.put(f"{member}{SEAL_SUFFIX}", seal.read_bytes())
            found.append(_CameraFile(item["camera"], path, item["sha256"], item["bytes"], member))
            if item.get("status") != "complete":
                self.warnings.append(f"the file of camera {item['camera']} is marked {item.get('status')}: "
                                     "that camera missed part of the order (see its gaps)")
        return found

    def add_composed(self) -> None:
        """One picture-in-picture file of the two cameras, made from the sealed files (checked first)."""
        if not self.cameras:
            self.warnings.append("one picture-in-picture file was asked for, but the pack holds one camera's "
                                 "file only")
            return
        camera = self.cameras[0]
        first = first_camera_file(self.layout, self.src.entry.body)
        second = second_camera_file(self.layout, self.src.entry.body)
        if second is None or second.path != camera.path:
            return
        member = f"{F.COMPOSED_DIR}/{self.src.path.stem}.pip.mp4"
        made = compose_picture_in_picture(first, second, self.staging / member)
        self.listed.append(PackFile(member, made.sha256, made.bytes))
        self.composed = {"file": member, "sha256": made.sha256, "bytes": made.bytes,
                         **made.description(self.clip_member, camera.member)}

    def add_linked(self, linked: LinkedClip) -> None:
        """Carry the order's other clip (return or shipment) with its seal."""
        self.linked = linked
        self.put(linked.seal_member, linked.src.seal_path.read_bytes())
        if linked.src.entry.body["status"] != "complete":
            self.warnings.append(f"the {linked.role} clip is marked {linked.src.entry.body['status']}: "
                                 "recording stopped abnormally")

    def put(self, path: str, data: bytes) -> None:
        """Stage one small file of the pack."""
        target = self.staging / path
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:
            raise StorageError(f"cannot write {target}: {exc.strerror or exc}") from exc
        self.listed.append(PackFile.of(path, data))

    def _stage_ledger(self) -> None:
        ex = self.excerpt
        self.cosignatures = [c.to_json() for c in _over_checkpoint(self._witnessed, ex.checkpoint)]
        for name, data in ledger_members(ex, self.cosignatures).items():
            self.put(name, data)
        self.put(self.seal_member, self.src.seal_path.read_bytes())

    # -- frames --------------------------------------------------------------------
    def _compared_times(self, best_only: bool) -> list[tuple[float, str]]:
        """The frames the photos' comparisons point at, each with why (each time once)."""
        chosen: list[tuple[float, str]] = []
        for n, result in enumerate(self.photos.comparisons, 1):
            matches = result.matches[:_BEST_FRAMES_PER_PHOTO] if best_only else result.matches
            for rank, match in enumerate(matches):
                why = (f"best match for refund photo {n}" if rank < _BEST_FRAMES_PER_PHOTO
                       else f"a close match for refund photo {n}")
                if all(abs(match.t_s - t) >= _SAME_FRAME_S for t, _ in chosen):
                    chosen.append((float(match.t_s), why))
            for frame in result.closing:  # what went into the box, for a photo of the opened box
                if all(abs(frame["t_s"] - t) >= _SAME_FRAME_S for t, _ in chosen):
                    chosen.append((float(frame["t_s"]), f"before the box was closed (refund photo {n})"))
        return chosen

    def _default_times(self, duration_s: float) -> list[tuple[float, str]]:
        chosen = self._compared_times(best_only=True)
        # Frames spread through the order's own time (scan to stop) show the packing around the best matches.
        for t in order_times(0.0, duration_s, DEFAULT_FRAME_COUNT, self.src.order_span_s()):
            if len(chosen) >= DEFAULT_FRAME_COUNT:
                break
            if all(abs(t - c) >= _SAME_FRAME_S for c, _ in chosen):
                chosen.append((t, "evenly spaced through the order, from its scan to its stop"))
        return sorted(chosen)

    def _given_times(self, times: list[float]) -> list[tuple[float, str]]:
        """Times given with the pack: a frame a comparison found says so; any other the owner chose."""
        found = self._compared_times(best_only=False)
        return [(t, next((why for at, why in found if abs(at - t) < _SAME_FRAME_S), "chosen by the owner"))
                for t in times]

    def add_frames(self, times: list[float] | None, info: ClipInfo) -> None:
        wanted = self._given_times(times) if times is not None else self._default_times(info.duration_s)
        grabbed: list[ClipFrame] = grab_frames(self.src.path, [t for t, _ in wanted], start_utc=self.src.start)
        index = []
        for n, (frame, (_, why)) in enumerate(zip(grabbed, wanted), 1):
            member = f"{F.FRAMES_DIR}/frame-{n:02d}.png"
            self.put(member, frame.png)
            index.append({"file": member, "clip_time_ms": round(frame.t_s * 1000),
                          "captured_utc": utc_stamp(frame.captured_at),
                          "captured_local": format_local_time(frame.captured_at), "why": why})
            self.report_frames.append(ReportFrame(frame.t_s, frame.captured_at, member,
                                                  report_jpeg(frame.image(), 900)))
        self.put(F.FRAMES_INDEX, json.dumps({
            "about": "Frames decoded losslessly from the sealed clip. captured_utc = the clip's start "
                     "capture time + the frame's time in the clip; the clock burned into the picture "
                     "is the station's own record.",
            "clip": self.clip_member, "frames": index}, indent=2, ensure_ascii=False).encode("utf-8"))

    # -- report and instructions ---------------------------------------------------
    def _facts(self) -> PackFacts:
        ex = self.excerpt
        return PackFacts(order_id=self.src.order_id, station=self.src.entry.station,
                         created=utc_stamp(self.created), key_id=self._chain_key_id(),
                         clip_name=self.src.path.name, clip_seq=ex.clip.seq,
                         checkpoint_seq=ex.checkpoint.seq, has_token=ex.timestamp is not None,
                         key_fingerprint=self._clip_key().fingerprint_hex,
                         linked_name=self.linked.src.path.name if self.linked else "",
                         assembler_key_id=self.assembler.key_id if self.assembler else "",
                         assembler_fingerprint=self.assembler.fingerprint_hex if self.assembler else "")

    def _chain_key_id(self) -> str:
        """The key that will sign the manifest: the ledger's current key (the last of the chain)."""
        chain = [e for e in self.excerpt.entries if e.kind in ("genesis", "key-rotation")]
        last = chain[-1]
        return last.body["new_key_id"] if last.kind == "key-rotation" else last.body["key_id"]

    def _clip_key(self) -> PublicKey:
        """The key that signed the clip entry, from the excerpt's key chain."""
        keys = {}
        for e in self.excerpt.entries:
            if e.kind == "genesis":
                keys[e.body["key_id"]] = PublicKey(unb64(e.body["public_key"]))
            elif e.kind == "key-rotation":
                keys[e.body["new_key_id"]] = PublicKey(unb64(e.body["new_public_key"]))
        return keys[self.src.entry.key]

    def _anchor_words(self) -> dict | None:
        """What the report may say about time: a trusted anchor, an untrusted token, or nothing."""
        checkpoint = self.excerpt.checkpoint
        best, untrusted = None, None
        for stamp in self.excerpt.timestamps:
            check = verify_token(unb64(stamp.body["token"]), checkpoint.body["root_hash"], self.trust,
                                 expected_nonce=recorded_nonce(stamp.body))
            if check.anchors and (best is None or (check.gen_time or "") < best.gen_time):
                best = check
            elif check.ok and untrusted is None:
                untrusted = check
        if best is not None and best.gen_time:
            delay = (parse_utc_stamp(best.gen_time) - self.src.end).total_seconds()
            self.anchor_delay_s = delay
            return {"time": format_local_time(parse_utc_stamp(best.gen_time)), "delay": duration_words(delay),
                    "tsa": best.tsa, "root": best.root}
        if untrusted is not None:
            return {"tsa": untrusted.tsa}
        return None

    def add_report(self) -> None:
        # The PDF library takes half a second to import: loaded for the first report, not with the window.
        from packseal.core.evidence.report_pdf import write_report

        ex, body = self.excerpt, self.src.entry.body
        data = ReportData(
            order_id=self.src.order_id, station=self.src.station, created=self.created,
            clip_name=self.clip_member, clip_sha256=body["sha256"], clip_bytes=body["bytes"],
            duration_s=body["duration_ms"] / 1000, start=self.src.start, end=self.src.end,
            scan=self.src.scan, status=body["status"], ledger_seq=ex.clip.seq, key_id=self._chain_key_id(),
            checkpoint_seq=ex.checkpoint.seq, tree_size=ex.checkpoint.body["tree_size"],
            root_hash=ex.checkpoint.body["root_hash"], timestamp=self._anchor_words(),
            key_fingerprint=self._clip_key().fingerprint_hex, source=self.src.source, frames=self.report_frames,
            photos=self.photos.report_photos, verify_commands=python_commands(self.language),
            openssl_commands=openssl_commands(self._facts()), packing=PackingRecord.of_body(body),
            linked=self.linked.report() if self.linked else None,
            assembled_by=self.assembler.fingerprint_hex if self.assembler is not None else None)
        path = self.staging / F.REPORT
        write_report(data, path, self.language)
        self.listed.append(PackFile.of(F.REPORT, path.read_bytes()))

    def add_instructions(self) -> None:
        self.put(F.INSTRUCTIONS, verify_text(self._facts(), self.language).encode("utf-8"))
        self.put(F.VERIFIER, standalone_verifier())

    # -- the zip ---------------------------------------------------------------------
    def write_zip(self, signer: ManifestSigner, folder: Path, stem: str, part: Callable[[float], None]) -> Path:
        """Sign the manifest and write ``folder/stem.zip`` (``stem-2.zip``… when taken)."""
        public = signer.station_key
        if public.key_id != self._chain_key_id():
            raise EvidenceError("the station key changed while the pack was being made; make it again")
        self.put(F.PUBLIC_KEY, public.pem().encode("ascii"))
        assembler = signer.assembler
        if assembler is not None:
            self.put(F.ASSEMBLER_KEY, assembler.pem().encode("ascii"))
        self.listed.append(PackFile(self.clip_member, self.src.sha256, self.src.bytes))
        self.listed.extend(PackFile(c.member, c.sha256, c.bytes) for c in self.cameras)
        if self.linked is not None:
            self.listed.append(PackFile(self.linked.member, self.linked.src.sha256, self.linked.src.bytes))
        self.put(F.SUMS, sha256sums(self.listed))
        ex, body = self.excerpt, self.src.entry.body
        manifest = build_manifest(
            created=self.created, software=f"PackSeal {__version__}", station=self.src.entry.station,
            order_id=self.src.order_id, language=self.language, key_id=public.key_id,
            clip={"file": self.clip_member, "seal": self.seal_member, "ledger_seq": ex.clip.seq,
                  "sha256": body["sha256"], "bytes": body["bytes"],
                  **{name: body[name] for name in F.CLIP_STATEMENTS if name in body},
                  **({"other_cameras": [c.manifest_entry() for c in self.cameras]} if self.cameras else {})},
            ledger={"entries": F.ENTRIES, "proofs": F.PROOFS, "checkpoint_seq": ex.checkpoint.seq,
                    "timestamp_seq": ex.timestamp.seq if ex.timestamp else None,
                    **({"cosignatures": F.COSIGNATURES} if self.cosignatures else {})},
            files=self.listed, linked_clips=[self.linked.manifest_entry()] if self.linked else None,
            composed=self.composed,
            assembled_by=({"role": "hub", "key_id": assembler.key_id, "key": F.ASSEMBLER_KEY}
                          if assembler is not None else None))
        raw = manifest_bytes(manifest)
        key_id, signature = signer.sign(raw)
        if key_id != (assembler or public).key_id:
            raise EvidenceError("the station key changed while the pack was being made; make it again")
        self.key_id = public.key_id
        self.manifest_sha256 = hashlib.sha256(raw).hexdigest()

        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"{stem}.zip"
        n = 1
        while final.exists():
            n += 1
            final = folder / f"{stem}-{n}.zip"
        part_path = folder / f".{final.name}.part"
        stamp = self.created.timetuple()[:6]
        try:
            with zipfile.ZipFile(part_path, "w", allowZip64=True) as zf:
                for name, data in ((F.MANIFEST, raw), (F.SIGNATURE, signature)):
                    zf.writestr(zip_entry(name, stamp), data)
                streamed = {self.clip_member, self.linked.member if self.linked else None,
                            *(c.member for c in self.cameras)}
                staged = sorted(f.path for f in self.listed if f.path not in streamed)
                for n, name in enumerate(staged):
                    zf.writestr(zip_entry(name, stamp), (self.staging / name).read_bytes())
                    part(0.1 * n / len(staged))
                stream_sealed_clip(zf, zip_entry(self.clip_member, stamp), self.src, lambda f: part(0.1 + 0.9 * f))
                for camera in self.cameras:
                    stream_sealed_clip(zf, zip_entry(camera.member, stamp), camera, lambda f: None)
                if self.linked is not None:
                    stream_sealed_clip(zf, zip_entry(self.linked.member, stamp), self.linked.src, lambda f: None)
            with open(part_path, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(part_path, final)
        except OSError as exc:
            part_path.unlink(missing_ok=True)
            raise StorageError(f"cannot write the pack {final}: {exc.strerror or exc}") from exc
        except BaseException:
            part_path.unlink(missing_ok=True)
            raise
        return final


def _over_checkpoint(found: list[Cosignature], checkpoint) -> list[Cosignature]:
    """The cosignatures of ``checkpoint``'s seq, but for one of an earlier history than a cosignature by
    the same hub that fits the checkpoint (its owner accepted this history: docs/HUB.md §4)."""
    mine = [c for c in found if c.checkpoint_seq == checkpoint.seq]
    fits = (checkpoint.body["tree_size"], checkpoint.body["root_hash"])
    accepted: dict[str, int] = {}
    for c in mine:
        if (c.tree_size, c.root_hash) == fits:
            accepted[c.witness_fingerprint] = max(c.history, accepted.get(c.witness_fingerprint, 0))
    return [c for c in mine if (c.tree_size, c.root_hash) == fits or c.history >= accepted.get(c.witness_fingerprint, 0)]


def _cosignatures(layout: DataLayout) -> list[Cosignature]:
    """The hub cosignatures the station keeps (``ledger/witness/``) whose signature verifies."""
    return [c for _, c, _ in load_all(layout.ledger / WITNESS_DIR) if c is not None and c.signature_valid()]
