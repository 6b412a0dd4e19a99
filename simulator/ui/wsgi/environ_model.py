"""The WSGI ``environ`` at one step, as a Qt table model.

Theory of operation
-------------------
PEP 3333 makes the server hand the application one dict, ``environ``: the CGI meta-variables
of RFC 3875 §4.1 (REQUEST_METHOD, PATH_INFO, …), one ``HTTP_*`` variable per request header,
PEP 3333's own ``wsgi.*`` keys, and whatever the server adds. Rows are the chain's
``EnvironEntry``s (``simulator.models.wsgi.environ`` explains each key), in that order, and
only once the server has built the dict (``WsgiSnapshot.environ`` is empty before
``make_environ`` returns). Keys are in a monospace at the body size (``text_font``, asked
for at each paint, so it follows zoom); keys PEP 3333 requires are bold; the rows of each
family (CGI variable, HTTP header, wsgi.*, server extension) share a tint
(``CATEGORY_FILL``); a value ``wsgiref.validate`` objects to is marked ⚠ with the reason.
Tooltips cite the definition.

The model keeps only the rows it was given. Headers and the words it adds (the family, "required",
the tooltip's labels) are translated when asked for; the explanations come from the model and
go through ``translate_text``; keys and values are data and stay as they are. The owning view calls
``retranslate()`` on a language change so headers and cells repaint.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor

from simulator.models.wsgi.call_chain import EnvironCategory, EnvironEntry
from simulator.ui.common import palette
from simulator.ui.common.legibility import text_font
from simulator.ui.common.table_model import Column, ColumnTableModel
from simulator.ui.text.i18n import QT_TRANSLATE_NOOP
from simulator.ui.text.model_text import translate_text

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # -> EnvironEntry
COLUMNS = (Column(QT_TRANSLATE_NOOP("EnvironModel", "Key")),
           Column(QT_TRANSLATE_NOOP("EnvironModel", "Value")),
           Column(QT_TRANSLATE_NOOP("EnvironModel", "What it means")))
KEY, VALUE, MEANING = range(len(COLUMNS))
VALUE_CHARS = 90  # long values (a socket's repr) are cut in the cell, whole in the tooltip

CATEGORY_FILL: dict[EnvironCategory, palette.Shade] = {
    EnvironCategory.CGI: palette.Shade(QColor("#eef4fb"), QColor("#1c2833")),
    EnvironCategory.HTTP: palette.Shade(QColor("#fdf7e3"), QColor("#332d16")),
    EnvironCategory.WSGI: palette.Shade(QColor("#eef8ee"), QColor("#1b2e1c")),
    EnvironCategory.SERVER: palette.Shade(QColor("#f4f4f4"), QColor("#262626")),
}
# the families' names as the legend and the tooltips write them (the enum's English values)
CATEGORY_NAME: dict[EnvironCategory, str] = {
    EnvironCategory.CGI: QT_TRANSLATE_NOOP("EnvironModel", "CGI variable"),
    EnvironCategory.HTTP: QT_TRANSLATE_NOOP("EnvironModel", "HTTP header"),
    EnvironCategory.WSGI: QT_TRANSLATE_NOOP("EnvironModel", "wsgi.*"),
    EnvironCategory.SERVER: QT_TRANSLATE_NOOP("EnvironModel", "server extension"),
}


def category_text(category: EnvironCategory) -> str:
    return QCoreApplication.translate("EnvironModel", CATEGORY_NAME[category])


def value_text(entry: EnvironEntry) -> str:
    shown = repr(entry.value) if entry.python_type == "str" else entry.value
    if len(shown) > VALUE_CHARS:
        shown = shown[: VALUE_CHARS - 1] + "…"
    return shown if entry.python_type == "str" else f"{shown}  ({entry.python_type})"


def kind_text(entry: EnvironEntry) -> str:
    if entry.required:
        return QCoreApplication.translate("EnvironModel", "{family}, required").format(
            family=category_text(entry.category))
    return category_text(entry.category)


class EnvironModel(ColumnTableModel[EnvironEntry]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, "EnvironModel", parent)

    def set_entries(self, entries: tuple[EnvironEntry, ...]) -> None:
        if entries != self.rows:  # the same dict on most steps: keep the view as it is
            self.set_rows(entries)

    @property
    def entries(self) -> tuple[EnvironEntry, ...]:
        return self.rows

    def row_of(self, key: str) -> int:
        return self.first_row(lambda e: e.key == key)

    def display_text(self, entry: EnvironEntry, column: int) -> str:
        if column == KEY:
            return ("⚠ " if entry.problem else "") + entry.key
        if column == VALUE:
            return value_text(entry)
        return translate_text(entry.explanation)

    def tooltip_text(self, entry: EnvironEntry, column: int) -> str:
        lines = [f"{entry.key} = {entry.value!r} ({entry.python_type})",
                 kind_text(entry), translate_text(entry.explanation),
                 self.tr("Defined by: {reference}").format(reference=entry.reference),
                 self.tr("PEP 3333 requires it.") if entry.required else self.tr("Optional.")]
        if entry.problem:
            lines.append(f"⚠ wsgiref.validate: {entry.problem}")
        return "\n".join(lines)

    def role_data(self, entry: EnvironEntry, column: int, role: int) -> Any:
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.BackgroundRole:
            if entry.problem:
                return palette.WARNING_FILL.pick(self.dark)
            return CATEGORY_FILL[entry.category].pick(self.dark)
        if role == Qt.ItemDataRole.ForegroundRole and entry.problem and column in (KEY, VALUE):
            return palette.WARNING_INK.pick(self.dark)
        if role == Qt.ItemDataRole.FontRole and column == KEY:
            return text_font(mono=True, bold=entry.required)
        return None
