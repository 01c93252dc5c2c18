"""The About box: version, the station key's fingerprint, and where the data lives."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from packseal import __version__
from packseal.gui.theme import icon, scaled_font


class AboutDialog(QDialog):
    def __init__(self, *, fingerprint: str, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self._fingerprint = fingerprint
        self._data_dir = data_dir
        logo = QLabel(self)
        logo.setPixmap(icon("packseal.svg").pixmap(QSize(96, 96), self.devicePixelRatioF()))
        self.name = QLabel(self)
        self.name.setFont(scaled_font(self.font(), 28, bold=True))
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        words = QVBoxLayout()
        words.addWidget(self.name)
        words.addWidget(self.body)
        top = QHBoxLayout()
        top.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(words, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(buttons)
        self.resize(620, 300)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("About PackSeal"))
        self.name.setText(self.tr("PackSeal 打包存证 {version}").format(version=__version__))
        rows = [
            self.tr("Sealed video of every order packed at this station."),
            self.tr("Station key fingerprint: <b><tt>{fp}</tt></b>").format(fp=self._fingerprint),
            self.tr("Data folder: <tt>{path}</tt>").format(path=html.escape(str(self._data_dir))),
            self.tr("Licence: Apache-2.0. Uses Qt (PySide6, LGPL), FFmpeg (LGPL), OpenCV, zxing-cpp and "
                    "WenQuanYi Micro Hei."),
        ]
        self.body.setText("<p>" + "</p><p>".join(rows) + "</p>")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
