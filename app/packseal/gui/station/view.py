"""The station screen: the picture on the left, state and orders on the right, alerts on top.

This is layout and display only; the window decides what to show and when.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from packseal.gui.station.alerts import AlertPanel
from packseal.gui.station.banner import StateBanner
from packseal.gui.station.bench_bars import RETURN_BG, RETURN_FG, LinkBar, StopBar, WarningBar
from packseal.gui.station.cancel_bar import CancelConfirmBar
from packseal.gui.problem_texts import Message
from packseal.gui.station.order_display import OrderDisplay
from packseal.gui.station.order_panel import OrderPanel
from packseal.gui.station.camera_pair import CameraPair
from packseal.gui.station.recent_clips import RecentClipsModel, RecentClipsView
from packseal.gui.station.scale_panel import WeightDisplay
from packseal.gui.theme import NOTICE_BG, NOTICE_FG, PROBLEM_BG, PROBLEM_FG, scaled_font

REFUSAL_SHOWN_MS = 10_000


class RefusalNotice(QFrame):
    """"Code refused" with the reason, in the problem colours, for a few seconds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refusalNotice")
        self.setStyleSheet(f"#refusalNotice {{ background: {PROBLEM_BG}; border: 4px solid {PROBLEM_FG}; "
                           f"border-radius: 8px; }} #refusalNotice QLabel {{ color: {PROBLEM_FG}; }}")
        self.title = QLabel(self)
        self.title.setFont(scaled_font(self.font(), 24, bold=True))
        self.title.setWordWrap(True)
        self.advice = QLabel(self)
        self.advice.setFont(scaled_font(self.font(), 17))
        self.advice.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 8)
        lay.addWidget(self.title)
        lay.addWidget(self.advice)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFUSAL_SHOWN_MS)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, message: Message) -> None:
        self.title.setText(message.title)
        self.advice.setText(message.advice)
        self.setToolTip(message.detail)
        self.show()
        self._timer.start()


class StationView(QWidget):
    def __init__(self, recent_model: RecentClipsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stationView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # the returns mode's frame shows
        self.alerts = AlertPanel(self)
        self.cameras = CameraPair(self)  # the first camera's picture, and the second's when there is one
        self.preview, self.second_preview = self.cameras.previews
        self.notice = QLabel(self)
        self.notice.setObjectName("sourceNotice")
        self.notice.setWordWrap(True)
        self.notice.setFont(scaled_font(self.font(), 17, bold=True))
        self.notice.setStyleSheet(f"#sourceNotice {{ background: {NOTICE_BG}; color: {NOTICE_FG}; "
                                  "padding: 8px 12px; border-radius: 6px; }")
        self.notice.hide()
        self.banner = StateBanner(self)
        self.order = OrderDisplay(self)
        self.weight = WeightDisplay(self)  # hidden when no scale is set
        self.returns_strip = QLabel(self)
        self.returns_strip.setObjectName("returnsStrip")
        self.returns_strip.setFont(scaled_font(self.font(), 22, bold=True))
        self.returns_strip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.returns_strip.setStyleSheet(f"#returnsStrip {{ background: {RETURN_BG}; color: {RETURN_FG}; "
                                         "padding: 6px; border-radius: 8px; }")
        self.returns_strip.setWordWrap(True)
        self.returns_strip.hide()
        self.packer_label = QLabel(self)
        self.packer_label.setObjectName("packerLabel")
        self.packer_label.setFont(scaled_font(self.font(), 17, bold=True))
        self.packer_label.hide()
        self.warning_bar = WarningBar(self)
        # The held order is not recording: the big order display gives the alert its room.
        self.warning_bar.shown.connect(lambda on: self.order.setHidden(on))
        self.stop_bar = StopBar(self)
        self.link_bar = LinkBar(self)
        self.order_panel = OrderPanel(self)
        self.refusal = RefusalNotice(self)
        self.cancel_bar = CancelConfirmBar(self)
        self.stop_button = QPushButton(self)
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter from a scanner must never press it
        self.stop_button.setMinimumHeight(72)
        self.stop_button.setFont(scaled_font(self.font(), 30, bold=True))
        self.stop_button.setStyleSheet(
            "#stopButton { background: #263238; color: white; border-radius: 10px; }"
            "#stopButton:disabled { background: #b0bec5; color: #eceff1; }"
            "#stopButton:pressed { background: #000000; }")
        self.keys_hint = QLabel(self)
        self.keys_hint.setObjectName("keysHint")
        self.keys_hint.setWordWrap(True)
        self.keys_hint.setFont(scaled_font(self.font(), 15))
        self.keys_hint.setStyleSheet("color: #37474f;")
        self.recent_caption = QLabel(self)
        self.recent_caption.setFont(scaled_font(self.font(), 18, bold=True))
        self.recent = RecentClipsView(recent_model, self)
        self.recent.setFont(scaled_font(self.font(), 16))

        left = QVBoxLayout()
        left.addWidget(self.cameras, 3)
        left.addWidget(self.notice)
        left.addWidget(self.order_panel, 2)  # the order's items under the picture, wide enough for names
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(self.banner)
        right.addWidget(self.warning_bar)  # the questions right under the banner, where the packer looks
        right.addWidget(self.stop_bar)
        right.addWidget(self.link_bar)
        right.addWidget(self.returns_strip)
        right.addWidget(self.packer_label)
        right.addWidget(self.order)
        right.addWidget(self.weight)
        right.addWidget(self.refusal)
        right.addWidget(self.cancel_bar)
        right.addWidget(self.stop_button)
        right.addWidget(self.keys_hint)
        right.addWidget(self.recent_caption)
        right.addWidget(self.recent, 1)
        side = QWidget(self)
        side.setLayout(right)
        # A question, the packer and the weight all at once must not push the window below the
        # bottom of a 1366×768 screen: the column scrolls instead (the question stays on top).
        column = QScrollArea(self)
        column.setWidget(side)
        column.setWidgetResizable(True)
        column.setFrameShape(QFrame.Shape.NoFrame)
        column.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        column.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        column.setMinimumWidth(440)
        column.setMaximumWidth(640)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(column, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 10, 10, 10)
        outer.addWidget(self.alerts)
        outer.addLayout(body, 1)
        self.retranslate()

    def show_returns_mode(self, on: bool) -> None:
        """The returns mode looks different at a glance: a purple strip and a purple frame."""
        self.returns_strip.setVisible(on)
        self.setStyleSheet(f"#stationView {{ border: 6px solid {RETURN_BG}; }}" if on else "")

    def show_packer(self, badge: str) -> None:
        self.packer_label.setProperty("badge", badge)
        self.packer_label.setText(self.tr("Packer: {badge}").format(badge=badge) if badge else "")
        self.packer_label.setVisible(bool(badge))

    def show_source_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def retranslate(self) -> None:
        self.stop_button.setText(self.tr("■  STOP  (F9)"))
        self.keys_hint.setText(self.tr("F9 or Esc: stop the order · F8: cancel a mistaken scan · "
                                       "F5: restart the camera · F6: returns mode · F7: read the notes"))
        if self.cameras.two:
            self.keys_hint.setText(self.keys_hint.text() + self.tr(" · F3: both cameras side by side or "
                                                                   "one inside the other"))
        self.returns_strip.setText(self.tr("RETURNS MODE · F6 to leave"))
        self.returns_strip.setToolTip(self.tr("Scanned parcels are recorded as returns being unboxed"))
        self.show_packer(self.packer_label.property("badge") or "")
        self.recent_caption.setText(self.tr("Today's orders"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
