"""The teacher's tools in the main window: the ladder as Mermaid / PlantUML text (File menu)
and the per-step notes dock, kept beside a capture or in the user's config directory for a
scenario (simulator.net.step_notes_file).

Their words are interface text translated by Qt (context "TeacherTools"). Menu actions and
the dock title belong to no widget of ours, so ``install`` also adds a small ``_Retranslator``
child to the window: QWidget passes ``QEvent.LanguageChange`` on to its children, and the
retranslator then re-sets those texts (``TeacherTools.retranslate``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

from simulator.models.timeline.ladder_text import LadderSyntax, ladder_text
from simulator.models.timeline.steps import Timeline
from simulator.net.capture.index import CaptureIndex
from simulator.net.step_notes_file import notes_path_for_capture, notes_path_for_scenario
from simulator.ui.app.step_notes_panel import StepNotesPanel
from simulator.ui.common.player import Player
from simulator.ui.text.i18n import is_language_change


class TeacherHost(Protocol):
    """What the tools read of the main window they are installed in."""

    player: Player

    @property
    def timeline(self) -> Timeline: ...

    @property
    def capture_index(self) -> CaptureIndex | None: ...

    @property
    def relative_numbers(self) -> bool: ...

    def window(self) -> QWidget: ...


def _main_window(host: TeacherHost) -> QMainWindow:
    window = host.window()
    assert isinstance(window, QMainWindow)
    return window


# Tool names and file patterns: not translated.
SUFFIXES = {LadderSyntax.MERMAID: ("mmd", "Mermaid (*.mmd *.md)"),
            LadderSyntax.PLANTUML: ("puml", "PlantUML (*.puml *.plantuml)")}
SYNTAX_NAMES = {LadderSyntax.MERMAID: "Mermaid", LadderSyntax.PLANTUML: "PlantUML"}


def scenario_notes_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(base) / "notes"


def notes_path(window: TeacherHost, timeline: Timeline) -> Path | None:
    """Beside the capture it replays, else in the config directory by timeline name."""
    capture = window.capture_index.path if window.capture_index is not None else None
    if timeline.name.startswith("connection-") and capture:
        return notes_path_for_capture(capture)
    return notes_path_for_scenario(scenario_notes_dir(), timeline.name) if timeline.name \
        else None


def write_ladder_text(host: TeacherHost, syntax: LadderSyntax, path: str) -> bool:
    window = _main_window(host)
    try:
        Path(path).write_text(ladder_text(host.timeline, syntax, host.relative_numbers),
                              encoding="utf-8")
    except OSError as error:
        QMessageBox.warning(
            window, QCoreApplication.translate("TeacherTools", "Export failed"),
            QCoreApplication.translate("TeacherTools", "Could not write {path}: {reason}")
            .format(path=path, reason=error.strerror))
        return False
    window.statusBar().showMessage(
        QCoreApplication.translate("TeacherTools", "Saved {path}").format(path=path), 5000)
    return True


def export_title(syntax: LadderSyntax) -> str:
    """The menu text (and, without the ellipsis, the file dialog title) of an export."""
    return QCoreApplication.translate("TeacherTools", "Export ladder as {syntax}…").format(
        syntax=SYNTAX_NAMES[syntax])


def _export_ladder(host: TeacherHost, syntax: LadderSyntax) -> None:
    suffix, kind = SUFFIXES[syntax]
    path, _ = QFileDialog.getSaveFileName(host.window(), export_title(syntax).rstrip("…"),
                                          f"{host.timeline.name}.{suffix}", kind)
    if path:
        write_ladder_text(host, syntax, path)


@dataclass
class TeacherTools:
    """What ``install`` added to the window."""

    export_mermaid_action: QAction
    export_plantuml_action: QAction
    notes: StepNotesPanel
    notes_dock: QDockWidget

    def retranslate(self) -> None:
        """Menu and dock texts in the interface language (the panel does its own)."""
        self.export_mermaid_action.setText(export_title(LadderSyntax.MERMAID))
        self.export_plantuml_action.setText(export_title(LadderSyntax.PLANTUML))
        self.notes_dock.setWindowTitle(
            QCoreApplication.translate("TeacherTools", "Teacher's notes"))
        self.notes_dock.toggleViewAction().setStatusTip(QCoreApplication.translate(
            "TeacherTools", "Show or hide a note for each step, saved beside the capture or "
                            "scenario"))


class _Retranslator(QObject):
    """A child of the window that hears the window's LanguageChange (QWidget sends it to
    every child object) and retranslates the tools."""

    def __init__(self, tools: TeacherTools, parent: QObject) -> None:
        super().__init__(parent)
        self._tools = tools

    def event(self, event: QEvent) -> bool:
        if is_language_change(event):
            self._tools.retranslate()
        return super().event(event)


def install(host: TeacherHost, *, after: QAction, menu: QMenu) -> TeacherTools:
    """Add the ladder exports to the menus that hold ``after`` (just after it) and the notes
    dock, hidden until asked for from ``menu`` (Lesson → Teacher's notes)."""
    window = _main_window(host)
    mermaid = QAction(window)
    mermaid.triggered.connect(lambda: _export_ladder(host, LadderSyntax.MERMAID))
    plantuml = QAction(window)
    plantuml.triggered.connect(lambda: _export_ladder(host, LadderSyntax.PLANTUML))
    for holder in after.associatedObjects():
        if isinstance(holder, QMenu):
            actions = holder.actions()
            index = actions.index(after)
            before = actions[index + 1] if index + 1 < len(actions) else None
            holder.insertActions(before, [mermaid, plantuml])  # type: ignore[arg-type]

    panel = StepNotesPanel(window)
    dock = QDockWidget(window)
    dock.setObjectName("step-notes-dock")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    menu.addAction(dock.toggleViewAction())
    host.player.timeline_changed.connect(
        lambda timeline: panel.open(timeline, notes_path(host, timeline)))
    host.player.cursor_changed.connect(panel.set_cursor)
    tools = TeacherTools(mermaid, plantuml, panel, dock)
    tools.retranslate()
    _Retranslator(tools, window)
    return tools
