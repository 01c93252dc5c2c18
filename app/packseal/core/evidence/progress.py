"""Progress reporting for long evidence work, the same way for the GUI and the CLI.

A long function takes ``progress: Callable[[float, str], None] | None``:
it is called with the fraction done (0.0 to 1.0, never going back) and a
short English sentence saying what is being done. It runs on the worker's
thread; a GUI forwards it to its progress bar through a queued signal.
"""

from __future__ import annotations

from typing import Callable

ProgressFn = Callable[[float, str], None]


class Steps:
    """Maps the stages of one job onto one progress bar.

    ``Steps(progress, {"compare": 4, "frames": 1, ...})`` gives each named
    stage a share proportional to its weight; ``steps.stage("frames", "…")``
    starts one, and ``steps.part(0.5)`` reports half of the current stage.
    """

    def __init__(self, progress: ProgressFn | None, weights: dict[str, float]) -> None:
        self._progress = progress
        total = sum(weights.values()) or 1.0
        self._start: dict[str, float] = {}
        self._share: dict[str, float] = {}
        at = 0.0
        for name, weight in weights.items():
            self._start[name], self._share[name] = at, weight / total
            at += weight / total
        self._current = next(iter(weights), "")
        self._message = ""
        self._last = 0.0

    def stage(self, name: str, message: str) -> None:
        """Begin stage ``name``, announcing ``message``."""
        self._current, self._message = name, message
        self._emit(self._start[name])

    def part(self, fraction: float, message: str | None = None) -> None:
        """Report ``fraction`` (0..1) of the current stage done."""
        if message is not None:
            self._message = message
        name = self._current
        self._emit(self._start[name] + self._share[name] * min(1.0, max(0.0, fraction)))

    def done(self, message: str) -> None:
        self._message = message
        self._emit(1.0)

    def _emit(self, value: float) -> None:
        self._last = max(self._last, min(1.0, value))
        if self._progress is not None:
            self._progress(self._last, self._message)
