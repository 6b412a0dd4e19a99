"""Where an arrow's label may go: the box ``LabelPlacer`` looks for neighbours in holds every
spot the label could take, whatever the arrow's slope, length and direction (a spot outside
it would be placed without seeing what it overlaps)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPointF

from simulator.models.simulation.scenarios import build
from simulator.ui.tcp.ladder_items import SegmentArrowItem
from simulator.ui.tcp.ladder_view import LadderView

coordinate = st.floats(min_value=-3000, max_value=3000, allow_nan=False)


@pytest.fixture(scope="module")
def records(qapp):
    view = LadderView()
    timeline = build("lost-data")
    view.set_timeline(timeline)
    view.set_cursor(len(timeline) - 1)
    items = list(view.arrow_items())
    assert any(item.is_lost for item in items) and any(not item.is_lost for item in items)
    return [(item.record, item.marks) for item in items]


@settings(max_examples=400, deadline=None)
@given(data=st.data(), x0=coordinate, y0=coordinate, x2=coordinate, y2=coordinate,
       share=st.floats(min_value=0.05, max_value=1.0))
def test_every_candidate_spot_lies_in_the_labels_reach(records, data, x0, y0, x2, y2, share):
    record, marks = data.draw(st.sampled_from(records))
    # as ``ladder_layout.arrow`` draws it: the arrow ends (where it is, or was lost) a
    # share of the way along the line from its sender to where it would reach the receiver
    end = QPointF(x0 + (x2 - x0) * share, y0 + (y2 - y0) * share)
    arrow = SegmentArrowItem(record, QPointF(x0, y0), end, QPointF(x2, y2), marks)
    numbers = data.draw(st.sampled_from(["seq=1 ack=1 len=0",
                                         "seq=4294967295 ack=4294967295 len=65535 " * 3]))
    arrow.set_numbers(f"[ACK] {numbers}", numbers)
    assert arrow.label_reach().width() > 0
    reach = arrow.label_reach()
    for spot in arrow.label_candidates():
        box = arrow.label_polygon(spot).boundingRect()
        assert reach.contains(box), (spot, box, reach)
