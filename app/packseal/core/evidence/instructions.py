"""VERIFY.txt: how a reviewer checks the pack without PackSeal, in the pack's language and English.

Two ways: the standalone ``verify_pack.py`` (Python 3 + ``cryptography``),
or OpenSSL 3 and ``sha256sum`` by hand. The shell commands are exact and are
run by the test suite against real packs.
"""

from __future__ import annotations

from dataclasses import dataclass

from packseal.core.evidence import pack_format as F
from packseal.core.ledger import group_fingerprint
from packseal.core.ledger.seal import check_commands


@dataclass(frozen=True)
class PackFacts:
    """What the instructions name: the order, the key, the clip, whether a timestamp is inside."""

    order_id: str
    station: str
    created: str  # UTC stamp
    key_id: str
    clip_name: str  # file name inside clip/
    clip_seq: int
    checkpoint_seq: int
    has_token: bool
    key_fingerprint: str = ""  # 64 hex: SHA-256 of the raw public key that signed the clip
    linked_name: str = ""  # file name inside linked/: the order's return (or shipment) clip, if any
    assembler_key_id: str = ""  # a pack a hub assembled (FORMAT.md §13.2): the hub key that signs the manifest
    assembler_fingerprint: str = ""


_COMMENTS = {
    "en": ("must equal the SHA-256 published in PackSeal's README", "in the unzipped folder (prints the verdict)"),
    "zh_CN": ("须与 PackSeal README 中公布的 SHA-256 一致", "在解压后的文件夹中运行（打印结论）"),
}


def python_commands(language: str = "en") -> list[str]:
    """Commands that run the standalone verifier, their comments in ``language``."""
    published, unzipped = _COMMENTS.get(language, _COMMENTS["en"])
    return ["python3 -m pip install cryptography certifi",
            f"sha256sum {F.VERIFIER}              # {published}",
            f"python3 {F.VERIFIER} PACK.zip --expect-key FINGERPRINT --require-anchor",
            f"python3 {F.VERIFIER}                # {unzipped}"]


def openssl_commands(facts: PackFacts) -> list[str]:
    """The by-hand check (bash, OpenSSL 3, GNU coreutils), run in the unzipped folder."""
    signer = F.ASSEMBLER_KEY if facts.assembler_key_id else F.PUBLIC_KEY
    lines = [
        f"openssl pkeyutl -verify -pubin -inkey {signer} -rawin -in {F.MANIFEST} -sigfile {F.SIGNATURE}",
        f"openssl pkey -pubin -in {signer} -outform DER | tail -c 32 | sha256sum | cut -c1-16",
        f"sha256sum -c {F.SUMS}",
        f"grep -c \"$(sha256sum {F.SUMS} | cut -c1-64)\" {F.MANIFEST}",
        (f"find . -type f ! -name {F.MANIFEST} ! -name {F.SIGNATURE} ! -name {F.SUMS} | sed 's|^\\./||' "
         f"| LC_ALL=C sort | diff - <(cut -c67- {F.SUMS} | LC_ALL=C sort)"),
    ]
    return lines


