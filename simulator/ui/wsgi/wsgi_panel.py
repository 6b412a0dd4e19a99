"""The server's side of a request: the WSGI call chain, environ and contexts, side by side.

Theory of operation
-------------------
One widget for the main window's "Server: WSGI call chain" tab. It forwards ``set_timeline``
and ``set_cursor`` to its views, which each draw ``step.wsgi`` (a ``WsgiSnapshot``) at the
cursor:

* ``CallChainView`` (left, the big one): the event, the chain overview, the call stack and the
  current frame's source;
* on the right, in tabs: ``EnvironPanel`` (environ, start_response, bytes sent),
  ``ContextsPanel`` (app/request contexts, g, session) and ``GatewaysView`` following the same
  request (what CGI and FastCGI would have done at this point).

Side by side only when the panel is wide enough for both at the text size in use
(``SIDE_BY_SIDE_EMS`` text sizes, so zoom and presentation count); narrower — a detail pane
beside the ladder at 1280×720 or 1920×1080 — the call chain becomes the first tab, so every
view gets the whole panel instead of a squeezed column. The chain scrolls inside its page
when the panel is too short for it, rather than squeezing its stack and source to a line.

A ``GatewayTimeline`` (the CGI vs FastCGI vs WSGI lesson) shows the gateways view alone, full
size; a timeline with no WSGI layer (TCP lessons, HTTP scenarios, captures) shows a friendly
placeholder. A banner names the chain (classic from data, or traced live, with the versions)
and says plainly when a trace is incomplete. A click on the chain overview asks the window to
seek to that event's step (``seek_requested``); the panel itself never moves the cursor.
Its words (tabs, banner, placeholder) are translated (context ``WsgiPanel``) and set again on a
language change; the views inside retranslate themselves.
"""

from __future__ import annotations

from html import escape
from itertools import islice

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QStackedWidget, QTabWidget, QWidget

from simulator.models.replay.lazy_timeline import ReplayTimeline
from simulator.models.simulation.gateway_timeline import GatewayTimeline
from simulator.models.timeline.steps import Timeline
from simulator.models.wsgi.call_chain import CallChain, ChainOrigin
from simulator.ui.common import palette
from simulator.ui.common.column_layout import column_layout, headed_box
from simulator.ui.common.legibility import legibility
from simulator.ui.common.share_splitter import ShareSplitter
from simulator.ui.text.i18n import is_language_change
from simulator.ui.text.model_text import translate_text
from simulator.ui.wsgi.call_chain_view import CallChainView
from simulator.ui.wsgi.contexts_panel import ContextsPanel
from simulator.ui.wsgi.environ_panel import EnvironPanel
from simulator.ui.wsgi.gateways_view import GatewaysView

SCAN_STEPS = 5000  # a replayed capture builds steps on demand: look at this many at most
CHAIN_SHARE = 0.56  # of the width, for the call chain (the tabs get the rest)
SIDE_BY_SIDE_EMS = 75  # text sizes of width (900 px at 12 px) from which chain and tabs share


def placeholder_html() -> str:
    """What the tab says on a timeline without a server side (TCP lessons, captures)."""
    title = QCoreApplication.translate("WsgiPanel", "No WSGI call chain in this lesson")
    wire = QCoreApplication.translate(
        "WsgiPanel", "This timeline stays on the wire: no request is followed inside the "
        "server.")
    choose = QCoreApplication.translate(
        "WsgiPanel", "Choose <i>Flask 1.x classic</i> or <i>Flask (installed) live</i> in the "
        "<i>Scenario</i> box,<br>or <i>Trace a live request…</i> to send a real request to a "
        "real Flask app,<br>and this tab shows the server building <code>environ</code>, Flask "
        "pushing its contexts,<br>running your hooks and view, and <code>start_response</code> "
        "sending the status line back.")
    gateways = QCoreApplication.translate(
        "WsgiPanel", "<i>CGI vs FastCGI vs WSGI</i> compares three ways of handing a request to "
        "a program.")
    return (f"<div align='center'><p style='font-size:large'><b>{escape(title)}</b></p>"
            f"<p>{escape(wire)}</p><p>{choose}</p><p>{gateways}</p></div>")


def has_wsgi(timeline: Timeline | None) -> bool:
    """Whether any of the first steps has a WSGI snapshot (a chain starts within a few)."""
    if timeline is None or isinstance(timeline, ReplayTimeline):
        return False  # a replayed capture has no server side (and builds steps on demand)
    return any(step.wsgi is not None for step in islice(timeline, SCAN_STEPS))


