"""A real data dir holding the generated dispute scene's clip, sealed as an order, and its photos."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest

from packseal.core.catalog import ClipRecord
from packseal.core.ledger import hash_file
from packseal.core.recording.events import Clip
from tests.support import scene
from tests.core.compare.conftest import CLIP_START

pytest.importorskip("pytestqt")

ORDER = "SF1234567890123"


@pytest.fixture(scope="session")
def scene_files(tmp_path_factory) -> scene.SceneFiles:
    """The clip of a box being packed, a refund photo of it with a crack, and a photo of something else."""
    return scene.write_scene(tmp_path_factory.mktemp("dispute-scene"))


@pytest.fixture
def services(tmp_path):
    from packseal.compose import open_services

    opened = open_services(tmp_path / "data", recorder=False)  # as the window opens it
    yield opened
    opened.close()


def add_scene_clip(services, scene_files: scene.SceneFiles, order_id: str = ORDER) -> ClipRecord:
    """Put the scene's clip in the data dir as ``order_id``'s clip, sealed the way the recorder does."""
    rel = f"clips/{CLIP_START:%Y-%m-%d}/{order_id}_{CLIP_START:%H%M%S}.mp4"
    path = services.layout.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(scene_files.clip, path)
    digest, size = hash_file(path)
    duration = scene.CLIP_SECONDS
    end = CLIP_START + timedelta(seconds=duration)
    sealed = services.archive.seal_clip(Clip(
        order_id=order_id, station="Bench 1", path=path, scan_utc=CLIP_START + timedelta(seconds=1),
        stop_utc=end, start_utc=CLIP_START, end_utc=end, duration_s=duration,
        frames=int(duration * scene.CLIP_FPS), bytes=size, sha256=digest, status="complete", segments=()))
    services.archive.checkpoint()
    services.indexer.wait(30)  # sealing queued the clip for indexing; let that finish first
    record = services.catalog.get_clip(sealed.clip.catalog_id)
    assert record is not None
    return record


@pytest.fixture
def scene_order(services, scene_files) -> ClipRecord:
    return add_scene_clip(services, scene_files)


@pytest.fixture
def dispute(qtbot, services):
    """A shown DisputeView on a private task runner; shut down afterwards."""
    from packseal.gui.dispute import DisputeView
    from packseal.gui.tasks import TaskRunner

    runner = TaskRunner(name="dispute test")
    view = DisputeView(services, runner)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    yield view
    view.shutdown()
    runner.wait_for_done(30_000)
