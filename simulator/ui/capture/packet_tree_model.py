"""The layer tree of one dissected packet, like Wireshark's, as a Qt item model.

Theory of operation
-------------------
``simulator.net.capture.packet_detail.dissect_packet`` gives the packet's layers, each with its
fields' display values (scapy's ``i2repr``) and byte and bit ranges. This module only turns
that into readable rows: a synthetic *Frame* layer (number, arrival time, lengths, link type,
capture comment), one row per protocol layer with a Wireshark-style title ("Transmission
Control Protocol, Src Port: 59856, Dst Port: 80, Flags: [PSH, ACK]"), and one row per field
("Source Port: 59856", "Flags: 0x018 (PSH, ACK)"). Numbers shown next to names (ports,
protocol numbers, EtherTypes, flag bits) are read from the packet's own bits at the field's
bit range, so they always agree with the hex view. Header fields and their widths follow
RFC 791 (IPv4), RFC 8200 (IPv6), RFC 9293 §3.1 (TCP), RFC 768 (UDP), IEEE 802.1Q (VLAN
tags); link types the LINKTYPE registry (draft-ietf-opsawg-pcaplinktype).

Every row carries its byte range (``RANGE_ROLE``) so the hex view can highlight it, and a
stable key (``KEY_ROLE``: "TCP/sport", "802.1Q#2/vlan") so the view can keep the learner's
selection when the next packet is shown. The model is read-only and holds no protocol
state: it is rebuilt from a ``PacketDetail`` each time.

Language: the dissection (layer titles, field names and values, the Frame layer) stays
English in every interface language, as Wireshark keeps its dissector text English in its
translated interface; a learner can compare it with Wireshark and the RFCs word for word.
The model's own words (byte-range tooltips, the truncation and not-dissected rows, the
header) go through ``QCoreApplication.translate`` (context "PacketTreeModel") when the rows
are built, so the view rebuilds the rows on ``LanguageChange``.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from simulator.net.capture.packet_detail import FieldInfo, LayerInfo, PacketDetail
from simulator.ui.common import palette

RANGE_ROLE = Qt.ItemDataRole.UserRole + 1  # (start, end): the row's bytes are raw[start:end]
BITS_ROLE = Qt.ItemDataRole.UserRole + 2  # (bit_start, bit_end), absolute bit offsets
KEY_ROLE = Qt.ItemDataRole.UserRole + 3  # "TCP/sport": stable across packets
KIND_ROLE = Qt.ItemDataRole.UserRole + 4  # a NodeKind

_Index = QModelIndex | QPersistentModelIndex


class NodeKind(enum.Enum):
    LAYER = "layer"  # Frame, Ethernet, IP, TCP, ...
    FIELD = "field"
    PROBLEM = "problem"  # what could not be dissected or captured


@dataclass(frozen=True)
class TreeNode:
    """One row: its text, kind, byte range ``raw[start:end]`` and bit range."""

    text: str
    kind: NodeKind
    key: str
    start: int
    end: int
    bit_start: int
    bit_end: int
    children: tuple[TreeNode, ...] = field(default=())
    tooltip: str = ""


# --------------------------------------------------------------------------- labels

LINKTYPE_NAMES = {
    0: "BSD loopback (NULL)", 1: "Ethernet", 12: "Raw IP", 14: "Raw IP", 101: "Raw IP",
    108: "OpenBSD loopback", 113: "Linux cooked capture (SLL)",
    228: "Raw IPv4", 229: "Raw IPv6", 276: "Linux cooked capture v2 (SLL2)",
}

_IP = {"version": "Version", "ihl": "Header Length", "tos": "Differentiated Services Field",
       "len": "Total Length", "id": "Identification", "flags": "Flags",
       "frag": "Fragment Offset", "ttl": "Time to Live", "proto": "Protocol",
       "chksum": "Header Checksum", "src": "Source Address", "dst": "Destination Address",
       "options": "Options"}
_PORTS = {"sport": "Source Port", "dport": "Destination Port"}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "Ethernet": {"dst": "Destination", "src": "Source", "type": "Type"},
    "802.1Q": {"prio": "Priority", "dei": "Drop Eligible Indicator", "vlan": "VLAN ID",
               "type": "Type"},
    "IP": _IP,
    "IPv6": {"version": "Version", "tc": "Traffic Class", "fl": "Flow Label",
             "plen": "Payload Length", "nh": "Next Header", "hlim": "Hop Limit",
             "src": "Source Address", "dst": "Destination Address"},
    "TCP": {**_PORTS, "seq": "Sequence Number (raw)", "ack": "Acknowledgment Number (raw)",
            "dataofs": "Header Length", "reserved": "Reserved", "flags": "Flags",
            "window": "Window", "chksum": "Checksum", "urgptr": "Urgent Pointer",
            "options": "Options"},
    "UDP": {**_PORTS, "len": "Length", "chksum": "Checksum"},
    "HTTP Request": {"Http_Version": "HTTP Version"},
    "HTTP Response": {"Http_Version": "HTTP Version", "Status_Code": "Status Code",
                      "Reason_Phrase": "Reason Phrase"},
    "Raw": {"load": "Data"},
    "Padding": {"load": "Padding"},
    "Trailing bytes": {"load": "Bytes"},
}

#: TCP flag bits, lowest first, named as Wireshark lists them ("SYN, ACK").
TCP_FLAG_NAMES = ("FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS")

_WORD = re.compile(r"^[A-Za-z_][\w\-]*$")


def field_number(raw: bytes, bit_start: int, bit_end: int) -> int | None:
    """The unsigned number stored in bits ``[bit_start, bit_end)`` of ``raw`` (≤ 32 bits)."""
    width = bit_end - bit_start
    if not 0 < width <= 32 or bit_end > len(raw) * 8 or bit_start < 0:
        return None
    first, last = bit_start // 8, (bit_end + 7) // 8
    chunk = int.from_bytes(raw[first:last], "big")
    return (chunk >> (last * 8 - bit_end)) & ((1 << width) - 1)


def tcp_flag_names(bits: int) -> str:
    return ", ".join(name for i, name in enumerate(TCP_FLAG_NAMES) if bits >> i & 1)


def bit_pattern(raw: bytes, bit_start: int, bit_end: int) -> str:
    """The bytes holding a field, bits outside it as '.', grouped by four: '...0 0001 0010'."""
    first, last = bit_start // 8, (bit_end + 7) // 8
    chars = []
    for bit in range(first * 8, last * 8):
        if bit_start <= bit < bit_end and bit < len(raw) * 8:
            chars.append(str(raw[bit // 8] >> (7 - bit % 8) & 1))
        else:
            chars.append(".")
    return " ".join("".join(chars[i:i + 4]) for i in range(0, len(chars), 4))


_OPTION = re.compile(r"\('([^']+)', (None|b''|\([^()]*\)|[^()]*?)\)")


def options_text(shown: str) -> str:
    """scapy's option list "[('MSS', 1460), ('NOP', None)]" as "MSS 1460, NOP"."""
    items = []
    for name, value in _OPTION.findall(shown):
        if name == "Timestamp" and value.startswith("("):
            tsval, _, tsecr = value.strip("()").partition(", ")
            items.append(f"Timestamps (TSval {tsval}, TSecr {tsecr})")
        elif value in ("None", "b''"):
            items.append(name)
        else:
            items.append(f"{name} {value}")
    if not items:
        return shown
    return ", ".join(items) + ("" if shown.endswith(")]") else ", …")  # cut to _MAX_VALUE


