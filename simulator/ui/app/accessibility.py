"""Names and descriptions for assistive technology, and keys for what has no button.

A screen reader announces a control by its accessible name; a view that draws its content
itself (the ladder, the state diagrams) is silent without one. ``install`` gives every part of
the main window a name and a one-line description in the interface language (again on every
language change), from one table, so a new view added to the window is added here too (the
test that walks the window's controls finds it otherwise).

Keyboard: every command has a shortcut (``WindowActions``); the detail tabs are Ctrl+1 … Ctrl+4;
the source box takes Tab focus (Tab reaches it; a click does not steal the arrow keys the
Player needs).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from simulator.ui.text.i18n import QT_TRANSLATE_NOOP, is_language_change

CONTEXT = "Accessibility"

#: (path of the widget from the window, name, description), English, marked for lupdate.
PARTS: tuple[tuple[str, str, str], ...] = (
    ("ladder", QT_TRANSLATE_NOOP("Accessibility", "Ladder diagram"),
     QT_TRANSLATE_NOOP("Accessibility", "The segments between client and server over time, "
                                        "with what each one carries; Left and Right step, a "
                                        "click on an arrow jumps to its step.")),
    ("client_diagram", QT_TRANSLATE_NOOP("Accessibility", "Client's TCP state machine"),
     QT_TRANSLATE_NOOP("Accessibility", "RFC 9293's connection states; the current state and "
                                        "the transition just taken are highlighted.")),
    ("server_diagram", QT_TRANSLATE_NOOP("Accessibility", "Server's TCP state machine"),
     QT_TRANSLATE_NOOP("Accessibility", "RFC 9293's connection states; the current state and "
                                        "the transition just taken are highlighted.")),
    ("explanation", QT_TRANSLATE_NOOP("Accessibility", "Explanation of the step"),
     QT_TRANSLATE_NOOP("Accessibility", "What happened at this step, the rule that made it "
                                        "happen and the sequence-number arithmetic.")),
    ("stage.details", QT_TRANSLATE_NOOP("Accessibility", "Details of one layer"),
     QT_TRANSLATE_NOOP("Accessibility", "TCP's state machines, the HTTP layer, the server's "
                                        "call chain or the packet's bytes (Ctrl+1 to Ctrl+4).")),
    ("http_panel.message_view", QT_TRANSLATE_NOOP("Accessibility", "HTTP message"),
     QT_TRANSLATE_NOOP("Accessibility", "The request or response of this step, headers and "
                                        "body.")),
    ("http_panel.jar_view.table", QT_TRANSLATE_NOOP("Accessibility", "Browser cookie jar"),
     QT_TRANSLATE_NOOP("Accessibility", "The browser's cookies and whether each one goes on "
                                        "this request, with the RFC 6265 rule.")),
    ("http_panel.session_view.table", QT_TRANSLATE_NOOP("Accessibility",
                                                        "Server session store"),
     QT_TRANSLATE_NOOP("Accessibility", "The sessions the server keeps, by session id.")),
    ("http_panel.session_view.flask", QT_TRANSLATE_NOOP("Accessibility",
                                                        "Flask session cookie"),
     QT_TRANSLATE_NOOP("Accessibility", "The signed cookie taken apart: payload, timestamp, "
                                        "signature, and whether the signature holds.")),
    ("packet_detail", QT_TRANSLATE_NOOP("Accessibility", "Packet details"),
     QT_TRANSLATE_NOOP("Accessibility", "The step's packet dissected layer by layer, and its "
                                        "bytes.")),
    ("capture_panel.table", QT_TRANSLATE_NOOP("Accessibility", "TCP connections"),
     QT_TRANSLATE_NOOP("Accessibility", "The capture's connections; Enter replays the chosen "
                                        "one.")),
    ("capture_panel.filter_edit", QT_TRANSLATE_NOOP("Accessibility", "Filter connections"),
     QT_TRANSLATE_NOOP("Accessibility", "Show only the connections whose row contains this "
                                        "text.")),
    ("lessons.narration", QT_TRANSLATE_NOOP("Accessibility", "Lesson narration"),
     QT_TRANSLATE_NOOP("Accessibility", "What the lesson says about this step.")),
    ("lessons.predict", QT_TRANSLATE_NOOP("Accessibility", "Predict the next step"),
     QT_TRANSLATE_NOOP("Accessibility", "A question about what happens next, and its "
                                        "answers.")),
    ("lessons.browser.table", QT_TRANSLATE_NOOP("Accessibility", "Lessons"),
     QT_TRANSLATE_NOOP("Accessibility", "The lessons in syllabus order; Enter opens one.")),
    ("scenario_box", QT_TRANSLATE_NOOP("Accessibility", "Scenario or source"),
     QT_TRANSLATE_NOOP("Accessibility", "What the stage plays: a scenario, or one of the "
                                        "server's sources.")),
    ("transport.first_button", QT_TRANSLATE_NOOP("Accessibility", "First step"), ""),
    ("transport.back_button", QT_TRANSLATE_NOOP("Accessibility", "Step back"), ""),
    ("transport.play_button", QT_TRANSLATE_NOOP("Accessibility", "Play or pause"), ""),
    ("transport.forward_button", QT_TRANSLATE_NOOP("Accessibility", "Step forward"), ""),
    ("transport.last_button", QT_TRANSLATE_NOOP("Accessibility", "Last step"), ""),
    ("transport.pacing_box", QT_TRANSLATE_NOOP("Accessibility", "Pacing"),
     QT_TRANSLATE_NOOP("Accessibility", "Even steps, or the timeline's own clock.")),
    ("transport.speed_box", QT_TRANSLATE_NOOP("Accessibility", "Playback speed"), ""),
    ("transport.slider", QT_TRANSLATE_NOOP("Accessibility", "Position in the timeline"),
     QT_TRANSLATE_NOOP("Accessibility", "Drag to move through the steps.")),
)


def _resolve(window: QMainWindow, path: str) -> Any:
    target: Any = window
    for part in path.split("."):
        target = getattr(target, part, None)
        if target is None:
            return None
    return target


class _Namer(QObject):
    """Sets the names now and on every language change (a child of the window hears it)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.apply()

    def apply(self) -> None:
        for path, name, description in PARTS:
            widget = _resolve(self._window, path)
            if isinstance(widget, QWidget):
                widget.setAccessibleName(QCoreApplication.translate(CONTEXT, name))
                if description:
                    widget.setAccessibleDescription(
                        QCoreApplication.translate(CONTEXT, description))

    def event(self, event: QEvent) -> bool:
        if is_language_change(event):
            self.apply()
        return super().event(event)


def install(window: QMainWindow, show_detail: Callable[[int], None]) -> None:
    """Names for every part; Ctrl+1 … Ctrl+4 bring a detail tab forward."""
    _Namer(window)
    box = _resolve(window, "scenario_box")
    if isinstance(box, QWidget):
        box.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    for number in range(1, 5):
        action = QAction(window)
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _=False, n=number: show_detail(n - 1))
        window.addAction(action)
