"""A video file played as a camera: pacing, the end, looping, bad files."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from packseal.core.capture.sources import FileSource, SourceEnded, open_source
from packseal.core.errors import BadInputError, CameraError

FRAMES = 8
FPS = 10


def frame_number(image: np.ndarray) -> int:
    """Frames are written as flat grey levels 20, 45, 70…; read the number back."""
    return round((float(image.mean()) - 20) / 25)


@pytest.fixture(scope="module")
def video(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("video") / "numbers.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), FPS, (160, 120))
    assert writer.isOpened()
    for i in range(FRAMES):
        writer.write(np.full((120, 160, 3), 20 + 25 * i, np.uint8))
    writer.release()
    return path


def test_plays_the_file_once_at_its_own_rate_then_ends(video):
    src = open_source(f"file:{video}")
    with src:
        assert (src.width, src.height, src.fps) == (160, 120, FPS)
        frames = []
        with pytest.raises(SourceEnded):
            while True:
                frames.append(src.read())
        with pytest.raises(SourceEnded):  # and stays ended
            src.read()
    numbers = [frame_number(f.image) for f in frames]
    # A reader that keeps up gets every frame in order (a stalled test machine
    # may make the source drop one or two, as a camera would).
    assert numbers[0] == 0 and numbers == sorted(set(numbers)) and len(numbers) >= FRAMES - 2
    assert [f.index for f in frames] == list(range(len(frames)))
    span = frames[-1].mono - frames[0].mono
    assert span >= (len(frames) - 1.5) / FPS  # paced, not decoded as fast as possible
    assert frames[0].image.shape == (120, 160, 3)
    assert issubclass(SourceEnded, CameraError)


def test_loop_starts_again_from_the_first_frame(video):
    src = open_source(f"file:{video}?loop")
    assert src.loop and src.is_test
    with src:
        numbers = [frame_number(src.read().image) for _ in range(FRAMES + 3)]
    wrap = numbers.index(0, 1)  # where frame 0 shows for the second time
    first_pass, second_pass = numbers[:wrap], numbers[wrap:]
    assert first_pass == sorted(set(first_pass)) and first_pass[-1] >= FRAMES - 2
    assert second_pass == sorted(set(second_pass)) and len(second_pass) >= 2


def test_description_names_the_file(video):
    src = FileSource(video)
    src.open()
    try:
        assert src.description == f"Video file {video.name} 160×120 @ {FPS} fps"
    finally:
        src.close()
    src.close()  # twice is fine


def test_missing_file(tmp_path):
    with pytest.raises(BadInputError, match="does not exist"):
        FileSource(tmp_path / "nope.mp4").open()


def test_a_file_that_is_not_a_video(tmp_path):
    junk = tmp_path / "notes.mp4"
    junk.write_text("this is not a video\n" * 100)
    with pytest.raises(BadInputError, match="could not be decoded"):
        FileSource(junk).open()
