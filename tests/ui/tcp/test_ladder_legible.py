"""The ladder reads from the back of the room: its words are the application's smallest text
size on screen (after the view's transform) at any width, follow zoom and presentation, wrap
rather than shrink; the endpoints' header stays in view; a click beside an arrow takes it;
and no time label repeats the one above it."""

from __future__ import annotations

import itertools
import math

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor

from simulator.models.simulation.scenarios import build
from simulator.models.timeline.steps import Timeline
from simulator.ui.common.legibility import legibility
from simulator.ui.tcp.ladder_fonts import FONT_UNITS
from simulator.ui.tcp.ladder_view import LadderView
from tests.ui.text_size import drawn_text_px


def _shown(qtbot, timeline: Timeline, width: int, height: int = 500,
           cursor: int | None = None) -> LadderView:
    view = LadderView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    view.set_timeline(timeline)
    view.set_cursor(len(timeline) - 1 if cursor is None else cursor)
    return view


def _smallest_text_px(view: LadderView) -> float:
    """The smallest scene text drawn, in screen pixels (font size × the view's scale)."""
    view.retranslate()  # builds every item again
    drawn = min(px for px, _ in drawn_text_px(view))  # ... and paints them: as drawn
    assert abs(view.rendered_text_px() - drawn) < 0.5  # what the view reports is what it drew
    return min(drawn, view.header().rendered_text_px())


@pytest.mark.parametrize("lines", [720, 1080])
@pytest.mark.parametrize("width", [560, 1100])
def test_scene_text_is_at_least_the_smallest_text_size_after_the_transform(
        qtbot, text_size, lines, width):
    legibility().set_screen_lines(lines)
    wanted = legibility().text_px()
    for name in ("login", "lost-data"):
        view = _shown(qtbot, build(name), width)
        assert _smallest_text_px(view) >= wanted - 1e-6, (name, width, lines)
        # the width places the lifelines, it does not shrink the picture: at 1280x720 a
        # 560 px ladder needs no sideways scroll (at 1080 lines the window is wider)
        if lines == 720 or width == 1100:
            assert view.lanes().width * view.text_scale() <= view.viewport().width() + 1


def test_labels_wrap_to_their_arrow_instead_of_shrinking(qtbot, text_size):
    view = _shown(qtbot, build("login"), 560)
    arrows = view.all_arrow_items()
    assert arrows
    for arrow in arrows:
        assert arrow.label_item().width() <= arrow.label_room() + 2 * 3.0 + 1e-6
    wide = _shown(qtbot, build("login"), 1100)
    lines = {a.segment_id: len(a.label_lines()) for a in arrows}
    wide_lines = {a.segment_id: len(a.label_lines()) for a in wide.all_arrow_items()}
    assert all(wide_lines[k] <= lines[k] for k in lines)  # more room, never more lines


def test_zoom_and_presentation_make_the_scene_text_bigger(qtbot, text_size):
    view = _shown(qtbot, build("handshake-teardown"), 700)
    leg = legibility()
    base = view.text_scale() * FONT_UNITS
    assert base == pytest.approx(leg.text_px())
    leg.set_zoom(1.5, remember=False)
    assert view.text_scale() * FONT_UNITS == pytest.approx(1.5 * base)
    leg.set_zoom(1.0, remember=False)
    leg.set_presenting(True)
    assert view.text_scale() * FONT_UNITS == pytest.approx(max(20.0, base))
    assert _smallest_text_px(view) >= 20.0 - 1e-6
    assert view.header().height() >= 2 * 20  # the header's title and address grow too


def test_the_endpoints_header_stays_in_view_after_scrolling_to_the_end(qtbot, text_size):
    timeline = build("login")
    view = _shown(qtbot, timeline, 700, 400, cursor=0)
    header = view.header()
    top = header.geometry().top()
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0  # the ladder is taller than the view
    bar.setValue(bar.maximum())
    assert bar.value() == bar.maximum()
    assert header.isVisible() and header.geometry().top() == top
    assert header.geometry().bottom() <= view.viewport().geometry().top()  # nothing covers it
    image = view.grab().toImage()
    for endpoint in ("client", "server"):
        box = header.box(endpoint).toAlignedRect().translated(header.pos())
        inks = [QColor(image.pixel(x, y)).lightness()
                for x in range(box.left() + 4, box.right() - 4)
                for y in range(box.top() + 4, box.bottom() - 4)]
        assert min(inks) < 90, endpoint  # its title and address are drawn there
    assert view.header_titles() == ["Client", "Server"]
    assert header.addresses["client"] == timeline.addresses["client"]


def _beside(view: LadderView, arrow, px: float) -> QPointF:
    """A viewport point ``px`` pixels from the middle of the arrow's drawn line, at right
    angles to it."""
    a = view.mapFromScene(arrow.start)
    b = view.mapFromScene(arrow.head())
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length = math.hypot(dx, dy)
    return QPointF((a.x() + b.x()) / 2 - dy / length * px, (a.y() + b.y()) / 2 + dx / length * px)


def test_clicking_five_pixels_beside_an_arrow_seeks_to_it(qtbot, text_size):
    timeline = build("handshake-teardown")
    view = _shown(qtbot, timeline, 900, 700)
    target = timeline.segments[3]
    view.set_cursor(target.end_step or 0)
    arrow = next(a for a in view.arrow_items() if a.segment_id == target.id)
    for side in (5.0, -5.0):
        point = _beside(view, arrow, side)
        assert view.arrow_near(point) is arrow
        with qtbot.waitSignal(view.segment_clicked, timeout=1000) as blocker:
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                             pos=point.toPoint())
        assert blocker.args == [target.sent_step]
    assert view.arrow_near(_beside(view, arrow, 14.0)) is not arrow  # too far: not it


def test_no_time_label_repeats_the_one_above_it(qtbot, text_size, all_layers):
    for timeline in (build("login"), build("lost-data"), all_layers):
        view = _shown(qtbot, timeline, 700)
        labels = view.time_labels()
        assert labels, timeline.name
        assert all(a != b for a, b in itertools.pairwise(labels)), timeline.name
    # the server's call chain runs within milliseconds: its steps share their labels
    assert len(view.time_labels()) < len({s.time for s in all_layers}) / 2
