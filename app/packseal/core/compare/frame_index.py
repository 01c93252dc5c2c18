"""The frame index of a clip: features of a frame every half second, stored beside the clip.

A comparison must never decode a whole video, so when a clip is finished its
frames are decoded once, in order, and every ~0.5 s one is shrunk to working
size and described by ORB keypoints, a colour histogram and a small JPEG
thumbnail. The index is one uncompressed ``.npz`` file (``<clip>.index.npz``)
of plain arrays, loaded with ``allow_pickle=False``: opening it takes
milliseconds and it can hold no code. It records its format version and the
clip's sha256, so an index that belongs to another version of the file is
rebuilt instead of trusted.
"""

from __future__ import annotations

import hashlib
import logging
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

import cv2
import numpy as np

from packseal.core.compare.features import (DESCRIPTOR_BYTES, DETECTOR_NAME, FRAME_FEATURES,
                                            colour_histogram, detect, to_work_size)
from packseal.core.errors import BadInputError, PackSealError, StorageError
from packseal.core.media.decoder import ClipDecoder, MediaError

log = logging.getLogger(__name__)

INDEX_VERSION = 1
INDEX_SUFFIX = ".index.npz"
#: Seconds between indexed frames.
INDEX_INTERVAL_S = 0.5
THUMB_LONG_SIDE = 160
_THUMB_QUALITY = 80

_ARRAYS = ("frame_numbers", "t_s", "captured_ms", "kp_offsets", "keypoints", "descriptors",
           "histograms", "thumb_offsets", "thumbs")


def index_path_for(clip_path: Path | str) -> Path:
    """Where the index of ``clip_path`` lives: beside it, named ``<clip name>.index.npz``."""
    clip_path = Path(clip_path)
    return clip_path.with_name(clip_path.name + INDEX_SUFFIX)


