"""Where the state diagram's arc labels go: beside their arcs, clear of the boxes and of each
other, at the size the class reads.

Theory of operation
-------------------
RFC 9293 figure 5 fits its labels by hand at one size. Here the figure is packed to whatever
room the view has, with text at a fixed pixel size, so labels are placed by search: for each
label (the taken arc's first, then the current state's outgoing arcs) ``place_labels`` tries
points along its arc and, at each, the label centred on the point, beside it, above and
below it, and further across or up and down (past a box), in one or more line layouts
(``LabelRequest.layouts``, e.g. "rcv SYN / snd SYN,ACK" on one line or broken after the
"/"); it keeps the candidate that covers least of the boxes, the labels already placed and
the other labelled arcs, stays inside the figure, and sits closest to the arc's middle.
The taken arc's label is always placed. An outgoing (optional) label is placed only where
it hides no state name and no other label and reads as its own arc's (near it, and nearer
it than any other labelled arc): a label beside the wrong arc would teach the wrong
transition, so a label with no such place is left out (the arc's tooltip still has it).
Nothing here knows Qt's scene: the caller passes the obstacles as rectangles and paths.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSizeF
from PySide6.QtGui import QPainterPath

ALONG = (0.5, 0.38, 0.62, 0.26, 0.74, 0.15, 0.85)
OUTSIDE = 1e9  # a candidate leaving the figure's area is taken only if nothing else is left


@dataclass(frozen=True)
class LabelRequest:
    """A label to place: its arc, and its possible layouts as (lines, size) pairs. An
    ``optional`` label is left out rather than put over an important box or another label."""

    path: QPainterPath
    layouts: Sequence[tuple[list[str], QSizeF]]
    along: Sequence[float] = ALONG
    optional: bool = False


@dataclass(frozen=True)
class Placement:
    lines: list[str]
    rect: QRectF


@dataclass(frozen=True)
class Obstacle:
    """Something a label should not cover, and how much covering it costs per square px;
    ``important`` ones are never covered by an optional label."""

    rect: QRectF
    weight: float
    important: bool = False


def place_labels(requests: Sequence[LabelRequest], area: QRectF, obstacles: list[Obstacle],
                 gap: float, reach: QSizeF) -> list[Placement | None]:
    """Place each request in turn (earlier ones get the better spots); a placed label becomes
    an obstacle for the later ones, and no label should hide another request's arc. ``gap``
    is the distance kept between a label and its arc's point, ``reach`` further distances
    tried across and up or down (past a box beside the arc). None for an optional label
    that found no room."""
    placed: list[Placement | None] = []
    blocked = list(obstacles)
    samples = [[r.path.pointAtPercent(i / 24) for i in range(25)] for r in requests]
    for n, request in enumerate(requests):
        others = [p for m, points in enumerate(samples) if m != n for p in points]
        best = _best(request, area, blocked, others, samples[n], gap, reach)
        placed.append(best)
        if best is not None:
            blocked.append(Obstacle(best.rect.adjusted(-2, -2, 2, 2), 60.0, important=True))
    return placed


def _best(request: LabelRequest, area: QRectF, blocked: list[Obstacle],
          samples: list[QPointF], own: list[QPointF], gap: float,
          reach: QSizeF) -> Placement | None:
    """The cheapest candidate; for an optional label only among those clear of important
    things, beside their own arc and nearer to it than to the other labelled arcs."""
    best: tuple[float, Placement] | None = None
    span = request.path.boundingRect()
    for lines, size in request.layouts:
        line = size.height() / len(lines)
        for along in request.along:
            point = request.path.pointAtPercent(along)
            for rect in _around(point, size, gap, reach):
                cost = (abs(along - 0.5) * 40 + _distance(point, rect) * 4) * size.height() \
                    + _lines_cost(lines, size)
                if best is not None and cost >= best[0]:
                    continue
                if request.optional and not (
                        _clear(rect, area, blocked)
                        and _beside(rect, own, span, line, reach.width() + gap)
                        and _nearest(rect, own) <= _nearest(rect, samples)):
                    continue
                cost += _cost(rect, area, blocked, samples, size.height())
                if best is None or cost < best[0]:
                    best = (cost, Placement(lines, rect))
    return None if best is None else best[1]


def _nearest(rect: QRectF, points: list[QPointF]) -> float:
    return min((_distance(p, rect) for p in points), default=math.inf)


def _beside(rect: QRectF, own: list[QPointF], span: QRectF, line: float,
            across: float) -> bool:
    """Whether a label reads as its arc's: within half a line of it, or level with a short
    arc (between two boxes one above the other) and just across the box beside it (at most
    ``across`` away). It must also be nearer its own arc than any other labelled one: a label
    next to the wrong arc would teach the wrong transition."""
    if _nearest(rect, own) <= line / 2:
        return True
    short = span.width() < line and span.height() < 2 * line
    level = span.top() - line / 2 <= rect.center().y() <= span.bottom() + line / 2
    gap = max(rect.left() - span.right(), span.left() - rect.right())
    return short and level and 0 < gap <= across


def _clear(rect: QRectF, area: QRectF, blocked: list[Obstacle]) -> bool:
    return area.contains(rect) and not any(o.important and o.rect.intersects(rect)
                                           for o in blocked)


def _around(point: QPointF, size: QSizeF, gap: float, reach: QSizeF) -> list[QRectF]:
    """The label centred on ``point``, then beside it, above and below, and further aside
    (past a box the arc leaves or enters: ``reach`` across and up or down)."""
    w, h = size.width(), size.height()
    x, y = point.x(), point.y()
    lefts = (x - w / 2, x - w - gap, x + gap, x - w - reach.width(), x + reach.width())
    tops = (y - h / 2, y - h - gap, y + gap, y - h - reach.height(), y + reach.height())
    return [QRectF(left, top, w, h) for left in lefts for top in tops]


def _cost(rect: QRectF, area: QRectF, blocked: list[Obstacle], samples: list[QPointF],
          line_h: float) -> float:
    cost = 0.0 if area.contains(rect) else OUTSIDE
    for obstacle in blocked:
        cost += _overlap(rect, obstacle.rect) * obstacle.weight
    covered = sum(1 for p in samples if rect.contains(p))
    return cost + covered * line_h * line_h


def _lines_cost(lines: list[str], size: QSizeF) -> float:
    """A small preference for fewer lines when both fit."""
    return (len(lines) - 1) * size.height() * 2


def _distance(point: QPointF, rect: QRectF) -> float:
    """How far the label is from its arc's point (0 when it touches it)."""
    dx = max(rect.left() - point.x(), 0.0, point.x() - rect.right())
    dy = max(rect.top() - point.y(), 0.0, point.y() - rect.bottom())
    return math.hypot(dx, dy)


def _overlap(a: QRectF, b: QRectF) -> float:
    inter = a.intersected(b)
    return 0.0 if inter.isEmpty() else inter.width() * inter.height()

