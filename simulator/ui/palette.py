"""Colours and fonts shared by the ladder and the state diagrams.

One place decides what a SYN, a FIN or an RST looks like, so the two views (and the exported
slides) always agree. The kind of a segment is derived from its flags and length only.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette

from simulator.models.call_chain import FrameRole
from simulator.models.http_snapshot import Change
from simulator.models.segment import Flags
from simulator.models.tcp_states import TcpState
from simulator.models.timeline import SegmentRecord


class SegmentKind(enum.Enum):
    SYN = "SYN"
    FIN = "FIN"
    RST = "RST"
    DATA = "data"
    ACK = "ACK"


@dataclass(frozen=True)
class SegmentStyle:
    colour: QColor
    width: float


SEGMENT_STYLES: dict[SegmentKind, SegmentStyle] = {
    SegmentKind.SYN: SegmentStyle(QColor("#2e7d32"), 1.6),   # green: opening
    SegmentKind.FIN: SegmentStyle(QColor("#7b1fa2"), 1.6),   # purple: closing
    SegmentKind.RST: SegmentStyle(QColor("#c62828"), 1.8),   # red: reset
    SegmentKind.DATA: SegmentStyle(QColor("#1565c0"), 2.0),  # blue: carries bytes
    SegmentKind.ACK: SegmentStyle(QColor("#546e7a"), 1.2),   # grey-blue: pure ACK
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

# Fill of each state's box or badge, by phase of the connection.
_PHASE_FILL = {
    "closed": QColor("#eceff1"),
    "opening": QColor("#e8f5e9"),
    "open": QColor("#e3f2fd"),
    "closing": QColor("#f3e5f5"),
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


def state_fill(state: TcpState) -> QColor:
    return _PHASE_FILL[_PHASE[state]]


# ---------------------------------------------------------------- HTTP, cookie and session views
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


def mono_font(pixel_size: float) -> QFont:
    f = QFont("DejaVu Sans Mono")
    f.setStyleHint(QFont.StyleHint.Monospace)
    f.setPixelSize(max(1, round(pixel_size)))
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


_APP = RoleStyle("your app's code", Shade(QColor("#c8e6c9"), QColor("#1f4d24")),
                 Shade(QColor("#1b5e20"), QColor("#a5d6a7")))
_FLASK = RoleStyle("Flask", Shade(QColor("#d6e6fb"), QColor("#1b3556")),
                   Shade(QColor("#0d47a1"), QColor("#90caf9")))
_WERKZEUG = RoleStyle("Werkzeug", Shade(QColor("#d3f0ec"), QColor("#103f3a")),
                      Shade(QColor("#00695c"), QColor("#80cbc4")))
_SERVER = RoleStyle("WSGI server", Shade(QColor("#eee4dc"), QColor("#3f3129")),
                    Shade(QColor("#5d4037"), QColor("#d7ccc8")))
_OTHER = RoleStyle("other Python", Shade(QColor("#eeeeee"), QColor("#333333")),
                   Shade(QColor("#616161"), QColor("#bdbdbd")))
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
