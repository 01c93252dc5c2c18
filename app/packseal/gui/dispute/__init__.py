"""The dispute view: a buyer's refund photo beside the packing clip, aligned, with what differs marked.

:class:`~packseal.gui.dispute.view.DisputeView` is the widget the main window
shows. The parts: ``comparison_job`` (the background work, Qt-free),
``thumbnails`` (the matched frames), ``compare_canvas`` (side by side),
``overlay_view`` (aligned overlay, swipe, blink), ``heatmap_view``
(differences), ``findings_panel`` (what the photo's metadata says),
``annotations``, ``annotation_panel`` and ``annotation_store`` (the owner's
marks), ``photo_drop`` and ``pack_builder``.
"""

from packseal.gui.dispute.view import DisputeView

__all__ = ["DisputeView"]
