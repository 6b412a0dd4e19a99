"""The capture's connection table as a Qt item model (STYLE.md: tables go through a model).

Rows are the index's ``Connection`` records; the model formats them and sorts numerically
through ``SORT_ROLE``. It keeps nothing but the list it was given.

Headers and the word cells (how a connection opened and closed) are English in the tables
below, marked with ``QT_TRANSLATE_NOOP`` and translated each time Qt asks (``headerData``,
``data``), so they follow the interface language; the owning view emits
``headerDataChanged``/``dataChanged`` (``retranslate``) when the language changes. Addresses,
ports, counts and flag names (RST, FIN) are data and stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from simulator.net.capture.connection_table import Connection
from simulator.ui.text.i18n import QT_TRANSLATE_NOOP

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
CONTEXT = "ConnectionTableModel"

#: ``Connection.opened`` / ``Connection.closed`` as a learner reads them. "rst" and "fin" are
#: the flags that closed the connection: shown as the flag names, in every language.
WORDS: dict[str, str] = {
    "handshake": QT_TRANSLATE_NOOP("ConnectionTableModel", "handshake"),
    "midstream": QT_TRANSLATE_NOOP("ConnectionTableModel", "midstream"),
    "open": QT_TRANSLATE_NOOP("ConnectionTableModel", "open"),
    "guess": QT_TRANSLATE_NOOP("ConnectionTableModel", "guess"),
    "rst": "RST",
    "fin": "FIN",
}


def word(value: str) -> str:
    """A word cell in the interface language (unknown values unchanged)."""
    return QCoreApplication.translate(CONTEXT, WORDS.get(value, value))


COLUMNS: tuple[tuple[str, Callable[[Connection], Any], Callable[[Connection], str]], ...] = (
    ("#", lambda c: c.id, lambda c: str(c.id)),
    (QT_TRANSLATE_NOOP("ConnectionTableModel", "Client"), lambda c: c.client,
     lambda c: c.client),
    (QT_TRANSLATE_NOOP("ConnectionTableModel", "Server"), lambda c: c.server,
     lambda c: c.server),
    (QT_TRANSLATE_NOOP("ConnectionTableModel", "Packets"), lambda c: sum(c.packets),
     lambda c: f"{sum(c.packets)}"),
    (QT_TRANSLATE_NOOP("ConnectionTableModel", "Bytes"), lambda c: sum(c.bytes),
     lambda c: f"{c.bytes[0]} / {c.bytes[1]}"),
    (QT_TRANSLATE_NOOP("ConnectionTableModel", "Start (s)"), lambda c: c.start,
     lambda c: f"{c.start:.3f}"),
    (QT_TRANSLATE_NOOP("ConnectionTableModel", "Duration (s)"), lambda c: c.duration,
     lambda c: f"{c.duration:.3f}"),
    (QT_TRANSLATE_NOOP("ConnectionTableModel", "Opened"), lambda c: c.opened,
     lambda c: word(c.opened)),
    (QT_TRANSLATE_NOOP("ConnectionTableModel", "Closed"), lambda c: c.closed,
     lambda c: word(c.closed)),
    (QT_TRANSLATE_NOOP("ConnectionTableModel", "Retrans."),
     lambda c: c.counts.get("retransmission", 0),
     lambda c: str(c.counts.get("retransmission", 0))),
    (QT_TRANSLATE_NOOP("ConnectionTableModel", "Dup ACK"),
     lambda c: c.counts.get("duplicate_ack", 0),
     lambda c: str(c.counts.get("duplicate_ack", 0))),
    (QT_TRANSLATE_NOOP("ConnectionTableModel", "Out of order"),
     lambda c: c.counts.get("out_of_order", 0),
     lambda c: str(c.counts.get("out_of_order", 0))),
    ("RST", lambda c: c.counts.get("rst", 0), lambda c: str(c.counts.get("rst", 0))),
)


class ConnectionTableModel(QAbstractTableModel):
    def __init__(self, connections: Sequence[Connection] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Connection] = list(connections)

    def set_connections(self, connections: Sequence[Connection]) -> None:
        self.beginResetModel()
        self._rows = list(connections)
        self.endResetModel()

    def retranslate(self) -> None:
        """The interface language changed: headers, word cells and tooltips repaint."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(COLUMNS) - 1),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole])

    def connection(self, row: int) -> Connection:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        conn = self._rows[index.row()]
        _, key, text = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text(conn)
        if role == SORT_ROLE:
            return key(conn)
        if role == Qt.ItemDataRole.ToolTipRole:
            # The orientation's reason is English text from simulator.net (no Qt there).
            return QCoreApplication.translate(
                "ConnectionTableModel",
                "{client} → {server}\nopened: {opened}, closed: {closed}\n"
                "orientation: {orientation} ({reason})").format(
                client=conn.client, server=conn.server, opened=word(conn.opened),
                closed=word(conn.closed), orientation=word(conn.orientation),
                reason=conn.orientation_reason)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() not in (1, 2, 7, 8):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return QCoreApplication.translate(CONTEXT, COLUMNS[section][0])
        return None
