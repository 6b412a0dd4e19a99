"""Where a lesson speaks on the stage: the narration, and under it the predict question.

The pane sits under the ladder (``simulator.ui.app.stage``), not in a third column, so the
learner's eyes go from the arrow to the words about it. The predict panel shows only in
predict mode. Each part scrolls inside its own area when its text is longer than the room it
has, so nothing is squeezed below its minimum size: after an answer the choices keep their
height and the explanation below them can be scrolled to.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QVBoxLayout, QWidget

from simulator.ui.lessons.narration_panel import LessonNarrationPanel
from simulator.ui.lessons.predict_panel import PredictPanel

NARRATION_SHARE = 0.45  # of the pane's height while the predict panel shows too


class LessonPane(QWidget):
    """The narration above the predict panel (shown in predict mode)."""

    def __init__(self, narration: LessonNarrationPanel, predict: PredictPanel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lesson-pane")
        self.narration = narration
        self.predict = predict
        self.predict_area = QScrollArea(self)
        self.predict_area.setWidget(predict)
        self.predict_area.setWidgetResizable(True)
        self.predict_area.setFrameShape(QFrame.Shape.NoFrame)
        self.predict_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(narration)
        self.splitter.addWidget(self.predict_area)
        self.splitter.setChildrenCollapsible(False)
        self.predict_area.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def show_predict(self, on: bool) -> None:
        if on == self.predict_area.isVisible():
            return
        self.predict_area.setVisible(on)
        if on:
            height = max(self.splitter.height(), 2)
            narration = round(height * NARRATION_SHARE)
            self.splitter.setSizes([narration, height - narration])
