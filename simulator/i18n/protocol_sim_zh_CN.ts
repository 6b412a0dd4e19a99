<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutBox</name>
    <message>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Step through TCP (RFC 9293), HTTP cookies and sessions, and Flask's WSGI call chain, from scenarios and real captures.</source>
        <translation>逐步查看 TCP（RFC 9293）、HTTP Cookie 与会话，以及 Flask 的 WSGI 调用链，素材来自场景和真实抓包。</translation>
    </message>
    <message>
        <source>This program is free software under the GNU General Public License, version 2 or (at your option) any later version. The sample captures and their sources are listed in tests/data/captures/SOURCES.md.</source>
        <translation>本程序是自由软件，按 GNU 通用公共许可证第 2 版或（由你选择）任何更新版本发布。示例抓包文件及其来源列在 tests/data/captures/SOURCES.md 中。</translation>
    </message>
</context>
<context>
    <name>Accessibility</name>
    <message>
        <source>Ladder diagram</source>
        <extracomment>(path of the widget from the window, name, description), English, marked for lupdate.</extracomment>
        <translation>时序图</translation>
    </message>
    <message>
        <source>The segments between client and server over time, with what each one carries; Left and Right step, a click on an arrow jumps to its step.</source>
        <translation>客户端与服务器之间随时间往来的报文段，以及每个报文段携带的内容；左右方向键逐步前进或后退，点击箭头跳到它那一步。</translation>
    </message>
    <message>
        <source>Client's TCP state machine</source>
        <translation>客户端的 TCP 状态机</translation>
    </message>
    <message>
        <source>RFC 9293's connection states; the current state and the transition just taken are highlighted.</source>
        <translation>RFC 9293 的连接状态；当前状态和刚刚发生的转换会高亮显示。</translation>
    </message>
    <message>
        <source>Server's TCP state machine</source>
        <translation>服务器的 TCP 状态机</translation>
    </message>
    <message>
        <source>Explanation of the step</source>
        <translation>这一步的说明</translation>
    </message>
    <message>
        <source>What happened at this step, the rule that made it happen and the sequence-number arithmetic.</source>
        <translation>这一步发生了什么、由哪条规则决定，以及序号的计算。</translation>
    </message>
    <message>
        <source>Details of one layer</source>
        <translation>某一层的详情</translation>
    </message>
    <message>
        <source>TCP's state machines, the HTTP layer, the server's call chain or the packet's bytes (Ctrl+1 to Ctrl+4).</source>
        <translation>TCP 状态机、HTTP 层、服务器的调用链或数据包的字节（Ctrl+1 至 Ctrl+4）。</translation>
    </message>
    <message>
        <source>HTTP message</source>
        <translation>HTTP 消息</translation>
    </message>
    <message>
        <source>The request or response of this step, headers and body.</source>
        <translation>这一步的请求或响应，包括首部和消息体。</translation>
    </message>
    <message>
        <source>Browser cookie jar</source>
        <translation>浏览器的 Cookie 罐</translation>
    </message>
    <message>
        <source>The browser's cookies and whether each one goes on this request, with the RFC 6265 rule.</source>
        <translation>浏览器保存的 Cookie，以及每个 Cookie 是否随本次请求发送，附 RFC 6265 的规则。</translation>
    </message>
    <message>
        <source>Server session store</source>
        <translation>服务器会话存储</translation>
    </message>
    <message>
        <source>The sessions the server keeps, by session id.</source>
        <translation>服务器按会话 ID 保存的会话。</translation>
    </message>
    <message>
        <source>Flask session cookie</source>
        <translation>Flask 会话 Cookie</translation>
    </message>
    <message>
        <source>The signed cookie taken apart: payload, timestamp, signature, and whether the signature holds.</source>
        <translation>拆开的签名 Cookie：载荷、时间戳、签名，以及签名是否有效。</translation>
    </message>
    <message>
        <source>Packet details</source>
        <translation>数据包详情</translation>
    </message>
    <message>
        <source>The step's packet dissected layer by layer, and its bytes.</source>
        <translation>这一步的数据包逐层解析的结果及其字节。</translation>
    </message>
    <message>
        <source>TCP connections</source>
        <translation>TCP 连接</translation>
    </message>
    <message>
        <source>The capture's connections; Enter replays the chosen one.</source>
        <translation>抓包中的连接；按回车键回放选中的连接。</translation>
    </message>
    <message>
        <source>Filter connections</source>
        <translation>筛选连接</translation>
    </message>
    <message>
        <source>Show only the connections whose row contains this text.</source>
        <translation>只显示所在行包含此文字的连接。</translation>
    </message>
    <message>
        <source>Lesson narration</source>
        <translation>课的讲解</translation>
    </message>
    <message>
        <source>What the lesson says about this step.</source>
        <translation>本课对这一步的讲解。</translation>
    </message>
    <message>
        <source>Predict the next step</source>
        <translation>预测下一步</translation>
    </message>
    <message>
        <source>A question about what happens next, and its answers.</source>
        <translation>关于下一步会发生什么的问题及其选项。</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>The lessons in syllabus order; Enter opens one.</source>
        <translation>按教学大纲顺序排列的课程；按回车键打开一课。</translation>
    </message>
    <message>
        <source>Scenario or source</source>
        <translation>场景或来源</translation>
    </message>
    <message>
        <source>What the stage plays: a scenario, or one of the server's sources.</source>
        <translation>舞台上播放的内容：一个场景，或服务器端的某个来源。</translation>
    </message>
    <message>
        <source>First step</source>
        <translation>第一步</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>后退一步</translation>
    </message>
    <message>
        <source>Play or pause</source>
        <translation>播放或暂停</translation>
    </message>
    <message>
        <source>Step forward</source>
        <translation>前进一步</translation>
    </message>
    <message>
        <source>Last step</source>
        <translation>最后一步</translation>
    </message>
    <message>
        <source>Pacing</source>
        <translation>节奏</translation>
    </message>
    <message>
        <source>Even steps, or the timeline's own clock.</source>
        <translation>匀速逐步，或按时间线自身的时钟。</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <source>Position in the timeline</source>
        <translation>时间线中的位置</translation>
    </message>
    <message>
        <source>Drag to move through the steps.</source>
        <translation>拖动以在各步之间移动。</translation>
    </message>
</context>
<context>
    <name>CallChainView</name>
    <message>
        <source>request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>status line and headers</source>
        <translation>状态行和首部</translation>
    </message>
    <message>
        <source>body</source>
        <translation>消息体</translation>
    </message>
    <message>
        <source>client → server</source>
        <translation>客户端 → 服务器</translation>
    </message>
    <message>
        <source>server → client</source>
        <translation>服务器 → 客户端</translation>
    </message>
    <message>
        <source>&lt;b&gt;No Python code runs at this step.&lt;/b&gt; The request is still on its way (TCP segments), or the server has finished with it.</source>
        <translation>&lt;b&gt;这一步没有 Python 代码在运行。&lt;/b&gt;请求还在路上（TCP 报文段），或者服务器已经处理完它了。</translation>
    </message>
    <message>
        <source>▭ orange outline</source>
        <translation>▭ 橙色边框</translation>
    </message>
    <message>
        <source>the current frame</source>
        <translation>当前栈帧</translation>
    </message>
    <message>
        <source>Whose code:</source>
        <translation>谁的代码：</translation>
    </message>
    <message>
        <source>the server reads {n} bytes</source>
        <translation>服务器读取 {n} 字节</translation>
    </message>
    <message>
        <source>the server writes {n} bytes</source>
        <translation>服务器写出 {n} 字节</translation>
    </message>
    <message>
        <source>SOCKET</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>({part}, {direction})</source>
        <translation>（{part}，{direction}）</translation>
    </message>
    <message>
        <source>&lt;b&gt;The server is waiting for the request.&lt;/b&gt; No frame has been recorded yet.</source>
        <translation>&lt;b&gt;服务器正在等待请求。&lt;/b&gt;还没有记录到任何栈帧。</translation>
    </message>
    <message>
        <source>RETURN (by exception)</source>
        <translation>返回（因异常）</translation>
    </message>
    <message>
        <source>returns {value}</source>
        <translation>返回 {value}</translation>
    </message>
    <message>
        <source>depth {depth} · event {n} of {total}</source>
        <translation>深度 {depth} · 第 {n} 个事件，共 {total} 个</translation>
    </message>
    <message>
        <source>&lt;b&gt;Call stack&lt;/b&gt; — empty: no Python frame of the server is running</source>
        <translation>&lt;b&gt;调用栈&lt;/b&gt;——空：服务器没有任何 Python 栈帧在运行</translation>
    </message>
    <message>
        <source>the frames that teach</source>
        <translation>只保留有教学意义的栈帧</translation>
    </message>
    <message>
        <source>every Python frame (nothing filtered)</source>
        <translation>全部 Python 栈帧（未过滤）</translation>
    </message>
    <message>
        <source>1 frame</source>
        <translation>1 个栈帧</translation>
    </message>
    <message>
        <source>{n} frames</source>
        <translation>{n} 个栈帧</translation>
    </message>
    <message>
        <source>&lt;b&gt;Call stack&lt;/b&gt; ({frames}) — outermost call at the top; a call adds a row, a return takes it away · {kept}</source>
        <translation>&lt;b&gt;调用栈&lt;/b&gt;（{frames}）——最外层的调用在最上面；每次调用加一行，每次返回去掉一行 · {kept}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Source&lt;/b&gt;</source>
        <translation>&lt;b&gt;源代码&lt;/b&gt;</translation>
    </message>
    <message>
        <source>current frame</source>
        <translation>当前栈帧</translation>
    </message>
    <message>
        <source>a caller, at the line that made the call</source>
        <translation>调用者，停在发出这次调用的那一行</translation>
    </message>
    <message>
        <source>the classic chain is written from data (Flask 1.x is not installed): only Flask's own functions carry an outline</source>
        <translation>经典调用链是根据数据写成的（未安装 Flask 1.x）：只有 Flask 自己的函数附有代码梗概</translation>
    </message>
    <message>
        <source>no source recorded for this frame (built-in or not readable)</source>
        <translation>这个栈帧没有记录源代码（内置函数或无法读取）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Source&lt;/b&gt; of {function} ({whose})</source>
        <translation>{function} 的&lt;b&gt;源代码&lt;/b&gt;（{whose}）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Source&lt;/b&gt; of &lt;code&gt;{function}&lt;/code&gt; ({whose}) — {file}, line {line} marked ▶</source>
        <translation>&lt;code&gt;{function}&lt;/code&gt; 的&lt;b&gt;源代码&lt;/b&gt;（{whose}）——{file}，第 {line} 行标有 ▶</translation>
    </message>
</context>
<context>
    <name>CaptureLoader</name>
    <message>
        <source>cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>unexpected error while reading the capture: {error}</source>
        <translation>读取抓包文件时发生意外错误：{error}</translation>
    </message>
</context>
<context>
    <name>CapturePanel</name>
    <message>
        <source>Filter connections (address, port, handshake, RST, FIN, …)</source>
        <extracomment>Rows measured to size the table's columns (``QHeaderView.setResizeContentsPrecision``).</extracomment>
        <translation>筛选连接（地址、端口、握手、RST、FIN……）</translation>
    </message>
    <message>
        <source>Shows only the connections with this text in any column</source>
        <translation>只显示任一列含有此文本的连接</translation>
    </message>
    <message>
        <source>Click a connection to replay it step by step</source>
        <translation>点击一个连接，逐步回放它</translation>
    </message>
    <message>
        <source>No capture open: File → Open capture… lists its TCP connections here.</source>
        <translation>尚未打开抓包文件：用“文件 → 打开抓包文件…”打开后，这里会列出其中的 TCP 连接。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt;: {packets} packets, {connections} TCP connection(s). Choose one to replay it.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;：{packets} 个数据包，{connections} 个 TCP 连接。选择一个连接即可回放。</translation>
    </message>
</context>
<context>
    <name>CaptureSource</name>
    <message>
        <source>Open a capture</source>
        <translation>打开抓包文件</translation>
    </message>
    <message>
        <source>Captures (*.pcap *.pcapng *.cap *.pcap.gz);;All files (*)</source>
        <translation>抓包文件 (*.pcap *.pcapng *.cap *.pcap.gz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Opening capture</source>
        <translation>正在打开抓包文件</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <source>No such connection</source>
        <translation>没有这个连接</translation>
    </message>
    <message>
        <source>{file} has no connection {number} (it has {first} to {last}); connection {first} is shown.</source>
        <translation>{file} 中没有连接 {number}（只有 {first} 到 {last}）；现在显示连接 {first}。</translation>
    </message>
    <message>
        <source>No TCP connections</source>
        <translation>没有 TCP 连接</translation>
    </message>
    <message>
        <source>{file} contains no TCP connection to replay.</source>
        <translation>{file} 中没有可以回放的 TCP 连接。</translation>
    </message>
    <message>
        <source>Cannot open capture</source>
        <translation>无法打开抓包文件</translation>
    </message>
    <message>
        <source>Opening the capture was cancelled.</source>
        <translation>已取消打开抓包文件。</translation>
    </message>
    <message>
        <source>Capture: {file}, connection {number}</source>
        <translation>抓包：{file}，连接 {number}</translation>
    </message>
    <message>
        <source>Capture: TCP connections</source>
        <translation>抓包：TCP 连接</translation>
    </message>
</context>
<context>
    <name>CaptureWhatIfs</name>
    <message>
        <source>What-if works on scenarios and replayed captures.</source>
        <translation>“假如”适用于场景和回放的抓包。</translation>
    </message>
    <message>
        <source>This step has no segment on the wire to drop.</source>
        <translation>这一步在线路上没有可以丢弃的报文段。</translation>
    </message>
    <message>
        <source>What-if: {lost} is lost from step {step} on; the TCP model runs both sides. Step forward to watch TCP react.</source>
        <translation>假如：{lost} 丢失，从第 {step} 步起由 TCP 模型运行两端。向前一步，看看 TCP 如何应对。</translation>
    </message>
    <message>
        <source>packet {number}</source>
        <translation>数据包 {number}</translation>
    </message>
</context>
<context>
    <name>ChainOverview</name>
    <message>
        <source>The whole request, left to right: each bar is a call, the bars under it are the calls it made. The orange line is now; the outlined bars are the calls on the stack. Click to go there.</source>
        <translation>整个请求，从左到右：每一条是一次调用，它下面的条是它发出的调用。橙色竖线是当前位置；带边框的条是调用栈上的调用。点击即可跳到那里。</translation>
    </message>
    <message>
        <source>no call chain</source>
        <translation>没有调用链</translation>
    </message>
</context>
<context>
    <name>ChainStackModel</name>
    <message>
        <source>CALL</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>RETURN</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>RAISE</source>
        <translation>抛出</translation>
    </message>
    <message>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>wsgi</source>
        <translation>WSGI</translation>
    </message>
    <message>
        <source>flask</source>
        <translation>Flask</translation>
    </message>
    <message>
        <source>context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>signal</source>
        <translation>信号</translation>
    </message>
    <message>
        <source>werkzeug</source>
        <translation>Werkzeug</translation>
    </message>
    <message>
        <source>your hook</source>
        <translation>你的钩子</translation>
    </message>
    <message>
        <source>your view</source>
        <translation>你的视图</translation>
    </message>
    <message>
        <source>your error handler</source>
        <translation>你的错误处理函数</translation>
    </message>
    <message>
        <source>your app</source>
        <translation>你的应用</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>outline line {line}</source>
        <translation>梗概第 {line} 行</translation>
    </message>
    <message>
        <source>the current frame</source>
        <translation>当前栈帧</translation>
    </message>
    <message>
        <source>waiting for the call above it to return</source>
        <translation>等待它上面的调用返回</translation>
    </message>
</context>
<context>
    <name>ConnectionTableModel</name>
    <message>
        <source>handshake</source>
        <extracomment>``Connection.opened`` / ``Connection.closed`` as a learner reads them. "rst" and "fin" are the flags that closed the connection: shown as the flag names, in every language.</extracomment>
        <translation>握手</translation>
    </message>
    <message>
        <source>midstream</source>
        <translation>中途</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未关闭</translation>
    </message>
    <message>
        <source>guess</source>
        <translation>推测</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Packets</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Start (s)</source>
        <translation>开始（秒）</translation>
    </message>
    <message>
        <source>Duration (s)</source>
        <translation>时长（秒）</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>建立方式</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>关闭方式</translation>
    </message>
    <message>
        <source>Retrans.</source>
        <translation>重传</translation>
    </message>
    <message>
        <source>Dup ACK</source>
        <translation>重复 ACK</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>乱序</translation>
    </message>
    <message>
        <source>{client} → {server}
opened: {opened}, closed: {closed}
orientation: {orientation} ({reason})</source>
        <extracomment>The columns of words and addresses, left-aligned; the numbers are right-aligned.</extracomment>
        <translation>{client} → {server}
建立：{opened}，关闭：{closed}
方向判定：{orientation}（{reason}）</translation>
    </message>
    <message>
        <source>TCP analysis (as Wireshark): {flags}</source>
        <translation>TCP 分析（同 Wireshark）：{flags}</translation>
    </message>
</context>
<context>
    <name>ContextsPanel</name>
    <message>
        <source>set at this step</source>
        <translation>这一步设置</translation>
    </message>
    <message>
        <source>changed at this step</source>
        <translation>这一步修改</translation>
    </message>
    <message>
        <source>removed at this step</source>
        <translation>这一步删除</translation>
    </message>
    <message>
        <source>— popped at this step</source>
        <translation>——这一步弹出</translation>
    </message>
    <message>
        <source>— reset: no longer set at this step</source>
        <translation>——这一步重置：不再设置</translation>
    </message>
    <message>
        <source>below (an outer context)</source>
        <translation>下方（外层上下文）</translation>
    </message>
    <message>
        <source>top</source>
        <translation>栈顶</translation>
    </message>
    <message>
        <source>current value</source>
        <translation>当前值</translation>
    </message>
    <message>
        <source>{where} — pushed at this step</source>
        <translation>{where}——这一步压入</translation>
    </message>
    <message>
        <source>{where} — set at this step</source>
        <translation>{where}——这一步设置</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>not set (a proxy used now raises “Working outside of … context”)</source>
        <translation>未设置（此时使用代理会引发“Working outside of … context”）</translation>
    </message>
    <message>
        <source>Flask's contexts</source>
        <translation>Flask 的上下文</translation>
    </message>
    <message>
        <source>No request is inside Flask at this step: no app or request context exists yet (or any more).</source>
        <translation>这一步没有请求在 Flask 内部：应用上下文和请求上下文都还不存在（或已不存在）。</translation>
    </message>
    <message>
        <source>Flask {version} keeps the active contexts on two &lt;b&gt;stacks&lt;/b&gt; (Werkzeug &lt;code&gt;LocalStack&lt;/code&gt;, one per thread): &lt;code&gt;ctx.push()&lt;/code&gt; pushes, &lt;code&gt;ctx.pop()&lt;/code&gt; pops.</source>
        <translation>Flask {version} 把活动的上下文放在两个&lt;b&gt;栈&lt;/b&gt;上（Werkzeug 的 &lt;code&gt;LocalStack&lt;/code&gt;，每个线程一个）：&lt;code&gt;ctx.push()&lt;/code&gt; 压栈，&lt;code&gt;ctx.pop()&lt;/code&gt; 出栈。</translation>
    </message>
    <message>
        <source>Flask {version} keeps the active contexts in two &lt;b&gt;context variables&lt;/b&gt; (&lt;code&gt;contextvars.ContextVar&lt;/code&gt;): &lt;code&gt;ctx.push()&lt;/code&gt; &lt;i&gt;sets&lt;/i&gt; them and keeps a token, &lt;code&gt;ctx.pop()&lt;/code&gt; &lt;i&gt;resets&lt;/i&gt; them with it.</source>
        <translation>Flask {version} 把活动的上下文放在两个&lt;b&gt;上下文变量&lt;/b&gt;中（&lt;code&gt;contextvars.ContextVar&lt;/code&gt;）：&lt;code&gt;ctx.push()&lt;/code&gt; &lt;i&gt;设置&lt;/i&gt;它们并保留一个令牌，&lt;code&gt;ctx.pop()&lt;/code&gt; 用这个令牌&lt;i&gt;重置&lt;/i&gt;它们。</translation>
    </message>
    <message>
        <source>At this step:</source>
        <translation>这一步：</translation>
    </message>
    <message>
        <source>No context is pushed or popped at this step.</source>
        <translation>这一步没有压入或弹出上下文。</translation>
    </message>
    <message>
        <source>proxies: {names}</source>
        <translation>代理：{names}</translation>
    </message>
    <message>
        <source>— the app context's scratch space for one request (before_request hooks put a database handle here)</source>
        <translation>——应用上下文中供一个请求使用的临时存储（before_request 钩子把数据库句柄放在这里）</translation>
    </message>
    <message>
        <source>— opened from the request's cookie when the request context is pushed, saved into Set-Cookie by process_response</source>
        <translation>——压入请求上下文时从请求的 Cookie 打开，由 process_response 保存到 Set-Cookie 中</translation>
    </message>
    <message>
        <source>closed at this step: the request context is gone</source>
        <translation>这一步关闭：请求上下文已不存在</translation>
    </message>
    <message>
        <source>not opened (no request context, or open_session has not run yet)</source>
        <translation>未打开（没有请求上下文，或 open_session 还没有运行）</translation>
    </message>
    <message>
        <source>modified — it will be saved into a Set-Cookie header</source>
        <translation>已修改——它将被保存到 Set-Cookie 首部字段中</translation>
    </message>
    <message>
        <source>empty (no data yet)</source>
        <translation>空（还没有数据）</translation>
    </message>
</context>
<context>
    <name>CookieJarModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Sent on this request?</source>
        <translation>本次请求是否发送？</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>域（Domain）</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径（Path）</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>过期时间</translation>
    </message>
    <message>
        <source>Secure</source>
        <translation>Secure</translation>
    </message>
    <message>
        <source>HttpOnly</source>
        <translation>HttpOnly</translation>
    </message>
    <message>
        <source>SameSite</source>
        <translation>SameSite</translation>
    </message>
    <message>
        <source>Domain: 'host only' = sent to exactly this host (no Domain attribute, RFC 6265 §5.3 step 6); otherwise also to its subdomains</source>
        <translation>域：“仅此主机”= 只发送给这一台主机（没有 Domain 属性，RFC 6265 §5.3 第 6 步）；否则也发送给它的子域</translation>
    </message>
    <message>
        <source>Sent only to request paths under this path (RFC 6265 §5.1.4)</source>
        <translation>只随路径位于此路径之下的请求发送（RFC 6265 §5.1.4）</translation>
    </message>
    <message>
        <source>In the scenario's virtual time; 'session' = no Expires/Max-Age, kept until the browser closes (RFC 6265 §5.3)</source>
        <extracomment>The Expires header's tooltip, which the Expires cells' tooltips repeat.</extracomment>
        <translation>以场景的虚拟时间计；“会话”= 没有 Expires/Max-Age，保留到浏览器关闭（RFC 6265 §5.3）</translation>
    </message>
    <message>
        <source>Sent only over HTTPS (RFC 6265 §5.4 step 1)</source>
        <translation>只通过 HTTPS 发送（RFC 6265 §5.4 第 1 步）</translation>
    </message>
    <message>
        <source>Hidden from JavaScript's document.cookie (RFC 6265 §5.3 step 10)</source>
        <translation>对 JavaScript 的 document.cookie 不可见（RFC 6265 §5.3 第 10 步）</translation>
    </message>
    <message>
        <source>The browser's decision for the request at this step, and the rule that decided (RFC 6265 §5.4)</source>
        <translation>浏览器对本步请求的决定，以及作出决定的规则（RFC 6265 §5.4）</translation>
    </message>
    <message>
        <source>Which requests started by another site carry the cookie: Strict none; Lax only top-level navigations with a safe method such as GET (a followed link); None all (RFC 6265bis §5.6.7, §5.8.3)</source>
        <translation>其他网站发起的哪些请求会携带此 Cookie：Strict 一个也不；Lax 只有使用 GET 等安全方法的顶层导航（例如点击链接）；None 全部（RFC 6265bis §5.6.7、§5.8.3）</translation>
    </message>
    <message>
        <source>added by this step</source>
        <extracomment>Every ``Change`` as the tooltip words it (tests check the table covers the enum).</extracomment>
        <translation>由本步新增</translation>
    </message>
    <message>
        <source>changed by this step</source>
        <translation>由本步修改</translation>
    </message>
    <message>
        <source>removed by this step</source>
        <translation>由本步删除</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未变化</translation>
    </message>
    <message>
        <source>{n} d</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} 小时</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} 秒</translation>
    </message>
    <message>
        <source>session</source>
        <comment>cookie lifetime</comment>
        <translation>会话</translation>
    </message>
    <message>
        <source>expired (t = {t} s)</source>
        <translation>已过期（t = {t} 秒）</translation>
    </message>
    <message>
        <source>in {duration} (t = {t} s)</source>
        <translation>{duration}后（t = {t} 秒）</translation>
    </message>
    <message>
        <source>✓ sent</source>
        <translation>✓ 发送</translation>
    </message>
    <message>
        <source>✗ not sent</source>
        <translation>✗ 不发送</translation>
    </message>
    <message>
        <source>{domain} (host only)</source>
        <translation>{domain}（仅此主机）</translation>
    </message>
    <message>
        <source>{domain} (+ subdomains)</source>
        <translation>{domain}（含子域）</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <source>No request is being built at this step</source>
        <translation>本步没有正在构建的请求</translation>
    </message>
    <message>
        <source>This cookie is no longer in the jar</source>
        <translation>这个 Cookie 已不在 Cookie 存储中</translation>
    </message>
    <message>
        <source>created at t = {t} s</source>
        <translation>创建于 t = {t} 秒</translation>
    </message>
</context>
<context>
    <name>CookieJarView</name>
    <message>
        <source>added</source>
        <extracomment>``Change.value`` of every change a row can show, as a learner reads it ("this step added sid"); ``change_word`` translates. ``Change.NONE`` ("") is never shown.</extracomment>
        <translation>新增</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>No HTTP at this step.</source>
        <translation>此步没有 HTTP。</translation>
    </message>
    <message>
        <source>the server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>The browser builds a request to &lt;b&gt;{target}&lt;/b&gt;: the jar checks each cookie (RFC 6265 §5.4) — {sent} of {total} go in the Cookie header.</source>
        <translation>浏览器构建发往 &lt;b&gt;{target}&lt;/b&gt; 的请求：逐个检查 Cookie 存储中的 Cookie（RFC 6265 §5.4）——{total} 个中有 {sent} 个放入 Cookie 首部。</translation>
    </message>
    <message>
        <source>This response sets no cookie. </source>
        <translation>这个响应没有设置 Cookie。</translation>
    </message>
    <message>
        <source>The browser has read this response's Set-Cookie (RFC 6265 §5.2–5.3). </source>
        <translation>浏览器已读取这个响应的 Set-Cookie（RFC 6265 §5.2–5.3）。</translation>
    </message>
    <message>
        <source>This response carries 1 Set-Cookie header; the jar changes when the browser reads it. </source>
        <translation>这个响应带有 1 个 Set-Cookie 首部；浏览器读取它时 Cookie 存储才会改变。</translation>
    </message>
    <message>
        <source>This response carries {n} Set-Cookie headers; the jar changes when the browser reads it. </source>
        <translation>这个响应带有 {n} 个 Set-Cookie 首部；浏览器读取它们时 Cookie 存储才会改变。</translation>
    </message>
    <message>
        <source>The request carries the Cookie header the browser built for it. </source>
        <translation>这个请求带有浏览器为它构建的 Cookie 首部。</translation>
    </message>
    <message>
        <source>This request carries no cookie. </source>
        <translation>这个请求没有携带 Cookie。</translation>
    </message>
    <message>
        <source>The jar is empty.</source>
        <translation>Cookie 存储是空的。</translation>
    </message>
    <message>
        <source>The jar is now empty</source>
        <translation>Cookie 存储现在是空的</translation>
    </message>
    <message>
        <source>The jar holds 1 cookie</source>
        <translation>Cookie 存储中有 1 个 Cookie</translation>
    </message>
    <message>
        <source>The jar holds {n} cookies</source>
        <translation>Cookie 存储中有 {n} 个 Cookie</translation>
    </message>
    <message>
        <source>{held}{changes}.</source>
        <translation>{held}{changes}。</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between names and changes</comment>
        <translation>，</translation>
    </message>
    <message>
        <source>{change} &lt;b&gt;{names}&lt;/b&gt;</source>
        <translation>{change} &lt;b&gt;{names}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>; this step {changes}</source>
        <translation>；本步{changes}</translation>
    </message>
    <message>
        <source>Since the previous step:</source>
        <translation>与上一步相比：</translation>
    </message>
    <message>
        <source>On this request:</source>
        <translation>本次请求：</translation>
    </message>
    <message>
        <source>✓ sent</source>
        <translation>✓ 发送</translation>
    </message>
    <message>
        <source>✗ not sent</source>
        <translation>✗ 不发送</translation>
    </message>
    <message>
        <source>(hover a cell for details)</source>
        <translation>（鼠标悬停在单元格上查看详情）</translation>
    </message>
    <message>
        <source>Browser cookie jar</source>
        <translation>浏览器的 Cookie 存储</translation>
    </message>
</context>
<context>
    <name>EnvironModel</name>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>What it means</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>CGI variable</source>
        <translation>CGI 变量</translation>
    </message>
    <message>
        <source>HTTP header</source>
        <translation>HTTP 首部字段</translation>
    </message>
    <message>
        <source>wsgi.*</source>
        <translation>wsgi.*</translation>
    </message>
    <message>
        <source>server extension</source>
        <translation>服务器扩展</translation>
    </message>
    <message>
        <source>{family}, required</source>
        <translation>{family}，必需</translation>
    </message>
    <message>
        <source>Defined by: {reference}</source>
        <translation>定义于：{reference}</translation>
    </message>
    <message>
        <source>PEP 3333 requires it.</source>
        <translation>PEP 3333 要求必须有。</translation>
    </message>
    <message>
        <source>Optional.</source>
        <translation>可选。</translation>
    </message>
