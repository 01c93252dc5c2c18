"""Parts of the bench's window: item pictures off the GUI thread, notes read aloud or not, lone Enters."""

from __future__ import annotations

import http.server
import threading
import time

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent

from packseal.core.errors import BadInputError
from packseal.gui.scanner import ScannerFilter
from packseal.gui.station.item_pictures import THUMB_PX, ItemPictures, read_picture
from packseal.gui.station.speech import NoteReader


@pytest.fixture
def picture(tmp_path):
    image = QImage(400, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#c62828"))
    path = tmp_path / "mug.png"
    image.save(str(path))
    return path


@pytest.fixture
def served(tmp_path, picture):
    handler = lambda *a, **kw: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path), **kw)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_picture_from_a_path_or_a_url_becomes_a_thumbnail(qapp, picture, served):
    for source in (str(picture), f"{served}/mug.png"):
        thumb = read_picture(source)
        assert (thumb.width(), thumb.height()) == (THUMB_PX, THUMB_PX // 2)


def test_a_picture_too_large_missing_or_not_a_picture_is_refused(qapp, tmp_path, picture, served):
    with pytest.raises(BadInputError, match="larger than"):
        read_picture(str(picture), max_bytes=100)
    with pytest.raises(BadInputError, match="larger than"):
        read_picture(f"{served}/mug.png", max_bytes=100)
    with pytest.raises(BadInputError, match="could not be read"):
        read_picture(str(tmp_path / "gone.png"))
    (tmp_path / "notes.txt").write_text("not a picture")
    with pytest.raises(BadInputError, match="not a picture"):
        read_picture(str(tmp_path / "notes.txt"))
    with pytest.raises(BadInputError, match="could not be fetched"):
        read_picture(f"{served}/nothing-here.png")


def test_pictures_load_on_a_worker_and_are_announced(qtbot, picture):
    pictures = ItemPictures()
    with qtbot.waitSignal(pictures.loaded, timeout=10_000) as loaded:
        assert pictures.get(str(picture)) is None  # not yet: it is on its way
    assert loaded.args[0] == str(picture)
    assert pictures.get(str(picture)).width() == THUMB_PX  # remembered: not loaded twice


def test_without_a_real_voice_the_reader_says_so_and_speaks_nothing(qapp):
    reader = NoteReader()
    spoke = reader.say("Buyer's note: please wrap it")
    if reader.engine == "":  # this test machine: no engine but Qt's silent test one
        assert not spoke and reader.problem == "no-engine" and reader.spoken == []
    else:  # an engine exists: it either has a voice and speaks, or says it has none
        assert spoke == (reader.problem == "") and (reader.spoken != []) == spoke


def _key(kind, key, text, stamp):
    event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
    event.setTimestamp(stamp)
    return event


def test_an_enter_right_after_characters_is_not_a_persons(qtbot):
    from PySide6.QtWidgets import QLineEdit

    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=5000)
    scanner = ScannerFilter()
    QCoreApplication.instance().installEventFilter(scanner)
    try:
        stamp = int(time.monotonic() * 1000)
        QCoreApplication.sendEvent(field, _key(QEvent.Type.KeyPress, Qt.Key.Key_A, "a", stamp))
        assert not scanner.typed_alone(_key(QEvent.Type.KeyPress, Qt.Key.Key_Return, "\r", stamp + 20))
        assert scanner.typed_alone(_key(QEvent.Type.KeyPress, Qt.Key.Key_Return, "\r", stamp + 600))
        QCoreApplication.sendEvent(field, _key(QEvent.Type.KeyPress, Qt.Key.Key_F8, "", stamp + 30))
        assert scanner.typed_alone(_key(QEvent.Type.KeyPress, Qt.Key.Key_Return, "\r", stamp + 40))
    finally:
        QCoreApplication.instance().removeEventFilter(scanner)


def test_the_stop_question_of_a_return_speaks_of_what_did_not_come_back(qtbot):
    from packseal.core.packing.events import StopAsked
    from packseal.gui.station.bench_bars import StopBar
    bar = StopBar()
    qtbot.addWidget(bar)
    bar.ask(StopAsked("YT1234567890123", 2, kind="return"))
    assert bar.question.text() == "2 item(s) of order YT1234567890123 not found in this return. Stop anyway?"
    assert "return" in bar.yes.text()
    bar.ask(StopAsked("SF1234567890123", 1))
    assert bar.question.text() == "1 item(s) still missing from order SF1234567890123. Stop anyway?"
