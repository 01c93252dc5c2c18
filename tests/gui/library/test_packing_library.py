"""The library with packing records: outcome, kind and packer columns, the outcome filter, the packing
detail, a return opened from its shipment and back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from packseal.gui.library import LibraryView
from packseal.gui.library.model import CHECK, KIND, PACKER
from packseal.gui.tasks import TaskRunner
from tests.support.packed_day import RETURN, SHIPMENT, WRONG, seal_packed_days


@pytest.fixture
def runner():
    r = TaskRunner(name="packing test")
    yield r
    r.wait_for_done(10_000)


@pytest.fixture
def library(qtbot, services, runner):
    seal_packed_days(services)
    view = LibraryView(services, runner)
    qtbot.addWidget(view)
    view.resize(1190, 760)
    view.show()
    qtbot.waitUntil(lambda: view.model.total == 6 and not view.model.loading, timeout=10_000)
    yield view
    view.shutdown()


def rows(view: LibraryView) -> list[str]:
    return [view.model.record(r).order_id for r in range(view.model.rowCount())]


def cell(view: LibraryView, order: str, column: int) -> str:
    return view.model.data(view.model.index(rows(view).index(order), column))


def test_columns_show_kind_check_and_packer(library):
    assert cell(library, RETURN, KIND) == "Return" and cell(library, SHIPMENT, KIND) == "Shipment"
    assert cell(library, SHIPMENT, CHECK) == "Complete"
    assert cell(library, WRONG, CHECK) == "Incomplete · Wrong item seen · Warnings overridden"
    assert cell(library, "SF2026031400004", CHECK) == "Not checked"
    assert cell(library, "SF2026031400003", PACKER) == "P-12"
    assert library.model.data(library.model.index(rows(library).index(WRONG), CHECK),
                              Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"
    assert not library.table.isColumnHidden(PACKER)


@pytest.mark.parametrize("choice, expected", [
    ("complete", {SHIPMENT, "SF2026031400003", "SF2026031600005"}),
    ("incomplete", {WRONG}),
    ("wrong-item", {WRONG}),
    ("overridden", {WRONG, "SF2026031400003"}),
    ("not-checked", {"SF2026031400004", RETURN}),
])
def test_the_outcome_filter(qtbot, library, choice, expected):
    box = library.filter_bar.outcome_box
    box.setCurrentIndex(box.findData(choice))
    qtbot.waitUntil(lambda: set(rows(library)) == expected and not library.model.loading, timeout=5_000)
    kind = library.filter_bar.kind_box
    kind.setCurrentIndex(kind.findData("return"))
    qtbot.waitUntil(lambda: set(rows(library)) == expected & {RETURN} and not library.model.loading,
                    timeout=5_000)


def test_the_packing_detail_and_one_key_to_the_return_and_back(qtbot, library):
    library.select_row(rows(library).index(WRONG))
    panel = library.packing_panel
    qtbot.waitUntil(lambda: panel.isVisible() and "Incomplete" in panel.details.text(), timeout=5_000)
    text = panel.details.text()
    for expected in ("Items scanned: 1 of 2", "白瓷马克杯", "scanned 6909999999993: wrong item, not counted",
                     "warning: Items missing at stop, the packer confirmed", "Packer P-07", "Weight 610 g"):
        assert expected in text, expected
    assert not panel.open_button.isVisible()  # no return of this order

    library.select_row(rows(library).index(SHIPMENT))
    qtbot.waitUntil(lambda: panel.open_button.isVisible(), timeout=5_000)
    assert RETURN in panel.link_label.text() and panel.open_button.text() == "Open return"
    library.activateWindow()
    qtbot.waitUntil(library.isActiveWindow, timeout=5_000)  # shortcuts work in the active window
    library.table.setFocus()
    qtbot.keyClick(library.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: library.shown_clip is not None and library.shown_clip.order_id == RETURN,
                    timeout=5_000)
    qtbot.waitUntil(lambda: panel.open_button.text() == "Open shipment", timeout=5_000)
    assert "Return unboxing" == panel.title.text() and SHIPMENT in panel.link_label.text()
    panel.open_button.click()
    qtbot.waitUntil(lambda: library.shown_clip.order_id == SHIPMENT, timeout=5_000)
    assert library.filter_bar.search_box.text() == SHIPMENT


def test_a_clip_without_a_record_or_link_hides_the_panel(qtbot, library):
    library.select_row(rows(library).index(WRONG))
    qtbot.waitUntil(lambda: library.packing_panel.isVisible(), timeout=5_000)
    library.select_row(rows(library).index("SF2026031400004"))
    qtbot.waitUntil(lambda: not library.packing_panel.isVisible(), timeout=5_000)
