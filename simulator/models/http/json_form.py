"""An HttpSnapshot as plain JSON-ready data (``--export-json`` of an HTTP lesson).

Pure: it returns a dict; the caller writes it. Bodies are summarised (length and, for text, a
short preview) rather than dumped, so a timeline of a large download stays readable.
"""

from __future__ import annotations

from typing import Any

from simulator.models.http.snapshot import HttpMessage, HttpSnapshot

BODY_PREVIEW = 200


def message_json(message: HttpMessage) -> dict[str, Any]:
    try:
        preview: str | None = message.body[:BODY_PREVIEW].decode("utf-8")
    except UnicodeDecodeError:
        preview = None  # binary or compressed: the length says enough
    return {
        "kind": message.kind.value,
        "start_line": message.start_line,
        "headers": [[h.name, h.value] for h in message.headers],
        "body_length": len(message.body),
        "body_preview": preview,
        "chunked": message.chunked,
        "complete": message.complete,
        "problems": list(message.problems),
        "connection": message.connection,
        "exchange": message.exchange,
    }


def http_json(snapshot: HttpSnapshot) -> dict[str, Any]:
    fs = snapshot.flask_session
    return {
        "message": None if snapshot.message is None else message_json(snapshot.message),
        "request_url": snapshot.request_url,
        "jar": [
            {"name": c.name, "value": c.value, "domain": c.domain, "path": c.path,
             "host_only": c.host_only, "expires": c.expires, "secure": c.secure,
             "http_only": c.http_only, "same_site": c.same_site, "change": c.change.value}
            for c in snapshot.jar],
        "decisions": [
            {"name": d.name, "domain": d.domain, "path": d.path, "sent": d.sent, "rule": d.rule}
            for d in snapshot.decisions],
        "sessions": [
            {"session_id": s.session_id, "data": dict(s.data), "change": s.change.value}
            for s in snapshot.sessions],
        "flask_session": None if fs is None else {
            "payload": fs.payload, "compressed": fs.compressed, "timestamp": fs.timestamp,
            "signature": fs.signature, "verified": fs.verified, "reason": fs.reason},
        "ignored": list(snapshot.ignored),
    }