def _label(layer: str, name: str) -> str:
    label = FIELD_LABELS.get(layer, {}).get(name)
    if label:
        return label
    if layer.startswith("HTTP"):
        return name.replace("_", "-")  # User_Agent -> User-Agent (a header's own name)
    return name


def _enum_name(text: str) -> str:
    # scapy names EtherTypes without their own name "n_802_1Q"; show "802.1Q".
    return text[2:].replace("_", ".") if text.startswith("n_") else text


def field_value(layer: str, f: FieldInfo, raw: bytes) -> str:
    """A field's value as a learner reads it: names with their numbers, hex where usual."""
    width = f.bit_end - f.bit_start
    number = field_number(raw, f.bit_start, f.bit_end)
    size = f.end - f.start
    if f.name == "load":
        return f"{size} bytes: {f.value}" if size else "(empty)"
    if f.name == "options" and layer in ("IP", "TCP"):
        return f"{size} bytes: {options_text(f.value)}" if size else "none"
    if number is None:
        return f.value
    if layer == "TCP" and f.name == "flags":
        names = tcp_flag_names(number)
        return f"0x{number:03x} ({names})" if names else f"0x{number:03x}"
    if f.name == "flags":
        return f"0x{number:x} ({f.value})" if f.value else f"0x{number:x}"
    if f.name in ("ihl", "dataofs"):
        return f"{number * 4} bytes ({number})"
    if f.name == "chksum":
        return f"0x{number:0{max(1, width // 4)}x}"
    if width <= 16 and _WORD.match(f.value) and f.value != str(number):
        # A named number (port, EtherType, protocol): show the name and the number.
        shown = f"0x{number:0{width // 4}x}" if width >= 16 else str(number)
        if f.name in ("sport", "dport"):
            return f"{number} ({f.value})"
        return f"{_enum_name(f.value)} ({shown})"
    return f.value


