"""The "export for a platform" dialog on a real sealed clip, through the real core and task runner."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from packseal.core.evidence.presets import Preset, VideoSpec, builtin_presets
from packseal.gui.export_dialog import ExportCancelled, ExportDialog
from packseal.gui.tasks import TaskRunner
from tests.support.sealed_orders import add_sealed_clip

pytest.importorskip("pytestqt")

T0 = datetime(2026, 3, 14, 6, 30, tzinfo=timezone.utc)
# The clips here are 3 s long (45 frames at 15 fps) with the scan 1 s in.
SHORT = Preset(name="short", label={"en": "Two seconds"}, notes="a test preset",
               video=VideoSpec(max_seconds=2.0, max_bytes=None))


@pytest.fixture
def services(tmp_path):
    from packseal.compose import open_services

    opened = open_services(tmp_path / "data", recorder=False)  # as the window opens it
    yield opened
    opened.close()


@pytest.fixture
def runner():
    r = TaskRunner(max_threads=1, name="export-test")
    yield r
    r.wait_for_done(30_000)


def _dialog(qtbot, services, runner, *, presets=None):
    clip = add_sealed_clip(services, "SF7001", T0)
    dialog = ExportDialog(services, runner, clip, presets=presets)
    qtbot.addWidget(dialog)
    return dialog


def test_exporting_the_whole_clip_writes_the_file_and_lists_it(qtbot, services, runner, tmp_path):
    dialog = _dialog(qtbot, services, runner)
    dialog.set_preset("full")
    assert not dialog.window_group.isVisibleTo(dialog)  # the whole clip fits: no window to choose
    assert "MP4" in dialog.limits_label.text()
    out = tmp_path / "out"
    dialog.folder_edit.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as done:
        assert dialog.start_export()
    result = done.args[0]
    assert [f.path.parent for f in result.files] == [out.resolve()]
    video = result.files[0].path
    assert video.exists() and video.suffix == ".mp4" and video.stat().st_size == result.files[0].bytes
    shown = [dialog.files_list.item(i).text() for i in range(dialog.files_list.count())]
    assert any(video.name in line for line in shown)
    assert len(shown) == len(result.files) + len(result.warnings)
    assert dialog.open_button.isVisibleTo(dialog) and not dialog.busy


def test_taobao_pictures_are_exported_under_the_cap(qtbot, services, runner, tmp_path):
    dialog = _dialog(qtbot, services, runner)
    dialog.set_preset("taobao")
    dialog.folder_edit.setText(str(tmp_path / "taobao"))
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as done:
        dialog.start_export()
    files = done.args[0].files
    cap = builtin_presets()["taobao"].images.max_bytes
    assert len(files) == 3 and all(f.path.exists() and f.path.stat().st_size <= cap for f in files)
    shown = "\n".join(dialog.files_list.item(i).text() for i in range(dialog.files_list.count()))
    assert all(f.path.name in shown for f in files)


def test_the_window_is_clamped_to_the_preset_and_reaches_the_export(qtbot, services, runner, tmp_path):
    dialog = _dialog(qtbot, services, runner, presets={"short": SHORT, **builtin_presets()})
    dialog.set_preset("short")
    assert dialog.window_group.isVisibleTo(dialog)
    assert dialog.chosen_span() == pytest.approx((1.0, 3.0))  # from the scan on, as long as allowed
    dialog.start_spin.setValue(0.0)
    assert dialog.chosen_span() == pytest.approx((0.0, 2.0))  # the end followed: never longer than 2 s
    dialog.end_spin.setValue(3.0)
    assert dialog.chosen_span() == pytest.approx((1.0, 3.0))  # the start followed the end
    dialog.start_spin.setValue(1.5)
    assert dialog.chosen_span() == pytest.approx((1.5, 3.0))  # shorter is fine
    dialog.set_preset("full")
    assert dialog.chosen_span() is None
    dialog.set_preset("short")
    dialog.start_spin.setValue(0.5)
    dialog.end_spin.setValue(2.0)
    dialog.folder_edit.setText(str(tmp_path / "cut"))
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as done:
        dialog.start_export()
    window = done.args[0].window
    assert (window.start_s, window.end_s) == pytest.approx((0.5, 2.0))
    assert done.args[0].files[0].path.exists()


def test_cancelling_keeps_nothing_and_says_so(qtbot, services, runner, tmp_path):
    dialog = _dialog(qtbot, services, runner)
    dialog.set_preset("taobao")
    out = tmp_path / "cancelled"
    dialog.folder_edit.setText(str(out))
    with qtbot.waitSignal(dialog.failed, timeout=30_000) as failed:
        dialog.start_export()
        dialog.cancel()
    assert isinstance(failed.args[0], ExportCancelled)
    assert not out.exists() or not any(out.iterdir())
    assert "cancelled" in dialog.status_label.text() and not dialog.busy


def test_an_impossible_folder_is_a_message_not_a_crash(qtbot, services, runner, tmp_path):
    dialog = _dialog(qtbot, services, runner)
    dialog.set_preset("full")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    dialog.folder_edit.setText(str(blocker))
    with qtbot.waitSignal(dialog.failed, timeout=30_000):
        dialog.start_export()
    assert "export failed" in dialog.status_label.text() and "a-file" in dialog.status_label.text()
    assert dialog.export_button.isVisibleTo(dialog) and dialog.files_list.count() == 0


def test_the_library_button_opens_the_dialog_for_the_selected_clip(qtbot, services, runner):
    from packseal.gui.library.actions import ClipActions

    clip = add_sealed_clip(services, "SF7002", T0)
    actions = ClipActions(services.catalog, runner, services.layout.root, services=services)
    qtbot.addWidget(actions)
    assert not actions.export_button.isEnabled()  # nothing selected
    actions.set_record(clip)
    with qtbot.waitSignal(actions.export_requested) as asked:
        actions.export_button.click()
    assert asked.args[0].order_id == "SF7002"
    dialog = actions.export()
    assert isinstance(dialog, ExportDialog) and "SF7002" in dialog.clip_label.text()
    dialog.close()


def _visible_labels_fit(dialog) -> list[str]:
    """What is wrong with the dialog's word-wrapped texts: a label shorter than its lines, or two overlapping."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QLabel

    problems = []
    boxes: list[tuple[str, QRect]] = []
    for label in dialog.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        box = QRect(label.mapTo(dialog, label.rect().topLeft()), label.size())
        if label.wordWrap() and label.height() < label.heightForWidth(label.width()):
            problems.append(f"{label.text()[:30]!r} squeezed: {label.height()} < {label.heightForWidth(label.width())}")
        for other_text, other in boxes:
            if box.intersects(other):
                problems.append(f"{label.text()[:30]!r} overlaps {other_text[:30]!r}")
        boxes.append((label.text(), box))
    return problems


def test_changing_the_platform_after_an_export_clears_its_results_and_keeps_every_line_readable(
        qtbot, services, runner, tmp_path):
    dialog = _dialog(qtbot, services, runner)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_preset("taobao")
    dialog.folder_edit.setText(str(tmp_path / "first"))
    with qtbot.waitSignal(dialog.exported, timeout=30_000):
        dialog.start_export()
    qtbot.waitUntil(lambda: not _visible_labels_fit(dialog), timeout=5000)  # the listed files squeeze nothing
    assert dialog.files_list.isVisible() and "3" in dialog.status_label.text()
    dialog.set_preset("lazada")  # a platform with longer notes
    assert dialog.result is None and dialog.status_label.text() == ""
    assert not dialog.files_list.isVisibleTo(dialog) and dialog.files_list.count() == 0
    assert not dialog.open_button.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: not _visible_labels_fit(dialog), timeout=5000)
    assert dialog.width() >= 540
