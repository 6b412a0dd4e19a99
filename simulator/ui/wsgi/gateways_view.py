"""CGI vs FastCGI vs WSGI, side by side, following the cursor.

Theory of operation
-------------------
``wsgi_gateways.gateway_lesson`` describes one request handed to an application three ways,
stage by stage (``Stage``): CGI (RFC 3875) starts a new process per request and passes the
request as environment variables and stdin, the response on stdout; FastCGI keeps one
process alive and exchanges records over a socket; WSGI (PEP 3333) is a function call inside
one Python process. This view paints the three lanes next to each other at one stage:

* in each lane, the processes that exist (a CGI process appears — "new" — at START and is
  gone after FINISH; the FastCGI worker and the WSGI server are always there), the web server
  above the application, and the channel between them (environment + stdin, FastCGI records,
  a Python call) with what crosses it moving along the arrow as the step plays (``progress``):
  down when the request is handed over, up when the response comes back;
* under the diagram, what crosses, item by item (the FastCGI records with their 8-byte
  headers in hex, CGI's stdout as text), the action, why, and the reference;
* at the bottom, the six stages × three lanes as a grid, the current row highlighted — the
  whole lesson at a glance.

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

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from simulator.models.http.snapshot import Change
from simulator.models.replay.lazy_timeline import ReplayTimeline
from simulator.models.simulation.gateway_timeline import GatewayTimeline, lesson_for_chain, stage_at
from simulator.models.timeline.steps import Timeline
from simulator.models.wsgi.call_chain import CallChain
from simulator.models.wsgi.gateways import (
    Carried,
    Gateway,
    GatewayLesson,
    GatewayStep,
    Process,
    Stage,
    gateway_lesson,
)
from simulator.ui.common import palette
from simulator.ui.text.i18n import QT_TRANSLATE_NOOP, is_language_change
from simulator.ui.text.model_text import translate_text

SCAN_STEPS = 5000
SUBTITLE = {Gateway.CGI: QT_TRANSLATE_NOOP("GatewaysView", "a new process for every request"),
            Gateway.FASTCGI: QT_TRANSLATE_NOOP("GatewaysView",
                                               "one persistent process, records on a socket"),
            Gateway.WSGI: QT_TRANSLATE_NOOP("GatewaysView",
                                            "a Python function call in one process")}
LANE_TINT = {Gateway.CGI: palette.Shade(QColor("#fbe9e7"), QColor("#3e2723")),
             Gateway.FASTCGI: palette.Shade(QColor("#ede7f6"), QColor("#2a2140")),
             Gateway.WSGI: palette.Shade(QColor("#e8f5e9"), QColor("#1b3320"))}
DOWN = (Stage.HAND_OVER,)  # web server → application
UP = (Stage.RESPOND,)  # application → web server
MAX_ITEMS = 12  # lines of a text stream shown
STAGE_LABEL = {Stage.ARRIVES: QT_TRANSLATE_NOOP("GatewaysView", "1 request arrives"),
               Stage.START: QT_TRANSLATE_NOOP("GatewaysView", "2 app made ready"),
               Stage.HAND_OVER: QT_TRANSLATE_NOOP("GatewaysView", "3 request handed over"),
               Stage.RUN: QT_TRANSLATE_NOOP("GatewaysView", "4 app runs"),
               Stage.RESPOND: QT_TRANSLATE_NOOP("GatewaysView", "5 response comes back"),
               Stage.FINISH: QT_TRANSLATE_NOOP("GatewaysView", "6 afterwards")}
PAD = 8
WRAP = Qt.TextFlag.TextWordWrap


def _tr(text: str) -> str:
    """Only for strings already marked for lupdate (QT_TRANSLATE_NOOP above)."""
    return QCoreApplication.translate("GatewaysView", text)


def carried_text(item: Carried) -> str:
    """One line for what crosses: the label, and a peek at the bytes it carries."""
    data = item.data
    label = translate_text(item.label)
    if data is None or not data:
        return label
    if item.label.startswith("FCGI_"):
        return f"{label}  [{data[:8].hex(' ')} …]"
    text = data.decode("latin-1").replace("\r\n", "⏎ ").replace("\n", "⏎ ")
    return f"{label}: {text[:120]}{'…' if len(text) > 120 else ''}"


def carried_lines(carried: tuple[Carried, ...]) -> list[str]:
    """What crosses, as lines to print: FastCGI records one per line with their 8-byte header
    in hex; a stream of text (stdin, stdout, the body) as its own lines; the rest one each."""
    out: list[str] = []
    for item in carried:
        data = item.data
        if data and not item.label.startswith("FCGI_"):
            text = data.decode("latin-1").replace("\r\n", "\n")
            lines = text[:-1].split("\n") if text.endswith("\n") else text.split("\n")
            out.append(QCoreApplication.translate(
                "GatewaysView", "{label} ({n} bytes, ⏎ = line break):").format(
                label=translate_text(item.label), n=len(data)))
            out.extend(f"  {line}⏎" if i < len(lines) - 1 or text.endswith("\n") else f"  {line}"
                       for i, line in enumerate(lines[:MAX_ITEMS]))
        else:
            out.append(carried_text(item))
    return out


def first_chain(timeline: Timeline) -> CallChain | None:
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
        return [*self._headings(self._lesson), *(_tr(SUBTITLE[g]) for g in Gateway),
                *(_tr(STAGE_LABEL[s]) for s in Stage)]

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
        for i, gateway in enumerate(Gateway):
            rect = QRectF(PAD + i * (width + PAD), lanes_top, width, lanes_h)
            steps = lesson.lane(gateway)
            current = next((s for s in steps if s.stage is self._stage), None)
            self._lane(painter, rect, gateway, current, dark)
        self._grid(painter, QRectF(PAD, self.height() - grid_h - PAD, self.width() - 2 * PAD,
                                   grid_h), lesson, dark)

    def _lane(self, painter: QPainter, rect: QRectF, gateway: Gateway,
              step: GatewayStep | None, dark: bool) -> None:
        ink = self.palette().text().color()
        muted = palette.MUTED_INK.pick(dark)
        painter.setPen(QPen(muted, 1))
        painter.setBrush(LANE_TINT[gateway].pick(dark))
        painter.drawRoundedRect(rect, 8, 8)
        inner = rect.adjusted(PAD, PAD, -PAD, -PAD)
        painter.setPen(ink)
        painter.setFont(palette.font(16, bold=True))
        painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), 22),
                         Qt.AlignmentFlag.AlignLeft, gateway.value)
        painter.setFont(palette.font(11))
        painter.setPen(muted)
        painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), 22),
                         Qt.AlignmentFlag.AlignRight, gateway.reference)
        painter.drawText(QRectF(inner.left(), inner.top() + 22, inner.width(), 16),
                         Qt.AlignmentFlag.AlignLeft, _tr(SUBTITLE[gateway]))
        diagram = QRectF(inner.left(), inner.top() + 44, inner.width(), 190)
        processes = step.processes if step is not None else ()
        self._diagram(painter, diagram, gateway, step, processes, dark)
        text = QRectF(inner.left(), diagram.bottom() + 6, inner.width(),
                      inner.bottom() - diagram.bottom() - 6)
        self._details(painter, text, step, dark)

    def _box(self, painter: QPainter, rect: QRectF, title: str, note: str, fill: QColor,
             border: QColor, dashed: bool = False, width: float = 1.5) -> None:
        pen = QPen(border, width)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(self.palette().text().color())
        painter.setFont(palette.font(12, bold=True))
        painter.drawText(rect.adjusted(6, 2, -6, -rect.height() / 2),
                         Qt.AlignmentFlag.AlignCenter, title)
        painter.setFont(palette.font(11))
        painter.setPen(palette.MUTED_INK.pick(palette.is_dark(self.palette())))
        painter.drawText(rect.adjusted(6, rect.height() / 2 - 2, -6, -2),
                         Qt.AlignmentFlag.AlignCenter, note)

    def _diagram(self, painter: QPainter, area: QRectF, gateway: Gateway,
                 step: GatewayStep | None, processes: tuple[Process, ...], dark: bool) -> None:
        fill = self.palette().base().color()
        border = palette.MUTED_INK.pick(dark)
        active = step is not None
        stage = step.stage if step is not None else None
        server_box = QRectF(area.left() + 10, area.top() + 26, area.width() - 20, 42)
        app_box = QRectF(area.left() + 10, area.bottom() - 44, area.width() - 20, 42)
        # the client, above the server: the request arrives from there
        painter.setFont(palette.font(11))
        painter.setPen(palette.REQUEST_TINT.pick(dark))
        painter.drawText(QRectF(area.left(), area.top(), area.width(), 16),
                         Qt.AlignmentFlag.AlignCenter, self.tr("browser ⇅ TCP"))
        if gateway is Gateway.WSGI:
            # one process holds both: the server code and the app object
            frame = QRectF(area.left() + 2, server_box.top() - 6, area.width() - 4,
                           app_box.bottom() - server_box.top() + 12)
            painter.setPen(QPen(palette.SENT_INK.pick(dark), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(frame, 8, 8)
            name = translate_text(processes[0].name) if processes else self.tr("WSGI server")
            self._box(painter, server_box, self.tr("server code"), name, fill, border)
            self._box(painter, app_box, "app(environ, start_response)",
                      self.tr("the application object, already imported"), fill,
                      palette.HIGHLIGHT if stage is Stage.RUN else border,
                      width=3 if stage is Stage.RUN else 1.5)
        else:
            web = processes[0] if processes else Process(self.tr("web server"))
            self._box(painter, server_box, self.tr("web server"), translate_text(web.name),
                      fill, border)
            app = processes[1] if len(processes) > 1 else None
            if app is None:
                self._box(painter, app_box, self.tr("no application process"),
                          self.tr("(none running yet)"), fill, border, dashed=True)
            elif not app.alive:
                self._box(painter, app_box, f"✕ {translate_text(app.name)}", self.tr("exited"),
                          fill.darker(110), border, dashed=True)
            else:
                hot = app.new or stage is Stage.RUN
                note = self.tr("NEW process, just started") if app.new else (
                    self.tr("persistent: started once, before any request")
                    if gateway is Gateway.FASTCGI else self.tr("this request's own process"))
                self._box(painter, app_box, translate_text(app.name), note,
                          palette.CHANGE_FILL[Change.ADDED].pick(dark) if app.new
                          else fill, palette.HIGHLIGHT if hot else border,
                          width=3 if hot else 1.5)
        # the channel between server and app
        x = area.center().x()
        y0, y1 = server_box.bottom() + 2, app_box.top() - 2
        channel = step.channel if step is not None else ""
        moving = stage in DOWN or stage in UP
        pen = QPen(palette.HIGHLIGHT if moving else border, 2.5 if moving else 1.2)
        if not moving:
            pen.setStyle(Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, y0), QPointF(x, y1))
        if moving:
            tip = y1 if stage in DOWN else y0
            back = -8 if stage in DOWN else 8
            path = QPainterPath(QPointF(x, tip))
            path.lineTo(x - 6, tip + back)
            path.lineTo(x + 6, tip + back)
            path.closeSubpath()
            painter.fillPath(path, palette.HIGHLIGHT)
        painter.setFont(palette.font(11))
        painter.setPen(self.palette().text().color())
        label = QRectF(x + 8, y0, area.right() - x - 8, y1 - y0)
        painter.drawText(label, Qt.AlignmentFlag.AlignVCenter | WRAP,
                         translate_text(channel) if channel != "—" else "")
        if moving and step is not None and step.carried:
            t = self._progress if stage in DOWN else 1.0 - self._progress
            y = y0 + (y1 - y0) * t
            first = translate_text(step.carried[0].label)
            if len(step.carried) > 1:
                first = self.tr("{n} items: {first}").format(n=len(step.carried), first=first)
            metrics = QFontMetrics(palette.font(11))
            text = metrics.elidedText(first, Qt.TextElideMode.ElideRight,
                                      int(x - area.left() - 16))
            w = metrics.horizontalAdvance(text) + 10
            chip = QRectF(x - w - 4, y - 9, w, 18)
            painter.setPen(QPen(palette.HIGHLIGHT.darker(120), 1))
            painter.setBrush(palette.HIGHLIGHT_GLOW)
            painter.drawRoundedRect(chip, 4, 4)
            painter.setPen(self.palette().text().color())
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
        if stage is Stage.ARRIVES:
            painter.setPen(QPen(palette.REQUEST_TINT.pick(dark), 2.5))
            painter.drawLine(QPointF(x, area.top() + 16), QPointF(x, server_box.top()))
        if not active:
            painter.setPen(palette.MUTED_INK.pick(dark))

    def _details(self, painter: QPainter, area: QRectF, step: GatewayStep | None,
                 dark: bool) -> None:
        if step is None or area.height() < 20:
            return
        ink = self.palette().text().color()
        muted = palette.MUTED_INK.pick(dark)
        y = area.top()
        bold = palette.font(12, bold=True)
        painter.setFont(bold)
        painter.setPen(ink)
        action = f"{translate_text(step.actor)}: {translate_text(step.action)}"
        box = QFontMetrics(bold).boundingRect(QRectF(area.left(), y, area.width(), 200).toRect(),
                                              int(WRAP), action)
        painter.drawText(QRectF(area.left(), y, area.width(), box.height()), WRAP, action)
        y += box.height() + 4
        mono = palette.mono_font(11)
        metrics = QFontMetrics(mono)
        painter.setFont(mono)
        limit = area.bottom() - 48  # keep room for the explanation
        lines = carried_lines(step.carried)
        shown = 0
        for line in lines:
            if y + metrics.height() > limit:
                break
            painter.drawText(QRectF(area.left(), y, area.width(), metrics.height()),
                             Qt.AlignmentFlag.AlignLeft,
                             metrics.elidedText(line, Qt.TextElideMode.ElideRight,
                                                int(area.width())))
            y += metrics.height()
            shown += 1
        if shown < len(lines):
            painter.setPen(muted)
            painter.drawText(QRectF(area.left(), y, area.width(), metrics.height()),
                             Qt.AlignmentFlag.AlignLeft,
                             self.tr("… and {n} more lines").format(n=len(lines) - shown))
            y += metrics.height()
        y += 4
        small = palette.font(11)
        painter.setFont(small)
        painter.setPen(muted)
        why = f"{translate_text(step.explanation)} [{step.reference}]"
        painter.drawText(QRectF(area.left(), y, area.width(), max(area.bottom() - y, 0)),
                         WRAP, why)

    def _grid(self, painter: QPainter, area: QRectF, lesson: GatewayLesson,
              dark: bool) -> None:
        ink = self.palette().text().color()
        muted = palette.MUTED_INK.pick(dark)
        first = 160.0
        col = (area.width() - first) / 3
        painter.setFont(palette.font(11, bold=True))
        painter.setPen(ink)
        for i, gateway in enumerate(Gateway):
            painter.drawText(QRectF(area.left() + first + i * col, area.top(), col, 22),
                             Qt.AlignmentFlag.AlignCenter, gateway.value)
        for r, stage in enumerate(Stage):
            y = area.top() + 24 + r * 20
            current = stage is self._stage
            if current:
                painter.fillRect(QRectF(area.left(), y, area.width(), 20),
                                 palette.HIGHLIGHT_GLOW)
            row_font = palette.font(11, bold=current)
            metrics = QFontMetrics(row_font)
            painter.setFont(row_font)
            painter.setPen(ink if current else muted)
            painter.drawText(QRectF(area.left() + 4, y, first - 8, 20),
                             Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(_tr(STAGE_LABEL[stage]),
                                                Qt.TextElideMode.ElideRight, int(first - 8)))
            for i, step in enumerate(lesson.row(stage)):
                cell = QRectF(area.left() + first + i * col + 4, y, col - 8, 20)
                painter.drawText(cell, Qt.AlignmentFlag.AlignVCenter,
                                 metrics.elidedText(translate_text(step.action),
                                                    Qt.TextElideMode.ElideRight,
                                                    int(cell.width())))
