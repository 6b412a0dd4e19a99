"""D on a replayed capture, in the real window: the TCP model takes over from that step.

The learner opens a real capture (Wget fetching a file, captured at the client), steps to a
segment and presses D. The window then plays a timeline marked "simulated from step N" in its
title and in a banner over the stage, in the interface language; the steps before N are the
capture's replay, step for step; the chosen segment is lost, and TCP retransmits it (RFC 6298
§5.4: the retransmission timer resends the earliest unacknowledged segment). The banner's
button (and Undo what-ifs) bring the capture back.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from simulator.models.lessons.text import Lang
from simulator.models.tcp.states import TcpState
from simulator.models.timeline.steps import Fate, StepKind
from simulator.ui.app.main_window import MainWindow
from tests.paths import CAPTURES

GET = CAPTURES / "http-get-basic--zeek--get.pcap"


@pytest.fixture
def window(qtbot):
    w = MainWindow("handshake-teardown")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitSignal(w.captures.replayed, timeout=30000):
        w.open_capture(str(GET))
    return w


def _request_sent(window):
    """The step at which the client sends its GET (136 bytes, packet 4)."""
    return next(s for s in window.timeline if s.kind is StepKind.USER and s.segment
                and s.segment.src == "client" and s.segment.length == 136)


def test_d_on_a_capture_step_plays_a_what_if_simulated_from_the_arrival(window, qtbot):
    replay = window.timeline
    request = _request_sent(window)
    window.player.seek(request.index)
    assert window.drop_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_D)
    what_if = window.timeline
    assert what_if is not replay
    fork = window.what_ifs.current.fork
    # the loss takes the place of the arrival: everything before it happened as captured
    assert request.index < fork <= request.segment.end_step
    assert f"Simulated from step {fork + 1}" in what_if.title
    assert "what if packet 4 were lost?" in what_if.title
    assert f"Simulated from step {fork + 1}" in window.windowTitle()
    banner = window.what_ifs.banner
    assert banner.isVisible()
    assert f"What-if: simulated from step {fork + 1}" in banner.text
    assert f"Steps 1 to {fork} are the capture as replayed" in banner.text
    assert "packet 4" in banner.text
    # the steps before N are the replay's, as the learner saw them
    for k in range(fork):
        mine, theirs = what_if[k], replay[k]
        assert (mine.time, mine.kind, mine.actor, mine.client, mine.server,
                mine.transitions, mine.explanation) == (
            theirs.time, theirs.kind, theirs.actor, theirs.client, theirs.server,
            theirs.transitions, theirs.explanation)
        assert (mine.segment is None) == (theirs.segment is None)
        if mine.segment is not None:
            assert (mine.segment.seq, mine.segment.ack, mine.segment.flags,
                    mine.segment.length) == (theirs.segment.seq, theirs.segment.ack,
                                             theirs.segment.flags, theirs.segment.length)
    # the cursor is on the loss, which the ladder draws
    current = what_if[window.player.cursor]
    assert current.kind is StepKind.LOSE and current.index == fork
    lost = current.segment
    assert lost.fate is Fate.LOST and (lost.seq, lost.length) == (request.segment.seq, 136)
    qtbot.keyClick(window, Qt.Key.Key_End)
    assert any(item.loss_shown for item in window.ladder.arrow_items())
    # ... and TCP sends the same bytes again when its retransmission timer expires
    again = [s for s in what_if if s.index > fork and s.kind is StepKind.TIMEOUT
             and s.segment is not None and s.segment.seq == lost.seq
             and s.segment.length == 136]
    assert again and again[0].segment.retransmission
    assert again[0].time == pytest.approx(request.time + 1.0)  # RTO 1 s (RFC 6298 §2.4)
    arrival = next(s for s in what_if if s.kind is StepKind.ARRIVE
                   and s.segment is not None and s.segment.id == again[0].segment.id)
    assert arrival.server.rcv_nxt == (request.segment.seq + 136) % 2**32
    # the server answers once it has the request, the client closes: both end CLOSED
    assert what_if[-1].client.state is TcpState.CLOSED
    assert what_if[-1].server.state is TcpState.CLOSED


def test_the_banner_s_button_brings_the_capture_back(window, qtbot):
    replay = window.timeline
    request = _request_sent(window)
    window.player.seek(request.index)
    window.drop_current_segment()
    assert window.reset_action.isEnabled()
    qtbot.mouseClick(window.what_ifs.banner.back, Qt.MouseButton.LeftButton)
    assert window.timeline is replay
    assert window.player.cursor == request.index
    assert not window.what_ifs.banner.isVisible()
    assert window.scenario_box.currentText().startswith("Capture: ")
    assert window.captures.replayed_from is not None  # still the capture, packets and all


def test_d_again_in_the_simulated_part_loses_that_segment_too(window, qtbot):
    request = _request_sent(window)
    window.player.seek(request.index)
    window.drop_current_segment()
    first = window.what_ifs.current
    retransmission = next(s for s in window.timeline if s.index > first.fork
                          and s.kind is StepKind.TIMEOUT and s.segment is not None)
    window.player.seek(retransmission.index)
    window.drop_current_segment()
    second = window.what_ifs.current
    assert second.fork == first.fork  # the same seed: the same run up to the second loss
    lost = [s for s in window.timeline if s.kind is StepKind.LOSE]
    assert len(lost) == 2
    assert window.timeline[window.player.cursor].kind is StepKind.LOSE
    # the second timeout waits twice as long (RFC 6298 §5.5)
    timeouts = [s.time for s in window.timeline if s.kind is StepKind.TIMEOUT
                and s.segment is not None and s.segment.length == 136]
    assert timeouts[1] - timeouts[0] == pytest.approx(2.0)


def test_another_source_takes_the_what_if_and_its_banner_away(window):
    window.player.seek(_request_sent(window).index)
    window.drop_current_segment()
    window.scenario_box.setCurrentIndex(window.scenario_box.findData("abort"))
    assert window.timeline.name == "abort"
    assert not window.what_ifs.active and not window.what_ifs.banner.isVisible()


def test_the_mark_reads_in_chinese_once_the_learner_switches(window, qapp):
    window.player.seek(_request_sent(window).index)
    window.drop_current_segment()
    n = window.what_ifs.current.first_simulated_step
    window.set_language(Lang.ZH_CN)
    qapp.processEvents()  # every widget hears LanguageChange
    text = window.what_ifs.banner.text
    assert text.startswith(f"假如：从第 {n} 步起为模拟")
    assert f"第 1 至 {n - 1} 步是抓包的回放" in text and "数据包 4" in text
    title = window.windowTitle()
    assert f"如果 数据包 4 丢失会怎样？从第 {n} 步起为模拟" in title
    assert window.what_ifs.banner.back.text() == "回到抓包"
