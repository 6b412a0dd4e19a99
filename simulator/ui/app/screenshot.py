"""The real main window as a picture, without showing it on any screen (``--screenshot``).

For the README, for handouts and for tests: the window a learner would get on a screen of
the given size — the same MainWindow, stage, docks and fonts, not the export slide — drawn
offscreen. The app is started on Qt's offscreen platform with one screen of that size (its
``configfile`` option), so the window fits that screen exactly as it would on a real one
(``desktop.fit_to_screen``) and text has the size that screen gets (``legibility``). Settings
come from a fresh folder, so a picture does not depend on how the app was last used here.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, QSettings
from PySide6.QtWidgets import QApplication

from simulator.models.lessons.text import Lang

SETTLE_ROUNDS = 12  # event-loop passes for layouts, deferred sizes and repaints to settle
LOAD_TIMEOUT_MS = 120_000  # a capture is read and replayed off the GUI thread


@dataclass(frozen=True)
class Shot:
    """What to put in the window before the picture is taken."""

    width: int
    height: int
    lang: Lang
    scenario: str | None = None
    lesson: str | None = None
    capture: str | None = None
    connection: int | None = None
    step: int | None = None
    present: bool = False
    relative: bool = True
    answer: int | None = None  # with a lesson: predict mode on, this option (0-based) chosen
    drops: frozenset[int] = frozenset()  # the segments a what-if loses (a capture: one)


class ScreenshotError(Exception):
    """The window could not be put in the state asked for (one line)."""


_scratch: tempfile.TemporaryDirectory[str] | None = None


def _scratch_folder() -> Path:
    """One folder for this process's screen file and settings, removed when it exits."""
    global _scratch
    if _scratch is None:
        _scratch = tempfile.TemporaryDirectory(prefix="protocol-sim-screenshot-")
    return Path(_scratch.name)


def offscreen_platform(width: int, height: int) -> str:
    """A QT_QPA_PLATFORM value: the offscreen platform with one screen of this size."""
    config = {"synchronousWindowSystemEvents": False, "windowFrameMargins": False,
              "screens": [{"name": "Screenshot", "x": 0, "y": 0, "width": width,
                           "height": height, "logicalDpi": 96, "logicalBaseDpi": 96,
                           "dpr": 1}]}
    path = _scratch_folder() / "screen.json"
    path.write_text(json.dumps(config))
    return f"offscreen:configfile={path}"


def isolate_settings() -> None:
    """Read and write settings in a fresh folder for this process."""
    folder = _scratch_folder() / "settings"
    folder.mkdir(exist_ok=True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


def settle(app: QCoreApplication, rounds: int = SETTLE_ROUNDS) -> None:
    for _ in range(rounds):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def _wait_for_replay(app: QCoreApplication, window: object, connection: int | None) -> None:
    from simulator.ui.app.main_window import MainWindow

    assert isinstance(window, MainWindow)
    deadline = QDeadlineTimer(LOAD_TIMEOUT_MS)
    asked = False
    while not deadline.hasExpired():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if window.loader.busy or window.replay_loader.busy:
            continue
        index = window.capture_index
        if index is None:
            continue
        if not index.connections:
            raise ScreenshotError("the capture contains no TCP connection")
        if connection is not None and not asked:
            if not 0 <= connection < len(index.connections):
                raise ScreenshotError(f"the capture has no connection {connection}")
            window.open_connection(connection)
            asked = True
            continue
        if window.captures.replayed_from is not None and (
                connection is None or window.captures.replayed_connection == connection):
            return
    raise ScreenshotError("the capture did not open in time")


def _answer(panel: object, choice: int) -> None:
    """Choose ``choice`` in predict mode's question at the lesson's step (the command line
    checked that there is one, with that many choices)."""
    from simulator.ui.lessons.predict_panel import PredictPanel

    assert isinstance(panel, PredictPanel)
    if panel.question is None or not 0 <= choice < len(panel.question.choices):
        raise ScreenshotError("no such answer to a question at this step")
    panel.choose(choice)


def render_window(shot: Shot, path: str) -> None:
    """Build the window for ``shot`` on a screen of its size and save it as a PNG."""
    from simulator.ui.app.main_window import MainWindow
    from simulator.ui.common.legibility import legibility
    from simulator.ui.lessons.lesson_docks import lesson_controller_for

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    legibility().set_screen_lines(shot.height)
    window = MainWindow(shot.scenario or "handshake-teardown", 0,
                        frozenset() if shot.capture else shot.drops, lang=shot.lang)
    window.resize(shot.width, shot.height)
    lessons = lesson_controller_for(window, shot.lang)
    if shot.answer is not None:
        window.commands.predict.setChecked(True)
    if shot.lesson and not lessons.open_lesson(shot.lesson, shot.step or 0):
        raise ScreenshotError(f"lesson {shot.lesson!r} could not be opened")
    if shot.capture:
        window.open_capture(shot.capture)
        _wait_for_replay(app, window, shot.connection)
        for segment in sorted(shot.drops):  # D at that segment: the model runs on from there
            window.what_ifs.drop_segment(segment)
    if not shot.relative:
        window.relative_action.setChecked(False)
    window.show()
    settle(app)
    if shot.step is not None and not shot.lesson:
        last = len(window.timeline) - 1
        if not 0 <= shot.step <= last:
            raise ScreenshotError(f"--step {shot.step} is out of range: 0 to {last}")
        window.player.seek(shot.step)
    if shot.answer is not None:
        _answer(lessons.predict, shot.answer)
    if shot.present:
        window.commands.present.setChecked(True)
    settle(app)
    if not window.grab().save(str(Path(path)), "PNG", 0):  # 0: smallest file, same pixels
        raise ScreenshotError(f"could not write {path}")
    window.close()
    settle(app, 2)
