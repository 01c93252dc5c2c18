"""Choosing a source from a setting string, and the errors of live sources that cannot open."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import cv2
import pytest

from packseal.core.capture.sources import (
    ACCEPTED_FORMS, FileSource, NetworkSource, TestPatternSource, UsbSource, list_cameras, open_source,
    takes_format)
from packseal.core.errors import BadInputError, CameraError


def test_test_spec_uses_the_requested_size_and_rate():
    src = open_source("test", width=640, height=480, fps=15)
    assert isinstance(src, TestPatternSource)
    assert (src.width, src.height, src.fps) == (640, 480, 15)
    assert src.is_test
    assert not src.is_open  # open_source never opens


@pytest.mark.parametrize("spec, size", [
    ("test:1920x1080@30", (1920, 1080, 30.0)),
    ("TEST:640×360@12.5", (640, 360, 12.5)),
    ("test:800x600", (800, 600, 25.0)),  # rate from the keyword argument
])
def test_test_spec_with_size(spec, size):
    src = open_source(spec, fps=25)
    assert (src.width, src.height, src.fps) == size
    assert src.description == f"Test camera {size[0]}×{size[1]} @ {size[2]:g} fps"


def test_usb_spec():
    src = open_source("usb:2", width=1920, height=1080, fps=30)
    assert isinstance(src, UsbSource)
    assert src.index == 2
    assert (src.width, src.height, src.fps) == (1920, 1080, 30)
    assert not src.is_test


@pytest.mark.parametrize("url", ["rtsp://192.168.1.20:554/stream1", "http://cam.local/video.mjpg",
                                 "https://cam.example/live"])
def test_network_specs(url):
    src = open_source(url)
    assert isinstance(src, NetworkSource)
    assert src.url == url


def test_network_description_hides_the_password():
    src = open_source("rtsp://admin:s3cret@10.0.0.5/h264")
    assert "s3cret" not in src.description
    assert "admin:***@10.0.0.5" in src.description


def test_file_specs(tmp_path):
    plain = open_source(f"file:{tmp_path / 'clip.mp4'}")
    assert isinstance(plain, FileSource) and plain.path == tmp_path / "clip.mp4" and not plain.loop
    looping = open_source(f"file:{tmp_path / 'clip.mp4'}?loop")
    assert looping.path == tmp_path / "clip.mp4" and looping.loop
    as_url = open_source(f"file://{tmp_path / 'my clip.mp4'}".replace(" ", "%20"))
    assert as_url.path == tmp_path / "my clip.mp4"


@pytest.mark.parametrize("spec", ["", "   ", "usb", "usb:", "usb:one", "camera0", "0",
                                  "test:big", "test:10x10@30", "test:1920x1080@0", "rtsp://",
                                  "file:", "ftp://cam/x"])
def test_bad_specs_name_the_accepted_forms(spec):
    with pytest.raises(BadInputError) as caught:
        open_source(spec)
    message = str(caught.value)
    assert ACCEPTED_FORMS in message
    for form in ("usb:N", "rtsp://", "http(s)://", "file:PATH", "test:WxH@FPS"):
        assert form in message


def test_missing_usb_camera_raises_an_actionable_camera_error(capfd):
    if sys.platform.startswith("linux") and Path("/dev/video7").exists():
        pytest.skip("this machine really has a camera at index 7")
    level = cv2.utils.logging.getLogLevel()
    with pytest.raises(CameraError) as caught:
        open_source("usb:7").open()
    message = str(caught.value)
    assert "usb:7" in message
    assert "plugged in" in message and "test" in message
    # OpenCV's own "can't open camera by index" lines are kept off the console...
    assert "can't open camera" not in capfd.readouterr().err
    # ...without leaving its logging silenced for everything else.
    assert cv2.utils.logging.getLogLevel() == level


def test_unreachable_stream_raises_camera_error():
    src = open_source("rtsp://127.0.0.1:9/x")
    with pytest.raises(CameraError) as caught:
        src.open()
    assert "127.0.0.1:9" in str(caught.value)
    assert not src.is_open
    src.close()  # closing a source that never opened is harmless


def test_list_cameras_is_quiet_and_lists_only_usb_specs(capfd):
    cameras = list_cameras(max_index=8)
    err = capfd.readouterr().err
    assert "WARN" not in err and "can't open camera" not in err
    for spec, description in cameras:
        match = re.fullmatch(r"usb:(\d)", spec)
        assert match, spec
        assert description.startswith(f"USB camera {match[1]}")
        if sys.platform.startswith("linux"):
            assert Path(f"/dev/video{match[1]}").exists()


@pytest.mark.parametrize("spec, size", [
    ("test?noisy", (640, 480, 15.0)),
    ("test:1280x720@30?noisy", (1280, 720, 30.0)),
    ("TEST:800x600?NOISY", (800, 600, 15.0)),
])
def test_noisy_test_camera_spec(spec, size):
    src = open_source(spec, width=640, height=480, fps=15)
    assert isinstance(src, TestPatternSource) and src.noisy
    assert (src.width, src.height, src.fps) == size
    assert src.provenance()["noise"]
    assert not open_source(spec.rsplit("?", 1)[0], width=640, height=480, fps=15).noisy


def test_noisy_is_only_for_the_test_camera():
    with pytest.raises(BadInputError):
        open_source("usb:0?noisy")


@pytest.mark.parametrize("spec, takes", [
    ("auto", (True, True)), ("usb:1", (True, True)), ("test", (True, True)), ("test?noisy", (True, True)),
    ("test:1920x1080@30", (False, False)), ("test:640x360", (False, True)), ("file:/tmp/a.mp4?loop", (False, False)),
    ("rtsp://cam.local/stream", (False, False)), ("", (False, False)), ("nonsense", (False, False)),
])
def test_which_sources_take_the_settings_size_and_rate(spec, takes):
    assert takes_format(spec) == takes
    if spec.startswith(("test", "usb")):  # what it says is what the source does, before it opens
        source = open_source(spec, width=800, height=600, fps=12)
        assert (source.width == 800, source.fps == 12) == takes
