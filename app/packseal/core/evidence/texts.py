"""The words of the report and of VERIFY.txt, in English and Simplified Chinese.

The evidence pack is read by people outside PackSeal (a platform reviewer,
a court), so its texts live here rather than in the Qt translation files:
the core must produce them without the GUI.
"""

from __future__ import annotations

from packseal.core.errors import BadInputError

LANGUAGES = ("en", "zh_CN")

_EN: dict[str, str] = {
    "title": "Evidence report",
    "subtitle": "Order {order} · station {station} · made {made}",
    "intro": ("This report belongs to a PackSeal evidence pack. The pack holds the packing video of the "
              "order as it was sealed at the packing station, the station's signed ledger entries about "
              "it, and the pictures below. Every file is listed with its SHA-256 in MANIFEST.json, signed "
              "with {signer}. What that proves: the files are unchanged since the holder of that "
              "key signed them. When the video was recorded is proven only by a trusted timestamp (below); "
              "without one the times are the station's own claim. Who holds the key is proven only by "
              "comparing its fingerprint with one the shop published elsewhere."),
    "signer_station": "the station key",
    "signer_hub": "the key of the shop's hub, which assembled this pack (hub-key.pem)",
    "shipment": "The shipment",
    "order": "Order",
    "station": "Station",
    "clip": "Video file",
    "recorded": "Recorded",
    "scanned": "Order scanned",
    "length": "Length",
    "status": "Status",
    "status_complete": "complete",
    "status_interrupted": "interrupted (recording stopped abnormally; the part recorded is sealed)",
    "size": "Size",
    "sha256": "SHA-256",
    "ledger_entry": "Ledger entry",
    "key": "Station key",
    "key_value": "fingerprint {fingerprint} (SHA-256 of the public key: {full})",
    "source": "Picture source",
    "source_synthetic": "{kind}: NOT a camera at a packing bench ({detail})",
    "checkpoint": "Checkpoint",
    "assembled": "Pack assembled by",
    "assembled_value": ("the shop's hub, key fingerprint {fingerprint}, from the data the station synced to it; "
                        "the hub signed the manifest, the station signed the clip, its seal and the ledger entries. "
                        "Not in this pack, unlike a pack made at the station: an export entry in the station's "
                        "ledger for it (only the station writes its ledger), a second camera's file, the "
                        "order's linked return or shipment clip, the owner's annotations"),
    "checkpoint_value": "entry {seq}, signs entries 0 to {last}; Merkle root {root}",
    "timestamp": "Trusted timestamp",
    "timestamp_value": ("the video existed no later than {time} ({delay} after the recording ended), "
                        "per an RFC 3161 token from {tsa} that verified to the trusted root {root}"),
    "timestamp_untrusted": ("a token from {tsa}, whose root is not trusted here: NOT proof of time; the "
                            "recording time is the station's own claim"),
    "timestamp_none": "none: the recording time is only the station's own claim (no trusted timestamp yet)",
    "local": "local",
    "seconds": "{s:.1f} s",
    "bytes": "{n:,} bytes",
    "frames": "Frames of the packing",
    "frames_intro": ("Frames decoded losslessly from the sealed video (frames/*.png in the pack). The time "
                     "in the corner of each picture was burned in while recording."),
    "frame_caption": "t = {t:.1f} s · {local} · {utc}",
    "photo": "Refund photo {n}: {name}",
    "beside": "The refund photo beside the best-matching frame of the packing video",
    "overlay": "Aligned overlay",
    "heatmap": "Differences on the item",
    # Under each comparison picture: which part is which (the pictures hold only numbers: the photo's
    # size, each frame's time in the clip and capture time in UTC, the regions' numbers).
    "beside_note": ("Left: the refund photo, {w} × {h} pixels. Right: the frame at {t:.1f} s, captured {local}; "
                    "the green outline marks what the photo shows. Above each picture: the photo's size, or the "
                    "frame's time in the video and its capture time in UTC.\nFile: {file}"),
    "overlay_note": "The frame at {t:.1f} s aligned onto the photo, each at half strength.\nFile: {file}",
    "heatmap_note": ("Where the photo differs from the frame at {t:.1f} s, on the item only (blue: alike, red: "
                     "most different).{boxes}\nFile: {file}"),
    "heatmap_boxes": " The numbered boxes are the differences of the findings below, by their numbers.",
    "before_closing_note": ("Left: the photo of the opened box, {w} × {h} pixels. Right: the video's last frames "
                            "before the box was closed, each with its time in the video and capture time in UTC "
                            "above it.\nFile: {file}"),
    "annotated": "The owner's annotations",
    "matches": "Frames that show what the photo shows",
    "match_row": "t = {t:.1f} s · {local} · score {score:.0f}",
    "regions": "Regions where the photo differs from the shipment: {n}",
    "no_match": ("No frame of the packing video shows what this photo shows. The photo may show another "
                 "item, too little of it, or be taken very differently."),
    "photo_alone": "The refund photo",
    "photos_together": "The buyer's photos together",
    "kind_opened_box": "the opened box, beside the last frames before the box was closed",
    "kind_parcel": "the parcel, waybill {codes}",
    "outcome_match": "shown in the packing video at {t:.1f} s, {regions} region(s) differ",
    "outcome_no_match": "no frame of the packing video shows it",
    "before_closing": "The photo of the opened box beside the packing video's last frames before the box was closed",
    "no_match_parcel": ("The photo shows the parcel's packaging and waybill, not the item: the findings below say "
                        "which order the waybill belongs to."),
    "numbers": "Appendix: the comparison's numbers",
    "numbers_intro": ("The measurements behind the plain words above: for each matched frame its score (matching "
                      "points weighted by how far they spread) and its matching points; for each region its box "
                      "in the photo's pixels, its mean colour difference (CIE76 ΔE) and its score."),
    "numbers_match": "frame at t = {t:.1f} s: score {score:.1f}, {inliers} matching points",
    "numbers_region": "region {n}: x {x}, y {y}, {w}×{h} pixels, ΔE {delta_e:.1f}, score {score:.1f}",
    "findings": "About the photo and what the comparison found (findings, not verdicts)",
    "no_findings": "Nothing notable in the photo's metadata.",
    "no_photos": "No refund photo was given for this pack.",
    "severity_warning": "warning",
    "severity_notice": "notice",
    "severity_info": "info",
    "verify": "How to verify this evidence",
    "verify_intro": ("Nobody needs PackSeal to check this pack. Unzip it; the file VERIFY.txt gives every "
                     "step. In short:"),
    "verify_python": "With Python 3 and the 'cryptography' package, in the unzipped folder:",
    "verify_openssl": "With OpenSSL 3 and sha256sum (Linux, macOS, Git Bash on Windows):",
    "verify_key": ("Compare the key fingerprint {fingerprint} with one you obtained independently (the "
                   "shop's published fingerprint, an earlier pack), or pass it as --expect-key: the "
                   "signatures show that the holder of that key made these files, not who that is. Trust "
                   "the verify_pack.py in the pack only if its SHA-256 equals the one published in "
                   "PackSeal's README."),
    "page": "Page {n} of {total}",
    "footer": "PackSeal evidence · order {order}",
}

