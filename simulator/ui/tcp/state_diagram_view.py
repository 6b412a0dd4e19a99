"""One endpoint's TCP state diagram, drawn from the transition table (RFC 9293 §3.3.2), legible
at the size the stage gives it.

Theory of operation
-------------------
The boxes are the eleven states, placed as in RFC 9293 figure 5 (``state_diagram_layout``).
The arcs are read from the transition table, one per (state, next) pair
(``state_diagram_arcs``), so the picture cannot disagree with the model; arcs that are only
resets, ABORTs or user timeouts into CLOSED are short dashed stubs ending in a "◉" (CLOSED),
and hovering any arc lists its rows.

The view never scales its scene (``state_diagram_scene``): the figure is laid out in view
pixels with text at ``legibility().text_px()`` (the smallest text a class can read; it follows
zoom and presentation mode through ``changed``), larger for the current state and the
transition just taken (``state_diagram_focus`` gives every box and arc its role at the step).
The figure spreads out to fill a large view, its text grown a little; in a small one it is
packed, and when even packed it does not fit, the view pans smoothly to keep the current
state, the transition just taken and as much of their neighbourhood as fits in sight, rather
than shrinking text. Only the transition just taken and the current state's outgoing arcs
(where a label fits beside its own arc) are labelled; the other arcs recede, unlabelled, and
list their rows when hovered.

A header strip names the endpoint and says what happened at the step (the caption); a footer
with the legend is shown when there is room. ``set_cursor(i, progress)`` moves the focus to
step i; a dot travels along the arc taken, driven by ``progress`` during playback or by a
short animation when the learner steps; a transition that keeps the state (a retransmission,
data) makes the box pulse instead. Colours are picked when painting (``palette.look_for``);
words are the interface language's, and a language change re-words and re-lays the scene.
"""

from __future__ import annotations

import math

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QPoint,
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    QVariantAnimation,
)
from PySide6.QtGui import QBrush, QPainter, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QWidget

from simulator.models.tcp.states import TcpState
from simulator.models.timeline.steps import Timeline
from simulator.ui.common import palette
from simulator.ui.common.legibility import legibility
from simulator.ui.tcp.state_diagram_arcs import event_text, row_text
from simulator.ui.tcp.state_diagram_focus import Focus, focus_at, pan_origin
from simulator.ui.tcp.state_diagram_items import ArcItem, ArcLabelItem, StateBoxItem
from simulator.ui.tcp.state_diagram_scene import DiagramScene
from simulator.ui.text.i18n import is_language_change
from simulator.ui.text.model_text import model_tr

S = TcpState


