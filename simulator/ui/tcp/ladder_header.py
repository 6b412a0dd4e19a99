"""The ladder's endpoints — 'Client' and 'Server' with their addresses — pinned above the
scene, so a learner who scrolls down a long connection still sees who is who.

The header is a widget in the view's top margin (``QAbstractScrollArea.setViewportMargins``),
not a scene item: it never scrolls away and its text is the application's text size
(``legibility().text_px()``), titles larger. Each endpoint's box is centred over its lifeline
(the view says where, in viewport pixels: ``set_lanes``). A timeline with several connections
(HTTP/1.0) shows the addresses of the connection at the cursor.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from simulator.ui.common import palette
from simulator.ui.common.legibility import legibility

TITLE_SCALE = 1.25
BOX_PAD = 8.0


def endpoint_title(endpoint: str) -> str:
    """'Client' or 'Server' in the interface language."""
    if endpoint == "client":
        return QCoreApplication.translate("LadderView", "Client")
    if endpoint == "server":
        return QCoreApplication.translate("LadderView", "Server")
    return endpoint.capitalize()


def _font(scale: float, bold: bool) -> QFont:
    """A font of the application's text size (never rounded below it)."""
    return palette.font(math.ceil(legibility().text_px(scale) - 1e-9), bold=bold)


class LadderHeader(QWidget):
    """Two boxes, one over each lifeline: the endpoint's name and its address."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._x = {"client": 0.0, "server": 0.0}
        self._addresses = {"client": "", "server": ""}
        self._max_width = 200.0
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    # -- what the view tells it
    def set_lanes(self, client_x: float, server_x: float) -> None:
        """Where the lifelines are, in this widget's pixels."""
        if (client_x, server_x) != (self._x["client"], self._x["server"]):
            self._x = {"client": client_x, "server": server_x}
            self._max_width = max(80.0, (server_x - client_x) - 2 * BOX_PAD)
            self.update()

    def set_addresses(self, client: str, server: str) -> None:
        if {"client": client, "server": server} != self._addresses:
            self._addresses = {"client": client, "server": server}
            self.update()

    # -- what it shows
    @property
    def titles(self) -> list[str]:
        return [endpoint_title(e) for e in ("client", "server")]

    @property
    def addresses(self) -> dict[str, str]:
        return dict(self._addresses)

    def fonts(self) -> tuple[QFont, QFont]:
        """The title's font and the address's."""
        return _font(TITLE_SCALE, True), _font(1.0, False)

    def rendered_text_px(self) -> float:
        """The smallest text it paints (the address), in pixels."""
        return float(min(f.pixelSize() for f in self.fonts()))

    def preferred_height(self) -> int:
        title, address = (QFontMetricsF(f) for f in self.fonts())
        return round(title.height() + address.height() + 2 * BOX_PAD)

    def sizeHint(self) -> QSize:
        return QSize(200, self.preferred_height())

    def box(self, endpoint: str) -> QRectF:
        """The endpoint's box, in this widget's pixels."""
        title_font, address_font = self.fonts()
        title, address = QFontMetricsF(title_font), QFontMetricsF(address_font)
        text = max(title.horizontalAdvance(endpoint_title(endpoint)),
                   address.horizontalAdvance(self._addresses[endpoint]))
        w = min(text + 2 * BOX_PAD, self._max_width)
        h = self.height() - 4
        return QRectF(self._x[endpoint] - w / 2, 2, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:
        look = palette.look_for(self)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), look.background)
        painter.setPen(QPen(look.faint, 1.0))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        title_font, address_font = self.fonts()
        title_h = QFontMetricsF(title_font).height()
        for endpoint in ("client", "server"):
            rect = self.box(endpoint)
            painter.setPen(QPen(look.lifeline, 1.5))
            painter.setBrush(look.header_fill)
            painter.drawRoundedRect(rect, 6, 6)
            inner = rect.adjusted(4, BOX_PAD / 2, -4, 0)
            painter.setFont(title_font)
            painter.setPen(look.ink)
            painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), title_h),
                             Qt.AlignmentFlag.AlignCenter, endpoint_title(endpoint))
            painter.setFont(address_font)
            painter.setPen(look.muted)
            fm = QFontMetricsF(address_font)
            address = fm.elidedText(self._addresses[endpoint], Qt.TextElideMode.ElideMiddle,
                                    inner.width())
            painter.drawText(QRectF(inner.left(), inner.top() + title_h, inner.width(),
                                    fm.height()), Qt.AlignmentFlag.AlignCenter, address)
        painter.end()
