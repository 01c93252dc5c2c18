"""Build PackSeal's installers: ``python installer/build.py [COMMAND]`` (``./dev.sh bundle`` on Linux).

Commands (default ``all``):

  all                the bundle, then this platform's package: the .deb on Linux,
                     the setup .exe on Windows (needs Inno Setup's iscc)
  bundle             only the one-folder app: dist/packseal/ (Linux), dist/PackSeal/ (Windows)
  deb                the .deb from the bundle in dist/
  windows-installer  the Inno Setup installer from the bundle in dist/
  check              build the bundle (and on Linux a quickly compressed .deb), then run the
                     frozen app as it is installed: --version, selftest, the window offscreen
  icons              redraw the app icon's PNG/ICO/ICNS files from its SVG drawings

Outputs go to dist/, intermediate files to build/. PyInstaller is installed
into the running Python from the ``bundle`` optional dependencies of
pyproject.toml when it is missing. Exit status 0 when everything was built
(and checked), 1 when a step failed, with the reason on stderr.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from staging import ROOT, BuildError, numeric_version, read_version  # noqa: E402

DIST = ROOT / "dist"
BUILD = ROOT / "build"
SPEC = ROOT / "installer" / "packseal.spec"
ISS = ROOT / "installer" / "windows" / "packseal.iss"
WINDOWS = sys.platform == "win32"


def say(message: str) -> None:
    print(f"[build] {message}", flush=True)


def bundle_dir() -> Path:
    """Where PyInstaller puts the one-folder app on this platform."""
    return DIST / ("PackSeal" if WINDOWS else "packseal")


def cli_exe(bundle: Path) -> Path:
    """The console program inside a bundle (the ``packseal`` command)."""
    return bundle / ("packseal-cli.exe" if WINDOWS else "packseal")


def window_exe(bundle: Path) -> Path:
    """The program a shortcut starts (windowed on Windows)."""
    return bundle / ("PackSeal.exe" if WINDOWS else "packseal")


def bundle_requirements() -> list[str]:
    """The ``bundle`` optional dependencies named in pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    try:
        return list(project["optional-dependencies"]["bundle"])
    except KeyError:
        raise BuildError("pyproject.toml has no 'bundle' optional dependencies; add them.") from None


def ensure_pyinstaller() -> None:
    """Install the build tools into this Python unless they are already there (quick when they are)."""
    if importlib.util.find_spec("PyInstaller") is not None:
        return
    requirements = bundle_requirements()
    say(f"installing {', '.join(requirements)} into {sys.prefix}")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    *requirements], check=True)


def build_bundle() -> Path:
    """Run PyInstaller on the spec; returns the bundle folder."""
    ensure_pyinstaller()
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"), str(SPEC)],
                   check=True, cwd=ROOT)
    bundle = bundle_dir()
    if not cli_exe(bundle).is_file():
        raise BuildError(f"PyInstaller finished but {cli_exe(bundle)} is missing")
    say(f"bundle {bundle} ({_size_mib(bundle):.0f} MiB) built in {time.monotonic() - started:.0f} s")
    return bundle


def build_deb(*, fast: bool = False, out_dir: Path = DIST) -> Path:
    """The .deb from the bundle; ``fast`` trades size for speed (zstd -3 instead of xz)."""
    from deb_package import build_deb as make

    started = time.monotonic()
    deb = make(bundle_dir(), out_dir, read_version(), work_dir=BUILD / "deb",
               compression="zstd" if fast else "xz", level=3 if fast else None)
    say(f"{deb} ({deb.stat().st_size / 2**20:.0f} MiB) built in {time.monotonic() - started:.0f} s")
    return deb


