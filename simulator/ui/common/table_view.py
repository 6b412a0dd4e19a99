"""The table views of the interface: one record a row, shown and never edited.

Two kinds, set up alike (whole rows selected, no row numbers, no editing):

* a **display** table (the cookie jar, the session store, ``environ``) follows the cursor and
  only shows: it takes no keyboard focus (the arrow keys stay the Player's) and its last
  column stretches to the view's edge;
* a **pickable** table (the lessons, a capture's connections) is a list the learner chooses
  from: it keeps the keyboard focus and selects one row at a time.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget


def readonly_table(model: QAbstractItemModel, parent: QWidget,
                   pickable: bool = False) -> QTableView:
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
    return table
