"""The state diagram's arcs as the transition table gives them (RFC 9293 §3.3.2), and what
their labels say, in the interface language.

Theory of operation
-------------------
The arcs are *not* hand-made: ``table_arcs`` reads ``tcp.table.state_changing_arcs()`` and
groups the rows by (state, next), one arc per pair, labelled with its events and what is sent
(``arc_label_lines``), so the picture cannot disagree with the model. Arcs whose rows are only
resets, ABORTs or user timeouts (``MINOR_EVENTS``) into CLOSED are drawn as stubs
(``drawn_as_stub``); their labels summarise those events in one line.

Labels follow RFC 9293 figure 5's notation ("rcv SYN / snd SYN,ACK") in the interface
language: the event's words through the model-text catalogue ("rcv SYN" → "收到 SYN",
"passive OPEN" → "被动 OPEN"), "snd", "or" and "timeout" in the "StateDiagram" context. What
stays as the RFC writes it in every language: the flags (SYN, ACK, FIN, RST), the user calls
(OPEN, SEND, CLOSE, ABORT), 2·MSL and the state names.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QCoreApplication

from simulator.models.tcp import table as tcp_table
from simulator.models.tcp.states import Send, TcpEvent, TcpState
from simulator.models.tcp.table import Transition
from simulator.ui.text.i18n import QT_TRANSLATE_NOOP
from simulator.ui.text.model_text import model_tr

MINOR_EVENTS = {TcpEvent.RCV_RST, TcpEvent.ABORT, TcpEvent.TIMEOUT_USER}
_MINOR_SHORT = {TcpEvent.RCV_RST: "RST", TcpEvent.ABORT: "ABORT",
                TcpEvent.TIMEOUT_USER: QT_TRANSLATE_NOOP("StateDiagram", "timeout")}
SEND_SEPARATOR = " / "  # between the event and what is sent: where a label may break


def table_arcs() -> dict[tuple[TcpState, TcpState], list[Transition]]:
    """The table's state-changing rows grouped by (state, next), in table order."""
    groups: dict[tuple[TcpState, TcpState], list[Transition]] = defaultdict(list)
    for row in tcp_table.state_changing_arcs():
        groups[(row.state, row.next)].append(row)
    return groups


def drawn_as_stub(nxt: TcpState, rows: list[Transition]) -> bool:
    """Whether the arc into ``nxt`` is only resets, ABORTs or user timeouts into CLOSED."""
    return nxt is TcpState.CLOSED and all(r.event in MINOR_EVENTS for r in rows)


def event_text(event: TcpEvent) -> str:
    """The event as figure 5 words it, in the interface language ("rcv SYN", "收到 SYN")."""
    return model_tr(event.label)


def row_text(row: Transition) -> str:
    """One row as the RFC figure words it: 'rcv SYN / snd SYN,ACK' ('收到 SYN / 发送 SYN,ACK')."""
    event = event_text(row.event)
    if row.send is Send.NOTHING:
        return event
    sent = QCoreApplication.translate("StateDiagram", "snd {segment}").format(
        segment=model_tr(row.send.value))
    return f"{event}{SEND_SEPARATOR}{sent}"


def alternative(text: str) -> str:
    """'or rcv SYN,ACK': a further way along the same arc."""
    return QCoreApplication.translate("StateDiagram", "or {what}").format(what=text)


def arc_label_lines(rows: list[Transition]) -> list[str]:
    """One line per way along the arc ('rcv ACK of SYN', 'or rcv SYN,ACK'); resets, ABORTs and
    timeouts into CLOSED are summarised in one line ('or RST, ABORT, timeout')."""
    into_closed = all(r.next is TcpState.CLOSED for r in rows)
    major = list(dict.fromkeys(row_text(r) for r in rows
                               if r.event not in MINOR_EVENTS or not into_closed))
    minor = list(dict.fromkeys(QCoreApplication.translate("StateDiagram", _MINOR_SHORT[r.event])
                               for r in rows if r.event in MINOR_EVENTS and into_closed))
    lines = [alternative(text) if i else text for i, text in enumerate(major)]
    if minor:
        listed = ", ".join(minor)
        lines.append(alternative(listed) if major else listed)
    return lines


def taken_label_lines(rows: list[Transition]) -> list[str]:
    """What the arc just taken says: the rows that fired, not every way along the arc."""
    texts = list(dict.fromkeys(row_text(r) for r in rows))
    return [alternative(text) if i else text for i, text in enumerate(texts)]


def broken_lines(lines: list[str]) -> list[str]:
    """The same label on more, shorter lines: each broken after its ' / '."""
    out = []
    for line in lines:
        head, sep, tail = line.partition(SEND_SEPARATOR)
        out.extend([head + sep.rstrip(), tail] if sep else [line])
    return out


def row_tooltip(row: Transition) -> str:
    """'LISTEN → SYN-RECEIVED: rcv SYN / snd SYN,ACK  (§3.10.7.2)'."""
    return f"{row.state.rfc_name} → {row.next.rfc_name}: {row_text(row)}  ({row.rfc})"
