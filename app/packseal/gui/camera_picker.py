"""Choosing the camera: automatic, the test camera, a USB camera found on this computer, or any source."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from packseal.core.capture.sources import list_cameras, open_source
from packseal.core.settings import SOURCE_AUTO
from packseal.gui.tasks import TaskRunner

TEST = "test"
NO_CAMERA = ""  # the spec of "no second camera"
_OTHER = "\0other"  # item data of "Other source…": the spec is typed in the line beside


class CameraPicker(QWidget):
    """A list of cameras (probed off the GUI thread) plus a field for an IP camera or file."""

    cameras_listed = Signal()
    changed = Signal()  # another camera chosen, or the typed source edited

    def __init__(self, runner: TaskRunner, current: str, parent: QWidget | None = None, *,
                 optional: bool = False) -> None:
        """``optional``: the station's second camera, which may be none (spec "") and is never automatic."""
        super().__init__(parent)
        self._runner = runner
        self._current = current
        self._optional = optional
        self._found: list[tuple[str, str]] = []
        self.combo = QComboBox(self)
        self.combo.setObjectName("secondCameraCombo" if optional else "cameraCombo")
        self.other = QLineEdit(self)
        self.other.setObjectName("cameraSpec")
        self.other.setPlaceholderText("rtsp://… | http://… | file:PATH | usb:N | test:1280x720@30")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.combo, 1)
        lay.addWidget(self.other, 1)
        self.combo.currentIndexChanged.connect(self._sync_other)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.other.textChanged.connect(lambda _t: self.changed.emit())
        self._fill()
        self._runner.run(list_cameras, on_success=self._listed, label="list cameras")

    def spec(self) -> str:
        """The chosen source setting; raises BadInputError when a typed source is not valid."""
        data = self.combo.currentData()
        if data != _OTHER:
            return data
        text = self.other.text().strip()
        open_source(text)  # parse only (does not open): names the accepted forms when wrong
        return text

    def typed_spec(self) -> str:
        """The chosen source setting as it stands, not checked (see :meth:`spec`)."""
        data = self.combo.currentData()
        return self.other.text().strip() if data == _OTHER else (data or "")

    def _listed(self, found: list[tuple[str, str]]) -> None:
        chosen = self.combo.currentData()
        typed = self.other.text()
        self._found = found
        self._fill()
        if chosen == _OTHER:
            self._select(_OTHER)
            self.other.setText(typed)
        elif chosen is not None:
            self._select(chosen)
        self.cameras_listed.emit()

    def _fill(self) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        if self._optional:
            self.combo.addItem(self.tr("None (one camera)"), NO_CAMERA)
        else:
            self.combo.addItem(self.tr("Automatic (first USB camera, else the test camera)"), SOURCE_AUTO)
        self.combo.addItem(self.tr("Built-in test camera"), TEST)
        for spec, label in self._found:
            self.combo.addItem(label, spec)
        self.combo.addItem(self.tr("Other source (IP camera, video file)…"), _OTHER)
        self.combo.blockSignals(False)
        if not self._select(self._current):
            self._select(_OTHER)
            self.other.setText(self._current)
        self._sync_other()

    def _select(self, spec: str) -> bool:
        i = self.combo.findData(spec)
        if i >= 0:
            self.combo.setCurrentIndex(i)
        return i >= 0

    def _sync_other(self) -> None:
        self.other.setVisible(self.combo.currentData() == _OTHER)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            chosen, typed = self.combo.currentData(), self.other.text()
            self._current = typed if chosen == _OTHER else chosen
            self._fill()
        super().changeEvent(event)

