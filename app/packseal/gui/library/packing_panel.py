"""The library's packing detail: what the order check saw, and the clip on the other side of a return.

Read from the clip's signed ledger entry (the catalog holds only the
summary): items expected and scanned, wrong scans with their times,
warnings and what the packer decided, the packer, the weight. A return
names its shipment and a shipment its return; "Open" (Ctrl+L) shows that
clip. Hidden for a clip with neither a record nor a linked clip.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from packseal.compose import Services
from packseal.core.catalog import ClipRecord
from packseal.core.errors import PackSealError
from packseal.core.ledger.canonical import parse_utc_stamp
from packseal.core.ledger.packing_record import PackingRecord
from packseal.gui import formatting
from packseal.gui.packing_words import status_text, word
from packseal.gui.tasks import TaskRunner

LINK_KEY = QKeySequence("Ctrl+L")


def _time(stamp: str) -> str:
    try:
        return parse_utc_stamp(stamp).astimezone().strftime("%H:%M:%S")
    except (PackSealError, ValueError):
        return stamp


class PackingPanel(QFrame):
    """Shows one clip's packing record and its linked clip; emits :attr:`open_requested` (a ClipRecord)."""

    open_requested = Signal(object)

    def __init__(self, services: Services, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._services = services
        self._runner = runner
        self._clip: ClipRecord | None = None
        self._record: PackingRecord | None = None
        self._linked: list[ClipRecord] = []
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.link_label = QLabel(self)
        self.link_label.setWordWrap(True)  # never widens the clip list
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self._open)
        # A shortcut of its own: a button's setText() resets the button's shortcut.
        self.shortcut = QShortcut(LINK_KEY, self, self._open)
        self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        link_row = QHBoxLayout()
        link_row.setContentsMargins(0, 0, 0, 0)
        link_row.addWidget(self.link_label, 1)
        link_row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addLayout(link_row)
        self.setVisible(False)

    @property
    def linked(self) -> list[ClipRecord]:
        return list(self._linked)

    def show_clip(self, clip: ClipRecord | None) -> None:
        """Read ``clip``'s record and linked clips in the background, then show them."""
        self._clip = clip
        if clip is None:
            self.setVisible(False)
            return
        services = self._services

        def work() -> tuple[PackingRecord, list[ClipRecord]]:
            body = services.ledger.entry(clip.ledger_seq).body if clip.ledger_seq is not None else {}
            return PackingRecord.of_body(body), services.catalog.linked_clips(clip)

        self._runner.run(work, on_success=lambda result, c=clip: self._loaded(c, result),
                         on_failure=lambda exc, c=clip: self._failed(c, exc), label="read a packing record")

    def _loaded(self, clip: ClipRecord, result: tuple[PackingRecord, list[ClipRecord]]) -> None:
        if self._clip is None or clip.id != self._clip.id:
            return  # another clip was chosen meanwhile
        self._record, self._linked = result
        self._fill()

    def _failed(self, clip: ClipRecord, exc: BaseException) -> None:
        if self._clip is not None and clip.id == self._clip.id:
            self._record, self._linked = None, []
            self.title.setText(self.tr("Packing check"))
            self.details.setText(escape(self.tr("The packing record could not be read: {error}").format(error=exc)))
            self.setVisible(True)

    def _open(self) -> None:
        if self._linked:
            self.open_requested.emit(self._linked[-1])

    def _fill(self) -> None:
        record = self._record
        if record is None or (not record.present and not self._linked):
            self.setVisible(False)
            return
        self.title.setText(self.tr("Return unboxing") if record.kind == "return" else self.tr("Packing check"))
        self.details.setText("<br>".join(self._lines(record)))
        self.details.setVisible(record.present)
        if self._linked:
            other = self._linked[-1]
            text = (self.tr("Return of this order: {order}, {time}") if other.kind == "return"
                    else self.tr("Shipment of this return: {order}, {time}"))
            self.link_label.setText(text.format(order=other.order_id, time=formatting.local_time(other.start_ms)))
            self.open_button.setText(self.tr("Open return") if other.kind == "return" else self.tr("Open shipment"))
            self.open_button.setToolTip(self.tr("Show that clip ({key})").format(
                key=LINK_KEY.toString(QKeySequence.SequenceFormat.NativeText)))
        elif record.kind == "return" and record.linked_order:
            self.link_label.setText(self.tr("Return of order {order} (no clip of it here)").format(
                order=record.linked_order))
        else:
            self.link_label.setText("")
        self.link_label.setVisible(bool(self.link_label.text()))
        self.open_button.setVisible(bool(self._linked))
        self.setVisible(True)

    def _lines(self, r: PackingRecord) -> list[str]:
        lines = [f"<b>{escape(word(r.outcome))}</b>"]
        if r.items:
            lines.append(escape(self.tr("Items scanned: {scanned} of {expected}").format(
                scanned=r.items_scanned, expected=r.items_expected)))
            for item in r.items:
                mark = "✔" if item.scanned >= item.expected else "✘"
                lines.append(f"&nbsp;&nbsp;{mark} {escape(item.name or item.sku or item.barcode)} "
                             f"({escape(item.barcode)}) {item.scanned}/{item.expected}")
        for scan in r.wrong_scans:
            lines.append('<span style="color:#c62828">' + escape(self.tr("{time} scanned {code}: {result}").format(
                time=_time(scan.time), code=scan.code, result=word(scan.result))) + "</span>")
        for w in r.warnings:
            lines.append(escape(self.tr("{time} warning: {warning}, {decision}").format(
                time=_time(w.time), warning=word(w.warning), decision=word(w.decision))))
        facts = []
        if r.packer:
            facts.append(self.tr("Packer {badge}").format(badge=r.packer))
        if r.weight_g is not None:
            facts.append(self.tr("Weight {grams} g").format(grams=f"{r.weight_g:,}"))
        if r.expected_weight_g:
            facts.append(self.tr("expected {grams} g").format(grams=f"{r.expected_weight_g:,}"))
        if r.order_status:
            facts.append(self.tr("Order status {status}").format(status=status_text(r.order_status)))
        if facts:
            lines.append(escape(" · ".join(facts)))
        return lines

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange and self.isVisible():
            self._fill()
        super().changeEvent(event)
