"""Text in the two languages the lessons speak: English and Simplified Chinese.

Theory of operation
-------------------
Every learner-facing sentence a lesson or the predict mode produces is a ``Text``: one value
holding both languages, so a lesson is complete only when both are there (the loader refuses
a text with one language missing) and switching language never needs the lesson again.
``Lang`` names the languages with the locale names Qt and gettext use (``en``, ``zh_CN``);
``lang_from_locale`` maps a system locale name (``zh_CN.UTF-8``, ``zh-Hans``, ``en_GB``) to
one of them. The models read no environment: the caller passes the locale name in.

The term tables at the end give the Chinese names of TCP events and of what a transition
sends; RFC 9293's state names (SYN-SENT, ESTABLISHED, ...) stay as the RFC spells them in
both languages, as Chinese textbooks do.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from simulator.models.tcp.states import Send, TcpEvent


class Lang(enum.Enum):
    EN = "en"
    ZH_CN = "zh_CN"

    @property
    def native_name(self) -> str:
        return "English" if self is Lang.EN else "简体中文"


LANGS: tuple[Lang, ...] = (Lang.EN, Lang.ZH_CN)


def parse_lang(name: str) -> Lang:
    """'en' or 'zh_CN' (also 'zh-CN', 'zh'); ValueError names the accepted values."""
    cleaned = name.strip().replace("-", "_")
    for lang in LANGS:
        if cleaned.lower() == lang.value.lower():
            return lang
    if cleaned.lower() == "zh":
        return Lang.ZH_CN
    raise ValueError(f"unknown language {name!r}; use one of: "
                     + ", ".join(lang.value for lang in LANGS))


def lang_from_locale(locale_name: str | None) -> Lang:
    """The lesson language for a system locale name: any Chinese locale gets Simplified
    Chinese (the only Chinese the lessons are written in); everything else English."""
    if not locale_name:
        return Lang.EN
    return Lang.ZH_CN if locale_name.strip().lower().startswith("zh") else Lang.EN


@dataclass(frozen=True)
class Text:
    """One sentence (or paragraph) in both languages."""

    en: str
    zh_CN: str

    def get(self, lang: Lang) -> str:
        return self.en if lang is Lang.EN else self.zh_CN

    @staticmethod
    def same(text: str) -> Text:
        """Text that reads the same in both languages (numbers, state names, code)."""
        return Text(text, text)

    def format(self, **values: object) -> Text:
        return Text(self.en.format(**values), self.zh_CN.format(**values))


# What happens to an endpoint, as the predict mode tells it (RFC 9293 §3.10 event names).
EVENT_NAMES: dict[TcpEvent, Text] = {
    TcpEvent.OPEN_ACTIVE: Text("calls active OPEN (connect)", "调用主动 OPEN（connect）"),
    TcpEvent.OPEN_PASSIVE: Text("calls passive OPEN (listen)", "调用被动 OPEN（listen）"),
    TcpEvent.SEND: Text("calls SEND", "调用 SEND 发送数据"),
    TcpEvent.CLOSE: Text("calls CLOSE", "调用 CLOSE 关闭"),
    TcpEvent.ABORT: Text("calls ABORT", "调用 ABORT 中止"),
    TcpEvent.RCV_SYN: Text("receives a SYN", "收到 SYN"),
    TcpEvent.RCV_SYN_ACK: Text("receives a SYN,ACK", "收到 SYN,ACK"),
    TcpEvent.RCV_ACK_OF_SYN: Text("receives the ACK of its SYN", "收到对自己 SYN 的确认（ACK）"),
    TcpEvent.RCV_ACK_OF_FIN: Text("receives the ACK of its FIN", "收到对自己 FIN 的确认（ACK）"),
    TcpEvent.RCV_FIN: Text("receives a FIN", "收到 FIN"),
    TcpEvent.RCV_FIN_ACK_OF_FIN: Text("receives a FIN that also acknowledges its own FIN",
                                      "收到一个 FIN，它同时确认了自己的 FIN"),
    TcpEvent.RCV_SEGMENT: Text("receives a data/ACK segment", "收到数据或 ACK 报文段"),
    TcpEvent.RCV_RST: Text("receives an RST", "收到 RST"),
    TcpEvent.RCV_RST_IN_WINDOW: Text("receives an RST inside the window (not exact)",
                                     "收到窗口内但序号不精确的 RST"),
    TcpEvent.RCV_RST_IGNORED: Text("receives an unacceptable RST", "收到不可接受的 RST"),
    TcpEvent.RCV_OUT_OF_WINDOW: Text("receives a segment outside the window",
                                     "收到序号在接收窗口之外的报文段"),
    TcpEvent.RCV_BAD_ACK: Text("receives an unacceptable ACK", "收到不可接受的 ACK"),
    TcpEvent.TIMEOUT_RETRANSMISSION: Text("has its retransmission timer expire",
                                          "重传定时器超时"),
    TcpEvent.TIMEOUT_USER: Text("gives up after too many retransmissions",
                                "重传次数过多，放弃连接"),
    TcpEvent.TIMEOUT_TIME_WAIT: Text("has its 2·MSL timer expire", "2·MSL 定时器到期"),
}

SEND_NAMES: dict[Send, Text] = {
    Send.NOTHING: Text("sends nothing", "什么也不发送"),
    Send.SYN: Text("sends SYN", "发送 SYN"),
    Send.SYN_ACK: Text("sends SYN,ACK", "发送 SYN,ACK"),
    Send.ACK: Text("sends ACK", "发送 ACK"),
    Send.FIN: Text("sends FIN", "发送 FIN"),
    Send.RST: Text("sends RST", "发送 RST"),
    Send.DATA: Text("sends data", "发送数据"),
    Send.RETRANSMIT: Text("retransmits", "重传"),
}

ENDPOINT_NAMES: dict[str, Text] = {
    "client": Text("the client", "客户端"),
    "server": Text("the server", "服务器"),
    "browser": Text("the browser", "浏览器"),
}


def endpoint_name(name: str) -> Text:
    return ENDPOINT_NAMES.get(name, Text.same(name))
