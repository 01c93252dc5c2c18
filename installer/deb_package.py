"""The Linux package: a .deb built from the PyInstaller bundle with ``dpkg-deb``.

What it installs:

- ``/opt/packseal/`` — the one-folder app, as built;
- ``/usr/bin/packseal`` — a symlink to ``/opt/packseal/packseal``;
- ``/usr/share/applications/packseal.desktop`` — the menu entry (打包存证 in Chinese);
- ``/usr/share/icons/hicolor/<N>x<N>/apps/packseal.png`` and ``scalable/apps/packseal.svg``;
- ``/usr/share/doc/packseal/`` — copyright and changelog.

No maintainer scripts: the icon cache and the menu database are refreshed by
the triggers of the packages that own them. Removing the package leaves every
user's data dir (``~/.local/share/PackSeal``) alone.
"""

from __future__ import annotations

import gzip
import os
import platform
import re
import shutil
import stat
import subprocess
from pathlib import Path

from app_icons import PNG_SIZES, SOURCE_SVG, png_name
from app_icons import OUT_DIR as ICON_DIR
from staging import ROOT, BuildError

LINUX_DIR = ROOT / "installer" / "linux"
PACKAGE = "packseal"
INSTALL_DIR = "/opt/packseal"
MAINTAINER = "PackSeal maintainers <maintainers@packseal.invalid>"  # set a real address before publishing

# Libraries the bundle expects from the system. PyInstaller leaves out libc, OpenGL/EGL, libdrm
# and libxcb (they must match the machine's drivers and X server); the rest are listed because
# their packages carry the system-wide configuration the bundled copies read (fontconfig's
# fonts.conf, PulseAudio's client.conf, xkb keyboard data) and because Qt's xcb platform is
# known to need them.
DEPENDS = (
    "libc6 (>= 2.28)", "libgl1", "libegl1", "libdrm2", "libxcb1", "libxkbcommon-x11-0",
    "libxcb-cursor0", "libfontconfig1", "libdbus-1-3", "libpulse0",
)
# Only a Wayland session loads these (through Qt's wayland platform plugin).
RECOMMENDS = ("libwayland-client0", "libwayland-cursor0", "libwayland-egl1")

DESCRIPTION = """\
sealed video evidence of every order packed at a shop's packing station
 PackSeal (打包存证) records a video clip of each order being packed, started
 and stopped by scanning the waybill barcode, with the order number and the
 time burned into the picture. Every clip is sealed into an append-only,
 Ed25519-signed hash chain that anyone can check with OpenSSL alone.
 .
 When a buyer claims a refund with a photo of a "broken" item, the owner finds
 the order's clip in a second, compares the photo with the shipment, and
 exports a signed evidence pack or a clip cut to a platform's upload limits."""


def debian_version(version: str) -> str:
    """A Python version as a Debian version that sorts the same: "1.0rc1" → "1.0~rc1".

    Debian's ``~`` sorts before anything, as pre-releases and development
    builds do in Python. Accepted: a release with an optional pre-release
    (a/b/rc N) and an optional ``.devN``.
    """
    match = re.fullmatch(r"(\d+(?:\.\d+)*)(?:(a|b|rc)(\d+))?(?:\.dev(\d+))?", version.strip())
    if match is None:
        raise BuildError(f"the version {version!r} is not of the form 1.2.3, 1.2.3rc1 or 1.2.3.dev1; "
                         "fix __version__.")
    release, pre, pre_number, dev = match.groups()
    result = release
    if pre:
        result += f"~{pre}{pre_number}"
    if dev is not None:
        result += f"~dev{dev}"
    return result


def debian_arch(machine: str | None = None) -> str:
    """Debian's name for this machine's architecture."""
    machine = (machine or platform.machine()).lower()
    names = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}
    if machine not in names:
        raise BuildError(f"no Debian architecture is known for {machine!r}; build on x86_64 or aarch64.")
    return names[machine]


