"""The window as a learner uses it: keys step the cursor, every view follows, what-if re-runs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from simulator.models.simulation.scenarios import SCENARIOS
from simulator.models.tcp.phrase import Rendering, render
from simulator.models.tcp.states import TcpState
from simulator.models.timeline.steps import StepKind
from simulator.ui.app.main_window import MainWindow
from tests.paths import CAPTURES


@pytest.fixture
def window(qtbot):
    w = MainWindow("handshake-teardown")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_keys_move_the_cursor_and_every_view_follows(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_End)
    last = len(window.timeline) - 1
    assert window.player.cursor == last
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert window.player.cursor == 0
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: window.player.progress >= 1.0)
    assert window.player.cursor == 2
    step = window.timeline[2]
    assert window.client_diagram.current_state() is step.client.state
    assert window.server_diagram.current_state() is step.server.state
    assert window.transport.slider.value() == 2
    # relative sequence numbers by default, as the ladder (the R toggle)
    assert render(step.explanation.what, Rendering(relative=True)) \
        in window.explanation.plain_text()
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.player.cursor == 1


def test_space_plays_to_the_end(window, qtbot):
    window.player.set_speed(8.0)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.player.playing
    qtbot.waitUntil(lambda: not window.player.playing, timeout=20000)
    assert window.player.cursor == len(window.timeline) - 1


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_every_scenario_plays_forward_and_backward(qtbot, name):
    w = MainWindow(name)
    qtbot.addWidget(w)
    timeline = w.timeline
    seen_forward = []
    for i in range(len(timeline)):
        w.player.seek(i)
        seen_forward.append((w.client_diagram.current_state(), w.server_diagram.current_state(),
                             len(w.ladder.arrow_items()), w.explanation.plain_text()))
    for i in reversed(range(len(timeline))):
        w.player.seek(i)
        assert (w.client_diagram.current_state(), w.server_diagram.current_state(),
                len(w.ladder.arrow_items()), w.explanation.plain_text()) == seen_forward[i]
    assert w.client_diagram.current_state() is timeline[0].client.state


def test_dropping_a_segment_reruns_the_scenario_and_tcp_recovers(window, qtbot):
    syn_arrival = next(s for s in window.timeline if s.kind is StepKind.ARRIVE
                        and s.actor == "server" and s.client.state is TcpState.SYN_SENT)
    window.player.seek(syn_arrival.index)  # the SYN arrives at the server here
    dropped = window.timeline[syn_arrival.index].segment.id  # the segment the step is about
    window.drop_current_segment()
    timeline = window.timeline
    assert "what if" in timeline.title
    current = timeline[window.player.cursor]
    assert current.kind is StepKind.LOSE and current.segment is not None
    assert current.segment.id == dropped
    assert any(s.segment is not None and s.segment.retransmission for s in timeline)
    assert timeline[-1].client.state is TcpState.CLOSED
    assert any(item.is_lost for item in window.ladder.arrow_items()) is True
    window.reset_what_if()
    assert all(s.kind is not StepKind.LOSE for s in window.timeline)


def test_choosing_a_scenario_loads_its_timeline(window):
    index = window.scenario_box.findData("simultaneous-close")
    window.scenario_box.setCurrentIndex(index)
    assert window.timeline.name == "simultaneous-close"
    assert window.player.cursor == 0


def test_opening_a_capture_off_thread_lists_connections_and_replays_one(window, qtbot,
                                                                       tmp_path):

    capture = (CAPTURES
               / "http-gzip-simultaneous-close--zeek--get-gzip.pcap")
    with qtbot.waitSignal(window.loader.loaded, timeout=30000):
        window.open_capture(str(capture))
    assert window.capture_panel.model.rowCount() == 1
    assert window.timeline.name == "connection-0"
    assert window.scenario_box.currentText().startswith("Capture: ")
    states = {(s.client.state, s.server.state) for s in window.timeline}
    assert (TcpState.CLOSING, TcpState.CLOSING) in states  # the FINs cross in this capture
    window.scenario_box.setCurrentIndex(window.scenario_box.findData("abort"))
    assert window.timeline.name == "abort"
    assert window.scenario_box.itemData(0) != ""


def test_a_file_that_is_not_a_capture_gives_a_message_not_a_crash(window, qtbot, tmp_path,
                                                                   monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    bad = tmp_path / "notes.pcap"
    bad.write_text("this is not a capture\n")
    with qtbot.waitSignal(window.loader.failed, timeout=30000):
        window.open_capture(str(bad))
    assert shown and "not a pcap" in shown[0]
    assert window.timeline.name == "handshake-teardown"


def test_a_captured_login_shows_its_http_and_cookie_jar_in_the_http_tab(window, qtbot):
    """Replaying a real login capture, the HTTP tab follows the packets: the request that
    carries the session cookie, and the jar that says it was sent."""

    capture = (CAPTURES
               / "http-login-session-cookies--chrissanders--http_dvwa_clearlogin.pcapng")
    with qtbot.waitSignal(window.loader.loaded, timeout=30000):
        window.open_capture(str(capture))
    assert window.capture_http is not None
    conn_id = next(cid for cid, c in window.capture_http.connections.items()
                   if c.is_http and any(ex.request is not None
                                        and ex.request.message.header("Cookie")
                                        for ex in c.exchanges))
    window.open_connection(conn_id)
    qtbot.waitUntil(lambda: window.timeline.name == f"connection-{conn_id}", timeout=30000)
    assert window.stage.current_detail() is window.http_panel
    with_cookie = next(s for s in window.timeline if s.http is not None
                       and s.http.message is not None
                       and s.http.message.header("Cookie") is not None)
    window.player.seek(with_cookie.index)
    assert window.http_panel.isVisible()
    assert with_cookie.http.jar, "the client's jar holds the cookies the server set"
    assert any(d.sent for d in with_cookie.http.decisions)


def test_the_classic_flask_chain_opens_in_the_wsgi_tab(window):
    window.scenario_box.setCurrentIndex(window.scenario_box.findData("wsgi:classic"))
    assert window.stage.current_detail() is window.wsgi_panel
    assert all(step.wsgi is not None for step in window.timeline)
    functions = [step.wsgi.event.function for step in window.timeline
                 if step.wsgi.event is not None]
    assert any("wsgi_app" in f for f in functions)
    assert not window.drop_action.isEnabled()  # what-if is for TCP scenarios
    window.scenario_box.setCurrentIndex(window.scenario_box.findData("login"))
    assert window.stage.current_detail() is window.http_panel


def test_a_live_trace_from_the_window_steps_from_syn_to_the_call_chain(window, qtbot):
    with qtbot.waitSignal(window.trace_loader.loaded, timeout=60000):
        window.scenario_box.setCurrentIndex(window.scenario_box.findData("wsgi:live"))
    layers = [step.layer for step in window.timeline]
    assert layers[0] == "tcp" and "http" in layers and "wsgi" in layers
    assert layers.index("tcp") < layers.index("http") < layers.index("wsgi")
    assert window.stage.current_detail() is window.wsgi_panel


def test_a_lesson_on_a_call_chain_retitles_the_window_and_the_status_line(qtbot) -> None:
    from simulator.ui.app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    handshake = window.description.text()
    assert window.lessons.open_lesson("flask-request-flow", 3)
    timeline = window.timeline
    assert window.description.text() == timeline.description != handshake
    assert window.windowTitle().endswith(timeline.title)


def test_a_lesson_plays_on_without_stopping_while_predict_mode_is_off(window, qtbot):
    """Predict mode off (the default): Play is not paused at the steps that have a question."""
    assert not window.commands.predict.isChecked()
    window.lessons.open_lesson("tcp-handshake-teardown", 0)
    window.player.set_speed(8.0)
    window.player.play()
    qtbot.waitUntil(lambda: not window.player.playing, timeout=30000)
    assert window.player.cursor == len(window.timeline) - 1


def test_a_lesson_after_a_capture_leaves_the_capture_behind(window, qtbot):
    """The packet tab and the box's 'Capture: …' go with the capture when a lesson puts its
    own timeline on the stage."""
    capture = CAPTURES / "http-classic-get--dpkt--http.pcap"
    with qtbot.waitSignal(window.replay_loader.loaded, timeout=30000):
        window.open_capture(str(capture))
    assert window.captures.replayed_from is not None
    window.lessons.open_lesson("flask-contexts", 0)
    assert window.captures.replayed_from is None
    assert not window.stage.detail_visible(window.packet_detail)
    assert not window.scenario_box.currentText().startswith("Capture: ")


def test_the_f1_list_names_every_key_the_window_answers_and_no_other(window):
    """The shortcut list is written by hand for its wording: held here to the real bindings
    (Ctrl+1 stands for Ctrl+1 … Ctrl+4, Esc is the way out of presentation mode)."""
    from PySide6.QtGui import QAction, QKeySequence

    from simulator.ui.app.window_actions import SHORTCUTS

    def norm(key: str) -> str:
        return QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText)

    listed = {norm(key) for key, _ in SHORTCUTS}
    bound = {norm(s.toString()) for action in window.findChildren(QAction)
             for s in action.shortcuts() if not s.isEmpty()}
    assert listed <= bound
    assert bound - listed <= {norm(k) for k in ("Ctrl++", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Esc")}
