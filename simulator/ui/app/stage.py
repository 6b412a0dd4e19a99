"""The stage: the one picture the class looks at.

Theory of operation
-------------------
The ladder is the centre (ARCHITECTURE.md, idea 8). Beside it the details of one layer at a
time, in tabs: TCP's two state machines (the default), the HTTP layer (message, cookie jar,
sessions), the server's WSGI call chain, and, while a capture is replayed, the packet's
bytes. Under the ladder the lesson's narration (and the predict question) while a lesson is
open, else the ladder has the whole height (a ladder reads downwards: height is what it needs
most); under the details the explanation of the step. The transport bar runs along the
bottom::

    ┌──────────────── ladder ≥ 45 % ────────────────┬──── details (tabs) ────┐
    │                                               │ client state machine   │
    │                                               │ server state machine   │
    ├───── lesson: narration, predict (if open) ────┼───── explanation ──────┤
    └──────────────────────── transport bar ────────────────────────────────────┘

Nothing collapses: the splitters keep every pane at its minimum size (panes scroll inside
instead of squeezing), and the ladder keeps at least ``LADDER_SHARE`` of the stage's width
however the window or the details are resized.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget

from simulator.ui.app.transport_bar import TransportBar
from simulator.ui.common.player import Player
from simulator.ui.http.http_panel import HttpPanel
from simulator.ui.tcp.explanation_panel import ExplanationPanel
from simulator.ui.tcp.ladder_view import LadderView
from simulator.ui.tcp.state_diagram_view import StateDiagramView
from simulator.ui.text.i18n import is_language_change
from simulator.ui.wsgi.wsgi_panel import WsgiPanel

LADDER_SHARE = 0.55  # of the stage's width, at first and after a resize
LADDER_MIN_SHARE = 0.45  # of the WINDOW's width (docks included): the ladder never gets less
DETAILS_MIN_SHARE = 0.2  # ... unless the details would get less than this of the stage
TOP_SHARE = 0.64  # of the height: ladder and details above, lesson and explanation below
PREDICT_TOP_SHARE = 0.54  # the ladder's, while predict mode asks under it (room for choices)


class Stage(QWidget):
    """The central widget: ladder, detail tabs, lesson pane, explanation, transport bar."""

    def __init__(self, player: Player, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ladder = LadderView(self)
        self.client_diagram = StateDiagramView("client", self)
        self.server_diagram = StateDiagramView("server", self)
        self.explanation = ExplanationPanel(self)
        self.transport = TransportBar(player, self)
        self.http_panel = HttpPanel(self)
        self.wsgi_panel = WsgiPanel(self)

        self.diagrams = self._splitter(Qt.Orientation.Vertical, self.client_diagram,
                                       self.server_diagram)
        self.details = QTabWidget(self)
        self.details.setDocumentMode(True)
        self.details.tabBar().setElideMode(Qt.TextElideMode.ElideNone)  # never "Server: W…"
        self.details.setUsesScrollButtons(True)
        self._tab_titles: list[tuple[QWidget, Callable[[], str]]] = []
        self._pages: dict[QWidget, QScrollArea] = {}
        self.add_detail(self.diagrams, lambda: self.tr("TCP state machines"))
        self.add_detail(self.http_panel, lambda: self.tr("HTTP · cookies · sessions"))
        self.add_detail(self.wsgi_panel, lambda: self.tr("Server: WSGI call chain"))

        self.lesson_area = QWidget(self)  # the lesson pane goes in here (set_lesson_pane)
        QVBoxLayout(self.lesson_area).setContentsMargins(0, 0, 0, 0)
        self.lesson_area.hide()
        self.left = self._splitter(Qt.Orientation.Vertical, self.ladder, self.lesson_area)
        self.right = self._splitter(Qt.Orientation.Vertical, self.details, self.explanation)
        self.main = self._splitter(Qt.Orientation.Horizontal, self.left, self.right)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.main, 1)
        layout.addWidget(self.transport)
        # Room that comes or goes is shared 55/45 across, and mostly to the ladder and the
        # details down the columns.
        self.main.setStretchFactor(0, round(100 * LADDER_SHARE))
        self.main.setStretchFactor(1, round(100 * (1 - LADDER_SHARE)))
        for column in (self.left, self.right):
            column.setStretchFactor(0, round(100 * TOP_SHARE))
            column.setStretchFactor(1, round(100 * (1 - TOP_SHARE)))
        self.main.splitterMoved.connect(lambda _pos, _i: self._keep_ladder_share())
        self._proportioned = False
        self._top_share = TOP_SHARE
        self._predicting = False
        self.retranslate()

    # ------------------------------------------------------------------ building
    def _splitter(self, orientation: Qt.Orientation, *widgets: QWidget) -> QSplitter:
        splitter = QSplitter(orientation, self)
        for widget in widgets:
            splitter.addWidget(widget)
        splitter.setChildrenCollapsible(False)  # a pane keeps its minimum size, never 0 px
        return splitter

    def add_detail(self, widget: QWidget, title: Callable[[], str]) -> None:
        """A tab beside the ladder; ``title`` gives its text in the interface language. The
        page scrolls when the tab is smaller than the page's minimum size, so one wide page
        (the packet bytes) does not take width from the ladder for all the others."""
        page = QScrollArea(self.details)
        page.setWidget(widget)
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.Shape.NoFrame)
        self._pages[widget] = page
        self._tab_titles.append((widget, title))
        self.details.addTab(page, title())

    def show_detail(self, widget: QWidget | None) -> None:
        """Bring a detail tab forward (None: the state machines)."""
        self.details.setCurrentWidget(self._pages[widget if widget is not None
                                                  else self.diagrams])

    def show_tab(self, index: int) -> None:
        """The ``index``-th visible detail tab forward (the keyboard's Ctrl+1 …)."""
        visible = [i for i in range(self.details.count()) if self.details.isTabVisible(i)]
        if 0 <= index < len(visible):
            self.details.setCurrentIndex(visible[index])

    def current_detail(self) -> QWidget:
        """The view of the tab in front."""
        return next(w for w, page in self._pages.items()
                    if page is self.details.currentWidget())

    def set_detail_visible(self, widget: QWidget, on: bool) -> None:
        self.details.setTabVisible(self.details.indexOf(self._pages[widget]), on)

    def detail_visible(self, widget: QWidget) -> bool:
        return self.details.isTabVisible(self.details.indexOf(self._pages[widget]))

    def set_lesson_pane(self, pane: QWidget) -> None:
        layout = self.lesson_area.layout()
        assert layout is not None
        layout.addWidget(pane)

    def show_lesson(self, on: bool, predicting: bool = False) -> None:
        """The narration under the ladder while a lesson is open (with more room while
        predict mode asks there); else the ladder has the column's whole height."""
        changed = on != self.lesson_area.isVisible() or predicting != self._predicting
        self._predicting = predicting
        self.lesson_area.setVisible(on)
        if on and changed:
            self._split_column(self.left, self._ladder_share_of_height())

    def _ladder_share_of_height(self) -> float:
        return min(self._top_share, PREDICT_TOP_SHARE) if self._predicting else self._top_share

    # ------------------------------------------------------------------ proportions
    def _least_ladder(self, width: int) -> int:
        """The narrowest the ladder may be in a stage ``width`` px wide."""
        window = self.window().width() if self.window() is not None else width
        least = round(window * LADDER_MIN_SHARE)
        return min(least, round(width * (1 - DETAILS_MIN_SHARE)))

    def proportion(self, top_share: float = TOP_SHARE,
                   ladder_share: float = LADDER_SHARE) -> None:
        """The ladder ``ladder_share`` of the width (at least LADDER_MIN_SHARE of the
        window's); the ladder and the details ``top_share`` of the height, above the lesson
        and the explanation."""
        width = max(self.main.width(), 2)
        ladder = max(round(width * ladder_share), self._least_ladder(width))
        self.main.setSizes([ladder, width - ladder])
        self._top_share = top_share
        self._split_column(self.left, self._ladder_share_of_height())
        self._split_column(self.right, top_share)
        self._proportioned = True

    @staticmethod
    def _split_column(column: QSplitter, top_share: float) -> None:
        height = max(column.height(), 2)
        top = round(height * top_share)
        column.setSizes([top, height - top])

    def splits(self) -> list[QByteArray]:
        """Where the splitters stand now (``restore_splits`` puts them back)."""
        return [splitter.saveState() for splitter in (self.main, self.left, self.right)]

    def restore_splits(self, states: list[QByteArray]) -> None:
        for splitter, state in zip((self.main, self.left, self.right), states, strict=True):
            splitter.restoreState(state)

    def ladder_share(self) -> float:
        """The ladder's width as a share of the window's (docks included)."""
        return self.ladder.width() / max(1, self.window().width())

    def _keep_ladder_share(self) -> None:
        sizes = self.main.sizes()
        total = sum(sizes)
        least = self._least_ladder(total)
        if total > 0 and sizes[0] < least:
            self.main.setSizes([least, total - least])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._proportioned and self.isVisible():
            self.proportion()
        else:
            self._keep_ladder_share()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._proportioned:
            self.proportion()

    # ------------------------------------------------------------------ words
    def retranslate(self) -> None:
        for widget, title in self._tab_titles:
            self.details.setTabText(self.details.indexOf(self._pages[widget]), title())

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)
