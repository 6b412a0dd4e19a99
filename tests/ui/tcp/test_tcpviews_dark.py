"""The TCP views follow the window's theme: on a dark palette the ladder and the state
diagrams are drawn light-on-dark (and change back when the palette does), segment colours
stay readable; exported slides stay light whatever the window's theme."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from simulator.models.simulation.scenarios import build
from simulator.models.tcp.states import TcpState
from simulator.ui.common import palette
from simulator.ui.tcp.explanation_panel import ExplanationPanel
from simulator.ui.tcp.ladder_view import LadderView
from simulator.ui.tcp.state_diagram_view import StateDiagramView


def dark_palette() -> QPalette:
    p = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2d2d30"),
                         (QPalette.ColorRole.Base, "#1e1e20"),
                         (QPalette.ColorRole.Text, "#e6e6e6"),
                         (QPalette.ColorRole.WindowText, "#e6e6e6"),
                         (QPalette.ColorRole.Button, "#2d2d30"),
                         (QPalette.ColorRole.ButtonText, "#e6e6e6")):
        p.setColor(role, QColor(colour))
    return p


def _lightness(image: QImage, x: int, y: int) -> int:
    return QColor(image.pixel(x, y)).lightness()


def _lightness_in(image: QImage, rect: QRect) -> list[int]:
    rect = rect.intersected(image.rect())
    return sorted(_lightness(image, x, y) for x in range(rect.left(), rect.right() + 1)
                  for y in range(rect.top(), rect.bottom() + 1))


def _near(image: QImage, colour: QColor, tolerance: int = 14) -> int:
    """How many pixels (every column, every other row) are within ``tolerance`` of
    ``colour`` in each channel."""
    found = 0
    for x in range(image.width()):
        for y in range(0, image.height(), 2):
            c = QColor(image.pixel(x, y))
            if (abs(c.red() - colour.red()) <= tolerance
                    and abs(c.green() - colour.green()) <= tolerance
                    and abs(c.blue() - colour.blue()) <= tolerance):
                found += 1
    return found


@pytest.fixture
def ladder(qtbot) -> LadderView:
    view = LadderView()
    qtbot.addWidget(view)
    view.resize(800, 640)
    view.set_timeline(build("handshake-teardown"))
    view.set_cursor(3)
    return view


def _header_rect(view: LadderView) -> QRect:
    """The client's box in the pinned header, in the view's pixels."""
    header = view.header()
    box = header.box("client").toAlignedRect().translated(header.pos())
    return box.adjusted(4, 4, -4, -4)


def test_ladder_on_a_dark_palette_is_light_ink_on_a_dark_ground(ladder):
    light = ladder.grab().toImage()
    assert _lightness(light, 5, light.height() - 5) > 240

    ladder.setPalette(dark_palette())  # after it was built: the change is followed
    image = ladder.grab().toImage()
    assert _lightness(image, 5, image.height() - 5) < 50  # the ground
    header = _lightness_in(image, _header_rect(ladder))
    assert header[len(header) // 2] < 80  # the lane's box is dark ...
    assert header[-1] > 200  # ... and its title ('Client') is light
    syn = palette.SEGMENT_STYLES[palette.SegmentKind.SYN]
    assert _near(image, syn.dark) > 20  # the SYN is the lighter green
    assert _near(image, syn.colour, 6) == 0

    ladder.setPalette(palette.light_palette())  # and back
    again = ladder.grab().toImage()
    assert _lightness(again, 5, again.height() - 5) > 240
    header = _lightness_in(again, _header_rect(ladder))
    assert header[0] < 80 and header[len(header) // 2] > 200  # dark title on a light box


def test_state_diagram_on_a_dark_palette_is_light_ink_on_a_dark_ground(qtbot):
    view = StateDiagramView("client")
    qtbot.addWidget(view)
    view.resize(600, 560)
    timeline = build("handshake-teardown")
    view.set_timeline(timeline)
    established = next(s.index for s in timeline if s.client.state is TcpState.ESTABLISHED)
    view.set_cursor(established)
    view.grab()  # lays the view out (fits the scene)

    view.setPalette(dark_palette())
    image = view.grab().toImage()
    assert _lightness(image, 3, image.height() - 3) < 50
    box = view.mapFromScene(view.box_item("ESTABLISHED").rect()).boundingRect()
    inside = _lightness_in(image, box.adjusted(4, 4, -4, -4))
    fill = palette.DARK_LOOK.current_state_fill
    assert QColor(image.pixel(box.left() + 6, box.top() + 4)).rgb() == fill.rgb()
    assert inside[-1] > 200  # the state's name is light on the dark orange
    other = view.mapFromScene(view.box_item("LISTEN").rect()).boundingRect()
    inside = _lightness_in(image, other.adjusted(4, 4, -4, -4))
    assert inside[len(inside) // 2] < 80 and inside[-1] > 200
    title = _lightness_in(image, QRect(0, 0, image.width() // 4, image.height() // 12))
    assert title[-1] > 200  # 'Client' on top

    view.setPalette(palette.light_palette())
    again = view.grab().toImage()
    assert _lightness(again, 3, again.height() - 3) > 240
    assert QColor(again.pixel(box.left() + 6, box.top() + 4)).rgb() \
        == palette.CURRENT_STATE_FILL.rgb()


def test_explanation_panel_picks_its_inline_colours_from_the_palette(qtbot):
    timeline = build("handshake-teardown")
    panel = ExplanationPanel()
    qtbot.addWidget(panel)
    panel.set_timeline(timeline)
    panel.set_cursor(2)
    muted = palette.MUTED_INK
    assert muted.light.name() in panel.toHtml()
    panel.setPalette(dark_palette())
    assert muted.dark.name() in panel.toHtml() and muted.light.name() not in panel.toHtml()
    assert "Step 3 of" in panel.plain_text()  # the same step, redrawn
    panel.setPalette(palette.light_palette())
    assert muted.light.name() in panel.toHtml()


@pytest.fixture
def dark_application() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = QPalette(app.palette())
    app.setPalette(dark_palette())
    QApplication.processEvents()
    try:
        yield
    finally:
        app.setPalette(original)
        QApplication.processEvents()


def test_views_follow_the_application_palette(ladder, dark_application):
    assert palette.is_dark(ladder.palette())
    image = ladder.grab().toImage()
    assert _lightness(image, 5, image.height() - 5) < 50


def test_slides_stay_light_when_the_window_is_dark(qtbot, tmp_path, dark_application):
    from simulator.ui.app.export import export_png

    timeline = build("simultaneous-close")
    path = export_png(timeline, 10, tmp_path / "slide.png")
    image = QImage(str(path))
    samples = [_lightness(image, x, y) for x in range(0, image.width(), 23)
               for y in range(0, image.height(), 19)]
    dark_share = sum(1 for v in samples if v < 80) / len(samples)
    assert dark_share < 0.05, dark_share  # dark ink only, on white
    assert sum(1 for v in samples if v > 240) / len(samples) > 0.8