def sha256_of_file(path: Path | str) -> str:
    """Hex sha256 of a file's bytes, read in 1 MiB blocks."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            while block := f.read(1 << 20):
                h.update(block)
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {exc}") from exc
    return h.hexdigest()


@dataclass(frozen=True)
class FrameIndex:
    """Features of a clip's frames every ~0.5 s.

    Frame ``i`` of the index is frame ``frame_numbers[i]`` of the clip,
    ``t_s[i]`` seconds from its start, captured at ``captured_ms[i]`` (UTC
    milliseconds: the clip's start capture time plus ``t_s``). Its keypoints
    and descriptors (strongest first) are rows ``kp_offsets[i]:kp_offsets[i+1]`` of
    ``keypoints`` (x, y, size, angle in index pixels) and ``descriptors``.
    Index pixels are clip pixels times ``scale``. ``histograms`` (hue ×
    saturation, per frame) serve quick whole-frame comparisons such as a
    filmstrip's; the ranking does not use them, because a refund photo's
    other light and framing make colour histograms unreliable there.
    """

    clip_sha256: str
    start_ms: int
    fps: float
    frame_size: tuple[int, int]  # (width, height) of the clip's frames
    scale: float
    interval_s: float
    frame_numbers: np.ndarray
    t_s: np.ndarray
    captured_ms: np.ndarray
    kp_offsets: np.ndarray
    keypoints: np.ndarray
    descriptors: np.ndarray
    histograms: np.ndarray
    thumb_offsets: np.ndarray
    thumbs: np.ndarray
    detector: str = DETECTOR_NAME
    version: int = INDEX_VERSION

    def __len__(self) -> int:
        return len(self.frame_numbers)

    def features(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(keypoints N×4, descriptors N×32) of indexed frame ``i``."""
        a, b = int(self.kp_offsets[i]), int(self.kp_offsets[i + 1])
        return self.keypoints[a:b], self.descriptors[a:b]

    def thumbnail(self, i: int) -> np.ndarray:
        """The small BGR picture of indexed frame ``i`` (long side 160 px)."""
        a, b = int(self.thumb_offsets[i]), int(self.thumb_offsets[i + 1])
        image = cv2.imdecode(self.thumbs[a:b], cv2.IMREAD_COLOR)
        if image is None:
            raise StorageError(f"thumbnail {i} of the frame index is damaged; delete the index to rebuild it")
        return image

    def captured_at(self, i: int) -> datetime:
        """Capture time (UTC) of indexed frame ``i``."""
        return datetime.fromtimestamp(int(self.captured_ms[i]) / 1000, tz=timezone.utc)

    def with_start(self, start_utc: datetime) -> FrameIndex:
        """The same index with capture times counted from another clip start."""
        start_ms = _utc_ms(start_utc)
        if start_ms == self.start_ms:
            return self
        return replace(self, start_ms=start_ms, captured_ms=_capture_ms(start_ms, self.t_s))

    # -- file ---------------------------------------------------------------

    def save(self, path: Path | str) -> None:
        """Write the index to ``path`` atomically (a temporary file renamed into place)."""
        path = Path(path)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.part")  # two writers never share a temp file
        meta = {
            "version": np.array(self.version, np.int64),
            "clip_sha256": np.array(self.clip_sha256),
            "detector": np.array(self.detector),
            "start_ms": np.array(self.start_ms, np.int64),
            "fps": np.array(self.fps, np.float64),
            "frame_size": np.array(self.frame_size, np.int64),
            "scale": np.array(self.scale, np.float64),
            "interval_s": np.array(self.interval_s, np.float64),
        }
        try:
            with open(tmp, "wb") as f:
                np.savez(f, **meta, **{name: getattr(self, name) for name in _ARRAYS})
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StorageError(f"cannot write the frame index {path}: {exc}") from exc

    @classmethod
    def load(cls, path: Path | str) -> FrameIndex:
        """Read an index file. Raises :class:`StorageError` if it is missing, damaged or of another version."""
        path = Path(path)
        try:
            with np.load(path, allow_pickle=False) as z:
                version = int(z["version"])
                if version != INDEX_VERSION:
                    raise StorageError(f"the frame index {path} has format {version}, "
                                       f"this PackSeal reads {INDEX_VERSION}")
                w, h = (int(v) for v in z["frame_size"])
                index = cls(
                    clip_sha256=str(z["clip_sha256"]), detector=str(z["detector"]),
                    start_ms=int(z["start_ms"]), fps=float(z["fps"]), frame_size=(w, h),
                    scale=float(z["scale"]), interval_s=float(z["interval_s"]), version=version,
                    **{name: z[name] for name in _ARRAYS},
                )
        except StorageError:
            raise
        except (OSError, KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
            raise StorageError(f"the frame index {path} cannot be read ({exc}); it will be rebuilt") from exc
        index._check_shapes(path)
        return index

    def _check_shapes(self, path: Path) -> None:
        n = len(self.frame_numbers)
        k = len(self.keypoints)
        ok = (len(self.t_s) == n and len(self.captured_ms) == n and len(self.histograms) == n
              and self.kp_offsets.shape == (n + 1,) and self.thumb_offsets.shape == (n + 1,)
              and (n == 0 or (self.kp_offsets[0] == 0 and self.kp_offsets[-1] == k
                              and np.all(np.diff(self.kp_offsets) >= 0)
                              and self.thumb_offsets[-1] == len(self.thumbs)))
              and self.keypoints.shape == (k, 4) and self.descriptors.shape == (k, DESCRIPTOR_BYTES)
              and self.descriptors.dtype == np.uint8)
        if not ok:
            raise StorageError(f"the frame index {path} is inconsistent; it will be rebuilt")


def _utc_ms(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise BadInputError("the clip's start time must carry a time zone (UTC)")
    return int(round(moment.timestamp() * 1000))


def _capture_ms(start_ms: int, t_s: np.ndarray) -> np.ndarray:
    return start_ms + np.round(np.asarray(t_s, np.float64) * 1000).astype(np.int64)


class IndexingStopped(PackSealError):
    """Indexing was given up because its caller is stopping; nothing was saved."""


def build_index(clip_path: Path | str, *, start_utc: datetime, sha256: str | None = None,
                interval_s: float = INDEX_INTERVAL_S,
                progress: Callable[[float], None] | None = None,
                stopping: Callable[[], bool] = lambda: False) -> FrameIndex:
    """Decode ``clip_path`` once and index a frame every ``interval_s`` seconds.

    Frames between indexed ones are only grabbed (decoded, not converted).
    ``start_utc`` is the capture time of the clip's first frame; ``sha256``
    the clip's hash when already known (else it is computed). ``progress``
    is called with the fraction done. The index is returned, not saved.
    ``stopping()`` is asked before each indexed frame; when it comes true,
    :class:`IndexingStopped` is raised.
    """
    clip_path = Path(clip_path)
    start_ms = _utc_ms(start_utc)
    if not clip_path.is_file():
        raise StorageError(f"the clip {clip_path} does not exist")
    digest = sha256 or sha256_of_file(clip_path)
    frame_numbers: list[int] = []
    times: list[float] = []
    kps: list[np.ndarray] = []
    descs: list[np.ndarray] = []
    hists: list[np.ndarray] = []
    thumbs: list[bytes] = []
    scale = 1.0
    with _decoder(clip_path) as decoder:
        info = decoder.info
        fps = info.fps
        frame_size = (info.width, info.height)
        picks = _grid(info.times, interval_s)
        for done, n in enumerate(picks, 1):
            if stopping():
                raise IndexingStopped(f"indexing {clip_path} was stopped at frame {n}")
            try:
                frame = decoder.decode(n).image  # decodes on from the last pick, converting only this frame
            except MediaError as exc:  # a cut-short clip is indexed up to where it can be read
                log.warning("indexing %s stopped at frame %d: %s", clip_path, n, exc)
                break
            small, scale = to_work_size(frame)
            feats = detect(small, FRAME_FEATURES, scale=scale)
            frame_numbers.append(n)
            times.append(info.times[n])
            kps.append(feats.keypoints)
            descs.append(feats.descriptors)
            hists.append(colour_histogram(small))
            thumbs.append(_thumbnail_jpeg(small))
            if progress is not None and done % 4 == 0:
                progress(done / len(picks))
    if not frame_numbers:
        raise StorageError(f"the clip {clip_path} holds no decodable video frames; it may be damaged "
                           "(`packseal verify` checks it against its seal)")
    if progress is not None:
        progress(1.0)
    t_arr = np.array(times, np.float64)
    return FrameIndex(
        clip_sha256=digest, start_ms=start_ms, fps=fps, frame_size=frame_size, scale=scale,
        interval_s=float(interval_s),
        frame_numbers=np.array(frame_numbers, np.int64), t_s=t_arr,
        captured_ms=_capture_ms(start_ms, t_arr),
        kp_offsets=np.concatenate([[0], np.cumsum([len(k) for k in kps])]).astype(np.int64),
        keypoints=np.concatenate(kps).astype(np.float32).reshape(-1, 4),
        descriptors=np.concatenate(descs).astype(np.uint8).reshape(-1, DESCRIPTOR_BYTES),
        histograms=np.stack(hists).astype(np.float32),
        thumb_offsets=np.concatenate([[0], np.cumsum([len(b) for b in thumbs])]).astype(np.int64),
        thumbs=np.frombuffer(b"".join(thumbs), np.uint8).copy(),
    )


def _grid(times: tuple[float, ...], interval_s: float) -> list[int]:
    """The frames to index: the first frame at or after each step of ``interval_s`` seconds."""
    picks: list[int] = []
    next_t = 0.0
    for n, t in enumerate(times):
        if t + 1e-6 >= next_t:
            picks.append(n)
            # stay on the grid even if a frame's time jitters
            next_t = (np.floor(t / interval_s + 1e-6) + 1) * interval_s
    return picks


def _decoder(clip_path: Path) -> ClipDecoder:
    try:
        return ClipDecoder(clip_path)
    except MediaError as exc:
        raise StorageError(f"the clip {clip_path} cannot be opened as a video; it may be damaged "
                           f"(`packseal verify` checks it against its seal): {exc}") from exc


def _thumbnail_jpeg(image: np.ndarray) -> bytes:
    h, w = image.shape[:2]
    s = THUMB_LONG_SIDE / max(h, w)
    thumb = cv2.resize(image, (max(1, round(w * s)), max(1, round(h * s))), interpolation=cv2.INTER_AREA)
    ok, buf = cv2.imencode(".jpg", thumb, [cv2.IMWRITE_JPEG_QUALITY, _THUMB_QUALITY])
    if not ok:
        raise StorageError("a frame thumbnail could not be encoded")
    return buf.tobytes()


def ensure_index(clip_path: Path | str, *, start_utc: datetime, sha256: str | None = None,
                 progress: Callable[[float], None] | None = None,
                 stopping: Callable[[], bool] = lambda: False) -> FrameIndex:
    """The clip's index: loaded from beside the clip, or built (and saved) when missing or stale.

    An index is stale when its format version differs or it was built from a
    clip with another sha256 (``sha256`` when given, else the file's hash).
    Capture times follow ``start_utc`` even if the stored index used another start.
    """
    clip_path = Path(clip_path)
    if not clip_path.is_file():
        raise StorageError(f"the clip {clip_path} does not exist")
    digest = sha256 or sha256_of_file(clip_path)
    path = index_path_for(clip_path)
    if path.exists():
        try:
            index = FrameIndex.load(path)
        except StorageError as exc:
            log.warning("rebuilding the frame index of %s: %s", clip_path, exc)
        else:
            if index.clip_sha256 == digest:
                return index.with_start(start_utc)
            log.warning("rebuilding the frame index of %s: it was built for another file (sha256 %s…)",
                        clip_path, index.clip_sha256[:12])
    index = build_index(clip_path, start_utc=start_utc, sha256=digest, progress=progress, stopping=stopping)
    index.save(path)
    log.info("indexed %d frames of %s", len(index), clip_path)
    return index


def decode_frame(clip_path: Path | str, index: FrameIndex, i: int) -> np.ndarray:
    """Indexed frame ``i`` of the clip at its full decoded resolution (BGR), decoded exactly."""
    return decode_frames(clip_path, index, [i])[0]


def decode_frames(clip_path: Path | str, index: FrameIndex, indices: list[int]) -> list[np.ndarray]:
    """Indexed frames ``indices`` (ascending) at full resolution, with the clip opened once."""
    clip_path = Path(clip_path)
    images = []
    with _decoder(clip_path) as decoder:
        for i in indices:
            target = int(index.frame_numbers[i])
            picture = decoder.decode(target)
            if picture.index != target:
                raise StorageError(f"frame {target} of {clip_path} cannot be decoded; is the clip complete?")
            images.append(picture.image)
    return images
