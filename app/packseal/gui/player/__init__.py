"""The clip player: exact frame stepping, scrubbing, 0.25×–4× playback, zoom and pan.

:class:`PlayerWidget` is the widget; decoding runs on its own thread
(:mod:`.worker`) with PyAV (:mod:`.decoding`), so the GUI thread only paints.
"""

from packseal.gui.player.decoding import ClipDecoder, ClipInfo, PlaybackError
from packseal.gui.player.player import SPEEDS, PlayerWidget

__all__ = ["SPEEDS", "ClipDecoder", "ClipInfo", "PlaybackError", "PlayerWidget"]
