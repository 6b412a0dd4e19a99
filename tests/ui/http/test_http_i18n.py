"""The HTTP · cookies · sessions panel follows the interface language, live.

Words the views add (banners, labels, headers, legends, verdicts) switch to Simplified Chinese
when the language changes after the widgets are built, and back to English; protocol data
(start lines, header names, cookie names and values) and the model's rule text stay as they
crossed the wire.
"""

from __future__ import annotations

import gzip
import json

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from simulator.models.http.snapshot import Change, HeaderLine, HttpSnapshot
from simulator.models.lessons.text import Lang
from simulator.models.simulation.scenarios import build
from simulator.ui.http import cookie_jar_model, cookie_jar_view, session_store_model
from simulator.ui.http.cookie_jar_model import NAME, SENT, VALUE, CookieJarModel
from simulator.ui.http.http_panel import HttpPanel
from simulator.ui.http.message_view import HttpMessageView
from simulator.ui.http.session_store_model import ID, USED, SessionStoreModel
from simulator.ui.http.session_store_view import SessionStoreView
from simulator.ui.text.i18n import set_language
from tests.ui.http.test_http_views import LOGIN_REPLY, PROFILE, flask_snapshot, response
from tests.ui.http.test_http_views import request as http_request

LOGIN_PROFILE_STEP = 24  # the login lesson's GET /profile: the jar sends sid, the store finds it
Horizontal = Qt.Orientation.Horizontal


def english() -> None:
    set_language(Lang.EN)
    QCoreApplication.processEvents()
    QCoreApplication.processEvents()  # the app re-posts LanguageChange to its windows


def chinese(request: pytest.FixtureRequest) -> None:
    """Switch now (the widgets already exist); the fixture switches back after the test."""
    request.getfixturevalue("zh_interface")
    QCoreApplication.processEvents()


def headers(model: CookieJarModel | SessionStoreModel) -> list[str]:
    return [model.headerData(c, Horizontal) for c in range(model.columnCount())]


@pytest.fixture
def login_panel(qtbot):
    panel = HttpPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 1100)
    timeline = build("login")
    step = timeline[LOGIN_PROFILE_STEP]
    assert step.http is not None and step.http.message is not None
    assert step.http.message.start_line == "GET /profile HTTP/1.1" and step.http.decisions
    panel.set_timeline(timeline)
    panel.set_cursor(LOGIN_PROFILE_STEP)
    return panel


def panel_words(panel: HttpPanel) -> dict[str, str]:
    jar, store = panel.jar_view, panel.session_view
    return {
        "message": panel.message_view.plain_text(),
        "jar headers": " | ".join(headers(jar.model)),
        "sent": jar.cell_text(0, SENT),
        "title": jar.title.text(),
        "caption": jar.caption.text(),
        "legend": jar.legend.text(),
        "store headers": " | ".join(headers(store.model)),
        "store title": store.title.text(),
        "used": store.cell_text(0, USED),
    }


def test_the_login_panel_switches_to_chinese_and_back_while_it_is_shown(login_panel,
                                                                          request):
    before = panel_words(login_panel)
    assert "REQUEST" in before["message"] and "Headers" in before["message"]
    assert before["jar headers"].startswith("Name | Sent on this request? | Value")
    chinese(request)
    zh = panel_words(login_panel)
    message = zh["message"]
    assert "请求" in message and "浏览器 → 服务器" in message and "REQUEST" not in message
    assert "首部" in message and "消息体" in message and "发送 Cookie sid = " in message
    assert "GET /profile HTTP/1.1" in message and "Cookie:" in message  # protocol data as is
    assert zh["jar headers"].startswith("名称 | 本次请求是否发送？ | 值")
    assert zh["sent"].startswith("✓ 发送")
    assert "与 /profile 路径匹配（§5.1.4）" in zh["sent"]  # the model's rule, translated
    assert "浏览器的 Cookie 存储" in zh["title"]
    assert "浏览器构建发往" in zh["caption"] and "1 个中有 1 个放入 Cookie 首部" in zh["caption"]
    assert "与上一步相比" in zh["legend"] and "新增" in zh["legend"] and "✗ 不发送" in zh["legend"]
    assert zh["store headers"] == "会话 ID（Cookie 的值） | 保存在服务器上的数据 | 本步"
    assert "服务器会话存储" in zh["store title"]
    assert zh["used"] == "← 本请求的 Cookie sid 选中了它"
    english()
    assert panel_words(login_panel) == before


