"""Packet details: the layer tree of one captured packet beside its hex dump, like Wireshark.

Theory of operation
-------------------
The capture index only locates packets; when the learner opens one (moves the cursor onto a
captured segment, or clicks its arrow on the ladder), ``show_packet(index, number)`` asks
``simulator.net.capture.packet_detail.dissect_packet`` for one scapy dissection of just that packet
(milliseconds, so it runs on the GUI thread) and shows:

* a title line, "Packet 17 · 74 bytes captured (74 on wire)", plus "[truncated: N of M
  bytes captured]" when the capture's snapshot length cut the packet;
* the layer tree (``PacketTreeModel``): Frame, Ethernet, IP, TCP, ... each expandable to its
  fields;
* the hex dump (``HexView``): selecting a layer or a field highlights exactly its bytes
  (``raw[start:end]`` from the dissection) and scrolls to them; clicking a byte selects the
  narrowest field that holds it. A line under the dump names the selection's bytes and, for
  bit fields (TCP flags, IPv4 version/IHL), shows which bits of those bytes it uses.

The selected field and the expanded layers are remembered by key ("TCP/sport"), so stepping
through a connection keeps the same field highlighted packet after packet. Nothing raises
into Qt: a packet that cannot be re-read or dissected shows the error in the tree and still
shows whatever bytes could be read. The view holds no protocol state.

Language: the view's own words (title line, placeholders, the line under the dump) go
through ``self.tr``; scapy's dissection stays English (see ``packet_tree_model``), as in
Wireshark; error messages from ``simulator.net`` (``capture.messages``) are translated by
``translate_text``. On ``QEvent.LanguageChange`` the shown packet is
dissected again (milliseconds), so every row and tooltip is rebuilt in the new language
while the selected field and the expanded layers stay as they were.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from simulator.models.replay.lazy_timeline import ReplayTimeline
from simulator.models.timeline.steps import Step, Timeline
from simulator.net.capture.errors import CaptureError
from simulator.net.capture.index import CaptureIndex
from simulator.net.capture.packet_detail import PacketDetail, dissect_packet, read_packet_bytes
from simulator.net.capture.tcp_anomalies import anomaly_names
from simulator.net.capture.tcp_options import window_shift_of
from simulator.ui.capture.dissection_text import bit_pattern
from simulator.ui.capture.hex_view import HexView
from simulator.ui.capture.packet_tree_model import KEY_ROLE, PacketTreeModel
from simulator.ui.capture.packet_tree_nodes import (
    NodeKind,
    TreeNode,
    build_tree,
    error_tree,
    truncation_text,
)
from simulator.ui.common import palette
from simulator.ui.common.legibility import legibility, text_font
from simulator.ui.text.i18n import QT_TRANSLATE_NOOP, is_language_change
from simulator.ui.text.model_text import translate_text

#: Layers expanded the first time a packet is shown: the lesson is about TCP.
DEFAULT_EXPANDED = frozenset({"TCP"})
TREE_EMS = 18  # the layer tree's least width beside the dump, in text sizes
NO_PACKET = QT_TRANSLATE_NOOP(
    "PacketDetailView", "No packet selected: step onto a captured segment or click its arrow.")


def captured_packet_number(timeline: Timeline, step: Step) -> int | None:
    """The capture's packet number (1-based) of the segment a replayed step is about.

    A replayed capture's Timeline (``ReplayTimeline``) keeps the replay's input columns, in
    which segment ``i`` (``SegmentRecord.id == i``) came from packet ``columns.packet[i]``
    (``connection_replay`` fills it from the index). None for a step without a segment and
    for timelines that do not come from a capture (scenarios, live traces).
    """
    record = step.segment
    if record is None or not isinstance(timeline, ReplayTimeline):
        return None
    packets = timeline.log.columns.packet
    if not 0 <= record.id < len(packets):
        return None
    number = int(packets[record.id])
    return number if number > 0 else None


def _failure(exc: Exception, number: int) -> str:
    if isinstance(exc, (IndexError, CaptureError)):
        return translate_text(str(exc))
    return QCoreApplication.translate(
        "PacketDetailView", "packet {number} could not be dissected: {error}").format(
        number=number, error=f"{type(exc).__name__}: {exc}")


def _anomalies(index: CaptureIndex, number: int) -> tuple[str, ...]:
    """The packet's Wireshark-style TCP analysis flags (tokens), none for a non-TCP one."""
    return anomaly_names(int(index.packets["anomalies"][number - 1]))


