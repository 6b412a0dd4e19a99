"""The ladder's graphics items for one timeline at one width: built near the window, shown
at the cursor.

Theory of operation
-------------------
``ladder_layout`` says where everything goes; ``LadderScene`` makes the items. It builds
graphics items only for what is near the "now" line and what is on screen: a replayed
capture has 100,000 segments, and a scene holding an item for each would take seconds to
build and to search. For a short timeline (a scenario) the window covers everything, so every
item is built once; for a long one, ``sync`` asks the layout's interval indexes which items
overlap the window, drops the ones that left it and builds the ones that entered. Either way
``show_cursor`` then only changes visibility, how far each arrow has travelled, and pens, so
playback at 30 frames per second stays cheap.

Each new arrow's label is placed where it overlaps nothing, or the least (``ladder_labels``).
The items hold translated words and positions across (``Lanes``), so a language change or a
new width rebuilds them (``build``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from simulator.models.tcp.states import TcpState
from simulator.models.timeline.server_lane import frame_text
from simulator.models.timeline.steps import SegmentRecord, Timeline
from simulator.ui.tcp.ladder_axis import format_time
from simulator.ui.tcp.ladder_badges import StateBadgeItem, badge_size
from simulator.ui.tcp.ladder_facts import LadderFacts
from simulator.ui.tcp.ladder_fonts import FONT_UNITS, ladder_font
from simulator.ui.tcp.ladder_frame import (
    BreakItem,
    LifelineItem,
    NowLineItem,
    TimeAxisItem,
    break_lines,
)
from simulator.ui.tcp.ladder_items import SegmentArrowItem, current_segment_ids
from simulator.ui.tcp.ladder_labels import LabelPlacer
from simulator.ui.tcp.ladder_lane import (
    BAR_WIDTH,
    LABEL_GAP,
    MessageBracketItem,
    ServerLaneItem,
    StageBlock,
    stage_label_width,
)
from simulator.ui.tcp.ladder_layout import (
    BADGE_GAP,
    BOTTOM_MARGIN,
    IntervalIndex,
    LadderLayout,
    Lanes,
    lanes_for,
)

Range = tuple[float, float]
ItemT = TypeVar("ItemT", bound=QGraphicsItem)
Labels = Callable[[SegmentRecord], tuple[str, str]]  # (label, its numbers alone)
LANE_TAIL = 15.0  # the last stage's block reaches this far below its last step
LANE_SHARE = 0.3  # the call-chain stages may take this share of the width, then wrap


class LadderScene:
    """The items of one timeline's ladder in ``scene``, for one set of lanes."""

    def __init__(self, scene: QGraphicsScene, timeline: Timeline, layout: LadderLayout,
                 facts: LadderFacts, labels: Labels) -> None:
        self.scene, self.timeline, self.layout, self.facts = scene, timeline, layout, facts
        self.labels = labels
        self.lanes = Lanes(400.0, 60.0, 100.0, 340.0)
        self.arrows: dict[int, SegmentArrowItem] = {}  # built arrows by segment id
        self.badges: dict[int, StateBadgeItem] = {}  # by place in layout.badges
        self.breaks: dict[int, BreakItem] = {}  # by place in layout.breaks
        self.brackets: dict[int, MessageBracketItem] = {}  # by place in the messages
        self.lane_items: list[ServerLaneItem] = []
        self.time_axis: TimeAxisItem | None = None
        self.marker: NowLineItem | None = None
        self.hit_width = 12.0
        self.lane_room = 0.0
        self.placer = LabelPlacer()
        spread = [m for m in facts.http.messages if m.segment_count > 1]
        self._spread = spread
        starts = layout.y_start
        self.bracket_index = IntervalIndex(
            np.array([starts[m.first_segment] for m in spread], dtype=np.float64),
            np.array([starts[m.last_segment] for m in spread], dtype=np.float64))

    # ------------------------------------------------------------------ building
    def lanes_for_width(self, width: float) -> Lanes:
        """Lanes for a view ``width`` scene units wide: room for the time labels, each
        endpoint's widest badge and, beside the server, its call-chain stages (wrapped
        beyond ``LANE_SHARE`` of the width)."""
        layout, facts = self.layout, self.facts
        fm = QFontMetricsF(ladder_font(FONT_UNITS))
        last = float(layout.tick_times[-1]) if len(layout.tick_times) else 0.0
        time_width = fm.horizontalAdvance(format_time(last, layout.tick_decimals)) + 4
        least = badge_size(TcpState.ESTABLISHED)[0]
        rooms = {"client": least, "server": least}
        for endpoint, state in {(b.endpoint, b.state) for b in layout.badges}:
            rooms[endpoint] = max(rooms[endpoint], badge_size(state)[0])
        server = rooms["server"]
        if not facts.lane:
            return lanes_for(width, time_width, rooms["client"], server)
        stages = {stage for span in facts.lane for _, stage in span.stages}
        room = min(stage_label_width(stages), max(server, LANE_SHARE * width))
        lanes = lanes_for(width, time_width, rooms["client"],
                          max(server, room + BAR_WIDTH / 2 + LABEL_GAP))
        if lanes.width > width:  # the stages wrap more before the scene scrolls sideways
            room = max(server - BAR_WIDTH / 2 - LABEL_GAP, room - (lanes.width - width))
            lanes = lanes_for(width, time_width, rooms["client"],
                              max(server, room + BAR_WIDTH / 2 + LABEL_GAP))
        self.lane_room = room
        return lanes

    def build(self, lanes: Lanes, full: bool) -> None:
        """Clear the scene and lay the frame out for ``lanes`` (every item too if ``full``)."""
        self.lanes = lanes
        scene, layout = self.scene, self.layout
        scene.clear()
        self.arrows, self.badges, self.breaks, self.brackets = {}, {}, {}, {}
        bottom = layout.bottom
        gaps = layout.lifeline_gaps()
        top = 0.0
        for x in (lanes.client_x, lanes.server_x):
            scene.addItem(LifelineItem(x, top, bottom, gaps))
        self.placer.reset([QRectF(x - 2, 0, 4, bottom)
                           for x in (lanes.client_x, lanes.server_x)])
        self.time_axis = TimeAxisItem(layout.tick_y, layout.tick_times, layout.tick_decimals,
                                      bottom, lanes.time_right)
        scene.addItem(self.time_axis)
        self.marker = NowLineItem(lanes)
        scene.addItem(self.marker)
        self.lane_items = [self._make_lane(k) for k in range(len(self.facts.lane))]
        for item in self.lane_items:
            scene.addItem(item)
        scene.setSceneRect(QRectF(0, 0, lanes.width, bottom + BOTTOM_MARGIN))
        if full:
            self.sync([(float("-inf"), float("inf"))], set())

    def _make_lane(self, k: int) -> ServerLaneItem:
        span = self.facts.lane[k]
        axis = self.layout.axis
        starts = [s for s, _ in span.stages]
        blocks = []
        for j, (step, stage) in enumerate(span.stages):
            bottom = (axis.y_of(starts[j + 1]) if j + 1 < len(starts)
                      else axis.y_of(span.last_step) + LANE_TAIL)
            blocks.append(StageBlock(stage, axis.y_of(step), bottom))
        return ServerLaneItem(self.lanes.server_x, blocks, self.lane_room)

    def sync(self, ranges: list[Range], current_badges: set[int]) -> None:
        """Build the items overlapping ``ranges`` and remove the others (each endpoint's
        badge for its current state stays, wherever it is)."""
        layout = self.layout

        def wanted(index: IntervalIndex) -> set[int]:
            found: set[int] = set()
            for a, b in ranges:
                found.update(index.overlapping(a, b))
            return found

        self._sync(self.badges, wanted(layout.badge_index) | current_badges, self._make_badge)
        self._sync(self.breaks, wanted(layout.breaks), self._make_break)
        self._sync(self.brackets, wanted(self.bracket_index), self._make_bracket)
        before = dict(self.arrows)
        new_arrows = self._sync(self.arrows, wanted(layout.arrows), self._make_arrow)
        for segment_id in set(before).difference(self.arrows):
            self.placer.forget(segment_id)
            self.scene.removeItem(before[segment_id].label_item())
        for segment_id in new_arrows:  # a label is an item of its own, under the arrows
            self.scene.addItem(self.arrows[segment_id].label_item())
        if new_arrows:
            self.place_labels(new_arrows)

    def _sync(self, built: dict[int, ItemT], wanted: set[int],
              make: Callable[[int], ItemT]) -> list[int]:
        scene = self.scene
        for key in [k for k in built if k not in wanted]:
            scene.removeItem(built.pop(key))
        new = sorted(wanted.difference(built))
        for key in new:
            item = built[key] = make(key)
            scene.addItem(item)
        return new

    def _make_badge(self, k: int) -> StateBadgeItem:
        b = self.layout.badges[k]
        right = b.endpoint == "client"
        x = self.lanes.client_x - BADGE_GAP if right else self.lanes.server_x + BADGE_GAP
        badge = StateBadgeItem(b.state, QPointF(x, b.y), right, b.step)
        badge.setData(0, b.endpoint)
        return badge

    def _make_break(self, k: int) -> BreakItem:
        layout = self.layout
        return BreakItem(float(layout.break_top[k]), float(layout.break_bottom[k]),
                         lambda: break_lines(layout.break_note(k)), self.lanes)

    def _make_bracket(self, k: int) -> MessageBracketItem:
        m = self._spread[k]
        client = m.sender == "client"
        x = self.lanes.client_x if client else self.lanes.server_x
        starts = self.layout.y_start
        return MessageBracketItem(x, 1.0 if client else -1.0, float(starts[m.first_segment]),
                                  float(starts[m.last_segment]), m.message.kind.value
                                  == "request")

    def _make_arrow(self, segment_id: int) -> SegmentArrowItem:
        record = self.timeline.segments[segment_id]
        g = self.layout.arrow(segment_id, self.lanes)
        arrow = SegmentArrowItem(record, QPointF(*g.start), QPointF(*g.end),
                                 QPointF(*g.receiver), self.facts.marks(segment_id),
                                 self.facts.message_at(segment_id))
        arrow.set_hit_width(self.hit_width)
        arrow.set_numbers(*self.labels(record))
        return arrow

    def place_labels(self, segment_ids: list[int]) -> None:
        self.placer.place(self.arrows, segment_ids,
                          (*self.badges.values(), *self.breaks.values(), *self.lane_items))

    def renumber(self) -> None:
        """Write every label again (the numbers' convention changed) and place them anew."""
        for arrow in self.arrows.values():
            arrow.set_numbers(*self.labels(arrow.record))
        self.placer.forget_labels()
        self.place_labels(sorted(self.arrows))

    # ------------------------------------------------------------------ the cursor
    def show_cursor(self, index: int, progress: float) -> None:
        layout = self.layout
        u = index - 1 + progress
        y_now = layout.axis.y_at(u)
        step = self.timeline.steps[index] if index >= 0 else None
        current_ids = current_segment_ids(step)
        for arrow in self.arrows.values():
            visible = arrow.sent_step <= u + 1e-9
            # the head sits on the "now" line (segments of a burst leave one after another)
            y_start, y_end = arrow.start.y(), arrow.end.y()
            fraction = 1.0 if y_end <= y_start else (y_now - y_start) / (y_end - y_start)
            arrow.set_progress(visible, fraction, arrow.segment_id in current_ids)
        current = set(layout.current_badges(u).values())
        for k, badge in self.badges.items():
            badge.setVisible(badge.step <= u + 1e-9)
            badge.set_current(k in current)
        if self.time_axis is not None:
            self.time_axis.set_shown(int(np.searchsorted(layout.tick_steps, index,
                                                         side="right")))
        for k, band in self.breaks.items():
            band.setVisible(int(layout.axis.break_after[k]) <= index)
        for k, bracket in self.brackets.items():
            bracket.setVisible(self.timeline.segments[self._spread[k].first_segment]
                               .sent_step <= u + 1e-9)
        self._show_lane(index, y_now, step)

    def _show_lane(self, index: int, y_now: float, step: object) -> None:
        snapshot = getattr(step, "wsgi", None)
        frame = frame_text(snapshot) if snapshot is not None else ""
        for span, item in zip(self.facts.lane, self.lane_items, strict=True):
            item.setVisible(span.first_step <= index)
            inside = span.first_step <= index <= span.last_step
            item.set_cursor(y_now, inside, frame if inside else "")
