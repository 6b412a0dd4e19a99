"""Colours and fonts shared by the ladder and the state diagrams.

One place decides what a SYN, a FIN or an RST looks like, so the two views (and the exported
slides) always agree. The kind of a segment is derived from its flags and length only.

Every colour has a light and a dark look (``Shade``). A view picks one from its own palette
(``is_dark(widget.palette())``) when it paints, so it follows whatever theme the window has;
the application chooses the theme, the views only read it. The bare constants (``INK``,
``BACKGROUND``, ...) are the light looks, kept for code that always draws light (slides).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from simulator.models.http.snapshot import Change
from simulator.models.tcp.segment import Flags
from simulator.models.tcp.states import TcpState
from simulator.models.timeline.steps import SegmentRecord
from simulator.models.wsgi.call_chain import FrameRole
from simulator.ui.text.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Shade:
    """One meaning, two looks: a colour for a light theme and one for a dark theme."""

    light: QColor
    dark: QColor

    def pick(self, dark: bool) -> QColor:
        return self.dark if dark else self.light


def is_dark(palette: QPalette) -> bool:
    """True when the widget's theme is dark (its window colour is darker than mid-grey)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def widget_is_dark(widget: QWidget | None) -> bool:
    """For ``QGraphicsItem.paint``: the view's viewport is ``widget``; painting with no
    widget (``QGraphicsScene.render`` into an image) draws the light look. (Items painted
    into a cached picture also get no widget: the state diagrams' take their view's look,
    ``state_diagram_items.cached_look``.)"""
    return widget is not None and is_dark(widget.palette())


def light_palette() -> QPalette:
    """A plain light palette whatever the application's theme: for slides, which a teacher
    projects and prints, so they stay dark ink on white."""
    p = QPalette(QColor("#efefef"), QColor("#ffffff"))
    for role, colour in ((QPalette.ColorRole.Base, "#ffffff"),
                         (QPalette.ColorRole.AlternateBase, "#f5f5f5"),
                         (QPalette.ColorRole.Text, "#000000"),
                         (QPalette.ColorRole.WindowText, "#000000"),
                         (QPalette.ColorRole.ButtonText, "#000000"),
                         (QPalette.ColorRole.ToolTipBase, "#ffffdc"),
                         (QPalette.ColorRole.ToolTipText, "#000000"),
                         (QPalette.ColorRole.PlaceholderText, "#757575"),
                         (QPalette.ColorRole.Link, "#1565c0"),
                         (QPalette.ColorRole.Highlight, "#1c64a8"),  # 5.9:1 with white
                         (QPalette.ColorRole.HighlightedText, "#ffffff")):
        p.setColor(role, QColor(colour))
    return p


class SegmentKind(enum.Enum):
    SYN = "SYN"
    FIN = "FIN"
    RST = "RST"
    DATA = "data"
    ACK = "ACK"


@dataclass(frozen=True)
class SegmentStyle:
    colour: QColor  # on a light background
    width: float
    dark: QColor  # the same hue lighter, readable on a dark background

    def pick(self, dark: bool) -> QColor:
        return self.dark if dark else self.colour


SEGMENT_STYLES: dict[SegmentKind, SegmentStyle] = {
    SegmentKind.SYN: SegmentStyle(QColor("#2e7d32"), 1.6, QColor("#81c784")),   # green: opening
    SegmentKind.FIN: SegmentStyle(QColor("#7b1fa2"), 1.6, QColor("#ce93d8")),   # purple: closing
    SegmentKind.RST: SegmentStyle(QColor("#c62828"), 1.8, QColor("#ff8a80")),   # red: reset
    SegmentKind.DATA: SegmentStyle(QColor("#1565c0"), 2.0, QColor("#64b5f6")),  # blue: bytes
    SegmentKind.ACK: SegmentStyle(QColor("#546e7a"), 1.2, QColor("#90a4ae")),   # grey-blue: ACK
}


