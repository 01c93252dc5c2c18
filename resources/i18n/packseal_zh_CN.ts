<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../app/packseal/gui/about.py" line="44"/>
        <source>About PackSeal</source>
        <translation>关于 PackSeal</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/about.py" line="45"/>
        <source>PackSeal 打包存证 {version}</source>
        <translation>PackSeal 打包存证 {version}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/about.py" line="47"/>
        <source>Sealed video of every order packed at this station.</source>
        <translation>本打包台每一单的打包视频，均已签名存证。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/about.py" line="48"/>
        <source>Station key fingerprint: &lt;b&gt;&lt;tt&gt;{fp}&lt;/tt&gt;&lt;/b&gt;</source>
        <translation>打包台密钥指纹：&lt;b&gt;&lt;tt&gt;{fp}&lt;/tt&gt;&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/about.py" line="49"/>
        <source>Data folder: &lt;tt&gt;{path}&lt;/tt&gt;</source>
        <translation>数据文件夹：&lt;tt&gt;{path}&lt;/tt&gt;</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/about.py" line="50"/>
        <source>Licence: Apache-2.0. Uses Qt (PySide6, LGPL), FFmpeg (LGPL), OpenCV, zxing-cpp and WenQuanYi Micro Hei.</source>
        <translation>许可协议：Apache-2.0。使用了 Qt（PySide6，LGPL）、FFmpeg（LGPL）、OpenCV、zxing-cpp 和文泉驿微米黑字体。</translation>
    </message>
</context>
<context>
    <name>AlertRow</name>
    <message>
        <location filename="../../app/packseal/gui/alerts.py" line="80"/>
        <source>Dismiss</source>
        <translation>关闭提示</translation>
    </message>
</context>
<context>
    <name>AnchorStatus</name>
    <message>
        <location filename="../../app/packseal/gui/anchor_status.py" line="35"/>
        <source>Time not anchored: no timestamp authority set</source>
        <translation>时间未锚定：未设置时间戳服务</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/anchor_status.py" line="37"/>
        <source>No trusted time for over an hour: {n} waiting (check the network)</source>
        <translation>超过一小时没有可信时间戳：{n} 项等待中（请检查网络）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/anchor_status.py" line="40"/>
        <source>Time anchoring: {n} waiting for the network</source>
        <translation>时间锚定：{n} 项等待网络</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/anchor_status.py" line="43"/>
        <source>Time anchored {m} min ago</source>
        <translation>{m} 分钟前已锚定时间</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/anchor_status.py" line="45"/>
        <source>Time anchoring ready</source>
        <translation>时间锚定已就绪</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/anchor_status.py" line="48"/>
        <source>Every sealed clip is timestamped by independent authorities within a minute.</source>
        <translation>每段封存的视频都会在一分钟内由独立的时间戳机构盖上时间戳。</translation>
    </message>
</context>
<context>
    <name>AnnotationBar</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="78"/>
        <source>Mark:</source>
        <translation>标注：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="79"/>
        <source>Move view</source>
        <translation>移动视图</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="79"/>
        <source>Select</source>
        <translation>选择</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="79"/>
        <source>Box</source>
        <translation>方框</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="80"/>
        <source>Arrow</source>
        <translation>箭头</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="80"/>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="81"/>
        <source>Drag to move the pictures, wheel to zoom</source>
        <translation>拖动可移动图片，滚轮可缩放</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="82"/>
        <source>Click a mark to select it, drag to move it</source>
        <translation>单击标注可选中，拖动可移动</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="83"/>
        <source>Drag on the photo or the frame to draw a box</source>
        <translation>在照片或视频帧上拖动即可画方框</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="84"/>
        <source>Drag from the tail to the head of the arrow</source>
        <translation>从箭尾拖到箭头</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="85"/>
        <source>Click where the label should go</source>
        <translation>单击要放置文字的位置</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="89"/>
        <source>Label:</source>
        <translation>文字：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="90"/>
        <source>text of the selected or next mark</source>
        <translation>所选标注或下一个标注的文字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="91"/>
        <source>Delete mark</source>
        <translation>删除标注</translation>
    </message>
</context>
<context>
    <name>Annotations</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotations.py" line="197"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../app/packseal/gui/app.py" line="144"/>
        <source>The storage folder cannot be used: {error}</source>
        <translation>无法使用该存储文件夹：{error}</translation>
    </message>
</context>
<context>
    <name>CameraPicker</name>
    <message>
        <location filename="../../app/packseal/gui/camera_picker.py" line="64"/>
        <source>Automatic (first USB camera, else the test camera)</source>
        <translation>自动（第一个 USB 摄像头，没有则用测试摄像头）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/camera_picker.py" line="65"/>
        <source>Built-in test camera</source>
        <translation>内置测试摄像头</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/camera_picker.py" line="68"/>
        <source>Other source (IP camera, video file)…</source>
        <translation>其他来源（网络摄像头、视频文件）…</translation>
    </message>
</context>
<context>
    <name>CancelConfirmBar</name>
    <message>
        <location filename="../../app/packseal/gui/cancel_bar.py" line="104"/>
        <source>Cancel order {order}? Its recording will be discarded.</source>
        <translation>取消订单 {order}？本单录像将被丢弃。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/cancel_bar.py" line="106"/>
        <source>Enter: yes, cancel it</source>
        <translation>回车：确认取消</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/cancel_bar.py" line="107"/>
        <source>Esc: no, keep recording</source>
        <translation>Esc：不取消，继续录制</translation>
    </message>
</context>
<context>
    <name>ClipActions</name>
    <message>
        <location filename="../../app/packseal/gui/library/actions.py" line="94"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/actions.py" line="96"/>
        <source>Note saved</source>
        <translation>备注已保存</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/actions.py" line="110"/>
        <source>No file manager could be opened for {path}</source>
        <translation>无法打开文件管理器查看 {path}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/actions.py" line="132"/>
        <source>Kept forever</source>
        <translation>已设为永久保留</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/actions.py" line="132"/>
        <source>No longer kept</source>
        <translation>已取消永久保留</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/actions.py" line="143"/>
        <source>The change was not saved: {error}</source>
        <translation>修改未保存：{error}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/actions.py" line="155"/>
        <source>Keep forever (pinned)</source>
        <translation>永久保留（置顶）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/actions.py" line="156"/>
        <source>Retention never deletes a pinned clip</source>
        <translation>自动清理永远不会删除已置顶的录像</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/actions.py" line="157"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/actions.py" line="158"/>
        <source>e.g. buyer says the cup arrived broken</source>
        <translation>例如：买家称杯子到货时已碎</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/actions.py" line="159"/>
        <source>Open dispute view for this order</source>
        <translation>打开此订单的纠纷处理</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/actions.py" line="160"/>
        <source>Show in file manager</source>
        <translation>在文件管理器中显示</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/actions.py" line="161"/>
        <source>Export for a platform…</source>
        <translation>导出到平台…</translation>
    </message>
