"""Station settings: a JSON file in the data dir, validated field by field.

The file carries ``settings_version``. An older file is migrated when it is
read (:func:`migrate`); the first save after that keeps the old file next to
the new one as ``settings.v<N>.json``, so a migration never loses what the
owner had written.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import json
import logging
import os
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packseal.core.capture.sources import open_source, same_device
from packseal.core.errors import BadInputError, StorageError
from packseal.core.recording.rule_settings import (default_rule_settings, migrate_order_patterns,
                                                   rules_from_settings)
from packseal.core.ledger.tsa_trust import DEFAULT_TSA_URLS, tsa_urls
from packseal.core.scale.config import default_scale_settings, scale_from_settings

log = logging.getLogger(__name__)

SOURCE_AUTO = "auto"  # the first USB camera, or the test camera when there is none
#: Version 2 replaced ``order_patterns`` (regexes) with ``order_rules`` (carrier checkboxes,
#: the shop's own patterns, an explicit "accept any code"). Version 3: the standard quality
#: became CRF 28 (the tape's settings measured again), so a file at the old standard moves to it.
SETTINGS_VERSION = 3
#: The quality "Standard" meant before settings version 3.
OLD_STANDARD_QUALITY = 23


#: ``Settings.camera_exports``: both cameras' files, or one picture-in-picture file.
CAMERA_EXPORTS = ("both", "pip")
#: The languages of the window: "" follows the computer's, then Simplified Chinese and English.
LANGUAGES = ("", "zh_CN", "en")


@dataclass
class Settings:
    settings_version: int = SETTINGS_VERSION
    station_name: str = field(default_factory=lambda: socket.gethostname()[:40] or "Station 1")
    source: str = SOURCE_AUTO
    # A second camera at the same bench ("" = one camera): fields added with defaults, so
    # files written before need no migration. ``barcode_camera`` is the camera (0 = the first,
    # 1 = the second) whose picture is searched for waybill codes.
    second_source: str = ""
    barcode_camera: int = 0
    # What exports and evidence packs of a clip of two cameras carry: "both" sealed files, or
    # "pip": one file composed from them (the second camera inside the first), the sealed
    # files beside it in a pack (core/evidence/composed.py).
    camera_exports: str = "both"
    width: int = 1280
    height: int = 720
    fps: int = 30
    encoder: str = "auto"
    quality: int = 28  # x264's CRF; 28 with the bitrate cap keeps 720p30 under 5 MB a minute (bench/RESULTS.md)
    preset: str = "veryfast"
    max_kbps: int = 0  # the tape's bitrate ceiling; 0 = automatic (by size, rate and quality: tape.py)
    segment_s: float = 2.0
    preroll_s: float = 3.0
    postroll_s: float = 2.0
    show_qr: bool = True
    camera_barcodes: bool = True  # orders also start from waybill codes the camera reads
    order_rules: dict[str, Any] = field(default_factory=default_rule_settings)
    test_camera_barcodes: bool = False  # ... also from the test camera or a video file (for trying it out)
    scanner_prefix: str = ""  # what the hand scanner sends before each code (stripped)
    scanner_suffix: str = ""  # ... and after it, before Enter
    scanner_tab_ends_code: bool = False  # the scanner ends codes with Tab instead of Enter
    packer_prefix: str = "PACKER-"  # a scanned code starting with it is a packer's badge ("" = no sign-in)
    return_prefix: str = ""  # waybills starting with it are recorded as returns ("" = only in returns mode)
    duplicate_days: int = 30  # a waybill recorded this many days back warns before recording (0 = off)
    language: str = ""  # one of LANGUAGES: "" = follow the system, "zh_CN" or "en"
    reserve_mb: int = 2048
    tape_days: float = 7.0  # idle tape (not part of any clip file) is kept this long
    clip_days: float = 0.0  # 0 = clips are kept for ever (pinned and disputed ones always are)
    tsa_url: str = ""  # older single-TSA setting; still asked when set
    # RFC 3161 authorities asked to timestamp checkpoints ($PACKSEAL_TSA_URLS overrides)
    tsa_urls: list[str] = field(default_factory=lambda: list(DEFAULT_TSA_URLS))
    tsa_roots: list[str] = field(default_factory=list)  # extra trusted TSA root PEM files
    # The live order feed (run by the recorder): a watched folder of JSON documents ("" = none)
    # and an HTTP endpoint, on 127.0.0.1 unless the owner picks a LAN address.
    order_feed_folder: str = ""
    order_feed_http: bool = False
    order_feed_bind: str = "127.0.0.1"
    order_feed_port: int = 8765
    # The weighing scale (port "" = none): a field added with a default, so older files need no migration.
    scale: dict[str, Any] = field(default_factory=default_scale_settings)
    # Upload cap of the recorder's background sync with a paired hub, in KiB/s (0 = none).
    hub_bandwidth_kbps: int = 0

    # (minimum, maximum) for numbers; checked on load and before saving
    _RANGES = {
        "width": (160, 7680), "height": (120, 4320), "fps": (1, 120), "quality": (0, 51),
        "max_kbps": (0, 200_000),
        "segment_s": (0.5, 10.0), "preroll_s": (0.0, 60.0), "postroll_s": (0.0, 60.0),
        "reserve_mb": (0, 10_000_000), "duplicate_days": (0, 3650), "tape_days": (0.01, 3650.0),
        "clip_days": (0.0, 36500.0), "order_feed_port": (1024, 65535), "barcode_camera": (0, 1),
        "hub_bandwidth_kbps": (0, 10_000_000),
    }

    def validate(self) -> None:
        """Raise BadInputError naming the first field that is out of range or of the wrong type."""
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            expected = {"int": int, "float": (int, float), "bool": bool, "str": str}.get(str(f.type))
            if expected is not None:
                if isinstance(value, bool) and expected is not bool:
                    raise BadInputError(f"Setting {f.name!r} must be a number, not {value!r}.")
                if not isinstance(value, expected):
                    raise BadInputError(f"Setting {f.name!r} has the wrong type ({type(value).__name__}).")
            rng = self._RANGES.get(f.name)
            if rng and not rng[0] <= value <= rng[1]:
                raise BadInputError(f"Setting {f.name!r} = {value!r} is outside {rng[0]}–{rng[1]}.")
        if self.width % 2 or self.height % 2:
            raise BadInputError("Frame width and height must be even numbers.")
        if not self.station_name.strip() or len(self.station_name) > 60:
            raise BadInputError("The station name must have 1 to 60 characters.")
        if any(ord(c) < 32 for c in self.station_name):
            raise BadInputError("The station name must not contain control characters.")
        if self.language not in LANGUAGES:
            raise BadInputError(f"The language {self.language!r} is not one PackSeal speaks: "
                                "\"zh_CN\" (简体中文), \"en\" (English), or \"\" to follow the computer.")
        if self.settings_version != SETTINGS_VERSION:
            raise BadInputError(f"Settings version {self.settings_version!r} is not {SETTINGS_VERSION}.")
        rules_from_settings(self.order_rules)  # raises naming the broken part
        self._validate_cameras()
        scale_from_settings(self.scale)
        for name in ("packer_prefix", "return_prefix"):
            value = getattr(self, name)
            if len(value) > 16 or not all(c.isprintable() and c.isascii() and not c.isspace() for c in value):
                raise BadInputError(f"Setting {name!r} must be at most 16 printable ASCII characters without "
                                    "spaces (the start of the codes it marks).")
        if self.packer_prefix and self.return_prefix and (
                self.packer_prefix.startswith(self.return_prefix) or self.return_prefix.startswith(self.packer_prefix)):
            raise BadInputError("The packer badge prefix and the returns prefix must differ: a code cannot be both.")
        for name in ("scanner_prefix", "scanner_suffix"):
            value = getattr(self, name)
            if len(value) > 16 or not all(c.isprintable() and c.isascii() for c in value):
                raise BadInputError(f"Setting {name!r} must be at most 16 printable ASCII characters "
                                    "(what the scanner types before or after each code).")
        for name in ("tsa_urls", "tsa_roots"):
            value = getattr(self, name)
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise BadInputError(f"{name} must be a list of non-empty strings.")
        try:
            ipaddress.ip_address(self.order_feed_bind)
        except ValueError:
            raise BadInputError(f"The order feed's address {self.order_feed_bind!r} is not an IP address "
                                "(127.0.0.1 for this computer only, or one of its LAN addresses).") from None
        for url in self.tsa_urls + ([self.tsa_url] if self.tsa_url else []):
            if not url.startswith(("http://", "https://")):
                raise BadInputError(f"The TSA address {url!r} must start with http:// or https://.")

    def _validate_cameras(self) -> None:
        second = self.second_source.strip()
        if second:
            if second.lower() == SOURCE_AUTO:
                raise BadInputError("The second camera must be named (usb:1, an IP camera, a file …), "
                                    "not 'auto'.")
            open_source(second)  # a spec of no known form raises, naming the accepted forms
            if same_device(second, self.source):
                raise BadInputError(f"The second camera {second!r} is the first camera too; choose another.")
        elif self.barcode_camera == 1:
            raise BadInputError("Barcodes can be read from the second camera only when one is set.")
        if self.camera_exports not in CAMERA_EXPORTS:
            raise BadInputError(f"camera_exports must be one of {', '.join(CAMERA_EXPORTS)}, "
                                f"not {self.camera_exports!r}.")

    @property
    def camera_sources(self) -> list[str]:
        """The cameras of the station, first camera first (one or two)."""
        second = self.second_source.strip()
        return [self.source, second] if second else [self.source]

    def timestamp_urls(self) -> list[str]:
        """The TSAs to ask: $PACKSEAL_TSA_URLS when set (empty: none), else these settings."""
        return tsa_urls(([self.tsa_url] if self.tsa_url else []) + self.tsa_urls)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> "Settings":
        if not isinstance(data, dict):
            raise BadInputError("The settings file must hold a JSON object.")
        data = migrate(data)
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            log.warning("ignoring unknown settings: %s", ", ".join(map(str, unknown)))
        if isinstance(data.get("language"), str):
            data["language"] = language_code(data["language"])
        s = cls(**{k: v for k, v in data.items() if k in known})
        s.validate()
        return s


def language_code(written: str) -> str:
    """The language setting for what a person may write in the file: "zh", "zh-CN" and
    "zh-Hans" are "zh_CN", "en-US" and the like are "en"; anything else is left for
    :meth:`Settings.validate` to refuse."""
    key = written.strip().replace("-", "_").lower()
    if key in ("zh", "zh_cn", "zh_hans", "zh_hans_cn"):
        return "zh_CN"
    if key == "en" or key.startswith("en_"):
        return "en"
    return written


def file_version(data: dict[str, Any]) -> int:
    """The ``settings_version`` of a settings object (1 for files from before versions existed)."""
    version = data.get("settings_version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BadInputError(f"settings_version must be a whole number from 1, not {version!r}.")
    if version > SETTINGS_VERSION:
        raise BadInputError(f"These settings were written by a newer PackSeal (settings version {version}; "
                            f"this one reads up to {SETTINGS_VERSION}). Update PackSeal.")
    return version


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` brought to :data:`SETTINGS_VERSION` (a new dict; ``data`` is left as it was)."""
    version = file_version(data)
    out = dict(data)
    if version < 2:
        out["order_rules"] = migrate_order_patterns(out.pop("order_patterns", []))
        log.info("settings migrated from version 1: order patterns became order rules %s", out["order_rules"])
    if version < 3 and out.get("quality") == OLD_STANDARD_QUALITY:
        # "Standard" was CRF 23 until the tape's settings were measured again (bench/RESULTS.md):
        # a station left at the standard quality gets the new standard, a CRF chosen by hand stays.
        out["quality"] = Settings.quality
        log.info("settings migrated from version 2: standard quality is now CRF %d", out["quality"])
    out["settings_version"] = SETTINGS_VERSION
    return out


