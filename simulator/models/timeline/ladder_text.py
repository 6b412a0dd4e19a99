"""The whole ladder as text: a Mermaid ``sequenceDiagram`` or a PlantUML sequence diagram.

Theory of operation. A teacher pastes the ladder into slides, a wiki or a Markdown file; both
tools draw a sequence diagram from text. We walk the Timeline's steps in order and, at the
step that sends a segment, write one message from its sender to its receiver, labelled like
the ladder: ``[SYN, ACK] seq=0 ack=1 len=0``, relative to the connection's initial sequence
numbers (RFC 9293 §3.4: numbers are only meaningful relative to the ISN; a sender with no
ISS yet, e.g. a closed port answering RST, is shown as it is, as the ladder does). A segment
that was lost gets the tools' "lost message" arrow (Mermaid ``-x``, PlantUML ``->x``).
Wherever an endpoint's state changes (RFC 9293 §3.3.2) a note over it names the new state;
an HTTP-layer step (RFC 9112) is a note with the message's start line. A timeline with more
than one TCP connection (HTTP/1.0, RFC 1945) gets a note where each connection starts.

Escaping: Mermaid ends a statement at ``;`` and reads ``#…;`` as an entity code, and both
tools treat some characters as markup; every label goes through one escaper per syntax, which
replaces those characters with the syntax's own numeric entity codes.
"""

from __future__ import annotations

import enum
import re

from simulator.models.tcp.phrase import Rendering
from simulator.models.timeline.numbers import segment_label
from simulator.models.timeline.steps import Fate, SegmentRecord, Step, StepKind, Timeline

ENDPOINTS = ("client", "server")


class LadderSyntax(enum.Enum):
    MERMAID = "mermaid"
    PLANTUML = "plantuml"


# Mermaid: message and note text stops at ';', '#' or a line end (its lexer), '#…;' is an
# entity code, '<'/'>' are read as HTML and '%%' starts a comment; in a participant alias a
# ':' or ',' also ends it. Numeric entity codes (#59;) are Mermaid's documented way to write
# such characters ("Entity codes to escape characters"), decoded anywhere in the diagram.
_MERMAID_ESCAPES = {"#": "#35;", ";": "#59;", "<": "#60;", ">": "#62;", "%": "#37;"}
_MERMAID_ALIAS_ESCAPES = {**_MERMAID_ESCAPES, ":": "#58;", ",": "#44;", "-": "#45;"}
# PlantUML: doubled creole markup ('**', '//', '__', '--', '~~', '""') changes the font,
# '<…>' is an HTML-like tag and a backslash starts an escape such as '\\n'. "&#NN;" is
# PlantUML's numeric character code, so '&' itself is written as one too.
_PLANTUML_ESCAPES = {"\\": "&#92;", "<": "&#60;", ">": "&#62;", "&": "&#38;"}
_PLANTUML_MARKUP = re.compile(r'([*/_\-~"])(?=\1)')  # the first of a doubled markup char
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def escape(text: str, syntax: LadderSyntax, alias: bool = False) -> str:
    """One line of label text that the syntax reads as plain text."""
    flat = _CONTROL.sub(" ", text).strip()  # a label is one line: CR/LF/TAB become spaces
    if syntax is LadderSyntax.MERMAID:
        table = _MERMAID_ALIAS_ESCAPES if alias else _MERMAID_ESCAPES
        return "".join(table.get(ch, ch) for ch in flat)
    out = "".join(_PLANTUML_ESCAPES.get(ch, ch) for ch in flat)
    return _PLANTUML_MARKUP.sub(lambda m: f"&#{ord(m.group(1))};", out)


def _label(timeline: Timeline, seg: SegmentRecord, relative: bool) -> str:
    text = segment_label(timeline, seg).text(Rendering(relative))
    extras = [word for word, on in (("retransmission", seg.retransmission),
                                    ("duplicate", seg.duplicate),
                                    ("LOST", seg.fate is Fate.LOST)) if on]
    return text + (f" ({', '.join(extras)})" if extras else "")