_ZH: dict[str, str] = {
    "title": "证据报告",
    "subtitle": "订单 {order} · 打包台 {station} · 生成于 {made}",
    "intro": ("本报告属于 PackSeal（打包存证）证据包。证据包内含该订单在打包台封存的打包视频、打包台关于它的签名账本记录，"
              "以及下列图片。每个文件及其 SHA-256 都列在 MANIFEST.json 中，该清单由{signer}签名。这证明：自持有该密钥者签名以来，"
              "文件未被改动。录制时间只有可信时间戳（见下文）才能证明；没有时间戳时，时间只是打包台自己的说法。"
              "密钥持有者是谁，只能通过与店铺在别处公布的指纹核对来确认。"),
    "signer_station": "打包台密钥",
    "signer_hub": "生成本证据包的店铺中心服务器的密钥（hub-key.pem）",
    "shipment": "发货记录",
    "order": "订单号",
    "station": "打包台",
    "clip": "视频文件",
    "recorded": "录制时间",
    "scanned": "扫码时间",
    "length": "时长",
    "status": "状态",
    "status_complete": "完整",
    "status_interrupted": "中断（录制异常停止；已录部分已封存）",
    "size": "大小",
    "sha256": "SHA-256",
    "ledger_entry": "账本记录",
    "key": "打包台密钥",
    "key_value": "指纹 {fingerprint}（公钥的 SHA-256：{full}）",
    "source": "画面来源",
    "source_synthetic": "{kind}：不是打包台上的摄像头（{detail}）",
    "checkpoint": "检查点",
    "assembled": "证据包生成方",
    "assembled_value": ("店铺的中心服务器（密钥指纹 {fingerprint}），依据打包台同步给它的数据生成；"
                        "清单由中心服务器签名，视频、封条和账本记录由打包台签名。与打包台生成的证据包不同，本证据包不含："
                        "打包台账本中对应的导出记录（只有打包台能写入其账本）、第二个摄像头的视频、"
                        "本订单关联的退货或发货视频、店主的标注"),
    "checkpoint_value": "记录 {seq}，签署第 0 至 {last} 条记录；默克尔根 {root}",
    "timestamp": "可信时间戳",
    "timestamp_value": "视频不晚于 {time} 已存在（录制结束后 {delay}），依据 {tsa} 签发的 RFC 3161 时间戳，已验证至可信根证书 {root}",
    "timestamp_untrusted": "有来自 {tsa} 的时间戳，但其根证书不在信任列表中：不能证明时间，录制时间只是打包台自己的说法",
    "timestamp_none": "无：录制时间只是打包台自己的说法（尚无可信时间戳）",
    "local": "本地",
    "seconds": "{s:.1f} 秒",
    "bytes": "{n:,} 字节",
    "frames": "打包过程画面",
    "frames_intro": "以下画面从封存视频中无损解码（证据包中 frames/*.png）。画面角落的时间在录制时即已烧录。",
    "frame_caption": "t = {t:.1f} 秒 · {local} · {utc}",
    "photo": "退款照片 {n}：{name}",
    "beside": "退款照片与打包视频中最匹配的画面并排对比",
    "overlay": "对齐叠加图",
    "heatmap": "商品上的差异",
    "beside_note": ("左：退款照片，{w} × {h} 像素。右：视频中 {t:.1f} 秒处的画面，拍摄于 {local}；绿色轮廓标出照片中拍到的部分。"
                    "每张图上方标有照片的尺寸，或画面在视频中的时间及其 UTC 拍摄时间。\n文件：{file}"),
    "overlay_note": "{t:.1f} 秒处的画面对齐叠加在照片上，两者各占一半。\n文件：{file}",
    "heatmap_note": "照片与 {t:.1f} 秒处画面不同的地方，只看商品部分（蓝色：相同，红色：差异最大）。{boxes}\n文件：{file}",
    "heatmap_boxes": "编号方框就是下方发现中列出的差异，编号相同。",
    "before_closing_note": ("左：开箱照片，{w} × {h} 像素。右：视频中封箱前的最后画面，每张图上方标有画面在视频中的时间及其"
                            " UTC 拍摄时间。\n文件：{file}"),
    "annotated": "店主标注",
    "matches": "显示照片中物品的画面",
    "match_row": "t = {t:.1f} 秒 · {local} · 匹配分 {score:.0f}",
    "regions": "照片与发货画面不同的区域：{n} 处",
    "no_match": "打包视频中没有任何画面显示此照片中的内容。照片可能拍的是其他物品、只拍到很少部分，或拍摄角度差异很大。",
    "photo_alone": "退款照片",
    "findings": "照片本身的信息与比对发现（仅为发现，不是结论）",
    "photos_together": "买家的全部照片",
    "kind_opened_box": "开箱照片，与封箱前的最后画面并排",
    "kind_parcel": "包裹外观，面单号 {codes}",
    "outcome_match": "打包视频 {t:.1f} 秒处拍到，{regions} 处不同",
    "outcome_no_match": "打包视频中没有画面拍到",
    "before_closing": "开箱照片与打包视频中封箱前的最后画面并排对比",
    "no_match_parcel": "此照片拍的是包裹外包装和面单，不是商品本身；下方的发现说明面单属于哪个订单。",
    "numbers": "附录：比对数据",
    "numbers_intro": ("上文文字背后的测量数据：每个匹配画面的得分（匹配点数按分布范围加权）和匹配点数；"
                      "每个区域在照片中的像素位置、平均色差（CIE76 ΔE）和得分。"),
    "numbers_match": "{t:.1f} 秒处的画面：得分 {score:.1f}，{inliers} 个匹配点",
    "numbers_region": "区域 {n}：x {x}，y {y}，{w}×{h} 像素，ΔE {delta_e:.1f}，得分 {score:.1f}",
    "no_findings": "照片元数据中没有值得注意的内容。",
    "no_photos": "本证据包未附退款照片。",
    "severity_warning": "警告",
    "severity_notice": "提示",
    "severity_info": "信息",
    "verify": "如何验证本证据",
    "verify_intro": "验证本证据包无需安装 PackSeal。解压后，VERIFY.txt 文件列出每一步。简要说明：",
    "verify_python": "使用 Python 3 和 cryptography 库，在解压后的文件夹中运行：",
    "verify_openssl": "使用 OpenSSL 3 和 sha256sum（Linux、macOS 或 Windows 的 Git Bash）：",
    "verify_key": ("请将密钥指纹 {fingerprint} 与您独立获得的指纹（店铺公布的指纹、以往的证据包）核对，"
                   "或用 --expect-key 传入：签名证明这些文件由持有该密钥者生成，但不能单独证明持有者是谁。"
                   "只有当证据包内 verify_pack.py 的 SHA-256 与 PackSeal README 公布的一致时，才可信任它。"),
    "page": "第 {n} 页，共 {total} 页",
    "footer": "PackSeal 证据 · 订单 {order}",
}