def banner_html(chain: CallChain, dark: bool) -> str:
    muted = palette.MUTED_INK.pick(dark).name()
    origin = (QCoreApplication.translate(
        "WsgiPanel", "written from data: what Flask 1.x does (not installed, so not traced)")
        if chain.origin is ChainOrigin.CLASSIC else QCoreApplication.translate(
            "WsgiPanel", "traced live: a real request to a real server on 127.0.0.1"))
    versions = f"— Flask {chain.flask_version}, Werkzeug {chain.werkzeug_version}; {origin}"
    parts = [f"<b>{escape(translate_text(chain.title))}</b> "
             f"<span style='color:{muted}'>{escape(versions)}</span>"]
    if chain.app_file and chain.origin is ChainOrigin.LIVE:
        app = QCoreApplication.translate("WsgiPanel", "app: {file}").format(file=chain.app_file)
        parts.append(f"<span style='color:{muted}'>{escape(app)}</span>")
    warn = palette.WARNING_INK.pick(dark).name()
    if not chain.complete:
        first = (translate_text(chain.problems[0]) if chain.problems
                 else QCoreApplication.translate("WsgiPanel", "the trace stopped early"))
        incomplete = QCoreApplication.translate(
            "WsgiPanel", "⚠ Incomplete trace: {problem}. The events recorded so far are "
            "shown.").format(problem=first)
        parts.append(f"<b style='color:{warn}'>{escape(incomplete)}</b>")
    return "<br>".join(parts)


