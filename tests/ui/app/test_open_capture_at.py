"""The command line's ``--open CAPTURE --connection N --step S`` in the real window: the
capture is read and replayed off the GUI thread, then connection N is shown at step S.
"""

from __future__ import annotations

from simulator.ui.app.main_window import MainWindow
from tests.paths import CAPTURES

GET = CAPTURES / "http-get-basic--zeek--get.pcap"
TWO_CONNECTIONS = CAPTURES / "http-ooo-retrans-range--zeek--206_example_a.pcap"


def _opened(qtbot, path, **where) -> MainWindow:
    """The real window after ``open_capture(path, **where)`` has replayed the connection."""
    w = MainWindow("handshake-teardown")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitSignal(w.captures.replayed, timeout=60000):
        w.open_capture(str(path), **where)
    return w


def test_the_command_lines_connection_and_step_open_in_the_window(qtbot):
    """``python main.py --open CAPTURE --connection 1 --step 40`` shows connection 1 of the
    capture at step 40 (it used to show connection 0 at step 0, and check --step against the
    default scenario)."""
    w = _opened(qtbot, TWO_CONNECTIONS, connection=1, step=40)
    assert w.captures.replayed_connection == 1
    assert w.player.cursor == 40
    assert "connection 1" in w.windowTitle()


def test_a_step_beyond_the_connection_shows_its_last_step(qtbot):
    w = _opened(qtbot, GET, step=10_000)
    assert w.player.cursor == len(w.timeline) - 1
    assert "beyond" in w.statusBar().currentMessage()
