"""A Timeline as plain JSON-ready data, for scripts (``--export-json``).

Every step has the TCP keys; a step of an HTTP lesson adds ``layer``, ``connection`` and
``http`` (the message, the cookie jar with its decisions, the session store).

States use RFC 9293 names with underscores (SYN_SENT, FIN_WAIT_1, ...), flags Wireshark's
names. Explanations are written as the models have always written them, in English with
absolute sequence numbers (``tcp.phrase.english``); ``isn`` gives each side's ISN, from which
a script computes relative numbers. Pure: it returns a dict; the caller writes it.
"""

from __future__ import annotations

from typing import Any

from simulator.models.http.json_form import http_json
from simulator.models.tcp.phrase import english
from simulator.models.timeline.steps import SegmentRecord, Step, Timeline


def segment_json(seg: SegmentRecord) -> dict[str, Any]:
    return {
        "id": seg.id, "src": seg.src, "dst": seg.dst, "flags": seg.flags_text,
        "seq": seg.seq, "ack": seg.ack, "len": seg.length, "window": seg.window,
        "mss": seg.mss, "fate": seg.fate.value, "sent_at": seg.sent_at, "end_at": seg.end_at,
        "retransmission": seg.retransmission,
    }


def step_json(step: Step) -> dict[str, Any]:
    e = step.explanation
    out: dict[str, Any] = {
        "index": step.index,
        "time": round(step.time, 6),
        "kind": step.kind.name.lower(),
        "actor": step.actor,
        "segment": None if step.segment is None else segment_json(step.segment),
        "sent": list(step.sent),
        "client_state": step.client.state.name,
        "server_state": step.server.state.name,
        "transitions": [
            {"endpoint": t.endpoint, "from": t.row.state.name, "event": t.row.event.name,
             "to": t.row.next.name, "send": t.row.send.name, "rfc": t.row.rfc}
            for t in step.transitions],
        "error": step.error,
        "explanation": {"what": english(e.what), "why": e.why,
                        "arithmetic": [english(line) for line in e.arithmetic], "rfc": e.rfc},
    }
    if step.http is not None:
        out["layer"] = step.layer
        out["connection"] = step.connection
        out["http"] = http_json(step.http)
    return out


def timeline_json(timeline: Timeline) -> dict[str, Any]:
    return {
        "name": timeline.name,
        "title": timeline.title,
        "description": timeline.description,
        "addresses": timeline.addresses,
        "isn": timeline.isn,
        "client_states": timeline.states("client"),
        "server_states": timeline.states("server"),
        "steps": [step_json(s) for s in timeline.steps],
        "segments": [segment_json(s) for s in timeline.segments],
    }
