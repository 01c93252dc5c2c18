"""Reading the order's notes aloud through Qt TextToSpeech, where the computer has a voice.

Qt's test engine ("mock") speaks to nobody and does not count as a voice. A
computer with no speech engine, or one without a voice (speech-dispatcher
not running, no voice for the language) gets a plain answer instead:
:meth:`NoteReader.say` returns False and :attr:`NoteReader.problem` says why.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, QObject

log = logging.getLogger(__name__)

_NOT_VOICES = ("mock",)


class NoteReader(QObject):
    """Speaks through the first real engine; the engine is opened at the first :meth:`say`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._speech = None
        self._opened = False
        self.engine = ""
        self.problem = ""  # "" while a voice is available; else "no-engine" or "no-voice"
        self.spoken: list[str] = []  # what was given to the voice, newest last (kept short)

    def _open(self):
        if self._opened:
            return self._speech
        self._opened = True
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as exc:
            log.info("notes cannot be read aloud: Qt TextToSpeech is not available (%s)", exc)
            return None
        engines = [e for e in QTextToSpeech.availableEngines() if e not in _NOT_VOICES]
        if not engines:
            log.info("notes cannot be read aloud: no speech engine on this computer")
            return None
        self.engine = engines[0]
        self._speech = QTextToSpeech(self.engine, self)
        return self._speech

    def say(self, text: str, language: str = "") -> bool:
        """Speak ``text`` (in ``language``, e.g. "zh_CN", when a voice for it exists); False when no voice can."""
        speech = self._open()
        if speech is None:
            self.problem = "no-engine"
            return False
        if speech.state() == type(speech).State.Error or not speech.availableVoices():
            self.problem = "no-voice"
            log.info("notes cannot be read aloud: the %s engine has no voice", self.engine)
            return False
        if language:
            locale = QLocale(language)
            if locale in speech.availableLocales():
                speech.setLocale(locale)
        self.problem = ""
        speech.stop()
        speech.say(text)
        self.spoken = (self.spoken + [text])[-10:]
        return True