def test_the_placeholder_of_a_tcp_lesson_switches_language(qtbot, request):
    panel = HttpPanel()
    qtbot.addWidget(panel)
    panel.set_timeline(build("handshake-teardown"))
    assert "No HTTP in this lesson" in panel.placeholder.text()
    chinese(request)
    assert "本课没有 HTTP" in panel.placeholder.text()
    assert "<i>场景</i>" in panel.placeholder.text()
    english()
    assert "No HTTP in this lesson" in panel.placeholder.text()


def test_body_labels_and_the_malformed_box_are_translated_but_the_data_is_not(qtbot, request):
    data = json.dumps({"user": "alice"}).encode()
    body = gzip.compress(data)
    views = [HttpMessageView() for _ in range(3)]
    for view in views:
        qtbot.addWidget(view)
    views[0].show_snapshot(HttpSnapshot(message=response(
        headers=(("Content-Type", "application/json"), ("Content-Encoding", "gzip"),
                 ("Transfer-Encoding", "chunked")), body=body, chunked=True)))
    views[1].show_snapshot(HttpSnapshot(message=http_request(
        "/x", None, start_line="GET /x HTTP/1.1 extra", headers=(HeaderLine("Host", "x"),),
        problems=("start line has 4 parts, expected 3 (RFC 9112 §3)",))))
    views[2].show_snapshot(HttpSnapshot(message=response(
        headers=(("Content-Type", "image/png"),), body=bytes(range(100)))))
    chinese(request)
    decoded, malformed, binary = (v.plain_text() for v in views)
    assert "以分块方式发送（Transfer-Encoding: chunked" in decoded
    assert f"已做 gzip 解码：{len(body)} → {len(data)} 字节" in decoded
    assert f"JSON · {len(data)} 字节" in decoded and '"user": "alice"' in decoded
    assert "⚠ 格式错误：start line has 4 parts" in malformed  # the parser's reason: model text
    assert "GET /x HTTP/1.1 extra" in malformed
    assert "二进制 · image/png · 100 字节" in binary and "… 还有 36 字节" in binary
    english()
    assert "⚠ malformed: start line" in views[1].plain_text()
    assert "binary · image/png · 100 bytes" in views[2].plain_text()


def test_set_cookie_attributes_and_the_jar_words_are_translated(qtbot, request):
    panel = HttpPanel()
    qtbot.addWidget(panel)
    panel.message_view.show_snapshot(LOGIN_REPLY)
    panel.jar_view.show_snapshot(LOGIN_REPLY, now=5.0)
    jar = panel.jar_view
    chinese(request)
    text = panel.message_view.plain_text()
    assert "保存 Cookie sid = 7f3a9c" in text and "删除 Cookie old" in text
    assert "Path=/ — 只发送给此路径之下的 URL" in text
    assert "HttpOnly — 对 JavaScript 的 document.cookie 不可见" in text
    assert "Set-Cookie:" in text and "HTTP/1.1 302 FOUND" in text
    assert "本步新增 <b>sid</b>" in jar.caption.text()
    row = jar.model.row_of("sid")
    assert jar.cell_text(row, 2) == "7f3a9c"  # the cookie's value is data
    assert jar.model.index(row, NAME).data(Qt.ItemDataRole.ToolTipRole).splitlines()[1] == (
        "由本步新增")
    jar.show_snapshot(PROFILE, now=5.0)
    assert jar.cell_text(jar.model.row_of("sid"), 3) == "shop.example（仅此主机）"
    assert jar.cell_text(jar.model.row_of("sid"), 5) == "会话"
    assert jar.cell_text(jar.model.row_of("theme"), 5) == "24 小时后（t = 86400 秒）"
    assert jar.cell_text(jar.model.row_of("admin_tab"), SENT).startswith(
        "✗ 不发送 — 路径 /admin 与 /profile 不满足路径匹配")


