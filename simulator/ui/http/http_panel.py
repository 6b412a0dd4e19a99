"""The HTTP panel: the message, the cookie jar and the session store, one above the other.

Theory of operation
-------------------
One widget for the main window to place next to the ladder. It forwards ``set_timeline`` and
``set_cursor`` to the three views, which each draw ``step.http`` at the cursor (see
``message_view``, ``cookie_jar_view``, ``session_store_view``). A timeline with no HTTP
layer at all (the TCP lessons) shows a friendly placeholder instead of three empty panes.

The three stand in one column, each at least as tall as its content needs (the jar shows its
cookies, wrapped rule text and all); when the column is taller than the room beside the
ladder, the stage's detail tab scrolls, so nothing is squeezed into overlapping widgets.
The placeholder's words follow the interface language (``retranslate`` on LanguageChange); the
three views retranslate themselves.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from simulator.models.timeline.steps import Timeline
from simulator.ui.common.column_layout import column_layout
from simulator.ui.http.cookie_jar_view import CookieJarView
from simulator.ui.http.message_view import HttpMessageView
from simulator.ui.http.sampling import has_http
from simulator.ui.http.session_store_view import SessionStoreView
from simulator.ui.text.i18n import is_language_change


class HttpPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message_view = HttpMessageView(self)
        self.jar_view = CookieJarView(self)
        self.session_view = SessionStoreView(self)
        self.column = QWidget(self)
        column_layout(self.column, (self.message_view, 3), (self.jar_view, 2),
                      (self.session_view, 2), spacing=8)
        self.placeholder = QLabel(self)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setMargin(16)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.column)
        column_layout(self, self.stack)
        self._views = (self.message_view, self.jar_view, self.session_view)
        self.retranslate()

    def retranslate(self) -> None:
        """The placeholder in the interface language (the views retranslate themselves)."""
        title = self.tr("No HTTP in this lesson")
        about = self.tr("This timeline is about TCP alone: no HTTP message crosses the "
                        "connection.")
        choose = self.tr(
            "Choose an HTTP scenario in the <i>Scenario</i> box (cookies, login, Flask "
            "session, …)<br>or open a capture with web traffic, and this panel shows each "
            "request and response,<br>the browser's cookie jar and the server's sessions, "
            "step by step.")
        self.placeholder.setText(
            f"<div align='center'><p style='font-size:large'><b>{escape(title)}</b></p>"
            f"<p>{escape(about)}</p><p>{choose}</p></div>")

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def set_timeline(self, timeline: Timeline) -> None:
        self.stack.setCurrentWidget(self.column if has_http(timeline) else self.placeholder)
        for view in self._views:
            view.set_timeline(timeline)

    def set_cursor(self, index: int, progress: float = 1.0) -> None:
        if self.showing_placeholder():
            return  # no HTTP in this timeline: the views show nothing at any step
        for view in self._views:
            view.set_cursor(index, progress)

    def showing_placeholder(self) -> bool:
        return self.stack.currentWidget() is self.placeholder
