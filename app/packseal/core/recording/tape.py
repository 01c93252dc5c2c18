"""The continuous tape: one long-running ffmpeg process writing segments of at most ~2 s.

Frames go in through a bounded queue of two seconds (a slow encoder makes
the queue drop frames and count them, it never stalls the camera; two
seconds cover ffmpeg's start at 1080p on a two-core PC, which one did not),
turned into I420 as they go in (half the bytes of BGR to hold), stamped with their
capture times (:mod:`timed_feed`), so the tape keeps real time when frames
are missing. ffmpeg's segment muxer writes MPEG-TS segments, each starting on
a keyframe; MPEG-TS needs no index at the end, so every finished segment, and
even the one being written when ffmpeg is killed, plays on its own. Where
segments begin is the feed's choice (:mod:`timed_feed`): every
``segment_s``, and early where the recorder asks (:meth:`Tape.cut_after`). ffmpeg
appends a line to ``segments.csv`` when a segment is complete; a watcher
thread turns each line into a :class:`Segment` with the capture times of its
first and last frame and the holes cut out of it. ffmpeg's ``-progress``
report tells a slow encoder (its frame count still rises) from a stuck one.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

import cv2
import ffmpeg
import numpy as np

from packseal.core.capture.frame import Frame
from packseal.core.errors import EncoderError, StorageFullError
from packseal.core.media.ffmpeg import ffmpeg_exe
from packseal.core.recording.encoder_choice import EncoderChoice, chosen_encoder
from packseal.core.recording.frame_tally import FrameTally
from packseal.core.recording.timed_feed import KEYFRAME_EXPR, TICKS, FrameTime, Hole, TimedFeed
from packseal.core.storage.filelock import InterProcessLock
from packseal.core.storage.layout import DataLayout

log = logging.getLogger(__name__)

SEGMENT_LIST = "segments.csv"
SESSION_FILE = "session.json"
SEGMENT_PATTERN = "seg-%06d.ts"
ENDED_FILE = "ended"  # written when a session's ffmpeg ended normally (or was recovered)
#: How often the watcher looks for a newly closed segment: while a stopped order waits for one
#: (its clip waits for it), and otherwise.
WATCH_WAITED_S, WATCH_S = 0.02, 0.1
#: How long after a post-roll's end a segment holding it is looked for at the quicker pace.
WAITED_FOR_S = 3.0


def camera_lock(layout: DataLayout, camera: str) -> InterProcessLock:
    """The lock a running station holds on its camera's tape (see recovery)."""
    layout.tape(camera).mkdir(parents=True, exist_ok=True)
    return InterProcessLock(layout.tape(camera) / ".lock")


#: The bitrate ceiling at CRF 28 for 1280×720 at 30 fps (bench/RESULTS.md, "Storage per minute").
BASE_CAP_KBPS, BASE_CAP_CRF, BASE_CAP_PIXELS_PER_S = 550, 28, 1280 * 720 * 30


