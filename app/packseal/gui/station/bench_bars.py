"""The bench's questions and the return link field, answered with the keyboard only.

* :class:`WarningBar` — a red alert before an order records: cancelled,
  refunded, or a waybill recorded before (F2 opens that clip). Enter records
  it anyway, Esc drops it; both are sealed.
* :class:`StopBar` — stopping (or the next waybill) with items missing:
  Enter stops and seals the order incomplete, Esc goes on packing.
* :class:`LinkBar` — a return the order data does not link: scan or type
  the shipment's order ID and press Enter.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from packseal.core.packing.check import CANCELLED, DUPLICATE, REFUNDED, RETURN
from packseal.core.packing.events import StopAsked, WarningAsked
from packseal.gui.formatting import local_time
from packseal.gui.scanner import PASSTHROUGH_PROPERTY
from packseal.gui.station.question_bar import QuestionBar
from packseal.gui.theme import scaled_font

ALERT_BG, ALERT_FG = "#b71c1c", "#ffffff"  # the loud red of a risky order
RETURN_BG, RETURN_FG = "#4a148c", "#ffffff"  # the returns mode's own colour


class WarningBar(QuestionBar):
    confirmed = Signal(str)  # the held code
    dropped = Signal(str)
    shown = Signal(bool)     # the alert appeared (True) or went (False): the view makes room for it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("warningBar", ALERT_BG, ALERT_FG, parent=parent)
        self.question.setFont(scaled_font(self.font(), 26, bold=True))
        self.asked: WarningAsked | None = None

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.shown.emit(True)

    def hideEvent(self, event) -> None:  # noqa: N802
        super().hideEvent(event)
        self.shown.emit(False)

    def ask(self, asked: WarningAsked) -> None:
        self.asked = asked
        self.open_question()

    def on_yes(self) -> None:
        if self.asked is not None:
            self.confirmed.emit(self.asked.code)

    def on_no(self) -> None:
        if self.asked is not None:
            self.dropped.emit(self.asked.code)

    def retranslate(self) -> None:
        asked = self.asked
        if asked is None:
            return
        lines = [self._line(w.warning, asked, w.detail) for w in asked.plan.warnings]
        self.question.setText("\n".join(lines))
        hints = [self.tr("Waybill {code}.").format(code=asked.code), self.tr("Check with the office before packing it.")]
        if asked.prior is not None:
            hints.append(self.tr("F2: open the earlier clip."))
        self.detail.setText("\n".join(hints))
        self.detail.show()
        self.yes.setText(self.tr("Enter: record it anyway"))
        self.no.setText(self.tr("Esc: drop it, do not pack"))

    def _line(self, warning: str, asked: WarningAsked, detail: str) -> str:
        order = asked.plan.order.order_id if asked.plan.order is not None else asked.code
        if warning == CANCELLED:
            return self.tr("Order {order} was CANCELLED").format(order=order)
        if warning == REFUNDED:
            return self.tr("Order {order} was REFUNDED").format(order=order)
        if warning == DUPLICATE and asked.prior is not None:
            return self.tr("Already recorded on {time}").format(
                time=local_time(int(asked.prior.scan.timestamp() * 1000)))
        return warning


class StopBar(QuestionBar):
    stop_confirmed = Signal(str)  # order id
    go_on = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("stopBar", ALERT_BG, ALERT_FG, parent=parent)
        self.asked: StopAsked | None = None

    def ask(self, asked: StopAsked) -> None:
        self.asked = asked
        self.open_question()

    def on_yes(self) -> None:
        if self.asked is not None:
            self.stop_confirmed.emit(self.asked.order_id)

    def on_no(self) -> None:
        if self.asked is not None:
            self.go_on.emit(self.asked.order_id)

    def retranslate(self) -> None:
        asked = self.asked
        if asked is None:
            return
        if asked.kind == RETURN:
            question = self.tr("%n item(s) of order {order} not found in this return. Stop anyway?", "",
                               asked.missing)
        else:
            question = self.tr("%n item(s) still missing from order {order}. Stop anyway?", "", asked.missing)
        self.question.setText(question.format(order=asked.order_id))
        if asked.next_code:
            self.detail.setText(self.tr("Then {code} starts.").format(code=asked.next_code))
        self.detail.setVisible(bool(asked.next_code))
        self.yes.setText(self.tr("Enter: stop, seal the return as incomplete") if asked.kind == RETURN
                         else self.tr("Enter: stop, seal it as incomplete"))
        self.no.setText(self.tr("Esc: go on packing"))


class LinkBar(QFrame):
    """Scan or type the shipment's order ID of the return being recorded; Enter links, Esc closes."""

    linked = Signal(str, str)  # the return's code, the shipment's order ID

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkBar")
        self.setStyleSheet(f"#linkBar {{ background: {RETURN_BG}; border-radius: 8px; }} "
                           f"#linkBar QLabel {{ color: {RETURN_FG}; }}")
        self._code = ""
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.prompt.setFont(scaled_font(self.font(), 18, bold=True))
        self.field = QLineEdit(self)
        self.field.setObjectName("linkField")
        self.field.setFont(scaled_font(self.font(), 22))
        self.field.setProperty(PASSTHROUGH_PROPERTY, True)  # a scanned order ID lands here, not as a scan
        self.field.returnPressed.connect(self._submit)
        self.field.installEventFilter(self)
        lay = QVBoxLayout(self)
        lay.addWidget(self.prompt)
        lay.addWidget(self.field)
        self.hide()

    @property
    def code(self) -> str:
        return self._code

    def ask(self, code: str) -> None:
        self._code = code
        self.field.clear()
        self.retranslate()
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def close_bar(self) -> None:
        self._code = ""
        self.hide()

    def _submit(self) -> None:
        text = self.field.text().strip()
        if text and self._code:
            self.linked.emit(self._code, text)

    def eventFilter(self, obj, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return True
        return super().eventFilter(obj, event)

    def retranslate(self) -> None:
        self.prompt.setText(self.tr("Return {code}: scan or type the original order ID, then Enter "
                                    "(Esc: later)").format(code=self._code))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
