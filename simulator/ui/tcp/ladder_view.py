"""The ladder (sequence) diagram: two lifelines, time flowing down, one arrow per segment.

Theory of operation
-------------------
``ladder_layout`` decides where everything goes (the time axis, each arrow, badge, tick and
break); ``ladder_items`` draws one thing each. This view builds graphics items only for what
is near the "now" line and what is on screen: a replayed capture has 100,000 segments, and a
scene holding an item for each would take seconds to build and to search. For a short
timeline (a scenario) the window covers everything, so every item is built once in
``set_timeline``; for a long one, ``set_cursor`` and scrolling ask the layout's interval
indexes which items overlap the window, drop the ones that left it and build the ones that
entered. Either way ``set_cursor`` then only changes visibility, how far each arrow has
travelled, and pens, so playback at 30 frames per second stays cheap.

Each new arrow's label is placed where it overlaps the fewest items already in the scene
(``ladder_labels``).

Colours follow the view's palette: items pick theirs when painted (``palette.look_for``), so
on a palette change the view only resets its background and repaints. On a language change
it rebuilds its items (labels, tooltips and break bands hold translated words) at the same
cursor and scroll position.

The view keeps no protocol state: everything comes from the Timeline and the cursor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QMouseEvent, QPainter, QResizeEvent, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QWidget

from simulator.models.timeline.steps import SegmentRecord, Timeline
from simulator.ui.common import palette
from simulator.ui.tcp.ladder_frame import (
    BreakItem,
    HeaderItem,
    LifelineItem,
    NowLineItem,
    TimeAxisItem,
    break_lines,
)
from simulator.ui.tcp.ladder_items import (
    SegmentArrowItem,
    StateBadgeItem,
    arrow_at,
    current_segment_ids,
)
from simulator.ui.tcp.ladder_labels import LabelPlacer
from simulator.ui.tcp.ladder_layout import (
    BADGE_GAP,
    BOTTOM_MARGIN,
    CLIENT_X,
    HEADER_HEIGHT,
    HEADER_TOP,
    SCENE_WIDTH,
    SERVER_X,
    IntervalIndex,
    LadderAxis,
    LadderLayout,
    layout_of,
)
from simulator.ui.text.i18n import is_language_change

MAX_ZOOM = 1.6
FULL_BUILD_SEGMENTS = 400  # up to this many segments (and steps), build every item once
FULL_BUILD_STEPS = 1000
FOLLOW_AT = 0.65  # the "now" line sits this far down the viewport
WINDOW_MARGIN = 0.5  # build items this many viewport heights beyond what is shown
MIN_WINDOW = 600.0  # scene units, when the viewport is not laid out yet

Range = tuple[float, float]
ItemT = TypeVar("ItemT", bound=QGraphicsItem)


class LadderView(QGraphicsView):
    """Sequence diagram of the timeline at the cursor (see the module docstring)."""

    segment_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        scene = QGraphicsScene(self)
        # A few hundred items at most, added and removed as the window moves: a linear
        # search is cheaper than keeping a BSP tree up to date.
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setScene(scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self._timeline: Timeline | None = None
        self._layout: LadderLayout | None = None
        self._full = True
        self._relative = True
        self._index = -1
        self._progress = 1.0
        self._arrows: dict[int, SegmentArrowItem] = {}  # built arrows by segment id
        self._badges: dict[int, StateBadgeItem] = {}  # by place in layout.badges
        self._time_axis: TimeAxisItem | None = None
        self._breaks: dict[int, BreakItem] = {}  # by place in layout.breaks
        self._label_placer = LabelPlacer()
        self._marker: NowLineItem | None = None
        self._click_taken = False
        self._following = False
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self._apply_theme()

    # ------------------------------------------------------------------ public API

    def set_timeline(self, timeline: Timeline) -> None:
        self._timeline = timeline
        self._layout = layout_of(timeline)
        self._full = (self._layout.segment_count <= FULL_BUILD_SEGMENTS
                      and len(timeline) <= FULL_BUILD_STEPS)
        self._rebuild()
        self.set_cursor(len(timeline) - 1 if len(timeline) else -1)
        self._fit_width()

    def set_cursor(self, index: int, progress: float = 1.0) -> None:
        if self._timeline is None or self._layout is None:
            return
        n = len(self._timeline)
        self._index = max(-1, min(index, n - 1))
        self._progress = min(1.0, max(0.0, progress))
        y_now = self._place_marker()
        if self._marker is not None and self.isVisible():
            self._following = True
            self._follow(y_now)
            self._following = False
        self._update_window()
        self._show_cursor()

    def _place_marker(self) -> float:
        """Put the "now" line at the cursor; returns its y."""
        assert self._layout is not None
        y_now = self._layout.axis.y_at(self._index - 1 + self._progress)
        if self._marker is not None:
            self._marker.set_y(y_now)
        return y_now

    def retranslate(self) -> None:
        """Rebuild the items at the same cursor and scroll position: arrow labels, tooltips
        and break bands hold words of the interface language (headers are translated when
        painted)."""
        if self._timeline is None or self._layout is None:
            self.viewport().update()
            return
        bar = self.verticalScrollBar()
        value = bar.value()
        self._rebuild()
        self._place_marker()
        self._update_window()
        self._show_cursor()
        bar.setValue(value)
        self.viewport().update()

    def header_titles(self) -> list[str]:
        """The lane titles as drawn ('Client', 'Server' in the interface language)."""
        return [item.title for item in self.scene().items() if isinstance(item, HeaderItem)]

    def set_relative_numbers(self, relative: bool) -> None:
        self._relative = relative
        if self._timeline is not None:
            for arrow in self._arrows.values():
                arrow.set_numbers(*self._bases(arrow.record))
            self._label_placer.forget_labels()
            self._place_labels(sorted(self._arrows))

    def relative_numbers(self) -> bool:
        return self._relative

    def arrow_items(self) -> list[SegmentArrowItem]:
        """The arrows drawn (segments already sent at the cursor, near it or on screen),
        by segment id."""
        return [a for _, a in sorted(self._arrows.items()) if a.isVisible()]

    def all_arrow_items(self) -> list[SegmentArrowItem]:
        """Every arrow item built (for a long timeline, only those near the window)."""
        return [a for _, a in sorted(self._arrows.items())]

    def badge_items(self) -> list[StateBadgeItem]:
        return [b for _, b in sorted(self._badges.items()) if b.isVisible()]

    def break_items(self) -> list[BreakItem]:
        return [b for _, b in sorted(self._breaks.items()) if b.isVisible()]

    def marker_y(self) -> float:
        return self._marker.line_y() if self._marker is not None else 0.0

    @property
    def _axis(self) -> LadderAxis:
        assert self._layout is not None
        return self._layout.axis

    # ------------------------------------------------------------------ building

    def _bases(self, record: SegmentRecord) -> tuple[int, int]:
        if not self._relative or self._timeline is None or self._layout is None:
            return 0, 0
        tl = self._timeline
        # An endpoint with no connection (e.g. a closed port answering RST) has no ISN:
        # its numbers are shown as they are.
        has_iss = self._layout.columns.seg_sender_has_iss[record.id]
        return tl.isn.get(record.src, 0) if has_iss else 0, tl.isn.get(record.dst, 0)

    def _rebuild(self) -> None:
        scene = self.scene()
        scene.clear()
        self._arrows, self._badges, self._breaks = {}, {}, {}
        tl, layout = self._timeline, self._layout
        assert tl is not None and layout is not None
        bottom = layout.bottom
        gaps = layout.lifeline_gaps()
        for name, x in (("client", CLIENT_X), ("server", SERVER_X)):
            scene.addItem(HeaderItem(name, tl.addresses.get(name, ""), x))
            scene.addItem(LifelineItem(x, HEADER_TOP + HEADER_HEIGHT, bottom, gaps))
        self._label_placer.reset([QRectF(x - 2, 0, 4, bottom) for x in (CLIENT_X, SERVER_X)])
        self._time_axis = TimeAxisItem(layout.tick_y, layout.tick_times, layout.tick_decimals,
                                       bottom)
        scene.addItem(self._time_axis)
        self._marker = NowLineItem()
        scene.addItem(self._marker)
        scene.setSceneRect(QRectF(0, 0, SCENE_WIDTH, bottom + BOTTOM_MARGIN))
        if self._full:
            everything = (float("-inf"), float("inf"))
            self._sync_items([everything])

    # ------------------------------------------------------------------ the window

    def _window(self) -> list[Range]:
        """The y ranges whose items must exist: around the "now" line and on screen."""
        assert self._layout is not None
        scale = self.transform().m22() or 1.0
        height = max(MIN_WINDOW, self.viewport().height() / scale)
        margin = WINDOW_MARGIN * height
        y_now = self._layout.axis.y_at(self._index - 1 + self._progress)
        ranges = [(y_now - FOLLOW_AT * height - margin, y_now + (1 - FOLLOW_AT) * height
                   + margin)]
        if self.isVisible():
            shown = self.mapToScene(self.viewport().rect()).boundingRect()
            ranges.append((shown.top() - margin, shown.bottom() + margin))
        return ranges

    def _update_window(self) -> None:
        if not self._full and self._layout is not None:
            self._sync_items(self._window())

    def _sync_items(self, ranges: list[Range]) -> None:
        """Build the items overlapping ``ranges`` and remove the others (each endpoint's
        badge for its current state stays, wherever it is)."""
        layout = self._layout
        assert layout is not None

        def wanted(index: IntervalIndex) -> set[int]:
            found: set[int] = set()
            for a, b in ranges:
                found.update(index.overlapping(a, b))
            return found

        self._sync(self._badges, wanted(layout.badge_index) | self._current_badges(),
                   self._make_badge)
        self._sync(self._breaks, wanted(layout.breaks), self._make_break)
        before = set(self._arrows)
        new_arrows = self._sync(self._arrows, wanted(layout.arrows), self._make_arrow)
        for segment_id in before.difference(self._arrows):
            self._label_placer.forget(segment_id)
        if new_arrows:
            self._place_labels(new_arrows)

    def _sync(self, built: dict[int, ItemT], wanted: set[int],
              make: Callable[[int], ItemT]) -> list[int]:
        scene = self.scene()
        for key in [k for k in built if k not in wanted]:
            scene.removeItem(built.pop(key))
        new = sorted(wanted.difference(built))
        for key in new:
            item = built[key] = make(key)
            scene.addItem(item)
        return new

    def _current_badges(self) -> set[int]:
        """Each endpoint's latest badge at the cursor (its current state)."""
        assert self._layout is not None
        u = self._index - 1 + self._progress
        return set(self._layout.current_badges(u).values())

    def _make_badge(self, k: int) -> StateBadgeItem:
        assert self._layout is not None
        b = self._layout.badges[k]
        right = b.endpoint == "client"
        x = CLIENT_X - BADGE_GAP if right else SERVER_X + BADGE_GAP
        badge = StateBadgeItem(b.state, QPointF(x, b.y), right, b.step)
        badge.setData(0, b.endpoint)
        return badge

    def _make_break(self, k: int) -> BreakItem:
        layout = self._layout
        assert layout is not None
        return BreakItem(float(layout.break_top[k]), float(layout.break_bottom[k]),
                         lambda: break_lines(layout.break_note(k)))

    def _make_arrow(self, segment_id: int) -> SegmentArrowItem:
        assert self._layout is not None and self._timeline is not None
        record = self._timeline.segments[segment_id]
        g = self._layout.arrow(segment_id)
        arrow = SegmentArrowItem(record, QPointF(*g.start), QPointF(*g.end),
                                 QPointF(*g.receiver))
        arrow.set_numbers(*self._bases(record))
        return arrow

    def _place_labels(self, segment_ids: list[int]) -> None:
        self._label_placer.place(self._arrows, segment_ids,
                                 (*self._badges.values(), *self._breaks.values()))

    # ------------------------------------------------------------------ the cursor

    def _show_cursor(self) -> None:
        assert self._timeline is not None and self._layout is not None
        u = self._index - 1 + self._progress
        y_now = self._layout.axis.y_at(u)
        step = self._timeline.steps[self._index] if self._index >= 0 else None
        current_ids = current_segment_ids(step)
        for arrow in self._arrows.values():
            visible = arrow.sent_step <= u + 1e-9
            # the head sits on the "now" line (segments of a burst leave one after another)
            y_start, y_end = arrow.start.y(), arrow.end.y()
            fraction = 1.0 if y_end <= y_start else (y_now - y_start) / (y_end - y_start)
            arrow.set_progress(visible, fraction, arrow.segment_id in current_ids)
        current = set(self._layout.current_badges(u).values())
        for k, badge in self._badges.items():
            badge.setVisible(badge.step <= u + 1e-9)
            badge.set_current(k in current)
        if self._time_axis is not None:
            self._time_axis.set_shown(int(np.searchsorted(self._layout.tick_steps, self._index,
                                                          side="right")))
        for k, band in self._breaks.items():
            band.setVisible(int(self._layout.axis.break_after[k]) <= self._index)

    def _on_scrolled(self, _value: int) -> None:
        if not self._following and not self._full and self._layout is not None:
            self._update_window()
            self._show_cursor()

    # ------------------------------------------------------------------ Qt events

    def _apply_theme(self) -> None:
        self.setBackgroundBrush(QBrush(palette.look(palette.is_dark(self.palette())).background))
        self.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_theme()
        elif is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_width()

    def _fit_width(self) -> None:
        width = self.scene().sceneRect().width()
        if width <= 0:
            return
        scale = min(MAX_ZOOM, max(0.2, (self.viewport().width() - 4) / width))
        self.setTransform(QTransform.fromScale(scale, scale))
        if self._marker is not None:
            self._follow(self.marker_y())

    def _follow(self, y: float) -> None:
        """Keep the "now" line two thirds down the viewport: the past stays in view."""
        at = self.mapFromScene(QPointF(CLIENT_X, y)).y()
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + round(at - FOLLOW_AT * self.viewport().height()))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            arrow = arrow_at(self.items(event.position().toPoint()))
            if arrow is not None:
                self._click_taken = True
                event.accept()
                self.segment_clicked.emit(arrow.sent_step)
                return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._click_taken:
            self._click_taken = False
            event.accept()
            return
        super().mouseReleaseEvent(event)