def control_text(version: str, arch: str, installed_kib: int) -> str:
    """The package's ``DEBIAN/control`` file."""
    fields = [
        ("Package", PACKAGE),
        ("Version", debian_version(version)),
        ("Architecture", arch),
        ("Maintainer", MAINTAINER),
        ("Installed-Size", str(installed_kib)),
        ("Depends", ", ".join(DEPENDS)),
        ("Recommends", ", ".join(RECOMMENDS)),
        ("Section", "video"),
        ("Priority", "optional"),
        ("Description", DESCRIPTION),
    ]
    return "".join(f"{name}: {value}\n" for name, value in fields)


def changelog_gz(version: str) -> bytes:
    """A one-entry ``changelog.gz`` (gzip without a time stamp, so builds are reproducible)."""
    text = (f"{PACKAGE} ({debian_version(version)}) stable; urgency=medium\n\n"
            f"  * PackSeal {version}, packaged from the PyInstaller bundle.\n\n"
            f" -- {MAINTAINER}  Thu, 01 Jan 1970 00:00:00 +0000\n")
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def _normalise_modes(tree: Path) -> None:
    """Directories 0755; programs 0755; everything else, shared libraries included, 0644."""
    for path in [tree, *tree.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
            continue
        executable = bool(path.stat().st_mode & stat.S_IXUSR) and ".so" not in path.name
        path.chmod(0o755 if executable else 0o644)


def _installed_kib(tree: Path) -> int:
    total = 0
    for path in tree.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += (path.stat().st_size + 1023) // 1024
    return max(total, 1)


def stage_tree(bundle: Path, stage: Path, version: str, arch: str) -> Path:
    """Lay out the package's files under ``stage`` (replaced whole); returns ``stage``."""
    if not (bundle / "packseal").is_file():
        raise BuildError(f"{bundle} holds no 'packseal' program; build the bundle first "
                         "(python installer/build.py bundle).")
    if stage.exists():
        shutil.rmtree(stage)
    opt = stage / INSTALL_DIR.lstrip("/")
    shutil.copytree(bundle, opt, symlinks=True)
    usr = stage / "usr"
    (usr / "bin").mkdir(parents=True)
    os.symlink(f"{INSTALL_DIR}/packseal", usr / "bin" / "packseal")
    apps = usr / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copyfile(LINUX_DIR / "packseal.desktop", apps / "packseal.desktop")
    icons = usr / "share" / "icons" / "hicolor"
    for size in PNG_SIZES:
        target = icons / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copyfile(ICON_DIR / png_name(size), target / "packseal.png")
    (icons / "scalable" / "apps").mkdir(parents=True)
    shutil.copyfile(SOURCE_SVG, icons / "scalable" / "apps" / "packseal.svg")
    doc = usr / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    shutil.copyfile(LINUX_DIR / "copyright", doc / "copyright")
    (doc / "changelog.gz").write_bytes(changelog_gz(version))
    _normalise_modes(stage)
    debian = stage / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(control_text(version, arch, _installed_kib(stage)), encoding="utf-8")
    _normalise_modes(debian)
    return stage


def build_deb(bundle: Path, out_dir: Path, version: str, *, work_dir: Path, arch: str | None = None,
              compression: str = "xz", level: int | None = None) -> Path:
    """Build ``<out_dir>/packseal_<version>_<arch>.deb`` from the one-folder ``bundle``.

    ``compression`` is dpkg-deb's: "xz" (the default, smallest), "gzip",
    "zstd" or "none"; ``level`` its level (a low one builds fast for checks).
    Raises BuildError when dpkg-deb is missing or fails.
    """
    if shutil.which("dpkg-deb") is None:
        raise BuildError("dpkg-deb is not installed; install the 'dpkg' package (Debian/Ubuntu).")
    arch = arch or debian_arch()
    name = f"{PACKAGE}_{debian_version(version)}_{arch}"
    stage = stage_tree(bundle, work_dir / name, version, arch)
    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"{name}.deb"
    cmd = ["dpkg-deb", "--root-owner-group", f"-Z{compression}"]
    if level is not None:
        cmd.append(f"-z{level}")
    cmd += ["--build", str(stage), str(deb)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BuildError(f"dpkg-deb failed: {proc.stderr.strip() or proc.stdout.strip()}")
    shutil.rmtree(stage)  # a copy of the whole bundle; the .deb holds it now
    return deb
