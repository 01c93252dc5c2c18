"""Fixtures for the compare tests: one generated dispute scene, written once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from packseal.core.compare.frame_index import FrameIndex, build_index
from tests.support import scene
from tests.support.scene import CLIP_START


@pytest.fixture(scope="session")
def scene_files(tmp_path_factory) -> scene.SceneFiles:
    return scene.write_scene(tmp_path_factory.mktemp("dispute"))


@pytest.fixture(scope="session")
def scene_index(scene_files) -> FrameIndex:
    return build_index(scene_files.clip, start_utc=CLIP_START)


@pytest.fixture
def clip_copy(scene_files, tmp_path) -> Path:
    """A private copy of the clip (for tests that write or damage its index)."""
    dest = tmp_path / "clip.mp4"
    dest.write_bytes(scene_files.clip.read_bytes())
    return dest
