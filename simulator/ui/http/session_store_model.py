"""The server's session store at one step, as a Qt table model.

Theory of operation
-------------------
A server-side session (e.g. Flask-Session, or any framework's session table) is a dictionary
kept on the server, keyed by a random id; the browser only holds the id, in a cookie, and
sends it back on every request (RFC 6265 §3, "session identifiers"). Rows are the
``SessionEntry``s of ``step.http.sessions`` with their change since the previous step
(added / changed / removed, coloured as in the cookie jar). A row whose id travels in this
step's message is marked: in a request's Cookie header it picks the session the request is
served with; in a response's Set-Cookie it hands the id to the browser.

The model keeps only the snapshot it was given. Headers and the words it adds to cells are
English marked for translation (context ``SessionStoreModel``) and translated each time Qt
asks; the owning view calls ``retranslate`` on ``LanguageChange``. Session ids, cookie names
and the stored data stay as they are.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QFont
from werkzeug.http import parse_cookie

from simulator.models.http.snapshot import (
    Change,
    HttpSnapshot,
    MessageKind,
    SessionEntry,
)
from simulator.ui.common import palette
from simulator.ui.common.table_model import Column, ColumnTableModel
from simulator.ui.text.i18n import QT_TRANSLATE_NOOP

CHANGE_ROLE = Qt.ItemDataRole.UserRole + 1  # -> Change
CONTEXT = "SessionStoreModel"
COLUMNS = (Column(QT_TRANSLATE_NOOP("SessionStoreModel", "Session id (the cookie's value)")),
           Column(QT_TRANSLATE_NOOP("SessionStoreModel", "Data kept on the server")),
           Column(QT_TRANSLATE_NOOP("SessionStoreModel", "At this step")))
ID, DATA, USED = range(len(COLUMNS))
#: Every ``Change`` of a session, for the tooltip (tests check the table covers the enum).
CHANGE_WORD = {Change.ADDED: QT_TRANSLATE_NOOP("SessionStoreModel", "created by this step"),
               Change.CHANGED: QT_TRANSLATE_NOOP("SessionStoreModel", "changed by this step"),
               Change.REMOVED: QT_TRANSLATE_NOOP("SessionStoreModel", "deleted by this step"),
               Change.NONE: QT_TRANSLATE_NOOP("SessionStoreModel", "unchanged")}
#: ... and in the short form of the "At this step" column (NONE says nothing there).
CHANGE_SHORT = {Change.ADDED: QT_TRANSLATE_NOOP("SessionStoreModel", "created"),
                Change.CHANGED: QT_TRANSLATE_NOOP("SessionStoreModel", "changed"),
                Change.REMOVED: QT_TRANSLATE_NOOP("SessionStoreModel", "deleted")}


def _tr(text: str) -> str:
    """A string from the tables above, in the interface language."""
    return QCoreApplication.translate(CONTEXT, text)


def carried_ids(snapshot: HttpSnapshot | None) -> dict[str, tuple[MessageKind, str]]:
    """cookie value -> (kind of message, cookie name): how this step's message carries it, in
    the request's Cookie header (read with Werkzeug's parser) or a response's Set-Cookie (its
    first name=value pair). ``carried_text`` words it."""
    message = snapshot.message if snapshot is not None else None
    if message is None:
        return {}
    out: dict[str, tuple[MessageKind, str]] = {}
    if message.kind is MessageKind.REQUEST:
        for header in message.headers_named("cookie"):
            for name, value in parse_cookie(header).items(multi=True):
                out.setdefault(value, (MessageKind.REQUEST, name))
        return out
    for header in message.headers_named("set-cookie"):
        name, _, value = header.split(";", 1)[0].partition("=")
        if value.strip():
            out.setdefault(value.strip(), (MessageKind.RESPONSE, name.strip()))
    return out


def carried_text(carried: tuple[MessageKind, str]) -> str:
    """'← this request's cookie sid picks it' / '→ handed to the browser in Set-Cookie sid'."""
    kind, name = carried
    if kind is MessageKind.REQUEST:
        return QCoreApplication.translate(
            "SessionStoreModel", "← this request's cookie {name} picks it").format(name=name)
    return QCoreApplication.translate(
        "SessionStoreModel", "→ handed to the browser in Set-Cookie {name}").format(name=name)


def data_text(entry: SessionEntry) -> str:
    return ("\n".join(f"{k} = {v}" for k, v in entry.data)
            or QCoreApplication.translate("SessionStoreModel", "(empty)"))


class SessionStoreModel(ColumnTableModel[SessionEntry]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, CONTEXT, parent)
        self._carried: dict[str, tuple[MessageKind, str]] = {}

    def set_snapshot(self, snapshot: HttpSnapshot | None) -> None:
        self._carried = carried_ids(snapshot)
        self.set_rows(snapshot.sessions if snapshot is not None else ())

    def entry(self, row: int) -> SessionEntry:
        return self.rows[row]

    def row_of(self, session_id: str) -> int:
        return self.first_row(lambda e: e.session_id == session_id)

    def _carried_note(self, entry: SessionEntry) -> str | None:
        """How this step's message carries the session's id, or None."""
        carried = self._carried.get(entry.session_id)
        return carried_text(carried) if carried is not None else None

    def display_text(self, entry: SessionEntry, column: int) -> str:
        if column == ID:
            return entry.session_id
        if column == DATA:
            return data_text(entry)
        cookie = self._carried_note(entry)
        notes = [cookie] if cookie else []
        if entry.change in CHANGE_SHORT:
            notes.append(_tr(CHANGE_SHORT[entry.change]))
        return QCoreApplication.translate("SessionStoreModel", "; ", "list separator").join(
            notes)

    def tooltip_text(self, entry: SessionEntry, column: int) -> str:
        lines = [QCoreApplication.translate("SessionStoreModel", "session {id}: {change}")
                 .format(id=entry.session_id, change=_tr(CHANGE_WORD[entry.change]))]
        cookie = self._carried_note(entry)
        if cookie:
            lines.append(QCoreApplication.translate(
                "SessionStoreModel",
                "{carried}: the cookie carries only this id; the data stays here"
            ).format(carried=cookie))
        return "\n".join(lines)

    def role_data(self, entry: SessionEntry, column: int, role: int) -> Any:
        if role == CHANGE_ROLE:
            return entry.change
        if role == Qt.ItemDataRole.BackgroundRole:
            shade = palette.CHANGE_FILL.get(entry.change)
            return shade.pick(self.dark) if shade else None
        if role == Qt.ItemDataRole.FontRole:
            cookie = self._carried_note(entry)
            if cookie or entry.change is Change.REMOVED:
                font = QFont()
                font.setBold(bool(cookie))
                font.setStrikeOut(entry.change is Change.REMOVED and column != USED)
                return font
        return None
