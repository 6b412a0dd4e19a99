"""The server's panel in the room a detail pane beside the ladder has (about 620×400 at
1280×720): the call chain becomes a tab of its own rather than a squeezed column, its stack
sits beside the source in a wide, low pane and keeps the frame that runs now in view, and the
chain scrolls instead of squeezing when even that does not fit."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from simulator.models.timeline.steps import Timeline
from simulator.ui.wsgi.chain_stack_model import row_height
from simulator.ui.wsgi.wsgi_panel import WsgiPanel


def _deep_step(timeline: Timeline) -> int:
    """The view function's call: six frames on the stack."""
    return next(s.index for s in timeline if s.wsgi is not None and s.wsgi.event is not None
                and s.wsgi.event.function.endswith("index"))


def _panel(qtbot, timeline: Timeline, width: int, height: int) -> WsgiPanel:
    panel = WsgiPanel()
    qtbot.addWidget(panel)
    panel.resize(width, height)
    panel.set_timeline(timeline)
    panel.set_cursor(_deep_step(timeline))
    panel.show()
    qtbot.waitExposed(panel)
    QCoreApplication.processEvents()
    return panel


def test_a_narrow_server_panel_shows_the_call_chain_as_its_first_tab(qtbot, text_size,
                                                                      classic):
    panel = _panel(qtbot, classic, 620, 400)
    assert not panel.side_by_side
    assert panel.tabs.widget(0) is panel.chain_page
    assert panel.tabs.tabText(0) == "Call chain"
    assert panel.tabs.currentWidget() is panel.chain_page
    assert panel.chain_view.width() > 560  # the whole panel, not a column of it
    assert [panel.tabs.tabText(i) for i in range(1, 4)] == [
        "environ", "Contexts", "vs CGI / FastCGI"]


def test_a_wide_server_panel_keeps_the_chain_beside_its_tabs(qtbot, text_size, classic):
    panel = _panel(qtbot, classic, 1200, 700)
    assert panel.side_by_side
    assert panel.tabs.indexOf(panel.chain_page) == -1
    assert panel.splitter.widget(0) is panel.chain_page
    assert panel.tabs.tabText(1) == "Contexts"
    panel.resize(700, 700)  # narrowed: the chain becomes a tab, and back
    QCoreApplication.processEvents()
    assert not panel.side_by_side and panel.tabs.currentWidget() is panel.chain_page
    panel.resize(1200, 700)
    QCoreApplication.processEvents()
    assert panel.side_by_side and panel.splitter.widget(0) is panel.chain_page
    assert panel.chain_page.isVisible()


def test_zooming_in_gives_the_chain_a_tab_of_its_own(qtbot, text_size, classic):
    panel = _panel(qtbot, classic, 1000, 700)
    assert panel.side_by_side  # 1000 px is more than 75 text sizes of 12 px
    text_size.set_zoom(1.5, remember=False)  # 18 px: 75 text sizes are 1350 px
    QCoreApplication.processEvents()
    assert not panel.side_by_side


def test_in_a_short_wide_pane_the_stack_sits_beside_the_source_showing_the_frame_now(
        qtbot, text_size, classic):
    panel = _panel(qtbot, classic, 620, 400)
    chain = panel.chain_view
    assert chain.splitter.orientation().name == "Horizontal"
    stack = chain.stack_view
    assert stack.viewport().height() >= 3 * row_height()  # three frames at least
    current = chain.model.index(chain.model.current_row())
    assert stack.viewport().rect().contains(stack.visualRect(current))
    assert chain.model.current_row() >= 3  # ... and it is not simply the first row


def test_the_chain_scrolls_rather_than_squeezes_in_a_very_short_pane(qtbot, text_size,
                                                                      classic):
    panel = _panel(qtbot, classic, 620, 240)
    chain = panel.chain_view
    assert panel.chain_page.verticalScrollBar().maximum() > 0
    assert chain.stack_view.height() >= chain.stack_view.minimumHeight()
    assert chain.source.height() >= chain.source.minimumHeight()
    roomy = _panel(qtbot, classic, 620, 700)
    assert roomy.chain_page.verticalScrollBar().maximum() == 0  # no scrolling when it fits
    assert roomy.chain_view.splitter.orientation().name == "Vertical"
