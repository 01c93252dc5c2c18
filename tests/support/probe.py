"""The real PackSeal window in a child process, with a line-based remote for tests.

``python -m tests.support.probe --data-dir D --source SRC`` runs exactly what
``packseal`` runs (``packseal.gui.app.main``) and also reads commands from
stdin, one per line, answering each with one line ``PROBE <json>`` on stdout.
The keys themselves never come this way: tests send real X events with
xdotool. The remote only looks, and puts the focus where a person would
click:

* ``look`` — the page in front, the focused widget, the active and the modal
  window, and the text of every text field in every visible window;
* ``focus PATH`` — focus the widget at PATH, an attribute path from the main
  window (``library.filters.search_box``) or from the last opened dialog
  (``dialog.station_name``);
* ``open NAME`` — call the window's ``open_NAME()`` (``settings``, ``about``)
  and keep the dialog it returns as ``dialog``;
* ``close-dialogs`` — reject every open dialog;
* ``page KEY`` — bring a page to the front (``station``, ``library``, ``dispute``);
* ``call PATH`` — call a method that takes no argument (``library.model.rowCount``)
  and return the repr of its result;
* ``enabled PATH`` — whether the widget at PATH is enabled;
* ``text PATH`` — the text of the field at PATH;
* ``center PATH`` — the global position of a widget's centre, for a click,
  and the X window id of its window;
* ``shot FILE`` — save what the X screen shows now as a PNG (for a person to look at).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QDialog, QLineEdit, QPlainTextEdit,
                               QTextEdit, QWidget)


class Remote(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.dialog: QWidget | None = None
        self._buffer = b""
        os.set_blocking(0, False)
        self.notifier = QSocketNotifier(0, QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._read)

    def _read(self) -> None:
        try:
            chunk = os.read(0, 65536)
        except BlockingIOError:
            return
        if not chunk:
            self.notifier.setEnabled(False)
            return
        self._buffer += chunk
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            try:
                reply = self.handle(line.decode().strip())
            except Exception as exc:  # the test reads the error instead of hanging
                reply = {"error": f"{type(exc).__name__}: {exc}"}
            sys.stdout.write("PROBE " + json.dumps(reply, ensure_ascii=False) + "\n")
            sys.stdout.flush()

    def window(self):
        from packseal.gui.main_window import StationWindow

        for w in self.app.topLevelWidgets():
            if isinstance(w, StationWindow):
                return w
        raise LookupError("the station window is not open")

    def resolve(self, path: str) -> QWidget:
        first, *rest = path.split(".")
        obj = self.dialog if first == "dialog" else getattr(self.window(), first)
        for part in rest:
            obj = getattr(obj, part)
        return obj

    def handle(self, line: str) -> dict:
        cmd, _, arg = line.partition(" ")
        if cmd == "look":
            return self.look()
        if cmd == "focus":
            widget = self.resolve(arg)
            widget.window().activateWindow()
            widget.setFocus()
            return {"ok": True}
        if cmd == "open":
            self.dialog = getattr(self.window(), f"open_{arg}")()
            return {"ok": True}
        if cmd == "take-dialog":  # a dialog the app opened by itself (a click): named by its title
            found = [w for w in self.app.topLevelWidgets()
                     if isinstance(w, QDialog) and w.isVisible() and w.windowTitle() == arg]
            self.dialog = found[0] if found else None
            return {"ok": bool(found)}
        if cmd == "close-dialogs":
            for w in self.app.topLevelWidgets():
                if isinstance(w, QDialog) and w.isVisible():
                    w.reject()
            self.dialog = None
            return {"ok": True}
        if cmd == "page":
            self.window().pages.show_page(arg)
            return {"ok": True}
        if cmd == "call":
            return {"result": repr(self.resolve(arg)())}
        if cmd == "enabled":
            return {"enabled": self.resolve(arg).isEnabled()}
        if cmd == "text":
            return {"text": _text_of(self.resolve(arg))}
        if cmd == "bench":
            return self.bench()
        if cmd == "center":
            widget = self.resolve(arg)
            c = widget.mapToGlobal(widget.rect().center())
            return {"x": c.x(), "y": c.y(), "window": int(widget.window().winId())}
        if cmd == "shot":
            return {"saved": self.app.primaryScreen().grabWindow(0).save(arg)}
        raise ValueError(f"unknown command {cmd!r}")

    def look(self) -> dict:
        focus = self.app.focusWidget()
        active = self.app.activeWindow()
        modal = self.app.activeModalWidget()
        fields = []
        for top in self.app.topLevelWidgets():
            if not top.isVisible():
                continue
            for w in [top, *top.findChildren(QWidget)]:
                text = _text_of(w)
                if text is not None and _same(w.window(), top):
                    fields.append({"window": top.windowTitle(), "class": type(w).__name__,
                                   "name": w.objectName(), "text": text})
        try:
            window = self.window()
            page, refusal = window.pages.current, window.view.refusal
            refused = refusal.isVisible() and f"{refusal.title.text()} {refusal.advice.text()}"
            order = window.view.order.order_id
        except LookupError:
            page = refused = order = None
        return {"page": page, "order": order, "photo": _photo_label(self), "refusal": refused or None,
                "focus": type(focus).__name__ if focus else None,
                "focus_name": focus.objectName() if focus else None,
                "active": active.windowTitle() if active else None,
                "modal": modal.windowTitle() if modal else None, "fields": fields}


    def bench(self) -> dict:
        """The bench as the packer sees it: the order panel, the questions, the packer, the mode."""
        v = self.window().view
        panel = v.order_panel
        rows = [[panel.table.item(r, c).text() for c in (1, 2, 3)] for r in range(panel.table.rowCount())] \
            if panel.isVisible() else []
        return {"header": panel.header.text() if panel.isVisible() else None,
                "result": panel.result.text() if panel.isVisible() else None, "rows": rows,
                "warning": v.warning_bar.question.text() if v.warning_bar.asking else None,
                "stop": v.stop_bar.question.text() if v.stop_bar.asking else None,
                "enters_ignored": v.warning_bar.enters_ignored + v.stop_bar.enters_ignored,
                "link": v.link_bar.isVisible(), "returns": v.returns_strip.isVisible(),
                "packer": v.packer_label.text() if v.packer_label.isVisible() else None,
                "sounds": list(self.window().station.sounds.played)}


def _same(a: QWidget, b: QWidget) -> bool:
    return shiboken6.getCppPointer(a)[0] == shiboken6.getCppPointer(b)[0]


def _photo_label(remote: "Remote") -> str | None:
    try:
        return remote.window().dispute.photo_label.text()
    except LookupError:
        return None


def _text_of(w: QWidget) -> str | None:
    if isinstance(w, QLineEdit):
        return w.text()
    if isinstance(w, (QPlainTextEdit, QTextEdit)) and not w.isReadOnly():
        return w.toPlainText()
    if isinstance(w, QAbstractSpinBox):
        return w.text()
    if isinstance(w, QComboBox) and w.isEditable():
        return w.currentText()
    return None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--source", action="append")
    args = parser.parse_args()
    from packseal.gui.app import main as app_main, make_application

    app = make_application()
    remote = Remote(app)
    try:
        return app_main(args.data_dir, args.source)
    finally:
        remote.notifier.setEnabled(False)


if __name__ == "__main__":
    sys.exit(main())
