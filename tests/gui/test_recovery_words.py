"""What start-up recovery did, told in the user's language (not the core's English)."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

from packseal.core.recording.clip import Clip
from packseal.core.recording.open_orders import OpenOrder
from packseal.core.upkeep.recovery import RecoveryNote, RecoveryReport, ResumableOrder
from packseal.gui import i18n
from packseal.gui.problem_texts import recovery_detail


def report() -> RecoveryReport:
    now = datetime(2026, 12, 2, 8, 0, tzinfo=timezone.utc)
    clip = Clip(order_id="SF1234567890123", station="打包台 1", path=Path("x.mp4"), scan_utc=now, stop_utc=now,
                start_utc=now, end_utc=now, duration_s=12.4, frames=180, bytes=1, sha256="0" * 64,
                status="interrupted", segments=())
    order = OpenOrder("JD0012345678901", "打包台 1", "cam0", now.isoformat(), 3.0, 2.0)
    return RecoveryReport(segments_sealed=3, clips=[clip], resumable=[ResumableOrder(order, ())], notes=[
        RecoveryNote("session-unreadable", {"session": "20261202T080000Z", "error": "bad json"}, "x"),
        RecoveryNote("tape-undecodable", {"bytes": 4096, "file": "seg-000007.ts"}, "x"),
        RecoveryNote("order-without-video", {"order_id": "YT1234567890123", "scan_utc": now}, "x"),
        RecoveryNote("order-failed", {"order_id": "JT1234567890123", "error": "disk full"}, "x"),
    ])


def test_every_recovery_line_is_chinese_in_the_chinese_window(qapp, tmp_path):
    translations = i18n.Translations(qapp, cache_dir=tmp_path / "qm")
    translations.apply("zh_CN")
    try:
        text = recovery_detail(report())
    finally:
        translations.apply("en")
    lines = text.splitlines()
    assert len(lines) == 7
    for line in lines:
        # Only the particulars (order numbers, folder names, the core's error detail) stay Latin.
        words = set(re.findall(r"[A-Za-z]{3,}", line)) - {"json", "bad", "disk", "full"}
        assert not [w for w in words if not any(c.isdigit() for c in w)], line
        assert re.search(r"[\u4e00-\u9fff]", line), line
    assert "SF1234567890123" in text and "JD0012345678901" in text and "12 秒" in text


def test_the_english_window_says_each_thing_once_in_english(qapp):
    text = recovery_detail(report())
    assert "Continues recording" in text and "Recovered clip of order SF1234567890123: 12 s, cut short" in text
    assert "could not be recovered: disk full" in text
