"""The state diagram's arcs as the transition table gives them (RFC 9293 §3.3.2), and what
their labels say.

Theory of operation
-------------------
The arcs are *not* hand-made: ``table_arcs`` reads ``tcp.table.state_changing_arcs()`` and
groups the rows by (state, next), one arc per pair, labelled with its events and what is sent
(``arc_label``), so the picture cannot disagree with the model. Arcs whose rows are only
resets, ABORTs or user timeouts (``MINOR_EVENTS``) into CLOSED are drawn as stubs
(``drawn_as_stub``); their labels summarise those events in one line.

Words of the interface language (the "or" of arc labels, "timeout") are translated in the
"StateDiagram" context; the RFC figure's event vocabulary ("rcv SYN", "snd ACK") stays as
the RFC writes it.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict

from PySide6.QtCore import QCoreApplication

from simulator.models.tcp import table as tcp_table
from simulator.models.tcp.states import Send, TcpEvent, TcpState
from simulator.models.tcp.table import Transition
from simulator.ui.text.i18n import QT_TRANSLATE_NOOP

MINOR_EVENTS = {TcpEvent.RCV_RST, TcpEvent.ABORT, TcpEvent.TIMEOUT_USER}
_MINOR_SHORT = {TcpEvent.RCV_RST: "RST", TcpEvent.ABORT: "ABORT",
                TcpEvent.TIMEOUT_USER: QT_TRANSLATE_NOOP("StateDiagram", "timeout")}


def table_arcs() -> dict[tuple[TcpState, TcpState], list[Transition]]:
    """The table's state-changing rows grouped by (state, next), in table order."""
    groups: dict[tuple[TcpState, TcpState], list[Transition]] = defaultdict(list)
    for row in tcp_table.state_changing_arcs():
        groups[(row.state, row.next)].append(row)
    return groups


def drawn_as_stub(nxt: TcpState, rows: list[Transition]) -> bool:
    """Whether the arc into ``nxt`` is only resets, ABORTs or user timeouts into CLOSED."""
    return nxt is TcpState.CLOSED and all(r.event in MINOR_EVENTS for r in rows)


def row_text(row: Transition) -> str:
    """One row as the RFC figure words it: 'rcv SYN / snd SYN,ACK'."""
    text = row.event.label
    if row.send is not Send.NOTHING:
        text += f" / snd {row.send.value}"
    return text


def arc_label(rows: list[Transition], wrap: int = 0) -> str:
    """'rcv SYN / snd SYN,ACK'; resets, ABORTs and timeouts are summarised in one line."""
    into_closed = all(r.next is TcpState.CLOSED for r in rows)
    major = list(dict.fromkeys(row_text(r) for r in rows
                               if r.event not in MINOR_EVENTS or not into_closed))
    minor = list(dict.fromkeys(QCoreApplication.translate("StateDiagram", _MINOR_SHORT[r.event])
                               for r in rows if r.event in MINOR_EVENTS and into_closed))

    def alternative(text: str) -> str:
        return QCoreApplication.translate("StateDiagram", "or {what}").format(what=text)

    lines = [alternative(text) if i else text for i, text in enumerate(major)]
    if minor:
        listed = ", ".join(minor)
        lines.append(alternative(listed) if major else listed)
    if wrap:
        lines = [part for line in lines for part in textwrap.wrap(line, wrap)]
    return "\n".join(lines)
