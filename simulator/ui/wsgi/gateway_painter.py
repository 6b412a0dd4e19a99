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

Its captions are translated as they are painted, in the view's context (``GatewaysView``);
what the lesson says comes from the model through ``translate_text``; bytes, record names and
references stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPalette, QPen

from simulator.models.http.snapshot import Change
from simulator.models.wsgi.gateways import Gateway, GatewayLesson, GatewayStep, Process, Stage
from simulator.ui.common import palette
from simulator.ui.text.model_text import translate_text
from simulator.ui.wsgi.gateway_captions import carried_lines, lane_subtitle, stage_caption

LANE_TINT = {Gateway.CGI: palette.Shade(QColor("#fbe9e7"), QColor("#3e2723")),
             Gateway.FASTCGI: palette.Shade(QColor("#ede7f6"), QColor("#2a2140")),
             Gateway.WSGI: palette.Shade(QColor("#e8f5e9"), QColor("#1b3320"))}
DOWN = (Stage.HAND_OVER,)  # web server → application
UP = (Stage.RESPOND,)  # application → web server
PAD = 8
WRAP = Qt.TextFlag.TextWordWrap


@dataclass(frozen=True)
class GatewayPainter:
    """Paints lanes and the stage grid with ``painter``, in the colours of the widget's
    palette, at ``stage`` with the step ``progress`` (0–1) done."""

    painter: QPainter
    widget_palette: QPalette
    dark: bool
    stage: Stage | None
    progress: float

    def lane(self, rect: QRectF, gateway: Gateway, step: GatewayStep | None) -> None:
        """One gateway's lane: its name and reference, the diagram, then the details."""
        painter, dark = self.painter, self.dark
        ink = self.widget_palette.text().color()
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
                         Qt.AlignmentFlag.AlignLeft, lane_subtitle(gateway))
        diagram = QRectF(inner.left(), inner.top() + 44, inner.width(), 190)
        processes = step.processes if step is not None else ()
        self._diagram(diagram, gateway, step, processes)
        text = QRectF(inner.left(), diagram.bottom() + 6, inner.width(),
                      inner.bottom() - diagram.bottom() - 6)
        self._details(text, step)

    def grid(self, area: QRectF, lesson: GatewayLesson) -> None:
        """The six stages × three lanes, one action per cell, the current stage highlighted."""
        painter = self.painter
        ink = self.widget_palette.text().color()
        muted = palette.MUTED_INK.pick(self.dark)
        first = 160.0
        col = (area.width() - first) / 3
        painter.setFont(palette.font(11, bold=True))
        painter.setPen(ink)
        for i, gateway in enumerate(Gateway):
            painter.drawText(QRectF(area.left() + first + i * col, area.top(), col, 22),
                             Qt.AlignmentFlag.AlignCenter, gateway.value)
        for r, stage in enumerate(Stage):
            y = area.top() + 24 + r * 20
            current = stage is self.stage
            if current:
                painter.fillRect(QRectF(area.left(), y, area.width(), 20),
                                 palette.HIGHLIGHT_GLOW)
            row_font = palette.font(11, bold=current)
            metrics = QFontMetrics(row_font)
            painter.setFont(row_font)
            painter.setPen(ink if current else muted)
            painter.drawText(QRectF(area.left() + 4, y, first - 8, 20),
                             Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(stage_caption(stage),
                                                Qt.TextElideMode.ElideRight, int(first - 8)))
            for i, step in enumerate(lesson.row(stage)):
                cell = QRectF(area.left() + first + i * col + 4, y, col - 8, 20)
                painter.drawText(cell, Qt.AlignmentFlag.AlignVCenter,
                                 metrics.elidedText(translate_text(step.action),
                                                    Qt.TextElideMode.ElideRight,
                                                    int(cell.width())))

    def _box(self, rect: QRectF, title: str, note: str, fill: QColor, border: QColor,
             dashed: bool = False, width: float = 1.5) -> None:
        painter = self.painter
        pen = QPen(border, width)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(self.widget_palette.text().color())
        painter.setFont(palette.font(12, bold=True))
        painter.drawText(rect.adjusted(6, 2, -6, -rect.height() / 2),
                         Qt.AlignmentFlag.AlignCenter, title)
        painter.setFont(palette.font(11))
        painter.setPen(palette.MUTED_INK.pick(self.dark))
        painter.drawText(rect.adjusted(6, rect.height() / 2 - 2, -6, -2),
                         Qt.AlignmentFlag.AlignCenter, note)

    def _diagram(self, area: QRectF, gateway: Gateway, step: GatewayStep | None,
                 processes: tuple[Process, ...]) -> None:
        painter, dark = self.painter, self.dark
        fill = self.widget_palette.base().color()
        border = palette.MUTED_INK.pick(dark)
        active = step is not None
        stage = step.stage if step is not None else None
        server_box = QRectF(area.left() + 10, area.top() + 26, area.width() - 20, 42)
        app_box = QRectF(area.left() + 10, area.bottom() - 44, area.width() - 20, 42)
        # the client, above the server: the request arrives from there
        painter.setFont(palette.font(11))
        painter.setPen(palette.REQUEST_TINT.pick(dark))
        painter.drawText(QRectF(area.left(), area.top(), area.width(), 16),
                         Qt.AlignmentFlag.AlignCenter,
                         QCoreApplication.translate("GatewaysView", "browser ⇅ TCP"))
        if gateway is Gateway.WSGI:
            # one process holds both: the server code and the app object
            frame = QRectF(area.left() + 2, server_box.top() - 6, area.width() - 4,
                           app_box.bottom() - server_box.top() + 12)
            painter.setPen(QPen(palette.SENT_INK.pick(dark), 2))
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
        else:
            web = (processes[0] if processes
                   else Process(QCoreApplication.translate("GatewaysView", "web server")))
            self._box(server_box, QCoreApplication.translate("GatewaysView", "web server"),
                      translate_text(web.name), fill, border)
            app = processes[1] if len(processes) > 1 else None
            if app is None:
                self._box(app_box,
                          QCoreApplication.translate("GatewaysView", "no application process"),
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
        painter.setPen(self.widget_palette.text().color())
        label = QRectF(x + 8, y0, area.right() - x - 8, y1 - y0)
        painter.drawText(label, Qt.AlignmentFlag.AlignVCenter | WRAP,
                         translate_text(channel) if channel != "—" else "")
        if moving and step is not None and step.carried:
            t = self.progress if stage in DOWN else 1.0 - self.progress
            y = y0 + (y1 - y0) * t
            first = translate_text(step.carried[0].label)
            if len(step.carried) > 1:
                first = QCoreApplication.translate("GatewaysView", "{n} items: {first}").format(
                    n=len(step.carried), first=first)
            metrics = QFontMetrics(palette.font(11))
            text = metrics.elidedText(first, Qt.TextElideMode.ElideRight,
                                      int(x - area.left() - 16))
            w = metrics.horizontalAdvance(text) + 10
            chip = QRectF(x - w - 4, y - 9, w, 18)
            painter.setPen(QPen(palette.HIGHLIGHT.darker(120), 1))
            painter.setBrush(palette.HIGHLIGHT_GLOW)
            painter.drawRoundedRect(chip, 4, 4)
            painter.setPen(self.widget_palette.text().color())
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
        if stage is Stage.ARRIVES:
            painter.setPen(QPen(palette.REQUEST_TINT.pick(dark), 2.5))
            painter.drawLine(QPointF(x, area.top() + 16), QPointF(x, server_box.top()))
        if not active:
            painter.setPen(palette.MUTED_INK.pick(dark))

    def _details(self, area: QRectF, step: GatewayStep | None) -> None:
        if step is None or area.height() < 20:
            return
        painter = self.painter
        ink = self.widget_palette.text().color()
        muted = palette.MUTED_INK.pick(self.dark)
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
                             QCoreApplication.translate("GatewaysView", "… and {n} more lines"
                                                        ).format(n=len(lines) - shown))
            y += metrics.height()
        y += 4
        small = palette.font(11)
        painter.setFont(small)
        painter.setPen(muted)
        why = f"{translate_text(step.explanation)} [{step.reference}]"
        painter.drawText(QRectF(area.left(), y, area.width(), max(area.bottom() - y, 0)),
                         WRAP, why)
