"""The capture panel: the connection table (sortable, filterable) and the file's warnings.

Choosing a row emits ``connection_chosen(id)``; the window replays that connection.

Every text the panel writes goes through ``self.tr`` in ``retranslate`` / ``_show_summary``,
which run again on ``QEvent.LanguageChange``; the table model's headers and word cells are
translated when Qt asks for them, and ``retranslate`` tells the view to ask again. The
capture's own warnings are English from ``simulator.net.capture.messages`` (no Qt there):
``warning_lines`` says them in the interface language (``translate_text``), values kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QEvent, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QVBoxLayout, QWidget

from simulator.net.capture.index import CaptureIndex
from simulator.ui.capture.connection_table_model import SORT_ROLE, ConnectionTableModel
from simulator.ui.common.table_view import readonly_table
from simulator.ui.text.i18n import is_language_change
from simulator.ui.text.model_text import translate_text

#: Rows measured to size the table's columns (``QHeaderView.setResizeContentsPrecision``).
SIZING_SAMPLE = 200


@dataclass(frozen=True)
class _Summary:
    """What the summary line says about the open capture (kept to re-say it in another
    language)."""

    name: str
    packets: int
    connections: int


class CapturePanel(QWidget):
    connection_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        layout.addWidget(self.filter_edit)
        self.model = ConnectionTableModel(parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = readonly_table(self.proxy, self, pickable=True, min_rows=4)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        # Columns sized once per capture (and language) from the rows around the top, not
        # re-measured over every row on each change: ResizeToContents asked for every cell
        # of a large capture's table on the GUI thread (~2 s for 1,078 rows, issue 14).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(SIZING_SAMPLE)
        self.table.activated.connect(self._on_activated)
        self.table.clicked.connect(self._on_activated)
        layout.addWidget(self.table, 1)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a5a00;")
        layout.addWidget(self.warnings)
        self._summary: _Summary | None = None
        self._warnings: tuple[str, ...] = ()
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text the panel writes in the interface language."""
        self.filter_edit.setPlaceholderText(
            self.tr("Filter connections (address, port, handshake, RST, FIN, …)"))
        self.filter_edit.setToolTip(self.tr(
            "Shows only the connections with this text in any column"))
        self.table.setToolTip(self.tr("Click a connection to replay it step by step"))
        self.model.retranslate()
        self._show_summary()
        self._show_warnings()
        self.table.resizeColumnsToContents()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def _show_summary(self) -> None:
        s = self._summary
        if s is None:
            self.summary.setText(self.tr("No capture open: File → Open capture… lists its "
                                         "TCP connections here."))
            return
        self.summary.setText(self.tr("<b>{name}</b>: {packets} packets, {connections} TCP "
                                     "connection(s). Choose one to replay it.").format(
            name=s.name, packets=s.packets, connections=s.connections))

    def set_index(self, index: CaptureIndex) -> None:
        self.model.set_connections(index.connections)
        self.table.resizeColumnsToContents()
        self._summary = _Summary(index.path.rsplit("/", 1)[-1], index.packet_count,
                                 len(index.connections))
        self._show_summary()
        self._warnings = tuple(index.warnings)
        self._show_warnings()

    def warning_lines(self) -> list[str]:
        """The open capture's warnings in the interface language (for a dialog too)."""
        return [translate_text(w) for w in self._warnings]

    def _show_warnings(self) -> None:
        self.warnings.setText("<br>".join(f"⚠ {escape(w, quote=False)}"
                                          for w in self.warning_lines()))
        self.warnings.setVisible(bool(self._warnings))

    def _on_activated(self, proxy_index: QModelIndex) -> None:
        source = self.proxy.mapToSource(proxy_index)
        self.connection_chosen.emit(self.model.connection(source.row()).id)
