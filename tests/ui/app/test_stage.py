"""The stage at the sizes a class sees it: 1280×720 (a projector) and 1920×1080.

Each test builds the real main window, sized as on that screen (``legibility`` told the
screen's height, the window resized to it), and measures what the issue asks: the ladder's
share of the width in every mode, nothing squeezed below its minimum size, the lesson under
the ladder with the list folded away, zoom and presentation mode.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QDockWidget, QWidget

from simulator.ui.app.main_window import MainWindow
from simulator.ui.common.legibility import ZOOM_KEY, legibility
from tests.paths import CAPTURES, ROOT
from tests.ui.text_size import smallest_text

SIZES = [(1280, 720), (1920, 1080)]
DVWA = CAPTURES / "http-login-session-cookies--chrissanders--http_dvwa_clearlogin.pcapng"


@pytest.fixture
def screen(text_size):
    """The text size as a fresh start has it; restored, remembered zoom included, after."""
    yield text_size


def _window(qtbot, size: tuple[int, int], scenario: str = "handshake-teardown",
            step: int = 0) -> MainWindow:
    width, height = size
    legibility().set_screen_lines(height)
    window = MainWindow(scenario, step)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window


def _squeezed(window: MainWindow) -> list[str]:
    """Visible widgets smaller than their minimum size hint (the layout gave up on them)."""
    out = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow():
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractScrollArea) or (
                parent is not None and isinstance(parent.parentWidget(), QAbstractScrollArea)
                and parent.objectName() == "qt_scrollarea_viewport"):
            continue  # a scroll area's own parts, or its content (which scrolls)
        if parent is not None and not parent.rect().intersects(widget.geometry()):
            continue  # parked out of sight by Qt (QMainWindow's spare dock tab bar)
        hint = widget.minimumSizeHint()
        if not hint.isValid():
            continue
        if widget.width() + 1 < hint.width() or widget.height() + 1 < hint.height():
            out.append(f"{type(widget).__name__} {widget.objectName()!r}: "
                       f"{widget.width()}x{widget.height()} < {hint.width()}x{hint.height()}")
    return out


@pytest.mark.parametrize("size", SIZES)
def test_the_ladder_gets_at_least_45_percent_in_every_mode(qtbot, screen, size) -> None:
    window = _window(qtbot, size)
    assert window.stage.ladder_share() >= 0.45  # a scenario
    window.lessons.open_lesson("tcp-handshake-teardown", 3)
    QApplication.processEvents()
    assert window.stage.ladder_share() >= 0.45  # a lesson
    window.scenario_box.setCurrentIndex(window.scenario_box.findData("wsgi:classic"))
    QApplication.processEvents()
    assert window.stage.ladder_share() >= 0.45  # the server's call chain
    with qtbot.waitSignal(window.replay_loader.loaded, timeout=60_000):
        window.open_capture(str(DVWA))
    QApplication.processEvents()
    assert window.stage.ladder_share() >= 0.45  # a capture, its connection list open
    assert window.capture_dock.isVisible()


@pytest.mark.parametrize("size", SIZES)
def test_even_with_the_lesson_list_open_the_ladder_keeps_its_share(qtbot, screen,
                                                                    size) -> None:
    window = _window(qtbot, size)
    window.findChild(QDockWidget, "lesson-browser-dock").show()
    QApplication.processEvents()
    assert window.stage.ladder_share() >= 0.45


def test_a_lesson_folds_the_list_away_and_speaks_under_the_ladder(qtbot, screen) -> None:
    window = _window(qtbot, (1280, 720))
    browser = window.findChild(QDockWidget, "lesson-browser-dock")
    browser.show()
    window.lessons.open_lesson("tcp-handshake-teardown", 3)
    QApplication.processEvents()
    assert not browser.isVisible()
    pane = window.stage.lesson_area
    ladder = window.stage.ladder
    assert pane.isVisible()
    top_left = pane.mapTo(window, pane.rect().topLeft())
    ladder_bottom = ladder.mapTo(window, ladder.rect().bottomLeft())
    assert top_left.y() > ladder_bottom.y()  # under it, not a third column
    assert abs(top_left.x() - ladder_bottom.x()) < 10
    assert "Step 4 of" in window.lessons.narration.plain_text()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("scenario", "step"), [("handshake-teardown", 3), ("login", 24),
                                                ("lost-data", 20)])
def test_nothing_is_squeezed_below_its_minimum_size(qtbot, screen, size, scenario,
                                                    step) -> None:
    window = _window(qtbot, size, scenario, step)
    assert _squeezed(window) == []
    window.lessons.open_lesson("cookies-and-sessions", 10)
    window.commands.predict.setChecked(True)
    QApplication.processEvents()
    assert _squeezed(window) == []


def test_the_jar_shows_the_cookie_it_says_is_sent_at_1280x720(qtbot, screen) -> None:
    window = _window(qtbot, (1280, 720), "login", 24)
    jar = window.http_panel.jar_view
    assert "1 of 1 go in the Cookie header" in jar.caption.text()
    assert jar.model.rowCount() == 1
    table = jar.table
    assert table.viewport().height() >= table.rowHeight(0)  # the whole row, not a header
    assert jar.cell_text(0, 0) == "sid"


@pytest.mark.parametrize("size", SIZES)
def test_predict_choices_keep_their_size_after_an_answer(qtbot, screen, size) -> None:
    window = _window(qtbot, size)
    window.commands.predict.setChecked(True)
    window.lessons.open_lesson("tcp-handshake-teardown", 0)
    panel = window.lessons.predict
    qtbot.waitUntil(lambda: panel.question is not None, timeout=10_000)
    panel.choose(0)
    QApplication.processEvents()
    for button in panel.buttons:
        if button.isVisible():
            assert button.height() >= button.minimumSizeHint().height()
    # The learner sees, without scrolling, the answer they chose (marked) and the verdict.
    qtbot.waitUntil(lambda: _in_view(panel.result), timeout=2_000)
    assert _in_view(panel.chosen_button())
    assert "✓" in panel.chosen_button().text() or "✘" in panel.chosen_button().text()


def _in_view(widget: QWidget) -> bool:
    """The whole of ``widget`` inside the visible part of the scroll area around it."""
    viewport = widget.parentWidget()
    while viewport is not None and viewport.objectName() != "qt_scrollarea_viewport":
        viewport = viewport.parentWidget()
    assert viewport is not None
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    bottom_right = widget.mapTo(viewport, widget.rect().bottomRight())
    return viewport.rect().contains(top_left) and viewport.rect().contains(bottom_right)


def test_the_window_opens_inside_the_screen(qtbot, screen) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    assert window.width() <= area.width() and window.height() <= area.height()


def test_zoom_enlarges_every_text_and_is_remembered(qtbot, screen) -> None:
    window = _window(qtbot, (1280, 720))
    before = window.font().pixelSize()
    window.commands.zoom_in.trigger()
    QApplication.processEvents()  # the new font reaches the widgets by events
    assert window.font().pixelSize() > before
    assert float(QSettings().value(ZOOM_KEY)) > 1.0
    window.commands.zoom_reset.trigger()
    QApplication.processEvents()
    assert window.font().pixelSize() == before


def test_presentation_mode_hides_the_docks_and_makes_text_large(qtbot, screen) -> None:
    window = _window(qtbot, (1280, 720))
    browser = window.findChild(QDockWidget, "lesson-browser-dock")
    browser.show()
    window.commands.present.trigger()
    QApplication.processEvents()
    assert window.isFullScreen() or window.windowState() & Qt.WindowState.WindowFullScreen
    assert not browser.isVisible() and not window.menuBar().isVisible()
    assert window.font().pixelSize() >= 20
    window.commands.present.trigger()
    QApplication.processEvents()
    assert browser.isVisible() and window.font().pixelSize() < 20


def test_leaving_presentation_mode_puts_the_panes_back_as_they_were(qtbot, screen) -> None:
    window = _window(qtbot, (1280, 720))
    stage = window.stage
    stage.main.setSizes([900, 370])  # the teacher widened the ladder
    before = stage.main.sizes()
    window.commands.present.trigger()
    QApplication.processEvents()
    assert stage.main.sizes() != before
    window.commands.present.trigger()
    QApplication.processEvents()
    assert stage.main.sizes() == before


def test_the_screenshot_command_renders_the_real_window(tmp_path) -> None:
    out = tmp_path / "shot.png"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--scenario", "login", "--step", "24",
         "--size", "1280x720", "--screenshot", str(out)],
        capture_output=True, text=True, timeout=180, cwd=ROOT,
        env={**os.environ, "TMPDIR": str(scratch)})
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 720)
    assert list(scratch.iterdir()) == []  # its screen file and settings are gone with it


FLOORS = {(1280, 720): 12.0, (1920, 1080): 14.0}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("scenario", "step"), [("handshake-teardown", 3), ("login", 24)])
def test_no_text_is_smaller_than_the_floor_for_the_screen(qtbot, screen, size, scenario,
                                                          step) -> None:
    window = _window(qtbot, size, scenario, step)
    window.lessons.open_lesson("cookies-and-sessions", 10)
    QApplication.processEvents()
    for tab in range(window.stage.details.count()):
        if not window.stage.details.isTabVisible(tab):
            continue
        window.stage.details.setCurrentIndex(tab)
        QApplication.processEvents()
        px, where = smallest_text(window)
        assert px >= FLOORS[size] - 0.5, f"{where}: {px:.1f} px on tab {tab}"


def test_presenting_no_text_is_below_20_px(qtbot, screen) -> None:
    window = _window(qtbot, (1280, 720), "login", 24)
    window.commands.present.trigger()
    QApplication.processEvents()
    px, where = smallest_text(window)
    assert px >= 19.5, f"{where}: {px:.1f} px"


def test_the_screenshot_command_answers_a_predict_question(tmp_path) -> None:
    """Two answers, two pictures: the marked choice and the verdict differ."""
    pictures = []
    for answer in ("1", "2"):
        out = tmp_path / f"answered-{answer}.png"
        command = [sys.executable, str(ROOT / "main.py"), "--lesson", "tcp-handshake-teardown",
                   "--step", "3", "--answer", answer, "--screenshot", str(out)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=180, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        pictures.append(QImage(str(out)))
    assert pictures[0].width() == 1280
    assert pictures[0] != pictures[1]
    wrong = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--scenario", "login", "--answer", "1",
         "--screenshot", str(tmp_path / "no.png")],
        capture_output=True, text=True, timeout=180, cwd=ROOT)
    assert wrong.returncode != 0 and "--answer needs --lesson" in wrong.stderr
    assert len(wrong.stderr.strip().splitlines()) == 1
