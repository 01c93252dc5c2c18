"""Python's cycle collector, run only on the GUI thread.

The collector runs in whichever thread happens to allocate when a threshold
is crossed. If that is a worker thread (the tape writer, the barcode reader,
a task) and the garbage holds a Qt widget caught in a reference cycle, the
widget is destroyed off the GUI thread and Qt crashes. So automatic
collection is switched off and this timer collects, generation by
generation, on the GUI thread instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject, *, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int:
        """Collect the oldest generation over its threshold (if any); returns what was freed."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                return gc.collect(generation)
        return 0

    def stop(self) -> None:
        """Give collection back to Python (at shutdown)."""
        self._timer.stop()
        gc.collect()
        gc.enable()
