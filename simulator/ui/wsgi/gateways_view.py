"""CGI vs FastCGI vs WSGI, side by side, following the cursor.

Theory of operation
-------------------
``simulator.models.wsgi.gateways.gateway_lesson`` describes one request handed to an
application three ways, stage by stage (``Stage``): CGI (RFC 3875) starts a new process per
request and passes the request as environment variables and stdin, the response on stdout;
FastCGI keeps one process alive and exchanges records over a socket; WSGI (PEP 3333) is a
function call inside one Python process. This view paints the three lanes next to each other
at one stage, under a title and the stage's name: each lane's processes, the channel with
what crosses it moving as the step plays, the details under it, and the six stages × three
lanes as a grid at the bottom (``GatewayPainter`` paints them, ``gateway_captions`` words
them).

Its words are at least the body text size (``legibility``), the title larger, and every box
and row is measured from the fonts, so zoom and presentation mode enlarge the whole picture;
when the view is too short for the lanes and the grid, the grid gives way (the stage line
above the lanes still names the stage). ``rendered_text_px()`` reports the smallest size
drawn; ``minimumSizeHint`` grows with the text.

Which lesson and stage: a ``GatewayTimeline`` carries its lesson and stage per step; any WSGI
timeline (classic or live chain, all layers) is followed too, through ``stage_at`` (the
phase of the request in the server) and ``lesson_for_chain`` (the lesson for that very
request). The view keeps only what it was given.

The captions the view paints are translated when painted (context ``GatewaysView``); what the
lesson says (actors, actions, channels, explanations) comes from the model through
``translate_text``; bytes, record names and references stay as they are. A language change
repaints.
"""

from __future__ import annotations

import math
from itertools import islice

from PySide6.QtCore import QEvent, QRectF, QSize
from PySide6.QtGui import QFontMetricsF, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from simulator.models.replay.lazy_timeline import ReplayTimeline
from simulator.models.simulation.gateway_timeline import GatewayTimeline, lesson_for_chain, stage_at
from simulator.models.timeline.steps import Timeline
from simulator.models.wsgi.call_chain import CallChain
from simulator.models.wsgi.gateways import Gateway, GatewayLesson, Stage, gateway_lesson
from simulator.ui.common import palette
from simulator.ui.common.legibility import legibility
from simulator.ui.text.i18n import is_language_change
from simulator.ui.text.model_text import translate_text
from simulator.ui.wsgi.gateway_captions import carried_text, lane_subtitle, stage_caption
from simulator.ui.wsgi.gateway_painter import PAD, GatewayFonts, GatewayPainter
from simulator.ui.wsgi.painted_text import PaintedText, line_height

SCAN_STEPS = 5000


def first_chain(timeline: Timeline) -> CallChain | None:
    """The call chain of the first request the timeline serves, if any (looks at the first
    ``SCAN_STEPS`` steps)."""
    if isinstance(timeline, ReplayTimeline):
        return None  # a replayed capture has no server side (and builds steps on demand)
    for step in islice(timeline, SCAN_STEPS):
        if step.wsgi is not None:
            return step.wsgi.chain
    return None


