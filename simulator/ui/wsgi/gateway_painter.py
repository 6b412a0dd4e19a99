"""The painted lanes of the CGI / FastCGI / WSGI view, and the grid of the whole lesson.

``GatewayPainter`` paints one ``GatewayLesson`` at one stage, for ``GatewaysView``:

* in each lane, the processes that exist (a CGI process appears — "new" — at START and is
  gone after FINISH; the FastCGI worker and the WSGI server are always there), the web server
  above the application, and the channel between them (environment + stdin, FastCGI records,
  a Python call) with what crosses it moving along the arrow as the step plays (``progress``):
  down when the request is handed over, up when the response comes back;
* under the diagram, what crosses, item by item (the FastCGI records with their 8-byte
  headers in hex, CGI's stdout as text), the action, why, and the reference;
* at the bottom, the six stages × three lanes as a grid, the current row highlighted — the
  whole lesson at a glance.

Every size comes from the text size (``legibility``): the words are ``text_font`` fonts (the
body size, headings larger), and the boxes, rows and gaps are measured from those fonts'
metrics, so the whole picture grows with zoom and presentation mode instead of its words
shrinking into fixed boxes. Words are drawn through ``PaintedText``: whole lines, elided
with … rather than clipped, and the smallest size drawn is recorded for the view's
``rendered_text_px()``.

Its captions are translated as they are painted, in the view's context (``GatewaysView``);
what the lesson says comes from the model through ``translate_text``; bytes, record names and
references stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainterPath, QPalette, QPen

from simulator.models.http.snapshot import Change
from simulator.models.wsgi.gateways import Gateway, GatewayLesson, GatewayStep, Process, Stage
from simulator.ui.common import palette
from simulator.ui.common.legibility import text_font
from simulator.ui.text.model_text import translate_text
from simulator.ui.wsgi.gateway_captions import carried_lines, lane_subtitle, stage_caption
from simulator.ui.wsgi.painted_text import PaintedText, line_height, wrapped_height

LANE_TINT = {Gateway.CGI: palette.Shade(QColor("#fbe9e7"), QColor("#3e2723")),
             Gateway.FASTCGI: palette.Shade(QColor("#ede7f6"), QColor("#2a2140")),
             Gateway.WSGI: palette.Shade(QColor("#e8f5e9"), QColor("#1b3320"))}
DOWN = (Stage.HAND_OVER,)  # web server → application
UP = (Stage.RESPOND,)  # application → web server
PAD = 8
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter
DETAIL_LINES = 4  # lines of details a lane keeps before the grid gives up its place
SUBTITLE_LINES = 3  # a lane's subtitle wraps rather than elides, in a narrow tab


@dataclass(frozen=True)
class GatewayFonts:
    """The view's fonts at the current text size, and the heights measured from them."""

    heading: QFont  # the view's title
    lane: QFont  # a lane's name
    body: QFont
    bold: QFont
    mono: QFont  # bytes and records

    @classmethod
    def now(cls) -> GatewayFonts:
        return cls(text_font(1.3, bold=True), text_font(1.15, bold=True), text_font(),
                   text_font(bold=True), text_font(mono=True))

    @property
    def line(self) -> float:
        return line_height(self.body)

    @property
    def box(self) -> float:
        """A process box: its name (bold) over a note."""
        return line_height(self.bold) + self.line + 10

    @property
    def diagram(self) -> float:
        """Client label, server box, the channel (room for a three-line label), app box."""
        return (self.line + 8) + self.box + (3 * self.line + 8) + self.box + 6

    def advance(self, font: QFont, text: str) -> float:
        return QFontMetricsF(font).horizontalAdvance(text)


