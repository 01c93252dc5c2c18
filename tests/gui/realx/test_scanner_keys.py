"""A hand scanner and a person at the real window, with real X key events.

xdotool sends what a USB keyboard or a keyboard-mode scanner sends: key
codes, Shift pressed and released around each capital, key releases, the
keypad's own keys. Outcomes are read from outside: the log file (one line
per scan), the window as the remote sees it, and the catalog.
"""

from __future__ import annotations

import time

import pytest

from tests.support.cpu_load import busy_cores
from tests.support.station_app import SCAN_LINE, is_scan_line, scan

PARTS_LINE = "scan refused (scanner): the code arrived in parts"

@pytest.mark.parametrize(("code", "delay_ms"), [
    ("SF1000000000001", 12), ("JD0012345678901", 5), ("YT1234567890123", 30), ("JT5000000000005", 50),
    ("AB12CD3456789", 12), ("7700000000001", 20), ("SF3000000000003", 8),
])
def test_a_scanned_code_with_capitals_arrives_whole(front, code, delay_ms):
    line, look = scan(front, code, delay_ms)
    assert f"scan accepted (scanner): {code} → " in line
    assert look["order"] == code and look["page"] == "station"


# -- A burst split by a pause (a loaded X server descheduled mid-scan), with both cores busy -------
# Every code here is new to the app's data: a code scanned before would stop the order or ask about
# a duplicate waybill, which is not what these tests are about.

def split_scan(front, code: str, split: int, pause_ms: int) -> tuple[str, dict]:
    """Send ``code`` in two parts; the one scan log line and what the window shows then."""
    before = len(front.log_lines())
    front.keyboard.scan_in_parts(code, split, pause_ms)
    line = front.wait_for_log(SCAN_LINE, after=before, timeout=30)
    if "scan accepted" in line:
        look = front.wait_until(lambda: (lambda x: x if x["order"] == code else None)(front.look()), 30,
                                "the order shown")
    else:
        look = front.wait_until(lambda: (lambda x: x if x["refusal"] else None)(front.look()), 30,
                                "the refusal shown")
    assert [x for x in front.log_lines()[before:] if is_scan_line(x)] == [line], "one scan, one outcome"
    return line, look


@pytest.mark.parametrize(("code", "split", "pause_ms"), [
    ("SF3100000000031", 4, 150), ("YT7927977781749", 1, 150), ("JD0012345678911", 8, 600),
])
def test_a_split_scan_where_nothing_is_typed_is_joined_under_cpu_load(front, code, split, pause_ms):
    with busy_cores():
        line, look = split_scan(front, code, split, pause_ms)
    assert f"scan accepted (scanner): {code} → " in line
    assert look["order"] == code and look["page"] == "station"


def test_a_split_scan_in_a_text_field_is_never_a_shorter_code(front):
    """In a text field a head waits 250 ms for its tail: joined when the stamped pause is shorter,
    else the head is typed into the field and the tail refused; no other order starts either way."""
    code = "JT5100000000051"
    front.ask("page library")
    front.focus_widget("library.filter_bar.search_box")
    before_order = front.look()["order"]
    with busy_cores():
        line, look = split_scan(front, code, 3, 120)
    if "scan accepted" in line:
        assert f"scan accepted (scanner): {code} → " in line and look["order"] == code
        assert front.text("library.filter_bar.search_box") == ""
    else:
        assert PARTS_LINE in line and "JT5" in line and look["order"] == before_order
    front.focus_widget("library.filter_bar.search_box")
    front.keyboard.key("ctrl+a", "BackSpace")


def test_a_person_typing_slowly_beside_split_scans_keeps_every_key(front):
    front.ask("page library")
    front.focus_widget("library.filter_bar.search_box")
    before = len(front.log_lines())
    with busy_cores():
        front.keyboard.type("Sf 10-77", gap_ms=150)
        front.keyboard.key("Return")
        front.wait_until(lambda: front.text("library.filter_bar.search_box") == "Sf 10-77", 30, "the typed text")
        assert not [x for x in front.log_lines()[before:] if is_scan_line(x)]
        front.ask("page station")
        front.focus_widget("view")
        line, look = split_scan(front, "SF3200000000032", 5, 150)
    assert f"scan accepted (scanner): SF3200000000032 → " in line and look["order"] == "SF3200000000032"
    front.ask("page library")
    assert front.text("library.filter_bar.search_box") == "Sf 10-77"
    front.focus_widget("library.filter_bar.search_box")
    front.keyboard.key("ctrl+a", "BackSpace")


def test_two_scans_in_quick_succession_are_two_orders_under_cpu_load(front):
    first, second = "SF3300000000033", "JT3300000000033"
    before = len(front.log_lines())
    keys = [*first, "Return", *second, "Return"]
    with busy_cores():
        front.keyboard.key(*keys, delay_ms=12)
        front.wait_until(lambda: len([x for x in front.log_lines()[before:] if is_scan_line(x)]) >= 2, 30,
                         "two scan lines")
        front.wait_until(lambda: front.look()["order"] == second, 30, "the second order shown")
    lines = [x for x in front.log_lines()[before:] if is_scan_line(x)]
    assert len(lines) == 2
    assert f"scan accepted (scanner): {first} → start" in lines[0] or f"{first} → switch" in lines[0]
    assert f"scan accepted (scanner): {second} → switch" in lines[1]


def test_a_code_with_hyphens_arrives_whole_and_gets_one_outcome(front):
    code = "LEX-MY-12345678"
    line, look = scan(front, code, 12)
    assert code in line
    assert look["order"] == code or code in (look["refusal"] or "")


