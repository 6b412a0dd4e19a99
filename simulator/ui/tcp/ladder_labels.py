"""Where the ladder's arrow labels go: greedy placement among the items already built.

Theory of operation
-------------------
Each new arrow's label takes the first of its candidate spots (along the arrow, above or
below, then level beside it just off a lifeline: ``SegmentArrowItem.label_candidates``) that
overlaps nothing; if every spot overlaps something, the one that overlaps least. A label
placed earlier weighs most (text on text cannot be read), then another arrow's line through
the label (a crossing arrow: labels are drawn under every arrow, so it stays in sight, but it
crosses the words), then the lifelines, badges, break bands and the server's call-chain
lane. A bounding box test comes first, so only the neighbours are compared exactly.

The ladder view builds arrows only near its window (``ladder_view``), so ``LabelPlacer``
remembers where each built arrow's label went and forgets it when the arrow is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from simulator.ui.tcp.ladder_items import SegmentArrowItem
from simulator.ui.tcp.ladder_label import LabelSpot

LABEL, CROSSING, FIXED = 4.0, 3.0, 2.0  # what an overlap costs

Area = tuple[QRectF, QPainterPath]  # a bounding box for the quick test, the exact shape


def box_area(rect: QRectF) -> Area:
    area = QPainterPath()
    area.addRect(rect)
    return rect, area


class LabelPlacer:
    """Places the labels of new arrows and remembers where every built arrow's label is."""

    def __init__(self) -> None:
        self._placed: dict[int, Area] = {}  # by segment id
        self._lifelines: list[Area] = []

    def reset(self, lifelines: list[QRectF]) -> None:
        """Forget every label: the scene was rebuilt, with ``lifelines`` standing in it."""
        self._placed = {}
        self._lifelines = [box_area(rect) for rect in lifelines]

    def forget_labels(self) -> None:
        """Forget every label, keeping the lifelines (the labels are about to be placed
        again)."""
        self._placed.clear()

    def forget(self, segment_id: int) -> None:
        """The arrow of ``segment_id`` was dropped: its label no longer stands in the way."""
        del self._placed[segment_id]

    def place(self, arrows: Mapping[int, SegmentArrowItem], segment_ids: list[int],
              obstacles: Iterable[QGraphicsItem]) -> None:
        """Place the labels of ``arrows[id]`` for each of ``segment_ids``, in that order,
        avoiding the other arrows, the labels already placed, the lifelines and
        ``obstacles`` (badges, break bands, the call-chain lane)."""
        fixed = list(self._lifelines)
        fixed.extend(box_area(item.boundingRect()) for item in obstacles)
        lines = [(a, a.obstacle_box(), a.obstacle()) for a in arrows.values()]
        placed = self._placed
        for segment_id in segment_ids:
            arrow = arrows[segment_id]
            # only what lies near the label's spots is compared with each spot: the
            # neighbours are found with a box that holds every spot, and each spot's shape
            # is made only when the spots before it overlapped something (the first is
            # usually free)
            zone = arrow.label_reach()
            near_lines = [(r, p) for a, r, p in lines if a is not arrow and r.intersects(zone)]
            near_labels = [(r, p) for r, p in placed.values() if r.intersects(zone)]
            near_fixed = [(r, p) for r, p in fixed if r.intersects(zone)]
            own = arrow.own_mark()
            best: tuple[float, LabelSpot, QPainterPath] | None = None
            for spot in arrow.label_candidates():
                area = QPainterPath()
                area.addPolygon(arrow.label_polygon(spot))
                area.closeSubpath()
                box = area.boundingRect()
                cost = LABEL * _hits(near_labels, box, area)
                cost += CROSSING * _hits(near_lines, box, area)
                cost += FIXED * _hits(near_fixed, box, area)
                if own is not None and own.intersects(area):
                    cost += FIXED
                if best is None or cost < best[0]:
                    best = (cost, spot, area)
                if cost == 0:
                    break
            assert best is not None
            arrow.place_label(best[1])
            placed[segment_id] = (best[2].boundingRect(), best[2])


def _hits(near: list[Area], box: QRectF, area: QPainterPath) -> int:
    return sum(1 for r, p in near if r.intersects(box) and p.intersects(area))