@dataclass(frozen=True)
class GatewayPainter:
    """Paints lanes and the stage grid through ``text`` (a ``PaintedText``), in the colours of
    the widget's palette, at ``stage`` with the step ``progress`` (0–1) done."""

    text: PaintedText
    widget_palette: QPalette
    dark: bool
    stage: Stage | None
    progress: float
    fonts: GatewayFonts

    @property
    def ink(self) -> QColor:
        return self.widget_palette.text().color()

    @property
    def muted(self) -> QColor:
        return palette.MUTED_INK.pick(self.dark)

    # ------------------------------------------------------------------ sizes
    def _reference_beside(self, width: float, gateway: Gateway) -> bool:
        """Whether the reference fits on the lane name's line."""
        f = self.fonts
        return (f.advance(f.lane, gateway.value) + f.advance(f.body, gateway.reference)
                + f.line <= width)

    def header_height(self, width: float, gateway: Gateway) -> float:
        """A lane's name, reference and subtitle, in a lane ``width`` wide."""
        f, inner = self.fonts, width - 2 * PAD
        height = line_height(f.lane) + (0 if self._reference_beside(inner, gateway) else f.line)
        return height + wrapped_height(lane_subtitle(gateway), f.body, inner, SUBTITLE_LINES) + 4

    def headers_height(self, width: float) -> float:
        """The tallest lane header, for lanes ``width`` wide: the diagrams start under it."""
        return max(self.header_height(width, g) for g in Gateway)

    def lane_needs(self, width: float) -> float:
        """The height a lane ``width`` wide needs for its header, diagram and a few lines."""
        return (self.headers_height(width) + self.fonts.diagram
                + DETAIL_LINES * self.fonts.line + 2 * PAD)

    def grid_height(self) -> float:
        return line_height(self.fonts.bold) + 4 + len(Stage) * self._grid_row()

    def _grid_row(self) -> float:
        return max(line_height(self.fonts.bold), self.fonts.line) + 6

    # ------------------------------------------------------------------ lane
    def lane(self, rect: QRectF, gateway: Gateway, step: GatewayStep | None,
             header: float = 0.0) -> None:
        """One gateway's lane: its name and reference, the diagram (``header`` below the top,
        so the three lanes' diagrams line up), then the details."""
        painter, f, text = self.text.painter, self.fonts, self.text
        painter.setPen(QPen(self.muted, 1))
        painter.setBrush(LANE_TINT[gateway].pick(self.dark))
        painter.drawRoundedRect(rect, 8, 8)
        inner = rect.adjusted(PAD, PAD, -PAD, -PAD)
        row = QRectF(inner.left(), inner.top(), inner.width(), line_height(f.lane))
        name_w = text.line(row, gateway.value, f.lane, self.ink)
        if self._reference_beside(inner.width(), gateway):
            text.line(row.adjusted(name_w + f.line, 0, 0, 0), gateway.reference, f.body,
                      self.muted, RIGHT)
            y = row.bottom()
        else:
            y = row.bottom()
            text.line(QRectF(inner.left(), y, inner.width(), f.line), gateway.reference,
                      f.body, self.muted)
            y += f.line
        y += text.wrapped(QRectF(inner.left(), y, inner.width(), SUBTITLE_LINES * f.line),
                          lane_subtitle(gateway), f.body, self.muted,
                          max_lines=SUBTITLE_LINES) + 4
        diagram = QRectF(inner.left(), max(y, inner.top() + header), inner.width(), f.diagram)
        processes = step.processes if step is not None else ()
        self._diagram(diagram, gateway, step, processes)
        self._details(QRectF(inner.left(), diagram.bottom() + 6, inner.width(),
                             inner.bottom() - diagram.bottom() - 6), step)

    def _box(self, rect: QRectF, title: str, note: str, fill: QColor, border: QColor,
             dashed: bool = False, width: float = 1.5) -> None:
        painter, f = self.text.painter, self.fonts
        pen = QPen(border, width)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 6, 6)
        inner = rect.adjusted(4, 4, -4, -4)
        title_h = line_height(f.bold)
        self.text.line(QRectF(inner.left(), inner.top(), inner.width(), title_h), title,
                       f.bold, self.ink, CENTRE)
        self.text.line(QRectF(inner.left(), inner.top() + title_h, inner.width(), f.line), note,
                       f.body, self.muted, CENTRE)

    def _diagram(self, area: QRectF, gateway: Gateway, step: GatewayStep | None,
                 processes: tuple[Process, ...]) -> None:
        dark, f = self.dark, self.fonts
        fill = self.widget_palette.base().color()
        border = palette.MUTED_INK.pick(dark)
        stage = step.stage if step is not None else None
        inset = max(4.0, min(10.0, area.width() * 0.05))  # narrow lanes keep room for names
        server_box = QRectF(area.left() + inset, area.top() + f.line + 8,
                            area.width() - 2 * inset, f.box)
        app_box = QRectF(area.left() + inset, area.bottom() - 6 - f.box,
                         area.width() - 2 * inset, f.box)
        # the client, above the server: the request arrives from there
        self.text.line(QRectF(area.left(), area.top(), area.width(), f.line),
                       QCoreApplication.translate("GatewaysView", "browser ⇅ TCP"), f.body,
                       palette.REQUEST_TINT.pick(dark), CENTRE)
        if gateway is Gateway.WSGI:
            self._wsgi_boxes(server_box, app_box, processes, stage, fill, border)
        else:
            self._process_boxes(server_box, app_box, gateway, processes, stage, fill, border)
        self._channel(area, server_box, app_box, step)

    def _wsgi_boxes(self, server_box: QRectF, app_box: QRectF, processes: tuple[Process, ...],
                    stage: Stage | None, fill: QColor, border: QColor) -> None:
        """One process holds both: the server code and the app object."""
        painter = self.text.painter
        frame = QRectF(server_box.left() - 3, server_box.top() - 6, server_box.width() + 6,
                       app_box.bottom() - server_box.top() + 12)
        painter.setPen(QPen(palette.SENT_INK.pick(self.dark), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(frame, 8, 8)
        name = (translate_text(processes[0].name) if processes
                else QCoreApplication.translate("GatewaysView", "WSGI server"))
        self._box(server_box, QCoreApplication.translate("GatewaysView", "server code"),
                  name, fill, border)
        self._box(app_box, "app(environ, start_response)",
                  QCoreApplication.translate("GatewaysView",
                                             "the application object, already imported"),
                  fill, palette.HIGHLIGHT if stage is Stage.RUN else border,
                  width=3 if stage is Stage.RUN else 1.5)

    def _process_boxes(self, server_box: QRectF, app_box: QRectF, gateway: Gateway,
                       processes: tuple[Process, ...], stage: Stage | None, fill: QColor,
                       border: QColor) -> None:
        """The web server, and the application's own process (if any runs)."""
        web = (processes[0] if processes
               else Process(QCoreApplication.translate("GatewaysView", "web server")))
        self._box(server_box, QCoreApplication.translate("GatewaysView", "web server"),
                  translate_text(web.name), fill, border)
        app = processes[1] if len(processes) > 1 else None
        if app is None:
            self._box(app_box, QCoreApplication.translate("GatewaysView",
                                                          "no application process"),
                      QCoreApplication.translate("GatewaysView", "(none running yet)"),
                      fill, border, dashed=True)
        elif not app.alive:
            self._box(app_box, f"✕ {translate_text(app.name)}",
                      QCoreApplication.translate("GatewaysView", "exited"),
                      fill.darker(110), border, dashed=True)
        else:
            hot = app.new or stage is Stage.RUN
            note = (QCoreApplication.translate("GatewaysView", "NEW process, just started")
                    if app.new else
                    QCoreApplication.translate(
                        "GatewaysView", "persistent: started once, before any request")
                    if gateway is Gateway.FASTCGI else
                    QCoreApplication.translate("GatewaysView", "this request's own process"))
            self._box(app_box, translate_text(app.name), note,
                      palette.CHANGE_FILL[Change.ADDED].pick(self.dark) if app.new else fill,
                      palette.HIGHLIGHT if hot else border, width=3 if hot else 1.5)

    def _channel(self, area: QRectF, server_box: QRectF, app_box: QRectF,
                 step: GatewayStep | None) -> None:
        """The channel between server and app, with what crosses it moving along."""
        painter, f, dark = self.text.painter, self.fonts, self.dark
        stage = step.stage if step is not None else None
        x = area.center().x()
        y0, y1 = server_box.bottom() + 2, app_box.top() - 2
        moving = stage in DOWN or stage in UP
        border = palette.MUTED_INK.pick(dark)
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
        channel = step.channel if step is not None else ""
        if channel and channel != "—":
            words = translate_text(channel)
            width = area.right() - x - 8
            height = min(wrapped_height(words, f.body, width), y1 - y0)
            self.text.wrapped(QRectF(x + 8, (y0 + y1 - height) / 2, width, height), words,
                              f.body, self.ink)
        if moving and step is not None and step.carried:
            t = self.progress if stage in DOWN else 1.0 - self.progress
            half = (f.line + 4) / 2  # the chip travels between the boxes, never over them
            y = y0 + half + max(y1 - y0 - 2 * half, 0.0) * t
            first = translate_text(step.carried[0].label)
            if len(step.carried) > 1:
                first = QCoreApplication.translate("GatewaysView", "{n} items: {first}").format(
                    n=len(step.carried), first=first)
            metrics = QFontMetricsF(f.body)
            shown = metrics.elidedText(first, Qt.TextElideMode.ElideRight,
                                       max(x - area.left() - 16, 0.0))
            w = metrics.horizontalAdvance(shown) + 10
            chip = QRectF(x - w - 4, y - half, w, 2 * half)
            painter.setPen(QPen(palette.HIGHLIGHT.darker(120), 1))
            painter.setBrush(palette.HIGHLIGHT_GLOW)
            painter.drawRoundedRect(chip, 4, 4)
            self.text.line(chip, shown, f.body, self.ink, CENTRE)
        if stage is Stage.ARRIVES:
            painter.setPen(QPen(palette.REQUEST_TINT.pick(dark), 2.5))
            painter.drawLine(QPointF(x, area.top() + f.line), QPointF(x, server_box.top()))

    def _details(self, area: QRectF, step: GatewayStep | None) -> None:
        """What the actor does, what crosses (line by line), and why — whole lines only."""
        f, text = self.fonts, self.text
        if step is None or area.height() < f.line:
            return
        y = area.top()
        action = f"{translate_text(step.actor)}: {translate_text(step.action)}"
        y += text.wrapped(QRectF(area.left(), y, area.width(), area.bottom() - y), action,
                          f.bold, self.ink, max_lines=3) + 4
        mono_h = line_height(f.mono)
        lines = carried_lines(step.carried)
        room = int(max(area.bottom() - 2 * f.line - 4 - y, 0.0) // mono_h)  # keep the "why"
        shown = lines if len(lines) <= room else lines[:max(room - 1, 0)]
        for line in shown:
            text.line(QRectF(area.left(), y, area.width(), mono_h), line, f.mono, self.ink)
            y += mono_h
        if len(shown) < len(lines) and room > 0:
            more = QCoreApplication.translate("GatewaysView", "… and {n} more lines").format(
                n=len(lines) - len(shown))
            text.line(QRectF(area.left(), y, area.width(), f.line), more, f.body, self.muted)
            y += f.line
        why = f"{translate_text(step.explanation)} [{translate_text(step.reference)}]"
        text.wrapped(QRectF(area.left(), y + 4, area.width(), area.bottom() - y - 4), why,
                     f.body, self.muted)

    # ------------------------------------------------------------------ grid
    def grid(self, area: QRectF, lesson: GatewayLesson) -> None:
        """The six stages × three lanes, one action per cell, the current stage highlighted."""
        painter, f, text = self.text.painter, self.fonts, self.text
        head = line_height(f.bold) + 4
        row_h = self._grid_row()
        first = min(max(f.advance(f.bold, stage_caption(s)) for s in Stage) + 12,
                    area.width() * 0.3)
        col = (area.width() - first) / 3
        for i, gateway in enumerate(Gateway):
            text.line(QRectF(area.left() + first + i * col, area.top(), col, head),
                      gateway.value, f.bold, self.ink, CENTRE)
        for r, stage in enumerate(Stage):
            y = area.top() + head + r * row_h
            current = stage is self.stage
            if current:
                painter.fillRect(QRectF(area.left(), y, area.width(), row_h),
                                 palette.HIGHLIGHT_GLOW)
            font = f.bold if current else f.body
            colour = self.ink if current else self.muted
            text.line(QRectF(area.left() + 4, y, first - 8, row_h), stage_caption(stage),
                      font, colour)
            for i, step in enumerate(lesson.row(stage)):
                text.line(QRectF(area.left() + first + i * col + 4, y, col - 8, row_h),
                          translate_text(step.action), font, colour)