_STEPS = {
    "en": {
        "title": "PackSeal evidence pack: how to verify it",
        "about": ("Order {order}, packed at station \"{station}\", pack made {created} (UTC).\n"
                  "The station key's fingerprint is {fingerprint}\n(SHA-256 {full}). Compare it with a "
                  "fingerprint you obtained independently (the shop's published one, an earlier pack): "
                  "the signatures prove that the holder of this key made these files, not who that is.\n"
                  "What a good result proves: nothing was changed since that key signed it. When the video "
                  "was recorded is proven only by an RFC 3161 timestamp from an authority you trust "
                  "(verdict ANCHORED); otherwise the times are the station's own claim (UNANCHORED).\n"
                  "Do not trust verify_pack.py just because it is in the pack: run it only if its SHA-256 "
                  "equals the one published in PackSeal's README (or use your own copy)."),
        "signer_station": "the station key",
        "signer_hub": "the hub key (hub-key.pem)",
        "contents": ("What is inside:\n"
                     "  MANIFEST.json, MANIFEST.sig  every other file's SHA-256 and size, signed with {signer}\n"
                     "  station-key.pem              the station's public key (Ed25519)\n"
                     "  SHA256SUMS                   the same hashes, for sha256sum -c\n"
                     "  clip/                        the packing video exactly as recorded, and its seal\n"
                     "  linked/                      (when present) the order's return unboxing, or a return's shipment, and its seal\n"
                     "  ledger/                      the ledger entries it depends on, the Merkle inclusion proofs\n"
                     "                               under a signed checkpoint, and the RFC 3161 token if any\n"
                     "  frames/                      frames of the video as lossless PNG, with capture times\n"
                     "  photos/                      the refund photo(s) byte for byte, with their SHA-256\n"
                     "  comparison/photo-N/          per refund photo: side_by_side.png (the photo left, the best frame\n"
                     "                               right), overlay.png (the frame aligned onto the photo), heatmap.png\n"
                     "                               (differences on the item, numbered as in comparison.json),\n"
                     "                               before_closing.png (the opened box left, the last frames before\n"
                     "                               closing right), ela.png, annotated.png, comparison.json (findings).\n"
                     "                               Above each picture: the photo's size in pixels, or the frame's\n"
                     "                               time in the video (t = … s) and its capture time in UTC\n"
                     "  report.pdf                   the report for people\n"
                     "  verify_pack.py               a verifier needing only Python 3 and 'cryptography'"),
        "python": ("A. With Python 3 (the verifier checks everything below, plus the Merkle proof, the key\n"
                   "   chain and every RFC 3161 token; it names each problem and ends with the verdict:\n"
                   "   TAMPERED (exit 1), UNANCHORED (intact, time not proven; exit 0, or 1 with\n"
                   "   --require-anchor) or ANCHORED (intact and timestamped by a trusted TSA; exit 0)):"),
        "openssl": ("B. By hand with OpenSSL 3 and sha256sum, in bash, in the unzipped folder\n"
                    "   (Linux, macOS with coreutils, Git Bash on Windows):"),
        "expect": [
            "prints \"Signature Verified Successfully\": the manifest is the station's",
            "prints {key_id}: the key's id, the fingerprint above without spaces",
            "every line ends in \": OK\": no file was changed",
            "prints 1: SHA256SUMS is the list the manifest signed",
            "prints nothing: no file was added",
        ],
        "expect_hub": [
            "prints \"Signature Verified Successfully\": the manifest is the hub's",
            "prints {hub_key_id}: the hub key's id, the start of the hub fingerprint above",
        ],
        "hub": ("This pack was assembled by the shop's hub from the data the station synced to it, not at\n"
                "the station: the station key never leaves the station, so MANIFEST.sig is made with the hub\n"
                "key in hub-key.pem, fingerprint {fingerprint}\n(SHA-256 {full}; the hub prints it and shows it "
                "on its health page).\nThe clip, its seal and every ledger entry are still signed by the "
                "station key, and\nverify_pack.py checks them exactly as in a pack made at the station. Not "
                "in this pack:\nan export entry in the station's ledger, a second camera's file, the order's "
                "linked\nreturn or shipment clip, the owner's annotations."),
        "seal": "C. The clip and its seal (the seal's own check, by hand, on a copy of clip/):",
        "linked_seal": ("   The order's other clip (its return unboxing, or the shipment a return comes from)\n"
                        "   is in linked/ with its seal; check it the same way:"),
        "seal_expect": ("   The openssl line prints \"Signature Verified Successfully\"; the two sha256 values are\n"
                        "   equal; the two key ids are equal to {key_id} (or an earlier key of the chain)."),
        "token": ("{letter}. The RFC 3161 timestamp of checkpoint {checkpoint} (verify_pack.py checks every token\n"
                  "   in ledger/entries.jsonl; this is the first, for OpenSSL). For a public TSA the root is in\n"
                  "   the Mozilla bundle (python3 -c 'import certifi; print(certifi.where())'):\n"
                  "   openssl ts -reply -in {token} -text\n"
                  "   openssl ts -verify -data {root} -in {token} -CAfile <the TSA's root certificate>\n"
                  "   \"Verification: OK\" proves the checkpoint, and so the clip under it, existed at the\n"
                  "   token's Time stamp, if you trust that root."),
        "proof": ("{letter}. The Merkle inclusion proof (ledger/proofs.json) puts the clip's ledger entry {seq} in\n"
                  "   the tree signed by checkpoint {checkpoint}; verify_pack.py checks it. The algorithm is\n"
                  "   RFC 9162 section 2.1.3.2, described in PackSeal's docs/FORMAT.md section 8."),
    },
    "zh_CN": {
        "title": "PackSeal 证据包：如何验证",
        "about": ("订单 {order}，打包台 \"{station}\"，证据包生成于 {created}（UTC）。\n"
                  "打包台密钥指纹为 {fingerprint}\n（SHA-256 {full}）。请与您独立获得的指纹核对（店铺公布的指纹、"
                  "以往的证据包）：签名证明这些文件由持有该密钥者生成，但不能单独证明持有者是谁。\n"
                  "验证通过证明：自该密钥签名以来没有任何改动。录制时间只有您信任的机构签发的 RFC 3161 时间戳才能证明"
                  "（结论 ANCHORED）；否则时间只是打包台自己的说法（UNANCHORED）。\n"
                  "不要因为 verify_pack.py 在证据包里就信任它：只有其 SHA-256 与 PackSeal README 公布的一致时才运行"
                  "（或使用您自己的副本）。"),
        "signer_station": "打包台密钥",
        "signer_hub": "中心服务器密钥（hub-key.pem）",
        "contents": ("证据包内容：\n"
                     "  MANIFEST.json、MANIFEST.sig  其他所有文件的 SHA-256 和大小，由{signer}签名\n"
                     "  station-key.pem              打包台公钥（Ed25519）\n"
                     "  SHA256SUMS                   同样的哈希，供 sha256sum -c 使用\n"
                     "  clip/                        原样封存的打包视频及其封条\n"
                     "  linked/                      （如有）本订单的退货开箱视频或退货对应的发货视频，及其封条\n"
                     "  ledger/                      视频所依赖的账本记录、签名检查点下的默克尔包含证明、RFC 3161 时间戳（如有）\n"
                     "  frames/                      视频画面（无损 PNG）及拍摄时间\n"
                     "  photos/                      退款照片原文件及其 SHA-256\n"
                     "  comparison/photo-N/          每张退款照片一个文件夹：side_by_side.png（左为照片，右为最匹配的画面）、\n"
                     "                               overlay.png（画面对齐叠加在照片上）、heatmap.png（商品上的差异，编号与\n"
                     "                               comparison.json 一致）、before_closing.png（左为开箱照片，右为封箱前的最后画面）、\n"
                     "                               ela.png、annotated.png、comparison.json（照片信息与发现）。\n"
                     "                               每张图上方：照片的像素尺寸，或画面在视频中的时间（t = … s）及其 UTC 拍摄时间\n"
                     "  report.pdf                   供阅读的报告\n"
                     "  verify_pack.py               只需 Python 3 和 cryptography 的验证程序"),
        "python": ("A. 使用 Python 3（验证程序检查下列全部内容以及默克尔证明、密钥链和每个 RFC 3161 时间戳；逐项列出问题，"
                   "最后给出结论：TAMPERED 已被篡改（退出码 1）、UNANCHORED 完好但时间未被证明（退出码 0，加 --require-anchor 时为 1）、"
                   "ANCHORED 完好且有可信机构的时间戳（退出码 0））："),
        "openssl": "B. 使用 OpenSSL 3 和 sha256sum 手工验证，在解压后的文件夹中用 bash 运行（Linux、装有 coreutils 的 macOS、Windows 的 Git Bash）：",
        "expect": [
            "输出 \"Signature Verified Successfully\"：清单来自该打包台",
            "输出 {key_id}：即上述指纹去掉空格",
            "每行以 \": OK\" 结尾：没有文件被修改",
            "输出 1：SHA256SUMS 正是清单所签署的列表",
            "没有输出：没有文件被添加",
        ],
        "expect_hub": [
            "输出 \"Signature Verified Successfully\"：清单来自中心服务器",
            "输出 {hub_key_id}：中心服务器密钥的编号，即上述中心服务器指纹的开头",
        ],
        "hub": ("本证据包由店铺的中心服务器依据打包台同步给它的数据生成，而不是在打包台上生成：打包台密钥从不离开打包台，"
                "因此 MANIFEST.sig 由 hub-key.pem 中的中心服务器密钥签名，其指纹为 {fingerprint}\n"
                "（SHA-256 {full}；中心服务器启动时会打印，并显示在其运行状态页上）。\n"
                "视频、封条和每条账本记录仍由打包台密钥签名，verify_pack.py 的检查与打包台生成的证据包完全相同。"
                "本证据包不含：打包台账本中对应的导出记录、第二个摄像头的视频、本订单关联的退货或发货视频、店主的标注。"),
        "seal": "C. 视频及其封条（封条自带的手工检查，在 clip/ 的副本上运行）：",
        "linked_seal": "   本订单的另一段视频（退货开箱，或退货对应的发货）及其封条在 linked/ 中，用同样方法检查：",
        "seal_expect": "   openssl 一行输出 \"Signature Verified Successfully\"；两个 sha256 值相同；两个密钥编号都等于 {key_id}（或密钥链中更早的密钥）。",
        "token": ("{letter}. 检查点 {checkpoint} 的 RFC 3161 时间戳（verify_pack.py 会检查 ledger/entries.jsonl 中的每个时间戳；"
                  "这里是第一个，供 OpenSSL 使用）。公共时间戳机构的根证书在 Mozilla 证书包中"
                  "（python3 -c 'import certifi; print(certifi.where())'）：\n"
                  "   openssl ts -reply -in {token} -text\n"
                  "   openssl ts -verify -data {root} -in {token} -CAfile <时间戳机构的根证书>\n"
                  "   输出 \"Verification: OK\" 即证明该检查点（及其中的视频记录）在时间戳所示时间已存在，前提是您信任该根证书。"),
        "proof": ("{letter}. 默克尔包含证明（ledger/proofs.json）证明视频的账本记录 {seq} 位于检查点 {checkpoint} 签署的树中；"
                  "verify_pack.py 会检查它。算法见 RFC 9162 第 2.1.3.2 节及 PackSeal 的 docs/FORMAT.md 第 8 节。"),
    },
}


