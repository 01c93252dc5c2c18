"""The heatmap's region numbers never cover each other, wherever the regions lie."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QImage

from packseal.core.compare.difference import Region
from packseal.gui.dispute.heatmap_view import HeatmapView, place_labels

pytest.importorskip("pytestqt")


def _disjoint(rects: list[QRectF]) -> bool:
    return not any(a.intersects(b) for a, b in itertools.combinations(rects, 2))


def test_numbers_of_regions_close_together_are_placed_apart():
    # Four boxes whose top-left corners nearly coincide (2 and 4 start at the same point).
    boxes = [QRectF(100, 100, 80, 60), QRectF(104, 102, 30, 30), QRectF(180, 90, 40, 40),
             QRectF(104, 102, 60, 20)]
    bounds = QRectF(0, 0, 400, 300)
    labels = place_labels(boxes, bounds)
    assert len(labels) == 4 and _disjoint(labels)
    assert labels[0] == QRectF(100, 82, 22, 18)  # the first keeps the usual place, above its corner
    assert all(bounds.contains(label) for label in labels)


def test_many_regions_at_one_spot_still_get_separate_numbers():
    boxes = [QRectF(50, 50, 10, 10)] * 10
    assert _disjoint(place_labels(boxes, QRectF(0, 0, 200, 200)))


def test_the_heat_canvas_draws_its_numbers_apart(qtbot):
    view = HeatmapView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    image = QImage(1000, 800, QImage.Format.Format_RGB888)
    image.fill(0)
    regions = [Region(300, 300, 160, 100, 60.0, 0.16, 50.0), Region(330, 320, 165, 102, 58.0, 0.12, 40.0),
               Region(520, 280, 60, 60, 30.0, 0.02, 20.0), Region(331, 322, 120, 40, 20.0, 0.004, 16.0)]
    view.show_difference(image, QSizeF(1000, 800), regions, "")
    qtbot.waitExposed(view)
    labels = view.canvas.label_rects()
    assert len(labels) == 4 and _disjoint(labels)
    texts = [view.region_list.item(i).text() for i in range(view.region_list.count())]
    assert texts == ["Region 1: 16% of the item, difference strong", "Region 2: 12% of the item, difference clear",
                     "Region 3: 2% of the item, difference slight", "Region 4: <1% of the item, difference slight"]
