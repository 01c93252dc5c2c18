"""The dispute view and the window's pages in Chinese: every text in the catalogue, and shown translated."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from packseal.core.compare.inspection import Finding
from packseal.gui.i18n import compile_ts
from tests.support.translations import TS

#: Every code the core's photo inspection can report (packseal.core.compare.inspection).
FINDING_CODES = (
    "photo_time", "photo_taken_before_packing", "photo_taken_before_shipment", "photo_time_may_precede_shipment",
    "photo_time_in_future", "no_camera_metadata", "camera_metadata_incomplete", "camera", "software",
    "editing_software", "generator_software", "aigc_label", "iptc_ai_source", "iptc_source_type",
    "stable_diffusion_parameters", "comfyui_workflow", "xmp_refused", "c2pa_unchecked", "c2pa_present", "c2pa_ai",
    "c2pa_edited", "c2pa_invalid",
)


def test_every_finding_code_of_the_core_has_a_title(qapp):
    import re

    from packseal.core.compare import inspection
    from packseal.gui.dispute.messages import finding_title

    source = Path(inspection.__file__).read_text(encoding="utf-8")
    in_core = set(re.findall(r'Finding\(\s*"([a-z0-9_]+)"', source))
    in_core |= set(re.findall(r'"(iptc_[a-z_]+)"', source))
    assert in_core <= set(FINDING_CODES), f"new finding codes without a title: {in_core - set(FINDING_CODES)}"
    english = {code: finding_title(code) for code in FINDING_CODES}
    assert all(title and "_" not in title for title in english.values())
    assert len(set(english.values())) == len(english)


@pytest.fixture
def chinese(qapp, tmp_path):
    qm = tmp_path / "packseal_dispute_zh_CN.qm"
    compile_ts(TS, qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_the_dispute_view_speaks_chinese(qtbot, services, chinese):
    from packseal.gui.dispute import DisputeView
    from packseal.gui.dispute.messages import finding_title
    from packseal.gui.tasks import TaskRunner

    runner = TaskRunner(name="translation test")
    view = DisputeView(services, runner)
    qtbot.addWidget(view)
    view.show()
    tabs = [view.area.modes.tabText(i) for i in range(4)]
    assert tabs == ["并排对比", "对齐叠加", "差异", "误差水平 (ELA)"]
    assert view.pack_button.text() == "生成证据包…"
    assert view.bar.order_label.text() == "订单号："
    assert view.area.overlay.blink_button.text() == "闪烁"
    assert finding_title("aigc_label") == "AI 生成内容标识（GB 45438-2025）"
    view.findings.show_findings([Finding("no_camera_metadata", "notice", "The photo has no camera metadata.")])
    row = view.findings.rows[0]
    assert row.title.text() == "没有相机信息"
    assert row.detail.text().startswith("照片没有相机元数据")  # the whole sentence is translated too
    view.open_order("YT9999999999999")
    qtbot.waitUntil(lambda: view.error_text != "", timeout=10_000)
    assert "没有找到订单 YT9999999999999 的录像" in view.error_text
    view.shutdown()
    runner.wait_for_done(5_000)


def test_a_c2pa_checkers_verdict_is_said_in_chinese_in_the_window_and_in_the_report(qapp, chinese):
    from packseal.core.evidence.texts import finding_sentence
    from packseal.gui.dispute.finding_texts import finding_text

    for state, words in (("Invalid", "无效"), ("Valid", "有效"), ("Trusted", "有效，证书可信")):
        params = {"generators": "Adobe Photoshop", "signer": "Adobe", "validation": state}
        shown = finding_text(Finding("c2pa_present", "notice", "…", params=params))
        assert words in shown and state not in shown, shown
        assert f"（校验结果：{words}）" in finding_sentence("c2pa_present", params, "zh_CN")
