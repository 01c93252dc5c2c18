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
        <location filename="../../app/packseal/gui/station/alerts.py" line="80"/>
        <source>Dismiss</source>
        <translation>关闭提示</translation>
    </message>
</context>
<context>
    <name>AnchorStatus</name>
    <message>
        <location filename="../../app/packseal/gui/station/anchor_status.py" line="37"/>
        <source>Time anchoring: waiting for the recorder</source>
        <translation>时间锚定：等待录制进程</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/anchor_status.py" line="42"/>
        <source>Time not anchored: no timestamp authority set</source>
        <translation>时间未锚定：未设置时间戳服务</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/anchor_status.py" line="44"/>
        <source>No trusted time for over an hour: {n} waiting (check the network)</source>
        <translation>超过一小时没有可信时间戳：{n} 项等待中（请检查网络）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/anchor_status.py" line="47"/>
        <source>Time anchoring: {n} waiting for the network</source>
        <translation>时间锚定：{n} 项等待网络</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/anchor_status.py" line="50"/>
        <source>Time anchored {m} min ago</source>
        <translation>{m} 分钟前已锚定时间</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/anchor_status.py" line="52"/>
        <source>Time anchoring ready</source>
        <translation>时间锚定已就绪</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/anchor_status.py" line="55"/>
        <source>Every sealed clip is timestamped by independent authorities within a minute.</source>
        <translation>每段封存的视频都会在一分钟内由独立的时间戳机构盖上时间戳。</translation>
    </message>
</context>
<context>
    <name>AnnotationBar</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="78"/>
        <source>Annotate:</source>
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
        <source>Click an annotation to select it, drag to move it</source>
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
        <source>text of the selected or next annotation</source>
        <translation>所选标注或下一个标注的文字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="91"/>
        <source>Delete annotation</source>
        <translation>删除标注</translation>
    </message>
</context>
<context>
    <name>AnnotationList</name>
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
        <source>Your annotations (kept for the evidence pack)</source>
        <translation>您的标注（保存用于证据包）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/annotation_panel.py" line="166"/>
        <source>Annotations on the photo go into the evidence pack&apos;s report; annotations on a frame stay here with the dispute.</source>
        <translation>照片上的标注会写入证据包的报告；画面上的标注保存在此纠纷中。</translation>
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
        <location filename="../../app/packseal/gui/app.py" line="209"/>
        <source>The storage folder cannot be used: {error}</source>
        <translation>无法使用该存储文件夹：{error}</translation>
    </message>
</context>
<context>
    <name>Bench</name>
    <message>
        <location filename="../../app/packseal/gui/station/bench_page.py" line="147"/>
        <source>Weight check: order {order} weighed {weight} g</source>
        <translation>重量核对：订单 {order} 称得 {weight} 克</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_page.py" line="149"/>
        <source>Expected {expected} g ± {tolerance} g. Check the parcel&apos;s contents before it leaves.</source>
        <translation>应为 {expected} 克 ± {tolerance} 克。发出前请检查包裹里的东西。</translation>
    </message>
</context>
<context>
    <name>BenchSettingsBox</name>
    <message>
        <location filename="../../app/packseal/gui/bench_settings.py" line="43"/>
        <source>Packing bench</source>
        <translation>打包核对</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/bench_settings.py" line="44"/>
        <source>Packer badges start with:</source>
        <translation>打包员工牌条码开头：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/bench_settings.py" line="45"/>
        <source>Return waybills start with:</source>
        <translation>退货面单开头：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/bench_settings.py" line="46"/>
        <source>Warn on a waybill recorded in the last (days):</source>
        <translation>面单在最近几天内录过时提醒（天）：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/bench_settings.py" line="47"/>
        <source>empty: no sign-in</source>
        <translation>留空：不用扫工牌签到</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/bench_settings.py" line="48"/>
        <source>empty: returns only in returns mode (F6)</source>
        <translation>留空：只在退货模式（F6）下按退货录制</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/bench_settings.py" line="49"/>
        <source>never</source>
        <translation>不提醒</translation>
    </message>
</context>
<context>
    <name>BenchSide</name>
    <message>
        <location filename="../../app/packseal/gui/station/bench_page.py" line="67"/>
        <source>No order is shown: no notes to read.</source>
        <translation>当前没有显示订单，没有备注可读。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_page.py" line="75"/>
        <source>F2 opens the earlier clip of a waybill recorded before; none is asked about.</source>
        <translation>F2 用于打开重复面单之前的录像；现在没有重复面单的提醒。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_page.py" line="84"/>
        <source>F4 links a return being recorded to its original order; none is recording.</source>
        <translation>F4 用于把正在录制的退货关联到原订单；现在没有在录退货。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_page.py" line="119"/>
        <source>{code}: recorded with the warning confirmed.</source>
        <translation>{code}：已确认提醒，照常录制。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_page.py" line="121"/>
        <source>{code}: dropped, nothing recorded. The decision is sealed.</source>
        <translation>{code}：已放弃，未录制。此决定已存证。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_page.py" line="137"/>
        <source>Packer {badge} signed in.</source>
        <translation>打包员 {badge} 已签到。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_page.py" line="180"/>
        <source>{code} is no longer recording; nothing was linked.</source>
        <translation>{code} 已不在录制，未做关联。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_page.py" line="187"/>
        <source>Not linked: {why}</source>
        <translation>未关联：{why}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_page.py" line="194"/>
        <source>Buyer&apos;s note: {note}</source>
        <translation>买家备注：{note}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_page.py" line="196"/>
        <source>Seller&apos;s note: {note}</source>
        <translation>卖家备注：{note}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_page.py" line="198"/>
        <source>This order has no notes.</source>
        <translation>这个订单没有备注。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_page.py" line="202"/>
        <source>Reading the notes aloud…</source>
        <translation>正在朗读备注…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_page.py" line="205"/>
        <source>This computer has no speech engine, so the notes cannot be read aloud; they are shown on screen.</source>
        <translation>这台电脑没有语音引擎，无法朗读备注；备注已显示在屏幕上。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_page.py" line="208"/>
        <source>This computer&apos;s speech engine has no voice, so the notes cannot be read aloud; they are shown on screen.</source>
        <translation>这台电脑的语音引擎没有可用的语音，无法朗读备注；备注已显示在屏幕上。</translation>
    </message>
</context>
<context>
    <name>CameraPicker</name>
    <message>
        <location filename="../../app/packseal/gui/camera_picker.py" line="76"/>
        <source>None (one camera)</source>
        <translation>无（只有一个摄像头）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/camera_picker.py" line="78"/>
        <source>Automatic (first USB camera, else the test camera)</source>
        <translation>自动（第一个 USB 摄像头，没有则用测试摄像头）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/camera_picker.py" line="79"/>
        <source>Built-in test camera</source>
        <translation>内置测试摄像头</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/camera_picker.py" line="82"/>
        <source>Other source (IP camera, video file)…</source>
        <translation>其他来源（网络摄像头、视频文件）…</translation>
    </message>
</context>
<context>
    <name>CancelConfirmBar</name>
    <message>
        <location filename="../../app/packseal/gui/station/cancel_bar.py" line="39"/>
        <source>Cancel order {order}? Its recording will be discarded.</source>
        <translation>取消订单 {order}？本单录像将被丢弃。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/cancel_bar.py" line="41"/>
        <source>Enter: yes, cancel it</source>
        <translation>回车：确认取消</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/cancel_bar.py" line="42"/>
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
        <location filename="../../app/packseal/gui/library/model.py" line="162"/>
        <source>The search failed unexpectedly: {error}</source>
        <extracomment>The catalog column each table column sorts by. Sort columns SQLite reads in order from an index: offset pages stay fast at any depth. Pages kept in memory (the rest are read again when scrolled back to). Offsets past this use the sorted id list for columns without an index. Page requests served per burst; older requests are dropped (asked again if still visible).</extracomment>
        <translation>搜索意外失败：{error}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="303"/>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="303"/>
        <source>Station</source>
        <translation>打包台</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="303"/>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="303"/>
        <source>Clip starts</source>
        <translation>录像开始</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="304"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="304"/>
        <source>Seal</source>
        <translation>存证状态</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="304"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="304"/>
        <source>Packer</source>
        <translation>打包员</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="304"/>
        <source>Items check</source>
        <translation>商品核对</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="306"/>
        <source>When the clip begins: a few seconds before the waybill was scanned (the pre-roll). The station&apos;s list shows the scan time.</source>
        <translation>录像的开始时间：比扫描面单早几秒（预录）。打包台的列表显示的是扫描时间。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="369"/>
        <location filename="../../app/packseal/gui/library/model.py" line="390"/>
        <source>Deleted {date}</source>
        <translation>已于 {date} 删除</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="372"/>
        <location filename="../../app/packseal/gui/library/model.py" line="387"/>
        <source>Verification failed</source>
        <translation>校验失败</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="374"/>
        <location filename="../../app/packseal/gui/library/model.py" line="387"/>
        <source>Recording</source>
        <translation>录制中</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="374"/>
        <location filename="../../app/packseal/gui/library/model.py" line="387"/>
        <source>Not sealed</source>
        <translation>未存证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="376"/>
        <location filename="../../app/packseal/gui/library/model.py" line="387"/>
        <source>Verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="378"/>
        <location filename="../../app/packseal/gui/library/model.py" line="388"/>
        <source>Sealed (cut short)</source>
        <translation>已存证（录制中断）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="380"/>
        <location filename="../../app/packseal/gui/library/model.py" line="388"/>
        <source>Sealed</source>
        <translation>已存证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="382"/>
        <location filename="../../app/packseal/gui/library/model.py" line="389"/>
        <source>kept</source>
        <translation>永久保留</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="402"/>
        <source>Clip starts {start}, waybill scanned {scan}</source>
        <translation>录像开始 {start}，扫描面单 {scan}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="405"/>
        <source>Kept forever: retention never deletes this clip</source>
        <translation>永久保留：自动清理不会删除这段录像</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="407"/>
        <source>Used in a dispute: retention never deletes this clip</source>
        <translation>用于纠纷处理：自动清理不会删除这段录像</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="411"/>
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/model.py" line="413"/>
        <source>The file was deleted; its seal stays in the ledger</source>
        <translation>视频文件已删除，存证记录仍保留在存证账本中</translation>
    </message>
</context>
<context>
    <name>ComparisonArea</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="111"/>
        <source>Not aligned: the photo of the opened box is set beside the frames before closing</source>
        <translation>未对齐：开箱照片与封箱前的画面并排显示</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="120"/>
        <source>Before the box was closed: frame at {t} s · captured {when}</source>
        <translation>封箱前：第 {t} 秒的画面 · 拍摄于 {when}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="155"/>
        <source>Refund photo · {w}×{h}</source>
        <translation>退款照片 · {w}×{h}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="160"/>
        <source>Clip frame at {t} s · captured {when}</source>
        <translation>录像第 {t} 秒的画面 · 拍摄于 {when}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="161"/>
        <source>The frame at {t} s ({when}) aligned onto the photo</source>
        <translation>第 {t} 秒（{when}）的画面已对齐叠加到照片上</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="162"/>
        <source>Where the photo differs from the frame at {t} s, on the item only</source>
        <translation>照片与第 {t} 秒画面的不同之处（只看商品本身）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="164"/>
        <source>Green outline on the frame: the part of the frame that shows what the photo shows (the item found in the clip).</source>
        <translation>画面上的绿色框线：画面中与照片内容相同的部分（即在录像中找到的这件商品）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="175"/>
        <source>Side by side</source>
        <translation>并排对比</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="175"/>
        <source>Aligned overlay</source>
        <translation>对齐叠加</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="176"/>
        <source>Differences</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="176"/>
        <source>Error levels (ELA)</source>
        <translation>误差水平 (ELA)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/comparison_area.py" line="179"/>
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
        <location filename="../../app/packseal/gui/dispute/messages.py" line="51"/>
        <source>Difference on the item</source>
        <translation>商品上的差异</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="52"/>
        <source>No difference on the item</source>
        <translation>商品上没有差异</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="53"/>
        <source>Code in the photo</source>
        <translation>照片中的条码</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="54"/>
        <source>Waybill of this order</source>
        <translation>本订单的面单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="55"/>
        <source>Waybill of another order</source>
        <translation>其他订单的面单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="56"/>
        <source>Waybill with no clip</source>
        <translation>没有录像的面单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="57"/>
        <source>The last frames before the box was closed</source>
        <translation>封箱前的最后画面</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="64"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="65"/>
        <source>Worth a look</source>
        <translation>值得一看</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="66"/>
        <source>Information</source>
        <translation>信息</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="72"/>
        <source>No frame of this clip shows the item in the photo</source>
        <translation>这段录像中没有任何画面拍到照片里的商品</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="73"/>
        <source>The photo may show another item, too little of it, or be taken very differently. Check the order number; a photo of the whole item in good light matches best.</source>
        <translation>照片拍的可能是另一件商品、只拍到商品的一小部分，或拍摄方式差别很大。请核对订单号；光线良好、拍到整件商品的照片最容易匹配。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="86"/>
        <source>Type or scan the order number first</source>
        <translation>请先输入或扫描订单号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="87"/>
        <source>No clip of order {order} was found</source>
        <translation>没有找到订单 {order} 的录像</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="88"/>
        <source>Check the number, or look for the order in the Library.</source>
        <translation>请核对单号，或在录像库中查找该订单。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="92"/>
        <source>The clip of order {order} was deleted{why}</source>
        <translation>订单 {order} 的录像已被删除{why}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="94"/>
        <source>There is no video to compare the photo with.</source>
        <translation>没有可以与照片比对的视频。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="96"/>
        <source>The clip file of order {order} is missing</source>
        <translation>订单 {order} 的录像文件丢失</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="98"/>
        <source>Restore it from a backup; “packseal verify” lists what else is missing.</source>
        <translation>请从备份中恢复；“packseal verify”会列出其他丢失的文件。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="102"/>
        <source>This photo cannot be used</source>
        <translation>无法使用这张照片</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="103"/>
        <source>PackSeal reads {formats} photos. Ask the buyer for the original file.</source>
        <translation>PackSeal 可读取 {formats} 格式的照片。请向买家索要原始文件。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="106"/>
        <source>The clip could not be read</source>
        <translation>无法读取录像</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="107"/>
        <source>It may be damaged; “packseal verify” checks it against its seal.</source>
        <translation>录像可能已损坏；“packseal verify”可对照存证进行核验。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="117"/>
        <source>The evidence pack could not be built</source>
        <translation>无法生成证据包</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/messages.py" line="119"/>
        <source>The clip cannot be used as evidence as it is; see below.</source>
        <translation>此录像目前无法用作证据，详见下文。</translation>
    </message>
