"""Settings → Orders: the live order feed (watched folder, HTTP endpoint, address, port, token).

The feed itself runs in the recorder process; this page edits its settings,
shows and renews the token (a file in the data dir both processes read) and
can ask the endpoint whether it answers.
"""

from __future__ import annotations

import http.client
import json
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtNetwork import QAbstractSocket, QHostAddress, QNetworkInterface
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QWidget)

from packseal.core.orders.feed_http import new_token, read_token
from packseal.core.orders.places import default_inbox, token_file
from packseal.core.settings import Settings
from packseal.gui import file_places
from packseal.gui.tasks import TaskRunner

LOCAL_ONLY, EVERY_NETWORK = "127.0.0.1", "0.0.0.0"


def lan_addresses() -> list[str]:
    """This computer's IPv4 addresses other than loopback (where a LAN client can reach it)."""
    out = []
    for address in QNetworkInterface.allAddresses():
        if address.protocol() == QAbstractSocket.NetworkLayerProtocol.IPv4Protocol and not address.isLoopback() \
                and address != QHostAddress(QHostAddress.SpecialAddress.AnyIPv4):
            out.append(address.toString())
    return sorted(set(out))


def ask_health(host: str, port: int) -> dict:
    """``GET /health`` of the endpoint (runs on a worker); raises OSError when nothing answers."""
    conn = http.client.HTTPConnection("127.0.0.1" if host == EVERY_NETWORK else host, port, timeout=3)
    try:
        conn.request("GET", "/health")
        resp = conn.getresponse()
        return {"status": resp.status, **json.loads(resp.read() or b"{}")}
    finally:
        conn.close()


