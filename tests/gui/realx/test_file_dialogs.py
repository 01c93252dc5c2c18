"""Every file dialog driven by the keyboard: type a path (as fast as xdotool types by
default, which is as fast as a scanner), press Enter; the app lives on and the file
is opened or saved. A file dialog's keys are the owner's: nothing is taken as a scan."""

from __future__ import annotations

import time

import cv2
import numpy as np
import pytest

from tests.support.station_app import scan


@pytest.fixture(scope="module")
def photo(tmp_path_factory):
    path = tmp_path_factory.mktemp("photo") / "refund photo.png"
    rng = np.random.default_rng(7)
    cv2.imwrite(str(path), rng.integers(0, 255, (240, 320, 3), dtype=np.uint8))
    return path


@pytest.fixture(scope="module")
def recorded(station):
    """One sealed order in the station's catalog."""
    station.ask("close-dialogs")
    station.ask("page station")
    station.focus_widget("view")
    scan(station, "SF8000000000008", 12)
    before = len(station.log_lines())
    time.sleep(2.5)
    line, _ = scan(station, "SF8000000000008", 12)  # the same code again ends the order
    assert "→ stop" in line
    station.wait_for_log(r"clip SF8000000000008 sealed", after=before, timeout=60)
    return "SF8000000000008"


def open_dialog(app, button: str, title: str) -> int:
    where = app.ask(f"center {button}")
    app.keyboard.focus(where["window"])
    app.keyboard.click(where["x"], where["y"])
    window = app.wait_for_window(title)
    app.keyboard.focus(window)
    app.wait_until(lambda: app.look()["modal"] and title in app.look()["modal"], 20, f"the {title!r} dialog")
    return window


@pytest.mark.parametrize("enter_in_the_burst", [False, True])
def test_open_the_refund_photo_by_typing_its_path(front, photo, enter_in_the_burst):
    front.ask("page dispute")
    before = len(front.log_lines())
    open_dialog(front, "dispute.open_button", "Open the buyer")
    if enter_in_the_burst:
        front.keyboard.type(f"{photo}\n")
        # Qt's completer list may take this first Enter (it picks the completion); the path
        # must be whole in the name field either way, and the next Enter opens it.
        look = front.wait_until(lambda: _dialog_settled(front), 30, "the dialog closed or its field filled")
        if look["modal"] is not None:
            assert [f["text"] for f in look["fields"] if f["name"] == "fileNameEdit"] == [str(photo)]
            front.keyboard.key("Return")
    else:
        front.keyboard.type(str(photo))
        front.keyboard.key("Return")
    front.wait_until(lambda: front.look()["modal"] is None, 30, "the dialog closed")
    front.wait_until(lambda: photo.name in (front.look()["photo"] or ""), 30, "the photo opened")
    assert front.alive
    assert not [x for x in front.log_lines()[before:] if "scan " in x and "[MainThread]" in x]
    assert_no_filter_error(front)


def test_open_the_refund_photo_with_ctrl_o_and_a_typed_path(front, photo):
    front.ask("page dispute")
    front.focus_widget("dispute.order_edit")
    window = front.ask("center dispute.order_edit")["window"]
    front.keyboard.focus(window)
    front.keyboard.key("ctrl+o")
    dialog = front.wait_for_window("Open the buyer")
    front.keyboard.focus(dialog)
    front.wait_until(lambda: front.look()["modal"] is not None, 20, "the photo dialog")
    front.keyboard.type(str(photo), gap_ms=40)
    front.keyboard.key("Return")
    front.wait_until(lambda: front.look()["modal"] is None, 30, "the dialog closed")
    front.keyboard.key("Tab")  # a key after the dialog is gone, into whatever has the focus now
    front.wait_until(lambda: photo.name in (front.look()["photo"] or ""), 30, "the photo opened")
    assert front.alive
    assert_no_filter_error(front)


