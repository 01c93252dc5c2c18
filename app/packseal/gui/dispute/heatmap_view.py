"""The difference heatmap over the photo, with the regions boxed, numbered and listed with their scores.

Colour shows how much the photo differs from the aligned frame on the item
(blue: alike, red: different); outside the item the photo is dimmed grey,
because differences there do not count. Each region where the photo shows
something the shipment frame did not is boxed and numbered (the numbers
never cover each other); the list beside says how much of the item it
covers and how strong the difference is, and choosing one zooms onto it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QSplitter, QVBoxLayout, QWidget

from packseal.core.compare.difference import Region
from packseal.gui.image_canvas import ImageCanvas
from packseal.gui.dispute.messages import HINT_COLOUR

BOX = QColor("#ff1744")
CHOSEN = QColor("#ffd600")
LABEL_W, LABEL_H = 22, 18
#: Mean colour difference (ΔE) from which a region's difference is called clear, and strong.
CLEAR_DELTA_E, STRONG_DELTA_E = 25.0, 45.0


def place_labels(boxes: list[QRectF], bounds: QRectF, size: QSizeF = QSizeF(LABEL_W, LABEL_H)) -> list[QRectF]:
    """Where to draw each box's number (widget pixels): at a corner of its box, never over an earlier number.

    The first free spot of: above the top-left corner, above the top-right, below the bottom-left,
    below the bottom-right, inside the top-left; failing all, the first free place stepping down
    from above the top-left corner. Spots outside ``bounds`` are avoided while others are free.
    """
    placed: list[QRectF] = []
    w, h = size.width(), size.height()
    for box in boxes:
        candidates = [QRectF(box.left(), box.top() - h, w, h), QRectF(box.right() - w, box.top() - h, w, h),
                      QRectF(box.left(), box.bottom(), w, h), QRectF(box.right() - w, box.bottom(), w, h),
                      QRectF(box.left(), box.top(), w, h)]
        free = [c for c in candidates if not any(c.intersects(p) for p in placed)]
        inside = [c for c in free if bounds.contains(c)]
        if inside or free:
            placed.append((inside or free)[0])
            continue
        spot = QRectF(candidates[0])
        while any(spot.intersects(p) for p in placed):
            spot.translate(0, h + 1)
        placed.append(spot)
    return placed


class HeatCanvas(ImageCanvas):
    """The heatmap picture with the region boxes drawn in photo pixels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.regions: list[Region] = []
        self.chosen: int | None = None

    def label_rects(self) -> list[QRectF]:
        """Where the regions' numbers are drawn (widget pixels), in rank order."""
        boxes = [QRectF(self.to_widget(QPointF(r.x, r.y)), self.to_widget(QPointF(r.x + r.w, r.y + r.h)))
                 for r in self.regions]
        return place_labels(boxes, QRectF(self.rect()))

    def paint_over(self, painter: QPainter) -> None:
        s = max(self.scale(), 1e-6)
        font = QFont()
        font.setPixelSize(14)
        font.setBold(True)
        for rank, r in enumerate(self.regions, 1):
            colour = CHOSEN if rank - 1 == self.chosen else BOX
            rect = QRectF(r.x, r.y, r.w, r.h)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(255, 255, 255), 4.5 / s))
            painter.drawRect(rect)
            painter.setPen(QPen(colour, 2.5 / s))
            painter.drawRect(rect)
        # the numbers, at a fixed screen size by a corner of their boxes, never over each other
        painter.save()
        painter.resetTransform()
        painter.setFont(font)
        for rank, label in enumerate(self.label_rects(), 1):
            colour = CHOSEN if rank - 1 == self.chosen else BOX
            painter.setBrush(colour)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRect(label)
            painter.setPen(QColor("#000000") if colour == CHOSEN else QColor("#ffffff"))
            painter.drawText(label, int(Qt.AlignmentFlag.AlignCenter), str(rank))
        painter.restore()


