"""The layer tree of one dissected packet, like Wireshark's, as a Qt item model.

Theory of operation
-------------------
``packet_tree_nodes.build_tree`` turns one packet's dissection into ``TreeNode`` rows (a
synthetic Frame layer, then each protocol layer with its fields, worded by
``dissection_text``); this module serves those rows to a tree view as a read-only,
one-column ``QAbstractItemModel``. Every row answers with its byte range (``RANGE_ROLE``) so
the hex view can highlight it, its bit range (``BITS_ROLE``), its kind (``KIND_ROLE``) and a
stable key (``KEY_ROLE``: "TCP/sport", "802.1Q#2/vlan") so the view can keep the learner's
selection when the next packet is shown; ``find`` and ``deepest_at`` lead from a key or a
clicked byte back to its row. Rows about what could not be dissected or captured are bold, in
the warning ink of the theme. The model holds no protocol state: it is given new rows
(``set_nodes``) for each packet.

Language: the dissection stays English in every interface language, as Wireshark keeps its
dissector text English in its translated interface (see ``dissection_text``). The model's own
words (the header here, the tooltips and problem rows built by ``packet_tree_nodes``) go
through ``QCoreApplication.translate`` (context "PacketTreeModel").
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from simulator.ui.capture.packet_tree_nodes import NodeKind, TreeNode
from simulator.ui.common import palette

RANGE_ROLE = Qt.ItemDataRole.UserRole + 1  # (start, end): the row's bytes are raw[start:end]
BITS_ROLE = Qt.ItemDataRole.UserRole + 2  # (bit_start, bit_end), absolute bit offsets
KEY_ROLE = Qt.ItemDataRole.UserRole + 3  # "TCP/sport": stable across packets
KIND_ROLE = Qt.ItemDataRole.UserRole + 4  # a NodeKind

_Index = QModelIndex | QPersistentModelIndex


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
