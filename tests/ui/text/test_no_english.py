"""In Chinese, the window speaks Chinese: no English prose anywhere a learner can read it.

Wire tokens stay as they are on the wire or in the RFC (SYN, ACK, seq=1, Set-Cookie: sid,
ESTABLISHED, SEG.SEQ, GET /profile, environ keys, function names), and so does what scapy
dissects; but a sentence, or any run of plain English words, is a string that escaped
translation. Everything is gathered as it is shown: widget texts, text documents, table
cells, and the text our own views paint (captured from ``QPainter.drawText`` while the window
draws itself), in several situations: a TCP lesson, an HTTP scenario at a cookie, a replayed
capture with its packet details, the server's call chain, predict mode after an answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QMenu,
    QTabBar,
    QTextEdit,
    QWidget,
)

from simulator.models.lessons.text import Lang
from simulator.ui.app.main_window import MainWindow
from tests.paths import CAPTURES

#: Two or more plain lower-case English words in a row: prose that escaped translation.
PROSE = re.compile(r"(?<![\w./=&%-])([a-z]{2,})((?:(?:[ ,]|: )+[a-z]{2,}){1,})(?![\w./=(-])",
                   re.ASCII)  # ASCII: a Chinese character next to an English word is a boundary
#: Runs that are data, not prose: scapy's field names are shown as scapy writes them, a
#: capture's own words (the DVWA login form), the demo app's source code and values.
DATA = ("text/html", "keep-alive", "no-cache", "max-age", "utf-8", "gzip", "deflate",
        "application/x-www-form-urlencoded", "doctype html")
#: Views that show the packet as it is: scapy's dissection tree (kept in English, as in
#: Wireshark) and the bytes themselves.
AS_CAPTURED = ("HexView",)


def _items(window: QWidget) -> Iterator[str]:
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible() or _as_captured(widget):
            continue
        if isinstance(widget, QLabel):
            yield widget.text() if widget.textFormat() == Qt.TextFormat.PlainText \
                else re.sub(r"<[^>]+>", " ", widget.text())
        elif isinstance(widget, QAbstractButton | QComboBox):
            yield widget.currentText() if isinstance(widget, QComboBox) else widget.text()
        elif isinstance(widget, QTabBar):
            yield from (widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QTextEdit):
            yield widget.toPlainText()
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount(QModelIndex())):
                yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            for row in range(min(model.rowCount(QModelIndex()), 40)):
                for column in range(model.columnCount(QModelIndex())):
                    yield str(model.index(row, column).data() or "")


def _as_captured(widget: QWidget) -> bool:
    """The packet details' tree and bytes (their captions and messages are checked)."""
    if type(widget).__name__ in AS_CAPTURED:
        return True
    ancestor = widget.parentWidget()
    while ancestor is not None and isinstance(widget, QAbstractItemView):
        if type(ancestor).__name__ == "PacketDetailView":
            return True
        ancestor = ancestor.parentWidget()
    return False


def _painted(window: QWidget) -> list[str]:
    """The strings our own paint code draws while the window renders itself."""
    drawn: list[str] = []
    original = QPainter.drawText

    def spy(self: QPainter, *args: object) -> object:
        drawn.extend(a for a in args if isinstance(a, str))
        return original(self, *args)

    QPainter.drawText = spy  # type: ignore[method-assign]
    try:
        window.grab()
    finally:
        QPainter.drawText = original  # type: ignore[method-assign]
    return drawn


def _prose(texts: list[str]) -> list[str]:
    found = set()
    for text in texts:
        for match in PROSE.finditer(text):
            run = match.group(0)
            if not any(word in run for word in DATA):
                found.add(f"{run!r} in {text[:90]!r}")
    return sorted(found)


def _all_texts(window: MainWindow) -> list[str]:
    texts = list(_items(window))
    for menu in window.menuBar().findChildren(QMenu):
        texts.extend([menu.title(), *(a.text() for a in menu.actions())])
    for tab in range(window.stage.details.count()):
        if window.stage.details.isTabVisible(tab):
            window.stage.show_tab(tab)
            QApplication.processEvents()
            texts += list(_items(window)) + _painted(window)
    return texts


@pytest.fixture
def chinese_window(qtbot, zh_interface):
    def make(scenario: str = "handshake-teardown", step: int = 0) -> MainWindow:
        window = MainWindow(scenario, step, lang=Lang.ZH_CN)
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        qtbot.waitExposed(window)
        return window
    return make


def test_a_tcp_lesson_in_chinese_has_no_english_prose(chinese_window) -> None:
    window = chinese_window()
    window.lessons.set_language(Lang.ZH_CN)
    window.lessons.open_lesson("tcp-handshake-teardown", 3)
    QApplication.processEvents()
    assert _prose(_all_texts(window)) == []


@pytest.mark.parametrize(("scenario", "step"), [("login", 24), ("lost-data", 20),
                                                ("flask-session", 30), ("chunked", 12)])
def test_an_http_or_tcp_scenario_in_chinese_has_no_english_prose(chinese_window, scenario,
                                                                   step) -> None:
    window = chinese_window(scenario, step)
    assert _prose(_all_texts(window)) == []


def test_a_replayed_capture_in_chinese_has_no_english_prose(chinese_window, qtbot) -> None:
    window = chinese_window()
    capture = CAPTURES / "http-retrans-rst-keepalive--zeek--m57-long-49583-80.pcap"
    with qtbot.waitSignal(window.replay_loader.loaded, timeout=60_000):
        window.open_capture(str(capture))
    QApplication.processEvents()
    timeline = window.timeline
    noted = next(s.index for s in timeline if s.notes)  # a step with Wireshark-style notes
    window.player.seek(noted)
    QApplication.processEvents()
    assert _prose(_all_texts(window)) == []


def test_the_servers_call_chain_in_chinese_has_no_english_prose(chinese_window) -> None:
    window = chinese_window()
    window.scenario_box.setCurrentIndex(window.scenario_box.findData("wsgi:classic"))
    window.player.seek(len(window.timeline) // 2)
    QApplication.processEvents()
    assert _prose(_all_texts(window)) == []


def test_predict_after_an_answer_in_chinese_has_no_english_prose(chinese_window,
                                                                  qtbot) -> None:
    window = chinese_window()
    window.lessons.set_language(Lang.ZH_CN)
    window.commands.predict.setChecked(True)
    window.lessons.open_lesson("tcp-handshake-teardown", 0)
    panel = window.lessons.predict
    qtbot.waitUntil(lambda: panel.question is not None, timeout=10_000)
    panel.choose(0)
    QApplication.processEvents()
    assert _prose(_all_texts(window)) == []
