"""Generated dispute scenes with known ground truth, for the compare tests.

A textured product box lies on a packing bench. In the clip it slides into
view, tilts towards the camera and away again (its pose changes with time),
and for a while a hand covers half of it. The "refund photo" shows the same
box from another camera, close up, in warmer and uneven light, on another
surface, with a dark crack drawn on the box and a stain on the floor beside
it. Every pose is a known homography from the box's texture, so the tests
know where the box is, when it is covered, and where the crack lands.
"""

from __future__ import annotations

import io
import math
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from packseal.core.capture.fonts import cjk_font_path
from packseal.core.media.ffmpeg import ffmpeg_exe

#: The capture time of the scene clip's first frame, and the order it is filed under.
CLIP_START = datetime(2026, 3, 2, 2, 15, 0, tzinfo=timezone.utc)
ORDER = "SF1234567890123"

TEX_W, TEX_H = 480, 320          # the box's printed top, in texture pixels
CLIP_W, CLIP_H, CLIP_FPS = 960, 540, 10
CLIP_SECONDS = 12.0
SLIDE_END_S = 1.5                # the box is fully in view from here on
HAND_S = (6.5, 8.0)              # a hand covers the right half of the box
PHOTO_W, PHOTO_H = 1600, 1200
# The photo's camera sees the box at this tilt; the clip passes it at PHOTO_POSE_T_S.
PHOTO_POSE = {"pitch": -22.0, "yaw": 24.0, "roll": -8.0}
# The crack, in texture pixels: a jagged dark line over the light, printed-free corner.
CRACK = [(300, 205), (322, 226), (318, 240), (345, 258), (352, 282), (380, 296)]
# A stain on the floor beside the box in the photo (photo pixels): must not be reported.
FLOOR_STAIN = ((160, 1040), (70, 45))


def _font(px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(cjk_font_path()), px)


