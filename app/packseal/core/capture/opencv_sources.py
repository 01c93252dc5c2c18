"""Live sources read through OpenCV: USB cameras and network (RTSP/HTTP) streams.

OpenCV's ``VideoCapture.read()`` can block for a long time on a stalled
device and is not safe to release from another thread while it blocks. So a
grabber thread owns each capture: it reads as fast as the device delivers,
keeps only the newest frame (stamped the moment it arrived), and releases
the device when it ends. ``read()`` waits for a newer frame with a timeout,
which turns a stall into a :class:`CameraError` the recorder can act on.
"""

from __future__ import annotations

import abc
import contextlib
import logging
import os
import sys
import threading
import time
from collections import deque
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit, urlunsplit

import cv2
import numpy as np

from packseal.core.capture.frame import Frame
from packseal.core.capture.frame_source import FrameSource, format_fps
from packseal.core.capture.pacing import QUEUE_FRAMES
from packseal.core.errors import CameraError

log = logging.getLogger(__name__)

_log_level_lock = threading.Lock()
_quiet_depth = 0
_saved_level: int | None = None


@contextlib.contextmanager
def quiet_opencv_logs() -> Iterator[None]:
    """Silence OpenCV's own log lines (e.g. "can't open camera by index") inside the block."""
    global _quiet_depth, _saved_level
    with _log_level_lock:
        if _quiet_depth == 0:
            _saved_level = cv2.utils.logging.getLogLevel()
            cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)
        _quiet_depth += 1
    try:
        yield
    finally:
        with _log_level_lock:
            _quiet_depth -= 1
            if _quiet_depth == 0 and _saved_level is not None:
                cv2.utils.logging.setLogLevel(_saved_level)


def _usb_backend() -> int:
    # The platform's native API: it opens fast and honours MJPG, where
    # CAP_ANY may pick a slower backend (MSMF on Windows) first.
    if sys.platform.startswith("win"):
        return cv2.CAP_DSHOW
    if sys.platform == "darwin":
        return cv2.CAP_AVFOUNDATION
    if sys.platform.startswith("linux"):
        return cv2.CAP_V4L2
    return cv2.CAP_ANY


def _as_bgr(image: np.ndarray) -> np.ndarray:
    """Some drivers hand out grey or BGRA pictures; the pipeline wants H×W×3 BGR."""
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return np.ascontiguousarray(image)


class _Grabber(threading.Thread):
    """Reads a ``VideoCapture`` in a loop and keeps its newest frames; owns and releases it.

    It keeps the last :data:`~packseal.core.capture.pacing.QUEUE_FRAMES` frames, so that a reader
    held up for a few frame periods (a busy PC) still gets each of them with its capture time.
    """

    def __init__(self, capture: cv2.VideoCapture, name: str) -> None:
        super().__init__(name=f"grab {name}", daemon=True)
        self._capture = capture
        self._cond = threading.Condition()
        self._kept: deque[tuple[np.ndarray, datetime, float, int]] = deque(maxlen=QUEUE_FRAMES)
        self._seq = 0
        self._error: str | None = None
        self._stopping = False

    def run(self) -> None:
        try:
            while True:
                ok, image = self._capture.read()
                mono = time.monotonic()
                utc = datetime.now(timezone.utc)
                with self._cond:
                    if self._stopping:
                        return
                    if not ok or image is None:
                        self._error = "it stopped sending frames"
                        self._cond.notify_all()
                        return
                    self._seq += 1
                    self._kept.append((image, utc, mono, self._seq))
                    self._cond.notify_all()
        except Exception as exc:  # an OpenCV/driver error must reach read(), not vanish
            log.exception("Frame grabber %s failed", self.name)
            with self._cond:
                self._error = f"reading failed ({exc})"
                self._cond.notify_all()
        finally:
            self._capture.release()

    def next_after(self, seq: int, timeout: float) -> tuple[np.ndarray, datetime, float, int] | str:
        """The oldest frame kept that is newer than frame ``seq``, or an error text (also on timeout)."""
        with self._cond:
            self._cond.wait_for(
                lambda: self._seq > seq or self._error is not None or self._stopping, timeout)
            if self._seq > seq:
                return next(kept for kept in self._kept if kept[3] > seq)
            if self._error is not None:
                return self._error
            if self._stopping:
                return "it was closed"
            return f"no frame arrived for {timeout:g} s"

    def stop(self, wait_s: float) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        # A device stuck inside read() cannot be interrupted; the daemon thread
        # then releases it whenever read() returns.
        self.join(wait_s)


