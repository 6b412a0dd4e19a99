"""The browser's cookie jar at the cursor: a table that changes step by step, with a legend.

Theory of operation
-------------------
A caption says what the jar is doing at this step (deciding which cookies go on a request,
or just holding them), the table (``CookieJarModel``) lists the cookies after the step with
added / changed / removed rows coloured green / amber / red-struck, and the last column gives
the RFC 6265 §5.4 decision for the current request with its rule. The legend under the table
names the colours. Everything comes from ``step.http`` and the step's time (cookies expire
against it); the view keeps only the snapshot at the cursor (a ``CursorPanel``), no protocol
state.

Caption, legend and title are built in the interface language (``CookieJarView`` context);
on ``LanguageChange`` the view rebuilds them from the snapshot it shows and tells the model
to repaint its headers and word cells. ``Change`` values are translated where shown
(``change_word``), with every known value listed in ``CHANGE_WORDS``.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from simulator.models.http.snapshot import Change, HttpSnapshot, MessageKind
from simulator.models.timeline.steps import Step
from simulator.ui.common import palette
from simulator.ui.common.column_layout import column_layout
from simulator.ui.common.cursor_panel import CursorPanel
from simulator.ui.common.table_view import keep_rows_in_view, readonly_table
from simulator.ui.http.cookie_jar_model import COLUMNS, SENT, CookieJarModel
from simulator.ui.text.model_text import translate_text

RULE_MIN_WIDTH, RULE_MAX_WIDTH = 300, 520  # px for the 'sent?' column when it holds rules
MIN_ROWS = 2  # the jar never shrinks below this many cookies in view
CONTEXT = "CookieJarView"

#: ``Change.value`` of every change a row can show, as a learner reads it ("this step added
#: sid"); ``change_word`` translates. ``Change.NONE`` ("") is never shown.
CHANGE_WORDS = (QT_TRANSLATE_NOOP("CookieJarView", "added"),
                QT_TRANSLATE_NOOP("CookieJarView", "changed"),
                QT_TRANSLATE_NOOP("CookieJarView", "removed"))


def change_word(change: Change) -> str:
    """The enum's value in the interface language (e.g. 'added' → '新增')."""
    return QCoreApplication.translate(CONTEXT, change.value)


def jar_caption(snapshot: HttpSnapshot | None, dark: bool = False) -> str:
    """One sentence on what the jar is doing at this step (and any Set-Cookie it refused)."""
    if snapshot is None:
        return QCoreApplication.translate("CookieJarView", "No HTTP at this step.")
    message = snapshot.message
    if snapshot.decisions:
        target = (snapshot.request_url or (message.target if message else None)
                  or QCoreApplication.translate("CookieJarView", "the server"))
        sent = sum(d.sent for d in snapshot.decisions)
        return QCoreApplication.translate(
            "CookieJarView", "The browser builds a request to <b>{target}</b>: the jar checks "
            "each cookie (RFC 6265 §5.4) — {sent} of {total} go in the Cookie header."
        ).format(target=escape(target), sent=sent, total=len(snapshot.decisions))
    live = [c for c in snapshot.jar if c.change is not Change.REMOVED]
    changed = any(c.change is not Change.NONE for c in snapshot.jar)
    set_cookies = len(message.headers_named("set-cookie")) if message is not None else 0
    if message is not None and message.kind is MessageKind.RESPONSE:
        if not set_cookies:
            what = QCoreApplication.translate("CookieJarView", "This response sets no cookie. ")
        elif changed:
            what = QCoreApplication.translate(
                "CookieJarView",
                "The browser has read this response's Set-Cookie (RFC 6265 §5.2–5.3). ")
        elif set_cookies == 1:
            what = QCoreApplication.translate(
                "CookieJarView", "This response carries 1 Set-Cookie header; the jar changes "
                "when the browser reads it. ")
        else:
            what = QCoreApplication.translate(
                "CookieJarView", "This response carries {n} Set-Cookie headers; the jar "
                "changes when the browser reads it. ").format(n=set_cookies)
    elif message is not None and message.header("cookie") is not None:
        what = QCoreApplication.translate(
            "CookieJarView", "The request carries the Cookie header the browser built for it. ")
    elif message is not None:
        what = QCoreApplication.translate("CookieJarView", "This request carries no cookie. ")
    else:
        what = ""
    what += _refusals(snapshot, dark)
    if not snapshot.jar:
        return what + QCoreApplication.translate("CookieJarView", "The jar is empty.")
    if not live:
        held = QCoreApplication.translate("CookieJarView", "The jar is now empty")
    elif len(live) == 1:
        held = QCoreApplication.translate("CookieJarView", "The jar holds 1 cookie")
    else:
        held = QCoreApplication.translate("CookieJarView", "The jar holds {n} cookies").format(
            n=len(live))
    return what + QCoreApplication.translate("CookieJarView", "{held}{changes}.").format(
        held=held, changes=_changes_sentence(snapshot))


