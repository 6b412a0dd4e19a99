"""Where the session lives at the cursor: the server's store, and Flask's signed cookie.

Theory of operation
-------------------
HTTP is stateless (RFC 9110 §3.3); a session is state the *server* associates with a browser
through a cookie. Two designs are shown side by side with the cookie jar:

* a **server-side store** (``step.http.sessions``): the data stays on the server, the cookie
  only carries a random id. The table (``SessionStoreModel``) lists id → data with rows
  added / changed / removed since the previous step coloured as in the cookie jar, and marks
  the row whose id the current request carries.
* **Flask's signed cookie** (``step.http.flask_session``): the data travels *in* the cookie as
  ``payload.timestamp.signature`` (itsdangerous). The payload is only base64 — anyone can
  read it — but the HMAC signature can only be made with the server's SECRET_KEY, so an
  edited cookie fails the check (shown in red, with the reason) and Flask starts an empty
  session instead.

The view decides which parts to show from the whole timeline (a lesson with a store shows the
store on every step, even while it is still empty) and draws each step from ``step.http``,
keeping only the snapshot at the cursor (a ``CursorPanel``).
Every word it adds is translated at render time (contexts ``FlaskSessionHtml`` for the module
functions, ``SessionStoreView`` for the widget), and a ``LanguageChange`` re-renders the step;
the cookie value, the payload JSON and the verifier's reason (model text, ``model_tr``) are
shown as they are.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QTextBrowser, QWidget

from simulator.models.http.snapshot import Change, FlaskSessionView, HttpSnapshot
from simulator.models.limits import SHOWN_CHARACTERS
from simulator.models.timeline.steps import Step, Timeline
from simulator.ui.common import palette
from simulator.ui.common.column_layout import column_layout
from simulator.ui.common.cursor_panel import CursorPanel
from simulator.ui.common.rich_text import titled_note_html
from simulator.ui.common.table_view import keep_rows_in_view, readonly_table
from simulator.ui.http.message_view import cut_text
from simulator.ui.http.sampling import http_sample
from simulator.ui.http.session_store_model import SessionStoreModel
from simulator.ui.text.model_text import translate_text

_PART_COLOURS = (palette.REQUEST_TINT, palette.MUTED_INK, palette.NOT_SENT_INK)


def _pretty(payload: str) -> str:
    try:
        return json.dumps(json.loads(payload), indent=2, ensure_ascii=False)
    except ValueError:
        return payload


def _timestamp_text(timestamp: float | None) -> str:
    if timestamp is None:
        return "—"
    try:
        when = datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    except (OverflowError, OSError, ValueError):
        return QCoreApplication.translate("FlaskSessionHtml", "{t} (out of range)").format(
            t=f"{timestamp:g}")
    return QCoreApplication.translate(
        "FlaskSessionHtml", "{t} s since 1970-01-01 = {when} UTC (when the server signed it)"
    ).format(t=f"{timestamp:.0f}", when=when)


def _coloured_value(view: FlaskSessionView, dark: bool) -> str:
    """The raw cookie with payload / timestamp / signature in three colours."""
    value = view.cookie_value
    if len(value) > SHOWN_CHARACTERS:  # laid out whole, a hostile cookie freezes the window
        return escape(cut_text(value))
    prefix = "." if value.startswith(".") else ""
    parts = value[len(prefix):].split(".")
    if len(parts) != 3:
        return escape(value)
    spans = [f"<span style='color:{shade.pick(dark).name()}'>{escape(part)}</span>"
             for shade, part in zip(_PART_COLOURS, parts, strict=True)]
    return escape(prefix) + ".".join(spans)


def verdict_text(view: FlaskSessionView) -> str:
    reason = translate_text(view.reason)
    if view.verified is True:
        return QCoreApplication.translate(
            "FlaskSessionHtml",
            "✓ signature valid — {reason}. The server trusts this session data."
        ).format(reason=reason)
    if view.verified is False:
        return QCoreApplication.translate(
            "FlaskSessionHtml", "✗ signature check FAILED — {reason}. Flask ignores this "
            "cookie: the request gets an empty session.").format(reason=reason)
    return QCoreApplication.translate(
        "FlaskSessionHtml", "? not verified here — {reason}. Only the server, which knows "
        "SECRET_KEY, can check the signature.").format(reason=reason)


def _no_payload() -> str:
    return QCoreApplication.translate("FlaskSessionHtml", "(no payload)")


def flask_session_html(view: FlaskSessionView, dark: bool = False) -> str:
    muted = palette.MUTED_INK.pick(dark).name()
    payload_ink, _, sig_ink = (s.pick(dark).name() for s in _PART_COLOURS)
    if view.verified is True:
        ink = palette.SENT_INK.pick(dark).name()
        fill = palette.CHANGE_FILL[Change.ADDED].pick(dark).name()
    elif view.verified is False:
        ink, fill = palette.WARNING_INK.pick(dark).name(), palette.WARNING_FILL.pick(dark).name()
    else:
        ink, fill = muted, palette.REQUEST_FILL.pick(dark).name()
    if view.compressed:
        encoding = QCoreApplication.translate(
            "FlaskSessionHtml", "base64url JSON — zlib-compressed (the leading '.'), decoded "
            "below")
    else:
        encoding = QCoreApplication.translate("FlaskSessionHtml",
                                              "base64url JSON, decoded below")
    trust = ""
    if view.verified is False:
        claims = QCoreApplication.translate("FlaskSessionHtml",
                                            "— NOT trusted: what the cookie claims")
        trust = f" <b style='color:{ink}'>{escape(claims)}</b>"
    title = QCoreApplication.translate("FlaskSessionHtml", "Flask's signed session cookie")
    why = QCoreApplication.translate(
        "FlaskSessionHtml", "(the data travels in the cookie: anyone can read it, only the "
        "server's SECRET_KEY can sign it)")
    payload_word = QCoreApplication.translate("FlaskSessionHtml", "payload")
    timestamp_word = QCoreApplication.translate("FlaskSessionHtml", "timestamp")
    signature_word = QCoreApplication.translate("FlaskSessionHtml", "signature")
    hmac = QCoreApplication.translate(
        "FlaskSessionHtml",
        "HMAC of payload.timestamp with the server's key — only the server can make it")
    data_word = QCoreApplication.translate("FlaskSessionHtml", "Session data")
    return (
        titled_note_html(escape(title), why, dark)
        + f"<p style='margin:4px 0; font-family:monospace'>{_coloured_value(view, dark)}</p>"
        f"<table width='100%' cellpadding='6' cellspacing='0' border='1' "
        f"style='border-color:{ink}'><tr><td bgcolor='{fill}' style='color:{ink}; "
        f"font-size:large'><b>{escape(verdict_text(view))}</b></td></tr></table>"
        "<table cellspacing='0' cellpadding='2' style='margin-top:4px'>"
        f"<tr><td><b style='color:{payload_ink}'>{escape(payload_word)}</b></td>"
        f"<td>{escape(encoding)}</td></tr>"
        f"<tr><td><b style='color:{muted}'>{escape(timestamp_word)}</b></td>"
        f"<td>{escape(_timestamp_text(view.timestamp))}</td></tr>"
        f"<tr><td><b style='color:{sig_ink}'>{escape(signature_word)}</b></td>"
        f"<td>{escape(hmac)}</td></tr></table>"
        f"<p style='margin:6px 0 0 0'><b>{escape(data_word)}</b>{trust}</p>"
        f"<pre style='margin:2px 0'>"
        f"{escape(cut_text(_pretty(view.payload))) or escape(_no_payload())}"
        "</pre>"
    )


class SessionStoreView(CursorPanel[HttpSnapshot]):
    """The session store table and the Flask session panel, following the cursor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SessionStoreModel(self)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.table = readonly_table(self.model, self, min_rows=1)
        self.flask = QTextBrowser(self)
        self.flask.setOpenLinks(False)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        column_layout(self, self.title, (self.table, 1), (self.flask, 2), (self.empty, 1),
                      spacing=3)
        self._has_store: bool | None = None  # None: decide from each snapshot
        self._has_flask: bool | None = None
        self.show_snapshot(None)

    def set_timeline(self, timeline: Timeline) -> None:
        """Follow this timeline, showing the parts any of its steps uses on every step."""
        super().set_timeline(timeline)
        snaps = http_sample(timeline)
        self._has_store = any(s.sessions for s in snaps)
        self._has_flask = any(s.flask_session is not None for s in snaps)

    def snapshot_at(self, step: Step) -> HttpSnapshot | None:
        return step.http

    def show_snapshot(self, snapshot: HttpSnapshot | None) -> None:
        self.model.set_snapshot(snapshot)
        self._fit_table()
        super().show_snapshot(snapshot)

    def _fit_table(self) -> None:
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        keep_rows_in_view(self.table, 1)

    def redraw(self) -> None:
        snapshot = self.snapshot
        dark = palette.is_dark(self.palette())
        self.model.set_dark(dark)
        flask = snapshot.flask_session if snapshot is not None else None
        store = self._has_store if self._has_store is not None else bool(
            snapshot is not None and snapshot.sessions)
        show_flask = flask is not None or bool(self._has_flask)
        live = [e for e in (snapshot.sessions if snapshot else ()) if e.change is not
                Change.REMOVED]
        if not live:
            count = self.tr("empty", "session store")
        elif len(live) == 1:
            count = self.tr("1 session")
        else:
            count = self.tr("{n} sessions").format(n=len(live))
        self.title.setText(self.tr(
            "<b>Server session store</b> ({count}) — the data stays on the server; the browser "
            "holds only the id, in a cookie").format(count=escape(count)))
        self.title.setVisible(store)
        self.table.setVisible(store)
        self.flask.setVisible(show_flask)
        if flask is not None:
            self.flask.setHtml(flask_session_html(flask, dark))
        elif show_flask:
            title = self.tr("Flask's signed session cookie")
            none = self.tr("No <code>session</code> cookie is involved at this step.")
            self.flask.setHtml(f"<p><b>{escape(title)}</b></p><p><i>{none}</i></p>")
        self.empty.setVisible(not store and not show_flask)
        heading = self.tr("Sessions")
        why = self.tr("No session in this lesson: the server keeps no session store and no "
                      "Flask session cookie is involved.")
        self.empty.setText(f"<b>{escape(heading)}</b><br><i>{escape(why)}</i>")

    def retranslate(self) -> None:
        """The interface language changed: headers, word cells and texts in it."""
        self.model.retranslate()
        self._fit_table()
        self.redraw()

    def flask_text(self) -> str:
        return self.flask.toPlainText() if self.flask.isVisibleTo(self) else ""

    def cell_text(self, row: int, column: int) -> str:
        return str(self.model.index(row, column).data() or "")
