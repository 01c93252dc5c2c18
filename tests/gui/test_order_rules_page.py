"""Settings → Order numbers: checkboxes that persist, the shop's own pattern, and the code tester."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from packseal.core.ledger import StationKey
from packseal.core.recording.carriers import BUILTIN_RULES, DEFAULT_KEYS
from packseal.core.settings import Settings, load_settings, save_settings
from packseal.gui import i18n
from packseal.gui.order_rules_page import OrderRulesPage
from packseal.gui.settings_dialog import KeyInfo, SettingsDialog
from packseal.gui.tasks import TaskRunner


def make_dialog(qtbot, tmp_path, settings: Settings) -> tuple[SettingsDialog, list]:
    key = StationKey.generate().public
    dialog = SettingsDialog(settings, data_dir=tmp_path, data_dir_fixed=False,
                            key=KeyInfo(key.fingerprint, key.key_id, key.pem()), runner=TaskRunner())
    qtbot.addWidget(dialog)
    accepted: list = []
    dialog.accepted_settings.connect(lambda s, f: accepted.append(s))
    return dialog, accepted


def tried(qtbot, page: OrderRulesPage, code: str) -> str:
    page.try_field.setText(code)
    return page.try_result.text()


def test_the_carrier_checkboxes_show_the_settings_and_persist_through_the_file(qtbot, tmp_path):
    path = tmp_path / "settings.json"
    save_settings(Settings(station_name="Bench 1"), path)
    dialog, accepted = make_dialog(qtbot, tmp_path, load_settings(path))
    page = dialog.rules
    assert {k for k, c in page.checks.items() if c.isChecked()} == set(DEFAULT_KEYS)
    assert set(page.checks) == set(BUILTIN_RULES)
    assert page.checks["jt"].text() == "J&&T Express"  # shown as "J&T", not as a shortcut on T
    assert page.advanced.isHidden() and not page.accept_any.isChecked()
    qtbot.mouseClick(page.checks["sf"], Qt.MouseButton.LeftButton, pos=page.checks["sf"].rect().center())
    page.checks["spx"].setChecked(True)
    page.checks["taobao"].setChecked(True)
    dialog.buttons.accepted.emit()
    assert len(accepted) == 1
    save_settings(accepted[0], path)
    on_disk = json.loads(path.read_text(encoding="utf-8"))["order_rules"]
    assert on_disk["carriers"] == ["jd", "yto", "zto", "sto", "yunda", "ems", "jt", "spx", "taobao"]
    again, _ = make_dialog(qtbot, tmp_path, load_settings(path))
    assert not again.rules.checks["sf"].isChecked()
    assert again.rules.checks["spx"].isChecked() and again.rules.checks["taobao"].isChecked()


def test_the_tester_names_the_rule_or_the_reason(qtbot, tmp_path):
    dialog, _ = make_dialog(qtbot, tmp_path, Settings(station_name="Bench 1"))
    page = dialog.rules
    assert "SF Express" in tried(qtbot, page, "SF1385628716739")
    assert "product barcode (EAN-13)" in tried(qtbot, page, "6901234567892")
    assert "too short" in tried(qtbot, page, "hello")
    assert "starts like SF Express" in tried(qtbot, page, "SF123")
    assert "full-width" in tried(qtbot, page, "ＳＦ１２３")
    assert "check digit" in tried(qtbot, page, "EA123456789CN")
    text = tried(qtbot, page, "1207119765021")
    assert "EMS / China Post" in text and "EAN-13" in text  # accepted, and the overlap is said
    page.checks["sf"].setChecked(False)
    assert tried(qtbot, page, "SF1385628716739").startswith("Refused")


def test_the_shops_own_pattern_and_accept_any(qtbot, tmp_path):
    dialog, accepted = make_dialog(qtbot, tmp_path, Settings(station_name="Bench 1"))
    page = dialog.rules
    page.advanced_toggle.click()
    assert not page.advanced.isHidden()
    page.add_button.click()
    page.table.item(0, 0).setText("shop")
    page.table.item(0, 1).setText("ORD-########")
    assert "Accepted as shop" in tried(qtbot, page, "ORD-20240001")
    assert tried(qtbot, page, "ORD-2024").startswith("Refused")
    page.table.item(0, 1).setText("ORD/##")
    assert "'/'" in tried(qtbot, page, "ORD-20240001") and "shop" in page.try_result.text()
    dialog.buttons.accepted.emit()
    assert accepted == [] and "shop" in dialog.error.text()
    page.table.item(0, 1).setText("ORD-########")
    assert page.any_warning.isHidden()
    page.accept_any.setChecked(True)
    assert not page.any_warning.isHidden() and "Warning" in page.any_warning.text()
    assert "Any code" in tried(qtbot, page, "helloworld")
    assert "product barcode" in tried(qtbot, page, "6901234567892")  # even now
    dialog.buttons.accepted.emit()
    rules = accepted[0].order_rules
    assert rules["custom"] == [{"name": "shop", "pattern": "ORD-########"}] and rules["accept_any"] is True
    again, _ = make_dialog(qtbot, tmp_path, accepted[0])
    assert not again.rules.advanced.isHidden() and again.rules.accept_any.isChecked()
    assert again.rules.rule_settings() == rules


def test_no_rule_at_all_is_not_saved(qtbot, tmp_path):
    dialog, accepted = make_dialog(qtbot, tmp_path, Settings(station_name="Bench 1"))
    for check in dialog.rules.checks.values():
        check.setChecked(False)
    dialog.buttons.accepted.emit()
    assert accepted == [] and "no order-number rules" in dialog.error.text()


@pytest.mark.parametrize("code,words", [("SF1385628716739", "顺丰"), ("6901234567892", "商品条码"),
                                        ("SF123", "顺丰")])
def test_the_page_speaks_chinese(qtbot, qapp, tmp_path, code, words):
    translations = i18n.Translations(qapp)
    translations.apply("zh_CN")
    try:
        dialog, _ = make_dialog(qtbot, tmp_path, Settings(station_name="Bench 1"))
        page = dialog.rules
        assert page.checks["sf"].text() == "顺丰速运" and page.checks["jt"].text() == "极兔速递"
        assert page.checks["jt"].text() != "J&&T Express"
        assert words in tried(qtbot, page, code)
    finally:
        translations.apply("en")