def segment_kind(record: SegmentRecord) -> SegmentKind:
    """RST beats SYN beats FIN beats data beats a pure ACK."""
    if Flags.RST in record.flags:
        return SegmentKind.RST
    if Flags.SYN in record.flags:
        return SegmentKind.SYN
    if Flags.FIN in record.flags:
        return SegmentKind.FIN
    if record.length > 0:
        return SegmentKind.DATA
    return SegmentKind.ACK


LOST = QColor("#d50000")
HIGHLIGHT = QColor("#ff9800")          # the current step: glow, marker line, taken arcs
HIGHLIGHT_GLOW = QColor(255, 152, 0, 90)
INK = QColor("#212121")
MUTED = QColor("#757575")
FAINT = QColor("#bdbdbd")
BACKGROUND = QColor("#ffffff")
LIFELINE = QColor("#424242")
BREAK_FILL = QColor(238, 238, 238)
LABEL_BACKGROUND = QColor(255, 255, 255, 225)
HEADER_FILL = QColor("#fafafa")
HIGHLIGHTED_LABEL_FILL = QColor(255, 243, 224, 235)

# Fill of each state's box or badge, by phase of the connection.
_PHASE_FILL = {
    "closed": Shade(QColor("#eceff1"), QColor("#343a3e")),
    "opening": Shade(QColor("#e8f5e9"), QColor("#1f3d23")),
    "open": Shade(QColor("#e3f2fd"), QColor("#17324d")),
    "closing": Shade(QColor("#f3e5f5"), QColor("#3c2344")),
}
_PHASE = {
    TcpState.CLOSED: "closed",
    TcpState.LISTEN: "opening",
    TcpState.SYN_SENT: "opening",
    TcpState.SYN_RECEIVED: "opening",
    TcpState.ESTABLISHED: "open",
    TcpState.FIN_WAIT_1: "closing",
    TcpState.FIN_WAIT_2: "closing",
    TcpState.CLOSE_WAIT: "closing",
    TcpState.CLOSING: "closing",
    TcpState.LAST_ACK: "closing",
    TcpState.TIME_WAIT: "closing",
}
CURRENT_STATE_FILL = QColor("#ffb74d")
CURRENT_STATE_BORDER = QColor("#e65100")


def state_fill(state: TcpState, dark: bool = False) -> QColor:
    return _PHASE_FILL[_PHASE[state]].pick(dark)


# ---------------------------------------------------------------- the TCP views in either theme
# Each light constant above with its dark twin. In the dark look text and lines are light
# greys on a near-black ground, fills are deep tints of the same hues, and the orange of
# "now" stays orange (a darker fill under light text, a lighter border).
INK_SHADE = Shade(INK, QColor("#e6e6e6"))
MUTED_SHADE = Shade(MUTED, QColor("#a3a3a3"))
FAINT_SHADE = Shade(FAINT, QColor("#5a5d63"))
BACKGROUND_SHADE = Shade(BACKGROUND, QColor("#1e1f22"))
LIFELINE_SHADE = Shade(LIFELINE, QColor("#c2c2c2"))
BREAK_FILL_SHADE = Shade(BREAK_FILL, QColor(44, 46, 51))
LABEL_BACKGROUND_SHADE = Shade(LABEL_BACKGROUND, QColor(30, 31, 34, 225))
HEADER_FILL_SHADE = Shade(HEADER_FILL, QColor("#2b2d31"))
LOST_SHADE = Shade(LOST, QColor("#ff6e6e"))
CURRENT_STATE_FILL_SHADE = Shade(CURRENT_STATE_FILL, QColor("#8a4f00"))
CURRENT_STATE_BORDER_SHADE = Shade(CURRENT_STATE_BORDER, QColor("#ffab40"))
HIGHLIGHTED_LABEL_FILL_SHADE = Shade(HIGHLIGHTED_LABEL_FILL, QColor(84, 52, 0, 235))


