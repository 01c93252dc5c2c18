"""``pip install .`` from a fresh clone into a fresh virtual environment gives a working PackSeal.

The wheel is built from a copy of what a clone would hold (the files git
tracks or would add), with pip's build isolation as a user's ``pip install .``
runs it, and installed without its dependencies into a new, empty virtual
environment. The dependencies (PySide6, OpenCV, ffmpeg …, hundreds of MB) are
borrowed from the project's own environment through a ``.pth`` line, which
appends that folder *after* the new environment's site-packages: packseal
itself can only come from the wheel. Everything runs from a folder outside
the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import pytest

import packseal

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = sys.platform == "win32"


@dataclass(frozen=True)
class FreshInstall:
    work: Path
    venv: Path
    python: Path
    packseal: Path
    site_packages: Path

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("PYTHON", "PACKSEAL_", "XDG_")) and k != "VIRTUAL_ENV"}
        env.update(QT_QPA_PLATFORM="offscreen", HOME=str(self.work / "home"),
                   XDG_CACHE_HOME=str(self.work / "cache"), XDG_CONFIG_HOME=str(self.work / "config"),
                   XDG_DATA_HOME=str(self.work / "data"))
        return env

    def run(self, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
        return subprocess.run(list(args), cwd=self.work, env=self.env(), capture_output=True, text=True,
                              encoding="utf-8", timeout=timeout)


def _copy_of_a_clone(dest: Path) -> Path:
    """The files a clone of the working tree would have: tracked ones and new ones git does not ignore."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode("utf-8")
    for rel in filter(None, listed.split("\0")):
        source = ROOT / rel
        if source.is_file():  # a file deleted in the working tree is not in the clone either
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return dest


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> FreshInstall:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs the git checkout to know which files a clone holds")
    work = tmp_path_factory.mktemp("fresh-install")
    src = _copy_of_a_clone(work / "clone")
    wheels = work / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "--disable-pip-version-check",
                    "-w", str(wheels), str(src)], cwd=work, check=True, capture_output=True)
    (wheel,) = wheels.glob("packseal-*.whl")

    venv = work / "venv"
    base_python = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base_python, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if WINDOWS else "bin/python")
    site_packages = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip())
    (site_packages / "borrowed_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n",
                                                            encoding="utf-8")
    # This environment's pip installs into the new one (which has none), without touching the index.
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                    "-q", "--disable-pip-version-check", str(wheel)], check=True, capture_output=True)
    (work / "home").mkdir()
    return FreshInstall(work, venv, python, venv / ("Scripts/packseal.exe" if WINDOWS else "bin/packseal"),
                        site_packages)


def test_the_packseal_command_is_installed_and_names_the_version(installed):
    proc = installed.run(str(installed.packseal), "--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"PackSeal {packseal.__version__}"


_PROBE = """
import json, importlib.resources
import packseal
from packseal.core.capture.fonts import cjk_font_path
from packseal.gui.i18n import qm_file
res = importlib.resources.files("packseal.resources")
print(json.dumps({
    "package": packseal.__file__,
    "resources": str(res),
    "font": str(cjk_font_path()),
    "qm": str(qm_file("zh_CN")),
    "sounds": sorted(p.name for p in (res / "sounds").iterdir()),
    "presets": len(json.loads((res / "presets" / "platforms.json").read_text(encoding="utf-8"))),
    "icon": (res / "icons" / "app" / "packseal-256.png").is_file(),
}))
"""


def test_every_resource_comes_from_the_installed_package(installed):
    proc = installed.run(str(installed.python), "-c", _PROBE)
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    inside = installed.site_packages / "packseal"
    for key in ("package", "resources", "font", "qm"):
        assert Path(found[key]).is_relative_to(inside), (key, found[key])
    # The translation was compiled into the wheel: nothing had to be compiled into the cache.
    assert Path(found["qm"]).name == "packseal_zh_CN.qm"
    assert not (installed.work / "cache").exists() or not list((installed.work / "cache").rglob("*.qm"))
    assert {"start.wav", "stop.wav", "error.wav"} <= set(found["sounds"])
    assert found["presets"] > 0 and found["icon"]


def test_the_installed_app_records_seals_and_verifies(installed):
    data = installed.work / "selftest-data"
    proc = installed.run(str(installed.packseal), "--data-dir", str(data), "selftest", "--seconds", "1", "--json")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    report = json.loads(proc.stdout)
    assert report["ok"] and all(check["ok"] for check in report["checks"])
    assert Path(report["record"]["clip"]).is_relative_to(data)
