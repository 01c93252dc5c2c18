"""The first-run dialog: errors that go stale, a fixed folder that says why, a Cancel that asks first."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from packseal.gui.first_run import FirstRunDialog
from packseal.gui.tasks import TaskRunner

pytest.importorskip("pytestqt")


@pytest.fixture
def dialog(qtbot, tmp_path):
    def make(fixed: bool = False) -> FirstRunDialog:
        made = FirstRunDialog(tmp_path / "data", data_dir_fixed=fixed, runner=TaskRunner())
        qtbot.addWidget(made)
        made.show()
        return made
    return make


def test_the_red_error_goes_as_soon_as_the_input_is_corrected(dialog):
    d = dialog()
    d.station_name.setText("  ")
    d.buttons.accepted.emit()
    assert d.error.isVisible() and d.error.text()
    d.station_name.setText("打包台 2")
    assert not d.error.isVisible() and d.error.text() == ""
    d.storage.setText("")
    d.buttons.accepted.emit()
    assert d.error.isVisible()
    d.storage.setText("/tmp/somewhere")
    assert not d.error.isVisible()


def test_a_folder_fixed_at_start_up_is_greyed_and_says_why(dialog):
    free = dialog(fixed=False)
    assert free.storage.isEnabled() and not free.storage_note.isVisible()
    fixed = dialog(fixed=True)
    assert not fixed.storage.isEnabled() and not fixed.browse.isEnabled()
    assert fixed.storage_note.isVisible()
    assert "--data-dir" in fixed.storage_note.text() and "PACKSEAL_DATA_DIR" in fixed.storage_note.text()


def test_cancel_asks_before_quitting_and_no_goes_back_to_the_setup(qtbot, dialog):
    d = dialog()
    d.buttons.rejected.emit()  # Cancel
    assert d.quit_question.isVisible() and d.isVisible() and d.result() == 0
    assert "Quit without setting up the station?" in d.quit_question.text()
    d.quit_question.button(QMessageBox.StandardButton.No).click()
    assert d.isVisible() and not d.quit_question.isVisible()
    with qtbot.waitSignal(d.rejected, timeout=5000):
        d.close()  # the window's close button asks too
        assert d.quit_question.isVisible()
        d.quit_question.button(QMessageBox.StandardButton.Yes).click()
    assert not d.isVisible() and d.result() == QDialog.DialogCode.Rejected


def test_enter_in_the_name_field_starts_and_does_not_open_the_folder_dialog(qtbot, dialog, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    opened = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: opened.append(a) or "")
    made = dialog()
    made.station_name.setFocus()
    qtbot.keyClick(made.station_name, Qt.Key.Key_Return)
    assert opened == []
    assert made.result() == QDialog.DialogCode.Accepted