# Titles of the photo findings' codes (the compare module writes its messages in English).
_FINDING_TITLES_ZH = {
    "photo_time": "照片拍摄时间",
    "photo_taken_before_packing": "照片拍摄时间早于打包",
    "photo_taken_before_shipment": "照片拍摄时间早于发货",
    "photo_time_may_precede_shipment": "照片时间可能早于发货",
    "photo_time_in_future": "照片时间在未来",
    "no_camera_metadata": "没有相机信息",
    "camera_metadata_incomplete": "相机信息不完整",
    "camera": "相机",
    "software": "软件",
    "editing_software": "编辑软件",
    "generator_software": "生成式软件",
    "aigc_label": "AI 生成内容标识",
    "iptc_ai_source": "IPTC 标注为 AI 生成",
    "iptc_source_type": "IPTC 来源类型",
    "stable_diffusion_parameters": "含 Stable Diffusion 生成参数",
    "comfyui_workflow": "含 ComfyUI 工作流",
    "xmp_refused": "XMP 元数据被拒绝",
    "c2pa_unchecked": "C2PA 内容凭证未检查",
    "c2pa_present": "含 C2PA 内容凭证",
    "c2pa_ai": "C2PA 凭证记录了 AI 操作",
    "c2pa_edited": "C2PA 凭证记录了编辑",
    "c2pa_invalid": "C2PA 凭证无效",
    "difference_on_item": "商品上的差异",
    "no_difference_on_item": "商品上没有差异",
    "waybill_in_photo": "照片中的条码",
    "waybill_of_this_order": "本订单的面单",
    "waybill_of_another_order": "其他订单的面单",
    "waybill_without_clip": "没有录像的面单",
    "before_closing": "封箱前的画面",
}

