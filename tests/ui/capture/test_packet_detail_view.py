"""Packet details: the layer tree and the hex dump agree, byte for byte, on real captures."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor

from simulator.models.simulation.scenarios import build
from simulator.net.capture.connection_replay import replay_connection
from simulator.net.capture.index import CaptureIndex, build_index
from simulator.net.capture.packet_detail import PacketDetail, dissect_packet, read_packet_bytes
from simulator.ui.capture.dissection_text import field_number
from simulator.ui.capture.hex_view import BYTES_PER_LINE
from simulator.ui.capture.packet_detail_view import PacketDetailView, captured_packet_number
from simulator.ui.capture.packet_tree_model import KEY_ROLE, PacketTreeModel
from simulator.ui.capture.packet_tree_nodes import NodeKind, build_tree, error_tree
from simulator.ui.common import palette
from tests.paths import CAPTURES

GET = CAPTURES / "http-get-basic--zeek--get.pcap"
IPV6 = CAPTURES / "http-ipv6-rawip-chunked--pcapplusplus--four_ipv6_http_streams.pcap"
VLAN = CAPTURES / "http-vlan-keepalive-cookies--suricata-verify--filecontainer-http.pcap"
QINQ = CAPTURES / "http-rst-qinq-pppoe-cookie--pcapplusplus--one_http_stream_rst.pcap"
SNAPLEN = CAPTURES / "snaplen-truncated-tcp--zeek--truncated-header.pcap"
SLL2 = CAPTURES / "generated" / "sll2-linux-cooked-v2.pcap"
OOO = CAPTURES / "http-ooo-retrans-range--zeek--206_example_a.pcap"

_INDEXES: dict[Path, CaptureIndex] = {}


def index_of(path: Path) -> CaptureIndex:
    if path not in _INDEXES:
        _INDEXES[path] = build_index(str(path))
    return _INDEXES[path]


@pytest.fixture
def view(qtbot) -> PacketDetailView:
    widget = PacketDetailView()
    qtbot.addWidget(widget)
    widget.resize(1200, 420)
    widget.show()
    return widget


def _top_titles(view: PacketDetailView) -> list[str]:
    model = view.model
    return [str(model.data(model.index(r, 0))) for r in range(model.rowCount())]


def _field(detail: PacketDetail, layer: str, name: str):
    found = next(x for x in detail.layers if x.name == layer)
    return next(f for f in found.fields if f.name == name)


def _highlighted_bytes(view: PacketDetailView) -> tuple[bytes, bytes]:
    """What the strong highlight covers, read back from the text: (hex part, ASCII part)."""
    spans = view.hex.highlighted_text()
    hex_spans, ascii_spans = spans[: len(spans) // 2], spans[len(spans) // 2:]
    as_hex = bytes.fromhex(" ".join(hex_spans))
    return as_hex, "".join(ascii_spans).encode("latin-1")


def _write_pcap(path: Path, packets: list[bytes], linktype: int = 1) -> None:
    """A classic little-endian pcap (the format is four fixed structs; no library needed)."""
    with path.open("wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype))
        for i, data in enumerate(packets):
            f.write(struct.pack("<IIII", 1_600_000_000 + i, 0, len(data), len(data)))
            f.write(data)


# --------------------------------------------------------------------------- the tree

def test_title_and_layers_of_an_http_get_packet(view):
    view.show_packet(index_of(GET), 4)
    assert view.title_text() == "Packet 4 · 202 bytes captured (202 on wire)"
    titles = _top_titles(view)
    assert titles[0] == "Frame 4: 202 bytes on wire, 202 bytes captured"
    assert titles[1].startswith("Ethernet II, Src: c8:bc:c8:96:d2:a0, Dst: 00:10:db:88:d2:ef")
    assert titles[2] == ("Internet Protocol Version 4, Src: 141.142.228.5, "
                         "Dst: 192.150.187.43")
    assert titles[3] == ("Transmission Control Protocol, Src Port: 59856, Dst Port: 80, "
                         "Flags: [PSH, ACK]")
    assert titles[-1] == "HTTP Request: GET /download/CHANGES.bro-aux.txt HTTP/1.1"
    detail = dissect_packet(index_of(GET), 4)
    assert len(titles) == 1 + len(detail.layers)  # Frame, then one row per scapy layer


def test_tcp_fields_read_like_wireshark(view):
    view.show_packet(index_of(GET), 2)  # the SYN, ACK
    tcp = view.model.find("TCP")
    rows = [str(view.model.data(view.model.index(r, 0, tcp)))
            for r in range(view.model.rowCount(tcp))]
    assert "Source Port: 80 (http)" in rows
    assert "Destination Port: 59856" in rows
    assert "Flags: 0x012 (SYN, ACK)" in rows
    assert "Header Length: 40 bytes (10)" in rows
    assert any(r.startswith("Options: 20 bytes: MSS 1460, SAckOK, Timestamps (TSval ")
               for r in rows)
    assert view.tree.isExpanded(tcp)  # the lesson's layer is open at first
    assert not view.tree.isExpanded(view.model.find("Ethernet"))


@pytest.mark.parametrize(("path", "number", "layers"), [
    (IPV6, 1, ["IPv6", "TCP"]),
    (VLAN, 4, ["Ethernet", "802.1Q", "IP", "TCP", "Raw"]),
    (QINQ, 4, ["Ethernet", "802.1Q", "802.1Q#2", "PPP over Ethernet", "PPP Link Layer", "IP",
               "TCP"]),
    (SLL2, 1, ["cooked linux v2", "IP", "TCP"]),
])
def test_tree_has_one_row_per_layer_of_the_packet(view, path, number, layers):
    view.show_packet(index_of(path), number)
    keys = [view.model.data(view.model.index(r, 0), KEY_ROLE)
            for r in range(view.model.rowCount())]
    assert keys[0] == "Frame"
    assert keys[1:1 + len(layers)] == layers


def test_vlan_tags_show_their_ids(view):
    view.show_packet(index_of(QINQ), 4)
    titles = _top_titles(view)
    assert "802.1Q Virtual LAN, VLAN ID: 939" in titles
    assert "802.1Q Virtual LAN, VLAN ID: 744" in titles
    assert view.select_key("802.1Q#2/vlan")
    vlan = _field(view.detail, "802.1Q", "vlan")  # the first tag's range, to compare
    start, end = view.hex.highlighted_range()
    assert (start, end) == (vlan.start + 4, vlan.end + 4)  # the inner tag, 4 bytes later
    assert field_number(view.detail.raw, vlan.bit_start + 32, vlan.bit_end + 32) == 744
    assert "bits .... 0010 1110 1000" in view.info.text()  # 744 in the tag's low 12 bits


# --------------------------------------------------------------------------- tree ↔ hex

@pytest.mark.parametrize(("path", "number"), [
    (GET, 4), (GET, 1), (IPV6, 1), (VLAN, 4), (QINQ, 4), (SLL2, 1), (SNAPLEN, 1)])
def test_selecting_source_port_highlights_exactly_its_two_bytes(view, path, number):
    index = index_of(path)
    view.show_packet(index, number)
    assert view.select_key("TCP/sport")
    sport = _field(dissect_packet(index, number), "TCP", "sport")
    assert view.hex.highlighted_range() == (sport.start, sport.end)
    assert sport.end - sport.start == 2
    raw = view.detail.raw
    port = int.from_bytes(raw[sport.start:sport.end], "big")
    row = index.packets.row(number - 1)
    conn = index.connections[int(row["conn"])]
    assert port == (conn.client_port if row["direction"] == 0 else conn.server_port)
    shown_hex, shown_ascii = _highlighted_bytes(view)
    assert shown_hex == raw[sport.start:sport.end]  # the text under the highlight
    assert len(shown_ascii) == 2
    assert view.selected_node().text.startswith(f"Source Port: {port}")
    assert view.info.text() == f"Source Port: bytes {sport.start}–{sport.end - 1} (2 bytes)"


def test_a_layer_highlights_its_whole_header_across_lines(view):
    index = index_of(GET)
    view.show_packet(index, 4)
    view.select_key("TCP")
    tcp = next(x for x in dissect_packet(index, 4).layers if x.name == "TCP")
    assert view.hex.highlighted_range() == (34, 66) == (tcp.start, tcp.end)
    shown_hex, _ = _highlighted_bytes(view)
    assert shown_hex == view.detail.raw[34:66]  # three lines of the dump, no gaps lost


def test_a_bit_field_highlights_the_bytes_that_hold_it_and_names_its_bits(view):
    view.show_packet(index_of(GET), 2)
    view.select_key("TCP/flags")
    assert view.hex.highlighted_range() == (46, 48)
    assert view.info.text().endswith("bits .... ...0 0001 0010")  # 0x012 = SYN + ACK


def test_selection_stays_on_the_same_field_from_packet_to_packet(view):
    index = index_of(GET)
    view.show_packet(index, 1)
    view.select_key("TCP/sport")
    for number in (2, 3, 4):
        view.show_packet(index, number)
        assert view.selected_node().key == "TCP/sport"
        sport = _field(view.detail, "TCP", "sport")
        assert view.hex.highlighted_range() == (sport.start, sport.end)


def test_clicking_a_byte_selects_the_field_that_holds_it(view, qtbot):
    view.show_packet(index_of(GET), 4)
    hexv = view.hex
    line, j = divmod(23, BYTES_PER_LINE)  # byte 23 is the IPv4 protocol number
    block = hexv.document().findBlockByNumber(line)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + hexv._hex_column(j))
    point = hexv.cursorRect(cursor).center() + QPoint(3, 0)
    qtbot.mouseClick(hexv.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.selected_node().key == "IP/proto"
    assert view.selected_node().text == "Protocol: tcp (6)"
    assert hexv.highlighted_range() == (23, 24)


def test_the_hex_view_scrolls_to_a_field_out_of_sight(view):
    view.resize(1200, 160)
    view.show_packet(index_of(VLAN), 4)
    hexv = view.hex
    assert 0 in hexv.visible_lines()
    view.tree.expand(view.model.find("Raw"))
    view.select_key("Raw/load")
    start, _end = hexv.highlighted_range()
    assert start // BYTES_PER_LINE in hexv.visible_lines()
    assert hexv.verticalScrollBar().value() > 0


# --------------------------------------------------------------------------- bad packets

def test_a_snaplen_truncated_packet_says_how_much_was_captured(view):
    view.show_packet(index_of(SNAPLEN), 1)
    assert view.title_text() == ("Packet 1 · 68 bytes captured (74 on wire) · "
                                 "[truncated: 68 of 74 bytes captured]")
    assert any("[truncated: 68 of 74 bytes captured]" in t for t in _top_titles(view))
    assert view.hex.data() == view.detail.raw and len(view.hex.data()) == 68
    assert view.hex.toPlainText().splitlines()[-1].startswith("… 6 more bytes on the wire")


def test_a_runt_frame_scapy_cannot_dissect_shows_the_error_and_its_bytes(view, tmp_path):
    good = read_packet_bytes(index_of(GET), 1)  # a whole, ordinary TCP SYN
    runt = bytes.fromhex("2e2bb8569d806c12")  # 8 bytes: cut inside the Ethernet header
    path = tmp_path / "runt.pcap"
    _write_pcap(path, [good, runt])
    index = build_index(str(path))
    view.show_packet(index, 2)
    titles = _top_titles(view)
    assert any(t.startswith("⚠ scapy could not dissect this packet") for t in titles)
    assert view.hex.data() == runt
    assert view.title_text() == "Packet 2 · 8 bytes captured (8 on wire)"
    view.show_packet(index, 1)  # and the next packet is fine again
    assert _top_titles(view)[3].startswith("Transmission Control Protocol")


def test_a_capture_changed_on_disk_shows_an_error_not_a_traceback(view, tmp_path):
    path = tmp_path / "get.pcap"
    shutil.copy(GET, path)
    index = build_index(str(path))
    path.write_bytes(path.read_bytes()[:300])  # cut after indexing
    view.show_packet(index, 10)
    titles = _top_titles(view)
    assert titles == ["⚠ The capture file changed on disk since it was opened."]
    assert view.title_text() == "Packet 10 · could not be read"
    assert view.hex.data() == b""
    view.show_packet(index, 99)  # not in the capture at all
    assert _top_titles(view) == ["⚠ packet 99 is not in this capture (1..14)"]


def test_clear_shows_no_packet(view):
    view.show_packet(index_of(GET), 4)
    view.select_key("TCP/sport")
    view.clear()
    assert view.number is None and view.model.rowCount() == 0
    assert view.hex.data() == b"" and view.hex.highlighted_range() is None
    assert view.title_text().startswith("No packet selected")


# --------------------------------------------------------------------------- palettes

def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("dark", [False, True])
def test_highlight_is_readable_and_stands_out_in_light_and_dark_themes(view, dark):
    if dark:
        pal = QPalette()
        for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"),
                             (QPalette.ColorRole.Base, "#1e1e1e"),
                             (QPalette.ColorRole.Text, "#e0e0e0")):
            pal.setColor(role, QColor(colour))
        view.setPalette(pal)
    view.show_packet(index_of(GET), 4)
    view.select_key("TCP/sport")
    selections = view.hex.extraSelections()
    field = [QTextCharFormat(s.format) for s in selections
             if s.format.property(QTextCharFormat.Property.UserProperty) == "field"]
    assert field
    background = QColor(field[0].background().color())
    ink = QColor(field[0].foreground().color())
    assert background == palette.FIELD_BYTES.pick(dark)
    assert _contrast(background, ink) >= 4.5  # WCAG AA for the highlighted digits
    base = view.hex.palette().color(QPalette.ColorRole.Base)
    assert _contrast(background, base) >= 1.8  # the highlight is visible against the page
    warning = view.model.data(view.model.find("Frame"), Qt.ItemDataRole.ForegroundRole)
    assert warning is None  # only problem rows are coloured


# --------------------------------------------------------------------------- the model

@pytest.mark.parametrize(("path", "number"), [(GET, 4), (QINQ, 4), (SNAPLEN, 1), (IPV6, 1)])
def test_tree_model_passes_qtmodeltester(qtmodeltester, path, number):
    model = PacketTreeModel()
    model.set_nodes(build_tree(dissect_packet(index_of(path), number)))
    qtmodeltester.check(model)


def test_error_and_empty_trees_pass_qtmodeltester(qtmodeltester):
    model = PacketTreeModel()
    qtmodeltester.check(model)
    model.set_nodes(error_tree("scapy could not dissect this packet", b"\x00\x01"))
    qtmodeltester.check(model)
    assert model.node(model.find("problem")).kind is NodeKind.PROBLEM


@given(data=st.binary(min_size=1, max_size=12), a=st.integers(0, 95), width=st.integers(1, 32))
def test_field_number_reads_the_bits_big_endian(data, a, width):
    b = a + width
    got = field_number(data, a, b)
    if b > len(data) * 8:
        assert got is None
    else:
        bits = "".join(f"{byte:08b}" for byte in data)
        assert got == int(bits[a:b], 2)


# --------------------------------------------------------------------------- wiring

@pytest.mark.parametrize("path", [GET, OOO])
def test_every_replayed_step_maps_to_its_captured_packet(path):
    index = index_of(path)
    for conn in index.connections:
        timeline, _ = replay_connection(index, conn.id)
        rows = set((index.packet_rows(conn.id) + 1).tolist())
        for step in timeline:
            number = captured_packet_number(timeline, step)
            assert number in rows
            assert index.packets["seq"][number - 1] == step.segment.seq
            assert index.packets["ack"][number - 1] == step.segment.ack
    timeline = replay_connection(index_of(GET), 0)[0]
    assert captured_packet_number(timeline, timeline[0]) == 1  # the SYN is packet 1


def test_scenario_steps_map_to_no_packet():
    timeline = build("handshake-teardown")
    assert {captured_packet_number(timeline, s) for s in timeline} == {None}


def test_a_hidden_view_dissects_only_when_it_is_shown(qtbot, monkeypatch):
    """Stepping through a capture with the bytes tab behind another costs no dissection; the
    packet asked for last is there when the tab comes forward."""
    import simulator.ui.capture.packet_detail_view as module

    calls: list[int] = []
    real = module.dissect_packet
    monkeypatch.setattr(module, "dissect_packet",
                        lambda index, number: calls.append(number) or real(index, number))
    widget = PacketDetailView()
    qtbot.addWidget(widget)
    index = index_of(GET)
    for number in (1, 2, 3, 4):
        widget.show_packet(index, number)
    assert calls == [] and widget.number == 4
    widget.show()
    qtbot.waitExposed(widget)
    assert calls == [4] and widget.title_text().startswith("Packet 4 ·")