def _dialog_settled(app) -> dict | None:
    look = app.look()
    if look["modal"] is None:
        return look
    time.sleep(0.5)  # the completer's list opens and takes the Enter within a moment
    again = app.look()
    return again if any(f["name"] == "fileNameEdit" and f["text"] for f in again["fields"]) else None


def test_save_a_frame_from_the_player_by_typing_its_path(front, recorded, tmp_path):
    front.ask("page library")
    front.wait_until(lambda: front.ask("call library.model.rowCount")["result"] != "0", 30, "the clip listed")
    front.focus_widget("library.table")
    front.keyboard.key("Down")
    front.wait_until(lambda: front.ask("call library.player.frame_label.text")["result"] not in ("''", '""'), 30,
                     "a frame of the clip in the player")
    target = tmp_path / "frame from the player.png"
    open_dialog(front, "library.player.save_button", "Save frame")
    front.keyboard.key("ctrl+a")
    front.keyboard.type(str(target))
    front.keyboard.key("Return")
    front.wait_until(lambda: target.exists() and target.stat().st_size > 0, 30, "the frame saved")
    assert cv2.imread(str(target)) is not None and front.alive
    assert_no_filter_error(front)


def test_build_the_evidence_pack_by_typing_its_path(front, recorded, photo, tmp_path):
    front.ask("page dispute")
    front.focus_widget("dispute.order_edit")
    front.keyboard.key("ctrl+a", "BackSpace")
    front.keyboard.type(recorded, gap_ms=150)
    front.keyboard.key("Return")
    if photo.name not in (front.look()["photo"] or ""):
        open_dialog(front, "dispute.open_button", "Open the buyer")
        front.keyboard.type(f"{photo}\n")
    front.wait_until(lambda: front.ask("enabled dispute.pack_button")["enabled"], 120, "the pack button enabled")
    target = tmp_path / "pack.zip"
    open_dialog(front, "dispute.pack_button", "Save the evidence pack")
    front.keyboard.key("ctrl+a")
    front.keyboard.type(str(target))
    front.keyboard.key("Return")
    front.wait_until(lambda: target.exists() and target.stat().st_size > 0, 120, "the evidence pack written")
    assert front.alive
    assert_no_filter_error(front)


def test_export_for_a_platform_to_a_folder_typed_into_its_field(front, recorded, tmp_path):
    """The export dialog is not modal and not the active window until clicked; a folder typed at a
    person's pace into its field (a faster burst with Enter is a scan) and Enter export there."""
    front.ask("page library")
    front.wait_until(lambda: front.ask("call library.model.rowCount")["result"] != "0", 30, "the clip listed")
    front.focus_widget("library.table")
    front.keyboard.key("Down")
    front.wait_until(lambda: front.ask("enabled library.actions.export_button")["enabled"], 30,
                     "the export button enabled")
    where = front.ask("center library.actions.export_button")
    front.keyboard.focus(where["window"])
    front.keyboard.click(where["x"], where["y"])
    window = front.wait_for_window("Export for a platform")
    front.wait_until(lambda: front.ask("take-dialog Export for a platform")["ok"], 20, "the export dialog")
    front.keyboard.focus(window)
    field = front.ask("center dialog.folder_edit")
    front.keyboard.click(field["x"], field["y"])
    front.keyboard.key("ctrl+a")
    target = tmp_path / "export"
    front.keyboard.type(str(target), gap_ms=150)
    front.keyboard.key("Return")
    front.wait_until(lambda: target.is_dir() and any(target.iterdir()), 120, "the clip exported into the folder")
    assert front.text("dialog.folder_edit") == str(target)
    assert front.alive
    assert_no_filter_error(front)


def assert_no_filter_error(app) -> None:
    """The scanner's key filter met no error on the way (it logs one and lets the key through)."""
    time.sleep(1.0)  # keys after the dialog closed (Enter's release, the next focus) reach the filter too
    assert not [x for x in app.log_lines() if "scanner filter failed" in x]