class ChainPage(QScrollArea):
    """The call chain's page: it scrolls when the panel is too short for the chain, and tells
    the chain the room it is seen in (the chain arranges its stack and source for it)."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        view = self.widget()
        if isinstance(view, CallChainView):
            view.arrange()


class WsgiPanel(QWidget):
    seek_requested = Signal(int)  # a step index the learner asked to go to

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chain_view = CallChainView(self)
        self.chain_page = ChainPage(self)  # the chain scrolls rather than squeezes
        self.chain_page.setWidget(self.chain_view)
        self.chain_page.setWidgetResizable(True)
        self.chain_page.setFrameShape(QFrame.Shape.NoFrame)
        self.chain_page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.environ_panel = EnvironPanel(self)
        self.contexts_panel = ContextsPanel(self)
        self.gateways_view = GatewaysView(self)  # follows the chain, in a tab
        self.lesson_view = GatewaysView(self)  # the CGI vs FastCGI vs WSGI lesson, full size
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.environ_panel, "environ")  # the dict's name, in any language
        self.tabs.addTab(self.contexts_panel, "")
        self.tabs.addTab(self.gateways_view, "")
        # the chain (stack and source) keeps the larger share until the learner drags
        self.splitter = ShareSplitter(Qt.Orientation.Horizontal,
                                      (CHAIN_SHARE, 1 - CHAIN_SHARE), self)
        self.splitter.addWidget(self.chain_page)
        self.splitter.addWidget(self.tabs)
        self._side_by_side = True
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setContentsMargins(4, 2, 4, 2)
        self.server_page = headed_box(self, self.banner, self.splitter)
        self.placeholder = QLabel(self)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setMargin(16)
        self.stack = QStackedWidget(self)
        for page in (self.placeholder, self.server_page, self.lesson_view):
            self.stack.addWidget(page)
        column_layout(self, self.stack)
        self._views: tuple[CallChainView | EnvironPanel | ContextsPanel | GatewaysView, ...] = (
            self.chain_view, self.environ_panel, self.contexts_panel, self.gateways_view)
        self._timeline: Timeline | None = None
        self._chain: CallChain | None = None
        self._steps_of_events: dict[tuple[int, int], int] | None = None
        self._index: int | None = None  # the cursor the banner was written for
        self.chain_view.overview.event_clicked.connect(self._on_event_clicked)
        legibility().changed.connect(self._arrange)
        self.retranslate()

    # ------------------------------------------------------------------ arrangement
    def _arrange(self) -> None:
        """The chain beside the tabs when the panel is wide enough, else the first tab."""
        side = self.width() >= SIDE_BY_SIDE_EMS * legibility().text_px()
        if side == self._side_by_side:
            return
        self._side_by_side = side
        if side:
            chain_was_shown = self.tabs.currentWidget() is self.chain_page
            self.tabs.removeTab(self.tabs.indexOf(self.chain_page))
            self.splitter.insertWidget(0, self.chain_page)
            self.chain_page.show()  # a page taken out of the tabs was left hidden
            width = max(self.splitter.width(), 2)
            self.splitter.setSizes([round(width * CHAIN_SHARE),
                                    width - round(width * CHAIN_SHARE)])
            if chain_was_shown:
                self.tabs.setCurrentWidget(self.environ_panel)
        else:
            self.tabs.insertTab(0, self.chain_page, self.tr("Call chain"))
            self.tabs.setCurrentWidget(self.chain_page)  # the chain is what the tab is about
        self._retitle_tabs()

    @property
    def side_by_side(self) -> bool:
        """Whether the call chain sits beside the tabs (else it is the first tab)."""
        return self._side_by_side

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _retitle_tabs(self) -> None:
        tabs = self.tabs
        for page, title, tip in (
                (self.chain_page, self.tr("Call chain"),
                 self.tr("The functions the server runs for the request, the call stack and "
                         "the source")),
                (self.environ_panel, "environ",  # the dict's name, in any language
                 self.tr("The WSGI environ, start_response and the bytes sent")),
                (self.contexts_panel, self.tr("Contexts"),
                 self.tr("Flask's app and request contexts, g and the session")),
                (self.gateways_view, self.tr("vs CGI / FastCGI"),
                 self.tr("What CGI and FastCGI would do at this point of the request"))):
            index = tabs.indexOf(page)
            if index >= 0:
                tabs.setTabText(index, title)
                tabs.setTabToolTip(index, tip)

    def retranslate(self) -> None:
        """The panel's own words in the interface language (its views do their own)."""
        self._retitle_tabs()
        self.placeholder.setText(placeholder_html())
        if self._index is not None and self.stack.currentWidget() is self.server_page:
            self._show_banner(self._index)

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def set_timeline(self, timeline: Timeline) -> None:
        self._timeline = timeline
        self._chain = None
        self._steps_of_events = None
        if isinstance(timeline, GatewayTimeline):
            self.stack.setCurrentWidget(self.lesson_view)
            self.lesson_view.set_timeline(timeline)
            return
        self.stack.setCurrentWidget(self.server_page if has_wsgi(timeline)
                                    else self.placeholder)
        for view in self._views:
            view.set_timeline(timeline)

    def set_cursor(self, index: int, progress: float = 1.0) -> None:
        page = self.stack.currentWidget()
        if page is self.lesson_view:
            self.lesson_view.set_cursor(index, progress)
            return
        if page is not self.server_page:
            return  # nothing to draw: skip the work on timelines without a chain
        for view in self._views:
            view.set_cursor(index, progress)
        self._show_banner(index)

    def _show_banner(self, index: int) -> None:
        self._index = index
        timeline = self._timeline
        step = timeline[index] if timeline is not None and 0 <= index < len(timeline) else None
        chain = step.wsgi.chain if step is not None and step.wsgi is not None else None
        self._chain = chain
        if chain is None:
            text = self.tr("<b>No request is inside the server at this step</b> — it is on the "
                           "wire (TCP). The call chain starts when the server reads the "
                           "request's bytes.")
        else:
            text = banner_html(chain, palette.is_dark(self.palette()))
            count = len(timeline.connections) if timeline is not None else 0
            if step is not None and count > 1:
                which = self.tr("<b>Request {n} of {total}</b> (each on its own TCP "
                                "connection)").format(n=step.connection + 1, total=count)
                text = f"{which} · {text}"
        if text != self.banner.text():
            self.banner.setText(text)

    def showing_placeholder(self) -> bool:
        return self.stack.currentWidget() is self.placeholder

    def showing_lesson(self) -> bool:
        return self.stack.currentWidget() is self.lesson_view

    # ------------------------------------------------------------------ click to seek
    def step_of_event(self, chain: CallChain, event_index: int) -> int | None:
        """The first step of the timeline that shows ``event_index`` of ``chain``."""
        if self._timeline is None:
            return None
        if self._steps_of_events is None:
            found: dict[tuple[int, int], int] = {}
            for step in self._timeline:
                snap = step.wsgi
                if snap is not None and snap.wire_index is None and snap.event_index is not None:
                    found.setdefault((id(snap.chain), snap.event_index), step.index)
            self._steps_of_events = found
        return self._steps_of_events.get((id(chain), event_index))

    def _on_event_clicked(self, event_index: int) -> None:
        if self._chain is None:
            return
        step = self.step_of_event(self._chain, event_index)
        if step is not None:
            self.seek_requested.emit(step)
