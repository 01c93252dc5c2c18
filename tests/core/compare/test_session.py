"""The comparison session: one comparison the CLI, the dispute view and packs share."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from packseal.core.compare.comparison import IMAGE_NAMES, compare_photo
from packseal.core.compare.frame_index import index_path_for
from packseal.core.compare.session import COMPARING, INDEXING, compare, shipment_time
from packseal.core.errors import BadInputError
from tests.support import scene
from tests.core.compare.conftest import CLIP_START


@pytest.fixture(scope="module")
def session(scene_files):
    return compare(scene_files.clip, scene_files.photo, start_utc=CLIP_START, order_id="SF1234567890123")


def test_the_session_keeps_the_aligned_best_frame_and_its_regions(session):
    assert not session.no_match and session.best is not None
    assert session.best.match is session.matches[0]
    assert session.regions == session.best.difference.regions
    cx, cy = scene.crack_in_photo().mean(axis=0)
    assert session.regions[0].contains(cx, cy)
    photo_h, photo_w = session.photo.image.shape[:2]
    assert session.best.warped.shape[:2] == (photo_h, photo_w) == session.best.heat.shape[:2]
    assert session.best.covered.dtype == bool and session.best.covered.any()
    assert max(session.screen_ela.shape[:2]) <= 2048 and session.ela.ndim == 3


def test_align_reuses_the_best_frame_and_aligns_another_one_afresh(session):
    assert session.align(session.matches[0]) is session.best
    if len(session.matches) > 1:
        other = session.align(session.matches[1])
        assert other.match is session.matches[1]
        assert other.frame.shape == session.best.frame.shape


def test_the_result_is_the_reduction_compare_photo_returns(session, scene_files):
    reduced = session.result()
    assert sorted(reduced.images) == sorted(n for n in IMAGE_NAMES if n != "before_closing")
    direct = compare_photo(scene_files.clip, scene_files.photo, start_utc=CLIP_START, order_id="SF1234567890123")
    assert direct.to_json() == reduced.to_json()
    for name in reduced.images:
        assert np.array_equal(direct.images[name], reduced.images[name])


def test_one_default_shipment_time_the_end_of_the_last_frame(session, scene_index):
    last = float(scene_index.t_s[-1]) + 1 / scene_index.fps
    assert session.shipment_time == CLIP_START + timedelta(seconds=last)
    given = CLIP_START + timedelta(seconds=3)
    assert shipment_time(CLIP_START, given, scene_index) == given


def test_a_missing_index_is_built_with_progress_and_said_so(clip_copy, scene_files):
    stages: list[tuple[str, float | None]] = []
    first = compare(clip_copy, scene_files.photo, start_utc=CLIP_START,
                    progress=lambda stage, f: stages.append((stage, f)))
    assert first.indexed_now and index_path_for(clip_copy).exists()
    indexing = [f for stage, f in stages if stage == INDEXING]
    assert indexing and indexing[-1] == 1.0 and stages[-1] == (COMPARING, None)
    again = compare(clip_copy, scene_files.photo, start_utc=CLIP_START)
    assert not again.indexed_now


def test_a_photo_that_is_no_picture_fails_before_any_video_work(clip_copy, tmp_path):
    bad = tmp_path / "refund.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 broken")
    with pytest.raises(BadInputError):
        compare(clip_copy, bad, start_utc=CLIP_START)
    assert not index_path_for(clip_copy).exists()


def test_another_item_is_no_match_with_only_the_error_levels(scene_files):
    other = compare(scene_files.clip, scene_files.other_photo, start_utc=CLIP_START)
    assert other.no_match and other.best is None and other.regions == []
    assert list(other.pictures()) == ["ela"]