def item_texture(seed: int = 1, *, crack: bool = False) -> np.ndarray:
    """The printed top of a product box (BGR, TEX_W×TEX_H), full of features."""
    rng = np.random.default_rng(seed)
    img = Image.new("RGB", (TEX_W, TEX_H), (238, 228, 205))
    d = ImageDraw.Draw(img)
    # A product picture: sky, hills, sun, a tea cup outline, in the left half.
    for y in range(20, 190):
        c = int(120 + 0.6 * (y - 20))
        d.line([(20, y), (250, y)], fill=(90, c, 200 - (y - 20) // 3))
    for i in range(5):
        x0 = int(rng.integers(10, 200))
        d.polygon([(x0, 190), (x0 + int(rng.integers(40, 90)), int(rng.integers(70, 150))),
                   (x0 + int(rng.integers(100, 160)), 190)],
                  fill=tuple(int(v) for v in rng.integers(20, 140, 3)))
    d.ellipse([180, 35, 230, 85], fill=(250, 200, 40), outline=(200, 90, 20), width=3)
    d.rectangle([20, 20, 250, 190], outline=(40, 40, 40), width=3)
    # Brand and product text, Latin and Chinese.
    d.text((265, 22), "PackSeal", font=_font(34), fill=(150, 20, 30))
    d.text((265, 62), "乌龙茶 Oolong", font=_font(26), fill=(30, 60, 30))
    d.text((265, 96), f"净含量 500g  No.{seed:04d}", font=_font(18), fill=(20, 20, 20))
    # Barcode-like stripes and a row of coloured badges.
    x = 265
    while x < 460:
        wbar = int(rng.integers(1, 5))
        d.rectangle([x, 125, x + wbar, 168], fill=(0, 0, 0))
        x += wbar + int(rng.integers(1, 5))
    for i in range(6):
        col = tuple(int(v) for v in rng.integers(30, 230, 3))
        cx = 38 + i * 40
        if i % 2:
            d.rectangle([cx - 14, 205, cx + 14, 233], fill=col, outline=(0, 0, 0), width=2)
        else:
            d.ellipse([cx - 14, 205, cx + 14, 233], fill=col, outline=(0, 0, 0), width=2)
    d.text((22, 245), "Keep dry · 保持干燥 · Batch " + "".join(str(int(v)) for v in rng.integers(0, 9, 6)),
           font=_font(16), fill=(60, 60, 60))
    d.text((22, 272), "www.packseal.example  ☆ 品质保证", font=_font(16), fill=(60, 30, 90))
    d.rectangle([4, 4, TEX_W - 5, TEX_H - 5], outline=(120, 40, 30), width=6)
    tex = cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)
    # Fine print texture so the box has features at every scale.
    noise = rng.normal(0, 6, (TEX_H, TEX_W, 1))
    tex = np.clip(tex.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    if crack:
        pts = np.array(CRACK, np.int32)
        cv2.polylines(tex, [pts], False, (25, 22, 20), 5, cv2.LINE_AA)
        cv2.polylines(tex, [pts + np.array([3, -2])], False, (70, 60, 55), 2, cv2.LINE_AA)
    return tex


def other_texture(seed: int = 99) -> np.ndarray:
    """A different printed object (a page of shapes and digits): something else entirely."""
    rng = np.random.default_rng(seed)
    img = Image.new("RGB", (TEX_W, TEX_H), (210, 225, 240))
    d = ImageDraw.Draw(img)
    for _ in range(70):
        x, y = int(rng.integers(0, TEX_W)), int(rng.integers(0, TEX_H))
        r = int(rng.integers(6, 30))
        col = tuple(int(v) for v in rng.integers(0, 255, 3))
        if rng.random() < 0.5:
            d.rectangle([x, y, x + r, y + int(r * 0.6)], fill=col)
        else:
            d.ellipse([x, y, x + r, y + r], outline=col, width=3)
    for i in range(8):
        d.text((10 + 57 * i, int(rng.integers(0, TEX_H - 30))),
               str(int(rng.integers(100, 999))), font=_font(22), fill=(0, 0, 0))
    tex = cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)
    return np.clip(tex.astype(np.float32) + rng.normal(0, 6, tex.shape), 0, 255).astype(np.uint8)


def bench_background() -> np.ndarray:
    """The packing bench seen by the station camera: wood and a green cutting mat."""
    rng = np.random.default_rng(5)
    grain = cv2.resize(rng.normal(0, 1, (CLIP_H // 3, CLIP_W // 60)).astype(np.float32),
                       (CLIP_W, CLIP_H), interpolation=cv2.INTER_CUBIC)
    grain += 0.3 * rng.normal(0, 1, (CLIP_H, CLIP_W)).astype(np.float32)
    bench = np.clip(np.array([60, 110, 160], np.float32) * (1 + 0.08 * grain)[..., None], 0, 255)
    bench = bench.astype(np.uint8)
    cv2.rectangle(bench, (90, 50), (870, 520), (78, 112, 52), -1)
    for x in range(110, 870, 24):
        cv2.line(bench, (x, 50), (x, 520), (96, 136, 70), 1)
    for y in range(70, 520, 24):
        cv2.line(bench, (90, y), (870, y), (96, 136, 70), 1)
    return bench


def floor_background(seed: int = 11) -> np.ndarray:
    """The buyer's floor: speckled grey tiles, with a stain in one corner."""
    rng = np.random.default_rng(seed)
    base = rng.normal(150, 12, (PHOTO_H // 4, PHOTO_W // 4)).astype(np.float32)
    base = cv2.resize(base, (PHOTO_W, PHOTO_H), interpolation=cv2.INTER_CUBIC)
    base += rng.normal(0, 6, (PHOTO_H, PHOTO_W)).astype(np.float32)
    floor = np.clip(np.stack([base * 1.02, base, base * 0.96], -1), 0, 255).astype(np.uint8)
    for x in range(0, PHOTO_W, 400):
        cv2.line(floor, (x, 0), (x, PHOTO_H), (110, 112, 115), 3)
    for y in range(0, PHOTO_H, 400):
        cv2.line(floor, (0, y), (PHOTO_W, y), (110, 112, 115), 3)
    (cx, cy), (ax, ay) = FLOOR_STAIN
    cv2.ellipse(floor, (cx, cy), (ax, ay), 20, 0, 360, (40, 60, 90), -1, cv2.LINE_AA)
    return floor


# -- poses ----------------------------------------------------------------------

def project_box(pitch: float, yaw: float, roll: float, cx: float, cy: float,
                focal: float, distance: float) -> np.ndarray:
    """The image corners (4×2 float32) of the box top seen by a pinhole camera."""
    p, y, r = (math.radians(a) for a in (pitch, yaw, roll))
    rx = np.array([[1, 0, 0], [0, math.cos(p), -math.sin(p)], [0, math.sin(p), math.cos(p)]])
    ry = np.array([[math.cos(r), 0, math.sin(r)], [0, 1, 0], [-math.sin(r), 0, math.cos(r)]])
    rz = np.array([[math.cos(y), -math.sin(y), 0], [math.sin(y), math.cos(y), 0], [0, 0, 1]])
    rot = rz @ rx @ ry
    corners = np.array([[-TEX_W / 2, -TEX_H / 2, 0], [TEX_W / 2, -TEX_H / 2, 0],
                        [TEX_W / 2, TEX_H / 2, 0], [-TEX_W / 2, TEX_H / 2, 0]])
    cam = corners @ rot.T + np.array([0, 0, distance])
    return np.stack([focal * cam[:, 0] / cam[:, 2] + cx, focal * cam[:, 1] / cam[:, 2] + cy],
                    1).astype(np.float32)


def clip_pose(t: float) -> dict[str, float]:
    """The box's tilt and place in the clip at ``t`` seconds."""
    s = min(1.0, t / SLIDE_END_S)
    cx = -260 + (490 + 260) * (1 - (1 - s) ** 2)  # eases in from the left edge
    u = max(0.0, t - SLIDE_END_S) / (CLIP_SECONDS - SLIDE_END_S)
    return {"pitch": 38 - 76 * u, "yaw": 4 + 26 * u, "roll": 9 * math.sin(t / 2),
            "cx": cx + 20 * u, "cy": 285.0}


def clip_homography(t: float) -> np.ndarray:
    """Texture → clip frame homography at ``t``."""
    pose = clip_pose(t)
    dst = project_box(pose["pitch"], pose["yaw"], pose["roll"], pose["cx"], pose["cy"], 800, 1350)
    return _texture_to(dst)


def pose_distance(t: float) -> float:
    """How far (degrees) the clip's view at ``t`` is from the photo's view."""
    p = clip_pose(t)
    return math.sqrt(sum((p[k] - PHOTO_POSE[k]) ** 2 for k in ("pitch", "yaw", "roll")))


def closest_pose_time() -> float:
    """The time in the clip whose view is closest to the photo's."""
    times = np.arange(SLIDE_END_S, CLIP_SECONDS, 0.05)
    return float(times[int(np.argmin([pose_distance(t) for t in times]))])


def hand_covers(t: float) -> bool:
    return HAND_S[0] <= t <= HAND_S[1]


def photo_homography() -> np.ndarray:
    """Texture → photo homography: close up, from the photo's angle."""
    dst = project_box(PHOTO_POSE["pitch"], PHOTO_POSE["yaw"], PHOTO_POSE["roll"],
                      PHOTO_W * 0.52, PHOTO_H * 0.47, 2000, 1150)
    return _texture_to(dst)


def _texture_to(dst: np.ndarray) -> np.ndarray:
    src = np.array([[0, 0], [TEX_W, 0], [TEX_W, TEX_H], [0, TEX_H]], np.float32)
    return cv2.getPerspectiveTransform(src, dst)


def _paste_warped(canvas: np.ndarray, tex: np.ndarray, h: np.ndarray) -> None:
    """Draw ``tex`` through homography ``h`` onto ``canvas``, blending only where it lands."""
    corners = cv2.perspectiveTransform(
        np.array([[[0, 0], [tex.shape[1], 0], [tex.shape[1], tex.shape[0]], [0, tex.shape[0]]]],
                 np.float32), h)[0]
    x0, y0 = np.floor(corners.min(axis=0)).astype(int) - 1
    x1, y1 = np.ceil(corners.max(axis=0)).astype(int) + 1
    x0, y0 = max(0, x0), max(0, y0)
    x1, y1 = min(canvas.shape[1], x1), min(canvas.shape[0], y1)
    if x1 <= x0 or y1 <= y0:
        return
    shifted = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]], np.float64) @ h
    size = (x1 - x0, y1 - y0)
    warped = cv2.warpPerspective(tex, shifted, size, flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full(tex.shape[:2], 255, np.uint8), shifted, size, flags=cv2.INTER_LINEAR)
    a = (mask.astype(np.float32) / 255)[..., None]
    roi = canvas[y0:y1, x0:x1]
    roi[:] = (roi * (1 - a) + warped * a).astype(np.uint8)


def _hand(frame: np.ndarray, t: float) -> None:
    """A hand reaching over the right half of the box while HAND_S lasts."""
    if not hand_covers(t):
        return
    corners = cv2.perspectiveTransform(np.array([[[TEX_W * 0.7, TEX_H * 0.5]]], np.float32),
                                       clip_homography(t))[0, 0]
    cx, cy = int(corners[0]), int(corners[1])
    skin, dark = (140, 172, 220), (110, 140, 190)
    cv2.ellipse(frame, (cx, cy), (120, 95), 15, 0, 360, skin, -1, cv2.LINE_AA)
    for i in range(4):
        fx = cx - 95 + 55 * i
        cv2.ellipse(frame, (fx, cy - 120), (22, 70), 0, 0, 360, skin, -1, cv2.LINE_AA)
        cv2.ellipse(frame, (fx, cy - 120), (22, 70), 0, 0, 360, dark, 2, cv2.LINE_AA)
    cv2.rectangle(frame, (cx - 90, cy + 60), (cx + 130, CLIP_H), (140, 84, 40), -1)


def clip_frame(t: float, bench: np.ndarray, tex: np.ndarray) -> np.ndarray:
    """The station camera's frame at ``t`` seconds (sensor noise from OpenCV's seeded RNG)."""
    frame = bench.copy()
    _paste_warped(frame, tex, clip_homography(t))
    _hand(frame, t)
    cv2.rectangle(frame, (8, 8), (330, 40), (0, 0, 0), -1)
    cv2.putText(frame, f"2026-03-02 10:15:{int(t):02d}  ST-1", (14, 32), cv2.FONT_HERSHEY_SIMPLEX,
                0.7, (255, 255, 255), 2, cv2.LINE_AA)
    noise = np.empty(frame.shape, np.int16)
    cv2.randn(noise, 0, 3)
    return cv2.add(frame, noise, dtype=cv2.CV_8U)


def write_clip(path: Path, seconds: float = CLIP_SECONDS) -> Path:
    """Encode the bench clip as H.264 MP4 (as the tape does) and return ``path``."""
    bench, tex = bench_background(), item_texture()
    cv2.setRNGSeed(3)
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
           "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", f"{CLIP_W}x{CLIP_H}", "-r", str(CLIP_FPS),
           "-i", "pipe:", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20",
           "-g", str(2 * CLIP_FPS), "-pix_fmt", "yuv420p", "-movflags", "+faststart", str(path)]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None
    for i in range(int(round(seconds * CLIP_FPS))):
        proc.stdin.write(clip_frame(i / CLIP_FPS, bench, tex).tobytes())
    proc.stdin.close()
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.wait() != 0:
        raise RuntimeError(f"ffmpeg could not write the test clip: {err}")
    return path


def _relight(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Other light: warmer, darker gamma, brighter on the left, a little noise and blur."""
    f = img.astype(np.float32) / 255
    f = f ** 1.25
    f *= np.array([0.82, 0.97, 1.12], np.float32)          # BGR: a warm cast
    ramp = np.linspace(1.15, 0.85, f.shape[1], dtype=np.float32)[None, :, None]
    f = f * ramp * 255 + rng.normal(0, 3.0, f.shape)
    return cv2.GaussianBlur(np.clip(f, 0, 255).astype(np.uint8), (0, 0), 0.8)


def refund_photo(*, defect: bool = True, other_item: bool = False) -> np.ndarray:
    """The buyer's photo (BGR): the box close up in other light, with a crack when ``defect``."""
    canvas = floor_background()
    tex = other_texture() if other_item else item_texture(crack=defect)
    _paste_warped(canvas, tex, photo_homography())
    return _relight(canvas, np.random.default_rng(8))


def crack_in_photo() -> np.ndarray:
    """The crack's points in photo pixels (N×2)."""
    pts = np.array([CRACK], np.float32)
    return cv2.perspectiveTransform(pts, photo_homography())[0]


def item_outline_in_photo() -> np.ndarray:
    src = np.array([[[0, 0], [TEX_W, 0], [TEX_W, TEX_H], [0, TEX_H]]], np.float32)
    return cv2.perspectiveTransform(src, photo_homography())[0]


def jpeg_bytes(bgr: np.ndarray, quality: int = 85, **save_args) -> bytes:
    """``bgr`` as JPEG bytes saved by Pillow (``save_args`` e.g. exif=...)."""
    buf = io.BytesIO()
    Image.fromarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)).save(buf, "JPEG", quality=quality, **save_args)
    return buf.getvalue()


@dataclass(frozen=True)
class SceneFiles:
    clip: Path
    photo: Path          # the box with a crack
    other_photo: Path    # something else


def write_scene(folder: Path) -> SceneFiles:
    """Write the clip and the two photos into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    clip = write_clip(folder / "order_clip.mp4")
    photo = folder / "refund.jpg"
    photo.write_bytes(jpeg_bytes(refund_photo(), 85))
    other = folder / "other.jpg"
    other.write_bytes(jpeg_bytes(refund_photo(other_item=True), 85))
    return SceneFiles(clip, photo, other)