def _port(values: dict[str, tuple[FieldInfo, int | None]], name: str) -> str:
    info, number = values.get(name, (None, None))
    if number is not None:
        return str(number)
    return info.value if info is not None else "?"


def _text(values: dict[str, tuple[FieldInfo, int | None]], name: str) -> str:
    info = values.get(name)
    return info[0].value if info is not None else "?"


def _tcp_title(v: dict[str, tuple[FieldInfo, int | None]]) -> str:
    flags = v.get("flags", (None, None))[1]
    shown = f", Flags: [{tcp_flag_names(flags)}]" if flags is not None else ""
    return (f"Transmission Control Protocol, Src Port: {_port(v, 'sport')}, "
            f"Dst Port: {_port(v, 'dport')}{shown}")


_TitleRule = Callable[[dict[str, tuple[FieldInfo, int | None]]], str]
LAYER_TITLES: dict[str, _TitleRule] = {
    "Ethernet": lambda v: f"Ethernet II, Src: {_text(v, 'src')}, Dst: {_text(v, 'dst')}",
    "802.1Q": lambda v: f"802.1Q Virtual LAN, VLAN ID: {_port(v, 'vlan')}",
    "IP": lambda v: (f"Internet Protocol Version 4, Src: {_text(v, 'src')}, "
                     f"Dst: {_text(v, 'dst')}"),
    "IPv6": lambda v: (f"Internet Protocol Version 6, Src: {_text(v, 'src')}, "
                       f"Dst: {_text(v, 'dst')}"),
    "TCP": _tcp_title,
    "HTTP 1": lambda v: "Hypertext Transfer Protocol",
    "HTTP Request": lambda v: (f"HTTP Request: {_text(v, 'Method')} {_text(v, 'Path')} "
                               f"{_text(v, 'Http_Version')}"),
    "HTTP Response": lambda v: (f"HTTP Response: {_text(v, 'Http_Version')} "
                                f"{_text(v, 'Status_Code')} {_text(v, 'Reason_Phrase')}"),
    "UDP": lambda v: (f"User Datagram Protocol, Src Port: {_port(v, 'sport')}, "
                      f"Dst Port: {_port(v, 'dport')}"),
}


def _bytes_tip(start: int, end: int) -> str:
    size = end - start
    if size <= 0:
        return QCoreApplication.translate("PacketTreeModel", "no bytes in this packet")
    if size == 1:
        return QCoreApplication.translate("PacketTreeModel", "byte {start} (1 byte)").format(
            start=start)
    return QCoreApplication.translate("PacketTreeModel", "bytes {first}–{last} ({size} bytes)"
                                      ).format(first=start, last=end - 1, size=size)