@dataclass(frozen=True)
class EncoderSettings:
    """How the tape is encoded. ``quality`` is x264's CRF (lower = better, larger).

    ``max_kbps`` caps the bitrate (x264's VBV, a buffer of two seconds): a
    noisy camera would otherwise spend its bits on grain. None (the default)
    is automatic (:meth:`cap_kbps`), 0 no cap. ``denoise`` is x264's own noise
    reduction (``nr``, 0 = off). The defaults were chosen by measurement
    (bench/encoder_settings.py, bench/RESULTS.md).
    """

    encoder: str = "auto"  # "auto" (hardware if it works, else libx264), "libx264", or an ffmpeg encoder name
    quality: int = 28
    preset: str = "veryfast"
    segment_s: float = 2.0
    max_kbps: int | None = None
    denoise: int = 0
    tune: str = ""  # an x264 tune ("" = none)

    @classmethod
    def from_settings(cls, s) -> "EncoderSettings":
        """From the station's :class:`~packseal.core.settings.Settings` (``max_kbps`` 0 there: automatic)."""
        return cls(s.encoder, s.quality, s.preset, s.segment_s, s.max_kbps or None)

    def cap_kbps(self, width: int, height: int, fps: float) -> int:
        """The bitrate ceiling (0: none). Automatic: 550 kbit/s for 720p30 at CRF 28, in proportion
        to pixels per second, doubling every 6 CRF steps below 28 (as x264's bitrate does)."""
        if self.max_kbps is not None:
            return self.max_kbps
        scale = width * height * fps / BASE_CAP_PIXELS_PER_S * 2 ** ((BASE_CAP_CRF - self.quality) / 6)
        return max(100, round(BASE_CAP_KBPS * scale))

    def choice(self, width: int, height: int, fps: float) -> EncoderChoice:
        """The encoder to use: "auto" and hardware names are tried with :func:`trial_encode` (once a process)."""
        return chosen_encoder(self.encoder, (width, height, fps),
                              lambda name: trial_encode(name, width=width, height=height, settings=self))


@dataclass(frozen=True)
class Segment:
    """A closed tape segment and the capture times of the frames it holds."""

    camera: str
    session: str
    index: int
    path: Path
    start_utc: datetime
    end_utc: datetime
    start_mono: float
    end_mono: float
    frames: int
    bytes: int
    sha256: str
    holes: tuple[Hole, ...] = ()  # stretches cut out between two of its frames (no picture)
    last_frame_mono: float | None = None  # capture time of its last frame (end_mono is one frame later)
    timeline_s: float | None = None  # how long it plays: first to last frame on the tape, plus one frame


def newest_sessions(tape_root: Path) -> dict[str, dict]:
    """Each camera's newest tape session as its ``session.json`` says (encoder and why, size, start)."""
    found: dict[str, dict] = {}
    for camera in sorted(p for p in Path(tape_root).glob("*") if p.is_dir()):
        for session in sorted((p for p in camera.iterdir() if p.is_dir()), reverse=True):
            try:
                found[camera.name] = json.loads((session / SESSION_FILE).read_text(encoding="utf-8"))
                break
            except (OSError, ValueError):
                continue
    return found


def sha256_file(path: Path, chunk: int = 1 << 20) -> tuple[str, int]:
    """Hex SHA-256 and size of a file, read in 1 MiB chunks."""
    h = hashlib.sha256()
    n = 0
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
            n += len(block)
    return h.hexdigest(), n


def _encoder_args(name: str, settings: EncoderSettings, cap_kbps: int = 0) -> dict:
    """ffmpeg output options for encoder ``name``: constant quality, no B-frames, keyframes where forced,
    the bitrate capped at ``cap_kbps`` (0: no cap)."""
    cap = {"maxrate": f"{cap_kbps}k", "bufsize": f"{2 * cap_kbps}k"} if cap_kbps else {}
    if name == "libx264":
        args = {"vcodec": "libx264", "preset": settings.preset, "crf": settings.quality,
                "bf": 0, "sc_threshold": 0, **cap}
        if settings.denoise:
            args["x264-params"] = f"nr={settings.denoise}"
        if settings.tune:
            args["tune"] = settings.tune
        return args
    if name == "h264_nvenc":
        return {"vcodec": name, "rc": "vbr", "cq": settings.quality, "b:v": 0, "bf": 0, "forced-idr": 1, **cap}
    if name == "h264_qsv":
        return {"vcodec": name, "global_quality": settings.quality, "bf": 0, "forced_idr": 1,
                "pix_fmt": "nv12", **cap}
    if name == "h264_amf":
        return {"vcodec": name, "rc": "cqp", "qp_i": settings.quality, "qp_p": settings.quality, "bf": 0}
    if name == "h264_vaapi":  # frames go up to the GPU first (see _input_args)
        return {"vcodec": name, "qp": settings.quality, "bf": 0, "vf": "format=nv12,hwupload"}
    if name == "h264_videotoolbox":  # no constant-quality mode everywhere: an average bitrate
        return {"vcodec": name, "b:v": f"{cap_kbps or 2000}k", "bf": 0}
    return {"vcodec": name, "bf": 0}  # another encoder: its own rate control


