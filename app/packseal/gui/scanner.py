"""Catching keyboard-wedge barcode scanners wherever the focus is.

A USB or Bluetooth scanner in keyboard mode "types" the code and then Enter
into whatever widget has focus. The station must never let that land in a
text field, and must never lose it. :class:`ScannerFilter`, installed on the
application, tells a scanner from a person by rhythm:

* A scanner sends its characters in a burst: successive keys arrive within a
  few milliseconds (``max_gap_ms``, default 50 ms; people, even fast
  typists, leave 80-200 ms between keys) and the burst ends with Enter.
* Every plain printable key (no Ctrl/Alt/Meta) is held back for up to
  ``max_gap_ms`` to see whether more follow. If a burst of at least
  ``min_length`` characters ends with Enter within the gap, it is a scan:
  the keys and the Enter are swallowed and :attr:`code_scanned` is emitted.
* Anything else is given back: when the gap runs out, another key (Tab,
  arrows, F-keys, a modified key) arrives, or Enter follows too few
  characters, the held keys are replayed to the widget they were typed into,
  in order, followed by the key that ended the wait. A person's typing is
  delayed by at most ``max_gap_ms`` and otherwise untouched.

Gaps are measured on the events' own timestamps (the window system's clock,
when it provides one), so a burst stays a burst even if the GUI thread was
busy while it arrived; without timestamps the arrival time is used.

Keys held for a possible scan also claim Qt's ShortcutOverride, so the
Enter that ends a scan can never trigger a shortcut (such as "confirm") first.

Limits: a Chinese input method in Chinese mode takes the scanner's keys
before Qt sees them as keys; the packer must switch it to English mode (the
order-ID check names this when full-width characters arrive). Scanners set
to end codes with Tab instead of Enter need ``terminators`` to include Tab.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

_IGNORED_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier

#: A widget with this dynamic property set to True receives scanner bursts as
#: ordinary typing (for a field whose purpose is to take a scanned code).
PASSTHROUGH_PROPERTY = "packsealScannerInput"


@dataclass(frozen=True)
class ScannerTiming:
    """The thresholds of the scanner heuristic (see the module docstring)."""

    max_gap_ms: float = 50.0
    min_length: int = 6
    max_length: int = 128
    terminators: frozenset[int] = field(default_factory=lambda: frozenset(
        {int(Qt.Key.Key_Return.value), int(Qt.Key.Key_Enter.value)}))


class ScannerFilter(QObject):
    """Application-wide event filter; emits :attr:`code_scanned` for each scanner burst."""

    code_scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, timing: ScannerTiming | None = None) -> None:
        super().__init__(parent)
        self.timing = timing or ScannerTiming()
        self.enabled = True
        self._held: list[QKeyEvent] = []
        self._target: QWidget | None = None
        self._last_stamp: int = 0       # event timestamp (ms) of the last held key, 0 if none
        self._last_arrival: float = 0.0  # monotonic seconds
        self._replaying = False
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.timeout.connect(self._on_quiet)

    # -- Qt's hook ------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if self._replaying or not self.enabled or not isinstance(obj, QWidget):
            return False
        if not _first_receiver(obj) or obj.property(PASSTHROUGH_PROPERTY):
            return False
        assert isinstance(event, QKeyEvent)
        plain = not (event.modifiers() & ~_IGNORED_MODIFIERS)
        text = event.text()
        is_char = plain and len(text) == 1 and text.isprintable() and not event.isAutoRepeat()
        is_end = plain and event.key() in self.timing.terminators

        if kind == QEvent.Type.ShortcutOverride:
            # Claim the key so that no shortcut fires; the KeyPress then comes to us.
            if is_char or (is_end and self._held):
                event.accept()
                return True
            return False

        stamp, arrival = event.timestamp(), time.monotonic()
        if is_char:
            if self._held and (obj is not self._target or self._gap_ms(stamp, arrival) > self.timing.max_gap_ms
                               or len(self._held) >= self.timing.max_length):
                self._give_back()
            if not self._held:
                self._target = obj
            self._held.append(_copy(event))
            self._last_stamp, self._last_arrival = stamp, arrival
            self._quiet.start(int(self.timing.max_gap_ms) + 5)
            return True
        if is_end and self._held:
            if (obj is self._target and len(self._held) >= self.timing.min_length
                    and self._gap_ms(stamp, arrival) <= self.timing.max_gap_ms):
                code = "".join(e.text() for e in self._held)
                self._forget()
                log.debug("scanner burst: %r", code)
                self.code_scanned.emit(code)
                return True
            self._give_back()
            return False
        if self._held:
            self._give_back()  # keep the person's keys in the order they were typed
        return False

    # -- internals ------------------------------------------------------------
    def _gap_ms(self, stamp: int, arrival: float) -> float:
        if stamp and self._last_stamp and stamp >= self._last_stamp:
            return float(stamp - self._last_stamp)
        return (arrival - self._last_arrival) * 1000.0

    def _on_quiet(self) -> None:
        if not self._held:
            return
        waited_ms = (time.monotonic() - self._last_arrival) * 1000.0
        if waited_ms + 1 < self.timing.max_gap_ms:  # a late timer after a key that just came
            self._quiet.start(int(self.timing.max_gap_ms - waited_ms) + 2)
            return
        self._give_back()

    def _give_back(self) -> None:
        """Replay the held keys to the widget they were typed into."""
        held, target = self._held, self._target
        self._forget()
        if target is None or not shiboken6.isValid(target):
            return
        self._replaying = True
        try:
            for ev in held:
                QCoreApplication.sendEvent(target, ev)
        finally:
            self._replaying = False

    def _forget(self) -> None:
        self._held = []
        self._target = None
        self._quiet.stop()


def _first_receiver(widget: QWidget) -> bool:
    """True when ``widget`` is where a key event is delivered first (not a parent it propagated to)."""
    window = widget.window()
    focus = window.focusWidget()
    return widget is (focus if focus is not None else window)


def _copy(event: QKeyEvent) -> QKeyEvent:
    copy = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text(),
                     event.isAutoRepeat(), event.count())
    copy.setTimestamp(event.timestamp())
    return copy
