"""The connection table of a large capture is sized from the rows around the top, once, not
by asking every row for its text on the GUI thread (issue 14: ~2 s for 1,078 rows); its
columns are still wide enough for what they show, in both languages."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from simulator.net.capture.index import build_index
from simulator.ui.capture.capture_panel import SIZING_SAMPLE, CapturePanel
from simulator.ui.capture.connection_table_model import ConnectionTableModel
from tests.net.capture.test_scan_connections import _scan

CONNECTIONS = 4000


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("scan") / "scan.pcap"
    _scan(path, CONNECTIONS)
    return build_index(str(path))


def test_sizing_a_large_table_reads_a_sample_of_its_rows(qtbot: Any, scan: Any,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    panel = CapturePanel()
    qtbot.addWidget(panel)
    panel.resize(1200, 600)
    panel.show()
    asked: set[int] = set()
    original = ConnectionTableModel.data

    def counting(self: ConnectionTableModel, index: Any, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            asked.add(index.row())
        return original(self, index, role)

    monkeypatch.setattr(ConnectionTableModel, "data", counting)
    panel.set_index(scan)
    QApplication.processEvents()
    assert len(asked) <= 3 * SIZING_SAMPLE, len(asked)
    assert panel.model.rowCount() == CONNECTIONS
    # wide enough for the sampled text: each column at least as wide as its widest cell
    table = panel.table
    for column in range(panel.proxy.columnCount()):
        widest = max(table.sizeHintForIndex(panel.proxy.index(row, column)).width()
                     for row in range(20))
        assert table.columnWidth(column) >= widest, column
