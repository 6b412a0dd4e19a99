"""The "Teacher's note for this step" dock: a small editor that follows the cursor.

Theory of operation: the panel holds the notes of the open timeline (a StepNotes value from
simulator.models.timeline.step_notes) and the file they belong in; typing changes the note of the
current step, and the notes are written (simulator.net.step_notes_file) when the teacher
presses Save, moves to another step, or another timeline opens — so a note is never lost by
stepping on. A notes file that does not fit or cannot be read is shown as a message in the
panel; the panel then starts empty and saving keeps the other timelines' notes in the file.

Its words are interface text (Qt's translators, context "StepNotesPanel"); on
``QEvent.LanguageChange`` the heading, placeholder, button, the status line (kept as a
function that composes it) are set again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from simulator.models.timeline.step_notes import StepNotes, StepNotesError, empty_notes
from simulator.models.timeline.steps import Timeline
from simulator.net.step_notes_file import load_notes, save_notes
from simulator.ui.text.i18n import is_language_change


class StepNotesPanel(QWidget):
    saved = Signal(str)  # the path written

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._notes: StepNotes | None = None
        self._path: Path | None = None
        self._cursor = 0
        self._dirty = False
        self._status: Callable[[], str] = str  # composes the status line in today's language
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-weight: bold")
        self.editor = QPlainTextEdit(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.editor, 1)
        layout.addLayout(row)
        self.editor.textChanged.connect(self._on_edit)
        self.retranslate()

    def retranslate(self) -> None:
        self.editor.setPlaceholderText(self.tr(
            "A note for this step, kept with the capture or scenario (e.g. a question to ask "
            "the class)"))
        self.save_button.setText(self.tr("Save notes"))
        self._show_heading()
        self.status.setText(self._status())

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def _set_status(self, compose: Callable[[], str]) -> None:
        self._status = compose
        self.status.setText(compose())

    @property
    def notes(self) -> StepNotes | None:
        return self._notes

    @property
    def path(self) -> Path | None:
        return self._path

    def open(self, timeline: Timeline, path: Path | None) -> None:
        """Show the notes of this timeline, read from ``path`` (None: notes cannot be kept)."""
        self.save()
        self._path, self._cursor = path, 0
        self._notes = empty_notes(timeline)
        self._set_status(str if path is not None
                         else lambda: self.tr("Notes cannot be saved for this source."))
        if path is not None:
            try:
                self._notes = load_notes(path, timeline)
            except StepNotesError as error:
                reason = str(error)
                self._set_status(
                    lambda: self.tr("Notes not loaded: {reason}").format(reason=reason))
        self.save_button.setEnabled(path is not None)
        self._show()

    def set_cursor(self, index: int, _progress: float = 1.0) -> None:
        if index == self._cursor:
            return
        self.save()
        self._cursor = index
        self._show()

    def save(self) -> bool:
        """Write the notes if they changed; False (and a message) if that failed."""
        if not self._dirty or self._notes is None or self._path is None:
            return True
        try:
            save_notes(self._path, self._notes)
        except StepNotesError as error:
            reason = str(error)
            self._set_status(lambda: self.tr("Not saved: {reason}").format(reason=reason))
            return False
        self._dirty = False
        name = self._path.name
        self._set_status(lambda: self.tr("Saved to {file}").format(file=name))
        self.saved.emit(str(self._path))
        return True

    def _show_heading(self) -> None:
        if self._notes is None:
            self.heading.setText(self.tr("Teacher's note for this step"))
        else:
            self.heading.setText(self.tr("Teacher's note for step {n}").format(
                n=self._cursor + 1))

    def _show(self) -> None:
        self._show_heading()
        self.editor.blockSignals(True)
        self.editor.setPlainText(self._notes.get(self._cursor) if self._notes else "")
        self.editor.blockSignals(False)

    def _on_edit(self) -> None:
        if self._notes is None:
            return
        self._notes = self._notes.with_note(self._cursor, self.editor.toPlainText())
        self._dirty = True
