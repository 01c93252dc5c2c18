"""Catching keyboard-wedge barcode scanners wherever the focus is.

A USB or Bluetooth scanner in keyboard mode "types" the code and then Enter
into whatever widget has focus. The station must never let that land in a
text field, and must never lose it. :class:`ScannerFilter`, installed on the
application, tells a scanner from a person by rhythm:

* A scanner sends its characters in a burst: successive keys arrive within
  ``max_gap_ms`` (default 70 ms, which admits a scanner set to its slowest,
  50 ms a key; people leave 100-200 ms between keys) and the burst ends with
  Enter (or Tab, when the shop's scanners are set up that way).
* Every printable key (no Ctrl/Alt/Meta) is held back for up to
  ``max_gap_ms`` to see whether more follow. If a burst of at least
  ``min_length`` characters ends with the terminator within the gap, it is a
  scan: the keys are swallowed and :attr:`code_scanned` is emitted with the
  code (minus the scanner's configured prefix and suffix).
* Anything else is given back: when the gap runs out, another key (arrows,
  F-keys, a Ctrl combination) arrives, or the terminator follows too few
  characters, the held keys are replayed to the widgets they were typed
  into, in order, followed by the key that ended the wait. A person's typing
  is delayed by at most ``max_gap_ms`` (keys typed as fast as a scanner's, up
  to 250 ms more: see below) and otherwise untouched.

What real keyboards send besides characters:

* Modifier keys on their own (Shift around every capital letter, Caps Lock,
  Num Lock, AltGr) never end a burst; they go to the widget as usual.
* With Caps Lock on, a scanner's Shift+S arrives as "s": a lower-case letter
  typed with Shift is taken as the capital the scanner meant. (Lower-case
  letters a scanner sends without Shift still arrive as capitals then, as
  in any other program.)
* Keypad digits count as digits, also with Num Lock off (when X delivers
  them as Home, End, arrows…).

Gaps are measured on the events' own timestamps (the window system's
clock), so a burst stays a burst even if the GUI thread was busy while it
arrived. A quiet-timer that fires late (the GUI thread was busy, so more
keys may be queued behind it) waits one more turn of the event loop before
it gives anything back: otherwise the head of a burst would be replayed as
typing and its tail taken for a shorter code, or lost.

A burst the window system split (a loaded machine): the X server stamps a
key when it handles it, not when the scanner sent it. Descheduled mid-burst,
it stamps a pause inside the code (71-103 ms, once 707 ms, measured at load
6-9 on two cores, against 5-30 ms between the other keys; at load 12 a
plain 15-key scan sent 30 ms a key arrived as ``YT12345``, a pause, then the
rest). Before this rule that cut ``JT5000000000005`` into a head given back
as typing and a tail ``000000000005`` taken for a shorter, wrong order. The
rule, all on the stamps:

* A *head* is a fragment that broke off without a terminator and looks like
  a scanner's: two keys or more within ``max_gap_ms`` of each other, or one
  key to a widget that takes no text. It is held, not given back, for
  ``join_ms`` (250 ms) after its last key when it reached a text field, else
  for ``join_off_field_ms`` (2 s: holding delays nothing anyone sees there;
  a lone key held that long delays at most a list's type-ahead). One lone key after a head is added to it (two pauses
  in a row); a head whose next key was stamped without a pause (only our
  quiet timer ran out) simply continues the burst.
* A *tail* is a scanner-fast fragment that ends with the terminator. Head
  and tail are joined into one scan only if the whole code is a valid code
  under the station's order rules (:attr:`ScannerFilter.code_check`, set from
  the settings by :func:`configure_scanner`) and the two parts are not each a
  valid code on their own (then they may be two scans, the first without its
  terminator; with three parts or more, no cut may leave a valid code on
  both sides). A head long enough for a code followed after a pause by the
  terminator alone is that code, under the same rule if the head itself came
  in parts.
* A tail is never taken alone when a fragment broke off without a terminator
  within ``cut_ms`` (3 s) before its first key and was not joined (given back
  as typing, or held too long): it may be the rest of a cut code. Such a
  tail, and a joined code that fails the rule above, is refused
  (:attr:`split_refused`): shown, sounded and logged, nothing recorded; the
  head's keys go where they were typed, the tail's nowhere. A person's key
  in between (Enter after typing, an F-key, Esc, an arrow, a Ctrl
  combination) says that what came before was typing, not a head.
* Two scans in a row are never joined: a terminator ends a burst, and a
  terminated burst leaves no head behind. A person's typing keeps its
  outcome: a lone key in a text field is given back after ``max_gap_ms`` as
  ever; keys typed within ``max_gap_ms`` of each other (and one key after
  them) wait up to 250 ms longer and then land in order. The price: a scan
  begun within 3 s after a person typed (or after a stray key) is refused
  and must be scanned again; a pause of more than 3 s inside one code is
  not recognised (never measured). The windows are on the arrival clock
  where no stamp exists yet (no key has come): at load 14-18 a tail stamped
  620 ms after its head reached the app more than 1 s after it, hence 2 s
  where waiting costs nothing.

Exceptions: a field marked with :data:`PASSTHROUGH_PROPERTY` (the dispute
view's order field) takes bursts as typing; and while a file dialog is open
every key is the owner's, who types a path there (perhaps with a tool as
fast as a scanner) and presses Enter.

Every burst has exactly one outcome: a scan (:attr:`code_scanned`), a
refusal when a scanner-fast burst of code length reached no text field
(:attr:`burst_refused`, e.g. the scanner sends no Enter), a refusal of a code
that arrived in parts and cannot be joined safely (:attr:`split_refused`), or
typing into the field it was meant for (logged once). A burst without a
terminator where nothing is typed is refused once its head has waited
``join_off_field_ms``; if its tail comes later still (within ``cut_ms``), the
tail is refused too: two refusals, never an order.

PySide can hand an event filter a stale wrapper for a live widget (seen with
QFileDialog's private line edit); the filter therefore reads ``obj`` only
for its address, works with a fresh wrapper of the key's receiver, and never
lets an exception escape into Qt (shiboken crashes on one raised there).

Limits: a Chinese input method in Chinese mode takes the scanner's keys
before Qt sees them as keys; the packer must switch it to English mode (the
order-ID check names this when full-width characters arrive). Scanners in
"Alt + keypad code" mode are not understood.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QFileDialog, QLineEdit,
                               QPlainTextEdit, QTextEdit, QWidget)

from packseal.core.errors import BadInputError
from packseal.core.settings import Settings
from packseal.core.station import policy_from_settings

log = logging.getLogger(__name__)

_IGNORED_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
_MODIFIER_KEYS = frozenset(int(k.value) for k in (
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
    Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_Hyper_L, Qt.Key.Key_Hyper_R,
    Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_ScrollLock, Qt.Key.Key_Mode_switch))
# What the keypad's digit keys become with Num Lock off.
_KEYPAD_DIGITS = {int(k.value): d for k, d in (
    (Qt.Key.Key_Insert, "0"), (Qt.Key.Key_End, "1"), (Qt.Key.Key_Down, "2"), (Qt.Key.Key_PageDown, "3"),
    (Qt.Key.Key_Left, "4"), (Qt.Key.Key_Clear, "5"), (Qt.Key.Key_Right, "6"), (Qt.Key.Key_Home, "7"),
    (Qt.Key.Key_Up, "8"), (Qt.Key.Key_PageUp, "9"))}
ENTER_KEYS = frozenset({int(Qt.Key.Key_Return.value), int(Qt.Key.Key_Enter.value)})
TAB_KEY = int(Qt.Key.Key_Tab.value)
LATE_TIMER_MS = 20     # a quiet-timer this late means the GUI thread was busy
LONE_KEY_MS = 250      # a key with no character key this close before it was pressed by a person
MAX_HOLD_S = 3.0       # never hold keys longer than this, however busy the GUI thread

#: A widget with this dynamic property set to True receives scanner bursts as
#: ordinary typing (for a field whose purpose is to take a scanned code).
PASSTHROUGH_PROPERTY = "packsealScannerInput"


@dataclass(frozen=True)
class ScannerTiming:
    """The thresholds of the scanner heuristic (see the module docstring)."""

    max_gap_ms: float = 70.0
    join_ms: float = 250.0             # how long a head that reached a text field waits for its tail
    join_off_field_ms: float = 2000.0  # ... a head that reached no text field
    cut_ms: float = 3000.0             # a tail this soon after a fragment that was not joined is never alone
    min_length: int = 6
    max_length: int = 128
    terminators: frozenset[int] = field(default_factory=lambda: ENTER_KEYS)


@dataclass
class _Held:
    event: QKeyEvent
    char: str
    target: QWidget
    address: int


class ScannerFilter(QObject):
    """Application-wide event filter; emits :attr:`code_scanned` for each scanner burst."""

    code_scanned = Signal(str)
    burst_refused = Signal(str)  # the characters of a scanner-fast burst that ended without a terminator
    split_refused = Signal(str)  # the characters of a code that arrived in parts and was not joined

    def __init__(self, parent: QObject | None = None, timing: ScannerTiming | None = None) -> None:
        super().__init__(parent)
        self.timing = timing or ScannerTiming()
        self.enabled = True
        self.prefix = ""
        self.suffix = ""
        #: Whether a code (prefix and suffix removed) is valid under the station's order rules;
        #: None: any code of ``min_length`` is. Decides whether the parts of a split burst are joined.
        self.code_check: Callable[[str], bool] | None = None
        self._held: list[_Held] = []     # the fragment being received
        self._head: list[_Held] = []     # scanner-fast fragments that broke off, waiting for their tail
        self._head_stamp: int = 0        # event timestamp (ms) of the head's last key
        self._head_arrival: float = 0.0
        self._join_ms: float = self.timing.join_ms  # how long the head waits for its tail
        self._lone_joined = False        # a lone key after the head was added to it already
        self._bounds: list[int] = []     # where the head's fragments meet (indexes into head + held)
        self._cut_stamp: int = 0         # event timestamp (ms) of the last key of a fragment given back
        self._cut_arrival: float = 0.0   # ... and when it arrived; 0.0: no such fragment pending
        self._cut_chars = ""
        self._last_stamp: int = 0       # event timestamp (ms) of the last held key, 0 if none
        self._last_arrival: float = 0.0  # monotonic seconds
        self._first_arrival: float = 0.0
        self._due: float = 0.0           # when the quiet timer should fire (monotonic seconds)
        self._char_stamp: int = 0        # event timestamp (ms) of the last character key seen
        self._char_arrival: float = 0.0  # ... and when it arrived (monotonic seconds)
        self._replaying = False
        self._warned = False
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setTimerType(Qt.TimerType.PreciseTimer)
        self._quiet.timeout.connect(self._on_quiet)

    def configure(self, *, prefix: str = "", suffix: str = "", tab_ends_code: bool = False) -> None:
        """The scanner's set-up: text it sends before and after each code, and whether Tab ends a code."""
        self.prefix, self.suffix = prefix, suffix
        ends = ENTER_KEYS | ({TAB_KEY} if tab_ends_code else set())
        self.timing = dataclasses.replace(self.timing, terminators=frozenset(ends))

    # -- Qt's hook ------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if self._replaying or not self.enabled:
            return False
        try:
            return self._filter(obj, event, kind)
        except Exception:  # an exception raised into Qt here takes the whole app down
            if not self._warned:
                self._warned = True
                log.exception("the scanner filter failed on a key; keys pass through unfiltered")
            return False

    def _filter(self, obj: QObject, event: QEvent, kind: QEvent.Type) -> bool:
        receiver = _first_receiver(obj)
        if receiver is None:
            return False  # a parent the key propagated to, or not a widget
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False  # Shift around a capital letter, Caps Lock, Num Lock: part of the burst
        if receiver.property(PASSTHROUGH_PROPERTY) or _file_dialog_open():
            if self._held or self._head:
                self._give_back()
            return False
        char = self._char(event)
        is_end = not (event.modifiers() & ~_IGNORED_MODIFIERS) and key in self.timing.terminators

        if kind == QEvent.Type.ShortcutOverride:
            # Claim the key so that no shortcut fires; the KeyPress then comes to us.
            if char or (is_end and (self._held or self._head)):
                event.accept()
                return True
            if not is_end:  # an F-key, Esc, a Ctrl combination (a shortcut may take it before the KeyPress)
                self._cut_arrival = 0.0
            return False

        stamp, arrival = event.timestamp(), time.monotonic()
        if char:
            self._char_stamp, self._char_arrival = stamp, arrival
            if self._held and (self._gap_ms(stamp, arrival) > self.timing.max_gap_ms
                               or len(self._head) + len(self._held) >= self.timing.max_length):
                self._fragment_ended()
            if not self._held:
                self._start_fragment(stamp, arrival)
            self._held.append(_Held(_copy(event), char, receiver, _address(receiver)))
            self._last_stamp, self._last_arrival = stamp, arrival
            self._arm(self.timing.max_gap_ms + 5)
            return True
        if is_end and self._held and self._gap_ms(stamp, arrival) > self.timing.max_gap_ms:
            self._fragment_ended()  # a pause before the terminator: what came before may be a whole head
        if is_end and self._held:
            if len(self._head) + len(self._held) >= self.timing.min_length:
                self._ended()
                return True
            self._give_back()
            self._cut_arrival = 0.0  # a person's short word and Enter
            return False
        if is_end and self._head:
            # The terminator alone after a pause: it ends a head long enough for a code.
            if len(self._head) >= self.timing.min_length and self._since_head_ms(stamp, arrival) <= self._join_ms:
                self._ended()
                return True
            self._give_back()
        if self._held or self._head:
            self._give_back()  # keep the person's keys in the order they were typed
        self._cut_arrival = 0.0  # a person's Enter, arrow or F-key: what was typed before is theirs
        if not is_end:  # an F-key, an arrow, Esc: no scanner sends these, a person pressed it
            self._char_stamp, self._char_arrival = 0, 0.0
        return False

    def typed_alone(self, event: QKeyEvent) -> bool:
        """True when ``event`` (an Enter, say) came with no character key just before it.

        A scanner's Enter always follows its code within a few milliseconds, also when
        the burst was too short or too slow to be taken as a scan and was given back;
        a person's Enter to answer a question comes alone. Questions that a scan must
        never answer accept Enter only when this is True.
        """
        if not self._char_arrival:  # no character key yet, or a person's other key came since
            return True
        stamp = event.timestamp()
        if stamp and self._char_stamp and stamp >= self._char_stamp:
            return stamp - self._char_stamp > LONE_KEY_MS
        return (time.monotonic() - self._char_arrival) * 1000.0 > LONE_KEY_MS

    # -- internals ------------------------------------------------------------
    def _char(self, event: QKeyEvent) -> str:
        """The character a key stands for in a burst, or "" if it is not a character key."""
        mods = event.modifiers()
        if mods & ~_IGNORED_MODIFIERS or event.isAutoRepeat():
            return ""
        text = event.text()
        if not text and mods & Qt.KeyboardModifier.KeypadModifier:
            return _KEYPAD_DIGITS.get(event.key(), "")
        if len(text) != 1 or not text.isprintable():
            return ""
        if mods & Qt.KeyboardModifier.ShiftModifier and text.isascii() and text.islower():
            return text.upper()  # Shift with Caps Lock on: the scanner meant a capital
        return text

    def _start_fragment(self, stamp: int, arrival: float) -> None:
        """A first key after a pause: the rest of a burst with a pending head, or the start of a new one."""
        if self._head:
            gap = self._since_head_ms(stamp, arrival)
            if gap <= self.timing.max_gap_ms:
                # No pause in the window system's clock: only our quiet timer split the burst.
                self._held, self._head = self._head, []
                return
            if gap > self._join_ms:
                self._give_back()
        if not self._head:
            self._first_arrival = arrival

    def _fragment_ended(self) -> None:
        """The current fragment broke off without a terminator: hold it as a head, or give everything back."""
        fragment = self._held
        if len(fragment) >= 2:
            joinable = True  # two keys within the gap: a scanner's pace
        elif self._head:
            joinable = not self._lone_joined  # one key between two pauses, once
            self._lone_joined = True
        else:
            joinable = not _takes_text(fragment[0].target)  # holding a key where nothing is typed delays nothing
        if not joinable or len(self._head) + len(fragment) >= self.timing.max_length:
            self._give_back()
            return
        if self._head:
            self._bounds.append(len(self._head))
        self._head = self._head + fragment
        self._head_stamp, self._head_arrival = self._last_stamp, self._last_arrival
        self._held = []
        in_field = any(_takes_text(h.target) for h in self._head if _live(h.target))
        self._join_ms = self.timing.join_ms if in_field else self.timing.join_off_field_ms
        self._arm(self._join_ms + 5)

    def _ended(self) -> None:
        """A terminator ended a burst of code length: a scan, a joined scan, or a refusal."""
        head, tail = self._head, self._held
        whole = head + tail
        if self._cut_before(whole[0]):
            log.info("scanner: %d keys with a terminator came %s ms after %d keys that were not joined",
                     len(whole), _stamp_gap(self._cut_stamp, whole[0]), len(self._cut_chars))
            self._refuse_split(f"{self._cut_chars}|{''.join(h.char for h in whole)}", replay=head)
            return
        bounds = self._bounds + ([len(head)] if head and tail else [])
        code = self._code(whole)
        if bounds:
            # Joined only into a valid code, and never where a cut leaves a valid code on both sides.
            halves = [(self._code(whole[:b], suffix=False), self._code(whole[b:], prefix=False)) for b in bounds]
            if not self._valid(code) or any(self._valid(a) and self._valid(b) for a, b in halves):
                cuts = [0, *bounds, len(whole)]
                self._refuse_split("|".join("".join(h.char for h in whole[a:b]) for a, b in zip(cuts, cuts[1:])),
                                   replay=head)
                return
            log.info("scanner: a code that arrived in %d parts was joined (%d keys)", len(bounds) + 1, len(whole))
        self._forget()
        self._cut_arrival = 0.0
        self.code_scanned.emit(code)

    def _cut_before(self, first: _Held) -> bool:
        """True when a fragment that was not joined broke off within ``cut_ms`` before ``first``."""
        if not self._cut_arrival:
            return False
        stamp = first.event.timestamp()
        if stamp and self._cut_stamp and stamp >= self._cut_stamp:
            return stamp - self._cut_stamp <= self.timing.cut_ms
        return (self._first_arrival - self._cut_arrival) * 1000.0 <= self.timing.cut_ms

    def _refuse_split(self, shown: str, replay: list[_Held]) -> None:
        """Refuse a code that arrived in parts; the keys of ``replay`` go where they were typed."""
        self._forget()
        self._cut_arrival, self._cut_chars = 0.0, ""
        self._replay(replay)
        self.split_refused.emit(shown)

    def _valid(self, code: str) -> bool:
        if len(code) < self.timing.min_length:
            return False
        return self.code_check is None or self.code_check(code)

    def _code(self, keys: list[_Held], *, prefix: bool = True, suffix: bool = True) -> str:
        code = "".join(h.char for h in keys)
        if prefix and self.prefix and code.startswith(self.prefix):
            code = code[len(self.prefix):]
        if suffix and self.suffix and code.endswith(self.suffix):
            code = code[:-len(self.suffix)]
        return code

    def _gap_ms(self, stamp: int, arrival: float) -> float:
        if stamp and self._last_stamp and stamp >= self._last_stamp:
            return float(stamp - self._last_stamp)
        return (arrival - self._last_arrival) * 1000.0

    def _since_head_ms(self, stamp: int, arrival: float) -> float:
        if stamp and self._head_stamp and stamp >= self._head_stamp:
            return float(stamp - self._head_stamp)
        return (arrival - self._head_arrival) * 1000.0

    def _arm(self, delay_ms: float) -> None:
        self._due = time.monotonic() + delay_ms / 1000.0
        self._quiet.start(max(0, int(delay_ms)))

    def _on_quiet(self) -> None:
        if not (self._held or self._head):
            return
        now = time.monotonic()
        late_ms = (now - self._due) * 1000.0
        if self._held:
            limit_ms, waited_ms = self.timing.max_gap_ms, (now - self._last_arrival) * 1000.0
        else:
            limit_ms, waited_ms = self._join_ms, (now - self._head_arrival) * 1000.0
        if waited_ms + 1 < limit_ms:  # a key came after the timer was set
            self._arm(limit_ms - waited_ms + 2)
            return
        if late_ms > LATE_TIMER_MS and now - self._first_arrival < MAX_HOLD_S:
            # The GUI thread was busy: the rest of the burst may be queued behind this timer.
            self._arm(5)
            return
        if self._held and now - self._first_arrival < MAX_HOLD_S:
            self._fragment_ended()
        else:
            self._give_back()

    def _give_back(self) -> None:
        """Replay the held keys to the widgets they were typed into; refuse a lost scanner burst."""
        held = self._head + self._held
        chars = "".join(h.char for h in held)
        self._forget()
        if held:  # a tail that follows soon is not taken alone (see the module docstring)
            self._cut_stamp = held[-1].event.timestamp()
            self._cut_arrival, self._cut_chars = self._last_arrival or time.monotonic(), chars
        alive = self._replay(held)
        if len(held) < self.timing.min_length:
            return  # a person's few fast keys
        typed_into = next((h.target for h in alive if _takes_text(h.target)), None)
        if typed_into is not None:
            log.info("scanner: %d fast keys without a terminator were typed into %s", len(held),
                     typed_into.objectName() or type(typed_into).__name__)
        else:
            self.burst_refused.emit(chars)

    def _replay(self, keys: list[_Held]) -> list[_Held]:
        alive = [h for h in keys if _live(h.target)]
        self._replaying = True
        try:
            for h in alive:
                QCoreApplication.sendEvent(h.target, h.event)
        finally:
            self._replaying = False
        return alive

    def _forget(self) -> None:
        self._held, self._head, self._bounds = [], [], []
        self._lone_joined = False
        self._quiet.stop()


