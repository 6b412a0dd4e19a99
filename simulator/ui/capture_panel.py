"""The capture panel: the connection table (sortable, filterable) and the file's warnings.

Choosing a row emits ``connection_chosen(id)``; the window replays that connection.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from simulator.net.capture_index import CaptureIndex
from simulator.ui.connection_table_model import SORT_ROLE, ConnectionTableModel


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
        self.filter_edit.setPlaceholderText("Filter connections (address, port, rst, fin, …)")
        self.filter_edit.setClearButtonEnabled(True)
        layout.addWidget(self.filter_edit)
        self.model = ConnectionTableModel(parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.
                                                           ResizeToContents)
        self.table.activated.connect(self._on_activated)
        self.table.clicked.connect(self._on_activated)
        layout.addWidget(self.table, 1)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a5a00;")
        layout.addWidget(self.warnings)

    def set_index(self, index: CaptureIndex) -> None:
        self.model.set_connections(index.connections)
        name = index.path.rsplit("/", 1)[-1]
        self.summary.setText(f"<b>{name}</b>: {index.packet_count} packets, "
                             f"{len(index.connections)} TCP connection(s). Choose one to "
                             "replay it.")
        self.warnings.setText("<br>".join(f"⚠ {w}" for w in index.warnings))
        self.warnings.setVisible(bool(index.warnings))

    def _on_activated(self, proxy_index: QModelIndex) -> None:
        source = self.proxy.mapToSource(proxy_index)
        self.connection_chosen.emit(self.model.connection(source.row()).id)