class OpenCvSource(FrameSource):
    """Shared machinery of sources read through an OpenCV ``VideoCapture``."""

    def __init__(self, *, width: int, height: int, fps: float, read_timeout_s: float,
                 first_frame_timeout_s: float) -> None:
        super().__init__(width=width, height=height, fps=fps)
        self.read_timeout_s = float(read_timeout_s)
        self.first_frame_timeout_s = float(first_frame_timeout_s)
        self._grabber: _Grabber | None = None
        self._seq = 0

    @abc.abstractmethod
    def _create_capture(self) -> cv2.VideoCapture:
        """Open the device and configure it; raise :class:`CameraError` if it will not open."""

    @abc.abstractmethod
    def _failure_hint(self) -> str:
        """What the user can do when the source fails (appended to error messages)."""

    def open(self) -> None:
        """Open the device and wait for its first frame, which fixes the real size."""
        if self._opened:
            return
        capture = self._create_capture()
        fps = capture.get(cv2.CAP_PROP_FPS)
        grabber = _Grabber(capture, self.description)
        grabber.start()
        got = grabber.next_after(0, self.first_frame_timeout_s)
        if isinstance(got, str):
            grabber.stop(wait_s=1.0)
            raise CameraError(f"{self.description} opened but sent no picture: {got}. "
                              f"{self._failure_hint()}")
        image = got[0]
        self._height, self._width = int(image.shape[0]), int(image.shape[1])
        if 1 <= fps <= 240:
            self._fps = float(fps)
        self._grabber = grabber
        self._seq = 0
        self._index = 0
        self._opened = True
        log.info("Opened %s", self.description)

    def read(self) -> Frame:
        """Return the next frame the device delivered after the previous ``read()``."""
        self._require_open()
        assert self._grabber is not None
        got = self._grabber.next_after(self._seq, self.read_timeout_s)
        if isinstance(got, str):
            raise CameraError(f"Lost {self.description}: {got}. {self._failure_hint()}")
        image, utc, mono, seq = got
        # Frames the device sent that were no longer kept when this read came: lost, and counted.
        skipped = seq - self._seq - 1 if self._seq else None
        self._seq = seq
        return self._stamp(_as_bgr(image), utc=utc, mono=mono, skipped=skipped)

    def close(self) -> None:
        grabber, self._grabber = self._grabber, None
        self._opened = False
        if grabber is not None:
            grabber.stop(wait_s=max(1.0, self.read_timeout_s))
            log.info("Closed %s", self.description)


class UsbSource(OpenCvSource):
    """A USB (UVC) camera by index, asked for MJPG at the requested size and rate.

    MJPG lets a USB 2 camera deliver 1080p at 30 fps; raw YUYV would be
    limited to a few frames per second. The camera may grant another size:
    ``width``/``height`` report the one it delivers once open.
    """

    def __init__(self, index: int, width: int = 1280, height: int = 720, fps: float = 30, *,
                 read_timeout_s: float = 5.0, first_frame_timeout_s: float = 10.0) -> None:
        super().__init__(width=width, height=height, fps=fps, read_timeout_s=read_timeout_s,
                         first_frame_timeout_s=first_frame_timeout_s)
        self.index = int(index)
        self._requested = (int(width), int(height), float(fps))

    @property
    def description(self) -> str:
        return f"USB camera {self.index} ({self.width}×{self.height} @ {format_fps(self.fps)} fps)"

    def provenance(self) -> dict:
        """``usb`` with the device's name and USB vendor:product where Linux's sysfs tells them."""
        found: dict = {"kind": "usb", "index": self.index}
        node = Path(f"/sys/class/video4linux/video{self.index}")
        try:
            found["name"] = (node / "name").read_text(encoding="utf-8", errors="replace").strip()[:80]
            device = (node / "device").resolve()
            for folder in (device, device.parent):
                vendor, product = folder / "idVendor", folder / "idProduct"
                if vendor.is_file() and product.is_file():
                    found["usb_id"] = f"{vendor.read_text().strip()}:{product.read_text().strip()}"
                    break
        except OSError:
            pass  # not Linux, or no sysfs entry: the index is all there is
        return found

    def _failure_hint(self) -> str:
        return ("Check that the camera is plugged in and not in use by another program, "
                "then choose it again in Settings, or pick another camera (or 'test').")

    def _create_capture(self) -> cv2.VideoCapture:
        with quiet_opencv_logs():
            capture = cv2.VideoCapture(self.index, _usb_backend())
        if not capture.isOpened():
            capture.release()
            raise CameraError(f"No camera answers at usb:{self.index}. {self._failure_hint()}")
        width, height, fps = self._requested
        # FOURCC first: some drivers only offer the larger sizes in MJPG.
        capture.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        capture.set(cv2.CAP_PROP_FPS, fps)
        capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # latency: no stale frames queued in the driver
        granted = (int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)), int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT)))
        if granted != (width, height):
            log.warning("usb:%d was asked for %d×%d and granted %d×%d", self.index, width, height,
                        *granted)
        return capture


