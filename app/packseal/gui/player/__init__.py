"""The clip player: exact frame stepping, scrubbing, 0.25×–4× playback, zoom and pan.

:class:`PlayerWidget` is the widget; decoding runs on its own thread
(:mod:`.worker`) with the core's decoder (:mod:`packseal.core.media.decoder`),
so the GUI thread only paints.
"""

from packseal.gui.player.player import SPEEDS, PlayerWidget

__all__ = ["SPEEDS", "PlayerWidget"]
