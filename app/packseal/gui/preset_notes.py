"""The notes of the built-in platform presets, in the user's language.

``resources/presets/platforms.json`` words its notes in English. The window
shows a built-in preset's note through this table, so the Chinese export
dialog has no English sentence. A note that differs from the built-in one
(an edited or added preset) is the owner's own text and is shown as written.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from packseal.core.evidence.presets import Preset

_CONTEXT = "PresetNotes"
_NOTES = {
    "shopee": QT_TRANSLATE_NOOP("PresetNotes", "Shopee asks for one continuous, unedited packing video: at most "
                                "60 seconds and 30 MB, MP4 (H.264)."),
    "tiktok": QT_TRANSLATE_NOOP("PresetNotes", "TikTok Shop's dispute form takes up to 6 photos of the packing. No "
                                "per-file limit is published; 5 MB keeps uploads quick."),
    "lazada": QT_TRANSLATE_NOOP("PresetNotes", "Lazada's dispute evidence takes a video with a cover image. The "
                                "video is kept to 60 seconds and 100 MB, the cover to a 2 MB JPEG, below the "
                                "limits Seller Center shows for uploads."),
    "taobao": QT_TRANSLATE_NOOP("PresetNotes", "Taobao's refund-refusal form (拒绝退款凭证) takes JPG or PNG images "
                                "of at most 130,000 bytes each; 3 images are exported (the form takes at least "
                                "that many)."),
    "full": QT_TRANSLATE_NOOP("PresetNotes", "The whole recording as MP4, not re-encoded; only a C2PA manifest is "
                              "added."),
}


def is_builtin_note(preset: Preset) -> bool:
    """True when ``preset`` carries the built-in note of its name (so a translation of it exists)."""
    return bool(preset.notes) and _NOTES.get(preset.name) == preset.notes


def preset_note(preset: Preset) -> str:
    """The preset's note in the user's language; the owner's own note as written."""
    if is_builtin_note(preset):
        return QCoreApplication.translate(_CONTEXT, preset.notes)
    return preset.notes
