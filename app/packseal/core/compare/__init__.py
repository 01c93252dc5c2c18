"""Comparing a buyer's refund photo with the packing clip of the order: the dispute's work.

``session.compare`` is the entry point: one comparison, kept whole for the
dispute view and handed to the evidence pack, or reduced to its result
(``result.ComparisonResult``) by ``comparison.compare_photo`` for
``packseal compare``. The parts: ``frame_index`` (features of a frame every
~0.5 s, stored beside the clip), ``photo`` (reading untrusted photos
safely), ``matcher`` (ranking frames by geometric agreement),
``difference`` (the difference map) and ``alignment`` (a frame aligned onto
the photo), ``pictures`` (side-by-side, overlay, heatmap), ``inspection``
(metadata findings and error level analysis) with ``xmp`` and
``content_credentials`` (C2PA), ``annotation_store`` (the owner's saved
annotations of each dispute) and ``index_queue`` (indexing sealed clips in
the background).
"""