_TONES_ZH = {"darker": "一处较暗的痕迹", "lighter": "一处较亮的痕迹", "colour": "一处颜色变化"}
_PLACES_ZH = {"upper left": "左上部", "top": "上部", "upper right": "右上部", "left": "左侧", "middle": "中部",
              "right": "右侧", "lower left": "左下部", "bottom": "下部", "lower right": "右下部"}


def _share_zh(share: str) -> str:
    return "不到 1%" if share.startswith("less") else share


def _seconds_zh(times: str) -> str:
    """The core's "9.5 s, 10.5 s" as "9.5 秒、10.5 秒"."""
    return "、".join(t.strip().removesuffix(" s") + " 秒" for t in times.split(","))


def _when_zh(p: dict[str, str]) -> str:
    return f"{p['time']}（UTC{p['offset']}）" if p.get("offset") else f"{p['time']}（未记录时区）"


def _event_zh(p: dict[str, str]) -> str:
    return "本单打包的时间" if p.get("event") == "packing" else "包裹发出的时间"


def _before_zh(p: dict[str, str]) -> str:
    return (f"照片自身记录的拍摄时间 {_when_zh(p)} 早于{_event_zh(p)}（{p['reference']}）：买家收到商品之前不可能拍下"
            "损坏的照片。可能是相机时钟不准，也可能照片拍的是另一个包裹。")


