"""Presentation mode (F11): the stage alone, full screen, in words a class can read.

Entering hides the docks, the toolbar, the menu bar and the status bar (remembering which were
showing), goes full screen and tells ``legibility`` that the window is presenting, so every
text becomes at least 20 px; the lesson pane under the ladder gets a larger share of the
height so the narration can be read aloud from it. Leaving (F11 again, or Esc) puts it all
back as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from simulator.ui.app.stage import Stage
from simulator.ui.common.legibility import legibility

PRESENT_TOP_SHARE = 0.58  # the lesson and explanation get more room while presenting
PRESENT_LADDER_SHARE = 0.62  # and the ladder, its words now 20 px, more of the width


class Presentation(QObject):
    """Enter and leave presentation mode, restoring the window exactly."""

    def __init__(self, window: QMainWindow, stage: Stage, chrome: list[QWidget]) -> None:
        super().__init__(window)
        self._window = window
        self._stage = stage
        self._chrome = chrome  # toolbar, menu bar, status bar: hidden while presenting
        self._shown: list[QWidget] = []
        self._was_maximized = False
        self._splits: list[QByteArray] = []
        self.on = False

    def set_on(self, on: bool) -> None:
        if on == self.on:
            return
        self.on = on
        window = self._window
        if on:
            docks = [d for d in window.findChildren(QDockWidget)
                     if d.parent() is window and d.isVisible()]
            self._shown = [*docks, *(w for w in self._chrome if w.isVisible())]
            for widget in self._shown:
                widget.hide()
            self._was_maximized = window.isMaximized()
            self._splits = self._stage.splits()
            window.showFullScreen()
            legibility().set_presenting(True)
            self._stage.proportion(top_share=PRESENT_TOP_SHARE,
                                   ladder_share=PRESENT_LADDER_SHARE)
        else:
            legibility().set_presenting(False)
            if self._was_maximized:
                window.showMaximized()
            else:
                window.showNormal()
            for widget in self._shown:
                widget.show()
            self._shown = []
            self._stage.restore_splits(self._splits)  # the panes as the teacher had set them
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
