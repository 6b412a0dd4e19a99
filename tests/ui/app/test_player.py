"""Playback pacing: even steps for lessons, the timeline's own clock for captures.

The tests drive ``Player.advance`` with chosen real-time increments, so nothing here depends
on the wall clock.
"""

from __future__ import annotations

import pytest

from simulator.models.simulation.scenarios import build
from simulator.ui.app.transport_bar import TransportBar
from simulator.ui.common.player import STEP_SECONDS, Pacing, Player


@pytest.fixture
def lost_syn():
    # SYN at t=0 is lost; the retransmission timer fires at 1 s, then 3 s: uneven gaps.
    return build("lost-syn")


def _first_step_after(timeline, t):
    return next(s.index for s in timeline if s.time > t)


def test_even_pacing_gives_every_step_the_same_time(qtbot, lost_syn):
    player = Player()
    player.set_timeline(lost_syn)
    player.play()
    for _ in range(round(STEP_SECONDS * 3.5 / 0.03)):  # 30 ms ticks, as the timer gives
        player.advance(0.03)
    # Play starts step 1 at once; each step then takes STEP_SECONDS: 3.5 later, step 4 is
    # half-way through its animation.
    assert player.cursor == 4
    assert player.progress == pytest.approx(0.5, abs=0.05)


def test_real_timing_follows_the_timeline_clock(qtbot, lost_syn):
    player = Player()
    player.set_timeline(lost_syn)
    player.set_pacing(Pacing.REAL)
    player.play()
    player.advance(0.9)  # before the 1 s retransmission timeout: still waiting for it
    timeout = _first_step_after(lost_syn, 0.9)
    assert lost_syn[timeout].time == pytest.approx(1.0)
    assert player.cursor == timeout
    assert 0.0 < player.progress < 1.0
    player.advance(0.2)  # past 1.0 s: the timeout has happened, the next event is pending
    assert player.cursor > timeout


def test_real_timing_scales_with_speed(qtbot, lost_syn):
    player = Player()
    player.set_timeline(lost_syn)
    player.set_pacing(Pacing.REAL)
    player.set_speed(10.0)
    player.play()
    player.advance(0.11)  # 1.1 s of timeline time at 10×
    assert player.cursor == _first_step_after(lost_syn, 1.1)


def test_real_timing_stops_at_the_end(qtbot, lost_syn):
    player = Player()
    player.set_timeline(lost_syn)
    player.set_pacing(Pacing.REAL)
    player.set_speed(100.0)
    player.play()
    player.advance(lost_syn.duration)  # 100× the whole duration
    assert player.cursor == len(lost_syn) - 1
    assert player.progress == 1.0
    assert not player.playing


def test_transport_bar_offers_real_timing_speeds(qtbot, lost_syn):
    player = Player()
    bar = TransportBar(player)
    qtbot.addWidget(bar)
    player.set_timeline(lost_syn)
    bar.pacing_box.setCurrentIndex(list(Pacing).index(Pacing.REAL))
    assert player.pacing is Pacing.REAL
    speeds = [bar.speed_box.itemText(i) for i in range(bar.speed_box.count())]
    assert "0.01×" in speeds and "100×" in speeds
    assert bar.speed_box.currentText() == "1×"
    bar.speed_box.setCurrentIndex(speeds.index("10×"))
    assert player.speed == 10.0


def _shown_in_full(label) -> bool:
    return label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()


@pytest.mark.parametrize("pacing", list(Pacing))
def test_the_position_is_read_in_full_and_keeps_its_size_at_every_step(qtbot, lost_syn,
                                                                       pacing):
    """Stepping rewrites "Step n / N  t = …": a label as wide as its text asked the whole
    window to lay out (and repaint) again at every step. Its size is fixed to the widest
    text the timeline can give, so no step changes it and no step's text is cut."""
    player = Player()
    bar = TransportBar(player)
    qtbot.addWidget(bar)
    player.set_timeline(lost_syn)
    player.set_pacing(pacing)
    bar.show()
    qtbot.waitExposed(bar)
    label = bar.position_label
    size = label.size()
    for k in range(len(lost_syn)):
        player.seek(k)
        assert f"Step {k + 1} / {len(lost_syn)}" in label.text()
        assert _shown_in_full(label), label.text()
        assert label.size() == size
    if pacing is Pacing.REAL:  # playing in real time adds the wait to the next step
        player.seek(_first_step_after(lost_syn, 2.0) - 1)  # the next waits ~2 s (the RTO)
        player.play()
        player.advance(0.01)
        assert "next in" in label.text()
        assert _shown_in_full(label), label.text()


def test_the_position_fits_again_when_the_text_grows(qtbot, lost_syn):
    player = Player()
    bar = TransportBar(player)
    qtbot.addWidget(bar)
    player.set_timeline(lost_syn)
    bar.show()
    narrow = bar.position_label.width()
    font = bar.font()
    font.setPixelSize(font.pixelSize() * 2 if font.pixelSize() > 0 else 30)
    bar.setFont(font)
    player.seek(len(lost_syn) - 1)
    assert bar.position_label.width() > narrow
    assert _shown_in_full(bar.position_label), bar.position_label.text()


def _waits_read_in_full(qtbot, timeline, speed: float) -> int:
    player = Player()
    bar = TransportBar(player)
    qtbot.addWidget(bar)
    player.set_timeline(timeline)
    player.set_pacing(Pacing.REAL)
    player.set_speed(speed)
    bar.show()
    qtbot.waitExposed(bar)
    label = bar.position_label
    waits = 0
    for k in range(len(timeline) - 1):
        player.pause()
        player.seek(k)
        player.play()
        player.advance(0.0001)
        assert _shown_in_full(label), label.text()
        waits += ("next in" in label.text()) or ("后下一步" in label.text())
    player.pause()
    return waits


@pytest.mark.parametrize("speed", [1.0, 0.1, 0.001])
def test_the_wait_to_the_next_step_is_read_in_full_at_slow_speeds(qtbot, lost_syn, speed):
    """Real timing at 0.001× turns a 2 s retransmission timeout into a wait of ~2,000 s:
    the position is as wide as the longest wait the speed can give (the review found
    "(next in 2399 s)" cut at 0.1×)."""
    assert _waits_read_in_full(qtbot, lost_syn, speed) >= 2


def test_the_wait_is_read_in_full_in_chinese(qtbot, lost_syn, zh_interface):
    assert _waits_read_in_full(qtbot, lost_syn, 0.001) >= 2
