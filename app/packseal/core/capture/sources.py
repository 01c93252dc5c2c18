"""Choosing a frame source from a user's setting such as ``usb:0`` or ``test:1920x1080@30``.

This module is the public face of the sources: import :func:`open_source`,
:class:`FrameSource` and friends from here.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from urllib.request import url2pathname

from packseal.core.capture.file_source import FileSource
from packseal.core.capture.frame_source import FrameSource, SourceEnded
from packseal.core.capture.opencv_sources import NetworkSource, UsbSource, list_cameras
from packseal.core.capture.synthetic_source import TestPatternSource
from packseal.core.errors import BadInputError

__all__ = [
    "ACCEPTED_FORMS", "FileSource", "FrameSource", "NetworkSource", "SourceEnded",
    "TestPatternSource", "UsbSource", "list_cameras", "open_source", "same_device",
]

ACCEPTED_FORMS = (
    "usb:N (USB camera number N, e.g. usb:0), "
    "rtsp://… or http(s)://… (an IP camera stream), "
    "file:PATH or file:PATH?loop (a video file, played once or in a loop), "
    "test or test:WxH@FPS (the built-in test camera, e.g. test:1920x1080@30; "
    "add ?noisy for a real camera's grain and light flicker, e.g. test:1280x720@30?noisy)"
)

_TEST_SIZE = re.compile(r"(\d{2,5})\s*[x×]\s*(\d{2,5})(?:\s*@\s*(\d{1,3}(?:\.\d+)?))?", re.IGNORECASE)
_USB = re.compile(r"usb:(\d{1,3})", re.IGNORECASE)
_NETWORK_SCHEMES = ("rtsp", "rtsps", "http", "https")
_LOOP_SUFFIX = "?loop"
_NOISY_SUFFIX = "?noisy"


def open_source(spec: str, *, width: int = 1280, height: int = 720, fps: float = 30) -> FrameSource:
    """Build the (not yet opened) source a spec names; the caller calls ``open()``.

    ``width``, ``height`` and ``fps`` are what USB cameras are asked for and
    what the test camera uses unless its spec says otherwise; files and
    streams deliver their own. Raises :class:`BadInputError` naming the
    accepted forms when the spec is not one of them.
    """
    if not isinstance(spec, str) or not spec.strip():
        raise _bad(spec, "it is empty")
    text = spec.strip()
    lower = text.lower()

    noisy = lower.startswith("test") and lower.endswith(_NOISY_SUFFIX)
    if noisy:
        text, lower = text[: -len(_NOISY_SUFFIX)], lower[: -len(_NOISY_SUFFIX)]
    if lower == "test":
        return TestPatternSource(width, height, fps, noisy=noisy)
    if lower.startswith("test:"):
        match = _TEST_SIZE.fullmatch(text[5:].strip())
        if match is None:
            raise _bad(spec, "the test camera size must look like 1920x1080@30")
        w, h = int(match[1]), int(match[2])
        rate = float(match[3]) if match[3] else fps
        if not (160 <= w <= 7680 and 120 <= h <= 4320 and 1 <= rate <= 240):
            raise _bad(spec, "the test camera takes 160×120 to 7680×4320 pixels at 1 to 240 fps")
        return TestPatternSource(w, h, rate, noisy=noisy)

    if lower.startswith("usb:"):
        match = _USB.fullmatch(text)
        if match is None:
            raise _bad(spec, "the camera number after 'usb:' must be 0, 1, 2, …")
        return UsbSource(int(match[1]), width, height, fps)

    scheme = lower.split("://", 1)[0] if "://" in lower else ""
    if scheme in _NETWORK_SCHEMES:
        if not urlsplit(text).hostname:
            raise _bad(spec, "the stream address has no host name")
        return NetworkSource(text)

    if lower.startswith("file:"):
        path, loop = text[5:], False
        if path.lower().endswith(_LOOP_SUFFIX):
            path, loop = path[: -len(_LOOP_SUFFIX)], True
        if path.startswith("//"):  # file:///home/… URL form
            path = url2pathname(urlsplit("file:" + path).path)
        if not path.strip():
            raise _bad(spec, "the file path after 'file:' is empty")
        return FileSource(path, loop=loop)

    raise _bad(spec, "it names no known kind of source")


def takes_format(spec: str) -> tuple[bool, bool]:
    """Whether the source ``spec`` names takes the settings' (picture size, frame rate).

    A USB camera (and ``auto``) is asked for both, the plain test camera uses both; a test
    camera with its size in its spec uses its own size (and its own rate when it names one);
    files and streams deliver their own. Not a valid spec, or none: (False, False).
    """
    lower = spec.strip().lower() if isinstance(spec, str) else ""
    if lower.startswith("test") and lower.endswith(_NOISY_SUFFIX):
        lower = lower[: -len(_NOISY_SUFFIX)]
    if lower in ("auto", "test") or _USB.fullmatch(lower):  # auto: the first USB camera, else the test one
        return True, True
    if lower.startswith("test:"):
        match = _TEST_SIZE.fullmatch(lower[5:].strip())
        return False, match is not None and not match[3]
    return False, False


def same_device(a: str, b: str) -> bool:
    """Whether two source settings name one USB camera (which cannot be opened twice).

    Test cameras, files and streams named twice are independent sources.
    """
    first, second = _USB.fullmatch(a.strip()), _USB.fullmatch(b.strip())
    return first is not None and second is not None and int(first[1]) == int(second[1])


def _bad(spec: object, why: str) -> BadInputError:
    return BadInputError(f"Camera setting {spec!r} is not valid: {why}. Accepted forms: {ACCEPTED_FORMS}.")
