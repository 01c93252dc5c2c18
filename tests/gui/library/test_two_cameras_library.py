"""The library and its player on a real clip of two cameras: both pictures, stepped on one clock."""

from __future__ import annotations

import shutil

import pytest

from packseal.gui.library import LibraryView
from packseal.gui.tasks import TaskRunner
from tests.support.two_cameras import ORDER, record_two_cameras


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    data = tmp_path_factory.mktemp("two") / "data"
    return data, record_two_cameras(data)


@pytest.fixture
def library(qtbot, recorded, tmp_path):
    from packseal.compose import open_services

    data = tmp_path / "data"
    shutil.copytree(recorded[0], data)  # each test its own copy (one deletes a file)
    services = open_services(data, recorder=False)
    runner = TaskRunner(name="library test")
    view = LibraryView(services, runner)
    qtbot.addWidget(view)
    view.resize(1190, 760)
    view.show()
    qtbot.waitUntil(lambda: view.model.total == 1 and not view.model.loading, timeout=10_000)
    view.select_row(0)
    qtbot.waitUntil(lambda: view.shown_clip is not None, timeout=5_000)
    yield view, services, recorded[1]
    view.shutdown()
    runner.wait_for_done(10_000)
    services.close()


def test_a_clip_of_two_cameras_shows_both_and_steps_them_together(qtbot, library):
    view, _services, out = library
    player, second = view.player, view.player.second
    cam0, cam1 = out["clips"]
    assert view.shown_clip.order_id == ORDER and view.shown_clip.camera_files[0].camera == "cam1"
    qtbot.waitUntil(lambda: player.current_index == 0 and player.info is not None, timeout=10_000)
    assert second.view.isVisible() and second.file.path.name.endswith(".cam1.mp4")
    qtbot.waitUntil(lambda: second.info is not None, timeout=10_000)
    assert player.frame_count == cam0["frames"] and second.info.frame_count == cam1["frames"]
    assert player.current_image.width() == 320 and (second.info.width, second.info.height) == (240, 180)
    # step through a second of frames: each time, the second camera's frame is the one captured
    # last by then (10 fps beside 15 fps: each of its frames stays for one or two of the first's)
    start = player.frame_count // 3
    player.seek(start)
    seen = set()
    for n in range(start, start + 15):
        if n != start:
            player.step(1)
        qtbot.waitUntil(lambda n=n: player.current_index == n, timeout=10_000)
        moment = player.current_capture_time
        qtbot.waitUntil(lambda: second.current_capture_time is not None and not second.message
                        and 0 <= (moment - second.current_capture_time).total_seconds() < 0.1 + 0.002,
                        timeout=10_000)
        seen.add(second.shown.index)
    assert len(seen) >= 9  # it moved with the first, about 10 frames in a second


def test_a_missing_second_file_is_said_and_the_first_plays(qtbot, library):
    view, services, out = library
    path = services.layout.root / view.shown_clip.camera_files[0].file
    path.unlink()
    record, view._shown = view.shown_clip, None  # noqa: SLF001 (show the same clip again)
    view._show(record)  # noqa: SLF001
    qtbot.waitUntil(lambda: view.player.current_index == 0, timeout=10_000)
    assert view.player.second.message.startswith("The other camera's file is missing:")
