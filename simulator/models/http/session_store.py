"""A server-side session store: the server remembers, the cookie only carries a key.

Theory of operation
-------------------
HTTP is stateless (RFC 9110 §3.3); a server that wants to remember a visitor keeps the data
itself, under a *session id*, and gives the browser only the id in a cookie (RFC 6265 §3:
"the server can use the cookie to ... maintain a session"). The id is the whole secret: whoever
presents it is that user, so real frameworks draw it from a cryptographic random source
(OWASP: at least 64 bits of entropy). Models here are deterministic, so ``SessionStore`` makes
ids from a keyed hash (BLAKE2b, RFC 7693) of a seed and a counter, base64url-encoded like
Python's ``secrets.token_urlsafe(24)``: they look like real ids and every run shows the same.

``entries`` shows the store; ``mark_session_changes`` compares two of those views, so a view
can highlight what a step added, changed or removed.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import replace

from simulator.models.http.snapshot import Change, SessionEntry

__all__ = ["SessionStore", "mark_session_changes"]


class SessionStore:
    """Sessions keyed by id; each session is a small mapping of text to text."""

    def __init__(self, seed: str = "protocol-simulator sessions") -> None:
        self._key = hashlib.blake2b(seed.encode(), digest_size=32).digest()
        self._counter = 0
        self._sessions: dict[str, dict[str, str]] = {}

    def new_id(self) -> str:
        """The next session id: 24 bytes (192 bits) from a keyed hash, base64url, 32 chars."""
        self._counter += 1
        digest = hashlib.blake2b(self._counter.to_bytes(8, "big"), key=self._key,
                                 digest_size=24).digest()
        return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")

    def create(self, data: Mapping[str, str]) -> str:
        session_id = self.new_id()
        self._sessions[session_id] = dict(data)
        return session_id

    def get(self, session_id: str | None) -> dict[str, str] | None:
        """The session's data (a copy), or None if there is no such session."""
        if session_id is None or session_id not in self._sessions:
            return None
        return dict(self._sessions[session_id])

    def update(self, session_id: str, data: Mapping[str, str]) -> None:
        if session_id not in self._sessions:
            raise KeyError(f"no session {session_id!r}")
        self._sessions[session_id].update(data)

    def delete(self, session_id: str | None) -> bool:
        """Forget a session (logout); True if there was one."""
        return self._sessions.pop(session_id, None) is not None if session_id else False

    def entries(self) -> tuple[SessionEntry, ...]:
        return tuple(SessionEntry(sid, tuple(sorted(data.items())))
                     for sid, data in self._sessions.items())


def mark_session_changes(before: Sequence[SessionEntry],
                         after: Sequence[SessionEntry]) -> tuple[SessionEntry, ...]:
    """``after`` with each entry's change since ``before``; removed entries stay in place,
    marked REMOVED; new ones come last, ADDED."""
    current = {e.session_id: replace(e, change=Change.NONE) for e in after}
    out: list[SessionEntry] = []
    for entry in before:
        entry = replace(entry, change=Change.NONE)
        new = current.pop(entry.session_id, None)
        if new is None:
            out.append(replace(entry, change=Change.REMOVED))
        else:
            out.append(replace(new, change=Change.NONE if new == entry else Change.CHANGED))
    out.extend(replace(e, change=Change.ADDED) for e in current.values())
    return tuple(out)
