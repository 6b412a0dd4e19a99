"""The capture side follows a language switch made after it is built: the connection table's
headers and word cells, the panel's summary and placeholder, the packet details' own words
(title, byte tooltips, the line under the dump, truncation notes) turn Chinese, and back,
while the data (addresses, ports, counts, flag names) and scapy's dissection stay as they
were. Real captures from tests/data/captures."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from simulator.models.lessons.text import Lang
from simulator.net.capture.index import CaptureIndex, build_index
from simulator.net.capture.packet_detail import dissect_packet
from simulator.ui.capture.capture_panel import CapturePanel
from simulator.ui.capture.connection_table_model import COLUMNS, ConnectionTableModel
from simulator.ui.capture.packet_detail_view import PacketDetailView
from simulator.ui.capture.packet_tree_model import PacketTreeModel
from simulator.ui.capture.packet_tree_nodes import build_tree
from simulator.ui.capture.replay_loader import ReplayLoader
from simulator.ui.text.i18n import set_language
from tests.paths import CAPTURES
from tests.ui.capture.test_replay_loader import write_pcap

KEEPALIVE = CAPTURES / "http-keepalive-cookies-gzip--pcapplusplus--http-packets2.pcap"
GET = CAPTURES / "http-get-basic--zeek--get.pcap"
SNAPLEN = CAPTURES / "snaplen-truncated-tcp--zeek--truncated-header.pcap"
RST = CAPTURES / "http-retrans-rst-keepalive--zeek--m57-long-49583-80.pcap"

_INDEXES: dict[Path, CaptureIndex] = {}


def index_of(path: Path) -> CaptureIndex:
    if path not in _INDEXES:
        _INDEXES[path] = build_index(str(path))
    return _INDEXES[path]


def switch(lang: Lang) -> None:
    set_language(lang)
    QCoreApplication.processEvents()


def column(name: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.header == name)


def cells(panel: CapturePanel, name: str) -> list[str]:
    model, col = panel.model, column(name)
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def header(panel: CapturePanel, name: str) -> str:
    return panel.table.model().headerData(column(name), Qt.Orientation.Horizontal)


@pytest.fixture
def panel(qtbot) -> CapturePanel:
    """Built, filled and shown in English (requested before zh_interface switches)."""
    widget = CapturePanel()
    qtbot.addWidget(widget)
    widget.set_index(index_of(KEEPALIVE))
    widget.resize(900, 400)
    widget.show()
    widget.built_with = (header(widget, "Client"), widget.summary.text())
    return widget


@pytest.fixture
def view(qtbot) -> PacketDetailView:
    """Showing the SYN-ACK of a real GET with its TCP flags selected, built in English."""
    widget = PacketDetailView()
    qtbot.addWidget(widget)
    widget.resize(1200, 420)
    widget.show()
    widget.show_packet(index_of(GET), 2)
    widget.select_key("TCP/flags")
    widget.built_with = (widget.title_text(), widget.info.text())
    return widget


# --------------------------------------------------------------------------- capture panel

def test_connection_table_headers_and_word_cells_turn_chinese_and_back(panel, qtbot,
                                                                       zh_interface):
    assert panel.built_with[0] == "Client"  # built before the switch
    assert header(panel, "Client") == "客户端"
    assert header(panel, "Dup ACK") == "重复 ACK"
    assert header(panel, "RST") == "RST"
    assert set(cells(panel, "Opened")) == {"握手", "中途"}
    assert set(cells(panel, "Closed")) == {"FIN", "未关闭"}
    english = build_index(str(KEEPALIVE)).connections
    assert cells(panel, "Client") == [c.client for c in english]  # data stays as it is
    assert cells(panel, "Packets") == [str(sum(c.packets)) for c in english]
    row = next(i for i, c in enumerate(english) if c.opened == "handshake")
    tip = panel.model.data(panel.model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert "建立：握手" in tip and "方向判定：握手" in tip
    assert "客户端 = SYN 的发送方" in tip  # the reason net wrote, translated (capture.messages)
    with qtbot.waitSignal(panel.model.headerDataChanged):
        switch(Lang.EN)
    assert header(panel, "Client") == "Client"
    assert set(cells(panel, "Opened")) == {"handshake", "midstream"}


def test_capture_summary_and_filter_placeholder_turn_chinese_and_back(panel, zh_interface):
    assert panel.built_with[1].startswith("<b>http-keepalive")
    assert "个数据包" in panel.summary.text()
    assert "9 个 TCP 连接" in panel.summary.text()
    assert panel.filter_edit.placeholderText().startswith("筛选连接")
    assert panel.table.toolTip() == "点击一个连接，逐步回放它"
    switch(Lang.EN)
    assert "9 TCP connection(s). Choose one to replay it." in panel.summary.text()
    assert panel.filter_edit.placeholderText().startswith("Filter connections")


def test_the_filter_matches_the_words_the_table_shows_in_chinese(panel, zh_interface):
    panel.filter_edit.setText("中途")
    shown = panel.proxy.rowCount()
    midstream = sum(c.opened == "midstream" for c in index_of(KEEPALIVE).connections)
    assert 0 < shown == midstream < panel.model.rowCount()
    panel.filter_edit.setText("rst")  # flag names are the same in every language
    assert panel.proxy.rowCount() == 0  # no connection of this capture ended with RST


def test_a_reset_connection_shows_the_flag_name_in_both_languages(qtbot, zh_interface):
    model = ConnectionTableModel(index_of(RST).connections)
    col = column("Closed")
    assert model.data(model.index(0, col)) == "RST"
    switch(Lang.EN)
    assert model.data(model.index(0, col)) == "RST"


def test_connection_table_model_passes_qtmodeltester_in_chinese(qtmodeltester, zh_interface):
    model = ConnectionTableModel(index_of(KEEPALIVE).connections)
    qtmodeltester.check(model)
    model.retranslate()
    qtmodeltester.check(model)


# --------------------------------------------------------------------------- packet details

def test_packet_title_and_byte_line_turn_chinese_but_the_dissection_stays(view, zh_interface):
    assert view.built_with[0] == "Packet 2 · 74 bytes captured (74 on wire)"
    assert view.title_text() == "数据包 2 · 抓取 74 字节（线路上 74 字节）"
    assert view.selected_node().key == "TCP/flags"  # the selection survived the switch
    assert view.hex.highlighted_range() == (46, 48)
    assert view.info.text() == "Flags：第 46–47 字节（2 字节）；位 .... ...0 0001 0010"
    tcp = view.model.find("TCP")
    assert view.model.data(tcp) == ("Transmission Control Protocol, Src Port: 80, "
                                    "Dst Port: 59856, Flags: [SYN, ACK]")
    assert view.tree.isExpanded(tcp)
    flags = view.model.find("TCP/flags")
    assert view.model.data(flags) == "Flags: 0x012 (SYN, ACK)"
    assert view.model.data(flags, Qt.ItemDataRole.ToolTipRole) == "第 46–47 字节（2 字节）"
    view.select_key("TCP")
    assert view.info.text() == "本层：第 34–73 字节（40 字节）"
    switch(Lang.EN)
    assert view.title_text() == "Packet 2 · 74 bytes captured (74 on wire)"
    assert view.info.text() == "This layer: bytes 34–73 (40 bytes)"
    assert view.model.data(view.model.find("TCP/flags"),
                           Qt.ItemDataRole.ToolTipRole) == "bytes 46–47 (2 bytes)"


def test_truncation_notes_and_missing_bytes_line_turn_chinese(view, zh_interface):
    view.show_packet(index_of(SNAPLEN), 1)
    assert view.title_text().endswith("[已截断：74 字节中只抓取了 68 字节]")
    titles = [view.model.data(view.model.index(r, 0)) for r in range(view.model.rowCount())]
    assert titles[-1] == "⚠ [已截断：74 字节中只抓取了 68 字节]：快照长度截断了这个数据包"
    last = view.hex.toPlainText().splitlines()[-1]
    assert last == "… 线路上还有 6 个字节未被抓取（快照长度所限）"
    switch(Lang.EN)
    assert view.hex.toPlainText().splitlines()[-1].startswith("… 6 more bytes on the wire")
    assert view.title_text().endswith("[truncated: 68 of 74 bytes captured]")


def test_the_hex_dump_keeps_its_highlight_and_scroll_when_the_language_changes(
        qtbot, zh_interface):
    switch(Lang.EN)
    view = PacketDetailView()
    qtbot.addWidget(view)
    view.resize(1200, 160)
    view.show()
    view.show_packet(index_of(SNAPLEN), 1)
    view.select_key("TCP/dport")
    before = (view.hex.highlighted_range(), view.hex.highlighted_text(),
              view.hex.verticalScrollBar().value())
    view.hex.retranslate()  # what LanguageChange does to the dump alone
    switch(Lang.ZH_CN)
    assert (view.hex.highlighted_range(), view.hex.highlighted_text(),
            view.hex.verticalScrollBar().value()) == before
    assert "快照长度" in view.hex.toPlainText()


def test_no_packet_placeholder_turns_chinese_and_back(view, zh_interface):
    view.clear()
    assert view.title_text().startswith("未选择数据包")
    assert view.info.text() == ""
    switch(Lang.EN)
    assert view.title_text().startswith("No packet selected")


def test_packet_tree_header_is_translated_and_passes_qtmodeltester(qtmodeltester,
                                                                   zh_interface):
    model = PacketTreeModel()
    model.set_nodes(build_tree(dissect_packet(index_of(GET), 4)))
    assert model.headerData(0, Qt.Orientation.Horizontal) == "层与字段"
    qtmodeltester.check(model)


# --------------------------------------------------------------------------- replay dialog

def test_the_replay_progress_dialog_follows_a_language_switch(qtbot, tmp_path, zh_interface):
    switch(Lang.EN)
    index = build_index(str(write_pcap(tmp_path / "long.pcap", 6_000)))
    loader = ReplayLoader()
    with qtbot.waitSignal(loader.loaded, timeout=60_000):
        loader.start(index, 0)
        dialog = loader.progress_dialog
        assert dialog is not None
        assert dialog.labelText() == "Replaying connection 0 through the TCP model…"
        set_language(Lang.ZH_CN)  # events not processed yet: the dialog is still open
        QCoreApplication.sendEvent(dialog, QEvent(QEvent.Type.LanguageChange))
        assert dialog.labelText() == "正在用 TCP 模型回放连接 0…"
        assert dialog.windowTitle() == "正在打开连接"
