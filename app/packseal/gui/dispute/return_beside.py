"""The return's unboxing beside the shipment's packing, in the dispute view.

When the order has a return clip (or the dispute is about a return), a
button shows frames spread through both clips in two rows: what went into
the box, and what came out of it. Read with
:func:`packseal.core.evidence.linked_clip.shipment_and_return_frames` on the
task runner. Hidden for an order with no return.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from packseal.compose import Services
from packseal.core.capture.overlay import format_local_time
from packseal.core.catalog import ClipRecord
from packseal.core.evidence.linked_clip import ClipFrames, shipment_and_return_frames
from packseal.gui.qimage import bgr_to_qimage
from packseal.gui.tasks import TaskRunner

#: Frames shown of each clip.
FRAMES = 4
THUMB_WIDTH = 220


class ReturnBeside(QFrame):
    """A toggle and two rows of frames: the shipment's packing over the return's unboxing."""

    def __init__(self, services: Services, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._services = services
        self._runner = runner
        self._record: ClipRecord | None = None
        self._found: tuple[ClipFrames, ClipFrames] | None = None
        self._generation = 0
        self.toggle = QPushButton(self)
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._toggled)
        self.summary = QLabel(self)
        self.grid_host = QWidget(self)
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid_host.hide()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.toggle)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(top)
        layout.addWidget(self.grid_host)
        self.hide()
        self.retranslate()

    @property
    def frames(self) -> tuple[ClipFrames, ClipFrames] | None:
        """(shipment, return) frames once read, else None."""
        return self._found

    def set_clip(self, record: ClipRecord | None) -> None:
        """The dispute's clip changed: look for its return (or shipment) in the background."""
        self._generation += 1
        generation = self._generation
        self._record, self._found = record, None
        self.toggle.setChecked(False)
        self.hide()
        if record is None:
            return
        s = self._services
        self._runner.run(lambda: shipment_and_return_frames(s.layout, s.ledger, s.catalog, record, FRAMES),
                         on_success=lambda found: self._loaded(generation, found),
                         on_failure=lambda exc: self._failed(generation, exc), label="read the return's frames")

    def _loaded(self, generation: int, found: tuple[ClipFrames, ClipFrames] | None) -> None:
        if generation != self._generation:
            return
        self._found = found
        if found is None:
            self.hide()
            return
        self._fill(found)
        self.retranslate()
        self.show()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._found = None
            self.summary.setText(self.tr("The return's frames could not be read: {error}").format(error=exc))
            self.toggle.setEnabled(False)
            self.show()

    def _toggled(self, on: bool) -> None:
        self.grid_host.setVisible(on and self._found is not None)
        self.retranslate()

    def _fill(self, found: tuple[ClipFrames, ClipFrames]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for row, frames in enumerate(found):
            head = QLabel(self.grid_host)
            head.setObjectName("returnBesideHead")
            head.setProperty("kind", frames.kind)
            head.setWordWrap(True)
            head.setFixedWidth(140)
            self.grid.addWidget(head, row, 0, Qt.AlignmentFlag.AlignTop)
            for col, frame in enumerate(frames.frames, 1):
                image = bgr_to_qimage(frame.image())
                picture = QLabel(self.grid_host)
                picture.setPixmap(QPixmap.fromImage(image).scaledToWidth(
                    THUMB_WIDTH, Qt.TransformationMode.SmoothTransformation))
                picture.setToolTip(format_local_time(frame.captured_at))
                caption = QLabel(format_local_time(frame.captured_at), self.grid_host)
                cell = QVBoxLayout()
                cell.addWidget(picture)
                cell.addWidget(caption)
                self.grid.addLayout(cell, row, col)
        self._heads()

    def _heads(self) -> None:
        if self._found is None:
            return
        for row, frames in enumerate(self._found):
            item = self.grid.itemAtPosition(row, 0)
            if item is not None and item.widget() is not None:
                text = (self.tr("Return unboxing\n{order}") if frames.kind == "return"
                        else self.tr("Shipment packing\n{order}"))
                item.widget().setText(text.format(order=frames.clip.order_id))

    def retranslate(self) -> None:
        self.toggle.setText(self.tr("Hide the return") if self.toggle.isChecked()
                            else self.tr("Show the return beside the shipment"))
        if self._found is not None:
            shipment, ret = self._found
            self.summary.setText(self.tr("Order {shipment} came back as return {ret}").format(
                shipment=shipment.clip.order_id, ret=ret.clip.order_id))
            self._heads()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
