"""Every finding's whole sentence is translated in the window, and in English says exactly what the core says."""

from __future__ import annotations

import pytest

from packseal.gui import i18n
from packseal.gui.dispute.finding_texts import SENTENCES, finding_text
from packseal.gui.dispute.findings_panel import FindingsPanel
from tests.support.findings import every_kind_of_finding

pytest.importorskip("pytestqt")


def test_in_english_the_window_says_word_for_word_what_the_core_says(qapp):
    findings = every_kind_of_finding()
    assert {f.code for f in findings} == set(SENTENCES)  # every code the window words is tried here
    for finding in findings:
        assert finding_text(finding) == finding.message, finding.code


def test_in_chinese_every_sentence_is_chinese_with_the_particulars_kept(qtbot, qapp, tmp_path):
    translations = i18n.Translations(qapp, cache_dir=tmp_path / "qm")
    try:
        translations.apply(i18n.CHINESE)
        for finding in every_kind_of_finding():
            text = finding_text(finding)
            assert text != finding.message and any("\u4e00" <= c <= "\u9fff" for c in text), finding.code
            for name in ("software", "make", "model", "producer", "reference"):
                if finding.params.get(name) and finding.params[name] in finding.message:
                    assert finding.params[name] in text, (finding.code, name)
        label = next(f for f in every_kind_of_finding() if f.code == "aigc_label")
        assert "001191110102MACQD9K64010000" in finding_text(label) and "AI 生成" in finding_text(label)
        panel = FindingsPanel()
        qtbot.addWidget(panel)
        panel.show()
        panel.show_findings([label])
        assert panel.rows[0].detail.text() == finding_text(label)  # the panel shows the translated sentence
        translations.apply(i18n.ENGLISH)
        qtbot.waitUntil(lambda: panel.rows[0].detail.text() == label.message, timeout=5000)  # follows the language
    finally:
        translations.apply(i18n.ENGLISH)


def test_the_json_and_the_cli_keep_the_english_sentence_and_the_code():
    finding = every_kind_of_finding()[0]
    assert finding.to_json() == {"code": finding.code, "severity": finding.severity, "message": finding.message}