def _missing_zh(p: dict[str, str]) -> str:
    names = {"Make": "相机厂商", "Model": "相机型号", "DateTimeOriginal": "拍摄时间"}
    return "照片的相机元数据缺少：" + "、".join(names.get(tag, tag) for tag in p["missing"].split(",") if tag) + "。"


def _label_zh(p: dict[str, str]) -> str:
    label = p.get("label", "")
    meaning = {"1": "AI 生成", "2": "可能为 AI 生成", "3": "疑似 AI 生成"}.get(label)
    what = f"Label {label}（{meaning}）" if meaning else (f"Label “{label}”" if label else "无法读取 Label 字段")
    extra = (f"，生成者 {p['producer']}" if p.get("producer") else "") + \
            (f"，传播者 {p['propagator']}" if p.get("propagator") else "")
    return f"照片在 {p['where']} 中带有我国的 AI 生成内容标识（GB 45438-2025 隐式标识）：{what}{extra}。"


_IPTC_ZH = {
    "trainedAlgorithmicMedia": "由生成式 AI 创建（trained algorithmic media）",
    "compositeWithTrainedAlgorithmicMedia": "经生成式 AI 编辑（composite with trained algorithmic media）",
    "algorithmicallyEnhanced": "经算法增强",
    "algorithmicMedia": "由不使用训练数据的算法生成（algorithmic media）",
    "compositeSynthetic": "含有合成元素的拼合图",
    "composite": "由多张图片拼合而成",
    "virtualRecording": "虚拟场景的录制画面",
    "screenCapture": "屏幕截图",
    "digitalArt": "由人用软件制作的数字绘画",
}


def _iptc_zh(p: dict[str, str]) -> str:
    code = p["source_type"]
    return f"照片的 IPTC 元数据表明它是{_IPTC_ZH.get(code, code)}（DigitalSourceType {code}）。"


def _editing_zh(p: dict[str, str]) -> str:
    if "value" not in p:  # only the Photoshop namespace in the XMP, no software named
        return "照片带有 Photoshop 元数据（XMP photoshop: 属性）。"
    return f"照片由修图软件保存：{p['software']}（{p['field']}：“{p['value']}”）。"


#: The C2PA checker's validation states (c2pa-python's ``get_validation_state``) in Chinese.
_C2PA_STATES_ZH = {"Valid": "有效", "Invalid": "无效", "Trusted": "有效，证书可信"}


def _c2pa_present_zh(p: dict[str, str]) -> str:
    state = _C2PA_STATES_ZH.get(p.get("validation", ""), p.get("validation", ""))
    return (f"照片带有 C2PA 内容凭证，由 {p['generators'] or '未具名的程序'} 生成"
            + (f"，签名者 {p['signer']}" if p.get("signer") else "")
            + (f"（校验结果：{state}）" if state else "") + "。")


