"""The dispute view end to end: a real sealed clip, real photos, the real comparison core, real widgets."""

from __future__ import annotations

import io
import json

import cv2
import numpy as np
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from packseal.core.compare.frame_index import index_path_for
from packseal.core.compare.annotation_store import dispute_file
from packseal.gui.dispute.annotations import ARROW, BOX, TEXT
from packseal.gui.dispute.comparison_area import ELA, HEATMAP, OVERLAY
from tests.support import scene
from tests.support.scene import ORDER

TC260 = '{"Label":"1","ContentProducer":"001191110102MACQD9K64010000","ProduceID":"img-42"}'


def drop_file(widget, *paths) -> None:
    """What a file manager does when files are dropped on ``widget``: drag enter, then drop."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    at = QPointF(widget.width() / 2, widget.height() / 2)
    enter = QDragEnterEvent(at.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted()


def compared(qtbot, view, action) -> object:
    """Run ``action`` and wait for the comparison it starts; returns the DisputeComparison."""
    with qtbot.waitSignal(view.comparison_finished, timeout=60_000) as done:
        action()
    return done.args[0]


def order_found(qtbot, view, order: str = ORDER) -> None:
    view.open_order(order)
    qtbot.waitUntil(lambda: not view.busy, timeout=10_000)
    assert view.error_text == ""


def pixel(widget, at: QPointF) -> np.ndarray:
    image = widget.grab().toImage()
    colour = image.pixelColor(at.toPoint())
    return np.array([colour.red(), colour.green(), colour.blue()], float)


def test_a_dropped_photo_is_compared_and_the_best_frames_appear_with_their_times(qtbot, dispute, scene_order,
                                                                                 scene_files):
    clip_path = dispute._services.layout.absolute(scene_order.file)
    index_path_for(clip_path).unlink()  # an older clip, never compared: its index is built now
    statuses = []
    dispute.jobs.progressed.connect(lambda *_: statuses.append(dispute.status.text))
    order_found(qtbot, dispute)
    comparison = compared(qtbot, dispute, lambda: drop_file(dispute, scene_files.photo))

    assert any(s.startswith("Indexing the clip") for s in statuses)
    assert index_path_for(clip_path).exists()
    matches = comparison.matches
    assert len(matches) >= 2 and not comparison.no_match
    assert dispute.thumbnails.isVisible() and dispute.thumbnails.count() == len(matches)
    for rank, match in enumerate(matches):
        text = dispute.thumbnails.item(rank).text()
        assert f"t = {match.t_s:.1f} s" in text
        assert match.captured_at.astimezone().strftime("%H:%M:%S") in text
    # The best frame shows the box uncovered, in the part of the clip after it slid in.
    assert matches[0].t_s >= scene.SLIDE_END_S and not scene.hand_covers(matches[0].t_s)
    assert dispute.area.side_by_side.frame.image is not None
    assert f"{matches[0].t_s:.1f} s" in dispute.area.side_by_side.frame_caption.text()

    first = dispute.area.side_by_side.frame.image.copy()
    with qtbot.waitSignal(dispute.frame_shown, timeout=30_000) as shown:
        dispute.thumbnails.setCurrentRow(1)
    assert shown.args[0] == matches[1].t_s
    assert dispute.shown_match_rank == 1
    assert dispute.area.side_by_side.frame.image != first
    assert f"{matches[1].t_s:.1f} s" in dispute.area.side_by_side.frame_caption.text()
    with qtbot.waitSignal(dispute.frame_shown, timeout=30_000) as shown:
        dispute.thumbnails.setCurrentRow(0)
    assert shown.args[0] == matches[0].t_s and dispute.area.side_by_side.frame.image == first


def test_overlay_blends_swipes_and_blinks_and_the_heatmap_boxes_the_crack(qtbot, dispute, scene_order, scene_files):
    order_found(qtbot, dispute)
    comparison = compared(qtbot, dispute, lambda: dispute.open_photo(scene_files.photo))
    dispute.area.modes.setCurrentIndex(OVERLAY)
    overlay = dispute.area.overlay
    canvas = overlay.canvas
    qtbot.waitUntil(canvas.isVisible)
    # A point on the printed picture of the box, where photo (warm light) and frame colours differ.
    outline = scene.item_outline_in_photo()
    centre = outline.mean(axis=0)
    at = canvas.to_widget(QPointF(*(0.7 * centre + 0.3 * outline[0])))

    overlay.opacity_slider.setValue(0)
    photo_only = pixel(canvas, at)
    overlay.opacity_slider.setValue(100)
    frame_only = pixel(canvas, at)
    overlay.opacity_slider.setValue(50)
    half = pixel(canvas, at)
    assert np.abs(photo_only - frame_only).max() > 20
    assert np.abs(half - (photo_only + frame_only) / 2).max() <= 6

    overlay.opacity_slider.setValue(100)
    overlay.swipe_box.setChecked(True)
    item_x = (centre[0] - 100, centre[0] + 100)  # just left and right of a divider through the centre
    canvas.set_divider(centre[0] / comparison.photo.size[0])
    left, right = (canvas.to_widget(QPointF(x, centre[1])) for x in item_x)
    grab = canvas.grab().toImage()
    overlay.swipe_box.setChecked(False)
    overlay.opacity_slider.setValue(0)
    plain = canvas.grab().toImage()
    overlay.opacity_slider.setValue(100)
    full = canvas.grab().toImage()
    assert grab.pixelColor(left.toPoint()) == full.pixelColor(left.toPoint())     # frame left of the divider
    assert grab.pixelColor(right.toPoint()) == plain.pixelColor(right.toPoint())  # photo right of it

    overlay.blink_button.click()
    assert overlay.blinking and not overlay.opacity_slider.isEnabled()
    seen = {canvas.blink_shows_frame}
    qtbot.waitUntil(lambda: seen.add(canvas.blink_shows_frame) or len(seen) == 2, timeout=5_000)
    overlay.blink_button.click()
    assert not overlay.blinking

    dispute.area.modes.setCurrentIndex(HEATMAP)
    heat = dispute.area.heatmap
    regions = heat.regions
    assert regions and heat.region_list.count() == len(regions)
    crack = scene.crack_in_photo()
    inside = [any(r.contains(x, y) for r in regions) for x, y in crack]
    assert sum(inside) >= len(crack) / 2
    first = heat.region_list.item(0).text()
    assert first.startswith("Region 1: ") and "% of the item, difference " in first
    assert first.split("difference ")[1] in ("slight", "clear", "strong")
    assert not any(word in first for word in ("score", "px", "x ", "y "))
    crack_region = regions[0]
    assert 0 < crack_region.item_share < 0.5 and crack_region.delta_e >= 14
    heat.region_list.setCurrentRow(0)
    assert heat.canvas.chosen == 0 and heat.canvas.zoom > 1.0


def test_side_by_side_zoom_and_pan_keep_both_pictures_in_step(qtbot, dispute, scene_order, scene_files):
    order_found(qtbot, dispute)
    comparison = compared(qtbot, dispute, lambda: dispute.open_photo(scene_files.photo))
    photo, frame = dispute.area.side_by_side.photo, dispute.area.side_by_side.frame
    crack = scene.crack_in_photo().mean(axis=0)
    photo.zoom_at(4.0, photo.to_widget(QPointF(*crack)))
    assert photo.zoom == frame.zoom == 4.0
    photo.pan_by(-30, 20)
    # The frame is centred where the photo's centre is on the item: through the alignment.
    h = comparison.matches[0].homography
    c = photo.center
    mapped = np.linalg.inv(h) @ np.array([c.x(), c.y(), 1.0])
    assert abs(frame.center.x() - mapped[0] / mapped[2]) < 1.0
    assert abs(frame.center.y() - mapped[1] / mapped[2]) < 1.0
    frame.reset_view()
    assert photo.zoom == 1.0


def test_a_photo_of_something_else_is_no_match_and_no_frame_is_offered(qtbot, dispute, scene_order, scene_files):
    order_found(qtbot, dispute)
    comparison = compared(qtbot, dispute, lambda: dispute.open_photo(scene_files.other_photo))
    assert comparison.no_match
    assert dispute.status.notice_box.isVisible()
    assert "No frame of this clip shows the item in the photo" in dispute.status.notice_text
    assert dispute.thumbnails.count() == 0 and not dispute.thumbnails.isVisible()
    assert dispute.area.side_by_side.frame.image is None
    assert not dispute.area.modes.isTabEnabled(OVERLAY) and not dispute.area.modes.isTabEnabled(HEATMAP)
    assert "no frame matches" in dispute.status.text


def test_the_findings_name_an_ai_label_and_the_error_levels_can_be_seen(qtbot, dispute, scene_order, tmp_path):
    info = PngInfo()
    info.add_text("AIGC", TC260)
    buf = io.BytesIO()
    Image.fromarray(cv2.cvtColor(scene.refund_photo(), cv2.COLOR_BGR2RGB)).save(buf, "PNG", pnginfo=info)
    photo = tmp_path / "generated.png"
    photo.write_bytes(buf.getvalue())
    order_found(qtbot, dispute)
    compared(qtbot, dispute, lambda: dispute.open_photo(photo))
    rows = dispute.findings.rows
    labelled = [r for r in rows if r.finding.code == "aigc_label"]
    assert len(labelled) == 1
    assert labelled[0].title.text() == "AI-generated content label (GB 45438-2025)"
    assert "GB 45438-2025" in labelled[0].detail.text() and "Label 1" in labelled[0].detail.text()
    assert labelled[0].finding.severity == "warning" and rows[0].finding.severity == "warning"
    dispute.findings.ela_button.click()
    assert dispute.area.modes.currentIndex() == ELA and dispute.area.ela_canvas.image is not None


def drag(qtbot, canvas, start: QPointF, end: QPointF) -> None:
    a, b = canvas.to_widget(start).toPoint(), canvas.to_widget(end).toPoint()
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(canvas, QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2))
    qtbot.mouseMove(canvas, b)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=b)


def test_annotations_drawn_on_the_photo_and_the_frame_are_kept_with_the_order(qtbot, dispute, scene_order, scene_files,
                                                                        services):
    from packseal.gui.dispute import DisputeView
    from packseal.gui.tasks import TaskRunner

    order_found(qtbot, dispute)
    comparison = compared(qtbot, dispute, lambda: dispute.open_photo(scene_files.photo))
    photo, frame = dispute.area.side_by_side.photo, dispute.area.side_by_side.frame
    bar = dispute.area.annotation_bar

    bar.buttons[BOX].click()
    qtbot.keyClicks(bar.label_edit, "crack")
    drag(qtbot, photo, QPointF(850, 650), QPointF(1000, 900))
    bar.buttons[ARROW].click()
    assert dispute.annotations.selected is None  # a drawing tool: the label is for the next annotation
    bar.label_edit.clear()
    bar.label_edit.textEdited.emit("")
    drag(qtbot, frame, QPointF(300, 200), QPointF(420, 300))
    bar.buttons[TEXT].click()
    qtbot.mouseClick(photo, Qt.MouseButton.LeftButton, pos=photo.to_widget(QPointF(200, 200)).toPoint())
    assert [m["kind"] for m in dispute.annotations_json()] == ["box", "arrow", "text"]

    box, arrow, text = dispute.annotations_json()
    assert box["image"] == "photo" and box["text"] == "crack"
    assert abs(box["x"] - 850) <= 8 and abs(box["y"] - 650) <= 8
    assert abs(box["w"] - 150) <= 8 and abs(box["h"] - 250) <= 8
    assert box["photo_sha256"] == comparison.photo.sha256
    assert arrow["image"] == "frame" and arrow["frame_t_s"] == comparison.matches[0].t_s
    assert abs(arrow["x1"] - 300) <= 4 and abs(arrow["y2"] - 300) <= 4
    assert text["kind"] == "text" and text["text"] == "Note"

    # Edit the text annotation's label, then select the arrow on the canvas and delete it with the key.
    qtbot.keyClicks(bar.label_edit, " again")
    assert dispute.annotations_json()[2]["text"] == "Note again"
    bar.buttons["select"].click()
    qtbot.mouseClick(frame, Qt.MouseButton.LeftButton, pos=frame.to_widget(QPointF(360, 250)).toPoint())
    assert dispute.annotations.selected == 1
    qtbot.keyClick(frame, Qt.Key.Key_Delete)
    kept = dispute.annotations_json()
    assert [m["kind"] for m in kept] == ["box", "text"]

    saved = json.loads(dispute_file(services.layout, ORDER).read_text(encoding="utf-8"))
    assert saved["annotations"] == kept
    assert saved["photo"]["path"] == str(scene_files.photo)

    # A new view (the next day): the order brings back its photo, its comparison and its annotations.
    runner = TaskRunner(name="second view")
    again = DisputeView(services, runner)
    qtbot.addWidget(again)
    again.show()
    compared(qtbot, again, lambda: again.open_order(ORDER))
    assert again.photo_path == scene_files.photo
    assert again.annotations_json() == kept
    assert again.annotation_list.list.count() == 2 and "crack" in again.annotation_list.list.item(0).text()
    again.shutdown()
    runner.wait_for_done(30_000)


def test_failures_are_messages_in_the_view(qtbot, dispute, scene_order, scene_files, tmp_path):
    dispute.open_order("YT9999999999999")
    qtbot.waitUntil(lambda: dispute.error_text != "", timeout=10_000)
    assert "No clip of order YT9999999999999 was found" in dispute.error_text

    bad = tmp_path / "refund.jpg"
    bad.write_bytes(scene.jpeg_bytes(scene.refund_photo())[:3000])  # cut short in transfer
    order_found(qtbot, dispute)
    with qtbot.waitSignal(dispute.comparison_failed, timeout=30_000):
        dispute.open_photo(bad)
    assert "This photo cannot be used" in dispute.error_text and "truncated or damaged" in dispute.error_text
    assert dispute.comparison is None

    dispute._services.layout.absolute(scene_order.file).unlink()
    dispute.open_order(ORDER)
    qtbot.waitUntil(lambda: dispute.error_text != "", timeout=10_000)
    assert f"The clip file of order {ORDER} is missing" in dispute.error_text
    assert not dispute.pack_button.isEnabled()


def test_the_evidence_pack_is_built_with_the_photo_the_frames_and_the_photo_annotations(qtbot, dispute, scene_order,
                                                                                  scene_files, tmp_path):
    import zipfile

    order_found(qtbot, dispute)
    comparison = compared(qtbot, dispute, lambda: dispute.open_photo(scene_files.photo))
    dispute.area.annotation_bar.buttons[BOX].click()
    label = dispute.area.annotation_bar.label_edit
    label.setText("裂纹 crack")  # as an input method commits it (QTest types Latin-1 only)
    label.textEdited.emit(label.text())
    drag(qtbot, dispute.area.side_by_side.photo, QPointF(850, 650), QPointF(1000, 900))
    progress = []
    dispute.packer.progressed.connect(lambda f, _step: progress.append(f))
    out = tmp_path / "out" / "evidence.zip"
    with qtbot.waitSignal(dispute.pack_finished, timeout=120_000) as finished:
        assert dispute.build_pack(out)
        assert not dispute.pack_button.isEnabled() and dispute.status.progress.isVisible()
    result = finished.args[0]
    assert out.is_file() and result.path == out.resolve()
    assert progress and progress[-1] == 1.0 and progress == sorted(progress)
    assert str(out.resolve()) in dispute.status.text and dispute.status.reveal_button.isVisible()
    assert dispute.pack_button.isEnabled() and not dispute.status.progress.isVisible()
    names = zipfile.ZipFile(out).namelist()
    photo_bytes = scene_files.photo.read_bytes()
    with zipfile.ZipFile(out) as z:
        assert any(z.read(n) == photo_bytes for n in names if n.lower().endswith(".jpg"))
    assert sum(1 for n in names if n.startswith("frames/")) >= len(comparison.matches)
    assert any("annotat" in n for n in names)


def test_photo_first_then_the_typed_order_and_another_order_starts_without_the_photo(qtbot, dispute, scene_order,
                                                                                     scene_files, services):
    from tests.support.sealed_orders import add_scene_clip

    other_order = "YT1111111111111"
    add_scene_clip(services, scene_files, other_order)
    drop_file(dispute, scene_files.photo)
    qtbot.waitUntil(lambda: not dispute.busy, timeout=10_000)  # the photo's labels are read first: none here
    assert dispute.comparison is None and "Now type or scan the order number" in dispute.status.text
    assert dispute.order_edit.text() == ""
    qtbot.keyClicks(dispute.order_edit, ORDER.lower())  # typed, in another case than scanned
    comparison = compared(qtbot, dispute, lambda: qtbot.keyClick(dispute.order_edit, Qt.Key.Key_Return))
    assert comparison.order_id == ORDER and dispute.order_edit.text() == ORDER

    # The library opens another order's dispute: that order has no photo yet, so none is shown.
    dispute.open_order(other_order)
    qtbot.waitUntil(lambda: not dispute.busy, timeout=10_000)
    assert dispute.order_id == other_order and dispute.photo_path is None and dispute.comparison is None
    assert "Now drop or open the buyer's photo" in dispute.status.text
    # … and the first order, opened again, comes back with its photo.
    compared(qtbot, dispute, lambda: dispute.open_order(ORDER))
    assert dispute.photo_path == scene_files.photo


def _use_a_view(qtbot, services, photo) -> object:
    """Open a view, compare, switch frames, draw an annotation, shut it down; returns a weak reference to it."""
    import weakref

    from packseal.gui.dispute import DisputeView
    from packseal.gui.tasks import TaskRunner

    runner = TaskRunner(name="cycle test")
    view = DisputeView(services, runner)
    view.show()
    view.open_order(ORDER)
    qtbot.waitUntil(lambda: not view.busy, timeout=10_000)
    compared(qtbot, view, lambda: view.open_photo(photo))
    with qtbot.waitSignal(view.frame_shown, timeout=30_000):
        view.thumbnails.setCurrentRow(1)
    view.area.annotation_bar.buttons[BOX].click()
    drag(qtbot, view.area.side_by_side.photo, QPointF(850, 650), QPointF(1000, 900))
    view.shutdown()
    runner.wait_for_done(30_000)
    qtbot.wait(50)  # deliver what the runner finished
    return weakref.ref(view)


def test_a_used_view_is_freed_at_once_not_left_to_the_garbage_collector(qtbot, services, scene_order, scene_files):
    """A view kept alive by a reference cycle is freed by whichever thread the collector runs on, and Qt
    objects deleted off the GUI thread crash the app; so a used view must go with its last reference."""
    import gc

    gc.disable()
    try:
        ref = _use_a_view(qtbot, services, scene_files.photo)
        assert ref() is None
    finally:
        gc.enable()


def test_an_annotation_dragged_with_the_select_tool_is_saved_once_where_it_was_dropped(qtbot, dispute, scene_order,
                                                                                 scene_files, services):
    order_found(qtbot, dispute)
    compared(qtbot, dispute, lambda: dispute.open_photo(scene_files.photo))
    photo = dispute.area.side_by_side.photo
    dispute.area.annotation_bar.buttons[BOX].click()
    drag(qtbot, photo, QPointF(400, 400), QPointF(600, 500))
    saves = []
    dispute.annotations.changed.connect(lambda: saves.append(dispute.annotations_json()[0]["x"]))
    dispute.area.annotation_bar.buttons["select"].click()
    drag(qtbot, photo, QPointF(500, 400), QPointF(700, 600))  # grab the box's top edge, move it by (200, 200)
    box = dispute.annotations_json()[0]
    assert abs(box["x"] - 600) <= 6 and abs(box["y"] - 600) <= 6 and abs(box["w"] - 200) <= 6
    assert len(saves) == 1
    saved = json.loads(dispute_file(services.layout, ORDER).read_text(encoding="utf-8"))
    assert saved["annotations"][0]["x"] == box["x"] and saved["annotations"][0]["y"] == box["y"]


def test_the_order_shown_again_is_not_compared_again_and_a_new_photo_never_blanks_to_the_drop_hint(
        qtbot, dispute, scene_order, scene_files, tmp_path):
    import shutil

    order_found(qtbot, dispute)
    comparison = compared(qtbot, dispute, lambda: dispute.open_photo(scene_files.photo))
    finished: list[object] = []
    dispute.comparison_finished.connect(finished.append)
    dispute.open_order(ORDER)  # the library's "Open dispute view for this order", again
    qtbot.keyClick(dispute.order_edit, Qt.Key.Key_Return)  # Enter again in the order field
    dispute.open_photo(scene_files.photo)  # the same photo dropped again
    assert not dispute.busy and dispute.comparison is comparison
    assert dispute.area.currentWidget() is dispute.area.modes
    assert not dispute.compare_button.isEnabled()  # nothing new to compare
    qtbot.wait(200)
    assert finished == []

    # Another photo for the same order: while it is compared the area says so (the photo is there).
    other = tmp_path / "second-photo.png"
    shutil.copyfile(scene_files.photo, other)
    shown_while_busy: list[object] = []
    dispute.jobs.progressed.connect(lambda *_: shown_while_busy.append(dispute.area.currentWidget()))
    with qtbot.waitSignal(dispute.comparison_finished, timeout=60_000):
        dispute.open_photo(other)
        assert dispute.busy and dispute.area.currentWidget() is dispute.area.working
        assert "Comparing the photo second-photo.png" in dispute.area.working.text()
    assert dispute.area.drop_hint not in shown_while_busy
    assert dispute.area.currentWidget() is dispute.area.modes
    # A photo changed on disk since is compared afresh.
    other.write_bytes(other.read_bytes() + b"\0")
    compared(qtbot, dispute, dispute.compare)


def test_the_green_outline_on_the_frame_is_explained(qtbot, dispute, scene_order, scene_files):
    order_found(qtbot, dispute)
    assert not dispute.area.side_by_side.legend.isVisibleTo(dispute)
    compared(qtbot, dispute, lambda: dispute.open_photo(scene_files.photo))
    side = dispute.area.side_by_side
    assert side.frame.outline is not None
    assert side.legend.isVisible() and "Green outline" in side.legend.text()
    assert side.frame.toolTip() == side.legend.text()
