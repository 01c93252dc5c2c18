"""Comparing a buyer's refund photo with the packing clip of the order.

``comparison.compare_photo`` is the entry point. The parts: ``frame_index``
(features of a frame every ~0.5 s, stored beside the clip), ``photo``
(reading untrusted photos safely), ``matcher`` (ranking frames by geometric
agreement), ``difference`` (alignment and the difference map), ``pictures``
(side-by-side, overlay, heatmap), ``inspection`` (metadata findings and
error level analysis) with ``xmp`` and ``content_credentials`` (C2PA).
"""
