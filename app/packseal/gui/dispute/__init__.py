"""The dispute view: a buyer's refund photo beside the packing clip, aligned, with what differs marked.

:class:`~packseal.gui.dispute.view.DisputeView` is the widget the main window
shows; the work it shows is the core's (the comparison session of
:mod:`packseal.core.compare.session`, the saved annotations of
:mod:`packseal.core.compare.annotation_store`). The parts: ``order_bar``
(the top row), ``status_area``, ``thumbnails`` (the matched frames), ``compare_canvas`` (side by side),
``overlay_view`` (aligned overlay, swipe, blink), ``heatmap_view``
(differences), ``findings_panel`` (what the photo's metadata says),
``annotations`` and ``annotation_panel`` (the owner's annotations), ``photo_drop``
and ``pack_builder``.
"""

from packseal.gui.dispute.view import DisputeView

__all__ = ["DisputeView"]
