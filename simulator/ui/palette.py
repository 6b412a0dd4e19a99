"""Colours and fonts shared by the ladder and the state diagrams.

One place decides what a SYN, a FIN or an RST looks like, so the two views (and the exported
slides) always agree. The kind of a segment is derived from its flags and length only.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

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
