"""The .deb recipe, built around a stand-in bundle (the real one is checked by ``build.py check``)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import deb_package
import pytest
from app_icons import PNG_SIZES
from staging import BuildError

pytestmark = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is not installed")


def _fake_bundle(root: Path) -> Path:
    """A one-folder app with the shape PyInstaller gives: a program and _internal/ with libraries."""
    bundle = root / "packseal"
    (bundle / "_internal" / "imageio_ffmpeg" / "binaries").mkdir(parents=True)
    program = bundle / "packseal"
    program.write_text("#!/bin/sh\necho 'PackSeal 9.9.9'\n", encoding="utf-8")
    program.chmod(0o700)
    ffmpeg = bundle / "_internal" / "imageio_ffmpeg" / "binaries" / "ffmpeg-linux-x86_64"
    ffmpeg.write_bytes(b"\x7fELF stand-in")
    ffmpeg.chmod(0o775)
    lib = bundle / "_internal" / "libQt6Core.so.6"
    lib.write_bytes(b"\x7fELF library")
    lib.chmod(0o755)  # PyInstaller copies libraries with their execute bits
    (bundle / "_internal" / "base_library.zip").write_bytes(b"PK")
    return bundle


@pytest.fixture(scope="module")
def deb(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("deb")
    return deb_package.build_deb(_fake_bundle(work), work / "out", "1.2.0rc1", work_dir=work / "stage",
                                 arch="amd64", compression="gzip", level=1)


def _dpkg_deb(*args: str) -> str:
    return subprocess.run(["dpkg-deb", *args], capture_output=True, text=True, check=True).stdout


def test_the_package_is_named_and_described_for_apt(deb):
    assert deb.name == "packseal_1.2.0~rc1_amd64.deb"
    fields = _dpkg_deb("--field", str(deb))
    assert "Package: packseal\n" in fields
    assert "Version: 1.2.0~rc1\n" in fields
    assert "Architecture: amd64\n" in fields
    assert "Depends: libc6 (>= 2.28), libgl1, libegl1" in fields
    for lib in ("libxcb1", "libxkbcommon-x11-0", "libxcb-cursor0", "libfontconfig1", "libdbus-1-3", "libpulse0"):
        assert lib in fields
    installed_kib = int(_dpkg_deb("--field", str(deb), "Installed-Size"))
    assert 10 < installed_kib < 200  # the stand-in files, the icons and the docs, in KiB
    assert "Description: sealed video evidence" in fields


def test_the_bundle_goes_to_opt_with_a_command_menu_entry_icons_and_docs(deb):
    listing = _dpkg_deb("--contents", str(deb))
    lines = {line.split()[-1] if " -> " not in line else " ".join(line.split()[-3:]): line
             for line in listing.splitlines()}
    assert "./usr/bin/packseal -> /opt/packseal/packseal" in lines
    for path in ["./opt/packseal/packseal", "./opt/packseal/_internal/libQt6Core.so.6",
                 "./usr/share/applications/packseal.desktop", "./usr/share/icons/hicolor/scalable/apps/packseal.svg",
                 "./usr/share/doc/packseal/copyright", "./usr/share/doc/packseal/changelog.gz",
                 *[f"./usr/share/icons/hicolor/{s}x{s}/apps/packseal.png" for s in PNG_SIZES]]:
        assert path in lines, path
    owners = {line.split()[1] for line in listing.splitlines()}
    assert owners == {"root/root"}
    # Programs run, libraries and data are read-only, whatever modes the build left.
    assert lines["./opt/packseal/packseal"].startswith("-rwxr-xr-x")
    assert lines["./opt/packseal/_internal/imageio_ffmpeg/binaries/ffmpeg-linux-x86_64"].startswith("-rwxr-xr-x")
    assert lines["./opt/packseal/_internal/libQt6Core.so.6"].startswith("-rw-r--r--")
    assert lines["./usr/share/applications/packseal.desktop"].startswith("-rw-r--r--")


def test_the_menu_entry_starts_packseal_in_both_languages(deb, tmp_path):
    root = tmp_path / "root"
    _dpkg_deb("-x", str(deb), str(root))
    desktop = (root / "usr/share/applications/packseal.desktop").read_text(encoding="utf-8")
    for line in ("Exec=packseal", "Icon=packseal", "Name=PackSeal", "Name[zh_CN]=打包存证", "Terminal=false"):
        assert line in desktop.splitlines()
    assert "Office;" in desktop and "Video;" in desktop
    if shutil.which("desktop-file-validate"):
        proc = subprocess.run(["desktop-file-validate", str(root / "usr/share/applications/packseal.desktop")],
                              capture_output=True, text=True)
        assert "error" not in proc.stdout + proc.stderr
    assert (root / "opt/packseal/packseal").read_text(encoding="utf-8").startswith("#!/bin/sh")


def test_debian_versions_sort_like_python_versions():
    assert deb_package.debian_version("0.1.0") == "0.1.0"
    assert deb_package.debian_version("1.0rc1") == "1.0~rc1"
    assert deb_package.debian_version("1.0b2.dev3") == "1.0~b2~dev3"
    assert deb_package.debian_version("2.0.dev1") == "2.0~dev1"
    with pytest.raises(BuildError, match="__version__"):
        deb_package.debian_version("1.0+local")


def test_a_folder_without_the_program_is_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(BuildError, match="build the bundle first"):
        deb_package.build_deb(tmp_path / "empty", tmp_path / "out", "0.1.0", work_dir=tmp_path / "stage",
                              arch="amd64")
