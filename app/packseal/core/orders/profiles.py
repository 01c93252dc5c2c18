"""Column mappings of order exports: which column of a file holds which field, kept as named profiles.

Shipped profiles come from ``resources/order_profiles.json`` (each names the
public page its column headers were taken from); the shop's own are JSON
files in ``<data dir>/orders/profiles/``. A saved profile with the name of a
shipped one is used instead of it.

Every column a profile maps must be in the file, except the fields the
profile lists as optional (a shop may untick a column in the platform's
export settings); ``order_id`` is always required.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packseal.core.errors import BadInputError, StorageError
from packseal.core.storage.durable import atomic_write

#: The fields an import can fill, in the order the import dialog shows them.
FIELDS = ("order_id", "waybill", "return_waybill", "sku", "barcode", "name", "qty", "status",
          "buyer_note", "seller_note", "weight_g", "image")
PROFILE_FORMAT = "packseal-order-profile/1"
_NAME = re.compile(r"^[\w\- .()（）]{1,40}$")


def header_key(text: str) -> str:
    """How headers are compared: NFKC, case-folded, blanks and a trailing ``*`` removed."""
    text = unicodedata.normalize("NFKC", text or "").replace("\ufeff", "").casefold()
    return re.sub(r"\s+", "", text).rstrip("*")


@dataclass(frozen=True)
class Profile:
    """A column mapping. ``columns``: field → the headers it may have (the first found is used)."""

    name: str
    columns: dict[str, tuple[str, ...]]
    weight_unit: str = "g"  # "g" or "kg": the unit of the weight column
    optional: tuple[str, ...] = ()
    label: dict[str, str] = field(default_factory=dict)
    source: str = ""  # where the column headers were documented (shipped profiles)
    shipped: bool = False

    def title(self, language: str = "en") -> str:
        return self.label.get(language) or self.label.get("en") or self.name

    def resolve(self, header: list[str]) -> dict[str, int]:
        """Field → column index in ``header``; BadInputError names a mapped column that is missing."""
        keys = [header_key(h) for h in header]
        found: dict[str, int] = {}
        missing = []
        for name, headers in self.columns.items():
            index = next((keys.index(header_key(h)) for h in headers if header_key(h) in keys), None)
            if index is not None:
                found[name] = index
            elif name == "order_id" or name not in self.optional:
                missing.append(f"{' / '.join(headers)!s} ({name})")
        if "order_id" not in self.columns:
            raise BadInputError(f"The mapping {self.name!r} does not say which column holds the order ID.")
        if missing:
            shown = ", ".join(h for h in header[:30] if h) + (" …" if len(header) > 30 else "")
            raise BadInputError(f"The file has no column {'; '.join(missing)}, which the mapping {self.name!r} "
                                f"uses. The file's columns are: {shown}.")
        return found

    def score(self, header: list[str]) -> int:
        """How many of this profile's fields the header has (0 when it has no order ID column)."""
        keys = {header_key(h) for h in header}
        hits = {n for n, hs in self.columns.items() if any(header_key(h) in keys for h in hs)}
        return len(hits) if "order_id" in hits else 0

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"format": PROFILE_FORMAT, "name": self.name,
                               "columns": {k: list(v) for k, v in self.columns.items()}}
        if self.weight_unit != "g":
            out["weight_unit"] = self.weight_unit
        if self.optional:
            out["optional"] = list(self.optional)
        if self.label:
            out["label"] = dict(self.label)
        if self.source:
            out["source"] = self.source
        return out


