"""The state diagram is drawn from the transition table and lights up what the timeline says."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from simulator.models.simulation.scenarios import SCENARIOS, build
from simulator.models.tcp import table as tcp_table
from simulator.models.tcp.states import TcpEvent, TcpState
from simulator.models.timeline.steps import Timeline
from simulator.ui.common import palette
from simulator.ui.tcp.state_diagram_arcs import arc_label_lines
from simulator.ui.tcp.state_diagram_layout import BOTTOM_CLOSED, GRID
from simulator.ui.tcp.state_diagram_view import StateDiagramView

S = TcpState


@pytest.fixture
def make_diagram(qtbot):
    def make(endpoint: str, name: str | None = None) -> StateDiagramView:
        view = StateDiagramView(endpoint)
        qtbot.addWidget(view)
        if name is not None:
            view.set_timeline(build(name))
        return view

    return make


def _step_where(timeline: Timeline, endpoint: str, state: TcpState, nxt: TcpState) -> int:
    return next(s.index for s in timeline for f in s.transitions
                if f.endpoint == endpoint and (f.row.state, f.row.next) == (state, nxt))


@pytest.mark.parametrize("endpoint", ["client", "server"])
def test_arcs_are_exactly_the_tables_state_changes(make_diagram, endpoint):
    view = make_diagram(endpoint)
    table = {(r.state, r.next) for r in tcp_table.state_changing_arcs()}
    assert view.arc_keys() == table
    assert len({id(view.arc_item(*key)) for key in table}) == len(table)


def test_arc_labels_come_from_the_rows(make_diagram):
    view = make_diagram("server")

    def words(state: S, nxt: S) -> list[str]:  # what the arc's label item draws
        return arc_label_lines(view.arc_item(state, nxt).rows)

    assert words(S.LISTEN, S.SYN_RECEIVED) == ["rcv SYN / snd SYN,ACK"]
    assert words(S.CLOSED, S.LISTEN) == ["passive OPEN"]
    # resets, aborts and timeouts into CLOSED are summarised, not spelled out row by row
    assert words(S.SYN_SENT, S.CLOSED) == ["CLOSE", "or RST, ABORT, timeout"]
    stub = view.arc_item(S.ESTABLISHED, S.CLOSED)
    assert stub.minor and "ABORT / snd RST" in stub.toolTip()


def test_only_the_taken_arc_and_the_current_states_way_out_are_labelled(make_diagram, qtbot):
    timeline = build("handshake-teardown")
    index = _step_where(timeline, "client", S.SYN_SENT, S.ESTABLISHED)
    view = make_diagram("client")
    view.resize(800, 330)
    view.show()
    qtbot.waitExposed(view)
    view.set_timeline(timeline)
    view.set_cursor(index)
    view.settle()
    taken = view.arc_label_item(S.SYN_SENT, S.ESTABLISHED)
    assert taken.isVisible() and taken.is_highlighted
    # the row that fired, not every way along the arc (on one line or broken after the "/")
    assert taken.text.replace("\n", " ") == "rcv SYN,ACK / snd ACK"
    shown = {key for key in view.arc_keys() if view.arc_label_item(*key).isVisible()}
    assert {(S.ESTABLISHED, S.CLOSE_WAIT), (S.ESTABLISHED, S.FIN_WAIT_1)} <= shown
    assert all(key == (S.SYN_SENT, S.ESTABLISHED) or key[0] is S.ESTABLISHED for key in shown)
    out = view.arc_label_item(S.ESTABLISHED, S.CLOSE_WAIT)
    assert out.text.replace("\n", " ") == "rcv FIN / snd ACK"
    assert max(taken.text_pixel_sizes()) > max(out.text_pixel_sizes())


def test_the_current_state_is_drawn_larger_than_the_states_that_recede(make_diagram):
    timeline = build("handshake-teardown")
    index = _step_where(timeline, "client", S.ESTABLISHED, S.FIN_WAIT_1)
    view = make_diagram("client")
    view.set_timeline(timeline)
    view.set_cursor(index)
    current, left = view.box_item("FIN_WAIT_1"), view.box_item("ESTABLISHED")
    faint = view.box_item("LISTEN")
    assert current.is_current and current.role > left.role > faint.role
    assert current.rect().width() > faint.rect().width()
    assert current.rect().height() > faint.rect().height()
    assert current.text_pixel_sizes()[0] > faint.text_pixel_sizes()[0]


def test_stepping_moves_the_focus_not_the_figure(make_diagram):
    timeline = build("handshake-teardown")
    view = make_diagram("server")
    view.resize(560, 190)
    view.set_timeline(timeline)
    centres = []
    for step in timeline:
        view.set_cursor(step.index)
        centres.append({k: view.box_item(k).rect().center() for k in ("CLOSED", "TIME_WAIT")})
    assert all(c == centres[0] for c in centres)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_highlighted_state_follows_every_step(make_diagram, name):
    timeline = build(name)
    views = {ep: make_diagram(ep) for ep in ("client", "server")}
    for view in views.values():
        view.set_timeline(timeline)
    for step in timeline:
        for endpoint, view in views.items():
            view.set_cursor(step.index)
            state = step.snapshot(endpoint).state
            assert view.current_state() is state
            lit = view.highlighted_box_keys()
            assert len(lit) == 1 and view.box_item(lit[0]).state is state
            taken = [(f.row.state, f.row.next) for f in step.transitions
                     if f.endpoint == endpoint and f.row.changes_state]
            assert view.highlighted_arcs() == taken
            assert {k for k in view.arc_keys() if view.arc_item(*k).is_highlighted} == set(taken)


def test_server_receiving_syn_takes_listen_to_syn_received(make_diagram):
    timeline = build("handshake-teardown")
    index = _step_where(timeline, "server", S.LISTEN, S.SYN_RECEIVED)
    server, client = make_diagram("server"), make_diagram("client")
    for view in (server, client):
        view.set_timeline(timeline)
        view.set_cursor(index)
    assert server.highlighted_arcs() == [(S.LISTEN, S.SYN_RECEIVED)]
    assert server.current_state() is S.SYN_RECEIVED
    assert client.highlighted_arcs() == []
    assert client.current_state() is S.SYN_SENT
    assert "rcv SYN / snd SYN,ACK" in server.caption()


def test_simultaneous_close_lights_closing_in_both_diagrams(make_diagram):
    timeline = build("simultaneous-close")
    index = next(s.index for s in timeline if s.client.state is S.CLOSING
                 and s.server.state is S.CLOSING)
    for endpoint in ("client", "server"):
        view = make_diagram(endpoint)
        view.set_timeline(timeline)
        view.set_cursor(index)
        assert view.current_state() is S.CLOSING
        assert view.highlighted_box_keys() == ["CLOSING"]


def test_retransmission_pulses_the_box_instead_of_an_arc(make_diagram):
    timeline = build("lost-syn")
    index = next(s.index for s in timeline for f in s.transitions
                 if f.row.event is TcpEvent.TIMEOUT_RETRANSMISSION)
    view = make_diagram("client")
    view.set_timeline(timeline)
    view.set_cursor(index, 0.5)
    assert view.highlighted_arcs() == []
    assert view.box_item("SYN_SENT").pulse == pytest.approx(1.0)
    assert "stays SYN-SENT" in view.caption()
    view.set_cursor(index + 1)
    assert view.box_item("SYN_SENT").pulse == 0.0


def test_dot_travels_along_the_taken_arc_with_progress(make_diagram):
    timeline = build("handshake-teardown")
    index = _step_where(timeline, "client", S.SYN_SENT, S.ESTABLISHED)
    view = make_diagram("client")
    view.set_timeline(timeline)
    arc = view.arc_item(S.SYN_SENT, S.ESTABLISHED)
    view.set_cursor(index, 0.25)
    assert arc.is_highlighted and arc.dot == pytest.approx(0.25)
    view.set_cursor(index, 1.0)
    assert arc.is_highlighted and arc.dot is None


def test_a_step_taken_by_hand_is_animated_then_settles(make_diagram, qtbot):
    timeline = build("handshake-teardown")
    index = _step_where(timeline, "client", S.CLOSED, S.SYN_SENT)
    view = make_diagram("client")
    view.set_timeline(timeline)
    view.set_cursor(0)
    view.show()
    qtbot.waitExposed(view)
    arc = view.arc_item(S.CLOSED, S.SYN_SENT)
    view.set_cursor(index)
    assert arc.dot is not None
    qtbot.waitUntil(lambda: arc.dot is None, timeout=2000)
    assert arc.is_highlighted


def test_closed_is_lit_at_the_top_before_and_at_the_bottom_after(make_diagram):
    timeline = build("handshake-teardown")
    view = make_diagram("client")
    view.set_timeline(timeline)
    view.set_cursor(-1)
    assert view.highlighted_box_keys() == ["CLOSED"]
    view.set_cursor(len(timeline) - 1)
    assert view.highlighted_box_keys() == [BOTTOM_CLOSED]
    refused = build("connection-refused")
    view.set_timeline(refused)
    view.set_cursor(len(refused) - 1)
    assert view.highlighted_arcs() == [(S.SYN_SENT, S.CLOSED)]
    assert view.highlighted_box_keys() == ["CLOSED"]


def test_abort_lights_the_reset_stub(make_diagram):
    timeline = build("abort")
    index = _step_where(timeline, "server", S.ESTABLISHED, S.CLOSED)
    view = make_diagram("server")
    view.set_timeline(timeline)
    view.set_cursor(index)
    assert view.arc_item(S.ESTABLISHED, S.CLOSED).is_highlighted
    assert view.highlighted_box_keys() == [BOTTOM_CLOSED]
    assert "rcv RST" in view.caption()


def test_unknown_endpoint_is_refused(qtbot):
    with pytest.raises(ValueError, match="client"):
        StateDiagramView("router")


def test_scene_renders_with_the_current_state_filled(make_diagram):
    view = make_diagram("client", "simultaneous-close")
    view.set_cursor(14)
    rect = view.scene().sceneRect()
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    view.scene().render(painter, QRectF(image.rect()), rect)
    painter.end()
    box = view.box_item("CLOSING").rect().adjusted(3, 3, -3, -3)
    fill = palette.CURRENT_STATE_FILL.rgb()
    hits = sum(QColor(image.pixel(int(x), int(box.top()) + 2)).rgb() == fill
               for x in range(int(box.left()), int(box.right())))
    assert hits > 20
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 10


def test_a_roomy_view_shows_the_whole_figure_and_the_legend(make_diagram, qtbot):
    view = make_diagram("server", "handshake-teardown")
    view.resize(700, 560)
    view.show()
    qtbot.waitExposed(view)
    visible = view.visible_figure()
    assert all(visible.contains(view.box_item(k).rect()) for k in GRID)
    assert view.legend_shown()
    assert view.transform().m11() == 1.0  # laid out in view pixels, never scaled


def test_a_step_that_changes_nothing_in_the_figure_lays_nothing_out(make_diagram,
                                                                    monkeypatch) -> None:
    """Seeking between steps that look the same (data crossing ESTABLISHED) costs no layout
    (issue 14: every seek laid out every box, arc and label); a step that changes the focus
    does lay it out, and each shows the right state."""
    view = make_diagram("client", "http11-keep-alive")
    timeline = view._timeline
    from simulator.ui.tcp.state_diagram_focus import focus_at

    same = [s.index for s in timeline
            if focus_at(timeline, s.index, "client") == focus_at(timeline, 6, "client")]
    assert len(same) >= 2, same
    other = next(s.index for s in timeline
                 if focus_at(timeline, s.index, "client") != focus_at(timeline, same[0],
                                                                       "client"))
    laid_out = []
    original = type(view._scene).show_focus
    monkeypatch.setattr(type(view._scene), "show_focus",
                        lambda scene, focus: (laid_out.append(focus), original(scene, focus)))
    view.set_cursor(same[0])
    count = len(laid_out)
    view.set_cursor(same[1])
    assert len(laid_out) == count  # the same look: nothing laid out again
    assert view.current_state() == timeline[same[1]].client.state
    view.set_cursor(other)
    assert len(laid_out) == count + 1
    assert view.current_state() == timeline[other].client.state
    view.set_timeline(build("handshake-teardown"))  # a new timeline is always laid out
    assert len(laid_out) == count + 2


def test_showing_again_at_the_same_size_lays_nothing_out(make_diagram, qtbot,
                                                         monkeypatch) -> None:
    """A window settling sends several show and resize events alike (the diagrams were laid
    out 18 times before the first window was painted, issue 14); only a new size (or focus,
    or text) is laid out."""
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication

    view = make_diagram("server", "handshake-teardown")
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    laid_out = []
    original = type(view._scene).show_focus
    monkeypatch.setattr(type(view._scene), "show_focus",
                        lambda scene, focus: (laid_out.append(focus), original(scene, focus)))
    view.hide()
    view.show()  # a show event, the same size
    QApplication.processEvents()
    assert laid_out == []
    view.resize(view.size() + QSize(40, 20))
    QApplication.processEvents()
    assert len(laid_out) == 1
    assert view.visible_figure().width() == view.viewport().width()