</context>
<context>
    <name>EnvironPanel</name>
    <message>
        <source>reads the request</source>
        <translation>读取请求</translation>
    </message>
    <message>
        <source>environ built</source>
        <translation>environ 已构建</translation>
    </message>
    <message>
        <source>app runs</source>
        <translation>应用运行</translation>
    </message>
    <message>
        <source>body sent</source>
        <translation>发送消息体</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Now: {phase}.</source>
        <translation>当前：{phase}。</translation>
    </message>
    <message>
        <source>— the app hands the server its status line and headers (PEP 3333: The start_response() Callable)</source>
        <translation>——应用把状态行和首部交给服务器（PEP 3333: The start_response() Callable）</translation>
    </message>
    <message>
        <source>&lt;i&gt;Not called yet.&lt;/i&gt; The server cannot send anything before the application has said which status and headers to send.</source>
        <translation>&lt;i&gt;尚未调用。&lt;/i&gt;在应用说明要发送哪个状态和哪些首部之前，服务器什么也不能发送。</translation>
    </message>
    <message>
        <source>with exc_info: an error replaces the headers</source>
        <translation>带 exc_info：一个错误替换了这些首部</translation>
    </message>
    <message>
        <source>The app returns the body as an iterable: &lt;code&gt;{iterable}&lt;/code&gt;; the server iterates it and writes each chunk.</source>
        <translation>应用以可迭代对象返回消息体：&lt;code&gt;{iterable}&lt;/code&gt;；服务器遍历它并写出每一块。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Socket&lt;/b&gt;: this chain was not traced on a real socket, so no byte counts.</source>
        <translation>&lt;b&gt;套接字&lt;/b&gt;：这条调用链不是在真实套接字上跟踪的，所以没有字节计数。</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the items of a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>{n} bytes</source>
        <translation>{n} 字节</translation>
    </message>
    <message>
        <source>&lt;b&gt;Socket&lt;/b&gt;: read from the client {received}; sent to the client so far {sent}</source>
        <translation>&lt;b&gt;套接字&lt;/b&gt;：已从客户端读取 {received}；到目前为止已向客户端发送 {sent}</translation>
    </message>
    <message>
        <source> — the status line and headers wait for the first body bytes</source>
        <translation>——状态行和首部要等到消息体的第一批字节才发送</translation>
    </message>
    <message>
        <source> ({parts})</source>
        <translation>（{parts}）</translation>
    </message>
    <message>
        <source>Hover a row for its definition (RFC 3875, PEP 3333)</source>
        <translation>将鼠标悬停在一行上可查看其定义（RFC 3875、PEP 3333）</translation>
    </message>
    <message>
        <source>&lt;b&gt;environ&lt;/b&gt; — no request is inside the server at this step.</source>
        <translation>&lt;b&gt;environ&lt;/b&gt;——这一步没有请求在服务器内部。</translation>
    </message>
    <message>
        <source>&lt;b&gt;environ&lt;/b&gt; — &lt;i&gt;not built yet.&lt;/i&gt; The server is still reading the request from the socket; &lt;code&gt;make_environ()&lt;/code&gt; will turn the request line and headers into the dict the application receives.</source>
        <translation>&lt;b&gt;environ&lt;/b&gt;——&lt;i&gt;尚未构建。&lt;/i&gt;服务器还在从套接字读取请求；&lt;code&gt;make_environ()&lt;/code&gt; 将把请求行和首部变成应用收到的字典。</translation>
    </message>
    <message>
        <source>⚠ {n} value(s) wsgiref.validate objects to</source>
        <translation>⚠ {n} 个值不被 wsgiref.validate 接受</translation>
    </message>
    <message>
        <source>&lt;b&gt;environ&lt;/b&gt; as the server built it: {keys} keys, {required} required by PEP 3333 (bold)</source>
        <translation>服务器构建的 &lt;b&gt;environ&lt;/b&gt;：{keys} 个键，其中 {required} 个是 PEP 3333 要求的（粗体）</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>step {index} is out of range: this timeline has steps 0 to {last}</source>
        <translation>第 {index} 步超出范围：这条时间线只有第 0 到第 {last} 步</translation>
    </message>
    <message>
        <source>could not write PNG to {path}</source>
        <translation>无法将 PNG 写入 {path}</translation>
    </message>
    <message>
        <source>could not write SVG: folder {folder} does not exist</source>
        <translation>无法写入 SVG：文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>Protocol Simulator, step {n} of {total}</source>
        <translation>协议模拟器，第 {n} 步（共 {total} 步）</translation>
    </message>
    <message>
        <source>could not write SVG to {path}</source>
        <translation>无法将 SVG 写入 {path}</translation>
    </message>
