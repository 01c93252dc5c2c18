; PackSeal (打包存证): the Windows installer (Inno Setup 6).
;
; Built by `python installer\build.py` (or `python installer\build.py windows-installer` after the
; bundle), which runs:
;   ISCC.exe /DAppVersion=0.1.0 /DAppVersionNumeric=0.1.0.0 /DBundleDir=<repo>\dist\PackSeal
;            /DOutputDir=<repo>\dist /DRepoDir=<repo> installer\windows\packseal.iss
; The version comes from packseal.__version__ (app\packseal\__init__.py) through those defines.
;
; What it does:
; - installs for the current user only, no administrator rights: %LOCALAPPDATA%\Programs\PackSeal;
; - adds Start-menu and (ticked by default) desktop shortcuts to PackSeal.exe, the window;
;   packseal-cli.exe beside it is the `packseal` command for a console;
; - speaks English or Simplified Chinese, following Windows;
; - on uninstall keeps the recordings, the ledger and the station keys (the data folder
;   %LOCALAPPDATA%\PackSeal) unless the user answers Yes when asked (default: No; a silent
;   uninstall keeps them).
;
; This file is UTF-8 with a byte-order mark: Inno Setup reads Unicode scripts only with one.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z (installer\build.py does)
#endif
#ifndef AppVersionNumeric
  #define AppVersionNumeric AppVersion
#endif
#ifndef RepoDir
  #define RepoDir "..\.."
#endif
#ifndef BundleDir
  #define BundleDir RepoDir + "\dist\PackSeal"
#endif
#ifndef OutputDir
  #define OutputDir RepoDir + "\dist"
#endif

#define AppName "PackSeal"
#define AppExe "PackSeal.exe"
; The key store entries of keyring's Windows backend are named after this service (see
; packseal.core.ledger.keys.KEYRING_SERVICE).
#define KeyringService "PackSeal station key"

[Setup]
; The AppId ties upgrades and the uninstaller to this product: never change it.
AppId={{B4D0269C-DA39-4C8C-AB54-41AFFC78750A}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=PackSeal
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} Setup
PrivilegesRequired=lowest
; With PrivilegesRequired=lowest, {autopf} is {localappdata}\Programs.
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=PackSeal-{#AppVersion}-setup
SetupIconFile={#RepoDir}\resources\icons\app\packseal.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
WizardStyle=modern
Compression=lzma2
SolidCompression=yes
ShowLanguageDialog=auto
; Close a running PackSeal before its files are replaced (it finishes and seals the open clip).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Part of Inno Setup's official translations in recent versions; older ones keep it under
; Languages\Unofficial in the source: the Windows workflow fetches it when it is missing.
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[CustomMessages]
english.ShortcutName=PackSeal
chinesesimplified.ShortcutName=PackSeal 打包存证
english.ShortcutComment=Record and seal a video of every order packed
chinesesimplified.ShortcutComment=录制并签名保存每一单的打包视频
english.RemoveDataQuestion=Also delete PackSeal's recordings, ledger and station keys?%n%n%1%n%nThey are the evidence of your shipments and cannot be recovered once deleted. Choose No to keep them: installing PackSeal again uses them as before.
chinesesimplified.RemoveDataQuestion=是否同时删除 PackSeal 的录像、存证记录和打包台密钥？%n%n%1%n%n它们是您发货的证据，删除后无法恢复。选择“否”则保留：重新安装 PackSeal 后可继续使用。
english.ChosenFolderNote=Recordings in a storage folder you chose yourself in PackSeal are not deleted here; delete that folder by hand if you no longer need it.
chinesesimplified.ChosenFolderNote=您在 PackSeal 中自选的存储文件夹里的录像不会在此删除；如不再需要，请手动删除该文件夹。

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:ShortcutName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:ShortcutComment}"
Name: "{autodesktop}\{cm:ShortcutName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:ShortcutComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
var
  RemoveData: Boolean;

{ PackSeal's own folder: the default data dir (platformdirs' user data dir, appauthor off), which
  also holds location.json (a storage folder chosen in the window) and the cache. }
function DataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\{#AppName}');
end;

function ChoseOtherFolder(): Boolean;
begin
  Result := FileExists(DataDir() + '\location.json');
end;

{ The station key's private part may sit in the Windows Credential Manager (keyring's backend):
  one entry named after the service, earlier keys as "<key id>@<service>". Only keys of the data
  dir being deleted are removed, and the plain entry only when no other storage folder was chosen
  (it could belong to that folder's station, whose key must survive). }
procedure ForgetStoredKeys();
var
  Found: TFindRec;
  KeyId: String;
  Code: Integer;
begin
  if FindFirst(DataDir() + '\keys\*.pub.pem', Found) then
  begin
    try
      repeat
        KeyId := Copy(Found.Name, 1, Length(Found.Name) - Length('.pub.pem'));
        Exec(ExpandConstant('{sys}\cmdkey.exe'), '/delete:"' + KeyId + '@{#KeyringService}"', '',
             SW_HIDE, ewWaitUntilTerminated, Code);
      until not FindNext(Found);
    finally
      FindClose(Found);
    end;
    if not ChoseOtherFolder() then
      Exec(ExpandConstant('{sys}\cmdkey.exe'), '/delete:"{#KeyringService}"', '', SW_HIDE,
           ewWaitUntilTerminated, Code);
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Details: String;
begin
  if CurUninstallStep = usUninstall then
  begin
    { Asked once, after the user confirmed the uninstall; No is the default button, and a
      silent uninstall takes the default, so data is only ever deleted on an explicit Yes. }
    RemoveData := False;
    if DirExists(DataDir()) then
    begin
      Details := DataDir();
      if ChoseOtherFolder() then
        Details := Details + #13#10#13#10 + CustomMessage('ChosenFolderNote');
      RemoveData := SuppressibleMsgBox(FmtMessage(CustomMessage('RemoveDataQuestion'), [Details]),
        mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES;
    end;
  end;
  if (CurUninstallStep = usPostUninstall) and RemoveData then
  begin
    ForgetStoredKeys();
    DelTree(DataDir(), True, True, True);
  end;
end;
