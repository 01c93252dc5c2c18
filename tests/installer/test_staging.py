"""The resources every package ships, and the one place the version comes from."""

from __future__ import annotations

from pathlib import Path

import pytest
import staging

import packseal

QM_MAGIC = bytes.fromhex("3CB86418CAEF9C95CD211CBF60A1BDDD")  # the first 16 bytes of every Qt .qm file


def test_the_version_is_read_from_the_package_without_importing_it():
    assert staging.read_version() == packseal.__version__


def test_a_missing_version_line_is_a_build_error_naming_the_file(tmp_path):
    init = tmp_path / "__init__.py"
    init.write_text('APP_NAME = "PackSeal"\n__version__ = compute()\n', encoding="utf-8")
    with pytest.raises(staging.BuildError, match="__init__.py"):
        staging.read_version(init)


@pytest.mark.parametrize(("version", "numbers"), [
    ("0.1.0", (0, 1, 0, 0)), ("2", (2, 0, 0, 0)), ("1.2.3.4.5", (1, 2, 3, 4)),
    ("1.2.0rc1", (1, 2, 0, 0)), ("3.1.dev7", (3, 1, 0, 0)),
])
def test_windows_file_versions_are_the_release_numbers(version, numbers):
    assert staging.numeric_version(version) == numbers


def test_staged_resources_hold_compiled_translations_and_no_developer_files(tmp_path):
    source = staging.RESOURCES
    staged = staging.stage_resources(tmp_path / "resources")
    qm = staged / "i18n" / "packseal_zh_CN.qm"
    assert qm.read_bytes()[:16] == QM_MAGIC
    shipped = {p.relative_to(staged).as_posix() for p in staged.rglob("*") if p.is_file()}
    for must in ("fonts/WenQuanYiMicroHei-GBK.ttf", "fonts/NOTICE.md", "sounds/start.wav", "sounds/stop.wav",
                 "sounds/error.wav", "presets/platforms.json", "icons/packseal.svg",
                 "icons/app/packseal-256.png", "icons/app/packseal.ico"):
        assert must in shipped, must
    assert not [p for p in shipped if p.endswith((".ts", ".pyc")) or Path(p).name in
                ("README.md", "generate.py", "__init__.py")]
    # Everything else of resources/ is there, byte for byte.
    for rel in shipped - {"i18n/packseal_zh_CN.qm"}:
        assert (staged / rel).read_bytes() == (source / rel).read_bytes(), rel


def test_a_broken_translation_stops_the_build(tmp_path):
    sources = tmp_path / "i18n"
    sources.mkdir()
    (sources / "packseal_xx.ts").write_text("<TS version='2.1'><context><name>X", encoding="utf-8")
    with pytest.raises(staging.BuildError, match="packseal_xx.ts"):
        staging.compile_translations(sources, tmp_path / "out")
