"""The lessons in the main window: the browser shares the left side with the capture table,
the narration shows while a lesson is open, the predict panel while predict mode is on, and
the Lesson menu can show the browser and switch predict mode."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from simulator.models.lessons.text import Lang
from simulator.ui.lessons.lesson_controller import LessonController
from simulator.ui.lessons.lesson_docks import lesson_controller_for

BROWSER_MIN_WIDTH = 300  # the ladder keeps the room; titles wrap
BROWSER_WIDTH = 340


def _dock(window: QMainWindow, name: str) -> QDockWidget:
    dock = window.findChild(QDockWidget, name)
    assert isinstance(dock, QDockWidget), name
    return dock


def dock_lessons(window: QMainWindow, lang: Lang, *, beside: QDockWidget, menu: QMenu,
                 predict: QAction) -> LessonController:
    """Dock the lesson panels in ``window`` (the browser tabbed with ``beside``) and wire
    them; returns the controller that plays lessons on the window's player."""
    lessons = lesson_controller_for(window, lang)
    browser = _dock(window, "lesson-browser-dock")
    narration = _dock(window, "lesson-narration-dock")
    predict_dock = _dock(window, "lesson-predict-dock")
    window.tabifyDockWidget(browser, beside)
    browser.raise_()
    browser.setMinimumWidth(BROWSER_MIN_WIDTH)
    window.resizeDocks([browser], [BROWSER_WIDTH], Qt.Orientation.Horizontal)
    narration.hide()
    predict_dock.hide()
    lessons.lesson_opened.connect(lambda _name: narration.show())
    lessons.lesson_left.connect(narration.hide)

    def set_predict_mode(on: bool) -> None:
        lessons.set_predict_mode(on)
        predict_dock.setVisible(on)

    predict.toggled.connect(set_predict_mode)
    menu.addSeparator()
    menu.addAction(browser.toggleViewAction())
    menu.addAction(predict)
    return lessons
