"""The library: search every recorded clip, play it frame by frame, check its seal, keep it.

:class:`~packseal.gui.library.view.LibraryView` is the widget the main window
shows; the parts are the search bar (``filters``), the virtual result table
(``model``), the seal panel (``seal_panel``) and the clip actions (``actions``).
"""

from packseal.gui.library.view import LibraryView

__all__ = ["LibraryView"]
