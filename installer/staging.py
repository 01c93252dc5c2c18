"""What every package of PackSeal is built from: the version, and the resources ready to ship.

The version lives in one place, ``app/packseal/__init__.py`` (``__version__``);
it is read here without importing PackSeal, so the build works the same from
any interpreter that has the build tools.

A development checkout keeps only the translations' sources (``.ts``); a
frozen app has no ``lrelease`` to compile them at first start, so
:func:`stage_resources` copies ``resources/`` into a build folder and puts the
compiled ``.qm`` files there, leaving out what only developers need.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_INIT = ROOT / "app" / "packseal" / "__init__.py"
RESOURCES = ROOT / "resources"

# Files of resources/ that only developers use: translation sources (shipped compiled),
# notes for translators and the script that made the sound cues.
_DEV_ONLY_SUFFIXES = {".ts", ".pyc"}
_DEV_ONLY_NAMES = {"README.md", "generate.py", "__pycache__"}


class BuildError(RuntimeError):
    """A packaging step failed; the message says which and what to do."""


def read_version(init_file: Path = PACKAGE_INIT) -> str:
    """``packseal.__version__`` as written in ``init_file``, read without importing the package."""
    tree = ast.parse(init_file.read_text(encoding="utf-8"), filename=str(init_file))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets
        ):
            value = node.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return value.value
    raise BuildError(f"{init_file} has no __version__ = \"…\" line; the version must be set there.")


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """The four numbers Windows puts in a file's properties: "0.1.0" → (0, 1, 0, 0).

    Only the release part counts ("1.2.0rc1" → (1, 2, 0, 0)); Windows has no
    place for pre-release markers.
    """
    match = re.match(r"\d+(?:\.\d+)*", version.strip())
    if match is None:
        raise BuildError(f"the version {version!r} does not start with a number; fix __version__.")
    numbers = [int(n) for n in match.group(0).split(".")][:4]
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def lrelease() -> Path:
    """The ``lrelease`` program inside the PySide6 wheel (the translations' compiler)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        raise BuildError("PySide6 is not installed in this Python; install PackSeal's dependencies first.")
    base = Path(next(iter(spec.submodule_search_locations)))
    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    for candidate in (base / name, base / "Qt" / "bin" / name, base / "Qt" / "libexec" / name):
        if candidate.is_file():
            return candidate
    raise BuildError(f"PySide6's lrelease was not found under {base}; reinstall PySide6.")


def compile_translations(sources: Path, out: Path) -> list[Path]:
    """Compile every ``*.ts`` in ``sources`` to ``out/<name>.qm``; returns the ``.qm`` files."""
    tool = lrelease()
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for ts in sorted(sources.glob("*.ts")):
        qm = out / (ts.stem + ".qm")
        proc = subprocess.run([str(tool), "-silent", str(ts), "-qm", str(qm)],
                              capture_output=True, text=True)
        if proc.returncode != 0 or not qm.is_file():
            raise BuildError(f"lrelease could not compile {ts}: {proc.stderr.strip() or proc.stdout.strip()}")
        made.append(qm)
    return made


def _shipped(path: Path) -> bool:
    if path == Path("__init__.py"):
        return False  # the package's module goes in with the code, not as a data file
    return path.suffix not in _DEV_ONLY_SUFFIXES and not (_DEV_ONLY_NAMES & set(path.parts))


def stage_resources(dest: Path, source: Path = RESOURCES) -> Path:
    """Copy the shipped part of ``source`` to ``dest`` (replaced whole) with compiled translations.

    Returns ``dest``. Raises BuildError when a translation does not compile,
    so a bundle never ships with its Chinese texts silently missing.
    """
    if dest.exists():
        shutil.rmtree(dest)
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if path.is_file() and _shipped(rel):
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    compile_translations(source / "i18n", dest / "i18n")
    return dest
