"""A real data dir holding the generated dispute scene's clip, sealed as an order, and its photos."""

from __future__ import annotations

import pytest

from packseal.core.catalog import ClipRecord
from tests.support import scene
from tests.support.sealed_orders import add_scene_clip

pytest.importorskip("pytestqt")


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
