"""How the matcher's floor trades missed close-ups against false matches on unrelated photos.

Ranks generated photos against the generated dispute clip of the tests
(tests/support/scene.py) with the floor lowered to 6 inliers, keeps each
photo's best fitted frame, and prints how many close-ups and how many
unrelated photos each pair (minimum inliers, minimum score) would let
through. Close-ups (tests/support/closeups.py) are a third to a half of the
box at 2-4x the clip's scale, turned five ways; a close-up counts as found
only when the frame's homography puts the part's centre within 5 % of the
photo's size of where it is. Unrelated photos: other printed objects close
up, floors, noise, the test camera's bench, another box, a mirrored photo.

    .venv/bin/python bench/compare_thresholds.py
"""

from __future__ import annotations

import itertools
import sys
import tempfile
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from packseal.core.capture.synthetic_source import TestPatternSource  # noqa: E402
from packseal.core.compare import matcher  # noqa: E402
from packseal.core.compare.frame_index import ensure_index  # noqa: E402
from packseal.core.compare.photo import photo_from_bytes  # noqa: E402
from tests.support import closeups, scene  # noqa: E402

PARTS = {"right third": (2 / 3, 1, 0, 1), "left third": (0, 1 / 3, 0, 1), "middle third": (1 / 3, 2 / 3, 0, 1),
         "top third": (0, 1, 0, 1 / 3), "bottom third": (0, 1, 2 / 3, 1), "right 40 %": (0.6, 1, 0, 1),
         "upper right quarter": (0.5, 1, 0, 0.5)}
FLOORS = [(i, s) for i in (8, 10, 12, 14, 16) for s in (1.5, 2.0, 3.0, 4.0)]


def best_fit(index, image):
    ranking = matcher.rank_frames(index, photo_from_bytes(scene.jpeg_bytes(image, 85)),
                                  accept=lambda m: m.inliers >= 6)
    return ranking.best


def found_part(match, shot, part) -> bool:
    x0, x1, y0, y1 = part
    centre = np.array([[[(x0 + x1) / 2 * scene.TEX_W, (y0 + y1) / 2 * scene.TEX_H]]], np.float32)
    predicted = cv2.perspectiveTransform(cv2.perspectiveTransform(centre, scene.clip_homography(match.t_s)),
                                         match.homography)[0, 0]
    truth = cv2.perspectiveTransform(centre, shot.homography)[0, 0]
    return bool(np.linalg.norm(predicted - truth) < 0.05 * max(shot.image.shape[:2]))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        clip = scene.write_clip(Path(tmp) / "clip.mp4")
        index = ensure_index(clip, start_utc=scene.CLIP_START)
        close: list[tuple[str, object]] = []  # (name, best fitted match when it shows the part, else None)
        for (name, part), mag, rot in itertools.product(PARTS.items(), (2.0, 2.5, 3.0, 3.5, 4.0),
                                                        (0, 45, 110, 200, 290)):
            shot = closeups.closeup(part, magnification=mag, rotation=rot, seed=int(mag * 10 + rot))
            m = best_fit(index, shot.image)
            close.append((name, m if m is not None and found_part(m, shot, part) else None))
        others = [closeups.unrelated_closeup(mag, rot, seed)
                  for seed, mag, rot in itertools.product(range(90, 96), (2.0, 3.0, 4.0), (0, 130))]
        others += [scene.floor_background(seed=s) for s in range(1, 6)]
        others += [np.random.default_rng(s).integers(0, 255, (900, 1200, 3), dtype=np.uint8) for s in range(1, 6)]
        others += [TestPatternSource(1280, 720).scene.render(t) for t in (2.0, 5.0, 9.0)]
        others += [scene.refund_photo(other_item=True), cv2.flip(scene.refund_photo(), 1)]
        unrelated = [best_fit(index, img) for img in others]

    print(f"{len(close)} close-ups, {len(unrelated)} unrelated photos, clip of {len(index)} indexed frames")
    worst = max(((m.inliers, m.score) for m in unrelated if m is not None), default=(0, 0.0))
    print(f"unrelated photos at most: {worst[0]} inliers, score {worst[1]:.1f}")
    print("| min inliers | min score | close-ups found | unrelated photos matched |")
    print("|---:|---:|---:|---:|")
    for inl, score in FLOORS:
        def ok(m):
            return m is not None and m.inliers >= inl and m.score >= score
        mark = " ← chosen" if (inl, score) == (matcher.MIN_INLIERS, matcher.MIN_SCORE) else ""
        print(f"| {inl} | {score:.1f} | {sum(ok(m) for _, m in close)} of {len(close)} | "
              f"{sum(ok(m) for m in unrelated)} of {len(unrelated)}{mark} |")
    missed = sorted({name for name, m in close if not (m is not None and matcher.passes(m))})
    print("close-ups missed at the chosen floor:", ", ".join(missed) or "none")


if __name__ == "__main__":
    main()
