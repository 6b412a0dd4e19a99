"""Put the lessons into a main window: the browser as a dock, the narration and predict
panels as one ``LessonPane`` for the window's stage.

``lesson_controller_for(window)`` adds the browser dock to any QMainWindow that has a
``player`` (the app's MainWindow), makes the lesson pane (``lesson_pane_for(window)``; the
window places it on its stage, under the ladder), wires both to a ``LessonController`` and
returns it; a second call returns the same controller. Scenario lessons are opened through
the window's own ``load_scenario`` when it has one, so its scenario box, title and what-if
agree with the lesson.

The dock title is interface text: ``LessonDock`` keeps its English title (marked for
``lupdate`` in ``TITLES``) and re-reads the translation on ``QEvent.LanguageChange``, so the
title, and the toggle action Qt names after it, follow the interface language.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QWidget

from simulator.models.lessons.lesson import Lesson, SourceKind
from simulator.models.lessons.text import Lang
from simulator.models.timeline.steps import Timeline
from simulator.ui.common.player import Player
from simulator.ui.lessons.lesson_browser import LessonBrowser
from simulator.ui.lessons.lesson_controller import LessonController
from simulator.ui.lessons.lesson_pane import LessonPane
from simulator.ui.lessons.narration_panel import LessonNarrationPanel
from simulator.ui.lessons.predict_panel import PredictPanel
from simulator.ui.text.i18n import is_language_change

CONTEXT = "LessonDocks"
BROWSER_DOCK = "lesson-browser-dock"
TITLES = {BROWSER_DOCK: QT_TRANSLATE_NOOP("LessonDocks", "Lessons")}  # object name → title


class LessonDock(QDockWidget):
    """A dock whose title is one of ``TITLES``, translated now and on every language change."""

    def __init__(self, name: str, widget: QWidget, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName(name)
        self.setWidget(widget)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate(CONTEXT, str(TITLES[self.objectName()])))

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)


def lesson_controller_for(window: QMainWindow, lang: Lang = Lang.EN) -> LessonController:
    """The window's lesson controller (made and docked on first call), showing lesson text
    in ``lang``; the interface words follow ``simulator.ui.text.i18n.set_language``."""
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
    dock = LessonDock(BROWSER_DOCK, browser, window)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    LessonPane(narration, predict, window)  # the window places it (lesson_pane_for)
    controller.set_language(lang)
    controller.lesson_failed.connect(
        lambda message: QMessageBox.warning(
            window, QCoreApplication.translate("LessonDocks", "Open lesson"), message))
    if controller.load_error:
        window.statusBar().showMessage(controller.load_error, 15000)
    return controller


def lesson_pane_for(window: QMainWindow) -> LessonPane:
    """The narration and predict panels of the window's lessons (``lesson_controller_for``
    made them), for the window to place on its stage."""
    pane = window.findChild(LessonPane)
    assert isinstance(pane, LessonPane), "call lesson_controller_for(window) first"
    return pane
