"""The library view on a real data dir: search, select, play, verify, pin, note, deleted and tampered clips."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt

from packseal.core.catalog import to_ms
from packseal.gui.library import LibraryView
from packseal.gui.library.model import SEAL
from packseal.gui.library.seal_panel import FAILED, VERIFIED
from packseal.gui.tasks import TaskRunner
from tests.support.sealed_orders import T0, add_sealed_clip
from tests.support.framecode import read_code
from tests.support.framecode import pixels

ORDERS = ("SF1234567890123", "YT9876543210", "JDVA0001")


@pytest.fixture
def library(qtbot, services):
    """Three sealed clips (newest last in ORDERS) and an open library view."""
    records = [add_sealed_clip(services, order, T0 + timedelta(minutes=i)) for i, order in enumerate(ORDERS)]
    runner = TaskRunner(name="library test")
    view = LibraryView(services, runner)
    qtbot.addWidget(view)
    view.resize(1190, 760)  # the library page of a 1280×800 window
    view.show()
    qtbot.waitUntil(lambda: view.model.total == 3 and not view.model.loading, timeout=10_000)
    view.records = records  # for the tests' convenience
    yield view
    view.shutdown()
    runner.wait_for_done(10_000)


def rows(view: LibraryView) -> list[str]:
    return [view.model.record(r).order_id for r in range(view.model.rowCount())]


def select(qtbot, view: LibraryView, order_id: str) -> None:
    row = rows(view).index(order_id)
    view.select_row(row)
    qtbot.waitUntil(lambda: view.shown_clip is not None and view.shown_clip.order_id == order_id,
                    timeout=5_000)


def test_typing_part_of_a_number_filters_the_rows(qtbot, library):
    assert rows(library) == list(reversed(ORDERS))  # newest first
    box = library.filter_bar.search_box
    qtbot.keyClicks(box, "7654")  # from the middle of YT9876543210
    qtbot.waitUntil(lambda: rows(library) == ["YT9876543210"], timeout=5_000)
    assert "1" in library.status_label.text()

    box.clear()  # the clear button: everything again, at once
    qtbot.waitUntil(lambda: library.model.total == 3, timeout=5_000)
    qtbot.keyClicks(box, "sf")  # two characters: the start of the number, any case
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: rows(library) == ["SF1234567890123"], timeout=5_000)

    box.clear()
    qtbot.keyClicks(box, "XX999")
    qtbot.waitUntil(lambda: library.model.total == 0 and not library.model.loading, timeout=5_000)
    assert library.status_label.text() == "No clips match."


def test_station_and_period_filters(qtbot, library, services):
    add_sealed_clip(services, "RET0001", T0 + timedelta(days=1), station="Returns desk")
    library.refresh()
    qtbot.waitUntil(lambda: library.filter_bar.station_box.findData("Returns desk") >= 0, timeout=5_000)
    box = library.filter_bar.station_box
    box.setCurrentIndex(box.findData("Returns desk"))
    qtbot.waitUntil(lambda: rows(library) == ["RET0001"], timeout=5_000)
    box.setCurrentIndex(0)
    qtbot.waitUntil(lambda: library.model.total == 4, timeout=5_000)

    bar = library.filter_bar
    bar.period_box.setCurrentIndex(bar.period_box.findData("range"))
    day = T0.astimezone().date()
    bar.from_edit.setDate(day)
    bar.to_edit.setDate(day)
    qtbot.waitUntil(lambda: sorted(rows(library)) == sorted(ORDERS), timeout=5_000)


def test_selecting_a_row_plays_the_clip_and_verifies_its_seal(qtbot, library, services):
    select(qtbot, library, "YT9876543210")
    player, panel = library.player, library.seal_panel
    qtbot.waitUntil(lambda: player.current_index == 0, timeout=10_000)
    assert read_code(pixels(player.current_image)) == 0
    assert player.frame_count == 45
    qtbot.waitUntil(lambda: panel.state == VERIFIED, timeout=10_000)
    assert panel.status.text() == "✓ Verified"
    record = library.shown_clip
    assert panel.entry is not None and panel.entry.seq == record.ledger_seq
    # The entry as labelled fields; the signed JSON only behind "Details".
    shown = dict(panel.entry_view.field_rows())
    assert shown["Order"] == record.order_id and shown["Entry number"] == str(record.ledger_seq)
    assert shown["Recording"] == "complete" and len(shown["File fingerprint (SHA-256)"]) == 64
    assert "{" not in panel.entry_view.fields.text() and not panel.entry_view.raw.isVisible()
    panel.entry_view.details_button.click()
    assert panel.entry_view.raw.isVisible()
    assert f'"order_id": "{record.order_id}"' in panel.entry_view.raw.toPlainText()
    fingerprint = " ".join(services.ledger.key_id[i:i + 4] for i in range(0, 16, 4))
    assert fingerprint in panel.key_label.text()
    row = rows(library).index("YT9876543210")
    assert library.model.data(library.model.index(row, SEAL)) == "Verified"

    # from the result list, the arrow keys step the clip's frames
    library.table.setFocus()
    qtbot.keyClick(library.table, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: player.current_index == 1, timeout=5_000)
    assert read_code(pixels(player.current_image)) == 1

    # the captured time shown is the clip's start plus the frame's own time
    player.seek(30)
    qtbot.waitUntil(lambda: player.current_index == 30, timeout=5_000)
    assert read_code(pixels(player.current_image)) == 30
    assert player.current_capture_time == T0 + timedelta(minutes=1, seconds=2)


def test_pin_and_note_are_saved_in_the_catalog(qtbot, library, services):
    select(qtbot, library, "SF1234567890123")
    clip_id = library.shown_clip.id
    actions = library.actions
    with qtbot.waitSignal(actions.clip_changed, timeout=5_000):
        actions.pin_box.click()
    assert services.catalog.get_clip(clip_id).pinned is True
    row = rows(library).index("SF1234567890123")
    assert library.model.data(library.model.index(row, SEAL)).endswith("kept")

    actions.note_edit.setFocus()
    qtbot.keyClicks(actions.note_edit, "buyer says cup broken")
    with qtbot.waitSignal(actions.clip_changed, timeout=5_000):
        qtbot.keyClick(actions.note_edit, Qt.Key.Key_Return)
    assert services.catalog.get_clip(clip_id).note == "buyer says cup broken"

    # another clip and back: the saved state comes from the catalog
    select(qtbot, library, "JDVA0001")
    assert not actions.pin_box.isChecked() and actions.note_edit.text() == ""
    library.refresh()
    qtbot.waitUntil(lambda: not library.model.loading, timeout=5_000)
    select(qtbot, library, "SF1234567890123")
    assert actions.pin_box.isChecked() and actions.note_edit.text() == "buyer says cup broken"

    with qtbot.waitSignal(actions.clip_changed, timeout=5_000):
        actions.pin_box.click()
    assert services.catalog.get_clip(clip_id).pinned is False


def test_dispute_button_names_the_order(qtbot, library):
    select(qtbot, library, "JDVA0001")
    with qtbot.waitSignal(library.dispute_requested, timeout=2_000) as signal:
        library.actions.dispute_button.click()
    assert signal.args == ["JDVA0001"]


def test_a_clip_deleted_by_retention_shows_when_and_does_not_play(qtbot, library, services):
    record = next(r for r in library.records if r.order_id == "YT9876543210")
    deleted_at = datetime(2026, 4, 20, 3, 0, tzinfo=timezone.utc)
    (services.layout.root / record.file).unlink()  # what retention does, then it marks the row
    services.catalog.mark_clip_deleted(record.id, to_ms(deleted_at), "retention")
    library.refresh()
    qtbot.waitUntil(lambda: not library.model.loading and library.model.total == 3, timeout=5_000)
    assert "YT9876543210" in rows(library)  # still listed, not vanished

    select(qtbot, library, "YT9876543210")
    day = deleted_at.astimezone().strftime("%Y-%m-%d")
    player = library.player
    assert f"deleted on {day} by retention" in player.message
    assert player.current_index is None and player.info is None
    assert not player.play_button.isEnabled()
    assert library.seal_panel.status.text() == "File deleted"
    row = rows(library).index("YT9876543210")
    model = library.model
    assert model.data(model.index(row, SEAL)) == f"Deleted {day}"
    assert model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole).color().name() == "#8a8a8a"
    assert not library.actions.pin_box.isEnabled()
    # the ledger entry is still shown: the clip's existence stays provable
    qtbot.waitUntil(lambda: library.seal_panel.entry is not None, timeout=5_000)
    assert library.seal_panel.entry.seq == record.ledger_seq


def test_a_tampered_clip_fails_verify_now_with_the_reason(qtbot, library, services):
    select(qtbot, library, "SF1234567890123")
    panel = library.seal_panel
    qtbot.waitUntil(lambda: panel.state == VERIFIED, timeout=10_000)

    path = services.layout.root / library.shown_clip.file
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte, same size
    path.write_bytes(bytes(data))

    panel.verify_button.click()
    qtbot.waitUntil(lambda: panel.state == FAILED, timeout=10_000)
    assert panel.status.text() == "✗ Verification failed"
    assert "The file's content changed after it was sealed" in panel.details.text()
    assert "file-hash-mismatch" in panel.report.codes()
    row = rows(library).index("SF1234567890123")
    assert library.model.data(library.model.index(row, SEAL)) == "Verification failed"


def test_the_time_columns_say_which_time_they_show_and_every_seal_text_fits(qtbot, library):
    from PySide6.QtCore import Qt

    from packseal.gui.station.recent_clips import RecentClipsModel

    model = library.model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Clip starts"
    assert "pre-roll" in model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    station = RecentClipsModel()
    assert station.headerData(0, Qt.Orientation.Horizontal) == "Scanned at"
    assert "pre-roll" in station.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    row = model.index(0, 0)
    assert "waybill scanned" in model.data(row, Qt.ItemDataRole.ToolTipRole)
    # The Seal column holds its longest text (with the icon), and the page gives the table its columns.
    table = library.table
    metrics = table.fontMetrics()
    longest = max(metrics.horizontalAdvance(t) for t in model.widest_seal_texts())
    assert "Sealed (cut short) · kept" in model.widest_seal_texts()
    assert table.columnWidth(5) >= longest + 40  # icon and text
    qtbot.waitUntil(lambda: table.isColumnHidden(2), timeout=5000)  # one station: no Station column
    qtbot.waitUntil(lambda: sum(table.columnWidth(c) for c in range(5) if not table.isColumnHidden(c))
                    + longest + 40 <= table.viewport().width(), timeout=5000)  # nothing cut off at 1280×800
