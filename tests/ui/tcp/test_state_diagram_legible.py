"""The state diagrams read from the back of the room: beside the ladder, at the sizes the stage
gives them (about 450×170 up to 800×330 px), every word is at least the application's
smallest text size on screen, zoom and presentation make it larger, the current state and the
transition just taken stay in sight at every step (the view pans rather than shrinks), at
1920×1080 the whole figure with its eleven states is in view, and in Chinese the arc labels
keep only flags, RFC calls and state names in English."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QApplication

from simulator.models.simulation.scenarios import build
from simulator.models.tcp import table as tcp_table
from simulator.models.tcp.states import TcpState
from simulator.ui.tcp.state_diagram_arcs import arc_label_lines, row_text, table_arcs
from simulator.ui.tcp.state_diagram_layout import GRID
from simulator.ui.tcp.state_diagram_view import StateDiagramView
from simulator.ui.text.fonts import with_cjk_fallbacks
from tests.ui.text_size import smallest_text

S = TcpState
# (width, height, screen lines): the stage's diagrams at 1280×720 and 1920×1080, and smaller
STAGE_SIZES = [(450, 170, 720), (560, 190, 720), (800, 330, 1080)]


@pytest.fixture(params=["plain", "with CJK fallbacks"])
def app_font(request, qapp) -> Iterator[None]:
    """The application font as tests get it, and as the app sets it (apply_app_font: a CJK
    family early in the list, whose lines are half as tall again)."""
    before = QFont(QApplication.font())
    if request.param != "plain":
        QApplication.setFont(with_cjk_fallbacks(before))
    yield
    QApplication.setFont(before)


@pytest.fixture
def drawn_px(monkeypatch) -> list[tuple[int, str]]:
    """Every text QPainter draws from now on: (font pixel size, text)."""
    seen: list[tuple[int, str]] = []
    draw = QPainter.drawText

    def spy(painter: QPainter, *args: object) -> object:
        text = str(args[-1])
        if text.strip():
            seen.append((painter.font().pixelSize(), text))
        return draw(painter, *args)

    monkeypatch.setattr(QPainter, "drawText", spy)
    return seen


def _shown(qtbot, endpoint: str, width: int, height: int) -> StateDiagramView:
    view = StateDiagramView(endpoint)
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view


def _in_sight(view: StateDiagramView, rect: QRectF) -> bool:
    """Inside the viewport, below the header band."""
    shown = view.mapFromScene(rect).boundingRect()
    port = view.viewport().rect().adjusted(0, round(view.header_height()), 0, 0)
    return port.adjusted(-1, -1, 1, 1).contains(shown)


@pytest.mark.parametrize(("width", "height", "lines"), STAGE_SIZES)
@pytest.mark.parametrize("name", ["handshake-teardown", "simultaneous-close"])
def test_every_word_drawn_is_at_least_the_smallest_text_size_on_screen(
        qtbot, app_font, text_size, drawn_px, width, height, lines, name):
    text_size.set_screen_lines(lines)
    floor = text_size.text_px()
    timeline = build(name)
    for endpoint in ("client", "server"):
        view = _shown(qtbot, endpoint, width, height)
        view.set_timeline(timeline)
        for step in [-1, *range(len(timeline))]:
            view.set_cursor(step)
            view.settle()
            drawn_px.clear()
            view.grab()
            scale = view.transform().m11()
            assert drawn_px, "nothing drawn"
            smallest, text = min(drawn_px)
            assert smallest * scale >= floor, f"{text!r} at {smallest} px, step {step}"
            assert view.rendered_text_px() >= floor  # what the view reports ...
            assert view.rendered_text_px() == min(px for px, _ in drawn_px) * scale  # ... drew
        assert smallest_text(view)[0] >= floor  # as the stage's measure sees the view


@pytest.mark.parametrize(("width", "height", "lines"), STAGE_SIZES)
@pytest.mark.parametrize("name", ["handshake-teardown", "simultaneous-close"])
def test_the_current_state_and_the_transition_just_taken_stay_in_sight(
        qtbot, app_font, text_size, width, height, lines, name):
    text_size.set_screen_lines(lines)
    timeline = build(name)
    for endpoint in ("client", "server"):
        view = _shown(qtbot, endpoint, width, height)
        view.set_timeline(timeline)
        for step in [-1, *range(len(timeline))]:
            view.set_cursor(step)  # a step taken by hand pans smoothly; settle() ends it
            view.settle()
            current = view.box_item(view.highlighted_box_keys()[0])
            assert _in_sight(view, current.rect()), (endpoint, step, current.state)
            for pair in view.highlighted_arcs():
                label = view.arc_label_item(*pair)
                assert label.isVisible() and _in_sight(view, label.rect()), (endpoint, step)
                assert not label.rect().intersects(current.rect())


def test_stepping_by_hand_pans_smoothly_to_the_new_state(qtbot, text_size):
    timeline = build("handshake-teardown")
    view = _shown(qtbot, "client", 560, 190)
    view.set_timeline(timeline)
    view.set_cursor(0)
    view.settle()
    top = view.mapToScene(0, 0).y()
    view.set_cursor(len(timeline) - 1)  # CLOSED at the bottom of the figure
    assert view.mapToScene(0, 0).y() == top  # not a jump ...
    qtbot.waitUntil(lambda: view.mapToScene(0, 0).y() > top, timeout=2000)  # ... a pan
    qtbot.waitUntil(lambda: _in_sight(view, view.box_item("CLOSED_END").rect()),
                    timeout=2000)


def test_at_1920x1080_the_whole_figure_is_in_view_at_every_step(qtbot, app_font, text_size):
    text_size.set_screen_lines(1080)
    timeline = build("handshake-teardown")
    view = _shown(qtbot, "client", 800, 330)
    view.set_timeline(timeline)
    names = {view.box_item(key).state.rfc_name for key in GRID}
    assert len(names) == 11
    for step in timeline:
        view.set_cursor(step.index)
        view.settle()
        assert all(_in_sight(view, view.box_item(key).rect()) for key in GRID), step.index
        assert view.text_pixel_sizes() and min(view.text_pixel_sizes()) >= 14


def test_zoom_and_presentation_make_the_words_larger_and_keep_the_state_in_sight(
        qtbot, text_size):
    timeline = build("simultaneous-close")
    view = _shown(qtbot, "server", 560, 190)
    view.set_timeline(timeline)
    closing = next(s.index for s in timeline if s.server.state is S.CLOSING)
    view.set_cursor(closing)
    view.settle()
    before = view.rendered_text_px()
    text_size.set_zoom(1.5, remember=False)
    assert view.rendered_text_px() >= text_size.text_px() > before
    text_size.set_zoom(1.0, remember=False)
    text_size.set_presenting(True)
    assert view.rendered_text_px() >= 20
    view.settle()
    assert _in_sight(view, view.box_item("CLOSING").rect())
    text_size.set_presenting(False)
    assert view.rendered_text_px() == pytest.approx(before)


KEPT_IN_ENGLISH = {"SYN", "ACK", "FIN", "RST",  # flags: wire tokens
                   "OPEN", "SEND", "CLOSE", "ABORT",  # RFC 9293's user calls
                   "MSL", *(s.rfc_name for s in TcpState)}


def _english_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z\-]*", text)) - KEPT_IN_ENGLISH


def test_in_chinese_arc_labels_keep_only_flags_calls_and_state_names(zh_interface):
    english = set()
    for rows in table_arcs().values():
        english |= _english_words(" ".join(arc_label_lines(rows)))
    for row in tcp_table.state_changing_arcs():
        english |= _english_words(row_text(row))
    assert english == set()
    assert arc_label_lines(table_arcs()[(S.CLOSED, S.LISTEN)]) == ["被动 OPEN"]


def test_in_chinese_the_diagram_shows_its_labels_and_caption_translated(
        qtbot, text_size, zh_interface):
    timeline = build("handshake-teardown")
    view = _shown(qtbot, "server", 800, 330)
    view.set_timeline(timeline)
    index = next(s.index for s in timeline for f in s.transitions
                 if f.endpoint == "server" and f.row.next is S.SYN_RECEIVED)
    view.set_cursor(index)
    view.settle()
    shown = [view.arc_label_item(*k).text for k in view.arc_keys()
             if view.arc_label_item(*k).isVisible()]
    assert shown and all(not _english_words(text) for text in shown)
    assert "收到 SYN" in view.caption() and not _english_words(view.caption())