def configure_scanner(scanner: ScannerFilter, settings: Settings) -> None:
    """Apply the station's scanner settings (prefix, suffix, Tab as terminator, order rules) to ``scanner``."""
    scanner.configure(prefix=settings.scanner_prefix, suffix=settings.scanner_suffix,
                      tab_ends_code=settings.scanner_tab_ends_code)
    try:
        policy = policy_from_settings(settings)
    except BadInputError:  # no valid rules: every scan is refused, so no split code is joined either
        scanner.code_check = lambda code: False
        return

    def valid(code: str) -> bool:
        try:
            policy.validate(code)
        except BadInputError:
            return False
        return True

    scanner.code_check = valid


def _key_receiver() -> QWidget | None:
    """The widget Qt delivers a key to first: the open popup's focus, else the focus widget or window."""
    popup = QApplication.activePopupWidget()
    if popup is not None:
        return popup.focusWidget() or popup
    return QApplication.focusWidget() or QApplication.activeWindow()


def _address(obj: QObject) -> int:
    return shiboken6.getCppPointer(obj)[0]


def _first_receiver(obj: QObject) -> QWidget | None:
    """A fresh wrapper of ``obj`` when a key event reaches it first (not a parent it propagated to)."""
    receiver = _key_receiver()
    if receiver is not None and not shiboken6.isValid(receiver):
        # Qt names a widget whose Python wrapper was already given up (a dialog that just closed had
        # a field at that address): nothing can be asked of it, so the key goes on unfiltered.
        return None
    if not shiboken6.isValid(obj):
        # A stale wrapper of a live object (a PySide quirk): it can only be the receiver itself,
        # since a key reaches no other widget before it.
        return receiver if receiver is not None and isinstance(receiver, type(obj)) else None
    if not isinstance(obj, QWidget):
        return None
    address = _address(obj)
    if receiver is not None and _address(receiver) == address:
        return receiver
    # A key sent straight to a window that is not the active one. Qt's own window(): a dialog may
    # have a method of that name (the export dialog's was its time span, and returned None).
    window = QWidget.window(obj)
    focus = window.focusWidget() or window
    return focus if _address(focus) == address else None


def _takes_text(widget: QWidget) -> bool:
    if isinstance(widget, (QLineEdit, QAbstractSpinBox)):
        return not (isinstance(widget, QLineEdit) and widget.isReadOnly())
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return not widget.isReadOnly()
    return isinstance(widget, QComboBox) and widget.isEditable()


def _file_dialog_open() -> bool:
    """While a file dialog is open the keyboard is the owner's: a path comes, however fast it is typed."""
    return isinstance(QApplication.activeModalWidget(), QFileDialog)


def _stamp_gap(stamp: int, key: _Held) -> str:
    """The pause between ``stamp`` and ``key`` on the window system's clock, for the log."""
    later = key.event.timestamp()
    return str(later - stamp) if stamp and later >= stamp else "?"


def _live(widget: QWidget) -> bool:
    """True while ``widget`` still exists (a wrapper's own validity flag can lag behind Qt)."""
    if not shiboken6.isValid(widget):
        return False
    address = _address(widget)
    return any(_address(w) == address for w in QApplication.allWidgets())


def _copy(event: QKeyEvent) -> QKeyEvent:
    copy = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text(),
                     event.isAutoRepeat(), event.count())
    copy.setTimestamp(event.timestamp())
    return copy