def _input_args(name: str) -> dict:
    """Options before the input: VAAPI needs its device opened."""
    if name == "h264_vaapi":
        return {"vaapi_device": VAAPI_DEVICE}
    return {}


#: The render node VAAPI encodes on (the first GPU).
VAAPI_DEVICE = "/dev/dri/renderD128"


def _widen_pipe(stream) -> None:
    """Give the frame pipe 1 MiB instead of 64 KiB where the OS allows (Linux).

    A frame is megabytes; with a small pipe each one costs dozens of
    hand-offs between this process and ffmpeg.
    """
    set_pipe_size = getattr(fcntl, "F_SETPIPE_SZ", 1031) if fcntl else None
    if set_pipe_size is None or not sys.platform.startswith("linux"):
        return
    try:
        fcntl.fcntl(stream.fileno(), set_pipe_size, 1 << 20)
    except OSError:
        pass  # limited by /proc/sys/fs/pipe-max-size; the default still works


@dataclass(slots=True)
class _Planes:
    """A frame waiting for the encoder: its I420 planes (H·3/2 × W) and capture times."""

    yuv: np.ndarray
    utc: datetime
    mono: float


@dataclass
class TapeStats:
    frames_in: int = 0
    frames_written: int = 0
    frames_dropped: int = 0
    segments: int = 0
    frames_overflowed: int = 0  # of the dropped: the queue to the encoder was full (a slow encoder)


