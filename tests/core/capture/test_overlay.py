"""The burned-in overlay: readable QR, real Chinese glyphs, text where it belongs."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import cv2
import numpy as np
import pytest
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

from packseal.core.capture.fonts import cjk_font_path, missing_glyphs
from packseal.core.capture.overlay import (
    QR_PREFIX, Overlay, format_local_time, overlay_qr_text, parse_overlay_qr)
from packseal.core.capture.packing_scene import PackingScene
from packseal.core.errors import BadInputError

STATION = "杭州仓-打包台3"
UTC = datetime(2026, 11, 24, 6, 3, 7, 250000, tzinfo=timezone.utc)
CST = timezone(timedelta(hours=8))


def qr_texts(image: np.ndarray) -> list[str]:
    return [b.text for b in zxingcpp.read_barcodes(image, formats=[zxingcpp.BarcodeFormat.QRCode])]


def shrink_to_width(image: np.ndarray, width: int = 640) -> np.ndarray:
    h, w = image.shape[:2]
    return cv2.resize(image, (width, round(h * width / w)), interpolation=cv2.INTER_AREA)


@pytest.fixture(scope="module")
def bench() -> np.ndarray:
    """A busy real-looking background (the test camera at 1280×720)."""
    return PackingScene(1280, 720).render(1.0)


def test_qr_reads_back_order_station_and_time(bench):
    frame = bench.copy()
    Overlay(STATION, tz=CST).draw(frame, UTC, "SF1234567890123")
    for picture in (frame, shrink_to_width(frame)):
        texts = qr_texts(picture)
        assert len(texts) == 1
        assert texts[0] == f"{QR_PREFIX}SF1234567890123|{STATION}|2026-11-24T06:03:07Z"
        assert parse_overlay_qr(texts[0]) == {
            "order_id": "SF1234567890123", "station": STATION,
            "utc": datetime(2026, 11, 24, 6, 3, 7, tzinfo=timezone.utc)}


def test_qr_without_an_order(bench):
    frame = bench.copy()
    Overlay("Bench 1").draw(frame, UTC, None)
    [text] = qr_texts(shrink_to_width(frame))
    assert parse_overlay_qr(text)["order_id"] is None
    assert text.startswith(f"{QR_PREFIX}-|Bench 1|")


def test_qr_follows_the_time_and_can_be_switched_off(bench):
    overlay = Overlay(STATION)
    frame = bench.copy()
    overlay.draw(frame, UTC + timedelta(seconds=5), "A1")
    assert parse_overlay_qr(qr_texts(frame)[0])["utc"] == datetime(2026, 11, 24, 6, 3, 12, tzinfo=timezone.utc)
    overlay.show_qr = False
    frame = bench.copy()
    overlay.draw(frame, UTC, "A1")
    assert qr_texts(frame) == []
    overlay.show_qr = True
    overlay.station = "Bench 2"
    frame = bench.copy()
    overlay.draw(frame, UTC, "A1")
    assert parse_overlay_qr(qr_texts(frame)[0])["station"] == "Bench 2"


def test_parse_rejects_foreign_codes_and_keeps_pipes_in_station_names():
    assert parse_overlay_qr("SF1234567890123") is None
    assert parse_overlay_qr("PS1|only-two|fields") is None
    assert parse_overlay_qr("PS1|A|B|yesterday") is None
    text = overlay_qr_text("A7", "Hall|2", UTC)
    assert parse_overlay_qr(text) == {"order_id": "A7", "station": "Hall|2",
                                      "utc": UTC.replace(microsecond=0)}


def test_local_time_has_seconds_and_offset():
    assert format_local_time(UTC, CST) == "2026-11-24 14:03:07 +08:00"
    assert format_local_time(UTC, timezone(timedelta(hours=-3, minutes=-30))) == "2026-11-24 02:33:07 -03:30"
    assert format_local_time(UTC, timezone.utc) == "2026-11-24 06:03:07 +00:00"


def ink(region: np.ndarray) -> int:
    """Bright text pixels on the overlay's dark box."""
    return int((cv2.cvtColor(region, cv2.COLOR_BGR2GRAY) > 160).sum())


def test_chinese_station_name_renders_real_glyphs():
    font_path = cjk_font_path()
    # 1. The font really has every character (read from its cmap table).
    assert missing_glyphs(font_path, STATION) == set()
    # 2. Each Han character draws differently from a character the font lacks
    #    (which would be drawn as the .notdef box, "tofu").
    font = ImageFont.truetype(str(font_path), 48)

    def glyph(ch: str) -> bytes:
        img = Image.new("L", (64, 64), 0)
        ImageDraw.Draw(img).text((4, 4), ch, fill=255, font=font)
        return img.tobytes()

    tofu = glyph("\U000F0000")  # a private-use character no font maps
    assert missing_glyphs(font_path, "\U000F0000") == {"\U000F0000"}
    han = [ch for ch in STATION if ord(ch) > 0x2E80]
    assert len(han) == 6
    shapes = {glyph(ch) for ch in han}
    assert tofu not in shapes and len(shapes) == len(han)

    # 3. In the overlay, the station box carries ink in proportion to its text.
    def station_ink(name: str) -> int:
        frame = np.zeros((720, 1280, 3), np.uint8)
        Overlay(name, show_qr=False).draw(frame, UTC, None)
        return ink(frame[:120, :640])

    one, full = station_ink("仓"), station_ink(STATION)
    assert one > 50
    assert full > 5 * one


def test_order_box_only_while_recording():
    grey = np.full((720, 1280, 3), 128, np.uint8)

    def bottom_left(order_id):
        frame = grey.copy()
        Overlay(STATION, show_qr=False).draw(frame, UTC, order_id)
        return frame[600:, :700]

    idle, recording = bottom_left(None), bottom_left("SF1234567890123")
    assert np.array_equal(idle, grey[600:, :700])  # nothing drawn there when idle
    red = (recording[..., 2] > 180) & (recording[..., 1] < 90) & (recording[..., 0] < 90)
    assert red.sum() > 300  # the "● REC" mark
    dark = (recording < 80).all(axis=2)
    assert dark.sum() > 10_000  # on a dark box
    # and the order ID in large type: its ink grows with its length
    short, long = bottom_left("A1"), recording
    assert ink(long) > 3 * ink(short) > 0


def test_overlay_leaves_the_middle_of_the_picture_alone(bench):
    frame = bench.copy()
    Overlay(STATION).draw(frame, UTC, "SF1234567890123")
    h, w = frame.shape[:2]
    middle = (slice(h // 5, h * 4 // 5), slice(w // 5, w * 4 // 5))
    assert np.array_equal(frame[middle], bench[middle])
    assert not np.array_equal(frame, bench)


@pytest.mark.parametrize("size", [(240, 320), (1080, 1920), (1280, 720), (100, 1000)])
def test_any_frame_size(size):
    frame = np.full(size + (3,), 128, np.uint8)
    overlay = Overlay(STATION)
    overlay.draw(frame, UTC, "SF1234567890123" * 3)
    overlay.draw(frame, UTC, None)  # size change and state change reuse the same object
    assert frame.shape == size + (3,)
    assert (frame != 128).any()


def test_rejects_non_bgr_images():
    with pytest.raises(ValueError):
        Overlay("x").draw(np.zeros((10, 10), np.uint8), UTC, None)


def test_a_missing_font_file_is_refused(tmp_path):
    with pytest.raises(BadInputError, match="does not exist"):
        Overlay("x", font_path=tmp_path / "nope.ttf")