class HeatmapView(QWidget):
    """Heat canvas and the list of regions; see the module docstring."""

    region_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.canvas = HeatCanvas(self)
        self.canvas.setObjectName("disputeHeatCanvas")
        self.list_title = QLabel(self)
        font = self.list_title.font()
        font.setBold(True)
        self.list_title.setFont(font)
        self.list_title.setWordWrap(True)
        self.region_list = QListWidget(self)
        self.region_list.setWordWrap(True)
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet(f"color: {HINT_COLOUR};")

        side = QWidget(self)
        side.setMinimumWidth(self.fontMetrics().horizontalAdvance("Region 10: 100% of the item") + 24)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.list_title)
        side_layout.addWidget(self.region_list, 1)
        side_layout.addWidget(self.legend)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.canvas)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(splitter, 1)
        self.region_list.currentRowChanged.connect(self.choose)
        self.retranslate()

    @property
    def regions(self) -> list[Region]:
        return list(self.canvas.regions)

    def show_difference(self, heat: QImage, scene: QSizeF, regions: list[Region], caption: str) -> None:
        self.caption.setText(caption)
        self.canvas.regions = list(regions)
        self.canvas.chosen = None
        self.canvas.set_picture(heat, scene)
        self._fill_list()

    def clear(self, message: str) -> None:
        self.caption.setText("")
        self.canvas.regions = []
        self.canvas.set_message(message)
        self._fill_list()

    def choose(self, row: int) -> None:
        """Highlight region ``row`` (0-based) and zoom onto it."""
        if not 0 <= row < len(self.canvas.regions):
            self.canvas.chosen = None
            self.canvas.update()
            return
        self.canvas.chosen = row
        r = self.canvas.regions[row]
        self.canvas.show_scene_rect(QRectF(r.x, r.y, r.w, r.h))
        if self.region_list.currentRow() != row:
            self.region_list.setCurrentRow(row)
        self.region_chosen.emit(row)

    def _fill_list(self) -> None:
        self.region_list.blockSignals(True)
        self.region_list.clear()
        for rank, r in enumerate(self.canvas.regions, 1):
            item = QListWidgetItem(self.region_text(rank, r))
            item.setToolTip(self.tr("Region {n}: {w}×{h} pixels at x {x}, y {y} of the photo; mean colour "
                                    "difference {delta:.0f} (ΔE; above {strong:.0f} is strong); ranked by "
                                    "score {score:.0f}").format(n=rank, w=r.w, h=r.h, x=r.x, y=r.y,
                                                                delta=r.delta_e, strong=STRONG_DELTA_E,
                                                                score=r.score))
            self.region_list.addItem(item)
        if not self.canvas.regions:
            empty = QListWidgetItem(self.tr("No difference on the item stands out.")
                                    if not self.canvas.scene_size.isEmpty() else "")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.region_list.addItem(empty)
        self.region_list.blockSignals(False)
        self.list_title.setText(self.tr("Regions where the photo differs: %n", "", len(self.canvas.regions)))

    def region_text(self, rank: int, r: Region) -> str:
        """How an owner reads a region: its number, how much of the item it covers, how strong it is."""
        share = "<1%" if r.item_share < 0.01 else f"{round(r.item_share * 100)}%"
        if r.delta_e >= STRONG_DELTA_E:
            text = self.tr("Region {n}: {share} of the item, difference strong")
        elif r.delta_e >= CLEAR_DELTA_E:
            text = self.tr("Region {n}: {share} of the item, difference clear")
        else:
            text = self.tr("Region {n}: {share} of the item, difference slight")
        return text.format(n=rank, share=share)

    def retranslate(self) -> None:
        self.legend.setText(self.tr("Blue: alike · red: different. Only the item counts; the dimmed grey "
                                    "surroundings are not compared. Choose a region to zoom onto it."))
        self._fill_list()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
