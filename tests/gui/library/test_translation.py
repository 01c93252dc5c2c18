"""The library and player in Chinese: every visible text translated, and shown translated."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from packseal.core.catalog import ClipRecord, to_ms
from packseal.gui.i18n import compile_ts
from packseal.gui.library import LibraryView
from packseal.gui.tasks import TaskRunner
from tests.support.translations import ROOT, TS

SOURCES = sorted([*ROOT.glob("app/packseal/gui/library/*.py"), *ROOT.glob("app/packseal/gui/player/*.py")])
PLACEHOLDER = re.compile(r"\{\w+\}|%L?n")


def messages(ts: Path) -> dict[tuple[str, str], str]:
    """(context, source) -> translation ('' when unfinished)."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            text = "".join(translation.itertext()).strip()
            if translation.get("type") in ("unfinished", "obsolete", "vanished"):
                text = ""
            found[(name, message.findtext("source"))] = text
    return found


def test_every_text_has_a_chinese_translation_with_the_same_placeholders():
    found = messages(TS)
    assert len(found) > 80
    for (context, source), translation in found.items():
        assert translation, f"{context}: {source!r} is not translated"
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation)), (
            f"{context}: {source!r} and its translation {translation!r} differ in placeholders")


def test_the_translation_file_lists_every_text_in_the_window(tmp_path):
    """Every translatable text of the whole GUI package is in the one catalogue."""
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"  # ships with PySide6
    assert lupdate.exists(), f"{lupdate} is missing: PySide6 is not installed completely"
    fresh = tmp_path / "fresh.ts"
    sources = sorted((ROOT / "app" / "packseal" / "gui").rglob("*.py"))
    subprocess.run([str(lupdate), *map(str, sources), "-ts", str(fresh), "-locations", "none"], check=True,
                   capture_output=True, timeout=180)
    found = messages(fresh)
    assert len(found) > 300
    missing = set(found) - set(messages(TS))
    assert not missing, f"texts in the code but not in {TS.name}: {sorted(missing)}"


@pytest.fixture
def chinese(qapp, tmp_path):
    qm = tmp_path / "packseal_library_zh_CN.qm"
    compile_ts(TS, qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_the_library_speaks_chinese(qtbot, services, chinese):
    when = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)
    clip_id = services.catalog.add_clip(ClipRecord(
        order_id="SF7000000001", station="Bench 1", scan_ms=to_ms(when), start_ms=to_ms(when),
        file="clips/2026-01-05/SF7000000001_080000.mp4", duration_ms=30_000, bytes=2_000_000))
    deleted = datetime(2026, 4, 1, 8, 0, tzinfo=timezone.utc)
    services.catalog.mark_clip_deleted(clip_id, to_ms(deleted), "retention")
    runner = TaskRunner(name="translation test")
    view = LibraryView(services, runner)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.total == 1 and not view.model.loading, timeout=5_000)
    headers = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["录像开始", "订单号", "打包台", "时长", "大小", "存证状态"]
    assert view.filter_bar.search_box.placeholderText() == "订单号或运单号（完整或部分）"
    assert view.status_label.text() == "找到录像：1 段"
    view.select_row(0)
    qtbot.waitUntil(lambda: view.shown_clip is not None, timeout=5_000)
    day = deleted.astimezone().strftime("%Y-%m-%d")
    assert f"已于 {day} 被自动清理删除" in view.player.message
    assert view.actions.pin_box.text() == "永久保留（置顶）"
    assert view.player.speed_label.text() == "倍速"
    view.shutdown()
    runner.wait_for_done(5_000)


def test_an_orders_status_is_said_in_chinese_and_a_shops_own_word_as_written(qapp, chinese):
    from packseal.gui.packing_words import status_text
    assert status_text("cancelled") == "已取消" and status_text("to_ship") == "待发货"
    assert status_text("awaiting pickup by courier") == "awaiting pickup by courier"
