"""The lessons in the main window: the browser is a dock on the left (beside the capture's
connections) until a lesson starts, then it folds away and the lesson speaks from the stage,
under the ladder; the predict panel joins the narration while predict mode is on. The Lesson
menu and the toolbar can bring the browser back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar

from simulator.models.lessons.text import Lang
from simulator.ui.app.stage import Stage
from simulator.ui.lessons.lesson_controller import LessonController
from simulator.ui.lessons.lesson_docks import BROWSER_DOCK, lesson_controller_for, lesson_pane_for

BROWSER_WIDTH = 340  # px when the learner opens the list; titles wrap below it
LIST_AT_START_FROM = 1600  # px of window width: narrower, the list starts folded away


def dock_lessons(window: QMainWindow, lang: Lang, stage: Stage, *, beside: QDockWidget,
                 menu: QMenu, toolbar: QToolBar, predict: QAction) -> LessonController:
    """Dock the lesson browser in ``window`` (tabbed with ``beside``), put the lesson pane on
    ``stage`` and wire them; returns the controller that plays lessons on the window's
    player."""
    lessons = lesson_controller_for(window, lang)
    browser = window.findChild(QDockWidget, BROWSER_DOCK)
    assert isinstance(browser, QDockWidget)
    pane = lesson_pane_for(window)
    stage.set_lesson_pane(pane)
    window.tabifyDockWidget(browser, beside)
    browser.raise_()
    window.resizeDocks([browser], [BROWSER_WIDTH], Qt.Orientation.Horizontal)

    state = {"lesson": False}

    def show_pane() -> None:
        stage.show_lesson(state["lesson"] or predict.isChecked(), predict.isChecked())

    def opened(_name: str) -> None:
        state["lesson"] = True
        show_pane()
        browser.hide()  # the list folds away: the stage is the lesson's now

    def left() -> None:
        state["lesson"] = False
        show_pane()

    lessons.lesson_opened.connect(opened)
    lessons.lesson_left.connect(left)

    def set_predict_mode(on: bool) -> None:
        lessons.set_predict_mode(on)
        pane.show_predict(on)
        show_pane()

    predict.toggled.connect(set_predict_mode)
    lessons.set_predict_mode(predict.isChecked())  # as the action stands: no pause at a
    # question while predict mode is off
    show_list = browser.toggleViewAction()
    show_list.setShortcut("Ctrl+L")
    toolbar.addSeparator()
    toolbar.addAction(show_list)
    menu.addSeparator()
    menu.addAction(show_list)
    menu.addAction(predict)
    return lessons


def fold_lesson_list(window: QMainWindow) -> None:
    """Fold the list away: something else now plays on the stage."""
    browser = window.findChild(QDockWidget, BROWSER_DOCK)
    if isinstance(browser, QDockWidget):
        browser.hide()


def lesson_list_at_start(window: QMainWindow, restored: bool) -> None:
    """A first start on a narrow screen keeps the stage wide: the list starts folded (the
    toolbar's Lessons button, or Ctrl+L, opens it)."""
    if not restored and window.width() < LIST_AT_START_FROM:
        fold_lesson_list(window)