</context>
<context>
    <name>ClipTableModel</name>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="161"/>
        <source>The search failed unexpectedly: {error}</source>
        <extracomment>The catalog column each table column sorts by. Sort columns SQLite reads in order from an index: offset pages stay fast at any depth. Pages kept in memory (the rest are read again when scrolled back to). Offsets past this use the sorted id list for columns without an index. Page requests served per burst; older requests are dropped (asked again if still visible).</extracomment>
        <translation>搜索意外失败：{error}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="302"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="302"/>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="302"/>
        <source>Station</source>
        <translation>打包台</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="302"/>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="303"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="303"/>
        <source>Seal</source>
        <translation>存证状态</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="357"/>
        <location filename="../../app/packseal/gui/library/model.py" line="375"/>
        <source>Deleted {date}</source>
        <translation>已于 {date} 删除</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="360"/>
        <location filename="../../app/packseal/gui/library/model.py" line="375"/>
        <source>Verification failed</source>
        <translation>校验失败</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="362"/>
        <source>Recording</source>
        <translation>录制中</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="362"/>
        <source>Not sealed</source>
        <translation>未存证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="364"/>
        <source>Verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="366"/>
        <source>Sealed (cut short)</source>
        <translation>已存证（录制中断）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="368"/>
        <location filename="../../app/packseal/gui/library/model.py" line="376"/>
        <source>Sealed</source>
        <translation>已存证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="370"/>
        <location filename="../../app/packseal/gui/library/model.py" line="376"/>
        <source>kept</source>
        <translation>永久保留</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="390"/>
        <source>Kept forever: retention never deletes this clip</source>
        <translation>永久保留：自动清理不会删除这段录像</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="392"/>
        <source>Used in a dispute: retention never deletes this clip</source>
        <translation>用于纠纷处理：自动清理不会删除这段录像</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="394"/>
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="396"/>
        <source>The file was deleted; its seal stays in the ledger</source>
        <translation>视频文件已删除，存证记录仍保留在存证账本中</translation>
    </message>
</context>
<context>
    <name>ComparisonArea</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="117"/>
        <source>Refund photo · {w}×{h}</source>
        <translation>退款照片 · {w}×{h}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="122"/>
        <source>Clip frame at {t} s · captured {when}</source>
        <translation>录像第 {t} 秒的画面 · 拍摄于 {when}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="123"/>
        <source>The frame at {t} s ({when}) aligned onto the photo</source>
        <translation>第 {t} 秒（{when}）的画面已对齐叠加到照片上</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="124"/>
        <source>Where the photo differs from the frame at {t} s, on the item only</source>
        <translation>照片与第 {t} 秒画面的不同之处（只看商品本身）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="131"/>
        <source>Side by side</source>
        <translation>并排对比</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="131"/>
        <source>Aligned overlay</source>
        <translation>对齐叠加</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="132"/>
        <source>Differences</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="132"/>
        <source>Error levels (ELA)</source>
        <translation>误差水平 (ELA)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="135"/>
        <source>Error level analysis: the photo re-saved as JPEG and compared with itself. Parts pasted in or retouched after the last save often stand out brighter or darker than the rest; uniform noise is normal and smooth areas always look dark. Only a person can read this picture.</source>
        <translation>误差水平分析：将照片重新保存为 JPEG 后与原图比较。最后一次保存后贴入或修饰过的部分，常常比其他部分更亮或更暗；均匀的噪点是正常的，平滑区域总是偏暗。此图只能由人来判读。</translation>
    </message>
</context>
<context>
    <name>DisputeMessages</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="29"/>
        <source>When the photo was taken</source>
        <extracomment>Secondary text (hints, legends): grey but readable on the light window background.</extracomment>
        <translation>照片拍摄时间</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="30"/>
        <source>Photo taken before the order was packed</source>
        <translation>照片拍摄时间早于打包</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="31"/>
        <source>Photo taken before the parcel was shipped</source>
        <translation>照片拍摄时间早于发货</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="32"/>
        <source>Photo time may be before the shipment</source>
        <translation>照片时间可能早于发货</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="33"/>
        <source>Photo time is in the future</source>
        <translation>照片时间在未来</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="34"/>
        <source>No camera metadata</source>
        <translation>没有相机信息</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="35"/>
        <source>Camera metadata incomplete</source>
        <translation>相机信息不完整</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="36"/>
        <source>Camera</source>
        <translation>相机</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="37"/>
        <source>Software named in the metadata</source>
        <translation>元数据中记录的软件</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="38"/>
        <source>Saved by editing software</source>
        <translation>经编辑软件保存</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="39"/>
        <source>Image-generating software</source>
        <translation>生成式软件</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="40"/>
        <source>AI-generated content label (GB 45438-2025)</source>
        <translation>AI 生成内容标识（GB 45438-2025）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="41"/>
        <source>IPTC says: made by generative AI</source>
        <translation>IPTC 标注为 AI 生成</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="42"/>
        <source>IPTC source type</source>
        <translation>IPTC 来源类型</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="43"/>
        <source>Stable Diffusion generation parameters</source>
        <translation>含 Stable Diffusion 生成参数</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="44"/>
        <source>ComfyUI workflow</source>
        <translation>含 ComfyUI 工作流</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="45"/>
        <source>XMP metadata not read</source>
        <translation>XMP 元数据未读取</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="46"/>
        <source>C2PA content credentials not checked</source>
        <translation>C2PA 内容凭证未检查</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="47"/>
        <source>C2PA content credentials</source>
        <translation>含 C2PA 内容凭证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="48"/>
        <source>C2PA credentials record AI use</source>
        <translation>C2PA 凭证记录了 AI 操作</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="49"/>
        <source>C2PA credentials record edits</source>
        <translation>C2PA 凭证记录了编辑</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="50"/>
        <source>C2PA credentials do not verify</source>
        <translation>C2PA 凭证无效</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="57"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="58"/>
        <source>Worth a look</source>
        <translation>值得一看</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="59"/>
        <source>Information</source>
        <translation>信息</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="65"/>
        <source>No frame of this clip shows the item in the photo</source>
        <translation>这段录像中没有任何画面拍到照片里的商品</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="66"/>
        <source>The photo may show another item, too little of it, or be taken very differently. Check the order number; a photo of the whole item in good light matches best.</source>
        <translation>照片拍的可能是另一件商品、只拍到商品的一小部分，或拍摄方式差别很大。请核对订单号；光线良好、拍到整件商品的照片最容易匹配。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="79"/>
        <source>Type or scan the order number first</source>
        <translation>请先输入或扫描订单号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="80"/>
        <source>No clip of order {order} was found</source>
        <translation>没有找到订单 {order} 的录像</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="81"/>
        <source>Check the number, or look for the order in the Library.</source>
        <translation>请核对单号，或在录像库中查找该订单。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="85"/>
        <source>The clip of order {order} was deleted{why}</source>
        <translation>订单 {order} 的录像已被删除{why}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="87"/>
        <source>There is no video to compare the photo with.</source>
        <translation>没有可以与照片比对的视频。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="89"/>
        <source>The clip file of order {order} is missing</source>
        <translation>订单 {order} 的录像文件丢失</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="91"/>
        <source>Restore it from a backup; “packseal verify” lists what else is missing.</source>
        <translation>请从备份中恢复；“packseal verify”会列出其他丢失的文件。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="95"/>
        <source>This photo cannot be used</source>
        <translation>无法使用这张照片</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="96"/>
        <source>PackSeal reads {formats} photos. Ask the buyer for the original file.</source>
        <translation>PackSeal 可读取 {formats} 格式的照片。请向买家索要原始文件。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="99"/>
        <source>The clip could not be read</source>
        <translation>无法读取录像</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="100"/>
        <source>It may be damaged; “packseal verify” checks it against its seal.</source>
        <translation>录像可能已损坏；“packseal verify”可对照存证进行核验。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="110"/>
        <source>The evidence pack could not be built</source>
        <translation>无法生成证据包</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="112"/>
        <source>The clip cannot be used as evidence as it is; see below.</source>
        <translation>此录像目前无法用作证据，详见下文。</translation>
    </message>
