"""Where a lesson speaks on the stage: the narration, and under it the predict question.

The pane sits under the ladder (``simulator.ui.app.stage``), not in a third column, so the
learner's eyes go from the arrow to the words about it. The predict panel shows only in
predict mode. Each part scrolls inside its own area when its text is longer than the room it
has, so nothing is squeezed below its minimum size: after an answer the choices keep their
height and the area scrolls to the verdict and its explanation, which is what the learner
reads next.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QVBoxLayout, QWidget

from simulator.ui.lessons.narration_panel import LessonNarrationPanel
from simulator.ui.lessons.predict_panel import PredictPanel

NARRATION_SHARE = 0.45  # of the pane's height while the predict panel shows too
MIN_SPLIT_HEIGHT = 60  # px: below this the pane is not laid out yet


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
        self._split_pending = False
        predict.answered.connect(lambda _verdict: QTimer.singleShot(0, self, self._show_verdict))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def show_predict(self, on: bool) -> None:
        if on == self.predict_area.isVisible():
            return
        self.predict_area.setVisible(on)
        self._split_pending = on
        self._split()

    def _split(self) -> None:
        """NARRATION_SHARE of the height to the narration, once the pane has its height (it
        may be turned on before the pane is laid out: then at the first resize)."""
        height = self.splitter.height()
        if not self._split_pending or not self.isVisible() or height < MIN_SPLIT_HEIGHT:
            return
        self._split_pending = False
        narration = round(height * NARRATION_SHARE)
        self.splitter.setSizes([narration, height - narration])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._split()

    def _show_verdict(self) -> None:
        """Scroll to the verdict and as much of its explanation as fits, keeping the chosen
        answer in view when there is room for both."""
        chosen = self.predict.chosen_button()
        if chosen is not None:
            self.predict_area.ensureWidgetVisible(chosen, 0, 4)
        self.predict_area.ensureWidgetVisible(self.predict.result, 0, 4)
