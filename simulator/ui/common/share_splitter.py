"""A two-pane splitter that keeps each pane's share of its length until the learner drags it.

A panel of two parts (the WSGI call chain beside its tabs, the ``environ`` table above the
handshake) gives the bigger part most of the room whatever the window's size: on every resize
the splitter hands out its length by fixed shares. Once the learner drags the handle the split
is theirs, and Qt's own resizing (by the panes' stretch factors) keeps it from then on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget


class ShareSplitter(QSplitter):
    """A splitter whose two panes get ``shares`` of its length until the handle is dragged."""

    def __init__(self, orientation: Qt.Orientation, shares: tuple[float, float],
                 parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self._shares = shares
        self._dragged = False
        self.splitterMoved.connect(self._on_moved)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._dragged:
            horizontal = self.orientation() == Qt.Orientation.Horizontal
            length = max(self.width() if horizontal else self.height(), 1)
            self.setSizes([round(length * share) for share in self._shares])

    def _on_moved(self, _pos: int, _index: int) -> None:
        self._dragged = True
