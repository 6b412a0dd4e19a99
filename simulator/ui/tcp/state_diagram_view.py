"""One endpoint's TCP state diagram, drawn from the transition table (RFC 9293 §3.3.2).

Theory of operation
-------------------
The boxes are the eleven states, placed as in RFC 9293 figure 5 (``state_diagram_layout``).
The arcs are read from the transition table, one per (state, next) pair
(``state_diagram_arcs``), so the picture cannot disagree with the model; arcs that are only
resets, ABORTs or user timeouts into CLOSED are short dashed stubs ending in a "◉" (CLOSED),
and hovering one lists its rows. ``state_diagram_items`` draws each box, arc and label.

``set_cursor(i, progress)`` highlights the endpoint's state at step i and the arcs of the
transitions it took at that step; a dot travels along them, driven by ``progress`` during
playback or by a short animation when the learner steps. A transition that keeps the state
(a retransmission, data) makes the box pulse instead.

The boxes, arcs and labels pick their colours from the view's palette when painted
(``palette.look_for``); the view resets its background and captions on a palette change.
Words (title, legend, caption, the "or" of arc labels) are the interface language's; state
names and the RFC figure's event vocabulary ("rcv SYN", "snd ACK") stay as the RFC writes
them. On a language change the view rebuilds its scene, since label boxes are sized to
their text.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEasingCurve, QEvent, QPointF, Qt, QVariantAnimation
from PySide6.QtGui import QBrush, QPainter, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView, QWidget

from simulator.models.tcp.states import TcpState
from simulator.models.tcp.table import Transition
from simulator.models.timeline.columns import initial_state
from simulator.models.timeline.steps import Timeline
from simulator.ui.common import palette
from simulator.ui.tcp.state_diagram_arcs import arc_label, drawn_as_stub, row_text, table_arcs
from simulator.ui.tcp.state_diagram_items import ArcItem, ArcLabelItem, StateBoxItem
from simulator.ui.tcp.state_diagram_layout import (
    BOTTOM_CLOSED,
    LAYOUT,
    SCENE_RECT,
    arc_layout,
    arc_path,
    box_key,
    stub_path,
)
from simulator.ui.text.i18n import is_language_change
from simulator.ui.text.model_text import model_tr

S = TcpState


class StateDiagramView(QGraphicsView):
    """RFC 9293's state diagram for one endpoint, highlighting where it is at the cursor."""

    ANIMATION_MS = 450

    def __init__(self, endpoint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if endpoint not in ("client", "server"):
            raise ValueError(f"endpoint must be 'client' or 'server', not {endpoint!r}")
        self.endpoint = endpoint
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumSize(220, 200)
        self._timeline: Timeline | None = None
        self._index = -1
        self._progress = 1.0
        self._boxes: dict[str, StateBoxItem] = {}
        self._arcs: dict[tuple[TcpState, TcpState], ArcItem] = {}
        self._labels: dict[tuple[TcpState, TcpState], ArcLabelItem] = {}
        self._title = QGraphicsSimpleTextItem()
        self._subtitle = QGraphicsSimpleTextItem()
        self._caption = QGraphicsSimpleTextItem()
        self._legend = QGraphicsSimpleTextItem()
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setDuration(self.ANIMATION_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self._animation.valueChanged.connect(self._on_animation)
        self._build_scene()
        self._apply_theme()

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
        if progress < 1.0 or was_driven or not moved or not self.isVisible():
            self._animation.stop()
            self._apply(progress if progress < 1.0 else None)
        else:  # a step taken by hand: animate it briefly
            self._apply(0.0)
            self._animation.start()

    def current_state(self) -> TcpState:
        if self._timeline is None or not self._timeline.steps:
            return S.CLOSED
        if self._index < 0:
            return initial_state(self._timeline, self.endpoint)
        return self._timeline.steps[self._index].snapshot(self.endpoint).state

    def highlighted_arcs(self) -> list[tuple[TcpState, TcpState]]:
        return self._taken_keys()

    def arc_keys(self) -> set[tuple[TcpState, TcpState]]:
        """Every (state, next) pair drawn, one item each (for tests)."""
        return set(self._arcs)

    def arc_item(self, state: TcpState, nxt: TcpState) -> ArcItem:
        return self._arcs[(state, nxt)]

    def arc_label_item(self, state: TcpState, nxt: TcpState) -> ArcLabelItem | None:
        return self._labels.get((state, nxt))

    def box_item(self, key: str) -> StateBoxItem:
        return self._boxes[key]

    def highlighted_box_keys(self) -> list[str]:
        return [k for k, box in self._boxes.items() if box.is_current]

    def caption(self) -> str:
        return self._caption.text()

    def title(self) -> str:
        return self._title.text()

    def legend(self) -> str:
        return self._legend.text()

    def retranslate(self) -> None:
        """Rebuild the scene in the interface language (label boxes fit their words), at the
        same cursor."""
        self._animation.stop()
        self.scene().clear()
        self._boxes, self._arcs, self._labels = {}, {}, {}
        self._title = QGraphicsSimpleTextItem()
        self._subtitle = QGraphicsSimpleTextItem()
        self._caption = QGraphicsSimpleTextItem()
        self._legend = QGraphicsSimpleTextItem()
        self._build_scene()
        self._apply_theme()
        if self._timeline is not None:
            self._apply(None)

    # ------------------------------------------------------------------ building

    def _build_scene(self) -> None:
        scene = self.scene()
        scene.setSceneRect(SCENE_RECT)
        title = self._title
        title.setText(self.tr("Client") if self.endpoint == "client" else self.tr("Server"))
        title.setFont(palette.font(18, bold=True))
        title.setPos(8, 4)
        scene.addItem(title)
        self._subtitle.setText(self.tr("TCP states, RFC 9293 §3.3.2"))
        self._subtitle.setFont(palette.font(10))
        self._subtitle.setPos(10 + title.boundingRect().width() + 8, 12)
        scene.addItem(self._subtitle)
        self._caption.setFont(palette.font(11.5, bold=True))
        self._caption.setPos(10, 30)
        scene.addItem(self._caption)
        self._legend.setText(self.tr("- - ◉  to CLOSED on rcv RST, ABORT or user timeout"))
        self._legend.setFont(palette.font(9.5))
        self._legend.setPos(8, SCENE_RECT.bottom() - 16)
        scene.addItem(self._legend)
        for key, centre in LAYOUT.items():
            state = TcpState.CLOSED if key == BOTTOM_CLOSED else TcpState[key]
            box = StateBoxItem(state, centre)
            self._boxes[key] = box
            scene.addItem(box)
        for (state, nxt), rows in table_arcs().items():
            self._add_arc(state, nxt, rows)

    def _add_arc(self, state: TcpState, nxt: TcpState, rows: list[Transition]) -> None:
        if drawn_as_stub(nxt, rows):
            arc = ArcItem(state, nxt, rows, stub_path(state), minor=True)
            self._arcs[arc.key] = arc
            self.scene().addItem(arc)
            return
        layout = arc_layout(state, nxt)
        path = arc_path(state, nxt, layout)
        arc = ArcItem(state, nxt, rows, path, minor=False)
        self._arcs[arc.key] = arc
        self.scene().addItem(arc)
        anchor = path.pointAtPercent(0.5) + QPointF(*layout.label_offset)
        label = ArcLabelItem(arc_label(rows, layout.wrap), anchor, layout.align, minor=False)
        self._labels[arc.key] = label
        self.scene().addItem(label)

    # ------------------------------------------------------------------ cursor

    def _taken_rows(self) -> list[Transition]:
        if self._timeline is None or self._index < 0:
            return []
        step = self._timeline.steps[self._index]
        return [f.row for f in step.transitions if f.endpoint == self.endpoint]

    def _taken_keys(self) -> list[tuple[TcpState, TcpState]]:
        keys = [(r.state, r.next) for r in self._taken_rows() if r.changes_state]
        return list(dict.fromkeys(keys))

    def _closed_box(self) -> str:
        """Which CLOSED box is lit: the bottom one once a connection has ended there."""
        assert self._timeline is not None
        for step in reversed(self._timeline.steps[: self._index + 1]):
            for fired in reversed(step.transitions):
                if fired.endpoint == self.endpoint and fired.row.changes_state \
                        and fired.row.next is S.CLOSED:
                    return box_key(S.CLOSED, arriving_from=fired.row.state)
        return S.CLOSED.name

    def _apply(self, dot: float | None) -> None:
        state = self.current_state()
        current_key = self._closed_box() if state is S.CLOSED else state.name
        rows = self._taken_rows()
        taken = set(self._taken_keys())
        kept = {r.state for r in rows if not r.changes_state}
        pulse = 0.0
        if kept:
            pulse = math.sin(math.pi * dot) if dot is not None else 0.35
        for key, box in self._boxes.items():
            box.set_look(key == current_key, pulse if box.state in kept and
                         (box.state is not S.CLOSED or key == current_key) else 0.0)
        for pair, arc in self._arcs.items():
            arc.set_look(pair in taken, dot if pair in taken else None)
        for pair, label in self._labels.items():
            label.set_highlighted(pair in taken)
        self._caption.setText(self._caption_text(rows))

    def _caption_text(self, rows: list[Transition]) -> str:
        if self._timeline is None or self._index < 0:
            return ""
        if not rows:
            return self.tr("waiting in {state}").format(state=self.current_state().rfc_name)
        parts = []
        for row in rows:
            what = row_text(row)
            if row.error:
                parts.append(self.tr("{event} refused: {error}").format(
                    event=row.event.label, error=model_tr(row.error)))
            elif row.changes_state:
                parts.append(f"{what}: {row.state.rfc_name} → {row.next.rfc_name}")
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
        self._title.setBrush(look.ink)
        self._subtitle.setBrush(look.muted)
        self._caption.setBrush(look.current_state_border)
        self._legend.setBrush(look.muted)
        self.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_theme()
        elif is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
