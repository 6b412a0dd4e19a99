"""The rows of one packet's layer tree, built from its dissection: Frame, then each layer.

``build_tree`` turns a ``PacketDetail`` (from
``simulator.net.capture.packet_detail.dissect_packet``) into ``TreeNode`` rows: a synthetic
*Frame* layer (number, arrival time, lengths, link type, capture comment), one row per
protocol layer and one per field, worded by ``dissection_text``; ``error_tree`` gives the rows
for a packet that could not be read or dissected. Every row carries its byte range
``raw[start:end]`` and bit range, so the hex view can highlight it, and a stable key
("TCP/sport", "802.1Q#2/vlan": a repeated layer is numbered) so the view can keep the
learner's selection when the next packet is shown. The rows hold no protocol state: they are
rebuilt from a ``PacketDetail`` each time.

A row under the Frame names the packet's Wireshark-style TCP analysis flags (duplicate ACK,
zero window, ...: ``simulator.net.capture.tcp_anomalies``) in words, as Wireshark's expert
info does, with a sentence under it for each that says what the flag means
(``simulator.models.replay.wording``). Under the TCP layer's window field, when the
connection's SYNs negotiated window scaling (RFC 7323 §2.2), two rows say the scaling factor
and the window it stands for, as Wireshark's "[Calculated window size]" does.

Language: the dissection and the Frame layer stay English in every interface language (see
``dissection_text``). The tree's own words (byte-range tooltips, the truncation, analysis and
not-dissected rows) go through ``QCoreApplication.translate`` (context "PacketTreeModel")
when the rows are built, and the reader's problems through ``translate_text``, so the view
rebuilds the rows on ``LanguageChange``.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

from PySide6.QtCore import QCoreApplication

from simulator.models.replay.wording import analysis_lines
from simulator.models.tcp.segment import scaled_window
from simulator.net.capture.packet_detail import LayerInfo, PacketDetail
from simulator.ui.capture.dissection_text import (
    LINKTYPE_NAMES,
    field_label,
    field_number,
    field_value,
    layer_title,
)
from simulator.ui.text.catalogue_capture import anomaly_list
from simulator.ui.text.model_text import translate_text


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


def _layer_node(layer: LayerInfo, key: str, raw: bytes,
                window_shift: int | None = None) -> TreeNode:
    rows: list[TreeNode] = []
    for f in layer.fields:
        rows.append(_leaf(f"{field_label(layer.name, f.name)}: {field_value(layer.name, f, raw)}",
                          f"{key}/{f.name}", f.start, f.end, bits=(f.bit_start, f.bit_end)))
        if layer.name == "TCP" and f.name == "window" and window_shift is not None:
            window = field_number(raw, f.bit_start, f.bit_end)
            if window is not None:
                rows.append(_leaf(QCoreApplication.translate(
                    "PacketTreeModel", "[Window size scaling factor: {factor} (shift {shift}, "
                    "RFC 7323 §2.2)]").format(factor=2 ** window_shift, shift=window_shift),
                    f"{key}/window_factor", f.start, f.end))
                rows.append(_leaf(QCoreApplication.translate(
                    "PacketTreeModel", "[Calculated window size: {size} bytes]").format(
                        size=scaled_window(window, window_shift)),
                    f"{key}/window_size", f.start, f.end))
    children = tuple(rows)
    return TreeNode(layer_title(layer, raw), NodeKind.LAYER, key, layer.start, layer.end,
                    layer.start * 8, layer.end * 8, children,
                    _bytes_tip(layer.start, layer.end))


def build_tree(detail: PacketDetail, anomalies: Sequence[str] = (),
               window_shift: int | None = None) -> tuple[TreeNode, ...]:
    """The rows of the tree for one dissected packet: Frame, its TCP analysis flags
    (``anomalies``: ``tcp_anomalies`` tokens) each explained, then each layer;
    ``window_shift``: the window scale that applies to its window field, if any."""
    nodes = [_frame_node(detail)]
    if anomalies:
        meanings = tuple(
            TreeNode(translate_text(str(line)), NodeKind.FIELD, f"analysis/{k}", 0, 0, 0, 0)
            for k, line in enumerate(analysis_lines(anomalies)))
        nodes.append(TreeNode(QCoreApplication.translate(
            "PacketTreeModel", "⚠ TCP analysis (as Wireshark): {flags}").format(
            flags=anomaly_list(anomalies)), NodeKind.PROBLEM, "analysis", 0, 0, 0, 0,
            meanings, _bytes_tip(0, 0)))
    if detail.problem:
        nodes.append(_leaf(f"⚠ {translate_text(detail.problem)}", "problem", 0, 0,
                           NodeKind.PROBLEM))
    seen: dict[str, int] = {}
    for layer in detail.layers:
        seen[layer.name] = seen.get(layer.name, 0) + 1
        key = layer.name if seen[layer.name] == 1 else f"{layer.name}#{seen[layer.name]}"
        nodes.append(_layer_node(layer, key, detail.raw, window_shift))
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
