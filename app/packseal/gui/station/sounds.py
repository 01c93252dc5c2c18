"""The station's sound cues (files in ``resources/sounds``): start, stop, error; at the bench
tick (an item checked), done (all items checked) and alert (an order held for a decision).

Playing never blocks: QSoundEffect plays from memory on Qt's audio thread.
With no audio output (a PC without speakers, a headless test run) or
without Qt Multimedia the cues are silently off, with one log line saying so.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLoggingCategory, QObject, QUrl

from packseal.gui.theme import resource_path

log = logging.getLogger(__name__)

CUES = ("start", "stop", "error", "tick", "done", "alert")
VOLUME = 0.8

# Qt Multimedia reports every optional library it does not find (VA-API,
# PipeWire...) as a warning; those say nothing about whether a beep plays.
_QUIET_RULES = "qt.multimedia.symbolsresolver=false\nqt.multimedia.ffmpeg=false\n"


class SoundCues(QObject):
    """Plays named cues; :attr:`available` is False when nothing can be heard."""

    def __init__(self, parent: QObject | None = None, *, enabled: bool = True) -> None:
        super().__init__(parent)
        self._effects: dict[str, object] = {}
        self.available = False
        self.played: list[str] = []  # what was asked to play, newest last (kept short; for the status bar and tests)
        if enabled:
            self._load()

    def _load(self) -> None:
        QLoggingCategory.setFilterRules(_QUIET_RULES)
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError as exc:
            log.info("sound cues are off: Qt Multimedia is not available (%s)", exc)
            return
        if not QMediaDevices.audioOutputs():
            log.info("sound cues are off: this computer has no audio output device")
            return
        for cue in CUES:
            path = resource_path("sounds", f"{cue}.wav")
            if not path.is_file():
                log.warning("sound cue %s is missing from the resources", path)
                continue
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.setVolume(VOLUME)
            self._effects[cue] = effect
        self.available = bool(self._effects)

    def play(self, cue: str) -> None:
        """Start playing ``cue`` (one of :data:`CUES`) and return at once."""
        if cue not in CUES:
            raise ValueError(f"unknown sound cue {cue!r}; use one of {', '.join(CUES)}")
        self.played = (self.played + [cue])[-20:]
        effect = self._effects.get(cue)
        if effect is None:
            return
        effect.stop()  # a cue repeated quickly restarts instead of being dropped
        effect.play()
