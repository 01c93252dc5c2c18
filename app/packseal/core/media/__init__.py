"""Reading media: where ffmpeg is and what it says about a file (``ffmpeg``), decoding a clip's
frames exactly with PyAV (``decoder``), and single frames with their capture times (``frames``).

The recorder's encoder, the frame index, the library's player, evidence
packs and exports all find ffmpeg and read frames through this package.
"""