def find_iscc() -> Path:
    """Inno Setup's command-line compiler: $ISCC, on PATH, or in its usual install folders."""
    candidates = [os.environ.get("ISCC"), shutil.which("iscc"), shutil.which("ISCC")]
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles"),
                 os.path.join(os.environ.get("LOCALAPPDATA", ""), "Programs")):
        if base:
            candidates += [os.path.join(base, f"Inno Setup {n}", "ISCC.exe") for n in (6, 7)]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise BuildError("Inno Setup's ISCC.exe was not found; install Inno Setup 6 "
                     "(choco install innosetup) or set ISCC to its path.")


def iscc_arguments(version: str, bundle: Path, out_dir: Path) -> list[str]:
    """ISCC's arguments: the defines packseal.iss expects, then the script."""
    numbers = ".".join(str(n) for n in numeric_version(version))
    defines = {"AppVersion": version, "AppVersionNumeric": numbers, "BundleDir": str(bundle),
               "OutputDir": str(out_dir), "RepoDir": str(ROOT)}
    return ["/Q", *(f"/D{name}={value}" for name, value in defines.items()), str(ISS)]


def build_windows_installer() -> Path:
    """Compile installer/windows/packseal.iss around the bundle; returns the setup .exe."""
    version = read_version()
    bundle = bundle_dir()
    if not (bundle / "PackSeal.exe").is_file():
        raise BuildError(f"{bundle} holds no PackSeal.exe; build the bundle on Windows first.")
    subprocess.run([str(find_iscc()), *iscc_arguments(version, bundle, DIST)], check=True)
    setup = DIST / f"PackSeal-{version}-setup.exe"
    if not setup.is_file():
        raise BuildError(f"iscc finished but {setup} is missing")
    say(f"{setup} ({setup.stat().st_size / 2**20:.0f} MiB)")
    return setup


def check(*, rebuild: bool = True) -> None:
    """Build, then prove the frozen app works as installed (see bundle_check)."""
    import bundle_check

    version = read_version()
    bundle = build_bundle() if rebuild else bundle_dir()
    # Windows may hold files of a just-ended process open for a moment; leftovers are only temp files.
    with tempfile.TemporaryDirectory(prefix="packseal-bundle-check-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        if not WINDOWS and shutil.which("dpkg-deb"):
            deb = build_deb(fast=True, out_dir=BUILD / "check")
            root = bundle_check.unpack_deb(deb, version, work / "deb-root")
            bundle = root / "opt" / "packseal"
            say(f"checking the frozen app as the .deb installs it ({bundle})")
        else:
            say(f"checking the frozen app in {bundle}")
        started = time.monotonic()
        say(bundle_check.check_version(cli_exe(bundle), version, work=work))
        report = bundle_check.check_selftest(cli_exe(bundle), bundle, work=work)
        say(f"selftest passed: {len(report['checks'])} checks, clip of {report['record']['duration_s']} s "
            f"sealed and verified ({time.monotonic() - started:.0f} s)")
        seconds = bundle_check.check_window(window_exe(bundle), work=work)
        say(f"window opened in Chinese, first frame after {seconds:.1f} s"
            + ("" if WINDOWS else ", closed cleanly on SIGTERM"))


def _size_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="installer/build.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", default="all",
                        choices=["all", "bundle", "deb", "windows-installer", "check", "icons"])
    parser.add_argument("--no-rebuild", action="store_true", help="check: use the bundle already in dist/")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        if args.command == "icons":
            from app_icons import make_icons

            for path in make_icons():
                say(f"wrote {path.relative_to(ROOT)}")
        elif args.command == "bundle":
            build_bundle()
        elif args.command == "deb":
            build_deb()
        elif args.command == "windows-installer":
            build_windows_installer()
        elif args.command == "check":
            check(rebuild=not args.no_rebuild)
        else:
            build_bundle()
            if WINDOWS:
                build_windows_installer()
            elif sys.platform.startswith("linux"):
                build_deb()
    except (BuildError, subprocess.CalledProcessError, OSError) as exc:
        print(f"[build] FAILED: {exc}", file=sys.stderr)
        return 1
    say(f"{args.command}: done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
