"""The Windows installer script cannot be compiled here; these hold it to what the app and the build do."""

from __future__ import annotations

import re

import build
import staging

from packseal import APP_NAME
from packseal.core.ledger.keys import KEYRING_SERVICE

ISS = staging.ROOT / "installer" / "windows" / "packseal.iss"
WORKFLOW = staging.ROOT / ".github" / "workflows" / "windows.yml"
SPEC = staging.ROOT / "installer" / "packseal.spec"


def _iss() -> str:
    raw = ISS.read_bytes()
    # Inno Setup reads a script as Unicode only when it starts with a UTF-8 byte-order mark;
    # without it the Chinese texts would turn into mojibake.
    assert raw.startswith(b"\xef\xbb\xbf")
    return raw.decode("utf-8-sig")


def _define(text: str, name: str) -> str:
    match = re.search(rf'^#define {name} "([^"]*)"', text, re.M)
    assert match, name
    return match.group(1)


def test_it_installs_per_user_without_admin_rights():
    iss = _iss()
    assert re.search(r"^PrivilegesRequired=lowest\s*$", iss, re.M)
    assert re.search(r"^DefaultDirName=\{autopf\}\\\{#AppName\}\s*$", iss, re.M)  # {localappdata}\Programs\PackSeal
    assert "PrivilegesRequiredOverridesAllowed" not in iss  # nobody can turn it into a machine-wide install


def test_the_build_passes_every_define_the_script_needs_and_the_version_names_the_file(tmp_path):
    iss = _iss()
    needed = set(re.findall(r"^#ifndef (\w+)", iss, re.M))
    args = build.iscc_arguments("1.2.0rc1", tmp_path / "PackSeal", tmp_path / "dist")
    passed = dict(a[2:].split("=", 1) for a in args if a.startswith("/D"))
    assert set(passed) == needed
    assert passed["AppVersion"] == "1.2.0rc1" and passed["AppVersionNumeric"] == "1.2.0.0"
    assert args[-1] == str(ISS)
    assert "#ifndef AppVersion\r\n  #error" in iss  # no silent default version
    assert re.search(r"^AppVersion=\{#AppVersion\}", iss, re.M)
    assert re.search(r"^OutputBaseFilename=PackSeal-\{#AppVersion\}-setup", iss, re.M)


def test_shortcuts_start_the_windowed_exe_the_spec_builds():
    iss, spec = _iss(), SPEC.read_text(encoding="utf-8")
    assert _define(iss, "AppExe") == "PackSeal.exe"
    assert '_exe("PackSeal", console=False)' in spec and '_exe("packseal-cli", console=True)' in spec
    assert re.search(r'^Name: "\{autoprograms\}\\\{cm:ShortcutName\}"; Filename: "\{app\}\\\{#AppExe\}"', iss, re.M)
    assert re.search(r'^Name: "\{autodesktop\}\\.*Tasks: desktopicon', iss, re.M)


def test_english_and_simplified_chinese_with_every_custom_message_in_both():
    iss = _iss()
    assert 'Name: "english"; MessagesFile: "compiler:Default.isl"' in iss
    assert 'Name: "chinesesimplified"; MessagesFile: "compiler:Languages\\ChineseSimplified.isl"' in iss
    messages = re.findall(r"^(english|chinesesimplified)\.(\w+)=", iss, re.M)
    english = {name for lang, name in messages if lang == "english"}
    chinese = {name for lang, name in messages if lang == "chinesesimplified"}
    assert english == chinese and {"RemoveDataQuestion", "ShortcutName"} <= english
    used = set(re.findall(r"CustomMessage\('(\w+)'\)|\{cm:(\w+)", iss)) - {("", "")}
    assert {a or b for a, b in used} - {"CreateDesktopIcon", "AdditionalIcons", "LaunchProgram"} <= english


def test_uninstall_asks_before_deleting_the_data_dir_the_app_really_uses():
    iss = _iss()
    # The data dir is platformdirs' user data dir for APP_NAME without an author: %LOCALAPPDATA%\PackSeal.
    assert _define(iss, "AppName") == APP_NAME
    assert "ExpandConstant('{localappdata}\\{#AppName}')" in iss
    # No is the default answer, and a silent uninstall takes it.
    assert "MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES" in iss
    assert re.search(r"if \(CurUninstallStep = usPostUninstall\) and RemoveData then", iss)
    # Nothing else deletes user data.
    assert "[UninstallDelete]" not in iss
    # The key store entries it forgets are the ones the app writes.
    assert _define(iss, "KeyringService") == KEYRING_SERVICE


def test_the_workflow_runs_the_build_commands_that_exist():
    workflow = WORKFLOW.read_text(encoding="utf-8")
    assert "runs-on: windows-latest" in workflow and 'python-version: "3.11"' in workflow
    assert 'pip install -e ".[bundle]"' in workflow
    commands = set(re.findall(r"python installer/build\.py ([\w-]+)", workflow))
    assert commands == {"bundle", "check", "windows-installer"}
    source = (staging.ROOT / "installer" / "build.py").read_text(encoding="utf-8")
    for command in commands:
        assert f'"{command}"' in source
    assert "packseal-cli.exe" in workflow and "QT_QPA_PLATFORM: offscreen" in workflow
    assert "choco install innosetup" in workflow and "upload-artifact" in workflow