</context>
<context>
    <name>FlaskSessionHtml</name>
    <message>
        <source>{t} (out of range)</source>
        <translation>{t}（超出范围）</translation>
    </message>
    <message>
        <source>{t} s since 1970-01-01 = {when} UTC (when the server signed it)</source>
        <translation>自 1970-01-01 起 {t} 秒 = {when} UTC（服务器签名的时间）</translation>
    </message>
    <message>
        <source>✓ signature valid — {reason}. The server trusts this session data.</source>
        <translation>✓ 签名有效 — {reason}。服务器信任这份会话数据。</translation>
    </message>
    <message>
        <source>✗ signature check FAILED — {reason}. Flask ignores this cookie: the request gets an empty session.</source>
        <translation>✗ 签名校验失败 — {reason}。Flask 忽略这个 Cookie：请求得到一个空会话。</translation>
    </message>
    <message>
        <source>? not verified here — {reason}. Only the server, which knows SECRET_KEY, can check the signature.</source>
        <translation>? 此处未校验 — {reason}。只有知道 SECRET_KEY 的服务器才能校验签名。</translation>
    </message>
    <message>
        <source>(no payload)</source>
        <translation>（没有载荷）</translation>
    </message>
    <message>
        <source>base64url JSON — zlib-compressed (the leading '.'), decoded below</source>
        <translation>base64url 编码的 JSON — 经 zlib 压缩（开头的“.”），解码结果见下</translation>
    </message>
    <message>
        <source>base64url JSON, decoded below</source>
        <translation>base64url 编码的 JSON，解码结果见下</translation>
    </message>
    <message>
        <source>— NOT trusted: what the cookie claims</source>
        <translation>— 不可信：这只是 Cookie 自己声称的内容</translation>
    </message>
    <message>
        <source>Flask's signed session cookie</source>
        <translation>Flask 的签名会话 Cookie</translation>
    </message>
    <message>
        <source>(the data travels in the cookie: anyone can read it, only the server's SECRET_KEY can sign it)</source>
        <translation>（数据随 Cookie 传输：任何人都能读取，只有服务器的 SECRET_KEY 能签名）</translation>
    </message>
    <message>
        <source>payload</source>
        <translation>载荷</translation>
    </message>
    <message>
        <source>timestamp</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <source>signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>HMAC of payload.timestamp with the server's key — only the server can make it</source>
        <translation>用服务器密钥对 payload.timestamp 计算的 HMAC — 只有服务器能生成</translation>
    </message>
    <message>
        <source>Session data</source>
        <translation>会话数据</translation>
    </message>
</context>
<context>
    <name>GatewaysView</name>
    <message>
        <source>a new process for every request</source>
        <translation>每个请求一个新进程</translation>
    </message>
    <message>
        <source>one persistent process, records on a socket</source>
        <translation>一个常驻进程，通过套接字交换记录</translation>
    </message>
    <message>
        <source>a Python function call in one process</source>
        <translation>同一进程内的一次 Python 函数调用</translation>
    </message>
    <message>
        <source>1 request arrives</source>
        <translation>1 请求到达</translation>
    </message>
    <message>
        <source>2 app made ready</source>
        <translation>2 应用准备就绪</translation>
    </message>
    <message>
        <source>3 request handed over</source>
        <translation>3 移交请求</translation>
    </message>
    <message>
        <source>4 app runs</source>
        <translation>4 应用运行</translation>
    </message>
    <message>
        <source>5 response comes back</source>
        <translation>5 响应返回</translation>
    </message>
    <message>
        <source>6 afterwards</source>
        <translation>6 之后</translation>
    </message>
    <message>
        <source>{label} ({n} bytes, ⏎ = line break):</source>
        <translation>{label}（{n} 字节，⏎ = 换行）：</translation>
    </message>
    <message>
        <source>One request, three ways: {request}  →  {status}</source>
        <translation>一个请求，三种方式：{request}  →  {status}</translation>
    </message>
    <message>
        <source>Step through: the three lanes move together, stage by stage.</source>
        <translation>逐步播放：三条泳道一起前进，一个阶段接一个阶段。</translation>
    </message>
    <message>
        <source>Stage {n} of {total}: {stage}</source>
        <translation>第 {n} 阶段，共 {total} 个：{stage}</translation>
    </message>
    <message>
        <source>browser ⇅ TCP</source>
        <translation>浏览器 ⇅ TCP</translation>
    </message>
    <message>
        <source>WSGI server</source>
        <translation>WSGI 服务器</translation>
    </message>
    <message>
        <source>server code</source>
        <translation>服务器代码</translation>
    </message>
    <message>
        <source>the application object, already imported</source>
        <translation>应用对象，早已导入</translation>
    </message>
    <message>
        <source>web server</source>
        <translation>Web 服务器</translation>
    </message>
    <message>
        <source>no application process</source>
        <translation>没有应用进程</translation>
    </message>
    <message>
        <source>(none running yet)</source>
        <translation>（尚无进程运行）</translation>
    </message>
    <message>
        <source>exited</source>
        <translation>已退出</translation>
    </message>
    <message>
        <source>NEW process, just started</source>
        <translation>新进程，刚刚启动</translation>
    </message>
    <message>
        <source>persistent: started once, before any request</source>
        <translation>常驻：在任何请求之前启动一次</translation>
    </message>
    <message>
        <source>this request's own process</source>
        <translation>这个请求专属的进程</translation>
    </message>
    <message>
        <source>{n} items: {first}</source>
        <translation>{n} 项：{first}</translation>
    </message>
    <message>
        <source>… and {n} more lines</source>
        <translation>……还有 {n} 行</translation>
    </message>
</context>
<context>
    <name>HexView</name>
    <message>
        <source>The packet's bytes: offset, hex, ASCII. Click a byte to select the field that holds it.</source>
        <translation>数据包的字节：偏移、十六进制、ASCII。点击一个字节，即选中包含它的字段。</translation>
    </message>
    <message>
        <source>… 1 more byte on the wire was not captured (snapshot length)</source>
        <translation>… 线路上还有 1 个字节未被抓取（快照长度所限）</translation>
    </message>
    <message>
        <source>… {n} more bytes on the wire were not captured (snapshot length)</source>
        <translation>… 线路上还有 {n} 个字节未被抓取（快照长度所限）</translation>
    </message>
</context>
<context>
    <name>HttpMessageHtml</name>
    <message>
        <source>kept until this date (§5.2.1)</source>
        <translation>保留到这个日期（§5.2.1）</translation>
    </message>
    <message>
        <source>kept this many seconds (§5.2.2; wins over Expires)</source>
        <translation>保留这么多秒（§5.2.2；优先于 Expires）</translation>
    </message>
    <message>
        <source>also sent to subdomains of this domain (§5.2.3)</source>
        <translation>也发送给这个域的子域（§5.2.3）</translation>
    </message>
    <message>
        <source>sent only to URLs under this path (§5.2.4)</source>
        <translation>只发送给此路径之下的 URL（§5.2.4）</translation>
    </message>
    <message>
        <source>sent only over HTTPS (§5.2.5)</source>
        <translation>只通过 HTTPS 发送（§5.2.5）</translation>
    </message>
    <message>
        <source>hidden from JavaScript's document.cookie (§5.2.6)</source>
        <translation>对 JavaScript 的 document.cookie 不可见（§5.2.6）</translation>
    </message>
    <message>
        <source>which requests started by other sites carry it (RFC 6265bis §5.6.7)</source>
        <translation>其他网站发起的哪些请求会携带它（RFC 6265bis §5.6.7）</translation>
    </message>
    <message>
        <source>only same-site requests carry it, never ones started by another site, not even a followed link</source>
        <translation>只有同站请求携带它，其他网站发起的请求从不携带，即使是用户点击的链接也不携带</translation>
    </message>
    <message>
        <source>same-site requests carry it, and from other sites top-level navigations with a safe method such as GET (a followed link), not a POST, an image or a frame</source>
        <translation>同站请求携带它；来自其他网站的请求中，只有使用 GET 等安全方法的顶层导航（例如点击链接）才携带，POST、图片或 iframe 都不携带</translation>
    </message>
    <message>
        <source>every request carries it, cross-site too (requires Secure)</source>
        <translation>所有请求都携带它，跨站请求也一样（要求 Secure）</translation>
    </message>
    <message>
        <source>{n} bytes</source>
        <translation>{n} 字节</translation>
    </message>
    <message>
        <source>{coding}-encoded body: not decoded here, shown as it travelled</source>
        <translation>{coding} 编码的消息体：此处不解码，按传输时的样子显示</translation>
    </message>
    <message>
        <source>{coding}-decoded: {before} → {after} bytes</source>
        <translation>已做 {coding} 解码：{before} → {after} 字节</translation>
    </message>
    <message>
        <source>the {coding} stream is cut short: only part of it decoded</source>
        <translation>{coding} 数据流被截断：只解码了一部分</translation>
    </message>
    <message>
        <source>{coding} body could not be decoded ({error}); shown as it travelled</source>
        <translation>{coding} 消息体无法解码（{error}）；按传输时的样子显示</translation>
    </message>
    <message>
        <source>the {coding} body decodes to more than {limit} (the limit): only its first {limit} are shown</source>
        <translation>{coding} 正文解码后超过 {limit}（上限）：只显示前 {limit}</translation>
    </message>
    <message>
        <source>… {n} more bytes</source>
        <translation>… 还有 {n} 字节</translation>
    </message>
    <message>
        <source>… ({n} more characters)</source>
        <translation>…（还有 {n} 个字符）</translation>
    </message>
    <message>
        <source>sent chunked (Transfer-Encoding: chunked, RFC 9112 §7.1); shown de-chunked</source>
        <translation>以分块方式发送（Transfer-Encoding: chunked，RFC 9112 §7.1）；显示的是合并分块后的内容</translation>
    </message>
    <message>
        <source>incomplete: {n} body bytes so far — the rest has not crossed yet (no zero-size last chunk yet)</source>
        <translation>不完整：目前收到 {n} 字节消息体 — 其余部分尚未传过来（还没有大小为 0 的最后一块）</translation>
    </message>
    <message>
        <source>incomplete: {n} body bytes so far — the rest has not crossed yet</source>
        <translation>不完整：目前收到 {n} 字节消息体 — 其余部分尚未传过来</translation>
    </message>
    <message>
        <source>no body</source>
        <translation>没有消息体</translation>
    </message>
    <message>
        <source>no Content-Type</source>
        <translation>没有 Content-Type</translation>
    </message>
    <message>
        <source>not valid {charset}: undecodable bytes shown as �</source>
        <translation>不是有效的 {charset}：无法解码的字节显示为 �</translation>
    </message>
    <message>
        <source>binary · {type} · {size}</source>
        <translation>二进制 · {type} · {size}</translation>
    </message>
    <message>
        <source>not valid JSON ({error}); shown as text</source>
        <translation>不是有效的 JSON（{error}）；按文本显示</translation>
    </message>
    <message>
        <source>JSON · {size}</source>
        <translation>JSON · {size}</translation>
    </message>
    <message>
        <source>form fields · {size}</source>
        <translation>表单字段 · {size}</translation>
    </message>
    <message>
        <source>as sent: {text}</source>
        <translation>原始发送内容：{text}</translation>
    </message>
    <message>
        <source>text · {type} · {size}</source>
        <translation>文本 · {type} · {size}</translation>
    </message>
    <message>
        <source>not an attribute RFC 6265 knows: ignored (§5.2)</source>
        <translation>不是 RFC 6265 认识的属性：忽略（§5.2）</translation>
    </message>
    <message>
        <source>Max-Age ≤ 0: the browser deletes this cookie now (§5.3 step 11)</source>
        <translation>Max-Age ≤ 0：浏览器立即删除这个 Cookie（§5.3 第 11 步）</translation>
    </message>
    <message>
        <source>not a number: ignored (§5.2.2)</source>
        <translation>不是数字：忽略（§5.2.2）</translation>
    </message>
    <message>
        <source>unknown value: treated as not given</source>
        <translation>未知的值：视为未设置</translation>
    </message>
    <message>
        <source>{rule} (RFC 6265bis §5.6.7.1, §5.8.3)</source>
        <translation>{rule}（RFC 6265bis §5.6.7.1、§5.8.3）</translation>
    </message>
    <message>
        <source>(empty Cookie header)</source>
        <translation>（空的 Cookie 首部）</translation>
    </message>
    <message>
        <source>sends cookie {name} = {value}</source>
        <translation>发送 Cookie {name} = {value}</translation>
    </message>
    <message>
        <source>no name=value pair: the browser ignores this Set-Cookie (RFC 6265 §5.2)</source>
        <translation>没有 name=value 对：浏览器忽略这个 Set-Cookie（RFC 6265 §5.2）</translation>
    </message>
    <message>
        <source>deletes cookie {name} (Max-Age ≤ 0 puts its expiry in the past)</source>
        <translation>删除 Cookie {name}（Max-Age ≤ 0 把它的过期时间设在过去）</translation>
    </message>
    <message>
        <source>stores cookie {name} = {value}</source>
        <translation>保存 Cookie {name} = {value}</translation>
    </message>
    <message>
        <source>no Expires / Max-Age — a session cookie: gone when the browser closes</source>
        <translation>没有 Expires / Max-Age — 会话 Cookie：浏览器关闭时消失</translation>
    </message>
    <message>
        <source>No HTTP message at this step — the explanation says what happened.</source>
        <translation>此步没有 HTTP 报文 — 说明中讲述了发生了什么。</translation>
    </message>
    <message>
        <source>REQUEST</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>browser → server</source>
        <translation>浏览器 → 服务器</translation>
    </message>
    <message>
        <source>RESPONSE</source>
        <translation>响应</translation>
    </message>
    <message>
        <source>server → browser</source>
        <translation>服务器 → 浏览器</translation>
    </message>
    <message>
        <source>connection {connection}, exchange {exchange}</source>
        <translation>连接 {connection}，第 {exchange} 次交换</translation>
    </message>
    <message>
        <source>{n} bytes on the wire</source>
        <translation>线路上 {n} 字节</translation>
    </message>
    <message>
        <source>malformed: {problem}</source>
        <translation>格式错误：{problem}</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>首部</translation>
    </message>
    <message>
        <source>({n}; cookie headers highlighted)</source>
        <translation>（{n} 个；Cookie 相关首部已高亮）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>消息体</translation>
    </message>
</context>
<context>
    <name>HttpPanel</name>
    <message>
        <source>No HTTP in this lesson</source>
        <translation>本课没有 HTTP</translation>
    </message>
    <message>
        <source>This timeline is about TCP alone: no HTTP message crosses the connection.</source>
        <translation>这条时间线只讲 TCP：连接上没有 HTTP 报文经过。</translation>
    </message>
    <message>
        <source>Choose an HTTP scenario in the &lt;i&gt;Scenario&lt;/i&gt; box (cookies, login, Flask session, …)&lt;br&gt;or open a capture with web traffic, and this panel shows each request and response,&lt;br&gt;the browser's cookie jar and the server's sessions, step by step.</source>
        <translation>在&lt;i&gt;场景&lt;/i&gt;框中选择一个 HTTP 场景（Cookie、登录、Flask 会话……），&lt;br&gt;或打开一个含网页流量的抓包文件，本面板就会逐步显示每个请求和响应、&lt;br&gt;浏览器的 Cookie 存储和服务器的会话。</translation>
    </message>
</context>
<context>
    <name>LadderArrow</name>
    <message>
        <source>+{n} B</source>
        <translation>+{n} 字节</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>丢失</translation>
    </message>
    <message>
        <source>client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>sent at {sent} by the {sender}; delivered at {end}</source>
        <translation>{sender}于 {sent} 发出；{end} 送达</translation>
    </message>
    <message>
        <source>sent at {sent} by the {sender}; lost at {end}</source>
        <translation>{sender}于 {sent} 发出；{end} 丢失</translation>
    </message>
    <message>
        <source>sent at {sent} by the {sender}; lost</source>
        <translation>{sender}于 {sent} 发出；已丢失</translation>
    </message>
    <message>
        <source>sent at {sent} by the {sender}; delivered</source>
        <translation>{sender}于 {sent} 发出；已送达</translation>
    </message>
    <message>
        <source>sent at {sent} by the {sender}; still in flight</source>
        <translation>{sender}于 {sent} 发出；仍在传输中</translation>
    </message>
    <message>
        <source>retransmission</source>
        <translation>重传</translation>
    </message>
    <message>
        <source>fast retransmission</source>
        <translation>快速重传</translation>
    </message>
    <message>
        <source>spurious retransmission</source>
        <translation>伪重传</translation>
    </message>
    <message>
        <source>duplicate ACK</source>
        <translation>重复 ACK</translation>
    </message>
    <message>
        <source>out of order</source>
        <translation>乱序</translation>
    </message>
    <message>
        <source>zero window</source>
        <translation>零窗口</translation>
    </message>
    <message>
        <source>zero-window probe</source>
        <translation>零窗口探测</translation>
    </message>
    <message>
        <source>keep-alive</source>
        <translation>保活</translation>
    </message>
    <message>
        <source>window update</source>
        <translation>窗口更新</translation>
    </message>
    <message>
        <source>duplicated by the network</source>
        <translation>被网络复制</translation>
    </message>
</context>
<context>
    <name>LadderBreak</name>
    <message>
        <source>TIME-WAIT timer expires · gap not drawn to scale</source>
        <translation>TIME-WAIT 定时器到期 · 间隔未按比例绘制</translation>
    </message>
    <message>
        <source>⋯ {duration} later ⋯</source>
        <translation>⋯ {duration} 之后 ⋯</translation>
    </message>
    <message>
        <source>retransmission timer expires (RTO = {rto}) · not to scale</source>
        <translation>重传定时器到期（RTO = {rto}）· 未按比例绘制</translation>
    </message>
    <message>
        <source>nothing happens meanwhile · not to scale</source>
        <translation>期间没有任何事件 · 未按比例绘制</translation>
    </message>
</context>
<context>
    <name>LadderLane</name>
    <message>
        <source>the server reads the request</source>
        <translation>服务器读取请求</translation>
    </message>
    <message>
        <source>environ built</source>
        <translation>environ 已构建</translation>
    </message>
    <message>
        <source>contexts pushed</source>
        <translation>上下文已压入</translation>
    </message>
    <message>
        <source>before_request hooks</source>
        <translation>before_request 钩子</translation>
    </message>
    <message>
        <source>view function</source>
        <translation>视图函数</translation>
    </message>
    <message>
        <source>error handler</source>
        <translation>错误处理器</translation>
    </message>
    <message>
        <source>after_request · save_session</source>
        <translation>after_request 钩子 · save_session</translation>
    </message>
    <message>
        <source>start_response called</source>
        <translation>start_response 已调用</translation>
    </message>
    <message>
        <source>teardown</source>
        <translation>teardown 清理</translation>
    </message>
    <message>
        <source>contexts popped</source>
        <translation>上下文已弹出</translation>
    </message>
    <message>
        <source>response written</source>
        <translation>响应已写出</translation>
    </message>
    <message>
        <source>connection shut down</source>
        <translation>连接已关闭</translation>
    </message>
</context>
<context>
    <name>LadderView</name>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
</context>
<context>
    <name>LessonBrowser</name>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>capture</source>
        <translation>抓包</translation>
    </message>
    <message>
        <source>trace</source>
        <translation>实时跟踪</translation>
    </message>
    <message>
        <source>chain</source>
        <translation>调用链</translation>
    </message>
    <message>
        <source>live flow</source>
        <translation>实时流程</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>{right}/{asked} right</source>
        <translation>答对 {right}/{asked}</translation>
    </message>
    <message>
        <source>{kind}: {name}</source>
        <translation>{kind}：{name}</translation>
    </message>
    <message>
        <source>Teaches: {cites}</source>
        <translation>参考：{cites}</translation>
    </message>
    <message>
        <source>Double-click a lesson to start it. Its list folds away while it plays; Ctrl+L brings it back.</source>
        <translation>双击课程开始学习。课程播放时列表会收起；按 Ctrl+L 可重新打开。</translation>
    </message>
</context>
<context>
    <name>LessonDocks</name>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>打开课程</translation>
    </message>
</context>
<context>
    <name>LessonNarrationPanel</name>
    <message>
        <source>Step {n} of {total}</source>
        <translation>第 {n} 步，共 {total} 步</translation>
    </message>
    <message>
        <source>(continued from step {n})</source>
        <translation>（接第 {n} 步）</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Teaches: {cites}</source>
        <translation>参考：{cites}</translation>
    </message>
</context>
<context>
    <name>LoadProgress</name>
    <message>
        <source>Cancel</source>
        <extracomment>The dialog's (title, label) in the current interface language.</extracomment>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Play / pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <source>Step forward</source>
        <translation>前进一步</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>后退一步</translation>
    </message>
    <message>
        <source>First step</source>
        <translation>第一步</translation>
    </message>
    <message>
        <source>Last step</source>
        <translation>最后一步</translation>
    </message>
    <message>
        <source>What if this step's segment were lost? (drop it and re-run)</source>
        <translation>假如这一步的报文段丢失了会怎样？（丢弃它并重新运行）</translation>
    </message>
    <message>
        <source>Toggle relative / absolute sequence numbers</source>
        <translation>切换相对 / 绝对序号</translation>
    </message>
    <message>
        <source>Predict the next step: pause before each step and ask what happens</source>
        <translation>预测下一步：每一步之前暂停，问你接下来会发生什么</translation>
    </message>
    <message>
        <source>Open a capture (.pcap / .pcapng); or drop the file on the window</source>
        <translation>打开抓包文件（.pcap / .pcapng）；也可以把文件拖到窗口上</translation>
    </message>
    <message>
        <source>Trace a live request to a real Flask app (the server's call chain)</source>
        <translation>实时跟踪发往真实 Flask 应用的请求（服务器端的调用链）</translation>
    </message>
    <message>
        <source>Export this step as PNG</source>
        <translation>把这一步导出为 PNG</translation>
    </message>
    <message>
        <source>Present: full screen, large text (Esc leaves)</source>
        <translation>演示：全屏、大字（按 Esc 退出）</translation>
    </message>
    <message>
        <source>Zoom in (every view, the ladder's and the diagrams' text too)</source>
        <translation>放大（所有视图，包括时序图和状态图中的文字）</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom back to the default size</source>
        <translation>恢复默认大小</translation>
    </message>
    <message>
        <source>Show or hide the list of lessons</source>
        <translation>显示或隐藏课程列表</translation>
    </message>
    <message>
        <source>Details beside the ladder: Ctrl+1 the state machines, Ctrl+2 HTTP, Ctrl+3 the call chain, Ctrl+4 the packet's bytes</source>
        <translation>时序图旁的详情：Ctrl+1 状态机，Ctrl+2 HTTP，Ctrl+3 调用链，Ctrl+4 数据包字节</translation>
    </message>
    <message>
        <source>This list of keyboard shortcuts</source>
        <translation>本快捷键列表</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Server: Flask 1.x classic call chain</source>
        <translation>服务器：Flask 1.x 经典调用链</translation>
    </message>
    <message>
        <source>Server: Flask (installed), traced live</source>
        <translation>服务器：已安装的 Flask，实时跟踪</translation>
    </message>
    <message>
        <source>Server: CGI vs FastCGI vs WSGI</source>
        <translation>服务器：CGI、FastCGI 与 WSGI 对比</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <source>What if this segment were lost?</source>
        <translation>假如这个报文段丢失了？</translation>
    </message>
    <message>
        <source>Drop the segment of the current step and re-run the scenario from there: watch TCP recover or give up</source>
        <translation>丢弃当前这一步的报文段，从这里重新运行场景：看 TCP 如何恢复或放弃</translation>
    </message>
    <message>
        <source>Undo what-ifs</source>
        <translation>撤销“假如”</translation>
    </message>
    <message>
        <source>Relative sequence numbers</source>
        <translation>相对序号</translation>
    </message>
    <message>
        <source>Open capture…</source>
        <translation>打开抓包文件…</translation>
    </message>
    <message>
        <source>Trace a live request…</source>
        <translation>实时跟踪一个请求…</translation>
    </message>
    <message>
        <source>Send a real request to a real Flask app on 127.0.0.1 and step through it, from SYN to FIN</source>
        <translation>向 127.0.0.1 上真实的 Flask 应用发送真实请求，并从 SYN 到 FIN 逐步查看</translation>
    </message>
    <message>
        <source>Export step as PNG…</source>
        <translation>把这一步导出为 PNG…</translation>
    </message>
    <message>
        <source>Export step as SVG…</source>
        <translation>把这一步导出为 SVG…</translation>
    </message>
    <message>
        <source>Export timeline as JSON…</source>
        <translation>把时间线导出为 JSON…</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Full screen for a class: docks hidden, large text (F11 or Esc leaves)</source>
        <translation>面向课堂的全屏：隐藏停靠面板、放大文字（按 F11 或 Esc 退出）</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Lesson</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Predict the next step</source>
        <translation>预测下一步</translation>
    </message>
    <message>
        <source>Pause before each step and ask what happens next</source>
        <translation>每一步之前暂停，问你接下来会发生什么</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>外观(&amp;A)</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source> Scenario: </source>
        <translation> 场景： </translation>
    </message>
    <message>
        <source>Protocol Simulator — {title}</source>
        <translation>协议模拟器 — {title}</translation>
    </message>
    <message>
        <source>What-if works on scenarios; a capture shows what really happened.</source>
        <translation>“假如”只适用于场景；抓包文件展示的是真实发生的事情。</translation>
    </message>
    <message>
        <source>Packet bytes</source>
        <translation>数据包字节</translation>
    </message>
    <message>
        <source>Step {step} is beyond this connection's last step, {last}.</source>
        <translation>第 {step} 步超出了这个连接的最后一步（第 {last} 步）。</translation>
    </message>
    <message>
        <source>This step has no segment on the wire to drop.</source>
        <translation>这一步在线路上没有可以丢弃的报文段。</translation>
    </message>
    <message>
        <source>What-if: segment #{number} is lost in this run. Step forward to watch TCP react.</source>
        <translation>假如：本次运行中报文段 #{number} 丢失了。向前一步，看看 TCP 如何应对。</translation>
    </message>
    <message>
        <source>Export step as {format}</source>
        <translation>把这一步导出为 {format}</translation>
    </message>
    <message>
        <source>{format} image (*.{extension})</source>
        <translation>{format} 图像 (*.{extension})</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Export timeline as JSON</source>
        <translation>把时间线导出为 JSON</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About Protocol Simulator</source>
        <translation>关于协议模拟器</translation>
    </message>
</context>
<context>
    <name>ModelText</name>
    <message>
        <source>Handshake, request/response, client closes</source>
        <translation>握手、请求/响应、客户端先关闭</translation>
    </message>
    <message>
        <source>The three-way handshake, an HTTP request and response as data, then the client closes first: the four-way teardown, TIME-WAIT for 2·MSL, CLOSED.</source>
        <translation>三次握手，以数据形式传输的一个 HTTP 请求和响应，然后客户端先关闭：四次挥手，TIME-WAIT 持续 2·MSL，最后 CLOSED。</translation>
    </message>
    <message>
        <source>The server closes first</source>
        <translation>服务器先关闭</translation>
    </message>
    <message>
        <source>After the response the server closes (as an HTTP/1.0 server does): the server goes through FIN-WAIT and TIME-WAIT, the client through CLOSE-WAIT and LAST-ACK.</source>
        <translation>发出响应后服务器关闭连接（HTTP/1.0 服务器就是这样做的）：服务器经历 FIN-WAIT 和 TIME-WAIT，客户端经历 CLOSE-WAIT 和 LAST-ACK。</translation>
    </message>
    <message>
        <source>Simultaneous open</source>
        <translation>同时打开</translation>
    </message>
    <message>
        <source>Both ends send a SYN at the same moment; the SYNs cross, each side goes SYN-SENT → SYN-RECEIVED → ESTABLISHED on the other's SYN,ACK, and answers the SYN in it, a duplicate, with an ACK (RFC 9293 figure 7, §3.10.7.4).</source>
        <translation>两端在同一时刻发送 SYN；两个 SYN 在途中交错，每一方都经历 SYN-SENT → SYN-RECEIVED，并在收到对方的 SYN,ACK 时进入 ESTABLISHED，再用一个 ACK 回应其中重复的 SYN（RFC 9293 图 7，§3.10.7.4）。</translation>
    </message>
    <message>
        <source>Simultaneous close</source>
        <translation>同时关闭</translation>
    </message>
    <message>
        <source>Both ends close at the same moment; the FINs cross, both sides pass through CLOSING and then TIME-WAIT (RFC 9293 figure 13).</source>
        <translation>两端在同一时刻关闭；两个 FIN 在途中交错，双方都先经过 CLOSING，再进入 TIME-WAIT（RFC 9293 图 13）。</translation>
    </message>
    <message>
        <source>Lost SYN, retransmitted twice with backoff</source>
        <translation>SYN 丢失，退避后重传两次</translation>
    </message>
    <message>
        <source>The first two SYNs are lost. The retransmission timer fires after 1 s, then after 2 s (RTO doubles, RFC 6298 §5.5); the third SYN gets through.</source>
        <translation>前两个 SYN 丢失了。重传定时器先在 1 s 后触发，再在 2 s 后触发（RTO 加倍，RFC 6298 §5.5）；第三个 SYN 成功到达。</translation>
    </message>
    <message>
        <source>Lost data segment</source>
        <translation>数据报文段丢失</translation>
    </message>
    <message>
        <source>The first segment of a three-segment response is lost. The later ones arrive out of order and are held; duplicate ACKs repeat the gap; the server's retransmission timer resends the missing segment.</source>
        <translation>由三个报文段组成的响应中，第一个报文段丢失了。后面的报文段乱序到达并被暂存；重复 ACK 反复指出缺口；服务器的重传定时器到期后重传丢失的报文段。</translation>
    </message>
    <message>
        <source>Fast retransmit: three duplicate ACKs</source>
        <translation>快速重传：三个重复 ACK</translation>
    </message>
    <message>
        <source>The first segment of a six-segment response is lost. Each later segment arrives out of order and is answered at once with a duplicate ACK (RFC 5681 §4.2); on the third duplicate ACK the server resends the missing segment without waiting for its retransmission timer (fast retransmit, RFC 5681 §3.2).</source>
        <translation>由六个报文段组成的响应中，第一个报文段丢失了。后面每个报文段都乱序到达，并立即得到一个重复 ACK（RFC 5681 §4.2）；收到第三个重复 ACK 时，服务器不等重传定时器到期就重传丢失的报文段（快速重传，RFC 5681 §3.2）。</translation>
    </message>
    <message>
        <source>Last ACK lost: why TIME-WAIT exists</source>
        <translation>最后的 ACK 丢失：TIME-WAIT 为什么存在</translation>
    </message>
    <message>
        <source>The client's ACK of the server's FIN is lost. The server retransmits its FIN; the client, still in TIME-WAIT, acknowledges it again and restarts 2·MSL.</source>
        <translation>客户端对服务器 FIN 的 ACK 丢失了。服务器重传它的 FIN；仍处于 TIME-WAIT 的客户端再次确认，并重新开始计时 2·MSL。</translation>
    </message>
    <message>
        <source>Connection refused</source>
        <translation>连接被拒绝</translation>
    </message>
    <message>
        <source>Nobody listens on the server's port: the SYN is answered with RST, ACK and the client's OPEN fails.</source>
        <translation>服务器的端口上没有进程监听：SYN 得到的回应是 RST, ACK，客户端的 OPEN 失败。</translation>
    </message>
    <message>
        <source>Abort with RST</source>
        <translation>用 RST 中止连接</translation>
    </message>
    <message>
        <source>In the middle of a connection the client aborts: it sends RST and forgets the connection at once; the server, on the RST, does the same. No FIN, no TIME-WAIT.</source>
        <translation>连接进行到一半时客户端中止连接：它发送 RST 并立即丢弃该连接；服务器收到 RST 后也这样做。没有 FIN，也没有 TIME-WAIT。</translation>
    </message>
    <message>
        <source>Half-close: the server keeps sending in CLOSE-WAIT</source>
        <translation>半关闭：服务器在 CLOSE-WAIT 中继续发送</translation>
    </message>
    <message>
        <source>The client sends its request and closes its direction at once (FIN). The server, in CLOSE-WAIT, keeps sending its long response, then closes.</source>
        <translation>客户端发送请求后立即关闭自己这个方向（FIN）。处于 CLOSE-WAIT 的服务器继续发送它很长的响应，然后再关闭。</translation>
    </message>
    <message>
        <source>HTTP: first visit, Set-Cookie, then Cookie</source>
        <translation>HTTP：首次访问，先 Set-Cookie，再 Cookie</translation>
    </message>
    <message>
        <source>A browser's first GET / gets Set-Cookie answers (a visitor id for a year, a visit counter for the session); the next requests carry them back in Cookie, and the counter cookie changes on every visit (RFC 6265 §3, §5.3, §5.4).</source>
        <translation>浏览器的第一个 GET / 得到带 Set-Cookie 的响应（一个保存一年的访客 ID，一个本次会话有效的访问计数器）；之后的请求在 Cookie 中把它们带回去，计数器 Cookie 每次访问都会变化（RFC 6265 §3、§5.3、§5.4）。</translation>
    </message>
    <message>
        <source>HTTP: log in, session id cookie, log out</source>
        <translation>HTTP：登录、会话 ID Cookie、退出登录</translation>
    </message>
    <message>
        <source>POST /login with a form → 302 with Set-Cookie: sid=… (the server keeps the session in its store) → GET /profile carries the sid and is recognised → POST /logout deletes the session and the cookie with Max-Age=0.</source>
        <translation>用表单 POST /login → 302，带 Set-Cookie: sid=…（服务器把会话保存在自己的存储中）→ GET /profile 带上 sid 并被识别 → POST /logout 删除会话，并用 Max-Age=0 删除 Cookie。</translation>
    </message>
    <message>
        <source>HTTP: Flask's signed session cookie, then tampering</source>
        <translation>HTTP：Flask 的签名会话 Cookie 与篡改</translation>
    </message>
    <message>
        <source>Flask keeps the session in a signed cookie: readable by anyone, forgeable by nobody. The user edits the payload in the browser; the signature check fails and the session comes back empty (itsdangerous HMAC, RFC 6265 §8.6).</source>
        <translation>Flask 把会话保存在一个签名的 Cookie 里：谁都能读，谁也伪造不了。用户在浏览器里修改了载荷；签名校验失败，会话变为空（itsdangerous HMAC，RFC 6265 §8.6）。</translation>
    </message>
    <message>
        <source>HTTP: which cookies go where (Domain, Path, Max-Age, Secure)</source>
        <translation>HTTP：哪些 Cookie 发往哪里（Domain、Path、Max-Age、Secure）</translation>
    </message>
    <message>
        <source>Five cookies with different scopes: a Path=/profile cookie goes only to /profile, an expired one is not sent, a Secure one never over http://, a host-only one not to static.example.org while a Domain=example.org one is.</source>
        <translation>五个作用范围各不相同的 Cookie：Path=/profile 的 Cookie 只发往 /profile，已过期的不再发送，Secure 的从不经 http:// 发送，仅限主机（host-only）的不发往 static.example.org，而 Domain=example.org 的会发往那里。</translation>
    </message>
    <message>
        <source>HTTP/1.0: one request per connection</source>
        <translation>HTTP/1.0：每个连接一个请求</translation>
    </message>
    <message>
        <source>Three resources over HTTP/1.0: every request opens a new TCP connection that the server closes after one response. Compare http11-keep-alive and http11-pipelining (RFC 9112 §9.3).</source>
        <translation>用 HTTP/1.0 获取三个资源：每个请求都打开一个新的 TCP 连接，服务器发完一个响应就关闭它。请与 http11-keep-alive 和 http11-pipelining 比较（RFC 9112 §9.3）。</translation>
    </message>
    <message>
        <source>HTTP/1.1 keep-alive: one connection, one request at a time</source>
        <translation>HTTP/1.1 持久连接：一个连接，一次一个请求</translation>
    </message>
    <message>
        <source>The same three resources over one persistent HTTP/1.1 connection, each request sent after the previous response: one handshake instead of three (RFC 9112 §9.3).</source>
        <translation>同样三个资源，经由一个持久的 HTTP/1.1 连接获取，每个请求都在上一个响应之后发出：只需一次握手，而不是三次（RFC 9112 §9.3）。</translation>
    </message>
    <message>
        <source>HTTP/1.1 pipelining: three requests at once</source>
        <translation>HTTP/1.1 流水线：三个请求一起发出</translation>
    </message>
    <message>
        <source>The same three resources, all three requests sent at once on one connection; the server answers in order (RFC 9112 §9.3.2). The fastest of the three variants.</source>
        <translation>同样三个资源，三个请求在一个连接上一次全部发出；服务器按顺序应答（RFC 9112 §9.3.2）。三种方式中最快的一种。</translation>
    </message>
    <message>
        <source>HTTP: a chunked response, streamed</source>
        <translation>HTTP：分块传输的流式响应</translation>
    </message>
    <message>
        <source>The server streams a report in three chunks, 0.3 s apart, without knowing the total length: Transfer-Encoding: chunked, each chunk with its size, a zero-size chunk at the end (RFC 9112 §7.1).</source>
        <translation>服务器在不知道总长度的情况下，把一份报告分成三块流式发送，每块间隔 0.3 s：Transfer-Encoding: chunked，每块都带有自己的大小，最后是一个大小为零的块（RFC 9112 §7.1）。</translation>
    </message>
    <message>
        <source>Then:</source>
        <translation>随后：</translation>
    </message>
    <message>
        <source>{title} — what if {segments} were lost?</source>
        <translation>{title}——如果 {segments} 丢失会怎样？</translation>
    </message>
    <message>
        <source>{description} (What-if: the chosen segment(s) are lost in this run.)</source>
        <translation>{description}（假设：本次运行中所选的报文段丢失。）</translation>
    </message>
    <message>
        <source>{origin}: Flask {flask}, Werkzeug {werkzeug}</source>
        <translation>{origin}：Flask {flask}，Werkzeug {werkzeug}</translation>
    </message>
    <message>
        <source>GET {path} → the demo app, Flask {version} (classic)</source>
        <translation>GET {path} → 演示应用，Flask {version}（经典版）</translation>
    </message>
    <message>
        <source>CGI vs FastCGI vs WSGI: {request}</source>
        <translation>CGI、FastCGI 与 WSGI 对比：{request}</translation>
    </message>
    <message>
        <source>One request, all layers: {requests} (TCP simulated)</source>
        <translation>一个请求，所有层次：{requests}（TCP 为模拟）</translation>
    </message>
    <message>
        <source>{count} requests, all layers: {requests} (TCP simulated)</source>
        <translation>{count} 个请求，所有层次：{requests}（TCP 为模拟）</translation>
    </message>
    <message>
        <source>TCP segments produced by the TCP model from the bytes that really crossed the socket (simulated, not captured); HTTP messages parsed from those bytes; the WSGI call chain traced live (Flask {version}).</source>
        <translation>TCP 报文段由 TCP 模型根据真正经过套接字的字节生成（模拟而非抓包）；HTTP 消息从这些字节解析而来；WSGI 调用链为实时跟踪（Flask {version}）。</translation>
    </message>
    <message>
        <source>the request arrives at the web server</source>
        <translation>请求到达 Web 服务器</translation>
    </message>
    <message>
        <source>the application is made ready</source>
        <translation>应用准备就绪</translation>
    </message>
    <message>
        <source>the request is handed over</source>
        <translation>请求被交给应用</translation>
    </message>
    <message>
        <source>the application runs</source>
        <translation>应用运行</translation>
    </message>
    <message>
        <source>the response comes back</source>
        <translation>响应返回</translation>
    </message>
    <message>
        <source>after the response</source>
        <translation>响应之后</translation>
    </message>
    <message>
        <source>web server</source>
        <translation>Web 服务器</translation>
    </message>
    <message>
        <source>reads the request</source>
        <translation>读取请求</translation>
    </message>
    <message>
        <source>The web server parses the request and maps its path to a CGI script.</source>
        <translation>Web 服务器解析请求，并把请求路径映射到一个 CGI 脚本。</translation>
    </message>
    <message>
        <source>The worker was started once, before any request, and is already waiting on its socket.</source>
        <translation>工作进程在任何请求到来之前就已启动过一次，此时正在它的套接字上等待。</translation>
    </message>
    <message>
        <source>FastCGI worker (python app.fcgi)</source>
        <translation>FastCGI 工作进程（python app.fcgi）</translation>
    </message>
    <message>
        <source>WSGI server</source>
        <translation>WSGI 服务器</translation>
    </message>
    <message>
        <source>The server is itself a Python program that imported the app at start.</source>
        <translation>服务器本身就是一个 Python 程序，启动时已经导入了应用。</translation>
    </message>
    <message>
        <source>WSGI server (Python, app imported)</source>
        <translation>WSGI 服务器（Python，已导入应用）</translation>
    </message>
    <message>
        <source>fork() + exec() a new process for this request</source>
        <translation>为这个请求 fork() + exec() 一个新进程</translation>
    </message>
    <message>
        <source>process creation</source>
        <translation>创建进程</translation>
    </message>
    <message>
        <source>Every request pays for a new process: the interpreter starts, imports the app, connects to the database... and all of it is thrown away afterwards.</source>
        <translation>每个请求都要付出创建新进程的代价：解释器启动、导入应用、连接数据库……之后这一切又全被丢弃。</translation>
    </message>
    <message>
        <source>reuses the running worker (no new process)</source>
        <translation>复用正在运行的工作进程（不创建新进程）</translation>
    </message>
    <message>
        <source>Unix or TCP socket</source>
        <translation>Unix 或 TCP 套接字</translation>
    </message>
    <message>
        <source>No process start per request: the app is imported once and stays warm.</source>
        <translation>不必为每个请求启动进程：应用只导入一次，并一直保持就绪。</translation>
    </message>
    <message>
        <source>nothing to start: the app object is in memory</source>
        <translation>无需启动：应用对象就在内存中</translation>
    </message>
    <message>
        <source>The app is a callable object in the same process.</source>
        <translation>应用是同一进程中的一个可调用对象。</translation>
    </message>
    <message>
        <source>puts the request in the environment, the body on stdin</source>
        <translation>把请求放进环境变量，把消息体放到 stdin 上</translation>
    </message>
    <message>
        <source>environment variables + stdin</source>
        <translation>环境变量 + stdin</translation>
    </message>
    <message>
        <source>The meta-variables describe the request; the body (if any) is read from stdin, CONTENT_LENGTH bytes of it.</source>
        <translation>元变量描述了请求；消息体（如果有）从 stdin 读取，共 CONTENT_LENGTH 字节。</translation>
    </message>
    <message>
        <source>sends BEGIN_REQUEST, PARAMS, STDIN records</source>
        <translation>发送 BEGIN_REQUEST、PARAMS、STDIN 记录</translation>
    </message>
    <message>
        <source>FastCGI records on the socket</source>
        <translation>套接字上的 FastCGI 记录</translation>
    </message>
    <message>
        <source>The same CGI variables, as length-prefixed name-value pairs; each stream ends with an empty record. The request id lets one connection carry several requests.</source>
        <translation>同样的 CGI 变量，以带长度前缀的名-值对形式传送；每个流都以一条空记录结束。请求 id 让一个连接可以承载多个请求。</translation>
    </message>
    <message>
        <source>a Python function call</source>
        <translation>一次 Python 函数调用</translation>
    </message>
    <message>
        <source>The same CGI variables, now keys of a dict, plus the wsgi.* keys; the body is read from environ['wsgi.input'].</source>
        <translation>同样的 CGI 变量，现在成了字典的键，再加上 wsgi.* 键；消息体从 environ['wsgi.input'] 读取。</translation>
    </message>
    <message>
        <source>reads os.environ and stdin, runs the app</source>
        <translation>读取 os.environ 和 stdin，运行应用</translation>
    </message>
    <message>
        <source>Here the Python program can run a WSGI app through wsgiref.handlers.CGIHandler, which builds environ from os.environ.</source>
        <translation>在这里，Python 程序可以通过 wsgiref.handlers.CGIHandler 运行一个 WSGI 应用，它根据 os.environ 构造 environ。</translation>
    </message>
    <message>
        <source>decodes the records, runs the app</source>
        <translation>解码记录，运行应用</translation>
    </message>
    <message>
        <source>A library such as flup turns the records into a WSGI environ and calls the app.</source>
        <translation>由 flup 之类的库把记录转换成 WSGI environ，并调用应用。</translation>
    </message>
    <message>
        <source>application</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>runs (Flask: contexts, hooks, the view)</source>
        <translation>运行（Flask：上下文、钩子、视图函数）</translation>
    </message>
    <message>
        <source>The live trace shows this part frame by frame.</source>
        <translation>实时跟踪会逐个栈帧地展示这一部分。</translation>
    </message>
    <message>
        <source>writes a CGI response on stdout</source>
        <translation>在 stdout 上写出 CGI 响应</translation>
    </message>
    <message>
        <source>Header lines (Status: gives the status), an empty line, the body; the web server turns it into an HTTP response.</source>
        <translation>首部行（Status: 给出状态）、一个空行、消息体；Web 服务器把它转换成 HTTP 响应。</translation>
    </message>
    <message>
        <source>sends STDOUT records, then END_REQUEST</source>
        <translation>发送 STDOUT 记录，然后发送 END_REQUEST</translation>
    </message>
    <message>
        <source>STDOUT carries a CGI response; END_REQUEST closes this request id.</source>
        <translation>STDOUT 承载一个 CGI 响应；END_REQUEST 结束这个请求 id。</translation>
    </message>
    <message>
        <source>return values</source>
        <translation>返回值</translation>
    </message>
    <message>
        <source>Status and headers through start_response, the body as an iterable of bytes; the server writes the HTTP response.</source>
        <translation>状态和首部通过 start_response 传递，消息体是一个字节串的可迭代对象；服务器写出 HTTP 响应。</translation>
    </message>
    <message>
        <source>exits; the next request starts all over</source>
        <translation>退出；下一个请求一切从头开始</translation>
    </message>
    <message>
        <source>exit status</source>
        <translation>退出状态</translation>
    </message>
    <message>
        <source>The end of stdout (the process exiting) ends the response.</source>
        <translation>stdout 结束（进程退出）即表示响应结束。</translation>
    </message>
    <message>
        <source>waits for the next request</source>
        <translation>等待下一个请求</translation>
    </message>
    <message>
        <source>socket stays open (keep_conn)</source>
        <translation>套接字保持打开（keep_conn）</translation>
    </message>
    <message>
        <source>The process, its imports and its connections survive for the next request.</source>
        <translation>进程、它导入的模块和它的连接都保留下来，供下一个请求使用。</translation>
    </message>
    <message>
        <source>calls close() on the iterable, serves the next request</source>
        <translation>调用可迭代对象的 close()，接着服务下一个请求</translation>
    </message>
    <message>
        <source>Nothing ends but the call: the process and the app object live on.</source>
        <translation>结束的只是这次调用：进程和应用对象继续存在。</translation>
    </message>
    <message>
        <source>One request handed to an application three ways: a new process per request (CGI, RFC 3875), a persistent process fed FastCGI records (FastCGI 1.0), a Python callable (WSGI, PEP 3333).</source>
        <translation>把一个请求用三种方式交给应用：每个请求一个新进程（CGI，RFC 3875），一个接收 FastCGI 记录的常驻进程（FastCGI 1.0），一个 Python 可调用对象（WSGI，PEP 3333）。</translation>
    </message>
    <message>
        <source>The body is sent in chunks (Transfer-Encoding: chunked): each chunk says its own size, and a zero-size chunk ends the body (RFC 9112 §7.1).</source>
        <translation>消息体分块发送（Transfer-Encoding: chunked）：每一块都说明自己的大小，一个大小为零的块表示消息体结束（RFC 9112 §7.1）。</translation>
    </message>
    <message>
        <source>The body ends when the connection closes (RFC 9112 §6.3).</source>
        <translation>连接关闭时消息体结束（RFC 9112 §6.3）。</translation>
    </message>
    <message>
        <source>The jar holds no cookie, so the request says nothing about who is asking: HTTP itself is stateless (RFC 9110 §3.3).</source>
        <translation>Cookie 存储里没有任何 Cookie，所以这个请求没有透露是谁在发出请求：HTTP 本身是无状态的（RFC 9110 §3.3）。</translation>
    </message>
    <message>
        <source>The form fields travel in the body, URL-encoded (application/x-www-form-urlencoded).</source>
        <translation>表单字段放在消息体中传送，采用 URL 编码（application/x-www-form-urlencoded）。</translation>
    </message>
    <message>
        <source>No Cookie header: for the server this request comes from a stranger (HTTP is stateless, RFC 9110 §3.3).</source>
        <translation>没有 Cookie 首部：对服务器来说，这个请求来自一个陌生人（HTTP 是无状态的，RFC 9110 §3.3）。</translation>
    </message>
    <message>
        <source>That is all the server learns about who is asking (RFC 6265 §5.4).</source>
        <translation>关于是谁在发出请求，服务器知道的就只有这些（RFC 6265 §5.4）。</translation>
    </message>
    <message>
        <source>h11 added Connection: close, and the server closes the connection after the response (RFC 9112 §9.6).</source>
        <translation>h11 加上了 Connection: close，服务器在发出响应后关闭连接（RFC 9112 §9.6）。</translation>
    </message>
    <message>
        <source>The app has nothing more to send: the last chunk (size 0) ends the body.</source>
        <translation>应用没有更多内容要发送了：最后一块（大小为 0）结束消息体。</translation>
    </message>
    <message>
        <source>A chunked body ends with a chunk of size zero and an empty line; only then does the reader know the response is complete (RFC 9112 §7.1).</source>
        <translation>分块传输的消息体以一个大小为零的块和一个空行结束；直到这时，读取方才知道响应已经完整（RFC 9112 §7.1）。</translation>
    </message>
    <message>
        <source>TCP delivers bytes in order, a segment at a time; the parser keeps what it has and waits for the rest.</source>
        <translation>TCP 按顺序交付字节，一次一个报文段；解析器保留已收到的部分，等待其余部分。</translation>
    </message>
    <message>
        <source>No Set-Cookie: the jar stays as it was.</source>
        <translation>没有 Set-Cookie：Cookie 存储保持不变。</translation>
    </message>
    <message>
        <source>Nothing stops the user: a cookie is the browser's to change, so a server must never trust one it cannot verify (RFC 6265 §8.6, weak integrity).</source>
        <translation>没有什么能阻止用户：Cookie 归浏览器掌管，可以随意修改，所以服务器绝不能信任它无法验证的 Cookie（RFC 6265 §8.6，完整性薄弱）。</translation>
    </message>
    <message>
        <source>HTTP/1.1 connections persist unless a side says Connection: close (RFC 9112 §9.3).</source>
        <translation>HTTP/1.1 连接默认保持打开，除非某一方声明 Connection: close（RFC 9112 §9.3）。</translation>
    </message>
    <message>
        <source>The request says Connection: close, so the connection closes after this response (RFC 9112 §9.3, §9.6).</source>
        <translation>请求声明了 Connection: close，所以连接在这个响应之后关闭（RFC 9112 §9.3、§9.6）。</translation>
    </message>
    <message>
        <source>The response says Connection: close, so the connection closes after this response (RFC 9112 §9.3, §9.6).</source>
        <translation>响应声明了 Connection: close，所以连接在这个响应之后关闭（RFC 9112 §9.3、§9.6）。</translation>
    </message>
    <message>
        <source>The request is HTTP/1.0 without Connection: keep-alive, so the connection closes after one response (RFC 9112 §9.3, Appendix C.2.2).</source>
        <translation>请求是不带 Connection: keep-alive 的 HTTP/1.0，所以连接在一个响应之后就关闭（RFC 9112 §9.3，附录 C.2.2）。</translation>
    </message>
    <message>
        <source>The response is HTTP/1.0 without Connection: keep-alive, so the connection closes after one response (RFC 9112 §9.3, Appendix C.2.2).</source>
        <translation>响应是不带 Connection: keep-alive 的 HTTP/1.0，所以连接在一个响应之后就关闭（RFC 9112 §9.3，附录 C.2.2）。</translation>
    </message>
    <message>
        <source>The app serves the style sheet.</source>
        <translation>应用返回样式表。</translation>
    </message>
    <message>
        <source>The app serves the logo.</source>
        <translation>应用返回徽标图片。</translation>
    </message>
    <message>
        <source>The app serves the page.</source>
        <translation>应用返回页面。</translation>
    </message>
    <message>
        <source>No visitor cookie came with the request: a first visit. The app makes up an id and asks the browser to keep it for a year (Max-Age=31536000).</source>
        <translation>请求没有带来访客 Cookie：这是首次访问。应用生成一个 ID，请浏览器保存一年（Max-Age=31536000）。</translation>
    </message>
    <message>
        <source>The app sends the login form.</source>
        <translation>应用发送登录表单。</translation>
    </message>
    <message>
        <source>The password does not match.</source>
        <translation>密码不匹配。</translation>
    </message>
    <message>
        <source>The password matches.</source>
        <translation>密码匹配。</translation>
    </message>
    <message>
        <source>No valid sid cookie, so no session: the app sends the browser to the login page.</source>
        <translation>没有有效的 sid Cookie，因此没有会话：应用把浏览器引向登录页面。</translation>
    </message>
    <message>
        <source>The app deletes the session from its store and tells the browser to delete the cookie: same name and path, an empty value, Max-Age=0 and an Expires in 1970.</source>
        <translation>应用从自己的存储中删除会话，并告诉浏览器删除该 Cookie：同样的名称和路径，空值，Max-Age=0，以及一个 1970 年的 Expires。</translation>
    </message>
    <message>
        <source>The app sends the home page.</source>
        <translation>应用发送首页。</translation>
    </message>
    <message>
        <source>Anyone can read it; only the key holder can sign it.</source>
        <translation>谁都能读它；只有持有密钥的一方才能签名。</translation>
    </message>
    <message>
        <source>No session cookie: an empty session.</source>
        <translation>没有会话 Cookie：会话为空。</translation>
    </message>
    <message>
        <source>It throws the cookie's content away and starts an empty session, so nobody is logged in.</source>
        <translation>它丢弃 Cookie 的内容，开始一个空会话，因此没有人处于登录状态。</translation>
    </message>
    <message>
        <source>The app sets five cookies with different scopes: visitor (no Domain: this host only), lang (Domain=example.org: every subdomain too), tab (Path=/profile), promo (Max-Age=5: five seconds) and token (Secure: https:// only; RFC 6265 still stores it from an http:// answer, RFC 6265bis and today's browsers would refuse it).</source>
        <translation>应用设置了五个作用范围各不相同的 Cookie：visitor（没有 Domain：仅限本主机），lang（Domain=example.org：所有子域也包括在内），tab（Path=/profile），promo（Max-Age=5：五秒）和 token（Secure：仅限 https://；RFC 6265 仍会保存来自 http:// 响应的它，而 RFC 6265bis 和如今的浏览器会拒绝）。</translation>
    </message>
    <message>
        <source>The payload is only base64url: the user decodes it, sees {"user":"alice"}, changes it to admin and encodes it again, keeping the old timestamp and signature.</source>
        <translation>载荷只是 base64url 编码：用户把它解码，看到 {"user":"alice"}，改成 admin 后重新编码，保留原来的时间戳和签名。</translation>
    </message>
    <message>
        <source>The report is made in three parts, 0.3 s apart. The app does not know the total length when the first part is ready, so it cannot send Content-Length: it streams the body in chunks instead.</source>
        <translation>报告分三部分生成，每部分间隔 0.3 s。第一部分就绪时应用还不知道总长度，因此无法发送 Content-Length：它改为分块流式发送消息体。</translation>
    </message>
    <message>
        <source>Secure and the request is https://</source>
        <translation>Secure，且请求是 https://</translation>
    </message>
    <message>
        <source>HttpOnly: sent with HTTP requests but invisible to page scripts (document.cookie, §5.2.6)</source>
        <translation>HttpOnly：随 HTTP 请求发送，但页面脚本看不到它（document.cookie，§5.2.6）</translation>
    </message>
    <message>
        <source>a session cookie (no Max-Age/Expires: kept until the browser closes)</source>
        <translation>会话 Cookie（没有 Max-Age/Expires：保留到浏览器关闭为止）</translation>
    </message>
    <message>
        <source>the name=value pair has no '=' (RFC 6265 §5.2 step 2)</source>
        <translation>name=value 对中没有 '='（RFC 6265 §5.2 第 2 步）</translation>
    </message>
    <message>
        <source>the cookie name is empty (RFC 6265 §5.2 step 5)</source>
        <translation>Cookie 名称为空（RFC 6265 §5.2 第 5 步）</translation>
    </message>
    <message>
        <source>SameSite=None without Secure (RFC 6265bis §5.7 step 19)</source>
        <translation>带 SameSite=None 却没有 Secure（RFC 6265bis §5.7 第 19 步）</translation>
    </message>
    <message>
        <source>the response's request URL is not an http(s) URL to key the cookie to</source>
        <translation>这个响应所对应请求的 URL 不是 http(s) URL，无法把 Cookie 归到某个站点</translation>
    </message>
    <message>
        <source>signature verified with the secret key (HMAC-SHA1, salt cookie-session)</source>
        <translation>签名已用密钥验证通过（HMAC-SHA1，salt 为 cookie-session）</translation>
    </message>
    <message>
        <source>no secret key given: the payload is readable, the signature unchecked</source>
        <translation>未提供密钥：载荷可以读取，签名未检查</translation>
    </message>
    <message>
        <source>signature matched but the signed timestamp is out of range</source>
        <translation>签名匹配，但签名中的时间戳超出范围</translation>
    </message>
    <message>
        <source>expected payload.timestamp.signature</source>
        <translation>应为 payload.timestamp.signature 的形式</translation>
    </message>
    <message>
        <source>the timestamp is not base64url</source>
        <translation>时间戳不是 base64url 编码</translation>
    </message>
    <message>
        <source>the payload is not a JSON object</source>
        <translation>载荷不是 JSON 对象</translation>
    </message>
    <message>
        <source>It read the request line and header fields up to the empty line, then the body by its Content-Length (RFC 9112 §2.1, §6.3).</source>
        <translation>它读取请求行和首部字段直到空行，然后按 Content-Length 读取消息体（RFC 9112 §2.1、§6.3）。</translation>
    </message>
    <message>
        <source>It read the request line and header fields up to the empty line, then found no body (RFC 9112 §2.1, §6.3).</source>
        <translation>它读取请求行和首部字段直到空行，然后发现没有消息体（RFC 9112 §2.1、§6.3）。</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已更改</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>response</source>
        <translation>响应</translation>
    </message>
    <message>
        <source>The browser builds {method} {target} for {url}: its jar is empty.</source>
        <translation>浏览器为 {url} 构造 {method} {target}：它的 Cookie 存储是空的。</translation>
    </message>
    <message>
        <source>The browser builds {method} {target} for {url}: no cookie goes with it.</source>
        <translation>浏览器为 {url} 构造 {method} {target}：没有 Cookie 随之发送。</translation>
    </message>
    <message>
        <source>The browser builds {method} {target} for {url}, carrying Cookie: {cookie}.</source>
        <translation>浏览器为 {url} 构造 {method} {target}，携带 Cookie: {cookie}。</translation>
    </message>
    <message>
        <source>Following the redirect, the browser builds {method} {target} for {url}: its jar is empty.</source>
        <translation>浏览器跟随重定向，为 {url} 构造 {method} {target}：它的 Cookie 存储是空的。</translation>
    </message>
    <message>
        <source>Following the redirect, the browser builds {method} {target} for {url}: no cookie goes with it.</source>
        <translation>浏览器跟随重定向，为 {url} 构造 {method} {target}：没有 Cookie 随之发送。</translation>
    </message>
    <message>
        <source>Following the redirect, the browser builds {method} {target} for {url}, carrying Cookie: {cookie}.</source>
        <translation>浏览器跟随重定向，为 {url} 构造 {method} {target}，携带 Cookie: {cookie}。</translation>
    </message>
    <message>
        <source>The previous response was {status} with Location: {location}; a browser follows it by itself (RFC 9110 §15.4).</source>
        <translation>上一个响应是 {status}，带有 Location: {location}；浏览器会自行跟随它（RFC 9110 §15.4）。</translation>
    </message>
    <message>
        <source>The previous response was {status} with Location: {location}; a browser follows it by itself, with GET although the request was a POST (RFC 9110 §15.4).</source>
        <translation>上一个响应是 {status}，带有 Location: {location}；浏览器会自行跟随它，而且尽管原请求是 POST，这次用的是 GET（RFC 9110 §15.4）。</translation>
    </message>
    <message>
        <source>It checked the {count} cookie in its jar against this URL: host (domain-match), path (path-match), expiry and Secure decide which go, and only their name=value pairs travel, longest path first (RFC 6265 §5.4); {sent} of {total} pass.</source>
        <translation>它把 Cookie 存储中的 {count} 个 Cookie 与这个 URL 逐一核对：由主机（域匹配）、路径（路径匹配）、过期时间和 Secure 决定哪些可以发送，发送的只有它们的 name=value 对，路径最长的排在最前（RFC 6265 §5.4）；{total} 个中有 {sent} 个通过。</translation>
    </message>
    <message>
        <source>It checked the {count} cookies in its jar against this URL: host (domain-match), path (path-match), expiry and Secure decide which go, and only their name=value pairs travel, longest path first (RFC 6265 §5.4); {sent} of {total} pass.</source>
        <translation>它把 Cookie 存储中的 {count} 个 Cookie 与这个 URL 逐一核对：由主机（域匹配）、路径（路径匹配）、过期时间和 Secure 决定哪些可以发送，发送的只有它们的 name=value 对，路径最长的排在最前（RFC 6265 §5.4）；{total} 个中有 {sent} 个通过。</translation>
    </message>
    <message>
        <source>It speaks HTTP/1.0: without Connection: keep-alive the server closes the connection after one response (RFC 9112 §9.3, Appendix C.2.2), so every request needs a new TCP connection: this one opens connection #{connection}.</source>
        <translation>它使用 HTTP/1.0：没有 Connection: keep-alive 时，服务器在一个响应之后就关闭连接（RFC 9112 §9.3，附录 C.2.2），所以每个请求都需要一个新的 TCP 连接：这个请求打开连接 #{connection}。</translation>
    </message>
    <message>
        <source>No open connection to this origin can take it, so the browser opens TCP connection #{connection} first (three-way handshake).</source>
        <translation>到这个源（origin）没有可以承载它的已打开连接，所以浏览器先打开 TCP 连接 #{connection}（三次握手）。</translation>
    </message>
    <message>
        <source>Pipelining: it goes out on connection #{connection} without waiting for the previous response; the server must answer in order (RFC 9112 §9.3.2).</source>
        <translation>流水线：它在连接 #{connection} 上发出，不等待上一个响应；服务器必须按顺序应答（RFC 9112 §9.3.2）。</translation>
    </message>
    <message>
        <source>It reuses connection #{connection}: an HTTP/1.1 connection persists unless a side says Connection: close (RFC 9112 §9.3), which saves a handshake.</source>
        <translation>它复用连接 #{connection}：HTTP/1.1 连接默认保持打开，除非某一方声明 Connection: close（RFC 9112 §9.3），这样就省去了一次握手。</translation>
    </message>
    <message>
        <source>The server's HTTP parser (h11) has a complete request: {start_line} ({size} bytes of the byte stream TCP delivered).</source>
        <translation>服务器的 HTTP 解析器（h11）得到了一个完整的请求：{start_line}（取自 TCP 交付的字节流中的 {size} 字节）。</translation>
    </message>
    <message>
        <source>The Cookie header gives back what the browser stored: {cookies}.</source>
        <translation>Cookie 首部交回了浏览器保存的内容：{cookies}。</translation>
    </message>
    <message>
        <source>The app answers {status}; {size} bytes go to TCP.</source>
        <translation>应用应答 {status}；{size} 字节交给 TCP。</translation>
    </message>
    <message>
        <source>The app answers {status} with {count} Set-Cookie field; {size} bytes go to TCP.</source>
        <translation>应用应答 {status}，带 {count} 个 Set-Cookie 字段；{size} 字节交给 TCP。</translation>
    </message>
    <message>
        <source>The app answers {status} with {count} Set-Cookie fields; {size} bytes go to TCP.</source>
        <translation>应用应答 {status}，带 {count} 个 Set-Cookie 字段；{size} 字节交给 TCP。</translation>
    </message>
    <message>
        <source>The app answers {status}: the head and the first chunk go out now.</source>
        <translation>应用应答 {status}：首部和第一块现在发出。</translation>
    </message>
    <message>
        <source>The app answers {status} with {count} Set-Cookie field: the head and the first chunk go out now.</source>
        <translation>应用应答 {status}，带 {count} 个 Set-Cookie 字段：首部和第一块现在发出。</translation>
    </message>
    <message>
        <source>The app answers {status} with {count} Set-Cookie fields: the head and the first chunk go out now.</source>
        <translation>应用应答 {status}，带 {count} 个 Set-Cookie 字段：首部和第一块现在发出。</translation>
    </message>
    <message>
        <source>Content-Length: {length} tells the reader where the body ends (RFC 9112 §6.2, §6.3).</source>
        <translation>Content-Length: {length} 告诉读取方消息体在哪里结束（RFC 9112 §6.2、§6.3）。</translation>
    </message>
    <message>
        <source>The status line says {version} to an {request_version} request: a server names the highest version it speaks, and sends only what the client can understand (RFC 9110 §6.2).</source>
        <translation>对一个 {request_version} 请求，状态行写的是 {version}：服务器写出自己支持的最高版本，但只发送客户端能理解的内容（RFC 9110 §6.2）。</translation>
    </message>
    <message>
        <source>The app produces chunk {number} of {total} and sends it ({size} bytes).</source>
        <translation>应用生成第 {number} 块（共 {total} 块）并发送（{size} 字节）。</translation>
    </message>
    <message>
        <source>The chunk starts with its size in hexadecimal ({hex} = {size} bytes); the server did not need to know the whole length when it started (RFC 9112 §7.1).</source>
        <translation>这一块以十六进制表示的大小开头（{hex} = {size} 字节）；服务器开始发送时并不需要知道总长度（RFC 9112 §7.1）。</translation>
    </message>
    <message>
        <source>The browser has the head of the response ({start_line}); the body is still arriving ({size} bytes so far).</source>
        <translation>浏览器已收到响应的首部（{start_line}）；消息体仍在到达中（目前 {size} 字节）。</translation>
    </message>
    <message>
        <source>Chunk {number} of the response has arrived ({size} body bytes so far).</source>
        <translation>响应的第 {number} 块已到达（目前消息体共 {size} 字节）。</translation>
    </message>
    <message>
        <source>The browser has the whole response: {start_line} ({size} bytes).</source>
        <translation>浏览器已收到完整的响应：{start_line}（{size} 字节）。</translation>
    </message>
    <message>
        <source>The response ended early: {start_line} ({problems}).</source>
        <translation>响应提前结束：{start_line}（{problems}）。</translation>
    </message>
    <message>
        <source>It parses the {count} Set-Cookie field (RFC 6265 §5.2) and stores the cookies for the request's host and path (§5.3).</source>
        <translation>它解析这 {count} 个 Set-Cookie 字段（RFC 6265 §5.2），并按请求的主机和路径保存这些 Cookie（§5.3）。</translation>
    </message>
    <message>
        <source>It parses the {count} Set-Cookie fields (RFC 6265 §5.2) and stores the cookies for the request's host and path (§5.3).</source>
        <translation>它解析这 {count} 个 Set-Cookie 字段（RFC 6265 §5.2），并按请求的主机和路径保存这些 Cookie（§5.3）。</translation>
    </message>
    <message>
        <source>Status {status} with Location: {location}: the browser fetches that next, with GET (RFC 9110 §15.4.3).</source>
        <translation>状态 {status}，带有 Location: {location}：浏览器接下来用 GET 获取它（RFC 9110 §15.4.3）。</translation>
    </message>
    <message>
        <source>The user edits the cookie {name} in the browser's developer tools.</source>
        <translation>用户在浏览器的开发者工具中修改 Cookie {name}。</translation>
    </message>
    <message>
        <source>It answers 302 Found with Location: {location}: the browser is to fetch that URL next.</source>
        <translation>它应答 302 Found，带有 Location: {location}：浏览器接下来要获取那个 URL。</translation>
    </message>
    <message>
        <source>{path} exists, but not for {method}.</source>
        <translation>{path} 存在，但不支持 {method}。</translation>
    </message>
    <message>
        <source>No route matches {path}.</source>
        <translation>没有路由与 {path} 匹配。</translation>
    </message>
    <message>
        <source>The visitor cookie came back ({visitor}…): the app recognises this browser, although HTTP itself remembers nothing between requests.</source>
        <translation>访客 Cookie 回来了（{visitor}…）：应用认出了这个浏览器，尽管 HTTP 本身在请求之间什么也不记得。</translation>
    </message>
    <message>
        <source>It counts visits in a second cookie, visits={visits}, with no Max-Age: a session cookie, gone when the browser closes.</source>
        <translation>它用第二个 Cookie 统计访问次数，visits={visits}，没有 Max-Age：这是一个会话 Cookie，浏览器关闭时就消失。</translation>
    </message>
    <message>
        <source>The app creates a session in its own store, under a new random id, with user={user}, and sends the browser only the id, as cookie sid: HttpOnly (page scripts cannot read it), SameSite=Lax (a link followed from another site still brings it, a form another site POSTs here does not: RFC 6265bis §5.6.7.1), no Max-Age (a session cookie).</source>
        <translation>应用在自己的存储中创建一个会话，用一个新的随机 id 作为键，内容为 user={user}，只把 id 作为 Cookie sid 发给浏览器：HttpOnly（页面脚本读不到它），SameSite=Lax（从其他网站点击链接过来时仍会带上它，其他网站向这里 POST 的表单则不会：RFC 6265bis §5.6.7.1），没有 Max-Age（会话 Cookie）。</translation>
    </message>
    <message>
        <source>SameSite=Strict: the request is same-site, so it goes (started by another site, not even a followed link would carry it, RFC 6265bis §5.6.7.1)</source>
        <translation>SameSite=Strict：这是同站请求，所以会发送（若由其他网站发起，即使是用户点击的链接也不会携带它，RFC 6265bis §5.6.7.1）</translation>
    </message>
    <message>
        <source>SameSite=Lax: the request is same-site, so it goes (started by another site, only a top-level navigation with a safe method such as GET would carry it, not a POST, an image or a frame, RFC 6265bis §5.6.7.1)</source>
        <translation>SameSite=Lax：这是同站请求，所以会发送（若由其他网站发起，只有使用 GET 等安全方法的顶层导航才会携带它，POST、图片或 iframe 都不会，RFC 6265bis §5.6.7.1）</translation>
    </message>
    <message>
        <source>SameSite=None: same-site and cross-site requests alike carry it (RFC 6265bis §5.8.3)</source>
        <translation>SameSite=None：同站请求和跨站请求都会携带它（RFC 6265bis §5.8.3）</translation>
    </message>
    <message>
        <source>no SameSite attribute, so the default, enforced like Lax</source>
        <translation>没有 SameSite 属性，因此采用默认方式，按 Lax 执行</translation>
    </message>
    <message>
        <source>SameSite=None: the request comes from another site ({site}), and SameSite=None lets cross-site requests carry it (RFC 6265bis §5.8.3)</source>
        <translation>SameSite=None：请求来自其他网站（{site}），而 SameSite=None 允许跨站请求携带它（RFC 6265bis §5.8.3）</translation>
    </message>
    <message>
        <source>SameSite=Strict: the request comes from another site ({site}), so it does not carry the cookie, not even as a top-level navigation (RFC 6265bis §5.6.7.1, §5.8.3)</source>
        <translation>SameSite=Strict：请求来自其他网站（{site}），所以不携带这个 Cookie，即使是顶层导航也不携带（RFC 6265bis §5.6.7.1、§5.8.3）</translation>
    </message>
    <message>
        <source>{mode}: the request comes from another site ({site}) and is not a top-level navigation (an image, a frame, a script's fetch), so it does not carry the cookie (RFC 6265bis §5.8.3)</source>
        <translation>{mode}：请求来自其他网站（{site}），而且不是顶层导航（而是图片、iframe 或脚本的 fetch），所以不携带这个 Cookie（RFC 6265bis §5.8.3）</translation>
    </message>
    <message>
        <source>{mode}: the request comes from another site ({site}) with {method}, not a safe method (RFC 9110 §9.2.1), so it does not carry the cookie (RFC 6265bis §5.6.7.1, §5.8.3)</source>
        <translation>{mode}：请求来自其他网站（{site}），使用的 {method} 不是安全方法（RFC 9110 §9.2.1），所以不携带这个 Cookie（RFC 6265bis §5.6.7.1、§5.8.3）</translation>
    </message>
    <message>
        <source>{mode}: the request comes from another site ({site}), but it is a top-level navigation with a safe method ({method}), so it goes (RFC 6265bis §5.6.7.1, §5.8.3)</source>
        <translation>{mode}：请求来自其他网站（{site}），但它是使用安全方法（{method}）的顶层导航，所以会发送（RFC 6265bis §5.6.7.1、§5.8.3）</translation>
    </message>
    <message>
        <source>{cookie} evicted: {domain} has more than {limit} cookies, and the least recently used goes first (RFC 6265 §5.3 step 12)</source>
        <translation>{cookie} 被逐出：{domain} 的 Cookie 超过 {limit} 个，最久未使用的先被逐出（RFC 6265 §5.3 第 12 步）</translation>
    </message>
    <message>
        <source>{cookie} evicted: the jar holds more than {limit} cookies, and the least recently used goes first (RFC 6265 §5.3 step 12)</source>
        <translation>{cookie} 被逐出：Cookie 存储中的 Cookie 超过 {limit} 个，最久未使用的先被逐出（RFC 6265 §5.3 第 12 步）</translation>
    </message>
    <message>
        <source>Domain={domain} is on the Public Suffix List (publicsuffix.org): no site may set a cookie for all of it (RFC 6265 §5.3 step 5)</source>
        <translation>Domain={domain} 在公共后缀列表（publicsuffix.org）上：任何网站都不能为它整体设置 cookie（RFC 6265 §5.3 第 5 步）</translation>
    </message>
    <message>
        <source>bad signature: the HMAC does not match the payload and timestamp (tampered, or another secret key)</source>
        <translation>签名无效：HMAC 与载荷和时间戳对不上（被篡改过，或者用的是另一个密钥）</translation>
    </message>
    <message>
        <source>the payload is too large to decode: its {size} compressed bytes expand past the {limit} limit</source>
        <translation>载荷太大，无法解码：其 {size} 字节的压缩数据解压后超过 {limit} 的上限</translation>
    </message>
    <message>
        <source>signature verified with fallback key {number} of SECRET_KEY_FALLBACKS: an older key the app still accepts (HMAC-SHA1, salt cookie-session)</source>
        <translation>签名已用 SECRET_KEY_FALLBACKS 中的第 {number} 个备用密钥验证通过：应用仍接受的旧密钥（HMAC-SHA1，salt 为 cookie-session）</translation>
    </message>
    <message>
        <source>expired: signed {age} s ago, more than max_age = {max_age} s</source>
        <translation>已过期：签名于 {age} 秒前，超过 max_age = {max_age} 秒</translation>
    </message>
    <message>
        <source>expired: signed {age} s in the future</source>
        <translation>已过期：签名时间比现在还晚 {age} 秒</translation>
    </message>
    <message>
        <source>signature matched but the payload does not load</source>
        <translation>签名匹配，但载荷无法加载</translation>
    </message>
    <message>
        <source>the payload is not base64url</source>
        <translation>载荷不是 base64url 编码</translation>
    </message>
    <message>
        <source>the payload is not zlib-compressed base64url</source>
        <translation>载荷不是 zlib 压缩的 base64url 编码</translation>
    </message>
    <message>
        <source>the payload is not Flask's tagged JSON</source>
        <translation>载荷不是 Flask 的带标签 JSON</translation>
    </message>
    <message>
        <source>both Transfer-Encoding and Content-Length: Transfer-Encoding wins (RFC 9112 §6.3 rule 3; a sign of request smuggling)</source>
        <translation>同时有 Transfer-Encoding 和 Content-Length：以 Transfer-Encoding 为准（RFC 9112 §6.3 第 3 条；可能是请求走私）</translation>
    </message>
    <message>
        <source>the start line is not valid UTF-8 (its bytes are shown as Latin-1)</source>
        <translation>起始行不是有效的 UTF-8（其字节按 Latin-1 显示）</translation>
    </message>
    <message>
        <source>a header name is not valid UTF-8 (its bytes are shown as Latin-1)</source>
        <translation>某个首部名不是有效的 UTF-8（其字节按 Latin-1 显示）</translation>
    </message>
    <message>
        <source>the start line holds control bytes (binary data), shown as \xNN</source>
        <translation>起始行含有控制字节（二进制数据），显示为 \xNN</translation>
    </message>
    <message>
        <source>a header name holds control bytes (binary data), shown as \xNN</source>
        <translation>某个首部名含有控制字节（二进制数据），显示为 \xNN</translation>
    </message>
    <message>
        <source>HTTP/1.1 request without a Host header (RFC 9112 §3.2)</source>
        <translation>HTTP/1.1 请求没有 Host 首部（RFC 9112 §3.2）</translation>
    </message>
    <message>
        <source>the request target contains spaces</source>
        <translation>请求目标中含有空格</translation>
    </message>
    <message>
        <source>request line without an HTTP version (HTTP/0.9 style)</source>
        <translation>请求行没有 HTTP 版本（HTTP/0.9 的写法）</translation>
    </message>
    <message>
        <source>malformed start line: expected METHOD TARGET HTTP/x.y</source>
        <translation>起始行格式错误：应为“方法 目标 HTTP/x.y”</translation>
    </message>
    <message>
        <source>malformed start line: expected HTTP/x.y CODE REASON</source>
        <translation>起始行格式错误：应为“HTTP/x.y 状态码 原因短语”</translation>
    </message>
    <message>
        <source>chunked body interrupted; its end cannot be found</source>
        <translation>分块消息体中断，找不到它的结尾</translation>
    </message>
    <message>
        <source>the capture ends before the connection closed, so the body (read until close) may be incomplete</source>
        <translation>抓包在连接关闭之前就结束了，所以（读到连接关闭为止的）消息体可能不完整</translation>
    </message>
    <message>
        <source>truncated chunked body: the last chunk never came</source>
        <translation>分块消息体被截断：最后一块始终没有到来</translation>
    </message>
    <message>
        <source>the stream ends inside the message head</source>
        <translation>字节流在消息首部之内就结束了</translation>
    </message>
    <message>
        <source>a chunk-size line is longer than 4 KiB</source>
        <translation>某个块大小行超过 4 KiB</translation>
    </message>
    <message>
        <source>chunk data is not followed by CRLF</source>
        <translation>块数据后面没有 CRLF</translation>
    </message>
    <message>
        <source>not in the capture (segment lost before the capture point or never captured)</source>
        <translation>不在抓包中（报文段在到达抓包点之前丢失，或从未被抓到）</translation>
    </message>
    <message>
        <source>not in the capture</source>
        <translation>不在抓包中</translation>
    </message>
    <message>
        <source>header {name} is not valid UTF-8 (its bytes are shown as Latin-1)</source>
        <translation>首部 {name} 的值不是有效的 UTF-8（其字节按 Latin-1 显示）</translation>
    </message>
    <message>
        <source>header {name} holds control bytes (binary data), shown as \xNN</source>
        <translation>首部 {name} 的值含有控制字节（二进制数据），显示为 \xNN</translation>
    </message>
    <message>
        <source>oversized head: {size} bytes (servers commonly refuse more than {limit} KiB)</source>
        <translation>首部过大：{size} 字节（服务器通常拒绝超过 {limit} KiB 的首部）</translation>
    </message>
    <message>
        <source>a header line is {size} bytes long (longer than the {limit} KiB many servers accept)</source>
        <translation>有一行首部长 {size} 字节（超过许多服务器接受的 {limit} KiB）</translation>
    </message>
    <message>
        <source>line {number} continues the previous header (obsolete folding)</source>
        <translation>第 {number} 行接续上一个首部（已废弃的折行写法）</translation>
    </message>
    <message>
        <source>line {number} is not a header field (no colon): {line}</source>
        <translation>第 {number} 行不是首部字段（没有冒号）：{line}</translation>
    </message>
    <message>
        <source>line {number}: the header name {name} is not a token</source>
        <translation>第 {number} 行：首部名 {name} 含有首部名中不允许的字符</translation>
    </message>
    <message>
        <source>malformed start line: {version} is not an HTTP version (expected HTTP/x.y)</source>
        <translation>起始行格式错误：{version} 不是 HTTP 版本（应为 HTTP/x.y）</translation>
    </message>
    <message>
        <source>Transfer-Encoding {codings} does not end in chunked</source>
        <translation>Transfer-Encoding {codings} 的最后一项不是 chunked</translation>
    </message>
    <message>
        <source>conflicting Content-Length headers: {values}; using the first</source>
        <translation>Content-Length 首部相互矛盾：{values}；采用第一个</translation>
    </message>
    <message>
        <source>Content-Length {value} is not a number</source>
        <translation>Content-Length {value} 不是数字</translation>
    </message>
    <message>
        <source>the connection closed before the message was complete: {refusal}</source>
        <translation>消息还不完整，连接就关闭了：{refusal}</translation>
    </message>
    <message>
        <source>body longer than {limit} MiB: only its start is kept</source>
        <translation>消息体超过 {limit} MiB：只保留开头部分</translation>
    </message>
    <message>
        <source>h11 refused it: {reason}</source>
        <translation>h11 拒绝了这条消息：{reason}</translation>
    </message>
    <message>
        <source>{length} bytes missing from the capture ({reason})</source>
        <translation>抓包中缺少 {length} 字节（{reason}）</translation>
    </message>
    <message>
        <source>cut short: {where}; the rest of it cannot be framed</source>
        <translation>不完整：{where}；无法确定其余部分的边界</translation>
    </message>
    <message>
        <source>body bytes {first}..{last} are {length} bytes missing from the capture ({reason})</source>
        <translation>消息体第 {first}..{last} 字节：抓包中缺少这 {length} 字节（{reason}）</translation>
    </message>
    <message>
        <source>no end of the head within {limit} KiB</source>
        <translation>在 {limit} KiB 之内找不到首部的结尾</translation>
    </message>
    <message>
        <source>chunked body: {error}</source>
        <translation>分块消息体：{error}</translation>
    </message>
    <message>
        <source>truncated body: {got} of {total} bytes before the stream ends</source>
        <translation>消息体被截断：字节流结束前只收到 {total} 字节中的 {got} 字节</translation>
    </message>
    <message>
        <source>bad chunk-size line {line}</source>
        <translation>块大小行 {line} 无效</translation>
    </message>
    <message>
        <source>more than {limit} header lines: the rest of the head is not read</source>
        <translation>头部超过 {limit} 行：其余部分不再读取</translation>
    </message>
    <message>
        <source>more than {limit} messages in this direction of the connection: the bytes after this one are not parsed</source>
        <translation>该连接这一方向上的消息超过 {limit} 条：此条之后的字节不再解析</translation>
    </message>
    <message>
        <source>packet {packet} was cut to the snapshot length ({count} payload bytes not captured)</source>
        <translation>数据包 {packet} 被截短到快照长度（{count} 字节载荷没有抓到）</translation>
    </message>
    <message>
        <source>peer unexpectedly closed connection</source>
        <translation>对端意外关闭了连接</translation>
    </message>
    <message>
        <source>Receive buffer too long</source>
        <translation>接收缓冲区过长（首部太大）</translation>
    </message>
    <message>
        <source>peer closed connection without sending complete message body (incomplete chunked read)</source>
        <translation>对端在发完消息体之前关闭了连接（分块没有读完）</translation>
    </message>
    <message>
        <source>continuation line at start of headers</source>
        <translation>首部一开始就是续行</translation>
    </message>
    <message>
        <source>illegal request line</source>
        <translation>非法的请求行</translation>
    </message>
    <message>
        <source>no request line received</source>
        <translation>没有收到请求行</translation>
    </message>
    <message>
        <source>no response line received</source>
        <translation>没有收到状态行</translation>
    </message>
    <message>
        <source>conflicting Content-Length headers</source>
        <translation>Content-Length 首部相互矛盾</translation>
    </message>
    <message>
        <source>bad Content-Length</source>
        <translation>Content-Length 无效</translation>
    </message>
    <message>
        <source>multiple Transfer-Encoding headers</source>
        <translation>有多个 Transfer-Encoding 首部</translation>
    </message>
    <message>
        <source>Only Transfer-Encoding: chunked is supported</source>
        <translation>只支持 Transfer-Encoding: chunked</translation>
    </message>
    <message>
        <source>Missing mandatory Host: header</source>
        <translation>缺少必需的 Host: 首部</translation>
    </message>
    <message>
        <source>Found multiple Host: headers</source>
        <translation>有多个 Host: 首部</translation>
    </message>
    <message>
        <source>Illegal method characters</source>
        <translation>方法中含有非法字符</translation>
    </message>
    <message>
        <source>Illegal target characters</source>
        <translation>请求目标中含有非法字符</translation>
    </message>
    <message>
        <source>Got data when expecting EOF</source>
        <translation>本应结束（EOF）时又收到了数据</translation>
    </message>
    <message>
        <source>Can't receive data when peer state is ERROR</source>
        <translation>对端已处于 ERROR 状态，无法再接收数据</translation>
    </message>
    <message>
        <source>illegal header line: {line}</source>
        <translation>非法的首部行：{line}</translation>
    </message>
    <message>
        <source>illegal request line: {line}</source>
        <translation>非法的请求行：{line}</translation>
    </message>
    <message>
        <source>illegal status line: {line}</source>
        <translation>非法的状态行：{line}</translation>
    </message>
    <message>
        <source>illegal chunk header: {line}</source>
        <translation>非法的块大小行：{line}</translation>
    </message>
    <message>
        <source>malformed chunk footer: {data} (expected {expected})</source>
        <translation>块结尾格式错误：{data}（应为 {expected}）</translation>
    </message>
    <message>
        <source>peer closed connection without sending complete message body (received {got} bytes, expected {expected})</source>
        <translation>对端在发完消息体之前关闭了连接（收到 {got} 字节，应为 {expected} 字节）</translation>
    </message>
    <message>
        <source>Illegal header name {name}</source>
        <translation>非法的首部名 {name}</translation>
    </message>
    <message>
        <source>Illegal header value {value}</source>
        <translation>非法的首部值 {value}</translation>
    </message>
    <message>
        <source>Response status_code should be in range [200, 1000), not {code}</source>
        <translation>响应的状态码应在 [200, 1000) 之内，而不是 {code}</translation>
    </message>
    <message>
        <source>InformationalResponse status_code should be in range [100, 200), not {code}</source>
        <translation>信息性响应的状态码应在 [100, 200) 之内，而不是 {code}</translation>
    </message>
    <message>
        <source>The app looks up sid={sid}… in its session store and finds user={user}: the cookie is the key, the data stays on the server.</source>
        <translation>应用在会话存储中查找 sid={sid}…，找到 user={user}：Cookie 只是钥匙，数据留在服务器上。</translation>
    </message>
    <message>
        <source>Flask keeps no session store: it puts the session itself, {session}, into the cookie "session" as JSON, base64url-encoded, with the time and an HMAC signature made with the app's SECRET_KEY (itsdangerous).</source>
        <translation>Flask 不保存会话存储：它把会话本身 {session} 以 JSON 形式、经 base64url 编码放进 Cookie "session"，连同时间和用应用的 SECRET_KEY 生成的 HMAC 签名（itsdangerous）。</translation>
    </message>
    <message>
        <source>Flask checks the signature with its SECRET_KEY: {reason}.</source>
        <translation>Flask 用它的 SECRET_KEY 检查签名：{reason}。</translation>
    </message>
    <message>
        <source>Flask checks the session cookie's signature with its SECRET_KEY: {reason}.</source>
        <translation>Flask 用它的 SECRET_KEY 检查会话 Cookie 的签名：{reason}。</translation>
    </message>
    <message>
        <source>The session says user={user}.</source>
        <translation>会话中记录的是 user={user}。</translation>
    </message>
    <message>
        <source>The app serves {path}; it sets no cookies.</source>
        <translation>应用返回 {path}；不设置任何 Cookie。</translation>
    </message>
    <message>
        <source>expired at t={time} s ({source}), so the browser evicts it (RFC 6265 §5.3 step 3, §5.4)</source>
        <translation>已于 t={time} s 过期（{source}），因此浏览器将其清除（RFC 6265 §5.3 第 3 步、§5.4）</translation>
    </message>
    <message>
        <source>host-only cookie of {domain} (set without Domain), but the request goes to {host} (RFC 6265 §5.4 step 1)</source>
        <translation>这是仅限主机 {domain} 的 Cookie（设置时没有 Domain），但请求发往 {host}（RFC 6265 §5.4 第 1 步）</translation>
    </message>
    <message>
        <source>host {host} does not domain-match {domain} (RFC 6265 §5.1.3)</source>
        <translation>主机 {host} 与 {domain} 不满足域匹配（RFC 6265 §5.1.3）</translation>
    </message>
    <message>
        <source>path {cookie_path} does not path-match {path} (RFC 6265 §5.1.4)</source>
        <translation>路径 {cookie_path} 与 {path} 不满足路径匹配（RFC 6265 §5.1.4）</translation>
    </message>
    <message>
        <source>Secure cookie, but the request is {scheme}:// (RFC 6265 §5.4 step 1)</source>
        <translation>Secure Cookie，但请求是 {scheme}://（RFC 6265 §5.4 第 1 步）</translation>
    </message>
    <message>
        <source>host-only for {host}, path {cookie_path} path-matches {path} (§5.1.4)</source>
        <translation>仅限主机 {host}，路径 {cookie_path} 与 {path} 路径匹配（§5.1.4）</translation>
    </message>
    <message>
        <source>{host} domain-matches {domain} (§5.1.3), path {cookie_path} path-matches {path} (§5.1.4)</source>
        <translation>{host} 与 {domain} 域匹配（§5.1.3），路径 {cookie_path} 与 {path} 路径匹配（§5.1.4）</translation>
    </message>
    <message>
        <source>not expired until t={time} s</source>
        <translation>到 t={time} s 才过期</translation>
    </message>
    <message>
        <source>{clause} (RFC 6265 §5.4)</source>
        <translation>{clause}（RFC 6265 §5.4）</translation>
    </message>
    <message>
        <source>{name}: sent — {rule}</source>
        <translation>{name}：发送——{rule}</translation>
    </message>
    <message>
        <source>{name}: not sent — {rule}</source>
        <translation>{name}：不发送——{rule}</translation>
    </message>
    <message>
        <source>{name} removed: the new Set-Cookie expired it at once (Max-Age=0 or an Expires in the past), so the browser evicts it (RFC 6265 §5.3)</source>
        <translation>{name} 已删除：新的 Set-Cookie 让它立即过期（Max-Age=0 或 Expires 为过去的时间），因此浏览器将其清除（RFC 6265 §5.3）</translation>
    </message>
    <message>
        <source>{cookie} stored: {scope}, path {path}, {life}</source>
        <translation>已保存 {cookie}：{scope}，路径 {path}，{life}</translation>
    </message>
    <message>
        <source>host-only for {domain}</source>
        <translation>仅限主机 {domain}</translation>
    </message>
    <message>
        <source>domain {domain} and its subdomains</source>
        <translation>域 {domain} 及其子域</translation>
    </message>
    <message>
        <source>expires at t={time} s</source>
        <translation>在 t={time} s 过期</translation>
    </message>
    <message>
        <source>{life}, Secure</source>
        <translation>{life}，Secure</translation>
    </message>
    <message>
        <source>{life}, HttpOnly</source>
        <translation>{life}，HttpOnly</translation>
    </message>
    <message>
        <source>{life}, Secure, HttpOnly</source>
        <translation>{life}，Secure，HttpOnly</translation>
    </message>
    <message>
        <source>{name} replaced: {old} → {new} (same name, domain and path: the new cookie replaces the old one, RFC 6265 §5.3 step 11)</source>
        <translation>{name} 被替换：{old} → {new}（名称、域和路径都相同：新 Cookie 替换旧 Cookie，RFC 6265 §5.3 第 11 步）</translation>
    </message>
    <message>
        <source>{name} set again with the same value ({life})</source>
        <translation>{name} 以相同的值再次设置（{life}）</translation>
    </message>
    <message>
        <source>{cookie} ignored: {why}</source>
        <translation>{cookie} 被忽略：{why}</translation>
    </message>
    <message>
        <source>{cookie} ignored: {why}.</source>
        <translation>{cookie} 被忽略：{why}。</translation>
    </message>
    <message>
        <source>Domain={domain} is a public suffix (RFC 6265 §5.3 step 5)</source>
        <translation>Domain={domain} 是公共后缀（RFC 6265 §5.3 第 5 步）</translation>
    </message>
    <message>
        <source>the request host {host} does not domain-match Domain={domain} (RFC 6265 §5.3 step 6)</source>
        <translation>请求的主机 {host} 与 Domain={domain} 不满足域匹配（RFC 6265 §5.3 第 6 步）</translation>
    </message>
    <message>
        <source>not a Flask session cookie: {why}</source>
        <translation>不是 Flask 会话 Cookie：{why}</translation>
    </message>
    <message>
        <source>A passive OPEN creates a connection record and waits for a SYN.</source>
        <translation>被动 OPEN 创建一个连接记录，等待 SYN 到来。</translation>
    </message>
    <message>
        <source>An active OPEN picks an initial sequence number (ISS) and sends SYN with SEQ=ISS; SND.UNA=ISS, SND.NXT=ISS+1.</source>
        <translation>主动 OPEN 选择一个初始序号（ISS），发送 SEQ=ISS 的 SYN；SND.UNA=ISS，SND.NXT=ISS+1。</translation>
    </message>
    <message>
        <source>SEND on a connection that does not exist is refused.</source>
        <translation>对不存在的连接调用 SEND 会被拒绝。</translation>
    </message>
    <message>
        <source>CLOSE on a connection that does not exist is refused.</source>
        <translation>对不存在的连接调用 CLOSE 会被拒绝。</translation>
    </message>
    <message>
        <source>ABORT on a connection that does not exist is refused.</source>
        <translation>对不存在的连接调用 ABORT 会被拒绝。</translation>
    </message>
    <message>
        <source>Nobody listens on this port: a SYN is answered with RST &lt;SEQ=0&gt;&lt;ACK=SEG.SEQ+SEG.LEN&gt;&lt;CTL=RST,ACK&gt; (connection refused).</source>
        <translation>这个端口上没有进程监听：用 RST &lt;SEQ=0&gt;&lt;ACK=SEG.SEQ+SEG.LEN&gt;&lt;CTL=RST,ACK&gt; 回应 SYN（连接被拒绝）。</translation>
    </message>
    <message>
        <source>A segment for a connection that does not exist is answered with RST (&lt;SEQ=SEG.ACK&gt;&lt;CTL=RST&gt; if it carried an ACK, else &lt;SEQ=0&gt;&lt;ACK=SEG.SEQ+SEG.LEN&gt;).</source>
        <translation>发往不存在的连接的报文段用 RST 回应（若它带有 ACK，回应 &lt;SEQ=SEG.ACK&gt;&lt;CTL=RST&gt;，否则回应 &lt;SEQ=0&gt;&lt;ACK=SEG.SEQ+SEG.LEN&gt;）。</translation>
    </message>
    <message>
        <source>An RST arriving at a closed port is discarded: an RST is never answered.</source>
        <translation>到达已关闭端口的 RST 被丢弃：永远不对 RST 作出回应。</translation>
    </message>
    <message>
        <source>A SYN arrives: IRS=SEG.SEQ, RCV.NXT=SEG.SEQ+1; pick ISS and reply &lt;SEQ=ISS&gt;&lt;ACK=RCV.NXT&gt;&lt;CTL=SYN,ACK&gt;; SND.UNA=ISS, SND.NXT=ISS+1.</source>
        <translation>SYN 到达：IRS=SEG.SEQ，RCV.NXT=SEG.SEQ+1；选择 ISS 并回复 &lt;SEQ=ISS&gt;&lt;ACK=RCV.NXT&gt;&lt;CTL=SYN,ACK&gt;；SND.UNA=ISS，SND.NXT=ISS+1。</translation>
    </message>
    <message>
        <source>Nothing has been sent yet, so any ACK is unacceptable: reply &lt;SEQ=SEG.ACK&gt;&lt;CTL=RST&gt;.</source>
        <translation>此时还没有发送过任何数据，所以任何 ACK 都不可接受：回复 &lt;SEQ=SEG.ACK&gt;&lt;CTL=RST&gt;。</translation>
    </message>
    <message>
        <source>An incoming RST is ignored in LISTEN.</source>
        <translation>在 LISTEN 状态下，收到的 RST 被忽略。</translation>
    </message>
    <message>
        <source>Any other segment without SYN is dropped.</source>
        <translation>其他不带 SYN 的报文段一律丢弃。</translation>
    </message>
    <message>
        <source>SEND on a listening connection with a known peer turns it active: send SYN.</source>
        <translation>在已知对端的监听连接上调用 SEND，会把它变为主动打开：发送 SYN。</translation>
    </message>
    <message>
        <source>CLOSE while listening deletes the connection record.</source>
        <translation>监听时调用 CLOSE 会删除连接记录。</translation>
    </message>
    <message>
        <source>ABORT while listening deletes the connection record; nothing is sent.</source>
        <translation>监听时调用 ABORT 会删除连接记录；不发送任何报文段。</translation>
    </message>
    <message>
        <source>OPEN on an existing connection is refused.</source>
        <translation>对已存在的连接调用 OPEN 会被拒绝。</translation>
    </message>
    <message>
        <source>An active OPEN (with the peer's socket given) on a listening connection changes it from passive to active: pick ISS, send &lt;SEQ=ISS&gt;&lt;CTL=SYN&gt;, SND.UNA=ISS, SND.NXT=ISS+1, enter SYN-SENT.</source>
        <translation>在监听中的连接上执行主动 OPEN（已给出对端套接字）：连接由被动转为主动，选择 ISS，发送 &lt;SEQ=ISS&gt;&lt;CTL=SYN&gt;，SND.UNA=ISS，SND.NXT=ISS+1，进入 SYN-SENT。</translation>
    </message>
    <message>
        <source>A second passive OPEN: the connection is already listening; the call is refused.</source>
        <translation>再次执行被动 OPEN：连接已在监听，该调用被拒绝。</translation>
    </message>
    <message>
        <source>SYN,ACK acknowledges our SYN (SND.UNA &lt; SEG.ACK =&lt; SND.NXT): IRS=SEG.SEQ, RCV.NXT=SEG.SEQ+1, SND.UNA=SEG.ACK; the connection is established; send ACK.</source>
        <translation>SYN,ACK 确认了我方的 SYN（SND.UNA &lt; SEG.ACK =&lt; SND.NXT）：IRS=SEG.SEQ，RCV.NXT=SEG.SEQ+1，SND.UNA=SEG.ACK；连接建立；发送 ACK。</translation>
    </message>
    <message>
        <source>A SYN without ACK while our own SYN is out: simultaneous open (figure 7). Reply &lt;SEQ=ISS&gt;&lt;ACK=RCV.NXT&gt;&lt;CTL=SYN,ACK&gt;.</source>
        <translation>我方的 SYN 已发出时又收到不带 ACK 的 SYN：同时打开（图 7）。回复 &lt;SEQ=ISS&gt;&lt;ACK=RCV.NXT&gt;&lt;CTL=SYN,ACK&gt;。</translation>
    </message>
    <message>
        <source>RST with an acceptable ACK: the peer refused the connection ("connection reset").</source>
        <translation>带有可接受 ACK 的 RST：对端拒绝了连接（“connection reset”，连接被重置）。</translation>
    </message>
    <message>
        <source>An RST whose ACK does not acknowledge our SYN is dropped.</source>
        <translation>ACK 没有确认我方 SYN 的 RST 被丢弃。</translation>
    </message>
    <message>
        <source>SEG.ACK does not acknowledge our SYN: reply &lt;SEQ=SEG.ACK&gt;&lt;CTL=RST&gt; and drop it.</source>
        <translation>SEG.ACK 没有确认我方的 SYN：回复 &lt;SEQ=SEG.ACK&gt;&lt;CTL=RST&gt; 并丢弃该报文段。</translation>
    </message>
    <message>
        <source>Neither SYN nor RST: the segment is dropped.</source>
        <translation>既不是 SYN 也不是 RST：丢弃该报文段。</translation>
    </message>
    <message>
        <source>Data is queued until the connection is established.</source>
        <translation>数据先排队，等连接建立后再发送。</translation>
    </message>
    <message>
        <source>CLOSE before the handshake completed deletes the connection record.</source>
        <translation>握手完成之前调用 CLOSE 会删除连接记录。</translation>
    </message>
    <message>
        <source>ABORT before the handshake completed deletes the connection record.</source>
        <translation>握手完成之前调用 ABORT 会删除连接记录。</translation>
    </message>
    <message>
        <source>No SYN,ACK before the retransmission timer expired: resend the SYN and double the RTO (exponential backoff, RFC 6298 §5.5).</source>
        <translation>重传定时器到期前没有收到 SYN,ACK：重传 SYN，并把 RTO 加倍（指数退避，RFC 6298 §5.5）。</translation>
    </message>
    <message>
        <source>SND.UNA &lt; SEG.ACK =&lt; SND.NXT: our SYN is acknowledged, the connection is established.</source>
        <translation>SND.UNA &lt; SEG.ACK =&lt; SND.NXT：我方的 SYN 已被确认，连接建立。</translation>
    </message>
    <message>
        <source>The ACK does not acknowledge our SYN: reply &lt;SEQ=SEG.ACK&gt;&lt;CTL=RST&gt;.</source>
        <translation>该 ACK 没有确认我方的 SYN：回复 &lt;SEQ=SEG.ACK&gt;&lt;CTL=RST&gt;。</translation>
    </message>
    <message>
        <source>Simultaneous open: the peer's SYN,ACK. Its SYN (SEG.SEQ = IRS) lies before RCV.NXT and is trimmed off as a duplicate (first check); what remains begins at RCV.NXT and its ACK acknowledges our SYN: ESTABLISHED (figure 7). The duplicate SYN is answered with an ACK &lt;SEQ=SND.NXT&gt;&lt;ACK=RCV.NXT&gt;.</source>
        <translation>同时打开：对端的 SYN,ACK。其中的 SYN（SEG.SEQ = IRS）位于 RCV.NXT 之前，作为重复部分被裁掉（第一项检查）；剩下的部分从 RCV.NXT 开始，其 ACK 确认了我方的 SYN：进入 ESTABLISHED（图 7）。对重复的 SYN 用 ACK &lt;SEQ=SND.NXT&gt;&lt;ACK=RCV.NXT&gt; 回应。</translation>
    </message>
    <message>
        <source>The segment's sequence number is outside the receive window (e.g. a duplicate SYN): answer with an ACK &lt;SEQ=SND.NXT&gt;&lt;ACK=RCV.NXT&gt; and drop it.</source>
        <translation>该报文段的序号在接收窗口之外（例如重复的 SYN）：用 ACK &lt;SEQ=SND.NXT&gt;&lt;ACK=RCV.NXT&gt; 回应，并丢弃该报文段。</translation>
    </message>
    <message>
        <source>RST in SYN-RECEIVED after a passive OPEN: go back to LISTEN.</source>
        <translation>被动 OPEN 之后在 SYN-RECEIVED 状态收到 RST：回到 LISTEN。</translation>
    </message>
    <message>
        <source>RST in SYN-RECEIVED after an active OPEN: the connection was refused.</source>
        <translation>主动 OPEN 之后在 SYN-RECEIVED 状态收到 RST：连接被拒绝。</translation>
    </message>
    <message>
        <source>RST inside the window but not at RCV.NXT: send a challenge ACK and drop it.</source>
        <translation>RST 在窗口内但序号不等于 RCV.NXT：发送挑战 ACK（challenge ACK），并丢弃该 RST。</translation>
    </message>
    <message>
        <source>An RST outside the receive window is dropped.</source>
        <translation>接收窗口之外的 RST 被丢弃。</translation>
    </message>
    <message>
        <source>A segment without ACK is dropped until the handshake completes.</source>
        <translation>握手完成之前，不带 ACK 的报文段一律丢弃。</translation>
    </message>
    <message>
        <source>ABORT: send &lt;SEQ=SND.NXT&gt;&lt;CTL=RST&gt; and delete the connection.</source>
        <translation>ABORT：发送 &lt;SEQ=SND.NXT&gt;&lt;CTL=RST&gt; 并删除连接。</translation>
    </message>
    <message>
        <source>Our SYN,ACK was not acknowledged in time: resend it, double the RTO.</source>
        <translation>我方的 SYN,ACK 没有及时得到确认：重传它，并把 RTO 加倍。</translation>
    </message>
    <message>
        <source>An acceptable segment: process its ACK (SND.UNA advances) and its data (RCV.NXT advances and an ACK is sent).</source>
        <translation>可接受的报文段：处理它的 ACK（SND.UNA 前移）和它的数据（RCV.NXT 前移，并发送 ACK）。</translation>
    </message>
    <message>
        <source>The peer's FIN: it has no more data. RCV.NXT advances past the FIN; send ACK and tell the application (end of stream). We may still send (half-close).</source>
        <translation>对端的 FIN：它没有更多数据了。RCV.NXT 越过该 FIN 前移；发送 ACK 并通知应用（数据流结束）。我方仍可继续发送（半关闭）。</translation>
    </message>
    <message>
        <source>Segment the data (at most the MSS per segment, within the peer's window) and send.</source>
        <translation>把数据切分成报文段（每段最多 MSS 字节，且不超出对端的窗口）并发送。</translation>
    </message>
    <message>
        <source>CLOSE: after the queued data, send FIN (it occupies one sequence number); enter FIN-WAIT-1.</source>
        <translation>CLOSE：在排队的数据之后发送 FIN（它占用一个序号）；进入 FIN-WAIT-1。</translation>
    </message>
    <message>
        <source>The retransmission timer expired before the data was acknowledged: resend the oldest unacknowledged segment and double the RTO (RFC 6298 §5.4-5.5).</source>
        <translation>数据被确认之前重传定时器到期：重传最早的未确认报文段，并把 RTO 加倍（RFC 6298 §5.4-5.5）。</translation>
    </message>
    <message>
        <source>RST with SEG.SEQ = RCV.NXT exactly: the peer reset the connection; delete it.</source>
        <translation>SEG.SEQ 恰好等于 RCV.NXT 的 RST：对端重置了连接；删除该连接。</translation>
    </message>
    <message>
        <source>RST outside the receive window: drop it silently.</source>
        <translation>接收窗口之外的 RST：悄悄丢弃。</translation>
    </message>
    <message>
        <source>SYN on a synchronized connection: send a challenge ACK and drop the segment.</source>
        <translation>已同步的连接上收到 SYN：发送挑战 ACK（challenge ACK），并丢弃该报文段。</translation>
    </message>
    <message>
        <source>Unacceptable sequence number (old duplicate or beyond the window): reply &lt;SEQ=SND.NXT&gt;&lt;ACK=RCV.NXT&gt;&lt;CTL=ACK&gt; and drop it.</source>
        <translation>序号不可接受（旧的重复报文段或超出窗口）：回复 &lt;SEQ=SND.NXT&gt;&lt;ACK=RCV.NXT&gt;&lt;CTL=ACK&gt; 并丢弃该报文段。</translation>
    </message>
    <message>
        <source>The SYN went unanswered for R2 (at least 3 minutes for a SYN, MUST-23): give up ("connection timed out").</source>
        <translation>SYN 在 R2 时间内一直无应答（对 SYN 至少 3 分钟，MUST-23）：放弃（“connection timed out”，连接超时）。</translation>
    </message>
    <message>
        <source>SEND after CLOSE (queued until ESTABLISHED) is refused.</source>
        <translation>已调用 CLOSE（排队到 ESTABLISHED 再处理）后的 SEND 被拒绝。</translation>
    </message>
    <message>
        <source>CLOSE was already called (it is queued until ESTABLISHED).</source>
        <translation>已经调用过 CLOSE（它在排队，等到 ESTABLISHED 再处理）。</translation>
    </message>
    <message>
        <source>The ACK of our SYN also carries the peer's FIN: the fifth check (ACK) establishes the connection, the eighth (FIN) enters CLOSE-WAIT; RCV.NXT advances past the FIN and it is acknowledged.</source>
        <translation>确认我方 SYN 的 ACK 同时携带了对端的 FIN：第五项检查（ACK）使连接进入 ESTABLISHED，第八项检查（FIN）使其进入 CLOSE-WAIT；RCV.NXT 越过该 FIN，并对它发送确认。</translation>
    </message>
    <message>
        <source>A SYN inside the window (fourth check) after a passive OPEN: return to LISTEN.</source>
        <translation>被动 OPEN 之后，窗口内收到 SYN（第四项检查）：回到 LISTEN。</translation>
    </message>
    <message>
        <source>A SYN inside the window (fourth check) after an active OPEN: handled as in the synchronized states, with a challenge ACK &lt;SEQ=SND.NXT&gt;&lt;ACK=RCV.NXT&gt;; the SYN is dropped.</source>
        <translation>主动 OPEN 之后，窗口内收到 SYN（第四项检查）：按已同步状态的规则处理，发送挑战 ACK（challenge ACK）&lt;SEQ=SND.NXT&gt;&lt;ACK=RCV.NXT&gt;，并丢弃该 SYN。</translation>
    </message>
    <message>
        <source>CLOSE with no SEND issued and nothing queued: send FIN and enter FIN-WAIT-1.</source>
        <translation>未调用过 SEND、也没有排队数据时调用 CLOSE：发送 FIN，进入 FIN-WAIT-1。</translation>
    </message>
    <message>
        <source>CLOSE with data queued: the CLOSE is queued too, for processing once ESTABLISHED is reached (then the data goes out, then the FIN).</source>
        <translation>有排队数据时调用 CLOSE：CLOSE 也排队，等进入 ESTABLISHED 后再处理（先发出数据，再发 FIN）。</translation>
    </message>
    <message>
        <source>Our SYN,ACK went unacknowledged for R2 (at least 3 minutes for a SYN, MUST-23): give up.</source>
        <translation>我方的 SYN,ACK 在 R2 时间内一直未被确认（对 SYN 至少 3 分钟，MUST-23）：放弃。</translation>
    </message>
    <message>
        <source>The same segment went unacknowledged for R2 (at least 100 s, SHLD-11): give up and delete the connection ("connection aborted due to user timeout").</source>
        <translation>同一个报文段在 R2 时间内一直未被确认（至少 100 秒，SHLD-11）：放弃并删除连接（“connection aborted due to user timeout”，因用户超时而中止连接）。</translation>
    </message>
    <message>
        <source>SYN in TIME-WAIT: RFC 9293 lets an implementation reopen the connection from TIME-WAIT for a newer SYN (MAY-2; with timestamps, RFC 6191), as Linux does. This model does not: it sends a challenge ACK (RFC 5961 §4) and drops the SYN.</source>
        <translation>TIME-WAIT 中收到 SYN：RFC 9293 允许实现对更新的 SYN 直接从 TIME-WAIT 重新打开连接（MAY-2；使用时间戳时见 RFC 6191），Linux 就是这样做的。本模型不这样做：它发送挑战 ACK（challenge ACK，RFC 5961 §4）并丢弃该 SYN。</translation>
    </message>
    <message>
        <source>SEG.ACK is not acceptable: above SND.NXT it acknowledges something not yet sent; below SND.UNA − MAX.SND.WND it is too old to be real. Send an ACK and drop the segment.</source>
        <translation>SEG.ACK 不可接受：大于 SND.NXT，确认了尚未发送的数据；小于 SND.UNA − MAX.SND.WND，旧得不可能是真的。发送一个 ACK 并丢弃该报文段。</translation>
    </message>
    <message>
        <source>ABORT: send &lt;SEQ=SND.NXT&gt;&lt;CTL=RST&gt;, flush the queues and delete the connection.</source>
        <translation>ABORT：发送 &lt;SEQ=SND.NXT&gt;&lt;CTL=RST&gt;，清空队列并删除连接。</translation>
    </message>
    <message>
        <source>Our FIN is acknowledged (SEG.ACK = SND.NXT): enter FIN-WAIT-2 and wait for the peer's FIN.</source>
        <translation>我方的 FIN 已被确认（SEG.ACK = SND.NXT）：进入 FIN-WAIT-2，等待对端的 FIN。</translation>
    </message>
    <message>
        <source>The peer's FIN arrives before the ACK of ours: both closed at once (simultaneous close, figure 13). ACK it and enter CLOSING.</source>
        <translation>对端的 FIN 先于对我方 FIN 的 ACK 到达：双方同时关闭（同时关闭，图 13）。确认它（ACK）并进入 CLOSING。</translation>
    </message>
    <message>
        <source>The peer's FIN also acknowledges ours: ACK it, enter TIME-WAIT, start the 2·MSL timer.</source>
        <translation>对端的 FIN 同时确认了我方的 FIN：确认它（ACK），进入 TIME-WAIT，启动 2·MSL 定时器。</translation>
    </message>
    <message>
        <source>Data may still arrive after our FIN: accept and acknowledge it.</source>
        <translation>我方发出 FIN 之后仍可能有数据到达：接收并确认它。</translation>
    </message>
    <message>
        <source>SEND after our own CLOSE is refused.</source>
        <translation>我方已调用 CLOSE 之后再调用 SEND 会被拒绝。</translation>
    </message>
    <message>
        <source>CLOSE was already called.</source>
        <translation>CLOSE 已经调用过了。</translation>
    </message>
    <message>
        <source>The retransmission timer expired before our FIN was acknowledged: resend the oldest unacknowledged segment and double the RTO (RFC 6298 §5.4-5.5).</source>
        <translation>我方的 FIN 被确认之前重传定时器到期：重传最早的未确认报文段，并把 RTO 加倍（RFC 6298 §5.4-5.5）。</translation>
    </message>
    <message>
        <source>The peer's FIN: ACK it, enter TIME-WAIT and start the 2·MSL timer.</source>
        <translation>对端的 FIN：确认它（ACK），进入 TIME-WAIT 并启动 2·MSL 定时器。</translation>
    </message>
    <message>
        <source>Half-close: the peer may keep sending after our FIN; accept and acknowledge.</source>
        <translation>半关闭：我方发出 FIN 之后，对端仍可继续发送；接收并确认。</translation>
    </message>
    <message>
        <source>The peer has closed its direction: only its ACKs matter now (data after FIN is ignored).</source>
        <translation>对端已关闭它那个方向：现在只有它的 ACK 有意义（FIN 之后的数据被忽略）。</translation>
    </message>
    <message>
        <source>Half-close: our direction is still open, so we may keep sending.</source>
        <translation>半关闭：我方这个方向仍然打开，所以可以继续发送。</translation>
    </message>
    <message>
        <source>CLOSE: send our FIN after the queued data and enter LAST-ACK.</source>
        <translation>CLOSE：在排队的数据之后发送我方的 FIN，进入 LAST-ACK。</translation>
    </message>
    <message>
        <source>Our FIN is acknowledged: enter TIME-WAIT and start the 2·MSL timer.</source>
        <translation>我方的 FIN 已被确认：进入 TIME-WAIT 并启动 2·MSL 定时器。</translation>
    </message>
    <message>
        <source>A segment that does not acknowledge our FIN: nothing changes.</source>
        <translation>没有确认我方 FIN 的报文段：什么也不改变。</translation>
    </message>
    <message>
        <source>RST with SEG.SEQ = RCV.NXT: delete the connection (enter CLOSED).</source>
        <translation>SEG.SEQ = RCV.NXT 的 RST：删除连接（进入 CLOSED）。</translation>
    </message>
    <message>
        <source>ABORT after our FIN: just delete the connection; nothing is sent.</source>
        <translation>我方发出 FIN 之后调用 ABORT：直接删除连接；不发送任何报文段。</translation>
    </message>
    <message>
        <source>The last ACK: our FIN is acknowledged; delete the connection.</source>
        <translation>最后的 ACK：我方的 FIN 已被确认；删除连接。</translation>
    </message>
    <message>
        <source>A segment that does not acknowledge our FIN: keep waiting.</source>
        <translation>没有确认我方 FIN 的报文段：继续等待。</translation>
    </message>
    <message>
        <source>A retransmitted FIN (our last ACK was lost): acknowledge it again and restart the 2·MSL timer. This is why TIME-WAIT exists.</source>
        <translation>重传的 FIN（我方最后的 ACK 丢失了）：再次确认它，并重新启动 2·MSL 定时器。这正是 TIME-WAIT 存在的原因。</translation>
    </message>
    <message>
        <source>Nothing else is expected in TIME-WAIT; the segment is dropped.</source>
        <translation>TIME-WAIT 状态下不再期待其他报文段；丢弃该报文段。</translation>
    </message>
    <message>
        <source>2·MSL passed: no old duplicate can still be in the network. Delete the connection.</source>
        <translation>2·MSL 已过：网络中不可能还残留旧的重复报文段。删除连接。</translation>
    </message>
    <message>
        <source>active OPEN</source>
        <translation>主动 OPEN</translation>
    </message>
    <message>
        <source>passive OPEN</source>
        <translation>被动 OPEN</translation>
    </message>
    <message>
        <source>rcv SYN</source>
        <translation>收到 SYN</translation>
    </message>
    <message>
        <source>rcv SYN,ACK</source>
        <translation>收到 SYN,ACK</translation>
    </message>
    <message>
        <source>rcv ACK of SYN</source>
        <translation>收到 SYN 的 ACK</translation>
    </message>
    <message>
        <source>rcv ACK of FIN</source>
        <translation>收到 FIN 的 ACK</translation>
    </message>
    <message>
        <source>rcv FIN</source>
        <translation>收到 FIN</translation>
    </message>
    <message>
        <source>rcv FIN + ACK of FIN</source>
        <translation>收到 FIN + FIN 的 ACK</translation>
    </message>
    <message>
        <source>rcv data/ACK</source>
        <translation>收到数据/ACK</translation>
    </message>
    <message>
        <source>rcv RST</source>
        <translation>收到 RST</translation>
    </message>
    <message>
        <source>rcv RST (in window, not exact)</source>
        <translation>收到 RST（在窗口内，序号不精确）</translation>
    </message>
    <message>
        <source>rcv RST (not acceptable)</source>
        <translation>收到 RST（不可接受）</translation>
    </message>
    <message>
        <source>rcv unacceptable seq</source>
        <translation>收到不可接受的序号</translation>
    </message>
    <message>
        <source>rcv unacceptable ACK</source>
        <translation>收到不可接受的 ACK</translation>
    </message>
    <message>
        <source>retransmission timeout</source>
        <translation>重传超时</translation>
    </message>
    <message>
        <source>user timeout (gave up)</source>
        <translation>用户超时（放弃）</translation>
    </message>
    <message>
        <source>2·MSL timeout</source>
        <translation>2·MSL 超时</translation>
    </message>
    <message>
        <source>connection does not exist</source>
        <translation>连接不存在</translation>
    </message>
    <message>
        <source>connection already exists</source>
        <translation>连接已存在</translation>
    </message>
    <message>
        <source>connection closing</source>
        <translation>连接正在关闭</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>active OPEN (connect)</source>
        <translation>主动 OPEN（connect）</translation>
    </message>
    <message>
        <source>passive OPEN (listen)</source>
        <translation>被动 OPEN（listen）</translation>
    </message>
    <message>
        <source>sends nothing</source>
        <translation>什么也不发送</translation>
    </message>
    <message>
        <source>user call</source>
        <translation>用户调用</translation>
    </message>
    <message>
        <source>segment arrives</source>
        <translation>报文段到达</translation>
    </message>
    <message>
        <source>segment lost</source>
        <translation>报文段丢失</translation>
    </message>
    <message>
        <source>timer expires</source>
        <translation>定时器到期</translation>
    </message>
    <message>
        <source>HTTP layer</source>
        <translation>HTTP 层</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>丢失</translation>
    </message>
    <message>
        <source>in flight</source>
        <translation>传输中</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>retransmit</source>
        <translation>重传</translation>
    </message>
    <message>
        <source>Segments can be lost anywhere on the path. The sender cannot see the loss; only its retransmission timer (or duplicate ACKs) will tell it.</source>
        <translation>报文段可能在路径上的任何地方丢失。发送方看不到丢失；只有它的重传定时器（或重复 ACK）会告诉它。</translation>
    </message>
    <message>
        <source>connection reset by peer</source>
        <translation>连接被对端重置</translation>
    </message>
    <message>
        <source>segment without ACK dropped</source>
        <translation>不带 ACK 的报文段被丢弃</translation>
    </message>
    <message>
        <source>end of the peer's data stream (FIN consumes one sequence number)</source>
        <translation>对端数据流结束（FIN 占用一个序号）</translation>
    </message>
    <message>
        <source>third duplicate ACK: fast retransmit (RFC 5681 §3.2)</source>
        <translation>第三个重复 ACK：快速重传（RFC 5681 §3.2）</translation>
    </message>
    <message>
        <source>R1 reached (3 retransmissions): the application is told of the delivery problem (RFC 9293 §3.8.3)</source>
        <translation>达到 R1（重传 3 次）：把投递问题告知应用程序（RFC 9293 §3.8.3）</translation>
    </message>
    <message>
        <source>the gap is filled: the FIN held since it arrived out of order is processed now</source>
        <translation>缺口已补上：因乱序到达而暂存的 FIN 现在得到处理</translation>
    </message>
    <message>
        <source>the SYN in it is already known (SEG.SEQ = IRS &lt; RCV.NXT) and is trimmed off; the rest acknowledges our SYN (simultaneous open, figure 7)</source>
        <translation>其中的 SYN 已经收到过（SEG.SEQ = IRS &lt; RCV.NXT），被裁掉；其余部分确认了我方的 SYN（同时打开，图 7）</translation>
    </message>
    <message>
        <source>URG is set: the urgent data is delivered in line with the rest (the urgent pointer is not modelled; RFC 6093 §4)</source>
        <translation>URG 置位：紧急数据与其余数据一起按顺序交付（模型不模拟紧急指针；RFC 6093 §4）</translation>
    </message>
    <message>
        <source>the CLOSE queued in SYN-RECEIVED goes ahead: queued data, then the FIN</source>
        <translation>在 SYN-RECEIVED 中排队的 CLOSE 现在执行：先发排队的数据，再发 FIN</translation>
    </message>
    <message>
        <source>data after the peer's FIN is ignored</source>
        <translation>对端 FIN 之后的数据被忽略</translation>
    </message>
    <message>
        <source>duplicate data (already received); acknowledged again</source>
        <translation>重复的数据（已经收到过）；再次确认</translation>
    </message>
    <message>
        <source>Sending what an earlier row decided changes no state.</source>
        <translation>发送早先某一行已经决定的内容，不改变状态。</translation>
    </message>
    <message>
        <source>Not enough was captured to classify this arrival.</source>
        <translation>抓包内容不足，无法对这次到达进行分类。</translation>
    </message>
    <message>
        <source>Captured connection</source>
        <translation>抓包中的连接</translation>
    </message>
    <message>
        <source>no complete handshake to time</source>
        <translation>没有完整的握手可供计时</translation>
    </message>
    <message>
        <source>the handshake's last ACK is not in the capture</source>
        <translation>抓包中没有握手的最后一个 ACK</translation>
    </message>
    <message>
        <source>the handshake's delays are too similar to tell</source>
        <translation>握手的两段延迟太接近，无法判断</translation>
    </message>
    <message>
        <source>{who} calls {call}: {change}; {sends}.</source>
        <translation>{who}调用 {call}：{change}；{sends}。</translation>
    </message>
    <message>
        <source>{who} calls {call}: error "{error}"</source>
        <translation>{who}调用 {call}：错误“{error}”</translation>
    </message>
    <message>
        <source>{who} receives {segment} in {state} ({event}): {change}; {sends}.</source>
        <translation>{who}在 {state} 状态收到 {segment}（{event}）：{change}；{sends}。</translation>
    </message>
    <message>
        <source>{who}'s {event}: {change}; {sends}.</source>
        <translation>{who}的{event}：{change}；{sends}。</translation>
    </message>
    <message>
        <source>stays {state}</source>
        <translation>保持 {state}</translation>
    </message>
    <message>
        <source>sends {segments}</source>
        <translation>发送 {segments}</translation>
    </message>
    <message>
        <source>SEND ({size} bytes)</source>
        <translation>SEND（{size} 字节）</translation>
    </message>
    <message>
        <source>The network loses the {who}'s [{flags}] seq={seq}.</source>
        <translation>网络丢失了{who}的 [{flags}] seq={seq}。</translation>
    </message>
    <message>
        <source>The network loses the {who}'s [{flags}] seq={seq} (+{size} bytes).</source>
        <translation>网络丢失了{who}的 [{flags}] seq={seq}（+{size} 字节）。</translation>
    </message>
    <message>
        <source>segment #{number} never reaches the {who}</source>
        <translation>报文段 #{number} 永远到不了{who}</translation>
    </message>
    <message>
        <source>ISS = {iss} (chosen by the RFC 6528 generator)</source>
        <translation>ISS = {iss}（由 RFC 6528 生成器选定）</translation>
    </message>
    <message>
        <source>{who} calls {call}: {change}; {sends}</source>
        <translation>{who}调用 {call}：{change}；{sends}</translation>
    </message>
    <message>
        <source>{who}'s {event}: {change}; {sends}</source>
        <translation>{who}的{event}：{change}；{sends}</translation>
    </message>
    <message>
        <source>arrived: SEG.SEQ = {seq}, {length}</source>
        <translation>到达：SEG.SEQ = {seq}，{length}</translation>
    </message>
    <message>
        <source>arrived: SEG.SEQ = {seq}, {length}, SEG.ACK = {ack}</source>
        <translation>到达：SEG.SEQ = {seq}，{length}，SEG.ACK = {ack}</translation>
    </message>
    <message>
        <source>SEG.LEN = {data} data = {total}</source>
        <translation>SEG.LEN = {data} 字节数据 = {total}</translation>
    </message>
    <message>
        <source>SEG.LEN = {data} data (SYN counts 1) = {total}</source>
        <translation>SEG.LEN = {data} 字节数据（SYN 占 1 个序号）= {total}</translation>
    </message>
    <message>
        <source>SEG.LEN = {data} data (FIN counts 1) = {total}</source>
        <translation>SEG.LEN = {data} 字节数据（FIN 占 1 个序号）= {total}</translation>
    </message>
    <message>
        <source>SEG.LEN = {data} data (SYN counts 1, FIN counts 1) = {total}</source>
        <translation>SEG.LEN = {data} 字节数据（SYN 占 1 个序号，FIN 占 1 个序号）= {total}</translation>
    </message>
    <message>
        <source>sent: SEQ = {seq}, {length}, WND = {window}</source>
        <translation>发出：SEQ = {seq}，{length}，WND = {window}</translation>
    </message>
    <message>
        <source>sent: SEQ = {seq}, ACK = {ack}, {length}, WND = {window}</source>
        <translation>发出：SEQ = {seq}，ACK = {ack}，{length}，WND = {window}</translation>
    </message>
    <message>
        <source>sent: SEQ = {seq}, {length}, WND = {window}, MSS option {mss}</source>
        <translation>发出：SEQ = {seq}，{length}，WND = {window}，MSS 选项 {mss}</translation>
    </message>
    <message>
        <source>sent: SEQ = {seq}, ACK = {ack}, {length}, WND = {window}, MSS option {mss}</source>
        <translation>发出：SEQ = {seq}，ACK = {ack}，{length}，WND = {window}，MSS 选项 {mss}</translation>
    </message>
    <message>
        <source>ISS = {iss} (chosen by the sender; seen in the capture)</source>
        <translation>ISS = {iss}（由发送方选定；取自抓包）</translation>
    </message>
    <message>
        <source>{relative} (abs {absolute})</source>
        <translation>{relative}（绝对值 {absolute}）</translation>
    </message>
    <message>
        <source>2·MSL timer started: {duration} s, until t={deadline} s</source>
        <translation>2·MSL 定时器启动：{duration} s，直到 t={deadline} s</translation>
    </message>
    <message>
        <source>2·MSL timer restarted: {duration} s, until t={deadline} s</source>
        <translation>2·MSL 定时器重新启动：{duration} s，直到 t={deadline} s</translation>
    </message>
    <message>
        <source>peer's window ({window} bytes) is full: {queued} bytes wait</source>
        <translation>对端窗口（{window} 字节）已满：{queued} 字节在等待</translation>
    </message>
    <message>
        <source>{size} bytes split into {count} segment(s) of at most MSS={mss} bytes</source>
        <translation>{size} 字节被切分为 {count} 个报文段，每段最多 MSS={mss} 字节</translation>
    </message>
    <message>
        <source>{size} bytes queued until the connection is established</source>
        <translation>{size} 字节排队，等待连接建立</translation>
    </message>
    <message>
        <source>gave up: retransmitted for {waited} s, R2 = {r2} s (RFC 9293 §3.8.3)</source>
        <translation>放弃：已重传 {waited} s，R2 = {r2} s（RFC 9293 §3.8.3）</translation>
    </message>
    <message>
        <source>our SYN had to be retransmitted: RTO {old} s → {new} s now that data can flow (RFC 6298 §5.7)</source>
        <translation>我方的 SYN 曾经重传：现在可以传数据了，RTO {old} s → {new} s（RFC 6298 §5.7）</translation>
    </message>
    <message>
        <source>the FIN arrived out of order (expected {expected}, got {got}): held until the gap fills; the duplicate ACK repeats RCV.NXT</source>
        <translation>FIN 乱序到达（期望 {expected}，收到 {got}）：暂存到缺口补上为止；重复 ACK 重复 RCV.NXT</translation>
    </message>
    <message>
        <source>CLOSE queued with {size} bytes until the connection is established</source>
        <translation>CLOSE 与 {size} 字节一起排队，等待连接建立</translation>
    </message>
    <message>
        <source>retransmission #{number}: RTO {old} s → {new} s (doubled, RFC 6298 §5.5)</source>
        <translation>第 {number} 次重传：RTO {old} s → {new} s（加倍，RFC 6298 §5.5）</translation>
    </message>
    <message>
        <source>RTT sample {ms} ms: RTO {change} (RFC 6298 §2, 1 s minimum)</source>
        <translation>RTT 样本 {ms} ms：RTO {change}（RFC 6298 §2，最小 1 s）</translation>
    </message>
    <message>
        <source>{count} octet(s) of sequence space acknowledged; SND.UNA = {una}</source>
        <translation>序号空间中有 {count} 个八位组得到确认；SND.UNA = {una}</translation>
    </message>
    <message>
        <source>duplicate ACK #{number} for {ack}</source>
        <translation>针对 {ack} 的第 {number} 个重复 ACK</translation>
    </message>
    <message>
        <source>{size} bytes delivered to the application; RCV.NXT = {nxt}</source>
        <translation>{size} 字节交付给应用；RCV.NXT = {nxt}</translation>
    </message>
    <message>
        <source>{size} held out-of-order bytes now delivered</source>
        <translation>暂存的 {size} 个乱序字节现在交付</translation>
    </message>
    <message>
        <source>out of order: expected {expected}, got {got}; held, and the ACK repeats RCV.NXT (a duplicate ACK)</source>
        <translation>乱序：期望 {expected}，收到 {got}；暂存起来，ACK 重复 RCV.NXT（一个重复 ACK）</translation>
    </message>
    <message>
        <source>{count} bytes before this segment were never seen (an unseen or lost segment)</source>
        <translation>此报文段之前的 {count} 字节从未出现（有报文段未被抓到或已丢失）</translation>
    </message>
    <message>
        <source>{count} bytes this ACK acknowledges were never seen sent (an unseen segment)</source>
        <translation>此 ACK 确认的 {count} 字节从未在抓包中看到发出（有报文段未被抓到）</translation>
    </message>
    <message>
        <source>{count} bytes this ACK acknowledges arrived unseen (an unseen segment)</source>
        <translation>此 ACK 确认的 {count} 字节已到达，但抓包中未见到（有报文段未被抓到）</translation>
    </message>
    <message>
        <source>{headline} — the capture shows it sending {segment}.</source>
        <translation>{headline}——抓包显示它发送了 {segment}。</translation>
    </message>
    <message>
        <source>{who} sends {segment} in {state}; no transition (an acknowledgement, or a reply the table already decided).</source>
        <translation>{who}在 {state} 状态发送 {segment}；没有状态转换（这是一个确认，或是转换表先前已经决定的回复）。</translation>
    </message>
    <message>
        <source>{who} receives {segment} in {state}; its state cannot be inferred further.</source>
        <translation>{who}在 {state} 状态收到 {segment}；无法进一步推断它的状态。</translation>
    </message>
    <message>
        <source>{what} (Inferred: the capture was taken at the {point}.)</source>
        <translation>{what}（推断所得：抓包点在{point}。）</translation>
    </message>
    <message>
        <source>the SYN this answers is not in the capture</source>
        <translation>它所回应的 SYN 不在抓包中</translation>
    </message>
    <message>
        <source>it answers a SYN, so it was listening by then (it had refused an earlier one)</source>
        <translation>它应答了 SYN，说明那时已在监听（此前曾拒绝过一次连接）</translation>
    </message>
    <message>
        <source>the capture starts mid-connection: both sides are assumed ESTABLISHED, numbers are relative to the first segment seen</source>
        <translation>抓包从连接中途开始：假定双方都处于 ESTABLISHED，序号相对于看到的第一个报文段</translation>
    </message>
    <message>
        <source>{client} → {server} (connection {number})</source>
        <translation>{client} → {server}（连接 {number}）</translation>
    </message>
    <message>
        <source>Replayed from a capture: {count} segments, captured at the {point} ({reason}); the {far}'s states are inferred.</source>
        <translation>从抓包回放：{count} 个报文段，抓包点在{point}（{reason}）；{far}的状态是推断出来的。</translation>
    </message>
    <message>
        <source>Replayed from a capture: {count} segments, capture point unknown ({reason}).</source>
        <translation>从抓包回放：{count} 个报文段，抓包点未知（{reason}）。</translation>
    </message>
    <message>
        <source>SYN → SYN,ACK took {first} ms, SYN,ACK → ACK {second} ms: the round trip lies before the SYN,ACK</source>
        <translation>SYN → SYN,ACK 用时 {first} ms，SYN,ACK → ACK 用时 {second} ms：往返时间落在 SYN,ACK 之前</translation>
    </message>
    <message>
        <source>SYN → SYN,ACK took {first} ms, SYN,ACK → ACK {second} ms: the round trip lies after the SYN,ACK</source>
        <translation>SYN → SYN,ACK 用时 {first} ms，SYN,ACK → ACK 用时 {second} ms：往返时间落在 SYN,ACK 之后</translation>
    </message>
    <message>
        <source>accept(): the listening socket hands the server a new connected socket (the TCP handshake already completed in the kernel).</source>
        <translation>accept()：监听套接字交给服务器一个新的已连接套接字（TCP 握手已经在内核中完成）。</translation>
    </message>
    <message>
        <source>The server creates a request handler object for the connection; its constructor runs setup(), handle() and finish().</source>
        <translation>服务器为这个连接创建一个请求处理器对象；它的构造函数依次运行 setup()、handle() 和 finish()。</translation>
    </message>
    <message>
        <source>Werkzeug's handler serves the connection, ignoring a client that hangs up.</source>
        <translation>Werkzeug 的处理器为这个连接提供服务，客户端中途挂断时不报错。</translation>
    </message>
    <message>
        <source>Reads the request line (e.g. 'GET / HTTP/1.1') from the socket and dispatches on the method; Werkzeug routes every method to run_wsgi.</source>
        <translation>从套接字读取请求行（例如 'GET / HTTP/1.1'），并按方法分派；Werkzeug 把所有方法都交给 run_wsgi。</translation>
    </message>
    <message>
        <source>Splits the request line into method, target and version and reads the header fields up to the empty line.</source>
        <translation>把请求行拆分为方法、目标和版本，并读取首部字段，直到空行为止。</translation>
    </message>
    <message>
        <source>The WSGI server side: build environ, define start_response and write, call the application, send what it returns.</source>
        <translation>WSGI 的服务器端：构造 environ，定义 start_response 和 write，调用应用，把它返回的内容发送出去。</translation>
    </message>
    <message>
        <source>Builds the environ dict: CGI-style variables from the request line and headers (HTTP_*), plus the wsgi.* keys.</source>
        <translation>构造 environ 字典：来自请求行和首部的 CGI 风格变量（HTTP_*），再加上 wsgi.* 键。</translation>
    </message>
    <message>
        <source>Calls app(environ, start_response), then iterates over what the app returned and writes each chunk; finally calls the iterable's close().</source>
        <translation>调用 app(environ, start_response)，然后遍历应用返回的对象，逐块写出；最后调用该可迭代对象的 close()。</translation>
    </message>
    <message>
        <source>start_response(status, headers): the app hands the server the status line and headers. Nothing is sent yet — they go out just before the first body bytes.</source>
        <translation>start_response(status, headers)：应用把状态行和首部交给服务器。此时还什么都不发送——它们在消息体的第一个字节之前才发出。</translation>
    </message>
    <message>
        <source>Sends the status line and headers on the first call, then the body chunk, on the socket.</source>
        <translation>第一次调用时先在套接字上发送状态行和首部，然后发送这一块消息体。</translation>
    </message>
    <message>
        <source>The server shuts the connection down (Werkzeug's development server sends 'Connection: close'): the kernel sends FIN.</source>
        <translation>服务器关闭连接（Werkzeug 的开发服务器会发送 'Connection: close'）：内核发出 FIN。</translation>
    </message>
    <message>
        <source>The Flask object is the WSGI application: calling it with (environ, start_response) calls wsgi_app, so middleware can wrap wsgi_app.</source>
        <translation>Flask 对象就是 WSGI 应用：用 (environ, start_response) 调用它就会调用 wsgi_app，因此中间件可以包装 wsgi_app。</translation>
    </message>
    <message>
        <source>Flask's whole request: make and push the request context, dispatch, turn the result into a response, call the response as a WSGI app, and finally pop the context.</source>
        <translation>Flask 处理请求的全过程：创建并压入请求上下文，分派，把结果变成响应，把响应当作 WSGI 应用来调用，最后弹出上下文。</translation>
    </message>
    <message>
        <source>Creates a RequestContext for this environ (the request object, URL adapter, later the session).</source>
        <translation>为这个 environ 创建一个 RequestContext（包含请求对象、URL 适配器，稍后还有会话）。</translation>
    </message>
    <message>
        <source>Wraps environ in a Request object and binds the URL map to it.</source>
        <translation>把 environ 包装成一个 Request 对象，并把 URL 映射绑定到它上面。</translation>
    </message>
    <message>
        <source>Binds the URL map to the request's host and path (checks TRUSTED_HOSTS in 3.1).</source>
        <translation>把 URL 映射绑定到请求的主机和路径上（3.1 版还会检查 TRUSTED_HOSTS）。</translation>
    </message>
    <message>
        <source>Makes this request current: pushes an app context if none is active, then the request context; opens the session; matches the URL.</source>
        <translation>让这个请求成为当前请求：如果没有活动的应用上下文就先压入一个，再压入请求上下文；打开会话；匹配 URL。</translation>
    </message>
    <message>
        <source>Creates an AppContext (holds current_app and g).</source>
        <translation>创建一个 AppContext（保存 current_app 和 g）。</translation>
    </message>
    <message>
        <source>Makes the app current (current_app, g) and sends appcontext_pushed.</source>
        <translation>让应用成为当前应用（current_app、g），并发送 appcontext_pushed 信号。</translation>
    </message>
    <message>
        <source>Matches the path against the URL rules: sets request.url_rule and view_args, or stores the routing exception (404, 405) for later.</source>
        <translation>用 URL 规则匹配路径：设置 request.url_rule 和 view_args，或者把路由异常（404、405）保存起来留待以后处理。</translation>
    </message>
    <message>
        <source>Flask &lt; 2.3: runs before_first_request functions once per app.</source>
        <translation>Flask &lt; 2.3：每个应用只运行一次 before_first_request 函数。</translation>
    </message>
    <message>
        <source>Sends request_started, runs the before_request hooks, then the view; an exception goes to handle_user_exception; the result goes to finalize_request.</source>
        <translation>发送 request_started 信号，运行 before_request 钩子，然后运行视图函数；异常交给 handle_user_exception；结果交给 finalize_request。</translation>
    </message>
    <message>
        <source>Runs url_value_preprocessors, then before_request functions in the order registered. A hook that returns a value ends the request with that value.</source>
        <translation>先运行 url_value_preprocessors，再按注册顺序运行 before_request 函数。某个钩子一旦返回值，请求就以这个值结束。</translation>
    </message>
    <message>
        <source>Raises a stored routing exception, answers automatic OPTIONS, else calls the view registered for the matched endpoint with the URL's arguments.</source>
        <translation>抛出保存的路由异常，或自动应答 OPTIONS，否则用 URL 中的参数调用为匹配端点注册的视图函数。</translation>
    </message>
    <message>
        <source>The URL did not match (404) or the method is not allowed (405).</source>
        <translation>URL 没有匹配（404），或者不允许该方法（405）。</translation>
    </message>
    <message>
        <source>Automatic OPTIONS answer listing the allowed methods.</source>
        <translation>自动应答 OPTIONS，列出允许的方法。</translation>
    </message>
    <message>
        <source>An exception escaped a hook or the view: an HTTPException goes to handle_http_exception; otherwise the registered error handler for its class is called, or it is re-raised.</source>
        <translation>有异常从钩子或视图函数中逃出：HTTPException 交给 handle_http_exception；否则调用为其类注册的错误处理器，或者重新抛出。</translation>
    </message>
    <message>
        <source>An HTTP error (404, 405, abort(403)...): its registered handler, or the exception itself, which is a response.</source>
        <translation>HTTP 错误（404、405、abort(403)……）：交给为它注册的处理器，或者直接使用异常本身——它就是一个响应。</translation>
    </message>
    <message>
        <source>Looks up the handler registered for this exception's class (walking its MRO) or status code, blueprint first.</source>
        <translation>查找为该异常的类（沿着它的 MRO 查找）或状态码注册的处理器，先查蓝图。</translation>
    </message>
    <message>
        <source>Looks up the handler registered for this exception's class or status code.</source>
        <translation>查找为该异常的类或状态码注册的处理器。</translation>
    </message>
    <message>
        <source>Unhandled exception: sends got_request_exception, logs it and answers 500 Internal Server Error (or re-raises when PROPAGATE_EXCEPTIONS).</source>
        <translation>未处理的异常：发送 got_request_exception 信号，记录日志，并应答 500 Internal Server Error（设置了 PROPAGATE_EXCEPTIONS 时则重新抛出）。</translation>
    </message>
    <message>
        <source>Writes the traceback to app.logger (by default to environ['wsgi.errors']).</source>
        <translation>把回溯信息写入 app.logger（默认写到 environ['wsgi.errors']）。</translation>
    </message>
    <message>
        <source>Turns the view's return value into a response, runs process_response, sends request_finished.</source>
        <translation>把视图函数的返回值变成响应，运行 process_response，发送 request_finished 信号。</translation>
    </message>
    <message>
        <source>Converts a str, bytes, dict, tuple (body, status, headers) or Response into a Response object.</source>
        <translation>把 str、bytes、dict、元组 (body, status, headers) 或 Response 转换成一个 Response 对象。</translation>
    </message>
    <message>
        <source>Runs after_request functions in reverse order of registration, then saves the session (Set-Cookie).</source>
        <translation>按注册的相反顺序运行 after_request 函数，然后保存会话（Set-Cookie）。</translation>
    </message>
    <message>
        <source>Runs teardown_request functions (in reverse order) with the error, if any; sends request_tearing_down. They run even when the request failed.</source>
        <translation>（按相反顺序）运行 teardown_request 函数，如有错误则把错误传给它们；发送 request_tearing_down 信号。即使请求失败，它们也会运行。</translation>
    </message>
    <message>
        <source>Runs teardown_appcontext functions; sends appcontext_tearing_down.</source>
        <translation>运行 teardown_appcontext 函数；发送 appcontext_tearing_down 信号。</translation>
    </message>
    <message>
        <source>Tears the request down: teardown_request functions, request.close(), the request context leaves, then the app context it pushed.</source>
        <translation>清理请求：运行 teardown_request 函数，调用 request.close()，请求上下文离开，然后是它压入的应用上下文离开。</translation>
    </message>
    <message>
        <source>Flask &lt; 2.2: pops the context unless it must be preserved for the debugger after an error.</source>
        <translation>Flask &lt; 2.2：弹出上下文，除非出错后必须为调试器保留它。</translation>
    </message>
    <message>
        <source>teardown_appcontext functions, then the app context leaves (g is gone); sends appcontext_popped.</source>
        <translation>运行 teardown_appcontext 函数，然后应用上下文离开（g 随之消失）；发送 appcontext_popped 信号。</translation>
    </message>
    <message>
        <source>Reads the 'session' cookie and verifies its signature with the secret key (itsdangerous); a missing or bad cookie gives an empty session.</source>
        <translation>读取 'session' Cookie，并用密钥验证它的签名（itsdangerous）；Cookie 缺失或无效时得到一个空会话。</translation>
    </message>
    <message>
        <source>If the session changed, serialises and signs it into a Set-Cookie header (or deletes the cookie if the session became empty).</source>
        <translation>如果会话有变化，就把它序列化并签名，写入 Set-Cookie 首部（如果会话变空了，则删除该 Cookie）。</translation>
    </message>
    <message>
        <source>Flask sends a signal (blinker): subscribers, if any, are called.</source>
        <translation>Flask 发送一个信号（blinker）：如果有订阅者，就调用它们。</translation>
    </message>
    <message>
        <source>The Request object wraps environ; headers, args, form and cookies are parsed lazily, on first access.</source>
        <translation>Request 对象包装 environ；headers、args、form 和 cookies 都是惰性解析的，在第一次访问时才解析。</translation>
    </message>
    <message>
        <source>request.args: the query string parsed on first access.</source>
        <translation>request.args：第一次访问时解析的查询字符串。</translation>
    </message>
    <message>
        <source>request.cookies: the Cookie header parsed on first access.</source>
        <translation>request.cookies：第一次访问时解析的 Cookie 首部。</translation>
    </message>
    <message>
        <source>request.form: the body read from wsgi.input and parsed on first access.</source>
        <translation>request.form：第一次访问时从 wsgi.input 读取并解析的消息体。</translation>
    </message>
    <message>
        <source>Finds the rule for the path and method: endpoint and arguments, or raises NotFound / MethodNotAllowed / RequestRedirect.</source>
        <translation>为路径和方法找到规则：得到端点和参数，或者抛出 NotFound / MethodNotAllowed / RequestRedirect。</translation>
    </message>
    <message>
        <source>A Response: body, status and headers.</source>
        <translation>一个 Response：消息体、状态和首部。</translation>
    </message>
    <message>
        <source>Adds a Set-Cookie header to the response.</source>
        <translation>给响应添加一个 Set-Cookie 首部。</translation>
    </message>
    <message>
        <source>A Response is itself a WSGI application: it calls start_response with its status and headers and returns its body as an iterable.</source>
        <translation>Response 本身就是一个 WSGI 应用：它用自己的状态和首部调用 start_response，并以可迭代对象的形式返回消息体。</translation>
    </message>
    <message>
        <source>Computes the final status, headers and body iterable for this environ.</source>
        <translation>为这个 environ 计算最终的状态、首部和消息体可迭代对象。</translation>
    </message>
    <message>
        <source>The body iterable (empty for HEAD and 304).</source>
        <translation>消息体可迭代对象（HEAD 和 304 时为空）。</translation>
    </message>
    <message>
        <source>Closes files the request opened (uploads).</source>
        <translation>关闭请求打开的文件（上传的文件）。</translation>
    </message>
    <message>
        <source>Flask &lt; 2.2: pushes the context on a stack kept per thread (or greenlet) — _app_ctx_stack or _request_ctx_stack; the proxies read its top.</source>
        <translation>Flask &lt; 2.2：把上下文压入一个每线程（或每 greenlet）一份的栈——_app_ctx_stack 或 _request_ctx_stack；代理对象读取栈顶。</translation>
    </message>
    <message>
        <source>Flask &lt; 2.2: removes the top context from the per-thread stack.</source>
        <translation>Flask &lt; 2.2：从每线程一份的栈中移除栈顶的上下文。</translation>
    </message>
    <message>
        <source>Werkzeug 1.x: the Request object wraps environ; everything is parsed lazily.</source>
        <translation>Werkzeug 1.x：Request 对象包装 environ；一切都是惰性解析的。</translation>
    </message>
    <message>
        <source>Werkzeug 1.x: finds the rule for the path and method.</source>
        <translation>Werkzeug 1.x：为路径和方法找到规则。</translation>
    </message>
    <message>
        <source>Werkzeug 1.x: the Response as a WSGI app: start_response(status, headers), then return the body iterable.</source>
        <translation>Werkzeug 1.x：把 Response 当作 WSGI 应用：调用 start_response(status, headers)，然后返回消息体可迭代对象。</translation>
    </message>
    <message>
        <source>Werkzeug 1.x: the final status, headers and body iterable.</source>
        <translation>Werkzeug 1.x：最终的状态、首部和消息体可迭代对象。</translation>
    </message>
    <message>
        <source>Werkzeug 1.x: adds a Set-Cookie header to the response.</source>
        <translation>Werkzeug 1.x：给响应添加一个 Set-Cookie 首部。</translation>
    </message>
    <message>
        <source>Werkzeug 1.x: closes files the request opened (uploads).</source>
        <translation>Werkzeug 1.x：关闭请求打开的文件（上传的文件）。</translation>
    </message>
    <message>
        <source>Should teardown see this error? False unless the app overrides it.</source>
        <translation>teardown 是否应该看到这个错误？除非应用覆盖了它，否则为 False。</translation>
    </message>
    <message>
        <source>The server pulls the next body chunk from the app's iterable.</source>
        <translation>服务器从应用的可迭代对象中取出下一块消息体。</translation>
    </message>
    <message>
        <source>The server calls the iterable's close() when it is done, even on error.</source>
        <translation>服务器完成后调用该可迭代对象的 close()，即使出错也会调用。</translation>
    </message>
    <message>
        <source>Your hook function, called by Flask at its place in the request.</source>
        <translation>你的钩子函数，由 Flask 在请求处理的相应位置调用。</translation>
    </message>
    <message>
        <source>Your view function: Flask calls it with the URL's arguments; what it returns becomes the response.</source>
        <translation>你的视图函数：Flask 用 URL 中的参数调用它；它的返回值成为响应。</translation>
    </message>
    <message>
        <source>Your error handler: Flask calls it with the exception; what it returns becomes the response.</source>
        <translation>你的错误处理器：Flask 用异常调用它；它的返回值成为响应。</translation>
    </message>
    <message>
        <source>Code from your app file.</source>
        <translation>你的应用文件中的代码。</translation>
    </message>
    <message>
        <source>A frame outside the teaching set (shown because everything is kept).</source>
        <translation>教学集合之外的栈帧（因为保留了所有栈帧才显示）。</translation>
    </message>
    <message>
        <source>The request's method: GET, POST, ...</source>
        <translation>请求的方法：GET、POST……</translation>
    </message>
    <message>
        <source>The part of the URL path that leads to the application (empty when the app is mounted at the root).</source>
        <translation>URL 路径中通向应用的那一部分（应用挂载在根路径时为空）。</translation>
    </message>
    <message>
        <source>The rest of the path, inside the application: what the app routes on. Percent-decoded, as latin-1 text.</source>
        <translation>路径的其余部分，位于应用内部：应用据此进行路由。已做百分号解码，为 latin-1 文本。</translation>
    </message>
    <message>
        <source>What follows '?' in the target, still encoded (may be empty).</source>
        <translation>请求目标中 '?' 之后的部分，仍是编码形式（可能为空）。</translation>
    </message>
    <message>
        <source>The request body's Content-Type header (may be absent).</source>
        <translation>请求消息体的 Content-Type 首部（可能不存在）。</translation>
    </message>
    <message>
        <source>The request body's length in bytes (may be absent); the app reads that much from wsgi.input.</source>
        <translation>请求消息体的长度，以字节计（可能不存在）；应用从 wsgi.input 读取这么多字节。</translation>
    </message>
    <message>
        <source>The server's host name or address; with SERVER_PORT it rebuilds the URL when there is no Host header.</source>
        <translation>服务器的主机名或地址；没有 Host 首部时，用它和 SERVER_PORT 重建 URL。</translation>
    </message>
    <message>
        <source>The port the request arrived on, as a string.</source>
        <translation>请求到达的端口，以字符串表示。</translation>
    </message>
    <message>
        <source>The HTTP version the client used: 'HTTP/1.1'.</source>
        <translation>客户端使用的 HTTP 版本：'HTTP/1.1'。</translation>
    </message>
    <message>
        <source>The server's name and version (also sent as the Server header).</source>
        <translation>服务器的名称和版本（也作为 Server 首部发送）。</translation>
    </message>
    <message>
        <source>The client's IP address, from the TCP connection.</source>
        <translation>客户端的 IP 地址，取自 TCP 连接。</translation>
    </message>
    <message>
        <source>The client's host name, if the server looked it up.</source>
        <translation>客户端的主机名（如果服务器查询过的话）。</translation>
    </message>
    <message>
        <source>The CGI version ('CGI/1.1'); CGI gateways set it.</source>
        <translation>CGI 版本（'CGI/1.1'）；由 CGI 网关设置。</translation>
    </message>
    <message>
        <source>The client's TCP port (not in RFC 3875; most servers add it).</source>
        <translation>客户端的 TCP 端口（RFC 3875 中没有；大多数服务器会添加）。</translation>
    </message>
    <message>
        <source>The request target exactly as sent, undecoded (mod_wsgi and uWSGI add it; Werkzeug too).</source>
        <translation>与发送时完全相同、未经解码的请求目标（mod_wsgi 和 uWSGI 会添加它；Werkzeug 也会）。</translation>
    </message>
    <message>
        <source>The request target exactly as sent (gunicorn's name; Werkzeug adds it too).</source>
        <translation>与发送时完全相同的请求目标（gunicorn 的叫法；Werkzeug 也会添加）。</translation>
    </message>
    <message>
        <source>The WSGI version, the tuple (1, 0).</source>
        <translation>WSGI 版本，即元组 (1, 0)。</translation>
    </message>
    <message>
        <source>'http' or 'https': the scheme the URL was requested with.</source>
        <translation>'http' 或 'https'：请求 URL 时使用的协议方案（scheme）。</translation>
    </message>
    <message>
        <source>A file-like object to read the request body from (a buffered reader on the socket here).</source>
        <translation>用来读取请求消息体的类文件对象（这里是套接字上的一个带缓冲的读取器）。</translation>
    </message>
    <message>
        <source>A text stream for error output; Flask's logger writes tracebacks to it. Werkzeug passes sys.stderr; the live trace swaps in a buffer to keep that output with the trace.</source>
        <translation>用于错误输出的文本流；Flask 的日志记录器把回溯信息写到这里。Werkzeug 传入的是 sys.stderr；实时跟踪换成一个缓冲区，把这些输出与跟踪记录保存在一起。</translation>
    </message>
    <message>
        <source>True if other threads may call the app at the same time (Werkzeug's threaded server).</source>
        <translation>如果其他线程可能同时调用该应用，则为 True（Werkzeug 的多线程服务器）。</translation>
    </message>
    <message>
        <source>True if other processes may run the app at the same time.</source>
        <translation>如果其他进程可能同时运行该应用，则为 True。</translation>
    </message>
    <message>
        <source>True if the process handles one request and exits — the case for CGI.</source>
        <translation>如果进程只处理一个请求就退出，则为 True——CGI 正是这种情况。</translation>
    </message>
    <message>
        <source>The body is chunked: read wsgi.input until it returns nothing, ignoring CONTENT_LENGTH.</source>
        <translation>消息体是分块传输的：一直读取 wsgi.input，直到它什么也不返回，忽略 CONTENT_LENGTH。</translation>
    </message>
    <message>
        <source>A server's fast path for sending files.</source>
        <translation>服务器发送文件的快速通道。</translation>
    </message>
    <message>
        <source>The connection's socket object, for upgrades such as WebSocket.</source>
        <translation>该连接的套接字对象，用于 WebSocket 之类的协议升级。</translation>
    </message>
    <message>
        <source>The Request object Flask made for this environ (added by Werkzeug's Request, not by the server).</source>
        <translation>Flask 为这个 environ 创建的 Request 对象（由 Werkzeug 的 Request 添加，而不是服务器）。</translation>
    </message>
    <message>
        <source>The debugger's hook to keep the contexts after an error.</source>
        <translation>调试器用来在出错后保留上下文的钩子。</translation>
    </message>
    <message>
        <source>The client's TLS certificate (PEM), when there is one.</source>
        <translation>客户端的 TLS 证书（PEM 格式），如果有的话。</translation>
    </message>
    <message>
        <source>A wsgi.* extension key.</source>
        <translation>一个 wsgi.* 扩展键。</translation>
    </message>
    <message>
        <source>Added by the server or middleware; not defined by PEP 3333.</source>
        <translation>由服务器或中间件添加；PEP 3333 中没有定义。</translation>
    </message>
    <message>
        <source>The kernel has reassembled the TCP segments into a byte stream; the server's buffered reader takes what has arrived.</source>
        <translation>内核已经把 TCP 报文段重组成字节流；服务器带缓冲的读取器取走已经到达的数据。</translation>
    </message>
    <message>
        <source>PEP 3333: the status and headers given to start_response are sent just before the first body bytes; TCP then cuts the stream into segments.</source>
        <translation>PEP 3333：交给 start_response 的状态和首部，在消息体的第一个字节之前才发送；然后由 TCP 把字节流切分成报文段。</translation>
    </message>
    <message>
        <source>Request line, header fields, an empty line, then the body: the real bytes the client sent, parsed back.</source>
        <translation>请求行、首部字段、一个空行，然后是消息体：客户端真实发送的字节，又被解析回来。</translation>
    </message>
    <message>
        <source>The body ends where Content-Length says (or where the connection closes); the client stores each Set-Cookie and sends it back on later requests.</source>
        <translation>消息体在 Content-Length 指出的位置结束（或在连接关闭时结束）；客户端保存每个 Set-Cookie，并在之后的请求中把它发回去。</translation>
    </message>
    <message>
        <source>(none arrived)</source>
        <translation>（没有收到）</translation>
    </message>
    <message>
        <source>_app_ctx_stack.top is None: no app context yet, so one is made.</source>
        <translation>_app_ctx_stack.top 为 None：还没有应用上下文，所以创建一个。</translation>
    </message>
    <message>
        <source>Flask 1.x: auto_pop keeps the context after an error when PRESERVE_CONTEXT_ON_EXCEPTION is on (debug mode), for the debugger; removed in 2.2.</source>
        <translation>Flask 1.x：当 PRESERVE_CONTEXT_ON_EXCEPTION 打开时（调试模式），auto_pop 在出错后保留上下文供调试器使用；2.2 版已移除。</translation>
    </message>
    <message>
        <source>Flask 1.x: the first request runs the before_first_request functions (the demo has none) and sets _got_first_request; removed in 2.3.</source>
        <translation>Flask 1.x：第一个请求会运行 before_first_request 函数（本演示没有这类函数），并设置 _got_first_request；2.3 版已移除。</translation>
    </message>
    <message>
        <source>Flask API reference</source>
        <translation>Flask API 参考文档</translation>
    </message>
    <message>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>signal</source>
        <translation>信号</translation>
    </message>
    <message>
        <source>hook</source>
        <translation>钩子</translation>
    </message>
    <message>
        <source>view</source>
        <translation>视图函数</translation>
    </message>
    <message>
        <source>error handler</source>
        <translation>错误处理器</translation>
    </message>
    <message>
        <source>app</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>client → server</source>
        <translation>客户端 → 服务器</translation>
    </message>
    <message>
        <source>server → client</source>
        <translation>服务器 → 客户端</translation>
    </message>
    <message>
        <source>CGI variable</source>
        <translation>CGI 变量</translation>
    </message>
    <message>
        <source>HTTP header</source>
        <translation>HTTP 首部</translation>
    </message>
    <message>
        <source>server extension</source>
        <translation>服务器扩展</translation>
    </message>
    <message>
        <source>Flask 1.x classic (from data)</source>
        <translation>Flask 1.x 经典版（来自数据）</translation>
    </message>
    <message>
        <source>Flask (installed), traced live</source>
        <translation>Flask（已安装），实时跟踪</translation>
    </message>
    <message>
        <source>the server reads the request</source>
        <translation>服务器读取请求</translation>
    </message>
    <message>
        <source>environ built</source>
        <translation>environ 已构造</translation>
    </message>
    <message>
        <source>start_response called</source>
        <translation>已调用 start_response</translation>
    </message>
    <message>
        <source>the body is being sent</source>
        <translation>正在发送消息体</translation>
    </message>
    <message>
        <source>the application is done</source>
        <translation>应用已完成</translation>
    </message>
    <message>
        <source>status line and headers</source>
        <translation>状态行和首部</translation>
    </message>
    <message>
        <source>body</source>
        <translation>消息体</translation>
    </message>
    <message>
        <source>the Host header: which site the client asked for (RFC 9110 §7.2)</source>
        <translation>Host 首部：客户端请求的是哪个网站（RFC 9110 §7.2）</translation>
    </message>
    <message>
        <source>the Cookie header: the cookies the client sends back (RFC 6265 §5.4)</source>
        <translation>Cookie 首部：客户端发回的 Cookie（RFC 6265 §5.4）</translation>
    </message>
    <message>
        <source>the User-Agent header: the client software (RFC 9110 §10.1.5)</source>
        <translation>User-Agent 首部：客户端软件（RFC 9110 §10.1.5）</translation>
    </message>
    <message>
        <source>the Accept-Encoding header: codings the client accepts (RFC 9110 §12.5.3)</source>
        <translation>Accept-Encoding 首部：客户端接受的编码（RFC 9110 §12.5.3）</translation>
    </message>
    <message>
        <source>the Accept header: media types the client prefers (RFC 9110 §12.5.1)</source>
        <translation>Accept 首部：客户端偏好的媒体类型（RFC 9110 §12.5.1）</translation>
    </message>
    <message>
        <source>the Connection header (RFC 9110 §7.6.1)</source>
        <translation>Connection 首部（RFC 9110 §7.6.1）</translation>
    </message>
    <message>
        <source>Your url_value_preprocessor.</source>
        <translation>你的 url_value_preprocessor。</translation>
    </message>
    <message>
        <source>Flask API reference: {section}</source>
        <translation>Flask API 参考文档：{section}</translation>
    </message>
    <message>
        <source>Flask API reference {version}</source>
        <translation>Flask API 参考文档 {version}</translation>
    </message>
    <message>
        <source>return {name}</source>
        <translation>返回 {name}</translation>
    </message>
    <message>
        <source>exception {name}</source>
        <translation>异常离开 {name}</translation>
    </message>
    <message>
        <source>Call {function}</source>
        <translation>调用 {function}</translation>
    </message>
    <message>
        <source>Call {function} — {summary}</source>
        <translation>调用 {function}——{summary}</translation>
    </message>
    <message>
        <source>Call your {role} {function}</source>
        <translation>调用你的{role} {function}</translation>
    </message>
    <message>
        <source>Call your {role} {function} — {summary}</source>
        <translation>调用你的{role} {function}——{summary}</translation>
    </message>
    <message>
        <source>{function} returns {value}</source>
        <translation>{function} 返回 {value}</translation>
    </message>
    <message>
        <source>{exception} — in {function}</source>
        <translation>{exception}——发生在 {function} 中</translation>
    </message>
    <message>
        <source>The server reads {size} bytes from the socket: {first}…</source>
        <translation>服务器从套接字读取 {size} 字节：{first}…</translation>
    </message>
    <message>
        <source>The server writes {size} bytes ({part}) to the socket</source>
        <translation>服务器向套接字写入 {size} 字节（{part}）</translation>
    </message>
    <message>
        <source>The client writes the request: {request_line}</source>
        <translation>客户端写出请求：{request_line}</translation>
    </message>
    <message>
        <source>The client reads the response: {start_line}</source>
        <translation>客户端读取响应：{start_line}</translation>
    </message>
    <message>
        <source>One variable per request header: {note}. CGI spells it in upper case with '-' → '_' and the prefix HTTP_.</source>
        <translation>每个请求首部对应一个变量：{note}。CGI 把它写成大写，'-' → '_'，并加上前缀 HTTP_。</translation>
    </message>
    <message>
        <source>the {name} request header</source>
        <translation>{name} 请求首部</translation>
    </message>
    <message>
        <source>The status line '{status}' and the headers go out now, just before the first body bytes — after teardown already ran.</source>
        <translation>状态行 '{status}' 和首部现在才发出，就在消息体的第一个字节之前——而此时 teardown 已经运行过了。</translation>
    </message>
    <message>
        <source>{stage}: CGI — {cgi}; FastCGI — {fastcgi}; WSGI — {wsgi}</source>
        <translation>{stage}：CGI — {cgi}；FastCGI — {fastcgi}；WSGI — {wsgi}</translation>
    </message>
    <message>
        <source>CGI: {cgi} FastCGI: {fastcgi} WSGI: {wsgi}</source>
        <translation>CGI：{cgi} FastCGI：{fastcgi} WSGI：{wsgi}</translation>
    </message>
    <message>
        <source>{function} leaves by exception ({exception})</source>
        <translation>{function} 因异常而离开（{exception}）</translation>
    </message>
    <message>
        <source>{exception} — caught here — in {function}</source>
        <translation>{exception}——在此被捕获——发生在 {function} 中</translation>
    </message>
    <message>
        <source>{function} raises {exception}: the iteration is over</source>
        <translation>{function} 抛出 {exception}：迭代结束</translation>
    </message>
    <message>
        <source>{method} {path} → the demo app</source>
        <translation>{method} {path} → 演示应用</translation>
    </message>
    <message>
        <source>Your {name} hook.</source>
        <translation>你的 {name} 钩子。</translation>
    </message>
    <message>
        <source>Your view function for endpoint '{endpoint}'.</source>
        <translation>你的视图函数（端点 '{endpoint}'）。</translation>
    </message>
    <message>
        <source>Your error handler for {exception}.</source>
        <translation>你的错误处理器（处理 {exception}）。</translation>
    </message>
    <message>
        <source>{gateway}: {actor} → {channel}</source>
        <translation>{gateway}：{actor} → {channel}</translation>
    </message>
    <message>
        <source>The file is empty (0 bytes), so there are no packets to show.</source>
        <translation>该文件是空的（0 字节），没有可显示的数据包。</translation>
    </message>
    <message>
        <source>The file is gzip-compressed; decompress it first (gunzip).</source>
        <translation>该文件经过 gzip 压缩，请先解压（gunzip）。</translation>
    </message>
    <message>
        <source>Could not tell TCP connections apart (hash collisions).</source>
        <translation>无法区分各个 TCP 连接（哈希冲突）。</translation>
    </message>
    <message>
        <source>The capture file changed on disk since it was opened.</source>
        <translation>抓包文件在打开之后已在磁盘上被修改。</translation>
    </message>
    <message>
        <source>a block is cut short</source>
        <translation>有一个块不完整</translation>
    </message>
    <message>
        <source>The capture holds no packets.</source>
        <translation>这个抓包不含任何数据包。</translation>
    </message>
    <message>
        <source>There are no TCP packets in this capture, so there are no connections.</source>
        <translation>这个抓包中没有 TCP 数据包，因此没有连接。</translation>
    </message>
    <message>
        <source>client = sender of the SYN</source>
        <translation>客户端 = SYN 的发送方</translation>
    </message>
    <message>
        <source>SYN not captured; client = receiver of the SYN-ACK</source>
        <translation>未抓到 SYN；客户端 = SYN-ACK 的接收方</translation>
    </message>
    <message>
        <source>no SYN captured; guessed client = sender of the first packet</source>
        <translation>未抓到 SYN；推测客户端 = 第一个数据包的发送方</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>没有那个文件或目录</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation>这是一个目录</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>权限不足</translation>
    </message>
    <message>
        <source>Cannot open the file: {reason}.</source>
        <translation>无法打开该文件：{reason}。</translation>
    </message>
    <message>
        <source>The file is cut short inside the 24-byte pcap file header (only {size} bytes), so it holds no packets.</source>
        <translation>该文件在 24 字节的 pcap 文件首部之内就被截断了（只有 {size} 字节），因此不含任何数据包。</translation>
    </message>
    <message>
        <source>The file is only {size} bytes long; that is not a capture file.</source>
        <translation>该文件只有 {size} 字节，不是抓包文件。</translation>
    </message>
    <message>
        <source>This is not a pcap or pcapng capture file (it starts with bytes {magic}, not a capture magic number).</source>
        <translation>这不是 pcap 或 pcapng 抓包文件（它以字节 {magic} 开头，而不是抓包文件的魔数）。</translation>
    </message>
    <message>
        <source>The capture's link type ({link_types}) is not supported; supported link types are Ethernet, Linux cooked (SLL/SLL2), raw IP and BSD loopback.</source>
        <translation>不支持该抓包的链路类型（{link_types}）；支持的链路类型有：以太网、Linux 伪链路层（SLL/SLL2）、原始 IP 和 BSD 环回。</translation>
    </message>
    <message>
        <source>Cannot re-read the capture file: {reason}.</source>
        <translation>无法重新读取抓包文件：{reason}。</translation>
    </message>
    <message>
        <source>packet {number} is not in this capture (1..{count})</source>
        <translation>数据包 {number} 不在这个抓包中（1..{count}）</translation>
    </message>
    <message>
        <source>could not locate the fields of {layer}</source>
        <translation>无法定位 {layer} 各字段的位置</translation>
    </message>
    <message>
        <source>scapy could not dissect this packet: {error}</source>
        <translation>scapy 无法解析这个数据包：{error}</translation>
    </message>
    <message>
        <source>Reading stopped at byte {offset}: packet {number}'s record header claims {claimed} captured bytes (at most {limit} make sense); kept the {count} packet before it.</source>
        <translation>读取在第 {offset} 字节处停止：数据包 {number} 的记录首部声称抓到了 {claimed} 字节（合理值至多 {limit}）；保留了它之前的 {count} 个数据包。</translation>
    </message>
    <message>
        <source>Reading stopped at byte {offset}: packet {number}'s record header claims {claimed} captured bytes (at most {limit} make sense); kept the {count} packets before it.</source>
        <translation>读取在第 {offset} 字节处停止：数据包 {number} 的记录首部声称抓到了 {claimed} 字节（合理值至多 {limit}）；保留了它之前的 {count} 个数据包。</translation>
    </message>
    <message>
        <source>The file is cut short inside packet {number}'s record header at byte {offset} ({present} bytes of it are present); kept the {count} packet before it.</source>
        <translation>文件在数据包 {number} 的记录首部中被截断，位于第 {offset} 字节（只有其中 {present} 字节）；保留了它之前的 {count} 个数据包。</translation>
    </message>
    <message>
        <source>The file is cut short inside packet {number}'s record header at byte {offset} ({present} bytes of it are present); kept the {count} packets before it.</source>
        <translation>文件在数据包 {number} 的记录首部中被截断，位于第 {offset} 字节（只有其中 {present} 字节）；保留了它之前的 {count} 个数据包。</translation>
    </message>
    <message>
        <source>The file is cut short inside packet {number}'s data at byte {offset} ({present} bytes of it are present); kept the {count} packet before it.</source>
        <translation>文件在数据包 {number} 的数据中被截断，位于第 {offset} 字节（只有其中 {present} 字节）；保留了它之前的 {count} 个数据包。</translation>
    </message>
    <message>
        <source>The file is cut short inside packet {number}'s data at byte {offset} ({present} bytes of it are present); kept the {count} packets before it.</source>
        <translation>文件在数据包 {number} 的数据中被截断，位于第 {offset} 字节（只有其中 {present} 字节）；保留了它之前的 {count} 个数据包。</translation>
    </message>
    <message>
        <source>The file is cut short or damaged after packet {last}: reading stopped at byte {offset} of {size} ({failure}); kept the {count} packet before it.</source>
        <translation>文件在数据包 {last} 之后被截断或损坏：读取在第 {offset} 字节（共 {size} 字节）处停止（{failure}）；保留了它之前的 {count} 个数据包。</translation>
    </message>
    <message>
        <source>The file is cut short or damaged after packet {last}: reading stopped at byte {offset} of {size} ({failure}); kept the {count} packets before it.</source>
        <translation>文件在数据包 {last} 之后被截断或损坏：读取在第 {offset} 字节（共 {size} 字节）处停止（{failure}）；保留了它之前的 {count} 个数据包。</translation>
    </message>
    <message>
        <source>The pcapng file's first block (section header) is damaged: {error}.</source>
        <translation>该 pcapng 文件的第一个块（节首部块）已损坏：{error}。</translation>
    </message>
    <message>
        <source>a block's length field says {length} bytes, which no block can be (a multiple of 4 from 12 to {limit})</source>
        <translation>有一个块的长度字段写着 {length} 字节，而块的长度只能是 12 到 {limit} 之间 4 的倍数</translation>
    </message>
    <message>
        <source>a block's two length fields disagree ({first} and {last} bytes)</source>
        <translation>有一个块的两个长度字段不一致（{first} 和 {last} 字节）</translation>
    </message>
    <message>
        <source>a block of type {type} is {length} bytes long, too short for its fields</source>
        <translation>类型为 {type} 的块只有 {length} 字节，放不下它的字段</translation>
    </message>
    <message>
        <source>a section header's byte-order magic is {magic}, not 1a 2b 3c 4d</source>
        <translation>某个节首部块的字节序魔数是 {magic}，而不是 1a 2b 3c 4d</translation>
    </message>
    <message>
        <source>a packet names interface {interface}, which its section has not described</source>
        <translation>某个数据包引用了接口 {interface}，但它所在的节中没有描述这个接口</translation>
    </message>
    <message>
        <source>a packet block claims {caplen} captured bytes, more than its {length}-byte block holds</source>
        <translation>某个数据包块声称捕获了 {caplen} 字节，超出了这个 {length} 字节的块所能容纳的</translation>
    </message>
    <message>
        <source>a packet block claims {caplen} captured bytes (at most {limit} make sense)</source>
        <translation>某个数据包块声称捕获了 {caplen} 字节（最多 {limit} 字节才合理）</translation>
    </message>
    <message>
        <source>1 interface has link type {link_type} (not supported); its {count} packet was skipped.</source>
        <translation>1 个接口的链路类型是 {link_type}（不支持）；它的 {count} 个数据包被跳过。</translation>
    </message>
    <message>
        <source>1 interface has link type {link_type} (not supported); its {count} packets were skipped.</source>
        <translation>1 个接口的链路类型是 {link_type}（不支持）；它的 {count} 个数据包被跳过。</translation>
    </message>
    <message>
        <source>{interfaces} interfaces have link type {link_type} (not supported); their {count} packet was skipped.</source>
        <translation>{interfaces} 个接口的链路类型是 {link_type}（不支持）；它们的 {count} 个数据包被跳过。</translation>
    </message>
    <message>
        <source>{interfaces} interfaces have link type {link_type} (not supported); their {count} packets were skipped.</source>
        <translation>{interfaces} 个接口的链路类型是 {link_type}（不支持）；它们的 {count} 个数据包被跳过。</translation>
    </message>
    <message>
        <source>{count} packet was cut to the snapshot length (snaplen {snaplen}); its payload bytes are missing (TCP lengths still come from the IP header).</source>
        <translation>{count} 个数据包被截短到快照长度（snaplen {snaplen}）；缺少它们的载荷字节（TCP 长度仍取自 IP 首部）。</translation>
    </message>
    <message>
        <source>{count} packets were cut to the snapshot length (snaplen {snaplen}); their payload bytes are missing (TCP lengths still come from the IP header).</source>
        <translation>{count} 个数据包被截短到快照长度（snaplen {snaplen}）；缺少它们的载荷字节（TCP 长度仍取自 IP 首部）。</translation>
    </message>
    <message>
        <source>{count} packet was cut to the snapshot length; its payload bytes are missing (TCP lengths still come from the IP header).</source>
        <translation>{count} 个数据包被截短到快照长度；缺少它们的载荷字节（TCP 长度仍取自 IP 首部）。</translation>
    </message>
    <message>
        <source>{count} packets were cut to the snapshot length; their payload bytes are missing (TCP lengths still come from the IP header).</source>
        <translation>{count} 个数据包被截短到快照长度；缺少它们的载荷字节（TCP 长度仍取自 IP 首部）。</translation>
    </message>
    <message>
        <source>IP fragments: {count} packet was a fragment and not reassembled; TCP inside fragments is not analysed.</source>
        <translation>IP 分片：{count} 个数据包是分片，没有重组；分片中的 TCP 不做分析。</translation>
    </message>
    <message>
        <source>IP fragments: {count} packets were fragments and not reassembled; TCP inside fragments is not analysed.</source>
        <translation>IP 分片：{count} 个数据包是分片，没有重组；分片中的 TCP 不做分析。</translation>
    </message>
    <message>
        <source>{count} TCP packet (first: packet {first}) captured without a complete TCP header: left out of the connections.</source>
        <translation>{count} 个 TCP 数据包（第一个是数据包 {first}）抓到时没有完整的 TCP 首部：未计入连接。</translation>
    </message>
    <message>
        <source>{count} TCP packets (first: packet {first}) captured without a complete TCP header: left out of the connections.</source>
        <translation>{count} 个 TCP 数据包（第一个是数据包 {first}）抓到时没有完整的 TCP 首部：未计入连接。</translation>
    </message>
    <message>
        <source>Absurd timestamps on {count} packet (packet {numbers}; packet {first} is dated year {year}); times and durations involving them are meaningless.</source>
        <translation>{count} 个数据包的时间戳不合理（数据包 {numbers}；数据包 {first} 的日期是 {year} 年）；涉及它们的时刻和时长都没有意义。</translation>
    </message>
    <message>
        <source>Absurd timestamps on {count} packets (packets {numbers}; packet {first} is dated year {year}); times and durations involving them are meaningless.</source>
        <translation>{count} 个数据包的时间戳不合理（数据包 {numbers}；数据包 {first} 的日期是 {year} 年）；涉及它们的时刻和时长都没有意义。</translation>
    </message>
    <message>
        <source>Timestamps go backwards {count} time (first at packet {first}); packets are kept in file order.</source>
        <translation>时间戳倒退了 {count} 次（第一次在数据包 {first}）；数据包仍按文件中的顺序排列。</translation>
    </message>
    <message>
        <source>Timestamps go backwards {count} times (first at packet {first}); packets are kept in file order.</source>
        <translation>时间戳倒退了 {count} 次（第一次在数据包 {first}）；数据包仍按文件中的顺序排列。</translation>
    </message>
    <message>
        <source>no SYN captured; guessed server = endpoint with the lower port ({port})</source>
        <translation>未抓到 SYN；推测服务器 = 端口号较小的一端（{port}）</translation>
    </message>
    <message>
        <source>This step has no segment on the wire to drop.</source>
        <translation>这一步在线路上没有可以丢弃的报文段。</translation>
    </message>
    <message>
        <source>This segment never arrived in the capture: it is lost already.</source>
        <translation>这个报文段在抓包中从未到达：它本来就已丢失。</translation>
    </message>
    <message>
        <source>The capture does not show enough of this connection's state at that step for the TCP model to take over.</source>
        <translation>抓包没有显示出该连接在这一步的足够状态，TCP 模型无法接手。</translation>
    </message>
    <message>
        <source>The capture shows this segment arriving before it was sent (its timestamps run backwards), so the what-if cannot tell what happened before its loss.</source>
        <translation>抓包显示这个报文段在发送之前就已到达（时间戳倒退），因此假设分析无法判断它丢失之前发生了什么。</translation>
    </message>
    <message>
        <source>{title} — what if {segment} were lost? Simulated from step {step}</source>
        <translation>{title}——如果 {segment} 丢失会怎样？从第 {step} 步起为模拟</translation>
    </message>
    <message>
        <source>What-if from step {step}: steps 1 to {last} are the capture as replayed; then {segment} is lost and the TCP model runs both sides on from their state at that step, each application making the calls the capture shows it making next.</source>
        <translation>从第 {step} 步起的“假如”：第 1 至 {last} 步是抓包的回放；随后 {segment} 丢失，TCP 模型从两端在那一步的状态接着运行，每个应用程序按抓包显示的顺序发出接下来的调用。</translation>
    </message>
    <message>
        <source>packet {number}</source>
        <translation>数据包 {number}</translation>
    </message>
    <message>
        <source>What-if works on captured connections of up to {limit} steps; this one has {count}.</source>
        <translation>“假如”适用于最多 {limit} 步的抓包连接；这个连接有 {count} 步。</translation>
    </message>
    <message>
        <source>The what-if did not settle: {reason}.</source>
        <translation>这次“假如”没有结束：{reason}。</translation>
    </message>
    <message>
        <source>The what-if could not be simulated from this step: {reason}.</source>
        <translation>无法从这一步开始模拟假设分析：{reason}。</translation>
    </message>
    <message>
        <source>Wireshark marks this segment a retransmission: it carries sequence numbers its sender had sent before.</source>
        <translation>Wireshark 把这个报文段标为重传：它携带的序号是发送方之前已经发过的。</translation>
    </message>
    <message>
        <source>Wireshark marks it a fast retransmission: it was resent right after duplicate ACKs asked for it again (RFC 5681 §3.2), not when a retransmission timer expired.</source>
        <translation>Wireshark 把它标为快速重传：它是在重复 ACK 再次索要它之后立即重发的（RFC 5681 §3.2），而不是在重传定时器到期时重发的。</translation>
    </message>
    <message>
        <source>Wireshark marks it a spurious retransmission: the receiver had already acknowledged these bytes when it was resent.</source>
        <translation>Wireshark 把它标为伪重传：重发时，接收方早已确认过这些字节。</translation>
    </message>
    <message>
        <source>Wireshark marks it out-of-order: its sequence numbers lie below ones already seen, and it came too soon after them to be a retransmission.</source>
        <translation>Wireshark 把它标为乱序：它的序号低于已经见过的序号，而它来得离那些报文段太近，不像是重传。</translation>
    </message>
    <message>
        <source>Wireshark marks it a duplicate ACK: it repeats the previous acknowledgement number because a later segment arrived while an earlier one is still missing (RFC 5681 §4.2).</source>
        <translation>Wireshark 把它标为重复 ACK：它重复上一个确认号，因为后面的报文段到了，而前面的一个仍然缺失（RFC 5681 §4.2）。</translation>
    </message>
    <message>
        <source>Wireshark marks it a zero window: the receiver's buffer is full and the sender must wait (RFC 9293 §3.8.6.1).</source>
        <translation>Wireshark 把它标为零窗口：接收方的缓冲区已满，发送方必须等待（RFC 9293 §3.8.6.1）。</translation>
    </message>
    <message>
        <source>Wireshark marks it a keep-alive: one byte sent before, to learn whether the peer is still there (RFC 9293 §3.8.4).</source>
        <translation>Wireshark 把它标为保活：重发一个之前发过的字节，以了解对端是否还在（RFC 9293 §3.8.4）。</translation>
    </message>
    <message>
        <source>Wireshark marks it a window update: it only announces a new receive window.</source>
        <translation>Wireshark 把它标为窗口更新：它只是通告一个新的接收窗口。</translation>
    </message>
    <message>
        <source>Wireshark marks it a zero-window probe: one byte sent into a closed window to learn when it opens (RFC 9293 §3.8.6.1).</source>
        <translation>Wireshark 把它标为零窗口探测：向已关闭的窗口发送一个字节，以了解窗口何时打开（RFC 9293 §3.8.6.1）。</translation>
    </message>
    <message>
        <source>After three duplicate ACKs the sender takes the segment they ask for as lost and resends it at once (fast retransmit), instead of waiting for the retransmission timer; the connection's state does not change.</source>
        <translation>收到三个重复 ACK 后，发送方认为它们索要的报文段已丢失，立即重发（快速重传），而不等重传定时器到期；连接的状态不变。</translation>
    </message>
    <message>
        <source>A sender may resend a segment early (selective acknowledgements or duplicate ACKs showed it missing); resending changes no state.</source>
        <translation>发送方可以提前重发一个报文段（选择确认或重复 ACK 表明它缺失了）；重发不改变任何状态。</translation>
    </message>
    <message>
        <source>A keep-alive carries one already acknowledged byte (or none), so the peer answers with an ACK; it changes no state.</source>
        <translation>保活报文段携带一个已被确认的字节（或不带数据），对端于是用一个 ACK 应答；它不改变任何状态。</translation>
    </message>
    <message>
        <source>While the peer's window is zero the sender still sends one byte now and then, so that it learns when the window opens.</source>
        <translation>对端窗口为零时，发送方仍不时发送一个字节，以便得知窗口何时打开。</translation>
    </message>
    <message>
        <source>A capture cannot see a loss; this one is inferred from what the two ends did next.</source>
        <translation>抓包看不到丢失；这次丢失是根据两端随后的行为推断出来的。</translation>
    </message>
    <message>
        <source>SACK permitted option: selective acknowledgements may follow (RFC 2018 §2)</source>
        <translation>允许 SACK 选项：之后可以使用选择确认（RFC 2018 §2）</translation>
    </message>
    <message>
        <source>timestamps option offered (RFC 7323 §3)</source>
        <translation>提议使用时间戳选项（RFC 7323 §3）</translation>
    </message>
    <message>
        <source>window scaling is in effect: both SYNs carried the option; windows on later segments are shifted (RFC 7323 §2.2)</source>
        <translation>窗口缩放生效：两个 SYN 都带有该选项；之后报文段中的窗口要按移位计算（RFC 7323 §2.2）</translation>
    </message>
    <message>
        <source>window scaling is off: not both SYNs carried the option; windows count as sent (RFC 7323 §2.2)</source>
        <translation>窗口缩放未生效：并非两个 SYN 都带有该选项；窗口按发送的原值计算（RFC 7323 §2.2）</translation>
    </message>
    <message>
        <source>{who} resends {segment} without waiting for its timer: a fast retransmission, after duplicate ACKs asked for these bytes again.</source>
        <translation>{who}不等定时器到期就重发 {segment}：这是快速重传，因为重复 ACK 再次索要这些字节。</translation>
    </message>
    <message>
        <source>{who} sends {segment} again less than a round trip after later data: Wireshark calls it out-of-order; no retransmission timer expired.</source>
        <translation>{who}在发出后面的数据后不到一个往返时间就再次发送 {segment}：Wireshark 称之为乱序；没有重传定时器到期。</translation>
    </message>
    <message>
        <source>{who} sends a keep-alive {segment}: a byte it had sent before, to learn whether the peer is still there.</source>
        <translation>{who}发送保活报文段 {segment}：一个之前发过的字节，用来了解对端是否还在。</translation>
    </message>
    <message>
        <source>{who} probes the peer's zero window with {segment}.</source>
        <translation>{who}用 {segment} 探测对端的零窗口。</translation>
    </message>
    <message>
        <source>the {sender} sent it again, and no ACK from the {peer} covered it before that copy arrived</source>
        <translation>{sender}再次发送了它，而在那个副本到达之前，{peer}没有任何 ACK 覆盖它</translation>
    </message>
    <message>
        <source>the {peer}'s duplicate ACKs ({count}) kept asking for {seq}, and the {sender} sent it again</source>
        <translation>{peer}的重复 ACK（{count} 个）一直在索要 {seq}，{sender}随后再次发送了它</translation>
    </message>
    <message>
        <source>the {peer} sent its own SYN again: it never got this segment</source>
        <translation>{peer}再次发送了自己的 SYN：它从未收到这个报文段</translation>
    </message>
    <message>
        <source>the {peer}'s answer echoes the timestamp of a later copy: it never got this one (RFC 7323 §4.1)</source>
        <translation>{peer}的应答回显的是后一个副本的时间戳：它从未收到这一个（RFC 7323 §4.1）</translation>
    </message>
    <message>
        <source>the {peer} sent its segment again after this ACK should have arrived: it never got the ACK</source>
        <translation>在这个 ACK 本应到达之后，{peer}又重发了它的报文段：它从未收到这个 ACK</translation>
    </message>
    <message>
        <source>MSS option: {mss} bytes per segment at most (RFC 9293 §3.7.1)</source>
        <translation>MSS 选项：每个报文段最多 {mss} 字节（RFC 9293 §3.7.1）</translation>
    </message>
    <message>
        <source>window scale option: shift {shift}, later windows count × {factor} (RFC 7323 §2.2)</source>
        <translation>窗口缩放选项：移位 {shift}，之后的窗口按 × {factor} 计算（RFC 7323 §2.2）</translation>
    </message>
    <message>
        <source>timestamps option: TSval = {tsval}, TSecr = {tsecr} (RFC 7323 §3.2)</source>
        <translation>时间戳选项：TSval = {tsval}，TSecr = {tsecr}（RFC 7323 §3.2）</translation>
    </message>
    <message>
        <source>SACK option: the {who} also holds {blocks} (RFC 2018 §3)</source>
        <translation>SACK 选项：{who}还持有 {blocks}（RFC 2018 §3）</translation>
    </message>
</context>
<context>
    <name>Pacing</name>
    <message>
        <source>Even steps</source>
        <translation>均匀步进</translation>
    </message>
    <message>
        <source>Real timing</source>
        <translation>真实时间</translation>
    </message>
</context>
<context>
    <name>PacketDetailView</name>
    <message>
        <source>No packet selected: step onto a captured segment or click its arrow.</source>
        <extracomment>Layers expanded the first time a packet is shown: the lesson is about TCP.</extracomment>
        <translation>未选择数据包：请走到一个抓取的报文段所在的步，或点击它的箭头。</translation>
    </message>
    <message>
        <source>packet {number} could not be dissected: {error}</source>
        <translation>数据包 {number} 无法解析：{error}</translation>
    </message>
    <message>
        <source>The bytes of the selected layer or field, and for a bit field which bits of them it uses</source>
        <translation>所选层或字段占用的字节；位字段还会显示它用到其中的哪些位</translation>
    </message>
    <message>
        <source>&lt;b&gt;Packet {number}&lt;/b&gt; · could not be read</source>
        <translation>&lt;b&gt;数据包 {number}&lt;/b&gt; · 无法读取</translation>
    </message>
    <message>
        <source>&lt;b&gt;Packet {number}&lt;/b&gt; · {caplen} bytes captured ({wire} on wire)</source>
        <translation>&lt;b&gt;数据包 {number}&lt;/b&gt; · 抓取 {caplen} 字节（线路上 {wire} 字节）</translation>
    </message>
    <message>
        <source>Select a layer or a field to see its bytes.</source>
        <translation>选择一个层或字段，查看它的字节。</translation>
    </message>
    <message>
        <source>{field}: {bytes}</source>
        <translation>{field}：{bytes}</translation>
    </message>
    <message>
        <source>This layer: {bytes}</source>
        <translation>本层：{bytes}</translation>
    </message>
    <message>
        <source>{what}; bits {pattern}</source>
        <translation>{what}；位 {pattern}</translation>
    </message>
</context>
<context>
    <name>PacketTreeModel</name>
    <message>
        <source>no bytes in this packet</source>
        <translation>在本数据包中不占字节</translation>
    </message>
    <message>
        <source>byte {start} (1 byte)</source>
        <translation>第 {start} 字节（1 字节）</translation>
    </message>
    <message>
        <source>bytes {first}–{last} ({size} bytes)</source>
        <translation>第 {first}–{last} 字节（{size} 字节）</translation>
    </message>
    <message>
        <source>[truncated: {caplen} of {wirelen} bytes captured]</source>
        <translation>[已截断：{wirelen} 字节中只抓取了 {caplen} 字节]</translation>
    </message>
    <message>
        <source>[Window size scaling factor: {factor} (shift {shift}, RFC 7323 §2.2)]</source>
        <translation>[窗口大小缩放因子：{factor}（移位 {shift}，RFC 7323 §2.2）]</translation>
    </message>
    <message>
        <source>[Calculated window size: {size} bytes]</source>
        <translation>[计算得到的窗口大小：{size} 字节]</translation>
    </message>
    <message>
        <source>⚠ TCP analysis (as Wireshark): {flags}</source>
        <translation>⚠ TCP 分析（同 Wireshark）：{flags}</translation>
    </message>
    <message>
        <source>⚠ {truncated}: the snapshot length cut the packet</source>
        <translation>⚠ {truncated}：快照长度截断了这个数据包</translation>
    </message>
    <message>
        <source>Bytes ({n}), not dissected</source>
        <translation>字节（{n}），未解析</translation>
    </message>
    <message>
        <source>Layers and fields</source>
        <translation>层与字段</translation>
    </message>
</context>
<context>
    <name>PredictPanel</name>
    <message>
        <source>Score: {right} of {asked} right</source>
        <translation>得分：{asked} 题答对 {right} 题</translation>
    </message>
    <message>
        <source>Predict the next step</source>
        <translation>预测下一步</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Step on without answering (not scored)</source>
        <translation>不作答，直接前进一步（不计分）</translation>
    </message>
    <message>
        <source>Nothing to predict here: step forward.</source>
        <translation>这里没有需要预测的内容：请前进一步。</translation>
    </message>
    <message>
        <source>Right!</source>
        <translation>答对了！</translation>
    </message>
    <message>
        <source>Not quite. The answer is: {answer}</source>
        <translation>不对。正确答案是：{answer}</translation>
    </message>
</context>
<context>
    <name>ReplayLoader</name>
    <message>
        <source>unexpected error while replaying connection {n}: {error}</source>
        <translation>回放连接 {n} 时发生意外错误：{error}</translation>
    </message>
    <message>
        <source>Replaying connection {n} through the TCP model…</source>
        <translation>正在用 TCP 模型回放连接 {n}…</translation>
    </message>
    <message>
        <source>Opening connection</source>
        <translation>正在打开连接</translation>
    </message>
</context>
<context>
    <name>RoleLegend</name>
    <message>
        <source>your app's code</source>
        <translation>你的应用代码</translation>
    </message>
    <message>
        <source>Flask</source>
        <translation>Flask</translation>
    </message>
    <message>
        <source>Werkzeug</source>
        <translation>Werkzeug</translation>
    </message>
    <message>
        <source>WSGI server</source>
        <translation>WSGI 服务器</translation>
    </message>
    <message>
        <source>other Python</source>
        <translation>其他 Python 代码</translation>
    </message>
</context>
<context>
    <name>ServerSource</name>
    <message>
        <source>Tracing {request} …</source>
        <translation>正在跟踪 {request} …</translation>
    </message>
    <message>
        <source>Cannot trace the request</source>
        <translation>无法跟踪该请求</translation>
    </message>
</context>
<context>
    <name>SessionStoreModel</name>
    <message>
        <source>Session id (the cookie's value)</source>
        <translation>会话 ID（Cookie 的值）</translation>
    </message>
    <message>
        <source>Data kept on the server</source>
        <translation>保存在服务器上的数据</translation>
    </message>
    <message>
        <source>At this step</source>
        <translation>本步</translation>
    </message>
    <message>
        <source>created by this step</source>
        <extracomment>Every ``Change`` of a session, for the tooltip (tests check the table covers the enum).</extracomment>
        <translation>由本步创建</translation>
    </message>
    <message>
        <source>changed by this step</source>
        <translation>由本步修改</translation>
    </message>
    <message>
        <source>deleted by this step</source>
        <translation>由本步删除</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未变化</translation>
    </message>
    <message>
        <source>created</source>
        <extracomment>... and in the short form of the "At this step" column (NONE says nothing there).</extracomment>
        <translation>已创建</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>← this request's cookie {name} picks it</source>
        <translation>← 本请求的 Cookie {name} 选中了它</translation>
    </message>
    <message>
        <source>→ handed to the browser in Set-Cookie {name}</source>
        <translation>→ 通过 Set-Cookie {name} 交给浏览器</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>; </source>
        <comment>list separator</comment>
        <translation>；</translation>
    </message>
    <message>
        <source>session {id}: {change}</source>
        <translation>会话 {id}：{change}</translation>
    </message>
    <message>
        <source>{carried}: the cookie carries only this id; the data stays here</source>
        <translation>{carried}：Cookie 只携带这个 ID；数据留在这里</translation>
    </message>
</context>
<context>
    <name>SessionStoreView</name>
    <message>
        <source>empty</source>
        <comment>session store</comment>
        <translation>空</translation>
    </message>
    <message>
        <source>1 session</source>
        <translation>1 个会话</translation>
    </message>
    <message>
        <source>{n} sessions</source>
        <translation>{n} 个会话</translation>
    </message>
    <message>
        <source>&lt;b&gt;Server session store&lt;/b&gt; ({count}) — the data stays on the server; the browser holds only the id, in a cookie</source>
        <translation>&lt;b&gt;服务器会话存储&lt;/b&gt;（{count}）— 数据留在服务器上；浏览器只在 Cookie 中保存 ID</translation>
    </message>
    <message>
        <source>Flask's signed session cookie</source>
        <translation>Flask 的签名会话 Cookie</translation>
    </message>
    <message>
        <source>No &lt;code&gt;session&lt;/code&gt; cookie is involved at this step.</source>
        <translation>此步不涉及 &lt;code&gt;session&lt;/code&gt; Cookie。</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>No session in this lesson: the server keeps no session store and no Flask session cookie is involved.</source>
        <translation>本课没有会话：服务器不保存会话存储，也不涉及 Flask 会话 Cookie。</translation>
    </message>
</context>
<context>
    <name>SlideWidget</name>
    <message>
        <source>step {n} of {total}</source>
        <translation>第 {n} 步（共 {total} 步）</translation>
    </message>
</context>
<context>
    <name>Stage</name>
    <message>
        <source>TCP state machines</source>
        <translation>TCP 状态机</translation>
    </message>
    <message>
        <source>HTTP · cookies · sessions</source>
        <translation>HTTP · Cookie · 会话</translation>
    </message>
    <message>
        <source>Server: WSGI call chain</source>
        <translation>服务器：WSGI 调用链</translation>
    </message>
</context>
<context>
    <name>StateDiagram</name>
    <message>
        <source>timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>snd {segment}</source>
        <translation>发送 {segment}</translation>
    </message>
    <message>
        <source>or {what}</source>
        <translation>或 {what}</translation>
    </message>
</context>
<context>
    <name>StateDiagramView</name>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>TCP states, RFC 9293 §3.3.2</source>
        <translation>TCP 状态机，RFC 9293 §3.3.2</translation>
    </message>
    <message>
        <source>- - ◉  to CLOSED on rcv RST, ABORT or user timeout</source>
        <translation>- - ◉  收到 RST、ABORT 或用户超时时进入 CLOSED</translation>
    </message>
    <message>
        <source>waiting in {state}</source>
        <translation>停留在 {state}</translation>
    </message>
    <message>
        <source>{event} refused: {error}</source>
        <translation>{event} 被拒绝：{error}</translation>
    </message>
    <message>
        <source>{event}: {state} → {next}</source>
        <translation>{event}：{state} → {next}</translation>
    </message>
    <message>
        <source>{event} (stays {state})</source>
        <translation>{event}（保持 {state}）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>StepHtml</name>
    <message>
        <source>Step {n} of {total}</source>
        <translation>第 {n} 步，共 {total} 步</translation>
    </message>
    <message>
        <source>Error returned to the application:</source>
        <translation>返回给应用的错误：</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>The numbers:</source>
        <translation>数值计算：</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>参考：</translation>
    </message>
    <message>
        <source>state</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
</context>
<context>
    <name>StepNotesPanel</name>
    <message>
        <source>A note for this step, kept with the capture or scenario (e.g. a question to ask the class)</source>
        <translation>这一步的备注，与抓包文件或场景一起保存（例如要向全班提出的问题）</translation>
    </message>
    <message>
        <source>Save notes</source>
        <translation>保存备注</translation>
    </message>
    <message>
        <source>Notes cannot be saved for this source.</source>
        <translation>此来源无法保存备注。</translation>
    </message>
    <message>
        <source>Notes not loaded: {reason}</source>
        <translation>未能载入备注：{reason}</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <source>Saved to {file}</source>
        <translation>已保存到 {file}</translation>
    </message>
    <message>
        <source>Teacher's note for this step</source>
        <translation>教师对这一步的备注</translation>
    </message>
    <message>
        <source>Teacher's note for step {n}</source>
        <translation>教师对第 {n} 步的备注</translation>
    </message>
</context>
<context>
    <name>TcpAnomaly</name>
    <message>
        <source>retransmission</source>
        <extracomment>``simulator.net.capture.tcp_anomalies.ANOMALY_NAMES`` values → what a learner reads (the names of Wireshark's expert notes, User's Guide 7.5 "TCP Analysis", in words).</extracomment>
        <translation>重传</translation>
    </message>
    <message>
        <source>fast retransmission</source>
        <translation>快速重传</translation>
    </message>
    <message>
        <source>spurious retransmission</source>
        <translation>伪重传</translation>
    </message>
    <message>
        <source>out-of-order</source>
        <translation>乱序</translation>
    </message>
    <message>
        <source>duplicate ACK</source>
        <translation>重复 ACK</translation>
    </message>
    <message>
        <source>zero window</source>
        <translation>零窗口</translation>
    </message>
    <message>
        <source>keep-alive</source>
        <translation>保活</translation>
    </message>
    <message>
        <source>window update</source>
        <translation>窗口更新</translation>
    </message>
    <message>
        <source>zero-window probe</source>
        <translation>零窗口探测</translation>
    </message>
</context>
<context>
    <name>TeacherTools</name>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Export ladder as {syntax}…</source>
        <translation>将时序图导出为 {syntax}…</translation>
    </message>
    <message>
        <source>Teacher's notes</source>
        <translation>教师备注</translation>
    </message>
    <message>
        <source>Show or hide a note for each step, saved beside the capture or scenario</source>
        <translation>显示或隐藏每一步的备注（保存在抓包文件或场景旁）</translation>
    </message>
</context>
<context>
    <name>TraceDialog</name>
    <message>
        <source>Trace a live request</source>
        <translation>实时跟踪一个请求</translation>
    </message>
    <message>
        <source>Send a real HTTP request to a real Flask app, served by Werkzeug's WSGI server on 127.0.0.1, and record every step it takes inside the server — from the bytes on the socket to your view and back.</source>
        <translation>向一个真实的 Flask 应用（由 Werkzeug 的 WSGI 服务器在 127.0.0.1 上提供服务）发送一个真实的 HTTP 请求，并记录它在服务器内部走过的每一步——从套接字上的字节到你的视图函数，再回来。</translation>
    </message>
    <message>
        <source>/  or  /?theme=dark  or  /login</source>
        <translation>/  或  /?theme=dark  或  /login</translation>
    </message>
    <message>
        <source>then send GET</source>
        <translation>然后发送 GET</translation>
    </message>
    <message>
        <source>with the cookies the response set</source>
        <translation>并带上响应设置的 Cookie</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Form data</source>
        <translation>表单数据</translation>
    </message>
    <message>
        <source>Next request</source>
        <translation>下一个请求</translation>
    </message>
    <message>
        <source>The bundled demo app (simulator/demo_app.py: hooks, a session, a cookie, an error handler)</source>
        <translation>自带的演示应用（simulator/demo_app.py：钩子、会话、一个 Cookie、一个错误处理函数）</translation>
    </message>
    <message>
        <source>My own Flask app file:</source>
        <translation>我自己的 Flask 应用文件：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>All layers on one timeline: TCP segments (simulated from the real bytes), HTTP, the call chain</source>
        <translation>所有层放在一条时间线上：TCP 报文段（根据真实字节模拟）、HTTP、调用链</translation>
    </message>
    <message>
        <source>Keep every Python frame (thousands of events) instead of the frames that teach</source>
        <translation>保留全部 Python 栈帧（数千个事件），而不只是有教学意义的栈帧</translation>
    </message>
    <message>
        <source> s</source>
        <comment>seconds, after a number</comment>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Time limit per request</source>
        <translation>每个请求的时间上限</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>跟踪</translation>
    </message>
    <message>
        <source>The app file is Python code and it will run: importing it and serving the request execute it with your rights. Trace only files you trust.</source>
        <translation>应用文件是 Python 代码，它会被运行：导入它并处理请求时，会以你的权限执行它。只跟踪你信任的文件。</translation>
    </message>
    <message>
        <source>Choose a Flask app file</source>
        <translation>选择一个 Flask 应用文件</translation>
    </message>
    <message>
        <source>Python files (*.py)</source>
        <translation>Python 文件 (*.py)</translation>
    </message>
    <message>
        <source>form data, e.g. user=ada</source>
        <translation>表单数据，例如 user=ada</translation>
    </message>
    <message>
        <source>optional form data, e.g. user=ada (sent as application/x-www-form-urlencoded)</source>
        <translation>可选的表单数据，例如 user=ada（以 application/x-www-form-urlencoded 发送）</translation>
    </message>
    <message>
        <source>The path must start with '/' (it is the request target, e.g. /login).</source>
        <translation>路径必须以“/”开头（它是请求目标，例如 /login）。</translation>
    </message>
    <message>
        <source>The next request's path must start with '/'.</source>
        <translation>下一个请求的路径必须以“/”开头。</translation>
    </message>
    <message>
        <source>Choose your app file, or pick the bundled demo app.</source>
        <translation>请选择你的应用文件，或者选用自带的演示应用。</translation>
    </message>
    <message>
        <source>No such file: {path}</source>
        <translation>没有这个文件：{path}</translation>
    </message>
    <message>
        <source>The app file must be a Python file (.py).</source>
        <translation>应用文件必须是 Python 文件（.py）。</translation>
    </message>
</context>
<context>
    <name>TraceJob</name>
    <message>
        <source> (+{n} more)</source>
        <translation>（另有 {n} 个）</translation>
    </message>
    <message>
        <source>the demo app</source>
        <translation>演示应用</translation>
    </message>
</context>
<context>
    <name>TraceLoader</name>
    <message>
        <source>unexpected error while tracing: {error}</source>
        <translation>跟踪时发生意外错误：{error}</translation>
    </message>
    <message>
        <source>{error} — the trace so far is shown</source>
        <translation>{error}——显示到目前为止的跟踪结果</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>First step (Home)</source>
        <translation>第一步（Home）</translation>
    </message>
    <message>
        <source>Step back (Left)</source>
        <translation>后退一步（←）</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暂停（空格）</translation>
    </message>
    <message>
        <source>Step forward (Right)</source>
        <translation>前进一步（→）</translation>
    </message>
    <message>
        <source>Last step (End)</source>
        <translation>最后一步（End）</translation>
    </message>
    <message>
        <source>Even steps: every step takes the same time.
Real timing: follow the timeline's own clock (a capture's timestamps),
scaled by the speed factor.</source>
        <translation>均匀步进：每一步用时相同。
真实时间：按时间线自身的时钟（抓包文件的时间戳）播放，
并乘以速度倍数。</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Scrub through the steps</source>
        <translation>拖动浏览各步</translation>
    </message>
    <message>
        <source>Step {n} / {total}</source>
        <translation>第 {n} / {total} 步</translation>
    </message>
    <message>
        <source>(next in {seconds} s)</source>
        <translation>（{seconds} 秒后下一步）</translation>
    </message>
</context>
<context>
    <name>WhatIfBanner</name>
    <message>
        <source>Back to the capture</source>
        <translation>回到抓包</translation>
    </message>
    <message>
        <source>Replay the captured connection again, as it happened</source>
        <translation>重新回放抓到的连接，即真实发生的情况</translation>
    </message>
    <message>
        <source>packet {number}</source>
        <translation>数据包 {number}</translation>
    </message>
    <message>
        <source>What-if: simulated from step {step}</source>
        <translation>假如：从第 {step} 步起为模拟</translation>
    </message>
    <message>
        <source>Steps 1 to {last} are the capture as replayed; then {lost} is lost and the TCP model runs both sides on.</source>
        <translation>第 1 至 {last} 步是抓包的回放；随后 {lost} 丢失，由 TCP 模型接着运行两端。</translation>
    </message>
</context>
<context>
    <name>WsgiPanel</name>
    <message>
        <source>No WSGI call chain in this lesson</source>
        <translation>本课没有 WSGI 调用链</translation>
    </message>
    <message>
        <source>This timeline stays on the wire: no request is followed inside the server.</source>
        <translation>这条时间线停留在线路上：没有跟进服务器内部的请求。</translation>
    </message>
    <message>
        <source>Choose &lt;i&gt;Flask 1.x classic&lt;/i&gt; or &lt;i&gt;Flask (installed) live&lt;/i&gt; in the &lt;i&gt;Scenario&lt;/i&gt; box,&lt;br&gt;or &lt;i&gt;Trace a live request…&lt;/i&gt; to send a real request to a real Flask app,&lt;br&gt;and this tab shows the server building &lt;code&gt;environ&lt;/code&gt;, Flask pushing its contexts,&lt;br&gt;running your hooks and view, and &lt;code&gt;start_response&lt;/code&gt; sending the status line back.</source>
        <translation>在&lt;i&gt;场景&lt;/i&gt;框中选择&lt;i&gt;Flask 1.x 经典调用链&lt;/i&gt;或&lt;i&gt;已安装的 Flask，实时跟踪&lt;/i&gt;，&lt;br&gt;或用&lt;i&gt;实时跟踪一个请求…&lt;/i&gt;向一个真实的 Flask 应用发送真实请求，&lt;br&gt;这个标签页就会显示服务器构建 &lt;code&gt;environ&lt;/code&gt;、Flask 压入它的上下文、&lt;br&gt;运行你的钩子和视图函数，以及 &lt;code&gt;start_response&lt;/code&gt; 把状态行送回。</translation>
    </message>
    <message>
        <source>&lt;i&gt;CGI vs FastCGI vs WSGI&lt;/i&gt; compares three ways of handing a request to a program.</source>
        <translation>&lt;i&gt;CGI、FastCGI 与 WSGI 对比&lt;/i&gt;比较了把请求交给程序的三种方式。</translation>
    </message>
    <message>
        <source>written from data: what Flask 1.x does (not installed, so not traced)</source>
        <translation>根据数据写成：Flask 1.x 的做法（未安装，所以不是跟踪得到的）</translation>
    </message>
    <message>
        <source>traced live: a real request to a real server on 127.0.0.1</source>
        <translation>实时跟踪：向 127.0.0.1 上的真实服务器发送的真实请求</translation>
    </message>
    <message>
        <source>app: {file}</source>
        <translation>应用：{file}</translation>
    </message>
    <message>
        <source>the trace stopped early</source>
        <translation>跟踪提前停止了</translation>
    </message>
    <message>
        <source>⚠ Incomplete trace: {problem}. The events recorded so far are shown.</source>
        <translation>⚠ 跟踪不完整：{problem}。下面显示到目前为止记录的事件。</translation>
    </message>
    <message>
        <source>Call chain</source>
        <translation>调用链</translation>
    </message>
    <message>
        <source>The functions the server runs for the request, the call stack and the source</source>
        <translation>服务器为这个请求运行的函数、调用栈和源代码</translation>
    </message>
    <message>
        <source>The WSGI environ, start_response and the bytes sent</source>
        <translation>WSGI 的 environ、start_response 和发送的字节</translation>
    </message>
    <message>
        <source>Contexts</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>Flask's app and request contexts, g and the session</source>
        <translation>Flask 的应用上下文和请求上下文、g 和会话</translation>
    </message>
    <message>
        <source>vs CGI / FastCGI</source>
        <translation>对比 CGI / FastCGI</translation>
    </message>
    <message>
        <source>What CGI and FastCGI would do at this point of the request</source>
        <translation>在请求的这一刻，CGI 和 FastCGI 会怎么做</translation>
    </message>
    <message>
        <source>&lt;b&gt;No request is inside the server at this step&lt;/b&gt; — it is on the wire (TCP). The call chain starts when the server reads the request's bytes.</source>
        <translation>&lt;b&gt;这一步没有请求在服务器内部&lt;/b&gt;——它还在线路上（TCP）。服务器读取请求的字节时，调用链才开始。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Request {n} of {total}&lt;/b&gt; (each on its own TCP connection)</source>
        <translation>&lt;b&gt;第 {n} 个请求，共 {total} 个&lt;/b&gt;（每个都有自己的 TCP 连接）</translation>
    </message>
</context>
</TS>