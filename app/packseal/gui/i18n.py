"""The window's languages: Simplified Chinese and English.

Texts are written in English in the code (``self.tr(...)``) and translated
by ``resources/i18n/packseal_zh_CN.ts``. A built package ships the compiled
``.qm`` beside the ``.ts`` (``setup.py`` compiles it); a development checkout
has only the ``.ts``, so :func:`qm_file` compiles it on first use into a
cache folder with the ``lrelease`` that comes with PySide6, and again
whenever the ``.ts`` is newer than the cached ``.qm``.

Switching language at run time only swaps translators: Qt then sends every
widget a LanguageChange event and each re-reads its texts.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from packseal import APP_NAME
from packseal.core.settings import LANGUAGES
from packseal.gui.theme import resource_path

log = logging.getLogger(__name__)

SYSTEM, CHINESE, ENGLISH = LANGUAGES  # "" follows the computer's language
CATALOG = "packseal"


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """The language to show for a settings value: "zh_CN" or "en"."""
    if setting in (CHINESE, ENGLISH):
        return setting
    locale = system or QLocale.system()
    return CHINESE if locale.language() == QLocale.Language.Chinese else ENGLISH


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "i18n"


def lrelease_path() -> Path | None:
    """The ``lrelease`` program shipped inside the PySide6 wheel, if present."""
    import PySide6

    base = Path(PySide6.__file__).parent
    for name in ("lrelease.exe", "lrelease") if sys.platform == "win32" else ("lrelease",):
        for candidate in (base / name, base / "Qt" / "bin" / name):
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return candidate
    return None


def compile_ts(ts: Path, qm: Path) -> None:
    """Compile a Qt Linguist ``.ts`` file to ``.qm``; raises OSError/RuntimeError on failure."""
    tool = lrelease_path()
    if tool is None:
        raise RuntimeError("PySide6's lrelease was not found; reinstall PySide6")
    qm.parent.mkdir(parents=True, exist_ok=True)
    tmp = qm.with_suffix(".qm.tmp")
    proc = subprocess.run([str(tool), "-silent", str(ts), "-qm", str(tmp)],
                          capture_output=True, text=True, timeout=60)
    if proc.returncode != 0 or not tmp.is_file():
        raise RuntimeError(f"lrelease failed on {ts}: {proc.stderr.strip() or proc.stdout.strip()}")
    os.replace(tmp, qm)


def qm_file(language: str, cache_dir: Path | None = None) -> Path | None:
    """The compiled catalogue for ``language``: the shipped one, or one compiled into the cache."""
    ts = resource_path("i18n", f"{CATALOG}_{language}.ts")
    shipped = ts.with_suffix(".qm")
    # An installer may write the two files in either order; only a .ts edited
    # well after the .qm was built (a developer at work) makes the .qm stale.
    if shipped.is_file() and (not ts.is_file() or shipped.stat().st_mtime + 2 >= ts.stat().st_mtime):
        return shipped
    if not ts.is_file():
        return None
    cached = (cache_dir or default_cache_dir()) / shipped.name
    if cached.is_file() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    try:
        compile_ts(ts, cached)
    except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
        log.error("could not compile the %s translation: %s", language, exc)
        return None
    log.info("compiled the %s translation into %s", language, cached)
    return cached


class Translations:
    """Installs the translators for one language at a time on the application."""

    def __init__(self, app: QCoreApplication, cache_dir: Path | None = None) -> None:
        self._app = app
        self._cache_dir = cache_dir
        self._installed: list[QTranslator] = []
        self.language = ENGLISH

    def apply(self, setting: str) -> str:
        """Show the language a settings value asks for; returns "zh_CN" or "en"."""
        language = resolve_language(setting)
        if language == self.language and (self._installed or language == ENGLISH):
            return language
        for tr in self._installed:
            self._app.removeTranslator(tr)
        self._installed = []
        if language != ENGLISH:
            self._install_qt_catalogue(language)
            self._install_own(language)
        self.language = language
        QLocale.setDefault(QLocale(language))
        return language

    def _install_own(self, language: str) -> None:
        path = qm_file(language, self._cache_dir)
        tr = QTranslator(self._app)
        if path is None or not tr.load(str(path)):
            log.error("the %s translation could not be loaded; texts stay in English", language)
            return
        self._app.installTranslator(tr)
        self._installed.append(tr)

    def _install_qt_catalogue(self, language: str) -> None:
        # Qt's own texts: standard buttons (OK, Cancel), file dialogs, context menus. The few that
        # Qt's catalogue lacks are in ours (qt_texts.py), installed after it and so asked first.
        tr = QTranslator(self._app)
        for folder in qt_translations_folders():
            if tr.load(f"qtbase_{language}", str(folder)):
                self._app.installTranslator(tr)
                self._installed.append(tr)
                return
        log.warning("Qt's own %s translation (qtbase_%s.qm) was not found; file dialogs stay in English",
                    language, language)


def qt_translations_folders() -> list[Path]:
    """Where Qt's own catalogues may be: PySide6's translations folder (also in the frozen app), then Qt's."""
    import PySide6

    base = Path(PySide6.__file__).parent
    folders = [base / "Qt" / "translations", base / "translations",
               Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    return list(dict.fromkeys(f for f in folders if f.is_dir()))