def redact_url(url: str) -> str:
    """The URL with any password replaced by ``***``, fit for logs and the screen."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    netloc = f"{parts.username}:***@{host}" if parts.username else f"***@{host}"
    return urlunsplit(parts._replace(netloc=netloc))


class NetworkSource(OpenCvSource):
    """An IP camera stream (``rtsp://``, ``http://``, ``https://``) through OpenCV's FFMPEG backend."""

    def __init__(self, url: str, width: int = 1280, height: int = 720, fps: float = 25, *,
                 open_timeout_s: float = 10.0, read_timeout_s: float = 10.0) -> None:
        super().__init__(width=width, height=height, fps=fps, read_timeout_s=read_timeout_s,
                         first_frame_timeout_s=open_timeout_s + read_timeout_s)
        self.url = url
        self.open_timeout_s = float(open_timeout_s)

    @property
    def description(self) -> str:
        return f"IP camera {redact_url(self.url)}"

    def provenance(self) -> dict:
        """``ip`` with the camera's host and port, never the user name or password."""
        parts = urlsplit(self.url)
        found: dict = {"kind": "ip", "scheme": parts.scheme.lower(), "host": parts.hostname or ""}
        if parts.port is not None:
            found["port"] = parts.port
        return found

    def _failure_hint(self) -> str:
        return ("Check that the camera is powered and on the network, and that the address, "
                "user name and password are right (try the URL in VLC).")

    def _create_capture(self) -> cv2.VideoCapture:
        if self.url.lower().startswith("rtsp"):
            # RTSP over UDP smears frames on a lossy network; ask for TCP
            # unless the user configured FFmpeg's capture options themselves.
            os.environ.setdefault("OPENCV_FFMPEG_CAPTURE_OPTIONS", "rtsp_transport;tcp")
        params = [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, int(self.open_timeout_s * 1000),
                  cv2.CAP_PROP_READ_TIMEOUT_MSEC, int(self.read_timeout_s * 1000)]
        with quiet_opencv_logs():
            capture = cv2.VideoCapture(self.url, cv2.CAP_FFMPEG, params)
        if not capture.isOpened():
            capture.release()
            raise CameraError(f"Could not connect to {self.description}. {self._failure_hint()}")
        return capture


def list_cameras(max_index: int = 8) -> list[tuple[str, str]]:
    """Probe USB camera indexes ``0 … max_index-1``; return ``(spec, description)`` pairs.

    Quiet: OpenCV's complaints about missing indexes are suppressed. On Linux
    indexes with no ``/dev/videoN`` are not even tried; elsewhere opening each
    camera can take a moment, so call this off the GUI thread. A camera busy
    in another program may not be listed.
    """
    found: list[tuple[str, str]] = []
    backend = _usb_backend()
    for index in range(max_index):
        if sys.platform.startswith("linux") and not Path(f"/dev/video{index}").exists():
            continue
        with quiet_opencv_logs():
            capture = cv2.VideoCapture(index, backend)
            try:
                if not capture.isOpened():
                    continue
                width = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH))
                height = int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
            finally:
                capture.release()
        name = _linux_camera_name(index)
        label = f"USB camera {index}" + (f": {name}" if name else "")
        if width and height:
            label += f" ({width}×{height})"
        found.append((f"usb:{index}", label))
    return found


def _linux_camera_name(index: int) -> str:
    try:
        return Path(f"/sys/class/video4linux/video{index}/name").read_text(encoding="utf-8").strip()
    except OSError:
        return ""
