"""Evidence for a dispute: packs a reviewer can verify, and exports within a platform's limits.

The calls the CLI and the GUI make (each long one takes
``progress(fraction, message)`` and raises typed errors; see docs/EVIDENCE.md):

- :func:`build_pack` (``pack.py``): the evidence pack of an order, a zip with
  the sealed clip, its seal, ledger entries with Merkle proofs, frames,
  refund photos, comparison pictures, a PDF report, a signed manifest,
  VERIFY.txt and a standalone verifier.
- :func:`verify_pack` (``pack_verifier.py``): check a pack, safely, read-only
  (PackSeal's own checks; the script shipped in every pack as
  ``verify_pack.py`` is ``standalone_verifier``).
- :func:`export_clip` (``export.py``): the clip cut and sized for a
  platform preset (``presets.py``, resources/presets/platforms.json), with a
  C2PA manifest on every file (``provenance.py``).

Parts: ``ledger_excerpt`` (entries and proofs), ``annotations``, ``report_pdf`` + ``texts``, ``manifest``, ``instructions``,
``pack_reader`` (hostile-zip-proof reading), ``standalone_verifier`` (copied
into every pack as verify_pack.py; imports nothing from PackSeal),
``transcode`` (windows, bitrates, picture sizes), ``source_clip`` (the one
way to find an order's sealed clip). Frames come from
:mod:`packseal.core.media.frames`.
"""

from packseal.core.errors import EvidenceError, PackReadError, UnsafePackError
from packseal.core.evidence.export import ExportedFile, ExportResult, export_clip
from packseal.core.evidence.pack import PackResult, build_pack
from packseal.core.evidence.presets import Preset, builtin_presets, get_preset, load_presets
from packseal.core.evidence.progress import ProgressFn
from packseal.core.evidence.pack_verifier import looks_like_pack, verify_pack

__all__ = [
    "build_pack", "PackResult", "verify_pack", "looks_like_pack",
    "export_clip", "ExportResult", "ExportedFile",
    "Preset", "builtin_presets", "get_preset", "load_presets",
    "ProgressFn", "EvidenceError", "PackReadError", "UnsafePackError",
]
