"""The ffmpeg binary (shipped inside imageio-ffmpeg) and what it tells about media files."""

from __future__ import annotations

import functools
import logging
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import imageio_ffmpeg

from packseal.core.errors import BadInputError, EncoderError

log = logging.getLogger(__name__)

# Hardware H.264 encoders tried, in order, when the encoder setting is "auto" (core/recording/encoder_choice).
HARDWARE_ENCODERS = ("h264_nvenc", "h264_qsv", "h264_amf", "h264_vaapi", "h264_videotoolbox")


@functools.cache
def ffmpeg_exe() -> str:
    """Path of the ffmpeg binary; raises EncoderError if the wheel lacks one."""
    try:
        return imageio_ffmpeg.get_ffmpeg_exe()
    except Exception as exc:  # imageio-ffmpeg raises RuntimeError without a binary
        raise EncoderError(f"No ffmpeg binary was found ({exc}). Reinstall PackSeal.") from exc


@dataclass(frozen=True)
class MediaInfo:
    """What ffmpeg reports about a video file."""

    codec: str
    width: int
    height: int
    fps: float
    duration_s: float
    frames: int
    container: str


_DURATION = re.compile(r"Duration: (\d+):(\d+):(\d+\.\d+)")
_VIDEO = re.compile(r"Stream #\S+.*?: Video: (\w+).*?, (\d{2,5})x(\d{2,5})")
_FPS = re.compile(r"([\d.]+) fps")
_INPUT = re.compile(r"Input #0, ([\w,]+), from")
_FRAMES = re.compile(r"frame=\s*(\d+)")


def probe(path: Path) -> MediaInfo:
    """Read codec, size, rate, duration and frame count of ``path`` without decoding.

    The frame count is the number of video packets, counted by a stream copy
    to the null muxer (fast: no decoding). Raises BadInputError when ffmpeg
    cannot read the file as video.
    """
    proc = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(path), "-map", "0:v:0",
         "-c", "copy", "-f", "null", "-"],
        capture_output=True, text=True, errors="replace", timeout=120,
    )
    err = proc.stderr
    video = _VIDEO.search(err)
    if proc.returncode != 0 or not video:
        tail = err.strip().splitlines()[-1:] or ["no output"]
        raise BadInputError(f"{path} is not a readable video file ({tail[0]}).")
    duration = 0.0
    if m := _DURATION.search(err):
        h, mnt, s = m.groups()
        duration = int(h) * 3600 + int(mnt) * 60 + float(s)
    stream_line = err[video.start():].splitlines()[0]
    fps_m = _FPS.search(stream_line)
    frames = [int(x) for x in _FRAMES.findall(err)]
    container = _INPUT.search(err)
    return MediaInfo(
        codec=video.group(1),
        width=int(video.group(2)),
        height=int(video.group(3)),
        fps=float(fps_m.group(1)) if fps_m else 0.0,
        duration_s=duration,
        frames=frames[-1] if frames else 0,
        container=container.group(1) if container else "",
    )