@dataclass(frozen=True)
class TcpLook:
    """The ladder's and the state diagrams' colours in one theme (see ``look``)."""

    dark: bool
    ink: QColor
    muted: QColor
    faint: QColor
    background: QColor
    lifeline: QColor
    break_fill: QColor
    label_background: QColor
    header_fill: QColor
    lost: QColor
    current_state_fill: QColor
    current_state_border: QColor
    highlighted_label_fill: QColor
    segments: Mapping[SegmentKind, QColor]

    def segment(self, kind: SegmentKind) -> QColor:
        return self.segments[kind]

    def state_fill(self, state: TcpState) -> QColor:
        return state_fill(state, self.dark)


def _make_look(dark: bool) -> TcpLook:
    return TcpLook(
        dark=dark, ink=INK_SHADE.pick(dark), muted=MUTED_SHADE.pick(dark),
        faint=FAINT_SHADE.pick(dark), background=BACKGROUND_SHADE.pick(dark),
        lifeline=LIFELINE_SHADE.pick(dark), break_fill=BREAK_FILL_SHADE.pick(dark),
        label_background=LABEL_BACKGROUND_SHADE.pick(dark),
        header_fill=HEADER_FILL_SHADE.pick(dark), lost=LOST_SHADE.pick(dark),
        current_state_fill=CURRENT_STATE_FILL_SHADE.pick(dark),
        current_state_border=CURRENT_STATE_BORDER_SHADE.pick(dark),
        highlighted_label_fill=HIGHLIGHTED_LABEL_FILL_SHADE.pick(dark),
        segments={kind: style.pick(dark) for kind, style in SEGMENT_STYLES.items()})


LIGHT_LOOK = _make_look(False)
DARK_LOOK = _make_look(True)


def look(dark: bool) -> TcpLook:
    return DARK_LOOK if dark else LIGHT_LOOK


def look_for(widget: QWidget | None) -> TcpLook:
    """The look for painting on ``widget`` (light when there is none; see widget_is_dark)."""
    return look(widget_is_dark(widget))


def paint_state_box(painter: QPainter, rect: QRectF, state: TcpState, current: bool,
                    look: TcpLook, font: QFont, border: float, radius: float) -> None:
    """An RFC state name in its box, as the ladder's badges and the diagrams' boxes draw it:
    filled by the state's phase, or in the current-state colours when ``current``."""
    if current:
        painter.setPen(QPen(look.current_state_border, border))
        painter.setBrush(look.current_state_fill)
    else:
        painter.setPen(QPen(look.muted, 1.0))
        painter.setBrush(look.state_fill(state))
    painter.drawRoundedRect(rect, radius, radius)
    painter.setFont(font)
    painter.setPen(look.ink)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, state.rfc_name)


# ---------------------------------------------------------------- HTTP, cookie and session views
# Rows of the cookie jar / session store by how they changed since the previous step.
CHANGE_FILL: dict[Change, Shade] = {
    Change.ADDED: Shade(QColor("#c8e6c9"), QColor("#1e4d23")),    # green: new
    Change.CHANGED: Shade(QColor("#ffe0b2"), QColor("#5c4000")),  # amber: new value
    Change.REMOVED: Shade(QColor("#ffcdd2"), QColor("#5e1a1a")),  # red (and struck): gone
}
REQUEST_TINT = Shade(QColor("#1565c0"), QColor("#64b5f6"))   # browser → server (as DATA)
RESPONSE_TINT = Shade(QColor("#00695c"), QColor("#4db6ac"))  # server → browser
REQUEST_FILL = Shade(QColor("#e3f2fd"), QColor("#15304a"))
RESPONSE_FILL = Shade(QColor("#e0f2f1"), QColor("#123b36"))
COOKIE_HEADER_FILL = Shade(QColor("#fff59d"), QColor("#4d4500"))  # Cookie / Set-Cookie rows
SENT_INK = Shade(QColor("#2e7d32"), QColor("#81c784"))      # cookie goes on the request
NOT_SENT_INK = Shade(QColor("#c62828"), QColor("#ef9a9a"))  # cookie held back
WARNING_FILL = Shade(QColor("#fff3e0"), QColor("#4a2600"))  # malformed message, failed check
WARNING_INK = Shade(QColor("#b00020"), QColor("#ff8a80"))
MUTED_INK = Shade(QColor("#616161"), QColor("#b0b0b0"))