def _refusals(snapshot: HttpSnapshot, dark: bool) -> str:
    """Each Set-Cookie the jar refused at this step, with the rule, in the warning colour."""
    if not snapshot.ignored:
        return ""
    colour = palette.WARNING_INK.pick(dark).name()
    return "".join(
        f"<span style='color:{colour}'>{escape(translate_text(why), quote=False)}</span><br>"
        for why in snapshot.ignored)


def _changes_sentence(snapshot: HttpSnapshot) -> str:
    """'; this step added sid, removed old' (nothing when the step changed no cookie)."""
    parts = []
    comma = QCoreApplication.translate("CookieJarView", ", ", "between names and changes")
    for change in (Change.ADDED, Change.CHANGED, Change.REMOVED):
        names = [c.name for c in snapshot.jar if c.change is change]
        if names:
            parts.append(QCoreApplication.translate("CookieJarView", "{change} <b>{names}</b>")
                         .format(change=change_word(change), names=escape(comma.join(names))))
    if not parts:
        return ""
    return QCoreApplication.translate("CookieJarView", "; this step {changes}").format(
        changes=comma.join(parts))


def legend_html(dark: bool) -> str:
    def swatch(change: Change, word: str) -> str:
        colour = palette.CHANGE_FILL[change].pick(dark).name()
        return f"<span style='background:{colour}'>&nbsp;{word}&nbsp;</span>"

    sent = palette.SENT_INK.pick(dark).name()
    not_sent = palette.NOT_SENT_INK.pick(dark).name()
    added, changed, removed = (escape(change_word(c))
                               for c in (Change.ADDED, Change.CHANGED, Change.REMOVED))
    since = escape(QCoreApplication.translate("CookieJarView", "Since the previous step:"))
    on_request = escape(QCoreApplication.translate("CookieJarView", "On this request:"))
    sent_word = escape(QCoreApplication.translate("CookieJarView", "✓ sent"))
    not_sent_word = escape(QCoreApplication.translate("CookieJarView", "✗ not sent"))
    hover = escape(QCoreApplication.translate("CookieJarView", "(hover a cell for details)"))
    return (f"{since} {swatch(Change.ADDED, added)} "
            f"{swatch(Change.CHANGED, changed)} {swatch(Change.REMOVED, f'<s>{removed}</s>')}"
            f" &nbsp;·&nbsp; {on_request} <b style='color:{sent}'>{sent_word}</b> "
            f"<span style='color:{not_sent}'>{not_sent_word}</span> {hover}")


class CookieJarView(CursorPanel[HttpSnapshot]):
    """Caption, the jar table and its legend, following the cursor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CookieJarModel(self)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.table = readonly_table(self.model, self, min_rows=MIN_ROWS)
        self.legend = QLabel(self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.title = QLabel(self)
        column_layout(self, self.title, self.caption, (self.table, 1), self.legend, spacing=3)
        self._deciding = False
        self.retranslate()

    def retranslate(self) -> None:
        """Title, caption and legend in the interface language; the table repaints."""
        title = self.tr("Browser cookie jar")
        self.title.setText(f"<b>{escape(title)}</b>")
        self.model.retranslate()
        self.redraw()
        self._layout_columns()

    def snapshot_at(self, step: Step) -> HttpSnapshot | None:
        return step.http

    def show_step(self, step: Step) -> None:
        self.show_snapshot(self.snapshot_at(step), step.time)

    def show_snapshot(self, snapshot: HttpSnapshot | None, now: float = 0.0) -> None:
        """Show this jar; ``now`` is the step's virtual time (cookies expire against it)."""
        self.model.set_snapshot(snapshot, now)
        self._deciding = bool(snapshot is not None and snapshot.decisions)
        super().show_snapshot(snapshot)
        self._layout_columns()

    def redraw(self) -> None:
        """The caption for the jar shown, the legend and the table's colours."""
        dark = palette.is_dark(self.palette())
        self.model.set_dark(dark)
        self.caption.setText(jar_caption(self.snapshot, dark))
        self.legend.setText(legend_html(dark))

    def _layout_columns(self) -> None:
        """Fit the attribute columns; give the rule column room to wrap (rows grow to fit)."""
        self.table.resizeColumnsToContents()
        for column in range(len(COLUMNS)):
            if column != SENT:
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), 200))
        if self._deciding:
            room = self.table.viewport().width() * 0.45
            self.table.setColumnWidth(SENT, int(max(RULE_MIN_WIDTH, min(RULE_MAX_WIDTH, room))))
        self.table.resizeRowsToContents()
        keep_rows_in_view(self.table, MIN_ROWS)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout_columns()

    def cell_text(self, row: int, column: int) -> str:
        return str(self.model.index(row, column).data() or "")
