"""The `packseal` commands, run as a user runs them."""

from __future__ import annotations

import pytest

from tests.support import scene


@pytest.fixture(scope="session")
def scene_files(tmp_path_factory) -> scene.SceneFiles:
    """The dispute scene's clip and photos, for ``packseal compare``."""
    return scene.write_scene(tmp_path_factory.mktemp("dispute"))
