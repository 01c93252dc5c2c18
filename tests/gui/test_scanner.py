"""The keyboard-wedge scanner catcher on its own: bursts become scans, people keep typing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget

from packseal.core.settings import Settings
from packseal.gui.scanner import PASSTHROUGH_PROPERTY, ScannerFilter, ScannerTiming, configure_scanner


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


@pytest.fixture
def button(qtbot, qapp):
    """A focused widget that takes no text, with the filter installed on the application."""
    window = QPushButton("nothing to type into")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    window.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window, timeout=5000)
    scanner = ScannerFilter(timing=ScannerTiming(max_gap_ms=50, min_length=6))
    qapp.installEventFilter(scanner)
    scans: list[str] = []
    scanner.code_scanned.connect(scans.append)
    yield window, scanner, scans
    qapp.removeEventFilter(scanner)


def test_a_burst_without_enter_on_a_widget_without_text_is_refused_not_lost(qtbot, button):
    window, scanner, _ = button
    with qtbot.waitSignal(scanner.burst_refused, timeout=8000) as refused:
        send_keys(window, "SF7000000000007", start_ms=110_000, gap_ms=4, enter=False)
    assert refused.args == ["SF7000000000007"]


# -- A burst the window system split (a loaded machine) -----------------------------------------
# The X server, descheduled mid-burst, stamps a pause into a scan. The fixtures' max gap is 50 ms;
# the join windows are the defaults (250 ms, 2 s where nothing is typed), the cut window 3 s.

def typed(qtbot, field: QLineEdit, text: str, *, start_ms: int, gap_ms: int) -> None:
    """Keys without Enter, waited for until they are given back into ``field``."""
    send_keys(field, text, start_ms=start_ms, gap_ms=gap_ms, enter=False)
    qtbot.waitUntil(lambda: field.text() == text, timeout=3000)


def refusals(scanner: ScannerFilter) -> list[str]:
    found: list[str] = []
    scanner.split_refused.connect(found.append)
    return found


def test_a_burst_split_by_a_pause_in_its_timestamps_is_one_scan(qtbot, form):
    first, _, scanner, scans = form
    refused = refusals(scanner)
    send_keys(first, "SF30", start_ms=120_000, gap_ms=8, enter=False)
    send_keys(first, "00000000003", start_ms=120_000 + 3 * 8 + 150, gap_ms=8)
    assert scans == ["SF3000000000003"] and refused == []
    qtbot.wait(300)
    assert first.text() == ""


def test_the_head_is_held_while_the_window_system_pauses_in_real_time(qtbot, form):
    """The pause happens in real time too: the quiet timer runs out before the tail arrives."""
    first, _, _, scans = form
    send_keys(first, "JT5", start_ms=130_000, gap_ms=30, enter=False)
    qtbot.wait(150)  # longer than the gap: the head is not given back as typing
    assert first.text() == ""
    send_keys(first, "000000000005", start_ms=130_000 + 2 * 30 + 150, gap_ms=30)
    assert scans == ["JT5000000000005"]
    assert first.text() == ""


def test_keys_stamped_without_a_pause_but_delivered_late_continue_the_burst(qtbot, form):
    first, _, _, scans = form
    send_keys(first, "SF4000", start_ms=140_000, gap_ms=13, enter=False)
    qtbot.wait(150)  # the quiet timer ran out; the stamps of what follows show no pause
    send_keys(first, "0479165", start_ms=140_000 + 6 * 13, gap_ms=13)
    assert scans == ["SF40000479165"]
    assert first.text() == ""


def test_a_persons_fast_pair_of_keys_is_given_back_after_the_join_window(qtbot, form):
    first, _, _, scans = form
    typed(qtbot, first, "ok", start_ms=150_000, gap_ms=30)
    assert scans == []


def test_a_person_typing_with_fast_pairs_keeps_every_key_in_order(qtbot, form):
    first, _, _, scans = form
    stamp = 170_000
    for ch, gap in (("t", 0), ("h", 40), ("e", 160), (" ", 150), ("b", 140), ("o", 45), ("x", 170)):
        stamp += gap
        send_keys(first, ch, start_ms=stamp, gap_ms=0, enter=False)
    send_keys(first, "", start_ms=stamp + 200, gap_ms=0)  # Enter, a person's pause after the last key
    qtbot.waitUntil(lambda: first.text() == "the box", timeout=3000)
    assert scans == []


def test_a_tail_after_a_cut_head_in_a_text_field_is_refused_never_a_shorter_code(qtbot, form):
    """A lone first key in a text field is typed at once (a person's key looks the same), so the
    head is gone when the tail comes: the tail alone would be a wrong order, it is refused."""
    first, _, scanner, scans = form
    refused = refusals(scanner)
    typed(qtbot, first, "Y", start_ms=180_000, gap_ms=12)
    send_keys(first, "T7927977781748", start_ms=180_000 + 150, gap_ms=12)
    assert scans == [] and refused == ["Y|T7927977781748"]
    qtbot.wait(120)
    assert first.text() == "Y"


def test_a_tail_after_a_head_held_too_long_is_refused(qtbot, form):
    first, _, scanner, scans = form
    refused = refusals(scanner)
    typed(qtbot, first, "ab", start_ms=160_000, gap_ms=10)  # the join window ran out
    send_keys(first, "SF5000000000005", start_ms=160_000 + 10 + 400, gap_ms=10)
    assert scans == [] and refused == ["ab|SF5000000000005"]


def test_a_scan_well_after_a_persons_typing_is_taken(qtbot, form):
    first, _, scanner, scans = form
    refused = refusals(scanner)
    typed(qtbot, first, "ab", start_ms=165_000, gap_ms=140)
    send_keys(first, "SF5000000000005", start_ms=165_000 + 140 + 3100, gap_ms=10)
    assert scans == ["SF5000000000005"] and refused == []


@pytest.mark.parametrize("pause_ms", [150, 600])
def test_a_lone_first_key_to_a_widget_without_text_is_joined_to_its_tail(qtbot, button, pause_ms):
    window, _, scans = button
    send_keys(window, "Y", start_ms=180_000, gap_ms=12, enter=False)
    qtbot.wait(pause_ms - 30)  # the pause in real time too
    send_keys(window, "T7927977781748", start_ms=180_000 + pause_ms, gap_ms=12)
    assert scans == ["YT7927977781748"]


def test_a_head_that_reached_no_text_field_waits_longer_for_its_tail(qtbot, button):
    """A 707 ms pause was once stamped mid-code: where nothing is typed, holding a head for a
    second or two costs no one a visible delay. Under a new station's rules neither part is a code alone."""
    window, scanner, scans = button
    configure_scanner(scanner, Settings())
    send_keys(window, "SF30000", start_ms=190_000, gap_ms=12, enter=False)
    send_keys(window, "00000003", start_ms=190_000 + 6 * 12 + 707, gap_ms=12)
    assert scans == ["SF3000000000003"]


def test_a_burst_split_twice_around_a_lone_key_is_one_scan(qtbot, form):
    """Two pauses in a row (170 ms, then 85 ms) left one key on its own between head and tail."""
    first, _, _, scans = form
    send_keys(first, "SF30", start_ms=200_000, gap_ms=12, enter=False)
    send_keys(first, "0", start_ms=200_000 + 3 * 12 + 170, gap_ms=12, enter=False)
    send_keys(first, "0000000003", start_ms=200_000 + 3 * 12 + 170 + 85, gap_ms=12)
    assert scans == ["SF3000000000003"]
    qtbot.wait(300)
    assert first.text() == ""


def test_a_pause_before_the_terminator_alone_still_ends_the_scan(qtbot, form):
    first, _, _, scans = form
    send_keys(first, "SF1000000000001", start_ms=210_000, gap_ms=12, enter=False)
    send_keys(first, "", start_ms=210_000 + 14 * 12 + 95, gap_ms=0)  # Enter stamped 95 ms after the last key
    assert scans == ["SF1000000000001"]
    qtbot.wait(300)
    assert first.text() == ""


def test_a_person_pressing_enter_after_a_short_fast_word_gets_the_word_and_enter(qtbot, form):
    first, _, scanner, scans = form
    entered: list[str] = []
    first.returnPressed.connect(lambda: entered.append(first.text()))
    send_keys(first, "ok", start_ms=220_000, gap_ms=30, enter=False)
    send_keys(first, "", start_ms=220_000 + 30 + 120, gap_ms=0)
    qtbot.waitUntil(lambda: entered == ["ok"], timeout=3000)
    send_keys(first, "SF2000000000002", start_ms=220_000 + 30 + 120 + 300, gap_ms=10)  # Enter ended the word
    assert scans == ["SF2000000000002"]


def test_two_scans_in_quick_succession_are_two_scans(qtbot, form):
    first, _, scanner, scans = form
    refused = refusals(scanner)
    send_keys(first, "SF1000000000001", start_ms=230_000, gap_ms=8)
    send_keys(first, "JT1000000000001", start_ms=230_000 + 15 * 8 + 90, gap_ms=8)
    send_keys(first, "YT1000000000001", start_ms=230_000 + 2 * (15 * 8 + 90), gap_ms=8)
    assert scans == ["SF1000000000001", "JT1000000000001", "YT1000000000001"] and refused == []
    qtbot.wait(120)
    assert first.text() == ""


def test_a_code_without_enter_and_a_scan_soon_after_are_not_joined(qtbot, button):
    """Each part is a whole code on its own: two scans (the first without its Enter), not one."""
    window, scanner, scans = button
    refused = refusals(scanner)
    send_keys(window, "SF1000000000001", start_ms=240_000, gap_ms=8, enter=False)
    send_keys(window, "JT1000000000001", start_ms=240_000 + 14 * 8 + 300, gap_ms=8)
    assert scans == [] and refused == ["SF1000000000001|JT1000000000001"]


def test_parts_are_joined_only_into_a_code_the_station_accepts(qtbot, form):
    first, _, scanner, scans = form
    configure_scanner(scanner, Settings())  # a new station's carrier rules (SF + 12-13 digits…)
    refused = refusals(scanner)
    send_keys(first, "SF30", start_ms=250_000, gap_ms=8, enter=False)
    send_keys(first, "00000000003", start_ms=250_000 + 3 * 8 + 150, gap_ms=8)
    assert scans == ["SF3000000000003"]
    send_keys(first, "XX30", start_ms=260_000, gap_ms=8, enter=False)  # no rule takes XX30000000000003
    send_keys(first, "000000000003", start_ms=260_000 + 3 * 8 + 150, gap_ms=8)
    assert scans == ["SF3000000000003"] and refused == ["XX30|000000000003"]
    qtbot.waitUntil(lambda: first.text() == "XX30", timeout=3000)  # the head went where it was typed


def test_a_station_without_valid_rules_joins_nothing(qtbot, form):
    first, _, scanner, scans = form
    configure_scanner(scanner, Settings(order_rules={"carriers": [], "custom": [], "accept_any": False}))
    refused = refusals(scanner)
    send_keys(first, "SF30", start_ms=270_000, gap_ms=8, enter=False)
    send_keys(first, "00000000003", start_ms=270_000 + 3 * 8 + 150, gap_ms=8)
    assert scans == [] and refused == ["SF30|00000000003"]


def test_a_persons_key_between_typing_and_a_scan_lets_the_scan_stand_alone(qtbot, form):
    """F-keys and Esc may be taken by a shortcut before their KeyPress: the ShortcutOverride counts."""
    first, _, scanner, scans = form
    refused = refusals(scanner)
    typed(qtbot, first, "ab", start_ms=280_000, gap_ms=140)
    override = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_F9, Qt.KeyboardModifier.NoModifier)
    override.setTimestamp(280_500)
    QCoreApplication.sendEvent(first, override)
    send_keys(first, "SF6000000000006", start_ms=280_800, gap_ms=10)
    assert scans == ["SF6000000000006"] and refused == []


