"""Which H.264 encoder the tape uses: a hardware one only when it really works here.

With the encoder setting ``auto`` every hardware encoder of
:data:`HARDWARE_ENCODERS` that this ffmpeg build has is tried (side by side) with
a short real test encode through a tape (see :func:`~packseal.core.recording.tape.trial_encode`:
a few frames into segments, each segment decoded again); the first in that
order that passes is used, else ``libx264``. An encoder named in Settings is tried the
same way (``libx264`` is not: it is the fallback) and, when it fails, the
tape falls back to ``libx264`` rather than failing for ever. The choice and
why, per encoder, is kept (:func:`last_choice`), logged, and shown by
``packseal status`` and ``packseal selftest``.

The result is kept for the life of the process, per frame size and rate:
drivers do not appear while the recorder runs, and a station restarted for
new settings need not try again. A station starts the trials for the size it
asks of a camera while that camera opens
(:meth:`~packseal.core.recording.station_camera.StationCamera.try_encoders`).
"""

from __future__ import annotations

import functools
import logging
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

from packseal.core.media.ffmpeg import HARDWARE_ENCODERS, ffmpeg_exe

log = logging.getLogger(__name__)

SOFTWARE_ENCODER = "libx264"
NOT_BUILT = "not in this ffmpeg build"

#: ``trial(encoder)``: None when a real test encode worked, else why it failed.
TrialFn = Callable[[str], "str | None"]


@dataclass(frozen=True)
class Trial:
    encoder: str
    works: bool
    detail: str  # what happened: "works", "not in this ffmpeg build", "test encode failed: …"


@dataclass(frozen=True)
class EncoderChoice:
    """The encoder chosen for a setting and the trials behind it."""

    setting: str
    encoder: str
    trials: tuple[Trial, ...] = ()

    @property
    def hardware(self) -> bool:
        return self.encoder != SOFTWARE_ENCODER

    def reason(self) -> str:
        """One line: what was chosen and why."""
        if not self.trials:
            return f"{self.encoder} (set in Settings)"
        tried = "; ".join(f"{t.encoder}: {t.detail}" for t in self.trials)
        if self.hardware:
            return f"{self.encoder}, a hardware encoder that passed a test encode ({tried})"
        return f"{self.encoder} (software): no hardware encoder works here ({tried})"

    def as_dict(self) -> dict:
        return {"setting": self.setting, "encoder": self.encoder, "hardware": self.hardware,
                "reason": self.reason(),
                "trials": [{"encoder": t.encoder, "works": t.works, "detail": t.detail} for t in self.trials]}


@functools.cache
def built_encoders() -> frozenset[str]:
    """The video encoders this ffmpeg binary was built with (``ffmpeg -encoders``)."""
    try:
        out = subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-encoders"],
                             capture_output=True, text=True, errors="replace", timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("could not list ffmpeg's encoders (%s); hardware encoders will not be tried", exc)
        return frozenset()
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and len(parts[0]) == 6 and parts[0].startswith("V"):
            names.add(parts[1])
    return frozenset(names)


def choose_encoder(setting: str, trial: TrialFn, *, candidates: tuple[str, ...] = HARDWARE_ENCODERS,
                   built: frozenset[str] | None = None) -> EncoderChoice:
    """The encoder to use for ``setting`` ("auto", "libx264" or an encoder name), each tried with ``trial``."""
    if setting == SOFTWARE_ENCODER:
        return EncoderChoice(setting, SOFTWARE_ENCODER)
    built = built_encoders() if built is None else built
    names = candidates if setting == "auto" else (setting,)
    # The test encodes run side by side (each is mostly ffmpeg loading a driver that is not
    # there): the station's first picture waits for the slowest, not for their sum.
    runnable = [n for n in names if n in built]
    with ThreadPoolExecutor(max_workers=max(1, len(runnable)), thread_name_prefix="encoder-trial") as pool:
        outcome = dict(zip(runnable, pool.map(trial, runnable)))
    trials: list[Trial] = []
    for name in names:
        if name not in built:
            trials.append(Trial(name, False, NOT_BUILT))
            continue
        why = outcome[name]
        trials.append(Trial(name, why is None, "works" if why is None else f"test encode failed: {why}"))
        if why is None:  # the first in order that works, even when a later one works too
            return EncoderChoice(setting, name, tuple(trials))
    return EncoderChoice(setting, SOFTWARE_ENCODER, tuple(trials))


_lock = threading.Lock()
_chosen: dict[tuple, EncoderChoice] = {}
_last: EncoderChoice | None = None


def chosen_encoder(setting: str, key: tuple, trial: TrialFn) -> EncoderChoice:
    """:func:`choose_encoder`, once per process for each ``(setting, *key)``; logs the choice."""
    global _last
    with _lock:
        choice = _chosen.get((setting, *key))
        if choice is None:
            choice = choose_encoder(setting, trial)
            _chosen[(setting, *key)] = choice
            failed_named = setting not in ("auto", SOFTWARE_ENCODER) and not choice.hardware
            (log.error if failed_named else log.info)("video encoder: %s", choice.reason())
        _last = choice
        return choice


def last_choice() -> EncoderChoice | None:
    """The choice of this process's latest tape (None before any)."""
    return _last