# The Chinese sentence of every finding the comparison can report, filled in with the finding's
# particulars (Finding.params); names that are not words (software, file fields, label codes, C2PA
# actions, the reasons a library gave) stay as the photo or the library spells them.
_SENTENCES_ZH = {
    "difference_on_item": lambda p: (f"差异 {p['n']}：商品{_PLACES_ZH.get(p['place'], p['place'])}有"
                                     f"{_TONES_ZH.get(p['tone'], _TONES_ZH['colour'])}（占照片中商品的"
                                     f"{_share_zh(p['share'])}），发货画面第 {p['t']} 秒处没有。"),
    "no_difference_on_item": lambda p: f"商品上没有与发货画面第 {p['t']} 秒不同的地方。",
    "waybill_in_photo": lambda p: f"照片中有条码 {p['code']}。",
    "waybill_of_this_order": lambda p: f"照片中的面单 {p['code']} 属于订单 {p['order']}，即正在比对的订单。",
    "waybill_of_another_order": lambda p: (f"照片中的面单 {p['code']} 属于订单 {p['other']}，不是订单 {p['order']}："
                                           "这张照片可能是另一个包裹的。"),
    "waybill_without_clip": lambda p: f"照片中有条码 {p['code']}，但没有任何录像以它归档：本店没有用这个面单录过包裹。",
    "before_closing": lambda p: (f"这是开箱照片：请与视频封箱前的最后画面对比（{_seconds_zh(p['times'])}，{p['from']} 至 {p['to']}），"
                                 "这些画面显示了装进去的东西。"),
    "photo_time": lambda p: f"照片记录的拍摄时间为 {_when_zh(p)}（来自 {p['source']}）。",
    "photo_taken_before_packing": _before_zh,
    "photo_taken_before_shipment": _before_zh,
    "photo_time_may_precede_shipment": lambda p: (
        f"按做比对的电脑所在的时区理解，照片的拍摄时间 {_when_zh(p)} 早于{_event_zh(p)}（{p['reference']}）；"
        "照片没有记录时区，因此这一点并不确定。"),
    "photo_time_in_future": lambda p: f"照片的拍摄时间 {_when_zh(p)} 在将来：相机时钟有误，或时间被改过。",
    "no_camera_metadata": lambda p: ("照片没有相机元数据（没有相机厂商、型号或拍摄时间）。手机和相机拍照时都会写入这些信息；"
                                     "截图、聊天或社交软件保存的图片、修图后导出的图片以及生成的图片则没有。"),
    "camera_metadata_incomplete": _missing_zh,
    "camera": lambda p: f"拍摄设备：{p['make']} {p['model']}（据 EXIF）。",
    "software": lambda p: f"{p['field']} 写的是“{p['value']}”。",
    "editing_software": _editing_zh,
    "generator_software": lambda p: f"元数据中出现了图像生成软件：{p['software']}（{p['field']}：“{p['value']}”）。",
    "aigc_label": _label_zh,
    "iptc_ai_source": _iptc_zh,
    "iptc_source_type": _iptc_zh,
    "stable_diffusion_parameters": lambda p: ("照片含有 Stable Diffusion 生成参数（AUTOMATIC1111 一类工具写入的“parameters”"
                                              f"文本）：照片由 AI 生成或编辑。提示词：“{p['prompt']}”。"),
    "comfyui_workflow": lambda p: f"照片含有 ComfyUI 的 {' 和 '.join(p['parts'].split(','))}（AI 生图流程图）：照片由 AI 生成或编辑。",
    "xmp_refused": lambda p: f"照片的部分 XMP 元数据未被读取：{p['reason']}。",
    "c2pa_unchecked": lambda p: f"无法检查 C2PA 内容凭证：{p['reason']}。",
    "c2pa_present": _c2pa_present_zh,
    "c2pa_ai": lambda p: f"照片的 C2PA 内容凭证表明使用了 AI：{p['uses']}。",
    "c2pa_edited": lambda p: f"照片的 C2PA 内容凭证记录了编辑操作：{p['edits']}。",
    "c2pa_invalid": lambda p: f"照片的 C2PA 内容凭证校验未通过：{p['problems']}。文件在签名后被改动过，或凭证已损坏。",
}


def texts(language: str) -> dict[str, str]:
    """The strings of ``language`` (``en`` or ``zh_CN``); BadInputError otherwise."""
    if language == "en":
        return _EN
    if language == "zh_CN":
        return _ZH
    raise BadInputError(f"the pack's language must be one of {', '.join(LANGUAGES)}, not {language!r}")


def finding_sentence(code: str, params: dict[str, str], language: str) -> str:
    """The finding's sentence in ``language`` ('' to keep the core's English: in English, or a finding
    without the particulars its sentence needs, as an older comparison stored it)."""
    sentence = _SENTENCES_ZH.get(code) if language == "zh_CN" else None
    if sentence is None:
        return ""
    try:
        return sentence(params)
    except KeyError:
        return ""


def finding_title(code: str, language: str) -> str:
    """A short title for a finding code in ``language`` ('' when there is none)."""
    if language == "zh_CN":
        return _FINDING_TITLES_ZH.get(code, "")
    return ""