def _address(timeline: Timeline, endpoint: str, connection: int) -> str:
    for info in timeline.connections:
        if info.number == connection:
            return info.client_address if endpoint == "client" else info.server_address
    return timeline.addresses.get(endpoint, "")


class _Writer:
    def __init__(self, syntax: LadderSyntax) -> None:
        self.syntax = syntax
        self.lines: list[str] = []

    def e(self, text: str, alias: bool = False) -> str:
        return escape(text, self.syntax, alias)

    def participant(self, name: str, address: str) -> None:
        title = f"{name.capitalize()} {address}".strip()
        if self.syntax is LadderSyntax.MERMAID:
            self.lines.append(f"    participant {name} as {self.e(title, alias=True)}")
        else:
            self.lines.append(f'participant "{self.e(title)}" as {name}')

    def message(self, src: str, dst: str, text: str, lost: bool) -> None:
        if self.syntax is LadderSyntax.MERMAID:
            self.lines.append(f"    {src}{'-x' if lost else '->>'}{dst}: {self.e(text)}")
        else:
            self.lines.append(f"{src} {'->x' if lost else '->'} {dst} : {self.e(text)}")

    def note(self, over: tuple[str, ...], text: str) -> None:
        where = ",".join(over)
        if self.syntax is LadderSyntax.MERMAID:
            self.lines.append(f"    Note over {where}: {self.e(text)}")
        else:
            self.lines.append(f"note over {where} : {self.e(text)}")


def _http_note(step: Step) -> str | None:
    if step.kind is not StepKind.HTTP or step.http is None or step.http.message is None:
        return None
    who = "Browser" if step.actor == "client" else "Server app"
    return f"{who}: {step.http.message.start_line}"


def ladder_text(timeline: Timeline, syntax: LadderSyntax, relative: bool = True) -> str:
    """The whole timeline as one diagram in the syntax, ending with a newline."""
    out = _Writer(syntax)
    if syntax is LadderSyntax.MERMAID:
        out.lines.append("sequenceDiagram")
    else:
        out.lines.append("@startuml")
        out.lines.append(f"title {out.e(timeline.title)}")
    first_connection = timeline[0].connection if len(timeline) else 0
    for name in ENDPOINTS:
        out.participant(name, _address(timeline, name, first_connection))
    initial = dict(timeline.initial_states)
    for name in ENDPOINTS:
        out.note((name,), initial.get(name, "CLOSED").replace("_", "-"))
    by_id = {seg.id: seg for seg in timeline.segments}
    states = {name: initial.get(name, "CLOSED") for name in ENDPOINTS}
    connection = first_connection
    for step in timeline:
        if step.connection != connection:
            connection = step.connection
            out.note(ENDPOINTS, f"Connection {connection}: "
                                f"{_address(timeline, 'client', connection)} to "
                                f"{_address(timeline, 'server', connection)}")
        note = _http_note(step)
        if note is not None:
            out.note((step.actor,), note)
        for seg_id in step.sent:
            seg = by_id[seg_id]
            out.message(seg.src, seg.dst, _label(timeline, seg, relative),
                        seg.fate is Fate.LOST)
        for name in ENDPOINTS:
            state = step.snapshot(name).state.name
            if state != states[name]:
                states[name] = state
                out.note((name,), state.replace("_", "-"))
    if syntax is LadderSyntax.PLANTUML:
        out.lines.append("@enduml")
    return "\n".join(out.lines) + "\n"


def mermaid(timeline: Timeline, relative: bool = True) -> str:
    return ladder_text(timeline, LadderSyntax.MERMAID, relative)


def plantuml(timeline: Timeline, relative: bool = True) -> str:
    return ladder_text(timeline, LadderSyntax.PLANTUML, relative)