</context>
<context>
    <name>DisputeView</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="231"/>
        <source>Photo {name} chosen. Now type or scan the order number above.</source>
        <extracomment>Aligned frames kept for quick switching between thumbnails (each holds a few full-size pictures).</extracomment>
        <translation>已选择照片 {name}。请在上方输入或扫描订单号。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="247"/>
        <source>Drop or open the buyer&apos;s photo first.</source>
        <translation>请先拖入或打开买家的照片。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="262"/>
        <location filename="../../app/packseal/gui/dispute/view.py" line="362"/>
        <source>Comparing the photo with the clip…</source>
        <translation>正在将照片与录像比对…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="286"/>
        <source>Aligning the frame at {t} s…</source>
        <translation>正在对齐 {t} 秒处的画面…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="322"/>
        <source>Looking up order {order}…</source>
        <translation>正在查找订单 {order}…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="338"/>
        <source>The saved marks of this order could not be read</source>
        <translation>无法读取此订单已保存的标注</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="339"/>
        <source>The damaged file was kept as {name}; new marks are saved afresh.</source>
        <translation>损坏的文件已另存为 {name}；新的标注将重新保存。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="346"/>
        <source>Order {order}: clip of {when}, {length}. Now drop or open the buyer&apos;s photo.</source>
        <translation>订单 {order}：录像时间 {when}，时长 {length}。请拖入或打开买家的照片。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="358"/>
        <source>Indexing the clip… (the first comparison of a clip prepares it once)</source>
        <translation>正在为录像建立索引…（每段录像第一次比对时需要准备一次）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="422"/>
        <source>Order {order}, clip of {when}: WARNING, the clip file is not the one that was sealed. Run “packseal verify” before using this comparison.</source>
        <translation>订单 {order}，录像时间 {when}：警告，此录像文件不是当初存证的文件。使用此比对结果前，请先运行“packseal verify”。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="425"/>
        <source>Order {order}, clip of {when} ({length}): no frame matches the photo.</source>
        <translation>订单 {order}，录像时间 {when}（{length}）：没有任何画面与照片相符。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="428"/>
        <source>Order {order}, clip of {when} ({length}): frames that show the item: {n}.</source>
        <translation>订单 {order}，录像时间 {when}（{length}）：拍到该商品的画面共 {n} 个。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="450"/>
        <source>Save the evidence pack</source>
        <translation>保存证据包</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="451"/>
        <source>Evidence pack (*.zip)</source>
        <translation>证据包 (*.zip)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="478"/>
        <source>Building the evidence pack…</source>
        <translation>正在生成证据包…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="489"/>
        <source>Evidence pack saved: {path}</source>
        <translation>证据包已保存：{path}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="515"/>
        <source>Your marks could not be saved</source>
        <translation>无法保存您的标注</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="516"/>
        <source>Check the storage folder and its permissions.</source>
        <translation>请检查存储文件夹及其权限。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="570"/>
        <source>No photo yet</source>
        <translation>尚未选择照片</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="571"/>
        <source>Photo: {name}</source>
        <translation>照片：{name}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="581"/>
        <source>Order:</source>
        <translation>订单号：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="582"/>
        <source>type or scan the order number, then Enter</source>
        <translation>输入或扫描订单号，然后按回车</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="583"/>
        <source>Open photo…</source>
        <translation>打开照片…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="584"/>
        <source>Open the buyer&apos;s refund photo (Ctrl+O), or drop it onto this view</source>
        <translation>打开买家的退款照片（Ctrl+O），或直接拖到此页面</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="585"/>
        <source>Compare</source>
        <translation>比对</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="586"/>
        <source>Build evidence pack…</source>
        <translation>生成证据包…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="587"/>
        <source>One zip with the sealed clip, the photo, the frames, your marks and a report, which a platform reviewer can check without PackSeal</source>
        <translation>一个 zip 文件，包含存证录像、照片、画面、您的标注和报告；平台审核人员无需安装 PackSeal 即可核验</translation>
    </message>
</context>
<context>
    <name>DropHint</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/photo_drop.py" line="63"/>
        <source>Drop the buyer&apos;s refund photo here, or press Ctrl+O to open it.

Type or scan the order number above, or choose the clip in the Library and press “Open dispute view for this order”.</source>
        <translation>把买家的退款照片拖到这里，或按 Ctrl+O 打开。

