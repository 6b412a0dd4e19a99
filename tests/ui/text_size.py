"""Measuring the text a learner sees: the smallest rendered size in a widget tree, in pixels.

Every kind of text the app puts on screen is measured as drawn: a widget's font; rich text
(labels, text browsers) fragment by fragment, HTML sizes included; table cells with the
fonts their models give; scene text (the ladder, the state diagrams) as the item's font
times the view's scale. A scene view may say itself what it draws (``rendered_text_px``),
for items that paint text with their own fonts; so does a widget that paints its own words
(``rendered_text_px``, the convention of ``legibility.text_font``). Rich text sized
relatively (``<small>``, ``font-size:small``) is measured at the size Qt draws it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QPainter, QTextDocument, QTextFormat
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from simulator.ui.common.legibility import ZOOM_KEY, Legibility, legibility

DPI = 96.0
# Qt's steps for relative HTML sizes (QTextCharFormat.fontSizeAdjustment -2 .. 4)
SIZE_STEPS = {-2: 1 / 1.44, -1: 1 / 1.2, 0: 1.0, 1: 1.2, 2: 1.44, 3: 1.728, 4: 2.0736}


def font_px(font: QFont) -> float:
    if font.pixelSize() > 0:
        return float(font.pixelSize())
    return font.pointSizeF() * DPI / 72.0


def _document_px(document: QTextDocument, base: QFont) -> Iterator[float]:
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid() and fragment.text().strip():
                fmt = fragment.charFormat()
                if fmt.hasProperty(QTextFormat.Property.FontPixelSize) or \
                        fmt.hasProperty(QTextFormat.Property.FontPointSize):
                    yield font_px(fmt.font())
                else:
                    step = fmt.intProperty(QTextFormat.Property.FontSizeAdjustment)
                    yield font_px(base) * SIZE_STEPS.get(step, 1.0)
            it += 1
        block = block.next()


def _rich_label_px(label: QLabel) -> Iterator[float]:
    text = label.text()
    if not text.strip():
        return
    if label.textFormat() == Qt.TextFormat.PlainText or (
            label.textFormat() == Qt.TextFormat.AutoText and not GuiQt.mightBeRichText(text)):
        yield font_px(label.font())
        return
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setHtml(text)
    yield from _document_px(document, label.font())


def _view_px(view: QAbstractItemView) -> Iterator[float]:
    model = view.model()
    if model is None:
        return
    yield font_px(view.font())
    for row in range(min(model.rowCount(), 30)):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            font = index.data(Qt.ItemDataRole.FontRole)
            if isinstance(font, QFont) and str(index.data() or "").strip():
                merged = font.resolve(view.font())
                yield font_px(merged)


def drawn_text_px(widget: QWidget) -> list[tuple[float, str]]:
    """(pixel size on screen, text) of every text our paint code draws while ``widget``
    renders itself: the painter's font times its transform's scale, so what the view says
    it draws (``rendered_text_px``) is checked against what it really draws."""
    seen: list[tuple[float, str]] = []
    original = QPainter.drawText

    def spy(painter: QPainter, *args: object) -> object:
        text = next((a for a in args if isinstance(a, str)), "")
        if text.strip():
            t = painter.worldTransform()
            seen.append((font_px(painter.font()) * math.hypot(t.m11(), t.m12()), text))
        return original(painter, *args)

    QPainter.drawText = spy  # type: ignore[method-assign]
    try:
        widget.grab()
    finally:
        QPainter.drawText = original  # type: ignore[method-assign]
    return seen


def _scene_px(view: QGraphicsView) -> Iterator[float]:
    own = getattr(view, "rendered_text_px", None)
    if callable(own):
        value = own()
        if value is not None:
            yield float(value)
        yield from (px for px, _ in drawn_text_px(view))
        return
    scale = view.transform().m11()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in view.scene().items(visible) if view.scene() is not None else []:
        if not item.isVisible():
            continue
        if isinstance(item, QGraphicsSimpleTextItem) and item.text().strip():
            yield font_px(item.font()) * scale * item.sceneTransform().m11()
        elif isinstance(item, QGraphicsTextItem) and item.toPlainText().strip():
            yield from (px * scale for px in _document_px(item.document(), item.font()))


def text_sizes(root: QWidget) -> Iterator[tuple[float, str]]:
    """(pixel size, where) for every text visible under ``root``."""
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        name = f"{type(widget).__name__} {widget.objectName()!r}"
        if isinstance(widget, QLabel):
            yield from ((px, name) for px in _rich_label_px(widget))
        elif callable(painted := getattr(widget, "rendered_text_px", None)) and \
                not isinstance(widget, QGraphicsView):
            yield float(painted()), name
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            yield from ((px, name) for px in
                        _document_px(widget.document(), widget.font()))
        elif isinstance(widget, QGraphicsView):
            yield from ((px, name) for px in _scene_px(widget))
        elif isinstance(widget, QAbstractItemView):
            yield from ((px, name) for px in _view_px(widget))
        elif isinstance(widget, QAbstractButton | QComboBox | QLineEdit | QTabBar):
            yield font_px(widget.font()), name


def smallest_text(root: QWidget) -> tuple[float, str]:
    return min(text_sizes(root), default=(float("inf"), "no text"))


def floor_for(leg: Legibility, lines: int) -> float:
    """The text floor on a screen ``lines`` tall, the font applied as the main window does
    when it opens."""
    leg.set_screen_lines(lines)
    leg.apply_font()
    return leg.text_px()


@contextmanager
def default_text_size() -> Iterator[Legibility]:
    """The application's text size for one test: a 720-line screen, zoom 1, not presenting;
    afterwards as it was before — the zoom remembered in the settings included, so a window
    a later test opens does not restore a zoom this test chose."""
    leg = legibility()
    before = (leg.zoom, leg.presenting)
    remembered = QSettings().value(ZOOM_KEY)
    leg.set_presenting(False)
    leg.set_zoom(1.0, remember=False)
    leg.set_screen_lines(720)
    leg.apply_font()
    try:
        yield leg
    finally:
        leg.set_zoom(before[0], remember=False)
        leg.set_presenting(before[1])
        leg.set_screen_lines(720)
        leg.apply_font()
        if remembered is None:
            QSettings().remove(ZOOM_KEY)
        else:
            QSettings().setValue(ZOOM_KEY, remembered)
