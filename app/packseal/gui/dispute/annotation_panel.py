"""The controls of the annotations: the tool row above the pictures and the list of annotations.

The tool row chooses what the mouse does on the photo and the frame (move
the view, select and move an annotation, draw a box or an arrow, place a
label) and holds the label field: the text of the selected annotation, or of
the next one drawn. The list names every annotation of the order, including
those on frames not shown right now; choosing one selects it, Delete removes it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QButtonGroup, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QToolButton, QVBoxLayout, QWidget)

from packseal.core.compare.annotation_store import MAX_TEXT, Annotation
from packseal.gui.dispute.annotations import ARROW, BOX, PAN, SELECT, TEXT, TOOLS, Annotations
from packseal.gui.dispute.messages import HINT_COLOUR


class AnnotationBar(QWidget):
    """Tool buttons, the label field and Delete; see the module docstring."""

    def __init__(self, annotations: Annotations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._annotations = annotations
        self.title = QLabel(self)
        self.buttons: dict[str, QToolButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.title)
        for tool in TOOLS:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(lambda _=False, t=tool: annotations.set_tool(t))
            self._group.addButton(button)
            self.buttons[tool] = button
            row.addWidget(button)
        row.addSpacing(12)
        self.label_caption = QLabel(self)
        self.label_edit = QLineEdit(self)
        self.label_edit.setMaxLength(MAX_TEXT)
        self.label_edit.setClearButtonEnabled(True)
        self.delete_button = QPushButton(self)
        row.addWidget(self.label_caption)
        row.addWidget(self.label_edit, 1)
        row.addWidget(self.delete_button)

        self.label_edit.textEdited.connect(self._label_edited)
        self.delete_button.clicked.connect(annotations.remove_selected)
        annotations.tool_changed.connect(self._show_tool)
        annotations.selection_changed.connect(self._show_selection)
        annotations.changed.connect(self._show_selection)
        self._show_tool(annotations.tool)
        self._show_selection()
        self.retranslate()

    def _label_edited(self, text: str) -> None:
        a = self._annotations
        a.default_text = text
        if a.selected is not None:
            a.set_text(a.selected, text)

    def _show_tool(self, tool: str) -> None:
        self.buttons[tool].setChecked(True)

    def _show_selection(self) -> None:
        a = self._annotations
        self.delete_button.setEnabled(a.selected is not None)
        if not self.label_edit.hasFocus():  # the field shows what the label applies to
            self.label_edit.setText(a.items[a.selected].text if a.selected is not None else a.default_text)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Annotate:"))
        names = {PAN: self.tr("Move view"), SELECT: self.tr("Select"), BOX: self.tr("Box"),
                 ARROW: self.tr("Arrow"), TEXT: self.tr("Text")}
        tips = {PAN: self.tr("Drag to move the pictures, wheel to zoom"),
                SELECT: self.tr("Click an annotation to select it, drag to move it"),
                BOX: self.tr("Drag on the photo or the frame to draw a box"),
                ARROW: self.tr("Drag from the tail to the head of the arrow"),
                TEXT: self.tr("Click where the label should go")}
        for tool, button in self.buttons.items():
            button.setText(names[tool])
            button.setToolTip(tips[tool])
        self.label_caption.setText(self.tr("Label:"))
        self.label_edit.setPlaceholderText(self.tr("text of the selected or next annotation"))
        self.delete_button.setText(self.tr("Delete annotation"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class AnnotationList(QWidget):
    """Every annotation of the order; emits :attr:`frame_wanted` when one on another frame is chosen."""

    frame_wanted = Signal(float)

    def __init__(self, annotations: Annotations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._annotations = annotations
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {HINT_COLOUR};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(annotations.remove_selected)
        self.list.currentRowChanged.connect(self._row_chosen)
        annotations.changed.connect(self.refresh)
        annotations.display_changed.connect(self.refresh)
        annotations.selection_changed.connect(self._show_selection)
        self.retranslate()

    def refresh(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for annotation in self._annotations.items:
            self.list.addItem(QListWidgetItem(self.describe(annotation)))
        self.list.blockSignals(False)
        self._show_selection()

    def describe(self, annotation: Annotation) -> str:
        kind = {BOX: self.tr("Box"), ARROW: self.tr("Arrow"), TEXT: self.tr("Text")}[annotation.kind]
        if annotation.image == "photo" and annotation.photo_sha256 == self._annotations.photo_sha256:
            where = self.tr("on the photo")
        elif annotation.image == "photo":
            where = self.tr("on another photo of this order")
        else:
            where = self.tr("on the frame at {t} s").format(t=f"{annotation.frame_t_s:.1f}")
        if annotation.text:
            return self.tr("{kind} {where}: {text}").format(kind=kind, where=where, text=annotation.text)
        return self.tr("{kind} {where}").format(kind=kind, where=where)

    def _row_chosen(self, row: int) -> None:
        a = self._annotations
        a.select(row if row >= 0 else None)
        if 0 <= row < len(a.items):
            item = a.items[row]
            if item.image == "frame" and item.frame_t_s is not None and not item.on_frame(a.frame_t_s or -1.0):
                self.frame_wanted.emit(item.frame_t_s)

    def _show_selection(self) -> None:
        selected = self._annotations.selected
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1 if selected is None else selected)
        self.list.blockSignals(False)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Your annotations (kept for the evidence pack)"))
        self.hint.setText(self.tr("Annotations on the photo go into the evidence pack's report; "
                                  "annotations on a frame stay here with the dispute."))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
