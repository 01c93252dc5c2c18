"""Fixtures for the evidence tests: a data dir with a sealed dispute clip, a refund photo, a local TSA."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from packseal.compose import Services, open_services
from packseal.core.archive import ClipSealed
from packseal.core.ledger import Timestamper
from tests.support import scene
from tests.support.sealed_clips import seal_generated_clip
from tests.support.tsa_standin import LocalTSA

ORDER = "SF1234567890123"


@dataclass
class Dispute:
    services: Services
    sealed: ClipSealed
    photo: Path
    tsa: LocalTSA
    folder: Path


def make_dispute(folder: Path, *, with_tsa: bool) -> Dispute:
    """A data dir holding the compare tests' dispute scene as ORDER's sealed clip (overlay burned in)."""
    services = open_services(folder / "data")
    tsa = LocalTSA()
    if with_tsa:
        tsa.start()
        services.archive.timestamper = Timestamper(services.ledger, tsa.url, trust_roots=[tsa.authority.ca_cert])
    bench, tex = scene.bench_background(), scene.item_texture()
    sealed = seal_generated_clip(services, ORDER, lambda t: scene.clip_frame(t, bench, tex),
                                 seconds=scene.CLIP_SECONDS, size=(scene.CLIP_W, scene.CLIP_H),
                                 fps=scene.CLIP_FPS)
    photo = folder / "refund photo.jpg"
    photo.write_bytes(scene.jpeg_bytes(scene.refund_photo(), 85))
    return Dispute(services, sealed, photo, tsa, folder)


@pytest.fixture(scope="module")
def dispute(tmp_path_factory) -> Dispute:
    d = make_dispute(tmp_path_factory.mktemp("dispute"), with_tsa=True)
    yield d
    d.services.close()
    d.tsa.stop()
