"""Proof that a frozen PackSeal works: the bundled program records, seals and verifies.

Each check runs the frozen program the way a user's machine would: from a
folder outside the repository, with a fresh data dir and fresh home/config
folders, no Python variables, and Qt on its offscreen platform. A failed check
raises CheckFailed with what was expected and what came out.

- :func:`check_version`: ``packseal --version`` names the version being built.
- :func:`check_selftest`: ``packseal selftest --json`` passes, and the log
  shows the ffmpeg that ran is the one inside the bundle.
- :func:`check_window`: the window opens (in Chinese), shows the test
  camera's first frame, and on SIGTERM closes cleanly, sealing what it recorded.
- :func:`unpack_deb`: the .deb's metadata and file list are right; it is
  unpacked so the checks above can run on exactly what it installs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from staging import BuildError

SELFTEST_TIMEOUT_S = 180
WINDOW_TIMEOUT_S = 90

# Log lines that mean a shipped resource did not reach the frozen app.
_MISSING_RESOURCE = re.compile(
    r"translation could not be loaded|is missing from the resources|could not load the shipped font|"
    r"could not compile the .* translation|Could not load the Qt platform plugin")


class CheckFailed(BuildError):
    """The frozen app did not do what it must; the message says what was seen."""


def frozen_env(home: Path) -> dict[str, str]:
    """The environment for a frozen run: nothing from Python or PackSeal, Qt offscreen.

    On POSIX the home and XDG folders point into ``home`` too, so a run
    never reads or writes the developer's own PackSeal settings (Windows
    finds those folders through the shell, not the environment; the checks
    name the data dir explicitly anyway).
    """
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "PACKSEAL_", "QT_", "XDG_")) and k != "VIRTUAL_ENV"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    if sys.platform != "win32":
        home.mkdir(parents=True, exist_ok=True)
        env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
                   XDG_CACHE_HOME=str(home / "cache"), XDG_RUNTIME_DIR=str(home / "runtime"))
        (home / "runtime").mkdir(mode=0o700, exist_ok=True)
    return env


def _run(cmd: list[str], *, cwd: Path, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise CheckFailed(f"{Path(cmd[0]).name} {' '.join(cmd[1:])} did not finish within {timeout:.0f} s") from exc


def _log_text(data_dir: Path) -> str:
    log = data_dir / "logs" / "packseal.log"
    return log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""


def check_version(exe: Path, version: str, *, work: Path) -> str:
    """``exe --version`` prints "PackSeal <version>"; returns the line."""
    proc = _run([str(exe), "--version"], cwd=work, env=frozen_env(work / "home"), timeout=120)
    line = proc.stdout.strip()
    if proc.returncode != 0 or line != f"PackSeal {version}":
        raise CheckFailed(f"{exe} --version printed {line!r} (exit {proc.returncode}), expected "
                          f"'PackSeal {version}'. stderr: {proc.stderr.strip()[-2000:]}")
    return line


def check_selftest(exe: Path, bundle: Path, *, work: Path) -> dict:
    """Run ``exe selftest --json`` in a fresh data dir; returns its report (``ok`` is True)."""
    data_dir = work / "selftest-data"
    proc = _run([str(exe), "--data-dir", str(data_dir), "selftest", "--json"], cwd=work,
                env=frozen_env(work / "home"), timeout=SELFTEST_TIMEOUT_S)
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        raise CheckFailed(f"the frozen selftest printed no JSON report (exit {proc.returncode}).\n"
                          f"stdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-4000:]}") from None
    failed = [c for c in report.get("checks", []) if not c.get("ok")]
    if proc.returncode != 0 or not report.get("ok") or failed:
        raise CheckFailed(f"the frozen selftest failed (exit {proc.returncode}): {failed}\n"
                          f"stderr: {proc.stderr[-4000:]}")
    _check_ffmpeg_is_bundled(_log_text(data_dir), bundle)
    return report


def ffmpeg_from_log(log: str) -> str:
    """The ffmpeg program named by the first "starting tape <dir>: <ffmpeg> -f <input format> …" log line."""
    # Non-greedy up to the first ": " — a Windows drive's colon is followed by a backslash.
    starts = re.findall(r"starting tape .*?: (.+?) -f \w+ ", log)
    if not starts:
        raise CheckFailed("the log has no 'starting tape' line, so which ffmpeg ran is unknown")
    return starts[0]


def _check_ffmpeg_is_bundled(log: str, bundle: Path) -> None:
    ffmpeg = Path(ffmpeg_from_log(log))
    try:
        ffmpeg.resolve().relative_to(bundle.resolve())
    except ValueError:
        raise CheckFailed(f"the frozen app ran {ffmpeg}, not the ffmpeg inside the bundle {bundle}") from None


def check_window(exe: Path, *, work: Path, language: str = "zh_CN") -> float:
    """Open the window on the test camera, wait for its first frame, close it; returns the seconds to it.

    The data dir gets settings first, so the first-run dialog does not ask.
    On POSIX a SIGTERM must close the window the normal way (exit 0, station
    stopped); Windows has no such signal, so there the process is ended once
    the first frame was shown.
    """
    data_dir = work / "window-data"
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.json").write_text(
        json.dumps({"language": language, "station_name": "打包台 1", "camera_barcodes": False}),
        encoding="utf-8")
    cmd = [str(exe), "--data-dir", str(data_dir), "--source", "test:320x240@10"]
    env = frozen_env(work / "home")
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, encoding="utf-8", errors="replace")
    try:
        while "first preview frame" not in _log_text(data_dir):
            if proc.poll() is not None:
                raise CheckFailed(f"the window exited ({proc.returncode}) before showing a frame:\n"
                                  f"{proc.stdout.read()[-4000:]}\n{_log_text(data_dir)[-4000:]}")
            if time.monotonic() - started > WINDOW_TIMEOUT_S:
                raise CheckFailed(f"the window showed no frame within {WINDOW_TIMEOUT_S} s:\n"
                                  f"{_log_text(data_dir)[-4000:]}")
            time.sleep(0.3)
        seconds = time.monotonic() - started
        if sys.platform == "win32":
            proc.terminate()
            proc.wait(timeout=30)
        else:
            proc.send_signal(signal.SIGTERM)
            try:
                code = proc.wait(timeout=WINDOW_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                raise CheckFailed("the window did not close within "
                                  f"{WINDOW_TIMEOUT_S} s of SIGTERM") from None
            output = proc.stdout.read()
            if code != 0 or "station stopped" not in _log_text(data_dir):
                raise CheckFailed(f"the window did not close cleanly on SIGTERM (exit {code}):\n{output[-4000:]}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()
    missing = _MISSING_RESOURCE.findall(_log_text(data_dir))
    if missing:
        raise CheckFailed(f"the window could not find shipped resources: {sorted(set(missing))}")
    return seconds


def _dpkg_deb(*args: str) -> str:
    proc = subprocess.run(["dpkg-deb", *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise CheckFailed(f"dpkg-deb {' '.join(args)} failed: {proc.stderr.strip()}")
    return proc.stdout


def unpack_deb(deb: Path, version: str, dest: Path) -> Path:
    """Check the .deb's control fields and file list, unpack it into ``dest``; returns ``dest``."""
    from deb_package import debian_version

    info = _dpkg_deb("--field", str(deb), "Package", "Version", "Architecture", "Depends")
    if "Package: packseal" not in info or f"Version: {debian_version(version)}" not in info:
        raise CheckFailed(f"{deb.name} has the wrong control fields:\n{info}")
    listing = _dpkg_deb("--contents", str(deb))
    wanted = ["./opt/packseal/packseal", "./usr/share/applications/packseal.desktop",
              "./usr/share/icons/hicolor/256x256/apps/packseal.png",
              "./usr/share/icons/hicolor/scalable/apps/packseal.svg",
              "./usr/share/doc/packseal/copyright",
              "./opt/packseal/_internal/packseal/resources/i18n/packseal_zh_CN.qm"]
    absent = [w for w in wanted if not re.search(rf"\s{re.escape(w)}$", listing, re.M)]
    if absent:
        raise CheckFailed(f"{deb.name} lacks {absent}")
    if not re.search(r"\./usr/bin/packseal -> /opt/packseal/packseal$", listing, re.M):
        raise CheckFailed(f"{deb.name} has no /usr/bin/packseal link to /opt/packseal/packseal")
    if dest.exists():
        shutil.rmtree(dest)
    _dpkg_deb("-x", str(deb), str(dest))
    return dest
