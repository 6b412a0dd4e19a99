"""The teacher's tools in the main window: the ladder as Mermaid / PlantUML text (File menu)
and the per-step notes dock, kept beside a capture or in the user's config directory for a
scenario (simulator.net.step_notes_file)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMenu, QMessageBox

from simulator.models.ladder_text import LadderSyntax, ladder_text
from simulator.models.timeline import Timeline
from simulator.net.step_notes_file import notes_path_for_capture, notes_path_for_scenario
from simulator.ui.step_notes_panel import StepNotesPanel

if TYPE_CHECKING:
    from simulator.ui.main_window import MainWindow

SUFFIXES = {LadderSyntax.MERMAID: ("mmd", "Mermaid (*.mmd *.md)"),
            LadderSyntax.PLANTUML: ("puml", "PlantUML (*.puml *.plantuml)")}


def scenario_notes_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(base) / "notes"


def notes_path(window: MainWindow, timeline: Timeline) -> Path | None:
    """Beside the capture it replays, else in the config directory by timeline name."""
    capture = window.capture_index.path if window.capture_index is not None else None
    if timeline.name.startswith("connection-") and capture:
        return notes_path_for_capture(capture)
    return notes_path_for_scenario(scenario_notes_dir(), timeline.name) if timeline.name \
        else None


def write_ladder_text(window: MainWindow, syntax: LadderSyntax, path: str) -> bool:
    try:
        Path(path).write_text(ladder_text(window.timeline, syntax,
                                          window.relative_action.isChecked()),
                              encoding="utf-8")
    except OSError as error:
        QMessageBox.warning(window, "Export failed", f"Could not write {path}: "
                            f"{error.strerror}")
        return False
    window.statusBar().showMessage(f"Saved {path}", 5000)
    return True


def _export_ladder(window: MainWindow, syntax: LadderSyntax) -> None:
    suffix, kind = SUFFIXES[syntax]
    title = "Mermaid" if syntax is LadderSyntax.MERMAID else "PlantUML"
    path, _ = QFileDialog.getSaveFileName(window, f"Export ladder as {title}",
                                          f"{window.timeline.name}.{suffix}", kind)
    if path:
        write_ladder_text(window, syntax, path)


@dataclass
class TeacherTools:
    """What ``install`` added to the window."""

    export_mermaid_action: QAction
    export_plantuml_action: QAction
    notes: StepNotesPanel
    notes_dock: QDockWidget


def install(window: MainWindow) -> TeacherTools:
    """Add the File-menu exports (after the JSON export) and the notes dock (hidden until
    asked for: Lesson → Teacher's notes)."""
    mermaid = QAction("Export ladder as Mermaid…", window)
    mermaid.triggered.connect(lambda: _export_ladder(window, LadderSyntax.MERMAID))
    plantuml = QAction("Export ladder as PlantUML…", window)
    plantuml.triggered.connect(lambda: _export_ladder(window, LadderSyntax.PLANTUML))
    anchor = window.export_json_action
    for menu in anchor.associatedObjects():
        if isinstance(menu, QMenu):
            actions = menu.actions()
            index = actions.index(anchor)
            before = actions[index + 1] if index + 1 < len(actions) else None
            menu.insertActions(before, [mermaid, plantuml])  # type: ignore[arg-type]

    panel = StepNotesPanel(window)
    dock = QDockWidget("Teacher's notes", window)
    dock.setObjectName("step-notes-dock")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    window.lesson_menu.addAction(dock.toggleViewAction())
    window.player.timeline_changed.connect(
        lambda timeline: panel.open(timeline, notes_path(window, timeline)))
    window.player.cursor_changed.connect(panel.set_cursor)
    return TeacherTools(mermaid, plantuml, panel, dock)
