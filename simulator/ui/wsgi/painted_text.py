"""Words a view paints itself with a QPainter: whole lines only, and a record of their size.

The server's painted views (CGI vs FastCGI vs WSGI, the stack's rows) lay their words out by
the fonts' own metrics rather than by fixed pixel boxes, so that the words grow with the
learner's zoom and with presentation mode (``legibility``) and the boxes grow around them.
``PaintedText`` draws through one painter:

* ``line``: one line in a box, elided (with …) when it does not fit, never clipped mid-glyph;
* ``wrapped``: a paragraph broken at word boundaries into the lines that fit in a box; the
  last line that fits ends in … when the paragraph goes on — a cut is visible, and no line
  is ever drawn half outside its box;
* ``smallest``: the smallest font size (pixels) drawn so far — what a painted view reports as
  its ``rendered_text_px()``, the convention ``legibility.text_font`` documents.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTextLayout, QTextOption

Align = Qt.AlignmentFlag


def font_px(font: QFont) -> float:
    """A font's size in pixels (fonts from ``text_font`` carry a pixel size)."""
    return float(font.pixelSize()) if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72


def line_height(font: QFont) -> float:
    """The distance from one line of ``font`` to the next."""
    return QFontMetricsF(font).lineSpacing()


def wrap_lines(text: str, font: QFont, width: float, max_lines: int | None = None) -> list[str]:
    """``text`` broken into the lines that fit ``width`` (at most ``max_lines``; then the last
    one ends in … if the text goes on)."""
    if not text or width <= 0:
        return []
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    spans: list[tuple[int, int]] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    lines = [text[start:start + length].rstrip() for start, length in spans]
    if max_lines is not None and len(lines) > max_lines:
        rest = text[spans[max_lines - 1][0]:].replace("\n", " ")
        metrics = QFontMetricsF(font)
        lines = [*lines[:max_lines - 1],
                 metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)]
    return lines


def wrapped_height(text: str, font: QFont, width: float, max_lines: int | None = None) -> float:
    """How tall ``wrapped`` draws ``text`` in a box ``width`` wide."""
    return len(wrap_lines(text, font, width, max_lines)) * line_height(font)


class PaintedText:
    """Draws words with ``painter`` and remembers the smallest size drawn (see module)."""

    def __init__(self, painter: QPainter) -> None:
        self.painter = painter
        self.smallest = math.inf

    def use(self, font: QFont, colour: QColor) -> QFontMetricsF:
        self.painter.setFont(font)
        self.painter.setPen(colour)
        return QFontMetricsF(font)

    def _drew(self, font: QFont, text: str) -> None:
        if text.strip():
            self.smallest = min(self.smallest, font_px(font))

    def line(self, rect: QRectF, text: str, font: QFont, colour: QColor,
             align: Qt.AlignmentFlag = Align.AlignLeft | Align.AlignVCenter,
             elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> float:
        """``text`` on one line in ``rect``, elided to its width; returns the width drawn."""
        metrics = self.use(font, colour)
        shown = metrics.elidedText(text, elide, max(rect.width(), 0.0))
        self.painter.drawText(rect, int(align), shown)
        self._drew(font, shown)
        return metrics.horizontalAdvance(shown)

    def wrapped(self, rect: QRectF, text: str, font: QFont, colour: QColor,
                align: Qt.AlignmentFlag = Align.AlignLeft,
                max_lines: int | None = None) -> float:
        """``text`` wrapped into the whole lines that fit in ``rect`` (the last one elided if
        the text goes on); returns the height used."""
        height = line_height(font)
        fits = int(max(rect.height(), 0.0) // height) if height > 0 else 0
        limit = fits if max_lines is None else min(fits, max_lines)
        if limit <= 0:
            return 0.0
        lines = wrap_lines(text, font, rect.width(), limit)
        metrics = self.use(font, colour)
        y = rect.top() + metrics.ascent()
        for line in lines:
            x = rect.left()
            if align & Align.AlignHCenter:
                x += (rect.width() - metrics.horizontalAdvance(line)) / 2
            elif align & Align.AlignRight:
                x += rect.width() - metrics.horizontalAdvance(line)
            self.painter.drawText(QPointF(x, y), line)
            self._drew(font, line)
            y += height
        return len(lines) * height