class OrderFeedSettings(QWidget):
    """The settings dialog's Orders tab. :meth:`values` gives the ``order_feed_*`` settings."""

    def __init__(self, settings: Settings, data_dir: Path, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderFeedSettings")
        self._data_dir, self._runner = Path(data_dir), runner
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.folder = QLineEdit(settings.order_feed_folder, self)
        self.folder.setObjectName("feedFolder")
        self.choose = QPushButton(self)
        self.choose.setAutoDefault(False)  # Enter in a field must not open the file dialog
        self.choose.clicked.connect(self._choose_folder)
        self.use_default = QPushButton(self)
        self.use_default.setObjectName("feedDefaultFolder")
        self.use_default.clicked.connect(lambda: self.folder.setText(str(default_inbox(self._data_dir))))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose)
        folder_row.addWidget(self.use_default)
        self.http = QCheckBox(self)
        self.http.setObjectName("feedHttp")
        self.http.setChecked(settings.order_feed_http)
        self.bind = QComboBox(self)
        self.bind.setObjectName("feedBind")
        self.bind.setEditable(True)
        for address in (LOCAL_ONLY, *lan_addresses(), EVERY_NETWORK):
            self.bind.addItem(address, address)
        index = self.bind.findData(settings.order_feed_bind)
        if index >= 0:
            self.bind.setCurrentIndex(index)
        else:
            self.bind.setCurrentText(settings.order_feed_bind)
        self.port = QSpinBox(self)
        self.port.setObjectName("feedPort")
        self.port.setRange(1024, 65535)
        self.port.setValue(settings.order_feed_port)
        self.token = QLineEdit(self)
        self.token.setObjectName("feedToken")
        self.token.setReadOnly(True)
        self.token.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.copy = QPushButton(self)
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.token.text()))
        self.renew = QPushButton(self)
        self.renew.setObjectName("feedNewToken")
        self.renew.clicked.connect(self.new_token)
        token_row = QHBoxLayout()
        token_row.addWidget(self.token, 1)
        token_row.addWidget(self.copy)
        token_row.addWidget(self.renew)
        self.endpoint = QLabel(self)
        self.endpoint.setObjectName("feedEndpoint")
        self.check = QPushButton(self)
        self.check.setObjectName("feedCheck")
        self.check.clicked.connect(self.check_endpoint)
        self.check_result = QLabel(self)
        self.check_result.setObjectName("feedCheckResult")
        self.check_result.setWordWrap(True)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check)
        check_row.addWidget(self.check_result, 1)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self._labels = [QLabel(self) for _ in range(5)]
        form = QFormLayout(self)
        form.addRow(self.intro)
        form.addRow(self._labels[0], folder_row)
        form.addRow("", self.http)
        form.addRow(self._labels[1], self.bind)
        form.addRow(self._labels[2], self.port)
        form.addRow(self._labels[3], token_row)
        form.addRow(self._labels[4], self.endpoint)
        form.addRow("", check_row)
        form.addRow(self.note)
        for signal in (self.http.toggled, self.bind.currentTextChanged, self.port.valueChanged):
            signal.connect(self._update)
        self._load_token()
        self.retranslate()

    def values(self) -> dict:
        return {"order_feed_folder": self.folder.text().strip(), "order_feed_http": self.http.isChecked(),
                "order_feed_bind": self.bind_address(), "order_feed_port": self.port.value()}

    def bind_address(self) -> str:
        """The address chosen (an offered one) or typed."""
        index = self.bind.findText(self.bind.currentText())
        if index >= 0:
            return self.bind.itemData(index)
        typed = self.bind.currentText().split()
        return typed[0] if typed else ""

    def _load_token(self) -> None:
        try:
            self.token.setText(read_token(token_file(self._data_dir)))
        except Exception as exc:  # shown where the token would be; saving the other settings still works
            self.token.setText("")
            self.token.setPlaceholderText(str(exc))

    def new_token(self) -> None:
        """A new token; the old one stops working at once (the recorder reads the file per request)."""
        self.token.setText(new_token(token_file(self._data_dir)))
        self.check_result.setText(self.tr("New token made: give it to every program that sends orders."))

    def _choose_folder(self) -> None:
        start = self.folder.text().strip() or str(file_places.last_folder(file_places.ORDER_FEED, Path.home()))
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder of order files"), start,
                                                  QFileDialog.Option.DontUseNativeDialog
                                                  | QFileDialog.Option.ShowDirsOnly)
        if chosen:
            file_places.remember(file_places.ORDER_FEED, chosen)
            self.folder.setText(chosen)

    def check_endpoint(self) -> None:
        """Ask the endpoint the saved settings describe whether it answers (on the runner)."""
        host, port = self.bind_address(), self.port.value()
        self.check_result.setText(self.tr("Asking…"))
        self._runner.run(lambda: ask_health(host, port), on_success=self._answered,
                         on_failure=self._not_answered, label="check the order feed")

    def _answered(self, answer: dict) -> None:
        self.check_result.setStyleSheet("color: #2e7d32;")
        self.check_result.setText(self.tr("The endpoint answers (HTTP {status}).").format(status=answer["status"]))

    def _not_answered(self, exc: BaseException) -> None:
        self.check_result.setStyleSheet("color: #c62828;")
        self.check_result.setText(self.tr("Nothing answers there ({error}). Save the settings first; the "
                                          "recorder starts the endpoint within a second.").format(error=exc))

    def _update(self) -> None:
        on = self.http.isChecked()
        for w in (self.bind, self.port, self.check):
            w.setEnabled(on)
        host = self.bind_address()
        shown = "127.0.0.1" if host == EVERY_NETWORK else host
        self.endpoint.setText(f"POST http://{shown}:{self.port.value()}/orders" if on else self.tr("off"))

    def retranslate(self) -> None:
        self.intro.setText(self.tr("Orders can also arrive while PackSeal runs: from your ERP or shop tools as "
                                   "JSON documents (the format is in docs/ORDERS.md), dropped into a folder or "
                                   "sent to a local web address."))
        for label, text in zip(self._labels, (self.tr("Watched folder:"), self.tr("Listen on:"), self.tr("Port:"),
                                              self.tr("Token:"), self.tr("Address:"))):
            label.setText(text)
        self.folder.setPlaceholderText(self.tr("none (no folder is watched)"))
        self.choose.setText(self.tr("Choose…"))
        self.use_default.setText(self.tr("Use the default folder"))
        self.http.setText(self.tr("Receive orders over HTTP"))
        labels = {LOCAL_ONLY: self.tr("127.0.0.1 — this computer only"),
                  EVERY_NETWORK: self.tr("0.0.0.0 — every network of this computer")}
        chosen = self.bind_address()
        for i in range(self.bind.count()):
            address = self.bind.itemData(i)
            self.bind.setItemText(i, labels.get(address, self.tr("{address} — the shop's network").format(
                address=address)))
        index = self.bind.findData(chosen)
        if index >= 0:
            self.bind.setCurrentIndex(index)
        else:
            self.bind.setCurrentText(chosen)
        self.copy.setText(self.tr("Copy"))
        self.renew.setText(self.tr("New token"))
        self.check.setText(self.tr("Check"))
        self.note.setText(self.tr("Files are taken when they stop growing and moved to done/ or, refused, to "
                                  "failed/ with a note saying why. Programs sending over HTTP put the token "
                                  "in the header “Authorization: Bearer TOKEN”. Another computer can reach "
                                  "the address only when it listens on a network address, not 127.0.0.1."))
        self._update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
