"""The capture's connection table as a Qt item model (STYLE.md: tables go through a model).

Rows are the index's ``Connection`` records; the model formats them and sorts numerically
through ``SORT_ROLE``. It keeps nothing but the list it was given.

Headers and the word cells (how a connection opened and closed) are English in the tables
below, marked with ``QT_TRANSLATE_NOOP`` and translated each time Qt asks (``headerData``,
``data``), so they follow the interface language; the owning view emits
``headerDataChanged``/``dataChanged`` (``retranslate``) when the language changes. Addresses,
ports, counts and flag names (RST, FIN) are data and stay as they are. The tooltip says how the
connection was oriented (English from ``simulator.net.capture.messages``, through
``translate_text``) and its Wireshark analysis flags in words (``anomaly_counts``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from simulator.net.capture.connection_table import Connection
from simulator.ui.common.table_model import Column, ColumnTableModel
from simulator.ui.text.catalogue_capture import anomaly_counts
from simulator.ui.text.i18n import QT_TRANSLATE_NOOP
from simulator.ui.text.model_text import translate_text

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
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


@dataclass(frozen=True, kw_only=True)
class ConnectionColumn(Column):
    """A column of the table: its header, the value it sorts by and the text it shows."""

    sort_key: Callable[[Connection], Any]
    text: Callable[[Connection], str]


COLUMNS = (
    ConnectionColumn("#", sort_key=lambda c: c.id, text=lambda c: str(c.id)),
    ConnectionColumn(QT_TRANSLATE_NOOP("ConnectionTableModel", "Client"),
                     sort_key=lambda c: c.client, text=lambda c: c.client),
    ConnectionColumn(QT_TRANSLATE_NOOP("ConnectionTableModel", "Server"),
                     sort_key=lambda c: c.server, text=lambda c: c.server),
    ConnectionColumn(QT_TRANSLATE_NOOP("ConnectionTableModel", "Packets"),
                     sort_key=lambda c: sum(c.packets), text=lambda c: f"{sum(c.packets)}"),
    ConnectionColumn(QT_TRANSLATE_NOOP("ConnectionTableModel", "Bytes"),
                     sort_key=lambda c: sum(c.bytes),
                     text=lambda c: f"{c.bytes[0]} / {c.bytes[1]}"),
    ConnectionColumn(QT_TRANSLATE_NOOP("ConnectionTableModel", "Start (s)"),
                     sort_key=lambda c: c.start, text=lambda c: f"{c.start:.3f}"),
    ConnectionColumn(QT_TRANSLATE_NOOP("ConnectionTableModel", "Duration (s)"),
                     sort_key=lambda c: c.duration, text=lambda c: f"{c.duration:.3f}"),
    ConnectionColumn(QT_TRANSLATE_NOOP("ConnectionTableModel", "Opened"),
                     sort_key=lambda c: c.opened, text=lambda c: word(c.opened)),
    ConnectionColumn(QT_TRANSLATE_NOOP("ConnectionTableModel", "Closed"),
                     sort_key=lambda c: c.closed, text=lambda c: word(c.closed)),
    ConnectionColumn(QT_TRANSLATE_NOOP("ConnectionTableModel", "Retrans."),
                     sort_key=lambda c: c.counts.get("retransmission", 0),
                     text=lambda c: str(c.counts.get("retransmission", 0))),
    ConnectionColumn(QT_TRANSLATE_NOOP("ConnectionTableModel", "Dup ACK"),
                     sort_key=lambda c: c.counts.get("duplicate_ack", 0),
                     text=lambda c: str(c.counts.get("duplicate_ack", 0))),
    ConnectionColumn(QT_TRANSLATE_NOOP("ConnectionTableModel", "Out of order"),
                     sort_key=lambda c: c.counts.get("out_of_order", 0),
                     text=lambda c: str(c.counts.get("out_of_order", 0))),
    ConnectionColumn("RST", sort_key=lambda c: c.counts.get("rst", 0),
                     text=lambda c: str(c.counts.get("rst", 0))),
)
#: The columns of words and addresses, left-aligned; the numbers are right-aligned.
TEXT_COLUMNS = (1, 2, 7, 8)


class ConnectionTableModel(ColumnTableModel[Connection]):
    def __init__(self, connections: Sequence[Connection] = (),
                 parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, CONTEXT, parent)
        self.set_rows(connections)

    def set_connections(self, connections: Sequence[Connection]) -> None:
        self.set_rows(connections)

    def connection(self, row: int) -> Connection:
        return self.rows[row]

    def display_text(self, conn: Connection, column: int) -> str:
        return COLUMNS[column].text(conn)

    def tooltip_text(self, conn: Connection, column: int) -> str:
        text = QCoreApplication.translate(
            "ConnectionTableModel",
            "{client} → {server}\nopened: {opened}, closed: {closed}\n"
            "orientation: {orientation} ({reason})").format(
            client=conn.client, server=conn.server, opened=word(conn.opened),
            closed=word(conn.closed), orientation=word(conn.orientation),
            reason=translate_text(conn.orientation_reason))
        flags = anomaly_counts(conn.counts)
        if flags:
            text += "\n" + QCoreApplication.translate(
                "ConnectionTableModel", "TCP analysis (as Wireshark): {flags}").format(flags=flags)
        return text

    def role_data(self, conn: Connection, column: int, role: int) -> Any:
        if role == SORT_ROLE:
            return COLUMNS[column].sort_key(conn)
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in TEXT_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
