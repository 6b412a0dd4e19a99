"""Repainting must not corrupt the interpreter: PySide6 6.12.0 dropped a reference to None
on every QPainter.setPen/setBrush, and the app aborted after a few hundred repaints."""

from __future__ import annotations

import sys

from simulator.models.simulation.scenarios import build
from simulator.ui.tcp.ladder_view import LadderView
from simulator.ui.tcp.state_diagram_view import StateDiagramView


def test_repainting_the_views_keeps_none_alive(qtbot):
    timeline = build("simultaneous-close")
    views = [LadderView(), StateDiagramView("client")]
    for view in views:
        qtbot.addWidget(view)
        view.resize(800, 600)
        view.set_timeline(timeline)
        view.set_cursor(14)
        view.grab()
    before = sys.getrefcount(None)
    for _ in range(20):
        for view in views:
            view.grab()
    assert sys.getrefcount(None) >= before - 50
