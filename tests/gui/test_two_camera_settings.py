"""Settings → Camera: the second camera, the camera that reads barcodes, and what exports of two carry
(tests/gui/test_parts.py checks refusing codes from a second camera that is not there)."""

from __future__ import annotations

from packseal.core.settings import Settings, load_settings, save_settings
from packseal.gui.camera_picker import NO_CAMERA
from tests.gui.test_order_rules_page import make_dialog


def choose_other(picker, text: str) -> None:
    picker.combo.setCurrentIndex(picker.combo.count() - 1)  # "Other source (IP camera, video file)…"
    picker.other.setText(text)


def test_a_second_camera_is_chosen_saved_and_read_back(qtbot, tmp_path):
    path = tmp_path / "settings.json"
    save_settings(Settings(station_name="Bench 1", source="test"), path)
    dialog, accepted = make_dialog(qtbot, tmp_path, load_settings(path))
    second = dialog.second_camera
    assert second.combo.currentData() == NO_CAMERA and second.combo.currentText() == "None (one camera)"
    assert dialog.camera_exports.currentData() == "both"
    assert dialog.camera_exports.currentText() == "Both cameras' sealed files"
    choose_other(second, "test:640x360@15")
    dialog.barcode_camera.setCurrentIndex(1)
    dialog.camera_exports.setCurrentIndex(dialog.camera_exports.findData("pip"))
    dialog._accept()  # noqa: SLF001 (the OK button)
    assert len(accepted) == 1
    new = accepted[0]
    assert (new.second_source, new.barcode_camera, new.camera_exports) == ("test:640x360@15", 1, "pip")
    assert new.camera_sources == ["test", "test:640x360@15"]
    save_settings(new, path)
    again, _ = make_dialog(qtbot, tmp_path, load_settings(path))
    assert again.second_camera.spec() == "test:640x360@15"
    assert again.barcode_camera.currentIndex() == 1 and again.camera_exports.currentData() == "pip"


def test_a_wrong_second_camera_is_refused_with_the_reason(qtbot, tmp_path):
    dialog, accepted = make_dialog(qtbot, tmp_path, Settings(station_name="Bench 1", source="usb:0"))
    choose_other(dialog.second_camera, "usb:0")  # the first camera again
    dialog._accept()  # noqa: SLF001
    assert accepted == [] and dialog.error.text().startswith("Not saved:") and "usb:0" in dialog.error.text()
    choose_other(dialog.second_camera, "ftp://camera")
    dialog._accept()  # noqa: SLF001
    assert accepted == [] and dialog.error.text().startswith("Not saved:")


def test_resolution_and_frame_rate_are_offered_only_where_a_chosen_camera_takes_them(qtbot, tmp_path):
    dialog, _ = make_dialog(qtbot, tmp_path, Settings(station_name="Bench 1", source="file:/tmp/bench.mp4"))
    assert not dialog.resolution.isEnabled() and not dialog.fps.isEnabled()
    assert "video file" in dialog.fps.toolTip()
    dialog.camera.other.setText("test:640x360")  # its size is its own; its rate is the settings'
    assert not dialog.resolution.isEnabled() and dialog.fps.isEnabled()
    dialog.camera.combo.setCurrentIndex(dialog.camera.combo.findData("test"))
    assert dialog.resolution.isEnabled() and dialog.fps.isEnabled() and dialog.fps.toolTip() == ""
    dialog.camera.other.setText("rtsp://cam.local/stream")  # typed, but not the chosen item
    assert dialog.resolution.isEnabled()
    dialog.camera.combo.setCurrentIndex(dialog.camera.combo.count() - 1)  # Other source…: the stream
    assert not dialog.resolution.isEnabled()
    dialog.second_camera.combo.setCurrentIndex(dialog.second_camera.combo.findData("test"))  # takes both
    assert dialog.resolution.isEnabled() and dialog.fps.isEnabled()
