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

from itertools import islice

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from simulator.models.replay.lazy_timeline import ReplayTimeline
from simulator.models.simulation.gateway_timeline import GatewayTimeline, lesson_for_chain, stage_at
from simulator.models.timeline.steps import Timeline
from simulator.models.wsgi.call_chain import CallChain
from simulator.models.wsgi.gateways import Gateway, GatewayLesson, Stage, gateway_lesson
from simulator.ui.common import palette
from simulator.ui.text.i18n import is_language_change
from simulator.ui.text.model_text import translate_text
from simulator.ui.wsgi.gateway_captions import carried_text, lane_subtitle, stage_caption
from simulator.ui.wsgi.gateway_painter import PAD, GatewayPainter

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
        self.setMinimumSize(300, 300)  # lanes squeeze (text elides) in a narrow tab
        self._timeline: Timeline | None = None
        self._lesson: GatewayLesson | None = None
        self._default: GatewayLesson = gateway_lesson()  # for steps outside any chain
        self._lessons: dict[int, GatewayLesson] = {}  # by id(chain): built once per chain
        self._stage: Stage | None = None
        self._progress = 1.0
        self.set_lesson(gateway_lesson(), Stage.ARRIVES)

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

    def captions(self) -> list[str]:
        """The view's own painted words (tests, accessibility): the headings, each lane's
        subtitle and the grid's stage names, in the interface language."""
        if self._lesson is None:
            return []
        return [*self._headings(self._lesson), *(lane_subtitle(g) for g in Gateway),
                *(stage_caption(s) for s in Stage)]

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dark = palette.is_dark(self.palette())
        painter.fillRect(self.rect(), self.palette().base())
        lesson = self._lesson
        if lesson is None:
            return
        ink = self.palette().text().color()
        muted = palette.MUTED_INK.pick(dark)
        title_font = palette.font(15, bold=True)
        painter.setFont(title_font)
        painter.setPen(ink)
        top = QRectF(PAD, PAD, self.width() - 2 * PAD, 22)
        title, stage_text = self._headings(lesson)
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(palette.font(12))
        painter.setPen(muted)
        painter.drawText(QRectF(PAD, PAD + 22, self.width() - 2 * PAD, 18),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, stage_text)
        grid_h = 26 + 20 * len(Stage)
        lanes_top = PAD + 46
        lanes_h = self.height() - lanes_top - grid_h - 2 * PAD
        width = (self.width() - 4 * PAD) / 3
        lanes = GatewayPainter(painter, self.palette(), dark, self._stage, self._progress)
        for i, gateway in enumerate(Gateway):
            rect = QRectF(PAD + i * (width + PAD), lanes_top, width, lanes_h)
            steps = lesson.lane(gateway)
            current = next((s for s in steps if s.stage is self._stage), None)
            lanes.lane(rect, gateway, current)
        lanes.grid(QRectF(PAD, self.height() - grid_h - PAD, self.width() - 2 * PAD, grid_h),
                   lesson)
