"""Put the lesson browser, narration and predict panels into a main window as dock widgets.

``lesson_controller_for(window)`` adds the three docks to any QMainWindow that has a
``player`` (the app's MainWindow), wires them to a ``LessonController`` and returns it; a
second call returns the same controller. Scenario lessons are opened through the window's
own ``load_scenario`` when it has one, so its scenario box, title and what-if agree with
the lesson.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox

from simulator.models.lesson import Lesson, SourceKind
from simulator.models.lesson_text import Lang
from simulator.models.timeline import Timeline
from simulator.ui.lesson_browser import LessonBrowser
from simulator.ui.lesson_controller import LessonController
from simulator.ui.lesson_narration_panel import LessonNarrationPanel
from simulator.ui.lesson_ui_text import ui
from simulator.ui.player import Player
from simulator.ui.predict_panel import PredictPanel


def _dock(window: QMainWindow, name: str, title: str, widget: object,
          area: Qt.DockWidgetArea) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)  # type: ignore[arg-type]
    window.addDockWidget(area, dock)
    return dock


def lesson_controller_for(window: QMainWindow, lang: Lang = Lang.EN) -> LessonController:
    existing = window.findChild(LessonController)
    if isinstance(existing, LessonController):
        return existing
    player = getattr(window, "player", None)
    if not isinstance(player, Player):
        raise TypeError("the window has no Player to drive the lessons")
    browser = LessonBrowser(window)
    narration = LessonNarrationPanel(window)
    predict = PredictPanel(window)

    def load(lesson: Lesson, timeline: Timeline, step: int) -> None:
        load_scenario = getattr(window, "load_scenario", None)
        if lesson.source.kind is SourceKind.SCENARIO and load_scenario is not None:
            load_scenario(lesson.source.name, frozenset(), step)
        else:
            player.set_timeline(timeline, step)

    controller = LessonController(player, browser, narration, predict, loader=load,
                                  parent=window)
    docks = (
        _dock(window, "lesson-browser-dock", ui("Lessons", lang), browser,
              Qt.DockWidgetArea.LeftDockWidgetArea),
        _dock(window, "lesson-narration-dock", ui("Lesson", lang), narration,
              Qt.DockWidgetArea.RightDockWidgetArea),
        _dock(window, "lesson-predict-dock", ui("Predict the next step", lang), predict,
              Qt.DockWidgetArea.RightDockWidgetArea),
    )

    def retitle(new: Lang) -> None:
        for dock, key in zip(docks, ("Lessons", "Lesson", "Predict the next step"),
                             strict=True):
            dock.setWindowTitle(ui(key, new))

    docks[0].setMinimumWidth(460)  # room for the lesson titles beside source and progress
    docks[1].setMinimumWidth(380)
    controller.set_language(lang)
    retitle(lang)
    controller.language_changed.connect(retitle)
    controller.lesson_failed.connect(
        lambda message: QMessageBox.warning(window, ui("Open lesson", controller.lang),
                                            message))
    if controller.load_error:
        window.statusBar().showMessage(controller.load_error, 15000)
    return controller
