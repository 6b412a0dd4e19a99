"""With the interface in Chinese, what the capture side says about a file is Chinese: the
dialog for a file that is no capture, the panel's warnings for a damaged one (and the dialog
for one without TCP), the connection's orientation and its Wireshark analysis flags in the
table's tooltip, the analysis row of the packet details; in English the flags are words, never
tokens like ``duplicate_ack``. What stays English is what crossed the wire or sits in the file
(flag names, bytes, numbers) and format names (pcap, snaplen)."""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from simulator.net.capture.index import CaptureIndex, build_index
from simulator.net.capture.tcp_anomalies import ANOMALY_NAMES, anomaly_names
from simulator.ui.app.capture_source import CaptureSource
from simulator.ui.capture.capture_panel import CapturePanel
from simulator.ui.capture.packet_detail_view import PacketDetailView
from simulator.ui.capture.packet_tree_nodes import NodeKind
from tests.paths import CAPTURES

GET = CAPTURES / "http-get-basic--zeek--get.pcap"
NO_TCP = CAPTURES / "udp-dns-icmp-only--dpkt--dns_icmp.pcap"
FLAGGED = CAPTURES / "http-ooo-retrans-range--zeek--206_example_a.pcap"
#: Words that stay English in Chinese: file formats and fields as named in the file, the
#: library that dissects packets; TCP's flag names and numbers are upper case or digits.
KEPT = {"pcap", "pcapng", "snaplen", "gzip", "gunzip", "scapy", "Linux", "Wireshark"}
ENGLISH = re.compile(r"\b[A-Za-z][a-z]{2,}\b", re.ASCII)  # a word of ours; "SYN", "ACK" are tokens


def english_words(text: str) -> set[str]:
    return set(ENGLISH.findall(re.sub(r"<[^>]+>", " ", text))) - KEPT


@pytest.fixture
def source(qtbot, monkeypatch) -> Iterator[tuple[CaptureSource, list[tuple[str, str]]]]:
    """The window's capture source on a bare window; its dialogs recorded, not shown."""
    shown: list[tuple[str, str]] = []
    for name in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda _parent, title, text, *_: shown.append(
            (title, text)))
    window = QMainWindow()
    qtbot.addWidget(window)
    yield CaptureSource(window, QMenu(window)), shown


def _cut_get(tmp_path: Path) -> Path:
    data = GET.read_bytes()
    pos, offsets = 24, []
    while pos + 16 <= len(data):
        offsets.append(pos)
        pos += 16 + struct.unpack_from("<I", data, pos + 8)[0]
    path = tmp_path / "cut.pcap"
    path.write_bytes(data[:offsets[9] + 36])  # inside packet 10's data
    return path


@pytest.mark.usefixtures("zh_interface")
def test_a_file_that_is_no_capture_is_refused_in_chinese(source, qtbot, tmp_path) -> None:
    capture, shown = source
    notes = tmp_path / "notes.pcap"
    notes.write_text("GET / HTTP/1.1\r\nHost: example.org\r\n\r\n")
    with qtbot.waitSignal(capture.loader.failed, timeout=30000):
        capture.open(str(notes))
    (title, text), = shown
    assert english_words(title) == set()
    assert text == ("这不是 pcap 或 pcapng 抓包文件（它以字节 47 45 54 20 开头，而不是抓包文件的"
                    "魔数）。")
    assert english_words(text) == set()


@pytest.mark.usefixtures("zh_interface")
def test_a_missing_file_is_refused_in_chinese_with_the_systems_reason(source, qtbot,
                                                                     tmp_path) -> None:
    capture, shown = source
    with qtbot.waitSignal(capture.loader.failed, timeout=30000):
        capture.open(str(tmp_path / "gone.pcap"))
    assert shown[0][1] == "无法打开该文件：没有那个文件或目录。"