class StateDiagramView(QGraphicsView):
    """RFC 9293's state diagram for one endpoint, putting forward where it is at the cursor."""

    ANIMATION_MS = 450
    PAN_MS = 350

    def __init__(self, endpoint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if endpoint not in ("client", "server"):
            raise ValueError(f"endpoint must be 'client' or 'server', not {endpoint!r}")
        self.endpoint = endpoint
        self._scene = DiagramScene(self)
        self.setScene(self._scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # the header and footer move as the view pans: repaint whole, never scroll pixels
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setMinimumSize(360, 150)
        self._timeline: Timeline | None = None
        self._index = -1
        self._progress = 1.0
        self._focus = Focus(S.CLOSED, S.CLOSED.name)
        self._laid_out_for: Timeline | None = None  # the timeline show_focus last drew
        self._layout_key: tuple[object, ...] | None = None  # what the last layout was for
        self._title_text = self._caption_text = self._legend_text = self._subtitle_text = ""
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setDuration(self.ANIMATION_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self._animation.valueChanged.connect(self._on_animation)
        self._pan = QVariantAnimation(self)
        self._pan.setDuration(self.PAN_MS)
        self._pan.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._pan.valueChanged.connect(self._scroll_to)
        legibility().changed.connect(self._on_legibility)
        self._apply_theme()
        self.retranslate()

    # ------------------------------------------------------------------ public API

    def set_timeline(self, timeline: Timeline) -> None:
        self._timeline = timeline
        self._animation.stop()
        self._index = -2
        self.set_cursor(len(timeline) - 1 if timeline.steps else -1)

    def set_cursor(self, index: int, progress: float = 1.0) -> None:
        if self._timeline is None:
            return
        index = max(-1, min(index, len(self._timeline) - 1))
        progress = min(1.0, max(0.0, progress))
        moved = index != self._index
        was_driven = not moved and self._progress < 1.0
        self._index, self._progress = index, progress
        if moved:
            focus = focus_at(self._timeline, index, self.endpoint)
            caption = self._caption_for(focus)
            if self._laid_out_for is not self._timeline or (focus, caption) != (
                    self._focus, self._caption_text):
                # (the same look at another step, e.g. data in ESTABLISHED: nothing to lay out)
                self._focus, self._caption_text = focus, caption
                self._laid_out_for = self._timeline
                self._relayout(animate=True)
        if progress < 1.0 or was_driven or not moved or not self.isVisible():
            self._animation.stop()
            self._apply(progress if progress < 1.0 else None)
        else:  # a step taken by hand: animate it briefly
            self._apply(0.0)
            self._animation.start()

    def current_state(self) -> TcpState:
        return self._focus.state

    def highlighted_arcs(self) -> list[tuple[TcpState, TcpState]]:
        return list(self._focus.taken)

    def arc_keys(self) -> set[tuple[TcpState, TcpState]]:
        """Every (state, next) pair drawn, one item each (for tests)."""
        return set(self._scene.arcs)

    def arc_item(self, state: TcpState, nxt: TcpState) -> ArcItem:
        return self._scene.arcs[(state, nxt)]

    def arc_label_item(self, state: TcpState, nxt: TcpState) -> ArcLabelItem:
        return self._scene.labels[(state, nxt)]

    def box_item(self, key: str) -> StateBoxItem:
        return self._scene.boxes[key]

    def highlighted_box_keys(self) -> list[str]:
        return [k for k, box in self._scene.boxes.items() if box.is_current]

    def caption(self) -> str:
        return self._caption_text

    def title(self) -> str:
        return self._title_text

    def legend(self) -> str:
        return self._legend_text

    def legend_shown(self) -> bool:
        return self._scene.footer.isVisible()

    def header_height(self) -> float:
        """The band at the top of the view that the title and caption cover."""
        return self._scene.header.height()

    def text_pixel_sizes(self) -> list[int]:
        """The pixel size of every text drawn now (the scene's: the view does not scale)."""
        return self._scene.text_pixel_sizes()

    def rendered_text_px(self) -> float:
        """The smallest text drawn, in screen pixels (the convention of
        ``legibility.text_font``: scene size times the view's scale, here 1)."""
        return min(self.text_pixel_sizes(), default=0.0) * self.transform().m11()

    def visible_figure(self) -> QRectF:
        """The part of the scene in sight below the header (and above a shown footer)."""
        top_left = self.mapToScene(QPoint(0, 0))
        port = self.viewport().size()
        footer = self._scene.footer
        below = footer.height() if footer.isVisible() else 0.0
        header = self._scene.header.height()
        return QRectF(top_left.x(), top_left.y() + header, port.width(),
                      port.height() - header - below)

    def draw_as_vectors(self) -> None:
        """Paint every item itself instead of from its cached picture (``state_diagram_items``):
        for a slide rendered into an SVG, whose boxes, labels and arcs must stay shapes and
        text, not embedded bitmaps."""
        for item in self._scene.items():
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)

    def settle(self) -> None:
        """Finish any animation now (the dot, the pan): for exports and tests."""
        self._animation.stop()
        self._apply(None)
        if self._pan.state() == QVariantAnimation.State.Running:
            end = self._pan.endValue()
            self._pan.stop()
            self._scroll_to(end)

    def retranslate(self) -> None:
        """Re-word the title, legend, caption and labels in the interface language, and lay
        the figure out again (labels are sized to their words)."""
        self._title_text = self.tr("Client") if self.endpoint == "client" else self.tr("Server")
        self._subtitle_text = self.tr("TCP states, RFC 9293 §3.3.2")
        self._legend_text = self.tr("- - ◉  to CLOSED on rcv RST, ABORT or user timeout")
        self._caption_text = self._caption_for(self._focus)
        self.setToolTip(f"{self._subtitle_text}\n{self._legend_text}")
        for arc in self._scene.arcs.values():
            arc.set_tooltip_rows()
        self._relayout(animate=False, refit=True)

    def sizeHint(self) -> QSize:
        return QSize(560, 260)

    def minimumSizeHint(self) -> QSize:
        return self.minimumSize()

    # ------------------------------------------------------------------ layout

    def _on_legibility(self) -> None:
        self._relayout(animate=False, refit=True)

    def _relayout(self, animate: bool, refit: bool = False) -> None:
        """Fit the figure to the viewport (when its size or the text size changed), put it in
        the look of the focus, and pan to the focus."""
        port = self.viewport().size()
        # The same size, text size, focus and words as the last layout (a window settling
        # sends several resize and show events alike): nothing would change.
        key = (port.width(), port.height(), legibility().text_px(), self._focus,
               self._title_text, self._caption_text, self._subtitle_text, self._legend_text)
        if not refit and key == self._layout_key:
            return
        self._layout_key = key
        scene = self._scene
        scene.fit_to(QSizeF(port.width(), port.height()), legibility().text_px(), refit)
        scene.set_strips(self._title_text, self._caption_text, self._subtitle_text,
                         self._legend_text, port.width())
        scene.show_focus(self._focus)
        self._follow_scroll()
        self._pan_to_focus(animate)

    def _follow_scroll(self) -> None:
        self._scene.follow(self.mapToScene(QPoint(0, 0)), self.viewport().height())

    # ------------------------------------------------------------------ panning

    def _pan_to_focus(self, animate: bool) -> None:
        scene = self._scene
        assert scene.fit is not None
        header = scene.header.height()
        if scene.fit.fits:
            target = QPointF(0, header)
        else:
            musts, wants = scene.pan_goals(self._focus)
            target = pan_origin(self.visible_figure(), scene.figure_area(), musts, wants,
                                scene.row_gaps())
        goal = QPointF(target.x(), target.y() - header)
        here = self.mapToScene(QPoint(0, 0))
        self._pan.stop()
        if not animate or not self.isVisible() or (goal - here).manhattanLength() < 1:
            self._scroll_to(goal)
            return
        self._pan.setStartValue(QPointF(here))
        self._pan.setEndValue(goal)
        self._pan.start()

    def _scroll_to(self, value: object) -> None:
        if isinstance(value, QPointF):
            self.horizontalScrollBar().setValue(round(value.x()))
            self.verticalScrollBar().setValue(round(value.y()))
            self._follow_scroll()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._follow_scroll()

    # ------------------------------------------------------------------ cursor

    def _apply(self, dot: float | None) -> None:
        """The dot along the arc taken, and the pulse of a box whose state a transition kept."""
        focus = self._focus
        pulse = 0.0
        if focus.kept:
            pulse = math.sin(math.pi * dot) if dot is not None else 0.35
        for key, box in self._scene.boxes.items():
            pulses = box.state in focus.kept and (box.state is not S.CLOSED
                                                  or key == focus.current_key)
            box.set_look(box.role, pulse if pulses else 0.0)
        for pair, arc in self._scene.arcs.items():
            arc.set_look(arc.role, dot if pair in focus.taken else None)

    def _caption_for(self, focus: Focus) -> str:
        rows = list(focus.rows)
        if self._timeline is None or self._index < 0:
            return ""
        if not rows:
            return self.tr("waiting in {state}").format(state=focus.state.rfc_name)
        parts = []
        for row in rows:
            what = row_text(row)
            if row.error:
                parts.append(self.tr("{event} refused: {error}").format(
                    event=event_text(row.event), error=model_tr(row.error)))
            elif row.changes_state:
                parts.append(self.tr("{event}: {state} → {next}").format(
                    event=what, state=row.state.rfc_name, next=row.next.rfc_name))
            else:
                parts.append(self.tr("{event} (stays {state})").format(
                    event=what, state=row.state.rfc_name))
        return self.tr("; ").join(parts)

    def _on_animation(self, value: object) -> None:
        t = float(value) if isinstance(value, (int, float)) else 1.0
        self._apply(t if t < 1.0 else None)

    # ------------------------------------------------------------------ Qt events

    def _apply_theme(self) -> None:
        look = palette.look(palette.is_dark(self.palette()))
        self.setBackgroundBrush(QBrush(look.background))
        for item in self._scene.items():  # drop the pictures cached in the old colours
            item.update()
        self.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_theme()
        elif is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout(animate=False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._apply_theme()
        self._relayout(animate=False)
