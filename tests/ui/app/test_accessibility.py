"""Accessible: every control and view has a name a screen reader can say (in the interface's
language), the detail tabs and commands are reachable from the keyboard, and the light, dark
and high-contrast themes keep text readable (WCAG 2.1 contrast ratios)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGraphicsView,
    QHeaderView,
    QLineEdit,
    QSlider,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from simulator.models.lessons.text import Lang
from simulator.ui.app.accessibility import PARTS
from simulator.ui.app.appearance import (
    Appearance,
    appearance_manager,
    dark_palette,
    high_contrast_palette,
)
from simulator.ui.app.main_window import MainWindow
from simulator.ui.common import palette
from simulator.ui.text.i18n import set_language

CONTROLS = (QAbstractButton, QComboBox, QSlider, QLineEdit, QAbstractItemView, QTextEdit,
            QGraphicsView, QTabWidget)


def _accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def _controls(window: MainWindow) -> list[QWidget]:
    out = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or isinstance(widget, QHeaderView):
            continue
        if not widget.isVisible() or widget.objectName().startswith("qt_"):
            continue  # Qt's own parts of a control (a tab bar's scroll buttons, ...)
        out.append(widget)
    return out


@pytest.fixture
def window(qtbot):
    w = MainWindow("login", 24)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.lessons.open_lesson("cookies-and-sessions", 10)
    QApplication.processEvents()
    return w


def test_every_visible_control_and_view_has_an_accessible_name(window) -> None:
    for tab in range(window.stage.details.count()):
        window.stage.show_tab(tab)
        QApplication.processEvents()
        unnamed = [f"{type(w).__name__} in {type(w.parentWidget()).__name__}"
                   for w in _controls(window) if not _accessible_name(w).strip()]
        assert unnamed == [], f"tab {tab}"


def test_the_names_follow_the_interface_language(window, zh_interface) -> None:
    set_language(Lang.ZH_CN)
    QApplication.processEvents()
    english = {name for _path, name, _ in PARTS}
    assert window.ladder.accessibleName() not in english
    assert all(not w.accessibleName() or w.accessibleName() not in english
               for w in _controls(window))


def test_ctrl_and_a_number_brings_a_detail_tab_forward(window, qtbot) -> None:
    """Ctrl+1 … Ctrl+4: state machines, HTTP, call chain, and (while a capture is replayed)
    the packet's bytes."""
    from PySide6.QtCore import Qt

    from tests.paths import CAPTURES

    with qtbot.waitSignal(window.replay_loader.loaded, timeout=30000):
        window.open_capture(str(CAPTURES / "http-classic-get--dpkt--http.pcap"))
    keys = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)
    wanted = (window.stage.diagrams, window.http_panel, window.wsgi_panel,
              window.packet_detail)
    for key, view in zip(keys, wanted, strict=True):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.stage.current_detail() is view


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green())
            + 0.0722 * channel(colour.blue()))


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2.1's contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


PAIRS = ((QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
         (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
         (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
         (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight))


@pytest.mark.parametrize(("theme", "make", "least"), [
    ("light", palette.light_palette, 4.5), ("dark", dark_palette, 4.5),
    ("high contrast", high_contrast_palette, 7.0)])
def test_each_theme_keeps_text_readable(theme, make, least) -> None:
    p = make()
    for text, ground in PAIRS:
        assert contrast(p.color(text), p.color(ground)) >= least, (theme, text, ground)


@pytest.mark.parametrize("dark", [False, True])
def test_the_ladder_and_diagrams_ink_is_readable_on_their_background(dark) -> None:
    look = palette.look(dark)
    assert contrast(look.ink, look.background) >= 7.0
    assert contrast(look.muted, look.background) >= 4.5
    for kind in palette.SegmentKind:  # every arrow's colour, and its label, on the page
        assert contrast(look.segment(kind), look.background) >= 3.0, kind


def test_high_contrast_is_a_choice_of_the_view_menu(window) -> None:
    window.commands.appearances[Appearance.HIGH_CONTRAST].trigger()
    app = QApplication.instance()
    assert app.palette().color(QPalette.ColorRole.Window) == QColor(255, 255, 255)
    assert app.palette().color(QPalette.ColorRole.WindowText) == QColor(0, 0, 0)
    appearance_manager().apply(Appearance.LIGHT, remember=False)
