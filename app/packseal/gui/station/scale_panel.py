"""The scale at the station: the live weight beside the order, and an alert when the scale goes away.

The recorder process owns the scale; its readings arrive as ScaleReading,
ScaleLost and ScaleBack events through the bridge. :class:`WeightDisplay`
shows the weight in large digits (with "stable" or "moving" under it) and is
hidden when no scale is set. :class:`ScaleWatch` turns the events into what
is shown and heard: a lost scale is a non-blocking alert with the error
sound (recording goes on, without the weight), its return clears the alert
and says so in the status bar.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, SignalInstance
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from packseal.core.scale.events import GARBLED, SILENT, UNMATCHED, ScaleLost, ScaleReading
from packseal.core.scale.patterns import format_grams
from packseal.gui.problem_texts import Message
from packseal.gui.station.alerts import AlertPanel
from packseal.gui.station.sounds import SoundCues
from packseal.gui.theme import scaled_font

ALERT_KEY = "scale"
_STABLE, _MOVING, _NONE = "#1b5e20", "#b26a00", "#78909c"


class WeightDisplay(QFrame):
    """The scale's weight now: ``1.234 kg`` and whether it is stable; ``—`` without a reading."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weightDisplay")
        self.setStyleSheet("#weightDisplay { border: 2px solid #cfd8dc; border-radius: 8px; }")
        self.caption = QLabel(self)
        self.caption.setFont(scaled_font(self.font(), 16))
        self.weight_label = QLabel("—", self)
        self.weight_label.setObjectName("weightValue")
        self.weight_label.setFont(scaled_font(self.font(), 40, bold=True))
        self.state_label = QLabel(self)
        self.state_label.setObjectName("weightState")
        self.state_label.setFont(scaled_font(self.font(), 16, bold=True))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.setSpacing(0)
        lay.addWidget(self.caption)
        lay.addWidget(self.weight_label)
        lay.addWidget(self.state_label)
        self._state: tuple[str, Any] = ("waiting", None)
        self.setVisible(False)
        self.retranslate()

    def show_reading(self, grams: int, stable: bool) -> None:
        self._state = ("reading", (grams, stable))
        self._render()

    def show_no_weight(self, why: str) -> None:
        """No reading: ``why`` is "waiting" (not yet) or "lost"."""
        self._state = (why, None)
        self._render()

    @property
    def shown(self) -> tuple[str, Any]:
        """("reading", (grams, stable)), ("waiting", None) or ("lost", None)."""
        return self._state

    def _render(self) -> None:
        kind, value = self._state
        if kind == "reading":
            grams, stable = value
            self.weight_label.setText(format_grams(grams))
            colour = _STABLE if stable else _MOVING
            self.state_label.setText(self.tr("Stable") if stable else self.tr("Moving – wait for it to settle"))
        else:
            self.weight_label.setText("—")
            colour = _NONE
            self.state_label.setText(self.tr("Scale not connected") if kind == "lost"
                                     else self.tr("Waiting for the scale…"))
        self.weight_label.setStyleSheet(f"color: {colour};")
        self.state_label.setStyleSheet(f"color: {colour};")

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Weight"))
        self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def scale_lost_message(reason: str, message: str, sample: str = "") -> Message:
    """What the station says when the scale gives no weight, by the reader's reason."""
    later = QCoreApplication.translate("Scale", "Recording goes on; clips get no weight until the scale is back.")
    if reason == SILENT:
        title = QCoreApplication.translate("Scale", "The scale sends no weight")
        advice = QCoreApplication.translate("Scale", "Check that it is switched on and set to continuous output.")
    elif reason == GARBLED:
        title = QCoreApplication.translate("Scale", "The scale's data cannot be read")
        advice = QCoreApplication.translate("Scale", "This is usually a wrong baud rate: compare Settings → Scale "
                                                     "with the scale's own setting.")
    elif reason == UNMATCHED:
        title = QCoreApplication.translate("Scale", "The scale sends lines in another format")
        advice = QCoreApplication.translate("Scale", "Choose the scale's line format in Settings → Scale; its "
                                                     "test shows what the scale sends.")
    else:  # DISCONNECTED, or a reason this window does not know yet
        title = QCoreApplication.translate("Scale", "The scale is disconnected")
        advice = QCoreApplication.translate("Scale", "Check its cable and power; PackSeal reconnects by itself.")
    detail = message
    if sample:
        detail += "\n" + QCoreApplication.translate("Scale", "Last line: {line}").format(line=sample)
    gap = "" if advice.endswith(("。", "！")) else " "  # Chinese sentences follow each other without a space
    return Message(title, advice + gap + later, detail)


class ScaleWatch(QObject):
    """Keeps the weight display and the scale alert in step with the recorder's scale events."""

    def __init__(self, bridge: Any, display: WeightDisplay, alerts: AlertPanel, sounds: SoundCues,
                 note: Callable[[str, int], None], connected: SignalInstance, port: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.display, self.alerts, self.sounds, self._note = display, alerts, sounds, note
        bridge.scale_reading.connect(self._on_reading)
        bridge.scale_lost.connect(self._on_lost)
        bridge.scale_back.connect(self._on_back)
        bridge.station_stopped.connect(lambda: self.display.show_no_weight("waiting"))
        connected.connect(self._on_connected)
        self.set_port(port)

    def set_port(self, port: str) -> None:
        """The scale port of the settings now ("" = no scale: the display hides, a scale alert goes)."""
        self.display.setVisible(bool(port))
        if not port:
            self.alerts.clear_alert(ALERT_KEY)

    def _on_reading(self, event: ScaleReading) -> None:
        self.display.setVisible(True)
        self.display.show_reading(event.grams, event.stable)

    def _on_lost(self, event: ScaleLost) -> None:
        self.display.setVisible(True)
        self.display.show_no_weight("lost")
        reason, message, sample = event.reason, event.message, event.sample
        said = ALERT_KEY in self.alerts.keys()  # the same loss said again: no second sound
        self.alerts.show_alert(ALERT_KEY, lambda: scale_lost_message(reason, message, sample), blocking=False)
        if not said:
            self.sounds.play("error")

    def _on_back(self, port: str) -> None:
        self.alerts.clear_alert(ALERT_KEY)
        self._note(self.tr("The scale is back: {port}").format(port=port), 8000)

    def _on_connected(self, snapshot: Any) -> None:
        """A window that connects mid-way learns the scale's state from the recorder's snapshot."""
        status = (snapshot.live or {}).get("scale")
        if not status:
            return
        self.display.setVisible(True)
        if status.get("state") == "ok" and status.get("grams") is not None:
            self.display.show_reading(status["grams"], bool(status["stable"]))
        elif status.get("state") == "lost":
            reason = status.get("reason", "")
            sample = status.get("last_line", "") if reason in (GARBLED, UNMATCHED) else ""
            self._on_lost(ScaleLost(status.get("port", ""), reason, status.get("message", ""), sample))
        else:
            self.display.show_no_weight("waiting")

