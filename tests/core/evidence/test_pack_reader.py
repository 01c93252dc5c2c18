"""Hostile zips: both readers refuse them before reading anything, and nothing leaves the zip."""

from __future__ import annotations

import os
import stat
import struct
import warnings
import zipfile
from pathlib import Path

import pytest

from packseal.cli import main
from packseal.core.evidence import pack_format as F
from packseal.core.evidence import standalone_verifier
from packseal.core.errors import PackReadError, UnsafePackError
from packseal.core.evidence.pack_reader import open_pack
from packseal.core.evidence.pack_verifier import verify_pack
from tests.core.evidence.packtools import run_script

SCRIPT = Path(standalone_verifier.__file__)


def _zip(path: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name on purpose
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for info, data in entries:
                zf.writestr(info, data)
    return path


def _symlink(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def _patch_central(path: Path, index: int, offset: int, fmt: str, value: int) -> None:
    """Overwrite a field of the ``index``-th central directory header (and the local one for sizes)."""
    data = bytearray(path.read_bytes())
    at = -1
    for _ in range(index + 1):
        at = data.index(b"PK\x01\x02", at + 1)
    struct.pack_into(fmt, data, at + offset, value)
    if offset == 24:  # uncompressed size: the local header says the same (offset 22 there)
        local = struct.unpack_from("<I", data, at + 42)[0]
        struct.pack_into(fmt, data, local + 22, value)
    path.write_bytes(bytes(data))


def _declared_size_lie(path: Path) -> Path:
    _zip(path, [("frames/big.png", b"\0" * (3 << 20))])
    _patch_central(path, 0, 24, "<I", 1000)  # claims 1,000 bytes; inflates to 3 MiB
    return path


def _overlapping(path: Path) -> Path:
    _zip(path, [("a.txt", b"a" * 5000), ("b.txt", b"b" * 5000)])
    _patch_central(path, 1, 42, "<I", 0)  # b.txt's data "starts" where a.txt's does
    return path


def _encrypted(path: Path) -> Path:
    _zip(path, [("a.txt", b"secret")])
    _patch_central(path, 0, 8, "<H", 0x1)
    return path


HOSTILE = {
    "traversal": (lambda p: _zip(p, [("../evil.txt", b"x")]), "path traversal"),
    "deep-traversal": (lambda p: _zip(p, [("frames/../../evil.txt", b"x")]), "path traversal"),
    "absolute": (lambda p: _zip(p, [("/tmp/evil.txt", b"x")]), "absolute path"),
    "drive-letter": (lambda p: _zip(p, [("C:/Windows/evil.txt", b"x")]), "drive letter"),
    "backslash": (lambda p: _zip(p, [("..\\evil.txt", b"x")]), "backslash"),
    "symlink": (lambda p: _zip(p, [(_symlink("station-key.pem"), b"/etc/passwd")]), "symbolic link"),
    "duplicate": (lambda p: _zip(p, [("report.pdf", b"1"), ("report.pdf", b"2")]), "occurs twice"),
    "case-duplicate": (lambda p: _zip(p, [("report.pdf", b"1"), ("REPORT.pdf", b"2")]), "occurs twice"),
    "bomb-ratio": (lambda p: _zip(p, [("ledger/entries.jsonl", b"\0" * (20 << 20))]), "zip bomb"),
    "too-many": (lambda p: _zip(p, [(f"f{i}", b"") for i in range(F.MAX_MEMBERS + 1)]), "zip bomb"),
    "overlap": (_overlapping, "overlap"),
    "encrypted": (_encrypted, "encrypted"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_zips_are_refused_by_both_readers(case, tmp_path, capsys):
    make, words = HOSTILE[case]
    work = tmp_path / "work"
    work.mkdir()
    bad = make(work / f"{case}.zip")
    with pytest.raises(UnsafePackError, match=words):
        open_pack(bad)
    report = verify_pack(bad)
    assert report.codes() == {F.PACK_UNSAFE} and words in report.problems[0].message
    run = run_script(SCRIPT, bad)
    assert run.returncode == 1 and "FAIL  pack-unsafe:" in run.stdout and words in run.stdout, run.stdout
    assert main(["verify", str(bad)]) == 1
    assert "pack-unsafe" in capsys.readouterr().out
    # Nothing was extracted anywhere near the zip.
    assert sorted(os.listdir(work)) == [bad.name] and not (tmp_path / "evil.txt").exists()


def test_a_member_inflating_beyond_its_declared_size_is_refused(tmp_path):
    bad = _declared_size_lie(tmp_path / "lie.zip")
    with open_pack(bad) as source:
        assert source.files == {"frames/big.png": 1000}
        with pytest.raises(PackReadError, match="frames/big.png"):
            source.digest("frames/big.png")
    report = verify_pack(bad)
    assert not report.ok  # no manifest either, but the member is never read past 1,000 bytes
    run = run_script(SCRIPT, bad)
    assert run.returncode == 1


def test_small_files_are_read_with_a_limit(tmp_path):
    pack = _zip(tmp_path / "big-manifest.zip", [(F.MANIFEST, b"{" + b" " * 5000 + b"}")])
    with open_pack(pack) as source, pytest.raises(PackReadError, match="never above"):
        source.read(F.MANIFEST, limit=1000)


def test_not_a_zip_and_a_missing_path(tmp_path, capsys):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"this is not a zip file at all")
    with pytest.raises(PackReadError, match="not a zip"):
        open_pack(junk)
    assert verify_pack(junk).codes() == {F.PACK_UNREADABLE}
    assert main(["verify", str(junk)]) == 2  # bad input, not a pack
    assert main(["verify", str(tmp_path / "missing.zip")]) == 2
    assert run_script(SCRIPT, tmp_path / "missing.zip").returncode == 2
    capsys.readouterr()


def test_an_unzipped_pack_with_a_symlink_is_refused(tmp_path):
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / F.SIGNATURE).write_bytes(b"x" * 64)
    (folder / "station-key.pem").symlink_to("/etc/passwd")
    with pytest.raises(UnsafePackError, match="symbolic link"):
        open_pack(folder)
    assert verify_pack(folder).codes() == {F.PACK_UNSAFE}
    run = run_script(SCRIPT, folder)
    assert run.returncode == 1 and "symbolic link" in run.stdout


def test_member_names(tmp_path):
    ok = ["MANIFEST.json", "clip/SF1_101500.mp4", "comparison/photo-1/", "photos/照片.jpg"]
    bad = ["", "../x", "a/../b", "a//b", "./a", "/a", "C:x", "a\\b", "a\x00b", "a\nb"]
    assert all(F.member_name_problem(n) is None for n in ok)
    assert all(F.member_name_problem(n) for n in bad)
    assert all(standalone_verifier.name_problem(n) is None for n in ok)
    assert all(standalone_verifier.name_problem(n) for n in bad)