class PacketDetailView(QWidget):
    """Title, layer tree and hex dump of one packet; see the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setWordWrap(True)
        self.model = PacketTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hex = HexView(self)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info.setFont(text_font(mono=True))  # the body size; zoom sets it again

        bytes_pane = QWidget(self)
        bytes_layout = QVBoxLayout(bytes_pane)
        bytes_layout.setContentsMargins(0, 0, 0, 0)
        bytes_layout.addWidget(self.hex, 1)
        bytes_layout.addWidget(self.info)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(bytes_pane)
        self.splitter.setStretchFactor(0, 1)  # the tree takes what the hex dump does not need
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.splitter, 1)

        self._index: CaptureIndex | None = None
        self._number: int | None = None
        self._pending: tuple[CaptureIndex, int] | None = None  # asked for while hidden
        self._detail: PacketDetail | None = None
        self._selected_key: str | None = None
        self._expanded: set[str] = set(DEFAULT_EXPANDED)
        self._restoring = False
        self._cleared = False
        selection = self.tree.selectionModel()
        selection.currentChanged.connect(self._on_current)
        self.tree.expanded.connect(self._on_expanded)
        self.tree.collapsed.connect(self._on_collapsed)
        self.hex.byte_clicked.connect(self._on_byte_clicked)
        self._apply_palette()
        legibility().changed.connect(self._on_text_size)
        self.clear()
        self.retranslate()

    def _on_text_size(self) -> None:
        self.info.setFont(text_font(mono=True))
        self._arrange()  # the dump's line grew or shrank with the text

    def retranslate(self) -> None:
        """Re-set every text in the interface language: the tooltips, and the packet shown
        (or the placeholder) built again."""
        self.info.setToolTip(self.tr("The bytes of the selected layer or field, and for a "
                                     "bit field which bits of them it uses"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)
        if self._cleared:
            self.title.setText(QCoreApplication.translate("PacketDetailView", NO_PACKET))
            self._show_selection(self.tree.currentIndex())
        elif self._index is not None and self._number is not None:
            index, number = self._index, self._number
            self._index = None  # show_packet skips the packet already shown
            self.show_packet(index, number)

    # ------------------------------------------------------------------ public API
    @property
    def number(self) -> int | None:
        """The packet shown (or to be shown when the view is next shown), or None."""
        return self._pending[1] if self._pending is not None else self._number

    @property
    def detail(self) -> PacketDetail | None:
        """The dissection shown (None when cleared or when dissection failed)."""
        return self._detail

    def show_packet(self, index: CaptureIndex, number: int) -> None:
        """Dissect and show packet ``number`` (1-based) of ``index``; never raises. While the
        view is hidden (its tab behind another) the dissection waits until it is shown: a
        step through a capture costs no scapy dissection nobody sees."""
        if not self.isVisible():
            self._pending = (index, number)
            self._cleared = False
            return
        self._pending = None
        if index is self._index and number == self._number:
            return
        self._index, self._number = index, number
        self._cleared = False
        raw, wire = b"", None
        try:
            detail: PacketDetail | None = dissect_packet(index, number)
            assert detail is not None
            nodes = build_tree(detail, _anomalies(index, number),
                               window_shift_of(index, number))
            raw, wire = detail.raw, detail.wirelen
            self.title.setText(self._title(number, detail.caplen, detail.wirelen))
            self.title.setToolTip(detail.summary)
        except Exception as exc:  # a bad packet must never take the window down
            detail = None
            try:
                raw = read_packet_bytes(index, number)
                wire = int(index.packets.row(number - 1)["wirelen"])
            except Exception:  # nothing readable: the error row says why
                raw, wire = b"", None
            nodes = error_tree(_failure(exc, number), raw)
            self.title.setText(self._title(number, len(raw), wire) if raw
                               else self.tr("<b>Packet {number}</b> · could not be read"
                                            ).format(number=number))
            self.title.setToolTip("")
        self._detail = detail
        self.hex.set_data(raw, wire)
        self._set_nodes(nodes)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending is not None:
            self.show_packet(*self._pending)

    def clear(self) -> None:
        """Show no packet (a scenario is playing, or the step has no captured segment)."""
        self._pending = None
        if self._cleared:
            return  # the player calls this on every tick of a scenario: stay cheap
        self._cleared = True
        self._index = self._number = self._detail = None
        self.title.setText(QCoreApplication.translate("PacketDetailView", NO_PACKET))
        self.title.setToolTip("")
        self.hex.set_data(b"")
        self._set_nodes(())

    def select_key(self, key: str) -> bool:
        """Select the row with this key ("TCP/sport") as a click would; False if absent."""
        found = self.model.find(key)
        if not found.isValid():
            return False
        self.tree.setCurrentIndex(found)
        return True

    def selected_node(self) -> TreeNode | None:
        return self.model.node(self.tree.currentIndex())

    def title_text(self) -> str:
        """The title line as plain text."""
        doc = self.title.text()
        return doc.replace("<b>", "").replace("</b>", "")

    # ------------------------------------------------------------------ internals
    def _title(self, number: int, caplen: int, wirelen: int | None) -> str:
        wire = caplen if wirelen is None else wirelen
        text = self.tr("<b>Packet {number}</b> · {caplen} bytes captured ({wire} on wire)"
                       ).format(number=number, caplen=caplen, wire=wire)
        cut = truncation_text(caplen, wire)
        return f"{text} · {cut}" if cut else text

    def _set_nodes(self, nodes: tuple[TreeNode, ...]) -> None:
        self._restoring = True
        try:
            self.model.set_nodes(nodes)
            for row in range(self.model.rowCount()):
                index = self.model.index(row, 0)
                if self.model.data(index, KEY_ROLE) in self._expanded:
                    self.tree.expand(index)
            found = self.model.find(self._selected_key) if self._selected_key else None
            if found is not None and found.isValid():
                self.tree.setCurrentIndex(found)
                self.tree.scrollTo(found)
            else:
                self.tree.setCurrentIndex(QModelIndex())
        finally:
            self._restoring = False
        self._show_selection(self.tree.currentIndex())

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._restoring:
            return
        node = self.model.node(current)
        if node is not None:
            self._selected_key = node.key
        self._show_selection(current)

    def _show_selection(self, current: QModelIndex | QPersistentModelIndex) -> None:
        node = self.model.node(current)
        if node is None or (node.kind is NodeKind.PROBLEM and node.end <= node.start):
            self.hex.clear_highlight()
            self.info.setText(self.tr("Select a layer or a field to see its bytes.")
                              if self.hex.data() else "")
            return
        parent = self.model.node(current.parent())
        layer = (parent.start, parent.end) if parent is not None else None
        self.hex.highlight(node.start, node.end, layer)
        # A field's name is the dissection's (English); the rest is the view's own words.
        if node.kind is NodeKind.FIELD:
            text = self.tr("{field}: {bytes}").format(field=node.text.split(":", 1)[0],
                                                      bytes=node.tooltip)
        else:
            text = self.tr("This layer: {bytes}").format(bytes=node.tooltip)
        if node.kind is NodeKind.FIELD and (node.bit_start % 8 or node.bit_end % 8):
            text = self.tr("{what}; bits {pattern}").format(
                what=text, pattern=bit_pattern(self.hex.data(), node.bit_start, node.bit_end))
        self.info.setText(text)

    def _on_expanded(self, index: QModelIndex) -> None:
        if not self._restoring:
            self._expanded.add(str(self.model.data(index, KEY_ROLE)))

    def _on_collapsed(self, index: QModelIndex) -> None:
        self._expanded.discard(str(self.model.data(index, KEY_ROLE)))

    def _on_byte_clicked(self, offset: int) -> None:
        found = self.model.deepest_at(offset)
        if found.isValid():
            self.tree.setCurrentIndex(found)
            self.tree.scrollTo(found)

    def _apply_palette(self) -> None:
        dark = palette.is_dark(self.palette())
        self.model.set_dark(dark)
        tree_palette = self.tree.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            tree_palette.setColor(group, QPalette.ColorRole.Highlight,
                                  palette.FIELD_BYTES.pick(dark))
            tree_palette.setColor(group, QPalette.ColorRole.HighlightedText,
                                  palette.FIELD_BYTES_INK.pick(dark))
        self.tree.setPalette(tree_palette)
        self.info.setStyleSheet(f"color: {palette.MUTED_INK.pick(dark).name()};")

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """Beside each other in a wide dock, one above the other in a tall one — or when the
        tree would get less than TREE_EMS text sizes beside a whole line of the dump."""
        tree = TREE_EMS * legibility().text_px()
        wide = (self.width() > 1.4 * self.height()
                and self.width() >= self.hex.minimumWidth() + tree)
        self.splitter.setOrientation(Qt.Orientation.Horizontal if wide
                                     else Qt.Orientation.Vertical)
