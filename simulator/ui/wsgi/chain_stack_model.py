"""The call stack at the cursor as a Qt list model, and the delegate that draws it as a stack.

Theory of operation
-------------------
``WsgiSnapshot.stack`` is the tuple of frames alive at the step (outermost first), each at the
line it is running — what ``CallChain.stack_at`` replays from the recorded call/return events.
The model lists exactly that tuple and nothing else; the frame on top is the one the step's
event happened in (the function just entered, returning, or crossed by an exception), so it is
the *current* frame. Rows carry the frame itself (``FRAME_ROLE``), whether it is the current
one (``CURRENT_ROLE``) and the step's event kind (``EVENT_ROLE``) for the delegate.

``StackDelegate`` paints each row as a bar indented by its depth — the stack visibly grows when
a function is called and shrinks when it returns — filled by whose code it is (the app's own
hooks and views, Flask, Werkzeug, the server: ``palette.ROLE_STYLES``), with the qualified
name, ``file:line`` and a tag; the current frame gets the orange outline used for "now"
throughout the app and a badge: CALL, RETURN or RAISE.

Sizes follow the text size (``legibility``): the name is in the model's ``FontRole`` font
(``text_font``, bold for the current frame and the app's own code), the tag, ``file:line``
and badge at the body size, and the row height and indentation are measured from them, so
zoom and presentation mode make the rows taller rather than the words smaller.

Words (the badge, the role tags, tooltips) are translated when a row is drawn or asked for;
the owning view calls ``retranslate()`` on a language change so every row repaints.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from simulator.models.wsgi.call_chain import ActiveFrame, ChainOrigin, FrameEventKind, FrameRole
from simulator.models.wsgi.snapshot import WsgiSnapshot
from simulator.ui.common import palette
from simulator.ui.common.legibility import legibility, text_font
from simulator.ui.text.i18n import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex
FRAME_ROLE = Qt.ItemDataRole.UserRole + 1  # -> ActiveFrame
CURRENT_ROLE = Qt.ItemDataRole.UserRole + 2  # -> bool
EVENT_ROLE = Qt.ItemDataRole.UserRole + 3  # -> FrameEventKind | None (current row only)
NAME_ROLE = Qt.ItemDataRole.UserRole + 4  # -> 'Flask.wsgi_app' (the name without its module)
WHERE_ROLE = Qt.ItemDataRole.UserRole + 5  # -> 'flask/app.py:1479'

INDENT_EMS = 1.15  # indentation per level of depth, in text sizes (14 px at 12 px text)
MAX_INDENT_SHARE = 0.3  # indentation never takes more than this share of the row
CTX = "ChainStackModel"  # the translation context of this module
BADGE = {FrameEventKind.CALL: QT_TRANSLATE_NOOP("ChainStackModel", "CALL"),
         FrameEventKind.RETURN: QT_TRANSLATE_NOOP("ChainStackModel", "RETURN"),
         FrameEventKind.EXCEPTION: QT_TRANSLATE_NOOP("ChainStackModel", "RAISE")}
# whose code a frame is, as its tag says it ("your view": the learner's own code)
ROLE_TAG: dict[FrameRole, str] = {
    FrameRole.SERVER: QT_TRANSLATE_NOOP("ChainStackModel", "server"),
    FrameRole.WSGI: QT_TRANSLATE_NOOP("ChainStackModel", "wsgi"),
    FrameRole.FLASK: QT_TRANSLATE_NOOP("ChainStackModel", "flask"),
    FrameRole.CONTEXT: QT_TRANSLATE_NOOP("ChainStackModel", "context"),
    FrameRole.SESSION: QT_TRANSLATE_NOOP("ChainStackModel", "session"),
    FrameRole.SIGNAL: QT_TRANSLATE_NOOP("ChainStackModel", "signal"),
    FrameRole.WERKZEUG: QT_TRANSLATE_NOOP("ChainStackModel", "werkzeug"),
    FrameRole.HOOK: QT_TRANSLATE_NOOP("ChainStackModel", "your hook"),
    FrameRole.VIEW: QT_TRANSLATE_NOOP("ChainStackModel", "your view"),
    FrameRole.ERROR_HANDLER: QT_TRANSLATE_NOOP("ChainStackModel", "your error handler"),
    FrameRole.APP: QT_TRANSLATE_NOOP("ChainStackModel", "your app"),
    FrameRole.OTHER: QT_TRANSLATE_NOOP("ChainStackModel", "other"),
}


def short_file(path: str, parts: int = 2) -> str:
    """'/usr/lib/python3.11/site-packages/flask/app.py' → 'flask/app.py'."""
    pieces = path.replace("\\", "/").split("/")
    return "/".join(pieces[-parts:])


def frame_name(function: str) -> str:
    """'flask.app.Flask.wsgi_app' → 'Flask.wsgi_app' when the chain does not say where the
    module ends: from the first capitalised part (a class), else the last part."""
    parts = function.split(".")
    first_class = next((i for i, p in enumerate(parts) if i and p[:1].isupper()), None)
    return ".".join(parts[first_class:]) if first_class is not None else parts[-1]


def where_text(frame: ActiveFrame, origin: ChainOrigin) -> str:
    """'flask/app.py:1479'; a chain written from data has no real line numbers (they drift
    between releases), only positions in its outline of the function, if it has one."""
    if origin is ChainOrigin.CLASSIC:
        if not frame.source:
            return short_file(frame.file)
        outline = QCoreApplication.translate("ChainStackModel", "outline line {line}")
        return f"{short_file(frame.file)} · {outline.format(line=frame.line)}"
    return f"{short_file(frame.file)}:{frame.line}"


def role_tag(role: FrameRole) -> str:
    """'your view', 'flask', … in the interface language."""
    return QCoreApplication.translate(CTX, ROLE_TAG[role])


def badge_text(kind: FrameEventKind) -> str:
    return QCoreApplication.translate(CTX, BADGE[kind])


def name_font(current: bool, role: FrameRole) -> QFont:
    """The font of a frame's name: the body size, bold for "now" and for the app's code."""
    return text_font(bold=current or role.is_app_code)


def row_height() -> int:
    """A stack row: the name's line (or the badge, a little taller) with room around it."""
    name = QFontMetrics(text_font(bold=True)).height()
    return name + 4 + 10  # the badge is the bold line plus 4; the bar has 5 above and below


class ChainStackModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._frames: tuple[ActiveFrame, ...] = ()
        self._names: tuple[str, ...] = ()
        self._origin = ChainOrigin.LIVE
        self._event: FrameEventKind | None = None
        self._exception: str | None = None

    def set_snapshot(self, snapshot: WsgiSnapshot | None) -> None:
        self.beginResetModel()
        self._frames = snapshot.stack if snapshot is not None else ()
        events = snapshot.chain.events if snapshot is not None else ()
        self._origin = snapshot.chain.origin if snapshot is not None else ChainOrigin.LIVE
        # the frame's CALL event knows where its module ends (FrameEvent.short_name)
        self._names = tuple(events[f.call_index].short_name if f.call_index < len(events)
                            else frame_name(f.function) for f in self._frames)
        event = snapshot.event if snapshot is not None and snapshot.wire_index is None else None
        self._event = event.kind if event is not None else None
        self._exception = event.exception if event is not None else None
        self.endResetModel()

    def retranslate(self) -> None:
        """The words in the rows (tags, badge, tooltips) changed language: repaint them."""
        if self._frames:
            self.dataChanged.emit(self.index(0), self.index(len(self._frames) - 1))

    @property
    def frames(self) -> tuple[ActiveFrame, ...]:
        return self._frames

    def current_row(self) -> int:
        return len(self._frames) - 1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._frames)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        # public here (QAbstractListModel keeps its own private in PySide6), so code that
        # walks any view's headers can ask every model the same way
        return 0 if parent.isValid() else 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._frames):
            return None
        frame = self._frames[index.row()]
        current = index.row() == len(self._frames) - 1
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self._names[index.row()]}  {where_text(frame, self._origin)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"{frame.file}:{frame.line}"
            what = (self.tr("the current frame") if current
                    else self.tr("waiting for the call above it to return"))
            return f"{frame.function}\n{where}\n{role_tag(frame.role)} — {what}"
        if role == Qt.ItemDataRole.FontRole:
            return name_font(current, frame.role)
        if role == FRAME_ROLE:
            return frame
        if role == CURRENT_ROLE:
            return current
        if role == NAME_ROLE:
            return self._names[index.row()]
        if role == WHERE_ROLE:
            return where_text(frame, self._origin)
        if role == EVENT_ROLE:
            return self._event if current else None
        return None


class StackDelegate(QStyledItemDelegate):
    """Draws a frame as an indented, role-coloured bar; the current frame outlined."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(120, row_height())  # as wide as the view: the bar fills the row

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        frame = index.data(FRAME_ROLE)
        if not isinstance(frame, ActiveFrame):
            return
        current = bool(index.data(CURRENT_ROLE))
        event = index.data(EVENT_ROLE)
        widget = option.widget
        dark = palette.is_dark(widget.palette() if isinstance(widget, QWidget)
                               else option.palette)
        style = palette.ROLE_STYLES[frame.role]
        rect: QRect = option.rect
        # deep stacks (or a narrow panel) indent less per level, keeping room for the name
        deepest = max(int(index.model().rowCount()) - 1, 1)
        step = min(legibility().text_px() * INDENT_EMS, rect.width() * MAX_INDENT_SHARE / deepest)
        indent = round(index.row() * step)  # one step per frame below the outermost
        bar = QRectF(rect.adjusted(4 + indent, 2, -4, -2))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setBrush(style.fill.pick(dark))
        if current:
            painter.setPen(QPen(palette.HIGHLIGHT, 3))
        elif selected:
            painter.setPen(QPen(style.ink.pick(dark), 2, Qt.PenStyle.DashLine))
        else:
            painter.setPen(QPen(style.ink.pick(dark).lighter(130), 1))
        painter.drawRoundedRect(bar.adjusted(1, 1, -1, -1), 5, 5)
        ink = style.ink.pick(dark)
        inner = bar.adjusted(8, 0, -8, 0).toRect()
        badge_w = 0
        if current and isinstance(event, FrameEventKind):
            badge_w = self._badge(painter, inner, event, dark)
        font = index.data(Qt.ItemDataRole.FontRole)
        name_font_ = font if isinstance(font, QFont) else name_font(current, frame.role)
        body = text_font()
        tag = role_tag(frame.role)
        tag_w = QFontMetrics(body).horizontalAdvance(tag) + 6
        painter.setFont(body)
        painter.setPen(ink)
        painter.drawText(inner.adjusted(0, 0, -badge_w, 0),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, tag)
        painter.setFont(name_font_)
        painter.setPen(palette.INK if not dark else palette.BACKGROUND)
        text_rect = inner.adjusted(0, 0, -badge_w - tag_w - 6, 0)
        name = str(index.data(NAME_ROLE))
        where = str(index.data(WHERE_ROLE))
        metrics = QFontMetrics(name_font_)
        name_w = min(metrics.horizontalAdvance(name), text_rect.width())
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(name, Qt.TextElideMode.ElideMiddle,
                                            text_rect.width()))
        rest = text_rect.adjusted(name_w + 10, 0, 0, 0)
        if rest.width() > 30:
            painter.setFont(body)
            painter.setPen(palette.MUTED_INK.pick(dark))
            painter.drawText(rest, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             QFontMetrics(body).elidedText(where, Qt.TextElideMode.ElideLeft,
                                                            rest.width()))
        painter.restore()

    @staticmethod
    def _badge(painter: QPainter, inner: QRect, event: FrameEventKind, dark: bool) -> int:
        text = badge_text(event)
        colour = {FrameEventKind.CALL: palette.CALL_INK, FrameEventKind.RETURN:
                  palette.RETURN_INK, FrameEventKind.EXCEPTION: palette.EXCEPTION_INK}[event]
        badge_font = text_font(bold=True)
        metrics = QFontMetrics(badge_font)
        width = metrics.horizontalAdvance(text) + 12
        height = metrics.height() + 4
        box = QRectF(inner.right() - width, inner.center().y() - height / 2, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour.pick(dark))
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(palette.BACKGROUND if not dark else palette.INK)
        painter.setFont(badge_font)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        return width + 6
