"""The window's hub parts: Settings → Hub (pair with a code) and the hub's word in the status bar.

Pairing runs the core's ``pair_station`` on a task thread; the status bar
label follows the recorder's background sync (``SyncPassed``, ``SyncFailed``,
``HubForked``, re-emitted by the ``CoreBridge``). docs/HUB.md §2–3.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from packseal.core.ledger.keys import group_fingerprint
from packseal.core.sync.state import HubState
from packseal.gui.tasks import TaskRunner

Pair = Callable[[str, str], HubState]


class _Retranslated:
    """Widgets that say their words again when the language changes."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class HubPage(_Retranslated, QWidget):
    """Settings → Hub: the paired hub, and pairing with a URL and a one-time code."""

    def __init__(self, state: HubState | None, pair: Pair, runner: TaskRunner, *, bandwidth_kbps: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._pair = pair
        self._runner = runner
        self.url = QLineEdit(state.url if state else "", self)
        self.url.setObjectName("hubUrl")
        self.code = QLineEdit(self)
        self.code.setObjectName("hubCode")
        self.pair_button = QPushButton(self)
        self.pair_button.setObjectName("hubPair")
        self.pair_button.clicked.connect(self._start_pairing)
        self.status = QLabel(self)
        self.status.setObjectName("hubStatus")
        self.status.setWordWrap(True)
        self.bandwidth = QSpinBox(self)
        self.bandwidth.setObjectName("hubBandwidth")
        self.bandwidth.setRange(0, 10_000_000)
        self.bandwidth.setValue(bandwidth_kbps)
        self._labels = [QLabel(self), QLabel(self), QLabel(self)]
        form = QFormLayout(self)
        form.addRow(self._labels[0], self.url)
        form.addRow(self._labels[1], self.code)
        form.addRow("", self.pair_button)
        form.addRow(self.status)
        form.addRow(self._labels[2], self.bandwidth)
        self._error: str | None = None
        self.retranslate()

    def values(self) -> dict:
        """The settings this page edits."""
        return {"hub_bandwidth_kbps": self.bandwidth.value()}

    def _start_pairing(self) -> None:
        url, code = self.url.text().strip(), self.code.text().strip()
        self.pair_button.setEnabled(False)
        self._error = None
        self.status.setText(self.tr("Pairing…"))
        self._runner.run(lambda: self._pair(url, code), on_success=self._paired, on_failure=self._failed,
                         label="pair with hub")

    def _paired(self, state: HubState) -> None:
        self._state = state
        self.code.clear()
        self.pair_button.setEnabled(True)
        self.retranslate()

    def _failed(self, error: BaseException) -> None:
        self._error = str(error)
        self.pair_button.setEnabled(True)
        self.retranslate()

    def retranslate(self) -> None:
        self._labels[0].setText(self.tr("Hub address:"))
        self._labels[1].setText(self.tr("Pairing code:"))
        self.code.setPlaceholderText(self.tr("from `packseal hub pair` on the hub, e.g. ABCDE-FGHIJ"))
        self.pair_button.setText(self.tr("Pair with this hub"))
        self._labels[2].setText(self.tr("Upload limit:"))
        self.bandwidth.setSuffix(self.tr(" KiB/s"))
        self.bandwidth.setSpecialValueText(self.tr("no limit"))
        if self._error:
            self.status.setText(self.tr("Not paired: {0}").format(self._error))
        elif self._state is None:
            self.status.setText(self.tr("This station is not paired with a hub. It works alone; a hub adds "
                                        "a copy of every clip and a witness of its ledger."))
        else:
            fingerprint = group_fingerprint(self._state.hub_public_key.fingerprint_hex)
            self.status.setText(self.tr("Paired with {0}. Hub key {1} (pinned). The recorder sends the hub "
                                        "what it lacks every few minutes.").format(self._state.url, fingerprint))


class HubStatusLabel(_Retranslated, QLabel):
    """The status bar's word on the hub: up to date, files pending, unreachable, or forked (red)."""

    def __init__(self, state: HubState | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hubStatusLabel")
        self._paired = state is not None
        self._forked = state is not None and state.status == "forked"
        self._pending: int | None = None
        self._failure: str | None = state.last_error if state and not self._forked else None
        self.retranslate()

    def on_passed(self, uploaded: int, pending: int) -> None:
        # a pass went through: the hub takes this station's history (again, once an owner accepted it)
        self._paired, self._pending, self._failure, self._forked = True, pending, None, False
        self.retranslate()

    def on_failed(self, message: str) -> None:
        self._paired, self._failure = True, message
        self.retranslate()

    def on_forked(self, message: str) -> None:
        self._paired, self._forked, self._failure = True, True, message
        self.retranslate()

    def retranslate(self) -> None:
        self.setVisible(self._paired)
        self.setStyleSheet("color: #c62828; font-weight: bold;" if self._forked else "")
        if self._forked:
            self.setText(self.tr("Hub: history refused"))
            self.setToolTip(self.tr("The hub found that this station's ledger was rewritten, rolled back or "
                                    "forked, and refuses its sync until an owner acts on the hub.")
                            + (f"\n{self._failure}" if self._failure else ""))
        elif self._failure:
            self.setText(self.tr("Hub: not reached"))
            self.setToolTip(self._failure)
        elif self._pending is None:
            self.setText(self.tr("Hub: paired"))
            self.setToolTip("")
        elif self._pending:
            self.setText(self.tr("Hub: {0} pending").format(self._pending))
            self.setToolTip(self.tr("Files and ledger entries the hub does not hold yet"))
        else:
            self.setText(self.tr("Hub: up to date"))
            self.setToolTip("")
