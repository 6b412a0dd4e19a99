"""The explanation panel: what it shows for a step."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from simulator.models.simulation.chain_timeline import chain_timeline
from simulator.models.simulation.scenarios import build
from simulator.models.timeline.steps import Timeline
from simulator.models.wsgi.flask_classic import classic_chain
from simulator.ui.tcp.explanation_panel import ExplanationPanel, step_html


def test_the_explanation_shows_the_control_blocks_only_where_tcp_has_numbers(qapp) -> None:
    """A call chain traced with no TCP under it gets no table of dashes; a TCP step does."""
    chain = chain_timeline(classic_chain("/"))
    assert "SND.UNA" not in step_html(chain, chain[len(chain) // 2])
    tcp = build("handshake-teardown")
    assert "SND.UNA" in step_html(tcp, tcp[0]) and "SND.UNA" in step_html(tcp, tcp[5])


class _Resizes(QObject):
    def __init__(self, watched: QWidget) -> None:
        super().__init__()
        self.count = 0
        watched.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.count += 1
        return False


def _short_panel(qtbot, timeline: Timeline) -> ExplanationPanel:
    """A panel on screen, wide enough for every line, too short for most steps' text."""
    panel = ExplanationPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 160)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_timeline(timeline)
    return panel


def test_stepping_keeps_the_scroll_bar_of_a_long_explanation(qtbot) -> None:
    """Each step's text replaces the last: the scroll bar a long text needs stays where it
    is, rather than going and coming back (each time the text was laid out again at the
    other width, and the panel resized five times a step)."""
    timeline = build("handshake-teardown")
    panel = _short_panel(qtbot, timeline)
    panel.set_cursor(0)
    QApplication.processEvents()
    bar = panel.verticalScrollBar()
    resizes = _Resizes(panel.viewport())
    kept = 0
    for k in range(1, len(timeline)):
        had_bar, before = bar.isVisible(), resizes.count
        panel.set_cursor(k)
        QApplication.processEvents()
        assert panel.plain_text() != ""
        if had_bar and bar.isVisible():
            kept += 1
            assert resizes.count == before, f"step {k}: the panel resized"
    assert kept >= 10  # most steps' text needs the bar at this height


def test_a_scroll_bar_turned_off_stays_off_through_redraws(qtbot) -> None:
    """A slide turns the explanation's scroll bar off (``app.export``); holding the bar
    while a step's text is replaced must not turn it back on (it did: a language change
    redrew the panel and the exported slide showed a scroll bar)."""
    timeline = build("handshake-teardown")
    panel = _short_panel(qtbot, timeline)
    panel.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    for k in range(len(timeline)):
        panel.set_cursor(k)
        panel.set_relative_numbers(k % 2 == 0)  # a redraw of the same step
        QApplication.processEvents()
        assert panel.verticalScrollBarPolicy() is Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        assert not panel.verticalScrollBar().isVisible()
