"""Makes the station's sound cues: ``python resources/sounds/generate.py``.

The WAV files beside this script are its output, committed so that a build
needs nothing but the repository. Each cue is short (under half a second) so
it never overlaps the next scan, and distinct enough to tell apart without
looking: a rising two-tone chime when an order starts recording, the same
chime falling when it stops, and a harsh low buzz for anything refused or
wrong; at the bench a short high blip for each item ticked, three rising
bells when the order's items are all checked, and a two-tone siren for an
order that must not be packed without the packer's decision. 16-bit mono PCM at 22 050 Hz plays on every platform's sound API.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

RATE = 22_050
PEAK = 0.6  # of full scale: loud enough for a noisy packing room, no clipping


def _envelope(n: int, attack_s: float = 0.008, release_s: float = 0.06) -> np.ndarray:
    """Fade in and out so a tone starts and ends without a click."""
    env = np.ones(n)
    a, r = min(n, int(attack_s * RATE)), min(n, int(release_s * RATE))
    env[:a] = np.linspace(0.0, 1.0, a, endpoint=False)
    env[n - r:] *= np.linspace(1.0, 0.0, r)
    return env


def _bell(freq: float, seconds: float) -> np.ndarray:
    """A soft bell-like tone: the fundamental, a quiet octave, an exponential decay."""
    t = np.arange(int(seconds * RATE)) / RATE
    tone = np.sin(2 * np.pi * freq * t) + 0.25 * np.sin(2 * np.pi * 2 * freq * t)
    return tone * np.exp(-t * 5.0) * _envelope(len(t))


def _chime(freqs: tuple[float, float]) -> np.ndarray:
    first, second = _bell(freqs[0], 0.16), _bell(freqs[1], 0.26)
    return np.concatenate([first, np.zeros(int(0.02 * RATE)), second])


def _buzz() -> np.ndarray:
    """Two rough pulses: a square-ish wave with a beating second tone, unlike the chimes."""
    t = np.arange(int(0.14 * RATE)) / RATE
    wave_ = np.sign(np.sin(2 * np.pi * 150 * t)) * 0.6 + np.sign(np.sin(2 * np.pi * 157 * t)) * 0.4
    pulse = wave_ * _envelope(len(t), attack_s=0.004, release_s=0.02)
    gap = np.zeros(int(0.06 * RATE))
    return np.concatenate([pulse, gap, pulse])


def _tick() -> np.ndarray:
    """One short high blip: an item ticked off, quiet enough to hear many times an hour."""
    return _bell(1760.0, 0.09)


def _done() -> np.ndarray:
    """Three rising bells: every item of the order is checked."""
    notes = [_bell(f, 0.14) for f in (1046.5, 1318.5, 1568.0)]
    gap = np.zeros(int(0.015 * RATE))
    return np.concatenate([notes[0], gap, notes[1], gap, notes[2]])


def _alert() -> np.ndarray:
    """A two-tone siren, three times: stop, this order must not be packed without a decision."""
    t = np.arange(int(0.16 * RATE)) / RATE
    hi = np.sign(np.sin(2 * np.pi * 880 * t)) * _envelope(len(t), attack_s=0.004, release_s=0.02)
    lo = np.sign(np.sin(2 * np.pi * 587 * t)) * _envelope(len(t), attack_s=0.004, release_s=0.02)
    return np.concatenate([hi, lo] * 3)


def _write(path: Path, signal: np.ndarray) -> None:
    signal = signal / np.max(np.abs(signal)) * PEAK
    pcm = np.round(signal * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())


CUES = {
    "start.wav": lambda: _chime((659.25, 987.77)),   # E5 → B5, rising
    "stop.wav": lambda: _chime((987.77, 659.25)),    # B5 → E5, falling
    "error.wav": _buzz,
    "tick.wav": _tick,
    "done.wav": _done,
    "alert.wav": _alert,
}


def main() -> None:
    here = Path(__file__).resolve().parent
    for name, make in CUES.items():
        _write(here / name, make())
        print(here / name)


if __name__ == "__main__":
    main()