class Tape:
    """One ffmpeg process turning frames into a folder of segments.

    ``on_segment`` is called from the watcher thread for every closed segment;
    ``on_error`` when ffmpeg dies or cannot be fed. Both must be quick.
    """

    def __init__(
        self,
        root: Path,
        *,
        width: int,
        height: int,
        fps: float,
        settings: EncoderSettings = EncoderSettings(),
        camera: str = "cam0",
        on_segment: Callable[[Segment], None] | None = None,
        on_error: Callable[[EncoderError], None] | None = None,
        queue_seconds: float = 2.0,
        tally: FrameTally | None = None,
        encoder: str | None = None,
        quiet: bool = False,
    ) -> None:
        """``encoder``: use this ffmpeg encoder as it is, untried (default: ``settings``' choice);
        ``quiet``: ffmpeg's complaints and failure are the caller's result, not logged (a trial)."""
        if width % 2 or height % 2:
            raise ValueError("frame width and height must be even for H.264 (4:2:0)")
        self.root = Path(root)
        self.width, self.height, self.fps = width, height, float(fps)
        self.settings = settings
        self.camera = camera
        self._on_segment = on_segment or (lambda s: None)
        self._on_error = on_error or (lambda e: None)
        self._queue: queue.Queue = queue.Queue(maxsize=max(2, int(fps * queue_seconds)))
        self.tally = tally or FrameTally()
        self._feed: TimedFeed | None = None
        self._proc: subprocess.Popen | None = None
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._failed = False
        self._last_stderr: list[str] = []
        self.stderr_lines: list[str] = []  # all of ffmpeg's complaints, kept for a quiet (trial) tape
        self.stats = TapeStats()
        self.session_dir: Path | None = None
        self._fixed_encoder = encoder
        self._quiet = quiet
        self.encoder_name = ""
        self.encoder_choice: EncoderChoice | None = None
        self.last_segment_mono: float | None = None
        self._waited_until = 0.0  # until then a stopped order waits for a segment: the watcher looks often
        #: when ffmpeg last reported more frames encoded (its -progress), or None before
        self.progress_mono: float | None = None
        self.frames_encoded = 0
        #: since when the writer waits for ffmpeg to take a frame (None: not waiting)
        self.handing_since: float | None = None

    # -- life cycle ---------------------------------------------------------
    def start(self) -> None:
        """Start ffmpeg in a new session folder. Raises EncoderError if it cannot start."""
        started = datetime.now(timezone.utc)
        session = started.strftime("%Y%m%dT%H%M%S") + f"{started.microsecond // 1000:03d}Z"
        if not self.root.is_dir():  # an unplugged disk leaves an empty mount point: never write there
            raise EncoderError(f"The tape folder {self.root} is gone (was the disk unplugged?). "
                               "Reconnect it and restart PackSeal.")
        self.session_dir = self.root / self.camera / session
        if self._fixed_encoder:
            self.encoder_name = self._fixed_encoder
        else:
            self.encoder_choice = self.settings.choice(self.width, self.height, self.fps)
            self.encoder_name = self.encoder_choice.encoder
        try:
            self.session_dir.mkdir(parents=True, exist_ok=False)
            (self.session_dir / SESSION_FILE).write_text(json.dumps({
                "camera": self.camera, "started": started.isoformat(timespec="milliseconds"),
                "width": self.width, "height": self.height, "fps": self.fps,
                "encoder": self.encoder_name, "segment_s": self.settings.segment_s,
                **({"encoder_reason": self.encoder_choice.reason()} if self.encoder_choice else {}),
            }, indent=1), encoding="utf-8")
        except OSError as exc:
            shutil.rmtree(self.session_dir, ignore_errors=True)
            error = StorageFullError if exc.errno == errno.ENOSPC else EncoderError
            raise error(f"A new tape could not be started in {self.root}: {exc.strerror}. "
                        "Free disk space; recording resumes by itself.") from exc
        args = self._command()
        (log.debug if self._quiet else log.info)("starting tape %s: %s", self.session_dir, " ".join(args))
        try:
            self._proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, bufsize=0)
        except OSError as exc:
            raise EncoderError(f"ffmpeg could not be started ({exc}). Reinstall PackSeal.") from exc
        _widen_pipe(self._proc.stdin)
        self._feed = TimedFeed(self._proc.stdin, width=self.width, height=self.height, fps=self.fps,
                               segment_s=self.settings.segment_s)
        self._stopping.clear()
        self._threads = [
            threading.Thread(target=self._progress_loop, name=f"tape-progress-{self.camera}", daemon=True),
            threading.Thread(target=self._write_loop, name=f"tape-writer-{self.camera}", daemon=True),
            threading.Thread(target=self._watch_loop, name=f"tape-watcher-{self.camera}", daemon=True),
            threading.Thread(target=self._stderr_loop, name=f"tape-stderr-{self.camera}", daemon=True),
        ]
        for t in self._threads:
            t.start()

    def _command(self) -> list[str]:
        assert self.session_dir is not None
        seg = self.settings.segment_s
        # The feed's header says all there is to know: no probing (it would wait for seconds of frames).
        stream = ffmpeg.input("pipe:", format="matroska", probesize=32, analyzeduration=0,
                              **_input_args(self.encoder_name))
        encoder = _encoder_args(self.encoder_name, self.settings,
                                self.settings.cap_kbps(self.width, self.height, self.fps))
        # an encoder's own pixel format, or a filter uploading to the GPU, replaces the default
        pixels = {} if "vf" in encoder or "pix_fmt" in encoder else {"pix_fmt": "yuv420p"}
        out = stream.output(
            str(self.session_dir / SEGMENT_PATTERN),
            **pixels,
            fps_mode="passthrough",  # keep the capture times: never duplicate or drop to a fixed rate
            enc_time_base="1:90000",  # MPEG-TS's clock: millisecond stamps stay exact (not a guessed 29.97)
            # the feed marks the frames that begin a segment (every ``seg`` s, or where asked:
            # cut_after); each becomes a keyframe and the muxer cuts at every keyframe. The encoder's
            # own keyframe interval is twice that, so it adds none between the marks.
            g=max(1, 2 * round(self.fps * seg)),
            force_key_frames=KEYFRAME_EXPR,
            f="segment",
            segment_time=f"{1 / TICKS:g}",
            segment_format="mpegts",
            reset_timestamps=1,
            segment_list=str(self.session_dir / SEGMENT_LIST),
            segment_list_type="csv",
            # the inner MPEG-TS muxer writes every packet at once, so a killed
            # ffmpeg loses only the frames still inside the encoder
            segment_format_options="flush_packets=1",
            **encoder,
        )
        return out.global_args("-hide_banner", "-nostdin", "-loglevel", "warning",
                               "-progress", "pipe:1", "-stats_period", "0.5").compile(cmd=ffmpeg_exe())

    def write(self, frame: Frame) -> bool:
        """Queue a frame for encoding; False (and counted as dropped) when the queue is full."""
        self.stats.frames_in += 1
        if self._failed or self._stopping.is_set():
            self._drop(frame.mono)
            return False
        if not self._queue.full():  # a full queue: not worth converting the frame
            image = frame.image
            if image.shape[1] != self.width or image.shape[0] != self.height:
                image = cv2.resize(image, (self.width, self.height), interpolation=cv2.INTER_AREA)
            try:
                self._queue.put_nowait(_Planes(cv2.cvtColor(image, cv2.COLOR_BGR2YUV_I420), frame.utc, frame.mono))
                return True
            except queue.Full:  # stop() took the last place meanwhile
                pass
        self.stats.frames_overflowed += 1
        self._drop(frame.mono)
        return False

    def cut_after(self, mono: float) -> None:
        """Close a segment as soon as the tape holds capture time ``mono`` (an order's post-roll end),
        instead of when the segment is full: the order's clip can be joined at once."""
        if self._feed is not None:
            self._feed.cut_at(mono)
            self._waited_until = max(self._waited_until, mono + WAITED_FOR_S)

    def _drop(self, mono: float) -> None:
        self.stats.frames_dropped += 1
        self.tally.dropped(mono)

    @property
    def queue_fill(self) -> float:
        """How full the queue to the encoder is, 0 to 1 (pressure for load shedding)."""
        return self._queue.qsize() / self._queue.maxsize

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None and not self._failed

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def kill(self) -> None:
        """Kill ffmpeg at once (a stuck encoder); the watcher then reports it as failed."""
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()

    def stop(self, timeout: float = 20.0) -> None:
        """Encode what is queued, close the last segment and wait for ffmpeg to end."""
        if self._proc is None:
            return
        self._stopping.set()
        self._queue.put(None)  # the writer closes stdin when it reaches this
        deadline = time.monotonic() + timeout
        for t in self._threads:
            t.join(max(0.1, deadline - time.monotonic()))
        if self._proc.poll() is None:
            log.warning("ffmpeg did not end in %.0f s; killing it", timeout)
            self._proc.kill()
            self._proc.wait(5)
        elif self._proc.returncode == 0 and not self._failed and self.session_dir is not None:
            (self.session_dir / ENDED_FILE).write_text("stopped", encoding="utf-8")
        self._proc = None

    # -- threads ------------------------------------------------------------
    def _write_loop(self) -> None:
        proc, feed = self._proc, self._feed
        assert proc is not None and proc.stdin is not None and feed is not None
        while True:
            planes = self._queue.get()
            if planes is None:
                break
            if self._failed:
                self._drop(planes.mono)
                continue
            self.handing_since = time.monotonic()
            try:
                feed.write(planes.yuv, planes.utc, planes.mono)
            except (BrokenPipeError, OSError, ValueError) as exc:
                self._drop(planes.mono)
                self._fail(f"ffmpeg stopped taking frames ({exc})")
                continue
            finally:
                self.handing_since = None
            self.stats.frames_written += 1
        try:
            proc.stdin.close()
        except OSError:
            pass

    def _progress_loop(self) -> None:
        """Follow ffmpeg's ``-progress`` report: the frames it has encoded so far."""
        proc = self._proc
        assert proc is not None and proc.stdout is not None
        for raw in proc.stdout:
            if raw.startswith(b"frame="):
                try:
                    n = int(raw[6:].strip() or 0)
                except ValueError:
                    continue
                if n > self.frames_encoded:
                    self.frames_encoded = n
                    self.progress_mono = time.monotonic()

    def _fail(self, why: str) -> None:
        if self._failed:
            return
        self._failed = True
        detail = f" ffmpeg said: {self._last_stderr[-1]}" if self._last_stderr else ""
        err = EncoderError(f"The video encoder stopped: {why}.{detail}")
        (log.debug if self._quiet else log.error)("%s", err)
        self._on_error(err)

    def _stderr_loop(self) -> None:
        proc = self._proc
        assert proc is not None and proc.stderr is not None
        flog = logging.getLogger("packseal.ffmpeg")
        for raw in proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip()
            if line:
                if not self._quiet:
                    flog.warning("[%s] %s", self.camera, line)
                self._last_stderr = (self._last_stderr + [line])[-5:]
                if self._quiet:
                    self.stderr_lines.append(line)

    def _watch_loop(self) -> None:
        assert self.session_dir is not None
        listing = self.session_dir / SEGMENT_LIST
        read = 0  # bytes of the listing taken so far (whole lines)
        proc = self._proc
        while True:
            finished = proc is None or proc.poll() is not None
            read = self._read_listing(listing, read)
            if finished:
                break
            time.sleep(WATCH_WAITED_S if time.monotonic() < self._waited_until else WATCH_S)
        if self._feed is not None:
            lost = self._feed.unsegmented()  # sent to ffmpeg, never in a closed segment
            for ft in lost:
                self.tally.dropped(ft.mono)
            self.stats.frames_dropped += len(lost)
            if lost and not self._quiet:
                log.warning("%d frames sent to the encoder never reached a closed segment", len(lost))
        if proc is not None and proc.returncode not in (0, None) and not self._stopping.is_set():
            self._fail(f"ffmpeg exited with code {proc.returncode}")

    def _read_listing(self, listing: Path, read: int) -> int:
        """Handle the listing's new whole lines after byte ``read``; returns the bytes taken now."""
        try:
            if listing.stat().st_size <= read:
                return read
            with open(listing, "rb") as f:
                f.seek(read)
                fresh = f.read()
        except FileNotFoundError:
            return read
        whole = fresh[:fresh.rfind(b"\n") + 1]  # the last piece may be unfinished
        for line in whole.decode("utf-8").split("\n")[:-1]:
            try:
                self._segment_closed(line)
            except Exception:
                log.exception("could not process tape segment line %r", line)
        return read + len(whole)

    def _segment_closed(self, line: str) -> None:
        assert self.session_dir is not None and self._feed is not None
        name, start_s, end_s = line.rsplit(",", 2)
        frames = self._feed.frames_between(float(start_s), float(end_s))
        path = self.session_dir / name
        digest, size = sha256_file(path)
        step = 1.0 / self.fps
        if frames:
            first, last = frames[0], frames[-1]
            holes = tuple(self._feed.holes_between(first.pts, last.pts))
            self._feed.forget_before(last.pts + 1)
        else:  # should not happen; keep the segment anyway
            log.error("tape segment %s holds no frame this tape sent (%s to %s s)", name, start_s, end_s)
            first = last = FrameTime(round(float(start_s) * TICKS), datetime.now(timezone.utc), time.monotonic())
            holes = ()
        seg = Segment(
            camera=self.camera,
            session=self.session_dir.name,
            index=int(name.removeprefix("seg-").removesuffix(".ts")),
            path=path,
            start_utc=first.utc,
            end_utc=last.utc + timedelta(seconds=step),
            start_mono=first.mono,
            end_mono=last.mono + step,
            frames=len(frames),
            bytes=size,
            sha256=digest,
            holes=holes,
            last_frame_mono=last.mono,
            timeline_s=(last.pts - first.pts) / TICKS + step if frames else None,
        )
        self.stats.segments += 1
        self.last_segment_mono = time.monotonic()
        self._on_segment(seg)


