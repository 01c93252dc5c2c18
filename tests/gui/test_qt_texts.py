"""Qt's own dialogs speak the window's language, also after a language change at run time."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel

from packseal.gui import i18n
from packseal.gui.qt_texts import MISSING_FROM_QT

pytest.importorskip("pytestqt")


def _labels(dialog: QFileDialog) -> dict[str, str]:
    return {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}


def test_the_file_dialog_follows_the_language_both_ways(qtbot, qapp, tmp_path):
    translations = i18n.Translations(qapp, cache_dir=tmp_path / "qm")
    try:
        translations.apply(i18n.CHINESE)
        dialog = QFileDialog(None, "x")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        dialog.show()
        chinese = _labels(dialog)
        assert chinese["lookInLabel"] == "查找范围(&L)：" and chinese["fileTypeLabel"] == "文件类型(&T)："
        assert chinese["fileNameLabel"] == "文件名称(&N)："  # from Qt's own catalogue
        translations.apply(i18n.ENGLISH)
        qtbot.waitUntil(lambda: _labels(dialog)["lookInLabel"] == "&Look in:", timeout=5000)
        assert _labels(dialog)["fileNameLabel"] == "File &name:"
        translations.apply(i18n.CHINESE)
        qtbot.waitUntil(lambda: _labels(dialog) == chinese, timeout=5000)
    finally:
        translations.apply(i18n.ENGLISH)


def test_every_qt_text_missing_from_qts_catalogue_is_translated(qapp, tmp_path):
    from PySide6.QtCore import QCoreApplication

    translations = i18n.Translations(qapp, cache_dir=tmp_path / "qm")
    try:
        translations.apply(i18n.CHINESE)
        for text in MISSING_FROM_QT:
            assert QCoreApplication.translate("QFileDialog", text) != text
    finally:
        translations.apply(i18n.ENGLISH)


def test_qts_catalogue_is_found_in_pyside6s_folder():
    assert any((folder / "qtbase_zh_CN.qm").is_file() for folder in i18n.qt_translations_folders())


def test_a_refused_scans_example_codes_are_joined_in_the_windows_language(qapp, tmp_path):
    from packseal.core.station import policy_from_settings
    from packseal.core.settings import Settings
    from packseal.gui.problem_texts import refusal_advice

    codes = policy_from_settings(Settings()).example_codes
    assert len(codes) == 3
    translations = i18n.Translations(qapp, cache_dir=tmp_path / "qm")
    try:
        translations.apply(i18n.CHINESE)
        chinese = refusal_advice("ZT1234567890123", "no-match", "", codes)
        assert f"{codes[0]}、{codes[1]} 或 {codes[2]}" in chinese and " or " not in chinese
        translations.apply(i18n.ENGLISH)
        assert f"{codes[0]}, {codes[1]} or {codes[2]}." in refusal_advice("ZT1234567890123", "no-match", "", codes)
    finally:
        translations.apply(i18n.ENGLISH)
