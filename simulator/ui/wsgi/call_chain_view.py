"""The WSGI call chain at the cursor: the event, the call stack, the current frame's source.

Theory of operation
-------------------
A step of a WSGI timeline carries a ``WsgiSnapshot`` (the recorded ``CallChain`` and where in
it the step is). This view (a ``CursorPanel``) draws that and nothing else, so stepping back
shows what stepping forward showed:

* the **event** — CALL (a function is entered, with its arguments), RETURN (with the value,
  or "leaves by an exception") or RAISE (an exception crosses the frame) — its qualified name
  (``flask.app.Flask.wsgi_app``), what the function does and where that is documented
  (PEP 3333, Flask's and Werkzeug's docs), or the bytes the server read or wrote;
* the **chain overview** (``ChainOverview``): the whole request as an icicle chart, the cursor
  and the current stack outlined;
* the **call stack** (``ChainStackModel`` + ``StackDelegate``): the frames alive now,
  outermost first, indented by depth and coloured by whose code they are — the app's own hooks
  and views, Flask, Werkzeug, the WSGI server (legend underneath); the current frame outlined;
* the **source** of the current frame (or of a frame the learner clicks in the stack), as the
  chain recorded it, with line numbers and the line being run marked ▶ (for a caller: the line
  that made the call). The classic Flask 1.x chain carries an outline in words instead of
  code, and says so in the file name.

Only what the step needs is built: the stack is a handful of rows, the source one function;
the overview paints the whole chain once. Steps without a snapshot (TCP segments before the
request reached the server) show what the server is doing instead.

Text size: every word is at least the body size (``legibility``; the source in a
``text_font`` monospace, the legend muted rather than small), and zoom or presentation mode
set the source, the stack's rows and the least room of each part again. In a wide, low room
(a pane beside the ladder) the stack sits beside the source rather than above it.

Every word the view writes goes through Qt's translation (context ``CallChainView``); what the
chain recorded (names, files, values, source) stays as recorded, and the models' explanations
are looked up with ``translate_text``. On a language change the view redraws the step it shows.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QResizeEvent, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTextEdit,
    QWidget,
)

from simulator.models.timeline.steps import Step
from simulator.models.wsgi.call_chain import (
    ActiveFrame,
    CallChain,
    ChainOrigin,
    Direction,
    FrameEventKind,
)
from simulator.models.wsgi.snapshot import WsgiSnapshot
from simulator.ui.common import palette
from simulator.ui.common.column_layout import column_layout, headed_box
from simulator.ui.common.cursor_panel import CursorPanel
from simulator.ui.common.legibility import legibility, text_font
from simulator.ui.text.i18n import QT_TRANSLATE_NOOP
from simulator.ui.text.model_text import translate_text
from simulator.ui.wsgi.chain_overview import ChainOverview
from simulator.ui.wsgi.chain_stack_model import (
    ChainStackModel,
    StackDelegate,
    badge_text,
    role_tag,
    row_height,
    short_file,
)

WIDE_RATIO = 1.6  # width : height from which the stack and the source sit side by side

# what a socket read or write carried (the tracer's words) and which way it went
WIRE_PART = {"request": QT_TRANSLATE_NOOP("CallChainView", "request"),
             "status line and headers": QT_TRANSLATE_NOOP("CallChainView",
                                                          "status line and headers"),
             "body": QT_TRANSLATE_NOOP("CallChainView", "body")}
DIRECTION_TEXT = {Direction.IN: QT_TRANSLATE_NOOP("CallChainView", "client → server"),
                  Direction.OUT: QT_TRANSLATE_NOOP("CallChainView", "server → client")}
_KIND_INK = {FrameEventKind.CALL: palette.CALL_INK, FrameEventKind.RETURN: palette.RETURN_INK,
             FrameEventKind.EXCEPTION: palette.EXCEPTION_INK}


def _tr(text: str) -> str:
    """Only for strings already marked for lupdate (QT_TRANSLATE_NOOP above)."""
    return QCoreApplication.translate("CallChainView", text)


def part_text(part: str) -> str:
    """'request', 'body', … in the interface language (an unknown part as it is)."""
    return _tr(WIRE_PART[part]) if part in WIRE_PART else part


def no_chain_html() -> str:
    return QCoreApplication.translate(
        "CallChainView", "<b>No Python code runs at this step.</b> The request is still on its "
        "way (TCP segments), or the server has finished with it.")


def legend_html(dark: bool) -> str:
    chips = "".join(
        f"<span style='background:{s.fill.pick(dark).name()}; color:{s.ink.pick(dark).name()};"
        f" border:1px solid {s.ink.pick(dark).name()}'>&nbsp;"
        f"{escape(QCoreApplication.translate('RoleLegend', s.family))}&nbsp;</span>"
        "&nbsp; " for s in palette.ROLE_LEGEND)
    outline = QCoreApplication.translate("CallChainView", "▭ orange outline")
    current = QCoreApplication.translate("CallChainView", "the current frame")
    now = f"<b style='color:{palette.HIGHLIGHT.name()}'>{escape(outline)}</b>: {escape(current)}"
    whose = QCoreApplication.translate("CallChainView", "Whose code:")
    muted = palette.MUTED_INK.pick(dark).name()
    return f"<span style='color:{muted}'>{escape(whose)}</span> {chips}{now}"


def event_html(snapshot: WsgiSnapshot | None, dark: bool) -> str:
    """The headline of the step: the event (or socket read/write) and its explanation."""
    if snapshot is None:
        return no_chain_html()
    muted = palette.MUTED_INK.pick(dark).name()
    wire = snapshot.wire
    if wire is not None:
        moved = (QCoreApplication.translate("CallChainView", "the server reads {n} bytes")
                 if wire.direction is Direction.IN else
                 QCoreApplication.translate("CallChainView", "the server writes {n} bytes"))
        socket = QCoreApplication.translate("CallChainView", "SOCKET")
        which = QCoreApplication.translate("CallChainView", "({part}, {direction})").format(
            part=part_text(wire.part), direction=_tr(DIRECTION_TEXT[wire.direction]))
        first = wire.data.split(b"\r\n", 1)[0].decode("latin-1")
        tint = palette.REQUEST_TINT if wire.direction is Direction.IN else palette.RESPONSE_TINT
        return (f"<span style='color:{tint.pick(dark).name()}; font-size:large'>"
                f"<b>{escape(socket)}</b> {escape(moved.format(n=len(wire.data)))}</span> "
                f"<span style='color:{muted}'>{escape(which)}</span>"
                f"<br><code>{escape(first)}</code>")
    event = snapshot.event
    if event is None:
        return QCoreApplication.translate(
            "CallChainView", "<b>The server is waiting for the request.</b> No frame has been "
            "recorded yet.")
    ink = _KIND_INK[event.kind].pick(dark).name()
    kind = badge_text(event.kind)  # the same word as the stack's badge
    if event.unwinding:
        kind = QCoreApplication.translate("CallChainView", "RETURN (by exception)")
    who = role_tag(event.role)
    style = palette.ROLE_STYLES[event.role]
    tag = (f"<span style='background:{style.fill.pick(dark).name()}; "
           f"color:{style.ink.pick(dark).name()}'>&nbsp;{escape(who)}&nbsp;</span>")
    summary = event.summary
    if event.kind is FrameEventKind.CALL:  # as a call expression: index() / f(a=1, …)
        summary = (f"{event.short_name}{summary}" if summary.startswith("(")
                   else f"{event.short_name}(…) — {summary}")
    elif event.kind is FrameEventKind.RETURN and not event.unwinding:
        summary = QCoreApplication.translate("CallChainView", "returns {value}").format(
            value=summary)
    module = escape(event.module + ".") if event.module else ""
    where = (short_file(event.file, 3) if snapshot.chain.origin is ChainOrigin.CLASSIC
             else f"{short_file(event.file, 3)}:{event.line}")
    position = QCoreApplication.translate(
        "CallChainView", "depth {depth} · event {n} of {total}").format(
        depth=event.depth, n=event.index + 1, total=len(snapshot.chain))
    lines = [
        f"<span style='color:{ink}; font-size:large'><b>{escape(kind)}</b></span> "
        f"<span style='font-size:large'><span style='color:{muted}'>{module}</span>"
        f"<b>{escape(event.short_name)}</b></span> {tag}",
        f"<code>{escape(summary)}</code>" if summary else "",
        f"<span style='color:{muted}'>{escape(where)} · {escape(position)}</span>",
    ]
    if event.explanation:
        lines.append(escape(translate_text(event.explanation))
                     + (f" <span style='color:{muted}'>"
                        f"[{escape(translate_text(event.reference))}]</span>"
                        if event.reference else ""))
    return "<br>".join(line for line in lines if line)


class CallChainView(CursorPanel[WsgiSnapshot]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.headline.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.overview = ChainOverview(self)
        self.model = ChainStackModel(self)
        self.stack_view = QListView(self)
        self.stack_view.setModel(self.model)
        self.stack_view.setItemDelegate(StackDelegate(self.stack_view))
        self.stack_view.setUniformItemSizes(True)
        self.stack_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.stack_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.stack_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.stack_view.clicked.connect(self._on_frame_clicked)
        self.stack_title = QLabel(self)
        self.stack_title.setWordWrap(True)
        self.source_title = QLabel(self)
        self.source_title.setWordWrap(True)
        self.source = QPlainTextEdit(self)
        self.source.setReadOnly(True)
        self.source.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(headed_box(self, self.stack_title, self.stack_view))
        self.splitter.addWidget(headed_box(self, self.source_title, self.source))
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        column_layout(self, self.headline, self.overview, (self.splitter, 1), self.legend,
                      margin=4, spacing=4)
        self._source_key: tuple[int, int, int, bool] | None = None
        self._source_frame: ActiveFrame | None = None
        self._on_text_size()
        legibility().changed.connect(self._on_text_size)
        self.stack_view.installEventFilter(self)
        self.show_snapshot(None)

    def _on_text_size(self) -> None:
        """A new text size: the source's font, the stack's rows, and the least room of the
        headline (four lines), the stack (three frames) and the source (four lines)."""
        self.source.setFont(text_font(mono=True))
        line = QFontMetrics(text_font()).lineSpacing()
        self.headline.setMinimumHeight(4 * line)
        self.stack_view.doItemsLayout()
        QTimer.singleShot(0, self, self._show_current_row)  # the rows' new height moved it
        self.stack_view.setMinimumHeight(3 * row_height() + 2 * self.stack_view.frameWidth())
        code = QFontMetrics(self.source.font()).lineSpacing()
        self.source.setMinimumHeight(4 * code + 2 * self.source.frameWidth()
                                     + self.source.horizontalScrollBar().sizeHint().height())
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange()

    def _show_current_row(self) -> None:
        """The current frame (the stack's last row) in view, at the bottom of the list."""
        current = self.model.current_row()
        if current >= 0:
            self.stack_view.scrollTo(self.model.index(current), QAbstractItemView.ScrollHint
                                     .PositionAtBottom)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.stack_view and event.type() == QEvent.Type.Resize:
            # a shorter list still shows the frame that runs now, once its rows are laid out
            QTimer.singleShot(0, self, self._show_current_row)
        return super().eventFilter(watched, event)

    def heightForWidth(self, width: int) -> int:
        """The least height at ``width`` (its titles wrap): a scroll area gives the view all
        the room it has and scrolls only when even this does not fit."""
        layout = self.layout()
        return layout.totalMinimumHeightForWidth(width) if layout is not None else -1

    def _room(self) -> QSize:
        """The room the view is seen in: its scroll area's viewport when it scrolls in one."""
        viewport = self.parentWidget()
        area = viewport.parentWidget() if viewport is not None else None
        return area.viewport().size() if isinstance(area, QScrollArea) else self.size()

    def arrange(self) -> None:
        """The stack beside the source in a wide, low room; above it otherwise."""
        room = self._room()
        wide = room.width() >= WIDE_RATIO * room.height()
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if orientation != self.splitter.orientation():
            self.splitter.setOrientation(orientation)

    def snapshot_at(self, step: Step) -> WsgiSnapshot | None:
        return step.wsgi

    def show_snapshot(self, snapshot: WsgiSnapshot | None) -> None:
        self.model.set_snapshot(snapshot)
        self.overview.set_chain(snapshot.chain if snapshot is not None else None)
        self.overview.set_position(snapshot.event_index if snapshot is not None else None,
                                   snapshot.stack if snapshot is not None else ())
        self._show_current_row()
        self._source_frame = self.current_frame()
        super().show_snapshot(snapshot)

    def redraw(self) -> None:
        """The source of the frame shown, the headline, the legend and the stack's title."""
        self._show_source(self._source_frame)
        dark = palette.is_dark(self.palette())
        self.headline.setText(event_html(self.snapshot, dark))
        self.legend.setText(legend_html(dark))
        chain = self.snapshot.chain if self.snapshot is not None else None
        self.stack_title.setText(self._stack_title(chain))

    def _stack_title(self, chain: CallChain | None) -> str:
        depth = len(self.model.frames)
        if chain is None:
            return self.tr("<b>Call stack</b> — empty: no Python frame of the server is "
                           "running")
        kept = (self.tr("the frames that teach") if chain.filtered
                else self.tr("every Python frame (nothing filtered)"))
        frames = (self.tr("1 frame") if depth == 1
                  else self.tr("{n} frames").format(n=depth))
        return self.tr("<b>Call stack</b> ({frames}) — outermost call at the top; a call adds "
                       "a row, a return takes it away · {kept}").format(frames=frames, kept=kept)

    def current_frame(self) -> ActiveFrame | None:
        frames = self.model.frames
        return frames[-1] if frames else None

    def highlighted_function(self) -> str | None:
        """The qualified name of the frame drawn as current (the step's event function)."""
        frame = self.current_frame()
        return frame.function if frame is not None else None

    def _on_frame_clicked(self, index: QModelIndex) -> None:
        frames = self.model.frames
        if 0 <= index.row() < len(frames):
            self._show_source(frames[index.row()])

    def show_frame_source(self, row: int) -> None:
        """Show the source of stack row ``row`` (as a click on it does)."""
        frames = self.model.frames
        if 0 <= row < len(frames):
            self._show_source(frames[row])

    def _show_source(self, frame: ActiveFrame | None) -> None:
        self._source_frame = frame
        source = frame.source if frame is not None else None
        if frame is None:
            self.source_title.setText(self.tr("<b>Source</b>"))
            self.source.setPlainText("")
            self._source_key = None
            return
        current = frame is self.current_frame()
        whose = (self.tr("current frame") if current
                 else self.tr("a caller, at the line that made the call"))
        if source is None:
            chain = self.snapshot.chain if self.snapshot is not None else None
            why = (self.tr("the classic chain is written from data (Flask 1.x is not "
                           "installed): only Flask's own functions carry an outline")
                   if chain is not None and chain.origin is ChainOrigin.CLASSIC
                   else self.tr("no source recorded for this frame (built-in or not "
                                "readable)"))
            self.source_title.setText(self.tr("<b>Source</b> of {function} ({whose})").format(
                function=escape(frame.function), whose=escape(whose)))
            self.source.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
            self.source.setPlainText(f"({why})\n{frame.file}")
            self.source.setExtraSelections([])
            self._source_key = None
            return
        dark = palette.is_dark(self.palette())  # the marked line's colour depends on it
        key = (id(source), frame.line, int(current), dark)
        self.source_title.setText(self.tr(
            "<b>Source</b> of <code>{function}</code> ({whose}) — {file}, line {line} marked ▶"
        ).format(function=escape(frame.function), whose=escape(whose),
                 file=escape(short_file(source.file, 3)), line=frame.line))
        if key == self._source_key:
            return
        self._source_key = key
        self.source.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        width = len(str(source.last_line))
        indent = min((len(line) - len(line.lstrip()) for line in source.lines if line.strip()),
                     default=0)  # methods are shown dedented, as if at the left margin
        text = "\n".join(
            f"{n:>{width}} {'▶' if n == frame.line else ' '} {line[indent:]}"
            for n, line in enumerate(source.lines, start=source.first_line))
        self.source.setPlainText(text)
        self._mark_line(frame.line - source.first_line if source.contains(frame.line) else -1,
                        dark)

    def _mark_line(self, row: int, dark: bool) -> None:
        if row < 0:
            self.source.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(palette.CURRENT_LINE.pick(dark))
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.format = fmt
        cursor = QTextCursor(self.source.document().findBlockByNumber(row))
        selection.cursor = cursor
        self.source.setExtraSelections([selection])
        self.source.setTextCursor(cursor)
        self.source.centerCursor()

    def marked_source_line(self) -> str | None:
        """The source line marked ▶ (tests and exports)."""
        for line in self.source.toPlainText().splitlines():
            if "▶" in line[:12]:
                return line
        return None

    def retranslate(self) -> None:
        """Redraw the step shown in the interface language (rows, titles, headline)."""
        self.model.retranslate()
        self.redraw()


__all__ = ["CallChainView", "event_html", "legend_html", "no_chain_html", "part_text"]