class GatewaysView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._smallest = math.inf  # the smallest text the last paint drew (pixels)
        self._with_grid = False  # whether the last paint had room for the stage grid
        self._timeline: Timeline | None = None
        self._lesson: GatewayLesson | None = None
        self._default: GatewayLesson = gateway_lesson()  # for steps outside any chain
        self._lessons: dict[int, GatewayLesson] = {}  # by id(chain): built once per chain
        self._stage: Stage | None = None
        self._progress = 1.0
        self.set_lesson(gateway_lesson(), Stage.ARRIVES)
        legibility().changed.connect(self._on_text_size)

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.update()  # every caption is translated as it is painted
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(960, 720)

    # ------------------------------------------------------------------ timeline protocol
    def set_timeline(self, timeline: Timeline) -> None:
        self._timeline = timeline
        self._lessons.clear()
        if isinstance(timeline, GatewayTimeline) and timeline.lesson is not None:
            self._default = timeline.lesson
        else:
            chain = first_chain(timeline)
            self._default = self._lesson_for(chain) if chain is not None else gateway_lesson()
        self._lesson = self._default
        self._stage = None
        self.update()

    def set_cursor(self, index: int, progress: float = 1.0) -> None:
        timeline = self._timeline
        if timeline is None:
            return
        stage = stage_at(timeline, index)
        lesson = self._default
        if not isinstance(timeline, GatewayTimeline) and 0 <= index < len(timeline):
            snapshot = timeline[index].wsgi
            if snapshot is not None:  # the lesson for the request this step belongs to
                lesson = self._lesson_for(snapshot.chain)
        progress = max(0.0, min(progress, 1.0))
        if (stage, progress, lesson) == (self._stage, self._progress, self._lesson):
            return
        self._stage, self._progress, self._lesson = stage, progress, lesson
        self.update()

    def _lesson_for(self, chain: CallChain) -> GatewayLesson:
        lesson = self._lessons.get(id(chain))
        if lesson is None:
            lesson = self._lessons[id(chain)] = lesson_for_chain(chain)
        return lesson

    def set_lesson(self, lesson: GatewayLesson, stage: Stage | None = None,
                   progress: float = 1.0) -> None:
        """Show ``lesson`` at ``stage`` directly (exports, tests)."""
        self._default = lesson
        self._lesson, self._stage, self._progress = lesson, stage, progress
        self.update()

    @property
    def lesson(self) -> GatewayLesson | None:
        return self._lesson

    @property
    def stage(self) -> Stage | None:
        return self._stage

    def lane_texts(self) -> dict[Gateway, str]:
        """What each lane says at the current stage (tests, accessibility)."""
        if self._lesson is None or self._stage is None:
            return {}
        return {s.gateway: " | ".join([translate_text(s.actor), translate_text(s.action),
                                       translate_text(s.channel),
                                       *(carried_text(c) for c in s.carried)])
                for s in self._lesson.row(self._stage)}

    def _headings(self, lesson: GatewayLesson) -> tuple[str, str]:
        """The title line and the stage line painted on top."""
        title = self.tr("One request, three ways: {request}  →  {status}").format(
            request=lesson.request.request_line, status=lesson.response.status)
        stage = (self.tr("Step through: the three lanes move together, stage by stage.")
                 if self._stage is None else
                 self.tr("Stage {n} of {total}: {stage}").format(
                     n=list(Stage).index(self._stage) + 1, total=len(Stage),
                     stage=translate_text(self._stage.value)))
        return title, stage

    @property
    def shows_grid(self) -> bool:
        """Whether the last paint had room for the six stages × three lanes grid (tests)."""
        return self._with_grid

    def captions(self) -> list[str]:
        """The view's own painted words (tests, accessibility): the headings, each lane's
        subtitle and the grid's stage names, in the interface language."""
        if self._lesson is None:
            return []
        return [*self._headings(self._lesson), *(lane_subtitle(g) for g in Gateway),
                *(stage_caption(s) for s in Stage)]

    # ------------------------------------------------------------------ painting
    def _on_text_size(self) -> None:
        self.updateGeometry()
        self.update()

    def minimumSizeHint(self) -> QSize:
        """Three lanes of a dozen characters each, tall enough for their diagrams: the
        view's least, measured in its words' size (it grows with zoom)."""
        fonts = GatewayFonts.now()
        lane = 12 * QFontMetricsF(fonts.body).averageCharWidth() + 2 * PAD
        height = (2 * PAD + line_height(fonts.heading) + fonts.line + 6 + line_height(fonts.lane)
                  + 3 * fonts.line + fonts.diagram + 2 * PAD)
        return QSize(math.ceil(3 * lane + 4 * PAD), math.ceil(height))

    def rendered_text_px(self) -> float:
        """The smallest text the view draws at its size (pixels), painted offscreen to
        measure it: the convention of ``legibility.text_font``."""
        image = QImage(self.size().expandedTo(QSize(1, 1)), QImage.Format.Format_ARGB32)
        self.render(image)
        return self._smallest

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dark = palette.is_dark(self.palette())
        painter.fillRect(self.rect(), self.palette().base())
        lesson = self._lesson
        if lesson is None:
            return
        fonts = GatewayFonts.now()
        text = PaintedText(painter)
        width = self.width() - 2 * PAD
        title, stage_text = self._headings(lesson)
        y = PAD + text.wrapped(QRectF(PAD, PAD, width, 2 * line_height(fonts.heading)), title,
                               fonts.heading, self.palette().text().color(), max_lines=2)
        y += text.wrapped(QRectF(PAD, y, width, 2 * fonts.line), stage_text, fonts.body,
                          palette.MUTED_INK.pick(dark), max_lines=2) + 6
        lanes = GatewayPainter(text, self.palette(), dark, self._stage, self._progress, fonts)
        lane_w = (self.width() - 4 * PAD) / 3
        room = self.height() - y - PAD
        grid_h = lanes.grid_height() + PAD
        with_grid = room - grid_h >= lanes.lane_needs(lane_w)  # else the lanes keep it all
        lanes_h = room - grid_h if with_grid else room
        header = lanes.headers_height(lane_w)
        for i, gateway in enumerate(Gateway):
            rect = QRectF(PAD + i * (lane_w + PAD), y, lane_w, lanes_h)
            current = next((s for s in lesson.lane(gateway) if s.stage is self._stage), None)
            lanes.lane(rect, gateway, current, header)
        if with_grid:
            lanes.grid(QRectF(PAD, self.height() - grid_h, width, grid_h - PAD), lesson)
        self._smallest, self._with_grid = text.smallest, with_grid