def test_the_flask_session_labels_and_verdicts_are_translated(qtbot, request):
    valid, forged = SessionStoreView(), SessionStoreView()
    for view in (valid, forged):
        qtbot.addWidget(view)
    valid.show_snapshot(flask_snapshot())
    forged.show_snapshot(flask_snapshot(tampered=True))
    chinese(request)
    text = valid.flask_text()
    assert "Flask 的签名会话 Cookie" in text and "✓ 签名有效" in text
    assert "载荷" in text and "时间戳" in text and "签名" in text
    assert "自 1970-01-01 起 1700000000 秒 = 2023-11-14 22:13:20 UTC" in text
    assert '"user": "alice"' in text
    forged_text = forged.flask_text()
    assert "✗ 签名校验失败" in forged_text and "不可信" in forged_text
    english()
    assert "✓ signature valid" in valid.flask_text()
    assert "✗ signature check FAILED" in forged.flask_text()


def test_the_item_models_stay_valid_and_repaint_headers_on_a_language_change(
        qtmodeltester, qtbot, request):
    jar, store = CookieJarModel(), SessionStoreModel()
    jar.set_snapshot(PROFILE, now=5.0)
    store.set_snapshot(LOGIN_REPLY)
    chinese(request)
    for model in (jar, store):
        qtmodeltester.check(model)
        with qtbot.waitSignals([model.headerDataChanged, model.dataChanged], timeout=0):
            model.retranslate()
    assert headers(jar)[NAME] == "名称" and headers(jar)[VALUE] == "值"
    assert headers(store)[ID] == "会话 ID（Cookie 的值）"
    assert store.index(store.row_of("7f3a9c"), USED).data() == (
        "→ 通过 Set-Cookie sid 交给浏览器；已创建")


def test_every_change_the_views_show_has_a_translation():
    """Change comes from the model: every value has an entry, and each entry is in the
    catalogue (so a new Change value cannot show up untranslated)."""
    shown = [c for c in Change if c is not Change.NONE]
    assert sorted(cookie_jar_view.CHANGE_WORDS) == sorted(c.value for c in shown)
    assert set(cookie_jar_model.CHANGE_WORD) == set(Change)
    assert set(session_store_model.CHANGE_WORD) == set(Change)
    assert set(session_store_model.CHANGE_SHORT) == set(shown)


def test_every_change_word_is_chinese_in_the_catalogue(zh_interface):
    tables = [("CookieJarView", list(cookie_jar_view.CHANGE_WORDS)),
              ("CookieJarModel", list(cookie_jar_model.CHANGE_WORD.values())),
              ("SessionStoreModel", list(session_store_model.CHANGE_WORD.values())
               + list(session_store_model.CHANGE_SHORT.values()))]
    for context, words in tables:
        for word in words:
            assert QCoreApplication.translate(context, str(word)) != word, (context, word)
    assert cookie_jar_view.change_word(Change.REMOVED) == "删除"


def test_a_refused_set_cookie_is_said_in_the_jar_caption_in_both_languages(qtbot, request):
    """A captured response whose cookie is for a public suffix (tests/data/hostile): the
    jar caption says which Set-Cookie was refused and the rule, then follows the language."""
    from simulator.models.http.snapshot import MessageKind
    from simulator.net.capture.index import build_index
    from simulator.net.http.capture_http import capture_http
    from tests.paths import ROOT

    path = ROOT / "tests" / "data" / "hostile" / "cookie-dates-and-paths.pcap"
    (steps,) = capture_http(build_index(str(path))).jars.values()
    response = next(s for s in steps if s.kind is MessageKind.RESPONSE).snapshot
    view = cookie_jar_view.CookieJarView()
    qtbot.addWidget(view)
    view.show_snapshot(response)
    assert "Domain=co.uk is on the Public Suffix List (publicsuffix.org)" in view.caption.text()
    assert "'wide=1' ignored" in view.caption.text()
    chinese(request)
    assert "Domain=co.uk 在公共后缀列表（publicsuffix.org）上" in view.caption.text()
    english()
    assert "'wide=1' ignored" in view.caption.text()
