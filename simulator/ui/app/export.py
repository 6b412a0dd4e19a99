"""Headless twins of the window (ARCHITECTURE.md, idea 8): one step rendered as a slide.

A slide is the ladder, the layer the step is about (both TCP state diagrams; or, for an HTTP
step, the message, cookie jar and sessions; or, for a step inside the server, the WSGI call
chain) and the explanation for one step, laid out as in the window. The same widget is
grabbed to PNG or painted into an SVG, so both exports show the same thing the learner sees.
Works without a display (QT_QPA_PLATFORM=offscreen).

Slides are always light (dark ink on white), whatever theme the window has: a teacher
projects and prints them. The slide gets ``palette.light_palette()`` before any view is
built, and the views pick their colours from the palette they inherit. The words are the
interface language's, as in the window.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from simulator.models.timeline.steps import Timeline
from simulator.ui.common import palette
from simulator.ui.http.http_panel import HttpPanel
from simulator.ui.tcp.explanation_panel import ExplanationPanel
from simulator.ui.tcp.ladder_view import LadderView
from simulator.ui.tcp.state_diagram_view import StateDiagramView
from simulator.ui.text.model_text import translate_text
from simulator.ui.wsgi.wsgi_panel import WsgiPanel

DEFAULT_SIZE = QSize(1600, 1000)


class ExportError(Exception):
    """The image could not be written (one line for the learner)."""


class SlideWidget(QWidget):
    """Ladder | the step's layer (state diagrams, HTTP or WSGI), explanation underneath."""

    def __init__(self, timeline: Timeline, index: int, relative: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Before the views are built: they inherit it, and pick their light colours from it.
        self.setPalette(palette.light_palette())
        self.setAutoFillBackground(True)
        outer = QVBoxLayout(self)
        position = self.tr("step {n} of {total}").format(n=index + 1, total=len(timeline))
        title = QLabel(f"<b>{escape(translate_text(timeline.title))}</b> — "
                       f"{escape(position)}", self)
        big = title.font()
        big.setPointSize(16)  # a font, not a style sheet: styled widgets ignore our palette
        title.setFont(big)
        outer.addWidget(title)
        row = QHBoxLayout()
        self.ladder = LadderView(self)
        self.ladder.set_relative_numbers(relative)
        self.ladder.set_timeline(timeline)
        self.ladder.set_cursor(index)
        row.addWidget(self.ladder, 3)
        step = timeline[index] if 0 <= index < len(timeline) else None
        self.layer: HttpPanel | WsgiPanel | None = None
        if step is not None and (step.wsgi is not None or step.http is not None):
            self.layer = WsgiPanel(self) if step.wsgi is not None else HttpPanel(self)
            self.layer.set_timeline(timeline)
            self.layer.set_cursor(index, 1.0)
        diagrams = QVBoxLayout()
        self.client_diagram = StateDiagramView("client", self)
        self.server_diagram = StateDiagramView("server", self)
        for diagram in (self.client_diagram, self.server_diagram):
            diagram.draw_as_vectors()  # (an SVG slide: shapes and text, not cached bitmaps)
            diagram.set_timeline(timeline)
            diagram.set_cursor(index)
            diagrams.addWidget(diagram)
        if self.layer is not None:  # the layer the step is about takes the diagrams' place
            self.client_diagram.hide()
            self.server_diagram.hide()
            row.addWidget(self.layer, 3)
        else:
            row.addLayout(diagrams, 2)
        outer.addLayout(row, 4)
        self.explanation = ExplanationPanel(self)
        self.explanation.set_relative_numbers(relative)  # as the ladder: one convention
        self.explanation.set_timeline(timeline)
        self.explanation.set_cursor(index)
        self.explanation.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.explanation, 2)


def _slide(timeline: Timeline, index: int, size: QSize, relative: bool) -> SlideWidget:
    if not 0 <= index < len(timeline):
        raise ExportError(QCoreApplication.translate(
            "Export", "step {index} is out of range: this timeline has steps 0 to {last}")
            .format(index=index, last=len(timeline) - 1))
    slide = SlideWidget(timeline, index, relative)
    slide.resize(size)
    layout = slide.layout()
    if layout is not None:
        layout.activate()  # lays the children out without showing a window
    QApplication.processEvents()
    for view in (slide.ladder, slide.client_diagram, slide.server_diagram):
        view.set_cursor(index)
    QApplication.processEvents()
    return slide


def _dispose(slide: QWidget) -> None:
    """Delete the slide now, so no Qt object outlives the QApplication at exit."""
    slide.close()
    shiboken6.delete(slide)


def export_png(timeline: Timeline, index: int, path: str | Path,
               size: QSize = DEFAULT_SIZE, relative: bool = True) -> Path:
    slide = _slide(timeline, index, size, relative)
    image = slide.grab()
    _dispose(slide)
    target = Path(path)
    if not image.save(str(target), "PNG"):
        raise ExportError(QCoreApplication.translate("Export", "could not write PNG to {path}")
                          .format(path=target))
    return target


def export_svg(timeline: Timeline, index: int, path: str | Path,
               size: QSize = DEFAULT_SIZE, relative: bool = True) -> Path:
    slide = _slide(timeline, index, size, relative)
    target = Path(path)
    if not target.parent.exists():
        _dispose(slide)
        raise ExportError(QCoreApplication.translate(
            "Export", "could not write SVG: folder {folder} does not exist")
            .format(folder=target.parent))
    generator = QSvgGenerator()
    generator.setFileName(str(target))
    generator.setSize(size)
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle(translate_text(timeline.title))
    generator.setDescription(QCoreApplication.translate(
        "Export", "Protocol Simulator, step {n} of {total}").format(n=index + 1,
                                                                    total=len(timeline)))
    slide.render(generator)
    _dispose(slide)
    if not target.exists():
        raise ExportError(QCoreApplication.translate("Export", "could not write SVG to {path}")
                          .format(path=target))
    return target
