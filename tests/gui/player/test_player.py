"""The player on real numbered clips: every frame shown is checked by reading its number from the pixels."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage

from packseal.core.media.decoder import ClipDecoder
from packseal.gui.player import PlayerWidget
from packseal.gui.player.capture_time import format_capture_time
from tests.support.framecode import make_clip, pixels, read_code

pytest.importorskip("pytestqt")

START = datetime(2026, 3, 14, 6, 30, tzinfo=timezone.utc)
FPS = 15


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    # 90 frames at 15 fps: keyframes at 0, 30, 60 (every 2 s, as the recorder writes them)
    return make_clip(tmp_path_factory.mktemp("clips") / "SF1000.mp4", frames=90, fps=FPS, start_utc=START)


@pytest.fixture
def player(qtbot):
    widget = PlayerWidget()
    qtbot.addWidget(widget)
    widget.resize(640, 480)
    widget.show()
    yield widget
    widget.shutdown()


def wait_shown(qtbot, player: PlayerWidget, index: int) -> None:
    qtbot.waitUntil(lambda: player.current_index == index, timeout=10_000)


def shown_number(player: PlayerWidget) -> int:
    assert player.current_image is not None
    return read_code(pixels(player.current_image))


def test_decoder_lands_on_every_frame_it_is_asked_for(clip):
    with ClipDecoder(clip) as decoder:
        assert decoder.info.frame_count == 90
        assert decoder.info.keyframes == (0, 30, 60)
        # backwards across keyframes, forwards, and jumps: every answer is the frame asked for
        for n in [89, 61, 60, 59, 30, 29, 0, 1, 2, 45, 31, 88, 3]:
            picture = decoder.decode(n)
            assert picture.index == n
            assert read_code(picture.image) == n
            assert picture.seconds == pytest.approx(n / FPS)


def test_stepping_lands_on_the_exact_frame_and_shows_its_number_and_time(qtbot, player, clip):
    player.load(clip, start_ms=int(START.timestamp() * 1000), title="SF1000")
    wait_shown(qtbot, player, 0)
    assert shown_number(player) == 0
    assert player.frame_label.text().startswith("Frame 1 of 90")

    player.seek(31)
    wait_shown(qtbot, player, 31)
    player.view.setFocus()
    qtbot.keyClick(player.view, Qt.Key.Key_Left)   # 30: the keyframe
    wait_shown(qtbot, player, 30)
    assert shown_number(player) == 30
    qtbot.keyClick(player.view, Qt.Key.Key_Left)   # 29: decoded forward from keyframe 0
    wait_shown(qtbot, player, 29)
    assert shown_number(player) == 29
    assert player.frame_label.text().startswith("Frame 30 of 90")
    expected = START + timedelta(seconds=29 / FPS)
    assert player.current_capture_time == expected
    assert format_capture_time(expected) in player.time_label.text()

    qtbot.keyClick(player.view, Qt.Key.Key_Right)
    qtbot.keyClick(player.view, Qt.Key.Key_Right)
    wait_shown(qtbot, player, 31)
    assert shown_number(player) == 31
    assert player.timeline.value() == 31


def test_playing_advances_through_decoded_frames_and_stops_at_the_end(qtbot, player, clip):
    shown: list[int] = []
    player.frame_shown.connect(shown.append)
    player.load(clip, start_ms=0)
    wait_shown(qtbot, player, 0)
    player.set_speed(4.0)
    player.play()
    assert player.is_playing
    qtbot.waitUntil(lambda: not player.is_playing, timeout=20_000)
    wait_shown(qtbot, player, 89)
    assert shown_number(player) == 89
    assert len(shown) > 10
    assert shown == sorted(shown)  # forward only, never a frame from the past


def test_zoom_keeps_the_point_under_the_mouse_and_saving_is_lossless(qtbot, player, clip, tmp_path):
    player.load(clip, start_ms=0)
    wait_shown(qtbot, player, 0)
    player.seek(42)
    wait_shown(qtbot, player, 42)
    view = player.view
    rect = view.picture_rect()
    anchor = QPointF(rect.left() + rect.width() * 0.25, rect.top() + rect.height() * 0.5)
    before = (anchor - rect.topLeft()) / (rect.width() / 320)
    view.zoom_at(4.0, anchor)
    assert view.zoom == 4.0
    zoomed = view.picture_rect()
    after = (anchor - zoomed.topLeft()) / (zoomed.width() / 320)
    assert abs(after.x() - before.x()) < 0.5 and abs(after.y() - before.y()) < 0.5
    view.pan_by(-30, 0)
    assert view.picture_rect().left() == pytest.approx(zoomed.left() - 30)

    saved = player.save_frame(tmp_path / "frame")
    assert saved.suffix == ".png"
    png = QImage(str(saved))
    assert (png.width(), png.height()) == (320, 240)  # the frame, not the zoomed view
    assert np.array_equal(pixels(png), pixels(player.current_image))
    assert read_code(pixels(png)) == 42


def test_a_file_that_is_not_a_video_shows_why(qtbot, player, tmp_path):
    bad = tmp_path / "broken.mp4"
    bad.write_bytes(b"not a video at all" * 100)
    with qtbot.waitSignal(player.failed, timeout=10_000):
        player.load(bad, start_ms=0)
    assert "cannot be played" in player.message
    assert player.current_index is None


def test_showing_frames_does_not_wear_out_python_booleans(qtbot, player, clip):
    """Each frame crosses threads as a Qt signal; PySide6 6.12.0 on Python 3.11 drops a reference
    to ``True`` on every ``Signal.emit``, so the player would abort the whole app (``bool_dealloc``)
    after a few thousand frames: about five minutes of playback. Pin PySide6 below 6.12 (6.11.3 is
    fine) while this fails."""
    import sys

    player.load(clip, start_ms=0)
    wait_shown(qtbot, player, 0)
    before = sys.getrefcount(True)
    for n in range(1, 60):
        player.seek(n)
        wait_shown(qtbot, player, n)
    assert sys.getrefcount(True) > before - 20, "PySide6 loses a reference to True per signal"


# -- a clip of two cameras ---------------------------------------------------------------------
SECOND_FPS = 10
SECOND_LATE_S = 1.0  # the second camera's file starts a second after the first's


@pytest.fixture(scope="module")
def second_clip(tmp_path_factory):
    """The same order from a second camera: another rate, starting later, ending sooner."""
    return make_clip(tmp_path_factory.mktemp("clips") / "SF1000.cam1.mp4", frames=30, fps=SECOND_FPS,
                     width=240, height=180, start_utc=START + timedelta(seconds=SECOND_LATE_S))


def test_a_second_camera_follows_the_first_frame_by_frame_on_capture_time(qtbot, player, clip, second_clip):
    from packseal.gui.player.second_camera import SecondFile

    start_ms = int(START.timestamp() * 1000)
    player.load(clip, start_ms=start_ms, title="SF1000",
                second=SecondFile(second_clip, start_ms + int(SECOND_LATE_S * 1000)))
    second = player.second
    assert second.view.isVisible()

    def expected_second(n: int) -> int:
        """The second camera's frame captured last by the first camera's frame n."""
        return int((n / FPS - SECOND_LATE_S) * SECOND_FPS + 1e-6)

    # before the second camera's file begins, its picture says so
    wait_shown(qtbot, player, 0)
    qtbot.waitUntil(lambda: second.message != "", timeout=10_000)
    assert second.message == "The second camera has no picture of this moment."
    for n in (15, 16, 17, 18, 31, 30, 29, 40):  # forward, back across a keyframe, a jump
        player.seek(n)
        wait_shown(qtbot, player, n)
        k = expected_second(n)
        qtbot.waitUntil(lambda k=k: second.shown is not None and second.shown.index == k, timeout=10_000)
        assert read_code(pixels(second.shown.image)) == k  # the frame it says, by its pixels
        gap = (player.current_capture_time - second.current_capture_time).total_seconds()
        assert 0 <= gap < 1 / SECOND_FPS  # the second camera's frame of that moment
        assert f"second camera: frame {k + 1} of 30" in player.frame_label.text()
    # stepping with the keys moves both
    player.view.setFocus()
    qtbot.keyClick(player.view, Qt.Key.Key_Right)
    wait_shown(qtbot, player, 41)
    qtbot.waitUntil(lambda: second.shown is not None and second.shown.index == expected_second(41), timeout=10_000)
    # past the second file's end (it ends at 4 s)
    player.seek(80)
    wait_shown(qtbot, player, 80)
    qtbot.waitUntil(lambda: second.message != "", timeout=10_000)
    # a clip of one camera: the second picture goes away
    player.load(clip, start_ms=start_ms)
    assert not second.view.isVisible()


def test_a_second_camera_without_a_file_says_why(qtbot, player, clip):
    player.load(clip, start_ms=int(START.timestamp() * 1000), second="The second camera recorded nothing.")
    wait_shown(qtbot, player, 0)
    assert player.second.view.isVisible() and player.second.message == "The second camera recorded nothing."
