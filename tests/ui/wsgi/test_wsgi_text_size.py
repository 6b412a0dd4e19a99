"""The server's views read from the back of the room: every word in the call chain, the stack,
the source, environ, Flask's contexts and CGI vs FastCGI vs WSGI is at least the smallest
text size (12 px on a 720-line screen, 14 px on a 1080-line one, 20 px presenting), grows
when the learner zooms in, and the boxes and rows around the words grow with them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontMetrics

from simulator.models.simulation.gateway_timeline import gateway_timeline
from simulator.models.simulation.scenarios import build
from simulator.models.timeline.steps import Timeline
from simulator.models.wsgi.gateways import Stage, gateway_lesson
from simulator.ui.wsgi.chain_stack_model import row_height
from simulator.ui.wsgi.gateways_view import GatewaysView
from simulator.ui.wsgi.wsgi_panel import WsgiPanel
from tests.ui.text_size import floor_for, smallest_text, text_sizes

SIZES = [(560, 400), (800, 500)]


def _step_of(timeline: Timeline, function: str) -> int:
    return next(s.index for s in timeline if s.wsgi is not None and s.wsgi.event is not None
                and s.wsgi.event.function.endswith(function))


def _panel(qtbot, timeline: Timeline, size: tuple[int, int], cursor: int = 0) -> WsgiPanel:
    panel = WsgiPanel()
    qtbot.addWidget(panel)
    panel.resize(*size)
    panel.set_timeline(timeline)
    panel.set_cursor(cursor)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _tab_sizes(panel: WsgiPanel) -> list[tuple[float, str]]:
    """(px, where) of every word the panel shows, with each of its tabs in front."""
    found: list[tuple[float, str]] = []
    for tab in range(panel.tabs.count()):
        panel.tabs.setCurrentIndex(tab)
        QCoreApplication.processEvents()
        found += list(text_sizes(panel))
    return found


@pytest.mark.parametrize("lines", [720, 1080])
@pytest.mark.parametrize("size", SIZES)
def test_every_word_of_the_server_tab_is_at_least_the_smallest_text_size(
        qtbot, text_size, classic, lines, size):
    floor = floor_for(text_size, lines)
    panel = _panel(qtbot, classic, size, _step_of(classic, "index"))
    found = _tab_sizes(panel)
    panel.set_cursor(_step_of(classic, "process_response"))
    found += _tab_sizes(panel)
    assert found
    small = [(px, where) for px, where in found if px < floor - 0.01]
    assert not small, f"below {floor} px at {lines} lines: {sorted(set(small))[:5]}"


@pytest.mark.parametrize("lines", [720, 1080])
def test_flasks_contexts_have_no_small_print_at_any_step(qtbot, text_size, classic, lines):
    floor = floor_for(text_size, lines)
    panel = _panel(qtbot, classic, (800, 500))
    panel.tabs.setCurrentWidget(panel.contexts_panel)
    smallest = min(
        (panel.set_cursor(i), smallest_text(panel.contexts_panel))[1]
        for i in range(0, len(classic), 3))
    assert smallest[0] >= floor - 0.01, smallest


@pytest.mark.parametrize("lines", [720, 1080])
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("stage", [Stage.ARRIVES, Stage.HAND_OVER, Stage.RUN, Stage.RESPOND])
def test_the_cgi_fastcgi_wsgi_lesson_paints_no_word_below_thefloor_for(
        qtbot, text_size, lines, size, stage):
    floor = floor_for(text_size, lines)
    view = GatewaysView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.set_lesson(gateway_lesson(), stage, 0.5)
    assert floor <= view.rendered_text_px() < 2 * floor  # the body size, headings larger


@pytest.mark.parametrize("lines", [720, 1080])
def test_the_lesson_page_and_the_placeholder_are_at_least_thefloor_for(qtbot, text_size, lines):
    floor = floor_for(text_size, lines)
    lesson = _panel(qtbot, gateway_timeline(), (800, 500), 3)
    assert lesson.showing_lesson()
    placeholder = _panel(qtbot, build("handshake-teardown"), (800, 500))
    assert placeholder.showing_placeholder()
    for panel in (lesson, placeholder):
        px, where = smallest_text(panel)
        assert px >= floor - 0.01, (px, where)


def test_the_stage_grid_gives_way_in_a_short_tab_instead_of_squeezing_the_lanes(
        qtbot, text_size):
    floor_for(text_size, 720)
    view = GatewaysView()
    qtbot.addWidget(view)
    view.set_lesson(gateway_lesson(), Stage.RUN)
    view.resize(800, 500)
    view.rendered_text_px()
    assert view.shows_grid
    view.resize(560, 400)
    assert view.rendered_text_px() >= 12
    assert not view.shows_grid  # the stage line above the lanes still names the stage


def test_zooming_in_enlarges_every_server_view_and_what_holds_the_words(
        qtbot, text_size, classic):
    floor = floor_for(text_size, 720)
    panel = _panel(qtbot, classic, (800, 500), _step_of(classic, "index"))
    chain = panel.chain_view
    before = {
        "smallest": min(px for px, _ in _tab_sizes(panel)),
        "source": chain.source.font().pixelSize(),
        "row": chain.stack_view.visualRect(chain.model.index(0)).height(),
        "overview": chain.overview.maximumHeight(),
        "gateways": panel.gateways_view.minimumSizeHint(),
        "lanes": panel.gateways_view.rendered_text_px(),
    }
    text_size.zoom_in()
    text_size.zoom_in()
    QCoreApplication.processEvents()
    zoomed = text_size.text_px()
    assert zoomed > floor
    smallest = min(px for px, _ in _tab_sizes(panel))
    assert smallest >= zoomed - 0.01 and smallest > before["smallest"]
    assert chain.source.font().pixelSize() > before["source"]
    row = chain.stack_view.visualRect(chain.model.index(0)).height()
    assert row > before["row"] and row >= QFontMetrics(chain.model.data(
        chain.model.index(0), Qt.ItemDataRole.FontRole)).height()
    assert row == row_height()
    assert chain.overview.maximumHeight() > before["overview"]
    hint = panel.gateways_view.minimumSizeHint()
    assert hint.width() > before["gateways"].width()
    assert hint.height() > before["gateways"].height()
    assert panel.gateways_view.rendered_text_px() > before["lanes"]


def test_presenting_draws_the_server_views_at_twenty_pixels_or_more(qtbot, text_size, classic):
    floor_for(text_size, 720)
    panel = _panel(qtbot, classic, (1100, 700), _step_of(classic, "index"))
    text_size.set_presenting(True)
    QCoreApplication.processEvents()
    small = [(px, where) for px, where in _tab_sizes(panel) if px < 20]
    assert not small, small[:5]