def profile_from_json(data: Any, *, shipped: bool = False) -> Profile:
    """A profile from its JSON form; BadInputError says what is wrong."""
    if not isinstance(data, dict):
        raise BadInputError("A column mapping must be a JSON object.")
    name = data.get("name")
    check_name(name)
    raw = data.get("columns")
    if not isinstance(raw, dict) or not raw:
        raise BadInputError(f"The mapping {name!r} has no columns.")
    columns: dict[str, tuple[str, ...]] = {}
    for key, value in raw.items():
        if key not in FIELDS:
            raise BadInputError(f"The mapping {name!r} names an unknown field {key!r} (known: {', '.join(FIELDS)}).")
        headers = [value] if isinstance(value, str) else value
        if not isinstance(headers, list) or not headers or not all(isinstance(h, str) and h.strip() for h in headers):
            raise BadInputError(f"The mapping {name!r}: {key} must be a column name or a list of them.")
        columns[key] = tuple(h.strip() for h in headers)
    if "order_id" not in columns:
        raise BadInputError(f"The mapping {name!r} does not say which column holds the order ID.")
    unit = data.get("weight_unit", "g")
    if unit not in ("g", "kg"):
        raise BadInputError(f"The mapping {name!r}: weight_unit must be \"g\" or \"kg\", not {unit!r}.")
    optional = data.get("optional", [])
    if not isinstance(optional, list) or not all(o in FIELDS for o in optional):
        raise BadInputError(f"The mapping {name!r}: optional must list field names.")
    label = data.get("label", {})
    if not isinstance(label, dict) or not all(isinstance(v, str) for v in label.values()):
        raise BadInputError(f"The mapping {name!r}: label must map languages to text.")
    source = data.get("source", "")
    if not isinstance(source, str):
        raise BadInputError(f"The mapping {name!r}: source must be text.")
    return Profile(name=name, columns=columns, weight_unit=unit, optional=tuple(optional), label=dict(label),
                   source=source, shipped=shipped)


def check_name(name: Any) -> None:
    if not isinstance(name, str) or not _NAME.match(name) or name.strip() != name:
        raise BadInputError(f"{name!r} is not a usable mapping name (1–40 letters, digits, spaces, - _ . ( )).")


def parse_map(text: str, *, weight_unit: str = "g") -> Profile:
    """A mapping from ``FIELD=COLUMN,FIELD=COLUMN`` (the CLI's ``--map``)."""
    columns: dict[str, list[str]] = {}
    for part in (p for p in text.split(",") if p.strip()):
        field_name, sep, column = part.partition("=")
        field_name, column = field_name.strip(), column.strip()
        if not sep or not column:
            raise BadInputError(f"--map: {part.strip()!r} is not FIELD=COLUMN.")
        if field_name == "weight_kg":
            field_name, weight_unit = "weight_g", "kg"
        if field_name not in FIELDS:
            raise BadInputError(f"--map: unknown field {field_name!r} (known: {', '.join(FIELDS)}, weight_kg).")
        columns.setdefault(field_name, []).append(column)
    return profile_from_json({"name": "command line", "columns": columns, "weight_unit": weight_unit})


@functools.cache
def shipped_profiles() -> tuple[Profile, ...]:
    """The profiles PackSeal ships (resources/order_profiles.json)."""
    text = importlib.resources.files("packseal.resources").joinpath("order_profiles.json").read_text("utf-8")
    data = json.loads(text)
    return tuple(profile_from_json(p, shipped=True) for p in data["profiles"])


class ProfileShelf:
    """The shop's saved profiles in one folder, over the shipped ones."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _file(self, name: str) -> Path:
        check_name(name)
        return self.folder / f"{name}.json"

    def saved(self) -> list[Profile]:
        out = []
        for path in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []:
            try:
                out.append(profile_from_json(json.loads(path.read_text("utf-8"))))
            except (OSError, ValueError) as exc:  # BadInputError and JSON errors are ValueErrors
                raise BadInputError(f"The saved column mapping {path} cannot be read: {exc}") from exc
        return out

    def all(self) -> list[Profile]:
        """Saved profiles first, then the shipped ones they do not replace."""
        saved = self.saved()
        names = {p.name for p in saved}
        return saved + [p for p in shipped_profiles() if p.name not in names]

    def get(self, name: str) -> Profile:
        for profile in self.all():
            if profile.name == name:
                return profile
        known = ", ".join(p.name for p in self.all())
        raise BadInputError(f"There is no column mapping called {name!r} (known: {known}).")

    def save(self, profile: Profile) -> Path:
        path = self._file(profile.name)
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = {k: v for k, v in profile.to_json().items() if k != "source"}
        atomic_write(path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
        return path

    def delete(self, name: str) -> None:
        try:
            self._file(name).unlink()
        except FileNotFoundError:
            raise BadInputError(f"There is no saved column mapping called {name!r}.") from None
        except OSError as exc:
            raise StorageError(f"Cannot delete the mapping {name!r}: {exc.strerror}.") from exc

    def guess(self, header: list[str]) -> Profile | None:
        """The profile that maps the most of ``header``'s columns (saved ones win ties), or None."""
        best, best_score = None, 0
        for profile in self.all():
            score = profile.score(header)
            if score > best_score:
                best, best_score = profile, score
        return best
