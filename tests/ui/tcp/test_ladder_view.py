"""The ladder shows, at every step, exactly the segments sent so far, where they are."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from simulator.models.simulation.scenarios import build
from simulator.models.tcp.segment import Flags
from simulator.models.tcp.states import TcpState
from simulator.models.timeline.columns import initial_state
from simulator.models.timeline.steps import Timeline
from simulator.ui.common import palette
from simulator.ui.tcp.ladder_axis import format_duration
from simulator.ui.tcp.ladder_items import SegmentArrowItem
from simulator.ui.tcp.ladder_layout import LadderLayout
from simulator.ui.tcp.ladder_view import LadderView


@pytest.fixture
def make_ladder(qtbot):
    def make(name: str) -> tuple[LadderView, Timeline]:
        timeline = build(name)
        view = LadderView()
        qtbot.addWidget(view)
        view.set_timeline(timeline)
        return view, timeline

    return make


def _by_id(view: LadderView) -> dict[int, SegmentArrowItem]:
    return {item.segment_id: item for item in view.arrow_items()}


def _both_closing(timeline: Timeline) -> int:
    return next(s.index for s in timeline if s.client.state is TcpState.CLOSING
                and s.server.state is TcpState.CLOSING)


def test_one_arrow_per_segment_sent_so_far_at_every_step(make_ladder):
    view, timeline = make_ladder("handshake-teardown")
    for step in timeline:
        view.set_cursor(step.index)
        expected = {s.id for s in timeline.segments_sent_by(step.index)}
        assert set(_by_id(view)) == expected, f"step {step.index}"
    view.set_cursor(-1)
    assert view.arrow_items() == []


def test_stepping_back_hides_what_was_not_yet_sent(make_ladder):
    view, timeline = make_ladder("handshake-teardown")
    view.set_cursor(len(timeline) - 1)
    view.set_cursor(2)
    assert set(_by_id(view)) == {0, 1}


def test_lost_syn_shows_exactly_two_lost_arrows_with_crosses(make_ladder):
    view, timeline = make_ladder("lost-syn")
    view.set_cursor(len(timeline) - 1)
    lost = [a for a in view.arrow_items() if a.is_lost]
    assert len(lost) == 2
    assert all(a.loss_shown for a in lost)
    lanes = view.lanes()
    for arrow in lost:  # they stop half-way between the lifelines
        assert lanes.client_x < arrow.end.x() < lanes.server_x
        assert arrow.end.x() == pytest.approx((lanes.client_x + lanes.server_x) / 2)
    assert sum(a.is_retransmission for a in view.arrow_items()) == 2
    assert _by_id(view)[1].label_text.endswith("  retransmission")
    assert _by_id(view)[1].label_lines()[0] == "SYN  retransmission"  # said on the arrow


def test_loss_cross_appears_only_once_the_segment_is_lost(make_ladder):
    view, timeline = make_ladder("lost-syn")
    first = timeline.segments[0]
    assert first.end_step is not None
    view.set_cursor(first.sent_step)
    arrow = _by_id(view)[first.id]
    assert arrow.is_lost and arrow.is_in_flight and not arrow.loss_shown
    view.set_cursor(first.end_step)
    assert arrow.loss_shown and not arrow.is_in_flight


def test_simultaneous_fins_cross_in_opposite_directions(make_ladder):
    view, timeline = make_ladder("simultaneous-close")
    view.set_cursor(_both_closing(timeline))
    fins = [a for a in view.arrow_items() if Flags.FIN in a.record.flags]
    assert len(fins) == 2
    a, b = fins
    assert (a.end.x() - a.start.x()) * (b.end.x() - b.start.x()) < 0
    assert max(a.start.y(), b.start.y()) < min(a.end.y(), b.end.y())  # y ranges overlap
    assert not any(f.is_in_flight for f in fins)


def test_relative_numbers_start_at_zero_and_absolute_show_the_isn(make_ladder):
    view, timeline = make_ladder("handshake-teardown")
    view.set_cursor(len(timeline) - 1)
    syn = _by_id(view)[0]
    synack = _by_id(view)[1]
    assert syn.label_text.startswith("[SYN] seq=0 ")
    assert "seq=0 ack=1" in synack.label_text
    view.set_relative_numbers(False)
    assert f"seq={timeline.isn['client']} " in syn.label_text
    assert f"ack={timeline.isn['client'] + 1}" in synack.label_text
    view.set_relative_numbers(True)
    assert syn.label_text.startswith("[SYN] seq=0 ")


def test_data_segments_show_their_byte_count(make_ladder):
    view, timeline = make_ladder("handshake-teardown")
    view.set_cursor(len(timeline) - 1)
    data = [a for a in view.arrow_items() if a.record.length > 0]
    assert data and all(f"+{a.record.length} B" in a.label_text for a in data)


def test_segment_in_flight_travels_with_progress(make_ladder):
    view, timeline = make_ladder("handshake-teardown")
    syn = timeline.segments[0]
    assert syn.end_step is not None
    view.set_cursor(syn.sent_step)
    arrow = _by_id(view)[syn.id]
    assert arrow.is_in_flight and arrow.fraction == 0.0
    view.set_cursor(syn.end_step, 0.5)
    assert arrow.is_in_flight and 0.2 < arrow.fraction < 0.8
    assert arrow.start.x() < arrow.head().x() < arrow.end.x()
    view.set_cursor(syn.end_step, 1.0)
    assert not arrow.is_in_flight and arrow.fraction == 1.0


def test_segment_sent_at_the_next_step_is_hidden_until_it_leaves(make_ladder):
    view, timeline = make_ladder("handshake-teardown")
    synack = timeline.segments[1]
    view.set_cursor(synack.sent_step, 0.5)
    assert synack.id not in _by_id(view)
    view.set_cursor(synack.sent_step, 1.0)
    assert synack.id in _by_id(view)


def test_current_step_segments_are_highlighted(make_ladder):
    view, timeline = make_ladder("lost-data")
    for step in timeline:
        view.set_cursor(step.index)
        wanted = set(step.sent) | ({step.segment.id} if step.segment else set())
        assert {a.segment_id for a in view.arrow_items() if a.is_current} == wanted


def test_a_break_band_says_the_gap_it_cuts_out(make_ladder):
    """Each band's words are its own gap, as the time labels either side of it say: a
    TIME-WAIT timer restarted by a resent FIN (RFC 9293 §3.10.7.4) or another connection's
    step before the gap does not make every band read 2·MSL."""
    for name in ("lost-last-ack", "http10-per-request"):
        view, timeline = make_ladder(name)
        view.set_cursor(len(timeline) - 1)
        afters = LadderLayout(timeline).axis.break_after
        gaps = [timeline[int(a)].time - timeline[int(a) - 1].time for a in afters]
        assert [b.headline for b in view.break_items()] == [
            f"⋯ {format_duration(gap)} later ⋯" for gap in gaps]


def test_long_idle_gaps_are_drawn_as_labelled_breaks(make_ladder):
    view, timeline = make_ladder("handshake-teardown")
    view.set_cursor(len(timeline) - 1)
    breaks = view.break_items()
    assert [b.headline for b in breaks] == ["⋯ 240 s later ⋯"]  # 2·MSL, nothing else meanwhile
    # 240 s take a fixed band, not 240 s at 80 px per 50 ms
    assert view.scene().sceneRect().height() < 2500

    view, timeline = make_ladder("lost-syn")
    view.set_cursor(len(timeline) - 1)
    details = [b.detail for b in view.break_items()]
    assert sum("retransmission timer expires (RTO = 1 s)" in d for d in details) == 1
    assert sum("retransmission timer expires (RTO = 2 s)" in d for d in details) == 1


def test_time_axis_is_monotone(make_ladder):
    for name in ("lost-syn", "half-close", "simultaneous-open"):
        view, timeline = make_ladder(name)
        ys = [view._axis.y_of(i) for i in range(len(timeline))]
        assert all(b > a for a, b in itertools.pairwise(ys)), name
        for arrow in view.all_arrow_items():
            assert arrow.end.y() > arrow.start.y(), (name, arrow.segment_id)


def test_state_badges_tell_each_endpoints_story(make_ladder):
    view, timeline = make_ladder("simultaneous-close")
    view.set_cursor(len(timeline) - 1)
    for endpoint in ("client", "server"):
        names = [b.state.name for b in view.badge_items() if b.data(0) == endpoint]
        story = [initial_state(timeline, endpoint).name, *timeline.states(endpoint)]
        assert names == [n for i, n in enumerate(story) if i == 0 or story[i - 1] != n]
    current = [b for b in view.badge_items() if b.is_current]
    assert {b.state for b in current} == {TcpState.CLOSED}
    view.set_cursor(_both_closing(timeline))
    assert {b.state for b in view.badge_items() if b.is_current} == {TcpState.CLOSING}


def test_marker_moves_down_with_the_cursor(make_ladder):
    view, timeline = make_ladder("handshake-teardown")
    ys = []
    for step in timeline:
        view.set_cursor(step.index)
        ys.append(view.marker_y())
    assert ys == sorted(ys) and len(set(ys)) == len(ys)


def test_set_cursor_reuses_the_items_it_built(make_ladder):
    view, timeline = make_ladder("half-close")
    before = set(map(id, view.scene().items()))
    for i in range(len(timeline)):
        for p in (0.0, 0.5, 1.0):
            view.set_cursor(i, p)
    assert set(map(id, view.scene().items())) == before


def test_clicking_an_arrow_reports_the_step_that_sent_it(make_ladder, qtbot):
    view, timeline = make_ladder("handshake-teardown")
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    target = timeline.segments[3]
    view.set_cursor(target.end_step or 0)
    arrow = _by_id(view)[target.id]
    point = view.mapFromScene(arrow.start + (arrow.end - arrow.start) * 0.8)
    with qtbot.waitSignal(view.segment_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [target.sent_step]


def test_scene_renders_into_an_image(make_ladder):
    view, timeline = make_ladder("simultaneous-close")
    view.set_cursor(_both_closing(timeline))
    rect = view.scene().sceneRect()
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    view.scene().render(painter, QRectF(image.rect()), rect)
    painter.end()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 10
    fin = palette.SEGMENT_STYLES[palette.SegmentKind.FIN].colour
    assert any(QColor(c).rgb() == fin.rgb() for c in colours)


# ---------------------------------------------------------------- a 100k-segment capture

@pytest.fixture(scope="module")
def long_timeline():
    from simulator.models.replay.engine import replay_columns
    from tests.models.replay.replay_streams import long_connection

    timeline, _info = replay_columns(long_connection(100_000))
    return timeline


@pytest.fixture
def long_ladder(qtbot, long_timeline):
    view = LadderView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    view.set_timeline(long_timeline)
    return view


def test_a_far_cursor_on_a_long_capture_shows_the_segments_around_it(long_ladder,
                                                                    long_timeline):
    k = 150_001
    long_ladder.set_cursor(k)
    shown = _by_id(long_ladder)
    assert all(a.sent_step <= k for a in shown.values())
    current = long_timeline[k].segment
    assert current is not None and shown[current.id].is_current
    recent = {long_timeline[j].segment.id for j in range(k - 6, k + 1)}
    assert recent <= set(shown)  # everything sent just before the cursor is drawn
    assert 0 not in shown  # ...and nothing from the far past is built
    record = long_timeline.segments[current.id]
    relative = record.label(long_timeline.isn[record.src], long_timeline.isn[record.dst])
    assert shown[current.id].label_text.startswith(relative)
    y = long_ladder.marker_y()
    assert long_ladder.mapFromScene(0, y).y() in range(0, long_ladder.viewport().height())


def test_seeking_a_long_capture_keeps_the_scene_small(long_ladder, long_timeline):
    counts = []
    for k in range(0, len(long_timeline), 9_973):
        long_ladder.set_cursor(k)
        counts.append((len(long_ladder.scene().items()), len(long_ladder.all_arrow_items())))
    assert max(items for items, _ in counts) < 400
    assert max(arrows for _, arrows in counts) < 120
    long_ladder.set_cursor(len(long_timeline) - 1)
    fins = [a for a in long_ladder.arrow_items() if Flags.FIN in a.record.flags]
    assert len(fins) == 2  # the teardown at the very end


def test_scrolling_back_on_a_long_capture_builds_what_comes_into_view(long_ladder):
    long_ladder.set_cursor(120_000)
    assert 0 not in _by_id(long_ladder)
    long_ladder.verticalScrollBar().setValue(0)
    shown = _by_id(long_ladder)
    assert {0, 1, 2} <= set(shown)  # the handshake, already sent at the cursor
    assert [b.state for b in long_ladder.badge_items() if b.data(0) == "client"][:3] == [
        TcpState.CLOSED, TcpState.SYN_SENT, TcpState.ESTABLISHED]