def test_parts_ended_by_a_lone_terminator_are_checked_like_any_join(qtbot, form):
    """Head, pause, the rest without Enter, pause, Enter: the same rule as head and tail."""
    first, _, scanner, scans = form
    configure_scanner(scanner, Settings())
    refused = refusals(scanner)
    send_keys(first, "SF30", start_ms=290_000, gap_ms=8, enter=False)
    send_keys(first, "00000000003", start_ms=290_000 + 3 * 8 + 150, gap_ms=8, enter=False)
    send_keys(first, "", start_ms=290_000 + 3 * 8 + 150 + 10 * 8 + 95, gap_ms=0)
    assert scans == ["SF3000000000003"] and refused == []
    send_keys(first, "XX30", start_ms=300_000, gap_ms=8, enter=False)
    send_keys(first, "000000000003", start_ms=300_000 + 3 * 8 + 150, gap_ms=8, enter=False)
    send_keys(first, "", start_ms=300_000 + 3 * 8 + 150 + 11 * 8 + 95, gap_ms=0)
    assert scans == ["SF3000000000003"] and refused == ["XX30|000000000003"]


def test_a_key_for_a_widget_whose_wrapper_is_gone_passes_through_without_an_error(qtbot, form, monkeypatch,
                                                                                    caplog):
    """Seen in the real app after a file dialog closed on Enter: Qt named, as the focus, a field
    whose Python wrapper PySide had already given up. The key is Qt's to deliver; nothing fails."""
    import shiboken6

    from packseal.gui import scanner as scanner_module

    first, _, scanner, scans = form
    gone = QLineEdit(first.window())
    shiboken6.delete(gone)
    assert not shiboken6.isValid(gone)
    monkeypatch.setattr(scanner_module, "_key_receiver", lambda: gone)
    press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    with caplog.at_level("ERROR", logger="packseal.gui.scanner"):
        assert scanner.eventFilter(gone, press) is False
        assert scanner.eventFilter(first, press) is False
    assert not [r for r in caplog.records if "scanner filter failed" in r.getMessage()]
    assert scans == []
