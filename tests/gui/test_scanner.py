"""The keyboard-wedge scanner catcher on its own: bursts become scans, people keep typing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from packseal.gui.scanner import PASSTHROUGH_PROPERTY, ScannerFilter, ScannerTiming


@pytest.fixture
def form(qtbot, qapp):
    """A window with two text fields and the filter installed on the application."""
    window = QWidget()
    first, second = QLineEdit(window), QLineEdit(window)
    lay = QVBoxLayout(window)
    lay.addWidget(first)
    lay.addWidget(second)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    first.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is first, timeout=5000)
    scanner = ScannerFilter(timing=ScannerTiming(max_gap_ms=50, min_length=6))
    qapp.installEventFilter(scanner)
    scans: list[str] = []
    scanner.code_scanned.connect(scans.append)
    yield first, second, scanner, scans
    qapp.removeEventFilter(scanner)


def send_keys(widget, text: str, *, start_ms: int, gap_ms: int, enter: bool = True) -> None:
    """Key presses with window-system timestamps ``gap_ms`` apart, delivered at once."""
    stamp = start_ms
    for ch in text:
        press = QKeyEvent(QEvent.Type.KeyPress, _key(ch), Qt.KeyboardModifier.NoModifier, ch)
        press.setTimestamp(stamp)
        QCoreApplication.sendEvent(widget, press)
        stamp += gap_ms
    if enter:
        press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
        press.setTimestamp(stamp)
        QCoreApplication.sendEvent(widget, press)


def _key(ch: str) -> int:
    return ord(ch.upper()) if ch.isalnum() else 0


def test_a_burst_ending_in_enter_is_a_scan_and_never_reaches_the_field(qtbot, form):
    first, _, _, scans = form
    send_keys(first, "SF1234567890123", start_ms=10_000, gap_ms=4)
    assert scans == ["SF1234567890123"]
    qtbot.wait(120)
    assert first.text() == ""


def test_keys_typed_at_a_human_pace_land_in_the_field_even_with_enter(qtbot, form):
    first, _, _, scans = form
    send_keys(first, "order77", start_ms=20_000, gap_ms=140)
    qtbot.waitUntil(lambda: first.text() == "order77", timeout=2000)
    assert scans == []


def test_slow_real_typing_still_works(qtbot, form):
    first, _, _, scans = form
    for ch in "Bench 7":
        qtbot.keyClick(first, ch)
        qtbot.wait(90)  # slower than the 50 ms gap: a person
    qtbot.waitUntil(lambda: first.text() == "Bench 7", timeout=2000)
    qtbot.keyClick(first, Qt.Key.Key_Backspace)
    assert first.text() == "Bench " and scans == []


def test_a_fast_burst_too_short_for_a_code_is_given_back_in_order(qtbot, form):
    first, _, _, scans = form
    send_keys(first, "abc", start_ms=30_000, gap_ms=3)
    qtbot.waitUntil(lambda: first.text() == "abc", timeout=2000)
    assert scans == []


def test_a_burst_without_enter_is_given_back_after_the_gap(qtbot, form):
    first, _, _, scans = form
    send_keys(first, "HELLO12345", start_ms=40_000, gap_ms=3, enter=False)
    assert first.text() == ""  # held while more may come
    qtbot.waitUntil(lambda: first.text() == "HELLO12345", timeout=2000)
    assert scans == []


def test_a_field_marked_for_scanner_input_receives_the_burst(qtbot, form):
    _, second, _, scans = form
    second.setProperty(PASSTHROUGH_PROPERTY, True)
    second.setFocus()
    qtbot.waitUntil(lambda: second.window().focusWidget() is second, timeout=2000)
    send_keys(second, "SF1234567890123", start_ms=50_000, gap_ms=3, enter=False)
    assert second.text() == "SF1234567890123" and scans == []


def test_a_scan_with_qtest_key_clicks_focus_anywhere(qtbot, form):
    first, second, scanner, scans = form
    # QTest's key events carry no timestamp, so arrival times count: allow for a busy test machine.
    scanner.timing = ScannerTiming(max_gap_ms=250, min_length=6)
    second.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is second, timeout=2000)
    qtbot.keyClicks(second, "JT0001234567890", Qt.KeyboardModifier.NoModifier, 1)
    qtbot.keyClick(second, Qt.Key.Key_Enter)
    assert scans == ["JT0001234567890"]
    assert first.text() == second.text() == ""


def press(widget, key, text: str = "", mods=Qt.KeyboardModifier.NoModifier, *, stamp: int) -> None:
    event = QKeyEvent(QEvent.Type.KeyPress, key, mods, text)
    event.setTimestamp(stamp)
    QCoreApplication.sendEvent(widget, event)


def test_shift_and_other_modifier_keys_inside_a_burst_do_not_end_it(qtbot, form):
    first, _, _, scans = form
    shift, t = Qt.KeyboardModifier.ShiftModifier, 60_000
    for ch in "SF":  # what a keyboard sends for a capital: Shift down, the letter with Shift
        press(first, Qt.Key.Key_Shift, "", shift, stamp=t)
        press(first, _key(ch), ch, shift, stamp=t + 1)
        t += 5
    press(first, Qt.Key.Key_CapsLock, stamp=t)
    press(first, Qt.Key.Key_NumLock, stamp=t + 1)
    send_keys(first, "1000000000001", start_ms=t + 3, gap_ms=5)
    assert scans == ["SF1000000000001"]
    qtbot.wait(120)
    assert first.text() == ""


def test_caps_lock_turns_shifted_letters_small_and_they_are_read_as_capitals(qtbot, form):
    first, _, _, scans = form
    shift, t = Qt.KeyboardModifier.ShiftModifier, 70_000
    for i, ch in enumerate("jd"):
        press(first, _key(ch), ch, shift, stamp=t + 5 * i)
    send_keys(first, "0012345678901", start_ms=t + 10, gap_ms=5)
    assert scans == ["JD0012345678901"]


def test_keypad_digits_with_num_lock_off_are_digits(qtbot, form):
    first, _, _, scans = form
    keypad = Qt.KeyboardModifier.KeypadModifier
    keys = [Qt.Key.Key_Home, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Clear,
            Qt.Key.Key_Right, Qt.Key.Key_End, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Insert]
    for i, key in enumerate(keys):
        press(first, key, "", keypad, stamp=80_000 + 5 * i)
    press(first, Qt.Key.Key_Enter, "\r", keypad, stamp=80_000 + 5 * len(keys))
    assert scans == ["7894561230"]


def test_a_late_quiet_timer_waits_for_the_rest_of_the_burst(qtbot, form):
    """The GUI thread was busy mid-burst: the timer fires late while the other keys still
    wait in the queue. It must not give back the head of the code (that split SF… into a
    shorter code, or lost it)."""
    first, _, scanner, scans = form
    send_keys(first, "880", start_ms=90_000, gap_ms=5, enter=False)
    import time
    time.sleep(0.3)  # busy: the timer is now long overdue
    scanner._on_quiet()  # what the event loop runs first once it is free
    assert first.text() == ""  # nothing given back yet
    send_keys(first, "0000000000", start_ms=90_015, gap_ms=5)  # the queued rest, stamps 5 ms apart
    assert scans == ["8800000000000"]
    qtbot.wait(120)
    assert first.text() == ""


def test_prefix_suffix_and_tab_as_configured(qtbot, form):
    first, _, scanner, scans = form
    scanner.configure(prefix="##", suffix="!", tab_ends_code=True)
    send_keys(first, "##YT1234567890123!", start_ms=100_000, gap_ms=4, enter=False)
    press(first, Qt.Key.Key_Tab, "\t", stamp=100_000 + 4 * 18)
    assert scans == ["YT1234567890123"]
    assert first.text() == ""


def test_a_burst_without_enter_on_a_widget_without_text_is_refused_not_lost(qtbot, qapp):
    from PySide6.QtWidgets import QPushButton

    window = QPushButton("nothing to type into")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    window.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window, timeout=5000)
    scanner = ScannerFilter(timing=ScannerTiming(max_gap_ms=50, min_length=6))
    qapp.installEventFilter(scanner)
    try:
        with qtbot.waitSignal(scanner.burst_refused, timeout=2000) as refused:
            send_keys(window, "SF7000000000007", start_ms=110_000, gap_ms=4, enter=False)
        assert refused.args == ["SF7000000000007"]
    finally:
        qapp.removeEventFilter(scanner)
