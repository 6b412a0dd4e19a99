"""The lesson browser: every lesson in syllabus order, with its source and the learner's
progress and score; choosing one emits ``lesson_chosen(name)``.

The table is a ``LessonListModel`` (QAbstractTableModel) over the loaded lessons and the
ScoreBook; the widget only shows it and forwards the choice.

Two languages meet here, kept as one setting by the main window: the lesson *content*
(titles, summaries: ``Text`` from the lesson files) follows ``set_language(lang)``; the
interface words (headings, column headers, source kinds, progress) go through Qt's
translators (context "LessonBrowser") and are re-read on ``QEvent.LanguageChange``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from simulator.models.lessons.lesson import Lesson, SourceKind
from simulator.models.lessons.score import ScoreBook
from simulator.models.lessons.text import Lang
from simulator.ui.common.table_view import readonly_table
from simulator.ui.text.fonts import lesson_font
from simulator.ui.text.i18n import is_language_change

CONTEXT = "LessonBrowser"
COLUMNS = (QT_TRANSLATE_NOOP("LessonBrowser", "Question"),
           QT_TRANSLATE_NOOP("LessonBrowser", "Lesson"),
           QT_TRANSLATE_NOOP("LessonBrowser", "Source"),
           QT_TRANSLATE_NOOP("LessonBrowser", "Progress"))
SOURCE_KINDS = {SourceKind.SCENARIO: QT_TRANSLATE_NOOP("LessonBrowser", "scenario"),
                SourceKind.CAPTURE: QT_TRANSLATE_NOOP("LessonBrowser", "capture"),
                SourceKind.TRACE: QT_TRANSLATE_NOOP("LessonBrowser", "trace"),
                SourceKind.CHAIN: QT_TRANSLATE_NOOP("LessonBrowser", "chain"),
                SourceKind.FLOW: QT_TRANSLATE_NOOP("LessonBrowser", "live flow")}
NAME_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


def progress_text(book: ScoreBook, lesson: str) -> str:
    """How far the learner got and how many predictions were right, in interface words."""
    score = book.get(lesson)
    if score.furthest_step < 0 and not score.asked:
        return QCoreApplication.translate("LessonBrowser", "not started")
    parts = [f"{round(100 * score.progress)} %"]
    if score.asked:
        parts.append(QCoreApplication.translate("LessonBrowser", "{right}/{asked} right")
                     .format(right=score.right, asked=score.asked))
    return " · ".join(parts)


class LessonListModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lessons: tuple[Lesson, ...] = ()
        self._book = ScoreBook()
        self._lang = Lang.EN

    def set_lessons(self, lessons: tuple[Lesson, ...]) -> None:
        self.beginResetModel()
        self._lessons = lessons
        self.endResetModel()

    def set_scores(self, book: ScoreBook) -> None:
        self._book = book
        if self._lessons:
            self.dataChanged.emit(self.index(0, 3), self.index(len(self._lessons) - 1, 3))

    def set_language(self, lang: Lang) -> None:
        """The lessons' own text (titles, summaries) in ``lang``."""
        self._lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        """Headers and every cell again: the interface language changed (or the lesson's)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._lessons:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._lessons) - 1, len(COLUMNS) - 1))

    def lesson(self, row: int) -> Lesson:
        return self._lessons[row]

    def row_of(self, name: str) -> int:
        return next((i for i, lesson in enumerate(self._lessons) if lesson.name == name), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lessons)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return QCoreApplication.translate(CONTEXT, str(COLUMNS[section]))
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lessons):
            return None
        lesson = self._lessons[index.row()]
        column = index.column()
        if role == NAME_ROLE:
            return lesson.name
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(lesson.syllabus)
            if column == 1:
                return lesson.title.get(self._lang)
            if column == 2:
                kind = QCoreApplication.translate(CONTEXT, str(SOURCE_KINDS[lesson.source.kind]))
                return QCoreApplication.translate("LessonBrowser", "{kind}: {name}").format(
                    kind=kind, name=lesson.source.name)
            if column == 3:
                return progress_text(self._book, lesson.name)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (lesson.summary.get(self._lang) + "\n\n"
                    + QCoreApplication.translate("LessonBrowser", "Teaches: {cites}")
                    .format(cites=", ".join(lesson.cites)))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class LessonBrowser(QWidget):
    """The list of lessons; double-click (or Enter) opens one."""

    lesson_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LessonListModel(self)
        self.heading = QLabel(self)  # how to use the list (the dock's title names it)
        self.heading.setWordWrap(True)
        self.heading.setFont(lesson_font())
        self.table = readonly_table(self.model, self, pickable=True, min_rows=4)
        self.table.setFont(lesson_font())
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setFont(lesson_font())
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 120)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(self._on_activated)
        self.table.doubleClicked.connect(self._on_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def set_lessons(self, lessons: tuple[Lesson, ...]) -> None:
        self.model.set_lessons(lessons)
        self.table.resizeRowsToContents()

    def set_scores(self, book: ScoreBook) -> None:
        self.model.set_scores(book)
        self.table.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # In a narrow dock the lesson titles need the room more than the source column.
        self.table.setColumnHidden(2, self.width() < 440)
        self.table.resizeRowsToContents()

    def set_language(self, lang: Lang) -> None:
        """Show the lessons' titles and summaries in ``lang`` (the interface words follow
        the translators instead)."""
        self.model.set_language(lang)
        self.table.resizeRowsToContents()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Double-click a lesson to start it. Its list folds away "
                                     "while it plays; Ctrl+L brings it back."))
        self.model.retranslate()
        self.table.resizeRowsToContents()

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def select(self, name: str) -> None:
        row = self.model.row_of(name)
        if row >= 0:
            self.table.selectRow(row)

    def choose(self, name: str) -> None:
        """Open the lesson as if the learner had double-clicked it."""
        self.select(name)
        self.lesson_chosen.emit(name)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.lesson_chosen.emit(str(self.model.data(index, NAME_ROLE)))
