"""The WSGI handshake at the cursor: ``environ``, ``start_response``, the bytes sent so far.

Theory of operation
-------------------
PEP 3333 is two calls and an iterable. The server builds ``environ`` and calls
``app(environ, start_response)``; the application calls ``start_response(status, headers)``
and returns an iterable of body bytes; the server sends the status line and headers just
before the first non-empty body chunk. The panel shows those three things as they stand at the
step (``WsgiSnapshot``), with the phase of the request on top:

* **environ** (``EnvironModel``): nothing until the server has built it (``make_environ``
  returned), then every key with its value, type and meaning (CGI variables, HTTP_* headers,
  wsgi.* keys, server extensions; tooltips cite RFC 3875 / PEP 3333);
* **start_response**: "not called yet", then the status and each header as the app passed
  them (Set-Cookie highlighted: the cookies the browser will store), and the response
  iterable's type;
* **bytes**: how many bytes the server has read from and written to the socket so far, split
  by part (request, status line and headers, body).

The panel draws the snapshot at the Player's cursor (a ``CursorPanel``) and keeps nothing
else. Its words are translated (context ``EnvironPanel``); keys, values, statuses and headers
are data and stay as they are. On a language change it redraws the snapshot and the table's
headers and cells.

Every word is at least the body size (the application font; the keys in a ``text_font``
monospace): on a change of zoom or presentation mode the columns and rows are fitted again,
and the widths that decide them (the value column's cap, the width at which meanings wrap)
are counted in text sizes, not pixels.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTextBrowser, QWidget

from simulator.models.timeline.steps import Step
from simulator.models.wsgi.call_chain import Direction
from simulator.models.wsgi.snapshot import WsgiPhase, WsgiSnapshot
from simulator.ui.common import palette
from simulator.ui.common.column_layout import column_layout, headed_box
from simulator.ui.common.cursor_panel import CursorPanel
from simulator.ui.common.legibility import legibility
from simulator.ui.common.rich_text import titled_note_html
from simulator.ui.common.share_splitter import ShareSplitter
from simulator.ui.common.table_view import readonly_table
from simulator.ui.text.i18n import QT_TRANSLATE_NOOP
from simulator.ui.text.model_text import translate_text
from simulator.ui.wsgi.call_chain_view import part_text
from simulator.ui.wsgi.environ_model import (
    CATEGORY_FILL,
    KEY,
    MEANING,
    VALUE,
    EnvironModel,
    category_text,
)

MIN_WRAP_EMS = 18  # text sizes (216 px at 12 px): below this the meanings do not wrap
VALUE_EMS = 19  # the value column's widest, in text sizes (228 px at 12 px)
PHASE_WORDS: dict[WsgiPhase, str] = {
    WsgiPhase.READING: QT_TRANSLATE_NOOP("EnvironPanel", "reads the request"),
    WsgiPhase.ENVIRON: QT_TRANSLATE_NOOP("EnvironPanel", "environ built"),
    WsgiPhase.APPLICATION: QT_TRANSLATE_NOOP("EnvironPanel", "app runs"),
    WsgiPhase.STARTED: "start_response",  # a function's name: the same in every language
    WsgiPhase.SENDING: QT_TRANSLATE_NOOP("EnvironPanel", "body sent"),
    WsgiPhase.DONE: QT_TRANSLATE_NOOP("EnvironPanel", "done"),
}


def _tr(text: str) -> str:
    """Only for strings already marked for lupdate (QT_TRANSLATE_NOOP above)."""
    return QCoreApplication.translate("EnvironPanel", text)


def phase_html(snapshot: WsgiSnapshot | None, dark: bool) -> str:
    current = snapshot.phase if snapshot is not None else None
    muted = palette.MUTED_INK.pick(dark).name()
    cells = []
    for phase, english in PHASE_WORDS.items():
        word = _tr(english)
        if phase is current:
            cells.append(f"<b style='background:{palette.HIGHLIGHT.name()}; color:#000'>"
                         f"&nbsp;{escape(word)}&nbsp;</b>")
        else:
            cells.append(f"<span style='color:{muted}'>{escape(word)}</span>")
    now = QCoreApplication.translate("EnvironPanel", "Now: {phase}.")
    where = (f"<br><i>{escape(now.format(phase=translate_text(current.value)))}</i>"
             if current is not None else "")
    return "<b>PEP 3333:</b> " + " → ".join(cells) + where


def start_response_html(snapshot: WsgiSnapshot | None, dark: bool) -> str:
    what = QCoreApplication.translate(
        "EnvironPanel", "— the app hands the server its status line and headers (PEP 3333: "
        "The start_response() Callable)")
    head = titled_note_html("start_response(status, response_headers)", what, dark)
    call = snapshot.start_response if snapshot is not None else None
    if call is None:
        return head + "<p style='margin:4px 0'>" + QCoreApplication.translate(
            "EnvironPanel", "<i>Not called yet.</i> The server cannot send anything before the "
            "application has said which status and headers to send.") + "</p>"
    cookie_fill = palette.COOKIE_HEADER_FILL.pick(dark).name()
    rows = "".join(
        f"<tr{f' bgcolor={cookie_fill}' if k.lower() == 'set-cookie' else ''}>"
        f"<td><code>{escape(k)}</code></td><td><code>{escape(v)}</code></td></tr>"
        for k, v in call.headers)
    replaced = QCoreApplication.translate("EnvironPanel",
                                          "with exc_info: an error replaces the headers")
    exc = (" <b style='color:" + palette.WARNING_INK.pick(dark).name() + "'>"
           f"{escape(replaced)}</b>") if call.exc_info else ""
    iterable = snapshot.chain.response_iterable if snapshot is not None else None
    body = ("<p style='margin:4px 0'>" + QCoreApplication.translate(
        "EnvironPanel", "The app returns the body as an iterable: <code>{iterable}</code>; the "
        "server iterates it and writes each chunk.").format(iterable=escape(iterable))
        + "</p>") if iterable else ""
    return (head + f"<p style='margin:4px 0; font-size:large'><b>status</b> "
            f"<code>{escape(call.status)!s}</code>{exc}</p>"
            f"<table cellspacing='0' cellpadding='2' border='0'>{rows}</table>{body}")


def bytes_html(snapshot: WsgiSnapshot | None, dark: bool) -> str:
    if snapshot is None:
        return ""
    wire = (snapshot.chain.wire[: snapshot.wire_index + 1] if snapshot.wire_index is not None
            else snapshot.chain.wire_until(snapshot.event_index))
    if not snapshot.chain.wire:
        return "<p style='margin:4px 0'>" + QCoreApplication.translate(
            "EnvironPanel", "<b>Socket</b>: this chain was not traced on a real socket, so no "
            "byte counts.") + "</p>"
    sent = [w for w in wire if w.direction is Direction.OUT]
    separator = QCoreApplication.translate("EnvironPanel", ", ", "between the items of a list")
    parts = separator.join(f"{escape(part_text(w.part))} {len(w.data)}" for w in sent)
    out_ink = palette.RESPONSE_TINT.pick(dark).name()
    in_ink = palette.REQUEST_TINT.pick(dark).name()
    count = QCoreApplication.translate("EnvironPanel", "{n} bytes")
    counts = QCoreApplication.translate(
        "EnvironPanel", "<b>Socket</b>: read from the client {received}; sent to the client so "
        "far {sent}").format(
        received=f"<b style='color:{in_ink}'>{count.format(n=snapshot.bytes_received)}</b>",
        sent=f"<b style='color:{out_ink}'>{count.format(n=snapshot.bytes_sent)}</b>")
    waiting = QCoreApplication.translate(
        "EnvironPanel", " — the status line and headers wait for the first body bytes")
    return (f"<p style='margin:4px 0'>{counts}"
            + (QCoreApplication.translate("EnvironPanel", " ({parts})").format(parts=parts)
               if parts else escape(waiting)) + "</p>")


class EnvironPanel(CursorPanel[WsgiSnapshot]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.phase = QLabel(self)
        self.phase.setWordWrap(True)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.model = EnvironModel(self)
        self.table = readonly_table(self.model, self, min_rows=3)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # the meaning column wraps: rows follow its width
        self.table.horizontalHeader().sectionResized.connect(self._on_section_resized)
        self.handshake = QTextBrowser(self)
        self.handshake.setOpenLinks(False)
        # the table keeps most of the height until the learner drags the handle
        self.splitter = ShareSplitter(Qt.Orientation.Vertical, (0.66, 0.34), self)
        self.splitter.addWidget(headed_box(self, self.title, self.table))
        self.splitter.addWidget(self.handshake)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        column_layout(self, self.phase, (self.splitter, 1), margin=4, spacing=4)
        self._sized: tuple[int, ...] | None = None
        self._html = ""
        legibility().changed.connect(self._on_text_size)
        self.retranslate()

    def _on_text_size(self) -> None:
        if self.model.entries:
            self._fit_columns()

    def retranslate(self) -> None:
        """Set the panel's words in the interface language and redraw the step shown."""
        self.table.setToolTip(self.tr("Hover a row for its definition (RFC 3875, PEP 3333)"))
        self.model.retranslate()
        self._html = ""
        self.show_snapshot(self.snapshot)
        if self.model.entries and self.table.wordWrap():  # wrapped meanings changed length
            self.table.resizeRowsToContents()

    def snapshot_at(self, step: Step) -> WsgiSnapshot | None:
        return step.wsgi

    def show_snapshot(self, snapshot: WsgiSnapshot | None) -> None:
        entries = snapshot.environ if snapshot is not None else ()
        self.model.set_entries(entries)
        if entries and self._sized != (id(entries),):
            self._sized = (id(entries),)
            self._fit_columns()
        super().show_snapshot(snapshot)

    def _fit_columns(self) -> None:
        self.table.resizeColumnToContents(KEY)
        self.table.resizeColumnToContents(VALUE)
        cap = round(VALUE_EMS * legibility().text_px())
        self.table.setColumnWidth(VALUE, min(self.table.columnWidth(VALUE), cap))
        self._fit_rows()

    def _on_section_resized(self, section: int, _old: int, _new: int) -> None:
        if section == MEANING and self.model.entries:
            self._fit_rows()

    def _fit_rows(self) -> None:
        """Wrap the meanings when their column is wide enough to read; in a narrow panel keep
        one line per key (the tooltip has the whole text); rows as tall as their text."""
        wide = self.table.columnWidth(MEANING) >= MIN_WRAP_EMS * legibility().text_px()
        self.table.setWordWrap(wide)
        self.table.resizeRowsToContents()

    def redraw(self) -> None:
        snapshot = self.snapshot
        dark = palette.is_dark(self.palette())
        self.model.set_dark(dark)
        self.phase.setText(phase_html(snapshot, dark))
        entries = self.model.entries
        if snapshot is None:
            title = self.tr("<b>environ</b> — no request is inside the server at this step.")
        elif not entries:
            title = self.tr("<b>environ</b> — <i>not built yet.</i> The server is still reading "
                            "the request from the socket; <code>make_environ()</code> will turn "
                            "the request line and headers into the dict the application "
                            "receives.")
        else:
            required = sum(1 for e in entries if e.required)
            problems = sum(1 for e in entries if e.problem)
            objects = self.tr("⚠ {n} value(s) wsgiref.validate objects to").format(n=problems)
            warn = (f" · <b style='color:{palette.WARNING_INK.pick(dark).name()}'>"
                    f"{escape(objects)}</b>") if problems else ""
            chips = " ".join(
                f"<span style='background:{CATEGORY_FILL[c].pick(dark).name()}'>&nbsp;"
                f"{escape(category_text(c))}&nbsp;</span>" for c in CATEGORY_FILL)
            built = self.tr("<b>environ</b> as the server built it: {keys} keys, {required} "
                            "required by PEP 3333 (bold)").format(keys=len(entries),
                                                                  required=required)
            title = f"{built}{warn}<br>{chips}"
        self.title.setText(title)
        self.table.setVisible(bool(entries))
        html = start_response_html(snapshot, dark) + bytes_html(snapshot, dark)
        if html != self._html:  # unchanged on most steps: skip the re-layout
            self._html = html
            self.handshake.setHtml(html)

    def keys(self) -> list[str]:
        return [e.key for e in self.model.entries]

    def handshake_text(self) -> str:
        return self.handshake.toPlainText()
