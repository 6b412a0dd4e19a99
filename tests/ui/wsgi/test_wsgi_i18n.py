"""The server-side views switch to Simplified Chinese while they show a step, and back: the
WSGI panel on the classic Flask 1.x chain (call stack, environ, contexts, banner, tabs), the
CGI vs FastCGI vs WSGI view's painted captions, and the "Trace a live request" dialog. Data
(function names, environ keys, statuses) stays as it is in both languages."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt

from simulator.models.lessons.text import Lang
from simulator.models.simulation.scenarios import build
from simulator.models.timeline.steps import Timeline
from simulator.models.wsgi.call_chain import FrameEventKind
from simulator.models.wsgi.gateways import Stage
from simulator.net.live.trace import LEARNER_CODE_WARNING, TraceRequest
from simulator.ui.text.i18n import set_language
from simulator.ui.wsgi.chain_stack_model import ChainStackModel
from simulator.ui.wsgi.environ_model import EnvironModel
from simulator.ui.wsgi.gateways_view import GatewaysView
from simulator.ui.wsgi.trace_dialog import TraceDialog
from simulator.ui.wsgi.trace_loader import TraceJob
from simulator.ui.wsgi.wsgi_panel import WsgiPanel

HAN = re.compile(r"[\u4e00-\u9fff]")


def _step_of(timeline: Timeline, function: str,
             kind: FrameEventKind = FrameEventKind.CALL) -> int:
    return next(s.index for s in timeline
                if s.wsgi is not None and s.wsgi.wire_index is None and s.wsgi.event is not None
                and s.wsgi.event.function.endswith(function) and s.wsgi.event.kind is kind)


def _english_again() -> None:
    set_language(Lang.EN)
    QCoreApplication.processEvents()


def _panel_texts(panel: WsgiPanel) -> dict[str, str]:
    chain = panel.chain_view
    model = chain.model
    top = model.index(model.rowCount() - 1)
    environ = panel.environ_panel
    return {
        "tab": panel.tabs.tabText(1), "tab tip": panel.tabs.tabToolTip(2),
        "banner": panel.banner.text(), "headline": chain.headline.text(),
        "stack": chain.stack_title.text(), "source": chain.source_title.text(),
        "legend": chain.legend.text(), "overview": chain.overview.toolTip(),
        "frame tip": str(model.data(top, Qt.ItemDataRole.ToolTipRole)),
        "phase": environ.phase.text(), "environ": environ.title.text(),
        "header": str(environ.model.headerData(0, Qt.Orientation.Horizontal)),
        "handshake": environ.handshake_text(), "contexts": panel.contexts_panel.text(),
    }


def test_the_wsgi_panel_switches_to_chinese_mid_chain_and_back(qtbot, classic, request):
    panel = WsgiPanel()
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    panel.set_timeline(classic)
    panel.set_cursor(_step_of(classic, "demo_app.index"))  # the view is called
    english = _panel_texts(panel)
    assert english["tab"] == "Contexts" and "CALL" in english["headline"]
    request.getfixturevalue("zh_interface")  # the switch, after the panel is built
    chinese = _panel_texts(panel)
    assert chinese["tab"] == "上下文"
    assert "对比 CGI" in chinese["tab tip"] or "CGI 和 FastCGI" in chinese["tab tip"]
    assert "根据数据写成" in chinese["banner"]
    assert "调用" in chinese["headline"] and "你的视图" in chinese["headline"]
    assert "demo_app" in chinese["headline"] or "index" in chinese["headline"]  # data kept
    assert "调用栈" in chinese["stack"] and "源代码" in chinese["source"]
    assert "谁的代码" in chinese["legend"] and "你的应用代码" in chinese["legend"]
    assert "整个请求" in chinese["overview"] and "当前栈帧" in chinese["frame tip"]
    assert "读取请求" in chinese["phase"]
    assert "服务器构建的" in chinese["environ"] and chinese["header"] == "键"
    assert "尚未调用" in chinese["handshake"]  # start_response comes after the view
    assert "start_response(status, response_headers)" in chinese["handshake"]
    assert "没有字节计数" in chinese["handshake"]  # the classic chain has no socket
    assert "Flask 的上下文" in chinese["contexts"] and "_request_ctx_stack" in chinese["contexts"]
    keys = panel.environ_panel.keys()
    assert "REQUEST_METHOD" in keys and "wsgi.version" in keys  # keys are not translated
    _english_again()
    assert _panel_texts(panel) == english


def test_the_wsgi_panel_placeholder_and_the_no_request_banner_switch(qtbot, request):
    panel = WsgiPanel()
    qtbot.addWidget(panel)
    panel.set_timeline(build("handshake-teardown"))
    assert "No WSGI call chain" in panel.placeholder.text()
    request.getfixturevalue("zh_interface")
    assert "本课没有 WSGI 调用链" in panel.placeholder.text()
    assert "<code>environ</code>" in panel.placeholder.text()


def test_the_environ_and_stack_models_repaint_their_words_on_a_switch(qtbot, classic,
                                                                      qtmodeltester):
    panel = WsgiPanel()
    qtbot.addWidget(panel)
    panel.set_timeline(classic)
    panel.set_cursor(_step_of(classic, "demo_app.index"))
    environ: EnvironModel = panel.environ_panel.model
    stack: ChainStackModel = panel.chain_view.model
    with qtbot.waitSignals([environ.headerDataChanged, environ.dataChanged,
                            stack.dataChanged], timeout=2000):
        set_language(Lang.ZH_CN)
        QCoreApplication.processEvents()
    try:
        assert [environ.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
            "键", "值", "含义"]
        row = environ.row_of("REQUEST_METHOD")
        tip = str(environ.index(row, 0).data(Qt.ItemDataRole.ToolTipRole))
        assert "REQUEST_METHOD = 'GET'" in tip and "CGI 变量，必需" in tip
        assert "定义于：RFC 3875" in tip
        qtmodeltester.check(environ)
        qtmodeltester.check(stack)
    finally:
        _english_again()
    assert environ.headerData(0, Qt.Orientation.Horizontal) == "Key"


def _image(view: GatewaysView):
    QCoreApplication.processEvents()
    return view.grab().toImage()


def test_the_gateways_views_painted_captions_switch_and_come_back(qtbot, request):
    view = GatewaysView()
    qtbot.addWidget(view)
    view.resize(960, 720)
    view.show()
    english, picture = view.captions(), _image(view)
    assert english[0].startswith("One request, three ways")
    assert view.stage is Stage.ARRIVES and english[1].startswith("Stage 1 of 6")
    request.getfixturevalue("zh_interface")
    chinese = view.captions()
    assert chinese[0].startswith("一个请求，三种方式") and "GET /" in chinese[0]
    assert chinese[1].startswith("第 1 阶段，共 6 个")
    assert "每个请求一个新进程" in chinese and "1 请求到达" in chinese
    assert _image(view) != picture  # repainted in Chinese
    _english_again()
    assert view.captions() == english
    assert _image(view) == picture


def _dialog_texts(dialog: TraceDialog) -> list[str]:
    return [dialog.windowTitle(), dialog.intro.text(), dialog.request_box.title(),
            dialog.app_box.title(), dialog.options_box.title(), dialog.follow.text(),
            dialog.follow_note.text(), dialog.demo.text(), dialog.own.text(),
            dialog.browse.text(), dialog.all_layers.text(), dialog.keep_all.text(),
            dialog.time_limit.suffix(), dialog.time_limit_label.text(),
            dialog.trace_button.text(), dialog.path.placeholderText(),
            dialog.data.placeholderText(), dialog.warning.text(), dialog.error.text(),
            *(label.text() for label in dialog.request_labels)]


def test_the_trace_dialog_switches_labels_warning_and_errors(qtbot, request):
    dialog = TraceDialog()
    qtbot.addWidget(dialog)
    dialog.own.setChecked(True)  # the red warning, and "choose your app file"
    dialog.show()
    english = _dialog_texts(dialog)
    assert LEARNER_CODE_WARNING in dialog.warning.text()  # the CLI's very words
    request.getfixturevalue("zh_interface")
    assert dialog.windowTitle() == "实时跟踪一个请求"
    assert dialog.trace_button.text() == "跟踪" and dialog.time_limit.suffix() == " 秒"
    assert "只跟踪你信任的文件" in dialog.warning.text()
    assert "请选择你的应用文件" in dialog.error.text()
    assert [label.text() for label in dialog.request_labels] == ["方法", "路径", "表单数据",
                                                                "下一个请求"]
    for _ in range(3):  # the relayout the new texts asked for
        QCoreApplication.processEvents()
    warning = dialog.warning  # Chinese breaks lines elsewhere: the dialog grew to show it all
    assert warning.height() >= warning.heightForWidth(warning.width())
    dialog.path.setText("login")  # a problem found while Chinese is on
    assert "路径必须以“/”开头" in dialog.error.text()
    dialog.path.setText("/")
    _english_again()
    assert _dialog_texts(dialog) == english


def test_a_trace_jobs_label_names_the_demo_app_in_the_interface_language(qtbot,
                                                                       zh_interface):
    job = TraceJob((TraceRequest(path="/"), TraceRequest(path="/?theme=dark")))
    assert job.label == "GET /（另有 1 个） → 演示应用"