def load_settings(path: Path) -> Settings:
    """Settings from ``path``; defaults when it does not exist.

    A damaged file raises BadInputError saying which file and what is wrong,
    so the user can fix or delete it (it is never silently overwritten).
    """
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise StorageError(f"Cannot read the settings file {path}: {exc.strerror}.") from exc
    if len(raw) > 1_000_000:
        raise BadInputError(f"The settings file {path} is too large to be real settings; delete it.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInputError(f"The settings file {path} is damaged ({exc}); fix it or delete it to "
                            "start from the defaults.") from exc
    try:
        return Settings.from_dict(data)
    except TypeError as exc:
        raise BadInputError(f"The settings file {path} is not valid: {exc}.") from exc
    except BadInputError as exc:
        raise BadInputError(f"The settings file {path} is not valid: {exc}") from exc


def save_settings(settings: Settings, path: Path) -> None:
    """Write settings atomically (a crash leaves the old or the new file, never half)."""
    settings.validate()
    path = Path(path)
    tmp = path.with_suffix(".json.tmp")
    _keep_older_version(path)
    try:
        tmp.write_text(json.dumps(settings.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise StorageError(f"Cannot save the settings to {path}: {exc.strerror}.") from exc


def _keep_older_version(path: Path) -> None:
    """Before ``path`` is overwritten: if it is of an older version, copy it to ``settings.v<N>.json``."""
    try:
        raw = path.read_bytes()
        data = json.loads(raw.decode("utf-8"))
        version = file_version(data) if isinstance(data, dict) else SETTINGS_VERSION
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, BadInputError):
        return  # nothing readable to keep (a damaged file is refused when loading, never saved over silently)
    if version >= SETTINGS_VERSION:
        return
    keep = path.with_name(f"{path.stem}.v{version}{path.suffix}")
    if keep.exists():
        return
    try:
        keep.write_bytes(raw)
    except OSError as exc:
        raise StorageError(f"Cannot keep a copy of the old settings as {keep}: {exc.strerror}; "
                           "the settings were not saved.") from exc
    log.info("kept the version %d settings as %s", version, keep)
