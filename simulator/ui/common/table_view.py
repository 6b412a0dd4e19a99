"""The table views of the interface: one record a row, shown and never edited.

Two kinds, set up alike (whole rows selected, no row numbers, no editing):

* a **display** table (the cookie jar, the session store, ``environ``) follows the cursor and
  only shows: it takes no keyboard focus (the arrow keys stay the Player's) and its last
  column stretches to the view's edge;
* a **pickable** table (the lessons, a capture's connections) is a list the learner chooses
  from: it keeps the keyboard focus and selects one row at a time.

A table given ``min_rows`` never gets shorter than its header plus that many rows (and a
horizontal scroll bar): a jar that says "1 of 1 go in the Cookie header" shows that cookie,
it is never squeezed to a bare header. The floor follows the font (zoom, presentation).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget


def readonly_table(model: QAbstractItemModel, parent: QWidget, pickable: bool = False,
                   min_rows: int = 0) -> QTableView:
    """A table view of ``model`` (a display table; ``pickable``: a list to choose from)."""
    table = QTableView(parent)
    table.setModel(model)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if pickable:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    else:
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.horizontalHeader().setStretchLastSection(True)
    if min_rows:
        _RowFloor(table, min_rows)
    return table


def rows_height(table: QTableView, rows: int) -> int:
    """The height that shows the header, the first ``rows`` rows as they are now laid out
    (rows that do not exist count at the default row height) and a horizontal scroll bar."""
    header = table.horizontalHeader().sizeHint().height()
    model = table.model()
    present = min(rows, model.rowCount() if model is not None else 0)
    laid_out = sum(table.rowHeight(r) for r in range(present))
    default = table.verticalHeader().defaultSectionSize() * (rows - present)
    bar = table.horizontalScrollBar().sizeHint().height()
    return header + laid_out + default + bar + 2 * table.frameWidth()


def keep_rows_in_view(table: QTableView, rows: int) -> None:
    """After rows were resized to their contents: the table at least that tall again."""
    table.setMinimumHeight(rows_height(table, rows))


class _RowFloor(QObject):
    """Keeps a table at least ``rows`` rows tall, again whenever its font or style changes."""

    def __init__(self, table: QTableView, rows: int) -> None:
        super().__init__(table)
        self._table = table
        self._rows = rows
        table.installEventFilter(self)
        self._apply()

    def _apply(self) -> None:
        self._table.setMinimumHeight(rows_height(self._table, self._rows))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._table and event.type() in (QEvent.Type.FontChange,
                                                       QEvent.Type.StyleChange):
            self._apply()
        return False