在上方输入或扫描订单号，或在录像库中选中录像后点击“打开此订单的纠纷处理”。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="268"/>
        <source>Folder for the exported files</source>
        <translation>导出文件的保存文件夹</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="281"/>
        <source>Choose a folder for the exported files.</source>
        <translation>请选择导出文件的保存文件夹。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="298"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="310"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="315"/>
        <source>No file manager could be opened for {path}</source>
        <translation>无法用文件管理器打开 {path}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="342"/>
        <source>Exported {count} file(s), {start} s to {end} s of the clip, into {folder}</source>
        <translation>已导出 {count} 个文件（录像第 {start} 秒至第 {end} 秒），保存在 {folder}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="347"/>
        <source>C2PA signed</source>
        <translation>已附 C2PA 签名</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="347"/>
        <source>no C2PA manifest</source>
        <translation>无 C2PA 清单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="348"/>
        <source>{name} — {size}, {seal}, ledger entry {seq}</source>
        <translation>{name} — {size}，{seal}，账本条目 {seq}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="352"/>
        <source>Warning: {text}</source>
        <translation>警告：{text}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="362"/>
        <source>The export was cancelled; nothing was kept.</source>
        <translation>导出已取消，未保留任何文件。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="365"/>
        <source>The export failed.</source>
        <translation>导出失败。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="381"/>
        <source>at most {seconds} s</source>
        <translation>最长 {seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="382"/>
        <source>any length</source>
        <translation>时长不限</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="383"/>
        <source>at most {size}</source>
        <translation>最大 {size}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="384"/>
        <location filename="../../app/packseal/gui/export_dialog.py" line="389"/>
        <source>any size</source>
        <translation>大小不限</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="385"/>
        <source>Video (MP4): {length}, {size}</source>
        <translation>视频（MP4）：{length}，{size}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="388"/>
        <source>at most {size} each</source>
        <translation>每张最大 {size}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="390"/>
        <source>Pictures: {count} × {format}, {size}</source>
        <translation>图片：{count} 张 {format}，{size}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="403"/>
        <source>The clip is {clip} s long; this platform takes at most {limit} s in one continuous shot. Choose the part to export (the red line is the scan).</source>
        <translation>该录像长 {clip} 秒；此平台只接受最长 {limit} 秒的连续片段。请选择要导出的部分（红线为扫码时刻）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="408"/>
        <source>Export for a platform</source>
        <translation>导出到平台</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="409"/>
        <source>Order {order}, recorded at {station}</source>
        <translation>订单 {order}，录制于 {station}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="411"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="412"/>
        <source>Part of the clip</source>
        <translation>录像片段</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="413"/>
        <source>Start (s)</source>
        <translation>开始（秒）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="414"/>
        <source>End (s)</source>
        <translation>结束（秒）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="415"/>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="416"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="417"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="418"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="419"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="420"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="156"/>
        <source>Order or waybill number, whole or part</source>
        <translation>订单号或运单号（完整或部分）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="157"/>
        <source>Type or scan an order or waybill number; any part of it is enough</source>
        <translation>输入或扫描订单号、运单号，输入其中一部分即可</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="159"/>
        <source>Period</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="160"/>
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="160"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="160"/>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="160"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="161"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="161"/>
        <source>Choose dates…</source>
        <translation>选择日期…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="164"/>
        <source>Station</source>
        <translation>打包台</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="165"/>
        <source>All stations</source>
        <translation>全部打包台</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="166"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="167"/>
        <source>Search again, to list clips recorded since the last search</source>
        <translation>重新搜索，列出上次搜索之后新录制的录像</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/findings_panel.py" line="131"/>
        <source>Open a photo to see what its metadata says.</source>
        <translation>打开照片即可查看其元数据中的信息。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/findings_panel.py" line="133"/>
        <source>Nothing notable in the photo&apos;s metadata.</source>
        <translation>照片元数据中没有值得注意的内容。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/findings_panel.py" line="135"/>
        <source>Metadata is easily removed or forged: these are clues to weigh, not proof. The absence of a marker proves nothing either.</source>
        <translation>元数据很容易被删除或伪造：以上只是需要权衡的线索，不是证据。没有发现标记也不能说明任何问题。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/findings_panel.py" line="139"/>
        <source>About the photo itself</source>
        <translation>照片本身的信息</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/findings_panel.py" line="140"/>
        <source>Show the error level analysis</source>
        <translation>查看误差水平分析</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/findings_panel.py" line="141"/>
        <source>Areas pasted in or retouched often stand out brighter or darker than the rest after re-saving</source>
        <translation>重新保存后，贴入或修饰过的区域常常比其他部分更亮或更暗</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="77"/>
        <source>Choose a storage folder.</source>
        <translation>请选择存储文件夹。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="91"/>
        <source>Storage folder</source>
        <translation>存储文件夹</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="98"/>
        <source>Welcome to PackSeal</source>
        <translation>欢迎使用 PackSeal 打包存证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="99"/>
        <source>Set up this packing station</source>
        <translation>设置这个打包台</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="100"/>
        <source>PackSeal records each order while it is packed and seals the video so that nobody can alter it unnoticed. Three things to set; all can be changed later in Settings.</source>
        <translation>PackSeal 在打包时为每一单录像，并对视频签名存证，任何改动都会被发现。只需设置三项，以后都可以在“设置”中修改。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="103"/>
        <source>Station name:</source>
        <translation>打包台名称：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="103"/>
        <source>Camera:</source>
        <translation>摄像头：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="104"/>
        <source>Storage folder:</source>
        <translation>存储文件夹：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="106"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="107"/>
        <source>When you press “Start”, PackSeal creates this station&apos;s signing key in the storage folder. The private key never leaves it; keep backups of the folder.</source>
        <translation>点击“开始”后，PackSeal 会在存储文件夹中生成本打包台的签名密钥。私钥不会离开该文件夹，请定期备份。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="110"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
</context>
<context>
    <name>HeatmapView</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/heatmap_view.py" line="136"/>
        <source>Region {n}: {w}×{h} pixels at x {x}, y {y} of the photo; score {score:.0f} (mean colour difference × √ share of the item)</source>
        <translation>区域 {n}：位于照片 x {x}、y {y} 处，{w}×{h} 像素；得分 {score:.0f}（平均色差 × √ 占商品面积的比例）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/heatmap_view.py" line="141"/>
        <source>No difference on the item stands out.</source>
        <translation>商品上没有明显的差异。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/packseal/gui/dispute/heatmap_view.py" line="146"/>
        <source>Regions where the photo differs: %n</source>
        <translation>
            <numerusform>照片不同之处：%n 处</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/heatmap_view.py" line="149"/>
        <source>{n}. x {x}, y {y} · {w}×{h} px · score {score:.0f}</source>
        <translation>{n}. x {x}, y {y} · {w}×{h} 像素 · 得分 {score:.0f}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/heatmap_view.py" line="153"/>
        <source>Blue: alike · red: different. Only the item counts; the dimmed grey surroundings are not compared.</source>
        <translation>蓝色：相同 · 红色：不同。只比较商品本身；变暗的灰色周边不参与比较。</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <location filename="../../app/packseal/gui/library/view.py" line="193"/>
        <source>Searching…</source>
        <extracomment>New clips arriving within this time cause one refresh, not one each.</extracomment>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/view.py" line="195"/>
        <source>No clips match.</source>
        <translation>没有符合条件的录像。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/packseal/gui/library/view.py" line="197"/>
        <source>Clips found: %Ln</source>
        <translation>
            <numerusform>找到录像：%Ln 段</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/view.py" line="228"/>
        <source>The clip file is missing: {path}</source>
        <translation>录像文件不见了：{path}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/view.py" line="241"/>
        <source>{order} · {station} · {time} · {length}</source>
        <translation>{order} · {station} · {time} · {length}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/view.py" line="282"/>
        <source>Select a clip to play it</source>
        <translation>选择一段录像即可播放</translation>
    </message>
</context>
<context>
    <name>MarkList</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="139"/>
        <source>Box</source>
        <translation>方框</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="139"/>
        <source>Arrow</source>
        <translation>箭头</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="139"/>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="141"/>
        <source>on the photo</source>
        <translation>照片上</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="143"/>
        <source>on another photo of this order</source>
        <translation>此订单另一张照片上</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="145"/>
        <source>on the frame at {t} s</source>
        <translation>第 {t} 秒画面上</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="147"/>
        <source>{kind} {where}: {text}</source>
        <translation>{where}的{kind}：{text}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="148"/>
        <source>{kind} {where}</source>
        <translation>{where}的{kind}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="165"/>
        <source>Your marks (kept for the evidence pack)</source>
        <translation>您的标注（保存用于证据包）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="166"/>
        <source>Marks on the photo go into the evidence pack&apos;s report; marks on a frame stay here with the dispute.</source>
        <translation>照片上的标注会写入证据包的报告；画面上的标注保存在此纠纷中。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="117"/>
        <source>The data folder was checked at start-up</source>
        <translation>启动时已检查数据文件夹</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="118"/>
        <source>PackSeal repaired or noticed the following; nothing recorded was lost. Details are in the log.</source>
        <translation>PackSeal 修复或发现了以下情况，已录制的内容没有丢失。详情见日志。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="124"/>
        <source>Not enough room even after clean-up</source>
        <translation>清理后空间仍然不足</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="125"/>
        <source>Only pinned clips, clips in a dispute and recent tape are left. Free space on the disk or lower the reserve in Settings.</source>
        <translation>只剩下永久保留的录像、纠纷中的录像和最近的连续录像。请清理磁盘空间，或在“设置”中调低预留空间。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="132"/>
        <source>Old recordings were deleted to keep the disk reserve (each deletion is in the seal): {summary}</source>
        <translation>为保持磁盘预留空间，已删除较早的录像（每次删除都记入存证链）：{summary}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="38"/>
        <source>Code refused – nothing was recorded</source>
        <translation>条码无效——未开始录制</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="51"/>
        <source>The station cannot record right now; see the alert.</source>
        <translation>打包台暂时无法录制，请查看上方提示。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="54"/>
        <source>The code was empty. Scan the waybill barcode again.</source>
        <translation>条码为空，请重新扫描面单条码。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="55"/>
        <source>The code is too long to be an order number; it is probably not the waybill barcode.</source>
        <translation>条码太长，不像订单号，可能扫到的不是面单条码。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="57"/>
        <source>The code contains control characters; check the scanner&apos;s prefix and suffix settings.</source>
        <translation>条码含有控制字符，请检查扫码枪的前缀、后缀设置。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="59"/>
        <source>The code contains full-width or other non-ASCII characters. If a Chinese input method is on, switch it to English (half-width) mode and scan again.</source>
        <translation>条码含有全角或其他非 ASCII 字符。如果开着中文输入法，请切换到英文（半角）状态后重新扫描。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="62"/>
        <source>The code contains &apos;/&apos;, &apos;\&apos; or &apos;..&apos;, which an order number may not hold.</source>
        <translation>条码含有“/”“\”或“..”，订单号中不允许出现这些字符。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="64"/>
        <source>The code is not text.</source>
        <translation>条码不是文字。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="67"/>
        <source>“{code}” does not look like an order or waybill number. A valid code looks like {examples}.</source>
        <translation>“{code}”不像订单号或快递单号。有效的单号如：{examples}。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="71"/>
        <source>Scanned “{code}”. {advice}</source>
        <translation>扫到的是“{code}”。{advice}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="76"/>
        <source>Camera lost</source>
        <translation>摄像头断开</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="77"/>
        <source>No pictures are coming from the camera. Check its cable; recording resumes by itself when it is back.</source>
        <translation>收不到摄像头画面。请检查连接线；摄像头恢复后会自动继续录制。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="83"/>
        <source>Video recording stopped</source>
        <translation>视频录制已停止</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="84"/>
        <source>The video encoder has stopped; PackSeal is restarting it. If this alert stays, press F5. Finished clips are safe.</source>
        <translation>视频编码器停止了，PackSeal 正在自动重启它。如果此提示一直不消失，请按 F5。已完成的视频不受影响。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="90"/>
        <source>Disk nearly full</source>
        <translation>磁盘空间快满了</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="91"/>
        <source>Only {free} left for recordings. Free up space or move old clips soon.</source>
        <translation>录像空间只剩 {free}。请尽快清理空间或转移旧视频。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="96"/>
        <source>Disk full – new orders are refused</source>
        <translation>磁盘已满——暂停接新单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="97"/>
        <source>Only {free} left, below the {reserve} kept in reserve. Free up space to record again.</source>
        <translation>只剩 {free}，低于预留的 {reserve}。清理空间后才能继续录制。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="103"/>
        <source>A recording could not be sealed</source>
        <translation>有一段录像未能签名存证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="104"/>
        <source>The video file is kept and will be sealed when PackSeal restarts. If this repeats, check the disk and the log.</source>
        <translation>视频文件已保留，PackSeal 重启时会补做存证。如果反复出现，请检查磁盘和日志。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="110"/>
        <source>The clip of order {order} could not be made</source>
        <translation>订单 {order} 的视频未能生成</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="112"/>
        <source>The recording is kept on the tape; see the log.</source>
        <translation>原始录像仍保存在录像带中，详情见日志。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="137"/>
        <source>Recovered after an unexpected stop</source>
        <translation>已从意外中断中恢复</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="138"/>
        <source>PackSeal finished and sealed what the last run left behind; the recovered orders are in the list.</source>
        <translation>PackSeal 已补完并存证上次中断时留下的录像，恢复的订单已在列表中。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="144"/>
        <source>The station is not running</source>
        <translation>打包台没有在运行</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="145"/>
        <source>Press F5 to start it again; the scan was not recorded.</source>
        <translation>请按 F5 重新启动；这次扫描没有录制。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="152"/>
        <source>The camera could not be opened</source>
        <translation>无法打开摄像头</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="153"/>
        <source>Check that it is connected and not used by another program, or choose another camera in Settings. Then press F5.</source>
        <translation>请检查摄像头是否已连接、是否被其他程序占用，或在“设置”中换一个摄像头，然后按 F5。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="157"/>
        <source>Video recording could not start</source>
        <translation>无法开始视频录制</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="158"/>
        <source>Try the software encoder (libx264) in Settings, then press F5.</source>
        <translation>请在“设置”中改用软件编码器（libx264），然后按 F5。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="161"/>
        <source>The disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="162"/>
        <source>Free up space, then try again.</source>
        <translation>请清理空间后重试。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="164"/>
        <source>A file could not be read or written</source>
        <translation>文件读写失败</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="165"/>
        <source>Check the storage folder and its permissions.</source>
        <translation>请检查存储文件夹及其权限。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="168"/>
        <source>The seal ledger reported a problem</source>
        <translation>存证账本报告了问题</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="169"/>
        <source>Run “packseal verify” and see the log.</source>
        <translation>请运行“packseal verify”并查看日志。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="171"/>
        <source>A setting or input is not valid</source>
        <translation>设置或输入无效</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="172"/>
        <source>Correct it and try again.</source>
        <translation>请更正后重试。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="173"/>
        <source>Something unexpected went wrong</source>
        <translation>出现了意外错误</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="174"/>
        <source>The details are in the log file. Please report it.</source>
        <translation>详情已写入日志文件，请反馈此问题。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="181"/>
        <source>{n} MB</source>
        <translation>{n} MB</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/messages.py" line="182"/>
        <source>{n} GB</source>
        <translation>{n} GB</translation>
    </message>
</context>
<context>
    <name>OrderDisplay</name>
    <message>
        <location filename="../../app/packseal/gui/order_display.py" line="85"/>
        <source>Waiting for a scan</source>
        <translation>等待扫描</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_display.py" line="105"/>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
</context>
<context>
    <name>OverlayView</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/overlay_view.py" line="217"/>
        <source>Blinking: the photo and the frame take turns; what changes between them is what differs.</source>
        <translation>闪烁：照片与画面交替显示，跳动变化的地方就是不同之处。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/overlay_view.py" line="220"/>
        <source>Drag the yellow divider across the item: the frame is on its left, the photo on its right.</source>
        <translation>在商品上拖动黄色分隔线：左边是录像画面，右边是照片。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/overlay_view.py" line="223"/>
        <source>Wheel: zoom · drag: move · double-click: fit</source>
        <translation>滚轮：缩放 · 拖动：移动 · 双击：适应窗口</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/overlay_view.py" line="226"/>
        <source>Frame opacity</source>
        <translation>画面不透明度</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/overlay_view.py" line="227"/>
        <source>Swipe</source>
        <translation>滑动对比</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/overlay_view.py" line="228"/>
        <source>Show the frame only on one side of a divider you can drag</source>
        <translation>只在可拖动分隔线的一侧显示录像画面</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/overlay_view.py" line="229"/>
        <source>Blink</source>
        <translation>闪烁</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/overlay_view.py" line="230"/>
        <source>Alternate the photo and the frame twice a second</source>
        <translation>照片与画面每秒交替两次</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/overlay_view.py" line="231"/>
        <source>0: the photo only · 100: the frame only</source>
        <translation>0：只显示照片 · 100：只显示画面</translation>
    </message>
</context>
<context>
    <name>PatternEditor</name>
    <message>
        <location filename="../../app/packseal/gui/pattern_editor.py" line="114"/>
        <source>Refused: {reason}</source>
        <translation>不接受：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/pattern_editor.py" line="117"/>
        <source>Accepted as “{pattern}”</source>
        <translation>接受，识别为“{pattern}”</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/pattern_editor.py" line="120"/>
        <source>A scanned code must match one of these regular expressions (the whole code). Leave the list empty to use PackSeal&apos;s built-in list of carriers and shops.</source>
        <translation>扫描的条码必须完整匹配下列某一个正则表达式。列表留空则使用 PackSeal 内置的快递公司和电商平台单号规则。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/pattern_editor.py" line="123"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/pattern_editor.py" line="123"/>
        <source>Regular expression</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/pattern_editor.py" line="124"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/pattern_editor.py" line="125"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/pattern_editor.py" line="126"/>
        <source>Fill in the built-in list</source>
        <translation>填入内置规则</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/pattern_editor.py" line="127"/>
        <source>Try a code:</source>
        <translation>试一个单号：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/pattern_editor.py" line="128"/>
        <source>type or scan a code here</source>
        <translation>在此输入或扫描单号</translation>
    </message>
</context>
<context>
    <name>PhotoDrop</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/photo_drop.py" line="33"/>
        <source>Open the buyer&apos;s photo</source>
        <translation>打开买家的照片</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/photo_drop.py" line="34"/>
        <source>Photos ({patterns});;All files (*)</source>
        <translation>照片 ({patterns});;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>PlayerWidget</name>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="179"/>
        <source>Opening the clip…</source>
        <translation>正在打开录像…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="276"/>
        <source>Save frame as PNG</source>
        <translation>将画面保存为 PNG</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="277"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="283"/>
        <source>Frame not saved</source>
        <translation>画面未保存</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="313"/>
        <source>This clip cannot be played: {error}</source>
        <translation>这段录像无法播放：{error}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="398"/>
        <source>Pause (Space)</source>
        <translation>暂停（空格）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="398"/>
        <source>Play (Space)</source>
        <translation>播放（空格）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="401"/>
        <source>Zoom {zoom}×</source>
        <translation>缩放 {zoom}×</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="408"/>
        <source>Frame {number} of {count} · {position} / {length}</source>
        <translation>第 {number} 帧，共 {count} 帧 · {position} / {length}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="413"/>
        <source>Captured {time}</source>
        <translation>拍摄于 {time}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="416"/>
        <source>One frame back (←)</source>
        <translation>后退一帧（←）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="417"/>
        <source>One frame forward (→)</source>
        <translation>前进一帧（→）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="418"/>
        <source>Speed</source>
        <translation>倍速</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="419"/>
        <source>Playback speed ([ and ] change it)</source>
        <translation>播放倍速（按 [ 和 ] 调整）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="420"/>
        <source>Zoom in (+ or the mouse wheel)</source>
        <translation>放大（+ 键或鼠标滚轮）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="421"/>
        <source>Zoom out (−)</source>
        <translation>缩小（− 键）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="422"/>
        <source>Show the whole frame (0, or double-click the picture)</source>
        <translation>显示完整画面（0 键，或双击画面）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="423"/>
        <source>Save frame…</source>
        <translation>保存画面…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="424"/>
        <source>Save the frame on screen as a lossless PNG image (Ctrl+S)</source>
        <translation>将当前画面保存为无损 PNG 图片（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="425"/>
        <source>Drag to scrub frame by frame; drag the picture to pan</source>
        <translation>拖动可逐帧查看；拖动画面可平移</translation>
    </message>
</context>
<context>
    <name>PreviewWidget</name>
    <message>
        <location filename="../../app/packseal/gui/preview.py" line="161"/>
        <source>Camera scan area</source>
        <extracomment>Where the camera looks for barcodes, as fractions of the picture: the middle of the bench, where a parcel&apos;s label lies while it is packed.</extracomment>
        <translation>摄像头识别区</translation>
    </message>
</context>
<context>
    <name>RecentClipsModel</name>
    <message>
        <location filename="../../app/packseal/gui/recent_clips.py" line="135"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/recent_clips.py" line="135"/>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/recent_clips.py" line="135"/>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/recent_clips.py" line="135"/>
        <source>Seal</source>
        <translation>存证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/recent_clips.py" line="162"/>
        <source>Sealed #{seq}</source>
        <translation>已存证 #{seq}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/recent_clips.py" line="163"/>
        <source>Sealed</source>
        <translation>已存证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/recent_clips.py" line="164"/>
        <source> (cut short)</source>
        <translation>（未录完）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/recent_clips.py" line="165"/>
        <source>Recording</source>
        <translation>录制中</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/recent_clips.py" line="165"/>
        <source>Sealing…</source>
        <translation>存证中…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/recent_clips.py" line="166"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/recent_clips.py" line="166"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>SealPanel</name>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="192"/>
        <source>Seal of {order}</source>
        <translation>{order} 的存证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="193"/>
        <source>Seal</source>
        <translation>存证状态</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="196"/>
        <source>Select a clip to see its seal.</source>
        <translation>选择一段录像即可查看其存证。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="198"/>
        <source>Checking…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="199"/>
        <source>Hashing the file and checking its seal against the ledger.</source>
        <translation>正在计算文件哈希，并与存证账本核对。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="201"/>
        <source>Verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="204"/>
        <source>Verification failed</source>
        <translation>校验失败</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="207"/>
        <source>File deleted</source>
        <translation>文件已删除</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="210"/>
        <source>Not sealed</source>
        <translation>未存证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="211"/>
        <source>This clip has no ledger entry yet (it is still being recorded or sealed, or sealing failed).</source>
        <translation>这段录像还没有存证记录（可能仍在录制或存证中，或存证失败）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="223"/>
        <source>The file is exactly the one sealed: its SHA-256 hash, the signature and ledger entry {seq} all match.</source>
        <translation>文件与存证时完全一致：SHA-256 哈希、签名和存证账本第 {seq} 条记录全部吻合。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="227"/>
        <source>It existed no later than {time}: a timestamp from {tsa}, an authority outside the shop, proves it.</source>
        <translation>它不晚于 {time} 已存在：由店铺以外的机构 {tsa} 签发的时间戳可以证明。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="231"/>
        <source>Its recording time is not yet proven by a trusted timestamp; until then it is only this station&apos;s clock.</source>
        <translation>录制时间尚未得到可信时间戳的证明；在此之前，它只是本打包台的时钟记录。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="236"/>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="245"/>
        <source>Checked at {time}.</source>
        <translation>校验时间 {time}。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="241"/>
        <source>The check could not run: {error}</source>
        <translation>无法完成校验：{error}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="255"/>
        <source>this station&apos;s current key</source>
        <translation>本打包台当前密钥</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="256"/>
        <source>an earlier key of this station</source>
        <translation>本打包台以前使用的密钥</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="261"/>
        <source>Signed with key {fingerprint} ({which})</source>
        <translation>签名密钥 {fingerprint}（{which}）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="268"/>
        <source>The file&apos;s content changed after it was sealed</source>
        <translation>文件内容在存证后被改动过</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="269"/>
        <source>The file&apos;s size changed after it was sealed</source>
        <translation>文件大小在存证后发生了变化</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="270"/>
        <source>The file was cut short after it was sealed</source>
        <translation>文件在存证后被截短</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="271"/>
        <source>The file was replaced by another recording</source>
        <translation>文件被替换成了另一段录像</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="272"/>
        <source>The clip file is missing</source>
        <translation>录像文件不见了</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="273"/>
        <source>The seal file beside the clip is missing</source>
        <translation>录像旁的存证文件不见了</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="274"/>
        <source>The seal file is damaged or not a seal</source>
        <translation>存证文件已损坏或不是存证文件</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="275"/>
        <source>The seal does not match the ledger&apos;s entry</source>
        <translation>存证文件与存证账本中的记录不一致</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="276"/>
        <source>The seal was signed with a key that is not the station&apos;s</source>
        <translation>存证文件的签名密钥不是本打包台的密钥</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="277"/>
        <source>The signature does not verify</source>
        <translation>签名校验不通过</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="278"/>
        <source>The ledger was changed before a signed checkpoint</source>
        <translation>存证账本在已签名的检查点之前被改动过</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="279"/>
        <source>Not yet covered by a signed checkpoint (one is made every few minutes and at shutdown)</source>
        <translation>尚未被已签名的检查点覆盖（每隔几分钟及关闭程序时会生成一个）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="281"/>
        <source>The clip was renamed after sealing</source>
        <translation>录像在存证后被改了名</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="287"/>
        <source>Verify now</source>
        <translation>立即校验</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="288"/>
        <source>Hash the file again and check its seal and ledger entry</source>
        <translation>重新计算文件哈希，并核对存证文件和存证账本记录</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="289"/>
        <source>Ledger entry</source>
        <translation>存证账本记录</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="303"/>
        <source>This clip existed: it was deleted on {date} by retention. Its ledger entry stays, so its recording and hash can still be proven (and its time, where a trusted timestamp covers it).</source>
        <translation>这段录像曾经存在：已于 {date} 被自动清理删除。它的存证账本记录仍然保留，录制事实和文件哈希依然可以证明（有可信时间戳覆盖时，时间也可以证明）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="307"/>
        <source>This clip existed: it was deleted on {date} ({reason}). Its ledger entry stays, so its recording and hash can still be proven (and its time, where a trusted timestamp covers it).</source>
        <translation>这段录像曾经存在：已于 {date} 删除（{reason}）。它的存证账本记录仍然保留，录制事实和文件哈希依然可以证明（有可信时间戳覆盖时，时间也可以证明）。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="235"/>
        <source>Storage folder</source>
        <translation>存储文件夹</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="243"/>
        <source>Export public key</source>
        <translation>导出公钥</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="244"/>
        <source>PEM public key (*.pem)</source>
        <translation>PEM 公钥 (*.pem)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="256"/>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="260"/>
        <source>Could not save the key: {error}</source>
        <translation>公钥保存失败：{error}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="294"/>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="299"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="300"/>
        <source>Station</source>
        <translation>打包台</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="300"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="300"/>
        <source>Recording</source>
        <translation>录制</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="301"/>
        <source>Order numbers</source>
        <translation>单号规则</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="301"/>
        <source>Station key</source>
        <translation>打包台密钥</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="303"/>
        <source>Station name:</source>
        <translation>打包台名称：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="303"/>
        <source>Language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="304"/>
        <source>QR code in the picture:</source>
        <translation>画面二维码：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="305"/>
        <source>Storage folder:</source>
        <translation>存储文件夹：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="307"/>
        <source>Same as the computer</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="311"/>
        <source>Burn a QR code with order, station and time into each frame</source>
        <translation>在每一帧画面中叠加包含订单号、打包台和时间的二维码</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="313"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="315"/>
        <source>Set by the command line or PACKSEAL_DATA_DIR; it cannot be changed here.</source>
        <translation>已由命令行参数或 PACKSEAL_DATA_DIR 指定，不能在此修改。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="317"/>
        <source>Clips, the seal ledger and the station key live here. A new folder is used after PackSeal is restarted; existing recordings are not moved.</source>
        <translation>视频、存证账本和打包台密钥都保存在这里。更换文件夹后需重启 PackSeal 才生效，已有录像不会被移动。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="319"/>
        <source>Camera:</source>
        <translation>摄像头：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="319"/>
        <source>Resolution:</source>
        <translation>分辨率：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="320"/>
        <source>Frame rate (fps):</source>
        <translation>帧率（fps）：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="320"/>
        <source>Encoder:</source>
        <translation>编码器：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="321"/>
        <source>Quality (CRF):</source>
        <translation>画质（CRF）：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="322"/>
        <source>Codes seen by the camera:</source>
        <translation>摄像头识别条码：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="339"/>
        <source>Every clip is sealed with this station&apos;s signing key. Its fingerprint below is what a reviewer compares to know a clip really comes from your station.</source>
        <translation>每段视频都用本打包台的签名密钥封存。审核人员核对下面的指纹，即可确认视频确实来自您的打包台。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="342"/>
        <source>Publish this fingerprint where a reviewer finds it without asking you: your shop profile, the platform&apos;s seller notes, a printed card at the packing bench (the QR code holds it). A pack forged later with another key then fails the check.</source>
        <translation>请把这个指纹公布在审核人员无需问您就能找到的地方：店铺简介、平台的卖家备注、打包台上打印的卡片（二维码中即是该指纹）。这样，日后有人用其他密钥伪造的证据包就无法通过核验。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="312"/>
        <source>Start orders from waybill codes held up to the camera</source>
        <translation>对准摄像头的面单条码也可开始录制订单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="324"/>
        <source>Lower CRF means sharper video and bigger files (23 is a good default). Changing the camera, resolution, frame rate or encoder restarts the camera; an order being recorded is finished first.</source>
        <translation>CRF 越小画面越清晰，文件也越大（23 是合适的默认值）。更改摄像头、分辨率、帧率或编码器会重启摄像头，正在录制的订单会先收尾保存。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="327"/>
        <source>Pre-roll (seconds before the scan):</source>
        <translation>预录（扫描前的秒数）：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="328"/>
        <source>Post-roll (seconds after the stop):</source>
        <translation>后录（停止后的秒数）：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="329"/>
        <source>Keep free on disk (GB):</source>
        <translation>磁盘预留空间（GB）：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="334"/>
        <source>When free space falls below this reserve, new orders are refused; below twice the reserve a warning is shown. To make room, the oldest tape and then the oldest clips are deleted (never pinned clips or clips in a dispute), and every deletion is recorded in the seal.</source>
        <translation>可用空间低于预留值时不再接新单；低于预留值的两倍时会发出警告。为腾出空间，会先删除最早的连续录像，再删除最早的订单录像（置顶或纠纷中的录像永不删除），每次删除都记入存证链。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="330"/>
        <source>Keep continuous tape (days):</source>
        <translation>连续录像保留（天）：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="331"/>
        <source>Keep clips (days, 0 = for ever):</source>
        <translation>订单录像保留（天，0 = 永久）：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="333"/>
        <source>for ever</source>
        <translation>永久</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="346"/>
        <source>Export public key…</source>
        <translation>导出公钥…</translation>
    </message>
</context>
<context>
    <name>StateBanner</name>
    <message>
        <location filename="../../app/packseal/gui/banner.py" line="54"/>
        <source>STARTING</source>
        <translation>启动中</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/banner.py" line="54"/>
        <source>Opening the camera…</source>
        <translation>正在打开摄像头…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/banner.py" line="55"/>
        <source>IDLE</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/banner.py" line="55"/>
        <source>Scan a waybill to start recording</source>
        <translation>扫描面单即开始录制</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/banner.py" line="56"/>
        <source>RECORDING</source>
        <translation>录制中</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/banner.py" line="57"/>
        <source>Scan the next waybill to switch, or press F9 to stop</source>
        <translation>扫描下一单自动切换，按 F9 停止</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/banner.py" line="58"/>
        <source>FINISHING</source>
        <translation>收尾中</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/banner.py" line="58"/>
        <source>Saving the clip (post-roll)…</source>
        <translation>正在保存视频（后录）…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/banner.py" line="59"/>
        <source>PROBLEM</source>
        <translation>故障</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/banner.py" line="59"/>
        <source>See the alert below</source>
        <translation>请查看下方提示</translation>
    </message>
</context>
<context>
    <name>StationView</name>
    <message>
        <location filename="../../app/packseal/gui/station_view.py" line="122"/>
        <source>■  STOP  (F9)</source>
        <translation>■  停止  (F9)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station_view.py" line="123"/>
        <source>F9 or Esc: stop the order · F8: cancel a mistaken scan · F5: restart the camera</source>
        <translation>F9 或 Esc：停止本单 · F8：取消扫错的单 · F5：重启摄像头</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station_view.py" line="125"/>
        <source>Today&apos;s orders</source>
        <translation>今日订单</translation>
    </message>
</context>
<context>
    <name>StationWindow</name>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="181"/>
        <source>Starting the camera…</source>
        <translation>正在启动摄像头…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="231"/>
        <source>Finishing the last clip and closing…</source>
        <translation>正在保存最后一段视频并关闭…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="232"/>
        <source>Closing: finishing the last clip…</source>
        <translation>正在关闭：保存最后一段视频…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="261"/>
        <source>Nothing is recording.</source>
        <translation>当前没有在录制。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="267"/>
        <source>Nothing to cancel: no order is recording.</source>
        <translation>没有可取消的订单：当前没有在录制。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="274"/>
        <source>Order {order} cancelled; no clip was made.</source>
        <translation>订单 {order} 已取消，未生成视频。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="282"/>
        <source>Restarting the camera…</source>
        <translation>正在重启摄像头…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="337"/>
        <source>Restarting the camera with the new settings…</source>
        <translation>正在按新设置重启摄像头…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="341"/>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="343"/>
        <source>The new storage folder {path} is used after PackSeal restarts.</source>
        <translation>新的存储文件夹 {path} 将在 PackSeal 重启后启用。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="406"/>
        <source>The camera is back.</source>
        <translation>摄像头已恢复。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="413"/>
        <source>Video recording is running again.</source>
        <translation>视频录制已恢复。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="418"/>
        <source>Disk: {free} free</source>
        <translation>磁盘可用：{free}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="446"/>
        <source>No picture: the station could not start.</source>
        <translation>无画面：打包台未能启动。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="461"/>
        <source>Test camera {w}×{h} @ {fps:g} fps</source>
        <translation>测试摄像头 {w}×{h} @ {fps:g} fps</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="467"/>
        <source>No camera found: showing the built-in test camera.</source>
        <translation>未找到摄像头：正在显示内置测试摄像头。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="468"/>
        <source>Showing the built-in test camera, not a real camera.</source>
        <translation>正在显示内置测试摄像头，不是真实摄像头。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="474"/>
        <source>Preview {fps:.0f} fps</source>
        <translation>预览 {fps:.0f} fps</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="500"/>
        <source>PackSeal 打包存证 — {station}</source>
        <translation>PackSeal 打包存证 — {station}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="502"/>
        <source>&amp;Station</source>
        <translation>打包台(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="503"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="504"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="505"/>
        <source>Station</source>
        <translation>打包台</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="505"/>
        <source>The packing station: live picture and orders</source>
        <translation>打包台：实时画面与订单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="506"/>
        <source>Library</source>
        <translation>录像库</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="506"/>
        <source>Every recorded clip: search, play, check</source>
        <translation>所有录像：搜索、播放、核验</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="507"/>
        <source>Dispute</source>
        <translation>纠纷</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="507"/>
        <source>A refund photo against the packing clip</source>
        <translation>将退款照片与打包录像比对</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="508"/>
        <source>Stop the order</source>
        <translation>停止本单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="509"/>
        <source>Cancel the order…</source>
        <translation>取消本单…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="510"/>
        <source>Restart the camera</source>
        <translation>重启摄像头</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="511"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="512"/>
        <source>About PackSeal</source>
        <translation>关于 PackSeal</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="513"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="514"/>
        <source>Key {fp}</source>
        <translation>密钥 {fp}</translation>
    </message>
</context>
<context>
    <name>StatusArea</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/status_area.py" line="139"/>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
</context>
<context>
    <name>ThumbnailStrip</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/thumbnails.py" line="67"/>
        <source>{n}. t = {t} s
{time}</source>
        <translation>{n}. 第 {t} 秒
{time}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/thumbnails.py" line="72"/>
        <source>Frame at {t} s of the clip, captured {when}
score {score}, {inliers} matching points</source>
        <translation>录像第 {t} 秒的画面，拍摄于 {when}
得分 {score}，{inliers} 个匹配点</translation>
    </message>
</context>
</TS>