@pytest.mark.parametrize("field", ["library.filter_bar.search_box", "dispute.annotation_list.list",
                                   "library.player.speed_box", "library.table"])
def test_a_scan_with_the_focus_anywhere_on_another_page_starts_the_order_and_types_nothing(front, field):
    page = field.split(".")[0]
    front.ask(f"page {page}")
    front.focus_widget(field)
    fields_before = _texts(front.look())
    code = f"SF40000{abs(hash(field)) % 10**8:08d}"
    line, look = scan(front, code, 12)
    assert f"scan accepted (scanner): {code} → " in line
    assert look["order"] == code and look["page"] == "station"  # the scan brings the station to the front
    assert _texts(look) == fields_before


def test_a_scan_with_the_settings_dialog_open_and_the_focus_in_its_fields(front):
    for field in ("dialog.station_name", "dialog.scanner_box.prefix"):
        front.ask("open settings")
        front.wait_for_window("Settings")
        front.focus_widget(field)
        fields_before = _texts(front.look())
        code = "YT7" + str(abs(hash(field)) % 10**12).zfill(12)
        line, look = scan(front, code, 12)
        assert f"scan accepted (scanner): {code} → " in line and look["order"] == code
        assert _texts(look) == fields_before and look["modal"] == "Settings"  # still open, nothing typed
        front.ask("close-dialogs")


def test_a_scan_with_the_about_box_open(front):
    front.ask("open about")
    front.wait_for_window("About")
    front.focus_widget("dialog")
    line, look = scan(front, "JD0098765432101", 12)
    assert look["order"] == "JD0098765432101"


def test_the_dispute_order_field_takes_a_scan_as_its_text(front):
    front.ask("page dispute")
    front.focus_widget("dispute.order_edit")
    before = len(front.log_lines())
    front.keyboard.scan("SF5000000000005", 12, terminator="Tab")
    front.wait_until(lambda: front.text("dispute.order_edit") == "SF5000000000005", 20, "the field filled")
    assert not [x for x in front.log_lines()[before:] if is_scan_line(x)]
    front.ask("close-dialogs")


def test_a_person_typing_into_the_search_box_keeps_every_key(front):
    front.ask("page library")
    front.focus_widget("library.filter_bar.search_box")
    before = len(front.log_lines())
    front.keyboard.type("Sf 10-77", gap_ms=150)
    front.keyboard.key("Return")
    front.wait_until(lambda: front.text("library.filter_bar.search_box") == "Sf 10-77", 20, "the typed text in the box")
    assert front.look()["page"] == "library"
    assert not [x for x in front.log_lines()[before:] if is_scan_line(x)]
    front.focus_widget("library.filter_bar.search_box")
    front.keyboard.key("ctrl+a", "BackSpace")


def test_caps_lock_on_still_gives_the_capitals_the_scanner_sent(front):
    front.ask("page dispute")
    front.focus_widget("dispute.order_edit")  # takes typing as it comes: shows what Caps Lock does
    front.keyboard.key("ctrl+a", "BackSpace", "Caps_Lock", "s", "f")
    try:
        front.wait_until(lambda: front.text("dispute.order_edit") == "SF", 20, "Caps Lock capitals in the field")
        front.ask("page station")
        front.keyboard.focus(front.window)
        line, look = scan(front, "SF6000000000006", 12)  # Shift+s with Caps Lock on gives "s"
        assert look["order"] == "SF6000000000006"
    finally:
        front.keyboard.key("Caps_Lock")


@pytest.mark.parametrize("num_lock", [True, False])
def test_keypad_digits_count_as_digits(front, num_lock):
    if num_lock:
        front.keyboard.key("Num_Lock")
    try:
        line, look = scan(front, "6600000000001" if num_lock else "6600000000002", 12, keypad_digits=True)
        assert look["order"] == ("6600000000001" if num_lock else "6600000000002")
    finally:
        if num_lock:
            front.keyboard.key("Num_Lock")


def test_a_burst_without_enter_is_refused_with_the_reason(front):
    before = len(front.log_lines())
    front.keyboard.scan("SF7000000000007", 12, terminator=None)
    line = front.wait_for_log(SCAN_LINE, after=before, timeout=20)
    assert "SF7000000000007" in line and "without Enter" in line
    look = front.wait_until(lambda: front.look()["refusal"] and front.look(), 20, "the refusal shown")
    assert "without Enter" in look["refusal"] and look["order"] != "SF7000000000007"
    # A scan within 3 s of a part that was not joined is refused as a possible tail of it; a
    # person's key (here Esc) says that what came before was not a scan's head.
    front.keyboard.key("Escape")


def test_a_scan_shortly_after_a_clip_was_sealed_is_never_lost(front):
    for i in range(4):
        scan(front, f"5500000000{i:03d}", 12)
        before = len(front.log_lines())
        front.keyboard.key("F9")
        front.wait_for_log(r"sealed as ledger entry", after=before, timeout=30)
        front.wait_for_log(r"clip 5500000000\d+ sealed", after=before, timeout=30)
        # The moment two scans vanished: the GUI busy with the sealed clip, the scan arriving.
        time.sleep(0.7)
        line, look = scan(front, f"4400000000{i:03d}", 12)
        assert look["order"] == f"4400000000{i:03d}"


def _texts(look: dict) -> list[str]:
    return sorted(f"{f['window']}|{f['name']}|{f['text']}" for f in look["fields"])