def font(point_size: float, bold: bool = False, family: str = "") -> QFont:
    """A font in pixel size, so scenes render the same on any screen DPI and in exports."""
    f = QFont(family) if family else QFont()
    f.setPixelSize(max(1, round(point_size)))
    f.setBold(bold)
    f.setStyleHint(QFont.StyleHint.SansSerif)
    return f


DASHED = Qt.PenStyle.DashLine
DOTTED = Qt.PenStyle.DotLine


# ---------------------------------------------------------------- packet detail: the hex view
# The selected field's bytes: the same orange as "the current step" elsewhere, so "this is
# what you picked" looks alike in every view; the rest of the field's layer is tinted faintly.
FIELD_BYTES = Shade(QColor("#ffa726"), QColor("#a85400"))
FIELD_BYTES_INK = Shade(QColor("#000000"), QColor("#ffffff"))
LAYER_BYTES = Shade(QColor("#ffecd2"), QColor("#3e2c17"))


# ---------------------------------------------------------------- WSGI call chain: whose code
# Frames are coloured by whose code runs (FrameRole), in four families a legend can name: the
# learner's own app (green), Flask (blue), Werkzeug (teal) and the WSGI server (brown/grey);
# "the current frame" keeps the orange HIGHLIGHT used for the current step everywhere.
@dataclass(frozen=True)
class RoleStyle:
    family: str  # the legend entry the role belongs to
    fill: Shade
    ink: Shade


def _role(family: str, fill: tuple[str, str], ink: tuple[str, str]) -> RoleStyle:
    return RoleStyle(family, Shade(QColor(fill[0]), QColor(fill[1])),
                     Shade(QColor(ink[0]), QColor(ink[1])))


# The family names are shown translated: QCoreApplication.translate("RoleLegend", family).
_APP = _role(QT_TRANSLATE_NOOP("RoleLegend", "your app's code"),
             ("#c8e6c9", "#1f4d24"), ("#1b5e20", "#a5d6a7"))
_FLASK = _role(QT_TRANSLATE_NOOP("RoleLegend", "Flask"),
               ("#d6e6fb", "#1b3556"), ("#0d47a1", "#90caf9"))
_WERKZEUG = _role(QT_TRANSLATE_NOOP("RoleLegend", "Werkzeug"),
                  ("#d3f0ec", "#103f3a"), ("#00695c", "#80cbc4"))
_SERVER = _role(QT_TRANSLATE_NOOP("RoleLegend", "WSGI server"),
                ("#eee4dc", "#3f3129"), ("#5d4037", "#d7ccc8"))
_OTHER = _role(QT_TRANSLATE_NOOP("RoleLegend", "other Python"),
               ("#eeeeee", "#333333"), ("#616161", "#bdbdbd"))
ROLE_STYLES: dict[FrameRole, RoleStyle] = {
    FrameRole.HOOK: _APP, FrameRole.VIEW: _APP, FrameRole.ERROR_HANDLER: _APP,
    FrameRole.APP: _APP,
    FrameRole.FLASK: _FLASK, FrameRole.CONTEXT: _FLASK, FrameRole.SESSION: _FLASK,
    FrameRole.SIGNAL: _FLASK,
    FrameRole.WERKZEUG: _WERKZEUG,
    FrameRole.SERVER: _SERVER, FrameRole.WSGI: _SERVER,
    FrameRole.OTHER: _OTHER,
}
ROLE_LEGEND: tuple[RoleStyle, ...] = (_APP, _FLASK, _WERKZEUG, _SERVER, _OTHER)
# The kind of frame event: entering, leaving, an exception crossing the frame.
CALL_INK = Shade(QColor("#2e7d32"), QColor("#81c784"))
RETURN_INK = Shade(QColor("#1565c0"), QColor("#64b5f6"))
EXCEPTION_INK = Shade(QColor("#c62828"), QColor("#ef9a9a"))
CURRENT_LINE = Shade(QColor("#ffe0b2"), QColor("#5c3a00"))  # the source line being run