def _arrival(t: float) -> str:
    try:
        return datetime.fromtimestamp(t, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
    except (OverflowError, OSError, ValueError):
        return f"{t:.6f} s since 1970 (not a valid date)"


def truncation_text(caplen: int, wirelen: int) -> str | None:
    """'[truncated: 68 of 74 bytes captured]' when the capture's snaplen cut the packet."""
    if caplen >= wirelen:
        return None
    return QCoreApplication.translate(
        "PacketTreeModel", "[truncated: {caplen} of {wirelen} bytes captured]").format(
        caplen=caplen, wirelen=wirelen)


# --------------------------------------------------------------------------- tree building

def _leaf(text: str, key: str, start: int, end: int, kind: NodeKind = NodeKind.FIELD,
          bits: tuple[int, int] | None = None) -> TreeNode:
    b0, b1 = bits if bits is not None else (start * 8, end * 8)
    return TreeNode(text, kind, key, start, end, b0, b1, (), _bytes_tip(start, end))


def _frame_node(d: PacketDetail) -> TreeNode:
    size = len(d.raw)
    link = LINKTYPE_NAMES.get(d.linktype, "unknown link type")
    rows = [
        _leaf(f"Arrival Time: {_arrival(d.time)}", "Frame/time", 0, 0),
        _leaf(f"Frame Number: {d.number}", "Frame/number", 0, 0),
        _leaf(f"Frame Length: {d.wirelen} bytes (on the wire)", "Frame/wirelen", 0, size),
        _leaf(f"Capture Length: {d.caplen} bytes (in the file)", "Frame/caplen", 0, size),
        _leaf(f"Link Type: {link} ({d.linktype})", "Frame/linktype", 0, 0),
    ]
    if d.comment:
        rows.append(_leaf(f"Comment: {d.comment}", "Frame/comment", 0, 0))
    cut = truncation_text(d.caplen, d.wirelen)
    if cut:
        rows.append(_leaf(cut, "Frame/truncated", 0, size, NodeKind.PROBLEM))
    title = (f"Frame {d.number}: {d.wirelen} bytes on wire, {d.caplen} bytes captured")
    return TreeNode(title, NodeKind.LAYER, "Frame", 0, size, 0, size * 8, tuple(rows),
                    _bytes_tip(0, size))


def _layer_node(layer: LayerInfo, key: str, raw: bytes) -> TreeNode:
    values = {f.name: (f, field_number(raw, f.bit_start, f.bit_end)) for f in layer.fields}
    rule = LAYER_TITLES.get(layer.name)
    size = layer.end - layer.start
    if rule is not None:
        title = rule(values)
    elif layer.name in ("Raw", "Padding", "Trailing bytes"):
        title = f"{'Data' if layer.name == 'Raw' else layer.name} ({size} bytes)"
    else:
        title = layer.name
    children = tuple(
        _leaf(f"{_label(layer.name, f.name)}: {field_value(layer.name, f, raw)}",
              f"{key}/{f.name}", f.start, f.end, bits=(f.bit_start, f.bit_end))
        for f in layer.fields)
    return TreeNode(title, NodeKind.LAYER, key, layer.start, layer.end, layer.start * 8,
                    layer.end * 8, children, _bytes_tip(layer.start, layer.end))


def build_tree(detail: PacketDetail) -> tuple[TreeNode, ...]:
    """The rows of the tree for one dissected packet: Frame, then each layer."""
    nodes = [_frame_node(detail)]
    if detail.problem:
        nodes.append(_leaf(f"⚠ {detail.problem}", "problem", 0, 0, NodeKind.PROBLEM))
    seen: dict[str, int] = {}
    for layer in detail.layers:
        seen[layer.name] = seen.get(layer.name, 0) + 1
        key = layer.name if seen[layer.name] == 1 else f"{layer.name}#{seen[layer.name]}"
        nodes.append(_layer_node(layer, key, detail.raw))
    cut = truncation_text(detail.caplen, detail.wirelen)
    if cut:
        nodes.append(_leaf(QCoreApplication.translate(
            "PacketTreeModel", "⚠ {truncated}: the snapshot length cut the packet").format(
            truncated=cut), "truncated", 0, 0, NodeKind.PROBLEM))
    return tuple(nodes)


def error_tree(message: str, raw: bytes) -> tuple[TreeNode, ...]:
    """Rows for a packet that could not be read or dissected: the error, then its bytes."""
    nodes = [_leaf(f"⚠ {message}", "problem", 0, 0, NodeKind.PROBLEM)]
    if raw:
        title = QCoreApplication.translate("PacketTreeModel", "Bytes ({n}), not dissected"
                                           ).format(n=len(raw))
        nodes.append(TreeNode(title, NodeKind.LAYER, "Raw", 0, len(raw), 0, len(raw) * 8, (),
                              _bytes_tip(0, len(raw))))
    return tuple(nodes)


# --------------------------------------------------------------------------- the model

@dataclass
class _Row:
    node: TreeNode
    parent: int  # position of the parent in the flat list, -1 for top-level rows
    row: int
    children: list[int]


class PacketTreeModel(QAbstractItemModel):
    """Read-only tree over :class:`TreeNode` rows; one column."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._top: list[int] = []
        self._dark = False

    def set_dark(self, dark: bool) -> None:
        """Pick the warning ink for a dark or a light theme."""
        if dark != self._dark:
            self._dark = dark
            for entry in self._rows:
                if entry.children:  # every parent's children, then the top level
                    first = self.createIndex(0, 0, entry.children[0])
                    last = self.createIndex(len(entry.children) - 1, 0, entry.children[-1])
                    self.dataChanged.emit(first, last, [Qt.ItemDataRole.ForegroundRole])
            if self._top:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._top) - 1, 0),
                                      [Qt.ItemDataRole.ForegroundRole])

    def set_nodes(self, nodes: tuple[TreeNode, ...]) -> None:
        self.beginResetModel()
        self._rows = []
        self._top = [self._add(n, -1, i) for i, n in enumerate(nodes)]
        self.endResetModel()

    def _add(self, node: TreeNode, parent: int, row: int) -> int:
        position = len(self._rows)
        entry = _Row(node, parent, row, [])
        self._rows.append(entry)
        entry.children = [self._add(c, position, i) for i, c in enumerate(node.children)]
        return position

    def node(self, index: _Index) -> TreeNode | None:
        if not index.isValid():
            return None
        return self._rows[index.internalId()].node

    def find(self, key: str) -> QModelIndex:
        """The index of the row with this key ("TCP/sport"), or an invalid index."""
        for position, entry in enumerate(self._rows):
            if entry.node.key == key:
                return self.createIndex(entry.row, 0, position)
        return QModelIndex()

    def deepest_at(self, byte: int) -> QModelIndex:
        """The narrowest field or layer whose bytes include ``byte`` (a hex-view click)."""
        best: tuple[int, int] | None = None
        for position, entry in enumerate(self._rows):
            n = entry.node
            if n.start <= byte < n.end and n.kind is not NodeKind.PROBLEM:
                size = n.end - n.start
                if best is None or size <= best[0]:
                    best = (size, position)
        if best is None:
            return QModelIndex()
        return self.createIndex(self._rows[best[1]].row, 0, best[1])

    # -- QAbstractItemModel
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        siblings = self._rows[parent.internalId()].children if parent.isValid() else self._top
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, 0, siblings[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = self._rows[index.internalId()].parent
        if up < 0:
            return QModelIndex()
        return self.createIndex(self._rows[up].row, 0, up)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        if not parent.isValid():
            return len(self._top)
        return len(self._rows[parent.internalId()].children)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self._rows[index.internalId()].children:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (section == 0 and orientation is Qt.Orientation.Horizontal
                and role == Qt.ItemDataRole.DisplayRole):
            return QCoreApplication.translate("PacketTreeModel", "Layers and fields")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        node = self.node(index)
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return node.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tooltip or None
        if role == Qt.ItemDataRole.FontRole and node.kind is NodeKind.PROBLEM:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and node.kind is NodeKind.PROBLEM:
            return palette.WARNING_INK.pick(self._dark)
        if role == RANGE_ROLE:
            return (node.start, node.end)
        if role == BITS_ROLE:
            return (node.bit_start, node.bit_end)
        if role == KEY_ROLE:
            return node.key
        if role == KIND_ROLE:
            return node.kind
        return None
