"""Where the ladder's arrow labels go: greedy placement among the items already built.

Theory of operation
-------------------
Each new arrow's label takes the first of its candidate spots (along the arrow, above or
below: ``SegmentArrowItem.label_candidates``) that overlaps the fewest arrows, labels and
badges already in the scene; a label placed earlier weighs most, then the lifelines, badges
and break bands, then the other arrows. A bounding box test comes first, so only the
neighbours are compared exactly.

The ladder view builds arrows only near its window (``ladder_view``), so ``LabelPlacer``
remembers where each built arrow's label went and forgets it when the arrow is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from simulator.ui.tcp.ladder_items import SegmentArrowItem

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
        avoiding the labels already placed, the lifelines, ``obstacles`` (badges and break
        bands) and the other arrows."""
        fixed = list(self._lifelines)
        fixed.extend(box_area(item.boundingRect()) for item in obstacles)
        lines = [(a, p.boundingRect(), p)
                 for a, p in ((a, a.obstacle()) for a in arrows.values())]
        placed = self._placed
        for segment_id in segment_ids:
            arrow = arrows[segment_id]
            best: tuple[float, float, bool] | None = None
            for fraction, above in arrow.label_candidates():
                area = QPainterPath()
                area.addPolygon(arrow.label_polygon(fraction, above))
                area.closeSubpath()
                box = area.boundingRect()
                hits = 3.0 * sum(1 for r, p in placed.values()
                                 if r.intersects(box) and p.intersects(area))
                hits += 2.0 * sum(1 for r, p in fixed if r.intersects(box) and p.intersects(area))
                hits += sum(1 for a, r, p in lines
                            if a is not arrow and r.intersects(box) and p.intersects(area))
                if best is None or hits < best[0]:
                    best = (hits, fraction, above)
                if hits == 0:
                    break
            assert best is not None
            arrow.place_label(best[1], best[2])
            area = QPainterPath()
            area.addPolygon(arrow.label_polygon(best[1], best[2]))
            placed[segment_id] = (area.boundingRect(), area)
