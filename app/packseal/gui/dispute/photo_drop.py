"""Getting the buyer's photo into the dispute view: dropped from a file manager or a chat app, or opened.

A drop is accepted when it carries local files (chat apps and browsers
often save the picture first and drop its path), one or several photos of
the claim at once; whether each really is a
usable photo is for the core's photo reader to say, with a message the view
shows. The drop hint is what the main area shows before any photo is there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QVBoxLayout, QWidget

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".bmp")


def photo_paths_from(mime: QMimeData) -> list[Path]:
    """The local files a drag carries (empty for a web link or text)."""
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


def ask_for_photos(parent: QWidget, folder: Path | None = None) -> list[Path]:
    """The file dialog for the buyer's photos (one or several); empty when cancelled."""
    patterns = " ".join(f"*{s}" for s in PHOTO_SUFFIXES)
    names, _ = QFileDialog.getOpenFileNames(
        parent, QCoreApplication.translate("PhotoDrop", "Open the buyer's photos"), str(folder or Path.home()),
        QCoreApplication.translate("PhotoDrop", "Photos ({patterns});;All files (*)").format(patterns=patterns))
    return [Path(n) for n in names]


class PhotoDropTarget(QObject):
    """Makes ``widget`` take a dropped photo: highlights ``hint`` while a file is over it, emits ``dropped``."""

    dropped = Signal(object)  # list[Path]

    def __init__(self, widget: QWidget, hint: DropHint) -> None:
        super().__init__(widget)
        self._hint = hint
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.DragEnter and isinstance(event, QDragEnterEvent):
            if photo_paths_from(event.mimeData()):
                event.acceptProposedAction()
                self._hint.set_highlight(True)
            else:
                event.ignore()
            return True
        if kind == QEvent.Type.DragLeave:
            self._hint.set_highlight(False)
            return False
        if kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            self._hint.set_highlight(False)
            paths = photo_paths_from(event.mimeData())
            if not paths:
                event.ignore()
            else:
                event.acceptProposedAction()
                self.dropped.emit(paths)
            return True
        return False


class DropHint(QWidget):
    """The empty main area: where to drop the photo and what else to do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disputeDropHint")
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.label.setFont(font)
        self.setStyleSheet("#disputeDropHint { border: 2px dashed palette(mid); border-radius: 12px; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addWidget(self.label)
        self.retranslate()

    def set_highlight(self, on: bool) -> None:
        """Show that a drop here would be taken."""
        colour = "palette(highlight)" if on else "palette(mid)"
        self.setStyleSheet(f"#disputeDropHint {{ border: 2px dashed {colour}; border-radius: 12px; }}")

    def retranslate(self) -> None:
        self.label.setText(self.tr("Drop the buyer's refund photos here (one or several), or press Ctrl+O to "
                                   "open them. A photo of the parcel's label finds the order by itself.\n\n"
                                   "Type or scan the order number above, or choose the clip in the "
                                   "Library and press “Open dispute view for this order”."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
