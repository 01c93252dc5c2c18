"""Pictures taken from a clip by default (a platform's images, an evidence pack's frames) show the
order itself: from its scan to its stop.

Packed one after the other, an order's clip begins with its pre-roll, the end of the order before,
and ends with its post-roll, the start of the order after, each with its own number burned into
the picture. A picture of either in this order's evidence would show another order's number.
"""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest

from packseal.compose import open_services
from packseal.core.evidence import build_pack, export_clip
from packseal.core.evidence import pack_format as F
from packseal.core.media.frames import grab_frames, order_times
from tests.core.evidence.packtools import members
from tests.support.sealed_clips import packing_bench, read_order_ids, seal_generated_clip

BEFORE, ORDER, AFTER = "SF1000000000001", "SF2000000000002", "SF3000000000003"
SCAN_AT = 4.0  # a pre-roll of a whole segment and more, as the station's clips have
STOP_AT = 8.0  # the next order's scan; the post-roll runs on to 10 s


@pytest.fixture(scope="module")
def station(tmp_path_factory):
    services = open_services(tmp_path_factory.mktemp("pre-roll") / "data")
    sealed = seal_generated_clip(services, ORDER, packing_bench(640, 360, ORDER), seconds=10, size=(640, 360),
                                 fps=15, scan_after_s=SCAN_AT, order_before=BEFORE, order_after=AFTER,
                                 stop_after_s=STOP_AT)
    yield services, sealed.clip
    services.close()


def burned_in(image: np.ndarray) -> set[str]:
    """The order numbers in the picture's overlay QR code."""
    return {q["order_id"] for q in read_order_ids(image)[1]}


def test_the_clip_begins_with_the_order_before_and_ends_with_the_order_after(station):
    _, clip = station
    first, after_scan, last = grab_frames(clip.path, [0.0, SCAN_AT + 0.5, 9.9], start_utc=clip.start_utc)
    assert burned_in(first.image()) == {BEFORE}
    assert burned_in(after_scan.image()) == {ORDER}
    assert burned_in(last.image()) == {AFTER}


def test_platform_pictures_are_taken_between_the_scan_and_the_stop(station, tmp_path):
    services, _ = station
    result = export_clip(services.layout, services.ledger, services.catalog, ORDER, "taobao", tmp_path)
    assert len(result.files) == 3 and result.window.start_s == 0.0  # the whole clip is the window
    for f in result.files:
        assert SCAN_AT < f.clip_time_s < STOP_AT
        assert burned_in(cv2.imread(str(f.path))) == {ORDER}, f.clip_time_s


def test_a_packs_frames_are_taken_between_the_scan_and_the_stop_and_say_so(station, tmp_path):
    services, _ = station
    s = services
    result = build_pack(s.layout, s.ledger, s.catalog, s.archive, ORDER, [], tmp_path / "pack.zip")
    files = members(result.path)
    index = json.loads(files[F.FRAMES_INDEX])["frames"]
    assert len(index) == 4
    for item in index:
        assert SCAN_AT * 1000 < item["clip_time_ms"] < STOP_AT * 1000
        assert item["why"] == "evenly spaced through the order, from its scan to its stop"
        image = cv2.imdecode(np.frombuffer(files[item["file"]], np.uint8), cv2.IMREAD_COLOR)
        assert burned_in(image) == {ORDER}, item


def test_order_times_keep_to_the_orders_own_time_and_take_a_span_outside_it_whole():
    assert order_times(0.0, 10.0, 2, (4.0, 8.0)) == pytest.approx([5.0, 7.0])
    assert order_times(0.0, 10.0, 3, (4.0, None)) == pytest.approx([5.0, 7.0, 9.0])  # a stop not known
    assert order_times(5.0, 10.0, 2, (4.0, 8.0)) == pytest.approx([5.75, 7.25])  # the span starts after the scan
    assert order_times(0.0, 3.0, 3, (4.0, 8.0)) == pytest.approx([0.5, 1.5, 2.5])  # a span chosen before the scan
