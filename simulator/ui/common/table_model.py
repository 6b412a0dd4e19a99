"""The base of the read-only table models: one row per record, columns from a description table.

Theory of operation
-------------------
Every table of the interface goes through a model (STYLE.md) and they all work alike: the
model holds the records it was last given (``set_rows``: a model reset, so views re-read
everything), one per row; its columns are a tuple of ``Column``s, each with an English header
(and optionally a header tooltip) marked with ``QT_TRANSLATE_NOOP`` in the concrete model's
translation context. ``headerData`` translates them each time Qt asks, so they follow the
interface language; the owning view calls ``retranslate`` on ``LanguageChange`` and the
headers, cell texts and tooltips repaint.

A subclass says what a row shows: ``display_text`` and ``tooltip_text`` (the two roles that
carry words, hence the two ``retranslate`` repaints) and ``role_data`` for every other role
(colours, fonts, alignment, its own ``UserRole``s). Colours read ``dark``, which the view sets
from its palette (``set_dark``); a change repaints every cell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")

#: The roles whose values are words in the interface language (repainted by ``retranslate``).
WORD_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


@dataclass(frozen=True)
class Column:
    """One column: its header and the header's tooltip, English, marked for translation."""

    header: str
    tip: str | None = None


class ColumnTableModel(QAbstractTableModel, Generic[RowT]):
    """A flat, read-only table of ``RowT`` records whose columns are ``columns``; headers and
    tips are translated in ``context`` (the concrete model's class name, as marked)."""

    def __init__(self, columns: Sequence[Column], context: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._context = context
        self._rows: tuple[RowT, ...] = ()
        self._dark = False

    # ---------------------------------------------------------------- feeding
    @property
    def rows(self) -> tuple[RowT, ...]:
        return self._rows

    def set_rows(self, rows: Iterable[RowT]) -> None:
        """Show these records (a model reset; state the cells read besides the rows is set
        before this call, so the views re-read it with them)."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def first_row(self, matches: Callable[[RowT], bool]) -> int:
        """The first row whose record matches, or -1."""
        return next((i for i, row in enumerate(self._rows) if matches(row)), -1)

    @property
    def dark(self) -> bool:
        return self._dark

    def set_dark(self, dark: bool) -> None:
        """The view's palette turned dark or light: colours repaint."""
        if dark != self._dark:
            self._dark = dark
            self._repaint_cells()

    def retranslate(self) -> None:
        """The interface language changed: headers, word cells and tooltips repaint."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        self._repaint_cells(WORD_ROLES)

    def _repaint_cells(self, roles: Sequence[Qt.ItemDataRole] = ()) -> None:
        """Tell the views every cell changed in these roles (none: in every role)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self._columns) - 1),
                                  list(roles))

    # ---------------------------------------------------------------- what a row shows
    def display_text(self, row: RowT, column: int) -> str:
        raise NotImplementedError

    def tooltip_text(self, row: RowT, column: int) -> str | None:
        raise NotImplementedError

    def role_data(self, row: RowT, column: int, role: int) -> Any:
        """Any other role (colours, fonts, alignment, the model's own roles); None: nothing."""
        return None

    # ---------------------------------------------------------------- Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display_text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip_text(row, column)
        found = self.role_data(row, column, role)
        if found is None and role == Qt.ItemDataRole.TextAlignmentRole:
            # Rows grow to wrapped text (the jar's rules): every cell then reads from the
            # top, beside the cell that made the row tall, not centred out of sight.
            return int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return found

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self._context, column.header)
        if role == Qt.ItemDataRole.ToolTipRole and column.tip is not None:
            return QCoreApplication.translate(self._context, column.tip)
        return None
