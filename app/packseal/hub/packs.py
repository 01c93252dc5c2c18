"""Evidence packs built on the hub from what a station synced (docs/HUB.md §5).

:func:`pack_for` makes the same ``packseal-evidence-pack/1`` zip that
``packseal pack`` makes at the station, with core's own builder
(:func:`packseal.core.evidence.pack.assemble_pack`): the clip byte for byte
(copied from the object store and checked against its sealed SHA-256 first),
its seal, the entries and Merkle proofs, the timestamp token and the hub's
cosignatures over the checkpoint, frames, the report, VERIFY.txt and the
standalone verifier; with a dispute, the refund photo and its comparison.
Two things differ, and the pack says so itself (its manifest's
``assembled_by``, its report and VERIFY.txt): the manifest is signed by the
hub's key (``hub-key.pem``), because the station key never leaves the
station; and what only the station has stays out (no ``export`` entry in
the station's ledger, no second camera's file, no linked return or shipment
clip, no owner's annotations).
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from packseal.core.evidence.pack import ManifestSigner, assemble_pack
from packseal.core.evidence.source_clip import SourceClip
from packseal.core.ledger.seal import SEAL_SUFFIX
from packseal.core.storage.names import safe_file_stem
from packseal.hub.clip_evidence import ClipNotFound, NoEvidence, evidence_for, load_clip
from packseal.hub.clip_files import ClipFileChanged, fetch
from packseal.hub.context import HubContext
from packseal.hub.disputes import DisputeRefused, load_dispute, order_lookup, stored_bytes
from packseal.hub.ingest import STORED

PACKS_DIR = "packs"


class PackRefused(Exception):
    """The pack cannot be made; ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def pack_for(ctx: HubContext, clip_id: int, dispute_id: int | None = None, language: str = "en") -> Path:
    """Build clip ``clip_id``'s evidence pack (with dispute ``dispute_id``'s photo and comparison).

    Returns the zip's path in ``DATA/packs/``; the caller removes it once sent.
    Raises :class:`PackRefused` (404 no such clip or dispute, 409 the clip's
    file is not on the hub, not the sealed file, or not covered by a synced
    checkpoint yet).
    """
    with ctx.db.connection() as conn:
        try:
            clip = load_clip(conn, clip_id)
        except ClipNotFound as exc:
            raise PackRefused(404, str(exc)) from None
        if clip.status != STORED:
            raise PackRefused(409, f"the file of clip {clip_id} is not on the hub ({clip.status})")
        try:
            evidence = evidence_for(conn, clip)
        except NoEvidence as exc:
            raise PackRefused(409, str(exc)) from None
        dispute = load_dispute(conn, dispute_id) if dispute_id is not None else None
    if dispute_id is not None and (dispute is None or dispute["clip_id"] != clip_id):
        raise PackRefused(404, f"no dispute {dispute_id} of clip {clip_id}")
    folder = ctx.data_dir / PACKS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=folder, prefix=".work-"))
    try:
        try:
            clip_file = fetch(ctx, clip.sha256, clip.size, work / "clip" / clip.file_name)
        except ClipFileChanged as exc:
            raise PackRefused(409, f"{exc}: no pack is made of a file that is not the sealed one") from None
        seal = clip_file.with_name(clip_file.name + SEAL_SUFFIX)
        seal.write_bytes(evidence.seal())
        src = SourceClip(record=None, path=clip_file, entry=clip.entry, seal_path=seal)
        photos = []
        if dispute is not None:
            photo = work / "photo" / dispute["photo_name"]
            photo.parent.mkdir()
            photo.write_bytes(stored_bytes(ctx, dispute["photo_sha256"]))
            photos.append(photo)
        signer = ManifestSigner(evidence.station_key, lambda raw: (ctx.key.key_id, ctx.key.sign(raw)),
                                assembler=ctx.key.public)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        stem = f"{safe_file_stem(clip.entry.body['order_id'])}_evidence_hub-clip-{clip_id}_{stamp}"
        return assemble_pack(src, evidence.excerpt, evidence.cosignatures, signer, folder, stem, photos=photos,
                             opened_box=photos if dispute is not None and dispute["opened_box"] else (),
                             language=language, order_of_code=order_lookup(ctx))
    except DisputeRefused as exc:
        raise PackRefused(exc.status, str(exc)) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