</context>
<context>
    <name>DisputeView</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/status_texts.py" line="58"/>
        <source>Photo {name} chosen. Now type or scan the order number above.</source>
        <translation>已选择照片 {name}。请在上方输入或扫描订单号。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="292"/>
        <source>Drop or open the buyer&apos;s photo first.</source>
        <translation>请先拖入或打开买家的照片。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/status_texts.py" line="40"/>
        <location filename="../../app/packseal/gui/dispute/status_texts.py" line="47"/>
        <source>Comparing the photo with the clip…</source>
        <translation>正在将照片与录像比对…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/status_texts.py" line="46"/>
        <source>Comparing {n} photos with the clip…</source>
        <translation>正在将 {n} 张照片与录像比对…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/waybill_order.py" line="50"/>
        <source>Looking for a waybill in the photos…</source>
        <translation>正在照片中查找面单…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/status_texts.py" line="53"/>
        <source>The waybill in the photo names order {order}.</source>
        <translation>照片中的面单对应订单 {order}。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/status_texts.py" line="56"/>
        <source>The photos show waybills of several orders ({orders}). Type or scan the order number above.</source>
        <translation>这些照片中有多个订单的面单（{orders}）。请在上方输入或扫描订单号。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/matched_frames.py" line="85"/>
        <source>Aligning the frame at {t} s…</source>
        <extracomment>Aligned frames kept for quick switching between thumbnails (each holds a few full-size pictures).</extracomment>
        <translation>正在对齐 {t} 秒处的画面…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="351"/>
        <source>Looking up order {order}…</source>
        <translation>正在查找订单 {order}…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="362"/>
        <source>The saved annotations of this order could not be read</source>
        <translation>无法读取此订单已保存的标注</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="363"/>
        <source>The damaged file was kept as {name}; new annotations are saved afresh.</source>
        <translation>损坏的文件已另存为 {name}；新的标注将重新保存。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/status_texts.py" line="31"/>
        <source>Order {order}: clip of {when}, {length}. Now drop or open the buyer&apos;s photo.</source>
        <translation>订单 {order}：录像时间 {when}，时长 {length}。请拖入或打开买家的照片。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/status_texts.py" line="38"/>
        <source>Indexing the clip… (the first comparison of a clip prepares it once)</source>
        <translation>正在为录像建立索引…（每段录像第一次比对时需要准备一次）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/status_texts.py" line="76"/>
        <source>Order {order}, clip of {when}: WARNING, the clip file is not the one that was sealed. Run “packseal verify” before using this comparison.</source>
        <translation>订单 {order}，录像时间 {when}：警告，此录像文件不是当初存证的文件。使用此比对结果前，请先运行“packseal verify”。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/status_texts.py" line="79"/>
        <source>Order {order}, clip of {when} ({length}): the photo of the opened box beside the clip&apos;s last frames before the box was closed.</source>
        <translation>订单 {order}，{when} 的录像（{length}）：开箱照片与录像中封箱前的最后画面并排。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/status_texts.py" line="82"/>
        <source>Order {order}, clip of {when} ({length}): the photo shows a label, not the item; the findings say whose waybill it is.</source>
        <translation>订单 {order}，{when} 的录像（{length}）：照片拍的是面单，不是商品；右侧的发现说明面单属于哪个订单。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/status_texts.py" line="85"/>
        <source>Order {order}, clip of {when} ({length}): no frame matches the photo.</source>
        <translation>订单 {order}，录像时间 {when}（{length}）：没有任何画面与照片相符。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/status_texts.py" line="88"/>
        <source>Order {order}, clip of {when} ({length}): frames that show the item: {n}, best in the first camera&apos;s file (score {score}; the second camera&apos;s best: {other}).</source>
        <translation>订单 {order}，{when} 的视频（{length}）：显示该商品的画面 {n} 帧，最佳匹配来自第一个摄像头的文件（得分 {score}；第二个摄像头的最佳得分：{other}）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/status_texts.py" line="92"/>
        <source>Order {order}, clip of {when} ({length}): frames that show the item: {n}, best in the second camera&apos;s file (score {score}; the first camera&apos;s best: {other}).</source>
        <translation>订单 {order}，{when} 的视频（{length}）：显示该商品的画面 {n} 帧，最佳匹配来自第二个摄像头的文件（得分 {score}；第一个摄像头的最佳得分：{other}）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/status_texts.py" line="96"/>
        <source>Order {order}, clip of {when} ({length}): frames that show the item: {n}.</source>
        <translation>订单 {order}，录像时间 {when}（{length}）：拍到该商品的画面共 {n} 个。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/pack_builder.py" line="109"/>
        <source>Building the evidence pack…</source>
        <translation>正在生成证据包…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/pack_builder.py" line="124"/>
        <source>Evidence pack saved: {path}</source>
        <translation>证据包已保存：{path}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="458"/>
        <source>Your annotations could not be saved</source>
        <translation>无法保存您的标注</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="459"/>
        <source>Check the storage folder and its permissions.</source>
        <translation>请检查存储文件夹及其权限。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/view.py" line="477"/>
        <source>Comparing the photo {name} with the clip of order {order}…</source>
        <translation>正在将照片 {name} 与订单 {order} 的录像比对…</translation>
    </message>
</context>
<context>
    <name>DropHint</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/photo_drop.py" line="97"/>
        <source>Drop the buyer&apos;s refund photos here (one or several), or press Ctrl+O to open them. A photo of the parcel&apos;s label finds the order by itself.

Type or scan the order number above, or choose the clip in the Library and press “Open dispute view for this order”.</source>
        <translation>把买家的退款照片拖到这里（一张或多张），或按 Ctrl+O 打开。拍到包裹面单的照片会自动找到订单。

