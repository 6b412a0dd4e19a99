"""A captured packet reads from the back of the room: the layer tree, the hex dump and the line
under it are at least the smallest text size (12 px on a 720-line screen, 14 px on a
1080-line one, 20 px presenting) and grow when the learner zooms in — the dump's least width
with them, so a whole line of bytes still fits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from simulator.net.capture.index import build_index
from simulator.ui.capture.packet_detail_view import PacketDetailView
from tests.paths import CAPTURES
from tests.ui.text_size import floor_for, text_sizes

GET = CAPTURES / "http-get-basic--zeek--get.pcap"


def _packet(qtbot, size: tuple[int, int]) -> PacketDetailView:
    view = PacketDetailView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.show_packet(build_index(str(GET)), 4)
    assert view.select_key("TCP/flags")  # a bit field: the line under the dump has bits
    QCoreApplication.processEvents()
    return view


def _smallest(view: PacketDetailView) -> tuple[float, str]:
    found = list(text_sizes(view))
    kinds = {where.split()[0] for _, where in found}
    assert {"HexView", "QTreeView", "QLabel"} <= kinds, kinds  # the three are measured
    return min(found)


@pytest.mark.parametrize("lines", [720, 1080])
@pytest.mark.parametrize("size", [(560, 400), (1100, 420)])
def test_every_word_of_a_packet_is_at_least_the_smallest_text_size(qtbot, text_size, lines,
                                                                     size):
    floor = floor_for(text_size, lines)
    view = _packet(qtbot, size)
    px, where = _smallest(view)
    assert px >= floor - 0.01, (px, where)


def test_zooming_in_enlarges_the_dump_its_width_and_the_line_under_it(qtbot, text_size):
    floor = floor_for(text_size, 720)
    view = _packet(qtbot, (1100, 420))
    dump_px, dump_width = view.hex.rendered_text_px(), view.hex.minimumWidth()
    info_px = view.info.font().pixelSize()
    text_size.zoom_in()
    text_size.zoom_in()
    QCoreApplication.processEvents()
    zoomed = text_size.text_px()
    assert zoomed > floor
    assert view.hex.rendered_text_px() >= zoomed - 0.5 and view.hex.rendered_text_px() > dump_px
    assert view.hex.minimumWidth() > dump_width  # a whole line of the dump still fits
    assert view.info.font().pixelSize() > info_px
    assert _smallest(view)[0] >= zoomed - 0.5


def test_presenting_draws_a_packet_at_twenty_pixels_or_more(qtbot, text_size):
    floor_for(text_size, 720)
    view = _packet(qtbot, (1100, 420))
    text_size.set_presenting(True)
    QCoreApplication.processEvents()
    px, where = _smallest(view)
    assert px >= 20, (px, where)


@pytest.mark.parametrize("zoom", [1.0, 1.25])
def test_the_tree_goes_above_the_dump_when_it_would_be_a_sliver_beside_it(qtbot, text_size,
                                                                          zoom):
    floor_for(text_size, 720)
    text_size.set_zoom(zoom, remember=False)
    view = _packet(qtbot, (620, 370))  # a detail pane beside the ladder at 1280×720
    assert view.splitter.orientation() == Qt.Orientation.Vertical
    assert view.tree.width() >= 18 * text_size.text_px()
    wide = _packet(qtbot, (1400, 420))  # room for both: beside each other
    assert wide.splitter.orientation() == Qt.Orientation.Horizontal
    assert wide.tree.width() >= 18 * text_size.text_px()
