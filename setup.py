# What pyproject.toml cannot say: the package lives under app/, the top-level
# resources/ folder ships inside it as packseal.resources, and the window's
# translations (resources/i18n/*.ts) are compiled to .qm files in the build.
import importlib.util
import subprocess
import sys
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def _lrelease() -> Path | None:
    """PySide6's lrelease, found without importing Qt (None when PySide6 is not installed)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    base = Path(next(iter(spec.submodule_search_locations)))
    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    for candidate in (base / name, base / "Qt" / "bin" / name):
        if candidate.is_file():
            return candidate
    return None


class BuildPyWithTranslations(build_py):
    """build_py, then resources/i18n/*.ts → packseal/resources/i18n/*.qm in the build."""

    def run(self) -> None:
        super().run()
        if self.dry_run or getattr(self, "editable_mode", False):
            return  # an editable install compiles them at first start (packseal.gui.i18n)
        sources = sorted((HERE / "resources" / "i18n").glob("*.ts"))
        if not sources:
            return
        tool = _lrelease()
        if tool is None:
            self.warn("PySide6 is not installed in the build environment: the translations are not "
                      "compiled now; PackSeal compiles them at first start.")
            return
        out = Path(self.build_lib) / "packseal" / "resources" / "i18n"
        out.mkdir(parents=True, exist_ok=True)
        for ts in sources:
            qm = out / (ts.stem + ".qm")
            subprocess.run([str(tool), "-silent", str(ts), "-qm", str(qm)], check=True)
            self.announce(f"compiled {ts.name} -> {qm}", level=2)


setup(
    packages=find_packages("app", include=["packseal*"]) + ["packseal.resources"],
    package_dir={"": "app", "packseal.resources": "resources"},
    cmdclass={"build_py": BuildPyWithTranslations},
)