在上方输入或扫描订单号，或在录像库中选中录像后点击“打开此订单的纠纷处理”。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="274"/>
        <source>Folder for the exported files</source>
        <translation>导出文件的保存文件夹</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="287"/>
        <source>Choose a folder for the exported files.</source>
        <translation>请选择导出文件的保存文件夹。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="302"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="315"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="320"/>
        <source>No file manager could be opened for {path}</source>
        <translation>无法用文件管理器打开 {path}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="348"/>
        <source>Exported {count} file(s), {start} s to {end} s of the clip, into {folder}</source>
        <translation>已导出 {count} 个文件（录像第 {start} 秒至第 {end} 秒），保存在 {folder}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="353"/>
        <source>C2PA signed</source>
        <translation>已附 C2PA 签名</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="353"/>
        <source>no C2PA manifest</source>
        <translation>无 C2PA 清单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="354"/>
        <source>{name} — {size}, {seal}, ledger entry {seq}</source>
        <translation>{name} — {size}，{seal}，账本条目 {seq}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="358"/>
        <source>Warning: {text}</source>
        <translation>警告：{text}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="369"/>
        <source>The export was cancelled; nothing was kept.</source>
        <translation>导出已取消，未保留任何文件。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="372"/>
        <source>The export failed.</source>
        <translation>导出失败。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="404"/>
        <source>at most {seconds} s</source>
        <translation>最长 {seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="405"/>
        <source>any length</source>
        <translation>时长不限</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="406"/>
        <source>at most {size}</source>
        <translation>最大 {size}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="407"/>
        <location filename="../../app/packseal/gui/export_dialog.py" line="412"/>
        <source>any size</source>
        <translation>大小不限</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="408"/>
        <source>Video (MP4): {length}, {size}</source>
        <translation>视频（MP4）：{length}，{size}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="411"/>
        <source>at most {size} each</source>
        <translation>每张最大 {size}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="413"/>
        <source>Pictures: {count} × {format}, {size}</source>
        <translation>图片：{count} 张 {format}，{size}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="427"/>
        <source>The clip is {clip} s long; this platform takes at most {limit} s in one continuous shot. Choose the part to export (the red line is the scan).</source>
        <translation>该录像长 {clip} 秒；此平台只接受最长 {limit} 秒的连续片段。请选择要导出的部分（红线为扫码时刻）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="432"/>
        <source>Export for a platform</source>
        <translation>导出到平台</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="433"/>
        <source>Order {order}, recorded at {station}</source>
        <translation>订单 {order}，录制于 {station}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="435"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="436"/>
        <source>Part of the clip</source>
        <translation>录像片段</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="437"/>
        <source>Start (s)</source>
        <translation>开始（秒）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="438"/>
        <source>End (s)</source>
        <translation>结束（秒）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="439"/>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="440"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="441"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="442"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="443"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/export_dialog.py" line="444"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="186"/>
        <source>Order or waybill number, whole or part</source>
        <translation>订单号或运单号（完整或部分）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="187"/>
        <source>Type or scan an order or waybill number; any part of it is enough</source>
        <translation>输入或扫描订单号、运单号，输入其中一部分即可</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="189"/>
        <source>Period</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="190"/>
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="190"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="190"/>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="190"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="191"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="191"/>
        <source>Choose dates…</source>
        <translation>选择日期…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="194"/>
        <source>Station</source>
        <translation>打包台</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="195"/>
        <source>All stations</source>
        <translation>全部打包台</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="196"/>
        <source>Any items check</source>
        <translation>全部商品核对结果</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="199"/>
        <source>What the order check found while packing</source>
        <translation>打包时扫码核对的结果</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="200"/>
        <source>Shipments and returns</source>
        <translation>发货和退货</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="201"/>
        <source>Shipments</source>
        <translation>发货</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="202"/>
        <source>Returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="203"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/filters.py" line="204"/>
        <source>Search again, to list clips recorded since the last search</source>
        <translation>重新搜索，列出上次搜索之后新录制的录像</translation>
    </message>
</context>
<context>
    <name>FindingTexts</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="25"/>
        <source>{time} (UTC{offset})</source>
        <translation>{time}（UTC{offset}）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="26"/>
        <source>{time} (no time zone recorded)</source>
        <translation>{time}（未记录时区）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="30"/>
        <source>the order was packed</source>
        <translation>本单打包的时间</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="30"/>
        <source>the parcel was shipped</source>
        <translation>包裹发出的时间</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="34"/>
        <source>The photo&apos;s own capture time, {when}, is before {event} ({reference}): a photo of damage cannot be taken before the buyer had the item. The camera clock may be wrong, or the photo may show another parcel.</source>
        <translation>照片自身记录的拍摄时间 {when} 早于{event}（{reference}）：买家收到商品之前不可能拍下损坏的照片。可能是相机时钟不准，也可能照片拍的是另一个包裹。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="40"/>
        <source>camera maker</source>
        <translation>相机厂商</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="40"/>
        <source>camera model</source>
        <translation>相机型号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="40"/>
        <source>capture time</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="42"/>
        <source>The photo&apos;s camera metadata lacks: {fields}.</source>
        <translation>照片的相机元数据缺少：{fields}。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="42"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="46"/>
        <source>AI-generated</source>
        <translation>AI 生成</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="46"/>
        <source>possibly AI-generated</source>
        <translation>可能为 AI 生成</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="46"/>
        <source>suspected AI-generated</source>
        <translation>疑似 AI 生成</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="49"/>
        <source>Label {label} ({meaning})</source>
        <translation>Label {label}（{meaning}）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="51"/>
        <source>Label &apos;{label}&apos;</source>
        <translation>Label “{label}”</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="53"/>
        <source>no readable Label</source>
        <translation>无法读取 Label 字段</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="56"/>
        <source>, produced by {producer}</source>
        <translation>，生成者 {producer}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="58"/>
        <source>, spread by {propagator}</source>
        <translation>，传播者 {propagator}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="59"/>
        <source>The photo carries China&apos;s AI-generated-content label (GB 45438-2025 implicit label) in {where}: {what}{extra}.</source>
        <translation>照片在 {where} 中带有我国的 AI 生成内容标识（GB 45438-2025 隐式标识）：{what}{extra}。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="65"/>
        <source>created by generative AI (trained algorithmic media)</source>
        <translation>由生成式 AI 创建（trained algorithmic media）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="66"/>
        <source>edited with generative AI (composite with trained algorithmic media)</source>
        <translation>经生成式 AI 编辑（composite with trained algorithmic media）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="68"/>
        <source>enhanced by an algorithm</source>
        <translation>经算法增强</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="69"/>
        <source>created by an algorithm without training data (algorithmic media)</source>
        <translation>由不使用训练数据的算法生成（algorithmic media）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="70"/>
        <source>a composite that includes synthetic elements</source>
        <translation>含有合成元素的拼合图</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="71"/>
        <source>a composite of several pictures</source>
        <translation>由多张图片拼合而成</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="72"/>
        <source>a recording of a virtual scene</source>
        <translation>虚拟场景的录制画面</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="73"/>
        <source>a screenshot</source>
        <translation>屏幕截图</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="74"/>
        <source>digital art made by a person with software</source>
        <translation>由人用软件制作的数字绘画</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="77"/>
        <source>The photo&apos;s IPTC metadata says it was {meaning} (DigitalSourceType {code}).</source>
        <translation>照片的 IPTC 元数据表明它是{meaning}（DigitalSourceType {code}）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="83"/>
        <source>The photo carries Photoshop metadata (XMP photoshop: properties).</source>
        <translation>照片带有 Photoshop 元数据（XMP photoshop: 属性）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="84"/>
        <source>The photo was saved by editing software: {software} ({field}: &quot;{value}&quot;).</source>
        <translation>照片由修图软件保存：{software}（{field}：“{value}”）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="88"/>
        <source>The photo has C2PA content credentials, made by {generators}</source>
        <translation>照片带有 C2PA 内容凭证，由 {generators} 生成</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="89"/>
        <source>an unnamed program</source>
        <translation>未具名的程序</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="91"/>
        <source>, signed by {signer}</source>
        <translation>，签名者 {signer}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="93"/>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="93"/>
        <source>Invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="94"/>
        <source>Trusted</source>
        <translation>有效，证书可信</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="95"/>
        <source> (validation: {state})</source>
        <translation>（校验结果：{state}）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="97"/>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="102"/>
        <source>a darker mark</source>
        <translation>一处较暗的痕迹</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="103"/>
        <source>a lighter mark</source>
        <translation>一处较亮的痕迹</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="103"/>
        <source>a change of colour</source>
        <translation>一处颜色变化</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="108"/>
        <source>upper left</source>
        <translation>左上部</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="108"/>
        <source>top</source>
        <translation>上部</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="109"/>
        <source>upper right</source>
        <translation>右上部</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="109"/>
        <source>left</source>
        <translation>左侧</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="110"/>
        <source>middle</source>
        <translation>中部</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="110"/>
        <source>right</source>
        <translation>右侧</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="111"/>
        <source>lower left</source>
        <translation>左下部</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="111"/>
        <source>bottom</source>
        <translation>下部</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="112"/>
        <source>lower right</source>
        <translation>右下部</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="118"/>
        <source>less than 1%</source>
        <translation>不到 1%</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="123"/>
        <source>Difference {n}: {what} on the {place} of the item ({share} of what the photo shows of it), not in the shipment&apos;s frame at {t} s.</source>
        <translation>差异 {n}：商品{place}有{what}（占照片中商品的{share}），发货画面第 {t} 秒处没有。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="130"/>
        <source>Nothing on the item differs from the shipment&apos;s frame at {t} s.</source>
        <translation>商品上没有与发货画面第 {t} 秒不同的地方。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="132"/>
        <source>The photo shows the code {code}.</source>
        <translation>照片中有条码 {code}。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="133"/>
        <source>The photo shows the waybill {code} of order {order}, the order compared.</source>
        <translation>照片中的面单 {code} 属于订单 {order}，即正在比对的订单。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="135"/>
        <source>The photo shows the waybill {code} of order {other}, not of order {order}: the photo may belong to another parcel.</source>
        <translation>照片中的面单 {code} 属于订单 {other}，不是订单 {order}：这张照片可能是另一个包裹的。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="138"/>
        <source>The photo shows the code {code}, but no clip is filed under it: this shop recorded no parcel with that waybill.</source>
        <translation>照片中有条码 {code}，但没有任何录像以它归档：本店没有用这个面单录过包裹。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="141"/>
        <source>This photo shows the opened box: compare it with the clip&apos;s last frames before the box was closed, at {times} ({from_} to {to}), which show what went in.</source>
        <translation>这是开箱照片：请与录像中封箱前的最后画面对比（{times}，{from_} 至 {to}），这些画面拍下了装进箱子的东西。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="145"/>
        <source>The photo says it was taken {when} ({source}).</source>
        <translation>照片记录的拍摄时间为 {when}（来自 {source}）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="149"/>
        <source>The photo&apos;s capture time, {when}, is before {event} ({reference}) when read in this computer&apos;s time zone; the photo records no time zone, so this is not certain.</source>
        <translation>按本电脑的时区理解，照片的拍摄时间 {when} 早于{event}（{reference}）；照片没有记录时区，因此这一点并不确定。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="153"/>
        <source>The photo&apos;s capture time, {when}, is in the future: the camera clock is wrong or the time was edited.</source>
        <translation>照片的拍摄时间 {when} 在将来：相机时钟有误，或时间被改过。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="156"/>
        <source>The photo has no camera metadata (no camera maker, model or capture time). Phones and cameras write these; they are missing from screenshots, pictures saved by chat or social apps, edited exports and generated images.</source>
        <translation>照片没有相机元数据（没有相机厂商、型号或拍摄时间）。手机和相机拍照时都会写入这些信息；截图、聊天或社交软件保存的图片、修图后导出的图片以及生成的图片则没有。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="161"/>
        <source>Taken with {make} {model} (per EXIF).</source>
        <translation>拍摄设备：{make} {model}（据 EXIF）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="162"/>
        <source>{field} says &quot;{value}&quot;.</source>
        <translation>{field} 写的是“{value}”。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="164"/>
        <source>The metadata names image-generating software: {software} ({field}: &quot;{value}&quot;).</source>
        <translation>元数据中出现了图像生成软件：{software}（{field}：“{value}”）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="169"/>
        <source>The photo contains Stable Diffusion generation parameters (the &apos;parameters&apos; text written by AUTOMATIC1111-style tools): it was generated or edited by AI. Prompt: &quot;{prompt}&quot;.</source>
        <translation>照片含有 Stable Diffusion 生成参数（AUTOMATIC1111 一类工具写入的“parameters”文本）：照片由 AI 生成或编辑。提示词：“{prompt}”。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="172"/>
        <source>The photo contains a ComfyUI {parts} (an AI image-generation graph): it was generated or edited by AI.</source>
        <translation>照片含有 ComfyUI 的 {parts}（AI 生图流程图）：照片由 AI 生成或编辑。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="174"/>
        <source> and </source>
        <translation> 和 </translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="175"/>
        <source>Part of the photo&apos;s XMP metadata was not read: {reason}.</source>
        <translation>照片的部分 XMP 元数据未被读取：{reason}。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="176"/>
        <source>C2PA content credentials could not be checked: {reason}.</source>
        <translation>无法检查 C2PA 内容凭证：{reason}。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="178"/>
        <source>The photo&apos;s C2PA content credentials say AI was used: {uses}.</source>
        <translation>照片的 C2PA 内容凭证表明使用了 AI：{uses}。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="179"/>
        <source>The photo&apos;s C2PA content credentials record edits: {edits}.</source>
        <translation>照片的 C2PA 内容凭证记录了编辑操作：{edits}。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/finding_texts.py" line="180"/>
        <source>The photo&apos;s C2PA content credentials do not verify: {problems}. The file was changed after signing, or the credentials are damaged.</source>
        <translation>照片的 C2PA 内容凭证校验未通过：{problems}。文件在签名后被改动过，或凭证已损坏。</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/findings_panel.py" line="136"/>
        <source>Nothing notable in the photo&apos;s metadata.</source>
        <translation>照片元数据中没有值得注意的内容。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/findings_panel.py" line="134"/>
        <source>Open a photo to see what the comparison and its metadata say.</source>
        <translation>打开照片即可查看比对结果和照片元数据的信息。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/findings_panel.py" line="138"/>
        <source>Findings are clues to weigh, not proof: metadata is easily removed or forged, and the absence of a marker proves nothing either.</source>
        <translation>这些发现是需要权衡的线索，不是证据：元数据很容易被删除或伪造，没有发现标记也不能说明任何问题。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/findings_panel.py" line="142"/>
        <source>What the comparison and the photo say</source>
        <translation>比对结果与照片信息</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/findings_panel.py" line="143"/>
        <source>Show the error level analysis</source>
        <translation>查看误差水平分析</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/findings_panel.py" line="144"/>
        <source>Areas pasted in or retouched often stand out brighter or darker than the rest after re-saving</source>
        <translation>重新保存后，贴入或修饰过的区域常常比其他部分更亮或更暗</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="102"/>
        <source>Choose a storage folder.</source>
        <translation>请选择存储文件夹。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="131"/>
        <source>Storage folder</source>
        <translation>存储文件夹</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="138"/>
        <source>Welcome to PackSeal</source>
        <translation>欢迎使用 PackSeal 打包存证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="139"/>
        <source>Set up this packing station</source>
        <translation>设置这个打包台</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="140"/>
        <source>PackSeal records each order while it is packed and seals the video so that nobody can alter it unnoticed. Three things to set; all can be changed later in Settings.</source>
        <translation>PackSeal 在打包时为每一单录像，并对视频签名存证，任何改动都会被发现。只需设置三项，以后都可以在“设置”中修改。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="143"/>
        <source>Station name:</source>
        <translation>打包台名称：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="143"/>
        <source>Camera:</source>
        <translation>摄像头：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="144"/>
        <source>Storage folder:</source>
        <translation>存储文件夹：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="146"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="147"/>
        <source>When you press “Start”, PackSeal creates this station&apos;s signing key in the storage folder. The private key never leaves it; keep backups of the folder.</source>
        <translation>点击“开始”后，PackSeal 会在存储文件夹中生成本打包台的签名密钥。私钥不会离开该文件夹，请定期备份。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="150"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="151"/>
        <source>Set by --data-dir or PACKSEAL_DATA_DIR when PackSeal was started; it cannot be changed here.</source>
        <translation>启动 PackSeal 时已由 --data-dir 或 PACKSEAL_DATA_DIR 指定，不能在这里修改。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="154"/>
        <source>Quit PackSeal?</source>
        <translation>退出 PackSeal？</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="155"/>
        <source>Quit without setting up the station?</source>
        <translation>不设置打包台就退出吗？</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="156"/>
        <source>Nothing is recorded until the station is set up. PackSeal asks again at the next start.</source>
        <translation>打包台设置好之前不会录制任何内容。下次启动时 PackSeal 会再次询问。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="158"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/first_run.py" line="159"/>
        <source>Back to setup</source>
        <translation>返回设置</translation>
    </message>
</context>
<context>
    <name>HeatmapView</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/heatmap_view.py" line="171"/>
        <source>Region {n}: {w}×{h} pixels at x {x}, y {y} of the photo; mean colour difference {delta:.0f} (ΔE; above {strong:.0f} is strong); ranked by score {score:.0f}</source>
        <extracomment>Mean colour difference (ΔE) from which a region&apos;s difference is called clear, and strong.</extracomment>
        <translation>区域 {n}：位于照片 x {x}、y {y} 处，{w}×{h} 像素；平均色差 {delta:.0f}（ΔE，高于 {strong:.0f} 为强烈）；排序得分 {score:.0f}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/heatmap_view.py" line="178"/>
        <source>No difference on the item stands out.</source>
        <translation>商品上没有明显的差异。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/packseal/gui/dispute/heatmap_view.py" line="183"/>
        <source>Regions where the photo differs: %n</source>
        <translation>
            <numerusform>照片不同之处：%n 处</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/heatmap_view.py" line="189"/>
        <source>Region {n}: {share} of the item, difference strong</source>
        <translation>区域 {n}：占商品的 {share}，差异强烈</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/heatmap_view.py" line="191"/>
        <source>Region {n}: {share} of the item, difference clear</source>
        <translation>区域 {n}：占商品的 {share}，差异明显</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/heatmap_view.py" line="193"/>
        <source>Region {n}: {share} of the item, difference slight</source>
        <translation>区域 {n}：占商品的 {share}，差异轻微</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/heatmap_view.py" line="197"/>
        <source>Blue: alike · red: different. Only the item counts; the dimmed grey surroundings are not compared. Choose a region to zoom onto it.</source>
        <translation>蓝色：相同 · 红色：不同。只比较商品本身，变暗的灰色周边不参与比较。点选一个区域即可放大查看。</translation>
    </message>
</context>
<context>
    <name>HubPage</name>
    <message>
        <location filename="../../app/packseal/gui/hub_page.py" line="72"/>
        <source>Pairing…</source>
        <translation>正在配对…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/hub_page.py" line="88"/>
        <source>Hub address:</source>
        <translation>中心地址：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/hub_page.py" line="89"/>
        <source>Pairing code:</source>
        <translation>配对码：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/hub_page.py" line="90"/>
        <source>from `packseal hub pair` on the hub, e.g. ABCDE-FGHIJ</source>
        <translation>在中心上运行 `packseal hub pair` 获得，例如 ABCDE-FGHIJ</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/hub_page.py" line="91"/>
        <source>Pair with this hub</source>
        <translation>与此中心配对</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/hub_page.py" line="92"/>
        <source>Upload limit:</source>
        <translation>上传限速：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/hub_page.py" line="93"/>
        <source> KiB/s</source>
        <translation> KiB/s</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/hub_page.py" line="94"/>
        <source>no limit</source>
        <translation>不限速</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/hub_page.py" line="96"/>
        <source>Not paired: {0}</source>
        <translation>未配对：{0}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/hub_page.py" line="98"/>
        <source>This station is not paired with a hub. It works alone; a hub adds a copy of every clip and a witness of its ledger.</source>
        <translation>本打包台未与中心配对，可独立工作；配对中心后，每段视频会多存一份，存证账本也有中心见证。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/hub_page.py" line="102"/>
        <source>Paired with {0}. Hub key {1} (pinned). The recorder sends the hub what it lacks every few minutes.</source>
        <translation>已与 {0} 配对。中心密钥 {1}（已固定）。录制进程每隔几分钟把中心缺少的内容发送过去。</translation>
    </message>
</context>
<context>
    <name>HubStatusLabel</name>
    <message>
        <location filename="../../app/packseal/gui/hub_page.py" line="135"/>
        <source>Hub: history refused</source>
        <translation>中心：拒绝了本机记录</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/hub_page.py" line="136"/>
        <source>The hub found that this station&apos;s ledger was rewritten, rolled back or forked, and refuses its sync until an owner acts on the hub.</source>
        <translation>中心发现本打包台的存证账本被改写、回滚或分叉，在店主于中心处理之前拒绝同步。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/hub_page.py" line="140"/>
        <source>Hub: not reached</source>
        <translation>中心：无法连接</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/hub_page.py" line="143"/>
        <source>Hub: paired</source>
        <translation>中心：已配对</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/hub_page.py" line="146"/>
        <source>Hub: {0} pending</source>
        <translation>中心：{0} 项待上传</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/hub_page.py" line="147"/>
        <source>Files and ledger entries the hub does not hold yet</source>
        <translation>中心尚未保存的文件和账本记录</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/hub_page.py" line="149"/>
        <source>Hub: up to date</source>
        <translation>中心：已同步</translation>
    </message>
</context>
<context>
    <name>LedgerEntryView</name>
    <message>
        <location filename="../../app/packseal/gui/library/ledger_entry.py" line="71"/>
        <source>Entry number</source>
        <translation>条目编号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/ledger_entry.py" line="71"/>
        <source>Sealed at</source>
        <translation>存证时间</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/ledger_entry.py" line="73"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/ledger_entry.py" line="74"/>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/ledger_entry.py" line="74"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/ledger_entry.py" line="78"/>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/ledger_entry.py" line="80"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/ledger_entry.py" line="82"/>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/ledger_entry.py" line="85"/>
        <source>Recording</source>
        <translation>录制</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/ledger_entry.py" line="85"/>
        <source>complete</source>
        <translation>完整</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/ledger_entry.py" line="86"/>
        <source>cut short</source>
        <translation>中途中断</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/ledger_entry.py" line="88"/>
        <source>File fingerprint (SHA-256)</source>
        <translation>文件指纹（SHA-256）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/ledger_entry.py" line="104"/>
        <source>Details: the signed entry as the ledger holds it (JSON)</source>
        <translation>详情：账本中保存的已签名条目（JSON）</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <location filename="../../app/packseal/gui/library/view.py" line="221"/>
        <source>Searching…</source>
        <extracomment>New clips arriving within this time cause one refresh, not one each.</extracomment>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/view.py" line="223"/>
        <source>No clips match.</source>
        <translation>没有符合条件的录像。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/packseal/gui/library/view.py" line="225"/>
        <source>Clips found: %Ln</source>
        <translation>
            <numerusform>找到录像：%Ln 段</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/view.py" line="257"/>
        <source>The clip file is missing: {path}</source>
        <translation>录像文件不见了：{path}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/view.py" line="270"/>
        <source>The other camera recorded nothing of this order.</source>
        <translation>另一个摄像头没有录到这个订单的任何画面。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/view.py" line="273"/>
        <source>The other camera&apos;s file is missing: {path}</source>
        <translation>另一个摄像头的视频文件不见了：{path}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/view.py" line="282"/>
        <source>{order} · {station} · {time} · {length}</source>
        <translation>{order} · {station} · {time} · {length}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/view.py" line="361"/>
        <source>Select a clip to play it</source>
        <translation>选择一段录像即可播放</translation>
    </message>
</context>
<context>
    <name>LinkBar</name>
    <message>
        <location filename="../../app/packseal/gui/station/bench_bars.py" line="180"/>
        <source>Return {code}: scan or type the original order ID, then Enter (Esc: later)</source>
        <translation>退货 {code}：扫描或输入原订单号，再按回车（Esc：稍后再说）</translation>
    </message>
</context>
<context>
    <name>MappingForm</name>
    <message>
        <location filename="../../app/packseal/gui/orders/mapping_form.py" line="54"/>
        <location filename="../../app/packseal/gui/orders/mapping_form.py" line="94"/>
        <source>— not in the file —</source>
        <translation>— 文件中没有 —</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/mapping_form.py" line="56"/>
        <source>(column {n})</source>
        <translation>（第 {n} 列）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/mapping_form.py" line="89"/>
        <source>Weight column in:</source>
        <translation>重量列的单位：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/mapping_form.py" line="90"/>
        <source>grams (g)</source>
        <translation>克 (g)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/mapping_form.py" line="91"/>
        <source>kilograms (kg)</source>
        <translation>千克 (kg)</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="191"/>
        <source>The data folder was checked at start-up</source>
        <translation>启动时已检查数据文件夹</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="192"/>
        <source>PackSeal repaired or noticed the following; nothing recorded was lost. Details are in the log.</source>
        <translation>PackSeal 修复或发现了以下情况，已录制的内容没有丢失。详情见日志。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="198"/>
        <source>Not enough room even after clean-up</source>
        <translation>清理后空间仍然不足</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="206"/>
        <source>Old recordings were deleted to keep the disk reserve (each deletion is in the seal): {summary}</source>
        <translation>为保持磁盘预留空间，已删除较早的录像（每次删除都记入存证链）：{summary}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="39"/>
        <location filename="../../app/packseal/gui/problem_texts.py" line="304"/>
        <source>Code refused – nothing was recorded</source>
        <translation>条码无效——未开始录制</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="43"/>
        <source>The station cannot record right now; see the alert.</source>
        <translation>打包台暂时无法录制，请查看上方提示。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="46"/>
        <source>This is a product barcode ({kind}), not a waybill</source>
        <translation>这是商品条码（{kind}），不是快递面单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="65"/>
        <source>The code was empty. Scan the waybill barcode again.</source>
        <translation>条码为空，请重新扫描面单条码。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="66"/>
        <source>The code is too long to be an order number; it is probably not the waybill barcode.</source>
        <translation>条码太长，不像订单号，可能扫到的不是面单条码。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="68"/>
        <source>The code contains control characters; check the scanner&apos;s prefix and suffix settings.</source>
        <translation>条码含有控制字符，请检查扫码枪的前缀、后缀设置。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="74"/>
        <source>The code contains &apos;/&apos;, &apos;\&apos; or &apos;..&apos;, which an order number may not hold.</source>
        <translation>条码含有“/”“\”或“..”，订单号中不允许出现这些字符。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="75"/>
        <source>The code is not text.</source>
        <translation>条码不是文字。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="70"/>
        <source>The code arrived as full-width characters: a Chinese input method is in full-width mode. Switch it to English (half-width) and scan again.</source>
        <translation>扫到的是全角字符：中文输入法处于全角状态。请把输入法切换到英文（半角）后重新扫描。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="72"/>
        <source>The code contains characters that are not plain letters or digits. If a Chinese input method is on, switch it to English and scan again.</source>
        <translation>条码中含有不是普通字母或数字的字符。如果开着中文输入法，请切换到英文后重新扫描。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="76"/>
        <source>Scan the waybill label on the parcel. Product barcodes never start or end an order.</source>
        <translation>请扫描包裹上的快递面单。商品条码不会开始或结束订单。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="78"/>
        <source>It is too short for a waybill or order number (the ticked rules need at least {count} characters).</source>
        <translation>太短，不像面单号或订单号（已勾选的规则至少需要 {count} 个字符）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="80"/>
        <source>It contains “{char}”, which no ticked order-number rule allows.</source>
        <translation>其中含有“{char}”，已勾选的单号规则都不允许这个字符。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="81"/>
        <source>a space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="82"/>
        <source>It has the shape of {rule} numbers, but its check digit is wrong. Scan it again.</source>
        <translation>格式像{rule}的单号，但校验位不对。请重新扫描。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="86"/>
        <source>It starts like {rule} numbers, but those are {shape}.</source>
        <translation>开头像{rule}的单号，但这类单号应为：{shape}。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="89"/>
        <source>It is not the format of any carrier or order number ticked in Settings → Order numbers.</source>
        <translation>不符合“设置 → 单号规则”里已勾选的任何快递公司或订单号格式。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="92"/>
        <source>A valid code looks like {examples}.</source>
        <translation>有效的单号例如 {examples}。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="95"/>
        <source>Scanned “{code}”. {advice}</source>
        <translation>扫到的是“{code}”。{advice}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="100"/>
        <source>Camera lost</source>
        <translation>摄像头断开</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="101"/>
        <source>No pictures are coming from the camera. Check its cable; recording resumes by itself when it is back.</source>
        <translation>收不到摄像头画面。请检查连接线；摄像头恢复后会自动继续录制。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="108"/>
        <source>First camera</source>
        <translation>第一个摄像头</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="109"/>
        <source>Second camera</source>
        <translation>第二个摄像头</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="114"/>
        <source>First camera lost</source>
        <translation>第一个摄像头断开</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="123"/>
        <source>Second camera lost</source>
        <translation>第二个摄像头断开</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="115"/>
        <source>No pictures are coming from the first camera. The second camera records on, and each clip names the time the first camera missed. Check its cable; it resumes by itself when it is back.</source>
        <translation>第一个摄像头没有画面传来。第二个摄像头继续录制，每段视频都会注明第一个摄像头缺失的时间。请检查它的连接线；恢复后会自动继续录制。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="55"/>
        <source>{some} or {last}</source>
        <translation>{some} 或 {last}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="56"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="124"/>
        <source>No pictures are coming from the second camera. The first camera records on, and each clip names the time the second camera missed. Check its cable; it resumes by itself when it is back.</source>
        <translation>第二个摄像头没有画面传来。第一个摄像头继续录制，每段视频都会注明第二个摄像头缺失的时间。请检查它的连接线；恢复后会自动继续录制。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="132"/>
        <source>Second camera not recording</source>
        <translation>第二个摄像头未在录制</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="133"/>
        <source>The second camera&apos;s video encoder has stopped; PackSeal is restarting it. The first camera records on.</source>
        <translation>第二个摄像头的视频编码器已停止，PackSeal 正在重启它。第一个摄像头继续录制。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="139"/>
        <source>Video recording stopped</source>
        <translation>视频录制已停止</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="140"/>
        <source>The video encoder has stopped; PackSeal is restarting it. If this alert stays, press F5. Finished clips are safe.</source>
        <translation>视频编码器停止了，PackSeal 正在自动重启它。如果此提示一直不消失，请按 F5。已完成的视频不受影响。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="146"/>
        <source>Disk nearly full</source>
        <translation>磁盘空间快满了</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="147"/>
        <source>Only {free} left for recordings. Free up space or move old clips soon.</source>
        <translation>录像空间只剩 {free}。请尽快清理空间或转移旧视频。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="152"/>
        <source>Disk full – new orders are refused</source>
        <translation>磁盘已满——暂停接新单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="153"/>
        <source>Only {free} left, below the {reserve} kept in reserve. Free up space to record again.</source>
        <translation>只剩 {free}，低于预留的 {reserve}。清理空间后才能继续录制。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="161"/>
        <source>The storage folder cannot be reached – new orders are refused</source>
        <translation>无法访问存储文件夹——暂停接新单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="163"/>
        <source>Connect the disk holding the storage folder, or check the network drive. New orders are recorded again once it is back.</source>
        <translation>请接好存放存储文件夹的磁盘，或检查网络驱动器。恢复后即可继续录制新订单。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="168"/>
        <source>A recording could not be sealed</source>
        <translation>有一段录像未能签名存证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="169"/>
        <source>The video file is kept and will be sealed when PackSeal restarts. If this repeats, check the disk and the log.</source>
        <translation>视频文件已保留，PackSeal 重启时会补做存证。如果反复出现，请检查磁盘和日志。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="175"/>
        <source>The search index is damaged</source>
        <translation>检索索引已损坏</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="176"/>
        <source>It only helps to find clips: the recordings and the ledger are kept apart from it. Restart PackSeal when convenient: it rebuilds the index from the ledger as it starts. Pins, notes and disputed marks are carried over as far as they can be read.</source>
        <translation>索引只用于查找视频：录像和存证账本与它分开保存。请在方便时重启 PackSeal：启动时会根据存证账本重建索引。置顶、备注和争议标记会尽量从旧索引中读出并保留。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="184"/>
        <source>The clip of order {order} could not be made</source>
        <translation>订单 {order} 的视频未能生成</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="186"/>
        <source>The video is kept with the recent video between orders; see the log.</source>
        <translation>视频保留在订单间的近期录像中；详情见日志。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="199"/>
        <source>Only pinned clips, clips in a dispute and the recent video kept between orders are left. Free space on the disk or lower the reserve in Settings.</source>
        <translation>只剩下永久保留的录像、纠纷中的录像和订单间保留的近期录像。请清理磁盘空间，或在设置中调低预留空间。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="211"/>
        <source>Recovered after an unexpected stop</source>
        <translation>已从意外中断中恢复</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="212"/>
        <source>PackSeal finished and sealed what the last run left behind; the recovered orders are in the list.</source>
        <translation>PackSeal 已补完并存证上次中断时留下的录像，恢复的订单已在列表中。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="218"/>
        <source>Recording process stopped</source>
        <translation>录制进程意外停止</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="219"/>
        <source>The part of PackSeal that records stopped unexpectedly and is being started again. The order being recorded continues when it is back, the missed seconds noted in its clip. Wait for this alert to clear before the next scan.</source>
        <translation>PackSeal 负责录制的部分意外停止，正在重新启动。恢复后正在录制的订单会继续录制，中断的秒数会记在该视频的记录中。请等此提示消失后再扫描下一单。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="227"/>
        <source>The camera could not start</source>
        <translation>摄像头无法启动</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="228"/>
        <source>Check the camera&apos;s cable and the camera chosen in Settings, then press F5 to try again.</source>
        <translation>请检查摄像头连接线和“设置”中选择的摄像头，然后按 F5 重试。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="237"/>
        <source>Continues recording after the unexpected stop (the missed seconds are noted in the clip): {orders}</source>
        <translation>意外停止后继续录制（漏录的秒数记在视频记录中）：{orders}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="241"/>
        <source>complete</source>
        <translation>完整</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="241"/>
        <source>cut short</source>
        <translation>中途中断</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="242"/>
        <source>Recovered clip of order {order}: {seconds} s, {status}</source>
        <translation>已恢复订单 {order} 的视频：{seconds} 秒，{status}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="245"/>
        <source>Sealed {n} piece(s) of recent video that the last run left unsealed</source>
        <translation>已封存上次运行留下的 {n} 段未封存的视频</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="250"/>
        <source>Recent video in {folder} could not be read and was left as it is ({error})</source>
        <translation>{folder} 中的近期视频无法读取，已原样保留（{error}）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="253"/>
        <source>The last {n} bytes of video, written as the program stopped, could not be decoded</source>
        <translation>程序停止时正在写入的最后 {n} 字节视频无法解码</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="256"/>
        <source>Order {order} stopped before any of its video reached the disk; no clip could be made</source>
        <translation>订单 {order} 在任何视频写入磁盘前就已停止，无法生成视频</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="259"/>
        <source>Order {order} could not be recovered: {error}</source>
        <translation>订单 {order} 无法恢复：{error}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="267"/>
        <source>The station is not running</source>
        <translation>打包台没有在运行</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="268"/>
        <source>Press F5 to start it again; the scan was not recorded.</source>
        <translation>请按 F5 重新启动；这次扫描没有录制。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="275"/>
        <source>The camera could not be opened</source>
        <translation>无法打开摄像头</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="276"/>
        <source>Check that it is connected and not used by another program, or choose another camera in Settings. Then press F5.</source>
        <translation>请检查摄像头是否已连接、是否被其他程序占用，或在“设置”中换一个摄像头，然后按 F5。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="280"/>
        <source>Video recording could not start</source>
        <translation>无法开始视频录制</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="281"/>
        <source>Try the software encoder (libx264) in Settings, then press F5.</source>
        <translation>请在“设置”中改用软件编码器（libx264），然后按 F5。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="284"/>
        <source>The disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="285"/>
        <source>Free up space, then try again.</source>
        <translation>请清理空间后重试。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="287"/>
        <source>A file could not be read or written</source>
        <translation>文件读写失败</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="288"/>
        <source>Check the storage folder and its permissions.</source>
        <translation>请检查存储文件夹及其权限。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="291"/>
        <source>The seal ledger reported a problem</source>
        <translation>存证账本报告了问题</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="292"/>
        <source>Run “packseal verify” and see the log.</source>
        <translation>请运行“packseal verify”并查看日志。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="294"/>
        <source>A setting or input is not valid</source>
        <translation>设置或输入无效</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="295"/>
        <source>Correct it and try again.</source>
        <translation>请更正后重试。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="296"/>
        <source>Something unexpected went wrong</source>
        <translation>出现了意外错误</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="297"/>
        <source>The details are in the log file. Please report it.</source>
        <translation>详情已写入日志文件，请反馈此问题。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="305"/>
        <source>“{code}” came as fast as a scan but without Enter at the end, so it was not taken as a scan. Set the scanner to send Enter after each code, or, if it sends Tab, tick “The scanner ends each code with Tab instead of Enter” in Settings → Station.</source>
        <translation>“{code}”的输入速度和扫码一样快，但末尾没有回车，所以没有当作扫码处理。请把扫码枪设置为每个条码后发送回车；如果它发送的是 Tab，请在“设置 → 打包台”中勾选“扫码枪以 Tab 代替回车结束每个条码”。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="314"/>
        <source>Scan refused – it arrived in parts, nothing was recorded</source>
        <translation>扫码被拒绝——条码分段到达，未录制任何内容</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/problem_texts.py" line="315"/>
        <source>The scan reached PackSeal in parts with a pause between them (“{parts}”), probably because the computer was busy. A part on its own could be a wrong order number, so nothing was taken. Scan the waybill again.</source>
        <translation>扫码分成几段到达 PackSeal，中间有停顿（“{parts}”），可能是电脑当时太忙。单独一段可能是错误的单号，因此没有采用。请重新扫描运单。</translation>
    </message>
</context>
<context>
    <name>OrderBar</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/order_bar.py" line="50"/>
        <source>No photo yet</source>
        <translation>尚未选择照片</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/order_bar.py" line="51"/>
        <source>Photo: {name}</source>
        <translation>照片：{name}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/packseal/gui/dispute/order_bar.py" line="53"/>
        <source>%n photos in this claim</source>
        <translation>
            <numerusform>本次纠纷共 %n 张照片</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/order_bar.py" line="57"/>
        <source>Order:</source>
        <translation>订单号：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/order_bar.py" line="58"/>
        <source>type or scan the order number, then Enter</source>
        <translation>输入或扫描订单号，然后按回车</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/order_bar.py" line="59"/>
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/order_bar.py" line="60"/>
        <source>Add the buyer&apos;s refund photos (Ctrl+O), or drop them onto this view</source>
        <translation>添加买家的退款照片（Ctrl+O），或把照片拖到此处</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/order_bar.py" line="63"/>
        <source>One zip with the sealed clip, the photos, the frames, your annotations and a report, which a platform reviewer can check without PackSeal</source>
        <translation>一个 zip 文件，包含已存证的录像、照片、画面、您的标注和报告，平台审核人员无需安装 PackSeal 即可核验</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/order_bar.py" line="61"/>
        <source>Compare</source>
        <translation>比对</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/order_bar.py" line="62"/>
        <source>Build evidence pack…</source>
        <translation>生成证据包…</translation>
    </message>
</context>
<context>
    <name>OrderDisplay</name>
    <message>
        <location filename="../../app/packseal/gui/station/order_display.py" line="78"/>
        <source>Waiting for a scan</source>
        <translation>等待扫描</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/order_display.py" line="98"/>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
</context>
<context>
    <name>OrderFeedSettings</name>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="153"/>
        <source>New token made: give it to every program that sends orders.</source>
        <translation>已生成新令牌：请把它告诉每个推送订单的程序。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="157"/>
        <source>Folder of order files</source>
        <translation>订单文件所在文件夹</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="167"/>
        <source>Asking…</source>
        <translation>正在询问…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="173"/>
        <source>The endpoint answers (HTTP {status}).</source>
        <translation>接收地址有响应（HTTP {status}）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="177"/>
        <source>Nothing answers there ({error}). Save the settings first; the recorder starts the endpoint within a second.</source>
        <translation>该地址没有响应（{error}）。请先保存设置，录像程序会在一秒内开启接收地址。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="186"/>
        <source>off</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="189"/>
        <source>Orders can also arrive while PackSeal runs: from your ERP or shop tools as JSON documents (the format is in docs/ORDERS.md), dropped into a folder or sent to a local web address.</source>
        <translation>PackSeal 运行时也能实时接收订单：由 ERP 或店铺工具生成 JSON 文件（格式见 docs/ORDERS.md），放进一个文件夹，或发送到本机的网址。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="192"/>
        <source>Watched folder:</source>
        <translation>监视的文件夹：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="192"/>
        <source>Listen on:</source>
        <translation>监听地址：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="192"/>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="193"/>
        <source>Token:</source>
        <translation>令牌：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="193"/>
        <source>Address:</source>
        <translation>接收网址：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="195"/>
        <source>none (no folder is watched)</source>
        <translation>无（不监视文件夹）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="196"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="197"/>
        <source>Use the default folder</source>
        <translation>使用默认文件夹</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="198"/>
        <source>Receive orders over HTTP</source>
        <translation>通过 HTTP 接收订单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="199"/>
        <source>127.0.0.1 — this computer only</source>
        <translation>127.0.0.1 — 仅本机</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="200"/>
        <source>0.0.0.0 — every network of this computer</source>
        <translation>0.0.0.0 — 本机的所有网络</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="204"/>
        <source>{address} — the shop&apos;s network</source>
        <translation>{address} — 店内局域网</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="211"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="212"/>
        <source>New token</source>
        <translation>换新令牌</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="213"/>
        <source>Check</source>
        <translation>检测</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/feed_settings.py" line="214"/>
        <source>Files are taken when they stop growing and moved to done/ or, refused, to failed/ with a note saying why. Programs sending over HTTP put the token in the header “Authorization: Bearer TOKEN”. Another computer can reach the address only when it listens on a network address, not 127.0.0.1.</source>
        <translation>文件写完（不再变大）后被读取，随后移入 done/；被拒绝的移入 failed/，并附一个说明原因的文件。通过 HTTP 推送的程序要在请求头中带上令牌：“Authorization: Bearer 令牌”。只有监听局域网地址（而不是 127.0.0.1）时，其他电脑才能访问这个网址。</translation>
    </message>
</context>
<context>
    <name>OrderImportDialog</name>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="120"/>
        <source>Order export to import</source>
        <translation>选择要导入的订单导出文件</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="121"/>
        <source>Order exports (*.csv *.txt *.xlsx);;All files (*)</source>
        <translation>订单导出文件 (*.csv *.txt *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="134"/>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="155"/>
        <source>{columns} columns ({how}); the first {rows} rows are shown.</source>
        <translation>共 {columns} 列（{how}），下面显示前 {rows} 行。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="194"/>
        <source>Columns as documented at: {source}</source>
        <translation>列名依据：{source}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="213"/>
        <source>Save mapping</source>
        <translation>保存对应关系</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="213"/>
        <source>Name of this mapping:</source>
        <translation>这套对应关系的名称：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="225"/>
        <source>Mapping saved as “{name}”.</source>
        <translation>对应关系已保存为“{name}”。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="231"/>
        <source>Choose the column that holds the order ID first.</source>
        <translation>请先选出订单号所在的列。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="236"/>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="243"/>
        <source>Imported {orders} orders ({new} new, {updated} updated) and {items} items from {rows} rows.</source>
        <translation>已从 {rows} 行导入 {orders} 个订单（新增 {new} 个，更新 {updated} 个），共 {items} 条商品。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="249"/>
        <source>{count} rows refused; their orders were not imported.</source>
        <translation>{count} 行被拒收，这些行所属的订单没有导入。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="252"/>
        <source> (order {order})</source>
        <translation>（订单 {order}）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="253"/>
        <source>Row {row}{order}: {reason}</source>
        <translation>第 {row} 行{order}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="256"/>
        <source>… and {count} more</source>
        <translation>… 另有 {count} 行</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="264"/>
        <source>Nothing was imported: {reason}</source>
        <translation>没有导入任何订单：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="282"/>
        <source>Columns chosen by hand</source>
        <translation>手动选择的列</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="285"/>
        <source>Import orders</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="286"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="287"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="288"/>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="289"/>
        <source>Detect (UTF-8 or GBK)</source>
        <translation>自动识别（UTF-8 或 GBK）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="292"/>
        <source>Which column holds what</source>
        <translation>哪一列是什么</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="293"/>
        <source>Mapping:</source>
        <translation>对应关系：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="294"/>
        <source>Save mapping as…</source>
        <translation>另存对应关系…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="295"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/import_dialog.py" line="299"/>
        <source>Choose a CSV or XLSX export of your orders.</source>
        <translation>请选择订单导出的 CSV 或 XLSX 文件。</translation>
    </message>
</context>
<context>
    <name>OrderPanel</name>
    <message>
        <location filename="../../app/packseal/gui/station/order_panel.py" line="98"/>
        <source>Buyer&apos;s note: {note}</source>
        <translation>买家备注：{note}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/order_panel.py" line="100"/>
        <source>Seller&apos;s note: {note}</source>
        <translation>卖家备注：{note}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/order_panel.py" line="114"/>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/order_panel.py" line="114"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/order_panel.py" line="133"/>
        <source>F7: read the notes aloud</source>
        <translation>F7：朗读备注</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/order_panel.py" line="139"/>
        <source>RETURN {code} of order {order}</source>
        <translation>退货 {code}，原订单 {order}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/order_panel.py" line="140"/>
        <source>RETURN {code}: original order not known (F4 to enter it)</source>
        <translation>退货 {code}：原订单未知（按 F4 输入）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/order_panel.py" line="142"/>
        <source>{code} is not in the order data: nothing to check</source>
        <translation>订单数据里没有 {code}：无需核对</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/order_panel.py" line="144"/>
        <source>Order {order}{status}</source>
        <translation>订单 {order}{status}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/order_panel.py" line="149"/>
        <source>WRONG ITEM {code}: not in this order, take it out</source>
        <translation>商品错了 {code}：本单没有这个商品，请拿出来</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/order_panel.py" line="152"/>
        <source>TOO MANY: {name} is already complete, take one out</source>
        <translation>多放了：{name} 已经够数，请拿出一件</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/order_panel.py" line="156"/>
        <source>ALL ITEMS CHECKED ✔</source>
        <translation>商品已全部核对 ✔</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/packseal/gui/station/order_panel.py" line="158"/>
        <source>Stopped with %n item(s) missing</source>
        <translation>
            <numerusform>已停止，还缺 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/packseal/gui/station/order_panel.py" line="159"/>
        <source>%n item(s) to scan</source>
        <translation>
            <numerusform>还需扫描 %n 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderRules</name>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="17"/>
        <source>SF Express</source>
        <translation>顺丰速运</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="18"/>
        <source>JD Logistics</source>
        <translation>京东物流</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="19"/>
        <source>YTO Express</source>
        <translation>圆通速递</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="20"/>
        <source>ZTO Express</source>
        <translation>中通快递</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="21"/>
        <source>STO Express</source>
        <translation>申通快递</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="22"/>
        <source>Yunda</source>
        <translation>韵达快递</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="23"/>
        <source>EMS / China Post</source>
        <translation>EMS / 中国邮政</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="24"/>
        <source>J&amp;T Express</source>
        <translation>极兔速递</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="25"/>
        <source>Cainiao</source>
        <translation>菜鸟</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="26"/>
        <source>Shopee Xpress (SPX)</source>
        <translation>Shopee 物流 (SPX)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="27"/>
        <source>Lazada Express (LEX)</source>
        <translation>Lazada 物流 (LEX)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="28"/>
        <source>Ninja Van</source>
        <translation>Ninja Van</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="29"/>
        <source>Flash Express</source>
        <translation>Flash Express（泰国）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="30"/>
        <source>Kerry Express</source>
        <translation>嘉里快递 (Kerry)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="31"/>
        <source>Taobao / Tmall / Douyin order</source>
        <translation>淘宝/天猫/抖音订单号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="32"/>
        <source>Pinduoduo order</source>
        <translation>拼多多订单号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="33"/>
        <source>Amazon order</source>
        <translation>亚马逊订单号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="34"/>
        <source>Shopee order</source>
        <translation>Shopee 订单号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="35"/>
        <source>Any code</source>
        <translation>任意编码</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="41"/>
        <source>SF + 12–13 digits</source>
        <translation>SF 加 12–13 位数字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="42"/>
        <source>JD + letters and 11–15 digits</source>
        <translation>JD 加字母和 11–15 位数字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="43"/>
        <source>YT + 10–15 digits</source>
        <translation>YT 加 10–15 位数字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="44"/>
        <source>12 or 14 digits starting 73–79</source>
        <translation>以 73–79 开头的 12 或 14 位数字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="45"/>
        <source>12–15 digits starting 77, 88, 66, 55, 58, 99, 22, x68 or 900</source>
        <translation>以 77、88、66、55、58、99、22、x68 或 900 开头的 12–15 位数字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="46"/>
        <source>12–15 digits starting 31, 33, 35, 39, 43, 46 or 50</source>
        <translation>以 31、33、35、39、43、46 或 50 开头的 12–15 位数字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="47"/>
        <source>13 digits starting 1, or 2 letters + 9 digits + CN</source>
        <translation>以 1 开头的 13 位数字，或 2 个字母加 9 位数字加 CN</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="48"/>
        <source>JT + 12–13 digits</source>
        <translation>JT 加 12–13 位数字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="49"/>
        <source>LP + 14 digits, or 15 digits starting 621</source>
        <translation>LP 加 14 位数字，或以 621 开头的 15 位数字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="50"/>
        <source>SPX + country + 10–13 digits</source>
        <translation>SPX 加国家代码加 10–13 位数字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="51"/>
        <source>MYMPA + 9 digits, or LX.. + 9–12 digits</source>
        <translation>MYMPA 加 9 位数字，或 LX.. 加 9–12 位数字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="52"/>
        <source>NV + country + 8–20 letters or digits</source>
        <translation>NV 加国家代码加 8–20 位字母或数字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="53"/>
        <source>TH + 8–18 digits and letters</source>
        <translation>TH 加 8–18 位数字和字母</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="54"/>
        <source>SHP + 7–13 digits</source>
        <translation>SHP 加 7–13 位数字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="55"/>
        <source>16–19 digits</source>
        <translation>16–19 位数字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="56"/>
        <source>6 digits - 15 digits</source>
        <translation>6 位数字 - 15 位数字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="57"/>
        <source>3-7-7 digits</source>
        <translation>3-7-7 位数字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="58"/>
        <source>6 digits (date) + 6–10 capitals and digits</source>
        <translation>6 位数字（日期）加 6–10 位大写字母和数字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="59"/>
        <source>8–40 letters, digits, - and _</source>
        <translation>8–40 位字母、数字、- 和 _</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/rule_texts.py" line="75"/>
        <source>{shape}, for example {example}</source>
        <translation>{shape}，例如 {example}</translation>
    </message>
</context>
<context>
    <name>OrderRulesPage</name>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="152"/>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="224"/>
        <source>regular expression</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="160"/>
        <source>shop</source>
        <translation>本店</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="184"/>
        <source>The rules cannot be used yet: {reason}</source>
        <translation>规则还不能用：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="191"/>
        <source>{title}. {advice}</source>
        <translation>{title}。{advice}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="193"/>
        <source>Refused: {reason}</source>
        <translation>拒绝：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="195"/>
        <source>Accepted as {rule}.</source>
        <translation>接受，识别为{rule}。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="198"/>
        <source>The same digits are also a valid {kind} product code; the ticked rule claims this number range, so a scan starts an order. From the camera, a code printed as {kind} is always refused.</source>
        <translation>这串数字同时也是有效的 {kind} 商品条码；已勾选的规则包含这个号段，所以扫描会开始订单。摄像头读到印成 {kind} 的条码时一律拒绝。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="207"/>
        <source>A scan starts an order only when the code is the number of a ticked carrier or marketplace. Product barcodes on the goods (EAN, UPC, ISBN) never start or end an order.</source>
        <translation>只有扫到已勾选的快递公司面单号或平台订单号时才会开始订单。商品上的条码（EAN、UPC、ISBN）不会开始或结束订单。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="210"/>
        <source>Carriers&apos; waybill numbers</source>
        <translation>快递面单号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="211"/>
        <source>Marketplace order numbers (printed on packing lists)</source>
        <translation>平台订单号（印在发货单上）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="216"/>
        <source>Advanced: the shop&apos;s own numbers</source>
        <translation>高级：本店自己的单号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="217"/>
        <source>Write the shop&apos;s order number with # for a digit, @ for a letter and * for either; {8} repeats the sign before it 8 times, {6-10} 6 to 10 times. Example: ORD-######## accepts ORD-20240001. Tick “regular expression” to write a regular expression instead.</source>
        <translation>按本店单号的样子填写：# 代表一位数字，@ 代表一个字母，* 代表字母或数字；{8} 表示前一个符号重复 8 次，{6-10} 表示 6 到 10 次。例如 ORD-######## 可以接受 ORD-20240001。勾选“正则表达式”则改写正则表达式。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="221"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="221"/>
        <source>Pattern</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="221"/>
        <source>Expert form</source>
        <translation>专家写法</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="226"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="227"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="228"/>
        <source>Accept any code of 8–40 letters and digits (not recommended)</source>
        <translation>接受任意 8–40 位字母和数字的编码（不推荐）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="229"/>
        <source>Warning: any scanned code will then end the running order and start a new one, also a mis-scan or a shelf label. Only product barcodes are still refused.</source>
        <translation>注意：这样一来，扫到任何编码（包括扫错的码、货架标签）都会结束当前订单并开始新订单。只有商品条码仍会被拒绝。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="232"/>
        <source>Try a code:</source>
        <translation>试一个单号：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/order_rules_page.py" line="233"/>
        <source>type or scan a code here</source>
        <translation>在这里输入或扫描单号</translation>
    </message>
</context>
<context>
    <name>OrderTexts</name>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="14"/>
        <source>Order ID</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="15"/>
        <source>Waybill(s)</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="16"/>
        <source>Return waybill(s)</source>
        <translation>退货运单号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="17"/>
        <source>SKU</source>
        <translation>SKU（商家编码）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="18"/>
        <source>Product barcode</source>
        <translation>商品条码</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="19"/>
        <source>Product name</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="20"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="21"/>
        <source>Status</source>
        <translation>订单状态</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="22"/>
        <source>Buyer&apos;s note</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="23"/>
        <source>Seller&apos;s note</source>
        <translation>卖家备注</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="24"/>
        <source>Expected weight</source>
        <translation>预计重量</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="25"/>
        <source>Picture (path or URL)</source>
        <translation>图片（路径或网址）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="33"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="34"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="35"/>
        <source>Refund requested</source>
        <translation>退款中</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="36"/>
        <source>Unpaid</source>
        <translation>待付款</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="37"/>
        <source>To ship</source>
        <translation>待发货</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="38"/>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="39"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="48"/>
        <source>no order ID</source>
        <translation>没有订单号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="49"/>
        <source>quantity “{value}” is not a whole number of pieces</source>
        <translation>数量“{value}”不是整数件数</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="50"/>
        <source>quantity {value} is not between 1 and {most}</source>
        <translation>数量 {value} 不在 1 到 {most} 之间</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="51"/>
        <source>weight “{value}” is not a number</source>
        <translation>重量“{value}”不是数字</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/texts.py" line="52"/>
        <source>weight {value} is more than a tonne</source>
        <translation>重量 {value} 超过一吨</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="148"/>
        <source>yes</source>
        <translation>有</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="148"/>
        <source>no</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="155"/>
        <source>{count} orders</source>
        <translation>{count} 个订单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="156"/>
        <source>first {count} orders</source>
        <translation>前 {count} 个订单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="163"/>
        <source>Search failed: {error}</source>
        <translation>搜索失败：{error}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="175"/>
        <source>No order chosen</source>
        <translation>未选择订单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="183"/>
        <source>Waybills: {codes}</source>
        <translation>运单号：{codes}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="185"/>
        <source>Return waybills: {codes}</source>
        <translation>退货运单号：{codes}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="186"/>
        <source>Buyer&apos;s note: {note}</source>
        <translation>买家留言：{note}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="187"/>
        <source>Seller&apos;s note: {note}</source>
        <translation>卖家备注：{note}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="189"/>
        <source>Expected weight: {grams} g</source>
        <translation>预计重量：{grams} 克</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="190"/>
        <source>Clip: recorded under {code}</source>
        <translation>打包视频：已录制（{code}）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="191"/>
        <source>Clip: none recorded yet</source>
        <translation>打包视频：尚未录制</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="205"/>
        <source>Search by order ID, waybill, SKU or buyer&apos;s note</source>
        <translation>按订单号、运单号、SKU 或买家留言搜索</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="206"/>
        <source>Import orders…</source>
        <translation>导入订单…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="207"/>
        <source>Order ID</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="207"/>
        <source>Waybills</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="207"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="208"/>
        <source>Pieces</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="208"/>
        <source>Clip</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="209"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="209"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="209"/>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="210"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/orders/page.py" line="211"/>
        <source>Show the clip in the library</source>
        <translation>在视频库中查看</translation>
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
    <name>PackBuilder</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/pack_builder.py" line="63"/>
        <source>Save the evidence pack</source>
        <translation>保存证据包</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/pack_builder.py" line="64"/>
        <source>Evidence pack (*.zip)</source>
        <translation>证据包 (*.zip)</translation>
    </message>
</context>
<context>
    <name>PackingPanel</name>
    <message>
        <location filename="../../app/packseal/gui/library/packing_panel.py" line="104"/>
        <location filename="../../app/packseal/gui/library/packing_panel.py" line="117"/>
        <source>Packing check</source>
        <translation>打包核对</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/packing_panel.py" line="105"/>
        <source>The packing record could not be read: {error}</source>
        <translation>无法读取打包记录：{error}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/packing_panel.py" line="117"/>
        <source>Return unboxing</source>
        <translation>退货开箱</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/packing_panel.py" line="122"/>
        <source>Return of this order: {order}, {time}</source>
        <translation>本订单的退货：{order}，{time}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/packing_panel.py" line="123"/>
        <source>Shipment of this return: {order}, {time}</source>
        <translation>本退货对应的发货：{order}，{time}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/packing_panel.py" line="125"/>
        <source>Open return</source>
        <translation>打开退货录像</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/packing_panel.py" line="125"/>
        <source>Open shipment</source>
        <translation>打开发货录像</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/packing_panel.py" line="126"/>
        <source>Show that clip ({key})</source>
        <translation>显示该录像（{key}）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/packing_panel.py" line="129"/>
        <source>Return of order {order} (no clip of it here)</source>
        <translation>订单 {order} 的退货（本机没有该订单的录像）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/packing_panel.py" line="140"/>
        <source>Items scanned: {scanned} of {expected}</source>
        <translation>已扫商品：{scanned} / {expected} 件</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/packing_panel.py" line="147"/>
        <source>{time} scanned {code}: {result}</source>
        <translation>{time} 扫到 {code}：{result}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/packing_panel.py" line="150"/>
        <source>{time} warning: {warning}, {decision}</source>
        <translation>{time} 警告：{warning}，{decision}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/packing_panel.py" line="154"/>
        <source>Packer {badge}</source>
        <translation>打包员 {badge}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/packing_panel.py" line="156"/>
        <source>Weight {grams} g</source>
        <translation>重量 {grams} 克</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/packing_panel.py" line="158"/>
        <source>expected {grams} g</source>
        <translation>预期 {grams} 克</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/packing_panel.py" line="160"/>
        <source>Order status {status}</source>
        <translation>订单状态 {status}</translation>
    </message>
</context>
<context>
    <name>PackingWords</name>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="9"/>
        <source>Shipment</source>
        <translation>发货</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="10"/>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="11"/>
        <source>Complete</source>
        <translation>已核对齐全</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="12"/>
        <source>Incomplete</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="13"/>
        <source>Not checked</source>
        <translation>未核对</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="14"/>
        <source>Wrong item seen</source>
        <translation>扫到错件</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="15"/>
        <source>Warnings overridden</source>
        <translation>确认过警告</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="16"/>
        <source>ticked</source>
        <translation>已核对</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="17"/>
        <source>wrong item, not counted</source>
        <translation>错件，未计数</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="18"/>
        <source>one too many, not counted</source>
        <translation>多扫，未计数</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="19"/>
        <source>Order cancelled</source>
        <translation>订单已取消</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="20"/>
        <source>Order refunded</source>
        <translation>订单已退款</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="21"/>
        <source>Waybill recorded before</source>
        <translation>面单已录制过</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="22"/>
        <source>Items missing at stop</source>
        <translation>停止时商品不齐</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="23"/>
        <source>Weight out of range</source>
        <translation>重量超出范围</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="24"/>
        <source>the packer confirmed</source>
        <translation>打包员已确认</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="25"/>
        <source>shown</source>
        <translation>仅提示</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="29"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="30"/>
        <source>refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="31"/>
        <source>refund requested</source>
        <translation>退款申请中</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="32"/>
        <source>unpaid</source>
        <translation>未付款</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="33"/>
        <source>to ship</source>
        <translation>待发货</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="34"/>
        <source>shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/packing_words.py" line="35"/>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
</context>
<context>
    <name>PhotoDrop</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/photo_drop.py" line="32"/>
        <source>Open the buyer&apos;s photos</source>
        <translation>打开买家的照片</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/photo_drop.py" line="33"/>
        <source>Photos ({patterns});;All files (*)</source>
        <translation>照片 ({patterns});;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>PhotoList</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/photo_list.py" line="109"/>
        <source>comparing…</source>
        <translation>比对中…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/photo_list.py" line="109"/>
        <source>not compared yet</source>
        <translation>尚未比对</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/photo_list.py" line="111"/>
        <source>opened box</source>
        <translation>开箱照片</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/photo_list.py" line="114"/>
        <source>waybill {code}</source>
        <translation>面单 {code}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/photo_list.py" line="116"/>
        <source>no frame matches</source>
        <translation>没有匹配的画面</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/packseal/gui/dispute/photo_list.py" line="117"/>
        <source>%n matching frame(s)</source>
        <translation>
            <numerusform>%n 个匹配画面</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/photo_list.py" line="137"/>
        <source>Photos of this claim</source>
        <translation>本次纠纷的照片</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/photo_list.py" line="138"/>
        <source>Shows the opened box</source>
        <translation>这是开箱照片</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/photo_list.py" line="139"/>
        <source>Set this photo beside the clip&apos;s last frames before the box was closed, which show what went in</source>
        <translation>把这张照片与录像中封箱前的最后画面并排，这些画面拍下了装进箱子的东西</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/photo_list.py" line="141"/>
        <source>Remove photo</source>
        <translation>移除照片</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/photo_list.py" line="142"/>
        <source>Take the chosen photo out of this claim</source>
        <translation>把选中的照片从本次纠纷中移除</translation>
    </message>
</context>
<context>
    <name>PlayerWidget</name>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="205"/>
        <source>Opening the clip…</source>
        <translation>正在打开录像…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="307"/>
        <source>Save frame as PNG</source>
        <translation>将画面保存为 PNG</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="308"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="315"/>
        <source>Frame not saved</source>
        <translation>画面未保存</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="347"/>
        <source>This clip cannot be played: {error}</source>
        <translation>这段录像无法播放：{error}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="432"/>
        <source>Pause (Space)</source>
        <translation>暂停（空格）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="432"/>
        <source>Play (Space)</source>
        <translation>播放（空格）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="435"/>
        <source>Zoom {zoom}×</source>
        <translation>缩放 {zoom}×</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="442"/>
        <source>Frame {number} of {count} · {position} / {length}</source>
        <translation>第 {number} 帧，共 {count} 帧 · {position} / {length}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="447"/>
        <source>Captured {time}</source>
        <translation>拍摄于 {time}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="451"/>
        <source>  ·  second camera: frame {number} of {count}</source>
        <translation>  ·  第二个摄像头：第 {number} 帧，共 {count} 帧</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="455"/>
        <source>One frame back (←)</source>
        <translation>后退一帧（←）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="456"/>
        <source>One frame forward (→)</source>
        <translation>前进一帧（→）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="457"/>
        <source>Speed</source>
        <translation>倍速</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="458"/>
        <source>Playback speed ([ and ] change it)</source>
        <translation>播放倍速（按 [ 和 ] 调整）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="459"/>
        <source>Zoom in (+ or the mouse wheel)</source>
        <translation>放大（+ 键或鼠标滚轮）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="460"/>
        <source>Zoom out (−)</source>
        <translation>缩小（− 键）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="461"/>
        <source>Show the whole frame (0, or double-click the picture)</source>
        <translation>显示完整画面（0 键，或双击画面）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="462"/>
        <source>Save frame…</source>
        <translation>保存画面…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="463"/>
        <source>Save the frame on screen as a lossless PNG image (Ctrl+S)</source>
        <translation>将当前画面保存为无损 PNG 图片（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/player.py" line="464"/>
        <source>Drag to scrub frame by frame; drag the picture to pan</source>
        <translation>拖动可逐帧查看；拖动画面可平移</translation>
    </message>
</context>
<context>
    <name>PresetNotes</name>
    <message>
        <location filename="../../app/packseal/gui/preset_notes.py" line="17"/>
        <source>Shopee asks for one continuous, unedited packing video: at most 60 seconds and 30 MB, MP4 (H.264).</source>
        <translation>Shopee 要求提供一段连续、未经剪辑的打包视频：最长 60 秒、最大 30 MB，MP4 格式（H.264）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/preset_notes.py" line="19"/>
        <source>TikTok Shop&apos;s dispute form takes up to 6 photos of the packing. No per-file limit is published; 5 MB keeps uploads quick.</source>
        <translation>TikTok Shop 的争议表单最多可上传 6 张打包照片。平台未公布单个文件的大小上限；每张控制在 5 MB 以内，上传更快。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/preset_notes.py" line="21"/>
        <source>Lazada&apos;s dispute evidence takes a video with a cover image. The video is kept to 60 seconds and 100 MB, the cover to a 2 MB JPEG, below the limits Seller Center shows for uploads.</source>
        <translation>Lazada 的争议证据需要一段视频和一张封面图。视频控制在 60 秒、100 MB 以内，封面为不超过 2 MB 的 JPEG，均低于卖家中心显示的上传上限。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/preset_notes.py" line="24"/>
        <source>Taobao&apos;s refund-refusal form (拒绝退款凭证) takes JPG or PNG images of at most 130,000 bytes each; 3 images are exported (the form takes at least that many).</source>
        <translation>淘宝的拒绝退款凭证只接受 JPG 或 PNG 图片，每张不超过 130,000 字节；本次导出 3 张图片（该表单至少需要这么多张）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/preset_notes.py" line="27"/>
        <source>The whole recording as MP4, not re-encoded; only a C2PA manifest is added.</source>
        <translation>完整录像，MP4 格式，不重新编码；只添加一份 C2PA 清单。</translation>
    </message>
</context>
<context>
    <name>PreviewWidget</name>
    <message>
        <location filename="../../app/packseal/gui/station/preview.py" line="195"/>
        <source>Camera scan area</source>
        <translation>摄像头识别区</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../app/packseal/gui/qt_texts.py" line="15"/>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/qt_texts.py" line="16"/>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RecentClipsModel</name>
    <message>
        <location filename="../../app/packseal/gui/station/recent_clips.py" line="138"/>
        <source>When the waybill was scanned. The clip starts a little earlier (the pre-roll), which is the time the Library shows.</source>
        <translation>扫描面单的时间。录像会稍早一点开始（预录），录像库里显示的是录像开始时间。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/recent_clips.py" line="142"/>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/recent_clips.py" line="142"/>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/recent_clips.py" line="142"/>
        <source>Seal</source>
        <translation>存证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/recent_clips.py" line="142"/>
        <source>Scanned at</source>
        <translation>扫描时间</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/recent_clips.py" line="170"/>
        <source>Cut short</source>
        <translation>中途中断</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/recent_clips.py" line="177"/>
        <source>Sealed in ledger entry {seq}</source>
        <translation>已存证，账本条目 {seq}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/recent_clips.py" line="178"/>
        <source>(the recording was cut short)</source>
        <translation>（录制中途中断）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/recent_clips.py" line="170"/>
        <source>Sealed</source>
        <translation>已存证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/recent_clips.py" line="171"/>
        <source>Recording</source>
        <translation>录制中</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/recent_clips.py" line="171"/>
        <source>Sealing…</source>
        <translation>存证中…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/recent_clips.py" line="172"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/recent_clips.py" line="172"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>ReturnBeside</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/return_beside.py" line="91"/>
        <source>The return&apos;s frames could not be read: {error}</source>
        <extracomment>Frames shown of each clip.</extracomment>
        <translation>无法读取退货录像的画面：{error}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/return_beside.py" line="130"/>
        <source>Return unboxing
{order}</source>
        <translation>退货开箱
{order}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/return_beside.py" line="131"/>
        <source>Shipment packing
{order}</source>
        <translation>发货打包
{order}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/return_beside.py" line="135"/>
        <source>Hide the return</source>
        <translation>隐藏退货</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/return_beside.py" line="136"/>
        <source>Show the return beside the shipment</source>
        <translation>把退货与发货并排显示</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/return_beside.py" line="139"/>
        <source>Order {shipment} came back as return {ret}</source>
        <translation>订单 {shipment} 已作为退货 {ret} 寄回</translation>
    </message>
</context>
<context>
    <name>Scale</name>
    <message>
        <location filename="../../app/packseal/gui/station/scale_panel.py" line="96"/>
        <source>Recording goes on; clips get no weight until the scale is back.</source>
        <translation>录制照常进行；电子秤恢复之前，录像不带重量。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/scale_panel.py" line="98"/>
        <source>The scale sends no weight</source>
        <translation>电子秤没有发送重量</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/scale_panel.py" line="99"/>
        <source>Check that it is switched on and set to continuous output.</source>
        <translation>请检查电子秤是否已开机，并设置为连续发送模式。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/scale_panel.py" line="101"/>
        <source>The scale&apos;s data cannot be read</source>
        <translation>无法读取电子秤的数据</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/scale_panel.py" line="102"/>
        <source>This is usually a wrong baud rate: compare Settings → Scale with the scale&apos;s own setting.</source>
        <translation>通常是波特率不对：请将“设置 → 电子秤”与电子秤本身的设置核对一致。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/scale_panel.py" line="105"/>
        <source>The scale sends lines in another format</source>
        <translation>电子秤发送的数据格式不符</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/scale_panel.py" line="106"/>
        <source>Choose the scale&apos;s line format in Settings → Scale; its test shows what the scale sends.</source>
        <translation>请在“设置 → 电子秤”中选择正确的数据格式；用那里的测试功能可以看到电子秤实际发送的内容。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/scale_panel.py" line="109"/>
        <source>The scale is disconnected</source>
        <translation>电子秤已断开</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/scale_panel.py" line="110"/>
        <source>Check its cable and power; PackSeal reconnects by itself.</source>
        <translation>请检查数据线和电源；PackSeal 会自动重新连接。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/scale_panel.py" line="113"/>
        <source>Last line: {line}</source>
        <translation>最后收到的一行：{line}</translation>
    </message>
</context>
<context>
    <name>ScalePage</name>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="188"/>
        <source>No scale</source>
        <translation>不使用电子秤</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="189"/>
        <source>Other port (type it)…</source>
        <translation>其他端口（手动输入）…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="196"/>
        <source>Example: {line}
Documented in: {source}</source>
        <translation>示例：{line}
资料来源：{source}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="198"/>
        <source>A regular expression with a group named weight, and optional groups unit, sign and flag; a reading is stable when the flag matches the stable pattern.</source>
        <translation>填写一个正则表达式：必须有名为 weight 的分组，可选 unit、sign 和 flag 分组；flag 与“稳定标志”相符时，该读数视为稳定。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="212"/>
        <source>Choose the scale&apos;s port first.</source>
        <translation>请先选择电子秤的端口。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="217"/>
        <source>Opening {port}…</source>
        <translation>正在打开 {port}…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="255"/>
        <source>Stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="255"/>
        <source>Moving</source>
        <translation>不稳定</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="256"/>
        <source>{readings} of {lines} lines read</source>
        <translation>已识别 {readings} / {lines} 行</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="260"/>
        <source>Last line received: {line}</source>
        <translation>最后收到的一行：{line}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="261"/>
        <source>Nothing received yet.</source>
        <translation>尚未收到任何数据。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="264"/>
        <source>Stop the test</source>
        <translation>停止测试</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="264"/>
        <source>Test the scale</source>
        <translation>测试电子秤</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="269"/>
        <source>A scale connected by a serial or USB-serial cable, set to send its weight continuously. PackSeal shows the weight at the station, burns it into the picture and seals the stable weight when an order stops. A scale that goes away is an alert; recording goes on.</source>
        <translation>通过串口线或 USB 转串口线连接的电子秤，需设置为连续发送重量。PackSeal 会在打包台上显示重量、把重量叠加到画面中，并在每单停止时把稳定重量写入存证。电子秤断开时会发出提示，录制照常进行。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="272"/>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="272"/>
        <source>Baud rate:</source>
        <translation>波特率：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="273"/>
        <source>Data bits, parity, stop bits:</source>
        <translation>数据位、校验位、停止位：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="274"/>
        <source>Line format:</source>
        <translation>数据格式：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="274"/>
        <source>Weight tolerance (g):</source>
        <translation>重量允许误差（克）：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="276"/>
        <source>Line pattern:</source>
        <translation>格式（正则表达式）：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="276"/>
        <source>Stable when the flag is:</source>
        <translation>稳定标志：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="277"/>
        <source>Unit when the line has none:</source>
        <translation>数据不带单位时按：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="281"/>
        <source>ST/US header: ST,GS,+  1.234kg (A&amp;D and other indicators)</source>
        <translation>ST/US 报头：ST,GS,+  1.234kg（A&amp;D 等称重仪表）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="282"/>
        <source>Custom (regular expression)…</source>
        <translation>自定义（正则表达式）…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="283"/>
        <source>An order whose weight differs from the expected weight by more than this gets a weight alert.</source>
        <translation>称得的重量与订单预计重量相差超过此值时，发出重量提示。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scale_page.py" line="285"/>
        <source>Find ports</source>
        <translation>查找端口</translation>
    </message>
</context>
<context>
    <name>ScaleWatch</name>
    <message>
        <location filename="../../app/packseal/gui/station/scale_panel.py" line="154"/>
        <source>The scale is back: {port}</source>
        <translation>电子秤已恢复：{port}</translation>
    </message>
</context>
<context>
    <name>ScannerSettingsBox</name>
    <message>
        <location filename="../../app/packseal/gui/scanner_settings.py" line="41"/>
        <source>Hand scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scanner_settings.py" line="42"/>
        <source>Prefix it sends:</source>
        <translation>条码前缀：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scanner_settings.py" line="43"/>
        <source>Suffix it sends:</source>
        <translation>条码后缀：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scanner_settings.py" line="45"/>
        <source>none (most scanners)</source>
        <translation>无（大多数扫码枪）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/scanner_settings.py" line="46"/>
        <source>The scanner ends each code with Tab instead of Enter</source>
        <translation>扫码枪以 Tab 代替回车结束每个条码</translation>
    </message>
</context>
<context>
    <name>SealPanel</name>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="191"/>
        <source>Seal of {order}</source>
        <translation>{order} 的存证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="192"/>
        <source>Seal</source>
        <translation>存证状态</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="195"/>
        <source>Select a clip to see its seal.</source>
        <translation>选择一段录像即可查看其存证。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="197"/>
        <source>Checking…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="198"/>
        <source>Hashing the file and checking its seal against the ledger.</source>
        <translation>正在计算文件哈希，并与存证账本核对。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="200"/>
        <source>Verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="203"/>
        <source>Verification failed</source>
        <translation>校验失败</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="206"/>
        <source>File deleted</source>
        <translation>文件已删除</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="209"/>
        <source>Not sealed</source>
        <translation>未存证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="210"/>
        <source>This clip has no ledger entry yet (it is still being recorded or sealed, or sealing failed).</source>
        <translation>这段录像还没有存证记录（可能仍在录制或存证中，或存证失败）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="222"/>
        <source>The file is exactly the one sealed: its SHA-256 hash, the signature and ledger entry {seq} all match.</source>
        <translation>文件与存证时完全一致：SHA-256 哈希、签名和存证账本第 {seq} 条记录全部吻合。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="226"/>
        <source>It existed no later than {time}: a timestamp from {tsa}, an authority outside the shop, proves it.</source>
        <translation>它不晚于 {time} 已存在：由店铺以外的机构 {tsa} 签发的时间戳可以证明。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="230"/>
        <source>Its recording time is not yet proven by a trusted timestamp; until then it is only this station&apos;s clock.</source>
        <translation>录制时间尚未得到可信时间戳的证明；在此之前，它只是本打包台的时钟记录。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="235"/>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="244"/>
        <source>Checked at {time}.</source>
        <translation>校验时间 {time}。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="240"/>
        <source>The check could not run: {error}</source>
        <translation>无法完成校验：{error}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="254"/>
        <source>this station&apos;s current key</source>
        <translation>本打包台当前密钥</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="255"/>
        <source>an earlier key of this station</source>
        <translation>本打包台以前使用的密钥</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="260"/>
        <source>Signed with key {fingerprint} ({which})</source>
        <translation>签名密钥 {fingerprint}（{which}）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="267"/>
        <source>The file&apos;s content changed after it was sealed</source>
        <translation>文件内容在存证后被改动过</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="268"/>
        <source>The file&apos;s size changed after it was sealed</source>
        <translation>文件大小在存证后发生了变化</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="269"/>
        <source>The file was cut short after it was sealed</source>
        <translation>文件在存证后被截短</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="270"/>
        <source>The file was replaced by another recording</source>
        <translation>文件被替换成了另一段录像</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="271"/>
        <source>The clip file is missing</source>
        <translation>录像文件不见了</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="272"/>
        <source>The seal file beside the clip is missing</source>
        <translation>录像旁的存证文件不见了</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="273"/>
        <source>The seal file is damaged or not a seal</source>
        <translation>存证文件已损坏或不是存证文件</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="274"/>
        <source>The seal does not match the ledger&apos;s entry</source>
        <translation>存证文件与存证账本中的记录不一致</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="275"/>
        <source>The seal was signed with a key that is not the station&apos;s</source>
        <translation>存证文件的签名密钥不是本打包台的密钥</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="276"/>
        <source>The signature does not verify</source>
        <translation>签名校验不通过</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="277"/>
        <source>The ledger was changed before a signed checkpoint</source>
        <translation>存证账本在已签名的检查点之前被改动过</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="278"/>
        <source>Not yet covered by a signed checkpoint (one is made every few minutes and at shutdown)</source>
        <translation>尚未被已签名的检查点覆盖（每隔几分钟及关闭程序时会生成一个）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="280"/>
        <source>The clip was renamed after sealing</source>
        <translation>录像在存证后被改了名</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="286"/>
        <source>Verify now</source>
        <translation>立即校验</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="287"/>
        <source>Hash the file again and check its seal and ledger entry</source>
        <translation>重新计算文件哈希，并核对存证文件和存证账本记录</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="288"/>
        <source>Ledger entry</source>
        <translation>存证账本记录</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="302"/>
        <source>This clip existed: it was deleted on {date} by retention. Its ledger entry stays, so its recording and hash can still be proven (and its time, where a trusted timestamp covers it).</source>
        <translation>这段录像曾经存在：已于 {date} 被自动清理删除。它的存证账本记录仍然保留，录制事实和文件哈希依然可以证明（有可信时间戳覆盖时，时间也可以证明）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/library/seal_panel.py" line="306"/>
        <source>This clip existed: it was deleted on {date} ({reason}). Its ledger entry stays, so its recording and hash can still be proven (and its time, where a trusted timestamp covers it).</source>
        <translation>这段录像曾经存在：已于 {date} 删除（{reason}）。它的存证账本记录仍然保留，录制事实和文件哈希依然可以证明（有可信时间戳覆盖时，时间也可以证明）。</translation>
    </message>
</context>
<context>
    <name>SecondCamera</name>
    <message>
        <location filename="../../app/packseal/gui/player/second_camera.py" line="79"/>
        <source>Opening the second camera&apos;s file…</source>
        <translation>正在打开第二个摄像头的视频文件…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/second_camera.py" line="106"/>
        <source>The second camera has no picture of this moment.</source>
        <translation>第二个摄像头没有这一时刻的画面。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/player/second_camera.py" line="145"/>
        <source>The second camera&apos;s file cannot be played: {error}</source>
        <translation>第二个摄像头的视频文件无法播放：{error}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="287"/>
        <source>Storage folder</source>
        <translation>存储文件夹</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="295"/>
        <source>Export public key</source>
        <translation>导出公钥</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="297"/>
        <source>PEM public key (*.pem)</source>
        <translation>PEM 公钥 (*.pem)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="310"/>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="314"/>
        <source>Could not save the key: {error}</source>
        <translation>公钥保存失败：{error}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="355"/>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="360"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="361"/>
        <source>Station</source>
        <translation>打包台</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="361"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="361"/>
        <source>Recording</source>
        <translation>录制</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="362"/>
        <source>Order numbers</source>
        <translation>单号规则</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="362"/>
        <source>Station key</source>
        <translation>打包台密钥</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="362"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="364"/>
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="366"/>
        <source>Hub</source>
        <translation>中心</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="367"/>
        <source>Station name:</source>
        <translation>打包台名称：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="367"/>
        <source>Language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="368"/>
        <source>QR code in the picture:</source>
        <translation>画面二维码：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="369"/>
        <source>Storage folder:</source>
        <translation>存储文件夹：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="371"/>
        <source>Same as the computer</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="375"/>
        <source>Burn a QR code with order, station and time into each frame</source>
        <translation>在每一帧画面中叠加包含订单号、打包台和时间的二维码</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="381"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="383"/>
        <source>Set by the command line or PACKSEAL_DATA_DIR; it cannot be changed here.</source>
        <translation>已由命令行参数或 PACKSEAL_DATA_DIR 指定，不能在此修改。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="385"/>
        <source>Clips, the seal ledger and the station key live here. A new folder is used after PackSeal is restarted; existing recordings are not moved.</source>
        <translation>视频、存证账本和打包台密钥都保存在这里。更换文件夹后需重启 PackSeal 才生效，已有录像不会被移动。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="387"/>
        <source>Camera:</source>
        <translation>摄像头：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="387"/>
        <source>Second camera:</source>
        <translation>第二个摄像头：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="388"/>
        <source>Resolution:</source>
        <translation>分辨率：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="389"/>
        <source>Frame rate (fps):</source>
        <translation>帧率（fps）：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="389"/>
        <source>Encoder:</source>
        <translation>编码器：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="390"/>
        <source>Picture quality:</source>
        <translation>画质：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="392"/>
        <source>Codes read from:</source>
        <translation>从哪个摄像头读取条码：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="393"/>
        <source>Exports of two cameras:</source>
        <translation>两个摄像头的导出：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="395"/>
        <source>Both cameras&apos; sealed files</source>
        <translation>两个摄像头各自的存证文件</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="396"/>
        <source>One picture-in-picture file (the sealed files beside it in a pack)</source>
        <translation>一个画中画文件（证据包中同时附上存证原文件）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="399"/>
        <source>The first camera</source>
        <translation>第一个摄像头</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="400"/>
        <source>The second camera</source>
        <translation>第二个摄像头</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="401"/>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="401"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="402"/>
        <source>Best (larger files)</source>
        <translation>最佳（文件更大）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="405"/>
        <source>Set by hand (CRF {crf})</source>
        <translation>手动设置（CRF {crf}）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="406"/>
        <source>Automatic (the graphics chip if it works, else software)</source>
        <translation>自动（显卡可用时用显卡，否则用软件）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="407"/>
        <source>Software (libx264)</source>
        <translation>软件编码（libx264）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="417"/>
        <source>Pre-roll, at least (seconds before the scan):</source>
        <translation>预录（扫描前至少多少秒）：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="420"/>
        <source>Keep video recorded between orders (days):</source>
        <translation>订单间录像保留（天）：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="430"/>
        <source>Every clip is sealed with this station&apos;s signing key. Its fingerprint below is what a reviewer compares to know a clip really comes from your station.</source>
        <translation>每段视频都用本打包台的签名密钥封存。审核人员核对下面的指纹，即可确认视频确实来自您的打包台。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="433"/>
        <source>Publish this fingerprint where a reviewer finds it without asking you: your shop profile, the platform&apos;s seller notes, a printed card at the packing bench (the QR code holds it). A pack forged later with another key then fails the check.</source>
        <translation>请把这个指纹公布在审核人员无需问您就能找到的地方：店铺简介、平台的卖家备注、打包台上打印的卡片（二维码中即是该指纹）。这样，日后有人用其他密钥伪造的证据包就无法通过核验。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="391"/>
        <source>Codes seen by the camera:</source>
        <translation>摄像头识别条码：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="210"/>
        <source>The chosen camera sets its own: a video file, an IP camera, or a test camera with its size in its setting.</source>
        <translation>所选摄像头自带此项：视频文件、网络摄像头，或在设置中写明尺寸的测试摄像头。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="376"/>
        <source>Start orders from waybill codes held up to the camera</source>
        <translation>对准摄像头的面单条码也可开始录制订单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="377"/>
        <source>Also from the test camera or a video file (to try it out)</source>
        <translation>测试摄像头或视频文件画面中的面单也识别（用于试用）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="411"/>
        <source>Higher picture quality shows more detail and takes more disk space. Changing the camera, resolution, frame rate or encoder restarts the camera; an order being recorded is finished first. A second camera records its own file of each order, sealed with the first; the live picture shows both (F3 switches between side by side and picture-in-picture).</source>
        <translation>画质越高，细节越清楚，占用的磁盘空间也越多。更改摄像头、分辨率、帧率或编码器会重启摄像头；正在录制的订单会先录完。第二个摄像头为每个订单录制自己的文件，与第一个摄像头的文件一起存证；实时画面同时显示两个摄像头（按 F3 在并排和画中画之间切换）。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="418"/>
        <source>Post-roll (seconds after the stop):</source>
        <translation>后录（停止后的秒数）：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="419"/>
        <source>Keep free on disk (GB):</source>
        <translation>磁盘预留空间（GB）：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="421"/>
        <source>Keep clips (days, 0 = for ever):</source>
        <translation>订单录像保留（天，0 = 永久）：</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="423"/>
        <source>for ever</source>
        <translation>永久</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="424"/>
        <source>When free space falls below this reserve, new orders are refused; below twice the reserve a warning is shown. To make room, the oldest video recorded between orders and then the oldest clips are deleted (never pinned clips or clips in a dispute), and every deletion is recorded in the seal.</source>
        <translation>可用空间低于这一预留值时，新订单会被拒绝；低于预留值的两倍时会显示警告。腾出空间时，先删除最早的订单间录像，再删除最早的订单录像（永久保留的和纠纷中的录像永远不删），每次删除都会记入存证。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/settings_dialog.py" line="437"/>
        <source>Export public key…</source>
        <translation>导出公钥…</translation>
    </message>
</context>
<context>
    <name>StateBanner</name>
    <message>
        <location filename="../../app/packseal/gui/station/banner.py" line="54"/>
        <source>STARTING</source>
        <translation>启动中</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/banner.py" line="54"/>
        <source>Opening the camera…</source>
        <translation>正在打开摄像头…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/banner.py" line="55"/>
        <source>IDLE</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/banner.py" line="55"/>
        <source>Scan a waybill to start recording</source>
        <translation>扫描面单即开始录制</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/banner.py" line="56"/>
        <source>RECORDING</source>
        <translation>录制中</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/banner.py" line="57"/>
        <source>Scan the next waybill to switch, or press F9 to stop</source>
        <translation>扫描下一单自动切换，按 F9 停止</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/banner.py" line="58"/>
        <source>FINISHING</source>
        <translation>收尾中</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/banner.py" line="58"/>
        <source>Saving the clip (post-roll)…</source>
        <translation>正在保存视频（后录）…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/banner.py" line="59"/>
        <source>PROBLEM</source>
        <translation>故障</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/banner.py" line="59"/>
        <source>See the alert below</source>
        <translation>请查看下方提示</translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="141"/>
        <source>Starting the camera…</source>
        <translation>正在启动摄像头…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="152"/>
        <source>Finishing the last clip and closing…</source>
        <translation>正在保存最后一段视频并关闭…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="153"/>
        <source>Closing: finishing the last clip…</source>
        <translation>正在关闭：保存最后一段视频…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="171"/>
        <source>Restarting the camera with the new settings…</source>
        <translation>正在按新设置重启摄像头…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="221"/>
        <source>Nothing is recording.</source>
        <translation>当前没有在录制。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="227"/>
        <source>Nothing to cancel: no order is recording.</source>
        <translation>没有可取消的订单：当前没有在录制。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="234"/>
        <source>Order {order} cancelled; no clip was made.</source>
        <translation>订单 {order} 已取消，未生成视频。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="243"/>
        <source>Restarting the camera…</source>
        <translation>正在重启摄像头…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="332"/>
        <location filename="../../app/packseal/gui/station/page.py" line="489"/>
        <source>{camera}: no picture</source>
        <translation>{camera}：没有画面</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="351"/>
        <source>The second camera is back.</source>
        <translation>第二个摄像头已恢复。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="352"/>
        <source>The camera is back.</source>
        <translation>摄像头已恢复。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="358"/>
        <source>{camera} is back.</source>
        <translation>{camera}已恢复。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="372"/>
        <source>Video recording is running again.</source>
        <translation>视频录制已恢复。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="377"/>
        <source>Disk: cannot be read</source>
        <translation>磁盘：无法读取</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="382"/>
        <source>Disk: {free} free</source>
        <translation>磁盘可用：{free}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="439"/>
        <source>Restarting the recording process…</source>
        <translation>正在重新启动录制进程…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="486"/>
        <source>{camera} · reads barcodes</source>
        <translation>{camera} · 读取条码</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="494"/>
        <source>This station has one camera.</source>
        <translation>这个工位只有一个摄像头。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="497"/>
        <source>Second camera shown inside the first.</source>
        <translation>第二个摄像头显示在第一个摄像头画面内。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="498"/>
        <source>Both cameras side by side.</source>
        <translation>两个摄像头并排显示。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="501"/>
        <source>No picture: the station could not start.</source>
        <translation>无画面：打包台未能启动。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="517"/>
        <source>Test camera {w}×{h} @ {fps:g} fps</source>
        <translation>测试摄像头 {w}×{h} @ {fps:g} fps</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="519"/>
        <source>No camera found: showing the built-in test camera.</source>
        <translation>未找到摄像头：正在显示内置测试摄像头。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="520"/>
        <source>Showing the built-in test camera, not a real camera.</source>
        <translation>正在显示内置测试摄像头，不是真实摄像头。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="522"/>
        <source>Video file {name} {w}×{h} @ {fps:g} fps</source>
        <translation>视频文件 {name} {w}×{h} @ {fps:g} fps</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="524"/>
        <source>Showing a video file, not a live camera.</source>
        <translation>正在显示视频文件，不是实时摄像头。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/page.py" line="531"/>
        <source>Preview {fps:.0f} fps</source>
        <translation>预览 {fps:.0f} fps</translation>
    </message>
</context>
<context>
    <name>StationView</name>
    <message>
        <location filename="../../app/packseal/gui/station/view.py" line="163"/>
        <source>Packer: {badge}</source>
        <translation>打包员：{badge}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/view.py" line="171"/>
        <source>■  STOP  (F9)</source>
        <translation>■  停止  (F9)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/view.py" line="172"/>
        <source>F9 or Esc: stop the order · F8: cancel a mistaken scan · F5: restart the camera · F6: returns mode · F7: read the notes</source>
        <translation>F9 或 Esc：停止本单 · F8：取消误扫 · F5：重启摄像头 · F6：退货模式 · F7：朗读备注</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/view.py" line="175"/>
        <source> · F3: both cameras side by side or one inside the other</source>
        <translation> · F3：两个摄像头并排或画中画</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/view.py" line="177"/>
        <source>RETURNS MODE · F6 to leave</source>
        <translation>退货模式 · 按 F6 退出</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/view.py" line="178"/>
        <source>Scanned parcels are recorded as returns being unboxed</source>
        <translation>扫描的包裹按退货拆包录制</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/view.py" line="180"/>
        <source>Today&apos;s orders</source>
        <translation>今日订单</translation>
    </message>
</context>
<context>
    <name>StationWindow</name>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="224"/>
        <source>The hub refuses this station&apos;s history: {0}</source>
        <translation>中心拒绝了本打包台的记录：{0}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="342"/>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="344"/>
        <source>The new storage folder {path} is used after PackSeal restarts.</source>
        <translation>新的存储文件夹 {path} 将在 PackSeal 重启后启用。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="349"/>
        <source>PackSeal 打包存证 — {station}</source>
        <translation>PackSeal 打包存证 — {station}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="351"/>
        <source>&amp;Station</source>
        <translation>打包台(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="352"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="353"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="354"/>
        <source>Station</source>
        <translation>打包台</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="354"/>
        <source>The packing station: live picture and orders</source>
        <translation>打包台：实时画面与订单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="355"/>
        <source>Library</source>
        <translation>录像库</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="355"/>
        <source>Every recorded clip: search, play, check</source>
        <translation>所有录像：搜索、播放、核验</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="356"/>
        <source>Dispute</source>
        <translation>纠纷</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="356"/>
        <source>A refund photo against the packing clip</source>
        <translation>将退款照片与打包录像比对</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="357"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="357"/>
        <source>Imported orders: search, items, notes</source>
        <translation>已导入的订单：搜索、商品、留言</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="358"/>
        <source>Import orders…</source>
        <translation>导入订单…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="359"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="359"/>
        <source>Orders, pace and problems per day and packer</source>
        <translation>按天、按打包员统计订单数、效率和问题</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="360"/>
        <source>Stop the order</source>
        <translation>停止本单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="361"/>
        <source>Cancel the order…</source>
        <translation>取消本单…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="362"/>
        <source>Restart the camera</source>
        <translation>重启摄像头</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="364"/>
        <source>Returns mode</source>
        <translation>退货模式</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="365"/>
        <source>Returns mode (F6)</source>
        <translation>退货模式 (F6)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="366"/>
        <source>Camera layout</source>
        <translation>摄像头布局</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="367"/>
        <source>Camera layout (F3)</source>
        <translation>摄像头布局 (F3)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="368"/>
        <source>Both cameras side by side, or the second inside the first</source>
        <translation>两个摄像头并排显示，或第二个显示在第一个画面内</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="369"/>
        <source>Record returned parcels being unboxed, linked to their shipment</source>
        <translation>录制退货包裹的拆包过程，并关联到原发货订单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="370"/>
        <source>Read the notes aloud</source>
        <translation>朗读备注</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="371"/>
        <source>Read the notes aloud (F7)</source>
        <translation>朗读备注 (F7)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="372"/>
        <source>Open the earlier clip of a duplicate waybill</source>
        <translation>打开重复面单之前的录像</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="373"/>
        <source>Link the return to its original order…</source>
        <translation>把退货关联到原订单…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="374"/>
        <source>Bench</source>
        <translation>打包核对</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="375"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="376"/>
        <source>About PackSeal</source>
        <translation>关于 PackSeal</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="377"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/main_window.py" line="378"/>
        <source>Key {fp}</source>
        <translation>密钥 {fp}</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="101"/>
        <source>Counting…</source>
        <extracomment>Days the page shows when first opened (today and the six before).</extracomment>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="108"/>
        <source>The statistics could not be counted: {error}</source>
        <translation>无法统计：{error}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="118"/>
        <source>No orders were packed in these days.</source>
        <translation>这几天没有打包订单。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/packseal/gui/statistics/page.py" line="120"/>
        <source>%n order(s) packed in these days.</source>
        <translation>
            <numerusform>这几天共打包 %n 单。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="125"/>
        <source>All packers</source>
        <translation>全部打包员</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="126"/>
        <location filename="../../app/packseal/gui/statistics/page.py" line="164"/>
        <location filename="../../app/packseal/gui/statistics/page.py" line="198"/>
        <source>(not signed in)</source>
        <translation>（未登录）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="140"/>
        <source>All days</source>
        <translation>全部日期</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="157"/>
        <source>No orders in these days</source>
        <translation>这几天没有订单</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="159"/>
        <source>Orders per day and packer</source>
        <translation>每天各打包员的订单数</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="185"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="185"/>
        <source>Packer</source>
        <translation>打包员</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="185"/>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="185"/>
        <source>Orders per hour</source>
        <translation>每小时订单数</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="186"/>
        <source>Average pack time (s)</source>
        <translation>平均打包时间（秒）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="186"/>
        <source>Incomplete</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="186"/>
        <source>Wrong item seen</source>
        <translation>扫到错件</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="187"/>
        <source>Warnings overridden</source>
        <translation>确认过警告</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="194"/>
        <source>Save the statistics</source>
        <translation>保存统计</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="195"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="200"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="202"/>
        <source>The statistics could not be saved: {error}</source>
        <translation>无法保存统计：{error}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="207"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="208"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="209"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="210"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="211"/>
        <source>Save this table for Excel (UTF-8 with BOM)</source>
        <translation>保存此表格，可直接用 Excel 打开（UTF-8 带 BOM）</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="214"/>
        <source>Orders divided by the hours from the first scan to the last stop of the day</source>
        <translation>订单数除以当天从第一次扫码到最后一次停止的小时数</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/statistics/page.py" line="216"/>
        <source>From the scan to the stop (the post-roll is not counted)</source>
        <translation>从扫码到停止录制（不含后录时间）</translation>
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
    <name>StopBar</name>
    <message numerus="yes">
        <location filename="../../app/packseal/gui/station/bench_bars.py" line="110"/>
        <source>%n item(s) of order {order} not found in this return. Stop anyway?</source>
        <translation>
            <numerusform>退货中没有找到订单 {order} 的 %n 件商品，仍要停止吗？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/packseal/gui/station/bench_bars.py" line="113"/>
        <source>%n item(s) still missing from order {order}. Stop anyway?</source>
        <translation>
            <numerusform>订单 {order} 还缺 %n 件商品，仍要停止吗？</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_bars.py" line="116"/>
        <source>Then {code} starts.</source>
        <translation>之后开始录制 {code}。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_bars.py" line="118"/>
        <source>Enter: stop, seal the return as incomplete</source>
        <translation>回车：停止，按“退货不齐”存证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_bars.py" line="119"/>
        <source>Enter: stop, seal it as incomplete</source>
        <translation>回车：停止，按“未装齐”存证</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_bars.py" line="120"/>
        <source>Esc: go on packing</source>
        <translation>Esc：继续打包</translation>
    </message>
</context>
<context>
    <name>ThumbnailStrip</name>
    <message>
        <location filename="../../app/packseal/gui/dispute/thumbnails.py" line="83"/>
        <source>Before closing: {t} s
{time}</source>
        <translation>封箱前：{t} 秒
{time}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/thumbnails.py" line="87"/>
        <source>{n}. t = {t} s
{time}</source>
        <translation>{n}. 第 {t} 秒
{time}</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/dispute/thumbnails.py" line="92"/>
        <source>Frame at {t} s of the clip, captured {when}
score {score}, {inliers} matching points</source>
        <translation>录像第 {t} 秒的画面，拍摄于 {when}
得分 {score}，{inliers} 个匹配点</translation>
    </message>
</context>
<context>
    <name>WarningBar</name>
    <message>
        <location filename="../../app/packseal/gui/station/bench_bars.py" line="65"/>
        <source>Waybill {code}.</source>
        <translation>面单 {code}。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_bars.py" line="65"/>
        <source>Check with the office before packing it.</source>
        <translation>打包前请先和客服或店主确认。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_bars.py" line="67"/>
        <source>F2: open the earlier clip.</source>
        <translation>F2：打开之前的录像。</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_bars.py" line="70"/>
        <source>Enter: record it anyway</source>
        <translation>回车：仍然录制</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_bars.py" line="71"/>
        <source>Esc: drop it, do not pack</source>
        <translation>Esc：放弃，不打包</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_bars.py" line="76"/>
        <source>Order {order} was CANCELLED</source>
        <translation>订单 {order} 已取消</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_bars.py" line="78"/>
        <source>Order {order} was REFUNDED</source>
        <translation>订单 {order} 已退款</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/bench_bars.py" line="80"/>
        <source>Already recorded on {time}</source>
        <translation>已于 {time} 录制过</translation>
    </message>
</context>
<context>
    <name>WeightDisplay</name>
    <message>
        <location filename="../../app/packseal/gui/station/scale_panel.py" line="75"/>
        <source>Stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/scale_panel.py" line="75"/>
        <source>Moving – wait for it to settle</source>
        <translation>不稳定，请等读数稳定</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/scale_panel.py" line="79"/>
        <source>Scale not connected</source>
        <translation>电子秤未连接</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/scale_panel.py" line="80"/>
        <source>Waiting for the scale…</source>
        <translation>正在等待电子秤…</translation>
    </message>
    <message>
        <location filename="../../app/packseal/gui/station/scale_panel.py" line="85"/>
        <source>Weight</source>
        <translation>重量</translation>
    </message>
</context>
</TS>
