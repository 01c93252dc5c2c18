"""The scale's settings (one JSON object in settings.json) and ``PORT[:BAUD]`` specs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from packseal.core.errors import BadInputError
from packseal.core.scale.patterns import CUSTOM, GRAMS_PER_UNIT, LinePattern, custom_pattern, shipped
from packseal.core.scale.reader import SerialConfig

BAUD_RATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
DEFAULT_TOLERANCE_G = 50


def default_scale_settings() -> dict[str, Any]:
    """No scale (an empty port); the rest are the most common factory settings."""
    return {"port": "", "baud": 9600, "bytesize": 8, "parity": "N", "stopbits": 1, "format": "st-us",
            "custom_regex": "", "custom_stable": "", "custom_unit": "g", "tolerance_g": DEFAULT_TOLERANCE_G}


@dataclass(frozen=True)
class ScaleSettings:
    serial: SerialConfig
    pattern: LinePattern
    tolerance_g: int

    @property
    def enabled(self) -> bool:
        return bool(self.serial.port)


def scale_from_settings(data: Any) -> ScaleSettings:
    """Check the ``scale`` settings object; raises BadInputError naming what is wrong."""
    if not isinstance(data, dict):
        raise BadInputError("The scale settings must be a JSON object.")
    defaults = default_scale_settings()
    merged = {**defaults, **data}
    unknown = sorted(set(data) - set(defaults))
    if unknown:
        raise BadInputError(f"Unknown scale settings: {', '.join(map(str, unknown))}.")
    port = merged["port"]
    if not isinstance(port, str) or len(port) > 200 or any(ord(c) < 32 for c in port):
        raise BadInputError("The scale's port must be a device name such as /dev/ttyUSB0 or COM3.")
    baud = _whole(merged["baud"], "baud rate", 50, 4_000_000)
    bytesize = merged["bytesize"]
    if bytesize not in (5, 6, 7, 8) or isinstance(bytesize, bool):
        raise BadInputError("The scale's data bits must be 5, 6, 7 or 8.")
    parity = merged["parity"]
    if parity not in ("N", "E", "O", "M", "S"):
        raise BadInputError("The scale's parity must be N (none), E (even) or O (odd).")
    stopbits = merged["stopbits"]
    if stopbits not in (1, 1.5, 2) or isinstance(stopbits, bool):
        raise BadInputError("The scale's stop bits must be 1, 1.5 or 2.")
    tolerance = _whole(merged["tolerance_g"], "weight tolerance (grams)", 0, 1_000_000)
    key = merged["format"]
    if key == CUSTOM:
        unit = merged["custom_unit"]
        if unit not in GRAMS_PER_UNIT:
            raise BadInputError(f"The custom line format's unit must be one of {', '.join(GRAMS_PER_UNIT)}.")
        pattern = custom_pattern(str(merged["custom_regex"]), str(merged["custom_stable"]), unit)
    else:
        pattern = shipped(str(key))
    return ScaleSettings(SerialConfig(port.strip(), baud, bytesize, parity, stopbits), pattern, tolerance)


def parse_port_spec(spec: str, default_baud: int = 9600) -> tuple[str, int]:
    """``PORT[:BAUD]`` → (port, baud). ``COM3:9600``, ``/dev/ttyUSB0``, ``/dev/ttyUSB0:4800``.

    A URL (``socket://host:port``) keeps its own colons; a baud rate is then
    given after a last ``:`` only when the URL already has a port.
    """
    spec = (spec or "").strip()
    if not spec:
        raise BadInputError("Give the scale's port, e.g. /dev/ttyUSB0 or COM3:9600.")
    port, baud = spec, default_baud
    head, sep, tail = spec.rpartition(":")
    if sep and tail.isdigit() and head and not head.endswith("/") and (
            "://" not in spec or head.count(":") >= 2):
        port, baud = head, int(tail)
    if not 50 <= baud <= 4_000_000:
        raise BadInputError(f"The scale's baud rate {baud} is not a serial speed (e.g. 9600).")
    return port, baud


def _whole(value: Any, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadInputError(f"The scale's {what} must be a whole number from {low} to {high}, not {value!r}.")
    return value