@pytest.mark.usefixtures("zh_interface")
def test_a_truncated_capture_warns_in_chinese_in_the_panel(source, qtbot, tmp_path) -> None:
    capture, _shown = source
    with qtbot.waitSignal(capture.loader.loaded, timeout=30000):
        capture.open(str(_cut_get(tmp_path)))
    text = capture.panel.warnings.text()
    assert "⚠ 文件在数据包 10 的数据中被截断" in text and "保留了它之前的 9 个数据包" in text
    assert english_words(text) == set()
    assert not capture.panel.warnings.isHidden()


@pytest.mark.usefixtures("zh_interface")
def test_a_capture_without_tcp_says_so_and_lists_its_warnings_in_chinese(source, qtbot) -> None:
    capture, shown = source
    with qtbot.waitSignal(capture.loader.loaded, timeout=30000):
        capture.open(str(NO_TCP))
    (title, text), = shown
    assert "这个抓包中没有 TCP 数据包，因此没有连接。" in text
    assert english_words(title + text.replace(NO_TCP.name, "")) == set()  # the name is data


def test_the_panels_warnings_follow_a_language_switch(qtbot, tmp_path, request) -> None:
    panel = CapturePanel()
    qtbot.addWidget(panel)
    panel.set_index(build_index(str(_cut_get(tmp_path))))
    assert "The file is cut short inside packet 10's data" in panel.warnings.text()
    request.getfixturevalue("zh_interface")
    assert "文件在数据包 10 的数据中被截断" in panel.warnings.text()


# --------------------------------------------------------------------------- analysis flags
@pytest.fixture(scope="module")
def flagged() -> CaptureIndex:
    return build_index(str(FLAGGED))


def _tooltips(panel: CapturePanel) -> list[str]:
    model = panel.model
    return [model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
            for row in range(model.rowCount())]


def _analysis_row(view: PacketDetailView) -> str | None:
    rows = [view.model.index(r, 0) for r in range(view.model.rowCount())]
    texts = [(view.model.node(i), view.model.data(i)) for i in rows]
    found = [text for node, text in texts if node is not None and node.key == "analysis"]
    assert all(node.kind is NodeKind.PROBLEM for node, _ in texts if node and
               node.key == "analysis")
    return found[0] if found else None


def _packet_with(index: CaptureIndex, token: str) -> int:
    bits = index.packets["anomalies"]
    return next(i + 1 for i in range(len(bits)) if token in anomaly_names(int(bits[i])))


def test_analysis_flags_are_words_in_english(qtbot, flagged) -> None:
    panel = CapturePanel()
    qtbot.addWidget(panel)
    panel.set_index(flagged)
    tips = "\n".join(_tooltips(panel))
    assert "TCP analysis (as Wireshark): retransmission ×" in tips and "duplicate ACK ×" in tips
    view = PacketDetailView()
    qtbot.addWidget(view)
    view.show()  # a hidden view dissects only once shown
    view.show_packet(flagged, _packet_with(flagged, "fast_retransmission"))
    assert _analysis_row(view) == "⚠ TCP analysis (as Wireshark): fast retransmission"
    view.show_packet(flagged, _packet_with(flagged, "out_of_order"))
    assert _analysis_row(view) == "⚠ TCP analysis (as Wireshark): out-of-order"
    view.show_packet(flagged, 1)  # the SYN: nothing to say
    assert _analysis_row(view) is None
    tokens = set(ANOMALY_NAMES.values())
    assert not any(token in tips for token in tokens if "_" in token)


@pytest.mark.usefixtures("zh_interface")
def test_analysis_flags_and_the_orientation_are_chinese(qtbot, flagged) -> None:
    panel = CapturePanel()
    qtbot.addWidget(panel)
    panel.set_index(flagged)
    tips = _tooltips(panel)
    assert all("方向判定：握手（客户端 = SYN 的发送方）" in tip for tip in tips)
    assert any("TCP 分析（同 Wireshark）：重传 ×" in tip and "重复 ACK ×" in tip for tip in tips)
    assert all(english_words(tip) == set() for tip in tips)
    view = PacketDetailView()
    qtbot.addWidget(view)
    view.show()  # a hidden view dissects only once shown
    view.show_packet(flagged, _packet_with(flagged, "duplicate_ack"))
    assert _analysis_row(view) == "⚠ TCP 分析（同 Wireshark）：重复 ACK"