#: A trial encode: this many frames at this rate, in segments of this length (so at least two).
TRIAL_FRAMES, TRIAL_FPS, TRIAL_SEGMENT_S = 10, 10.0, 0.5


def trial_encode(encoder: str, *, width: int, height: int, settings: EncoderSettings,
                 timeout: float = 15.0) -> str | None:
    """Encode a few frames through a real tape with ``encoder``; None when it works, else why not.

    It works when ffmpeg takes every frame, closes at least two segments
    holding all of them, and each segment decodes again on its own to its
    frames: what a clip needs of its tape.
    """
    if encoder == "h264_vaapi" and not Path(VAAPI_DEVICE).exists():
        return f"no {VAAPI_DEVICE} (no GPU with a VAAPI driver)"
    segments: list[Segment] = []
    with tempfile.TemporaryDirectory(prefix="packseal-encoder-trial-") as tmp:
        tape = Tape(Path(tmp), width=width, height=height, fps=TRIAL_FPS, camera="trial",
                    settings=replace(settings, segment_s=TRIAL_SEGMENT_S), on_segment=segments.append,
                    queue_seconds=2.0, encoder=encoder, quiet=True)
        try:
            tape.start()
        except EncoderError as exc:
            return str(exc)
        # a moving gradient: something to encode, never a flat picture an encoder could skip
        # (one row computed, then copied down: the trials run while the station starts)
        ramp = np.linspace(0, 255, width, dtype=np.float32)[None, :, None]
        utc, mono = datetime.now(timezone.utc), time.monotonic()
        for i in range(TRIAL_FRAMES):
            row = np.repeat(((ramp + 20 * i) % 256).astype(np.uint8), 3, axis=2)
            image = np.tile(row, (height, 1, 1))
            tape.write(Frame(image, i, utc + timedelta(seconds=i / TRIAL_FPS), mono + i / TRIAL_FPS))
        tape.stop(timeout)
        said = _first_complaint(tape.stderr_lines, encoder)
        encoded = sum(seg.frames for seg in segments)
        if tape.stats.frames_dropped:
            return f"{tape.stats.frames_dropped} of {TRIAL_FRAMES} frames lost{said}"
        if len(segments) < 2 or encoded != TRIAL_FRAMES:
            return f"{encoded} of {TRIAL_FRAMES} frames in {len(segments)} segments{said}"
        for seg in segments:
            decoded = _decoded_frames(seg.path)
            if decoded != seg.frames:
                return f"segment {seg.path.name} decodes to {decoded} of its {seg.frames} frames{said}"
    return None


def _first_complaint(lines: list[str], encoder: str) -> str:
    """ffmpeg's line that says why ``encoder`` failed: its first naming the encoder, else its first error."""
    tag = encoder.removeprefix("h264_").upper()  # AMF complains as "[AMF @ …]"
    line = next((ln for ln in lines if encoder in ln or f"[{tag} @" in ln), None) or \
        next((ln for ln in lines if "rror" in ln or "annot" in ln or "ailed" in ln), None)
    return f" (ffmpeg said: {line})" if line else ""


def _decoded_frames(path: Path) -> int:
    """How many frames ffmpeg decodes from ``path`` on its own (-1 when it cannot)."""
    proc = subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-v", "error", "-i", str(path),
                           "-map", "0:v:0", "-f", "framecrc", "-"], capture_output=True, text=True, timeout=30)
    if proc.returncode != 0:
        return -1
    return sum(1 for line in proc.stdout.splitlines() if line and not line.startswith("#"))
