"""The packet details say what the replay uses of a TCP segment: Wireshark's analysis flags
explained in sentences (in the interface language), and the window a scaled window field
stands for (RFC 7323 §2.3), as Wireshark's "[Calculated window size]" does."""

from __future__ import annotations

import pytest

from simulator.models.replay.wording import ANALYSIS
from simulator.net.capture.index import build_index
from simulator.net.capture.packet_detail import dissect_packet
from simulator.net.capture.tcp_anomalies import anomaly_names
from simulator.net.capture.tcp_options import window_shift_of
from simulator.ui.capture.packet_tree_nodes import TreeNode, build_tree
from tests.paths import CAPTURES

RANGE_206 = CAPTURES / "http-ooo-retrans-range--zeek--206_example_a.pcap"


def _tree(number: int) -> tuple[TreeNode, ...]:
    index = build_index(str(RANGE_206))
    flags = anomaly_names(int(index.packets["anomalies"][number - 1]))
    return build_tree(dissect_packet(index, number), flags, window_shift_of(index, number))


def _find(nodes: tuple[TreeNode, ...], key: str) -> TreeNode:
    for node in nodes:
        if node.key == key:
            return node
        try:
            return _find(node.children, key)
        except LookupError:
            continue
    raise LookupError(key)


def test_a_fast_retransmission_is_explained_in_a_sentence() -> None:
    analysis = _find(_tree(103), "analysis")
    assert [child.text for child in analysis.children] == [ANALYSIS["fast_retransmission"]]


@pytest.mark.usefixtures("zh_interface")
def test_the_sentence_is_chinese_in_the_chinese_interface() -> None:
    sentence = _find(_tree(103), "analysis").children[0].text
    assert "快速重传" in sentence and "Wireshark" in sentence


def test_a_scaled_window_says_what_it_stands_for() -> None:
    """Frame 51: the server's window field 27, its SYN,ACK announced shift 8."""
    tree = _tree(51)
    assert _find(tree, "TCP/window_factor").text.startswith("[Window size scaling factor: 256")
    assert _find(tree, "TCP/window_size").text == "[Calculated window size: 6912 bytes]"
    with pytest.raises(LookupError):  # a SYN's window is never scaled (RFC 7323 §2.2)
        _find(_tree(9), "TCP/window_size")


@pytest.mark.usefixtures("zh_interface")
def test_the_scaled_window_rows_are_chinese_in_the_chinese_interface() -> None:
    """Found in review: the two rows were English f-strings whatever the language."""
    tree = _tree(51)
    assert _find(tree, "TCP/window_factor").text.startswith("[窗口大小缩放因子：256")
    assert _find(tree, "TCP/window_size").text == "[计算得到的窗口大小：6912 字节]"
