"""The hex view of one packet: offset | hex bytes | ASCII, with the selected field highlighted.

Theory of operation
-------------------
The packet's bytes are laid out as a hex dump, sixteen bytes a line, in a read-only
monospace ``QPlainTextEdit`` (so text can still be selected and copied)::

    0000  00 10 db 88 d2 ef c8 bc  c8 96 d2 a0 08 00 45 00   ..............E.

Byte *i* sits on line ``i // 16`` at a fixed column in both the hex and the ASCII part, so a
byte range maps to at most two text spans per line. Highlighting is done with
``ExtraSelection``s (they leave the user's own text selection alone): a faint tint over the
enclosing layer and the strong highlight over exactly the selected field's bytes. Clicking a
byte emits ``byte_clicked(offset)`` so the tree can select the field that holds it. Bytes the
capture did not keep (snaplen) are not invented: a last line says how many are missing.

The dump is in a monospace at the body text size (``legibility.text_font``); on a change of
zoom or presentation mode the font is set again and the view's least width (a whole line of
the dump) follows it. ``rendered_text_px()`` reports that size.

That line and the tooltip are the view's own words (``self.tr``); on ``LanguageChange`` the
dump is re-set with the same highlight and scroll position. The dump itself is data.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from simulator.ui.common import palette
from simulator.ui.common.legibility import legibility, text_font
from simulator.ui.text.i18n import is_language_change

BYTES_PER_LINE = 16
_GAP = 2  # spaces between the offset, the hex and the ASCII columns


def _printable(b: int) -> str:
    return chr(b) if 0x20 <= b < 0x7F else "."


class HexView(QPlainTextEdit):
    """A hex dump of one packet's captured bytes; see the module docstring."""

    byte_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(text_font(mono=True))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self._data = b""
        self._wire: int | None = None
        self._digits = 4
        self._field: tuple[int, int] | None = None
        self._layer: tuple[int, int] | None = None
        self.setMinimumWidth(self._dump_width())
        legibility().changed.connect(self._on_text_size)
        self.retranslate()

    def _on_text_size(self) -> None:
        """Zoom or presentation changed the text size: the dump's font and least width."""
        self.setFont(text_font(mono=True))
        self.setMinimumWidth(self._dump_width())
        self.updateGeometry()

    def rendered_text_px(self) -> float:
        """The size the dump is drawn at (pixels): its one font."""
        return float(self.font().pixelSize())

    def retranslate(self) -> None:
        """Re-set the view's own words (the tooltip, the missing-bytes line)."""
        self.setToolTip(self.tr("The packet's bytes: offset, hex, ASCII. Click a byte to "
                                "select the field that holds it."))
        if self._wire is not None and self._wire > len(self._data):
            scroll = self.verticalScrollBar().value()
            self.setPlainText(self._dump_text())
            self._apply()
            self.verticalScrollBar().setValue(scroll)

    def _dump_width(self) -> int:
        """Pixels for a whole line of the dump, its frame and a vertical scroll bar."""
        chars = self._ascii_column(BYTES_PER_LINE) + 1
        return (self.fontMetrics().horizontalAdvance("0") * chars + 2 * self.frameWidth()
                + 2 * int(self.document().documentMargin())
                + self.verticalScrollBar().sizeHint().width())

    def sizeHint(self) -> QSize:
        return QSize(self._dump_width(), super().sizeHint().height())

    # ------------------------------------------------------------------ layout
    def _hex_column(self, j: int) -> int:
        """Text column of byte ``j`` (0..15) of a line in the hex part."""
        return self._digits + _GAP + 3 * j + (1 if j >= BYTES_PER_LINE // 2 else 0)

    def _ascii_column(self, j: int = 0) -> int:
        return self._hex_column(BYTES_PER_LINE - 1) + 2 + _GAP + j

    def _line(self, offset: int) -> str:
        chunk = self._data[offset:offset + BYTES_PER_LINE]
        text = f"{offset:0{self._digits}x}" + " " * _GAP
        hex_part = ""
        for j, b in enumerate(chunk):
            hex_part += ("  " if j == BYTES_PER_LINE // 2 else " " if j else "") + f"{b:02x}"
        text += hex_part.ljust(self._ascii_column() - len(text))
        return text + "".join(_printable(b) for b in chunk)

    # ------------------------------------------------------------------ public API
    def set_data(self, data: bytes, wire_length: int | None = None) -> None:
        """Show ``data``; if the wire carried more (snaplen), say how much is missing."""
        self._data = bytes(data)
        self._wire = wire_length
        self._digits = max(4, len(f"{max(0, len(data) - 1):x}"))
        self._field = self._layer = None
        self.setPlainText(self._dump_text())
        self.setExtraSelections([])
        self.verticalScrollBar().setValue(0)

    def _dump_text(self) -> str:
        lines = [self._line(o) for o in range(0, len(self._data), BYTES_PER_LINE)]
        if self._wire is not None and self._wire > len(self._data):
            missing = self._wire - len(self._data)
            lines.append(self.tr("… 1 more byte on the wire was not captured (snapshot length)")
                         if missing == 1 else
                         self.tr("… {n} more bytes on the wire were not captured (snapshot "
                                 "length)").format(n=missing))
        return "\n".join(lines)

    def data(self) -> bytes:
        return self._data

    def clear_highlight(self) -> None:
        self._field = self._layer = None
        self.setExtraSelections([])

    def highlight(self, start: int, end: int, layer: tuple[int, int] | None = None) -> None:
        """Highlight ``data[start:end]`` strongly and ``data[layer]`` faintly; scroll to it."""
        size = len(self._data)
        start, end = max(0, min(start, size)), max(0, min(end, size))
        self._field = (start, end) if end > start else None
        self._layer = None
        if layer is not None:
            lo, hi = max(0, min(layer[0], size)), max(0, min(layer[1], size))
            self._layer = (lo, hi) if hi > lo else None
        self._apply()
        if self._field is not None:
            self._scroll_to(*self._field)

    def highlighted_range(self) -> tuple[int, int] | None:
        """The strongly highlighted bytes as ``(start, end)``: ``data[start:end]``."""
        return self._field

    def highlighted_text(self) -> list[str]:
        """The text under the field highlight, span by span (hex spans, then ASCII spans)."""
        return [s.cursor.selectedText() for s in self.extraSelections()
                if s.format.property(QTextCharFormat.Property.UserProperty) == "field"]

    def byte_at(self, line: int, column: int) -> int | None:
        """The byte shown at this text position (hex or ASCII part), or None."""
        for j in range(BYTES_PER_LINE):
            hex_col = self._hex_column(j)
            if hex_col <= column < hex_col + 2 or column == self._ascii_column(j):
                offset = line * BYTES_PER_LINE + j
                return offset if offset < len(self._data) else None
        return None

    # ------------------------------------------------------------------ drawing
    def _is_dark(self) -> bool:
        return palette.is_dark(self.palette())

    def _apply(self) -> None:
        dark = self._is_dark()
        selections: list[QTextEdit.ExtraSelection] = []
        if self._layer is not None:
            fmt = QTextCharFormat()
            fmt.setBackground(palette.LAYER_BYTES.pick(dark))
            fmt.setProperty(QTextCharFormat.Property.UserProperty, "layer")
            selections += self._spans(*self._layer, fmt)
        if self._field is not None:
            fmt = QTextCharFormat()
            fmt.setBackground(palette.FIELD_BYTES.pick(dark))
            fmt.setForeground(palette.FIELD_BYTES_INK.pick(dark))
            fmt.setProperty(QTextCharFormat.Property.UserProperty, "field")
            selections += self._spans(*self._field, fmt)
        self.setExtraSelections(selections)

    def _spans(self, start: int, end: int,
               fmt: QTextCharFormat) -> list[QTextEdit.ExtraSelection]:
        hex_spans: list[QTextEdit.ExtraSelection] = []
        ascii_spans: list[QTextEdit.ExtraSelection] = []
        doc = self.document()
        for line in range(start // BYTES_PER_LINE, (end - 1) // BYTES_PER_LINE + 1):
            first = max(start, line * BYTES_PER_LINE) - line * BYTES_PER_LINE
            last = min(end, (line + 1) * BYTES_PER_LINE) - 1 - line * BYTES_PER_LINE
            block = doc.findBlockByNumber(line)
            for columns, out in (
                ((self._hex_column(first), self._hex_column(last) + 2), hex_spans),
                ((self._ascii_column(first), self._ascii_column(last) + 1), ascii_spans),
            ):
                cursor = QTextCursor(block)
                cursor.setPosition(block.position() + columns[0])
                cursor.setPosition(block.position() + columns[1],
                                   QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = fmt
                out.append(selection)
        return hex_spans + ascii_spans

    def _scroll_to(self, start: int, end: int) -> None:
        """Bring the highlighted lines into view (QPlainTextEdit scrolls by whole lines)."""
        first, last = start // BYTES_PER_LINE, (end - 1) // BYTES_PER_LINE
        shown = self.visible_lines()
        if first not in shown or last not in shown:
            self.verticalScrollBar().setValue(max(0, first - 1))  # one line of context above

    def visible_lines(self) -> range:
        """The dump lines currently in view (for tests and for the scroll rule)."""
        line_height = max(1, self.fontMetrics().lineSpacing())
        top = self.verticalScrollBar().value()
        return range(top, top + max(1, self.viewport().height() // line_height))

    # ------------------------------------------------------------------ events
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        cursor = self.cursorForPosition(event.position().toPoint())
        byte = self.byte_at(cursor.blockNumber(), cursor.positionInBlock())
        if byte is not None:
            self.byte_clicked.emit(byte)

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply()
