"""One matched frame aligned to the refund photo: the frame, the photo's view of it, the differences.

Pictures here are prepared at the photo's display size (the upright photo
as decoded, long side at most 2048 px); coordinates are full-size photo
pixels (the system of the regions) and clip-frame pixels.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from packseal.core.compare.difference import Difference, compare_with_frame
from packseal.core.compare.frame_index import FrameIndex, decode_frame
from packseal.core.compare.matcher import FrameMatch
from packseal.core.compare.photo import Photo


@dataclass(frozen=True)
class AlignedFrame:
    """One matched frame aligned to the photo, ready to show.

    ``frame`` is the decoded clip frame (BGR, full size) and ``outline`` the
    matched area of the item in it (polygon, frame pixels). ``warped`` is
    that frame warped onto the photo's display picture and ``covered`` where
    it reaches (bool); ``heat`` is the difference heatmap over the display
    picture (BGR). ``difference.regions`` are in full-size photo pixels.
    """

    match: FrameMatch
    frame: np.ndarray
    outline: np.ndarray
    warped: np.ndarray
    covered: np.ndarray
    heat: np.ndarray
    difference: Difference


def align_frame(clip_path: Path, photo: Photo, index: FrameIndex, match: FrameMatch,
                item_points: np.ndarray | None = None, frame: np.ndarray | None = None) -> AlignedFrame:
    """Decode ``match``'s frame (unless ``frame`` is it already), align it to the photo and map the differences.

    ``item_points`` outline the item in photo pixels (all matches' inliers
    together: each frame's inliers cover the parts it matched best); by
    default the match's own.
    """
    if frame is None:
        frame = decode_frame(clip_path, index, match.index)
    points = item_points if item_points is not None and len(item_points) >= 3 else None
    difference = compare_with_frame(photo.image, photo.size, frame, match, points)
    display = photo.image
    size = (display.shape[1], display.shape[0])
    to_display = np.diag([photo.scale, photo.scale, 1.0]) @ match.homography
    warped = cv2.warpPerspective(frame, to_display, size, flags=cv2.INTER_LINEAR)
    covered = cv2.warpPerspective(np.full(frame.shape[:2], 255, np.uint8), to_display, size,
                                  flags=cv2.INTER_NEAREST) > 0
    hull = cv2.convexHull(match.photo_points.astype(np.float32)).reshape(1, -1, 2)
    outline = cv2.perspectiveTransform(hull, np.linalg.inv(match.homography))[0]
    return AlignedFrame(match=match, frame=frame, outline=outline, warped=warped, covered=covered,
                        heat=heat_picture(display, difference), difference=difference)


def heat_picture(display: np.ndarray, difference: Difference) -> np.ndarray:
    """The difference as colour over the photo's display picture (BGR): the item in colour, the rest dimmed.

    Blue is no difference, red twice the threshold above which a pixel
    counts; outside the item (where differences do not count) the photo is
    shown grey and dark. Region boxes are drawn by the view, not here.
    """
    size = (display.shape[1], display.shape[0])
    top = max(difference.threshold * 2.0, 1.0)
    level = np.clip(difference.delta_e / top, 0, 1).astype(np.float32)
    level = cv2.resize(level, size, interpolation=cv2.INTER_LINEAR)
    item = cv2.resize(difference.item_mask, size, interpolation=cv2.INTER_NEAREST) > 0
    colour = cv2.applyColorMap((level * 255).astype(np.uint8), cv2.COLORMAP_JET)
    grey = cv2.cvtColor(cv2.cvtColor(display, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    out = (grey * 0.55).astype(np.uint8)
    blend = cv2.addWeighted(display, 0.45, colour, 0.55, 0)
    out[item] = blend[item]
    return out
