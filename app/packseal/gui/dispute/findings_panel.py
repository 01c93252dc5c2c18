"""What the photo's own metadata says: findings with their severity, never verdicts.

Each finding is a row: a severity icon in its colour (red warning, amber
"worth a look", blue information), the translated title chosen by the
finding's code, and underneath the whole sentence with its particulars
(times, software names, label fields), also translated (see
:mod:`.finding_texts`). A button shows the error level
analysis picture, which only a person can read.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap, QPolygonF
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from packseal.core.compare.inspection import Finding
from packseal.gui.dispute import messages
from packseal.gui.dispute.finding_texts import finding_text

ICON_PX = 20


def severity_icon(severity: str, size: int = ICON_PX) -> QIcon:
    """A drawn icon: a red triangle with "!" (warning), an amber circle with "!" (notice), a blue "i"."""
    colour = QColor(messages.SEVERITY_COLOURS.get(severity, "#616161"))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    if severity == "warning":
        p.drawPolygon(QPolygonF([QPointF(size / 2, 1), QPointF(size - 1, size - 2), QPointF(1, size - 2)]))
    else:
        p.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    font = QFont()
    font.setPixelSize(int(size * 0.6))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("#ffffff"))
    text_rect = QRectF(0, size * 0.12 if severity == "warning" else 0, size, size)
    p.drawText(text_rect, int(Qt.AlignmentFlag.AlignCenter), "i" if severity == "info" else "!")
    p.end()
    return QIcon(pixmap)


class FindingRow(QFrame):
    """One finding: icon, title, the core's detail."""

    def __init__(self, finding: Finding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finding = finding
        self.icon = QLabel(self)
        self.icon.setPixmap(severity_icon(finding.severity).pixmap(ICON_PX, ICON_PX))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setStyleSheet(f"color: {messages.SEVERITY_COLOURS.get(finding.severity, '#616161')};")
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.title)
        text.addWidget(self.detail)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(messages.finding_title(self.finding.code))
        self.detail.setText(finding_text(self.finding))
        self.icon.setToolTip(messages.severity_name(self.finding.severity))


class FindingsPanel(QWidget):
    """The findings about the photo, and the button that shows its error levels."""

    ela_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {messages.HINT_COLOUR};")
        self._rows_widget = QWidget(self)
        self._rows = QVBoxLayout(self._rows_widget)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._rows_widget)
        self.ela_button = QPushButton(self)
        self.ela_button.setEnabled(False)
        self.ela_button.clicked.connect(self.ela_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.ela_button)
        self._findings: list[Finding] | None = None
        self.retranslate()

    @property
    def rows(self) -> list[FindingRow]:
        return [self._rows.itemAt(i).widget() for i in range(self._rows.count() - 1)]

    def show_findings(self, findings: list[Finding] | None, *, has_ela: bool = False) -> None:
        """List ``findings`` (most severe first); None clears the panel."""
        self._findings = None if findings is None else list(findings)
        while self._rows.count() > 1:
            widget = self._rows.takeAt(0).widget()
            widget.deleteLater()
        for n, finding in enumerate(findings or []):
            self._rows.insertWidget(n, FindingRow(finding, self._rows_widget))
        self.ela_button.setEnabled(has_ela)
        self._show_note()

    def _show_note(self) -> None:
        if self._findings is None:
            self.note.setText(self.tr("Open a photo to see what the comparison and its metadata say."))
        elif not self._findings:
            self.note.setText(self.tr("Nothing notable in the photo's metadata."))
        else:
            self.note.setText(self.tr("Findings are clues to weigh, not proof: metadata is easily removed or "
                                      "forged, and the absence of a marker proves nothing either."))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("What the comparison and the photo say"))
        self.ela_button.setText(self.tr("Show the error level analysis"))
        self.ela_button.setToolTip(self.tr("Areas pasted in or retouched often stand out brighter or darker "
                                           "than the rest after re-saving"))
        for row in self.rows:
            row.retranslate()
        self._show_note()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
