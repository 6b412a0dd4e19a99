"""The message view's warning box says why a message could not be fully understood in the
interface language: the parsers' problems (``simulator.models.http.problems``, h11's refusals
they quote) are Chinese in Chinese, with the message's own bytes, header names and numbers
kept as they crossed the wire, and follow a language switch."""

from __future__ import annotations

import re

import pytest

from simulator.models.http.snapshot import HttpMessage, HttpSnapshot, MessageKind
from simulator.models.http.tolerant_parser import parse_bytes
from simulator.ui.http.message_view import HttpMessageView

# A request a capture might hold: a header line without a colon, a folded line, a name that is
# no token, a body cut short by the end of the capture.
MALFORMED = (b"POST /login HTTP/1.1\r\nHost: example.org\r\nNo colon here\r\n folded\r\n"
             b"Bad Name: 1\r\nContent-Length: 40\r\n\r\nuser=alice")
# A lower-case word: a sentence of ours left English (ASCII: a Chinese character is a boundary)
ENGLISH = re.compile(r"\b[a-z]{3,}\b", re.ASCII)


def _malformed() -> HttpMessage:
    (parsed,) = parse_bytes(MessageKind.REQUEST, MALFORMED, closed=False).messages
    return parsed.message


def _warnings(view: HttpMessageView) -> list[str]:
    return [line for line in view.plain_text().splitlines() if line.startswith("⚠")]


@pytest.fixture
def view(qtbot) -> HttpMessageView:
    widget = HttpMessageView()
    qtbot.addWidget(widget)
    widget.show_snapshot(HttpSnapshot(message=_malformed()))
    return widget


def test_the_warning_box_lists_each_problem_in_english(view) -> None:
    lines = _warnings(view)
    assert "⚠ malformed: line 3 is not a header field (no colon): 'No colon here'" in lines
    assert "⚠ malformed: truncated body: 10 of 40 bytes before the stream ends" in lines
    assert len(lines) == len(_malformed().problems) >= 4


@pytest.mark.usefixtures("zh_interface")
def test_the_warning_box_is_chinese_with_the_bytes_kept(view) -> None:
    lines = _warnings(view)
    assert "⚠ 格式错误：第 3 行不是首部字段（没有冒号）：'No colon here'" in lines
    assert "⚠ 格式错误：消息体被截断：字节流结束前只收到 40 字节中的 10 字节" in lines
    assert "⚠ 格式错误：第 4 行接续上一个首部（已废弃的折行写法）" in lines
    quoted = re.compile(r"(bytearray\()?b?'[^']*'\)?")  # the message's own bytes
    assert [line for line in lines if ENGLISH.search(quoted.sub("", line))] == []