def verify_text(facts: PackFacts, language: str) -> str:
    """The whole of VERIFY.txt: the pack's language first, then English (once when it is English)."""
    parts = [_section(facts, language)]
    if language != "en":
        parts.append(_section(facts, "en"))
    return ("\n\n" + "=" * 78 + "\n\n").join(parts)


def _section(facts: PackFacts, language: str) -> str:
    s = _STEPS[language]
    fingerprint = group_fingerprint(facts.key_fingerprint or facts.key_id)
    out = [s["title"], "-" * len(s["title"]), "",
           s["about"].format(order=facts.order_id, station=facts.station, created=facts.created,
                             fingerprint=fingerprint, full=facts.key_fingerprint, key_id=facts.key_id), "",
           s["contents"].replace("{signer}", s["signer_hub"] if facts.assembler_key_id else s["signer_station"]),
           ""]
    if facts.assembler_key_id:
        out += [s["hub"].format(fingerprint=group_fingerprint(facts.assembler_fingerprint),
                                full=facts.assembler_fingerprint), ""]
    out += [s["python"], ""]
    out += [f"   {line}" for line in python_commands(language)]
    out += ["", s["openssl"], ""]
    expected = s["expect_hub"] + s["expect"][2:] if facts.assembler_key_id else s["expect"]
    for n, (command, expect) in enumerate(zip(openssl_commands(facts), expected), 1):
        out.append(f"   {n}. {command}")
        out.append(f"      -> {expect.format(key_id=facts.key_id, hub_key_id=facts.assembler_key_id)}")
    # The seal's commands write payload.bin, sig.bin and pub.pem: run them on a copy, so the
    # unzipped pack itself gains no files (verify_pack.py would report them as added).
    out += ["", s["seal"], "", "   mkdir ../seal-check && cp clip/* ../seal-check/ && cd ../seal-check"]
    out += [f"   {line}" for line in check_commands(facts.clip_name)]
    out += [s["seal_expect"].format(key_id=facts.key_id), ""]
    if facts.linked_name:
        out += [s["linked_seal"], "", "   mkdir ../linked-check && cp linked/* ../linked-check/ && cd ../linked-check"]
        out += [f"   {line}" for line in check_commands(facts.linked_name)] + [""]
    letter = "D"
    if facts.has_token:
        out += [s["token"].format(letter=letter, checkpoint=facts.checkpoint_seq, token=F.TOKEN,
                                  root=F.ROOT_BIN), ""]
        letter = "E"
    out.append(s["proof"].format(letter=letter, seq=facts.clip_seq, checkpoint=facts.checkpoint_seq))
    return "\n".join(out) + "\n"
