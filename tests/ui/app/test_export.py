"""Headless exports: the PNG has the requested size, the SVG carries the ladder's arrows."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from simulator.models.simulation.scenarios import build
from simulator.models.tcp.states import TcpState
from simulator.ui.app.export import ExportError, export_png, export_svg


def _both_closing(name: str = "simultaneous-close") -> tuple:
    timeline = build(name)
    index = next(s.index for s in timeline if s.client.state is TcpState.CLOSING
                 and s.server.state is TcpState.CLOSING)
    return timeline, index


def test_png_has_the_requested_size_and_is_not_blank(qtbot, tmp_path):
    timeline, index = _both_closing()
    path = export_png(timeline, index, tmp_path / "step.png", QSize(1200, 800))
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1200, 800)
    colours = {image.pixel(x, y) for x in range(0, 1200, 37) for y in range(0, 800, 29)}
    assert len(colours) > 5


def test_svg_contains_one_arrow_label_per_visible_segment(qtbot, tmp_path):
    timeline, index = _both_closing()
    path = export_svg(timeline, index, tmp_path / "step.svg")
    svg = path.read_text()
    assert svg.startswith("<?xml")
    visible = timeline.segments_sent_by(index)
    fin_labels = re.findall(r"FIN, ACK", svg)
    assert len(fin_labels) >= 2  # the two crossing FINs
    assert "CLOSING" in svg
    assert svg.count("<path") >= len(visible)


def test_out_of_range_step_is_a_clear_error(qtbot, tmp_path):
    timeline = build("abort")
    with pytest.raises(ExportError, match="out of range"):
        export_png(timeline, 999, tmp_path / "x.png")


def test_an_http_step_exports_with_the_http_layer_instead_of_the_diagrams(qtbot, tmp_path):
    from simulator.models.simulation.scenarios import build
    from simulator.ui.app.export import SlideWidget
    from simulator.ui.http.http_panel import HttpPanel

    timeline = build("login")
    profile = next(s.index for s in timeline if s.layer == "http" and s.http.message
                   and s.http.message.target == "/profile")
    slide = SlideWidget(timeline, profile)
    qtbot.addWidget(slide)
    assert isinstance(slide.layer, HttpPanel)
    assert slide.client_diagram.isHidden()
    out = export_png(timeline, profile, tmp_path / "login.png")
    assert out.stat().st_size > 0


@pytest.mark.parametrize("relative", [True, False], ids=["relative", "absolute"])
def test_an_exported_slide_shows_the_explanation_in_the_ladders_convention(qtbot, tmp_path,
                                                                          relative):
    """The slide's explanation follows --absolute as its ladder does: one convention."""
    timeline = build("handshake-teardown")
    synack = next(s for s in timeline if s.segment is not None
                  and s.segment.flags_text == "SYN, ACK" and s.actor == "client")
    path = export_svg(timeline, synack.index, tmp_path / "step.svg", relative=relative)
    svg = path.read_text()
    server = timeline.isn["server"]
    if relative:
        assert f"(abs {server})" in svg  # "SEG.SEQ = 0 (abs …)" in the arithmetic
        assert str(server) not in svg.replace(f"(abs {server})", "")
    else:
        assert "(abs " not in svg
        assert f"SEG.SEQ = {server}," in svg


def test_svg_state_diagrams_are_shapes_and_text_not_bitmaps(qtbot, tmp_path):
    """In the window the diagrams' boxes, labels and arcs are cached pictures; in an SVG
    slide every state's name is text in both diagrams, and no picture is embedded for them
    (a slide scaled up on a projector stays sharp)."""
    timeline = build("lost-syn")
    path = export_svg(timeline, 5, tmp_path / "step.svg", QSize(1600, 1000))
    svg = path.read_text()
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    for name in ("SYN-RECEIVED", "FIN-WAIT-1", "CLOSE-WAIT", "LAST-ACK", "TIME-WAIT"):
        assert sum(name in t for t in texts) >= 2, name  # the client's and the server's
    assert svg.count("<image") <= 4  # the transport icons and the like, as before the cache
