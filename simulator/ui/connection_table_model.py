"""The capture's connection table as a Qt item model (STYLE.md: tables go through a model).

Rows are the index's ``Connection`` records; the model formats them and sorts numerically
through ``SORT_ROLE``. It keeps nothing but the list it was given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from simulator.net.capture_index import Connection

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[tuple[str, Callable[[Connection], Any], Callable[[Connection], str]], ...] = (
    ("#", lambda c: c.id, lambda c: str(c.id)),
    ("Client", lambda c: c.client, lambda c: c.client),
    ("Server", lambda c: c.server, lambda c: c.server),
    ("Packets", lambda c: sum(c.packets), lambda c: f"{sum(c.packets)}"),
    ("Bytes", lambda c: sum(c.bytes), lambda c: f"{c.bytes[0]} / {c.bytes[1]}"),
    ("Start (s)", lambda c: c.start, lambda c: f"{c.start:.3f}"),
    ("Duration (s)", lambda c: c.duration, lambda c: f"{c.duration:.3f}"),
    ("Opened", lambda c: c.opened, lambda c: c.opened),
    ("Closed", lambda c: c.closed, lambda c: c.closed),
    ("Retrans.", lambda c: c.counts.get("retransmission", 0),
     lambda c: str(c.counts.get("retransmission", 0))),
    ("Dup ACK", lambda c: c.counts.get("duplicate_ack", 0),
     lambda c: str(c.counts.get("duplicate_ack", 0))),
    ("Out of order", lambda c: c.counts.get("out_of_order", 0),
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
            return (f"{conn.client} → {conn.server}\nopened: {conn.opened}, closed: "
                    f"{conn.closed}\norientation: {conn.orientation} "
                    f"({conn.orientation_reason})")
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() not in (1, 2, 7, 8):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section][0]
        return None
